"""With lang="zh" the capstone uploader (notebook 09) shows every message in Chinese: the
reader's errors on an uploaded file, the analysis's checks and the reasons of the rejected rows
(in the widget and in the Chinese report). In English each text is the one the library printed
before its messages had templates (written out here).

The Chinese texts are written out from the templates' meaning, with the glossary's terms;
``assert_chinese`` (tests/test_messages.py) checks that no English words are left.
"""

from __future__ import annotations

import datetime
import html
import io
import pickle

import pytest
from test_messages import assert_chinese

from crmlib.capstone import TooFewCustomersError, analyse_customer_base
from crmlib.datasets import capstone_orders_path
from crmlib.i18n import message
from crmlib.plotting import capstone_report
from crmlib.transactions import read_transactions, reason_in
from crmlib.widgets import CapstoneUploader, capstone_uploader


def _upload(widget: CapstoneUploader, name: str, content: bytes) -> None:
    """What the browser sends when a file is chosen (ipywidgets 8 FileUpload.value)."""
    widget.controls["upload"].value = ({
        "name": name, "type": "text/csv", "size": len(content),
        "content": memoryview(content),
        "last_modified": datetime.datetime(2024, 1, 5, tzinfo=datetime.timezone.utc),
    },)


_FEW = b"customer,date,amount\nA,2024-01-05,1\nA,2024-02-05,1\n"

# (id, file name, content, English error, Chinese error)
UPLOADS = [
    ("missing-columns", "ab.csv", b"a,b\n1,2\n",
     "The file could not be read (ab.csv): could not find the customer_id column (tried names "
     "such as customer_id, 会员编号, 会员号, 会员卡号, 用户ID); the file has 'a', 'b'; pass "
     "customer='<column name>'",
     "无法读取该文件 (ab.csv)：找不到客户编号 customer_id 列（尝试过的列名例如 customer_id, "
     "会员编号, 会员号, 会员卡号, 用户ID）；文件现有的列：'a', 'b'；请传入 customer='<列名>'"),
    ("no-header", "empty.csv", b"",
     "The file could not be read (empty.csv): the file is empty: it has no header row",
     "无法读取该文件 (empty.csv)：文件是空的：没有表头行"),
    ("bad-encoding", "enc.csv", b"customer,date,amount\n\x80\xff\xfe,2024-01-05,1\n",
     "The file could not be read (enc.csv): the file is neither UTF-8 nor GB18030/GBK text; "
     "pass its encoding, e.g. encoding='big5'",
     "无法读取该文件 (enc.csv)：文件既不是 UTF-8 文本，也不是 GB18030/GBK 文本；请传入它的编码，"
     "例如 encoding='big5'"),
    ("zip-not-workbook", "x.xlsx", b"PK\x03\x04 not really a workbook",
     "The file could not be read (x.xlsx): the file is a ZIP archive but not an Excel workbook "
     "(.xlsx/.xlsm), or the workbook is damaged; unzip it and read the CSV file inside, or save "
     "the sheet again from Excel",
     "无法读取该文件 (x.xlsx)：文件是 ZIP 压缩包，但不是 Excel 工作簿（.xlsx/.xlsm），或者工作簿"
     "已损坏；请解压后读取其中的 CSV 文件，或在 Excel 中重新保存该工作表"),
    ("legacy-xls", "old.xls", b"\xd0\xcf\x11\xe0 an old workbook",
     "The file could not be read (old.xls): legacy .xls workbooks are not supported; save the "
     "sheet as .xlsx or CSV",
     "无法读取该文件 (old.xls)：不支持旧版 .xls 工作簿；请把工作表另存为 .xlsx 或 CSV"),
    ("ambiguous-dates", "amb.csv", b"customer,date,amount\nA,05/01/2024,1\n",
     "The file could not be read (amb.csv): dates such as '05/01/2024' can be read day-first or "
     "month-first and no date in the column tells which (no day above 12); pass dayfirst=True "
     "(day/month/year) or dayfirst=False (month/day/year), or date_format such as '%d/%m/%Y'",
     "无法读取该文件 (amb.csv)：'05/01/2024' 这样的日期既可以按日在前读，也可以按月在前读，"
     "而列中没有日期能说明是哪一种（没有大于 12 的日）；请传入 dayfirst=True（日/月/年）或 "
     "dayfirst=False（月/日/年），或 date_format，例如 '%d/%m/%Y'"),
    ("mixed-decimals", "dec.csv",
     b'customer,date,amount\nA,2024-01-05,"12,5"\nB,2024-01-05,12.50\n',
     "The file could not be read (dec.csv): the amount column mixes decimal points ('12.50') and "
     "decimal commas ('12,5'); pass decimal='.' or decimal=',' to say which it uses (the other "
     "rows are then rejected)",
     "无法读取该文件 (dec.csv)：金额列中既有小数点（'12.50'），也有小数逗号（'12,5'）；请传入 "
     "decimal='.' 或 decimal=',' 说明用的是哪一种（其他行随后会被剔除）"),
    ("too-few-customers", "few.csv", _FEW,
     "Too few customers to fit the models: 1 customers with a purchase before the last day, "
     "at least 30 needed",
     "客户太少，无法拟合模型：最后一天之前有购买的客户只有 1 位，至少需要 30 位"),
]


