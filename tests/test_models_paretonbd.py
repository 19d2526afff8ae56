"""Pareto/NBD (crmlib.models.ParetoNBD) against Fader, Hardie & Lee (2005), the BTYD
walkthrough, lifetimes, and a direct numerical integration of the likelihood."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from _cdnow_fixtures import PARETO_PUBLISHED, cdnow_summary, fitted_paretonbd
from hypothesis import given
from hypothesis import strategies as st
from scipy import integrate, stats
from scipy.special import gammaln

from crmlib.models import ParetoNBD

PUBLISHED = PARETO_PUBLISHED  # FHL 2005, CDNOW
BTYD = {"r": 0.5534, "alpha": 10.5802, "s": 0.6061, "beta": 11.6562}  # BTYD walkthrough


def published_model() -> ParetoNBD:
    return ParetoNBD.from_params(**PUBLISHED)


def likelihood_by_quadrature(params: dict[str, float], x: int, tx: float, T: float) -> float:
    """Log-likelihood from its definition (alive at T, or died at tau in (t_x, T]), with
    the integral over tau done by adaptive quadrature instead of hypergeometric functions."""
    r, alpha, s, beta = (params[k] for k in ("r", "alpha", "s", "beta"))

    def h(tau: float) -> float:
        return -(r + x) * np.log(alpha + tau) - (s + 1) * np.log(beta + tau)

    log_c = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    alive = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
    if tx == T:
        return log_c + alive
    scale = (min(alpha, beta) + tx) / (r + x + s + 1)
    points = [p for p in (tx + scale * k for k in (1, 10, 100)) if p < T] or None
    value, _ = integrate.quad(lambda tau: np.exp(h(tau) - h(tx)), tx, T, points=points,
                              limit=500, epsabs=0, epsrel=1e-12)
    died = np.log(s) + h(tx) + np.log(value)
    return log_c + np.logaddexp(alive, died)


# ---------------------------------------------------------------- published numbers
def test_paretonbd_matches_fader_hardie_lee_2005():
    """Published CDNOW estimates r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669 and
    LL = -9595.0 (FHL 2005, Sec. 5), from our own calibration summary."""
    model = fitted_paretonbd()
    for name, value in PUBLISHED.items():
        assert model.params_[name] == pytest.approx(value, abs=0.002), name
    assert model.log_likelihood_ == pytest.approx(-9595.0, abs=0.1)
    assert (model.summary()["std_error"] > 0).all()


def test_paretonbd_probability_alive_matches_btyd_walkthrough():
    """BTYD walkthrough: customer 1516 (x = 26, t_x = 30.86, T = 31) has P(alive) 0.9979."""
    model = ParetoNBD.from_params(**BTYD)
    assert model.probability_alive(26, 30.86, 31.0) == pytest.approx(0.9979, abs=5e-5)


def test_paretonbd_conditional_expectation_matches_btyd_walkthrough():
    """BTYD walkthrough: the same customer is expected to buy 25.46 times in 52 weeks."""
    model = fitted_paretonbd()
    assert model.conditional_expected_purchases(52, 26, 30.86, 31.0) == pytest.approx(
        25.46, abs=0.005
    )


def test_paretonbd_holdout_validation_matches_fader_hardie_lee_2005():
    """FHL 2005 holdout comparison: the Pareto/NBD expects 0.14 holdout purchases of the
    zero class (actual 0.24), correlates 0.630 with actual holdout purchases, and
    under-forecasts cumulative repeat sales at week 78 by about 2%."""
    s = cdnow_summary()
    model = fitted_paretonbd()
    predicted = model.conditional_expected_purchases(39, s["frequency"], s["recency"], s["T"])
    zero = s["frequency"] == 0
    assert round(predicted[zero].mean(), 2) == 0.14
    assert np.corrcoef(predicted, s["frequency_holdout"])[0, 1] == pytest.approx(0.630, abs=5e-4)
    cumulative = np.sum(model.expected_purchases(s["T"].to_numpy() + 39))
    actual = s["frequency"].sum() + s["frequency_holdout"].sum()
    assert round(100 * (1 - cumulative / actual)) == 2


def test_integer_week_summary_moves_paretonbd_estimates():
    """Teaching point (see the BG/NBD twin): whole-week summaries change the estimates."""
    s = cdnow_summary("W")
    weekly = ParetoNBD().fit(s["frequency"], s["recency"], s["T"])
    assert abs(weekly.params_["alpha"] - fitted_paretonbd().params_["alpha"]) > 1.0


# ------------------------------------------------------------ independent implementations
def test_paretonbd_fit_agrees_with_lifetimes():
    lifetimes = pytest.importorskip("lifetimes")
    s = cdnow_summary()
    ref = lifetimes.ParetoNBDFitter().fit(s["frequency"], s["recency"], s["T"])
    for name in PUBLISHED:
        assert fitted_paretonbd().params_[name] == pytest.approx(ref.params_[name], rel=1e-3)


def test_paretonbd_predictions_match_lifetimes_with_identical_params():
    lifetimes = pytest.importorskip("lifetimes")
    ref = lifetimes.ParetoNBDFitter()
    ref.params_ = pd.Series(PUBLISHED)
    ours = published_model()
    x = np.array([0, 1, 2, 5, 10, 26])
    tx = np.array([0.0, 1.7, 30.43, 20.0, 38.0, 30.86])
    T = np.array([38.86, 38.86, 38.86, 50.0, 39.0, 31.0])
    np.testing.assert_allclose(
        ours.probability_alive(x, tx, T), ref.conditional_probability_alive(x, tx, T), rtol=1e-8
    )
    for t in (1.0, 39.0, 104.0):
        np.testing.assert_allclose(
            ours.conditional_expected_purchases(t, x, tx, T),
            ref.conditional_expected_number_of_purchases_up_to_time(t, x, tx, T), rtol=1e-8,
        )
    times = np.array([0.5, 10.0, 39.0, 78.0])
    np.testing.assert_allclose(
        ours.expected_purchases(times), ref.expected_number_of_purchases_up_to_time(times),
        rtol=1e-9,
    )


@pytest.mark.parametrize(
    ("x", "tx", "T"),
    [(2, 30.43, 38.86), (0, 0.0, 1000.0), (300, 999.0, 1000.0), (300, 5.0, 1000.0),
     (300, 1000.0, 1000.0), (1000, 950.0, 1000.0), (50, 1.0, 1000.0), (300, 0.001, 1000.0)],
)
@pytest.mark.parametrize(
    "params",
    [PUBLISHED, {"r": 0.553, "alpha": 0.01, "s": 0.606, "beta": 100.0},
     {"r": 5.0, "alpha": 100.0, "s": 0.1, "beta": 0.01},
     {"r": 1.0, "alpha": 3.0, "s": 99.0, "beta": 0.25},  # scipy's hyp2f1 returns inf here
     {"r": 0.5, "alpha": 1000.0, "s": 0.5, "beta": 0.001}],  # 2F1 argument 1 - 1e-6
)
def test_paretonbd_likelihood_is_finite_and_exact_for_long_histories(params, x, tx, T):
    """T = 1000 weeks and up to 1000 purchases: where untransformed 2F1 evaluations return
    inf/nan, the log-likelihood must stay finite and equal the direct integral."""
    model = ParetoNBD.from_params(**params)
    ll = model.log_likelihood(x, tx, T)
    assert np.isfinite(ll)
    assert ll == pytest.approx(likelihood_by_quadrature(params, x, tx, T), rel=1e-9, abs=1e-9)
    p = model.probability_alive(x, tx, T)
    assert 0.0 <= p <= 1.0
    assert np.isfinite(model.conditional_expected_purchases(52, x, tx, T))


def test_paretonbd_probability_alive_is_sane_for_long_histories():
    model = published_model()
    # bought weekly until last week: surely alive; bought 300 times in the first 5 weeks
    # of 1000: surely gone; never bought again in 1000 weeks: very probably gone
    assert model.probability_alive(300, 999.0, 1000.0) > 0.99
    assert model.probability_alive(300, 5.0, 1000.0) < 1e-6
    assert model.probability_alive(0, 0.0, 1000.0) < model.probability_alive(0, 0.0, 39.0)


# ------------------------------------------------------------------------- properties
customers = st.tuples(
    st.integers(0, 500),
    st.floats(0.0, 1.0),
    st.floats(0.01, 2000.0),
).map(lambda c: (c[0], 0.0 if c[0] == 0 else c[1] * c[2], c[2]))
positive = st.floats(0.01, 100.0)


@given(customers, positive, positive, positive, positive)
def test_paretonbd_probability_alive_is_a_probability(c, r, alpha, s, beta):
    x, tx, T = c
    model = ParetoNBD.from_params(r=r, alpha=alpha, s=s, beta=beta)
    p = model.probability_alive(x, tx, T)
    assert 0.0 <= p <= 1.0
    assert np.isfinite(model.log_likelihood(x, tx, T))


@given(customers, st.floats(0.1, 200.0))
def test_paretonbd_conditional_expectation_increases_in_t(c, t):
    x, tx, T = c
    model = published_model()
    now = model.conditional_expected_purchases(t, x, tx, T)
    assert 0.0 <= now <= model.conditional_expected_purchases(1.5 * t, x, tx, T)


@given(st.integers(0, 200), st.floats(1.0, 500.0))
def test_paretonbd_conditional_expectation_increases_with_frequency_at_recency_T(x, T):
    model = published_model()
    low = model.conditional_expected_purchases(39, x, T if x else 0.0, T)
    assert model.conditional_expected_purchases(39, x + 1, T, T) > low


def test_paretonbd_expected_purchases_is_zero_at_zero_and_continuous_at_s_one():
    assert published_model().expected_purchases(0) == 0.0
    values = [ParetoNBD.from_params(r=0.5, alpha=10.0, s=s, beta=12.0).expected_purchases(39.0)
              for s in (1 - 1e-6, 1.0, 1 + 1e-6)]
    assert values[1] == pytest.approx(values[0], rel=1e-5)
    assert values[1] == pytest.approx(values[2], rel=1e-5)
    # s = 1: E[X(t)] = (r beta / alpha) log(1 + t / beta)  (hand calculation)
    assert values[1] == pytest.approx(0.5 * 12.0 / 10.0 * np.log1p(39.0 / 12.0), rel=1e-9)


def test_paretonbd_probability_of_purchases_sum_to_one_with_mean_equal_to_expectation():
    """The numerically integrated P(X(t)=x) agrees with the closed-form E[X(t)]."""
    model = published_model()
    probs = model.probability_of_purchases(np.arange(151), 39.0)
    assert probs.sum() == pytest.approx(1.0, abs=1e-6)
    assert (np.arange(151) * probs).sum() == pytest.approx(model.expected_purchases(39.0),
                                                           rel=1e-4)
    assert model.probability_of_purchases(np.arange(4), 0.0).tolist() == [1.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize("t", [1e8, 1e308])
def test_paretonbd_probability_of_purchases_over_a_long_horizon_keeps_its_mass(t):
    """Before: every probability came out 0 for t >= 1e8 (the quadrature over tau in (0, t)
    missed the deaths near tau ~ beta), after a numpy overflow warning at t = 1e308.

    With t this long nearly everyone has died (alive: (beta/(beta+t))^s < 1e-4), so
    P(X(t)=x) is the probability of x repeat purchases before death, integrated here over
    tau in (0, inf) with SciPy's rule for an infinite range: an independent route."""
    r, alpha, s, beta = (PUBLISHED[k] for k in ("r", "alpha", "s", "beta"))

    def before_death(k: int) -> float:
        def f(tau: float) -> float:
            return s / beta * (1 + tau / beta) ** -(s + 1) * stats.nbinom.pmf(
                k, r, alpha / (alpha + tau))
        return integrate.quad(f, 0.0, np.inf, limit=200)[0]

    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        got = published_model().probability_of_purchases([0, 1, 2, 5], t)
    assert got == pytest.approx([before_death(k) for k in (0, 1, 2, 5)], abs=1e-4)
    assert got[0] == pytest.approx(0.5097, abs=1e-3)  # half never buy again


