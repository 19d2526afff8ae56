"""Build every exercise: the students' digest tables, student notebooks and the autograder zip.

Usage::

    python exercises/build.py              # build every exercises/NN_topic/
    python exercises/build.py 04           # one exercise (folder name or its prefix)
    python exercises/build.py --check      # exit 1 if a committed student file is stale

For each folder ``exercises/NN_topic/`` holding ``solution.ipynb`` (in
otter-grader's assign format) and ``answer_key.py``:

1. the answer key is evaluated for every variant of the exercise and turned
   into ``crmlib/exercises/data/<name>.json``: salted slow digests of the
   right answer and of each common mistake, rounded to the asked precision
   (plus, for every rate, the value a student gets by entering it in
   percent). A value closer than three units of the asked precision to one
   listed before it is left out (the right answer first, then the mistakes
   in the answer key's order, then the percent slips), so every digest has
   one verdict;
2. ``otter assign`` turns ``solution.ipynb`` into the student notebook
   (committed as ``student.ipynb``, with its public tests in ``tests/``) and
   the autograder zip with the hidden tests and ``answer_key.py``
   (``dist/autograder.zip``, not committed: it holds the answers).

Everything written is deterministic, so ``--check`` can compare the
committed files with a fresh build.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat

from crmlib.exercises._core import (
    CLOSE,
    CORRECT,
    PERCENT_PREFIX,
    ChoiceQuestion,
    Exercise,
    _coarse_token,
    answer_digest,
    number_token,
)

EXERCISES_DIR = Path(__file__).resolve().parent
ROOT = EXERCISES_DIR.parent
DATA_DIR = ROOT / "crmlib" / "exercises" / "data"
SOLUTION = "solution.ipynb"
STUDENT = "student.ipynb"
KEY = "answer_key.py"
AUTOGRADER = Path("dist") / "autograder.zip"
#: Verdicts of a table are at least this many units of the asked precision apart.
MIN_SEPARATION = 3


class BuildError(ValueError):
    """An exercise that cannot be built (missing file, clashing diagnoses, otter failure)."""


def find_exercises(root: Path = EXERCISES_DIR) -> list[Path]:
    """Every exercise folder under ``root`` (one holding solution.ipynb and answer_key.py)."""
    return [p.parent for p in sorted(Path(root).glob(f"*/{SOLUTION}"))
            if (p.parent / KEY).is_file()]


def find_exercise(name: str, root: Path = EXERCISES_DIR) -> Path:
    """The exercise folder ``name`` (or the one whose name starts with ``name``, e.g. ``04``)."""
    folders = find_exercises(root)
    hits = [f for f in folders if f.name == name] or [f for f in folders
                                                       if f.name.startswith(name)]
    if len(hits) != 1:
        names = ", ".join(f.name for f in folders) or "none"
        raise BuildError(f"exercise must name one exercise folder (known: {names}); "
                         f"got {name!r}")
    return hits[0]


def load_key(folder: Path) -> ModuleType:
    """Import ``folder/answer_key.py`` (it must define ``EXERCISE``, ``answer`` and
    ``mistakes``)."""
    path = Path(folder) / KEY
    spec = importlib.util.spec_from_file_location(f"answer_key_{Path(folder).name}", path)
    if spec is None or spec.loader is None:
        raise BuildError(f"{path} cannot be imported")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("EXERCISE", "answer", "mistakes"):
        if not hasattr(module, name):
            raise BuildError(f"{path} must define {name}")
    if not isinstance(module.EXERCISE, Exercise):
        raise BuildError(f"{path}: EXERCISE must be a crmlib.exercises.Exercise")
    return module


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)


def _apart(value: float, taken: list[tuple[str, float]], decimals: int) -> bool:
    units = int(number_token(value, decimals))
    return all(abs(units - int(number_token(v, decimals))) >= MIN_SEPARATION for _, v in taken)


def verdict_values(key: ModuleType, question, numbers: dict) -> list[tuple[str, float]]:
    """``(verdict, value)`` pairs of one numeric question in one variant: the answer, each
    mistake and each percent slip, in that order of precedence.

    A value closer than ``MIN_SEPARATION`` units (of the asked precision) to
    one already taken is left out: a mistake that gives the right number at
    the asked precision is no mistake there, and of two mistakes that give
    the same number the one listed first in the answer key names it.
    """
    decimals = question.decimals
    pairs = [(CORRECT, float(key.answer(question.id, numbers)))]
    for verdict, values in key.mistakes(question.id, numbers).items():
        for value in values:
            if _finite(value) and _apart(float(value), pairs, decimals):
                pairs.append((verdict, float(value)))
    for rate in question.rates:
        slipped = dict(numbers)
        slipped[rate] = 100 * numbers[rate]
        try:
            value = key.answer(question.id, slipped)
        except (ValueError, ZeroDivisionError, OverflowError):
            continue  # the kit refuses such a rate, so no number comes out of this slip
        if _finite(value) and _apart(float(value), pairs, decimals):
            pairs.append((PERCENT_PREFIX + rate, float(value)))
    return pairs


def build_table(key: ModuleType) -> dict[str, Any]:
    """The digest table of an exercise, for every variant (see the module docstring)."""
    exercise: Exercise = key.EXERCISE
    digests: dict[str, dict[str, dict[str, str]]] = {}
    for variant in range(exercise.n_variants):
        numbers_of = exercise.parameters(variant)
        per_question: dict[str, dict[str, str]] = {}
        for q in exercise.questions:
            numbers = numbers_of[q.id]
            where = f"{exercise.name}, variant {variant}, {q.id}"
            table: dict[str, str] = {}

            def put(token: str, verdict: str, qid: str = q.id, v: int = variant,
                    into: dict[str, str] = table) -> None:
                into[answer_digest(exercise.name, qid, v, token)] = verdict

            if isinstance(q, ChoiceQuestion):
                right = key.answer(q.id, numbers)
                for letter, option in sorted(numbers["options"].items()):
                    verdict = CORRECT if letter == right else f"{q.id}.{option}"
                    if verdict != CORRECT and verdict not in exercise.diagnoses:
                        raise BuildError(f"{where}: no diagnosis {verdict!r}")
                    put(letter, verdict)
            else:
                pairs = verdict_values(key, q, numbers)
                for verdict, _ in pairs:
                    if verdict not in (CORRECT,) and not verdict.startswith(PERCENT_PREFIX) \
                            and verdict not in exercise.diagnoses:
                        raise BuildError(f"{where}: no diagnosis {verdict!r}")
                for verdict, value in pairs:
                    put(number_token(value, q.decimals), verdict)
                put(_coarse_token(pairs[0][1]), CLOSE)
            per_question[q.id] = dict(sorted(table.items()))
        digests[str(variant)] = per_question
    return {"exercise": exercise.name, "variants": exercise.n_variants, "digests": digests}


def table_text(table: dict[str, Any]) -> str:
    """The digest table as the exact text written to ``crmlib/exercises/data``."""
    return json.dumps(table, indent=0, sort_keys=True) + "\n"


def run_assign(folder: Path, out: Path) -> Path:
    """Run ``otter assign`` on ``folder/solution.ipynb`` into ``out``; return ``out``."""
    done = subprocess.run(
        [sys.executable, "-m", "otter", "assign", "--no-run-tests", "--no-pdfs", SOLUTION,
         str(out)],
        cwd=folder, capture_output=True, text=True, timeout=600,
    )
    if done.returncode != 0:
        raise BuildError(f"{folder.name}: otter assign failed:\n{done.stdout}\n{done.stderr}")
    return out


_CHECK = re.compile(r'^grader\.check\("(\w+)"\)$')
_ANSWER = re.compile(r"^(\w+) = \.\.\.")


def _stable_ids(nb: nbformat.NotebookNode) -> None:
    """Give every cell an id that does not change between builds (otter draws random ones):
    ``answer-qN`` and ``check-qN`` for a question's answer and check cells, ``cell-NNN``
    for the rest."""
    manual = 0
    used: set[str] = set()
    for index, cell in enumerate(nb.cells):
        source = cell.source.strip()
        cell_id = f"cell-{index:03d}"
        if (m := _CHECK.match(source)) is not None:
            cell_id = f"check-{m.group(1)}"
        elif "otter_answer_cell" in cell.metadata.get("tags", []):
            m = _ANSWER.match(source)
            manual += m is None
            cell_id = f"answer-{m.group(1)}" if m else f"answer-open-{manual}"
        if cell_id in used:
            cell_id = f"cell-{index:03d}"
        used.add(cell_id)
        cell["id"] = cell_id


def student_files(assigned: Path) -> dict[str, str]:
    """Relative path -> text of every student-facing file otter assign wrote."""
    student = assigned / "student"
    nb = nbformat.read(student / SOLUTION, as_version=4)
    _stable_ids(nb)
    files = {STUDENT: nbformat.writes(nb) + "\n"}
    for test in sorted((student / "tests").glob("*.py")):
        files[f"tests/{test.name}"] = test.read_text(encoding="utf-8")
    return files


def autograder_zip(assigned: Path) -> Path:
    """The autograder zip otter assign wrote (its name carries a time stamp)."""
    zips = sorted((assigned / "autograder").glob("*.zip"))
    if len(zips) != 1:
        raise BuildError(f"otter assign wrote {len(zips)} autograder zips in {assigned}")
    return zips[0]


def build(folder: Path, *, check: bool = False, zip_to: Path | None = None) -> list[str]:
    """Build one exercise; return the committed files that are (or, with ``check``, would be)
    changed. With ``zip_to``, the autograder zip is copied there."""
    key = load_key(folder)
    changed: list[str] = []
    wanted = {DATA_DIR / f"{key.EXERCISE.name}.json": table_text(build_table(key))}
    with tempfile.TemporaryDirectory() as tmp:
        assigned = run_assign(folder, Path(tmp) / "dist")
        for rel, text in student_files(assigned).items():
            wanted[folder / rel] = text
        stale_tests = [p for p in (folder / "tests").glob("*.py") if p not in wanted]
        if zip_to is not None or not check:
            target = zip_to or folder / AUTOGRADER
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(autograder_zip(assigned), target)
    for path in stale_tests:
        changed.append(str(path.relative_to(ROOT)))
        if not check:
            path.unlink()
    for path, text in wanted.items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            changed.append(str(path.relative_to(ROOT)))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the exercises (student notebooks, "
                                     "self-check tables, autograder zips).")
    parser.add_argument("exercise", nargs="*", help="exercise folder names (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if a committed file differs from a build")
    args = parser.parse_args(argv)
    try:
        folders = [find_exercise(n) for n in args.exercise] if args.exercise \
            else find_exercises()
        stale = []
        for folder in folders:
            changed = build(folder, check=args.check)
            if not changed:
                print(f"{folder.name}: up to date")
            for rel in changed:
                state = "differs from a fresh build" if args.check else "written"
                print(f"{folder.name}: {rel} {state}")
            stale.extend(changed)
            if not args.check:
                print(f"{folder.name}: autograder in {(folder / AUTOGRADER).relative_to(ROOT)}")
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.check and stale:
        print("run `make exercises` and commit the files listed above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
