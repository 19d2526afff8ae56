"""Exercise 03, the customer lifecycle, end to end: otter assign, otter run on two submissions.

The class-grading features themselves (zips, rosters, broken files, the
summary) are tested on exercise 04 in ``tests/test_exercises_grading.py``;
here a fresh build of exercise 03 is compared with the committed files and
``otter run`` grades the solution and an untouched student notebook. Slow
(one ``otter assign``, two ``otter run``): marked ``slow``.
"""

from __future__ import annotations

import csv

import pytest
from exercise_checks import built_fixture, with_student
from test_exercises_lifecycle import STUDENT_A, T, answer_pattern

pytestmark = pytest.mark.slow

#: Autograded points of the exercise (q7 is graded by hand).
POINTS = 1 + 2 + 2 + 2 + 2 + 1


built = built_fixture(T)


def test_committed_student_files_equal_a_fresh_build(built):
    changed, _ = built
    assert changed == [], "run `make exercises` and commit"


def test_autograder_zip_holds_hidden_tests_and_the_key(built):
    T.assert_autograder_zip(built[1])


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    """bob hands in the solution (his own variant), alice the untouched student notebook."""
    notebooks = {"bob": with_student(T.notebook("solution"), STUDENT_A), "alice": T.notebook()}
    return T.grade_class(notebooks, tmp_path_factory.mktemp("class03") / "download", "03",
                         built[1])


def test_solution_gets_full_marks_through_otter_run(graded):
    T.assert_full_marks(graded[0]["bob/student"], POINTS, STUDENT_A)


def test_untouched_student_notebook_scores_0_without_crashing(graded):
    report = graded[0]["alice/student"]
    T.assert_scores_0_unanswered(report)
    assert report["variant"] == 0 and report["max_score"] == POINTS


def test_grades_show_no_answer_and_export_the_open_question(graded):
    _, out = graded
    assert answer_pattern().search((out / "grades.csv").read_text(encoding="utf-8")) is None
    with (out / "open_answers.csv").open(encoding="utf-8") as handle:
        rows = {r["submission"]: r for r in csv.DictReader(handle)}
    assert rows["alice/student"]["question"] == "q7"
    assert rows["alice/student"]["answer"].startswith("_Type your answer here")
