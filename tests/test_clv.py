"""Unit tests of crmlib.clv: published and hand-calculated values, result API, bad input."""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pandas as pd
import pytest

from crmlib.clv import (
    CACResult,
    CLVResult,
    ComponentsResult,
    PaybackResult,
    SimpleCLVInputs,
    cac_payback,
    clv_components,
    clv_to_cac,
    discounted_clv,
    margin_multiple,
    retention_clv,
    simple_clv,
    simple_clv_inputs,
)
from crmlib.clv._result import CASHFLOW_COLUMNS, TABLE_MAX_PERIODS, TABLE_TOLERANCE


def raises(exc: type[Exception], text: str):
    return pytest.raises(exc, match=re.escape(text))


# --------------------------------------------------------------------------- retention_clv


def test_retention_clv_reference_values_m100_r08_d01():
    # margin 100, retention 0.8, discount 0.1, infinite horizon; 1 + d - r = 0.3
    # start:       100 * 1.1 / 0.3 = 110 / 0.3 = 366.666...
    # end:         100 / 0.3                   = 333.333...
    # after_first: 100 * 0.8 / 0.3 = 80 / 0.3  = 266.666...
    # mid:         100 * sqrt(1.1) / 0.3       = 104.8809 / 0.3 = 349.6029...
    assert retention_clv(100, 0.8, 0.1, convention="start").value == pytest.approx(366.6666667)
    assert retention_clv(100, 0.8, 0.1, convention="end").value == pytest.approx(333.3333333)
    assert retention_clv(100, 0.8, 0.1, convention="after_first").value == pytest.approx(
        266.6666667
    )
    assert retention_clv(100, 0.8, 0.1, convention="mid").value == pytest.approx(349.6029494)
    assert round(retention_clv(100, 0.8, 0.1, convention="start").value, 2) == 366.67
    assert round(retention_clv(100, 0.8, 0.1).value, 2) == 333.33
    assert round(retention_clv(100, 0.8, 0.1, convention="after_first").value, 2) == 266.67


def test_retention_clv_matches_fader_hardie_2012_formulas_1_to_3():
    # Fader & Hardie (2012), "Reconciling and clarifying CLV formulas", with m=50, r=0.75, d=0.12
    # (1) m(1+d)/(1+d-r) = 56 / 0.37 = 151.351351...   (Blattberg et al. 2008)
    # (2) m r/(1+d-r)    = 37.5 / 0.37 = 101.351351... (Kotler & Keller 2012 and others)
    # (3) m/(1+d-r)      = 50 / 0.37 = 135.135135...   (Ofek 2002, Davis 2007)
    assert retention_clv(50, 0.75, 0.12, convention="start").value == pytest.approx(151.3513514)
    assert retention_clv(50, 0.75, 0.12, convention="after_first").value == pytest.approx(
        101.3513514
    )
    assert retention_clv(50, 0.75, 0.12, convention="end").value == pytest.approx(135.1351351)


def test_retention_clv_finite_matches_fader_hardie_2014_equation_1():
    # Fader & Hardie (2014), "What's wrong with this CLV formula?", eq. (1):
    # sum_{t=0}^{T} m r^t/(1+d)^t with T=2, m=100, r=0.8, d=0.1 (T+1 = 3 payments, "start")
    # = 100 + 80/1.1 + 64/1.21 = 100 + 72.727273 + 52.892562 = 225.619835
    res = retention_clv(100, 0.8, 0.1, periods=3, convention="start")
    assert res.value == pytest.approx(225.6198347)
    assert res.cashflows["time"].tolist() == [0.0, 1.0, 2.0]


def test_retention_clv_finite_end_hand_values():
    # two payments at times 1, 2 with survival 1, 0.8: 100/1.1 + 80/1.21 = 90.909091 + 66.115702
    res = retention_clv(100, 0.8, 0.1, periods=2)
    assert res.value == pytest.approx(157.0247934)
    assert res.cashflows["survival"].tolist() == pytest.approx([1.0, 0.8])
    assert res.cashflows["cashflow"].tolist() == pytest.approx([100.0, 80.0])
    assert res.cashflows["cumulative_value"].iloc[-1] == pytest.approx(res.value)


def test_retention_clv_after_first_table_survival_and_time():
    # after the first (excluded) payment: payment k at time k with survival r^k
    res = retention_clv(100, 0.5, 0.0, periods=3, convention="after_first")
    assert res.cashflows["time"].tolist() == [1.0, 2.0, 3.0]
    assert res.cashflows["survival"].tolist() == pytest.approx([0.5, 0.25, 0.125])
    assert res.value == pytest.approx(87.5)  # 50 + 25 + 12.5


