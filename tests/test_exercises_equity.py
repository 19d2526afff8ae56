"""Exercise 06, customer equity 客户资产: answer key, variants, diagnoses, student files.

Expected answers come from hand calculations written out below, independent
of the crmlib functions the answer key calls: sums and annuities (q1), the
recency chain solved by back-substitution (q2), brute force over every
subset and a greedy pass written here (q3), the closed forms of BG/NBD's
conditional expected purchases (Fader, Hardie & Lee 2005, eq. 10) and of
Gamma-Gamma's conditional expected spend (Fader, Hardie & Lee 2005,
"RFM and CLV", eq. 5) on the fitted parameters (q4). The rules shared by
every exercise (answer forms, build rules, class grading) are tested in
``tests/test_exercises.py``; the end to end run in
``tests/test_exercises_equity_grading.py``.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from exercise_checks import Topic
from scipy.special import hyp2f1

import crmlib.exercises.equity
from crmlib.exercises.equity import (
    EXERCISE,
    QUESTIONS,
    check,
    numbers,
    options,
    parameters,
    portfolio_table,
    variant_of,
)

T = Topic("06_customer_equity", crmlib.exercises.equity)
EQUITY_DIR, KEY = T.folder, T.key

#: Two student numbers whose variants differ.
STUDENT_A, STUDENT_B = "2026002", "2026003"


def _ce(sizes, clvs, n, clv_new, cac, d, periods, *, start=0):
    """Customer equity by hand: segments, then cohort k discounted with exponent k - start."""
    current = sum(s * v for s, v in zip(sizes, clvs, strict=True))
    return current + sum(n * (clv_new - cac) / (1 + d) ** (k - start)
                         for k in range(1, periods + 1))


def _recency_value(p, nc, m, d, state=1):
    """V of a recency state by back-substitution: V_j = a_j + b_j V_1, V_{k+1} = 0 (lost)."""
    a, b = 0.0, 0.0  # V_{k+1}
    coef = {}
    for j in range(len(p), 0, -1):
        reward = (nc - m) if j == 1 else -m
        a, b = (reward + (1 - p[j - 1]) * a / (1 + d),
                p[j - 1] / (1 + d) + (1 - p[j - 1]) * b / (1 + d))
        coef[j] = (a, b)
    v1 = coef[1][0] / (1 - coef[1][1])
    return v1 if state == 1 else coef[state][0] + coef[state][1] * v1


def _brute_force(clv, hours, total):
    return max(sum(clv[i] for i in s) for r in range(len(clv) + 1)
               for s in combinations(range(len(clv)), r) if sum(hours[i] for i in s) <= total)


def _greedy(clv, hours, total):
    left, value = total, 0.0
    for i in sorted(range(len(clv)), key=lambda i: -clv[i] / hours[i]):
        if clv[i] > 0 and hours[i] <= left:
            left -= hours[i]
            value += clv[i]
    return value


def _cdnow_equity(p, *, margin=None, d=None, years=None):
    """Customer equity of CDNOW (thousands) from the closed forms on the fitted parameters."""
    base, bg, gg = KEY._cdnow_models(p["observation_end"])
    r, alpha, a, b = (bg.params_[k] for k in ("r", "alpha", "a", "b"))
    pp, q, gamma = (gg.params_[k] for k in ("p", "q", "gamma"))
    x, tx, T, zbar = (base[c].to_numpy(float) for c in ("frequency", "recency", "T",
                                                          "monetary_value"))

    def expected_purchases(t):
        if t == 0:
            return np.zeros_like(x)
        h = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
        num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * h)
        return num / (1 + (x > 0) * a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))

    spend = ((q - 1) / (pp * x + q - 1) * gamma * pp / (q - 1)
             + pp * x / (pp * x + q - 1) * zbar)
    m = p["margin_rate"] if margin is None else margin
    rate = p["discount_rate"] if d is None else d
    horizon = p["horizon_years"] if years is None else years
    w = p["weeks_per_year"]
    ys = [expected_purchases(w * k) for k in range(horizon + 1)]
    return sum(m * spend * (ys[k] - ys[k - 1]) / (1 + rate) ** k
               for k in range(1, horizon + 1)).sum() / 1000


# Hand calculations of every answer with the course's numbers (variant 0, no student number).
ANNUITY_5 = 1 / 1.1 + 1 / 1.1**2 + 1 / 1.1**3 + 1 / 1.1**4 + 1 / 1.1**5  # 3.790787
V1 = ((36 - 0.7 / 1.2 * (4 + 0.8 / 1.2 * 4))
      / (1 - 0.3 / 1.2 - 0.7 / 1.2 * (0.2 / 1.2 + 0.8 / 1.2 * 0.15 / 1.2)))
HAND = {
    # 200 x 500 + 800 x 120 + 500 x (-20) = 186,000; cohorts: 100 x (300 - 80) = 22,000 a year
    # at the end of years 1..5, discounted at 10%: 22,000 x 3.790787 = 83,397.31
    "q1": 186000 + 22000 * ANNUITY_5,  # 269,397.31
    # V3 = -4 + 0.15 V1/1.2; V2 = -4 + (0.2 V1 + 0.8 V3)/1.2; V1 = 36 + (0.3 V1 + 0.7 V2)/1.2
    "q2": V1,  # 32.111 / 0.604167 = 53.15
    # hours 60: A + B + D (30 + 20 + 10 h) = 6,600 + 5,000 + 3,000
    "q3a": 6600 + 5000 + 3000,  # 14,600
    # greedy by ¥ per hour: D 300, B 250, C 225 (50 h), A 220 needs 30 h > 10 left, E 150 fits
    "q3b": 14600 - (3000 + 5000 + 4500 + 1200),  # 14,600 - 13,700 = 900
    # notebook 06 prints the same base: $111,307 at a margin of 30% and 10% a year
    "q4": _cdnow_equity(parameters(0)["q4"]),  # 111.31 thousand dollars
    # firm value: 1% retention gives +4.04%, margin +1%, discount rate +0.93%, CAC +0.38%
    "q5": "A",
}


def _closed_form(qid, p):
    """An independent implementation of every answer (not crmlib.equity)."""
    if qid == "q1":
        return _ce(p["segment_sizes"], p["segment_clv"], p["new_customers"],
                   p["new_customer_clv"], p["acquisition_cost"], p["discount_rate"], p["periods"])
    if qid == "q2":
        return _recency_value(p["purchase_probabilities"], p["contribution"], p["cost"],
                              p["discount_rate"])
    if qid in ("q3a", "q3b"):
        best = _brute_force(p["clv"], p["hours"], p["total_hours"])
        return best if qid == "q3a" else best - _greedy(p["clv"], p["hours"], p["total_hours"])
    if qid == "q4":
        return _cdnow_equity(p)
    return next(k for k, v in p["options"].items() if v == "o1")  # o1: retention


def test_answer_key_matches_hand_calculations():
    assert HAND["q4"] == pytest.approx(111.307, abs=5e-4)  # notebook 06: $111,307
    T.assert_key_matches_hand(HAND, rel=1e-9)


def _agrees_with_the_key(variants, questions):
    T.assert_key_matches(_closed_form, rel=1e-9, variants=variants, questions=questions)


def test_answer_key_matches_independent_implementations_in_every_variant():
    _agrees_with_the_key(range(EXERCISE.n_variants), [q for q in QUESTIONS if q != "q4"])
    _agrees_with_the_key([1, variant_of(STUDENT_A)], ["q4"])  # the CDNOW task: two here ...


@pytest.mark.slow
def test_cdnow_equity_matches_closed_forms_in_every_variant():
    _agrees_with_the_key(range(EXERCISE.n_variants), ["q4"])  # ... and every variant (slow)


def test_every_variant_keeps_a_gap_between_exact_and_greedy():
    for variant in range(EXERCISE.n_variants):
        p = parameters(variant)["q3"]
        assert _brute_force(p["clv"], p["hours"], p["total_hours"]) > _greedy(
            p["clv"], p["hours"], p["total_hours"]), variant


@pytest.mark.parametrize("qid", QUESTIONS)
def test_hand_calculated_answer_passes(qid):
    T.assert_passes(qid, HAND[qid])


_CE = dict(sizes=(200, 800, 500), clvs=(500, 120, -20), n=100, clv_new=300, cac=80, d=0.1,
           periods=5)
_V = parameters(0)["q4"]

# (question, wrong answer worked out by hand for one mistake, words the diagnosis must use)
MISTAKES = [
    ("q1", 196000 + 22000 * ANNUITY_5, "negative CLV"),
    ("q1", 186000 + 30000 * ANNUITY_5, "acquisition cost"),
    ("q1", 186000 + 5 * 22000, "did not discount"),
    ("q1", _ce(**_CE, start=1), "start of its period"),
    ("q1", 186000 + 22000 / 0.1, "endless stream"),
    ("q1", 186000, "current customers only"),
    ("q1", 186000 + 22000 * sum(1 / 11**k for k in range(1, 6)),
     "discount rate d as a percentage (10 instead of 0.1)"),
    ("q2", _recency_value((0.3, 0.2, 0.15), 40, 4, 0.0), "did not discount"),
    ("q2", _recency_value((0.3, 0.2, 0.15), 40, 0, 0.2), "marketing cost M"),
    ("q2", V1 / 1.2, "at the end of the period"),
    ("q2", _recency_value((0.3, 0.2, 0.15), 40, 4, 0.2, state=2), "another state"),
    ("q2", 36, "one period's reward"),
    ("q2", _recency_value((0.3, 0.2, 0.15), 40, 4, 20.0),
     "discount rate d as a percentage (20 instead of 0.2)"),
    ("q3a", 13700, "greedy choice"),
    ("q3a", 6600 + 5000 + 4500 + 3000 + 1200, "without the limit on hours"),
    ("q3a", 6600 + 5000 + 4500 + 3000 + 1200 - 800, "negative CLV"),
    ("q3b", 14600, "exact value itself"),
    ("q3b", 13700, "greedy value itself"),
    ("q3b", 900 / 14600, "relative gap"),
    ("q3b", 100 * 900 / 13700, "gap in percent"),
    ("q3b", -900, "sign is wrong"),
    ("q4", _cdnow_equity(_V, margin=1.0), "revenue, not profit"),
    ("q4", _cdnow_equity(_V, d=0.0), "did not discount"),
    ("q4", 1000 * _cdnow_equity(_V), "thousands of dollars"),
    ("q4", 1000 * _cdnow_equity(_V) / 2357, "mean CLV"),
    ("q4", 244.09194, "already brought"),
    ("q4", _cdnow_equity(_V, years=1), "one year"),
    ("q4", _cdnow_equity(_V, d=10.0), "discount rate d as a percentage (10 instead of 0.1)"),
    ("q5", "B", "proportional to the margin"),
    ("q5", "C", "only for new customers"),
    ("q5", "D", "hundredth of d"),
]


@pytest.mark.parametrize("qid, answer, words", MISTAKES, ids=lambda x: str(x)[:24])
def test_each_diagnosis_fires_for_its_mistake(qid, answer, words):
    T.assert_diagnosed(qid, answer, words, HAND[qid], ("{0:.2f}", "{0:,.2f}", "{0:.1f}"))


def test_every_question_has_its_mistakes_tested():
    T.assert_every_question_has_mistakes(MISTAKES)


def test_variant_0_keeps_every_diagnosis():
    """The course's numbers tell every mistake of the answer key apart (none is left out)."""
    T.assert_variant_0_keeps_every_diagnosis()


