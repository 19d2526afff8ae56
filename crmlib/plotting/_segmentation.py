"""Plots for customer value and segmentation (notebook 02): value matrix, Pareto curve, RFM."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from crmlib.i18n import check_lang, label
from crmlib.plotting._axes import new_axes, with_unit
from crmlib.plotting._theme import PALETTE, theme_context

if TYPE_CHECKING:
    from crmlib.segmentation import ParetoResult, RFMSegments
    from crmlib.value import ValueMatrix

__all__ = ["plot_pareto_curve", "plot_rfm_grid", "plot_rfm_segments", "plot_value_matrix"]

_QUADRANT_COLOURS = {"invest": PALETTE[2], "maintain": PALETTE[0], "develop": PALETTE[1],
                     "reduce": PALETTE[6]}
# where each quadrant's label goes, in axes coordinates
_QUADRANT_POSITION = {"invest": (0.98, 0.98, "right", "top"),
                      "maintain": (0.98, 0.02, "right", "bottom"),
                      "develop": (0.02, 0.98, "left", "top"),
                      "reduce": (0.02, 0.02, "left", "bottom")}


def plot_value_matrix(
    matrix: ValueMatrix,
    ax: Axes | None = None,
    *,
    lang: str = "en",
    currency: str = "¥",
    symlog: bool = True,
) -> Axes:
    """Scatter of current value × growth potential with the split lines and the four quadrants.

    Parameters
    ----------
    matrix : ValueMatrix
        Output of :func:`crmlib.value.value_matrix`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of labels.
    currency : str, default "¥"
        Unit shown on the axes.
    symlog : bool, default True
        Symmetric-log axes (linear near 0), so that a few very large
        customers do not squash the rest; negative values stay visible.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.value import value_matrix
    >>> df = pd.DataFrame({"current_value": [10, 8, 2, 1], "growth_potential": [9, 1, 7, 2]})
    >>> ax = plot_value_matrix(value_matrix(df))
    >>> len(ax.collections)  # one scatter per quadrant
    4
    """
    check_lang(lang)
    table, summary = matrix.table, matrix.summary
    name_col = "name_zh" if lang == "zh" else "name"
    with theme_context(lang):
        ax = new_axes(ax, figsize=(7.0, 5.0))
        for key, colour in _QUADRANT_COLOURS.items():
            part = table[table["quadrant"] == key]
            ax.scatter(part["current"], part["potential"], s=10, alpha=0.6, color=colour,
                       label=summary.loc[key, name_col])
            x, y, ha, va = _QUADRANT_POSITION[key]
            row = summary.loc[key]
            ax.text(x, y, f"{row[name_col]}\n{int(row['customers'])} "
                    f"({row['customer_share']:.0%}), {label('current_value_share', lang)} "
                    f"{row['current_share']:.0%}",
                    transform=ax.transAxes, ha=ha, va=va, fontsize=8, color=colour,
                    bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
        ax.axvline(matrix.current_split, color="black", linestyle="--", linewidth=1)
        ax.axhline(matrix.potential_split, color="black", linestyle="--", linewidth=1)
        if symlog:
            scale_x = max(float(np.median(np.abs(table["current"]))), 1e-9)
            scale_y = max(float(np.median(np.abs(table["potential"]))), 1e-9)
            ax.set_xscale("symlog", linthresh=scale_x)
            ax.set_yscale("symlog", linthresh=scale_y)
        if float(table["potential"].min()) >= 0:
            ax.set_ylim(bottom=0)
        ax.set_xlabel(with_unit(label("current_value", lang), currency, lang))
        ax.set_ylabel(with_unit(label("growth_potential", lang), currency, lang))
        ax.set_title(label("value_matrix", lang))
    return ax


def plot_pareto_curve(
    result: ParetoResult,
    ax: Axes | None = None,
    *,
    lang: str = "en",
    customer_share: float = 0.2,
) -> Axes:
    """Concentration (Pareto) curve with the ABC classes, the 45° line and the Gini coefficient.

    Parameters
    ----------
    result : ParetoResult
        Output of :func:`crmlib.segmentation.pareto_abc`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of labels.
    customer_share : float, default 0.2
        The top share of customers marked on the curve ("the top 20% give ...").

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.segmentation import pareto_abc
    >>> ax = plot_pareto_curve(pareto_abc([50, 30, 10, 5, 5]))
    >>> ax.get_xlabel()
    'Top share of customers (most valuable first) (%)'
    """
    check_lang(lang)
    curve = result.curve
    x = curve["customer_share"].to_numpy() * 100
    y = curve["value_share"].to_numpy() * 100
    with theme_context(lang):
        ax = new_axes(ax)
        start = 0.0
        colours = {"A": PALETTE[2], "B": PALETTE[1], "C": PALETTE[6]}
        for cls, colour in colours.items():
            share = float(result.summary.loc[cls, "customer_share"]) * 100
            if share > 0:
                ax.axvspan(start, start + share, color=colour, alpha=0.12)
                ax.text(start + share / 2, 3, f"{cls}\n{share:.0f}%", ha="center",
                        va="bottom", fontsize=9, color=colour)
            start += share
        ax.plot([0, 100], [0, 100], color="grey", linestyle=":", linewidth=1,
                label=label("equal_shares", lang))
        ax.plot(x, y, color=PALETTE[0], linewidth=2, label=label("concentration_curve", lang))
        top = result.top_share(customer_share) * 100
        ax.plot([customer_share * 100], [top], "o", color=PALETTE[3])
        ax.annotate(result.headline(customer_share, lang), (customer_share * 100, top),
                    xytext=(8, -14), textcoords="offset points", fontsize=9)
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 102)
        ax.set_xlabel(with_unit(label("top_customers", lang), "%", lang))
        ax.set_ylabel(with_unit(label("value_share", lang), "%", lang))
        ax.set_title(f"{label('pareto_analysis', lang)}: {label('gini', lang)} = "
                     f"{result.gini:.3f}")
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 0.15))
    return ax


def plot_rfm_segments(
    segments: RFMSegments, ax: Axes | None = None, *, lang: str = "en"
) -> Axes:
    """Bars of each RFM segment's share of customers beside its share of value.

    Parameters
    ----------
    segments : RFMSegments
        Output of :func:`crmlib.segmentation.rfm_segments`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of labels (segment names in Chinese with ``"zh"``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.segmentation import rfm_segments
    >>> sc = pd.DataFrame({"R": [5, 1, 4, 2], "F": [5, 4, 1, 1], "M": [5, 5, 2, 1],
    ...                    "monetary": [100.0, 80.0, 10.0, 5.0]})
    >>> ax = plot_rfm_segments(rfm_segments(sc, threshold=3))
    >>> len(ax.get_yticklabels())
    8
    """
    check_lang(lang)
    summary = segments.summary
    names = summary["segment_zh" if lang == "zh" else "segment_en"]
    long = pd.DataFrame({
        "segment": np.concatenate([names.to_numpy(), names.to_numpy()]),
        "share": np.concatenate([summary["customer_share"].to_numpy(),
                                 summary["value_share"].fillna(0).to_numpy()]) * 100,
        "what": [label("customer_share", lang)] * len(summary)
        + [label("value_share", lang)] * len(summary),
    })
    with theme_context(lang):
        ax = new_axes(ax, figsize=(7.0, 4.5))
        sns.barplot(data=long, y="segment", x="share", hue="what", orient="h", ax=ax,
                    palette=[PALETTE[0], PALETTE[1]])
        ax.set_xlabel(with_unit(f"{label('customer_share', lang)} / {label('value_share', lang)}",
                                "%", lang))
        ax.set_ylabel("")
        ax.set_title(label("rfm_class", lang))
        ax.legend(title="", loc="lower right")
    return ax


def plot_rfm_grid(
    grid: pd.DataFrame, ax: Axes | None = None, *, lang: str = "en", fmt: str | None = None
) -> Axes:
    """Heatmap of an R × F table (customers per cell, or mean value per cell).

    Parameters
    ----------
    grid : pandas.DataFrame
        Output of :func:`crmlib.segmentation.rfm_grid`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of labels.
    fmt : str, optional
        Number format of the cell labels; default ``"d"`` for counts,
        ``".0f"`` for means.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.segmentation import rfm_grid
    >>> sc = pd.DataFrame({"R": [2, 2, 1], "F": [1, 2, 2], "M": [1, 2, 2]})
    >>> ax = plot_rfm_grid(rfm_grid(sc))
    >>> ax.get_ylabel()
    'R score (5 = bought most recently)'
    """
    check_lang(lang)
    counts = pd.api.types.is_integer_dtype(grid.to_numpy().dtype)
    with theme_context(lang):
        ax = new_axes(ax, figsize=(6.0, 4.5))
        sns.heatmap(grid, annot=True, fmt=fmt or ("d" if counts else ".0f"), cmap="Blues",
                    cbar=False, linewidths=0.5, ax=ax)
        ax.set_xlabel(label("f_score", lang))
        ax.set_ylabel(label("r_score", lang))
        ax.set_title(label("customers_in_cell" if counts else "mean_value_in_cell", lang))
        ax.grid(False)
    return ax
