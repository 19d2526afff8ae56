"""Answer key of exercise 07 (instructor only): right answers and common mistakes, computed.

Every expected answer is a :mod:`crmlib.loyalty` call on the question's
numbers (``p``, one variant's numbers from
:func:`crmlib.exercises.loyalty.parameters`); every mistake value is the same
calculation with one step done wrong. The build turns these into the digest
table the students' self-checks use, and ships this file inside the
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
from crmlib.exercises.loyalty import EXERCISE, OPTIONS
from crmlib.loyalty import (
    RANDOM_INDEX,
    ahp,
    loyalty_index,
    loyalty_indicators,
    normalise_by_max,
    objective_loyalty,
    pairwise_matrix,
)

Numbers = Mapping[str, Any]

@cache
def _cdnow() -> pd.DataFrame:
    return load_cdnow("sample")


def _matrix(p: Numbers) -> pd.DataFrame:
    return pairwise_matrix(list(p["judgements"]), list(p["items"]))


def _q1_shares(p: Numbers) -> np.ndarray:
    return np.asarray(p["given"], dtype=float) / np.asarray(p["total"], dtype=float)


def _q1(p: Numbers) -> float:
    points = np.asarray(p["importance"], dtype=float)
    return objective_loyalty(p["given"], p["total"], points / points.sum())


def _q2_weights(matrix: np.ndarray) -> np.ndarray:
    return ahp(matrix).weights.to_numpy()


def _q4_parts(p: Numbers) -> tuple[pd.DataFrame, pd.Series]:
    values = pd.DataFrame.from_dict(dict(p["factor_values"]), orient="index",
                                    columns=list(p["factors"]))
    return values, pd.Series(p["factor_weights"], index=list(p["factors"]))


def _q4(p: Numbers) -> float:
    values, weights = _q4_parts(p)
    subjective = float((weights * normalise_by_max(values).loc[p["customer"]]).sum())
    return loyalty_index(p["objective"], subjective, p["objective_weight"])


def _q4_blend(p: Numbers, x: pd.Series, *, swapped: bool = False) -> float:
    """beta I + (1 - beta) S with S from the factor values ``x`` as a student normalised them."""
    _, weights = _q4_parts(p)
    b = 1 - p["objective_weight"] if swapped else p["objective_weight"]
    return b * p["objective"] + (1 - b) * float((weights * x).sum())


def _q5_indicators(p: Numbers, *, end: object = "keep", freq: str | None = None):
    return loyalty_indicators(_cdnow(), freq=freq or p["freq"],
                              observation_end=p["observation_end"] if end == "keep" else end,
                              churn_after=p["churn_after"])


def _q5(p: Numbers, **kwargs) -> float:
    return _q5_indicators(p, **kwargs).churn_rate


def _q6(p: Numbers) -> str:
    """The letter of the judgement ``ahp`` names as the one to revise first."""
    res = ahp(_matrix(p))
    if res.consistent or set(p["options"].values()) != set(OPTIONS):
        raise RuntimeError("question q6 needs an inconsistent 4 x 4 matrix and six options")
    items = list(p["items"])
    i, j = sorted(items.index(x) for x in res.worst_judgement)
    option = f"o{i + 1}{j + 1}"
    return next(letter for letter, o in p["options"].items() if o == option)


def answer(question: str, p: Numbers) -> float | str:
    """The right answer to ``question`` with the numbers ``p``."""
    if question == "q1":
        return _q1(p)
    if question == "q2":
        res = ahp(_matrix(p))
        return float(res.weights[p["target"]])
    if question == "q3":
        return ahp(_matrix(p), random_index=p["random_index"]).cr
    if question == "q4":
        return _q4(p)
    if question == "q5":
        return _q5(p)
    if question == "q6":
        return _q6(p)
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def mistakes(question: str, p: Numbers) -> dict[str, list[float]]:
    """Diagnosis key -> the values the mistake gives (keys of
    ``crmlib.exercises.loyalty.DIAGNOSES``)."""
    if question == "q1":
        shares, points = _q1_shares(p), np.asarray(p["importance"], dtype=float)
        weights = points / points.sum()
        return {
            "q1.not_normalised": [float(points @ shares)],
            "q1.swapped": [float(weights @ (1 / shares))],
            "q1.unweighted": [float(shares.mean())],
            "q1.pooled": [float(np.sum(p["given"]) / np.sum(p["total"]))],
        }
    if question == "q2":
        a = _matrix(p).to_numpy()
        k = list(p["items"]).index(p["target"])
        w = _q2_weights(a)
        geo = np.prod(a, axis=1) ** (1 / len(a))
        column_normalised = (a / a.sum(axis=0)).mean(axis=1)
        rows = a.sum(axis=1)
        return {
            "q2.not_normalised": [float(geo[k]), float(w[k] / w.max())],
            "q2.transposed": [float(_q2_weights(a.T)[k])],
            "q2.sum_method": [float(column_normalised[k])],
            "q2.row_sums": [float(rows[k] / rows.sum())],
        }
    if question == "q3":
        res = ahp(_matrix(p), random_index=p["random_index"])
        n = res.n
        others = [RANDOM_INDEX[t][n - 1] for t in RANDOM_INDEX if t != p["random_index"]]
        return {
            "q3.wrong_table": [res.ci / ri for ri in others],
            "q3.ci_only": [res.ci],
            "q3.divided_by_n": [(res.lambda_max - n) / n / res.ri],
            "q3.wrong_order": [res.ci / RANDOM_INDEX[p["random_index"]][n]],
        }
    if question == "q4":
        values, weights = _q4_parts(p)
        row = values.loc[p["customer"]]
        normalised = normalise_by_max(values).loc[p["customer"]]
        return {
            "q4.raw_scores": [_q4_blend(p, row)],
            "q4.by_scale": [_q4_blend(p, row / 100)],
            "q4.by_sum": [_q4_blend(p, row / values.sum())],
            "q4.own_max": [_q4_blend(p, row / row.max())],
            "q4.swapped_weight": [_q4_blend(p, normalised, swapped=True)],
            "q4.subjective_only": [float((weights * normalised).sum())],
        }
    if question == "q5":
        res = _q5_indicators(p)
        duration = res.table["relationship_duration"]
        return {
            "q5.whole_log": [_q5(p, end=None)],
            "q5.active_share": [1 - res.churn_rate],
            "q5.since_first": [float((duration > p["churn_after"]).mean())],
            "q5.days": [_q5(p, freq="D")],
        }
    if question == "q6":
        return {}
    raise ValueError(f"question must be one of {EXERCISE.question_ids}; got {question!r}")


def assert_correct(question: str, value: object, student: object) -> None:
    """The hidden test of ``question`` (called from the autograder's tests)."""
    EXERCISE.assert_graded(question, value, student, answer)
