"""Customer equity 客户资产: the sum of discounted lifetime values, firm value and its levers.

``customer_equity`` adds up the CLVs of the current customers (or segment
sizes × segment CLV) and, optionally, of future cohorts of acquired
customers; ``firm_value`` is the Gupta, Lehmann & Stuart (2004) valuation of
a firm from its customers; ``equity_sensitivity`` improves each driver by 1%
and ``more_longer_deeper`` compares the three levers 多、久、深.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._validation import (
    check_array,
    check_choice,
    check_finite,
    check_integer,
    check_positive,
    check_probability,
    check_range,
    check_results_finite,
    finite_or_naming,
)
from crmlib.clv import retention_clv
from crmlib.clv._formulas import check_discount_rate
from crmlib.clv._result import TABLE_MAX_PERIODS, table_length

__all__ = [
    "EquityResult",
    "LeverResult",
    "SensitivityResult",
    "customer_equity",
    "equity_sensitivity",
    "firm_value",
    "more_longer_deeper",
]

#: Largest finite number of future cohorts accepted.
MAX_COHORTS = 10_000


@dataclass(frozen=True, eq=False)
class EquityResult:
    """Customer equity (客户资产) with the part of each group of customers.

    Attributes
    ----------
    value : float
        Customer equity: ``current_value + future_value`` (currency).
    current_value : float
        Sum of the lifetime values of the current customers.
    future_value : float
        Present value of the future cohorts, net of their acquisition cost
        (0 without future cohorts).
    customers : float
        Number of current customers.
    table : pandas.DataFrame
        One row per group: ``group`` (``"current"`` or ``"cohort k"``),
        ``time`` (when the group is valued, in periods), ``customers``,
        ``value_per_customer`` (CLV net of acquisition cost, at ``time``),
        ``discount_factor``, ``present_value``. For an infinite stream of
        cohorts the table shows the first cohorts only (as a CLV table does),
        while ``value`` is the closed form.
    inputs : dict
        The arguments.
    formula : str
        LaTeX of the formula used.
    """

    value: float
    current_value: float
    future_value: float
    customers: float
    table: pd.DataFrame = field(repr=False)
    inputs: Mapping[str, Any] = field(repr=False)
    formula: str = field(repr=False)

    def __post_init__(self) -> None:
        check_results_finite(
            "customer_equity",
            {
                "value": self.value,
                "current_value": self.current_value,
                "future_value": self.future_value,
                "customers": self.customers,
                "table": self.table,
            },
            self.inputs,
        )

    def __repr__(self) -> str:
        return (
            f"EquityResult(value={self.value:,.2f}, current_value={self.current_value:,.2f}, "
            f"future_value={self.future_value:,.2f})"
        )

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the table of groups (current customers, cohorts)."""
        return self.table.copy()


def _cohort_sizes(new_customers: object, periods: object) -> tuple[np.ndarray | None, float]:
    """Sizes of future cohorts: an array (one per period) or a constant with a horizon."""
    if isinstance(new_customers, (int, float, np.number)) and not isinstance(new_customers, bool):
        n = check_positive("new_customers", new_customers, allow_zero=True)
        if periods is None or (isinstance(periods, float) and math.isinf(periods)):
            return None, n
        k = check_integer("periods", periods, minimum=1)
        if k > MAX_COHORTS:
            raise ValueError(f"periods must be at most {MAX_COHORTS}; got {k}")
        return np.full(k, n), n
    sizes = check_array("new_customers", new_customers, minimum=0)
    if periods is not None:
        raise ValueError(
            "periods must be None when new_customers lists one cohort size per period "
            f"(the list sets the horizon, {sizes.size} periods); got periods={periods!r}"
        )
    return sizes, float("nan")


