"""Start values outside a control's usual range: shown exactly or refused, never clamped.

ipywidgets clamps a slider's value to its range and refuses a drop-down value
that is not an option with a message about traits. Every widget builds its
controls through :func:`crmlib.widgets.bounded` / ``choice`` / ``number`` (or
checks the value first), so a start value outside the usual range either
widens the range, is shown exactly and used by the computation, or raises a
``ValueError`` naming the parameter, the rule and the value received.

One case of each kind per widget; ``test_every_widget_builder_has_a_case`` keeps
the table complete when a widget is added.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import crmlib.widgets as W
from crmlib.lifecycle import classify_stage
from crmlib.loyalty import example_customer_base
from crmlib.models import BetaGeo

BG = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
VALUES = pd.DataFrame({"current_value": [10.0, 8, 2, 1], "growth_potential": [9.0, 1, 7, 2]})
SUMMARY = pd.DataFrame({"frequency": [4, 2, 1, 0], "recency": [19.0, 10.0, 5.0, 0.0],
                        "T": [20.0, 20.0, 20.0, 30.0], "spend": [250.0, 60.0, 40.0, 5.0]})
LOG = pd.DataFrame({"customer_id": ["a", "a", "b"], "date": ["2024-01-05", "2024-02-05",
                                                             "2024-02-10"],
                    "amount": [1.0, 2.0, 3.0]})
COUNTS = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207]

# (widget builder, arguments, control, start value): the slider widens to hold the value
WIDENS = [
    ("capstone_uploader", {"horizon_months": 200}, "horizon_months", 200),
    ("clv_calculator", {"periods": 100, "infinite": False}, "periods", 100),
    ("rfm_explorer", {"summary": SUMMARY, "monetary": "spend", "bins": 4,
                      "threshold_mode": "number", "threshold": 12.3}, "threshold", 12.3),
    ("profit_curve_explorer", {"stage_lengths": (2, 3, 20, 2)}, "stability_length", 20),
    ("profit_curve_explorer", {"revenue_levels": (20, 60, 500, 50)}, "stability_revenue",
     500.0),
    ("profit_curve_explorer", {"end_period": 60, "stage_lengths": (20, 20, 20, 20)},
     "end_period", 60),
    ("customer_explorer", {"model": BG, "T": 100.0}, "T", 100.0),
    ("customer_explorer", {"model": BG, "horizon": 520}, "horizon", 520),
    ("delivered_value_builder", {"offer_a": {"product": 5000.0}}, "a_product", 5000.0),
    ("kano_explorer", {"split": 0.99}, "split", 0.99),
    ("budget_explorer", {"acquisition_spend": 150.0}, "acquisition_spend", 150.0),
    ("markov_editor", {"periods": 100}, "periods", 100),
    ("portfolio_chooser", {"clv": [60, 100, 120], "resource_need": [10, 20, 30],
                           "total_resources": 1000.0}, "total_resources", 1000.0),
    ("lever_explorer", {"discount_rate": 0.9}, "discount_rate", 0.9),
    ("roi_calculator", {"years": 30}, "years", 30),
    ("equity_planner", {"margin_change": 3.0}, "margin_change", 3.0),
]

# (widget builder, arguments, the message's start): refused, naming the parameter
REFUSED = [
    ("clv_calculator", {"retention": 1.5}, "retention must be between 0 and 1; got 1.5"),
    ("value_matrix_explorer", {"customers": VALUES, "current_percentile": 120},
     "current_percentile must be between 0 and 100; got 120"),
    ("rfm_explorer", {"summary": SUMMARY, "monetary": "spend", "bins": 12},
     "bins must be between 2 and 10; got 12"),
    ("rfm_explorer", {"summary": SUMMARY, "monetary": "spend", "scheme": "bogus"},
     "scheme must be one of 'eight', 'named'; got 'bogus'"),
    ("rfm_explorer", {"summary": SUMMARY, "monetary": "spend", "threshold_mode": "median"},
     "threshold_mode must be one of 'mean', 'number'; got 'median'"),
    # before: `end_period or 1` started a relationship that ends after period 0 at period 1
    ("profit_curve_explorer", {"end_period": 0}, "end_period must be at least 1; got 0"),
    ("profit_curve_explorer", {"cost_levels": (-1, 40, 25, 25)},
     "cost_levels must contain only values of at least 0; entry 0 is -1"),
    ("profit_curve_explorer", {"stage_lengths": (2, 3.5, 5, 2)},
     "stage_lengths must be whole numbers of periods; entry 1 (formation) is 3.5"),
    ("cohort_explorer", {"transactions": LOG, "period": "Y"},
     "period must be one of 'W', 'M', 'Q'; got 'Y'"),
    ("cohort_explorer", {"transactions": LOG, "periods": ("W", "week")},
     "periods must be a list of period codes from 'D', 'W', 'M', 'Q', 'Y'; got ('W', 'week')"),
    ("cohort_explorer", {"transactions": LOG, "measure": "profit"},
     "measure must be one of 'customers', 'retention', 'revenue'; got 'profit'"),
    ("ahp_workbench", {"judgements": [4.4, 1, 1]},
     "judgements[0] (price : quality) must be a value of Saaty's scale"),
    ("loyalty_calculator", {"customer": "nobody"}, "customer must be one of 'C01'"),
    ("relationship_explorer", {"direction": 2}, "direction must be one of 1, -1; got 2"),
    ("relationship_explorer", {"source": "price"}, "source must be one of 'termination_costs'"),
    ("customer_explorer", {"model": BG, "frequency": -1}, "frequency must be at least 0; got -1"),
    ("retention_projector", {"survivors": COUNTS, "n_fit_years": 100},
     "n_fit_years must be between 2 and 8; got 100"),
    ("delivered_value_builder", {"offer_a": {"product": -5.0}},
     "offer_a['product'] must be at least 0; got -5.0"),
    ("kano_explorer", {"split": 1.5}, "split must be between 0 and 1; got 1.5"),
    ("budget_explorer", {"k1": -1.0}, "k1 must be at least 0; got -1.0"),
    ("markov_editor", {"purchase_probabilities": (0.3, 1.2)},
     "purchase_probabilities[1] must be between 0 and 1; got 1.2"),
    ("portfolio_chooser", {"clv": [60, 100], "resource_need": [10, 20], "method": "best"},
     "method must be one of 'exact', 'greedy'; got 'best'"),
    ("lever_explorer", {"more": 2.0}, "more must be between 0 and 1; got 2.0"),
    ("strategy_advisor", {"asset_specificity": 1.5},
     "asset_specificity must be between 0 and 1; got 1.5"),
    ("strategy_advisor", {"contract_type": "lease"},
     "contract_type must be one of 'spot', 'repeat', 'long_term'; got 'lease'"),
    ("roi_calculator", {"discount_rate": -0.1}, "discount_rate must be at least 0; got -0.1"),
    ("equity_planner", {"retention": 1.2}, "retention must be between 0 and 1; got 1.2"),
    ("capstone_uploader", {"horizon_months": 0}, "horizon_months must be at least 1; got 0"),
    ("capstone_uploader", {"currency": ""},
     "currency must be a text of 1 to 12 characters such as '¥' or '$'; got ''"),
]


def _build(name: str, kwargs: dict) -> W.TryIt:
    return getattr(W, name)(**kwargs)


@pytest.mark.parametrize(("name", "kwargs", "control", "value"), WIDENS,
                         ids=[f"{c[0]}-{c[2]}" for c in WIDENS])
def test_start_value_beyond_the_usual_range_widens_it_and_is_used(name, kwargs, control, value):
    w = _build(name, kwargs)
    slider = w.controls[control]
    assert slider.value == value  # exactly, not clamped to the old end of the range
    assert slider.min <= value <= slider.max
    assert w.values()[control] == value


@pytest.mark.parametrize(("name", "kwargs", "message"), REFUSED,
                         ids=[f"{c[0]}-{c[2].split()[0]}" for c in REFUSED])
def test_start_value_outside_what_the_quantity_can_be_is_refused_naming_it(name, kwargs,
                                                                             message):
    with pytest.raises(ValueError) as info:
        _build(name, kwargs)
    assert str(info.value).startswith(message)


def test_every_widget_builder_has_a_case():
    builders = {n for n in W.__all__ if n[0].islower() and n not in {"bounded", "choice",
                                                                      "number"}}
    widened = {c[0] for c in WIDENS}
    refused = {c[0] for c in REFUSED}
    # stage_browser has no slider or drop-down start value: its customer box shows any id
    assert builders - refused == {"stage_browser"}
    # no usual range narrower than what the quantity can be: drop-downs, Saaty's scale,
    # percentiles 0-100, ratings 0-1, the fit years the series allows
    assert builders - widened == {"ahp_workbench", "cohort_explorer", "loyalty_calculator",
                                  "relationship_explorer", "stage_browser",
                                  "value_matrix_explorer", "strategy_advisor",
                                  "retention_projector"}


def test_values_the_computation_gets_are_the_start_values():
    # the profit curve runs 20 stability periods (27 in all), not the old maximum of 12
    w = W.profit_curve_explorer(stage_lengths=(2, 3, 20, 2))
    assert len(w.result.table) == 2 + 3 + 20 + 2
    # the customer of age 100 weeks is computed at T = 100, not at the old max_T of 78
    assert W.customer_explorer(BG, T=100.0).result.T == 100.0
    # a start threshold of 12.3 is the threshold used for each of R, F and M
    w = W.rfm_explorer(SUMMARY, monetary="spend", bins=4, threshold_mode="number",
                       threshold=12.3)
    assert w.result.thresholds == {"R": 12.3, "F": 12.3, "M": 12.3}


def test_stage_browser_shows_an_unknown_start_customer_as_the_message_not_another_one():
    w = W.stage_browser(classify_stage(LOG), customer="zz")
    assert w.controls["customer"].value == "zz"
    assert w.result is None
    assert w.error == "customer must be the id of a classified customer (such as a, b); got 'zz'"


def test_loyalty_calculator_refuses_an_example_judgement_off_the_scale():
    ex = example_customer_base()
    off = dataclasses.replace(ex, criteria_judgements=[4.4, *ex.criteria_judgements[1:]])
    with pytest.raises(ValueError, match=r"^example\.criteria_judgements\[0\] \(price : quality\) "
                                         r"must be a value of Saaty's scale"):
        W.loyalty_calculator(off)
