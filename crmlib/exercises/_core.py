"""Self-check machinery shared by every exercise: results, questions and exercises.

A self-check never holds the right answer. For each variant of an exercise
(the numbers a student gets from their student number), the instructor's
build stores *digests* of the right answer and of the values that common
mistakes give, each rounded to the precision the question asks for, in
``crmlib/exercises/data/<exercise>.json``. A check rounds the student's
answer the same way, hashes it and looks the digest up: it can say
"correct" or name the mistake, but nothing in the installed package can
compute or print the answer. The hash is a salted, deliberately slow
PBKDF2, so trying many values costs about as much as calling the check
itself many times (see exercises/README.md for the limits).

Checking an answer never raises: it returns a :class:`CheckResult` whose
message says what is wrong without giving the answer away. Grading (the
hidden tests in the instructor's autograder) uses :meth:`NumericQuestion.accepts`
with the same precision rule.
"""

from __future__ import annotations

import hashlib
import html
import inspect
import json
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from crmlib.i18n import check_lang

__all__ = [
    "DIGEST_ITERATIONS",
    "STATUSES",
    "CheckResult",
    "ChoiceQuestion",
    "Exercise",
    "NumericQuestion",
    "Question",
    "answer_digest",
    "number_token",
    "topic_checks",
]

#: (English, 中文) text.
Text = tuple[str, str]

#: Possible outcomes of a check.
STATUSES = ("correct", "wrong", "not_answered", "wrong_type")

#: PBKDF2-SHA256 rounds per digest: a few milliseconds, so a search costs like many checks.
DIGEST_ITERATIONS = 20_000

#: Verdict keys of a digest table besides the mistake keys of an exercise.
CORRECT = "correct"
CLOSE = "close"
PERCENT_PREFIX = "percent:"

#: Environment variable through which the class grader passes a roster's student number.
ROSTER_VARIABLE = "CRMLAB_STUDENT_ID"
#: Environment variable through which the class grader asks for messages in another language.
LANG_VARIABLE = "CRMLAB_LANG"

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
_PERCENT_ANSWER: Text = (
    "It looks like you gave the answer in percent (75 for 0.75): give it as a decimal "
    "fraction.",
    "看起来你用百分数作答了（写了 75 而不是 0.75）：请给出小数形式。",
)
_PERCENT_INPUT: Text = (
    "It looks like you used {name} as a percentage ({percent:g} instead of {value:g}): "
    "a rate of {percent:g}% enters a formula as {value:g}.",
    "看起来你把{name}当成了百分数（用了 {percent:g} 而不是 {value:g}）：{percent:g}% 代入公式时"
    "应写作 {value:g}。",
)
_NO_TABLE: Text = (
    "The self-checks of exercise {name!r} are not installed (crmlib/exercises/data/{name}.json "
    "is missing); ask your instructor, or run `make exercises`.",
    "练习 {name!r} 的自测数据没有安装（缺少 crmlib/exercises/data/{name}.json）；"
    "请询问老师，或运行 `make exercises`。",
)
_CLOSE: Text = (
    "Close, but not right at the asked precision: do not round in the middle of the "
    "calculation, and give at least {decimals} decimals.",
    "接近了，但在要求的精度上还不对：不要在计算中途四舍五入，并至少保留 {decimals} 位小数。",
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


def number_token(value: float, decimals: int) -> str:
    """The text that is hashed for ``value`` at ``decimals`` decimals (an integer count of units).

    Examples
    --------
    >>> number_token(12.3456, 2), number_token(-0.004, 2), number_token(3.1, 0)
    ('1235', '0', '3')
    """
    units = round(float(value) * 10**decimals)
    return str(units if units != 0 else 0)


def answer_digest(exercise: str, question: str, variant: int, token: str) -> str:
    """Salted, slow digest of one answer ``token`` of one question of one variant.

    The salt names the exercise, the question and the variant, so equal
    values in two questions or two variants give unrelated digests.

    Examples
    --------
    >>> d = answer_digest("demo", "q1", 0, "4200")
    >>> len(d), d == answer_digest("demo", "q1", 1, "4200")
    (20, False)
    """
    salt = f"crm-value-lab/{exercise}/{question}/{variant}".encode()
    return hashlib.pbkdf2_hmac("sha256", token.encode(), salt, DIGEST_ITERATIONS).hex()[:20]


def _coarse_token(value: float) -> str:
    return "~" + format(float(value), ".2g")


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



def _answer_as_number(answer: object, lang: str) -> tuple[float | None, tuple[str, str] | None]:
    """``(number, None)`` for a usable numeric answer, else ``(None, (status, message))``."""
    if isinstance(answer, str):
        return None, ("wrong_type", _pick(_TEXT_NOT_NUMBER, lang))
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, (Real, np.number)):
        kind = type(answer).__name__
        if hasattr(answer, "value"):
            return None, ("wrong_type", _pick(_RESULT_OBJECT, lang).format(kind=kind))
        return None, ("wrong_type", _pick(_NEED_NUMBER, lang).format(kind=kind))
    given = float(answer)  # type: ignore[arg-type]
    if not math.isfinite(given):
        return None, ("wrong_type", _pick(_NOT_FINITE, lang))
    return given, None


