"""Exercise 04, customer lifetime value 客户终身价值: numbers, questions and diagnoses.

This module holds what a student may see: the numbers of each variant (a
student number picks one), the questions with their titles and hints, and
the diagnosis of each common mistake. It holds no answer and no code that
computes one: the instructor's answer key lives in
``exercises/04_customer_lifetime_value/answer_key.py``, and the self-checks
compare digests (see :mod:`crmlib.exercises._core`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from crmlib.exercises._core import ChoiceQuestion, Exercise, NumericQuestion

__all__ = ["EXERCISE", "OPTIONS", "parameters", "shop_transactions"]

_DISCOUNT_RATE = ("the discount rate d", "折现率 d")
_MARGIN_RATE = ("the margin rate", "利润率")

#: Variant 0: the numbers of the course version of the exercise, worked by hand in the tests.
_COURSE: dict[str, dict[str, Any]] = {
    "q1": {"profits": (500.0, 600.0, 650.0, 700.0), "benefits": (0.0, 50.0, 100.0, 100.0),
           "discount_rate": 0.08},
    "q2": {"acquisition_cost": 30.0, "days_per_year": 365.0, "amount_scale": 1.0},
    "q3": {"revenue": 800.0, "margin_rate": 0.30, "retention": 0.75, "discount_rate": 0.12},
    "q4": {"margin": 240.0, "retention_before": 0.75, "retention_after": 0.85,
           "discount_rate": 0.12},
    "q5": {"margin": 30.0, "retention": 0.90, "discount_rate": 0.01, "acquisition_cost": 110.0},
    "q6": {"options": {"A": "o1", "B": "o2", "C": "o3", "D": "o4"}},
}

#: The options of q6, by id; each variant shows them under shuffled letters.
OPTIONS = ("o1", "o2", "o3", "o4")


def _draw(variant: int) -> dict[str, dict[str, Any]]:
    rng = np.random.default_rng([2026, 4, variant])

    def pick(values):
        return float(values[int(rng.integers(len(values)))])

    q1_profits = tuple(float(p + 10 * k) for p, k in
                       zip(_COURSE["q1"]["profits"], rng.integers(-5, 6, size=4), strict=True))
    q1_benefits = tuple(float(b + 10 * k) for b, k in
                        zip(_COURSE["q1"]["benefits"], rng.integers(0, 4, size=4), strict=True))
    r_before = pick([0.60, 0.65, 0.70, 0.75, 0.80])
    margin5 = pick([20.0, 25.0, 30.0, 35.0])
    order = rng.permutation(len(OPTIONS))
    return {
        "q1": {"profits": q1_profits, "benefits": q1_benefits,
               "discount_rate": pick([0.06, 0.07, 0.08, 0.09, 0.10])},
        "q2": {"acquisition_cost": pick([20.0, 25.0, 30.0, 35.0, 40.0, 45.0]),
               "days_per_year": 365.0,
               "amount_scale": pick([0.8, 0.85, 0.9, 0.95, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3])},
        "q3": {"revenue": pick([600.0, 700.0, 800.0, 900.0, 1000.0]),
               "margin_rate": pick([0.28, 0.32, 0.35, 0.38]),
               "retention": pick([0.60, 0.65, 0.70, 0.75, 0.80]),
               "discount_rate": pick([0.08, 0.10, 0.12, 0.14])},
        "q4": {"margin": pick([180.0, 200.0, 220.0, 240.0, 260.0, 280.0]),
               "retention_before": r_before,
               "retention_after": round(r_before + pick([0.05, 0.08, 0.10, 0.12, 0.15]), 2),
               "discount_rate": pick([0.08, 0.09, 0.10, 0.11, 0.12, 0.13])},
        "q5": {"margin": margin5, "retention": pick([0.86, 0.87, 0.88, 0.90, 0.92]),
               "discount_rate": pick([0.008, 0.01, 0.012, 0.015]),
               "acquisition_cost": margin5 * pick([2.6, 2.8, 3.2, 3.3, 3.6])},
        "q6": {"options": {letter: OPTIONS[i] for letter, i in zip("ABCD", order, strict=True)}},
    }


def parameters(variant: int = 0) -> dict[str, dict[str, Any]]:
    """The numbers of every question in ``variant`` (0: the course's own numbers).

    Questions with parts share their numbers: ``q4a`` and ``q4b`` use
    ``q4``'s, ``q5a`` and ``q5b`` use ``q5``'s.

    Examples
    --------
    >>> parameters(0)["q3"]
    {'revenue': 800.0, 'margin_rate': 0.3, 'retention': 0.75, 'discount_rate': 0.12}
    >>> parameters(7) == parameters(7), parameters(7)["q3"] == parameters(8)["q3"]
    (True, False)
    """
    if isinstance(variant, bool) or not isinstance(variant, (int, np.integer)) or variant < 0:
        raise ValueError(f"variant must be a whole number >= 0; got {variant!r}")
    base = {k: dict(v) for k, v in (_COURSE if variant == 0 else _draw(int(variant))).items()}
    base["q6"]["options"] = dict(base["q6"]["options"])
    out = dict(base)
    for part in ("q4a", "q4b"):
        out[part] = base["q4"]
    for part in ("q5a", "q5b"):
        out[part] = base["q5"]
    return out


def shop_transactions(amount_scale: float = 1.0) -> pd.DataFrame:
    """Transaction log of question 2: five customers of a small shop, 2021-2022.

    ``amount_scale`` multiplies every amount (each variant of the exercise
    has its own scale; the course version has 1).

    Examples
    --------
    >>> tx = shop_transactions()
    >>> len(tx), float(tx["amount"].sum()), tx["customer_id"].nunique()
    (11, 1320.0, 5)
    """
    rows = [
        ("C01", "2021-01-01", 150.0), ("C01", "2021-09-01", 90.0),
        ("C01", "2022-05-01", 130.0), ("C01", "2023-01-01", 110.0),
        ("C02", "2021-03-01", 100.0), ("C02", "2021-08-15", 140.0),
        ("C02", "2022-03-01", 120.0),
        ("C03", "2021-06-15", 200.0),
        ("C04", "2022-01-01", 80.0), ("C04", "2022-03-15", 100.0),
        ("C05", "2022-11-20", 100.0),
    ]
    frame = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["amount"] = (frame["amount"] * float(amount_scale)).round(2)
    return frame


_FIRST_TERMS = (
    "Write out the first two terms of the sum under that timing and compare them with "
    "m·r/(1 + d) + m·r²/(1 + d)² + ….",
    "写出在该时点假设下求和的前两项，并与 m·r/(1 + d) + m·r²/(1 + d)² + … 比较。")

#: The option texts of q6, by option id.
OPTION_TEXTS = {
    "o1": ("Each margin arrives at the end of its period; the first one, at the end of period "
            "1, is certain and counted.",
            "每期利润在期末到账；第 1 期期末的第一笔利润是确定的，计入。"),
    "o2": ("The first margin arrives today, at acquisition, and is counted; later ones at "
              "the start of each period.",
              "第一笔利润在今天（获得客户时）到账并计入；之后的在每期期初到账。"),
    "o3": ("The first margin has already been paid today and is left out; each later "
                    "margin arrives at the end of its period if the customer is still there.",
                    "第一笔利润今天已经收到，不计入；之后每期利润在期末到账（如果客户仍然留存）。"),
    "o4": ("Margins arrive in the middle of each period, the first one certain.",
            "每期利润在期中到账，第一笔是确定的。"),
}

#: Diagnosis of each common mistake, by key (the answer key names the same keys).
DIAGNOSES: dict[str, tuple[str, str]] = {
    # q1
    "q1.no_discount": (
        "It looks like you added the amounts without discounting them: divide each "
        "year's π_i + B_i by (1 + d)^i (折现).",
        "看起来你没有折现就直接相加了：每年的 π_i + B_i 都要除以 (1 + d)^i。"),
    "q1.no_benefits": (
        "It looks like you left out the non-sales benefits B_i (referral value 推荐价值); "
        "the course formula adds them to each year's profit.",
        "看起来你漏掉了非销售收益 B_i（推荐价值）；课程公式把它加到每年的利润上。"),
    "q1.start": (
        "It looks like you discounted year i with the exponent i − 1, as if the cash came "
        "at the start of the year; the course formula puts it at the end (exponent i).",
        "看起来你用 i − 1 作为第 i 年的折现指数，相当于现金在年初到账；课程公式假定在年末到账"
        "（指数为 i）。"),
    # q2
    "q2.no_cac": (
        "It looks like you forgot to subtract the acquisition cost (获客成本).",
        "看起来你忘了减去获客成本。"),
    "q2.repeat_only": (
        "It looks like you averaged the lifespan over repeat customers only; the question "
        "counts a customer who bought on one date only with a lifespan of 0.",
        "看起来你只对重复购买的客户求了平均生命周期；题目要求只在一天购买过的客户按生命周期 0 "
        "计入。"),
    "q2.whole_period": (
        "It looks like your purchase frequency counts the orders of the whole observation "
        "period; it must be per year, like the lifespan.",
        "看起来你的购买频率是整个观察期的订单数；它应当是每年的，与生命周期的单位一致。"),
    "q2.per_customer": (
        "It looks like you divided the revenue by the number of customers; the average "
        "purchase value divides it by the number of orders.",
        "看起来你用收入除以了客户数；平均购买金额应当是收入除以订单数。"),
    "q2.days": (
        "It looks like your lifespan is in days; convert it to years (365 days a year), "
        "the unit of the purchase frequency.",
        "看起来你的生命周期单位是天；请换算成年（一年 365 天），与购买频率的单位一致。"),
    # q3
    "q3.start": (
        "It looks like you counted the first payment at the start of the period (today); "
        "the question says each margin arrives at the end of its year.",
        "看起来你把第一笔付款算在了期初（今天）；题目说每年的利润在该年年末到账。"),
    "q3.after_first": (
        "It looks like you weighted year i's margin by r^i, which drops the first margin. "
        "The first margin is certain: year i's weight is r^(i−1).",
        "看起来你用 r^i 作为第 i 年利润的权重，这样就漏掉了第一笔利润。第一笔利润是确定的："
        "第 i 年的权重是 r^(i−1)。"),
    "q3.mid": (
        "It looks like you placed each margin in the middle of its year; the question says "
        "the end.",
        "看起来你把每年的利润放在了年中；题目说在年末。"),
    "q3.revenue": (
        "It looks like you used revenue instead of margin: multiply the revenue by the "
        "margin rate first (CLV values profit, not sales).",
        "看起来你用的是收入而不是利润：先用收入乘以利润率（CLV 衡量的是利润，不是销售额）。"),
    "q3.no_discount": (
        "It looks like you forgot to discount (折现): money at the end of year i is worth "
        "(1 + d)^(−i) today.",
        "看起来你忘了折现：第 i 年年末的钱今天只值 (1 + d)^(−i)。"),
    "q3.flat_retention": (
        "It looks like you used retention r instead of r^(i−1): the chance of still being "
        "a customer in year i compounds, year after year.",
        "看起来你用了 r 而不是 r^(i−1)：客户到第 i 年仍然留存的概率是逐年累乘的。"),
    "q3.no_retention": (
        "It looks like you ignored retention (保留率): that values a customer who never "
        "leaves.",
        "看起来你忽略了保留率：那相当于一位永远不会流失的客户。"),
    # q4a
    "q4a.one_over": (
        "It looks like you computed 1/(1 + d − r). Gupta and Lehmann's multiple values the "
        "margins after the first one, so it has r in the numerator.",
        "看起来你算的是 1/(1 + d − r)。Gupta 和 Lehmann 的乘数衡量第一笔之后的利润，所以分子"
        "里有 r。"),
    "q4a.one_plus_d": (
        "It looks like you computed (1 + d)/(1 + d − r), which counts a first margin "
        "received today; Gupta and Lehmann's multiple leaves it out.",
        "看起来你算的是 (1 + d)/(1 + d − r)，它把今天收到的第一笔利润也算进去了；Gupta 和 "
        "Lehmann 的乘数不包括它。"),
    "q4.no_discount": (
        "It looks like you left out the discount rate d.",
        "看起来你漏掉了折现率 d。"),
    "q4a.sign": (
        "Check the sign of r in the denominator: a higher retention rate must give a "
        "larger multiple.",
        "检查分母中 r 的符号：保留率越高，乘数应当越大。"),
    # q4b
    "q4b.after_only": (
        "That is the CLV at the new retention rate; the question asks for the increase.",
        "这是新保留率下的 CLV；题目问的是增加了多少。"),
    "q4b.relative": (
        "That looks like a relative change; the question asks for the increase in ¥.",
        "这看起来是相对变化；题目问的是增加的金额（元）。"),
    "q4b.percent_change": (
        "That looks like a percentage change; the question asks for the increase in ¥.",
        "这看起来是百分比变化；题目问的是增加的金额（元）。"),
    "q4b.multiple_change": (
        "That is the change in the multiple; multiply it by the margin to get ¥.",
        "这是乘数的变化；乘以每年利润才是金额（元）。"),
    "q4b.one_over": (
        "It looks like you used 1/(1 + d − r) instead of Gupta and Lehmann's r/(1 + d − r).",
        "看起来你用了 1/(1 + d − r)，而不是 Gupta 和 Lehmann 的 r/(1 + d − r)。"),
    # q5a
    "q5a.net_of_cac": (
        "It looks like you subtracted the acquisition cost before dividing; CLV : CAC "
        "compares the CLV before acquisition cost with the CAC.",
        "看起来你先减去了获客成本再相除；CLV : CAC 比较的是未扣除获客成本的 CLV 与获客成本。"),
    "q5a.upside_down": (
        "Your ratio is upside down: CLV : CAC puts the CLV on top.",
        "比值颠倒了：CLV : CAC 是 CLV 在分子上。"),
    "q5a.no_discount": (
        "It looks like you forgot to discount (d is a monthly rate here).",
        "看起来你忘了折现（这里的 d 是月折现率）。"),
    "q5a.no_first_month": (
        "It looks like you left out the first month's margin (weight r^i instead of "
        "r^(i−1)); the question counts it, at the end of month 1.",
        "看起来你漏掉了第一个月的利润（用了 r^i 而不是 r^(i−1)）；题目要把它计入，在第 1 个月"
        "月末到账。"),
    "q5a.clv_itself": (
        "That is the CLV itself; the question asks for the ratio CLV : CAC.",
        "这是 CLV 本身；题目问的是 CLV : CAC 的比值。"),
    # q5b
    "q5b.cac_over_margin": (
        "It looks like you divided the CAC by the monthly margin: that ignores both that "
        "customers leave and that later money is worth less.",
        "看起来你直接用获客成本除以每月利润：这既忽略了客户会流失，也忽略了未来的钱价值更低。"),
    "q5b.no_discount": (
        "It looks like you ignored discounting (d is a monthly rate here).",
        "看起来你忽略了折现（这里的 d 是月折现率）。"),
    "q5b.no_retention": (
        "It looks like you ignored retention: not every customer is still there to pay in "
        "later months.",
        "看起来你忽略了保留率：并不是每位客户在之后的月份都还在付费。"),
    "q5b.whole_months": (
        "You gave a whole number of months; the question asks for the fractional time, "
        "interpolating inside the month in which the cost is covered.",
        "你给出的是整月数；题目要求带小数的时间，在收回成本的那个月内做线性插值。"),
    # q6, by the option chosen
    "q6.o1": (
        "Under that timing the first margin is certain, so the sum starts with m/(1 + d), "
        "with no r in it. " + _FIRST_TERMS[0],
        "在这种时点假设下第一笔利润是确定的，所以求和的第一项是 m/(1 + d)，其中没有 r。"
        + _FIRST_TERMS[1]),
    "q6.o2": (
        "Under that timing the first term is m itself, undiscounted, which makes the value "
        "larger than m·r/(1 + d − r). " + _FIRST_TERMS[0],
        "在这种时点假设下第一项就是未折现的 m，所得的值比 m·r/(1 + d − r) 大。"
        + _FIRST_TERMS[1]),
    "q6.o4": (
        "Under that timing every payment is discounted by half a period less, which puts a "
        "factor (1 + d)^(1/2) in the formula. " + _FIRST_TERMS[0],
        "在这种时点假设下每笔付款都少折现半期，公式里会出现 (1 + d)^(1/2) 这个因子。"
        + _FIRST_TERMS[1]),
    "q6.o3": (
        "Under that timing the first margin is left out and each later one is discounted from "
        "the end of its period. " + _FIRST_TERMS[0],
        "在这种时点假设下第一笔利润不计入，之后每笔都从其所在期的期末折现。" + _FIRST_TERMS[1]),
}


EXERCISE = Exercise(
    name="clv",
    title=("Customer lifetime value", "客户终身价值"),
    parameters=parameters,
    diagnoses=DIAGNOSES,
    n_variants=30,
    questions=(
        NumericQuestion(
            "q1", ("Course formula with benefits", "含非销售收益的课程公式"),
            hint=("Write out one term (π_i + B_i)/(1 + d)^i per year and add the four terms.",
                  "每年写出一项 (π_i + B_i)/(1 + d)^i，再把四项相加。"),
            rates={"discount_rate": _DISCOUNT_RATE}),
        NumericQuestion(
            "q2", ("Simple formula from transactions", "由交易数据计算简单公式"),
            hint=("Measure the three inputs one at a time (revenue / orders; orders per "
                  "customer per year; mean first-to-last span in years), multiply them and "
                  "subtract the acquisition cost.",
                  "逐个计算三个输入（收入 / 订单数；每位客户每年的订单数；首末次购买间隔的平均"
                  "年数），相乘后减去获客成本。")),
        NumericQuestion(
            "q3", ("Retention CLV, margin at year end", "基于保留率的 CLV（年末到账）"),
            hint=("Use the margin (revenue × margin rate); weight year i's margin by the "
                  "chance the customer is still there, r^(i−1); discount it by (1 + d)^i; add "
                  "up over an infinite horizon.",
                  "使用利润（收入 × 利润率）；第 i 年的利润乘以客户仍然留存的概率 r^(i−1)，再除以 "
                  "(1 + d)^i 折现；对无限期求和。"),
            rates={"discount_rate": _DISCOUNT_RATE, "margin_rate": _MARGIN_RATE}),
        NumericQuestion(
            "q4a", ("Gupta–Lehmann margin multiple", "Gupta–Lehmann 利润乘数"),
            hint=("Use Gupta and Lehmann's multiple with this question's retention rate and "
                  "discount rate, and check which of r and d goes where.",
                  "用本题的保留率和折现率计算 Gupta 和 Lehmann 的乘数，并检查 r 和 d 的位置。"),
            rates={"discount_rate": _DISCOUNT_RATE}),
        NumericQuestion(
            "q4b", ("Effect of retention on CLV", "保留率对 CLV 的影响"),
            hint=("Compute the CLV (margin × multiple) at both retention rates and subtract.",
                  "分别计算两个保留率下的 CLV（利润 × 乘数），再相减。"),
            rates={"discount_rate": _DISCOUNT_RATE}),
        NumericQuestion(
            "q5a", ("CLV : CAC ratio", "CLV 与获客成本之比"),
            hint=("Compute the CLV with the kit's default timing (first margin at the end of "
                  "month 1, infinite horizon), then divide it by the acquisition cost.",
                  "按本工具包的默认时点（第一笔利润在第 1 个月月末，无限期）计算 CLV，再除以获客"
                  "成本。"),
            rates={"discount_rate": _DISCOUNT_RATE}),
        NumericQuestion(
            "q5b", ("CAC payback time", "获客成本回收期"),
            hint=("Add up the expected discounted margins month by month, m·r^(i−1)/(1 + d)^i, "
                  "until they cover the acquisition cost; interpolate inside that month.",
                  "逐月累加期望折现利润 m·r^(i−1)/(1 + d)^i，直到覆盖获客成本；在那个月内线性"
                  "插值。"),
            rates={"discount_rate": _DISCOUNT_RATE}),
        ChoiceQuestion(
            "q6", ("Which timing gives m·r/(1 + d − r)?", "哪种时点给出 m·r/(1 + d − r)？"),
            options=OPTION_TEXTS),
    ),
)
