"""The course's concept tables for customer value, bilingual (English first, 中文 beside).

Small tables that a notebook shows and a plot or widget draws: Woodruff's
value hierarchy, Garvin's eight quality dimensions, the quality stages, the
relationship bonds, the Kano drift example, the "why it matters" claims and a
constructed Kano survey. Each function returns a fresh DataFrame, so a
caller may change its copy freely.
"""

from __future__ import annotations

import pandas as pd

from crmlib.value._kano import KANO_CATEGORIES

__all__ = [
    "example_kano_earlier_counts",
    "example_kano_survey",
    "garvin_dimensions",
    "kano_drift_example",
    "quality_stages",
    "relationship_bonds",
    "value_directions",
    "value_hierarchy",
    "why_it_matters",
]


def value_directions() -> pd.DataFrame:
    """The two directions of customer value that the course keeps apart.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``direction`` ("to_customer", "to_firm"), with the English
        and Chinese names, who gives value to whom, how it is measured, and
        the kit's functions and notebooks.

    Examples
    --------
    >>> value_directions().loc["to_customer", "name_zh"]
    '客户让渡价值'
    """
    rows = [
        ("to_customer", "customer delivered (perceived) value", "客户让渡价值",
         "firm → customer", "企业 → 客户",
         "total customer value − total customer cost (Kotler); benefits / sacrifices (Grönroos)",
         "crmlib.value.delivered_value, relationship_value; notebook 01"),
        ("to_firm", "customer lifetime value (value of the customer)", "客户终身价值",
         "customer → firm", "客户 → 企业",
         "present value of the customer's future profit contributions",
         "crmlib.clv; notebooks 02, 04 and 05"),
    ]
    cols = ["direction", "name", "name_zh", "flow", "flow_zh", "measure", "in_the_kit"]
    return pd.DataFrame(rows, columns=cols).set_index("direction")


def value_hierarchy() -> pd.DataFrame:
    """Woodruff's customer value hierarchy 客户价值层次, with a car buyer as the example.

    Returns
    -------
    pandas.DataFrame
        One row per level, from the top (desired end states) to the bottom
        (attributes): ``level``, ``name``, ``name_zh``, ``question`` (what
        the level answers), ``question_zh``, ``examples`` and ``examples_zh``
        (lists of the same length).

    Notes
    -----
    Desired value runs top-down (goals decide which consequences and
    attributes a customer wants); received value is judged bottom-up
    (satisfaction with attributes, then with consequences, then with goals).
    The example is the kit's illustration, not Woodruff's.

    References
    ----------
    Woodruff, R. B. (1997). Customer value: the next source for competitive
    advantage. *Journal of the Academy of Marketing Science*, 25(2), 139-153
    (Figure 1, the customer value hierarchy model).

    Examples
    --------
    >>> value_hierarchy()["name_zh"].tolist()
    ['最终目的层', '结果层', '属性层']
    """
    rows = [
        (3, "desired end-state level", "最终目的层",
         "Why does that matter to me? (goals and purposes)", "这对我为什么重要？（目标与目的）",
         ["security", "family care", "achievement"], ["安全感", "照顾家人", "成就感"]),
        (2, "consequence level", "结果层",
         "What does it do for me in use?", "使用时它能为我带来什么？",
         ["safe stopping in the rain", "a quiet, comfortable ride", "fewer breakdowns"],
         ["雨天也能安全刹车", "安静舒适的乘坐", "更少故障"]),
        (1, "attribute level", "属性层",
         "What is it? (product and service attributes and their performance)",
         "它是什么？（产品与服务的属性及表现）",
         ["ABS brakes", "six airbags", "three-year warranty"],
         ["ABS 防抱死刹车", "六个安全气囊", "三年保修"]),
    ]
    cols = ["level", "name", "name_zh", "question", "question_zh", "examples", "examples_zh"]
    return pd.DataFrame(rows, columns=cols)


def garvin_dimensions() -> pd.DataFrame:
    """Garvin's eight dimensions of quality, with a smartphone as the example.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``dimension`` key, columns ``name``, ``name_zh``,
        ``meaning`` and ``example``.

    References
    ----------
    Garvin, D. A. (1987). Competing on the eight dimensions of quality.
    *Harvard Business Review*, 65(6), 101-109.

    Examples
    --------
    >>> len(garvin_dimensions())
    8
    """
    rows = [
        ("performance", "performance", "性能", "the primary operating characteristics",
         "battery life, camera quality"),
        ("features", "features", "特色", "secondary characteristics that add to the basics",
         "wireless charging, face unlock"),
        ("reliability", "reliability", "可靠性", "the chance it fails within a given time",
         "no crashes or dead screens in the first year"),
        ("conformance", "conformance", "符合性", "how closely it meets its specifications",
         "the advertised storage and screen size are what you get"),
        ("durability", "durability", "耐用性", "how long it lasts before replacement pays",
         "still usable after four years"),
        ("serviceability", "serviceability", "服务性", "speed, courtesy and ease of repair",
         "a cracked screen replaced the same day"),
        ("aesthetics", "aesthetics", "美学性", "how it looks, feels and sounds",
         "the finish and colours of the case"),
        ("perceived_quality", "perceived quality", "感知质量",
         "quality inferred from brand, image and reputation", "trust in the brand's name"),
    ]
    cols = ["dimension", "name", "name_zh", "meaning", "example"]
    return pd.DataFrame(rows, columns=cols).set_index("dimension")


