"""Exercise 01, customer value (test layer 6), fast part: answers, variants, diagnoses.

Expected answers come from hand calculations written out below and from an
independent implementation (plain Python, with Berger et al.'s evaluation
table typed from the paper, not the :mod:`crmlib.value` functions the answer
key calls). The grading end to end is in
``tests/test_exercises_customer_value_grading.py``.
"""

from __future__ import annotations

import pytest
from exercise_checks import Topic
from hypothesis import given, settings
from hypothesis import strategies as st

import crmlib.exercises.customer_value
from crmlib.exercises.customer_value import (
    COMPONENTS,
    EXERCISE,
    QUESTIONS,
    check,
    numbers,
    offers_table,
    options,
    parameters,
    survey_rows,
    variant_of,
)
from crmlib.value import example_kano_survey

T = Topic("01_customer_value", crmlib.exercises.customer_value)
VALUE_DIR, KEY = T.folder, T.key

#: Two students whose variants differ in every question, also in q6's letter.
STUDENT_A, STUDENT_B = "2026002", "2026005"

#: Berger et al. (1993), the evaluation table typed from the paper: rows functional,
#: columns dysfunctional, both in the order like, must-be, neutral, live-with, dislike.
ANSWERS = ("like", "must-be", "neutral", "live-with", "dislike")
BERGER = ("QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ")

#: The course's strategy per category (notebook 01), by q6's option ids.
STRATEGY = {"M": "secure", "O": "match", "A": "win", "I": "skip"}


def _category(functional: str, dysfunctional: str) -> str:
    return BERGER[ANSWERS.index(functional)][ANSWERS.index(dysfunctional)]


def _counts(attribute: str, respondents) -> dict[str, int]:
    """Categories of the listed guests' answer pairs, counted by hand from the export."""
    rows = example_kano_survey().loc[list(respondents)]
    counts = dict.fromkeys("AOMIRQ", 0)
    for f, d in zip(rows[f"{attribute}_functional"], rows[f"{attribute}_dysfunctional"],
                    strict=True):
        counts[_category(f, d)] += 1
    return counts


def _coefficient(counts, which: str) -> float:
    base = counts["A"] + counts["O"] + counts["M"] + counts["I"]
    if which == "better":
        return (counts["A"] + counts["O"]) / base
    return -(counts["O"] + counts["M"]) / base


def _cdv(parts) -> float:
    return sum(parts[:4]) - sum(parts[4:])


def _independent(qid: str, p: dict) -> float | str:
    """Every answer computed without crmlib.value."""
    if qid == "q1":
        return _cdv([p[c] for c in COMPONENTS])
    if qid == "q2":
        return max(_cdv(parts) for parts in p["offers"].values())
    if qid == "q3":
        return ((p["episode_benefits"] + p["relationship_benefits"])
                / (p["episode_sacrifice"] + p["relationship_sacrifice"]))
    if qid == "q4":
        return _coefficient(p["counts"], p["coefficient"])
    if qid == "q5":
        return _coefficient(_counts(p["attribute"], p["respondents"]), p["coefficient"])
    high_better, high_worse = p["better"] >= 0.5, -p["worse"] >= 0.5
    category = {(True, False): "A", (True, True): "O", (False, True): "M",
                (False, False): "I"}[(high_better, high_worse)]
    return next(k for k, o in p["options"].items() if o == STRATEGY[category])


# Hand calculations of every answer with the exercise's own numbers (variant 0).
HAND = {
    # TCV = 4200 + 800 + 500 + 700 = 6200; TCC = 3999 + 300 + 200 + 150 = 4649
    "q1": 6200 - 4649,  # 1551
    # department store 7000 - 6200 = 800 (ratio 1.129); brand store 6200 - 4900 = 1300
    # (1.265); online shop 3800 - 2900 = 900 (1.310): the brand store
    "q2": 1300.0,
    "q3": (80 + 24) / (50 + 8),  # 104 / 58 = 1.7931
    # A 8, O 14, M 11, I 5 (R 2, Q 2 left out): base 38
    "q4": -(14 + 11) / 38,  # -0.6579
    # robot concierge, guests 1-12: like/neutral 6 and like/live-with 2 (A = 8),
    # neutral/neutral 3 (I = 3), dislike/neutral 1 (R = 1): Better = 8 / 11
    "q5": 8 / 11,  # 0.7273
    # Better 0.24 < 0.5, |Worse| 0.81 >= 0.5: must-be, "secure it fully", letter C
    "q6": "C",
}


def test_answer_key_matches_hand_calculations():
    T.assert_key_matches_hand(HAND, rel=1e-12)


def test_answer_key_matches_an_independent_implementation_in_every_variant():
    T.assert_key_matches(_independent, rel=1e-12)


@pytest.mark.parametrize("qid", QUESTIONS)
def test_hand_calculated_answer_passes(qid):
    T.assert_passes(qid, HAND[qid])


