"""Every plot names the unit of every axis that shows a quantity, in both languages.

``PLOTS`` draws each public plot function of :mod:`crmlib.plotting` on small
inputs; ``AXES`` says, for each of its axes (``x``, ``y`` and the colour bar
``cbar``), what the axis shows:

* ``CURRENCY``: money; the label ends with the ``currency`` passed (drawn with
  ``currency="€"`` so that the keyword, not a fixed sign, is seen);
* ``COUNT``: a number of purchases, transactions or customers, which the label names;
* ``(en, zh)``: the label ends with this unit (or scale), e.g. ``("(weeks)", "（周）")``;
* ``NONE``: no quantity (names of categories, a schematic axis, a diagram);
  with the reason.

A new plot function without an entry fails ``test_every_plot_function_is_in_the_table``.
"""

from __future__ import annotations

import inspect

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.ticker import PercentFormatter

import crmlib.plotting as P
from crmlib.clv import retention_clv, simple_clv
from crmlib.equity import (
    brand_switching,
    equity_surface,
    markov_clv,
    more_longer_deeper,
    select_customers,
    state_distribution,
)
from crmlib.lifecycle import (
    classify_stage,
    cohort_table,
    lifecycle_profile,
    retention_curve,
    stage_summary,
)
from crmlib.loyalty import (
    ahp,
    ahp_hierarchy,
    example_customer_base,
    loyalty_scores,
    morgan_hunt_model,
    pairwise_matrix,
)
from crmlib.models import BetaGeo, ShiftedBetaGeometric
from crmlib.segmentation import pareto_abc, rfm_grid, rfm_segments
from crmlib.strategy import (
    contact_pattern,
    crm_roi,
    plan_equity_change,
    process_model,
    recommend_strategy,
)
from crmlib.value import delivered_value, kano_from_counts, value_matrix

CURRENCY = "currency"
COUNT = "count"
PERCENT = ("(%)", "（%）")
PERIODS = ("(periods)", "（期）")
WEEKS = ("(weeks)", "（周）")
MONTHS = ("(months)", "（月）")
YEAR = ("Year", "年")  # the label is the unit: years 0, 1, 2, ...


def NONE(reason: str) -> tuple[str, str]:
    return ("none", reason)


#: words that name what a count counts
COUNT_WORDS = {"en": ("purchases", "Purchases", "transactions", "Customers", "customers"),
               "zh": ("购买次数", "客户数")}

BG = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
SURVIVORS = [1000, 631, 468, 382, 326, 289, 262, 241]
SBG = ShiftedBetaGeometric().fit(SURVIVORS[:5])
LOG = pd.DataFrame({"customer_id": [1, 1, 1, 2], "date": pd.to_datetime(
    ["2024-01-01", "2024-01-01", "2024-01-10", "2024-01-02"]), "amount": [1.0, 2, 3, 4]})
MONTHLY = pd.DataFrame({"customer_id": ["a", "a", "b"],
                        "date": ["2024-01-05", "2024-02-05", "2024-02-10"],
                        "amount": [1.0, 2.0, 3.0]})
HOLDOUT = pd.DataFrame({"frequency": [0, 1, 3], "recency": [0.0, 20.0, 35.0],
                        "T": [38.0, 38.0, 38.0], "frequency_holdout": [0, 1, 2],
                        "duration_holdout": [39.0, 39.0, 39.0]})
SCORES = pd.DataFrame({"R": [5, 1, 4, 2], "F": [5, 4, 1, 1], "M": [5, 5, 2, 1],
                       "monetary": [100.0, 80.0, 10.0, 5.0]})
EX = example_customer_base()