@dataclass(frozen=True)
class NumericQuestion:
    """A question whose answer is one number, given to ``decimals`` decimals.

    An answer is right when, counted in units of the last asked decimal, it
    is at most one unit from the expected value (so 12.35 and 12.3456
    both pass for 12.3456 at two decimals). ``rates`` names the question's
    parameters that are rates, each with its label: the build adds, for
    every one of them, the value a student gets by entering it in percent.
    ``rate_answer`` says that the answer itself is a rate (75 for 0.75 is
    then diagnosed).
    """

    id: str
    title: Text
    hint: Text
    decimals: int = 2
    rates: Mapping[str, Text] = field(default_factory=dict)
    rate_answer: bool = False

    def accepts(self, answer: object, expected: float) -> bool:
        """Whether ``answer`` is ``expected`` at the asked precision (the grading rule).

        Examples
        --------
        >>> q = NumericQuestion("q1", ("t", "t"), ("h", "h"), decimals=2)
        >>> q.accepts(12.35, 12.3456), q.accepts(12.3, 12.3456), q.accepts("12.35", 12.35)
        (True, False, False)
        """
        given, _ = _answer_as_number(answer, "en")
        if given is None:
            return False
        return abs(int(number_token(given, self.decimals))
                   - int(number_token(expected, self.decimals))) <= 1

    def _lookup(self, table: Mapping[str, str], digest: Callable[[str], str],
                value: float) -> str | None:
        units = int(number_token(value, self.decimals))
        for step in (0, -1, 1):
            verdict = table.get(digest(str(units + step)))
            if verdict is not None:
                return verdict
        return None

    def check(self, answer: object, table: Mapping[str, str], digest: Callable[[str], str],
              diagnoses: Mapping[str, Text], numbers: Mapping[str, Any],
              lang: str = "en") -> tuple[str, str]:
        """Return ``(status, message)`` for ``answer`` against one variant's digest ``table``."""
        given, bad = _answer_as_number(answer, lang)
        if bad is not None:
            return bad
        assert given is not None
        verdict = self._lookup(table, digest, given)
        if verdict == CORRECT:
            return "correct", _pick(_CORRECT, lang)
        wrong = _pick(_WRONG, lang)
        if verdict is not None and verdict.startswith(PERCENT_PREFIX):
            name = verdict[len(PERCENT_PREFIX):]
            value = float(numbers[name])
            text = _pick(_PERCENT_INPUT, lang).format(
                name=_pick(self.rates[name], lang), percent=round(100 * value, 6), value=value)
            return "wrong", f"{wrong} {text}"
        if verdict is not None:
            return "wrong", f"{wrong} {_pick(diagnoses[verdict], lang)}"
        if given != 0 and self._lookup(table, digest, -given) == CORRECT:
            return "wrong", f"{wrong} {_pick(_SIGN, lang)}"
        if self._lookup(table, digest, given / 100) == CORRECT:
            text = _PERCENT_ANSWER if self.rate_answer else _HUNDRED
            return "wrong", f"{wrong} {_pick(text, lang)}"
        if self._lookup(table, digest, given * 100) == CORRECT:
            return "wrong", f"{wrong} {_pick(_HUNDRED, lang)}"
        if any(table.get(digest(_coarse_token(given * f))) == CLOSE for f in (0.99, 1.0, 1.01)):
            return "wrong", f"{wrong} {_pick(_CLOSE, lang).format(decimals=self.decimals)}"
        return "wrong", f"{wrong} {_pick(self.hint, lang)}"


