"""Self-checks for exercise 04, customer lifetime value 客户终身价值.

In the exercise notebook each answer is a variable named after its question
(``q1``, ``q2``, ..., ``q6``); check it with::

    from crmlib.exercises.clv import check
    check("q3", q3)

The verdict says whether the answer is right and, if not, which common
mistake it looks like, without giving the answer away. ``lang="zh"`` gives
the messages in Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from crmlib.exercises._clv import EXERCISE, PARAMETERS, shop_transactions
from crmlib.exercises._core import CheckResult

__all__ = ["EXERCISE", "PARAMETERS", "QUESTIONS", "check", "check_all", "shop_transactions"]

#: Question ids of the exercise, in order.
QUESTIONS: tuple[str, ...] = EXERCISE.question_ids


def check(question: str, answer: object, *, lang: str = "en") -> CheckResult:
    """Check an answer to a question of the CLV exercise.

    Parameters
    ----------
    question : str
        Question id, one of ``QUESTIONS`` (``"q1"`` ... ``"q6"``; case is
        ignored).
    answer : object
        The answer: a number for ``q1``-``q5b``, a letter for ``q6``.
        ``...`` (the placeholder) or ``None`` means not answered yet.
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
    The expected answers are computed with :mod:`crmlib.clv` from
    ``PARAMETERS``; for example question 3 is the retention CLV with the
    margin at the end of each period,

    .. math::

        \\mathrm{CLV} = \\sum_{i=1}^{\\infty} \\frac{m\\,r^{i-1}}{(1+d)^{i}}
        = \\frac{m}{1+d-r}.

    An answer within 0.1% (or 0.006) of the expected value passes.

    References
    ----------
    Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of
    Interactive Marketing*, 17(1), 9-24 (the margin multiple of q4).

    Fader, P. S., & Hardie, B. G. S. (2012). Reconciling and clarifying CLV
    formulas. Note 024 (the timing conventions of q3 and q6).

    Examples
    --------
    >>> check("q1", ...).status
    'not_answered'
    >>> check("q3", "648").status
    'wrong_type'
    >>> check("q3", 800 * 0.30 / (1 + 0.12 - 0.75)).passed
    True
    >>> print(check("q3", 800 / (1 + 0.12 - 0.75)).message)
    Not yet 还不对. It looks like you used revenue instead of margin: multiply the
    revenue by the margin rate first (CLV values profit, not sales).
    """
    return EXERCISE.check(question, answer, lang=lang)


def check_all(answers: Mapping[str, object], *, lang: str = "en") -> pd.DataFrame:
    """Check every question at once; pass ``globals()`` from the exercise notebook.

    Parameters
    ----------
    answers : mapping
        Question id -> answer, e.g. ``globals()`` (the answer to ``qN`` is the
        variable ``qN``); a question missing from it counts as not answered.
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
    return EXERCISE.report(answers, lang=lang)
