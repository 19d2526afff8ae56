"""Plots for customer value (notebook 01): waterfall, Kano plane, Woodruff hierarchy, Kano drift."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from crmlib.i18n import check_lang, label
from crmlib.plotting._axes import new_axes
from crmlib.plotting._theme import PALETTE, theme_context

if TYPE_CHECKING:
    from crmlib.value import DeliveredValue, KanoSurvey, OfferComparison

__all__ = ["plot_delivered_value", "plot_kano_coefficients", "plot_kano_drift",
           "plot_value_hierarchy"]

_KIND_COLOUR = {"value": PALETTE[2], "total": PALETTE[0], "cost": PALETTE[3], "result": PALETTE[4]}
_CATEGORY_COLOUR = {"A": PALETTE[2], "O": PALETTE[0], "M": PALETTE[3], "I": PALETTE[6],
                    "R": PALETTE[5], "Q": PALETTE[4]}


def _name_column(lang: str) -> str:
    return "name_zh" if check_lang(lang) == "zh" else "name"


def plot_delivered_value(
    result: DeliveredValue | OfferComparison, ax: Axes | None = None, *, lang: str = "en"
) -> Axes:
    """Waterfall of customer delivered value: value parts up, cost parts down, the difference.

    Parameters
    ----------
    result : DeliveredValue or OfferComparison
        One offer (:func:`crmlib.value.delivered_value`) or several
        (:func:`crmlib.value.compare_offers`), drawn side by side in each step.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of titles and labels.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.value import delivered_value
    >>> ax = plot_delivered_value(delivered_value(product=60, service=20, monetary=50))
    >>> len(ax.patches)
    10
    """
    offers = dict(result.offers) if hasattr(result, "offers") else {"": result}
    name_col = _name_column(lang)
    with theme_context(lang):
        ax = new_axes(ax, figsize=(8.0, 4.2))
        n = len(offers)
        width = 0.8 / n
        for j, (offer, res) in enumerate(offers.items()):
            steps = res.waterfall()
            x = np.arange(len(steps)) + (j - (n - 1) / 2) * width
            colours = [_KIND_COLOUR[k] for k in steps["kind"]] if n == 1 else PALETTE[j % 7]
            hatches = ["//" if k == "cost" else "" for k in steps["kind"]]
            bars = ax.bar(x, steps["top"] - steps["bottom"], bottom=steps["bottom"], width=width,
                          color=colours, edgecolor="white", alpha=0.9,
                          label=f"{label('offer', lang)} {offer}" if offer else None)
            for bar, hatch in zip(bars, hatches, strict=True):
                bar.set_hatch(hatch)
            final = steps.iloc[-1]
            ax.annotate(f"{final['amount']:,.0f}", (x[-1], final["top"]), ha="center",
                        va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
            for k in range(len(steps) - 1):  # connectors between consecutive levels
                level = steps["top"].iloc[k] if steps["kind"].iloc[k] != "cost" else \
                    steps["bottom"].iloc[k]
                ax.plot([x[k] + width / 2, x[k + 1] - width / 2], [level, level],
                        color="#777777", linewidth=0.6)
        names = next(iter(offers.values())).waterfall()[name_col]
        ax.set_xticks(np.arange(len(names)))
        ax.set_xticklabels(names, rotation=35, ha="right", fontsize=8)
        ax.axhline(0, color="#333333", linewidth=0.8)
        ax.set_ylabel(label("value_axis", lang))
        ax.grid(axis="x", visible=False)
        if n > 1:
            ax.legend(loc="upper right", fontsize=8)
            ax.set_title(f"{label('delivered_value', lang)}: {label('chosen', lang)} "
                         f"{result.choice}")  # type: ignore[union-attr]
        else:
            res = next(iter(offers.values()))
            ax.set_title(f"{label('delivered_value', lang)} = {res.value:,.2f}  "
                         f"({label('value_cost_ratio', lang)} {res.ratio:.2f})")
    return ax


def plot_kano_coefficients(
    survey: KanoSurvey,
    ax: Axes | None = None,
    *,
    lang: str = "en",
    split: float = 0.5,
    earlier: KanoSurvey | None = None,
) -> Axes:
    """Better against |Worse| for each attribute, with the four quadrants named.

    Parameters
    ----------
    survey : KanoSurvey
        Output of :func:`crmlib.value.kano_survey` or
        :func:`crmlib.value.kano_from_counts`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of titles and labels.
    split : float, default 0.5
        Where the quadrant lines are drawn (as in :func:`crmlib.value.kano_quadrant`).
    earlier : KanoSurvey, optional
        An earlier survey of the same attributes: an arrow runs from each
        attribute's earlier position to its position now (the drift).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.value import kano_from_counts
    >>> res = kano_from_counts({"wifi": {"A": 4, "O": 9, "M": 5, "I": 2}})
    >>> ax = plot_kano_coefficients(res)
    >>> ax.get_xlabel()
    '|Worse| (dissatisfaction coefficient)'
    """
    from crmlib.value import KANO_CATEGORIES

    table = survey.table.dropna(subset=["better", "worse"])
    zh = check_lang(lang) == "zh"
    with theme_context(lang):
        ax = new_axes(ax, figsize=(6.5, 5.0))
        ax.axvline(split, color="#555555", linewidth=0.8, linestyle="--")
        ax.axhline(split, color="#555555", linewidth=0.8, linestyle="--")
        corners = {"A": (0.02, 0.98, "left", "top"), "O": (0.98, 0.98, "right", "top"),
                   "M": (0.98, 0.02, "right", "bottom"), "I": (0.02, 0.02, "left", "bottom")}
        for code, (x, y, ha, va) in corners.items():
            name = KANO_CATEGORIES[code][1] if zh else KANO_CATEGORIES[code][0]
            ax.text(x, y, f"{name} ({code})", transform=ax.transAxes, ha=ha, va=va,
                    color=_CATEGORY_COLOUR[code], fontsize=10, alpha=0.8)
        if earlier is not None:
            before = earlier.table.dropna(subset=["better", "worse"])
            for attr in before.index.intersection(table.index):
                start = (abs(before.loc[attr, "worse"]), before.loc[attr, "better"])
                end = (abs(table.loc[attr, "worse"]), table.loc[attr, "better"])
                ax.scatter(*start, s=40, facecolor="none", edgecolor="#777777", zorder=2)
                ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12,
                                             color="#777777", shrinkA=4, shrinkB=6, zorder=2))
        for attr, row in table.iterrows():
            colour = _CATEGORY_COLOUR[row["category"]]
            ax.scatter(abs(row["worse"]), row["better"], s=60, color=colour, zorder=3,
                       edgecolor="white")
            ax.annotate(f"{attr} ({row['category']})", (abs(row["worse"]), row["better"]),
                        xytext=(5, 4), textcoords="offset points", fontsize=8)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel(label("worse_axis", lang))
        ax.set_ylabel(label("better_axis", lang))
        ax.set_title(label("kano_plane", lang))
    return ax


def plot_value_hierarchy(
    hierarchy: pd.DataFrame | None = None, ax: Axes | None = None, *, lang: str = "en"
) -> Axes:
    """Woodruff's customer value hierarchy: three levels, desired value down, received value up.

    Parameters
    ----------
    hierarchy : pandas.DataFrame, optional
        The table of :func:`crmlib.value.value_hierarchy` (or one with the
        same columns and your own examples); the kit's car example by default.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of the boxes and arrows.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = plot_value_hierarchy()
    >>> len(ax.patches)  # three boxes, two arrows between them, two side arrows
    7
    """
    if hierarchy is None:
        from crmlib.value import value_hierarchy

        hierarchy = value_hierarchy()
    zh = check_lang(lang) == "zh"
    levels = hierarchy.sort_values("level", ascending=False).reset_index(drop=True)
    with theme_context(lang):
        ax = new_axes(ax, figsize=(8.0, 5.0))
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 10)
        ax.axis("off")
        box_h, gap = 2.3, 0.9
        tops = [9.6 - i * (box_h + gap) for i in range(len(levels))]
        colours = [PALETTE[4], PALETTE[1], PALETTE[0]]
        for i, row in levels.iterrows():
            top = tops[i]
            ax.add_patch(FancyBboxPatch((1.6, top - box_h), 6.8, box_h,
                                        boxstyle="round,pad=0.02,rounding_size=0.2",
                                        facecolor=colours[i % 3], alpha=0.15,
                                        edgecolor=colours[i % 3], linewidth=1.5))
            title = row["name_zh"] if zh else f"{row['name']} {row['name_zh']}"
            question = row["question_zh"] if zh else row["question"]
            examples = row["examples_zh"] if zh else row["examples"]
            ax.text(5.0, top - 0.35, title, ha="center", va="top", fontsize=11)
            ax.text(5.0, top - 0.95, textwrap.fill(question, 60), ha="center", va="top",
                    fontsize=8, style="italic")
            ax.text(5.0, top - 1.55, "  ·  ".join(examples), ha="center", va="top", fontsize=9)
            if i + 1 < len(levels):
                ax.add_patch(FancyArrowPatch((5.0, top - box_h), (5.0, tops[i + 1]),
                                             arrowstyle="<->", mutation_scale=12,
                                             color="#555555"))
        span = (tops[0], tops[-1] - box_h)
        ax.add_patch(FancyArrowPatch((1.0, span[0]), (1.0, span[1]), arrowstyle="-|>",
                                     mutation_scale=15, color=PALETTE[0], linewidth=2))
        ax.add_patch(FancyArrowPatch((9.0, span[1]), (9.0, span[0]), arrowstyle="-|>",
                                     mutation_scale=15, color=PALETTE[2], linewidth=2))
        ax.text(0.6, 5.0, label("desired_value", lang), rotation=90, ha="center", va="center",
                fontsize=9, color=PALETTE[0])
        ax.text(9.4, 5.0, label("received_value", lang), rotation=270, ha="center",
                va="center", fontsize=9, color=PALETTE[2])
        ax.set_title(label("value_hierarchy", lang) + ("" if zh else " (Woodruff 1997)"))
    return ax


def plot_kano_drift(
    example: pd.DataFrame | None = None, ax: Axes | None = None, *, lang: str = "en",
    at: float = 0.6,
) -> Axes:
    """Kano's diagram with the drift of one attribute: attractive → one-dimensional → must-be.

    Parameters
    ----------
    example : pandas.DataFrame, optional
        Stages as in :func:`crmlib.value.kano_drift_example` (the TV remote
        control by default); their situations are written under the curves.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of titles and labels.
    at : float, default 0.6
        The drift is drawn at fulfilment ``at`` (provided: satisfaction
        falls stage by stage) and ``-at`` (left out: dissatisfaction grows).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = plot_kano_drift()
    >>> len(ax.lines)  # curves A, O, M, I and the two axis lines through 0
    6
    """
    from crmlib.value import KANO_CATEGORIES, kano_curve, kano_drift_example

    if example is None:
        example = kano_drift_example()
    zh = check_lang(lang) == "zh"
    f = np.linspace(-1.0, 1.0, 201)
    with theme_context(lang):
        ax = new_axes(ax, figsize=(7.5, 5.0))
        for code in ("A", "O", "M", "I"):
            name = KANO_CATEGORIES[code][1] if zh else KANO_CATEGORIES[code][0]
            ax.plot(f, kano_curve(code, f), color=_CATEGORY_COLOUR[code], linewidth=2,
                    linestyle=":" if code == "I" else "-", label=f"{name} ({code})")
        for side in (at, -at):  # provided (right) and left out (left)
            points = [(side, float(kano_curve(str(c), [side])[0])) for c in example["category"]]
            for k, ((x, y), stage) in enumerate(zip(points, example["stage"], strict=True)):
                ax.scatter([x], [y], s=60, color="#333333", zorder=4)
                ax.annotate(str(stage), (x, y), xytext=(6, 0), textcoords="offset points",
                            fontsize=10, va="center")
                if k + 1 < len(points):
                    ax.add_patch(FancyArrowPatch((x, y), points[k + 1], arrowstyle="-|>",
                                                 mutation_scale=14, color="#333333",
                                                 shrinkA=5, shrinkB=5, zorder=3))
        column = "situation_zh" if zh and "situation_zh" in example else "situation"
        if column in example:
            lines = [f"{s}. {textwrap.shorten(str(t), 70)}" for s, t in
                     zip(example["stage"], example[column], strict=True)]
            ax.text(-0.98, 0.97, "\n".join(lines), fontsize=7.5, va="top", ha="left",
                    transform=ax.transData)
        ax.axhline(0, color="#333333", linewidth=0.8)
        ax.axvline(0, color="#333333", linewidth=0.8)
        ax.set_xlim(-1, 1)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel(label("fulfilment", lang))
        ax.set_ylabel(label("satisfaction", lang))
        ax.set_title(label("kano_drift", lang))
        ax.legend(loc="lower right", fontsize=8)
    return ax
