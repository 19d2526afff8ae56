"""Widget tests in plain pytest: drive the equity widgets' controls, check result and message."""

from __future__ import annotations

import math

import pytest

from crmlib.equity import (
    markov_clv,
    more_longer_deeper,
    optimal_spend,
    prospect_equity,
    recency_chain,
    select_customers,
)
from crmlib.widgets import budget_explorer, lever_explorer, markov_editor, portfolio_chooser

BD = {"margin": 100, "acquisition_ceiling": 0.4, "k1": 0.1, "retention_ceiling": 0.8,
      "k2": 0.05, "discount_rate": 0.1}


def _sliders(w):
    return [c for c in w.controls.values() if hasattr(c, "continuous_update")]


# --------------------------------------------------------------------------- budget explorer


def test_budget_explorer_starts_with_the_reference_case_and_moves():
    w = budget_explorer()
    # A = 10, R = 20: a = 0.4 (1 - e^-1) = 0.2528, CE = 28.29 (hand, see test_equity.py)
    assert w.result.choice.value == pytest.approx(28.2908, abs=1e-4)
    assert "28.29" in w.message.value
    assert w.result.optimum.acquisition_spend == pytest.approx(math.log(
        0.4 * 0.1 * w.result.optimum.customer_value) / 0.1)
    assert bytes(w.chart.value).startswith(b"\x89PNG")
    w.controls["acquisition_spend"].value = 25.0
    assert w.result.choice.value == pytest.approx(prospect_equity(25, 20, **BD).value)
    w.controls["margin"].value = 150.0
    assert w.result.optimum.value == pytest.approx(optimal_spend(**{**BD, "margin": 150}).value)
    assert f"{w.result.optimum.value:,.2f}" in w.message.value


def test_budget_explorer_bad_input_is_shown_and_recovers():
    w = budget_explorer()
    w.controls["retention_ceiling"].value = 1.0
    assert w.result is None
    assert "retention_ceiling" in w.error and "retention_ceiling" in w.message.value
    assert w.controls["retention_ceiling"].value == 1.0
    assert w.chart.layout.display == "none"
    w.controls["retention_ceiling"].value = 0.8
    assert w.error is None and w.result.choice.value == pytest.approx(28.2908, abs=1e-4)


# --------------------------------------------------------------------------- Markov editor


def test_markov_editor_values_and_policy_comparison():
    w = markov_editor()
    chain = recency_chain([0.30, 0.20, 0.15, 0.05], 40, 4)
    expected = markov_clv(chain.transition_matrix, chain.rewards, 0.2).values
    assert w.result.values.values.tolist() == pytest.approx(expected.tolist())
    assert w.result.path.shape == (13, 5)  # periods 0..12, five states
    w.controls["cost"].value = 8.0  # a costlier mailing lowers every marketed state's value
    changed = recency_chain([0.30, 0.20, 0.15, 0.05], 40, 8)
    assert w.result.values.values.tolist() == pytest.approx(
        markov_clv(changed.transition_matrix, changed.rewards, 0.2).values.tolist())
    assert w.result.start_values.values.tolist() == pytest.approx(expected.tolist())
    diff = w.result.values.values.iloc[0] - expected.iloc[0]
    assert f"{diff:+,.2f}" in w.message.value


def test_markov_editor_zero_discount_is_fine_with_an_absorbing_lost_state():
    w = markov_editor()
    w.controls["discount_rate"].value = 0.0
    assert w.error is None
    assert w.result.values.values["lost"] == 0.0


def test_markov_editor_bad_input_message():
    w = markov_editor()
    w.controls["contribution"].value = float("nan")
    assert w.result is None and "contribution" in w.error


# --------------------------------------------------------------------------- portfolio chooser


def test_portfolio_chooser_budget_and_method():
    w = portfolio_chooser([60, 100, 120], [10, 20, 30], total_resources=50)
    assert w.result.value == 220.0 and w.result.gap == 60.0
    w.controls["method"].value = "greedy"
    assert w.result.value == 160.0
    assert w.result.chosen.tolist() == [True, True, False]
    w.controls["total_resources"].value = 30.0
    assert w.result.value == select_customers([60, 100, 120], [10, 20, 30], 30,
                                              method="greedy").value
    assert "160.00" in w.message.value  # A + B fit in 30


def test_portfolio_chooser_rejects_bad_resources():
    with pytest.raises(ValueError, match="resource_need must contain only values greater than 0"):
        portfolio_chooser([1, 2], [1, 0])


# --------------------------------------------------------------------------- levers


def test_lever_explorer_matches_core_and_reacts():
    w = lever_explorer()
    assert w.result.table.loc["more", "gain_pct"] == pytest.approx(10.0)
    w.controls["longer"].value = 0.3
    expected = more_longer_deeper(1000, 100, 0.8, 0.1, more=0.1, longer=0.3, deeper=0.1)
    assert w.result.table["gain"].tolist() == pytest.approx(expected.table["gain"].tolist())
    assert w.result.best == "longer"  # 0.3 / (1.1 - (1 - 0.2/1.3)) -> +18.2% beats +10%
    w.controls["retention"].value = 1.0
    assert w.result is None and "retention" in w.error


