"""Tests for the BG/BB model (crmlib.models.BetaGeoBetaBinom) on the donations data."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.datasets import load_donations
from crmlib.models import BetaGeoBetaBinom

PUBLISHED = {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}


@pytest.fixture(scope="module")
def donations() -> pd.DataFrame:
    return load_donations()


@pytest.fixture(scope="module")
def fitted(donations) -> BetaGeoBetaBinom:
    d = donations
    return BetaGeoBetaBinom().fit(d["frequency"], d["recency"], d["n_periods"], d["weights"])


@pytest.fixture(scope="module")
def reference(fitted):
    """lifetimes' BetaGeoBetaBinomFitter (independent implementation) at our estimates."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lifetimes import BetaGeoBetaBinomFitter
    ref = BetaGeoBetaBinomFitter()
    ref.params_ = pd.Series(fitted.params_)
    ref.data = load_donations()  # lifetimes reads the cohort's weights from .data
    return ref


def _with(**params: float) -> BetaGeoBetaBinom:
    model = BetaGeoBetaBinom()
    model.params_ = dict(params)
    return model


# ------------------------------------------------------------- published values


def test_bgbb_matches_fader_hardie_shang_2010_estimates(fitted):
    """FHS (2010): alpha 1.204, beta 0.750, gamma 0.657, delta 2.783; LL = -33,225.6."""
    for name, value in PUBLISHED.items():
        assert fitted.params_[name] == pytest.approx(value, abs=5e-4), name
    assert fitted.log_likelihood_ == pytest.approx(-33_225.6, abs=0.05)
    assert fitted.n_customers_ == 11_104


def test_bgbb_p_alive_matches_fader_hardie_shang_2010_table_6(fitted):
    """Table 6, P(alive in 2002): 0.11 (no repeat), 0.59 (x=2, last 1999), 0.93 (x=6)."""
    p = fitted.probability_alive([0, 2, 6], [0, 4, 6], 6)
    np.testing.assert_allclose(p, [0.11, 0.59, 0.93], atol=0.005)


def test_bgbb_conditional_expectation_matches_hardie_workbook(fitted, donations):
    """Hardie's BG/BB workbook (brucehardie.com/notes/010), sheet Conditional Expectations (II):
    expected repeat donations 2002-2006 summed over the cohort, 12,884.2."""
    d = donations
    each = fitted.conditional_expected_purchases(5, d["frequency"], d["recency"], d["n_periods"])
    assert float((each * d["weights"]).sum()) == pytest.approx(12_884.2, abs=0.5)


def test_bgbb_in_sample_histogram_matches_hardie_workbook(fitted):
    """Hardie's workbook, In-Sample Fit: expected donors with 0 and 6 repeat donations,
    3,454.9 and 1,253.1 (of 11,104)."""
    counts = 11_104 * fitted.probability_of_purchases([0, 6], 6)
    np.testing.assert_allclose(counts, [3454.9, 1253.1], atol=0.05)


# ------------------------------------------------------------- independent implementation


def test_bgbb_fit_agrees_with_lifetimes(donations, fitted):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lifetimes import BetaGeoBetaBinomFitter

        d = donations
        ref = BetaGeoBetaBinomFitter().fit(d["frequency"], d["recency"], d["n_periods"],
                                           weights=d["weights"])
    for name in PUBLISHED:
        assert fitted.params_[name] == pytest.approx(ref.params_[name], rel=1e-3)


def test_bgbb_predictions_agree_with_lifetimes(fitted, reference, donations):
    d = donations
    args = (d["frequency"], d["recency"], d["n_periods"])
    np.testing.assert_allclose(
        fitted.probability_alive(*args), reference.conditional_probability_alive(1, *args),
        rtol=1e-8)
    for n in (1, 5, 10):
        np.testing.assert_allclose(
            fitted.conditional_expected_purchases(n, *args),
            reference.conditional_expected_number_of_purchases_up_to_time(n, *args), rtol=1e-8)
    table = reference.expected_number_of_transactions_in_first_n_periods(6)["model"]
    np.testing.assert_allclose(11_104 * fitted.probability_of_purchases(np.arange(7), 6),
                               table.to_numpy(), rtol=1e-8)


# ------------------------------------------- likelihood at many opportunities


