"""Finding core customers 核心客户识别: ABC / Pareto, RFM, core-customer rule, value assessment.

Course section 1.4-1.5 and notebook ``02_core_customers_and_segmentation``:

- :func:`pareto_abc` - ABC classes by cumulative value share (80/20), the
  concentration (Lorenz) curve and the Gini coefficient;
- :func:`rfm_scores` - RFM quantile scores, higher is better on every axis
  (the most recent buyers get the highest R score); accepts the output of
  :func:`crmlib.transactions.rfm_summary`;
- :func:`rfm_segments` - the eight-class scheme (重要价值客户 ... 一般挽留客户)
  and the named segments (champions, at risk ...);
- :func:`rfm_grid` - customers (or mean value) per R × F cell;
- :func:`core_customers` - value plus frequency, loyalty and potential
  signals, with each customer's reason;
- :func:`segment_indicators` - financial and non-financial indicators per
  segment (CLV, CAC, profit contribution; satisfaction, loyalty, churn,
  influence).

Convention: "high" means strictly above the threshold or split line,
everywhere in this module and in :func:`crmlib.value.value_matrix`.
"""

from crmlib.segmentation._core import CoreCustomers, core_customers, segment_indicators
from crmlib.segmentation._pareto import ParetoResult, pareto_abc
from crmlib.segmentation._rfm import (
    EIGHT_CLASSES,
    NAMED_SEGMENTS,
    RFMSegments,
    rfm_grid,
    rfm_scores,
    rfm_segments,
)

__all__ = [
    "CoreCustomers",
    "EIGHT_CLASSES",
    "NAMED_SEGMENTS",
    "ParetoResult",
    "RFMSegments",
    "core_customers",
    "pareto_abc",
    "rfm_grid",
    "rfm_scores",
    "rfm_segments",
    "segment_indicators",
]
