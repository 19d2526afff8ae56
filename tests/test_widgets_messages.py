"""With lang="zh" every message a widget shows is Chinese; in English it is the library's text.

Each case drives one widget's controls into one error it can reach (as a student
would, through the controls) and checks the message shown: Chinese (CJK text,
no English words left other than parameter identifiers and values, see
``untranslated`` in test_messages.py), naming the parameter beside its Chinese
term where it has one; and the same steps in English show the English text,
written out here as the library printed it before messages had templates.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _cdnow_fixtures import BGNBD_PUBLISHED, GG_PUBLISHED
from test_messages import assert_chinese

from crmlib.datasets import load_cdnow, load_retention_survivors
from crmlib.i18n import label
from crmlib.lifecycle import classify_stage
from crmlib.models import BetaGeo, GammaGamma
from crmlib.transactions import rfm_summary
from crmlib.widgets import (
    ahp_workbench,
    budget_explorer,
    clv_calculator,
    cohort_explorer,
    customer_explorer,
    delivered_value_builder,
    equity_planner,
    kano_explorer,
    lever_explorer,
    loyalty_calculator,
    markov_editor,
    portfolio_chooser,
    profit_curve_explorer,
    retention_projector,
    rfm_explorer,
    roi_calculator,
    stage_browser,
    value_matrix_explorer,
)


def _models():
    return BetaGeo.from_params(**BGNBD_PUBLISHED), GammaGamma.from_params(**GG_PUBLISHED)


def _stages():
    tx = pd.DataFrame({"customer_id": ["a", "a", "b", "b", "b", "c"],
                       "date": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-01-05",
                                               "2024-02-05", "2024-06-01", "2024-06-20"]),
                       "amount": [10, 20, 5, 5, 5, 50]})
    return classify_stage(tx, as_of="2024-06-30")


def _rfm():
    tx = load_cdnow("sample")
    summary = rfm_summary(tx)
    summary["spend"] = tx.groupby("customer_id")["amount"].sum()
    return summary


_MATRIX = pd.DataFrame({"current_value": [120.0, -40.0, 15.0, 300.0, 60.0, 5.0],
                        "growth_potential": [10.0, 200.0, 50.0, 80.0, 5.0, 30.0]})
_NO_COST = {f"b_{k}": 0.0 for k in ("monetary", "time", "energy", "psychic")}
_NO_STAGES = {f"{s}_length": 0 for s in ("exploration", "formation", "stability", "decline")}

_SUMMARY = pd.DataFrame({"frequency": [1, 2, 0], "recency": [5.0, 50.0, 0.0],
                         "T": [10.0, 20.0, 30.0], "monetary_value": [10.0, 20.0, 0.0]})
_LOG = pd.DataFrame({"customer_id": ["a", "b", "c"],
                     "date": ["2024-01-01", "2024-02-01", "2024-03-01"], "amount": [1.0, 2.0, 3.0]})

# (id, build(lang), control settings in order, English text shown (or its start + "..."),
#  a Chinese part the message must hold)
CASES = [
    ("clv-margin-nan", lambda lang: clv_calculator(lang=lang), {"margin": float("nan")},
     "margin must be a finite number; got nan", "利润 margin 必须是有限数值"),
    ("clv-margin-huge", lambda lang: clv_calculator(lang=lang), {"margin": 1e308},
     "the value computed by retention_clv is not a finite number for these inputs (margin=1e+308, "
     "retention=0.8, discount_rate=0.1): a value or cash flow exceeds the largest number a "
     "computer can hold; use smaller amounts (e.g. thousands instead of units)",
     "retention_clv 对这些输入（margin=1e+308, retention=0.8, discount_rate=0.1）"
     "算出的价值不是有限数值"),
    ("clv-endless", lambda lang: clv_calculator(lang=lang),
     {"retention": 1.0, "discount_rate": 0.0},
     "retention 1 with discount_rate 0 has no finite value over an infinite horizon: a customer "
     "who never leaves, with money that never loses value, is worth an endless sum; got "
     "retention=1, discount_rate=0. Give a discount rate above 0 (the value is then a "
     "perpetuity, m/d), a retention below 1, or a finite number of periods",
     "保留率 retention 为 1 且折现率 discount_rate 为 0 时，无限期内没有有限的价值"),
    ("explorer-recency-after-T", lambda lang: customer_explorer(*_models(), lang=lang),
     {"recency": 40.0},
     "recency must not exceed the customer's age T (the last purchase cannot be later than "
     "today); got recency 40 > T 38.86", "最近购买时间 recency 不能超过客户年龄 T"),
    ("explorer-zero-spend", lambda lang: customer_explorer(*_models(), lang=lang),
     {"monetary_value": 0.0},
     "monetary_value must be greater than 0 for customers with repeat purchases; customer at "
     "position 0 has frequency 2 and monetary_value 0", "其消费金额 monetary_value 必须大于 0"),
    ("explorer-negative-spend", lambda lang: customer_explorer(*_models(), lang=lang),
     {"monetary_value": -1.0},
     "monetary_value must contain only values of at least 0; entry 0 is -1",
     "消费金额 monetary_value 只能包含不小于 0 的值"),
    ("projector-too-short", lambda lang: retention_projector([1000, 600, 450], lang=lang), {},
     "survivors must hold at least 4 yearly counts (the cohort size, 2 years to fit and 1 year "
     "to check the projection); got 3", "仍在保留的客户数 survivors 至少要有 4 个年度计数"),
    ("projector-rising", lambda lang: retention_projector([1000, 600, 650, 500, 400], lang=lang),
     {}, "survivors must never increase (a cohort only loses customers); entry 2 is 650 after "
     "600", "survivors 不能增加"),
    ("projector-no-churn", lambda lang: retention_projector([100] * 10, lang=lang), {},
     "sBG has no finite best fit for these data: no customer churns: the best fit has a churn "
     "probability per period of 0 for everyone (alpha/(alpha+beta) falls towards 0). The "
     "likelihood keeps rising...", "没有客户流失：最优拟合中每位客户的每期流失概率都是 0"),
    ("projector-slider-to-2",
     lambda lang: retention_projector([100, 100, 100, 100, 100, 50, 40], lang=lang),
     {"n_fit_years": 2}, "sBG has no finite best fit for these data: no customer churns...",
     "sBG 对这些数据没有有限的最优拟合"),
    ("projector-homogeneous", lambda lang: retention_projector(load_retention_survivors(),
                                                               lang=lang),
     {"segment": "high_end", "n_fit_years": 2},
     "sBG has no finite best fit for these data: the churn probability per period does not vary "
     "between customers, so the best fit is the limit with no heterogeneity: alpha and beta grow "
     "without bound with alpha/(alpha+beta) = 0.138, a churn probability per period of 0.138 for "
     "everyone. The likelihood keeps rising towards that limit...",
     "每期流失概率在客户之间没有差异，因此最优拟合是没有异质性的极限"),
    ("budget-margin-nan", lambda lang: budget_explorer(lang=lang), {"margin": float("nan")},
     "margin must be a finite number; got nan", "利润 margin 必须是有限数值"),
    ("budget-ceiling-0", lambda lang: budget_explorer(lang=lang), {"acquisition_ceiling": 0.0},
     "acquisition_ceiling must be between 0 and 1 (0 excluded); got 0.0",
     "获取率上限 acquisition_ceiling 必须介于 0 和 1 之间（不含 0）"),
    ("budget-retention-ceiling-1", lambda lang: budget_explorer(lang=lang),
     {"retention_ceiling": 1.0},
     "retention_ceiling must be between 0 and 1 (0 and 1 excluded); a customer who is sure to "
     "stay has no end to their lifetime; got 1.0", "一定会留下的客户，其生命周期没有终点"),
    ("budget-k1-0", lambda lang: budget_explorer(lang=lang), {"k1": 0.0},
     "k1 must be greater than 0; got 0.0", "k1 必须大于 0"),
    ("budget-margin-huge", lambda lang: budget_explorer(lang=lang), {"margin": 1e308},
     "the value computed by prospect_equity is not a finite number...",
     "算出的 value 不是有限数值"),
    ("markov-contribution-nan", lambda lang: markov_editor(lang=lang),
     {"contribution": float("nan")}, "contribution must be a finite number; got nan",
     "净贡献 contribution 必须是有限数值"),
    ("markov-endless", lambda lang: markov_editor(lang=lang), {"p4": 1.0, "discount_rate": 0.0},
     "discount_rate 0 gives an infinite value: state recency 1 (reward 36) belongs to a set of "
     "states the customer never leaves, so its reward is earned for ever; give a discount rate "
     "greater than 0, or make such states absorbing with reward 0",
     "折现率 discount_rate 为 0 时价值为无穷大"),
    ("levers-no-customers", lambda lang: lever_explorer(lang=lang), {"customers": 0.0},
     "customers must be greater than 0; got 0.0", "客户 customers 必须大于 0"),
    ("levers-retention-1", lambda lang: lever_explorer(lang=lang), {"retention": 1.0},
     "retention must be between 0 and 1 (1 excluded); got 1.0",
     "保留率 retention 必须介于 0 和 1 之间（不含 1）"),
    ("levers-more-0", lambda lang: lever_explorer(lang=lang), {"more": 0.0},
     "more must be between 0 and 1 (0 excluded); got 0.0", "多（获取） more 必须介于 0 和 1 之间"),
    ("levers-huge", lambda lang: lever_explorer(lang=lang), {"customers": 1e308},
     "the equity computed by more_longer_deeper is not a finite number...",
     "more_longer_deeper 对这些输入"),
    ("profile-no-stages", lambda lang: profit_curve_explorer(lang=lang), _NO_STAGES,
     "stage_lengths must add up to at least 1 period; got 0 in every stage",
     "stage_lengths 合计至少为 1 期"),
    ("profile-end-after-path", lambda lang: profit_curve_explorer(lang=lang),
     {"full_path": False, "end_period": 20},
     "end_period must not be after the last period of the path (12); got 20",
     "end_period 不能晚于整条路径的最后一期（12）"),
    ("cohorts-no-amount",
     lambda lang: cohort_explorer(load_cdnow("sample")[["customer_id", "date"]], amount=None,
                                  lang=lang),
     {"measure": "revenue"},
     "measure 'revenue' needs the amount column, which was not given to cohort_table",
     "指标 measure 'revenue' 需要 amount 列"),
    ("stages-unknown-customer", lambda lang: stage_browser(_stages(), lang=lang),
     {"customer": "zz"},
     "customer must be the id of a classified customer (such as a, b, c); got 'zz'",
     "客户 customer 必须是已分类客户的编号"),
    ("ahp-too-many-items", lambda lang: ahp_workbench([f"c{i}" for i in range(11)], lang=lang),
     {}, "random_index table 'saaty1980' covers matrices of order 1 to 10; got a matrix of order "
     "11. Compare fewer items at once (split them into groups in the hierarchy) or choose "
     "random_index='donegan_dodd' (up to 20)", "只适用于 1 到 10 阶的矩阵"),
    ("loyalty-weights-sum", lambda lang: loyalty_calculator(lang=lang), {"alpha:orders": 0.5},
     "indicator_weights must sum to 1; got a sum of 1.2 ([0.5, 0.5, 0.2])",
     "指标权重 indicator_weights 的合计必须为 1"),
    ("matrix-percentile", lambda lang: value_matrix_explorer(_MATRIX, lang=lang),
     {"current_percentile.max": 150.0, "current_percentile": 120.0},
     "current_percentile must be between 0 and 100; got 120.0", "必须介于 0 和 100 之间"),
    ("rfm-named-needs-5", lambda lang: rfm_explorer(_rfm(), monetary="spend", lang=lang),
     {"bins": 4, "scheme": "named"},
     "scheme='named' needs scores with 5 levels (rfm_scores with bins=5); got scores with "
     "bins=4", "需要 5 个等级的评分"),
    # data given to a widget is checked where the widget computes: its message is shown too
    ("rfm-recency-after-T", lambda lang: rfm_explorer(_SUMMARY, lang=lang), {},
     "summary column 'recency' must not exceed 'T' under recency_convention='summary' (recency "
     "is the time from the first to the last purchase); row 1 has recency 50 > T 20. If recency "
     "already is the time since the last purchase, pass recency_convention='elapsed'",
     "summary 的列 'recency' 不能超过 'T'"),
    ("rfm-text-column",
     lambda lang: rfm_explorer(_SUMMARY.assign(recency=[1.0, 2.0, 0.0],
                                               monetary_value=["a", "b", "c"]), lang=lang), {},
     "summary column 'monetary_value' must hold numbers; got values such as 'a'",
     "summary 的列 'monetary_value' 必须是数值"),
    ("rfm-missing-value",
     lambda lang: rfm_explorer(_SUMMARY.assign(recency=[1.0, 2.0, 0.0],
                                               monetary_value=[1.0, float("nan"), 2.0]),
                               lang=lang), {},
     "summary column 'monetary_value' must contain only finite numbers; entry 1 is nan",
     "summary 的列 'monetary_value' 只能包含有限数值"),
    ("portfolio-lengths", lambda lang: portfolio_chooser([1, 2, 3], [1, 2], lang=lang), {},
     "resource_need must have one entry per customer, as many as clv has (3); got 2 entries",
     "所需资源 CR resource_need 必须每位客户一项"),
    ("cohorts-missing-id",
     lambda lang: cohort_explorer(_LOG.assign(customer_id=["a", "b", None]), lang=lang), {},
     "transactions column 'customer_id' must not have missing customer ids; 1 missing (first at "
     "row 2). read_transactions lists such rows in .rejected", "不能有缺失的客户编号"),
    ("cohorts-missing-amount",
     lambda lang: cohort_explorer(_LOG.assign(amount=[1.0, float("nan"), 2.0]), lang=lang), {},
     "transactions column 'amount' must hold finite numbers; 1 are missing or infinite (first "
     "at row 1)", "transactions 的列 'amount' 必须是有限数值"),
    ("cohorts-text-amount",
     lambda lang: cohort_explorer(_LOG.assign(amount=["x", "y", "z"]), lang=lang), {},
     "transactions column 'amount' must hold numbers; got values such as 'x'. read_transactions "
     "cleans currency text", "transactions 的列 'amount' 必须是数值"),
    ("roi-hidden-costs", lambda lang: roi_calculator(lang=lang), {"hidden_costs": -5.0},
     "hidden_costs must be 0 or greater; got -5.0", "hidden_costs 必须大于或等于 0"),
    ("roi-no-investment", lambda lang: roi_calculator(lang=lang), {"investment": 0.0},
     "investment must be greater than 0; got 0.0", "investment 必须大于 0"),
    ("roi-tiny-investment", lambda lang: roi_calculator(lang=lang), {"investment": 1e-320},
     "crm_roi cannot compute a finite result for these inputs (investment=1e-320, ...",
     "（浮点数除以零）"),
    ("roi-endless-gains", lambda lang: roi_calculator(lang=lang),
     {"benefits": 1e308, "cost_savings": 1e308},
     "crm_roi cannot compute a finite result for these inputs (investment=500000.0, "
     "costs=60000.0, benefits=1e+308, discount_rate=0.1, hidden_costs=40000.0, "
     "cost_savings=1e+308, years=5): use smaller amounts (e.g. thousands instead of units) or "
     "less extreme rates (a net cash flow exceeds the largest number a computer can hold)",
     "（某笔净现金流超出了计算机能表示的最大数）"),
    ("planner-remove-too-many", lambda lang: equity_planner(lang=lang),
     {"extra_customers": -2000.0},
     "extra_customers may not remove more customers than the base has (1000); got -2000",
     "新增客户数 extra_customers 减少的客户不能多于现有客户（1000）"),
    ("planner-retention-above-1", lambda lang: equity_planner(lang=lang, retention=0.95),
     {"retention_change": 0.1},
     "retention + retention_change must be between 0 and 1; got 0.95 + 0.1 = 1.05",
     "保留率 retention + retention_change 必须介于 0 和 1 之间"),
    ("planner-retention-1", lambda lang: equity_planner(lang=lang, retention=0.9),
     {"retention_change": 0.1},
     "retention + retention_change must stay below 1 for an infinite horizon (a customer who "
     "never leaves has no end to their lifetime); got 0.9 + 0.1 = 1",
     "无限期时保留率 retention + retention_change 必须小于 1"),
    ("offer-costs-nothing", lambda lang: delivered_value_builder(lang=lang), _NO_COST,
     "offer 'B': total customer cost (monetary + time + energy + psychic) must be greater "
     "than 0: every "
     "offer costs the customer something, and the value/cost ratio needs it; got 0",
     "方案 'B'：顾客总成本（货币 + 时间 + 精力 + 心理成本）必须大于 0"),
    ("kano-fields", lambda lang: kano_explorer(lang=lang), {"counts": "wifi, 4, 9"},
     "line 1 ('wifi, 4, 9') must be: name, A, O, M, I (optionally R, Q); got 2 numbers",
     "第 1 行（'wifi, 4, 9'）的格式必须是"),
    ("kano-not-number", lambda lang: kano_explorer(lang=lang), {"counts": "wifi, x, 9, 5, 2"},
     "line 1 ('wifi, x, 9, 5, 2'): 'x' is not a number", "'x' 不是数值"),
    ("kano-negative", lambda lang: kano_explorer(lang=lang), {"counts": "wifi, 4, 9, -5, 2"},
     "counts['M'] must contain only values of at least 0; entry 0 is -5",
     "回答数 counts['M'] 只能包含不小于 0 的值"),
    ("kano-empty", lambda lang: kano_explorer(lang=lang), {"counts": ""},
     "enter at least one attribute: one line per attribute, name, A, O, M, I (optionally R, Q)",
     "请至少输入一个属性"),
    ("kano-twice", lambda lang: kano_explorer(lang=lang),
     {"counts": "wifi, 1, 1, 1, 1\nwifi, 2, 2, 2, 2"},
     "line 2: attribute 'wifi' appears twice", "属性 'wifi' 出现了两次"),
    ("kano-no-answers", lambda lang: kano_explorer(lang=lang), {"counts": "wifi, 0, 0, 0, 0"},
     "counts row 'wifi' has no answers: A, O, M, I, R and Q are all 0", "这一行没有回答"),
    ("kano-earlier", lambda lang: kano_explorer(lang=lang), {"earlier": "wifi, 1, 2"},
     "earlier survey: line 1 ('wifi, 1, 2') must be: name, A, O, M, I (optionally R, Q); got 2 "
     "numbers", "早前的调查：第 1 行（'wifi, 1, 2'）的格式必须是"),
]


def _drive(build, settings, lang):
    w = build(lang)
    for name, value in settings.items():
        if name.endswith(".max"):
            w.controls[name[:-4]].max = value
        else:
            w.controls[name].value = value
    return w


@pytest.mark.parametrize(("build", "settings", "english", "chinese"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_widget_shows_its_error_in_chinese(build, settings, english, chinese):
    w = _drive(build, settings, "zh")
    assert w.result is None and w.traceback is None
    assert_chinese(w.error)
    assert chinese in w.error
    assert w.message.value.startswith(f'<div style="color:#B00020; font-weight:600;">'
                                      f'{label("error", "zh")}: ')


@pytest.mark.parametrize(("build", "settings", "english", "chinese"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_english_widget_shows_the_english_text(build, settings, english, chinese):
    w = _drive(build, settings, "en")
    assert w.result is None and w.traceback is None
    if english.endswith("..."):
        assert w.error.startswith(english[:-3])
    else:
        assert w.error == english


def test_a_bug_keeps_its_english_traceback_with_chinese_words_around(monkeypatch):
    w = clv_calculator(lang="zh")

    def broken(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(w, "compute", broken)
    w.controls["margin"].value = 120.0
    assert w.error == "KeyError: 'oops'" and "Traceback" in w.traceback
    assert f"{label('error', 'zh')}: KeyError: &#x27;oops&#x27;" in w.message.value
    assert "这是本工具包的程序错误" in w.message.value and "详细信息" in w.message.value


def test_an_error_while_drawing_is_shown_as_a_bug(monkeypatch):
    """Numbers the core accepted cannot fail to draw unless the kit has a bug."""
    w = clv_calculator(lang="zh")

    def broken(result, ax):
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(w, "draw", broken)
    w.controls["margin"].value = 120.0
    assert w.result is None
    assert w.error == "OverflowError: cannot convert float infinity to integer"
    assert "这是本工具包的程序错误" in w.message.value
