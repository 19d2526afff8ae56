"""Property tests (hypothesis) of crmlib.loyalty, and agreement with an independent AHP package.

The oracle is AHPy (``ahpy`` on PyPI, a test-only dependency): it derives the
priority vector by repeated squaring of the matrix (a power method) and uses
its own copies of Saaty's (2005) and Donegan & Dodd's random-index tables.
"""

from __future__ import annotations

import itertools

import ahpy
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.loyalty import (
    ahp,
    ahp_hierarchy,
    loyalty_index,
    normalise_by_max,
    objective_loyalty,
    pairwise_matrix,
    subjective_loyalty,
)

SETTINGS = settings(derandomize=True, max_examples=60, deadline=None)
SCALE = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


@st.composite
def judgements(draw, min_n=2, max_n=9):
    n = draw(st.integers(min_n, max_n))
    upper = draw(st.lists(st.sampled_from(SCALE), min_size=n * (n - 1) // 2,
                          max_size=n * (n - 1) // 2))
    return n, upper


def _ahpy(upper: list[float], n: int, table: str) -> ahpy.Compare:
    names = [f"i{k}" for k in range(n)]
    pairs = dict(zip(itertools.combinations(names, 2), upper, strict=True))
    return ahpy.Compare("m", pairs, precision=12, random_index=table, iterations=200,
                        tolerance=1e-14)


# --------------------------------------------------------------------------- independent package


def _agree_with_ahpy(upper: list[float], n: int, ours: str, theirs: str) -> None:
    res = ahp(pairwise_matrix(upper), ours)
    ref = _ahpy(upper, n, theirs)
    weights = np.array([ref.local_weights[f"i{k}"] for k in range(n)])
    assert res.weights.to_numpy() == pytest.approx(weights, abs=1e-8)
    assert res.cr == pytest.approx(ref.consistency_ratio, abs=1e-8)


def test_leader_criteria_agree_with_ahpy():
    _agree_with_ahpy([4, 3, 7, 1 / 3, 3, 5], 4, "saaty2005", "saaty")
    _agree_with_ahpy([4, 3, 7, 1 / 3, 3, 5], 4, "donegan_dodd", "dd")


def test_saaty_2008_drinks_agree_with_ahpy():
    # Saaty (2008), drink consumption in the US (7 x 7); published CR 0.022 (Saaty 2005 RI)
    upper = [9, 5, 2, 1, 1, 1 / 2, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 3, 1 / 4, 1 / 3, 1 / 9,
             1 / 2, 1, 1 / 3, 2, 1 / 2, 1 / 3]
    _agree_with_ahpy(upper, 7, "saaty2005", "saaty")
    assert ahp(pairwise_matrix(upper), "saaty2005").cr == pytest.approx(0.022, abs=5e-4)


def test_jiang_tourism_criteria_agree_with_ahpy():
    # 姜启源 et al., 数学模型: travel destination criteria (5 x 5)
    _agree_with_ahpy([1 / 2, 4, 3, 3, 7, 5, 5, 1 / 2, 1 / 3, 1], 5, "donegan_dodd", "dd")


def test_leader_hierarchy_global_weights_agree_with_ahpy():
    crit = ahpy.Compare("goal", {("exp", "edu"): 4, ("exp", "cha"): 3, ("exp", "age"): 7,
                                 ("edu", "cha"): 1 / 3, ("edu", "age"): 3, ("cha", "age"): 5},
                        precision=12, iterations=200, tolerance=1e-14)
    tables = {"exp": [1 / 4, 4, 9], "edu": [3, 1 / 5, 1 / 7], "cha": [5, 9, 4],
              "age": [1 / 3, 5, 9]}
    pairs = list(itertools.combinations(["Tom", "Dick", "Harry"], 2))
    crit.add_children([ahpy.Compare(c, dict(zip(pairs, t, strict=True)), precision=12,
                                    iterations=200, tolerance=1e-14)
                       for c, t in tables.items()])
    ours = ahp_hierarchy(pairwise_matrix([4, 3, 7, 1 / 3, 3, 5], list(tables)),
                         [pairwise_matrix(t, ["Tom", "Dick", "Harry"]) for t in tables.values()])
    for name, weight in crit.target_weights.items():
        assert ours.global_weights[name] == pytest.approx(weight, abs=1e-8)


@settings(derandomize=True, max_examples=40, deadline=None)
@given(judgements(min_n=3, max_n=9))
def test_random_matrices_agree_with_ahpy(case):
    n, upper = case
    _agree_with_ahpy(upper, n, "donegan_dodd", "dd")


# --------------------------------------------------------------------------- laws


@SETTINGS
@given(judgements())
def test_weights_are_positive_and_sum_to_one(case):
    _, upper = case
    res = ahp(pairwise_matrix(upper))
    assert res.weights.sum() == pytest.approx(1.0, abs=1e-12)
    assert (res.weights > 0).all()
    assert res.lambda_max >= res.n - 1e-9  # Saaty: lambda_max >= n for a positive reciprocal matrix
    assert res.cr >= 0.0


@SETTINGS
@given(st.lists(st.floats(0.05, 20.0), min_size=2, max_size=10))
def test_consistent_matrix_has_cr_zero_and_recovers_the_weights(raw):
    # a_ij = w_i / w_j is perfectly consistent: lambda_max = n, CI = CR = 0, weights = w
    w = np.array(raw) / np.sum(raw)
    res = ahp(np.outer(w, 1 / w))
    assert res.cr == pytest.approx(0.0, abs=1e-9)
    assert res.lambda_max == pytest.approx(len(w), abs=1e-9)
    assert res.weights.to_numpy() == pytest.approx(w, rel=1e-9)
    assert res.consistent and res.worst_judgement is None


@SETTINGS
@given(judgements(), st.randoms(use_true_random=False))
def test_reciprocal_permutation_permutes_the_weights(case, rnd):
    n, upper = case
    a = pairwise_matrix(upper).to_numpy()
    perm = list(range(n))
    rnd.shuffle(perm)
    p = np.eye(n)[perm]  # (P A P^T)_{kl} = a_{perm[k] perm[l]}
    original = ahp(a)
    permuted = ahp(p @ a @ p.T)
    assert permuted.weights.to_numpy() == pytest.approx(original.weights.to_numpy()[perm],
                                                        abs=1e-10)
    assert permuted.cr == pytest.approx(original.cr, abs=1e-10)


@SETTINGS
@given(judgements(min_n=2, max_n=6))
def test_hierarchy_global_weights_sum_to_one(crit_case):
    k, upper = crit_case
    alts = [pairwise_matrix([float(2 + i % 3)]) for i in range(k)]
    res = ahp_hierarchy(pairwise_matrix(upper), alts)
    assert res.global_weights.sum() == pytest.approx(1.0)
    assert res.cr_total == pytest.approx(res.cr_criteria)  # 2x2 alternatives add nothing


shares = st.lists(st.tuples(st.floats(0, 1), st.floats(0.01, 1e4)), min_size=1, max_size=6)


@SETTINGS
@given(shares, st.data())
def test_objective_loyalty_is_a_weighted_mean_of_shares(pairs, data):
    ratio = np.array([r for r, _ in pairs])
    total = np.array([t for _, t in pairs])
    raw = np.array(data.draw(st.lists(st.floats(0.01, 1), min_size=len(pairs),
                                      max_size=len(pairs))))
    w = raw / raw.sum()
    value = objective_loyalty(ratio * total, total, w)
    assert min(ratio) - 1e-12 <= value <= max(ratio) + 1e-12
    # scaling an indicator's unit (given and total together) changes nothing
    assert objective_loyalty(ratio * total * 7, total * 7, w) == pytest.approx(value)


@SETTINGS
@given(st.lists(st.lists(st.floats(0, 100), min_size=3, max_size=3), min_size=2, max_size=8))
def test_subjective_loyalty_between_zero_and_one_and_best_on_all_gets_one(rows):
    x = np.array(rows)
    if (x.max(axis=0) <= 0).any():
        x[0] = 1.0
    table = pd.DataFrame(x)
    w = [0.5, 0.3, 0.2]
    s = subjective_loyalty(table, w)
    assert ((s >= -1e-12) & (s <= 1 + 1e-12)).all()
    top = np.all(np.asarray(normalise_by_max(x)) == 1.0, axis=1)
    assert s[top].to_numpy() == pytest.approx(np.ones(top.sum()))


@SETTINGS
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_loyalty_index_lies_between_its_parts(o, s, beta):
    value = loyalty_index(o, s, beta)
    assert min(o, s) - 1e-12 <= value <= max(o, s) + 1e-12
    assert loyalty_index(o, s, 1.0) == pytest.approx(o)
    assert loyalty_index(o, s, 0.0) == pytest.approx(s)
