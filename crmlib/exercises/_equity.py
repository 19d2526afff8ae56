"""Exercise 06, customer equity 客户资产: numbers, questions and diagnoses.

This module holds what a student may see: the numbers of each variant (a
student number picks one), the questions with their titles and hints, and
the diagnosis of each common mistake. It holds no answer and no code that
computes one: the instructor's answer key lives in
``exercises/06_customer_equity/answer_key.py``, and the self-checks compare
digests (see :mod:`crmlib.exercises._core`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from crmlib.exercises._core import ChoiceQuestion, Exercise, NumericQuestion

__all__ = ["CUSTOMERS", "EXERCISE", "OPTIONS", "OPTION_TEXTS", "parameters", "portfolio_table"]

_DISCOUNT_RATE = ("the discount rate d", "折现率 d")
_MARGIN_RATE = ("the margin rate", "利润率")

#: The customers of question 3, in the order of the table.
CUSTOMERS = ("A", "B", "C", "D", "E", "F")

#: Variant 0: the numbers of the course version of the exercise, worked by hand in the tests.
_COURSE: dict[str, dict[str, Any]] = {
    "q1": {"segment_sizes": (200.0, 800.0, 500.0), "segment_clv": (500.0, 120.0, -20.0),
           "new_customers": 100.0, "new_customer_clv": 300.0, "acquisition_cost": 80.0,
           "discount_rate": 0.10, "periods": 5},
    "q2": {"purchase_probabilities": (0.30, 0.20, 0.15), "contribution": 40.0, "cost": 4.0,
           "discount_rate": 0.20},
    "q3": {"clv": (6600.0, 5000.0, 4500.0, 3000.0, 1200.0, -800.0),
           "hours": (30.0, 20.0, 20.0, 10.0, 8.0, 5.0), "total_hours": 60.0},
    "q4": {"margin_rate": 0.30, "discount_rate": 0.10, "horizon_years": 100,
           "weeks_per_year": 52, "observation_end": "1998-06-30"},
    "q5": {"margin": 200.0, "retention": 0.80, "discount_rate": 0.12,
           "current_customers": 1000.0, "new_customers": 150.0, "acquisition_cost": 300.0,
           "options": {"A": "o1", "B": "o2", "C": "o3", "D": "o4"}},
}

#: The options of q5, by id; each variant shows them under shuffled letters.
OPTIONS = ("o1", "o2", "o3", "o4")


def _draw(variant: int) -> dict[str, dict[str, Any]]:
    rng = np.random.default_rng([2026, 6, variant])

    def pick(values):
        return float(values[int(rng.integers(len(values)))])

    scale = pick([80.0, 85.0, 90.0, 95.0, 100.0, 105.0, 110.0, 115.0, 120.0, 125.0])
    # the structure of question 3 stays that of the course: greedy by value per hour fills
    # 58 of the hours and leaves a large customer out; A and E move within the range that
    # keeps that structure (A/30 below C's 2.25 per hour, A + 80 above 125 + E)
    a_clv = pick([60.0, 62.0, 64.0, 66.0, 67.0])
    e_clv = pick([10.0, 12.0, 14.0])
    f_clv = pick([-5.0, -8.0, -10.0])
    hours_scale = pick([1.0, 2.0, 3.0])
    order = rng.permutation(len(OPTIONS))
    return {
        "q1": {"segment_sizes": (pick([150.0, 200.0, 250.0, 300.0]),
                                 pick([600.0, 700.0, 800.0, 900.0, 1000.0]),
                                 pick([300.0, 400.0, 500.0, 600.0])),
               "segment_clv": (pick([400.0, 450.0, 500.0, 550.0, 600.0]),
                               pick([100.0, 110.0, 120.0, 130.0, 140.0]),
                               pick([-15.0, -20.0, -25.0, -30.0])),
               "new_customers": pick([80.0, 90.0, 100.0, 120.0, 150.0]),
               "new_customer_clv": pick([250.0, 280.0, 300.0, 320.0, 350.0]),
               "acquisition_cost": pick([60.0, 70.0, 80.0, 90.0, 100.0]),
               "discount_rate": pick([0.08, 0.09, 0.10, 0.11, 0.12]),
               "periods": int(pick([4, 5, 6, 8]))},
        "q2": {"purchase_probabilities": (pick([0.25, 0.30, 0.35, 0.40]),
                                          pick([0.15, 0.20, 0.25]),
                                          pick([0.05, 0.10, 0.15])),
               "contribution": pick([30.0, 35.0, 40.0, 45.0, 50.0]),
               "cost": pick([3.0, 4.0, 5.0, 6.0]),
               "discount_rate": pick([0.10, 0.15, 0.20, 0.25])},
        "q3": {"clv": tuple(scale * v for v in (a_clv, 50.0, 45.0, 30.0, e_clv, f_clv)),
               "hours": tuple(hours_scale * h for h in (30.0, 20.0, 20.0, 10.0, 8.0, 5.0)),
               "total_hours": hours_scale * 60.0},
        "q4": {"margin_rate": pick([0.20, 0.25, 0.30, 0.35, 0.40]),
               "discount_rate": pick([0.08, 0.09, 0.10, 0.11, 0.12, 0.14, 0.15]),
               "horizon_years": 100, "weeks_per_year": 52, "observation_end": "1998-06-30"},
        "q5": {"margin": pick([150.0, 200.0, 250.0, 300.0]),
               "retention": pick([0.70, 0.75, 0.80, 0.85, 0.90]),
               "discount_rate": pick([0.08, 0.10, 0.12, 0.14]),
               "current_customers": pick([800.0, 1000.0, 1200.0, 1500.0]),
               "new_customers": pick([100.0, 150.0, 200.0]),
               "acquisition_cost": pick([200.0, 250.0, 300.0, 350.0]),
               "options": {letter: OPTIONS[i] for letter, i in zip("ABCD", order, strict=True)}},
    }


def parameters(variant: int = 0) -> dict[str, dict[str, Any]]:
    """The numbers of every question in ``variant`` (0: the course's own numbers).

    Question 3's parts share their numbers: ``q3a`` and ``q3b`` use ``q3``'s.

    Examples
    --------
    >>> p = parameters(0)["q2"]
    >>> p["purchase_probabilities"], p["contribution"], p["cost"], p["discount_rate"]
    ((0.3, 0.2, 0.15), 40.0, 4.0, 0.2)
    >>> parameters(7) == parameters(7), parameters(7)["q1"] == parameters(8)["q1"]
    (True, False)
    """
    if isinstance(variant, bool) or not isinstance(variant, (int, np.integer)) or variant < 0:
        raise ValueError(f"variant must be a whole number >= 0; got {variant!r}")
    base = {k: dict(v) for k, v in (_COURSE if variant == 0 else _draw(int(variant))).items()}
    base["q5"]["options"] = dict(base["q5"]["options"])
    out = dict(base)
    for part in ("q3a", "q3b"):
        out[part] = base["q3"]
    return out


def portfolio_table(numbers: dict[str, Any]) -> pd.DataFrame:
    """The customers of question 3 as a table: lifetime value (¥) and hours needed.

    Examples
    --------
    >>> portfolio_table(parameters(0)["q3"]).loc["F"].tolist()
    [-800.0, 5.0]
    """
    return pd.DataFrame({"clv": numbers["clv"], "hours": numbers["hours"]},
                        index=pd.Index(CUSTOMERS, name="customer"))


_WHY_RETENTION = (
    "Compare how each lever enters the value: retention sits in the multiple r/(1 + d − r), "
    "and a higher r also keeps more customers for every later year.",
    "比较各个杠杆进入价值公式的方式：保留率在乘数 r/(1 + d − r) 中，提高 r 还会让之后每一年都留住"
    "更多客户。")

#: The option texts of q5, by option id.
OPTION_TEXTS = {
    "o1": ("Retention rate r 1% higher.", "保留率 r 提高 1%。"),
    "o2": ("Margin per customer m 1% higher.", "每位客户的利润 m 提高 1%。"),
    "o3": ("Acquisition cost per new customer 1% lower.", "每位新客户的获客成本降低 1%。"),
    "o4": ("Discount rate d 1% lower (e.g. 0.12 → 0.1188).",
           "折现率 d 降低 1%（例如 0.12 → 0.1188）。"),
}

#: Diagnosis of each common mistake, by key (the answer key names the same keys).
DIAGNOSES: dict[str, tuple[str, str]] = {
    # q1
    "q1.dropped_negative": (
        "It looks like you left out the segment with negative CLV. Customer equity is the sum "
        "over all customers, the loss-making ones included: they lower it.",
        "看起来你漏掉了 CLV 为负的细分。客户资产是全体客户 CLV 之和，亏损客户也包括在内：他们会"
        "降低客户资产。"),
    "q1.no_cac": (
        "It looks like you forgot to subtract the acquisition cost (获客成本) of each new "
        "customer.",
        "看起来你忘了减去每位新客户的获客成本。"),
    "q1.no_discount": (
        "It looks like you did not discount the future cohorts (折现): cohort k is worth "
        "(1 + d)^(−k) of its value today.",
        "看起来你没有对未来的客户群折现：第 k 期的客户群今天只值其价值的 (1 + d)^(−k)。"),
    "q1.start": (
        "It looks like you placed each cohort at the start of its period; the question says "
        "cohort k is acquired at the end of period k (exponent k).",
        "看起来你把每一期的客户群放在了期初；题目说第 k 期的客户群在第 k 期期末获得（指数为 k）。"),
    "q1.endless": (
        "It looks like you valued an endless stream of cohorts; the question counts a fixed "
        "number of periods.",
        "看起来你按无限期的客户群流计算了；题目只计固定的期数。"),
    "q1.current_only": (
        "That is the value of the current customers only; customer equity here also counts "
        "the future cohorts.",
        "这只是现有客户的价值；本题的客户资产还包括未来的客户群。"),
    # q2
    "q2.no_discount": (
        "It looks like you did not discount (折现): with d the value is "
        "V = [I − P/(1 + d)]⁻¹ R.",
        "看起来你没有折现：含折现率时 V = [I − P/(1 + d)]⁻¹ R。"),
    "q2.no_cost": (
        "It looks like you left out the marketing cost M, which every customer still marketed "
        "to costs in every period (states recency 1 to recency k).",
        "看起来你漏掉了营销成本 M：每位仍在营销范围内的客户每期都有这项成本（近度 1 到近度 k）。"),
    "q2.end": (
        "It looks like you received each period's reward at the end of the period; the "
        "question (as Pfeifer & Carraway) counts it at the start: V = R + P·V/(1 + d).",
        "看起来你把每期的收益放在了期末；题目（与 Pfeifer 和 Carraway 一样）把它放在期初："
        "V = R + P·V/(1 + d)。"),
    "q2.wrong_state": (
        "That is the value of another state; the question asks about a customer who has just "
        "bought (recency 1).",
        "这是另一个状态的价值；题目问的是刚刚购买过的客户（近度 1）。"),
    "q2.one_period": (
        "That is one period's reward only; the customer's value adds the discounted rewards of "
        "every later period, weighted by where the customer may be.",
        "这只是一期的收益；客户价值要加上之后每一期的折现收益，并按客户可能所处的状态加权。"),
    # q3a
    "q3a.greedy": (
        "That is the value of the greedy choice (by value per hour); the question asks for "
        "the best choice within the hours, which may leave a customer with a high ratio out.",
        "这是贪心选择（按每小时价值）的结果；题目要求在工时内的最优选择，它可能放弃比值高的客户。"),
    "q3a.no_budget": (
        "It looks like you added every profitable customer without the limit on hours: "
        "Σ CR_i ≤ TR must hold.",
        "看起来你把所有盈利客户都加上了，没有考虑工时限制：必须满足 Σ CR_i ≤ TR。"),
    "q3a.negative_included": (
        "It looks like you added every customer, the one with a negative CLV included and "
        "without the limit on hours; a customer of negative value is never served.",
        "看起来你把所有客户都加上了，包括 CLV 为负的客户，也没有考虑工时限制；价值为负的客户"
        "永远不应服务。"),
    # q3b
    "q3b.exact_only": (
        "That is the exact value itself; the question asks for the gap, exact minus greedy.",
        "这是最优值本身；题目问的是差距：最优值减去贪心值。"),
    "q3b.greedy_only": (
        "That is the greedy value itself; the question asks for the gap, exact minus greedy.",
        "这是贪心值本身；题目问的是差距：最优值减去贪心值。"),
    "q3b.relative": (
        "That looks like a relative gap; the question asks for the gap in ¥.",
        "这看起来是相对差距；题目问的是金额差距（元）。"),
    "q3b.percent": (
        "That looks like a gap in percent; the question asks for the gap in ¥.",
        "这看起来是百分比差距；题目问的是金额差距（元）。"),
    # q4
    "q4.revenue": (
        "It looks like you valued revenue, not profit: apply the margin rate (CLV and customer "
        "equity are lifetime profit).",
        "看起来你计算的是收入而不是利润：要乘以利润率（CLV 和客户资产衡量的是终身利润）。"),
    "q4.no_discount": (
        "It looks like you did not discount (折现) the predicted profit.",
        "看起来你没有对预测的利润折现。"),
    "q4.dollars": (
        "That looks like dollars; the question asks for thousands of dollars.",
        "这看起来是以美元为单位；题目要求以千美元为单位。"),
    "q4.mean": (
        "That looks like the mean CLV per customer; customer equity is the sum over all "
        "customers.",
        "这看起来是每位客户的平均 CLV；客户资产是全体客户 CLV 之和。"),
    "q4.history": (
        "That is the revenue the customers already brought; customer equity values their "
        "predicted future profit.",
        "这是客户已经带来的收入；客户资产衡量的是他们预测的未来利润。"),
    "q4.one_year": (
        "That looks like one year of predicted profit; the question asks for the lifetime "
        "(the stated horizon in years).",
        "这看起来是一年的预测利润；题目要求终身价值（按给定的年数）。"),
    # q5, by the option chosen
    "q5.o2": (
        "Value is proportional to the margin, so 1% more margin gives about 1% more value. "
        + _WHY_RETENTION[0],
        "价值与利润成正比，所以利润提高 1% 价值大约提高 1%。" + _WHY_RETENTION[1]),
    "q5.o3": (
        "The acquisition cost is paid only for new customers, a small part of the value. "
        + _WHY_RETENTION[0],
        "获客成本只针对新客户支付，只占价值的一小部分。" + _WHY_RETENTION[1]),
    "q5.o4": (
        "A 1% lower discount rate changes d by a hundredth of d only. " + _WHY_RETENTION[0],
        "折现率降低 1% 只让 d 变化 d 的百分之一。" + _WHY_RETENTION[1]),
}


EXERCISE = Exercise(
    name="equity",
    title=("Customer equity", "客户资产"),
    parameters=parameters,
    diagnoses=DIAGNOSES,
    n_variants=30,
    questions=(
        NumericQuestion(
            "q1", ("Customer equity with future cohorts", "含未来客户群的客户资产"),
            hint=("Add segment size × segment CLV over all segments; then add each future "
                  "cohort's n × (CLV_new − c), discounted by (1 + d)^k for k = 1 … K.",
                  "先对所有细分求 细分人数 × 细分 CLV 之和；再加上每个未来客户群的 "
                  "n × (CLV_new − c)，第 k 期除以 (1 + d)^k，k = 1 … K。"),
            rates={"discount_rate": _DISCOUNT_RATE}),
        NumericQuestion(
            "q2", ("Markov CLV of a recency chain", "近度马尔可夫链的 CLV"),
            hint=("Build P and R of the recency model (states recency 1 … k and lost), then "
                  "solve V = R + P·V/(1 + d) and read V in state recency 1.",
                  "建立近度模型的 P 和 R（状态 近度 1 … k 与 流失），再解 V = R + P·V/(1 + d)，"
                  "读出近度 1 状态的 V。"),
            rates={"discount_rate": _DISCOUNT_RATE}),
        NumericQuestion(
            "q3a", ("Best portfolio within the hours", "工时限制下的最优客户组合"),
            hint=("Try the combinations of profitable customers whose hours fit, and keep the "
                  "one with the largest total CLV.",
                  "尝试工时不超限的盈利客户组合，取 CLV 总和最大的一个。")),
        NumericQuestion(
            "q3b", ("Exact minus greedy", "最优与贪心之差"),
            hint=("Greedy: rank by CLV per hour and take each customer who still fits; "
                  "subtract its total from the exact one.",
                  "贪心法：按每小时 CLV 排序，依次选择仍然放得下的客户；用最优值减去它的总值。")),
        NumericQuestion(
            "q4", ("Customer equity of the CDNOW sample", "CDNOW 样本的客户资产"),
            hint=("Fit BG/NBD and Gamma-Gamma on the weekly RFM summary, predict each "
                  "customer's discounted lifetime profit with the stated margin, rate and "
                  "horizon (years of 52 weeks), add up and divide by 1,000.",
                  "在按周的 RFM 汇总上拟合 BG/NBD 和 Gamma-Gamma，用给定的利润率、折现率和年限"
                  "（每年 52 周）预测每位客户的折现终身利润，求和后除以 1,000。"),
            rates={"discount_rate": _DISCOUNT_RATE, "margin_rate": _MARGIN_RATE}),
        ChoiceQuestion(
            "q5", ("Which lever moves firm value most?", "哪个杠杆对企业价值影响最大？"),
            options=OPTION_TEXTS),
    ),
)
