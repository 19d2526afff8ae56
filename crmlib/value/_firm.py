"""Value of the customer to the firm 客户对企业的价值: current value, potential, value matrix.

Course section 1.2: current value 当前价值 (gross profit, activity-based
costing 作业成本法), growth potential 增值潜力 (share-of-wallet headroom and
cross/up-selling) and the current value × growth potential matrix of customer
value segmentation 客户价值细分.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._messages import fail
from crmlib._validation import (
    check_array,
    check_columns,
    check_finite,
    check_probability,
    check_results_finite,
)

__all__ = [
    "ABCResult",
    "ActivityRates",
    "GrossProfit",
    "GrowthPotential",
    "QUADRANTS",
    "ValueMatrix",
    "abc_cost_to_serve",
    "activity_rates",
    "gross_profit",
    "growth_potential",
    "value_matrix",
]


def _vector(name: str, values: object, n: int | None = None, *, minimum: float | None = None,
            index: pd.Index | None = None, per: str | None = None,
            ) -> tuple[np.ndarray, pd.Index]:
    """A 1-d float array (keeping a Series' index) of length ``n`` when given.

    ``per`` names the input whose length ``n`` is (named in the message too, as either
    may be the wrong one).
    """
    arr = check_array(name, values, minimum=minimum)
    if n is not None and arr.size != n:
        raise ValueError(f"{name} must have one entry per customer ({n}); got {arr.size}"
                         + (f", while {per} has {n}" if per else ""))
    if index is None:
        index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(arr.size)
    return arr, index


# --------------------------------------------------------------------------- gross profit


@dataclass(frozen=True, eq=False)
class GrossProfit:
    """Gross profit per customer (an indirect indicator of current value).

    Attributes
    ----------
    value : float
        Total gross profit of all customers (currency).
    margin : float
        Total gross profit / total sales (``nan`` when sales are 0).
    table : pandas.DataFrame
        One row per customer: ``sales``, ``cogs``, ``gross_profit`` and
        ``gross_margin`` (gross profit / sales, ``nan`` for zero sales).
    """

    value: float
    margin: float
    table: pd.DataFrame = field(repr=False)

    def __repr__(self) -> str:
        return f"GrossProfit(value={self.value:,.2f}, margin={self.margin:.4f})"

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-customer table."""
        return self.table.copy()


def gross_profit(sales: object, cogs: object) -> GrossProfit:
    """Gross profit per customer: sales − cost of goods sold (毛利 = 销售额 − 销售成本).

    Parameters
    ----------
    sales : array-like or pandas.Series
        Sales (revenue) of each customer in the period (currency), 0 or greater.
        A Series' index labels the customers.
    cogs : array-like or pandas.Series
        Cost of goods sold to each customer in the period (currency), 0 or
        greater; one entry per customer.

    Returns
    -------
    GrossProfit
        Total, overall margin and a per-customer table.

    Notes
    -----
    .. math::

        GP_i = S_i - \\mathrm{COGS}_i, \\qquad
        \\text{gross margin}_i = GP_i / S_i .

    Gross profit is the course's *indirect* indicator of current value: it
    ignores what it costs to serve the customer (orders, deliveries, visits,
    service calls), which :func:`abc_cost_to_serve` adds.

    References
    ----------
    Kaplan, R. S. and Cooper, R. (1998), *Cost & Effect: Using Integrated Cost
    Systems to Drive Profitability and Performance*, Harvard Business School
    Press, chapter 10 (customer profitability: gross margin less cost to serve).

    Examples
    --------
    >>> gp = gross_profit([1000, 400], [700, 250])
    >>> gp
    GrossProfit(value=450.00, margin=0.3214)
    >>> gp.table["gross_profit"].tolist()
    [300.0, 150.0]
    """
    s, index = _vector("sales", sales, minimum=0.0)
    c, _ = _vector("cogs", cogs, s.size, minimum=0.0, per="sales")
    gp = s - c
    with np.errstate(divide="ignore", invalid="ignore"):
        margin_i = np.where(s > 0, gp / np.where(s > 0, s, 1.0), np.nan)
    table = pd.DataFrame({"sales": s, "cogs": c, "gross_profit": gp, "gross_margin": margin_i},
                         index=index)
    with np.errstate(over="ignore"):  # an overflow to inf is refused just below
        total_sales, total = float(s.sum()), float(gp.sum())
    # total sales too: inf would give a margin of 0 beside a finite gross profit
    check_results_finite("gross_profit", {"value": total, "total sales": total_sales,
                                          "gross_profit": gp}, {"sales": sales, "cogs": cogs})
    return GrossProfit(value=total, margin=total / total_sales if total_sales > 0 else np.nan,
                       table=table)


# --------------------------------------------------------------------------- ABC costing


@dataclass(frozen=True, eq=False)
class ActivityRates:
    """Activity cost pools and cost-driver rates (stage 1 and 2 of activity-based costing).

    Attributes
    ----------
    rates : pandas.Series
        Cost per unit of each activity's driver (currency per order, per
        visit, ...), indexed by activity.
    table : pandas.DataFrame
        One row per activity: ``cost_pool`` (resource cost assigned to the
        activity), ``driver_volume`` (total driver quantity) and ``rate``.
    assignment : pandas.DataFrame
        Resource cost assigned to each activity (resources × activities).
    """

    rates: pd.Series = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    assignment: pd.DataFrame = field(repr=False)

    @property
    def value(self) -> pd.Series:
        """The rates (same as ``rates``)."""
        return self.rates

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v:,.2f}" for k, v in self.rates.items())
        return f"ActivityRates({shown})"

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-activity table."""
        return self.table.copy()


def _frame_of_numbers(name: str, frame: object) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(frame).__name__}")
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise ValueError(f"{name} must have at least one row and one column; got shape "
                         f"{frame.shape}")
    try:
        arr = frame.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold only numbers") from None
    check_array(name, arr, ndim=2, minimum=0.0)
    return frame


def _series_of_numbers(name: str, values: object) -> pd.Series:
    if isinstance(values, Mapping):
        values = pd.Series(dict(values), dtype=float)
    if not isinstance(values, pd.Series):
        raise TypeError(f"{name} must be a pandas Series or a dict of numbers by name; "
                        f"got {type(values).__name__}")
    check_array(name, values.to_numpy(dtype=float), minimum=0.0)
    return values.astype(float)


def _missing_labels(name: str, have: pd.Index, needed: pd.Index, what: str) -> None:
    missing = [str(x) for x in needed if x not in have]
    if missing:
        listed = ", ".join(repr(m) for m in missing)
        raise ValueError(f"{name} has no entry for the {what} {listed}")


def activity_rates(
    resource_costs: Mapping[str, float] | pd.Series,
    resource_drivers: pd.DataFrame,
    driver_volumes: Mapping[str, float] | pd.Series,
) -> ActivityRates:
    """Activity cost-driver rates from resource costs, resource drivers and activity volumes.

    Activity-based costing 作业成本法: "cost objects consume activities,
    activities consume resources". Stage 1 assigns each resource's cost to
    activities in proportion to the resource driver (e.g. staff hours);
    stage 2 divides each activity's cost pool by the total volume of its
    cost driver (orders processed, visits made ...) to get a rate.

    Parameters
    ----------
    resource_costs : dict or pandas.Series
        Cost of each resource in the period (currency), 0 or greater,
        by resource name.
    resource_drivers : pandas.DataFrame
        Resources (rows, names as in ``resource_costs``) × activities
        (columns): how much of each resource every activity uses, in any
        unit (hours, % of time, m²); each row is turned into shares. Every
        row must have a positive total.
    driver_volumes : dict or pandas.Series
        Total quantity of each activity's cost driver in the period (number
        of orders, visits, ...), greater than 0, by activity name.

    Returns
    -------
    ActivityRates
        Cost pools, driver volumes and rates per activity.

    Notes
    -----
    With resource costs :math:`R_r`, resource-driver quantities
    :math:`u_{ra}` and driver volumes :math:`V_a`:

    .. math::

        C_a = \\sum_r R_r \\, \\frac{u_{ra}}{\\sum_{a'} u_{ra'}}, \\qquad
        \\text{rate}_a = \\frac{C_a}{V_a}.

    The cost pools add up to the total resource cost.

    References
    ----------
    Kaplan, R. S. and Cooper, R. (1998), *Cost & Effect*, Harvard Business
    School Press, chapters 6-7 (resource drivers, activity cost drivers).
    Cooper, R. and Kaplan, R. S. (1988), "Measure costs right: make the right
    decisions", *Harvard Business Review* 66(5), 96-103.

    Examples
    --------
    Order desk staff cost 60,000 and spend 75% of their time taking orders and
    25% answering service calls; the firm took 1,500 orders and 500 calls:

    >>> drivers = pd.DataFrame({"order": [75], "call": [25]}, index=["staff"])
    >>> activity_rates({"staff": 60_000}, drivers, {"order": 1_500, "call": 500})
    ActivityRates(order=30.00, call=30.00)
    """
    costs = _series_of_numbers("resource_costs", resource_costs)
    drivers = _frame_of_numbers("resource_drivers", resource_drivers)
    volumes = _series_of_numbers("driver_volumes", driver_volumes)
    _missing_labels("resource_costs", costs.index, drivers.index, "resource")
    _missing_labels("driver_volumes", volumes.index, drivers.columns, "activity")
    usage = drivers.astype(float)
    totals = usage.sum(axis=1)
    if (totals <= 0).any():
        bad = totals.index[np.flatnonzero((totals <= 0).to_numpy())[0]]
        raise ValueError(f"resource_drivers row {bad!r} must have a positive total (the "
                         "resource must be used by some activity); got 0")
    vol = volumes.reindex(usage.columns)
    if (vol <= 0).any():
        bad = vol.index[np.flatnonzero((vol <= 0).to_numpy())[0]]
        raise ValueError(f"driver_volumes must be greater than 0 for every activity; "
                         f"{bad!r} is {vol[bad]:g}")
    assignment = usage.div(totals, axis=0).mul(costs.reindex(usage.index), axis=0)
    pools = assignment.sum(axis=0)
    rates = pools / vol
    rates.name = "rate"
    table = pd.DataFrame({"cost_pool": pools, "driver_volume": vol, "rate": rates})
    table.index.name = "activity"
    return ActivityRates(rates=rates, table=table, assignment=assignment)


@dataclass(frozen=True, eq=False)
class ABCResult:
    """Cost to serve and profit per customer by activity-based costing.

    Attributes
    ----------
    value : float
        Total profit after cost to serve (currency); total ``-cost_to_serve``
        when no gross profit was given.
    cost_to_serve : pandas.Series
        Cost to serve each customer (currency).
    table : pandas.DataFrame
        One row per customer: the cost of each activity, ``cost_to_serve``,
        and with a gross profit also ``gross_profit`` and ``profit``.
    rates : pandas.Series
        The activity rates used.
    """

    value: float
    cost_to_serve: pd.Series = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    rates: pd.Series = field(repr=False)

    def __repr__(self) -> str:
        n_loss = int((self.table["profit"] < 0).sum()) if "profit" in self.table else 0
        return (f"ABCResult(value={self.value:,.2f}, cost_to_serve={self.cost_to_serve.sum():,.2f}"
                f", unprofitable={n_loss})")

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-customer table."""
        return self.table.copy()


