"""RFM scores (higher is better on every axis) and the RFM segment schemes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmlib._messages import fail
from crmlib._validation import (
    check_array,
    check_choice,
    check_column_args,
    check_columns,
    check_finite,
    check_integer,
)

__all__ = [
    "EIGHT_CLASSES",
    "NAMED_SEGMENTS",
    "RFMSegments",
    "rfm_grid",
    "rfm_scores",
    "rfm_segments",
]

RECENCY_CONVENTIONS = ("summary", "elapsed")


def _quantile_score(values: np.ndarray, bins: int) -> np.ndarray:
    """1 + floor(bins * (number of customers with a strictly smaller value) / n)."""
    below = np.searchsorted(np.sort(values), values, side="left")
    return 1 + (bins * below) // values.size


def rfm_scores(
    summary: pd.DataFrame,
    bins: int = 5,
    *,
    recency: str = "recency",
    frequency: str = "frequency",
    monetary: str = "monetary_value",
    T: str = "T",
    recency_convention: str = "summary",
) -> pd.DataFrame:
    """RFM quantile scores 1..bins where a higher score is better on every axis.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per customer, e.g. the output of
        :func:`crmlib.transactions.rfm_summary`. Never modified.
    bins : int, default 5
        Number of score levels, 2 to 10 (5 gives quintile scores 1-5).
    recency, frequency, monetary, T : str
        Column names. ``T`` is only used with ``recency_convention="summary"``.
    recency_convention : {"summary", "elapsed"}, default "summary"
        What the ``recency`` column measures. ``"summary"``: the convention
        of :func:`~crmlib.transactions.rfm_summary`, time from the first to
        the last purchase, so the time since the last purchase is
        ``T - recency`` (the ``T`` column is required). ``"elapsed"``: the
        column already holds the time since the last purchase (e.g. days
        since the last order, as most RFM texts define recency).

    Returns
    -------
    pandas.DataFrame
        Same index as ``summary``; columns ``since_last`` (time since the
        last purchase, in the unit of the input), ``frequency``,
        ``monetary``, the scores ``R``, ``F``, ``M`` (int, 1..bins), ``rfm``
        (the three digits as text, e.g. ``"545"``) and ``rfm_score``
        (R + F + M). ``attrs["bins"]`` records the number of levels.

    Notes
    -----
    Every axis is scored so that *higher is better*: the most recent buyers
    (smallest time since the last purchase) get the highest R score. For a
    variable :math:`v` where larger is better (:math:`v = -\\text{since last}`
    for R, frequency for F, monetary value for M), customer :math:`i` of
    :math:`n` scores

    .. math::

        s_i = 1 + \\left\\lfloor \\frac{b \\cdot \\#\\{j : v_j < v_i\\}}{n}
        \\right\\rfloor,

    i.e. a score of :math:`k` means at least :math:`(k-1)/b` of the
    customers have a strictly worse value. **Ties**: customers with equal
    values always get the same score (the score of the first position of
    their tie group), so a score never depends on row order. **Fewer
    distinct values than bins**: scores that no customer reaches are left
    unused rather than renumbered, so a score keeps its meaning as a
    quantile position (e.g. if 60% are one-time buyers, they all get F = 1
    and the next frequency gets F = 4). With distinct values and :math:`n`
    divisible by :math:`b`, each score holds exactly :math:`n/b` customers.

    ``rfm_summary``'s ``monetary_value`` is the mean of the *repeat*
    purchases (0 for one-time buyers, as the Gamma-Gamma model needs); RFM
    analyses usually score total spend instead: add it as a column and pass
    its name as ``monetary``.

    References
    ----------
    Hughes, A. M. (1994), *Strategic Database Marketing*, Probus (RFM
    quintile scoring, 5 = best). Fader, P. S., Hardie, B. G. S. and Lee,
    K. L. (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base
    Analysis", *Journal of Marketing Research* 42(4), 415-430 (recency
    :math:`t_x` measured from the first purchase).

    Examples
    --------
    Customer ``a`` bought last 1 week before the end, ``d`` 30 weeks before:

    >>> s = pd.DataFrame({"frequency": [4, 2, 1, 0], "recency": [19.0, 10.0, 5.0, 0.0],
    ...                   "T": [20.0, 20.0, 20.0, 30.0],
    ...                   "monetary_value": [50.0, 20.0, 20.0, 0.0]}, index=list("abcd"))
    >>> rfm_scores(s, bins=4)[["since_last", "R", "F", "M", "rfm"]]
       since_last  R  F  M  rfm
    a         1.0  4  4  4  444
    b        10.0  3  3  2  332
    c        15.0  2  2  2  222
    d        30.0  1  1  1  111
    """
    recency_convention = check_choice("recency_convention", recency_convention,
                                      RECENCY_CONVENTIONS)
    needed = [recency, frequency, monetary] + ([T] if recency_convention == "summary" else [])
    frame = check_columns("summary", summary, needed)
    if len(frame) == 0:
        raise fail(ValueError, "no_customer_rows", name="summary")
    b = check_integer("bins", bins, minimum=2)
    if b > 10:
        raise ValueError(f"bins must be a whole number from 2 to 10; got {bins!r}")

    def col(name: str, *, minimum: float | None = None) -> np.ndarray:
        try:
            values = frame[name].to_numpy(dtype=float)
        except (TypeError, ValueError):
            raise fail(TypeError, "column_not_numbers", name=f"summary column {name!r}",
                       got=repr(frame[name].iloc[0])) from None
        return check_array(f"summary column {name!r}", values, minimum=minimum)

    rec = col(recency, minimum=0.0)
    freq = col(frequency, minimum=0.0)
    mon = col(monetary)
    if recency_convention == "summary":
        age = col(T, minimum=0.0)
        bad = rec > age * (1 + 1e-12) + 1e-12
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise fail(ValueError, "summary_recency_after_T", recency=repr(recency), T=repr(T),
                       row=repr(frame.index[i]), rec=f"{rec[i]:g}", age=f"{age[i]:g}")
        since = np.maximum(age - rec, 0.0)
    else:
        since = rec
    r = _quantile_score(-since, b)
    f = _quantile_score(freq, b)
    m = _quantile_score(mon, b)
    out = pd.DataFrame({"since_last": since, "frequency": freq, "monetary": mon,
                        "R": r, "F": f, "M": m}, index=frame.index)
    out["rfm"] = [f"{x}{y}{z}" for x, y, z in zip(r, f, m, strict=True)]
    out["rfm_score"] = r + f + m
    out.attrs["bins"] = b
    return out


#: The eight-class scheme: key -> ((R high, F high, M high), English, Chinese,
#: English action, Chinese action).
EIGHT_CLASSES: dict[str, tuple[tuple[bool, bool, bool], str, str, str, str]] = {
    "important_value": ((True, True, True), "important value", "重要价值客户",
                        "keep them: personal service, priority resources",
                        "重点保持：VIP 服务、个性化关怀、资源倾斜"),
    "important_development": ((True, False, True), "important development", "重要发展客户",
                              "raise purchase frequency: loyalty programme, cross-selling",
                              "提高购买频次：会员计划、交叉销售"),
    "important_retention": ((False, True, True), "important retention", "重要保持客户",
                            "no recent purchase: contact them before they drift away",
                            "近期未购买：主动联系，防止流失"),
    "important_winback": ((False, False, True), "important win-back", "重要挽留客户",
                          "win back: learn why they left, make a targeted offer",
                          "重点挽回：了解流失原因，针对性挽回"),
    "general_value": ((True, True, False), "general value", "一般价值客户",
                      "raise spend per purchase: up-selling, bundles",
                      "提高客单价：向上销售、组合销售"),
    "general_development": ((True, False, False), "general development", "一般发展客户",
                            "new or light buyers: low-cost nurturing",
                            "新客户或轻度客户：低成本培育"),
    "general_retention": ((False, True, False), "general retention", "一般保持客户",
                          "low-cost reminders to keep in touch",
                          "低成本提醒，保持联系"),
    "general_winback": ((False, False, False), "general win-back", "一般挽留客户",
                        "lowest priority: automated low-cost contact, or let go",
                        "最低优先级：自动化低成本接触，或放弃"),
}

#: The named-segment scheme on the 5 × 5 grid of R and F scores: key ->
#: (R scores, F scores, English, Chinese, English action, Chinese action).
NAMED_SEGMENTS: dict[str, tuple[tuple[int, ...], tuple[int, ...], str, str, str, str]] = {
    "champions": ((5,), (4, 5), "champions", "冠军客户",
                  "reward them; early access, ask for referrals",
                  "奖励他们；抢先体验，请他们推荐"),
    "loyal": ((3, 4), (4, 5), "loyal customers", "忠诚客户",
              "up-sell, loyalty programme, ask for reviews",
              "向上销售、会员计划、邀请评价"),
    "potential_loyalists": ((4, 5), (2, 3), "potential loyalists", "潜在忠诚客户",
                            "membership offers, recommendations",
                            "会员邀请、个性化推荐"),
    "new": ((5,), (1,), "new customers", "新客户",
            "onboarding, a good second purchase", "新客引导，促成第二次购买"),
    "promising": ((4,), (1,), "promising", "有潜力客户",
                  "build the relationship, free trials", "建立关系，免费试用"),
    "need_attention": ((3,), (3,), "need attention", "需要关注",
                       "limited-time offers based on past purchases",
                       "基于购买历史的限时优惠"),
    "about_to_sleep": ((3,), (1, 2), "about to sleep", "即将沉睡",
                       "reactivate with popular products, discounts",
                       "用热门商品、折扣重新激活"),
    "at_risk": ((1, 2), (3, 4), "at risk", "有流失风险",
                "personal contact, renewal offers", "个性化联系，续购优惠"),
    "cannot_lose": ((1, 2), (5,), "can't lose them", "不能失去",
                    "win them back: talk to them, new products",
                    "重点挽回：直接沟通，推荐新品"),
    "hibernating": ((1, 2), (1, 2), "hibernating", "休眠客户",
                    "low-cost reactivation, or let go", "低成本唤醒，或放弃"),
}

SCHEMES = ("eight", "named")


@dataclass(frozen=True, eq=False)
class RFMSegments:
    """RFM segment of every customer and a per-segment summary.

    Attributes
    ----------
    table : pandas.DataFrame
        The scores with ``segment`` (key), ``segment_en``, ``segment_zh``,
        ``action``, ``action_zh`` added; for the eight-class scheme also
        ``R_high``, ``F_high``, ``M_high`` (bool).
    summary : pandas.DataFrame
        One row per segment (all segments of the scheme, also empty ones):
        ``segment_en``, ``segment_zh``, ``customers``, ``customer_share``,
        ``value``, ``value_share``, ``action``, ``action_zh``; ``value_share``
        is NaN when there is no value to share (``value=None`` or a total of 0).
    scheme : str
        ``"eight"`` or ``"named"``.
    thresholds : dict
        The score thresholds used for R, F and M (eight-class scheme).
    """

    table: pd.DataFrame = field(repr=False)
    summary: pd.DataFrame = field(repr=False)
    scheme: str
    thresholds: dict[str, float] = field(repr=False)

    def __repr__(self) -> str:
        top = self.summary["customers"].idxmax()
        return (f"RFMSegments(scheme={self.scheme!r}, segments={len(self.summary)}, "
                f"largest={top!r})")

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-segment summary."""
        return self.summary.copy()


def _thresholds(threshold: object, scores: pd.DataFrame) -> dict[str, float]:
    if isinstance(threshold, str):
        if threshold != "mean":
            raise ValueError(f"threshold must be 'mean', a number or three numbers (R, F, M); "
                             f"got {threshold!r}")
        return {k: float(scores[k].mean()) for k in ("R", "F", "M")}
    if isinstance(threshold, (tuple, list)):
        if len(threshold) != 3:
            raise ValueError(f"threshold must be 'mean', a number or three numbers (R, F, M); "
                             f"got {threshold!r}")
        return {k: check_finite(f"threshold[{i}] ({k})", t)
                for i, (k, t) in enumerate(zip("RFM", threshold, strict=True))}
    t = check_finite("threshold", threshold)
    return {k: t for k in "RFM"}


def rfm_segments(
    scores: pd.DataFrame,
    scheme: str = "eight",
    *,
    threshold: str | float | tuple[float, float, float] = "mean",
    value: str | pd.Series | None = "monetary",
) -> RFMSegments:
    """RFM segments: the eight classes (重要价值客户 ...) or the named segments (champions ...).

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`rfm_scores` (columns ``R``, ``F``, ``M``).
    scheme : {"eight", "named"}, default "eight"
        ``"eight"``: high/low on R, F and M against ``threshold`` gives the
        eight classes of Chinese CRM courses. ``"named"``: the ten named
        segments of the R × F score grid; needs 5-level scores.
    threshold : "mean", float or (float, float, float), default "mean"
        Eight-class scheme only: the score a customer must *exceed* to count
        as high on an axis: the mean score of the axis, one number for all
        three axes (e.g. 3 with 5 bins), or one per axis (R, F, M).
    value : str, pandas.Series or None, default "monetary"
        Value to total per segment in the summary: a column of ``scores``,
        a Series aligned with its index (e.g. total spend or profit), or
        None for counts only.

    Returns
    -------
    RFMSegments
        Segment of every customer, and customers, value and the course's
        action per segment.

    Notes
    -----
    Eight classes: an axis is high when the score is strictly above the
    threshold, :math:`\\text{high}_R = \\mathbb{1}[R_i > t_R]` (and so for F,
    M). Then (R, F, M) high/low gives

    * R ↑ F ↑ M ↑ important value 重要价值客户;
    * R ↑ F ↓ M ↑ important development 重要发展客户;
    * R ↓ F ↑ M ↑ important retention 重要保持客户;
    * R ↓ F ↓ M ↑ important win-back 重要挽留客户;
    * the same four with M ↓: general value 一般价值客户, general development
      一般发展客户, general retention 一般保持客户, general win-back 一般挽留客户.

    Named segments use R and F scores (1-5): champions R 5 / F 4-5; loyal
    R 3-4 / F 4-5; potential loyalists R 4-5 / F 2-3; new R 5 / F 1;
    promising R 4 / F 1; need attention R 3 / F 3; about to sleep R 3 /
    F 1-2; at risk R 1-2 / F 3-4; can't lose them R 1-2 / F 5; hibernating
    R 1-2 / F 1-2. Every cell of the grid belongs to exactly one segment.

    References
    ----------
    Hughes, A. M. (1994), *Strategic Database Marketing*, Probus (RFM).
    Course material (客户价值细分: RFM 八类客户). The named R × F grid as
    used in marketing practice, e.g. the ``rfm`` R package (Hebbali, A.,
    2023) segment table.

    Examples
    --------
    >>> sc = pd.DataFrame({"R": [5, 1, 4, 2], "F": [5, 4, 1, 1], "M": [5, 5, 2, 1],
    ...                    "monetary": [100.0, 80.0, 10.0, 5.0]}, index=list("abcd"))
    >>> seg = rfm_segments(sc, threshold=3)
    >>> seg.table["segment_zh"].tolist()
    ['重要价值客户', '重要保持客户', '一般发展客户', '一般挽留客户']
    >>> round(float(seg.summary.loc["important_value", "value_share"]), 4)  # 100 / 195
    0.5128
    """
    scheme = check_choice("scheme", scheme, SCHEMES)
    frame = check_columns("scores", scores, ["R", "F", "M"])
    if len(frame) == 0:
        raise ValueError("scores must have at least one customer; got an empty DataFrame")
    for k in ("R", "F", "M"):
        check_array(f"scores column {k!r}", frame[k].to_numpy(dtype=float), minimum=1.0)
    table = frame.copy()
    if scheme == "eight":
        thr = _thresholds(threshold, frame)
        high = {k: frame[k].to_numpy(dtype=float) > thr[k] for k in "RFM"}
        keys = np.empty(len(frame), dtype=object)
        for key, (pattern, *_rest) in EIGHT_CLASSES.items():
            mask = (high["R"] == pattern[0]) & (high["F"] == pattern[1]) & (high["M"] == pattern[2])
            keys[mask] = key
        for k in "RFM":
            table[f"{k}_high"] = high[k]
        names = {k: (v[1], v[2], v[3], v[4]) for k, v in EIGHT_CLASSES.items()}
    else:
        levels = frame.attrs.get("bins")
        if levels is not None and levels != 5:
            raise fail(ValueError, "named_needs_five", bins=levels)
        r = frame["R"].to_numpy()
        f = frame["F"].to_numpy()
        if r.max() > 5 or f.max() > 5 or not np.array_equal(r, np.round(r)) or not np.array_equal(
                f, np.round(f)):
            raise ValueError("scheme='named' needs whole-number scores from 1 to 5 (rfm_scores "
                             f"with bins=5); got R up to {r.max():g} and F up to {f.max():g}")
        keys = np.empty(len(frame), dtype=object)
        for key, (rs, fs, *_rest) in NAMED_SEGMENTS.items():
            keys[np.isin(r, rs) & np.isin(f, fs)] = key
        thr = {}
        names = {k: (v[2], v[3], v[4], v[5]) for k, v in NAMED_SEGMENTS.items()}
    table["segment"] = keys
    table["segment_en"] = table["segment"].map({k: v[0] for k, v in names.items()})
    table["segment_zh"] = table["segment"].map({k: v[1] for k, v in names.items()})
    table["action"] = table["segment"].map({k: v[2] for k, v in names.items()})
    table["action_zh"] = table["segment"].map({k: v[3] for k, v in names.items()})

    if value is None:
        val = np.zeros(len(frame))
    elif isinstance(value, pd.Series):
        missing = frame.index.difference(value.index)
        if len(missing):
            raise ValueError(f"value has no entry for the customer {missing[0]!r}")
        val = check_array("value", value.reindex(frame.index).to_numpy(dtype=float))
    elif isinstance(value, str):
        check_column_args("scores", frame, {"value": value})
        val = check_array(f"scores column {value!r}", frame[value].to_numpy(dtype=float))
    else:
        raise TypeError(f"value must be a column name, a pandas Series or None; "
                        f"got {type(value).__name__}")
    total = float(val.sum())
    rows = []
    for key, (en, zh, action, action_zh) in names.items():
        mask = keys == key
        rows.append({"segment": key, "segment_en": en, "segment_zh": zh,
                     "customers": int(mask.sum()), "customer_share": float(mask.mean()),
                     "value": float(val[mask].sum()),
                     "value_share": float(val[mask].sum() / total) if total else np.nan,
                     "action": action, "action_zh": action_zh})
    summary = pd.DataFrame(rows).set_index("segment")
    return RFMSegments(table=table, summary=summary, scheme=scheme, thresholds=thr)


def rfm_grid(scores: pd.DataFrame, value: str | None = None) -> pd.DataFrame:
    """Table of R score (rows) × F score (columns): customers per cell, or their mean value.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`rfm_scores`.
    value : str, optional
        Column of ``scores`` to average in each cell (e.g. ``"monetary"``);
        default: count customers.

    Returns
    -------
    pandas.DataFrame
        Rows ``R`` from the highest score down, columns ``F`` from 1 up; a
        cell without customers holds 0 (counts) or NaN (means).

    Notes
    -----
    .. math::

        n_{rf} = \\#\\{i : R_i = r,\\ F_i = f\\}, \\qquad
        \\bar{v}_{rf} = \\frac{1}{n_{rf}} \\sum_{i: R_i = r, F_i = f} v_i .

    References
    ----------
    Hughes, A. M. (1994), *Strategic Database Marketing*, Probus (RFM cells).

    Examples
    --------
    >>> sc = pd.DataFrame({"R": [2, 2, 1], "F": [1, 2, 2], "M": [1, 2, 2],
    ...                    "monetary": [10.0, 30.0, 50.0]})
    >>> rfm_grid(sc)
    F  1  2
    R
    2  1  1
    1  0  1
    >>> rfm_grid(sc, value="monetary")
    F     1     2
    R
    2  10.0  30.0
    1   NaN  50.0
    """
    frame = check_column_args("scores", check_columns("scores", scores, ["R", "F"]),
                              {} if value is None else {"value": value})
    if len(frame) == 0:
        raise ValueError("scores must have at least one customer; got an empty DataFrame")
    r = check_array("scores column 'R'", frame["R"].to_numpy(dtype=float), minimum=1.0)
    f = check_array("scores column 'F'", frame["F"].to_numpy(dtype=float), minimum=1.0)
    levels_r = np.arange(int(r.max()), 0, -1)
    levels_f = np.arange(1, int(f.max()) + 1)
    data = pd.DataFrame({"R": r.astype(int), "F": f.astype(int)})
    if value is None:
        grid = data.groupby(["R", "F"]).size().unstack(fill_value=0)
        grid = grid.reindex(index=levels_r, columns=levels_f, fill_value=0)
    else:
        data["v"] = check_array(f"scores column {value!r}", frame[value].to_numpy(dtype=float))
        grid = data.groupby(["R", "F"])["v"].mean().unstack()
        grid = grid.reindex(index=levels_r, columns=levels_f)
    grid.index.name, grid.columns.name = "R", "F"
    return grid
