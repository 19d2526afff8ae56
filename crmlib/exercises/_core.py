"""Self-check machinery shared by every exercise: results, questions and exercises.

A question knows how to compute its expected answer (always with
:mod:`crmlib` functions, from the question's own parameters) and which wrong
answers come from which common mistakes. Checking an answer never raises: it
returns a :class:`CheckResult` whose message says what is wrong without
giving the answer away.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from crmlib.i18n import check_lang

__all__ = [
    "STATUSES",
    "CheckResult",
    "ChoiceQuestion",
    "Exercise",
    "Mistake",
    "NumericQuestion",
    "Question",
]

#: (English, 中文) text.
Text = tuple[str, str]

#: Possible outcomes of a check.
STATUSES = ("correct", "wrong", "not_answered", "wrong_type")

_ICONS = {"correct": "✔", "wrong": "✘", "not_answered": "…", "wrong_type": "?"}
_COLOURS = {"correct": "#2e7d32", "wrong": "#c62828", "not_answered": "#757575",
            "wrong_type": "#ef6c00"}

_CORRECT: Text = ("Correct. 正确！", "正确！")
_WRONG: Text = ("Not yet 还不对.", "还不对。")
_NOT_ANSWERED: Text = (
    "Not answered yet 尚未作答: replace the ... with your answer and run the cell again.",
    "尚未作答：把 ... 换成你的答案，再运行这个单元格。",
)
_UNDEFINED: Text = (
    "Not answered yet 尚未作答: the variable {var} is not defined. Run the cells above it, "
    "and check that the answer is stored under exactly this name.",
    "尚未作答：变量 {var} 没有定义。请运行它上面的单元格，并检查答案是否正好保存在这个变量名下。",
)
_NEED_NUMBER: Text = (
    "Wrong type 类型不对: the answer is a {kind}, but this question needs a single number.",
    "类型不对：答案是 {kind}，但这道题需要一个数。",
)
_TEXT_NOT_NUMBER: Text = (
    "Wrong type 类型不对: the answer is text (a str), not a number. "
    "Remove the quotation marks.",
    "类型不对：答案是文本（str），不是数。请去掉引号。",
)
_RESULT_OBJECT: Text = (
    "Wrong type 类型不对: the answer is a {kind} object, not a number. "
    "Take the number out of it with .value.",
    "类型不对：答案是 {kind} 对象，不是数。请用 .value 取出其中的数值。",
)
_NOT_FINITE: Text = (
    "Wrong type 类型不对: the answer is not a finite number (nan or inf). "
    "Look for a division by zero or a missing value.",
    "类型不对：答案不是有限的数（nan 或 inf）。请检查是否除以零或有缺失值。",
)
_SIGN: Text = (
    "The size is right but the sign is wrong: check which amounts are income and which are cost.",
    "大小对了，但符号错了：检查哪些是收入、哪些是成本。",
)
_HUNDRED: Text = (
    "Off by a factor of 100: check your percentages (8% is 0.08), and give a plain number, "
    "not a percentage.",
    "差了 100 倍：检查百分数（8% 应写作 0.08），并给出普通的数而不是百分数。",
)
_CLOSE: Text = (
    "Close, but outside the tolerance: do not round in the middle of the calculation, "
    "and give at least two decimals.",
    "接近了，但超出了允许误差：不要在计算中途四舍五入，并至少保留两位小数。",
)
_NEED_LETTER: Text = (
    "Wrong type 类型不对: answer with one of the letters {letters}, in quotes (a str).",
    "类型不对：请用字母 {letters} 之一作答，并加上引号（str）。",
)
_NOT_AN_OPTION: Text = (
    "{given!r} is not one of the options {letters}.",
    "{given!r} 不是选项 {letters} 之一。",
)


def _pick(text: Text, lang: str) -> str:
    return text[1] if lang == "zh" else text[0]


@dataclass(frozen=True)
class CheckResult:
    """Verdict on one answer: passed or not, and why, in plain words.

    Attributes
    ----------
    question : str
        Question id, e.g. ``"q3"``.
    status : str
        ``"correct"``, ``"wrong"``, ``"not_answered"`` or ``"wrong_type"``.
    message : str
        What is right or wrong, without the expected answer.
    title : str
        Short title of the question.

    Examples
    --------
    >>> res = CheckResult("q1", "not_answered", "Not answered yet.", "Course formula")
    >>> res.passed
    False
    >>> res
    … q1 (Course formula): Not answered yet.
    """

    question: str
    status: str
    message: str
    title: str = ""

    @property
    def passed(self) -> bool:
        """True when the answer is correct."""
        return self.status == "correct"

    def __repr__(self) -> str:
        title = f" ({self.title})" if self.title else ""
        return f"{_ICONS.get(self.status, '?')} {self.question}{title}: {self.message}"

    __str__ = __repr__

    def _repr_html_(self) -> str:
        colour = _COLOURS.get(self.status, "#757575")
        title = f" {html.escape(self.title)}" if self.title else ""
        return (
            f'<div style="border-left: 4px solid {colour}; padding: 4px 10px; margin: 4px 0;">'
            f'<span style="color: {colour}; font-weight: bold;">'
            f"{_ICONS.get(self.status, '?')} {html.escape(self.question)}</span>{title}: "
            f"{html.escape(self.message)}</div>"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the result as a plain dict (question, title, status, passed, message)."""
        return {
            "question": self.question,
            "title": self.title,
            "status": self.status,
            "passed": self.passed,
            "message": self.message,
        }


