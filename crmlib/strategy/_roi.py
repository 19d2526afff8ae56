"""CRM return on investment: ROI, NPV, IRR and payback of a CRM project, year by year.

Course section 6 ("evaluating CRM"): a CRM project invests (in the idea and
the system), carries costs (explicit, and hidden ones that plans forget) and
brings two kinds of benefit (business gains, and savings in the cost to serve).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from crmlib._validation import (
    check_array,
    check_integer,
    check_positive,
    check_results_finite,
    finite_or_naming,
)
from crmlib.clv._formulas import check_discount_rate

__all__ = ["ROIResult", "crm_roi"]

Flow = float | Sequence[float] | np.ndarray

_FLOWS = (
    ("costs", "explicit_cost"),
    ("hidden_costs", "hidden_cost"),
    ("benefits", "business_gain"),
    ("cost_savings", "cost_saving"),
)


@dataclass(frozen=True, eq=False)
class ROIResult:
    """Appraisal of a CRM investment: ROI, NPV, IRR, payback, and the per-year table.

    Attributes
    ----------
    roi : float
        (total benefit - total cost) / total cost, undiscounted; the cost
        includes the investment.
    discounted_roi : float
        The same with present values: NPV / present value of all costs.
    npv : float
        Net present value at ``discount_rate`` (currency).
    irr : float
        Internal rate of return (the rate at which NPV is 0); NaN when the
        cash flows do not have exactly one change of sign (see ``irr_note``).
    irr_note : str
        Why ``irr`` is NaN; empty when it is a number.
    payback, discounted_payback : float
        Years until the cumulative (discounted) net cash flow first reaches
        0; ``inf`` when it never does within the horizon.
    totals : pandas.DataFrame
        Rows ``investment``, ``explicit_cost``, ``hidden_cost``,
        ``business_gain``, ``cost_saving``; columns ``total`` (undiscounted)
        and ``present_value``.
    table : pandas.DataFrame
        One row per year ``0..n`` with the flows, ``net_cash_flow``,
        ``discount_factor``, ``present_value``, ``cumulative_cash_flow`` and
        ``cumulative_present_value``.
    inputs : dict
        The arguments (flows as per-year lists).
    formula : str
        LaTeX of the NPV.
    """

    roi: float
    discounted_roi: float
    npv: float
    irr: float
    payback: float
    discounted_payback: float
    irr_note: str = field(repr=False)
    totals: pd.DataFrame = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    inputs: Mapping[str, Any] = field(repr=False)
    formula: str = field(repr=False)

    def __post_init__(self) -> None:
        check_results_finite(
            "crm_roi",
            {
                "roi": self.roi,
                "discounted_roi": self.discounted_roi,
                "npv": self.npv,
                "totals": self.totals,
            },
            self.inputs,
        )

    @property
    def value(self) -> float:
        """The ROI (same as ``roi``)."""
        return self.roi

    @property
    def paid_back(self) -> bool:
        """Whether the undiscounted cash flows pay the investment back within the horizon."""
        return math.isfinite(self.payback)

    def __repr__(self) -> str:
        irr = "nan" if math.isnan(self.irr) else f"{self.irr:.2%}"
        return (
            f"ROIResult(roi={self.roi:.2%}, npv={self.npv:,.2f}, irr={irr}, "
            f"payback={self.payback:.2f}, discounted_payback={self.discounted_payback:.2f})"
        )

    def to_frame(self) -> pd.DataFrame:
        """A copy of the per-year table."""
        return self.table.copy()


def _investment(investment: object) -> tuple[float, dict[str, float] | None]:
    if isinstance(investment, Mapping):
        if not investment:
            raise ValueError("investment must not be an empty mapping; give at least one item")
        parts = {
            str(k): check_positive(f"investment[{k!r}]", v, allow_zero=True)
            for k, v in investment.items()
        }
        total = sum(parts.values())
        if total <= 0:
            raise ValueError(f"investment must add up to more than 0; got {total:g}")
        return total, parts
    return check_positive("investment", investment), None


def _flows(given: Mapping[str, object], years: object) -> tuple[int, dict[str, np.ndarray]]:
    lengths = {
        name: len(value) for name, value in given.items()
        if np.ndim(value) > 0 or isinstance(value, (list, tuple))
    }
    n: int | None = None if years is None else check_integer("years", years, minimum=1)
    for name, length in lengths.items():
        if n is None:
            n = length
        elif length != n:
            first = "years" if years is not None else next(iter(lengths))
            raise ValueError(
                f"{name} must have one amount per year, {n} like {first}; got {length} values"
            )
    if n is None:
        raise ValueError(
            "years is needed when every flow is a single number (the same amount each year); "
            "give years=5, say, or per-year lists"
        )
    out = {}
    for name, value in given.items():
        if name in lengths:
            arr = check_array(name, value, minimum=0.0)
        else:
            arr = np.full(n, check_positive(name, value, allow_zero=True))
        out[name] = arr
    return n, out


def _payback(cumulative: np.ndarray, flows: np.ndarray) -> float:
    """First time the cumulative series reaches 0, linear inside the year it crosses."""
    reached = np.flatnonzero(cumulative >= 0)
    if reached.size == 0:
        return math.inf
    k = int(reached[0])
    if k == 0:
        return 0.0
    return float((k - 1) + (-cumulative[k - 1]) / flows[k])


def _irr(cash: np.ndarray) -> tuple[float, str]:
    signs = np.sign(cash[cash != 0])
    changes = int(np.sum(signs[1:] != signs[:-1]))
    if changes == 0:
        return math.nan, "the net cash flows never turn positive, so no rate makes the NPV 0"
    if changes > 1:
        return math.nan, (
            f"the net cash flows change sign {changes} times, so there may be several IRRs "
            "or none; judge the project by its NPV"
        )
    # Unique root in x = 1/(1+r) > 0 (Descartes' rule of signs): f(0) = cash[0] < 0.
    poly = np.polynomial.Polynomial(cash)
    upper = 1.0
    while poly(upper) <= 0:
        upper *= 2.0
        if upper > 1e12:
            return math.nan, "the IRR is below -99.9999999999% (the money is all but lost)"
    x = brentq(poly, 0.0, upper, xtol=1e-15, rtol=1e-14, maxiter=500)
    return 1.0 / x - 1.0, ""


def crm_roi(
    investment: float | Mapping[str, float],
    costs: Flow,
    benefits: Flow,
    discount_rate: float,
    *,
    hidden_costs: Flow = 0.0,
    cost_savings: Flow = 0.0,
    years: int | None = None,
) -> ROIResult:
    """Appraise a CRM investment: ROI, NPV, IRR, simple and discounted payback, per-year table.

    Parameters
    ----------
    investment : float or mapping
        Up-front investment at time 0 (currency, greater than 0), or its
        parts by name, e.g. ``{"idea": 100_000, "system": 400_000}``.
    costs : float or sequence of float
        Explicit running costs per year (licences, maintenance, staff),
        0 or greater: one number for the same amount every year, or one
        amount per year.
    benefits : float or sequence of float
        Business gains per year (extra margin from more, longer and deeper
        relationships), 0 or greater.
    discount_rate : float
        Discount rate per year, 0 or greater (0.1 for 10%).
    hidden_costs : float or sequence of float, default 0
        Hidden costs per year that plans tend to leave out (training, data
        cleaning, lost productivity while people learn the system, change
        management), 0 or greater.
    cost_savings : float or sequence of float, default 0
        Savings in the cost to serve per year (cheaper channels, less
        rework), 0 or greater.
    years : int, optional
        Length of the appraisal in years (1 or more); needed when every flow
        is a single number, otherwise taken from the per-year lists (which
        must all have the same length).

    Returns
    -------
    ROIResult

    Notes
    -----
    The investment :math:`I` is paid at time 0; the flows of year
    :math:`t = 1..n` arrive at the end of the year, time :math:`t`. With
    costs :math:`C_t` (explicit) and :math:`H_t` (hidden), business gains
    :math:`G_t` and savings :math:`S_t`, the net cash flow is
    :math:`F_0 = -I`, :math:`F_t = G_t + S_t - C_t - H_t`, and

    .. math::

        \\mathrm{NPV} = \\sum_{t=0}^{n} \\frac{F_t}{(1+d)^{t}}, \\qquad
        \\sum_{t=0}^{n} \\frac{F_t}{(1+\\mathrm{IRR})^{t}} = 0,

    .. math::

        \\mathrm{ROI} = \\frac{\\sum_t (G_t + S_t) - \\big(I + \\sum_t (C_t + H_t)\\big)}
                             {I + \\sum_t (C_t + H_t)}, \\qquad
        \\mathrm{ROI}_{d} = \\frac{\\mathrm{NPV}}{I + \\sum_t (C_t + H_t)(1+d)^{-t}}.

    The IRR is reported when the net cash flows change sign exactly once
    (then it is unique, by Descartes' rule of signs); it is found by
    Brent's method on the polynomial in :math:`x = 1/(1+r)`. The payback
    period is the first time the cumulative net cash flow
    :math:`\\sum_{s \\le t} F_s` reaches 0, interpolated linearly inside that
    year (as if the year's flow came in evenly, the usual convention);
    the discounted payback period does the same with present values.

    References
    ----------
    Brealey, R. A., Myers, S. C., & Allen, F. (2020). *Principles of
    Corporate Finance* (13th ed.). McGraw-Hill, ch. 5 (NPV, IRR, payback,
    discounted payback).

    Rigby, D. K., Reichheld, F. F., & Schefter, P. (2002). Avoid the four
    perils of CRM. *Harvard Business Review*, 80(2), 101-109 (why CRM
    projects fail to pay back).

    Examples
    --------
    >>> res = crm_roi(100, costs=0, benefits=[40, 50, 60], discount_rate=0.1)
    >>> round(res.npv, 2)  # -100 + 36.3636 + 41.3223 + 45.0789
    22.76
    >>> round(res.payback, 4)  # cumulative -60, -10, +50: 2 + 10/60
    2.1667
    >>> round(crm_roi(100, costs=0, benefits=[110], discount_rate=0.05).irr, 6)
    0.1
    """
    total_investment, parts = _investment(investment)
    d = check_discount_rate(discount_rate)
    given = {"costs": costs, "hidden_costs": hidden_costs, "benefits": benefits,
             "cost_savings": cost_savings}
    n, flows = _flows(given, years)

    user_inputs = {"investment": investment, "costs": costs, "benefits": benefits,
                   "discount_rate": discount_rate, "hidden_costs": hidden_costs,
                   "cost_savings": cost_savings, "years": years}
    with finite_or_naming("crm_roi", user_inputs), np.errstate(all="ignore"):
            year = np.arange(n + 1)
            table = pd.DataFrame({"year": year, "investment": np.r_[total_investment, np.zeros(n)]})
            for name, column in _FLOWS:
                table[column] = np.r_[0.0, flows[name]]
            table["net_cash_flow"] = (
                table["business_gain"] + table["cost_saving"] - table["explicit_cost"]
                - table["hidden_cost"] - table["investment"]
            )
            table["discount_factor"] = (1.0 + d) ** -year.astype(float)
            table["present_value"] = table["net_cash_flow"] * table["discount_factor"]
            table["cumulative_cash_flow"] = table["net_cash_flow"].cumsum()
            table["cumulative_present_value"] = table["present_value"].cumsum()

            columns = ["investment", "explicit_cost", "hidden_cost", "business_gain", "cost_saving"]
            totals = pd.DataFrame(
                {
                    "total": [float(table[c].sum()) for c in columns],
                    "present_value": [float((table[c] * table["discount_factor"]).sum())
                                      for c in columns],
                },
                index=pd.Index(columns, name="item"),
            )
            cost_cols = ["investment", "explicit_cost", "hidden_cost"]
            benefit_cols = ["business_gain", "cost_saving"]
            cost_total = totals.loc[cost_cols, "total"].sum()
            benefit_total = totals.loc[benefit_cols, "total"].sum()
            cost_pv = totals.loc[cost_cols, "present_value"].sum()
            npv = float(table["present_value"].sum())
            cash = table["net_cash_flow"].to_numpy()
            if not np.all(np.isfinite(cash)):
                raise OverflowError("a net cash flow exceeds the largest number a computer can "
                                    "hold")
            irr, note = _irr(cash)
            return ROIResult(
                roi=float((benefit_total - cost_total) / cost_total),
                discounted_roi=float(npv / cost_pv),
                npv=npv,
                irr=float(irr),
                payback=_payback(table["cumulative_cash_flow"].to_numpy(), cash),
                discounted_payback=_payback(
                    table["cumulative_present_value"].to_numpy(), table["present_value"].to_numpy()
                ),
                irr_note=note,
                totals=totals,
                table=table,
                inputs={
                    "investment": parts if parts is not None else total_investment,
                    "discount_rate": d,
                    "years": n,
                    **{name: flows[name].tolist() for name in given},
                },
                formula=r"\mathrm{NPV}=\sum_{t=0}^{n}\frac{F_t}{(1+d)^{t}}",
            )
