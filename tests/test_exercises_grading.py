"""Exercises (test layer 6), end to end: otter assign, otter run, a class, the wheel.

Slow (a fresh ``otter assign`` build, several ``otter run`` gradings and a
wheel build): marked ``slow``.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import zipfile

import nbformat
import pytest
from exercise_checks import ROOT, build_tests, cell, grade, with_student
from test_exercises import CLV_DIR, STUDENT_A, STUDENT_B, T, answer_pattern

from crmlib.exercises.clv import QUESTIONS, parameters, variant_of

pytestmark = pytest.mark.slow

#: bob and carol hand in the solution; erin (another variant) copies bob's numbers.
BOB, CAROL, DAVE, ERIN, ALICE = STUDENT_A, "2026004", "2026005", STUDENT_B, "2026001"


built = build_tests(T)[0]


def test_committed_student_files_equal_a_fresh_build(built):
    changed, _ = built
    assert changed == [], "run `make exercises` and commit"


def test_autograder_zip_holds_hidden_tests_and_the_key(built):
    _, zip_to = built
    T.assert_autograder_zip(zip_to)
    with zipfile.ZipFile(zip_to) as zf:
        assert "setup.sh" in zf.namelist()


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    """Grade an LMS-style class: a folder of same-named notebooks, a zip, a broken file."""
    _, autograder = built
    work = tmp_path_factory.mktemp("class")
    solution, student = T.notebook("solution"), T.notebook()
    folder = work / "download"
    for name in ("alice", "bob", "carol", "erin"):
        (folder / name).mkdir(parents=True)
    nbformat.write(with_student(student, ALICE), folder / "alice" / "student.ipynb")
    nbformat.write(with_student(solution, BOB), folder / "bob" / "student.ipynb")
    carol = with_student(solution, CAROL)
    carol.metadata["kernelspec"] = {"name": "conda-env-crm-value-lab-py",
                                    "display_name": "Python [conda env:crm-value-lab]",
                                    "language": "python"}
    nbformat.write(carol, folder / "carol" / "student.ipynb")
    dave = with_student(solution, DAVE)
    data_q2 = next(c for c in dave.cells if c.source.startswith('n = numbers("q2"'))
    data_q2.source = "undefined_name  # a slip that stops this cell\n" + data_q2.source
    erin = T.copied_answers(with_student(student, ERIN), BOB,  # bob's answers, as typed numbers
                            "I would first want the marginal acquisition cost.")
    nbformat.write(erin, folder / "erin" / "student.ipynb")
    (folder / "garbage.ipynb").write_text("not a notebook", encoding="utf-8")
    with zipfile.ZipFile(work / "lms.zip", "w") as zf:  # a late submission, as a zip download
        zf.writestr("dave/student.ipynb", nbformat.writes(dave))
    out = work / "grades"
    reports = grade.grade_class([folder, work / "lms.zip"], exercise="04", out=out,
                                autograder=autograder, jobs=2, timeout=600)
    return {r["submission"]: r for r in reports}, out


def _by_question(report):
    return {row["question"]: row for row in report["rows"]}


def test_every_submission_gets_its_own_rows(graded):
    reports, out = graded
    assert set(reports) == {"alice/student", "bob/student", "carol/student", "dave/student",
                            "erin/student", "garbage"}
    assert reports["dave/student"]["path"] == "lms.zip!dave/student.ipynb"
    with (out / "grades.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6 * len(QUESTIONS)
    assert len({(r["submission"], r["question"]) for r in rows}) == len(rows)
    assert json.loads((out / "grades.json").read_text(encoding="utf-8"))["exercise"] == \
        CLV_DIR.name


def test_solutions_get_full_marks_through_otter_run(graded):
    T.assert_full_marks(graded[0]["bob/student"], 10, BOB)


def test_an_odd_kernel_name_is_graded_in_the_kits_environment(graded):
    report = graded[0]["carol/student"]
    assert report["error"] is None and report["score"] == 10


def test_untouched_student_notebook_scores_0_without_crashing(graded):
    T.assert_scores_0_unanswered(graded[0]["alice/student"])


def test_a_failing_cell_does_not_zero_later_questions(graded):
    rows = _by_question(graded[0]["dave/student"])
    assert rows["q2"]["points"] == 0 and rows["q2"]["status"] == "not_answered"
    for qid in ("q1", "q3", "q4a", "q4b", "q5a", "q5b", "q6"):
        assert rows[qid]["status"] == "correct", qid
    assert graded[0]["dave/student"]["score"] == 8


def test_answers_copied_from_another_variant_are_graded_wrong(graded):
    report = graded[0]["erin/student"]
    assert report["student_id"] == ERIN and variant_of(ERIN) != variant_of(BOB)
    assert report["score"] == 0
    for row in report["rows"]:
        assert row["status"] == "wrong" and row["message"].startswith("Not yet"), row


def test_unreadable_file_gets_rows_with_the_reason(graded):
    report = graded[0]["garbage"]
    assert report["score"] == 0
    assert all(r["status"] == "not_graded" and "could not be read" in r["message"]
               for r in report["rows"])


def test_summary_shows_which_questions_the_class_found_hard(graded):
    _, out = graded
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        summary = list(csv.DictReader(handle))
    assert summary[0]["question"] == "q2"  # only bob and carol got it (2 of 6)
    assert summary[0]["correct"] == "2" and summary[0]["not_answered"] == "2"
    q1 = next(s for s in summary if s["question"] == "q1")
    assert (q1["correct"], q1["wrong"], q1["not_answered"], q1["not_graded"]) == ("3", "1", "1",
                                                                                 "1")
    assert float(q1["mean_points"]) == pytest.approx(3 * 2 / 6, abs=1e-3)


def test_open_answers_are_exported_for_hand_grading(graded):
    _, out = graded
    with (out / "open_answers.csv").open(encoding="utf-8") as handle:
        rows = {r["submission"]: r for r in csv.DictReader(handle)}
    assert rows["erin/student"]["question"] == "q7"
    assert rows["erin/student"]["answer"] == "I would first want the marginal acquisition cost."
    assert rows["erin/student"]["student_id"] == ERIN
    assert rows["alice/student"]["answer"].startswith("_Type your answer here")


def test_student_notebook_runs_and_its_public_checks_diagnose(tmp_path):
    """The student's own run: every cell runs; a check names the mistake, never the answer."""
    nb = with_student(T.notebook(), STUDENT_A)
    p = parameters(variant_of(STUDENT_A))["q3"]
    cell(nb, "answer-q3").source = f"q3 = {p['revenue']} / (1 + d - r)"  # revenue, not margin
    shown = T.run_student_notebook(nb, tmp_path, answer_pattern())
    assert "revenue instead of margin" in shown["check-q3"]
    assert "Not answered yet" in shown["check-q1"]


def test_built_wheel_ships_the_checks_but_no_answer(tmp_path):
    source = tmp_path / "source"  # a clean copy: no build/ left over from another build
    shutil.copytree(ROOT / "crmlib", source / "crmlib",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, source / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                           str(tmp_path), str(source)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    wheel = next(tmp_path.glob("crmlib-*.whl"))
    pattern = answer_pattern()
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "crmlib/exercises/data/clv.json" in names
        assert not [n for n in names if "answer_key" in n or n.endswith(".ipynb")]
        for name in names:
            text = zf.read(name).decode("utf-8", errors="ignore")
            # Answers could leak through the exercise package and shipped data. The rest of
            # the library holds its own constants (e.g. the AHP random-index table's 1.58),
            # which coincide with some variant's two-decimal answer by chance, not by leak.
            if name.startswith("crmlib/exercises/") or not name.endswith(".py"):
                assert pattern.search(text) is None, (name, pattern.search(text))
            assert not re.search(r"def (answer|mistakes)\(", text), name
