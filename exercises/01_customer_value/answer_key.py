"""Answer key of exercise 01 (instructor only): right answers and common mistakes, computed.

Every expected answer is a :mod:`crmlib.value` call on the question's
numbers (``p``, one variant's numbers from
:func:`crmlib.exercises.customer_value.parameters`); every mistake value is
the same calculation with one step done wrong. The build turns these into
the digest table the students' self-checks use, and ships this file inside
the autograder zip for the hidden tests; it is never part of the student
notebook or of the installed package.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crmlib.exercises.customer_value import COMPONENTS, EXERCISE, OPTIONS
from crmlib.value import (
    compare_offers,
    delivered_value,
    example_kano_survey,
    kano_coefficients,
    kano_quadrant,
    kano_survey,
    relationship_value,
)

Numbers = Mapping[str, Any]

#: The course's strategy (q6's option) for each category of the Better/Worse plane.
STRATEGY_OF_CATEGORY = {"M": "secure", "O": "match", "A": "win", "I": "skip"}


def _offers(p: Numbers) -> dict[str, dict[str, float]]:
    return {name: dict(zip(COMPONENTS, parts, strict=True)) for name, parts in p["offers"].items()}


def _coefficient(counts: Mapping[str, float], which: str) -> float:
    res = kano_coefficients(counts["A"], counts["O"], counts["M"], counts["I"])
    return res.better if which == "better" else res.worse


def _kano_mistakes(counts: Mapping[str, float], which: str) -> dict[str, list[float]]:
    """Better/Worse with one step done wrong (shared by q4 and q5)."""
    a, o, m, i = (float(counts[c]) for c in "AOMI")
    base = a + o + m + i
    everyone = base + float(counts.get("R", 0)) + float(counts.get("Q", 0))
    if which == "better":
        return {
            "kano.with_rq": [(a + o) / everyone],
            "kano.other_coefficient": [(o + m) / base, -(o + m) / base],
            "kano.one_category": [a / base],
        }
    return {
        "kano.worse_sign": [(o + m) / base],
        "kano.with_rq": [-(o + m) / everyone, (o + m) / everyone],
        "kano.other_coefficient": [-(a + o) / base, (a + o) / base],
        "kano.one_category": [-m / base, m / base],
    }


def _survey_counts(respondents) -> Mapping[str, Any]:
    return kano_survey(example_kano_survey().loc[list(respondents)]).table


def _q6(p: Numbers) -> str:
    """The letter of the course's strategy for the quadrant of (Better, Worse)."""
    best = STRATEGY_OF_CATEGORY[kano_quadrant(p["better"], p["worse"])]
    hits = [letter for letter, option in p["options"].items() if option == best]
    if len(hits) != 1 or set(p["options"].values()) != set(OPTIONS):
        raise RuntimeError(f"question q6 must have exactly one right option; found {hits}")
    return hits[0]


def answer(question: str, p: Numbers) -> float | str:
    """The right answer to ``question`` with the numbers ``p``."""
    if question == "q1":
        return delivered_value(**p).value
    if question == "q2":
        return compare_offers(_offers(p)).value
    if question == "q3":
        return relationship_value(p["episode_benefits"], p["relationship_benefits"],
                                  p["episode_sacrifice"], p["relationship_sacrifice"]).value
    if question == "q4":
        return _coefficient(p["counts"], p["coefficient"])
    if question == "q5":
        table = _survey_counts(p["respondents"])
        return float(table.loc[p["attribute"], p["coefficient"]])
    if question == "q6":
        return _q6(p)
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def mistakes(question: str, p: Numbers) -> dict[str, list[float]]:
    """Diagnosis key -> the values the mistake gives (keys of
    ``crmlib.exercises.customer_value.DIAGNOSES``)."""
    if question == "q1":
        res = delivered_value(**p)
        return {
            "q1.price_only": [res.total_value - p["monetary"]],
            "q1.product_only": [p["product"] - res.total_cost],
            "q1.money_only": [p["product"] - p["monetary"]],
            "q1.ratio": [res.ratio],
            "q1.added": [res.total_value + res.total_cost],
        }
    if question == "q2":
        table = compare_offers(_offers(p)).table
        cdv = table["delivered_value"]
        chosen = table.index[table["rank"] == 1][0]
        runner_up = table.index[table["rank"] == 2][0]
        money_only = table["total_value"] - table["monetary"]
        return {
            # the cheapest offer is the one with the best ratio in every variant
            "q2.by_ratio": [float(cdv[table["ratio"].idxmax()]),
                            float(cdv[table["monetary"].idxmin()])],
            "q2.by_total_value": [float(cdv[table["total_value"].idxmax()])],
            "q2.price_only": [float(money_only.max())],
            "q2.ratio": [float(table.loc[chosen, "ratio"]), float(table["ratio"].max())],
            "q2.gap": [float(cdv[chosen] - cdv[runner_up])],
        }
    if question == "q3":
        eb, rb = p["episode_benefits"], p["relationship_benefits"]
        es, rs = p["episode_sacrifice"], p["relationship_sacrifice"]
        res = relationship_value(eb, rb, es, rs)
        return {
            "q3.episode_only": [res.episode_value],
            "q3.no_relationship_sacrifice": [(eb + rb) / es],
            "q3.no_relationship_benefits": [eb / (es + rs)],
            "q3.sum_of_ratios": [eb / es + rb / rs],
            "q3.mean_of_ratios": [(eb / es + rb / rs) / 2],
            "q3.difference": [(eb + rb) - (es + rs)],
            "q3.inverted": [(es + rs) / (eb + rb)],
            "q3.effect": [res.relationship_effect],
        }
    if question == "q4":
        return _kano_mistakes(p["counts"], p["coefficient"])
    if question == "q5":
        table = _survey_counts(p["respondents"])
        whole = kano_survey(example_kano_survey()).table
        return {
            "q5.whole_survey": [float(whole.loc[p["attribute"], p["coefficient"]])],
            **_kano_mistakes(table.loc[p["attribute"]], p["coefficient"]),
        }
    if question == "q6":
        return {}
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def assert_correct(question: str, value: object, student: object) -> None:
    """The hidden test of ``question`` (called from the autograder's tests)."""
    EXERCISE.assert_graded(question, value, student, answer)
