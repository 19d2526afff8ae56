"""Interactive "Try it" widgets: explicit controls → core library → plot.

Every widget follows :class:`TryIt`: the latest result is ``.result``, a bad
input shows its message inside the widget (``.error``), and sliders recompute
only when released.
"""

from crmlib.widgets._base import TryIt
from crmlib.widgets._clv import CLVCalculator, clv_calculator
from crmlib.widgets._lifecycle import (
    CohortExplorer,
    ProfitCurveExplorer,
    StageBrowser,
    cohort_explorer,
    profit_curve_explorer,
    stage_browser,
)
from crmlib.widgets._models import (
    CustomerExplorer,
    CustomerView,
    RetentionProjection,
    RetentionProjector,
    customer_explorer,
    retention_projector,
)

__all__ = [
    "CLVCalculator",
    "CohortExplorer",
    "CustomerExplorer",
    "CustomerView",
    "ProfitCurveExplorer",
    "RetentionProjection",
    "RetentionProjector",
    "StageBrowser",
    "TryIt",
    "clv_calculator",
    "cohort_explorer",
    "customer_explorer",
    "profit_curve_explorer",
    "retention_projector",
    "stage_browser",
]
