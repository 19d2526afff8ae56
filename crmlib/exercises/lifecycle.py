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

from collections.abc import Mapping

import pandas as pd

from crmlib.exercises._core import CheckResult, _pick
from crmlib.exercises._lifecycle import (
    DIAGNOSES,
    EXERCISE,
    OPTION_TEXTS,
    OPTIONS,
    history_table,
    parameters,
    path_table,
)
from crmlib.i18n import check_lang

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
    >>> n = numbers("q4")
    >>> n["period"], n["cohort"], n["age"]
    ('M', '1997-02', 3)
    """
    return EXERCISE.numbers(question, student)


def options(student: object = "", *, lang: str = "en") -> pd.Series:
    """The options of question 6 in this student's variant (their order differs by variant).

    Examples
    --------
    >>> options().index.tolist()
    ['A', 'B', 'C', 'D']
    """
    lang = check_lang(lang)
    letters = numbers("q6", student)["options"]
    return pd.Series({letter: _pick(OPTION_TEXTS[key], lang)
                      for letter, key in sorted(letters.items())}, name="option")


def check(question: str, answer: object, *, student: object = "",
          lang: str = "en") -> CheckResult:
    """Check an answer to a question of the customer-lifecycle exercise.

    Parameters
    ----------
    question : str
        Question id, one of ``QUESTIONS`` (``"q1"`` ... ``"q6"``; case is
        ignored).
    answer : object
        The answer: a number for ``q1``-``q5``, a letter for ``q6``.
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
    Questions 1-3 follow one relationship through the four stages, with
    the profit :math:`R_t - C_t` of period :math:`t` arriving at its end:

    .. math::

        V_k = \\sum_{t=1}^{k} \\frac{R_t - C_t}{(1+d)^{t}}, \\qquad
        t^{*} = \\min\\{k : V_k \\ge 0\\}.

    Numbers are compared at the precision each question asks for (two
    decimals; three for the rates of questions 4 and 5): an answer within
    one unit of the last asked decimal passes. The check compares digests
    of rounded values, so it can tell a right answer and name a mistake, but
    never show the answer.

    References
    ----------
    Chen Mingliang's four-stage lifecycle model, as taught in the course
    material (q1-q3, q6).

    Kaplan, E. L., & Meier, P. (1958). Nonparametric estimation from
    incomplete observations. *Journal of the American Statistical
    Association*, 53(282), 457-481 (q5).

    Examples
    --------
    >>> check("q1", ...).status
    'not_answered'
    >>> check("q2", "42").status
    'wrong_type'
    >>> print(check("q2", 315).message)
    Not yet 还不对. It looks like you did not discount (折现): the profit of period t is worth
    (R_t − C_t)/(1 + d)^t today.
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
