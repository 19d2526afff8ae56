"""Kano model 卡诺模型: classify answers, Better/Worse coefficients, whole surveys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._messages import Message, fail
from crmlib._validation import (
    check_array,
    check_choice,
    check_columns,
    check_positive,
    check_range,
)

__all__ = [
    "KANO_ANSWERS",
    "KANO_CATEGORIES",
    "KanoCoefficients",
    "KanoSurvey",
    "kano_category",
    "kano_coefficients",
    "kano_curve",
    "kano_from_counts",
    "kano_quadrant",
    "kano_survey",
]

#: The five answers of a Kano question, in the order of Berger et al.'s table, with the
#: Chinese labels a Chinese questionnaire uses.
KANO_ANSWERS = (
    ("like", "喜欢"),
    ("must-be", "理所当然"),
    ("neutral", "无所谓"),
    ("live-with", "能忍受"),
    ("dislike", "不喜欢"),
)

#: Berger et al. (1993) evaluation table: rows are the functional answer, columns the
#: dysfunctional answer, both in the order of ``KANO_ANSWERS``.
_TABLE = (
    ("Q", "A", "A", "A", "O"),  # like
    ("R", "I", "I", "I", "M"),  # must-be
    ("R", "I", "I", "I", "M"),  # neutral
    ("R", "I", "I", "I", "M"),  # live-with
    ("R", "R", "R", "R", "Q"),  # dislike
)

#: code → (English name, Chinese course term, strategy, strategy in Chinese).
KANO_CATEGORIES: dict[str, tuple[str, str, str, str]] = {
    "M": ("must-be", "当然质量",
          "secure it fully: missing it causes strong dissatisfaction, doing more earns no credit",
          "必须完全保证：缺失会引起强烈不满，做得再多也不加分"),
    "O": ("one-dimensional", "一元质量",
          "match or beat rivals: satisfaction rises with every step of performance",
          "至少与竞争对手持平或超越：表现越好越满意"),
    "A": ("attractive", "魅力质量",
          "win with it: it delights and differentiates, and its absence is not held against you",
          "以此取胜：带来惊喜与差异化，缺少也不会引起不满"),
    "I": ("indifferent", "无差异质量",
          "do not invest: customers do not care either way",
          "不必投入：顾客不在乎有没有"),
    "R": ("reverse", "反向质量",
          "leave it out, or make it optional: these customers prefer not to have it",
          "去掉或设为可选：这些顾客宁愿没有"),
    "Q": ("questionable", "可疑结果",
          "check the question: contradictory answers (e.g. 'like' having it and not having it)",
          "检查问题：回答自相矛盾（如有也喜欢、没有也喜欢）"),
}

#: Order used to break ties between equally frequent categories (M > O > A > I, then R and Q).
TIE_ORDER = ("M", "O", "A", "I", "R", "Q")
_CODES = ("A", "O", "M", "I", "R", "Q")

_LOOKUP: dict[str, int] = {}
for _i, (_en, _zh) in enumerate(KANO_ANSWERS):
    _LOOKUP[_en] = _i
    _LOOKUP[_zh] = _i


def _answer_index(name: str, value: object) -> int:
    key = value.strip().lower() if isinstance(value, str) else None
    if key is None or key not in _LOOKUP:
        en = ", ".join(repr(a) for a, _ in KANO_ANSWERS)
        zh = ", ".join(z for _, z in KANO_ANSWERS)
        raise ValueError(f"{name} must be one of {en} (or {zh}); got {value!r}")
    return _LOOKUP[key]


def kano_category(functional: str, dysfunctional: str) -> str:
    """Kano category of one respondent's answer pair (Berger et al. 1993 evaluation table).

    Parameters
    ----------
    functional : str
        Answer to "How do you feel if the product has this attribute?":
        ``"like"``, ``"must-be"``, ``"neutral"``, ``"live-with"`` or
        ``"dislike"`` (喜欢, 理所当然, 无所谓, 能忍受, 不喜欢 accepted; case and
        surrounding spaces are ignored).
    dysfunctional : str
        Answer to "How do you feel if it does not have it?", same answers.

    Returns
    -------
    str
        ``"A"`` attractive 魅力质量, ``"O"`` one-dimensional 一元质量,
        ``"M"`` must-be 当然质量, ``"I"`` indifferent 无差异质量,
        ``"R"`` reverse 反向质量 or ``"Q"`` questionable 可疑结果.

    Notes
    -----
    Rows are the functional answer, columns the dysfunctional answer:

    ============  ====  =======  =======  =========  =======
    functional    like  must-be  neutral  live-with  dislike
    ============  ====  =======  =======  =========  =======
    like          Q     A        A        A          O
    must-be       R     I        I        I          M
    neutral       R     I        I        I          M
    live-with     R     I        I        I          M
    dislike       R     R        R        R          Q
    ============  ====  =======  =======  =========  =======

    .. math::

        \\text{category} = T[\\text{functional}, \\text{dysfunctional}]

    References
    ----------
    Berger, C., Blauth, R., Boger, D., et al. (1993). Kano's methods for
    understanding customer-defined quality. *Center for Quality of Management
    Journal*, 2(4), 3-35 (the evaluation table).

    Kano, N., Seraku, N., Takahashi, F., & Tsuji, S. (1984). Attractive
    quality and must-be quality. *Hinshitsu (Quality)*, 14(2), 39-48.

    Examples
    --------
    >>> kano_category("like", "dislike")
    'O'
    >>> kano_category("喜欢", "无所谓")
    'A'
    """
    return _TABLE[_answer_index("functional", functional)][
        _answer_index("dysfunctional", dysfunctional)]


@dataclass(frozen=True, eq=False)
class KanoCoefficients:
    """Better and Worse coefficients of one attribute.

    Attributes
    ----------
    better : float
        Satisfaction coefficient, (A + O) / (A + O + M + I), between 0 and 1.
    worse : float
        Dissatisfaction coefficient, −(O + M) / (A + O + M + I), between −1 and 0.
    quadrant : str
        Category read from the Better/Worse plane (see :func:`kano_quadrant`).
    inputs : dict
        The counts A, O, M, I.
    """

    better: float
    worse: float
    quadrant: str
    inputs: Mapping[str, float] = field(repr=False)

    def __repr__(self) -> str:
        return (f"KanoCoefficients(better={self.better:.3f}, worse={self.worse:.3f}, "
                f"quadrant={self.quadrant!r})")


def kano_coefficients(A: float, O: float, M: float, I: float) -> KanoCoefficients:  # noqa: E741
    """Better and Worse coefficients (customer satisfaction coefficients) of one attribute.

    Parameters
    ----------
    A, O, M, I : float
        Number (or share) of answers classified attractive, one-dimensional,
        must-be and indifferent; each 0 or greater, their sum greater than 0.
        Reverse and questionable answers are left out.

    Returns
    -------
    KanoCoefficients
        ``better``, ``worse`` and the ``quadrant`` of the Better/Worse plane.

    Notes
    -----
    .. math::

        \\text{Better} = \\frac{A + O}{A + O + M + I}, \\qquad
        \\text{Worse} = -\\frac{O + M}{A + O + M + I}.

    Better says how much satisfaction rises when the attribute is provided;
    Worse (negative by convention) how much dissatisfaction follows when it
    is missing.

    References
    ----------
    Berger, C., et al. (1993). Kano's methods for understanding
    customer-defined quality. *Center for Quality of Management Journal*,
    2(4), 3-35 (the customer satisfaction coefficient, after Timko).

    Examples
    --------
    >>> kano_coefficients(A=10, O=5, M=3, I=2)
    KanoCoefficients(better=0.750, worse=-0.400, quadrant='A')
    """
    counts = {"A": A, "O": O, "M": M, "I": I}
    clean = {k: check_positive(k, v, allow_zero=True) for k, v in counts.items()}
    total = sum(clean.values())
    if total <= 0:
        raise ValueError("A + O + M + I must be greater than 0 (Better and Worse divide by it); "
                         f"got A={A!r}, O={O!r}, M={M!r}, I={I!r}")
    better = (clean["A"] + clean["O"]) / total
    worse = -(clean["O"] + clean["M"]) / total
    return KanoCoefficients(better=better, worse=worse, quadrant=kano_quadrant(better, worse),
                            inputs=clean)


def kano_quadrant(better: float, worse: float, split: float = 0.5) -> str:
    """Category suggested by the quadrant of the Better/Worse plane.

    Parameters
    ----------
    better : float
        Better coefficient, between 0 and 1.
    worse : float
        Worse coefficient, between −1 and 0 (its size ``|worse|`` is used).
    split : float, default 0.5
        Where the plane is cut on both axes, between 0 and 1 (excluded).
        A value on the line counts as high.

    Returns
    -------
    str
        ``"A"`` (Better high, |Worse| low), ``"O"`` (both high), ``"M"``
        (Better low, |Worse| high) or ``"I"`` (both low).

    Notes
    -----
    .. math::

        (\\text{Better} \\ge s, |\\text{Worse}| \\ge s) \\Rightarrow O, \\quad
        (\\ge s, < s) \\Rightarrow A, \\quad
        (< s, \\ge s) \\Rightarrow M, \\quad
        (< s, < s) \\Rightarrow I.

    References
    ----------
    Berger, C., et al. (1993), *Center for Quality of Management Journal*,
    2(4): the two-dimensional plot of the satisfaction coefficients
    (DuMouchel's quadrants).

    Examples
    --------
    >>> kano_quadrant(0.75, -0.40)
    'A'
    >>> kano_quadrant(0.2, -0.8)
    'M'
    """
    b = check_range("better", better, 0.0, 1.0)
    w = check_range("worse", worse, -1.0, 0.0, hint=Message("hint_worse_negative"))
    s = check_range("split", split, 0.0, 1.0, low_inclusive=False, high_inclusive=False)
    high_b, high_w = b >= s, abs(w) >= s
    return {(True, True): "O", (True, False): "A", (False, True): "M",
            (False, False): "I"}[(high_b, high_w)]


@dataclass(frozen=True, eq=False)
class KanoSurvey:
    """Kano results per attribute: counts, category, Better, Worse and a strategy.

    Attributes
    ----------
    table : pandas.DataFrame
        Indexed by attribute: counts ``A``, ``O``, ``M``, ``I``, ``R``, ``Q``,
        ``missing`` (answer pairs with a blank), ``answered`` (complete answer
        pairs, A + O + M + I + R + Q), ``category`` (the most frequent; ties
        broken M > O > A > I > R > Q), ``tied`` (the categories that tied for
        the top, "" when none did), ``better``, ``worse``, ``quadrant`` (of
        the Better/Worse plane, split 0.5) and ``strategy``.
    classified : pandas.DataFrame or None
        The category of each respondent's answer pair (one column per
        attribute; missing where an answer was blank); None for counts input.
    notes, notes_zh : tuple of str
        What needs a look: questionable answers, blank answers, ties, and
        attributes without any A, O, M or I answer.
    """

    table: pd.DataFrame = field(repr=False)
    classified: pd.DataFrame | None = field(repr=False)
    notes: tuple[str, ...] = field(repr=False)
    notes_zh: tuple[str, ...] = field(repr=False)

    def __repr__(self) -> str:
        cats = ", ".join(f"{a}={c}" for a, c in self.categories.items())
        return f"KanoSurvey({cats})"

    @property
    def categories(self) -> dict[str, str]:
        """Category of each attribute."""
        return {str(k): str(v) for k, v in self.table["category"].items()}

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-attribute table."""
        return self.table.copy()


