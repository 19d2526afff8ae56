"""Plots of notebook 08: they draw the core's results, on the axes given, in both languages."""

from __future__ import annotations

import io
import warnings

import pytest
from matplotlib.figure import Figure

from crmlib.plotting import (
    plot_contact_patterns,
    plot_equity_levers,
    plot_process_model,
    plot_roi_cashflows,
    plot_strategy_scores,
    theme_context,
)
from crmlib.strategy import (
    STRATEGY_KEYS,
    contact_pattern,
    crm_roi,
    plan_equity_change,
    process_model,
    recommend_strategy,
)


def _render(draw, lang):
    """Draw on a fresh figure inside the theme; return the axes and any missing-glyph warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with theme_context(lang):
            fig = Figure()
            ax = fig.add_subplot()
            out = draw(ax)
            fig.savefig(io.BytesIO(), format="png")
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    return ax, out, missing


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_contact_patterns_draw_one_lane_per_type(lang):
    patterns = [contact_pattern(k) for k in STRATEGY_KEYS]
    ax, out, missing = _render(
        lambda ax: plot_contact_patterns(patterns, ax=ax, lang=lang, highlight="zipper"), lang)
    assert out is ax and missing == []
    names = {"en": ["Clasp", "Zipper", "Velcro"], "zh": ["扣钩", "拉链", "维可牢"]}[lang]
    assert [t.get_text() for t in ax.get_yticklabels()] == names
    assert ax.get_xlabel() == {"en": "Time (periods)", "zh": "时间（期）"}[lang]
    # the mean waits printed beside the lanes are the core's
    texts = [t.get_text() for t in ax.texts]
    assert any(f"{patterns[0].mean_wait:.2f}" in t for t in texts)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_strategy_scores_mark_the_recommended_type(lang):
    rec = recommend_strategy(0.5, "low", "repeat", "mature", "high")
    ax, out, missing = _render(lambda ax: plot_strategy_scores(rec, ax=ax, lang=lang), lang)
    assert out is ax and missing == []
    marked = [t.get_text() for t in ax.texts if "(" in t.get_text()]
    assert marked == [{"en": "+2.00  (Recommended)", "zh": "+2.00  (推荐)"}[lang]]


def test_roi_plot_marks_only_paybacks_inside_the_horizon():
    paid = crm_roi(100, 0, [40, 50, 60], 0.1)  # payback 2.17, discounted 2.50
    ax = plot_roi_cashflows(paid)
    assert [line.get_label() for line in ax.get_lines()][-2:] == [
        "Payback period 2.17", "Discounted payback period 2.50"]
    never = crm_roi(1000, 50, 40, 0.1, years=3)
    ax = plot_roi_cashflows(never)
    assert not [line for line in ax.get_lines() if "payback" in line.get_label().lower()]
    assert ax.get_title() == "Net present value (NPV) = -1,024.87"  # -1000 - 10 x 2.486852


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_equity_levers_label_each_lever(lang):
    plan = plan_equity_change(1000, 100, 0.8, 0.1, extra_customers=100, retention_change=0.05)
    ax, out, missing = _render(lambda ax: plot_equity_levers(plan, ax=ax, lang=lang), lang)
    assert missing == []
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == {"en": "More (acquisition)", "zh": "多（获取）"}[lang]
    assert labels[-1] == {"en": "Whole plan", "zh": "整体计划"}[lang]
    assert f"{plan.planned_equity:,.0f}" in ax.get_title()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_process_model_draws_every_step_and_edge(lang):
    model = process_model(lang)
    ax, out, missing = _render(lambda ax: plot_process_model(model, ax=ax), lang)
    assert missing == []
    assert len(ax.patches) == len(model.edges) == 12  # 6 steps forward, 6 feedback arrows
    assert any(t.get_text().startswith("7. " + model.steps["name"].iloc[-1]) for t in ax.texts)


def test_plots_refuse_a_non_axes():
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes or None; got str"):
        plot_roi_cashflows(crm_roi(100, 0, [110], 0.1), ax="left")