def _assert_error_shown(w: CapstoneUploader, expected: str) -> None:
    assert w.result is None and w.traceback is None
    assert w.error == expected
    assert w.chart.layout.display == "none" and w.make_button.disabled


@pytest.mark.parametrize(("name", "content", "english", "chinese"),
                         [c[1:] for c in UPLOADS], ids=[c[0] for c in UPLOADS])
def test_upload_error_in_chinese(name, content, english, chinese):
    w = capstone_uploader(lang="zh")
    _upload(w, name, content)
    _assert_error_shown(w, chinese)
    assert_chinese(w.error)


@pytest.mark.parametrize(("name", "content", "english", "chinese"),
                         [c[1:] for c in UPLOADS], ids=[c[0] for c in UPLOADS])
def test_upload_error_in_english_is_unchanged(name, content, english, chinese):
    w = capstone_uploader()
    _upload(w, name, content)
    _assert_error_shown(w, english)


def test_too_few_repeat_customers_in_both_languages():
    # 30 customers with one purchase each before the last day, 2 of them buying again
    rows = [f"C{i},2024-01-{1 + i % 20:02d},10" for i in range(30)]
    rows += ["C0,2024-03-01,10", "C1,2024-03-02,10", "Z,2024-04-01,10"]
    content = ("customer,date,amount\n" + "\n".join(rows) + "\n").encode()
    zh = capstone_uploader(lang="zh")
    _upload(zh, "repeat.csv", content)
    _assert_error_shown(zh, "重复购买的客户太少，无法拟合客单价模型：只有 2 位，至少需要 10 位")
    assert_chinese(zh.error)
    en = capstone_uploader()
    _upload(en, "repeat.csv", content)
    _assert_error_shown(en, "Too few repeat customers to fit the spend model: 2, at least 10 "
                            "needed")


# (id, control settings, English, Chinese)
SETTINGS = [
    ("currency-empty", {"currency": ""},
     "currency must be a text of 1 to 12 characters such as '¥' or '$'; got ''",
     "金额的货币单位 currency 必须是 1 到 12 个字符的文本，例如 '¥' 或 '$'；收到 ''"),
    ("margin-above-1", {"margin": 1.5},
     "margin must be between 0 and 1 (0 excluded); got 1.5",
     "利润 margin 必须介于 0 和 1 之间（不含 0）；收到 1.5"),
    ("margin-zero", {"margin": 0.0},
     "margin must be between 0 and 1 (0 excluded); got 0.0",
     "利润 margin 必须介于 0 和 1 之间（不含 0）；收到 0.0"),
    ("discount-negative", {"discount_rate": -0.5},
     "discount_rate must be 0 or greater; got -0.5",
     "折现率 discount_rate 必须大于或等于 0；收到 -0.5"),
]


@pytest.mark.parametrize(("settings", "english", "chinese"), [c[1:] for c in SETTINGS],
                         ids=[c[0] for c in SETTINGS])
def test_control_error_in_both_languages(settings, english, chinese):
    for lang, expected in (("zh", chinese), ("en", english)):
        w = capstone_uploader(lang=lang, currency="$")
        for control, value in settings.items():
            w.controls[control].value = value
        _assert_error_shown(w, expected)
    assert_chinese(chinese)


