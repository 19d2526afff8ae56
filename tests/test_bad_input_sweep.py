"""The bad-input sweep: every public function of every core module, every bad value.

The core modules are read from ``crmlib.__all__`` (everything but the plotting
and widgets layers), so a new topic is swept as soon as it is exported. For
each public callable, ``EXAMPLES`` holds one valid call; each case replaces
one argument of that call with one value of ``BAD`` and calls again. The
outcome must be one of:

* a ``ValueError``, ``TypeError`` or ``OverflowError`` whose message names the
  parameter (or, for a result that cannot be finite, the input that made it
  so: ``ALSO_NAMED``);
* an exception a docstring documents for that parameter (``DOCUMENTED_ERRORS``, e.g.
  ``FileNotFoundError`` for a path with no file), whose message names it too;
* a result in which every number is finite (floats, arrays, Series,
  DataFrames, the fields of a result object, recursively).

Either way no numpy ``RuntimeWarning`` ("overflow encountered in multiply") may be
printed on the way: an overflow is caught by the library's own finite checks.

Any other exception, or an inf/NaN anywhere in the result, fails the case. A
public callable with no entry in ``EXAMPLES`` fails ``test_every_public_name_has_an_example``,
so a new function cannot escape the sweep.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import importlib
import warnings
from collections.abc import Mapping
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import crmlib

NOT_CORE = {"plotting", "widgets"}
CORE = sorted(m for m in crmlib.__all__ if m not in NOT_CORE)

ALLOWED = (ValueError, TypeError, OverflowError)


class NotCalled:
    """A public name that is not called with bad values, with the reason why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


RESULT = NotCalled("a result object the library builds; its fields are checked for finite "
                   "numbers in every case of the function that returns it")


def _tx() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": ["a", "a", "a", "b"],
        "date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-01-15"]),
        "amount": [10.0, 20.0, 30.0, 50.0],
    })


def _pairwise() -> pd.DataFrame:
    from crmlib.loyalty import pairwise_matrix

    return pairwise_matrix([2], ["c1", "c2"])


def _scores_inputs() -> dict[str, object]:
    ids = ["a", "b"]
    return {
        "given": pd.DataFrame({"v": [1.0, 3.0]}, index=ids),
        "total": pd.DataFrame({"v": [4.0, 4.0]}, index=ids),
        "indicator_weights": [1.0],
        "factor_values": pd.DataFrame({"f": [2.0, 1.5]}, index=ids),
        "hierarchy": [1.0],
        "objective_weight": 0.5,
    }


def _bg() -> object:
    from crmlib.models import BetaGeo

    return BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)


def _lifecycle_tx() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": ["new", "gone", "gone", "gone"] + ["loyal"] * 6,
        "date": pd.to_datetime(["2024-06-10", "2024-01-05", "2024-01-25", "2024-02-14",
                                "2024-01-10", "2024-02-10", "2024-03-10", "2024-03-25",
                                "2024-05-10", "2024-06-20"]),
        "amount": [10.0, 30.0, 60.0, 20.0, 5.0, 8.0, 9.0, 7.0, 12.0, 11.0],
    })


def _curve() -> object:
    from crmlib.lifecycle import kaplan_meier

    return kaplan_meier([1] * 30 + [2] * 15 + [3] * 9 + [4] * 6 + [5] * 40,
                        [True] * 60 + [False] * 40)


def _stages() -> object:
    from crmlib.lifecycle import classify_stage

    return classify_stage(_lifecycle_tx(), as_of="2024-06-30")


_BUDGET = {"margin": 100.0, "acquisition_ceiling": 0.4, "k1": 0.1, "retention_ceiling": 0.8,
           "k2": 0.05, "discount_rate": 0.1}
_FIRM = {"margin": 100.0, "retention": 0.8, "discount_rate": 0.1, "current_customers": 1000.0,
         "new_customers": 100.0, "acquisition_cost": 50.0}

def _capstone_tx() -> pd.DataFrame:
    """60 customers over two years: 20 regular buyers, 20 who stopped, 20 one-off buyers
    (enough to fit the models; no customer whose trend has no earlier period)."""
    rows = []
    for i in range(60):
        if i < 20:
            days = range(i, 730, 20 + i)
        elif i < 40:
            days = range(i, i + 30 * (2 + i % 5), 30)
        else:
            days = [5 * i]
        rows += [(f"c{i}", pd.Timestamp("2022-01-01") + pd.Timedelta(days=d),
                  float(8 + (i % 9) * 3 + (k * 5) % 11)) for k, d in enumerate(days)]
    return pd.DataFrame(rows, columns=["customer_id", "date", "amount"])