def _direct_log_likelihood(params, x: int, tx: int, n: int) -> float:
    """FHS (2010)'s likelihood written out term by term (an implementation of its own).

    The terms of the drop-out sum follow from the first one by their ratio
    (beta+j-x)/(alpha+beta+j) * (delta+j)/(gamma+delta+1+j), added with math.fsum.
    """
    import math

    alpha, beta, gamma, delta = params

    def log_b(u: float, v: float) -> float:
        return math.lgamma(u) + math.lgamma(v) - math.lgamma(u + v)

    norm = log_b(alpha, beta) + log_b(gamma, delta)
    alive = log_b(alpha + x, beta + n - x) + log_b(gamma, delta + n) - norm
    if tx >= n:
        return alive
    first = log_b(alpha + x, beta + tx - x) + log_b(gamma + 1, delta + tx) - norm
    terms, term = [], 1.0
    for j in range(tx, n):
        terms.append(term)
        term *= (beta + j - x) / (alpha + beta + j) * (delta + j) / (gamma + delta + 1 + j)
    died = first + math.log(math.fsum(terms))
    return max(alive, died) + math.log1p(math.exp(-abs(alive - died)))


BGBB_ROWS = [(0, 0, 1), (0, 0, 40), (1, 1, 365), (3, 200, 365), (2, 700, 3650),
             (10, 10, 3650), (50, 3000, 3650), (300, 3500, 3650), (5, 5, 200),
             (120, 130, 400), (0, 0, 3650), (7, 3649, 3650), (7, 3650, 3650)]


@pytest.mark.parametrize("params", [
    (1.204, 0.750, 0.657, 2.783),   # FHS (2010) donations estimates
    (0.01, 0.01, 0.01, 0.01), (0.01, 0.01, 0.01, 300.0), (0.01, 300.0, 0.7, 300.0),
    (300.0, 0.01, 5.0, 0.01), (5.0, 300.0, 0.01, 5.0), (0.7, 0.01, 300.0, 0.7),
    (300.0, 300.0, 300.0, 300.0), (2.0, 50.0, 30.0, 1.0),
])
def test_bgbb_likelihood_agrees_with_the_direct_sum_at_many_opportunities(params):
    """Up to 3,650 opportunities, small and large parameters: 1e-10 relative."""
    x, tx, n = (np.array(c) for c in zip(*BGBB_ROWS, strict=True))
    got, _ = BetaGeoBetaBinom._log_likelihood_and_gradient(np.array(params), x, tx, n, False)
    want = np.array([_direct_log_likelihood(params, *row) for row in BGBB_ROWS])
    np.testing.assert_allclose(np.exp(got - want), 1.0, rtol=1e-10)


@pytest.mark.parametrize("params", [(1.204, 0.750, 0.657, 2.783), (0.05, 20.0, 4.0, 0.3)])
def test_bgbb_gradient_at_many_opportunities_is_that_of_the_direct_sum(params):
    rows = [(2, 700, 3650), (50, 3000, 3650), (1, 1, 365), (0, 0, 1000)]
    x, tx, n = (np.array(c) for c in zip(*rows, strict=True))
    p = np.array(params)
    _, grad = BetaGeoBetaBinom._log_likelihood_and_gradient(p, x, tx, n)

    def total(q: np.ndarray) -> float:
        return sum(_direct_log_likelihood(q, *row) for row in rows)

    # five-point central differences, relative step 1e-3 (truncation error ~1e-12; smaller
    # steps drown in the rounding of lgamma at 3,650 opportunities)
    numeric = np.empty(4)
    for i in range(4):
        e = np.zeros(4)
        e[i] = 1e-3 * p[i]
        numeric[i] = (-total(p + 2 * e) + 8 * total(p + e) - 8 * total(p - e)
                      + total(p - 2 * e)) / (12 * e[i])
    np.testing.assert_allclose(grad.sum(axis=1), numeric, rtol=1e-7, atol=1e-8)