def abc_cost_to_serve(
    activity_usage: pd.DataFrame,
    activity_rates: Mapping[str, float] | pd.Series | ActivityRates,
    gross_profit: object | None = None,
) -> ABCResult:
    """Cost to serve and profit per customer by activity-based costing (ABC 作业成本法).

    Parameters
    ----------
    activity_usage : pandas.DataFrame
        Customers (rows) × activities (columns): how many units of each
        activity's cost driver the customer used in the period (orders,
        deliveries, visits ...), 0 or greater.
    activity_rates : dict, pandas.Series or ActivityRates
        Cost per driver unit of each activity (currency), 0 or greater, by
        activity name; e.g. the result of :func:`activity_rates`. Every
        column of ``activity_usage`` needs a rate.
    gross_profit : array-like, pandas.Series or GrossProfit, optional
        Gross profit of each customer (sales − cost of goods sold), in the
        row order of ``activity_usage`` (a Series is aligned by index). When
        given, profit after cost to serve is computed.

    Returns
    -------
    ABCResult
        Cost per activity, cost to serve and profit per customer.

    Notes
    -----
    Customer :math:`i` uses :math:`q_{ia}` units of activity :math:`a`, whose
    rate is :math:`\\text{rate}_a`:

    .. math::

        \\mathrm{CTS}_i = \\sum_a q_{ia}\\, \\text{rate}_a, \\qquad
        \\pi_i = GP_i - \\mathrm{CTS}_i .

    Customer profit = price paid − cost to serve (course section 1.2): the
    direct indicator of current value.

    References
    ----------
    Kaplan, R. S. and Cooper, R. (1998), *Cost & Effect*, Harvard Business
    School Press, chapter 10 (customer profitability, cost to serve).
    Kaplan, R. S. and Anderson, S. R. (2004), "Time-driven activity-based
    costing", *Harvard Business Review* 82(11), 131-138.

    Examples
    --------
    Two customers with the same gross profit; one orders often in small lots:

    >>> usage = pd.DataFrame({"order": [2, 20], "call": [1, 6]}, index=["A", "B"])
    >>> res = abc_cost_to_serve(usage, {"order": 30.0, "call": 30.0},
    ...                         gross_profit=[1000.0, 1000.0])
    >>> res.table[["cost_to_serve", "profit"]]
       cost_to_serve  profit
    A           90.0   910.0
    B          780.0   220.0
    """
    usage = _frame_of_numbers("activity_usage", activity_usage)
    if isinstance(activity_rates, ActivityRates):
        activity_rates = activity_rates.rates
    rates = _series_of_numbers("activity_rates", activity_rates)
    _missing_labels("activity_rates", rates.index, usage.columns, "activity")
    rates = rates.reindex(usage.columns)
    costs = usage.astype(float).mul(rates, axis=1)
    cts = costs.sum(axis=1)
    cts.name = "cost_to_serve"
    table = costs.copy()
    table["cost_to_serve"] = cts
    if gross_profit is not None:
        if isinstance(gross_profit, GrossProfit):
            gross_profit = gross_profit.table["gross_profit"]
        if isinstance(gross_profit, pd.Series):
            gp_series = gross_profit
            _missing_labels("gross_profit", gp_series.index, usage.index, "customer")
            gp = check_array("gross_profit", gp_series.reindex(usage.index).to_numpy(float))
        else:
            gp = check_array("gross_profit", gross_profit)
            if gp.size != len(usage):
                raise ValueError(f"gross_profit must have one entry per customer "
                                 f"({len(usage)}); got {gp.size}")
        table["gross_profit"] = gp
        with np.errstate(over="ignore"):  # an overflow to inf is refused just below
            table["profit"] = gp - cts.to_numpy()
            total = float(table["profit"].sum())
        check_results_finite("abc_cost_to_serve", {"value": total, "profit": table["profit"]},
                             {"gross_profit": gross_profit})
    else:
        total = -float(cts.sum())
    return ABCResult(value=total, cost_to_serve=cts, table=table, rates=rates)