# ------------------------------------------------------------------------- bad input
def test_paretonbd_rejects_impossible_summaries():
    with pytest.raises(ValueError, match=r"recency must not exceed T; customer at position 0"):
        ParetoNBD().fit([3], [40.1], [38.9])
    with pytest.raises(ValueError, match="recency must be 0 when frequency is 0"):
        published_model().conditional_expected_purchases(10, [0], [2.0], [38.9])
    with pytest.raises(ValueError, match=r"params must be exactly r, alpha, s, beta"):
        ParetoNBD.from_params(r=1.0, alpha=1.0, a=1.0, b=1.0)
    with pytest.raises(ValueError,
                       match="x must contain whole numbers of purchases; entry 0 is 2.5"):
        published_model().probability_of_purchases(2.5, 39.0)
    with pytest.raises(RuntimeError, match="ParetoNBD has not been fitted yet"):
        ParetoNBD().probability_alive(1, 1.0, 2.0)


def test_paretonbd_frequency_beyond_exact_counts_is_refused():
    m = ParetoNBD.from_params(**PUBLISHED)
    with pytest.raises(ValueError, match=r"^frequency must contain at most 2\^53 purchases; "
                                         r"customer at position 0 has 1e\+308$"):
        m.probability_alive(1e308, 30.0, 38.0)


def test_paretonbd_customer_unseen_for_an_age_beyond_measure_is_expected_to_buy_nothing():
    """T = 1e308 weeks since the last purchase: P(alive) falls to 0, and with it E[Y(t)]
    (before, (r+x)(beta+T) overflowed and gave inf * 0 = NaN)."""
    m = ParetoNBD.from_params(**PUBLISHED)
    got = m.conditional_expected_purchases(10.0, [0.0, 2.0, 5.0], [0.0, 30.0, 35.0], 1e308)
    assert got.tolist() == [0.0, 0.0, 0.0]
