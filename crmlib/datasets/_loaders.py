"""Loaders for the data sets that ship inside :mod:`crmlib` (they work offline).

Each loader reads its file once, keeps it in memory and hands out a fresh
copy on every call, so changing the returned frame never affects the next load.
Provenance, licences and checksums of every file are in ``data/README.md``.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from crmlib._validation import check_choice

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "capstone_orders_path",
    "load_cdnow",
    "load_donations",
    "load_retention_survivors",
    "load_wholesale",
]

_CDNOW_FILES = {"master": "cdnow_master.csv.gz", "sample": "cdnow_sample.csv.gz"}


def _data_file(name: str) -> Traversable:
    return resources.files("crmlib.datasets").joinpath("data", name)


def capstone_orders_path() -> Path:
    """Path of the capstone's example export ``capstone_orders.csv`` (会员订单导出).

    An order export as a Chinese shop system writes it (headers 会员ID,
    订单日期, 数量, 实付金额(美元); dates ``1997/1/1``; UTF-8 with a byte-order
    mark), holding the 6,919 records of the CDNOW sample (:func:`load_cdnow`
    ``("sample")``) and five deliberately malformed rows at the end (no
    customer id, 30 February, an amount "n/a", a return of -11.77, a stray
    field), to be read with :func:`crmlib.transactions.read_transactions`.
    Provenance in ``data/README.md``.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> from crmlib.transactions import read_transactions
    >>> log = read_transactions(capstone_orders_path())
    >>> len(log.data), len(log.rejected), log.columns["amount"]
    (6919, 5, '实付金额(美元)')
    """
    return Path(str(_data_file("capstone_orders.csv")))


@cache
def _read_cdnow(kind: str) -> pd.DataFrame:
    with _data_file(_CDNOW_FILES[kind]).open("rb") as fh:
        frame = pd.read_csv(
            fh,
            compression="gzip",
            dtype={"customer_id": "int64", "master_id": "int64", "date": "string",
                   "quantity": "int64", "amount": "float64"},
        )
    frame["date"] = pd.to_datetime(frame["date"], format="%Y%m%d").astype("datetime64[ns]")
    columns = ["customer_id", "date", "quantity", "amount"]
    if "master_id" in frame.columns:
        columns.append("master_id")
    return frame[columns]


def load_cdnow(kind: str = "master") -> pd.DataFrame:
    """Load the CDNOW transaction log (CDNOW 唱片网站交易记录).

    Every purchase made by a cohort of 23,570 customers who made their first
    purchase at the online music store CDNOW in the first quarter of 1997,
    followed up to the end of June 1998 (69,659 transactions). ``kind="sample"``
    gives the 1/10 sample used in the BG/NBD paper: 2,357 customers and 6,919
    transactions.

    Parameters
    ----------
    kind : {"master", "sample"}, default "master"
        Which file to load.

    Returns
    -------
    pandas.DataFrame
        One row per transaction record, with columns ``customer_id`` (int;
        1..23570 for the master file, the sample's own 1..2357 for the sample),
        ``date`` (datetime64, day of purchase), ``quantity`` (int, number of
        CDs) and ``amount`` (float, dollar value). The sample also has
        ``master_id``, the customer's id in the master file. Some customers
        have several records on one day (2,068 records in the master file);
        RFM summaries usually merge them into one purchase.

    Notes
    -----
    Rows are in the order of the source files (by customer, then date). The
    first purchase of each customer lies in 1997-01-01..1997-03-31; the log
    ends on 1998-06-30 (78 weeks after 1997-01-01). In the course the first
    39 weeks are the calibration period and the remaining 39 weeks the
    holdout period.

    References
    ----------
    .. [1] Fader, P. S. and Hardie, B. G. S. (2001), "Forecasting Repeat Sales at
       CDNOW: A Case Study", *Interfaces* 31(3), S94-S107.
    .. [2] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your
       Customers' the Easy Way: An Alternative to the Pareto/NBD Model",
       *Marketing Science* 24(2), 275-284 (Section 4: the 2,357-customer sample).

    Examples
    --------
    >>> tx = load_cdnow("sample")
    >>> tx["customer_id"].nunique(), len(tx)
    (2357, 6919)
    >>> list(tx.columns)
    ['customer_id', 'date', 'quantity', 'amount', 'master_id']
    """
    kind = check_choice("kind", kind, list(_CDNOW_FILES))
    return _read_cdnow(kind).copy()


@lru_cache(maxsize=1)
def _read_donations() -> pd.DataFrame:
    with _data_file("donations.csv").open("rb") as fh:
        frame = pd.read_csv(fh, dtype="int64")
    return frame.rename(columns={"periods": "n_periods"})


def load_donations() -> pd.DataFrame:
    """Load the donations data of the BG/BB paper (捐赠者重复捐赠数据), as recency/frequency counts.

    The 1995 cohort of 11,104 first-time supporters of a US nonprofit
    organisation, and whether each gave again in each of the 6 following
    years (1996-2001). Customers with the same pattern summary are grouped:
    one row per distinct (frequency, recency) pair, 22 rows in all.

    Returns
    -------
    pandas.DataFrame
        Columns ``frequency`` (int, number of years with a repeat donation,
        0..6), ``recency`` (int, the last year with a repeat donation, 1..6,
        0 if none), ``n_periods`` (int, repeat-donation opportunities: 6) and
        ``weights`` (int, number of donors with this pattern; they sum to
        11,104).

    Notes
    -----
    This is the form :meth:`crmlib.models.BetaGeoBetaBinom.fit` expects
    (``lifetimes`` calls the third column ``periods``).

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Shang, J. (2010), "Customer-Base
       Analysis in a Discrete-Time Noncontractual Setting", *Marketing Science*
       29(6), 1086-1108 (the donations data).

    Examples
    --------
    >>> d = load_donations()
    >>> len(d), int(d["weights"].sum())
    (22, 11104)
    """
    return _read_donations().copy()


@lru_cache(maxsize=1)
def _read_survivors() -> pd.DataFrame:
    with _data_file("retention_survivors.csv").open("rb") as fh:
        frame = pd.read_csv(fh, dtype="int64")
    return frame.set_index("year")


def load_retention_survivors() -> pd.DataFrame:
    """Load the survivor counts of two 1,000-customer cohorts (客户保留/留存数据), years 0-12.

    How many of 1,000 customers who signed up in year 0 are still customers
    at the start of each of the next 12 years, for a "regular" and a "high
    end" customer segment of a subscription business.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``year`` (0..12), with int columns ``regular`` and
        ``high_end``; both start at 1,000 and never increase.

    Notes
    -----
    Fader and Hardie fit the shifted-beta-geometric (sBG) model to years 0-7
    and use years 8-12 to check its projections; see
    :class:`crmlib.models.ShiftedBetaGeometric`.

    References
    ----------
    .. [1] Fader, P. S. and Hardie, B. G. S. (2007), "How to Project Customer
       Retention", *Journal of Interactive Marketing* 21(1), 76-90 (the regular
       and high end cohorts).

    Examples
    --------
    >>> s = load_retention_survivors()
    >>> s.loc[[0, 1, 12]]
          regular  high_end
    year
    0        1000      1000
    1         631       869
    12        173       394
    """
    return _read_survivors().copy()


_WHOLESALE_FILES = {"customers": "wholesale_customers.csv", "resources": "wholesale_resources.csv"}


@cache
def _read_wholesale(table: str) -> pd.DataFrame:
    with _data_file(_WHOLESALE_FILES[table]).open("rb") as fh:
        frame = pd.read_csv(fh, index_col=0)
    return frame


def load_wholesale(table: str = "customers") -> pd.DataFrame:
    """Load the simulated wholesale customer base with costs (模拟的批发企业客户数据).

    One year (2023) of a wholesale office-supplies distributor with 1,000
    business customers: sales, cost of goods sold, the activities each
    customer used (for activity-based costing), wallet and product lines
    (for growth potential), and satisfaction, referrals, acquisition cost
    and churn (for value assessment). The data are **simulated** with a
    fixed seed by the kit's own simulator; the assumptions are listed in
    ``data/README.md``.

    Parameters
    ----------
    table : {"customers", "resources"}, default "customers"
        ``"customers"``: one row per customer. ``"resources"``: the firm's
        five resources with their annual cost and resource drivers.

    Returns
    -------
    pandas.DataFrame
        ``"customers"``, indexed by ``customer_id`` (1..1000), int columns
        ``orders``, ``deliveries``, ``sales_visits``, ``service_calls``,
        ``returns`` (activity drivers used in the year),
        ``days_since_last_order`` (days from the last order to 2023-12-31),
        ``lines_held`` (of 8 product lines offered), ``tenure_years``,
        ``satisfaction`` (survey score 1-5), ``referrals`` (new customers
        referred), ``churned`` (1 if the customer left in 2024), and float
        columns ``sales``, ``cogs`` (cost of goods sold), ``wallet`` (the
        customer's whole annual spend in the category, all suppliers) and
        ``acquisition_cost`` (all in yuan ¥).
        ``"resources"``, indexed by ``resource``: ``cost`` (¥ per year) and
        one column per activity (``order_processing``, ``delivery``,
        ``sales_visit``, ``service_call``, ``return_handling``) with the
        percentage of the resource's time the activity takes.

    Notes
    -----
    The activity columns of the customers table are the cost drivers of the
    activities in the resources table: orders → order processing,
    deliveries → delivery, sales visits → sales visit, service calls →
    service call, returns → return handling.

    Examples
    --------
    >>> c = load_wholesale()
    >>> len(c), int(c["orders"].sum())
    (1000, 9140)
    >>> int(load_wholesale("resources")["cost"].sum())
    530000
    """
    table = check_choice("table", table, list(_WHOLESALE_FILES))
    return _read_wholesale(table).copy()
