"""Axes handling shared by the plot functions: new axes, units in axis labels."""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from crmlib._messages import fail
from crmlib._validation import check_choice
from crmlib.i18n import label

__all__ = ["check_currency", "new_axes", "percent_text", "time_unit", "with_unit"]

#: Period codes of :func:`crmlib.transactions.rfm_summary` and the words of their units.
TIME_UNITS = {"D": "days", "W": "weeks", "M": "months", "Q": "quarters", "Y": "years"}


def new_axes(ax: Axes | None, figsize: tuple[float, float] = (7.0, 4.0)) -> Axes:
    """Return ``ax``, or the axes of a new figure when ``ax`` is None.

    The new figure is not registered with pyplot, so nothing global changes;
    Jupyter displays it when it is the cell's result (``ax.figure``).
    """
    if ax is not None:
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
        return ax
    fig = Figure(figsize=figsize, layout="constrained")
    return fig.add_subplot()


def time_unit(freq: str | None, lang: str = "en", name: str = "freq") -> str:
    """The unit of a period code in words: "W" → "weeks" (周); None → "periods" (期).

    >>> time_unit("W"), time_unit("W", "zh"), time_unit(None)
    ('weeks', '周', 'periods')
    """
    if freq is None:
        return label("periods_label", lang)
    return label(TIME_UNITS[check_choice(name, freq, list(TIME_UNITS))], lang)


def with_unit(text: str, unit: str, lang: str = "en") -> str:
    """An axis label with its unit: "Time (weeks)", or "时间（周）" in Chinese.

    >>> with_unit("Value", "¥"), with_unit("价值", "¥", "zh")
    ('Value (¥)', '价值（¥）')
    """
    return f"{text}（{unit}）" if lang == "zh" else f"{text} ({unit})"


def check_currency(value: object, name: str = "currency") -> str:
    """A currency sign or code for labels and amounts ("¥", "$", "USD", "元"), returned as given.

    It must be a text of 1 to 12 characters without surrounding spaces (it is
    printed next to numbers and in axis labels). One rule for every plot,
    widget and report that takes ``currency=``.

    >>> check_currency("$")
    '$'
    >>> check_currency(5)
    Traceback (most recent call last):
    ...
    TypeError: currency must be a text such as '¥' or '$'; got 5 (int)
    >>> check_currency("")
    Traceback (most recent call last):
    ...
    ValueError: currency must be a text of 1 to 12 characters such as '¥' or '$'; got ''
    """
    if not isinstance(value, str):
        raise fail(TypeError, "currency_type", name=name, got=f"{value!r:.40}",
                   type=type(value).__name__)
    if not 1 <= len(value.strip()) <= 12 or value != value.strip():
        raise fail(ValueError, "currency_length", name=name, got=f"{value!r:.40}")
    return value


def percent_text(value: float, lang: str = "en", spec: str = ".1%") -> str:
    """A share or percentage error as text, or "n/a" (无) where it is undefined (NaN, inf).

    A percentage of an observed 0 (a share of a total of 0) has no value; it is
    shown as "n/a", never as "nan%" or "inf%".

    >>> percent_text(0.25), percent_text(float("nan")), percent_text(float("inf"), "zh")
    ('25.0%', 'n/a', '无')
    """
    value = float(value)
    return format(value, spec) if math.isfinite(value) else label("not_available", lang)
