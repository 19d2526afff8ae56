"""Exercise 07, loyalty measurement 客户忠诚度测评: numbers, questions and diagnoses.

This module holds what a student may see: the numbers of each variant (a
student number picks one), the questions with their titles and hints, and
the diagnosis of each common mistake. It holds no answer and no code that
computes one: the instructor's answer key lives in
``exercises/07_loyalty_measurement/answer_key.py``, and the self-checks
compare digests (see :mod:`crmlib.exercises._core`). The judgement matrices
come from fixed lists below; which of their judgements is the least
consistent is left to the answer key.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from crmlib.exercises._core import ChoiceQuestion, Exercise, NumericQuestion

__all__ = ["EXERCISE", "ITEM_NAMES", "OPTIONS", "parameters"]

#: English and Chinese names of the items compared in the judgement matrices.
ITEM_NAMES: dict[str, tuple[str, str]] = {
    "price": ("price", "价格"),
    "quality": ("quality", "质量"),
    "service": ("service", "服务"),
    "delivery": ("delivery", "交付"),
    "customer_nature": ("customer nature", "客户性质"),
    "production_equipment": ("production equipment", "生产设备"),
    "customer_behaviour": ("customer behaviour", "客户行为"),
}

_CRITERIA = ("price", "quality", "service")
_FACTORS = ("customer_nature", "production_equipment", "customer_behaviour")
_FOUR = ("price", "quality", "service", "delivery")

#: q6's options: one per judgement a_ij (i < j) of the 4 x 4 matrix, by its position.
OPTIONS = ("o12", "o13", "o14", "o23", "o24", "o34")

# Judgements above the diagonal of 3 x 3 matrices, (a_12, a_13, a_23) on Saaty's scale.
_Q2_MATRICES = (
    (1 / 3, 2, 5), (3, 2, 1 / 2), (1 / 2, 3, 7), (3, 4, 2), (2, 3, 3), (1 / 5, 1 / 2, 5),
    (1 / 3, 4, 5), (7, 4, 1 / 3), (2, 1 / 4, 1 / 3), (5, 1 / 2, 1 / 4), (1 / 5, 1 / 4, 3),
    (4, 7, 3),
)
_Q3_MATRICES = (
    (5, 3, 1 / 4), (1 / 2, 5, 2), (2, 1 / 5, 1 / 3), (5, 7, 6), (1 / 3, 1 / 2, 5),
    (7, 5, 1 / 3), (1 / 3, 1 / 3, 3), (1 / 4, 1 / 5, 2), (4, 1 / 4, 1 / 4), (6, 5, 4),
    (1 / 4, 2, 4), (1 / 3, 2, 2),
)
_Q3_TABLES = ("saaty1980", "chinese_texts", "donegan_dodd")
# 4 x 4 matrices, (a_12, a_13, a_14, a_23, a_24, a_34): each has CR >= 0.1.
_Q6_MATRICES = (
    (2, 9, 3, 5, 2, 3), (3, 1 / 2, 1 / 2, 1 / 7, 5, 2), (2, 9, 1 / 3, 7, 2, 1 / 3),
    (5, 1 / 7, 1 / 2, 1 / 2, 3, 3), (2, 1 / 2, 1 / 3, 1 / 3, 2, 7), (3, 7, 1 / 2, 2, 4, 1 / 9),
    (4, 9, 2, 2, 1 / 2, 4), (1 / 2, 1 / 2, 2, 2, 1 / 3, 3), (3, 1 / 4, 2, 1 / 2, 5, 9),
)
_FACTOR_WEIGHTS = (
    (0.25, 0.15, 0.60), (0.30, 0.20, 0.50), (0.40, 0.25, 0.35), (0.20, 0.35, 0.45),
    (0.35, 0.15, 0.50), (0.50, 0.20, 0.30), (0.15, 0.30, 0.55),
)
_CDNOW_ENDS = ("1997-09-30", "1997-12-31", "1998-03-31", "1998-06-30")
_CUSTOMERS = ("K1", "K2", "K3", "K4", "K5")

#: Variant 0: the numbers of the course version of the exercise, worked by hand in the tests.
_COURSE: dict[str, dict[str, Any]] = {
    "q1": {"indicators": ("purchase_volume", "orders", "relationship_years"),
           "given": (240.0, 9.0, 4.0), "total": (400.0, 12.0, 5.0),
           "importance": (5.0, 3.0, 1.0)},
    "q2": {"items": _CRITERIA, "judgements": _Q2_MATRICES[0], "target": "quality"},
    "q3": {"items": _FACTORS, "judgements": _Q3_MATRICES[0], "random_index": "saaty1980"},
    "q4": {"factors": _FACTORS, "factor_weights": _FACTOR_WEIGHTS[0],
           "factor_values": {"K1": (70.0, 80.0, 60.0), "K2": (85.0, 60.0, 75.0),
                             "K3": (60.0, 95.0, 80.0), "K4": (90.0, 70.0, 90.0),
                             "K5": (55.0, 65.0, 50.0)},
           "customer": "K3", "objective": 0.63, "objective_weight": 0.6},
    "q5": {"sample": "cdnow", "freq": "M", "observation_end": "1997-12-31", "churn_after": 3.0},
    "q6": {"items": _FOUR, "judgements": _Q6_MATRICES[0],
           "options": dict(zip("ABCDEF", OPTIONS, strict=True))},
}


def _permuted(judgements: tuple[float, ...], order: np.ndarray) -> tuple[float, ...]:
    """The upper triangle of the matrix whose item k is item ``order[k]`` of the original."""
    n = int(round((1 + (1 + 8 * len(judgements)) ** 0.5) / 2))
    full = np.ones((n, n))
    iu = np.triu_indices(n, 1)
    full[iu] = judgements
    full[(iu[1], iu[0])] = 1 / np.asarray(judgements, dtype=float)
    return tuple(float(x) for x in full[np.ix_(order, order)][iu])


def _draw(variant: int) -> dict[str, dict[str, Any]]:
    rng = np.random.default_rng([2026, 7, variant])

    def pick(values):
        return values[int(rng.integers(len(values)))]

    total = (float(pick(range(300, 850, 50))), float(pick(range(10, 31))),
             float(pick(range(4, 11))))
    given = (round(total[0] * pick((0.3, 0.4, 0.45, 0.6, 0.7, 0.8))),
             round(total[1] * pick((0.4, 0.5, 0.6, 0.75, 0.9))),
             pick(range(1, int(total[2]))))
    importance = tuple(float(x) for x in rng.choice(np.arange(1, 8), size=3, replace=False))
    scores = {c: tuple(float(x) for x in 5 * rng.integers(6, 21, size=3)) for c in _CUSTOMERS}
    q6_order = rng.permutation(4)
    q6_letters = rng.permutation(len(OPTIONS))
    return {
        "q1": {"indicators": _COURSE["q1"]["indicators"],
               "given": tuple(float(g) for g in given), "total": total,
               "importance": importance},
        "q2": {"items": _CRITERIA, "judgements": pick(_Q2_MATRICES), "target": pick(_CRITERIA)},
        "q3": {"items": _FACTORS, "judgements": pick(_Q3_MATRICES),
               "random_index": pick(_Q3_TABLES)},
        "q4": {"factors": _FACTORS, "factor_weights": pick(_FACTOR_WEIGHTS),
               "factor_values": scores, "customer": pick(_CUSTOMERS),
               "objective": round(float(pick(np.arange(0.35, 0.91, 0.01))), 2),
               "objective_weight": pick((0.3, 0.4, 0.6, 0.7))},
        "q5": {"sample": "cdnow", "freq": "M", "observation_end": pick(_CDNOW_ENDS),
               # no 6: with the end 1998-06-30 notebook 07 prints that churn rate
               "churn_after": float(pick((2, 3, 4, 5, 8, 9)))},
        "q6": {"items": tuple(_FOUR[k] for k in q6_order),
               "judgements": _permuted(pick(_Q6_MATRICES), q6_order),
               "options": {letter: OPTIONS[i] for letter, i in zip("ABCDEF", q6_letters,
                                                                   strict=True)}},
    }


def parameters(variant: int = 0) -> dict[str, dict[str, Any]]:
    """The numbers of every question in ``variant`` (0: the course's own numbers).

    Examples
    --------
    >>> parameters(0)["q1"]["importance"]
    (5.0, 3.0, 1.0)
    >>> parameters(7) == parameters(7), parameters(7)["q4"] == parameters(8)["q4"]
    (True, False)
    """
    if isinstance(variant, bool) or not isinstance(variant, (int, np.integer)) or variant < 0:
        raise ValueError(f"variant must be a whole number >= 0; got {variant!r}")
    base = _COURSE if variant == 0 else _draw(int(variant))
    out = {k: dict(v) for k, v in base.items()}
    out["q4"]["factor_values"] = dict(out["q4"]["factor_values"])
    out["q6"]["options"] = dict(out["q6"]["options"])
    return out


_RATIO = ("For each judgement compute a_ij·w_j/w_i, which is 1 when the judgement agrees with "
          "the weights; revise first the judgement farthest from 1 (a ratio below 1 counts as "
          "its reciprocal). A large number such as 9 is not by itself an inconsistent one.",
          "对每个判断计算 a_ij·w_j/w_i，判断与权重一致时它等于 1；应当首先修改离 1 最远的那个判断"
          "（小于 1 的比值按其倒数计）。像 9 这样大的数本身并不意味着不一致。")

_NOT_THIS_ONE = (
    "That judgement fits the weights better than another one does. " + _RATIO[0],
    "这个判断与权重的吻合程度比另一个判断更好。" + _RATIO[1])

#: Diagnosis of each common mistake, by key (the answer key names the same keys).
DIAGNOSES: dict[str, tuple[str, str]] = {
    # q1
    "q1.not_normalised": (
        "It looks like you used the importance points themselves as the weights α_i; the "
        "weights must sum to 1: divide each point by the sum of the points first.",
        "看起来你直接把重要性分数当成了权重 α_i；权重之和必须为 1：先用每个分数除以分数之和。"),
    "q1.swapped": (
        "It looks like you divided T_i by S_i; the share the customer gives this firm is "
        "S_i/T_i (what they buy here over their total), never above 1.",
        "看起来你用 T_i 除以了 S_i；客户给本企业的份额是 S_i/T_i（在本企业的购买量除以其总量），"
        "不会超过 1。"),
    "q1.unweighted": (
        "It looks like you took the plain mean of the shares S_i/T_i; the course weights "
        "each share by its α_i.",
        "看起来你对份额 S_i/T_i 取了简单平均；课程要求用各自的权重 α_i 加权。"),
    "q1.pooled": (
        "It looks like you divided the sum of S by the sum of T; the indicators have "
        "different units, so take each share S_i/T_i first and then weight them.",
        "看起来你用 S 的总和除以了 T 的总和；各指标单位不同，应先分别求份额 S_i/T_i，再加权。"),
    # q2
    "q2.not_normalised": (
        "It looks like your weight is not normalised: divide by the sum over all criteria, "
        "so that the weights add up to 1.",
        "看起来你的权重没有归一化：要除以所有准则之和，使权重之和为 1。"),
    "q2.transposed": (
        "It looks like you read the matrix by columns: a_ij compares row item i with column "
        "item j, so a criterion's weight comes from its row.",
        "看起来你按列读取了矩阵：a_ij 是行元素 i 与列元素 j 的比较，所以一个准则的权重来自它所在的"
        "行。"),
    "q2.sum_method": (
        "It looks like you used the sum method 和法 (normalise the columns, average the "
        "rows), an approximation; the question asks for the principal eigenvector, which for "
        "a 3 × 3 matrix the normalised geometric means of the rows give exactly.",
        "看起来你用了和法（各列归一化后按行平均），这是近似方法；题目要求主特征向量，对 3 × 3 "
        "矩阵来说，各行几何平均数归一化后恰好给出它。"),
    "q2.row_sums": (
        "It looks like you normalised the row sums; the question asks for the principal "
        "eigenvector (for a 3 × 3 matrix: the normalised geometric means of the rows).",
        "看起来你对各行之和做了归一化；题目要求主特征向量（对 3 × 3 矩阵即各行几何平均数的归一化"
        "值）。"),
    # q3
    "q3.wrong_table": (
        "It looks like you used another random-index table: the question names the table; "
        "look up RI for n = 3 in that one.",
        "看起来你用了另一张随机一致性指标表：题目指定了用哪张表；请在该表中查 n = 3 的 RI。"),
    "q3.ci_only": (
        "That is the consistency index CI; the ratio CR divides it by the random index RI.",
        "这是一致性指标 CI；一致性比率 CR 还要再除以随机一致性指标 RI。"),
    "q3.divided_by_n": (
        "It looks like you divided λmax − n by n; CI divides it by n − 1.",
        "看起来你用 n 去除 λmax − n；CI 应当除以 n − 1。"),
    "q3.wrong_order": (
        "It looks like you took RI from the wrong row of the table: the matrix is 3 × 3, so "
        "use RI for n = 3.",
        "看起来你在表中查错了行：矩阵是 3 × 3 的，应当用 n = 3 的 RI。"),
    # q4
    "q4.raw_scores": (
        "It looks like you used the raw factor scores; the course normalises each factor by "
        "its maximum over the customers (x / max) before weighting.",
        "看起来你直接用了因素的原始分数；课程要求先把每个因素除以各客户中的最大值（x / max）"
        "再加权。"),
    "q4.by_scale": (
        "It looks like you divided the scores by the top of the scale (100); the course "
        "divides by the largest score any customer has on that factor.",
        "看起来你用评分量表的上限（100）去除分数；课程要求除以该因素上各客户的最高分。"),
    "q4.by_sum": (
        "It looks like you divided each score by the column's sum; the course divides by its "
        "maximum (x / max).",
        "看起来你用列的总和去除每个分数；课程要求除以最大值（x / max）。"),
    "q4.own_max": (
        "It looks like you divided by this customer's own highest score; normalise each "
        "factor by its maximum over all customers (down the column).",
        "看起来你除以的是该客户自己的最高分；应当把每个因素除以所有客户中的最大值（按列）。"),
    "q4.swapped_weight": (
        "It looks like you swapped the blend weights: β weights the objective value, 1 − β "
        "the subjective one.",
        "看起来你把混合权重弄反了：β 是客观值的权重，1 − β 是主观值的权重。"),
    "q4.subjective_only": (
        "That is the subjective value alone; the loyalty index blends it with the objective "
        "value.",
        "这只是主观值；忠诚度指数要把它与客观值加权混合。"),
    # q5
    "q5.whole_log": (
        "It looks like you used the whole log, to 1998-06-30; the question observes the "
        "customers only up to its observation end (later purchases are unknown then).",
        "看起来你用了整个交易记录（到 1998-06-30）；题目只观察到指定的观察期末（之后的购买在当时"
        "是未知的）。"),
    "q5.active_share": (
        "That is the share of customers still active; the churn rate is the share counted "
        "as churned.",
        "这是仍然活跃的客户比例；流失率是被算作流失的客户比例。"),
    "q5.since_first": (
        "It looks like you measured the time since the first purchase; churn looks at the "
        "time since the last one.",
        "看起来你计算的是距首次购买的时间；流失看的是距最后一次购买的时间。"),
    "q5.days": (
        "It looks like you read the rule in days; churn_after counts months here (a month "
        "is 365.2425/12 days).",
        "看起来你把规则理解成了天数；这里的 churn_after 以月为单位（一个月为 365.2425/12 天）。"),
    # q6, by the option chosen (one per judgement; the right one differs by variant)
    **{f"q6.{option}": _NOT_THIS_ONE for option in OPTIONS},
}


EXERCISE = Exercise(
    name="loyalty",
    title=("Loyalty measurement with AHP", "客户忠诚度测评与层次分析法"),
    parameters=parameters,
    diagnoses=DIAGNOSES,
    n_variants=30,
    questions=(
        NumericQuestion(
            "q1", ("Objective loyalty value", "客观忠诚度值"), decimals=3, rate_answer=True,
            hint=("Turn the importance points into weights that sum to 1, compute each share "
                  "S_i/T_i, and add up α_i·S_i/T_i.",
                  "先把重要性分数换算成和为 1 的权重，再求各份额 S_i/T_i，最后累加 α_i·S_i/T_i。")),
        NumericQuestion(
            "q2", ("AHP weight of a criterion", "准则的 AHP 权重"), decimals=3,
            rate_answer=True,
            hint=("Build the full matrix (a_ji = 1/a_ij), take the principal eigenvector "
                  "(for 3 × 3: the geometric mean of each row), and divide by its sum.",
                  "先补全矩阵（a_ji = 1/a_ij），再求主特征向量（3 × 3 矩阵即各行的几何平均数），"
                  "最后除以其总和。")),
        NumericQuestion(
            "q3", ("Consistency ratio", "一致性比率"), decimals=4, rate_answer=True,
            hint=("Find λmax (mean of (Aw)_i/w_i), then CI = (λmax − n)/(n − 1) and CR = CI/RI "
                  "with RI from the named table.",
                  "求出 λmax（(Aw)_i/w_i 的平均值），再算 CI = (λmax − n)/(n − 1)，用指定表中的 "
                  "RI 得到 CR = CI/RI。")),
        NumericQuestion(
            "q4", ("Blended loyalty index", "综合忠诚度指数"), decimals=3, rate_answer=True,
            hint=("Normalise each factor by its maximum over the customers, weight the "
                  "customer's normalised values to get the subjective value S, then "
                  "L = β·I + (1 − β)·S.",
                  "把每个因素除以各客户中的最大值，对该客户的归一化值加权得到主观值 S，再算 "
                  "L = β·I + (1 − β)·S。")),
        NumericQuestion(
            "q5", ("Churn rate on CDNOW", "CDNOW 数据的流失率"), decimals=3, rate_answer=True,
            hint=("Keep the purchases up to the observation end; for each customer measure "
                  "the months from their last purchase to the observation end; count those "
                  "above churn_after and divide by the number of customers.",
                  "只保留观察期末及以前的购买；对每位客户计算最后一次购买到观察期末的月数；"
                  "统计超过 churn_after 的客户数，再除以客户总数。")),
        ChoiceQuestion(
            "q6", ("Which judgement to revise?", "应当修改哪个判断？"),
            options={o: (f"the judgement a_{o[1:]}", f"判断 a_{o[1:]}") for o in OPTIONS}),
    ),
)