def kano_from_counts(counts: pd.DataFrame | Mapping[str, Mapping[str, float]]) -> KanoSurvey:
    """Kano results from answer counts per attribute (category, Better, Worse, strategy).

    Parameters
    ----------
    counts : pandas.DataFrame or mapping
        One row per attribute (the index names it) with columns ``A``, ``O``,
        ``M``, ``I`` and optionally ``R``, ``Q`` (and ``missing``); or a
        mapping ``{attribute: {"A": ..., ...}}`` (a category left out of a
        mapping counts as 0). Counts (or shares) are 0 or greater; each
        attribute needs at least one answer.

    Returns
    -------
    KanoSurvey
        The per-attribute ``table`` and ``notes``.

    Notes
    -----
    The category is the most frequent of A, O, M, I, R, Q; when two or more
    tie, the order M > O > A > I decides (the evaluation rule of Matzler &
    Hinterhuber 1998: when in doubt, take the class with the larger effect
    on the product — a must-be missed costs more than an attractive one
    gained), followed by R and Q, and the tie is reported. Better
    and Worse use A, O, M and I only:

    .. math::

        \\text{Better} = \\frac{A + O}{A + O + M + I}, \\qquad
        \\text{Worse} = -\\frac{O + M}{A + O + M + I}.

    References
    ----------
    Berger, C., et al. (1993). Kano's methods for understanding
    customer-defined quality. *Center for Quality of Management Journal*,
    2(4), 3-35.

    Matzler, K., & Hinterhuber, H. H. (1998). How to make product
    development projects more successful by integrating Kano's model of
    customer satisfaction into quality function deployment. *Technovation*,
    18(1), 25-38 (the evaluation rule M > O > A > I).

    Examples
    --------
    >>> res = kano_from_counts({"wifi": {"A": 4, "O": 9, "M": 5, "I": 2}})
    >>> res.categories
    {'wifi': 'O'}
    >>> float(res.table.loc["wifi", "better"])
    0.65
    """
    if isinstance(counts, Mapping):
        bad = next((k for k, v in counts.items() if not isinstance(v, Mapping)), None)
        if bad is not None:
            raise TypeError(f"counts[{bad!r}] must be a mapping of categories to counts, "
                            f"e.g. {{'A': 4, 'O': 9, 'M': 5, 'I': 2}}; got {counts[bad]!r}")
        keys = list(dict.fromkeys(k for v in counts.values() for k in v))
        # in a mapping, a category an attribute leaves out counts as 0
        counts = pd.DataFrame([{k: v.get(k, 0) for k in keys} for v in counts.values()],
                              index=list(counts), columns=keys)
    if not isinstance(counts, pd.DataFrame):
        raise TypeError(
            f"counts must be a pandas DataFrame or a mapping; got {type(counts).__name__}")
    if counts.empty:
        raise ValueError("counts must hold at least one attribute; got an empty table")
    allowed = {*_CODES, "missing"}
    unknown = [c for c in counts.columns if c not in allowed]
    if unknown:
        raise ValueError(f"counts has an unknown column {unknown[0]!r}; the columns are "
                         "'A', 'O', 'M', 'I' and optionally 'R', 'Q', 'missing'")
    missing_cols = [c for c in ("A", "O", "M", "I") if c not in counts.columns]
    if missing_cols:
        have = ", ".join(repr(str(c)) for c in counts.columns)
        raise ValueError(
            f"counts is missing the required column {missing_cols[0]!r}; it has {have}")
    table = pd.DataFrame(index=pd.Index([str(i) for i in counts.index], name="attribute"))
    for code in (*_CODES, "missing"):
        if code in counts.columns:
            table[code] = check_array(f"counts[{code!r}]", counts[code].to_numpy(), minimum=0.0)
        else:
            table[code] = 0.0
    if (table[list(_CODES)].sum(axis=1) <= 0).any():
        empty = table.index[table[list(_CODES)].sum(axis=1) <= 0][0]
        raise fail(ValueError, "kano_no_answers", row=repr(empty))
    return _finish(table, classified=None)


