"""Loyalty plots (notebook 07): AHP weights, total ranking, loyalty scores, the KMV model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch

from crmlib.i18n import label
from crmlib.plotting._axes import new_axes
from crmlib.plotting._theme import PALETTE, theme_context

if TYPE_CHECKING:
    import pandas as pd

    from crmlib.loyalty import AHPResult, HierarchyResult, LoyaltyScores, RelationshipModel

__all__ = [
    "display_name",
    "plot_ahp_weights",
    "plot_hierarchy_weights",
    "plot_loyalty_scores",
    "plot_relationship_model",
]

_POSITIVE, _NEGATIVE, _MUTED = "#029E73", "#D55E00", "#BBBBBB"


def display_name(key: object, lang: str = "en") -> str:
    """The course term for ``key`` in ``lang`` when the glossary knows it, else ``key`` itself.

    >>> display_name("quality", "zh"), display_name("Tom", "zh")
    ('质量', 'Tom')
    """
    try:
        return label(str(key), lang)
    except KeyError:
        return str(key)


def plot_ahp_weights(result: AHPResult, ax: Axes | None = None, *, lang: str = "en") -> Axes:
    """Horizontal bars of the AHP weights, with λmax, CI and CR in the title.

    Parameters
    ----------
    result : AHPResult
        Output of :func:`crmlib.loyalty.ahp`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of labels (item names that are course terms are translated).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.loyalty import ahp, pairwise_matrix
    >>> ax = plot_ahp_weights(ahp(pairwise_matrix([3, 5, 2], ["price", "quality", "service"])))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Price', 'Quality', 'Service']
    """
    with theme_context(lang):
        ax = new_axes(ax)
        names = [display_name(k, lang) for k in result.weights.index]
        y = np.arange(len(names))
        colour = PALETTE[0] if result.consistent else PALETTE[3]
        ax.barh(y, result.weights.to_numpy(), color=colour, alpha=0.85)
        for yi, w in zip(y, result.weights.to_numpy(), strict=True):
            ax.text(w, yi, f" {w:.3f}", va="center")
        ax.set_yticks(y, names)
        ax.invert_yaxis()
        ax.set_xlim(0, max(1.0, float(result.weights.max()) * 1.2))
        ax.set_xlabel(label("weight_axis", lang))
        verdict = label("acceptable" if result.consistent else "not_acceptable", lang)
        ax.set_title(f"λmax = {result.lambda_max:.3f}, CI = {result.ci:.3f}, "
                     f"CR = {result.cr:.3f}: {verdict}")
    return ax


def plot_hierarchy_weights(result: HierarchyResult, ax: Axes | None = None, *,
                           lang: str = "en") -> Axes:
    """Stacked bars of each alternative's global weight, split by what each criterion adds.

    Parameters
    ----------
    result : HierarchyResult
        Output of :func:`crmlib.loyalty.ahp_hierarchy`; the bar segments are
        its ``contributions``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    lang : {"en", "zh"}
        Language of labels.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.loyalty import ahp_hierarchy, pairwise_matrix
    >>> res = ahp_hierarchy(pairwise_matrix([2], ["price", "quality"]),
    ...                     [pairwise_matrix([3], ["x", "y"]), pairwise_matrix([1], ["x", "y"])])
    >>> len(plot_hierarchy_weights(res).patches)
    4
    """
    contributions = result.contributions
    with theme_context(lang):
        ax = new_axes(ax)
        names = [display_name(k, lang) for k in contributions.index]
        y = np.arange(len(names))
        left = np.zeros(len(names))
        for k, crit in enumerate(contributions.columns):
            values = contributions[crit].to_numpy()
            ax.barh(y, values, left=left, color=PALETTE[k % len(PALETTE)], alpha=0.85,
                    label=f"{display_name(crit, lang)} ({result.criteria.weights[crit]:.3f})")
            left += values
        for yi, total in zip(y, result.global_weights.to_numpy(), strict=True):
            ax.text(total, yi, f" {total:.3f}", va="center")
        ax.set_yticks(y, names)
        ax.invert_yaxis()
        ax.set_xlim(0, max(1.0, float(left.max()) * 1.25))
        ax.set_xlabel(label("weight_axis", lang))
        ax.set_title(f"{label('total_ranking', lang)}: CR = {result.cr_total:.3f}")
        ax.legend(loc="lower right")
    return ax


def plot_loyalty_scores(scores: LoyaltyScores, ax: Axes | None = None, *,
                        highlight: object = None, lang: str = "en") -> Axes:
    """Ranked customers' loyalty scores as stacked objective and subjective parts.

    Parameters
    ----------
    scores : LoyaltyScores
        Output of :func:`crmlib.loyalty.loyalty_scores` (its table is ranked).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    highlight : customer id, optional
        A customer whose label is drawn in colour.
    lang : {"en", "zh"}
        Language of labels.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.loyalty import example_customer_base, loyalty_scores
    >>> ex = example_customer_base()
    >>> res = loyalty_scores(ex.given, ex.total, ex.indicator_weights, ex.factor_values,
    ...                      [0.2, 0.3, 0.5], 0.6)
    >>> ax = plot_loyalty_scores(res, highlight="C03")
    >>> ax.get_yticklabels()[0].get_text()
    'C05'
    """
    table = scores.table
    with theme_context(lang):
        ax = new_axes(ax)
        names = [str(c) for c in table.index]
        y = np.arange(len(names))
        obj = table["objective_part"].to_numpy()
        ax.barh(y, obj, color=PALETTE[0], alpha=0.85, label=label("objective_part", lang))
        ax.barh(y, table["subjective_part"].to_numpy(), left=obj, color=PALETTE[1], alpha=0.85,
                label=label("subjective_part", lang))
        for yi, total in zip(y, table["loyalty"].to_numpy(), strict=True):
            ax.text(total, yi, f" {total:.3f}", va="center")
        ax.set_yticks(y, names)
        for tick, cid in zip(ax.get_yticklabels(), table.index, strict=True):
            if highlight is not None and cid == highlight:
                tick.set_color(PALETTE[3])
        ax.invert_yaxis()
        ax.set_xlim(0, 1.15)
        ax.set_xlabel(label("loyalty_axis", lang))
        ax.set_ylabel(label("customer", lang))
        ax.set_title(f"{label('loyalty_score', lang)}: β = {scores.objective_weight:g}")
        ax.legend(loc="lower right")
    return ax


def plot_relationship_model(model: RelationshipModel, ax: Axes | None = None, *,
                            effects: pd.DataFrame | None = None, source: str | None = None,
                            lang: str = "en") -> Axes:
    """Diagram of a relationship-quality path model with the sign of every path.

    Antecedents stand on the left, mediators (trust, commitment) in the
    middle, outcomes on the right; a positive path is a solid green arrow
    marked "+", a negative one a dashed orange arrow marked "−".

    Parameters
    ----------
    model : RelationshipModel
        Output of :func:`crmlib.loyalty.morgan_hunt_model`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    effects : pandas.DataFrame, optional
        Output of ``model.effects(source)``: the constructs reached from
        ``source`` are marked ↑ / ↓ (or ± when routes disagree) and paths
        off the routes are greyed.
    source : str, optional
        The construct whose change ``effects`` describes (drawn with a thick frame).
    lang : {"en", "zh"}
        Language of the construct names.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.loyalty import morgan_hunt_model
    >>> ax = plot_relationship_model(morgan_hunt_model())
    >>> sorted(t.get_text() for t in ax.texts if t.get_text() in ("+", "−"))
    ['+', '+', '+', '+', '+', '+', '+', '+', '+', '+', '−', '−', '−']
    """
    roles = model.constructs["role"]
    columns = {"antecedent": 0.0, "mediator": 1.0, "outcome": 2.0}
    pos: dict[str, tuple[float, float]] = {}
    for role, x in columns.items():
        members = [c for c in roles.index if roles[c] == role]
        ys = np.linspace(1, 0, len(members) + 2)[1:-1] if len(members) > 1 else [0.5]
        pos.update({c: (x, float(yv)) for c, yv in zip(members, ys, strict=True)})
    reached = set(effects.index) | {source} if effects is not None else set(roles.index)
    with theme_context(lang):
        ax = new_axes(ax, figsize=(9.0, 5.0))
        for row in model.paths.itertuples(index=False):
            (x0, y0), (x1, y1) = pos[row.source], pos[row.target]
            on_route = row.source in reached and row.target in reached
            colour = (_POSITIVE if row.sign > 0 else _NEGATIVE) if on_route else _MUTED
            if x0 == x1:  # within a column (trust -> commitment): a vertical arrow
                step = 0.06 if y1 > y0 else -0.06
                start, end = (x0, y0 + step), (x1, y1 - step)
                mark = (x0 + 0.05, (y0 + y1) / 2)
            else:
                start, end = (x0 + 0.22, y0), (x1 - 0.22, y1)
                mark = (start[0] + (end[0] - start[0]) * 0.62, y0 + (y1 - y0) * 0.62 + 0.035)
            ax.add_patch(FancyArrowPatch(
                start, end, arrowstyle="-|>", mutation_scale=12, color=colour, linewidth=1.4,
                linestyle="-" if row.sign > 0 else "--"))
            ax.text(*mark, "+" if row.sign > 0 else "−", color=colour, fontsize=13,
                    ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none"})
        for construct, (x, y) in pos.items():
            text = display_name(construct, lang)
            if effects is not None and construct in effects.index:
                sign = int(effects.loc[construct, "sign"])
                text += {1: " ↑", -1: " ↓", 0: " ±"}[sign]
            ax.text(x, y, text, ha="center", va="center", fontsize=9,
                    bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                          "linewidth": 2.5 if construct == source else 1.0,
                          "edgecolor": PALETTE[2 if roles[construct] == "mediator" else 0]})
        for role, x in columns.items():
            ax.text(x, 1.02, label(role + "s", lang), ha="center", fontsize=11)
        ax.set_xlim(-0.45, 2.45)
        ax.set_ylim(-0.05, 1.08)
        ax.set_axis_off()
        ax.set_title(label("kmv_model", lang) + " (Morgan & Hunt 1994)")
    return ax