# one bad row of each kind a CSV upload can have, appended to the shipped example file:
# (row as written, English reason, Chinese reason)
BAD_ROWS = [
    (",1997/2/1,1,10.00", "missing customer id", "缺少客户编号"),
    ("9001,Feb 1 1997,1,10.00",
     "date 'Feb 1 1997' has an unrecognised format (expected e.g. 2024-01-05, 2024/1/5, "
     "20240105, 2024年1月5日 or 05/01/2024; other formats need date_format)",
     "日期 'Feb 1 1997' 的格式无法识别（应为例如 2024-01-05、2024/1/5、20240105、2024年1月5日 或 "
     "05/01/2024；其他格式需要 date_format）"),
    ("9002,1997/2/30,1,10.00", "date '1997/2/30' is not a valid calendar date",
     "日期 '1997/2/30' 不是有效的日历日期"),
    ("9003,1997/2/1 25:00,1,10.00",
     "date '1997/2/1 25:00' has an impossible time of day (hours 0-23, minutes and seconds 0-59)",
     "日期 '1997/2/1 25:00' 的时刻不可能存在（小时 0-23，分钟和秒 0-59）"),
    ("9004,1997,1,10.00",
     "date '1997' looks like a year alone, not a date (as an Excel serial date it would be in "
     "1902-1927)",
     "日期 '1997' 看起来只是年份，不是日期（作为 Excel 序列日期，它会落在 1902-1927 年）"),
    ("9005,9999/12/31,1,10.00",
     "date '9999/12/31' is outside the dates this library can hold (1677-09-22 to 2262-04-11); "
     "if it stands for 'no date', leave the cell empty",
     "日期 '9999/12/31' 超出了本库能表示的日期范围（1677-09-22 至 2262-04-11）；如果它表示“没有"
     "日期”，请让单元格留空"),
    ("9006,1997/2/1,1,n/a", "amount 'n/a' is not a number", "金额 'n/a' 不是数值"),
    ("9007,1997/2/1,1,inf", "amount 'inf' is not a finite number", "金额 'inf' 不是有限数值"),
    ("9008,1997/2/1,1,-5.00",
     "negative amount -5 (a return or refund) left out because negatives='drop'",
     "金额为负 -5（退货或退款），因为 negatives='drop' 而剔除"),
    ("9009,1997/2/1,1,10.00,9",
     "the row has 5 fields but the header has 4, so its values cannot be assigned to columns "
     "(a stray or missing separator)",
     "该行有 5 个字段，而表头有 4 个，因此无法把它的值对应到各列（多了或少了一个分隔符）"),
    ("9010,,1,", "missing date; missing amount", "缺少日期；缺少金额"),
]


@pytest.fixture(scope="module")
def bad_file() -> bytes:
    shipped = capstone_orders_path().read_bytes().rstrip(b"\r\n")
    return shipped + b"\n" + "\n".join(row for row, _, _ in BAD_ROWS).encode() + b"\n"


@pytest.fixture(scope="module")
def widgets_with_bad_rows(bad_file):
    out = {}
    for lang in ("en", "zh"):
        w = capstone_uploader(lang=lang, currency="$")
        _upload(w, "bad.csv", bad_file)
        out[lang] = w
    return out


def test_rejected_reasons_keep_their_english_text_and_render_in_chinese(bad_file):
    log = read_transactions(io.BytesIO(bad_file))
    added = log.rejected[log.rejected["row"] > log.rejected["row"].max() - len(BAD_ROWS)]
    assert added["reason"].tolist() == [english for _, english, _ in BAD_ROWS]
    assert [reason_in(r, "zh") for r in added["reason"]] == [zh for _, _, zh in BAD_ROWS]
    assert [reason_in(r, "en") for r in added["reason"]] == [english for _, english, _ in BAD_ROWS]
    for _, _, zh in BAD_ROWS:
        assert_chinese(zh)
    # a reason survives a copy and a pickle with its template
    again = pickle.loads(pickle.dumps(log.rejected.copy()))
    assert reason_in(again["reason"].iloc[-1], "zh") == "缺少日期；缺少金额"
    # text that is not a reader's reason (e.g. read back from a saved table) stays as it is
    assert reason_in("missing date", "zh") == "missing date"


def test_widget_shows_each_rejected_reason_in_its_language(widgets_with_bad_rows):
    for lang, column in (("zh", 2), ("en", 1)):
        w = widgets_with_bad_rows[lang]
        assert w.error is None and w.result is not None
        shown = html.unescape(w.message.value)
        for row in BAD_ROWS:
            assert f"<td>{row[column]}</td>" in shown, (lang, row[column])
    zh = html.unescape(widgets_with_bad_rows["zh"].message.value)
    assert "is not a" not in zh and "missing" not in zh


