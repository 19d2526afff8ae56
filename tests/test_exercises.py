"""Exercises (test layer 6), fast part: self-checks, answer key, variants, build rules.

Expected answers come from hand calculations written out below, independent
of the crmlib functions the answer key calls. The grading end to end
(otter assign / otter run, a class folder, the wheel) is in
``tests/test_exercises_grading.py``.
"""

from __future__ import annotations

import csv
import math
import zipfile
from types import SimpleNamespace

import pytest
from exercise_checks import Topic, build, grade
from hypothesis import given, settings
from hypothesis import strategies as st

import crmlib.exercises.clv
from crmlib.clv import retention_clv
from crmlib.exercises import CheckResult, Exercise, NumericQuestion
from crmlib.exercises._core import ROSTER_VARIABLE
from crmlib.exercises.clv import (
    QUESTIONS,
    check,
    numbers,
    options,
    parameters,
    variant_of,
)

T = Topic("04_customer_lifetime_value", crmlib.exercises.clv)
CLV_DIR, KEY = T.folder, T.key

#: Two students whose variants differ (21 and 26), also in the letter that answers q6.
STUDENT_A, STUDENT_B = "2026002", "2026003"


def _payback(cac: float, m: float, r: float, d: float) -> float:
    """Payback by hand: add m r^(i-1) / (1+d)^i month by month, interpolate in the last month."""
    total, i = 0.0, 0
    while True:
        i += 1
        step = m * r ** (i - 1) / (1 + d) ** i
        if total + step >= cac:
            return (i - 1) + (cac - total) / step
        total += step


# Hand calculations of every answer with the course's numbers (variant 0, no student number).
HAND = {
    # (500+0)/1.08 + (600+50)/1.08^2 + (650+100)/1.08^3 + (700+100)/1.08^4
    "q1": 500 / 1.08 + 650 / 1.08**2 + 750 / 1.08**3 + 800 / 1.08**4,  # 2203.63
    # revenue 1320 / 11 orders = 120; 11 orders / 5 customers / 2 years = 1.1 a year;
    # spans 730, 365, 0, 73, 0 days -> (2 + 1 + 0 + 0.2 + 0) / 5 = 0.64 years
    "q2": 120 * 1.1 * 0.64 - 30,  # 54.48
    "q3": 800 * 0.30 / (1 + 0.12 - 0.75),  # 240 / 0.37 = 648.65
    "q4a": 0.85 / (1 + 0.12 - 0.85),  # 0.85 / 0.27 = 3.148
    "q4b": 240 * (0.85 / 0.27 - 0.75 / 0.37),  # 755.56 - 486.49 = 269.07
    "q5a": 30 / (1 + 0.01 - 0.90) / 110,  # 272.73 / 110 = 2.479
    "q5b": _payback(110, 30, 0.90, 0.01),  # 4.49 months
    # sum_{i>=1} m r^i/(1+d)^i = m r/(1+d-r): the first margin already paid, later ones at
    # period ends -> option C in the course's order
    "q6": "C",
}


def _closed_form(qid: str, p: dict) -> float | str:
    """An independent implementation of every answer (closed forms, not crmlib)."""
    if qid == "q1":
        flows = zip(p["profits"], p["benefits"], strict=True)
        return sum((pi + b) / (1 + p["discount_rate"]) ** i
                   for i, (pi, b) in enumerate(flows, start=1))
    if qid == "q2":  # the shop table scaled: value 120 k, frequency 1.1, lifespan 0.64 years
        return 120 * p["amount_scale"] * 1.1 * 0.64 - p["acquisition_cost"]
    if qid == "q3":
        return p["revenue"] * p["margin_rate"] / (1 + p["discount_rate"] - p["retention"])
    if qid in ("q4a", "q4b"):
        d = p["discount_rate"]
        after = p["retention_after"] / (1 + d - p["retention_after"])
        before = p["retention_before"] / (1 + d - p["retention_before"])
        return after if qid == "q4a" else p["margin"] * (after - before)
    if qid == "q5a":
        return p["margin"] / (1 + p["discount_rate"] - p["retention"]) / p["acquisition_cost"]
    if qid == "q5b":
        return _payback(p["acquisition_cost"], p["margin"], p["retention"], p["discount_rate"])
    # option o3 (C in the course's order): the first margin already paid, the rest at period ends
    return next(k for k, v in p["options"].items() if v == "o3")


