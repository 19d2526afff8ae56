"""Plotting layer of :mod:`crmlib`: every function takes ``ax=None`` and returns the ``Axes``.

Plot functions never compute model results themselves: they draw the result
objects of the core modules. ``lang="zh"`` switches titles and labels to
Chinese; the CJK font ships with the kit (see :func:`cjk_font_path`).
"""

from crmlib.plotting._axes import new_axes
from crmlib.plotting._clv import plot_clv_cashflows
from crmlib.plotting._models import plot_frequency_recency_matrix, plot_probability_alive_matrix
from crmlib.plotting._models_fit import plot_calibration_holdout, plot_period_transactions
from crmlib.plotting._models_sbg import plot_sbg_retention, plot_sbg_survival
from crmlib.plotting._models_tracking import plot_cumulative_transactions
from crmlib.plotting._segmentation import (
    plot_pareto_curve,
    plot_rfm_grid,
    plot_rfm_segments,
    plot_value_matrix,
)
from crmlib.plotting._theme import (
    CJK_FONT_FAMILY,
    PALETTE,
    cjk_font_path,
    set_theme,
    theme_context,
    theme_rc,
)

__all__ = [
    "CJK_FONT_FAMILY",
    "PALETTE",
    "cjk_font_path",
    "new_axes",
    "plot_calibration_holdout",
    "plot_clv_cashflows",
    "plot_cumulative_transactions",
    "plot_frequency_recency_matrix",
    "plot_pareto_curve",
    "plot_period_transactions",
    "plot_probability_alive_matrix",
    "plot_rfm_grid",
    "plot_rfm_segments",
    "plot_sbg_retention",
    "plot_sbg_survival",
    "plot_value_matrix",
    "set_theme",
    "theme_context",
    "theme_rc",
]
