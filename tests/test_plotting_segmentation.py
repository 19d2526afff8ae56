"""Plots of notebook 02 draw the core results they are given, on the axes they are given."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from crmlib.plotting import (  # noqa: E402
    plot_pareto_curve,
    plot_rfm_grid,
    plot_rfm_segments,
    plot_value_matrix,
)
from crmlib.segmentation import pareto_abc, rfm_grid, rfm_segments  # noqa: E402
from crmlib.value import value_matrix  # noqa: E402

SCORES = pd.DataFrame({"R": [5, 1, 4, 2, 3], "F": [5, 4, 1, 1, 3], "M": [5, 5, 2, 1, 3],
                       "monetary": [100.0, 80.0, 10.0, 5.0, 20.0]})
BASE = pd.DataFrame({"current_value": [10.0, 8, 2, 1], "growth_potential": [9.0, 1, 7, 2]})


def _ax():
    return Figure().add_subplot()


def test_value_matrix_plot_draws_split_lines_and_labels_in_both_languages():
    vm = value_matrix(BASE)
    ax = _ax()
    assert plot_value_matrix(vm, ax=ax) is ax
    xs = [line.get_xdata()[0] for line in ax.get_lines()]
    assert vm.current_split in xs  # the vertical split line
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("high value, high potential\n1 (25%)") for t in texts)
    assert ax.get_xlabel() == "Current value (¥)"
    zh = plot_value_matrix(vm, lang="zh", currency="$")
    assert zh.get_ylabel() == "增值潜力（$）"
    assert any(t.get_text().startswith("低价值、高潜力") for t in zh.texts)


def test_pareto_plot_marks_the_headline_and_gini():
    res = pareto_abc([70, 20, 10, 0, 0])
    ax = plot_pareto_curve(res, ax=_ax())
    # Gini by hand: ascending 0, 0, 10, 20, 70: sum i*y = 30 + 80 + 350 = 460;
    # 2 * 460 / (5 * 100) - 6/5 = 0.64
    assert ax.get_title().endswith("Gini coefficient = 0.640")
    assert any("70.0%" in t.get_text() for t in ax.texts)
    assert plot_pareto_curve(res, lang="zh").get_ylabel() == "价值占比（%）"


def test_rfm_segment_bars_and_heatmap():
    seg = rfm_segments(SCORES, threshold=3)
    ax = plot_rfm_segments(seg, ax=_ax())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "important value" and len(labels) == 8
    zh = plot_rfm_segments(seg, lang="zh")
    assert zh.get_yticklabels()[0].get_text() == "重要价值客户"
    grid = plot_rfm_grid(rfm_grid(SCORES), ax=_ax())
    assert grid.get_title() == "Customers in each R × F cell"
    means = plot_rfm_grid(rfm_grid(SCORES, value="monetary"), lang="zh")
    assert means.get_title() == "各 R × F 组合的平均价值"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'fr'"):
        plot_value_matrix(value_matrix(BASE), lang="fr")
