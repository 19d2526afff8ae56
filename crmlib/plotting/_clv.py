"""Plots for the CLV topic (notebook 04)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes

from crmlib._validation import check_integer
from crmlib.i18n import label
from crmlib.plotting._axes import new_axes, time_unit, with_unit
from crmlib.plotting._theme import PALETTE, theme_context

if TYPE_CHECKING:
    from crmlib.clv import CLVResult

__all__ = ["plot_clv_cashflows"]


def plot_clv_cashflows(
    result: CLVResult,
    ax: Axes | None = None,
    *,
    lang: str = "en",
    max_periods: int = 40,
    currency: str = "¥",
    period: str | None = None,
) -> Axes:
    """Bar chart of each period's discounted cash flow with the cumulative value as a line.

    Parameters
    ----------
    result : CLVResult
        Output of :func:`crmlib.clv.retention_clv` or :func:`crmlib.clv.discounted_clv`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of titles and labels.
    max_periods : int, default 40
        Show at most this many periods (at least 1) (an infinite horizon is cut here; the
        title still reports the full value).
    currency : str, default "¥"
        Unit of the value axis.
    period : {"D", "W", "M", "Q", "Y"}, optional
        Length of one period, shown on the time axis ("Time (years)");
        default: periods, as long as the margin's period ("Time (periods)").

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from crmlib.clv import retention_clv
    >>> ax = plot_clv_cashflows(retention_clv(100, 0.8, 0.1, periods=5))
    >>> len(ax.patches)
    5
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('Time (periods)', 'Value (¥)')
    """
    from crmlib.clv import CLVResult

    if not isinstance(result, CLVResult):
        raise TypeError(
            "result must be a CLVResult (the output of retention_clv, discounted_clv or "
            f"simple_clv); got {type(result).__name__}"
        )
    shown = check_integer("max_periods", max_periods, minimum=1)
    unit = time_unit(period, lang, "period")
    table = result.cashflows.head(shown)
    with theme_context(lang):
        ax = new_axes(ax)
        x = table["period"].to_numpy()
        ax.bar(x, table["present_value"], color=PALETTE[0], alpha=0.8,
               label=label("present_value", lang))
        ax.plot(x, table["cumulative_value"], color=PALETTE[1], marker="o", markersize=3,
                label=label("cumulative_value", lang))
        ax.axhline(result.value, color=PALETTE[2], linestyle="--", linewidth=1,
                   label=f"{label('clv', lang)} = {result.value:,.2f}")
        ax.set_xlabel(with_unit(label("time", lang), unit, lang))
        ax.set_ylabel(with_unit(label("value", lang), currency, lang))
        ax.set_title(f"{label('clv', lang)}: {result.value:,.2f}")
        if len(x) and np.all(x == np.round(x)):
            ax.xaxis.get_major_locator().set_params(integer=True)
        # below the axes, never over the bars (the Chinese labels are wider)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize="small",
                  frameon=False)
    return ax