#: one valid call of every public callable (keyword arguments), or why it is not called
EXAMPLES: dict[str, Mapping[str, object] | NotCalled] = {
    # crmlib.capstone
    "capstone.CustomerBaseAnalysis": RESULT,
    "capstone.TooFewCustomersError": NotCalled("an exception class analyse_customer_base raises"),
    "capstone.analyse_customer_base": {
        "transactions": _capstone_tx(), "margin": 0.3, "discount_rate": 0.1,
        "horizon_months": 12, "asset_specificity": "low", "retention": 0.4,
        "retention_change": 0.05, "investment": 100.0, "annual_cost": 10.0, "hidden_cost": 5.0,
        "roi_years": 3,
        "loyalty_weights": (0.5, 0.25, 0.25)},
    # crmlib.clv
    "clv.CACResult": RESULT,
    "clv.CLVResult": RESULT,
    "clv.ComponentsResult": RESULT,
    "clv.PaybackResult": RESULT,
    "clv.SimpleCLVInputs": RESULT,
    "clv.cac_payback": {"acquisition_cost": 200.0, "margin_per_period": 50.0, "retention": 0.9,
                        "discount_rate": 0.1},
    "clv.clv_components": {"transaction": 800.0, "referral": 150.0, "growth": 50.0,
                           "knowledge": 10.0, "discount_rate": 0.1},
    "clv.clv_to_cac": {"clv": 300.0, "acquisition_cost": 100.0},
    "clv.discounted_clv": {"profits": [100.0, 100.0], "discount_rate": 0.1,
                           "benefits": [10.0, 10.0], "timing": "end"},
    "clv.margin_multiple": {"retention": 0.8, "discount_rate": 0.1},
    "clv.retention_clv": {"margin": 100.0, "retention": 0.8, "discount_rate": 0.1,
                          "periods": 10, "convention": "end"},
    "clv.simple_clv": {"avg_purchase_value": 50.0, "purchase_frequency": 4.0, "lifespan": 3.0,
                       "acquisition_cost": 20.0, "time_unit": "year"},
    "clv.simple_clv_inputs": {"transactions": _tx(), "days_per_period": 365.25,
                              "period_length": None, "single_purchase": "zero"},
    # crmlib.datasets
    "datasets.capstone_orders_path": {},
    "datasets.load_cdnow": {"kind": "sample"},
    "datasets.load_donations": {},
    "datasets.load_retention_survivors": {},
    "datasets.load_wholesale": {"table": "resources"},
    "datasets.simulate_transactions": {"n_customers": 20, "r": 0.243, "alpha": 4.414,
                                       "a": 0.793, "b": 2.426, "p": 6.25, "q": 3.74,
                                       "gamma": 15.44, "observation_days": 100,
                                       "acquisition_days": 10, "start": "1997-01-01",
                                       "seed": 1, "return_truth": True},
    # crmlib.equity
    "equity.BudgetResult": RESULT,
    "equity.EquityResult": RESULT,
    "equity.LeverResult": RESULT,
    "equity.MarkovCLVResult": RESULT,
    "equity.MarkovChain": RESULT,
    "equity.ScorecardResult": RESULT,
    "equity.SelectionResult": RESULT,
    "equity.SensitivityResult": RESULT,
    "equity.SpendOptimum": RESULT,
    "equity.SwitchingResult": RESULT,
    "equity.brand_switching": {"switching_matrix": [[0.8, 0.2], [0.1, 0.9]],
                               "shares": [0.5, 0.5], "periods": 3, "brands": ["x", "y"]},
    "equity.customer_equity": {"clv": [100.0, 250.0], "counts": [10.0, 20.0],
                               "new_customers": 10.0, "new_customer_clv": 60.0,
                               "acquisition_cost": 20.0, "discount_rate": 0.1, "periods": 5},
    "equity.driver_scorecard": {"ratings": {"value": 5.0, "brand": 6.0, "relationship": 3.0},
                                "importance": {"value": 2.0, "brand": 1.0, "relationship": 1.0},
                                "scale": (1.0, 7.0)},
    "equity.equity_sensitivity": {**_FIRM, "growth": 0.02, "periods": 20, "step": 0.01},
    "equity.equity_surface": {"acquisition_max": 10.0, "retention_max": 10.0, **_BUDGET,
                              "points": 5},
    "equity.firm_value": {**_FIRM, "growth": 0.02, "periods": 20},
    "equity.long_run_distribution": {"transition_matrix": [[0.9, 0.1], [0.2, 0.8]],
                                     "initial": [1.0, 0.0], "states": ["x", "y"]},
    "equity.markov_clv": {"transition_matrix": [[0.5, 0.5], [0.0, 1.0]], "rewards": [10.0, 0.0],
                          "discount_rate": 0.1, "states": ["x", "y"]},
    "equity.more_longer_deeper": {"customers": 1000.0, "margin": 100.0, "retention": 0.8,
                                  "discount_rate": 0.1, "improvement": 0.1, "more": 0.1,
                                  "longer": 0.05, "deeper": 0.1, "convention": "end"},
    "equity.optimal_spend": dict(_BUDGET),
    "equity.prospect_equity": {"acquisition_spend": 5.0, "retention_spend": 5.0, **_BUDGET},
    "equity.recency_chain": {"purchase_probabilities": [0.3, 0.2], "contribution": 40.0,
                             "cost": 4.0},
    "equity.select_customers": {"clv": [60.0, 100.0, 120.0], "resource_need": [10.0, 20.0, 30.0],
                                "total_resources": 50.0, "method": "exact"},
    "equity.state_distribution": {"transition_matrix": [[0.9, 0.1], [0.2, 0.8]],
                                  "initial": [1.0, 0.0], "periods": 3, "states": ["x", "y"]},
    # crmlib.i18n
    "i18n.bilingual": {"key": "clv"},
    "i18n.check_lang": {"lang": "zh"},
    "i18n.glossary": {"topic": "clv"},
    "i18n.label": {"key": "clv", "lang": "zh"},
    "i18n.message": {"exc": ValueError("margin must be a finite number; got nan"), "lang": "zh"},
    "i18n.parameter_name": {"identifier": "retention", "lang": "zh"},
    # crmlib.lifecycle
    "lifecycle.CohortTable": RESULT,
    "lifecycle.LifecycleProfile": RESULT,
    "lifecycle.SBGComparison": RESULT,
    "lifecycle.StageClassification": RESULT,
    "lifecycle.SurvivalCurve": RESULT,
    "lifecycle.classify_stage": {
        "transactions": _lifecycle_tx(), "as_of": "2024-06-30", "freq": "M", "exploration": 3,
        "window": 3, "inactivity_ratio": 2.0, "rising": 1.25, "falling": 0.5, "model": None,
        "model_freq": "W", "alive_threshold": 0.5, "customer": "customer_id", "date": "date",
        "amount": "amount"},
    "lifecycle.cohort_table": {"transactions": _tx(), "period": "M",
                               "observation_end": "2024-03-31", "customer": "customer_id",
                               "date": "date", "amount": "amount", "margin": None},
    "lifecycle.kaplan_meier": {"durations": [1.0, 2.0, 2.0, 3.0],
                               "observed": [True, True, False, True]},
    "lifecycle.ladder_position": {"transactions": _lifecycle_tx(), "as_of": "2024-06-30",
                                  "member_purchases": 2, "core_share": 0.3,
                                  "referrals": {"loyal": 2}, "advocate_referrals": 1,
                                  "customer": "customer_id", "date": "date",
                                  "amount": "amount"},
    "lifecycle.ladder_table": {"lang": "zh"},
    "lifecycle.lifecycle_profile": {"stage_lengths": [1, 1, 1, 1],
                                    "revenue_levels": [10.0, 20.0, 30.0, 15.0],
                                    "cost_levels": [30.0, 10.0, 5.0, 5.0], "discount_rate": 0.1,
                                    "end_period": 3},
    "lifecycle.retention_curve": {"transactions": _lifecycle_tx(), "period": "M",
                                  "churn_after": 2, "observation_end": "2024-06-30",
                                  "customer": "customer_id", "date": "date"},
    "lifecycle.sbg_comparison": {"curve": _curve(), "fit_periods": 3},
    "lifecycle.stage_summary": {"stages": _stages(),
                                "clv": pd.Series({"new": 10.0, "gone": 5.0, "loyal": 80.0})},
    "lifecycle.stage_table": {"lang": "zh"},
    # crmlib.loyalty
    "loyalty.AHPResult": RESULT,
    "loyalty.HierarchyResult": RESULT,
    "loyalty.LoyaltyExample": RESULT,
    "loyalty.LoyaltyIndicators": RESULT,
    "loyalty.LoyaltyScores": RESULT,
    "loyalty.NPSResult": RESULT,
    "loyalty.RelationshipModel": RESULT,
    "loyalty.ahp": {"matrix": [[1.0, 3.0], [1 / 3, 1.0]], "random_index": "saaty1980",
                    "labels": ["x", "y"]},
    "loyalty.ahp_hierarchy": {"criteria_matrix": [[1.0, 2.0], [0.5, 1.0]],
                              "alternative_matrices": [[[1.0, 3.0], [1 / 3, 1.0]],
                                                       [[1.0, 0.5], [2.0, 1.0]]],
                              "random_index": "saaty1980", "criteria": ["c1", "c2"],
                              "alternatives": ["a1", "a2"]},
    "loyalty.example_customer_base": {},
    "loyalty.loyalty_index": {"objective": 0.7, "subjective": 0.81, "objective_weight": 0.6},
    "loyalty.loyalty_indicators": {"transactions": _tx(), "freq": "D",
                                   "observation_end": "2024-03-31", "churn_after": 30.0},
    "loyalty.loyalty_scores": _scores_inputs(),
    "loyalty.morgan_hunt_model": {},
    "loyalty.net_promoter_score": {"scores": [10, 9, 8, 7, 6, 3]},
    "loyalty.normalise_by_max": {"x": [2.0, 5.0, 4.0]},
    "loyalty.objective_loyalty": {"given": [300.0, 8.0, 4.0], "total": [500.0, 10.0, 5.0],
                                  "weights": [0.5, 0.3, 0.2]},
    "loyalty.pairwise_matrix": {"upper_triangle": [3.0, 5.0, 2.0], "labels": ["a", "b", "c"],
                                "saaty_scale": True},
    "loyalty.random_index": {"n": 4, "table": "saaty1980"},
    "loyalty.subjective_loyalty": {"factor_values": [1.0, 0.5, 0.8],
                                   "hierarchy": [0.5, 0.3, 0.2], "normalise": True},
    # crmlib.models: the classes (their fitting and predictions have their own tests)
    "models.BetaGeo": {},
    "models.BetaGeoBetaBinom": {},
    "models.BoundarySolutionError": NotCalled("an exception class the fitters raise"),
    "models.ConvergenceError": NotCalled("an exception class the fitters raise"),
    "models.GammaGamma": {},
    "models.NotFittedError": NotCalled("an exception class the models raise"),
    "models.ParetoNBD": {},
    "models.ShiftedBetaGeometric": {},
    "models.calibration_holdout_purchases": {
        "model": _bg(), "summary": pd.DataFrame({
            "frequency": [0, 1, 3], "recency": [0.0, 20.0, 35.0], "T": [38.0, 38.0, 38.0],
            "frequency_holdout": [0, 1, 2], "duration_holdout": [39.0, 39.0, 39.0]}),
        "max_frequency": 2},
    "models.cumulative_transactions": {
        "model": _bg(), "transactions": pd.DataFrame({
            "customer_id": [1, 1, 1, 2],
            "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-10", "2024-01-02"])}),
        "calibration_end": "2024-01-14", "observation_end": "2024-01-28", "freq": "W",
        "customer": "customer_id", "date": "date"},
    "models.period_transactions": {
        "model": _bg(), "summary": pd.DataFrame({"frequency": [0, 0, 1, 4],
                                                 "T": [38.0, 30.0, 38.0, 30.0]}),
        "max_frequency": 2},
    # crmlib.segmentation
    "segmentation.CoreCustomers": RESULT,
    "segmentation.ParetoResult": RESULT,
    "segmentation.RFMSegments": RESULT,
    "segmentation.core_customers": {
        "customers": pd.DataFrame({"profit": [500.0, 200.0, 150.0, 100.0, 50.0],
                                   "orders": [12, 2, 9, 8, 1], "years": [6, 1, 4, 5, 1]},
                                  index=list("abcde")),
        "value": "profit", "frequency": "orders", "loyalty": "years", "potential": None,
        "value_share": 0.8, "min_frequency": 5, "min_loyalty": 3, "min_potential": "median",
        "required": None},
    "segmentation.pareto_abc": {"values": [50.0, 30.0, 10.0, 5.0, 5.0], "cuts": (0.8, 0.95)},
    "segmentation.rfm_grid": {"scores": pd.DataFrame({"R": [2, 2, 1, 1], "F": [1, 2, 1, 2],
                                                      "M": [1, 2, 2, 1],
                                                      "monetary": [10.0, 30.0, 50.0, 20.0]}),
                              "value": "monetary"},
    "segmentation.rfm_scores": {"summary": pd.DataFrame(
        {"frequency": [4, 2, 1, 0], "recency": [19.0, 10.0, 5.0, 0.0],
         "T": [20.0, 20.0, 20.0, 30.0], "monetary_value": [50.0, 20.0, 20.0, 0.0]},
        index=list("abcd")), "bins": 4},
    "segmentation.rfm_segments": {"scores": pd.DataFrame(
        {"R": [5, 1, 4, 2], "F": [5, 4, 1, 1], "M": [5, 5, 2, 1],
         "monetary": [100.0, 80.0, 10.0, 5.0]}, index=list("abcd")), "scheme": "eight",
        "threshold": 3, "value": "monetary"},
    "segmentation.segment_indicators": {"customers": pd.DataFrame(
        {"seg": ["x", "x", "y"], "profit": [60.0, 20.0, 20.0], "left": [0, 1, 0]}),
        "segment": "seg", "profit": "profit", "churned": "left"},
    # crmlib.strategy
    "strategy.ContactPattern": RESULT,
    "strategy.EquityPlan": RESULT,
    "strategy.ProcessModel": RESULT,
    "strategy.ROIResult": RESULT,
    "strategy.StrategyRecommendation": RESULT,
    "strategy.StrategyType": RESULT,
    "strategy.contact_pattern": {"strategy": "clasp", "needs": [1.0, 5.0, 7.0],
                                 "horizon": 12.0, "firm_interval": 6.0},
    "strategy.crm_roi": {"investment": 100.0, "costs": 5.0, "benefits": [40.0, 50.0, 60.0],
                         "discount_rate": 0.1, "hidden_costs": 2.0, "cost_savings": 1.0,
                         "years": 3},
    "strategy.customer_base_equity": {"customers": 1000.0, "margin": 100.0, "retention": 0.8,
                                      "discount_rate": 0.1, "periods": 10, "convention": "end"},
    "strategy.factor_level": {"name": "asset_specificity", "value": 0.3},
    "strategy.plan_equity_change": {"customers": 1000.0, "margin": 100.0, "retention": 0.8,
                                    "discount_rate": 0.1, "extra_customers": 100.0,
                                    "retention_change": 0.05, "margin_change": 5.0,
                                    "cross_sell_margin": 3.0, "plan_cost": 1000.0,
                                    "periods": 10, "convention": "end"},
    "strategy.process_checklist": {"done": [1, 2], "lang": "en"},
    "strategy.process_model": {"lang": "zh"},
    "strategy.recommend_strategy": {"transaction_frequency": 0.5, "asset_specificity": "low",
                                    "contract_type": "repeat", "firm_stage": "mature",
                                    "customer_heterogeneity": "high"},
    "strategy.strategy_components": {"lang": "zh"},
    "strategy.strategy_goals": {"lang": "zh"},
    "strategy.strategy_type": {"key": "clasp"},
    "strategy.strategy_types": {"lang": "zh"},
    # crmlib.transactions
    "transactions.TransactionLog": RESULT,
    "transactions.read_transactions": {"path_or_buffer": _tx(), "negatives": "drop",
                                       "strict": False, "keep_extra": True},
    "transactions.reason_in": {"reason": "missing customer id", "lang": "zh"},
    "transactions.rfm_summary": {"transactions": _tx(), "freq": "W",
                                 "observation_end": "2024-03-31",
                                 "calibration_end": "2024-03-15", "grain": "D"},
    # crmlib.value
    "value.ABCResult": RESULT,
    "value.ActivityRates": RESULT,
    "value.GrossProfit": RESULT,
    "value.GrowthPotential": RESULT,
    "value.ValueMatrix": RESULT,
    "value.abc_cost_to_serve": {
        "activity_usage": pd.DataFrame({"order": [2, 20], "call": [1, 6]}, index=["A", "B"]),
        "activity_rates": {"order": 30.0, "call": 30.0}, "gross_profit": [1000.0, 1000.0]},
    "value.activity_rates": {
        "resource_costs": {"staff": 60_000.0},
        "resource_drivers": pd.DataFrame({"order": [75], "call": [25]}, index=["staff"]),
        "driver_volumes": {"order": 1_500.0, "call": 500.0}},
    "value.gross_profit": {"sales": [1000.0, 400.0], "cogs": [700.0, 250.0]},
    "value.growth_potential": {"spend": [400.0], "wallet": [1000.0], "lines_held": [2],
                               "lines_offered": 5, "capture": 0.25, "cross_sell_rate": 0.1,
                               "value_per_line": 100.0, "margin": 0.3},
    "value.value_matrix": {"customers": pd.DataFrame(
        {"current_value": [10.0, 8.0, 2.0, 1.0], "growth_potential": [9.0, 1.0, 7.0, 2.0]},
        index=list("abcd")), "current": "current_value", "potential": "growth_potential",
        "split": "median"},
    "value.DeliveredValue": RESULT,
    "value.KanoCoefficients": RESULT,
    "value.KanoSurvey": RESULT,
    "value.OfferComparison": RESULT,
    "value.RelationshipValue": RESULT,
    "value.compare_offers": {"offers": {"A": {"product": 500.0, "monetary": 450.0},
                                        "B": {"product": 450.0, "monetary": 380.0}}},
    "value.delivered_value": {"product": 500.0, "service": 100.0, "personnel": 50.0,
                              "image": 20.0, "monetary": 450.0, "time": 30.0, "energy": 10.0,
                              "psychic": 5.0},
    "value.example_kano_earlier_counts": {},
    "value.example_kano_survey": {},
    "value.garvin_dimensions": {},
    "value.kano_category": {"functional": "like", "dysfunctional": "dislike"},
    "value.kano_coefficients": {"A": 10.0, "O": 5.0, "M": 3.0, "I": 2.0},
    "value.kano_curve": {"category": "A", "fulfilment": [-1.0, 0.0, 1.0]},
    "value.kano_drift_example": {},
    "value.kano_from_counts": {"counts": {"wifi": {"A": 4, "O": 9, "M": 5, "I": 2}}},
    "value.kano_quadrant": {"better": 0.75, "worse": -0.4, "split": 0.5},
    "value.kano_survey": {"responses": pd.DataFrame({
        "wifi_functional": ["like", "like", "neutral"],
        "wifi_dysfunctional": ["dislike", "neutral", "dislike"]})},
    "value.quality_stages": {},
    "value.relationship_bonds": {},
    "value.relationship_value": {"episode_benefits": 100.0, "relationship_benefits": 30.0,
                                 "episode_sacrifice": 80.0, "relationship_sacrifice": 10.0},
    "value.value_directions": {},
    "value.value_hierarchy": {},
    "value.why_it_matters": {},
}

