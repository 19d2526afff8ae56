"""Message templates in English and Chinese for the errors the library raises.

The mechanism, in three parts:

* :data:`MESSAGES` is the one table of templates: each key maps to an
  ``(English, 中文)`` pair of :meth:`str.format` templates with the same
  placeholders (a test checks this).
* An error the library raises for bad input is one of :class:`InputValueError`,
  :class:`InputTypeError` or :class:`InputOverflowError` (subclasses of
  ``ValueError``, ``TypeError`` and ``OverflowError``, so every
  ``except ValueError`` keeps working). It carries the template ``key`` and its
  ``fields``; ``str(exc)`` is the English text. Build one with :func:`fail`.
  A traceback names it as the built-in error (``ValueError: ...``).
* :func:`crmlib.i18n.message` renders any such error in a language; widgets
  with ``lang="zh"`` show that text.

Fields are the values shown in the message, already rendered as text the
same in both languages (numbers and ``repr`` of received values), or nested
:class:`Message` objects (a hint, a rule) rendered in the same language, or a
:class:`Joined` list of either, or a :class:`Phrase` (a fixed English phrase
from :data:`PHRASES`, such as a model's "churn probability per period", shown
in Chinese from that table). A placeholder called ``name`` or ending
in ``_name`` holds a parameter's code identifier: in Chinese it is shown with
the glossary term beside it (``保留率 retention``), see
:func:`crmlib.i18n.message`.

Adding a check: prefer a helper of :mod:`crmlib._validation` (its messages
are templates already). A rule of its own gets a template here, next to the
others of its module, and is raised as ``raise fail(ValueError, "key",
name="retention", got=_show(value))``; the English text reads exactly as the
message would without a template, the Chinese one uses the glossary's terms
(:mod:`crmlib.i18n`: one Chinese term per concept, e.g. 获客成本). Values are
passed already rendered (``repr``, ``f"{x:g}"``), so both languages show them
as received. tests/test_messages.py checks the table; a widget's error is
checked in Chinese by tests/test_widgets_messages.py.

This module is pure and imports nothing from the rest of the library.

>>> exc = fail(ValueError, "range", name="retention", rule=Message("between", low="0", high="1"),
...            hint="", got="1.5")
>>> str(exc)
'retention must be between 0 and 1; got 1.5'
>>> isinstance(exc, ValueError), exc.key
(True, 'range')
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    "InputOverflowError",
    "InputTypeError",
    "InputValueError",
    "Joined",
    "MESSAGES",
    "Message",
    "MessageError",
    "PHRASES",
    "Phrase",
    "Reason",
    "fail",
    "placeholders",
    "render",
    "with_prefix",
]

#: key -> (English, 中文). Same placeholders in both. Grouped by where they are raised.
MESSAGES: dict[str, tuple[str, str]] = {
    # -- shared input checks (crmlib/_validation.py) ---------------------------------------
    "not_number": ("{name} must be a number; got {got} ({type})",
                   "{name} 必须是数值；收到 {got}（{type}）"),
    "huge_integer": ("{name} must be a finite number; got an integer of about {digits} digits, "
                     "too large to compute with",
                     "{name} 必须是有限数值；收到约 {digits} 位的整数，太大，无法计算"),
    "not_finite": ("{name} must be a finite number; got {got}",
                   "{name} 必须是有限数值；收到 {got}"),
    "at_least_zero": ("{name} must be 0 or greater; got {got}",
                      "{name} 必须大于或等于 0；收到 {got}"),
    "above_zero": ("{name} must be greater than 0; got {got}",
                   "{name} 必须大于 0；收到 {got}"),
    "range": ("{name} must be {rule}{hint}; got {got}",
              "{name} 必须{rule}{hint}；收到 {got}"),
    "between": ("between {low} and {high}", "介于 {low} 和 {high} 之间"),
    "between_excluding": ("between {low} and {high} ({excluded} excluded)",
                          "介于 {low} 和 {high} 之间（不含 {excluded}）"),
    "at_least": ("at least {low}", "至少为 {low}"),
    "at_most": ("at most {high}", "至多为 {high}"),
    "and": ("{a} and {b}", "{a} 和 {b}"),
    "hint": ("; {hint}", "；{hint}"),
    "whole_number": ("{name} must be a whole number; got {got}",
                     "{name} 必须是整数；收到 {got}"),
    "whole_number_min": ("{name} must be a whole number of at least {minimum}; got {got}",
                         "{name} 必须是至少为 {minimum} 的整数；收到 {got}"),
    "choice": ("{name} must be one of {options}; got {got}",
               "{name} 必须是 {options} 之一；收到 {got}"),
    "not_sequence": ("{name} must be a sequence of numbers; got {got}",
                     "{name} 必须是一列数值；收到 {got}"),
    "not_sequence_bool": ("{name} must be a sequence of numbers; got {got} (a truth value)",
                          "{name} 必须是一列数值；收到 {got}（真假值）"),
    "array_huge_integer": ("{name} must contain only finite numbers; it holds an integer too "
                           "large to compute with",
                           "{name} 只能包含有限数值；其中有一个整数太大，无法计算"),
    "ndim": ("{name} must be {ndim}-dimensional; got shape {shape}",
             "{name} 必须是 {ndim} 维的；收到形状 {shape}"),
    "empty": ("{name} must not be empty; got {got}", "{name} 不能为空；收到 {got}"),
    "entry_not_finite": ("{name} must contain only finite numbers; entry {index} is {got}",
                         "{name} 只能包含有限数值；第 {index} 项（从 0 数起）是 {got}"),
    "entry_not_positive": ("{name} must contain only values greater than 0; entry {index} is "
                           "{got}",
                           "{name} 只能包含大于 0 的值；第 {index} 项（从 0 数起）是 {got}"),
    "entry_below": ("{name} must contain only values of at least {minimum}; entry {index} is "
                    "{got}",
                    "{name} 只能包含不小于 {minimum} 的值；第 {index} 项（从 0 数起）是 {got}"),
    "not_frame": ("{name} must be a pandas DataFrame; got {type}",
                  "{name} 必须是 pandas DataFrame；收到 {type}"),
    "missing_column": ("{name} is missing the required column {missing}; it has {have}",
                       "{name} 缺少必需的列 {missing}；现有的列：{have}"),
    "missing_columns": ("{name} is missing the required columns {missing}; it has {have}",
                        "{name} 缺少必需的列 {missing}；现有的列：{have}"),
    "no_columns": ("no columns", "没有列"),
    "column_arg_type": ("{name} must be the name of a column of {frame_name} (a text); got {got} "
                        "({type})",
                        "{name} 必须是 {frame_name} 中某一列的列名（文本）；收到 {got}（{type}）"),
    "missing_column_arg": ("{frame_name} is missing the required column {column} (given as "
                           "{name}); it has {have}",
                           "{frame_name} 缺少必需的列 {column}（由 {name} 指定）；"
                           "现有的列：{have}"),
    "not_names": ("{name} must be a sequence of names; got {got} ({type})",
                  "{name} 必须是一列名称；收到 {got}（{type}）"),
    "names_count": ("{name} must name each of the {n} items; got {count} names",
                    "{name} 必须为 {n} 项中的每一项命名；收到 {count} 个名称"),
    "no_finite_result": ("{what} cannot compute a finite result for these inputs ({inputs}): "
                         "use smaller amounts (e.g. thousands instead of units) or less extreme "
                         "rates ({detail})",
                         "{what} 无法对这些输入（{inputs}）算出有限的结果：请使用较小的金额"
                         "（例如以千为单位）或不那么极端的比率（{detail}）"),
    "result_not_finite": ("the {field} computed by {what} is not a finite number for these "
                          "inputs ({inputs}): a value exceeds the largest number a computer can "
                          "hold or is undefined; use smaller amounts (e.g. thousands instead of "
                          "units)",
                          "{what} 对这些输入（{inputs}）算出的 {field} 不是有限数值：某个值超出了"
                          "计算机能表示的最大数，或没有定义；请使用较小的金额（例如以千为单位）"),
    "not_text": ("{name} must be a text; got {got} ({type})",
                 "{name} 必须是文本；收到 {got}（{type}）"),
    "not_exception": ("{name} must be an error (an exception); got {got} ({type})",
                      "{name} 必须是一个错误（异常）；收到 {got}（{type}）"),
    # -- hints passed to check_range / check_probability ----------------------------------
    "hint_worse_negative": ("Worse is negative by convention", "按惯例 Worse 为负值"),
    "hint_sure_to_stay": ("a customer who is sure to stay has no end to their lifetime",
                          "一定会留下的客户，其生命周期没有终点"),
    "hint_rating": ("give a rating from 0 (low) to 1 (high), or 'low', 'medium', 'high'",
                    "请给出 0（低）到 1（高）之间的评分，或 'low'、'medium'、'high'"),
    # -- CLV (crmlib/clv) --------------------------------------------------------------------
    "periods_at_most": ("{name} must be at most {most}; got {got}. Use periods=None for an "
                        "infinite horizon",
                        "{name} 至多为 {most}；收到 {got}。无限期请用 periods=None"),
    "clv_endless": ("retention 1 with discount_rate 0 has no finite value over an infinite "
                    "horizon: a customer who never leaves, with money that never loses value, is "
                    "worth an endless sum; got retention={retention}, discount_rate={discount}. "
                    "Give a discount rate above 0 (the value is then a perpetuity, m/d), a "
                    "retention below 1, or a finite number of periods",
                    "保留率 retention 为 1 且折现率 discount_rate 为 0 时，无限期内没有有限的价值："
                    "永不离开的客户，加上永不贬值的货币，其价值是一个无穷的和；收到 "
                    "retention={retention}, discount_rate={discount}。请给出大于 0 的折现率（此时"
                    "价值是永续年金 m/d）、小于 1 的保留率，或有限的期数"),
    "clv_not_finite": ("the value computed by {what} is not a finite number for these inputs "
                       "({inputs}): a value or cash flow exceeds the largest number a computer "
                       "can hold; use smaller amounts (e.g. thousands instead of units)",
                       "{what} 对这些输入（{inputs}）算出的价值不是有限数值：某个价值或现金流超出了"
                       "计算机能表示的最大数；请使用较小的金额（例如以千为单位）"),
    "a_clv_function": ("a CLV function", "CLV 函数"),
    # -- equity (crmlib/equity) ------------------------------------------------------------
    "markov_infinite": ("{name} 0 gives an infinite value: state {state} (reward {reward}) "
                        "belongs to a set of states the customer never leaves, so its reward is "
                        "earned for ever; give a discount rate greater than 0, or make such "
                        "states absorbing with reward 0",
                        "{name} 为 0 时价值为无穷大：状态 {state}（回报 {reward}）属于客户永远不会"
                        "离开的一组状态，其回报会永远获得；请给出大于 0 的折现率，或把这些状态设为"
                        "回报为 0 的吸收状态"),
    # -- lifecycle, loyalty, models' inputs, segmentation, strategy, value ----------------------
    "stages_empty": ("{name} must add up to at least 1 period; got 0 in every stage",
                     "{name} 合计至少为 1 期；收到的每个阶段都是 0"),
    "end_after_path": ("{name} must not be after the last period of the path ({total}); got {got}",
                       "{name} 不能晚于整条路径的最后一期（{total}）；收到 {got}"),
    "measure_needs_column": ("measure {measure} needs the {column} column, which was not given "
                             "to cohort_table",
                             "指标 measure {measure} 需要 {column} 列，"
                             "但 cohort_table 没有得到这一列"),
    "random_index_order": ("random_index table {table} covers matrices of order 1 to {most}; got "
                           "a matrix of order {n}. Compare fewer items at once (split them into "
                           "groups in the hierarchy) or choose random_index='donegan_dodd' (up to "
                           "20)",
                           "随机一致性指标 random_index 表 {table} 只适用于 1 到 {most} 阶的矩阵；"
                           "收到 {n} 阶矩阵。请一次比较更少的项目（在层次结构中分组），或选择 "
                           "random_index='donegan_dodd'（最多 20 阶）"),
    "weights_sum": ("{name} must sum to 1; got a sum of {total} ({got})",
                    "{name} 的合计必须为 1；收到的合计为 {total}（{got}）"),
    "spend_of_repeat_buyer": ("monetary_value must be greater than 0 for customers with repeat "
                              "purchases; customer at position {i} has frequency {x} and "
                              "monetary_value 0",
                              "有重复购买的客户，其消费金额 monetary_value 必须大于 0；"
                              "位置 {i} 的客户频率 frequency 为 {x}，monetary_value 为 0"),
    "survivors_whole": ("survivors must be whole numbers of customers; entry {i} is {got}",
                        "仍在保留的客户数 survivors 必须是整数个客户；"
                        "第 {i} 项（从 0 数起）是 {got}"),
    "survivors_start": ("survivors must start with the cohort size, greater than 0; got {got}",
                        "仍在保留的客户数 survivors 必须以大于 0 的群组规模开始；收到 {got}"),
    "survivors_rise": ("survivors must never increase (a cohort only loses customers); entry {i} "
                       "is {got} after {before}",
                       "仍在保留的客户数 survivors 不能增加（群组只会失去客户）；第 {i} 项"
                       "（从 0 数起）是 {got}，前一项是 {before}"),
    "percentile_range": ("{name} must be between 0 and 100; got {got}",
                         "{name} 必须介于 0 和 100 之间；收到 {got}"),
    "named_needs_five": ("scheme='named' needs scores with 5 levels (rfm_scores with bins=5); got "
                         "scores with bins={bins}",
                         "scheme='named' 需要 5 个等级的评分（rfm_scores 中 bins=5）；收到的评分 "
                         "bins={bins}"),
    "extra_customers_remove": ("extra_customers may not remove more customers than the base has "
                               "({n}); got {got}",
                               "新增客户数 extra_customers 减少的客户不能多于现有客户（{n}）；收到 "
                               "{got}"),
    "retention_change_range": ("retention + retention_change must be between 0 and 1; got {r} + "
                               "{dr} = {total}",
                               "保留率 retention + retention_change 必须介于 0 和 1 之间；收到 "
                               "{r} + {dr} = {total}"),
    "retention_change_endless": ("retention + retention_change must stay below 1 for an infinite "
                                 "horizon (a customer who never leaves has no end to their "
                                 "lifetime); got {r} + {dr} = {total}",
                                 "无限期时保留率 retention + retention_change 必须小于 1"
                                 "（永不离开的客户，其生命周期没有终点）；"
                                 "收到 {r} + {dr} = {total}"),
    "margin_change_floor": ("{name} must be greater than -1 (a fall of 100%); got {got}",
                            "{name} 必须大于 -1（即下降 100%）；收到 {got}"),
    "offer_cost_zero": ("total customer cost (monetary + time + energy + psychic) must be greater "
                        "than 0: every offer costs the customer something, and the value/cost "
                        "ratio needs it; got 0",
                        "顾客总成本（货币 + 时间 + 精力 + 心理成本）必须大于 0："
                        "每个方案都要顾客付出一些成本，价值/成本比也需要它；收到 0"),
    "kano_no_answers": ("counts row {row} has no answers: A, O, M, I, R and Q are all 0",
                        "回答数 counts 中 {row} 这一行没有回答：A, O, M, I, R 和 Q 都是 0"),
    # -- data a widget is given (transaction logs, summaries, customer tables) -------------
    "no_rows": ("{name} must have at least one row; got an empty DataFrame",
                "{name} 至少要有一行；收到空的 DataFrame"),
    "no_customer_rows": ("{name} must have at least one customer; got an empty DataFrame",
                         "{name} 至少要有一位客户；收到空的 DataFrame"),
    "column_not_numbers": ("{name} must hold numbers; got values such as {got}",
                           "{name} 必须是数值；收到的值例如 {got}"),
    "summary_recency_after_T": ("summary column {recency} must not exceed {T} under "
                                "recency_convention='summary' (recency is the time from the first "
                                "to the last purchase); row {row} has recency {rec} > T {age}. If "
                                "recency already is the time since the last purchase, pass "
                                "recency_convention='elapsed'",
                                "在 recency_convention='summary' 下，summary 的列 {recency} "
                                "不能超过 {T}（最近购买时间是从首次购买到最后一次购买的时间）；"
                                "第 {row} 行的 recency 为 {rec} > T {age}。"
                                "如果 recency 已经是距最后一次购买的时间，"
                                "请传入 recency_convention='elapsed'"),
    "need_per_customer": ("{name} must have one entry per customer, as many as clv has "
                          "({n}); got {count} entries",
                          "{name} 必须每位客户一项，与 clv 的项数（{n}）相同；收到 {count} 项"),
    "end_before_first": ("{name} must not be before the first transaction ({first}); got {got}",
                         "{name} 不能早于第一笔交易（{first}）；收到 {got}"),
    "missing_ids": ("transactions column {column} must not have missing customer ids; {count} "
                    "missing (first at row {row}). read_transactions lists such rows in .rejected",
                    "transactions 的列 {column} 不能有缺失的客户编号；缺失 {count} 个（第一个在第 "
                    "{row} 行）。read_transactions 会在 .rejected 中列出这些行"),
    "column_not_dates": ("transactions column {column} must hold dates (datetime64, or text such "
                         "as '2024-01-05'); got values such as {got} at row {row}: {why}. "
                         "read_transactions reports such rows",
                         "transactions 的列 {column} 必须是日期（datetime64，或 '2024-01-05' 这样的"
                         "文本）；第 {row} 行的值例如 {got}：{why}。"
                         "read_transactions 会报告这些行"),
    "missing_dates": ("transactions column {column} must not have missing dates; {count} missing "
                      "(first at row {row})",
                      "transactions 的列 {column} 不能有缺失的日期；缺失 {count} 个（第一个在第 "
                      "{row} 行）"),
    "amount_not_numbers": ("transactions column {column} must hold numbers; got values such as "
                           "{got}. read_transactions cleans currency text",
                           "transactions 的列 {column} 必须是数值；收到的值例如 {got}。"
                           "read_transactions 会清理货币文本"),
    "amount_not_finite": ("transactions column {column} must hold finite numbers; {count} are "
                          "missing or infinite (first at row {row})",
                          "transactions 的列 {column} 必须是有限数值；有 {count} 个缺失或为无穷大"
                          "（第一个在第 {row} 行）"),
    # -- transaction files (crmlib/transactions): errors, and the reasons of rejected rows --
    "role_customer_id": ("customer_id", "客户编号 customer_id"),
    "role_date": ("date", "日期 date"),
    "role_amount": ("amount", "金额 amount"),
    "column_not_in_file": ("{name} must name a column of the file; got {got}, but the file has "
                           "{have}",
                           "{name} 必须是文件中某一列的列名；收到 {got}，但文件现有的列：{have}"),
    "column_not_found": ("could not find the {role} column (tried names such as {examples}); the "
                         "file has {have}; pass {param}='<column name>'",
                         "找不到{role} 列（尝试过的列名例如 {examples}）；文件现有的列：{have}；"
                         "请传入 {param}='<列名>'"),
    "column_ambiguous": ("several columns could be the {role} column: {found}; pass "
                         "{param}='<column name>' to choose one",
                         "有几列都可能是{role} 列：{found}；请传入 {param}='<列名>' 选定一列"),
    "column_two_roles": ("column {column} cannot be both {roles}",
                         "列 {column} 不能同时是 {roles}"),
    "extra_column_clash": ("the source has another column named {column} besides the one used as "
                           "{role}; rename it or pass keep_extra=False",
                           "除了用作 {role} 的列之外，数据中还有另一列也叫 {column}；"
                           "请给它改名，或传入 keep_extra=False"),
    "encoding_type": ("{name} must be a string such as 'auto' or 'gbk'; got {got}",
                      "{name} 必须是 'auto' 或 'gbk' 这样的文本；收到 {got}"),
    "encoding_unknown": ("{name} must be 'auto' or a text encoding Python knows, such as 'utf-8', "
                         "'utf-8-sig', 'gbk' or 'gb18030'; got {got}",
                         "{name} 必须是 'auto' 或 Python 认识的文本编码，例如 'utf-8'、"
                         "'utf-8-sig'、'gbk' 或 'gb18030'；收到 {got}"),
    "not_encoding_text": ("the file is not valid {encoding} text ({reason} at byte {start}); try "
                          "encoding='auto', 'utf-8' or 'gb18030'",
                          "文件不是有效的 {encoding} 文本（第 {start} 字节处：{reason}）；请试试 "
                          "encoding='auto'、'utf-8' 或 'gb18030'"),
    "encoding_not_found": ("the file is neither UTF-8 nor GB18030/GBK text; pass its encoding, "
                           "e.g. encoding='big5'",
                           "文件既不是 UTF-8 文本，也不是 GB18030/GBK 文本；请传入它的编码，"
                           "例如 encoding='big5'"),
    "zip_not_workbook": ("the file is a ZIP archive but not an Excel workbook (.xlsx/.xlsm), or "
                         "the workbook is damaged; unzip it and read the CSV file inside, or save "
                         "the sheet again from Excel",
                         "文件是 ZIP 压缩包，但不是 Excel 工作簿（.xlsx/.xlsm），或者工作簿已损坏；"
                         "请解压后读取其中的 CSV 文件，或在 Excel 中重新保存该工作表"),
    "legacy_xls": ("legacy .xls workbooks are not supported; save the sheet as .xlsx or CSV",
                   "不支持旧版 .xls 工作簿；请把工作表另存为 .xlsx 或 CSV"),
    "sheet_position": ("{name} must be a sheet position from 0 to {last} or a sheet name "
                       "({names}); got {got}",
                       "{name} 必须是 0 到 {last} 之间的工作表位置或工作表名称（{names}）；"
                       "收到 {got}"),
    "sheet_unknown": ("{name} must be one of the workbook's sheets {names}; got {got}",
                      "{name} 必须是工作簿中的工作表 {names} 之一；收到 {got}"),
    "sheet_type": ("{name} must be a sheet name or position; got {got}",
                   "{name} 必须是工作表名称或位置；收到 {got}"),
    "sep_char": ("{name} must be the one character that separates the fields of a CSV file, such "
                 "as ',', ';', '\\t' (tab) or '|'; got {got}",
                 "{name} 必须是分隔 CSV 文件各字段的那一个字符，例如 ','、';'、'\\t'（制表符）"
                 "或 '|'；收到 {got}"),
    "csv_unreadable": ("the file cannot be read as CSV with sep={sep}: {error}",
                       "无法按 sep={sep} 把文件读作 CSV：{error}"),
    "file_empty": ("the file is empty: it has no header row", "文件是空的：没有表头行"),
    "source_type": ("{name} must be a file path, an open file or buffer, or a DataFrame; got "
                    "{type}",
                    "{name} 必须是文件路径、已打开的文件或缓冲区，或 DataFrame；收到 {type}"),
    "strict_rows": ("strict=True and {count} of {total} rows cannot be used:\n{listing}\nFix "
                    "these rows, or read with strict=False and look at .rejected",
                    "strict=True，而 {total} 行中有 {count} 行无法使用：\n{listing}\n"
                    "请修正这些行，或用 strict=False 读取并查看 .rejected"),
    "strict_row": ("  row {row}: {why}", "  第 {row} 行：{why}"),
    "strict_more": ("  ... and {more} more", "  ……另有 {more} 行"),
    "negatives_error": ("negatives='error' and {count} rows have a negative amount (a return or "
                        "refund): {shown}; pass negatives='drop' to leave them out (listed in "
                        ".rejected) or negatives='keep' to keep them",
                        "negatives='error'，而有 {count} 行的金额为负（退货或退款）：{shown}；"
                        "请传入 negatives='drop' 剔除这些行（列在 .rejected 中），"
                        "或 negatives='keep' 保留它们"),
    "row_value": ("row {row} ({value})", "第 {row} 行（{value}）"),
    "id_types_clash": ("{name} column {column} has ids that are different values but print the "
                       "same: {a} ({a_type}) and {b} ({b_type}); make the ids one type, e.g. "
                       "df[{column}].astype(str), or read the file with read_transactions",
                       "{name} 的列 {column} 中有值不同、显示却相同的编号：{a}（{a_type}）和 "
                       "{b}（{b_type}）；请把编号统一为一种类型，例如 df[{column}].astype(str)，"
                       "或用 read_transactions 读取文件"),
    "dayfirst_type": ("{name} must be True (day/month/year), False (month/day/year) or None "
                      "(tell from the data); got {got}",
                      "{name} 必须是 True（日/月/年）、False（月/日/年）或 None（由数据判断）；"
                      "收到 {got}"),
    "date_format_type": ("{name} must be a strftime format such as '%d/%m/%Y' or "
                         "'%Y-%m-%d %H:%M'; got {got}{why}",
                         "{name} 必须是 strftime 格式，例如 '%d/%m/%Y' 或 '%Y-%m-%d %H:%M'；"
                         "收到 {got}{why}"),
    "date_format_no_directive": (", which has no % directive", "，其中没有 % 格式符"),
    "date_format_unknown_directive": (", and {code} is not a directive it knows",
                                      "，而 {code} 不是它认识的格式符"),
    "dayfirst_and_format": ("pass dayfirst or date_format, not both; got dayfirst={dayfirst} and "
                            "date_format={date_format} (the format already says where the day "
                            "is)",
                            "dayfirst 和 date_format 只能传入一个；收到 dayfirst={dayfirst} 和 "
                            "date_format={date_format}（格式已经说明了日在哪里）"),
    "dates_mixed": ("the date column mixes day-first ({a}) and month-first ({b}) dates; pass "
                    "dayfirst=True (day/month/year) or dayfirst=False (month/day/year) to say "
                    "which it uses (the other rows are then rejected), or date_format",
                    "日期列中既有日在前的日期（{a}），也有月在前的日期（{b}）；请传入 "
                    "dayfirst=True（日/月/年）或 dayfirst=False（月/日/年）说明用的是哪一种"
                    "（其他行随后会被剔除），或传入 date_format"),
    "dates_ambiguous": ("dates such as {shown} can be read day-first or month-first and no date "
                        "in the column tells which (no day above 12); pass dayfirst=True "
                        "(day/month/year) or dayfirst=False (month/day/year), or date_format "
                        "such as '%d/%m/%Y'",
                        "{shown} 这样的日期既可以按日在前读，也可以按月在前读，而列中没有日期能"
                        "说明是哪一种（没有大于 12 的日）；请传入 dayfirst=True（日/月/年）或 "
                        "dayfirst=False（月/日/年），或 date_format，例如 '%d/%m/%Y'"),
    "decimal_choice": ("{name} must be '.' (1,234.50), ',' (1.234,50) or None (tell from the "
                       "column); got {got}",
                       "{name} 必须是 '.'（1,234.50）、','（1.234,50）或 None（由该列判断）；"
                       "收到 {got}"),
    "decimals_mixed": ("the amount column mixes decimal points ({a}) and decimal commas ({b}); "
                       "pass decimal='.' or decimal=',' to say which it uses (the other rows are "
                       "then rejected)",
                       "金额列中既有小数点（{a}），也有小数逗号（{b}）；请传入 decimal='.' 或 "
                       "decimal=',' 说明用的是哪一种（其他行随后会被剔除）"),
    "decimals_ambiguous": ("amounts such as {shown} can be read with a decimal point or a "
                           "decimal comma and no amount in the column tells which; pass "
                           "decimal='.' if the comma or point groups thousands the English way "
                           "(1,234.50) or decimal=',' (1.234,50)",
                           "{shown} 这样的金额既可以按小数点读，也可以按小数逗号读，而列中没有金额"
                           "能说明是哪一种；如果逗号或点按英文习惯分隔千位（1,234.50），请传入 "
                           "decimal='.'，否则传入 decimal=','（1.234,50）"),
    "date_must_be": ("{name} must be a date such as '1997-09-30'; got {got}{why}",
                     "{name} 必须是日期，例如 '1997-09-30'；收到 {got}{why}"),
    "date_must_be_ambiguous": (", which can be read day-first or month-first; write it year "
                               "first or pass dayfirst",
                               "，它既可以按日在前读，也可以按月在前读；请把年份写在前面，"
                               "或传入 dayfirst"),
    "date_must_be_why": (": {why}", "：{why}"),
    "observation_before_calibration": ("observation_end must not be before calibration_end; got "
                                       "observation_end={obs} and calibration_end={cal}",
                                       "观察期末 observation_end 不能早于校准期末 "
                                       "calibration_end；收到 observation_end={obs} 和 "
                                       "calibration_end={cal}"),
    "every_T_zero": ("every customer ({n}) has T = 0: their first purchase is in the {unit} of "
                     "the end of observation ({end}), so no time has passed in which they could "
                     "buy again; pass a later observation_end (or calibration_end), or "
                     "zero_T='keep'",
                     "每位客户（{n} 位）的 T 都是 0：他们的首次购买与观察期末（{end}）"
                     "在同一{unit}，"
                     "没有时间可以再次购买；请传入更晚的 observation_end（或 calibration_end），"
                     "或 zero_T='keep'"),
    "unit_D": ("day", "天"),
    "unit_W": ("week", "周"),
    "unit_M": ("month", "月"),
    "unit_Q": ("quarter", "季度"),
    "unit_Y": ("year", "年"),
    # reasons of rejected rows (crmlib.transactions.Reason; one row may have several)
    "reason_no_id": ("missing customer id", "缺少客户编号"),
    "reason_id_bool": ("customer id {got} is True/False, not an id",
                       "客户编号 {got} 是真假值，不是编号"),
    "reason_id_not_finite": ("customer id {got} is not a finite number",
                             "客户编号 {got} 不是有限数值"),
    "reason_id_too_large": ("customer id {got} is a number too large to be stored exactly (its "
                            "last digits may be lost); store ids as text",
                            "客户编号 {got} 是一个太大、无法精确存储的数（末几位可能丢失）；"
                            "请把编号存为文本"),
    "reason_no_date": ("missing date", "缺少日期"),
    "reason_date_outside": ("date {got} is outside the dates this library can hold ({low} to "
                            "{high}); if it stands for 'no date', leave the cell empty",
                            "日期 {got} 超出了本库能表示的日期范围（{low} 至 {high}）；"
                            "如果它表示“没有日期”，请让单元格留空"),
    "reason_date_time": ("date {got} has an impossible time of day (hours 0-23, minutes and "
                         "seconds 0-59)",
                         "日期 {got} 的时刻不可能存在（小时 0-23，分钟和秒 0-59）"),
    "reason_date_invalid": ("date {got} is not a valid calendar date",
                            "日期 {got} 不是有效的日历日期"),
    "reason_date_not_days": ("date {got} is not a number of days", "日期 {got} 不是天数"),
    "reason_date_year": ("date {got} looks like a year alone, not a date (as an Excel serial date "
                         "it would be in 1902-1927)",
                         "日期 {got} 看起来只是年份，不是日期（作为 Excel 序列日期，它会落在 "
                         "1902-1927 年）"),
    "reason_date_early_serial": ("date {got} as an Excel serial date falls before 1900-03-01, "
                                 "where Excel's calendar has a day that never existed "
                                 "(1900-02-29)",
                                 "日期 {got} 作为 Excel 序列日期早于 1900-03-01，而 Excel 的日历在"
                                 "此之前有一个并不存在的日子（1900-02-29）"),
    "reason_date_number": ("date {got} is neither an Excel serial date nor yyyymmdd",
                           "日期 {got} 既不是 Excel 序列日期，也不是 yyyymmdd"),
    "reason_date_format": ("date {got} has an unrecognised format (expected e.g. {examples}; "
                           "other formats need date_format)",
                           "日期 {got} 的格式无法识别（应为例如 {examples}；其他格式需要 "
                           "date_format）"),
    "date_examples": ("2024-01-05, 2024/1/5, 20240105, {chinese} or 05/01/2024",
                      "2024-01-05、2024/1/5、20240105、{chinese} 或 05/01/2024"),
    "reason_date_no_match": ("date {got} does not match date_format {date_format}",
                             "日期 {got} 与日期格式 date_format {date_format} 不符"),
    "reason_date_bool": ("date {got} is True/False, not a date", "日期 {got} 是真假值，不是日期"),
    "reason_date_digits": ("date {head}... ({digits} digits) is not a date",
                           "日期 {head}...（{digits} 位数字）不是日期"),
    "reason_excel_cell": ("date cell {cell} holds the serial number {value}, which is outside "
                          "the dates Excel can show",
                          "日期单元格 {cell} 中的序列号 {value} 超出了 Excel 能显示的日期范围"),
    "reason_before_excel": ("date {got} is before 1900-01-01, the first date of Excel's calendar "
                            "(the cell holds a negative serial number)",
                            "日期 {got} 早于 Excel 日历的第一天 1900-01-01"
                            "（单元格中是负的序列号）"),
    "reason_no_amount": ("missing amount", "缺少金额"),
    "reason_amount_bool": ("amount {got} is True/False, not a number",
                           "金额 {got} 是真假值，不是数值"),
    "reason_amount_text": ("amount {got} is not a number{hint}", "金额 {got} 不是数值{hint}"),
    "reason_amount_other_mark": ("; it would fit {other}, but the column uses {mark}",
                                 "；它符合{other}的写法，但该列用的是{mark}"),
    "decimal_point": ("a decimal point (1,234.50)", "小数点（1,234.50）"),
    "decimal_comma": ("a decimal comma (1.234,50)", "小数逗号（1.234,50）"),
    "reason_amount_not_finite": ("amount {got} is not a finite number", "金额 {got} 不是有限数值"),
    "reason_fields": ("the row has {n} fields but the header has {width}, so its values cannot "
                      "be assigned to columns (a stray or missing separator)",
                      "该行有 {n} 个字段，而表头有 {width} 个，因此无法把它的值对应到各列"
                      "（多了或少了一个分隔符）"),
    "reason_negative": ("negative amount {value} (a return or refund) left out because "
                        "negatives='drop'",
                        "金额为负 {value}（退货或退款），因为 negatives='drop' 而剔除"),
    # -- the capstone (crmlib/capstone, its report and its upload widget) -------------------
    "not_transaction_log": ("{name} must be the result of read_transactions or a pandas "
                            "DataFrame with a customer id, a date and an amount column; got "
                            "{type}",
                            "{name} 必须是 read_transactions 的结果，"
                            "或含客户编号、日期和金额三列的 "
                            "pandas DataFrame；收到 {type}"),
    "weights_count": ("{name} must be {n} weights (for {names}); got {got}",
                      "{name} 必须是 {n} 个权重（依次对应 {names}）；收到 {got}"),
    "horizon_months_most": ("{name} must be at most {most} (100 years); got {got}",
                            "{name} 至多为 {most}（100 年）；收到 {got}"),
    "too_few_customers": ("the data must have at least {needed} customers with a purchase before "
                          "the last day to fit the BG/NBD model; got {found}",
                          "数据中最后一天之前有购买的客户至少要有 {needed} 位，才能拟合 BG/NBD "
                          "模型；收到 {found} 位"),
    "too_few_repeat_customers": ("the data must have at least {needed} repeat customers (two or "
                                 "more purchase days and a positive amount) to fit the "
                                 "Gamma-Gamma spend model; got {found}",
                                 "数据中重复购买的客户（两个或更多购买日，且金额为正）至少要有 "
                                 "{needed} 位，才能拟合 Gamma-Gamma 客单价模型；收到 {found} 位"),
    "retention_not_measured": ("retention must be given (a yearly rate between 0 and 1) when the "
                               "log does not reach back more than {days} days before its last "
                               "date ({end}): no customer bought in the year before the last one",
                               "交易记录没有回溯到最后日期（{end}）之前 {days} 天以上时，必须给出"
                               "保留率 retention（0 到 1 之间的年保留率）：最后一年之前的那一年"
                               "没有客户购买"),
    "roi_not_finite": ("the CRM appraisal is not a finite number for investment={investment}, "
                       "annual_cost={annual_cost}, hidden_cost={hidden_cost} and yearly gains up "
                       "to {gains}: use smaller amounts (e.g. thousands instead of units)",
                       "对 investment={investment}、annual_cost={annual_cost}、"
                       "hidden_cost={hidden_cost} 以及最高 {gains} 的年收益，CRM 评估的结果不是"
                       "有限数值：请使用较小的金额（例如以千为单位）"),
    "currency_type": ("{name} must be a text such as '¥' or '$'; got {got} ({type})",
                      "{name} 必须是 '¥' 或 '$' 这样的文本；收到 {got}（{type}）"),
    "currency_length": ("{name} must be a text of 1 to 12 characters such as '¥' or '$'; got "
                        "{got}",
                        "{name} 必须是 1 到 12 个字符的文本，例如 '¥' 或 '$'；收到 {got}"),
    "stage_table_column": ("stage_table must be a stage_summary with clv= given; it has no column "
                           "{column}",
                           "阶段汇总表 stage_table 必须是给出 clv= 的 stage_summary 结果；"
                           "其中没有列 {column}"),
    "not_analysis": ("{name} must be the result of analyse_customer_base; got {type}",
                     "{name} 必须是 analyse_customer_base 的结果；收到 {type}"),
    "read_failed_file": ("The file could not be read ({file})", "无法读取该文件 ({file})"),
    "too_few_customers_widget": ("Too few customers to fit the models: {found} customers with a "
                                 "purchase before the last day, at least {needed} needed",
                                 "客户太少，无法拟合模型：最后一天之前有购买的客户只有 {found} 位，"
                                 "至少需要 {needed} 位"),
    "too_few_repeat_customers_widget": ("Too few repeat customers to fit the spend model: "
                                        "{found}, at least {needed} needed",
                                        "重复购买的客户太少，无法拟合客单价模型：只有 {found} 位，"
                                        "至少需要 {needed} 位"),
    "analysis_failed": ("The analysis could not be completed", "无法完成分析"),
    # -- model fits (crmlib/models/_mle.py): ConvergenceError, BoundarySolutionError ---------
    "fit_bad_start": ("{model}: the likelihood cannot be evaluated at the starting values "
                      "{values}; give other starting values with initial_params=...",
                      "{model}：在初始值 {values} 处无法计算似然函数；请用 initial_params=... "
                      "给出其他初始值"),
    "fit_not_finite": ("{model} fit did not converge (the likelihood could not be evaluated at "
                       "the estimate {values}). Check the data for impossible values, or try "
                       "other starting values with initial_params=...",
                       "{model} 的拟合没有收敛（在估计值 {values} 处无法计算似然函数）。请检查数据"
                       "中是否有不可能的值，或用 initial_params=... 尝试其他初始值"),
    "fit_not_identified": ("{model} cannot be estimated from these data: {reasons} {stopped}. "
                           "Use more customers or a longer calibration period.",
                           "{model} 无法用这些数据估计：{reasons}{stopped}。请使用更多客户或更长的"
                           "校准期。"),
    "fit_boundary": ("{model} has no finite best fit for these data: {reasons}. The likelihood "
                     "keeps rising towards that limit, so no parameters are returned {stopped}. "
                     "Use the simpler limiting model, or check the time unit and that the data "
                     "hold enough customers.",
                     "{model} 对这些数据没有有限的最优拟合：{reasons}。似然函数朝该极限不断上升，"
                     "因此不返回参数{stopped}。请使用更简单的极限模型，或检查时间单位以及数据中的"
                     "客户是否足够。"),
    "fit_stopped": ("(the search stopped at {values})", "（搜索停在 {values}）"),
    "fit_gradient": ("{model} fit did not converge: the search stopped at {values} where the "
                     "gradient of the log-likelihood (on the log scale) has size {size}, above "
                     "the tolerance {tolerance}. Try other starting values with "
                     "initial_params=...",
                     "{model} 的拟合没有收敛：搜索停在 {values}，该处对数似然函数（对数尺度上）的"
                     "梯度大小为 {size}，超过容差 {tolerance}。请用 initial_params=... 尝试其他"
                     "初始值"),
    "fit_saddle": ("{model} fit did not converge: at {values} the gradient is 0 but the Hessian "
                   "of the negative log-likelihood is not positive definite (a saddle point or a "
                   "flat ridge, not a maximum). Try other starting values with initial_params=...",
                   "{model} 的拟合没有收敛：在 {values} 处梯度为 0，但负对数似然函数的 Hessian "
                   "矩阵不是正定的（是鞍点或平坦的山脊，而不是最大值）。请用 initial_params=... "
                   "尝试其他初始值"),
    "reason_split": ("the {quantity} is either 1 or 0: the best fit splits customers into a "
                     "share {share} with a {quantity} of 1 and the rest with 0 ({one} and {two} "
                     "fall towards 0 with {one}/({one}+{two}) = {share})",
                     "{quantity}要么是 1 要么是 0：最优拟合把客户分为两组，占比 {share} 的客户"
                     "{quantity}为 1，其余为 0（{one} 和 {two} 一起趋向 0，"
                     "{one}/({one}+{two}) = {share}）"),
    "reason_spread": ("the {quantity} is 0 for almost every customer and very large for a few "
                      "({one} and {two} fall towards 0)",
                      "几乎每位客户的{quantity}都是 0，只有少数客户非常大"
                      "（{one} 和 {two} 趋向 0）"),
    "reason_never": ("{never}: the best fit has a {quantity} of 0 for everyone",
                     "{never}：最优拟合中每位客户的{quantity}都是 0"),
    "reason_homogeneous": ("the {quantity} does not vary between customers, so the best fit is "
                           "the limit with no heterogeneity: {one} and {two} grow without bound "
                           "with {formula} = {mean}, a {quantity} of {mean} for everyone",
                           "{quantity}在客户之间没有差异，因此最优拟合是没有异质性的极限：{one} 和 "
                           "{two} 无限增大，{formula} = {mean}，即每位客户的{quantity}都是 {mean}"),
    "reason_never_falls": ("{never}: the best fit has a {quantity} of 0 for everyone ({mean_of} "
                           "falls towards 0)",
                           "{never}：最优拟合中每位客户的{quantity}都是 0（{mean_of} 趋向 0）"),
    "reason_all_one": ("the best fit has a {quantity} of 1 for everyone ({one}/({one}+{two}) "
                       "rises towards 1)",
                       "最优拟合中每位客户的{quantity}都是 1（{one}/({one}+{two}) 趋向 1）"),
    "reason_extreme": ("the spread of the {quantity} across customers runs to an extreme "
                       "({side})",
                       "{quantity}在客户之间的离散程度趋于极端（{side}）"),
    "towards_zero": ("{param} towards 0", "{param} 趋向 0"),
    "towards_infinity": ("{param} towards infinity", "{param} 趋向无穷大"),
    "reason_flat": ("the data say nothing about {params} (the likelihood is the same whatever "
                    "their values), so they cannot be estimated",
                    "数据不含关于 {params} 的任何信息（无论取何值，似然函数都相同），因此无法估计"),
    "reason_runs_zero": ("{param} runs towards 0", "{param} 趋向 0"),
    "reason_runs_infinity": ("{param} runs towards infinity", "{param} 趋向无穷大"),
    # -- widgets (crmlib/widgets) -----------------------------------------------------------
    "recency_after_T": ("recency must not exceed the customer's age T (the last purchase cannot "
                        "be later than today); got recency {recency} > T {T}",
                        "最近购买时间 recency 不能超过客户年龄 T（最后一次购买不可能晚于今天）；"
                        "收到 recency {recency} > T {T}"),
    "survivors_too_short": ("survivors must hold at least 4 yearly counts (the cohort size, 2 "
                            "years to fit and 1 year to check the projection); got {count}",
                            "仍在保留的客户数 survivors 至少要有 4 个年度计数（群组规模、2 年用于"
                            "拟合、1 年用于检验预测）；收到 {count} 个"),
    "fit_too_many_years": ("fit at most {most} years, so that at least one year is held back "
                           "to check the projection; got {got}",
                           "用于拟合的年数 n_fit_years 至多为 {most}，以便至少留出一年检验预测；"
                           "收到 {got}"),
    "unknown_customer": ("{name} must be the id of a classified customer (such as {sample}); "
                         "got {got}",
                         "{name} 必须是已分类客户的编号（例如 {sample}）；收到 {got}"),
    "kano_line_fields": ("line {line} ({text}) must be: name, A, O, M, I (optionally R, Q); got "
                         "{count} numbers",
                         "第 {line} 行（{text}）的格式必须是：名称, A, O, M, I（可加 R, Q）；"
                         "收到 {count} 个数"),
    "kano_not_number": ("line {line} ({text}): {item} is not a number",
                        "第 {line} 行（{text}）：{item} 不是数值"),
    "kano_twice": ("line {line}: attribute {attribute} appears twice",
                   "第 {line} 行：属性 {attribute} 出现了两次"),
    "kano_no_rows": ("enter at least one attribute: one line per attribute, name, A, O, M, I "
                     "(optionally R, Q)",
                     "请至少输入一个属性：每行一个属性，名称, A, O, M, I（可加 R, Q）"),
    "kano_earlier_prefix": ("earlier survey", "早前的调查"),
    # -- a message inside another's context (with_prefix) ----------------------------------
    "prefixed": ("{prefix}: {inner}", "{prefix}：{inner}"),
    "offer_prefix": ("offer {offer}", "方案 {offer}"),
    "criteria_prefix": ("criteria_matrix (with criteria)",
                        "判断矩阵 criteria_matrix（含 criteria）"),
    "alternatives_prefix": ("alternative_matrices (with alternatives), the matrix for criterion "
                            "{criterion}",
                            "alternative_matrices（含 alternatives）中准则 {criterion} 的判断矩阵"),
}


#: Fixed English phrases that fill a placeholder (the quantities a model's mixing
#: distributions describe, in crmlib/models; Python's words for an overflow) -> their Chinese.
PHRASES: dict[str, str] = {
    "purchase probability per opportunity": "每次机会的购买概率",
    "drop-out probability per opportunity": "每次机会的流失概率",
    "purchase rate": "购买率",
    "drop-out rate": "流失率",
    "spend rate nu (average spend p/nu)": "消费率 nu（平均消费额 p/nu）",
    "drop-out probability after a purchase": "每次购买后的流失概率",
    "churn probability per period": "每期流失概率",
    "no customer buys again": "没有客户再次购买",
    "no customer appears to drop out": "看起来没有客户流失",
    "no customer churns": "没有客户流失",
    "no customer buys": "没有客户购买",
    # Python's words for an arithmetic overflow (the detail of "no_finite_result")
    "math range error": "数学运算超出范围",
    "float division by zero": "浮点数除以零",
    "division by zero": "除以零",
    "integer division or modulo by zero": "整数除以零",
    "float modulo": "浮点数取模",
    "int too large to convert to float": "整数太大，无法转换为浮点数",
    "cannot convert float infinity to integer": "无法把无穷大的浮点数转换为整数",
    "(34, 'Numerical result out of range')": "数值结果超出范围",
    # the library's own words for an overflow inside a computation (crmlib/equity, strategy)
    "the optimality condition cannot be solved": "无法求解最优性条件",
    "the best acquisition spend is not a finite number": "最优获取支出不是有限数值",
    "a net cash flow exceeds the largest number a computer can hold":
        "某笔净现金流超出了计算机能表示的最大数",
    "customers x CLV exceeds the largest number a computer can hold":
        "customers x CLV 超出了计算机能表示的最大数",
    "margin x (1 + margin_change) exceeds the largest number a computer can hold":
        "margin x (1 + margin_change) 超出了计算机能表示的最大数",
    "margin + cross_sell_margin exceeds the largest number a computer can hold":
        "margin + cross_sell_margin 超出了计算机能表示的最大数",
    "margin x (1 + margin_change) + cross_sell_margin exceeds the largest number a computer can "
    "hold": "margin x (1 + margin_change) + cross_sell_margin 超出了计算机能表示的最大数",
    "customers + extra_customers exceeds the largest number a computer can hold":
        "customers + extra_customers 超出了计算机能表示的最大数",
    "new_customers x (1 + growth)^(periods - 1) exceeds the largest number a computer can hold":
        "new_customers x (1 + growth)^(periods - 1) 超出了计算机能表示的最大数",
    "average spend grows without bound": "平均消费额无限增长",
    # Python's words for a text that cannot be decoded (the reason of "not_encoding_text")
    "invalid start byte": "无效的起始字节",
    "invalid continuation byte": "无效的后续字节",
    "unexpected end of data": "数据意外结束",
    "illegal multibyte sequence": "非法的多字节序列",
    "incomplete multibyte sequence": "不完整的多字节序列",
}

#: separators of a Joined list in Chinese
_ZH_SEPARATORS = {"; ": "；", ", ": "、", " and ": " 和 "}


class Phrase:
    """A fixed English phrase of :data:`PHRASES`, shown in Chinese from that table.

    >>> Phrase("churn probability per period").render("zh")
    '每期流失概率'
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, lang: str = "en") -> str:
        return PHRASES.get(self.text, self.text) if lang == "zh" else self.text

    def __repr__(self) -> str:
        return f"Phrase({self.text!r})"


