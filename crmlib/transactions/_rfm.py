"""RFM summaries (frequency, recency, T, monetary value) of a transaction log."""

from __future__ import annotations

import datetime as _dt
import warnings

import numpy as np
import pandas as pd

from crmlib._messages import Message, fail
from crmlib._validation import check_choice, check_columns
from crmlib.transactions._log import TransactionLog
from crmlib.transactions._parse import check_id_types, parse_dates
from crmlib.transactions._periods import UNITS, elapsed, period_index

__all__ = ["rfm_summary"]

DateLike = str | _dt.date | np.datetime64 | pd.Timestamp

UNIT_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
_NAT = np.iinfo(np.int64).min
_FIXED_WIDTH_LIMIT = 256 * 2**20  # bytes of a fixed-width copy of the ids used for sorting


def _day_number(
    name: str, value: object, date_format: str | None = None, dayfirst: bool | None = None
) -> int:
    """Day number (days since 1970-01-01) of a date given by the caller.

    Datetime values are taken as they are; text and numbers are read by the
    one date parser of :mod:`crmlib.transactions` (so ``20240105`` is a
    yyyymmdd date, never nanoseconds, and ``05/01/2024`` is refused as
    ambiguous).
    """
    if isinstance(value, (_dt.date, np.datetime64)) and not pd.isna(value):
        return int(np.datetime64(value, "D").astype(np.int64))
    if isinstance(value, (str, int, float, np.integer, np.floating)) and not isinstance(
        value, bool
    ):
        try:
            parsed, why = parse_dates(pd.Series([value], dtype=object), date_format, dayfirst)
        except ValueError:
            raise fail(ValueError, "date_must_be", name=name, got=repr(value),
                       why=Message("date_must_be_ambiguous")) from None
        if why[0] is None:
            return int(parsed[0].astype("datetime64[D]").astype(np.int64))
        raise fail(ValueError, "date_must_be", name=name, got=repr(value),
                   why=Message("date_must_be_why", why=why[0]))
    raise fail(ValueError, "date_must_be", name=name, got=repr(value), why="")


def _show_day(day: int) -> str:
    return str(np.datetime64(day, "D"))


def _columns(
    frame: pd.DataFrame, customer: str, date: str, amount: str | None,
    date_format: str | None = None, dayfirst: bool | None = None,
) -> tuple[np.ndarray, pd.Index, np.ndarray, np.ndarray | None]:
    """Customer codes, their labels, day numbers and amounts, validated."""
    if len(frame) == 0:
        raise fail(ValueError, "no_rows", name="transactions")
    ids = frame[customer]
    if isinstance(ids.dtype, pd.CategoricalDtype):
        codes, labels = ids.cat.codes.to_numpy(dtype=np.int64), ids.cat.categories
    else:
        codes, labels = pd.factorize(ids.to_numpy(), sort=False)
    if (codes < 0).any():
        first = frame.index[np.flatnonzero(codes < 0)[0]]
        raise fail(ValueError, "missing_ids", column=repr(customer),
                   count=int((codes < 0).sum()), row=repr(first))
    if labels.dtype == object:
        check_id_types("transactions", customer, labels)
    dates = frame[date]
    if pd.api.types.is_datetime64_any_dtype(dates):
        if getattr(dates.dt, "tz", None) is not None:
            dates = dates.dt.tz_localize(None)  # local wall-clock time
        days = dates.to_numpy().astype("datetime64[D]").view(np.int64)
    else:
        # the one date parser of crmlib.transactions, as in read_transactions
        parsed, why = parse_dates(dates, date_format, dayfirst)
        unusable = np.not_equal(why, None) & pd.notna(dates).to_numpy()
        if unusable.any():
            first = np.flatnonzero(unusable)[0]
            raise fail(TypeError, "column_not_dates", column=repr(date),
                       got=repr(dates.iloc[first]), row=repr(frame.index[first]),
                       why=why[first])
        days = parsed.astype("datetime64[D]").view(np.int64)
    if (days == _NAT).any():
        first = frame.index[np.flatnonzero(days == _NAT)[0]]
        raise fail(ValueError, "missing_dates", column=repr(date),
                   count=int((days == _NAT).sum()), row=repr(first))
    values = None
    if amount is not None:
        try:
            values = frame[amount].to_numpy(dtype=np.float64)
        except (TypeError, ValueError):
            raise fail(TypeError, "amount_not_numbers", column=repr(amount),
                       got=repr(frame[amount].iloc[0])) from None
        bad = ~np.isfinite(values)
        if bad.any():
            first = frame.index[np.flatnonzero(bad)[0]]
            raise fail(ValueError, "amount_not_finite", column=repr(amount),
                       count=int(bad.sum()), row=repr(first))
    return codes.astype(np.int64, copy=False), labels, days, values


