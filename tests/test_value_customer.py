"""crmlib.value, value to the customer: Kotler's delivered value, offers compared, Grönroos.

Expected values are hand calculations written out in each test.
"""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib.value import (
    compare_offers,
    delivered_value,
    garvin_dimensions,
    kano_drift_example,
    quality_stages,
    relationship_bonds,
    relationship_value,
    value_directions,
    value_hierarchy,
    why_it_matters,
)

SHOP = {"product": 500, "service": 150, "personnel": 100, "image": 50,
        "monetary": 450, "time": 60, "energy": 40, "psychic": 30}
RIVAL = {"product": 450, "service": 250, "personnel": 80, "image": 80,
         "monetary": 520, "time": 20, "energy": 20, "psychic": 10}


# -- delivered value (Kotler) -------------------------------------------------------------
def test_delivered_value_by_hand():
    # TCV = 500 + 150 + 100 + 50 = 800; TCC = 450 + 60 + 40 + 30 = 580
    # CDV = 800 - 580 = 220; ratio = 800 / 580 = 1.37931
    res = delivered_value(**SHOP)
    assert res.total_value == 800
    assert res.total_cost == 580
    assert res.value == 220
    assert res.ratio == pytest.approx(800 / 580)
    assert repr(res) == ("DeliveredValue(total_value=800.00, total_cost=580.00, value=220.00, "
                         "ratio=1.379)")


def test_components_table_lists_each_part_once_with_both_names():
    table = delivered_value(**SHOP).to_frame()
    assert table["component"].tolist() == list(SHOP)
    assert table["side"].tolist() == ["value"] * 4 + ["cost"] * 4
    assert table["amount"].tolist() == list(SHOP.values())
    assert table["name_zh"].tolist() == ["产品价值", "服务价值", "人员价值", "形象价值",
                                         "货币成本", "时间成本", "精力成本", "精神成本"]


def test_waterfall_steps_by_hand():
    steps = delivered_value(**SHOP).waterfall().set_index("step")
    # value parts stack up: 0-500, 500-650, 650-750, 750-800; total 0-800
    # costs step down from 800: 800-450=350, 350-60=290, 290-40=250, 250-30=220; result 0-220
    expected = {
        "product": (0, 500), "service": (500, 650), "personnel": (650, 750), "image": (750, 800),
        "total_value": (0, 800), "monetary": (350, 800), "time": (290, 350),
        "energy": (250, 290), "psychic": (220, 250), "delivered_value": (0, 220),
    }
    assert list(steps.index) == list(expected)
    for step, (bottom, top) in expected.items():
        assert (steps.loc[step, "bottom"], steps.loc[step, "top"]) == (bottom, top), step
    assert steps.loc["monetary", "amount"] == -450
    assert steps["kind"].tolist() == ["value"] * 4 + ["total"] + ["cost"] * 4 + ["result"]


def test_negative_delivered_value_bar_hangs_below_zero():
    # value 100, cost 150: delivered value -50, drawn from -50 up to 0
    steps = delivered_value(product=100, monetary=150).waterfall()
    last = steps.iloc[-1]
    assert (last["bottom"], last["top"], last["amount"]) == (-50, 0, -50)


def test_parts_default_to_zero():
    res = delivered_value(monetary=10)
    assert (res.total_value, res.total_cost, res.value, res.ratio) == (0, 10, -10, 0)


def test_arguments_are_keyword_only():
    with pytest.raises(TypeError, match="positional argument"):
        delivered_value(500, 450)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"product": -1, "monetary": 10}, ValueError, "product must be 0 or greater; got -1"),
        ({"psychic": -5, "monetary": 10}, ValueError, "psychic must be 0 or greater; got -5"),
        ({"time": float("nan"), "monetary": 10}, ValueError,
         "time must be a finite number; got nan"),
        ({"monetary": "10"}, TypeError, r"monetary must be a number; got '10' \(str\)"),
        ({"product": 100}, ValueError,
         r"total customer cost \(monetary \+ time \+ energy \+ psychic\) must be greater than 0"),
    ],
)
def test_delivered_value_rejects_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        delivered_value(**kwargs)


