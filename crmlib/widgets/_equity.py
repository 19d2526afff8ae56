"""Try it: the customer equity widgets of notebook 06.

* :func:`budget_explorer`: acquisition and retention spending → rates, the
  equity surface and the optimum (Blattberg & Deighton);
* :func:`markov_editor`: edit a recency chain's purchase probabilities and
  rewards → state values and state distributions, against the starting policy;
* :func:`portfolio_chooser`: the resource budget → who is served, exact vs greedy;
* :func:`lever_explorer`: more, longer, deeper 多、久、深 side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import pandas as pd
from matplotlib.axes import Axes

from crmlib._validation import check_array, check_integer
from crmlib.equity import (
    BudgetResult,
    LeverResult,
    MarkovChain,
    MarkovCLVResult,
    SelectionResult,
    SpendOptimum,
    equity_surface,
    markov_clv,
    more_longer_deeper,
    optimal_spend,
    prospect_equity,
    recency_chain,
    select_customers,
    state_distribution,
)
from crmlib.i18n import label
from crmlib.plotting import (
    plot_equity_surface,
    plot_levers,
    plot_markov_values,
    plot_selection,
    plot_state_distribution,
)
from crmlib.plotting._axes import check_currency, percent_text
from crmlib.widgets._base import TryIt, bounded, choice, money_label, number

__all__ = [
    "BudgetExplorer",
    "BudgetView",
    "LeverExplorer",
    "MarkovEditor",
    "MarkovView",
    "PortfolioChooser",
    "budget_explorer",
    "lever_explorer",
    "markov_editor",
    "portfolio_chooser",
]

_STYLE = {"description_width": "26em"}
_LAYOUT = {"width": "44em"}


#: the values each slider's quantity can take at all (a start value outside is refused;
#: one outside the usual range widens the slider, see :func:`bounded`)
_VALID: dict[str, tuple[float | None, float | None]] = {
    "acquisition_spend": (0, None), "retention_spend": (0, None),
    "acquisition_ceiling": (0, 1), "retention_ceiling": (0, 1), "k1": (0, None),
    "k2": (0, None), "discount_rate": (0, None), "periods": (1, None),
    "total_resources": (0, None), "retention": (0, 1),
    # relative improvements of more_longer_deeper, in (0, 1]: 0 is shown with the core's message
    "more": (0, 1), "longer": (0, 1), "deeper": (0, 1),
}


def _slider(kind: type[widgets.Widget], name: str, value: float, lo: float, hi: float,
            step: float, description: str, **extra: Any) -> widgets.Widget:
    valid = (0, 1) if re.fullmatch(r"purchase_probabilities\[\d+\]", name) else _VALID[name]
    return bounded(kind, name, value, low=lo, high=hi, valid=valid, step=step,
                   description=description, continuous_update=False, style=_STYLE,
                   layout=widgets.Layout(**_LAYOUT), **extra)


def _text(name: str, value: float, description: str) -> widgets.FloatText:
    return number(name, value, description=description, style=_STYLE,
                             layout=widgets.Layout(**_LAYOUT))


def _two_axes(ax: Axes) -> tuple[Axes, Axes]:
    """Replace the single axes TryIt gives by two side by side."""
    fig = ax.figure
    fig.delaxes(ax)
    left, right = fig.subplots(1, 2)
    return left, right


# --------------------------------------------------------------------------- budget explorer


@dataclass(frozen=True)
class BudgetView:
    """The budget explorer's result: the chosen spending, the optimum and the surface."""

    choice: BudgetResult
    optimum: SpendOptimum
    surface: pd.DataFrame