def _sort_order(labels: np.ndarray) -> np.ndarray:
    """Stable argsort of customer labels; short text ids are sorted as fixed-width strings."""
    if labels.dtype == object and pd.api.types.infer_dtype(labels, skipna=False) == "string":
        width = max(map(len, labels), default=1)
        if width * labels.size * 4 <= _FIXED_WIDTH_LIMIT:
            return np.argsort(labels.astype(f"U{max(width, 1)}"), kind="stable")
    try:
        return np.argsort(labels, kind="stable")
    except TypeError:  # ids of mixed types (e.g. 7 and "A7"): order by their text
        return np.argsort(labels.astype(str), kind="stable")


def _sorted_keys(
    unit: np.ndarray, period: np.ndarray, with_order: bool
) -> tuple[np.ndarray, np.ndarray | None, int, int]:
    """Keys ``unit * span + period offset`` in ascending order, and the sorting permutation.

    When key and row number fit together in 63 bits they are packed into one
    int64 and sorted in place (much faster than ``argsort`` plus a gather).
    """
    pmin = int(period.min())
    span = int(period.max()) - pmin + 1
    key = unit * span
    key += period
    key -= pmin
    if not with_order:
        key.sort()
        return key, None, pmin, span
    shift = max(int(key.size - 1).bit_length(), 1)
    if (int(unit.max()) + 1) * span < 1 << (62 - shift):
        key <<= shift
        key |= np.arange(key.size, dtype=np.int64)
        key.sort()
        order = key & ((1 << shift) - 1)
        key >>= shift
        return key, order, pmin, span
    order = np.argsort(key, kind="stable")
    return key[order], order, pmin, span


def _run_starts(sorted_values: np.ndarray) -> np.ndarray:
    """Positions where a new run of equal values starts in a sorted array."""
    starts = np.flatnonzero(sorted_values[1:] != sorted_values[:-1])
    starts += 1
    return np.concatenate((np.zeros(1, dtype=starts.dtype), starts))


def _group_stats(
    unit: np.ndarray, period: np.ndarray, values: np.ndarray | None
) -> dict[str, np.ndarray]:
    """Per group ``unit``: distinct periods, first/last period and period values.

    One sort by (unit, period); runs of equal keys are one purchase period
    whose value is the sum of its transactions.
    """
    sorted_key, order, pmin, span = _sorted_keys(unit, period, values is not None)
    starts = _run_starts(sorted_key)
    pkey = sorted_key[starts]
    del sorted_key
    punit = pkey // span
    pperiod = pkey - punit * span + pmin
    ustarts = _run_starts(punit)
    uends = np.r_[ustarts[1:], punit.size]
    out = {
        "unit": punit[ustarts],
        "n_periods": uends - ustarts,
        "first": pperiod[ustarts],
        "last": pperiod[uends - 1],
    }
    if values is not None:
        pvalue = np.add.reduceat(values[order], starts)
        del order
        out["total"] = np.add.reduceat(pvalue, ustarts)
        pvalue[ustarts] = 0.0  # drop each group's first period
        out["repeat_total"] = np.add.reduceat(pvalue, ustarts)
    return out


