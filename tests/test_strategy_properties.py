"""Property tests (hypothesis) of crmlib.strategy: laws of the scoring, the ROI and the levers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.strategy import (
    DEFAULT_COEFFICIENTS,
    STRATEGY_KEYS,
    crm_roi,
    plan_equity_change,
    recommend_strategy,
)

SETTINGS = settings(derandomize=True, max_examples=80, deadline=None)

ratings = st.floats(0.0, 1.0)
contracts = st.sampled_from(["spot", "repeat", "long_term"])
stages = st.sampled_from(["startup", "growth", "mature"])
weights = st.fixed_dictionaries(
    {f: st.floats(0.1, 3.0) for f in DEFAULT_COEFFICIENTS}
)
NUMERIC = ("transaction_frequency", "asset_specificity", "customer_heterogeneity")
ORDERED = {"contract_type": ["spot", "repeat", "long_term"],
           "firm_stage": ["startup", "growth", "mature"]}


def _favoured(factor: str) -> str:
    """The type with the largest coefficient of ``factor`` (unique in the defaults)."""
    row = DEFAULT_COEFFICIENTS[factor]
    return max(row, key=row.get)


def test_each_factor_has_a_unique_favoured_type_and_lowers_to_clasp():
    # the laws below rely on this shape of the default table
    for factor, row in DEFAULT_COEFFICIENTS.items():
        values = sorted(row.values())
        assert values[-1] > values[-2], factor
        assert row["clasp"] < min(v for k, v in row.items() if k != "clasp"), factor


def _profiles():
    return st.fixed_dictionaries({
        "transaction_frequency": ratings, "asset_specificity": ratings,
        "contract_type": contracts, "firm_stage": stages, "customer_heterogeneity": ratings,
    })


def _levels(factor):
    if factor in ORDERED:
        return st.lists(st.sampled_from(ORDERED[factor]), min_size=2, max_size=2).map(
            lambda pair: sorted(pair, key=ORDERED[factor].index))
    return st.lists(ratings, min_size=2, max_size=2).map(sorted)


@pytest.mark.parametrize("factor", list(DEFAULT_COEFFICIENTS))
@SETTINGS
@given(data=st.data())
def test_raising_a_factor_never_moves_the_answer_away_from_its_favoured_type(factor, data):
    profile = data.draw(_profiles())
    w = data.draw(weights)
    low, high = data.draw(_levels(factor))
    rec_low = recommend_strategy(**{**profile, factor: low}, weights=w)
    rec_high = recommend_strategy(**{**profile, factor: high}, weights=w)
    favoured = _favoured(factor)
    if rec_low.recommended == favoured:
        assert rec_high.recommended == favoured
    # and its lead over every other type does not shrink
    for other in STRATEGY_KEYS:
        gap_low = rec_low.scores[favoured] - rec_low.scores[other]
        gap_high = rec_high.scores[favoured] - rec_high.scores[other]
        assert gap_high >= gap_low - 1e-12


@pytest.mark.parametrize("factor", list(DEFAULT_COEFFICIENTS))
@SETTINGS
@given(data=st.data())
def test_lowering_a_factor_never_moves_the_answer_away_from_clasp(factor, data):
    profile = data.draw(_profiles())
    w = data.draw(weights)
    low, high = data.draw(_levels(factor))
    rec_low = recommend_strategy(**{**profile, factor: low}, weights=w)
    rec_high = recommend_strategy(**{**profile, factor: high}, weights=w)
    if rec_high.recommended == "clasp":
        assert rec_low.recommended == "clasp"


@pytest.mark.parametrize("factor", NUMERIC)
@SETTINGS
@given(profile=_profiles(), x=ratings)
def test_score_is_linear_in_each_rating(factor, profile, x):
    # S(x) = S(0) + x (S(1) - S(0)) for every type
    at = {v: recommend_strategy(**{**profile, factor: v}).scores for v in (0.0, 1.0, x)}
    for t in STRATEGY_KEYS:
        assert at[x][t] == pytest.approx(at[0.0][t] + x * (at[1.0][t] - at[0.0][t]), abs=1e-12)


@SETTINGS
@given(profile=_profiles(), w=weights)
def test_recommended_type_has_the_highest_score_and_reasons_name_it(profile, w):
    rec = recommend_strategy(**profile, weights=w)
    assert rec.scores[rec.recommended] == max(rec.scores.values())
    assert rec.lead >= 0
    name = {"clasp": "Clasp", "zipper": "Zipper", "velcro": "Velcro"}[rec.recommended]
    assert name in rec.reasons[0]


# --------------------------------------------------------------------------- ROI

amounts = st.floats(0.0, 1e5)
rates = st.floats(0.0, 0.5)


@SETTINGS
@given(st.floats(1.0, 1e6), st.lists(amounts, min_size=1, max_size=12), st.floats(1.0, 1e5),
       rates)
def test_npv_at_the_irr_is_zero_for_a_conventional_project(investment, gains, extra, d):
    gains = [g + extra for g in gains]  # every year positive: one change of sign
    res = crm_roi(investment, costs=0, benefits=gains, discount_rate=d)
    assert math.isfinite(res.irr) and res.irr > -1
    flows = [-investment, *gains]
    npv_at_irr = sum(f / (1 + res.irr) ** t for t, f in enumerate(flows))  # written out
    assert npv_at_irr == pytest.approx(0.0, abs=1e-6 * (investment + sum(gains)))
    # NPV is positive exactly when the discount rate is below the IRR
    if abs(res.irr - d) > 1e-6:
        assert (res.npv > 0) == (d < res.irr)


@SETTINGS
@given(st.floats(1.0, 1e5), st.lists(amounts, min_size=1, max_size=10),
       st.lists(amounts, min_size=1, max_size=10), rates, rates)
def test_npv_falls_and_discounted_payback_is_never_sooner(investment, gains, costs, d1, d2):
    n = min(len(gains), len(costs))
    gains, costs = gains[:n], costs[:n]
    lo, hi = sorted((d1, d2))
    a = crm_roi(investment, costs=costs, benefits=gains, discount_rate=lo)
    b = crm_roi(investment, costs=costs, benefits=gains, discount_rate=hi)
    net = np.array(gains) - np.array(costs)
    if (net >= 0).all():  # a conventional project: later money is worth less
        assert b.npv <= a.npv + 1e-6 * (investment + net.sum())
        assert a.discounted_payback >= a.payback - 1e-12
    # NPV = PV(benefits) - PV(costs) by the totals table
    pv = a.totals["present_value"]
    assert a.npv == pytest.approx(
        pv["business_gain"] + pv["cost_saving"] - pv["investment"] - pv["explicit_cost"]
        - pv["hidden_cost"], abs=1e-6 * (investment + sum(gains) + sum(costs)))


# --------------------------------------------------------------------------- levers

@SETTINGS
@given(st.floats(1, 1e5), st.floats(1, 1e3), st.floats(0.0, 0.9), st.floats(0.01, 0.5),
       st.floats(0, 1e4), st.floats(0, 0.09), st.floats(0, 2), st.floats(0, 1e3))
def test_every_lever_raises_equity_with_a_positive_margin(n, m, r, d, dn, dr, g, x):
    plan = plan_equity_change(n, m, r, d, extra_customers=dn, retention_change=dr,
                              margin_change=g, cross_sell_margin=x)
    effects = plan.effects["change"]
    for lever in ("more", "longer", "deeper_margin", "deeper_cross_sell"):
        assert effects[lever] >= -1e-9 * plan.base_equity
    assert plan.change >= effects[["more", "longer", "deeper_margin", "deeper_cross_sell"]].max()
    none = plan_equity_change(n, m, r, d)
    assert none.change == 0.0 and none.planned_equity == none.base_equity
