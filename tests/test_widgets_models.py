"""Widget tests of notebook 05 in plain pytest: drive the controls, check result and message.

Reference values: the BG/NBD worked example of Fader, Hardie & Lee (2005) (published
parameters; 1.226 expected purchases in 39 weeks), Hardie's Gamma-Gamma worksheet
(expected spend 24.65) and the sBG estimates of Fader & Hardie (2007)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _cdnow_fixtures import BGNBD_PUBLISHED, GG_PUBLISHED, PARETO_PUBLISHED
from scipy.special import betaln

from crmlib.datasets import load_retention_survivors
from crmlib.models import BetaGeo, GammaGamma, ParetoNBD
from crmlib.widgets import CustomerView, customer_explorer, retention_projector

R, ALPHA, A, B = BGNBD_PUBLISHED.values()  # FHL (2005), CDNOW


@pytest.fixture(scope="module")
def bgnbd() -> BetaGeo:
    return BetaGeo.from_params(r=R, alpha=ALPHA, a=A, b=B)


@pytest.fixture(scope="module")
def spend() -> GammaGamma:
    return GammaGamma.from_params(**GG_PUBLISHED)  # FHL (2005, JMR) / Hardie


# ------------------------------------------------------------------ customer explorer
def test_explorer_starts_with_the_papers_customer(bgnbd):
    w = customer_explorer(bgnbd)
    x, tx, T = 2, 30.43, 38.86
    # P(alive) by hand: 1 / (1 + a/(b+x-1) * ((alpha+T)/(alpha+tx))^(r+x))
    p_alive = 1 / (1 + A / (B + x - 1) * ((ALPHA + T) / (ALPHA + tx)) ** (R + x))
    assert isinstance(w.result, CustomerView)
    assert w.result.probability_alive == pytest.approx(p_alive, rel=1e-9)
    assert w.result.expected_purchases == pytest.approx(1.226, abs=5e-4)  # FHL (2005)
    assert w.result.clv is None and "monetary_value" not in w.controls
    assert f"{p_alive:.3f}" in w.message.value
    assert w.error is None


def test_explorer_with_spend_model_gives_expected_spend_and_clv(bgnbd, spend):
    w = customer_explorer(bgnbd, spend)
    w.controls["discount_rate"].value = 0.0
    assert w.result.expected_spend == pytest.approx(24.65, abs=0.02)  # Hardie's worksheet
    # undiscounted, weekly periods: CLV = E[Y(39)] x E(Z) = 1.226 x 24.65 (hand)
    assert w.result.clv == pytest.approx(1.226 * 24.65, rel=2e-3)
    undiscounted = w.result.clv
    w.controls["discount_rate"].value = 0.01
    assert 0 < w.result.clv < undiscounted  # discounting lowers CLV
    assert "Customer lifetime value" in w.message.value


def test_explorer_period_length_converts_horizon(bgnbd):
    # 9 periods of 52/12 weeks = 39 weeks: same expected purchases as 39 one-week periods
    w = customer_explorer(bgnbd, horizon=9, period_length=39 / 9)
    assert w.result.expected_purchases == pytest.approx(1.226, abs=5e-4)


def test_explorer_recency_after_age_shows_message_and_keeps_input(bgnbd):
    w = customer_explorer(bgnbd)
    w.controls["recency"].value = 40.0
    assert w.result is None
    assert "recency must not exceed the customer's age T" in w.error
    assert "40 &gt; T 38.86" in w.message.value or "40 > T 38.86" in w.message.value
    assert w.figure is None
    assert w.controls["recency"].value == 40.0
    w.controls["T"].value = 45.0  # the customer is older: now valid
    assert w.result.recency == 40.0 and w.error is None


def test_explorer_one_time_buyer_ignores_recency(bgnbd):
    w = customer_explorer(bgnbd)
    w.controls["frequency"].value = 0
    assert w.controls["recency"].disabled
    assert w.result.recency == 0.0
    assert w.result.probability_alive == 1.0  # BG/NBD: no repeat purchase, no chance to drop out
    assert "one-time buyer" in w.message.value
    w.controls["frequency"].value = 1
    assert not w.controls["recency"].disabled


def test_explorer_marks_the_customer_on_the_p_alive_map(bgnbd):
    w = customer_explorer(bgnbd, frequency=5, recency=10.0)
    ax = w.figure.axes[0]
    marker = ax.lines[0]
    assert (marker.get_ydata()[0], marker.get_xdata()[0]) == (5, 10.0)


def test_explorer_rejects_zero_spend_of_a_repeat_buyer(bgnbd, spend):
    w = customer_explorer(bgnbd, spend)
    w.controls["monetary_value"].value = 0.0
    assert w.result is None
    assert "monetary_value must be greater than 0" in w.error


def test_explorer_works_with_pareto_nbd():
    lifetimes = pytest.importorskip("lifetimes")
    params = PARETO_PUBLISHED  # FHL (2005)
    ref = lifetimes.ParetoNBDFitter()
    ref.params_ = pd.Series(params)
    w = customer_explorer(ParetoNBD.from_params(**params), frequency=0, T=38.86)
    expected = ref.conditional_probability_alive(0, 0, 38.86)
    assert w.result.probability_alive == pytest.approx(float(np.squeeze(expected)), rel=1e-6)


def test_explorer_chinese_labels(bgnbd, spend):
    w = customer_explorer(bgnbd, spend, lang="zh")
    assert w.controls["frequency"].description == "频率（重复购买次数）"
    assert "存活概率" in w.message.value and "客户终身价值" in w.message.value
    assert w.figure.axes[0].get_xlabel().startswith("最近购买时间")


def test_explorer_rejects_a_model_of_the_wrong_kind(spend, bgnbd):
    with pytest.raises(TypeError, match="model must be a fitted BetaGeo or ParetoNBD model"):
        customer_explorer(spend)
    with pytest.raises(TypeError, match="spend_model must be a fitted GammaGamma model"):
        customer_explorer(bgnbd, bgnbd)
    with pytest.raises(ValueError, match="period_length must be greater than 0"):
        customer_explorer(bgnbd, period_length=0)
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'fr'"):
        customer_explorer(bgnbd, lang="fr")


def test_explorer_sliders_recompute_only_on_release(bgnbd, spend):
    w = customer_explorer(bgnbd, spend)
    sliders = [c for c in w.controls.values() if "Slider" in type(c).__name__]
    assert len(sliders) == 5 and all(c.continuous_update is False for c in sliders)


# ------------------------------------------------------------------ retention projector
def test_projector_fits_years_1_to_7_as_fader_hardie_2007():
    w = retention_projector(load_retention_survivors())
    assert list(w.controls["segment"].options) == ["regular", "high_end"]
    assert (w.controls["n_fit_years"].min, w.controls["n_fit_years"].max) == (2, 11)
    assert (round(w.result.alpha, 3), round(w.result.beta, 3)) == (0.704, 1.182)
    assert "α = 0.704, β = 1.182" in w.message.value
    w.controls["segment"].value = "high_end"
    assert (round(w.result.alpha, 3), round(w.result.beta, 3)) == (0.668, 3.806)


def test_projector_error_is_mean_gap_on_held_back_years():
    counts = load_retention_survivors()["regular"].to_numpy()
    w = retention_projector(counts)
    a, b = w.result.alpha, w.result.beta
    t = np.arange(8, 13)
    projected = 1000 * np.exp(betaln(a, b + t) - betaln(a, b))  # S(t) = B(a, b+t) / B(a, b)
    gap = np.abs(projected - counts[8:])
    assert w.result.mean_absolute_error == pytest.approx(gap.mean())
    assert w.result.mean_absolute_percentage_error == pytest.approx((gap / counts[8:]).mean())
    assert w.result.table["used_for_fit"].sum() == 8
    assert f"{gap.mean():,.1f}" in w.message.value


def test_projector_fewer_fit_years_changes_the_fit():
    w = retention_projector(load_retention_survivors()["regular"])
    w.controls["n_fit_years"].value = 3
    assert w.result.n_fit_years == 3
    assert w.result.table["used_for_fit"].sum() == 4
    assert len(w.figure.axes[0].lines[2].get_xdata()) == 9  # years 4-12 held back


def test_projector_with_too_few_years_shows_message():
    w = retention_projector([1000, 600, 450])
    assert w.result is None
    assert "at least 4 yearly counts" in w.error
    assert "at least 4 yearly counts" in w.message.value


def test_projector_with_rising_counts_shows_the_models_message():
    w = retention_projector([1000, 600, 650, 500, 400])
    assert w.result is None
    assert "survivors must never increase" in w.error


def test_projector_chinese_labels():
    w = retention_projector(load_retention_survivors(), lang="zh")
    assert w.controls["n_fit_years"].description == "用于拟合的年数"
    assert w.figure.axes[0].get_xlabel() == "年"
    assert "检验年份的平均绝对误差" in w.message.value


def test_projector_slider_recomputes_only_on_release():
    w = retention_projector(load_retention_survivors())
    assert w.controls["n_fit_years"].continuous_update is False


def test_retention_projector_shows_a_failed_fit_and_clears_the_old_one():
    """Issue reproducer: moving the slider to 2 left the old fit and chart with no error.

    With two years of no churn at all the sBG's best fit is "no customer churns"
    (a boundary solution): the widget must say so and show no projection.
    """
    w = retention_projector([100, 100, 100, 100, 100, 50, 40])
    w.controls["n_fit_years"].value = 2
    assert w.result is None and w.figure is None
    assert "no customer churns" in w.error
    assert w.controls["n_fit_years"].value == 2


def test_retention_projector_on_a_cohort_without_churn_builds_and_explains():
    """Issue reproducer: retention_projector([100] * 10) raised from the constructor."""
    w = retention_projector([100] * 10)
    assert w.result is None and "no customer churns" in w.error


def test_model_widgets_keep_start_values_exactly_or_refuse_them(bgnbd):
    """Issue reproducers: customer_explorer T=100 became 78; n_fit_years=100 became 8."""
    w = customer_explorer(bgnbd, T=100.0)
    assert w.controls["T"].value == 100.0 and w.result is not None
    assert w.result.T == 100.0
    # 13 yearly counts (years 0-12): at most 11 years to fit, so one is left to check
    with pytest.raises(ValueError, match=r"n_fit_years must be between 2 and 11; got 100"):
        retention_projector(load_retention_survivors(), n_fit_years=100)
    with pytest.raises(ValueError, match=r"frequency must be at least 0; got -1"):
        customer_explorer(bgnbd, frequency=-1)


def test_percentage_error_of_a_cohort_that_empties_is_not_available_not_inf():
    """Observed 0 in a held-back year: the percentage error there is undefined.

    Counts 1000, 600, 380, 250, 170, 0: fitted to years 1-3, the held-back years are
    4 (170 observed) and 5 (0 observed); only year 4 enters the percentage.
    """
    w = retention_projector([1000, 600, 380, 250, 170, 0], n_fit_years=3)
    held = w.result.table.loc[[4]]
    by_hand = abs(held["expected"].iloc[0] - 170) / 170
    assert w.result.mean_absolute_percentage_error == pytest.approx(by_hand)
    assert "inf%" not in w.message.value
    w2 = retention_projector([1000, 600, 380, 250, 0, 0], n_fit_years=3)
    assert np.isnan(w2.result.mean_absolute_percentage_error)
    assert "(n/a)" in w2.message.value
