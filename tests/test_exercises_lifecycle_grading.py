"""Exercise 03, the customer lifecycle, end to end: otter assign, otter run on two submissions.

The class-grading features themselves (zips, rosters, broken files, the
summary) are tested on exercise 04 in ``tests/test_exercises_grading.py``;
here a fresh build of exercise 03 is compared with the committed files and
``otter run`` grades the solution and an untouched student notebook. Slow
(one ``otter assign``, two ``otter run``): marked ``slow``.
"""

from __future__ import annotations

import csv
import zipfile

import nbformat
import pytest
from test_exercises import build, grade
from test_exercises_grading import _with_student
from test_exercises_lifecycle import LIFECYCLE_DIR, STUDENT_A, answer_pattern

from crmlib.exercises.lifecycle import QUESTIONS, variant_of

pytestmark = pytest.mark.slow

#: Autograded points of the exercise (q7 is graded by hand).
POINTS = 1 + 2 + 2 + 2 + 2 + 1


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A fresh build, compared with the committed files; its autograder zip kept aside."""
    zip_to = tmp_path_factory.mktemp("autograder") / "autograder.zip"
    changed = build.build(LIFECYCLE_DIR, check=True, zip_to=zip_to)
    return changed, zip_to


def test_committed_student_files_equal_a_fresh_build(built):
    changed, _ = built
    assert changed == [], "run `make exercises` and commit"


def test_autograder_zip_holds_hidden_tests_and_the_key(built):
    _, zip_to = built
    with zipfile.ZipFile(zip_to) as zf:
        assert "files/answer_key.py" in zf.namelist()
        for qid in QUESTIONS:
            test = zf.read(f"tests/{qid}.py").decode()
            assert "hidden=True" in test and f"assert_correct('{qid}'" in test


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    """bob hands in the solution (his own variant), alice the untouched student notebook."""
    _, autograder = built
    work = tmp_path_factory.mktemp("class03")
    solution = nbformat.read(LIFECYCLE_DIR / "solution.ipynb", as_version=4)
    student = nbformat.read(LIFECYCLE_DIR / "student.ipynb", as_version=4)
    for name, nb in (("bob", _with_student(solution, STUDENT_A)), ("alice", student)):
        (work / "download" / name).mkdir(parents=True)
        nbformat.write(nb, work / "download" / name / "student.ipynb")
    out = work / "grades"
    reports = grade.grade_class([work / "download"], exercise="03", out=out,
                                autograder=autograder, jobs=2, timeout=600)
    return {r["submission"]: r for r in reports}, out


def test_solution_gets_full_marks_through_otter_run(graded):
    report = graded[0]["bob/student"]
    assert report["error"] is None, report["error"]
    assert report["score"] == report["max_score"] == POINTS
    assert report["student_id"] == STUDENT_A and report["variant"] == variant_of(STUDENT_A)
    assert [r["status"] for r in report["rows"]] == ["correct"] * len(QUESTIONS)


def test_untouched_student_notebook_scores_0_without_crashing(graded):
    report = graded[0]["alice/student"]
    assert report["error"] is None and report["score"] == 0 and report["variant"] == 0
    assert report["max_score"] == POINTS
    for row in report["rows"]:
        assert row["status"] == "not_answered" and row["message"].startswith("Not answered")


def test_grades_show_no_answer_and_export_the_open_question(graded):
    _, out = graded
    assert answer_pattern().search((out / "grades.csv").read_text(encoding="utf-8")) is None
    with (out / "open_answers.csv").open(encoding="utf-8") as handle:
        rows = {r["submission"]: r for r in csv.DictReader(handle)}
    assert rows["alice/student"]["question"] == "q7"
    assert rows["alice/student"]["answer"].startswith("_Type your answer here")
