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


def _locked_versions(path: Path) -> dict[str, str]:
    """Pinned versions of a universal lock that apply to the running interpreter."""
    from packaging.markers import Marker

    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith((" ", "#")):
            continue
        requirement, _, marker = line.partition(";")
        name, _, version = requirement.strip().partition("==")
        if marker.strip() and not Marker(marker.strip()).evaluate():
            continue
        pins[name.lower().split("[")[0]] = version
    return pins


@pytest.mark.parametrize("lock", ["lab.txt", "test.txt"])
def test_lock_files_satisfy_pyproject(lock, pyproject_requirements):
    """requirements/*.txt (made by `make lock`) pin a version inside every declared range.

    The students' lock holds the runtime packages, the test lock runtime + [dev];
    a range changed in pyproject.toml without `make lock` fails here.
    """
    pins = _locked_versions(ROOT / "requirements" / lock)
    runtime = {r.name.lower() for r in map(Requirement, requires("crmlib") or [])
               if r.marker is None}
    wanted = runtime if lock == "lab.txt" else set(pyproject_requirements)
    for name in sorted(wanted):
        assert name in pins, f"{name} is declared in pyproject.toml but missing from {lock}"
        spec = pyproject_requirements[name]
        assert Requirement(f"{name}{spec}").specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, outside pyproject's {spec!r}: run `make lock`"
        )
    if lock == "lab.txt":
        dev_only = {"pytest", "hypothesis", "ruff", "lifetimes", "nbval"}
        assert not dev_only & set(pins), "the students' lock must not carry the test tooling"


def test_both_locks_agree_on_shared_packages():
    lab = _locked_versions(ROOT / "requirements" / "lab.txt")
    test = _locked_versions(ROOT / "requirements" / "test.txt")
    differ = {k: (v, test.get(k)) for k, v in lab.items() if test.get(k) != v}
    assert not differ, f"lab.txt and test.txt pin different versions: {differ}"
