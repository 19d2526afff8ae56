"""The four-stage lifecycle model and the relationship ladder, as data (both languages)."""

from __future__ import annotations

import pandas as pd

from crmlib.i18n import check_lang

__all__ = ["LADDER", "STAGES", "VARIANT_STAGE_NAMES", "ladder_table", "stage_table"]

#: The four stages in course order (Chen Mingliang's model).
STAGES: tuple[str, ...] = ("exploration", "formation", "stability", "decline")

#: The relationship ladder, from the first rung to the top.
LADDER: tuple[str, ...] = ("initial", "member", "core", "advocate")

# key: (English name, 中文, alternative 中文 name, trust, volume, investment, profit, what happens)
# Each characteristic is given as (English, 中文).
_STAGE_ROWS: dict[str, dict[str, tuple[str, str]]] = {
    "exploration": {
        "name": ("Exploration", "考察期"),
        "also_called": ("", ""),
        "trust": ("low: both sides test each other", "低：双方相互试探"),
        "volume": ("low, trial purchases", "低，尝试性购买"),
        "investment": ("high: acquisition and first service", "高：获取与初次服务投入"),
        "profit": ("negative: cost exceeds revenue", "为负：成本高于收入"),
        "summary": (
            "the customer tries the firm; high cost, low revenue",
            "客户试探性购买；成本高、收入低",
        ),
    },
    "formation": {
        "name": ("Formation (growth)", "形成期"),
        "also_called": ("growth", "发展期"),
        "trust": ("deepening", "逐步加深"),
        "volume": ("rising", "上升"),
        "investment": ("still substantial, falling", "仍较多，逐步下降"),
        "profit": ("turns positive: revenue exceeds cost", "转正：收入超过成本"),
        "summary": (
            "trust deepens, volume rises, revenue exceeds cost",
            "信任加深，交易量上升，收入超过成本",
        ),
    },
    "stability": {
        "name": ("Stability (maturity)", "稳定期"),
        "also_called": ("maturity", "成熟期"),
        "trust": ("high: loyalty", "高：忠诚"),
        "volume": ("peak: cross-buying, referrals, willing to pay more",
                   "最高：交叉购买、推荐他人、愿意支付更高价格"),
        "investment": ("low", "低"),
        "profit": ("highest", "最高"),
        "summary": (
            "the peak of the relationship; loyalty, cross-buying, referrals",
            "关系的顶峰；忠诚、交叉购买、推荐",
        ),
    },
    "decline": {
        "name": ("Decline", "退化期"),
        "also_called": ("", ""),
        "trust": ("falling", "下降"),
        "volume": ("falling", "下降"),
        "investment": ("low, or win-back spending", "低，或为挽回而投入"),
        "profit": ("falling", "下降"),
        "summary": (
            "volume falls; the relationship may end",
            "交易量下降；关系可能终止",
        ),
    },
}

_LADDER_ROWS: dict[str, tuple[str, str, str, str]] = {
    "initial": ("Initial customer", "初始客户", "has bought for the first time", "首次购买"),
    "member": ("Member customer", "会员客户", "buys again; a registered, repeat customer",
               "再次购买的回头客/会员"),
    "core": ("Core customer", "核心客户", "among the most valuable repeat customers",
             "最有价值的回头客之一"),
    "advocate": ("Advocate", "倡导者", "a core customer who recommends the firm to others",
                 "向他人推荐企业的核心客户"),
}

#: The five-stage variant naming of one course source, (English, 中文) in order:
#: a variant to mention, not the kit's model.
VARIANT_STAGE_NAMES: tuple[tuple[str, str], ...] = (
    ("Acquaintance", "初识期"),
    ("Reserve", "矜持期"),
    ("Steady", "平稳期"),
    ("Wavering", "思异期"),
    ("Solid", "稳固期"),
)


def stage_table(lang: str = "en") -> pd.DataFrame:
    """The four lifecycle stages and what characterises each (客户生命周期阶段).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the text.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``stage`` (``exploration``, ``formation``, ``stability``,
        ``decline``, in course order), with columns ``name``,
        ``also_called`` (the alternative name the course uses, if any),
        ``trust``, ``volume`` (transaction volume), ``investment`` (the
        firm's investment) and ``profit``, and ``summary``.

    Notes
    -----
    The ``profit`` column describes the sign and size of the profit per
    period, :math:`P_t = R_t - C_t` (revenue minus the firm's cost and
    investment), that :func:`lifecycle_profile` computes: :math:`P_t < 0` in
    exploration, turning positive in formation, highest in stability,
    falling in decline. One course source names five stages instead (see
    :data:`VARIANT_STAGE_NAMES`: 初识期, 矜持期, 平稳期, 思异期, 稳固期).

    References
    ----------
    Chen Mingliang's four-stage customer relationship lifecycle model
    (考察期、形成期、稳定期、退化期), as taught in the course material.

    Examples
    --------
    >>> stage_table("zh")["name"].tolist()
    ['考察期', '形成期', '稳定期', '退化期']
    >>> stage_table().loc["exploration", "profit"]
    'negative: cost exceeds revenue'
    """
    i = 1 if check_lang(lang) == "zh" else 0
    rows = {key: {col: pair[i] for col, pair in row.items()} for key, row in _STAGE_ROWS.items()}
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "stage"
    return frame


def ladder_table(lang: str = "en") -> pd.DataFrame:
    """The relationship ladder (客户关系阶梯): initial → member → core → advocate.

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the text.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``rung`` (``initial``, ``member``, ``core``,
        ``advocate``, bottom to top), with columns ``name`` and ``meaning``.

    Notes
    -----
    :func:`ladder_position` places customers on the rungs from their
    purchases: with :math:`n_i` purchase days and revenue :math:`R_i`,
    initial if :math:`n_i < 2`, member otherwise, core when :math:`R_i` is
    also among the top 20% of revenues, advocate when a core customer has
    also referred others (the thresholds are parameters).

    References
    ----------
    The relationship ladder of the course material (初始客户、会员客户、核心客户、倡导者).

    Examples
    --------
    >>> ladder_table("zh")["name"].tolist()
    ['初始客户', '会员客户', '核心客户', '倡导者']
    """
    zh = check_lang(lang) == "zh"
    frame = pd.DataFrame(
        {
            "name": [row[1] if zh else row[0] for row in _LADDER_ROWS.values()],
            "meaning": [row[3] if zh else row[2] for row in _LADDER_ROWS.values()],
        },
        index=pd.Index(list(_LADDER_ROWS), name="rung"),
    )
    return frame

