"""The pattern every "Try it" widget follows.

A widget is a small class around explicit ipywidgets controls:

* ``controls``: a dict of named controls; sliders use ``continuous_update=False``
  so heavy work runs only when the control is released;
* ``compute(**values)``: calls the core library and returns its result object;
* ``draw(result, ax)``: calls a plot function of :mod:`crmlib.plotting`; the
  figure is shown as a PNG ``Image`` widget, so a callback never writes to a
  cell's output;
* ``describe(result)``: the HTML shown above the chart.

``update()`` runs compute → describe → draw whenever a control changes. No
error ever escapes a callback or leaves an old result on show: the library's
own messages (``ValueError``/``TypeError``/``OverflowError`` that name the
parameter, the rule and the value, and a model's ``ConvergenceError``) are
shown inside the widget; any other error is shown too, as a bug to report
(so is an error while drawing a computed result, unless it is one of the
library's templated messages, since the numbers were already accepted),
with its traceback in ``traceback`` and behind a "details" line. In every
case the chart is cleared, ``result`` becomes ``None`` and ``error`` holds the
message. The controls keep what the user chose.

Messages are in the widget's language: the library's errors carry a message
template in English and Chinese (:mod:`crmlib._messages`), rendered by
:func:`crmlib.i18n.message`; a bug's own text and traceback stay as Python
wrote them, with the words around them in the widget's language.

Start values must fit their controls: :func:`bounded` builds a slider whose
range grows to hold any valid start value and refuses an invalid one, since
ipywidgets would otherwise clamp it silently.

Tests drive a widget without a browser: set ``w.controls["margin"].value``
and read ``w.result``, ``w.error`` and ``w.message.value``.
"""

from __future__ import annotations

import html
import io
import traceback
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from crmlib._messages import Message, fail
from crmlib._validation import check_choice, check_finite
from crmlib.i18n import check_lang, label, message
from crmlib.models import ConvergenceError
from crmlib.plotting import theme_context
from crmlib.plotting._axes import with_unit

__all__ = ["TryIt", "bounded", "choice", "money_label", "number"]

#: errors whose message is written for the user (the library's input checks, fits)
_USER_ERRORS = (ValueError, TypeError, OverflowError, ConvergenceError)


def bounded(
    kind: type[widgets.FloatSlider] | type[widgets.IntSlider],
    name: str,
    value: object,
    *,
    low: float,
    high: float,
    valid: tuple[float | None, float | None] = (None, None),
    **options: Any,
) -> widgets.Widget:
    """A slider that shows ``value`` exactly: its range grows to hold it, or it is refused.

    ``low``..``high`` is the usual range; ``valid`` the values the quantity can
    take at all (``None``: no bound). A start value outside ``valid`` raises a
    ``ValueError`` naming ``name``; one outside the usual range widens it.

    >>> s = bounded(widgets.IntSlider, "periods", 100, low=1, high=60)
    >>> s.value, s.max
    (100, 100)
    >>> bounded(widgets.FloatSlider, "retention", 1.5, low=0, high=1, valid=(0, 1))
    Traceback (most recent call last):
    ...
    ValueError: retention must be between 0 and 1; got 1.5
    """
    number = check_finite(name, value)
    if kind is widgets.IntSlider and number != int(number):
        raise fail(ValueError, "whole_number", name=name, got=repr(value))
    lo, hi = valid
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        if lo is not None and hi is not None:
            rule = Message("between", low=f"{lo:g}", high=f"{hi:g}")
        else:
            rule = (Message("at_least", low=f"{lo:g}") if lo is not None
                    else Message("at_most", high=f"{hi:g}"))
        raise fail(ValueError, "range", name=name, rule=rule, hint="", got=repr(value))
    cast = int if kind is widgets.IntSlider else float
    return kind(value=cast(number), min=cast(min(low, number)), max=cast(max(high, number)),
                **options)

