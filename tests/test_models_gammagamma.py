"""Gamma-Gamma spend model and CLV (crmlib.models.GammaGamma) against Fader & Hardie
(2013), Hardie's CDNOW spreadsheet, lifetimes and hand calculations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _cdnow_fixtures import (
    BGNBD_PUBLISHED,
    GG_PUBLISHED,
    PARETO_PUBLISHED,
    cdnow_summary,
    fitted_bgnbd,
    fitted_gammagamma,
    repeat_buyers,
)
from hypothesis import given
from hypothesis import strategies as st

from crmlib.models import BetaGeo, GammaGamma, ParetoNBD

PUBLISHED = GG_PUBLISHED  # Fader & Hardie 2013, CDNOW sample


def published_model() -> GammaGamma:
    return GammaGamma.from_params(**PUBLISHED)


class ConstantRateModel:
    """Hand-checkable stand-in for a transaction model: 0.5 purchases per time unit."""

    def conditional_expected_purchases(self, t, frequency, recency, T):
        return 0.5 * t * np.ones(np.shape(frequency))


# ---------------------------------------------------------------- published numbers
def test_gammagamma_matches_fader_hardie_2013():
    """The 946 repeat buyers of the CDNOW sample, monetary value = mean repeat-transaction
    value in the 39-week calibration period: p = 6.25, q = 3.74, gamma = 15.44."""
    assert len(repeat_buyers()) == 946
    model = fitted_gammagamma()
    assert model.n_customers_ == 946
    for name, value in PUBLISHED.items():
        assert model.params_[name] == pytest.approx(value, abs=0.005), name
    assert (model.summary()["std_error"] > 0).all()


def test_gammagamma_conditional_spend_matches_hardie_spreadsheet():
    """E(Z | x, z-bar) of the first ten CDNOW customers in Hardie's gamma-gamma
    spreadsheet (note 025); customers without repeat purchases get the mean 35.17."""
    s = cdnow_summary().head(10)
    expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17]
    spend = fitted_gammagamma().conditional_expected_spend(s["frequency"], s["monetary_value"])
    assert isinstance(spend, pd.Series) and spend.index.equals(s.index)
    np.testing.assert_allclose(spend, expected, atol=0.006)


def test_gammagamma_population_mean_is_hand_calculation():
    # p * gamma / (q - 1) = 6.25 * 15.44 / 2.74 = 35.2189...
    assert published_model().conditional_expected_spend(0, 0.0) == pytest.approx(
        6.25 * 15.44 / 2.74, rel=1e-12
    )
    # one repeat purchase of 50: p (gamma + x z) / (p x + q - 1) = 6.25 * 65.44 / 8.99
    assert published_model().conditional_expected_spend(1, 50.0) == pytest.approx(
        6.25 * 65.44 / 8.99, rel=1e-12
    )


# ------------------------------------------------------------ independent implementation
def test_gammagamma_fit_agrees_with_lifetimes():
    lifetimes = pytest.importorskip("lifetimes")
    r = repeat_buyers()
    ref = lifetimes.GammaGammaFitter().fit(r["frequency"], r["monetary_value"])
    ours = fitted_gammagamma()
    for ours_name, ref_name in (("p", "p"), ("q", "q"), ("gamma", "v")):
        assert ours.params_[ours_name] == pytest.approx(ref.params_[ref_name], rel=1e-3)


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # inside lifetimes
@pytest.mark.parametrize("transaction_model", ["bgnbd", "paretonbd"])
def test_customer_lifetime_value_matches_lifetimes(transaction_model):
    """lifetimes' customer_lifetime_value (12 months, 1% a month, model in weeks, i.e.
    4.345 weeks a month) with the same parameters set directly in both libraries."""
    lifetimes = pytest.importorskip("lifetimes")
    s = cdnow_summary()
    if transaction_model == "bgnbd":
        params = BGNBD_PUBLISHED
        ours_tx, ref_tx = BetaGeo.from_params(**params), lifetimes.BetaGeoFitter()
    else:
        params = PARETO_PUBLISHED
        ours_tx, ref_tx = ParetoNBD.from_params(**params), lifetimes.ParetoNBDFitter()
    ref_tx.params_ = pd.Series(params)
    # lifetimes assigns `predict` inside fit(); we set the parameters without fitting
    ref_tx.predict = ref_tx.conditional_expected_number_of_purchases_up_to_time
    ref_spend = lifetimes.GammaGammaFitter()
    ref_spend.params_ = pd.Series({"p": 6.25, "q": 3.74, "v": 15.44})
    expected = ref_spend.customer_lifetime_value(
        ref_tx, s["frequency"], s["recency"], s["T"], s["monetary_value"],
        time=12, discount_rate=0.01, freq="W",
    )
    ours = published_model().customer_lifetime_value(
        ours_tx, s["frequency"], s["recency"], s["T"], s["monetary_value"],
        horizon=12, discount_rate=0.01, period_length=4.345,
    )
    assert isinstance(ours, pd.Series) and ours.index.equals(s.index)
    np.testing.assert_allclose(ours.to_numpy(), expected.to_numpy(), rtol=1e-9)


def test_customer_lifetime_value_hand_calculation():
    """Spend 10 per purchase (x = 0 gives the population mean, so use a model whose mean
    is exactly 10 after shrinkage: frequency 0 with p gamma / (q - 1) = 10), 0.5 purchases
    per period, margin 0.3, 10% per period, 3 periods:
    0.3 * 10 * 0.5 * (1/1.1 + 1/1.1**2 + 1/1.1**3) = 1.5 * 2.4868520... = 3.7302780..."""
    spend = GammaGamma.from_params(p=2.0, q=3.0, gamma=10.0)  # 2 * 10 / 2 = 10
    clv = spend.customer_lifetime_value(
        ConstantRateModel(), 0, 0.0, 10.0, 0.0, horizon=3, discount_rate=0.1, margin=0.3
    )
    assert clv == pytest.approx(1.5 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331), rel=1e-12)


def test_undiscounted_one_period_clv_is_spend_times_expected_purchases():
    bgnbd = fitted_bgnbd()
    spend = fitted_gammagamma()
    clv = spend.customer_lifetime_value(bgnbd, 2, 30.43, 38.86, 22.345, horizon=1,
                                        discount_rate=0.0, period_length=39.0)
    expected = (bgnbd.conditional_expected_purchases(39, 2, 30.43, 38.86)
                * spend.conditional_expected_spend(2, 22.345))
    assert clv == pytest.approx(expected, rel=1e-12)


# ------------------------------------------------------------------------- properties
@given(st.integers(0, 500), st.floats(0.01, 1e4))
def test_conditional_spend_lies_between_population_mean_and_own_mean(x, mean_spend):
    model = published_model()
    spend = model.conditional_expected_spend(x, mean_spend)
    population = model.conditional_expected_spend(0, 0.0)
    if x == 0:
        assert spend == population
    else:
        low, high = sorted((population, mean_spend))
        assert low * (1 - 1e-12) <= spend <= high * (1 + 1e-12)


@given(st.integers(1, 60), st.floats(0.0, 0.5), st.integers(0, 20))
def test_clv_rises_with_horizon_and_falls_with_discount_rate(horizon, rate, x):
    model = published_model()
    bgnbd = BetaGeo.from_params(**BGNBD_PUBLISHED)
    recency = 20.0 if x else 0.0

    def clv(h, d):
        return model.customer_lifetime_value(bgnbd, x, recency, 38.86, 30.0, horizon=h,
                                             discount_rate=d, period_length=4.345)

    assert clv(horizon + 1, rate) > clv(horizon, rate)
    assert clv(horizon, rate + 0.05) < clv(horizon, rate)


# ------------------------------------------------------------------------- bad input
def test_gammagamma_fit_refuses_customers_without_repeat_purchases():
    s = cdnow_summary()
    match = (r"repeat customers only.*1411 of 2357 customers have frequency 0"
             r".*summary\[summary\['frequency'\] > 0\]")
    with pytest.raises(ValueError, match=match):
        GammaGamma().fit(s["frequency"], s["monetary_value"])


@pytest.mark.parametrize(
    ("frequency", "monetary_value", "match"),
    [
        ([2, 3], [10.0, 0.0], r"monetary_value must be greater than 0 for customers with repeat"
                              r" purchases; customer at position 1 has frequency 3"),
        ([2.5], [10.0], r"frequency must contain whole numbers.*position 0 has 2.5"),
        ([2, 3, 4], [10.0, 5.0], r"frequency and monetary_value must have the same length"),
        ([2], [-5.0], r"monetary_value must contain only values of at least 0"),
    ],
)
def test_gammagamma_rejects_bad_spend_data(frequency, monetary_value, match):
    with pytest.raises(ValueError, match=match):
        GammaGamma().fit(frequency, monetary_value)
    with pytest.raises(ValueError, match=match):
        published_model().conditional_expected_spend(frequency, monetary_value)


def test_gammagamma_with_q_at_most_one_has_no_population_mean():
    model = GammaGamma.from_params(p=2.0, q=0.8, gamma=10.0)
    with pytest.raises(ValueError, match=r"q = 0.8 is at most 1.*infinite"):
        model.conditional_expected_spend(0, 0.0)


def test_gammagamma_rejects_bad_parameters():
    with pytest.raises(ValueError, match=r"q must be greater than 0; got -1"):
        GammaGamma.from_params(p=1.0, q=-1.0, gamma=1.0)
    with pytest.raises(ValueError, match=r"initial_params must have exactly the keys p, q, gamma"):
        GammaGamma().fit([1, 2], [3.0, 4.0], initial_params={"p": 1.0})
    with pytest.raises(ValueError, match=r"initial_params\['gamma'\] must be greater than 0"):
        GammaGamma().fit([1, 2], [3.0, 4.0], initial_params={"p": 1.0, "q": 2.0, "gamma": 0.0})
    with pytest.raises(RuntimeError, match="GammaGamma has not been fitted yet"):
        GammaGamma().conditional_expected_spend(1, 2.0)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"horizon": 0, "discount_rate": 0.01}, ValueError,
         "horizon must be a whole number of at least 1"),
        ({"horizon": 2.5, "discount_rate": 0.01}, ValueError, "horizon must be a whole number"),
        ({"horizon": 12, "discount_rate": -0.1}, ValueError,
         "discount_rate must be 0 or greater"),
        ({"horizon": 12, "discount_rate": 0.01, "period_length": 0}, ValueError,
         "period_length must be greater than 0"),
        ({"horizon": 12, "discount_rate": 0.01, "margin": 1.5}, ValueError,
         "margin must be between 0 and 1"),
    ],
)
def test_customer_lifetime_value_rejects_bad_settings(kwargs, error, match):
    bgnbd = BetaGeo.from_params(**BGNBD_PUBLISHED)
    with pytest.raises(error, match=match):
        published_model().customer_lifetime_value(bgnbd, 2, 30.43, 38.86, 22.35, **kwargs)


def test_customer_lifetime_value_needs_a_transaction_model():
    with pytest.raises(TypeError, match="transaction_model must be a fitted BetaGeo or ParetoNBD"):
        published_model().customer_lifetime_value("bgnbd", 2, 30.43, 38.86, 22.35,
                                                  horizon=12, discount_rate=0.01)
    with pytest.raises(RuntimeError, match="BetaGeo has not been fitted yet"):
        published_model().customer_lifetime_value(BetaGeo(), 2, 30.43, 38.86, 22.35,
                                                  horizon=12, discount_rate=0.01)


# ------------------------------------------------------------- extreme inputs


def test_gammagamma_frequency_beyond_exact_counts_is_refused():
    for call in (lambda m: m.conditional_expected_spend(1e308, 20.0),
                 lambda m: m.log_likelihood([1.0, 1e308], [20.0, 20.0])):
        with pytest.raises(ValueError, match=r"^frequency must contain at most 2\^53 purchases; "
                                             r"customer at position \d has 1e\+308$"):
            call(published_model())


def test_gammagamma_huge_mean_spend_gives_the_weighted_average():
    """E(Z | x, z) = (q-1)/(px+q-1) * p gamma/(q-1) + px/(px+q-1) * z, written out for z = 1e308.

    p x + q - 1 = 6.25 + 2.74 = 8.99 for x = 1; p (gamma + x z) overflows, the average does not.
    """
    got = published_model().conditional_expected_spend(1, 1e308)
    assert got == pytest.approx(6.25 * 15.44 / 8.99 + 6.25 / 8.99 * 1e308, rel=1e-14)


def test_gammagamma_log_likelihood_of_a_huge_mean_spend_is_finite():
    """ln f = lnG(px+q) - lnG(px) - lnG(q) + q ln g + (px-1) ln z + px ln x - (px+q) ln(g+xz).

    For x = 1 and z = 1e308, g + x z = 1e308 in floating point (g = 15.44 is far below its
    last digit), so each term is an ordinary float here.
    """
    import math

    p, q, g = 6.25, 3.74, 15.44
    want = (math.lgamma(p + q) - math.lgamma(p) - math.lgamma(q) + q * math.log(g)
            + (p - 1) * math.log(1e308) - (p + q) * math.log(1e308))
    assert published_model().log_likelihood(1, 1e308) == pytest.approx(want, rel=1e-13)


def test_gammagamma_results_that_cannot_be_finite_name_the_inputs():
    model = GammaGamma.from_params(p=1e308, q=3.74, gamma=15.44)
    with pytest.raises(OverflowError, match=r"the log-likelihood computed by GammaGamma\."
                                            r"log_likelihood is not a finite number for these "
                                            r"inputs \(frequency=2, monetary_value=10.0\)"):
        model.log_likelihood(2, 10.0)


def test_customer_lifetime_value_horizon_and_period_rules():
    bg = BetaGeo.from_params(**BGNBD_PUBLISHED)
    args = (bg, [1.0, 3.0], [20.0, 30.0], [38.0, 38.0], [20.0, 35.0])
    with pytest.raises(ValueError, match=r"^horizon must be at most 100000 periods \(the "
                                         r"transaction model is evaluated once per period\); "
                                         r"got 1e\+308$"):
        published_model().customer_lifetime_value(*args, horizon=1e308, discount_rate=0.01)
    with pytest.raises(ValueError, match=r"^period_length must keep horizon x period_length a "
                                         r"finite time; got period_length=1e\+308 with "
                                         r"horizon=12$"):
        published_model().customer_lifetime_value(*args, horizon=12, discount_rate=0.01,
                                                   period_length=1e308)


def test_customer_lifetime_value_at_a_huge_discount_rate_is_the_first_period_discounted():
    """(1 + d)^-k for d = 1e200: 1e-200 for k = 1 and 0 (below the float range) after."""
    bg = BetaGeo.from_params(**BGNBD_PUBLISHED)
    gg = published_model()
    clv = gg.customer_lifetime_value(bg, 3.0, 30.0, 38.0, 35.0, horizon=12, discount_rate=1e200)
    first = gg.conditional_expected_spend(3.0, 35.0) * bg.conditional_expected_purchases(
        1.0, 3.0, 30.0, 38.0)
    assert clv == pytest.approx(first * 1e-200, rel=1e-12)


def test_customer_lifetime_value_beyond_the_float_range_names_the_inputs():
    bg = BetaGeo.from_params(**BGNBD_PUBLISHED)
    with pytest.raises(OverflowError, match=r"the CLV computed by GammaGamma\.customer_lifetime_"
                                            r"value is not a finite number for these inputs "
                                            r"\(frequency=3.0, .*monetary_value=1e\+308"):
        published_model().customer_lifetime_value(bg, 3.0, 30.0, 38.0, 1e308, horizon=100,
                                                  discount_rate=0.0)
