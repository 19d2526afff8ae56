"""The stage of each customer now, and their rung on the relationship ladder, from their history."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._validation import check_positive, check_probability
from crmlib.lifecycle._data import PERIOD_FREQ, Log, check_period, read_log
from crmlib.lifecycle._stages import STAGES
from crmlib.transactions import rfm_summary
from crmlib.transactions._periods import DAYS_PER_UNIT
from crmlib.transactions._rfm import _show_day, _sort_order

__all__ = ["StageClassification", "classify_stage", "purchases_by_day", "stage_summary"]

_UNIT_WORD = {"D": ("days", "天"), "W": ("weeks", "周"), "M": ("months", "个月"),
              "Q": ("quarters", "个季度"), "Y": ("years", "年")}


def purchases_by_day(log: Log) -> pd.DataFrame:
    """One row per customer and purchase day (same-day transactions are one purchase)."""
    amounts = log.amounts if log.amounts is not None else np.zeros(log.days.size)
    frame = pd.DataFrame({"code": log.codes, "day": log.days, "amount": amounts})
    return frame.groupby(["code", "day"], as_index=False, sort=True)["amount"].sum()


def _customer_stats(purchases: pd.DataFrame, end_day: int, window_days: float) -> pd.DataFrame:
    g = purchases.groupby("code", sort=True)
    stats = pd.DataFrame({
        "first": g["day"].min(),
        "last": g["day"].max(),
        "n": g.size(),
        "revenue": g["amount"].sum(),
    })
    first = stats["first"].reindex(purchases["code"]).to_numpy()
    boundary = end_day - window_days
    repeat = purchases["day"].to_numpy() > first
    recent = repeat & (purchases["day"].to_numpy() > boundary)
    earlier = repeat & ~recent
    by = purchases["code"].to_numpy()
    amount = purchases["amount"].to_numpy()

    def per_customer(values: np.ndarray) -> pd.Series:
        return pd.Series(values).groupby(by).sum()

    stats["recent_n"] = per_customer(recent.astype(int))
    stats["earlier_n"] = per_customer(earlier.astype(int))
    stats["recent_spend"] = per_customer(np.where(recent, amount, 0.0))
    stats["earlier_spend"] = per_customer(np.where(earlier, amount, 0.0))
    stats["recent_revenue"] = per_customer(
        np.where(purchases["day"].to_numpy() > boundary, amount, 0.0))
    return stats


def _trend(recent: np.ndarray, recent_len: float, earlier: np.ndarray,
           earlier_len: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rates per period in the recent and earlier windows and their ratio (inf if earlier is 0)."""
    r = recent / recent_len
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        e = np.where(earlier_len > 0, earlier / earlier_len, np.nan)
        ratio = np.where(e > 0, r / e, np.where(r > 0, np.inf, np.nan))
    return r, e, ratio


def _fmt(x: float) -> str:
    if math.isinf(x):
        return "∞"
    return f"{x:.2f}".rstrip("0").rstrip(".") if abs(x) < 100 else f"{x:,.0f}"


def _n(x: float, unit: str) -> str:
    """A number of units, singular for 1: '1 month', '2.5 months'."""
    text = _fmt(x)
    return f"{text} {unit[:-1] if text == '1' else unit}"


def _g(x: float) -> str:
    """A threshold as the user gave it (0.999 stays 0.999)."""
    return f"{x:g}"


