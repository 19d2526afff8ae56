"""Acquisition vs retention spending: the Blattberg & Deighton (1996) customer equity test."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from crmlib._messages import Message
from crmlib._validation import (
    check_finite,
    check_integer,
    check_positive,
    check_probability,
    check_results_finite,
    finite_or_naming,
)
from crmlib.clv._formulas import check_discount_rate

__all__ = ["BudgetResult", "SpendOptimum", "equity_surface", "optimal_spend", "prospect_equity"]


@dataclass(frozen=True, eq=False)
class BudgetResult:
    """Customer equity per prospect for given acquisition and retention spending.

    Attributes
    ----------
    value : float
        Customer equity per prospect (currency).
    acquisition_rate, retention_rate : float
        The rates :math:`a` and :math:`r` the spending buys.
    customer_value : float
        Value of a customer at the moment of acquisition, :math:`L` (margin
        now, later margins net of retention spending).
    acquisition_spend, retention_spend : float
        The inputs :math:`A` (per prospect) and :math:`R` (per customer per
        period).
    inputs : dict
        The arguments.
    """

    value: float
    acquisition_rate: float
    retention_rate: float
    customer_value: float
    acquisition_spend: float
    retention_spend: float
    inputs: Mapping[str, Any] = field(repr=False)

    def __post_init__(self) -> None:
        check_results_finite(
            "prospect_equity",
            {
                "value": self.value,
                "customer_value": self.customer_value,
                "acquisition_rate": self.acquisition_rate,
                "retention_rate": self.retention_rate,
            },
            self.inputs,
        )

    def __repr__(self) -> str:
        return (
            f"BudgetResult(value={self.value:.2f}, acquisition_rate={self.acquisition_rate:.3f}, "
            f"retention_rate={self.retention_rate:.3f})"
        )

    def to_frame(self) -> pd.DataFrame:
        """Return the result as a one-row DataFrame."""
        keys = ("value", "acquisition_rate", "retention_rate", "customer_value",
                "acquisition_spend", "retention_spend")
        return pd.DataFrame([{k: getattr(self, k) for k in keys}])


def _check_response(
    a_ceiling: object, k1: object, r_ceiling: object, k2: object
) -> tuple[float, float, float, float]:
    a_c = check_probability("acquisition_ceiling", a_ceiling, allow_zero=False)
    r_c = check_probability(
        "retention_ceiling", r_ceiling, allow_zero=False, allow_one=False,
        hint=Message("hint_sure_to_stay"),
    )
    return a_c, check_positive("k1", k1), r_c, check_positive("k2", k2)


def _rates(A: float, R: float, a_c: float, k1: float, r_c: float, k2: float) -> tuple[float, float]:
    return a_c * -math.expm1(-k1 * A), r_c * -math.expm1(-k2 * R)


def _customer_value(m: float, r: float, R: float, d: float) -> float:
    return (m * (1.0 + d) - R) / (1.0 + d - r)


def prospect_equity(
    acquisition_spend: float,
    retention_spend: float,
    *,
    margin: float,
    acquisition_ceiling: float,
    k1: float,
    retention_ceiling: float,
    k2: float,
    discount_rate: float,
) -> BudgetResult:
    """Customer equity per prospect from acquisition and retention spending (Blattberg & Deighton).

    Parameters
    ----------
    acquisition_spend : float
        Acquisition spending per prospect :math:`A` (currency, 0 or more).
    retention_spend : float
        Retention spending per customer per period :math:`R` (currency, 0 or
        more).
    margin : float
        Margin per customer per period :math:`m` (currency).
    acquisition_ceiling : float
        Highest acquisition rate any spending can reach, :math:`a^*`,
        between 0 and 1 (0 excluded).
    k1 : float
        How fast the acquisition rate approaches its ceiling (per unit of
        currency, greater than 0).
    retention_ceiling : float
        Highest retention rate, :math:`r^*`, between 0 and 1 (both excluded).
    k2 : float
        How fast the retention rate approaches its ceiling (greater than 0).
    discount_rate : float
        Discount rate per period :math:`d` (0 or more).

    Returns
    -------
    BudgetResult
        Equity per prospect and the rates bought.

    Notes
    -----
    Response curves and equity per prospect (BD 1996):

    .. math::

        a = a^*(1 - e^{-k_1 A}), \\qquad r = r^*(1 - e^{-k_2 R}),

        \\mathrm{CE} = a\\,m - A + a\\left(m - \\frac{R}{r}\\right)\\frac{r'}{1-r'},
        \\quad r' = \\frac{r}{1+d},

    which equals :math:`a L - A` with
    :math:`L = m + (m r - R)/(1+d-r) = (m(1+d) - R)/(1+d-r)`, the value of a
    customer at acquisition: the first margin now; in each later period the
    firm spends :math:`R` on every customer still there and keeps each with
    probability :math:`r`.

    References
    ----------
    Blattberg, R. C., & Deighton, J. (1996). Manage marketing by the customer
    equity test. *Harvard Business Review*, 74(4), 136-144.

    Examples
    --------
    >>> res = prospect_equity(0, 0, margin=100, acquisition_ceiling=0.4, k1=0.1,
    ...                       retention_ceiling=0.8, k2=0.05, discount_rate=0.1)
    >>> res.value  # no spending buys no customers
    0.0
    """
    A = check_positive("acquisition_spend", acquisition_spend, allow_zero=True)
    R = check_positive("retention_spend", retention_spend, allow_zero=True)
    m = check_finite("margin", margin)
    a_c, k1_, r_c, k2_ = _check_response(acquisition_ceiling, k1, retention_ceiling, k2)
    d = check_discount_rate(discount_rate)
    a, r = _rates(A, R, a_c, k1_, r_c, k2_)
    L = _customer_value(m, r, R, d)
    return BudgetResult(
        value=a * L - A,
        acquisition_rate=a,
        retention_rate=r,
        customer_value=L,
        acquisition_spend=A,
        retention_spend=R,
        inputs={"margin": m, "acquisition_ceiling": a_c, "k1": k1_, "retention_ceiling": r_c,
                "k2": k2_, "discount_rate": d, "acquisition_spend": A, "retention_spend": R},
    )


@dataclass(frozen=True, eq=False)
class SpendOptimum:
    """The best acquisition and retention spending and its optimality condition.

    Attributes
    ----------
    acquisition_spend, retention_spend : float
        The optimal :math:`A^*` and :math:`R^*`.
    value : float
        Customer equity per prospect at the optimum.
    acquisition_rate, retention_rate : float
        The rates at the optimum.
    customer_value : float
        Value :math:`L` of a customer at acquisition, at the optimum.
    marginal_cost_acquisition : float
        :math:`dA/da = 1/a'(A^*)`: the cost of one more acquired customer.
    marginal_cost_retention : float
        :math:`dR/dr = 1/r'(R^*)`: the cost of one more retained customer.
    result : BudgetResult
        The full result at the optimum.

    Both marginal costs equal ``customer_value`` at an interior optimum
    (Pfeifer 2005); at a corner (spending 0) the marginal cost exceeds it.
    """

    acquisition_spend: float
    retention_spend: float
    value: float
    acquisition_rate: float
    retention_rate: float
    customer_value: float
    marginal_cost_acquisition: float
    marginal_cost_retention: float
    result: BudgetResult = field(repr=False)

    def __repr__(self) -> str:
        return (
            f"SpendOptimum(acquisition_spend={self.acquisition_spend:.2f}, "
            f"retention_spend={self.retention_spend:.2f}, value={self.value:.2f})"
        )

    def to_frame(self) -> pd.DataFrame:
        """Return the optimum as a one-row DataFrame."""
        keys = ("acquisition_spend", "retention_spend", "value", "acquisition_rate",
                "retention_rate", "customer_value", "marginal_cost_acquisition",
                "marginal_cost_retention")
        return pd.DataFrame([{k: getattr(self, k) for k in keys}])


def optimal_spend(
    *,
    margin: float,
    acquisition_ceiling: float,
    k1: float,
    retention_ceiling: float,
    k2: float,
    discount_rate: float,
) -> SpendOptimum:
    """The acquisition and retention spending that maximise customer equity per prospect.

    Parameters
    ----------
    margin, acquisition_ceiling, k1, retention_ceiling, k2, discount_rate
        As in :func:`prospect_equity`.

    Returns
    -------
    SpendOptimum
        Optimal spending, equity, and the two marginal costs.

    Notes
    -----
    :math:`R` enters only through :math:`L`, so :math:`R^*` maximises
    :math:`L(R) = (m(1+d)-R)/(1+d-r(R))`. Setting :math:`L'(R) = 0` gives

    .. math::

        \\frac{1}{r'(R^*)} = \\frac{m(1+d) - R^*}{1+d-r(R^*)} = L^*,

    solved with SciPy's ``brentq`` (the left side rises and the right side
    falls in :math:`R`, so the root is unique; :math:`R^* = 0` when
    :math:`r^* k_2 m(1+d) \\le 1+d`). Then :math:`a'(A^*) L^* = 1` gives
    :math:`A^* = \\ln(a^* k_1 L^*)/k_1` (0 when :math:`a^* k_1 L^* \\le 1`).
    At an interior optimum the marginal cost of acquiring a customer,
    :math:`1/a'(A^*)`, equals the marginal cost of retaining one,
    :math:`1/r'(R^*)`, and both equal the customer's value :math:`L^*`.

    References
    ----------
    Blattberg, R. C., & Deighton, J. (1996). Manage marketing by the customer
    equity test. *Harvard Business Review*, 74(4), 136-144.

    Pfeifer, P. E. (2005). The optimal ratio of acquisition and retention
    costs. *Journal of Targeting, Measurement and Analysis for Marketing*,
    13(2), 179-188.

    Examples
    --------
    >>> opt = optimal_spend(margin=100, acquisition_ceiling=0.4, k1=0.1,
    ...                     retention_ceiling=0.8, k2=0.05, discount_rate=0.1)
    >>> bool(abs(opt.marginal_cost_acquisition - opt.customer_value) < 1e-6)
    True
    >>> bool(abs(opt.marginal_cost_retention - opt.customer_value) < 1e-6)
    True
    """
    m = check_finite("margin", margin)
    a_c, k1_, r_c, k2_ = _check_response(acquisition_ceiling, k1, retention_ceiling, k2)
    d = check_discount_rate(discount_rate)

    def r_of(R: float) -> float:
        return r_c * -math.expm1(-k2_ * R)

    def condition(R: float) -> float:  # r'(R) (m(1+d) - R) - (1 + d - r(R)), decreasing in R
        return r_c * k2_ * math.exp(-k2_ * R) * (m * (1.0 + d) - R) - (1.0 + d - r_of(R))

    inputs = {"margin": margin, "acquisition_ceiling": acquisition_ceiling, "k1": k1,
              "retention_ceiling": retention_ceiling, "k2": k2, "discount_rate": discount_rate}
    with finite_or_naming("optimal_spend", inputs):
        if m <= 0 or condition(0.0) <= 0:
            R_star = 0.0
        else:
            try:
                R_star = brentq(condition, 0.0, m * (1.0 + d), xtol=1e-12, rtol=1e-14)
            except (RuntimeError, ValueError) as exc:  # no sign change that floats can find
                # the solver's own words stay with the cause, the message is translatable
                raise OverflowError("the optimality condition cannot be solved") from exc
        L = _customer_value(m, r_of(R_star), R_star, d)
        A_star = math.log(a_c * k1_ * L) / k1_ if a_c * k1_ * L > 1 else 0.0
        if not math.isfinite(A_star):
            raise OverflowError("the best acquisition spend is not a finite number")
        res = prospect_equity(A_star, R_star, margin=m, acquisition_ceiling=a_c, k1=k1_,
                              retention_ceiling=r_c, k2=k2_, discount_rate=d)
        check_results_finite("optimal_spend", {
            "marginal_cost_acquisition": math.exp(k1_ * A_star) / (a_c * k1_),
            "marginal_cost_retention": math.exp(k2_ * R_star) / (r_c * k2_)}, inputs)
        return SpendOptimum(
            acquisition_spend=A_star,
            retention_spend=R_star,
            value=res.value,
            acquisition_rate=res.acquisition_rate,
            retention_rate=res.retention_rate,
            customer_value=res.customer_value,
            marginal_cost_acquisition=math.exp(k1_ * A_star) / (a_c * k1_),
            marginal_cost_retention=math.exp(k2_ * R_star) / (r_c * k2_),
            result=res,
        )


def equity_surface(
    acquisition_max: float,
    retention_max: float,
    *,
    margin: float,
    acquisition_ceiling: float,
    k1: float,
    retention_ceiling: float,
    k2: float,
    discount_rate: float,
    points: int = 41,
) -> pd.DataFrame:
    """Customer equity per prospect on a grid of acquisition and retention spending.

    Parameters
    ----------
    acquisition_max, retention_max : float
        Largest spending of each kind on the grid (greater than 0); the grid
        runs from 0.
    margin, acquisition_ceiling, k1, retention_ceiling, k2, discount_rate
        As in :func:`prospect_equity`.
    points : int, default 41
        Grid points along each axis (2 to 401).

    Returns
    -------
    pandas.DataFrame
        Equity per prospect, rows indexed by retention spend ``R``, columns
        by acquisition spend ``A``.

    Notes
    -----
    Each cell is :func:`prospect_equity`:
    :math:`\\mathrm{CE}(A, R) = a(A)\\,L(R) - A`.

    References
    ----------
    Blattberg, R. C., & Deighton, J. (1996). Manage marketing by the customer
    equity test. *Harvard Business Review*, 74(4), 136-144.

    Examples
    --------
    >>> grid = equity_surface(10, 10, margin=100, acquisition_ceiling=0.4, k1=0.1,
    ...                       retention_ceiling=0.8, k2=0.05, discount_rate=0.1, points=3)
    >>> grid.shape
    (3, 3)
    """
    A_max = check_positive("acquisition_max", acquisition_max)
    R_max = check_positive("retention_max", retention_max)
    n = check_integer("points", points, minimum=2)
    if n > 401:
        raise ValueError(f"points must be at most 401; got {n}")
    m = check_finite("margin", margin)
    a_c, k1_, r_c, k2_ = _check_response(acquisition_ceiling, k1, retention_ceiling, k2)
    d = check_discount_rate(discount_rate)
    A = np.linspace(0.0, A_max, n)
    R = np.linspace(0.0, R_max, n)
    with np.errstate(over="ignore"):
        # k * spend beyond the largest float: e^-inf = 0, the exact limit (the ceiling is
        # reached); an overflow of L or the grid is refused by the check below
        a = a_c * -np.expm1(-k1_ * A)
        r = r_c * -np.expm1(-k2_ * R)
        L = (m * (1.0 + d) - R) / (1.0 + d - r)
    with np.errstate(all="ignore"):
        grid = L[:, None] * a[None, :] - A[None, :]
    check_results_finite("equity_surface", {"grid": grid}, {
        "acquisition_max": acquisition_max, "retention_max": retention_max, "margin": margin,
        "acquisition_ceiling": acquisition_ceiling, "k1": k1,
        "retention_ceiling": retention_ceiling, "k2": k2, "discount_rate": discount_rate})
    return pd.DataFrame(grid, index=pd.Index(R, name="R"), columns=pd.Index(A, name="A"))
