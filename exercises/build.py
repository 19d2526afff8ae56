"""Build each exercise's student notebook from its solution notebook.

Usage::

    python exercises/build.py              # rebuild every exercises/*/student.ipynb
    python exercises/build.py 04           # one exercise (folder name or its prefix)
    python exercises/build.py --check      # exit 1 if a committed student notebook is stale

Rules applied to the solution notebook:

- in code cells, the lines from ``### BEGIN SOLUTION`` to ``### END
  SOLUTION`` are replaced by one placeholder ``qN = ...`` for each question
  variable the block assigns (a block that assigns none becomes
  ``# your code here``);
- cells (markdown or code) tagged ``solution`` are removed;
- outputs, execution counts and cell metadata other than tags are cleared.

The output is deterministic: the same solution always gives byte-identical
student notebooks, so the committed copy can be compared with a fresh build.
"""

from __future__ import annotations

import argparse
import ast
import copy
import sys
import textwrap
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _spec import METADATA_KEY, Spec, SpecError, find_spec, find_specs  # noqa: E402

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
SOLUTION_TAG = "solution"


class BuildError(ValueError):
    """A solution notebook that breaks the marker rules."""


def _assigned_names(code: str) -> list[str]:
    """Names assigned at the top level of ``code``, in order of first assignment."""
    names: list[str] = []
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return names
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name) and sub.id not in names:
                    names.append(sub.id)
    return names


def strip_solution(source: str, questions: tuple[str, ...], where: str) -> tuple[str, list[str]]:
    """Replace every solution block of a code cell's ``source`` by placeholders.

    Returns the new source and the question variables given a placeholder.
    """
    out: list[str] = []
    block: list[str] | None = None
    indent = ""
    answered: list[str] = []
    for line in source.splitlines():
        marker = line.strip()
        if marker == BEGIN:
            if block is not None:
                raise BuildError(f"{where}: {BEGIN} inside another solution block")
            block, indent = [], line[: len(line) - len(line.lstrip())]
        elif marker == END:
            if block is None:
                raise BuildError(f"{where}: {END} without {BEGIN}")
            names = [n for n in _assigned_names("\n".join(block)) if n in questions]
            out.extend(f"{indent}{n} = ...  # your answer" for n in names)
            if not names:
                out.append(f"{indent}# your code here")
            answered.extend(names)
            block = None
        elif block is not None:
            block.append(line)
        else:
            out.append(line)
    if block is not None:
        raise BuildError(f"{where}: {BEGIN} without {END}")
    return "\n".join(out), answered


def student_notebook(solution: nbformat.NotebookNode, spec: Spec,
                     questions: tuple[str, ...]) -> nbformat.NotebookNode:
    """Return the student version of a solution notebook (the input is not changed)."""
    nb = copy.deepcopy(solution)
    cells = []
    answered: list[str] = []
    for index, cell in enumerate(nb.cells):
        where = f"{spec.solution.name}, cell {index + 1}"
        tags = [t for t in cell.get("metadata", {}).get("tags", [])]
        if SOLUTION_TAG in tags:
            continue
        if cell.cell_type == "code":
            cell.source, names = strip_solution(cell.source, questions, where)
            answered.extend(names)
            cell.outputs = []
            cell.execution_count = None
        elif BEGIN in cell.source or END in cell.source:
            raise BuildError(f"{where}: solution markers belong in code cells; tag a "
                             f"{cell.cell_type} cell {SOLUTION_TAG!r} to remove it")
        cell.metadata = nbformat.NotebookNode({"tags": tags} if tags else {})
        if "id" not in cell:
            cell["id"] = f"cell-{index:03d}"
        cells.append(cell)
    missing = [q for q in questions if q not in answered]
    if missing:
        raise BuildError(f"{spec.solution.name}: no solution block assigns {missing}; each "
                         f"question's answer must be set inside {BEGIN} ... {END}")
    nb.cells = cells
    metadata = {k: nb.metadata[k] for k in ("kernelspec", "language_info") if k in nb.metadata}
    metadata[METADATA_KEY] = {"exercise": spec.name, "role": "student"}
    nb.metadata = nbformat.NotebookNode(metadata)
    nbformat.validate(nb)
    return nb


def render(spec: Spec) -> str:
    """The student notebook of ``spec`` as the exact text written to disk."""
    questions = tuple(spec.exercise().question_ids)
    solution = nbformat.read(spec.solution, as_version=4)
    return nbformat.writes(student_notebook(solution, spec, questions)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build student notebooks from solutions.")
    parser.add_argument("exercise", nargs="*", help="exercise folder names (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if a student notebook differs from a build")
    args = parser.parse_args(argv)
    try:
        specs = [find_spec(n) for n in args.exercise] if args.exercise else find_specs()
        stale = []
        for spec in specs:
            text = render(spec)
            current = spec.student.read_text(encoding="utf-8") if spec.student.exists() else None
            if current == text:
                print(f"{spec.name}: {spec.student.name} up to date")
            elif args.check:
                stale.append(spec)
                print(f"{spec.name}: {spec.student.name} differs from a fresh build")
            else:
                spec.student.write_text(text, encoding="utf-8", newline="\n")
                print(f"{spec.name}: wrote {spec.student.name}")
    except (SpecError, BuildError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if stale:
        print("run `python exercises/build.py` and commit the student notebooks", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
