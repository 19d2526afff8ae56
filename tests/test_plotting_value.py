"""Plots of crmlib.value draw what the core computed, on the axes given, in both languages."""

from __future__ import annotations

import io
import warnings

import pytest
from matplotlib.figure import Figure

from crmlib.plotting import (
    plot_delivered_value,
    plot_kano_coefficients,
    plot_kano_drift,
    plot_value_hierarchy,
)
from crmlib.value import (
    compare_offers,
    delivered_value,
    example_kano_earlier_counts,
    example_kano_survey,
    kano_from_counts,
    kano_survey,
)


def _draw_all(lang, ax_factory):
    one = delivered_value(product=60, service=20, monetary=50, time=10)
    two = compare_offers({"A": one, "B": {"product": 90, "monetary": 40}})
    survey = kano_survey(example_kano_survey())
    return [
        plot_delivered_value(one, ax=ax_factory(), lang=lang),
        plot_delivered_value(two, ax=ax_factory(), lang=lang),
        plot_kano_coefficients(survey, ax=ax_factory(), lang=lang),
        plot_value_hierarchy(ax=ax_factory(), lang=lang),
        plot_kano_drift(ax=ax_factory(), lang=lang),
    ]


def test_plots_draw_on_the_axes_given():
    given = []

    def factory():
        given.append(Figure().add_subplot())
        return given[-1]

    assert _draw_all("en", factory) == given


def test_comparison_waterfall_has_one_bar_per_step_and_offer():
    two = compare_offers({"A": {"product": 60, "monetary": 50}, "B": {"product": 90,
                                                                       "monetary": 40}})
    ax = plot_delivered_value(two)
    assert len(ax.patches) == 2 * 10
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "delivered value"
    assert ax.get_title() == "Customer delivered value: The customer chooses B"


def test_kano_plane_skips_attributes_without_coefficients():
    res = kano_from_counts({"ok": {"A": 4, "O": 9, "M": 5, "I": 2},
                            "odd": {"A": 0, "O": 0, "M": 0, "I": 0, "Q": 2}})
    ax = plot_kano_coefficients(res)
    assert len(ax.collections) == 1  # one point: "odd" has no Better/Worse
    texts = {t.get_text() for t in ax.texts}
    assert {"attractive (A)", "one-dimensional (O)", "must-be (M)", "indifferent (I)",
            "ok (O)"} <= texts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_plot_renders_without_missing_glyphs(lang):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for ax in _draw_all(lang, lambda: None):
            ax.figure.savefig(io.BytesIO(), format="png")
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


def test_chinese_labels():
    ax = plot_kano_coefficients(kano_survey(example_kano_survey()), lang="zh")
    assert ax.get_ylabel() == "Better（满意系数）"
    assert "魅力质量 (A)" in {t.get_text() for t in ax.texts}
    assert plot_kano_drift(lang="zh").get_xlabel() == "属性具备程度（不具备 → 充分具备）"


def test_kano_plane_draws_one_drift_arrow_per_attribute_in_both_surveys():
    now = kano_survey(example_kano_survey())
    then = kano_from_counts(example_kano_earlier_counts())  # 3 of the 4 attributes
    ax = plot_kano_coefficients(now, earlier=then)
    assert len(ax.patches) == 3
    assert len(plot_kano_coefficients(now).patches) == 0
