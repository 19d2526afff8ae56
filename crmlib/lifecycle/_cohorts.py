"""Acquisition cohorts: customers, retention and revenue by periods since acquisition."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmlib._messages import fail
from crmlib._validation import check_choice
from crmlib.lifecycle._data import check_period, day_to_period, period_labels, read_log

__all__ = ["MEASURES", "CohortTable", "cohort_table"]

#: Measures a cohort table holds (``margin`` only when a margin column is given).
MEASURES = ("customers", "retention", "revenue", "margin")


@dataclass(frozen=True, eq=False)
class CohortTable:
    """Acquisition cohorts × periods since acquisition (客户群组分析).

    Attributes
    ----------
    customers : pandas.DataFrame
        Active customers: rows are cohorts (the period of the first
        purchase, a ``pandas.Period``), columns the periods since acquisition
        ``0, 1, 2, ...``; a cell counts the cohort's customers with at least
        one purchase in that period. Cells after the end of observation are
        NaN (not observed), never 0.
    retention : pandas.DataFrame
        ``customers`` divided by the cohort size (share of the cohort active
        in that period; column 0 is 1).
    revenue : pandas.DataFrame
        Revenue of the cohort in that period per acquired customer of the
        cohort (currency per customer).
    margin : pandas.DataFrame or None
        Margin (profit) per acquired customer, when a margin column was given.
    sizes : pandas.Series
        Customers acquired in each cohort.
    period : str
        The period unit (``"D"``, ``"W"``, ``"M"``, ``"Q"`` or ``"Y"``).
    observation_end : pandas.Timestamp
        Last day observed; its period counts as observed (it may be partial).

    Examples
    --------
    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                    "date": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-02-10"]),
    ...                    "amount": [10.0, 20.0, 5.0]})
    >>> cohort_table(tx).customers
    periods since acquisition    0    1
    cohort
    2024-01                    1.0  1.0
    2024-02                    1.0  NaN
    """

    customers: pd.DataFrame
    retention: pd.DataFrame
    revenue: pd.DataFrame | None
    margin: pd.DataFrame | None
    sizes: pd.Series
    period: str
    observation_end: pd.Timestamp

    def __repr__(self) -> str:
        return (
            f"CohortTable(period={self.period!r}, cohorts={len(self.sizes)}, "
            f"customers={int(self.sizes.sum())}, periods={self.customers.shape[1]})"
        )

    def measure(self, name: str) -> pd.DataFrame:
        """One measure as a cohort × age table: customers, retention, revenue or margin.

        Examples
        --------
        >>> import pandas as pd
        >>> tx = pd.DataFrame({"customer_id": [1, 2], "date": ["2024-01-05", "2024-01-09"],
        ...                    "amount": [3.0, 5.0]})
        >>> cohort_table(tx).measure("revenue").iloc[0, 0]  # (3 + 5) / 2 customers
        np.float64(4.0)
        """
        name = check_choice("measure", name, MEASURES)
        table = getattr(self, name)
        if table is None:
            need = "amount" if name == "revenue" else "margin"
            raise fail(ValueError, "measure_needs_column", measure=repr(name), column=need)
        return table

    def to_frame(self) -> pd.DataFrame:
        """Long form: one row per observed (cohort, periods since acquisition) cell.

        Examples
        --------
        >>> import pandas as pd
        >>> tx = pd.DataFrame({"customer_id": [1, 1], "date": ["2024-01-05", "2024-02-09"],
        ...                    "amount": [3.0, 5.0]})
        >>> cohort_table(tx).to_frame()["retention"].tolist()
        [1.0, 1.0]
        """
        parts = {name: getattr(self, name) for name in MEASURES if getattr(self, name) is not None}
        long = pd.concat({k: v.stack() for k, v in parts.items()}, axis=1)
        return long.dropna(subset=["customers"]).reset_index()


def cohort_table(
    transactions: object,
    period: str = "M",
    *,
    observation_end: object = None,
    customer: str = "customer_id",
    date: str = "date",
    amount: str | None = "amount",
    margin: str | None = None,
) -> CohortTable:
    """Acquisition cohorts × periods since acquisition: active customers, retention, revenue.

    Parameters
    ----------
    transactions : pandas.DataFrame or TransactionLog
        One row per transaction with a customer id, a date and (unless
        ``amount=None``) an amount, as for
        :func:`crmlib.transactions.rfm_summary`. Never modified.
    period : {"D", "W", "M", "Q", "Y"}, default "M"
        The period unit of cohorts and ages: day, week (Monday to Sunday),
        calendar month, quarter, year.
    observation_end : date-like, optional
        Last day observed (inclusive); later transactions are ignored.
        Default: the date of the last transaction.
    customer, date, amount : str
        Column names. ``amount=None`` leaves out revenue.
    margin : str, optional
        Name of a column holding the margin (profit) of each transaction;
        adds the ``margin`` table.

    Returns
    -------
    CohortTable

    Notes
    -----
    A customer's cohort :math:`c` is the period of their first purchase; a
    transaction in period :math:`p` has age :math:`k = p - c` (periods since
    acquisition). With :math:`N_c` the customers acquired in :math:`c`,
    :math:`A_{c,k}` those of them with a purchase at age :math:`k` and
    :math:`R_{c,k}` their revenue in it,

    .. math::

        \\text{retention}_{c,k} = \\frac{A_{c,k}}{N_c}, \\qquad
        \\text{revenue}_{c,k} = \\frac{R_{c,k}}{N_c}.

    A cell is observed only if period :math:`c + k` is not after the period
    of ``observation_end``; later cells are NaN. Later cohorts are followed
    for fewer periods (right-censoring), so averaging a column over cohorts
    mixes different groups; see :func:`retention_curve`.

    References
    ----------
    Gupta, S., Hanssens, D., Hardie, B., Kahn, W., Kumar, V., Lin, N.,
    Ravishanker, N., & Sriram, S. (2006). Modeling customer lifetime value.
    *Journal of Service Research*, 9(2), 139-155 (cohort-based retention).

    Fader, P. S., & Hardie, B. G. S. (2001). Forecasting repeat sales at
    CDNOW: A case study. *Interfaces*, 31(3), S94-S107.

    Examples
    --------
    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b", "c"],
    ...                    "date": pd.to_datetime(["2024-01-05", "2024-03-01", "2024-01-20",
    ...                                            "2024-02-11"]),
    ...                    "amount": [10.0, 20.0, 6.0, 8.0]})
    >>> t = cohort_table(tx)
    >>> t.retention  # cohort 2024-01: a and b; only a comes back, in March
    periods since acquisition    0    1    2
    cohort
    2024-01                    1.0  0.0  0.5
    2024-02                    1.0  0.0  NaN
    >>> t.revenue.loc["2024-01", 2]  # 20 / 2 customers
    np.float64(10.0)
    """
    period = check_period("period", period)
    log = read_log(transactions, customer=customer, date=date, amount=amount,
                   end=observation_end, extra=margin)
    p = day_to_period(log.days, period)
    n_customers = log.labels.size
    first = np.full(n_customers, np.iinfo(np.int64).max)
    np.minimum.at(first, log.codes, p)
    present = np.zeros(n_customers, bool)
    present[log.codes] = True
    first = first[present]
    cohort_of = np.full(n_customers, -1, dtype=np.int64)
    cohort_of[present] = first
    age = p - cohort_of[log.codes]
    end_period = int(day_to_period(np.array([log.end_day]), period)[0])

    cohorts = np.unique(first)
    c0 = int(cohorts.min())
    width = end_period - c0 + 1
    row = np.searchsorted(cohorts, cohort_of[log.codes])
    cells = row * width + age
    sizes = np.bincount(np.searchsorted(cohorts, first), minlength=cohorts.size).astype(float)
    pairs = np.unique(log.codes.astype(np.int64) * (cohorts.size * width) + cells)
    active = np.bincount(pairs % (cohorts.size * width), minlength=cohorts.size * width)
    shape = (cohorts.size, width)
    observed = (cohorts[:, None] + np.arange(width)[None, :]) <= end_period

    index = pd.Index(period_labels(cohorts, period), name="cohort")
    columns = pd.RangeIndex(width, name="periods since acquisition")

    def frame(values: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(np.where(observed, values, np.nan), index=index, columns=columns)

    counts = active.reshape(shape).astype(float)
    per_customer = sizes[:, None]

    def summed(values: np.ndarray | None) -> pd.DataFrame | None:
        if values is None:
            return None
        total = np.bincount(cells, weights=values, minlength=cohorts.size * width)
        return frame(total.reshape(shape) / per_customer)

    return CohortTable(
        customers=frame(counts),
        retention=frame(counts / per_customer),
        revenue=summed(log.amounts),
        margin=summed(log.extra),
        sizes=pd.Series(sizes.astype(np.int64), index=index, name="customers"),
        period=period,
        observation_end=pd.Timestamp(np.datetime64(log.end_day, "D")),
    )
