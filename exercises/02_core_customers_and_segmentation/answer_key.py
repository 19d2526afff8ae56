"""Answer key of exercise 02 (instructor only): right answers and common mistakes, computed.

Every expected answer is a :mod:`crmlib.value` or :mod:`crmlib.segmentation`
call on the question's numbers (``p``, one variant's numbers from
:func:`crmlib.exercises.segmentation.parameters`); every mistake value is the
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
from crmlib.exercises.segmentation import (
    ACTIVITIES,
    EXERCISE,
    OPTIONS,
    abc_tables,
    matrix_table,
    rfm_table,
)
from crmlib.segmentation import pareto_abc, rfm_scores
from crmlib.value import abc_cost_to_serve, activity_rates, gross_profit, growth_potential
from crmlib.value import value_matrix as _value_matrix

Numbers = Mapping[str, Any]


# --------------------------------------------------------------------------- q1 ABC costing

def _rates(p: Numbers, *, whole: bool = False) -> pd.Series:
    """Activity rates; ``whole``: every resource charged in full to each activity using it."""
    resources, activities = abc_tables(dict(p))
    drivers = resources[list(ACTIVITIES)]
    volumes = activities["driver_volume"]
    if whole:
        used = (drivers > 0).astype(float)
        return used.mul(resources["cost"], axis=0).sum() / volumes
    return activity_rates(resources["cost"], drivers, volumes).rates


def _cost_to_serve(p: Numbers, **kwargs) -> float:
    _, activities = abc_tables(dict(p))
    usage = activities[["customer_usage"]].T
    return float(abc_cost_to_serve(usage, _rates(p, **kwargs)).cost_to_serve.iloc[0])


def _gross_profit(p: Numbers) -> float:
    return gross_profit([p["sales"]], [p["cogs"]]).value


def _q1a_pool_parts(p: Numbers) -> pd.Series:
    """The resource cost each resource gives the asked activity."""
    resources, _ = abc_tables(dict(p))
    drivers = resources[list(ACTIVITIES)]
    share = drivers.div(drivers.sum(axis=1), axis=0)[p["activity"]]
    return share * resources["cost"]


def _volume(p: Numbers) -> float:
    return float(p["driver_volumes"][ACTIVITIES.index(p["activity"])])


# --------------------------------------------------------------------------- q2 potential

def _q2(p: Numbers, *, lines_held: float | None = None, margin: float | None = None) -> float:
    res = growth_potential(
        [p["spend"]], [p["wallet"]], [p["lines_held"] if lines_held is None else lines_held],
        p["lines_offered"], capture=p["capture"], cross_sell_rate=p["cross_sell_rate"],
        value_per_line=p["value_per_line"], margin=p["margin"] if margin is None else margin)
    return float(res.value.iloc[0])


# --------------------------------------------------------------------------- q3 CDNOW Pareto

@cache
def _cdnow(kind: str) -> pd.DataFrame:
    return load_cdnow(kind)


def _log(p: Numbers, *, kind: str | None = None, end: object = "keep") -> pd.DataFrame:
    log = _cdnow(p["sample"] if kind is None else kind)
    end = p["observation_end"] if end == "keep" else end
    return log if end is None else log[log["date"] <= pd.Timestamp(end)]


@cache
def _q3(sample: str, observation_end: str | None, top_share: float, *,
        kind: str | None = None, by_record: bool = False, bottom: bool = False) -> float:
    p = {"sample": sample, "observation_end": observation_end}
    log = _log(p, kind=kind, end=observation_end)
    values = log["amount"] if by_record else log.groupby("customer_id")["amount"].sum()
    result = pareto_abc(values.to_numpy())
    if bottom:
        return 1.0 - result.top_share(1.0 - top_share)
    return result.top_share(top_share)


# --------------------------------------------------------------------------- q4 RFM

def _top_r_spend(p: Numbers, *, convention: str = "right") -> float:
    """Spend of the customers with the top R score; ``convention`` names a wrong recency."""
    frame = table = rfm_table(dict(p))
    if convention == "right":
        scores = rfm_scores(frame, bins=p["bins"], monetary="spend")
    else:
        column = {"reversed": -(table["T"] - table["recency"]),
                  "summary_recency": -table["recency"], "since_first": table["T"]}[convention]
        scores = rfm_scores(frame.assign(elapsed=column - column.min()), bins=p["bins"],
                            recency="elapsed", monetary="spend", recency_convention="elapsed")
    return float(table["spend"][scores["R"] == p["bins"]].sum())


# --------------------------------------------------------------------------- q5 value matrix

def _quadrant(p: Numbers) -> str:
    table = matrix_table(dict(p))
    base = pd.DataFrame({"current_value": table["gross_profit"] - table["cost_to_serve"],
                         "growth_potential": table["growth_potential"]})
    return str(_value_matrix(base, split="median").table.loc[p["customer"], "quadrant"])


def _q5(p: Numbers) -> str:
    right = _quadrant(p)
    hits = [letter for letter, option in p["options"].items() if option == right]
    if len(hits) != 1 or set(p["options"].values()) != set(OPTIONS):
        raise RuntimeError(f"question q5 must have exactly one right option; found {hits}")
    return hits[0]


def answer(question: str, p: Numbers) -> float | str:
    """The right answer to ``question`` with the numbers ``p``."""
    if question == "q1a":
        return float(_rates(p)[p["activity"]])
    if question == "q1b":
        return _gross_profit(p) - _cost_to_serve(p)
    if question == "q2":
        return _q2(p)
    if question == "q3":
        return _q3(p["sample"], p["observation_end"], p["top_share"])
    if question == "q4":
        return _top_r_spend(p)
    if question == "q5":
        return _q5(p)
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def mistakes(question: str, p: Numbers) -> dict[str, list[float]]:
    """Diagnosis key -> the values the mistake gives (keys of
    ``crmlib.exercises.segmentation.DIAGNOSES``).

    The questions declare no ``rates`` (the kit refuses a rate entered in
    percent): q2's percent slips are listed here, and an answer off by a
    factor of 100 is diagnosed by the check itself.
    """
    if question == "q1a":
        parts = _q1a_pool_parts(p)
        pool = float(parts.sum())
        return {
            "q1a.pool": [pool],
            "q1a.whole_resource": [float(_rates(p, whole=True)[p["activity"]])],
            "q1a.one_resource": [float(v) / _volume(p) for v in parts if 0 < v < pool],
            "q1a.per_customer": [pool / p["customers"]],
        }
    if question == "q1b":
        cts = _cost_to_serve(p)
        return {
            "q1b.per_customer": [_gross_profit(p) - sum(p["resource_costs"]) / p["customers"]],
            "q1b.cost_to_serve": [cts, -cts],
            "q1b.gross_profit": [_gross_profit(p)],
            "q1b.no_cogs": [p["sales"] - cts],
            "q1b.whole_resource": [_gross_profit(p) - _cost_to_serve(p, whole=True)],
        }
    if question == "q2":
        m, c = p["margin"], p["capture"]
        headroom = p["wallet"] - p["spend"]
        cross = m * p["cross_sell_rate"] * (p["lines_offered"] - p["lines_held"]) \
            * p["value_per_line"]
        return {
            "q2.wallet": [m * c * p["wallet"] + cross],
            "q2.spend": [m * c * p["spend"] + cross],
            "q2.lines_held": [_q2(p, lines_held=p["lines_offered"] - p["lines_held"])],
            "q2.revenue": [_q2(p, margin=1.0)],
            "q2.one_source": [m * c * headroom, cross],
            # growth_potential refuses a rate above 1, so the percent slips are worked here
            "q2.percent": [m * 100 * c * headroom + cross, m * c * headroom + 100 * cross],
        }
    if question == "q3":
        key = (p["sample"], p["observation_end"], p["top_share"])
        return {
            "q3.whole_log": [_q3(p["sample"], None, p["top_share"])],
            "q3.records": [_q3(*key, by_record=True)],
            "q3.sample": [_q3(*key, kind="sample")],
            "q3.bottom": [_q3(*key, bottom=True)],
        }
    if question == "q4":
        return {
            "q4.reversed": [_top_r_spend(p, convention="reversed")],
            "q4.summary_recency": [_top_r_spend(p, convention="summary_recency")],
            "q4.since_first": [_top_r_spend(p, convention="since_first")],
            "q4.all": [float(np.sum(p["spend"]))],
        }
    if question == "q5":
        return {}
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def assert_correct(question: str, value: object, student: object) -> None:
    """The hidden test of ``question`` (called from the autograder's tests)."""
    EXERCISE.assert_graded(question, value, student, answer)
