"""Exercise 01, customer value 客户价值: numbers, questions and diagnoses.

This module holds what a student may see: the numbers of each variant (a
student number picks one), the questions with their titles and hints, the
options of the multiple-choice question and the diagnosis of each common
mistake. It holds no answer and no code that computes one: the
instructor's answer key lives in ``exercises/01_customer_value/answer_key.py``,
and the self-checks compare digests (see :mod:`crmlib.exercises._core`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from crmlib.exercises._core import ChoiceQuestion, Exercise, NumericQuestion

__all__ = [
    "COMPONENTS",
    "DIAGNOSES",
    "EXERCISE",
    "KANO_ATTRIBUTES",
    "OFFER_NAMES",
    "OPTIONS",
    "OPTION_TEXTS",
    "parameters",
]

#: The eight parts of an offer, in Kotler's order: four of value, then four of cost.
COMPONENTS = ("product", "service", "personnel", "image",
              "monetary", "time", "energy", "psychic")

#: English and Chinese names of the three offers of q2 (which one is best differs by variant).
OFFER_NAMES: dict[str, tuple[str, str]] = {
    "department_store": ("department store", "百货商场"),
    "brand_store": ("brand store", "品牌专卖店"),
    "online_shop": ("online shop", "网店"),
}

#: English and Chinese names of the attributes of the hotel survey (``example_kano_survey``).
KANO_ATTRIBUTES: dict[str, tuple[str, str]] = {
    "clean_room": ("clean room", "房间整洁"),
    "fast_wifi": ("fast Wi-Fi", "高速无线网络"),
    "robot_concierge": ("robot concierge", "机器人礼宾"),
    "pillow_menu": ("pillow menu", "枕头菜单"),
}

#: The options of q6 (the course's strategy per Kano category), by id; letters shuffled per
#: variant.
OPTIONS = ("secure", "match", "win", "skip")

#: The option texts of q6, by option id.
OPTION_TEXTS = {
    "secure": ("Secure it fully, whatever rivals do; doing more than enough earns no credit",
               "必须完全保证，无论竞争对手怎么做；做得再多也不加分"),
    "match": ("Match or beat rivals on it: every step of performance raises satisfaction",
              "至少与竞争对手持平或超越：表现每提高一步，满意度都随之上升"),
    "win": ("Make it a selling point to win customers: it delights, and its absence is not "
            "held against the firm",
            "把它作为卖点赢得顾客：它带来惊喜，缺少它也不会引起不满"),
    "skip": ("Do not invest in it: customers do not care either way",
             "不必投入：有没有它顾客都不在乎"),
}

_OFFER_KEYS = tuple(OFFER_NAMES)

#: Variant 0: the numbers of the exercise's own version, worked by hand in the tests (¥).
_COURSE: dict[str, dict[str, Any]] = {
    # a smartphone bought in a brand store
    "q1": {"product": 4200.0, "service": 800.0, "personnel": 500.0, "image": 700.0,
           "monetary": 3999.0, "time": 300.0, "energy": 200.0, "psychic": 150.0},
    # a washing machine from three channels
    "q2": {"offers": {
        "department_store": (4500.0, 1200.0, 800.0, 500.0, 5400.0, 400.0, 200.0, 200.0),
        "brand_store": (4200.0, 900.0, 600.0, 500.0, 4300.0, 300.0, 200.0, 100.0),
        "online_shop": (3000.0, 300.0, 100.0, 400.0, 2400.0, 100.0, 150.0, 250.0),
    }},
    # a business traveller's stay at a hotel where they are a known regular (points 0-100)
    "q3": {"episode_benefits": 80.0, "relationship_benefits": 24.0,
           "episode_sacrifice": 50.0, "relationship_sacrifice": 8.0},
    "q4": {"attribute": ("free parking", "免费停车"), "coefficient": "worse",
           "counts": {"A": 8, "O": 14, "M": 11, "I": 5, "R": 2, "Q": 2}},
    "q5": {"attribute": "robot_concierge", "coefficient": "better",
           "respondents": tuple(range(1, 13))},
    "q6": {"better": 0.24, "worse": -0.81,
           "options": {"A": "win", "B": "match", "C": "secure", "D": "skip"}},
}

_Q4_ATTRIBUTES = (
    ("free parking", "免费停车"), ("late check-out", "延迟退房"), ("fast Wi-Fi", "高速无线网络"),
    ("a quiet room", "安静的房间"), ("a welcome drink", "欢迎饮品"), ("a gym", "健身房"),
    ("mobile check-in", "手机办理入住"), ("a minibar", "迷你吧"),
)

# q5: the coefficients that many guests' answers move (Worse of the robot concierge and the
# pillow menu rests on one or two answers, Better of the clean room on four)
_Q5_ASKED = (("clean_room", "worse"), ("fast_wifi", "better"), ("fast_wifi", "worse"),
             ("robot_concierge", "better"), ("pillow_menu", "better"))


def _offer(rng: np.random.Generator, product: tuple[int, int], service: tuple[int, int],
           personnel: tuple[int, int], image: tuple[int, int], price: tuple[float, float],
           time: tuple[int, int], energy: tuple[int, int],
           psychic: tuple[int, int]) -> tuple[float, ...]:
    def draw(bounds: tuple[int, int], step: int = 50) -> float:
        return float(step * rng.integers(bounds[0] // step, bounds[1] // step + 1))

    prod = draw(product, 100)
    monetary = float(100 * round(prod * rng.uniform(*price) / 100))
    return (prod, draw(service), draw(personnel), draw(image), monetary, draw(time),
            draw(energy), draw(psychic))


def _roles_hold(offers: dict[str, tuple[float, ...]]) -> bool:
    """Best delivered value unique and clear; neither the best ratio (the cheapest offer's)
    nor the most value wins."""
    tcv = {k: sum(v[:4]) for k, v in offers.items()}
    tcc = {k: sum(v[4:]) for k, v in offers.items()}
    cheapest = min(offers, key=lambda k: offers[k][4])
    cdv = sorted(((tcv[k] - tcc[k], k) for k in offers), reverse=True)
    ratio = sorted(((tcv[k] / tcc[k], k) for k in offers), reverse=True)
    best = cdv[0][1]
    return (cdv[-1][0] > 0 and cdv[0][0] - cdv[1][0] >= 150 and cdv[1][0] - cdv[2][0] >= 100
            and ratio[0][1] == cheapest != best and ratio[0][0] - ratio[1][0] >= 0.02
            and max(tcv, key=tcv.get) != best)


def _draw_offers(rng: np.random.Generator) -> dict[str, dict[str, tuple[float, ...]]]:
    roles = rng.permutation(len(_OFFER_KEYS))
    for _ in range(1000):
        premium = _offer(rng, (4500, 6500), (900, 1500), (600, 1000), (500, 900), (1.05, 1.25),
                         (300, 500), (100, 300), (100, 250))
        best = _offer(rng, (3800, 5200), (600, 1100), (300, 800), (300, 700), (0.85, 1.0),
                      (200, 400), (100, 300), (50, 200))
        cheap = _offer(rng, (2500, 3800), (100, 400), (0, 200), (200, 500), (0.6, 0.8),
                       (50, 150), (100, 250), (150, 400))
        offers = dict(zip((_OFFER_KEYS[i] for i in roles), (premium, best, cheap), strict=True))
        if _roles_hold(offers):
            return {"offers": {k: offers[k] for k in _OFFER_KEYS}}
    raise RuntimeError("no three offers with the wanted roles were drawn")  # pragma: no cover


def _draw(variant: int) -> dict[str, dict[str, Any]]:
    rng = np.random.default_rng([2026, 1, variant])

    def step(low: int, high: int, by: int) -> float:
        return float(by * rng.integers(low // by, high // by + 1))

    product = step(2500, 6000, 100)
    q1 = {"product": product, "service": step(200, 1200, 50), "personnel": step(100, 800, 50),
          "image": step(100, 1000, 50),
          "monetary": float(100 * round(product * rng.uniform(0.6, 0.95) / 100) - 1),
          "time": step(100, 600, 50), "energy": step(50, 400, 50),
          "psychic": step(50, 400, 50)}
    q2 = _draw_offers(rng)
    eb, es = step(50, 95, 1), step(30, 70, 1)
    q3 = {"episode_benefits": eb, "relationship_benefits": step(5, 40, 1),
          "episode_sacrifice": es, "relationship_sacrifice": step(3, 30, 1)}
    counts = {c: int(rng.integers(lo, hi + 1))
              for c, lo, hi in (("A", 2, 18), ("O", 2, 18), ("M", 2, 18), ("I", 1, 10),
                                ("R", 1, 4), ("Q", 1, 4))}
    q4 = {"attribute": _Q4_ATTRIBUTES[int(rng.integers(len(_Q4_ATTRIBUTES)))],
          "coefficient": ("better", "worse")[int(rng.integers(2))], "counts": counts}
    size = int(rng.integers(12, 17))
    attribute, coefficient = _Q5_ASKED[int(rng.integers(len(_Q5_ASKED)))]
    q5 = {"attribute": attribute, "coefficient": coefficient,
          "respondents": tuple(int(r) + 1 for r in np.sort(rng.choice(20, size, replace=False)))}
    category = int(rng.integers(4))  # which quadrant of the Better/Worse plane
    high, low = (0.62, 0.88), (0.12, 0.38)
    b = round(float(rng.uniform(*(high if category in (0, 1) else low))), 2)
    w = round(float(rng.uniform(*(high if category in (1, 2) else low))), 2)
    order = rng.permutation(len(OPTIONS))
    q6 = {"better": b, "worse": -w,
          "options": {letter: OPTIONS[i] for letter, i in zip("ABCD", order, strict=True)}}
    return {"q1": q1, "q2": q2, "q3": q3, "q4": q4, "q5": q5, "q6": q6}


def parameters(variant: int = 0) -> dict[str, dict[str, Any]]:
    """The numbers of every question in ``variant`` (0: the exercise's own numbers).

    Amounts of ``q1`` and ``q2`` are in yuan (¥); each offer of ``q2`` lists
    its eight parts in the order of ``COMPONENTS``. ``q3`` is in points of
    one rating scale. ``q5`` names the respondents (1-20) of the hotel survey
    :func:`crmlib.value.example_kano_survey` whose answers to use.

    Examples
    --------
    >>> parameters(0)["q1"]["monetary"], parameters(0)["q4"]["coefficient"]
    (3999.0, 'worse')
    >>> parameters(7) == parameters(7), parameters(7)["q3"] == parameters(8)["q3"]
    (True, False)
    """
    if isinstance(variant, bool) or not isinstance(variant, (int, np.integer)) or variant < 0:
        raise ValueError(f"variant must be a whole number >= 0; got {variant!r}")
    base = _COURSE if variant == 0 else _draw(int(variant))
    out = {k: dict(v) for k, v in base.items()}
    out["q2"]["offers"] = dict(out["q2"]["offers"])
    out["q4"]["counts"] = dict(out["q4"]["counts"])
    out["q6"]["options"] = dict(out["q6"]["options"])
    return out


_PLANE = (
    "Place the attribute on the Better/Worse plane, cut at 0.5 on both axes: Better "
    "(upwards) says how much providing it satisfies, |Worse| (sideways) how much its absence "
    "dissatisfies.",
    "把该属性放到 Better/Worse 平面上，两条轴都在 0.5 处分开：Better（纵向）表示提供它能带来多少"
    "满意，|Worse|（横向）表示缺少它会引起多少不满。")

_WITH_RQ = (
    "It looks like you divided by all the answers, reverse and questionable ones included; "
    "Better and Worse divide by A + O + M + I only.",
    "看起来你用全部回答（包括反向和可疑回答）作了分母；Better 与 Worse 只除以 A + O + M + I。")
_OTHER_COEFFICIENT = (
    "It looks like you computed the other coefficient: Better counts A + O (satisfaction when "
    "the attribute is provided), Worse counts O + M (dissatisfaction when it is missing).",
    "看起来你算成了另一个系数：Better 计 A + O（提供该属性时的满意），Worse 计 O + M（缺少它时的"
    "不满）。")
_ONE_CATEGORY = (
    "It looks like you counted one category only: Better adds the attractive and the "
    "one-dimensional answers (A + O), Worse the one-dimensional and the must-be ones (O + M).",
    "看起来你只计了一个类别：Better 要把魅力和一元回答相加（A + O），Worse 要把一元和当然回答相加"
    "（O + M）。")
_WORSE_SIGN = (
    "The size is right, but Worse is negative by convention (Berger et al. 1993): write it "
    "as −(O + M)/(A + O + M + I).",
    "大小对了，但按惯例 Worse 取负值（Berger 等 1993）：应写作 −(O + M)/(A + O + M + I)。")

#: Diagnosis of each common mistake, by key (the answer key names the same keys).
DIAGNOSES: dict[str, tuple[str, str]] = {
    # q1, delivered value of one offer
    "q1.price_only": (
        "It looks like you subtracted only the price; total customer cost also counts the "
        "time, energy (effort) and psychic costs 时间、精力、精神成本.",
        "看起来你只减去了价格；顾客总成本还包括时间成本、精力成本和精神成本。"),
    "q1.product_only": (
        "It looks like you took the product value alone; total customer value also counts the "
        "service, personnel and image value 服务、人员、形象价值.",
        "看起来你只用了产品价值；顾客总价值还包括服务价值、人员价值和形象价值。"),
    "q1.money_only": (
        "It looks like you compared the product with its price only; delivered value weighs "
        "all four parts of value against all four parts of cost.",
        "看起来你只比较了产品与价格；让渡价值要用全部四项价值减去全部四项成本。"),
    "q1.ratio": (
        "That is the value/cost ratio TCV/TCC; the question asks for delivered value, the "
        "difference TCV − TCC.",
        "这是价值/成本比 TCV/TCC；题目问的是让渡价值，即差值 TCV − TCC。"),
    "q1.added": (
        "It looks like you added the costs to the value; the costs are subtracted: "
        "CDV = TCV − TCC.",
        "看起来你把成本加到了价值上；成本应当减去：CDV = TCV − TCC。"),
    # q2, the offer the customer chooses
    "q2.by_ratio": (
        "It looks like you chose the cheapest offer, the one with the highest value/cost ratio; "
        "Kotler's customer chooses the highest delivered value, the difference TCV − TCC (a "
        "cheap offer can give more value per yuan and still leave less value in total).",
        "看起来你选了最便宜、价值/成本比最高的方案；科特勒的顾客选择让渡价值（差值 TCV − TCC）最高"
        "的方案（便宜的方案每元换来的价值可能更多，但总的让渡价值更少）。"),
    "q2.by_total_value": (
        "It looks like you chose the offer with the most total customer value; it also costs "
        "the most: choose by value minus cost.",
        "看起来你选了顾客总价值最高的方案；它的成本也最高：应按价值减成本来选择。"),
    "q2.price_only": (
        "It looks like you subtracted only the prices; time, energy and psychic costs are "
        "costs to the customer too.",
        "看起来你只减去了价格；时间、精力和精神成本同样是顾客的成本。"),
    "q2.ratio": (
        "That looks like a value/cost ratio; the question asks for the delivered value (in ¥) "
        "of the offer the customer chooses.",
        "这看起来是价值/成本比；题目问的是顾客所选方案的让渡价值（元）。"),
    "q2.gap": (
        "That is how much more the chosen offer gives than the runner-up; the question asks "
        "for its delivered value itself.",
        "这是所选方案比第二名多出的部分；题目问的是它本身的让渡价值。"),
    # q3, total episode value
    "q3.episode_only": (
        "That is the single-episode ratio EB/ES; the relationship view adds the relationship's "
        "benefits and sacrifices: (EB + RB)/(ES + RS).",
        "这是单次交易的比值 EB/ES；关系视角还要加上关系带来的利益和付出：(EB + RB)/(ES + RS)。"),
    "q3.no_relationship_sacrifice": (
        "It looks like you left out the relationship sacrifice RS; the denominator is "
        "ES + RS.",
        "看起来你漏掉了关系付出 RS；分母是 ES + RS。"),
    "q3.no_relationship_benefits": (
        "It looks like you left out the relationship benefits RB; the numerator is EB + RB.",
        "看起来你漏掉了关系利益 RB；分子是 EB + RB。"),
    "q3.sum_of_ratios": (
        "It looks like you added the two ratios EB/ES and RB/RS; add the benefits and the "
        "sacrifices first, then divide once.",
        "看起来你把两个比值 EB/ES 与 RB/RS 相加了；应先分别把利益和付出相加，再相除一次。"),
    "q3.mean_of_ratios": (
        "It looks like you averaged the ratios EB/ES and RB/RS; total episode value is one "
        "ratio of sums, (EB + RB)/(ES + RS), which weights each ratio by its sacrifice.",
        "看起来你对 EB/ES 与 RB/RS 取了平均；总情节价值是和的比值 (EB + RB)/(ES + RS)，它按各自的"
        "付出加权。"),
    "q3.difference": (
        "It looks like you subtracted the sacrifices from the benefits; Ravald & Grönroos's "
        "total episode value is a ratio, benefits over sacrifices.",
        "看起来你用利益减去了付出；Ravald 与 Grönroos 的总情节价值是比值：利益除以付出。"),
    "q3.inverted": (
        "It looks like you divided the sacrifices by the benefits; value is benefits over "
        "sacrifices.",
        "看起来你用付出除以了利益；价值是利益除以付出。"),
    "q3.effect": (
        "That is the change the relationship brings (total episode value minus the "
        "single-episode ratio); the question asks for the total episode value itself.",
        "这是关系带来的变化（总情节价值减去单次交易比值）；题目问的是总情节价值本身。"),
    # q4 and q5, Better and Worse
    "kano.with_rq": _WITH_RQ,
    "kano.other_coefficient": _OTHER_COEFFICIENT,
    "kano.one_category": _ONE_CATEGORY,
    "kano.worse_sign": _WORSE_SIGN,
    # q5, the survey table
    "q5.whole_survey": (
        "It looks like you used all 20 guests; the question asks about the guests listed "
        "(select their rows first).",
        "看起来你用了全部 20 位客人；题目只问列出的那些客人（先选出他们的行）。"),
    # q6, by the option chosen
    "q6.secure": (
        "Securing an attribute fully is the strategy for must-be attributes: low Better, high "
        "|Worse|. " + _PLANE[0],
        "必须完全保证是当然质量的策略：Better 低，|Worse| 高。" + _PLANE[1]),
    "q6.match": (
        "Matching or beating rivals is the strategy for one-dimensional attributes: both "
        "Better and |Worse| high. " + _PLANE[0],
        "与竞争对手持平或超越是一元质量的策略：Better 和 |Worse| 都高。" + _PLANE[1]),
    "q6.win": (
        "Winning with an attribute is the strategy for attractive attributes: high Better, low "
        "|Worse|. " + _PLANE[0],
        "以此取胜是魅力质量的策略：Better 高，|Worse| 低。" + _PLANE[1]),
    "q6.skip": (
        "Not investing is the strategy for indifferent attributes: both Better and |Worse| "
        "low. " + _PLANE[0],
        "不必投入是无差异质量的策略：Better 和 |Worse| 都低。" + _PLANE[1]),
}

_KANO_HINT = (
    "Better = (A + O)/(A + O + M + I), Worse = −(O + M)/(A + O + M + I): reverse and "
    "questionable answers take no part.",
    "Better = (A + O)/(A + O + M + I)，Worse = −(O + M)/(A + O + M + I)：反向和可疑回答"
    "不参与计算。")

EXERCISE = Exercise(
    name="customer_value",
    title=("Customer value", "客户价值"),
    parameters=parameters,
    diagnoses=DIAGNOSES,
    n_variants=30,
    questions=(
        NumericQuestion(
            "q1", ("Delivered value of an offer", "一个方案的客户让渡价值"),
            hint=("Add the four parts of value (product, service, personnel, image) and the four "
                  "parts of cost (monetary, time, energy, psychic); subtract the cost from the "
                  "value.",
                  "把四项价值（产品、服务、人员、形象）相加，再把四项成本（货币、时间、精力、精神）"
                  "相加；用价值减去成本。")),
        NumericQuestion(
            "q2", ("Which offer does the customer choose?", "顾客选择哪个方案？"),
            hint=("Compute TCV − TCC for each offer; the customer takes the largest. Give that "
                  "offer's delivered value.",
                  "对每个方案计算 TCV − TCC；顾客选择最大的那个。给出该方案的让渡价值。")),
        NumericQuestion(
            "q3", ("Total episode value", "总情节价值"), decimals=3,
            hint=("Add the benefits (episode + relationship), add the sacrifices (episode + "
                  "relationship), and divide the first sum by the second.",
                  "把利益（单次 + 关系）相加，把付出（单次 + 关系）相加，再用前者除以后者。")),
        NumericQuestion("q4", ("A Kano coefficient", "卡诺系数"), decimals=3, rate_answer=True,
                        hint=_KANO_HINT),
        NumericQuestion(
            "q5", ("A coefficient from the survey table", "由调查表求系数"), decimals=3,
            rate_answer=True,
            hint=("Keep the rows of the guests listed, classify each guest's answer pair with "
                  "the evaluation table (or run kano_survey), count A, O, M, I, then "
                  + _KANO_HINT[0],
                  "只保留列出的客人所在的行，用评价表（或 kano_survey）对每位客人的一对回答分类，"
                  "统计 A、O、M、I，然后 " + _KANO_HINT[1])),
        ChoiceQuestion("q6", ("A strategy for the attribute", "该属性的策略"),
                       options=OPTION_TEXTS),
    ),
)