def _plots():
    return {
        "plot_ahp_weights": lambda **k: P.plot_ahp_weights(
            ahp(pairwise_matrix([3, 5, 2], ["price", "quality", "service"])), **k),
        "plot_calibration_holdout": lambda **k: P.plot_calibration_holdout(
            BG, HOLDOUT, max_frequency=2, **k),
        "plot_clv_cashflows": lambda **k: P.plot_clv_cashflows(
            retention_clv(100, 0.8, 0.1, periods=5), **k),
        "plot_cohort_heatmap": lambda **k: P.plot_cohort_heatmap(cohort_table(MONTHLY), **k),
        "plot_contact_patterns": lambda **k: P.plot_contact_patterns(
            [contact_pattern(c) for c in ("clasp", "zipper", "velcro")], **k),
        "plot_cumulative_transactions": lambda **k: P.plot_cumulative_transactions(
            BG, LOG, "2024-01-14", "2024-01-28", **k),
        "plot_customer_timeline": lambda **k: P.plot_customer_timeline(
            classify_stage(MONTHLY), "a", **k),
        "plot_delivered_value": lambda **k: P.plot_delivered_value(
            delivered_value(product=60, service=20, monetary=50), **k),
        "plot_equity_levers": lambda **k: P.plot_equity_levers(
            plan_equity_change(1000, 100, 0.8, 0.1, extra_customers=100), **k),
        "plot_equity_surface": lambda **k: P.plot_equity_surface(equity_surface(
            50, 80, margin=100, acquisition_ceiling=0.4, k1=0.1, retention_ceiling=0.8, k2=0.05,
            discount_rate=0.1, points=5), **k),
        "plot_frequency_recency_matrix": lambda **k: P.plot_frequency_recency_matrix(
            BG, T=38.86, max_frequency=3, resolution=4, **k),
        "plot_hierarchy_weights": lambda **k: P.plot_hierarchy_weights(ahp_hierarchy(
            pairwise_matrix([2], ["price", "quality"]),
            [pairwise_matrix([3], ["x", "y"]), pairwise_matrix([1], ["x", "y"])]), **k),
        "plot_kano_coefficients": lambda **k: P.plot_kano_coefficients(
            kano_from_counts({"wifi": {"A": 4, "O": 9, "M": 5, "I": 2}}), **k),
        "plot_kano_drift": lambda **k: P.plot_kano_drift(**k),
        "plot_levers": lambda **k: P.plot_levers(more_longer_deeper(1000, 100, 0.8, 0.1), **k),
        "plot_lifecycle_profile": lambda **k: P.plot_lifecycle_profile(
            lifecycle_profile([2, 3, 4, 2], [10, 40, 60, 30], [40, 20, 10, 10]), **k),
        "plot_loyalty_scores": lambda **k: P.plot_loyalty_scores(loyalty_scores(
            EX.given, EX.total, EX.indicator_weights, EX.factor_values, [0.2, 0.3, 0.5], 0.6),
            **k),
        "plot_market_shares": lambda **k: P.plot_market_shares(
            brand_switching([[0.8, 0.2], [0.1, 0.9]], [0.5, 0.5], 10), **k),
        "plot_markov_values": lambda **k: P.plot_markov_values(
            markov_clv([[0.5, 0.5], [0, 1]], [10, 0], 0.1), **k),
        "plot_pareto_curve": lambda **k: P.plot_pareto_curve(pareto_abc([50, 30, 10, 5, 5]), **k),
        "plot_period_transactions": lambda **k: P.plot_period_transactions(
            BG, HOLDOUT, max_frequency=2, **k),
        "plot_probability_alive_matrix": lambda **k: P.plot_probability_alive_matrix(
            BG, T=38.86, max_frequency=3, resolution=4, **k),
        "plot_process_model": lambda **k: P.plot_process_model(process_model()),
        "plot_relationship_model": lambda **k: P.plot_relationship_model(
            morgan_hunt_model(), **k),
        "plot_retention_curve": lambda **k: P.plot_retention_curve(
            retention_curve(MONTHLY, churn_after=1), **k),
        "plot_rfm_grid": lambda **k: P.plot_rfm_grid(rfm_grid(SCORES), **k),
        "plot_rfm_segments": lambda **k: P.plot_rfm_segments(
            rfm_segments(SCORES, threshold=3), **k),
        "plot_roi_cashflows": lambda **k: P.plot_roi_cashflows(
            crm_roi(100, 0, [40, 50, 60], 0.1), **k),
        "plot_sbg_retention": lambda **k: P.plot_sbg_retention(SBG, SURVIVORS, **k),
        "plot_sbg_survival": lambda **k: P.plot_sbg_survival(SBG, SURVIVORS, **k),
        "plot_selection": lambda **k: P.plot_selection(
            select_customers([60, 100, 120], [10, 20, 30], 50), **k),
        "plot_stage_values": lambda **k: P.plot_stage_values(stage_summary(
            classify_stage(MONTHLY), clv=pd.Series({"a": 30.0, "b": 12.0})), **k),
        "plot_state_distribution": lambda **k: P.plot_state_distribution(
            state_distribution([[0.9, 0.1], [0.2, 0.8]], [1, 0], 5), **k),
        "plot_strategy_scores": lambda **k: P.plot_strategy_scores(
            recommend_strategy("high", "high", "long_term", "mature", 0.5), **k),
        "plot_value_hierarchy": lambda **k: P.plot_value_hierarchy(**k),
        "plot_value_matrix": lambda **k: P.plot_value_matrix(value_matrix(pd.DataFrame(
            {"current_value": [10, 8, 2, 1], "growth_potential": [9, 1, 7, 2]})), **k),
    }


