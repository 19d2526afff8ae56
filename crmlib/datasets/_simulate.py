"""Synthetic customer bases drawn from the BG/NBD and Gamma-Gamma models.

Because the true parameters and every customer's latent values are known, a
simulated base lets a student check that a fitted model recovers them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib._validation import (
    check_integer,
    check_positive,
    check_results_finite,
)

__all__ = ["simulate_transactions"]

_DAYS_PER_WEEK = 7.0
#: Most customers, and most purchases in all, one simulation holds (memory).
MAX_CUSTOMERS = 1_000_000
MAX_PURCHASES = 10_000_000


def simulate_transactions(
    n_customers: int,
    *,
    r: float = 0.243,
    alpha: float = 4.414,
    a: float = 0.793,
    b: float = 2.426,
    p: float = 6.25,
    q: float = 3.74,
    gamma: float = 15.44,
    observation_days: int = 546,
    acquisition_days: int = 84,
    start: str | pd.Timestamp = "1997-01-01",
    seed: int | np.random.Generator | None = None,
    return_truth: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Simulate a transaction log from the BG/NBD and Gamma-Gamma models (模拟交易数据).

    Each customer makes a first purchase on a random day of the acquisition
    window, then repeat purchases as a Poisson process with rate
    :math:`\\lambda` per week; after every repeat purchase the customer drops
    out (becomes inactive for good) with probability :math:`p_i`. The amount
    of every purchase is drawn from a gamma distribution whose scale varies
    between customers.

    Parameters
    ----------
    n_customers : int
        Number of customers, 1 to 1,000,000 (``MAX_CUSTOMERS``); at most
        10,000,000 purchases in all (``MAX_PURCHASES``).
    r, alpha : float, default 0.243, 4.414
        Shape and rate (per week) of the gamma distribution of purchase rates
        :math:`\\lambda`; both > 0. Mean rate :math:`r/\\alpha` purchases a week.
    a, b : float, default 0.793, 2.426
        Beta distribution of the dropout probability :math:`p_i`; both > 0.
    p : float, default 6.25
        Shape of the gamma distribution of one purchase's amount; > 0.
    q, gamma : float, default 3.74, 15.44
        Shape and rate of the gamma distribution of the customer-level rate
        :math:`\\nu` of the amount distribution; both > 0. The mean amount of a
        customer is :math:`p/\\nu`, on average :math:`p\\gamma/(q-1)` (if q > 1).
    observation_days : int, default 546
        Length of the observed window in days, counted from ``start``, at
        least 1 (546 days = 78 weeks, as in the CDNOW data).
    acquisition_days : int, default 84
        First purchases fall on a day drawn uniformly from the first
        ``acquisition_days`` days (1 to ``observation_days``; 1 puts every
        first purchase on ``start``).
    start : str or pandas.Timestamp, default "1997-01-01"
        First day of the window; the window must end by 2262-04-11, the last
        day pandas' dates hold.
    seed : int, numpy.random.Generator or None, default None
        Seed for :func:`numpy.random.default_rng` (a whole number, 0 or
        greater); the same seed gives the same data.
    return_truth : bool, default False
        Also return each customer's latent values.

    Returns
    -------
    transactions : pandas.DataFrame
        One row per purchase, sorted by customer and date, with columns
        ``customer_id`` (int, 1..n_customers), ``date`` (datetime64) and
        ``amount`` (float, rounded to cents); the same layout as
        :func:`load_cdnow`. Several purchases may share a date.
    truth : pandas.DataFrame
        Only if ``return_truth``. Indexed by ``customer_id``, with columns
        ``first_purchase`` (date), ``T`` (weeks from first purchase to the end
        of the window), ``purchase_rate`` (:math:`\\lambda`, per week),
        ``dropout_probability`` (:math:`p_i`), ``mean_amount``
        (:math:`p/\\nu`), ``n_repeat`` (repeat purchases in the window) and
        ``alive`` (still active at the end of the window).

    Notes
    -----
    For customer :math:`i`,

    .. math::

        \\lambda_i \\sim \\text{Gamma}(r, \\alpha), \\quad
        p_i \\sim \\text{Beta}(a, b), \\quad
        z_{ij} \\mid \\nu_i \\sim \\text{Gamma}(p, \\nu_i), \\quad
        \\nu_i \\sim \\text{Gamma}(q, \\gamma)

    (gamma distributions with shape and rate). The number of repeat purchases
    a customer would ever make is geometric, :math:`N_i \\sim
    \\text{Geometric}(p_i)` on 1, 2, ..., and the number observed in a window of
    :math:`T_i` weeks is :math:`X_i = \\min(N_i, M_i)` with :math:`M_i \\sim
    \\text{Poisson}(\\lambda_i T_i)`, at the first :math:`X_i` of :math:`M_i`
    uniform times. All customers are drawn at once (no per-customer loop).
    Under these assumptions the expected number of repeat purchases in
    :math:`(0, t]` is (Fader, Hardie & Lee 2005, eq. 9)

    .. math::

        E[X(t)] = \\frac{a+b-1}{a-1}\\left[1 - \\left(\\frac{\\alpha}{\\alpha+t}
        \\right)^r {}_2F_1\\!\\left(r, b; a+b-1; \\frac{t}{\\alpha+t}\\right)\\right].

    Defaults are the published estimates for the CDNOW sample: BG/NBD from
    Fader, Hardie & Lee (2005) and Gamma-Gamma from Fader, Hardie & Lee (2005b).

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your
       Customers' the Easy Way: An Alternative to the Pareto/NBD Model",
       *Marketing Science* 24(2), 275-284 (Section 2 and eq. 9).
    .. [2] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005b), "RFM and CLV:
       Using Iso-Value Curves for Customer Base Analysis", *Journal of
       Marketing Research* 42(4), 415-430 (spend model).
    .. [3] Fader, P. S. and Hardie, B. G. S. (2013), "The Gamma-Gamma Model of
       Monetary Value", note at brucehardie.com.

    Examples
    --------
    >>> tx, truth = simulate_transactions(500, seed=1, return_truth=True)
    >>> list(tx.columns), tx["customer_id"].nunique()
    (['customer_id', 'date', 'amount'], 500)
    >>> bool(truth["n_repeat"].sum() == len(tx) - 500)
    True
    """
    n = check_integer("n_customers", n_customers, minimum=1)
    if n > MAX_CUSTOMERS:
        raise ValueError(
            f"n_customers must be at most {MAX_CUSTOMERS:,} (memory); got {n_customers!r}"
        )
    r = check_positive("r", r)
    alpha = check_positive("alpha", alpha)
    a = check_positive("a", a)
    b = check_positive("b", b)
    p = check_positive("p", p)
    q = check_positive("q", q)
    gamma = check_positive("gamma", gamma)
    obs_days = check_integer("observation_days", observation_days, minimum=1)
    acq_days = check_integer("acquisition_days", acquisition_days, minimum=1)
    if acq_days > obs_days:
        raise ValueError(
            f"acquisition_days must be at most observation_days ({obs_days}); got {acq_days}"
        )
    if isinstance(start, (bool, int, float)) or start is None:
        raise TypeError(f"start must be a date such as '1997-01-01'; got {start!r}")
    try:
        start_ts = pd.Timestamp(start).normalize()
        end_ts = start_ts + pd.Timedelta(days=obs_days)
    except (TypeError, ValueError, OverflowError, AttributeError):
        # AttributeError: NaT (a missing date) has no normalize
        if isinstance(start, str) or not isinstance(start, (pd.Timestamp, np.datetime64)):
            raise ValueError(
                f"start must be a date such as '1997-01-01' whose window of observation_days "
                f"({obs_days}) ends by {pd.Timestamp.max.date()}; got {start!r}"
            ) from None
        raise ValueError(f"start must be a date such as '1997-01-01'; got {start!r}") from None
    if pd.isna(start_ts) or end_ts > pd.Timestamp.max:
        raise ValueError(
            f"start must be a date such as '1997-01-01' whose window of observation_days "
            f"({obs_days}) ends by {pd.Timestamp.max.date()}; got {start!r}"
        )
    if not (seed is None or isinstance(seed, np.random.Generator)):
        seed = check_integer("seed", seed, minimum=0)
    if not isinstance(return_truth, bool):
        raise TypeError(f"return_truth must be True or False; got {return_truth!r}")
    rng = np.random.default_rng(seed)

    # Customer-level latent values and window lengths.
    first_day = rng.integers(0, acq_days, size=n)
    t_weeks = (obs_days - first_day) / _DAYS_PER_WEEK
    lam = rng.gamma(r, 1.0 / alpha, size=n)
    drop_p = rng.beta(a, b, size=n)
    nu = rng.gamma(q, 1.0 / gamma, size=n)
    # N: repeat purchases before dropout (>= 1); M: purchases the rate allows in the window.
    # A dropout probability that underflows to 0 means the customer never drops out.
    n_total = rng.geometric(np.clip(drop_p, 1e-300, 1.0))
    with np.errstate(over="ignore", invalid="ignore"):  # inf (or NaN) is refused just below
        expected = lam * t_weeks
        too_many = not np.all(expected < MAX_PURCHASES) or expected.sum() > MAX_PURCHASES
    if too_many:
        raise ValueError(
            f"r and alpha give purchase rates too high to simulate (mean r/alpha = {r / alpha:g} "
            f"purchases a week; at most {MAX_PURCHASES:,} purchases in all); got r={r!r}, "
            f"alpha={alpha!r}"
        )
    m_window = rng.poisson(expected)
    n_repeat = np.minimum(n_total, m_window)
    alive = n_total > m_window

    # Repeat purchases: the first n_repeat of m_window sorted uniform times, all customers at once.
    owner = np.repeat(np.arange(n), m_window)
    u = rng.random(owner.size)
    order = np.lexsort((u, owner))
    owner, u = owner[order], u[order]
    first_index = np.repeat(np.cumsum(m_window) - m_window, m_window)
    rank = np.arange(owner.size) - first_index
    keep = rank < n_repeat[owner]
    owner, u = owner[keep], u[keep]
    repeat_day = first_day[owner] + np.floor(u * t_weeks[owner] * _DAYS_PER_WEEK)

    cust = np.concatenate([np.arange(n), owner])
    day = np.concatenate([first_day.astype(float), repeat_day]).astype(np.int64)
    with np.errstate(over="ignore", divide="ignore"):
        amount = rng.gamma(p, 1.0 / nu[cust])
        mean_amount = p / nu
    check_results_finite("simulate_transactions", {"amount": amount, "mean_amount": mean_amount},
                         {"p": p, "q": q, "gamma": gamma})
    order = np.lexsort((day, cust))  # stable: first purchase stays first on its day
    cust, day, amount = cust[order], day[order], amount[order]

    transactions = pd.DataFrame(
        {
            "customer_id": cust + 1,
            "date": (start_ts + pd.to_timedelta(day, unit="D")).astype("datetime64[ns]"),
            "amount": np.round(amount, 2),
        }
    )
    if not return_truth:
        return transactions
    truth = pd.DataFrame(
        {
            "first_purchase": (start_ts + pd.to_timedelta(first_day, unit="D")).astype(
                "datetime64[ns]"
            ),
            "T": t_weeks,
            "purchase_rate": lam,
            "dropout_probability": drop_p,
            "mean_amount": mean_amount,
            "n_repeat": n_repeat,
            "alive": alive,
        },
        index=pd.Index(np.arange(1, n + 1), name="customer_id"),
    )
    return transactions, truth
