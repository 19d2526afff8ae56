"""Self-checks for exercise 02, core customers and segmentation 核心客户识别.

In the exercise notebook each answer is a variable named after its question
(``q1a``, ``q1b``, ``q2``, ..., ``q5``), and the numbers of each question
depend on the student number typed in the first cell (``STUDENT_ID``)::

    from crmlib.exercises.segmentation import check, numbers
    n = numbers("q2", STUDENT_ID)       # this student's numbers for question 2
    check("q2", q2, student=STUDENT_ID)

The verdict says whether the answer is right and, if not, which common
mistake it looks like, without giving the answer away. ``lang="zh"`` gives
the messages in Chinese. Nothing here can compute an answer: the checks
compare digests of rounded values (see :mod:`crmlib.exercises._core`).
"""

from __future__ import annotations

import pandas as pd

from crmlib.exercises._core import topic_checks
from crmlib.exercises._segmentation import (
    ACTIVITIES,
    DIAGNOSES,
    EXERCISE,
    OPTION_TEXTS,
    OPTIONS,
    RESOURCES,
    abc_tables,
    matrix_table,
    parameters,
    rfm_table,
)

__all__ = [
    "ACTIVITIES",
    "DIAGNOSES",
    "EXERCISE",
    "OPTIONS",
    "QUESTIONS",
    "RESOURCES",
    "abc_tables",
    "check",
    "check_all",
    "matrix_table",
    "numbers",
    "options",
    "parameters",
    "rfm_table",
    "variant_of",
]

#: Question ids of the exercise, in order.
QUESTIONS: tuple[str, ...] = EXERCISE.question_ids

# The four functions every topic offers, bound to its EXERCISE; only their topic parts are here.
variant_of, numbers, check, check_all = topic_checks(
    EXERCISE,
    __name__,
    subject="core-customers",
    numbers_example="""
    >>> numbers("q3")
    {'sample': 'master', 'observation_end': '1997-12-31', 'top_share': 0.2}
    """,
    notes=r"""
    Question 1 asks for activity-based costing 作业成本法: with resource
    costs :math:`R_r`, resource drivers :math:`u_{ra}`, driver volumes
    :math:`V_a` and a customer's usage :math:`q_{a}`,

    .. math::

        \text{rate}_a = \frac{1}{V_a}\sum_r R_r \, \frac{u_{ra}}{\sum_{a'} u_{ra'}},
        \qquad \pi = GP - \sum_a q_{a}\, \text{rate}_a .

    Numbers are compared at two decimals (four for the share of ``q3``): an
    answer within one unit of the last asked decimal passes. The check
    compares digests of rounded values, so it can tell a right answer and
    name a mistake, but never show the answer.
    """,
    references="""
    Cooper, R. and Kaplan, R. S. (1988), "Measure costs right: make the right
    decisions", *Harvard Business Review* 66(5), 96-103 (q1).

    Course material (客户价值细分: current value × growth potential; RFM).
    """,
    examples="""
    >>> check("q1a", ...).status
    'not_answered'
    >>> check("q2", "42").status
    'wrong_type'
    >>> print(check("q1b", 12_000 - 9_000).message)
    Not yet 还不对. That is the gross profit alone; subtract the cost to serve (Σ usage × rate).
    """,
    check_all_answers='{"q1a": ..., "q5": "b"}',
)


def options(student: object = "", *, lang: str = "en") -> pd.Series:
    """The options of question 5 in this student's variant (their order differs by variant).

    Examples
    --------
    >>> options().index.tolist()
    ['A', 'B', 'C', 'D']
    """
    return EXERCISE.option_texts("q5", OPTION_TEXTS, student, lang)
