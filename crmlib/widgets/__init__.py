"""Interactive "Try it" widgets: explicit controls → core library → plot.

Every widget follows :class:`TryIt`: the latest result is ``.result``, a bad
input shows its message inside the widget (``.error``), and sliders recompute
only when released.
"""

from crmlib.widgets._base import TryIt, bounded
from crmlib.widgets._capstone import CapstoneRun, CapstoneUploader, capstone_uploader
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
from crmlib.widgets._lifecycle import (
    CohortExplorer,
    ProfitCurveExplorer,
    StageBrowser,
    cohort_explorer,
    profit_curve_explorer,
    stage_browser,
)
from crmlib.widgets._loyalty import (
    AHPWorkbench,
    LoyaltyCalculator,
    LoyaltyView,
    RelationshipExplorer,
    RelationshipView,
    ahp_workbench,
    loyalty_calculator,
    relationship_explorer,
)
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
from crmlib.widgets._strategy import (
    EquityPlanner,
    ROICalculator,
    StrategyAdvisor,
    equity_planner,
    roi_calculator,
    strategy_advisor,
)
from crmlib.widgets._value import (
    DeliveredValueBuilder,
    KanoExplorer,
    KanoView,
    delivered_value_builder,
    kano_explorer,
)

__all__ = [
    "AHPWorkbench",
    "BudgetExplorer",
    "BudgetView",
    "CLVCalculator",
    "CapstoneRun",
    "CapstoneUploader",
    "CohortExplorer",
    "CustomerExplorer",
    "CustomerView",
    "DeliveredValueBuilder",
    "EquityPlanner",
    "KanoExplorer",
    "KanoView",
    "LeverExplorer",
    "LoyaltyCalculator",
    "LoyaltyView",
    "MarkovEditor",
    "MarkovView",
    "PortfolioChooser",
    "ProfitCurveExplorer",
    "RFMExplorer",
    "ROICalculator",
    "RelationshipExplorer",
    "RelationshipView",
    "RetentionProjection",
    "RetentionProjector",
    "StageBrowser",
    "StrategyAdvisor",
    "TryIt",
    "ValueMatrixExplorer",
    "ahp_workbench",
    "bounded",
    "budget_explorer",
    "capstone_uploader",
    "clv_calculator",
    "cohort_explorer",
    "customer_explorer",
    "delivered_value_builder",
    "equity_planner",
    "kano_explorer",
    "lever_explorer",
    "loyalty_calculator",
    "markov_editor",
    "portfolio_chooser",
    "profit_curve_explorer",
    "relationship_explorer",
    "retention_projector",
    "rfm_explorer",
    "roi_calculator",
    "stage_browser",
    "strategy_advisor",
    "value_matrix_explorer",
]
