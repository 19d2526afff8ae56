"""Answer key of exercise 06 (instructor only): right answers and common mistakes, computed.

Every expected answer is a :mod:`crmlib.equity` (or :mod:`crmlib.models`)
call on the question's numbers (``p``, one variant's numbers from
:func:`crmlib.exercises.equity.parameters`); every mistake value is the
same calculation with one step done wrong. The build turns these into the
digest table the students' self-checks use, and ships this file inside the
autograder zip for the hidden tests; it is never part of the student
notebook or of the installed package.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from crmlib.datasets import load_cdnow
from crmlib.equity import customer_equity, equity_sensitivity, markov_clv, recency_chain
from crmlib.equity import select_customers as _select
from crmlib.exercises.equity import EXERCISE, OPTIONS
from crmlib.models import BetaGeo, GammaGamma
from crmlib.transactions import rfm_summary

Numbers = Mapping[str, Any]

#: The lever each option of q5 names (kept here: it would tell the answer).
LEVER_OF_OPTION = {"o1": "retention", "o2": "margin", "o3": "acquisition_cost",
                   "o4": "discount_rate"}


def _q1(p: Numbers, *, d: float | None = None, cost: float | None = None,
        periods: int | None | str = "given", sizes=None) -> float:
    rate = p["discount_rate"] if d is None else d
    return customer_equity(
        list(p["segment_clv"]), counts=list(p["segment_sizes"] if sizes is None else sizes),
        new_customers=p["new_customers"], new_customer_clv=p["new_customer_clv"],
        acquisition_cost=p["acquisition_cost"] if cost is None else cost,
        discount_rate=rate, periods=p["periods"] if periods == "given" else periods).value


def _chain_values(p: Numbers, *, d: float | None = None, cost: float | None = None):
    chain = recency_chain(p["purchase_probabilities"], contribution=p["contribution"],
                          cost=p["cost"] if cost is None else cost)
    return markov_clv(chain.transition_matrix, chain.rewards,
                      p["discount_rate"] if d is None else d).values


def _selection(p: Numbers):
    return _select(list(p["clv"]), list(p["hours"]), p["total_hours"], method="exact")


@cache
def _cdnow_models(observation_end: str):
    base = rfm_summary(load_cdnow("sample"), freq="W", observation_end=observation_end)
    bgnbd = BetaGeo().fit(base["frequency"], base["recency"], base["T"])
    repeat = base[base["frequency"] > 0]
    spend = GammaGamma().fit(repeat["frequency"], repeat["monetary_value"])
    return base, bgnbd, spend


@cache
def _cdnow_clv(observation_end: str, years: int, d: float, weeks: float, margin: float):
    base, bgnbd, spend = _cdnow_models(observation_end)
    return spend.customer_lifetime_value(
        bgnbd, base["frequency"], base["recency"], base["T"], base["monetary_value"],
        horizon=years, discount_rate=d, period_length=weeks, margin=margin)


def _q4_clv(p: Numbers, *, margin: float | None = None, d: float | None = None,
            years: int | None = None):
    return _cdnow_clv(p["observation_end"], p["horizon_years"] if years is None else years,
                      p["discount_rate"] if d is None else d, p["weeks_per_year"],
                      p["margin_rate"] if margin is None else margin)


def _q4(p: Numbers, **kwargs) -> float:
    return customer_equity(_q4_clv(p, **kwargs)).value / 1000


def _q5(p: Numbers) -> str:
    """The letter of the lever whose 1% improvement raises firm value the most."""
    res = equity_sensitivity(p["margin"], p["retention"], p["discount_rate"],
                             current_customers=p["current_customers"],
                             new_customers=p["new_customers"],
                             acquisition_cost=p["acquisition_cost"])
    best = res.table["change_pct"].idxmax()
    hits = [letter for letter, option in p["options"].items() if LEVER_OF_OPTION[option] == best]
    if len(hits) != 1 or set(p["options"].values()) != set(OPTIONS):
        raise RuntimeError(f"question q5 must have exactly one right option; found {hits}")
    return hits[0]


def answer(question: str, p: Numbers) -> float | str:
    """The right answer to ``question`` with the numbers ``p``."""
    if question == "q1":
        return _q1(p)
    if question == "q2":
        return float(_chain_values(p).iloc[0])
    if question == "q3a":
        return _selection(p).exact_value
    if question == "q3b":
        return _selection(p).gap
    if question == "q4":
        return _q4(p)
    if question == "q5":
        return _q5(p)
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def mistakes(question: str, p: Numbers) -> dict[str, list[float]]:
    """Diagnosis key -> the values the mistake gives (keys of
    ``crmlib.exercises.equity.DIAGNOSES``).

    Percent slips of the rates are added by the build for every question
    (the question's ``rates``); they are not listed here.
    """
    if question == "q1":
        sizes = [n if v >= 0 else 0.0 for n, v in zip(p["segment_sizes"], p["segment_clv"],
                                                       strict=True)]
        current = customer_equity(list(p["segment_clv"]), counts=list(p["segment_sizes"])).value
        return {
            "q1.dropped_negative": [_q1(p, sizes=sizes)],
            "q1.no_cac": [_q1(p, cost=0.0)],
            "q1.no_discount": [_q1(p, d=0.0)],
            "q1.start": [current + (_q1(p) - current) * (1 + p["discount_rate"])],
            "q1.endless": [_q1(p, periods=None)],
            "q1.current_only": [current],
        }
    if question == "q2":
        values = _chain_values(p)
        return {
            "q2.no_discount": [float(_chain_values(p, d=0.0).iloc[0])],
            "q2.no_cost": [float(_chain_values(p, cost=0.0).iloc[0])],
            "q2.end": [float(values.iloc[0]) / (1 + p["discount_rate"])],
            "q2.wrong_state": [float(v) for v in values.iloc[1:-1]],
            "q2.one_period": [p["contribution"] - p["cost"]],
        }
    if question == "q3a":
        sel = _selection(p)
        positive = [v for v in p["clv"] if v > 0]
        return {"q3a.greedy": [sel.greedy_value], "q3a.no_budget": [sum(positive)],
                "q3a.negative_included": [sum(p["clv"])]}
    if question == "q3b":
        sel = _selection(p)
        return {"q3b.exact_only": [sel.exact_value], "q3b.greedy_only": [sel.greedy_value],
                "q3b.relative": [sel.gap / sel.exact_value],
                "q3b.percent": [100 * sel.gap / sel.exact_value,
                                100 * sel.gap / sel.greedy_value]}
    if question == "q4":
        clv = _q4_clv(p)
        base = _cdnow_models(p["observation_end"])[0]
        history = (base["monetary_value"] * base["frequency"]).sum()
        return {
            "q4.revenue": [_q4(p, margin=1.0)],
            "q4.no_discount": [_q4(p, d=0.0)],
            "q4.dollars": [float(clv.sum())],
            "q4.mean": [float(clv.mean()), float(clv.mean()) / 1000],
            "q4.history": [float(history) / 1000,
                           float(load_cdnow("sample")["amount"].sum()) / 1000],
            "q4.one_year": [_q4(p, years=1)],
        }
    if question == "q5":
        return {}
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def assert_correct(question: str, value: object, student: object) -> None:
    """The hidden test of ``question`` (called from the autograder's tests)."""
    EXERCISE.assert_graded(question, value, student, answer)
