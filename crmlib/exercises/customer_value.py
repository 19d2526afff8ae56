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

from collections.abc import Mapping

import pandas as pd

from crmlib.exercises._core import CheckResult, _pick
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


def variant_of(student: object = "") -> int:
    """The variant (0-29) whose numbers the student with this student number works with.

    No student number gives variant 0, the exercise's own numbers.

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
    >>> numbers("q3")["episode_benefits"], numbers("q5")["coefficient"]
    (80.0, 'better')
    """
    return EXERCISE.numbers(question, student)


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
    lang = check_lang(lang)
    letters = numbers("q6", student)["options"]
    return pd.Series({letter: _pick(OPTION_TEXTS[key], lang)
                      for letter, key in sorted(letters.items())}, name="option")


def check(question: str, answer: object, *, student: object = "",
          lang: str = "en") -> CheckResult:
    """Check an answer to a question of the customer-value exercise.

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
        exercise's own numbers.
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
    Question 1, for example, asks for Kotler's customer delivered value

    .. math::

        \\mathrm{CDV} = \\mathrm{TCV} - \\mathrm{TCC},

    and question 3 for Ravald & Grönroos's total episode value
    :math:`(EB + RB)/(ES + RS)`.

    Amounts in ¥ (questions 1 and 2) are compared at two decimals, ratios
    and coefficients (questions 3-5) at three: an answer within one unit of
    the last asked decimal passes. The check compares digests of rounded
    values, so it can tell a right answer and name a mistake, but never
    show the answer.

    References
    ----------
    Kotler, P. (2000). *Marketing Management* (10th ed.), ch. 2 (customer
    delivered value).

    Ravald, A., & Grönroos, C. (1996). The value concept and relationship
    marketing. *European Journal of Marketing*, 30(2), 19-30.

    Berger, C., et al. (1993). Kano's methods for understanding
    customer-defined quality. *Center for Quality of Management Journal*,
    2(4), 3-35 (Better and Worse, questions 4-6).

    Examples
    --------
    >>> check("q1", ...).status
    'not_answered'
    >>> check("q1", "1000").status
    'wrong_type'
    >>> print(check("q3", 80 / 50).message)
    Not yet 还不对. That is the single-episode ratio EB/ES; the relationship view adds the
    relationship's benefits and sacrifices: (EB + RB)/(ES + RS).
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
    >>> table = check_all({"q1": ..., "q6": "a"})
    >>> table["status"].tolist()[:2], int(table["passed"].sum())
    (['not_answered', 'not_answered'], 0)
    """
    return EXERCISE.report(answers, student=student, lang=lang)