def _finish(table: pd.DataFrame, classified: pd.DataFrame | None) -> KanoSurvey:
    if all(float(v).is_integer() for v in table[[*_CODES, "missing"]].to_numpy().ravel()):
        table[[*_CODES, "missing"]] = table[[*_CODES, "missing"]].astype(int)
    table["answered"] = table[list(_CODES)].sum(axis=1)
    notes: list[str] = []
    notes_zh: list[str] = []
    categories, tied, better, worse, quadrant = [], [], [], [], []
    for attr, row in table.iterrows():
        top = max(row[c] for c in _CODES)
        winners = [c for c in TIE_ORDER if row[c] == top]
        categories.append(winners[0])
        tied.append("=".join(winners) if len(winners) > 1 else "")
        if len(winners) > 1:
            notes.append(f"{attr}: {' = '.join(winners)} tie ({top:g} answer pairs each); "
                         f"{winners[0]} is reported (tie rule M > O > A > I > R > Q)")
            notes_zh.append(f"{attr}：{'、'.join(winners)} 各 {top:g} 个回答并列；"
                            f"按 M > O > A > I > R > Q 取 {winners[0]}")
        base = row["A"] + row["O"] + row["M"] + row["I"]
        if base > 0:
            coef = kano_coefficients(row["A"], row["O"], row["M"], row["I"])
            better.append(coef.better)
            worse.append(coef.worse)
            quadrant.append(coef.quadrant)
        else:
            better.append(np.nan)
            worse.append(np.nan)
            quadrant.append("")
            notes.append(f"{attr}: no A, O, M or I answer, so Better and Worse are undefined")
            notes_zh.append(f"{attr}：没有 A、O、M、I 类回答，无法计算 Better 与 Worse")
        n = row[list(_CODES)].sum()
        if row["Q"] > 0:
            notes.append(f"{attr}: {row['Q']:g} of {n:g} answer pairs are questionable "
                         f"({row['Q'] / n:.0%}); they are counted in Q and left out of Better "
                         "and Worse — check the question's wording")
            notes_zh.append(f"{attr}：{n:g} 组回答中有 {row['Q']:g} 组可疑（{row['Q'] / n:.0%}），"
                            "计入 Q，不参与 Better 与 Worse 的计算——请检查问题措辞")
        if row["missing"] > 0:
            notes.append(f"{attr}: {row['missing']:g} respondents left an answer blank; "
                         "their pair is counted as missing, not classified")
            notes_zh.append(f"{attr}：{row['missing']:g} 位受访者有空白回答，计为缺失，不作分类")
    table["category"] = categories
    table["tied"] = tied
    table["better"] = better
    table["worse"] = worse
    table["quadrant"] = quadrant
    table["strategy"] = [KANO_CATEGORIES[c][2] for c in categories]
    return KanoSurvey(table=table, classified=classified, notes=tuple(notes),
                      notes_zh=tuple(notes_zh))


