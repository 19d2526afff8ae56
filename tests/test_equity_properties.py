"""Property tests (hypothesis) of crmlib.equity: laws customer equity must obey."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.equity import (
    customer_equity,
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

SETTINGS = settings(derandomize=True, max_examples=60, deadline=None)

margins = st.floats(1.0, 1e3)
retentions = st.floats(0.0, 0.95)
rates = st.floats(0.01, 0.5)


@st.composite
def stochastic_matrices(draw, max_states: int = 5):
    """A random transition matrix: each row a normalised vector of non-negative weights."""
    n = draw(st.integers(1, max_states))
    rows = []
    for _ in range(n):
        w = np.array(draw(st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n)))
        if w.sum() < 1e-6:
            w[draw(st.integers(0, n - 1))] = 1.0
        rows.append(w / w.sum())
    return np.array(rows)


@SETTINGS
@given(margins, retentions, retentions, rates, st.floats(0, 1e4), st.floats(0, 1e3),
       st.floats(0, 100))
def test_firm_value_rises_with_retention(m, r1, r2, d, n0, n, c):
    low, high = sorted((r1, r2))
    kw = {"current_customers": n0, "new_customers": n, "acquisition_cost": c}
    assert firm_value(m, high, d, **kw).value >= firm_value(m, low, d, **kw).value - 1e-9 * (
        1 + abs(firm_value(m, low, d, **kw).value))


@SETTINGS
@given(margins, margins, retentions, rates, st.floats(1, 1e4), st.floats(0, 1e3),
       st.floats(0, 100))
def test_firm_value_rises_with_margin(m1, m2, r, d, n0, n, c):
    low, high = sorted((m1, m2))
    kw = {"current_customers": n0, "new_customers": n, "acquisition_cost": c}
    v_low, v_high = firm_value(low, r, d, **kw).value, firm_value(high, r, d, **kw).value
    assert v_high >= v_low
    if high > low * (1 + 1e-9) and r > 0:
        assert v_high > v_low


@SETTINGS
@given(st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=20), st.floats(0, 100))
def test_customer_equity_is_the_sum_and_rises_with_any_clv(clv, bump):
    res = customer_equity(clv)
    assert res.value == pytest.approx(sum(clv), abs=1e-6)
    higher = list(clv)
    higher[0] += bump
    assert customer_equity(higher).value >= res.value - 1e-9


@SETTINGS
@given(st.lists(st.tuples(st.floats(-50, 200), st.floats(0.5, 30)), min_size=1, max_size=9),
       st.floats(0, 80))
def test_exact_selection_equals_brute_force_and_beats_greedy(customers, budget):
    v = np.array([c[0] for c in customers])
    need = np.array([c[1] for c in customers])
    best = 0.0
    for pick in itertools.product([False, True], repeat=v.size):
        pick = np.array(pick)
        if need[pick].sum() <= budget:
            best = max(best, v[pick].sum())
    res = select_customers(v, need, budget)
    assert res.exact_value == pytest.approx(best, abs=1e-6)
    assert res.exact_value >= res.greedy_value - 1e-9
    assert res.resources_used <= budget + 1e-9
    assert not (res.chosen.to_numpy() & (v <= 0)).any()  # never a customer of value <= 0


@SETTINGS
@given(stochastic_matrices(), st.data(), rates)
def test_markov_values_satisfy_bellman_equation(P, data, d):
    R = np.array(data.draw(st.lists(st.floats(-100, 100), min_size=len(P), max_size=len(P))))
    V = markov_clv(P, R, d).values.to_numpy()
    np.testing.assert_allclose(V, R + P @ V / (1 + d), atol=1e-7 * (1 + np.abs(V).max()))


@SETTINGS
@given(st.lists(st.floats(0.0, 0.99), min_size=1, max_size=6), st.floats(0, 100),
       st.floats(0, 10), st.floats(0.0, 0.5))
def test_recency_chain_values_satisfy_bellman_equation(p, nc, cost, d):
    chain = recency_chain(p, nc, cost)
    P, R = chain.transition_matrix.to_numpy(), chain.rewards.to_numpy()
    V = markov_clv(P, R, d).values.to_numpy()  # d = 0 allowed: "lost" is absorbing with reward 0
    np.testing.assert_allclose(V, R + P @ V / (1 + d), atol=1e-7 * (1 + np.abs(V).max()))


@SETTINGS
@given(stochastic_matrices(), st.integers(1, 30))
def test_state_distributions_stay_distributions_and_long_run_is_stationary(P, steps):
    n = len(P)
    start = np.zeros(n)
    start[0] = 1.0
    path = state_distribution(P, start, steps).to_numpy()
    np.testing.assert_allclose(path.sum(axis=1), 1.0, atol=1e-9)
    assert (path >= -1e-12).all()
    pi = long_run_distribution(P, start).to_numpy()
    assert pi.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(pi @ P, pi, atol=1e-7)


@SETTINGS
@given(margins, st.floats(0.05, 1.0), st.floats(0.01, 1.0), st.floats(0.05, 0.95),
       st.floats(0.001, 1.0), rates, st.floats(0, 200), st.floats(0, 200))
def test_optimal_spend_is_at_least_any_other_spend(m, a_c, k1, r_c, k2, d, A, R):
    kw = {"margin": m, "acquisition_ceiling": a_c, "k1": k1, "retention_ceiling": r_c,
          "k2": k2, "discount_rate": d}
    opt = optimal_spend(**kw)
    other = prospect_equity(A, R, **kw).value
    assert opt.value >= other - 1e-8 * (1 + abs(other))
    if opt.acquisition_spend > 0:
        assert opt.marginal_cost_acquisition == pytest.approx(opt.customer_value, rel=1e-6)
    if opt.retention_spend > 0:
        assert opt.marginal_cost_retention == pytest.approx(opt.customer_value, rel=1e-6)


@SETTINGS
@given(st.floats(1, 1e5), margins, retentions, st.floats(0.0, 0.5), st.floats(0.01, 1.0))
def test_levers_more_and_deeper_add_exactly_s_and_longer_at_most_s(n, m, r, d, s):
    t = more_longer_deeper(n, m, r, d, improvement=s).table
    assert t.loc["more", "gain_pct"] == pytest.approx(100 * s)
    assert t.loc["deeper", "gain_pct"] == pytest.approx(100 * s)
    assert 0 <= t.loc["longer", "gain_pct"] <= 100 * s * (1 + 1e-9)
