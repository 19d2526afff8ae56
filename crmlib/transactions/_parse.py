"""Cleaning the raw customer-id, date and amount values of an export.

Each parser works on the distinct raw values of a column (exports repeat dates,
ids and prices many times) and returns, for every row, the clean value and
either ``None`` or a reason in words why the value cannot be used.
"""

from __future__ import annotations

import datetime as _dt
import numbers
import re

import numpy as np
import pandas as pd

__all__ = ["parse_amounts", "parse_dates", "parse_ids"]

# Excel's day 0 (serial dates count days from 1899-12-30 in the 1900 system) and its last day.
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31

_YMD = re.compile(
    r"^(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*[日号]?"
    r"(?:[\sT]+(?P<hour>\d{1,2})\s*[:：时]\s*(?P<minute>\d{1,2})"
    r"(?:\s*[:：分]\s*(?P<second>\d{1,2}(?:\.\d+)?))?\s*秒?)?$"
)
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")
_SERIAL = re.compile(r"^\d{1,7}(?:\.\d+)?$")
_CURRENCY = re.compile(r"RMB|CNY|USD|US\$|[¥￥$元]", re.IGNORECASE)
_DATE_HELP = "expected e.g. 2024-01-05, 2024/1/5, 20240105 or 2024年1月5日"


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _by_unique(
    values: pd.Series, parse_uniques
) -> tuple[np.ndarray, np.ndarray]:
    """Apply ``parse_uniques`` (uniques -> (clean, reasons)) and spread back to rows."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
    clean, reasons = parse_uniques(np.asarray(uniques, dtype=object))
    return clean[codes], reasons[codes]


def _ids(uniques: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    clean = np.empty(uniques.size, dtype=object)
    reasons = np.full(uniques.size, None, dtype=object)
    for i, value in enumerate(uniques):
        if _is_missing(value):
            reasons[i] = "missing customer id"
        elif isinstance(value, (float, np.floating)) and float(value).is_integer():
            clean[i] = str(int(value))  # Excel stores 1001 as 1001.0
        else:
            clean[i] = str(value).strip()
    return clean, reasons


def parse_ids(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Customer ids as stripped text; whole-number floats lose their ``.0``.

    >>> parse_ids(pd.Series([" A7 ", 1001.0, None], dtype=object))
    (array(['A7', '1001', None], dtype=object), array([None, None, 'missing customer id'], dtype=object))
    """  # noqa: E501
    return _by_unique(values, _ids)


def _serial_to_timestamp(serial: float) -> pd.Timestamp:
    return _EXCEL_EPOCH + pd.Timedelta(days=serial)


def _number_date(value: float) -> tuple[pd.Timestamp | None, str | None]:
    if not np.isfinite(value):
        return None, f"date {value!r} is not a number of days"
    if float(value).is_integer() and 10000101 <= value <= 99991231:
        return _compact(str(int(value)))
    if 0 < value <= _EXCEL_MAX_SERIAL:
        return _serial_to_timestamp(float(value)), None
    return None, f"date {value!r} is neither an Excel serial date nor yyyymmdd"


def _compact(text: str) -> tuple[pd.Timestamp | None, str | None]:
    try:
        return pd.Timestamp(int(text[:4]), int(text[4:6]), int(text[6:8])), None
    except ValueError:
        return None, f"date {text!r} is not a valid calendar date"


def _text_date(text: str) -> tuple[pd.Timestamp | None, str | None]:
    if _COMPACT.match(text):
        return _compact(text)
    if _SERIAL.match(text):
        return _number_date(float(text))
    match = _YMD.match(text)
    if match is None:
        return None, f"date {text!r} has an unrecognised format ({_DATE_HELP})"
    parts = match.groupdict()
    second = float(parts["second"] or 0)
    try:
        stamp = pd.Timestamp(
            int(parts["year"]), int(parts["month"]), int(parts["day"]),
            int(parts["hour"] or 0), int(parts["minute"] or 0), int(second),
        )
    except ValueError:
        return None, f"date {text!r} is not a valid calendar date"
    return stamp + pd.Timedelta(seconds=second - int(second)), None


def _one_date(value: object, date_format: str | None) -> tuple[pd.Timestamp | None, str | None]:
    if _is_missing(value):
        return None, "missing date"
    if isinstance(value, (_dt.date, np.datetime64)):
        return pd.Timestamp(value), None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return _number_date(float(value))
    if date_format is not None:
        stamp = pd.to_datetime(str(value).strip(), format=date_format, errors="coerce")
        if pd.isna(stamp):
            return None, f"date {value!r} does not match date_format {date_format!r}"
        return stamp, None
    return _text_date(str(value).strip())