def test_answer_key_matches_hand_calculations():
    T.assert_key_matches_hand(HAND, rel=1e-12)


def test_answer_key_matches_closed_forms_in_every_variant():
    T.assert_key_matches(_closed_form, rel=1e-9)


@pytest.mark.parametrize("qid", QUESTIONS)
def test_hand_calculated_answer_passes(qid):
    T.assert_passes(qid, HAND[qid])


# (question, wrong answer worked out by hand for one mistake, words the diagnosis must use)
MISTAKES = [
    ("q1", 500 + 650 + 750 + 800, "without discounting"),
    ("q1", 500 / 1.08 + 600 / 1.08**2 + 650 / 1.08**3 + 700 / 1.08**4, "non-sales benefits"),
    ("q1", 500 + 650 / 1.08 + 750 / 1.08**2 + 800 / 1.08**3, "exponent i − 1"),
    ("q1", 500 / 9 + 650 / 9**2 + 750 / 9**3 + 800 / 9**4,
     "discount rate d as a percentage (8 instead of 0.08)"),
    ("q2", 120 * 1.1 * 0.64, "acquisition cost"),
    ("q2", 120 * 1.1 * (3.2 / 3) - 30, "repeat customers only"),
    ("q2", 120 * 2.2 * 0.64 - 30, "whole observation period"),
    ("q2", 1320 / 5 * 1.1 * 0.64 - 30, "number of customers"),
    ("q2", 120 * 1.1 * 0.64 * 365 - 30, "in days"),
    ("q3", 240 * 1.12 / 0.37, "counted the first payment at the start of the period"),
    ("q3", 240 * 0.75 / 0.37, "r^i"),
    ("q3", 240 * 1.12**0.5 / 0.37, "middle"),
    ("q3", 800 / 0.37, "revenue instead of margin"),
    ("q3", 240 / (1 - 0.75), "forgot to discount"),
    ("q3", 240 * 0.75 / 0.12, "instead of r^(i−1)"),
    ("q3", 240 / 0.12, "ignored retention"),
    ("q3", 800 * 30 / 0.37, "margin rate as a percentage (30 instead of 0.3)"),
    ("q3", 240 / (1 + 12 - 0.75), "discount rate d as a percentage (12 instead of 0.12)"),
    ("q4a", 1 / 0.27, "1/(1 + d − r)"),
    ("q4a", 1.12 / 0.27, "(1 + d)/(1 + d − r)"),
    ("q4a", 0.85 / 0.15, "discount rate"),
    ("q4a", 0.85 / 1.97, "sign of r"),
    ("q4a", 0.85 / (1 + 12 - 0.85), "as a percentage (12 instead of 0.12)"),
    ("q4b", 240 * 0.85 / 0.27, "new retention rate"),
    ("q4b", (0.85 / 0.27) / (0.75 / 0.37) - 1, "relative change"),
    ("q4b", 100 * ((0.85 / 0.27) / (0.75 / 0.37) - 1), "percentage change"),
    ("q4b", 0.85 / 0.27 - 0.75 / 0.37, "change in the multiple"),
    ("q4b", 240 * (1 / 0.27 - 1 / 0.37), "1/(1 + d − r) instead"),
    ("q4b", 240 * (0.85 / 0.15 - 0.75 / 0.25), "discount rate"),
    ("q5a", (30 / 0.11 - 110) / 110, "subtracted the acquisition cost"),
    ("q5a", 110 / (30 / 0.11), "upside down"),
    ("q5a", 30 / 0.10 / 110, "forgot to discount"),
    ("q5a", 30 * 0.9 / 0.11 / 110, "first month"),
    ("q5a", 30 / 0.11, "CLV itself"),
    ("q5a", 30 / (1 + 1 - 0.9) / 110, "as a percentage (1 instead of 0.01)"),
    ("q5b", 110 / 30, "divided the CAC by the monthly margin"),
    ("q5b", _payback(110, 30, 0.90, 0.0), "ignored discounting"),
    ("q5b", _payback(110, 30, 1.0, 0.01), "ignored retention"),
    ("q5b", 5, "whole number of months"),
    ("q5b", 4, "whole number of months"),
    ("q6", "A", "no r in it"),
    ("q6", "B", "undiscounted"),
    ("q6", "D", "(1 + d)^(1/2)"),
]