def test_retention_clv_mid_times():
    res = retention_clv(100, 0.8, 0.1, periods=2, convention="mid")
    assert res.cashflows["time"].tolist() == [0.5, 1.5]
    # 100/1.1^0.5 + 80/1.1^1.5
    assert res.value == pytest.approx(100 / 1.1**0.5 + 80 / 1.1**1.5)


def test_retention_clv_full_retention_no_discount_finite_is_m_times_n():
    assert retention_clv(100, 1.0, 0.0, periods=5).value == pytest.approx(500.0)
    assert retention_clv(100, 1.0, 0.0, periods=5, convention="start").value == 500.0
    assert retention_clv(100, 1.0, 0.0, periods=5).formula == r"m\,n"


def test_retention_clv_zero_retention():
    # only the first payment is ever made: 100/1.1 at the end, 100 at the start, none after it
    assert retention_clv(100, 0.0, 0.1).value == pytest.approx(90.9090909)
    assert retention_clv(100, 0.0, 0.1, convention="start").value == pytest.approx(100.0)
    assert retention_clv(100, 0.0, 0.1, convention="after_first").value == 0.0


def test_retention_clv_infinite_table_rule():
    res = retention_clv(100, 0.8, 0.1)
    weights = res.cashflows["survival"] * res.cashflows["discount_factor"]
    assert (weights >= TABLE_TOLERANCE).all()
    # the next payment's weight 0.8^n / 1.1^(n+1) is below the tolerance
    n = len(res.cashflows)
    assert 0.8**n / 1.1 ** (n + 1) < TABLE_TOLERANCE
    assert res.cashflows["cumulative_value"].iloc[-1] < res.value
    slow = retention_clv(100, 0.99, 0.0)
    assert len(slow.cashflows) == TABLE_MAX_PERIODS


def test_retention_clv_formulas_and_inputs():
    assert retention_clv(100, 0.8, 0.1, convention="start").formula == r"m\,\frac{1+d}{1+d-r}"
    assert retention_clv(100, 0.8, 0.1, convention="after_first").formula == (r"m\,\frac{r}{1+d-r}")
    finite = retention_clv(100, 0.8, 0.1, periods=4)
    assert finite.formula.startswith(r"\frac{m}{1+d-r}")
    assert finite.inputs == {
        "margin": 100.0,
        "retention": 0.8,
        "discount_rate": 0.1,
        "periods": 4,
        "convention": "end",
    }
    assert retention_clv(100, 0.8, 0.1, periods=math.inf).periods == math.inf


# --------------------------------------------------------------------------- result API


def test_clv_result_repr_columns_and_to_frame():
    res = retention_clv(100, 0.8, 0.1)
    assert repr(res) == "CLVResult(value=333.33, convention='end', periods=inf)"
    assert repr(retention_clv(100, 0.8, 0.1, periods=5)).endswith("periods=5)")
    assert tuple(res.cashflows.columns) == CASHFLOW_COLUMNS
    frame = res.to_frame()
    frame.loc[0, "cashflow"] = -1.0
    assert res.cashflows.loc[0, "cashflow"] == 100.0
    assert res.cashflows["period"].tolist()[:3] == [1, 2, 3]
    assert res.method == "retention_clv"


