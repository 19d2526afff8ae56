"""Grade exercise notebooks headless: run them, then check every answer.

Usage::

    python exercises/autograde.py SUBMISSION.ipynb [SUBMISSION.ipynb ...]
        [--exercise 04] [--out-dir DIR] [--timeout SECONDS] [--lang en|zh]

Each submission is run top to bottom in a fresh kernel (nbclient; at most
``timeout_per_cell`` seconds per cell, from the exercise's exercise.json).
Running stops at the first cell that fails, as "Restart & Run All" would;
then a grading cell is run in the same kernel. It calls the exercise's
checker on the final values of the answer variables ``q1``, ``q2``, ...
so questions answered before the error are still graded. For each
submission ``NAME_grades.csv`` and ``NAME_grades.json`` (question, points,
max_points, passed, status, message) are written beside it or in
``--out-dir``, and a summary is printed. The exit status is 0 when every
submission was graded (a notebook that fails still gets a score) and 2 when
a submission or the exercise could not be found.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _spec import METADATA_KEY, Spec, SpecError, find_spec  # noqa: E402

MARK = "CRM-VALUE-LAB-GRADES:"
COLUMNS = ("question", "title", "points", "max_points", "passed", "status", "message")

_GRADING_CELL = """\
import importlib as _crmlab_importlib
import json as _crmlab_json
_crmlab_exercise = _crmlab_importlib.import_module({checker!r}).EXERCISE
_crmlab_answers = {{k: v for k, v in dict(globals()).items()
                   if k in _crmlab_exercise.question_ids}}
print({mark!r} + _crmlab_json.dumps(
    [r.to_dict() for r in _crmlab_exercise.grade(_crmlab_answers, lang={lang!r})],
    ensure_ascii=False))
"""


def _first_line(source: str) -> str:
    line = next((s.strip() for s in source.splitlines() if s.strip()), "")
    return line if len(line) <= 60 else line[:57] + "..."


def run_and_grade(path: Path, spec: Spec, *, timeout: float, lang: str,
                  kernel: str | None = None) -> dict[str, Any]:
    """Run one submission and return its grade report (see the module docstring)."""
    report: dict[str, Any] = {"submission": str(path), "exercise": spec.name, "error": None}
    results: list[dict[str, Any]] | None = None
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # any unreadable file is graded 0, with the reason
        report["error"] = f"the notebook could not be read ({type(exc).__name__}: {exc})"
        nb = None
    if nb is not None:
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        grading = nbformat.v4.new_code_cell(
            _GRADING_CELL.format(checker=spec.checker, mark=MARK, lang=lang))
        client = NotebookClient(
            nb,
            timeout=int(timeout),
            kernel_name=kernel or nb.metadata.get("kernelspec", {}).get("name", "python3"),
            interrupt_on_timeout=True,
            error_on_timeout={"ename": "CellTimeoutError",
                              "evalue": f"the cell ran longer than {timeout:g} s"},
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            # the kernel's own log lines (not the notebook's output) are not wanted here
            with client.setup_kernel(stderr=subprocess.DEVNULL):
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    try:
                        client.execute_cell(cell, index)
                    except CellExecutionError as exc:
                        report["error"] = (
                            f"the notebook stopped with an error in cell {index + 1} "
                            f"(\"{_first_line(cell.source)}\"): {exc.ename}: {exc.evalue}"
                        )
                        break
                nb.cells.append(grading)
                client.execute_cell(grading, len(nb.cells) - 1)
            for output in grading.outputs:
                for line in output.get("text", "").splitlines():
                    if line.startswith(MARK):
                        results = json.loads(line[len(MARK):])
            if results is None:
                report["grading_error"] = "the grading cell printed no result"
        except (CellExecutionError, DeadKernelError, RuntimeError, OSError) as exc:
            report["grading_error"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
    report["questions"] = _score(spec, results, report)
    report["score"] = sum(q["points"] for q in report["questions"])
    report["max_score"] = spec.max_score
    return report


def _score(spec: Spec, results: list[dict[str, Any]] | None,
           report: dict[str, Any]) -> list[dict[str, Any]]:
    by_id = {r["question"]: r for r in results or []}
    rows = []
    for qid, max_points in spec.points.items():
        r = by_id.get(qid)
        if r is None:
            reason = report.get("grading_error") or report.get("error") or "no result"
            r = {"question": qid, "title": "", "status": "not_graded", "passed": False,
                 "message": f"Not graded: {reason}."}
        message = r["message"]
        if r["status"] == "not_answered" and report.get("error"):
            message += f" Note: {report['error']}."
        passed = bool(r["passed"])
        rows.append({
            "question": qid, "title": r.get("title", ""),
            "points": max_points if passed else 0.0, "max_points": max_points,
            "passed": passed, "status": r["status"], "message": message,
        })
    return rows


def write_report(report: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    """Write ``NAME_grades.csv`` and ``NAME_grades.json``; return their paths."""
    stem = Path(report["submission"]).stem
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path, json_path = out_dir / f"{stem}_grades.csv", out_dir / f"{stem}_grades.json"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(report["questions"])
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n",
                         encoding="utf-8")
    return csv_path, json_path


def _spec_for(path: Path, name: str | None) -> Spec:
    if name is None:
        try:
            meta = nbformat.read(path, as_version=4).metadata.get(METADATA_KEY, {})
        except Exception as exc:
            raise SpecError(f"{path} could not be read to find its exercise ({exc}); "
                            "pass --exercise") from exc
        name = meta.get("exercise")
        if not name:
            raise SpecError(f"{path} does not say which exercise it is; pass --exercise")
    return find_spec(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run and grade exercise notebooks headless.")
    parser.add_argument("submissions", nargs="+", type=Path, help="notebooks to grade")
    parser.add_argument("--exercise", help="exercise folder (default: from the notebook)")
    parser.add_argument("--out-dir", type=Path, help="where to write the tables "
                        "(default: beside each submission)")
    parser.add_argument("--timeout", type=float, help="seconds per cell (default: the spec's)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="message language")
    parser.add_argument("--kernel", help="Jupyter kernel name (default: the notebook's)")
    args = parser.parse_args(argv)
    status = 0
    for path in args.submissions:
        if not path.is_file():
            print(f"error: {path} is not a file", file=sys.stderr)
            status = 2
            continue
        try:
            spec = _spec_for(path, args.exercise)
            spec.exercise()
        except SpecError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 2
            continue
        report = run_and_grade(path, spec, timeout=args.timeout or spec.timeout,
                               lang=args.lang, kernel=args.kernel)
        csv_path, _ = write_report(report, args.out_dir or path.parent)
        print(f"{path.name}: {report['score']:g}/{report['max_score']:g} points "
              f"-> {csv_path}")
        for q in report["questions"]:
            print(f"  {q['question']:<4} {q['points']:g}/{q['max_points']:g}  {q['message']}")
        for key in ("error", "grading_error"):
            if report.get(key):
                print(f"  ({report[key]})")
    return status


if __name__ == "__main__":
    sys.exit(main())