CATEGORIES = NONE("names of categories (criteria, states, levers, customers, segments)")
DIAGRAM = NONE("a diagram without axes")
AXES: dict[str, dict[str, object]] = {
    "plot_ahp_weights": {"x": ("(shares summing to 1)", "（合计为 1）"), "y": CATEGORIES},
    "plot_calibration_holdout": {"x": COUNT, "y": COUNT},
    "plot_clv_cashflows": {"x": PERIODS, "y": CURRENCY},
    "plot_cohort_heatmap": {"x": MONTHS, "y": NONE("cohorts, named by their month"),
                            "cbar": PERCENT},
    "plot_contact_patterns": {"x": PERIODS, "y": CATEGORIES},
    "plot_cumulative_transactions": {"x": WEEKS, "y": COUNT},
    "plot_customer_timeline": {"x": MONTHS, "y": CURRENCY},
    "plot_delivered_value": {"x": CATEGORIES,
                             "y": ("(money or points, one scale)", "（货币或分值，同一量纲）")},
    "plot_equity_levers": {"x": CURRENCY, "y": CATEGORIES},
    "plot_equity_surface": {"x": CURRENCY, "y": CURRENCY, "cbar": CURRENCY},
    "plot_frequency_recency_matrix": {"x": WEEKS, "y": COUNT, "cbar": COUNT},
    "plot_hierarchy_weights": {"x": ("(shares summing to 1)", "（合计为 1）"), "y": CATEGORIES},
    "plot_kano_coefficients": {"x": ("(dissatisfaction coefficient)", "（不满意系数）"),
                               "y": ("(satisfaction coefficient)", "（满意系数）")},
    "plot_kano_drift": {"x": ("(absent → fully provided)", "（不具备 → 充分具备）"),
                        "y": NONE("a schematic satisfaction axis, without a scale")},
    "plot_levers": {"x": CATEGORIES, "y": CURRENCY},
    "plot_lifecycle_profile": {"x": PERIODS, "y": CURRENCY},
    "plot_loyalty_scores": {"x": ("(0 to 1)", "（0～1）"), "y": CATEGORIES},
    "plot_market_shares": {"x": PERIODS, "y": PERCENT},
    "plot_markov_values": {"x": CATEGORIES, "y": CURRENCY},
    "plot_pareto_curve": {"x": PERCENT, "y": PERCENT},
    "plot_period_transactions": {"x": COUNT, "y": COUNT},
    "plot_probability_alive_matrix": {"x": WEEKS, "y": COUNT,
                                      "cbar": NONE("a probability, from 0 to 1: no unit")},
    "plot_process_model": {"x": DIAGRAM, "y": DIAGRAM},
    "plot_relationship_model": {"x": DIAGRAM, "y": DIAGRAM},
    "plot_retention_curve": {"x": MONTHS, "y": PERCENT},
    "plot_rfm_grid": {"x": ("(5 = buys most often)", "（5 = 购买最频繁）"),
                      "y": ("(5 = bought most recently)", "（5 = 最近购买）")},
    "plot_rfm_segments": {"x": PERCENT, "y": CATEGORIES},
    "plot_roi_cashflows": {"x": YEAR, "y": CURRENCY},
    "plot_sbg_retention": {"x": YEAR, "y": PERCENT},
    "plot_sbg_survival": {"x": YEAR, "y": COUNT},
    "plot_selection": {"x": ("(resource units)", "（资源单位）"), "y": CURRENCY},
    "plot_stage_values": {"x": CURRENCY, "y": PERCENT},  # x: the stages with their mean CLV
    "plot_state_distribution": {"x": PERIODS, "y": PERCENT},
    "plot_strategy_scores": {"x": NONE("a score: the sum of factor signals from −1 to +1"),
                             "y": CATEGORIES},
    "plot_value_hierarchy": {"x": DIAGRAM, "y": DIAGRAM},
    "plot_value_matrix": {"x": CURRENCY, "y": CURRENCY},
}