@dataclass(frozen=True, eq=False)
class StageClassification:
    """The lifecycle stage of each customer at ``as_of``, with the reason in words.

    Attributes
    ----------
    table : pandas.DataFrame
        Indexed by ``customer_id`` (sorted): ``stage`` (``exploration``,
        ``formation``, ``stability`` or ``decline``), ``reason`` and
        ``reason_zh`` (why, in English and Chinese), ``rule`` (the number
        of the rule that decided, see :func:`classify_stage`),
        ``first_purchase``, ``last_purchase``, ``purchases`` (purchase days),
        ``tenure``, ``usual_gap`` (NaN with a single purchase day: no gap yet) and
        ``inactivity`` (in ``freq`` units),
        ``frequency_trend`` and ``spend_trend`` (recent rate / earlier rate
        of repeat purchases and of their spend), ``revenue`` (all purchases
        up to ``as_of``), ``recent_revenue`` (in the last ``window``
        periods) and ``probability_alive`` (NaN without a model).
    as_of : pandas.Timestamp
        The day the stages describe.
    freq : str
        The period unit of the rules and of the time columns.
    rules : dict
        The thresholds used.
    purchases : pandas.DataFrame
        The purchases the stages were computed from: ``customer_id``,
        ``date`` and ``amount`` (one row per customer and purchase day).
    """

    table: pd.DataFrame = field(repr=False)
    as_of: pd.Timestamp
    freq: str
    rules: Mapping[str, Any] = field(repr=False)
    purchases: pd.DataFrame = field(repr=False)

    def __repr__(self) -> str:
        counts = self.table["stage"].value_counts().reindex(list(STAGES), fill_value=0)
        shown = ", ".join(f"{k}={v}" for k, v in counts.items())
        return f"StageClassification(as_of={self.as_of.date()}, {shown})"

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-customer table.

        Examples
        --------
        >>> import pandas as pd
        >>> tx = pd.DataFrame({"customer_id": ["a"], "date": ["2024-01-05"], "amount": [9.0]})
        >>> classify_stage(tx, as_of="2024-02-01").to_frame()["stage"].tolist()
        ['exploration']
        """
        return self.table.copy()

    def history(self, customer_id: object) -> pd.DataFrame:
        """One customer's purchases per ``freq`` period up to ``as_of`` (zeros included).

        Returns a DataFrame indexed by ``period`` (pandas periods) with
        ``purchases`` and ``spend``.

        Examples
        --------
        >>> import pandas as pd
        >>> tx = pd.DataFrame({"customer_id": ["a", "a"], "date": ["2024-01-05", "2024-03-01"],
        ...                    "amount": [9.0, 3.0]})
        >>> classify_stage(tx).history("a")["purchases"].tolist()
        [1, 0, 1]
        """
        if customer_id not in self.table.index:
            sample = ", ".join(map(repr, self.table.index[:5]))
            raise ValueError(
                f"customer_id must be one of the classified customers (such as {sample}); "
                f"got {customer_id!r}"
            )
        mine = self.purchases[self.purchases["customer_id"] == customer_id]
        freq = PERIOD_FREQ[self.freq]
        periods = mine["date"].dt.to_period(freq)
        grid = pd.period_range(periods.min(), self.as_of.to_period(freq), freq=freq)
        out = pd.DataFrame({
            "purchases": periods.value_counts().reindex(grid, fill_value=0).astype(int),
            "spend": mine.groupby(periods)["amount"].sum().reindex(grid, fill_value=0.0),
        })
        out.index.name = "period"
        return out


def classify_stage(
    transactions: object,
    as_of: object = None,
    *,
    freq: str = "M",
    exploration: float = 3,
    window: float = 3,
    inactivity_ratio: float = 2.0,
    rising: float = 1.25,
    falling: float = 0.5,
    model: object | None = None,
    model_freq: str = "W",
    alive_threshold: float = 0.5,
    customer: str = "customer_id",
    date: str = "date",
    amount: str | None = "amount",
) -> StageClassification:
    """Each customer's lifecycle stage now (考察期, 形成期, 稳定期, 退化期), from their own history.

    Parameters
    ----------
    transactions : pandas.DataFrame or TransactionLog
        One row per transaction (customer id, date, amount), as for
        :func:`crmlib.transactions.rfm_summary`. Same-day transactions of a
        customer are one purchase.
    as_of : date-like, optional
        The day to classify at (inclusive); later transactions are ignored.
        Default: the last transaction's date.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        Unit of ``exploration``, ``window`` and the time columns (a month
        is 30.44 days).
    exploration : float, default 3
        A customer whose first purchase is at most this many periods ago is
        in exploration (> 0, at least ``window``).
    window : float, default 3
        Length of the recent window whose purchase rate is compared with
        the customer's earlier rate (> 0).
    inactivity_ratio : float, default 2
        Decline when the time since the last purchase exceeds this multiple
        of the customer's usual gap between purchases (> 0).
    rising, falling : float, default 1.25 and 0.5
        Trend ratios (recent rate / earlier rate) at or above which volume
        is rising, and below which it is falling (``falling < 1 < rising``
        is not required, but ``falling < rising`` is).
    model : BetaGeo or ParetoNBD, optional
        A fitted model (time in ``model_freq`` units); adds P(alive) and the
        rule "decline if P(alive) < ``alive_threshold``".
    model_freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Time unit the model was fitted in.
    alive_threshold : float, default 0.5
        P(alive) below which a customer is in decline (between 0 and 1).
    customer, date, amount : str
        Column names; ``amount=None`` uses purchase counts only.

    Returns
    -------
    StageClassification
        ``table`` holds each customer's stage, the reason in English and
        Chinese, and the numbers the rules looked at.

    Notes
    -----
    For a customer with first purchase :math:`t_1`, last purchase
    :math:`t_n` (:math:`n` purchase days) and the day :math:`\\tau` =
    ``as_of``: tenure :math:`\\tau - t_1`, usual gap
    :math:`g = (t_n - t_1)/(n-1)`, inactivity :math:`\\tau - t_n`. The
    recent window is :math:`(\\tau - w, \\tau]`, the earlier one
    :math:`(t_1, \\tau - w]`; repeat purchases (the first purchase excluded)
    and their spend give rates per period in each, and

    .. math::

        \\text{trend} = \\frac{\\text{rate}_{\\text{recent}}}{\\text{rate}_{\\text{earlier}}},
        \\qquad
        \\text{rate}_{\\text{recent}} = \\frac{\\#\\{t_j \\in (\\tau-w, \\tau]\\}}{w}.

    The first rule that applies decides:

    1. tenure :math:`\\le` ``exploration`` → **exploration** (still trying);
    2. P(alive) < ``alive_threshold`` (with a model) → **decline**;
    3. one purchase only, after the exploration window → **decline**: the
       relationship ended early, in exploration ("early death");
    4. inactivity > ``inactivity_ratio`` × max(:math:`g`, one period) →
       **decline** (silent for much longer than the customer's own rhythm);
    5. frequency or spend trend < ``falling`` → **decline** (volume falling);
    6. frequency or spend trend :math:`\\ge` ``rising`` → **formation**
       (volume rising, trust deepening);
    7. otherwise → **stability** (steady volume at the customer's rhythm).

    These are the course's stage descriptions turned into rules; the
    thresholds are choices, shown in every reason, and should be set for
    the business (a month is long for a coffee shop, short for a car dealer).

    References
    ----------
    Chen Mingliang's four-stage lifecycle model (course material): trust,
    transaction volume, investment and profit in each stage.

    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). "Counting your
    customers" the easy way: An alternative to the Pareto/NBD model.
    *Marketing Science*, 24(2), 275-284 (P(alive)).

    Examples
    --------
    >>> import pandas as pd
    >>> tx = pd.DataFrame({
    ...     "customer_id": ["new", "gone", "gone", "gone"] + ["loyal"] * 6,
    ...     "date": ["2024-06-10", "2024-01-05", "2024-01-25", "2024-02-14", "2024-01-10",
    ...              "2024-02-10", "2024-03-10", "2024-03-25", "2024-05-10", "2024-06-20"],
    ...     "amount": [20.0, 30.0, 30.0, 30.0] + [50.0] * 6})
    >>> res = classify_stage(tx, as_of="2024-06-30")
    >>> res.table["stage"].to_dict()
    {'gone': 'decline', 'loyal': 'stability', 'new': 'exploration'}
    >>> print(res.table.loc["gone", "reason"])
    no purchase for 4.5 months, 4.5 × their usual gap (0.66 months, counted as 1 month); ...
    """
    freq = check_period("freq", freq)
    window = check_positive("window", window)
    exploration = check_positive("exploration", exploration)
    if exploration < window:
        raise ValueError(
            "exploration must be at least window, so that a customer past exploration has an "
            f"earlier period to compare with; got exploration={exploration:g} < window={window:g}"
        )
    inactivity_ratio = check_positive("inactivity_ratio", inactivity_ratio)
    rising = check_positive("rising", rising)
    falling = check_positive("falling", falling)
    if falling >= rising:
        raise ValueError(
            f"falling must be below rising; got falling={falling:g}, rising={rising:g}"
        )
    alive_threshold = check_probability("alive_threshold", alive_threshold)
    if model is not None and not callable(getattr(model, "probability_alive", None)):
        raise TypeError(
            f"model must be a fitted BetaGeo or ParetoNBD model or None; got {type(model).__name__}"
        )
    model_freq = check_period("model_freq", model_freq)

    log = read_log(transactions, customer=customer, date=date, amount=amount, end=as_of,
                   end_name="as_of")
    unit = DAYS_PER_UNIT[freq]
    end = log.end_day
    purchases = purchases_by_day(log)
    s = _customer_stats(purchases, end, window * unit)
    labels = log.labels.take(s.index.to_numpy())
    n = s["n"].to_numpy()
    tenure = (end - s["first"].to_numpy()) / unit
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = np.where(n > 1, (s["last"] - s["first"]).to_numpy() / np.maximum(n - 1, 1), np.nan)
    gap = gap / unit
    inactivity = (end - s["last"].to_numpy()) / unit
    earlier_len = np.maximum(tenure - window, 0.0)
    f_rate, f_early, f_trend = _trend(s["recent_n"].to_numpy(float), window,
                           s["earlier_n"].to_numpy(float), earlier_len)
    if log.amounts is not None:
        s_rate, s_early, s_trend = _trend(s["recent_spend"].to_numpy(), window,
                                 s["earlier_spend"].to_numpy(), earlier_len)
    else:
        s_rate = s_early = s_trend = np.full(n.size, np.nan)

    p_alive = np.full(n.size, np.nan)
    if model is not None:
        summary = rfm_summary(
            transactions, freq=model_freq, observation_end=_show_day(end), customer=customer,
            date=date, amount=None)
        summary = summary.reindex(labels)
        T = summary["T"].to_numpy()
        ok = T > 0
        p_alive[~ok] = 1.0
        if ok.any():
            p_alive[ok] = np.asarray(model.probability_alive(  # type: ignore[attr-defined]
                summary["frequency"].to_numpy()[ok], summary["recency"].to_numpy()[ok], T[ok]),
                dtype=float)

    u_en, u_zh = _UNIT_WORD[freq]
    stage = np.empty(n.size, dtype=object)
    rule = np.zeros(n.size, dtype=np.int64)
    reason = np.empty(n.size, dtype=object)
    reason_zh = np.empty(n.size, dtype=object)
    for i in range(n.size):
        t, g, idle = tenure[i], gap[i], inactivity[i]
        if t <= exploration:
            stage[i], rule[i] = "exploration", 1
            reason[i] = (f"first purchase {_n(t, u_en)} ago, within the exploration window "
                         f"of {_g(exploration)} {u_en}")
            reason_zh[i] = (f"首次购买在 {_fmt(t)} {u_zh}前，"
                            f"仍在 {_g(exploration)} {u_zh}的考察窗口内")
        elif model is not None and p_alive[i] < alive_threshold:
            stage[i], rule[i] = "decline", 2
            reason[i] = (f"the model gives P(alive) = {p_alive[i]:.2f}, below "
                         f"{_g(alive_threshold)}")
            reason_zh[i] = (f"模型给出的存活概率 P(alive) = {p_alive[i]:.2f}，"
                            f"低于 {_g(alive_threshold)}")
        elif n[i] == 1:
            stage[i], rule[i] = "decline", 3
            reason[i] = (f"bought only once, {_n(t, u_en)} ago, and has not come back: the "
                         "relationship ended early, in exploration")
            reason_zh[i] = (f"仅在 {_fmt(t)} {u_zh}前购买过一次，此后再未回来："
                            "关系在考察期就提前终止了")
        elif idle > inactivity_ratio * max(g, 1.0):
            stage[i], rule[i] = "decline", 4
            floor_en = f", counted as 1 {u_en[:-1]}" if _fmt(g) != "1" and g < 1 else ""
            floor_zh = f"，按 1 {u_zh.removeprefix('个')}计" if _fmt(g) != "1" and g < 1 else ""
            reason[i] = (f"no purchase for {_n(idle, u_en)}, {idle / max(g, 1.0):.1f} × their "
                         f"usual gap ({_n(g, u_en)}{floor_en}); decline above "
                         f"{_g(inactivity_ratio)} ×")
            reason_zh[i] = (f"已 {_fmt(idle)} {u_zh}未购买，"
                            f"是其通常购买间隔（{_fmt(g)} {u_zh}{floor_zh}）的 "
                            f"{idle / max(g, 1.0):.1f} 倍；"
                            f"超过 {_g(inactivity_ratio)} 倍即为退化期")
        elif f_trend[i] < falling or s_trend[i] < falling:
            stage[i], rule[i] = "decline", 5
            by_count = f_trend[i] < falling
            what, what_zh, trend = (("purchases", "购买次数", f_trend[i]) if by_count
                                    else ("spend", "消费额", s_trend[i]))
            now, before = (f_rate[i], f_early[i]) if by_count else (s_rate[i], s_early[i])
            reason[i] = (f"{what} falling: {_fmt(now)} a {u_en[:-1]} in the last {_g(window)} "
                         f"{u_en} against {_fmt(before)} before ({_fmt(trend)} ×, below "
                         f"{_g(falling)} ×)")
            reason_zh[i] = (f"{what_zh}下降：最近 {_g(window)} {u_zh}每{u_zh.removeprefix('个')} "
                            f"{_fmt(now)}，此前每{u_zh.removeprefix('个')} {_fmt(before)}，"
                            f"是此前的 {_fmt(trend)} 倍"
                            f"（低于 {_g(falling)} 倍）")
        elif f_trend[i] >= rising or s_trend[i] >= rising:
            stage[i], rule[i] = "formation", 6
            by_count = f_trend[i] >= rising
            what, what_zh, trend = (("purchases", "购买次数", f_trend[i]) if by_count
                                    else ("spend", "消费额", s_trend[i]))
            now, before = (f_rate[i], f_early[i]) if by_count else (s_rate[i], s_early[i])
            reason[i] = (f"{what} rising: {_fmt(now)} a {u_en[:-1]} in the last {_g(window)} "
                         f"{u_en} against {_fmt(before)} before ({_fmt(trend)} ×, at least "
                         f"{_g(rising)} ×)")
            reason_zh[i] = (f"{what_zh}上升：最近 {_g(window)} {u_zh}每{u_zh.removeprefix('个')} "
                            f"{_fmt(now)}，此前每{u_zh.removeprefix('个')} {_fmt(before)}，"
                            f"是此前的 {_fmt(trend)} 倍"
                            f"（不低于 {_g(rising)} 倍）")
        else:
            stage[i], rule[i] = "stability", 7
            reason[i] = (f"steady: purchases in the last {_g(window)} {u_en} at "
                         f"{_fmt(f_trend[i])} × the earlier rate, last purchase {_n(idle, u_en)} "
                         f"ago (usual gap {_n(g, u_en)})")
            reason_zh[i] = (f"稳定：最近 {_g(window)} {u_zh}的购买速度"
                            f"是此前的 {_fmt(f_trend[i])} 倍，"
                            f"最近一次购买在 {_fmt(idle)} {u_zh}前（通常间隔 {_fmt(g)} {u_zh}）")

    days = lambda v: pd.to_datetime(np.asarray(v, dtype="datetime64[D]"))  # noqa: E731
    table = pd.DataFrame(
        {
            "stage": stage,
            "reason": reason,
            "reason_zh": reason_zh,
            "rule": rule,
            "first_purchase": days(s["first"].to_numpy()),
            "last_purchase": days(s["last"].to_numpy()),
            "purchases": n,
            "tenure": tenure,
            "usual_gap": gap,
            "inactivity": inactivity,
            "frequency_trend": f_trend,
            "spend_trend": s_trend,
            "revenue": s["revenue"].to_numpy(),
            "recent_revenue": s["recent_revenue"].to_numpy(),
            "probability_alive": p_alive,
        },
        index=pd.Index(labels, name="customer_id"),
    )
    order = _sort_order(np.asarray(labels))
    table = table.iloc[order]
    bought = pd.DataFrame({
        "customer_id": labels.take(pd.Index(s.index).get_indexer(purchases["code"])),
        "date": days(purchases["day"].to_numpy()),
        "amount": purchases["amount"].to_numpy(),
    })
    return StageClassification(
        table=table,
        as_of=pd.Timestamp(np.datetime64(end, "D")),
        freq=freq,
        rules={"exploration": exploration, "window": window,
               "inactivity_ratio": inactivity_ratio, "rising": rising, "falling": falling,
               "alive_threshold": alive_threshold if model is not None else None},
        purchases=bought,
    )


def stage_summary(
    stages: StageClassification, clv: pd.Series | None = None
) -> pd.DataFrame:
    """Per stage: customers, revenue share and average predicted CLV — how the stage links to value.

    Parameters
    ----------
    stages : StageClassification
        Output of :func:`classify_stage`.
    clv : pandas.Series, optional
        Predicted CLV per customer (indexed by customer id), e.g. from
        :meth:`crmlib.models.GammaGamma.customer_lifetime_value` with a
        fitted :class:`~crmlib.models.BetaGeo`; customers missing from it
        are left out of the average.

    Returns
    -------
    pandas.DataFrame
        Indexed by stage (course order): ``customers``, ``customer_share``,
        ``revenue`` and ``revenue_share`` (all purchases up to ``as_of``),
        ``recent_revenue_share`` (the last ``window`` periods) and, with
        ``clv``, ``mean_clv`` (NaN for a stage with no customers).

    Notes
    -----
    .. math::

        \\text{revenue share}_s = \\frac{\\sum_{i \\in s} R_i}{\\sum_i R_i},
        \\qquad \\overline{\\mathrm{CLV}}_s = \\frac{1}{|s|}\\sum_{i\\in s}\\mathrm{CLV}_i.

    References
    ----------
    Gupta, S., & Lehmann, D. R. (2005). *Managing Customers as Investments*.
    Wharton School Publishing (customers valued by their expected future
    profits rather than their past revenue).

    Examples
    --------
    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": ["a", "b", "b"],
    ...                    "date": ["2024-06-20", "2024-01-05", "2024-01-06"],
    ...                    "amount": [10.0, 30.0, 60.0]})
    >>> stage_summary(classify_stage(tx, as_of="2024-06-30"))[["customers", "revenue_share"]]
                 customers  revenue_share
    stage
    exploration          1            0.1
    formation            0            0.0
    stability            0            0.0
    decline              1            0.9
    """
    if not isinstance(stages, StageClassification):
        raise TypeError(f"stages must be the result of classify_stage; got {type(stages).__name__}")
    t = stages.table
    g = t.groupby("stage")
    out = pd.DataFrame({
        "customers": g.size(),
        "revenue": g["revenue"].sum(),
        "recent_revenue": g["recent_revenue"].sum(),
    }).reindex(list(STAGES), fill_value=0)
    out["customers"] = out["customers"].astype(int)
    out["customer_share"] = out["customers"] / len(t)
    total = t["revenue"].sum()
    out["revenue_share"] = out["revenue"] / total if total else np.nan
    recent = t["recent_revenue"].sum()
    out["recent_revenue_share"] = out["recent_revenue"] / recent if recent else np.nan
    out = out.drop(columns="recent_revenue")
    out.index.name = "stage"
    if clv is not None:
        if not isinstance(clv, pd.Series):
            raise TypeError(f"clv must be a pandas Series indexed by customer id; got "
                            f"{type(clv).__name__}")
        known = clv.reindex(t.index)
        if known.notna().sum() == 0:
            raise ValueError(
                "clv must be indexed by the classified customers' ids; none of its "
                f"{len(clv)} ids (such as {clv.index[0]!r}) matches"
            )
        out["mean_clv"] = known.groupby(t["stage"]).mean().reindex(list(STAGES))
    return out
