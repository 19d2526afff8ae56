"""Exercise 08, CRM strategy and CRM ROI (test layer 6), fast part: answers, diagnoses, variants.

Expected answers come from hand calculations written out below and from an
independent implementation (plain sums, a bisection for the IRR, a hand
classification of the firms), never from the crmlib functions the answer
key calls. The end to end grading is in
``tests/test_exercises_strategy_grading.py``.
"""

from __future__ import annotations

import math

import pytest
from exercise_checks import Topic, build
from hypothesis import given, settings
from hypothesis import strategies as st
from test_exercises import STUDENT_A, STUDENT_B

import crmlib.exercises.strategy
from crmlib.exercises.strategy import (
    EXERCISE,
    QUESTIONS,
    check,
    firm,
    numbers,
    options,
    parameters,
    project_table,
    variant_of,
)

T = Topic("08_crm_strategy", crmlib.exercises.strategy)
STRATEGY_DIR, KEY = T.folder, T.key

# --- the course numbers by hand (variant 0, ¥ thousand) ---------------------------------------
# I = 100 + 400 = 500 today; F_t = G_t + S_t - C_t - H_t at the end of year t:
# year 1: 100 + 40 - 60 - 80 = 0;    year 2: 180 + 80 - 60 - 40 = 160;
# year 3: 240 + 80 - 60 - 20 = 240;  years 4, 5: 260 + 80 - 60 - 20 = 260.
F = [-500, 0, 160, 240, 260, 260]
NO_HIDDEN = [-500, 80, 200, 260, 280, 280]  # H_t left out
NO_SAVINGS = [-500, -40, 80, 160, 180, 180]  # S_t left out


def _npv(flows, d):
    return sum(f / (1 + d) ** t for t, f in enumerate(flows))


def _payback(flows, d=0.0):
    """First time the cumulative (discounted) flow reaches 0, linear inside that year."""
    total = 0.0
    for t, f in enumerate(flows):
        pv = f / (1 + d) ** t
        if total + pv >= 0 and t > 0:
            return (t - 1) + -total / pv
        total += pv
    return math.inf


def _irr(flows):
    """Bisection on the NPV between -50% and +500% (the NPV falls as the rate rises here)."""
    lo, hi = -0.5, 5.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _npv(flows, mid) > 0 else (lo, mid)
    return (lo + hi) / 2


NPV_HAND = -500 + 160 / 1.1**2 + 240 / 1.1**3 + 260 / 1.1**4 + 260 / 1.1**5  # 151.57
# cumulative -500, -500, -340, -100, +160: 3 + 100/260
PAYBACK_HAND = 3 + 100 / 260  # 3.3846
# cumulative PV -500, -500, -367.77, -187.45, -9.87, +151.57: 4 + 9.87/161.44
DISC_PAYBACK_HAND = 4 + (500 - 160 / 1.1**2 - 240 / 1.1**3 - 260 / 1.1**4) / (260 / 1.1**5)
# benefits 1040 + 360 = 1400, costs 500 + 300 + 180 = 980
ROI_HAND = (1400 - 980) / 980
# Q4: N = 2000, m = 120, r = 0.75, d = 0.1; plan N' = 2200, r' = 0.80, m' = 120 x 1.1 + 15 = 147
BASE_EQUITY = 2000 * 120 / 0.35  # 685,714.29
PLAN_EQUITY = 2200 * 147 / 0.30  # 1,078,000
# Q5: 30% of 10,000 = 3,000 loyal customers more, each 200 / (1.1 - 0.85) = 800; system 1.8 M
Q5_HAND = 3000 * 800 - 1_800_000  # 600,000

HAND = {
    "q1": NPV_HAND,
    "q2a": PAYBACK_HAND,
    "q2b": DISC_PAYBACK_HAND,
    "q3": _irr(F),
    "q4": PLAN_EQUITY - BASE_EQUITY,  # 392,285.71
    "q5": Q5_HAND,
    # the car-seat supplier: daily deliveries, a plant beside the customer, linked planning
    # systems, a seven-year contract, thirty years old, similar customers -> zipper (B)
    "q6": "B",
}

