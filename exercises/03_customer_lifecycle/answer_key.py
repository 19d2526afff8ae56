"""Answer key of exercise 03 (instructor only): right answers and common mistakes, computed.

Every expected answer is a :mod:`crmlib.lifecycle` call on the question's
numbers (``p``, one variant's numbers from
:func:`crmlib.exercises.lifecycle.parameters`); every mistake value is the
same calculation with one step done wrong. The build turns these into the
digest table the students' self-checks use, and ships this file inside the
autograder zip for the hidden tests; it is never part of the student
notebook or of the installed package.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from crmlib.datasets import load_cdnow
from crmlib.exercises.lifecycle import EXERCISE, OPTIONS, history_table
from crmlib.lifecycle import STAGES, classify_stage, cohort_table, lifecycle_profile
from crmlib.lifecycle import retention_curve as _retention_curve

Numbers = Mapping[str, Any]


@cache
def _cdnow() -> pd.DataFrame:
    return load_cdnow()


def _profile(p: Numbers, *, d: float | None = None, end: int | None = None):
    return lifecycle_profile(list(p["stage_lengths"]), list(p["revenue_levels"]),
                             list(p["cost_levels"]),
                             discount_rate=p["discount_rate"] if d is None else d,
                             end_period=end)


def _early_end(p: Numbers) -> int:
    """The last period of the stage in which the relationship ends early."""
    stage = STAGES.index(p["early_end_stage"])
    return int(sum(p["stage_lengths"][: stage + 1]))


def _q1(p: Numbers, **kwargs) -> int:
    t = _profile(p, **kwargs).break_even_period
    if t is None:
        raise ValueError("the relationship never breaks even with these numbers")
    return t


@cache
def _cohorts(period: str):
    return cohort_table(_cdnow(), period)


@cache
def _curve(period: str, churn_after: int, observation_end: str | None):
    return _retention_curve(_cdnow(), period, churn_after=churn_after,
                            observation_end=observation_end)


def _q5_curve(p: Numbers, *, end: object = "keep"):
    return _curve(p["period"], int(p["churn_after"]),
                  p["observation_end"] if end == "keep" else end)


def _q6(p: Numbers) -> str:
    """The letter of the stage ``classify_stage`` gives the customer, with the stated rules."""
    table = classify_stage(history_table(p), as_of=p["as_of"], **p["rules"]).table
    stage = table["stage"].iloc[0]
    hits = [letter for letter, option in p["options"].items() if option == stage]
    if len(hits) != 1 or set(p["options"].values()) != set(OPTIONS):
        raise RuntimeError(f"question q6 must have exactly one right option; found {hits}")
    return hits[0]


def answer(question: str, p: Numbers) -> float | str:
    """The right answer to ``question`` with the numbers ``p``."""
    if question == "q1":
        return float(_q1(p))
    if question == "q2":
        return _profile(p).value
    if question == "q3":
        return _profile(p, end=_early_end(p)).lost_value
    if question == "q4":
        return float(_cohorts(p["period"]).retention.loc[p["cohort"], p["age"]])
    if question == "q5":
        return _q5_curve(p).survival_at(p["age"])
    if question == "q6":
        return _q6(p)
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def mistakes(question: str, p: Numbers) -> dict[str, list[float]]:
    """Diagnosis key -> the values the mistake gives (keys of
    ``crmlib.exercises.lifecycle.DIAGNOSES``).

    Percent slips of the rates are added by the build for every question
    (the question's ``rates``); they are not listed here.
    """
    d = p["discount_rate"] if "discount_rate" in p else 0.0
    if question == "q1":
        t = _q1(p)
        return {
            "q1.no_discount": [float(_q1(p, d=0.0))],
            "q1.first_profit": [float(_profile(p).profit_positive_from)],
            "q1.from_zero": [float(t - 1)],
        }
    if question == "q2":
        table = _profile(p).table
        return {
            "q2.no_discount": [_profile(p, d=0.0).value],
            "q2.start": [_profile(p).value * (1 + d)],
            "q2.revenue": [float((table["revenue"] * table["discount_factor"]).sum())],
            "q2.positive_only": [float(table["present_value"].clip(lower=0).sum())],
        }
    if question == "q3":
        end = _early_end(p)
        lost = _profile(p, end=end).lost_value
        total = int(sum(p["stage_lengths"]))
        return {
            "q3.value_kept": [_profile(p, end=end).value],
            "q3.full": [_profile(p).value],
            "q3.no_discount": [_profile(p, d=0.0, end=end).lost_value],
            "q3.boundary": [_profile(p, end=e).lost_value for e in (end - 1, end + 1)
                            if 1 <= e <= total],
            "q3.start": [lost * (1 + d)],
        }
    if question == "q4":
        return _q4_mistakes(p)
    if question == "q5":
        curve = _q5_curve(p)
        t = p["age"]
        naive = curve.table.set_index("time")["naive"]
        return {
            "q5.naive": [float(naive.loc[t])],
            "q5.whole_log": [_q5_curve(p, end=None).survival_at(t)],
            "q5.churned": [1 - curve.survival_at(t)],
            "q5.shifted": [curve.survival_at(t - 1), curve.survival_at(t + 1)],
        }
    if question == "q6":
        return {}
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def _q4_mistakes(p: Numbers) -> dict[str, list[float]]:
    cohorts = _cohorts(p["period"])
    cohort, age = p["cohort"], int(p["age"])
    size = float(cohorts.sizes.loc[cohort])
    active = float(cohorts.customers.loc[cohort, age])
    tx = _cdnow()
    month = tx["date"].dt.to_period("M")
    first = month.groupby(tx["customer_id"]).transform("min")
    mine = tx[first == pd.Period(cohort, "M")]
    mine_age = (month[mine.index] - pd.Period(cohort, "M")).apply(lambda x: x.n)
    calendar = pd.Period("1997-01", "M") + age
    at_or_after = mine.loc[mine_age >= age, "customer_id"].nunique()
    return {
        "q4.all_customers": [active / tx["customer_id"].nunique()],
        "q4.count": [active],
        "q4.age_from_one": [float(cohorts.retention.loc[cohort, age - 1])],
        "q4.calendar": [float(mine.loc[month[mine.index] == calendar, "customer_id"].nunique())
                        / size],
        "q4.at_or_after": [at_or_after / size],
        "q4.transactions": [float(np.sum(mine_age == age)) / size],
    }


def assert_correct(question: str, value: object, student: object) -> None:
    """The hidden test of ``question`` (called from the autograder's tests)."""
    EXERCISE.assert_graded(question, value, student, answer)
