"""Self-checks for exercise 06, customer equity 客户资产.

In the exercise notebook each answer is a variable named after its question
(``q1``, ``q2``, ``q3a``, ..., ``q5``), and the numbers of each question
depend on the student number typed in the first cell (``STUDENT_ID``)::

    from crmlib.exercises.equity import check, numbers
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
from crmlib.exercises._equity import (
    CUSTOMERS,
    DIAGNOSES,
    EXERCISE,
    OPTION_TEXTS,
    OPTIONS,
    parameters,
    portfolio_table,
)

__all__ = [
    "CUSTOMERS",
    "DIAGNOSES",
    "EXERCISE",
    "OPTIONS",
    "QUESTIONS",
    "check",
    "check_all",
    "numbers",
    "options",
    "parameters",
    "portfolio_table",
    "variant_of",
]

#: Question ids of the exercise, in order.
QUESTIONS: tuple[str, ...] = EXERCISE.question_ids

# The four functions every topic offers, bound to its EXERCISE; only their topic parts are here.
variant_of, numbers, check, check_all = topic_checks(
    EXERCISE,
    __name__,
    subject="customer-equity",
    numbers_example="""
    >>> n = numbers("q2")
    >>> n["purchase_probabilities"], n["contribution"], n["cost"], n["discount_rate"]
    ((0.3, 0.2, 0.15), 40.0, 4.0, 0.2)
    """,
    notes=r"""
    Question 1, for example, asks for customer equity with current segments
    and :math:`K` future cohorts acquired at the end of each period,

    .. math::

        \mathrm{CE} = \sum_{i} N_i\,\mathrm{CLV}_i
            + \sum_{k=1}^{K} \frac{n\,(\mathrm{CLV}_{new} - c)}{(1+d)^{k}}.

    Numbers are compared at two decimals: an answer within one unit of the
    second decimal passes. The check compares digests of rounded values, so
    it can tell a right answer and name a mistake, but never show the answer.
    """,
    references="""
    Gupta, S., Lehmann, D. R., & Stuart, J. A. (2004). Valuing customers.
    *Journal of Marketing Research*, 41(1), 7-18 (q1, q5).

    Pfeifer, P. E., & Carraway, R. L. (2000). Modeling customer relationships
    as Markov chains. *Journal of Interactive Marketing*, 14(2), 43-55 (q2).
    """,
    examples="""
    >>> check("q1", ...).status
    'not_answered'
    >>> check("q2", "42").status
    'wrong_type'
    >>> print(check("q1", 186000).message)
    Not yet 还不对. That is the value of the current customers only; customer equity here also
    counts the future cohorts.
    """,
    check_all_answers='{"q1": ..., "q2": None}',
)


def options(student: object = "", *, lang: str = "en") -> pd.Series:
    """The options of question 5 in this student's variant (their order differs by variant).

    Examples
    --------
    >>> options().index.tolist()
    ['A', 'B', 'C', 'D']
    """
    return EXERCISE.option_texts("q5", OPTION_TEXTS, student, lang)
