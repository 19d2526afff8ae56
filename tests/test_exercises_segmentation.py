"""Exercise 02, core customers and segmentation 核心客户识别: answer key, variants, diagnoses.

Expected answers come from hand calculations written out below, independent
of the crmlib functions the answer key calls: the two stages of
activity-based costing with numpy (q1), the growth-potential formula (q2),
the CDNOW log summed per customer and ranked with plain pandas (q3), the
recency score counted customer by customer from ``T - recency`` (q4) and the
medians of the eight customers (q5). The rules shared by every exercise
(answer forms, build rules, class grading) are tested in
``tests/test_exercises.py``; the end to end run in
``tests/test_exercises_segmentation_grading.py``.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest
from exercise_checks import Topic

import crmlib.exercises.segmentation
from crmlib.datasets import load_cdnow
from crmlib.exercises.segmentation import (
    EXERCISE,
    QUESTIONS,
    abc_tables,
    check,
    matrix_table,
    numbers,
    options,
    parameters,
    rfm_table,
    variant_of,
)

T = Topic("02_core_customers_and_segmentation", crmlib.exercises.segmentation)
SEGMENTATION_DIR, KEY = T.folder, T.key

#: Two student numbers whose variants differ.
STUDENT_A, STUDENT_B = "2026002", "2026003"


# --- independent implementations (numpy / pandas, not crmlib.value or crmlib.segmentation) ----

def _abc(p, *, whole=False):
    """Activity rates and the customer's cost to serve, the two stages written out."""
    costs = np.asarray(p["resource_costs"], dtype=float)
    drivers = np.asarray(p["resource_drivers"], dtype=float)
    shares = (drivers > 0).astype(float) if whole else drivers / drivers.sum(axis=1,
                                                                              keepdims=True)
    pools = (costs[:, None] * shares).sum(axis=0)
    rates = pools / np.asarray(p["driver_volumes"], dtype=float)
    return rates, float(np.asarray(p["usage"], dtype=float) @ rates)


def _potential(p, *, held=None, m=None):
    k = p["lines_held"] if held is None else held
    margin = p["margin"] if m is None else m
    return margin * (p["capture"] * (p["wallet"] - p["spend"])
                     + p["cross_sell_rate"] * (p["lines_offered"] - k) * p["value_per_line"])


@cache
def _cdnow(kind):
    return load_cdnow(kind)


@cache
def _top_share(end, share, *, kind="master", records=False, bottom=False):
    log = _cdnow(kind)
    if end is not None:
        log = log[log["date"] <= pd.Timestamp(end)]
    values = log["amount"] if records else log.groupby("customer_id")["amount"].sum()
    ranked = np.sort(values.to_numpy())
    if not bottom:
        ranked = ranked[::-1]
    k = share * len(ranked)
    whole = int(np.floor(k + 1e-9))
    part = ranked[:whole].sum() + (k - whole) * (ranked[whole] if whole < len(ranked) else 0)
    return float(part / ranked.sum())


def _top_r_spend(p, key="since_last"):
    """Spend of the customers with the top R score, counted as in the score's formula."""
    T, rec = np.asarray(p["T"]), np.asarray(p["recency"])
    goodness = {"since_last": -(T - rec), "reversed": T - rec, "summary_recency": rec,
                "since_first": -T}[key]  # larger is "more recent" under each reading
    n, b = len(T), p["bins"]
    worse = np.array([(goodness < g).sum() for g in goodness])
    scores = 1 + b * worse // n
    return float(np.asarray(p["spend"])[scores == b].sum())


def _cell(p):
    profit = np.subtract(p["gross_profit"], p["cost_to_serve"])
    potential = np.asarray(p["growth_potential"])
    i = p["customers"].index(p["customer"])
    high = (profit[i] > np.median(profit), potential[i] > np.median(potential))
    return {(True, True): "invest", (True, False): "maintain", (False, True): "develop",
            (False, False): "reduce"}[high]


def _independent(qid, p):
    """An independent implementation of every answer."""
    if qid == "q1a":
        return float(_abc(p)[0][("order", "delivery", "visit", "call").index(p["activity"])])
    if qid == "q1b":
        return p["sales"] - p["cogs"] - _abc(p)[1]
    if qid == "q2":
        return _potential(p)
    if qid == "q3":
        assert p["sample"] == "master"
        return _top_share(p["observation_end"], p["top_share"])
    if qid == "q4":
        return _top_r_spend(p)
    return next(k for k, v in p["options"].items() if v == _cell(p))


