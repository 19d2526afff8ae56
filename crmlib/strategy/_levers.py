"""More, longer, deeper (多、久、深): the goals of CRM as levers on customer equity.

A customer base of :math:`N` customers, each worth the CLV of a constant
margin :math:`m` and retention :math:`r`, has equity :math:`N \\cdot
\\mathrm{CLV}(m, r, d)`. The three goals move its three inputs: *more*
raises :math:`N` (acquisition), *longer* raises :math:`r` (retention),
*deeper* raises :math:`m` (margin and cross-selling).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._messages import fail
from crmlib._validation import (
    check_finite,
    check_positive,
    check_probability,
    check_results_finite,
    finite_or_naming,
)
from crmlib.clv import retention_clv

__all__ = ["EquityPlan", "customer_base_equity", "plan_equity_change"]


def customer_base_equity(
    customers: float,
    margin: float,
    retention: float,
    discount_rate: float,
    *,
    periods: int | None = None,
    convention: str = "end",
) -> float:
    """Customer equity of a base of alike customers: number of customers × CLV.

    Parameters
    ----------
    customers : float
        Number of customers :math:`N` in the base, 0 or greater.
    margin : float
        Margin per customer per period (currency).
    retention : float
        Retention rate per period, between 0 and 1 (below 1 for an infinite
        horizon).
    discount_rate : float
        Discount rate per period, 0 or greater.
    periods : int, optional
        Horizon in periods; ``None`` (default) for an infinite horizon.
    convention : {"end", "start", "mid", "after_first"}
        Timing of the margins, as in :func:`crmlib.clv.retention_clv`
        (default ``"end"``: each margin at the end of its period).

    Returns
    -------
    float
        The equity, in the currency of ``margin``.

    Notes
    -----
    .. math::

        \\mathrm{CE} = N \\cdot \\mathrm{CLV}(m, r, d), \\qquad
        \\mathrm{CLV}_{\\text{end}} = \\frac{m}{1+d-r}\\ \\text{(infinite horizon)}.

    References
    ----------
    Gupta, S., Lehmann, D. R., & Stuart, J. A. (2004). Valuing customers.
    *Journal of Marketing Research*, 41(1), 7-18.

    Rust, R. T., Lemon, K. N., & Zeithaml, V. A. (2004). Return on
    marketing: Using customer equity to focus marketing strategy. *Journal
    of Marketing*, 68(1), 109-127.

    Examples
    --------
    >>> round(customer_base_equity(1000, 100, 0.8, 0.1), 2)  # 1000 x 100 / (1.1 - 0.8)
    333333.33
    """
    n = check_positive("customers", customers, allow_zero=True)
    inputs = {"customers": customers, "margin": margin, "retention": retention,
              "discount_rate": discount_rate, "periods": periods}
    with finite_or_naming("customer_base_equity", inputs):
        clv = retention_clv(margin, retention, discount_rate, periods=periods,
                            convention=convention)
        equity = n * clv.value
        if not math.isfinite(equity):
            raise OverflowError("customers x CLV exceeds the largest number a computer can hold")
    return equity


@dataclass(frozen=True, eq=False)
class EquityPlan:
    """Equity effect of a planned more / longer / deeper change, lever by lever.

    Attributes
    ----------
    base_equity, planned_equity : float
        Equity before and after the whole plan.
    change : float
        ``planned_equity - base_equity``.
    net_change : float
        ``change - plan_cost``.
    effects : pandas.DataFrame
        One row per scenario - ``base``, each lever alone (``more``,
        ``longer``, ``deeper_margin``, ``deeper_cross_sell``) and ``plan``
        (all together) - with columns ``goal`` (more / longer / deeper),
        ``customers``, ``margin``, ``retention``, ``clv``, ``equity`` and
        ``change`` (against the base); a last row ``interaction`` holds the
        part of the plan's change that no lever makes alone.
    inputs : dict
        The arguments.
    formula : str
        LaTeX of the equity formula.
    """

    base_equity: float
    planned_equity: float
    change: float
    net_change: float
    effects: pd.DataFrame = field(repr=False)
    inputs: Mapping[str, Any] = field(repr=False)
    formula: str = field(repr=False)

    def __post_init__(self) -> None:
        check_results_finite(
            "plan_equity_change",
            {
                "base_equity": self.base_equity,
                "planned_equity": self.planned_equity,
                "change": self.change,
                "net_change": self.net_change,
                "change by lever": self.effects["change"],
            },
            self.inputs,
        )

    @property
    def value(self) -> float:
        """The change in equity (same as ``change``)."""
        return self.change

    def __repr__(self) -> str:
        return (
            f"EquityPlan(base_equity={self.base_equity:,.2f}, "
            f"planned_equity={self.planned_equity:,.2f}, change={self.change:+,.2f})"
        )

    def to_frame(self) -> pd.DataFrame:
        """A copy of the ``effects`` table."""
        return self.effects.copy()


def plan_equity_change(
    customers: float,
    margin: float,
    retention: float,
    discount_rate: float,
    *,
    extra_customers: float = 0.0,
    retention_change: float = 0.0,
    margin_change: float = 0.0,
    cross_sell_margin: float = 0.0,
    plan_cost: float = 0.0,
    periods: int | None = None,
    convention: str = "end",
) -> EquityPlan:
    """Customer-equity effect of more customers, longer relationships and deeper ones.

    Parameters
    ----------
    customers, margin, retention, discount_rate
        The base today, as in :func:`customer_base_equity`.
    extra_customers : float, default 0
        *More* 多: customers added by acquisition (negative for a loss; the
        base may not fall below 0).
    retention_change : float, default 0
        *Longer* 久: change of the retention rate, as a share (0.05 = five
        percentage points); the new rate must stay between 0 and 1.
    margin_change : float, default 0
        *Deeper* 深: relative change of the margin (0.1 = +10%), greater
        than -1.
    cross_sell_margin : float, default 0
        *Deeper* 深: margin per customer per period from cross-selling
        further products (currency).
    plan_cost : float, default 0
        Present value of what the plan costs (currency, 0 or greater).
    periods : int, optional
        Horizon in periods; ``None`` (default) for an infinite horizon.
    convention : {"end", "start", "mid", "after_first"}
        Timing of the margins (default ``"end"``).

    Returns
    -------
    EquityPlan
        Base and planned equity, and each lever's effect alone.

    Notes
    -----
    With :math:`N' = N + \\Delta N`, :math:`r' = r + \\Delta r` and
    :math:`m' = m(1 + g) + x` (:math:`g` = ``margin_change``, :math:`x` =
    ``cross_sell_margin``):

    .. math::

        \\Delta\\mathrm{CE} = N'\\,\\mathrm{CLV}(m', r', d)
            - N\\,\\mathrm{CLV}(m, r, d).

    Each lever is also applied alone; because equity is a product of the
    levers, their effects do not add up, and the remainder is reported as
    ``interaction``.

    References
    ----------
    Blattberg, R. C., & Deighton, J. (1996). Manage marketing by the
    customer equity test. *Harvard Business Review*, 74(4), 136-144.

    Rust, R. T., Lemon, K. N., & Zeithaml, V. A. (2004). Return on
    marketing. *Journal of Marketing*, 68(1), 109-127.

    Examples
    --------
    >>> plan = plan_equity_change(1000, 100, 0.8, 0.1, extra_customers=100,
    ...                           retention_change=0.05, margin_change=0.1)
    >>> round(plan.base_equity, 2), round(plan.planned_equity, 2)  # 1100 x 110 / 0.25
    (333333.33, 484000.0)
    """
    n = check_positive("customers", customers, allow_zero=True)
    m = check_finite("margin", margin)
    r = check_probability("retention", retention)
    dn = check_finite("extra_customers", extra_customers)
    dr = check_finite("retention_change", retention_change)
    g = check_finite("margin_change", margin_change)
    x = check_finite("cross_sell_margin", cross_sell_margin)
    cost = check_positive("plan_cost", plan_cost, allow_zero=True)
    if n + dn < 0:
        raise fail(ValueError, "extra_customers_remove", n=f"{n:g}", got=f"{dn:g}")
    if not 0.0 <= r + dr <= 1.0:
        raise fail(ValueError, "retention_change_range", r=f"{r:g}", dr=f"{dr:g}",
                   total=f"{r + dr:g}")
    if periods is None and r + dr >= 1.0:
        raise fail(ValueError, "retention_change_endless", r=f"{r:g}", dr=f"{dr:g}",
                   total=f"{r + dr:g}")
    if g <= -1.0:
        raise fail(ValueError, "margin_change_floor", name="margin_change", got=f"{g:g}")

    inputs = {"customers": customers, "margin": margin, "retention": retention,
              "discount_rate": discount_rate, "extra_customers": extra_customers,
              "retention_change": retention_change, "margin_change": margin_change,
              "cross_sell_margin": cross_sell_margin, "plan_cost": plan_cost, "periods": periods}
    with finite_or_naming("plan_equity_change", inputs):
        for what, value in (("margin x (1 + margin_change)", m * (1 + g)),
                            ("margin + cross_sell_margin", m + x),
                            ("margin x (1 + margin_change) + cross_sell_margin", m * (1 + g) + x),
                            ("customers + extra_customers", n + dn)):
            if not math.isfinite(value):
                raise OverflowError(f"{what} exceeds the largest number a computer can hold")
        return _plan(n, m, r, dn, dr, g, x, cost, discount_rate, periods, convention)


def _plan(n: float, m: float, r: float, dn: float, dr: float, g: float, x: float, cost: float,
          discount_rate: float, periods: int | None, convention: str) -> EquityPlan:
    def scenario(goal: str, n_: float, m_: float, r_: float) -> dict[str, Any]:
        clv = retention_clv(m_, r_, discount_rate, periods=periods, convention=convention).value
        return {"goal": goal, "customers": n_, "margin": m_, "retention": r_, "clv": clv,
                "equity": n_ * clv}

    rows = {
        "base": scenario("", n, m, r),
        "more": scenario("more", n + dn, m, r),
        "longer": scenario("longer", n, m, r + dr),
        "deeper_margin": scenario("deeper", n, m * (1 + g), r),
        "deeper_cross_sell": scenario("deeper", n, m + x, r),
        "plan": scenario("all", n + dn, m * (1 + g) + x, r + dr),
    }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "scenario"
    base = table.loc["base", "equity"]
    with np.errstate(over="ignore", invalid="ignore"):  # EquityPlan refuses an inf or NaN
        table["change"] = table["equity"] - base
        alone = table.loc[["more", "longer", "deeper_margin", "deeper_cross_sell"],
                          "change"].sum()
        table.loc["interaction"] = {"goal": "", "change": table.loc["plan", "change"] - alone}
    planned = float(table.loc["plan", "equity"])
    return EquityPlan(
        base_equity=float(base),
        planned_equity=planned,
        change=planned - float(base),
        net_change=planned - float(base) - cost,
        effects=table,
        inputs={
            "customers": n, "margin": m, "retention": r, "discount_rate": discount_rate,
            "extra_customers": dn, "retention_change": dr, "margin_change": g,
            "cross_sell_margin": x, "plan_cost": cost, "periods": periods,
            "convention": convention,
        },
        formula=r"\Delta\mathrm{CE}=N'\,\mathrm{CLV}(m',r',d)-N\,\mathrm{CLV}(m,r,d)",
    )
