"""Questions of exercise 04, customer lifetime value 客户终身价值.

Every expected answer is computed with :mod:`crmlib.clv` from the parameters
below, which are the numbers printed in the exercise notebook. Every mistake
value is what the same calculation gives with one step done wrong.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from crmlib.clv import (
    cac_payback,
    clv_to_cac,
    discounted_clv,
    margin_multiple,
    retention_clv,
    simple_clv,
    simple_clv_inputs,
)
from crmlib.exercises._core import ChoiceQuestion, Exercise, Mistake, NumericQuestion

__all__ = ["EXERCISE", "PARAMETERS", "shop_transactions"]

#: The numbers of each question, as printed in the notebook.
PARAMETERS: dict[str, dict[str, Any]] = {
    "q1": {"profits": (500.0, 600.0, 650.0, 700.0), "benefits": (0.0, 50.0, 100.0, 100.0),
           "discount_rate": 0.08},
    "q2": {"acquisition_cost": 30.0, "days_per_year": 365.0},
    "q3": {"revenue": 800.0, "margin_rate": 0.30, "retention": 0.75, "discount_rate": 0.12},
    "q4": {"margin": 240.0, "retention_before": 0.75, "retention_after": 0.85,
           "discount_rate": 0.12},
    "q5": {"margin": 30.0, "retention": 0.90, "discount_rate": 0.01, "acquisition_cost": 110.0},
}


def shop_transactions() -> pd.DataFrame:
    """Transaction log of question 2: five customers of a small shop, 2021-2022.

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
    return frame


# --- Q1: course formula with benefits -------------------------------------------------

def _q1(discount_rate: float | None = None, with_benefits: bool = True,
        timing: str = "end") -> float:
    p = PARAMETERS["q1"]
    d = p["discount_rate"] if discount_rate is None else discount_rate
    benefits = p["benefits"] if with_benefits else None
    return discounted_clv(p["profits"], d, benefits=benefits, timing=timing).value


def _q1_mistakes() -> list[Mistake]:
    d = PARAMETERS["q1"]["discount_rate"]
    return [
        Mistake(_q1(discount_rate=0.0), (
            "It looks like you added the amounts without discounting them: divide each "
            "year's π_i + B_i by (1 + d)^i (折现).",
            "看起来你没有折现就直接相加了：每年的 π_i + B_i 都要除以 (1 + d)^i。")),
        Mistake(_q1(with_benefits=False), (
            "It looks like you left out the non-sales benefits B_i (referral value 推荐价值); "
            "the course formula adds them to each year's profit.",
            "看起来你漏掉了非销售收益 B_i（推荐价值）；课程公式把它加到每年的利润上。")),
        Mistake(_q1(timing="start"), (
            "It looks like you discounted year i with the exponent i − 1, as if the cash came "
            "at the start of the year; the course formula puts it at the end (exponent i).",
            "看起来你用 i − 1 作为第 i 年的折现指数，相当于现金在年初到账；课程公式假定在年末到账"
            "（指数为 i）。")),
        Mistake(_q1(discount_rate=100 * d), (
            "It looks like you used the discount rate as a percentage (8 instead of 0.08).",
            "看起来你把折现率当成了百分数（用了 8 而不是 0.08）。")),
    ]


# --- Q2: simple business formula from transactions -------------------------------------

def _q2_inputs(single_purchase: str = "zero"):
    days = PARAMETERS["q2"]["days_per_year"]
    return simple_clv_inputs(shop_transactions(), days_per_period=days,
                             single_purchase=single_purchase)


def _q2() -> float:
    return _q2_inputs().clv(acquisition_cost=PARAMETERS["q2"]["acquisition_cost"]).value