PLOTS = _plots()
NAMES = sorted(n for n in P.__all__ if n.startswith("plot_"))


def _labels(ax) -> dict[str, str]:
    bars = [a for a in ax.figure.axes if a is not ax]
    out = {"x": ax.get_xlabel(), "y": ax.get_ylabel()}
    if bars:
        out["cbar"] = bars[0].get_ylabel()
    return out


def test_every_plot_function_is_in_the_table():
    assert sorted(PLOTS) == NAMES
    assert sorted(AXES) == NAMES


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_axes_that_show_a_quantity_name_its_unit(name, lang):
    takes = inspect.signature(getattr(P, name)).parameters
    if "lang" not in takes and lang == "zh":
        pytest.skip(f"{name} draws no language-dependent axis labels")
    kwargs = {"lang": lang} if "lang" in takes else {}
    if "currency" in takes:
        kwargs["currency"] = "€"
    labels = _labels(PLOTS[name](**kwargs))
    expected = AXES[name]
    assert set(labels) <= set(expected), f"{name}: an axis not in the table: {labels}"
    for axis, kind in expected.items():
        text = labels.get(axis, "")
        if kind == CURRENCY:
            assert "currency" in takes, f"{name} shows money but takes no currency="
            assert text.endswith("(€)" if lang == "en" else "（€）"), (name, axis, text)
        elif kind == COUNT:
            assert any(word in text for word in COUNT_WORDS[lang]), (name, axis, text)
        elif kind[0] == "none":
            continue  # no quantity; the reason is in the table
        elif kind == YEAR:
            assert text == YEAR[lang == "zh"], (name, axis, text)
        else:
            assert text.endswith(kind[lang == "zh"]), (name, axis, text)


# ------------------------------------------------------------------ targeted: the fixed axes

def test_tracking_plot_names_the_period_in_words_not_its_code():
    # before: "Period (W)"
    ax = P.plot_cumulative_transactions(BG, LOG, "2024-01-14", "2024-01-28")
    assert ax.get_xlabel() == "Time (weeks)"
    zh = P.plot_cumulative_transactions(BG, LOG, "2024-01-14", "2024-01-28", lang="zh")
    assert zh.get_xlabel() == "时间（周）"
    daily = P.plot_cumulative_transactions(BG, LOG, "2024-01-14", "2024-01-28", freq="D")
    assert daily.get_xlabel() == "Time (days)"


