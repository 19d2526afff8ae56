"""Core customer identification 核心客户识别 and value assessment per segment."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmlib._validation import (
    check_array,
    check_column_args,
    check_finite,
    check_integer,
    check_probability,
)
from crmlib.segmentation._pareto import pareto_abc

__all__ = ["CoreCustomers", "core_customers", "segment_indicators"]

_SIGNALS = ("frequency", "loyalty", "potential")
_ZH = {"value": "价值", "frequency": "购买频次", "loyalty": "忠诚度", "potential": "增值潜力"}


@dataclass(frozen=True, eq=False)
class CoreCustomers:
    """Which customers are core customers (核心客户), each with the reason.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per customer: the signal values, ``value_ok`` and one
        ``<signal>_ok`` per signal used (bool), ``signals_met`` (number of
        other signals met), ``core`` (bool), ``reason`` and ``reason_zh``.
    thresholds : dict
        The thresholds actually used (a "median" replaced by its number),
        and the value needed to be in the top group (``value_floor``).
    required : int
        How many of the other signals a core customer must meet.
    """

    table: pd.DataFrame = field(repr=False)
    thresholds: dict[str, float] = field(repr=False)
    required: int

    @property
    def value(self) -> int:
        """Number of core customers."""
        return int(self.table["core"].sum())

    def __repr__(self) -> str:
        n = len(self.table)
        return f"CoreCustomers(core={self.value} of {n}, required={self.required})"

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-customer table."""
        return self.table.copy()