# Hand calculations of every answer with the course's numbers (variant 0, no student number).
HAND = {
    # call pool: 40% of the order desk's 80,000 + 25% of the sales rep's 60,000 = 47,000;
    # 47,000 / 1,000 calls
    "q1a": (0.40 * 80_000 + 0.25 * 60_000) / 1_000,  # 47
    # rates: order 0.6 x 80,000 / 2,000 = 24, delivery 48,000 / 1,600 = 30,
    # visit 0.75 x 60,000 / 300 = 150, call 47; cost to serve 30 x 24 + 40 x 30 + 6 x 150
    # + 12 x 47 = 720 + 1,200 + 900 + 564 = 3,384; gross profit 12,000 - 9,000 = 3,000
    "q1b": 3_000 - (720 + 1_200 + 900 + 564),  # -384: the customer loses money
    # 0.25 x (0.2 x (80,000 - 30,000) + 0.15 x (8 - 3) x 4,000) = 0.25 x 13,000
    "q2": 0.25 * (10_000 + 3_000),  # 3,250
    # the full CDNOW log to 1997-12-31, per customer, top 20% (4,714 of 23,570 customers)
    "q3": _top_share("1997-12-31", 0.2),
    # weeks since the last purchase (T - recency): a 8, b 56, c 1, d 72, e 25, f 4, g 54,
    # h 34, i 62, j 12; c has 9 customers who bought less recently, 1 + 5 x 9 // 10 = 5,
    # f has 8 -> 5, a has 7 -> 4: the top R score 5 goes to c and f
    "q4": 260.0 + 140.0,  # 400
    # profit after cost to serve: 3,800 2,500 900 1,200 3,100 400 300 4,300, median 1,850;
    # potential median (1,100 + 1,500) / 2 = 1,300; K3: 900 low, 3,500 high -> develop (C)
    "q5": "C",
}


def test_answer_key_matches_hand_calculations():
    assert HAND["q3"] == pytest.approx(0.6501, abs=5e-5)  # 65.0% of the spend to 1997-12-31
    T.assert_key_matches_hand(HAND, rel=1e-9)


def test_answer_key_matches_independent_implementations_in_every_variant():
    T.assert_key_matches(_independent, rel=1e-9)


def test_every_variant_tests_the_direction_of_the_recency_score():
    """Reversing R, or ranking by rfm_summary's recency column, never gives the right spend."""
    for variant in range(EXERCISE.n_variants):
        p = parameters(variant)["q4"]
        right = _top_r_spend(p)
        assert right > 0, variant  # someone always gets the top score
        for wrong in ("reversed", "summary_recency"):
            assert abs(_top_r_spend(p, wrong) - right) >= 0.03, (variant, wrong)


def test_every_variant_asks_q5_about_a_customer_whom_gross_profit_misplaces():
    """Read with gross profit as the current value, the customer of q5 lands in another cell."""
    cells = set()
    for variant in range(EXERCISE.n_variants):
        p = parameters(variant)["q5"]
        by_gross_profit = dict(p, cost_to_serve=(0.0,) * len(p["customers"]))
        assert _cell(by_gross_profit) != _cell(p), variant
        cells.add(_cell(p))
    assert cells == {"invest", "maintain", "develop", "reduce"}  # every cell is right somewhere


@pytest.mark.parametrize("qid", QUESTIONS)
def test_hand_calculated_answer_passes(qid):
    T.assert_passes(qid, HAND[qid])


_P2 = parameters(0)["q2"]
_P4 = parameters(0)["q4"]

