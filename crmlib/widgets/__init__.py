"""Interactive "Try it" widgets: explicit controls → core library → plot.

Every widget follows :class:`TryIt`: the latest result is ``.result``, a bad
input shows its message inside the widget (``.error``), and sliders recompute
only when released.
"""

from crmlib.widgets._base import TryIt, bounded
from crmlib.widgets._clv import CLVCalculator, clv_calculator
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
    "CustomerExplorer",
    "CustomerView",
    "RetentionProjection",
    "RetentionProjector",
    "TryIt",
    "bounded",
    "clv_calculator",
    "customer_explorer",
    "retention_projector",
]
