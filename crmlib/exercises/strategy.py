"""Self-checks for exercise 08, CRM strategy and CRM ROI 客户关系管理战略与投资回报.

In the exercise notebook each answer is a variable named after its question
(``q1``, ``q2a``, ..., ``q6``), and the numbers of each question depend on
the student number typed in the first cell (``STUDENT_ID``)::

    from crmlib.exercises.strategy import check, numbers
    n = numbers("q1", STUDENT_ID)       # this student's CRM project
    check("q1", q1, student=STUDENT_ID)

The verdict says whether the answer is right and, if not, which common
mistake it looks like, without giving the answer away. ``lang="zh"`` gives
the messages in Chinese. Nothing here can compute an answer: the checks
compare digests of rounded values (see :mod:`crmlib.exercises._core`).
"""

from __future__ import annotations

import pandas as pd

from crmlib.exercises._core import _pick, topic_checks
from crmlib.exercises._strategy import (
    DIAGNOSES,
    EXERCISE,
    FIRMS,
    OPTION_TEXTS,
    OPTIONS,
    parameters,
)
from crmlib.i18n import check_lang

__all__ = [
    "DIAGNOSES",
    "EXERCISE",
    "OPTIONS",
    "QUESTIONS",
    "check",
    "check_all",
    "firm",
    "numbers",
    "options",
    "parameters",
    "project_table",
    "variant_of",
]

#: Question ids of the exercise, in order.
QUESTIONS: tuple[str, ...] = EXERCISE.question_ids

# The four functions every topic offers, bound to its EXERCISE; only their topic parts are here.
variant_of, numbers, check, check_all = topic_checks(
    EXERCISE,
    __name__,
    subject="CRM-strategy",
    numbers_example="""
    >>> numbers("q4")["retention"], numbers("q5")["loyal_growth"]
    (0.75, 0.3)
    """,
    notes=r"""
    Question 1, for example, asks for the NPV of a CRM project with the
    investment :math:`I` paid today and the net cash flow :math:`F_t` of
    year :math:`t` at the end of the year,

    .. math::

        \mathrm{NPV} = \sum_{t=0}^{n} \frac{F_t}{(1+d)^{t}}, \qquad F_0 = -I .

    Numbers are compared at two decimals (the IRR of question 3 at four):
    an answer within one unit of the last asked decimal passes. The check
    compares digests of rounded values, so it can tell a right answer and
    name a mistake, but never show the answer.
    """,
    references="""
    Brealey, R. A., Myers, S. C., & Allen, F. (2020). *Principles of
    Corporate Finance* (13th ed.). McGraw-Hill, ch. 5 (NPV, IRR, payback).

    Storbacka, K., & Lehtinen, J. R. (2001). *Customer Relationship
    Management*. McGraw-Hill (clasp, zipper and Velcro, question 6).
    """,
    examples="""
    >>> check("q1", ...).status
    'not_answered'
    >>> check("q1", "150").status
    'wrong_type'
    >>> print(check("q4", 2200 * (120 * 1.1 + 15) / (1.1 - 0.8)).message)
    Not yet 还不对. That is the equity after the plan; the question asks for the change.
    """,
    check_all_answers='{"q1": ..., "q6": "a"}',
)


def project_table(student: object = "") -> pd.DataFrame:
    """The CRM project of questions 1-3 as a table: one row per year 0..5, in ¥ thousand.

    Year 0 holds the investment (paid today); each later row holds that
    year's flows, which arrive at the end of the year. Nothing is computed:
    the table only lays out the numbers.

    Examples
    --------
    >>> table = project_table()
    >>> table.index.tolist(), float(table.loc[0, "investment"])
    ([0, 1, 2, 3, 4, 5], 500.0)
    >>> table.columns.tolist()
    ['investment', 'explicit_cost', 'hidden_cost', 'business_gain', 'cost_saving']
    """
    p = numbers("q1", student)
    n = len(p["costs"])
    zero = [0.0] * n
    table = pd.DataFrame({
        "investment": [float(sum(p["investment"].values()))] + zero,
        "explicit_cost": [0.0, *p["costs"]],
        "hidden_cost": [0.0, *p["hidden_costs"]],
        "business_gain": [0.0, *p["benefits"]],
        "cost_saving": [0.0, *p["cost_savings"]],
    }, index=pd.RangeIndex(n + 1, name="year"))
    return table


def firm(student: object = "", *, lang: str = "en") -> str:
    """The description of the firm of question 6 in this student's variant.

    Examples
    --------
    >>> firm().startswith("An established supplier of car seats")
    True
    """
    lang = check_lang(lang)
    return _pick(FIRMS[numbers("q6", student)["firm"]], lang)


def options(student: object = "", *, lang: str = "en") -> pd.Series:
    """The options of question 6 in this student's variant (their order differs by variant).

    Examples
    --------
    >>> options().tolist()
    ['Clasp 扣钩', 'Zipper 拉链', 'Velcro 维可牢']
    """
    return EXERCISE.option_texts("q6", OPTION_TEXTS, student, lang)
