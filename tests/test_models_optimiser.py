"""The shared optimiser of crmlib.models: exact gradients, the check of the optimum,
collapsed rows, standard errors and log-scale intervals.

Independent references: lifetimes (its own likelihoods; its standard errors come
from an automatic-differentiation Hessian, autograd), a central-difference
Hessian of lifetimes' Pareto/NBD likelihood written out here, and the direct
BG/BB sum of Fader, Hardie & Shang (2010) written out here.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from _cdnow_fixtures import cdnow_summary
from scipy import stats
from scipy.special import betaln, logsumexp

from crmlib.datasets import load_donations
from crmlib.models import (
    BetaGeo,
    BetaGeoBetaBinom,
    ConvergenceError,
    GammaGamma,
    ParetoNBD,
    ShiftedBetaGeometric,
)
from crmlib.models._mle import check_optimum, collapse_rows, fit_positive_params

lifetimes = pytest.importorskip("lifetimes")


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return cdnow_summary()


def _rfm(s: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return tuple(s[c].to_numpy(float) for c in ("frequency", "recency", "T"))


# ---------------------------------------------------------------- exact gradients


def _numeric_gradient(func, params: np.ndarray, rel: float = 1e-6) -> np.ndarray:
    """Central differences of a scalar function (relative steps)."""
    out = np.empty(params.size)
    for i in range(params.size):
        step = np.zeros(params.size)
        step[i] = rel * params[i]
        out[i] = (func(params + step) - func(params - step)) / (2 * step[i])
    return out


@pytest.mark.parametrize("params", [[0.243, 4.414, 0.793, 2.426], [2.0, 0.5, 3.0, 0.2],
                                    [0.05, 40.0, 1.0, 1.0]])
def test_bgnbd_gradient_is_that_of_its_likelihood(cdnow, params):
    x, tx, T = _rfm(cdnow)
    p = np.array(params)
    model = BetaGeo()
    grad = model._log_likelihood_and_gradient(p, x, tx, T)[1].sum(axis=1)
    numeric = _numeric_gradient(
        lambda q: model._log_likelihood_and_gradient(q, x, tx, T, False)[0].sum(), p)
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize("params", [[0.5534, 10.5802, 0.6061, 11.6562], [1.5, 3.0, 0.2, 30.0],
                                    [0.3, 20.0, 2.0, 5.0]])
def test_paretonbd_gradient_is_that_of_its_likelihood(cdnow, params):
    """The r and s parts are differences inside the integral; checked on the whole sum."""
    x, tx, T = _rfm(cdnow)
    p = np.array(params)
    model = ParetoNBD()
    grad = model._log_likelihood_and_gradient(p, x, tx, T)[1].sum(axis=1)
    numeric = _numeric_gradient(
        lambda q: model._log_likelihood_and_gradient(q, x, tx, T, False)[0].sum(), p, rel=1e-5)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-4)


def test_gammagamma_and_sbg_gradients_are_those_of_their_likelihoods(cdnow):
    rep = cdnow[cdnow["frequency"] > 0]
    x, m = rep["frequency"].to_numpy(float), rep["monetary_value"].to_numpy(float)
    captured = {}

    def spy(objective, x0, **kwargs):
        captured["objective"] = objective
        raise RuntimeError("captured")

    import crmlib.models._gammagamma as gg

    original = gg.fit_positive_params
    gg.fit_positive_params = spy
    try:
        with pytest.raises(RuntimeError, match="captured"):
            GammaGamma().fit(x, m)
    finally:
        gg.fit_positive_params = original
    p = np.array([6.25, 3.74, 15.44])
    grad = captured["objective"](p, True)[1]
    numeric = _numeric_gradient(lambda q: captured["objective"](q, False)[0], p)
    np.testing.assert_allclose(grad, numeric, rtol=1e-6)

    # near the optimum the gradient is a small difference of large terms: absolute check
    survivors = np.array([1000, 631, 468, 382, 326, 289, 262, 241.0])
    p = np.array([0.704, 1.182])
    grad = ShiftedBetaGeometric._objective(p, survivors)[1]
    numeric = _numeric_gradient(lambda q: ShiftedBetaGeometric._objective(q, survivors)[0], p)
    np.testing.assert_allclose(grad, numeric, rtol=0, atol=1e-5)
    assert np.abs(grad).max() > 1e-2  # not the optimum itself, where both would be ~0


# ---------------------------------------------------------------- BG/BB likelihood


def _bgbb_direct_sum(params, x, tx, n):
    """FHS (2010) likelihood term by term: the sum over i = 0..n-t_x-1 written out."""
    alpha, beta, gamma, delta = params
    out = []
    for xi, ti, ni in zip(x, tx, n, strict=True):
        terms = [betaln(alpha + xi, beta + ni - xi) - betaln(alpha, beta)
                 + betaln(gamma, delta + ni) - betaln(gamma, delta)]
        for i in range(ni - ti):
            terms.append(betaln(alpha + xi, beta + ti - xi + i) - betaln(alpha, beta)
                         + betaln(gamma + 1, delta + ti + i) - betaln(gamma, delta))
        out.append(logsumexp(terms))
    return np.array(out)


def _bgbb_rows(seed: int, size: int, top: int):
    rng = np.random.default_rng(seed)
    n = rng.integers(1, top + 1, size)
    tx = (rng.random(size) * (n + 1)).astype(int)
    x = np.where(tx > 0, 1 + (rng.random(size) * tx).astype(int), 0)
    x = np.minimum(x, tx)
    return x, tx, n


@pytest.mark.parametrize("params", [[1.204, 0.750, 0.657, 2.783], [0.2, 5.0, 3.0, 0.3],
                                    [30.0, 20.0, 0.05, 40.0]])
def test_bgbb_likelihood_by_tails_equals_the_direct_sum(params):
    x, tx, n = _bgbb_rows(11, 200, 400)
    p = np.array(params)
    fast, grad = BetaGeoBetaBinom._log_likelihood_and_gradient(p, x, tx, n)
    np.testing.assert_allclose(fast, _bgbb_direct_sum(p, x, tx, n), rtol=1e-11, atol=1e-11)
    numeric = _numeric_gradient(lambda q: _bgbb_direct_sum(q, x, tx, n).sum(), p)
    np.testing.assert_allclose(grad.sum(axis=1), numeric, rtol=1e-6, atol=1e-6)


def test_bgbb_fit_groups_identical_rows():
    """The donations data (FHS 2010) as 22 weighted patterns or as 11,104 customer rows."""
    d = load_donations()
    weighted = BetaGeoBetaBinom().fit(d["frequency"], d["recency"], d["n_periods"], d["weights"])
    counts = d["weights"].to_numpy().astype(int)
    per_customer = BetaGeoBetaBinom().fit(*(np.repeat(d[c].to_numpy(), counts)
                                            for c in ("frequency", "recency", "n_periods")))
    assert per_customer.log_likelihood_ == pytest.approx(weighted.log_likelihood_, rel=1e-12)
    for k, v in per_customer.params_.items():
        assert weighted.params_[k] == pytest.approx(v, rel=1e-10)
    assert per_customer.n_customers_ == weighted.n_customers_ == 11_104


# ---------------------------------------------------------------- collapsed rows


def test_collapse_rows_sums_the_weights_of_identical_rows():
    (x, t), w = collapse_rows((np.array([2, 0, 2, 2, 0]), np.array([5.0, 0.0, 5.0, 4.0, 0.0])),
                              np.array([1.0, 1.0, 2.0, 1.0, 0.0]))
    # distinct rows sorted: (0, 0) weight 1 (one dropped with weight 0), (2, 4) 1, (2, 5) 1 + 2
    assert x.tolist() == [0, 2, 2] and t.tolist() == [0.0, 4.0, 5.0]
    assert w.tolist() == [1.0, 1.0, 3.0]


def test_fit_on_customers_equals_fit_on_distinct_rows_with_weights(cdnow):
    x, tx, T = _rfm(cdnow)
    (ux, utx, uT), w = collapse_rows((x, tx, T), np.ones(x.size))
    assert ux.size < x.size  # CDNOW has many identical rows (e.g. one-time buyers of a day)
    start = {"r": 1.0, "alpha": 5.0, "a": 1.0, "b": 1.0}
    a = BetaGeo().fit(x, tx, T, initial_params=start)
    b = BetaGeo().fit(ux, utx, uT, weights=w, initial_params=start)
    assert a.log_likelihood_ == pytest.approx(b.log_likelihood_, rel=1e-12)
    for k in a.params_:
        assert a.params_[k] == pytest.approx(b.params_[k], rel=1e-10)
    assert a.n_customers_ == b.n_customers_ == x.size
    # predictions stay per customer
    assert np.shape(a.probability_alive(x, tx, T)) == (x.size,)


# ---------------------------------------------------------------- standard errors


def test_bgnbd_standard_errors_agree_with_lifetimes_autograd_hessian(cdnow):
    """lifetimes computes its standard errors from an autograd Hessian of its own likelihood."""
    x, tx, T = _rfm(cdnow)
    ours = BetaGeo().fit(x, tx, T).summary()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = lifetimes.BetaGeoFitter().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    for k in ("r", "alpha", "a", "b"):
        assert ours.loc[k, "std_error"] == pytest.approx(ref.standard_errors_[k], rel=2e-3)


def test_gammagamma_standard_errors_agree_with_lifetimes_autograd_hessian(cdnow):
    rep = cdnow[cdnow["frequency"] > 0]
    ours = GammaGamma().fit(rep["frequency"], rep["monetary_value"]).summary()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = lifetimes.GammaGammaFitter().fit(rep["frequency"], rep["monetary_value"])
    for k, ref_k in (("p", "p"), ("q", "q"), ("gamma", "v")):
        assert ours.loc[k, "std_error"] == pytest.approx(ref.standard_errors_[ref_k], rel=2e-3)


def test_paretonbd_standard_errors_agree_with_a_hessian_of_lifetimes_likelihood(cdnow):
    """lifetimes reports no Pareto/NBD standard errors: difference its likelihood here."""
    x, tx, T = _rfm(cdnow)
    model = ParetoNBD().fit(x, tx, T)
    theta = np.array([model.params_[k] for k in ("r", "alpha", "s", "beta")])

    def ll(u):  # lifetimes' log-likelihood (eq. 18 of Fader & Hardie's note 009) in log-params
        return lifetimes.ParetoNBDFitter._conditional_log_likelihood(np.exp(u), x, tx, T).sum()

    u, h = np.log(theta), 1e-4
    hess = np.empty((4, 4))
    for i in range(4):
        for j in range(4):
            ei, ej = np.eye(4)[i] * h, np.eye(4)[j] * h
            hess[i, j] = -(ll(u + ei + ej) - ll(u + ei - ej) - ll(u - ei + ej)
                           + ll(u - ei - ej)) / (4 * h * h)
    se = theta * np.sqrt(np.diag(np.linalg.inv(hess)))
    np.testing.assert_allclose(model.summary()["std_error"].to_numpy(), se, rtol=2e-3)


def test_intervals_are_on_the_log_scale_and_never_cross_zero():
    """Ten customers: b's standard error exceeds half its estimate, so a Wald interval on
    the natural scale would cross 0; the log-scale interval is est * exp(+-z se/est)."""
    x = [0, 0, 1, 1, 2, 3, 0, 1, 4, 2]
    tx = [0.0, 0.0, 10.0, 30.0, 20.0, 35.0, 0.0, 5.0, 36.0, 12.0]
    T = [38.0, 39.0, 38.0, 39.0, 37.0, 38.0, 36.0, 39.0, 38.0, 39.0]
    table = BetaGeo().fit(x, tx, T).summary(level=0.9)
    z = stats.norm.ppf(0.95)
    est, se = table["estimate"], table["std_error"]
    assert (est - z * se < 0).any()  # the natural-scale interval would cross 0 here
    np.testing.assert_allclose(table["lower_90%"], est * np.exp(-z * se / est), rtol=1e-12)
    np.testing.assert_allclose(table["upper_90%"], est * np.exp(z * se / est), rtol=1e-12)
    assert (table["lower_90%"] > 0).all()


@pytest.mark.parametrize("level", [0.0, 1.0, 1.5, -0.2, float("nan")])
def test_summary_level_must_lie_strictly_between_0_and_1(level):
    model = ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
    with pytest.raises(ValueError, match=r"level must be between 0 and 1 \(0 and 1 excluded\)"
                                         r"|level must be a finite number"):
        model.summary(level=level)


# ---------------------------------------------------------------- the check at the end


def test_check_optimum_refuses_a_saddle_point():
    """f(u) = u0^2 - u1^2 has gradient 0 at the origin but is no minimum there."""
    def grad(u):
        return np.array([2 * u[0], -2 * u[1]])

    with pytest.raises(ConvergenceError, match="Hessian of the negative log-likelihood is not "
                                               "positive definite"):
        check_optimum(grad, np.zeros(2), 1.0, model_name="toy", param_names=("a", "b"))


def test_check_optimum_refuses_a_point_with_a_slope():
    def grad(u):
        return 2 * (u - 1.0)

    with pytest.raises(ConvergenceError, match="gradient of the log-likelihood"):
        check_optimum(grad, np.zeros(2), 1.0, model_name="toy", param_names=("a", "b"))


def test_fit_positive_params_finds_a_known_minimum_and_its_covariance():
    """nll = sum((log theta - m)^2 / (2 v)): minimum at exp(m), log-scale variance v."""
    m, v = np.array([0.5, -1.0]), np.array([0.04, 0.25])

    def objective(theta, gradient):
        u = np.log(theta)
        value = float(np.sum((u - m) ** 2 / (2 * v)))
        return value, ((u - m) / v / theta if gradient else None)

    params, ll, cov = fit_positive_params(objective, [1.0, 1.0], model_name="toy",
                                          param_names=("a", "b"))
    np.testing.assert_allclose(params, np.exp(m), rtol=1e-8)
    assert ll == pytest.approx(0.0, abs=1e-12)
    # delta method: var(theta) = theta^2 var(log theta)
    np.testing.assert_allclose(np.diag(cov), np.exp(m) ** 2 * v, rtol=1e-6)


def test_paretonbd_cdnow_fit_reaches_the_optimum_not_the_start(cdnow):
    """Issue reproducer: the old search returned its start on CDNOW, 148 below the optimum.
    The published log-likelihood (BTYD walkthrough) is -9594.98."""
    x, tx, T = _rfm(cdnow)
    model = ParetoNBD().fit(x, tx, T)
    assert model.log_likelihood_ == pytest.approx(-9594.98, abs=0.01)