class Joined:
    """Items (texts, :class:`Message` or :class:`Phrase`) joined by ``sep`` ("; ", ", " or
    " and "), with the Chinese separator in Chinese.

    >>> Joined(["alpha", "beta"], " and ").render("zh")
    'alpha 和 beta'
    """

    __slots__ = ("items", "sep")

    def __init__(self, items: object, sep: str = "; ") -> None:
        self.items = list(items)  # type: ignore[call-overload]
        self.sep = sep

    def render(self, lang: str = "en", name_of: Callable[[str, str], str] | None = None) -> str:
        sep = _ZH_SEPARATORS.get(self.sep, self.sep) if lang == "zh" else self.sep
        return sep.join(_field(item, "", lang, name_of) for item in self.items)

    def __repr__(self) -> str:
        return f"Joined({self.items!r}, {self.sep!r})"


def _field(value: object, field: str, lang: str,
           name_of: Callable[[str, str], str] | None) -> object:
    if isinstance(value, Reason):
        return value.message.render(lang, name_of)
    if isinstance(value, (Message, Joined)):
        return value.render(lang, name_of)
    if isinstance(value, Phrase):
        return value.render(lang)
    if _is_name_field(field) and name_of is not None:
        return name_of(str(value), lang)
    return value


def placeholders(template: str) -> set[str]:
    """Names of the placeholders of ``template``.

    >>> sorted(placeholders("{name} must be {rule}; got {got}"))
    ['got', 'name', 'rule']
    """
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def _is_name_field(field: str) -> bool:
    return field == "name" or field.endswith("_name")