# -- several offers -----------------------------------------------------------------------
def test_compare_offers_chooses_highest_delivered_value_by_hand():
    # shop: 800 - 580 = 220 (ratio 1.379); rival: 860 - 570 = 290 (ratio 860/570 = 1.509)
    cmp = compare_offers({"shop": SHOP, "rival": RIVAL})
    assert cmp.choice == "rival"
    assert cmp.value == 290
    assert cmp.table["delivered_value"].tolist() == [220, 290]
    assert cmp.table["ratio"].tolist() == pytest.approx([800 / 580, 860 / 570])
    assert cmp.table["rank"].tolist() == [2, 1]
    assert cmp.reason == ("rival gives the highest delivered value: 860.00 of value for 570.00 "
                          "of cost leaves 290.00, 70.00 more than shop.")
    assert "客户让渡价值最高" in cmp.reason_zh and "70.00" in cmp.reason_zh
    assert repr(cmp) == ("OfferComparison(choice='rival', delivered_value: shop=220.00, "
                         "rival=290.00)")


def test_reason_says_when_the_ratio_ranks_another_offer_first():
    # big: 1000 - 600 = 400, ratio 1.67; small: 300 - 100 = 200, ratio 3.00
    cmp = compare_offers({"big": {"product": 1000, "monetary": 600},
                          "small": {"product": 300, "monetary": 100}})
    assert cmp.choice == "big"
    assert "By the value/cost ratio small would come first (3.00 against 1.67)" in cmp.reason
    assert "价值/成本比" in cmp.reason_zh


def test_equal_delivered_value_is_broken_by_the_ratio_not_by_order():
    # both leave 200; "cheap" (300/100, ratio 3) beats "dear" (500/300, ratio 1.67)
    cmp = compare_offers({"dear": {"product": 500, "monetary": 300},
                          "cheap": {"product": 300, "monetary": 100}})
    assert cmp.choice == "cheap"
    assert "same delivered value" in cmp.reason
    assert "higher value/cost ratio" in cmp.reason


def test_identical_offers_leave_the_customer_indifferent():
    cmp = compare_offers({"X": {"product": 10, "monetary": 5}, "Y": {"product": 10, "monetary": 5}})
    assert cmp.choice == "X"
    assert "indifferent" in cmp.reason
    assert cmp.table["rank"].tolist() == [1, 2]


def test_when_every_offer_loses_value_the_reason_says_so():
    # A: 100 - 150 = -50; B: 50 - 120 = -70
    cmp = compare_offers({"A": {"product": 100, "monetary": 150},
                          "B": {"product": 50, "monetary": 120}})
    assert cmp.choice == "A"
    assert "the customer may buy none of them" in cmp.reason
    assert "一个都不买" in cmp.reason_zh


def test_offers_as_results_or_as_a_dataframe_give_the_same_table():
    from_dicts = compare_offers({"shop": SHOP, "rival": RIVAL}).table
    from_results = compare_offers({"shop": delivered_value(**SHOP),
                                   "rival": delivered_value(**RIVAL)}).table
    from_frame = compare_offers(pd.DataFrame([SHOP, RIVAL], index=["shop", "rival"])).table
    pd.testing.assert_frame_equal(from_dicts, from_results)
    pd.testing.assert_frame_equal(from_dicts, from_frame)


@pytest.mark.parametrize(
    ("offers", "error", "message"),
    [
        ({"A": SHOP}, ValueError, "offers must hold at least 2 offers to compare; got 1"),
        ({"A": {"quality": 3, "monetary": 1}, "B": SHOP}, ValueError,
         "offer 'A' has an unknown component 'quality'; the components are 'product'"),
        ({"A": 220, "B": SHOP}, TypeError,
         "offer 'A' must be a DeliveredValue or a mapping of components to amounts; got int"),
        ([SHOP, RIVAL], TypeError, "offers must be a mapping of offer names to offers or a "
                                   "DataFrame; got list"),
        ({"A": {"product": 5, "monetary": -5}, "B": SHOP}, ValueError,
         "offer 'A': monetary must be 0 or greater; got -5"),
        (pd.DataFrame({"product": [5.0, None], "monetary": [1.0, 2.0]}, index=["A", "B"]),
         ValueError, "offer 'B': product must be a finite number; got nan"),
        (pd.DataFrame([SHOP, RIVAL], index=["A", "A"]), ValueError,
         "offers must have distinct names; 'A' appears more than once"),
    ],
)
def test_compare_offers_rejects_bad_input(offers, error, message):
    with pytest.raises(error, match=message):
        compare_offers(offers)


