"""Exercise 08, CRM strategy and CRM ROI (test layer 6), end to end: otter assign and otter run.

Slow (a fresh ``otter assign`` build and three ``otter run`` gradings): marked ``slow``.
The helpers and the class grader are those of the CLV exercise's end-to-end test.
"""

from __future__ import annotations

import json
import zipfile

import nbformat
import pytest
from test_exercises import STUDENT_A, STUDENT_B, build, grade
from test_exercises_grading import _with_student
from test_exercises_strategy import KEY, STRATEGY_DIR, answer_pattern

from crmlib.exercises.strategy import QUESTIONS, parameters, variant_of

pytestmark = pytest.mark.slow

#: bob hands in the solution; erin (another variant) copies bob's numbers; alice hands in
#: the notebook untouched.
BOB, ERIN, ALICE = STUDENT_A, STUDENT_B, "2026001"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A fresh build, compared with the committed files; its autograder zip kept aside."""
    zip_to = tmp_path_factory.mktemp("autograder") / "autograder.zip"
    changed = build.build(STRATEGY_DIR, check=True, zip_to=zip_to)
    return changed, zip_to


def test_committed_student_files_equal_a_fresh_build(built):
    changed, _ = built
    assert changed == [], "run `make exercises` and commit"


def test_autograder_zip_holds_hidden_tests_and_the_key(built):
    _, zip_to = built
    with zipfile.ZipFile(zip_to) as zf:
        names = set(zf.namelist())
        assert {"files/answer_key.py", "otter_config.json", "run_autograder"} <= names
        for qid in QUESTIONS:
            assert "hidden=True" in zf.read(f"tests/{qid}.py").decode()
        config = json.loads(zf.read("otter_config.json"))
    assert config["assignment_name"] == STRATEGY_DIR.name and config["show_hidden"] is False


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    _, autograder = built
    folder = tmp_path_factory.mktemp("class") / "download"
    solution = nbformat.read(STRATEGY_DIR / "solution.ipynb", as_version=4)
    student = nbformat.read(STRATEGY_DIR / "student.ipynb", as_version=4)
    for name in ("alice", "bob", "erin"):
        (folder / name).mkdir(parents=True)
    nbformat.write(_with_student(student, ALICE), folder / "alice" / "student.ipynb")
    nbformat.write(_with_student(solution, BOB), folder / "bob" / "student.ipynb")
    erin = _with_student(student, ERIN)
    p = parameters(variant_of(BOB))
    for qid in QUESTIONS:  # bob's answers, copied as typed values
        cell = next(c for c in erin.cells if c.get("id") == f"answer-{qid}")
        cell.source = f"{qid} = {KEY.answer(qid, p[qid])!r}"
    next(c for c in erin.cells if c.get("id") == "answer-open-1").source = (
        "Hidden costs are paid whether or not the plan lists them.")
    nbformat.write(erin, folder / "erin" / "student.ipynb")
    out = folder.parent / "grades"
    reports = grade.grade_class([folder], exercise="08", out=out, autograder=autograder,
                                jobs=2, timeout=600)
    return {r["submission"]: r for r in reports}, out


def test_solution_gets_full_marks_through_otter_run(graded):
    report = graded[0]["bob/student"]
    assert report["error"] is None, report["error"]
    assert report["score"] == report["max_score"] == 10
    assert report["variant"] == variant_of(BOB)
    assert all(r["status"] == "correct" for r in report["rows"])


def test_untouched_student_notebook_scores_0_without_crashing(graded):
    report = graded[0]["alice/student"]
    assert report["error"] is None and report["score"] == 0
    for row in report["rows"]:
        assert row["status"] == "not_answered" and row["message"].startswith("Not answered yet")


def test_answers_copied_from_another_variant_are_graded_wrong(graded):
    report = graded[0]["erin/student"]
    assert report["error"] is None and report["score"] == 0
    assert all(r["status"] == "wrong" for r in report["rows"])
    assert not answer_pattern().search(json.dumps(report["rows"], ensure_ascii=False))


def test_open_answer_is_exported_for_hand_grading(graded):
    _, out = graded
    text = (out / "open_answers.csv").read_text(encoding="utf-8")
    assert "Hidden costs are paid whether or not the plan lists them." in text
    assert "q7" in text