# --------------------------------------------------------------------------- growth potential


@dataclass(frozen=True, eq=False)
class GrowthPotential:
    """Growth potential 增值潜力 of each customer, in gross profit per period.

    Attributes
    ----------
    value : pandas.Series
        Potential of each customer (currency per period).
    table : pandas.DataFrame
        One row per customer: ``share_of_wallet``, ``headroom`` (wallet −
        spend), ``lines_not_held``, ``wallet_potential``,
        ``cross_sell_potential`` and ``potential``.
    inputs : dict
        The parameters (capture, cross_sell_rate, value_per_line, margin).
    """

    value: pd.Series = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    inputs: Mapping[str, Any] = field(repr=False)

    def __repr__(self) -> str:
        return (f"GrowthPotential(total={self.value.sum():,.2f}, "
                f"customers={len(self.value)})")

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-customer table."""
        return self.table.copy()


def growth_potential(
    spend: object,
    wallet: object,
    lines_held: object | None = None,
    lines_offered: int | None = None,
    *,
    capture: float = 0.25,
    cross_sell_rate: float = 0.1,
    value_per_line: object = 0.0,
    margin: float = 1.0,
) -> GrowthPotential:
    """Growth potential 增值潜力: gross profit still to win by share of wallet and cross-selling.

    Parameters
    ----------
    spend : array-like or pandas.Series
        What each customer spends with the firm in the period (currency), 0
        or greater. A Series' index labels the customers.
    wallet : array-like or pandas.Series
        Each customer's total spend in the category, with every supplier
        (currency), at least ``spend``: the "wallet" of share of wallet
        荷包份额.
    lines_held : array-like, optional
        Number of the firm's product lines each customer already buys
        (0 to ``lines_offered``). Omit (with ``lines_offered``) to leave out
        cross-selling.
    lines_offered : int, optional
        Number of product lines the firm offers, at least 1.
    capture : float, default 0.25
        Share of the wallet headroom the firm can realistically win, 0 to 1.
    cross_sell_rate : float, default 0.1
        Chance that the firm sells one product line the customer does not
        hold yet, 0 to 1.
    value_per_line : float or array-like, default 0
        Revenue per period of one more product line (currency), 0 or
        greater; per customer or one number for all.
    margin : float, default 1
        Gross margin on the extra revenue, 0 to 1; 1 reports revenue
        potential.

    Returns
    -------
    GrowthPotential
        ``value`` is each customer's potential; ``table`` its parts.

    Notes
    -----
    For customer :math:`i` with spend :math:`S_i`, wallet :math:`W_i`,
    :math:`k_i` of :math:`K` product lines held:

    .. math::

        \\mathrm{SOW}_i = \\frac{S_i}{W_i}, \\qquad
        P_i = m\\left[c\\,(W_i - S_i) + s\\,(K - k_i)\\,v_i\\right],

    with capture :math:`c`, cross-sell rate :math:`s`, value per line
    :math:`v_i` and margin :math:`m`. The first term is the share-of-wallet
    headroom (up-selling within what the customer already buys from
    someone), the second cross-selling of lines not yet held. The parameters
    are assumptions to state and vary; the ranking of customers is what the
    value matrix uses.

    References
    ----------
    Zeithaml, V. A., Rust, R. T. and Lemon, K. N. (2001), "The customer
    pyramid: creating and serving profitable customers", *California
    Management Review* 43(4), 118-142 (current and potential value).
    Kumar, V. and Reinartz, W. (2018), *Customer Relationship Management*,
    3rd ed., Springer, chapter 6 (share of wallet; cross-buying).

    Examples
    --------
    A customer buys 400 of a 1,000 wallet and holds 2 of 5 lines, worth 100
    each; capture 25%, cross-sell rate 10%, margin 30%:

    >>> g = growth_potential([400], [1000], [2], 5, value_per_line=100, margin=0.3)
    >>> round(float(g.value.iloc[0]), 2)  # 0.3 * (0.25*600 + 0.1*3*100)
    54.0
    """
    s, index = _vector("spend", spend, minimum=0.0)
    w, _ = _vector("wallet", wallet, s.size, minimum=0.0, per="spend")
    over = s > w * (1 + 1e-12)
    if over.any():
        i = int(np.flatnonzero(over)[0])
        raise ValueError(f"wallet must be at least spend for every customer (the wallet is "
                         f"the customer's whole category spend); entry {i} has wallet "
                         f"{w[i]:g} < spend {s[i]:g}")
    c = check_probability("capture", capture)
    rate = check_probability("cross_sell_rate", cross_sell_rate)
    m = check_probability("margin", margin)
    if (lines_held is None) != (lines_offered is None):
        raise ValueError("lines_held and lines_offered must be given together (cross-selling "
                         "needs both); got only one of them")
    if lines_held is not None:
        if isinstance(lines_offered, bool) or not isinstance(lines_offered, (int, np.integer)):
            raise TypeError(f"lines_offered must be a whole number; got {lines_offered!r}")
        if lines_offered < 1:
            raise ValueError(f"lines_offered must be at least 1; got {lines_offered}")
        check_finite("lines_offered", lines_offered)  # not an integer too large to compute with
        k, _ = _vector("lines_held", lines_held, s.size, minimum=0.0)
        if (k > lines_offered).any():
            i = int(np.flatnonzero(k > lines_offered)[0])
            raise ValueError(f"lines_held must be at most lines_offered ({lines_offered}); "
                             f"entry {i} is {k[i]:g}")
        not_held = lines_offered - k
    else:
        not_held = np.zeros(s.size)
    v = check_array("value_per_line", value_per_line, minimum=0.0)
    if v.size not in (1, s.size):
        raise ValueError(f"value_per_line must be one number or one per customer ({s.size}); "
                         f"got {v.size}")
    with np.errstate(divide="ignore", invalid="ignore"):
        sow = np.where(w > 0, s / np.where(w > 0, w, 1.0), np.nan)
    headroom = w - s
    wallet_pot = m * c * headroom
    cross_pot = m * rate * not_held * v
    potential = wallet_pot + cross_pot
    table = pd.DataFrame({
        "share_of_wallet": sow, "headroom": headroom, "lines_not_held": not_held,
        "wallet_potential": wallet_pot, "cross_sell_potential": cross_pot,
        "potential": potential}, index=index)
    return GrowthPotential(
        value=table["potential"].copy(), table=table,
        inputs={"capture": c, "cross_sell_rate": rate, "margin": m,
                "lines_offered": lines_offered})


# --------------------------------------------------------------------------- value matrix

#: The four cells of the current value × growth potential matrix: key ->
#: (current high?, potential high?, English name, Chinese name, English action, Chinese action).
QUADRANTS: dict[str, tuple[bool, bool, str, str, str, str]] = {
    "invest": (True, True, "high value, high potential", "高价值、高潜力",
               "invest and keep: the most valuable customers, give them priority resources",
               "重点投入，全力保持：最有价值的客户，优先配置资源"),
    "maintain": (True, False, "high value, low potential", "高价值、低潜力",
                 "maintain: keep the relationship and its profit at a sensible cost",
                 "维持：以合理成本保持现有关系和利润"),
    "develop": (False, True, "low value, high potential", "低价值、高潜力",
                "develop: invest to grow share of wallet and cross-sell",
                "重点发展：投入资源提升荷包份额，交叉销售"),
    "reduce": (False, False, "low value, low potential", "低价值、低潜力",
               "reduce the cost of service, or let go",
               "降低服务成本，或放弃"),
}


@dataclass(frozen=True, eq=False)
class ValueMatrix:
    """Customers placed in the current value × growth potential matrix (客户价值矩阵).

    Attributes
    ----------
    table : pandas.DataFrame
        One row per customer: ``current``, ``potential``, ``quadrant`` (a key
        of :data:`QUADRANTS`), ``action`` and ``action_zh``.
    summary : pandas.DataFrame
        One row per quadrant (invest, maintain, develop, reduce): ``name``,
        ``name_zh``, ``customers``, ``customer_share``, ``current``
        (total), ``current_share``, ``potential`` (total),
        ``potential_share``, ``action``, ``action_zh``.
    current_split, potential_split : float
        Where the lines are drawn.
    split : str
        How the splits were chosen (``"median"``, ``"mean"`` or ``"given"``).
    """

    table: pd.DataFrame = field(repr=False)
    summary: pd.DataFrame = field(repr=False)
    current_split: float
    potential_split: float
    split: str

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={int(v)}" for k, v in self.summary["customers"].items())
        return (f"ValueMatrix(current_split={self.current_split:,.2f}, "
                f"potential_split={self.potential_split:,.2f}, {counts})")

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-quadrant summary."""
        return self.summary.copy()