def choice(name: str, value: object, options: list[Any], **kwargs: Any) -> widgets.Dropdown:
    """A dropdown whose start ``value`` must be one of its options (``value`` or
    ``(shown text, value)`` pairs); another value is refused naming ``name``.

    >>> choice("convention", "bogus", [("End", "end"), ("Start", "start")])
    Traceback (most recent call last):
    ...
    ValueError: convention must be one of 'end', 'start'; got 'bogus'
    """
    values = [o[1] if isinstance(o, tuple) else o for o in options]
    check_choice(name, value, values)
    return widgets.Dropdown(options=options, value=value, **kwargs)


def number(name: str, value: object, **kwargs: Any) -> widgets.FloatText:
    """A number box whose start ``value`` must be a finite number; refused naming ``name``.

    >>> number("margin", "abc")
    Traceback (most recent call last):
    ...
    TypeError: margin must be a number; got 'abc' (str)
    """
    return widgets.FloatText(value=check_finite(name, value), **kwargs)


def money_label(key: str, currency: str, lang: str) -> str:
    """A money control's label with its currency, e.g. "Margin per period (¥)".

    >>> money_label("margin", "$", "en")
    'Margin per period ($)'
    """
    return with_unit(label(key, lang), currency, lang)


_ERROR_STYLE = "color:#B00020; font-weight:600;"


class TryIt:
    """Base class of the kit's widgets (see the module docstring for the pattern)."""

    #: figure size in inches; subclasses may change it
    figsize: tuple[float, float] = (7.0, 3.8)

    def __init__(self, controls: Mapping[str, widgets.Widget], *, lang: str = "en") -> None:
        self.lang = check_lang(lang)
        self.controls: dict[str, widgets.Widget] = dict(controls)
        self.message = widgets.HTMLMath()
        self.chart = widgets.Image(format="png")
        self.result: Any = None
        self.error: str | None = None
        self.traceback: str | None = None
        self.figure: Figure | None = None
        self.widget = widgets.VBox(
            [widgets.VBox(list(self.layout_controls())), self.message, self.chart]
        )
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    # -- hooks for subclasses -------------------------------------------------
    def layout_controls(self) -> list[widgets.Widget]:
        """Controls in display order (default: insertion order)."""
        return list(self.controls.values())

    def compute(self, **values: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self, result: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def draw(self, result: Any, ax: Axes) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- machinery ------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, _change: Mapping[str, Any]) -> None:
        self.update()

    def update(self) -> None:
        """Recompute from the controls; show the result or the error message."""
        drawing = False
        try:
            result = self.compute(**self.values())
            description = self.describe(result)
            drawing = True
            with theme_context(self.lang):
                figure = Figure(figsize=self.figsize, layout="constrained")
                self.draw(result, figure.add_subplot())
                buffer = io.BytesIO()
                figure.savefig(buffer, format="png")
        except Exception as exc:  # noqa: BLE001 - a callback must never raise into the page
            # drawing a computed result fails only by a bug, unless the library says why
            if isinstance(exc, _USER_ERRORS) and not (
                    drawing and not isinstance(getattr(exc, "message", None), Message)):
                self._show_error(message(exc, self.lang), None)
            else:
                self._show_error(f"{type(exc).__name__}: {exc}", traceback.format_exc())
            return
        self.result = result
        self.error = None
        self.traceback = None
        self.message.value = description
        self.figure = figure
        self.chart.value = buffer.getvalue()
        self.chart.layout.display = ""

    def _show_error(self, text: str, trace: str | None) -> None:
        """Clear the result and chart and show ``text`` (with the traceback of a bug)."""
        self.result = None
        self.error = text
        self.traceback = trace
        self.figure = None
        self.chart.layout.display = "none"
        shown = f"{html.escape(label('error', self.lang))}: {html.escape(text)}"
        if trace is not None:
            shown += (f"<br>{html.escape(label('bug_report', self.lang))}"
                      f"<details><summary>{html.escape(label('details', self.lang))}</summary>"
                      f"<pre>{html.escape(trace)}</pre></details>")
        self.message.value = f'<div style="{_ERROR_STYLE}">{shown}</div>'

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