class BudgetExplorer(TryIt):
    """Acquisition and retention spending → rates, equity per prospect and the optimum."""

    figsize = (7.0, 4.6)

    def __init__(self, *, acquisition_spend: float = 10.0, retention_spend: float = 20.0,
                 margin: float = 100.0, acquisition_ceiling: float = 0.4, k1: float = 0.1,
                 retention_ceiling: float = 0.8, k2: float = 0.05, discount_rate: float = 0.1,
                 max_spend: float = 100.0, currency: str = "¥", lang: str = "en") -> None:
        self.max_spend = max_spend
        self.currency = check_currency(currency)
        controls = {
            "acquisition_spend": _slider(widgets.FloatSlider, "acquisition_spend",
                                         acquisition_spend, 0.0, max_spend,
                                         0.5, money_label("acquisition_spend", currency, lang)),
            "retention_spend": _slider(widgets.FloatSlider, "retention_spend",
                                       retention_spend, 0.0, max_spend, 0.5,
                                       money_label("retention_spend", currency, lang)),
            "margin": _text("margin", margin, money_label("margin", currency, lang)),
            "acquisition_ceiling": _slider(widgets.FloatSlider, "acquisition_ceiling",
                                           acquisition_ceiling, 0.0, 1.0,
                                           0.01, label("acquisition_ceiling", lang)),
            "k1": _slider(widgets.FloatSlider, "k1",
                          k1, 0.0, 0.5, 0.005, "k1", readout_format=".3f"),
            "retention_ceiling": _slider(widgets.FloatSlider, "retention_ceiling",
                                         retention_ceiling, 0.0, 1.0, 0.01,
                                         label("retention_ceiling", lang)),
            "k2": _slider(widgets.FloatSlider, "k2",
                          k2, 0.0, 0.5, 0.005, "k2", readout_format=".3f"),
            "discount_rate": _slider(widgets.FloatSlider, "discount_rate",
                                     discount_rate, 0.0, 0.5, 0.01,
                                     label("discount_rate", lang)),
        }
        super().__init__(controls, lang=lang)

    def compute(self, *, acquisition_spend: float, retention_spend: float,
                **response: float) -> BudgetView:
        choice = prospect_equity(acquisition_spend, retention_spend, **response)
        optimum = optimal_spend(**response)
        surface = equity_surface(self.max_spend, self.max_spend, points=61, **response)
        return BudgetView(choice=choice, optimum=optimum, surface=surface)

    def describe(self, result: BudgetView) -> str:
        c, o, lang = result.choice, result.optimum, self.lang
        return (
            f"<b>{label('equity_per_prospect', lang)} = {c.value:,.2f}</b> "
            f"({label('acquisition_rate', lang)} = {c.acquisition_rate:.3f}, "
            f"{label('retention_rate', lang)} = {c.retention_rate:.3f})<br>"
            f"{label('optimum', lang)}: A* = {o.acquisition_spend:,.2f}, "
            f"R* = {o.retention_spend:,.2f} → {o.value:,.2f}<br>"
            f"{label('marginal_cost_acquisition', lang)} = {o.marginal_cost_acquisition:,.2f}; "
            f"{label('marginal_cost_retention', lang)} = {o.marginal_cost_retention:,.2f}; "
            f"{label('customer_value_L', lang)} = {o.customer_value:,.2f}"
        )

    def draw(self, result: BudgetView, ax: Axes) -> None:
        plot_equity_surface(result.surface, result.optimum, ax=ax, lang=self.lang,
                            currency=self.currency, choice=(result.choice.acquisition_spend,
                                    result.choice.retention_spend))


def budget_explorer(lang: str = "en", **start: Any) -> BudgetExplorer:
    """Build the acquisition-vs-retention budget explorer ("Try it" in notebook 06).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        Starting values: ``acquisition_spend``, ``retention_spend``, ``margin``,
        ``acquisition_ceiling``, ``k1``, ``retention_ceiling``, ``k2``,
        ``discount_rate``, ``max_spend`` (the slider and surface range), and
        ``currency`` (default "¥", shown with the amounts and on the chart).

    Returns
    -------
    BudgetExplorer
        ``.result`` is a :class:`BudgetView` (``None`` after bad input).

    Examples
    --------
    >>> w = budget_explorer()
    >>> round(w.result.optimum.acquisition_spend, 2)
    19.26
    """
    return BudgetExplorer(lang=lang, **start)


# --------------------------------------------------------------------------- Markov editor


@dataclass(frozen=True)
class MarkovView:
    """The Markov editor's result: the edited chain, its state values and distributions."""

    chain: MarkovChain
    values: MarkovCLVResult
    start_values: MarkovCLVResult
    path: pd.DataFrame


