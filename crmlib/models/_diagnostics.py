r"""How well a repeat-buying model fits: actual against predicted, as tables.

The numbers behind the fit plots of :mod:`crmlib.plotting` (which only draw
these tables): the histogram of repeat purchases in the calibration period
(FHL 2005, Figure 3), mean holdout purchases by calibration frequency (the
conditional-expectations plot, Figure 4) and cumulative repeat transactions by
calendar period (Figure 1). The model is only asked for predictions here;
it is fitted elsewhere.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib._validation import check_choice, check_column_args, check_columns, check_integer
from crmlib.transactions._periods import DAYS_PER_UNIT, period_index
from crmlib.transactions._rfm import _columns, _day_number, _run_starts, _show_day, _sorted_keys

__all__ = ["calibration_holdout_purchases", "cumulative_transactions", "period_transactions"]


def _check_model(model: object, methods: list[str]) -> None:
    missing = [m for m in methods if not callable(getattr(model, m, None))]
    if missing:
        raise TypeError(
            f"model must be a fitted BetaGeo or ParetoNBD model (it needs {', '.join(methods)}); "
            f"got {type(model).__name__}"
        )


#: most rows of a table by number of purchases (one row per number)
MAX_FREQUENCY = 10_000


def _check_top(max_frequency: object) -> int:
    """``max_frequency``: a whole number from 1 to :data:`MAX_FREQUENCY`.

    >>> _check_top(1e308)
    Traceback (most recent call last):
    ...
    ValueError: max_frequency must be at most 10000 (one table row per number of purchases); got 1e+308
    """  # noqa: E501
    top = check_integer("max_frequency", max_frequency, minimum=1)
    if top > MAX_FREQUENCY:
        raise ValueError(f"max_frequency must be at most {MAX_FREQUENCY} (one table row per "
                         f"number of purchases); got {max_frequency!r}")
    return top


def _bucket_index(top: int, name: str) -> pd.Index:
    return pd.Index([str(k) for k in range(top)] + [f"{top}+"], name=name)


def period_transactions(model: object, summary: pd.DataFrame, max_frequency: int = 7
                        ) -> pd.DataFrame:
    r"""Customers by number of repeat purchases in calibration: actual and expected.

    (重复购买次数分布：实际值与模型)

    Parameters
    ----------
    model : BetaGeo or ParetoNBD
        Fitted on ``summary``.
    summary : pandas.DataFrame
        RFM summary with columns ``frequency`` and ``T``.
    max_frequency : int, default 7
        The last row counts customers with at least this many repeat
        purchases ("7+"); 1 to 10,000.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``repeat_purchases`` ("0", "1", ..., "7+"), with the
        ``actual`` number of customers and the model's ``expected`` number.

    Notes
    -----
    The model's expected number of customers with :math:`x` repeat purchases
    adds up each customer's probability at their own age :math:`T_i`:

    .. math::

        E[n_x] = \sum_{i} P(X(T_i) = x), \qquad
        E[n_{\bar x+}] = \sum_i \Big[1 - \sum_{x<\bar x} P(X(T_i)=x)\Big].

    Customers of equal age share one call of ``probability_of_purchases``.

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your
       Customers' the Easy Way", *Marketing Science* 24(2), 275-284, Figure 3.
    .. [2] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2007), "Creating a Fit
       Histogram for the BG/NBD Model", note no. 014.

    Examples
    --------
    >>> from crmlib.models import BetaGeo
    >>> m = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> s = pd.DataFrame({"frequency": [0, 0, 1, 4], "T": [38.0, 30.0, 38.0, 30.0]})
    >>> table = period_transactions(m, s, max_frequency=2)
    >>> table["actual"].tolist()  # two with 0, one with 1, one with 2 or more
    [2.0, 1.0, 1.0]
    >>> round(float(table["expected"].sum()), 9)  # every customer is somewhere
    4.0
    """
    _check_model(model, ["probability_of_purchases"])
    check_columns("summary", summary, ["frequency", "T"])
    top = _check_top(max_frequency)
    groups = np.minimum(summary["frequency"].to_numpy(), top)
    actual = np.bincount(groups.astype(np.int64), minlength=top + 1).astype(float)
    expected = np.zeros(top + 1)
    ages, counts = np.unique(summary["T"].to_numpy(float), return_counts=True)
    for age, count in zip(ages, counts, strict=True):
        probs = np.asarray(model.probability_of_purchases(  # type: ignore[attr-defined]
            np.arange(top), age), float)
        expected[:top] += count * probs
        expected[top] += count * max(1.0 - probs.sum(), 0.0)
    return pd.DataFrame({"actual": actual, "expected": expected},
                        index=_bucket_index(top, "repeat_purchases"))


def calibration_holdout_purchases(
    model: object, summary: pd.DataFrame, max_frequency: int = 7
) -> pd.DataFrame:
    r"""Mean holdout purchases by calibration frequency, actual and expected. (验证期检验)

    Parameters
    ----------
    model : BetaGeo or ParetoNBD
        Fitted on the calibration columns of ``summary``.
    summary : pandas.DataFrame
        Calibration/holdout summary from :func:`crmlib.transactions.rfm_summary`
        with ``calibration_end``: columns ``frequency``, ``recency``, ``T``,
        ``frequency_holdout`` and ``duration_holdout``.
    max_frequency : int, default 7
        Customers with at least this many calibration repeat purchases form
        one last group ("7+"); 1 to 10,000.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``calibration_purchases`` ("0", ..., "7+"; groups without
        customers are left out), with ``customers``, the ``actual`` mean of
        ``frequency_holdout`` and the ``expected`` mean of the model's
        conditional expectations.

    Notes
    -----
    For the customers with :math:`x` repeat purchases in the calibration
    period, their mean number of purchases in the holdout period of length
    :math:`t^*` against the mean of :math:`E[Y(t^*) \mid x, t_x, T]` (FHL 2005,
    Figure 4).

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your
       Customers' the Easy Way", *Marketing Science* 24(2), 275-284, Figure 4.

    Examples
    --------
    >>> from crmlib.models import BetaGeo
    >>> m = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> s = pd.DataFrame({"frequency": [0, 1, 3], "recency": [0.0, 20.0, 35.0],
    ...                   "T": [38.0, 38.0, 38.0], "frequency_holdout": [0, 1, 2],
    ...                   "duration_holdout": [39.0, 39.0, 39.0]})
    >>> calibration_holdout_purchases(m, s, max_frequency=2)["actual"].tolist()
    [0.0, 1.0, 2.0]
    """
    _check_model(model, ["conditional_expected_purchases"])
    columns = ["frequency", "recency", "T", "frequency_holdout", "duration_holdout"]
    check_columns("summary", summary, columns)
    top = _check_top(max_frequency)
    predicted = model.conditional_expected_purchases(  # type: ignore[attr-defined]
        summary["duration_holdout"].to_numpy(float), summary["frequency"].to_numpy(float),
        summary["recency"].to_numpy(float), summary["T"].to_numpy(float),
    )
    group = np.minimum(summary["frequency"].to_numpy(), top).astype(np.int64)
    table = pd.DataFrame({
        "group": group,
        "actual": summary["frequency_holdout"].to_numpy(float),
        "expected": np.asarray(predicted, float),
    }).groupby("group").agg(customers=("actual", "size"), actual=("actual", "mean"),
                            expected=("expected", "mean"))
    labels = _bucket_index(top, "calibration_purchases")
    table.index = pd.Index(labels[table.index.to_numpy()], name=labels.name)
    table["customers"] = table["customers"].astype(np.int64)
    return table


def cumulative_transactions(
    model: object,
    transactions: pd.DataFrame,
    calibration_end: object,
    observation_end: object | None = None,
    *,
    freq: str = "W",
    customer: str = "customer_id",
    date: str = "date",
) -> pd.DataFrame:
    r"""Cumulative repeat transactions of a cohort by calendar period, actual and expected.

    (累计重复购买次数：实际值与模型预测)

    Parameters
    ----------
    model : BetaGeo or ParetoNBD
        Fitted on the calibration summary of the same log, in ``freq`` units.
    transactions : pandas.DataFrame
        The transaction log (one row per transaction), with ``customer`` and
        ``date`` columns; dates as :func:`crmlib.transactions.rfm_summary`
        reads them.
    calibration_end : date-like
        Last day of the calibration period; the cohort is every customer whose
        first purchase is on or before it.
    observation_end : date-like, optional
        Last day counted; default the last transaction date.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        The model's time unit, as in :func:`crmlib.transactions.rfm_summary`
        (a month is 30.44 days).
    customer, date : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``period`` k = 1, 2, ...: ``end`` (the last day of the
        period), ``actual`` (cumulative repeat purchases of the cohort) and
        ``expected`` (the model's). ``attrs["calibration_end_period"]`` is the
        end of the calibration period in periods since the log's first day
        (where a plot draws the calibration | holdout line).

    Notes
    -----
    Read with the parser of :func:`crmlib.transactions.rfm_summary`, and as
    there several transactions of a customer on one day are one purchase and
    the first purchase is not a repeat. Periods are counted from the cohort's
    first day; at the end of period :math:`k` (calendar day :math:`c_k`) a
    customer who first bought on day :math:`f_i` has age
    :math:`t_{ik} = \max(c_k - f_i, 0)` (in ``freq`` units, the convention of
    ``T`` in the RFM summary), and the model expects

    .. math::

        \sum_i E[X(t_{ik})]

    repeat purchases so far. Customers with the same first day share one
    call of ``expected_purchases``.

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your
       Customers' the Easy Way", *Marketing Science* 24(2), 275-284, Figure 1.

    Examples
    --------
    >>> from crmlib.models import BetaGeo
    >>> m = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> log = pd.DataFrame({"customer_id": [1, 1, 1, 2],
    ...                     "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-10",
    ...                                             "2024-01-02"])})
    >>> cumulative_transactions(m, log, "2024-01-14", "2024-01-28")["actual"].tolist()
    [0.0, 1.0, 1.0, 1.0]
    """
    _check_model(model, ["expected_purchases"])
    check_column_args("transactions", transactions, {"customer": customer, "date": date})
    freq = check_choice("freq", freq, list(DAYS_PER_UNIT))
    unit = DAYS_PER_UNIT[freq]
    codes, _, days, _ = _columns(transactions, customer, date, None)
    cal_day = _day_number("calibration_end", calibration_end)
    obs_day = int(days.max()) if observation_end is None else _day_number(
        "observation_end", observation_end)
    if obs_day < cal_day:
        raise ValueError("observation_end must not be before calibration_end; got "
                         f"{_show_day(obs_day)} < {_show_day(cal_day)}")
    # one purchase per customer and day: the distinct (customer, day) keys, as rfm_summary
    key, _, dmin, span = _sorted_keys(codes, period_index(days, "D"), False)
    key = key[_run_starts(key)]
    who = key // span
    day = key - who * span + dmin
    starts = _run_starts(who)
    first = np.repeat(day[starts], np.diff(np.r_[starts, who.size]))
    cohort = first <= cal_day
    if not cohort.any():
        raise ValueError("calibration_end must not be before the first transaction; got "
                         f"{_show_day(cal_day)}")
    start = int(first[cohort].min())
    repeats = np.sort(day[cohort & (day > first)])
    firsts, sizes = np.unique(day[starts][day[starts] <= cal_day], return_counts=True)
    k = np.arange(1, int((obs_day - start + 1) // unit) + 1)
    cutoff = np.floor(start + k * unit - 1).astype(np.int64)  # last day of period k
    actual = np.searchsorted(repeats, cutoff, side="right").astype(float)
    ages = np.maximum(cutoff[None, :] - firsts[:, None], 0) / unit
    per_age = np.asarray(model.expected_purchases(ages.ravel()), float)  # type: ignore[attr-defined]
    expected = (sizes[:, None] * per_age.reshape(ages.shape)).sum(axis=0)
    table = pd.DataFrame({"end": cutoff.astype("datetime64[D]"), "actual": actual,
                          "expected": expected}, index=pd.Index(k, name="period"))
    table.attrs["calibration_end_period"] = (cal_day - start + 1) / unit
    return table
