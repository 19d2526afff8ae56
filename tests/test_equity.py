"""Unit tests of crmlib.equity: hand-calculated and published values, result API, bad input."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from _cdnow_fixtures import cdnow_summary, fitted_bgnbd, fitted_gammagamma

from crmlib.equity import (
    brand_switching,
    customer_equity,
    driver_scorecard,
    equity_sensitivity,
    equity_surface,
    firm_value,
    long_run_distribution,
    markov_clv,
    more_longer_deeper,
    optimal_spend,
    prospect_equity,
    recency_chain,
    select_customers,
    state_distribution,
)


def raises(exc: type[Exception], text: str):
    return pytest.raises(exc, match=re.escape(text))


BD = {"margin": 100, "acquisition_ceiling": 0.4, "k1": 0.1, "retention_ceiling": 0.8,
      "k2": 0.05, "discount_rate": 0.1}

# --------------------------------------------------------------------------- customer_equity


def test_customer_equity_sums_individual_clvs_by_hand():
    # 100 + 250 - 20 = 330: a customer with negative CLV lowers equity
    res = customer_equity([100, 250, -20])
    assert res.value == pytest.approx(330.0)
    assert res.current_value == res.value and res.future_value == 0.0
    assert res.customers == 3


def test_customer_equity_segments_size_times_clv_by_hand():
    # 10 customers x 300 + 200 customers x 50 = 3,000 + 10,000
    res = customer_equity([300, 50], counts=[10, 200])
    assert res.value == pytest.approx(13_000.0)
    assert res.customers == 210
    assert res.table["present_value"].tolist() == pytest.approx([3_000.0, 10_000.0])


def test_customer_equity_future_cohorts_by_hand():
    # 10 new customers a period, worth 60 - 20 = 40 each at acquisition, d = 10%
    # two cohorts: 400 / 1.1 + 400 / 1.21 = 363.636 + 330.579 = 694.215
    two = customer_equity([100], new_customers=10, new_customer_clv=60, acquisition_cost=20,
                          discount_rate=0.1, periods=2)
    assert two.future_value == pytest.approx(400 / 1.1 + 400 / 1.21)
    assert two.value == pytest.approx(100 + 694.2148760)
    # endless stream: 10 x 40 / 0.1 = 4,000
    endless = customer_equity([100], new_customers=10, new_customer_clv=60, acquisition_cost=20,
                              discount_rate=0.1)
    assert endless.future_value == pytest.approx(4_000.0)
    # one size per period: 10 then 20 customers: 400 / 1.1 + 800 / 1.21 = 1,024.79
    listed = customer_equity([100], new_customers=[10, 20], new_customer_clv=60,
                             acquisition_cost=20, discount_rate=0.1)
    assert listed.future_value == pytest.approx(400 / 1.1 + 800 / 1.21)
    assert listed.table["group"].tolist() == ["current", "cohort 1", "cohort 2"]


def test_customer_equity_keeps_series_index_and_to_frame_is_a_copy():
    clv = pd.Series([10.0, 20.0], index=["ann", "bob"])
    res = customer_equity(clv)
    frame = res.to_frame()
    assert frame["id"].tolist() == ["ann", "bob"]
    frame.loc[0, "present_value"] = -1
    assert res.table.loc[0, "present_value"] == 10.0
    assert repr(res) == "EquityResult(value=30.00, current_value=30.00, future_value=0.00)"


def test_customer_equity_bad_input():
    with raises(ValueError, "counts must have one entry per entry of clv (2); got 3 entries"):
        customer_equity([1, 2], counts=[1, 2, 3])
    with raises(ValueError, "counts must contain only values of at least 0; entry 1 is -2"):
        customer_equity([1, 2], counts=[1, -2])
    with raises(ValueError, "clv must contain only finite numbers; entry 0 is nan"):
        customer_equity([float("nan")])
    with raises(ValueError, "discount_rate must be greater than 0 for an endless stream"):
        customer_equity([1], new_customers=5, new_customer_clv=10)
    with raises(ValueError, "periods must be None when new_customers lists one cohort size"):
        customer_equity([1], new_customers=[1, 2], new_customer_clv=10, periods=2)
    with raises(ValueError, "new_customers must be 0 or greater; got -1"):
        customer_equity([1], new_customers=-1)
    with raises(ValueError, "acquisition_cost must be 0 or greater; got -5"):
        customer_equity([1], acquisition_cost=-5)
    with raises(ValueError, "periods must be a whole number of at least 1; got 0"):
        customer_equity([1], new_customers=1, periods=0)
    with raises(ValueError, "periods must be at most 10000; got 20000"):
        customer_equity([1], new_customers=1, periods=20_000)


# --------------------------------------------------------------------------- firm_value


def test_firm_value_by_hand():
    # current: 1000 x 100 x 0.8 / (1.1 - 0.8) = 266,666.67 (margin multiple 2.667)
    # new customer at acquisition: 100 x 1.1 / 0.3 - 50 = 366.667 - 50 = 316.667
    # endless cohorts of 100: 100 x 316.667 / 0.1 = 316,666.67
    res = firm_value(100, 0.8, 0.1, current_customers=1000, new_customers=100,
                     acquisition_cost=50)
    assert res.current_value == pytest.approx(266_666.6667)
    assert res.future_value == pytest.approx(316_666.6667)
    assert res.value == pytest.approx(583_333.3333)
    # cohorts growing 5% a period: divide by d - g = 0.05 instead
    grow = firm_value(100, 0.8, 0.1, current_customers=1000, new_customers=100,
                      acquisition_cost=50, growth=0.05)
    assert grow.future_value == pytest.approx(633_333.3333)
    # one cohort only: 100 x 316.667 / 1.1 = 28,787.88
    one = firm_value(100, 0.8, 0.1, current_customers=0, new_customers=100,
                     acquisition_cost=50, periods=1)
    assert one.value == pytest.approx(28_787.8788)


def test_firm_value_finite_horizon_approaches_endless():
    kw = {"current_customers": 10, "new_customers": 5, "acquisition_cost": 20, "growth": 0.02}
    endless = firm_value(50, 0.7, 0.12, **kw).value
    assert firm_value(50, 0.7, 0.12, periods=2000, **kw).value == pytest.approx(endless)
    assert firm_value(50, 0.7, 0.12, periods=5, **kw).value < endless


def test_firm_value_bad_input():
    kw = {"current_customers": 10, "new_customers": 5, "acquisition_cost": 20}
    with raises(ValueError, "retention must be between 0 and 1 (1 excluded); got 1"):
        firm_value(50, 1.0, 0.1, **kw)
    with raises(ValueError, "discount_rate must be greater than 0; got 0"):
        firm_value(50, 0.8, 0.0, **kw)
    with raises(ValueError, "growth must be below discount_rate (0.1) for an endless horizon"):
        firm_value(50, 0.8, 0.1, growth=0.1, **kw)
    with raises(ValueError, "growth must be greater than -1"):
        firm_value(50, 0.8, 0.1, growth=-1, **kw)
    with raises(ValueError, "current_customers must be 0 or greater; got -3"):
        firm_value(50, 0.8, 0.1, current_customers=-3, new_customers=5, acquisition_cost=20)


# --------------------------------------------------------------------------- sensitivity


def test_equity_sensitivity_by_hand_current_customers_only():
    # V = N m r / (1 + d - r); base r = 0.8, d = 0.1: 0.8 / 0.3 = 2.666667 per unit of N m
    # retention 0.808: 0.808 / 0.292 = 2.767123 -> +3.7671%
    # discount rate 0.099: 0.8 / 0.299 = 2.675585 -> +0.3344%
    # margin +1% -> +1% exactly; acquisition cost plays no part without new customers
    res = equity_sensitivity(100, 0.8, 0.1, current_customers=1000, new_customers=0,
                             acquisition_cost=0)
    pct = res.table["change_pct"]
    assert pct["retention"] == pytest.approx(100 * (0.808 / 0.292 / (0.8 / 0.3) - 1))
    assert pct["retention"] == pytest.approx(3.7671, abs=1e-4)
    assert pct["discount_rate"] == pytest.approx(0.3344, abs=1e-4)
    assert pct["margin"] == pytest.approx(1.0)
    assert pct["acquisition_cost"] == 0.0
    assert res.table.loc["acquisition_cost", "after"] == 0.0


def test_equity_sensitivity_reproduces_gupta_lehmann_stuart_2004_pattern():
    # GLS (2004, abstract): a 1% improvement in retention, margin and acquisition
    # cost raises firm value by roughly 5%, 1% and 0.1%; retention matters several times as
    # much as the discount rate. Inputs in the range of their firms: retention 85%, 12% cost
    # of capital, acquisition cost equal to one year's margin.
    res = equity_sensitivity(100, 0.85, 0.12, current_customers=1000, new_customers=100,
                             acquisition_cost=100)
    pct = res.table["change_pct"]
    assert 3.0 < pct["retention"] < 6.0
    assert 0.9 < pct["margin"] < 1.3
    assert 0.05 < pct["acquisition_cost"] < 0.3
    assert pct["retention"] > 4 * pct["discount_rate"]
    # independent check of the margin effect: only the acquisition cost does not scale with m
    # V = N0 m r/(1+d-r) + n (m (1+d)/(1+d-r) - c)/d; the margin effect is 1% x V_m / V
    v_margin = 1000 * 100 * 0.85 / 0.27 + 100 * 100 * 1.12 / 0.27 / 0.12
    v = v_margin - 100 * 100 / 0.12
    assert pct["margin"] == pytest.approx(v_margin / v)
    assert pct["acquisition_cost"] == pytest.approx(100 * 100 / 0.12 / v)


def test_equity_sensitivity_bad_input():
    kw = {"current_customers": 10, "new_customers": 0, "acquisition_cost": 0}
    with raises(ValueError, "step must be between 0 and 0.5 (0 excluded); got 0"):
        equity_sensitivity(50, 0.8, 0.1, step=0, **kw)
    with raises(ValueError, "retention improved by 0.5 becomes 1.2, not below 1"):
        equity_sensitivity(50, 0.8, 0.1, step=0.5, **kw)
    with raises(ValueError, "firm value is 0 with these inputs"):
        equity_sensitivity(0, 0.8, 0.1, **kw)


# --------------------------------------------------------------------------- more / longer / deeper


def test_more_longer_deeper_by_hand():
    # base: 1000 x 100 / (1.1 - 0.8) = 333,333.33
    # more: 1100 customers -> +10%; deeper: margin 110 -> +10%
    # longer: churn 0.2 / 1.1 = 0.181818 -> r = 0.818182; 0.3 / 0.281818 = 1.064516 -> +6.4516%
    res = more_longer_deeper(1000, 100, 0.8, 0.1)
    t = res.table
    assert res.base_value == pytest.approx(333_333.3333)
    assert t.loc["more", "gain_pct"] == pytest.approx(10.0)
    assert t.loc["deeper", "gain_pct"] == pytest.approx(10.0)
    assert t.loc["longer", "retention"] == pytest.approx(1 - 0.2 / 1.1)
    assert t.loc["longer", "gain_pct"] == pytest.approx(100 * (0.3 / (1.1 - (1 - 0.2 / 1.1)) - 1))
    assert t.loc["longer", "expected_lifetime"] == pytest.approx(5.5)  # 5 periods x 1.1
    assert t.loc["all three", "gain_pct"] == pytest.approx(100 * (1.1 * 1.1 * 1.0645161 - 1))
    assert res.best in ("more", "deeper")  # 10% each beats 6.45%


def test_levers_that_tie_or_do_not_move_equity_are_all_named():
    # before: best was "more" in each case below, as if it beat the others
    # more and deeper of one size: both +10% by hand (N x 1.1 x CLV = N x CLV(1.1 m))
    res = more_longer_deeper(1000, 100, 0.8, 0.1)
    assert (res.tied, res.best) == (("more", "deeper"), "more")
    # d = 0: CLV = m / (1 - r), so 10% longer is also exactly +10%: a three-way tie
    assert more_longer_deeper(1000, 100, 0.8, 0.0).tied == ("more", "longer", "deeper")
    # margin 0: every equity is 0, no lever moves it
    flat = more_longer_deeper(1000, 0, 0.8, 0.1)
    assert flat.table.loc[["more", "longer", "deeper"], "gain"].tolist() == [0.0, 0.0, 0.0]
    assert flat.tied == ("more", "longer", "deeper")
    # one winner: 30% longer (+18.2%) beats 10% more and deeper
    assert more_longer_deeper(1000, 100, 0.8, 0.1, longer=0.3).tied == ("longer",)
    # 5% more, 10% deeper: deeper alone
    assert more_longer_deeper(1000, 100, 0.8, 0.1, more=0.05).tied == ("deeper",)


def test_longer_equals_the_others_only_without_discounting():
    # d = 0: CLV = m / (1 - r) = m x expected lifetime, so 20% longer gives exactly +20%;
    # d = 0.01, r = 0.9: 0.11 / (1.01 - (1 - 0.1/1.2)) = 0.11 / 0.093333 -> +17.857%
    res = more_longer_deeper(100, 10, 0.9, 0.01, improvement=0.2)
    assert res.table.loc["longer", "gain_pct"] == pytest.approx(
        100 * (0.11 / (1.01 - (1 - 0.1 / 1.2)) - 1))
    assert res.table.loc["longer", "gain_pct"] == pytest.approx(17.857, abs=1e-3)
    flat = more_longer_deeper(100, 10, 0.9, 0.0, improvement=0.2)
    assert flat.table.loc["longer", "gain_pct"] == pytest.approx(20.0)


def test_each_lever_can_have_its_own_size():
    # only 5% more customers but 30% longer: 0.3 / (1.1 - (1 - 0.2/1.3)) = 0.3/0.253846 -> +18.18%
    res = more_longer_deeper(1000, 100, 0.8, 0.1, more=0.05, longer=0.3)
    t = res.table
    assert t.loc["more", "gain_pct"] == pytest.approx(5.0)
    assert t.loc["deeper", "gain_pct"] == pytest.approx(10.0)  # the common improvement
    assert t.loc["longer", "gain_pct"] == pytest.approx(100 * (0.3 / (1.1 - (1 - 0.2 / 1.3)) - 1))
    assert res.best == "longer"
    assert t.loc["all three", "equity"] == pytest.approx(
        1050 * 110 / (1.1 - (1 - 0.2 / 1.3)))


def test_more_longer_deeper_bad_input():
    with raises(ValueError, "improvement must be between 0 and 1 (0 excluded); got 0"):
        more_longer_deeper(100, 10, 0.9, 0.1, improvement=0)
    with raises(ValueError, "customers must be greater than 0; got 0"):
        more_longer_deeper(0, 10, 0.9, 0.1)
    with raises(ValueError, "longer must be between 0 and 1 (0 excluded); got 2"):
        more_longer_deeper(100, 10, 0.9, 0.1, longer=2)
    with raises(ValueError, "retention must be between 0 and 1 (1 excluded); got 1"):
        more_longer_deeper(100, 10, 1.0, 0.1)
    with raises(ValueError, "convention must be one of 'end', 'start', 'mid', 'after_first'"):
        more_longer_deeper(100, 10, 0.9, 0.1, convention="late")


# --------------------------------------------------------------------------- Blattberg-Deighton


def test_prospect_equity_by_hand_and_blattberg_deighton_1996_form():
    # A = 10, R = 20: a = 0.4 (1 - e^-1) = 0.252848; r = 0.8 (1 - e^-1) = 0.505696
    # BD 1996: CE = a m - A + a (m - R/r) r'/(1 - r'), r' = r / (1 + d)
    a = 0.4 * (1 - math.exp(-1))
    r = 0.8 * (1 - math.exp(-1))
    rp = r / 1.1
    bd = a * 100 - 10 + a * (100 - 20 / r) * rp / (1 - rp)
    res = prospect_equity(10, 20, **BD)
    assert res.acquisition_rate == pytest.approx(0.2528482)
    assert res.retention_rate == pytest.approx(0.5056964)
    assert res.value == pytest.approx(bd)
    assert res.customer_value == pytest.approx((110 - 20) / (1.1 - r))  # L = 151.44
    assert res.value == pytest.approx(28.2908, abs=1e-4)  # 0.252848 x 151.4377 - 10


def test_optimal_spend_by_hand_first_order_conditions():
    opt = optimal_spend(**BD)
    L = opt.customer_value
    # Pfeifer (2005): marginal cost of acquiring = of retaining = value of the customer
    assert opt.marginal_cost_acquisition == pytest.approx(L, rel=1e-9)
    assert opt.marginal_cost_retention == pytest.approx(L, rel=1e-9)
    # A* = ln(a* k1 L) / k1 and L = (m (1+d) - R*) / (1 + d - r(R*))
    assert opt.acquisition_spend == pytest.approx(math.log(0.4 * 0.1 * L) / 0.1)
    r = 0.8 * (1 - math.exp(-0.05 * opt.retention_spend))
    assert L == pytest.approx((110 - opt.retention_spend) / (1.1 - r))
    # the optimum beats every point of a fine grid around it
    grid = equity_surface(60, 80, points=81, **BD)
    assert opt.value >= grid.to_numpy().max() - 1e-9
    assert repr(opt).startswith("SpendOptimum(acquisition_spend=19.26")


def test_optimal_spend_corner_when_spending_cannot_pay():
    # r* k2 m (1+d) = 0.8 x 0.001 x 100 x 1.1 = 0.088 < 1.1: no retention spending pays;
    # then L = m (1+d) / (1+d) = 100 and a* k1 L = 0.4 x 0.01 x 100 = 0.4 < 1: no acquisition
    opt = optimal_spend(margin=100, acquisition_ceiling=0.4, k1=0.01, retention_ceiling=0.8,
                        k2=0.001, discount_rate=0.1)
    assert opt.retention_spend == 0.0 and opt.acquisition_spend == 0.0
    assert opt.customer_value == pytest.approx(100.0)
    assert opt.marginal_cost_acquisition > opt.customer_value
    assert opt.value == 0.0


def test_budget_bad_input():
    with raises(ValueError, "retention_ceiling must be between 0 and 1 (0 and 1 excluded); "
                            "a customer who is sure to stay"):
        prospect_equity(1, 1, **{**BD, "retention_ceiling": 1.0})
    with raises(ValueError, "acquisition_ceiling must be between 0 and 1 (0 excluded); got 0"):
        optimal_spend(**{**BD, "acquisition_ceiling": 0})
    with raises(ValueError, "k1 must be greater than 0; got -1"):
        optimal_spend(**{**BD, "k1": -1})
    with raises(ValueError, "acquisition_spend must be 0 or greater; got -5"):
        prospect_equity(-5, 1, **BD)
    with raises(ValueError, "points must be at most 401; got 1000"):
        equity_surface(10, 10, points=1000, **BD)
    with raises(ValueError, "retention_max must be greater than 0; got 0"):
        equity_surface(10, 0, **BD)


# --------------------------------------------------------------------------- portfolio


def test_select_customers_exact_beats_greedy_by_hand():
    # value per unit: A 60/10 = 6, B 100/20 = 5, C 120/30 = 4; budget 50
    # greedy: A (10) + B (20) = 30 used, C (30) no longer fits -> 160
    # exact: B + C use exactly 50 -> 220
    res = select_customers([60, 100, 120], [10, 20, 30], 50)
    assert res.exact_value == 220.0 and res.greedy_value == 160.0
    assert res.gap == 60.0
    assert res.chosen.tolist() == [False, True, True]
    assert res.resources_used == 50.0
    greedy = select_customers([60, 100, 120], [10, 20, 30], 50, method="greedy")
    assert greedy.value == 160.0 and greedy.chosen.tolist() == [True, True, False]
    assert repr(res) == "SelectionResult(value=220.00, method='exact', chosen=2, gap=60.00)"


def test_select_customers_never_chooses_negative_clv():
    res = select_customers(pd.Series([-5.0, 10.0, 0.0], index=["x", "y", "z"]), [1, 1, 1], 100)
    assert res.chosen.to_dict() == {"x": False, "y": True, "z": False}
    assert res.table.loc["x", "greedy"] == False  # noqa: E712
    assert res.value == 10.0


def test_select_customers_zero_budget_serves_nobody():
    res = select_customers([5, 6], [1, 2], 0)
    assert res.value == 0.0 and not res.chosen.any()


def test_select_customers_bad_input():
    with raises(ValueError,
                "resource_need must have one entry per customer, as many as clv has (2); got 3"):
        select_customers([1, 2], [1, 2, 3], 5)
    with raises(ValueError, "resource_need must contain only values greater than 0; entry 1 is 0"):
        select_customers([1, 2], [1, 0], 5)
    with raises(ValueError, "total_resources must be 0 or greater; got -1"):
        select_customers([1, 2], [1, 2], -1)
    with raises(ValueError, "method must be one of 'exact', 'greedy'; got 'best'"):
        select_customers([1, 2], [1, 2], 5, method="best")


# --------------------------------------------------------------------------- Markov


def test_markov_clv_two_states_by_hand():
    # active customer: reward 10, stays with 0.5, else lost (absorbing, 0)
    # d = 0: V = 10 / (1 - 0.5) = 20; d = 0.1: V = 10 / (1 - 0.5/1.1) = 18.3333
    assert markov_clv([[0.5, 0.5], [0, 1]], [10, 0], 0.0).values.tolist() == pytest.approx(
        [20.0, 0.0])
    assert markov_clv([[0.5, 0.5], [0, 1]], [10, 0], 0.1).values.iloc[0] == pytest.approx(
        10 / (1 - 0.5 / 1.1))


def test_recency_chain_two_periods_by_hand():
    # Pfeifer & Carraway's recency model with p1 = 0.3, p2 = 0.2, NC = 40, M = 4, d = 0.2:
    # V2 = -4 + (0.2 V1 + 0.8 x 0) / 1.2 = -4 + V1 / 6
    # V1 = 36 + (0.3 V1 + 0.7 V2) / 1.2 = 33.6667 + (0.25 + 0.7/7.2) V1
    # -> V1 = 33.6667 / 0.652778 = 51.5745, V2 = 4.5957
    chain = recency_chain([0.3, 0.2], contribution=40, cost=4)
    res = markov_clv(chain.transition_matrix, chain.rewards, 0.2)
    assert res.values["recency 1"] == pytest.approx(51.5744681)
    assert res.values["recency 2"] == pytest.approx(4.5957447)
    assert res.values["lost"] == 0.0
    assert list(res.to_frame().columns) == ["reward", "value"]


def test_recency_chain_pfeifer_carraway_2000_example_matches_series_sum():
    # P&C (2000) recency example: p = (0.30, 0.20, 0.15, 0.05), NC = $40, M = $4, d = 0.2.
    # Oracle: their definition V = sum_t [(1+d)^-1 P]^t R, summed term by term.
    chain = recency_chain([0.30, 0.20, 0.15, 0.05], contribution=40, cost=4)
    P, R = chain.transition_matrix.to_numpy(), chain.rewards.to_numpy()
    total, term = np.zeros(5), R.copy()
    for _ in range(400):
        total += term
        term = P @ term / 1.2
    res = markov_clv(chain.transition_matrix, chain.rewards, 0.2)
    assert res.values.to_numpy() == pytest.approx(total, rel=1e-10)
    # a customer who has not bought for 4 periods is worth less than the mailing cost
    assert res.values["recency 4"] < 0 < res.values["recency 3"]


def test_markov_clv_zero_discount_refused_when_infinite():
    with raises(ValueError, "discount_rate 0 gives an infinite value: state b (reward 1) "
                            "belongs to a set of states the customer never leaves"):
        markov_clv(pd.DataFrame([[0.9, 0.1], [0.1, 0.9]], index=["a", "b"],
                                columns=["a", "b"]), [0, 1], 0.0)


def test_markov_validation_names_the_offending_row():
    with raises(ValueError, "transition_matrix row 1 must sum to 1 (the next state is certain "
                            "to be one of the states); it sums to 0.9"):
        markov_clv([[0.5, 0.5], [0.2, 0.7]], [1, 0], 0.1)
    with raises(ValueError, "transition_matrix row b must hold probabilities between 0 and 1; "
                            "entry for state a is -0.1"):
        markov_clv(pd.DataFrame([[1, 0], [-0.1, 1.1]], index=["a", "b"], columns=["a", "b"]),
                   [1, 0], 0.1)
    with raises(ValueError, "transition_matrix must be square (one row and one column per "
                            "state); got shape (2, 3)"):
        markov_clv([[1, 0, 0], [0, 1, 0]], [1, 0], 0.1)
    with raises(ValueError, "rewards must have one reward per state (2); got 3 values"):
        markov_clv([[1, 0], [0, 1]], [1, 0, 0], 0.1)
    with raises(ValueError, "transition_matrix must have the same states, in the same order"):
        markov_clv(pd.DataFrame([[1, 0], [0, 1]], index=["a", "b"], columns=["b", "a"]),
                   [1, 0], 0.1)
    with raises(ValueError, "transition_matrix must be 2-dimensional; got shape (2,)"):
        markov_clv([0.5, 0.5], [1, 0], 0.1)
    with raises(ValueError, "purchase_probabilities[1] must be between 0 and 1; got 1.5"):
        recency_chain([0.3, 1.5], 40, 4)
    with raises(ValueError, "states must name each of the 2 states; got 3 names"):
        markov_clv([[1, 0], [0, 1]], [1, 0], 0.1, states=["a", "b", "c"])


def test_state_distribution_by_hand():
    # from state 0: [0.9, 0.1]; then 0.9 x 0.9 + 0.1 x 0.2 = 0.83
    path = state_distribution([[0.9, 0.1], [0.2, 0.8]], [1, 0], 2)
    np.testing.assert_allclose(path.to_numpy(), [[1, 0], [0.9, 0.1], [0.83, 0.17]])
    assert path.index.name == "period"
    with raises(ValueError, "initial must sum to 1 (a share of customers in each state); "
                            "it sums to 0.5"):
        state_distribution([[0.9, 0.1], [0.2, 0.8]], [0.5, 0], 2)
    with raises(ValueError, "initial must not be negative; state 1 has -0.5"):
        state_distribution([[0.9, 0.1], [0.2, 0.8]], [1.5, -0.5], 2)
    with raises(ValueError, "periods must be a whole number of at least 1; got 0"):
        state_distribution([[0.9, 0.1], [0.2, 0.8]], [1, 0], 0)


def test_long_run_distribution_by_hand():
    # two states: pi_0 = 0.2 / (0.1 + 0.2) = 2/3
    assert long_run_distribution([[0.9, 0.1], [0.2, 0.8]]).tolist() == pytest.approx([2 / 3, 1 / 3])
    # periodic chain: the time average is (1/2, 1/2)
    assert long_run_distribution([[0, 1], [1, 0]]).tolist() == pytest.approx([0.5, 0.5])
    # recency chain: every customer ends up lost
    chain = recency_chain([0.3, 0.2], 40, 4)
    assert long_run_distribution(chain.transition_matrix).tolist() == pytest.approx([0, 0, 1])
    # two absorbing states reached half and half from state 0
    P = [[0.5, 0.25, 0.25], [0, 1, 0], [0, 0, 1]]
    assert long_run_distribution(P, [1, 0, 0]).tolist() == pytest.approx([0, 0.5, 0.5])
    assert long_run_distribution(P, [0.5, 0.5, 0]).tolist() == pytest.approx([0, 0.75, 0.25])
    with raises(ValueError, "initial is needed: the chain has 2 closed classes of states"):
        long_run_distribution(P)


def test_brand_switching_by_hand():
    # shares 50/50; brand A keeps 80%, B keeps 90%
    # next period: A = 0.5 x 0.8 + 0.5 x 0.1 = 0.45; long run: A = 0.1 / (0.2 + 0.1) = 1/3
    res = brand_switching(pd.DataFrame([[0.8, 0.2], [0.1, 0.9]], index=["A", "B"],
                                       columns=["A", "B"]), [0.5, 0.5], 20)
    assert res.path.loc[1].tolist() == pytest.approx([0.45, 0.55])
    assert res.long_run.tolist() == pytest.approx([1 / 3, 2 / 3])
    assert res.path.loc[20, "A"] == pytest.approx(1 / 3 + (0.5 - 1 / 3) * 0.7**20)
    assert repr(res) == "SwitchingResult(long_run={A: 0.333, B: 0.667})"
    with raises(ValueError, "switching_matrix row 0 must sum to 1"):
        brand_switching([[0.8, 0.1], [0.1, 0.9]], [0.5, 0.5], 3)
    with raises(ValueError, "shares must have one probability per state (2); got 3 values"):
        brand_switching([[0.8, 0.2], [0.1, 0.9]], [0.5, 0.25, 0.25], 3)


# --------------------------------------------------------------------------- drivers


def test_driver_scorecard_by_hand():
    # weights 2/4, 1/4, 1/4: score = 0.5 x 5 + 0.25 x 6 + 0.25 x 3 = 4.75
    # headroom (top 7): 0.5 x 2 = 1.0, 0.25 x 1 = 0.25, 0.25 x 4 = 1.0
    ratings = {"value": 5, "brand": 6, "relationship": 3}
    res = driver_scorecard(ratings, {"value": 2, "brand": 1, "relationship": 1})
    assert res.value == pytest.approx(4.75)
    assert res.table["headroom"].tolist() == pytest.approx([1.0, 0.25, 1.0])
    # an industry where relationships weigh most (weights 0.2, 0.2, 0.6):
    # headroom 0.4, 0.2, 2.4 -> invest in relationship equity
    service = driver_scorecard(ratings, {"value": 1, "brand": 1, "relationship": 3})
    assert service.invest_in == "relationship"
    assert service.value == pytest.approx(0.2 * 5 + 0.2 * 6 + 0.6 * 3)
    # an industry bought on image: weights 0.1, 0.8, 0.1 -> headroom 0.2, 0.8, 0.4
    image = driver_scorecard(ratings, {"value": 1, "brand": 8, "relationship": 1})
    assert image.invest_in == "brand"


def test_driver_scorecard_bad_input():
    good = {"value": 5, "brand": 6, "relationship": 3}
    with raises(ValueError, "ratings must give exactly the drivers value, brand, relationship; "
                            "missing ['relationship'], unknown ['price']"):
        driver_scorecard({"value": 5, "brand": 6, "price": 3}, good)
    with raises(ValueError, "ratings['brand'] must be on the scale from 1 to 7; got 9"):
        driver_scorecard({**good, "brand": 9}, good)
    with raises(ValueError, "importance['value'] must be 0 or greater; got -1"):
        driver_scorecard(good, {**good, "value": -1})
    with raises(ValueError, "importance must not be 0 for every driver; got all 0"):
        driver_scorecard(good, {"value": 0, "brand": 0, "relationship": 0})
    with raises(TypeError, "ratings must map each driver (value, brand, relationship) to a number"):
        driver_scorecard([5, 6, 3], good)
    with raises(ValueError, "scale must run from a lower to a higher rating; got (7, 1)"):
        driver_scorecard(good, good, scale=(7, 1))


# --------------------------------------------------------------------------- more bad input


@pytest.mark.parametrize(
    ("call", "exc", "message"),
    [
        (lambda: customer_equity([1], new_customer_clv=float("inf")), ValueError,
         "new_customer_clv must be a finite number; got inf"),
        (lambda: customer_equity([1], discount_rate=-0.1), ValueError,
         "discount_rate must be 0 or greater; got -0.1"),
        (lambda: firm_value(50, 0.8, 0.1, current_customers=1, new_customers=1,
                            acquisition_cost=1, periods=20_000), ValueError,
         "periods must be at most 10000; got 20000"),
        (lambda: firm_value(float("nan"), 0.8, 0.1, current_customers=1, new_customers=1,
                            acquisition_cost=1), ValueError, "margin must be a finite number"),
        (lambda: more_longer_deeper(100, 10, 0.9, -0.1), ValueError,
         "discount_rate must be 0 or greater; got -0.1"),
        (lambda: prospect_equity(1, -2, **BD), ValueError,
         "retention_spend must be 0 or greater; got -2"),
        (lambda: prospect_equity(1, 1, **{**BD, "k2": 0}), ValueError,
         "k2 must be greater than 0; got 0"),
        (lambda: equity_surface(10, 10, points=1, **BD), ValueError,
         "points must be a whole number of at least 2; got 1"),
        (lambda: equity_surface(0, 10, **BD), ValueError,
         "acquisition_max must be greater than 0; got 0"),
        (lambda: select_customers([1, float("nan")], [1, 1], 5), ValueError,
         "clv must contain only finite numbers; entry 1 is nan"),
        (lambda: markov_clv(recency_chain([0.3], 40, 4), [1, 0], 0.1), TypeError,
         "transition_matrix must be a matrix; for a MarkovChain pass"),
        (lambda: state_distribution([[1, 0], [0, 1]], [1, 0], 20_000), ValueError,
         "periods must be at most 10000; got 20000"),
        (lambda: state_distribution([[1, 0], [0, 1]], [1, 0, 0], 2), ValueError,
         "initial must have one probability per state (2); got 3 values"),
        (lambda: recency_chain([0.3], float("nan"), 4), ValueError,
         "contribution must be a finite number; got nan"),
        (lambda: driver_scorecard({"value": 1, "brand": 1, "relationship": 1},
                                  {"value": 1, "brand": 1, "relationship": 1}, scale=[1, 7]),
         TypeError, "scale must be a pair (lowest, highest); got [1, 7]"),
    ],
)
def test_each_remaining_validation_rule_has_a_message(call, exc, message):
    with raises(exc, message):
        call()


# --------------------------------------------------------------------------- real data


def test_customer_equity_of_cdnow_from_predicted_lifetime_profit():
    # BG/NBD + Gamma-Gamma fitted on the CDNOW sample (tests/_cdnow_fixtures.py); CLV per
    # customer is discounted lifetime profit, so equity is linear in the margin and falls with
    # the discount rate (checked against the sum of the model's own per-customer CLVs).
    s = cdnow_summary()
    args = (fitted_bgnbd(), s["frequency"], s["recency"], s["T"], s["monetary_value"])

    def clv(margin: float, d: float) -> pd.Series:
        return fitted_gammagamma().customer_lifetime_value(
            *args, horizon=50, discount_rate=d, period_length=52, margin=margin)

    base = customer_equity(clv(0.3, 0.1))
    assert base.value == pytest.approx(clv(0.3, 0.1).sum())
    assert base.customers == len(s) == 2357
    assert customer_equity(clv(0.6, 0.1)).value == pytest.approx(2 * base.value)
    assert customer_equity(clv(0.3, 0.15)).value < base.value
    assert base.table["id"].tolist()[:3] == list(s.index[:3])


def test_equity_surface_with_an_instant_response_reaches_the_ceiling_without_warnings():
    # k1 = 1e308: k1 x A overflows for every A > 0, and e^-inf = 0 is the exact limit:
    # a(A) = a* = 0.4 for A > 0, a(0) = 0. By hand, R = 0 (r = 0): L = 100 x 1.1 / 1.1 = 100,
    # so CE(5, 0) = 0.4 x 100 - 5 = 35 and CE(10, 0) = 30; CE(0, R) = 0.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        grid = equity_surface(10, 10, margin=100, acquisition_ceiling=0.4, k1=1e308,
                              retention_ceiling=0.8, k2=0.05, discount_rate=0.1, points=3)
    assert grid.loc[0.0].tolist() == pytest.approx([0.0, 35.0, 30.0])
    assert grid[0.0].tolist() == [0.0, 0.0, 0.0]
