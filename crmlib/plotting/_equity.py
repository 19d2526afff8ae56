"""Plots for the customer equity topic (notebook 06): they draw core results, computing nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from crmlib.i18n import label
from crmlib.plotting._axes import new_axes, percent_text, time_unit, with_unit
from crmlib.plotting._theme import PALETTE, theme_context

if TYPE_CHECKING:
    from crmlib.equity import (
        LeverResult,
        MarkovCLVResult,
        SelectionResult,
        SpendOptimum,
        SwitchingResult,
    )

__all__ = [
    "plot_equity_surface",
    "plot_levers",
    "plot_market_shares",
    "plot_markov_values",
    "plot_selection",
    "plot_state_distribution",
]


def plot_equity_surface(
    surface: pd.DataFrame,
    optimum: SpendOptimum | None = None,
    ax: Axes | None = None,
    *,
    choice: tuple[float, float] | None = None,
    lang: str = "en",
    currency: str = "¥",
) -> Axes:
    """Contour map of customer equity per prospect over acquisition and retention spending.

    Parameters
    ----------
    surface : pandas.DataFrame
        Output of :func:`crmlib.equity.equity_surface` (rows ``R``, columns ``A``).
    optimum : SpendOptimum, optional
        Output of :func:`crmlib.equity.optimal_spend`, marked with a star.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    choice : (float, float), optional
        A spending pair ``(A, R)`` to mark, e.g. the widget's current choice.
    lang : {"en", "zh"}
        Language of the labels.
    currency : str, default "¥"
        Unit of money on the axes.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.equity import equity_surface
    >>> grid = equity_surface(50, 80, margin=100, acquisition_ceiling=0.4, k1=0.1,
    ...                       retention_ceiling=0.8, k2=0.05, discount_rate=0.1, points=21)
    >>> plot_equity_surface(grid).get_xlabel()
    'Acquisition spend per prospect A (¥)'
    """
    with theme_context(lang):
        ax = new_axes(ax)
        A = surface.columns.to_numpy(dtype=float)
        R = surface.index.to_numpy(dtype=float)
        filled = ax.contourf(A, R, surface.to_numpy(), levels=20, cmap="viridis")
        ax.figure.colorbar(filled, ax=ax,
                           label=with_unit(label("equity_per_prospect", lang), currency, lang))
        if optimum is not None:
            ax.plot(optimum.acquisition_spend, optimum.retention_spend, marker="*",
                    markersize=16, color=PALETTE[1], markeredgecolor="white", linestyle="none",
                    label=f"{label('optimum', lang)}: {optimum.value:,.2f}")
        if choice is not None:
            ax.plot(*choice, marker="o", markersize=9, color="white", markeredgecolor="black",
                    linestyle="none", label=label("your_choice", lang))
        ax.set_xlabel(with_unit(label("acquisition_spend", lang), currency, lang))
        ax.set_ylabel(with_unit(label("retention_spend", lang), currency, lang))
        ax.set_title(label("equity_per_prospect", lang))
        if optimum is not None or choice is not None:
            ax.legend(loc="lower right")
    return ax


def plot_markov_values(
    result: MarkovCLVResult,
    ax: Axes | None = None,
    *,
    compare: MarkovCLVResult | None = None,
    lang: str = "en",
    currency: str = "¥",
) -> Axes:
    """Bar chart of the expected discounted value of a customer starting in each state.

    Parameters
    ----------
    result : MarkovCLVResult
        Output of :func:`crmlib.equity.markov_clv`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    compare : MarkovCLVResult, optional
        A second policy on the same states, drawn beside (e.g. the starting
        policy).
    lang : {"en", "zh"}
        Language of the labels.
    currency : str, default "¥"
        Unit of money on the axes.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.equity import markov_clv
    >>> ax = plot_markov_values(markov_clv([[0.5, 0.5], [0, 1]], [10, 0], 0.1))
    >>> len(ax.patches)
    2
    """
    with theme_context(lang):
        ax = new_axes(ax)
        states = [str(s) for s in result.values.index]
        x = np.arange(len(states), dtype=float)
        width = 0.4 if compare is not None else 0.7
        if compare is not None:
            ax.bar(x - width / 2, compare.values.to_numpy(), width, color=PALETTE[6],
                   label=label("start_policy", lang))
            x = x + width / 2
        ax.bar(x, result.values.to_numpy(), width, color=PALETTE[0],
               label=label("new_policy", lang) if compare is not None else None)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(np.arange(len(states)) if compare is None else x - width / 2)
        ax.set_xticklabels(states)
        ax.set_xlabel(label("state", lang))
        ax.set_ylabel(with_unit(label("state_value", lang), currency, lang))
        ax.set_title(label("markov_migration", lang))
        if compare is not None:
            ax.legend(loc="upper right")
    return ax


def plot_state_distribution(
    path: pd.DataFrame, ax: Axes | None = None, *, lang: str = "en"
) -> Axes:
    """Stacked areas: the share of customers in each state, period by period.

    Parameters
    ----------
    path : pandas.DataFrame
        Output of :func:`crmlib.equity.state_distribution` (rows are periods).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    lang : {"en", "zh"}
        Language of the labels.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.equity import state_distribution
    >>> path = state_distribution([[0.9, 0.1], [0.2, 0.8]], [1, 0], 5)
    >>> plot_state_distribution(path).get_ylabel()
    'Share of customers (%)'
    """
    with theme_context(lang):
        ax = new_axes(ax)
        colors = [PALETTE[i % len(PALETTE)] for i in range(path.shape[1])]
        ax.stackplot(path.index.to_numpy(), path.to_numpy().T,
                     labels=[str(c) for c in path.columns], colors=colors, alpha=0.85)
        ax.set_xlim(path.index.min(), path.index.max())
        ax.set_ylim(0, 1)
        ax.set_xlabel(with_unit(label("time", lang), time_unit(None, lang), lang))
        ax.set_ylabel(with_unit(label("share_of_customers", lang), "%", lang))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
    return ax


def plot_market_shares(
    result: SwitchingResult, ax: Axes | None = None, *, lang: str = "en"
) -> Axes:
    """Market share of each brand over time, with its long-run share dashed.

    Parameters
    ----------
    result : SwitchingResult
        Output of :func:`crmlib.equity.brand_switching`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    lang : {"en", "zh"}
        Language of the labels.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.equity import brand_switching
    >>> res = brand_switching([[0.8, 0.2], [0.1, 0.9]], [0.5, 0.5], 10)
    >>> len(plot_market_shares(res).lines)  # one path and one long-run line per brand
    4
    """
    with theme_context(lang):
        ax = new_axes(ax)
        for i, brand in enumerate(result.path.columns):
            color = PALETTE[i % len(PALETTE)]
            ax.plot(result.path.index, result.path[brand], color=color, marker="o",
                    markersize=3, label=f"{brand}")
            ax.axhline(result.long_run[brand], color=color, linestyle="--", linewidth=1)
        ax.set_xlabel(with_unit(label("time", lang), time_unit(None, lang), lang))
        ax.set_ylabel(with_unit(label("market_share", lang), "%", lang))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_ylim(0, 1)
        ax.set_title(f"{label('brand_switching', lang)} (--- {label('long_run', lang)})")
        ax.legend(title=label("brand", lang), loc="upper right")
    return ax


def plot_selection(
    result: SelectionResult, ax: Axes | None = None, *, lang: str = "en", currency: str = "¥"
) -> Axes:
    """Each customer's lifetime value against the resources they need, chosen ones filled.

    Parameters
    ----------
    result : SelectionResult
        Output of :func:`crmlib.equity.select_customers`; the chosen
        customers of its ``method`` are filled, the other method's choice is
        ringed.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    lang : {"en", "zh"}
        Language of the labels.
    currency : str, default "¥"
        Unit of money on the axes.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.equity import select_customers
    >>> ax = plot_selection(select_customers([60, 100, 120], [10, 20, 30], 50))
    >>> ax.get_ylabel()
    'Customer lifetime value (¥)'
    """
    table = result.table
    other = "greedy" if result.method == "exact" else "exact"
    chosen = table[result.method].to_numpy()
    with theme_context(lang):
        ax = new_axes(ax)
        ax.scatter(table.loc[~chosen, "resource_need"], table.loc[~chosen, "clv"],
                   color=PALETTE[6], s=30, label=label("not_served", lang))
        ax.scatter(table.loc[chosen, "resource_need"], table.loc[chosen, "clv"],
                   color=PALETTE[0], s=30,
                   label=f"{label('served', lang)}: {label(result.method, lang)}")
        picked = table[other].to_numpy()
        ax.scatter(table.loc[picked, "resource_need"], table.loc[picked, "clv"],
                   facecolors="none", edgecolors=PALETTE[1], s=90, linewidths=1.2,
                   label=f"{label('served', lang)}: {label(other, lang)}")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xlabel(with_unit(label("resource_need", lang), label("resource_units", lang),
                                lang))
        ax.set_ylabel(with_unit(label("clv", lang), currency, lang))
        ax.set_title(
            f"{label(result.method, lang)}: {result.value:,.0f}  "
            f"({label('gap', lang)}: {result.gap:,.0f})"
        )
        ax.legend(loc="best", fontsize="small")
    return ax


def plot_levers(
    result: LeverResult, ax: Axes | None = None, *, lang: str = "en", currency: str = "¥"
) -> Axes:
    """Bars: the gain in customer equity from more, longer and deeper relationships 多、久、深.

    Parameters
    ----------
    result : LeverResult
        Output of :func:`crmlib.equity.more_longer_deeper`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    lang : {"en", "zh"}
        Language of the labels.
    currency : str, default "¥"
        Unit of money on the axes.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.equity import more_longer_deeper
    >>> len(plot_levers(more_longer_deeper(1000, 100, 0.8, 0.1)).patches)
    4
    """
    rows = ["more", "longer", "deeper", "all three"]
    keys = ["more", "longer", "deeper", "all_three"]
    gains = result.table.loc[rows, "gain"].to_numpy()
    pct = result.table.loc[rows, "gain_pct"].to_numpy()
    with theme_context(lang):
        ax = new_axes(ax)
        colors = [PALETTE[0], PALETTE[2], PALETTE[1], PALETTE[6]]
        bars = ax.bar([label(k, lang) for k in keys], gains, color=colors)
        for bar, p in zip(bars, pct, strict=True):
            # a gain on an equity of 0 has no percentage (NaN): "n/a", never "nan%"
            ax.annotate(percent_text(p / 100, lang, "+.1%"),
                        (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize="small")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xlabel(label("lever", lang))
        ax.set_ylabel(with_unit(label("equity_gain", lang), currency, lang))
        ax.set_title(f"{label('more_longer_deeper', lang)}: "
                     f"{label('customer_equity', lang)} {result.base_value:,.0f}")
    return ax
