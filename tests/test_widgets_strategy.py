"""Widget tests in plain pytest: drive the strategy widgets' controls, check result and message."""

from __future__ import annotations

import math

import pytest

from crmlib.strategy import crm_roi, plan_equity_change, recommend_strategy
from crmlib.widgets import equity_planner, roi_calculator, strategy_advisor

# --------------------------------------------------------------------------- strategy advisor


def test_advisor_starts_at_medium_and_reports_the_tie():
    w = strategy_advisor()
    # every factor medium: every signal 0, every score 0, the tie goes to clasp
    assert w.result.scores == {"clasp": 0.0, "zipper": 0.0, "velcro": 0.0}
    assert "tie" in w.message.value
    assert bytes(w.chart.value).startswith(b"\x89PNG")
    assert len(w.figure.axes) == 2  # scores beside the contact patterns


def test_advisor_controls_give_exactly_what_the_core_computes():
    w = strategy_advisor()
    w.controls["transaction_frequency"].value = 1.0
    w.controls["asset_specificity"].value = 0.9
    w.controls["contract_type"].value = "long_term"
    w.controls["firm_stage"].value = "mature"
    expected = recommend_strategy(1.0, 0.9, "long_term", "mature", 0.5)
    assert w.result.scores == pytest.approx(expected.scores)
    # by hand (see test_strategy.test_clear_cut_zipper): zipper 1 + 0.8 + 1 + 0.5 = 3.3
    assert w.result.recommended == "zipper" and w.result.scores["zipper"] == pytest.approx(3.3)
    assert "Zipper" in w.message.value and "+3.30" in w.message.value
    # the reasons appear in the widget, one list item per factor that counts
    assert w.message.value.count("<li>") == len(expected.reasons) - 1


def test_advisor_moving_one_factor_changes_the_answer():
    w = strategy_advisor(asset_specificity=0.0, firm_stage="mature", customer_heterogeneity=1.0)
    assert w.result.recommended == "velcro"
    w.controls["customer_heterogeneity"].value = 0.0
    assert w.result.recommended == "clasp"


def test_advisor_picture_highlights_the_recommended_type():
    w = strategy_advisor(firm_stage="mature", customer_heterogeneity=1.0)
    patterns_ax = w.figure.axes[1]
    assert [t.get_text() for t in patterns_ax.get_yticklabels()] == ["Clasp", "Zipper", "Velcro"]
    assert [p.strategy for p in w.patterns] == ["clasp", "zipper", "velcro"]


def test_advisor_in_chinese():
    w = strategy_advisor(lang="zh", firm_stage="mature", customer_heterogeneity=1.0)
    assert w.controls["transaction_frequency"].description == "交易频率"
    assert "推荐" in w.message.value and "维可牢" in w.message.value
    assert w.figure.axes[1].get_xlabel() == "时间（期）"


def test_advisor_bad_start_value_is_rejected_with_the_rule():
    with pytest.raises(Exception, match="contract_type|Invalid selection"):
        strategy_advisor(contract_type="annual")


# --------------------------------------------------------------------------- ROI calculator


def test_roi_calculator_starts_with_the_hand_calculated_project():
    # the project of test_strategy: NPV = -500k + 180k x 3.790787 = 182,341.62; ROI 40%
    w = roi_calculator()
    assert w.result.npv == pytest.approx(182_341.62, abs=0.01)
    assert w.result.roi == pytest.approx(0.40)
    assert "182,341.62" in w.message.value and "40.00%" in w.message.value
    assert "23.44%" in w.message.value  # the IRR


def test_roi_calculator_controls_match_the_core():
    w = roi_calculator()
    w.controls["years"].value = 3
    w.controls["hidden_costs"].value = 90_000
    w.controls["discount_rate"].value = 0.05
    expected = crm_roi(500_000, 60_000, 200_000, 0.05, hidden_costs=90_000,
                       cost_savings=80_000, years=3)
    assert w.result.npv == pytest.approx(expected.npv)
    assert w.result.irr == pytest.approx(expected.irr)
    # net 130k a year for 3 years never repays 500k
    assert math.isinf(w.result.payback)
    assert "not within the horizon" in w.message.value


def test_roi_calculator_bad_input_shows_message_and_keeps_input():
    w = roi_calculator()
    w.controls["hidden_costs"].value = -5
    assert w.result is None
    assert w.error == "hidden_costs must be 0 or greater; got -5.0"
    assert "hidden_costs" in w.message.value
    assert w.controls["hidden_costs"].value == -5
    assert w.chart.layout.display == "none"
    w.controls["hidden_costs"].value = 40_000
    assert w.error is None and w.result.roi == pytest.approx(0.40)


def test_roi_calculator_in_chinese():
    w = roi_calculator(lang="zh")
    assert w.controls["discount_rate"].description == "折现率"
    assert "净现值" in w.message.value
    assert w.figure.axes[0].get_xlabel() == "年"


# --------------------------------------------------------------------------- equity planner


