"""BG/NBD (crmlib.models.BetaGeo) against Fader, Hardie & Lee (2005), Hardie's CDNOW
worksheet, the R package BTYD and the Python package lifetimes."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from _cdnow_fixtures import BGNBD_PUBLISHED, cdnow_summary, fitted_bgnbd
from hypothesis import given
from hypothesis import strategies as st

from crmlib.models import BetaGeo, BoundarySolutionError

PUBLISHED = BGNBD_PUBLISHED  # FHL 2005, CDNOW sample


def published_model() -> BetaGeo:
    return BetaGeo.from_params(**PUBLISHED)


# ---------------------------------------------------------------- published numbers
def test_cdnow_summary_is_the_papers_calibration_sample():
    """FHL 2005: 2,357 customers, 39-week calibration; the first customer's T is 38.86 weeks
    (Hardie's worksheet), and 1,411 customers with no repeat purchase made 334 holdout
    purchases (the paper's zero class)."""
    s = cdnow_summary()
    assert len(s) == 2357
    assert s["T"].iloc[0] == pytest.approx(38.86, abs=0.005)
    zero = s["frequency"] == 0
    assert zero.sum() == 1411
    assert s.loc[zero, "frequency_holdout"].sum() == 334


def test_bgnbd_matches_fader_hardie_lee_2005():
    """Our pipeline's summary -> our fit reproduces the published CDNOW estimates
    r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 and LL = -9582.4 (FHL 2005, Sec. 5)."""
    model = fitted_bgnbd()
    for name, value in PUBLISHED.items():
        assert model.params_[name] == pytest.approx(value, abs=0.002), name
    assert model.log_likelihood_ == pytest.approx(-9582.4, abs=0.1)
    table = model.summary()
    assert list(table.index) == ["r", "alpha", "a", "b"]
    assert (table["std_error"] > 0).all()


def test_bgnbd_conditional_expectation_matches_hardie_worksheet():
    """Customer with x = 2, t_x = 30.43, T = 38.86 buys 1.226 times in the next 39 weeks
    (FHL 2005 worked example / Hardie's BG/NBD spreadsheet)."""
    assert fitted_bgnbd().conditional_expected_purchases(39, 2, 30.43, 38.86) == pytest.approx(
        1.226, abs=0.001
    )


def test_bgnbd_expected_purchases_matches_hardie_worksheet():
    """E[X(t)] tabulated in Hardie's BG/NBD spreadsheet for the CDNOW estimates."""
    times = np.array([0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0])
    expected = np.array([0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576])
    np.testing.assert_allclose(fitted_bgnbd().expected_purchases(times), expected, atol=1e-3)


def test_bgnbd_probability_of_purchases_match_btyd_documentation():
    """BTYD reference manual, bgnbd.pmf with params (0.243, 4.414, 0.793, 2.426)."""
    model = published_model()
    assert model.probability_of_purchases(10, 2) == pytest.approx(1.07869e-07, rel=1e-4)
    assert model.probability_of_purchases(0, 39) == pytest.approx(0.5737864, abs=1e-6)
    btyd_11_to_20 = [0.0019995214, 0.0015170236, 0.0011633150, 0.0009003148, 0.0007023638,
                     0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.0002222260]
    np.testing.assert_allclose(model.probability_of_purchases(np.arange(11, 21), 30), btyd_11_to_20,
                               rtol=1e-6)


def test_bgnbd_holdout_validation_matches_fader_hardie_lee_2005():
    """FHL 2005 holdout (weeks 40-78): conditional expectation of the zero class 0.23
    (actual 334/1411 = 0.24), correlation of predicted with actual holdout purchases 0.626,
    and cumulative repeat sales to week 78 under-forecast by about 4%."""
    s = cdnow_summary()
    model = fitted_bgnbd()
    predicted = model.conditional_expected_purchases(39, s["frequency"], s["recency"], s["T"])
    assert isinstance(predicted, pd.Series) and predicted.index.equals(s.index)
    zero = s["frequency"] == 0
    assert round(predicted[zero].mean(), 2) == 0.23
    assert round(s.loc[zero, "frequency_holdout"].mean(), 2) == 0.24
    assert np.corrcoef(predicted, s["frequency_holdout"])[0, 1] == pytest.approx(0.626, abs=5e-4)
    cumulative = np.sum(model.expected_purchases(s["T"].to_numpy() + 39))
    actual = s["frequency"].sum() + s["frequency_holdout"].sum()
    assert round(100 * (1 - cumulative / actual)) == 4


def test_integer_week_summary_gives_different_estimates():
    """Teaching point: rounding the clock to whole weeks (grain="W") changes the data the
    model sees, so the estimates move far from the published continuous-time ones
    (r 0.243 -> about 0.28, alpha 4.41 -> about 6.6)."""
    s = cdnow_summary("W")
    weekly = BetaGeo().fit(s["frequency"], s["recency"], s["T"])
    continuous = fitted_bgnbd()
    assert abs(weekly.params_["r"] - continuous.params_["r"]) > 0.02
    assert abs(weekly.params_["alpha"] - continuous.params_["alpha"]) > 1.0
    assert abs(weekly.log_likelihood_ - continuous.log_likelihood_) > 100


# ------------------------------------------------------------ independent implementation
def test_bgnbd_fit_agrees_with_lifetimes():
    """lifetimes' BetaGeoFitter on the same summary finds the same maximum."""
    lifetimes = pytest.importorskip("lifetimes")
    s = cdnow_summary()
    ref = lifetimes.BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"])
    ours = fitted_bgnbd()
    for name in PUBLISHED:
        assert ours.params_[name] == pytest.approx(ref.params_[name], rel=1e-3), name


def _lifetimes_with(params: dict[str, float]):
    lifetimes = pytest.importorskip("lifetimes")
    ref = lifetimes.BetaGeoFitter()
    ref.params_ = pd.Series(params)
    return ref


def test_bgnbd_predictions_match_lifetimes_with_identical_params():
    ref = _lifetimes_with(PUBLISHED)
    ours = published_model()
    x = np.array([0, 1, 2, 5, 10, 30, 60])
    tx = np.array([0.0, 1.7, 30.43, 20.0, 38.0, 37.0, 10.0])
    T = np.array([38.86, 38.86, 38.86, 50.0, 39.0, 52.0, 80.0])
    np.testing.assert_allclose(
        ours.probability_alive(x, tx, T), ref.conditional_probability_alive(x, tx, T), rtol=1e-9
    )
    for t in (1.0, 39.0, 104.0):
        np.testing.assert_allclose(
            ours.conditional_expected_purchases(t, x, tx, T),
            ref.conditional_expected_number_of_purchases_up_to_time(t, x, tx, T), rtol=1e-8,
        )
    times = np.array([0.5, 10.0, 39.0, 78.0, 500.0])
    np.testing.assert_allclose(
        ours.expected_purchases(times), ref.expected_number_of_purchases_up_to_time(times),
        rtol=1e-9,
    )
    probs = ours.probability_of_purchases(np.arange(9), 39.0)
    expected = [ref.probability_of_n_purchases_up_to_time(39.0, n) for n in range(9)]
    np.testing.assert_allclose(probs, expected, rtol=1e-8)


# ------------------------------------------------------------------------- properties
customers = st.tuples(
    st.integers(0, 400),
    st.floats(0.0, 1.0),
    st.floats(0.01, 2000.0),
).map(lambda c: (c[0], 0.0 if c[0] == 0 else c[1] * c[2], c[2]))


@given(customers)
def test_bgnbd_probability_alive_is_a_probability_and_one_without_repeats(c):
    x, tx, T = c
    p = published_model().probability_alive(x, tx, T)
    assert 0.0 <= p <= 1.0
    if x == 0:
        assert p == 1.0


@given(customers, st.floats(0.1, 200.0))
def test_bgnbd_conditional_expectation_is_finite_and_increasing_in_t(c, t):
    x, tx, T = c
    model = published_model()
    now = model.conditional_expected_purchases(t, x, tx, T)
    later = model.conditional_expected_purchases(t * 1.5, x, tx, T)
    assert np.isfinite(now) and 0.0 <= now <= later * (1 + 1e-12)


@given(st.integers(0, 200), st.floats(1.0, 500.0))
def test_bgnbd_conditional_expectation_increases_with_frequency_at_recency_T(x, T):
    """A customer who just bought (recency = T) is expected to buy more the more they bought."""
    model = published_model()
    low = model.conditional_expected_purchases(39, x, T if x else 0.0, T)
    high = model.conditional_expected_purchases(39, x + 1, T, T)
    assert high > low


def test_bgnbd_expected_purchases_is_zero_at_zero_and_rises():
    model = published_model()
    assert model.expected_purchases(0) == 0.0
    values = model.expected_purchases(np.linspace(0, 200, 41))
    assert np.all(np.diff(values) > 0)


def test_bgnbd_probability_of_purchases_sum_to_one_with_mean_equal_to_expectation():
    """P(X(t)=x) (eq. 8) and E[X(t)] (eq. 7) are separate formulas: they must agree."""
    model = published_model()
    probs = model.probability_of_purchases(np.arange(401), 39.0)
    assert probs.sum() == pytest.approx(1.0, abs=1e-6)
    assert (np.arange(401) * probs).sum() == pytest.approx(model.expected_purchases(39.0),
                                                           rel=1e-5)


def test_bgnbd_stays_finite_for_long_histories_and_many_purchases():
    """The 2F1 term of eq. 10 overflows for large x unless transformed (the #NUM! problem)."""
    model = published_model()
    x = np.array([300, 300, 1000])
    tx = np.array([999.0, 500.0, 999.9])
    T = np.array([1000.0, 1000.0, 1000.0])
    ll = model.log_likelihood(x, tx, T)
    pred = model.conditional_expected_purchases(52, x, tx, T)
    assert np.all(np.isfinite(ll)) and np.all(np.isfinite(pred))
    # a customer who bought weekly until last week keeps buying at about that rate
    assert pred[0] == pytest.approx(52 * 300 / 1000, rel=0.05)
    assert model.probability_alive(300, 500.0, 1000.0) < 1e-6


def test_bgnbd_near_a_equal_one_is_continuous():
    """eq. 7 and 10 divide by a - 1; the value at a = 1 is the limit."""
    values = [BetaGeo.from_params(r=0.3, alpha=5.0, a=a, b=2.0).expected_purchases(39.0)
              for a in (1 - 1e-4, 1.0, 1 + 1e-4)]
    assert values[1] == pytest.approx(np.mean([values[0], values[2]]), rel=1e-6)


def test_bgnbd_weights_equal_repeated_rows():
    s = cdnow_summary()
    grouped = s.groupby(["frequency", "recency", "T"]).size().reset_index(name="n")
    weighted = BetaGeo().fit(grouped["frequency"], grouped["recency"], grouped["T"],
                             weights=grouped["n"])
    assert weighted.log_likelihood_ == pytest.approx(fitted_bgnbd().log_likelihood_, abs=1e-4)
    for name in PUBLISHED:
        assert weighted.params_[name] == pytest.approx(fitted_bgnbd().params_[name], rel=1e-4)


def test_bgnbd_plain_inputs_give_arrays_and_floats():
    model = published_model()
    assert isinstance(model.probability_alive(2, 30.43, 38.86), float)
    out = model.probability_alive([2, 0], [30.43, 0.0], 38.86)
    assert isinstance(out, np.ndarray) and out.shape == (2,)


def test_bgnbd_repr_and_from_params():
    assert repr(BetaGeo()) == "<BetaGeo: not fitted>"
    assert "r=0.243" in repr(published_model())


# ------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("frequency", "recency", "T", "error", "match"),
    [
        ([1, 2], [5.0, 40.1], [38.9, 38.9], ValueError,
         r"recency must not exceed T; customer at position 1 has recency 40.1 > T 38.9"),
        ([1.5], [5.0], [38.9], ValueError, r"frequency must contain whole numbers.*position 0"),
        ([0], [3.2], [38.9], ValueError, r"recency must be 0 when frequency is 0.*recency 3.2"),
        ([-1], [0.0], [38.9], ValueError, r"frequency must contain only values of at least 0"),
        ([1], [0.0], [0.0], ValueError, r"T must contain only values greater than 0"),
        ([1, 2, 3], [1.0, 2.0], [5.0, 5.0, 5.0], ValueError,
         r"frequency, recency and T must have the same length.*3, 2 and 3"),
        ([1], [float("nan")], [5.0], ValueError, r"recency must contain only finite numbers"),
        (pd.DataFrame({"a": [1]}), [1.0], [5.0], TypeError, r"frequency must be one column"),
    ],
)
def test_bgnbd_rejects_impossible_summaries(frequency, recency, T, error, match):
    with pytest.raises(error, match=match):
        BetaGeo().fit(frequency, recency, T)
    with pytest.raises(error, match=match):
        published_model().probability_alive(frequency, recency, T)


def test_bgnbd_points_out_the_dataframe_transpose_trap():
    s = cdnow_summary()
    with pytest.raises(TypeError, match=r"summary\.T is pandas' transpose"):
        BetaGeo().fit(s["frequency"], s["recency"], s.T)


def test_bgnbd_rejects_bad_weights_and_starting_values():
    with pytest.raises(ValueError, match="weights must have one entry per row"):
        BetaGeo().fit([1, 2], [1.0, 2.0], [5.0, 5.0], weights=[1.0])
    with pytest.raises(ValueError, match="weights must not all be 0; got 2 zeros"):
        BetaGeo().fit([1, 2], [1.0, 2.0], [5.0, 5.0], weights=[0.0, 0.0])
    with pytest.raises(ValueError,
                       match="weights must contain only values of at least 0; entry 1 is -1"):
        BetaGeo().fit([1, 2], [1.0, 2.0], [5.0, 5.0], weights=[1.0, -1.0])
    with pytest.raises(ValueError, match=r"initial_params must have exactly the keys r, alpha"):
        BetaGeo().fit([1, 2], [1.0, 2.0], [5.0, 5.0], initial_params={"r": 1.0})
    with pytest.raises(ValueError, match=r"initial_params\['a'\] must be greater than 0"):
        BetaGeo().fit([1, 2], [1.0, 2.0], [5.0, 5.0],
                      initial_params={"r": 1.0, "alpha": 1.0, "a": -1.0, "b": 1.0})
    with pytest.raises(ValueError, match=r"params must be exactly r, alpha, a, b"):
        BetaGeo.from_params(r=1.0, alpha=1.0, a=1.0)
    with pytest.raises(ValueError, match=r"alpha must be greater than 0; got -1"):
        BetaGeo.from_params(r=1.0, alpha=-1.0, a=1.0, b=1.0)


def test_bgnbd_rejects_bad_prediction_arguments():
    model = published_model()
    with pytest.raises(ValueError, match="t must contain only values of at least 0"):
        model.expected_purchases(-1.0)
    with pytest.raises(ValueError, match="t must be a single number or have one entry per"):
        model.conditional_expected_purchases([1.0, 2.0, 3.0], [1, 2], [1.0, 2.0], 5.0)
    with pytest.raises(ValueError, match="x must contain only values of at least 0; entry 0 is -1"):
        model.probability_of_purchases(-1, 39.0)
    with pytest.raises(ValueError, match="t must be 0 or greater"):
        model.probability_of_purchases(3, -2.0)


def test_bgnbd_must_be_fitted_before_predicting():
    with pytest.raises(RuntimeError, match=r"BetaGeo has not been fitted yet; call \.fit"):
        BetaGeo().expected_purchases(10.0)


def test_bgnbd_fit_without_any_repeat_buyer_is_a_boundary_solution():
    """With no repeat purchase at all the best fit is "nobody buys again": say so, no NaNs.

    The likelihood of 50 customers with x = 0 rises as the purchase rate r/alpha
    falls to 0, and then says nothing about the drop-out parameters a and b.
    """
    with pytest.raises(BoundarySolutionError, match="no customer buys again") as info:
        BetaGeo().fit(np.zeros(50), np.zeros(50), np.full(50, 39.0))
    assert info.value.limit == {"purchase rate": 0.0}
    assert "the data say nothing about a and b" in str(info.value)


@pytest.mark.slow
def test_bgnbd_and_gammagamma_recover_the_parameters_of_a_simulated_base():
    """Fit on data simulated with known parameters (crmlib.datasets.simulate_transactions).

    The truth is the simulator's input (the CDNOW estimates); each estimate must
    lie within 3.5 of its own standard errors of it. Same-day purchases merge in
    the summary, a small bias the tolerance absorbs.
    """
    from crmlib.datasets import simulate_transactions
    from crmlib.models import GammaGamma
    from crmlib.transactions import rfm_summary

    truth = {**BGNBD_PUBLISHED, "p": 6.25, "q": 3.74,
             "gamma": 15.44}
    log = simulate_transactions(30_000, seed=11, **truth)
    summary = rfm_summary(log, freq="W", observation_end="1998-06-30")
    bgnbd = BetaGeo().fit(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[summary["frequency"] > 0]
    spend = GammaGamma().fit(repeat["frequency"], repeat["monetary_value"])
    for model in (bgnbd, spend):
        table = model.summary()
        for name, row in table.iterrows():
            assert abs(row["estimate"] - truth[name]) < 3.5 * row["std_error"], (name, row)


def _growth_by_scipy_quad(r, alpha, a, b, x, base, t):
    """Independent oracle: E[(1 - exp(-lambda p t)) / p] by adaptive quadrature over p.

    lambda ~ Gamma(r + x, alpha + base) is integrated in closed form (its Laplace
    transform); p ~ Beta(a, b + x) numerically with scipy.integrate.quad.
    """
    from scipy import integrate, stats

    rp, ap, bp = r + x, alpha + base, b + x

    def f(p):
        return np.exp(stats.beta.logpdf(p, a, bp)) * -np.expm1(-rp * np.log1p(p * t / ap)) / p

    lo, hi = stats.beta.ppf(1e-15, a, bp), stats.beta.isf(1e-15, a, bp)
    mode = a / (a + bp)
    return integrate.quad(f, lo, hi, limit=500, epsabs=0, epsrel=1e-11,
                          points=[mode] if lo < mode < hi else None)[0]


@pytest.mark.parametrize(
    "params",
    [
        (0.243, 4.414, 0.793, 2.426),      # CDNOW, FHL 2005
        (0.2389, 4.825, 3816.0, 2.918e6),  # a fit near the no-heterogeneity limit (issue)
        (0.5, 5.0, 500.0, 5e4),
        (0.5, 5.0, 0.5, 5e4),
        (1.6e6, 1.6e7, 0.001, 4e5),
    ],
)
def test_bgnbd_predictions_stay_finite_and_accurate_over_the_parameter_range(params):
    r, alpha, a, b = params
    model = BetaGeo.from_params(r=r, alpha=alpha, a=a, b=b)
    new = model.expected_purchases(52.0)
    assert new == pytest.approx(_growth_by_scipy_quad(r, alpha, a, b, 0, 0.0, 52.0), rel=1e-6)
    alive = model.probability_alive(3, 30.0, 50.0)
    cond = model.conditional_expected_purchases(39.0, 3, 30.0, 50.0)
    growth = _growth_by_scipy_quad(r, alpha, a, b, 3, 50.0, 39.0)
    assert 0 <= alive <= 1
    assert cond == pytest.approx(alive * growth, rel=1e-6)


def test_bgnbd_expected_purchases_at_huge_a_b_matches_the_issue_value():
    """At r=0.2389, alpha=4.825, a=3816, b=2.918e6 the true E[X(52)] is 2.55247 (quadrature)."""
    model = BetaGeo.from_params(r=0.2389, alpha=4.825, a=3816, b=2.918e6)
    assert model.expected_purchases(52) == pytest.approx(2.55247, abs=2e-5)


def test_bgnbd_frequency_beyond_exact_counts_is_refused():
    with pytest.raises(ValueError, match=r"^frequency must contain at most 2\^53 purchases; "
                                         r"customer at position 1 has 1e\+308$"):
        BetaGeo.from_params(**PUBLISHED).log_likelihood([0.0, 1e308], [0.0, 30.0], 38.0)


def test_a_horizon_beyond_what_can_be_computed_is_refused_not_guessed():
    """Before: t = 1e308 gave a numpy overflow warning and then about 201 expected purchases
    for a customer with 2 repeat purchases, although with a < 1 the expected number grows
    without bound (E[1/p] is infinite); t = 1e20 gave fewer than t = 1e8 (201 and 250)."""
    model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(ValueError, match=r"t must be at most 10,000 x \(alpha \+ T\) = "
                                             r"424,140 .*got t=1e\+308"):
            model.conditional_expected_purchases(1e308, 2.0, 30.0, 38.0)
        with pytest.raises(ValueError, match="t must be at most"):
            model.conditional_expected_purchases(1e20, 2.0, 30.0, 38.0)
        # a > 1: the limit is finite, P(alive) (a+b+x-1)/(a-1) (every purchase a chance to leave)
        finite = BetaGeo.from_params(r=0.243, alpha=4.414, a=1.793, b=2.426)
        assert finite.conditional_expected_purchases(1e308, 2.0, 30.0, 38.0) == pytest.approx(
            finite.probability_alive(2.0, 30.0, 38.0) * (1.793 + 2.426 + 2 - 1) / (1.793 - 1))