@pytest.mark.parametrize(("lang", "start", "shown", "not_shown"), [
    # more and deeper of one size: +10% each (hand: N x 1.1 x CLV = N x CLV(1.1 m))
    ("en", {}, "→ levers tie for the largest gain: More customers, Deeper relationships",
     "→ More customers<"),
    ("zh", {}, "→ 增加额最大的杠杆并列：多：更多客户、深：更深的关系（利润）", "→ 多：更多客户<"),
    # margin 0: every gain is 0
    ("en", {"margin": 0.0}, "→ no lever moves equity (every gain is 0)", "More customers<"),
    ("zh", {"margin": 0.0}, "→ 没有杠杆能改变客户资产（各项增加额均为 0）", "多：更多客户<"),
    # a negative margin: every lever makes the loss larger
    ("en", {"margin": -50.0}, "→ no lever raises equity (every gain is negative)",
     "Longer relationships<"),
    ("zh", {"margin": -50.0}, "→ 没有杠杆能提高客户资产（各项增加额均为负）", "久：更长的关系<"),
    # d = 0: three-way tie (CLV = m x expected lifetime)
    ("en", {"discount_rate": 0.0}, "tie for the largest gain: More customers, Longer "
     "relationships, Deeper relationships (margin)", "→ More customers<"),
])
def test_lever_explorer_names_no_winner_when_levers_tie_or_do_nothing(lang, start, shown,
                                                                      not_shown):
    # before: "→ More customers" in every case, as if one lever beat the others
    message = lever_explorer(lang=lang, **start).message.value
    assert shown in message
    assert not_shown not in message


def test_lever_explorer_names_a_single_winner():
    w = lever_explorer(longer=0.3)  # +18.2% beats +10% (see above)
    assert "→ Longer relationships<br>" in w.message.value
    assert "tie" not in w.message.value


# --------------------------------------------------------------------------- all widgets


@pytest.mark.parametrize(
    ("build", "args", "word"),
    [
        (budget_explorer, (), "每位潜在客户的客户资产"),
        (markov_editor, (), "客户终身价值"),
        (portfolio_chooser, ([60, 100, 120], [10, 20, 30]), "精确"),
        (lever_explorer, (), "客户资产"),
    ],
)
def test_chinese_interface(build, args, word):
    w = build(*args, lang="zh")
    assert w.error is None
    assert word in w.message.value
    assert any("\u4e00" <= ch <= "\u9fff" for c in w.controls.values()
               for ch in (c.description or ""))


@pytest.mark.parametrize("build", [budget_explorer, markov_editor, lever_explorer])
def test_sliders_recompute_only_on_release(build):
    sliders = _sliders(build())
    assert sliders and all(c.continuous_update is False for c in sliders)


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'fr'"):
        lever_explorer(lang="fr")


def test_start_values_outside_the_slider_range_widen_it_or_are_refused():
    # usual range of acquisition_spend is 0..max_spend (100): 250 widens it, never clamps
    w = budget_explorer(acquisition_spend=250.0)
    assert (w.controls["acquisition_spend"].value, w.controls["acquisition_spend"].max) == (
        250.0, 250.0)
    assert w.values()["acquisition_spend"] == 250.0
    assert markov_editor(periods=100).controls["periods"].value == 100
    with pytest.raises(ValueError, match=r"retention must be between 0 and 1; got 1\.5"):
        lever_explorer(retention=1.5)
    with pytest.raises(ValueError,
                       match=r"purchase_probabilities\[0\] must be between 0 and 1; got 1\.2"):
        markov_editor(purchase_probabilities=(1.2, 0.2))
    with pytest.raises(ValueError, match="total_resources must be at least 0; got -5"):
        portfolio_chooser([60, 100], [10, 20], total_resources=-5.0)


# --------------------------------------------------------------------------- currency

#: the money controls of each widget (the others are rates, counts or resource units)
MONEY = {
    "budget_explorer": ("acquisition_spend", "retention_spend", "margin"),
    "markov_editor": ("contribution", "cost"),
    "lever_explorer": ("margin",),
}
_BUILD = {"budget_explorer": budget_explorer, "markov_editor": markov_editor,
          "lever_explorer": lever_explorer}


@pytest.mark.parametrize(("lang", "shown"), [("en", " (€)"), ("zh", "（€）")])
@pytest.mark.parametrize("name", sorted(MONEY))
def test_money_controls_show_the_currency_chosen(name, lang, shown):
    # before: "Margin per period" with no currency, and no currency= to choose one
    w = _BUILD[name](lang=lang, currency="€")
    for key, control in w.controls.items():
        assert control.description.endswith(shown) == (key in MONEY[name]), key
    default = _BUILD[name](lang=lang)
    assert default.controls[MONEY[name][0]].description.endswith(shown.replace("€", "¥"))


@pytest.mark.parametrize(("lang", "shown"), [("en", "(€)"), ("zh", "（€）")])
def test_money_charts_take_the_widgets_currency(lang, shown):
    # the value axes of every chart (the state-distribution share axis is in %)
    budget = budget_explorer(lang=lang, currency="€").figure.axes
    assert budget[0].get_xlabel().endswith(shown) and budget[0].get_ylabel().endswith(shown)
    assert budget[1].get_ylabel().endswith(shown)  # the colour bar: equity per prospect
    assert markov_editor(lang=lang, currency="€").figure.axes[0].get_ylabel().endswith(shown)
    assert lever_explorer(lang=lang, currency="€").figure.axes[0].get_ylabel().endswith(shown)
    chooser = portfolio_chooser([60, 100, 120], [10, 20, 30], lang=lang, currency="€")
    assert chooser.figure.axes[0].get_ylabel().endswith(shown)


@pytest.mark.parametrize("build", [budget_explorer, markov_editor, lever_explorer])
def test_currency_must_be_a_text(build):
    with pytest.raises(TypeError, match=r"currency must be a text such as '¥' or '\$'; "
                                        r"got 1 \(int\)"):
        build(currency=1)
    with pytest.raises(ValueError, match=r"currency must be a text of 1 to 12 characters such as "
                                         r"'¥' or '\$'; got ' '"):
        build(currency=" ")
    with pytest.raises(TypeError, match="currency must be a text"):
        portfolio_chooser([60, 100], [10, 20], currency=None)