def test_bgbb_weights_equal_repeated_rows(donations):
    """A row with weight w counts as w identical customers (small cohort to stay fast)."""
    d = donations.assign(weights=donations["weights"] // 100 + 1)
    grouped = BetaGeoBetaBinom().fit(d["frequency"], d["recency"], d["n_periods"], d["weights"])
    rows = d.loc[d.index.repeat(d["weights"])]
    expanded = BetaGeoBetaBinom().fit(rows["frequency"], rows["recency"], rows["n_periods"])
    assert grouped.log_likelihood_ == pytest.approx(expanded.log_likelihood_, rel=1e-9)
    for name in PUBLISHED:
        assert grouped.params_[name] == pytest.approx(expanded.params_[name], rel=1e-4)


# ------------------------------------------------------------- hand calculations and laws


def test_bgbb_hand_calculation_alpha_beta_gamma_delta_one():
    # p ~ U(0,1), theta ~ U(0,1), n = 1.
    # P(alive at 1) = E[1 - theta] = 1/2, so P(X(1)=1) = 1/2 * 1/2 = 1/4 and E[X(1)] = 1/4.
    m = _with(alpha=1.0, beta=1.0, gamma=1.0, delta=1.0)
    np.testing.assert_allclose(m.probability_of_purchases([0, 1], 1), [0.75, 0.25])
    assert m.expected_purchases(1) == pytest.approx(0.25)
    # Likelihood of x=0, t_x=0, n=1: E[(1-p)(1-theta)] + E[theta] = 1/4 + 1/2 = 3/4, so
    # P(alive at 1 | no transaction) = 1/4 / 3/4 = 1/3 and P(alive at 2 | .) = E[(1-p)(1-theta)^2]
    # / L = (1/2 * 1/3) / 3/4 = 2/9.
    assert m.probability_alive(0, 0, 1, periods_ahead=0) == pytest.approx(1 / 3)
    assert m.probability_alive(0, 0, 1) == pytest.approx(2 / 9)


@settings(max_examples=40, deadline=None)
@given(
    st.floats(0.1, 20), st.floats(0.1, 20), st.floats(0.1, 20), st.floats(0.1, 20),
    st.integers(1, 15),
)
def test_bgbb_histogram_is_a_distribution_with_the_right_mean(alpha, beta, gamma, delta, n):
    m = _with(alpha=alpha, beta=beta, gamma=gamma, delta=delta)
    probs = m.probability_of_purchases(np.arange(n + 1), n)
    assert np.all(probs >= 0)
    assert probs.sum() == pytest.approx(1.0, rel=1e-9)
    assert m.expected_purchases(n) == pytest.approx(np.dot(np.arange(n + 1), probs), rel=1e-8)


@settings(max_examples=40, deadline=None)
@given(
    st.floats(0.1, 20), st.floats(0.1, 20), st.floats(0.1, 20), st.floats(0.1, 20),
    st.integers(1, 12), st.data(),
)
def test_bgbb_conditional_laws(alpha, beta, gamma, delta, n, data):
    m = _with(alpha=alpha, beta=beta, gamma=gamma, delta=delta)
    tx = data.draw(st.integers(0, n))
    x = 0 if tx == 0 else data.draw(st.integers(1, tx))
    p_now = m.probability_alive(x, tx, n, periods_ahead=0)
    p_next = m.probability_alive(x, tx, n)
    assert 0 <= p_next <= p_now <= 1
    if tx == n:
        assert p_now == pytest.approx(1.0)
    e5 = m.conditional_expected_purchases(5, x, tx, n)
    e6 = m.conditional_expected_purchases(6, x, tx, n)
    assert 0 <= e5 <= e6 <= 6


def test_bgbb_gamma_equal_one_is_continuous():
    """The closed forms divide by gamma - 1; gamma = 1 uses the plain sum instead."""
    at_one = _with(alpha=1.2, beta=0.75, gamma=1.0, delta=2.78)
    near = _with(alpha=1.2, beta=0.75, gamma=1.0 + 1e-5, delta=2.78)
    np.testing.assert_allclose(at_one.expected_purchases([1, 6, 20]),
                               near.expected_purchases([1, 6, 20]), rtol=1e-4)
    assert at_one.conditional_expected_purchases(5, 2, 4, 6) == pytest.approx(
        near.conditional_expected_purchases(5, 2, 4, 6), rel=1e-4)


def test_bgbb_output_types(fitted, donations):
    d = donations
    s = fitted.probability_alive(d["frequency"], d["recency"], d["n_periods"])
    assert isinstance(s, pd.Series) and s.index.equals(d.index)
    assert isinstance(fitted.probability_alive(1, 1, 6), float)
    assert isinstance(fitted.expected_purchases([1, 2]), np.ndarray)
    assert fitted.expected_purchases(0) == 0.0
    assert list(fitted.summary().index) == ["alpha", "beta", "gamma", "delta"]


# ------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("x", "tx", "n", "match"),
    [
        ([3], [2], 6, "frequency must not exceed recency; entry 0 has frequency 3 > recency 2"),
        ([1], [7], 6, "recency must not exceed n_periods; entry 0 has recency 7 > n_periods 6"),
        ([0, 0], [0, 2], 6, "recency must be 0 when frequency is 0 .*entry 1 has frequency 0 "
                            "and recency 2"),
        ([1.5], [2], 6, "frequency must contain whole numbers; entry 0 is 1.5"),
        ([1], [2.5], 6, "recency must contain whole numbers; entry 0 is 2.5"),
        ([1], [2], 6.5, "n_periods must contain whole numbers; entry 0 is 6.5"),
        ([-1], [2], 6, "frequency must contain only values of at least 0"),
        ([1], [1], 0, "n_periods must contain only values of at least 1"),
        ([1, 2], [1, 2, 3], 6, "frequency, recency and n_periods must have the same length"),
    ],
)
def test_bgbb_summary_rules(x, tx, n, match):
    with pytest.raises(ValueError, match=match):
        BetaGeoBetaBinom().fit(x, tx, n)
    with pytest.raises(ValueError, match=match):
        _with(**PUBLISHED).probability_alive(x, tx, n)