def test_clv_result_is_frozen():
    res = retention_clv(100, 0.8, 0.1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.value = 1.0  # type: ignore[misc]


# --------------------------------------------------------------------------- margin_multiple


@pytest.mark.parametrize(
    ("retention", "discount_rate", "expected"),
    [
        (0.8, 0.12, 2.5),  # 0.8 / 0.32
        (0.9, 0.10, 4.5),  # 0.9 / 0.20
        (0.6, 0.10, 1.2),  # 0.6 / 0.50
        (0.6, 0.16, 1.0714286),  # 0.6 / 0.56
        (0.7, 0.14, 1.5909091),  # 0.7 / 0.44
        (0.9, 0.16, 3.4615385),  # 0.9 / 0.26
    ],
)
def test_margin_multiple_hand_values_on_gupta_lehmann_grid(retention, discount_rate, expected):
    assert margin_multiple(retention, discount_rate) == pytest.approx(expected)


def test_margin_multiple_equals_after_first_clv_per_unit_margin():
    assert 250 * margin_multiple(0.75, 0.12) == pytest.approx(
        retention_clv(250, 0.75, 0.12, convention="after_first").value
    )


# --------------------------------------------------------------------------- discounted_clv


def test_discounted_clv_course_formula_with_benefits_hand_values():
    # (100 + 10)/1.1 + (120 + 10)/1.21 = 100 + 107.438017
    res = discounted_clv([100, 120], 0.1, benefits=[10, 10])
    assert res.value == pytest.approx(207.4380165)
    assert res.formula == r"\sum_{i=1}^{n}\frac{\pi_i+B_i}{(1+d)^{i}}"
    assert res.cashflows["profit"].tolist() == [100.0, 120.0]
    assert res.cashflows["benefit"].tolist() == [10.0, 10.0]
    # start: 110 + 130/1.1 = 110 + 118.181818
    assert discounted_clv([100, 120], 0.1, [10, 10], "start").value == pytest.approx(228.1818182)
    # mid: 110/1.1^0.5 + 130/1.1^1.5
    mid = discounted_clv([100, 120], 0.1, [10, 10], "mid")
    assert mid.value == pytest.approx(110 / 1.1**0.5 + 130 / 1.1**1.5)
    assert mid.formula.endswith("{(1+d)^{i-1/2}}")


def test_discounted_clv_course_b2b_client():
    # 2 purchases a year x 100,000 = 200,000 a year for 5 years: 1,000,000 undiscounted;
    # at 10%: 200,000 x (1 - 1.1^-5)/0.1 = 200,000 x 3.7907868 = 758,157.35
    assert discounted_clv([200_000] * 5, 0.0).value == pytest.approx(1_000_000)
    assert discounted_clv([200_000] * 5, 0.1).value == pytest.approx(758_157.3539)
    res = discounted_clv([200_000] * 5, 0.1)
    assert res.formula == r"\sum_{i=1}^{n}\frac{\pi_i}{(1+d)^{i}}"
    assert res.inputs["benefits"] is None
    assert res.cashflows["survival"].eq(1.0).all()


def test_discounted_clv_allows_negative_profits():
    # -50/1.1 + 121/1.21 = -45.454545 + 100
    assert discounted_clv([-50, 121], 0.1).value == pytest.approx(54.5454545)


# --------------------------------------------------------------------------- simple_clv


def test_simple_clv_matches_kotler_armstrong_stew_leonards():
    # $100 a week x 50 weeks a year x 10 years = $50,000 (Principles of Marketing, ch. 1)
    res = simple_clv(100, 50, 10)
    assert res.value == 50_000
    assert repr(res) == "CLVResult(value=50000.00, convention='undiscounted', periods=10)"
    assert res.cashflows["cashflow"].tolist() == [5000.0] * 10


def test_simple_clv_course_b2b_client():
    # 2 purchases a year x 100,000 x 5 years = 1,000,000
    assert simple_clv(100_000, 2, 5).value == 1_000_000


def test_simple_clv_acquisition_cost_and_fractional_lifespan():
    # 100 x 50 x 10.5 - 1,000 = 52,500 - 1,000 = 51,500; last row covers half a year
    res = simple_clv(100, 50, 10.5, acquisition_cost=1000, time_unit="year")
    assert res.value == 51_500
    assert res.cashflows["cashflow"].iloc[-1] == 2500.0
    assert res.cashflows["time"].iloc[-1] == 10.5
    assert res.cashflows["cumulative_value"].iloc[0] == 5000 - 1000
    assert res.cashflows["cumulative_value"].iloc[-1] == pytest.approx(res.value)
    assert res.formula == r"\bar{v}\,f\,L-\mathrm{CAC}"
    assert res.inputs["time_unit"] == "year"


# --------------------------------------------------------------------------- simple_clv_inputs


def _transactions() -> pd.DataFrame:
    # customer a: 2024-01-01 and 2024-07-01 (182 days); b: one purchase; c: 2024-01-01, 2024-12-31
    return pd.DataFrame(
        {
            "cust": ["a", "a", "b", "c", "c", "c"],
            "day": [
                "2024-01-01",
                "2024-07-01",
                "2024-03-01",
                "2024-01-01",
                "2024-06-01",
                "2024-12-31",
            ],
            "value": [100.0, 50.0, 30.0, 20.0, 40.0, 60.0],
        }
    )


def test_simple_clv_inputs_hand_values():
    tx = _transactions()
    res = simple_clv_inputs(tx, customer="cust", date="day", amount="value", days_per_period=365)
    # revenue 300 over 6 orders -> 50; observation period 365 days = 1 year
    # frequency = 6 orders / 3 customers / 1 year = 2
    # lifespan = (182/365 + 0 + 365/365) / 3 = (0.498630 + 1) / 3 = 0.499543
    assert isinstance(res, SimpleCLVInputs)
    assert res.avg_purchase_value == pytest.approx(50.0)
    assert res.purchase_frequency == pytest.approx(2.0)
    assert res.lifespan == pytest.approx((182 / 365 + 1) / 3)
    assert (res.n_orders, res.n_customers, res.n_repeat_customers) == (6, 3, 2)
    assert res.period_length == pytest.approx(1.0)
    # CLV = 50 x 2 x 0.499543 - 10 = 39.954338
    assert res.clv(acquisition_cost=10).value == pytest.approx(50 * 2 * (182 / 365 + 1) / 3 - 10)
    assert res.to_frame().loc[0, "n_orders"] == 6


def test_simple_clv_inputs_exclude_single_purchase_and_period_length():
    tx = _transactions()
    res = simple_clv_inputs(
        tx,
        "cust",
        "day",
        "value",
        days_per_period=365,
        period_length=2.0,
        single_purchase="exclude",
    )
    # lifespan over repeat customers only: (182/365 + 1) / 2; frequency 6 / 3 / 2 years = 1
    assert res.lifespan == pytest.approx((182 / 365 + 1) / 2)
    assert res.purchase_frequency == pytest.approx(1.0)


def test_simple_clv_inputs_order_column_groups_lines_and_weeks():
    tx = pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 2],
            "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-15", "2024-01-08"]),
            "amount": [10.0, 20.0, 30.0, 40.0],
            "order_id": ["x", "x", "y", "z"],
        }
    )
    res = simple_clv_inputs(tx, order="order_id", days_per_period=7)
    # 3 orders, revenue 100 -> 33.33; span 14 days = 2 weeks; frequency 3 / 2 / 2 = 0.75 a week
    # lifespan: customer 1 spans 2 weeks, customer 2 none -> 1 week
    assert res.avg_purchase_value == pytest.approx(100 / 3)
    assert res.purchase_frequency == pytest.approx(0.75)
    assert res.lifespan == pytest.approx(1.0)


