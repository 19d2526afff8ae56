"""The layers stay apart: core never imports plotting or widgets; `import crmlib` stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import crmlib

PACKAGE = Path(crmlib.__file__).parent
CORE = [
    "_messages",
    "_validation",
    "capstone",
    "clv",
    "datasets",
    "equity",
    "i18n",
    "lifecycle",
    "loyalty",
    "models",
    "segmentation",
    "strategy",
    "transactions",
    "value",
]
UI_MODULES = ("matplotlib", "seaborn", "ipywidgets", "IPython", "crmlib.plotting", "crmlib.widgets")


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_import_crmlib_loads_no_topic_module():
    loaded = _loaded_after("import crmlib")
    assert not {m for m in loaded if m.startswith("crmlib.")}
    assert "pandas" not in loaded and "matplotlib" not in loaded


def test_core_modules_do_not_load_plotting_or_widgets():
    statement = "; ".join(f"import crmlib.{name}" for name in CORE)
    loaded = _loaded_after(statement)
    assert not [m for m in loaded if m.split(".")[0] in UI_MODULES or m.startswith(UI_MODULES)]


@pytest.mark.parametrize("name", CORE)
def test_core_source_never_prints(name):
    path = PACKAGE / name if (PACKAGE / name).is_dir() else PACKAGE / f"{name}.py"
    files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
    for file in files:
        if file.name.startswith("_build"):
            continue  # one-off data extraction scripts are not part of the library
        tree = ast.parse(file.read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Name) and n.func.id == "print"]
        assert not calls, f"{file.relative_to(PACKAGE)} prints (line {calls[0].lineno})"


def test_unknown_attribute_is_a_clear_error():
    with pytest.raises(AttributeError, match="has no attribute 'nonsense'"):
        crmlib.nonsense  # noqa: B018
