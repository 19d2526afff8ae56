"""Customer value 客户价值: value to the customer, and the course's concept tables.

Course section 1 and notebook ``01_customer_value``:

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

Value *to* the customer (客户让渡价值, firm → customer) is not the value *of*
the customer to the firm (客户终身价值, customer → firm, :mod:`crmlib.clv`).
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
    "COST_COMPONENTS",
    "DeliveredValue",
    "KANO_ANSWERS",
    "KANO_CATEGORIES",
    "KanoCoefficients",
    "KanoSurvey",
    "OfferComparison",
    "RelationshipValue",
    "VALUE_COMPONENTS",
    "compare_offers",
    "delivered_value",
    "example_kano_earlier_counts",
    "example_kano_survey",
    "garvin_dimensions",
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
    "why_it_matters",
]
