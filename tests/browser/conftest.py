"""Fixtures of the browser layer; it runs only where Debian's Chromium is installed.

Without /usr/bin/chromium (or without playwright) the browser tests are skipped
and the run says so in its summary; under CI (``CI=true``) they fail instead,
so CI cannot pass without them. ``.ci/run`` installs Chromium and the CJK font.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from .browser_harness import CHROMIUM, CHROMIUM_FLAGS, ROOT, jupyterlab, voila

SKIPPED: list[str] = []


def _under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install chromium fonts-noto-cjk)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason is not None:
        if _under_ci():
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        SKIPPED.append(reason)
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def course_copy(tmp_path_factory) -> Path:
    """A copy of notebooks/ for the servers: nothing done in the browser reaches the course."""
    target = tmp_path_factory.mktemp("course") / "notebooks"
    shutil.copytree(ROOT / "notebooks", target, ignore=shutil.ignore_patterns(".*"))
    return target


@pytest.fixture(scope="session")
def lab_url(browser, course_copy, tmp_path_factory):
    with jupyterlab(course_copy, tmp_path_factory.mktemp("lab-home")) as url:
        yield url


@pytest.fixture(scope="session")
def voila_url(browser, course_copy, tmp_path_factory):
    with voila(course_copy, tmp_path_factory.mktemp("voila-home")) as url:
        yield url


@pytest.fixture(scope="session")
def handout_pages(tmp_path_factory) -> list[Path]:
    """``make handouts`` into a temporary folder (jupyter/handouts.py)."""
    sys.path.insert(0, str(ROOT / "jupyter"))
    try:
        import handouts
    finally:
        sys.path.remove(str(ROOT / "jupyter"))
    return handouts.build(ROOT / "notebooks", tmp_path_factory.mktemp("handouts"))


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = ROOT / "tests" / "browser" / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


def pytest_terminal_summary(terminalreporter):
    if SKIPPED:
        terminalreporter.write_sep(
            "=", f"BROWSER TESTS SKIPPED: {SKIPPED[0]}", yellow=True, bold=True)
