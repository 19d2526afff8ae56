"""Exercise 06, customer equity, end to end: a fresh build, then otter run on a small class.

The solution gets full marks through ``otter run`` with the autograder zip,
and the untouched student notebook runs without crashing and scores 0.
Slow (``otter assign`` and two ``otter run`` gradings): marked ``slow``.
"""

from __future__ import annotations

import zipfile

import nbformat
import pytest
from test_exercises import grade
from test_exercises_equity import EQUITY_DIR, STUDENT_A, build
from test_exercises_grading import _with_student

from crmlib.exercises.equity import QUESTIONS, variant_of

pytestmark = pytest.mark.slow

#: Autograded points of the exercise (q6 is graded by hand).
POINTS = 2 + 2 + 1 + 1 + 2 + 1


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A fresh build compared with the committed files; bob hands in the solution, alice the
    untouched student notebook."""
    work = tmp_path_factory.mktemp("equity")
    autograder = work / "autograder.zip"
    changed = build.build(EQUITY_DIR, check=True, zip_to=autograder)
    solution = nbformat.read(EQUITY_DIR / "solution.ipynb", as_version=4)
    student = nbformat.read(EQUITY_DIR / "student.ipynb", as_version=4)
    for name, nb in (("bob", _with_student(solution, STUDENT_A)),
                     ("alice", _with_student(student, "2026001"))):
        (work / "class" / name).mkdir(parents=True)
        nbformat.write(nb, work / "class" / name / "student.ipynb")
    reports = grade.grade_class([work / "class"], exercise="06", out=work / "grades",
                                autograder=autograder, jobs=2, timeout=600)
    return changed, autograder, {r["submission"]: r for r in reports}


def test_committed_student_files_equal_a_fresh_build(graded):
    assert graded[0] == [], "run `make exercises` and commit"


def test_autograder_zip_holds_hidden_tests_and_the_key(graded):
    with zipfile.ZipFile(graded[1]) as zf:
        assert "files/answer_key.py" in zf.namelist()
        for qid in QUESTIONS:
            assert "hidden=True" in zf.read(f"tests/{qid}.py").decode()


def test_solution_gets_full_marks_through_otter_run(graded):
    report = graded[2]["bob/student"]
    assert report["error"] is None, report["error"]
    assert report["score"] == report["max_score"] == POINTS
    assert report["student_id"] == STUDENT_A and report["variant"] == variant_of(STUDENT_A)
    assert [r["status"] for r in report["rows"]] == ["correct"] * len(QUESTIONS)


def test_untouched_student_notebook_scores_0_without_crashing(graded):
    report = graded[2]["alice/student"]
    assert report["error"] is None and report["score"] == 0
    for row in report["rows"]:
        assert row["status"] == "not_answered", row
        assert row["message"].startswith("Not answered yet")