@pytest.mark.parametrize(("freq", "en", "zh"), [("D", "days", "天"), ("W", "weeks", "周"),
                                                ("M", "months", "月"), ("Q", "quarters", "季度"),
                                                ("Y", "years", "年")])
def test_recency_axis_of_the_model_maps_is_in_the_models_time_unit(freq, en, zh):
    ax = P.plot_probability_alive_matrix(BG, T=10, max_frequency=2, resolution=2, freq=freq)
    assert ax.get_xlabel() == f"Recency $t_x$ ({en})"
    ax = P.plot_frequency_recency_matrix(BG, T=10, max_frequency=2, resolution=2, freq=freq,
                                         lang="zh")
    assert ax.get_xlabel() == f"最近购买时间 $t_x$（{zh}）"


def test_model_maps_refuse_an_unknown_time_unit_naming_it():
    with pytest.raises(ValueError, match="freq must be one of 'D', 'W', 'M', 'Q', 'Y'; got 'w'"):
        P.plot_probability_alive_matrix(BG, T=10, freq="w")


def test_clv_cashflows_axes_period_and_currency():
    res = retention_clv(100, 0.8, 0.1, periods=5)
    ax = P.plot_clv_cashflows(res)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Time (periods)", "Value (¥)")
    zh = P.plot_clv_cashflows(res, lang="zh", period="Y", currency="$")
    assert (zh.get_xlabel(), zh.get_ylabel()) == ("时间（年）", "价值（$）")
    assert P.plot_clv_cashflows(simple_clv(50, 4, 3), period="M").get_xlabel() == (
        "Time (months)")
    with pytest.raises(ValueError, match="period must be one of 'D', 'W', 'M', 'Q', 'Y'; "
                                         "got 'year'"):
        P.plot_clv_cashflows(res, period="year")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("periods", [5, 40, None])