def test_equity_planner_starts_with_the_hand_calculated_plan():
    # 1000 x 100/0.3 = 333,333.33 -> 1100 x (110 + 20)/0.25 = 572,000
    w = equity_planner()
    assert w.result.base_equity == pytest.approx(1000 * 100 / 0.3)
    assert w.result.planned_equity == pytest.approx(572_000)
    assert "572,000.00" in w.message.value and "+238,666.67" in w.message.value


def test_equity_planner_controls_match_the_core():
    w = equity_planner()
    w.controls["retention_change"].value = 0.1
    w.controls["plan_cost"].value = 100_000
    expected = plan_equity_change(1000, 100, 0.8, 0.1, extra_customers=100, retention_change=0.1,
                                  margin_change=0.1, cross_sell_margin=20, plan_cost=100_000)
    assert w.result.change == pytest.approx(expected.change)
    assert w.result.net_change == pytest.approx(expected.change - 100_000)
    # by hand: 1100 x 130 / (1.1 - 0.9) = 715,000
    assert w.result.planned_equity == pytest.approx(715_000)


def test_equity_planner_retention_pushed_to_one_is_explained():
    w = equity_planner()
    w.controls["retention"].value = 0.97
    assert w.result is None
    assert "retention + retention_change must be between 0 and 1" in w.error
    assert w.controls["retention"].value == 0.97
    w.controls["retention"].value = 0.95  # 0.95 + 0.05 = 1: no end to the lifetime
    assert "must stay below 1 for an infinite horizon" in w.error
    assert "0.95 + 0.05 = 1" in w.message.value


def test_equity_planner_in_chinese():
    w = equity_planner(lang="zh")
    assert w.controls["extra_customers"].description == "多：新增客户数"
    assert "客户资产变化" in w.message.value


@pytest.mark.parametrize("build", [strategy_advisor, roi_calculator, equity_planner])
def test_sliders_recompute_only_on_release(build):
    w = build()
    sliders = [c for c in w.controls.values() if hasattr(c, "continuous_update")]
    assert sliders and all(c.continuous_update is False for c in sliders)


@pytest.mark.parametrize("build", [strategy_advisor, roi_calculator, equity_planner])
def test_unknown_language_is_rejected(build):
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'de'"):
        build(lang="de")


def test_start_values_outside_the_slider_range_widen_it_or_are_refused():
    # usual ranges: years 1..15, discount rate 0..0.3, retention change -0.2..0.2
    w = roi_calculator(years=20, discount_rate=0.4)
    assert (w.controls["years"].value, w.controls["years"].max) == (20, 20)
    assert w.controls["discount_rate"].value == 0.4
    assert equity_planner(retention_change=0.3).controls["retention_change"].value == 0.3
    with pytest.raises(ValueError, match=r"retention must be between 0 and 1; got -0\.2"):
        equity_planner(retention=-0.2)
    with pytest.raises(ValueError, match=r"asset_specificity must be between 0 and 1; got 1\.5"):
        strategy_advisor(asset_specificity=1.5)
    with pytest.raises(ValueError, match="years must be at least 1; got 0"):
        roi_calculator(years=0)


# --------------------------------------------------------------------------- currency

#: the money controls of each widget (the others are rates, counts or years)
MONEY = {
    "roi_calculator": ("investment", "costs", "hidden_costs", "benefits", "cost_savings"),
    "equity_planner": ("margin", "cross_sell_margin", "plan_cost"),
}
_BUILD = {"roi_calculator": roi_calculator, "equity_planner": equity_planner}


@pytest.mark.parametrize(("lang", "shown"), [("en", " (€)"), ("zh", "（€）")])
@pytest.mark.parametrize("name", sorted(MONEY))
def test_money_boxes_show_the_currency_chosen(name, lang, shown):
    # before: "Investment (year 0)" with no currency, and no currency= to choose one
    w = _BUILD[name](lang=lang, currency="€")
    for key, control in w.controls.items():
        assert control.description.endswith(shown) == (key in MONEY[name]), key
    default = _BUILD[name](lang=lang)
    assert default.controls[MONEY[name][0]].description.endswith(shown.replace("€", "¥"))


@pytest.mark.parametrize(("lang", "shown"), [("en", "(€)"), ("zh", "（€）")])
def test_money_charts_take_the_widgets_currency(lang, shown):
    assert roi_calculator(lang=lang, currency="€").figure.axes[0].get_ylabel().endswith(shown)
    assert equity_planner(lang=lang, currency="€").figure.axes[0].get_xlabel().endswith(shown)


@pytest.mark.parametrize("build", [roi_calculator, equity_planner])
def test_currency_must_be_a_text(build):
    with pytest.raises(TypeError, match=r"currency must be a text such as '¥' or '\$'; "
                                        r"got 1 \(int\)"):
        build(currency=1)
    with pytest.raises(ValueError, match="currency must be a text of 1 to 12 characters"):
        build(currency="")