class MarkovEditor(TryIt):
    """Recency chain probabilities and rewards → state values and where customers go."""

    figsize = (10.0, 4.0)

    def __init__(self, *, purchase_probabilities: tuple[float, ...] = (0.30, 0.20, 0.15, 0.05),
                 contribution: float = 40.0, cost: float = 4.0, discount_rate: float = 0.2,
                 periods: int = 12, currency: str = "¥", lang: str = "en") -> None:
        self.currency = check_currency(currency)
        probs = check_array("purchase_probabilities", purchase_probabilities)
        self.start = {"purchase_probabilities": probs.tolist(), "contribution": contribution,
                      "cost": cost, "discount_rate": discount_rate}
        controls: dict[str, widgets.Widget] = {
            f"p{j}": _slider(widgets.FloatSlider, f"purchase_probabilities[{j - 1}]", float(p),
                             0.0, 1.0, 0.01, f"{label('purchase_probability', lang)} {j}")
            for j, p in enumerate(probs, start=1)
        }
        controls["contribution"] = _text("contribution", contribution,
                                         money_label("contribution", currency, lang))
        controls["cost"] = _text("cost", cost, money_label("marketing_cost", currency, lang))
        controls["discount_rate"] = _slider(widgets.FloatSlider, "discount_rate",
                                            discount_rate, 0.0, 0.5, 0.01,
                                            label("discount_rate", lang))
        controls["periods"] = _slider(widgets.IntSlider, "periods", periods, 1, 60, 1,
                                      label("horizon", lang))
        super().__init__(controls, lang=lang)

    def compute(self, *, contribution: float, cost: float, discount_rate: float, periods: int,
                **probs: float) -> MarkovView:
        p = [probs[f"p{j}"] for j in range(1, len(probs) + 1)]
        chain = recency_chain(p, contribution, cost)
        values = markov_clv(chain.transition_matrix, chain.rewards, discount_rate)
        base = recency_chain(self.start["purchase_probabilities"], self.start["contribution"],
                             self.start["cost"])
        start_values = markov_clv(base.transition_matrix, base.rewards,
                                  self.start["discount_rate"])
        first = [1.0] + [0.0] * len(p)
        path = state_distribution(chain.transition_matrix, first, check_integer("periods", periods))
        return MarkovView(chain=chain, values=values, start_values=start_values, path=path)

    def describe(self, result: MarkovView) -> str:
        lang = self.lang
        new, old = result.values.values.iloc[0], result.start_values.values.iloc[0]
        return (
            f"<b>{label('clv', lang)} ({result.values.values.index[0]}) = {new:,.2f}</b> "
            f"({label('start_policy', lang)}: {old:,.2f}, {new - old:+,.2f})<br>"
            f"{label('formula', lang)}: $${result.values.formula}$$"
        )

    def draw(self, result: MarkovView, ax: Axes) -> None:
        left, right = _two_axes(ax)
        plot_markov_values(result.values, ax=left, compare=result.start_values, lang=self.lang,
                           currency=self.currency)
        plot_state_distribution(result.path, ax=right, lang=self.lang)


def markov_editor(lang: str = "en", **start: Any) -> MarkovEditor:
    """Build the Markov migration editor ("Try it" in notebook 06).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        Starting values: ``purchase_probabilities`` (one slider each),
        ``contribution``, ``cost``, ``discount_rate``, ``periods``, and
        ``currency`` (default "¥"). The starting policy stays as the comparison.

    Returns
    -------
    MarkovEditor
        ``.result`` is a :class:`MarkovView` (``None`` after bad input).

    Examples
    --------
    >>> w = markov_editor()
    >>> w.controls["p1"].value = 0.4
    >>> bool(w.result.values.values.iloc[0] > w.result.start_values.values.iloc[0])
    True
    """
    return MarkovEditor(lang=lang, **start)


# --------------------------------------------------------------------------- portfolio chooser


class PortfolioChooser(TryIt):
    """Resource budget and method → who is served, the total value, and the exact-greedy gap."""

    figsize = (7.0, 4.2)

    def __init__(self, clv: object, resource_need: object, *, total_resources: float | None = None,
                 method: str = "exact", currency: str = "¥", lang: str = "en") -> None:
        self.currency = check_currency(currency)
        self.clv = clv
        self.resource_need = resource_need
        need = check_array("resource_need", resource_need, strictly_positive=True)
        top = float(need.sum())
        controls = {
            "total_resources": _slider(widgets.FloatSlider, "total_resources",
                                       top / 3 if total_resources is None else total_resources,
                                       0.0, top, top / 200, label("total_resources", lang)),
            "method": choice("method", method,
                             [(label(m, lang), m) for m in ("exact", "greedy")],
                             description=label("method", lang), style=_STYLE,
                             layout=widgets.Layout(**_LAYOUT)),
        }
        super().__init__(controls, lang=lang)

    def compute(self, *, total_resources: float, method: str) -> SelectionResult:
        return select_customers(self.clv, self.resource_need, total_resources, method=method)

    def describe(self, result: SelectionResult) -> str:
        lang = self.lang
        return (
            f"<b>P = {result.value:,.2f}</b> ({label(result.method, lang)}; "
            f"{label('served', lang)}: {int(result.chosen.sum())} / {len(result.chosen)}; "
            f"{label('resource_need', lang)}: {result.resources_used:,.1f} / "
            f"{result.total_resources:,.1f})<br>"
            f"{label('exact', lang)}: {result.exact_value:,.2f}; "
            f"{label('greedy', lang)}: {result.greedy_value:,.2f}; "
            f"{label('gap', lang)}: {result.gap:,.2f}"
        )

    def draw(self, result: SelectionResult, ax: Axes) -> None:
        plot_selection(result, ax=ax, lang=self.lang, currency=self.currency)


