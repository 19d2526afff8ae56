"""environment.yml (the conda route) must stay in agreement with pyproject.toml.

Checked offline: the conda match specs are parsed with py-rattler's
``MatchSpec`` (the conda registry is not reachable from CI), the pip entries
with ``packaging``.
"""

from __future__ import annotations

from importlib.metadata import requires
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from rattler import MatchSpec

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def env() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pyproject_requirements() -> dict[str, str]:
    """Runtime + [dev] requirements, as declared by pyproject.toml of the installed kit.

    ``make test`` reinstalls the kit whenever pyproject.toml changes, so the
    installed metadata is the file's current content (and this works on
    Python 3.10, which has no tomllib).
    """
    reqs = [Requirement(r) for r in requires("crmlib") or []]
    return {r.name.lower(): str(r.specifier) for r in reqs}


def _conda_and_pip(env: dict) -> tuple[list[str], list[str]]:
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert len(pip_sections) == 1, "environment.yml must have exactly one pip: section"
    return conda, pip_sections[0]


def test_environment_structure(env):
    assert set(env) == {"name", "channels", "dependencies"}
    assert env["channels"] == ["conda-forge"]
    conda, pip = _conda_and_pip(env)
    names = [MatchSpec(spec).name.normalized for spec in conda]
    assert "python" in names and "pip" in names
    assert len(names) == len(set(names)), "a package is listed twice"
    assert "-e ." in pip, "the conda route must install the kit itself with pip (-e .)"
    python = MatchSpec(next(s for s in conda if s.startswith("python")))
    assert str(python.version) == ">=3.10"


def test_environment_lists_the_same_dependencies_as_pyproject(env, pyproject_requirements):
    conda, pip = _conda_and_pip(env)
    listed: dict[str, str] = {}
    for spec in conda:
        match = MatchSpec(spec)
        if match.name.normalized in {"python", "pip"}:
            continue
        listed[match.name.normalized] = str(match.version) if match.version else ""
    for entry in pip:
        if entry == "-e .":
            continue
        req = Requirement(entry)
        listed[req.name.lower()] = str(req.specifier)
    assert listed == pyproject_requirements