#: published parameters for a model to call the prediction methods on
MODEL_PARAMS: dict[str, dict[str, float]] = {
    # Fader, Hardie & Lee (2005), CDNOW
    "BetaGeo": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
    # Fader, Hardie & Berger (2010), donations
    "BetaGeoBetaBinom": {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783},
    # Fader, Hardie & Lee (2005b), CDNOW spend
    "GammaGamma": {"p": 6.25, "q": 3.74, "gamma": 15.44},
    # Fader, Hardie & Lee (2005), Pareto/NBD on CDNOW
    "ParetoNBD": {"r": 0.553, "alpha": 10.58, "s": 0.606, "beta": 11.67},
    # Fader & Hardie (2007), "regular" segment
    "ShiftedBetaGeometric": {"alpha": 0.668, "beta": 3.806},
}


@functools.cache
def _model(name: str) -> object:
    import crmlib.models

    return getattr(crmlib.models, name).from_params(**MODEL_PARAMS[name])


_OPTIMISER = NotCalled("fitting: the optimiser in crmlib/models is being reworked; fit's input "
                       "checks have their own tests in tests/test_models_*.py")
_SUMMARY = NotCalled("summary(level): being reworked in crmlib/models together with the "
                     "optimiser (a model from published parameters has no standard errors)")
