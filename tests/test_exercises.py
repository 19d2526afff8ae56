"""Exercises (test layer 6): checker, student-notebook build and headless autograder.

Expected answers come from hand calculations written out below, independent
of the crmlib functions the checker calls.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmlib.clv import retention_clv
from crmlib.exercises import STATUSES, CheckResult
from crmlib.exercises.clv import EXERCISE, PARAMETERS, QUESTIONS, check, check_all

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
CLV_DIR = EXERCISES / "04_customer_lifetime_value"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"exercises_{name}", EXERCISES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _load("build")
specs = sys.modules["_spec"]  # the spec module exactly as build.py imports it


def _payback(cac: float, m: float, r: float, d: float) -> float:
    """Payback by hand: add m r^(i-1) / (1+d)^i month by month, interpolate in the last month."""
    total, i = 0.0, 0
    while True:
        i += 1
        step = m * r ** (i - 1) / (1 + d) ** i
        if total + step >= cac:
            return (i - 1) + (cac - total) / step
        total += step


# Hand calculations of every answer.
HAND = {
    # (500+0)/1.08 + (600+50)/1.08^2 + (650+100)/1.08^3 + (700+100)/1.08^4
    "q1": 500 / 1.08 + 650 / 1.08**2 + 750 / 1.08**3 + 800 / 1.08**4,  # 2203.63
    # revenue 1320 / 11 orders = 120; 11 orders / 5 customers / 2 years = 1.1 a year;
    # spans 730, 365, 0, 73, 0 days -> (2 + 1 + 0 + 0.2 + 0) / 5 = 0.64 years
    "q2": 120 * 1.1 * 0.64 - 30,  # 54.48
    "q3": 800 * 0.30 / (1 + 0.12 - 0.75),  # 240 / 0.37 = 648.65
    "q4a": 0.85 / (1 + 0.12 - 0.85),  # 0.85 / 0.27 = 3.148
    "q4b": 240 * (0.85 / 0.27 - 0.75 / 0.37),  # 755.56 - 486.49 = 269.07
    "q5a": 30 / (1 + 0.01 - 0.90) / 110,  # 272.73 / 110 = 2.479
    "q5b": _payback(110, 30, 0.90, 0.01),  # 4.49 months
    # sum_{i>=1} m r^i/(1+d)^i = m r/(1+d-r): the first margin already paid, later ones at
    # period ends -> option C
    "q6": "C",
}


def test_answer_key_matches_hand_calculations():
    key = EXERCISE.answer_key()
    assert set(key) == set(HAND)
    for qid, value in HAND.items():
        if isinstance(value, str):
            assert key[qid] == value
        else:
            assert key[qid] == pytest.approx(value, rel=1e-12), qid


@pytest.mark.parametrize("qid", QUESTIONS)
def test_hand_calculated_answer_passes(qid):
    res = check(qid, HAND[qid])
    assert res.passed and res.status == "correct"


# (question, wrong answer worked out by hand for one mistake, words the diagnosis must use)
MISTAKES = [
    ("q1", 500 + 650 + 750 + 800, "without discounting"),
    ("q1", 500 / 1.08 + 600 / 1.08**2 + 650 / 1.08**3 + 700 / 1.08**4, "non-sales benefits"),
    ("q1", 500 + 650 / 1.08 + 750 / 1.08**2 + 800 / 1.08**3, "exponent i − 1"),
    ("q1", 500 / 9 + 650 / 9**2 + 750 / 9**3 + 800 / 9**4, "percentage"),
    ("q2", 120 * 1.1 * 0.64, "acquisition cost"),
    ("q2", 120 * 1.1 * (3.2 / 3) - 30, "repeat customers only"),
    ("q2", 120 * 2.2 * 0.64 - 30, "whole observation period"),
    ("q2", 1320 / 5 * 1.1 * 0.64 - 30, "number of customers"),
    ("q2", 120 * 1.1 * 0.64 * 365 - 30, "in days"),
    ("q3", 240 * 1.12 / 0.37, "counted the first payment at the start of the period"),
    ("q3", 240 * 0.75 / 0.37, "r^i"),
    ("q3", 240 * 1.12**0.5 / 0.37, "middle"),
    ("q3", 800 / 0.37, "revenue instead of margin"),
    ("q3", 240 / (1 - 0.75), "forgot to discount"),
    ("q3", 240 * 0.75 / 0.12, "instead of r^(i−1)"),
    ("q3", 240 / 0.12, "ignored retention"),
    ("q4a", 1 / 0.27, "1/(1 + d − r)"),
    ("q4a", 1.12 / 0.27, "(1 + d)/(1 + d − r)"),
    ("q4a", 0.85 / 0.15, "discount rate"),
    ("q4a", 0.85 / 1.97, "sign of r"),
    ("q4b", 240 * 0.85 / 0.27, "new retention rate"),
    ("q4b", (0.85 / 0.27) / (0.75 / 0.37) - 1, "relative change"),
    ("q4b", 100 * ((0.85 / 0.27) / (0.75 / 0.37) - 1), "percentage change"),
    ("q4b", 0.85 / 0.27 - 0.75 / 0.37, "change in the multiple"),
    ("q4b", 240 * (1 / 0.27 - 1 / 0.37), "1/(1 + d − r) instead"),
    ("q4b", 240 * (0.85 / 0.15 - 0.75 / 0.25), "discount rate"),
    ("q5a", (30 / 0.11 - 110) / 110, "subtracted the acquisition cost"),
    ("q5a", 110 / (30 / 0.11), "upside down"),
    ("q5a", 30 / 0.10 / 110, "forgot to discount"),
    ("q5a", 30 * 0.9 / 0.11 / 110, "first month"),
    ("q5a", 30 / 0.11, "CLV itself"),
    ("q5b", 110 / 30, "divided the CAC by the monthly margin"),
    ("q5b", _payback(110, 30, 0.90, 0.0), "ignored discounting"),
    ("q5b", _payback(110, 30, 1.0, 0.01), "ignored retention"),
    ("q5b", 5, "whole number of months"),
    ("q5b", 4, "whole number of months"),
    ("q6", "A", "no r in it"),
    ("q6", "B", "undiscounted"),
    ("q6", "D", "(1 + d)^(1/2)"),
]


@pytest.mark.parametrize("qid, answer, words", MISTAKES, ids=lambda x: str(x)[:24])
def test_each_diagnosis_fires_for_its_mistake(qid, answer, words):
    res = check(qid, answer)
    assert res.status == "wrong" and not res.passed
    assert words in res.message
    expected = HAND[qid]
    if not isinstance(expected, str):  # the message never gives the answer away
        for shown in (f"{expected:.2f}", f"{expected:,.2f}", f"{expected:.1f}"):
            assert shown not in res.message


def test_diagnoses_in_chinese():
    res = check("q3", 240 * 1.12 / 0.37, lang="zh")
    assert "期初" in res.message and "题目" in res.message
    assert check("q3", ..., lang="zh").message.startswith("尚未作答")


def test_mistake_values_are_far_apart():
    """Each wrong value is at least 3 tolerances from the answer and from each other."""
    for q in EXERCISE.questions:
        if not hasattr(q, "mistakes"):
            continue
        values = [q.answer_key()] + [m.value for m in q.mistakes()]
        for i, a in enumerate(values):
            for b in values[i + 1:]:
                if a == b:  # two mistakes with the same message (whole months) are fine
                    continue
                assert abs(a - b) > 3 * max(q.abs_tol, q.rel_tol * max(abs(a), abs(b))), q.id


@pytest.mark.parametrize(
    "answer, status, words",
    [
        (..., "not_answered", "Not answered yet"),
        (None, "not_answered", "Not answered yet"),
        ("648.65", "wrong_type", "text (a str)"),
        (retention_clv(240, 0.75, 0.12), "wrong_type", ".value"),
        ([648.65], "wrong_type", "single number"),
        (True, "wrong_type", "single number"),
        (float("nan"), "wrong_type", "not a finite number"),
        (-240 / 0.37, "wrong", "sign is wrong"),
        (2.4 / 0.37, "wrong", "factor of 100"),
        (240 / 0.37 * 1.01, "wrong", "Close, but"),
        (123.0, "wrong", "weight year i's margin by the chance"),
    ],
    ids=["ellipsis", "none", "text", "result-object", "list", "bool", "nan", "sign",
         "hundred", "close", "generic"],
)
def test_numeric_answer_forms(answer, status, words):
    res = check("q3", answer)
    assert res.status == status and words in res.message


def test_rounded_answers_pass():
    assert check("q3", 648.65).passed  # 648.6486 to two decimals
    assert check("q5a", 2.48).passed  # 2.4793 to two decimals
    assert check("q6", " c ").passed


def test_choice_answer_forms():
    assert check("q6", 3).status == "wrong_type"
    res = check("q6", "E")
    assert res.status == "wrong_type" and "not one of the options" in res.message


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.text(),
                 st.none(), st.lists(st.floats()), st.booleans()))
def test_checks_never_raise_on_any_answer(answer):
    for qid in QUESTIONS:
        res = check(qid, answer)
        assert isinstance(res, CheckResult) and res.status in STATUSES
        assert res.passed == (res.status == "correct")


def test_unknown_question_id_is_rejected():
    with pytest.raises(ValueError, match=r"question must be one of 'q1', .*'q6' .*got 'q9'"):
        check("q9", 1.0)
    assert check(" Q4A ", HAND["q4a"]).passed  # case and spaces are ignored


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'fr'"):
        check("q1", 1.0, lang="fr")


def test_result_displays():
    res = CheckResult("q1", "wrong", "a < b", "Title")
    assert repr(res) == "✘ q1 (Title): a < b" and str(res) == repr(res)
    assert "a &lt; b" in res._repr_html_()
    assert res.to_dict() == {"question": "q1", "title": "Title", "status": "wrong",
                             "passed": False, "message": "a < b"}


def test_check_all_reports_every_question():
    table = check_all({"q1": HAND["q1"], "q2": ...})
    assert table["question"].tolist() == list(QUESTIONS)
    assert table["status"].tolist()[:3] == ["correct", "not_answered", "not_answered"]
    assert "is not defined" in table["message"].iloc[2]


def test_parameters_are_the_ones_worked_by_hand():
    assert PARAMETERS["q3"] == {"revenue": 800.0, "margin_rate": 0.30, "retention": 0.75,
                                "discount_rate": 0.12}


# --- spec and build --------------------------------------------------------------------------

def test_spec_matches_checker():
    spec = specs.load_spec(CLV_DIR)
    assert spec.exercise() is EXERCISE
    assert spec.max_score == 10


@pytest.mark.parametrize(
    "change, words",
    [
        ({"questions": None}, "must have the fields"),
        ({"questions": [{"id": "q1", "points": 0}]}, "points of q1 must be a number greater"),
        ({"questions": [{"id": "q1", "points": 1}, {"id": "q1", "points": 1}]}, "unique"),
        ({"timeout_per_cell": -1}, "timeout_per_cell must be a number of seconds"),
    ],
)
def test_spec_validation(tmp_path, change, words):
    raw = json.loads((CLV_DIR / "exercise.json").read_text(encoding="utf-8"))
    raw.update(change)
    raw = {k: v for k, v in raw.items() if v is not None}
    (tmp_path / "exercise.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(specs.SpecError, match=words):
        specs.load_spec(tmp_path)


def test_spec_questions_must_match_checker(tmp_path):
    raw = json.loads((CLV_DIR / "exercise.json").read_text(encoding="utf-8"))
    raw["questions"] = raw["questions"][:-1]
    (tmp_path / "exercise.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(specs.SpecError, match="must be the checker's questions"):
        specs.load_spec(tmp_path).exercise()


def test_committed_student_notebook_equals_fresh_build():
    spec = specs.load_spec(CLV_DIR)
    assert spec.student.read_text(encoding="utf-8") == build.render(spec), (
        "run `python exercises/build.py`"
    )


def _solution_lines(nb) -> set[str]:
    lines, inside = set(), False
    for cell in nb.cells:
        for line in cell.source.splitlines():
            if line.strip() == build.BEGIN:
                inside = True
            elif line.strip() == build.END:
                inside = False
            elif inside and line.strip():
                lines.add(line.strip())
    return lines


def test_student_notebook_holds_no_solution():
    solution = nbformat.read(CLV_DIR / "solution.ipynb", as_version=4)
    student = nbformat.read(CLV_DIR / "student.ipynb", as_version=4)
    text = (CLV_DIR / "student.ipynb").read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    assert "Solution notes" not in text
    code = "\n".join(c.source for c in student.cells if c.cell_type == "code")
    for line in _solution_lines(solution):
        assert line not in code, line
    for cell in student.cells:
        assert "solution" not in cell.metadata.get("tags", [])
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    # every answer variable is only ever set to the placeholder
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Assign):
            names = {t.id for t in node.targets if isinstance(t, ast.Name)}
            if names & set(QUESTIONS):
                assert isinstance(node.value, ast.Constant) and node.value.value is Ellipsis
    for value in HAND.values():
        if isinstance(value, float):
            for shown in (f"{value:.1f}", f"{value:.2f}", f"{value:,.2f}", f"{value:.3f}"):
                assert shown not in text, shown
    assert student.metadata["crm_value_lab"] == {"exercise": CLV_DIR.name, "role": "student"}


def test_build_replaces_blocks_with_placeholders():
    source = "x = 1\nif True:\n    ### BEGIN SOLUTION\n    helper = 2\n    q1 = helper\n" \
             "    ### END SOLUTION\n### BEGIN SOLUTION\nprint('work')\n### END SOLUTION"
    out, names = build.strip_solution(source, ("q1",), "cell")
    assert out == "x = 1\nif True:\n    q1 = ...  # your answer\n# your code here"
    assert names == ["q1"]


@pytest.mark.parametrize(
    "source, words",
    [
        ("### BEGIN SOLUTION\nq1 = 1", "BEGIN SOLUTION without"),
        ("q1 = 1\n### END SOLUTION", "END SOLUTION without"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION", "inside another solution block"),
    ],
)
def test_build_rejects_broken_markers(source, words):
    with pytest.raises(build.BuildError, match=words):
        build.strip_solution(source, ("q1",), "cell 3")


def test_build_removes_tagged_cells_and_rejects_markers_in_markdown():
    spec = specs.load_spec(CLV_DIR)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("hint", metadata={"tags": ["solution"]}),
                nbformat.v4.new_code_cell("### BEGIN SOLUTION\nq1 = 1\n### END SOLUTION")]
    out = build.student_notebook(nb, spec, ("q1",))
    assert [c.source for c in out.cells] == ["q1 = ...  # your answer"]
    with pytest.raises(build.BuildError, match="no solution block assigns \\['q2'\\]"):
        build.student_notebook(nb, spec, ("q1", "q2"))
    nb.cells.append(nbformat.v4.new_markdown_cell("### BEGIN SOLUTION"))
    with pytest.raises(build.BuildError, match="belong in code cells"):
        build.student_notebook(nb, spec, ("q1",))


def test_build_check_mode_passes():
    done = subprocess.run([sys.executable, str(EXERCISES / "build.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


# --- autograder, headless ---------------------------------------------------------------------

def _edit(nb, cell_id: str, source: str):
    for cell in nb.cells:
        if cell.get("id") == cell_id:
            cell.source = source
            return
    raise KeyError(cell_id)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade the solution, the student version, a broken notebook and an unreadable file."""
    work = tmp_path_factory.mktemp("submissions")
    broken = nbformat.read(CLV_DIR / "student.ipynb", as_version=4)
    _edit(broken, "q1-answer", "q1 = 500 + 650 + 750 + 800")  # forgot to discount
    _edit(broken, "q2-answer", "q2 = 120 * 1.1 * 0.64 - 30")
    _edit(broken, "q3-answer", "q3 = 240 / (1 + d - r)")
    _edit(broken, "q4-data", "m = 240\nr_before, r_after = 0.75, 0.85\nd = undefined_name")
    _edit(broken, "q4a-answer", "q4a = 0.85 / 0.27")  # right, but never reached
    nbformat.write(broken, work / "broken.ipynb")
    (work / "garbage.ipynb").write_text("not a notebook", encoding="utf-8")
    out = work / "grades"
    paths = [CLV_DIR / "solution.ipynb", CLV_DIR / "student.ipynb", work / "broken.ipynb",
             work / "garbage.ipynb"]
    done = subprocess.run(
        [sys.executable, str(EXERCISES / "autograde.py"), *map(str, paths),
         "--exercise", CLV_DIR.name, "--out-dir", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    reports = {p.stem: json.loads((out / f"{p.stem}_grades.json").read_text(encoding="utf-8"))
               for p in paths}
    return done, reports, out


def test_autograder_exits_0_and_writes_tables(graded):
    done, _, out = graded
    assert done.returncode == 0, done.stderr
    with (out / "solution_grades.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["question"] for r in rows] == list(QUESTIONS)
    assert set(rows[0]) == {"question", "title", "points", "max_points", "passed", "status",
                            "message"}
    assert "solution.ipynb: 10/10 points" in done.stdout


def test_solution_scores_full_marks(graded):
    report = graded[1]["solution"]
    assert report["error"] is None
    assert report["score"] == report["max_score"] == 10
    assert all(q["passed"] for q in report["questions"])


def test_student_notebook_runs_cleanly_and_scores_0(graded):
    report = graded[1]["student"]
    assert report["error"] is None and "grading_error" not in report
    assert report["score"] == 0
    for q in report["questions"]:
        assert q["status"] == "not_answered"
        assert q["message"].startswith("Not answered yet")


def test_failing_notebook_is_graded_up_to_the_error(graded):
    report = graded[1]["broken"]
    assert "NameError" in report["error"] and "cell" in report["error"]
    by_id = {q["question"]: q for q in report["questions"]}
    assert by_id["q1"]["status"] == "wrong" and "without discounting" in by_id["q1"]["message"]
    assert by_id["q2"]["passed"] and by_id["q3"]["passed"]
    assert report["score"] == 4
    for qid in ("q4a", "q4b", "q5a", "q5b", "q6"):
        assert by_id[qid]["status"] == "not_answered"
        assert "stopped with an error" in by_id[qid]["message"]


def test_unreadable_notebook_scores_0_with_reason(graded):
    report = graded[1]["garbage"]
    assert report["score"] == 0 and "could not be read" in report["error"]
    assert all(q["status"] == "not_graded" for q in report["questions"])


def test_autograder_stops_a_cell_at_the_timeout(tmp_path):
    nb = nbformat.read(CLV_DIR / "student.ipynb", as_version=4)
    _edit(nb, "q1-answer", "q1 = 500 / 1.08 + 650 / 1.08**2 + 750 / 1.08**3 + 800 / 1.08**4")
    _edit(nb, "q2-data", "import time\ntime.sleep(60)")
    nbformat.write(nb, tmp_path / "slow.ipynb")
    done = subprocess.run(
        [sys.executable, str(EXERCISES / "autograde.py"), str(tmp_path / "slow.ipynb"),
         "--timeout", "3"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "slow_grades.json").read_text(encoding="utf-8"))
    assert "longer than 3 s" in report["error"]
    assert report["questions"][0]["passed"]  # q1 was answered before the slow cell
    assert report["score"] == 2


def test_autograder_reports_a_missing_file(tmp_path):
    done = subprocess.run(
        [sys.executable, str(EXERCISES / "autograde.py"), str(tmp_path / "nope.ipynb")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2 and "is not a file" in done.stderr


def test_math_of_payback_hand_helper():
    # 300 of cost, 100 a period, no churn, no discounting: exactly 3 periods
    assert math.isclose(_payback(300, 100, 1.0, 0.0), 3.0)