def customer_equity(
    clv: object,
    counts: object = None,
    *,
    new_customers: object = 0.0,
    new_customer_clv: float = 0.0,
    acquisition_cost: float = 0.0,
    discount_rate: float = 0.0,
    periods: int | None = None,
) -> EquityResult:
    """Customer equity: the sum of the discounted lifetime values of current and future customers.

    Parameters
    ----------
    clv : array-like of float
        Lifetime value of each current customer (discounted lifetime profit,
        e.g. predicted by BG/NBD + Gamma-Gamma with a margin and a discount
        rate), or of each segment when ``counts`` is given. A pandas Series
        keeps its index in the result's table. Values may be negative.
    counts : array-like of float, optional
        Number of customers in each segment (0 or more), one per entry of
        ``clv``.
    new_customers : float or array-like of float, default 0
        Customers acquired in each future period (0 or more): one number for a
        constant stream, or one number per period (the list sets the horizon).
    new_customer_clv : float, default 0
        Lifetime value of a newly acquired customer at the moment of
        acquisition (currency), acquisition cost not subtracted.
    acquisition_cost : float, default 0
        Cost of acquiring one new customer (currency, 0 or more).
    discount_rate : float, default 0
        Discount rate per period (0 or more); greater than 0 for an endless
        stream of cohorts.
    periods : int, optional
        Number of future cohorts for a constant ``new_customers``; ``None``
        (default) means an endless stream.

    Returns
    -------
    EquityResult
        ``value``, its parts, and a table by group.

    Notes
    -----
    Convention: the current customers are valued today (their CLVs already
    are present values); cohort :math:`k = 1, 2, \\dots` of :math:`n_k`
    customers is acquired at the end of period :math:`k`, each worth
    :math:`\\mathrm{CLV}_{new} - c` at that moment. Then

    .. math::

        \\mathrm{CE} = \\sum_{i} N_i\\,\\mathrm{CLV}_i
            + \\sum_{k=1}^{K} \\frac{n_k\\,(\\mathrm{CLV}_{new} - c)}{(1+d)^{k}},

    with :math:`N_i = 1` for individual customers. For a constant stream
    :math:`n` the second sum is :math:`n(\\mathrm{CLV}_{new}-c)/d` over an
    endless horizon and :math:`n(\\mathrm{CLV}_{new}-c)[1-(1+d)^{-K}]/d`
    over :math:`K` periods.

    References
    ----------
    Blattberg, R. C., & Deighton, J. (1996). Manage marketing by the customer
    equity test. *Harvard Business Review*, 74(4), 136-144.

    Gupta, S., Lehmann, D. R., & Stuart, J. A. (2004). Valuing customers.
    *Journal of Marketing Research*, 41(1), 7-18 (firm value as the value
    of current and future cohorts).

    Rust, R. T., Lemon, K. N., & Zeithaml, V. A. (2004). Return on marketing:
    Using customer equity to focus marketing strategy. *Journal of
    Marketing*, 68(1), 109-127.

    Examples
    --------
    >>> customer_equity([100, 250, -20]).value
    330.0
    >>> customer_equity([300, 50], counts=[10, 200]).value  # 3,000 + 10,000
    13000.0
    >>> res = customer_equity([100], new_customers=10, new_customer_clv=60,
    ...                       acquisition_cost=20, discount_rate=0.1, periods=2)
    >>> round(res.future_value, 2)  # 10 x 40 / 1.1 + 10 x 40 / 1.21
    694.21
    """
    values = check_array("clv", clv)
    if counts is None:
        sizes = np.ones_like(values)
    else:
        sizes = check_array("counts", counts, minimum=0)
        if sizes.size != values.size:
            raise ValueError(
                f"counts must have one entry per entry of clv ({values.size}); "
                f"got {sizes.size} entries"
            )
    d = check_discount_rate(discount_rate)
    v_new = check_finite("new_customer_clv", new_customer_clv)
    c = check_positive("acquisition_cost", acquisition_cost, allow_zero=True)
    cohorts, constant = _cohort_sizes(new_customers, periods)
    net = v_new - c

    index = list(clv.index) if isinstance(clv, pd.Series) else list(range(values.size))
    # an overflow to inf or NaN is refused by EquityResult's finite check
    with np.errstate(over="ignore", invalid="ignore"):
        current = pd.DataFrame(
            {
                "group": ["current"] * values.size,
                "id": index,
                "time": 0.0,
                "customers": sizes,
                "value_per_customer": values,
                "discount_factor": 1.0,
                "present_value": sizes * values,
            }
        )
        current_value = float(current["present_value"].sum())

        if cohorts is None:  # endless constant stream: closed form
            if constant > 0 and net != 0:
                if d == 0:
                    raise ValueError(
                        "discount_rate must be greater than 0 for an endless stream of new "
                        "customers (without discounting their value has no end); got 0. "
                        "Give periods= for a fixed number of cohorts"
                    )
                future_value = constant * net / d
            else:
                future_value = 0.0
            k = np.arange(1, TABLE_MAX_PERIODS + 1, dtype=float)
            rows = table_length((1.0 + d) ** -k) if d > 0 else 1
            k = k[:rows] if constant > 0 else k[:0]
            sizes_future = np.full(k.size, constant)
        else:
            k = np.arange(1, cohorts.size + 1, dtype=float)
            sizes_future = cohorts
            future_value = float(np.sum(cohorts * net * (1.0 + d) ** -k))
        future = pd.DataFrame(
            {
                "group": [f"cohort {int(i)}" for i in k],
                "id": [None] * k.size,
                "time": k,
                "customers": sizes_future,
                "value_per_customer": net,
                "discount_factor": (1.0 + d) ** -k,
                "present_value": sizes_future * net * (1.0 + d) ** -k,
            }
        )
        table = pd.concat([current, future], ignore_index=True) if k.size else current
        customers = float(sizes.sum())
    return EquityResult(
        value=current_value + future_value,
        current_value=current_value,
        future_value=float(future_value),
        customers=customers,
        table=table,
        inputs={
            "clv": values.tolist(),
            "counts": None if counts is None else sizes.tolist(),
            "new_customers": constant if cohorts is None else cohorts.tolist(),
            "new_customer_clv": v_new,
            "acquisition_cost": c,
            "discount_rate": d,
            "periods": periods,
        },
        formula=(
            r"\sum_i N_i\,\mathrm{CLV}_i + \sum_{k=1}^{K}"
            r"\frac{n_k(\mathrm{CLV}_{new}-c)}{(1+d)^k}"
        ),
    )


