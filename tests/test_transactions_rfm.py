"""Tests of crmlib.transactions.rfm_summary.

Reference values come from (a) the published CDNOW summary of Fader, Hardie & Lee
(2005), (b) an independent implementation (lifetimes 0.11.3,
``summary_data_from_transaction_data`` / ``calibration_and_holdout_data``),
(c) hand calculations shown in comments, and (d) laws checked with hypothesis.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.datasets import load_cdnow
from crmlib.transactions import read_transactions, rfm_summary

# Summaries of the hand-worked log drop its T = 0 customer with a warning (tested below
# with pytest.warns); elsewhere the warning is expected and not the point.
pytestmark = pytest.mark.filterwarnings("ignore:.* have T = 0 .*:UserWarning")

lifetimes_utils = pytest.importorskip("lifetimes.utils")

CAL_END, OBS_END = "1997-09-30", "1998-06-30"
COLUMNS = ["frequency", "recency", "T", "monetary_value"]


def _lifetimes_cal(tx: pd.DataFrame, freq: str, multiplier: int) -> pd.DataFrame:
    out = lifetimes_utils.calibration_and_holdout_data(
        tx, "customer_id", "date", calibration_period_end=CAL_END,
        observation_period_end=OBS_END, freq=freq, freq_multiplier=multiplier,
        monetary_value_col="amount",
    )
    return out.rename(columns=lambda c: c.removesuffix("_cal"))


def _daily(tx: pd.DataFrame) -> pd.DataFrame:
    """One row per customer and day, amounts summed (a purchase = a customer-day)."""
    return tx.groupby(["customer_id", "date"], as_index=False)["amount"].sum()


def _assert_same(ours: pd.DataFrame, ref: pd.DataFrame, columns: list[str]) -> None:
    ref = ref.reindex(ours.index)
    assert len(ours) == len(ref)
    for column in columns:
        np.testing.assert_allclose(ours[column].to_numpy(float), ref[column].to_numpy(float),
                                   rtol=1e-12, atol=1e-9, err_msg=column)


# ---------------------------------------------------------- published CDNOW numbers


def _hardie_summary() -> pd.DataFrame:
    """The (x, t_x, T, zbar) file distributed with the BG/NBD and spend-model papers.

    Fader, Hardie & Lee (2005), "Counting your customers the easy way", data for
    Section 4; shipped in lifetimes 0.11.3 as cdnow_customers_summary_with_transactions.csv
    (values rounded to 2 decimals, ids 1..2357 = the sample ids).
    """
    path = resources.files("lifetimes").joinpath(
        "datasets/cdnow_customers_summary_with_transactions.csv"
    )
    with path.open("rb") as fh:
        return pd.read_csv(fh).set_index("ID")


def test_cdnow_sample_matches_fader_hardie_lee_2005_published_summary() -> None:
    published = _hardie_summary()
    ours = rfm_summary(load_cdnow("sample"), "W", OBS_END, CAL_END)
    # 2,357 customers; the first has T = 38.86 weeks (1997-01-01 .. 1997-09-30 = 272 days).
    assert len(ours) == 2357 == len(published)
    assert ours["T"].iloc[0] == pytest.approx(272 / 7)
    assert round(ours["T"].iloc[0], 2) == published["T"].iloc[0] == 38.86
    ours = ours.reindex(published.index)
    np.testing.assert_array_equal(ours["frequency"], published["x"])
    # Calibration-period repeat transactions in the published file: 2,457.
    assert ours["frequency"].sum() == published["x"].sum() == 2457
    np.testing.assert_allclose(ours["recency"], published["t_x"], atol=0.005 + 1e-9)
    np.testing.assert_allclose(ours["T"], published["T"], atol=0.005 + 1e-9)
    np.testing.assert_allclose(ours["monetary_value"], published["zbar"], atol=0.005 + 1e-9)


# ------------------------------------------------- independent implementation: lifetimes


@pytest.mark.parametrize("kind", ["sample", "master"])
def test_cdnow_continuous_weeks_with_holdout_match_lifetimes(kind: str) -> None:
    tx = load_cdnow(kind)
    ours = rfm_summary(tx, "W", OBS_END, CAL_END)
    ref = _lifetimes_cal(tx, "D", 7)  # days / 7: continuous weeks
    _assert_same(ours, ref, [*COLUMNS, "frequency_holdout", "duration_holdout"])
    assert ours["duration_holdout"].iloc[0] == pytest.approx(273 / 7)  # 1997-09-30 .. 1998-06-30
    # lifetimes averages single holdout transactions; on a log with one row per
    # customer-day that is our mean per purchase period.
    daily_ref = _lifetimes_cal(_daily(tx), "D", 7)
    _assert_same(ours, daily_ref, ["monetary_value_holdout"])


@pytest.mark.parametrize("kind", ["sample", "master"])
def test_cdnow_whole_weeks_match_lifetimes_freq_w(kind: str) -> None:
    tx = load_cdnow(kind)
    ours = rfm_summary(tx, "W", grain="W")
    ref = lifetimes_utils.summary_data_from_transaction_data(
        tx, "customer_id", "date", monetary_value_col="amount", freq="W"
    )
    _assert_same(ours, ref, COLUMNS)
    assert np.all(ours["T"] == np.round(ours["T"]))  # whole weeks


@pytest.mark.parametrize("kind", ["sample", "master"])
def test_cdnow_whole_weeks_with_holdout_match_lifetimes(kind: str) -> None:
    tx = load_cdnow(kind)
    ours = rfm_summary(tx, "W", OBS_END, CAL_END, grain="W")
    ref = _lifetimes_cal(tx, "W", 1)
    _assert_same(ours, ref, [*COLUMNS, "frequency_holdout", "duration_holdout"])


def test_cdnow_without_calibration_matches_lifetimes_days_over_seven() -> None:
    tx = load_cdnow("sample")
    ours = rfm_summary(tx)  # observation_end = last transaction, 1998-06-30
    ref = lifetimes_utils.summary_data_from_transaction_data(
        tx, "customer_id", "date", monetary_value_col="amount", freq="D", freq_multiplier=7
    )
    _assert_same(ours, ref, COLUMNS)


def test_whole_weeks_summary_differs_from_continuous_weeks_on_cdnow() -> None:
    tx = load_cdnow("sample")
    daily = rfm_summary(tx, "W", OBS_END, CAL_END)
    weekly = rfm_summary(tx, "W", OBS_END, CAL_END, grain="W")
    # Same-week repeat purchases merge, so total repeat frequency can only drop.
    assert weekly["frequency"].sum() <= daily["frequency"].sum()
    assert not np.allclose(weekly["T"], daily["T"])


# ------------------------------------------------------------------ hand-worked cases


@pytest.fixture
def log() -> pd.DataFrame:
    rows = [  # 2024-01-01 is a Monday
        ("one", "2024-01-01", 50.0),
        ("same", "2024-01-08", 10.0), ("same", "2024-01-08", 15.0), ("same", "2024-01-22", 30.0),
        ("late", "2024-01-15", 20.0), ("late", "2024-03-04", 40.0),
        ("after", "2024-03-05", 70.0),
        ("mix", "2024-01-01", 100.0), ("mix", "2024-01-02", 20.0), ("mix", "2024-01-03", 40.0),
        ("mix", "2024-03-05", 999.0),
        ("edge", "2024-01-31", 12.0), ("edge", "2024-02-10", 5.0), ("edge", "2024-02-10", 7.0),
    ]
    frame = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def test_hand_worked_continuous_weeks(log: pd.DataFrame) -> None:
    out = rfm_summary(log, "W", observation_end="2024-03-04")
    # "after" buys only after observation_end: not a customer yet.
    assert out.index.tolist() == ["edge", "late", "mix", "one", "same"]
    # one-time buyer: x=0, recency 0, T = Jan 1 -> Mar 4 = 63 days = 9 weeks, m = 0
    assert out.loc["one"].tolist() == [0, 0.0, 9.0, 0.0]
    # same-day purchases merge: Jan 8 (10+15) and Jan 22 (30): x=1, 14 days = 2 weeks,
    # T = 56 days = 8 weeks, m = 30 (the first purchase, 25, is excluded)
    assert out.loc["same"].tolist() == [1, 2.0, 8.0, 30.0]
    # purchase exactly on observation_end counts: Jan 15 -> Mar 4 = 49 days = 7 weeks
    assert out.loc["late"].tolist() == [1, 7.0, 7.0, 40.0]
    # three days in a row: x=2, recency 2 days; the Mar 5 purchase is after the end;
    # m = (20 + 40) / 2 = 30
    assert out.loc["mix"].tolist() == pytest.approx([2, 2 / 7, 9.0, 30.0])
    # Jan 31 and Feb 10 (5+7): x=1, recency 10 days, T = 33 days, m = 12
    assert out.loc["edge"].tolist() == pytest.approx([1, 10 / 7, 33 / 7, 12.0])
    assert out["frequency"].dtype == np.int64


def test_hand_worked_calibration_and_holdout(log: pd.DataFrame) -> None:
    out = rfm_summary(log, "W", observation_end="2024-03-04", calibration_end="2024-01-31",
                      zero_T="keep")
    # "after" starts after calibration_end: excluded.
    assert out.index.tolist() == ["edge", "late", "mix", "one", "same"]
    cols = ["frequency", "recency", "T", "monetary_value", "frequency_holdout",
            "monetary_value_holdout"]
    # T is measured to Jan 31: one 30 days, same 23, late 16, mix 30, edge 0.
    assert out.loc["one", cols].tolist() == pytest.approx([0, 0, 30 / 7, 0, 0, 0])
    assert out.loc["same", cols].tolist() == pytest.approx([1, 2, 23 / 7, 30, 0, 0])
    # Mar 4 = observation_end is in the holdout period.
    assert out.loc["late", cols].tolist() == pytest.approx([0, 0, 16 / 7, 0, 1, 40])
    assert out.loc["mix", cols].tolist() == pytest.approx([2, 2 / 7, 30 / 7, 30, 0, 0])
    # First purchase exactly on calibration_end: a calibration customer with T = 0;
    # holdout: one purchase day (Feb 10, 5 + 7 = 12).
    assert out.loc["edge", cols].tolist() == pytest.approx([0, 0, 0, 0, 1, 12])
    # Jan 31 -> Mar 4 = 33 days.
    assert out["duration_holdout"].tolist() == pytest.approx([33 / 7] * 5)


def test_hand_worked_whole_weeks(log: pd.DataFrame) -> None:
    out = rfm_summary(log, "W", observation_end="2024-03-04", grain="W")
    # Weeks start on Monday: Jan 1 = week 0, Jan 8 = 1, Jan 15 = 2, Jan 22 = 3, Mar 4 = 9.
    assert out.loc["one"].tolist() == [0, 0.0, 9.0, 0.0]
    assert out.loc["same"].tolist() == [1, 2.0, 8.0, 30.0]
    assert out.loc["late"].tolist() == [1, 7.0, 7.0, 40.0]
    # Jan 1, 2, 3 fall in one week: a single purchase of 160.
    assert out.loc["mix"].tolist() == [0, 0.0, 9.0, 0.0]
    # Jan 31 (Wed, week of Jan 29) and Feb 10 (Sat, week of Feb 5): 1 week apart;
    # T from the week of Jan 29 to the week of Mar 4 = 5 weeks.
    assert out.loc["edge"].tolist() == [1, 1.0, 5.0, 12.0]


def test_hand_worked_months() -> None:
    tx = pd.DataFrame({
        "customer_id": ["x", "x", "x"],
        "date": pd.to_datetime(["2024-01-31", "2024-02-01", "2024-02-15"]),
        "amount": [10.0, 20.0, 5.0],
    })
    end = "2024-04-10"
    # Calendar months: purchases in Jan (10) and Feb (25): x=1, 1 month, T = Jan -> Apr = 3.
    assert rfm_summary(tx, "M", end, grain="M").loc["x"].tolist() == [1, 1.0, 3.0, 25.0]
    assert rfm_summary(tx, "Y", end, grain="M").loc["x"].tolist() == pytest.approx(
        [1, 1 / 12, 3 / 12, 25.0])
    # Days measured in mean months of 365.2425 / 12 days: recency 15 days, T 70 days.
    month = 365.2425 / 12
    assert rfm_summary(tx, "M", end).loc["x"].tolist() == pytest.approx(
        [2, 15 / month, 70 / month, 12.5])
    assert rfm_summary(tx, "D", end).loc["x"].tolist() == [2, 15.0, 70.0, 12.5]
    # Quarters: Jan-Feb are both in Q1, Apr in Q2: a single purchase, T = 1 quarter.
    assert rfm_summary(tx, "Q", end, grain="Q").loc["x"].tolist() == [0, 0.0, 1.0, 0.0]


def test_time_of_day_is_ignored_and_tz_aware_dates_use_local_time() -> None:
    tx = pd.DataFrame({
        "customer_id": ["a", "a"],
        "date": pd.to_datetime(["2024-01-01 23:30", "2024-01-08 00:10"]).tz_localize(
            "Asia/Shanghai"),
        "amount": [1.0, 2.0],
    })
    out = rfm_summary(tx, "D", observation_end="2024-01-08 00:00")
    assert out.loc["a"].tolist() == [1, 7.0, 7.0, 2.0]


def test_accepts_read_transactions_output_directly() -> None:
    log = read_transactions(pd.DataFrame({
        "会员ID": ["A", "A", "B"], "订单日期": ["2024/1/1", "2024年1月15日", "20240110"],
        "实付金额": ["¥10", "20元", "5"],
    }))
    out = rfm_summary(log, "D")
    pd.testing.assert_frame_equal(out, rfm_summary(log.data, "D"))
    # A: Jan 1 -> Jan 15 = 14 days, T = 14; B: one purchase Jan 10, T = 5 days.
    assert out.loc["A"].tolist() == [1, 14.0, 14.0, 20.0]
    assert out.loc["B"].tolist() == [0, 0.0, 5.0, 0.0]


def test_column_name_parameters_and_no_amount(log: pd.DataFrame) -> None:
    renamed = log.rename(columns={"customer_id": "客户", "date": "日期", "amount": "金额"})
    ours = rfm_summary(renamed, customer="客户", date="日期", amount="金额")
    pd.testing.assert_frame_equal(ours, rfm_summary(log))
    counts = rfm_summary(log[["customer_id", "date"]], amount=None)
    assert list(counts.columns) == ["frequency", "recency", "T"]
    held = rfm_summary(log[["customer_id", "date"]], "D", "2024-03-04", "2024-01-31", amount=None)
    assert list(held.columns) == ["frequency", "recency", "T", "frequency_holdout",
                                  "duration_holdout"]


def test_integer_ids_and_string_dates_are_accepted() -> None:
    tx = pd.DataFrame({"customer_id": [20, 3, 3], "date": ["2024-01-01", "2024-01-01",
                       "2024-01-03"], "amount": [1, 2, 3]})
    out = rfm_summary(tx, "D")
    assert out.index.tolist() == [3, 20]
    assert out.index.name == "customer_id"
    assert out.loc[3].tolist() == [1, 2.0, 2.0, 3.0]


def test_ids_of_mixed_types_are_ordered_by_their_text() -> None:
    tx = pd.DataFrame({"customer_id": pd.Series(["b", 7, "a"], dtype=object),
                       "date": pd.to_datetime(["2024-01-01"] * 3), "amount": [1.0, 2.0, 3.0]})
    assert rfm_summary(tx, zero_T="keep").index.tolist() == [7, "a", "b"]


def test_categorical_ids_give_the_same_summary(log: pd.DataFrame) -> None:
    as_category = log.astype({"customer_id": "category"})
    expected = rfm_summary(log, "W", "2024-03-04", "2024-01-31")
    ours = rfm_summary(as_category, "W", "2024-03-04", "2024-01-31")
    assert ours.index.tolist() == expected.index.tolist()
    np.testing.assert_array_equal(ours.to_numpy(), expected.to_numpy())


def test_input_frame_is_not_modified(log: pd.DataFrame) -> None:
    before = log.copy(deep=True)
    rfm_summary(log, "W", "2024-03-04", "2024-01-31", grain="W")
    pd.testing.assert_frame_equal(log, before)


# ----------------------------------------------------------------------- bad input


def test_missing_column_is_named(log: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="transactions is missing the required column 'amount'"):
        rfm_summary(log.drop(columns="amount"))
    with pytest.raises(TypeError, match="transactions must be a pandas DataFrame"):
        rfm_summary([1, 2, 3])


def test_unknown_freq_and_grain(log: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="freq must be one of 'D', 'W', 'M', 'Q', 'Y'; got 'H'"):
        rfm_summary(log, freq="H")
    expected = "grain must be one of 'D', 'W', 'M', 'Q', 'Y'; got 'week'"
    with pytest.raises(ValueError, match=expected):
        rfm_summary(log, grain="week")


def test_date_order_rules(log: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="observation_end must not be before calibration_end; "
                       "got observation_end=2024-01-10 and calibration_end=2024-01-31"):
        rfm_summary(log, observation_end="2024-01-10", calibration_end="2024-01-31")
    with pytest.raises(ValueError, match=r"calibration_end must not be before the first "
                       r"transaction \(2024-01-01\); got 2023-12-31"):
        rfm_summary(log, calibration_end="2023-12-31")
    with pytest.raises(ValueError, match=r"observation_end must not be before the first "
                       r"transaction \(2024-01-01\); got 2023-06-01"):
        rfm_summary(log, observation_end="2023-06-01")
    with pytest.raises(ValueError, match="observation_end must be a date such as '1997-09-30'; "
                       "got 'soon'"):
        rfm_summary(log, observation_end="soon")


def test_missing_values_and_wrong_types(log: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="must have at least one row"):
        rfm_summary(log.iloc[:0])
    bad = log.copy()
    bad.loc[2, "customer_id"] = None
    with pytest.raises(ValueError, match="must not have missing customer ids; 1 missing"):
        rfm_summary(bad)
    bad = log.copy()
    bad.loc[3, "date"] = pd.NaT
    with pytest.raises(ValueError, match="must not have missing dates; 1 missing"):
        rfm_summary(bad)
    bad = log.copy()
    bad.loc[4, "amount"] = np.nan
    with pytest.raises(ValueError, match="must hold finite numbers; 1 are missing or infinite"):
        rfm_summary(bad)
    text = log.astype({"amount": str})
    text.loc[0, "amount"] = "¥50"
    with pytest.raises(TypeError, match="column 'amount' must hold numbers"):
        rfm_summary(text)
    dates = log.astype({"date": str})
    pd.testing.assert_frame_equal(rfm_summary(dates), rfm_summary(log))  # ISO 8601 text
    dates.loc[0, "date"] = "2024年1月1日"  # the one date parser of read_transactions reads it
    pd.testing.assert_frame_equal(rfm_summary(dates), rfm_summary(log))
    dates.loc[0, "date"] = "下周一"
    with pytest.raises(TypeError, match="column 'date' must hold dates .* got values such as "
                       "'下周一' at row 0: date '下周一' has an unrecognised format"):
        rfm_summary(dates)


# -------------------------------------------------------------------- property tests

rows = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 90),
              st.floats(0.01, 1000, allow_nan=False).map(lambda v: round(v, 2))),
    min_size=1, max_size=40,
)


def _frame(data: list[tuple[int, int, float]]) -> pd.DataFrame:
    cust, day, amount = zip(*data, strict=True)
    return pd.DataFrame({
        "customer_id": [f"c{c}" for c in cust],
        "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(list(day), unit="D"),
        "amount": list(amount),
    })


@settings(max_examples=60, deadline=None)
@given(rows, st.sampled_from(["D", "W", "M"]))
def test_bounds_hold_for_any_log(data: list, grain: str) -> None:
    out = rfm_summary(_frame(data), "D", grain=grain, zero_T="keep")
    assert (out["recency"] >= 0).all()
    assert (out["recency"] <= out["T"]).all()
    # distinct purchase periods lie at least one period apart: x <= recency in days
    assert (out["frequency"] <= out["recency"]).all()
    assert (out["frequency"] <= out["T"]).all()
    single = out["frequency"] == 0
    assert (out.loc[single, "recency"] == 0).all()
    assert (out.loc[single, "monetary_value"] == 0).all()


@settings(max_examples=60, deadline=None)
@given(rows, st.randoms(use_true_random=False))
def test_invariant_to_row_order(data: list, rnd) -> None:
    frame = _frame(data)
    shuffled = frame.iloc[rnd.sample(range(len(frame)), len(frame))]
    kwargs = {"observation_end": "2024-03-01", "calibration_end": "2024-02-01"}
    if frame["date"].min() > pd.Timestamp("2024-02-01"):
        kwargs = {}
    kwargs["zero_T"] = "keep"
    pd.testing.assert_frame_equal(rfm_summary(frame, **kwargs), rfm_summary(shuffled, **kwargs),
                                  check_exact=False, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_purchase_days_and_spend_are_conserved(data: list) -> None:
    frame = _frame(data)
    cal_end = frame["date"].min() + pd.Timedelta(days=30)
    obs_end = max(cal_end, frame["date"].max())
    out = rfm_summary(frame, "D", observation_end=obs_end, calibration_end=cal_end,
                      zero_T="keep")
    first = frame.groupby("customer_id")["date"].transform("min")
    members = frame[first <= cal_end]
    # every distinct customer-day is a first purchase, a calibration repeat or a holdout purchase
    n_days = len(members.drop_duplicates(["customer_id", "date"]))
    assert n_days == len(out) + out["frequency"].sum() + out["frequency_holdout"].sum()
    cal = members[members["date"] <= cal_end]
    first_day_spend = cal[cal["date"] == first[cal.index]]["amount"].sum()
    spend = first_day_spend + (out["monetary_value"] * out["frequency"]).sum()
    spend += (out["monetary_value_holdout"] * out["frequency_holdout"]).sum()
    assert spend == pytest.approx(members["amount"].sum())


@settings(max_examples=40, deadline=None)
@given(rows)
def test_random_logs_match_lifetimes(data: list) -> None:
    frame = _frame(data)
    ours = rfm_summary(frame, "W", zero_T="keep")  # lifetimes keeps T = 0 customers
    ref = lifetimes_utils.summary_data_from_transaction_data(
        frame, "customer_id", "date", monetary_value_col="amount", freq="D", freq_multiplier=7
    )
    _assert_same(ours, ref, COLUMNS)


# ------------------------------------------------- real files: no silent wrong numbers

def test_ids_of_two_types_that_print_the_same_are_refused() -> None:
    # Before: ids 1 and "1" became two rows that both printed "1".
    tx = pd.DataFrame({"customer_id": pd.Series([1, "1", "A"], dtype=object),
                       "date": pd.to_datetime(["2024-01-01", "2024-01-05", "2024-01-01"]),
                       "amount": [1.0, 2.0, 3.0]})
    with pytest.raises(ValueError, match=r"column 'customer_id' has ids that are different values "
                       r"but print the same: 1 \(int\) and '1' \(str\); make the ids one type"):
        rfm_summary(tx)
    # read_transactions makes them one customer: purchases on day 0 and day 4.
    out = rfm_summary(read_transactions(tx), "D", zero_T="keep")
    assert out.loc["1", ["frequency", "recency", "T"]].tolist() == [1, 4.0, 4.0]


def test_integer_yyyymmdd_and_excel_serial_columns_are_dates() -> None:
    # 20240101 / 45292 are 2024-01-01 (Excel: 45292 days after 1899-12-30); 20240115 is
    # 14 days later, 45320 is 2024-01-29 (28 days later).
    ymd = pd.DataFrame({"customer_id": ["a", "a", "b"], "date": [20240101, 20240115, 20240108],
                        "amount": [1.0, 2.0, 3.0]})
    out = rfm_summary(ymd, "D", observation_end="2024-01-29")
    assert out.loc["a", ["frequency", "recency", "T"]].tolist() == [1, 14.0, 28.0]
    serial = ymd.assign(date=[45292, 45306, 45299])
    pd.testing.assert_frame_equal(rfm_summary(serial, "D", observation_end="2024-01-29"), out)


def test_coarse_datetime_columns_keep_their_true_dates() -> None:
    # datetime64[s] holds 1600-01-01: a - 1600-01-01 and 1600-01-15, T to 1600-01-29.
    tx = pd.DataFrame({"customer_id": ["a", "a"], "amount": [1.0, 2.0], "date": np.array(
        ["1600-01-01", "1600-01-15"], dtype="datetime64[s]")})
    out = rfm_summary(tx, "D", observation_end=np.datetime64("1600-01-29"))
    assert out.loc["a", ["frequency", "recency", "T"]].tolist() == [1, 14.0, 28.0]


def test_mixed_utc_offsets_in_text_keep_each_local_time() -> None:
    # Before: pandas' "Mixed timezones detected" error.
    tx = pd.DataFrame({"customer_id": ["a", "a"], "amount": [1.0, 2.0],
                       "date": ["2024-01-01T23:00:00+08:00", "2024-01-08T01:00:00-05:00"]})
    out = rfm_summary(tx, "D", observation_end="2024-01-15")
    assert out.loc["a", ["frequency", "recency", "T"]].tolist() == [1, 7.0, 14.0]


def test_customers_with_t_zero_are_dropped_with_a_count() -> None:
    # "late" first buys on the last day (T = 0 with the default observation_end).
    tx = pd.DataFrame({"customer_id": ["a", "a", "late"], "amount": [1.0, 2.0, 3.0],
                       "date": pd.to_datetime(["2024-01-01", "2024-01-08", "2024-01-15"])})
    with pytest.warns(UserWarning, match=r"^1 of 2 customers have T = 0 \(their first purchase "
                      r"is in the day of 2024-01-15, the end of observation\) and are left out"):
        out = rfm_summary(tx, "D")
    assert out.index.tolist() == ["a"]
    assert out.attrs["n_zero_T"] == 1
    kept = rfm_summary(tx, "D", zero_T="keep")
    assert kept.loc["late", "T"] == 0.0
    assert kept.attrs["n_zero_T"] == 0
    # with grain "W", "a" (week of 2024-01-01) is kept, "late" (week of 2024-01-15) is not.
    with pytest.warns(UserWarning, match="in the week of 2024-01-15"):
        assert rfm_summary(tx, "W", grain="W").index.tolist() == ["a"]


def test_calibration_customers_with_t_zero_are_dropped_too() -> None:
    tx = pd.DataFrame({"customer_id": ["a", "b"], "amount": [1.0, 2.0],
                       "date": pd.to_datetime(["2024-01-01", "2024-01-31"])})
    with pytest.warns(UserWarning, match="1 of 2 customers have T = 0"):
        out = rfm_summary(tx, "D", observation_end="2024-02-29", calibration_end="2024-01-31")
    assert out.index.tolist() == ["a"]


def test_every_customer_with_t_zero_is_an_error_and_zero_t_is_checked() -> None:
    tx = pd.DataFrame({"customer_id": ["a"], "date": pd.to_datetime(["2024-01-01"]),
                       "amount": [1.0]})
    with pytest.raises(ValueError, match=r"every customer \(1\) has T = 0: .* pass a later "
                       "observation_end"):
        rfm_summary(tx)
    with pytest.raises(ValueError, match="zero_T must be one of 'drop', 'keep'; got 'flag'"):
        rfm_summary(tx, zero_T="flag")


def test_observation_and_calibration_end_use_the_one_date_parser() -> None:
    # Before: observation_end=20240129 was 1970-01-01 plus 20,240,129 nanoseconds, and
    # "05/02/2024" was read month-first (May 2) without a word.
    tx = pd.DataFrame({"customer_id": ["a", "a"], "date": ["01/01/2024", "15/01/2024"],
                       "amount": [1.0, 2.0]})  # "15/01/2024" tells: day-first
    out = rfm_summary(tx, "D", observation_end=20240129)
    assert out.loc["a", ["frequency", "recency", "T"]].tolist() == [1, 14.0, 28.0]
    iso = tx.assign(date=["2024-01-01", "2024-01-15"])
    with pytest.raises(ValueError, match=r"observation_end must be a date such as '1997-09-30'; "
                       r"got '05/02/2024', which can be read day-first or month-first"):
        rfm_summary(iso, observation_end="05/02/2024")
    out = rfm_summary(iso, "D", observation_end="05/02/2024", dayfirst=True)  # 5 February
    assert out.loc["a", "T"] == 35.0  # 31 days of January + 4
    # date_format for the column and both end dates: a buys on 1 and 15 January;
    # calibration to 10 January (T = 9 days), holdout to 29 January (19 days, 1 purchase).
    dotted = tx.assign(date=["01.01.2024", "15.01.2024"])
    out = rfm_summary(dotted, "D", observation_end="29.01.2024", calibration_end="10.01.2024",
                      date_format="%d.%m.%Y")
    assert out.loc["a", ["frequency", "T", "frequency_holdout", "duration_holdout"]].tolist() \
        == [0, 9.0, 1, 19.0]
    with pytest.raises(ValueError, match=r"calibration_end must be a date such as '1997-09-30'; "
                       "got 'soon': date 'soon' has an unrecognised format"):
        rfm_summary(iso, observation_end=20240129, calibration_end="soon")
