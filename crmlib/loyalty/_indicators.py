"""Loyalty indicators (忠诚度指标) from transactions, and the net promoter score from a survey."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmlib._validation import check_array, check_choice, check_positive
from crmlib.transactions import TransactionLog, rfm_summary
from crmlib.transactions._periods import UNITS
from crmlib.transactions._rfm import _columns, _day_number

__all__ = ["LoyaltyIndicators", "NPSResult", "loyalty_indicators", "net_promoter_score"]


@dataclass(frozen=True, eq=False)
class LoyaltyIndicators:
    """Per-customer loyalty indicators and the customer-base rates built on them.

    Attributes
    ----------
    table : pandas.DataFrame
        Index ``customer_id``; columns ``purchases`` (purchase days up to
        ``observation_end``), ``repeat_purchases`` (purchases after the
        first), ``relationship_duration`` (first purchase to
        ``observation_end``, in ``freq`` units), ``purchase_frequency``
        (repeat purchases per ``freq`` unit of the relationship; NaN when the
        relationship began on ``observation_end``), ``spend`` (total amount),
        ``time_since_last`` (``freq`` units) and ``churned`` (no purchase for
        more than ``churn_after`` units); with a ``wallet``, also ``wallet``
        and ``share_of_wallet``.
    repeat_purchase_rate : float
        Share of customers with at least one repeat purchase.
    churn_rate : float
        Share of customers counted as churned.
    freq : str
        Time unit: "D", "W", "M", "Q" or "Y".
    churn_after : float
        Inactivity (in ``freq`` units) beyond which a customer counts as churned.
    observation_end : str
        Last day observed (ISO date).
    """

    table: pd.DataFrame = field(repr=False)
    repeat_purchase_rate: float
    churn_rate: float
    freq: str
    churn_after: float
    observation_end: str

    def to_frame(self) -> pd.DataFrame:
        """Copy of the per-customer table.

        Examples
        --------
        >>> import pandas as pd
        >>> tx = pd.DataFrame({"customer_id": ["a", "a"], "date": ["2024-01-01", "2024-03-01"],
        ...                    "amount": [10.0, 20.0]})
        >>> loyalty_indicators(tx).to_frame()["spend"].tolist()
        [30.0]
        """
        return self.table.copy()


def loyalty_indicators(
    transactions: pd.DataFrame | TransactionLog,
    freq: str = "M",
    observation_end: object = None,
    *,
    churn_after: float = 6.0,
    wallet: pd.Series | None = None,
    customer: str = "customer_id",
    date: str = "date",
    amount: str | None = "amount",
) -> LoyaltyIndicators:
    """Loyalty indicators per customer from a transaction log.

    Parameters
    ----------
    transactions : pandas.DataFrame or TransactionLog
        One row per transaction (customer id, date, amount), as taken by
        :func:`crmlib.transactions.rfm_summary`; several transactions on one
        day are one purchase. Never modified.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        Time unit of durations and frequencies.
    observation_end : date-like, optional
        Last day observed (inclusive); later transactions are ignored.
        Default: the last transaction's date.
    churn_after : float, default 6
        A customer without a purchase for more than this many ``freq`` units
        before ``observation_end`` counts as churned (流失). Customers of a
        non-contractual business leave silently, so this is a rule of thumb;
        notebook 05's P(alive) is the model-based view.
    wallet : pandas.Series, optional
        Each customer's total spend in the category (at every supplier) over
        the same period, indexed by customer id; gives ``share_of_wallet``.
    customer, date, amount : str
        Column names; ``amount=None`` for a log without amounts (no
        ``spend``, and no ``wallet`` can be given).

    Returns
    -------
    LoyaltyIndicators

    Notes
    -----
    With :math:`x` repeat purchases, :math:`t_x` the last and :math:`t_1`
    the first purchase, :math:`\\tau` the observation end (times in ``freq``
    units), spend :math:`s` and wallet :math:`W`:

    .. math::

        \\text{duration} = \\tau - t_1, \\qquad
        \\text{frequency} = \\frac{x}{\\tau - t_1}, \\qquad
        \\text{share of wallet} = \\frac{s}{W},

    the repeat-purchase rate is the share of customers with :math:`x \\ge 1`
    and the churn rate the share with :math:`\\tau - t_x` above
    ``churn_after``. Durations come from :func:`~crmlib.transactions.rfm_summary`
    (``T`` and ``recency``).

    References
    ----------
    Course material (客户忠诚度测评: relationship duration, repeat purchases,
    purchase frequency, share of wallet).

    Reichheld, F. F. (1996). *The Loyalty Effect*. Harvard Business School
    Press (retention and churn rates).

    Examples
    --------
    >>> import pandas as pd
    >>> tx = pd.DataFrame({
    ...     "customer_id": ["a", "a", "a", "b"],
    ...     "date": ["2024-01-01", "2024-02-01", "2024-03-01", "2024-01-15"],
    ...     "amount": [10.0, 20.0, 30.0, 50.0],
    ... })
    >>> res = loyalty_indicators(tx, freq="D", observation_end="2024-03-31", churn_after=30)
    >>> res.table[["purchases", "relationship_duration", "spend", "churned"]]
                 purchases  relationship_duration  spend  churned
    customer_id
    a                    3                   90.0   60.0    False
    b                    1                   76.0   50.0     True
    >>> res.repeat_purchase_rate, res.churn_rate
    (0.5, 0.5)
    """
    freq = check_choice("freq", freq, UNITS)
    churn_after = check_positive("churn_after", churn_after, allow_zero=True)
    if amount is None and wallet is not None:
        raise ValueError("wallet needs the customers' spend: name the amount column "
                         "(amount='...'), not amount=None")
    summary = rfm_summary(transactions, freq=freq, observation_end=observation_end,
                          customer=customer, date=date, amount=amount, zero_T="keep")
    frame = transactions.data if isinstance(transactions, TransactionLog) else transactions
    codes, labels, days, values = _columns(frame, customer, date, amount)
    obs_day = int(days.max()) if observation_end is None else _day_number(
        "observation_end", observation_end)

    table = pd.DataFrame(index=summary.index)
    table["purchases"] = summary["frequency"] + 1
    table["repeat_purchases"] = summary["frequency"]
    table["relationship_duration"] = summary["T"]
    duration = summary["T"].to_numpy()
    table["purchase_frequency"] = np.divide(
        summary["frequency"].to_numpy(dtype=float), duration,
        out=np.full(len(table), np.nan), where=duration > 0)
    if values is not None:
        keep = days <= obs_day
        spend = np.bincount(codes[keep], weights=values[keep], minlength=len(labels))
        table["spend"] = pd.Series(spend, index=pd.Index(labels)).reindex(summary.index)
    table["time_since_last"] = summary["T"] - summary["recency"]
    table["churned"] = table["time_since_last"] > churn_after
    if wallet is not None:
        table["wallet"] = _check_wallet(wallet, table["spend"])
        table["share_of_wallet"] = table["spend"] / table["wallet"]
    return LoyaltyIndicators(
        table=table,
        repeat_purchase_rate=float((table["repeat_purchases"] > 0).mean()),
        churn_rate=float(table["churned"].mean()),
        freq=freq,
        churn_after=churn_after,
        observation_end=str(np.datetime64(obs_day, "D")),
    )


def _check_wallet(wallet: object, spend: pd.Series) -> np.ndarray:
    if not isinstance(wallet, pd.Series):
        raise TypeError("wallet must be a pandas Series indexed by customer id; "
                        f"got {type(wallet).__name__}")
    missing = spend.index.difference(wallet.index)
    if len(missing):
        raise ValueError(f"wallet must give a total for every customer; {len(missing)} missing "
                         f"(first: {missing[0]!r})")
    w = check_array("wallet", wallet.reindex(spend.index).to_numpy())
    low = np.flatnonzero(w < spend.to_numpy() * (1 - 1e-12))
    if low.size:
        i = int(low[0])
        raise ValueError(
            "wallet must be at least the customer's spend with this firm (it is their total "
            f"at every supplier); customer {spend.index[i]!r} has wallet {w[i]:g} but spent "
            f"{spend.iloc[i]:g} here"
        )
    if (w <= 0).any():
        i = int(np.flatnonzero(w <= 0)[0])
        raise ValueError(f"wallet must be greater than 0; customer {spend.index[i]!r} has {w[i]:g}")
    return w


@dataclass(frozen=True)
class NPSResult:
    """Net promoter score and the counts it comes from.

    Attributes
    ----------
    value : float
        NPS in points, from -100 to 100.
    promoters, passives, detractors : int
        Answers of 9-10, 7-8 and 0-6.
    n : int
        Number of answers.
    """

    value: float
    promoters: int
    passives: int
    detractors: int
    n: int


def net_promoter_score(scores: object) -> NPSResult:
    """Net promoter score (净推荐值) from answers to "How likely are you to recommend us?".

    Parameters
    ----------
    scores : sequence of int
        One answer per respondent, a whole number from 0 to 10.

    Returns
    -------
    NPSResult

    Notes
    -----
    With :math:`P` promoters (9-10), :math:`D` detractors (0-6) and
    :math:`N` answers,

    .. math::

        \\mathrm{NPS} = 100 \\, \\frac{P - D}{N}.

    References
    ----------
    Reichheld, F. F. (2003). The one number you need to grow. *Harvard
    Business Review*, 81(12), 46-54.

    Examples
    --------
    >>> net_promoter_score([10, 9, 8, 7, 6, 3, 10, 9, 9, 5])
    NPSResult(value=20.0, promoters=5, passives=2, detractors=3, n=10)
    """
    arr = check_array("scores", scores)
    bad = np.flatnonzero((arr != np.round(arr)) | (arr < 0) | (arr > 10))
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            f"scores must be whole numbers from 0 to 10 (the recommendation scale); "
            f"entry {i} is {arr[i]:g}"
        )
    promoters = int((arr >= 9).sum())
    detractors = int((arr <= 6).sum())
    n = int(arr.size)
    return NPSResult(value=100.0 * (promoters - detractors) / n, promoters=promoters,
                     passives=n - promoters - detractors, detractors=detractors, n=n)