def firm_value(
    margin: float,
    retention: float,
    discount_rate: float,
    *,
    current_customers: float,
    new_customers: float,
    acquisition_cost: float,
    growth: float = 0.0,
    periods: int | None = None,
) -> EquityResult:
    """Value of a firm as the value of its current and future customers (Gupta, Lehmann & Stuart).

    Parameters
    ----------
    margin : float
        Margin per customer per period :math:`m` (currency).
    retention : float
        Retention rate per period :math:`r`, between 0 and 1 (1 excluded).
    discount_rate : float
        Discount rate per period :math:`d` (the cost of capital), greater
        than 0.
    current_customers : float
        Number of customers today (0 or more).
    new_customers : float
        Customers acquired in the next period :math:`n` (0 or more).
    acquisition_cost : float
        Cost of acquiring one customer :math:`c` (0 or more).
    growth : float, default 0
        Growth rate per period :math:`g` of the number acquired (cohort
        :math:`k` has :math:`n(1+g)^{k-1}` customers), greater than -1 and,
        for an endless horizon, below ``discount_rate``.
    periods : int, optional
        Number of future cohorts; ``None`` (default) for an endless stream.

    Returns
    -------
    EquityResult
        ``value`` is the firm's customer-based value (see
        :func:`customer_equity` for the table).

    Notes
    -----
    Timing (as in GLS 2004): a customer acquired today pays the first
    margin at once and each later margin if retained, so a new customer is
    worth :math:`m(1+d)/(1+d-r) - c` at acquisition, and a current customer,
    whose margin of this period is already paid, :math:`m\\,r/(1+d-r)` (the
    Gupta-Lehmann margin multiple). With cohorts acquired at the end of
    periods :math:`k = 1, 2, \\dots`:

    .. math::

        V = N_0\\,\\frac{m\\,r}{1+d-r} + \\sum_{k=1}^{K}
            \\frac{n(1+g)^{k-1}}{(1+d)^{k}}
            \\left[\\frac{m(1+d)}{1+d-r} - c\\right],

    the sum being :math:`n[\\cdot]/(d-g)` for an endless horizon.

    References
    ----------
    Gupta, S., Lehmann, D. R., & Stuart, J. A. (2004). Valuing customers.
    *Journal of Marketing Research*, 41(1), 7-18.

    Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of
    Interactive Marketing*, 17(1), 9-24.

    Examples
    --------
    >>> res = firm_value(100, 0.8, 0.1, current_customers=1000, new_customers=100,
    ...                  acquisition_cost=50)
    >>> round(res.current_value)  # 1000 x 100 x 0.8 / 0.3
    266667
    >>> round(res.future_value)  # 100 x (110 / 0.3 - 50) / 0.1
    316667
    """
    m = check_finite("margin", margin)
    r = check_probability("retention", retention, allow_one=False)
    d = check_positive("discount_rate", discount_rate)
    n0 = check_positive("current_customers", current_customers, allow_zero=True)
    n = check_positive("new_customers", new_customers, allow_zero=True)
    c = check_positive("acquisition_cost", acquisition_cost, allow_zero=True)
    g = check_finite("growth", growth)
    if g <= -1:
        raise ValueError(f"growth must be greater than -1 (a fall of 100% or more); got {g:g}")
    inputs = {"margin": margin, "retention": retention, "discount_rate": discount_rate,
              "current_customers": current_customers, "new_customers": new_customers,
              "acquisition_cost": acquisition_cost, "growth": growth, "periods": periods}
    with finite_or_naming("firm_value", inputs):
        existing = retention_clv(m, r, d, convention="after_first").value
        new = retention_clv(m, r, d, convention="start").value
        if periods is None:
            if g >= d and n > 0:
                raise ValueError(
                    f"growth must be below discount_rate ({d:g}) for an endless horizon: "
                    f"otherwise the value of future cohorts has no end; got growth={g:g}. "
                    "Give periods= for a fixed number of cohorts"
                )
            k = np.arange(1, TABLE_MAX_PERIODS + 1, dtype=float)
            weights = (1.0 + g) ** (k - 1) * (1.0 + d) ** -k
            cohorts = n * (1.0 + g) ** (k[: table_length(weights)] - 1)
            result = customer_equity([existing], counts=[n0])
            future_value = n * (new - c) / (d - g)
            table = pd.concat(
                [
                    result.table,
                    pd.DataFrame(
                        {
                            "group": [f"cohort {int(i)}" for i in k[: cohorts.size]],
                            "id": [None] * cohorts.size,
                            "time": k[: cohorts.size],
                            "customers": cohorts,
                            "value_per_customer": new - c,
                            "discount_factor": (1.0 + d) ** -k[: cohorts.size],
                            "present_value": cohorts * (new - c) * (1.0 + d) ** -k[: cohorts.size],
                        }
                    ),
                ],
                ignore_index=True,
            )
            current_value = result.current_value
        else:
            horizon = check_integer("periods", periods, minimum=1)
            if horizon > MAX_COHORTS:
                raise ValueError(f"periods must be at most {MAX_COHORTS}; got {horizon}")
            k = np.arange(1, horizon + 1, dtype=float)
            with np.errstate(over="ignore"):
                sizes = n * (1.0 + g) ** (k - 1)
            if not np.all(np.isfinite(sizes)):
                raise OverflowError(
                    "new_customers x (1 + growth)^(periods - 1) exceeds the largest number a "
                    "computer can hold"
                )
            result = customer_equity(
                [existing], counts=[n0], new_customers=sizes,
                new_customer_clv=new, acquisition_cost=c, discount_rate=d,
            )
            current_value, future_value, table = (
                result.current_value, result.future_value, result.table
            )
        return EquityResult(
            value=current_value + future_value,
            current_value=current_value,
            future_value=float(future_value),
            customers=n0,
            table=table,
            inputs={
                "margin": m, "retention": r, "discount_rate": d, "current_customers": n0,
                "new_customers": n, "acquisition_cost": c, "growth": g, "periods": periods,
            },
            formula=(
                r"N_0\frac{m\,r}{1+d-r} + \sum_{k=1}^{K}\frac{n(1+g)^{k-1}}{(1+d)^k}"
                r"\left[\frac{m(1+d)}{1+d-r}-c\right]"
            ),
        )