def _q2_mistakes() -> list[Mistake]:
    cac = PARAMETERS["q2"]["acquisition_cost"]
    days = PARAMETERS["q2"]["days_per_year"]
    x = _q2_inputs()
    v, f, life = x.avg_purchase_value, x.purchase_frequency, x.lifespan
    return [
        Mistake(simple_clv(v, f, life).value, (
            "It looks like you forgot to subtract the acquisition cost (获客成本).",
            "看起来你忘了减去获客成本。")),
        Mistake(_q2_inputs("exclude").clv(acquisition_cost=cac).value, (
            "It looks like you averaged the lifespan over repeat customers only; the question "
            "counts a customer who bought on one date only with a lifespan of 0.",
            "看起来你只对重复购买的客户求了平均生命周期；题目要求只在一天购买过的客户按生命周期 0 "
            "计入。")),
        Mistake(simple_clv(v, f * x.period_length, life, cac).value, (
            "It looks like your purchase frequency counts the orders of the whole observation "
            "period; it must be per year, like the lifespan.",
            "看起来你的购买频率是整个观察期的订单数；它应当是每年的，与生命周期的单位一致。")),
        Mistake(simple_clv(x.revenue / x.n_customers, f, life, cac).value, (
            "It looks like you divided the revenue by the number of customers; the average "
            "purchase value divides it by the number of orders.",
            "看起来你用收入除以了客户数；平均购买金额应当是收入除以订单数。")),
        Mistake(simple_clv(v, f, life * days, cac).value, (
            "It looks like your lifespan is in days; convert it to years (365 days a year), "
            "the unit of the purchase frequency.",
            "看起来你的生命周期单位是天；请换算成年（一年 365 天），与购买频率的单位一致。")),
    ]


# --- Q3: retention CLV, margin at the end of each year -----------------------------------

def _q3(margin: float | None = None, discount_rate: float | None = None,
        convention: str = "end") -> float:
    p = PARAMETERS["q3"]
    m = p["revenue"] * p["margin_rate"] if margin is None else margin
    d = p["discount_rate"] if discount_rate is None else discount_rate
    return retention_clv(m, p["retention"], d, convention=convention).value


def _q3_mistakes() -> list[Mistake]:
    p = PARAMETERS["q3"]
    m, r, d = p["revenue"] * p["margin_rate"], p["retention"], p["discount_rate"]
    return [
        Mistake(_q3(convention="start"), (
            "It looks like you counted the first payment at the start of the period (today); "
            "the question says each margin arrives at the end of its year.",
            "看起来你把第一笔付款算在了期初（今天）；题目说每年的利润在该年年末到账。")),
        Mistake(_q3(convention="after_first"), (
            "It looks like you weighted year i's margin by r^i, which drops the first margin. "
            "The first margin is certain: year i's weight is r^(i−1).",
            "看起来你用 r^i 作为第 i 年利润的权重，这样就漏掉了第一笔利润。第一笔利润是确定的："
            "第 i 年的权重是 r^(i−1)。")),
        Mistake(_q3(convention="mid"), (
            "It looks like you placed each margin in the middle of its year; the question says "
            "the end.",
            "看起来你把每年的利润放在了年中；题目说在年末。")),
        Mistake(_q3(margin=p["revenue"]), (
            "It looks like you used revenue instead of margin: multiply the revenue by the "
            "margin rate first (CLV values profit, not sales).",
            "看起来你用的是收入而不是利润：先用收入乘以利润率（CLV 衡量的是利润，不是销售额）。")),
        Mistake(_q3(discount_rate=0.0), (
            "It looks like you forgot to discount (折现): money at the end of year i is worth "
            "(1 + d)^(−i) today.",
            "看起来你忘了折现：第 i 年年末的钱今天只值 (1 + d)^(−i)。")),
        Mistake(m * r / d, (
            "It looks like you used retention r instead of r^(i−1): the chance of still being "
            "a customer in year i compounds, year after year.",
            "看起来你用了 r 而不是 r^(i−1)：客户到第 i 年仍然留存的概率是逐年累乘的。")),
        Mistake(m / d, (
            "It looks like you ignored retention (保留率): that values a customer who never "
            "leaves.",
            "看起来你忽略了保留率：那相当于一位永远不会流失的客户。")),
    ]


# --- Q4: margin multiple and the effect of retention ---------------------------------------

def _q4_multiple(retention: float | None = None, discount_rate: float | None = None) -> float:
    p = PARAMETERS["q4"]
    r = p["retention_after"] if retention is None else retention
    d = p["discount_rate"] if discount_rate is None else discount_rate
    return margin_multiple(r, d)


