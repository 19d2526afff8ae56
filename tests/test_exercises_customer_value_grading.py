"""Exercise 01, customer value (test layer 6), end to end: otter assign and otter run.

Slow (a fresh ``otter assign`` build, three ``otter run`` gradings and a run
of the student notebook): marked ``slow``. The helpers and the class grader
are those of the CLV exercise's end-to-end test.
"""

from __future__ import annotations

import pytest
from exercise_checks import build_tests, cell, with_student
from test_exercises_customer_value import STUDENT_A, STUDENT_B, T, answer_pattern

from crmlib.exercises.customer_value import variant_of

pytestmark = pytest.mark.slow

#: bob hands in the solution; erin (another variant) copies bob's numbers; alice hands in
#: the notebook untouched.
BOB, ERIN, ALICE = STUDENT_A, STUDENT_B, "2026001"
OPEN_ANSWER = "Guests now expect fast Wi-Fi; the hotel must keep up with its rivals."


(built, test_committed_student_files_equal_a_fresh_build,
 test_autograder_zip_holds_hidden_tests_and_the_key) = build_tests(T)


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    return T.grade_copied_class(tmp_path_factory, built, "01", alice=ALICE, bob=BOB,
                                erin=ERIN, open_answer=OPEN_ANSWER)


def test_solution_gets_full_marks_through_otter_run(graded):
    T.assert_full_marks(graded[0]["bob/student"], 10, BOB)


def test_untouched_student_notebook_scores_0_without_crashing(graded):
    T.assert_scores_0_unanswered(graded[0]["alice/student"])


def test_answers_copied_from_another_variant_are_graded_wrong(graded):
    assert variant_of(ERIN) != variant_of(BOB)
    T.assert_graded_wrong(graded[0]["erin/student"], answer_pattern())


def test_open_answer_is_exported_for_hand_grading(graded):
    _, out = graded
    text = (out / "open_answers.csv").read_text(encoding="utf-8")
    assert OPEN_ANSWER in text
    assert "q7" in text


def test_student_notebook_runs_and_its_public_checks_diagnose(tmp_path):
    """The student's own run: every cell runs; a check names the mistake, never the answer."""
    nb = with_student(T.notebook(), STUDENT_A)
    cell(nb, "answer-q3").source = (
        'q3 = n["episode_benefits"] / n["episode_sacrifice"]')  # the single episode only
    cell(nb, "answer-q2").source = (  # chosen by the ratio
        "ratio = offers.iloc[:, :4].sum(axis=1) / offers.iloc[:, 4:].sum(axis=1)\n"
        "best = ratio.idxmax()\n"
        "q2 = float(offers.loc[best].iloc[:4].sum() - offers.loc[best].iloc[4:].sum())")
    shown = T.run_student_notebook(nb, tmp_path, answer_pattern())
    assert "single-episode ratio EB/ES" in shown["check-q3"]
    assert "highest value/cost ratio" in shown["check-q2"]
    assert "Not answered yet" in shown["check-q1"]