def _two_customers(dates: list) -> pd.DataFrame:
    return pd.DataFrame({"customer_id": ["a", "a", "b"], "date": dates,
                         "amount": [100.0, 200.0, 60.0]})


def test_simple_clv_inputs_reads_yyyymmdd_and_excel_serial_numbers():
    # Before: 20230102 and Excel serials were read as nanoseconds (frequency 2.4e14).
    # a: 2023-01-02 and 2024-01-02 (365 days); b: 2023-07-03. Observation 365 days = 1 year
    # (days_per_period=365): frequency 3 / 2 / 1 = 1.5; lifespan (1 + 0) / 2 = 0.5.
    expected = simple_clv_inputs(_two_customers(
        pd.to_datetime(["2023-01-02", "2024-01-02", "2023-07-03"])), days_per_period=365)
    assert (expected.purchase_frequency, expected.lifespan) == (1.5, 0.5)
    ymd = simple_clv_inputs(_two_customers([20230102, 20240102, 20230703]), days_per_period=365)
    # Excel serials: 45293 = 2024-01-02 (45296 = 2024-01-05); 44928 = 45293 - 365;
    # 2023-07-03 is 182 days after 2023-01-02: 44928 + 182 = 45110.
    serial = simple_clv_inputs(_two_customers([44928, 45293, 45110]), days_per_period=365)
    text = simple_clv_inputs(_two_customers(["20230102", "2024年1月2日", "45110"]),
                             days_per_period=365)
    assert ymd == expected
    assert serial == expected
    assert text == expected


def test_simple_clv_inputs_refuses_day_first_text_it_cannot_tell():
    # Before: "02/01/2023" (2 January, day-first) was read as February 1.
    dates = ["02/01/2023", "02/01/2024", "03/07/2023"]
    with raises(ValueError, "dates such as '02/01/2023' can be read day-first or month-first and "
                "no date in the column tells which (no day above 12); pass dayfirst=True"):
        simple_clv_inputs(_two_customers(dates))
    day_first = simple_clv_inputs(_two_customers(dates), days_per_period=365, dayfirst=True)
    assert (day_first.purchase_frequency, day_first.lifespan) == (1.5, 0.5)
    formatted = simple_clv_inputs(_two_customers(["02.01.2023", "02.01.2024", "03.07.2023"]),
                                  days_per_period=365, date_format="%d.%m.%Y")
    assert formatted == day_first
    # month-first: 2023-02-01 .. 2024-02-01 is 365 days as well, 2023-03-07 inside it
    month_first = simple_clv_inputs(_two_customers(dates), days_per_period=365, dayfirst=False)
    assert (month_first.purchase_frequency, month_first.lifespan) == (1.5, 0.5)
    with raises(ValueError, "date_format must be a strftime format"):
        simple_clv_inputs(_two_customers(dates), date_format="%Q")


