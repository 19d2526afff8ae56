"""CLV against the customer acquisition cost (CAC): ratio and payback time."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._validation import check_finite, check_positive, check_probability
from crmlib.clv._components import ComponentsResult
from crmlib.clv._formulas import check_discount_rate, geometric_terms, kept_share
from crmlib.clv._result import TABLE_MAX_PERIODS, CLVResult, cashflow_table, table_length

__all__ = ["CACResult", "PaybackResult", "cac_payback", "clv_to_cac"]

#: Ratio bands: (lower bound, band, English verdict, Chinese verdict).
_BANDS = (
    (3.0, "healthy", "at or above the common 3:1 rule of thumb", "达到常用的 3:1 经验标准"),
    (
        1.0,
        "thin",
        "acquisition pays for itself, but below the common 3:1 rule of thumb",
        "获客成本可以收回，但低于常用的 3:1 经验标准",
    ),
    (
        -math.inf,
        "loss",
        "the customer is worth less than it costs to acquire: each acquisition loses money",
        "客户价值低于获客成本：每获得一位客户都在亏损",
    ),
)


@dataclass(frozen=True, eq=False)
class CACResult:
    """CLV-to-CAC ratio with a rule-of-thumb verdict.

    Attributes
    ----------
    ratio : float
        CLV / CAC.
    clv, acquisition_cost : float
        The two inputs.
    band : str
        ``"loss"`` (ratio below 1), ``"thin"`` (1 to below 3) or
        ``"healthy"`` (3 or more).
    verdict, verdict_zh : str
        The band in words, in English and Chinese.
    inputs : dict
        The arguments.
    formula : str
        LaTeX of the formula.
    """

    ratio: float
    clv: float
    acquisition_cost: float
    band: str
    verdict: str
    verdict_zh: str
    inputs: Mapping[str, Any] = field(repr=False)
    formula: str = field(repr=False)

    @property
    def value(self) -> float:
        """The ratio (same as ``ratio``)."""
        return self.ratio

    def __repr__(self) -> str:
        return f"CACResult(ratio={self.ratio:.2f}, band={self.band!r})"

    def to_frame(self) -> pd.DataFrame:
        """Return the result as a one-row DataFrame."""
        keys = ("ratio", "clv", "acquisition_cost", "band", "verdict", "verdict_zh")
        return pd.DataFrame([{k: getattr(self, k) for k in keys}])


def clv_to_cac(clv: float | CLVResult | ComponentsResult, acquisition_cost: float) -> CACResult:
    """Ratio of customer lifetime value to customer acquisition cost (CLV:CAC).

    Parameters
    ----------
    clv : float, CLVResult or ComponentsResult
        Lifetime value of a newly acquired customer (currency), acquisition
        cost not subtracted; a result object is replaced by its ``value``.
    acquisition_cost : float
        Cost of acquiring one customer (currency), greater than 0.

    Returns
    -------
    CACResult
        The ratio, a band and a verdict in words.

    Notes
    -----
    .. math::

        \\text{ratio} = \\frac{\\mathrm{CLV}}{\\mathrm{CAC}}.

    Below 1 every acquisition loses money. The "3:1" threshold is a rule of
    thumb from subscription software (SaaS) investing, not a law: it leaves
    room for the overheads and estimation error that CLV leaves out.

    References
    ----------
    Skok, D. SaaS metrics 2.0 - a guide to measuring and improving what
    matters. *For Entrepreneurs* (forentrepreneurs.com): LTV at least 3 ×
    CAC, CAC recovered in under 12 months.

    Examples
    --------
    >>> clv_to_cac(1000, 250)
    CACResult(ratio=4.00, band='healthy')
    >>> clv_to_cac(200, 250).verdict
    'the customer is worth less than it costs to acquire: each acquisition loses money'
    """
    if isinstance(clv, (CLVResult, ComponentsResult)):
        clv = clv.value
    value = check_finite("clv", clv)
    cac = check_positive("acquisition_cost", acquisition_cost)
    ratio = value / cac
    if not math.isfinite(ratio):
        raise OverflowError(
            f"clv / acquisition_cost is not a finite number (clv={value!r}, "
            f"acquisition_cost={cac!r}): the acquisition cost is too small next to the CLV; "
            "check the units of the two amounts"
        )
    _, band, verdict, verdict_zh = next(b for b in _BANDS if ratio >= b[0])
    return CACResult(
        ratio=ratio,
        clv=value,
        acquisition_cost=cac,
        band=band,
        verdict=verdict,
        verdict_zh=verdict_zh,
        inputs={"clv": value, "acquisition_cost": cac},
        formula=r"\frac{\mathrm{CLV}}{\mathrm{CAC}}",
    )


@dataclass(frozen=True, eq=False)
class PaybackResult:
    """Time until the expected margin covers the acquisition cost.

    Attributes
    ----------
    periods : float
        Payback time in periods (fractional, see :func:`cac_payback`);
        ``inf`` when the cost is never covered.
    paid_back : bool
        Whether the cost is ever covered.
    message : str
        The result in one plain sentence.
    lifetime_value : float
        Expected (discounted) margin over the whole lifetime; ``inf`` when
        ``retention`` is 1 and ``discount_rate`` 0.
    cashflows : pandas.DataFrame
        The per-period table of :class:`CLVResult`, with ``cumulative_value``
        starting from ``-acquisition_cost`` (it crosses 0 at the payback
        time). It runs two periods past the payback period, or, when the
        cost is never covered, as far as an infinite-horizon table; at most
        200 periods.
    inputs : dict
        The arguments.
    formula : str
        LaTeX of the rule used.
    """

    periods: float
    paid_back: bool
    message: str
    lifetime_value: float
    cashflows: pd.DataFrame = field(repr=False)
    inputs: Mapping[str, Any] = field(repr=False)
    formula: str = field(repr=False)

    @property
    def value(self) -> float:
        """The payback time (same as ``periods``)."""
        return self.periods

    def __repr__(self) -> str:
        return f"PaybackResult(periods={self.periods:.2f}, paid_back={self.paid_back})"

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-period table."""
        return self.cashflows.copy()


