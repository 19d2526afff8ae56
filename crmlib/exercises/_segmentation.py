"""Exercise 02, core customers and segmentation 核心客户识别: numbers, questions and diagnoses.

This module holds what a student may see: the numbers of each variant (a
student number picks one), the questions with their titles and hints, and
the diagnosis of each common mistake. It holds no answer and no code that
computes one: the instructor's answer key lives in
``exercises/02_core_customers_and_segmentation/answer_key.py``, and the
self-checks compare digests (see :mod:`crmlib.exercises._core`). In q5 the
customer asked about is one whom gross profit puts on the wrong side of the
current-value line; its potential, and so its cell of the value matrix, is
drawn apart from that and left to the answer key.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from crmlib.exercises._core import ChoiceQuestion, Exercise, NumericQuestion

__all__ = [
    "ACTIVITIES",
    "EXERCISE",
    "OPTIONS",
    "OPTION_TEXTS",
    "RESOURCES",
    "abc_tables",
    "matrix_table",
    "parameters",
    "rfm_table",
]

#: The activities of q1 (columns of the resource-driver table), in order.
ACTIVITIES = ("order", "delivery", "visit", "call")
#: The resources of q1 (rows of the resource-driver table), in order.
RESOURCES = ("order_desk_staff", "delivery_van", "sales_rep")

#: Variant 0: the numbers of the course version of the exercise, worked by hand in the tests.
_COURSE: dict[str, dict[str, Any]] = {
    "q1": {"resource_costs": (80_000.0, 48_000.0, 60_000.0),
           # percent of each resource's time per activity (order, delivery, visit, call)
           "resource_drivers": ((60.0, 0.0, 0.0, 40.0), (0.0, 100.0, 0.0, 0.0),
                                (0.0, 0.0, 75.0, 25.0)),
           "driver_volumes": (2_000.0, 1_600.0, 300.0, 1_000.0),
           "customers": 200, "activity": "call",
           "sales": 12_000.0, "cogs": 9_000.0, "usage": (30.0, 40.0, 6.0, 12.0)},
    "q2": {"spend": 30_000.0, "wallet": 80_000.0, "lines_held": 3, "lines_offered": 8,
           "value_per_line": 4_000.0, "capture": 0.20, "cross_sell_rate": 0.15,
           "margin": 0.25},
    "q3": {"sample": "master", "observation_end": "1997-12-31", "top_share": 0.2},
    "q4": {"customers": tuple("abcdefghij"), "bins": 5,
           "frequency": (9.0, 2.0, 12.0, 0.0, 4.0, 7.0, 1.0, 3.0, 0.0, 5.0),
           "recency": (70.0, 20.0, 73.0, 0.0, 45.0, 64.0, 12.0, 30.0, 0.0, 48.0),
           "T": (78.0, 76.0, 74.0, 72.0, 70.0, 68.0, 66.0, 64.0, 62.0, 60.0),
           "spend": (420.0, 95.0, 260.0, 35.0, 180.0, 140.0, 60.0, 210.0, 25.0, 150.0)},
    "q5": {"customers": ("K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"),
           "gross_profit": (5200.0, 3100.0, 8800.0, 1500.0, 4300.0, 2600.0, 900.0, 6100.0),
           "cost_to_serve": (1400.0, 600.0, 7900.0, 300.0, 1200.0, 2200.0, 600.0, 1800.0),
           "growth_potential": (2000.0, 600.0, 3500.0, 900.0, 1500.0, 2800.0, 300.0, 1100.0),
           "customer": "K3",
           "options": {"A": "invest", "B": "maintain", "C": "develop", "D": "reduce"}},
}

#: The options of q5, by id (the cells of the value matrix); letters are shuffled by variant.
OPTIONS = ("invest", "maintain", "develop", "reduce")

_CDNOW_ENDS = ("1997-06-30", "1997-07-31", "1997-08-31", "1997-09-30", "1997-10-31",
               "1997-11-30", "1997-12-31", "1998-01-31", "1998-02-28", "1998-03-31",
               "1998-04-30", "1998-05-31")


def _distinct(draw, rng: np.random.Generator, key) -> Any:
    """Draw with ``draw(rng)`` until ``key`` of the draw has no repeated value."""
    while True:
        out = draw(rng)
        values = key(out)
        if len(set(values)) == len(values):
            return out


def _q4_draw(rng: np.random.Generator, n: int) -> dict[str, tuple]:
    # weeks since the last purchase and from the first to the last purchase drawn apart, so
    # customers who joined long ago are not always the ones who bought last
    since = rng.choice(np.arange(1, 71), size=n, replace=False).astype(float)
    once = rng.random(n) < 0.3
    frequency = np.where(once, 0, rng.integers(1, 13, size=n)).astype(float)
    recency = np.where(once, 0.0, rng.integers(1, 71, size=n)).astype(float)
    spend = 5.0 * rng.integers(5, 100, size=n)
    return {"frequency": tuple(float(x) for x in frequency),
            "recency": tuple(float(x) for x in recency),
            "T": tuple(float(x) for x in since + recency),
            "spend": tuple(float(x) for x in spend)}


def _q5_draw(rng: np.random.Generator) -> dict[str, Any]:
    # The customer asked about is one whom gross profit misplaces (the lesson of
    # activity-based costing): either the largest gross profit but, after its cost to serve,
    # the smallest profit of the eight, or a gross profit below the middle of the eight but,
    # served cheaply, a profit above it. Its potential is drawn apart from that.
    cheap = bool(rng.integers(2))
    while True:
        gp = 100.0 * rng.choice(np.arange(8, 80), size=8, replace=False)
        cts = 100.0 * rng.integers(2, 30, size=8)
        top = int(rng.integers(8))
        if cheap:
            cts[top] = 100.0 * int(rng.integers(1, 3))
        else:
            gp[top] = 100.0 * int(rng.integers(85, 100))
            others = np.delete(gp - cts, top)
            cts[top] = gp[top] - (others.min() - 100.0 * int(rng.integers(1, 20)))
        profit = gp - cts
        if len(set(profit)) < 8:
            continue
        below_gp, below_profit = int((gp < gp[top]).sum()), int((profit < profit[top]).sum())
        if not cheap or (below_gp <= 3 and below_profit >= 4):
            break
    potential = 100.0 * rng.choice(np.arange(3, 40), size=8, replace=False)
    return {"gross_profit": tuple(float(x) for x in gp),
            "cost_to_serve": tuple(float(x) for x in cts),
            "growth_potential": tuple(float(x) for x in potential), "top": top}


def _draw(variant: int) -> dict[str, dict[str, Any]]:
    rng = np.random.default_rng([2026, 2, variant])

    def pick(values):
        return values[int(rng.integers(len(values)))]

    staff_order = float(pick([50, 55, 60, 65, 70, 75, 80]))
    rep_visit = float(pick([60, 65, 70, 75, 80, 85, 90]))
    sales = float(pick(range(8_000, 20_001, 500)))
    orders = float(pick(range(10, 41, 2)))
    q1 = {"resource_costs": (float(pick(range(60_000, 100_001, 5_000))),
                             float(pick(range(30_000, 60_001, 2_000))),
                             float(pick(range(40_000, 80_001, 5_000)))),
          "resource_drivers": ((staff_order, 0.0, 0.0, 100.0 - staff_order),
                               (0.0, 100.0, 0.0, 0.0),
                               (0.0, 0.0, rep_visit, 100.0 - rep_visit)),
          "driver_volumes": (float(pick(range(1_500, 3_001, 100))),
                             float(pick(range(1_200, 2_401, 100))),
                             float(pick(range(200, 401, 20))),
                             float(pick(range(800, 1_501, 50)))),
          "customers": int(pick(range(150, 301, 10))), "activity": "call",
          "sales": sales, "cogs": float(round(sales * float(pick([0.65, 0.7, 0.72, 0.75, 0.8])))),
          "usage": (orders, orders + float(pick(range(0, 21, 2))), float(pick(range(2, 11))),
                    float(pick(range(4, 21, 2))))}
    wallet = float(pick(range(40_000, 120_001, 5_000)))
    lines_offered = int(pick([6, 8, 10]))
    # never half the wallet: the capture times the spend would then give the right number
    q2 = {"spend": wallet * float(pick([0.2, 0.25, 0.3, 0.4, 0.6, 0.7])), "wallet": wallet,
          # never half the lines: counting the lines held would then give the right number
          "lines_held": int(pick([k for k in range(1, lines_offered - 1)
                                  if 2 * k != lines_offered])),
          "lines_offered": lines_offered,
          "value_per_line": float(pick(range(2_000, 6_001, 500))),
          "capture": float(pick([0.15, 0.2, 0.25, 0.3])),
          "cross_sell_rate": float(pick([0.05, 0.1, 0.15, 0.2])),
          "margin": float(pick([0.2, 0.22, 0.25, 0.28, 0.3]))}
    q3 = {"sample": "master", "observation_end": pick(_CDNOW_ENDS),
          "top_share": float(pick([0.1, 0.2, 0.3, 0.4, 0.5]))}
    n4 = int(pick(range(8, 13)))
    q4 = _distinct(lambda g: _q4_draw(g, n4), rng,
                   lambda d: [t - r for t, r in zip(d["T"], d["recency"], strict=True)])
    q4 = {"customers": tuple("abcdefghijkl"[:n4]), "bins": int(pick([3, 4, 5])), **q4}
    q5 = _q5_draw(rng)
    names = tuple(f"K{i}" for i in range(1, 9))
    order = rng.permutation(len(OPTIONS))
    q5 = {"customers": names, "gross_profit": q5["gross_profit"],
          "cost_to_serve": q5["cost_to_serve"], "growth_potential": q5["growth_potential"],
          "customer": names[q5["top"]],
          "options": {letter: OPTIONS[i] for letter, i in zip("ABCD", order, strict=True)}}
    return {"q1": q1, "q2": q2, "q3": q3, "q4": q4, "q5": q5}


def parameters(variant: int = 0) -> dict[str, dict[str, Any]]:
    """The numbers of every question in ``variant`` (0: the course's own numbers).

    Question 1's parts share their numbers: ``q1a`` and ``q1b`` use ``q1``'s.

    Examples
    --------
    >>> p = parameters(0)["q2"]
    >>> p["spend"], p["wallet"], p["lines_held"], p["lines_offered"]
    (30000.0, 80000.0, 3, 8)
    >>> parameters(7) == parameters(7), parameters(7)["q4"] == parameters(8)["q4"]
    (True, False)
    """
    if isinstance(variant, bool) or not isinstance(variant, (int, np.integer)) or variant < 0:
        raise ValueError(f"variant must be a whole number >= 0; got {variant!r}")
    base = {k: dict(v) for k, v in (_COURSE if variant == 0 else _draw(int(variant))).items()}
    base["q5"]["options"] = dict(base["q5"]["options"])
    out = dict(base)
    for part in ("q1a", "q1b"):
        out[part] = base["q1"]
    return out


def abc_tables(numbers: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Question 1 as two tables: the resources, and the driver volumes with the customer's usage.

    The first table has one row per resource: ``cost`` (¥ a year) and the
    percent of the resource's time each activity takes. The second has one
    row per activity: ``driver_volume`` (the firm's total in the year) and
    ``customer_usage`` (what the customer of the question used).

    Examples
    --------
    >>> resources, activities = abc_tables(parameters(0)["q1"])
    >>> resources.loc["delivery_van"].tolist()
    [48000.0, 0.0, 100.0, 0.0, 0.0]
    >>> activities.columns.tolist()
    ['driver_volume', 'customer_usage']
    """
    resources = pd.DataFrame(numbers["resource_drivers"], index=pd.Index(RESOURCES,
                             name="resource"), columns=list(ACTIVITIES))
    resources.insert(0, "cost", numbers["resource_costs"])
    activities = pd.DataFrame({"driver_volume": numbers["driver_volumes"],
                               "customer_usage": numbers["usage"]},
                              index=pd.Index(ACTIVITIES, name="activity"))
    return resources, activities


def rfm_table(numbers: dict[str, Any]) -> pd.DataFrame:
    """The customers of question 4 in ``rfm_summary``'s convention (weeks) with total spend.

    Examples
    --------
    >>> rfm_table(parameters(0)["q4"]).loc["d"].tolist()
    [0.0, 0.0, 72.0, 35.0]
    """
    return pd.DataFrame({k: numbers[k] for k in ("frequency", "recency", "T", "spend")},
                        index=pd.Index(numbers["customers"], name="customer"))


def matrix_table(numbers: dict[str, Any]) -> pd.DataFrame:
    """The customers of question 5: gross profit, cost to serve and growth potential (¥).

    Examples
    --------
    >>> matrix_table(parameters(0)["q5"]).columns.tolist()
    ['gross_profit', 'cost_to_serve', 'growth_potential']
    """
    return pd.DataFrame({k: numbers[k] for k in ("gross_profit", "cost_to_serve",
                                                 "growth_potential")},
                        index=pd.Index(numbers["customers"], name="customer"))


#: The option texts of q5, by option id.
OPTION_TEXTS = {
    "invest": ("High value, high potential: invest and keep (priority resources).",
               "高价值、高潜力：重点投入，全力保持（优先配置资源）。"),
    "maintain": ("High value, low potential: maintain the relationship at a sensible cost.",
                 "高价值、低潜力：以合理成本维持现有关系。"),
    "develop": ("Low value, high potential: develop (grow share of wallet, cross-sell).",
                "低价值、高潜力：重点发展（提升荷包份额，交叉销售）。"),
    "reduce": ("Low value, low potential: reduce the cost of service, or let go.",
               "低价值、低潜力：降低服务成本，或放弃。"),
}

_READ_AXES = (
    "Current value is the profit after the cost to serve (gross profit − cost to serve), not "
    "gross profit; compare it and the growth potential with the medians of all eight "
    "customers (a value on the line counts as low).",
    "当前价值是扣除服务成本后的利润（毛利 − 服务成本），不是毛利；把它和增值潜力分别与八位客户的"
    "中位数比较（等于分界线的算作低）。")


def _cell(text_en: str, text_zh: str) -> tuple[str, str]:
    return (f"{text_en} {_READ_AXES[0]}", f"{text_zh}{_READ_AXES[1]}")


#: Diagnosis of each common mistake, by key (the answer key names the same keys).
DIAGNOSES: dict[str, tuple[str, str]] = {
    # q1a
    "q1a.pool": (
        "That looks like the activity's cost pool; the rate divides the pool by the volume of "
        "its cost driver (¥ per call).",
        "这看起来是作业成本库本身；作业成本率要用成本库除以成本动因的总量（每次电话多少元）。"),
    "q1a.whole_resource": (
        "It looks like you charged the whole cost of each resource the activity uses; stage 1 "
        "assigns only the resource's share (its resource driver, the percent of time) to the "
        "activity.",
        "看起来你把作业用到的每项资源的全部成本都算给了它；第一阶段只按资源动因（时间占比）把资源"
        "的相应份额分配给作业。"),
    "q1a.one_resource": (
        "It looks like you left out a resource: this activity uses the time of more than one "
        "resource, and its cost pool adds the share of each.",
        "看起来你漏掉了一项资源：这个作业占用了不止一项资源的时间，它的成本库是各项资源份额之和。"),
    "q1a.per_customer": (
        "It looks like you divided by the number of customers; an activity rate is per unit of "
        "its cost driver (per call), not per customer.",
        "看起来你除以了客户数；作业成本率是按成本动因的单位（每次电话）计算的，不是按客户。"),
    # q1b
    "q1b.per_customer": (
        "It looks like you spread the resource costs equally over the customers (cost per "
        "customer); activity-based costing charges each customer the rate of every driver unit "
        "they use.",
        "看起来你把资源成本平均分摊给了每位客户（每客户成本）；作业成本法按客户实际使用的每个动因"
        "单位乘以作业成本率来收费。"),
    "q1b.cost_to_serve": (
        "That looks like the cost to serve; the question asks for the profit after it: gross "
        "profit − cost to serve.",
        "这看起来是服务成本；题目问的是扣除服务成本后的利润：毛利 − 服务成本。"),
    "q1b.gross_profit": (
        "That is the gross profit alone; subtract the cost to serve (Σ usage × rate).",
        "这只是毛利；还要减去服务成本（Σ 使用量 × 作业成本率）。"),
    "q1b.no_cogs": (
        "It looks like you started from sales; the profit after the cost to serve starts from "
        "gross profit (sales − cost of goods sold).",
        "看起来你是从销售额开始算的；扣除服务成本后的利润要从毛利（销售额 − 销售成本）开始。"),
    "q1b.whole_resource": (
        "It looks like your rates charge the whole cost of each resource to every activity that "
        "uses it; stage 1 assigns each resource by its shares (percent of time).",
        "看起来你的作业成本率把每项资源的全部成本都算给了每个用到它的作业；第一阶段要按时间占比分配"
        "每项资源。"),
    # q2
    "q2.wallet": (
        "It looks like you applied the capture to the whole wallet W; the firm can only win part "
        "of the headroom W − S (what the customer still spends elsewhere).",
        "看起来你把获取比例乘以了整个荷包 W；企业只能赢得剩余空间 W − S（客户仍在别处花的部分）的"
        "一部分。"),
    "q2.spend": (
        "It looks like you applied the capture to the spend S; the headroom is the part of the "
        "wallet the customer spends elsewhere, W − S.",
        "看起来你把获取比例乘以了在本企业的消费 S；剩余空间是客户在别处花的部分，W − S。"),
    "q2.lines_held": (
        "It looks like you counted the lines the customer already holds; cross-selling counts "
        "the lines not held yet, K − k.",
        "看起来你数的是客户已经购买的产品线；交叉销售要数尚未购买的产品线，K − k。"),
    "q2.revenue": (
        "That looks like revenue potential; the score is gross profit still to win: multiply by "
        "the gross margin m.",
        "这看起来是收入潜力；该分数衡量的是尚可获得的毛利：要乘以毛利率 m。"),
    "q2.one_source": (
        "It looks like you counted only one source of growth; the potential adds the "
        "share-of-wallet headroom and cross-selling.",
        "看起来你只计算了一种增长来源；增值潜力是荷包份额剩余空间与交叉销售两部分之和。"),
    "q2.percent": (
        "It looks like you used a rate as a percentage (e.g. 20 instead of 0.2): the capture c "
        "and the cross-sell rate s enter the formula as fractions.",
        "看起来你把某个比率当成了百分数（例如用了 20 而不是 0.2）：获取比例 c 和交叉销售率 s "
        "代入公式时应写成小数。"),
    # q3
    "q3.whole_log": (
        "It looks like you used the whole log, to 1998-06-30; the question counts spend only up "
        "to its observation end.",
        "看起来你用了整个交易记录（到 1998-06-30）；题目只统计到指定的观察期末为止的消费。"),
    "q3.records": (
        "It looks like you ranked transaction records, not customers: add up each customer's "
        "spend first (group by customer_id).",
        "看起来你排序的是交易记录而不是客户：先把每位客户的消费加总（按 customer_id 分组）。"),
    "q3.sample": (
        "It looks like you used the 1/10 sample; the question uses the full log, "
        "load_cdnow() (23,570 customers).",
        "看起来你用了 1/10 样本；题目使用完整的交易记录 load_cdnow()（23,570 位客户）。"),
    "q3.bottom": (
        "That looks like the share of the smallest customers; rank the customers by spend, "
        "largest first, and take the top ones.",
        "这看起来是消费最少的那部分客户的份额；要按消费从大到小排序，取最前面的客户。"),
    # q4
    "q4.reversed": (
        "It looks like the scores run the wrong way: a customer who bought recently (a short "
        "time since the last purchase) gets the high R score.",
        "看起来你的评分方向反了：最近刚购买过（距最后一次购买时间短）的客户得到高 R 分。"),
    "q4.summary_recency": (
        "It looks like you ranked by the recency column itself; in rfm_summary's convention it "
        "is the time from the first to the last purchase. The time since the last purchase is "
        "T − recency.",
        "看起来你直接按 recency 列排序了；在 rfm_summary 的约定中它是首次到最后一次购买的时间。"
        "距最后一次购买的时间是 T − recency。"),
    "q4.since_first": (
        "It looks like you used the time since the first purchase (T); recency looks at the "
        "time since the last purchase, T − recency.",
        "看起来你用了距首次购买的时间（T）；近度看的是距最后一次购买的时间，T − recency。"),
    "q4.all": (
        "That is the spend of every customer; the question asks only about those with the top "
        "R score.",
        "这是全部客户的消费；题目只问 R 分最高的那些客户。"),
    # q5, by the option chosen
    "q5.invest": _cell("Invest and keep is for customers above both lines.",
                       "重点投入、全力保持针对两条线都在上方的客户。"),
    "q5.maintain": _cell("Maintain is for high current value with low potential.",
                         "维持针对当前价值高、潜力低的客户。"),
    "q5.develop": _cell("Develop is for low current value with high potential.",
                        "重点发展针对当前价值低、潜力高的客户。"),
    "q5.reduce": _cell("Reduce is for customers low on both axes.",
                       "降低服务成本或放弃针对两个维度都低的客户。"),
}


EXERCISE = Exercise(
    name="segmentation",
    title=("Core customers and segmentation", "核心客户识别与客户细分"),
    parameters=parameters,
    diagnoses=DIAGNOSES,
    n_variants=30,
    questions=(
        NumericQuestion(
            "q1a", ("Activity rate of service calls", "服务电话的作业成本率"),
            hint=("Stage 1: give the activity each resource's cost × its share of that "
                  "resource's time, and add up; stage 2: divide the pool by the number of calls.",
                  "第一阶段：每项资源成本 × 该作业占用的时间比例，求和得到成本库；"
                  "第二阶段：成本库除以电话总次数。")),
        NumericQuestion(
            "q1b", ("Profit after the cost to serve", "扣除服务成本后的客户利润"),
            hint=("Compute every activity's rate, the cost to serve Σ usage × rate, and subtract "
                  "it from the gross profit (sales − cost of goods sold).",
                  "先求每个作业的成本率，再算服务成本 Σ 使用量 × 成本率，最后用毛利（销售额 − "
                  "销售成本）减去它。")),
        NumericQuestion(
            "q2", ("Growth potential of a customer", "客户的增值潜力"),
            hint=("P = m [c (W − S) + s (K − k) v]: headroom W − S times the capture, plus the "
                  "lines not held times the cross-sell rate and the value per line, all times "
                  "the margin.",
                  "P = m [c (W − S) + s (K − k) v]：剩余空间 W − S 乘以获取比例，"
                  "加上未购买的产品线数乘以交叉销售率和每条产品线的价值，再乘以毛利率。")),
        NumericQuestion(
            "q3", ("Concentration of CDNOW spend", "CDNOW 消费的集中度"), decimals=4,
            rate_answer=True,
            hint=("Keep the purchases up to the observation end, add up the spend of each "
                  "customer, rank the customers largest first and take the share of the total "
                  "that the top fraction gives (pareto_abc(...).top_share).",
                  "只保留观察期末及以前的购买，按客户加总消费，从大到小排序，求前面那部分客户占总消费"
                  "的份额（pareto_abc(...).top_share）。")),
        NumericQuestion(
            "q4", ("Spend of the most recent buyers", "最近购买客户的消费额"),
            hint=("Time since the last purchase is T − recency; score it so that the most recent "
                  "buyers get the top score (rfm_scores), then add up the spend of the customers "
                  "with the top R score.",
                  "距最后一次购买的时间是 T − recency；评分时让最近购买的客户得到最高分"
                  "（rfm_scores），再把 R 分最高的客户的消费加总。")),
        ChoiceQuestion(
            "q5", ("Which cell of the value matrix?", "价值矩阵中的哪一格？"),
            options=OPTION_TEXTS),
    ),
)
