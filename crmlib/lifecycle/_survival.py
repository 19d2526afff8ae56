"""Survival of customers from acquisition: Kaplan-Meier with right-censoring, and the sBG."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmlib._validation import check_array, check_integer
from crmlib.lifecycle._data import check_period, day_to_period, period_labels, read_log
from crmlib.models import ShiftedBetaGeometric
from crmlib.transactions._rfm import _sort_order

__all__ = [
    "SBGComparison",
    "SurvivalCurve",
    "kaplan_meier",
    "retention_curve",
    "sbg_comparison",
]


@dataclass(frozen=True, eq=False)
class SurvivalCurve:
    """A Kaplan-Meier survival curve (生存曲线) and its life table.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per time (0 first, then every time at which a customer
        churned or was censored; for :func:`retention_curve` every period
        0, 1, ...): ``time``, ``at_risk`` (customers still followed and not
        churned just before ``time``), ``churned`` (events at ``time``),
        ``censored`` (followed no further after ``time``), ``survival``
        (:math:`\\hat S(t)`) and ``std_error`` (Greenwood). A
        :func:`retention_curve` table adds ``naive``: the share of all
        customers seen active at that age, ignoring censoring.
    n_customers : int
        Number of customers (durations).
    n_churned : int
        Number of observed churn events.
    lifetimes : pandas.DataFrame or None
        Per customer (for :func:`retention_curve`): the ``cohort``,
        ``last_active`` (periods from acquisition to the last purchase),
        ``followed`` (periods observed after acquisition), ``duration`` and
        ``churned``.
    period : str or None
        Period unit of the times (``retention_curve`` only).

    Examples
    --------
    >>> kaplan_meier([1, 2, 2, 3], [True, True, False, True]).survival_at(2)
    0.5
    """

    table: pd.DataFrame = field(repr=False)
    n_customers: int
    n_churned: int
    lifetimes: pd.DataFrame | None = field(default=None, repr=False)
    period: str | None = None

    def __repr__(self) -> str:
        return (
            f"SurvivalCurve(n_customers={self.n_customers}, n_churned={self.n_churned}, "
            f"n_censored={self.n_customers - self.n_churned}, "
            f"last_time={self.table['time'].iloc[-1]:g})"
        )

    def survival_at(self, t: float) -> float:
        """Estimated share still active after time ``t``, :math:`\\hat S(t)` (a step function).

        Examples
        --------
        >>> kaplan_meier([1, 2, 3], [True, True, True]).survival_at(1.5)
        0.6666666666666667
        """
        t = float(check_array("t", t)[0])
        times = self.table["time"].to_numpy()
        if t < 0:
            return 1.0
        i = int(np.searchsorted(times, t, side="right")) - 1
        return float(self.table["survival"].to_numpy()[i])

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the life table.

        Examples
        --------
        >>> kaplan_meier([1, 2], [True, False]).to_frame()["survival"].tolist()
        [1.0, 0.5, 0.5]
        """
        return self.table.copy()


def _life_table(times: np.ndarray, durations: np.ndarray, observed: np.ndarray) -> pd.DataFrame:
    ordered = np.sort(durations)
    at_risk = (durations.size - np.searchsorted(ordered, times, side="left")).astype(np.int64)
    pos = np.searchsorted(times, durations)
    churned = np.bincount(pos[observed], minlength=times.size)
    censored = np.bincount(pos[~observed], minlength=times.size)
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(at_risk > 0, 1.0 - churned / at_risk, 1.0)
        survival = np.cumprod(step)
        terms = np.where(at_risk > churned, churned / (at_risk * (at_risk - churned)), 0.0)
        std_error = survival * np.sqrt(np.cumsum(terms))
    return pd.DataFrame({
        "time": times,
        "at_risk": at_risk,
        "churned": churned,
        "censored": censored,
        "survival": survival,
        "std_error": std_error,
    })


