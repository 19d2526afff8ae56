"""Exercise 06, customer equity, end to end: a fresh build, then otter run on a small class.

The solution gets full marks through ``otter run`` with the autograder zip,
and the untouched student notebook runs without crashing and scores 0.
Slow (``otter assign`` and two ``otter run`` gradings): marked ``slow``.
"""

from __future__ import annotations

import pytest
from exercise_checks import build_tests, with_student
from test_exercises_equity import STUDENT_A, T

pytestmark = pytest.mark.slow

#: Autograded points of the exercise (q6 is graded by hand).
POINTS = 2 + 2 + 1 + 1 + 2 + 1


(built, test_committed_student_files_equal_a_fresh_build,
 test_autograder_zip_holds_hidden_tests_and_the_key) = build_tests(T)


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    """bob hands in the solution, alice the untouched student notebook."""
    notebooks = {"bob": with_student(T.notebook("solution"), STUDENT_A),
                 "alice": with_student(T.notebook(), "2026001")}
    return T.grade_class(notebooks, tmp_path_factory.mktemp("equity") / "class", "06",
                         built[1])


def test_solution_gets_full_marks_through_otter_run(graded):
    T.assert_full_marks(graded[0]["bob/student"], POINTS, STUDENT_A)


def test_untouched_student_notebook_scores_0_without_crashing(graded):
    T.assert_scores_0_unanswered(graded[0]["alice/student"])
