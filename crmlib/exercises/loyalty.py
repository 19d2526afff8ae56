"""Self-checks for exercise 07, loyalty measurement 客户忠诚度测评.

In the exercise notebook each answer is a variable named after its question
(``q1``, ``q2``, ..., ``q6``), and the numbers of each question depend on
the student number typed in the first cell (``STUDENT_ID``)::

    from crmlib.exercises.loyalty import check, numbers
    n = numbers("q3", STUDENT_ID)       # this student's numbers for question 3
    check("q3", q3, student=STUDENT_ID)

The verdict says whether the answer is right and, if not, which common
mistake it looks like, without giving the answer away. ``lang="zh"`` gives
the messages in Chinese. Nothing here can compute an answer: the checks
compare digests of rounded values (see :mod:`crmlib.exercises._core`).
"""

from __future__ import annotations

import pandas as pd

from crmlib.exercises._core import _pick, topic_checks
from crmlib.exercises._loyalty import (
    DIAGNOSES,
    EXERCISE,
    ITEM_NAMES,
    OPTIONS,
    parameters,
)
from crmlib.i18n import check_lang

__all__ = [
    "DIAGNOSES",
    "EXERCISE",
    "ITEM_NAMES",
    "OPTIONS",
    "QUESTIONS",
    "check",
    "check_all",
    "judgement_table",
    "numbers",
    "options",
    "parameters",
    "variant_of",
]

#: Question ids of the exercise, in order.
QUESTIONS: tuple[str, ...] = EXERCISE.question_ids

# The four functions every topic offers, bound to its EXERCISE; only their topic parts are here.
variant_of, numbers, check, check_all = topic_checks(
    EXERCISE,
    __name__,
    subject="loyalty",
    numbers_example="""
    >>> numbers("q5")
    {'sample': 'cdnow', 'freq': 'M', 'observation_end': '1997-12-31', 'churn_after': 3.0}
    """,
    notes=r"""
    Question 1, for example, asks for the course's objective loyalty value

    .. math::

        I = \sum_{i=1}^{N} \alpha_i \, \frac{S_i}{T_i},

    and question 3 for the consistency ratio
    :math:`\mathrm{CR} = \mathrm{CI}/\mathrm{RI}_n` with
    :math:`\mathrm{CI} = (\lambda_{\max} - n)/(n - 1)`.

    Numbers are compared at three decimals (four for the consistency ratio
    of ``q3``): an answer within one unit of the last asked decimal passes.
    The check compares digests of rounded values, so it can tell a right
    answer and name a mistake, but never show the answer.
    """,
    references="""
    Course material (客户忠诚度测评: the five-step procedure).

    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    """,
    examples="""
    >>> check("q1", ...).status
    'not_answered'
    >>> check("q1", "0.5").status
    'wrong_type'
    >>> print(check("q1", 5 * 240 / 400 + 3 * 9 / 12 + 1 * 4 / 5).message)
    Not yet 还不对. It looks like you used the importance points themselves as the
    weights α_i; the weights must sum to 1: divide each point by the sum of the points
    first.
    """,
    check_all_answers='{"q1": ..., "q6": "a"}',
)


def _names(items, lang: str) -> list[str]:
    return [_pick(ITEM_NAMES[item], lang) for item in items]


def judgement_table(question: str, student: object = "", *, lang: str = "en") -> pd.DataFrame:
    """The judgements a_ij (i < j) of ``question``'s matrix, one row each, for reading.

    Examples
    --------
    >>> judgement_table("q2").columns.tolist()
    ['row item i', 'column item j', 'a_ij']
    """
    lang = check_lang(lang)
    n = numbers(question, student)
    names = _names(n["items"], lang)
    rows = []
    k = 0
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            rows.append((f"a_{i + 1}{j + 1}", names[i], names[j], n["judgements"][k]))
            k += 1
    columns = ["row item i", "column item j", "a_ij"] if lang == "en" else \
        ["行元素 i", "列元素 j", "a_ij"]
    frame = pd.DataFrame([r[1:] for r in rows], index=[r[0] for r in rows], columns=columns)
    return frame.round(4)


def options(student: object = "", *, lang: str = "en") -> pd.Series:
    """The options of question 6 in this student's variant: one per judgement of the matrix.

    Examples
    --------
    >>> options().index.tolist()
    ['A', 'B', 'C', 'D', 'E', 'F']
    """
    lang = check_lang(lang)
    n = numbers("q6", student)
    names = _names(n["items"], lang)
    positions = [(i, j) for i in range(len(names)) for j in range(i + 1, len(names))]
    by_option = {}
    for k, (i, j) in enumerate(positions):
        value = n["judgements"][k]
        shown = f"{value:g}" if value >= 1 else f"1/{1 / value:.0f}"
        text = (f"a_{i + 1}{j + 1} = {shown}: {names[i]} compared with {names[j]}"
                if lang == "en" else f"a_{i + 1}{j + 1} = {shown}：{names[i]}与{names[j]}相比")
        by_option[f"o{i + 1}{j + 1}"] = text
    return pd.Series({letter: by_option[key] for letter, key in sorted(n["options"].items())},
                     name="option")