def _fmt(x: float) -> str:
    """A number for a reason text: thousands separators, no exponent for money-sized values."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


def _threshold(name: str, spec: object, x: np.ndarray) -> float:
    if isinstance(spec, str):
        if spec != "median":
            raise ValueError(f"{name} must be 'median' or a number; got {spec!r}")
        return float(np.median(x))
    return check_finite(name, spec)


def core_customers(
    customers: pd.DataFrame,
    value: str,
    *,
    frequency: str | None = None,
    loyalty: str | None = None,
    potential: str | None = None,
    value_share: float = 0.8,
    min_frequency: float | str = "median",
    min_loyalty: float | str = "median",
    min_potential: float | str = "median",
    required: int | None = None,
) -> CoreCustomers:
    """Core customer identification 核心客户识别: value plus frequency, loyalty and potential.

    Parameters
    ----------
    customers : pandas.DataFrame
        One row per customer. Never modified.
    value : str
        Column of the customer's value to the firm (profit, gross profit or
        spend, currency); finite, at least one positive.
    frequency, loyalty, potential : str, optional
        Columns of the other signals: purchase frequency (purchases in the
        period), loyalty (e.g. relationship length, share of wallet or a
        loyalty score, higher = more loyal) and growth potential. Leave a
        signal out with None; at least one is needed.
    value_share : float, default 0.8
        The value signal is met by the top customers who together give this
        share of the total positive value (Pareto class A), 0 to 1.
    min_frequency, min_loyalty, min_potential : float or "median", default "median"
        A signal is met when the customer's value is strictly above its
        threshold: a number, or the median of the column.
    required : int, optional
        How many of the other signals a core customer must meet besides
        value (1 up to the number of signals used). Default: 2, or the
        number of signals used if fewer.

    Returns
    -------
    CoreCustomers
        Each customer's signals, result and the reason in words.

    Notes
    -----
    The rule, with :math:`s_i` the number of other signals met:

    .. math::

        \\text{core}_i = \\mathbb{1}[i \\in A] \\cdot
        \\mathbb{1}\\Big[s_i \\ge k\\Big], \\qquad
        s_i = \\sum_{j \\in \\{F, L, P\\}} \\mathbb{1}[x_{ij} > t_j],

    where :math:`A` is the smallest top group of customers whose value
    reaches ``value_share`` of the total positive value (see
    :func:`~crmlib.segmentation.pareto_abc`; customers with a value of 0 or
    less are never in it), :math:`t_j` the thresholds and :math:`k` =
    ``required``. Value comes first because a core customer is one the
    firm's profit depends on; the other signals separate those who will
    stay and grow (frequent, loyal, with potential) from large but fading
    or one-off buyers. The course lists purchasing power, purchase
    frequency and volume, loyalty, word of mouth and satisfaction as the
    marks of a core customer; pass word of mouth or satisfaction as the
    ``loyalty`` column where they are measured.

    References
    ----------
    Course material (核心客户识别: purchasing power, frequency and volume,
    loyalty, word of mouth, satisfaction; methods: data analysis, RFM,
    ABC / 80-20, value scoring). Zeithaml, V. A., Rust, R. T. and Lemon, K. N.
    (2001), "The customer pyramid", *California Management Review* 43(4),
    118-142.

    Examples
    --------
    >>> df = pd.DataFrame({"profit": [500, 200, 150, 100, 50],
    ...                    "orders": [12, 2, 9, 8, 1],
    ...                    "years": [6, 1, 4, 5, 1]}, index=list("abcde"))
    >>> res = core_customers(df, "profit", frequency="orders", loyalty="years",
    ...                      min_frequency=5, min_loyalty=3)
    >>> res.table["core"].tolist()
    [True, False, True, False, False]
    >>> res.table.loc["b", "reason"]
    'not core: frequency 2 ≤ 5; loyalty 1 ≤ 3 (value in the top 80%: 200)'
    """
    used = {"frequency": frequency, "loyalty": loyalty, "potential": potential}
    used = {k: v for k, v in used.items() if v is not None}
    if not used:
        raise ValueError("core_customers needs at least one of frequency, loyalty, potential "
                         "besides value; got none")
    frame = check_column_args("customers", customers, {"value": value, **used})
    if len(frame) == 0:
        raise ValueError("customers must have at least one row; got an empty DataFrame")
    share = check_probability("value_share", value_share, allow_zero=False)
    k = min(2, len(used)) if required is None else check_integer("required", required,
                                                                   minimum=1)
    if k > len(used):
        raise ValueError(f"required must be at most the number of signals used "
                         f"({len(used)}: {', '.join(used)}); got {k}")
    v = check_array(f"customers column {value!r}", frame[value].to_numpy(dtype=float))
    if not (v > 0).any():
        raise ValueError(f"customers column {value!r} must have at least one positive value "
                         "(no customer creates value); got none")
    positive = pd.Series(np.clip(v, 0.0, None), index=pd.RangeIndex(v.size))
    abc = pareto_abc(positive, cuts=(share, 1.0) if share < 1.0 else (1.0 - 1e-12, 1.0))
    in_a = np.zeros(v.size, dtype=bool)
    in_a[abc.table.index[abc.table["abc_class"] == "A"].to_numpy()] = True
    in_a &= v > 0
    if not in_a.any():
        raise ValueError(f"value_share must be large enough for the top customer to lie in it; "
                         f"got {share:g}")
    floor = float(v[in_a].min())

    specs = {"frequency": min_frequency, "loyalty": min_loyalty, "potential": min_potential}
    table = pd.DataFrame({"value": v}, index=frame.index)
    thresholds: dict[str, float] = {"value_share": share, "value_floor": floor}
    met = np.zeros(v.size, dtype=int)
    for sig, col in used.items():
        x = check_array(f"customers column {col!r}", frame[col].to_numpy(dtype=float))
        t = _threshold(f"min_{sig}", specs[sig], x)
        thresholds[sig] = t
        table[sig] = x
        table[f"{sig}_ok"] = x > t
        met += x > t
    table["value_ok"] = in_a
    table["signals_met"] = met
    table["core"] = in_a & (met >= k)

    reasons, reasons_zh = [], []
    pct = f"{share:.0%}"
    for i in range(v.size):
        parts, parts_zh = [], []
        for sig in used:
            x, t, ok = table[sig].iat[i], thresholds[sig], bool(table[f"{sig}_ok"].iat[i])
            parts.append(f"{sig} {_fmt(x)} {'>' if ok else '≤'} {_fmt(t)}")
            parts_zh.append(f"{_ZH[sig]} {_fmt(x)} {'>' if ok else '≤'} {_fmt(t)}")
        value_txt = (f"value in the top {pct}: {_fmt(v[i])}" if in_a[i]
                     else f"value {_fmt(v[i])} not in the top {pct}")
        value_zh = (f"价值属于前 {pct}：{_fmt(v[i])}" if in_a[i]
                    else f"价值 {_fmt(v[i])} 不在前 {pct}")
        if table["core"].iat[i]:
            reasons.append(f"core: {value_txt}; {'; '.join(parts)} ({met[i]} of {len(used)} "
                           f"signals, {k} needed)")
            reasons_zh.append(f"核心客户：{value_zh}；{'；'.join(parts_zh)}（满足 {met[i]}/"
                              f"{len(used)} 项，需要 {k} 项）")
        elif not in_a[i]:
            reasons.append(f"not core: {value_txt}")
            reasons_zh.append(f"非核心客户：{value_zh}")
        else:
            failed = [p for p, sig in zip(parts, used, strict=True)
                      if not table[f"{sig}_ok"].iat[i]]
            failed_zh = [p for p, sig in zip(parts_zh, used, strict=True)
                         if not table[f"{sig}_ok"].iat[i]]
            reasons.append(f"not core: {'; '.join(failed)} ({value_txt})")
            reasons_zh.append(f"非核心客户：{'；'.join(failed_zh)}（{value_zh}）")
    table["reason"] = reasons
    table["reason_zh"] = reasons_zh
    return CoreCustomers(table=table, thresholds=thresholds, required=k)


def segment_indicators(
    customers: pd.DataFrame,
    segment: str,
    *,
    profit: str,
    clv: str | None = None,
    acquisition_cost: str | None = None,
    satisfaction: str | None = None,
    loyalty: str | None = None,
    churned: str | None = None,
    referrals: str | None = None,
) -> pd.DataFrame:
    """Value assessment per segment: financial and non-financial indicators (客户价值评估).

    Parameters
    ----------
    customers : pandas.DataFrame
        One row per customer. Never modified.
    segment : str
        Column holding each customer's segment (e.g. a value-matrix
        quadrant or an RFM class).
    profit : str
        Column of the customer's profit in the period (currency).
    clv, acquisition_cost : str, optional
        Columns of customer lifetime value and acquisition cost (currency).
    satisfaction, loyalty : str, optional
        Columns of a satisfaction score and a loyalty measure (any scale).
    churned : str, optional
        Column of 0/1 (or bool): the customer left.
    referrals : str, optional
        Column of the number of customers referred (influence, word of mouth).

    Returns
    -------
    pandas.DataFrame
        One row per segment (sorted) with ``customers``, ``profit``,
        ``profit_contribution`` and, for each column given, ``clv`` (mean),
        ``acquisition_cost`` (mean), ``clv_to_cac``, ``satisfaction``
        (mean), ``loyalty`` (mean), ``churn_rate`` and ``referrals`` (mean).

    Notes
    -----
    The financial indicators of the course are CLV, the customer
    acquisition cost (CAC) and the profit contribution ratio; the
    non-financial ones satisfaction, loyalty, churn rate and influence.
    For segment :math:`g`:

    .. math::

        \\text{profit contribution}_g = \\frac{\\sum_{i \\in g} \\pi_i}
        {\\sum_i \\pi_i}, \\qquad
        \\text{churn rate}_g = \\frac{\\#\\{i \\in g: \\text{churned}\\}}{n_g},
        \\qquad \\frac{\\mathrm{CLV}}{\\mathrm{CAC}}\\Big|_g =
        \\frac{\\overline{\\mathrm{CLV}}_g}{\\overline{\\mathrm{CAC}}_g}.

    References
    ----------
    Course material (value assessment: financial indicators CLV, CAC,
    profit contribution ratio; non-financial indicators satisfaction,
    loyalty, churn rate, influence). Kumar, V. and Reinartz, W. (2018),
    *Customer Relationship Management*, 3rd ed., Springer, chapter 5
    (customer value metrics).

    Examples
    --------
    >>> df = pd.DataFrame({"seg": ["x", "x", "y"], "profit": [60.0, 20.0, 20.0],
    ...                    "left": [0, 1, 0]})
    >>> segment_indicators(df, "seg", profit="profit", churned="left")
         customers  profit  profit_contribution  churn_rate
    seg
    x            2    80.0                  0.8         0.5
    y            1    20.0                  0.2         0.0
    """
    optional = {"clv": clv, "acquisition_cost": acquisition_cost, "satisfaction": satisfaction,
                "loyalty": loyalty, "churned": churned, "referrals": referrals}
    given = {k: c for k, c in optional.items() if c is not None}
    frame = check_column_args("customers", customers,
                              {"segment": segment, "profit": profit, **given})
    if len(frame) == 0:
        raise ValueError("customers must have at least one row; got an empty DataFrame")
    if frame[segment].isna().any():
        raise ValueError(f"customers column {segment!r} must give every customer a segment; "
                         f"{int(frame[segment].isna().sum())} are missing")
    data = pd.DataFrame({"segment": frame[segment].to_numpy()}, index=frame.index)
    data["profit"] = check_array(f"customers column {profit!r}",
                                 frame[profit].to_numpy(dtype=float))
    for key, col in given.items():
        x = check_array(f"customers column {col!r}", frame[col].to_numpy(dtype=float))
        if key == "churned" and not np.isin(x, (0.0, 1.0)).all():
            bad = x[~np.isin(x, (0.0, 1.0))][0]
            raise ValueError(f"customers column {col!r} (churned) must hold 0/1 or True/False; "
                             f"got {bad:g}")
        data[key] = x
    grouped = data.groupby("segment", sort=True)
    out = pd.DataFrame({"customers": grouped.size(), "profit": grouped["profit"].sum()})
    total = float(data["profit"].sum())
    out["profit_contribution"] = out["profit"] / total if total else np.nan
    for key in ("clv", "acquisition_cost", "satisfaction", "loyalty", "referrals"):
        if key in given:
            out[key] = grouped[key].mean()
    if "clv" in given and "acquisition_cost" in given:
        out["clv_to_cac"] = out["clv"] / out["acquisition_cost"]
    if "churned" in given:
        out["churn_rate"] = grouped["churned"].mean()
    out.index.name = segment
    return out