@dataclass(frozen=True)
class ChoiceQuestion:
    """A multiple-choice question answered with one letter.

    The options of a variant come from the exercise's parameters (key
    ``"options"``: letter -> option key), so the letters can be shuffled
    between variants; the digest table maps each letter to ``"correct"`` or
    to the diagnosis key of the misconception behind it.
    """

    id: str
    title: Text
    options: Mapping[str, Text]

    def accepts(self, answer: object, expected: str) -> bool:
        """Whether ``answer`` is the letter ``expected`` (case, spaces and ``.)`` ignored).

        Examples
        --------
        >>> q = ChoiceQuestion("q6", ("t", "t"), {})
        >>> q.accepts(" c) ", "C"), q.accepts("A", "C"), q.accepts(3, "C")
        (True, False, False)
        """
        return isinstance(answer, str) and answer.strip().strip(".)").upper() == expected

    def check(self, answer: object, table: Mapping[str, str], digest: Callable[[str], str],
              diagnoses: Mapping[str, Text], numbers: Mapping[str, Any],
              lang: str = "en") -> tuple[str, str]:
        """Return ``(status, message)`` for ``answer`` against one variant's digest ``table``."""
        letters = ", ".join(sorted(numbers["options"]))
        if not isinstance(answer, str):
            return "wrong_type", _pick(_NEED_LETTER, lang).format(letters=letters)
        given = answer.strip().strip(".)").upper()
        if given not in numbers["options"]:
            return "wrong_type", _pick(_NOT_AN_OPTION, lang).format(given=answer, letters=letters)
        verdict = table.get(digest(given))
        if verdict == CORRECT:
            return "correct", _pick(_CORRECT, lang)
        if verdict in diagnoses:
            return "wrong", f"{_pick(_WRONG, lang)} {_pick(diagnoses[verdict], lang)}"
        return "wrong", _pick(_WRONG, lang)


Question = NumericQuestion | ChoiceQuestion


