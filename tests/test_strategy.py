"""Unit tests of crmlib.strategy: hand-calculated scores, ROI figures, equity levers, bad input."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from crmlib.clv import retention_clv
from crmlib.strategy import (
    DEFAULT_COEFFICIENTS,
    STRATEGY_KEYS,
    contact_pattern,
    crm_roi,
    customer_base_equity,
    factor_level,
    plan_equity_change,
    process_checklist,
    process_model,
    recommend_strategy,
    strategy_components,
    strategy_goals,
    strategy_type,
    strategy_types,
)


def raises(exc: type[Exception], text: str):
    return pytest.raises(exc, match=re.escape(text))


# --------------------------------------------------------------------------- strategy types


def test_three_types_in_course_order_in_both_languages():
    en, zh = strategy_types(), strategy_types("zh")
    assert en.index.tolist() == ["clasp", "zipper", "velcro"]
    assert en["name"].tolist() == ["Clasp", "Zipper", "Velcro"]
    assert zh["name"].tolist() == ["扣钩", "拉链", "维可牢"]
    assert "customer adapts to the firm" in en.loc["clasp", "adaptation"]
    assert "mutual" in en.loc["zipper", "adaptation"]
    assert "firm adapts" in en.loc["velcro", "adaptation"]
    assert "客户适应企业" in zh.loc["clasp", "adaptation"]
    assert "behavioural" in en.loc["clasp", "depth"]
    assert "flexib" in en.loc["velcro", "requirements"]
    # every text column is filled in both languages, and the two differ
    for column in en.columns:
        assert (en[column].str.len() > 0).all() and (zh[column] != en[column]).all()


def test_strategy_type_text_switches_language():
    t = strategy_type("zipper")
    assert t.text("name", "zh") == "拉链" and t.text("name") == "Zipper"


def test_strategy_type_rejects_unknown_key():
    with raises(ValueError, "key must be one of 'clasp', 'zipper', 'velcro'; got 'button'"):
        strategy_type("button")
    with raises(ValueError, "lang must be one of 'en', 'zh'; got 'fr'"):
        strategy_types("fr")


# --------------------------------------------------------------------------- contact patterns


def test_clasp_contacts_at_the_firms_times_and_needs_wait():
    # firm contacts at 6, 12; needs at 1, 5, 7 wait 6-1=5, 6-5=1, 12-7=5; mean 11/3
    p = contact_pattern("clasp", needs=[7, 1, 5], horizon=12)
    assert p.contacts["time"].tolist() == [6.0, 12.0]
    assert set(p.contacts["side"]) == {"firm"}
    assert p.needs.tolist() == [1.0, 5.0, 7.0]
    assert p.waits.tolist() == [5.0, 1.0, 5.0]
    assert p.mean_wait == pytest.approx(11 / 3)
    assert p.contacts_per_period == pytest.approx(2 / 12)
    assert p.to_frame()["next_contact"].tolist() == [6.0, 6.0, 12.0]


def test_clasp_need_after_the_last_contact_is_unmet():
    # interval 5 within 12 periods: contacts 5 and 10; a need at 11 has no contact left
    p = contact_pattern("clasp", needs=[2, 11], horizon=12, firm_interval=5)
    assert p.contacts["time"].tolist() == [5.0, 10.0]
    assert p.unmet == 1 and math.isinf(p.waits[1])
    assert p.mean_wait == 3.0  # only the met need: 5 - 2


def test_zipper_contacts_every_period_alternating_sides():
    p = contact_pattern("zipper", needs=[0.5, 2.0, 2.25], horizon=4)
    assert p.contacts["time"].tolist() == [1.0, 2.0, 3.0, 4.0]
    assert p.contacts["side"].tolist() == ["customer", "firm", "customer", "firm"]
    assert p.waits.tolist() == [0.5, 0.0, 0.75]  # 1-0.5, 2-2, 3-2.25


def test_velcro_meets_every_need_when_it_arises():
    p = contact_pattern("velcro")
    assert p.contacts["time"].tolist() == sorted(set(p.needs.tolist()))
    assert p.mean_wait == 0.0 and p.unmet == 0


def test_default_needs_rank_the_waits_clasp_zipper_velcro():
    waits = {k: contact_pattern(k).mean_wait for k in STRATEGY_KEYS}
    assert waits["clasp"] > waits["zipper"] > waits["velcro"] == 0.0


@pytest.mark.parametrize(
    ("kwargs", "exc", "text"),
    [
        ({"strategy": "hook"}, ValueError, "strategy must be one of 'clasp', 'zipper', 'velcro'"),
        ({"horizon": 0}, ValueError, "horizon must be greater than 0; got 0"),
        ({"firm_interval": -2}, ValueError, "firm_interval must be greater than 0; got -2"),
        ({"needs": [1, -1]}, ValueError, "needs must contain only values of at least 0; entry 1"),
        ({"needs": [1, 30]}, ValueError, "needs must lie between 0 and the horizon (24 periods)"),
        ({"needs": []}, ValueError, "needs must not be empty"),
        ({"needs": [1, float("nan")]}, ValueError, "needs must contain only finite numbers"),
    ],
)
def test_contact_pattern_bad_input(kwargs, exc, text):
    args = {"strategy": "clasp", **kwargs}
    with raises(exc, text):
        contact_pattern(**args)


# --------------------------------------------------------------------------- recommendation


def test_clear_cut_clasp():
    # all signals -1 (low, low, spot, start-up, low): each term is w * c * s = 1 * c * (-1)
    # clasp  = (-1)(-1) * 5                          = +5
    # zipper = -(1 + 1 + 1 + 0.5 + 0)                = -3.5
    # velcro = -(0.5 + 0 + 0 + 1 + 1)                = -2.5
    rec = recommend_strategy("low", "low", "spot", "startup", "low")
    assert rec.recommended == "clasp"
    assert rec.scores == pytest.approx({"clasp": 5.0, "zipper": -3.5, "velcro": -2.5})
    assert rec.lead == pytest.approx(7.5)  # 5 - (-2.5)
    assert rec.tied == ("clasp",)


def test_clear_cut_zipper():
    # signals (+1, +1, +1, +1, 0): clasp = -4; zipper = 1 + 1 + 1 + 0.5 = 3.5;
    # velcro = 0.5 + 1 = 1.5
    rec = recommend_strategy("high", 0.9, "long_term", "mature", "medium")
    # asset specificity 0.9 -> signal 0.8: clasp -0.8, zipper +0.8
    assert rec.recommended == "zipper"
    assert rec.scores == pytest.approx({"clasp": -3.8, "zipper": 3.3, "velcro": 1.5})
    assert rec.lead == pytest.approx(1.8)


def test_clear_cut_velcro():
    # signals (0, -1, 0, +1, +1): clasp = 0 + 1 + 0 - 1 - 1 = -1; zipper = -1 + 0.5 = -0.5;
    # velcro = 0 + 0 + 0 + 1 + 1 = 2
    rec = recommend_strategy(0.5, "low", "repeat", "mature", "high")
    assert rec.recommended == "velcro"
    assert rec.scores == pytest.approx({"clasp": -1.0, "zipper": -0.5, "velcro": 2.0})


def test_one_factor_changes_the_answer_and_the_reasons_say_why():
    # the Velcro case with alike customers: heterogeneity signal -1 instead of +1
    # clasp = 0 + 1 + 0 - 1 + 1 = 1; zipper = -0.5; velcro = 1 - 1 = 0 -> clasp
    before = recommend_strategy(0.5, "low", "repeat", "mature", "high")
    after = recommend_strategy(0.5, "low", "repeat", "mature", "low")
    assert after.recommended == "clasp"
    assert after.scores == pytest.approx({"clasp": 1.0, "zipper": -0.5, "velcro": 0.0})
    hetero_before = [r for r in before.reasons if r.startswith("Customer heterogeneity")]
    hetero_after = [r for r in after.reasons if r.startswith("Customer heterogeneity")]
    assert hetero_before == [
        "Customer heterogeneity is high (1.00): favours Velcro (+1.00); counts against "
        "Clasp (-1.00). Why: customers whose processes differ widely are served best by a firm "
        "that fits each of them; similar customers can adapt to one standard process."
    ]
    assert hetero_after[0].startswith(
        "Customer heterogeneity is low (0.00): favours Clasp (+1.00); counts against Velcro (-1.00)"
    )
    assert after.reasons[0] == (
        "Clasp is recommended: score +1.00, ahead of Velcro (+0.00) by 1.00."
    )


def test_medium_factors_contribute_nothing_and_tie_is_reported():
    rec = recommend_strategy("medium", 0.5, "repeat", "growth", "medium")
    assert rec.scores == {"clasp": 0.0, "zipper": 0.0, "velcro": 0.0}
    assert rec.tied == ("clasp", "zipper", "velcro") and rec.lead == 0.0
    assert rec.recommended == "clasp"  # by course order
    assert rec.reasons == (
        "Clasp, Zipper and Velcro tie at +0.00; the tie goes to Clasp by course order. "
        "Change a factor to separate them.",
    )


def test_chinese_reasons():
    rec = recommend_strategy(0.5, "low", "repeat", "mature", "high")
    assert rec.reasons_in("zh")[0] == "推荐维可牢策略：得分 +2.00，领先拉链（-0.50）2.50 分。"
    start = "客户差异程度为高（1.00）：有利于维可牢（+1.00）"
    assert any(r.startswith(start) for r in rec.reasons_zh)


def test_contributions_table_adds_up_to_the_scores():
    rec = recommend_strategy(0.8, 0.3, "long_term", "growth", 0.6)
    table = rec.to_frame()
    assert table.loc["transaction_frequency", "signal"] == pytest.approx(0.6)  # 2*0.8 - 1
    assert table.loc["transaction_frequency", "velcro"] == pytest.approx(0.3)  # 0.5 * 0.6
    for key in STRATEGY_KEYS:
        assert table.loc["total", key] == pytest.approx(rec.contributions[key].sum())
        assert table.loc["total", key] == pytest.approx(rec.scores[key])
    assert repr(rec).startswith("StrategyRecommendation(recommended='zipper'")
    assert rec.value == rec.recommended


def test_weights_scale_and_switch_off_factors():
    base = recommend_strategy(0.5, "low", "repeat", "mature", "high")
    doubled = recommend_strategy(0.5, "low", "repeat", "mature", "high",
                                 weights={"customer_heterogeneity": 2})
    # heterogeneity terms double: clasp -1 -1 = -2, velcro 2 + 1 = 3
    assert doubled.scores["clasp"] == pytest.approx(base.scores["clasp"] - 1.0)
    assert doubled.scores["velcro"] == pytest.approx(3.0)
    off = recommend_strategy(0.5, "low", "repeat", "mature", "high",
                             weights={"customer_heterogeneity": 0, "firm_stage": 0})
    # only asset specificity (signal -1) counts: clasp +1, zipper -1 -> clasp
    assert off.scores == pytest.approx({"clasp": 1.0, "zipper": -1.0, "velcro": 0.0})
    assert off.recommended == "clasp"
    assert not any(r.startswith("Customer heterogeneity") for r in off.reasons)


def test_coefficients_can_be_replaced():
    rec = recommend_strategy("low", "low", "spot", "startup", "low",
                             coefficients={"firm_stage": {"velcro": -3}})
    # velcro = -(0.5 + 0 + 0) + (-3)(-1) - 1 = -0.5 + 3 - 1 = 1.5
    assert rec.scores["velcro"] == pytest.approx(1.5)
    assert rec.inputs["coefficients"]["firm_stage"] == {"clasp": -1.0, "zipper": 0.5,
                                                        "velcro": -3.0}
    assert DEFAULT_COEFFICIENTS["firm_stage"]["velcro"] == 1.0  # the default is untouched


def test_factor_levels():
    assert factor_level("firm_stage", "growth") == 0.5
    assert factor_level("customer_heterogeneity", "high") == 1.0
    assert factor_level("asset_specificity", 0) == 0.0


GOOD = {"transaction_frequency": 0.5, "asset_specificity": 0.5, "contract_type": "repeat",
        "firm_stage": "growth", "customer_heterogeneity": 0.5}


@pytest.mark.parametrize(
    ("change", "exc", "text"),
    [
        ({"transaction_frequency": 1.5}, ValueError,
         "transaction_frequency must be between 0 and 1; give a rating from 0 (low) to 1 (high), "
         "or 'low', 'medium', 'high'; got 1.5"),
        ({"asset_specificity": "very high"}, ValueError,
         "asset_specificity must be one of 'low', 'medium', 'high'; got 'very high'"),
        ({"customer_heterogeneity": None}, TypeError,
         "customer_heterogeneity must be a number; got None"),
        ({"contract_type": "annual"}, ValueError,
         "contract_type must be one of 'spot', 'repeat', 'long_term'; got 'annual'"),
        ({"firm_stage": 2}, ValueError,
         "firm_stage must be one of 'startup', 'growth', 'mature'; got 2"),
        ({"weights": [1, 2]}, TypeError, "weights must be a mapping factor -> weight; got list"),
        ({"weights": {"price": 1}}, ValueError, "a key of weights must be one of "),
        ({"weights": {"firm_stage": -1}}, ValueError,
         "weights['firm_stage'] must be 0 or greater; got -1"),
        ({"coefficients": 3}, TypeError, "coefficients must be a mapping factor -> {type: "),
        ({"coefficients": {"firm_stage": 1}}, TypeError,
         "coefficients['firm_stage'] must be a mapping type -> coefficient; got int"),
        ({"coefficients": {"firm_stage": {"zipper": float("inf")}}}, ValueError,
         "coefficients['firm_stage']['zipper'] must be a finite number; got inf"),
        ({"coefficients": {"price": {"zipper": 1}}}, ValueError,
         "coefficients has an unknown factor 'price'"),
    ],
)
def test_recommend_strategy_bad_input(change, exc, text):
    with raises(exc, text):
        recommend_strategy(**{**GOOD, **change})


def test_factor_level_unknown_factor():
    with raises(ValueError, "factor must be one of 'transaction_frequency'"):
        factor_level("price", 1)


# --------------------------------------------------------------------------- framework data


def test_components_goals_and_process_model():
    assert strategy_components()["name"].tolist() == [
        "Customer strategy", "Product and channel strategy", "Infrastructure strategy",
        "Coordination strategy",
    ]
    goals = strategy_goals("zh")
    assert goals[goals["group"] == "goal"]["name"].tolist() == ["多", "久", "深"]
    assert goals[goals["group"] == "customer_strategy"].index.tolist() == [
        "loyalty", "expansion", "acquisition", "diversification"]
    assert goals[goals["group"] == "phase"].index.tolist() == ["establish", "maintain", "enhance"]
    model = process_model()
    assert model.steps["step"].tolist() == list(range(1, 8))
    assert model.steps["key"].tolist() == [
        "set_goals", "understand_customers", "external_analysis", "internal_analysis",
        "choose_evaluate", "design_implement", "monitor",
    ]
    nexts = [(a, b) for a, b, kind in model.edges if kind == "next"]
    assert len(nexts) == 6 and nexts[0] == ("set_goals", "understand_customers")
    feedback = {b for a, b, kind in model.edges if kind == "feedback"}
    assert feedback == set(model.steps["key"][:-1])  # monitoring feeds back to every step
    assert process_model("zh").steps["name"].iloc[-1] == "监控"


def test_process_checklist_status():
    table = process_checklist(done=[1, 3])
    assert table["status"].tolist() == ["done", "next", "done", "open", "open", "open", "open"]
    assert process_checklist(done=range(1, 8))["status"].eq("done").all()


def test_process_checklist_bad_steps():
    with raises(ValueError, "done must hold step numbers from 1 to 7; got 8"):
        process_checklist(done=[8])
    with raises(ValueError, "done must be a whole number of at least 1; got 0"):
        process_checklist(done=[0])


# --------------------------------------------------------------------------- equity levers


def test_customer_base_equity_is_count_times_clv():
    # 1000 x 100 / (1.1 - 0.8) = 333,333.33; with "start" timing 1000 x 110 / 0.3
    assert customer_base_equity(1000, 100, 0.8, 0.1) == pytest.approx(1000 * 100 / 0.3)
    assert customer_base_equity(1000, 100, 0.8, 0.1, convention="start") == pytest.approx(
        1000 * 110 / 0.3)
    # finite horizon of 2 periods: 1000 x (100/1.1 + 80/1.21)
    assert customer_base_equity(1000, 100, 0.8, 0.1, periods=2) == pytest.approx(
        1000 * (100 / 1.1 + 80 / 1.21))


def test_plan_equity_change_lever_by_lever_by_hand():
    # base: 1000 customers, m = 100, r = 0.8, d = 0.1: CLV = 100/0.3 = 333.33, CE = 333,333.33
    # more   +100 customers:           1100 x 333.33        = 366,666.67
    # longer +0.05 retention:          1000 x 100/0.25      = 400,000
    # deeper +10% margin:              1000 x 110/0.3       = 366,666.67
    # deeper +20 cross-sell margin:    1000 x 120/0.3       = 400,000
    # all together: 1100 x (110 + 20)/0.25 = 1100 x 520     = 572,000
    plan = plan_equity_change(1000, 100, 0.8, 0.1, extra_customers=100, retention_change=0.05,
                              margin_change=0.1, cross_sell_margin=20, plan_cost=50_000)
    eq = plan.effects["equity"]
    assert eq["base"] == pytest.approx(1000 * 100 / 0.3)
    assert eq["more"] == pytest.approx(1100 * 100 / 0.3)
    assert eq["longer"] == pytest.approx(400_000)
    assert eq["deeper_margin"] == pytest.approx(1000 * 110 / 0.3)
    assert eq["deeper_cross_sell"] == pytest.approx(400_000)
    assert eq["plan"] == pytest.approx(572_000)
    assert plan.change == pytest.approx(572_000 - 1000 * 100 / 0.3)
    assert plan.net_change == pytest.approx(plan.change - 50_000)
    alone = (1100 - 1000) * 100 / 0.3 + (400_000 - 1000 * 100 / 0.3) + 1000 * 10 / 0.3 \
        + (400_000 - 1000 * 100 / 0.3)
    assert plan.effects.loc["interaction", "change"] == pytest.approx(plan.change - alone)
    assert plan.effects.loc["longer", "goal"] == "longer"
    assert plan.effects.loc["plan", "clv"] == pytest.approx(520.0)
    assert plan.value == plan.change
    assert repr(plan) == ("EquityPlan(base_equity=333,333.33, planned_equity=572,000.00, "
                          "change=+238,666.67)")


def test_plan_equity_change_agrees_with_crmlib_clv():
    plan = plan_equity_change(250, 80, 0.7, 0.12, retention_change=0.1, periods=6,
                              convention="start")
    assert plan.planned_equity == pytest.approx(
        250 * retention_clv(80, 0.8, 0.12, periods=6, convention="start").value)


@pytest.mark.parametrize(
    ("kwargs", "exc", "text"),
    [
        ({"customers": -5}, ValueError, "customers must be 0 or greater; got -5"),
        ({"extra_customers": -2000}, ValueError,
         "extra_customers may not remove more customers than the base has (1000); got -2000"),
        ({"retention_change": 0.3}, ValueError,
         "retention + retention_change must be between 0 and 1; got 0.8 + 0.3 = 1.1"),
        ({"margin_change": -1}, ValueError,
         "margin_change must be greater than -1 (a fall of 100%); got -1"),
        ({"plan_cost": -1}, ValueError, "plan_cost must be 0 or greater; got -1"),
        ({"retention_change": 0.2}, ValueError,
         "retention + retention_change must stay below 1 for an infinite horizon (a customer who "
         "never leaves has no end to their lifetime); got 0.8 + 0.2 = 1"),
        ({"retention": 1.0, "retention_change": -0.1, "periods": 0}, ValueError,
         "periods must be a whole number of at least 1; got 0"),
        ({"cross_sell_margin": "20"}, TypeError, "cross_sell_margin must be a number; got '20'"),
    ],
)
def test_plan_equity_change_bad_input(kwargs, exc, text):
    args = {"customers": 1000, "margin": 100, "retention": 0.8, "discount_rate": 0.1, **kwargs}
    with raises(exc, text):
        plan_equity_change(**args)


# --------------------------------------------------------------------------- CRM ROI


def test_crm_roi_three_year_project_by_hand():
    # flows -100, 40, 50, 60 at d = 10%
    # PV: 40/1.1 = 36.363636, 50/1.21 = 41.322314, 60/1.331 = 45.078888 -> NPV = 22.764838
    # cumulative: -100, -60, -10, +50 -> simple payback 2 + 10/60 = 2.166667
    # cumulative PV: -100, -63.636364, -22.314050, +22.764838 -> 2 + 22.314050/45.078888 = 2.495
    # ROI: (150 - 100)/100 = 50%; discounted ROI = 22.764838/100
    res = crm_roi(100, costs=0, benefits=[40, 50, 60], discount_rate=0.1)
    assert res.npv == pytest.approx(22.764838, abs=1e-6)
    assert res.payback == pytest.approx(2 + 10 / 60)
    assert res.discounted_payback == pytest.approx(2.495, abs=1e-6)
    assert res.roi == pytest.approx(0.5)
    assert res.discounted_roi == pytest.approx(0.22764838)
    assert res.table["cumulative_cash_flow"].tolist() == [-100, -60, -10, 50]
    assert res.paid_back and res.irr_note == ""


def test_crm_roi_course_style_project_with_hidden_costs_and_savings_by_hand():
    # investment 100k (idea) + 400k (system); per year for 5 years: explicit cost 60k, hidden
    # cost 40k, business gains 200k, service-cost savings 80k -> net 180k a year; d = 10%
    # annuity factor a = sum 1.1^-t, t=1..5 = 3.790787
    # NPV = -500k + 180k a = 182,341.62
    # ROI = (5 x 280k - (500k + 5 x 100k)) / 1,000k = 400k / 1,000k = 40%
    # discounted ROI = NPV / (500k + 100k a) = 182,341.62 / 879,078.68 = 0.207424
    # payback = 2 + (500k - 360k)/180k = 2.777778
    # discounted payback: PV after 3 years 180k (0.9090909 + 0.8264463 + 0.7513148)
    #   = 180k x 2.4868520 = 447,633.37; 4th year 180k x 0.6830135 = 122,942.42
    #   -> 3 + 52,366.63/122,942.42 = 3.425944
    a = sum(1.1 ** -t for t in range(1, 6))
    res = crm_roi({"idea": 100_000, "system": 400_000}, costs=60_000, benefits=200_000,
                  discount_rate=0.1, hidden_costs=40_000, cost_savings=80_000, years=5)
    assert a == pytest.approx(3.790787, abs=1e-6)
    assert res.npv == pytest.approx(182_341.62, abs=0.01)
    assert res.roi == pytest.approx(0.40)
    assert res.discounted_roi == pytest.approx(0.207424, abs=1e-6)
    assert res.payback == pytest.approx(2.777778, abs=1e-6)
    assert res.discounted_payback == pytest.approx(3.425944, abs=1e-6)
    assert res.totals.loc["hidden_cost", "total"] == 200_000
    assert res.totals.loc["cost_saving", "present_value"] == pytest.approx(80_000 * a)
    assert res.inputs["investment"] == {"idea": 100_000.0, "system": 400_000.0}
    # the IRR solves 180k x annuity(IRR, 5) = 500k; check against an independent root find:
    # the real root in (0, 1] of the polynomial sum F_t x^t found by numpy's eigenvalue method
    roots = np.roots([180_000] * 5 + [-500_000])  # highest power first
    x = [z.real for z in roots if abs(z.imag) < 1e-12 and 0 < z.real < 1]
    assert len(x) == 1
    assert res.irr == pytest.approx(1 / x[0] - 1, abs=1e-10)
    assert res.irr == pytest.approx(0.2344, abs=1e-4)


@pytest.mark.parametrize(
    ("benefits", "expected"),
    [
        ([110], 0.10),             # 100 (1 + IRR) = 110
        ([0, 121], 0.10),          # 100 (1 + IRR)^2 = 121
        # 60x + 60x^2 = 100 with x = 1/(1+IRR): x = (-1 + sqrt(1 + 20/3)) / 2 = 0.884437
        ([60, 60], 2 / (-1 + math.sqrt(1 + 20 / 3)) - 1),
    ],
)
def test_crm_roi_irr_by_hand(benefits, expected):
    res = crm_roi(100, costs=0, benefits=benefits, discount_rate=0.05)
    assert res.irr == pytest.approx(expected, abs=1e-10)
    # at the IRR the NPV is 0
    assert crm_roi(100, costs=0, benefits=benefits, discount_rate=res.irr).npv == pytest.approx(
        0, abs=1e-8)


def test_crm_roi_irr_agrees_with_bisection_on_uneven_flows():
    flows = [-250.0, 30.0, 80.0, 120.0, 90.0, 60.0]
    res = crm_roi(250, costs=[10, 10, 20, 20, 30], benefits=[40, 90, 140, 110, 90],
                  discount_rate=0.08)
    assert res.table["net_cash_flow"].tolist() == flows

    def npv(rate):
        return sum(f / (1 + rate) ** t for t, f in enumerate(flows))

    low, high = 0.0, 1.0  # independent bisection on the rate itself
    for _ in range(200):
        mid = (low + high) / 2
        low, high = (mid, high) if npv(mid) > 0 else (low, mid)
    assert res.irr == pytest.approx(low, abs=1e-10)


def test_crm_roi_never_paid_back_and_no_irr():
    res = crm_roi(1000, costs=50, benefits=40, discount_rate=0.1, years=3)
    assert math.isinf(res.payback) and math.isinf(res.discounted_payback)
    assert not res.paid_back
    assert math.isnan(res.irr)
    assert "never turn positive" in res.irr_note
    assert res.npv == pytest.approx(-1000 - 10 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331))


def test_crm_roi_two_sign_changes_gives_no_irr_and_says_why():
    # -100, +230, -132: NPV is 0 at 10% and at 20%, so no single IRR exists
    res = crm_roi(100, costs=[0, 132], benefits=[230, 0], discount_rate=0.1)
    assert math.isnan(res.irr)
    assert "change sign 2 times" in res.irr_note
    assert res.npv == pytest.approx(0, abs=1e-9)
    assert crm_roi(100, costs=[0, 132], benefits=[230, 0], discount_rate=0.2).npv == \
        pytest.approx(0, abs=1e-9)


def test_crm_roi_hidden_costs_lower_npv_by_their_present_value():
    without = crm_roi(500, costs=50, benefits=250, discount_rate=0.1, years=4)
    with_hidden = crm_roi(500, costs=50, benefits=250, discount_rate=0.1, years=4,
                          hidden_costs=[60, 20, 0, 0])
    assert without.npv - with_hidden.npv == pytest.approx(60 / 1.1 + 20 / 1.21)


def test_crm_roi_result_api():
    res = crm_roi(100, costs=0, benefits=[40, 50, 60], discount_rate=0.1)
    assert repr(res) == ("ROIResult(roi=50.00%, npv=22.76, irr=21.65%, payback=2.17, "
                         "discounted_payback=2.50)")
    assert res.value == res.roi
    frame = res.to_frame()
    frame.loc[0, "net_cash_flow"] = 0
    assert res.table.loc[0, "net_cash_flow"] == -100
    assert list(res.table.columns) == [
        "year", "investment", "explicit_cost", "hidden_cost", "business_gain", "cost_saving",
        "net_cash_flow", "discount_factor", "present_value", "cumulative_cash_flow",
        "cumulative_present_value",
    ]
    assert isinstance(res.totals, pd.DataFrame)


@pytest.mark.parametrize(
    ("kwargs", "exc", "text"),
    [
        ({"investment": 0}, ValueError, "investment must be greater than 0; got 0"),
        ({"investment": {}}, ValueError, "investment must not be an empty mapping"),
        ({"investment": {"system": -5}}, ValueError,
         "investment['system'] must be 0 or greater; got -5"),
        ({"investment": {"system": 0}}, ValueError, "investment must add up to more than 0; got 0"),
        ({"discount_rate": -0.1}, ValueError, "discount_rate must be 0 or greater; got -0.1"),
        ({"benefits": 100}, ValueError, "years is needed when every flow is a single number"),
        ({"costs": [1, 2], "benefits": [1, 2, 3]}, ValueError,
         "benefits must have one amount per year, 2 like costs; got 3 values"),
        ({"costs": [1, 2], "years": 3}, ValueError,
         "costs must have one amount per year, 3 like years; got 2 values"),
        ({"costs": [10, -1]}, ValueError,
         "costs must contain only values of at least 0; entry 1 is -1"),
        ({"hidden_costs": -3}, ValueError, "hidden_costs must be 0 or greater; got -3"),
        ({"cost_savings": "a lot"}, TypeError, "cost_savings must be a number; got 'a lot'"),
        ({"years": 2.5}, ValueError, "years must be a whole number; got 2.5"),
        ({"years": 0}, ValueError, "years must be a whole number of at least 1; got 0"),
    ],
)
def test_crm_roi_bad_input(kwargs, exc, text):
    args = {"investment": 100, "costs": 10, "benefits": [50, 50], "discount_rate": 0.1, **kwargs}
    with raises(exc, text):
        crm_roi(**args)
