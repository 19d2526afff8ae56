"""Unit tests of crmlib.segmentation: Pareto/ABC, Gini, RFM direction and ties, core customers."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from crmlib.datasets import load_cdnow
from crmlib.segmentation import (
    EIGHT_CLASSES,
    NAMED_SEGMENTS,
    CoreCustomers,
    ParetoResult,
    RFMSegments,
    core_customers,
    pareto_abc,
    rfm_grid,
    rfm_scores,
    rfm_segments,
    segment_indicators,
)
from crmlib.transactions import rfm_summary


def raises(exc: type[Exception], text: str):
    return pytest.raises(exc, match=re.escape(text))


# --------------------------------------------------------------------------- Pareto / ABC


def test_pareto_abc_classes_and_shares_by_hand():
    # sorted 50, 30, 10, 5, 5 (total 100); cumulative share before each: 0, .5, .8, .9, .95
    # A while before < 0.8: 50, 30; B while before < 0.95: 10, 5; C: the last 5
    res = pareto_abc(pd.Series([5.0, 50, 10, 30, 5], index=list("vwxyz")))
    assert isinstance(res, ParetoResult)
    assert res.table.index.tolist() == ["w", "y", "x", "v", "z"]  # ties keep input order
    assert res.table["abc_class"].tolist() == ["A", "A", "B", "B", "C"]
    assert res.table["cumulative_share"].tolist() == pytest.approx([0.5, 0.8, 0.9, 0.95, 1.0])
    assert res.summary["customers"].tolist() == [2, 2, 1]
    assert res.summary["value_share"].tolist() == pytest.approx([0.8, 0.15, 0.05])
    assert res.summary.loc["A", "customer_share"] == pytest.approx(0.4)


def test_customer_that_crosses_the_cut_belongs_to_the_higher_class():
    # one customer holds 90%: class A is that customer alone (not empty)
    res = pareto_abc([90.0, 5.0, 5.0])
    assert res.table["abc_class"].tolist() == ["A", "B", "C"]


def test_gini_by_hand():
    # [50, 30, 10, 5, 5] ascending 5, 5, 10, 30, 50: sum i*y = 5+10+30+120+250 = 415
    # G = 2*415 / (5*100) - 6/5 = 1.66 - 1.2 = 0.46
    assert pareto_abc([50, 30, 10, 5, 5]).gini == pytest.approx(0.46)
    # all equal -> 0; one customer has everything among 4 -> 1 - 1/4 = 0.75
    assert pareto_abc([3, 3, 3]).gini == pytest.approx(0.0)
    assert pareto_abc([0, 0, 0, 8]).gini == pytest.approx(0.75)


def test_gini_matches_mean_absolute_difference_definition():
    # independent definition: G = sum_i sum_j |x_i - x_j| / (2 n^2 mean)
    x = np.array([12.0, 0.0, 3.5, 40.0, 7.0, 7.0, 1.0])
    mad = np.abs(x[:, None] - x[None, :]).sum() / (2 * x.size**2 * x.mean())
    assert pareto_abc(x).gini == pytest.approx(mad)


def test_top_share_and_customers_for_by_hand():
    # [70, 20, 10, 0, 0]: curve (0,0) (.2,.7) (.4,.9) (.6,1) (.8,1) (1,1)
    res = pareto_abc([70, 20, 10, 0, 0])
    assert res.top_share(0.2) == pytest.approx(0.7)
    assert res.top_share(0.3) == pytest.approx(0.8)  # halfway between .7 and .9
    assert res.customers_for(0.8) == pytest.approx(0.3)
    assert res.customers_for(0.0) == 0.0
    assert res.customers_for(1.0) == pytest.approx(0.6)
    assert res.headline(0.2) == "the top 20% of customers give 70.0% of the value"
    assert res.headline(0.2, lang="zh") == "前 20% 的客户贡献了 70.0% 的价值"
    assert res.curve["customer_share"].tolist() == pytest.approx([0, .2, .4, .6, .8, 1])
    assert res.value == res.gini


def test_pareto_on_cdnow_spend():
    tx = load_cdnow("sample")
    spend = tx.groupby("customer_id")["amount"].sum()
    res = pareto_abc(spend)
    # independent: share of the total spent by the top 20% (471 of 2,357 customers) by sorting
    top = np.sort(spend.to_numpy())[::-1]
    k = 0.2 * spend.size  # 471.4 customers: 471 whole ones plus 0.4 of the next
    expected = (top[:471].sum() + 0.4 * top[471]) / top.sum()
    assert res.top_share(0.2) == pytest.approx(expected)
    assert k == pytest.approx(471.4)
    assert res.summary["customers"].sum() == 2_357


@pytest.mark.parametrize(
    ("values", "cuts", "exc", "text"),
    [
        ([1, -2], (0.8, 0.95), ValueError, "values must contain only values of at least 0"),
        ([0, 0], (0.8, 0.95), ValueError, "values must have a positive total"),
        ([1, 2], (0.8,), ValueError, "cuts must be two cumulative shares (A ends, B ends)"),
        ([1, 2], (0.9, 0.8), ValueError, "cuts must be increasing"),
        ([1, 2], (0.0, 0.8), ValueError, "cuts[0] must be between 0 and 1 (0 excluded); got 0"),
        ([1, 2], (0.8, 1.2), ValueError, "cuts[1] must be between 0 and 1 (0 excluded); got 1.2"),
        ([], (0.8, 0.95), ValueError, "values must not be empty"),
    ],
)
def test_pareto_abc_bad_input(values, cuts, exc, text):
    with raises(exc, text):
        pareto_abc(values, cuts)


def test_top_share_argument_is_checked():
    with raises(ValueError, "customer_share must be between 0 and 1; got 1.5"):
        pareto_abc([1, 2]).top_share(1.5)
    with raises(ValueError, "value_share must be between 0 and 1; got -0.1"):
        pareto_abc([1, 2]).customers_for(-0.1)


# --------------------------------------------------------------------------- RFM scores


def _summary(**cols):
    return pd.DataFrame(cols, index=[f"c{i}" for i in range(len(next(iter(cols.values()))))])


def test_recent_customer_gets_the_high_recency_score_summary_convention():
    # rfm_summary convention: recency = first -> last purchase, T = first purchase -> end.
    # c0 bought last 1 week before the end (T - recency = 1), c4 50 weeks before.
    # Note c4 has the LARGEST recency value (50) but is the LEAST recent buyer.
    s = _summary(recency=[19.0, 15.0, 10.0, 30.0, 50.0], T=[20.0, 20.0, 20.0, 60.0, 100.0],
                 frequency=[1, 1, 1, 1, 1], monetary_value=[1.0] * 5)
    sc = rfm_scores(s)
    assert sc["since_last"].tolist() == [1.0, 5.0, 10.0, 30.0, 50.0]
    assert sc["R"].tolist() == [5, 4, 3, 2, 1]


def test_recent_customer_gets_the_high_recency_score_elapsed_convention():
    # days since the last purchase: fewer days = more recent = higher R
    s = _summary(recency=[3.0, 200.0, 40.0, 90.0], frequency=[0, 0, 0, 0],
                 monetary_value=[1.0] * 4)
    sc = rfm_scores(s, bins=4, recency_convention="elapsed")
    assert sc["R"].tolist() == [4, 1, 3, 2]


def test_frequency_and_monetary_higher_is_better():
    s = _summary(recency=[0.0] * 5, T=[10.0] * 5, frequency=[0, 9, 3, 5, 1],
                 monetary_value=[5.0, 1.0, 4.0, 2.0, 3.0])
    sc = rfm_scores(s)
    assert sc["F"].tolist() == [1, 5, 3, 4, 2]
    assert sc["M"].tolist() == [5, 1, 4, 2, 3]
    assert sc["rfm"].tolist() == ["115", "151", "134", "142", "123"]
    assert sc["rfm_score"].tolist() == [7, 7, 8, 7, 6]


def test_quintiles_are_equal_sized_for_distinct_values():
    # n = 10 distinct values, 5 bins: scores 1,1,2,2,3,3,4,4,5,5 (2 customers per score)
    s = _summary(recency=[0.0] * 10, T=[1.0] * 10, frequency=list(range(10)),
                 monetary_value=[1.0] * 10)
    assert rfm_scores(s)["F"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_ties_get_the_same_score_whatever_the_row_order():
    # frequencies 0,0,0,0,0,0,1,1,2,3 (n = 10): below-counts 0 (x6), 6 (x2), 8, 9
    # score = 1 + floor(5 * below / 10): 0 -> 1; 1 -> 1 + 3 = 4; 2 -> 5; 3 -> 5
    freq = [0, 0, 0, 0, 0, 0, 1, 1, 2, 3]
    s = _summary(recency=[0.0] * 10, T=[1.0] * 10, frequency=freq, monetary_value=[1.0] * 10)
    assert rfm_scores(s)["F"].tolist() == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    shuffled = s.iloc[[9, 3, 7, 0, 8, 1, 6, 2, 5, 4]]
    again = rfm_scores(shuffled)["F"]
    assert again.loc[s.index].tolist() == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]


def test_fewer_distinct_values_than_bins_leaves_scores_unused():
    # two distinct values, 5 bins: half at 1 (below 0 -> score 1), half at 2 (below 2 of 4
    # -> 1 + floor(5 * 2 / 4) = 3); scores 2, 4 and 5 are not used, nothing is renumbered
    s = _summary(recency=[0.0] * 4, T=[1.0] * 4, frequency=[1, 2, 1, 2], monetary_value=[7.0] * 4)
    sc = rfm_scores(s)
    assert sc["F"].tolist() == [1, 3, 1, 3]
    assert sc["M"].tolist() == [1, 1, 1, 1]  # all equal: everyone gets the lowest score


def test_rfm_scores_accept_rfm_summary_output_and_agree_with_the_last_purchase_date():
    tx = pd.DataFrame({
        "customer_id": ["a", "a", "b", "b", "c", "d"],
        "date": pd.to_datetime(["2024-01-01", "2024-03-25", "2024-01-01", "2024-02-05",
                                "2024-03-04", "2024-01-08"]),
        "amount": [10.0, 20.0, 5.0, 5.0, 40.0, 1.0],
    })
    s = rfm_summary(tx, observation_end="2024-03-31")
    sc = rfm_scores(s, bins=4)
    # days since the last purchase to 2024-03-31: a 6, b 55, c 27, d 83 -> R 4, 2, 3, 1
    assert (sc["since_last"] * 7).round(6).tolist() == [6.0, 55.0, 27.0, 83.0]
    assert sc["R"].tolist() == [4, 2, 3, 1]
    assert sc.attrs["bins"] == 4


def test_rfm_scores_do_not_modify_input():
    s = _summary(recency=[1.0, 2.0], T=[3.0, 3.0], frequency=[1, 2], monetary_value=[1.0, 2.0])
    before = s.copy()
    rfm_scores(s)
    pd.testing.assert_frame_equal(s, before)


@pytest.mark.parametrize(
    ("frame", "kwargs", "exc", "text"),
    [
        (None, {"recency_convention": "days"}, ValueError,
         "recency_convention must be one of 'summary', 'elapsed'; got 'days'"),
        (pd.DataFrame({"recency": [1.0], "frequency": [1], "monetary_value": [1.0]}), {},
         ValueError, "summary is missing the required column 'T'"),
        (pd.DataFrame({"recency": [], "frequency": [], "monetary_value": [], "T": []}), {},
         ValueError, "summary must have at least one customer; got an empty DataFrame"),
        (None, {"bins": 1}, ValueError, "bins must be a whole number of at least 2; got 1"),
        (None, {"bins": 11}, ValueError, "bins must be a whole number from 2 to 10; got 11"),
        (None, {"bins": 2.5}, ValueError, "bins must be a whole number; got 2.5"),
        (pd.DataFrame({"recency": [5.0], "frequency": [1], "monetary_value": [1.0], "T": [3.0]}),
         {}, ValueError, "summary column 'recency' must not exceed 'T' under "
         "recency_convention='summary'"),
        (pd.DataFrame({"recency": [-1.0], "frequency": [1], "monetary_value": [1.0],
                       "T": [3.0]}), {}, ValueError,
         "summary column 'recency' must contain only values of at least 0"),
        (pd.DataFrame({"recency": [1.0], "frequency": [-1], "monetary_value": [1.0],
                       "T": [3.0]}), {}, ValueError,
         "summary column 'frequency' must contain only values of at least 0"),
        (pd.DataFrame({"recency": [1.0], "frequency": [1], "monetary_value": ["x"],
                       "T": [3.0]}), {}, TypeError,
         "summary column 'monetary_value' must hold numbers; got values such as 'x'"),
        (pd.DataFrame({"recency": [1.0], "frequency": [1], "monetary_value": [np.nan],
                       "T": [3.0]}), {}, ValueError,
         "summary column 'monetary_value' must contain only finite numbers"),
    ],
)
def test_rfm_scores_bad_input(frame, kwargs, exc, text):
    if frame is None:
        frame = pd.DataFrame({"recency": [1.0], "frequency": [1], "monetary_value": [1.0],
                              "T": [3.0]})
    with raises(exc, text):
        rfm_scores(frame, **kwargs)


# --------------------------------------------------------------------------- RFM segments


def _all_patterns():
    # the 8 high/low patterns of R, F, M on scores 1 (low) and 5 (high), threshold 3
    rows = [(r, f, m) for r in (5, 1) for f in (5, 1) for m in (5, 1)]
    return pd.DataFrame(rows, columns=["R", "F", "M"]).assign(monetary=[1.0] * 8)


def test_eight_classes_table_cell_by_cell():
    seg = rfm_segments(_all_patterns(), threshold=3)
    expected = {  # (R, F, M) -> class, as in Chinese course material
        (5, 5, 5): "重要价值客户", (5, 1, 5): "重要发展客户", (1, 5, 5): "重要保持客户",
        (1, 1, 5): "重要挽留客户", (5, 5, 1): "一般价值客户", (5, 1, 1): "一般发展客户",
        (1, 5, 1): "一般保持客户", (1, 1, 1): "一般挽留客户",
    }
    got = {(r.R, r.F, r.M): r.segment_zh for r in seg.table.itertuples()}
    assert got == expected
    assert seg.summary["customers"].tolist() == [1] * 8
    assert list(seg.summary.index) == list(EIGHT_CLASSES)


def test_threshold_means_strictly_above_and_defaults_to_the_mean_score():
    sc = pd.DataFrame({"R": [3, 4, 2], "F": [3, 4, 2], "M": [3, 4, 2], "monetary": [1.0] * 3})
    seg = rfm_segments(sc)  # mean 3 on each axis: a score of 3 is not high
    assert seg.thresholds == {"R": 3.0, "F": 3.0, "M": 3.0}
    assert seg.table["segment"].tolist() == ["general_winback", "important_value",
                                             "general_winback"]
    seg2 = rfm_segments(sc, threshold=(2, 3, 3))  # R above 2: the first is now R-high
    assert seg2.table["segment"].iloc[0] == "general_development"


def test_segment_value_totals_and_shares():
    sc = pd.DataFrame({"R": [5, 5, 1], "F": [5, 5, 1], "M": [5, 5, 1]}, index=["a", "b", "c"])
    spend = pd.Series([60.0, 20.0, 20.0], index=["c", "a", "b"])
    seg = rfm_segments(sc, threshold=3, value=spend)
    # a, b important value: 20 + 20 = 40 of 100; c general win-back 60 of 100
    assert seg.summary.loc["important_value", "value"] == pytest.approx(40.0)
    assert seg.summary.loc["important_value", "value_share"] == pytest.approx(0.4)
    assert seg.summary.loc["general_winback", "value_share"] == pytest.approx(0.6)
    counts_only = rfm_segments(sc, threshold=3, value=None)
    assert counts_only.summary["customers"].sum() == 3


def test_named_segments_cover_the_5x5_grid_exactly_once():
    cells = [(r, f) for r in range(1, 6) for f in range(1, 6)]
    owners = {c: [k for k, v in NAMED_SEGMENTS.items() if c[0] in v[0] and c[1] in v[1]]
              for c in cells}
    assert all(len(v) == 1 for v in owners.values())
    sc = pd.DataFrame(cells, columns=["R", "F"]).assign(M=1, monetary=1.0)
    seg = rfm_segments(sc, "named")
    # spot checks from the grid: R5 F5 champions, R1 F5 can't lose, R5 F1 new, R1 F1 hibernating
    lookup = {(r.R, r.F): r.segment for r in seg.table.itertuples()}
    assert lookup[(5, 5)] == "champions" and lookup[(1, 5)] == "cannot_lose"
    assert lookup[(5, 1)] == "new" and lookup[(1, 1)] == "hibernating"
    assert lookup[(3, 3)] == "need_attention" and lookup[(2, 3)] == "at_risk"
    assert seg.summary["customers"].sum() == 25
    assert seg.thresholds == {}


def test_rfm_segments_on_cdnow_master():
    tx = load_cdnow()
    s = rfm_summary(tx)
    s["spend"] = tx.groupby("customer_id")["amount"].sum()
    seg = rfm_segments(rfm_scores(s, monetary="spend"), value=s["spend"])
    assert isinstance(seg, RFMSegments)
    assert seg.summary["customers"].sum() == 23_570
    assert seg.summary["value"].sum() == pytest.approx(tx["amount"].sum())
    # every one-time buyer has the lowest F score, so none is F-high
    one_time = s["frequency"] == 0
    assert not seg.table.loc[one_time, "F_high"].any()


@pytest.mark.parametrize(
    ("frame", "kwargs", "exc", "text"),
    [
        (None, {"scheme": "nine"}, ValueError,
         "scheme must be one of 'eight', 'named'; got 'nine'"),
        (pd.DataFrame({"R": [1], "F": [1]}), {}, ValueError,
         "scores is missing the required column 'M'"),
        (pd.DataFrame({"R": [], "F": [], "M": []}), {}, ValueError,
         "scores must have at least one customer; got an empty DataFrame"),
        (None, {"threshold": "median"}, ValueError,
         "threshold must be 'mean', a number or three numbers (R, F, M); got 'median'"),
        (None, {"threshold": (1, 2)}, ValueError,
         "threshold must be 'mean', a number or three numbers (R, F, M); got (1, 2)"),
        (None, {"threshold": (1, 2, np.nan)}, ValueError,
         "threshold[2] (M) must be a finite number; got nan"),
        (pd.DataFrame({"R": [0], "F": [1], "M": [1]}), {"value": None}, ValueError,
         "scores column 'R' must contain only values of at least 1"),
        (pd.DataFrame({"R": [6], "F": [1], "M": [1]}), {"scheme": "named", "value": None},
         ValueError, "scheme='named' needs whole-number scores from 1 to 5"),
        (None, {"value": pd.Series([1.0], index=[99])}, ValueError,
         "value has no entry for the customer 0"),
        (None, {"value": 3}, TypeError,
         "value must be a column name, a pandas Series or None; got int"),
        (None, {"value": "spend"}, ValueError, "scores is missing the required column 'spend'"),
    ],
)
def test_rfm_segments_bad_input(frame, kwargs, exc, text):
    if frame is None:
        frame = pd.DataFrame({"R": [1], "F": [1], "M": [1], "monetary": [1.0]})
    with raises(exc, text):
        rfm_segments(frame, **kwargs)


def test_named_scheme_refuses_scores_with_other_than_five_levels():
    s = _summary(recency=[1.0, 2.0], T=[3.0, 3.0], frequency=[1, 2], monetary_value=[1.0, 2.0])
    with raises(ValueError, "scheme='named' needs scores with 5 levels (rfm_scores with bins=5); "
                "got scores with bins=4"):
        rfm_segments(rfm_scores(s, bins=4), "named")


def test_rfm_grid_counts_and_means_by_hand():
    sc = pd.DataFrame({"R": [3, 3, 1, 1, 1], "F": [1, 2, 2, 2, 3],
                       "monetary": [10.0, 30.0, 50.0, 70.0, 5.0]})
    counts = rfm_grid(sc)
    assert counts.index.tolist() == [3, 2, 1] and counts.columns.tolist() == [1, 2, 3]
    assert counts.to_numpy().tolist() == [[1, 1, 0], [0, 0, 0], [0, 2, 1]]
    means = rfm_grid(sc, value="monetary")
    assert means.loc[1, 2] == pytest.approx(60.0)  # (50 + 70) / 2
    assert np.isnan(means.loc[2, 2])
    with raises(ValueError, "scores is missing the required column 'F'"):
        rfm_grid(sc.drop(columns="F"))
    with raises(ValueError, "scores must have at least one customer"):
        rfm_grid(sc.iloc[:0])


# --------------------------------------------------------------------------- core customers

CUSTOMERS = pd.DataFrame(
    {"profit": [500.0, 200.0, 150.0, 100.0, 50.0, -30.0],
     "orders": [12, 2, 9, 8, 1, 20],
     "years": [6, 1, 4, 5, 1, 9],
     "potential": [10.0, 80.0, 5.0, 90.0, 0.0, 99.0]},
    index=list("abcdef"),
)


def test_core_customers_rule_by_hand():
    # total positive profit 1000: top group to 80% = a (500), b (200), c (150) (before c: 0.7)
    # frequency > 5: a, c, d, f; loyalty > 3: a, c, d, f; potential > 50: b, d, f
    # core = in top group and at least 2 of 3 signals: a (F, L), c (F, L); b has only P
    res = core_customers(CUSTOMERS, "profit", frequency="orders", loyalty="years",
                         potential="potential", min_frequency=5, min_loyalty=3,
                         min_potential=50)
    assert isinstance(res, CoreCustomers)
    assert res.table["core"].to_dict() == {"a": True, "b": False, "c": True, "d": False,
                                           "e": False, "f": False}
    assert res.table["value_ok"].tolist() == [True, True, True, False, False, False]
    assert res.table["signals_met"].tolist() == [2, 1, 2, 3, 0, 3]
    assert res.value == 2 and res.required == 2
    assert res.thresholds["value_floor"] == 150.0
    assert res.table.loc["b", "reason"] == (
        "not core: frequency 2 ≤ 5; loyalty 1 ≤ 3 (value in the top 80%: 200)")
    assert res.table.loc["f", "reason"] == "not core: value -30 not in the top 80%"
    assert res.table.loc["a", "reason"].startswith("core: value in the top 80%: 500; frequency 12")
    assert res.table.loc["a", "reason_zh"].startswith("核心客户：价值属于前 80%：500")
    assert repr(res) == "CoreCustomers(core=2 of 6, required=2)"


def test_core_customers_median_thresholds_and_required():
    # median orders 8.5, years 4.5: with required=1 b still fails (2 orders, 1 year)
    res = core_customers(CUSTOMERS, "profit", frequency="orders", loyalty="years", required=1)
    assert res.thresholds["frequency"] == 8.5 and res.thresholds["loyalty"] == 4.5
    assert res.table["core"].tolist() == [True, False, True, False, False, False]
    # a single signal: required defaults to 1
    one = core_customers(CUSTOMERS, "profit", potential="potential", min_potential=50)
    assert one.required == 1
    assert one.table["core"].tolist() == [False, True, False, False, False, False]


@pytest.mark.parametrize(
    ("kwargs", "exc", "text"),
    [
        ({"frequency": None}, ValueError,
         "core_customers needs at least one of frequency, loyalty, potential besides value"),
        ({"frequency": "visits"}, ValueError, "customers is missing the required column 'visits'"),
        ({"value_share": 0}, ValueError, "value_share must be between 0 and 1 (0 excluded)"),
        ({"required": 2}, ValueError,
         "required must be at most the number of signals used (1: frequency); got 2"),
        ({"required": 0}, ValueError, "required must be a whole number of at least 1; got 0"),
        ({"min_frequency": "mean"}, ValueError, "min_frequency must be 'median' or a number"),
        ({"min_frequency": np.inf}, ValueError, "min_frequency must be a finite number"),
    ],
)
def test_core_customers_bad_input(kwargs, exc, text):
    args = {"frequency": "orders"} | kwargs
    with raises(exc, text):
        core_customers(CUSTOMERS, "profit", **args)


def test_core_customers_needs_a_positive_value_and_rows():
    with raises(ValueError, "customers column 'profit' must have at least one positive value"):
        core_customers(CUSTOMERS.assign(profit=-1.0), "profit", frequency="orders")
    with raises(ValueError, "customers must have at least one row"):
        core_customers(CUSTOMERS.iloc[:0], "profit", frequency="orders")


# --------------------------------------------------------------------------- value assessment


def test_segment_indicators_by_hand():
    df = pd.DataFrame({
        "seg": ["x", "x", "y", "y"], "profit": [60.0, 20.0, 30.0, -10.0],
        "clv": [300.0, 100.0, 50.0, 10.0], "cac": [100.0, 100.0, 20.0, 40.0],
        "sat": [5, 4, 2, 3], "left": [0, 1, 1, 1], "refs": [2, 0, 0, 1], "years": [3, 1, 1, 1]})
    out = segment_indicators(df, "seg", profit="profit", clv="clv", acquisition_cost="cac",
                             satisfaction="sat", loyalty="years", churned="left",
                             referrals="refs")
    # x: profit 80 of total 100 -> 0.8; mean CLV 200 / mean CAC 100 = 2; churn 1/2
    # y: profit 20 -> 0.2; mean CLV 30 / mean CAC 30 = 1; churn 2/2
    assert out.loc["x", "profit_contribution"] == pytest.approx(0.8)
    assert out.loc["y", "profit_contribution"] == pytest.approx(0.2)
    assert out["clv_to_cac"].tolist() == pytest.approx([2.0, 1.0])
    assert out["churn_rate"].tolist() == pytest.approx([0.5, 1.0])
    assert out["satisfaction"].tolist() == pytest.approx([4.5, 2.5])
    assert out["referrals"].tolist() == pytest.approx([1.0, 0.5])
    assert out["loyalty"].tolist() == pytest.approx([2.0, 1.0])
    assert out["customers"].tolist() == [2, 2]


@pytest.mark.parametrize(
    ("frame", "kwargs", "text"),
    [
        (None, {"churned": "gone"}, "customers is missing the required column 'gone'"),
        (pd.DataFrame({"seg": ["x"], "p": [1.0], "left": [2]}), {"churned": "left"},
         "customers column 'left' (churned) must hold 0/1 or True/False; got 2"),
        (pd.DataFrame({"seg": ["x", None], "p": [1.0, 2.0]}), {},
         "customers column 'seg' must give every customer a segment; 1 are missing"),
        (pd.DataFrame({"seg": [], "p": []}), {}, "customers must have at least one row"),
        (pd.DataFrame({"seg": ["x"], "p": [np.nan]}), {},
         "customers column 'p' must contain only finite numbers"),
    ],
)
def test_segment_indicators_bad_input(frame, kwargs, text):
    if frame is None:
        frame = pd.DataFrame({"seg": ["x"], "p": [1.0]})
    with raises(ValueError, text):
        segment_indicators(frame, "seg", profit="p", **kwargs)


def test_core_customers_value_share_one_admits_every_positive_value():
    # value_share 1: the top group is every customer with a positive value (a to e), never f
    res = core_customers(CUSTOMERS, "profit", frequency="orders", value_share=1.0,
                         min_frequency=0)
    assert res.table["value_ok"].tolist() == [True, True, True, True, True, False]
    assert res.table["core"].tolist() == [True, True, True, True, True, False]


def test_core_customer_reasons_write_large_numbers_without_exponent():
    df = pd.DataFrame({"profit": [123_456.7, 10.0], "orders": [30, 1]})
    res = core_customers(df, "profit", frequency="orders", min_frequency=4)
    assert res.table["reason"].iloc[0] == (
        "core: value in the top 80%: 123,457; frequency 30 > 4 (1 of 1 signals, 1 needed)")