def _share(part: np.ndarray, total: float) -> float:
    return float(part.sum() / total) if total != 0 else np.nan


def value_matrix(
    customers: pd.DataFrame,
    current: str = "current_value",
    potential: str = "growth_potential",
    split: str | tuple[float, float] = "median",
) -> ValueMatrix:
    """Customer value segmentation 客户价值细分: current value × growth potential, a 2×2 matrix.

    Parameters
    ----------
    customers : pandas.DataFrame
        One row per customer. Never modified.
    current : str, default "current_value"
        Column of current value 当前价值 (e.g. profit after cost to serve,
        currency); finite numbers, may be negative.
    potential : str, default "growth_potential"
        Column of growth potential 增值潜力 (e.g. :func:`growth_potential`);
        finite numbers.
    split : {"median", "mean"} or (float, float), default "median"
        Where to split each axis: at the median or mean of the column, or
        at the two given numbers (current, potential).

    Returns
    -------
    ValueMatrix
        Quadrant of each customer, sizes and value shares per quadrant,
        and the course's action for each.

    Notes
    -----
    A customer is *high* on an axis when its value is strictly above the
    split, :math:`x_i > x^*`; a value on the line counts as low. The
    quadrants and the course's actions:

    .. math::

        \\text{quadrant}_i = (\\mathbb{1}[c_i > c^*],\\ \\mathbb{1}[p_i > p^*])

    * high current, high potential — invest and keep (重点投入，全力保持);
    * high current, low potential — maintain (维持);
    * low current, high potential — develop (重点发展);
    * both low — reduce the cost of service or let go (降低服务成本或放弃).

    Value shares are each quadrant's total divided by the total of all
    customers (``nan`` when that total is 0; a share can exceed 1 when some
    customers lose money).

    References
    ----------
    Zeithaml, V. A., Rust, R. T. and Lemon, K. N. (2001), "The customer
    pyramid: creating and serving profitable customers", *California
    Management Review* 43(4), 118-142. Course material (customer value
    segmentation 客户价值细分: current value × growth potential).

    Examples
    --------
    >>> df = pd.DataFrame({"current_value": [10, 8, 2, 1],
    ...                    "growth_potential": [9, 1, 7, 2]}, index=list("abcd"))
    >>> vm = value_matrix(df)
    >>> vm.table["quadrant"].tolist()
    ['invest', 'maintain', 'develop', 'reduce']
    >>> round(float(vm.summary.loc["invest", "current_share"]), 4)  # 10 / 21
    0.4762
    """
    for label, column in (("current", current), ("potential", potential)):
        if not isinstance(column, str):
            raise TypeError(f"{label} must be the name of a column of customers; got "
                            f"{column!r} ({type(column).__name__})")
    frame = check_columns("customers", customers, [current, potential])
    if len(frame) == 0:
        raise fail(ValueError, "no_rows", name="customers")
    cur = check_array(f"customers column {current!r}", frame[current].to_numpy(dtype=float))
    pot = check_array(f"customers column {potential!r}", frame[potential].to_numpy(dtype=float))
    if isinstance(split, str):
        if split not in ("median", "mean"):
            raise ValueError(f"split must be 'median', 'mean' or two numbers (current, "
                             f"potential); got {split!r}")
        fn = np.median if split == "median" else np.mean
        c_star, p_star, how = float(fn(cur)), float(fn(pot)), split
    else:
        if not isinstance(split, (tuple, list)) or len(split) != 2:
            raise ValueError(f"split must be 'median', 'mean' or two numbers (current, "
                             f"potential); got {split!r}")
        c_star = check_finite("split[0] (current)", split[0])
        p_star = check_finite("split[1] (potential)", split[1])
        how = "given"
    hi_c, hi_p = cur > c_star, pot > p_star
    keys = np.empty(cur.size, dtype=object)
    for key, (hc, hp, *_rest) in QUADRANTS.items():
        keys[(hi_c == hc) & (hi_p == hp)] = key
    table = pd.DataFrame({"current": cur, "potential": pot, "quadrant": keys}, index=frame.index)
    table["action"] = table["quadrant"].map({k: v[4] for k, v in QUADRANTS.items()})
    table["action_zh"] = table["quadrant"].map({k: v[5] for k, v in QUADRANTS.items()})
    total_c, total_p = float(cur.sum()), float(pot.sum())
    rows = []
    for key, (_hc, _hp, name, name_zh, action, action_zh) in QUADRANTS.items():
        mask = keys == key
        rows.append({
            "quadrant": key, "name": name, "name_zh": name_zh, "customers": int(mask.sum()),
            "customer_share": float(mask.mean()), "current": float(cur[mask].sum()),
            "current_share": _share(cur[mask], total_c), "potential": float(pot[mask].sum()),
            "potential_share": _share(pot[mask], total_p), "action": action,
            "action_zh": action_zh})
    summary = pd.DataFrame(rows).set_index("quadrant")
    return ValueMatrix(table=table, summary=summary, current_split=c_star,
                       potential_split=p_star, split=how)
