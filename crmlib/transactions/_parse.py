"""Cleaning the raw customer-id, date and amount values of an export.

This is the one parser of dates, amounts and ids in :mod:`crmlib`: it is used
by :func:`crmlib.transactions.read_transactions` and
:func:`crmlib.clv.simple_clv_inputs`, with the same rules and the same
``dayfirst=`` / ``date_format=`` / ``decimal=`` choices. Each parser works on
the distinct raw values of a column (exports repeat dates, ids and prices many
times) and returns, for every row, the clean value and either ``None`` or a
reason in words why the value cannot be used. A column whose convention cannot
be told (day-first or month-first dates, decimal point or decimal comma)
raises ``ValueError`` saying which argument chooses it: it is never guessed.

A reason is a :class:`crmlib._messages.Reason`: its text is English (a ``str``)
and it keeps its message template, so :func:`crmlib.transactions.reason_in`
shows it in Chinese too.
"""

from __future__ import annotations

import datetime as _dt
import numbers
import re

import numpy as np
import pandas as pd

from crmlib._messages import Message, Reason, fail

__all__ = [
    "DATE_RANGE",
    "check_date_options",
    "check_decimal",
    "check_id_types",
    "parse_amounts",
    "parse_dates",
    "parse_ids",
]

# Excel's day 0 (serial dates count days from 1899-12-30 in the 1900 system).
_EXCEL_EPOCH = _dt.datetime(1899, 12, 30)
_EXCEL_FIRST_SERIAL = 61  # 1900-03-01; Excel counts a 1900-02-29 that never existed before it
_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31

#: First and last day a date may have: the range of pandas' datetime64[ns]
#: (a date outside it is rejected with its reason, never wrapped around).
DATE_RANGE: tuple[_dt.date, _dt.date] = (_dt.date(1677, 9, 22), _dt.date(2262, 4, 11))
_LOW = _dt.datetime.combine(DATE_RANGE[0], _dt.time())
_HIGH = _dt.datetime(2262, 4, 11, 23, 47, 16)

_TIME = (
    r"(?:[\sT]+(?P<hour>\d{1,2})\s*[:：时]\s*(?P<minute>\d{1,2})"
    r"(?:\s*[:：分]\s*(?P<second>\d{1,2}(?:\.\d+)?))?\s*秒?"
    r"(?:\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?)?$"
)
_YMD = re.compile(
    r"^(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*[日号]?"
    + _TIME
)
_DMY = re.compile(
    r"^(?P<first>\d{1,2})\s*(?P<s1>[-/.])\s*(?P<second_>\d{1,2})\s*(?P=s1)\s*(?P<year>\d{4})"
    + _TIME
)
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")
_SERIAL = re.compile(r"^\d{1,7}(?:\.\d+)?$")
_DIRECTIVE = re.compile(r"%(.?)")
_KNOWN_DIRECTIVES = set("aAbBcdfGHIjmMpSuUVwWxXyYzZ%")
_DATE_EXAMPLES = Message("date_examples", chinese="2024年1月5日")


def _why(key: str, **fields: object) -> Reason:
    """The reason a value cannot be used (English text, template kept)."""
    return Reason(Message(key, **fields))


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    if isinstance(value, np.datetime64) and np.isnat(value):
        return True
    return isinstance(value, str) and not value.strip()


