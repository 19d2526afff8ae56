"""CRM strategy 客户关系管理战略: strategy types, choosing one, goals as equity levers, CRM ROI.

Course section 6 and notebook ``08_crm_strategy``:

- :func:`strategy_types`, :func:`strategy_type`, :func:`contact_pattern` -
  Storbacka's clasp 扣钩, zipper 拉链 and Velcro 维可牢 strategies as data,
  and each one's contact pattern over time;
- :func:`recommend_strategy` - a transparent scoring of the course's choice
  factors (transaction frequency, asset specificity, contract type, the
  firm's stage, customer heterogeneity) with the reasons in words;
- :func:`strategy_components`, :func:`strategy_goals`, :func:`process_model`,
  :func:`process_checklist` - the components, the goals (more, longer,
  deeper), customer strategies, phases, and the seven-step process model
  with its monitoring loop;
- :func:`customer_base_equity`, :func:`plan_equity_change` - more / longer /
  deeper as levers on customer equity (number of customers × CLV);
- :func:`crm_roi` - CRM investment appraisal: ROI, NPV, IRR, simple and
  discounted payback and the per-year table.

Timing convention: an investment is paid at time 0 and each later period's
flows arrive at its end (time ``t``), the kit's ``"end"`` convention.
"""

from crmlib.strategy._framework import (
    ProcessModel,
    process_checklist,
    process_model,
    strategy_components,
    strategy_goals,
)
from crmlib.strategy._levers import EquityPlan, customer_base_equity, plan_equity_change
from crmlib.strategy._recommend import (
    DEFAULT_COEFFICIENTS,
    FACTOR_OPTIONS,
    FACTORS,
    StrategyRecommendation,
    factor_level,
    recommend_strategy,
)
from crmlib.strategy._roi import ROIResult, crm_roi
from crmlib.strategy._types import (
    DEFAULT_NEEDS,
    STRATEGY_KEYS,
    ContactPattern,
    StrategyType,
    contact_pattern,
    strategy_type,
    strategy_types,
)

__all__ = [
    "ContactPattern",
    "DEFAULT_COEFFICIENTS",
    "DEFAULT_NEEDS",
    "EquityPlan",
    "FACTORS",
    "FACTOR_OPTIONS",
    "ProcessModel",
    "ROIResult",
    "STRATEGY_KEYS",
    "StrategyRecommendation",
    "StrategyType",
    "contact_pattern",
    "crm_roi",
    "customer_base_equity",
    "factor_level",
    "plan_equity_change",
    "process_checklist",
    "process_model",
    "recommend_strategy",
    "strategy_components",
    "strategy_goals",
    "strategy_type",
    "strategy_types",
]