#: The firms of q6 classified by hand from their descriptions (course section 6).
TYPE_OF_FIRM = {"f1": "clasp", "f2": "clasp", "f3": "zipper", "f4": "zipper",
                "f5": "velcro", "f6": "velcro"}


def _flows(p):
    invest = sum(p["investment"].values())
    return [-invest] + [g + s - c - h for g, s, c, h in zip(
        p["benefits"], p["cost_savings"], p["costs"], p["hidden_costs"], strict=True)]


def _independent(qid: str, p: dict) -> float | str:
    """Every answer from plain sums and closed forms, not crmlib."""
    if qid in ("q1", "q2a", "q2b", "q3"):
        flows, d = _flows(p), p["discount_rate"]
        return {"q1": lambda: _npv(flows, d), "q2a": lambda: _payback(flows),
                "q2b": lambda: _payback(flows, d), "q3": lambda: _irr(flows)}[qid]()
    if qid == "q4":
        d = p["discount_rate"]
        new = ((p["customers"] + p["extra_customers"])
               * (p["margin"] * (1 + p["margin_change"]) + p["cross_sell_margin"])
               / (1 + d - p["retention"] - p["retention_change"]))
        return new - p["customers"] * p["margin"] / (1 + d - p["retention"])
    if qid == "q5":
        clv = p["margin"] / (1 + p["discount_rate"] - p["retention"])
        return p["loyal_growth"] * p["loyal_customers"] * clv - p["system_cost"]
    return next(k for k, v in p["options"].items() if v == TYPE_OF_FIRM[p["firm"]])


def test_hand_numbers_are_what_the_students_see():
    table = project_table()
    net = (table["business_gain"] + table["cost_saving"] - table["explicit_cost"]
           - table["hidden_cost"] - table["investment"])
    assert net.tolist() == F
    assert _flows(parameters(0)["q1"]) == F
    assert firm().startswith("An established supplier of car seats")


def test_answer_key_matches_hand_calculations():
    T.assert_key_matches_hand(HAND, rel=1e-9)
    # the IRR: NPV at 18.59% is 0 (a bisection, checked against the rounded value)
    assert round(HAND["q3"], 4) == 0.1859 and abs(_npv(F, HAND["q3"])) < 1e-6


def test_answer_key_matches_an_independent_implementation_in_every_variant():
    T.assert_key_matches(_independent, rel=1e-9)


def test_every_variant_is_a_well_posed_project():
    """One sign change (a unique IRR), paid back inside the horizon, discounted later."""
    for variant in range(EXERCISE.n_variants):
        p = parameters(variant)["q1"]
        flows = _flows(p)
        signs = [f > 0 for f in flows if f != 0]
        assert sum(a != b for a, b in zip(signs, signs[1:], strict=False)) == 1, variant
        simple, discounted = _payback(flows), _payback(flows, p["discount_rate"])
        assert 1 < simple < discounted < len(flows) - 1, variant
        assert _npv(flows, p["discount_rate"]) > 0 and parameters(variant)["q5"]["system_cost"] > 0


@pytest.mark.parametrize("qid", QUESTIONS)
def test_hand_calculated_answer_passes(qid):
    T.assert_passes(qid, HAND[qid])


def _pv(flows, d, shift=0):
    return sum(f / (1 + d) ** (t - shift) for t, f in enumerate(flows) if t > 0)