# -- Ravald & Grönroos --------------------------------------------------------------------
def test_total_episode_value_by_hand():
    # (100 + 30) / (80 + 10) = 130 / 90 = 1.4444; single episode 100 / 80 = 1.25
    res = relationship_value(100, 30, 80, 10)
    assert res.value == pytest.approx(130 / 90)
    assert res.episode_value == 1.25
    assert res.relationship_effect == pytest.approx(130 / 90 - 1.25)
    frame = res.to_frame()
    assert frame["benefits"].tolist() == [100, 130]
    assert frame["sacrifices"].tolist() == [80, 90]
    assert repr(res) == ("RelationshipValue(value=1.444, episode_value=1.250, "
                         "relationship_effect=+0.194)")


def test_a_relationship_that_only_adds_sacrifice_lowers_value():
    # (100 + 0) / (80 + 20) = 1.0 < 100 / 80 = 1.25
    res = relationship_value(100, 0, 80, 20)
    assert res.value == 1.0
    assert res.relationship_effect == pytest.approx(-0.25)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((-1, 0, 80, 0), "episode_benefits must be 0 or greater; got -1"),
        ((100, -5, 80, 0), "relationship_benefits must be 0 or greater; got -5"),
        ((100, 0, 0, 10), "episode_sacrifice must be greater than 0; got 0"),
        ((100, 0, 80, -1), "relationship_sacrifice must be 0 or greater; got -1"),
    ],
)
def test_relationship_value_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        relationship_value(*args)


# -- concept tables -----------------------------------------------------------------------
def test_two_directions_of_value_are_kept_apart():
    directions = value_directions()
    assert directions.loc["to_customer", "name_zh"] == "客户让渡价值"
    assert directions.loc["to_customer", "flow"] == "firm → customer"
    assert directions.loc["to_firm", "name_zh"] == "客户终身价值"
    assert directions.loc["to_firm", "flow"] == "customer → firm"


def test_woodruff_hierarchy_levels_from_the_top():
    levels = value_hierarchy()
    assert levels["level"].tolist() == [3, 2, 1]
    assert levels["name_zh"].tolist() == ["最终目的层", "结果层", "属性层"]
    assert "security" in levels.loc[0, "examples"] and "family care" in levels.loc[0, "examples"]
    assert all(len(e) == len(z) for e, z in zip(levels["examples"], levels["examples_zh"],
                                                 strict=True))


def test_garvin_has_the_course_eight_dimensions_in_order():
    assert garvin_dimensions()["name"].tolist() == [
        "performance", "features", "reliability", "conformance", "durability",
        "serviceability", "aesthetics", "perceived quality"]


def test_quality_stages_in_the_course_order():
    assert quality_stages()["name"].tolist() == [
        "conformance quality", "customer satisfaction", "market-perceived quality",
        "customer value management"]


def test_relationship_bonds_name_the_course_four_and_their_kind():
    bonds = relationship_bonds()
    assert bonds.index.tolist() == ["financial", "social", "structural", "cultural"]
    assert set(bonds["kind"]) == {"external pressure", "internal relationship"}


def test_why_it_matters_figures_are_claims_from_course_material():
    claims = why_it_matters()
    assert claims["figure"].tolist() == ["1:6", "5% : 100%", "1:8", "1:5", "9-10 vs 4-5"]
    assert set(claims["source"]) == {"course material"}
    assert claims["status"].str.contains("claim").all()


def test_kano_drift_runs_attractive_to_must_be():
    drift = kano_drift_example()
    assert drift["category"].tolist() == ["A", "O", "M"]
    assert drift["name_zh"].tolist() == ["魅力质量", "一元质量", "当然质量"]


def test_concept_tables_are_fresh_copies():
    first = garvin_dimensions()
    first.loc["performance", "name"] = "changed"
    assert garvin_dimensions().loc["performance", "name"] == "performance"