@cache
def _load_table(name: str) -> dict[str, Any] | None:
    path = resources.files("crmlib.exercises").joinpath("data", f"{name}.json")
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Exercise:
    """The questions of one topic's exercise, its variants and their self-checks.

    Parameters
    ----------
    name : str
        Short name, also the name of the digest table ``data/<name>.json``.
    title : (str, str)
        English and Chinese title.
    questions : tuple of NumericQuestion or ChoiceQuestion
        The questions, in order.
    parameters : callable
        ``parameters(variant)`` -> question id -> that question's numbers.
        Variant 0 holds the numbers printed in the course; the others are
        drawn from a generator seeded with the variant number.
    diagnoses : mapping
        Mistake key -> (English, Chinese) diagnosis.
    n_variants : int
        Number of variants; a student number picks one of 1 .. n_variants - 1.
    table : mapping, optional
        The digest table itself (default: read from ``data/<name>.json``).
    """

    name: str
    title: Text
    questions: tuple[Question, ...]
    parameters: Callable[[int], Mapping[str, Mapping[str, Any]]]
    diagnoses: Mapping[str, Text]
    n_variants: int = 30
    table: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)

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

    def variant_of(self, student: object = "") -> int:
        """The variant of a student number: 0 (the course's numbers) for none, else 1 .. n-1.

        The student number is read as text with surrounding spaces removed, so
        ``2026001`` and ``" 2026001"`` give the same variant.
        """
        key = "" if student is None else str(student).strip()
        if not key:
            return 0
        digest = hashlib.sha256(f"crm-value-lab/{self.name}/{key}".encode()).hexdigest()
        return 1 + int(digest, 16) % (self.n_variants - 1)

    def numbers(self, question: str, student: object = "") -> dict[str, Any]:
        """The numbers of ``question`` in the variant of ``student``."""
        q = self.question(question)
        return dict(self.parameters(self.variant_of(student))[q.id])

    def option_texts(self, question: str, texts: Mapping[str, Text], student: object = "",
                     lang: str = "en") -> pd.Series:
        """The options of choice ``question`` in the variant of ``student``, by letter.

        ``texts`` maps each option key of the question's ``"options"``
        (letter -> option key) to its (English, Chinese) text.
        """
        lang = check_lang(lang)
        letters = self.numbers(question, student)["options"]
        return pd.Series({letter: _pick(texts[key], lang)
                          for letter, key in sorted(letters.items())}, name="option")

    def _table(self, variant: int, qid: str, lang: str) -> Mapping[str, str]:
        data = self.table if self.table is not None else _load_table(self.name)
        if data is None:
            raise FileNotFoundError(_pick(_NO_TABLE, lang).format(name=self.name))
        return data["digests"][str(variant)][qid]

    def check(self, question: str, answer: object, *, student: object = "",
              lang: str = "en") -> CheckResult:
        """Check ``answer`` to ``question`` in the variant of ``student``; never raises for a
        wrong answer.

        Raises ``ValueError`` only for a question id that does not exist or an
        unknown ``lang``.
        """
        lang = check_lang(lang)
        q = self.question(question)
        title = _pick(q.title, lang)
        if answer is Ellipsis or answer is None:
            return CheckResult(q.id, "not_answered", _pick(_NOT_ANSWERED, lang), title)
        variant = self.variant_of(student)
        table = self._table(variant, q.id, lang)

        def digest(token: str) -> str:
            return answer_digest(self.name, q.id, variant, token)

        numbers = self.parameters(variant)[q.id]
        status, message = q.check(answer, table, digest, self.diagnoses, numbers, lang)
        return CheckResult(q.id, status, message, title)

    def grade(self, answers: Mapping[str, object], *, student: object = "",
              lang: str = "en") -> tuple[CheckResult, ...]:
        """Check every question; the answer to question ``qN`` is ``answers["qN"]``.

        A question missing from ``answers`` counts as not answered (its
        variable was never defined).
        """
        lang = check_lang(lang)
        results = []
        for q in self.questions:
            if q.id in answers:
                results.append(self.check(q.id, answers[q.id], student=student, lang=lang))
            else:
                message = _pick(_UNDEFINED, lang).format(var=q.id)
                results.append(CheckResult(q.id, "not_answered", message, _pick(q.title, lang)))
        return tuple(results)

    def report(self, answers: Mapping[str, object], *, student: object = "",
               lang: str = "en") -> pd.DataFrame:
        """Check every question and return one row per question (see :meth:`grade`)."""
        rows = [r.to_dict() for r in self.grade(answers, student=student, lang=lang)]
        return pd.DataFrame(rows, columns=["question", "title", "status", "passed", "message"])

    def assert_graded(self, question: str, answer: object, student: object,
                      key: Callable[[str, Mapping[str, Any]], float | str]) -> None:
        """The hidden test of ``question``: raise ``AssertionError`` unless ``answer`` is right.

        Used by the instructor's autograder only. ``key(question, numbers)`` is
        the answer key (it lives with the instructor, never in this package).
        The variant is that of the student number in the environment variable
        ``CRMLAB_STUDENT_ID`` (set by the class grader from a roster) if it is
        set, else of ``student`` (typed in the notebook). The assertion
        message is the student's diagnosis (in the language named by
        ``CRMLAB_LANG``, English by default), so grade reports say why.
        """
        roster = os.environ.get(ROSTER_VARIABLE, "").strip()
        lang = os.environ.get(LANG_VARIABLE, "").strip() or "en"
        student = roster or student
        q = self.question(question)
        expected = key(q.id, self.parameters(self.variant_of(student))[q.id])
        if not q.accepts(answer, expected):  # type: ignore[arg-type]
            raise AssertionError(self.check(q.id, answer, student=student, lang=lang).message)


# -- the public functions of a topic's self-check module -----------------------------------------

_VARIANT_OF_DOC = """\
The variant (0-{last}) whose numbers the student with this student number works with.

No student number gives variant 0, {own_numbers}.

Examples
--------
>>> variant_of(""), variant_of("2026001") == variant_of(" 2026001 ")
(0, True)
"""

_NUMBERS_DOC = """\
The numbers of ``question`` for the student with this student number.

Examples
--------
{example}
"""

_CHECK_DOC = """\
Check an answer to a question of the {subject} exercise.

Parameters
----------
question : str
    Question id, one of ``QUESTIONS`` (``"{first}"`` ... ``"{last}"``; case is
    ignored).
answer : object
    The answer: {kinds}.
    ``...`` (the placeholder) or ``None`` means not answered yet.
student : str
    The student number typed in the exercise's first cell; it picks the
    numbers (the variant) the answer is checked against. Empty: the
    {own_numbers}.
lang : {{"en", "zh"}}
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
{notes}

References
----------
{references}

Examples
--------
{examples}
"""