def quality_stages() -> pd.DataFrame:
    """The four stages of quality management that lead to customer value management.

    Returns
    -------
    pandas.DataFrame
        One row per stage in order: ``stage`` (1-4), ``name``, ``name_zh``,
        ``focus`` (what the firm watches) and ``measured_against`` (whom).

    Notes
    -----
    The last stage reads value as "quality relative to price" in the eyes
    of the market, measured against competitors.

    References
    ----------
    Gale, B. T. (1994). *Managing Customer Value: Creating Quality and
    Service That Customers Can See*. Free Press (the four stages, ch. 1).

    Examples
    --------
    >>> quality_stages()["name_zh"].tolist()[-1]
    '顾客价值管理'
    """
    rows = [
        (1, "conformance quality", "符合性质量", "meeting internal specifications",
         "the firm's own standards"),
        (2, "customer satisfaction", "顾客满意", "satisfying current customers",
         "the firm's own customers"),
        (3, "market-perceived quality", "市场感知质量",
         "quality as the whole market sees it, against competitors",
         "competitors' customers too"),
        (4, "customer value management", "顾客价值管理",
         "value = market-perceived quality relative to price",
         "competitors, on quality and price"),
    ]
    cols = ["stage", "name", "name_zh", "focus", "measured_against"]
    return pd.DataFrame(rows, columns=cols)


def relationship_bonds() -> pd.DataFrame:
    """The relationship bonds that tie a customer to a firm.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``bond``: ``name``, ``name_zh``, ``example`` and ``kind``
        ("external pressure" — the customer stays because leaving costs, or
        "internal relationship" — the customer stays because they want to).

    Notes
    -----
    The course names financial, social, structural/psychological and
    cultural bonds and contrasts external pressure with an internal
    relationship; which bond falls on which side is the kit's reading.
    Bonds of the internal kind are harder for rivals to copy.

    References
    ----------
    Course material (relationship bonds); Berry, L. L. (1995). Relationship
    marketing of services. *Journal of the Academy of Marketing Science*,
    23(4), 236-245 (financial, social and structural bonds).

    Examples
    --------
    >>> relationship_bonds()["kind"].value_counts().to_dict()
    {'external pressure': 2, 'internal relationship': 2}
    """
    rows = [
        ("financial", "financial bond", "财务联系",
         "points, discounts and rebates for staying", "external pressure"),
        ("social", "social bond", "社会联系",
         "a personal adviser who knows the customer; member communities", "internal relationship"),
        ("structural", "structural / psychological bond", "结构性（心理）联系",
         "systems and routines built around the supplier (shared ordering systems, "
         "custom set-ups) that make switching hard", "external pressure"),
        ("cultural", "cultural bond", "文化联系",
         "shared values and identity with the brand", "internal relationship"),
    ]
    cols = ["bond", "name", "name_zh", "example", "kind"]
    return pd.DataFrame(rows, columns=cols).set_index("bond")


def why_it_matters() -> pd.DataFrame:
    """The figures the course quotes on why customer value matters — as claims, not laws.

    Returns
    -------
    pandas.DataFrame
        One row per claim: ``claim``, ``claim_zh``, ``figure`` (as the
        course writes it), ``source`` ("course material") and ``status``.

    Notes
    -----
    These numbers circulate in textbooks and slides; the course gives no
    original study for them (except naming Coca-Cola for the last). Show
    them as what the course says, and treat them as orders of magnitude at
    best.

    Examples
    --------
    >>> why_it_matters()["source"].unique().tolist()
    ['course material']
    """
    status = "claim quoted by the course; original study not given"
    rows = [
        ("A very satisfied customer has six times the purchase intention of a merely "
         "satisfied one.", "非常满意的顾客的购买意愿是一般满意顾客的 6 倍。", "1:6"),
        ("Raising customer satisfaction by 5 points can double profit.",
         "顾客满意度提高 5 个百分点，利润可以翻一番。", "5% : 100%"),
        ("Winning a new customer costs eight times as much as keeping an old one.",
         "获得一位新顾客的成本是保留一位老顾客的 8 倍。", "1:8"),
        ("One unhappy customer tells five others.", "一位不满的顾客会告诉 5 个人。", "1:5"),
        ("A Coca-Cola study: unhappy customers tell 9-10 people, happy ones 4-5.",
         "可口可乐的研究：不满的顾客会告诉 9–10 人，满意的顾客告诉 4–5 人。", "9-10 vs 4-5"),
    ]
    frame = pd.DataFrame(rows, columns=["claim", "claim_zh", "figure"])
    frame["source"] = "course material"
    frame["status"] = status
    return frame


