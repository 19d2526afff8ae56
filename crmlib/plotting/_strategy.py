"""Plots for the CRM strategy topic (notebook 08)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch
from matplotlib.ticker import StrMethodFormatter

from crmlib.i18n import label
from crmlib.plotting._axes import new_axes, with_unit
from crmlib.plotting._theme import PALETTE, theme_context

if TYPE_CHECKING:
    from crmlib.strategy import (
        ContactPattern,
        EquityPlan,
        ProcessModel,
        ROIResult,
        StrategyRecommendation,
    )

__all__ = [
    "plot_contact_patterns",
    "plot_equity_levers",
    "plot_process_model",
    "plot_roi_cashflows",
    "plot_strategy_scores",
]

_TYPE_LABEL = {"clasp": "clasp", "zipper": "zipper", "velcro": "velcro"}
_FACTOR_LABEL = {
    "transaction_frequency": "transaction_frequency",
    "asset_specificity": "asset_specificity",
    "contract_type": "contract_type",
    "firm_stage": "firm_stage",
    "customer_heterogeneity": "customer_heterogeneity",
}


def _type_name(key: str, lang: str) -> str:
    """Short name of a strategy type: 'Clasp' / '扣钩'."""
    full = label(_TYPE_LABEL[key], lang)
    return full.removesuffix("策略") if lang == "zh" else full.removesuffix(" strategy")


def plot_contact_patterns(
    patterns: Sequence[ContactPattern],
    ax: Axes | None = None,
    *,
    lang: str = "en",
    highlight: str | None = None,
) -> Axes:
    """Each strategy type's contacts over time, one lane per type, against the customer's needs.

    Parameters
    ----------
    patterns : sequence of ContactPattern
        Results of :func:`crmlib.strategy.contact_pattern`, drawn top to bottom.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of labels.
    highlight : str, optional
        Key of a type to mark (e.g. the recommended one).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.strategy import contact_pattern
    >>> ax = plot_contact_patterns([contact_pattern(k) for k in ("clasp", "zipper", "velcro")])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Clasp', 'Zipper', 'Velcro']
    """
    with theme_context(lang):
        ax = new_axes(ax)
        n = len(patterns)
        side_colour = {"firm": PALETTE[0], "customer": PALETTE[4]}
        shown: set[str] = set()
        for i, p in enumerate(patterns):
            y = n - 1 - i
            if highlight == p.strategy:
                ax.axhspan(y - 0.45, y + 0.45, color=PALETTE[2], alpha=0.12, linewidth=0)
            ax.hlines(y, 0, p.horizon, color="#bbbbbb", linewidth=1, zorder=1)
            met = np.isfinite(p.waits)
            ax.hlines(np.full(met.sum(), y + 0.18), p.needs[met], p.needs[met] + p.waits[met],
                      color=PALETTE[3], linewidth=1.5, alpha=0.7, zorder=2)
            ax.scatter(p.needs, np.full(p.needs.size, y + 0.18), marker="v", s=36,
                       facecolors="white", edgecolors=PALETTE[3], zorder=3,
                       label=None if "need" in shown else label("customer_need", lang))
            shown.add("need")
            for side, group in p.contacts.groupby("side", sort=False):
                key = f"contact_{side}"
                ax.scatter(group["time"], np.full(len(group), y), s=40, color=side_colour[side],
                           zorder=4, label=None if key in shown else label(key, lang))
                shown.add(key)
            ax.text(p.horizon, y - 0.32, f"{label('mean_wait', lang)} {p.mean_wait:.2f}",
                    ha="right", va="center", fontsize=8, color="#555555")
        ax.set_yticks(range(n - 1, -1, -1), [_type_name(p.strategy, lang) for p in patterns])
        ax.set_ylim(-0.6, n - 0.4)
        ax.set_xlim(0, max(p.horizon for p in patterns) + 0.5)
        ax.set_xlabel(label("time_periods", lang))
        ax.set_title(label("contact_patterns", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=8,
                  frameon=False)
    return ax


def plot_strategy_scores(
    recommendation: StrategyRecommendation, ax: Axes | None = None, *, lang: str = "en"
) -> Axes:
    """Each type's score as bars stacked by factor (for to the right, against to the left).

    Parameters
    ----------
    recommendation : StrategyRecommendation
        Result of :func:`crmlib.strategy.recommend_strategy`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of labels.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.strategy import recommend_strategy
    >>> ax = plot_strategy_scores(recommend_strategy("high", "high", "long_term", "mature", 0.5))
    >>> ax.get_xlabel()
    'Score'
    """
    table = recommendation.contributions
    types = list(recommendation.scores)
    with theme_context(lang):
        ax = new_axes(ax)
        y = np.arange(len(types))[::-1]
        right = np.zeros(len(types))
        left = np.zeros(len(types))
        for j, factor in enumerate(table.index):
            values = table.loc[factor, types].to_numpy(dtype=float)
            pos, neg = np.clip(values, 0, None), np.clip(values, None, 0)
            colour = PALETTE[j % len(PALETTE)]
            ax.barh(y, pos, left=right, color=colour, height=0.6,
                    label=label(_FACTOR_LABEL[factor], lang))
            ax.barh(y, neg, left=left, color=colour, height=0.6)
            right += pos
            left += neg
        totals = [recommendation.scores[t] for t in types]
        ax.scatter(totals, y, marker="D", color="black", zorder=5, s=30)
        for yy, total, t in zip(y, totals, types, strict=True):
            best = t == recommendation.recommended
            mark = f"  ({label('recommended_type', lang)})" if best else ""
            ax.annotate(f"{total:+.2f}{mark}", (total, yy), xytext=(0, 12),
                        textcoords="offset points", ha="center", fontsize=8)
        ax.axvline(0, color="#555555", linewidth=1)
        ax.set_yticks(y, [_type_name(t, lang) for t in types])
        ax.set_xlabel(label("strategy_score", lang))
        ax.set_title(label("score_contributions", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8,
                  frameon=False)
    return ax


def plot_roi_cashflows(
    result: ROIResult, ax: Axes | None = None, *, lang: str = "en", currency: str = "¥"
) -> Axes:
    """Net cash flow per year as bars, cumulative cash flow and present value as lines.

    Parameters
    ----------
    result : ROIResult
        Result of :func:`crmlib.strategy.crm_roi`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of labels.
    currency : str, default "¥"
        Unit of the amount axis.

    Returns
    -------
    matplotlib.axes.Axes
        The payback periods are marked where they fall inside the horizon.

    Examples
    --------
    >>> from crmlib.strategy import crm_roi
    >>> ax = plot_roi_cashflows(crm_roi(100, 0, [40, 50, 60], 0.1))
    >>> len(ax.patches)  # one bar per year 0..3
    4
    """
    table = result.table
    with theme_context(lang):
        ax = new_axes(ax)
        x = table["year"].to_numpy()
        colours = [PALETTE[3] if v < 0 else PALETTE[0] for v in table["net_cash_flow"]]
        ax.bar(x, table["net_cash_flow"], color=colours, alpha=0.8,
               label=label("net_cash_flow", lang))
        ax.plot(x, table["cumulative_cash_flow"], color=PALETTE[1], marker="o", markersize=3,
                label=label("cumulative_cash_flow", lang))
        ax.plot(x, table["cumulative_present_value"], color=PALETTE[2], marker="s", markersize=3,
                label=label("cumulative_pv", lang))
        ax.axhline(0, color="#555555", linewidth=1)
        for when, key, style in ((result.payback, "payback_period", ":"),
                                 (result.discounted_payback, "discounted_payback", "--")):
            if math.isfinite(when):
                ax.axvline(when, color="#555555", linestyle=style, linewidth=1,
                           label=f"{label(key, lang)} {when:.2f}")
        ax.set_xlabel(label("year", lang))
        ax.set_ylabel(with_unit(label("amount", lang), currency, lang))
        ax.set_title(f"{label('npv', lang)} = {result.npv:,.2f}")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.legend(loc="lower right", fontsize=8)
    return ax


def plot_equity_levers(
    plan: EquityPlan, ax: Axes | None = None, *, lang: str = "en", currency: str = "¥"
) -> Axes:
    """Change in customer equity from each lever alone, their interaction and the whole plan.

    Parameters
    ----------
    plan : EquityPlan
        Result of :func:`crmlib.strategy.plan_equity_change`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of labels.
    currency : str, default "¥"
        Unit of the change axis.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.strategy import plan_equity_change
    >>> ax = plot_equity_levers(plan_equity_change(1000, 100, 0.8, 0.1, extra_customers=100))
    >>> len(ax.patches)
    6
    """
    rows = ["more", "longer", "deeper_margin", "deeper_cross_sell", "interaction", "plan"]
    change = plan.effects.loc[rows, "change"].to_numpy(dtype=float)
    colours = [PALETTE[0], PALETTE[2], PALETTE[1], PALETTE[4], PALETTE[6], PALETTE[3]]
    with theme_context(lang):
        ax = new_axes(ax)
        y = np.arange(len(rows))[::-1]
        ax.barh(y, change, color=colours, height=0.6)
        for yy, value in zip(y, change, strict=True):
            ax.annotate(f"{value:+,.0f}", (value, yy), xytext=(4 if value >= 0 else -4, 0),
                        textcoords="offset points", va="center",
                        ha="left" if value >= 0 else "right", fontsize=8)
        ax.axvline(0, color="#555555", linewidth=1)
        ax.set_yticks(y, [label(f"lever_{r}", lang) for r in rows])
        ax.set_xlabel(with_unit(label("equity_change", lang), currency, lang))
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.set_title(f"{label('base_equity', lang)} {plan.base_equity:,.0f} → "
                     f"{plan.planned_equity:,.0f}")
        ax.grid(axis="y", visible=False)
        lo, hi = min(change.min(), 0.0), max(change.max(), 0.0)
        pad = 0.25 * (hi - lo or 1.0)
        ax.set_xlim(lo - (pad if lo < 0 else 0), hi + pad)
    return ax


def plot_process_model(model: ProcessModel, ax: Axes | None = None) -> Axes:
    """The seven-step process model as a cycle, with the monitoring feedback drawn dashed.

    Parameters
    ----------
    model : ProcessModel
        Result of :func:`crmlib.strategy.process_model` (its ``lang`` sets the
        language of the diagram).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.strategy import process_model
    >>> ax = plot_process_model(process_model())
    >>> len(ax.texts)  # one box per step and the feedback note
    8
    """
    lang = model.lang
    steps = model.steps
    n = len(steps)
    angle = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    pos = {k: (1.6 * np.cos(a), np.sin(a)) for k, a in zip(steps["key"], angle, strict=True)}
    with theme_context(lang):
        ax = new_axes(ax, figsize=(7.0, 5.0))
        for (_, row), colour in zip(steps.iterrows(), [PALETTE[0]] * (n - 1) + [PALETTE[3]],
                                    strict=True):
            x, y = pos[row["key"]]
            width = 14 if lang == "zh" else 18
            text = f"{row['step']}. " + "\n".join(textwrap.wrap(row["name"], width))
            ax.text(x, y, text, ha="center", va="center", fontsize=8, zorder=3,
                    bbox={"boxstyle": "round,pad=0.4", "facecolor": "white",
                          "edgecolor": colour, "linewidth": 1.5})
        for a, b, kind in model.edges:
            (x0, y0), (x1, y1) = pos[a], pos[b]
            feedback = kind == "feedback"
            arrow = FancyArrowPatch(
                (x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=10,
                shrinkA=24, shrinkB=24, zorder=2 if not feedback else 1,
                connectionstyle="arc3,rad=-0.15" if not feedback else "arc3,rad=0.1",
                color=PALETTE[0] if not feedback else PALETTE[3],
                linestyle="-" if not feedback else "--",
                linewidth=1.4 if not feedback else 0.8, alpha=1.0 if not feedback else 0.6,
            )
            ax.add_patch(arrow)
        ax.text(0, -0.05, label("monitoring_feedback", lang), ha="center", va="center", fontsize=8,
                color=PALETTE[3], style="italic")
        ax.set_xlim(-2.3, 2.3)
        ax.set_ylim(-1.35, 1.35)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(label("process_model", lang))
    return ax