def _by_unique(values: pd.Series, parse_uniques) -> tuple[np.ndarray, np.ndarray]:
    """Apply ``parse_uniques`` (uniques -> (clean, reasons)) and spread back to rows."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
    clean, reasons = parse_uniques(np.asarray(uniques, dtype=object))
    return clean[codes], reasons[codes]


# ------------------------------------------------------------------------------ ids

_WHOLE_TEXT = re.compile(r"^[+-]?\d+\.0+$")
_EXACT_FLOAT = 2.0**53


def _ids(uniques: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    clean = np.full(uniques.size, None, dtype=object)
    reasons = np.full(uniques.size, None, dtype=object)
    for i, value in enumerate(uniques):
        if _is_missing(value):
            reasons[i] = _why("reason_no_id")
        elif isinstance(value, (bool, np.bool_)):
            reasons[i] = _why("reason_id_bool", got=repr(value))
        elif isinstance(value, (float, np.floating)):
            number = float(value)
            if not np.isfinite(number):
                reasons[i] = _why("reason_id_not_finite", got=repr(value))
            elif not number.is_integer():
                clean[i] = repr(number)
            elif abs(number) >= _EXACT_FLOAT:
                reasons[i] = _why("reason_id_too_large", got=repr(number))
            else:
                clean[i] = str(int(number))  # Excel stores 1001 as 1001.0
        else:
            text = str(value).strip()
            if _WHOLE_TEXT.match(text):  # "1001.0": a whole number exported as a float
                text = text[: text.index(".")]
            clean[i] = text
    return clean, reasons


def parse_ids(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Customer ids as stripped text; a whole number written as ``1001.0`` becomes ``"1001"``.

    Numbers and text that print the same become the same id (``1``, ``1.0``,
    ``"1"`` and ``"1.0"`` are all ``"1"``); leading zeros of text are kept
    (``"007"``). Missing ids, True/False and whole numbers beyond 2**53
    (which a float cannot hold exactly) are rejected with their reason.

    >>> parse_ids(pd.Series([" A7 ", 1001.0, "1001.0", 1, None], dtype=object))[0]
    array(['A7', '1001', '1001', '1', None], dtype=object)
    >>> parse_ids(pd.Series([None], dtype=object))[1]
    array(['missing customer id'], dtype=object)
    """
    return _by_unique(values, _ids)


def check_id_types(name: str, column: str, labels: object) -> None:
    """Refuse distinct customer ids that print the same, such as ``1`` and ``"1"``.

    ``labels`` are the distinct ids of column ``column`` of argument ``name``.

    >>> check_id_types("transactions", "customer_id", pd.Index([1, "1"], dtype=object))
    Traceback (most recent call last):
    ...
    ValueError: transactions column 'customer_id' has ids that are different values but print the same: 1 (int) and '1' (str); make the ids one type, e.g. df['customer_id'].astype(str), or read the file with read_transactions
    """  # noqa: E501
    values = np.asarray(labels, dtype=object)
    if values.size < 2 or pd.api.types.infer_dtype(values, skipna=True) == "string":
        return
    text = pd.Index([str(v) for v in values])
    if not text.has_duplicates:
        return
    twin = text[text.duplicated()][0]
    same = [v for v, t in zip(values, text, strict=True) if t == twin]
    raise fail(ValueError, "id_types_clash", name=name, column=repr(column), a=repr(same[0]),
               a_type=type(same[0]).__name__, b=repr(same[1]), b_type=type(same[1]).__name__)


# ---------------------------------------------------------------------------- dates


def check_date_options(date_format: object, dayfirst: object) -> None:
    """Check the ``date_format`` and ``dayfirst`` arguments (shared by every reader).

    >>> check_date_options("%d/%m/%Y", None)
    >>> check_date_options("%Q", None)
    Traceback (most recent call last):
    ...
    ValueError: date_format must be a strftime format such as '%d/%m/%Y' or '%Y-%m-%d %H:%M'; got '%Q', and '%Q' is not a directive it knows
    """  # noqa: E501
    if dayfirst is not None and not isinstance(dayfirst, (bool, np.bool_)):
        raise fail(TypeError, "dayfirst_type", name="dayfirst", got=repr(dayfirst))
    if date_format is None:
        return
    if not isinstance(date_format, str):
        raise fail(TypeError, "date_format_type", name="date_format", got=repr(date_format),
                   why="")
    if dayfirst is not None:
        raise fail(ValueError, "dayfirst_and_format", dayfirst=repr(dayfirst),
                   date_format=repr(date_format))
    directives = _DIRECTIVE.findall(date_format)
    if not directives:
        raise fail(ValueError, "date_format_type", name="date_format", got=repr(date_format),
                   why=Message("date_format_no_directive"))
    for code in directives:
        if code not in _KNOWN_DIRECTIVES:
            raise fail(ValueError, "date_format_type", name="date_format",
                       got=repr(date_format),
                       why=Message("date_format_unknown_directive", code=f"'%{code}'"))


