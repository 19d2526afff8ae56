"""Customer value 客户价值: value of the customer to the firm.

Course section 1.2 and notebook ``02_core_customers_and_segmentation``:

- :func:`gross_profit` - sales − cost of goods sold per customer (indirect
  indicator of current value 当前价值);
- :func:`activity_rates`, :func:`abc_cost_to_serve` - activity-based costing
  作业成本法: resources → activities → customers, cost to serve and profit;
- :func:`growth_potential` - growth potential 增值潜力 from share-of-wallet
  headroom and cross-selling;
- :func:`value_matrix` - current value × growth potential, the 2×2 of
  customer value segmentation 客户价值细分 with the course's action per cell.
"""

from crmlib.value._firm import (
    QUADRANTS,
    ABCResult,
    ActivityRates,
    GrossProfit,
    GrowthPotential,
    ValueMatrix,
    abc_cost_to_serve,
    activity_rates,
    gross_profit,
    growth_potential,
    value_matrix,
)

__all__ = [
    "ABCResult",
    "ActivityRates",
    "GrossProfit",
    "GrowthPotential",
    "QUADRANTS",
    "ValueMatrix",
    "abc_cost_to_serve",
    "activity_rates",
    "gross_profit",
    "growth_potential",
    "value_matrix",
]
