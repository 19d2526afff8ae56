"""Property tests (hypothesis) of crmlib.value and crmlib.segmentation: laws that must hold."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.segmentation import pareto_abc, rfm_scores, rfm_segments
from crmlib.value import abc_cost_to_serve, activity_rates, value_matrix

SETTINGS = settings(derandomize=True, max_examples=80, deadline=None)

amounts = st.lists(st.floats(0.0, 1e5, allow_nan=False), min_size=1, max_size=40).filter(
    lambda xs: sum(xs) > 1e-6)
small_ints = st.lists(st.integers(0, 6), min_size=2, max_size=40)


@SETTINGS
@given(amounts)
def test_gini_between_0_and_1_minus_1_over_n_and_scale_free(xs):
    g = pareto_abc(xs).gini
    n = len(xs)
    assert -1e-12 <= g <= 1 - 1 / n + 1e-9
    assert pareto_abc([3.7 * x for x in xs]).gini == pytest.approx(g, abs=1e-9)


@SETTINGS
@given(amounts, st.randoms(use_true_random=False))
def test_pareto_is_invariant_to_customer_order(xs, rnd):
    shuffled = list(xs)
    rnd.shuffle(shuffled)
    a, b = pareto_abc(xs), pareto_abc(shuffled)
    assert a.gini == pytest.approx(b.gini, abs=1e-9)
    assert a.summary["customers"].tolist() == b.summary["customers"].tolist()
    assert a.top_share(0.2) == pytest.approx(b.top_share(0.2), abs=1e-9)


@SETTINGS
@given(amounts, st.floats(0.05, 0.9), st.floats(0.01, 0.09))
def test_class_a_is_the_smallest_top_group_reaching_the_cut(xs, cut, gap):
    res = pareto_abc(xs, cuts=(cut, min(cut + gap, 1.0)))
    a = res.table[res.table["abc_class"] == "A"]
    assert a["share"].sum() >= cut - 1e-9  # reaches the cut
    assert a["share"].sum() - a["share"].iloc[-1] < cut  # one fewer would not
    classes = res.table["abc_class"].tolist()
    assert classes == sorted(classes)  # A before B before C along the ranking


@SETTINGS
@given(amounts, st.floats(0.0, 1.0))
def test_concentration_curve_lies_above_the_diagonal(xs, p):
    res = pareto_abc(xs)
    assert res.top_share(p) >= p - 1e-9
    assert res.customers_for(res.top_share(p)) <= p + 1e-9


@SETTINGS
@given(small_ints, st.integers(2, 10))
def test_rfm_scores_monotone_tied_and_in_range(freq, bins):
    n = len(freq)
    s = pd.DataFrame({"frequency": freq, "recency": [0.0] * n, "T": [1.0] * n,
                      "monetary_value": [float(f) for f in freq]})
    sc = rfm_scores(s, bins)
    f = sc["F"].to_numpy()
    assert f.min() >= 1 and f.max() <= bins
    x = np.asarray(freq)
    for i in range(n):
        for j in range(n):
            if x[i] == x[j]:
                assert f[i] == f[j]
            elif x[i] > x[j]:
                assert f[i] >= f[j]
    # the lowest value always gets score 1; with distinct values the top one gets `bins`
    assert f[x == x.min()].max() == 1
    if len(set(freq)) == n and n >= bins:
        assert f[x.argmax()] == bins


@SETTINGS
@given(st.lists(st.floats(0.0, 50.0), min_size=2, max_size=30))
def test_more_recent_last_purchase_never_scores_lower(since):
    n = len(since)
    s = pd.DataFrame({"frequency": [1] * n, "recency": [100.0 - x for x in since],
                      "T": [100.0] * n, "monetary_value": [1.0] * n})
    r = rfm_scores(s)["R"].to_numpy()
    x = np.asarray(since)
    for i in range(n):
        for j in range(n):
            if x[i] < x[j]:  # i bought more recently
                assert r[i] >= r[j]


@SETTINGS
@given(small_ints)
def test_every_customer_gets_exactly_one_of_the_eight_classes(freq):
    n = len(freq)
    s = pd.DataFrame({"frequency": freq, "recency": [float(f) for f in freq], "T": [10.0] * n,
                      "monetary_value": [float(f % 3) for f in freq]})
    seg = rfm_segments(rfm_scores(s))
    assert seg.table["segment"].notna().all()
    assert seg.summary["customers"].sum() == n
    assert seg.summary["customer_share"].sum() == pytest.approx(1.0)


@SETTINGS
@given(st.lists(st.tuples(st.floats(-1e4, 1e4), st.floats(0, 1e4)), min_size=1, max_size=40))
def test_value_matrix_partitions_customers_and_value(pairs):
    df = pd.DataFrame(pairs, columns=["current_value", "growth_potential"])
    vm = value_matrix(df)
    assert vm.summary["customers"].sum() == len(df)
    assert vm.summary["current"].sum() == pytest.approx(df["current_value"].sum(), abs=1e-6)
    high = vm.table["quadrant"].isin(["invest", "maintain"])
    assert (vm.table.loc[high, "current"] > vm.current_split).all()
    assert (vm.table.loc[~high, "current"] <= vm.current_split).all()


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50)),
                min_size=1, max_size=20),
       st.floats(1.0, 1e5), st.floats(1.0, 1e5))
def test_abc_assigns_all_resource_cost_when_volumes_are_total_usage(rows, cost1, cost2):
    # one extra customer uses every activity once, so each activity has a volume
    usage = pd.DataFrame([*rows, (1, 1, 1)], columns=["order", "call", "delivery"])
    drivers = pd.DataFrame({"order": [3.0, 0.0], "call": [1.0, 1.0], "delivery": [0.0, 2.0]},
                           index=["staff", "fleet"])
    rates = activity_rates({"staff": cost1, "fleet": cost2}, drivers, usage.sum())
    res = abc_cost_to_serve(usage, rates)
    assert res.cost_to_serve.sum() == pytest.approx(cost1 + cost2, rel=1e-9)
    assert rates.table["cost_pool"].sum() == pytest.approx(cost1 + cost2, rel=1e-9)