def _q4a_mistakes() -> list[Mistake]:
    p = PARAMETERS["q4"]
    r, d = p["retention_after"], p["discount_rate"]
    return [
        Mistake(1 / (1 + d - r), (
            "It looks like you computed 1/(1 + d − r). Gupta and Lehmann's multiple values the "
            "margins after the first one, so it has r in the numerator.",
            "看起来你算的是 1/(1 + d − r)。Gupta 和 Lehmann 的乘数衡量第一笔之后的利润，所以分子"
            "里有 r。")),
        Mistake((1 + d) / (1 + d - r), (
            "It looks like you computed (1 + d)/(1 + d − r), which counts a first margin "
            "received today; Gupta and Lehmann's multiple leaves it out.",
            "看起来你算的是 (1 + d)/(1 + d − r)，它把今天收到的第一笔利润也算进去了；Gupta 和 "
            "Lehmann 的乘数不包括它。")),
        Mistake(_q4_multiple(discount_rate=0.0), (
            "It looks like you left out the discount rate d.",
            "看起来你漏掉了折现率 d。")),
        Mistake(r / (1 + d + r), (
            "Check the sign of r in the denominator: a higher retention rate must give a "
            "larger multiple.",
            "检查分母中 r 的符号：保留率越高，乘数应当越大。")),
    ]


def _q4b(discount_rate: float | None = None, multiple=None) -> float:
    p = PARAMETERS["q4"]
    mult = multiple or _q4_multiple
    return p["margin"] * (mult(p["retention_after"], discount_rate)
                          - mult(p["retention_before"], discount_rate))


def _q4b_mistakes() -> list[Mistake]:
    p = PARAMETERS["q4"]
    m, d = p["margin"], p["discount_rate"]
    before = m * _q4_multiple(p["retention_before"])
    after = m * _q4_multiple(p["retention_after"])
    relative = (after - before) / before
    return [
        Mistake(after, (
            "That is the CLV at the new retention rate; the question asks for the increase.",
            "这是新保留率下的 CLV；题目问的是增加了多少。")),
        Mistake(relative, (
            "That looks like a relative change; the question asks for the increase in ¥.",
            "这看起来是相对变化；题目问的是增加的金额（元）。")),
        Mistake(100 * relative, (
            "That looks like a percentage change; the question asks for the increase in ¥.",
            "这看起来是百分比变化；题目问的是增加的金额（元）。")),
        Mistake(after / m - before / m, (
            "That is the change in the multiple; multiply it by the margin to get ¥.",
            "这是乘数的变化；乘以每年利润才是金额（元）。")),
        Mistake(_q4b(multiple=lambda r, _: 1 / (1 + d - r)), (
            "It looks like you used 1/(1 + d − r) instead of Gupta and Lehmann's r/(1 + d − r).",
            "看起来你用了 1/(1 + d − r)，而不是 Gupta 和 Lehmann 的 r/(1 + d − r)。")),
        Mistake(_q4b(discount_rate=0.0), (
            "It looks like you left out the discount rate d.",
            "看起来你漏掉了折现率 d。")),
    ]


# --- Q5: CLV against CAC -----------------------------------------------------------------

def _q5_clv(discount_rate: float | None = None, convention: str = "end") -> float:
    p = PARAMETERS["q5"]
    d = p["discount_rate"] if discount_rate is None else discount_rate
    return retention_clv(p["margin"], p["retention"], d, convention=convention).value


def _q5a() -> float:
    return clv_to_cac(_q5_clv(), PARAMETERS["q5"]["acquisition_cost"]).ratio


def _q5a_mistakes() -> list[Mistake]:
    cac = PARAMETERS["q5"]["acquisition_cost"]
    clv = _q5_clv()
    return [
        Mistake((clv - cac) / cac, (
            "It looks like you subtracted the acquisition cost before dividing; CLV : CAC "
            "compares the CLV before acquisition cost with the CAC.",
            "看起来你先减去了获客成本再相除；CLV : CAC 比较的是未扣除获客成本的 CLV 与获客成本。")),
        Mistake(cac / clv, (
            "Your ratio is upside down: CLV : CAC puts the CLV on top.",
            "比值颠倒了：CLV : CAC 是 CLV 在分子上。")),
        Mistake(clv_to_cac(_q5_clv(discount_rate=0.0), cac).ratio, (
            "It looks like you forgot to discount (1% a month).",
            "看起来你忘了折现（每月 1%）。")),
        Mistake(clv_to_cac(_q5_clv(convention="after_first"), cac).ratio, (
            "It looks like you left out the first month's margin (weight r^i instead of "
            "r^(i−1)); the question counts it, at the end of month 1.",
            "看起来你漏掉了第一个月的利润（用了 r^i 而不是 r^(i−1)）；题目要把它计入，在第 1 个月"
            "月末到账。")),
        Mistake(clv, (
            "That is the CLV itself; the question asks for the ratio CLV : CAC.",
            "这是 CLV 本身；题目问的是 CLV : CAC 的比值。")),
    ]


