"""Plotting layer of :mod:`crmlib`: every function takes ``ax=None`` and returns the ``Axes``.

Plot functions never compute model results themselves: they draw the result
objects of the core modules. ``lang="zh"`` switches titles and labels to
Chinese; the CJK font ships with the kit (see :func:`cjk_font_path`).
"""

from crmlib.plotting._axes import new_axes
from crmlib.plotting._capstone import capstone_report, plot_stage_values
from crmlib.plotting._clv import plot_clv_cashflows
from crmlib.plotting._equity import (
    plot_equity_surface,
    plot_levers,
    plot_market_shares,
    plot_markov_values,
    plot_selection,
    plot_state_distribution,
)
from crmlib.plotting._lifecycle import (
    plot_cohort_heatmap,
    plot_customer_timeline,
    plot_lifecycle_profile,
    plot_retention_curve,
)
from crmlib.plotting._loyalty import (
    plot_ahp_weights,
    plot_hierarchy_weights,
    plot_loyalty_scores,
    plot_relationship_model,
)
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
from crmlib.plotting._strategy import (
    plot_contact_patterns,
    plot_equity_levers,
    plot_process_model,
    plot_roi_cashflows,
    plot_strategy_scores,
)
from crmlib.plotting._theme import (
    CJK_FONT_FAMILY,
    PALETTE,
    cjk_font_path,
    set_theme,
    theme_context,
    theme_rc,
)
from crmlib.plotting._value import (
    plot_delivered_value,
    plot_kano_coefficients,
    plot_kano_drift,
    plot_value_hierarchy,
)

__all__ = [
    "CJK_FONT_FAMILY",
    "PALETTE",
    "capstone_report",
    "cjk_font_path",
    "new_axes",
    "plot_ahp_weights",
    "plot_calibration_holdout",
    "plot_clv_cashflows",
    "plot_cohort_heatmap",
    "plot_contact_patterns",
    "plot_cumulative_transactions",
    "plot_customer_timeline",
    "plot_delivered_value",
    "plot_equity_levers",
    "plot_equity_surface",
    "plot_frequency_recency_matrix",
    "plot_hierarchy_weights",
    "plot_kano_coefficients",
    "plot_kano_drift",
    "plot_levers",
    "plot_lifecycle_profile",
    "plot_loyalty_scores",
    "plot_market_shares",
    "plot_markov_values",
    "plot_pareto_curve",
    "plot_period_transactions",
    "plot_probability_alive_matrix",
    "plot_process_model",
    "plot_relationship_model",
    "plot_retention_curve",
    "plot_rfm_grid",
    "plot_rfm_segments",
    "plot_roi_cashflows",
    "plot_sbg_retention",
    "plot_sbg_survival",
    "plot_selection",
    "plot_stage_values",
    "plot_state_distribution",
    "plot_strategy_scores",
    "plot_value_hierarchy",
    "plot_value_matrix",
    "set_theme",
    "theme_context",
    "theme_rc",
]