def _attribute_columns(
    responses: pd.DataFrame,
    attributes: Sequence[str] | Mapping[str, tuple[str, str]] | None,
    suffixes: tuple[str, str],
) -> dict[str, tuple[str, str]]:
    f_suffix, d_suffix = suffixes
    if attributes is None:
        cols = [str(c) for c in responses.columns]
        functional = [c for c in cols if c.endswith(f_suffix) and len(c) > len(f_suffix)]
        if not functional:
            raise ValueError(
                f"responses has no column ending in {f_suffix!r}; name the columns "
                f"'<attribute>{f_suffix}' and '<attribute>{d_suffix}', pass suffixes=, "
                f"or pass attributes={{name: (functional_column, dysfunctional_column)}}; "
                f"it has {', '.join(repr(c) for c in cols[:6])}"
            )
        attributes = [c[: -len(f_suffix)] for c in functional]
    if isinstance(attributes, Mapping):
        pairs = {str(k): tuple(v) for k, v in attributes.items()}
    else:
        pairs = {str(a): (f"{a}{f_suffix}", f"{a}{d_suffix}") for a in attributes}
    for attr, pair in pairs.items():
        if len(pair) != 2:
            raise ValueError(f"attributes[{attr!r}] must be a pair (functional_column, "
                             f"dysfunctional_column); got {pair!r}")
    needed = [c for pair in pairs.values() for c in pair]
    check_columns("responses", responses, needed)
    return pairs  # type: ignore[return-value]


