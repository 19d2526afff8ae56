"""Fit diagnostics as tables (crmlib.models): checked by value against lifetimes and by hand."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from _cdnow_fixtures import BGNBD_PUBLISHED, CALIBRATION_END, OBSERVATION_END, cdnow_summary

from crmlib.datasets import load_cdnow
from crmlib.models import (
    BetaGeo,
    GammaGamma,
    calibration_holdout_purchases,
    cumulative_transactions,
    period_transactions,
)

lifetimes = pytest.importorskip("lifetimes")


@pytest.fixture(scope="module")
def ours() -> BetaGeo:
    return BetaGeo.from_params(**BGNBD_PUBLISHED)


@pytest.fixture(scope="module")
def reference():
    model = lifetimes.BetaGeoFitter()
    model.params_ = pd.Series(BGNBD_PUBLISHED)
    return model


def test_period_transactions_counts_and_expectations_match_lifetimes(ours, reference):
    s = cdnow_summary()
    table = period_transactions(ours, s, max_frequency=7)
    assert table.index.tolist() == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    counts = s["frequency"].clip(upper=7).value_counts().sort_index()  # hand count
    np.testing.assert_array_equal(table["actual"].to_numpy(), counts.to_numpy())
    expected = np.zeros(8)
    for T, n in s["T"].value_counts().items():
        probs = [reference.probability_of_n_purchases_up_to_time(T, k) for k in range(7)]
        expected[:7] += n * np.array(probs)
        expected[7] += n * (1 - sum(probs))
    np.testing.assert_allclose(table["expected"].to_numpy(), expected, rtol=1e-8)


def test_calibration_holdout_purchases_are_group_means(ours, reference):
    s = cdnow_summary()
    table = calibration_holdout_purchases(ours, s, max_frequency=3)
    group = s["frequency"].clip(upper=3)
    assert table.index.tolist() == ["0", "1", "2", "3+"]
    assert table["customers"].tolist() == group.value_counts().sort_index().tolist()
    np.testing.assert_allclose(table["actual"],
                               s.groupby(group)["frequency_holdout"].mean().to_numpy())
    predicted = pd.Series(reference.conditional_expected_number_of_purchases_up_to_time(
        s["duration_holdout"], s["frequency"], s["recency"], s["T"]).to_numpy(), index=s.index)
    np.testing.assert_allclose(table["expected"], predicted.groupby(group).mean(), rtol=1e-8)


def test_cumulative_transactions_match_lifetimes_day_by_day(ours, reference):
    """lifetimes.utils.expected_cumulative_transactions on the same log, in days.

    Both count one purchase per customer and day, and the same actual repeat purchases
    up to the end of each day. lifetimes evaluates E[X(t)] at the start of the next day
    (age one day more); ours at the end of the day with the age convention of T in
    rfm_summary (last day minus first day). So our row k+1 equals lifetimes' row k.
    """
    log = load_cdnow("sample")
    days = 120
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = lifetimes.utils.expected_cumulative_transactions(
            reference, log, "date", "customer_id", days, freq="D")
    table = cumulative_transactions(ours, log, "1997-04-30", "1997-04-30", freq="D")
    assert len(table) == days
    assert table["end"].iloc[0] == pd.Timestamp("1997-01-01")
    np.testing.assert_array_equal(table["actual"].to_numpy(), ref["actual"].to_numpy())
    np.testing.assert_allclose(table["expected"].to_numpy()[1:],
                               ref["predicted"].to_numpy()[:-1], rtol=1e-10)


def test_cumulative_transactions_in_weeks_agree_with_the_rfm_summary(ours):
    s = cdnow_summary()
    table = cumulative_transactions(ours, load_cdnow("sample"), CALIBRATION_END, OBSERVATION_END)
    assert table.index[-1] == 78  # 1997-01-01 .. 1998-06-30 is 546 days = 78 weeks
    assert table["actual"].iloc[38] == s["frequency"].sum()  # week 39 ends on 1997-09-30
    assert table["actual"].iloc[-1] == s["frequency"].sum() + s["frequency_holdout"].sum()
    # at the end of calibration each customer is T_i weeks old
    expected = np.sum(ours.expected_purchases(s["T"].to_numpy()))
    assert table["expected"].iloc[38] == pytest.approx(expected, rel=1e-12)
    assert table.attrs["calibration_end_period"] == pytest.approx(273 / 7)


def test_cumulative_transactions_reads_dates_as_rfm_summary_does(ours):
    """Text dates (ISO 8601), same-day orders merged: the library's one reader."""
    log = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "b"],
                        "date": ["2024-01-01", "2024-01-01T18:00", "2024-01-09",
                                 "2024-01-02", "2024-01-02"]})
    table = cumulative_transactions(ours, log, "2024-01-14", "2024-01-28")
    # one repeat purchase (a on 2024-01-09, week 2); b's two orders on one day are one
    assert table["actual"].tolist() == [0.0, 1.0, 1.0, 1.0]
    bad = pd.DataFrame({"customer_id": [1], "date": ["soon"]})
    with pytest.raises(TypeError, match="transactions column 'date' must hold dates"):
        cumulative_transactions(ours, bad, "2024-01-14")


def test_diagnostics_refuse_a_model_without_the_predictions():
    spend = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    with pytest.raises(TypeError, match="model must be a fitted BetaGeo or ParetoNBD model "
                                        r"\(it needs probability_of_purchases\)"):
        period_transactions(spend, cdnow_summary())
    with pytest.raises(ValueError, match="max_frequency must be a whole number of at least 1"):
        calibration_holdout_purchases(BetaGeo.from_params(**BGNBD_PUBLISHED), cdnow_summary(),
                                      max_frequency=0)


def test_diagnostic_tables_have_at_most_10000_rows_by_purchases():
    bg = BetaGeo.from_params(**BGNBD_PUBLISHED)
    for table in (period_transactions, calibration_holdout_purchases):
        with pytest.raises(ValueError, match=r"^max_frequency must be at most 10000 \(one table "
                                             r"row per number of purchases\); got 1e\+308$"):
            table(bg, cdnow_summary(), max_frequency=1e308)


@pytest.mark.parametrize("bad", [["customer_id"], {"x": 1.0}, []])
def test_cumulative_transactions_names_a_column_argument_that_is_not_a_name(bad):
    bg = BetaGeo.from_params(**BGNBD_PUBLISHED)
    log = pd.DataFrame({"customer_id": [1, 2], "date": ["2024-01-01", "2024-01-02"]})
    for param in ("customer", "date"):
        with pytest.raises(TypeError, match=rf"^{param} must be the name of a column of "
                                            r"transactions \(a text\); got "):
            cumulative_transactions(bg, log, "2024-01-14", **{param: bad})
    with pytest.raises(ValueError, match=r"transactions is missing the required column 'day' "
                                         r"\(given as date\)"):
        cumulative_transactions(bg, log, "2024-01-14", date="day")
