"""Answer key of exercise 08 (instructor only): right answers and common mistakes, computed.

Every expected answer is a :mod:`crmlib.strategy` call on the question's
numbers (``p``, one variant's numbers from
:func:`crmlib.exercises.strategy.parameters`); every mistake value is the
same calculation with one step done wrong. The build turns these into the
digest table the students' self-checks use, and ships this file inside the
autograder zip for the hidden tests; it is never part of the student
notebook or of the installed package.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from crmlib.exercises.strategy import EXERCISE, FIRMS, OPTIONS
from crmlib.strategy import crm_roi, plan_equity_change, recommend_strategy

Numbers = Mapping[str, Any]

#: The course's choice factors of each firm of q6 (kept here: they decide the answer).
FACTORS_OF_FIRM = {
    "f1": ("low", "low", "spot", "startup", "low"),
    "f2": ("low", "low", "spot", "startup", "low"),
    "f3": ("high", "high", "long_term", "mature", "low"),
    "f4": ("high", "high", "long_term", "growth", "medium"),
    "f5": ("medium", "low", "repeat", "mature", "high"),
    "f6": ("medium", "low", "repeat", "mature", "high"),
}


def _roi(p: Numbers, *, hidden: bool = True, savings: bool = True, d: float | None = None):
    return crm_roi(p["investment"], p["costs"], p["benefits"],
                   p["discount_rate"] if d is None else d,
                   hidden_costs=p["hidden_costs"] if hidden else 0.0,
                   cost_savings=p["cost_savings"] if savings else 0.0)


def _net_flows(p: Numbers) -> list[float]:
    """Net cash flows of years 1..n (the investment not included)."""
    return [g + s - c - h for g, s, c, h in zip(p["benefits"], p["cost_savings"], p["costs"],
                                                p["hidden_costs"], strict=True)]


def _plan(p: Numbers, **change):
    args = {"extra_customers": p["extra_customers"], "retention_change": p["retention_change"],
            "margin_change": p["margin_change"], "cross_sell_margin": p["cross_sell_margin"]}
    args.update(change)
    return plan_equity_change(p["customers"], p["margin"], p["retention"], p["discount_rate"],
                              **args)


def _platform(p: Numbers, *, growth: float | None = None, convention: str = "end"):
    n = p["loyal_customers"]
    g = p["loyal_growth"] if growth is None else growth
    return plan_equity_change(n, p["margin"], p["retention"], p["discount_rate"],
                              extra_customers=g * n, plan_cost=p["system_cost"],
                              convention=convention)


def _q6(p: Numbers) -> str:
    """The letter of the strategy recommend_strategy gives for the firm's factors."""
    best = recommend_strategy(*FACTORS_OF_FIRM[p["firm"]]).recommended
    hits = [letter for letter, option in p["options"].items() if option == best]
    if len(hits) != 1 or set(p["options"].values()) != set(OPTIONS) or p["firm"] not in FIRMS:
        raise RuntimeError(f"question q6 must have exactly one right option; found {hits}")
    return hits[0]


def answer(question: str, p: Numbers) -> float | str:
    """The right answer to ``question`` with the numbers ``p``."""
    if question == "q1":
        return _roi(p).npv
    if question == "q2a":
        return _roi(p).payback
    if question == "q2b":
        return _roi(p).discounted_payback
    if question == "q3":
        return _roi(p).irr
    if question == "q4":
        return _plan(p).change
    if question == "q5":
        return _platform(p).net_change
    if question == "q6":
        return _q6(p)
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def _whole(value: float) -> list[float]:
    # a payback that is itself almost whole needs no such diagnosis
    return [float(w) for w in (math.ceil(value), math.floor(value)) if abs(w - value) >= 0.03]


