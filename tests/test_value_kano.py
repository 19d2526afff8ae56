"""crmlib.value Kano model: the Berger et al. (1993) table cell by cell, Better/Worse by hand,
whole surveys (counts, ties, questionable and blank answers), and every validation rule.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from crmlib.value import (
    KANO_CATEGORIES,
    example_kano_survey,
    kano_category,
    kano_coefficients,
    kano_curve,
    kano_from_counts,
    kano_quadrant,
    kano_survey,
)

ANSWERS = ["like", "must-be", "neutral", "live-with", "dislike"]
ANSWERS_ZH = ["喜欢", "理所当然", "无所谓", "能忍受", "不喜欢"]
# Berger et al. (1993), as written in the issue: rows functional, columns dysfunctional.
BERGER_TABLE = {
    "like":      ["Q", "A", "A", "A", "O"],
    "must-be":   ["R", "I", "I", "I", "M"],
    "neutral":   ["R", "I", "I", "I", "M"],
    "live-with": ["R", "I", "I", "I", "M"],
    "dislike":   ["R", "R", "R", "R", "Q"],
}
CELLS = [(f, d, BERGER_TABLE[f][j]) for f in ANSWERS for j, d in enumerate(ANSWERS)]


# -- the evaluation table -----------------------------------------------------------------
@pytest.mark.parametrize(("functional", "dysfunctional", "expected"), CELLS,
                         ids=[f"{f}|{d}" for f, d, _ in CELLS])
def test_berger_1993_table_cell(functional, dysfunctional, expected):
    assert kano_category(functional, dysfunctional) == expected


def test_the_table_has_25_cells():
    assert len(CELLS) == 25
    assert sorted({c for _, _, c in CELLS}) == ["A", "I", "M", "O", "Q", "R"]


@pytest.mark.parametrize(("i", "j"), [(i, j) for i in range(5) for j in range(5)])
def test_chinese_answer_labels_give_the_same_cell(i, j):
    assert kano_category(ANSWERS_ZH[i], ANSWERS_ZH[j]) == BERGER_TABLE[ANSWERS[i]][j]


def test_case_and_surrounding_spaces_are_ignored():
    assert kano_category(" Like ", "DISLIKE") == "O"
    assert kano_category("Must-Be", " 不喜欢 ") == "M"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("love", "dislike"), r"functional must be one of 'like', 'must-be', 'neutral', "
                              r"'live-with', 'dislike' "
                              r"\(or 喜欢, 理所当然, 无所谓, 能忍受, 不喜欢\); got 'love'"),
        (("like", "hate"), "dysfunctional must be one of .*; got 'hate'"),
        (("like", 3), "dysfunctional must be one of .*; got 3"),
        (("must be", "dislike"), "functional must be one of .*; got 'must be'"),
    ],
)
def test_kano_category_rejects_unknown_answers(args, message):
    with pytest.raises(ValueError, match=message):
        kano_category(*args)


# -- Better and Worse ---------------------------------------------------------------------
def test_coefficients_by_hand():
    # A=10, O=5, M=3, I=2, N=20: Better = 15/20 = 0.75, Worse = -(5+3)/20 = -0.40
    res = kano_coefficients(A=10, O=5, M=3, I=2)
    assert res.better == 0.75
    assert res.worse == -0.40
    assert res.quadrant == "A"


def test_coefficients_of_a_must_be_attribute_by_hand():
    # A=2, O=3, M=12, I=3, N=20: Better = 5/20 = 0.25, Worse = -15/20 = -0.75 -> must-be corner
    res = kano_coefficients(2, 3, 12, 3)
    assert (res.better, res.worse, res.quadrant) == (0.25, -0.75, "M")


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ((-1, 5, 3, 2), "A must be 0 or greater; got -1"),
        ((1, 5, float("nan"), 2), "M must be a finite number; got nan"),
        ((0, 0, 0, 0), r"A \+ O \+ M \+ I must be greater than 0 "
                       r"\(Better and Worse divide by it\); got A=0, O=0, M=0, I=0"),
    ],
)
def test_coefficients_reject_bad_counts(counts, message):
    with pytest.raises(ValueError, match=message):
        kano_coefficients(*counts)


@pytest.mark.parametrize(
    ("better", "worse", "expected"),
    [(0.8, -0.2, "A"), (0.8, -0.8, "O"), (0.2, -0.8, "M"), (0.2, -0.2, "I"),
     (0.5, -0.5, "O"),   # on both lines: counts as high on both axes
     (0.5, -0.49, "A"), (0.49, -0.5, "M")],
)
def test_quadrants(better, worse, expected):
    assert kano_quadrant(better, worse) == expected


def test_quadrant_split_moves_the_lines():
    # Better 0.65, |Worse| 0.7: both >= 0.5 -> O; with split 0.7 Better is low -> M
    assert kano_quadrant(0.65, -0.7) == "O"
    assert kano_quadrant(0.65, -0.7, split=0.7) == "M"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((1.2, -0.3), "better must be between 0 and 1; got 1.2"),
        ((0.5, 0.3), "worse must be between -1 and 0; Worse is negative by convention; got 0.3"),
        ((0.5, -0.3, 0.0), r"split must be between 0 and 1 \(0 and 1 excluded\); got 0"),
    ],
)
def test_quadrant_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        kano_quadrant(*args)


# -- whole surveys ------------------------------------------------------------------------
def test_example_survey_counts_by_hand():
    """The constructed hotel survey (answer pairs listed in crmlib.value._concepts).

    clean_room: (neutral, dislike)x11 M, (must-be, dislike)x3 M, (like, dislike)x4 O,
      (neutral, neutral)x1 I, (like, like)x1 Q  ->  A0 O4 M14 I1 R0 Q1 -> M;
      Better 4/19, Worse -18/19.
    fast_wifi: (like, dislike)x9 O, (neutral, dislike)x5 M, (like, neutral)x3 A,
      (neutral, neutral)x2 I, (live-with, dislike)x1 M  ->  A3 O9 M6 I2 -> O;
      Better 12/20, Worse -15/20.
    robot_concierge: (like, neutral)x8 A, (like, live-with)x3 A, (neutral, neutral)x5 I,
      (like, dislike)x2 O, (dislike, neutral)x1 R, (like, like)x1 Q  ->  A11 O2 M0 I5 R1 Q1 -> A;
      Better 13/18, Worse -2/18.
    pillow_menu: (neutral, neutral)x8 I, (like, neutral)x5 A, (live-with, live-with)x3 I,
      (like, dislike)x2 O, (neutral, dislike)x1 M, (must-be, neutral)x1 I  ->  A5 O2 M1 I12 -> I;
      Better 7/20, Worse -3/20.
    """
    res = kano_survey(example_kano_survey())
    t = res.table
    expected = {
        "clean_room": ([0, 4, 14, 1, 0, 1], "M", 4 / 19, -18 / 19),
        "fast_wifi": ([3, 9, 6, 2, 0, 0], "O", 12 / 20, -15 / 20),
        "robot_concierge": ([11, 2, 0, 5, 1, 1], "A", 13 / 18, -2 / 18),
        "pillow_menu": ([5, 2, 1, 12, 0, 0], "I", 7 / 20, -3 / 20),
    }
    assert list(t.index) == list(expected)
    for attr, (counts, category, better, worse) in expected.items():
        assert t.loc[attr, ["A", "O", "M", "I", "R", "Q"]].tolist() == counts, attr
        assert t.loc[attr, "category"] == category
        assert t.loc[attr, "better"] == pytest.approx(better)
        assert t.loc[attr, "worse"] == pytest.approx(worse)
        assert t.loc[attr, "strategy"] == KANO_CATEGORIES[category][2]
    assert t["answered"].tolist() == [20, 20, 20, 20]
    assert t["missing"].tolist() == [0, 0, 0, 0]
    assert res.categories == {"clean_room": "M", "fast_wifi": "O", "robot_concierge": "A",
                              "pillow_menu": "I"}


def test_questionable_answers_are_counted_and_reported():
    res = kano_survey(example_kano_survey())
    assert res.table.loc["clean_room", "Q"] == 1
    assert any(n.startswith("clean_room: 1 of 20 answer pairs are questionable (5%)")
               for n in res.notes)
    assert any(n.startswith("robot_concierge: 1 of 20") for n in res.notes)
    assert not any(n.startswith("fast_wifi") for n in res.notes)
    assert any("可疑" in n for n in res.notes_zh)


def test_each_respondent_is_classified_and_the_category_is_the_mode():
    survey = example_kano_survey()
    res = kano_survey(survey)
    assert res.classified.shape == (20, 4)
    first = survey.iloc[0]
    assert res.classified.iloc[0]["fast_wifi"] == kano_category(
        first["fast_wifi_functional"], first["fast_wifi_dysfunctional"])
    for attr in res.classified:
        assert res.classified[attr].value_counts().idxmax() == res.categories[attr]


def test_chinese_labelled_survey_gives_the_same_table():
    survey = example_kano_survey()
    to_zh = dict(zip(ANSWERS, ANSWERS_ZH, strict=True))
    zh = survey.apply(lambda col: col.map(to_zh))
    pd.testing.assert_frame_equal(kano_survey(zh).table, kano_survey(survey).table)


@pytest.mark.parametrize(
    ("counts", "category", "tied"),
    [
        ({"A": 5, "O": 5, "M": 5, "I": 5}, "M", "M=O=A=I"),
        ({"A": 6, "O": 6, "M": 2, "I": 1}, "O", "O=A"),
        ({"A": 4, "O": 1, "M": 1, "I": 4}, "A", "A=I"),
        ({"A": 1, "O": 1, "M": 3, "I": 3}, "M", "M=I"),
        ({"A": 7, "O": 2, "M": 1, "I": 3}, "A", ""),
    ],
)
def test_ties_are_broken_m_before_o_before_a_before_i_and_reported(counts, category, tied):
    res = kano_from_counts({"x": counts})
    assert res.table.loc["x", "category"] == category
    assert res.table.loc["x", "tied"] == tied
    assert any("tie rule M > O > A > I" in n for n in res.notes) == bool(tied)


def test_blank_answers_are_counted_as_missing_not_classified():
    survey = pd.DataFrame({
        "wifi_functional": ["like", np.nan, "neutral", "  "],
        "wifi_dysfunctional": ["dislike", "dislike", None, "dislike"],
    })
    res = kano_survey(survey)
    row = res.table.loc["wifi"]
    assert (row["O"], row["missing"], row["answered"]) == (1, 3, 1)
    assert res.classified["wifi"].isna().tolist() == [False, True, True, True]
    assert any("3 respondents left an answer blank" in n for n in res.notes)


def test_suffixes_and_explicit_attributes():
    survey = pd.DataFrame({"Q1_F": ["like", "like"], "Q1_D": ["neutral", "dislike"],
                           "Q2_F": ["neutral", "neutral"], "Q2_D": ["dislike", "dislike"]})
    by_suffix = kano_survey(survey, suffixes=("_F", "_D"))
    assert by_suffix.categories == {"Q1": "O", "Q2": "M"}  # Q1: A=1, O=1 tie -> O
    by_list = kano_survey(survey, ["Q2"], suffixes=("_F", "_D"))
    assert by_list.categories == {"Q2": "M"}
    by_map = kano_survey(survey, {"wifi": ("Q1_F", "Q1_D")})
    assert by_map.categories == {"wifi": "O"}


def test_only_questionable_answers_leave_better_and_worse_undefined():
    res = kano_from_counts({"odd": {"A": 0, "O": 0, "M": 0, "I": 0, "Q": 3}})
    assert res.categories == {"odd": "Q"}
    assert math.isnan(res.table.loc["odd", "better"])
    assert any("no A, O, M or I answer" in n for n in res.notes)


def test_counts_as_shares_give_the_same_coefficients_as_counts():
    counts = kano_from_counts({"x": {"A": 4, "O": 9, "M": 5, "I": 2}}).table.loc["x"]
    shares = kano_from_counts({"x": {"A": 0.2, "O": 0.45, "M": 0.25, "I": 0.1}}).table.loc["x"]
    assert counts["better"] == pytest.approx(shares["better"])  # 13/20 = 0.65
    assert counts["worse"] == pytest.approx(shares["worse"])    # -14/20 = -0.70
    assert counts["better"] == pytest.approx(0.65)


@pytest.mark.parametrize(
    ("responses", "kwargs", "error", "message"),
    [
        ([1, 2], {}, TypeError, "responses must be a pandas DataFrame; got list"),
        (pd.DataFrame(), {}, ValueError, "responses must hold at least one respondent"),
        (pd.DataFrame({"wifi": ["like"]}), {}, ValueError,
         "responses has no column ending in '_functional'"),
        (pd.DataFrame({"wifi_functional": ["like"]}), {}, ValueError,
         "responses is missing the required column 'wifi_dysfunctional'"),
        (pd.DataFrame({"wifi_functional": ["like", "like"],
                       "wifi_dysfunctional": ["dislike", "maybe"]}), {}, ValueError,
         "responses column 'wifi_dysfunctional', row 1: answers must be one of 'like', "
         ".*; got 'maybe'"),
        (pd.DataFrame({"a_F": ["like"], "a_D": ["like"]}), {"suffixes": "_F"}, ValueError,
         "suffixes must be a pair of column endings; got '_F'"),
        (pd.DataFrame({"a_F": ["like"], "a_D": ["like"]}), {"attributes": {"a": ("a_F",)}},
         ValueError, r"attributes\['a'\] must be a pair \(functional_column, "
                     r"dysfunctional_column\); got \('a_F',\)"),
    ],
)
def test_kano_survey_rejects_bad_input(responses, kwargs, error, message):
    with pytest.raises(error, match=message):
        kano_survey(responses, **kwargs)


@pytest.mark.parametrize(
    ("counts", "error", "message"),
    [
        ("A=1", TypeError, "counts must be a pandas DataFrame or a mapping; got str"),
        ({"x": [1, 2, 3, 4]}, TypeError,
         r"counts\['x'\] must be a mapping of categories to counts, .*; got \[1, 2, 3, 4\]"),
        (pd.DataFrame({"A": [1], "O": [1], "M": [float("nan")], "I": [1]}), ValueError,
         r"counts\['M'\] must contain only finite numbers; entry 0 is nan"),
        (pd.DataFrame(columns=["A", "O", "M", "I"]), ValueError,
         "counts must hold at least one attribute; got an empty table"),
        ({"x": {"A": 1, "O": 1, "M": 1, "I": 1, "X": 2}}, ValueError,
         "counts has an unknown column 'X'"),
        ({"x": {"A": 1, "O": 1, "M": 1}}, ValueError,
         "counts is missing the required column 'I'"),
        ({"x": {"A": -1, "O": 1, "M": 1, "I": 1}}, ValueError,
         r"counts\['A'\] must contain only values of at least 0; entry 0 is -1"),
        ({"x": {"A": 0, "O": 0, "M": 0, "I": 0}}, ValueError,
         "counts row 'x' has no answers: A, O, M, I, R and Q are all 0"),
    ],
)
def test_kano_from_counts_rejects_bad_input(counts, error, message):
    with pytest.raises(error, match=message):
        kano_from_counts(counts)


# -- stylised Kano curves -----------------------------------------------------------------
def test_kano_curves_by_hand():
    # s_A(0) = (1/2)^1.5 = 0.353553; s_M(0) = -s_A(0); s_O(f) = f; s_I = 0; s_R(f) = -f
    f = np.array([-1.0, 0.0, 0.5, 1.0])
    assert kano_curve("A", f) == pytest.approx([0.0, 0.5**1.5, 0.75**1.5, 1.0])
    assert kano_curve("M", f) == pytest.approx([-1.0, -(0.5**1.5), -(0.25**1.5), 0.0])
    assert kano_curve("O", f).tolist() == f.tolist()
    assert kano_curve("I", f).tolist() == [0.0] * 4
    assert kano_curve("R", f).tolist() == [1.0, 0.0, -0.5, -1.0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("X", [0.0]), "category must be one of 'A', 'O', 'M', 'I', 'R'; got 'X'"),
        (("A", [0.0, 1.5]), "fulfilment must be between -1 and 1; got 1.5"),
        (("A", [float("nan")]), "fulfilment must contain only finite numbers; entry 0 is nan"),
    ],
)
def test_kano_curve_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        kano_curve(*args)


def test_chinese_column_suffixes_and_answers():
    # 喜欢/不喜欢 -> O; 无所谓/不喜欢 -> M; 喜欢/无所谓 -> A: one each, tie -> M (rule M > O > A)
    survey = pd.DataFrame({"无线网络_正向": ["喜欢", "无所谓", "喜欢"],
                           "无线网络_反向": ["不喜欢", "不喜欢", "无所谓"]})
    res = kano_survey(survey, suffixes=("_正向", "_反向"))
    assert res.table.loc["无线网络", ["A", "O", "M"]].tolist() == [1, 1, 1]
    assert res.categories == {"无线网络": "M"}
    assert res.table.loc["无线网络", "tied"] == "M=O=A"
    assert any("并列" in n for n in res.notes_zh)
