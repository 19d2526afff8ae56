"""Widget tests in plain pytest: the delivered-value builder and the Kano explorer."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from crmlib.value import (
    compare_offers,
    example_kano_earlier_counts,
    example_kano_survey,
    kano_from_counts,
    kano_quadrant,
    kano_survey,
)
from crmlib.widgets import delivered_value_builder, kano_explorer
from crmlib.widgets._value import DEFAULT_OFFERS

KEYS = ["product", "service", "personnel", "image", "monetary", "time", "energy", "psychic"]


def _offers_from(w):
    return {o: {k: w.controls[f"{o.lower()}_{k}"].value for k in KEYS} for o in ("A", "B")}


# -- delivered-value builder --------------------------------------------------------------
def test_builder_starts_with_the_default_offers():
    # A: 800 - 580 = 220; B: 860 - 570 = 290 -> B (by hand)
    w = delivered_value_builder()
    assert w.error is None
    assert w.result.table["delivered_value"].tolist() == [220, 290]
    assert w.result.choice == "B"
    assert "290.00" in w.message.value and "The customer chooses: B" in w.message.value
    assert bytes(w.chart.value).startswith(b"\x89PNG")
    assert len(w.controls) == 16  # four value and four cost sliders per offer


@pytest.mark.parametrize(("control", "value"), [("a_monetary", 300.0), ("b_service", 0.0),
                                                ("a_psychic", 200.0), ("b_image", 400.0)])
def test_moving_a_slider_gives_exactly_what_core_computes(control, value):
    w = delivered_value_builder()
    w.controls[control].value = value
    expected = compare_offers(_offers_from(w))
    pd.testing.assert_frame_equal(w.result.table, expected.table)
    assert w.result.choice == expected.choice
    assert w.result.reason == expected.reason


def test_cheaper_offer_a_wins_by_hand():
    # A's price 450 -> 300: A = 800 - 430 = 370 > B's 290
    w = delivered_value_builder()
    w.controls["a_monetary"].value = 300
    assert w.result.table.loc["A", "delivered_value"] == 370
    assert w.result.choice == "A"


def test_an_offer_that_costs_nothing_is_explained_inside_the_widget():
    w = delivered_value_builder()
    for key in ("monetary", "time", "energy", "psychic"):
        w.controls[f"b_{key}"].value = 0.0
    assert w.result is None
    assert "total customer cost" in w.error and "greater than 0" in w.error
    assert "total customer cost" in w.message.value
    assert w.chart.layout.display == "none"
    assert w.controls["b_monetary"].value == 0.0  # the user's input is kept
    w.controls["b_monetary"].value = 100.0  # recovers: B = 860 - 100 = 760
    assert w.error is None
    assert w.result.table.loc["B", "delivered_value"] == 760


def test_builder_starting_offers_and_unknown_component():
    w = delivered_value_builder(offer_a={"product": 900})
    assert w.controls["a_product"].value == 900
    assert w.controls["a_service"].value == DEFAULT_OFFERS["A"]["service"]
    with pytest.raises(ValueError, match="offer_a has an unknown component 'quality'"):
        delivered_value_builder(offer_a={"quality": 5})


def test_builder_in_chinese():
    w = delivered_value_builder(lang="zh")
    assert w.controls["a_product"].description == "产品价值"
    assert w.controls["b_psychic"].description == "精神成本"
    assert "顾客选择" in w.message.value and "客户让渡价值最高" in w.message.value
    assert "客户让渡价值" in w.figure.axes[0].get_title()


def test_builder_sliders_recompute_only_on_release():
    w = delivered_value_builder()
    assert all(c.continuous_update is False for c in w.controls.values())


# -- Kano explorer ------------------------------------------------------------------------
def test_explorer_loads_the_example_survey_by_default():
    w = kano_explorer()
    assert w.error is None
    assert w.result.survey.categories == {"clean_room": "M", "fast_wifi": "O",
                                          "robot_concierge": "A", "pillow_menu": "I"}
    assert "clean_room, 0, 4, 14, 1, 0, 1" in w.controls["counts"].value
    assert "questionable" in w.message.value  # the Q answers are reported, not dropped
    assert bytes(w.chart.value).startswith(b"\x89PNG")


def test_typed_counts_give_exactly_what_core_computes():
    # wifi: Better = (4 + 9)/20 = 0.65, Worse = -(9 + 5)/20 = -0.70 -> O (by hand)
    w = kano_explorer()
    w.controls["counts"].value = "attribute, A, O, M, I\nwifi, 4, 9, 5, 2\nbar, 10, 1, 1, 8"
    expected = kano_from_counts({"wifi": {"A": 4, "O": 9, "M": 5, "I": 2},
                                 "bar": {"A": 10, "O": 1, "M": 1, "I": 8}})
    pd.testing.assert_frame_equal(w.result.survey.table, expected.table)
    assert w.result.survey.table.loc["wifi", "better"] == pytest.approx(0.65)
    assert w.result.quadrants == {"wifi": "O", "bar": "A"}


def test_split_slider_moves_the_quadrant_lines():
    w = kano_explorer(counts={"wifi": {"A": 4, "O": 9, "M": 5, "I": 2}})
    w.controls["split"].value = 0.7
    # Better 0.65 < 0.7, |Worse| 0.70 >= 0.7 -> M
    assert w.result.quadrants == {"wifi": kano_quadrant(0.65, -0.70, 0.7)} == {"wifi": "M"}


def test_loading_a_survey_table_fills_in_its_counts():
    survey = example_kano_survey().iloc[:10]
    w = kano_explorer(survey=survey)
    expected = kano_survey(survey).table
    for attr in expected.index:
        shown = w.result.survey.table.loc[attr, ["A", "O", "M", "I", "R", "Q"]]
        assert shown.tolist() == expected.loc[attr, ["A", "O", "M", "I", "R", "Q"]].tolist()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("wifi, 4, 9", r"line 1 \('wifi, 4, 9'\) must be: name, A, O, M, I \(optionally R, Q\); "
                       "got 2 numbers"),
        ("wifi, x, 9, 5, 2", r"line 1 \('wifi, x, 9, 5, 2'\): 'x' is not a number"),
        ("wifi, 4, 9, -5, 2", r"counts\['M'\] must contain only values of at least 0; "
                              "entry 0 is -5"),
        ("", "enter at least one attribute"),
        ("wifi, 1, 1, 1, 1\nwifi, 2, 2, 2, 2", "line 2: attribute 'wifi' appears twice"),
        ("wifi, 0, 0, 0, 0", "counts row 'wifi' has no answers"),
    ],
)
def test_bad_counts_are_explained_inside_the_widget(text, message):
    w = kano_explorer()
    w.controls["counts"].value = text
    assert w.result is None
    assert re.search(message, w.error)
    assert w.chart.layout.display == "none"
    assert w.controls["counts"].value == text  # kept as typed


def test_chinese_comma_and_comment_lines_are_accepted():
    w = kano_explorer()
    w.controls["counts"].value = "# 酒店\n无线网络，4，9，5，2"
    assert w.result.survey.categories == {"无线网络": "O"}


def test_explorer_in_chinese():
    w = kano_explorer(lang="zh")
    assert w.controls["counts"].description == "各属性的回答数"
    assert "类别" in w.message.value and "当然质量" in w.message.value
    assert "可疑" in w.message.value
    assert w.figure.axes[0].get_xlabel() == "|Worse|（不满意系数）"


def test_explorer_takes_counts_or_survey_not_both():
    with pytest.raises(ValueError, match="give counts or survey, not both"):
        kano_explorer(counts={"x": {"A": 1, "O": 1, "M": 1, "I": 1}},
                      survey=example_kano_survey())


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'fr'"):
        kano_explorer(lang="fr")


# -- drift since an earlier survey --------------------------------------------------------
def test_default_explorer_shows_the_drift_since_the_earlier_wave():
    # earlier fast_wifi: A11 O5 M1 I3 -> A; now A3 O9 M6 I2 -> O (by hand)
    w = kano_explorer()
    assert w.result.drift == {"clean_room": ("M", "M"), "fast_wifi": ("A", "O"),
                              "pillow_menu": ("I", "I")}
    assert "fast_wifi (drift since the earlier survey): attractive (A) → one-dimensional (O)" \
        in w.message.value
    pd.testing.assert_frame_equal(w.result.earlier.table,
                                  kano_from_counts(example_kano_earlier_counts()).table)


def test_earlier_text_drives_the_drift_and_can_be_cleared():
    w = kano_explorer(counts={"wifi": {"A": 4, "O": 9, "M": 5, "I": 2}})
    assert w.controls["earlier"].value == "" and w.result.drift == {}
    w.controls["earlier"].value = "wifi, 12, 4, 1, 3"
    assert w.result.drift == {"wifi": ("A", "O")}
    w.controls["earlier"].value = ""
    assert w.result.earlier is None and w.result.drift == {}


def test_bad_earlier_text_is_explained_and_named():
    w = kano_explorer()
    w.controls["earlier"].value = "wifi, 1, 2"
    assert w.result is None
    assert w.error.startswith("earlier survey: line 1 ('wifi, 1, 2') must be")


def test_start_values_outside_the_slider_range_widen_it_or_are_refused():
    # usual range of an amount is 0..max_amount (1000): 1500 widens it, never clamps
    w = delivered_value_builder(offer_a={"product": 1500.0})
    assert (w.controls["a_product"].value, w.controls["a_product"].max) == (1500.0, 1500.0)
    with pytest.raises(ValueError, match=r"offer_a\['product'\] must be at least 0; got -1"):
        delivered_value_builder(offer_a={"product": -1.0})
    # split: usual range 0.05..0.95; 0.99 widens it, 1.5 is refused
    assert kano_explorer(split=0.99).controls["split"].value == 0.99
    with pytest.raises(ValueError, match=r"split must be between 0 and 1; got 1\.5"):
        kano_explorer(split=1.5)
