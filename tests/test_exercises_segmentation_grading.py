"""Exercise 02, core customers and segmentation, end to end: otter assign, then otter run.

The class-grading features themselves (zips, rosters, broken files, the
summary) are tested on exercise 04 in ``tests/test_exercises_grading.py``;
here a fresh build of exercise 02 is compared with the committed files and
``otter run`` grades the solution and an untouched student notebook. Slow
(one ``otter assign``, two ``otter run``): marked ``slow``.
"""

from __future__ import annotations

import pytest
from exercise_checks import build_tests, cell, with_student
from test_exercises_segmentation import KEY, STUDENT_A, T, answer_pattern

from crmlib.exercises.segmentation import parameters, variant_of

pytestmark = pytest.mark.slow

#: Autograded points of the exercise (q6 is graded by hand).
POINTS = 1 + 2 + 2 + 2 + 2 + 1


(built, test_committed_student_files_equal_a_fresh_build,
 test_autograder_zip_holds_hidden_tests_and_the_key) = build_tests(T)


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    """bob hands in the solution (his own variant), alice the untouched student notebook."""
    return T.grade_solution_and_untouched(tmp_path_factory, built, "02", STUDENT_A)


def test_solution_gets_full_marks_through_otter_run(graded):
    T.assert_full_marks(graded[0]["bob/student"], POINTS, STUDENT_A)


def test_untouched_student_notebook_scores_0_without_crashing(graded):
    report = graded[0]["alice/student"]
    T.assert_scores_0_unanswered(report)
    assert report["variant"] == 0


def test_grades_show_no_answer_and_export_the_open_question(graded):
    T.assert_grades_hide_answers_and_export_open(graded[1], answer_pattern(), "q6")


def test_student_notebook_runs_and_its_public_checks_diagnose_in_chinese(tmp_path):
    """The student's own run with LANG = "zh": every cell runs; a check names the mistake."""
    nb = with_student(T.notebook(), STUDENT_A)
    setup = cell(nb, "cell-001")
    setup.source = setup.source.replace('LANG = "en"', 'LANG = "zh"')
    p = parameters(variant_of(STUDENT_A))["q4"]
    reversed_spend = KEY.mistakes("q4", p)["q4.reversed"][0]  # R scored the wrong way round
    cell(nb, "answer-q4").source = f"q4 = {reversed_spend!r}"
    shown = T.run_student_notebook(nb, tmp_path, answer_pattern(), timeout=300)
    assert "评分方向反了" in shown["check-q4"]
    assert "尚未作答" in shown["check-q1a"]
