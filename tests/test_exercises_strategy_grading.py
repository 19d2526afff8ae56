"""Exercise 08, CRM strategy and CRM ROI (test layer 6), end to end: otter assign and otter run.

Slow (a fresh ``otter assign`` build and three ``otter run`` gradings): marked ``slow``.
The helpers and the class grader are those of the CLV exercise's end-to-end test.
"""

from __future__ import annotations

import pytest
from exercise_checks import build_tests
from test_exercises import STUDENT_A, STUDENT_B
from test_exercises_strategy import T, answer_pattern

from crmlib.exercises.strategy import variant_of

pytestmark = pytest.mark.slow

#: bob hands in the solution; erin (another variant) copies bob's numbers; alice hands in
#: the notebook untouched.
BOB, ERIN, ALICE = STUDENT_A, STUDENT_B, "2026001"
OPEN_ANSWER = "Hidden costs are paid whether or not the plan lists them."


(built, test_committed_student_files_equal_a_fresh_build,
 test_autograder_zip_holds_hidden_tests_and_the_key) = build_tests(T)


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    return T.grade_copied_class(tmp_path_factory, built, "08", alice=ALICE, bob=BOB,
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
