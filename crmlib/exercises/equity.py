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

from collections.abc import Mapping

import pandas as pd

from crmlib.exercises._core import CheckResult, _pick
from crmlib.exercises._equity import (
    CUSTOMERS,
    DIAGNOSES,
    EXERCISE,
    OPTION_TEXTS,
    OPTIONS,
    parameters,
    portfolio_table,
)
from crmlib.i18n import check_lang

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


def variant_of(student: object = "") -> int:
    """The variant (0-29) whose numbers the student with this student number works with.

    No student number gives variant 0, the course's own numbers.

    Examples
    --------
    >>> variant_of(""), variant_of("2026001") == variant_of(" 2026001 ")
    (0, True)
    """
    return EXERCISE.variant_of(student)


def numbers(question: str, student: object = "") -> dict:
    """The numbers of ``question`` for the student with this student number.

    Examples
    --------
    >>> n = numbers("q2")
    >>> n["purchase_probabilities"], n["contribution"], n["cost"], n["discount_rate"]
    ((0.3, 0.2, 0.15), 40.0, 4.0, 0.2)
    """
    return EXERCISE.numbers(question, student)


def options(student: object = "", *, lang: str = "en") -> pd.Series:
    """The options of question 5 in this student's variant (their order differs by variant).

    Examples
    --------
    >>> options().index.tolist()
    ['A', 'B', 'C', 'D']
    """
    lang = check_lang(lang)
    letters = numbers("q5", student)["options"]
    return pd.Series({letter: _pick(OPTION_TEXTS[key], lang)
                      for letter, key in sorted(letters.items())}, name="option")


def check(question: str, answer: object, *, student: object = "",
          lang: str = "en") -> CheckResult:
    """Check an answer to a question of the customer-equity exercise.

    Parameters
    ----------
    question : str
        Question id, one of ``QUESTIONS`` (``"q1"`` ... ``"q5"``; case is
        ignored).
    answer : object
        The answer: a number for ``q1``-``q4``, a letter for ``q5``.
        ``...`` (the placeholder) or ``None`` means not answered yet.
    student : str
        The student number typed in the exercise's first cell; it picks the
        numbers (the variant) the answer is checked against. Empty: the
        course's own numbers.
    lang : {"en", "zh"}
        Language of the message.

    Returns
    -------
    CheckResult
        ``passed``, ``status`` (correct, wrong, not_answered, wrong_type)
        and a plain-language ``message``. A wrong answer never raises.

    Raises
    ------
    ValueError
        If ``question`` is not a question of this exercise or ``lang`` is
        not supported.

    Notes
    -----
    Question 1, for example, asks for customer equity with current segments
    and :math:`K` future cohorts acquired at the end of each period,

    .. math::

        \\mathrm{CE} = \\sum_{i} N_i\\,\\mathrm{CLV}_i
            + \\sum_{k=1}^{K} \\frac{n\\,(\\mathrm{CLV}_{new} - c)}{(1+d)^{k}}.

    Numbers are compared at two decimals: an answer within one unit of the
    second decimal passes. The check compares digests of rounded values, so
    it can tell a right answer and name a mistake, but never show the answer.

    References
    ----------
    Gupta, S., Lehmann, D. R., & Stuart, J. A. (2004). Valuing customers.
    *Journal of Marketing Research*, 41(1), 7-18 (q1, q5).

    Pfeifer, P. E., & Carraway, R. L. (2000). Modeling customer relationships
    as Markov chains. *Journal of Interactive Marketing*, 14(2), 43-55 (q2).

    Examples
    --------
    >>> check("q1", ...).status
    'not_answered'
    >>> check("q2", "42").status
    'wrong_type'
    >>> print(check("q1", 186000).message)
    Not yet 还不对. That is the value of the current customers only; customer equity here also
    counts the future cohorts.
    """
    return EXERCISE.check(question, answer, student=student, lang=lang)


def check_all(answers: Mapping[str, object], *, student: object = "",
              lang: str = "en") -> pd.DataFrame:
    """Check every question at once; pass ``globals()`` from the exercise notebook.

    Parameters
    ----------
    answers : mapping
        Question id -> answer, e.g. ``globals()`` (the answer to ``qN`` is the
        variable ``qN``); a question missing from it counts as not answered.
    student : str
        The student number (see :func:`check`).
    lang : {"en", "zh"}
        Language of the messages.

    Returns
    -------
    pandas.DataFrame
        One row per question: ``question``, ``title``, ``status``,
        ``passed``, ``message``.

    Examples
    --------
    >>> table = check_all({"q1": ..., "q2": None})
    >>> table["status"].tolist()[:2], int(table["passed"].sum())
    (['not_answered', 'not_answered'], 0)
    """
    return EXERCISE.report(answers, student=student, lang=lang)
