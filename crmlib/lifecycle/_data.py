"""Reading a transaction log for the lifecycle functions (the kit's one column/date check)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmlib._messages import fail
from crmlib._validation import check_choice, check_column_args
from crmlib.transactions._log import TransactionLog
from crmlib.transactions._periods import UNITS, _start_day, period_index
from crmlib.transactions._rfm import _columns, _day_number, _show_day

__all__ = ["PERIOD_FREQ", "Log", "period_labels", "read_log"]

#: pandas Period frequency of each unit (weeks run Monday to Sunday, as in rfm_summary).
PERIOD_FREQ = {"D": "D", "W": "W-SUN", "M": "M", "Q": "Q-DEC", "Y": "Y-DEC"}


@dataclass(frozen=True)
class Log:
    """Validated transactions as arrays: one entry per transaction on or before ``end_day``."""

    codes: np.ndarray  # customer code 0..n-1
    labels: pd.Index  # customer id of each code
    days: np.ndarray  # day number (days since 1970-01-01)
    amounts: np.ndarray | None
    extra: np.ndarray | None  # a second value column (margin), if asked for
    end_day: int


def read_log(
    transactions: object,
    *,
    customer: str,
    date: str,
    amount: str | None,
    end: object = None,
    end_name: str = "observation_end",
    extra: str | None = None,
    extra_name: str = "margin",
) -> Log:
    """Check and read ``transactions`` (DataFrame or TransactionLog) up to the day ``end``."""
    if isinstance(transactions, TransactionLog):
        transactions = transactions.data
    optional = {"amount": amount, extra_name: extra}  # None: not read
    given = {"customer": customer, "date": date,
             **{k: c for k, c in optional.items() if c is not None}}
    frame = check_column_args("transactions", transactions, given)
    codes, labels, days, values = _columns(frame, customer, date, amount)
    second = None
    if extra is not None:
        _, _, _, second = _columns(frame, customer, date, extra)
    first_day = int(days.min())
    end_day = int(days.max()) if end is None else _day_number(end_name, end)
    if end_day < first_day:
        raise fail(ValueError, "end_before_first", name=end_name, first=_show_day(first_day),
                   got=_show_day(end_day))
    keep = days <= end_day
    if not keep.all():
        codes, days = codes[keep], days[keep]
        values = values[keep] if values is not None else None
        second = second[keep] if second is not None else None
    return Log(codes, labels, days, values, second, end_day)


def check_period(name: str, value: object) -> str:
    """One of the kit's period units D, W, M, Q, Y."""
    return check_choice(name, value, UNITS)


def period_labels(index: np.ndarray, unit: str) -> pd.PeriodIndex:
    """pandas periods for the kit's period numbers of ``unit``."""
    start = _start_day(np.asarray(index, dtype=np.int64), unit).astype("datetime64[D]")
    return pd.PeriodIndex(pd.DatetimeIndex(start), freq=PERIOD_FREQ[unit])


def day_to_period(days: np.ndarray, unit: str) -> np.ndarray:
    """Period number of each day number."""
    return period_index(np.asarray(days, dtype=np.int64), unit)