def _checked(stamp: _dt.datetime, shown: object) -> tuple[_dt.datetime | None, Reason | None]:
    """``stamp`` without its time zone (local time kept), or why it is out of range."""
    if stamp.tzinfo is not None:
        stamp = stamp.replace(tzinfo=None)
    if not _LOW <= stamp <= _HIGH:
        return None, _why("reason_date_outside", got=repr(shown), low=str(DATE_RANGE[0]),
                          high=str(DATE_RANGE[1]))
    return stamp, None


def _build(
    shown: object, year: int, month: int, day: int, hour: int = 0, minute: int = 0,
    second: float = 0.0,
) -> tuple[_dt.datetime | None, str | None]:
    if hour > 23 or minute > 59 or second >= 60:
        return None, _why("reason_date_time", got=repr(shown))
    try:
        stamp = _dt.datetime(year, month, day, hour, minute, int(second))
    except ValueError:
        return None, _why("reason_date_invalid", got=repr(shown))
    stamp += _dt.timedelta(microseconds=round((second - int(second)) * 1e6))
    return _checked(stamp, shown)


def _compact(text: str) -> tuple[_dt.datetime | None, str | None]:
    return _build(text, int(text[:4]), int(text[4:6]), int(text[6:8]))


def _number_date(value: float, shown: object) -> tuple[_dt.datetime | None, str | None]:
    if not np.isfinite(value):
        return None, _why("reason_date_not_days", got=repr(shown))
    if value.is_integer() and 10000101 <= value <= 99991231:
        return _compact(str(int(value)))
    if value.is_integer() and 1000 <= value <= 9999:
        return None, _why("reason_date_year", got=repr(shown))
    if _EXCEL_FIRST_SERIAL <= value <= _EXCEL_MAX_SERIAL:
        return _checked(_EXCEL_EPOCH + _dt.timedelta(days=value), shown)
    if 0 < value < _EXCEL_FIRST_SERIAL:
        return None, _why("reason_date_early_serial", got=repr(shown))
    return None, _why("reason_date_number", got=repr(shown))


def _clock(parts: dict) -> tuple[int, int, float]:
    return int(parts["hour"] or 0), int(parts["minute"] or 0), float(parts["second"] or 0)


def _text_date(text: str, dayfirst: bool | None) -> tuple[_dt.datetime | None, str | None]:
    if _COMPACT.match(text):
        return _compact(text)
    if _SERIAL.match(text):
        return _number_date(float(text), text)
    match = _YMD.match(text)
    if match is not None:
        parts = match.groupdict()
        return _build(text, int(parts["year"]), int(parts["month"]), int(parts["day"]),
                      *_clock(parts))
    match = _DMY.match(text)
    if match is not None and dayfirst is not None:
        parts = match.groupdict()
        a, b = int(parts["first"]), int(parts["second_"])
        day, month = (a, b) if dayfirst else (b, a)
        return _build(text, int(parts["year"]), month, day, *_clock(parts))
    return None, _why("reason_date_format", got=repr(text), examples=_DATE_EXAMPLES)


def _formatted(text: str, date_format: str) -> tuple[_dt.datetime | None, str | None]:
    try:
        stamp = _dt.datetime.strptime(text, date_format)
    except ValueError:
        return None, _why("reason_date_no_match", got=repr(text), date_format=repr(date_format))
    return _checked(stamp, text)


