"""An illustrative customer base for the course's five-step loyalty procedure."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["CRITERIA", "FACTORS", "LoyaltyExample", "example_customer_base"]

#: Criteria of the course's subjective hierarchy (价格, 质量, 服务).
CRITERIA: tuple[str, ...] = ("price", "quality", "service")
#: Factors under every criterion (客户性质, 生产设备, 客户行为).
FACTORS: tuple[str, ...] = ("customer_nature", "production_equipment", "customer_behaviour")

_IDS = ["C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08"]
# Objective indicators: what the customer buys here (given) and in total (all suppliers).
_GIVEN = {
    "purchase_volume": [420, 150, 300, 80, 510, 220, 60, 350],
    "orders": [18, 6, 12, 3, 20, 9, 2, 15],
    "relationship_years": [6, 2, 5, 1, 8, 4, 1, 3],
}
_TOTAL = {
    "purchase_volume": [600, 500, 400, 400, 600, 550, 300, 700],
    "orders": [24, 20, 15, 12, 22, 18, 10, 25],
    "relationship_years": [8, 6, 6, 5, 8, 9, 4, 10],
}
# Subjective factor values: scores from 0 to 100 given by the account managers.
_FACTORS = {
    "customer_nature": [80, 60, 70, 40, 90, 75, 30, 65],
    "production_equipment": [70, 85, 60, 50, 80, 55, 45, 90],
    "customer_behaviour": [85, 40, 75, 35, 95, 60, 30, 55],
}


@dataclass(frozen=True, eq=False)
class LoyaltyExample:
    """Inputs of the five-step procedure for an illustrative customer base.

    Attributes
    ----------
    given, total : pandas.DataFrame
        Customers × objective indicators (``purchase_volume`` in units,
        ``orders``, ``relationship_years``): what each customer gives this
        firm and their total at all suppliers.
    indicator_weights : pandas.Series
        :math:`\\alpha_i` of the three indicators (0.5, 0.3, 0.2).
    factor_values : pandas.DataFrame
        Customers × subjective factors, scores from 0 to 100.
    criteria_judgements : list of float
        Upper triangle of the criteria matrix (price:quality, price:service,
        quality:service).
    factor_judgements : dict of str to list of float
        For each criterion, the upper triangle of the factor matrix
        (nature:equipment, nature:behaviour, equipment:behaviour).
    objective_weight : float
        :math:`\\beta` = 0.6.
    """

    given: pd.DataFrame = field(repr=False)
    total: pd.DataFrame = field(repr=False)
    indicator_weights: pd.Series = field(repr=False)
    factor_values: pd.DataFrame = field(repr=False)
    criteria_judgements: list[float] = field(repr=False)
    factor_judgements: dict[str, list[float]] = field(repr=False)
    objective_weight: float = 0.6

    def __repr__(self) -> str:
        return (f"LoyaltyExample({len(self.given)} customers, "
                f"{self.given.shape[1]} objective indicators, "
                f"{self.factor_values.shape[1]} subjective factors)")


def example_customer_base() -> LoyaltyExample:
    """Inputs for the course's five loyalty steps on eight business customers.

    The numbers are illustrative, made for the kit (not taken from a
    source); the structure (objective shares :math:`S_i / T_i`, the
    price / quality / service hierarchy over customer nature, production
    equipment and customer behaviour, the blend) is the course's.

    Parameters
    ----------
    None

    Returns
    -------
    LoyaltyExample
        Fresh copies on every call; change them freely.

    Notes
    -----
    Each objective share :math:`S_i / T_i` lies between 0 and 1 (what a
    customer buys here never exceeds their total).

    References
    ----------
    Course material (客户忠诚度测评: the five-step procedure and its
    hierarchy goal → price, quality, service → customer nature, production
    equipment, customer behaviour).

    Examples
    --------
    >>> ex = example_customer_base()
    >>> ex
    LoyaltyExample(8 customers, 3 objective indicators, 3 subjective factors)
    >>> ex.given.loc["C01"].tolist(), ex.total.loc["C01"].tolist()
    ([420, 18, 6], [600, 24, 8])
    """
    index = pd.Index(_IDS, name="customer_id")
    return LoyaltyExample(
        given=pd.DataFrame(_GIVEN, index=index),
        total=pd.DataFrame(_TOTAL, index=index),
        indicator_weights=pd.Series([0.5, 0.3, 0.2], index=list(_GIVEN), name="weight"),
        factor_values=pd.DataFrame(_FACTORS, index=index),
        criteria_judgements=[1 / 2, 3, 5],
        factor_judgements={
            "price": [1 / 3, 1 / 5, 1 / 2],
            "quality": [1 / 4, 1 / 2, 3],
            "service": [1 / 2, 1 / 4, 1 / 3],
        },
        objective_weight=0.6,
    )
