"""Exercise 07, loyalty measurement (test layer 6), fast part: answers, variants, diagnoses.

Expected answers come from hand calculations written out below and from an
independent implementation (numpy power iteration and pandas, not the
:mod:`crmlib.loyalty` functions the answer key calls). The grading end to
end is in ``tests/test_exercises_loyalty_grading.py``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from exercise_checks import Topic
from hypothesis import given, settings
from hypothesis import strategies as st

import crmlib.exercises.loyalty
from crmlib.datasets import load_cdnow
from crmlib.exercises.loyalty import (
    EXERCISE,
    QUESTIONS,
    check,
    judgement_table,
    numbers,
    options,
    parameters,
    variant_of,
)

T = Topic("07_loyalty_measurement", crmlib.exercises.loyalty)
LOYALTY_DIR, KEY = T.folder, T.key

#: Two students whose variants differ in every question, also in q6's letter.
STUDENT_A, STUDENT_B = "2026002", "2026005"

#: RI for n = 3 and n = 4, typed from the published tables (Saaty 1980; Chinese AHP texts;
#: Donegan & Dodd 1991).
RI = {"saaty1980": (0.58, 0.90), "chinese_texts": (0.52, 0.89), "donegan_dodd": (0.4914, 0.8286)}
MONTH = 365.2425 / 12  # days


def _matrix(judgements) -> np.ndarray:
    n = int(round((1 + (1 + 8 * len(judgements)) ** 0.5) / 2))
    a = np.ones((n, n))
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j], a[j, i] = judgements[k], 1 / judgements[k]
            k += 1
    return a


def _power(a: np.ndarray) -> tuple[float, np.ndarray]:
    """Principal eigenvalue and eigenvector (sum 1) by power iteration (Saaty 1980)."""
    w = np.full(len(a), 1 / len(a))
    for _ in range(500):
        w = a @ w / (a @ w).sum()
    return float(np.mean(a @ w / w)), w


_TX = None


def _cdnow() -> pd.DataFrame:
    global _TX
    if _TX is None:
        _TX = load_cdnow("sample")
    return _TX


def _churn(end: str, after: float, unit_days: float = MONTH) -> float:
    """Share of customers whose last purchase up to ``end`` is more than ``after`` units ago."""
    tx = _cdnow()
    stop = pd.Timestamp(end)
    last = tx[tx["date"] <= stop].groupby("customer_id")["date"].max()
    return float(((stop - last).dt.days / unit_days > after).mean())


def _independent(qid: str, p: dict) -> float | str:
    """Every answer computed without crmlib.loyalty."""
    if qid == "q1":
        points = sum(p["importance"])
        return sum(k / points * s / t
                   for k, s, t in zip(p["importance"], p["given"], p["total"], strict=True))
    if qid == "q2":
        _, w = _power(_matrix(p["judgements"]))
        return float(w[list(p["items"]).index(p["target"])])
    if qid == "q3":
        lam = max(np.linalg.eigvals(_matrix(p["judgements"])).real)
        return (lam - 3) / 2 / RI[p["random_index"]][0]
    if qid == "q4":
        values = pd.DataFrame(p["factor_values"], index=p["factors"]).T
        x = values.loc[p["customer"]] / values.max()
        s = sum(g * x[f] for g, f in zip(p["factor_weights"], p["factors"], strict=True))
        b = p["objective_weight"]
        return b * p["objective"] + (1 - b) * s
    if qid == "q5":
        return _churn(p["observation_end"], p["churn_after"])
    a = _matrix(p["judgements"])
    _, w = _power(a)
    eps = a * w[None, :] / w[:, None]
    eps = np.maximum(eps, 1 / eps)
    i, j = sorted(np.unravel_index(int(np.argmax(eps)), eps.shape))
    return next(k for k, o in p["options"].items() if o == f"o{i + 1}{j + 1}")


_GM = {  # row geometric means of the q2 matrix: price (1, 1/3, 2), quality (3, 1, 5), service
    "price": (2 / 3) ** (1 / 3), "quality": 15 ** (1 / 3), "service": 0.1 ** (1 / 3)}
# q3: for a 3 x 3 matrix lambda_max = 1 + c + 1/c with c = (a12 a23 / a13)^(1/3) = (5/12)^(1/3)
_LAMBDA = 1 + (5 / 12) ** (1 / 3) + (12 / 5) ** (1 / 3)  # 3.0858
_CI = (_LAMBDA - 3) / 2  # 0.0429
# q4: factor columns max 90, 95, 90; K3 scores 60, 95, 80; g = 0.25, 0.15, 0.60
_S = 0.25 * 60 / 90 + 0.15 * 95 / 95 + 0.60 * 80 / 90  # 0.85

# Hand calculations of every answer with the course's numbers (variant 0, no student number).
HAND = {
    # weights 5/9, 3/9, 1/9; shares 240/400 = 0.6, 9/12 = 0.75, 4/5 = 0.8
    "q1": (5 * 0.6 + 3 * 0.75 + 1 * 0.8) / 9,  # 6.05 / 9 = 0.6722
    "q2": _GM["quality"] / sum(_GM.values()),  # 0.6483
    "q3": _CI / 0.58,  # Saaty (1980) RI_3 = 0.58: 0.0739
    "q4": 0.6 * 0.63 + 0.4 * _S,  # 0.378 + 0.34 = 0.718
    # 1997-12-31, 3 months: the pandas count of the independent implementation
    "q5": _churn("1997-12-31", 3),
    # a_34 (service : delivery = 3) contradicts a_13 / a_14 = 9 / 3 and a_23 / a_24 = 5 / 2,
    # which both put service below delivery: option o34, letter F in the course's order
    "q6": "F",
}


def test_answer_key_matches_hand_calculations():
    T.assert_key_matches_hand(HAND, rel=1e-9)


def test_answer_key_matches_an_independent_implementation_in_every_variant():
    T.assert_key_matches(_independent, rel=1e-7)


@pytest.mark.parametrize("qid", QUESTIONS)
def test_hand_calculated_answer_passes(qid):
    T.assert_passes(qid, HAND[qid])


def test_every_q6_matrix_fails_the_consistency_check_with_one_clear_culprit():
    """The prompt says CR > 0.1 with any table; the largest RI_4 (0.90) gives the smallest CR."""
    for variant in range(EXERCISE.n_variants):
        a = _matrix(parameters(variant)["q6"]["judgements"])
        lam, w = _power(a)
        assert (lam - 4) / 3 / 0.90 > 0.1, variant
        eps = a * w[None, :] / w[:, None]
        top = np.sort(np.maximum(eps, 1 / eps)[np.triu_indices(4, 1)])[::-1]
        assert top[0] > 1.2 * top[1], variant  # no near tie between two judgements


# (question, wrong answer worked out by hand for one mistake, words the diagnosis must use)
MISTAKES = [
    ("q1", 5 * 0.6 + 3 * 0.75 + 1 * 0.8, "importance points themselves"),
    ("q1", (5 / 0.6 + 3 / 0.75 + 1 / 0.8) / 9, "divided T_i by S_i"),
    ("q1", (0.6 + 0.75 + 0.8) / 3, "plain mean"),
    ("q1", (240 + 9 + 4) / (400 + 12 + 5), "sum of S by the sum of T"),
    ("q1", 100 * HAND["q1"], "in percent"),
    ("q2", _GM["quality"], "not normalised"),
    ("q2", (1 / 15) ** (1 / 3) / (1.5 ** (1 / 3) + (1 / 15) ** (1 / 3) + 10 ** (1 / 3)),
     "by columns"),
    ("q2", (3 + 1 + 5) / ((1 + 1 / 3 + 2) + (3 + 1 + 5) + (0.5 + 0.2 + 1)), "row sums"),
    ("q2", 100 * HAND["q2"], "in percent"),
    ("q3", _CI, "consistency index CI"),
    ("q3", _CI / 0.52, "another random-index table"),
    ("q3", _CI / 0.4914, "another random-index table"),
    ("q3", (_LAMBDA - 3) / 3 / 0.58, "divided λmax − n by n"),
    ("q3", _CI / 0.90, "wrong row"),
    ("q3", 100 * HAND["q3"], "in percent"),
    ("q4", 0.378 + 0.4 * (0.25 * 60 + 0.15 * 95 + 0.60 * 80), "raw factor scores"),
    ("q4", 0.378 + 0.4 * (0.25 * 0.60 + 0.15 * 0.95 + 0.60 * 0.80), "top of the scale"),
    ("q4", 0.378 + 0.4 * (0.25 * 60 / 360 + 0.15 * 95 / 370 + 0.60 * 80 / 355), "sum"),
    ("q4", 0.378 + 0.4 * (0.25 * 60 / 95 + 0.15 * 95 / 95 + 0.60 * 80 / 95), "own highest"),
    ("q4", 0.4 * 0.63 + 0.6 * _S, "swapped the blend weights"),
    ("q4", _S, "subjective value alone"),
    ("q4", 100 * HAND["q4"], "in percent"),
    ("q5", _churn("1998-06-30", 3), "whole log"),
    ("q5", 1 - HAND["q5"], "still active"),
    ("q5", 1.0, "since the first purchase"),  # everyone first bought more than 3 months before
    ("q5", _churn("1997-12-31", 3, unit_days=1), "in days"),
    ("q5", 100 * HAND["q5"], "in percent"),
    ("q6", "A", "a_ij·w_j/w_i"),
    ("q6", "B", "farthest from 1"),
    ("q6", "E", "not by itself an inconsistent one"),
]


@pytest.mark.parametrize("qid, answer, words", MISTAKES, ids=lambda x: str(x)[:24])
def test_each_diagnosis_fires_for_its_mistake(qid, answer, words):
    T.assert_diagnosed(qid, answer, words, HAND[qid], ("{0:.3f}", "{0:.4f}", "{1:.1f}"))


def test_every_question_has_its_mistakes_tested():
    T.assert_every_question_has_mistakes(MISTAKES)


def test_the_sum_method_agrees_with_the_eigenvector_at_the_asked_precision_here():
    a = _matrix(parameters(0)["q2"]["judgements"])
    sum_method = (a / a.sum(axis=0)).mean(axis=1)[1]  # 和法 for quality: 0.6479
    assert check("q2", sum_method).passed


def test_variant_0_keeps_every_diagnosis():
    """The course's numbers tell every listed mistake apart, except the sum method of q2
    (tested above), which agrees with the answer there."""
    # q3: saaty2005 = chinese_texts at n = 3
    T.assert_variant_0_keeps_every_diagnosis({"q2": 1, "q3": 1}, count_percent=True)


def test_diagnoses_in_chinese():
    T.assert_messages([
        ("q1", 6.05, "重要性分数"), ("q1", 6.05, "权重之和必须为 1"),
        ("q3", _CI / 0.52, "随机一致性指标表"), ("q4", 0.378 + 0.4 * 77.25, "x / max"),
        ("q5", 100 * HAND["q5"], "小数形式"), ("q6", "A", "离 1 最远"),
    ], not_answered="q2")


def test_rounded_answers_pass_at_the_asked_precision():
    assert check("q1", 0.672).passed and check("q1", 0.673).passed
    assert not check("q1", 0.67).passed  # two units of the third decimal off
    assert check("q3", 0.0739).passed and not check("q3", 0.074 + 0.0003).passed
    assert check("q6", " f) ").passed


@pytest.mark.parametrize(
    "answer, status, words",
    [("0.718", "wrong_type", "text (a str)"), ([0.718], "wrong_type", "single number"),
     (float("nan"), "wrong_type", "not a finite number"), (-0.718, "wrong", "sign is wrong"),
     (0.5, "wrong", "Normalise each factor by its maximum")],
    ids=["text", "list", "nan", "sign", "generic"])
def test_numeric_answer_forms(answer, status, words):
    T.assert_answer_form("q4", answer, status, words)


def test_choice_answer_forms():
    T.assert_choice_answer_forms("q6", 6, "G", "A, B, C, D, E, F")


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.text(),
                 st.none(), st.booleans()))
def test_checks_never_raise_on_any_answer(answer):
    T.assert_never_raises(answer, STUDENT_A)


def test_unknown_question_and_variant_are_rejected():
    # the open question q7 has no self-check
    T.assert_rejects_question("q7", r"question must be one of 'q1', .*'q6' .*got 'q7'")
    T.assert_rejects_variant(-1)


def test_check_all_reports_every_question():
    T.assert_check_all({"q1": HAND["q1"], "q2": ...})


# --- per-student variants ---------------------------------------------------------------------

def test_variants_follow_the_student_number():
    T.assert_variants_spread()
    assert variant_of(STUDENT_A) != variant_of(STUDENT_B)
    assert numbers("q5") == {"sample": "cdnow", "freq": "M", "observation_end": "1997-12-31",
                             "churn_after": 3.0}


def test_variants_vary_every_question():
    T.assert_variants_vary()


def test_q1_shares_stay_below_one_and_weights_are_points():
    for v in range(EXERCISE.n_variants):
        p = parameters(v)["q1"]
        assert all(0 < s < t for s, t in zip(p["given"], p["total"], strict=True)), v
        assert len(set(p["importance"])) == 3 and min(p["importance"]) >= 1


def test_options_and_judgements_follow_the_variant():
    table = options()
    assert table["F"] == "a_34 = 3: service compared with delivery"
    assert options(lang="zh")["A"] == "a_12 = 2：价格与质量相比"
    assert options(STUDENT_A).tolist() != table.tolist()
    shown = judgement_table("q2")
    assert shown.loc["a_12"].tolist() == ["price", "quality", round(1 / 3, 4)]
    assert judgement_table("q3", lang="zh").columns[0] == "行元素 i"


def test_two_variants_grade_each_others_answers_wrong():
    T.assert_variants_grade_apart(STUDENT_A, STUDENT_B)


# --- the student's files hold no answer -------------------------------------------------------

def answer_pattern():
    """Every numeric answer of every variant at the asked precision, and in percent."""
    return T.answer_pattern(lambda q, v: (f"{v:.{q.decimals}f}", f"{100 * v:.1f}%"))


def test_no_answer_value_in_student_facing_files():
    T.assert_no_answer_in_student_files(answer_pattern())


def test_student_notebook_holds_placeholders_and_public_tests_only():
    T.assert_student_notebook_clean(["worst_judgement"])


def test_questions_are_read_from_the_solution():
    T.assert_questions_read()


def test_independent_helpers_on_small_cases():
    # a consistent matrix from weights 4 : 2 : 1 has lambda_max = 3 and those weights
    lam, w = _power(_matrix([2, 4, 2]))
    assert lam == pytest.approx(3.0) and w == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert _matrix([3])[1, 0] == pytest.approx(1 / 3)