class Message:
    """A template key with its fields, rendered in either language.

    >>> Message("between", low="0", high="1").render("zh")
    '介于 0 和 1 之间'
    """

    __slots__ = ("fields", "key")

    def __init__(self, key: str, **fields: object) -> None:
        if key not in MESSAGES:
            raise KeyError(f"no message template {key!r}")
        self.key = key
        self.fields: dict[str, object] = fields

    def render(self, lang: str = "en",
               name_of: Callable[[str, str], str] | None = None) -> str:
        """The text in ``lang``; ``name_of(identifier, lang)`` shows a parameter name."""
        return render(self.key, self.fields, lang, name_of)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.fields!r})"


class Reason(str):
    """A text in words (a ``str``: the English text) that keeps its template, to be shown in
    another language: why a row of a file was left out (see
    :func:`crmlib.transactions.reason_in`).

    It is built from a :class:`Message` (or a :class:`Joined` list of them, for a row
    with several reasons); ``reason.message.render("zh")`` is the Chinese text.

    >>> why = Reason(Message("reason_no_date"))
    >>> why, why == "missing date", why.message.render("zh")
    ('missing date', True, '缺少日期')
    """

    message: Message | Joined

    def __new__(cls, message: Message | Joined) -> Reason:
        self = super().__new__(cls, message.render("en"))
        self.message = message
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return Reason, (self.message,)