def kaplan_meier(durations: object, observed: object) -> SurvivalCurve:
    """Kaplan-Meier estimate of the survival curve from right-censored durations.

    Parameters
    ----------
    durations : sequence of float
        For each customer, the time at which they churned (``observed``
        True) or after which they were followed no further (censored), 0 or
        more, in any time unit.
    observed : sequence of bool
        True where the customer was seen to churn, False where the
        observation was cut off (censored), one per duration.

    Returns
    -------
    SurvivalCurve

    Notes
    -----
    With :math:`n_j` customers at risk just before time :math:`t_j`
    (durations :math:`\\ge t_j`; a customer censored at :math:`t_j` is still
    at risk there) and :math:`d_j` churning at :math:`t_j`,

    .. math::

        \\hat S(t) = \\prod_{t_j \\le t} \\left(1 - \\frac{d_j}{n_j}\\right),
        \\qquad
        \\widehat{\\mathrm{Var}}\\,\\hat S(t) = \\hat S(t)^2
        \\sum_{t_j \\le t} \\frac{d_j}{n_j (n_j - d_j)}.

    A censored customer counts in the denominators for as long as they were
    followed and then leaves them; counting them as churned (or dropping
    them) biases the curve down (or up).

    References
    ----------
    Kaplan, E. L., & Meier, P. (1958). Nonparametric estimation from
    incomplete observations. *Journal of the American Statistical
    Association*, 53(282), 457-481.

    Greenwood, M. (1926). The natural duration of cancer. *Reports on Public
    Health and Medical Subjects*, 33, 1-26 (the variance formula).

    Examples
    --------
    Five customers; the third is censored at 2 (still there when observation stopped):

    >>> km = kaplan_meier([1, 2, 2, 3, 4], [True, True, False, True, False])
    >>> km.table[["time", "at_risk", "churned", "survival"]]
       time  at_risk  churned  survival
    0   0.0        5        0  1.000000
    1   1.0        5        1  0.800000
    2   2.0        4        1  0.600000
    3   3.0        2        1  0.300000
    4   4.0        1        0  0.300000
    """
    t = check_array("durations", durations, minimum=0)
    if isinstance(observed, (str, bytes)):
        raise TypeError(f"observed must be a sequence of True/False; got {observed!r}")
    obs = np.asarray(observed)
    if obs.ndim == 0:
        obs = obs.reshape(1)
    if obs.dtype != bool:
        values = check_array("observed", obs)
        if not np.isin(values, (0.0, 1.0)).all():
            bad = int(np.flatnonzero(~np.isin(values, (0.0, 1.0)))[0])
            raise ValueError(
                f"observed must hold True/False (1/0) only; entry {bad} is {values[bad]:g}"
            )
        obs = values.astype(bool)
    if obs.size != t.size:
        raise ValueError(
            f"observed must have one entry per duration ({t.size}); got {obs.size}, while "
            f"durations has {t.size}"
        )
    times = np.unique(np.concatenate([[0.0], t]))
    table = _life_table(times, t, obs)
    return SurvivalCurve(table=table, n_customers=int(t.size), n_churned=int(obs.sum()))