@dataclass(frozen=True, eq=False)
class SensitivityResult:
    """Effect on firm value of a small improvement in each driver.

    Attributes
    ----------
    base_value : float
        Firm value with the inputs as given.
    table : pandas.DataFrame
        One row per driver (``retention``, ``margin``, ``acquisition_cost``,
        ``discount_rate``) with ``before``, ``after`` (the driver's value),
        ``value_after`` and ``change_pct`` (percent change of firm value).
    step : float
        The relative improvement (0.01 for 1%).
    inputs : dict
        The arguments of :func:`firm_value`.
    """

    base_value: float
    table: pd.DataFrame = field(repr=False)
    step: float
    inputs: Mapping[str, Any] = field(repr=False)

    def __post_init__(self) -> None:
        check_results_finite(
            "equity_sensitivity",
            {"base_value": self.base_value, "table": self.table},
            self.inputs,
        )

    @property
    def value(self) -> pd.Series:
        """Percent change of firm value by driver."""
        return self.table["change_pct"]

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={v:+.3g}%" for k, v in self.table["change_pct"].items())
        return f"SensitivityResult(step={self.step:g}, {parts})"

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the table of drivers."""
        return self.table.copy()


#: Direction of a 1% *improvement* of each driver.
_IMPROVE = {"retention": 1.0, "margin": 1.0, "acquisition_cost": -1.0, "discount_rate": -1.0}


def equity_sensitivity(
    margin: float,
    retention: float,
    discount_rate: float,
    *,
    current_customers: float,
    new_customers: float,
    acquisition_cost: float,
    growth: float = 0.0,
    periods: int | None = None,
    step: float = 0.01,
) -> SensitivityResult:
    """Percent change in firm value from a 1% better retention, margin, CAC and discount rate.

    Parameters
    ----------
    margin, retention, discount_rate, current_customers, new_customers, acquisition_cost, \
