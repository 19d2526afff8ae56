"""Notebook hygiene that nbval itself does not check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_declares_python3_kernel(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_executed_in_order(path):
    """nbval compares stored outputs, so every code cell must have been run, top to bottom."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code"
              and "".join(c["source"]).strip()]
    assert None not in counts, "a code cell was never run"
    assert counts == list(range(1, len(counts) + 1)), "cells were not run once, top to bottom"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_only_widget_cells_ignore_output(path):
    """nbval-ignore-output is reserved for cells that display a widget."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if "nbval-ignore-output" in tags:
            source = "".join(cell["source"])
            assert "widget" in source or "calculator" in source, (
                f"cell ignores its output but shows no widget: {source[:80]}"
            )
