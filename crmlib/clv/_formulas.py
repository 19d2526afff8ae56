"""Discounted-sum and retention-based CLV formulas.

``discounted_clv`` is the course formula (a given stream of per-period
profits and benefits); ``retention_clv`` is the constant-margin,
constant-retention model in its four timing conventions; ``margin_multiple``
is Gupta and Lehmann's multiplier ``r / (1 + d - r)``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence

import numpy as np

from crmlib._messages import fail
from crmlib._validation import (
    check_array,
    check_choice,
    check_finite,
    check_integer,
    check_positive,
    check_probability,
)
from crmlib.clv._result import TABLE_MAX_PERIODS, CLVResult, cashflow_table, table_length

__all__ = ["discounted_clv", "margin_multiple", "retention_clv"]

TIMINGS = ("end", "start", "mid")
CONVENTIONS = ("end", "start", "mid", "after_first")
#: Largest finite horizon accepted (the table holds one row per period).
MAX_PERIODS = 100_000

# Payment time of period i is i + offset.
_TIME_OFFSET = {"end": 0.0, "start": -1.0, "mid": -0.5, "after_first": 0.0}
_EXPONENT = {"end": "i", "start": "i-1", "mid": "i-1/2"}
_INFINITE_LATEX = {
    "end": r"\frac{m}{1+d-r}",
    "start": r"m\,\frac{1+d}{1+d-r}",
    "mid": r"m\,\frac{(1+d)^{1/2}}{1+d-r}",
    "after_first": r"m\,\frac{r}{1+d-r}",
}
_TRUNCATION_LATEX = r"\left[1-\left(\frac{r}{1+d}\right)^{n}\right]"


def check_discount_rate(value: object) -> float:
    """Discount rate per period: a finite number, 0 or greater."""
    return check_positive("discount_rate", value, allow_zero=True)


def geometric_terms(retention: float, discount_rate: float) -> tuple[float, float]:
    """Return ``1 + d - r`` and ``log(r / (1 + d))``, computed without cancellation.

    The logarithm is ``-inf`` when ``r`` is 0. A gap below the smallest normal
    float (``r = 1`` with a subnormal ``d``) counts as 0: at that size the
    discounting is far below rounding error.
    """
    gap = discount_rate + (1.0 - retention)
    if gap < sys.float_info.min:
        gap = 0.0
    if retention == 0.0:
        return gap, -math.inf
    return gap, math.log(retention) - math.log1p(discount_rate)


def kept_share(n: float, log_q: float) -> float:
    """``1 - q ** n`` for ``log_q = log(q)``: the share of the infinite sum in the first n terms."""
    return 1.0 if log_q == -math.inf else -math.expm1(n * log_q)


def _check_horizon(periods: object) -> float:
    """``None`` or ``inf`` -> ``inf``; otherwise a whole number from 1 to MAX_PERIODS."""
    if periods is None:
        return math.inf
    if isinstance(periods, (float, np.floating)) and math.isinf(periods) and periods > 0:
        return math.inf
    n = check_integer("periods", periods, minimum=1)
    if n > MAX_PERIODS:
        raise fail(ValueError, "periods_at_most", name="periods", most=MAX_PERIODS, got=n)
    return float(n)


def _check_finite_value(retention: float, discount_rate: float) -> None:
    """An infinite horizon has a finite value unless r = 1 and d = 0 (1 + d - r = 0).

    With r = 1 and d > 0 the customer never leaves but later margins are worth
    less and less: the value is a perpetuity, m/d at the end of each period.
    With d = 0 as well, every one of infinitely many margins counts in full.
    """
    if geometric_terms(retention, discount_rate)[0] == 0.0:
        raise fail(ValueError, "clv_endless", retention=f"{retention:g}",
                   discount=f"{discount_rate:g}")


def discounted_clv(
    profits: Sequence[float] | np.ndarray,
    discount_rate: float,
    benefits: Sequence[float] | np.ndarray | None = None,
    timing: str = "end",
) -> CLVResult:
    """Course formula: present value of a stream of per-period profits and benefits.

    Parameters
    ----------
    profits : sequence of float
        Sales profit :math:`\\pi_i` of periods ``1..n`` (currency per period;
        may be negative). The length of the sequence is the relationship
        length ``n``.
    discount_rate : float
        Discount rate :math:`d` per period, 0 or greater (0.1 for 10%).
    benefits : sequence of float, optional
        Non-sales benefit :math:`B_i` of each period (referral and
        collaboration value), same length as ``profits``. Default: none.
    timing : {"end", "start", "mid"}
        When each period's cash arrives: at the end of period ``i`` (time
        ``i``, the course formula), at its start (time ``i - 1``) or in its
        middle (time ``i - 0.5``).

    Returns
    -------
    CLVResult
        ``value``, and a ``cashflows`` table that also has ``profit`` and
        ``benefit`` columns (``survival`` is 1: the profits are taken as
        already expected values).

    Notes
    -----
    With ``timing="end"`` this is the course formula (客户终身价值)

    .. math::

        \\mathrm{LTV} = \\sum_{i=1}^{n} \\frac{\\pi_i + B_i}{(1+d)^{i}},

    ``"start"`` uses the exponent :math:`i-1` and ``"mid"`` the exponent
    :math:`i-\\tfrac12`.

    References
    ----------
    Berger, P. D., & Nasr, N. I. (1998). Customer lifetime value: Marketing
    models and applications. *Journal of Interactive Marketing*, 12(1), 17-30.

    Gupta, S., Hanssens, D., Hardie, B., Kahn, W., Kumar, V., Lin, N.,
    Ravishanker, N., & Sriram, S. (2006). Modeling customer lifetime value.
    *Journal of Service Research*, 9(2), 139-155 (the general present-value
    definition of CLV).

    Examples
    --------
    >>> res = discounted_clv([100, 100], 0.1)
    >>> round(res.value, 2)  # 100/1.1 + 100/1.21
    173.55
    >>> discounted_clv([100, 100], 0.1, benefits=[10, 10], timing="start")
    CLVResult(value=210.00, convention='start', periods=2)
    """
    pi = check_array("profits", profits)
    d = check_discount_rate(discount_rate)
    timing = check_choice("timing", timing, TIMINGS)
    if benefits is None:
        b = np.zeros_like(pi)
    else:
        b = check_array("benefits", benefits)
        if b.size != pi.size:
            raise ValueError(
                f"benefits must have the same length as profits ({pi.size} periods); "
                f"got {b.size} values"
            )
    n = pi.size
    time = np.arange(1, n + 1) + _TIME_OFFSET[timing]
    table = cashflow_table(time, np.ones(n), pi + b, d, extra={"profit": pi, "benefit": b})
    numerator = r"\pi_i" if benefits is None else r"\pi_i+B_i"
    formula = rf"\sum_{{i=1}}^{{n}}\frac{{{numerator}}}{{(1+d)^{{{_EXPONENT[timing]}}}}}"
    return CLVResult(
        value=float(table["present_value"].sum()),
        convention=timing,
        periods=float(n),
        cashflows=table,
        inputs={
            "profits": pi.tolist(),
            "discount_rate": d,
            "benefits": None if benefits is None else b.tolist(),
            "timing": timing,
        },
        formula=formula,
        method="discounted_clv",
    )


def retention_clv(
    margin: float,
    retention: float,
    discount_rate: float,
    periods: int | None = None,
    convention: str = "end",
) -> CLVResult:
    """CLV of a customer with a constant margin and a constant retention rate.

    Parameters
    ----------
    margin : float
        Margin :math:`m` per period while the customer stays (currency per
        period, net of the cost to serve; may be negative).
    retention : float
        Retention rate :math:`r` per period (保留率), between 0 and 1. With an
        infinite horizon, ``r = 1`` needs ``discount_rate > 0``: a customer who
        never leaves is then a perpetuity, worth :math:`m/d` (``"end"``); with
        ``d = 0`` as well the sum has no end and is refused.
    discount_rate : float
        Discount rate :math:`d` per period, 0 or greater (0.1 for 10%).
    periods : int, optional
        Number of payments ``n`` (a whole number from 1 to 100000). ``None``
        (default) or ``inf`` gives an infinite horizon.
    convention : {"end", "start", "mid", "after_first"}
        Timing of the payments. Payment ``k`` (``k = 1..n``) is made with
        probability :math:`r^{k-1}` (the customer must renew ``k - 1``
        times) at time ``k`` (``"end"``, the default: the first payment at
        the end of period 1), ``k - 1`` (``"start"``: the first payment at
        acquisition) or ``k - 0.5`` (``"mid"``). ``"after_first"`` counts
        only the payments after a first one already made: payment ``k`` at
        time ``k`` with probability :math:`r^{k}`.

    Returns
    -------
    CLVResult
        ``value`` is the closed form below; ``cashflows`` lists the payments
        (all ``n`` of them for a finite horizon, the first ones for an
        infinite horizon, see :class:`CLVResult`).

    Notes
    -----
    With :math:`q = r/(1+d)`, an infinite horizon gives

    .. math::

        \\text{end: } \\frac{m}{1+d-r}, \\quad
        \\text{start: } m\\,\\frac{1+d}{1+d-r}, \\quad
        \\text{mid: } m\\,\\frac{(1+d)^{1/2}}{1+d-r}, \\quad
        \\text{after\\_first: } m\\,\\frac{r}{1+d-r},

    and a horizon of ``n`` payments multiplies each by :math:`1 - q^{n}`
    (when :math:`r = 1` and :math:`d = 0` the finite value is :math:`m\\,n`
    for start/end/mid and after_first). Hence start = end × (1 + d),
    mid = end × (1 + d)^{1/2} and after_first = end × r, for any horizon.

    The textbooks differ only in timing, which explains why the same inputs
    give different "CLV"s. Fader and Hardie (2012) list them: Blattberg,
    Kim and Neslin (2008) use :math:`m(1+d)/(1+d-r)` (``"start"``, the
    first payment included); Kotler and Keller (2012), Capon (2007) and
    Lehmann and Winer (2008) use :math:`mr/(1+d-r)` (``"after_first"``, the
    form of Gupta and Lehmann's margin multiple, see
    :func:`margin_multiple`); Ofek (2002) and Davis (2007) use
    :math:`m/(1+d-r)` (``"end"``). Berger and Nasr (1998) derive a family of
    such models with constant retention and explicit timing assumptions;
    check the timing of a source before comparing numbers.

    References
    ----------
    Fader, P. S., & Hardie, B. G. S. (2012). Reconciling and clarifying CLV
    formulas. Note 024, http://brucehardie.com/notes/024/ (formulas 1-3).

    Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of
    Interactive Marketing*, 17(1), 9-24.

    Berger, P. D., & Nasr, N. I. (1998). Customer lifetime value: Marketing
    models and applications. *Journal of Interactive Marketing*, 12(1), 17-30.

    Examples
    --------
    >>> retention_clv(100, 0.8, 0.1)  # 100 / (1.1 - 0.8)
    CLVResult(value=333.33, convention='end', periods=inf)
    >>> round(retention_clv(100, 0.8, 0.1, convention="start").value, 2)
    366.67
    >>> round(retention_clv(100, 0.8, 0.1, convention="after_first").value, 2)
    266.67
    >>> round(retention_clv(100, 0.8, 0.1, periods=2).value, 2)  # 100/1.1 + 80/1.21
    157.02
    >>> round(retention_clv(100, 1.0, 0.1).value, 2)  # never leaves: a perpetuity, 100 / 0.1
    1000.0
    """
    m = check_finite("margin", margin)
    r = check_probability("retention", retention)
    d = check_discount_rate(discount_rate)
    n = _check_horizon(periods)
    convention = check_choice("convention", convention, CONVENTIONS)
    infinite = math.isinf(n)
    if infinite:
        _check_finite_value(r, d)

    factor = {"end": 1.0, "start": 1.0 + d, "mid": math.sqrt(1.0 + d), "after_first": r}[convention]
    gap, log_q = geometric_terms(r, d)
    if infinite:
        value = m * factor / gap
        formula = _INFINITE_LATEX[convention]
    elif gap == 0.0:  # r = 1 and d = 0: every one of the n payments is certain and undiscounted
        value = m * factor * n
        formula = r"m\,n"
    else:
        value = m * factor * kept_share(n, log_q) / gap
        formula = _INFINITE_LATEX[convention] + _TRUNCATION_LATEX

    rows = TABLE_MAX_PERIODS if infinite else int(n)
    k = np.arange(1, rows + 1, dtype=float)
    time = k + _TIME_OFFSET[convention]
    survival = r ** (k if convention == "after_first" else k - 1.0)
    if infinite:
        rows = table_length(survival * (1.0 + d) ** -time)
        time, survival = time[:rows], survival[:rows]
    with np.errstate(over="ignore", invalid="ignore"):  # CLVResult refuses an inf or NaN
        table = cashflow_table(time, survival, np.full(rows, m), d)
    return CLVResult(
        value=float(value),
        convention=convention,
        periods=n,
        cashflows=table,
        inputs={
            "margin": m,
            "retention": r,
            "discount_rate": d,
            "periods": None if infinite else int(n),
            "convention": convention,
        },
        formula=formula,
        method="retention_clv",
    )


def margin_multiple(retention: float, discount_rate: float) -> float:
    """Gupta and Lehmann's margin multiple: CLV per unit of margin, :math:`r/(1+d-r)`.

    Parameters
    ----------
    retention : float
        Retention rate :math:`r` per period, between 0 and 1 (below 1 when
        ``discount_rate`` is 0; with :math:`r = 1` and :math:`d > 0` the
        multiple is the perpetuity factor :math:`1/d`).
    discount_rate : float
        Discount rate :math:`d` per period, 0 or greater.

    Returns
    -------
    float
        The multiple: CLV = margin × multiple, with the first margin
        excluded (``retention_clv(..., convention="after_first")``).

    Notes
    -----
    .. math::

        \\frac{\\mathrm{CLV}}{m} = \\sum_{t=1}^{\\infty}
        \\frac{r^{t}}{(1+d)^{t}} = \\frac{r}{1+d-r}.

    Gupta and Lehmann use this multiple as a quick rule: a customer is worth
    a few years of margin. For retention rates of 60-90% and discount rates
    of 10-16% it runs from about 1.07 (r = 0.6, d = 0.16) to 4.5 (r = 0.9,
    d = 0.10).

    References
    ----------
    Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of
    Interactive Marketing*, 17(1), 9-24.

    Gupta, S., & Lehmann, D. R. (2005). *Managing Customers as Investments*.
    Wharton School Publishing.

    Examples
    --------
    >>> margin_multiple(0.9, 0.10)  # 0.9 / 0.2
    4.5
    >>> round(margin_multiple(0.8, 0.12), 2)  # 0.8 / 0.32
    2.5
    """
    r = check_probability("retention", retention)
    d = check_discount_rate(discount_rate)
    _check_finite_value(r, d)
    return r / (1.0 + d - r)