growth, periods
        As in :func:`firm_value`.
    step : float, default 0.01
        Relative improvement of each driver, between 0 and 0.5: retention and
        margin are multiplied by ``1 + step``, acquisition cost and discount
        rate by ``1 - step``, one at a time.

    Returns
    -------
    SensitivityResult
        Table of drivers with the percent change in firm value.

    Notes
    -----
    For driver :math:`x` improved to :math:`x(1 \\pm s)`:

    .. math::

        \\Delta\\% = 100\\,\\frac{V(x(1\\pm s)) - V(x)}{V(x)}.

    Gupta, Lehmann & Stuart (2004) found, for five firms, that a 1%
    improvement in retention, margin or acquisition cost raises firm value
    by about 5%, 1% and 0.1%, and that retention matters almost five times
    as much as the discount rate. The retention effect grows with the
    retention rate (:math:`\\partial \\ln V / \\partial \\ln r` of the margin
    multiple is :math:`(1+d)/(1+d-r)`), and the acquisition-cost effect
    with the share of new customers' value spent on acquiring them.

    References
    ----------
    Gupta, S., Lehmann, D. R., & Stuart, J. A. (2004). Valuing customers.
    *Journal of Marketing Research*, 41(1), 7-18 (the 5% : 1% : 0.1% finding
    is stated in the abstract).

    Examples
    --------
    >>> res = equity_sensitivity(100, 0.8, 0.1, current_customers=1000, new_customers=0,
    ...                          acquisition_cost=0)
    >>> round(float(res.table.loc["margin", "change_pct"]), 6)  # value is proportional to margin
    1.0
    """
    s = check_range_step(step)
    base_inputs = {
        "margin": margin, "retention": retention, "discount_rate": discount_rate,
        "current_customers": current_customers, "new_customers": new_customers,
        "acquisition_cost": acquisition_cost, "growth": growth, "periods": periods,
    }

    def value(**inputs: Any) -> float:
        args = dict(inputs)
        return firm_value(args.pop("margin"), args.pop("retention"), args.pop("discount_rate"),
                          **args).value

    base = value(**base_inputs)
    if base == 0:
        raise ValueError(
            "firm value is 0 with these inputs, so a percent change is undefined; "
            "give customers and a margin"
        )
    rows = []
    for driver, sign in _IMPROVE.items():
        before = check_finite(driver, base_inputs[driver])
        after = before * (1.0 + sign * s)
        if driver == "retention" and after >= 1.0:
            raise ValueError(
                f"retention improved by {s:g} becomes {after:g}, not below 1; "
                f"use a smaller step or a lower retention; got retention={before:g}"
            )
        new_value = value(**{**base_inputs, driver: after})
        rows.append((driver, before, after, new_value, 100.0 * (new_value - base) / abs(base)))
    table = pd.DataFrame(
        rows, columns=["driver", "before", "after", "value_after", "change_pct"]
    ).set_index("driver")
    return SensitivityResult(base_value=base, table=table, step=s, inputs=base_inputs)


def check_range_step(step: object) -> float:
    return check_range("step", step, 0.0, 0.5, low_inclusive=False)


@dataclass(frozen=True, eq=False)
class LeverResult:
    """Equity effect of more, longer and deeper relationships 多、久、深, side by side.

    Attributes
    ----------
    base_value : float
        Customer equity before any lever: customers × CLV.
    table : pandas.DataFrame
        Indexed by lever (``more``, ``longer``, ``deeper``, ``all three``),
        with ``customers``, ``retention``, ``margin``, ``expected_lifetime``
        (periods, :math:`1/(1-r)`), ``clv``, ``equity``, ``gain`` and
        ``gain_pct`` (percent of ``base_value``; NaN when ``base_value`` is 0,
        where a percentage means nothing).
    best : str
        The lever with the largest gain; when levers tie, the first of ``tied``
        in the order more, longer, deeper (read ``tied`` before naming a winner).
    improvement : float
        The relative improvement applied to each lever.
    inputs : dict
        The arguments.
    tied : tuple of str
        The levers whose gain equals the largest gain (to a relative 1e-9):
        one lever when it wins alone; two or three when they tie, e.g. *more*
        and *deeper* of the same size (each raises equity by exactly
        :math:`s`); all three when no lever moves equity (a margin of 0).
    """

    base_value: float
    table: pd.DataFrame = field(repr=False)
    best: str
    improvement: float
    inputs: Mapping[str, Any] = field(repr=False)
    tied: tuple[str, ...] = ()

    @property
    def value(self) -> pd.Series:
        """Gain in customer equity by lever."""
        return self.table["gain"]

    def __repr__(self) -> str:
        return f"LeverResult(base_value={self.base_value:,.2f}, best={self.best!r})"

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the table of levers."""
        return self.table.copy()