_RFM = {"frequency": [0.0, 2.0, 5.0], "recency": [0.0, 30.0, 35.0], "T": [38.0, 38.0, 38.0]}
_BB = {"frequency": [0.0, 2.0, 5.0], "recency": [0.0, 4.0, 6.0], "n_periods": [6, 6, 6]}

#: public methods of the model classes: valid keyword arguments (called on ``_model(class)``;
#: ``from_params`` on the class)
METHOD_EXAMPLES: dict[str, Mapping[str, object] | NotCalled] = {
    "models.BetaGeo.conditional_expected_purchases": {"t": 10.0, **_RFM},
    "models.BetaGeo.expected_purchases": {"t": 10.0},
    "models.BetaGeo.fit": _OPTIMISER,
    "models.BetaGeo.from_params": dict(MODEL_PARAMS["BetaGeo"]),
    "models.BetaGeo.log_likelihood": dict(_RFM),
    "models.BetaGeo.probability_alive": dict(_RFM),
    "models.BetaGeo.probability_of_purchases": {"x": 5, "t": 10.0},
    "models.BetaGeo.summary": _SUMMARY,
    "models.BetaGeoBetaBinom.conditional_expected_purchases": {"n": 5, **_BB},
    "models.BetaGeoBetaBinom.expected_purchases": {"n": 5},
    "models.BetaGeoBetaBinom.fit": _OPTIMISER,
    "models.BetaGeoBetaBinom.from_params": dict(MODEL_PARAMS["BetaGeoBetaBinom"]),
    "models.BetaGeoBetaBinom.probability_alive": {**_BB, "periods_ahead": 1},
    "models.BetaGeoBetaBinom.probability_of_purchases": {"x": [0, 1, 2], "n": 5},
    "models.BetaGeoBetaBinom.summary": _SUMMARY,
    "models.GammaGamma.conditional_expected_spend": {"frequency": [1.0, 3.0],
                                                     "monetary_value": [20.0, 35.0]},
    "models.GammaGamma.customer_lifetime_value": {
        "transaction_model": "BetaGeo", "frequency": [1.0, 3.0], "recency": [20.0, 30.0],
        "T": [38.0, 38.0], "monetary_value": [20.0, 35.0], "horizon": 12,
        "discount_rate": 0.01, "period_length": 1.0, "margin": 0.3},
    "models.GammaGamma.fit": _OPTIMISER,
    "models.GammaGamma.log_likelihood": {"frequency": [1.0, 3.0], "monetary_value": [10.0, 20.0]},
    "models.GammaGamma.from_params": dict(MODEL_PARAMS["GammaGamma"]),
    "models.GammaGamma.summary": _SUMMARY,
    "models.ParetoNBD.conditional_expected_purchases": {"t": 10.0, **_RFM},
    "models.ParetoNBD.expected_purchases": {"t": 10.0},
    "models.ParetoNBD.fit": _OPTIMISER,
    "models.ParetoNBD.from_params": dict(MODEL_PARAMS["ParetoNBD"]),
    "models.ParetoNBD.log_likelihood": dict(_RFM),
    "models.ParetoNBD.probability_alive": dict(_RFM),
    "models.ParetoNBD.probability_of_purchases": {"x": 5, "t": 10.0},
    "models.ParetoNBD.summary": _SUMMARY,
    "models.ShiftedBetaGeometric.churn_probability": {"t": [1.0, 2.0, 3.0]},
    "models.ShiftedBetaGeometric.discounted_expected_lifetime": {"discount_rate": 0.1},
    "models.ShiftedBetaGeometric.discounted_expected_residual_lifetime": {
        "discount_rate": 0.1, "n_renewals": 3},
    "models.ShiftedBetaGeometric.fit": _OPTIMISER,
    "models.ShiftedBetaGeometric.from_params": dict(MODEL_PARAMS["ShiftedBetaGeometric"]),
    "models.ShiftedBetaGeometric.project": {"n_periods": 5, "cohort_size": 1000.0},
    "models.ShiftedBetaGeometric.retention_rate": {"t": [1.0, 2.0, 3.0]},
    "models.ShiftedBetaGeometric.summary": _SUMMARY,
    "models.ShiftedBetaGeometric.survival": {"t": [1.0, 2.0, 3.0]},
}

