"""Unit tests of crmlib.value (value of the customer to the firm): hand calculations, bad input."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from crmlib.value import (
    QUADRANTS,
    ABCResult,
    ActivityRates,
    GrossProfit,
    abc_cost_to_serve,
    activity_rates,
    gross_profit,
    growth_potential,
    value_matrix,
)


def raises(exc: type[Exception], text: str):
    return pytest.raises(exc, match=re.escape(text))


# --------------------------------------------------------------------------- gross profit


def test_gross_profit_by_hand():
    # A: 1000 - 700 = 300 (30%); B: 400 - 250 = 150 (37.5%); C: 0 sales -> margin undefined
    # total 450 on sales 1400 -> 450 / 1400 = 0.3214...
    gp = gross_profit(pd.Series([1000.0, 400.0, 0.0], index=list("ABC")), [700, 250, 0])
    assert isinstance(gp, GrossProfit)
    assert gp.value == pytest.approx(450.0)
    assert gp.margin == pytest.approx(450 / 1400)
    assert gp.table.loc["A", "gross_profit"] == pytest.approx(300.0)
    assert gp.table.loc["B", "gross_margin"] == pytest.approx(0.375)
    assert np.isnan(gp.table.loc["C", "gross_margin"])
    assert list(gp.to_frame().index) == ["A", "B", "C"]
    assert repr(gp) == "GrossProfit(value=450.00, margin=0.3214)"


def test_gross_profit_can_be_negative_when_sold_below_cost():
    gp = gross_profit([100.0], [130.0])
    assert gp.value == pytest.approx(-30.0)


def test_gross_profit_does_not_modify_input():
    sales = pd.Series([10.0, 20.0])
    gross_profit(sales, [1.0, 2.0])
    assert sales.tolist() == [10.0, 20.0]


@pytest.mark.parametrize(
    ("sales", "cogs", "exc", "text"),
    [
        ([100, -5], [1, 1], ValueError, "sales must contain only values of at least 0; entry 1"),
        ([100, 5], [1, -1], ValueError, "cogs must contain only values of at least 0; entry 1"),
        ([100, 5], [1, 1, 1], ValueError, "cogs must have one entry per customer (2); got 3"),
        ([100, np.nan], [1, 1], ValueError, "sales must contain only finite numbers; entry 1"),
        ([], [], ValueError, "sales must not be empty"),
        ("100", [1], TypeError, "sales must be a sequence of numbers"),
    ],
)
def test_gross_profit_bad_input(sales, cogs, exc, text):
    with raises(exc, text):
        gross_profit(sales, cogs)


# --------------------------------------------------------------------------- ABC costing

RESOURCE_COSTS = {"staff": 60_000.0, "trucks": 40_000.0}
# staff: 75% on orders, 25% on calls; trucks: all on deliveries
DRIVERS = pd.DataFrame({"order": [75.0, 0.0], "call": [25.0, 0.0], "delivery": [0.0, 10.0]},
                       index=["staff", "trucks"])
VOLUMES = {"order": 1_500, "call": 500, "delivery": 800}


def test_activity_rates_by_hand():
    # order pool 0.75 * 60,000 = 45,000 / 1,500 orders = 30 per order
    # call pool 0.25 * 60,000 = 15,000 / 500 calls = 30 per call
    # delivery pool 40,000 / 800 deliveries = 50 per delivery
    rates = activity_rates(RESOURCE_COSTS, DRIVERS, VOLUMES)
    assert isinstance(rates, ActivityRates)
    assert rates.rates.to_dict() == pytest.approx({"order": 30.0, "call": 30.0, "delivery": 50.0})
    assert rates.table["cost_pool"].to_dict() == pytest.approx(
        {"order": 45_000.0, "call": 15_000.0, "delivery": 40_000.0})
    assert rates.assignment.loc["staff", "call"] == pytest.approx(15_000.0)
    assert rates.value is rates.rates
    assert repr(rates) == "ActivityRates(order=30.00, call=30.00, delivery=50.00)"


def test_activity_rates_accept_hours_as_resource_drivers():
    # the same shares written as hours (1,500 h and 500 h) give the same rates
    hours = DRIVERS.copy()
    hours.loc["staff", ["order", "call"]] = [1_500.0, 500.0]
    rates = activity_rates(pd.Series(RESOURCE_COSTS), hours, pd.Series(VOLUMES))
    assert rates.rates["order"] == pytest.approx(30.0)


def test_abc_cost_to_serve_by_hand():
    # A: 2 orders, 1 call, 2 deliveries: 2*30 + 1*30 + 2*50 = 190; profit 1000 - 190 = 810
    # B: 20 orders, 6 calls, 30 deliveries: 600 + 180 + 1500 = 2280; profit 1000 - 2280 = -1280
    usage = pd.DataFrame({"order": [2, 20], "call": [1, 6], "delivery": [2, 30]}, index=["A", "B"])
    rates = activity_rates(RESOURCE_COSTS, DRIVERS, VOLUMES)
    res = abc_cost_to_serve(usage, rates, gross_profit=[1000.0, 1000.0])
    assert isinstance(res, ABCResult)
    assert res.cost_to_serve.to_dict() == pytest.approx({"A": 190.0, "B": 2280.0})
    assert res.table.loc["B", "delivery"] == pytest.approx(1500.0)
    assert res.table["profit"].to_dict() == pytest.approx({"A": 810.0, "B": -1280.0})
    assert res.value == pytest.approx(-470.0)
    assert repr(res) == "ABCResult(value=-470.00, cost_to_serve=2,470.00, unprofitable=1)"


def test_abc_cost_to_serve_aligns_gross_profit_series_and_takes_result_objects():
    usage = pd.DataFrame({"order": [2, 20]}, index=["A", "B"])
    gp = gross_profit(pd.Series([300.0, 900.0], index=["B", "A"]), [0.0, 0.0])
    res = abc_cost_to_serve(usage, {"order": 10.0}, gp)
    # A: 900 - 20 = 880; B: 300 - 200 = 100
    assert res.table["profit"].to_dict() == pytest.approx({"A": 880.0, "B": 100.0})


def test_abc_without_gross_profit_reports_minus_cost():
    res = abc_cost_to_serve(pd.DataFrame({"order": [1, 2]}), {"order": 5.0})
    assert res.value == pytest.approx(-15.0)
    assert "profit" not in res.table


def test_abc_full_cost_assignment_when_volumes_are_the_customers_usage():
    # rates from the customers' own total usage assign every resource cost exactly once
    usage = pd.DataFrame({"order": [600, 900], "call": [100, 400], "delivery": [300, 500]})
    rates = activity_rates(RESOURCE_COSTS, DRIVERS, usage.sum())
    res = abc_cost_to_serve(usage, rates)
    assert res.cost_to_serve.sum() == pytest.approx(sum(RESOURCE_COSTS.values()))


@pytest.mark.parametrize(
    ("kwargs", "exc", "text"),
    [
        ({"resource_costs": [1, 2]}, TypeError,
         "resource_costs must be a pandas Series or a dict of numbers by name; got list"),
        ({"resource_drivers": np.ones((2, 3))}, TypeError,
         "resource_drivers must be a pandas DataFrame; got ndarray"),
        ({"resource_drivers": pd.DataFrame()}, ValueError,
         "resource_drivers must have at least one row and one column; got shape (0, 0)"),
        ({"resource_drivers": DRIVERS.assign(order=["a", "b"])}, TypeError,
         "resource_drivers must hold only numbers"),
        ({"resource_drivers": DRIVERS.assign(order=[-1.0, 0.0])}, ValueError,
         "resource_drivers must contain only values of at least 0"),
        ({"resource_costs": {"staff": 1.0}}, ValueError,
         "resource_costs has no entry for the resource 'trucks'"),
        ({"resource_costs": {"staff": -1.0, "trucks": 1.0}}, ValueError,
         "resource_costs must contain only values of at least 0"),
        ({"driver_volumes": {"order": 1, "call": 1}}, ValueError,
         "driver_volumes has no entry for the activity 'delivery'"),
        ({"driver_volumes": {"order": 1, "call": 0, "delivery": 1}}, ValueError,
         "driver_volumes must be greater than 0 for every activity; 'call' is 0"),
        ({"resource_drivers": DRIVERS.assign(delivery=[0.0, 0.0])}, ValueError,
         "resource_drivers row 'trucks' must have a positive total"),
    ],
)
def test_activity_rates_bad_input(kwargs, exc, text):
    args = {"resource_costs": RESOURCE_COSTS, "resource_drivers": DRIVERS,
            "driver_volumes": VOLUMES} | kwargs
    with raises(exc, text):
        activity_rates(**args)


@pytest.mark.parametrize(
    ("usage", "rates", "gp", "exc", "text"),
    [
        (pd.DataFrame({"order": [1], "visit": [2]}), {"order": 1.0}, None, ValueError,
         "activity_rates has no entry for the activity 'visit'"),
        (pd.DataFrame({"order": [1, -2]}), {"order": 1.0}, None, ValueError,
         "activity_usage must contain only values of at least 0"),
        (pd.DataFrame({"order": [1]}), {"order": -1.0}, None, ValueError,
         "activity_rates must contain only values of at least 0"),
        ([[1, 2]], {"order": 1.0}, None, TypeError,
         "activity_usage must be a pandas DataFrame; got list"),
        (pd.DataFrame({"order": [1, 2]}), {"order": 1.0}, [5.0], ValueError,
         "gross_profit must have one entry per customer (2); got 1"),
        (pd.DataFrame({"order": [1, 2]}, index=["A", "B"]), {"order": 1.0},
         pd.Series([1.0], index=["A"]), ValueError,
         "gross_profit has no entry for the customer 'B'"),
        (pd.DataFrame({"order": [1]}), {"order": 1.0}, [np.inf], ValueError,
         "gross_profit must contain only finite numbers"),
    ],
)
def test_abc_cost_to_serve_bad_input(usage, rates, gp, exc, text):
    with raises(exc, text):
        abc_cost_to_serve(usage, rates, gp)


# --------------------------------------------------------------------------- growth potential


def test_growth_potential_by_hand():
    # customer 1: spend 400 of wallet 1000, 2 of 5 lines, value per line 100, margin 0.3
    #   wallet part 0.3 * 0.25 * 600 = 45; cross-sell 0.3 * 0.1 * 3 * 100 = 9; total 54
    # customer 2: spend 900 of 1000, 5 of 5 lines: 0.3 * 0.25 * 100 = 7.5; cross-sell 0
    g = growth_potential(pd.Series([400.0, 900.0], index=["a", "b"]), [1000.0, 1000.0],
                         [2, 5], 5, value_per_line=100.0, margin=0.3)
    assert g.value.to_dict() == pytest.approx({"a": 54.0, "b": 7.5})
    assert g.table.loc["a", "share_of_wallet"] == pytest.approx(0.4)
    assert g.table.loc["a", "headroom"] == pytest.approx(600.0)
    assert g.table.loc["a", "wallet_potential"] == pytest.approx(45.0)
    assert g.table.loc["a", "cross_sell_potential"] == pytest.approx(9.0)
    assert g.table.loc["b", "lines_not_held"] == 0


def test_growth_potential_without_cross_selling_and_per_customer_line_value():
    # no lines given: only the wallet part, capture 0.5, margin 1: 0.5 * (300 - 100) = 100
    g = growth_potential([100.0], [300.0], capture=0.5)
    assert g.value.iloc[0] == pytest.approx(100.0)
    # value per line per customer: 1 * 0.2 * (4 - 1) * [10, 20] = [6, 12], wallet part 0
    g2 = growth_potential([5.0, 5.0], [5.0, 5.0], [1, 1], 4, cross_sell_rate=0.2,
                          value_per_line=[10.0, 20.0])
    assert g2.value.tolist() == pytest.approx([6.0, 12.0])


@pytest.mark.parametrize(
    ("kwargs", "exc", "text"),
    [
        ({"wallet": [300.0, 50.0]}, ValueError,
         "wallet must be at least spend for every customer (the wallet is the customer's whole "
         "category spend); entry 1 has wallet 50 < spend 100"),
        ({"capture": 1.5}, ValueError, "capture must be between 0 and 1; got 1.5"),
        ({"cross_sell_rate": -0.1}, ValueError, "cross_sell_rate must be between 0 and 1"),
        ({"margin": 2}, ValueError, "margin must be between 0 and 1; got 2"),
        ({"lines_offered": None}, ValueError,
         "lines_held and lines_offered must be given together"),
        ({"lines_offered": 2.5}, TypeError, "lines_offered must be a whole number; got 2.5"),
        ({"lines_offered": 0}, ValueError, "lines_offered must be at least 1; got 0"),
        ({"lines_held": [1, 9]}, ValueError,
         "lines_held must be at most lines_offered (8); entry 1 is 9"),
        ({"value_per_line": [1.0, 2.0, 3.0]}, ValueError,
         "value_per_line must be one number or one per customer (2); got 3"),
        ({"value_per_line": -1.0}, ValueError,
         "value_per_line must contain only values of at least 0"),
        ({"spend": [-1.0, 100.0]}, ValueError, "spend must contain only values of at least 0"),
        ({"wallet": [300.0]}, ValueError, "wallet must have one entry per customer (2); got 1"),
    ],
)
def test_growth_potential_bad_input(kwargs, exc, text):
    args = {"spend": [200.0, 100.0], "wallet": [300.0, 300.0], "lines_held": [1, 2],
            "lines_offered": 8} | kwargs
    with raises(exc, text):
        growth_potential(**args)


# --------------------------------------------------------------------------- value matrix


def test_value_matrix_median_split_by_hand():
    # current [10, 8, 2, 1] median 5; potential [9, 1, 7, 2] median 4.5
    df = pd.DataFrame({"current_value": [10.0, 8, 2, 1], "growth_potential": [9.0, 1, 7, 2]},
                      index=list("abcd"))
    vm = value_matrix(df)
    assert vm.current_split == 5.0 and vm.potential_split == 4.5 and vm.split == "median"
    assert vm.table["quadrant"].to_dict() == {"a": "invest", "b": "maintain", "c": "develop",
                                              "d": "reduce"}
    s = vm.summary
    assert s["customers"].tolist() == [1, 1, 1, 1]
    # current total 21: invest 10/21, maintain 8/21; potential total 19: develop 7/19
    assert s.loc["invest", "current_share"] == pytest.approx(10 / 21)
    assert s.loc["maintain", "current_share"] == pytest.approx(8 / 21)
    assert s.loc["develop", "potential_share"] == pytest.approx(7 / 19)
    assert s.loc["reduce", "action_zh"] == "降低服务成本，或放弃"
    assert vm.table.loc["a", "action"] == QUADRANTS["invest"][4]
    assert list(vm.to_frame().index) == ["invest", "maintain", "develop", "reduce"]


def test_value_on_the_split_line_counts_as_low():
    df = pd.DataFrame({"cv": [1.0, 2.0, 3.0], "gp": [1.0, 2.0, 3.0]})
    vm = value_matrix(df, "cv", "gp")  # median 2: the middle customer is low on both
    assert vm.table["quadrant"].tolist() == ["reduce", "reduce", "invest"]


def test_value_matrix_given_and_mean_splits():
    df = pd.DataFrame({"cv": [-50.0, 10.0, 100.0], "gp": [0.0, 30.0, 60.0]})
    vm = value_matrix(df, "cv", "gp", split=(0, 40))
    assert vm.table["quadrant"].tolist() == ["reduce", "maintain", "invest"]
    assert vm.split == "given"
    # mean split: current mean 20, potential mean 30 (30 is on the line: low)
    vm2 = value_matrix(df, "cv", "gp", split="mean")
    assert (vm2.current_split, vm2.potential_split) == (20.0, 30.0)
    assert vm2.table["quadrant"].tolist() == ["reduce", "reduce", "invest"]
    # a loss-making base: the reduce quadrant's current share is negative, invest's above 1
    assert vm.summary.loc["reduce", "current_share"] == pytest.approx(-50 / 60)


def test_value_matrix_does_not_modify_input():
    df = pd.DataFrame({"current_value": [1.0, 2.0], "growth_potential": [3.0, 4.0]})
    before = df.copy()
    value_matrix(df)
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize(
    ("frame", "kwargs", "exc", "text"),
    [
        (pd.DataFrame({"current_value": [1.0]}), {}, ValueError,
         "customers is missing the required column 'growth_potential'"),
        (pd.DataFrame({"current_value": [], "growth_potential": []}), {}, ValueError,
         "customers must have at least one row; got an empty DataFrame"),
        (None, {"split": "middle"}, ValueError,
         "split must be 'median', 'mean' or two numbers (current, potential); got 'middle'"),
        (None, {"split": (1.0, 2.0, 3.0)}, ValueError,
         "split must be 'median', 'mean' or two numbers (current, potential); got (1.0, 2.0, 3.0)"),
        (None, {"split": (1.0, np.nan)}, ValueError,
         "split[1] (potential) must be a finite number; got nan"),
        (pd.DataFrame({"current_value": [1.0, np.nan], "growth_potential": [1.0, 2.0]}), {},
         ValueError, "customers column 'current_value' must contain only finite numbers"),
        ([1, 2], {}, TypeError, "customers must be a pandas DataFrame; got list"),
    ],
)
def test_value_matrix_bad_input(frame, kwargs, exc, text):
    if frame is None:
        frame = pd.DataFrame({"current_value": [1.0, 2.0], "growth_potential": [1.0, 2.0]})
    with raises(exc, text):
        value_matrix(frame, **kwargs)


def test_gross_profit_refuses_total_sales_beyond_the_largest_number():
    # before: total sales overflowed to inf (with a numpy warning) and the margin came out
    # 0.0 beside a finite gross profit of 1e308; the true margin is 0.5 (5e307 of 1e308 each)
    with pytest.raises(OverflowError, match=r"the total sales computed by gross_profit is not "
                                            r"a finite number .*sales=\[1e\+308, 1e\+308\]"):
        gross_profit([1e308, 1e308], [5e307, 5e307])
