"""Every public computation documents itself as STYLE.md asks: formula, reference, example."""

from __future__ import annotations

import importlib
import inspect

import pytest

from crmlib.models._mle import FittedModel

CORE = [
    "crmlib.capstone",
    "crmlib.clv",
    "crmlib.datasets",
    "crmlib.equity",
    "crmlib.lifecycle",
    "crmlib.loyalty",
    "crmlib.models",
    "crmlib.segmentation",
    "crmlib.strategy",
    "crmlib.transactions",
    "crmlib.value",
]
FORMULA_MODULES = {
    "crmlib.capstone",
    "crmlib.clv",
    "crmlib.equity",
    "crmlib.lifecycle",
    "crmlib.loyalty",
    "crmlib.models",
    "crmlib.segmentation",
    "crmlib.strategy",
    "crmlib.value",
}
# Course concept tables (data, not computations): they keep the Examples rule only.
TABLE_MODULES = {"crmlib.value._concepts"}


def _public_computations():
    for module_name in CORE:
        module = importlib.import_module(module_name)
        names = list(module.__all__)
        assert names == sorted(names), f"{module_name}.__all__ is not sorted"
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj) or (inspect.isclass(obj) and issubclass(obj, FittedModel)):
                yield pytest.param(module_name, obj, id=f"{module_name}.{name}")


@pytest.mark.parametrize(("module_name", "obj"), list(_public_computations()))
def test_numpydoc_sections(module_name, obj):
    doc = inspect.getdoc(obj) or ""
    assert "Examples\n--------" in doc and ">>> " in doc, "no doctested Examples section"
    if module_name in FORMULA_MODULES and obj.__module__ not in TABLE_MODULES:
        assert "References\n----------" in doc, "no References section"
        if inspect.isfunction(obj):
            assert "Parameters\n----------" in doc, "no Parameters section"
        text = doc + "".join(inspect.getdoc(m) or "" for _, m in inspect.getmembers(obj))
        assert ".. math::" in text or ":math:" in text, "no formula"