def _q5b(retention: float | None = None, discount_rate: float | None = None) -> float:
    p = PARAMETERS["q5"]
    r = p["retention"] if retention is None else retention
    d = p["discount_rate"] if discount_rate is None else discount_rate
    return cac_payback(p["acquisition_cost"], p["margin"], r, d).periods


def _q5b_mistakes() -> list[Mistake]:
    p = PARAMETERS["q5"]
    whole = (
        "You gave a whole number of months; the question asks for the fractional time, "
        "interpolating inside the month in which the cost is covered.",
        "你给出的是整月数；题目要求带小数的时间，在收回成本的那个月内做线性插值。")
    return [
        Mistake(p["acquisition_cost"] / p["margin"], (
            "It looks like you divided the CAC by the monthly margin: that ignores both that "
            "customers leave and that later money is worth less.",
            "看起来你直接用获客成本除以每月利润：这既忽略了客户会流失，也忽略了未来的钱价值更低。")),
        Mistake(_q5b(discount_rate=0.0), (
            "It looks like you ignored discounting (1% a month).",
            "看起来你忽略了折现（每月 1%）。")),
        Mistake(_q5b(retention=1.0), (
            "It looks like you ignored retention: not every customer is still there to pay in "
            "later months.",
            "看起来你忽略了保留率：并不是每位客户在之后的月份都还在付费。")),
        Mistake(float(math.ceil(_q5b())), whole),
        Mistake(float(math.floor(_q5b())), whole),
    ]


# --- Q6: which timing convention gives m r / (1 + d - r)? -------------------------------

_Q6_CONVENTIONS = {"A": "end", "B": "start", "C": "after_first", "D": "mid"}


def _q6_correct() -> str:
    """The option whose timing reproduces m r / (1 + d - r), found with retention_clv."""
    m, r, d = 100.0, 0.7, 0.1
    target = m * r / (1 + d - r)
    hits = [letter for letter, convention in _Q6_CONVENTIONS.items()
            if math.isclose(retention_clv(m, r, d, convention=convention).value, target)]
    if len(hits) != 1:  # pragma: no cover - guards the question's wording
        raise RuntimeError(f"question q6 must have exactly one right option; found {hits}")
    return hits[0]


_FIRST_TERMS = (
    "Write out the first two terms of the sum under that timing and compare them with "
    "m·r/(1 + d) + m·r²/(1 + d)² + ….",
    "写出在该时点假设下求和的前两项，并与 m·r/(1 + d) + m·r²/(1 + d)² + … 比较。")

_Q6_OPTIONS = {
    "A": ("Each margin arrives at the end of its period; the first one, at the end of period "
          "1, is certain and counted.",
          "每期利润在期末到账；第 1 期期末的第一笔利润是确定的，计入。"),
    "B": ("The first margin arrives today, at acquisition, and is counted; later ones at the "
          "start of each period.",
          "第一笔利润在今天（获得客户时）到账并计入；之后的在每期期初到账。"),
    "C": ("The first margin has already been paid today and is left out; each later margin "
          "arrives at the end of its period if the customer is still there.",
          "第一笔利润今天已经收到，不计入；之后每期利润在期末到账（如果客户仍然留存）。"),
    "D": ("Margins arrive in the middle of each period, the first one certain.",
          "每期利润在期中到账，第一笔是确定的。"),
}