def test_clv_cashflow_legend_is_outside_the_axes_never_over_the_bars(lang, periods):
    # before: lang="zh" put the (wider) legend over the bars at the lower right
    ax = P.plot_clv_cashflows(retention_clv(100, 0.8, 0.1, periods=periods), lang=lang)
    canvas = FigureCanvasAgg(ax.figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    inside = ax.get_window_extent(renderer)
    assert legend.y1 < inside.y0  # wholly below the plotting area
    assert legend.x0 >= 0 and legend.x1 <= ax.figure.bbox.x1  # and inside the figure


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("ends_early", [False, True])
@pytest.mark.parametrize("lengths", [(2, 3, 5, 2), (1, 1, 1, 1), (10, 20, 40, 10)])
def test_lifecycle_profile_legend_is_below_the_time_label_never_over_the_data(
        lang, ends_early, lengths):
    # before: the legend sat at the upper left, over the bars and lines of the first periods
    profile = lifecycle_profile(lengths, (20, 60, 90, 50), (80, 40, 25, 25),
                                end_period=sum(lengths) - 1 if ends_early else None)
    ax = P.plot_lifecycle_profile(profile, lang=lang)
    canvas = FigureCanvasAgg(ax.figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.y1 < ax.xaxis.get_tightbbox(renderer).y0  # below tick labels and time label
    assert legend.x0 >= 0 and legend.y0 >= 0 and legend.x1 <= ax.figure.bbox.x1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_profit_curve_explorer_chart_keeps_its_legend_off_the_data(lang):
    from crmlib.widgets import profit_curve_explorer

    w = profit_curve_explorer(lang=lang)
    canvas = FigureCanvasAgg(w.figure)
    canvas.draw()
    ax = w.figure.axes[0]
    renderer = canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.y1 < ax.xaxis.get_tightbbox(renderer).y0
    assert legend.x0 >= 0 and legend.y0 >= 0 and legend.x1 <= w.figure.bbox.x1


def test_clv_calculator_chart_keeps_its_legend_off_the_bars_in_chinese():
    from crmlib.widgets import clv_calculator

    w = clv_calculator(lang="zh", periods=12, infinite=False)
    canvas = FigureCanvasAgg(w.figure)
    canvas.draw()
    ax = w.figure.axes[0]
    legend = ax.get_legend().get_window_extent(canvas.get_renderer())
    assert legend.y1 < ax.get_window_extent(canvas.get_renderer()).y0


def test_share_axes_tick_in_percent():
    states = P.plot_state_distribution(state_distribution([[0.9, 0.1], [0.2, 0.8]], [1, 0], 5))
    shares = P.plot_market_shares(brand_switching([[0.8, 0.2], [0.1, 0.9]], [0.5, 0.5], 10))
    survival = P.plot_retention_curve(retention_curve(MONTHLY, churn_after=1))
    rates = P.plot_sbg_retention(SBG, SURVIVORS)
    for ax in (states, shares, survival, rates):
        formatter = ax.yaxis.get_major_formatter()
        assert isinstance(formatter, PercentFormatter)
        assert formatter(0.25, 0) == "25%"  # the data stay shares of 1
    assert states.get_ylim() == (0.0, 1.0)  # shares of 1, shown as 0% to 100%
    heat = P.plot_cohort_heatmap(cohort_table(MONTHLY))
    assert heat.figure.axes[1].yaxis.get_major_formatter()(0.5, 0) == "50%"


@pytest.mark.parametrize(("measure", "en", "zh"), [
    ("customers", "Active customers", "活跃客户数"),
    ("retention", "Share of cohort active (%)", "群组中活跃客户的比例（%）"),
    ("revenue", "Revenue per acquired customer (€)", "每位获取客户的收入（€）"),
    ("margin", "Margin per acquired customer (€)", "每位获取客户的利润（€）"),
])
def test_cohort_heatmap_colour_bar_has_the_unit_of_its_measure(measure, en, zh):
    table = cohort_table(MONTHLY.assign(margin=[0.5, 1.0, 1.5]), margin="margin")
    for lang, text in (("en", en), ("zh", zh)):
        ax = P.plot_cohort_heatmap(table, measure, lang=lang, currency="€")
        assert ax.figure.axes[1].get_ylabel() == text


# ------------------------------------------------------------- widgets: time units on controls

@pytest.mark.parametrize(("lang", "labels", "horizon"), [
    ("en", ["Recency (weeks)", "Customer age T (weeks)", "Horizon (weeks)"], "(39 weeks)"),
    ("zh", ["最近购买时间（周）", "客户年龄 T（周）", "期限（周）"], "(39 周)"),
])
def test_customer_explorer_names_weeks_on_its_sliders(lang, labels, horizon):
    from crmlib.widgets import customer_explorer

    w = customer_explorer(BG, lang=lang)
    assert [w.controls[k].description for k in ("recency", "T", "horizon")] == labels
    assert horizon in w.message.value  # "expected purchases in the horizon (39 weeks)"
    assert w.figure.axes[0].get_xlabel().endswith(WEEKS[lang == "zh"])


@pytest.mark.parametrize(("period_length", "freq", "en", "zh"), [
    (52 / 12, "W", "Horizon (months)", "期限（月）"),  # notebook 05: a month of 4.33 weeks
    (13, "W", "Horizon (quarters)", "期限（季度）"),
    (7, "D", "Horizon (weeks)", "期限（周）"),
    (3, "W", "Horizon (periods of 3 weeks)", "期限（期，每期 3 周）"),
])
def test_customer_explorer_horizon_unit_follows_period_length(period_length, freq, en, zh):
    from crmlib.widgets import customer_explorer

    for lang, text in (("en", en), ("zh", zh)):
        w = customer_explorer(BG, lang=lang, period_length=period_length, freq=freq)
        assert w.controls["horizon"].description == text
    with pytest.raises(ValueError, match="freq must be one of 'D', 'W', 'M', 'Q', 'Y'; got 'x'"):
        customer_explorer(BG, freq="x")