def test_hand_counts_of_the_survey_rows():
    """The counts behind HAND["q5"], and the whole survey's, from the export by hand."""
    assert _counts("robot_concierge", range(1, 13)) == {"A": 8, "O": 0, "M": 0, "I": 3,
                                                         "R": 1, "Q": 0}
    assert _counts("robot_concierge", range(1, 21)) == {"A": 11, "O": 2, "M": 0, "I": 5,
                                                        "R": 1, "Q": 1}


# (question, wrong answer worked out by hand for one mistake, words the diagnosis must use)
MISTAKES = [
    ("q1", 6200 - 3999, "subtracted only the price"),
    ("q1", 4200 - 4649, "product value alone"),
    ("q1", 4200 - 3999, "product with its price only"),
    ("q1", 6200 / 4649, "value/cost ratio"),
    ("q1", 6200 + 4649, "added the costs"),
    ("q1", -1551, "sign is wrong"),
    ("q2", 900.0, "highest value/cost ratio"),  # the online shop, also the cheapest
    ("q2", 800.0, "most total customer value"),  # the department store
    ("q2", 1900.0, "subtracted only the prices"),  # brand store 6200 - 4300
    ("q2", 6200 / 4900, "value/cost ratio"),
    ("q2", 3800 / 2900, "value/cost ratio"),
    ("q2", 1300.0 - 900.0, "runner-up"),
    ("q3", 80 / 50, "single-episode ratio"),
    ("q3", 104 / 50, "relationship sacrifice RS"),
    ("q3", 80 / 58, "relationship benefits RB"),
    ("q3", 80 / 50 + 24 / 8, "added the two ratios"),
    ("q3", (80 / 50 + 24 / 8) / 2, "averaged the ratios"),
    ("q3", 104 - 58, "subtracted the sacrifices"),
    ("q3", 58 / 104, "divided the sacrifices by the benefits"),
    ("q3", 104 / 58 - 80 / 50, "change the relationship brings"),
    ("q4", 25 / 38, "Worse is negative by convention"),
    ("q4", -25 / 42, "reverse and questionable ones included"),
    ("q4", 25 / 42, "reverse and questionable ones included"),
    ("q4", -22 / 38, "the other coefficient"),
    ("q4", -11 / 38, "one category only"),
    ("q4", -100 * 25 / 38, "in percent"),
    ("q5", 13 / 18, "all 20 guests"),
    ("q5", 8 / 12, "reverse and questionable ones included"),
    ("q5", 0.0, "the other coefficient"),  # O + M = 0 among guests 1-12
    ("q5", 100 * 8 / 11, "in percent"),
    ("q6", "A", "strategy for attractive attributes"),
    ("q6", "B", "strategy for one-dimensional attributes"),
    ("q6", "D", "strategy for indifferent attributes"),
]


@pytest.mark.parametrize("qid, answer, words", MISTAKES, ids=lambda x: str(x)[:24])
def test_each_diagnosis_fires_for_its_mistake(qid, answer, words):
    T.assert_diagnosed(qid, answer, words, HAND[qid], ("{0:.2f}", "{0:.3f}", "{0:g}", "{1:.1f}"))


def test_every_question_has_its_mistakes_tested():
    T.assert_every_question_has_mistakes(MISTAKES)


def test_variant_0_keeps_every_diagnosis_but_the_coinciding_ones():
    """The exercise's numbers tell every listed mistake apart, except those that give another
    one's number: q2's cheapest offer is also the one with the best ratio, and among guests
    1-12 no one answered O or M, so q5's "one category only" (A alone) is Better itself and
    "the other coefficient" is 0 with either sign."""
    T.assert_variant_0_keeps_every_diagnosis({"q2": 1, "q5": 2}, count_percent=True)


def test_diagnoses_in_chinese():
    T.assert_messages([
        ("q1", 2201, "时间成本"), ("q2", 900, "价值/成本比最高"), ("q3", 1.6, "单次交易的比值"),
        ("q4", 25 / 38, "按惯例 Worse 取负值"), ("q5", 13 / 18, "全部 20 位客人"),
        ("q6", "A", "魅力质量的策略"),
    ], not_answered="q2")


def test_rounded_answers_pass_at_the_asked_precision():
    assert check("q1", 1551.01).passed and not check("q1", 1551.03).passed
    assert check("q3", 1.793).passed and check("q3", 1.794).passed
    assert not check("q3", 1.79).passed  # three units of the third decimal off
    assert check("q4", -0.658).passed and check("q6", " c) ").passed


@pytest.mark.parametrize(
    "answer, status, words",
    [("1.793", "wrong_type", "text (a str)"), ([1.793], "wrong_type", "single number"),
     (float("inf"), "wrong_type", "not a finite number"), (-104 / 58, "wrong", "sign is wrong"),
     (1.0, "wrong", "Add the benefits")],
    ids=["text", "list", "inf", "sign", "generic"])
def test_numeric_answer_forms(answer, status, words):
    T.assert_answer_form("q3", answer, status, words)


def test_result_object_instead_of_its_value_is_named():
    from crmlib.value import relationship_value

    res = check("q3", relationship_value(80, 24, 50, 8))
    assert res.status == "wrong_type" and ".value" in res.message


