"""Widget tests in plain pytest: drive the loyalty widgets' controls, check result and message."""

from __future__ import annotations

import pytest

from crmlib.loyalty import (
    CRITERIA,
    FACTORS,
    ahp,
    ahp_hierarchy,
    example_customer_base,
    loyalty_scores,
    morgan_hunt_model,
    pairwise_matrix,
)
from crmlib.widgets import ahp_workbench, loyalty_calculator, relationship_explorer
from crmlib.widgets._loyalty import SCALE_VALUES, judgement_sentence

# --------------------------------------------------------------------------- AHP workbench


def test_workbench_starts_equal_weights():
    # all judgements 1: every item weighs 1/3, lambda_max = 3, CR = 0 (hand)
    w = ahp_workbench()
    assert w.result.weights.to_numpy() == pytest.approx([1 / 3] * 3)
    assert w.result.cr == pytest.approx(0.0, abs=1e-12)
    assert "CR = 0.0000" in w.message.value
    assert bytes(w.chart.value).startswith(b"\x89PNG")


def test_moving_a_slider_gives_what_the_core_computes():
    w = ahp_workbench()
    w.controls["price:quality"].value = 1 / 2
    w.controls["price:service"].value = 3.0
    w.controls["quality:service"].value = 5.0
    expected = ahp(pairwise_matrix([1 / 2, 3, 5], list(CRITERIA)))
    assert w.result.weights.to_numpy() == pytest.approx(expected.weights.to_numpy())
    assert w.result.cr == pytest.approx(expected.cr)
    assert f"{expected.cr:.4f}" in w.message.value
    assert "Quality is between equally and moderately more important than Price" in (
        w.message.value)


def test_inconsistent_judgements_warn_and_name_the_pair():
    # price > quality (3), quality > service (3), but service > price (price:service = 1/3):
    # by hand CR = ((13/3 - 3)/2)/0.58 = 1.149, a tie broken at the first pair price : quality
    w = ahp_workbench(judgements=[3, 1 / 3, 3])
    assert not w.result.consistent
    assert w.result.cr == pytest.approx((2 / 3) / 0.58)
    assert "Revise first: Price : Quality = 3" in w.message.value
    assert "not acceptable" in w.message.value


def test_ri_table_is_a_choice():
    w = ahp_workbench(judgements=[1 / 2, 3, 5])
    cr_1980 = w.result.cr
    w.controls["random_index"].value = "saaty2005"
    assert w.result.ri == 0.52
    assert w.result.cr == pytest.approx(cr_1980 * 0.58 / 0.52)


def test_slider_options_cover_saaty_scale_in_words():
    w = ahp_workbench()
    labels = [lab for lab, _ in w.controls["price:quality"].options]
    values = [v for _, v in w.controls["price:quality"].options]
    assert values == list(SCALE_VALUES) and len(values) == 17
    assert labels[0] == "1/9 extreme ◂" and labels[8] == "1 equal" and labels[-1] == "9 extreme ▸"
    assert judgement_sentence("A", "B", 1 / 7) == "B is very strongly more important than A"


def test_workbench_chinese_interface():
    w = ahp_workbench(judgements=[1 / 2, 3, 5], lang="zh")
    assert w.controls["price:quality"].description == "价格 : 质量"
    assert "质量比价格同等~稍微重要" in w.message.value
    assert w.controls["price:quality"].options[-1][0] == "9 极端 ▸"
    assert [t.get_text() for t in w.figure.axes[0].get_yticklabels()] == ["价格", "质量", "服务"]


def test_workbench_rejects_wrong_number_of_judgements():
    with pytest.raises(ValueError, match=r"judgements must give one value per pair \(3\); got 2"):
        ahp_workbench(judgements=[1, 2])


@pytest.mark.parametrize(("judgements", "position", "shown"), [
    ([4.4, 1, 1], 0, "4.4"),  # before: silently 4
    ([1, 1 / 3.5, 1], 1, "0.2857142857142857"),  # before: silently 1/3
    ([1, 1, 10], 2, "10"),  # before: silently 9, the end of the scale
    ([1, 1, 0.333], 2, "0.333"),  # 1/3 rounded by hand is not 1/3: say so, do not guess
])
def test_workbench_refuses_a_start_judgement_off_the_scale_never_rounds_it(judgements, position,
                                                                          shown):
    pair = ["price : quality", "price : service", "quality : service"][position]
    allowed = "1/9, 1/8, 1/7, 1/6, 1/5, 1/4, 1/3, 1/2, 1, 2, 3, 4, 5, 6, 7, 8, 9"
    message = (f"judgements[{position}] ({pair}) must be a value of Saaty's scale (the "
               f"slider's positions: {allowed}); got {shown}")
    with pytest.raises(ValueError) as info:
        ahp_workbench(judgements=judgements)
    assert str(info.value) == message


def test_workbench_keeps_every_scale_value_exactly():
    # each position of the scale, also written as a computed reciprocal (1 / 7), starts as itself
    for value in SCALE_VALUES:
        w = ahp_workbench(judgements=[value, 1, 1])
        assert w.controls["price:quality"].value == value
        assert w.result.matrix.loc["price", "quality"] == value
    w = ahp_workbench(judgements=[1 / 7, 7, 1 / 2])
    assert w.values()["price:quality"] == 1 / 7 and w.values()["price:service"] == 7.0


def test_workbench_refuses_a_judgement_that_is_not_a_number():
    with pytest.raises(TypeError, match=r"judgements\[0\] \(price : quality\) must be a number"):
        ahp_workbench(judgements=["3", 1, 1])