def _cumulative(k: int, m: float, log_q: float, gap: float) -> float:
    """Expected discounted margin of the first ``k`` periods (end-of-period payments)."""
    if k <= 0:
        return 0.0
    if gap == 0.0:
        return m * k
    return m * kept_share(k, log_q) / gap


def cac_payback(
    acquisition_cost: float,
    margin_per_period: float,
    retention: float = 1.0,
    discount_rate: float = 0.0,
) -> PaybackResult:
    """Number of periods until the expected margin pays back the acquisition cost.

    Parameters
    ----------
    acquisition_cost : float
        Cost of acquiring the customer (currency), 0 or greater.
    margin_per_period : float
        Margin per period while the customer stays (currency), greater than 0.
    retention : float, default 1
        Retention rate per period, between 0 and 1.
    discount_rate : float, default 0
        Discount rate per period, 0 or greater; 0 gives the undiscounted
        payback time.

    Returns
    -------
    PaybackResult
        ``periods`` (``inf`` with ``paid_back=False`` if never) and a message.

    Notes
    -----
    Payments follow the kit's ``"end"`` convention: period ``i``'s margin
    arrives at time ``i`` if the customer is still there (probability
    :math:`r^{i-1}`). The cumulative expected margin after ``k`` periods is

    .. math::

        C_k = \\sum_{i=1}^{k} \\frac{m\\,r^{i-1}}{(1+d)^{i}}
            = \\frac{m\\,[1-(r/(1+d))^{k}]}{1+d-r},

    and the payback time is the first ``k`` with :math:`C_k \\ge
    \\mathrm{CAC}`, made fractional by linear interpolation inside that
    period: :math:`k - 1 + (\\mathrm{CAC} - C_{k-1}) / (C_k - C_{k-1})`, as
    if the margin accrued evenly over the period. If the whole-lifetime value
    :math:`m/(1+d-r)` does not exceed CAC, the cost is never paid back.

    References
    ----------
    Skok, D. SaaS metrics 2.0 - a guide to measuring and improving what
    matters. *For Entrepreneurs* (forentrepreneurs.com): months to recover
    CAC.

    Examples
    --------
    >>> cac_payback(300, 100)  # 100 + 100 + 100 = 300
    PaybackResult(periods=3.00, paid_back=True)
    >>> res = cac_payback(400, 100, retention=0.7, discount_rate=0.1)
    >>> res.paid_back, round(res.lifetime_value, 2)  # 100 / (1.1 - 0.7) = 250 < 400
    (False, 250.0)
    """
    cac = check_positive("acquisition_cost", acquisition_cost, allow_zero=True)
    m = check_positive("margin_per_period", margin_per_period)
    r = check_probability("retention", retention)
    d = check_discount_rate(discount_rate)
    gap, log_q = geometric_terms(r, d)
    lifetime = math.inf if gap == 0.0 else m / gap
    if gap != 0.0 and not math.isfinite(lifetime):
        raise OverflowError(
            f"the lifetime value margin_per_period / (1 + discount_rate - retention) is not a "
            f"finite number for margin_per_period={margin_per_period!r}, "
            f"retention={retention!r}, discount_rate={discount_rate!r}; use smaller amounts"
        )

    k: int | None
    if cac / m > 1e15:  # more periods than can be counted (or than any lifetime holds)
        raise OverflowError(
            f"acquisition_cost / margin_per_period is {cac / m:.3g}: paying back "
            f"{cac:g} with margins of {m:g} would take more than 10^15 periods; "
            "check the units of the two amounts"
        )
    if cac == 0.0:
        k = 0
    elif gap == 0.0:
        k = math.ceil(cac / m)
    elif r == 0.0:
        k = 1 if m / (1.0 + d) >= cac else None
    else:
        short = cac * gap / m  # need q**k <= 1 - short
        k = max(1, math.ceil(math.log1p(-short) / log_q)) if short < 1.0 else None
    if k is not None and k > 0:
        # guard the closed form against rounding at the period boundary
        while k > 1 and _cumulative(k - 1, m, log_q, gap) >= cac:
            k -= 1
        for _ in range(1000):
            if _cumulative(k, m, log_q, gap) >= cac:
                break
            k += 1
        else:  # the lifetime value exceeds CAC by less than rounding error
            k = None
    if k is None:
        periods = math.inf
        message = (
            f"Never paid back: the expected discounted margin over the whole lifetime is "
            f"{lifetime:,.2f}, not more than the acquisition cost of {cac:,.2f}."
        )
    else:
        before, after = _cumulative(k - 1, m, log_q, gap), _cumulative(k, m, log_q, gap)
        periods = 0.0 if k == 0 else (k - 1) + (cac - before) / (after - before)
        message = f"The acquisition cost of {cac:,.2f} is paid back after {periods:.2f} periods."

    i = np.arange(1, TABLE_MAX_PERIODS + 1, dtype=float)
    survival = r ** (i - 1.0)
    if k is None:
        rows = table_length(survival * (1.0 + d) ** -i)
    else:
        rows = min(TABLE_MAX_PERIODS, max(k, 1) + 2)
    table = cashflow_table(i[:rows], survival[:rows], np.full(rows, m), d, acquisition_cost=cac)
    return PaybackResult(
        periods=float(periods),
        paid_back=k is not None,
        message=message,
        lifetime_value=lifetime,
        cashflows=table,
        inputs={
            "acquisition_cost": cac,
            "margin_per_period": m,
            "retention": r,
            "discount_rate": d,
        },
        formula=r"\min\Big\{k:\ \sum_{i=1}^{k}\frac{m\,r^{i-1}}{(1+d)^{i}}\ge\mathrm{CAC}\Big\}",
    )