def test_choice_answer_forms():
    T.assert_choice_answer_forms("q6", 3, "E", "A, B, C, D")


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.text(),
                 st.none(), st.booleans()))
def test_checks_never_raise_on_any_answer(answer):
    T.assert_never_raises(answer, STUDENT_A)


def test_unknown_question_language_and_variant_are_rejected():
    # the open question q7 has no self-check
    T.assert_rejects_question("q7", r"question must be one of 'q1', .*'q6' .*got 'q7'")
    with pytest.raises(ValueError, match="lang"):
        check("q1", 1.0, lang="fr")
    T.assert_rejects_variant(-1)
    T.assert_rejects_variant(True)


def test_check_all_reports_every_question():
    T.assert_check_all({"q1": HAND["q1"], "q2": ...})


# --- per-student variants ---------------------------------------------------------------------

def test_variants_follow_the_student_number():
    T.assert_variants_spread()
    assert variant_of(STUDENT_A) != variant_of(STUDENT_B)
    assert numbers("q3") == {"episode_benefits": 80.0, "relationship_benefits": 24.0,
                             "episode_sacrifice": 50.0, "relationship_sacrifice": 8.0}


def test_variants_vary_every_question():
    T.assert_variants_vary()


def test_q2_offers_set_the_traps_in_every_variant():
    """In every variant the best ratio (the cheapest offer's) and the most value each point to
    another offer than the best delivered value, with clear gaps, so the diagnoses can tell
    them apart."""
    for v in range(EXERCISE.n_variants):
        offers = parameters(v)["q2"]["offers"]
        cdv = {k: _cdv(parts) for k, parts in offers.items()}
        ratio = {k: sum(parts[:4]) / sum(parts[4:]) for k, parts in offers.items()}
        value = {k: sum(parts[:4]) for k, parts in offers.items()}
        best = max(cdv, key=cdv.get)
        cheapest = min(offers, key=lambda k: offers[k][4])
        assert max(ratio, key=ratio.get) == cheapest != best, v
        assert max(value, key=value.get) != best, v
        ranked = sorted(cdv.values(), reverse=True)
        assert ranked[0] - ranked[1] >= 150 and ranked[2] > 0, v


def test_q5_and_q6_stay_away_from_degenerate_numbers():
    for v in range(EXERCISE.n_variants):
        p5 = parameters(v)["q5"]
        assert abs(_independent("q5", p5)) >= 0.05, v  # never a coefficient of about 0
        assert 12 <= len(p5["respondents"]) <= 16 and len(set(p5["respondents"])) == len(
            p5["respondents"])
        p6 = parameters(v)["q6"]
        assert abs(p6["better"] - 0.5) >= 0.1 and abs(-p6["worse"] - 0.5) >= 0.1, v
    assert {_independent("q6", parameters(v)["q6"]) for v in range(30)} == set("ABCD")
    assert {parameters(v)["q5"]["coefficient"] for v in range(30)} == {"better", "worse"}
    assert {parameters(v)["q4"]["coefficient"] for v in range(30)} == {"better", "worse"}


def test_tables_lay_out_the_numbers_of_the_variant():
    table = offers_table()
    assert table.loc["brand store"].tolist() == [4200.0, 900.0, 600.0, 500.0,
                                                 4300.0, 300.0, 200.0, 100.0]
    assert offers_table(lang="zh").index.tolist() == ["百货商场", "品牌专卖店", "网店"]
    rows = survey_rows(STUDENT_A)
    assert rows.index.tolist() == list(numbers("q5", STUDENT_A)["respondents"])
    assert rows.columns.tolist() == example_kano_survey().columns.tolist()
    assert options(lang="zh")["C"].startswith("必须完全保证")
    assert options(STUDENT_A).tolist() != options().tolist()


def test_two_variants_grade_each_others_answers_wrong():
    T.assert_variants_grade_apart(STUDENT_A, STUDENT_B)


# --- the student's files hold no answer -------------------------------------------------------

def answer_pattern():
    """Every numeric answer of every variant at the asked precision, and in percent."""
    return T.answer_pattern(lambda q, v: (f"{v:.{q.decimals}f}",
                                          *([f"{100 * v:.1f}%"] if q.decimals > 2 else [])))


def test_no_answer_value_in_student_facing_files():
    T.assert_no_answer_in_student_files(answer_pattern())


def test_student_notebook_holds_placeholders_and_public_tests_only():
    T.assert_student_notebook_clean(["kano_quadrant(n"])


def test_questions_are_read_from_the_solution():
    T.assert_questions_read()


def test_independent_helpers_on_small_cases():
    # Berger et al.'s table: the diagonal corners are questionable, like/dislike one-dimensional
    assert _category("like", "like") == _category("dislike", "dislike") == "Q"
    assert _category("like", "dislike") == "O" and _category("neutral", "dislike") == "M"
    assert _category("like", "neutral") == "A" and _category("dislike", "like") == "R"
    assert _coefficient({"A": 10, "O": 5, "M": 3, "I": 2}, "worse") == pytest.approx(-0.4)
    assert _cdv([60, 20, 0, 0, 50, 10, 0, 0]) == 20
