"""Customer lifetime value from a transaction model and an expected spend per purchase."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib._validation import check_array, check_integer, check_positive, check_probability
from crmlib.models._repeat_buying import ArrayLike, check_customers, wrap_output

__all__ = ["discounted_clv"]


def discounted_clv(
    transaction_model: object,
    frequency: ArrayLike,
    recency: ArrayLike,
    T: ArrayLike,
    spend: ArrayLike,
    *,
    horizon: int,
    discount_rate: float,
    period_length: float = 1.0,
    margin: float = 1.0,
) -> float | np.ndarray | pd.Series:
    r"""Discounted value of each customer's expected purchases over ``horizon`` periods.

    Parameters
    ----------
    transaction_model : BetaGeo or ParetoNBD
        A fitted model with ``conditional_expected_purchases(t, frequency, recency, T)``.
    frequency, recency, T : array-like
        RFM summary of the calibration period, in the transaction model's time unit.
    spend : array-like of float
        Expected spend per purchase of each customer (>= 0), e.g. from
        :meth:`GammaGamma.conditional_expected_spend`.
    horizon : int
        Number of discounting periods to add up (>= 1).
    discount_rate : float
        Discount rate per discounting period (>= 0), e.g. 0.01 per month.
    period_length : float, default 1.0
        Length of one discounting period in the transaction model's time
        unit (> 0): 1 when both are weeks; 52/12 for monthly periods with a
        model fitted in weeks.
    margin : float, default 1.0
        Share of spend that is profit, in (0, 1]; 1 values revenue.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        CLV per customer, in the currency of ``spend``.

    Notes
    -----
    With :math:`E[Y(t)]` the conditional expected purchases in the next
    :math:`t` time units, :math:`L` the period length, :math:`m` the margin
    and :math:`d` the discount rate, purchases in period :math:`k` are
    discounted at the end of that period:

    .. math::

        \text{CLV} = \sum_{k=1}^{H} m\,\bar z\,
        \frac{E[Y(kL)] - E[Y((k-1)L)]}{(1+d)^{k}}
    """
    if not callable(getattr(transaction_model, "conditional_expected_purchases", None)):
        raise TypeError(
            "transaction_model must be a fitted BetaGeo or ParetoNBD model; "
            f"got {type(transaction_model).__name__}"
        )
    horizon = check_integer("horizon", horizon, minimum=1)
    discount_rate = check_positive("discount_rate", discount_rate, allow_zero=True)
    period_length = check_positive("period_length", period_length)
    margin = check_probability("margin", margin, allow_zero=False)
    x, tx, age = check_customers(frequency, recency, T)
    value = check_array("spend", spend, minimum=0)
    try:
        x, tx, age, value = np.broadcast_arrays(x, tx, age, value)
    except ValueError:
        raise ValueError(
            "monetary values must have one entry per customer; "
            f"got {value.size} for {x.size} customers"
        ) from None
    total = np.zeros(x.shape)
    previous = np.zeros(x.shape)
    for k in range(1, horizon + 1):
        cumulative = np.asarray(
            transaction_model.conditional_expected_purchases(  # type: ignore[attr-defined]
                k * period_length, x, tx, age
            ),
            dtype=float,
        )
        total += margin * value * (cumulative - previous) / (1.0 + discount_rate) ** k
        previous = cumulative
    return wrap_output(total, frequency, recency, T, spend, name="clv")