def kano_survey(
    responses: pd.DataFrame,
    attributes: Sequence[str] | Mapping[str, tuple[str, str]] | None = None,
    *,
    suffixes: tuple[str, str] = ("_functional", "_dysfunctional"),
) -> KanoSurvey:
    """Classify a Kano survey table: counts, category, Better and Worse per attribute.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per respondent, a functional and a dysfunctional column per
        attribute, as a survey tool exports it. Answers are ``"like"``,
        ``"must-be"``, ``"neutral"``, ``"live-with"``, ``"dislike"`` or the
        Chinese labels 喜欢, 理所当然, 无所谓, 能忍受, 不喜欢; a blank (NaN or
        empty text) is counted as missing.
    attributes : sequence of str or mapping, optional
        Attribute names (columns ``name + suffixes[0]`` and
        ``name + suffixes[1]``), or ``{name: (functional_column,
        dysfunctional_column)}``. By default every column ending in
        ``suffixes[0]`` names an attribute.
    suffixes : (str, str), default ("_functional", "_dysfunctional")
        Column-name endings of the two questions, e.g. ``("_F", "_D")`` or
        ``("_正向", "_反向")``.

    Returns
    -------
    KanoSurvey
        ``table`` (per attribute), ``classified`` (per respondent) and
        ``notes`` reporting questionable and blank answers and ties.

    Notes
    -----
    Each answer pair is classified by :func:`kano_category`; the counts of
    A, O, M, I, R and Q give the category (the most frequent; ties broken
    M > O > A > I > R > Q and reported) and

    .. math::

        \\text{Better} = \\frac{A + O}{A + O + M + I}, \\qquad
        \\text{Worse} = -\\frac{O + M}{A + O + M + I}.

    Questionable answers are counted in ``Q`` and named in ``notes``, never
    dropped silently; they take no part in Better and Worse.

    References
    ----------
    Berger, C., et al. (1993). Kano's methods for understanding
    customer-defined quality. *Center for Quality of Management Journal*,
    2(4), 3-35.

    Examples
    --------
    >>> survey = pd.DataFrame({
    ...     "wifi_functional": ["like", "like", "neutral", "喜欢"],
    ...     "wifi_dysfunctional": ["dislike", "neutral", "dislike", "不喜欢"],
    ... })
    >>> res = kano_survey(survey)
    >>> res.table.loc["wifi", ["A", "O", "M", "I"]].astype(int).tolist()
    [1, 2, 1, 0]
    >>> res.categories
    {'wifi': 'O'}
    """
    if not isinstance(responses, pd.DataFrame):
        raise TypeError(f"responses must be a pandas DataFrame; got {type(responses).__name__}")
    if isinstance(suffixes, str) or len(suffixes) != 2:
        raise ValueError(f"suffixes must be a pair of column endings; got {suffixes!r}")
    if responses.empty:
        raise ValueError("responses must hold at least one respondent; got an empty table")
    pairs = _attribute_columns(responses, attributes, tuple(suffixes))  # type: ignore[arg-type]
    counts = pd.DataFrame(0, index=pd.Index(list(pairs), name="attribute"),
                          columns=[*_CODES, "missing"])
    classified = pd.DataFrame(index=responses.index, columns=list(pairs), dtype=object)
    for attr, (f_col, d_col) in pairs.items():
        for row, f_ans, d_ans in zip(responses.index, responses[f_col], responses[d_col],
                                     strict=True):
            if _blank(f_ans) or _blank(d_ans):
                counts.loc[attr, "missing"] += 1
                classified.loc[row, attr] = np.nan
                continue
            try:
                code = kano_category(f_ans, d_ans)
            except ValueError:
                bad_col, bad = (f_col, f_ans) if _not_answer(f_ans) else (d_col, d_ans)
                en = ", ".join(repr(a) for a, _ in KANO_ANSWERS)
                raise ValueError(
                    f"responses column {bad_col!r}, row {row!r}: answers must be one of {en} "
                    f"(or {', '.join(z for _, z in KANO_ANSWERS)}); got {bad!r}"
                ) from None
            counts.loc[attr, code] += 1
            classified.loc[row, attr] = code
    return _finish(counts, classified=classified)


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _not_answer(value: object) -> bool:
    try:
        _answer_index("answer", value)
    except ValueError:
        return True
    return False


