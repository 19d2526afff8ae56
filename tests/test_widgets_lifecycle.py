"""Widget and plot tests of notebook 03 in plain pytest: drive the controls, check result,
message and labels. Expected values come from the core functions they call, whose own values
are checked by hand in tests/test_lifecycle.py, or from hand calculations written out here."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmlib.datasets import load_cdnow
from crmlib.lifecycle import (
    classify_stage,
    cohort_table,
    kaplan_meier,
    lifecycle_profile,
    retention_curve,
    sbg_comparison,
)
from crmlib.plotting import (
    plot_cohort_heatmap,
    plot_customer_timeline,
    plot_lifecycle_profile,
    plot_retention_curve,
)
from crmlib.widgets import cohort_explorer, profit_curve_explorer, stage_browser


@pytest.fixture(scope="module")
def cdnow_sample() -> pd.DataFrame:
    return load_cdnow("sample")


# ------------------------------------------------------------------ profit-curve explorer
def test_profit_explorer_starts_with_a_hand_checked_path():
    # lengths 2, 3, 5, 2; revenue 20, 60, 90, 50; cost 80, 40, 25, 25 (the defaults):
    # profits -60, -60, 20, 20, 20, 65 x 5, 25, 25; cumulative -60, -120, -100, -80, -60, 5, ...
    # -> break-even in period 6, total 315
    w = profit_curve_explorer()
    assert w.result.break_even_period == 6
    assert w.result.value == 315
    assert w.error is None
    assert "315.00" in w.message.value and "<b>6</b>" in w.message.value
    assert bytes(w.chart.value).startswith(b"\x89PNG")


def test_profit_explorer_controls_give_exactly_the_core_result():
    w = profit_curve_explorer()
    w.controls["stability_length"].value = 3
    w.controls["exploration_cost"].value = 120.0
    w.controls["discount_rate"].value = 0.1
    expected = lifecycle_profile([2, 3, 3, 2], [20, 60, 90, 50], [120, 40, 25, 25],
                                 discount_rate=0.1)
    assert w.result.value == pytest.approx(expected.value)
    assert w.result.break_even_period == expected.break_even_period
    pd.testing.assert_frame_equal(w.result.table, expected.table)


def test_profit_explorer_early_end_shows_what_is_lost():
    # ending after period 4 (formation): value -80, full 315, lost 395 (hand, from above)
    w = profit_curve_explorer()
    assert w.controls["end_period"].disabled
    w.controls["full_path"].value = False
    w.controls["end_period"].value = 4
    assert not w.controls["end_period"].disabled
    assert w.result.value == -80 and w.result.lost_value == 395
    assert w.result.end_stage == "formation"
    assert "395.00" in w.message.value and "never breaks even" in w.message.value


def test_profit_explorer_end_after_the_path_is_explained_inside_the_widget():
    w = profit_curve_explorer()
    w.controls["full_path"].value = False
    w.controls["end_period"].value = 20
    assert w.result is None
    assert w.error == "end_period must not be after the last period of the path (12); got 20"
    assert "end_period" in w.message.value
    assert w.chart.layout.display == "none"
    assert w.controls["end_period"].value == 20  # the user's choice is kept
    w.controls["decline_length"].value = 10  # path now 2 + 3 + 5 + 10 = 20 periods: recovers
    assert w.result.end_period == 20 and w.error is None
    assert w.result.end_stage == "decline"


def test_profit_explorer_all_stages_empty_is_explained():
    w = profit_curve_explorer(stage_lengths=(1, 0, 0, 0))
    w.controls["exploration_length"].value = 0
    assert "stage_lengths must add up to at least 1 period" in w.error


def test_profit_explorer_in_chinese():
    w = profit_curve_explorer(lang="zh")
    assert w.controls["discount_rate"].description == "折现率"
    assert "盈亏平衡期" in w.message.value
    assert w.figure.axes[0].get_xlabel() == "时间（期）"
    sliders = [c for c in w.controls.values() if hasattr(c, "continuous_update")]
    assert sliders and all(c.continuous_update is False for c in sliders)


# ------------------------------------------------------------------ cohort explorer
def test_cohort_explorer_switches_period_and_measure(cdnow_sample):
    w = cohort_explorer(cdnow_sample)
    pd.testing.assert_frame_equal(w.result.retention, cohort_table(cdnow_sample).retention)
    w.controls["period"].value = "W"
    expected = cohort_table(cdnow_sample, "W")
    pd.testing.assert_frame_equal(w.result.customers, expected.customers)
    w.controls["measure"].value = "revenue"
    assert w.error is None
    assert w.figure.axes[0].get_title().endswith("Revenue per acquired customer")
    # month-1 retention of the monthly table, averaged over the 3 cohorts, is shown
    w.controls["period"].value = "M"
    first = cohort_table(cdnow_sample).retention[1].mean()
    assert f"{first:.1%}" in w.message.value


def test_cohort_explorer_without_amounts_explains_revenue(cdnow_sample):
    w = cohort_explorer(cdnow_sample[["customer_id", "date"]], amount=None)
    assert w.error is None
    w.controls["measure"].value = "revenue"
    assert w.result is None
    assert "measure 'revenue' needs the amount column" in w.error


def test_cohort_explorer_in_chinese(cdnow_sample):
    w = cohort_explorer(cdnow_sample, lang="zh")
    assert w.controls["measure"].description == "指标"
    assert w.figure.axes[0].get_ylabel() == "群组（首次购买所在期）"


# ------------------------------------------------------------------ stage browser
def _stages():
    tx = pd.DataFrame({
        "customer_id": ["a", "a", "a", "b", "c", "c"],
        "date": ["2024-01-05", "2024-02-05", "2024-03-05", "2024-01-20", "2024-05-01",
                 "2024-06-01"],
        "amount": [10.0, 12.0, 11.0, 30.0, 5.0, 6.0],
    })
    return classify_stage(tx, as_of="2024-06-30")


def test_stage_browser_shows_the_stage_and_reason_of_the_customer_picked():
    stages = _stages()
    w = stage_browser(stages, customer="a")
    # a: monthly Jan-Mar, silent 117 days = 3.84 months > 2 x 1 month -> decline (rule 4)
    assert w.result["stage"] == "decline" and w.result["rule"] == 4
    assert stages.table.loc["a", "reason"] in w.message.value.replace("&#x27;", "'")
    w.controls["customer"].value = "c"
    assert w.result["stage"] == "exploration"
    assert "within the exploration window" in w.message.value
    assert w.figure.axes[0].get_title().startswith("Customer c: Exploration stage")


def test_stage_browser_unknown_customer_is_explained():
    w = stage_browser(_stages())
    w.controls["customer"].value = "nobody"
    assert w.result is None
    assert w.error == ("customer must be the id of a classified customer (such as a, b, c); "
                       "got 'nobody'")
    with pytest.raises(TypeError, match="stages must be the result of classify_stage"):
        stage_browser(pd.DataFrame())


def test_stage_browser_offers_examples_of_each_stage_and_works_with_int_ids(cdnow_sample):
    stages = classify_stage(cdnow_sample)
    w = stage_browser(stages, per_stage=2)
    offered = w.controls["customer"].options
    assert len(offered) <= 8
    assert {stages.table.loc[int(i), "stage"] for i in offered} <= {
        "exploration", "formation", "stability", "decline"}
    w.controls["customer"].value = offered[-1]
    assert w.result.name == int(offered[-1])


def test_stage_browser_in_chinese():
    w = stage_browser(_stages(), customer="b", lang="zh")
    assert "退化期" in w.message.value
    assert "仅在" in w.message.value  # the Chinese reason: bought only once
    assert w.controls["customer"].description == "客户"


# ------------------------------------------------------------------ plots only draw
def test_plots_draw_on_the_given_axes_with_labels():
    ax = Figure().add_subplot()
    assert plot_lifecycle_profile(lifecycle_profile([1, 1, 1, 1], [1, 2, 3, 2], [3, 1, 1, 1]),
                                  ax=ax) is ax
    tx = pd.DataFrame({"customer_id": ["a", "a", "b"],
                       "date": ["2024-01-05", "2024-02-05", "2024-02-10"], "amount": [1.0, 2, 3]})
    ax2 = plot_cohort_heatmap(cohort_table(tx), "customers")
    assert ax2.get_xlabel() == "Periods since acquisition (months)"
    # churn that falls with tenure, so the sBG has a finite best fit (a constant churn would be
    # a boundary solution, refused by the models' rule)
    km = kaplan_meier([1, 1, 1, 1, 2, 2, 3, 5, 8, 13], [True] * 8 + [False] * 2)
    ax3 = plot_retention_curve(km, comparison=sbg_comparison(km, 4), lang="zh")
    assert ax3.get_ylabel() == "仍活跃的客户比例（%）"
    labels = [t.get_text() for t in ax3.get_legend().get_texts()]
    assert labels[0].startswith("Kaplan–Meier") and labels[-1].startswith("sBG")
    curve = retention_curve(tx, churn_after=1)
    assert plot_retention_curve(curve).get_xlabel() == "Periods since acquisition (months)"
    ax4 = plot_customer_timeline(classify_stage(tx), "a", lang="zh")
    assert ax4.get_ylabel() == "消费额（¥）"
    with pytest.raises(ValueError, match="measure must be one of"):
        plot_cohort_heatmap(cohort_table(tx), "profit")


# ------------------------------------------------------------------ currency of the amounts
def test_cohort_explorer_shows_the_currency_of_the_data_on_the_revenue_heatmap(cdnow_sample):
    # CDNOW amounts are US dollars: the revenue heatmap's colour bar must say so, not "¥"
    w = cohort_explorer(cdnow_sample, measure="revenue", currency="$")
    labels = [ax.get_ylabel() for ax in w.figure.axes]
    assert any(text.endswith("($)") for text in labels), labels
    assert not any("¥" in text for text in labels)
    with pytest.raises(ValueError, match="currency"):
        cohort_explorer(cdnow_sample, currency="")


def test_stage_browser_shows_the_currency_with_the_revenue_and_on_the_timeline():
    w = stage_browser(_stages(), customer="a", currency="$")
    # a bought 10 + 12 + 11 = 33.00
    assert "33.00 $" in w.message.value
    assert w.figure.axes[0].get_ylabel().endswith("($)")
    with pytest.raises(ValueError, match="currency"):
        stage_browser(_stages(), currency="  ")
