"""Exercise 08, CRM strategy and CRM ROI 客户关系管理战略: numbers, questions and diagnoses.

This module holds what a student may see: the numbers of each variant (a
student number picks one), the questions with their titles and hints, the
firms of the strategy-choice question, and the diagnosis of each common
mistake. It holds no answer and no code that computes one: the
instructor's answer key lives in ``exercises/08_crm_strategy/answer_key.py``,
and the self-checks compare digests (see :mod:`crmlib.exercises._core`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from crmlib.exercises._core import ChoiceQuestion, Exercise, NumericQuestion

__all__ = ["DIAGNOSES", "EXERCISE", "FIRMS", "OPTIONS", "OPTION_TEXTS", "parameters"]

_DISCOUNT_RATE = ("the discount rate d", "折现率 d")
_MARGIN_CHANGE = ("the margin change g", "利润变化率 g")
_LOYAL_GROWTH = ("the growth of loyal customers", "忠诚客户增长率")

#: The project of Q1-Q3 in the course version, in ¥ thousand (year 1 .. 5 for the flows).
_PROJECT = {
    "investment": {"idea": 100.0, "system": 400.0},
    "costs": (60.0, 60.0, 60.0, 60.0, 60.0),
    "hidden_costs": (80.0, 40.0, 20.0, 20.0, 20.0),
    "benefits": (100.0, 180.0, 240.0, 260.0, 260.0),
    "cost_savings": (40.0, 80.0, 80.0, 80.0, 80.0),
    "discount_rate": 0.10,
}

#: Variant 0: the numbers of the course version of the exercise, worked by hand in the tests.
_COURSE: dict[str, dict[str, Any]] = {
    "q1": _PROJECT,
    "q4": {"customers": 2000.0, "margin": 120.0, "retention": 0.75, "discount_rate": 0.10,
           "extra_customers": 200.0, "retention_change": 0.05, "margin_change": 0.10,
           "cross_sell_margin": 15.0},
    # the course's e-commerce example: satisfaction 4.2 -> 4.8, loyal customers +30%
    # (course material); the base, margin, retention, rate and cost are assumed, as in
    # notebook 08
    "q5": {"loyal_customers": 10_000.0, "loyal_growth": 0.30, "margin": 200.0,
           "retention": 0.85, "discount_rate": 0.10, "system_cost": 1_800_000.0,
           "satisfaction_before": 4.2, "satisfaction_after": 4.8},
    "q6": {"firm": "f3", "options": {"A": "clasp", "B": "zipper", "C": "velcro"}},
}

#: The options of q6 (Storbacka's three strategies), by id; letters are shuffled per variant.
OPTIONS = ("clasp", "zipper", "velcro")

#: The option texts of q6, by option id.
OPTION_TEXTS = {
    "clasp": ("Clasp 扣钩", "扣钩 (clasp)"),
    "zipper": ("Zipper 拉链", "拉链 (zipper)"),
    "velcro": ("Velcro 维可牢", "维可牢 (Velcro)"),
}

#: The firms of q6, by id: (English, Chinese) description. Each variant shows one.
FIRMS = {
    "f1": (
        "A young budget airline, two years old, sells one-way tickets online. Most "
        "passengers fly with it once or twice a year and buy each ticket as a separate deal, "
        "with no contract or membership; neither side invests anything in the other. Every "
        "passenger gets the same standard service and checks in by self-service.",
        "一家成立两年的年轻廉价航空公司在网上销售单程机票。大多数乘客每年只乘坐一两次，每张机票"
        "都是一笔单独的交易，没有合同或会员关系；双方都不为对方做任何投入。每位乘客享受同样的"
        "标准服务，并通过自助方式值机。"),
    "f2": (
        "A new online shop, started last year, sells phone cases and chargers. Customers "
        "order now and then, each order a one-off purchase without an account or contract, "
        "and nothing in the relationship is worth anything outside it. The customers want "
        "much the same things and all use one standard checkout.",
        "一家去年刚开业的网店销售手机壳和充电器。客户偶尔下单，每笔订单都是一次性购买，无需账户"
        "或合同，这段关系中也没有专用于它的资产。客户的需求大体相同，都使用同一个标准结账流程。"),
    "f3": (
        "An established supplier of car seats, in business for thirty years, delivers to "
        "one car maker's assembly line several times a day under a seven-year contract. It "
        "built its plant next to the car maker's and both sides have linked their production "
        "planning systems. Its few customers are car makers with much the same needs.",
        "一家有三十年历史的成熟汽车座椅供应商，按七年期合同每天数次向一家汽车制造商的装配线"
        "供货。它把工厂建在汽车制造商旁边，双方还对接了生产计划系统。它为数不多的客户都是需求"
        "大体相同的汽车制造商。"),
    "f4": (
        "A growing IT service firm runs a regional bank's core systems under a ten-year "
        "outsourcing contract. Its staff and the bank's talk every day; it keeps a team and "
        "servers that work for this bank only. Its client banks differ somewhat in their "
        "processes.",
        "一家处于成长期的 IT 服务企业按十年期外包合同运营一家地区银行的核心系统。它的员工与银行"
        "员工每天沟通；它有一个只为这家银行工作的团队和专用服务器。它的各家银行客户在流程上"
        "有一定差别。"),
    "f5": (
        "A long-established private bank serves wealthy families whose needs differ widely: "
        "one needs a loan for the family business, another estate planning, a third a "
        "school abroad for a child. Clients come back now and then, when something happens "
        "in their lives, without a long contract; little in the relationship is specific to "
        "it. The bank has modular products and staff trained to fit each client's plans.",
        "一家历史悠久的私人银行为需求差别很大的富裕家庭服务：有的需要为家族企业贷款，有的需要"
        "遗产规划，有的要为孩子安排海外求学。客户在生活中发生变化时才不时回来，没有长期合同；"
        "关系中几乎没有专用资产。银行有模块化的产品，员工也受过训练，能适应每位客户的计划。"),
    "f6": (
        "A mature premium travel agency, in business for decades, plans trips for "
        "travellers whose wishes differ widely, from family safaris to business tours. "
        "Travellers come back a few times a year, whenever they plan a trip, without a "
        "contract, and neither side has invested in the other. The agency's planners and "
        "modular offers fit each traveller's own plans.",
        "一家经营了几十年的成熟高端旅行社，为愿望差别很大的旅行者规划行程，从家庭野生动物之旅"
        "到商务考察。旅行者每年回来几次，每当他们计划出行时才来，没有合同，双方也都没有为对方"
        "投入。旅行社的规划师和模块化产品能适应每位旅行者自己的计划。"),
}

_FIRM_KEYS = tuple(FIRMS)


def _draw(variant: int) -> dict[str, dict[str, Any]]:
    rng = np.random.default_rng([2026, 8, variant])

    def pick(values):
        return float(values[int(rng.integers(len(values)))])

    gain, saving = pick([260.0, 280.0, 300.0, 320.0]), pick([70.0, 80.0, 90.0])
    first_hidden, later_hidden = pick([60.0, 80.0, 100.0]), pick([10.0, 15.0, 20.0])
    cost = pick([50.0, 60.0])
    q1 = {
        "investment": {"idea": pick([60.0, 80.0, 100.0]),
                       "system": pick([300.0, 350.0, 400.0])},
        "costs": (cost,) * 5,
        "hidden_costs": (first_hidden, 2 * later_hidden) + (later_hidden,) * 3,
        "benefits": tuple(float(round(gain * s / 10) * 10) for s in (0.4, 0.7, 0.9, 1.0, 1.0)),
        "cost_savings": (saving / 2,) + (saving,) * 4,
        "discount_rate": pick([0.08, 0.09, 0.10, 0.11]),
    }
    r = pick([0.65, 0.70, 0.75, 0.80])
    q4 = {"customers": pick([1000.0, 1500.0, 2000.0, 2500.0, 3000.0]),
          "margin": pick([80.0, 100.0, 120.0, 150.0]), "retention": r,
          "discount_rate": pick([0.08, 0.10, 0.12]),
          "extra_customers": pick([100.0, 150.0, 200.0, 300.0]),
          "retention_change": pick([0.03, 0.05, 0.08]),
          "margin_change": pick([0.05, 0.08, 0.10, 0.15]),
          "cross_sell_margin": pick([10.0, 15.0, 20.0, 25.0])}
    q5 = dict(_COURSE["q5"])
    q5.update(loyal_customers=pick([8000.0, 10_000.0, 12_000.0]),
              margin=pick([160.0, 180.0, 200.0, 220.0]),
              retention=pick([0.80, 0.85]),
              discount_rate=pick([0.08, 0.10, 0.12]),
              system_cost=pick([900_000.0, 1_100_000.0, 1_300_000.0, 1_700_000.0]))
    firm = _FIRM_KEYS[int(rng.integers(len(_FIRM_KEYS)))]
    order = rng.permutation(len(OPTIONS))
    return {
        "q1": q1, "q4": q4, "q5": q5,
        "q6": {"firm": firm,
               "options": {letter: OPTIONS[i] for letter, i in zip("ABC", order, strict=True)}},
    }


def parameters(variant: int = 0) -> dict[str, dict[str, Any]]:
    """The numbers of every question in ``variant`` (0: the course's own numbers).

    Questions ``q1``, ``q2a``, ``q2b`` and ``q3`` share one CRM project
    (``q1``'s numbers, in ¥ thousand; the flows are per year, years 1 to 5).

    Examples
    --------
    >>> parameters(0)["q4"]["customers"], parameters(0)["q2b"]["discount_rate"]
    (2000.0, 0.1)
    >>> parameters(7) == parameters(7), parameters(7)["q4"] == parameters(8)["q4"]
    (True, False)
    """
    if isinstance(variant, bool) or not isinstance(variant, (int, np.integer)) or variant < 0:
        raise ValueError(f"variant must be a whole number >= 0; got {variant!r}")
    base = {k: dict(v) for k, v in (_COURSE if variant == 0 else _draw(int(variant))).items()}
    base["q1"]["investment"] = dict(base["q1"]["investment"])
    base["q6"]["options"] = dict(base["q6"]["options"])
    out = dict(base)
    for part in ("q2a", "q2b", "q3"):
        out[part] = base["q1"]
    return out


_WHICH_FIRM = (
    "Look again at the firm: how often its customers transact, what either side has "
    "invested in the relationship, how long the contract binds them, the firm's stage and "
    "how much its customers differ.",
    "再看一看这家企业：客户交易有多频繁，双方为这段关系投入了什么，合同约束多长时间，企业处于"
    "什么阶段，客户之间差别有多大。")

_NO_HIDDEN = (
    "It looks like you left out the hidden costs (training, data cleaning, lost "
    "productivity 隐性成本); they are costs of the project like the explicit ones.",
    "看起来你漏掉了隐性成本（培训、数据清理、生产率损失）；它们和显性成本一样是项目的成本。")
_NO_SAVINGS = (
    "It looks like you left out the savings in the cost to serve (服务成本节约); CRM "
    "benefits are business gains plus cost savings.",
    "看起来你漏掉了服务成本的节约；CRM 的收益是业务收益加上成本节约。")
_WHOLE_YEARS = (
    "You gave a whole number of years; the question asks for the fractional time, "
    "interpolating inside the year in which the investment is recovered.",
    "你给出的是整年数；题目要求带小数的时间，在收回投资的那一年内做线性插值。")

#: Diagnosis of each common mistake, by key (the answer key names the same keys).
DIAGNOSES: dict[str, tuple[str, str]] = {
    # q1, NPV
    "q1.no_hidden": _NO_HIDDEN,
    "q1.no_savings": _NO_SAVINGS,
    "q1.investment_discounted": (
        "It looks like you discounted the investment as if it were paid at the end of year "
        "1; it is paid today, at time 0, and is not discounted.",
        "看起来你把投资当作在第 1 年年末支付而做了折现；投资在今天（时点 0）支付，不折现。"),
    "q1.no_investment": (
        "It looks like you left out the investment at time 0 (the idea and the system).",
        "看起来你漏掉了时点 0 的投资（创意和系统）。"),
    "q1.no_discount": (
        "It looks like you added the net cash flows without discounting them: divide year "
        "t's flow by (1 + d)^t (折现).",
        "看起来你没有折现就直接把净现金流相加了：第 t 年的现金流要除以 (1 + d)^t。"),
    "q1.start": (
        "It looks like you discounted year t with the exponent t − 1, as if the flows came "
        "at the start of the year; the question puts them at the end (exponent t).",
        "看起来你用 t − 1 作为第 t 年的折现指数，相当于现金流在年初发生；题目假定在年末"
        "（指数 t）。"),
    # q2a, simple payback
    "q2a.discounted": (
        "That looks like the discounted payback; (a) asks for the simple payback, with "
        "cash flows that are not discounted.",
        "这看起来是折现回收期；(a) 问的是简单回收期，现金流不折现。"),
    "q2.no_hidden": _NO_HIDDEN,
    "q2.no_savings": _NO_SAVINGS,
    "q2.whole_years": _WHOLE_YEARS,
    # q2b, discounted payback
    "q2b.simple": (
        "That looks like the simple payback, with undiscounted cash flows; (b) asks for the "
        "discounted payback: accumulate the present values F_t/(1 + d)^t.",
        "这看起来是用未折现现金流算出的简单回收期；(b) 问的是折现回收期：累加现值 "
        "F_t/(1 + d)^t。"),
    # q3, IRR
    "q3.no_hidden": _NO_HIDDEN,
    "q3.no_savings": _NO_SAVINGS,
    "q3.roi": (
        "That looks like the ROI, (benefits − costs)/costs; the IRR is the discount rate at "
        "which the NPV is 0.",
        "这看起来是投资回报率 ROI，即（收益 − 成本）/ 成本；内部收益率 IRR 是使 NPV 为 0 的"
        "折现率。"),
    "q3.discounted_roi": (
        "That looks like the discounted ROI, NPV / present value of the costs; the IRR is "
        "the discount rate at which the NPV is 0.",
        "这看起来是折现 ROI，即 NPV / 成本现值；内部收益率 IRR 是使 NPV 为 0 的折现率。"),
    # q4, equity effect of a plan
    "q4.sum_of_levers": (
        "It looks like you added the effects of the levers each computed alone; equity is "
        "a product N × CLV, so apply all the changes together (the levers interact).",
        "看起来你把每个杠杆单独计算的效果相加了；客户资产是乘积 N × CLV，应当把所有变化一起代入"
        "（杠杆之间有交互作用）。"),
    "q4.planned_equity": (
        "That is the equity after the plan; the question asks for the change.",
        "这是计划实施后的客户资产；题目问的是变化量。"),
    "q4.new_at_old_clv": (
        "It looks like you valued the new customers at today's CLV; after the plan they "
        "stay longer and buy more deeply too.",
        "看起来你按今天的 CLV 给新客户估值了；计划实施后，他们同样会留得更久、买得更多。"),
    "q4.no_cross_sell": (
        "It looks like you left out the cross-selling margin (交叉销售): deeper means both "
        "the higher margin and the extra margin from further products.",
        "看起来你漏掉了交叉销售带来的利润：“深”既包括更高的利润率，也包括其他产品带来的额外利润。"),
    "q4.margin_added": (
        "It looks like you added the margin change to the margin as money (m + g) instead "
        "of as a share (m × (1 + g)).",
        "看起来你把利润变化率当成金额加到了利润上（m + g），而不是按比例（m × (1 + g)）。"),
    "q4.after_first": (
        "It looks like you used m·r/(1 + d − r), which leaves out the first margin; the "
        "question counts it, at the end of year 1: CLV = m/(1 + d − r).",
        "看起来你用了 m·r/(1 + d − r)，它漏掉了第一笔利润；题目要把它计入（在第 1 年年末）："
        "CLV = m/(1 + d − r)。"),
    # q5, the e-commerce example
    "q5.no_cost": (
        "That is the gain in customer equity before the cost of the system; the question "
        "asks for it net of that cost.",
        "这是扣除系统成本之前的客户资产增加；题目问的是扣除该成本后的净值。"),
    "q5.satisfaction": (
        "It looks like you used the rise of the satisfaction score as the growth of the "
        "customer base; satisfaction is a non-economic result, the +30% loyal customers is "
        "what enters customer equity.",
        "看起来你把满意度的提升当成了客户数量的增长；满意度是非经济成果，进入客户资产的是忠诚"
        "客户 +30%。"),
    "q5.planned_equity": (
        "It looks like you took the whole equity of the loyal customers after the change; "
        "the question asks what the change adds.",
        "看起来你用的是变化后忠诚客户的全部客户资产；题目问的是这一变化增加了多少。"),
    "q5.one_year": (
        "It looks like you counted one year's margin of the new loyal customers; each of "
        "them is worth a whole CLV, m/(1 + d − r).",
        "看起来你只计算了新增忠诚客户一年的利润；每位客户的价值是整个 CLV，即 m/(1 + d − r)。"),
    "q5.no_retention": (
        "It looks like you ignored retention (保留率): m/d values a customer who never "
        "leaves.",
        "看起来你忽略了保留率：m/d 相当于一位永远不会流失的客户。"),
    "q5.no_discount": (
        "It looks like you forgot to discount (折现): the CLV is m/(1 + d − r), not "
        "m/(1 − r).",
        "看起来你忘了折现：CLV 是 m/(1 + d − r)，而不是 m/(1 − r)。"),
    # q6, by the option chosen
    "q6.clasp": (
        "Clasp fits customers who transact rarely, in one-off deals, with nothing invested "
        "in the relationship, and adapt to one standard process. " + _WHICH_FIRM[0],
        "扣钩适合交易稀少、一次性交易、关系中没有专用投入、并适应同一标准流程的客户。"
        + _WHICH_FIRM[1]),
    "q6.zipper": (
        "Zipper fits frequent, gap-free contact, investments specific to the relationship "
        "and a long-term contract, with both sides adapting to each other. " + _WHICH_FIRM[0],
        "拉链适合频繁、无间隙的接触、专用于关系的投入和长期合同，双方彼此适应。"
        + _WHICH_FIRM[1]),
    "q6.velcro": (
        "Velcro fits a firm able to adapt to customers whose processes differ widely, which "
        "takes the flexibility and resources of an established firm. " + _WHICH_FIRM[0],
        "维可牢适合能够适应流程差别很大的客户的企业，这需要成熟企业的灵活性和资源。"
        + _WHICH_FIRM[1]),
}


EXERCISE = Exercise(
    name="strategy",
    title=("CRM strategy and CRM ROI", "客户关系管理战略与投资回报"),
    parameters=parameters,
    diagnoses=DIAGNOSES,
    n_variants=30,
    questions=(
        NumericQuestion(
            "q1", ("NPV of a CRM project", "CRM 项目的净现值"),
            hint=("Net cash flow: F_0 = −I today; F_t = gains + savings − explicit costs − "
                  "hidden costs at the end of year t. Discount each by (1 + d)^t and add.",
                  "净现金流：今天 F_0 = −I；第 t 年年末 F_t = 业务收益 + 成本节约 − 显性成本 − "
                  "隐性成本。每项除以 (1 + d)^t 再相加。"),
            rates={"discount_rate": _DISCOUNT_RATE}),
        NumericQuestion(
            "q2a", ("Simple payback period", "简单回收期"),
            hint=("Add the net cash flows year by year, starting from −I, until the sum "
                  "reaches 0; interpolate inside that year.",
                  "从 −I 开始逐年累加净现金流，直到累计值达到 0；在那一年内线性插值。")),
        NumericQuestion(
            "q2b", ("Discounted payback period", "折现回收期"),
            hint=("Add the present values F_t/(1 + d)^t year by year, starting from −I, "
                  "until the sum reaches 0; interpolate inside that year.",
                  "从 −I 开始逐年累加现值 F_t/(1 + d)^t，直到累计值达到 0；在那一年内线性插值。")),
        # no rates: with d entered in percent the project never pays back, so no number
        NumericQuestion(
            "q3", ("Internal rate of return", "内部收益率"),
            hint=("Find the rate at which the NPV of the same net cash flows is 0 (try rates "
                  "until it changes sign, or let crm_roi find it).",
                  "找出使同一组净现金流的 NPV 等于 0 的折现率（不断尝试直到 NPV 变号，或用 "
                  "crm_roi 求解）。"),
            decimals=4, rate_answer=True),
        NumericQuestion(
            "q4", ("Equity effect of more, longer, deeper", "多、久、深对客户资产的影响"),
            hint=("Customer equity is N × m/(1 + d − r). Compute it today, and with all the "
                  "planned changes at once (N + ΔN, r + Δr, m(1 + g) + x), and subtract.",
                  "客户资产 = N × m/(1 + d − r)。分别计算今天的值和同时实施全部计划变化后的值"
                  "（N + ΔN，r + Δr，m(1 + g) + x），再相减。"),
            rates={"discount_rate": _DISCOUNT_RATE, "margin_change": _MARGIN_CHANGE}),
        NumericQuestion(
            "q5", ("The e-commerce example in customer equity", "电商案例的客户资产"),
            hint=("The extra loyal customers are the growth times today's number; each is "
                  "worth m/(1 + d − r). Subtract the cost of the system.",
                  "新增忠诚客户 = 增长率 × 现有人数；每位价值 m/(1 + d − r)。再减去系统成本。"),
            rates={"discount_rate": _DISCOUNT_RATE, "loyal_growth": _LOYAL_GROWTH}),
        ChoiceQuestion(
            "q6", ("Which relationship strategy fits?", "哪种关系战略适合？"),
            options=OPTION_TEXTS),
    ),
)
