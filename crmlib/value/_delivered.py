"""Value to the customer 客户让渡价值: Kotler's delivered value and Grönroos' episode value."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._messages import Message, fail, with_prefix
from crmlib._validation import check_positive, check_results_finite

__all__ = [
    "COST_COMPONENTS",
    "VALUE_COMPONENTS",
    "DeliveredValue",
    "OfferComparison",
    "RelationshipValue",
    "compare_offers",
    "delivered_value",
    "relationship_value",
]

#: (key, English name, Chinese course term) of the four parts of total customer value.
VALUE_COMPONENTS = (
    ("product", "product value", "产品价值"),
    ("service", "service value", "服务价值"),
    ("personnel", "personnel value", "人员价值"),
    ("image", "image value", "形象价值"),
)
#: (key, English name, Chinese course term) of the four parts of total customer cost.
COST_COMPONENTS = (
    ("monetary", "monetary cost", "货币成本"),
    ("time", "time cost", "时间成本"),
    ("energy", "energy (effort) cost", "精力成本"),
    ("psychic", "psychic cost", "精神成本"),
)
_KEYS = tuple(c[0] for c in VALUE_COMPONENTS + COST_COMPONENTS)
_FORMULA = (
    r"\mathrm{TCV}=V_{prod}+V_{serv}+V_{pers}+V_{img},\quad "
    r"\mathrm{TCC}=C_{mon}+C_{time}+C_{energy}+C_{psych},\quad "
    r"\mathrm{CDV}=\mathrm{TCV}-\mathrm{TCC}"
)


@dataclass(frozen=True, eq=False)
class DeliveredValue:
    """Customer delivered value of one offer (Kotler).

    Attributes
    ----------
    total_value : float
        Total customer value 顾客总价值: product + service + personnel + image value.
    total_cost : float
        Total customer cost 顾客总成本: monetary + time + energy + psychic cost.
    value : float
        Delivered value 客户让渡价值, ``total_value - total_cost``.
    ratio : float
        ``total_value / total_cost``; above 1 the offer gives more than it costs.
    components : pandas.DataFrame
        One row per part with columns ``side`` ("value" or "cost"),
        ``component``, ``name``, ``name_zh`` and ``amount``.
    inputs : dict
        The arguments.
    formula : str
        LaTeX of the formula.

    Examples
    --------
    >>> delivered_value(product=60, service=20, monetary=50, time=10)
    DeliveredValue(total_value=80.00, total_cost=60.00, value=20.00, ratio=1.333)
    """

    total_value: float
    total_cost: float
    value: float
    ratio: float
    components: pd.DataFrame = field(repr=False)
    inputs: Mapping[str, float] = field(repr=False)
    formula: str = field(repr=False)

    def __post_init__(self) -> None:
        check_results_finite(
            "delivered_value",
            {"total_value": self.total_value, "total_cost": self.total_cost, "value": self.value},
            self.inputs,
        )

    def __repr__(self) -> str:
        return (
            f"DeliveredValue(total_value={self.total_value:.2f}, total_cost={self.total_cost:.2f}, "
            f"value={self.value:.2f}, ratio={self.ratio:.3f})"
        )

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-component table."""
        return self.components.copy()

    def waterfall(self) -> pd.DataFrame:
        """The steps of a waterfall chart: value parts up, the total, cost parts down, the result.

        Returns
        -------
        pandas.DataFrame
            One row per bar with columns ``step`` (component key, or
            ``"total_value"`` / ``"delivered_value"``), ``name``, ``name_zh``,
            ``kind`` ("value", "total", "cost" or "result"), ``bottom``,
            ``top`` and ``amount`` (signed change: costs are negative).

        Examples
        --------
        >>> steps = delivered_value(product=60, service=20, monetary=50, time=10).waterfall()
        >>> steps.loc[steps["step"] == "monetary", ["bottom", "top"]].values.tolist()
        [[30.0, 80.0]]
        """
        rows: list[dict[str, Any]] = []
        level = 0.0
        for key, name, name_zh in VALUE_COMPONENTS:
            amount = self.inputs[key]
            rows.append({"step": key, "name": name, "name_zh": name_zh, "kind": "value",
                         "bottom": level, "top": level + amount, "amount": amount})
            level += amount
        rows.append({"step": "total_value", "name": "total customer value", "name_zh": "顾客总价值",
                     "kind": "total", "bottom": 0.0, "top": level, "amount": level})
        for key, name, name_zh in COST_COMPONENTS:
            amount = self.inputs[key]
            rows.append({"step": key, "name": name, "name_zh": name_zh, "kind": "cost",
                         "bottom": level - amount, "top": level, "amount": -amount})
            level -= amount
        rows.append({"step": "delivered_value", "name": "delivered value",
                     "name_zh": "客户让渡价值", "kind": "result",
                     "bottom": min(0.0, level), "top": max(0.0, level), "amount": level})
        return pd.DataFrame(rows)


