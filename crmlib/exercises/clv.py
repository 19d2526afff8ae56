"""Self-checks for exercise 04, customer lifetime value 客户终身价值.

In the exercise notebook each answer is a variable named after its question
(``q1``, ``q2``, ..., ``q6``), and the numbers of each question depend on
the student number typed in the first cell (``STUDENT_ID``)::

    from crmlib.exercises.clv import check, numbers
    n = numbers("q3", STUDENT_ID)       # this student's numbers for question 3
    check("q3", q3, student=STUDENT_ID)

The verdict says whether the answer is right and, if not, which common
mistake it looks like, without giving the answer away. ``lang="zh"`` gives
the messages in Chinese. Nothing here can compute an answer: the checks
compare digests of rounded values (see :mod:`crmlib.exercises._core`).
"""

from __future__ import annotations

import pandas as pd

from crmlib.exercises._clv import (
    DIAGNOSES,
    EXERCISE,
    OPTION_TEXTS,
    OPTIONS,
    parameters,
    shop_transactions,
)
from crmlib.exercises._core import topic_checks

__all__ = [
    "DIAGNOSES",
    "EXERCISE",
    "OPTIONS",
    "QUESTIONS",
    "check",
    "check_all",
    "numbers",
    "options",
    "parameters",
    "shop_transactions",
    "variant_of",
]

#: Question ids of the exercise, in order.
QUESTIONS: tuple[str, ...] = EXERCISE.question_ids

# The four functions every topic offers, bound to its EXERCISE; only their topic parts are here.
variant_of, numbers, check, check_all = topic_checks(
    EXERCISE,
    __name__,
    subject="CLV",
    numbers_example="""
    >>> numbers("q3")
    {'revenue': 800.0, 'margin_rate': 0.3, 'retention': 0.75, 'discount_rate': 0.12}
    """,
    notes=r"""
    Question 3, for example, asks for the retention CLV with the margin at
    the end of each period,

    .. math::

        \mathrm{CLV} = \sum_{i=1}^{\infty} \frac{m\,r^{i-1}}{(1+d)^{i}}.

    Numbers are compared at two decimals: an answer within one unit of the
    second decimal passes. The check compares digests of rounded values, so
    it can tell a right answer and name a mistake, but never show the answer.
    """,
    references="""
    Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of
    Interactive Marketing*, 17(1), 9-24 (the margin multiple of q4).

    Fader, P. S., & Hardie, B. G. S. (2012). Reconciling and clarifying CLV
    formulas. Note 024 (the timing conventions of q3 and q6).
    """,
    examples="""
    >>> check("q1", ...).status
    'not_answered'
    >>> check("q3", "650").status
    'wrong_type'
    >>> print(check("q3", 800 / (1 + 0.12 - 0.75)).message)
    Not yet 还不对. It looks like you used revenue instead of margin: multiply the
    revenue by the margin rate first (CLV values profit, not sales).
    """,
    check_all_answers='{"q1": ..., "q6": "a"}',
)


def options(student: object = "", *, lang: str = "en") -> pd.Series:
    """The options of question 6 in this student's variant (their order differs by variant).

    Examples
    --------
    >>> options().index.tolist()
    ['A', 'B', 'C', 'D']
    """
    return EXERCISE.option_texts("q6", OPTION_TEXTS, student, lang)