# (question, wrong answer worked out by hand for one mistake, words the diagnosis must use)
MISTAKES = [
    ("q1", _npv(NO_HIDDEN, 0.1), "left out the hidden costs"),
    ("q1", _npv(NO_SAVINGS, 0.1), "savings in the cost to serve"),
    ("q1", _pv(F, 0.1) - 500 / 1.1, "paid today, at time 0"),
    ("q1", _pv(F, 0.1), "left out the investment"),
    ("q1", 0 + 160 + 240 + 260 + 260 - 500, "without discounting"),
    ("q1", _pv(F, 0.1, shift=1) - 500, "exponent t − 1"),
    ("q1", -500 + 160 / 11**2 + 240 / 11**3 + 260 / 11**4 + 260 / 11**5,
     "discount rate d as a percentage (10 instead of 0.1)"),
    ("q2a", DISC_PAYBACK_HAND, "discounted payback"),
    ("q2a", 2 + 220 / 260, "hidden costs"),  # cumulative -500, -420, -220, +40
    ("q2a", 4 + 120 / 180, "savings"),  # cumulative -500, -540, -460, -300, -120, +60
    ("q2a", 4, "whole number of years"),
    ("q2a", 3, "whole number of years"),
    ("q2b", PAYBACK_HAND, "simple payback"),
    ("q2b", _payback(NO_HIDDEN, 0.1), "hidden costs"),
    ("q2b", 5, "whole number of years"),
    ("q2b", 4, "whole number of years"),
    ("q3", _irr(NO_HIDDEN), "hidden costs"),
    ("q3", _irr(NO_SAVINGS), "savings"),
    ("q3", ROI_HAND, "looks like the ROI"),
    ("q3", _npv(F, 0.1) / (500 + _npv([0, 140, 100, 80, 80, 80], 0.1)), "discounted ROI"),
    ("q3", 100 * HAND["q3"], "in percent"),
    # the four levers alone: more 200 x 342.86, longer 2000 x (400 - 342.86),
    # deeper 2000 x 12 / 0.35, cross-sell 2000 x 15 / 0.35
    ("q4", 200 * 120 / 0.35 + 2000 * (120 / 0.30 - 120 / 0.35) + 2000 * 12 / 0.35
     + 2000 * 15 / 0.35, "levers interact"),
    ("q4", PLAN_EQUITY, "the equity after the plan"),
    ("q4", 2000 * 490 + 200 * 120 / 0.35 - BASE_EQUITY, "at today's CLV"),
    ("q4", 2200 * 132 / 0.30 - BASE_EQUITY, "cross-selling"),
    ("q4", 2200 * 135.1 / 0.30 - BASE_EQUITY, "as money (m + g)"),
    ("q4", 2200 * 147 * 0.8 / 0.30 - 2000 * 120 * 0.75 / 0.35, "leaves out the first margin"),
    ("q4", 2200 * 147 / (11 - 0.8) - 2000 * 120 / (11 - 0.75),
     "discount rate d as a percentage (10 instead of 0.1)"),
    ("q4", 2200 * (120 * 11 + 15) / 0.30 - BASE_EQUITY,
     "margin change g as a percentage (10 instead of 0.1)"),
    ("q5", 3000 * 800, "before the cost of the system"),
    ("q5", 10_000 * (0.6 / 4.2) * 800 - 1_800_000, "satisfaction score"),
    ("q5", 13_000 * 800 - 1_800_000, "whole equity"),
    ("q5", 3000 * 200 - 1_800_000, "one year's margin"),
    ("q5", 3000 * 200 / 0.10 - 1_800_000, "ignored retention"),
    ("q5", 3000 * 200 / 0.15 - 1_800_000, "forgot to discount"),
    ("q5", 30 * 10_000 * 800 - 1_800_000, "growth of loyal customers as a percentage (30 "
                                          "instead of 0.3)"),
    ("q6", "A", "Clasp fits"),
    ("q6", "C", "Velcro fits"),
]


@pytest.mark.parametrize("qid, answer, words", MISTAKES, ids=lambda x: str(x)[:24])
def test_each_diagnosis_fires_for_its_mistake(qid, answer, words):
    T.assert_diagnosed(qid, answer, words, HAND[qid],
                       ("{0:.2f}", "{0:,.2f}", "{0:.4f}", "{0:.1f}"))