def test_chinese_report_shows_the_reasons_in_chinese(widgets_with_bad_rows):
    run = widgets_with_bad_rows["zh"].result
    page = html.unescape(capstone_report(run.analysis, lang="zh", currency="$"))
    for _, english, zh in BAD_ROWS:
        assert f"<td>{zh}</td>" in page and english not in page
    page_en = html.unescape(capstone_report(run.analysis, lang="en", currency="$"))
    for _, english, _ in BAD_ROWS:
        assert f"<td>{english}</td>" in page_en


def test_too_few_customers_error_keeps_its_fields_and_template():
    log = read_transactions(io.BytesIO(_FEW))
    with pytest.raises(TooFewCustomersError,
                       match=r"^the data must have at least 30 customers with a purchase before "
                             r"the last day to fit the BG/NBD model; got 1$") as info:
        analyse_customer_base(log)
    exc = info.value
    assert (exc.what, exc.found, exc.needed) == ("customers", 1, 30)
    assert isinstance(exc, ValueError)
    assert message(exc, "zh") == ("数据中最后一天之前有购买的客户至少要有 30 位，"
                                  "才能拟合 BG/NBD 模型；收到 1 位")
    again = pickle.loads(pickle.dumps(exc))
    assert str(again) == str(exc) and again.found == 1


@pytest.mark.parametrize(("kwargs", "english", "chinese"), [
    ({"horizon_months": 1201}, "horizon_months must be at most 1200 (100 years); got 1201",
     "CLV 期限（月） horizon_months 至多为 1200（100 年）；收到 1201"),
    ({"roi_years": 101}, "roi_years must be at most 100; got 101",
     "CRM 评估年数 roi_years 必须至多为 100；收到 101"),
    ({"loyalty_weights": (0.5, 0.5)},
     "loyalty_weights must be 3 weights (for active_month_share, repeat_share, span_share); got "
     "(0.5, 0.5)",
     "忠诚度指标权重 loyalty_weights 必须是 3 个权重（依次对应 active_month_share, repeat_share, "
     "span_share）；收到 (0.5, 0.5)"),
    ({"loyalty_weights": (0.5, 0.5, 0.5)},
     "loyalty_weights must sum to 1; got a sum of 1.5 (0.5, 0.5, 0.5)",
     "忠诚度指标权重 loyalty_weights 的合计必须为 1；收到的合计为 1.5（0.5, 0.5, 0.5）"),
])
def test_capstone_checks_in_both_languages(kwargs, english, chinese):
    log = read_transactions(io.BytesIO(_FEW))
    with pytest.raises(ValueError) as info:
        analyse_customer_base(log, **kwargs)
    assert str(info.value) == english
    assert message(info.value, "zh") == chinese
    assert_chinese(chinese)


def test_a_decimal_hint_reason_in_chinese():
    log = read_transactions(io.StringIO("customer,date,amount\nA,2024-01-05,\"12,5\"\n"),
                            decimal=".")
    why = log.rejected["reason"].iloc[0]
    assert why == ("amount '12,5' is not a number; it would fit a decimal comma (1.234,50), "
                   "but the column uses a decimal point (1,234.50)")
    assert reason_in(why, "zh") == ("金额 '12,5' 不是数值；它符合小数逗号（1.234,50）的写法，"
                                    "但该列用的是小数点（1,234.50）")


def test_a_file_not_in_the_encoding_given_in_chinese():
    with pytest.raises(ValueError) as info:
        read_transactions(io.BytesIO("客户,日期,金额\n".encode("gbk")), encoding="utf-8")
    assert str(info.value) == ("the file is not valid 'utf-8' text (invalid start byte at "
                               "byte 0); try encoding='auto', 'utf-8' or 'gb18030'")
    assert message(info.value, "zh") == ("文件不是有效的 'utf-8' 文本（第 0 字节处："
                                         "无效的起始字节）；请试试 encoding='auto'、'utf-8' 或 "
                                         "'gb18030'")