def retention_curve(
    transactions: object,
    period: str = "M",
    churn_after: int = 3,
    *,
    observation_end: object = None,
    customer: str = "customer_id",
    date: str = "date",
) -> SurvivalCurve:
    """Share of customers still active ``t`` periods after acquisition, with censoring handled.

    In a transaction log nobody announces that they have left. The kit's
    rule: a customer has **churned** once ``churn_after`` whole periods
    have passed after the period of their last purchase without a purchase.
    Customers acquired late have not been followed long enough to tell; they
    are **censored**, and the Kaplan-Meier estimator uses them for as long as
    they were followed.

    Parameters
    ----------
    transactions : pandas.DataFrame or TransactionLog
        One row per transaction (customer id and date; amounts are not used).
    period : {"D", "W", "M", "Q", "Y"}, default "M"
        Period unit of ages and of ``churn_after``.
    churn_after : int, default 3
        Periods without a purchase after which a customer counts as churned
        (a whole number, at least 1).
    observation_end : date-like, optional
        Last day observed (inclusive); default the last transaction's date.
    customer, date : str
        Column names.

    Returns
    -------
    SurvivalCurve
        ``survival`` at time ``t`` estimates :math:`S(t)`, the share of
        customers who still buy at age ``t`` or later (so :math:`S(0) = 1`);
        ``naive`` is the share of *all* customers seen buying at age ``t``
        or later. ``lifetimes`` shows each customer's duration and status.

    Notes
    -----
    Ages count periods since the period of the first purchase (0, 1, ...).
    For customer :math:`i` with last purchase at age :math:`\\ell_i`, followed
    for :math:`A_i` periods after acquisition (to the period of
    ``observation_end``) and :math:`c` = ``churn_after``:

    .. math::

        \\text{churned}_i = [A_i - \\ell_i \\ge c], \\qquad
        \\text{duration}_i =
        \\begin{cases} \\ell_i + 1 & \\text{churned} \\\\
        \\max(A_i - c + 1, 0) & \\text{censored,} \\end{cases}

    and the lifetime :math:`T_i = \\ell_i + 1` (periods in which the customer
    is active, from acquisition to the last purchase) is censored at
    :math:`A_i - c + 1`, which depends only on when the customer was
    acquired: the independent right-censoring Kaplan-Meier assumes.
    :math:`\\hat S(t)` then follows :func:`kaplan_meier`. The naive rate
    :math:`\\frac{1}{N}\\sum_i [\\ell_i \\ge t]` counts a customer who could
    not yet be observed at age :math:`t` as lost, and so falls too fast
    once :math:`t` passes the shortest follow-up.

    The churn rule is a choice and shapes the curve: a customer who is
    silent for ``churn_after`` periods at the end of the log counts as
    churned even if they would have bought again later. Rare buyers are
    caught this way more often the closer the age is to the end of the
    follow-up, which pulls the curve down there; choose ``churn_after``
    longer than most customers' gaps between purchases.

    References
    ----------
    Kaplan, E. L., & Meier, P. (1958). Nonparametric estimation from
    incomplete observations. *Journal of the American Statistical
    Association*, 53(282), 457-481.

    Gupta, S., Hanssens, D., Hardie, B., Kahn, W., Kumar, V., Lin, N.,
    Ravishanker, N., & Sriram, S. (2006). Modeling customer lifetime value.
    *Journal of Service Research*, 9(2), 139-155 (hazard and survival models
    of customer retention).

    Examples
    --------
    Customer a (January) buys in January and April; b (January) once; c
    (May) once; observation ends in June, churn after 2 silent months:

    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b", "c"],
    ...                    "date": ["2024-01-03", "2024-04-09", "2024-01-15", "2024-05-02"]})
    >>> curve = retention_curve(tx, churn_after=2, observation_end="2024-06-30")
    >>> curve.lifetimes[["last_active", "followed", "duration", "churned"]]
                 last_active  followed  duration  churned
    customer_id
    a                      3         5         4     True
    b                      0         5         1     True
    c                      0         1         0    False
    >>> curve.table[["time", "at_risk", "churned", "survival", "naive"]].iloc[:3]
       time  at_risk  churned  survival     naive
    0     0        3        0       1.0  1.000000
    1     1        2        1       0.5  0.333333
    2     2        1        0       0.5  0.333333
    """
    period = check_period("period", period)
    c = check_integer("churn_after", churn_after, minimum=1)
    log = read_log(transactions, customer=customer, date=date, amount=None,
                   end=observation_end)
    p = day_to_period(log.days, period)
    n = log.labels.size
    first = np.full(n, np.iinfo(np.int64).max)
    last = np.full(n, np.iinfo(np.int64).min)
    np.minimum.at(first, log.codes, p)
    np.maximum.at(last, log.codes, p)
    present = np.zeros(n, bool)
    present[log.codes] = True
    first, last = first[present], last[present]
    labels = log.labels[np.flatnonzero(present)]
    end_period = int(day_to_period(np.array([log.end_day]), period)[0])
    last_active = last - first
    followed = end_period - first
    # a churn_after beyond the longest follow-up acts as that plus one (and keeps int64 exact)
    c_eff = min(c, int(followed.max()) + 1)
    churned = followed - last_active >= c_eff
    durations = np.where(churned, last_active + 1, np.maximum(followed - c_eff + 1, 0))
    if not churned.any() and durations.max() == 0:
        raise ValueError(
            f"churn_after must leave some follow-up: no customer was observed for more than "
            f"churn_after={c} periods after acquisition, so no churn can be seen; "
            "use a smaller churn_after or a longer log"
        )
    times = np.arange(int(durations.max()) + 1)
    table = _life_table(times.astype(float), durations.astype(float), churned)
    table["time"] = times
    seen = np.sort(last_active)
    table["naive"] = (seen.size - np.searchsorted(seen, times, side="left")) / seen.size
    order = _sort_order(np.asarray(labels))
    lifetimes = pd.DataFrame(
        {
            "cohort": period_labels(first, period),
            "last_active": last_active,
            "followed": followed,
            "duration": durations,
            "churned": churned,
        },
        index=pd.Index(labels, name="customer_id"),
    ).iloc[order]
    return SurvivalCurve(
        table=table, n_customers=int(n), n_churned=int(churned.sum()), lifetimes=lifetimes,
        period=period,
    )