def delivered_value(
    *,
    product: float = 0.0,
    service: float = 0.0,
    personnel: float = 0.0,
    image: float = 0.0,
    monetary: float = 0.0,
    time: float = 0.0,
    energy: float = 0.0,
    psychic: float = 0.0,
) -> DeliveredValue:
    """Customer delivered value 客户让渡价值: total customer value minus total customer cost.

    Parameters
    ----------
    product, service, personnel, image : float, default 0
        The four parts of total customer value 顾客总价值 as the customer
        perceives them: product value 产品价值, service value 服务价值,
        personnel value 人员价值 and image value 形象价值; each 0 or greater.
    monetary, time, energy, psychic : float, default 0
        The four parts of total customer cost 顾客总成本: monetary cost 货币成本
        (the price), time cost 时间成本, energy (effort) cost 精力成本 and
        psychic cost 精神成本; each 0 or greater, and their sum greater than 0.

    All eight are in one common unit: money the customer would pay for the
    part (e.g. ¥), or points on one rating scale. Mixing units makes the
    difference meaningless.

    Returns
    -------
    DeliveredValue
        ``total_value``, ``total_cost``, ``value`` (delivered value) and
        ``ratio``, with the ``components`` table.

    Notes
    -----
    .. math::

        \\mathrm{TCV} = V_{prod} + V_{serv} + V_{pers} + V_{img}, \\qquad
        \\mathrm{TCC} = C_{mon} + C_{time} + C_{energy} + C_{psych},

        \\mathrm{CDV} = \\mathrm{TCV} - \\mathrm{TCC}, \\qquad
        \\text{ratio} = \\mathrm{TCV} / \\mathrm{TCC}.

    Kotler's customer "buys from the firm that he or she perceives to offer
    the highest customer delivered value" (see :func:`compare_offers`). The
    ratio form says how many units of value each unit of cost buys; it needs
    a total cost greater than 0.

    References
    ----------
    Kotler, P. (1997/2000). *Marketing Management* (9th/10th ed.), ch. 2
    "Building customer satisfaction, value and retention": customer delivered
    value = total customer value − total customer cost.

    Examples
    --------
    A customer sees ¥500 of product value, ¥150 of service, ¥100 of
    personnel and ¥50 of image value in an offer priced ¥450 that costs
    them ¥60 of time, ¥40 of effort and ¥30 of worry:

    >>> res = delivered_value(product=500, service=150, personnel=100, image=50,
    ...                       monetary=450, time=60, energy=40, psychic=30)
    >>> res.total_value, res.total_cost, res.value
    (800.0, 580.0, 220.0)
    >>> round(res.ratio, 3)
    1.379
    """
    given = {"product": product, "service": service, "personnel": personnel, "image": image,
             "monetary": monetary, "time": time, "energy": energy, "psychic": psychic}
    amounts = {key: check_positive(key, given[key], allow_zero=True) for key in _KEYS}
    total_value = sum(amounts[k] for k, _, _ in VALUE_COMPONENTS)
    total_cost = sum(amounts[k] for k, _, _ in COST_COMPONENTS)
    if total_cost <= 0:
        raise fail(ValueError, "offer_cost_zero")
    rows = [("value", *c) for c in VALUE_COMPONENTS] + [("cost", *c) for c in COST_COMPONENTS]
    table = pd.DataFrame(rows, columns=["side", "component", "name", "name_zh"])
    table["amount"] = [amounts[k] for k in table["component"]]
    return DeliveredValue(
        total_value=total_value,
        total_cost=total_cost,
        value=total_value - total_cost,
        ratio=total_value / total_cost,
        components=table,
        inputs=amounts,
        formula=_FORMULA,
    )


