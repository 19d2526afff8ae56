"""Loyalty measurement 客户忠诚度测评: indicators, the course procedure, AHP, relationship quality.

Course section 5 and notebook ``07_loyalty_measurement``:

- :func:`loyalty_indicators`, :func:`net_promoter_score` - relationship
  duration, repeat purchases, purchase frequency, share of wallet (荷包份额)
  and churn from a transaction log; NPS from survey answers;
- :func:`pairwise_matrix`, :func:`ahp`, :func:`random_index` - the
  Analytic Hierarchy Process (层次分析法) for one judgement matrix: weights,
  :math:`\\lambda_{\\max}`, CI, CR and the judgement to revise;
- :func:`ahp_hierarchy` - total ranking (层次总排序) of a goal → criteria →
  alternatives hierarchy and its total consistency ratio;
- :func:`objective_loyalty`, :func:`normalise_by_max`,
  :func:`subjective_loyalty`, :func:`loyalty_index`, :func:`loyalty_scores`
  - the course's five steps, for one customer or a whole table;
- :func:`morgan_hunt_model` - trust and commitment in Morgan & Hunt's
  key-mediating-variable model, with the sign of every path;
- :func:`example_customer_base` - an illustrative customer base for the
  procedure.

Conventions: weights are shares summing to 1 and are never rescaled
silently; every value of the procedure (objective, subjective, loyalty)
lies between 0 and 1; a judgement :math:`a_{ij} > 1` means item ``i`` is
more important than item ``j``.
"""

from crmlib.loyalty._ahp import (
    CR_THRESHOLD,
    RANDOM_INDEX,
    SAATY_SCALE,
    AHPResult,
    ahp,
    pairwise_matrix,
    random_index,
)
from crmlib.loyalty._example import CRITERIA, FACTORS, LoyaltyExample, example_customer_base
from crmlib.loyalty._hierarchy import HierarchyResult, ahp_hierarchy
from crmlib.loyalty._indicators import (
    LoyaltyIndicators,
    NPSResult,
    loyalty_indicators,
    net_promoter_score,
)
from crmlib.loyalty._procedure import (
    LoyaltyScores,
    loyalty_index,
    loyalty_scores,
    normalise_by_max,
    objective_loyalty,
    subjective_loyalty,
)
from crmlib.loyalty._relationship import (
    COMMITMENT_DIMENSIONS,
    MORGAN_HUNT_PATHS,
    TRUST_LEVELS,
    RelationshipModel,
    morgan_hunt_model,
)

__all__ = [
    "AHPResult",
    "COMMITMENT_DIMENSIONS",
    "CRITERIA",
    "CR_THRESHOLD",
    "FACTORS",
    "HierarchyResult",
    "LoyaltyExample",
    "LoyaltyIndicators",
    "LoyaltyScores",
    "MORGAN_HUNT_PATHS",
    "NPSResult",
    "RANDOM_INDEX",
    "RelationshipModel",
    "SAATY_SCALE",
    "TRUST_LEVELS",
    "ahp",
    "ahp_hierarchy",
    "example_customer_base",
    "loyalty_index",
    "loyalty_indicators",
    "loyalty_scores",
    "morgan_hunt_model",
    "net_promoter_score",
    "normalise_by_max",
    "objective_loyalty",
    "pairwise_matrix",
    "random_index",
    "subjective_loyalty",
]
