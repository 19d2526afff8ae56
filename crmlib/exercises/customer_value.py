"""Self-checks for exercise 01, customer value 客户价值.

In the exercise notebook each answer is a variable named after its question
(``q1``, ``q2``, ..., ``q6``), and the numbers of each question depend on
the student number typed in the first cell (``STUDENT_ID``)::

    from crmlib.exercises.customer_value import check, numbers
    n = numbers("q1", STUDENT_ID)       # this student's offer for question 1
    check("q1", q1, student=STUDENT_ID)

The verdict says whether the answer is right and, if not, which common
mistake it looks like, without giving the answer away. ``lang="zh"`` gives
the messages in Chinese. Nothing here can compute an answer: the checks
compare digests of rounded values (see :mod:`crmlib.exercises._core`).
"""

from __future__ import annotations

import pandas as pd

from crmlib.exercises._core import _pick, topic_checks
from crmlib.exercises._customer_value import (
    COMPONENTS,
    DIAGNOSES,
    EXERCISE,
    KANO_ATTRIBUTES,
    OFFER_NAMES,
    OPTION_TEXTS,
    OPTIONS,
    parameters,
)
from crmlib.i18n import check_lang
from crmlib.value import example_kano_survey

__all__ = [
    "COMPONENTS",
    "DIAGNOSES",
    "EXERCISE",
    "KANO_ATTRIBUTES",
    "OFFER_NAMES",
    "OPTIONS",
    "QUESTIONS",
    "check",
    "check_all",
    "numbers",
    "offers_table",
    "options",
    "parameters",
    "survey_rows",
    "variant_of",
]

#: Question ids of the exercise, in order.
QUESTIONS: tuple[str, ...] = EXERCISE.question_ids

# The four functions every topic offers, bound to its EXERCISE; only their topic parts are here.
variant_of, numbers, check, check_all = topic_checks(
    EXERCISE,
    __name__,
    subject="customer-value",
    numbers_example="""
    >>> numbers("q3")["episode_benefits"], numbers("q5")["coefficient"]
    (80.0, 'better')
    """,
    notes=r"""
    Question 1, for example, asks for Kotler's customer delivered value

    .. math::

        \mathrm{CDV} = \mathrm{TCV} - \mathrm{TCC},

    and question 3 for Ravald & Grönroos's total episode value
    :math:`(EB + RB)/(ES + RS)`.

    Amounts in ¥ (questions 1 and 2) are compared at two decimals, ratios
    and coefficients (questions 3-5) at three: an answer within one unit of
    the last asked decimal passes. The check compares digests of rounded
    values, so it can tell a right answer and name a mistake, but never
    show the answer.
    """,
    references="""
    Kotler, P. (2000). *Marketing Management* (10th ed.), ch. 2 (customer
    delivered value).

    Ravald, A., & Grönroos, C. (1996). The value concept and relationship
    marketing. *European Journal of Marketing*, 30(2), 19-30.

    Berger, C., et al. (1993). Kano's methods for understanding
    customer-defined quality. *Center for Quality of Management Journal*,
    2(4), 3-35 (Better and Worse, questions 4-6).
    """,
    examples="""
    >>> check("q1", ...).status
    'not_answered'
    >>> check("q1", "1000").status
    'wrong_type'
    >>> print(check("q3", 80 / 50).message)
    Not yet 还不对. That is the single-episode ratio EB/ES; the relationship view adds the
    relationship's benefits and sacrifices: (EB + RB)/(ES + RS).
    """,
    check_all_answers='{"q1": ..., "q6": "a"}',
    own_numbers="exercise's own numbers",
)


def offers_table(student: object = "", *, lang: str = "en") -> pd.DataFrame:
    """The three offers of question 2 as a table: one row per offer, the eight parts in ¥.

    Nothing is computed: the table only lays out the numbers (columns in the
    order of ``COMPONENTS``, value parts first).

    Examples
    --------
    >>> table = offers_table()
    >>> table.index.tolist()
    ['department store', 'brand store', 'online shop']
    >>> table.columns.tolist()[:4], float(table.loc["online shop", "monetary"])
    (['product', 'service', 'personnel', 'image'], 2400.0)
    """
    lang = check_lang(lang)
    offers = numbers("q2", student)["offers"]
    return pd.DataFrame([list(parts) for parts in offers.values()],
                        index=pd.Index([_pick(OFFER_NAMES[k], lang) for k in offers],
                                       name="offer" if lang == "en" else "方案"),
                        columns=list(COMPONENTS))


def survey_rows(student: object = "") -> pd.DataFrame:
    """The rows of the hotel survey that question 5 asks about, as the survey tool exports them.

    The rows of :func:`crmlib.value.example_kano_survey` (20 guests, a
    functional and a dysfunctional column per attribute) whose respondent
    number is listed in ``numbers("q5", student)["respondents"]``.

    Examples
    --------
    >>> rows = survey_rows()
    >>> rows.shape, rows.index.tolist()[:3]
    ((12, 8), [1, 2, 3])
    """
    return example_kano_survey().loc[list(numbers("q5", student)["respondents"])]


def options(student: object = "", *, lang: str = "en") -> pd.Series:
    """The options of question 6 in this student's variant (their order differs by variant).

    Examples
    --------
    >>> options().index.tolist()
    ['A', 'B', 'C', 'D']
    >>> options()["D"]
    'Do not invest in it: customers do not care either way'
    """
    return EXERCISE.option_texts("q6", OPTION_TEXTS, student, lang)
