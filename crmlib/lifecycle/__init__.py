"""The customer lifecycle 客户生命周期: stages, profit curve, cohorts, retention, customer stages.

Course section 2 and notebook ``03_customer_lifecycle``:

- :func:`stage_table`, :func:`ladder_table`, :data:`VARIANT_STAGE_NAMES` - the
  four-stage model (考察期, 形成期, 稳定期, 退化期) and the relationship ladder
  (初始客户 → 会员客户 → 核心客户 → 倡导者) as data, in both languages;
- :func:`lifecycle_profile` - the lifecycle profit curve: revenue, cost and
  profit per period, break-even, cumulative (discounted) profit, early end;
- :func:`cohort_table` - acquisition cohorts × periods since acquisition;
- :func:`kaplan_meier`, :func:`retention_curve`, :func:`sbg_comparison` -
  survival from acquisition with right-censoring, and the sBG projection;
- :func:`classify_stage`, :func:`stage_summary`, :func:`ladder_position` -
  each customer's stage and rung now, with the reason in words.
"""

from crmlib.lifecycle._classify import StageClassification, classify_stage, stage_summary
from crmlib.lifecycle._cohorts import CohortTable, cohort_table
from crmlib.lifecycle._ladder import ladder_position
from crmlib.lifecycle._profile import LifecycleProfile, lifecycle_profile
from crmlib.lifecycle._stages import (
    LADDER,
    STAGES,
    VARIANT_STAGE_NAMES,
    ladder_table,
    stage_table,
)
from crmlib.lifecycle._survival import (
    SBGComparison,
    SurvivalCurve,
    kaplan_meier,
    retention_curve,
    sbg_comparison,
)

__all__ = [
    "CohortTable",
    "LADDER",
    "LifecycleProfile",
    "SBGComparison",
    "STAGES",
    "StageClassification",
    "SurvivalCurve",
    "VARIANT_STAGE_NAMES",
    "classify_stage",
    "cohort_table",
    "kaplan_meier",
    "ladder_position",
    "ladder_table",
    "lifecycle_profile",
    "retention_curve",
    "sbg_comparison",
    "stage_summary",
    "stage_table",
]
