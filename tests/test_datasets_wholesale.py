"""The simulated wholesale customer base: the shipped files equal a rebuild; structure; laws."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import crmlib
from crmlib.datasets import load_wholesale

BUILD = Path(crmlib.__file__).parent / "datasets" / "data" / "_build_wholesale.py"


def _build_module():
    spec = importlib.util.spec_from_file_location("_build_wholesale", BUILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_customers_equal_a_rebuild_with_the_documented_seed():
    module = _build_module()
    assert module.SEED == 20230101
    rebuilt = module.build()
    shipped = load_wholesale()
    pd.testing.assert_frame_equal(shipped, rebuilt, check_dtype=False, atol=1e-9, rtol=0)


def test_shipped_resources_equal_the_build_assumptions():
    module = _build_module()
    pd.testing.assert_frame_equal(load_wholesale("resources"), module.RESOURCES,
                                  check_dtype=False)


def test_customers_structure_and_accounting_laws():
    c = load_wholesale()
    assert len(c) == 1_000 and c.index.tolist() == list(range(1, 1_001))
    assert c.index.name == "customer_id"
    assert (c["orders"] >= 1).all()
    assert (c["cogs"] <= c["sales"]).all()          # margins are between 0 and 1
    assert (c["wallet"] >= c["sales"] - 0.01).all()  # share of wallet at most 1
    assert (c["deliveries"] >= c["orders"]).all()
    assert (c["returns"] <= c["orders"]).all()
    assert c["lines_held"].between(1, 8).all()
    assert c["satisfaction"].between(1, 5).all()
    assert set(c["churned"].unique()) <= {0, 1}
    assert c["days_since_last_order"].between(0, 364).all()


def test_resources_total_and_every_resource_is_used():
    r = load_wholesale("resources")
    assert int(r["cost"].sum()) == 530_000
    assert (r.drop(columns="cost").sum(axis=1) == 100).all()  # time shares in percent


def test_wholesale_loader_returns_a_fresh_copy_and_checks_its_argument():
    first = load_wholesale()
    first.loc[1, "sales"] = -1
    assert load_wholesale().loc[1, "sales"] != -1
    with pytest.raises(ValueError, match=re.escape(
            "table must be one of 'customers', 'resources'; got 'orders'")):
        load_wholesale("orders")


def test_readme_checksums_match_the_files():
    import hashlib

    data = BUILD.parent
    readme = (data / "README.md").read_text(encoding="utf-8")
    for name in ("wholesale_customers.csv", "wholesale_resources.csv"):
        digest = hashlib.sha256((data / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}" in readme
    assert np.isfinite(load_wholesale()["acquisition_cost"]).all()
