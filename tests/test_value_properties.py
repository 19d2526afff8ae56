"""Property tests (hypothesis) of crmlib.value: laws delivered value, Grönroos and Kano obey."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.value import (
    COST_COMPONENTS,
    VALUE_COMPONENTS,
    compare_offers,
    delivered_value,
    kano_category,
    kano_coefficients,
    kano_curve,
    kano_survey,
    relationship_value,
)

SETTINGS = settings(derandomize=True, max_examples=80, deadline=None)
amount = st.floats(0.0, 1e4)
positive = st.floats(0.01, 1e4)
VALUE_KEYS = [c[0] for c in VALUE_COMPONENTS]
COST_KEYS = [c[0] for c in COST_COMPONENTS]
offer = st.fixed_dictionaries(
    {**{k: amount for k in VALUE_KEYS}, **{k: amount for k in COST_KEYS[1:]},
     "monetary": positive})


@SETTINGS
@given(offer)
def test_delivered_value_is_value_minus_cost_and_the_ratio_agrees(parts):
    res = delivered_value(**parts)
    assert res.total_value == pytest.approx(sum(parts[k] for k in VALUE_KEYS))
    assert res.total_cost == pytest.approx(sum(parts[k] for k in COST_KEYS))
    assert res.value == pytest.approx(res.total_value - res.total_cost)
    assert res.ratio == pytest.approx(res.total_value / res.total_cost)
    # the ratio is above 1 exactly when delivered value is positive
    if abs(res.value) > 1e-9 * max(res.total_value, 1.0):
        assert (res.ratio > 1) == (res.value > 0)


@SETTINGS
@given(offer, st.sampled_from(VALUE_KEYS + COST_KEYS), st.floats(0.01, 1e3))
def test_more_value_raises_and_more_cost_lowers_delivered_value(parts, key, delta):
    before = delivered_value(**parts).value
    after = delivered_value(**{**parts, key: parts[key] + delta}).value
    sign = 1 if key in VALUE_KEYS else -1
    assert after - before == pytest.approx(sign * delta, abs=1e-6 * (1 + abs(before)))


@SETTINGS
@given(offer)
def test_waterfall_ends_at_the_delivered_value(parts):
    res = delivered_value(**parts)
    steps = res.waterfall()
    assert steps["amount"].iloc[-1] == pytest.approx(res.value)
    assert steps.loc[steps["kind"] != "total", "amount"].iloc[:-1].sum() == pytest.approx(
        res.value, abs=1e-6 * (1 + res.total_value))
    assert (steps["top"] >= steps["bottom"]).all()


@SETTINGS
@given(st.lists(offer, min_size=2, max_size=4))
def test_the_choice_has_the_highest_delivered_value_whatever_the_order(offers):
    named = {f"o{i}": o for i, o in enumerate(offers)}
    cmp = compare_offers(named)
    best = cmp.table["delivered_value"].max()
    assert cmp.table.loc[cmp.choice, "delivered_value"] == best
    assert sorted(cmp.table["rank"]) == list(range(1, len(offers) + 1))
    reversed_cmp = compare_offers(dict(reversed(list(named.items()))))
    assert reversed_cmp.table.loc[reversed_cmp.choice, "delivered_value"] == best


@SETTINGS
@given(amount, amount, positive, positive)
def test_total_episode_value_lies_between_the_episode_and_relationship_ratios(eb, rb, es, rs):
    # the mediant (EB + RB) / (ES + RS) lies between EB/ES and RB/RS
    res = relationship_value(eb, rb, es, rs)
    low, high = sorted((eb / es, rb / rs))
    assert low * (1 - 1e-12) <= res.value <= high * (1 + 1e-12)
    # the relationship raises value exactly when its own ratio beats the episode's
    if abs(rb / rs - eb / es) > 1e-9 * (1 + eb / es):
        assert (res.relationship_effect > 0) == (rb / rs > eb / es)


counts = st.integers(0, 200)


@SETTINGS
@given(counts, counts, counts, counts, st.integers(1, 50))
def test_better_and_worse_stay_in_range_and_ignore_scale(a, o, m, i, k):
    if a + o + m + i == 0:
        return
    res = kano_coefficients(a, o, m, i)
    assert 0 <= res.better <= 1 and -1 <= res.worse <= 0
    scaled = kano_coefficients(k * a, k * o, k * m, k * i)
    assert scaled.better == pytest.approx(res.better)
    assert scaled.worse == pytest.approx(res.worse)
    # Better + |Worse| = (A + 2 O + M) / N: only one-dimensional answers count twice
    assert res.better - res.worse == pytest.approx((a + 2 * o + m) / (a + o + m + i))


answers = st.sampled_from(["like", "must-be", "neutral", "live-with", "dislike"])


@SETTINGS
@given(st.lists(st.tuples(answers, answers), min_size=1, max_size=30))
def test_survey_counts_add_up_and_the_category_is_a_most_frequent_one(pairs):
    survey = pd.DataFrame({"x_functional": [f for f, _ in pairs],
                           "x_dysfunctional": [d for _, d in pairs]})
    row = kano_survey(survey).table.loc["x"]
    codes = [kano_category(f, d) for f, d in pairs]
    for code in "AOMIRQ":
        assert row[code] == codes.count(code)
    assert row["answered"] == len(pairs)
    assert row[row["category"]] == max(codes.count(c) for c in "AOMIRQ")


def test_mirroring_the_question_swaps_attractive_and_must_be():
    """Swap the two questions and turn like <-> dislike: "like having it, neutral without" (A)
    becomes "neutral having it, dislike without" (M). Berger's table must map A <-> M and keep
    O, I, R and Q."""
    swap = {"like": "dislike", "dislike": "like"}
    expected = {"A": "M", "M": "A", "O": "O", "I": "I", "R": "R", "Q": "Q"}
    for f, d in itertools.product(["like", "must-be", "neutral", "live-with", "dislike"], repeat=2):
        mirrored = kano_category(swap.get(d, d), swap.get(f, f))
        assert mirrored == expected[kano_category(f, d)], (f, d)


@SETTINGS
@given(st.lists(st.floats(-1.0, 1.0), min_size=2, max_size=20))
def test_kano_curves_are_ordered_and_increasing(f):
    x = np.sort(np.asarray(f))
    a, o, m = kano_curve("A", x), kano_curve("O", x), kano_curve("M", x)
    assert (a >= o - 1e-12).all() and (o >= m - 1e-12).all()
    assert (a >= 0).all() and (m <= 0).all()
    for curve in (a, o, m):
        assert (np.diff(curve) >= -1e-12).all()