@dataclass(frozen=True)
class Mistake:
    """A common mistake: the wrong value it produces and what to tell the student."""

    value: float
    text: Text


@dataclass(frozen=True)
class NumericQuestion:
    """A question whose answer is one number.

    ``expected`` computes the answer with :mod:`crmlib`; ``mistakes`` lists the
    values that common mistakes produce. An answer within
    ``max(abs_tol, rel_tol * |expected|)`` of a value matches it.
    """

    id: str
    title: Text
    expected: Callable[[], float]
    hint: Text
    mistakes: Callable[[], Sequence[Mistake]] = field(default=lambda: ())
    rel_tol: float = 1e-3
    abs_tol: float = 0.006
    close_band: float = 0.02

    def matches(self, answer: float, target: float) -> bool:
        """Whether ``answer`` equals ``target`` within the question's tolerance."""
        return abs(answer - target) <= max(self.abs_tol, self.rel_tol * abs(target))

    def answer_key(self) -> float:
        """The expected answer (for instructors and tests)."""
        return float(self.expected())

    def check(self, answer: object, lang: str = "en") -> tuple[str, str]:
        """Return ``(status, message)`` for ``answer``."""
        if isinstance(answer, str):
            return "wrong_type", _pick(_TEXT_NOT_NUMBER, lang)
        if isinstance(answer, np.ndarray) and answer.ndim == 0:
            answer = answer.item()
        if isinstance(answer, bool) or not isinstance(answer, (Real, np.number)):
            kind = type(answer).__name__
            if hasattr(answer, "value"):
                return "wrong_type", _pick(_RESULT_OBJECT, lang).format(kind=kind)
            return "wrong_type", _pick(_NEED_NUMBER, lang).format(kind=kind)
        given = float(answer)  # type: ignore[arg-type]
        if not math.isfinite(given):
            return "wrong_type", _pick(_NOT_FINITE, lang)
        expected = self.answer_key()
        if self.matches(given, expected):
            return "correct", _pick(_CORRECT, lang)
        for mistake in self.mistakes():
            if self.matches(given, mistake.value):
                return "wrong", f"{_pick(_WRONG, lang)} {_pick(mistake.text, lang)}"
        if expected != 0 and self.matches(-given, expected):
            return "wrong", f"{_pick(_WRONG, lang)} {_pick(_SIGN, lang)}"
        if self.matches(given, 100 * expected) or self.matches(100 * given, expected):
            return "wrong", f"{_pick(_WRONG, lang)} {_pick(_HUNDRED, lang)}"
        if abs(given - expected) <= self.close_band * abs(expected):
            return "wrong", f"{_pick(_WRONG, lang)} {_pick(_CLOSE, lang)}"
        return "wrong", f"{_pick(_WRONG, lang)} {_pick(self.hint, lang)}"