def test_simple_clv_inputs_rejects_dates_it_cannot_hold_and_mixed_id_types():
    with raises(ValueError, "transactions column 'date' must hold dates; row 1 cannot be used: "
                "date '9999-12-31' is outside the dates this library can hold"):
        simple_clv_inputs(_two_customers(["2024-01-01", "9999-12-31", "2024-01-05"]))
    with raises(ValueError, "row 0 cannot be used: date '2024' looks like a year alone"):
        simple_clv_inputs(_two_customers(["2024", "2024-01-02", "2024-01-05"]))
    with raises(ValueError, "has an impossible time of day"):
        simple_clv_inputs(_two_customers(["2024-01-01 25:00", "2024-01-02", "2024-01-05"]))
    mixed = _two_customers(["2024-01-01", "2024-01-02", "2024-01-05"]).assign(
        customer_id=pd.Series([1, "1", "b"], dtype=object))
    with raises(ValueError, "transactions column 'customer_id' has ids that are different values "
                "but print the same: 1 (int) and '1' (str)"):
        simple_clv_inputs(mixed)


def _two_customers_amounts(amounts: list) -> pd.DataFrame:
    return pd.DataFrame({"customer_id": ["a", "a", "b"],
                         "date": ["2023-01-02", "2024-01-02", "2023-07-03"], "amount": amounts})


def test_simple_clv_inputs_reads_decimal_commas_like_read_transactions():
    # "100,50" + "200,00" + "60,25" = 360.75 over 3 orders: 120.25 each
    for amounts in (["100,50", "200,00", "60,25"], ["100,50 €", "¥200,00", "60,25"]):
        res = simple_clv_inputs(_two_customers_amounts(amounts), days_per_period=365,
                                decimal=",")
        assert res.avg_purchase_value == pytest.approx(360.75 / 3)
    # without decimal=: "12,5"-like amounts fit only a decimal comma, so the column tells
    told = simple_clv_inputs(_two_customers_amounts(["12,5", "1.234,50", "3"]),
                             days_per_period=365)
    assert told.avg_purchase_value == pytest.approx((12.5 + 1234.5 + 3) / 3)
    grouped = simple_clv_inputs(_two_customers_amounts(["1,234.50", "20", "0.50"]),
                                days_per_period=365, decimal=".")
    assert grouped.avg_purchase_value == pytest.approx((1234.5 + 20 + 0.5) / 3)


def test_simple_clv_inputs_amounts_agree_with_read_transactions_on_the_same_text():
    import io

    from crmlib.transactions import read_transactions

    text = "customer_id;date;amount\na;2023-01-02;12,50\na;2024-01-02;1.234,50\nb;2023-07-03;7\n"
    read = read_transactions(io.StringIO(text), sep=";", decimal=",").data
    frame = pd.read_csv(io.StringIO(text), sep=";", dtype=str)
    res = simple_clv_inputs(frame, days_per_period=365, decimal=",")
    assert res.avg_purchase_value == pytest.approx(read["amount"].mean())
    assert read["amount"].tolist() == [12.5, 1234.5, 7.0]


def test_simple_clv_inputs_refuses_an_amount_column_it_cannot_tell():
    # "1,234" is 1234 with a decimal point, 1.234 with a decimal comma: refused, not guessed
    with raises(ValueError, "amounts such as '1,234' can be read with a decimal point or a "
                "decimal comma and no amount in the column tells which; pass decimal='.'"):
        simple_clv_inputs(_two_customers_amounts(["1,234", "2,000", "5"]))
    with raises(ValueError, "the amount column mixes decimal points ('12.50') and decimal "
                "commas ('12,5')"):
        simple_clv_inputs(_two_customers_amounts(["12.50", "12,5", "5"]))
    with raises(ValueError, "transactions column 'amount' must hold finite numbers; row 1 is "
                "'12,5': amount '12,5' is not a number; it would fit a decimal comma"):
        simple_clv_inputs(_two_customers_amounts(["12.50", "12,5", "5"]), decimal=".")
    with raises(ValueError, "decimal must be '.' (1,234.50), ',' (1.234,50) or None (tell from "
                "the column); got ';'"):
        simple_clv_inputs(_two_customers_amounts([1.0, 2.0, 3.0]), decimal=";")


# --------------------------------------------------------------------------- clv_components


def test_clv_components_course_b2b_client_shares():
    # 1,000,000 from sales plus 200,000 referral value: sales share 1,000,000 / 1,200,000 > 80%
    res = clv_components(1_000_000, referral=200_000)
    assert isinstance(res, ComponentsResult)
    assert res.value == 1_200_000
    assert res.shares["transaction"] == pytest.approx(0.8333333)
    assert res.shares["referral"] == pytest.approx(0.1666667)
    assert res.components["name_zh"].tolist() == ["交易价值", "推荐价值", "成长价值", "知识价值"]
    assert sum(res.shares.values()) == pytest.approx(1.0)


