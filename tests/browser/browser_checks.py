"""What the browser tests do in each course notebook: one entry per notebook.

An entry lists, for every widget the notebook displays (in display order), the
controls to move and the text that must then appear in the widget, computed
with ``crmlib`` for the new input. ``test_browser_notebooks.py`` opens the
notebook in JupyterLab, runs all cells, moves the controls like a user would
and waits until the widget shows exactly that text; with ``present=True`` it
does the same in the presentation mode (Voila). See README.md beside this file.

Adding a notebook is one entry in ``NOTEBOOKS``, e.g. for an AHP workbench::

    "07_loyalty_measurement": Notebook(widgets=(
        Widget(moves=(Move("Consistency threshold", 0.05),),
               expect=lambda: f"CR = {ahp_weights(MATRIX).consistency_ratio:.3f}"),
    ), present=True),

``Move(control, value)`` names a control by the label shown next to it (as in
``crmlib.i18n.label``): a number for a slider or a number box, the shown
option text for a drop-down, ``True``/``False`` for a check box. ``expect``
returns the text (or texts) the widget must show afterwards; compute it with
the library's core functions, never by copying what the widget showed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from crmlib.clv import retention_clv
from crmlib.i18n import label


@dataclass(frozen=True)
class Move:
    """Set the control labelled ``control`` to ``value`` through the page."""

    control: str
    value: float | int | str | bool


@dataclass(frozen=True)
class Widget:
    """One displayed widget: the moves, then the text(s) it must show."""

    moves: tuple[Move, ...]
    expect: Callable[[], str | tuple[str, ...]]
    #: check that the Chinese characters of its labels render with a CJK font (not as boxes)
    chinese_glyphs: bool = False


@dataclass(frozen=True)
class Notebook:
    """The browser check of one notebook: every widget it displays, in display order."""

    widgets: tuple[Widget, ...]
    #: also check the widgets in the presentation mode (make present)
    present: bool = False
    #: seconds allowed for "Run all"
    run_timeout: float = 90.0


def _clv_text(lang: str = "en", **kwargs: object) -> str:
    """What the CLV calculator shows for these inputs (starting values: 100, 0.8, 0.1)."""
    inputs = {"margin": 100.0, "retention": 0.8, "discount_rate": 0.1, **kwargs}
    return f"{label('clv', lang)} = {retention_clv(**inputs).value:,.2f}"  # type: ignore[arg-type]


# -- notebook 05: the models fitted exactly as in the notebook ----------------------------
@cache
def _cdnow_models():
    from crmlib.datasets import load_cdnow
    from crmlib.models import BetaGeo, GammaGamma
    from crmlib.transactions import rfm_summary

    summary = rfm_summary(load_cdnow("sample"), freq="W", calibration_end="1997-09-30",
                          observation_end="1998-06-30")
    bgnbd = BetaGeo().fit(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[summary["frequency"] > 0]
    spend = GammaGamma().fit(repeat["frequency"], repeat["monetary_value"])
    return bgnbd, spend


def _explorer_texts() -> tuple[str, ...]:
    """Customer explorer of notebook 05 after frequency 2 → 5 (recency 30.43, T 38.86)."""
    bgnbd, spend = _cdnow_models()
    x, t_x, T, horizon, period = 5, 30.43, 38.86, 12, 52 / 12
    p_alive = float(bgnbd.probability_alive(x, t_x, T))
    clv = float(spend.customer_lifetime_value(bgnbd, x, t_x, T, 22.35, horizon=horizon,
                                              discount_rate=0.01, period_length=period,
                                              margin=1.0))
    return (f"{label('probability_alive')} = {p_alive:.3f}", f"{label('clv')} = {clv:,.2f}")


def _projector_text() -> str:
    """Retention projector of notebook 05 after fitting 5 years of the first cohort."""
    from crmlib.datasets import load_retention_survivors
    from crmlib.models import ShiftedBetaGeometric

    survivors = load_retention_survivors()
    counts = survivors[survivors.columns[0]].to_numpy(float)
    model = ShiftedBetaGeometric().fit(counts[: 5 + 1])
    return f"α = {model.params_['alpha']:.3f}, β = {model.params_['beta']:.3f}"


NOTEBOOKS: dict[str, Notebook] = {
    "00_start_here": Notebook(widgets=(
        Widget(moves=(Move(label("retention_rate"), 0.9),),
               expect=lambda: _clv_text(retention=0.9)),
        Widget(moves=(Move(label("discount_rate", "zh"), 0.15),),
               expect=lambda: _clv_text("zh", discount_rate=0.15), chinese_glyphs=True),
    )),
    "04_customer_lifetime_value": Notebook(widgets=(
        Widget(moves=(Move(label("retention_rate"), 0.75),
                      Move(label("timing_convention"), label("start"))),
               expect=lambda: _clv_text(retention=0.75, convention="start")),
    ), present=True),
    "05_predicting_clv": Notebook(widgets=(
        Widget(moves=(Move(label("frequency"), 5),), expect=_explorer_texts),
        Widget(moves=(Move(label("fit_years"), 5),), expect=_projector_text),
    ), run_timeout=120.0),
}
