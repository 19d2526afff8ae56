"""Storbacka's three relationship strategies as data, and each one's contact pattern over time.

The clasp 扣钩, zipper 拉链 and Velcro 维可牢 strategies differ in how the
firm's processes meet the customer's: at a few scattered points set by the
firm (clasp), in frequent interlocking contacts where both adapt (zipper), or
wherever and whenever the customer's own process needs it (Velcro).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._validation import check_array, check_choice, check_positive

__all__ = [
    "DEFAULT_NEEDS",
    "STRATEGY_KEYS",
    "ContactPattern",
    "StrategyType",
    "contact_pattern",
    "strategy_type",
    "strategy_types",
]

#: The three strategy types, in course order.
STRATEGY_KEYS = ("clasp", "zipper", "velcro")


@dataclass(frozen=True)
class StrategyType:
    """One relationship strategy type, described in English and Chinese.

    Each text field has a Chinese twin ending in ``_zh``.
    """

    key: str
    name: str
    name_zh: str
    contact_pattern: str
    contact_pattern_zh: str
    adaptation: str
    adaptation_zh: str
    depth: str
    depth_zh: str
    requirements: str
    requirements_zh: str
    industries: str
    industries_zh: str

    def text(self, attribute: str, lang: str = "en") -> str:
        """The field ``attribute`` in ``lang`` ("en" or "zh")."""
        return getattr(self, f"{attribute}_zh" if lang == "zh" else attribute)


_TYPES = (
    StrategyType(
        key="clasp",
        name="Clasp",
        name_zh="扣钩",
        contact_pattern="few contact points, scattered in time and space; the firm's schedule sets "
        "them",
        contact_pattern_zh="接触点少，在时间和空间上分散；由企业的日程决定",
        adaptation="the customer adapts to the firm's processes",
        adaptation_zh="客户适应企业的流程",
        depth="behavioural level: the relationship is the transactions",
        depth_zh="行为层面：关系即交易本身",
        requirements="standardised, efficient processes and clear self-service; little "
        "customer-specific investment",
        requirements_zh="标准化、高效的流程和清晰的自助服务；很少针对单个客户的投入",
        industries="retail, fast-moving consumer goods, budget airlines, mass-market e-commerce",
        industries_zh="零售、快速消费品、廉价航空、大众电商",
    ),
    StrategyType(
        key="zipper",
        name="Zipper",
        name_zh="拉链",
        contact_pattern="frequent, gap-free contacts that interlock like the teeth of a zipper",
        contact_pattern_zh="接触频繁、没有间隙，像拉链的齿一样咬合",
        adaptation="mutual: firm and customer adapt their processes to each other",
        adaptation_zh="相互适应：企业与客户彼此调整流程",
        depth="mutual level: shared processes, trust and a long-term focus",
        depth_zh="相互层面：共同的流程、信任和长期导向",
        requirements="investment in the relationship (shared systems, dedicated teams, "
        "integrated planning) and long-term commitment on both sides",
        requirements_zh="对关系的投入（共享系统、专门团队、协同计划）以及双方的长期承诺",
        industries="B2B supply partnerships, outsourcing, banking for business customers, "
        "enterprise software",
        industries_zh="B2B 供应伙伴关系、外包、对公银行业务、企业软件",
    ),
    StrategyType(
        key="velcro",
        name="Velcro",
        name_zh="维可牢",
        contact_pattern="contacts follow each customer's own rhythm: the firm is there whenever "
        "the customer's process needs it",
        contact_pattern_zh="接触跟随每位客户自己的节奏：客户的流程需要时，企业就在那里",
        adaptation="the firm adapts its contact processes to each customer",
        adaptation_zh="企业使其接触流程适应每一位客户",
        depth="the firm fits into the customer's process; the customer need not change",
        depth_zh="企业嵌入客户的流程；客户无须改变",
        requirements="high flexibility: modular offers, customer data, staff and systems able to "
        "serve many different processes",
        requirements_zh="高度灵活：模块化的产品与服务、客户数据，以及能服务多种不同流程的员工和系统",
        industries="private banking, healthcare, premium travel, personalised online services",
        industries_zh="私人银行、医疗保健、高端旅游、个性化在线服务",
    ),
)
_BY_KEY = {t.key: t for t in _TYPES}


def strategy_type(key: str) -> StrategyType:
    """The description of one strategy type.

    Parameters
    ----------
    key : {"clasp", "zipper", "velcro"}
        The strategy type.

    Returns
    -------
    StrategyType

    Notes
    -----
    The types differ in how often the firm meets the customer and who sets
    the time: a clasp firm every :math:`\\Delta` periods on its own calendar
    (:math:`1/\\Delta` contacts per period), a zipper about once a period,
    Velcro once per need of the customer (see :func:`contact_pattern`).

    References
    ----------
    Storbacka, K., & Lehtinen, J. R. (2001). *Customer Relationship
    Management*. McGraw-Hill.

    Examples
    --------
    >>> strategy_type("velcro").adaptation
    'the firm adapts its contact processes to each customer'
    >>> strategy_type("zipper").name_zh
    '拉链'
    """
    return _BY_KEY[check_choice("key", key, STRATEGY_KEYS)]


def strategy_types(lang: str = "en") -> pd.DataFrame:
    """The three relationship strategies as a table, in English or Chinese.

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the text columns.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``key`` (clasp, zipper, velcro), columns ``name``,
        ``contact_pattern``, ``adaptation``, ``depth``, ``requirements`` and
        ``industries``.

    Notes
    -----
    The types differ in how often the firm meets the customer and who sets
    the time: a clasp firm every :math:`\\Delta` periods on its own calendar
    (:math:`1/\\Delta` contacts per period), a zipper about once a period,
    Velcro once per need of the customer (see :func:`contact_pattern`).

    References
    ----------
    Storbacka, K., & Lehtinen, J. R. (2001). *Customer Relationship
    Management: Creating Competitive Advantage through Win-Win Relationship
    Strategies*. McGraw-Hill (the clasp, zipper and Velcro strategies).

    Examples
    --------
    >>> strategy_types().loc["clasp", "adaptation"]
    "the customer adapts to the firm's processes"
    >>> strategy_types("zh")["name"].tolist()
    ['扣钩', '拉链', '维可牢']
    """
    check_choice("lang", lang, ("en", "zh"))
    columns = ("name", "contact_pattern", "adaptation", "depth", "requirements", "industries")
    frame = pd.DataFrame(
        [{c: t.text(c, lang) for c in columns} for t in _TYPES],
        index=pd.Index(STRATEGY_KEYS, name="key"),
    )
    return frame


#: A customer's own rhythm of needs (in periods) used when none is given:
#: irregular, with bursts and quiet spells, over 24 periods.
DEFAULT_NEEDS = (1.0, 2.5, 3.0, 7.5, 8.0, 11.0, 14.5, 15.0, 16.0, 19.5, 22.0, 23.0)


@dataclass(frozen=True, eq=False)
class ContactPattern:
    """When a strategy type meets a customer, against the customer's own needs.

    Attributes
    ----------
    strategy : str
        ``"clasp"``, ``"zipper"`` or ``"velcro"``.
    horizon : float
        Length of the time line, in periods.
    needs : numpy.ndarray
        Times at which the customer's own process needs the firm.
    contacts : pandas.DataFrame
        One row per contact: ``time`` and ``side`` (whose process sets the
        contact: ``"firm"`` or ``"customer"``).
    waits : numpy.ndarray
        For each need, the time until the next contact (``inf`` if no contact
        follows within the horizon).
    mean_wait : float
        Mean of ``waits`` over the needs that are met.
    unmet : int
        Needs with no contact left in the horizon.
    contacts_per_period : float
        Number of contacts divided by ``horizon``.
    inputs : dict
        The arguments.
    """

    strategy: str
    horizon: float
    needs: np.ndarray = field(repr=False)
    contacts: pd.DataFrame = field(repr=False)
    waits: np.ndarray = field(repr=False)
    mean_wait: float
    unmet: int
    contacts_per_period: float
    inputs: Mapping[str, Any] = field(repr=False)

    def __repr__(self) -> str:
        return (
            f"ContactPattern(strategy={self.strategy!r}, contacts={len(self.contacts)}, "
            f"mean_wait={self.mean_wait:.2f}, unmet={self.unmet})"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per customer need: ``need_time``, ``next_contact`` and ``wait``."""
        return pd.DataFrame(
            {"need_time": self.needs, "next_contact": self.needs + self.waits, "wait": self.waits}
        )


