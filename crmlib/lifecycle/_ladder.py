"""Each customer's rung on the relationship ladder (客户关系阶梯), from their purchases."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmlib._validation import check_integer, check_probability
from crmlib.lifecycle._classify import purchases_by_day
from crmlib.lifecycle._data import read_log
from crmlib.lifecycle._stages import LADDER
from crmlib.transactions._rfm import _sort_order

__all__ = ["ladder_position"]


def ladder_position(
    transactions: object,
    as_of: object = None,
    *,
    member_purchases: int = 2,
    core_share: float = 0.2,
    referrals: Mapping[object, float] | pd.Series | None = None,
    advocate_referrals: int = 1,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
) -> pd.DataFrame:
    """Each customer's rung on the relationship ladder: initial → member → core → advocate.

    Parameters
    ----------
    transactions : pandas.DataFrame or TransactionLog
        One row per transaction (customer id, date, amount).
    as_of : date-like, optional
        Day to look from (inclusive); default the last transaction's date.
    member_purchases : int, default 2
        Purchase days needed to be a member (repeat) customer (at least 2).
    core_share : float, default 0.2
        Members among the top ``core_share`` of all customers by revenue
        are core customers (between 0 and 1).
    referrals : dict or pandas.Series, optional
        Number of new customers each customer has referred. Without it,
        advocates cannot be told apart from core customers.
    advocate_referrals : int, default 1
        Referrals that make a core customer an advocate (at least 1).
    customer, date, amount : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id``: ``rung``, ``reason``, ``reason_zh``,
        ``purchases``, ``revenue``, ``revenue_rank`` (1 = highest) and
        ``referrals`` (NaN without referral data).

    Notes
    -----
    With :math:`n_i` purchase days, :math:`R_i` revenue, :math:`N`
    customers and :math:`k = \\lceil` ``core_share`` :math:`\\cdot N\\rceil`:
    initial if :math:`n_i <` ``member_purchases``; otherwise core if
    :math:`R_i \\ge R_{(k)}` (the :math:`k`-th largest revenue), advocate if
    also referrals :math:`\\ge` ``advocate_referrals``; otherwise member.

    References
    ----------
    The relationship ladder of the course material (初始客户、会员客户、核心客户、倡导者);
    Christopher, M., Payne, A., & Ballantyne, D. (1991). *Relationship
    Marketing*. Butterworth-Heinemann (the ladder of customer loyalty).

    Examples
    --------
    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": ["a", "b", "b", "c", "c", "c"],
    ...                    "date": ["2024-01-01", "2024-01-01", "2024-02-01",
    ...                             "2024-01-01", "2024-02-01", "2024-03-01"],
    ...                    "amount": [5.0, 10.0, 10.0, 40.0, 40.0, 40.0]})
    >>> ladder_position(tx, core_share=0.3, referrals={"c": 2})["rung"].to_dict()
    {'a': 'initial', 'b': 'member', 'c': 'advocate'}
    """
    m = check_integer("member_purchases", member_purchases, minimum=2)
    share = check_probability("core_share", core_share, allow_zero=False)
    a = check_integer("advocate_referrals", advocate_referrals, minimum=1)
    log = read_log(transactions, customer=customer, date=date, amount=amount, end=as_of,
                   end_name="as_of")
    purchases = purchases_by_day(log)
    g = purchases.groupby("code", sort=True)
    n = g.size().to_numpy()
    revenue = g["amount"].sum().to_numpy()
    labels = log.labels.take(g.size().index.to_numpy())
    rank = pd.Series(revenue).rank(ascending=False, method="min").to_numpy().astype(int)
    k = math.ceil(share * n.size)
    threshold = np.sort(revenue)[::-1][k - 1]
    if referrals is None:
        refs = np.full(n.size, np.nan)
    else:
        if not isinstance(referrals, (Mapping, pd.Series)):
            raise TypeError("referrals must be a dict or pandas Series of counts by customer id; "
                            f"got {type(referrals).__name__}")
        series = pd.Series(referrals, dtype=float)
        if (series < 0).any() or not np.isfinite(series).all():
            bad = series[(series < 0) | ~np.isfinite(series)].index[0]
            raise ValueError(f"referrals must be counts of 0 or more; customer {bad!r} has "
                             f"{series[bad]:g}")
        refs = series.reindex(labels).fillna(0.0).to_numpy()
    rung = np.empty(n.size, dtype=object)
    reason = np.empty(n.size, dtype=object)
    reason_zh = np.empty(n.size, dtype=object)
    top = f"{share:.0%}"
    for i in range(n.size):
        if n[i] < m:
            rung[i] = "initial"
            reason[i] = f"{n[i]} purchase day(s), fewer than the {m} that make a member"
            reason_zh[i] = f"购买 {n[i]} 天次，少于成为会员所需的 {m} 次"
        elif revenue[i] < threshold:
            rung[i] = "member"
            reason[i] = (f"a repeat customer ({n[i]} purchase days), revenue rank {rank[i]} of "
                         f"{n.size}, outside the top {top}")
            reason_zh[i] = f"回头客（购买 {n[i]} 天次），收入排名 {rank[i]}/{n.size}，不在前 {top}"
        elif np.isnan(refs[i]) or refs[i] < a:
            rung[i] = "core"
            reason[i] = (f"a repeat customer with revenue rank {rank[i]} of {n.size}, "
                         f"in the top {top}")
            reason_zh[i] = f"回头客，收入排名 {rank[i]}/{n.size}，位于前 {top}"
            if np.isnan(refs[i]):
                reason[i] += "; no referral data, so advocacy cannot be seen"
                reason_zh[i] += "；没有推荐数据，无法识别倡导者"
            else:
                reason[i] += f"; {refs[i]:g} referral(s), fewer than {a}"
                reason_zh[i] += f"；推荐 {refs[i]:g} 人，少于 {a} 人"
        else:
            rung[i] = "advocate"
            reason[i] = (f"a core customer (revenue rank {rank[i]} of {n.size}) who referred "
                         f"{refs[i]:g} new customer(s)")
            reason_zh[i] = f"核心客户（收入排名 {rank[i]}/{n.size}），推荐了 {refs[i]:g} 位新客户"
    out = pd.DataFrame({"rung": pd.Categorical(rung, categories=list(LADDER)),
                        "reason": reason, "reason_zh": reason_zh, "purchases": n,
                        "revenue": revenue, "revenue_rank": rank, "referrals": refs},
                       index=pd.Index(labels, name="customer_id"))
    order = _sort_order(np.asarray(labels))
    out = out.iloc[order]
    out["rung"] = out["rung"].astype(str)
    return out
