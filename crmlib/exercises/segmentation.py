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

from collections.abc import Mapping

import pandas as pd

from crmlib.exercises._core import CheckResult, _pick
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
from crmlib.i18n import check_lang

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
    >>> numbers("q3")
    {'sample': 'master', 'observation_end': '1997-12-31', 'top_share': 0.2}
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
    """Check an answer to a question of the core-customers exercise.

    Parameters
    ----------
    question : str
        Question id, one of ``QUESTIONS`` (``"q1a"`` ... ``"q5"``; case is
        ignored).
    answer : object
        The answer: a number for ``q1a``-``q4``, a letter for ``q5``.
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
    Question 1 asks for activity-based costing 作业成本法: with resource
    costs :math:`R_r`, resource drivers :math:`u_{ra}`, driver volumes
    :math:`V_a` and a customer's usage :math:`q_{a}`,

    .. math::

        \\text{rate}_a = \\frac{1}{V_a}\\sum_r R_r \\, \\frac{u_{ra}}{\\sum_{a'} u_{ra'}},
        \\qquad \\pi = GP - \\sum_a q_{a}\\, \\text{rate}_a .

    Numbers are compared at two decimals (four for the share of ``q3``): an
    answer within one unit of the last asked decimal passes. The check
    compares digests of rounded values, so it can tell a right answer and
    name a mistake, but never show the answer.

    References
    ----------
    Cooper, R. and Kaplan, R. S. (1988), "Measure costs right: make the right
    decisions", *Harvard Business Review* 66(5), 96-103 (q1).

    Course material (客户价值细分: current value × growth potential; RFM).

    Examples
    --------
    >>> check("q1a", ...).status
    'not_answered'
    >>> check("q2", "42").status
    'wrong_type'
    >>> print(check("q1b", 12_000 - 9_000).message)
    Not yet 还不对. That is the gross profit alone; subtract the cost to serve (Σ usage × rate).
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
    >>> table = check_all({"q1a": ..., "q5": "b"})
    >>> table["status"].tolist()[:2], int(table["passed"].sum())
    (['not_answered', 'not_answered'], 0)
    """
    return EXERCISE.report(answers, student=student, lang=lang)
