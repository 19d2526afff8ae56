"""The three drivers of customer equity (Rust, Lemon & Zeithaml) as a scorecard."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._validation import check_finite, check_positive

__all__ = ["DRIVERS", "ScorecardResult", "driver_scorecard"]

#: The three drivers: value equity 价值资产, brand equity 品牌资产, relationship equity 关系资产.
DRIVERS = ("value", "brand", "relationship")


@dataclass(frozen=True, eq=False)
class ScorecardResult:
    """Driver scorecard: weighted ratings and where an improvement pays most.

    Attributes
    ----------
    value : float
        Overall score: the importance-weighted mean rating (on the rating scale).
    table : pandas.DataFrame
        Indexed by driver: ``rating``, ``importance`` (as given), ``weight``
        (importance normalised to sum to 1), ``score`` (weight × rating),
        ``headroom`` (weight × (scale_max − rating): what the overall score
        gains if the driver reaches the top of the scale).
    invest_in : str
        The driver with the largest headroom.
    scale : tuple of float
        The rating scale (lowest, highest).
    inputs : dict
        The arguments.
    """

    value: float
    table: pd.DataFrame = field(repr=False)
    invest_in: str
    scale: tuple[float, float]
    inputs: Mapping[str, Any] = field(repr=False)

    def __repr__(self) -> str:
        return f"ScorecardResult(value={self.value:.2f}, invest_in={self.invest_in!r})"

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the table of drivers."""
        return self.table.copy()


def _by_driver(name: str, values: object) -> dict[str, float]:
    if not isinstance(values, Mapping):
        raise TypeError(
            f"{name} must map each driver ({', '.join(DRIVERS)}) to a number; "
            f"got {type(values).__name__}"
        )
    keys = set(values)
    if keys != set(DRIVERS):
        missing = sorted(set(DRIVERS) - keys)
        unknown = sorted(map(str, keys - set(DRIVERS)))
        raise ValueError(
            f"{name} must give exactly the drivers {', '.join(DRIVERS)}; "
            f"missing {missing or 'none'}, unknown {unknown or 'none'}"
        )
    return {k: check_finite(f"{name}[{k!r}]", values[k]) for k in DRIVERS}


def driver_scorecard(
    ratings: Mapping[str, float],
    importance: Mapping[str, float],
    *,
    scale: tuple[float, float] = (1.0, 7.0),
) -> ScorecardResult:
    """Score a firm on value, brand and relationship equity and say which driver to invest in.

    Parameters
    ----------
    ratings : mapping
        Customers' mean rating of the firm on each driver, ``{"value": ...,
        "brand": ..., "relationship": ...}``, within ``scale``.
    importance : mapping
        Importance of each driver in the industry (0 or more, not all 0; any
        unit: they are normalised), e.g. from a regression of customer
        equity (or repurchase intention) on the driver ratings.
    scale : (float, float), default (1, 7)
        Lowest and highest possible rating.

    Returns
    -------
    ScorecardResult
        Weighted scores, overall score and the driver to invest in.

    Notes
    -----
    With weights :math:`w_j = I_j / \\sum_k I_k` and ratings :math:`x_j`
    on a scale with top :math:`x_{max}`:

    .. math::

        S = \\sum_{j} w_j\\,x_j, \\qquad
        \\text{headroom}_j = w_j\\,(x_{max} - x_j).

    The driver with the largest headroom is where an improvement raises the
    overall score most: an important driver that is rated low. Industries
    weigh the drivers differently (value equity where products are compared
    on price and quality, brand equity for low-involvement goods bought on
    image, relationship equity where switching is costly and loyalty
    programmes work), so the same ratings can point to different drivers.

    References
    ----------
    Rust, R. T., Zeithaml, V. A., & Lemon, K. N. (2000). *Driving Customer
    Equity: How Customer Lifetime Value Is Reshaping Corporate Strategy*.
    Free Press.

    Rust, R. T., Lemon, K. N., & Zeithaml, V. A. (2004). Return on marketing:
    Using customer equity to focus marketing strategy. *Journal of
    Marketing*, 68(1), 109-127.

    Examples
    --------
    >>> res = driver_scorecard({"value": 5, "brand": 6, "relationship": 3},
    ...                        {"value": 2, "brand": 1, "relationship": 1})
    >>> res.value  # (2 x 5 + 6 + 3) / 4
    4.75
    >>> res.invest_in  # headroom 0.5 x 2 = 1, 0.25 x 1, 0.25 x 4 = 1 -> tie, first listed wins
    'value'
    """
    if not (isinstance(scale, tuple) and len(scale) == 2):
        raise TypeError(f"scale must be a pair (lowest, highest); got {scale!r}")
    low, high = check_finite("scale[0]", scale[0]), check_finite("scale[1]", scale[1])
    if not low < high:
        raise ValueError(f"scale must run from a lower to a higher rating; got {scale!r}")
    x = _by_driver("ratings", ratings)
    imp = _by_driver("importance", importance)
    for k in DRIVERS:
        if not low <= x[k] <= high:
            raise ValueError(
                f"ratings[{k!r}] must be on the scale from {low:g} to {high:g}; got {x[k]:g}"
            )
        check_positive(f"importance[{k!r}]", imp[k], allow_zero=True)
    total = sum(imp.values())
    if total == 0:
        raise ValueError("importance must not be 0 for every driver; got all 0")
    table = pd.DataFrame(
        {"rating": [x[k] for k in DRIVERS], "importance": [imp[k] for k in DRIVERS]},
        index=pd.Index(DRIVERS, name="driver"),
    )
    table["weight"] = table["importance"] / total
    table["score"] = table["weight"] * table["rating"]
    table["headroom"] = table["weight"] * (high - table["rating"])
    best = str(table.index[int(np.argmax(table["headroom"].to_numpy()))])
    return ScorecardResult(
        value=float(table["score"].sum()),
        table=table,
        invest_in=best,
        scale=(low, high),
        inputs={"ratings": x, "importance": imp, "scale": (low, high)},
    )
