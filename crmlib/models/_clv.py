"""Customer lifetime value from a transaction model and an expected spend per purchase."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmlib._validation import (
    check_array,
    check_integer,
    check_positive,
    check_probability,
    check_results_finite,
)
from crmlib.models._repeat_buying import ArrayLike, check_customers, wrap_output

__all__ = ["MAX_HORIZON", "discounted_clv"]

#: the transaction model is evaluated once per discounting period
MAX_HORIZON = 100_000


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
    what: str = "discounted_clv",
    inputs: Mapping[str, object] | None = None,
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
        Number of discounting periods to add up (1 to 100,000).
    discount_rate : float
        Discount rate per discounting period (>= 0), e.g. 0.01 per month.
    period_length : float, default 1.0
        Length of one discounting period in the transaction model's time
        unit (> 0): 1 when both are weeks; 52/12 for monthly periods with a
        model fitted in weeks.
    margin : float, default 1.0
        Share of spend that is profit, in (0, 1]; 1 values revenue.
    what, inputs : str and dict, optional
        The public name and arguments a caller computes this for, named in the
        error when the value would not be a finite number.

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
    shown = dict(inputs) if inputs is not None else {
        "frequency": frequency, "recency": recency, "T": T, "spend": spend, "horizon": horizon,
        "discount_rate": discount_rate, "period_length": period_length, "margin": margin}
    given_horizon = horizon
    horizon = check_integer("horizon", horizon, minimum=1)
    if horizon > MAX_HORIZON:
        raise ValueError(f"horizon must be at most {MAX_HORIZON} periods (the transaction model "
                         f"is evaluated once per period); got {given_horizon!r}")
    discount_rate = check_positive("discount_rate", discount_rate, allow_zero=True)
    period_length = check_positive("period_length", period_length)
    if not np.isfinite(horizon * period_length):
        raise ValueError(
            "period_length must keep horizon x period_length a finite time; got "
            f"period_length={period_length:g} with horizon={horizon}")
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
        # (1 + d)^-k as exp(-k log(1 + d)): 0 rather than an overflow for a huge rate
        with np.errstate(over="ignore", invalid="ignore"):  # refused below if not finite
            total += (margin * value * (cumulative - previous)
                      * np.exp(-k * np.log1p(discount_rate)))
        previous = cumulative
    check_results_finite(what, {"CLV": total}, shown)
    return wrap_output(total, frequency, recency, T, spend, name="clv")