def render(key: str, fields: Mapping[str, object], lang: str = "en",
           name_of: Callable[[str, str], str] | None = None) -> str:
    """Fill template ``key`` in ``lang`` ("en" or "zh") with ``fields``.

    >>> render("above_zero", {"name": "margin", "got": "-1"})
    'margin must be greater than 0; got -1'
    """
    english, chinese = MESSAGES[key]
    template = chinese if lang == "zh" else english
    shown: dict[str, Any] = {field: _field(value, field, lang, name_of)
                             for field, value in fields.items()}
    return template.format(**shown)


class MessageError(Exception):
    """An error of the library whose message is the template ``key`` filled with ``fields``.

    ``str(exc)`` is the English text; :func:`crmlib.i18n.message` renders it
    in another language.
    """

    def __init__(self, key: str, **fields: object) -> None:
        if key not in MESSAGES and not fields:
            # built from a plain text (e.g. ``type(exc)(text)``): no template, no translation
            self.message: Message | None = None
            super().__init__(key)
            return
        self.message = Message(key, **fields)
        super().__init__(self.message.render("en"))

    def __reduce__(self) -> tuple[Any, ...]:
        # the class is pickled through _rebuild, since it is shown as a built-in name
        if self.message is None:
            return _rebuild, (type(self).__name__, str(self), {})
        return _rebuild, (type(self).__name__, self.key, self.fields)

    @property
    def key(self) -> str | None:
        return None if self.message is None else self.message.key

    @property
    def fields(self) -> dict[str, object]:
        return {} if self.message is None else self.message.fields