# (question, wrong answer worked out by hand for one mistake, words the diagnosis must use)
MISTAKES = [
    ("q1a", 47_000, "cost pool"),
    ("q1a", (80_000 + 60_000) / 1_000, "whole cost of each resource"),
    ("q1a", 0.40 * 80_000 / 1_000, "left out a resource"),
    ("q1a", 0.25 * 60_000 / 1_000, "left out a resource"),
    ("q1a", 47_000 / 200, "number of customers"),
    ("q1b", 3_000 - (80_000 + 48_000 + 60_000) / 200, "equally over the customers"),
    ("q1b", 3_384, "looks like the cost to serve"),
    ("q1b", -3_384, "looks like the cost to serve"),
    ("q1b", 3_000, "gross profit alone"),
    ("q1b", 12_000 - 3_384, "started from sales"),
    # whole resources: order 80,000 / 2,000 = 40, delivery 30, visit 60,000 / 300 = 200,
    # call 140,000 / 1,000 = 140 -> 1,200 + 1,200 + 1,200 + 1,680 = 5,280
    ("q1b", 3_000 - 5_280, "whole cost of each resource to every activity"),
    ("q1b", 384, "sign is wrong"),
    ("q2", 0.25 * (0.2 * 80_000 + 3_000), "whole wallet W"),
    ("q2", 0.25 * (0.2 * 30_000 + 3_000), "spend S"),
    ("q2", 0.25 * (10_000 + 0.15 * 3 * 4_000), "already holds"),
    ("q2", 10_000 + 3_000, "revenue potential"),
    ("q2", 0.25 * 10_000, "only one source"),
    ("q2", 0.25 * 3_000, "only one source"),
    ("q2", 0.25 * (20 * 50_000 + 3_000), "as a percentage"),
    ("q2", 0.25 * (10_000 + 15 * 5 * 4_000), "as a percentage"),
    ("q2", 100 * 3_250, "factor of 100"),
    ("q3", _top_share(None, 0.2), "whole log"),
    ("q3", _top_share("1997-12-31", 0.2, records=True), "transaction records"),
    ("q3", _top_share("1997-12-31", 0.2, kind="sample"), "1/10 sample"),
    ("q3", _top_share("1997-12-31", 0.2, bottom=True), "smallest customers"),
    ("q3", 100 * _top_share("1997-12-31", 0.2), "in percent"),
    # the longest times since the last purchase: d 72, i 62
    ("q4", 35.0 + 25.0, "wrong way"),
    # the largest recency column (first to last purchase): c 73, a 70
    ("q4", 260.0 + 420.0, "recency column itself"),
    # the smallest T (first purchase): j 60, i 62
    ("q4", 150.0 + 25.0, "first purchase"),
    ("q4", 1_575.0, "every customer"),
    ("q5", "A", "Invest and keep is for customers above both lines"),
    ("q5", "B", "Maintain is for high current value"),
    ("q5", "D", "Reduce is for customers low on both axes"),
]


@pytest.mark.parametrize("qid, answer, words", MISTAKES, ids=lambda x: str(x)[:24])
def test_each_diagnosis_fires_for_its_mistake(qid, answer, words):
    T.assert_diagnosed(qid, answer, words, HAND[qid], ("{0:.2f}", "{0:,.2f}", "{0:.4f}"))


def test_every_question_has_its_mistakes_tested():
    T.assert_every_question_has_mistakes(MISTAKES)
    assert _P2["capture"] == 0.2 and _P4["bins"] == 5  # the numbers the table above uses


def test_variant_0_keeps_every_diagnosis():
    """The course's numbers tell every mistake of the answer key apart (none is left out)."""
    T.assert_variant_0_keeps_every_diagnosis()


def test_diagnoses_in_chinese():
    T.assert_messages([
        ("q1a", 140, "时间占比"), ("q1b", 2_060, "平均分摊"), ("q2", 4_750, "W − S"),
        ("q3", _top_share("1997-12-31", 0.2, records=True), "按 customer_id 分组"),
        ("q4", 60.0, "评分方向反了"), ("q4", 680.0, "首次到最后一次购买"),
        ("q5", "A", "毛利 − 服务成本"), ("q3", 100 * HAND["q3"], "百分数"),
    ], not_answered="q1a")


def test_unknown_question_id_is_rejected():
    T.assert_rejects_question("q1", r"question must be one of 'q1a', .*'q5' .*got 'q1'")
    assert check(" Q1A ", HAND["q1a"]).passed  # case and spaces are ignored


def test_bad_variant_is_rejected():
    T.assert_rejects_variant(-1)


def test_check_all_reports_every_question():
    T.assert_check_all({"q1a": HAND["q1a"], "q1b": ...})


def test_variants_follow_the_student_number():
    T.assert_variants_spread()
    assert variant_of(STUDENT_A) != variant_of(STUDENT_B)
    assert numbers("q2")["wallet"] == 80_000.0
    resources, activities = abc_tables(numbers("q1a"))
    assert resources.loc["order_desk_staff", "cost"] == 80_000
    assert activities["customer_usage"].tolist() == [30, 40, 6, 12]
    assert rfm_table(numbers("q4")).shape == (10, 4)
    assert matrix_table(numbers("q5")).loc["K3"].tolist() == [8800.0, 7900.0, 3500.0]
    assert options(lang="zh")["C"].startswith("低价值、高潜力")


def test_two_variants_grade_each_others_answers_wrong():
    T.assert_variants_grade_apart(STUDENT_A, STUDENT_B, equal_allowed=True)


# --- the student's files hold no answer -------------------------------------------------------

def answer_pattern():
    """Every answer of every variant, at the asked precision, as text."""
    return T.answer_pattern(lambda q, v: (f"{v:.{q.decimals}f}", f"{v:,.{q.decimals}f}"))


def test_no_answer_value_in_student_facing_files():
    T.assert_no_answer_in_student_files(answer_pattern())


def test_student_notebook_holds_placeholders_and_public_tests_only():
    T.assert_student_notebook_clean(["activity_rates(resources", "top_share(n", "IGNORE"])