LEVERS = ("more", "longer", "deeper")


def _check_lever(name: str, value: object) -> float:
    return check_range(name, value, 0.0, 1.0, low_inclusive=False)


def more_longer_deeper(
    customers: float,
    margin: float,
    retention: float,
    discount_rate: float,
    *,
    improvement: float = 0.10,
    more: float | None = None,
    longer: float | None = None,
    deeper: float | None = None,
    convention: str = "end",
) -> LeverResult:
    """Equity effect of more customers, longer relationships and deeper ones (多、久、深).

    Parameters
    ----------
    customers : float
        Number of customers :math:`N` (greater than 0).
    margin : float
        Margin per customer per period :math:`m` (currency).
    retention : float
        Retention rate per period :math:`r`, between 0 and 1 (1 excluded).
    discount_rate : float
        Discount rate per period :math:`d` (0 or more).
    improvement : float, default 0.10
        Relative size :math:`s` of each lever, between 0 and 1 (0 excluded):
        *more* multiplies the customers by :math:`1+s` (acquisition,
        win-back, new segments); *longer* multiplies the expected
        relationship length :math:`1/(1-r)` by :math:`1+s`, i.e. divides the
        churn rate :math:`1-r` by :math:`1+s` (loyalty, retention); *deeper*
        multiplies the margin by :math:`1+s` (cross- and up-selling).
    more, longer, deeper : float, optional
        A different size for one lever (same rule as ``improvement``); the
        "all three" row applies each lever with its own size.
    convention : {"end", "start", "mid", "after_first"}
        Timing of the margins, as in :func:`crmlib.clv.retention_clv`.

    Returns
    -------
    LeverResult
        Table of the three levers (and all three together) with the equity
        and its gain.

    Notes
    -----
    Customer equity of a base of :math:`N` alike customers is
    :math:`N\\cdot\\mathrm{CLV}(m, r, d)`; with the ``"end"`` timing

    .. math::

        \\mathrm{CE} = N\\,\\frac{m}{1+d-r}, \\qquad
        r_{longer} = 1 - \\frac{1-r}{1+s}.

    *More* and *deeper* raise equity by exactly :math:`s`; *longer* by
    :math:`(1+d-r)/(1+d-r_{longer}) - 1`, which equals :math:`s` without
    discounting and is smaller with it: the added time lies in the future.
    (Measured as a 1% higher *retention rate* instead of a 1% longer
    lifetime, retention looks far stronger; see
    :func:`equity_sensitivity`.) The levers multiply: all three together
    give :math:`(1+s_{more})(1+s_{deeper})` times the *longer* factor.

    References
    ----------
    Blattberg, R. C., Getz, G., & Thomas, J. S. (2001). *Customer Equity:
    Building and Managing Relationships as Valuable Assets*. Harvard
    Business School Press (acquisition, retention and add-on selling as the
    levers of customer equity).

    Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of
    Interactive Marketing*, 17(1), 9-24.

    Examples
    --------
    >>> res = more_longer_deeper(1000, 100, 0.8, 0.1)
    >>> res.base_value  # 1000 x 100 / 0.3
    333333.33...
    >>> res.to_frame()["gain_pct"].round(4).tolist()  # base, more, longer, deeper, all three
    [0.0, 10.0, 6.4516, 10.0, 28.8065]

    (*longer*: 0.3 / (1.1 - 0.8182) = 1.0645; all three: 1.1 × 1.1 × 1.0645 = 1.2881.)
    >>> round(float(res.table.loc["longer", "retention"]), 4)  # 1 - 0.2 / 1.1
    0.8182
    >>> res.tied  # more and deeper of one size: +10% each, a tie
    ('more', 'deeper')
    """
    n = check_positive("customers", customers)
    m = check_finite("margin", margin)
    r = check_probability("retention", retention, allow_one=False)
    d = check_discount_rate(discount_rate)
    s = _check_lever("improvement", improvement)
    s_more, s_longer, s_deeper = (
        s if size is None else _check_lever(name, size)
        for name, size in (("more", more), ("longer", longer), ("deeper", deeper))
    )
    convention = check_choice("convention", convention, ("end", "start", "mid", "after_first"))
    r_longer = 1.0 - (1.0 - r) / (1.0 + s_longer)
    cases = {
        "base": (n, r, m),
        "more": (n * (1.0 + s_more), r, m),
        "longer": (n, r_longer, m),
        "deeper": (n, r, m * (1.0 + s_deeper)),
        "all three": (n * (1.0 + s_more), r_longer, m * (1.0 + s_deeper)),
    }
    rows = []
    for lever, (nn, rr, mm) in cases.items():
        clv = retention_clv(mm, rr, d, convention=convention).value
        rows.append((lever, nn, rr, mm, 1.0 / (1.0 - rr), clv, nn * clv))
    table = pd.DataFrame(
        rows,
        columns=["lever", "customers", "retention", "margin", "expected_lifetime", "clv", "equity"],
    ).set_index("lever")
    check_results_finite("more_longer_deeper", {"equity": table["equity"]}, {
        "customers": customers, "margin": margin, "retention": retention,
        "discount_rate": discount_rate, "improvement": improvement, "more": more,
        "longer": longer, "deeper": deeper})
    base = float(table.loc["base", "equity"])
    table["gain"] = table["equity"] - base
    table["gain_pct"] = 100.0 * table["gain"] / abs(base) if base != 0 else np.nan
    gains = table.loc[list(LEVERS), "gain"]
    top = float(gains.max())
    # equal to rounding: more and deeper of one size give the same gain by two routes
    tolerance = 1e-9 * max(abs(base), float(gains.abs().max()))
    tied = tuple(str(k) for k in LEVERS if gains[k] >= top - tolerance)
    return LeverResult(
        base_value=base,
        table=table,
        best=tied[0],
        improvement=s,
        inputs={"customers": n, "margin": m, "retention": r, "discount_rate": d,
                "more": s_more, "longer": s_longer, "deeper": s_deeper,
                "convention": convention},
        tied=tied,
    )
