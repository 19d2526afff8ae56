"""Exercise 03, the customer lifecycle 客户生命周期: numbers, questions and diagnoses.

This module holds what a student may see: the numbers of each variant (a
student number picks one), the questions with their titles and hints, the
purchase histories of the stage question, and the diagnosis of each common
mistake. It holds no answer and no code that computes one: the instructor's
answer key lives in ``exercises/03_customer_lifecycle/answer_key.py``, and
the self-checks compare digests (see :mod:`crmlib.exercises._core`). The
histories of question 6 come from a fixed list below; which stage each one
is in is left to the answer key.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from crmlib.exercises._core import ChoiceQuestion, Exercise, NumericQuestion

__all__ = ["DIAGNOSES", "EXERCISE", "OPTIONS", "OPTION_TEXTS", "history_table", "parameters",
           "path_table"]

_DISCOUNT_RATE = ("the discount rate d", "折现率 d")

#: The stages in course order; the options of q6, whose letters are shuffled per variant.
OPTIONS = ("exploration", "formation", "stability", "decline")

#: The rules of ``crmlib.lifecycle.classify_stage`` as q6 states them (its defaults).
_RULES = {"exploration": 3.0, "window": 3.0, "inactivity_ratio": 2.0, "rising": 1.25,
          "falling": 0.5}

# Purchase histories of q6: (days before the as-of day, amount) per purchase day, oldest first.
_HISTORIES: tuple[tuple[tuple[int, float], ...], ...] = (
    tuple((370 - 10 * k, 30.0) for k in range(28)) + ((75, 30.0), (45, 30.0), (15, 30.0)),
    tuple((340 - 30 * k, 40.0) for k in range(12)),
    ((700, 60.0), (610, 60.0), (520, 60.0), (430, 60.0), (340, 60.0), (250, 60.0),
     (160, 60.0), (65, 60.0)),
    tuple((500 - 30 * k, 40.0) for k in range(13)),
    ((240, 80.0),),
    ((50, 35.0), (20, 35.0)),
    ((450, 50.0), (360, 50.0), (270, 50.0), (180, 50.0), (80, 50.0), (65, 50.0), (50, 50.0),
     (35, 50.0), (20, 50.0), (5, 50.0)),
    tuple((340 - 30 * k, 100.0 if k < 9 else 25.0) for k in range(12)),
    tuple((340 - 30 * k, 30.0 if k < 9 else 80.0) for k in range(12)),
    ((80, 45.0), (50, 45.0), (10, 45.0)),
)
_AS_OF = ("2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31")


def _purchases(history: tuple[tuple[int, float], ...], as_of: str,
               shifts: np.ndarray | None = None, scale: float = 1.0) -> tuple:
    end = pd.Timestamp(as_of)
    moved = np.zeros(len(history), dtype=int) if shifts is None else shifts
    return tuple((str((end - pd.Timedelta(days=int(days + s))).date()), scale * amount)
                 for (days, amount), s in zip(history, moved, strict=True))


#: Variant 0: the numbers of the course version of the exercise, worked by hand in the tests.
#: The path of q1-q3 is notebook 03's longer relationship, discounted at 10% a period.
_COURSE: dict[str, dict[str, Any]] = {
    "q1": {"stage_lengths": (2, 3, 5, 2), "revenue_levels": (20.0, 60.0, 90.0, 50.0),
           "cost_levels": (80.0, 40.0, 25.0, 25.0), "discount_rate": 0.10,
           "early_end_stage": "formation"},
    "q4": {"period": "M", "cohort": "1997-02", "age": 3},
    "q5": {"period": "W", "churn_after": 12, "observation_end": "1997-12-31", "age": 36},
    "q6": {"as_of": "2025-06-30", "purchases": _purchases(_HISTORIES[0], "2025-06-30"),
           "rules": dict(_RULES),
           "options": dict(zip("ABCD", OPTIONS, strict=True))},
}


#: The first and the last acquisition day of the CDNOW cohort (the whole log's customers).
_CDNOW_ACQUIRED = ("1997-01-01", "1997-03-25")


def _q5_numbers(churn_after: int, observation_end: str,
                rng: np.random.Generator) -> dict[str, Any]:
    """q5's numbers with an age at which censoring matters: the customers acquired in the
    last nine weeks are censored there, and the earliest are still followed beyond it."""
    end = pd.Period(observation_end, "W-SUN")
    first, last = (pd.Period(day, "W-SUN") for day in _CDNOW_ACQUIRED)
    shortest, longest = (end - last).n, (end - first).n
    ages = range(shortest - churn_after + 10, longest - churn_after)
    return {"period": "W", "churn_after": churn_after, "observation_end": observation_end,
            "age": int(ages[int(rng.integers(len(ages)))])}


def _draw(variant: int) -> dict[str, dict[str, Any]]:
    rng = np.random.default_rng([2026, 3, variant])

    def pick(values):
        return values[int(rng.integers(len(values)))]

    # every path breaks even, even at the highest rate: the largest discounted loss of
    # exploration (2 periods of -70) is below the smallest discounted profit of formation and
    # stability (2 periods of 10, then 5 of 60)
    lengths = (pick((1, 2)), pick((2, 3, 4)), pick((5, 6, 8)), pick((2, 3)))
    revenue = (pick((10.0, 20.0, 30.0)), pick((50.0, 60.0, 70.0)),
               pick((90.0, 100.0, 110.0, 120.0)), pick((40.0, 50.0, 60.0)))
    cost = (pick((60.0, 70.0, 80.0)), pick((20.0, 30.0, 40.0)),
            pick((20.0, 25.0, 30.0)), pick((20.0, 25.0, 30.0)))
    history = _HISTORIES[int(rng.integers(len(_HISTORIES)))]
    as_of = pick(_AS_OF)
    shifts = rng.integers(-3, 4, size=len(history))
    scale = pick((0.8, 1.0, 1.2, 1.5))
    order = rng.permutation(len(OPTIONS))
    return {
        "q1": {"stage_lengths": lengths, "revenue_levels": revenue, "cost_levels": cost,
               "discount_rate": pick((0.08, 0.10, 0.12, 0.15)),
               "early_end_stage": pick(("exploration", "formation", "stability"))},
        "q4": {"period": "M", "cohort": pick(("1997-01", "1997-02", "1997-03")),
               "age": int(pick(range(1, 13)))},
        "q5": _q5_numbers(int(pick((8, 10, 12))),
                          pick(("1997-09-30", "1997-10-31", "1997-11-30", "1997-12-31")),
                          rng),
        "q6": {"as_of": as_of, "purchases": _purchases(history, as_of, shifts, scale),
               "rules": dict(_RULES),
               "options": {letter: OPTIONS[i] for letter, i in zip("ABCD", order, strict=True)}},
    }


def parameters(variant: int = 0) -> dict[str, dict[str, Any]]:
    """The numbers of every question in ``variant`` (0: the course's own numbers).

    Questions 1-3 share one relationship: ``q2`` and ``q3`` use ``q1``'s numbers.

    Examples
    --------
    >>> p = parameters(0)["q1"]
    >>> p["stage_lengths"], p["revenue_levels"], p["cost_levels"], p["discount_rate"]
    ((2, 3, 5, 2), (20.0, 60.0, 90.0, 50.0), (80.0, 40.0, 25.0, 25.0), 0.1)
    >>> parameters(7) == parameters(7), parameters(7)["q1"] == parameters(8)["q1"]
    (True, False)
    """
    if isinstance(variant, bool) or not isinstance(variant, (int, np.integer)) or variant < 0:
        raise ValueError(f"variant must be a whole number >= 0; got {variant!r}")
    base = {k: dict(v) for k, v in (_COURSE if variant == 0 else _draw(int(variant))).items()}
    base["q6"]["options"] = dict(base["q6"]["options"])
    base["q6"]["rules"] = dict(base["q6"]["rules"])
    out = dict(base)
    for part in ("q2", "q3"):
        out[part] = base["q1"]
    return out


def path_table(numbers: dict[str, Any]) -> pd.DataFrame:
    """The relationship of questions 1-3 as a table: periods, revenue and cost per period of
    each stage.

    Examples
    --------
    >>> path_table(parameters(0)["q1"]).loc["exploration"].tolist()
    [2.0, 20.0, 80.0]
    """
    return pd.DataFrame({"periods": [float(x) for x in numbers["stage_lengths"]],
                         "revenue": numbers["revenue_levels"], "cost": numbers["cost_levels"]},
                        index=pd.Index(OPTIONS, name="stage"))


def history_table(numbers: dict[str, Any]) -> pd.DataFrame:
    """The purchases of question 6's customer: one row per purchase day, as a transaction log
    (``customer_id``, ``date``, ``amount``) that :mod:`crmlib.lifecycle` reads.

    Examples
    --------
    >>> t = history_table(parameters(0)["q6"])
    >>> len(t), t["date"].max().date(), t["customer_id"].iloc[0]
    (31, datetime.date(2025, 6, 15), 'C1')
    """
    dates, amounts = zip(*numbers["purchases"], strict=True)
    return pd.DataFrame({"customer_id": "C1", "date": pd.to_datetime(list(dates)),
                         "amount": [float(a) for a in amounts]})


#: The option texts of q6, by option id: the stage and what the firm does in it.
OPTION_TEXTS = {
    "exploration": (
        "Exploration 考察期: make the first experiences excellent and learn what the customer "
        "needs.",
        "考察期：让最初的体验出色，了解客户的需要。"),
    "formation": (
        "Formation 形成期: cross-sell and up-sell, reward the next purchases.",
        "形成期：交叉销售和向上销售，奖励后续购买。"),
    "stability": (
        "Stability 稳定期: keep the cost to serve low, reward loyalty, ask for referrals.",
        "稳定期：保持较低的服务成本，奖励忠诚，请客户推荐。"),
    "decline": (
        "Decline 退化期: find out why; win the customer back only if the value justifies it.",
        "退化期：找出原因；只有价值值得时才去挽回。"),
}

_RULE_ORDER = (
    " The rules are applied in order and the first that applies decides.",
    "规则按顺序使用，第一条适用的规则决定阶段。")

#: Diagnosis of each common mistake, by key (the answer key names the same keys).
DIAGNOSES: dict[str, tuple[str, str]] = {
    # q1
    "q1.no_discount": (
        "It looks like you added the profits without discounting (折现); the question asks "
        "when the cumulative discounted profit V_k first reaches 0, which comes later.",
        "看起来你没有折现就累加了利润；题目问的是累计折现利润 V_k 何时首次达到 0，这会更晚一些。"),
    "q1.first_profit": (
        "That is the first period whose own profit R_t − C_t is positive; break-even is when "
        "the cumulative (discounted) profit has recovered the earlier losses.",
        "这是当期利润 R_t − C_t 首次为正的期数；盈亏平衡是累计（折现）利润弥补了之前亏损的时点。"),
    "q1.from_zero": (
        "It looks like you counted the periods from 0; the first period of the relationship "
        "is period 1, and t* is the number of the period by whose end V_k ≥ 0.",
        "看起来你从 0 开始计期；关系的第一期是第 1 期，t* 是期末 V_k ≥ 0 的那一期的编号。"),
    # q2
    "q2.no_discount": (
        "It looks like you did not discount (折现): the profit of period t is worth "
        "(R_t − C_t)/(1 + d)^t today.",
        "看起来你没有折现：第 t 期的利润今天只值 (R_t − C_t)/(1 + d)^t。"),
    "q2.start": (
        "It looks like you discounted from period 0 (exponent t − 1); the question puts each "
        "period's profit at its end (exponent t), as the course CLV formula does.",
        "看起来你从第 0 期开始折现（指数为 t − 1）；题目把每期利润放在期末（指数为 t），与课程的 "
        "CLV 公式一致。"),
    "q2.revenue": (
        "That looks like discounted revenue; the value of the relationship is profit, revenue "
        "minus the firm's cost and investment R_t − C_t.",
        "这看起来是折现后的收入；关系的价值是利润，即收入减去企业的成本与投入 R_t − C_t。"),
    "q2.positive_only": (
        "It looks like you left out the periods with a loss: the investment of the early "
        "periods (negative profit) counts too.",
        "看起来你漏掉了亏损的期数：早期的投入（利润为负）也要计算在内。"),
    # q3
    "q3.value_kept": (
        "That is the value the relationship still earns up to its early end; the question "
        "asks what the early end loses: the full path's value minus that.",
        "这是关系在提前终止前仍然得到的价值；题目问的是提前终止损失了多少：完整路径的价值减去它。"),
    "q3.full": (
        "That is the value of the full path; what is lost is the part of it after the early "
        "end.",
        "这是完整路径的价值；损失的是提前终止之后的那一部分。"),
    "q3.no_discount": (
        "It looks like you did not discount (折现) the profits that are lost; value them in "
        "today's money, like the rest of the path.",
        "看起来你没有对损失的利润折现；应像路径的其余部分一样，按今天的价值计算。"),
    "q3.boundary": (
        "It looks like you ended the relationship one period too early or too late: it ends "
        "with the last period of the named stage.",
        "看起来你让关系早了或晚了一期终止：它在指定阶段的最后一期结束时终止。"),
    "q3.start": (
        "It looks like you discounted from period 0 (exponent t − 1); each period's profit "
        "comes at its end (exponent t).",
        "看起来你从第 0 期开始折现（指数为 t − 1）；每期利润在期末到来（指数为 t）。"),
    # q4
    "q4.all_customers": (
        "It looks like you divided by all customers; the retention rate divides by the size "
        "of the cohort, the customers acquired in that month.",
        "看起来你除以的是全部客户；留存率要除以该群组的人数，即当月获得的客户数。"),
    "q4.count": (
        "That is a number of customers; the retention rate is that number divided by the "
        "cohort's size.",
        "这是客户人数；留存率是这个人数除以该群组的人数。"),
    "q4.age_from_one": (
        "It looks like you counted the acquisition month as month 1; it is age 0, so age k "
        "is k months after it.",
        "看起来你把获客当月算作第 1 个月；它是第 0 期，所以第 k 期是此后的第 k 个月。"),
    "q4.calendar": (
        "It looks like you counted the months from January 1997 for every cohort; the age "
        "counts months since the cohort's own acquisition month.",
        "看起来你对每个群组都从 1997 年 1 月开始计月；期数是从该群组自己的获客月份起算的。"),
    "q4.at_or_after": (
        "That is the share who bought at that age or later; the cohort table counts those "
        "who bought in that very month (a customer who skips it counts as inactive there).",
        "这是在该期或之后购买过的比例；群组表只统计恰好在那个月购买的客户（跳过该月的客户在那个"
        "月算作不活跃）。"),
    "q4.transactions": (
        "It looks like you counted transactions; count customers, each once, however often "
        "they bought that month.",
        "看起来你统计的是交易次数；应统计客户人数，无论当月买了几次，每位客户只算一次。"),
    # q5
    "q5.naive": (
        "That is the naive share: it counts customers who could not yet be followed to that "
        "age as lost. Kaplan–Meier keeps each censored customer at risk only as long as they "
        "were followed.",
        "这是朴素比例：它把还没有被观察到该期数的客户算作流失。Kaplan–Meier 只在客户被观察的时间内"
        "把删失客户计入风险集。"),
    "q5.whole_log": (
        "It looks like you used the whole log, to 1998-06-30; the question observes the "
        "customers only up to its observation end.",
        "看起来你用了整个交易记录（到 1998-06-30）；题目只观察到指定的观察期末。"),
    "q5.churned": (
        "That is the share that has churned by that age; the survival S(t) is the share "
        "still active.",
        "这是到该期数为止已经流失的比例；生存率 S(t) 是仍然活跃的比例。"),
    "q5.shifted": (
        "That is the survival at a neighbouring age; S(t) is read at age t exactly (age 0 is "
        "the acquisition month).",
        "这是相邻期数的生存率；S(t) 要在恰好第 t 期读取（第 0 期是获客月份）。"),
    # q6, by the option chosen
    "q6.exploration": (
        "Exploration is decided by the first purchase alone: it must be at most "
        "`exploration` months before the as-of day. Compare that with this customer's first "
        "purchase." + _RULE_ORDER[0],
        "考察期只看首次购买：它必须在截止日之前不超过 `exploration` 个月。请把它与这位客户的首次"
        "购买比较。" + _RULE_ORDER[1]),
    "q6.formation": (
        "Formation needs the recent purchases or spend to run at least `rising` times the "
        "earlier rate, after the decline rules (one purchase only, long silence, falling "
        "rate) have been checked." + _RULE_ORDER[0],
        "形成期要求最近的购买次数或消费额至少是此前速度的 `rising` 倍，而且要先检查退化期的各条规则"
        "（只买过一次、长时间未购买、速度下降）。" + _RULE_ORDER[1]),
    "q6.stability": (
        "Stability is what is left when no other rule applies: check the silence against "
        "the customer's own usual gap, and both the purchase and the spend trend." + _RULE_ORDER[0],
        "稳定期是其他规则都不适用时的结果：请把未购买的时间与客户自己的通常间隔比较，并检查购买"
        "次数和消费额两个趋势。" + _RULE_ORDER[1]),
    "q6.decline": (
        "Decline needs one of its rules: one purchase only after the exploration window, a "
        "silence longer than `inactivity_ratio` × the usual gap, or a purchase or spend trend "
        "below `falling`. Measure them for this customer." + _RULE_ORDER[0],
        "退化期需要满足其中一条规则：考察窗口之后只买过一次、未购买时间超过通常间隔的 "
        "`inactivity_ratio` 倍，或购买次数或消费额趋势低于 `falling`。请对这位客户逐一计算。"
        + _RULE_ORDER[1]),
}


EXERCISE = Exercise(
    name="lifecycle",
    title=("The customer lifecycle", "客户生命周期"),
    parameters=parameters,
    diagnoses=DIAGNOSES,
    n_variants=30,
    questions=(
        NumericQuestion(
            "q1", ("Break-even period", "盈亏平衡期"),
            hint=("List the profit R_t − C_t of every period, discount it by (1 + d)^t, add up "
                  "period by period, and find the first period whose cumulative value is 0 or "
                  "more.",
                  "列出每期利润 R_t − C_t，除以 (1 + d)^t 折现，逐期累加，找出累计值首次大于等于 0 "
                  "的那一期。"),
            rates={"discount_rate": _DISCOUNT_RATE}),
        NumericQuestion(
            "q2", ("Value of the full path", "完整路径的价值"),
            hint=("Add the discounted profits (R_t − C_t)/(1 + d)^t of every period, t = 1 … n, "
                  "the losses of the early periods included.",
                  "把每期的折现利润 (R_t − C_t)/(1 + d)^t 加起来，t = 1 … n，"
                  "早期的亏损也包括在内。"),
            rates={"discount_rate": _DISCOUNT_RATE}),
        NumericQuestion(
            "q3", ("What an early end loses", "提前终止的损失"),
            hint=("Find the last period of the named stage; add the discounted profits of the "
                  "periods after it.",
                  "找出指定阶段的最后一期；把其后各期的折现利润加起来。"),
            rates={"discount_rate": _DISCOUNT_RATE}),
        NumericQuestion(
            "q4", ("Cohort retention on CDNOW", "CDNOW 群组留存率"), decimals=3,
            rate_answer=True,
            hint=("Find each customer's first month (the cohort); among the cohort's customers "
                  "count those who bought in the month `age` months after it, and divide by "
                  "the cohort's size.",
                  "找出每位客户首次购买的月份（群组）；在该群组的客户中统计在其后第 `age` 个月"
                  "购买的人数，再除以群组人数。")),
        NumericQuestion(
            "q5", ("Kaplan–Meier survival on CDNOW", "CDNOW 的 Kaplan–Meier 生存率"), decimals=3,
            rate_answer=True,
            hint=("Keep the purchases up to the observation end; for each customer find the "
                  "last active age and the follow-up, mark churned or censored by the rule, and "
                  "multiply (1 − d_j/n_j) over the ages up to t.",
                  "只保留观察期末及以前的购买；对每位客户求最后活跃的期数和观察期长度，按规则标记流失"
                  "或删失，再把各期的 (1 − d_j/n_j) 连乘到第 t 期。")),
        ChoiceQuestion(
            "q6", ("The stage of a customer", "客户所处的阶段"), options=OPTION_TEXTS),
    ),
)
