"""Input checks shared by every public function of :mod:`crmlib`.

Each helper checks one rule and, when it fails, raises an error whose message
names the parameter, states the rule in plain words and shows the value that
was received, e.g. ``retention must be between 0 and 1; got 1.2``. Helpers
return the cleaned value (a ``float``, an array or the DataFrame) so callers
can write ``margin = check_finite("margin", margin)``.

Every message is a template of :mod:`crmlib._messages` (English and Chinese):
the error is a ``ValueError``/``TypeError``/``OverflowError`` whose ``str`` is
the English text and which :func:`crmlib.i18n.message` renders in Chinese.
A ``hint`` is a :class:`~crmlib._messages.Message` for the same reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from numbers import Real

import numpy as np
import pandas as pd

from crmlib._messages import Message, Phrase, fail

__all__ = [
    "check_array",
    "check_choice",
    "check_columns",
    "check_finite",
    "check_integer",
    "check_names",
    "check_positive",
    "check_probability",
    "check_range",
    "check_results_finite",
    "finite_or_naming",
]


def _show(value: object) -> str:
    """Short, readable rendering of a received value for an error message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_finite(name: str, value: object) -> float:
    """Return ``value`` as a float; it must be a real, finite number.

    >>> check_finite("margin", 3)
    3.0
    >>> check_finite("margin", float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: margin must be a finite number; got nan

    A ``Decimal`` is a number too (as it is inside arrays):

    >>> from decimal import Decimal
    >>> check_finite("margin", Decimal("2.5"))
    2.5
    """
    if isinstance(value, bool) or not isinstance(value, (Real, np.number, Decimal)):
        raise fail(TypeError, "not_number", name=name, got=_show(value),
                   type=type(value).__name__)
    try:
        out = float(value)
    except OverflowError:  # an int beyond the float range, e.g. 10**400
        digits = int(abs(int(value)).bit_length() * math.log10(2)) + 1
        raise fail(ValueError, "huge_integer", name=name, digits=digits) from None
    if not math.isfinite(out):
        raise fail(ValueError, "not_finite", name=name, got=_show(value))
    return out


def check_positive(name: str, value: object, *, allow_zero: bool = False) -> float:
    """Return ``value`` as a float; it must be > 0 (or >= 0 with ``allow_zero``).

    >>> check_positive("lifespan", 2.5)
    2.5
    >>> check_positive("lifespan", -1)
    Traceback (most recent call last):
    ...
    ValueError: lifespan must be greater than 0; got -1
    """
    out = check_finite(name, value)
    if allow_zero and out < 0:
        raise fail(ValueError, "at_least_zero", name=name, got=_show(value))
    if not allow_zero and out <= 0:
        raise fail(ValueError, "above_zero", name=name, got=_show(value))
    return out


def check_range(
    name: str,
    value: object,
    low: float,
    high: float,
    *,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    hint: Message | None = None,
) -> float:
    """Return ``value`` as a float; it must lie in the interval from ``low`` to ``high``.

    >>> check_range("discount_rate", 0.1, 0, 1)
    0.1
    >>> check_range("discount_rate", 1.5, 0, 1, high_inclusive=False)
    Traceback (most recent call last):
    ...
    ValueError: discount_rate must be between 0 and 1 (1 excluded); got 1.5
    """
    out = check_finite(name, value)
    ok_low = out >= low if low_inclusive else out > low
    ok_high = out <= high if high_inclusive else out < high
    if not (ok_low and ok_high):
        bounds = ((low, low_inclusive), (high, high_inclusive))
        excluded = [_num(b) for b, inclusive in bounds if not inclusive]
        if not excluded:
            rule = Message("between", low=_num(low), high=_num(high))
        else:
            shown: str | Message = (excluded[0] if len(excluded) == 1
                                    else Message("and", a=excluded[0], b=excluded[1]))
            rule = Message("between_excluding", low=_num(low), high=_num(high), excluded=shown)
        extra: str | Message = Message("hint", hint=hint) if hint is not None else ""
        raise fail(ValueError, "range", name=name, rule=rule, hint=extra, got=_show(value))
    return out


def _num(x: float) -> str:
    return f"{x:g}"


def _columns_of(frame: pd.DataFrame) -> str | Message:
    return ", ".join(repr(str(c)) for c in frame.columns) or Message("no_columns")


