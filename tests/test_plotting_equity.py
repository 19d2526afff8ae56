"""Equity plots draw on the given axes, return them, and speak Chinese when asked."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from crmlib.equity import (
    brand_switching,
    equity_surface,
    markov_clv,
    more_longer_deeper,
    optimal_spend,
    select_customers,
    state_distribution,
)
from crmlib.plotting import (
    plot_equity_surface,
    plot_levers,
    plot_market_shares,
    plot_markov_values,
    plot_selection,
    plot_state_distribution,
)

BD = {"margin": 100, "acquisition_ceiling": 0.4, "k1": 0.1, "retention_ceiling": 0.8,
      "k2": 0.05, "discount_rate": 0.1}


def _cases():
    markov = markov_clv([[0.5, 0.5], [0, 1]], [10, 0], 0.1)
    return [
        (plot_equity_surface, (equity_surface(50, 80, points=11, **BD), optimal_spend(**BD)),
         "每位潜在客户的获取支出 A（¥）"),
        (plot_markov_values, (markov,), "状态"),
        (plot_state_distribution, (state_distribution([[0.9, 0.1], [0.2, 0.8]], [1, 0], 4),),
         "时间（期）"),
        (plot_market_shares, (brand_switching([[0.8, 0.2], [0.1, 0.9]], [0.5, 0.5], 4),),
         "时间（期）"),
        (plot_selection, (select_customers([60, 100, 120], [10, 20, 30], 50),),
         "所需资源 CR（资源单位）"),
        (plot_levers, (more_longer_deeper(1000, 100, 0.8, 0.1),), "杠杆"),
    ]


@pytest.mark.parametrize(("plot", "args", "zh_xlabel"), _cases(),
                         ids=lambda x: getattr(x, "__name__", ""))
def test_plots_use_the_given_axes_and_chinese_labels(plot, args, zh_xlabel):
    ax = Figure().add_subplot()
    assert plot(*args, ax=ax) is ax
    zh = plot(*args, lang="zh")
    assert zh.get_xlabel() == zh_xlabel
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.get_ylabel() + zh.get_title())


def test_markov_values_compare_draws_both_policies():
    a = markov_clv([[0.5, 0.5], [0, 1]], [10, 0], 0.1)
    b = markov_clv([[0.6, 0.4], [0, 1]], [10, 0], 0.1)
    ax = plot_markov_values(b, compare=a)
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Starting policy", "Your policy"]


def test_plot_rejects_non_axes():
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes or None; got str"):
        plot_levers(more_longer_deeper(1000, 100, 0.8, 0.1), ax="left")