@dataclass(frozen=True, eq=False)
class SBGComparison:
    """The sBG model fitted to the first periods of a Kaplan-Meier curve, and its projection.

    Attributes
    ----------
    model : ShiftedBetaGeometric
        Fitted to ``survivors``.
    survivors : numpy.ndarray
        The counts it was fitted to: :math:`\\mathrm{round}(N \\hat S(t))`,
        ``t = 0..fit_periods``.
    table : pandas.DataFrame
        Indexed by ``time``: ``kaplan_meier``, ``sbg`` (the model's
        :math:`S(t)`) and ``used_for_fit``.
    mean_absolute_error : float
        Mean of :math:`|S_{sBG}(t) - \\hat S(t)|` over the periods not used
        for fitting (NaN if there are none).
    """

    model: ShiftedBetaGeometric = field(repr=False)
    survivors: np.ndarray = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    fit_periods: int
    alpha: float
    beta: float
    mean_absolute_error: float


def sbg_comparison(curve: SurvivalCurve, fit_periods: int) -> SBGComparison:
    """Fit the sBG model to the first periods of a survival curve and compare its projection.

    Parameters
    ----------
    curve : SurvivalCurve
        A curve in whole periods, e.g. from :func:`retention_curve`.
    fit_periods : int
        Periods ``1..fit_periods`` are used for fitting (at least 1, at most
        the last time of the curve); later periods check the projection.

    Returns
    -------
    SBGComparison

    Notes
    -----
    The sBG model (notebook 05) describes a cohort in which each customer
    stays each period with their own probability, beta-distributed across
    customers:

    .. math::

        S(t) = \\frac{B(\\alpha, \\beta + t)}{B(\\alpha, \\beta)}.

    It takes survivor counts of one cohort; here these are the numbers a
    cohort of :math:`N` customers would have with the Kaplan-Meier curve,
    :math:`\\mathrm{round}(N\\,\\hat S(t))`, so that customers from all
    cohorts and their censoring are used. The sBG was built for contracts;
    on transaction data it describes the churn rule of
    :func:`retention_curve`.

    References
    ----------
    Fader, P. S., & Hardie, B. G. S. (2007). How to project customer
    retention. *Journal of Interactive Marketing*, 21(1), 76-90.

    Examples
    --------
    >>> km = kaplan_meier([1] * 37 + [2] * 16 + [3] * 9 + [4] * 38, [True] * 62 + [False] * 38)
    >>> cmp = sbg_comparison(km, fit_periods=3)
    >>> cmp.survivors.tolist()  # 100 customers: 63, 47, 38 left after periods 1-3
    [100, 63, 47, 38]
    """
    if not isinstance(curve, SurvivalCurve):
        raise TypeError(f"curve must be a SurvivalCurve; got {type(curve).__name__}")
    times = curve.table["time"].to_numpy(dtype=float)
    last = int(times[-1])
    k = check_integer("fit_periods", fit_periods, minimum=1)
    if k > last:
        raise ValueError(f"fit_periods must be at most the curve's last period ({last}); got {k}")
    grid = np.arange(last + 1)
    km = np.array([curve.survival_at(t) for t in grid])
    n0 = curve.n_customers
    survivors = np.round(n0 * km[: k + 1]).astype(np.int64)
    model = ShiftedBetaGeometric().fit(survivors)
    sbg = np.asarray(model.survival(grid), dtype=float)
    used = grid <= k
    table = pd.DataFrame({"kaplan_meier": km, "sbg": sbg, "used_for_fit": used},
                         index=pd.Index(grid, name="time"))
    held = ~used
    error = float(np.abs(sbg[held] - km[held]).mean()) if held.any() else float("nan")
    return SBGComparison(model, survivors, table, k, model.params_["alpha"],
                         model.params_["beta"], error)