def _one_date(
    value: object, date_format: str | None, dayfirst: bool | None
) -> tuple[_dt.datetime | None, str | None]:
    if _is_missing(value):
        return None, _why("reason_no_date")
    if isinstance(value, np.datetime64):
        seconds = value.astype("datetime64[s]")
        low, high = np.datetime64(_LOW, "s"), np.datetime64(_HIGH, "s")
        if not low <= seconds <= high:
            return None, _checked(_dt.datetime(1, 1, 1), str(value))[1]
        return pd.Timestamp(value).to_pydatetime(), None
    if isinstance(value, pd.Timestamp):
        return _checked(value.to_pydatetime(), str(value))
    if isinstance(value, _dt.datetime):
        return _checked(value, str(value))
    if isinstance(value, _dt.date):
        return _checked(_dt.datetime.combine(value, _dt.time()), str(value))
    if isinstance(value, (bool, np.bool_)):
        return None, _why("reason_date_bool", got=repr(value))
    if isinstance(value, numbers.Real):
        try:
            return _number_date(float(value), value)
        except OverflowError:  # an integer beyond the float range, e.g. 10**400
            return None, _why("reason_date_digits", head=str(value)[:12], digits=len(str(value)))
    text = str(value).strip()
    if date_format is not None:
        return _formatted(text, date_format)
    return _text_date(text, dayfirst)


def _column_dayfirst(texts: list[str], dayfirst: bool | None) -> bool | None:
    """Day-first or month-first for the d/m/y-looking text of one column; refuse if unclear."""
    if dayfirst is not None:
        return dayfirst
    matches = [(t, _DMY.match(t)) for t in texts]
    pairs = [(t, int(m["first"]), int(m["second_"])) for t, m in matches if m is not None]
    if not pairs:
        return None
    day_first = [t for t, a, _ in pairs if a > 12]
    month_first = [t for t, _, b in pairs if b > 12]
    if day_first and month_first:
        raise fail(ValueError, "dates_mixed", a=repr(day_first[0]), b=repr(month_first[0]))
    if day_first:
        return True
    if month_first:
        return False
    shown = pairs[0][0]
    raise fail(ValueError, "dates_ambiguous", shown=repr(shown))


def _vector_ymd(text: pd.Series) -> np.ndarray:
    """Fast path for year-first text dates; NaT where the slow path must look (or explain)."""
    parts = text.str.extract(_YMD).drop(columns="tz").astype(float)
    ok = (parts["hour"].fillna(0) <= 23) & (parts["minute"].fillna(0) <= 59)
    ok &= (parts["second"].fillna(0) < 60) & parts["year"].between(1678, 2261)
    day = pd.to_datetime(parts[["year", "month", "day"]].where(ok), errors="coerce")
    seconds = parts["hour"].fillna(0) * 3600 + parts["minute"].fillna(0) * 60
    seconds = seconds + parts["second"].fillna(0)
    return (day + pd.to_timedelta(seconds, unit="s")).to_numpy(dtype="datetime64[ns]")


def _dates(
    uniques: np.ndarray, date_format: str | None, dayfirst: bool | None
) -> tuple[np.ndarray, np.ndarray]:
    clean = np.full(uniques.size, np.datetime64("NaT", "ns"))
    reasons = np.full(uniques.size, None, dtype=object)
    is_text = np.fromiter((isinstance(v, str) for v in uniques), bool, uniques.size)
    if date_format is None and is_text.any():
        texts = [v.strip() for v in uniques[is_text]]
        dayfirst = _column_dayfirst(texts, dayfirst)
        clean[is_text] = _vector_ymd(pd.Series(texts, dtype=object))
    for i in np.flatnonzero(np.isnat(clean)):
        stamp, reason = _one_date(uniques[i], date_format, dayfirst)
        if stamp is not None:
            clean[i] = np.datetime64(stamp, "us").astype("datetime64[ns]")
        reasons[i] = reason
    return clean, reasons