#: the bad values, by case id
BAD: dict[str, object] = {
    "int_10e400": 10**400,
    "nan": float("nan"),
    "inf": float("inf"),
    "-inf": float("-inf"),
    "1e308": 1e308,
    "-1e308": -1e308,
    "5e-324": 5e-324,
    "negative": -1,
    "zero": 0,
    "empty_list": [],
    "abc": "abc",
    "None": None,
    "True": True,
    "Decimal": Decimal("0.5"),
    "list_for_scalar": [0.5, 0.5],
    "list_of_1e308": [1e308, 1e308],
    "list_of_nan": [float("nan"), 1.0],
    "dict": {"x": 1.0},
}

#: other names an error message may use for a parameter (e.g. an input that made a result
#: non-finite, named together with the rule it broke)
ALSO_NAMED: dict[tuple[str, str], tuple[str, ...]] = {
    # the message names the factor whose level ``value`` is, e.g. "asset_specificity must ..."
    ("strategy.factor_level", "name"): ("factor",),
    ("strategy.factor_level", "value"): ("asset_specificity",),
}

#: tables whose documented empty cells are NaN (pandas' missing value), by result field
MISSING_CELLS: dict[str, tuple[str, ...]] = {
    # ``share`` is NaN when the total is not positive (documented in ComponentsResult)
    "clv.clv_components": ("result.components",),
    # ``gain_pct`` is NaN when the base value is 0 (documented in LeverResult)
    "equity.more_longer_deeper": ("result.table",),
    # retention_rate is NaN in period 0, observed beyond the fitted counts (documented)
    "models.ShiftedBetaGeometric.project": ("result",),
    # ``value_share`` is NaN when there is no value to share (documented in RFMSegments)
    "segmentation.rfm_segments": ("result.summary",),
    # ``usual_gap`` is NaN with a single purchase day, ``probability_alive`` without a model
    # (documented in StageClassification)
    "lifecycle.classify_stage": ("result.table",),
    # ``mean_clv`` is NaN for a stage with no customers (documented in stage_summary)
    "lifecycle.stage_summary": ("result['mean_clv']",),
    # the stage table's ``mean_clv`` (as stage_summary), the stages' ``usual_gap`` (as
    # classify_stage), the plan's ``interaction`` row (as plan_equity_change) and
    # ``retention_measured`` when the log cannot measure it (documented)
    "capstone.analyse_customer_base": ("result.stage_table", "result.stages.table",
                                       "result.plan.effects", "result.measured"),
    # ``referrals`` is NaN without referral data (documented in ladder_position)
    "lifecycle.ladder_position": ("result['referrals']",),
    # the ``interaction`` row has a change only (documented in EquityPlan)
    "strategy.plan_equity_change": ("result.effects",),
}

