"""Try it: the CLV calculator of notebook 04."""

from __future__ import annotations

import math

import ipywidgets as widgets
from matplotlib.axes import Axes

from crmlib.clv import CLVResult, retention_clv
from crmlib.i18n import label
from crmlib.plotting import plot_clv_cashflows
from crmlib.widgets._base import TryIt, bounded, choice, number

__all__ = ["CLVCalculator", "clv_calculator"]

_CONVENTIONS = ("end", "start", "mid", "after_first")


class CLVCalculator(TryIt):
    """Margin, retention, discount rate, horizon and timing → CLV, its formula and cash flows."""

    def __init__(
        self,
        *,
        margin: float = 100.0,
        retention: float = 0.8,
        discount_rate: float = 0.1,
        periods: int = 10,
        infinite: bool = True,
        convention: str = "end",
        lang: str = "en",
    ) -> None:
        slider = {"continuous_update": False, "style": {"description_width": "12em"},
                  "layout": widgets.Layout(width="30em")}
        controls = {
            "margin": number("margin", margin, description=label("margin", lang),
                                        style=slider["style"], layout=slider["layout"]),
            "retention": bounded(widgets.FloatSlider, "retention", retention, low=0.0, high=1.0,
                                 valid=(0, 1), step=0.01,
                                 description=label("retention_rate", lang), **slider),
            "discount_rate": bounded(
                widgets.FloatSlider, "discount_rate", discount_rate, low=0.0, high=0.5,
                valid=(0, None), step=0.01, description=label("discount_rate", lang), **slider),
            "infinite": widgets.Checkbox(
                value=infinite, description=label("infinite_horizon", lang)),
            "periods": bounded(widgets.IntSlider, "periods", periods, low=1, high=60,
                               valid=(1, None), description=label("horizon", lang), **slider),
            "convention": choice(
                "convention", convention, [(label(c, lang), c) for c in _CONVENTIONS],
                description=label("timing_convention", lang),
                style=slider["style"], layout=slider["layout"]),
        }
        super().__init__(controls, lang=lang)

    def compute(self, *, margin: float, retention: float, discount_rate: float, infinite: bool,
                periods: int, convention: str) -> CLVResult:
        self.controls["periods"].disabled = infinite
        return retention_clv(margin, retention, discount_rate,
                             periods=None if infinite else periods, convention=convention)

    def describe(self, result: CLVResult) -> str:
        horizon = label("infinite", self.lang) if math.isinf(result.periods) else (
            f"{result.periods:g} {label('periods_label', self.lang)}")
        return (f"<b>{label('clv', self.lang)} = {result.value:,.2f}</b> "
                f"({horizon}; {label(result.convention, self.lang)})<br>"
                f"{label('formula', self.lang)}: $$\\mathrm{{CLV}} = {result.formula}$$")

    def draw(self, result: CLVResult, ax: Axes) -> None:
        plot_clv_cashflows(result, ax=ax, lang=self.lang)


def clv_calculator(lang: str = "en", **start: object) -> CLVCalculator:
    """Build the CLV calculator widget ("Try it" in notebook 04).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        Starting values: ``margin``, ``retention``, ``discount_rate``,
        ``periods``, ``infinite``, ``convention``.

    Returns
    -------
    CLVCalculator
        Display it as the last expression of a cell; ``.result`` holds the
        latest :class:`~crmlib.clv.CLVResult` (``None`` after bad input, with
        the message in ``.error``).

    Examples
    --------
    >>> w = clv_calculator()
    >>> round(w.result.value, 2)
    333.33
    >>> w.controls["retention"].value = 1.0  # never leaves: a perpetuity, 100 / 0.1
    >>> round(w.result.value, 2)
    1000.0
    >>> w.controls["discount_rate"].value = 0.0  # and no discounting: no finite value
    >>> w.result is None
    True
    """
    return CLVCalculator(lang=lang, **start)  # type: ignore[arg-type]
