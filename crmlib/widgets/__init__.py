"""Interactive "Try it" widgets: explicit controls → core library → plot.

Every widget follows :class:`TryIt`: the latest result is ``.result``, a bad
input shows its message inside the widget (``.error``), and sliders recompute
only when released.
"""

from crmlib.widgets._base import TryIt, bounded
from crmlib.widgets._clv import CLVCalculator, clv_calculator
from crmlib.widgets._equity import (
    BudgetExplorer,
    BudgetView,
    LeverExplorer,
    MarkovEditor,
    MarkovView,
    PortfolioChooser,
    budget_explorer,
    lever_explorer,
    markov_editor,
    portfolio_chooser,
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
    "BudgetExplorer",
    "BudgetView",
    "CLVCalculator",
    "CustomerExplorer",
    "CustomerView",
    "LeverExplorer",
    "MarkovEditor",
    "MarkovView",
    "PortfolioChooser",
    "RetentionProjection",
    "RetentionProjector",
    "TryIt",
    "bounded",
    "budget_explorer",
    "clv_calculator",
    "customer_explorer",
    "lever_explorer",
    "markov_editor",
    "portfolio_chooser",
    "retention_projector",
]