def test_workbench_too_many_items_for_the_table_shows_message():
    items = [f"c{i}" for i in range(11)]
    w = ahp_workbench(items)
    assert w.result is None
    assert "covers matrices of order 1 to 10" in w.error and "covers" in w.message.value
    w.controls["random_index"].value = "donegan_dodd"
    assert w.error is None and w.result.n == 11


# --------------------------------------------------------------------------- loyalty calculator


def _expected_scores(alpha, upper, beta):
    ex = example_customer_base()
    facs = {c: pairwise_matrix(t, FACTORS) for c, t in ex.factor_judgements.items()}
    hier = ahp_hierarchy(pairwise_matrix(upper, CRITERIA), facs)
    return loyalty_scores(ex.given, ex.total, alpha, ex.factor_values, hier, beta)


def test_calculator_starts_with_the_example_and_hand_value():
    w = loyalty_calculator()
    # C01: 0.5 * 420/600 + 0.3 * 18/24 + 0.2 * 6/8 = 0.35 + 0.225 + 0.15 = 0.725 (hand)
    assert w.result.row["objective"] == pytest.approx(0.725)
    expected = _expected_scores([0.5, 0.3, 0.2], [1 / 2, 3, 5], 0.6)
    assert w.result.scores.table["loyalty"].to_dict() == pytest.approx(
        expected.table["loyalty"].to_dict())
    assert "0.725" in w.message.value and "C01" in w.message.value


def test_calculator_controls_change_the_ranking_as_the_core_says():
    w = loyalty_calculator(customer="C08")
    w.controls["objective_weight"].value = 0.0
    w.controls["price:quality"].value = 3.0
    expected = _expected_scores([0.5, 0.3, 0.2], [3, 3, 5], 0.0)
    assert w.result.scores.table["loyalty"].to_dict() == pytest.approx(
        expected.table["loyalty"].to_dict())
    assert list(w.result.scores.table.index) == list(expected.table.index)
    assert w.result.row["loyalty"] == pytest.approx(expected.table.loc["C08", "subjective"])
    assert int(w.result.row["rank"]) == int(expected.table.loc["C08", "rank"])


def test_calculator_weights_not_summing_to_one_are_explained():
    w = loyalty_calculator()
    w.controls["alpha:purchase_volume"].value = 0.7
    assert w.result is None
    assert w.error == "indicator_weights must sum to 1; got a sum of 1.2 ([0.7, 0.3, 0.2])"
    assert "indicator_weights must sum to 1" in w.message.value
    assert w.controls["alpha:purchase_volume"].value == 0.7  # the user's choice is kept
    w.controls["alpha:orders"].value = 0.1
    assert w.error is None  # 0.7 + 0.1 + 0.2 = 1
    assert w.result.scores.indicator_weights.to_numpy() == pytest.approx([0.7, 0.1, 0.2])


def test_calculator_chinese_interface():
    w = loyalty_calculator(lang="zh")
    assert w.controls["objective_weight"].description == "客观权重 β"
    assert "客观价值" in w.message.value and "排名" in w.message.value
    assert w.figure.axes[0].get_xlabel() == "忠诚度得分（0～1）"


# --------------------------------------------------------------------------- relationship explorer


def test_relationship_explorer_follows_the_signs():
    w = relationship_explorer(source="opportunistic_behaviour")
    # (-) to trust; trust (+) cooperation and trust (+) commitment (+) cooperation -> falls
    signs = w.result.outcome_signs
    assert signs["cooperation"] == -1 and signs["propensity_to_leave"] == 1
    assert signs["decision_making_uncertainty"] == 1
    w.controls["direction"].value = -1  # less opportunism: every direction flips
    assert w.result.outcome_signs == {k: -v for k, v in signs.items()}
    expected = morgan_hunt_model().effects("opportunistic_behaviour")
    assert w.result.effects.equals(expected)


def test_relationship_explorer_lists_trust_levels_and_commitment_dimensions():
    w = relationship_explorer()
    assert "Levels of trust: General trust, System-based trust" in w.message.value
    assert "Affective commitment" in w.message.value
    w.controls["source"].value = "communication"
    assert set(w.result.outcome_signs) == {
        "acquiescence", "propensity_to_leave", "cooperation", "functional_conflict",
        "decision_making_uncertainty"}


def test_relationship_explorer_chinese():
    w = relationship_explorer(lang="zh")
    assert "共同价值观" in w.message.value and "信任的层次" in w.message.value
    assert "shared_values" not in w.message.value  # routes use the translated names
    assert w.figure.axes[0].get_title().startswith("关键中介变量模型")


def test_every_slider_recomputes_only_on_release():
    for w in (ahp_workbench(), loyalty_calculator()):
        sliders = [c for c in w.controls.values() if hasattr(c, "continuous_update")]
        assert sliders and all(c.continuous_update is False for c in sliders)


def test_start_values_outside_the_slider_range_widen_it_or_are_refused():
    import dataclasses

    base = example_customer_base()
    # an indicator weight of 2 (weights need not sum to 1) widens its 0..1 slider
    heavy = dataclasses.replace(base, indicator_weights=base.indicator_weights * 4)
    w = loyalty_calculator(heavy)
    name = base.indicator_weights.index[0]
    slider = w.controls[f"alpha:{name}"]
    assert slider.value == float(heavy.indicator_weights.iloc[0])
    assert slider.max == max(1.0, slider.value)
    bad = dataclasses.replace(base, objective_weight=1.5)
    with pytest.raises(ValueError, match=r"objective_weight must be between 0 and 1; got 1\.5"):
        loyalty_calculator(bad)
