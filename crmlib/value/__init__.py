"""Customer value 客户价值, in both directions the course keeps apart.

Value *to* the customer (客户让渡价值, firm → customer; course section 1.1,
notebook ``01_customer_value``):

- :func:`delivered_value`, :func:`compare_offers` - Kotler's customer
  delivered value 客户让渡价值 (total customer value − total customer cost,
  and the value/cost ratio), and which of several offers a customer chooses;
- :func:`relationship_value` - Ravald & Grönroos' total episode value beside
  the single-episode ratio;
- :func:`kano_category`, :func:`kano_coefficients`, :func:`kano_survey`,
  :func:`kano_from_counts`, :func:`kano_quadrant`, :func:`kano_curve` - the
  Kano model 卡诺模型 (Berger et al. 1993 table, Better/Worse);
- concept tables: :func:`value_directions`, :func:`value_hierarchy`
  (Woodruff), :func:`garvin_dimensions`, :func:`quality_stages`,
  :func:`relationship_bonds`, :func:`kano_drift_example`,
  :func:`why_it_matters`, :func:`example_kano_survey`,
  :func:`example_kano_earlier_counts`.

Value *of* the customer to the firm (customer → firm; course section 1.2,
notebook ``02_core_customers_and_segmentation``):

- :func:`gross_profit` - sales − cost of goods sold per customer (indirect
  indicator of current value 当前价值);
- :func:`activity_rates`, :func:`abc_cost_to_serve` - activity-based costing
  作业成本法: resources → activities → customers, cost to serve and profit;
- :func:`growth_potential` - growth potential 增值潜力 from share-of-wallet
  headroom and cross-selling;
- :func:`value_matrix` - current value × growth potential, the 2×2 of
  customer value segmentation 客户价值细分 with the course's action per cell.

Its lifetime form, customer lifetime value 客户终身价值, is :mod:`crmlib.clv`.
"""

from crmlib.value._concepts import (
    example_kano_earlier_counts,
    example_kano_survey,
    garvin_dimensions,
    kano_drift_example,
    quality_stages,
    relationship_bonds,
    value_directions,
    value_hierarchy,
    why_it_matters,
)
from crmlib.value._delivered import (
    COST_COMPONENTS,
    VALUE_COMPONENTS,
    DeliveredValue,
    OfferComparison,
    RelationshipValue,
    compare_offers,
    delivered_value,
    relationship_value,
)
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
from crmlib.value._kano import (
    KANO_ANSWERS,
    KANO_CATEGORIES,
    KanoCoefficients,
    KanoSurvey,
    kano_category,
    kano_coefficients,
    kano_curve,
    kano_from_counts,
    kano_quadrant,
    kano_survey,
)

__all__ = [
    "ABCResult",
    "ActivityRates",
    "COST_COMPONENTS",
    "DeliveredValue",
    "GrossProfit",
    "GrowthPotential",
    "KANO_ANSWERS",
    "KANO_CATEGORIES",
    "KanoCoefficients",
    "KanoSurvey",
    "OfferComparison",
    "QUADRANTS",
    "RelationshipValue",
    "VALUE_COMPONENTS",
    "ValueMatrix",
    "abc_cost_to_serve",
    "activity_rates",
    "compare_offers",
    "delivered_value",
    "example_kano_earlier_counts",
    "example_kano_survey",
    "garvin_dimensions",
    "gross_profit",
    "growth_potential",
    "kano_category",
    "kano_coefficients",
    "kano_curve",
    "kano_drift_example",
    "kano_from_counts",
    "kano_quadrant",
    "kano_survey",
    "quality_stages",
    "relationship_bonds",
    "relationship_value",
    "value_directions",
    "value_hierarchy",
    "value_matrix",
    "why_it_matters",
]
