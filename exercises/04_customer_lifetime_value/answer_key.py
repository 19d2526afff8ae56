"""Answer key of exercise 04 (instructor only): right answers and common mistakes, computed.

Every expected answer is a :mod:`crmlib.clv` call on the question's numbers
(``p``, one variant's numbers from :func:`crmlib.exercises.clv.parameters`);
every mistake value is the same calculation with one step done wrong. The
build turns these into the digest table the students' self-checks use, and
ships this file inside the autograder zip for the hidden tests; it is never
part of the student notebook or of the installed package.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from crmlib.clv import (
    cac_payback,
    clv_to_cac,
    discounted_clv,
    margin_multiple,
    retention_clv,
    simple_clv,
    simple_clv_inputs,
)
from crmlib.exercises.clv import EXERCISE, OPTIONS, shop_transactions

Numbers = Mapping[str, Any]

#: The timing convention each option of q6 describes (kept here: it would tell the answer).
TIMING_OF_OPTION = {"o1": "end", "o2": "start", "o3": "after_first", "o4": "mid"}


def _q1(p: Numbers, *, d: float | None = None, benefits: bool = True,
        timing: str = "end") -> float:
    rate = p["discount_rate"] if d is None else d
    return discounted_clv(p["profits"], rate, benefits=p["benefits"] if benefits else None,
                          timing=timing).value


def _q2_inputs(p: Numbers, single_purchase: str = "zero"):
    return simple_clv_inputs(shop_transactions(p["amount_scale"]),
                             days_per_period=p["days_per_year"], single_purchase=single_purchase)


def _q3(p: Numbers, *, margin: float | None = None, d: float | None = None,
        convention: str = "end") -> float:
    m = p["revenue"] * p["margin_rate"] if margin is None else margin
    rate = p["discount_rate"] if d is None else d
    return retention_clv(m, p["retention"], rate, convention=convention).value


def _q4b(p: Numbers, multiple=margin_multiple, d: float | None = None) -> float:
    rate = p["discount_rate"] if d is None else d
    return p["margin"] * (multiple(p["retention_after"], rate)
                          - multiple(p["retention_before"], rate))


def _q5_clv(p: Numbers, *, d: float | None = None, convention: str = "end") -> float:
    rate = p["discount_rate"] if d is None else d
    return retention_clv(p["margin"], p["retention"], rate, convention=convention).value


def _q5b(p: Numbers, *, r: float | None = None, d: float | None = None) -> float:
    return cac_payback(p["acquisition_cost"], p["margin"],
                       p["retention"] if r is None else r,
                       p["discount_rate"] if d is None else d).periods


def _q6(p: Numbers) -> str:
    """The letter whose timing reproduces m r / (1 + d - r), found with retention_clv."""
    m, r, d = 100.0, 0.7, 0.1
    target = m * r / (1 + d - r)
    hits = [letter for letter, option in p["options"].items()
            if math.isclose(retention_clv(m, r, d, convention=TIMING_OF_OPTION[option]).value,
                            target)]
    if len(hits) != 1 or set(p["options"].values()) != set(OPTIONS):
        raise RuntimeError(f"question q6 must have exactly one right option; found {hits}")
    return hits[0]


def answer(question: str, p: Numbers) -> float | str:
    """The right answer to ``question`` with the numbers ``p``."""
    if question == "q1":
        return _q1(p)
    if question == "q2":
        return _q2_inputs(p).clv(acquisition_cost=p["acquisition_cost"]).value
    if question == "q3":
        return _q3(p)
    if question == "q4a":
        return margin_multiple(p["retention_after"], p["discount_rate"])
    if question == "q4b":
        return _q4b(p)
    if question == "q5a":
        return clv_to_cac(_q5_clv(p), p["acquisition_cost"]).ratio
    if question == "q5b":
        return _q5b(p)
    if question == "q6":
        return _q6(p)
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def mistakes(question: str, p: Numbers) -> dict[str, list[float]]:
    """Diagnosis key -> the values the mistake gives (keys of ``crmlib.exercises.clv.DIAGNOSES``).

    Percent slips of the rates are added by the build for every question
    (the question's ``rates``); they are not listed here.
    """
    if question == "q1":
        return {"q1.no_discount": [_q1(p, d=0.0)], "q1.no_benefits": [_q1(p, benefits=False)],
                "q1.start": [_q1(p, timing="start")]}
    if question == "q2":
        cac = p["acquisition_cost"]
        x = _q2_inputs(p)
        v, f, life = x.avg_purchase_value, x.purchase_frequency, x.lifespan
        return {
            "q2.no_cac": [simple_clv(v, f, life).value],
            "q2.repeat_only": [_q2_inputs(p, "exclude").clv(acquisition_cost=cac).value],
            "q2.whole_period": [simple_clv(v, f * x.period_length, life, cac).value],
            "q2.per_customer": [simple_clv(x.revenue / x.n_customers, f, life, cac).value],
            "q2.days": [simple_clv(v, f, life * p["days_per_year"], cac).value],
        }
    if question == "q3":
        m, r, d = p["revenue"] * p["margin_rate"], p["retention"], p["discount_rate"]
        return {
            "q3.start": [_q3(p, convention="start")],
            "q3.after_first": [_q3(p, convention="after_first")],
            "q3.mid": [_q3(p, convention="mid")],
            "q3.revenue": [_q3(p, margin=p["revenue"])],
            "q3.no_discount": [_q3(p, d=0.0)],
            "q3.flat_retention": [m * r / d],
            "q3.no_retention": [m / d],
        }
    if question == "q4a":
        r, d = p["retention_after"], p["discount_rate"]
        return {"q4a.one_over": [1 / (1 + d - r)], "q4a.one_plus_d": [(1 + d) / (1 + d - r)],
                "q4.no_discount": [margin_multiple(r, 0.0)], "q4a.sign": [r / (1 + d + r)]}
    if question == "q4b":
        m, d = p["margin"], p["discount_rate"]
        before = m * margin_multiple(p["retention_before"], d)
        after = m * margin_multiple(p["retention_after"], d)
        relative = (after - before) / before
        return {
            "q4b.after_only": [after], "q4b.relative": [relative],
            "q4b.percent_change": [100 * relative],
            "q4b.multiple_change": [after / m - before / m],
            "q4b.one_over": [_q4b(p, multiple=lambda r, rate: 1 / (1 + rate - r))],
            "q4.no_discount": [_q4b(p, d=0.0)],
        }
    if question == "q5a":
        cac, clv = p["acquisition_cost"], _q5_clv(p)
        return {
            "q5a.net_of_cac": [(clv - cac) / cac], "q5a.upside_down": [cac / clv],
            "q5a.no_discount": [clv_to_cac(_q5_clv(p, d=0.0), cac).ratio],
            "q5a.no_first_month": [clv_to_cac(_q5_clv(p, convention="after_first"), cac).ratio],
            "q5a.clv_itself": [clv],
        }
    if question == "q5b":
        right = _q5b(p)
        return {
            "q5b.cac_over_margin": [p["acquisition_cost"] / p["margin"]],
            "q5b.no_discount": [_q5b(p, d=0.0)],
            "q5b.no_retention": [_q5b(p, r=1.0)],
            # a payback that is itself almost whole needs no such diagnosis
            "q5b.whole_months": [float(w) for w in (math.ceil(right), math.floor(right))
                                 if abs(w - right) >= 0.03],
        }
    if question == "q6":
        return {}
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def assert_correct(question: str, value: object, student: object) -> None:
    """The hidden test of ``question`` (called from the autograder's tests)."""
    EXERCISE.assert_graded(question, value, student, answer)
