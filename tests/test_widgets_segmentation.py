"""Widget tests in plain pytest: value-matrix explorer and RFM explorer on real customer bases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib.datasets import load_cdnow
from crmlib.segmentation import rfm_scores, rfm_segments
from crmlib.transactions import rfm_summary
from crmlib.value import value_matrix
from crmlib.widgets import rfm_explorer, value_matrix_explorer


@pytest.fixture(scope="module")
def cdnow_summary():
    tx = load_cdnow("sample")
    s = rfm_summary(tx)
    s["spend"] = tx.groupby("customer_id")["amount"].sum()
    return s


@pytest.fixture(scope="module")
def base():
    # a small customer base with a current value and a potential column
    return pd.DataFrame({"current_value": [120.0, -40.0, 15.0, 300.0, 60.0, 5.0],
                         "growth_potential": [10.0, 200.0, 50.0, 80.0, 5.0, 30.0]})


def test_value_matrix_explorer_starts_at_the_median_split(base):
    w = value_matrix_explorer(base)
    direct = value_matrix(base)  # median split
    assert w.result.current_split == pytest.approx(direct.current_split)
    assert w.result.potential_split == pytest.approx(direct.potential_split)
    assert w.result.summary["customers"].tolist() == direct.summary["customers"].tolist()
    assert "invest and keep" in w.message.value
    assert bytes(w.chart.value).startswith(b"\x89PNG")


def test_moving_a_split_line_gives_what_the_core_computes(base):
    w = value_matrix_explorer(base)
    w.controls["current_percentile"].value = 80.0
    w.controls["potential_percentile"].value = 20.0
    c_split = float(np.percentile(base["current_value"], 80))
    p_split = float(np.percentile(base["growth_potential"], 20))
    expected = value_matrix(base, split=(c_split, p_split))
    pd.testing.assert_frame_equal(w.result.summary, expected.summary)
    # by hand: sorted current values -40, 5, 15, 60, 120, 300; the 80th percentile sits at
    # position 0.8 * 5 = 4, i.e. 120, and only 300 is strictly above it
    assert c_split == pytest.approx(120.0)
    assert w.result.summary.loc[["invest", "maintain"], "customers"].sum() == 1
    assert f"{expected.summary.loc['invest', 'current_share']:.1%}" in w.message.value


def test_dollar_amounts_are_not_read_as_a_formula(base):
    # the message is an HTMLMath: "$120.00, growth potential $30.00" between two "$" would be
    # typeset as TeX (seen in the browser on CDNOW); the split line is kept out of MathJax
    w = value_matrix_explorer(base, currency="$")
    message = w.message.value
    start = message.index('<span class="tex2jax_ignore mathjax_ignore">')
    split_line = message[start:message.index("</span>", start)]
    assert split_line.count("$") == 2
    assert message.replace(split_line, "").count("$") == 0


def test_value_matrix_explorer_bad_percentile_is_explained(base):
    w = value_matrix_explorer(base)
    w.controls["current_percentile"].max = 150.0
    w.controls["current_percentile"].value = 120.0
    assert w.result is None
    assert "current_percentile must be between 0 and 100; got 120" in w.error
    assert "current_percentile" in w.message.value
    assert w.chart.layout.display == "none"
    w.controls["current_percentile"].value = 50.0
    assert w.error is None


def test_value_matrix_explorer_missing_column_is_refused(base):
    with pytest.raises(ValueError, match="customers is missing the required column 'profit'"):
        value_matrix_explorer(base, current="profit")


def test_value_matrix_explorer_refuses_an_empty_table(base):
    # no split line can be drawn through no customers: refused before the widget is built,
    # not shown later as a bug (IndexError of the percentile)
    with pytest.raises(ValueError, match="customers must have at least one row; got an empty "
                                         "DataFrame"):
        value_matrix_explorer(base.iloc[:0])


def test_value_matrix_explorer_in_chinese(base):
    w = value_matrix_explorer(base, lang="zh")
    assert w.controls["current_percentile"].description == "当前价值分界（百分位）"
    assert "重点投入" in w.message.value
    assert w.figure.axes[0].get_title() == "客户价值矩阵"


def test_rfm_explorer_default_is_the_eight_classes_on_cdnow(cdnow_summary):
    w = rfm_explorer(cdnow_summary, monetary="spend")
    expected = rfm_segments(rfm_scores(cdnow_summary, monetary="spend"),
                            value=cdnow_summary["spend"])
    pd.testing.assert_frame_equal(w.result.summary, expected.summary)
    assert w.result.summary["customers"].sum() == 2_357
    assert "important value" in w.message.value


def test_rfm_explorer_bins_and_fixed_threshold(cdnow_summary):
    w = rfm_explorer(cdnow_summary, monetary="spend")
    assert w.controls["threshold"].disabled  # "mean" mode: the fixed score is not used
    w.controls["bins"].value = 3
    w.controls["threshold_mode"].value = "number"
    w.controls["threshold"].value = 2.0
    assert not w.controls["threshold"].disabled
    expected = rfm_segments(rfm_scores(cdnow_summary, 3, monetary="spend"), threshold=2.0,
                            value=cdnow_summary["spend"])
    pd.testing.assert_frame_equal(w.result.summary, expected.summary)
    assert w.result.thresholds == {"R": 2.0, "F": 2.0, "M": 2.0}


def test_rfm_explorer_named_scheme_needs_five_bins(cdnow_summary):
    w = rfm_explorer(cdnow_summary, monetary="spend")
    w.controls["scheme"].value = "named"
    assert w.result.summary.index[0] == "champions"
    w.controls["bins"].value = 4
    assert w.result is None
    assert "needs scores with 5 levels" in w.error and "bins=4" in w.error
    w.controls["bins"].value = 5
    assert w.error is None


def test_rfm_explorer_in_chinese(cdnow_summary):
    w = rfm_explorer(cdnow_summary, monetary="spend", lang="zh")
    assert w.controls["bins"].description == "评分等级数"
    assert "重要价值客户" in w.message.value
    assert w.figure.axes[0].get_title() == "RFM 客户类别"


def test_sliders_recompute_only_on_release(base, cdnow_summary):
    for w in (value_matrix_explorer(base), rfm_explorer(cdnow_summary, monetary="spend")):
        sliders = [c for c in w.controls.values() if hasattr(c, "continuous_update")]
        assert sliders and all(c.continuous_update is False for c in sliders)
