"""Plots of notebook 05: the numbers drawn are checked against lifetimes (an independent
implementation), hand counts of the CDNOW data, and the formulas of Fader & Hardie."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _cdnow_fixtures import (
    BGNBD_PUBLISHED,
    CALIBRATION_END,
    GG_PUBLISHED,
    OBSERVATION_END,
    PARETO_PUBLISHED,
    cdnow_summary,
    fitted_paretonbd,
)
from matplotlib.axes import Axes
from scipy.special import betaln

from crmlib.datasets import load_cdnow, load_retention_survivors
from crmlib.models import BetaGeo, GammaGamma, ShiftedBetaGeometric
from crmlib.plotting import (
    new_axes,
    plot_calibration_holdout,
    plot_cumulative_transactions,
    plot_frequency_recency_matrix,
    plot_period_transactions,
    plot_probability_alive_matrix,
    plot_sbg_retention,
    plot_sbg_survival,
)

# Fader & Hardie (2007), "How to Project Customer Retention": the regular segment, years 0-12
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]


@pytest.fixture(scope="module")
def bgnbd() -> BetaGeo:
    return BetaGeo.from_params(**BGNBD_PUBLISHED)


@pytest.fixture(scope="module")
def lifetimes_bgnbd():
    lifetimes = pytest.importorskip("lifetimes")
    ref = lifetimes.BetaGeoFitter()
    ref.params_ = pd.Series(BGNBD_PUBLISHED)
    return ref


@pytest.fixture(scope="module")
def regular_fit() -> ShiftedBetaGeometric:
    return ShiftedBetaGeometric().fit(REGULAR[:8])


def _grid_centres(T: float, n: int) -> np.ndarray:
    edges = np.linspace(0, T, n + 1)
    return (edges[:-1] + edges[1:]) / 2


# ------------------------------------------------------------------ heatmaps
def test_frequency_recency_matrix_cells_match_lifetimes(bgnbd, lifetimes_bgnbd):
    T, n = 38.86, 8
    ax = plot_frequency_recency_matrix(bgnbd, T, max_frequency=6, t=39, resolution=n)
    drawn = np.asarray(ax.collections[0].get_array())
    x = np.repeat(np.arange(7)[:, None], n, axis=1).astype(float)
    tx = np.where(x == 0, 0.0, _grid_centres(T, n)[None, :])
    expected = lifetimes_bgnbd.conditional_expected_number_of_purchases_up_to_time(
        39, x.ravel(), tx.ravel(), np.full(x.size, T)).reshape(x.shape)
    np.testing.assert_allclose(drawn, expected, rtol=1e-8)


def test_probability_alive_matrix_matches_lifetimes_and_one_time_buyers_are_alive(
    bgnbd, lifetimes_bgnbd
):
    T, n = 38.86, 6
    ax = plot_probability_alive_matrix(bgnbd, T, max_frequency=4, resolution=n)
    drawn = np.asarray(ax.collections[0].get_array())
    x = np.repeat(np.arange(5)[:, None], n, axis=1).astype(float)
    tx = np.where(x == 0, 0.0, _grid_centres(T, n)[None, :])
    expected = lifetimes_bgnbd.conditional_probability_alive(x, tx, np.full(x.shape, T))
    np.testing.assert_allclose(drawn, expected, rtol=1e-9)
    assert (drawn[0] == 1.0).all()  # BG/NBD: no repeat purchase -> never had a chance to drop out


def test_probability_alive_matrix_of_pareto_nbd_matches_lifetimes():
    lifetimes = pytest.importorskip("lifetimes")
    from crmlib.models import ParetoNBD

    ref = lifetimes.ParetoNBDFitter()
    ref.params_ = pd.Series(PARETO_PUBLISHED)
    ax = plot_probability_alive_matrix(ParetoNBD.from_params(**PARETO_PUBLISHED), 30.0,
                                       max_frequency=3, resolution=3)
    x = np.repeat(np.arange(4)[:, None], 3, axis=1).astype(float)
    tx = np.where(x == 0, 0.0, _grid_centres(30.0, 3)[None, :])
    expected = ref.conditional_probability_alive(x.ravel(), tx.ravel(), np.full(x.size, 30.0))
    np.testing.assert_allclose(np.asarray(ax.collections[0].get_array()).ravel(), expected,
                               rtol=1e-6)


def test_matrix_marks_the_customer_and_labels_axes_in_chinese(bgnbd):
    ax = plot_probability_alive_matrix(bgnbd, 38.86, max_frequency=5, resolution=4,
                                       mark=(2, 30.43), lang="zh")
    marker = ax.lines[0]
    assert marker.get_xdata()[0] == pytest.approx(30.43) and marker.get_ydata()[0] == 2
    assert ax.get_legend().get_texts()[0].get_text() == "该客户"
    assert ax.get_xlabel().startswith("最近购买时间")
    assert ax.get_ylabel().startswith("频率")


def test_matrix_defaults_span_age_and_whole_periods(bgnbd):
    # default max_frequency = ceil(T) = 3 -> rows 0..3; default max_recency = T
    ax = plot_frequency_recency_matrix(bgnbd, 2.5, resolution=5)
    assert np.asarray(ax.collections[0].get_array()).shape == (4, 5)
    assert ax.get_xlim()[1] == pytest.approx(2.5)


def test_matrix_draws_on_a_given_axes(bgnbd):
    given = new_axes(None)
    assert plot_probability_alive_matrix(bgnbd, 10.0, 2, resolution=2, ax=given) is given


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"T": 0.0}, ValueError, "T must be greater than 0"),
        ({"T": 10.0, "max_recency": 12.0}, ValueError, "max_recency must not exceed T"),
        ({"T": 10.0, "max_frequency": 0}, ValueError, "max_frequency must be a whole number"),
        ({"T": 10.0, "resolution": 1}, ValueError, "resolution must be a whole number"),
        ({"T": 10.0, "mark": (1, 11.0)}, ValueError, "mark recency must not exceed T"),
        ({"T": 10.0, "mark": 3}, TypeError, "mark must be a pair"),
    ],
)
def test_matrix_rejects_bad_input(bgnbd, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_probability_alive_matrix(bgnbd, **kwargs)


def test_matrix_rejects_a_spend_model():
    spend = GammaGamma.from_params(**GG_PUBLISHED)
    with pytest.raises(TypeError, match="model must be a fitted BetaGeo or ParetoNBD model"):
        plot_frequency_recency_matrix(spend, 10.0)


def test_matrix_of_an_unfitted_model_says_fit_first():
    with pytest.raises(RuntimeError, match="call .fit"):
        plot_probability_alive_matrix(BetaGeo(), 10.0)


# ------------------------------------------------------------------ holdout validation
def test_calibration_holdout_lines_are_group_means_of_actual_and_lifetimes_predictions(
    bgnbd, lifetimes_bgnbd
):
    s = cdnow_summary()
    ax = plot_calibration_holdout(bgnbd, s, max_frequency=7)
    group = s["frequency"].clip(upper=7)
    actual = s.groupby(group)["frequency_holdout"].mean()  # hand: plain group means
    predicted = pd.Series(
        lifetimes_bgnbd.conditional_expected_number_of_purchases_up_to_time(
            39.0, s["frequency"], s["recency"], s["T"]).to_numpy(), index=s.index
    ).groupby(group).mean()
    np.testing.assert_allclose(ax.lines[0].get_ydata(), actual.to_numpy())
    np.testing.assert_allclose(ax.lines[1].get_ydata(), predicted.to_numpy(), rtol=1e-8)
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "7+"
    assert ax.lines[1].get_label() == "BG/NBD"


def test_calibration_holdout_needs_the_holdout_columns(bgnbd):
    s = cdnow_summary()[["frequency", "recency", "T"]]
    with pytest.raises(ValueError, match="summary is missing the required columns "
                                         "'frequency_holdout', 'duration_holdout'"):
        plot_calibration_holdout(bgnbd, s)


def test_period_transactions_actual_bars_count_customers_and_model_bars_match_lifetimes(
    bgnbd, lifetimes_bgnbd
):
    s = cdnow_summary()
    ax = plot_period_transactions(bgnbd, s, max_frequency=7)
    heights = np.array([p.get_height() for p in ax.patches])
    counts = s["frequency"].clip(upper=7).value_counts().sort_index()  # hand count
    np.testing.assert_array_equal(heights[:8], counts.to_numpy())
    expected = np.zeros(8)
    for T in s["T"]:
        probs = [lifetimes_bgnbd.probability_of_n_purchases_up_to_time(T, n) for n in range(7)]
        expected[:7] += probs
        expected[7] += 1 - sum(probs)
    np.testing.assert_allclose(heights[8:], expected, rtol=1e-7)
    assert heights[8:].sum() == pytest.approx(len(s))  # every customer is in one bar


def test_period_transactions_rejects_bad_max_frequency(bgnbd):
    with pytest.raises(ValueError, match="max_frequency must be a whole number of at least 1"):
        plot_period_transactions(bgnbd, cdnow_summary(), max_frequency=0)


def test_period_transactions_of_pareto_nbd_adds_up_to_all_customers():
    s = cdnow_summary().iloc[:200]
    ax = plot_period_transactions(fitted_paretonbd(), s, max_frequency=3, lang="zh")
    assert sum(p.get_height() for p in ax.patches[4:]) == pytest.approx(200, rel=1e-6)
    assert ax.get_ylabel() == "客户数"


def test_cumulative_transactions_agree_with_rfm_summary_and_lifetimes(bgnbd, lifetimes_bgnbd):
    s = cdnow_summary()
    ax = plot_cumulative_transactions(bgnbd, load_cdnow("sample"), CALIBRATION_END,
                                      OBSERVATION_END)
    weeks, actual = ax.lines[0].get_xdata(), ax.lines[0].get_ydata()
    assert weeks[-1] == 78  # 1997-01-01 .. 1998-06-30 is 546 days = 78 weeks
    # week 39 ends on 1997-09-30 (day 272): all calibration repeat purchases
    assert actual[38] == s["frequency"].sum()
    assert actual[-1] == s["frequency"].sum() + s["frequency_holdout"].sum()
    # at the end of calibration each customer is T_i weeks old
    expected = lifetimes_bgnbd.expected_number_of_purchases_up_to_time(s["T"]).sum()
    assert ax.lines[1].get_ydata()[38] == pytest.approx(expected, rel=1e-8)


def test_cumulative_transactions_rejects_dates_in_the_wrong_order(bgnbd):
    with pytest.raises(ValueError, match="observation_end must not be before calibration_end"):
        plot_cumulative_transactions(bgnbd, load_cdnow("sample"), "1997-09-30", "1997-06-30")
    with pytest.raises(ValueError, match="calibration_end must be a date"):
        plot_cumulative_transactions(bgnbd, load_cdnow("sample"), "not a date")


# ------------------------------------------------------------------ sBG
def test_sbg_survival_curve_is_the_sbg_formula_and_marks_held_back_years(regular_fit):
    ax = plot_sbg_survival(regular_fit, REGULAR)
    a, b = regular_fit.params_["alpha"], regular_fit.params_["beta"]
    t = np.arange(13)
    expected = 1000 * np.exp(betaln(a, b + t) - betaln(a, b))  # S(t) = B(a, b+t) / B(a, b)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), expected, rtol=1e-12)
    assert list(ax.lines[1].get_xdata()) == list(range(8))  # fitted: years 0-7
    assert list(ax.lines[2].get_ydata()) == REGULAR[8:]  # held back: years 8-12
    # FH (2007): alpha = 0.704, beta = 1.182 for the regular segment (shown in the legend)
    assert "0.704" in ax.lines[0].get_label() and "1.182" in ax.lines[0].get_label()


def test_sbg_retention_shows_observed_ratios_and_rising_model_rates(regular_fit):
    ax = plot_sbg_retention(regular_fit, pd.Series(REGULAR), lang="zh")
    observed = np.r_[ax.lines[1].get_ydata(), ax.lines[2].get_ydata()]
    np.testing.assert_allclose(observed[:2], [631 / 1000, 468 / 631])  # hand
    a, b = regular_fit.params_["alpha"], regular_fit.params_["beta"]
    t = np.arange(1, 13)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), (b + t - 1) / (a + b + t - 1))
    assert np.all(np.diff(ax.lines[0].get_ydata()) > 0)
    assert ax.get_xlabel() == "年"


def test_sbg_plots_accept_a_longer_projection(regular_fit):
    ax = plot_sbg_survival(regular_fit, REGULAR[:8], n_years=20)
    assert ax.lines[0].get_xdata()[-1] == 20
    assert isinstance(ax, Axes)


def test_sbg_plot_rejects_survivors_the_model_was_not_fitted_to(regular_fit):
    high_end = load_retention_survivors()["high_end"]
    with pytest.raises(ValueError, match="survivors must begin with the counts the model was "
                                         "fitted to"):
        plot_sbg_survival(regular_fit, high_end)


def test_sbg_plot_rejects_a_repeat_buying_model(bgnbd):
    with pytest.raises(TypeError, match="model must be a fitted ShiftedBetaGeometric model"):
        plot_sbg_retention(bgnbd, REGULAR)
