"""Grade a class headless: every notebook in folders or LMS zip downloads -> one table of grades.

Usage::

    python exercises/grade.py SUBMISSIONS... --exercise 04 --out grades/
        [--roster roster.csv] [--jobs 2] [--timeout 900] [--lang en|zh]
        [--autograder exercises/04_customer_lifetime_value/dist/autograder.zip]

``SUBMISSIONS`` are notebooks, folders (searched recursively, as an LMS
exports them: ``alice/student.ipynb``, ``bob/student.ipynb``) or zip files
of such folders. Every notebook is one submission, keyed by its path
relative to the folder or zip it came from (``alice/student``): two files
with the same name never overwrite each other.

Each submission is graded by ``otter run`` (no Docker) with the exercise's
autograder zip, in this Python environment whatever kernel name the
notebook carries (its kernelspec is replaced by one that runs this
interpreter), in its own process with a time limit. A cell that fails does
not stop the notebook: later questions that do not depend on it are
graded. The numbers a submission is graded against are those of the
student number typed in its first cell or, with ``--roster``, of the
student number the roster gives for it (a CSV with the columns
``submission`` -- the submission id or its first folder -- and
``student_id``).

Written to ``--out``:

- ``grades.csv`` / ``grades.json``: one row per submission x question
  (submission, path, student_id, variant, question, points, max_points,
  status, message);
- ``summary.csv``: per question, the mean mark, the share correct and the
  count of each status (hardest questions first), also printed;
- ``open_answers.csv``: the answers to the questions graded by hand.

The exit status is 0 when every submission got a row (a notebook that
cannot be read or run still gets rows, with the reason), 2 when the
exercise, the autograder or a submission path is missing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import (  # noqa: E402
    AUTOGRADER,
    SOLUTION,
    BuildError,
    find_exercise,
    load_key,
)

from crmlib.exercises._core import LANG_VARIABLE, ROSTER_VARIABLE  # noqa: E402

COLUMNS = ("submission", "path", "student_id", "variant", "question", "points", "max_points",
           "status", "message")
KERNEL = "crm-value-lab-grading"
_STUDENT_ID = re.compile(r"""^\s*STUDENT_ID\s*=\s*(['"])(.*?)\1""", re.MULTILINE)
_SKIP_PARTS = {".ipynb_checkpoints", "__MACOSX"}


class GradeError(ValueError):
    """Nothing could be graded: a missing exercise, autograder or submission path."""


@dataclass(frozen=True)
class Submission:
    """One notebook to grade: its stable id, where it is, and the file to read."""

    id: str
    path: str
    file: Path


@dataclass(frozen=True)
class Question:
    """A question of the exercise as its solution notebook declares it."""

    name: str
    points: float
    manual: bool


def exercise_questions(folder: Path) -> list[Question]:
    """The questions of an exercise (name, points, manual) from its otter solution notebook."""
    import yaml

    questions = []
    nb = nbformat.read(folder / SOLUTION, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "raw" and re.match(r"#\s*BEGIN\s+QUESTION", cell.source, re.I):
            config = yaml.safe_load(cell.source.split("\n", 1)[1])
            questions.append(Question(str(config["name"]), float(config.get("points", 1)),
                                      bool(config.get("manual", False))))
    return questions


def _safe_extract(archive: Path, into: Path) -> None:
    with zipfile.ZipFile(archive) as zf:
        for member in zf.infolist():
            parts = PurePosixPath(member.filename).parts
            if member.is_dir() or member.filename.startswith("/") or ".." in parts:
                continue
            target = into.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(member) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst)


def collect(paths: list[Path], scratch: Path) -> list[Submission]:
    """Every notebook in ``paths`` (files, folders, zips), each with a unique stable id."""
    found: list[Submission] = []
    for number, path in enumerate(paths):
        if not path.exists():
            raise GradeError(f"submission path {path} does not exist")
        if path.is_file() and path.suffix.lower() == ".zip":
            root = scratch / f"zip-{number}"
            _safe_extract(path, root)
            label = path.name
        elif path.is_dir():
            root, label = path, str(path)
        else:
            found.append(Submission(path.stem, str(path), path))
            continue
        for nb in sorted(root.rglob("*.ipynb")):
            rel = nb.relative_to(root)
            if _SKIP_PARTS & set(rel.parts):
                continue
            shown = f"{label}!{rel.as_posix()}" if root.is_relative_to(scratch) else str(nb)
            found.append(Submission(rel.with_suffix("").as_posix(), shown, nb))
    counts: dict[str, int] = {}
    for s in found:
        counts[s.id] = counts.get(s.id, 0) + 1
    unique = []
    for s in found:  # the same id from two different roots: tell them apart by their path
        unique.append(s if counts[s.id] == 1 else Submission(s.path, s.path, s.file))
    return unique


def read_roster(path: Path | None) -> dict[str, str]:
    """Submission id (or its first folder) -> student number, from a roster CSV."""
    if path is None:
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"submission", "student_id"} - set(reader.fieldnames or [])
        if missing:
            raise GradeError(f"roster {path} must have the columns submission and student_id; "
                             f"missing {sorted(missing)}")
        return {row["submission"].strip(): row["student_id"].strip() for row in reader}


def _roster_id(roster: dict[str, str], submission_id: str) -> str:
    return roster.get(submission_id) or roster.get(submission_id.split("/", 1)[0], "")


def _kernel_dir(scratch: Path) -> Path:
    """A Jupyter data folder whose only kernel runs this interpreter."""
    spec = scratch / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "CRM Value Lab (grading)", "language": "python",
    }), encoding="utf-8")
    return scratch / "jupyter"