@pytest.mark.parametrize("qid, answer, words", MISTAKES, ids=lambda x: str(x)[:24])
def test_each_diagnosis_fires_for_its_mistake(qid, answer, words):
    T.assert_diagnosed(qid, answer, words, HAND[qid], ("{0:.2f}", "{0:,.2f}", "{0:.1f}"))


def test_every_question_has_its_mistakes_tested():
    T.assert_every_question_has_mistakes(MISTAKES)


def test_diagnoses_in_chinese():
    T.assert_messages([
        ("q3", 240 * 1.12 / 0.37, "期初"), ("q3", 240 * 1.12 / 0.37, "题目"),
        ("q1", 500 / 9 + 650 / 9**2 + 750 / 9**3 + 800 / 9**4,
         "折现率 d当成了百分数（用了 8 而不是 0.08）"),
    ], not_answered="q3")


@pytest.mark.parametrize(
    "answer, status, words",
    [
        (..., "not_answered", "Not answered yet"),
        (None, "not_answered", "Not answered yet"),
        ("648.65", "wrong_type", "text (a str)"),
        (retention_clv(240, 0.75, 0.12), "wrong_type", ".value"),
        ([648.65], "wrong_type", "single number"),
        (True, "wrong_type", "single number"),
        (float("nan"), "wrong_type", "not a finite number"),
        (-240 / 0.37, "wrong", "sign is wrong"),
        (2.4 / 0.37, "wrong", "factor of 100"),
        (240 / 0.37 * 1.01, "wrong", "Close, but"),
        (123.0, "wrong", "weight year i's margin by the chance"),
    ],
    ids=["ellipsis", "none", "text", "result-object", "list", "bool", "nan", "sign",
         "hundredth", "close", "generic"],
)
def test_numeric_answer_forms(answer, status, words):
    T.assert_answer_form("q3", answer, status, words)


def test_answer_a_hundred_times_too_large():
    res = check("q4a", 100 * 0.85 / 0.27)
    assert res.status == "wrong" and "factor of 100" in res.message
    # for q3 the same slip is the margin rate entered in percent, which is named instead
    assert "margin rate as a percentage" in check("q3", 24000 / 0.37).message


def test_rounded_answers_pass_at_the_asked_precision():
    assert check("q3", 648.65).passed  # 648.6486 to two decimals
    assert check("q3", 648.64).passed  # one unit of the second decimal off
    assert not check("q3", 648.62).passed  # three units off
    assert check("q5a", 2.48).passed  # 2.4793 to two decimals
    assert check("q6", " c ").passed


def test_choice_answer_forms():
    T.assert_choice_answer_forms("q6", 3, "E")


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.text(),
                 st.none(), st.lists(st.floats()), st.booleans()))
def test_checks_never_raise_on_any_answer(answer):
    T.assert_never_raises(answer, STUDENT_A)


def test_unknown_question_id_is_rejected():
    T.assert_rejects_question("q9", r"question must be one of 'q1', .*'q6' .*got 'q9'")
    assert check(" Q4A ", HAND["q4a"]).passed  # case and spaces are ignored


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'fr'"):
        check("q1", 1.0, lang="fr")


def test_bad_variant_is_rejected():
    T.assert_rejects_variant(-1)


def test_result_displays():
    res = CheckResult("q1", "wrong", "a < b", "Title")
    assert repr(res) == "✘ q1 (Title): a < b" and str(res) == repr(res)
    assert "a &lt; b" in res._repr_html_()
    assert res.to_dict() == {"question": "q1", "title": "Title", "status": "wrong",
                             "passed": False, "message": "a < b"}


