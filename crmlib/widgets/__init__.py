"""Interactive "Try it" widgets: explicit controls → core library → plot.

Every widget follows :class:`TryIt`: the latest result is ``.result``, a bad
input shows its message inside the widget (``.error``), and sliders recompute
only when released.
"""

from crmlib.widgets._base import TryIt
from crmlib.widgets._clv import CLVCalculator, clv_calculator
from crmlib.widgets._models import (
    CustomerExplorer,
    CustomerView,
    RetentionProjection,
    RetentionProjector,
    customer_explorer,
    retention_projector,
)
from crmlib.widgets._segmentation import (
    RFMExplorer,
    ValueMatrixExplorer,
    rfm_explorer,
    value_matrix_explorer,
)

__all__ = [
    "CLVCalculator",
    "CustomerExplorer",
    "CustomerView",
    "RFMExplorer",
    "RetentionProjection",
    "RetentionProjector",
    "TryIt",
    "ValueMatrixExplorer",
    "clv_calculator",
    "customer_explorer",
    "retention_projector",
    "rfm_explorer",
    "value_matrix_explorer",
]