def _message(output: str) -> str:
    """The diagnosis from otter's output of a failed test (the assertion's text)."""
    found = re.findall(r"^\s*(?:AssertionError|\w+Error): (.*)$", output, re.MULTILINE)
    if found:
        return found[-1].strip()
    return " ".join(output.split())[:300]


def _status(passed: bool, message: str) -> str:
    if passed:
        return "correct"
    if message.startswith(("Not answered", "尚未作答")):
        return "not_answered"
    if message.startswith(("Wrong type", "类型不对")):
        return "wrong_type"
    if message.startswith(("Not yet", "还不对")):
        return "wrong"
    return "error"


def grade_one(sub: Submission, *, exercise: str, questions: list[Question], autograder: Path,
              roster_id: str, scratch: Path, jupyter_path: Path, timeout: float,
              lang: str, variant_of) -> dict[str, Any]:
    """Grade one submission; always return a report with one row per autograded question."""
    report: dict[str, Any] = {"submission": sub.id, "path": sub.path, "error": None,
                              "open_answers": {}}
    typed = ""
    results: dict[str, dict[str, Any]] = {}
    try:
        nb = nbformat.read(sub.file, as_version=4)
    except Exception as exc:  # any unreadable file is graded 0, with the reason
        nb = None
        report["error"] = f"the notebook could not be read ({type(exc).__name__}: {exc})"
    if nb is not None:
        first = next((c.source for c in nb.cells if c.cell_type == "code"
                      and _STUDENT_ID.search(c.source)), "")
        match = _STUDENT_ID.search(first)
        typed = match.group(2).strip() if match else ""
        manual = [q.name for q in questions if q.manual]
        answers = [c.source for c in nb.cells if c.cell_type == "markdown"
                   and "otter_answer_cell" in c.get("metadata", {}).get("tags", [])]
        report["open_answers"] = dict(zip(manual, answers, strict=False))
        nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "CRM Value Lab (grading)",
                                     "language": "python"}
        nb.metadata.setdefault("otter", {})["assignment_name"] = exercise
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        work = Path(tempfile.mkdtemp(dir=scratch))
        nbformat.write(nb, work / "submission.ipynb")
        env = dict(os.environ, JUPYTER_PATH=str(jupyter_path), **{LANG_VARIABLE: lang})
        env.pop(ROSTER_VARIABLE, None)
        if roster_id:
            env[ROSTER_VARIABLE] = roster_id
        try:
            done = subprocess.run(
                [sys.executable, "-m", "otter", "run", "-a", str(autograder), "-o", str(work),
                 "--no-logo", "submission.ipynb"],
                cwd=work, env=env, capture_output=True, text=True, timeout=timeout)
            result_file = work / "results.json"
            if result_file.is_file():
                for test in json.loads(result_file.read_text(encoding="utf-8"))["tests"]:
                    if test.get("max_score") is not None:
                        results[test["name"]] = test
            if not results:
                tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
                report["error"] = f"otter run gave no results (exit {done.returncode}: {tail[0]})"
        except subprocess.TimeoutExpired:
            report["error"] = f"grading took longer than {timeout:g} s and was stopped"
    student = roster_id or typed
    report["student_id"] = student
    report["variant"] = variant_of(student)
    rows = []
    for q in questions:
        if q.manual:
            continue
        test = results.get(q.name)
        if test is None:
            points, status = 0.0, "not_graded"
            message = f"Not graded: {report['error'] or 'no result for this question'}."
        else:
            points = float(test["score"])
            passed = points >= float(test["max_score"]) - 1e-9
            message = "" if passed else _message(str(test.get("output", "")))
            status = _status(passed, message)
        rows.append({"submission": sub.id, "path": sub.path, "student_id": student,
                     "variant": report["variant"], "question": q.name, "points": points,
                     "max_points": q.points, "status": status, "message": message})
    report["rows"] = rows
    report["score"] = sum(r["points"] for r in rows)
    report["max_score"] = sum(q.points for q in questions if not q.manual)
    return report