def kano_drift_example() -> pd.DataFrame:
    """How an attribute drifts attractive → one-dimensional → must-be: the TV remote control.

    Returns
    -------
    pandas.DataFrame
        One row per stage: ``stage``, ``category`` (code), ``name``,
        ``name_zh``, ``situation`` and ``situation_zh``.

    References
    ----------
    Course material (the TV remote control was once a delight, now it is
    expected); Kano, N. (2001). Life cycle and creation of attractive
    quality. 4th QMOD conference, Linköping (the drift of quality attributes).

    Examples
    --------
    >>> kano_drift_example()["category"].tolist()
    ['A', 'O', 'M']
    """
    rows = [
        (1, "A", "a remote control on a new TV delights: nobody expected it",
         "新电视配遥控器令人惊喜：没人想到会有"),
        (2, "O", "every brand has one; a better remote (range, buttons) satisfies more",
         "各品牌都有；遥控器越好（距离、按键）越满意"),
        (3, "M", "expected: nobody praises it, but a TV without one is unacceptable",
         "理所当然：没人因此称赞，但没有遥控器的电视无法接受"),
    ]
    frame = pd.DataFrame(rows, columns=["stage", "category", "situation", "situation_zh"])
    frame.insert(2, "name", [KANO_CATEGORIES[c][0] for c in frame["category"]])
    frame.insert(3, "name_zh", [KANO_CATEGORIES[c][1] for c in frame["category"]])
    return frame


#: (attribute, [(functional, dysfunctional, count), ...]) of the constructed hotel survey.
_HOTEL_SURVEY = (
    ("clean_room", [("neutral", "dislike", 11), ("must-be", "dislike", 3), ("like", "dislike", 4),
                    ("neutral", "neutral", 1), ("like", "like", 1)]),
    ("fast_wifi", [("like", "dislike", 9), ("neutral", "dislike", 5), ("like", "neutral", 3),
                   ("neutral", "neutral", 2), ("live-with", "dislike", 1)]),
    ("robot_concierge", [("like", "neutral", 8), ("like", "live-with", 3),
                         ("neutral", "neutral", 5), ("like", "dislike", 2),
                         ("dislike", "neutral", 1), ("like", "like", 1)]),
    ("pillow_menu", [("neutral", "neutral", 8), ("like", "neutral", 5),
                     ("live-with", "live-with", 3), ("like", "dislike", 2),
                     ("neutral", "dislike", 1), ("must-be", "neutral", 1)]),
)


def example_kano_survey() -> pd.DataFrame:
    """A small constructed Kano survey of a hotel: 20 guests, four attributes.

    Returns
    -------
    pandas.DataFrame
        One row per respondent (``respondent`` 1-20 as the index) and a
        ``<attribute>_functional`` and ``<attribute>_dysfunctional`` column
        per attribute (clean_room, fast_wifi, robot_concierge, pillow_menu),
        as a survey tool exports it.

    Notes
    -----
    Constructed for teaching (not field data): the answers are fixed, not
    random, and chosen so that each attribute falls in a different category
    and two answer pairs are questionable.

    Examples
    --------
    >>> survey = example_kano_survey()
    >>> survey.shape
    (20, 8)
    """
    columns: dict[str, list[str]] = {}
    for attribute, answers in _HOTEL_SURVEY:
        pairs = [(f, d) for f, d, count in answers for _ in range(count)]
        # spread each answer type over the respondents (a fixed interleave, no randomness)
        order = sorted(range(len(pairs)), key=lambda i: (i * 7) % len(pairs))
        columns[f"{attribute}_functional"] = [pairs[i][0] for i in order]
        columns[f"{attribute}_dysfunctional"] = [pairs[i][1] for i in order]
    frame = pd.DataFrame(columns)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="respondent")
    return frame


def example_kano_earlier_counts() -> pd.DataFrame:
    """Answer counts of the same constructed hotel survey five years earlier (20 guests).

    Returns
    -------
    pandas.DataFrame
        One row per attribute (index ``attribute``) with counts ``A``, ``O``,
        ``M``, ``I``, ``R`` and ``Q``. The robot concierge was not offered
        then, so it is missing.

    Notes
    -----
    Constructed for teaching, to show drift on the Better/Worse plane next
    to :func:`example_kano_survey`: fast Wi-Fi was attractive then and is
    one-dimensional now, the clean room was and is must-be.

    Examples
    --------
    >>> example_kano_earlier_counts().loc["fast_wifi"].tolist()
    [11, 5, 1, 3, 0, 0]
    """
    frame = pd.DataFrame(
        {"A": [1, 11, 5], "O": [6, 5, 1], "M": [12, 1, 0], "I": [1, 3, 14],
         "R": [0, 0, 0], "Q": [0, 0, 0]},
        index=pd.Index(["clean_room", "fast_wifi", "pillow_menu"], name="attribute"),
    )
    return frame
