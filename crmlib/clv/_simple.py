"""The simple business formula: purchase value × frequency × lifespan − acquisition cost."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmlib._validation import check_choice, check_columns, check_positive, check_results_finite
from crmlib.clv._formulas import MAX_PERIODS
from crmlib.clv._result import CLVResult, cashflow_table
from crmlib.transactions._parse import check_decimal, check_id_types, parse_amounts, parse_dates

__all__ = ["SimpleCLVInputs", "simple_clv", "simple_clv_inputs"]

SINGLE_PURCHASE = ("zero", "exclude")


def simple_clv(
    avg_purchase_value: float,
    purchase_frequency: float,
    lifespan: float,
    acquisition_cost: float = 0.0,
    *,
    time_unit: str = "year",
) -> CLVResult:
    """Simple business CLV: average purchase value × frequency × lifespan − acquisition cost.

    Parameters
    ----------
    avg_purchase_value : float
        Average value of one purchase (currency), 0 or greater.
    purchase_frequency : float
        Purchases per time unit (e.g. per year), 0 or greater.
    lifespan : float
        Average customer lifespan in the same time unit, greater than 0 and
        at most 100000 (may be fractional).
    acquisition_cost : float, default 0
        Cost of acquiring the customer (currency), 0 or greater.
    time_unit : str, default "year"
        Label of the time unit shared by ``purchase_frequency`` and
        ``lifespan``; it is stored in ``inputs`` and changes nothing else.

    Returns
    -------
    CLVResult
        ``convention`` is ``"undiscounted"``; ``periods`` is the lifespan;
        ``cashflows`` has one row per time unit (the last row covers the
        fractional remainder, if any), with ``discount_factor`` 1 and a
        ``cumulative_value`` that starts from ``-acquisition_cost``.

    Notes
    -----
    .. math::

        \\mathrm{CLV} = \\bar{v}\\, f\\, L - \\mathrm{CAC},

    with :math:`\\bar{v}` the average purchase value, :math:`f` the purchase
    frequency, :math:`L` the lifespan and CAC the acquisition cost. The
    formula ignores discounting and margins (it values revenue); use
    :func:`discounted_clv` or :func:`retention_clv` to see how they change
    the number.

    References
    ----------
    Kotler, P., & Armstrong, G. *Principles of Marketing*, chapter 1
    (customer lifetime value; the Stew Leonard's example: $100 a week, 50
    weeks a year, about 10 years, $50,000).

    Examples
    --------
    Stew Leonard's grocery customer (Kotler & Armstrong): $100 a week, 50
    weeks a year, for 10 years:

    >>> simple_clv(100, 50, 10)
    CLVResult(value=50000.00, convention='undiscounted', periods=10)

    The course's B2B software client, 2 purchases a year of ¥100,000 for 5
    years:

    >>> simple_clv(100_000, 2, 5).value
    1000000.0
    """
    v = check_positive("avg_purchase_value", avg_purchase_value, allow_zero=True)
    f = check_positive("purchase_frequency", purchase_frequency, allow_zero=True)
    life = check_positive("lifespan", lifespan)
    if life > MAX_PERIODS:
        raise ValueError(
            f"lifespan must be at most {MAX_PERIODS} time units; got {lifespan!r}. "
            "Use a larger time unit"
        )
    cac = check_positive("acquisition_cost", acquisition_cost, allow_zero=True)
    if not isinstance(time_unit, str):
        raise TypeError(f"time_unit must be a string; got {type(time_unit).__name__}")

    rows = math.ceil(life)
    k = np.arange(1, rows + 1, dtype=float)
    covered = np.minimum(1.0, life - (k - 1.0))  # share of each time unit inside the lifespan
    table = cashflow_table(
        np.minimum(k, life), np.ones(rows), v * f * covered, 0.0, acquisition_cost=cac
    )
    formula = r"\bar{v}\,f\,L" + (r"-\mathrm{CAC}" if cac else "")
    return CLVResult(
        value=v * f * life - cac,
        convention="undiscounted",
        periods=life,
        cashflows=table,
        inputs={
            "avg_purchase_value": v,
            "purchase_frequency": f,
            "lifespan": life,
            "acquisition_cost": cac,
            "time_unit": time_unit,
        },
        formula=formula,
        method="simple_clv",
    )


@dataclass(frozen=True)
class SimpleCLVInputs:
    """The three inputs of :func:`simple_clv` measured on a transaction table.

    Attributes
    ----------
    avg_purchase_value : float
        Revenue / number of orders.
    purchase_frequency : float
        Orders per customer per period: orders / customers / ``period_length``.
    lifespan : float
        Mean time from first to last purchase per customer, in periods.
    revenue : float
        Total of the amount column.
    n_orders, n_customers, n_repeat_customers : int
        Counts; a repeat customer bought on more than one date.
    period_length : float
        Length of the observation period, in periods.
    days_per_period : float
        Days in one period (365.25 = years).
    single_purchase : str
        How customers with a single purchase date entered the lifespan.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2],
    ...                    "date": ["2023-01-01", "2024-01-01", "2023-06-01"],
    ...                    "amount": [100.0, 200.0, 60.0]})
    >>> inputs = simple_clv_inputs(tx, days_per_period=365)
    >>> inputs.avg_purchase_value, inputs.purchase_frequency, inputs.lifespan
    (120.0, 1.5, 0.5)
    >>> inputs.clv(acquisition_cost=50).value  # 120 * 1.5 * 0.5 - 50
    40.0
    """

    avg_purchase_value: float
    purchase_frequency: float
    lifespan: float
    revenue: float
    n_orders: int
    n_customers: int
    n_repeat_customers: int
    period_length: float
    days_per_period: float
    single_purchase: str

    def __post_init__(self) -> None:
        check_results_finite(
            "simple_clv_inputs",
            {
                "avg_purchase_value": self.avg_purchase_value,
                "purchase_frequency": self.purchase_frequency,
                "lifespan": self.lifespan,
            },
            {"days_per_period": self.days_per_period, "period_length": self.period_length},
        )

    def __repr__(self) -> str:
        return (
            f"SimpleCLVInputs(avg_purchase_value={self.avg_purchase_value:.2f}, "
            f"purchase_frequency={self.purchase_frequency:.4g}, lifespan={self.lifespan:.4g}, "
            f"n_customers={self.n_customers})"
        )

    def clv(self, acquisition_cost: float = 0.0) -> CLVResult:
        """Return :func:`simple_clv` of these inputs (one time unit = one period)."""
        if self.lifespan == 0:
            raise ValueError(
                "lifespan is 0 because no customer bought on two different dates, so the "
                "simple formula has no lifetime to multiply; use a longer observation period"
            )
        return simple_clv(
            self.avg_purchase_value,
            self.purchase_frequency,
            self.lifespan,
            acquisition_cost,
            time_unit=f"{self.days_per_period:g} days",
        )

    def to_frame(self) -> pd.DataFrame:
        """Return the measures as a one-row DataFrame."""
        return pd.DataFrame([self.__dict__])


def _row_label(frame: pd.DataFrame, mask: pd.Series) -> str:
    i = int(np.flatnonzero(mask.to_numpy())[0])
    return f"row {frame.index[i]!r}"


def simple_clv_inputs(
    transactions: pd.DataFrame,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    *,
    order: str | None = None,
    days_per_period: float = 365.25,
    period_length: float | None = None,
    single_purchase: str = "zero",
    dayfirst: bool | None = None,
    date_format: str | None = None,
    decimal: str | None = None,
) -> SimpleCLVInputs:
    """Measure average purchase value, purchase frequency and lifespan from transactions.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase (or per order line, with ``order``).
    customer, date, amount : str
        Column names of the customer id, the purchase date and the purchase
        amount (currency). Dates are read by the parser of
        :func:`crmlib.transactions.read_transactions`, with its rules:
        datetime cells, text such as ``2024-01-05`` / ``2024年1月5日`` /
        ``05/01/2024``, yyyymmdd numbers (20240105) and Excel serial dates
        (45296); impossible dates, a year alone and dates outside 1677-2262
        raise ``ValueError`` naming the row.
    order : str, optional
        Column of order ids; rows of one customer sharing an order id count
        as one order. Default: every row is one order.
    days_per_period : float, default 365.25
        Days in one period: 365.25 gives per-year frequency and a lifespan
        in years, 7 weeks, 30.4375 months.
    period_length : float, optional
        Length of the observation period in periods (greater than 0).
        Default: from the first to the last date in the table.
    single_purchase : {"zero", "exclude"}
        Customers who bought on one date only have a first-to-last span of
        0. ``"zero"`` (default) averages those zeros in, as the textbook
        definition does; ``"exclude"`` averages over repeat customers only.
    dayfirst : bool, optional
        How to read year-last text dates such as ``05/01/2024``: True
        day/month/year, False month/day/year. Default: the column tells (a
        number above 12 in first or second place); if no date tells,
        ``ValueError`` asks for it, never a guess.
    date_format : str, optional
        A ``strftime`` format (e.g. ``"%d.%m.%Y"``) that text dates must match.
    decimal : {".", ","}, optional
        Decimal mark of text amounts, as in
        :func:`crmlib.transactions.read_transactions` (the same parser):
        ``"."`` (1,234.50) or ``","`` (1.234,50 or 1 234,50); currency signs
        (¥, RMB, 元, ...) are dropped. Default: the column tells (an amount
        such as 12.50, 12,5 or 1.234,50 fits only one mark); if no amount
        tells (only 1,234-like ones), ``ValueError`` asks for it, never a
        guess. An amount that does not fit the column's mark raises
        ``ValueError`` naming the row.

    Returns
    -------
    SimpleCLVInputs
        The three numbers, the counts, and ``.clv(acquisition_cost)``.

    Notes
    -----
    .. math::

        \\bar{v} = \\frac{\\text{revenue}}{\\text{orders}}, \\quad
        f = \\frac{\\text{orders}}{\\text{customers} \\times T}, \\quad
        L = \\frac{1}{N}\\sum_{j=1}^{N} (t_{j,\\text{last}} - t_{j,\\text{first}}),

    with :math:`T` the observation period and :math:`N` the customers
    averaged over. These are rough historical measures: "zero" shortens the
    lifespan of customers acquired late in the data, "exclude" lengthens it.
    The probabilistic models in :mod:`crmlib.models` treat this properly.

    References
    ----------
    Kotler, P., & Armstrong, G. *Principles of Marketing*, chapter 1
    (customer lifetime value).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b", "b"],
    ...                    "date": ["2024-01-01", "2024-01-01", "2024-01-01", "2024-12-31"],
    ...                    "amount": [30.0, 20.0, 40.0, 60.0],
    ...                    "order_id": [1, 1, 2, 3]})
    >>> simple_clv_inputs(tx, order="order_id", days_per_period=365)
    SimpleCLVInputs(avg_purchase_value=50.00, purchase_frequency=1.5, lifespan=0.5, n_customers=2)
    """
    columns = [customer, date, amount] + ([order] if order is not None else [])
    frame = check_columns("transactions", transactions, columns)
    per_day = check_positive("days_per_period", days_per_period)
    decimal = check_decimal(decimal)
    single_purchase = check_choice("single_purchase", single_purchase, SINGLE_PURCHASE)
    if len(frame) == 0:
        raise ValueError("transactions must hold at least one purchase; got an empty table")
    for col in columns:
        if col != amount and frame[col].isna().any():
            label = _row_label(frame, frame[col].isna())
            raise ValueError(
                f"transactions column {col!r} must have no missing values; {label} is missing"
            )
    parsed, why = parse_dates(frame[date], date_format, dayfirst)
    unusable = np.not_equal(why, None)
    if unusable.any():
        first = int(np.flatnonzero(unusable)[0])
        raise ValueError(
            f"transactions column {date!r} must hold dates; row {frame.index[first]!r} "
            f"cannot be used: {why[first]}"
        )
    when = pd.Series(parsed, index=frame.index)
    check_id_types("transactions", customer, pd.unique(frame[customer].to_numpy(dtype=object)))
    values, amount_why = parse_amounts(frame[amount], decimal)
    unusable = np.not_equal(amount_why, None)
    if unusable.any():
        first = int(np.flatnonzero(unusable)[0])
        raise ValueError(
            f"transactions column {amount!r} must hold finite numbers; row "
            f"{frame.index[first]!r} is {frame[amount].iloc[first]!r}: {amount_why[first]}"
        )
    money = pd.Series(values, index=frame.index)

    data = pd.DataFrame({"customer": frame[customer].to_numpy(), "when": when.to_numpy()})
    if order is None:
        n_orders = len(frame)
    else:
        n_orders = int(frame.groupby([customer, order], sort=False).ngroups)
    day = pd.Timedelta(days=1)
    if period_length is None:
        span_days = (data["when"].max() - data["when"].min()) / day
        if span_days <= 0:
            raise ValueError(
                "the transactions all fall on one date, so a purchase frequency per period "
                "cannot be measured; pass period_length (the observation period in periods)"
            )
        length = span_days / per_day
    else:
        length = check_positive("period_length", period_length)

    grouped = data.groupby("customer", sort=False)["when"]
    spans = ((grouped.max() - grouped.min()) / day / per_day).to_numpy(dtype=float)
    repeat = spans > 0
    if single_purchase == "exclude":
        if not repeat.any():
            raise ValueError(
                "single_purchase='exclude' needs at least one customer who bought on two "
                "different dates; every customer bought on one date only"
            )
        lifespan = float(spans[repeat].mean())
    else:
        lifespan = float(spans.mean())

    revenue = float(money.sum())
    n_customers = int(spans.size)
    return SimpleCLVInputs(
        avg_purchase_value=revenue / n_orders,
        purchase_frequency=n_orders / n_customers / length,
        lifespan=lifespan,
        revenue=revenue,
        n_orders=int(n_orders),
        n_customers=n_customers,
        n_repeat_customers=int(repeat.sum()),
        period_length=float(length),
        days_per_period=per_day,
        single_purchase=single_purchase,
    )