def summarize(reports: list[dict[str, Any]], questions: list[Question]) -> list[dict[str, Any]]:
    """Per autograded question: mean mark, share correct, counts by status; hardest first."""
    statuses = ("correct", "wrong", "wrong_type", "not_answered", "error", "not_graded")
    table = []
    for q in questions:
        if q.manual:
            continue
        rows = [r for rep in reports for r in rep["rows"] if r["question"] == q.name]
        n = len(rows) or 1
        entry: dict[str, Any] = {
            "question": q.name, "max_points": q.points, "submissions": len(rows),
            "mean_points": round(sum(r["points"] for r in rows) / n, 3),
            "share_correct": round(sum(r["status"] == "correct" for r in rows) / n, 3),
        }
        entry.update({s: sum(r["status"] == s for r in rows) for s in statuses})
        table.append(entry)
    return sorted(table, key=lambda e: (e["share_correct"], e["question"]))


def _write_csv(path: Path, rows: list[dict[str, Any]], columns) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)


def grade_class(paths: list[Path], *, exercise: str, out: Path, autograder: Path | None = None,
                roster: Path | None = None, jobs: int = 2, timeout: float = 900,
                lang: str = "en") -> list[dict[str, Any]]:
    """Grade every submission in ``paths`` and write the tables into ``out``; return the
    reports (one per submission)."""
    try:
        folder = find_exercise(exercise)
    except BuildError as exc:
        raise GradeError(str(exc)) from exc
    autograder = autograder or folder / AUTOGRADER
    if not autograder.is_file():
        raise GradeError(f"autograder {autograder} not found; run `make exercises` first")
    key = load_key(folder)
    questions = exercise_questions(folder)
    roster_ids = read_roster(roster)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        subs = collect(paths, scratch)
        jupyter_path = _kernel_dir(scratch)
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            reports = list(pool.map(lambda s: grade_one(
                s, exercise=folder.name, questions=questions, autograder=autograder.resolve(),
                roster_id=_roster_id(roster_ids, s.id), scratch=scratch,
                jupyter_path=jupyter_path, timeout=timeout, lang=lang,
                variant_of=key.EXERCISE.variant_of), subs))
    rows = [r for rep in reports for r in rep["rows"]]
    _write_csv(out / "grades.csv", rows, COLUMNS)
    (out / "grades.json").write_text(json.dumps(
        {"exercise": folder.name, "submissions": reports}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    summary = summarize(reports, questions)
    if summary:
        _write_csv(out / "summary.csv", summary, summary[0].keys())
    open_rows = [{"submission": rep["submission"], "student_id": rep["student_id"],
                  "question": q, "answer": text}
                 for rep in reports for q, text in rep["open_answers"].items()]
    _write_csv(out / "open_answers.csv", open_rows,
               ("submission", "student_id", "question", "answer"))
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Grade a class's exercise notebooks headless.")
    parser.add_argument("submissions", nargs="+", type=Path,
                        help="notebooks, folders or zip files of submissions")
    parser.add_argument("--exercise", required=True, help="exercise folder (or prefix, e.g. 04)")
    parser.add_argument("--out", type=Path, default=Path("grades"), help="output folder")
    parser.add_argument("--autograder", type=Path, help="autograder zip (default: the build's)")
    parser.add_argument("--roster", type=Path, help="CSV with columns submission, student_id")
    parser.add_argument("--jobs", type=int, default=2, help="submissions graded at once")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds allowed for one submission")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="message language")
    args = parser.parse_args(argv)
    try:
        reports = grade_class(args.submissions, exercise=args.exercise, out=args.out,
                              autograder=args.autograder, roster=args.roster, jobs=args.jobs,
                              timeout=args.timeout, lang=args.lang)
    except GradeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for rep in reports:
        extra = f"  ({rep['error']})" if rep["error"] else ""
        print(f"{rep['submission']}: {rep['score']:g}/{rep['max_score']:g}{extra}")
    print("\nquestion  mean / max  correct  (hardest first)")
    for e in summarize(reports, exercise_questions(find_exercise(args.exercise))):
        print(f"{e['question']:<8} {e['mean_points']:>5g} / {e['max_points']:<4g} "
              f"{e['share_correct']:>6.0%}")
    print(f"\ntables in {args.out}/: grades.csv, grades.json, summary.csv, open_answers.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