def rfm_summary(
    transactions: pd.DataFrame | TransactionLog,
    freq: str = "W",
    observation_end: DateLike | None = None,
    calibration_end: DateLike | None = None,
    *,
    grain: str = "D",
    customer: str = "customer_id",
    date: str = "date",
    amount: str | None = "amount",
    zero_T: str = "drop",  # noqa: N803
    dayfirst: bool | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    r"""Summarise a transaction log per customer as frequency, recency, T and monetary value.

    The RFM summary (RFM 汇总: 购买频次 frequency, 最近购买时间 recency, 观察期长度 T,
    平均消费金额 monetary value) that the BG/NBD, Pareto/NBD and Gamma-Gamma
    models take as input, with the conventions of Fader, Hardie & Lee (2005)
    and the ``lifetimes`` package.

    Parameters
    ----------
    transactions : pandas.DataFrame or TransactionLog
        One row per transaction, with a customer id, a date and (unless
        ``amount=None``) an amount; the result of :func:`read_transactions`
        is accepted as is. Never modified.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Time unit of ``recency``, ``T`` and ``duration_holdout``: day, week,
        month, quarter, year.
    observation_end : date-like, optional
        Last day of observation (inclusive). Transactions after it are
        ignored. Default: the date of the last transaction.
    calibration_end : date-like, optional
        Last day (inclusive) of the calibration period. When given, the
        summary describes the calibration period and holdout columns are added
        (see Returns). Must not be before the first transaction nor after
        ``observation_end``.
    grain : {"D", "W", "M", "Q", "Y"}, default "D"
        The period within which several transactions count as one purchase.
        Weeks run Monday to Sunday; months, quarters and years are calendar
        periods.
    customer, date, amount : str
        Names of the customer-id, date and amount columns. ``amount=None``
        leaves out the monetary columns.

    Returns
    -------
    pandas.DataFrame
        Index ``customer_id`` (sorted), one row per customer with a purchase
        on or before ``observation_end`` (``calibration_end`` when given;
        without those with :math:`T = 0` unless ``zero_T="keep"``);
        columns ``frequency`` (int), ``recency`` and ``T`` (float, ``freq``
        units) and ``monetary_value`` (float). With ``calibration_end`` these
        four describe the calibration period, and ``frequency_holdout`` (int),
        ``monetary_value_holdout`` (float) and ``duration_holdout`` (float,
        ``freq`` units, the same for every customer) are added.

    Raises
    ------
    ValueError
        For a missing column, an empty log, an unknown ``freq``/``grain``/``zero_T``,
        customer ids of different types that print the same (``1`` and ``"1"``),
        every customer with :math:`T = 0` and ``zero_T="drop"``,
        missing ids, dates or amounts, ``observation_end`` before
        ``calibration_end``, either date before the first transaction, or
        year-last text dates that do not tell day-first from month-first
        (pass ``dayfirst``).
    TypeError
        If ``transactions`` is not a DataFrame, or dates / amounts are text
        that the date parser cannot use (the message gives the row and the
        reason) / not numeric (clean them with :func:`read_transactions`,
        which lists such rows in ``.rejected``).

    Notes
    -----
    Conventions, stated precisely:

    * **Purchase.** Each transaction is mapped to its ``grain`` period; all
      transactions of a customer in one period form **one** purchase whose
      value is their sum. With the default ``grain="D"``, two orders on the
      same day are one purchase.
    * **Frequency** :math:`x` is the number of *repeat* purchases: the number
      of distinct purchase periods minus one (the first purchase starts the
      relationship and is not counted). A one-time buyer has :math:`x = 0`.
    * **Times.** Each purchase is placed at the start of its ``grain``
      period. With :math:`t_1` the first purchase, :math:`t_x` the last one
      and :math:`\tau` the start of the period containing
      ``observation_end`` (or ``calibration_end``):

      .. math::

         \text{recency} = t_x - t_1, \qquad T = \tau - t_1,
         \qquad 0 \le \text{recency} \le T,

      measured in ``freq`` units. A one-time buyer has recency 0. With
      ``grain="D"`` and ``freq="W"`` times are days / 7, so they are
      continuous (the published CDNOW summaries: 272 days give
      :math:`T = 38.86` weeks). When both units are calendar-month based
      (M, Q, Y) times are counted in calendar months (``freq="M"``: whole
      months); otherwise a month is 365.2425 / 12 = 30.44 days, a quarter
      91.31 and a year 365.2425 days.
    * **grain = freq** (e.g. both "W") gives whole periods, which is what
      ``lifetimes`` returns for ``freq="W"``. It is a coarser summary:
      purchases in the same week merge, so frequency can be lower, and
      recency and T are rounded to week starts. Models fitted to it estimate
      rates per week from different data than the continuous-time summary,
      so their parameters differ (a little for CDNOW, where same-week repeat
      purchases are rare). Use the default ``grain="D"`` to match the
      published analyses.
    * **Monetary value** is the mean value of the repeat purchases,

      .. math::

         m_x = \frac{1}{x} \sum_{j=2}^{x+1} v_j \quad (x > 0), \qquad m_x = 0 \quad (x = 0),

      where :math:`v_j` is the summed value of purchase period :math:`j`.
      The first purchase is excluded, as the Gamma-Gamma model requires.
    * **Calibration / holdout.** Customers are those whose first purchase is
      on or before ``calibration_end``. The four calibration columns use only
      transactions on or before ``calibration_end``, with :math:`\tau` the
      start of the period containing ``calibration_end``.
      ``frequency_holdout`` is the number of purchase periods among the
      transactions in (``calibration_end``, ``observation_end``] (all count:
      none is a first purchase), ``monetary_value_holdout`` their mean value
      (0 if none; ``lifetimes`` averages single transactions instead) and
      ``duration_holdout`` is the time from the start of the period containing
      ``calibration_end`` to that containing ``observation_end``. A ``grain``
      period that straddles ``calibration_end`` is split at it.
    * Dates are days: a time of day is ignored, and a transaction at any time
      on ``observation_end`` is included.
    * A datetime64 column of any unit is used as it is (a ``datetime64[s]``
      column may hold 1600-01-01: it is never wrapped around); text and
      numbers are read by the date parser of :func:`read_transactions`,
      which refuses dates outside 1677-09-22 to 2262-04-11.

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your
       Customers' the Easy Way: An Alternative to the Pareto/NBD Model",
       *Marketing Science* 24(2), 275-284, Section 4 (the (x, t_x, T) summary).
    .. [2] Fader, P. S. and Hardie, B. G. S. (2008), "Creating an RFM Summary
       Using Excel", note at brucehardie.com.
    .. [3] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "RFM and CLV:
       Using Iso-Value Curves for Customer Base Analysis", *Journal of
       Marketing Research* 42(4), 415-430 (monetary value of repeat purchases).

    Examples
    --------
    >>> import pandas as pd
    >>> tx = pd.DataFrame({
    ...     "customer_id": ["a", "a", "a", "b"],
    ...     "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-15", "2024-01-08"]),
    ...     "amount": [10.0, 5.0, 20.0, 7.0],
    ... })
    >>> rfm_summary(tx, observation_end="2024-01-29")
                 frequency  recency    T  monetary_value
    customer_id
    a                    1      2.0  4.0            20.0
    b                    0      0.0  3.0             0.0
    """
    if isinstance(transactions, TransactionLog):
        transactions = transactions.data
    required = [customer, date] + ([amount] if amount is not None else [])
    check_columns("transactions", transactions, required)
    freq = check_choice("freq", freq, UNITS)
    grain = check_choice("grain", grain, UNITS)
    zero_T = check_choice("zero_T", zero_T, ("drop", "keep"))  # noqa: N806
    codes, labels, days, values = _columns(transactions, customer, date, amount,
                                           date_format, dayfirst)

    first_day = int(days.min())
    obs_day = int(days.max()) if observation_end is None else _day_number(
        "observation_end", observation_end, date_format, dayfirst
    )
    if obs_day < first_day:
        raise fail(ValueError, "end_before_first", name="observation_end",
                   first=_show_day(first_day), got=_show_day(obs_day))
    cal_day = None
    if calibration_end is not None:
        cal_day = _day_number("calibration_end", calibration_end, date_format, dayfirst)
        if cal_day > obs_day:
            raise fail(ValueError, "observation_before_calibration", obs=_show_day(obs_day),
                       cal=_show_day(cal_day))
        if cal_day < first_day:
            raise fail(ValueError, "end_before_first", name="calibration_end",
                       first=_show_day(first_day), got=_show_day(cal_day))

    if int(days.max()) > obs_day:
        keep = days <= obs_day
        codes, days = codes[keep], days[keep]
        values = values[keep] if values is not None else None
    period = period_index(days, grain)
    unit = codes if cal_day is None else codes * 2 + (days > cal_day)
    del days
    stats = _group_stats(unit, period, values)
    del unit, period

    in_cal = slice(None) if cal_day is None else (stats["unit"] % 2 == 0)
    cust = stats["unit"][in_cal] if cal_day is None else stats["unit"][in_cal] // 2
    n_periods = stats["n_periods"][in_cal]
    first = stats["first"][in_cal]
    end_day = obs_day if cal_day is None else cal_day
    end_period = period_index(np.array([end_day]), grain)
    result = {
        "frequency": n_periods - 1,
        "recency": elapsed(first, stats["last"][in_cal], grain, freq),
        "T": elapsed(first, np.broadcast_to(end_period, first.shape), grain, freq),
    }
    if values is not None:
        repeat_total = stats["repeat_total"][in_cal]
        result["monetary_value"] = np.divide(
            repeat_total, n_periods - 1, out=np.zeros(first.size), where=n_periods > 1
        )
    if cal_day is not None:
        hold = stats["unit"] % 2 == 1
        hold_cust = stats["unit"][hold] // 2
        pos = np.searchsorted(cust, hold_cust)
        known = (pos < cust.size) & (cust[np.minimum(pos, cust.size - 1)] == hold_cust)
        freq_hold = np.zeros(cust.size, dtype=np.int64)
        freq_hold[pos[known]] = stats["n_periods"][hold][known]
        result["frequency_holdout"] = freq_hold
        if values is not None:
            total_hold = np.zeros(cust.size)
            total_hold[pos[known]] = stats["total"][hold][known]
            result["monetary_value_holdout"] = np.divide(
                total_hold, freq_hold, out=np.zeros(cust.size), where=freq_hold > 0
            )
        span = elapsed(end_period, period_index(np.array([obs_day]), grain), grain, freq)
        result["duration_holdout"] = np.full(cust.size, span[0])
    n_zero = 0
    if zero_T == "drop":
        fresh = result["T"] == 0
        n_zero = int(fresh.sum())
        if n_zero == cust.size:
            raise fail(ValueError, "every_T_zero", n=n_zero, unit=Message(f"unit_{grain}"),
                       end=_show_day(end_day))
        if n_zero:
            warnings.warn(
                f"{n_zero} of {cust.size} customers have T = 0 (their first purchase is in the "
                f"{UNIT_NAMES[grain]} of {_show_day(end_day)}, the end of observation) and are "
                "left out, since the models cannot be fitted to them; pass zero_T='keep' to "
                "keep them",
                UserWarning,
                stacklevel=2,
            )
            cust = cust[~fresh]
            result = {k: v[~fresh] for k, v in result.items()}
    by_label = _sort_order(np.asarray(labels.take(cust)))
    index = pd.Index(labels.take(cust[by_label]), name="customer_id")
    out = pd.DataFrame({k: v[by_label] for k, v in result.items()}, index=index)
    out.attrs["n_zero_T"] = n_zero
    return out