def check_probability(
    name: str, value: object, *, allow_zero: bool = True, allow_one: bool = True,
    hint: Message | None = None,
) -> float:
    """Return ``value`` as a float; it must be a probability (a share between 0 and 1).

    >>> check_probability("retention", 0.8)
    0.8
    >>> check_probability("retention", 1.2)
    Traceback (most recent call last):
    ...
    ValueError: retention must be between 0 and 1; got 1.2
    """
    return check_range(
        name, value, 0.0, 1.0, low_inclusive=allow_zero, high_inclusive=allow_one, hint=hint
    )


def check_integer(name: str, value: object, *, minimum: int | None = None) -> int:
    """Return ``value`` as an int; it must be a whole number (at least ``minimum``).

    >>> check_integer("periods", 5.0, minimum=1)
    5
    >>> check_integer("periods", 2.5)
    Traceback (most recent call last):
    ...
    ValueError: periods must be a whole number; got 2.5
    """
    number = check_finite(name, value)
    if number != int(number):
        raise fail(ValueError, "whole_number", name=name, got=_show(value))
    out = int(number)
    if minimum is not None and out < minimum:
        raise fail(ValueError, "whole_number_min", name=name, minimum=minimum, got=_show(value))
    return out


def check_choice(name: str, value: object, options: Sequence[str]) -> str:
    """Return ``value``; it must be one of ``options``.

    >>> check_choice("timing", "end", ["start", "end"])
    'end'
    >>> check_choice("timing", "middle", ["start", "end"])
    Traceback (most recent call last):
    ...
    ValueError: timing must be one of 'start', 'end'; got 'middle'
    """
    if value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise fail(ValueError, "choice", name=name, options=listed, got=_show(value))
    return value  # type: ignore[return-value]


def check_array(
    name: str,
    values: object,
    *,
    minimum: float | None = None,
    strictly_positive: bool = False,
    allow_empty: bool = False,
    ndim: int = 1,
) -> np.ndarray:
    """Return ``values`` as a float array of the given ``ndim``; every entry must be finite.

    ``minimum`` sets a lower bound for every entry; ``strictly_positive``
    requires every entry to be > 0.

    >>> check_array("profits", [100, 120])
    array([100., 120.])
    >>> check_array("profits", [100, float("inf")])
    Traceback (most recent call last):
    ...
    ValueError: profits must contain only finite numbers; entry 1 is inf
    """
    if isinstance(values, (str, bytes)):
        raise fail(TypeError, "not_sequence", name=name, got=_show(values))
    if isinstance(values, (bool, np.bool_)):
        raise fail(TypeError, "not_sequence_bool", name=name, got=repr(values))
    try:
        arr = np.asarray(values, dtype=float)
    except OverflowError:  # an int beyond the float range, e.g. 10**400
        raise fail(ValueError, "array_huge_integer", name=name) from None
    except (TypeError, ValueError):
        raise fail(TypeError, "not_sequence", name=name, got=_show(values)) from None
    if ndim == 1 and arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != ndim:
        raise fail(ValueError, "ndim", name=name, ndim=ndim, shape=str(arr.shape))
    if arr.size == 0 and not allow_empty:
        raise fail(ValueError, "empty", name=name, got=_show(values))
    bad = ~np.isfinite(arr)
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        raise fail(ValueError, "entry_not_finite", name=name, index=i,
                   got=str(float(arr.ravel()[i])))
    flat = arr.ravel()
    if strictly_positive and (flat <= 0).any():
        i = int(np.flatnonzero(flat <= 0)[0])
        raise fail(ValueError, "entry_not_positive", name=name, index=i, got=f"{flat[i]:g}")
    if minimum is not None and (flat < minimum).any():
        i = int(np.flatnonzero(flat < minimum)[0])
        raise fail(ValueError, "entry_below", name=name, minimum=_num(minimum), index=i,
                   got=f"{flat[i]:g}")
    return arr


def check_columns(name: str, frame: object, required: Iterable[str]) -> pd.DataFrame:
    """Return ``frame``; it must be a DataFrame holding every ``required`` column.

    >>> df = pd.DataFrame({"customer_id": [1], "date": ["2024-01-01"]})
    >>> check_columns("transactions", df, ["customer_id", "amount"])
    Traceback (most recent call last):
    ...
    ValueError: transactions is missing the required column 'amount'; it has 'customer_id', 'date'
    """
    if not isinstance(frame, pd.DataFrame):
        raise fail(TypeError, "not_frame", name=name, type=type(frame).__name__)
    missing = [c for c in required if c not in frame.columns]
    if missing:
        key = "missing_column" if len(missing) == 1 else "missing_columns"
        listed = ", ".join(repr(c) for c in missing)
        raise fail(ValueError, key, name=name, missing=listed, have=_columns_of(frame))
    return frame