def portfolio_chooser(clv: object, resource_need: object, lang: str = "en",
                      **start: Any) -> PortfolioChooser:
    """Build the resource-constrained portfolio chooser ("Try it" in notebook 06).

    Parameters
    ----------
    clv, resource_need : array-like
        Lifetime value and resource need of each customer, as in
        :func:`crmlib.equity.select_customers`.
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        Starting values: ``total_resources`` (default a third of all needs),
        ``method``; ``currency`` of the lifetime values (default "¥").

    Returns
    -------
    PortfolioChooser
        ``.result`` is a :class:`~crmlib.equity.SelectionResult`.

    Examples
    --------
    >>> w = portfolio_chooser([60, 100, 120], [10, 20, 30], total_resources=50)
    >>> w.result.value, w.result.gap
    (220.0, 60.0)
    """
    return PortfolioChooser(clv, resource_need, lang=lang, **start)


# --------------------------------------------------------------------------- levers


class LeverExplorer(TryIt):
    """Customers, margin, retention and the size of each lever → equity gain of 多、久、深."""

    figsize = (7.0, 4.0)

    def __init__(self, *, customers: float = 1000.0, margin: float = 100.0,
                 retention: float = 0.8, discount_rate: float = 0.1, more: float = 0.1,
                 longer: float = 0.1, deeper: float = 0.1, currency: str = "¥",
                 lang: str = "en") -> None:
        self.currency = check_currency(currency)
        controls = {
            "customers": _text("customers", customers, label("customers_count", lang)),
            "margin": _text("margin", margin, money_label("margin", currency, lang)),
            "retention": _slider(widgets.FloatSlider, "retention", retention, 0.0, 1.0, 0.01,
                                 label("retention_rate", lang)),
            "discount_rate": _slider(widgets.FloatSlider, "discount_rate",
                                     discount_rate, 0.0, 0.5, 0.01,
                                     label("discount_rate", lang)),
            "more": _slider(widgets.FloatSlider, "more", more, 0.0, 1.0, 0.01, label("more", lang)),
            "longer": _slider(widgets.FloatSlider, "longer",
                              longer, 0.0, 1.0, 0.01, label("longer", lang)),
            "deeper": _slider(widgets.FloatSlider, "deeper",
                              deeper, 0.0, 1.0, 0.01, label("deeper", lang)),
        }
        super().__init__(controls, lang=lang)

    def compute(self, *, customers: float, margin: float, retention: float,
                discount_rate: float, more: float, longer: float, deeper: float) -> LeverResult:
        return more_longer_deeper(customers, margin, retention, discount_rate,
                                  more=more, longer=longer, deeper=deeper)

    def describe(self, result: LeverResult) -> str:
        lang, t = self.lang, result.table
        # gain_pct is in percent; on an equity of 0 it is NaN: "n/a", never "nan%"
        parts = "; ".join(
            f"{label(k, lang)}: {t.loc[k, 'gain']:+,.0f} "
            f"({percent_text(t.loc[k, 'gain_pct'] / 100, lang, '+.1%')})"
            for k in ("more", "longer", "deeper"))
        return (f"<b>{label('customer_equity', lang)} = {result.base_value:,.2f}</b> → "
                f"{_leader(result, lang)}<br>{parts}")

    def draw(self, result: LeverResult, ax: Axes) -> None:
        plot_levers(result, ax=ax, lang=self.lang, currency=self.currency)


def _leader(result: LeverResult, lang: str) -> str:
    """The lever with the largest gain, or why none is named (no gain, all losses, a tie)."""
    gains = result.table.loc[list(result.tied), "gain"]
    if len(result.tied) == 3 and (gains == 0).all():
        return label("no_lever_moves_equity", lang)
    if (gains < 0).all():
        return label("no_lever_raises_equity", lang)
    if len(result.tied) > 1:
        names = ("、" if lang == "zh" else ", ").join(label(k, lang) for k in result.tied)
        return f"{label('levers_tie', lang)}{'：' if lang == 'zh' else ': '}{names}"
    return label(result.best, lang)


def lever_explorer(lang: str = "en", **start: Any) -> LeverExplorer:
    """Build the more/longer/deeper 多、久、深 explorer ("Try it" in notebook 06).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        Starting values: ``customers``, ``margin``, ``retention``,
        ``discount_rate``, ``more``, ``longer``, ``deeper``, and ``currency``
        (default "¥").

    Returns
    -------
    LeverExplorer
        ``.result`` is a :class:`~crmlib.equity.LeverResult`.

    Examples
    --------
    >>> w = lever_explorer()
    >>> round(float(w.result.table.loc["more", "gain_pct"]), 6)
    10.0
    """
    return LeverExplorer(lang=lang, **start)
