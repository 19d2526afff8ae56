"""Unit tests of crmlib.lifecycle: hand-calculated values, independent computations, bad input."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from crmlib.clv import discounted_clv
from crmlib.datasets import load_cdnow
from crmlib.lifecycle import (
    LADDER,
    STAGES,
    VARIANT_STAGE_NAMES,
    CohortTable,
    LifecycleProfile,
    StageClassification,
    SurvivalCurve,
    classify_stage,
    cohort_table,
    kaplan_meier,
    ladder_position,
    ladder_table,
    lifecycle_profile,
    retention_curve,
    sbg_comparison,
    stage_summary,
    stage_table,
)
from crmlib.models import BetaGeo
from crmlib.transactions import TransactionLog


def raises(exc: type[Exception], text: str):
    return pytest.raises(exc, match=re.escape(text))


# --------------------------------------------------------------------------- stage model as data


def test_stage_table_has_the_course_stages_in_both_languages():
    en, zh = stage_table("en"), stage_table("zh")
    assert list(en.index) == list(STAGES) == ["exploration", "formation", "stability", "decline"]
    assert zh["name"].tolist() == ["考察期", "形成期", "稳定期", "退化期"]
    assert zh.loc["formation", "also_called"] == "发展期"
    assert zh.loc["stability", "also_called"] == "成熟期"
    assert {"trust", "volume", "investment", "profit"} <= set(en.columns)
    assert en.loc["exploration", "investment"].startswith("high")
    assert en.loc["stability", "profit"] == "highest"


def test_ladder_and_variant_names():
    assert list(LADDER) == ["initial", "member", "core", "advocate"]
    assert ladder_table("zh")["name"].tolist() == ["初始客户", "会员客户", "核心客户", "倡导者"]
    variant = [zh for _, zh in VARIANT_STAGE_NAMES]
    assert variant == ["初识期", "矜持期", "平稳期", "思异期", "稳固期"]


def test_stage_table_rejects_unknown_language():
    with raises(ValueError, "lang must be one of 'en', 'zh'; got 'fr'"):
        stage_table("fr")


# --------------------------------------------------------------------------- lifecycle_profile


def test_profile_undiscounted_hand_values():
    # exploration 2 periods (revenue 20, cost 80), formation 3 (60, 40), stability 5 (90, 25),
    # decline 2 (50, 25). Profits: -60, -60 | 20, 20, 20 | 65 x 5 | 25, 25.
    # Cumulative: -60, -120, -100, -80, -60, 5, 70, 135, 200, 265, 290, 315.
    p = lifecycle_profile([2, 3, 5, 2], [20, 60, 90, 50], [80, 40, 25, 25])
    assert p.table["profit"].tolist() == [-60, -60, 20, 20, 20, 65, 65, 65, 65, 65, 25, 25]
    assert p.table["cumulative_profit"].tolist() == [
        -60, -120, -100, -80, -60, 5, 70, 135, 200, 265, 290, 315]
    assert p.break_even_period == 6  # first period whose cumulative profit is >= 0
    assert p.profit_positive_from == 3  # formation: revenue exceeds cost
    assert p.value == p.total_profit == 315
    assert p.end_period == 12 and p.end_stage == "decline"
    assert p.lost_value == 0
    assert p.table["stage"].tolist() == ["exploration"] * 2 + ["formation"] * 3 + [
        "stability"] * 5 + ["decline"] * 2


def test_profile_discounted_hand_values():
    # profits -20, 10, 25, 10 at the end of periods 1..4, d = 10%:
    # -20/1.1 = -18.181818, 10/1.21 = 8.264463, 25/1.331 = 18.782870, 10/1.4641 = 6.830135
    # cumulative: -18.181818, -9.917355, 8.865515, 15.695650 -> break-even in period 3
    p = lifecycle_profile([1, 1, 1, 1], [10, 20, 30, 15], [30, 10, 5, 5], discount_rate=0.1)
    assert p.table["present_value"].tolist() == pytest.approx(
        [-18.181818, 8.264463, 18.782870, 6.830135], abs=1e-6)
    assert p.table["cumulative_value"].tolist() == pytest.approx(
        [-18.181818, -9.917355, 8.865515, 15.695650], abs=1e-6)
    assert p.value == pytest.approx(15.695650, abs=1e-6)
    assert p.total_profit == 25.0  # -20 + 10 + 25 + 10, undiscounted
    assert p.break_even_period == 3


def test_profile_early_death_loses_the_rest():
    # same path, ended after period 2 (in formation): value -9.917355, never broke even,
    # lost = 15.695650 - (-9.917355) = 25.613005
    p = lifecycle_profile([1, 1, 1, 1], [10, 20, 30, 15], [30, 10, 5, 5], discount_rate=0.1,
                          end_period=2)
    assert p.value == pytest.approx(-9.917355, abs=1e-6)
    assert p.full_value == pytest.approx(15.695650, abs=1e-6)
    assert p.lost_value == pytest.approx(25.613005, abs=1e-6)
    assert p.break_even_period is None
    assert p.end_stage == "formation"
    assert p.table["active"].tolist() == [True, True, False, False]
    assert p.profits.tolist() == [-20.0, 10.0]


@pytest.mark.parametrize("end", [None, 1, 4, 7, 11])
@pytest.mark.parametrize("d", [0.0, 0.05, 0.12])
def test_profile_value_equals_course_clv_formula_on_the_same_flows(end, d):
    p = lifecycle_profile([2, 3, 4, 2], [15, 50, 80, 30], [60, 30, 20, 20], discount_rate=d,
                          end_period=end)
    flows = p.table.loc[p.table["active"], "profit"].tolist()
    assert p.value == pytest.approx(discounted_clv(flows, d).value, rel=1e-12)
    full = discounted_clv(p.table["profit"].tolist(), d)
    assert p.full_value == pytest.approx(full.value, rel=1e-12)
    assert p.table["cumulative_value"].tolist() == pytest.approx(
        full.cashflows["cumulative_value"].tolist())


def test_profile_accepts_stage_dicts_and_empty_stages():
    p = lifecycle_profile({"exploration": 1, "formation": 0, "stability": 2, "decline": 0},
                          {"exploration": 5, "formation": 0, "stability": 40, "decline": 0},
                          {"exploration": 25, "formation": 0, "stability": 10, "decline": 0})
    assert p.table["stage"].tolist() == ["exploration", "stability", "stability"]
    assert p.table["profit"].tolist() == [-20, 30, 30]
    assert p.break_even_period == 2  # -20 + 30 = 10
    by_stage = p.by_stage()
    assert by_stage["periods"].tolist() == [1, 0, 2, 0]
    assert by_stage["profit"].tolist() == [-20, 0, 60, 0]


def test_profile_repr_and_frame_copy():
    p = lifecycle_profile([1, 1, 1, 1], [10, 20, 30, 15], [30, 10, 5, 5])
    assert repr(p) == ("LifecycleProfile(value=25.00, break_even_period=3, end_period=4, "
                       "end_stage='decline')")
    frame = p.to_frame()
    frame.loc[0, "profit"] = 999
    assert p.table.loc[0, "profit"] == -20
    assert isinstance(p, LifecycleProfile)


@pytest.mark.parametrize(
    ("kwargs", "exc", "message"),
    [
        ({"stage_lengths": [1, 2, 3]}, ValueError,
         "stage_lengths must hold 4 values, one per stage (exploration, formation, stability, "
         "decline); got 3"),
        ({"stage_lengths": [1, 2.5, 3, 1]}, ValueError,
         "stage_lengths must be whole numbers of periods; entry 1 (formation) is 2.5"),
        ({"stage_lengths": [0, 0, 0, 0]}, ValueError,
         "stage_lengths must add up to at least 1 period; got 0 in every stage"),
        ({"stage_lengths": [1, -1, 3, 1]}, ValueError,
         "stage_lengths must contain only values of at least 0; entry 1 is -1"),
        ({"stage_lengths": [5000, 5000, 1, 0]}, ValueError,
         "stage_lengths must add up to at most 10000 periods; got 10001"),
        ({"revenue_levels": [10, -5, 1, 1]}, ValueError,
         "revenue_levels must contain only values of at least 0; entry 1 is -5"),
        ({"cost_levels": [10, float("nan"), 1, 1]}, ValueError,
         "cost_levels must contain only finite numbers; entry 1 is nan"),
        ({"cost_levels": {"exploration": 1, "growth": 2}}, ValueError,
         "cost_levels must give one value for each stage 'exploration', 'formation', "
         "'stability', 'decline'; got keys 'exploration', 'growth'"),
        ({"discount_rate": -0.1}, ValueError, "discount_rate must be 0 or greater; got -0.1"),
        ({"end_period": 0}, ValueError, "end_period must be a whole number of at least 1; got 0"),
        ({"end_period": 5}, ValueError,
         "end_period must not be after the last period of the path (4); got 5"),
        ({"end_period": "3"}, TypeError, "end_period must be a number; got '3' (str)"),
    ],
)
def test_profile_rejects_bad_input(kwargs, exc, message):
    args = {"stage_lengths": [1, 1, 1, 1], "revenue_levels": [1, 2, 3, 4],
            "cost_levels": [4, 3, 2, 1]}
    args.update(kwargs)
    with raises(exc, message):
        lifecycle_profile(**args)


# --------------------------------------------------------------------------- cohort_table


def _independent_cohorts(tx: pd.DataFrame, freq: str) -> dict[str, pd.DataFrame]:
    """Cohort counts and revenue the plain-pandas way (Period arithmetic, groupby, nunique)."""
    period = tx["date"].dt.to_period(freq)
    cohort = period.groupby(tx["customer_id"]).transform("min")
    age = (period - cohort).map(lambda offset: offset.n)
    frame = pd.DataFrame({"customer_id": tx["customer_id"], "cohort": cohort, "age": age,
                          "amount": tx["amount"]})
    sizes = frame.groupby("cohort")["customer_id"].nunique()
    active = frame.groupby(["cohort", "age"])["customer_id"].nunique().unstack()
    revenue = frame.groupby(["cohort", "age"])["amount"].sum().unstack()
    last = tx["date"].max().to_period(freq)
    for c in active.index:  # cells after the end of the log are not observed
        for k in active.columns:
            observed = (c + k) <= last
            if not observed:
                active.loc[c, k] = np.nan
                revenue.loc[c, k] = np.nan
            elif np.isnan(active.loc[c, k]):
                active.loc[c, k] = 0
                revenue.loc[c, k] = 0.0
    return {"sizes": sizes, "active": active, "revenue": revenue.div(sizes, axis=0)}


@pytest.mark.parametrize("freq", ["M", "Q"])
def test_cohort_table_matches_independent_pandas_on_full_cdnow(freq):
    tx = load_cdnow("master")
    expected = _independent_cohorts(tx, freq)
    table = cohort_table(tx, freq)
    assert table.sizes.tolist() == expected["sizes"].tolist()
    assert table.sizes.sum() == 23570  # the whole CDNOW cohort
    np.testing.assert_array_equal(table.customers.to_numpy(), expected["active"].to_numpy())
    np.testing.assert_allclose(table.revenue.to_numpy(), expected["revenue"].to_numpy(),
                               rtol=1e-12)
    np.testing.assert_allclose(table.retention.to_numpy(),
                               expected["active"].div(expected["sizes"], axis=0).to_numpy())
    assert [str(c) for c in table.customers.index] == [str(c) for c in expected["sizes"].index]


def test_cohort_table_cdnow_monthly_shape_and_first_month():
    table = cohort_table(load_cdnow("master"))
    # cohorts Jan, Feb, Mar 1997 followed to June 1998: 18, 17 and 16 observed months
    assert table.customers.shape == (3, 18)
    assert table.customers.notna().sum(axis=1).tolist() == [18, 17, 16]
    assert table.retention[0].tolist() == [1.0, 1.0, 1.0]


def test_cohort_table_hand_case_with_margin_and_weeks():
    # Monday 2024-01-01 starts a week. x buys Mon 1 Jan and Sun 7 Jan (same week) and
    # Mon 8 Jan; y buys Wed 10 Jan. Weekly cohorts: x -> week of 1 Jan, y -> week of 8 Jan.
    tx = pd.DataFrame({
        "customer_id": ["x", "x", "x", "y"],
        "date": pd.to_datetime(["2024-01-01", "2024-01-07", "2024-01-08", "2024-01-10"]),
        "amount": [10.0, 20.0, 40.0, 8.0],
        "profit": [2.0, 4.0, 8.0, 1.0],
    })
    table = cohort_table(tx, "W", margin="profit")
    assert table.customers.to_numpy().tolist()[0] == [1.0, 1.0]
    assert np.isnan(table.customers.iloc[1, 1])  # y's second week is not observed
    assert table.revenue.iloc[0].tolist() == [30.0, 40.0]  # 10 + 20 in week 0
    assert table.margin.iloc[0].tolist() == [6.0, 8.0]
    assert table.margin.iloc[1, 0] == 1.0
    assert str(table.customers.index[0].start_time.date()) == "2024-01-01"
    long = table.to_frame()
    assert len(long) == 3 and set(long.columns) >= {"customers", "retention", "revenue", "margin"}


def test_cohort_table_observation_end_and_inputs_untouched():
    tx = pd.DataFrame({"customer_id": [1, 1, 2], "date": ["2024-01-05", "2024-03-09",
                                                         "2024-02-01"], "amount": [1.0, 2, 3]})
    before = tx.copy()
    table = cohort_table(tx, observation_end="2024-02-29")
    pd.testing.assert_frame_equal(tx, before)
    assert table.customers.shape == (2, 2)  # March is after the end
    assert str(table.observation_end.date()) == "2024-02-29"
    log = TransactionLog(tx.assign(date=pd.to_datetime(tx["date"])), pd.DataFrame())
    assert cohort_table(log).customers.shape == (2, 3)
    assert repr(cohort_table(log)) == "CohortTable(period='M', cohorts=2, customers=2, periods=3)"
    assert isinstance(table, CohortTable)


def test_cohort_table_rejects_bad_input():
    tx = pd.DataFrame({"customer_id": [1], "date": ["2024-01-05"], "amount": [1.0]})
    with raises(ValueError, "period must be one of 'D', 'W', 'M', 'Q', 'Y'; got 'month'"):
        cohort_table(tx, "month")
    with raises(ValueError, "transactions is missing the required column 'amount'"):
        cohort_table(tx.drop(columns="amount"))
    with raises(ValueError, "observation_end must not be before the first transaction "
                "(2024-01-05); got 2023-12-31"):
        cohort_table(tx, observation_end="2023-12-31")
    with raises(ValueError, "transactions is missing the required column 'profit'"):
        cohort_table(tx, margin="profit")
    table = cohort_table(tx)
    with raises(ValueError, "measure must be one of 'customers', 'retention', 'revenue', "
                "'margin'; got 'sales'"):
        table.measure("sales")
    with raises(ValueError, "measure 'margin' needs the margin column, which was not given"):
        table.measure("margin")
    with raises(TypeError, "transactions must be a pandas DataFrame; got list"):
        cohort_table([1, 2])


# --------------------------------------------------------------------------- Kaplan-Meier


def test_kaplan_meier_hand_calculation():
    # durations 1, 2, 2+, 3, 4+ (+ = censored)
    # t=1: 5 at risk, 1 churns -> S = 4/5 = 0.8
    # t=2: 4 at risk (the one censored at 2 still counts), 1 churns -> S = 0.8 * 3/4 = 0.6
    # t=3: 2 at risk, 1 churns -> S = 0.6 * 1/2 = 0.3;  t=4: 1 at risk, censored -> 0.3
    # Greenwood: var = S^2 * sum d/(n(n-d)): t=1: 0.64 * 1/20 = 0.032 -> se 0.178885
    # t=3: 0.09 * (1/20 + 1/12 + 1/2) = 0.09 * 0.633333 = 0.057 -> se 0.238747
    km = kaplan_meier([1, 2, 2, 3, 4], [True, True, False, True, False])
    t = km.table
    assert t["time"].tolist() == [0, 1, 2, 3, 4]
    assert t["at_risk"].tolist() == [5, 5, 4, 2, 1]
    assert t["churned"].tolist() == [0, 1, 1, 1, 0]
    assert t["censored"].tolist() == [0, 0, 1, 0, 1]
    assert t["survival"].tolist() == pytest.approx([1.0, 0.8, 0.6, 0.3, 0.3])
    assert t["std_error"].iloc[1] == pytest.approx(0.178885, abs=1e-6)
    assert t["std_error"].iloc[3] == pytest.approx(0.238747, abs=1e-6)
    assert km.survival_at(2.5) == pytest.approx(0.6)
    assert km.survival_at(-1) == 1.0
    assert (km.n_customers, km.n_churned) == (5, 3)
    assert repr(km) == "SurvivalCurve(n_customers=5, n_churned=3, n_censored=2, last_time=4)"


def test_kaplan_meier_matches_scipy_ecdf_on_censored_data():
    # An independent implementation: scipy.stats.ecdf on CensoredData (Kaplan-Meier inside).
    rng = np.random.default_rng(11)
    life = rng.geometric(0.2, size=400).astype(float)
    follow = rng.integers(1, 15, size=400).astype(float)
    durations = np.minimum(life, follow)
    observed = life <= follow
    km = kaplan_meier(durations, observed)
    data = stats.CensoredData(uncensored=durations[observed], right=durations[~observed])
    ref = stats.ecdf(data).sf
    times = km.table["time"].to_numpy()
    np.testing.assert_allclose(km.table["survival"], ref.evaluate(times), rtol=1e-12)
    ci = ref.confidence_interval(0.95, method="linear")
    z = stats.norm.ppf(0.975)
    inside = (km.table["survival"] > 0.05).to_numpy() & (times > 0)
    np.testing.assert_allclose((km.table["survival"] - km.table["std_error"] * z)[inside],
                               ci.low.evaluate(times)[inside], rtol=1e-9)


def test_kaplan_meier_accepts_zero_one_flags_and_rejects_bad_input():
    assert kaplan_meier([1, 2], [1, 0]).table["survival"].tolist() == [1.0, 0.5, 0.5]
    with raises(ValueError, "observed must have one entry per duration (3); got 2"):
        kaplan_meier([1, 2, 3], [True, False])
    with raises(ValueError, "observed must hold True/False (1/0) only; entry 1 is 2"):
        kaplan_meier([1, 2], [1, 2])
    with raises(ValueError, "durations must contain only values of at least 0; entry 0 is -1"):
        kaplan_meier([-1, 2], [True, True])
    with raises(TypeError, "observed must be a sequence of True/False; got 'yes'"):
        kaplan_meier([1], "yes")
    with raises(ValueError, "durations must not be empty"):
        kaplan_meier([], [])


def _censoring_case() -> pd.DataFrame:
    """Two cohorts observed for different lengths (log ends 2024-06-30).

    January cohort, followed 5 months: a buys Jan + May, b Jan only, c Jan + Feb, d Jan + Mar.
    April cohort, followed 2 months: e Apr + May, f Apr only, g Apr + Jun, h Apr + May.
    """
    rows = [("a", "2024-01-03"), ("a", "2024-05-03"), ("b", "2024-01-04"), ("c", "2024-01-05"),
            ("c", "2024-02-05"), ("d", "2024-01-06"), ("d", "2024-03-06"), ("e", "2024-04-02"),
            ("e", "2024-05-02"), ("f", "2024-04-03"), ("g", "2024-04-04"), ("g", "2024-06-04"),
            ("h", "2024-04-05"), ("h", "2024-05-05")]
    return pd.DataFrame(rows, columns=["customer_id", "date"])


def test_retention_curve_censoring_where_the_naive_rate_is_wrong():
    # churn_after = 2 silent months. Last active month l and months followed A:
    # a: l=4, A=5 -> 5-4 < 2: censored at A-2+1 = 4      b: l=0 -> churned, T = 1
    # c: l=1 -> churned, T = 2                            d: l=2 -> churned, T = 3
    # e: l=1, A=2 -> censored at 1     f: l=0, A=2 -> churned, T=1
    # g: l=2 -> censored at 1          h: l=1 -> censored at 1
    # Kaplan-Meier: t=1: 8 at risk, 2 churn (b, f) -> 6/8 = 0.75
    #               t=2: 3 at risk (a, c, d), 1 churns (c) -> 0.75 * 2/3 = 0.5
    #               t=3: 2 at risk (a, d), 1 churns (d) -> 0.5 * 1/2 = 0.25; t=4: 0.25
    # The January cohort, fully followed to month 4, has 2 of 4 customers active at month 2 or
    # later (a, d): 0.5, as Kaplan-Meier says. The naive share of all 8 customers active at
    # month 2 or later (a, d, g) is 3/8 = 0.375: April customers who could not yet be seen
    # that long count as lost.
    curve = retention_curve(_censoring_case(), "M", churn_after=2, observation_end="2024-06-30")
    life = curve.lifetimes
    assert life["last_active"].to_dict() == {"a": 4, "b": 0, "c": 1, "d": 2, "e": 1, "f": 0,
                                             "g": 2, "h": 1}
    assert life["followed"].tolist() == [5, 5, 5, 5, 2, 2, 2, 2]
    assert life["churned"].tolist() == [False, True, True, True, False, True, False, False]
    assert life["duration"].tolist() == [4, 1, 2, 3, 1, 1, 1, 1]
    t = curve.table
    assert t["at_risk"].tolist() == [8, 8, 3, 2, 1]
    assert t["survival"].tolist() == pytest.approx([1.0, 0.75, 0.5, 0.25, 0.25])
    assert t["naive"].tolist() == pytest.approx([1.0, 6 / 8, 3 / 8, 1 / 8, 1 / 8])
    assert t.loc[2, "survival"] - t.loc[2, "naive"] == pytest.approx(0.125)
    assert [str(c) for c in life["cohort"]] == ["2024-01"] * 4 + ["2024-04"] * 4
    assert curve.period == "M"


def test_retention_curve_needs_some_follow_up():
    tx = pd.DataFrame({"customer_id": ["a"], "date": ["2024-06-01"]})
    with raises(ValueError, "churn_after must leave some follow-up: no customer was observed "
                "for more than churn_after=3 periods"):
        retention_curve(tx, observation_end="2024-07-31")
    with raises(ValueError, "churn_after must be a whole number of at least 1; got 0"):
        retention_curve(tx, churn_after=0)
    with raises(ValueError, "period must be one of 'D', 'W', 'M', 'Q', 'Y'; got 'X'"):
        retention_curve(tx, "X")


def test_sbg_comparison_reproduces_fader_hardie_2007_regular_cohort():
    # A curve with no censoring before year 7 whose survivors are FH (2007)'s regular cohort,
    # 1000, 631, 468, 382, 326, 289, 262, 241: the sBG fit gives alpha 0.704, beta 1.182.
    survivors = [1000, 631, 468, 382, 326, 289, 262, 241]
    churned = -np.diff(survivors)
    durations = np.concatenate([np.repeat(np.arange(1, 8), churned), np.full(241, 7)])
    observed = np.concatenate([np.ones(churned.sum(), bool), np.zeros(241, bool)])
    cmp = sbg_comparison(kaplan_meier(durations, observed), fit_periods=7)
    assert cmp.survivors.tolist() == survivors
    assert (round(cmp.alpha, 3), round(cmp.beta, 3)) == (0.704, 1.182)
    assert math.isnan(cmp.mean_absolute_error)  # nothing held back
    short = sbg_comparison(kaplan_meier(durations, observed), fit_periods=4)
    held = short.table[~short.table["used_for_fit"]]
    assert held.index.tolist() == [5, 6, 7]
    assert short.mean_absolute_error == pytest.approx(
        np.abs(held["sbg"] - held["kaplan_meier"]).mean())


def test_sbg_comparison_rejects_bad_input():
    km = kaplan_meier([1, 2, 3], [True, True, False])
    with raises(ValueError, "fit_periods must be at most the curve's last period (3); got 4"):
        sbg_comparison(km, 4)
    with raises(ValueError, "fit_periods must be a whole number of at least 1; got 0"):
        sbg_comparison(km, 0)
    with raises(TypeError, "curve must be a SurvivalCurve; got list"):
        sbg_comparison([1, 2], 1)
    assert isinstance(km, SurvivalCurve)


# --------------------------------------------------------------------------- classify_stage


def _monthly(customer: str, days: list[str], amounts: list[float] | None = None):
    amounts = amounts if amounts is not None else [50.0] * len(days)
    return [(customer, d, a) for d, a in zip(days, amounts, strict=True)]


def _stage_case() -> pd.DataFrame:
    """One constructed customer per rule, classified on 2024-12-31 (a month = 30.44 days)."""
    rows = []
    rows += _monthly("explorer", ["2024-11-15"])
    rows += _monthly("one_timer", ["2024-03-01"])
    rows += _monthly("lapsed", [f"2024-{m:02d}-01" for m in range(1, 7)])
    fortnightly = pd.date_range("2024-01-01", "2024-09-30", freq="14D").strftime("%Y-%m-%d")
    rows += _monthly("slowing", list(fortnightly) + ["2024-11-20", "2024-12-20"])
    rows += _monthly("growing", ["2024-01-10", "2024-05-10", "2024-10-15", "2024-11-15",
                                 "2024-12-15"])
    rows += _monthly("steady", [f"2024-{m:02d}-05" for m in range(1, 13)])
    rows += _monthly("cheaper", [f"2024-{m:02d}-05" for m in range(1, 13)],
                     [100.0] * 9 + [10.0] * 3)
    return pd.DataFrame(rows, columns=["customer_id", "date", "amount"])


def test_classify_stage_constructed_customers_of_each_stage_with_reasons():
    res = classify_stage(_stage_case(), as_of="2024-12-31")
    t = res.table
    assert t["stage"].to_dict() == {
        "cheaper": "decline", "explorer": "exploration", "growing": "formation",
        "lapsed": "decline", "one_timer": "decline", "slowing": "decline",
        "steady": "stability"}
    assert t["rule"].to_dict() == {"cheaper": 5, "explorer": 1, "growing": 6, "lapsed": 4,
                                   "one_timer": 3, "slowing": 5, "steady": 7}
    # explorer: 46 days = 1.51 months since the first purchase, within 3
    assert t.loc["explorer", "reason"] == (
        "first purchase 1.51 months ago, within the exploration window of 3 months")
    assert t.loc["explorer", "reason_zh"] == "首次购买在 1.51 个月前，仍在 3 个月的考察窗口内"
    # one_timer: 305 days = 10.02 months
    assert t.loc["one_timer", "reason"].startswith(
        "bought only once, 10.02 months ago, and has not come back")
    # lapsed: last purchase 1 June, 213 days = 7 months ago; usual gap 152/5 = 30.4 days
    # = 0.9987 month, counted as 1 month -> 7.0 x
    assert t.loc["lapsed", "reason"] == (
        "no purchase for 7 months, 7.0 × their usual gap (1 month); decline above 2 ×")
    # A month is 365.2425 / 12 = 30.436875 days; the last 3 months are the 91.31 days after
    # day 273.69 of 2024 (30 Sep). slowing: 19 repeat purchases (every 14 days, 15 Jan - 23 Sep)
    # in (1 Jan, 30.69 Sep] = 273.69 days = 8.992 months -> 2.113 a month; 2 in the last 3
    # months -> 0.667 a month; 0.667 / 2.113 = 0.3155
    assert t.loc["slowing", "frequency_trend"] == pytest.approx((2 / 3) / (19 / 8.992), rel=1e-3)
    assert t.loc["slowing", "reason"] == (
        "purchases falling: 0.67 a month in the last 3 months against 2.11 before "
        "(0.32 ×, below 0.5 ×)")
    assert t.loc["slowing", "reason_zh"] == (
        "购买次数下降：最近 3 个月每月 0.67，此前每月 2.11，是此前的 0.32 倍（低于 0.5 倍）")
    # growing: 1 repeat purchase in (10 Jan, 30.69 Sep] = 264.69 days = 8.696 months, 3 in the
    # last 3 months: (3/3) / (1/8.696) = 8.70
    assert t.loc["growing", "reason"] == (
        "purchases rising: 1 a month in the last 3 months against 0.11 before "
        "(8.7 ×, at least 1.25 ×)")
    # steady: 8 repeats (Feb..Sep) in (5 Jan, 30.69 Sep] = 269.69 days = 8.860 months -> 0.903;
    # 3 in the last 3 months -> 1.0; trend 1.11
    assert t.loc["steady", "frequency_trend"] == pytest.approx(1 / (8 / 8.860), rel=1e-3)
    assert t.loc["steady", "reason"].startswith(
        "steady: purchases in the last 3 months at 1.11 × the earlier rate")
    # cheaper: spend 30 in the last 3 months (10/month) against 800 in 8.860 months (90.3/month)
    assert t.loc["cheaper", "spend_trend"] == pytest.approx(10 / (800 / 8.860), rel=1e-3)
    assert t.loc["cheaper", "reason"] == (
        "spend falling: 10 a month in the last 3 months against 90.29 before "
        "(0.11 ×, below 0.5 ×)")
    assert t.loc["steady", "purchases"] == 12 and t.loc["steady", "revenue"] == 600
    assert t["probability_alive"].isna().all()
    assert isinstance(res, StageClassification)
    assert repr(res) == ("StageClassification(as_of=2024-12-31, exploration=1, formation=1, "
                         "stability=1, decline=4)")


def test_classify_stage_thresholds_are_parameters():
    tx = _stage_case()
    # a 12-month exploration window keeps everyone in exploration
    wide = classify_stage(tx, as_of="2024-12-31", exploration=12).table
    assert set(wide["stage"]) == {"exploration"}
    # a tolerant inactivity rule lets the lapsed customer be judged on trend instead
    loose = classify_stage(tx, as_of="2024-12-31", inactivity_ratio=10).table
    assert loose.loc["lapsed", "rule"] == 5


def test_classify_stage_with_a_model_uses_probability_alive():
    # steady customer in weeks: 11 repeat purchases, last at (5 Dec - 5 Jan) = 335 days
    # = 47.857 weeks, T = 361 days = 51.571 weeks
    model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    expected = model.probability_alive(11, 335 / 7, 361 / 7)
    res = classify_stage(_stage_case(), as_of="2024-12-31", model=model,
                         alive_threshold=0.999)
    t = res.table
    assert t.loc["steady", "probability_alive"] == pytest.approx(expected, rel=1e-9)
    assert t.loc["steady", "stage"] == "decline" and t.loc["steady", "rule"] == 2
    assert t.loc["steady", "reason"] == f"the model gives P(alive) = {expected:.2f}, below 0.999"
    assert t.loc["explorer", "stage"] == "exploration"  # rule 1 comes first


def test_classify_stage_history_and_purchase_days():
    tx = pd.DataFrame({"customer_id": ["a", "a", "a"],
                       "date": ["2024-01-05", "2024-01-05", "2024-03-01"],
                       "amount": [4.0, 5.0, 3.0]})
    res = classify_stage(tx, as_of="2024-04-30")
    assert res.table.loc["a", "purchases"] == 2  # same-day orders are one purchase
    h = res.history("a")
    assert [str(p) for p in h.index] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert h["spend"].tolist() == [9.0, 0.0, 3.0, 0.0]
    with raises(ValueError, "customer_id must be one of the classified customers (such as 'a'); "
                "got 'b'"):
        res.history("b")


@pytest.mark.parametrize(
    ("kwargs", "exc", "message"),
    [
        ({"exploration": 2, "window": 3}, ValueError,
         "exploration must be at least window, so that a customer past exploration has an "
         "earlier period to compare with; got exploration=2 < window=3"),
        ({"window": 0}, ValueError, "window must be greater than 0; got 0"),
        ({"falling": 1.5, "rising": 1.2}, ValueError,
         "falling must be below rising; got falling=1.5, rising=1.2"),
        ({"inactivity_ratio": -1}, ValueError, "inactivity_ratio must be greater than 0; got -1"),
        ({"alive_threshold": 1.5}, ValueError, "alive_threshold must be between 0 and 1; got 1.5"),
        ({"model": "bgnbd"}, TypeError,
         "model must be a fitted BetaGeo or ParetoNBD model or None; got str"),
        ({"freq": "fortnight"}, ValueError,
         "freq must be one of 'D', 'W', 'M', 'Q', 'Y'; got 'fortnight'"),
        ({"as_of": "2023-01-01"}, ValueError,
         "as_of must not be before the first transaction (2024-01-01); got 2023-01-01"),
        ({"as_of": "someday"}, ValueError, "as_of must be a date such as '1997-09-30'; got "
         "'someday'"),
    ],
)
def test_classify_stage_rejects_bad_input(kwargs, exc, message):
    with raises(exc, message):
        classify_stage(_stage_case(), **kwargs)


def test_stage_summary_hand_values():
    res = classify_stage(_stage_case(), as_of="2024-12-31")
    s = stage_summary(res)
    t = res.table
    total = t["revenue"].sum()
    # decline: cheaper (930) + lapsed (300) + one_timer (50) + slowing (20 x 50 + 100 = 1100)
    assert t.loc[["cheaper", "lapsed", "one_timer", "slowing"], "revenue"].tolist() == [
        930.0, 300.0, 50.0, 1100.0]
    assert s.loc["decline", "customers"] == 4
    assert s.loc["decline", "revenue_share"] == pytest.approx(2380 / total)
    assert s["customer_share"].sum() == pytest.approx(1.0)
    assert s["revenue_share"].sum() == pytest.approx(1.0)
    clv = pd.Series({"steady": 120.0, "growing": 80.0, "lapsed": 5.0, "slowing": 15.0})
    with_clv = stage_summary(res, clv=clv)
    assert with_clv.loc["decline", "mean_clv"] == pytest.approx(10.0)  # (5 + 15) / 2
    assert with_clv.loc["stability", "mean_clv"] == 120.0
    assert math.isnan(with_clv.loc["exploration", "mean_clv"])
    with raises(ValueError, "clv must be indexed by the classified customers' ids; none of its"):
        stage_summary(res, clv=pd.Series({"zz": 1.0}))
    with raises(TypeError, "clv must be a pandas Series indexed by customer id; got dict"):
        stage_summary(res, clv={"steady": 1.0})
    with raises(TypeError, "stages must be the result of classify_stage; got DataFrame"):
        stage_summary(t)


# --------------------------------------------------------------------------- ladder_position


def test_ladder_position_constructed_customers_with_reasons():
    tx = pd.DataFrame({
        "customer_id": ["new", "rep", "rep", "big", "big", "fan", "fan", "fan"],
        "date": ["2024-01-01", "2024-01-01", "2024-02-01", "2024-01-01", "2024-02-01",
                 "2024-01-01", "2024-02-01", "2024-03-01"],
        "amount": [500.0, 10.0, 10.0, 200.0, 200.0, 300.0, 300.0, 300.0],
    })
    # 4 customers, core_share 0.5 -> the top ceil(2) = 2 revenues: fan (900), new (500);
    # new has one purchase, so it stays initial; big (400) is rank 3 -> member.
    out = ladder_position(tx, core_share=0.5, referrals={"fan": 3})
    assert out["rung"].to_dict() == {"big": "member", "fan": "advocate", "new": "initial",
                                     "rep": "member"}
    assert out.loc["new", "reason"] == "1 purchase day(s), fewer than the 2 that make a member"
    assert out.loc["big", "reason"] == (
        "a repeat customer (2 purchase days), revenue rank 3 of 4, outside the top 50%")
    assert out.loc["fan", "reason"] == (
        "a core customer (revenue rank 1 of 4) who referred 3 new customer(s)")
    no_refs = ladder_position(tx, core_share=0.5)
    assert no_refs.loc["fan", "rung"] == "core"
    assert no_refs.loc["fan", "reason"].endswith("no referral data, so advocacy cannot be seen")
    assert no_refs.loc["fan", "reason_zh"].endswith("没有推荐数据，无法识别倡导者")
    few = ladder_position(tx, core_share=0.5, referrals={"fan": 1}, advocate_referrals=2)
    assert few.loc["fan", "rung"] == "core"


def test_ladder_position_rejects_bad_input():
    tx = pd.DataFrame({"customer_id": ["a"], "date": ["2024-01-01"], "amount": [1.0]})
    with raises(ValueError, "member_purchases must be a whole number of at least 2; got 1"):
        ladder_position(tx, member_purchases=1)
    with raises(ValueError, "core_share must be between 0 and 1 (0 excluded); got 0"):
        ladder_position(tx, core_share=0)
    with raises(ValueError, "advocate_referrals must be a whole number of at least 1; got 0"):
        ladder_position(tx, advocate_referrals=0)
    with raises(ValueError, "referrals must be counts of 0 or more; customer 'a' has -2"):
        ladder_position(tx, referrals={"a": -2})
    with raises(TypeError, "referrals must be a dict or pandas Series of counts by customer id; "
                "got list"):
        ladder_position(tx, referrals=[1])


def test_public_api_is_sorted():
    import crmlib.lifecycle as lifecycle

    assert lifecycle.__all__ == sorted(lifecycle.__all__)
    for name in lifecycle.__all__:
        assert getattr(lifecycle, name) is not None, name
