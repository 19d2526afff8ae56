"""Tests for crmlib.datasets: shipped data and the BG/NBD + Gamma-Gamma simulator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _cdnow_fixtures import BGNBD_PUBLISHED
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import hyp2f1

from crmlib.datasets import (
    load_cdnow,
    load_donations,
    load_retention_survivors,
    simulate_transactions,
)

# ---------------------------------------------------------------- CDNOW


def test_cdnow_master_counts_match_fader_hardie_2001():
    """23,570 customers and 69,659 transaction records (Fader & Hardie 2001)."""
    tx = load_cdnow()
    assert tx["customer_id"].nunique() == 23_570
    assert len(tx) == 69_659
    assert tx["customer_id"].min() == 1 and tx["customer_id"].max() == 23_570


def test_cdnow_sample_counts_match_fader_hardie_lee_2005():
    """The 1/10 sample of the BG/NBD paper: 2,357 customers, 6,919 records."""
    tx = load_cdnow("sample")
    assert tx["customer_id"].nunique() == 2_357
    assert len(tx) == 6_919
    assert sorted(tx["customer_id"].unique()) == list(range(1, 2_358))


@pytest.mark.parametrize("kind", ["master", "sample"])
def test_cdnow_date_range_and_dtypes(kind):
    tx = load_cdnow(kind)
    assert tx["date"].min() == pd.Timestamp("1997-01-01")
    assert tx["date"].max() == pd.Timestamp("1998-06-30")
    # every customer's first purchase lies in the first quarter of 1997
    assert tx.groupby("customer_id")["date"].min().max() <= pd.Timestamp("1997-03-31")
    assert list(tx.columns[:4]) == ["customer_id", "date", "quantity", "amount"]
    assert tx["customer_id"].dtype == np.int64
    assert tx["date"].dtype == "datetime64[ns]"
    assert tx["quantity"].dtype == np.int64
    assert tx["amount"].dtype == np.float64
    assert (tx["quantity"] >= 0).all() and (tx["amount"] >= 0).all()


def test_cdnow_first_and_last_records_as_in_source_file():
    # first and last lines of CDNOW_master.txt in lifetimes 0.11.3
    tx = load_cdnow()
    assert tx.iloc[0].tolist() == [1, pd.Timestamp("1997-01-01"), 1, 11.77]
    assert tx.iloc[-1].tolist() == [23_570, pd.Timestamp("1997-03-26"), 2, 42.96]


def test_cdnow_sample_rows_are_rows_of_the_master_file():
    master = load_cdnow()
    sample = load_cdnow("sample")
    assert sample.groupby("customer_id")["master_id"].nunique().eq(1).all()
    # each sample customer's records equal that customer's records in the master file
    picked = master[master["customer_id"].isin(sample["master_id"])]
    left = picked[["customer_id", "date", "quantity", "amount"]].reset_index(drop=True)
    right = sample.rename(columns={"customer_id": "sample_id", "master_id": "customer_id"})
    right = right[["customer_id", "date", "quantity", "amount"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        left.sort_values(list(left.columns)).reset_index(drop=True),
        right.sort_values(list(right.columns)).reset_index(drop=True),
    )


@pytest.mark.parametrize(
    "loader",
    [load_cdnow, lambda: load_cdnow("sample"), load_donations, load_retention_survivors],
)
def test_each_load_returns_a_fresh_copy(loader):
    first = loader()
    expected = first.copy()
    first.iloc[:, 0] = -1
    first["extra"] = 1
    pd.testing.assert_frame_equal(loader(), expected)


def test_cdnow_kind_is_checked():
    with pytest.raises(ValueError, match="kind must be one of 'master', 'sample'; got 'full'"):
        load_cdnow("full")


# ---------------------------------------------------------------- donations, survivors


def test_donations_total_11104_donors_fader_hardie_shang_2010():
    d = load_donations()
    assert list(d.columns) == ["frequency", "recency", "n_periods", "weights"]
    assert len(d) == 22
    assert d["weights"].sum() == 11_104
    assert (d["n_periods"] == 6).all()
    # 22 = the one no-repeat pattern plus every 1 <= frequency <= recency <= 6
    assert (d["frequency"] <= d["recency"]).all()
    assert d.loc[d["frequency"] == 0, "recency"].eq(0).all()
    assert d.loc[(d["frequency"] == 0), "weights"].item() == 3_464
    assert d.loc[(d["frequency"] == 6), "weights"].item() == 1_203


def test_retention_survivors_match_fader_hardie_2007():
    s = load_retention_survivors()
    assert s.index.name == "year" and list(s.index) == list(range(13))
    assert list(s.columns) == ["regular", "high_end"]
    assert s["regular"].tolist() == [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194,
                                     183, 173]
    assert s["high_end"].tolist() == [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427,
                                      409, 394]


# ---------------------------------------------------------------- simulator

CDNOW = BGNBD_PUBLISHED


def _expected_repeat(t, r, alpha, a, b):
    """BG/NBD E[X(t)], Fader, Hardie & Lee (2005) eq. 9."""
    z = t / (alpha + t)
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, z))


def test_simulation_same_seed_same_output():
    one = simulate_transactions(300, seed=7, return_truth=True)
    two = simulate_transactions(300, seed=7, return_truth=True)
    pd.testing.assert_frame_equal(one[0], two[0])
    pd.testing.assert_frame_equal(one[1], two[1])
    other = simulate_transactions(300, seed=8)
    assert not other.equals(one[0])


def test_simulation_accepts_a_generator():
    a = simulate_transactions(50, seed=np.random.default_rng(3))
    b = simulate_transactions(50, seed=np.random.default_rng(3))
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.slow
def test_simulation_moments_match_bgnbd_theory():
    """Large-n means agree with closed forms within 4 standard errors."""
    n, weeks = 100_000, 52
    tx, truth = simulate_transactions(
        n, **CDNOW, observation_days=7 * weeks, acquisition_days=1, seed=2024, return_truth=True
    )
    x = truth["n_repeat"].to_numpy()
    se = x.std(ddof=1) / np.sqrt(n)
    assert abs(x.mean() - _expected_repeat(weeks, **CDNOW)) < 4 * se
    # P(no repeat purchase by t) = (alpha / (alpha + t))^r: no dropout before a repeat purchase
    p0 = (CDNOW["alpha"] / (CDNOW["alpha"] + weeks)) ** CDNOW["r"]
    assert abs((x == 0).mean() - p0) < 4 * np.sqrt(p0 * (1 - p0) / n)
    # mean purchase rate r / alpha and mean dropout probability a / (a + b)
    lam = truth["purchase_rate"]
    assert abs(lam.mean() - CDNOW["r"] / CDNOW["alpha"]) < 4 * lam.std() / np.sqrt(n)
    pi = truth["dropout_probability"]
    assert abs(pi.mean() - CDNOW["a"] / (CDNOW["a"] + CDNOW["b"])) < 4 * pi.std() / np.sqrt(n)
    # Gamma-Gamma: mean amount per transaction p * gamma / (q - 1) (amounts independent of counts)
    amt = tx["amount"]
    assert abs(amt.mean() - 6.25 * 15.44 / 2.74) < 4 * amt.std() / np.sqrt(len(amt))


def test_simulation_structure_and_truth():
    tx, truth = simulate_transactions(
        2_000, observation_days=100, acquisition_days=30, start="2020-03-01", seed=5,
        return_truth=True,
    )
    assert list(tx.columns) == ["customer_id", "date", "amount"]
    assert tx["date"].dtype == "datetime64[ns]"
    assert tx["date"].min() >= pd.Timestamp("2020-03-01")
    assert tx["date"].max() <= pd.Timestamp("2020-03-01") + pd.Timedelta(days=99)
    assert truth["first_purchase"].max() <= pd.Timestamp("2020-03-01") + pd.Timedelta(days=29)
    # one first purchase per customer, on its recorded date, plus n_repeat repeat purchases
    counts = tx.groupby("customer_id").size()
    np.testing.assert_array_equal(counts.to_numpy(), truth["n_repeat"].to_numpy() + 1)
    firsts = tx.groupby("customer_id")["date"].min()
    pd.testing.assert_series_equal(firsts, truth["first_purchase"], check_names=False)
    assert tx.equals(tx.sort_values(["customer_id", "date"], kind="stable"))
    days_in = (truth["first_purchase"] - pd.Timestamp("2020-03-01")).dt.days
    np.testing.assert_allclose(truth["T"], (100 - days_in) / 7)
    # a customer with no repeat purchase cannot have dropped out (dropout follows a purchase)
    assert truth.loc[truth["n_repeat"] == 0, "alive"].all()


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(1, 40),
    r=st.floats(0.05, 5),
    alpha=st.floats(0.1, 20),
    a=st.floats(0.1, 5),
    b=st.floats(0.1, 5),
    seed=st.integers(0, 2**32 - 1),
)
def test_simulation_laws_hold_for_any_parameters(n, r, alpha, a, b, seed):
    tx, truth = simulate_transactions(n, r=r, alpha=alpha, a=a, b=b, observation_days=60,
                                      acquisition_days=10, seed=seed, return_truth=True)
    assert set(tx["customer_id"]) == set(range(1, n + 1))
    assert (tx["amount"] >= 0).all()
    assert len(tx) == n + truth["n_repeat"].sum()
    assert ((truth["dropout_probability"] >= 0) & (truth["dropout_probability"] <= 1)).all()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_customers": 0}, ValueError, "n_customers must be a whole number of at least 1; got 0"),
        ({"n_customers": 2.5}, ValueError, "n_customers must be a whole number; got 2.5"),
        ({"n_customers": "10"}, TypeError, "n_customers must be a number"),
        ({"r": 0}, ValueError, "r must be greater than 0; got 0"),
        ({"alpha": -1}, ValueError, "alpha must be greater than 0; got -1"),
        ({"a": 0}, ValueError, "a must be greater than 0"),
        ({"b": float("nan")}, ValueError, "b must be a finite number"),
        ({"p": -2}, ValueError, "p must be greater than 0"),
        ({"q": 0}, ValueError, "q must be greater than 0"),
        ({"gamma": 0}, ValueError, "gamma must be greater than 0"),
        ({"observation_days": 0}, ValueError, "observation_days must be a whole number of at"),
        ({"acquisition_days": 0}, ValueError, "acquisition_days must be a whole number of at"),
        ({"observation_days": 10, "acquisition_days": 11}, ValueError,
         r"acquisition_days must be at most observation_days \(10\); got 11"),
        ({"start": "not a date"}, ValueError, "start must be a date"),
        ({"return_truth": "yes"}, TypeError, "return_truth must be True or False"),
    ],
)
def test_simulation_validation(kwargs, error, match):
    args = {"n_customers": 10, **kwargs}
    n = args.pop("n_customers")
    with pytest.raises(error, match=match):
        simulate_transactions(n, **args)