@dataclass(frozen=True, eq=False)
class OfferComparison:
    """Several offers side by side and the one a customer should choose.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per offer (indexed by offer name, in the order given): the
        eight components, ``total_value``, ``total_cost``,
        ``delivered_value``, ``ratio`` and ``rank`` (1 = chosen).
    choice : str
        Name of the offer with the highest delivered value (ties broken by
        the higher ratio, then by the order given).
    reason, reason_zh : str
        Why, in English and Chinese.
    offers : dict
        Each offer's :class:`DeliveredValue`.
    """

    table: pd.DataFrame = field(repr=False)
    choice: str
    reason: str = field(repr=False)
    reason_zh: str = field(repr=False)
    offers: Mapping[str, DeliveredValue] = field(repr=False)

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={res.value:.2f}" for name, res in self.offers.items())
        return f"OfferComparison(choice={self.choice!r}, delivered_value: {values})"

    @property
    def value(self) -> float:
        """Delivered value of the chosen offer."""
        return self.offers[self.choice].value

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the side-by-side table."""
        return self.table.copy()


def _as_delivered(name: str, offer: object) -> DeliveredValue:
    if isinstance(offer, DeliveredValue):
        return offer
    if isinstance(offer, Mapping):
        unknown = [k for k in offer if k not in _KEYS]
        if unknown:
            raise ValueError(
                f"offer {name!r} has an unknown component {unknown[0]!r}; "
                f"the components are {', '.join(repr(k) for k in _KEYS)}"
            )
        try:
            return delivered_value(**{str(k): v for k, v in offer.items()})
        except (TypeError, ValueError) as exc:
            raise with_prefix(exc, Message("offer_prefix", offer=repr(name))) from None
    raise TypeError(
        f"offer {name!r} must be a DeliveredValue or a mapping of components to amounts; "
        f"got {type(offer).__name__}"
    )


def compare_offers(offers: Mapping[str, object] | pd.DataFrame) -> OfferComparison:
    """Compare offers by customer delivered value: which one should the customer choose, and why.

    Parameters
    ----------
    offers : mapping or pandas.DataFrame
        At least two offers. A mapping from offer name to a
        :class:`DeliveredValue` or to a mapping of components
        (``product=..., monetary=...``; missing parts count as 0), or a
        DataFrame with one row per offer (the index names the offers) and
        component columns.

    Returns
    -------
    OfferComparison
        The side-by-side ``table``, the ``choice`` and the ``reason``.

    Notes
    -----
    Each offer :math:`k` has :math:`\\mathrm{CDV}_k = \\mathrm{TCV}_k - \\mathrm{TCC}_k`;
    the customer chooses

    .. math::

        k^{*} = \\arg\\max_k \\mathrm{CDV}_k,

    breaking a tie by the higher value/cost ratio
    :math:`\\mathrm{TCV}_k / \\mathrm{TCC}_k`. The reason also says when the
    ratio would rank another offer first (a cheap offer can give more value
    per unit of cost and still less value in total), and when no offer gives
    positive delivered value (the customer may then buy none).

    References
    ----------
    Kotler, P. (2000). *Marketing Management* (10th ed.), ch. 2: customers
    are value-maximisers and buy from the firm offering the highest customer
    delivered value.

    Examples
    --------
    >>> cmp = compare_offers({
    ...     "A": {"product": 500, "service": 100, "monetary": 450},
    ...     "B": {"product": 450, "service": 200, "monetary": 480},
    ... })
    >>> cmp.choice
    'B'
    >>> cmp.table["delivered_value"].tolist()
    [150.0, 170.0]
    """
    if isinstance(offers, pd.DataFrame):
        names = [str(i) for i in offers.index]
        items: list[tuple[str, object]] = [
            (name, {str(k): v for k, v in row.items()})
            for name, (_, row) in zip(names, offers.iterrows(), strict=True)
        ]
    elif isinstance(offers, Mapping):
        items = [(str(k), v) for k, v in offers.items()]
    else:
        raise TypeError(
            f"offers must be a mapping of offer names to offers or a DataFrame; "
            f"got {type(offers).__name__}"
        )
    if len(items) < 2:
        raise ValueError(f"offers must hold at least 2 offers to compare; got {len(items)}")
    names = [n for n, _ in items]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise ValueError(f"offers must have distinct names; {dup!r} appears more than once")
    results = {name: _as_delivered(name, offer) for name, offer in items}
    table = pd.DataFrame(
        [{**res.inputs, "total_value": res.total_value, "total_cost": res.total_cost,
          "delivered_value": res.value, "ratio": res.ratio} for res in results.values()],
        index=pd.Index(names, name="offer"),
    )
    order = sorted(range(len(names)), key=lambda i: (-table["delivered_value"].iloc[i],
                                                     -table["ratio"].iloc[i], i))
    rank = np.empty(len(names), dtype=int)
    rank[order] = np.arange(1, len(names) + 1)
    table["rank"] = rank
    choice = names[order[0]]
    reason, reason_zh = _reason(table, names[order[0]], names[order[1]])
    return OfferComparison(table=table, choice=choice, reason=reason, reason_zh=reason_zh,
                           offers=results)


def _reason(table: pd.DataFrame, best: str, second: str) -> tuple[str, str]:
    b, s = table.loc[best], table.loc[second]
    en = (f"{best} gives the highest delivered value: {b['total_value']:,.2f} of value for "
          f"{b['total_cost']:,.2f} of cost leaves {b['delivered_value']:,.2f}")
    zh = (f"{best} 的客户让渡价值最高：顾客总价值 {b['total_value']:,.2f} 减去顾客总成本 "
          f"{b['total_cost']:,.2f}，剩 {b['delivered_value']:,.2f}")
    gap = b["delivered_value"] - s["delivered_value"]
    if math.isclose(gap, 0.0, abs_tol=1e-9):
        en += (f"; {second} gives the same delivered value, and {best} is chosen for its higher "
               "value/cost ratio" if b["ratio"] > s["ratio"] else
               f"; {second} gives the same delivered value and ratio: the customer is indifferent")
        zh += (f"；{second} 的让渡价值相同，{best} 的价值/成本比更高" if b["ratio"] > s["ratio"]
               else f"；{second} 的让渡价值与价值/成本比都相同：对顾客来说两者无差别")
    else:
        en += f", {gap:,.2f} more than {second}"
        zh += f"，比 {second} 多 {gap:,.2f}"
    by_ratio = table["ratio"].idxmax()
    if by_ratio != best and table.loc[by_ratio, "ratio"] > b["ratio"]:
        en += (f". By the value/cost ratio {by_ratio} would come first "
               f"({table.loc[by_ratio, 'ratio']:.2f} against {b['ratio']:.2f}): it gives more "
               "value per unit of cost but less value in total")
        zh += (f"。若按价值/成本比，{by_ratio} 排第一（{table.loc[by_ratio, 'ratio']:.2f} 对 "
               f"{b['ratio']:.2f}）：单位成本换来的价值更多，但总的让渡价值更少")
    if b["delivered_value"] <= 0:
        en += ". No offer gives positive delivered value: the customer may buy none of them"
        zh += "。没有一个方案的让渡价值为正：顾客可能一个都不买"
    return en + ".", zh + "。"


@dataclass(frozen=True, eq=False)
class RelationshipValue:
    """Total episode value of Ravald & Grönroos, with the single-episode ratio beside it.

    Attributes
    ----------
    value : float
        Total episode value,
        (episode benefits + relationship benefits) / (episode sacrifice + relationship sacrifice).
    episode_value : float
        The single-episode ratio, episode benefits / episode sacrifice.
    relationship_effect : float
        ``value - episode_value``: how much the relationship changes the
        customer's value ratio (positive when it adds more benefit than sacrifice).
    inputs : dict
        The arguments.
    formula : str
        LaTeX of the formula.
    """

    value: float
    episode_value: float
    relationship_effect: float
    inputs: Mapping[str, float] = field(repr=False)
    formula: str = field(repr=False)

    def __post_init__(self) -> None:
        check_results_finite(
            "relationship_value",
            {
                "value": self.value,
                "episode_value": self.episode_value,
                "relationship_effect": self.relationship_effect,
            },
            self.inputs,
        )

    def __repr__(self) -> str:
        return (f"RelationshipValue(value={self.value:.3f}, "
                f"episode_value={self.episode_value:.3f}, "
                f"relationship_effect={self.relationship_effect:+.3f})")

    def to_frame(self) -> pd.DataFrame:
        """The two views side by side: benefits, sacrifices and their ratio."""
        i = self.inputs
        return pd.DataFrame(
            {
                "benefits": [i["episode_benefits"],
                             i["episode_benefits"] + i["relationship_benefits"]],
                "sacrifices": [i["episode_sacrifice"],
                               i["episode_sacrifice"] + i["relationship_sacrifice"]],
                "value_ratio": [self.episode_value, self.value],
            },
            index=pd.Index(["single episode", "relationship (total episode value)"], name="view"),
        )


def relationship_value(
    episode_benefits: float,
    relationship_benefits: float,
    episode_sacrifice: float,
    relationship_sacrifice: float,
) -> RelationshipValue:
    """Total episode value (Ravald & Grönroos 1996): value seen through the relationship.

    Parameters
    ----------
    episode_benefits : float
        Benefits of this episode (one purchase or service encounter), 0 or greater.
    relationship_benefits : float
        Benefits the ongoing relationship adds to the episode (trust,
        security, less risk, being known), 0 or greater.
    episode_sacrifice : float
        Sacrifice of the episode (price, effort of this purchase), greater than 0.
    relationship_sacrifice : float
        Sacrifice of being in the relationship (e.g. the costs of keeping
        it up, of being tied to the supplier), 0 or greater.

    All four in one unit (money or points on one scale).

    Returns
    -------
    RelationshipValue
        ``value`` (total episode value), ``episode_value`` (the
        single-episode ratio) and ``relationship_effect``.

    Notes
    -----
    The single-episode view (Anderson, Jain & Chintagunta; Monroe) trades
    the benefits of one episode against its sacrifice; the relationship view
    adds what the relationship brings to both sides:

    .. math::

        \\text{episode value} = \\frac{EB}{ES}, \\qquad
        \\text{total episode value} = \\frac{EB + RB}{ES + RS}.

    A relationship raises value when its benefits grow faster than its
    sacrifices, or when it lowers the sacrifice the customer perceives.

    References
    ----------
    Ravald, A., & Grönroos, C. (1996). The value concept and relationship
    marketing. *European Journal of Marketing*, 30(2), 19-30 (the "total
    episode value" ratio).

    Monroe, K. B. (1991). *Pricing: Making Profitable Decisions* (2nd ed.).
    McGraw-Hill (perceived value = perceived benefits / perceived sacrifice).

    Examples
    --------
    >>> res = relationship_value(100, 30, 80, 10)
    >>> round(res.value, 4), res.episode_value
    (1.4444, 1.25)
    """
    eb = check_positive("episode_benefits", episode_benefits, allow_zero=True)
    rb = check_positive("relationship_benefits", relationship_benefits, allow_zero=True)
    es = check_positive("episode_sacrifice", episode_sacrifice)
    rs = check_positive("relationship_sacrifice", relationship_sacrifice, allow_zero=True)
    value = (eb + rb) / (es + rs)
    episode = eb / es
    return RelationshipValue(
        value=value,
        episode_value=episode,
        relationship_effect=value - episode,
        inputs={"episode_benefits": eb, "relationship_benefits": rb,
                "episode_sacrifice": es, "relationship_sacrifice": rs},
        formula=r"\frac{EB+RB}{ES+RS}",
    )