@dataclass(frozen=True)
class ChoiceQuestion:
    """A multiple-choice question answered with one letter.

    ``correct`` works out the right letter (with :mod:`crmlib`, not from a
    stored letter); ``diagnoses`` explains the misconception behind each
    wrong option.
    """

    id: str
    title: Text
    options: Mapping[str, Text]
    correct: Callable[[], str]
    diagnoses: Mapping[str, Text]

    def answer_key(self) -> str:
        """The letter of the right option (for instructors and tests)."""
        return self.correct()

    def check(self, answer: object, lang: str = "en") -> tuple[str, str]:
        """Return ``(status, message)`` for ``answer``."""
        letters = ", ".join(self.options)
        if not isinstance(answer, str):
            return "wrong_type", _pick(_NEED_LETTER, lang).format(letters=letters)
        given = answer.strip().strip(".)").upper()
        if given not in self.options:
            return "wrong_type", _pick(_NOT_AN_OPTION, lang).format(given=answer, letters=letters)
        if given == self.answer_key():
            return "correct", _pick(_CORRECT, lang)
        return "wrong", f"{_pick(_WRONG, lang)} {_pick(self.diagnoses[given], lang)}"


Question = NumericQuestion | ChoiceQuestion


@dataclass(frozen=True)
class Exercise:
    """The questions of one topic's exercise and their self-checks.

    Examples
    --------
    >>> q = NumericQuestion("q1", ("Double 21", "21 的两倍"), expected=lambda: 2 * 21,
    ...                     hint=("Multiply by two.", "乘以 2。"))
    >>> ex = Exercise("demo", ("Demo", "示例"), (q,))
    >>> ex.check("q1", 42).passed
    True
    >>> ex.check("q1", ...)
    … q1 (Double 21): Not answered yet 尚未作答: replace the ... with your answer
    and run the cell again.
    """

    name: str
    title: Text
    questions: tuple[Question, ...]

    @property
    def question_ids(self) -> tuple[str, ...]:
        """Ids of the questions, in order."""
        return tuple(q.id for q in self.questions)

    def question(self, question: object) -> Question:
        """Return the question with id ``question`` (case and spaces ignored)."""
        key = question.strip().lower() if isinstance(question, str) else question
        for q in self.questions:
            if q.id == key:
                return q
        listed = ", ".join(repr(i) for i in self.question_ids)
        raise ValueError(
            f"question must be one of {listed} (the questions of the {self.name!r} exercise); "
            f"got {question!r}"
        )

    def check(self, question: str, answer: object, *, lang: str = "en") -> CheckResult:
        """Check ``answer`` to ``question``; never raises for a wrong answer.

        Raises ``ValueError`` only for a question id that does not exist or an
        unknown ``lang``.
        """
        lang = check_lang(lang)
        q = self.question(question)
        title = _pick(q.title, lang)
        if answer is Ellipsis or answer is None:
            return CheckResult(q.id, "not_answered", _pick(_NOT_ANSWERED, lang), title)
        status, message = q.check(answer, lang)
        return CheckResult(q.id, status, message, title)

    def grade(self, answers: Mapping[str, object], *, lang: str = "en") -> tuple[CheckResult, ...]:
        """Check every question; the answer to question ``qN`` is ``answers["qN"]``.

        A question missing from ``answers`` counts as not answered (its
        variable was never defined).
        """
        lang = check_lang(lang)
        results = []
        for q in self.questions:
            if q.id in answers:
                results.append(self.check(q.id, answers[q.id], lang=lang))
            else:
                message = _pick(_UNDEFINED, lang).format(var=q.id)
                results.append(CheckResult(q.id, "not_answered", message, _pick(q.title, lang)))
        return tuple(results)

    def report(self, answers: Mapping[str, object], *, lang: str = "en") -> pd.DataFrame:
        """Check every question and return one row per question (see :meth:`grade`)."""
        rows = [r.to_dict() for r in self.grade(answers, lang=lang)]
        return pd.DataFrame(rows, columns=["question", "title", "status", "passed", "message"])

    def answer_key(self) -> dict[str, float | str]:
        """Expected answer of every question (for instructors and tests)."""
        return {q.id: q.answer_key() for q in self.questions}
