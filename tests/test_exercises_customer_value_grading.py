"""Exercise 01, customer value (test layer 6), end to end: otter assign and otter run.

Slow (a fresh ``otter assign`` build, three ``otter run`` gradings and a run
of the student notebook): marked ``slow``. The helpers and the class grader
are those of the CLV exercise's end-to-end test.
"""

from __future__ import annotations

import json
import zipfile

import nbformat
import pytest
from nbclient import NotebookClient
from test_exercises import build, grade
from test_exercises_customer_value import (
    KEY,
    STUDENT_A,
    STUDENT_B,
    VALUE_DIR,
    answer_pattern,
)
from test_exercises_grading import _with_student

from crmlib.exercises.customer_value import QUESTIONS, parameters, variant_of

pytestmark = pytest.mark.slow

#: bob hands in the solution; erin (another variant) copies bob's numbers; alice hands in
#: the notebook untouched.
BOB, ERIN, ALICE = STUDENT_A, STUDENT_B, "2026001"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A fresh build, compared with the committed files; its autograder zip kept aside."""
    zip_to = tmp_path_factory.mktemp("autograder") / "autograder.zip"
    changed = build.build(VALUE_DIR, check=True, zip_to=zip_to)
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
    assert config["assignment_name"] == VALUE_DIR.name and config["show_hidden"] is False


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    _, autograder = built
    folder = tmp_path_factory.mktemp("class") / "download"
    solution = nbformat.read(VALUE_DIR / "solution.ipynb", as_version=4)
    student = nbformat.read(VALUE_DIR / "student.ipynb", as_version=4)
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
        "Guests now expect fast Wi-Fi; the hotel must keep up with its rivals.")
    nbformat.write(erin, folder / "erin" / "student.ipynb")
    out = folder.parent / "grades"
    reports = grade.grade_class([folder], exercise="01", out=out, autograder=autograder,
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
    assert "Guests now expect fast Wi-Fi; the hotel must keep up with its rivals." in text
    assert "q7" in text


def test_student_notebook_runs_and_its_public_checks_diagnose(tmp_path):
    """The student's own run: every cell runs; a check names the mistake, never the answer."""
    nb = _with_student(nbformat.read(VALUE_DIR / "student.ipynb", as_version=4), STUDENT_A)
    next(c for c in nb.cells if c.get("id") == "answer-q3").source = (
        'q3 = n["episode_benefits"] / n["episode_sacrifice"]')  # the single episode only
    next(c for c in nb.cells if c.get("id") == "answer-q2").source = (  # chosen by the ratio
        "ratio = offers.iloc[:, :4].sum(axis=1) / offers.iloc[:, 4:].sum(axis=1)\n"
        "best = ratio.idxmax()\n"
        "q2 = float(offers.loc[best].iloc[:4].sum() - offers.loc[best].iloc[4:].sum())")
    (tmp_path / "tests").mkdir()
    for test in (VALUE_DIR / "tests").glob("*.py"):
        (tmp_path / "tests" / test.name).write_text(test.read_text(encoding="utf-8"))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = {c.get("id"): "".join(o.get("text", "") + str(o.get("data", {}))
                                  for o in c.get("outputs", [])) for c in nb.cells}
    assert "single-episode ratio EB/ES" in shown["check-q3"]
    assert "highest value/cost ratio" in shown["check-q2"]
    assert "Not answered yet" in shown["check-q1"]
    assert all(o.get("output_type") != "error" for c in nb.cells for o in c.get("outputs", []))
    assert answer_pattern().search("\n".join(shown.values())) is None