_CHECK_ALL_DOC = """\
Check every question at once; pass ``globals()`` from the exercise notebook.

Parameters
----------
answers : mapping
    Question id -> answer, e.g. ``globals()`` (the answer to ``qN`` is the
    variable ``qN``); a question missing from it counts as not answered.
student : str
    The student number (see :func:`check`).
lang : {{"en", "zh"}}
    Language of the messages.

Returns
-------
pandas.DataFrame
    One row per question: ``question``, ``title``, ``status``,
    ``passed``, ``message``.

Examples
--------
>>> table = check_all({answers})
>>> table["status"].tolist()[:2], int(table["passed"].sum())
(['not_answered', 'not_answered'], 0)
"""


def _answer_kinds(exercise: Exercise) -> str:
    """``a number for ``q1``-``q5``, a letter for ``q6```` from the kinds of the questions."""
    numeric = [q.id for q in exercise.questions if isinstance(q, NumericQuestion)]
    letters = [q.id for q in exercise.questions if isinstance(q, ChoiceQuestion)]
    kinds = []
    if numeric:
        span = numeric[0] if len(numeric) == 1 else f"{numeric[0]}``-``{numeric[-1]}"
        kinds.append(f"a number for ``{span}``")
    if letters:
        kinds.append("a letter for " + ", ".join(f"``{q}``" for q in letters))
    return ", ".join(kinds)


def topic_checks(exercise: Exercise, module: str, *, subject: str, numbers_example: str,
                 notes: str, references: str, examples: str, check_all_answers: str,
                 own_numbers: str = "course's own numbers"
                 ) -> tuple[Callable[..., int], Callable[..., dict],
                            Callable[..., CheckResult], Callable[..., pd.DataFrame]]:
    """The functions ``variant_of``, ``numbers``, ``check`` and ``check_all`` of one topic.

    Every topic's self-check module offers the same four functions, bound to
    its ``exercise``; they are made here once, with the common parts of
    their docstrings, and belong to ``module`` (so that its doctests run
    and ``help()`` shows them as the module's own). The topic supplies
    only what differs: the exercise's name in the ``check`` summary
    (``subject``), the doctest of ``numbers``, the Notes (formula and
    precision), References and Examples of ``check``, and the answers
    mapping of the ``check_all`` doctest (``check_all_answers``, Python
    source).

    Examples
    --------
    >>> q = NumericQuestion("q1", ("Margin", "利润"), ("m", "m"))
    >>> ex = Exercise("demo", ("Demo", "示例"), (q,), lambda v: {"q1": {"m": 1.0}}, {})
    >>> variant_of, numbers, check, check_all = topic_checks(
    ...     ex, "demo", subject="demo", numbers_example=">>> numbers('q1')",
    ...     notes="n", references="r", examples=">>> check('q1', ...)",
    ...     check_all_answers="{}")
    >>> numbers("q1"), check.__module__, check.__doc__.splitlines()[0]
    ({'m': 1.0}, 'demo', 'Check an answer to a question of the demo exercise.')
    """
    first, last = exercise.question_ids[0], exercise.question_ids[-1]

    def variant_of(student: object = "") -> int:
        return exercise.variant_of(student)

    def numbers(question: str, student: object = "") -> dict:
        return exercise.numbers(question, student)

    def check(question: str, answer: object, *, student: object = "",
              lang: str = "en") -> CheckResult:
        return exercise.check(question, answer, student=student, lang=lang)

    def check_all(answers: Mapping[str, object], *, student: object = "",
                  lang: str = "en") -> pd.DataFrame:
        return exercise.report(answers, student=student, lang=lang)

    variant_of.__doc__ = _VARIANT_OF_DOC.format(last=exercise.n_variants - 1,
                                                own_numbers="the " + own_numbers)
    numbers.__doc__ = _NUMBERS_DOC.format(example=inspect.cleandoc(numbers_example))
    check.__doc__ = _CHECK_DOC.format(
        subject=subject, first=first, last=last, kinds=_answer_kinds(exercise),
        own_numbers=own_numbers, notes=inspect.cleandoc(notes),
        references=inspect.cleandoc(references), examples=inspect.cleandoc(examples))
    check_all.__doc__ = _CHECK_ALL_DOC.format(answers=check_all_answers)
    functions = (variant_of, numbers, check, check_all)
    for function in functions:
        function.__module__ = module
        function.__qualname__ = function.__name__
    return functions