#: documented non-finite values (an infinite horizon, "never", "undefined"): field -> the
#: docstring's words
DOCUMENTED_NON_FINITE: dict[str, dict[str, str]] = {
    "clv.retention_clv": {"result.periods": "``inf`` for an infinite horizon (CLVResult)"},
    "clv.cac_payback": {
        "result.periods": "``inf`` with ``paid_back=False`` if never",
        "result.lifetime_value": "``inf`` when the margin never ends and is not discounted",
    },
    "equity.customer_equity": {"result.inputs['periods']": "periods=inf is an infinite stream"},
    "strategy.plan_equity_change": {
        "result.inputs['periods']": "periods=inf is an infinite horizon (as in retention_clv)"},
    "capstone.analyse_customer_base": {
        "result.roi.irr": "NaN when no rate makes the NPV 0 (as crm_roi)",
        "result.roi.payback": "``inf`` when the plan never pays back (as crm_roi)",
        "result.roi.discounted_payback": "``inf`` when never paid back (as crm_roi)",
    },
    "strategy.crm_roi": {
        "result.irr": "NaN when no rate makes the NPV 0 (irr_note says why)",
        "result.payback": "``inf`` when the investment is never paid back in the horizon",
        "result.discounted_payback": "``inf`` when never paid back in the horizon",
    },
    "strategy.contact_pattern": {
        "result.waits": "``inf`` if no contact follows a need within the horizon",
        "result.mean_wait": "NaN when no need is met",
    },
}