def _vector_text_dates(text: pd.Series, date_format: str | None) -> pd.Series:
    """Fast path for text dates; NaT where the slow path must look (or explain)."""
    if date_format is not None:
        return pd.to_datetime(text, format=date_format, errors="coerce")
    parts = text.str.extract(_YMD).astype(float)
    day = pd.to_datetime(parts[["year", "month", "day"]], errors="coerce")
    seconds = parts["hour"].fillna(0) * 3600 + parts["minute"].fillna(0) * 60
    seconds = seconds + parts["second"].fillna(0)
    return day + pd.to_timedelta(seconds, unit="s")


def _dates(uniques: np.ndarray, date_format: str | None) -> tuple[np.ndarray, np.ndarray]:
    clean = np.full(uniques.size, np.datetime64("NaT", "ns"))
    reasons = np.full(uniques.size, None, dtype=object)
    is_text = np.fromiter((isinstance(v, str) for v in uniques), bool, uniques.size)
    if is_text.any():
        text = pd.Series(uniques[is_text], dtype=object).str.strip()
        fast = _vector_text_dates(text, date_format).to_numpy(dtype="datetime64[ns]")
        clean[is_text] = fast
    for i in np.flatnonzero(np.isnat(clean)):
        stamp, reason = _one_date(uniques[i], date_format)
        if stamp is not None and stamp.tzinfo is not None:
            stamp = stamp.tz_localize(None)
        if stamp is not None:
            clean[i] = stamp.to_datetime64()
        reasons[i] = reason
    return clean, reasons


def parse_dates(
    values: pd.Series, date_format: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Dates from datetime cells, yyyymmdd numbers, Excel serials or text.

    Text may be ``2024-01-05``, ``2024/1/5``, ``2024.1.5``, ``20240105`` or
    ``2024年1月5日``, optionally followed by a time ``13:05[:30]``; with
    ``date_format`` (a ``strftime`` format) text must match that format.

    >>> clean, why = parse_dates(pd.Series(["2024年1月5日", "20240105", 45296, "5/1/24"]))
    >>> clean[:3].astype("datetime64[D]").tolist()
    [datetime.date(2024, 1, 5), datetime.date(2024, 1, 5), datetime.date(2024, 1, 5)]
    >>> why[3]
    "date '5/1/24' has an unrecognised format (expected e.g. 2024-01-05, 2024/1/5, 20240105 or 2024年1月5日)"
    """  # noqa: E501
    return _by_unique(values, lambda u: _dates(u, date_format))


def _one_amount(value: object) -> tuple[float, str | None]:
    if _is_missing(value):
        return np.nan, "missing amount"
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
    else:
        text = _CURRENCY.sub("", str(value)).replace(",", "").replace(" ", "").strip()
        sign = 1.0
        if text.startswith("(") and text.endswith(")"):  # accounting negative: (12.50)
            sign, text = -1.0, text[1:-1]
        try:
            number = sign * float(text)
        except ValueError:
            return np.nan, f"amount {value!r} is not a number"
    if not np.isfinite(number):
        return np.nan, f"amount {value!r} is not a finite number"
    return number, None


def _amounts(uniques: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    reasons = np.full(uniques.size, None, dtype=object)
    is_text = np.fromiter((isinstance(v, str) for v in uniques), bool, uniques.size)
    series = pd.Series(uniques, dtype=object)
    if is_text.any():
        text = series[is_text].str.replace(_CURRENCY, "", regex=True)
        text = text.str.replace(r"[,\s]", "", regex=True).str.replace(
            r"^\((.*)\)$", r"-\1", regex=True
        )
        series[is_text] = text
    clean = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, copy=True)
    for i in np.flatnonzero(~np.isfinite(clean)):
        clean[i], reasons[i] = _one_amount(uniques[i])
    return clean, reasons


def parse_amounts(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Amounts as floats; drops thousands separators and ¥, ￥, $, RMB, CNY, USD, 元.

    >>> clean, why = parse_amounts(pd.Series(["¥1,234.50", "RMB 20", "30元", "(5)", "n/a"]))
    >>> clean[:4].tolist(), why[4]
    ([1234.5, 20.0, 30.0, -5.0], "amount 'n/a' is not a number")
    """
    return _by_unique(values, _amounts)