def test_diagnoses_in_chinese():
    T.assert_messages([
        ("q1", 196000 + 22000 * ANNUITY_5, "CLV 为负"), ("q2", V1 / 1.2, "期末"),
        ("q4", 1000 * HAND["q4"], "千美元"), ("q5", "B", "利润成正比"),
        ("q1", 186000 + 22000 * sum(1 / 11**k for k in range(1, 6)),
         "折现率 d当成了百分数（用了 10 而不是 0.1）"),
    ], not_answered="q3a")


def test_unknown_question_id_is_rejected():
    T.assert_rejects_question("q6", r"question must be one of 'q1', .*'q5' .*got 'q6'")
    assert check(" Q3A ", HAND["q3a"]).passed  # case and spaces are ignored


def test_bad_variant_is_rejected():
    T.assert_rejects_variant(-1)


def test_check_all_reports_every_question():
    T.assert_check_all({"q1": HAND["q1"], "q2": ...})


def test_variants_follow_the_student_number():
    T.assert_variants_spread()
    assert variant_of(STUDENT_A) != variant_of(STUDENT_B)
    assert numbers("q2")["purchase_probabilities"] == (0.30, 0.20, 0.15)
    table = portfolio_table(numbers("q3a"))
    assert table.index.tolist() == list("ABCDEF") and table["hours"].sum() == 93
    assert options(lang="zh")["A"].startswith("保留率")


def test_two_variants_grade_each_others_answers_wrong():
    T.assert_variants_grade_apart(STUDENT_A, STUDENT_B, equal_allowed=True)


# --- the student's files hold no answer -------------------------------------------------------

def answer_pattern():
    """Every answer of every variant, at the asked precision, as text."""
    return T.answer_pattern(lambda q, v: (f"{v:.{q.decimals}f}", f"{v:,.{q.decimals}f}"))


def test_no_answer_value_in_student_facing_files():
    T.assert_no_answer_in_student_files(answer_pattern())


def test_student_notebook_holds_placeholders_and_public_tests_only():
    T.assert_student_notebook_clean(["BetaGeo().fit", '"o1"'])
