"""Exercise 03, the customer lifecycle (test layer 6), fast part: answers, variants, diagnoses.

Expected answers come from hand calculations written out below and from an
independent implementation (numpy sums, pandas groupby counts, a
Kaplan-Meier product and the stage rules written out again, not the
:mod:`crmlib.lifecycle` functions the answer key calls). The grading end to
end is in ``tests/test_exercises_lifecycle_grading.py``.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pandas as pd
import pytest
from exercise_checks import Topic
from hypothesis import given, settings
from hypothesis import strategies as st

import crmlib.exercises.lifecycle
from crmlib.datasets import load_cdnow
from crmlib.exercises.lifecycle import (
    EXERCISE,
    OPTIONS,
    QUESTIONS,
    check,
    history_table,
    numbers,
    options,
    parameters,
    path_table,
    variant_of,
)
from crmlib.lifecycle import classify_stage

T = Topic("03_customer_lifecycle", crmlib.exercises.lifecycle)
LIFECYCLE_DIR, KEY = T.folder, T.key

#: Two students whose variants (8 and 16) differ in every answer, also in q6's letter.
STUDENT_A, STUDENT_B = "2026001", "2026005"
MONTH = 365.2425 / 12  # days


# --- an independent implementation ------------------------------------------------------------

def _path(p: dict) -> tuple[np.ndarray, np.ndarray]:
    """Profit of every period and its discount factor (1 + d)^-t, t = 1 .. n."""
    profits = np.repeat(np.subtract(p["revenue_levels"], p["cost_levels"]), p["stage_lengths"])
    return profits, (1 + p["discount_rate"]) ** -np.arange(1.0, profits.size + 1)


_TX: dict[str, pd.DataFrame] = {}


def _cdnow() -> pd.DataFrame:
    if "log" not in _TX:
        _TX["log"] = load_cdnow()
    return _TX["log"]


@cache
def _cohort_counts(cohort: str, age: int) -> tuple[int, int]:
    """Customers first seen in ``cohort`` (a month) who bought ``age`` months on, and all of
    them."""
    tx = _cdnow()
    month = tx["date"].dt.to_period("M")
    first = month.groupby(tx["customer_id"]).transform("min")
    mine = tx[first == pd.Period(cohort, "M")]
    active = mine.loc[month[mine.index] == pd.Period(cohort, "M") + age, "customer_id"]
    return active.nunique(), mine["customer_id"].nunique()


def _cohort_share(cohort: str, age: int) -> float:
    active, size = _cohort_counts(cohort, age)
    return active / size


@cache
def _lifetimes(end: str, churn_after: int) -> pd.DataFrame:
    """Per customer, in weeks (Monday to Sunday): last active age, follow-up, churned, duration."""
    tx = _cdnow()
    seen = tx[tx["date"] <= pd.Timestamp(end)]
    week = seen["date"].dt.to_period("W-SUN")
    span = week.groupby(seen["customer_id"]).agg(["min", "max"])
    last_age = (span["max"] - span["min"]).apply(lambda x: x.n)
    follow = (pd.Period(end, "W-SUN") - span["min"]).apply(lambda x: x.n)
    churned = follow - last_age >= churn_after
    duration = np.where(churned, last_age + 1, np.maximum(follow - churn_after + 1, 0))
    return pd.DataFrame({"last_age": last_age, "churned": churned, "duration": duration})


def _km(end: str, churn_after: int, age: int) -> float:
    """Kaplan-Meier: the product over weeks 1 .. age of 1 - churned / at risk."""
    life = _lifetimes(end, churn_after)
    s = 1.0
    for t in range(1, age + 1):
        at_risk = int((life["duration"] >= t).sum())
        s *= 1 - int((life["churned"] & (life["duration"] == t)).sum()) / at_risk
    return s


def _naive(end: str, churn_after: int, age: int) -> float:
    """Share of all customers seen buying at ``age`` or later (censoring ignored)."""
    return float((_lifetimes(end, churn_after)["last_age"] >= age).mean())


def _stage(p: dict) -> str:
    """The stage rules of the prompt, applied to the purchase days (a month = 30.44 days)."""
    rules = p["rules"]
    end = pd.Timestamp(p["as_of"])
    bought = history_table(p).groupby("date")["amount"].sum()
    days = np.array([(end - d).days for d in bought.index], dtype=float)  # days before as_of
    amount = bought.to_numpy()
    tenure = days.max() / MONTH
    if tenure <= rules["exploration"]:
        return "exploration"
    if days.size == 1:
        return "decline"
    gap = (days.max() - days.min()) / (days.size - 1) / MONTH
    if days.min() / MONTH > rules["inactivity_ratio"] * max(gap, 1.0):
        return "decline"
    repeat = days < days.max()
    recent = repeat & (days < rules["window"] * MONTH)
    earlier = repeat & ~recent
    earlier_months = tenure - rules["window"]

    def trend(weights: np.ndarray) -> float:
        now = weights[recent].sum() / rules["window"]
        before = weights[earlier].sum() / earlier_months
        return now / before if before > 0 else (math.inf if now > 0 else math.nan)

    trends = (trend(np.ones(days.size)), trend(amount))
    if any(t < rules["falling"] for t in trends):
        return "decline"
    if any(t >= rules["rising"] for t in trends):
        return "formation"
    return "stability"


def _independent(qid: str, p: dict) -> float | str:
    """Every answer computed without crmlib.lifecycle."""
    if qid in ("q1", "q2", "q3"):
        profits, factor = _path(p)
        value = np.cumsum(profits * factor)
        if qid == "q1":
            return float(np.flatnonzero(value >= 0)[0] + 1)
        if qid == "q2":
            return float(value[-1])
        end = int(np.cumsum(p["stage_lengths"])[OPTIONS.index(p["early_end_stage"])])
        return float(value[-1] - value[end - 1])
    if qid == "q4":
        return _cohort_share(p["cohort"], p["age"])
    if qid == "q5":
        return _km(p["observation_end"], p["churn_after"], p["age"])
    stage = _stage(p)
    return next(letter for letter, option in p["options"].items() if option == stage)


# --- hand calculations with the course's numbers (variant 0, no student number) ---------------

# The path of notebook 03: periods 2, 3, 5, 2; revenue 20, 60, 90, 50; cost 80, 40, 25, 25:
# profits -60, -60 | 20, 20, 20 | 65 x 5 | 25, 25; d = 10% a period, profit at period end.
_PV = [-60 / 1.1, -60 / 1.1**2, 20 / 1.1**3, 20 / 1.1**4, 20 / 1.1**5,
       65 / 1.1**6, 65 / 1.1**7, 65 / 1.1**8, 65 / 1.1**9, 65 / 1.1**10,
       25 / 1.1**11, 25 / 1.1**12]
# cumulative: -54.55, -104.13, -89.11, -75.45, -63.03, -26.34, +7.02 (period 7), ...
_V5 = -60 / 1.1 - 60 / 1.1**2 + 20 / 1.1**3 + 20 / 1.1**4 + 20 / 1.1**5  # -63.03
_V6 = _V5 + 65 / 1.1**6  # -26.34
_V7 = _V6 + 65 / 1.1**7  # +7.02
_VALUE = sum(_PV)  # 106.70
# q3 ends with formation (period 5): it loses periods 6 .. 12
_LOST = 65 * sum(1.1**-t for t in range(6, 11)) + 25 * (1.1**-11 + 1.1**-12)  # 169.72
# q6: the course customer bought every 10 days from 370 to 100 days before 2025-06-30 (28
# purchase days), then 75, 45 and 15 days before. Tenure 370 / 30.44 = 12.16 months; the usual
# gap (370 - 15) / 30 = 11.8 days counts as 1 month, so 15 days of silence is no decline; the
# last 3 months (91.31 days) hold 3 repeat purchases, 1.0 a month, against 27 in the 9.16
# months before, 2.95 a month: trend 0.34 < 0.5 -> decline, letter D in the course's order.
_TREND = (3 / 3) / (27 / (370 / MONTH - 3))

HAND = {
    "q1": 7.0,
    "q2": _VALUE,
    "q3": _LOST,
    # February 1997 cohort at age 3 (May 1997): the pandas count of the independent
    # implementation
    "q4": _cohort_share("1997-02", 3),
    # weeks, churn after 12 silent weeks, observed to 1997-12-31, age 36
    "q5": _km("1997-12-31", 12, 36),
    "q6": "D",
}


def test_hand_calculations_are_consistent():
    assert _V6 < 0 <= _V7 and _VALUE == pytest.approx(_V7 + sum(_PV[7:]))
    assert _LOST == pytest.approx(_VALUE - _V5)
    assert _TREND == pytest.approx(0.3391, abs=1e-4) and _TREND < 0.5
    p = parameters(0)["q6"]
    table = classify_stage(history_table(p), as_of=p["as_of"]).table
    assert table["frequency_trend"].iloc[0] == pytest.approx(_TREND)
    assert table["stage"].iloc[0] == "decline" and table["rule"].iloc[0] == 5


def test_answer_key_matches_hand_calculations():
    T.assert_key_matches_hand(HAND, rel=1e-9)


def test_answer_key_matches_an_independent_implementation_in_every_variant():
    T.assert_key_matches(_independent, rel=1e-9)


@pytest.mark.parametrize("qid", QUESTIONS)
def test_hand_calculated_answer_passes(qid):
    T.assert_passes(qid, HAND[qid])


_MAY = _cohort_counts("1997-02", 3)[0]  # February customers active in May 1997

# (question, wrong answer worked out by hand for one mistake, words the diagnosis must use)
MISTAKES = [
    # undiscounted cumulative profit: -60, -120, -100, -80, -60, +5 in period 6
    ("q1", 6.0, "without discounting"),
    ("q1", 3.0, "own profit R_t − C_t is positive"),  # period 3, the first of formation
    ("q1", 700.0, "Off by a factor of 100"),
    ("q2", -60 - 60 + 20 * 3 + 65 * 5 + 25 * 2, "did not discount"),  # 315
    ("q2", _VALUE * 1.1, "discounted from period 0"),
    ("q2", 20 / 1.1 + 20 / 1.1**2 + 60 * sum(1.1**-t for t in range(3, 6))
     + 90 * sum(1.1**-t for t in range(6, 11)) + 50 * (1.1**-11 + 1.1**-12), "revenue"),
    ("q2", _VALUE + 60 / 1.1 + 60 / 1.1**2, "left out the periods with a loss"),
    ("q2", sum(p / 11**t for t, p in enumerate([-60, -60, 20, 20, 20, 65, 65, 65, 65, 65, 25, 25],
                                               start=1)), "as a percentage (10 instead of 0.1)"),
    ("q3", _V5, "still earns up to its early end"),
    ("q3", _VALUE, "value of the full path"),
    ("q3", 65 * 5 + 25 * 2, "did not discount"),  # 375
    ("q3", _LOST + 20 / 1.1**5, "one period too early or too late"),  # ends after period 4
    ("q3", _LOST - 65 / 1.1**6, "one period too early or too late"),  # ends after period 6
    ("q3", _LOST * 1.1, "discounted from period 0"),
    ("q3", -_LOST, "sign is wrong"),
    ("q4", _MAY / _cdnow()["customer_id"].nunique(), "divided by all customers"),
    ("q4", float(_MAY), "number of customers"),
    ("q4", _cohort_share("1997-02", 2), "acquisition month as month 1"),
    ("q4", 100 * HAND["q4"], "in percent"),
    ("q5", _naive("1997-12-31", 12, 36), "naive share"),
    ("q5", _km("1998-06-30", 12, 36), "whole log"),
    ("q5", 1 - HAND["q5"], "share that has churned"),
    ("q5", _km("1997-12-31", 12, 35), "neighbouring age"),
    ("q5", _km("1997-12-31", 12, 37), "neighbouring age"),
    ("q6", "A", "Exploration is decided by the first purchase alone"),
    ("q6", "B", "Formation needs the recent purchases or spend"),
    ("q6", "C", "Stability is what is left"),
]


@pytest.mark.parametrize("qid, answer, words", MISTAKES, ids=lambda x: str(x)[:24])
def test_each_diagnosis_fires_for_its_mistake(qid, answer, words):
    T.assert_diagnosed(qid, answer, words, HAND[qid], ("{0:.2f}", "{0:.3f}", "{1:.1f}"))


def test_every_question_has_its_mistakes_tested():
    T.assert_every_question_has_mistakes(MISTAKES)


def test_q4_mistakes_by_hand_definitions():
    """The cohort mistakes of the key equal their definitions counted with pandas."""
    tx = _cdnow()
    month = tx["date"].dt.to_period("M")
    first = month.groupby(tx["customer_id"]).transform("min")
    feb = tx[first == pd.Period("1997-02", "M")]
    age = (month[feb.index] - pd.Period("1997-02", "M")).apply(lambda x: x.n)
    size = feb["customer_id"].nunique()
    m = KEY.mistakes("q4", parameters(0)["q4"])
    assert m["q4.transactions"] == [pytest.approx(int((age == 3).sum()) / size)]
    assert m["q4.at_or_after"] == [pytest.approx(feb.loc[age >= 3, "customer_id"].nunique()
                                                 / size)]
    # calendar: months counted from January 1997, so age 3 is read in April for every cohort
    assert m["q4.calendar"] == [pytest.approx(_cohort_share("1997-02", 2))]


def test_q1_counting_from_zero_is_diagnosed_where_it_is_told_apart():
    """Variant 9: the undiscounted break-even is the discounted one, so t* - 1 is only the
    slip of counting from 0."""
    student = next(str(s) for s in range(2026000, 2026100) if variant_of(str(s)) == 9)
    p = parameters(9)["q1"]
    t = KEY.answer("q1", p)
    assert _independent("q1", {**p, "discount_rate": 0.0}) == t
    res = check("q1", t - 1, student=student)
    assert res.status == "wrong" and "counted the periods from 0" in res.message


def test_variant_0_keeps_every_diagnosis_but_the_coinciding_ones():
    """The course's numbers tell every listed mistake apart, except q1's count from 0, which
    gives the undiscounted break-even (6) there, and q4's calendar months, which read the
    month the count from 1 reads."""
    T.assert_variant_0_keeps_every_diagnosis({"q1": 1, "q4": 1})


def test_diagnoses_in_chinese():
    T.assert_messages([
        ("q1", 6.0, "没有折现"), ("q2", _VALUE * 1.1, "从第 0 期开始折现"),
        ("q3", _VALUE, "完整路径的价值"), ("q4", _MAY / 23_570, "群组的人数"),
        ("q5", _naive("1997-12-31", 12, 36), "朴素比例"), ("q6", "A", "考察期只看首次购买"),
    ], not_answered="q2")


def test_rounded_answers_pass_at_the_asked_precision():
    assert check("q2", round(_VALUE, 2)).passed and check("q2", _VALUE + 0.009).passed
    assert not check("q2", _VALUE + 0.03).passed
    assert check("q4", round(HAND["q4"], 3)).passed
    assert not check("q4", HAND["q4"] + 0.003).passed
    assert check("q1", 7).passed and not check("q1", 7.05).passed
    assert check("q6", " d) ").passed


@pytest.mark.parametrize(
    "answer, status, words",
    [("106.70", "wrong_type", "text (a str)"), ([106.7], "wrong_type", "single number"),
     (float("nan"), "wrong_type", "not a finite number"), (-_VALUE, "wrong", "sign is wrong"),
     (50.0, "wrong", "Add the discounted profits")],
    ids=["text", "list", "nan", "sign", "generic"])
def test_numeric_answer_forms(answer, status, words):
    T.assert_answer_form("q2", answer, status, words)


def test_choice_answer_forms():
    T.assert_choice_answer_forms("q6", 4, "E", "A, B, C, D")


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.text(),
                 st.none(), st.booleans()))
def test_checks_never_raise_on_any_answer(answer):
    T.assert_never_raises(answer, STUDENT_A)


def test_unknown_question_language_and_variant_are_rejected():
    # the open question q7 has no self-check
    T.assert_rejects_question("q7", r"question must be one of 'q1', .*'q6' .*got 'q7'")
    with pytest.raises(ValueError, match="lang"):
        check("q1", 7, lang="fr")
    T.assert_rejects_variant(-1)


def test_check_all_reports_every_question():
    T.assert_check_all({"q1": HAND["q1"], "q2": ...})


# --- per-student variants ---------------------------------------------------------------------

def test_variants_follow_the_student_number():
    T.assert_variants_spread()
    assert (variant_of(STUDENT_A), variant_of(STUDENT_B)) == (8, 16)
    assert numbers("q5") == {"period": "W", "churn_after": 12, "observation_end": "1997-12-31",
                             "age": 36}
    assert numbers("q2") == numbers("q1") == numbers("q3")  # one relationship


def test_variants_vary_every_question():
    T.assert_variants_vary()
    answers = {KEY.answer("q6", parameters(v)["q6"]) for v in range(EXERCISE.n_variants)}
    stages = {parameters(v)["q6"]["options"][KEY.answer("q6", parameters(v)["q6"])]
              for v in range(EXERCISE.n_variants)}
    assert answers == set("ABCD") and stages == set(OPTIONS)


def test_every_path_breaks_even_and_every_early_end_is_early():
    for v in range(EXERCISE.n_variants):
        p = parameters(v)["q1"]
        profits, factor = _path(p)
        assert (profits * factor).sum() > 0 and profits[0] < 0, v
        end = int(np.cumsum(p["stage_lengths"])[OPTIONS.index(p["early_end_stage"])])
        assert end < profits.size, v
        # even with d entered in percent the path stays computable (no break-even then)
        assert (profits * (1 + 100 * p["discount_rate"]) ** -np.arange(1.0, profits.size + 1)
                ).sum() < 0, v


def test_censoring_matters_at_every_asked_age():
    """At each variant's age the naive share is at least 5 units of the third decimal below
    Kaplan-Meier, and the earliest customers are still followed there."""
    for v in range(EXERCISE.n_variants):
        p = parameters(v)["q5"]
        km = _km(p["observation_end"], p["churn_after"], p["age"])
        naive = _naive(p["observation_end"], p["churn_after"], p["age"])
        assert km - naive >= 0.005, (v, km, naive)
        life = _lifetimes(p["observation_end"], p["churn_after"])
        assert (life["duration"] > p["age"]).sum() >= 100, v


@pytest.mark.parametrize("change", [
    {"exploration": 3.3}, {"inactivity_ratio": 1.7}, {"inactivity_ratio": 2.3},
    {"rising": 1.15}, {"rising": 1.4}, {"falling": 0.4}, {"falling": 0.6}])
def test_q6_stage_does_not_hang_on_a_threshold(change):
    """Every variant's customer keeps the stage when a threshold moves by 10-20% (the window
    is left alone: it moves whole purchases in or out)."""
    for v in range(EXERCISE.n_variants):
        p = parameters(v)["q6"]
        rules = {**p["rules"], **change}
        stage = classify_stage(history_table(p), as_of=p["as_of"], **rules).table["stage"]
        assert stage.iloc[0] == p["options"][KEY.answer("q6", p)], (v, change)


def test_tables_and_options_follow_the_variant():
    assert path_table(numbers("q1")).loc["stability"].tolist() == [5.0, 90.0, 25.0]
    history = history_table(numbers("q6"))
    assert len(history) == 31 and history["amount"].eq(30.0).all()
    assert history["date"].min() == pd.Timestamp("2025-06-30") - pd.Timedelta(days=370)
    assert options().index.tolist() == list("ABCD")
    assert options()["D"].startswith("Decline 退化期")
    assert options(lang="zh")["A"].startswith("考察期")
    assert options(STUDENT_A).tolist() != options().tolist()


def test_two_variants_grade_each_others_answers_wrong():
    T.assert_variants_grade_apart(STUDENT_A, STUDENT_B)


# --- the student's files hold no answer -------------------------------------------------------

def answer_pattern():
    """Every numeric answer of every variant at the asked precision, and the rates in
    percent (the break-even periods are small whole numbers, shown as 7.00)."""
    return T.answer_pattern(lambda q, v: (f"{v:.{q.decimals}f}",
                                          *([f"{100 * v:.1f}%"] if q.rate_answer else [])))


def test_no_answer_value_in_student_facing_files():
    T.assert_no_answer_in_student_files(answer_pattern())


def test_student_notebook_holds_placeholders_and_public_tests_only():
    T.assert_student_notebook_clean(["break_even_period", "survival_at", "lost_value"])


def test_questions_are_read_from_the_solution():
    T.assert_questions_read()


def test_independent_helpers_on_small_cases():
    # two periods of -10 and +30 at 0%: cumulative -10, 20 -> break-even in period 2
    p = {"stage_lengths": (1, 1, 0, 0), "revenue_levels": (0.0, 40.0, 0.0, 0.0),
         "cost_levels": (10.0, 10.0, 0.0, 0.0), "discount_rate": 0.0,
         "early_end_stage": "exploration"}
    assert _independent("q1", p) == 2.0 and _independent("q2", p) == 20.0
    assert _independent("q3", p) == 30.0
    # a customer who bought once, a year before: decline (an early end in exploration)
    one = {"as_of": "2025-06-30", "purchases": (("2024-06-30", 10.0),), "rules": {
        "exploration": 3.0, "window": 3.0, "inactivity_ratio": 2.0, "rising": 1.25,
        "falling": 0.5}}
    assert _stage(one) == "decline"
