"""The capstone 综合案例: one firm's transaction log analysed from start to finish.

Notebook ``09_capstone`` and :func:`analyse_customer_base` tie the course
together, each step one call into the topic's own module:

1. the data: :func:`crmlib.transactions.read_transactions` (rows kept and
   rows rejected, with the reasons);
2. value and segments: :func:`crmlib.segmentation.pareto_abc`,
   :func:`~crmlib.segmentation.rfm_scores`, :func:`~crmlib.segmentation.rfm_segments`
   (notebook 02);
3. lifecycle stages: :func:`crmlib.lifecycle.classify_stage`,
   :func:`~crmlib.lifecycle.stage_summary` (notebook 03);
4. CLV per customer: :class:`crmlib.models.BetaGeo` and
   :class:`~crmlib.models.GammaGamma` with a margin, discounting and a stated
   horizon (notebooks 04 and 05);
5. customer equity: :func:`crmlib.equity.customer_equity` (notebook 06);
6. loyalty from behaviour: :func:`crmlib.loyalty.loyalty_indicators`,
   :func:`~crmlib.loyalty.objective_loyalty` (notebook 07), and core
   customers :func:`crmlib.segmentation.core_customers` (notebook 02);
7. strategy and ROI: :func:`crmlib.strategy.recommend_strategy`,
   :func:`~crmlib.strategy.plan_equity_change`, :func:`~crmlib.strategy.crm_roi`
   (notebook 08).

What the data cannot give (margin rate, discount rate, the CRM plan and its
costs, the firm's own strategic factors) are named parameters with stated
defaults, listed in the result's ``assumptions`` table.
"""

from crmlib.capstone._analysis import (
    MIN_CUSTOMERS,
    MIN_REPEAT_CUSTOMERS,
    CustomerBaseAnalysis,
    TooFewCustomersError,
    analyse_customer_base,
)

__all__ = [
    "CustomerBaseAnalysis",
    "MIN_CUSTOMERS",
    "MIN_REPEAT_CUSTOMERS",
    "TooFewCustomersError",
    "analyse_customer_base",
]