def mistakes(question: str, p: Numbers) -> dict[str, list[float]]:
    """Diagnosis key -> the values the mistake gives (keys of
    ``crmlib.exercises.strategy.DIAGNOSES``).

    Percent slips of the rates are added by the build for every question
    (the question's ``rates``); they are not listed here.
    """
    if question == "q1":
        d = p["discount_rate"]
        invest = sum(p["investment"].values())
        flows = _net_flows(p)
        later = sum(f / (1 + d) ** t for t, f in enumerate(flows, start=1))
        return {
            "q1.no_hidden": [_roi(p, hidden=False).npv],
            "q1.no_savings": [_roi(p, savings=False).npv],
            "q1.investment_discounted": [later - invest / (1 + d)],
            "q1.no_investment": [later],
            "q1.no_discount": [_roi(p, d=0.0).npv],
            "q1.start": [-invest + sum(f / (1 + d) ** (t - 1)
                                       for t, f in enumerate(flows, start=1))],
        }
    if question == "q2a":
        right = _roi(p).payback
        return {
            "q2a.discounted": [_roi(p).discounted_payback],
            "q2.no_hidden": [_roi(p, hidden=False).payback],
            "q2.no_savings": [_roi(p, savings=False).payback],
            "q2.whole_years": _whole(right),
        }
    if question == "q2b":
        right = _roi(p).discounted_payback
        return {
            "q2b.simple": [_roi(p).payback],
            "q2.no_hidden": [_roi(p, hidden=False).discounted_payback],
            "q2.no_savings": [_roi(p, savings=False).discounted_payback],
            "q2.whole_years": _whole(right),
        }
    if question == "q3":
        res = _roi(p)
        return {
            "q3.no_hidden": [_roi(p, hidden=False).irr],
            "q3.no_savings": [_roi(p, savings=False).irr],
            "q3.roi": [res.roi],
            "q3.discounted_roi": [res.discounted_roi],
        }
    if question == "q4":
        plan = _plan(p)
        levers = ["more", "longer", "deeper_margin", "deeper_cross_sell"]
        base_clv = plan.effects.loc["base", "clv"]
        new_clv = plan.effects.loc["plan", "clv"]
        new_at_old = (p["customers"] * new_clv + p["extra_customers"] * base_clv
                      - plan.base_equity)
        after_first = plan_equity_change(  # the same plan with the first margin left out
            p["customers"], p["margin"], p["retention"], p["discount_rate"],
            extra_customers=p["extra_customers"], retention_change=p["retention_change"],
            margin_change=p["margin_change"], cross_sell_margin=p["cross_sell_margin"],
            convention="after_first").change
        added = _plan(p, margin_change=0.0,
                      cross_sell_margin=p["cross_sell_margin"] + p["margin_change"]).change
        return {
            "q4.sum_of_levers": [float(plan.effects.loc[levers, "change"].sum())],
            "q4.planned_equity": [plan.planned_equity],
            "q4.new_at_old_clv": [float(new_at_old)],
            "q4.no_cross_sell": [_plan(p, cross_sell_margin=0.0).change],
            "q4.margin_added": [added],
            "q4.after_first": [after_first],
        }
    if question == "q5":
        n, m, r, d = p["loyal_customers"], p["margin"], p["retention"], p["discount_rate"]
        extra, cost = p["loyal_growth"] * n, p["system_cost"]
        rise = (p["satisfaction_after"] - p["satisfaction_before"]) / p["satisfaction_before"]
        plan = _platform(p)
        return {
            "q5.no_cost": [plan.change],
            "q5.satisfaction": [_platform(p, growth=rise).net_change],
            "q5.planned_equity": [plan.planned_equity - cost],
            "q5.one_year": [extra * m - cost],
            "q5.no_retention": [extra * m / d - cost],
            "q5.no_discount": [extra * m / (1 - r) - cost],
        }
    if question == "q6":
        return {}
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def assert_correct(question: str, value: object, student: object) -> None:
    """The hidden test of ``question`` (called from the autograder's tests)."""
    EXERCISE.assert_graded(question, value, student, answer)