#: cases that fail in code others are changing, each an xfail(strict=True) so that a fix
#: there makes it pass and this table shrink; empty: every case meets the rule
KNOWN: dict[tuple[str, str, str], str] = {}

#: documented exceptions beyond ALLOWED, by (function, parameter), with the docstring's words;
#: the message must still name the parameter
DOCUMENTED_ERRORS: dict[tuple[str, str], tuple[type[BaseException], ...]] = {
    # "FileNotFoundError: path_or_buffer is a path with no file there" (read_transactions)
    ("transactions.read_transactions", "path_or_buffer"): (FileNotFoundError,),
}


def public_callables() -> dict[str, object]:
    """Every public callable of every core module, as ``"module.name"``."""
    found = {}
    for module in CORE:
        mod = importlib.import_module(f"crmlib.{module}")
        for name in mod.__all__:
            obj = getattr(mod, name)
            if callable(obj):
                found[f"{module}.{name}"] = obj
    return found


def public_methods() -> dict[str, object]:
    """Public methods of the public classes that are neither result objects nor errors."""
    found = {}
    for qualname, obj in public_callables().items():
        if (isinstance(obj, type) and not dataclasses.is_dataclass(obj)
                and not issubclass(obj, BaseException)):
            for name in dir(obj):
                if not name.startswith("_") and callable(getattr(obj, name)):
                    found[f"{qualname}.{name}"] = getattr(obj, name)
    return found


PUBLIC = public_callables()
METHODS = public_methods()


def _call(qualname: str, kwargs: dict[str, object]) -> object:
    """Call a public function, or a model method on a model from published parameters."""
    if qualname in PUBLIC:
        return PUBLIC[qualname](**kwargs)
    module, cls, method = qualname.split(".")
    if method == "from_params":
        return METHODS[qualname](**kwargs)
    if kwargs.get("transaction_model") == "BetaGeo":
        kwargs["transaction_model"] = _model("BetaGeo")
    return getattr(_model(cls), method)(**kwargs)


def _cases() -> list[object]:
    cases = []
    for qualname in sorted(PUBLIC) + sorted(METHODS):
        example = EXAMPLES.get(qualname, METHOD_EXAMPLES.get(qualname))
        if not isinstance(example, Mapping):
            continue
        if not example:
            cases.append(pytest.param(qualname, None, None, id=f"{qualname}()"))
        for param in example:
            for bad_id in BAD:
                marks = ()
                reason = KNOWN.get((qualname, param, bad_id))
                if reason:
                    marks = (pytest.mark.xfail(strict=True, reason=reason),)
                cases.append(pytest.param(qualname, param, bad_id, marks=marks,
                                          id=f"{qualname}-{param}-{bad_id}"))
    return cases


CASES = _cases()


