"""Exercise 03, the customer lifecycle, end to end: otter assign, otter run on two submissions.

The class-grading features themselves (zips, rosters, broken files, the
summary) are tested on exercise 04 in ``tests/test_exercises_grading.py``;
here a fresh build of exercise 03 is compared with the committed files and
``otter run`` grades the solution and an untouched student notebook. Slow
(one ``otter assign``, two ``otter run``): marked ``slow``.
"""

from __future__ import annotations

import pytest
from exercise_checks import build_tests
from test_exercises_lifecycle import STUDENT_A, T, answer_pattern

pytestmark = pytest.mark.slow

#: Autograded points of the exercise (q7 is graded by hand).
POINTS = 1 + 2 + 2 + 2 + 2 + 1


(built, test_committed_student_files_equal_a_fresh_build,
 test_autograder_zip_holds_hidden_tests_and_the_key) = build_tests(T)


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    """bob hands in the solution (his own variant), alice the untouched student notebook."""
    return T.grade_solution_and_untouched(tmp_path_factory, built, "03", STUDENT_A)


def test_solution_gets_full_marks_through_otter_run(graded):
    T.assert_full_marks(graded[0]["bob/student"], POINTS, STUDENT_A)


def test_untouched_student_notebook_scores_0_without_crashing(graded):
    report = graded[0]["alice/student"]
    T.assert_scores_0_unanswered(report)
    assert report["variant"] == 0 and report["max_score"] == POINTS


def test_grades_show_no_answer_and_export_the_open_question(graded):
    T.assert_grades_hide_answers_and_export_open(graded[1], answer_pattern(), "q7")