class InputValueError(MessageError, ValueError):
    """A bad input value (a ``ValueError`` with a bilingual message template)."""


class InputTypeError(MessageError, TypeError):
    """An input of the wrong type (a ``TypeError`` with a bilingual message template)."""


class InputOverflowError(MessageError, OverflowError):
    """Inputs with no finite result (an ``OverflowError`` with a bilingual message template)."""


# Tracebacks (and doctests) print these as the built-in error they are, e.g.
# "ValueError: retention must be between 0 and 1; got 1.5", as every docstring documents;
# repr() keeps the true class name.
for _cls, _base in ((InputValueError, ValueError), (InputTypeError, TypeError),
                    (InputOverflowError, OverflowError)):
    _cls.__module__ = "builtins"
    _cls.__qualname__ = _base.__name__

_KINDS: dict[type, type[MessageError]] = {
    ValueError: InputValueError,
    TypeError: InputTypeError,
    OverflowError: InputOverflowError,
}


def _rebuild(class_name: str, key: str, fields: dict[str, object]) -> MessageError:
    return globals()[class_name](key, **fields)  # type: ignore[no-any-return]


def with_prefix(exc: Exception, prefix: str | Message) -> Exception:
    """``exc`` again, its message preceded by ``prefix`` and a colon (its template kept).

    >>> inner = fail(ValueError, "above_zero", name="margin", got="-1")
    >>> str(with_prefix(inner, "offer 'A'"))
    "offer 'A': margin must be greater than 0; got -1"
    """
    if isinstance(exc, MessageError) and exc.message is not None:
        kind = next(base for base in _KINDS if isinstance(exc, base))
        return fail(kind, "prefixed", prefix=prefix, inner=exc.message)
    text = prefix.render("en") if isinstance(prefix, Message) else prefix
    return type(exc)(f"{text}: {exc}")


def fail(kind: type[Exception], key: str, **fields: object) -> MessageError:
    """The error to raise: ``kind`` is ValueError, TypeError or OverflowError.

    >>> raise fail(TypeError, "not_number", name="margin", got="'abc'", type="str")
    Traceback (most recent call last):
    ...
    TypeError: margin must be a number; got 'abc' (str)
    """
    return _KINDS[kind](key, **fields)