def test_a_fit_that_does_not_converge_is_shown_in_chinese(monkeypatch):
    """The uploader shows a model's ConvergenceError after "The analysis could not be
    completed", in the widget's language (the fit is replaced by one that fails the way
    crmlib.models' fits do, with their template)."""
    from crmlib._messages import Message
    from crmlib.models import ConvergenceError
    from crmlib.widgets import _capstone

    def failing(*args, **kwargs):
        raise ConvergenceError(Message("fit_gradient", model="BG/NBD", values="r=0.2, alpha=4",
                                       size="0.5", tolerance="0.001"))

    monkeypatch.setattr(_capstone, "analyse_customer_base", failing)
    zh = capstone_uploader(lang="zh")
    _assert_error_shown(zh, "无法完成分析：BG/NBD 的拟合没有收敛：搜索停在 r=0.2, alpha=4，该处"
                            "对数似然函数（对数尺度上）的梯度大小为 0.5，超过容差 0.001。请用 "
                            "initial_params=... 尝试其他初始值")
    assert_chinese(zh.error)
    en = capstone_uploader()
    _assert_error_shown(en, "The analysis could not be completed: BG/NBD fit did not converge: "
                            "the search stopped at r=0.2, alpha=4 where the gradient of the "
                            "log-likelihood (on the log scale) has size 0.5, above the tolerance "
                            "0.001. Try other starting values with initial_params=...")


def test_workbook_rows_rejected_with_chinese_reasons():
    """Rows only a workbook can have: a date cell before Excel's calendar and a date serial
    beyond it; uploaded with the shipped rows (so the analysis runs) to the Chinese uploader."""
    openpyxl = pytest.importorskip("openpyxl")
    good = read_transactions(capstone_orders_path()).data
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["customer_id", "date", "amount"])
    for row in good.itertuples(index=False):
        sheet.append([row.customer_id, row.date.to_pydatetime(), row.amount])
    sheet.append(["B", datetime.datetime(1899, 6, 1), 10.0])
    sheet.append(["C", 3000000, 10.0])
    last = sheet.max_row
    sheet[f"B{last}"].number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    english = ["date '1899-06-01' is before 1900-01-01, the first date of Excel's calendar (the "
               "cell holds a negative serial number)",
               f"date cell B{last} holds the serial number 3000000, which is outside the dates "
               "Excel can show"]
    chinese = ["日期 '1899-06-01' 早于 Excel 日历的第一天 1900-01-01（单元格中是负的序列号）",
               f"日期单元格 B{last} 中的序列号 3000000 超出了 Excel 能显示的日期范围"]
    w = capstone_uploader(lang="zh", currency="$")
    _upload(w, "book.xlsx", buffer.getvalue())
    assert w.error is None
    assert w.result.log.rejected["reason"].tolist() == english
    shown = html.unescape(w.message.value)
    for text in chinese:
        assert_chinese(text)
        assert f"<td>{text}</td>" in shown


def test_a_log_of_one_year_needs_a_retention_in_both_languages():
    """The shipped orders of January to September 1997 only: no year before the last one to
    measure the yearly retention from (the uploader has no retention box, so it says so)."""
    lines = capstone_orders_path().read_text(encoding="utf-8-sig").splitlines()
    dates = [line.split(",")[1] for line in lines[1:]]
    keep = [line for line, d in zip(lines[1:], dates, strict=True)
            if d.startswith("1997/") and int(d.split("/")[1]) <= 9]
    content = ("\n".join([lines[0], *keep]) + "\n").encode()
    zh = capstone_uploader(lang="zh")
    _upload(zh, "1997.csv", content)
    _assert_error_shown(zh, "交易记录没有回溯到最后日期（1997-09-30）之前 365 天以上时，必须给出"
                            "保留率 retention（0 到 1 之间的年保留率）：最后一年之前的那一年"
                            "没有客户购买")
    assert_chinese(zh.error)
    en = capstone_uploader()
    _upload(en, "1997.csv", content)
    _assert_error_shown(en, "retention must be given (a yearly rate between 0 and 1) when the log "
                            "does not reach back more than 365 days before its last date "
                            "(1997-09-30): no customer bought in the year before the last one")


def test_a_model_without_a_finite_fit_on_an_upload_in_chinese():
    """30 customers who each buy twice, all alike: BG/NBD has no finite best fit, and the
    uploader says so in Chinese after "The analysis could not be completed"."""
    rows = [f"C{i},2024-01-{1 + i % 28:02d},10\nC{i},2024-03-{1 + i % 28:02d},12"
            for i in range(30)]
    content = ("customer,date,amount\n" + "\n".join(rows) + "\n").encode()
    zh = capstone_uploader(lang="zh")
    _upload(zh, "alike.csv", content)
    assert zh.result is None and zh.traceback is None
    assert zh.error.startswith("无法完成分析：BG/NBD (BetaGeo) 对这些数据没有有限的最优拟合：")
    assert_chinese(zh.error)
    en = capstone_uploader()
    _upload(en, "alike.csv", content)
    assert en.error.startswith("The analysis could not be completed: BG/NBD (BetaGeo) has no "
                               "finite best fit for these data: ")
