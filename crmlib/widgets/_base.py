"""The pattern every "Try it" widget follows.

A widget is a small class around explicit ipywidgets controls:

* ``controls``: a dict of named controls; sliders use ``continuous_update=False``
  so heavy work runs only when the control is released;
* ``compute(**values)``: calls the core library and returns its result object;
* ``draw(result, ax)``: calls a plot function of :mod:`crmlib.plotting`; the
  figure is shown as a PNG ``Image`` widget, so a callback never writes to a
  cell's output;
* ``describe(result)``: the HTML shown above the chart.

``update()`` runs compute → describe → draw whenever a control changes. Bad
input never raises out of a callback: the message (the core's own
``ValueError`` text, which names the parameter, the rule and the value) is
shown inside the widget, the chart is cleared, ``result`` becomes ``None`` and
``error`` holds the message. The controls keep what the user chose.

Tests drive a widget without a browser: set ``w.controls["margin"].value``
and read ``w.result``, ``w.error`` and ``w.message.value``.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from crmlib.i18n import check_lang, label
from crmlib.plotting import theme_context

__all__ = ["TryIt"]

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
        try:
            result = self.compute(**self.values())
        except (ValueError, TypeError) as exc:
            self.result = None
            self.error = str(exc)
            self.message.value = (
                f'<div style="{_ERROR_STYLE}">{html.escape(label("error", self.lang))}: '
                f"{html.escape(self.error)}</div>"
            )
            self.figure = None
            self.chart.layout.display = "none"
            return
        self.result = result
        self.error = None
        self.message.value = self.describe(result)
        with theme_context(self.lang):
            self.figure = Figure(figsize=self.figsize, layout="constrained")
            self.draw(result, self.figure.add_subplot())
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png")
        self.chart.value = buffer.getvalue()
        self.chart.layout.display = ""

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