def test_every_question_has_its_mistakes_tested():
    T.assert_every_question_has_mistakes(MISTAKES)


def test_variant_0_keeps_every_diagnosis():
    """The course's numbers tell every finite mistake of the answer key apart."""
    for q in EXERCISE.questions:
        if q.id == "q6":
            continue
        p = parameters(0)[q.id]
        listed = sum(math.isfinite(v) for vs in KEY.mistakes(q.id, p).values() for v in vs)
        kept = [v for v, _ in build.verdict_values(KEY, q, p)
                if v != "correct" and not v.startswith("percent:")]
        assert len(kept) == listed, q.id


def test_diagnoses_in_chinese():
    levers = next(answer for _, answer, words in MISTAKES if words == "levers interact")
    T.assert_messages([
        ("q1", _npv(NO_HIDDEN, 0.1), "隐性成本"), ("q1", _pv(F, 0.1) - 500 / 1.1, "时点 0"),
        ("q2b", PAYBACK_HAND, "简单回收期"), ("q3", 100 * HAND["q3"], "百分数作答"),
        ("q4", levers, "交互作用"), ("q5", 10_000 * (0.6 / 4.2) * 800 - 1_800_000, "非经济成果"),
        ("q6", "A", "扣钩适合"),
    ], not_answered="q5")
    assert options(lang="zh").tolist() == ["扣钩 (clasp)", "拉链 (zipper)", "维可牢 (Velcro)"]
    assert firm(lang="zh").startswith("一家有三十年历史的成熟汽车座椅供应商")


def test_precision_of_each_question():
    assert check("q3", round(HAND["q3"], 4)).passed
    assert not check("q3", round(HAND["q3"], 2)).passed  # the IRR is asked to four decimals
    assert check("q1", round(NPV_HAND, 2)).passed and not check("q1", NPV_HAND + 0.03).passed
    assert "Close, but" in check("q4", HAND["q4"] * 1.01).message
    assert "sign is wrong" in check("q1", -NPV_HAND).message
    assert check("q6", " b) ").passed and check("q6", 2).status == "wrong_type"


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.text(),
                 st.none(), st.lists(st.floats()), st.booleans()))
def test_checks_never_raise_on_any_answer(answer):
    T.assert_never_raises(answer, STUDENT_A)


def test_check_all_and_bad_input():
    T.assert_check_all({"q1": HAND["q1"], "q2a": ...})
    T.assert_rejects_question("q7", r"question must be one of 'q1', .*'q6' .*got 'q7'")
    T.assert_rejects_variant(-1)
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'fr'"):
        firm(lang="fr")


# --- per-student variants ---------------------------------------------------------------------

def test_variants_follow_the_student_number():
    T.assert_variants_spread()
    assert variant_of(STUDENT_A) != variant_of(STUDENT_B)
    assert numbers("q1", STUDENT_A) != numbers("q1", STUDENT_B)
    assert project_table(STUDENT_A).equals(project_table(STUDENT_A))
    assert not project_table(STUDENT_A).equals(project_table(STUDENT_B))
    firms = {parameters(v)["q6"]["firm"] for v in range(EXERCISE.n_variants)}
    assert firms == set(TYPE_OF_FIRM)  # every firm, so every type, is someone's answer


def test_two_variants_grade_each_others_answers_wrong():
    T.assert_variants_grade_apart(STUDENT_A, STUDENT_B)


# --- the student's files hold no answer -------------------------------------------------------

def answer_pattern():
    """Every numeric answer of every variant, at the asked precision, as text."""
    return T.answer_pattern(lambda q, v: (f"{v:.{q.decimals}f}", f"{v:,.{q.decimals}f}"))


def test_no_answer_value_in_student_facing_files():
    T.assert_no_answer_in_student_files(answer_pattern())


def test_student_notebook_holds_placeholders_and_public_tests_only():
    T.assert_student_notebook_clean(["recommend_strategy(*"])


def test_questions_are_read_from_the_solution():
    T.assert_questions_read()