def test_clv_components_discounts_sequences_at_period_end():
    # transaction [100, 100] at 10%: 100/1.1 + 100/1.21 = 173.553719; knowledge 20 as given
    res = clv_components([100, 100], knowledge=20, discount_rate=0.1)
    assert res.value == pytest.approx(193.553719)
    assert res.components.set_index("component").loc["transaction", "present_value"] == (
        pytest.approx(173.553719)
    )
    assert "V_c" in res.formula


def test_clv_components_negative_transaction_has_no_shares():
    res = clv_components(-100, referral=50)
    assert res.value == -50
    assert res.components["share"].isna().all()
    assert repr(res) == (
        "ComponentsResult(value=-50.00, transaction=n/a, referral=n/a, growth=n/a, knowledge=n/a)"
    )


# --------------------------------------------------------------------------- clv_to_cac


@pytest.mark.parametrize(
    ("clv", "cac", "ratio", "band"),
    [
        (1000, 250, 4.0, "healthy"),
        (300, 100, 3.0, "healthy"),
        (250, 100, 2.5, "thin"),
        (100, 100, 1.0, "thin"),
        (50, 100, 0.5, "loss"),
        (-50, 100, -0.5, "loss"),
    ],
)
def test_clv_to_cac_ratio_and_band(clv, cac, ratio, band):
    res = clv_to_cac(clv, cac)
    assert isinstance(res, CACResult)
    assert res.ratio == pytest.approx(ratio)
    assert res.value == res.ratio
    assert res.band == band


def test_clv_to_cac_accepts_clv_result():
    # 333.33 / 100 = 3.33: at or above the 3:1 rule of thumb
    res = clv_to_cac(retention_clv(100, 0.8, 0.1), 100)
    assert repr(res) == "CACResult(ratio=3.33, band='healthy')"
    assert "rule of thumb" in res.verdict
    assert res.to_frame().loc[0, "band"] == "healthy"
    # 1,200,000 / 400,000 = 3
    assert clv_to_cac(clv_components(1_000_000, referral=200_000), 400_000).ratio == 3.0


# --------------------------------------------------------------------------- cac_payback


def test_cac_payback_hand_values():
    # 100 a period, no churn, no discounting: 300 / 100 = 3 periods; 250 -> 2.5
    res = cac_payback(300, 100)
    assert isinstance(res, PaybackResult)
    assert res.periods == 3.0
    assert res.paid_back
    assert cac_payback(250, 100).periods == pytest.approx(2.5)
    assert res.cashflows["cumulative_value"].tolist()[:3] == [-200.0, -100.0, 0.0]
    assert len(res.cashflows) == 5  # two periods past the payback period
    assert "3.00 periods" in res.message


def test_cac_payback_with_retention_hand_value():
    # r = 0.8, d = 0: C_k = 100, 180, 244, 295.2, 336.16; CAC 300 is reached in period 5:
    # 4 + (300 - 295.2) / (336.16 - 295.2) = 4 + 4.8 / 40.96 = 4.1171875
    assert cac_payback(300, 100, retention=0.8).periods == pytest.approx(4.1171875)


def test_cac_payback_discounted_hand_value():
    # d = 0.1: C_1 = 90.909091, C_2 = 173.553719; 1 + (150 - 90.909091) / 82.644628 = 1.715
    assert cac_payback(150, 100, discount_rate=0.1).periods == pytest.approx(1.715)


def test_cac_payback_never():
    # lifetime value 100 / (1.1 - 0.7) = 250 < 400
    res = cac_payback(400, 100, retention=0.7, discount_rate=0.1)
    assert res.periods == math.inf
    assert not res.paid_back
    assert res.lifetime_value == pytest.approx(250.0)
    assert res.message.startswith("Never paid back")
    assert repr(res) == "PaybackResult(periods=inf, paid_back=False)"
    assert (res.cashflows["cumulative_value"] < 0).all()
    # equal to the lifetime value is not enough either (only reached in the limit)
    assert not cac_payback(250, 100, retention=0.6).paid_back