#: Most contacts a pattern holds (a horizon of periods, or horizon / firm_interval).
MAX_CONTACTS = 10_000


def contact_pattern(
    strategy: str,
    needs: Sequence[float] | None = None,
    *,
    horizon: float = 24.0,
    firm_interval: float = 6.0,
) -> ContactPattern:
    """Contact times of a strategy type over time, and how long the customer's needs wait.

    Parameters
    ----------
    strategy : {"clasp", "zipper", "velcro"}
        The relationship strategy.
    needs : sequence of float, optional
        Times (in periods, from 0 to ``horizon``) at which the customer's own
        process needs the firm; default :data:`DEFAULT_NEEDS`.
    horizon : float, default 24
        Length of the time line in periods, greater than 0 and at most
        10,000 (``MAX_CONTACTS``).
    firm_interval : float, default 6
        Clasp only: the firm's own contact cycle in periods (greater than 0,
        with at most 10,000 contacts in the horizon);
        a clasp firm makes contact at ``firm_interval, 2 * firm_interval, ...``.

    Returns
    -------
    ContactPattern

    Notes
    -----
    A stylised picture of the course's description, one rule per type:

    * **clasp** - contacts at the firm's fixed times
      :math:`t_k = k\\,\\Delta` (:math:`\\Delta` = ``firm_interval``), whatever
      the customer needs; the customer adapts and waits;
    * **zipper** - a contact every period, alternately set by the customer's
      process and the firm's (the interlocking teeth), at
      :math:`t = 1, 2, \\ldots`; no need waits more than a period;
    * **Velcro** - one contact at each need: the firm follows the customer.

    The wait of a need at time :math:`s` is
    :math:`w(s) = \\min\\{t_k - s : t_k \\ge s\\}`, the time to the next
    contact.

    References
    ----------
    Storbacka, K., & Lehtinen, J. R. (2001). *Customer Relationship
    Management*. McGraw-Hill (contact patterns of the three strategies).

    Examples
    --------
    >>> p = contact_pattern("clasp", needs=[1, 5, 7], horizon=12)
    >>> p.contacts["time"].tolist()  # the firm's times 6 and 12
    [6.0, 12.0]
    >>> p.waits.tolist()  # 6 - 1, 6 - 5, 12 - 7
    [5.0, 1.0, 5.0]
    >>> contact_pattern("velcro", needs=[1, 5, 7], horizon=12).mean_wait
    0.0
    """
    strategy = check_choice("strategy", strategy, STRATEGY_KEYS)
    h = check_positive("horizon", horizon)
    if h > MAX_CONTACTS:
        raise ValueError(f"horizon must be at most {MAX_CONTACTS:,} periods; got {horizon!r}")
    interval = check_positive("firm_interval", firm_interval)
    if h / interval > MAX_CONTACTS:
        raise ValueError(
            f"firm_interval must leave at most {MAX_CONTACTS:,} firm contacts in the horizon "
            f"(horizon / firm_interval); got firm_interval={firm_interval!r} with "
            f"horizon={horizon!r}"
        )
    s = np.sort(check_array("needs", DEFAULT_NEEDS if needs is None else needs, minimum=0.0))
    if s[-1] > h:
        raise ValueError(
            f"needs must lie between 0 and the horizon ({h:g} periods); got a need at {s[-1]:g}"
        )
    if strategy == "clasp":
        times = interval * np.arange(1, int(np.floor(h / interval + 1e-9)) + 1)
        sides = ["firm"] * times.size
    elif strategy == "zipper":
        n = int(np.floor(h + 1e-9))
        times = np.arange(1, n + 1, dtype=float)
        sides = ["customer" if k % 2 else "firm" for k in range(1, n + 1)]
    else:
        times = np.unique(s)
        sides = ["customer"] * times.size
    times = times.astype(float)
    index = np.searchsorted(times, s, side="left")
    waits = np.full(s.size, np.inf)
    met = index < times.size
    waits[met] = times[index[met]] - s[met]
    mean_wait = float(waits[met].mean()) if met.any() else float("nan")
    return ContactPattern(
        strategy=strategy,
        horizon=h,
        needs=s,
        contacts=pd.DataFrame({"time": times, "side": sides}),
        waits=waits,
        mean_wait=mean_wait,
        unmet=int((~met).sum()),
        contacts_per_period=times.size / h,
        inputs={"strategy": strategy, "needs": s.tolist(), "horizon": h,
                "firm_interval": interval},
    )
