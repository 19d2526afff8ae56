"""Which relationship strategy fits: a transparent, additive scoring of the course's factors.

Course section 6: the choice among clasp, zipper and Velcro depends on the
industry (transaction frequency, asset specificity, contract type), the
firm's stage of development and the customers' characteristics. The kit
turns each factor into a signal between -1 and +1 and adds up signal ×
weight × coefficient for each type; every number is shown, so a student can
see which factor moved the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._messages import Message
from crmlib._validation import check_choice, check_finite, check_positive, check_probability
from crmlib.strategy._types import STRATEGY_KEYS, strategy_type

__all__ = [
    "DEFAULT_COEFFICIENTS",
    "FACTORS",
    "FACTOR_OPTIONS",
    "StrategyRecommendation",
    "factor_level",
    "recommend_strategy",
]

#: (key, English name, Chinese name) of each choice factor, in the order of the course.
FACTORS = (
    ("transaction_frequency", "transaction frequency", "交易频率"),
    ("asset_specificity", "asset specificity", "资产专用性"),
    ("contract_type", "contract type", "契约类型"),
    ("firm_stage", "firm's stage of development", "企业发展阶段"),
    ("customer_heterogeneity", "customer heterogeneity", "客户差异程度"),
)
_FACTOR_KEYS = tuple(f[0] for f in FACTORS)
_FACTOR_NAMES = {f[0]: (f[1], f[2]) for f in FACTORS}

#: Named options of each factor: option -> (level from 0 to 1, English, Chinese).
FACTOR_OPTIONS: dict[str, dict[str, tuple[float, str, str]]] = {
    "contract_type": {
        "spot": (0.0, "one-off spot deals", "一次性现货交易"),
        "repeat": (0.5, "repeat purchases without a contract", "无合同的重复购买"),
        "long_term": (1.0, "long-term contract", "长期合同"),
    },
    "firm_stage": {
        "startup": (0.0, "start-up", "初创期"),
        "growth": (0.5, "growth", "成长期"),
        "mature": (1.0, "mature", "成熟期"),
    },
}
_LEVEL_WORDS = {"low": 0.0, "medium": 0.5, "high": 1.0}
_LEVEL_ZH = {"low": "低", "medium": "中", "high": "高"}

#: Coefficient of each factor for each type: how strongly a high level of the
#: factor counts for (+) or against (-) the type.
DEFAULT_COEFFICIENTS: dict[str, dict[str, float]] = {
    "transaction_frequency": {"clasp": -1.0, "zipper": 1.0, "velcro": 0.5},
    "asset_specificity": {"clasp": -1.0, "zipper": 1.0, "velcro": 0.0},
    "contract_type": {"clasp": -1.0, "zipper": 1.0, "velcro": 0.0},
    "firm_stage": {"clasp": -1.0, "zipper": 0.5, "velcro": 1.0},
    "customer_heterogeneity": {"clasp": -1.0, "zipper": 0.0, "velcro": 1.0},
}

#: Why each factor points where it does (English, Chinese).
_RATIONALE = {
    "transaction_frequency": (
        "frequent transactions make gap-free, interlocking contact worthwhile; rare ones suit a "
        "few scattered contacts",
        "交易频繁时，无间隙、相互咬合的接触才值得；交易稀少时，少量分散的接触就够了",
    ),
    "asset_specificity": (
        "assets specific to one relationship (dedicated equipment, linked systems) tie both "
        "sides together and reward mutual adaptation",
        "专用于某一关系的资产（专用设备、对接的系统）把双方绑在一起，相互适应才有回报",
    ),
    "contract_type": (
        "a long-term contract gives mutual adaptation the time it needs; one-off deals do not",
        "长期合同为相互适应提供了所需的时间；一次性交易则没有",
    ),
    "firm_stage": (
        "fitting each customer's process takes resources and flexible processes that a mature "
        "firm is more likely to have; a young firm starts with standard processes",
        "适应每位客户的流程需要资源和灵活的流程，成熟企业更可能具备；年轻企业从标准流程起步",
    ),
    "customer_heterogeneity": (
        "customers whose processes differ widely are served best by a firm that fits each of "
        "them; similar customers can adapt to one standard process",
        "流程差别很大的客户最适合由能适应每一位客户的企业来服务；相似的客户可以适应同一套标准流程",
    ),
}


def factor_level(name: str, value: object) -> float:
    """Level of one choice factor, from 0 (low) to 1 (high).

    Parameters
    ----------
    name : str
        A factor key of :data:`FACTORS`.
    value : float or str
        For ``contract_type`` one of ``"spot"``, ``"repeat"``,
        ``"long_term"``; for ``firm_stage`` one of ``"startup"``,
        ``"growth"``, ``"mature"``; for the other factors a rating from 0
        (low) to 1 (high), or ``"low"``, ``"medium"``, ``"high"``
        (0, 0.5, 1).

    Returns
    -------
    float

    Notes
    -----
    The scoring of :func:`recommend_strategy` uses the signal
    :math:`s_f = 2x_f - 1` of the level :math:`x_f`: low -1, medium 0,
    high +1.

    References
    ----------
    Williamson, O. E. (1985). *The Economic Institutions of Capitalism*.
    Free Press (frequency and asset specificity as dimensions of a
    transaction).

    Examples
    --------
    >>> factor_level("contract_type", "long_term")
    1.0
    >>> factor_level("transaction_frequency", "medium")
    0.5
    >>> factor_level("asset_specificity", 0.3)
    0.3
    """
    name = check_choice("factor", name, _FACTOR_KEYS)
    if name in FACTOR_OPTIONS:
        options = FACTOR_OPTIONS[name]
        return options[check_choice(name, value, tuple(options))][0]
    if isinstance(value, str):
        return _LEVEL_WORDS[check_choice(name, value, tuple(_LEVEL_WORDS))]
    return check_probability(name, value, hint=Message("hint_rating"))


def _describe_level(name: str, level: float, lang: str) -> str:
    if name in FACTOR_OPTIONS:
        for lv, en, zh in FACTOR_OPTIONS[name].values():
            if lv == level:
                return zh if lang == "zh" else en
    word = "low" if level < 1 / 3 else ("high" if level > 2 / 3 else "medium")
    if lang == "zh":
        return f"{_LEVEL_ZH[word]}（{level:.2f}）"
    return f"{word} ({level:.2f})"


def _check_coefficients(coefficients: object) -> dict[str, dict[str, float]]:
    if not isinstance(coefficients, Mapping):
        raise TypeError(
            "coefficients must be a mapping factor -> {type: coefficient}; "
            f"got {type(coefficients).__name__}"
        )
    out: dict[str, dict[str, float]] = {}
    for factor in _FACTOR_KEYS:
        row = coefficients.get(factor, DEFAULT_COEFFICIENTS[factor])
        if not isinstance(row, Mapping):
            raise TypeError(
                f"coefficients[{factor!r}] must be a mapping type -> coefficient; "
                f"got {type(row).__name__}"
            )
        out[factor] = {}
        for key in STRATEGY_KEYS:
            value = row.get(key, DEFAULT_COEFFICIENTS[factor][key])
            out[factor][key] = check_finite(f"coefficients[{factor!r}][{key!r}]", value)
    unknown = sorted(set(coefficients) - set(_FACTOR_KEYS))
    if unknown:
        raise ValueError(
            f"coefficients has an unknown factor {unknown[0]!r}; the factors are "
            + ", ".join(repr(f) for f in _FACTOR_KEYS)
        )
    return out


def _check_weights(weights: object) -> dict[str, float]:
    if weights is None:
        return dict.fromkeys(_FACTOR_KEYS, 1.0)
    if not isinstance(weights, Mapping):
        raise TypeError(f"weights must be a mapping factor -> weight; got {type(weights).__name__}")
    for factor in weights:
        check_choice("a key of weights", factor, _FACTOR_KEYS)
    return {
        f: check_positive(f"weights[{f!r}]", weights.get(f, 1.0), allow_zero=True)
        for f in _FACTOR_KEYS
    }


@dataclass(frozen=True, eq=False)
class StrategyRecommendation:
    """The recommended relationship strategy, with every type's score and the reasons.

    Attributes
    ----------
    recommended : str
        Key of the type with the highest score (ties go to the earlier type
        in course order: clasp, zipper, Velcro; see ``tied``).
    scores : dict
        Total score of each type.
    lead : float
        Score of the recommended type minus the best other score (0 in a tie):
        how clear-cut the answer is.
    tied : tuple of str
        All types sharing the highest score (one entry when there is no tie).
    levels : dict
        Level of each factor from 0 to 1.
    contributions : pandas.DataFrame
        Rows = factors, columns ``level``, ``signal``, ``weight`` and one
        column per type with weight × coefficient × signal.
    reasons, reasons_zh : tuple of str
        The scoring in sentences, English and Chinese: the result first,
        then one sentence per factor that counts.
    inputs : dict
        The arguments, with the weights and coefficients used.
    formula : str
        LaTeX of the scoring rule.
    """

    recommended: str
    scores: Mapping[str, float]
    lead: float
    tied: tuple[str, ...]
    levels: Mapping[str, float] = field(repr=False)
    contributions: pd.DataFrame = field(repr=False)
    reasons: tuple[str, ...] = field(repr=False)
    reasons_zh: tuple[str, ...] = field(repr=False)
    inputs: Mapping[str, Any] = field(repr=False)
    formula: str = field(repr=False)

    @property
    def value(self) -> str:
        """The recommended type (same as ``recommended``)."""
        return self.recommended

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v:+.2f}" for k, v in self.scores.items())
        return f"StrategyRecommendation(recommended={self.recommended!r}, {shown})"

    def reasons_in(self, lang: str = "en") -> tuple[str, ...]:
        """The reasons in ``lang`` ("en" or "zh")."""
        return self.reasons_zh if check_choice("lang", lang, ("en", "zh")) == "zh" else self.reasons

    def to_frame(self) -> pd.DataFrame:
        """The contributions table with a last row ``total`` holding the scores."""
        frame = self.contributions.copy()
        frame.loc["total", list(STRATEGY_KEYS)] = [self.scores[k] for k in STRATEGY_KEYS]
        return frame


def _sentence(factor: str, level: float, row: Mapping[str, float], lang: str) -> str | None:
    plus = [k for k in STRATEGY_KEYS if row[k] > 0]
    minus = [k for k in STRATEGY_KEYS if row[k] < 0]
    if not plus and not minus:
        return None
    en_name, zh_name = _FACTOR_NAMES[factor]
    why_en, why_zh = _RATIONALE[factor]
    level_text = _describe_level(factor, level, lang)
    if lang == "zh":
        parts = []
        if plus:
            parts.append("有利于" + "、".join(f"{strategy_type(k).name_zh}（{row[k]:+.2f}）"
                                               for k in plus))
        if minus:
            parts.append("不利于" + "、".join(f"{strategy_type(k).name_zh}（{row[k]:+.2f}）"
                                               for k in minus))
        return f"{zh_name}为{level_text}：{'；'.join(parts)}。原因：{why_zh}。"
    parts = []
    if plus:
        parts.append("favours " + ", ".join(f"{strategy_type(k).name} ({row[k]:+.2f})"
                                            for k in plus))
    if minus:
        parts.append("counts against " + ", ".join(f"{strategy_type(k).name} ({row[k]:+.2f})"
                                                   for k in minus))
    text = f"{en_name[0].upper()}{en_name[1:]} is {level_text}: {'; '.join(parts)}"
    return f"{text}. Why: {why_en}."


def _headline(best: str, scores: Mapping[str, float], tied: tuple[str, ...], lang: str) -> str:
    others = sorted((k for k in STRATEGY_KEYS if k != best), key=lambda k: -scores[k])
    second = others[0]
    if lang == "zh":
        names = {k: strategy_type(k).name_zh for k in STRATEGY_KEYS}
        if len(tied) > 1:
            return (f"{'、'.join(names[k] for k in tied)}同分（{scores[best]:+.2f}）；按课程顺序取"
                    f"{names[best]}。改变某个因素即可区分它们。")
        return (f"推荐{names[best]}策略：得分 {scores[best]:+.2f}，领先{names[second]}"
                f"（{scores[second]:+.2f}）{scores[best] - scores[second]:.2f} 分。")
    names = {k: strategy_type(k).name for k in STRATEGY_KEYS}
    if len(tied) > 1:
        listed = ", ".join(names[k] for k in tied[:-1]) + f" and {names[tied[-1]]}"
        return (f"{listed} tie at {scores[best]:+.2f}; the tie goes "
                f"to {names[best]} by course order. Change a factor to separate them.")
    return (f"{names[best]} is recommended: score {scores[best]:+.2f}, ahead of "
            f"{names[second]} ({scores[second]:+.2f}) by {scores[best] - scores[second]:.2f}.")


def recommend_strategy(
    transaction_frequency: float | str,
    asset_specificity: float | str,
    contract_type: str,
    firm_stage: str,
    customer_heterogeneity: float | str,
    *,
    weights: Mapping[str, float] | None = None,
    coefficients: Mapping[str, Mapping[str, float]] | None = None,
) -> StrategyRecommendation:
    """Recommend a relationship strategy (clasp 扣钩, zipper 拉链, Velcro 维可牢) from its factors.

    Parameters
    ----------
    transaction_frequency : float or {"low", "medium", "high"}
        How often the customer transacts, rated from 0 (rarely, one-off) to
        1 (continuously).
    asset_specificity : float or {"low", "medium", "high"}
        How much of the assets in the relationship (equipment, systems,
        know-how) is specific to it and worth little elsewhere, 0 to 1.
    contract_type : {"spot", "repeat", "long_term"}
        One-off spot deals, repeat purchases without a contract, or a
        long-term contract (levels 0, 0.5, 1).
    firm_stage : {"startup", "growth", "mature"}
        The firm's stage of development (levels 0, 0.5, 1).
    customer_heterogeneity : float or {"low", "medium", "high"}
        How much the customers' own processes and needs differ, 0 to 1.
    weights : mapping, optional
        Weight of each factor (0 or greater; default 1 each; factors left out
        keep 1). A weight of 0 switches a factor off.
    coefficients : mapping, optional
        ``{factor: {type: coefficient}}`` replacing entries of
        :data:`DEFAULT_COEFFICIENTS` (entries left out keep their default).

    Returns
    -------
    StrategyRecommendation
        The recommended type, every type's score, the contributions table
        and the reasons in words (English and Chinese).

    Notes
    -----
    Each factor's level :math:`x_f \\in [0, 1]` becomes a signal
    :math:`s_f = 2x_f - 1` (low -1, medium 0, high +1). The score of type
    :math:`t` is

    .. math::

        S_t = \\sum_{f} w_f\\, c_{t,f}\\, s_f ,

    and the recommendation is :math:`\\arg\\max_t S_t` (a tie goes to the
    earlier type in course order). The default coefficients
    :math:`c_{t,f}` (rows: factors; a high level counts for + and against -)
    are the kit's reading of the course's choice factors:

    ========================  =====  ======  ======
    factor                    clasp  zipper  Velcro
    ========================  =====  ======  ======
    transaction frequency      -1     +1     +0.5
    asset specificity          -1     +1      0
    contract type              -1     +1      0
    firm's stage               -1    +0.5    +1
    customer heterogeneity     -1      0     +1
    ========================  =====  ======  ======

    Because the score is linear in every signal, raising one factor moves
    the scores in straight lines: if a type has the largest coefficient of a
    factor, raising that factor can only bring the recommendation to that
    type (never away from it); lowering any factor can only bring it to
    clasp.

    References
    ----------
    Storbacka, K., & Lehtinen, J. R. (2001). *Customer Relationship
    Management*. McGraw-Hill (the three strategies and what each requires).

    Williamson, O. E. (1985). *The Economic Institutions of Capitalism*.
    Free Press (frequency, asset specificity and the governance of
    transactions).

    Examples
    --------
    >>> rec = recommend_strategy("low", "low", "spot", "startup", "low")
    >>> rec.recommended, rec.scores["clasp"]  # every signal is -1: clasp = 5 x (-1)(-1)
    ('clasp', 5.0)
    >>> recommend_strategy(0.5, "low", "repeat", "mature", "high")
    StrategyRecommendation(recommended='velcro', clasp=-1.00, zipper=-0.50, velcro=+2.00)
    """
    given = {
        "transaction_frequency": transaction_frequency,
        "asset_specificity": asset_specificity,
        "contract_type": contract_type,
        "firm_stage": firm_stage,
        "customer_heterogeneity": customer_heterogeneity,
    }
    levels = {f: factor_level(f, v) for f, v in given.items()}
    w = _check_weights(weights)
    c = _check_coefficients({} if coefficients is None else coefficients)
    signals = {f: 2.0 * levels[f] - 1.0 for f in _FACTOR_KEYS}
    rows = {
        f: {t: w[f] * c[f][t] * signals[f] + 0.0 for t in STRATEGY_KEYS}  # + 0.0: no -0.0
        for f in _FACTOR_KEYS
    }
    table = pd.DataFrame(
        {
            "level": [levels[f] for f in _FACTOR_KEYS],
            "signal": [signals[f] for f in _FACTOR_KEYS],
            "weight": [w[f] for f in _FACTOR_KEYS],
            **{t: [rows[f][t] for f in _FACTOR_KEYS] for t in STRATEGY_KEYS},
        },
        index=pd.Index(_FACTOR_KEYS, name="factor"),
    )
    scores = {t: float(table[t].sum()) for t in STRATEGY_KEYS}
    top = max(scores.values())
    tied = tuple(t for t in STRATEGY_KEYS if np.isclose(scores[t], top, rtol=0, atol=1e-12))
    best = tied[0]
    lead = top - max(v for k, v in scores.items() if k != best) if len(tied) == 1 else 0.0
    reasons = {}
    for lang in ("en", "zh"):
        sentences = [_headline(best, scores, tied, lang)]
        for f in _FACTOR_KEYS:
            text = _sentence(f, levels[f], rows[f], lang)
            if text is not None:
                sentences.append(text)
        reasons[lang] = tuple(sentences)
    return StrategyRecommendation(
        recommended=best,
        scores=scores,
        lead=float(lead),
        tied=tied,
        levels=levels,
        contributions=table,
        reasons=reasons["en"],
        reasons_zh=reasons["zh"],
        inputs={**given, "weights": w, "coefficients": c},
        formula=r"S_t=\sum_f w_f\,c_{t,f}\,(2x_f-1)",
    )