def test_cac_payback_edge_cases():
    assert cac_payback(0, 100).periods == 0.0
    assert cac_payback(100, 100, retention=0.0).periods == pytest.approx(1.0)
    assert not cac_payback(100, 100, retention=0.0, discount_rate=0.1).paid_back
    assert cac_payback(300, 100).lifetime_value == math.inf


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("kwargs", "exc", "message"),
    [
        ({"margin": float("nan")}, ValueError, "margin must be a finite number; got nan"),
        ({"margin": "100"}, TypeError, "margin must be a number; got '100' (str)"),
        ({"retention": 1.2}, ValueError, "retention must be between 0 and 1; got 1.2"),
        ({"retention": -0.1}, ValueError, "retention must be between 0 and 1; got -0.1"),
        ({"discount_rate": -0.1}, ValueError, "discount_rate must be 0 or greater; got -0.1"),
        ({"periods": 0}, ValueError, "periods must be a whole number of at least 1; got 0"),
        ({"periods": 2.5}, ValueError, "periods must be a whole number; got 2.5"),
        ({"periods": 100_001}, ValueError, "periods must be at most 100000; got 100001"),
        (
            {"convention": "begin"},
            ValueError,
            "convention must be one of 'end', 'start', 'mid', 'after_first'; got 'begin'",
        ),
        (
            {"retention": 1.0, "discount_rate": 0.0},
            ValueError,
            "retention 1 with discount_rate 0 has no finite value over an infinite horizon",
        ),
    ],
)
def test_retention_clv_rejects_bad_input(kwargs, exc, message):
    args = {"margin": 100, "retention": 0.8, "discount_rate": 0.1} | kwargs
    with raises(exc, message):
        retention_clv(**args)


def test_margin_multiple_rejects_bad_input():
    with raises(ValueError, "retention must be between 0 and 1; got 1.5"):
        margin_multiple(1.5, 0.1)
    with raises(ValueError, "discount_rate must be 0 or greater; got -0.01"):
        margin_multiple(0.8, -0.01)
    with raises(ValueError, "retention 1 with discount_rate 0 has no finite value"):
        margin_multiple(1.0, 0.0)


def test_full_retention_with_discounting_is_a_perpetuity():
    """r = 1, d = 0.1, m = 100: sum of 100 / 1.1^t for t >= 1 = 100 / 0.1 = 1000 (by hand);
    paid at the start of each period 100 * 1.1 / 0.1 = 1100; margin multiple 1 / 0.1 = 10."""
    assert retention_clv(100, 1.0, 0.1).value == pytest.approx(1000.0)
    assert retention_clv(100, 1.0, 0.1, convention="start").value == pytest.approx(1100.0)
    assert retention_clv(100, 1.0, 0.1, convention="after_first").value == pytest.approx(1000.0)
    assert margin_multiple(1.0, 0.1) == pytest.approx(10.0)


def test_discounted_clv_rejects_bad_input():
    with raises(ValueError, "profits must not be empty"):
        discounted_clv([], 0.1)
    with raises(ValueError, "profits must contain only finite numbers; entry 1 is inf"):
        discounted_clv([1, math.inf], 0.1)
    with raises(TypeError, "profits must be a sequence of numbers"):
        discounted_clv("100", 0.1)
    with raises(ValueError, "benefits must have the same length as profits (3 periods); got 2"):
        discounted_clv([1, 2, 3], 0.1, benefits=[1, 2])
    with raises(ValueError, "timing must be one of 'end', 'start', 'mid'; got 'after_first'"):
        discounted_clv([1, 2], 0.1, timing="after_first")
    with raises(ValueError, "discount_rate must be 0 or greater; got -0.5"):
        discounted_clv([1, 2], -0.5)


@pytest.mark.parametrize(
    ("kwargs", "exc", "message"),
    [
        ({"avg_purchase_value": -1}, ValueError, "avg_purchase_value must be 0 or greater; got -1"),
        ({"purchase_frequency": -2}, ValueError, "purchase_frequency must be 0 or greater; got -2"),
        ({"lifespan": 0}, ValueError, "lifespan must be greater than 0; got 0"),
        ({"lifespan": 200_000}, ValueError, "lifespan must be at most 100000 time units"),
        ({"acquisition_cost": -5}, ValueError, "acquisition_cost must be 0 or greater; got -5"),
        ({"time_unit": 7}, TypeError, "time_unit must be a string; got int"),
    ],
)
def test_simple_clv_rejects_bad_input(kwargs, exc, message):
    args = {"avg_purchase_value": 100, "purchase_frequency": 50, "lifespan": 10} | kwargs
    with raises(exc, message):
        simple_clv(**args)


