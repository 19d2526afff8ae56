"""Exercise specs (``exercise.json``), shared by ``build.py`` and ``autograde.py``.

Every exercise is one folder ``exercises/NN_topic/`` holding an
``exercise.json`` like::

    {
      "title": "Customer lifetime value 客户终身价值",
      "checker": "crmlib.exercises.clv",
      "solution": "solution.ipynb",
      "student": "student.ipynb",
      "timeout_per_cell": 60,
      "questions": [{"id": "q1", "points": 2}, ...]
    }

``checker`` names the module whose ``EXERCISE`` checks the answers; the
answer to question ``qN`` is the notebook variable ``qN``.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path

EXERCISES_DIR = Path(__file__).resolve().parent
SPEC_NAME = "exercise.json"
METADATA_KEY = "crm_value_lab"


class SpecError(ValueError):
    """An exercise.json that is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class Spec:
    """One exercise: its folder, notebooks, checker module and points per question."""

    folder: Path
    title: str
    checker: str
    solution: Path
    student: Path
    timeout: float
    points: dict[str, float]

    @property
    def name(self) -> str:
        """The folder name, e.g. ``04_customer_lifetime_value``."""
        return self.folder.name

    @property
    def max_score(self) -> float:
        """Total points of the exercise."""
        return float(sum(self.points.values()))

    def exercise(self):
        """Import the checker module and return its ``EXERCISE``, checking it matches the spec."""
        try:
            module = importlib.import_module(self.checker)
        except ImportError as exc:
            raise SpecError(f"{self.name}: checker module {self.checker!r} cannot be imported: "
                            f"{exc}") from exc
        exercise = getattr(module, "EXERCISE", None)
        if exercise is None:
            raise SpecError(f"{self.name}: checker module {self.checker!r} has no EXERCISE")
        if tuple(self.points) != tuple(exercise.question_ids):
            raise SpecError(
                f"{self.name}: the questions in {SPEC_NAME} {list(self.points)} must be the "
                f"checker's questions, in order: {list(exercise.question_ids)}"
            )
        return exercise


def load_spec(folder: Path) -> Spec:
    """Read and validate ``folder/exercise.json``."""
    folder = Path(folder).resolve()
    path = folder / SPEC_NAME
    if not path.is_file():
        raise SpecError(f"{folder} has no {SPEC_NAME}")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SpecError(f"{path} is not valid JSON: {exc}") from exc
    missing = [k for k in ("title", "checker", "solution", "student", "questions") if k not in raw]
    if missing:
        raise SpecError(f"{path} must have the fields {missing}")
    points: dict[str, float] = {}
    for item in raw["questions"]:
        qid, value = item.get("id"), item.get("points")
        if not isinstance(qid, str) or qid in points:
            raise SpecError(f"{path}: every question needs a unique string id; got {qid!r}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise SpecError(f"{path}: points of {qid} must be a number greater than 0; "
                            f"got {value!r}")
        points[qid] = float(value)
    timeout = raw.get("timeout_per_cell", 60)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise SpecError(f"{path}: timeout_per_cell must be a number of seconds greater than 0; "
                        f"got {timeout!r}")
    return Spec(
        folder=folder,
        title=str(raw["title"]),
        checker=str(raw["checker"]),
        solution=folder / raw["solution"],
        student=folder / raw["student"],
        timeout=float(timeout),
        points=points,
    )


def find_specs(root: Path = EXERCISES_DIR) -> list[Spec]:
    """Every exercise under ``root`` (folders holding an exercise.json), sorted by name."""
    return [load_spec(p.parent) for p in sorted(Path(root).glob(f"*/{SPEC_NAME}"))]


def find_spec(name: str, root: Path = EXERCISES_DIR) -> Spec:
    """The exercise whose folder is ``name`` (or starts with ``name``, e.g. ``04``)."""
    specs = find_specs(root)
    hits = [s for s in specs if s.name == name] or [s for s in specs if s.name.startswith(name)]
    if len(hits) != 1:
        names = ", ".join(s.name for s in specs) or "none"
        raise SpecError(f"exercise must name one exercise folder (known: {names}); got {name!r}")
    return hits[0]
