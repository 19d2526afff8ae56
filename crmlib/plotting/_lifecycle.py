"""Plots for the lifecycle topic (notebook 03): profit curve, cohort heatmap, survival, timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import PercentFormatter
from matplotlib.transforms import ScaledTranslation

from crmlib.i18n import label
from crmlib.plotting._axes import new_axes, time_unit, with_unit
from crmlib.plotting._theme import PALETTE, theme_context

if TYPE_CHECKING:
    from crmlib.lifecycle import (
        CohortTable,
        LifecycleProfile,
        SBGComparison,
        StageClassification,
        SurvivalCurve,
    )

__all__ = [
    "plot_cohort_heatmap",
    "plot_customer_timeline",
    "plot_lifecycle_profile",
    "plot_retention_curve",
]

_STAGE_COLOURS = {"exploration": "#CCE3F2", "formation": "#CDEBDF", "stability": "#FBE3C0",
                  "decline": "#F5D0C5"}
_MEASURE_LABEL = {"customers": "customers_active", "retention": "retention_share",
                  "revenue": "revenue_per_customer", "margin": "margin_per_customer"}
_CURRENCY_MEASURES = ("revenue", "margin")


def _below_x_label(ax: Axes) -> float:
    """Points from the bottom of ``ax`` to below its x tick labels and x label (with room)."""
    rc = mpl.rcParams
    ticks = FontProperties(size=rc["xtick.labelsize"]).get_size_in_points()
    return (max(rc["xtick.major.size"], 0) + rc["xtick.major.pad"] + 1.1 * ticks
            + rc["axes.labelpad"] + 1.1 * ax.xaxis.label.get_fontsize() + 2.0)


def plot_lifecycle_profile(
    profile: LifecycleProfile, ax: Axes | None = None, *, lang: str = "en", currency: str = "¥"
) -> Axes:
    """The lifecycle profit curve: revenue, cost and cumulative profit per period, by stage.

    Stages are shaded and named; the break-even period and an early end are
    marked; periods after an early end are drawn faded (what is lost).

    Parameters
    ----------
    profile : LifecycleProfile
        Output of :func:`crmlib.lifecycle.lifecycle_profile`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of titles and labels.
    currency : str, default "¥"
        Unit of the value axis.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.lifecycle import lifecycle_profile
    >>> p = lifecycle_profile([2, 3, 4, 2], [10, 40, 60, 30], [40, 20, 10, 10], end_period=6)
    >>> ax = plot_lifecycle_profile(p)
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('Time (periods)', 'Per period; cumulative (¥)')
    """
    t = profile.table
    with theme_context(lang):
        ax = new_axes(ax, figsize=(8.0, 4.2))
        x = t["period"].to_numpy()
        active = t["active"].to_numpy()
        for stage, rows in t.groupby("stage", sort=False):
            lo, hi = rows["period"].min() - 0.5, rows["period"].max() + 0.5
            ax.axvspan(lo, hi, color=_STAGE_COLOURS[str(stage)], alpha=0.6, linewidth=0)
            ax.text((lo + hi) / 2, 1.0, label(str(stage), lang), transform=ax.get_xaxis_transform(),
                    ha="center", va="bottom", fontsize=9)
        colours = np.where(active, PALETTE[2], "#BBBBBB")
        colours = np.where(t["profit"].to_numpy() < 0, np.where(active, PALETTE[3], "#DDDDDD"),
                           colours)
        ax.bar(x, t["profit"], color=colours, alpha=0.8, label=label("profit", lang))
        ax.step(x, t["revenue"], where="mid", color=PALETTE[0], label=label("revenue", lang))
        ax.step(x, t["cost"], where="mid", color=PALETTE[1], label=label("cost", lang))
        cum = t["cumulative_value"].to_numpy()
        ax.plot(x[active], cum[active], color="black", marker="o", markersize=3,
                label=label("cumulative_profit", lang))
        if (~active).any():
            ax.plot(x[profile.end_period - 1:], cum[profile.end_period - 1:], color="black",
                    linestyle=":", linewidth=1)
            ax.axvline(profile.end_period + 0.5, color=PALETTE[3], linestyle="--", linewidth=1.2,
                       label=label("relationship_ends", lang))
        if profile.break_even_period is not None:
            ax.axvline(profile.break_even_period, color=PALETTE[4], linewidth=1.2,
                       label=f"{label('break_even', lang)}: {profile.break_even_period}")
        ax.axhline(0, color="#555555", linewidth=0.8)
        ax.set_xlabel(with_unit(label("time", lang), time_unit(None, lang), lang))
        ax.set_ylabel(with_unit(label("value_per_period", lang), currency, lang))
        ax.set_xlim(x.min() - 0.5, x.max() + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
        # below the axes and their time label, never over the bars and lines (the stage
        # names sit above the axes)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), ncols=3, fontsize=8,
                  bbox_transform=ax.transAxes + ScaledTranslation(
                      0, -_below_x_label(ax) / 72, ax.figure.dpi_scale_trans))
    return ax


def plot_cohort_heatmap(
    table: CohortTable,
    measure: str = "retention",
    ax: Axes | None = None,
    *,
    lang: str = "en",
    max_periods: int | None = None,
    annotate: bool | None = None,
    currency: str = "¥",
) -> Axes:
    """Heatmap of a cohort table: cohorts down, periods since acquisition across.

    Parameters
    ----------
    table : CohortTable
        Output of :func:`crmlib.lifecycle.cohort_table`.
    measure : {"customers", "retention", "revenue", "margin"}
        Which table to draw. Unobserved (censored) cells stay blank.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of labels.
    max_periods : int, optional
        Show only the first periods since acquisition.
    annotate : bool, optional
        Write the values in the cells; default when the table is small.
    currency : str, default "¥"
        Unit of the revenue and margin measures (the colour bar's label).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlib.lifecycle import cohort_table
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "date": ["2024-01-02", "2024-02-03",
    ...                    "2024-02-05"], "amount": [1.0, 2.0, 3.0]})
    >>> plot_cohort_heatmap(cohort_table(tx)).get_ylabel()
    'Cohort (period of first purchase)'
    """
    data = table.measure(measure)
    if max_periods is not None:
        data = data.iloc[:, :max_periods]
    if annotate is None:
        annotate = data.size <= 120
    fmt = ".0%" if measure == "retention" else (".0f" if measure == "customers" else ".2f")
    with theme_context(lang):
        ax = new_axes(ax, figsize=(8.0, 3.0 + 0.12 * len(data)))
        shown = data.copy()
        shown.index = [str(p) for p in shown.index]
        name = label(_MEASURE_LABEL[measure], lang)
        if measure in _CURRENCY_MEASURES:
            name = with_unit(name, currency, lang)
        elif measure == "retention":
            name = with_unit(name, "%", lang)
        sns.heatmap(shown, ax=ax, cmap="Blues", annot=annotate, fmt=fmt,
                    annot_kws={"fontsize": 7}, linewidths=0.3 if data.size <= 400 else 0,
                    cbar_kws={"label": name})
        if measure == "retention":  # shares drawn as percentages, as in the cells
            bar = ax.collections[0].colorbar
            bar.ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel(with_unit(label("periods_since_acquisition", lang),
                                time_unit(table.period, lang), lang))
        ax.set_ylabel(label("cohort_axis", lang))
        ax.set_title(f"{label('cohort', lang)}: {label(_MEASURE_LABEL[measure], lang)}")
        ax.grid(False)
    return ax


def plot_retention_curve(
    curve: SurvivalCurve,
    ax: Axes | None = None,
    *,
    comparison: SBGComparison | None = None,
    lang: str = "en",
) -> Axes:
    """Kaplan-Meier survival with its 95% band, the naive share, and optionally the sBG fit.

    Parameters
    ----------
    curve : SurvivalCurve
        Output of :func:`crmlib.lifecycle.retention_curve` or
        :func:`crmlib.lifecycle.kaplan_meier`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    comparison : SBGComparison, optional
        Output of :func:`crmlib.lifecycle.sbg_comparison`, drawn as a line.
    lang : {"en", "zh"}
        Language of labels.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.lifecycle import kaplan_meier
    >>> ax = plot_retention_curve(kaplan_meier([1, 2, 2, 3], [True, True, False, True]))
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('Periods since acquisition', 'Share of customers still active (%)')
    """
    t = curve.table
    with theme_context(lang):
        ax = new_axes(ax)
        x = t["time"].to_numpy(dtype=float)
        s = t["survival"].to_numpy()
        se = t["std_error"].to_numpy()
        ax.fill_between(x, np.clip(s - 1.96 * se, 0, 1), np.clip(s + 1.96 * se, 0, 1),
                        step="post", color=PALETTE[0], alpha=0.2)
        ax.step(x, s, where="post", color=PALETTE[0], label=label("kaplan_meier", lang))
        if "naive" in t:
            ax.step(x, t["naive"], where="post", color=PALETTE[3], linestyle="--",
                    label=label("naive_share", lang))
        if comparison is not None:
            c = comparison.table
            ax.plot(c.index, c["sbg"], color=PALETTE[1], marker=".",
                    label=f"{label('sbg_fit', lang)} (1–{comparison.fit_periods})")
            ax.axvline(comparison.fit_periods, color=PALETTE[1], linestyle=":", linewidth=1)
        ax.set_ylim(0, 1.02)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        since = label("periods_since_acquisition", lang)  # counts periods: its own unit
        ax.set_xlabel(since if curve.period is None else with_unit(
            since, time_unit(curve.period, lang), lang))
        ax.set_ylabel(with_unit(label("share_active", lang), "%", lang))
        ax.set_title(label("survival_curve", lang))
        ax.legend(loc="upper right")
    return ax


def plot_customer_timeline(
    stages: StageClassification, customer_id: object, ax: Axes | None = None, *,
    lang: str = "en", currency: str = "¥",
) -> Axes:
    """One customer's spend per period up to ``as_of``, titled with their stage.

    Parameters
    ----------
    stages : StageClassification
        Output of :func:`crmlib.lifecycle.classify_stage`.
    customer_id : object
        A classified customer's id.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of labels.
    currency : str, default "¥"
        Unit of the spend axis.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlib.lifecycle import classify_stage
    >>> tx = pd.DataFrame({"customer_id": ["a", "a"], "date": ["2024-01-05", "2024-03-01"],
    ...                    "amount": [9.0, 3.0]})
    >>> ax = plot_customer_timeline(classify_stage(tx), "a")
    >>> len(ax.patches)
    3
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('Period (months)', 'Spend (¥)')
    """
    history = stages.history(customer_id)
    stage = str(stages.table.loc[customer_id, "stage"])
    with theme_context(lang):
        ax = new_axes(ax)
        x = np.arange(len(history))
        ax.bar(x, history["spend"], color=_STAGE_COLOURS[stage], edgecolor=PALETTE[0])
        bought = history["purchases"].to_numpy() > 0
        ax.plot(x[bought], np.zeros(bought.sum()), linestyle="none", marker="^",
                color=PALETTE[0], label=label("purchases", lang))
        step = max(1, len(x) // 12)
        ax.set_xticks(x[::step], [str(p) for p in history.index[::step]], rotation=45,
                      ha="right", fontsize=8)
        ax.set_xlabel(with_unit(label("period", lang), time_unit(stages.freq, lang), lang))
        ax.set_ylabel(with_unit(label("spend", lang), currency, lang))
        ax.set_title(f"{label('customer', lang)} {customer_id}: {label(stage, lang)} "
                     f"({label('as_of', lang)} {stages.as_of.date()})")
        ax.legend(loc="upper right")
    return ax