def parse_dates(
    values: pd.Series, date_format: str | None = None, dayfirst: bool | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Dates from datetime cells, yyyymmdd numbers, Excel serials or text.

    Text may be year-first (``2024-01-05``, ``2024/1/5``, ``2024.1.5``,
    ``20240105``, ``2024年1月5日``, ISO ``2024-01-05T13:05+08:00``) or
    ``05/01/2024`` with the year last; any of them optionally followed by a
    time ``13:05[:30]`` and a UTC offset, which is dropped (the local time is
    kept). Year-last dates are day-first with ``dayfirst=True``, month-first
    with ``dayfirst=False``; with ``dayfirst=None`` the column tells (a first
    number above 12 means day-first, a second one above 12 month-first) and
    otherwise ``ValueError`` asks for ``dayfirst``. With ``date_format`` (a
    ``strftime`` format) text must match that format.

    Rejected with a reason: impossible dates (2024-02-30) and clock times
    (25:00, 23:61), dates outside :data:`DATE_RANGE` (never wrapped around),
    a 4-digit number such as 2024 (a year, not a date), serials below 61.

    >>> clean, why = parse_dates(pd.Series(["2024年1月5日", "20240105", 45296, "2024",
    ...                                     "9999-12-31", "2024-01-05 25:00"]))
    >>> clean[:3].astype("datetime64[D]").tolist()
    [datetime.date(2024, 1, 5), datetime.date(2024, 1, 5), datetime.date(2024, 1, 5)]
    >>> print("\\n".join(why[3:]))
    date '2024' looks like a year alone, not a date (as an Excel serial date it would be in 1902-1927)
    date '9999-12-31' is outside the dates this library can hold (1677-09-22 to 2262-04-11); if it stands for 'no date', leave the cell empty
    date '2024-01-05 25:00' has an impossible time of day (hours 0-23, minutes and seconds 0-59)
    >>> parse_dates(pd.Series(["25/01/2024", "05/01/2024"]))[0].astype("datetime64[D]")
    array(['2024-01-25', '2024-01-05'], dtype='datetime64[D]')
    """  # noqa: E501
    check_date_options(date_format, dayfirst)
    return _by_unique(values, lambda u: _dates(u, date_format, dayfirst))


# -------------------------------------------------------------------------- amounts

_CURRENCY = re.compile(r"RMB|CNY|USD|EUR|US\$|[¥￥$€元]", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_PLAIN = re.compile(r"^\d+$")
#: A number body under each convention: thousands grouped by threes (or not
#: grouped at all), then an optional decimal part.
_BODY = {
    ".": re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$"),
    ",": re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$|^,\d+$"),
}
_NAMES = {".": Message("decimal_point"), ",": Message("decimal_comma")}


def check_decimal(decimal: object) -> str | None:
    """Check the ``decimal`` argument: None (tell from the column), ``"."`` or ``","``.

    >>> check_decimal(",")
    ','
    >>> check_decimal(";")
    Traceback (most recent call last):
    ...
    ValueError: decimal must be '.' (1,234.50), ',' (1.234,50) or None (tell from the column); got ';'
    """  # noqa: E501
    if decimal is None or (isinstance(decimal, str) and decimal in _BODY):
        return decimal
    raise fail(ValueError, "decimal_choice", name="decimal", got=repr(decimal))


def _split_sign(value: str) -> tuple[float, str]:
    """Sign and number body of amount text (currency, spaces and brackets removed)."""
    text = _SPACES.sub("", _CURRENCY.sub("", value))
    sign = 1.0
    if text.startswith("(") and text.endswith(")"):  # accounting negative: (12.50)
        sign, text = -1.0, text[1:-1]
    if text[:1] in ("-", "−", "+"):
        sign, text = (1.0 if text[0] == "+" else -1.0) * sign, text[1:]
    elif text[-1:] == "-":  # trailing minus of some accounting exports: 12.50-
        sign, text = -sign, text[:-1]
    return sign, text


def _convention(bodies: list[str], decimal: str | None) -> str:
    """The decimal mark of a column of number bodies; ValueError if it cannot be told."""
    if decimal is not None:
        return decimal
    fits = [(b, bool(_BODY["."].match(b)), bool(_BODY[","].match(b))) for b in bodies]
    point = [b for b, p, c in fits if p and not c]
    comma = [b for b, p, c in fits if c and not p]
    if point and comma:
        raise fail(ValueError, "decimals_mixed", a=repr(point[0]), b=repr(comma[0]))
    if comma:
        return ","
    if point:
        return "."
    both = [b for b, p, c in fits if p and c and not _PLAIN.match(b)]
    if both:
        raise fail(ValueError, "decimals_ambiguous", shown=repr(both[0]))
    return "."


def _amounts(uniques: np.ndarray, decimal: str | None) -> tuple[np.ndarray, np.ndarray]:
    clean = np.full(uniques.size, np.nan)
    reasons = np.full(uniques.size, None, dtype=object)
    texts: dict[int, tuple[float, str]] = {}
    for i, value in enumerate(uniques):
        if _is_missing(value):
            reasons[i] = _why("reason_no_amount")
        elif isinstance(value, (bool, np.bool_)):
            reasons[i] = _why("reason_amount_bool", got=repr(value))
        elif isinstance(value, numbers.Real):
            clean[i] = float(value)
        else:
            texts[i] = _split_sign(str(value))
    mark = _convention([body for _, body in texts.values()], decimal)
    for i, (sign, body) in texts.items():
        if _BODY[mark].match(body):
            grouping = "," if mark == "." else "."
            clean[i] = sign * float(body.replace(grouping, "").replace(",", "."))
            continue
        try:
            clean[i] = sign * float(body)  # 1e3, inf, nan: words below if not finite
        except ValueError:
            other = "," if mark == "." else "."
            hint: object = ""
            if _BODY[other].match(body):
                hint = Message("reason_amount_other_mark", other=_NAMES[other], mark=_NAMES[mark])
            reasons[i] = _why("reason_amount_text", got=repr(uniques[i]), hint=hint)
    bad = ~np.isfinite(clean) & np.equal(reasons, None)
    for i in np.flatnonzero(bad):
        reasons[i] = _why("reason_amount_not_finite", got=repr(uniques[i]))
        clean[i] = np.nan
    return clean, reasons


def parse_amounts(values: pd.Series, decimal: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Amounts as floats; drops thousands separators and ¥, ￥, $, €, RMB, CNY, USD, EUR, 元.

    ``decimal`` is the decimal mark of text amounts: ``"."`` (1,234.50),
    ``","`` (1.234,50 or 1 234,50) or None, to tell it from the column (a
    file uses one): an amount that fits only one convention (12.50, 12,5,
    1.234,50) decides it, and a column whose amounts fit both (1,234 alone)
    raises ``ValueError`` asking for ``decimal``. Thousands must be grouped
    by threes, so no amount is read with a misplaced mark; an amount that
    does not fit the column's convention is rejected with its reason.

    >>> clean, why = parse_amounts(pd.Series(["¥1,234.50", "RMB 20", "30元", "(5)", "n/a"]))
    >>> clean[:4].tolist(), why[4]
    ([1234.5, 20.0, 30.0, -5.0], "amount 'n/a' is not a number")
    >>> parse_amounts(pd.Series(["12,50", "1.234,50", "1 234,50", "12,5"]))[0].tolist()
    [12.5, 1234.5, 1234.5, 12.5]
    """
    decimal = check_decimal(decimal)
    return _by_unique(values, lambda u: _amounts(u, decimal))