def test_simple_clv_inputs_rejects_bad_input():
    tx = pd.DataFrame(
        {"customer_id": [1, 2], "date": ["2024-01-01", "2024-02-01"], "amount": [1.0, 2.0]}
    )
    with raises(TypeError, "transactions must be a pandas DataFrame; got list"):
        simple_clv_inputs([1, 2])  # type: ignore[arg-type]
    with raises(ValueError, "transactions is missing the required column 'order_id'"):
        simple_clv_inputs(tx, order="order_id")
    with raises(ValueError, "transactions must hold at least one purchase; got an empty table"):
        simple_clv_inputs(tx.iloc[:0])
    with raises(ValueError, "transactions column 'customer_id' must have no missing values; row 1"):
        simple_clv_inputs(tx.assign(customer_id=[1, None]))
    with raises(ValueError, "transactions column 'date' must hold dates; row 1 cannot be used: "
                "date 'soon' has an unrecognised format"):
        simple_clv_inputs(tx.assign(date=["2024-01-01", "soon"]))
    with raises(ValueError, "transactions column 'amount' must hold finite numbers; row 0 is 'x'"):
        simple_clv_inputs(tx.assign(amount=["x", 2.0]))
    with raises(ValueError, "the transactions all fall on one date"):
        simple_clv_inputs(tx.assign(date=["2024-01-01", "2024-01-01"]))
    with raises(ValueError, "period_length must be greater than 0; got 0"):
        simple_clv_inputs(tx, period_length=0)
    with raises(ValueError, "days_per_period must be greater than 0; got -7"):
        simple_clv_inputs(tx, days_per_period=-7)
    with raises(ValueError, "single_purchase must be one of 'zero', 'exclude'; got 'drop'"):
        simple_clv_inputs(tx, single_purchase="drop")
    with raises(ValueError, "single_purchase='exclude' needs at least one customer who bought"):
        simple_clv_inputs(tx, single_purchase="exclude")
    with raises(ValueError, "lifespan is 0 because no customer bought on two different dates"):
        simple_clv_inputs(tx).clv()


def test_clv_components_rejects_bad_input():
    with raises(ValueError, "transaction must be a finite number; got nan"):
        clv_components(float("nan"))
    with raises(ValueError, "referral must be 0 or greater; got -1"):
        clv_components(100, referral=-1)
    with raises(ValueError, "growth must contain only values of at least 0; entry 1 is -5"):
        clv_components(100, growth=[5, -5], discount_rate=0.1)
    with raises(ValueError, "discount_rate is needed when knowledge is given per period"):
        clv_components(100, knowledge=[1, 2])
    with raises(ValueError, "discount_rate must be 0 or greater; got -0.2"):
        clv_components(100, discount_rate=-0.2)


def test_clv_to_cac_rejects_bad_input():
    with raises(ValueError, "acquisition_cost must be greater than 0; got 0"):
        clv_to_cac(100, 0)
    with raises(ValueError, "clv must be a finite number; got inf"):
        clv_to_cac(math.inf, 10)


def test_cac_payback_rejects_bad_input():
    with raises(ValueError, "acquisition_cost must be 0 or greater; got -1"):
        cac_payback(-1, 100)
    with raises(ValueError, "margin_per_period must be greater than 0; got 0"):
        cac_payback(100, 0)
    with raises(ValueError, "retention must be between 0 and 1; got 1.5"):
        cac_payback(100, 10, retention=1.5)
    with raises(ValueError, "discount_rate must be 0 or greater; got -0.1"):
        cac_payback(100, 10, discount_rate=-0.1)


def test_public_api_is_sorted_and_complete():
    import crmlib.clv as clv

    assert clv.__all__ == sorted(clv.__all__)
    defined = {
        name
        for module in (clv._cac, clv._components, clv._formulas, clv._result, clv._simple)
        for name in module.__all__
        if callable(getattr(module, name))
    }
    assert set(clv.__all__) == defined, "crmlib.clv must re-export every function and class"
    for name in clv.__all__:
        assert callable(getattr(clv, name)), f"{name} is not a function or class"
    assert isinstance(retention_clv(1, 0.5, 0.1), CLVResult)
    assert np.isfinite(retention_clv(1, 0.5, 0.1).value)


def test_near_boundary_rates_stay_accurate():
    # retention just below 1: the first margin of 2 already covers a CAC of 1 -> 1/2 period
    assert cac_payback(1, 2, retention=1 - 2**-53).periods == pytest.approx(0.5)
    # retention 1 with a tiny discount rate: one payment of 1.5, discount factor ~1
    assert retention_clv(1.5, 1.0, 5e-324, periods=1).value == pytest.approx(1.5)
    assert retention_clv(1.0, 1.0, 2.6e-9, periods=1).value == pytest.approx(1 / (1 + 2.6e-9))


# ------------------------------------------------ no overflow, no silent inf (issue reproducers)


def test_huge_integers_are_refused_in_words_not_with_an_overflow():
    from crmlib._validation import check_finite

    with raises(ValueError, "margin must be a finite number; got an integer of about 401 digits"):
        check_finite("margin", 10**400)
    with raises(ValueError, "margin must be a finite number; got an integer of about 401 digits"):
        retention_clv(10**400, 0.8, 0.1)


def test_ratio_and_payback_that_cannot_be_finite_say_so():
    with raises(OverflowError, "clv / acquisition_cost is not a finite number"):
        clv_to_cac(1, 5e-324)
    with raises(OverflowError, "would take more than 10^15 periods"):
        cac_payback(1e300, 1e-10)