def test_check_all_reports_every_question():
    answers = {"q1": HAND["q1"], "q2": ...}
    T.assert_check_all(answers)
    assert "is not defined" in T.module.check_all(answers)["message"].iloc[2]


# --- per-student variants ---------------------------------------------------------------------

def test_variants_follow_the_student_number():
    T.assert_variants_spread()
    assert variant_of(" 2026002 ") == variant_of("2026002") == variant_of(2026002) == 21
    assert variant_of(STUDENT_B) == 26
    assert numbers("q3") == {"revenue": 800.0, "margin_rate": 0.30, "retention": 0.75,
                             "discount_rate": 0.12}
    assert numbers("q3", STUDENT_A) != numbers("q3", STUDENT_B)


def test_options_follow_the_variant():
    assert options().tolist()[2].startswith("The first margin has already been paid")
    assert options(STUDENT_A).index.tolist() == ["A", "B", "C", "D"]
    assert options(STUDENT_A, lang="zh")["B"].startswith("第一笔利润今天已经收到")


def test_two_variants_grade_each_others_answers_wrong():
    T.assert_variants_grade_apart(STUDENT_A, STUDENT_B)


def test_hidden_test_follows_the_roster_number(monkeypatch):
    answer_a = KEY.answer("q3", parameters(variant_of(STUDENT_A))["q3"])
    KEY.assert_correct("q3", answer_a, STUDENT_A)
    monkeypatch.setenv(ROSTER_VARIABLE, STUDENT_B)  # the roster says this is student B
    with pytest.raises(AssertionError, match="Not yet"):
        KEY.assert_correct("q3", answer_a, STUDENT_A)
    monkeypatch.setenv("CRMLAB_LANG", "zh")
    with pytest.raises(AssertionError, match="尚未作答"):
        KEY.assert_correct("q3", ..., STUDENT_A)


# --- generic rules, on a small exercise built here --------------------------------------------

def _demo(question: NumericQuestion, answer, mistakes=None):
    def params(variant):
        return {question.id: {"retention": 0.75 if variant == 0 else 0.6, "lost": 0.25}}

    exercise = Exercise("demo", ("Demo", "示例"), (question,), params,
                        {"demo.one_minus": ("Subtract from one.", "用一减。")}, n_variants=2)
    key = SimpleNamespace(EXERCISE=exercise, answer=answer,
                          mistakes=mistakes or (lambda qid, p: {}))
    return Exercise("demo", exercise.title, exercise.questions, params, exercise.diagnoses,
                    n_variants=2, table=build.build_table(key)), key


def test_rate_given_in_percent_is_diagnosed():
    q = NumericQuestion("q1", ("Retention", "保留率"), ("Read it off.", "读出来。"), decimals=3,
                        rate_answer=True)
    ex, _ = _demo(q, lambda qid, p: 1 - p["lost"])
    assert ex.check("q1", 0.75).passed
    res = ex.check("q1", 75)
    assert res.status == "wrong" and "in percent (75 for 0.75)" in res.message
    assert "百分数作答" in ex.check("q1", 75.0, lang="zh").message


def test_rate_entered_in_percent_is_diagnosed_for_every_rate():
    q = NumericQuestion("q1", ("Lifetime", "生命周期"), ("1/(1 − r).", "1/(1 − r)。"),
                        rates={"retention": ("the retention rate r", "保留率 r")})
    ex, _ = _demo(q, lambda qid, p: 1 / (1 - p["retention"]))
    assert ex.check("q1", 4.0).passed
    res = ex.check("q1", 1 / (1 - 75))  # 75 entered for 0.75
    assert "retention rate r as a percentage (75 instead of 0.75)" in res.message
    assert not ex.check("q1", 4.0, student="x").passed  # another variant, other numbers


