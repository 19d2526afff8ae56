"""Self-checks for exercise 03, the customer lifecycle 客户生命周期.

In the exercise notebook each answer is a variable named after its question
(``q1``, ``q2``, ..., ``q6``), and the numbers of each question depend on
the student number typed in the first cell (``STUDENT_ID``)::

    from crmlib.exercises.lifecycle import check, numbers
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
from crmlib.exercises._lifecycle import (
    DIAGNOSES,
    EXERCISE,
    OPTION_TEXTS,
    OPTIONS,
    history_table,
    parameters,
    path_table,
)

__all__ = [
    "DIAGNOSES",
    "EXERCISE",
    "OPTIONS",
    "QUESTIONS",
    "check",
    "check_all",
    "history_table",
    "numbers",
    "options",
    "parameters",
    "path_table",
    "variant_of",
]

#: Question ids of the exercise, in order.
QUESTIONS: tuple[str, ...] = EXERCISE.question_ids

# The four functions every topic offers, bound to its EXERCISE; only their topic parts are here.
variant_of, numbers, check, check_all = topic_checks(
    EXERCISE,
    __name__,
    subject="customer-lifecycle",
    numbers_example="""
    >>> n = numbers("q4")
    >>> n["period"], n["cohort"], n["age"]
    ('M', '1997-02', 3)
    """,
    notes=r"""
    Questions 1-3 follow one relationship through the four stages, with
    the profit :math:`R_t - C_t` of period :math:`t` arriving at its end:

    .. math::

        V_k = \sum_{t=1}^{k} \frac{R_t - C_t}{(1+d)^{t}}, \qquad
        t^{*} = \min\{k : V_k \ge 0\}.

    Numbers are compared at the precision each question asks for (two
    decimals; three for the rates of questions 4 and 5): an answer within
    one unit of the last asked decimal passes. The check compares digests
    of rounded values, so it can tell a right answer and name a mistake, but
    never show the answer.
    """,
    references="""
    Chen Mingliang's four-stage lifecycle model, as taught in the course
    material (q1-q3, q6).

    Kaplan, E. L., & Meier, P. (1958). Nonparametric estimation from
    incomplete observations. *Journal of the American Statistical
    Association*, 53(282), 457-481 (q5).
    """,
    examples="""
    >>> check("q1", ...).status
    'not_answered'
    >>> check("q2", "42").status
    'wrong_type'
    >>> print(check("q2", 315).message)
    Not yet 还不对. It looks like you did not discount (折现): the profit of period t is worth
    (R_t − C_t)/(1 + d)^t today.
    """,
    check_all_answers='{"q1": ..., "q2": None}',
)


def options(student: object = "", *, lang: str = "en") -> pd.Series:
    """The options of question 6 in this student's variant (their order differs by variant).

    Examples
    --------
    >>> options().index.tolist()
    ['A', 'B', 'C', 'D']
    """
    return EXERCISE.option_texts("q6", OPTION_TEXTS, student, lang)