def test_bgbb_weight_rules():
    with pytest.raises(ValueError, match=r"weights must have one entry per row \(customer or "
                                         r"pattern\); got 1 weights for 2 rows"):
        BetaGeoBetaBinom().fit([0, 1], [0, 1], 2, weights=[3])
    with pytest.raises(ValueError, match="weights must contain only values of at least 0"):
        BetaGeoBetaBinom().fit([0, 1], [0, 1], 2, weights=[3, -1])
    with pytest.raises(ValueError, match="weights must not all be 0"):
        BetaGeoBetaBinom().fit([0, 1], [0, 1], 2, weights=[0, 0])


def test_bgbb_initial_params_rules():
    with pytest.raises(ValueError, match="initial_params must have exactly the keys alpha, beta, "
                                         "gamma, delta"):
        BetaGeoBetaBinom().fit([0, 1], [0, 1], 2, initial_params={"alpha": 1})


def test_bgbb_prediction_argument_rules():
    m = _with(**PUBLISHED)
    with pytest.raises(ValueError, match=r"x must not exceed n \(3\); entry 1 is 4"):
        m.probability_of_purchases([0, 4], 3)
    with pytest.raises(ValueError, match="n must be a whole number of at least 1; got 0"):
        m.probability_of_purchases(0, 0)
    with pytest.raises(ValueError, match="n must contain only values of at least 0"):
        m.expected_purchases(-1)
    with pytest.raises(ValueError, match="n must be a whole number of at least 0; got -2"):
        m.conditional_expected_purchases(-2, 1, 1, 6)
    with pytest.raises(ValueError, match="periods_ahead must be a whole number of at least 0"):
        m.probability_alive(1, 1, 6, periods_ahead=-1)


def test_bgbb_unfitted_model_says_so():
    with pytest.raises(RuntimeError, match="BetaGeoBetaBinom has not been fitted yet"):
        BetaGeoBetaBinom().expected_purchases(3)


def test_bgbb_counts_beyond_exact_whole_numbers_are_refused():
    m = _with(**PUBLISHED)
    with pytest.raises(ValueError, match=r"^n must contain whole numbers of at most 2\^53; "
                                         r"entry 1 is 1e\+308$"):
        m.expected_purchases([5, 1e308])
    with pytest.raises(ValueError, match=r"^frequency must contain whole numbers of at most "
                                         r"2\^53; entry 0 is 1e\+308$"):
        m.probability_alive(1e308, 4, 6)
    with pytest.raises(ValueError, match=r"^x must contain whole numbers of at most 2\^53"):
        m.probability_of_purchases(1e308, 5)
    with pytest.raises(ValueError, match=r"^n must be a whole number of at most 2\^53; "
                                         r"got 1e\+308$"):
        m.conditional_expected_purchases(1e308, 2, 4, 6)
    with pytest.raises(ValueError, match=r"^periods_ahead must be a whole number of at most "
                                         r"2\^53; got 1e\+308$"):
        m.probability_alive(2, 4, 6, periods_ahead=1e308)


def test_bgbb_expected_purchases_stay_exact_at_2_to_the_52_opportunities():
    """With gamma = 2, Gamma(1+delta+n)/Gamma(2+delta+n) = 1/(1+delta+n), so
    E[X(n)] = alpha/(alpha+beta) * delta * [1 - (1+delta)/(1+delta+n)] exactly; a difference
    of log-gammas near n = 2^52 (about 1.6e17 each) loses every digit of it."""
    alpha, beta, delta, n = 1.2, 0.8, 3.0, 2**52
    m = _with(alpha=alpha, beta=beta, gamma=2.0, delta=delta)
    want = alpha / (alpha + beta) * delta * (1 - (1 + delta) / (1 + delta + n))
    assert m.expected_purchases(n) == pytest.approx(want, rel=1e-13)
    assert m.expected_purchases(10) == pytest.approx(
        alpha / (alpha + beta) * delta * (1 - 4.0 / 14.0), rel=1e-13)
