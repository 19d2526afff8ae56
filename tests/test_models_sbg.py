"""Tests for the shifted-beta-geometric model (crmlib.models.ShiftedBetaGeometric)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.datasets import load_retention_survivors
from crmlib.models import BoundarySolutionError, ShiftedBetaGeometric


@pytest.fixture(scope="module")
def survivors() -> pd.DataFrame:
    return load_retention_survivors()


def _with(alpha: float, beta: float) -> ShiftedBetaGeometric:
    model = ShiftedBetaGeometric()
    model.params_ = {"alpha": alpha, "beta": beta}
    return model


# ------------------------------------------------------------- published values


def _loglik_by_recursion(survivors: list[int], alpha: float, beta: float) -> float:
    """Independent sBG log-likelihood, written out as in FH (2007) eqs. (6)-(7).

    P(T=1) = alpha/(alpha+beta); P(T=t) = (beta+t-2)/(alpha+beta+t-1) * P(T=t-1);
    S(t) = S(t-1) - P(T=t); the customers lost in year t contribute ln P(T=t), the
    survivors of the last year ln S(n).
    """
    p, s, ll = alpha / (alpha + beta), 1.0, 0.0
    for t in range(1, len(survivors)):
        if t > 1:
            p *= (beta + t - 2) / (alpha + beta + t - 1)
        s -= p
        ll += (survivors[t - 1] - survivors[t]) * math.log(p)
    return ll + survivors[-1] * math.log(s)


def test_sbg_matches_fader_hardie_2007_regular(survivors):
    """FH (2007) fit years 0-7 of the regular segment: alpha = 0.704, beta = 1.182."""
    model = ShiftedBetaGeometric().fit(survivors["regular"].loc[:7])
    assert model.params_["alpha"] == pytest.approx(0.704, abs=5e-4)
    assert model.params_["beta"] == pytest.approx(1.182, abs=5e-4)
    ll_at_published = _loglik_by_recursion(survivors["regular"].loc[:7].tolist(), 0.704, 1.182)
    assert model.log_likelihood_ == pytest.approx(ll_at_published, abs=0.05)
    assert model.log_likelihood_ >= ll_at_published - 1e-9  # the MLE is at least as good


def test_sbg_matches_fader_hardie_2007_high_end(survivors):
    """FH (2007) fit years 0-7 of the high-end segment: alpha = 0.668, beta = 3.806."""
    model = ShiftedBetaGeometric().fit(survivors["high_end"].loc[:7])
    assert model.params_["alpha"] == pytest.approx(0.668, abs=5e-4)
    assert model.params_["beta"] == pytest.approx(3.806, abs=5e-4)
    ll_at_published = _loglik_by_recursion(survivors["high_end"].loc[:7].tolist(), 0.668, 3.806)
    assert model.log_likelihood_ == pytest.approx(ll_at_published, abs=0.05)
    assert model.log_likelihood_ >= ll_at_published - 1e-9


@pytest.mark.parametrize("segment", ["regular", "high_end"])
def test_sbg_projection_tracks_holdout_years_8_to_12(survivors, segment):
    """FH (2007): fitted to years 0-7, the projection follows years 8-12 closely."""
    model = ShiftedBetaGeometric().fit(survivors[segment].loc[:7])
    proj = model.project(12)
    actual = survivors[segment].loc[8:12].to_numpy()
    np.testing.assert_allclose(proj["expected_survivors"].loc[8:12], actual, rtol=0.05)
    assert proj["observed"].loc[:7].tolist() == survivors[segment].loc[:7].tolist()
    assert proj["observed"].loc[8:].isna().all()
    assert np.isnan(proj["retention_rate"].loc[0])


def test_sbg_summary_has_standard_errors(survivors):
    model = ShiftedBetaGeometric().fit(survivors["regular"].loc[:7])
    table = model.summary()
    assert list(table.index) == ["alpha", "beta"]
    assert (table["std_error"] > 0).all()
    assert "alpha=0.704" in repr(model)


# ------------------------------------------------------------- hand calculations


def test_sbg_formulas_by_hand_for_alpha_beta_one():
    # alpha = beta = 1: theta ~ Uniform(0, 1)
    m = _with(1.0, 1.0)
    assert m.churn_probability(1) == pytest.approx(0.5)  # B(2,1)/B(1,1) = (1/2)/1
    assert m.churn_probability(2) == pytest.approx(1 / 6)  # B(2,2) = 1/6
    assert m.survival(1) == pytest.approx(1 / 2)  # B(1,2) = 1/2
    assert m.survival(2) == pytest.approx(1 / 3)  # B(1,3) = 1/3
    assert m.retention_rate(2) == pytest.approx(2 / 3)  # (1+2-1)/(1+1+2-1)
    # DEL = 2F1(1, 1; 2; z) = -ln(1 - z) / z with z = 1/1.1
    z = 1 / 1.1
    assert m.discounted_expected_lifetime(0.1) == pytest.approx(-math.log(1 - z) / z)


def test_sbg_del_tends_to_homogeneous_geometric():
    # alpha, beta -> infinity with alpha/(alpha+beta) = 0.2: everyone churns with theta = 0.2,
    # DEL = sum_t (0.8/1.1)^t = 1.1 / (0.1 + 0.2); DERL = 0.8 * 1.1 / 0.3
    m = _with(0.2e7, 0.8e7)
    assert m.discounted_expected_lifetime(0.1) == pytest.approx(1.1 / 0.3, rel=1e-5)
    assert m.discounted_expected_residual_lifetime(0.1, 4) == pytest.approx(0.8 * 1.1 / 0.3,
                                                                            rel=1e-5)


@pytest.mark.parametrize(("alpha", "beta"), [(0.704, 1.182), (0.668, 3.806), (2.5, 0.4)])
@pytest.mark.parametrize("d", [0.05, 0.1, 0.3])
def test_sbg_del_and_derl_equal_their_defining_sums(alpha, beta, d):
    """Fader & Hardie (2010): DEL = sum_{t>=0} S(t)/(1+d)^t; DERL sums S(t)/S(n-1) from t=n."""
    m = _with(alpha, beta)
    t = np.arange(0, 4000)
    assert m.discounted_expected_lifetime(d) == pytest.approx(
        np.sum(m.survival(t) * (1 + d) ** -t.astype(float)), rel=1e-9)
    for renewals in (0, 1, 4, 10):
        n = renewals + 1
        tail = np.arange(n, 4000)
        brute = np.sum(m.survival(tail) / m.survival(n - 1) * (1 + d) ** -(tail - float(n)))
        assert m.discounted_expected_residual_lifetime(d, renewals) == pytest.approx(brute,
                                                                                     rel=1e-9)


# ------------------------------------------------------------- laws

params = st.tuples(st.floats(0.05, 50), st.floats(0.05, 50))


@settings(max_examples=60, deadline=None)
@given(params)
def test_sbg_survival_laws(ab):
    m = _with(*ab)
    t = np.arange(0, 30)
    s = m.survival(t)
    assert m.survival(0) == 1.0
    assert np.all(np.diff(s) < 0)
    assert np.all(np.diff(m.retention_rate(t[1:])) > 0)
    # churn in periods 1..n plus survival past n accounts for everyone
    assert np.sum(m.churn_probability(t[1:])) + s[-1] == pytest.approx(1.0)
    # r_t = S(t) / S(t-1)
    np.testing.assert_allclose(m.retention_rate(t[1:]), s[1:] / s[:-1], rtol=1e-9)


@settings(max_examples=40, deadline=None)
@given(params, st.floats(0.01, 1.0), st.integers(0, 20))
def test_sbg_derl_rises_with_tenure_and_falls_with_discounting(ab, d, k):
    m = _with(*ab)
    assert m.discounted_expected_residual_lifetime(d, k + 1) > (
        m.discounted_expected_residual_lifetime(d, k) * (1 - 1e-12))
    assert m.discounted_expected_lifetime(d * 1.5) < m.discounted_expected_lifetime(d)


def test_sbg_accepts_lists_series_and_arrays(survivors):
    data = survivors["regular"].loc[:7]
    a = ShiftedBetaGeometric().fit(data)
    b = ShiftedBetaGeometric().fit(data.tolist())
    c = ShiftedBetaGeometric().fit(np.asarray(data, dtype=float))
    assert a.params_ == pytest.approx(b.params_) and b.params_ == pytest.approx(c.params_)
    assert a.fit(data) is a
    assert isinstance(a.survival([1, 2]), np.ndarray) and isinstance(a.survival(1), float)


def test_sbg_cohort_whose_churn_rises_is_a_boundary_solution():
    """Churn 60% -> 75% -> 100% never falls, so the sBG has no finite best fit.

    The likelihood rises as alpha, beta -> infinity with alpha/(alpha+beta)
    fixed: the limit is a constant churn theta for everyone (the geometric
    model), whose estimate is customers lost / customer-periods at risk:
    (100 - 0) / (100 + 40 + 10) = 2/3.
    """
    with pytest.raises(BoundarySolutionError,
                       match="a churn probability per period of 0.667 for everyone") as info:
        ShiftedBetaGeometric().fit([100, 40, 10, 0])
    assert info.value.limit == {"churn probability per period": pytest.approx(2 / 3, rel=1e-12)}


def test_sbg_cohort_that_splits_into_leavers_and_stayers_is_a_boundary_solution():
    """Half leave at once, the rest never: the limit is churn 1 for a share 0.5, 0 for the others.

    That is Beta(alpha, beta) with alpha, beta -> 0 and alpha/(alpha+beta) = 0.5.
    """
    with pytest.raises(BoundarySolutionError, match="is either 1 or 0") as info:
        ShiftedBetaGeometric().fit([100, 50, 50, 50])
    share = info.value.limit["share with churn probability per period 1"]
    assert share == pytest.approx(0.5, abs=1e-3)


def test_sbg_returns_a_finite_fit_where_the_optimum_is_interior():
    """Retention 0.60, 0.60, 0.61, 0.59: nearly constant, but the likelihood is highest at a
    finite point (both 10x larger parameters, same ratio, are less likely), so no error."""
    m = ShiftedBetaGeometric().fit([100, 60, 36, 22, 13])
    a, b = m.params_["alpha"], m.params_["beta"]
    worse, _ = ShiftedBetaGeometric._objective(np.array([10 * a, 10 * b]),
                                               np.array([100, 60, 36, 22, 13.0]))
    assert -worse < m.log_likelihood_


# ------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ([1000], "survivors must hold at least 2 counts"),
        ([1000, 631.5], "survivors must be whole numbers of customers; entry 1 is 631.5"),
        ([0, 0], "survivors must start with the cohort size, greater than 0; got 0"),
        ([1000, 600, 700], "survivors must never increase .*entry 2 is 700 after 600"),
        ([1000, -1], "survivors must contain only values of at least 0; entry 1 is -1"),
        ([1000, float("nan")], "survivors must contain only finite numbers"),
    ],
)
def test_sbg_fit_rejects_bad_survivors(data, match):
    with pytest.raises(ValueError, match=match):
        ShiftedBetaGeometric().fit(data)


def test_sbg_fit_rejects_bad_initial_params():
    with pytest.raises(TypeError, match="initial_params must be a dict"):
        ShiftedBetaGeometric().fit([10, 5], initial_params=[1, 1])
    with pytest.raises(ValueError, match=r"initial_params must have exactly the keys alpha, beta"):
        ShiftedBetaGeometric().fit([10, 5], initial_params={"alpha": 1})
    with pytest.raises(ValueError, match=r"initial_params\['beta'\] must be greater than 0"):
        ShiftedBetaGeometric().fit([10, 5], initial_params={"alpha": 1, "beta": -2})


def test_sbg_prediction_inputs_are_checked():
    m = _with(0.7, 1.2)
    with pytest.raises(ValueError, match="t must contain only values of at least 1; entry 0 is 0"):
        m.churn_probability(0)
    with pytest.raises(ValueError, match="t must contain only values of at least 0"):
        m.survival(-1)
    with pytest.raises(ValueError, match="t must contain only whole numbers of periods; entry 1"):
        m.retention_rate([1, 2.5])
    with pytest.raises(ValueError, match="discount_rate must be greater than 0; got 0"):
        m.discounted_expected_lifetime(0)
    with pytest.raises(ValueError, match="n_renewals must be a whole number of at least 0; got -1"):
        m.discounted_expected_residual_lifetime(0.1, -1)
    with pytest.raises(ValueError, match="discount_rate must be greater than 0"):
        m.discounted_expected_residual_lifetime(-0.1, 1)


def test_sbg_project_checks_n_periods():
    m = ShiftedBetaGeometric().fit([1000, 631, 468])
    with pytest.raises(ValueError, match="n_periods must be a whole number of at least 1; got 0"):
        m.project(0)


def test_sbg_unfitted_model_says_so():
    with pytest.raises(RuntimeError, match="has not been fitted yet"):
        ShiftedBetaGeometric().survival(1)
    assert repr(ShiftedBetaGeometric()) == "<ShiftedBetaGeometric: not fitted>"


def test_sbg_from_published_params_projects_and_plots_like_a_fitted_model():
    """Fader & Hardie (2007) "regular" cohort, alpha = 0.704, beta = 1.182, from parameters.

    Issue reproducer: project(5) raised AttributeError and the plot IndexError.
    S(1) = beta / (alpha + beta) = 1.182 / 1.886 by hand; with no fitted cohort the
    projection is per customer (size 1) unless a cohort size is given.
    """
    from crmlib.plotting import plot_sbg_retention, plot_sbg_survival

    model = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
    per_customer = model.project(5)
    assert per_customer.loc[1, "expected_survivors"] == pytest.approx(1.182 / 1.886)
    assert per_customer["observed"].isna().all()
    cohort = model.project(5, cohort_size=1000)
    assert cohort.loc[1, "expected_survivors"] == pytest.approx(1000 * 1.182 / 1.886)
    counts = [1000, 631, 468, 382, 326]
    ax = plot_sbg_survival(model, counts)
    assert ax.lines[1].get_xdata().size == 0 and ax.lines[2].get_xdata().size == 5
    ax = plot_sbg_retention(model, counts)
    assert ax.lines[2].get_ydata()[0] == pytest.approx(0.631)
    with pytest.raises(ValueError, match="cohort_size must be greater than 0; got -5"):
        model.project(5, cohort_size=-5)


def test_sbg_periods_beyond_exact_whole_numbers_are_refused():
    """Issue reproducer: survival(1e20) wrapped around int64 and returned a wrong number."""
    model = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
    with pytest.raises(ValueError, match=r"t must be at most 2\^53 periods; entry 0 is 1e\+20"):
        model.survival(1e20)


def test_sbg_projection_table_is_at_most_100000_periods():
    m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
    with pytest.raises(ValueError, match=r"^n_periods must be at most 100000 \(one table row per "
                                         r"period\); got 1e\+308$"):
        m.project(1e308)
    assert len(m.project(100_000)) == 100_001


def test_a_vanishing_discount_rate_is_refused_where_the_lifetime_has_no_useful_bound():
    """Before: d = 5e-324 gave a numpy overflow warning and then the sum of the first
    20,000,000 terms of a divergent series (alpha <= 1: S(t) falls like t^-alpha, so the
    undiscounted lifetime has no end) as if it were the lifetime."""
    model = ShiftedBetaGeometric.from_params(alpha=0.668, beta=3.806)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(ValueError, match=r"discount_rate is too small for this cohort "
                                             r"\(alpha = 0\.668\).*got 5e-324"):
            model.discounted_expected_lifetime(5e-324)
        with pytest.raises(ValueError, match="discount_rate is too small"):
            model.discounted_expected_residual_lifetime(5e-324, 2)
        # alpha > 1: the undiscounted lifetime is finite, 2F1(1, b; a+b; 1) = (a+b-1)/(a-1)
        converging = ShiftedBetaGeometric.from_params(alpha=3.0, beta=3.806)
        assert converging.discounted_expected_lifetime(5e-324) == pytest.approx(
            (3.0 + 3.806 - 1) / (3.0 - 1))