_Q6_DIAGNOSES = {
    "A": ("Under that timing the first margin is certain, so the sum starts with m/(1 + d), "
          "with no r in it. " + _FIRST_TERMS[0],
          "在这种时点假设下第一笔利润是确定的，所以求和的第一项是 m/(1 + d)，其中没有 r。"
          + _FIRST_TERMS[1]),
    "B": ("Under that timing the first term is m itself, undiscounted, which makes the value "
          "larger than m·r/(1 + d − r). " + _FIRST_TERMS[0],
          "在这种时点假设下第一项就是未折现的 m，所得的值比 m·r/(1 + d − r) 大。"
          + _FIRST_TERMS[1]),
    "D": ("Under that timing every payment is discounted by half a period less, which puts a "
          "factor (1 + d)^(1/2) in the formula. " + _FIRST_TERMS[0],
          "在这种时点假设下每笔付款都少折现半期，公式里会出现 (1 + d)^(1/2) 这个因子。"
          + _FIRST_TERMS[1]),
    "C": _FIRST_TERMS,
}


EXERCISE = Exercise(
    name="clv",
    title=("Customer lifetime value", "客户终身价值"),
    questions=(
        NumericQuestion(
            "q1", ("Course formula with benefits", "含非销售收益的课程公式"),
            expected=_q1, mistakes=_q1_mistakes,
            hint=("Write out one term (π_i + B_i)/(1 + d)^i per year and add the four terms.",
                  "每年写出一项 (π_i + B_i)/(1 + d)^i，再把四项相加。")),
        NumericQuestion(
            "q2", ("Simple formula from transactions", "由交易数据计算简单公式"),
            expected=_q2, mistakes=_q2_mistakes,
            hint=("Measure the three inputs one at a time (revenue / orders; orders per "
                  "customer per year; mean first-to-last span in years), multiply them and "
                  "subtract the acquisition cost.",
                  "逐个计算三个输入（收入 / 订单数；每位客户每年的订单数；首末次购买间隔的平均"
                  "年数），相乘后减去获客成本。")),
        NumericQuestion(
            "q3", ("Retention CLV, margin at year end", "基于保留率的 CLV（年末到账）"),
            expected=_q3, mistakes=_q3_mistakes,
            hint=("Use the margin (revenue × margin rate); weight year i's margin by the "
                  "chance the customer is still there, r^(i−1); discount it by (1 + d)^i; add "
                  "up over an infinite horizon.",
                  "使用利润（收入 × 利润率）；第 i 年的利润乘以客户仍然留存的概率 r^(i−1)，再除以 "
                  "(1 + d)^i 折现；对无限期求和。")),
        NumericQuestion(
            "q4a", ("Gupta–Lehmann margin multiple", "Gupta–Lehmann 利润乘数"),
            expected=_q4_multiple, mistakes=_q4a_mistakes,
            hint=("Use Gupta and Lehmann's multiple with this question's retention rate and "
                  "discount rate, and check which of r and d goes where.",
                  "用本题的保留率和折现率计算 Gupta 和 Lehmann 的乘数，并检查 r 和 d 的位置。")),
        NumericQuestion(
            "q4b", ("Effect of retention on CLV", "保留率对 CLV 的影响"),
            expected=_q4b, mistakes=_q4b_mistakes,
            hint=("Compute the CLV (margin × multiple) at both retention rates and subtract.",
                  "分别计算两个保留率下的 CLV（利润 × 乘数），再相减。")),
        NumericQuestion(
            "q5a", ("CLV : CAC ratio", "CLV 与获客成本之比"),
            expected=_q5a, mistakes=_q5a_mistakes,
            hint=("Compute the CLV with the kit's default timing (first margin at the end of "
                  "month 1, infinite horizon), then divide it by the acquisition cost.",
                  "按本工具包的默认时点（第一笔利润在第 1 个月月末，无限期）计算 CLV，再除以获客"
                  "成本。")),
        NumericQuestion(
            "q5b", ("CAC payback time", "获客成本回收期"),
            expected=_q5b, mistakes=_q5b_mistakes,
            hint=("Add up the expected discounted margins month by month, m·r^(i−1)/(1 + d)^i, "
                  "until they cover the acquisition cost; interpolate inside that month.",
                  "逐月累加期望折现利润 m·r^(i−1)/(1 + d)^i，直到覆盖获客成本；在那个月内线性"
                  "插值。")),
        ChoiceQuestion(
            "q6", ("Which timing gives m·r/(1 + d − r)?", "哪种时点给出 m·r/(1 + d − r)？"),
            options=_Q6_OPTIONS, correct=_q6_correct, diagnoses=_Q6_DIAGNOSES),
    ),
)
