"""Exercise 08, CRM strategy and CRM ROI (test layer 6), end to end: otter assign and otter run.

Slow (a fresh ``otter assign`` build and three ``otter run`` gradings): marked ``slow``.
The helpers and the class grader are those of the CLV exercise's end-to-end test.
"""

from __future__ import annotations

import pytest
from exercise_checks import built_fixture, with_student
from test_exercises import STUDENT_A, STUDENT_B
from test_exercises_strategy import T, answer_pattern

from crmlib.exercises.strategy import variant_of

pytestmark = pytest.mark.slow

#: bob hands in the solution; erin (another variant) copies bob's numbers; alice hands in
#: the notebook untouched.
BOB, ERIN, ALICE = STUDENT_A, STUDENT_B, "2026001"
OPEN_ANSWER = "Hidden costs are paid whether or not the plan lists them."


built = built_fixture(T)


def test_committed_student_files_equal_a_fresh_build(built):
    changed, _ = built
    assert changed == [], "run `make exercises` and commit"


def test_autograder_zip_holds_hidden_tests_and_the_key(built):
    T.assert_autograder_zip(built[1])


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    student = T.notebook()
    erin = T.copied_answers(with_student(student, ERIN), BOB, OPEN_ANSWER)  # bob's, as typed
    notebooks = {"alice": with_student(student, ALICE),
                 "bob": with_student(T.notebook("solution"), BOB), "erin": erin}
    return T.grade_class(notebooks, tmp_path_factory.mktemp("class") / "download", "08",
                         built[1])


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
