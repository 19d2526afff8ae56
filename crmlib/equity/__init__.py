"""Customer equity 客户资产: from customer lifetime values to the value of a customer base.

Course section 4 and notebook ``06_customer_equity``:

- :func:`customer_equity` - the sum of the discounted lifetime values of the
  current customers (or segment sizes × segment CLV), optionally with future
  cohorts of acquired customers;
- :func:`firm_value`, :func:`equity_sensitivity` - a firm valued from its
  customers (Gupta, Lehmann & Stuart 2004) and the effect of a 1%
  improvement in retention, margin, acquisition cost and discount rate;
- :func:`prospect_equity`, :func:`optimal_spend`, :func:`equity_surface` -
  acquisition vs retention spending (Blattberg & Deighton 1996; Pfeifer 2005);
- :func:`select_customers` - the resource-constrained portfolio
  :math:`P = \\sum \\mathrm{LTV}_i` subject to :math:`\\sum CR_i \\le TR`,
  exact (integer programming) and greedy;
- :func:`markov_clv`, :func:`recency_chain`, :func:`state_distribution`,
  :func:`long_run_distribution`, :func:`brand_switching` - Markov migration
  (Pfeifer & Carraway 2000) and brand switching;
- :func:`driver_scorecard` - value, brand and relationship equity (Rust,
  Lemon & Zeithaml);
- :func:`more_longer_deeper` - the equity effect of more, longer and deeper
  relationships 多、久、深.

Conventions: all rates are per period (a period is whatever the inputs use,
usually a year); discount rates are 0 or more; "CLV" always means
discounted lifetime *profit*, never revenue.
"""

from crmlib.equity._budget import (
    BudgetResult,
    SpendOptimum,
    equity_surface,
    optimal_spend,
    prospect_equity,
)
from crmlib.equity._drivers import DRIVERS, ScorecardResult, driver_scorecard
from crmlib.equity._equity import (
    EquityResult,
    LeverResult,
    SensitivityResult,
    customer_equity,
    equity_sensitivity,
    firm_value,
    more_longer_deeper,
)
from crmlib.equity._markov import (
    MarkovChain,
    MarkovCLVResult,
    SwitchingResult,
    brand_switching,
    long_run_distribution,
    markov_clv,
    recency_chain,
    state_distribution,
)
from crmlib.equity._portfolio import SelectionResult, select_customers

__all__ = [
    "BudgetResult",
    "DRIVERS",
    "EquityResult",
    "LeverResult",
    "MarkovCLVResult",
    "MarkovChain",
    "ScorecardResult",
    "SelectionResult",
    "SensitivityResult",
    "SpendOptimum",
    "SwitchingResult",
    "brand_switching",
    "customer_equity",
    "driver_scorecard",
    "equity_sensitivity",
    "equity_surface",
    "firm_value",
    "long_run_distribution",
    "markov_clv",
    "more_longer_deeper",
    "optimal_spend",
    "prospect_equity",
    "recency_chain",
    "select_customers",
    "state_distribution",
]