def kano_curve(category: str, fulfilment: object) -> np.ndarray:
    """Stylised satisfaction curve of a Kano category (the shapes of Kano's diagram).

    Parameters
    ----------
    category : {"A", "O", "M", "I", "R"}
        Attractive, one-dimensional, must-be, indifferent or reverse.
    fulfilment : float or array of float
        How fully the attribute is provided, from −1 (absent) to 1 (fully
        provided).

    Returns
    -------
    numpy.ndarray
        Satisfaction between −1 (very dissatisfied) and 1 (very satisfied).

    Notes
    -----
    The shapes are illustrative, not estimated from data (Kano et al. drew
    them by hand). With :math:`f` the fulfilment and :math:`p = 1.5`:

    .. math::

        s_A(f) = \\left(\\frac{1 + f}{2}\\right)^{p}, \\quad
        s_O(f) = f, \\quad
        s_M(f) = -s_A(-f), \\quad
        s_I(f) = 0, \\quad
        s_R(f) = -f.

    An attractive attribute never dissatisfies and, provided, satisfies more
    than a one-dimensional one (:math:`s_A(f) \\ge s_O(f)`); a must-be one
    never satisfies beyond neutral and, missing, dissatisfies more
    (:math:`s_M(f) \\le s_O(f)`).

    References
    ----------
    Kano, N., Seraku, N., Takahashi, F., & Tsuji, S. (1984). Attractive
    quality and must-be quality. *Hinshitsu (Quality)*, 14(2), 39-48.

    Examples
    --------
    >>> kano_curve("A", [-1, 1]).tolist()
    [0.0, 1.0]
    >>> kano_curve("M", [-1, 1]).tolist()
    [-1.0, 0.0]
    """
    check_choice("category", category, ["A", "O", "M", "I", "R"])
    f = check_array("fulfilment", fulfilment)
    if ((f < -1) | (f > 1)).any():
        bad = float(f[(f < -1) | (f > 1)][0])
        raise ValueError(f"fulfilment must be between -1 and 1; got {bad:g}")
    p = 1.5

    def attractive(x: np.ndarray) -> np.ndarray:
        return ((1.0 + x) / 2.0) ** p

    shapes: dict[str, Any] = {
        "A": attractive,
        "O": lambda x: x.copy(),
        "M": lambda x: -attractive(-x),
        "I": np.zeros_like,
        "R": lambda x: -x,
    }
    out = shapes[category](f)
    return out + 0.0  # no negative zeros

