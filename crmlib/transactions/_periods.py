"""Calendar periods and elapsed time on integer day numbers (days since 1970-01-01).

Everything here works on int64 NumPy arrays so that :func:`rfm_summary` stays
fully vectorised. A *period index* numbers the periods of one unit (day,
Monday-start week, calendar month, quarter or year) consecutively; the
*start* of a period is its first day (or, for month-aligned units, its first
month).
"""

from __future__ import annotations

import numpy as np

__all__ = ["DAYS_PER_UNIT", "MONTHS_PER_UNIT", "UNITS", "elapsed", "period_index"]

#: Supported period / time units, in increasing length.
UNITS: tuple[str, ...] = ("D", "W", "M", "Q", "Y")

#: Length of a unit in days when time is measured continuously. Months,
#: quarters and years use the mean Gregorian year of 365.2425 days (the
#: definition NumPy uses for ``np.timedelta64(1, "M")``).
DAYS_PER_UNIT: dict[str, float] = {
    "D": 1.0,
    "W": 7.0,
    "M": 365.2425 / 12,
    "Q": 365.2425 / 4,
    "Y": 365.2425,
}

#: Length of month-aligned units in calendar months.
MONTHS_PER_UNIT: dict[str, int] = {"M": 1, "Q": 3, "Y": 12}

# 1970-01-01 was a Thursday: shifting by 3 days makes week 0 start on Monday 1969-12-29.
_WEEK_SHIFT = 3


def _months(days: np.ndarray) -> np.ndarray:
    """Calendar-month number (months since 1970-01) of each day number."""
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def _month_start_day(months: np.ndarray) -> np.ndarray:
    """Day number of the first day of each calendar-month number."""
    return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def period_index(days: np.ndarray, unit: str) -> np.ndarray:
    """Number of the ``unit`` period containing each day (int64 array).

    >>> period_index(np.array([0, 3, 4]), "W")  # Thu 1970-01-01, Sun 01-04, Mon 01-05
    array([0, 0, 1])
    >>> period_index(np.array([0, 31, 59]), "M")  # Jan 1, Feb 1, Mar 1 1970
    array([0, 1, 2])
    """
    days = np.asarray(days, dtype=np.int64)
    if unit == "D":
        return days
    if unit == "W":
        return (days + _WEEK_SHIFT) // 7
    return _months(days) // MONTHS_PER_UNIT[unit]


def _start_day(index: np.ndarray, unit: str) -> np.ndarray:
    if unit == "D":
        return index
    if unit == "W":
        return index * 7 - _WEEK_SHIFT
    return _month_start_day(index * MONTHS_PER_UNIT[unit])


def elapsed(start: np.ndarray, end: np.ndarray, grain: str, freq: str) -> np.ndarray:
    """Time from the start of period ``start`` to the start of period ``end``, in ``freq`` units.

    ``start`` and ``end`` are ``grain`` period indices. When both ``grain``
    and ``freq`` are month-aligned (M, Q, Y) the time is counted in calendar
    months (whole months, quarters or years for equal units); otherwise it is
    the number of days divided by :data:`DAYS_PER_UNIT` of ``freq``.

    >>> elapsed(np.array([0]), np.array([272]), "D", "W")  # 272 days
    array([38.85714286])
    >>> elapsed(np.array([0]), np.array([14]), "M", "Y")  # Jan 1970 -> Mar 1971
    array([1.16666667])
    """
    start = np.asarray(start, dtype=np.int64)
    end = np.asarray(end, dtype=np.int64)
    if grain in MONTHS_PER_UNIT and freq in MONTHS_PER_UNIT:
        months = (end - start) * MONTHS_PER_UNIT[grain]
        return months / MONTHS_PER_UNIT[freq]
    days = _start_day(end, grain) - _start_day(start, grain)
    return days / DAYS_PER_UNIT[freq]