def check_column_args(name: str, frame: object, columns: Mapping[str, object]) -> pd.DataFrame:
    """Return ``frame``; each argument in ``columns`` (parameter -> value) names one of its columns.

    Like :func:`check_columns`, with the message naming the parameter that gave the column.

    >>> df = pd.DataFrame({"profit": [1.0]})
    >>> check_column_args("customers", df, {"value": "sales"})
    Traceback (most recent call last):
    ...
    ValueError: customers is missing the required column 'sales' (given as value); it has 'profit'
    >>> check_column_args("customers", df, {"value": ["profit"]})
    Traceback (most recent call last):
    ...
    TypeError: value must be the name of a column of customers (a text); got ['profit'] (list)
    """
    frame = check_columns(name, frame, [])
    for param, column in columns.items():
        if not isinstance(column, str):
            raise fail(TypeError, "column_arg_type", name=param, frame_name=name,
                       got=_show(column), type=type(column).__name__)
        if column not in frame.columns:
            raise fail(ValueError, "missing_column_arg", frame_name=name, column=repr(column),
                       name=param, have=_columns_of(frame))
    return frame


def check_names(name: str, values: object, n: int | None = None) -> list[object]:
    """Return ``values`` as a list of names; a sequence (not a text), of ``n`` names if given.

    >>> check_names("states", ("new", "active"), 2)
    ['new', 'active']
    >>> check_names("states", 3)
    Traceback (most recent call last):
    ...
    TypeError: states must be a sequence of names; got 3 (int)
    """
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise fail(TypeError, "not_names", name=name, got=_show(values),
                   type=type(values).__name__)
    out = list(values)
    if n is not None and len(out) != n:
        raise fail(ValueError, "names_count", name=name, n=n, count=len(out))
    return out


def _shown_inputs(inputs: Mapping[str, object]) -> str:
    return ", ".join(f"{k}={_show(v)}" for k, v in inputs.items()
                     if not isinstance(v, (pd.DataFrame, pd.Series)))


@contextmanager
def finite_or_naming(what: str, inputs: Mapping[str, object]) -> Iterator[None]:
    """Inside, an overflow (or a division by a number that underflowed to 0) is an
    ``OverflowError`` naming ``what`` and the user's ``inputs``, not an internal step's.

    >>> with finite_or_naming("customer_base_equity", {"customers": 1e308}):
    ...     raise OverflowError("math range error")
    Traceback (most recent call last):
    ...
    OverflowError: customer_base_equity cannot compute a finite result for these inputs (customers=1e+308): use smaller amounts (e.g. thousands instead of units) or less extreme rates (math range error)
    """  # noqa: E501
    try:
        yield
    except (OverflowError, ZeroDivisionError) as exc:
        # the detail in the reader's language: an inner message of the library, or Python's words
        template = getattr(exc, "message", None)
        detail = template if isinstance(template, Message) else Phrase(str(exc))
        raise fail(OverflowError, "no_finite_result", what=what, inputs=_shown_inputs(inputs),
                   detail=detail) from None


def check_results_finite(what: str, values: Mapping[str, object],
                         inputs: Mapping[str, object]) -> None:
    """Refuse a computed result holding a number that is not finite, naming the inputs.

    ``values`` maps each computed field to a number, an array or a table; ``inputs``
    are the arguments that produced them. One check for every result object: a
    value that is not a finite number is an ``OverflowError`` naming the inputs,
    never an ``inf`` or ``nan`` on show.

    >>> check_results_finite("customer_equity", {"value": float("inf")}, {"clv": 1e308})
    Traceback (most recent call last):
    ...
    OverflowError: the value computed by customer_equity is not a finite number for these inputs (clv=1e+308): a value exceeds the largest number a computer can hold or is undefined; use smaller amounts (e.g. thousands instead of units)
    """  # noqa: E501
    for field, value in values.items():
        if isinstance(value, pd.DataFrame):
            arr = value.select_dtypes("number").to_numpy(dtype=float)
        elif isinstance(value, (pd.Series, np.ndarray, list, tuple)):
            arr = np.asarray(value, dtype=float)
        else:
            arr = np.asarray([value], dtype=float)
        if not np.all(np.isfinite(arr)):
            raise fail(OverflowError, "result_not_finite", field=field, what=what,
                       inputs=_shown_inputs(inputs))