def non_finite(value: object, where: str = "result", depth: int = 0,
               missing_ok: tuple[str, ...] = (), documented: tuple[str, ...] = ()) -> str | None:
    """Where in ``value`` a non-finite number sits (None if every number is finite).

    NaN is allowed in the tables named by ``missing_ok`` (documented empty cells);
    any non-finite value in the fields named by ``documented``.
    """
    if where in documented:
        return None
    if any(where.startswith(prefix) for prefix in missing_ok):
        if isinstance(value, pd.DataFrame):
            value = value.select_dtypes("number").to_numpy()
        if isinstance(value, np.ndarray) and value.dtype.kind in "fc":
            return None if not np.isinf(value).any() else f"{where} holds inf"
    if depth > 6 or isinstance(value, (str, bytes, bool, type(None))):
        return None
    if isinstance(value, (float, np.floating, np.complexfloating)):
        return None if np.isfinite(value) else f"{where} = {value!r}"
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc" and not np.isfinite(value).all():
            return f"{where} holds {value[~np.isfinite(value)][:3]}"
        if value.dtype == object:
            for i, item in enumerate(value.ravel()[:200]):
                found = non_finite(item, f"{where}[{i}]", depth + 1, missing_ok, documented)
                if found:
                    return found
        return None
    if isinstance(value, pd.Series):
        return non_finite(value.to_numpy(), where, depth, missing_ok, documented)
    if isinstance(value, pd.DataFrame):
        for column in value.columns:
            found = non_finite(value[column].to_numpy(), f"{where}[{column!r}]", depth,
                               missing_ok, documented)
            if found:
                return found
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            found = non_finite(getattr(value, f.name), f"{where}.{f.name}", depth + 1,
                               missing_ok, documented)
            if found:
                return found
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            found = non_finite(item, f"{where}[{key!r}]", depth + 1, missing_ok, documented)
            if found:
                return found
        return None
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found = non_finite(item, f"{where}[{i}]", depth + 1, missing_ok, documented)
            if found:
                return found
    return None


# Public names that landed after the sweep was written and still wait for their example
# call (the sweep does not reach them yet). The set may only shrink: a name listed here
# that has an example, or is no longer public, fails the test below.
PENDING: frozenset[str] = frozenset()


def test_pending_names_only_shrink():
    assert not PENDING & set(EXAMPLES), "names with an example must leave PENDING"
    assert PENDING <= set(PUBLIC), "names no longer public must leave PENDING"


def test_every_public_name_has_an_example():
    missing = sorted(set(PUBLIC) - set(EXAMPLES) - PENDING)
    assert not missing, (
        f"public names without an entry in EXAMPLES (add a valid call or a NotCalled reason): "
        f"{missing}"
    )
    stale = sorted(set(EXAMPLES) - set(PUBLIC))
    assert not stale, f"EXAMPLES lists names that are no longer public: {stale}"
    missing = sorted(set(METHODS) - set(METHOD_EXAMPLES))
    assert not missing, f"public methods without an entry in METHOD_EXAMPLES: {missing}"
    stale = sorted(set(METHOD_EXAMPLES) - set(METHODS))
    assert not stale, f"METHOD_EXAMPLES lists methods that are no longer public: {stale}"


def test_every_example_is_a_valid_call_with_a_finite_result():
    for qualname, example in {**EXAMPLES, **METHOD_EXAMPLES}.items():
        if isinstance(example, Mapping):
            result = _call(qualname, copy.deepcopy(dict(example)))
            assert non_finite(result, missing_ok=MISSING_CELLS.get(qualname, ())) is None, qualname


def test_the_sweep_reports_its_size():
    tables = {**EXAMPLES, **METHOD_EXAMPLES}
    called = sum(isinstance(e, Mapping) for e in tables.values())
    not_called = len(tables) - called
    print(f"\nbad-input sweep: {len(CASES)} cases over {called} public functions, classes and "
          f"model methods of {len(CORE)} core modules ({not_called} not called: result and "
          f"exception classes, fitting and summary), "
          f"{len(BAD)} bad values, {len(KNOWN)} known failures marked xfail, "
          f"{len(PENDING)} new names pending)")
    assert len(CASES) >= len(BAD) * called // 2  # the table is not silently empty


@pytest.mark.parametrize(("qualname", "param", "bad_id"), CASES)
def test_bad_input(qualname: str, param: str | None, bad_id: str | None):
    example = {**EXAMPLES, **METHOD_EXAMPLES}[qualname]
    kwargs = copy.deepcopy(dict(example))  # type: ignore[arg-type]
    if param is not None:
        kwargs[param] = copy.deepcopy(BAD[bad_id])
    # the user sees the library's own error or result, never a numpy warning first
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        try:
            result = _call(qualname, kwargs)
        except ALLOWED + DOCUMENTED_ERRORS.get((qualname, str(param)), ()) as exc:
            result, error = None, exc
        else:
            error = None
    shown = [f"{w.filename}:{w.lineno}: {w.message}" for w in caught
             if issubclass(w.category, RuntimeWarning)]
    assert not shown, (f"{qualname}({param}={BAD[bad_id]!r}) printed numpy warnings before "
                       f"its outcome: {shown[:3]}")
    if error is not None:
        names = (param, *ALSO_NAMED.get((qualname, param), ()))
        assert param is None or any(n in str(error) for n in names), (
            f"{qualname}({param}={BAD[bad_id]!r}) raised {type(error).__name__} whose message "
            f"does not name {param!r}: {error}"
        )
        return
    found = non_finite(result, missing_ok=MISSING_CELLS.get(qualname, ()),
                       documented=tuple(DOCUMENTED_NON_FINITE.get(qualname, {})))
    assert found is None, f"{qualname}({param}={BAD[bad_id]!r}) returned {found}"