def test_build_keeps_one_verdict_per_number():
    q = NumericQuestion("q1", ("t", "t"), ("h", "h"))
    key = SimpleNamespace(
        answer=lambda qid, p: 4.0,
        # 4.01 is the right number at two decimals; 7.00 and 7.01 are one number there
        mistakes=lambda qid, p: {"demo.right_anyway": [4.01], "demo.first": [7.0],
                                 "demo.second": [7.01, 9.0]})
    pairs = build.verdict_values(key, q, {})
    assert pairs == [("correct", 4.0), ("demo.first", 7.0), ("demo.second", 9.0)]
    with pytest.raises(build.BuildError, match="no diagnosis 'demo.unknown'"):
        _demo(q, lambda qid, p: 1.0, lambda qid, p: {"demo.unknown": [2.0]})


def test_variant_0_keeps_every_diagnosis():
    """The course's numbers tell every mistake of the answer key apart (none is left out)."""
    T.assert_variant_0_keeps_every_diagnosis()


def test_checks_need_the_built_table():
    q = NumericQuestion("q1", ("t", "t"), ("h", "h"))
    ex = Exercise("not_built", ("t", "t"), (q,), lambda v: {"q1": {}}, {})
    with pytest.raises(FileNotFoundError, match="self-checks of exercise 'not_built' are not "
                                                "installed"):
        ex.check("q1", 1.0)


# --- the student's files hold no answer -------------------------------------------------------

def answer_pattern():
    """Every answer of every variant, at the asked precision, as a whole number in text."""
    return T.answer_pattern(lambda q, v: (f"{v:.{q.decimals}f}", f"{v:,.{q.decimals}f}"))


def test_no_answer_value_in_student_facing_files():
    T.assert_no_answer_in_student_files(answer_pattern())


def test_student_notebook_holds_placeholders_and_public_tests_only():
    T.assert_student_notebook_clean()


# --- class grading helpers (no grading run) ---------------------------------------------------

def test_collect_gives_every_notebook_a_distinct_stable_id(tmp_path):
    for who in ("alice", "bob"):
        (tmp_path / "class" / who).mkdir(parents=True)
        (tmp_path / "class" / who / "student.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "class" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "class" / ".ipynb_checkpoints" / "student-checkpoint.ipynb").write_text("{}")
    with zipfile.ZipFile(tmp_path / "lms.zip", "w") as zf:
        zf.writestr("carol/student.ipynb", "{}")
        zf.writestr("alice/student.ipynb", "{}")  # the same id as in the folder
        zf.writestr("../evil.ipynb", "{}")
        zf.writestr("__MACOSX/carol/._student.ipynb", "")
    subs = grade.collect([tmp_path / "class", tmp_path / "lms.zip"], tmp_path / "scratch")
    ids = [s.id for s in subs]
    assert len(ids) == len(set(ids)) == 4
    assert "bob/student" in ids and "carol/student" in ids
    assert [i for i in ids if i.endswith("alice/student.ipynb")] == [
        str(tmp_path / "class" / "alice" / "student.ipynb"), "lms.zip!alice/student.ipynb"]
    assert not (tmp_path / "evil.ipynb").exists()


def test_roster_is_read_and_checked(tmp_path):
    roster = tmp_path / "roster.csv"
    with roster.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["submission", "student_id"], ["alice", " 2026001 "]])
    ids = grade.read_roster(roster)
    assert grade._roster_id(ids, "alice/student") == "2026001"
    assert grade._roster_id(ids, "bob/student") == ""
    roster.write_text("name,number\nalice,1\n", encoding="utf-8")
    with pytest.raises(grade.GradeError, match="must have the columns submission and student_id"):
        grade.read_roster(roster)


def test_grade_reports_missing_paths(tmp_path):
    with pytest.raises(grade.GradeError, match="does not exist"):
        grade.collect([tmp_path / "nope"], tmp_path)
    assert grade.main([str(tmp_path), "--exercise", "99", "--out", str(tmp_path)]) == 2


def test_questions_are_read_from_the_solution():
    T.assert_questions_read()


def test_math_of_payback_hand_helper():
    # 300 of cost, 100 a period, no churn, no discounting: exactly 3 periods
    assert math.isclose(_payback(300, 100, 1.0, 0.0), 3.0)
