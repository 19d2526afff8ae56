"""Checks that every exercise's tests run the same way, on that exercise's own numbers.

Each ``tests/test_exercises_<topic>.py`` keeps its own hand calculations,
mistake tables, independent implementations and Chinese words; the
assertions that are the same for every exercise (a mistake table's run,
"no answer in the student's files", the student notebook's shape, the
grading end to end) are written once here, as methods of :class:`Topic`.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import ModuleType

import nbformat
import pytest
from nbclient import NotebookClient

from crmlib.exercises import STATUSES, CheckResult, NumericQuestion

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"

#: Words that only the instructor's files may hold.
INSTRUCTOR_WORDS = ("SOLUTION", "Solution notes", "answer_key", "assert_correct", "hidden=True")


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"exercises_{name}", EXERCISES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _load("build")
grade = _load("grade")


def with_student(nb, student: str):
    """A copy of notebook ``nb`` with ``student`` typed as the student number."""
    nb = nbformat.from_dict(nb)
    setup = next(c for c in nb.cells if c.cell_type == "code" and 'STUDENT_ID = ""' in c.source)
    setup.source = setup.source.replace('STUDENT_ID = ""', f'STUDENT_ID = "{student}"')
    return nb


def cell(nb, cell_id: str):
    """The cell of ``nb`` with this id."""
    return next(c for c in nb.cells if c.get("id") == cell_id)


def build_tests(topic: Topic):
    """The fixture ``built`` (a fresh build of ``topic`` compared with the committed files:
    the changed files, and the path of its autograder zip) and the two tests of that build,
    to be bound to these names in an exercise's grading test module."""

    @pytest.fixture(scope="module")
    def built(tmp_path_factory):
        zip_to = tmp_path_factory.mktemp("autograder") / "autograder.zip"
        return topic.build_fresh(zip_to), zip_to

    def test_committed_student_files_equal_a_fresh_build(built):
        changed, _ = built
        assert changed == [], "run `make exercises` and commit"

    def test_autograder_zip_holds_hidden_tests_and_the_key(built):
        topic.assert_autograder_zip(built[1])

    return (built, test_committed_student_files_equal_a_fresh_build,
            test_autograder_zip_holds_hidden_tests_and_the_key)


class Topic:
    """One exercise under test: its folder, its self-check module and its answer key.

    ``module`` is the public self-check module (``crmlib.exercises.<topic>``).
    """

    def __init__(self, folder: str, module: ModuleType):
        self.folder = EXERCISES / folder
        self.module = module
        self.key = build.load_key(self.folder)
        self.exercise = module.EXERCISE
        self.questions = module.QUESTIONS

    def check(self, *args, **kwargs) -> CheckResult:
        return self.module.check(*args, **kwargs)

    def answers_of(self, student: str) -> dict:
        """The answer key's answer to every question in the variant of ``student``."""
        p = self.module.parameters(self.module.variant_of(student))
        return {qid: self.key.answer(qid, p[qid]) for qid in self.questions}

    # --- the answer key ---------------------------------------------------------------------

    def assert_key_matches_hand(self, hand: Mapping[str, object], rel: float) -> None:
        """The key's answers with variant 0's numbers are the hand calculations ``hand``."""
        for qid, value in hand.items():
            got = self.key.answer(qid, self.module.parameters(0)[qid])
            if isinstance(value, str):
                assert got == value
            else:
                assert got == pytest.approx(value, rel=rel), qid

    def assert_key_matches(self, independent: Callable[[str, dict], object], rel: float,
                           variants: Iterable[int] | None = None,
                           questions: Iterable[str] | None = None) -> None:
        """The key agrees with an ``independent(qid, numbers)`` implementation."""
        variants = range(self.exercise.n_variants) if variants is None else variants
        questions = self.questions if questions is None else list(questions)
        for variant in variants:
            p = self.module.parameters(variant)
            for qid in questions:
                want = independent(qid, p[qid])
                got = self.key.answer(qid, p[qid])
                assert got == (want if isinstance(want, str) else pytest.approx(want, rel=rel)), (
                    variant, qid)

    def assert_variant_0_keeps_every_diagnosis(self, dropped: Mapping[str, int] | None = None,
                                               *, count_percent: bool = False) -> None:
        """Variant 0 tells every listed mistake apart but the ``dropped`` ones of a question.

        The percent slips the build adds are not listed mistakes; ``count_percent``
        counts them as kept (for exercises with no rate whose slip is told apart).
        """
        for q in self.exercise.questions:
            if isinstance(q, NumericQuestion):
                p = self.module.parameters(0)[q.id]
                listed = sum(len(v) for v in self.key.mistakes(q.id, p).values())
                kept = [v for v, _ in build.verdict_values(self.key, q, p)
                        if v != "correct" and (count_percent or not v.startswith("percent:"))]
                assert len(kept) == listed - (dropped or {}).get(q.id, 0), q.id

    # --- the self-checks --------------------------------------------------------------------

    def assert_passes(self, qid: str, answer: object) -> None:
        res = self.check(qid, answer)
        assert res.passed and res.status == "correct"

    def assert_diagnosed(self, qid: str, answer: object, words: str, expected: object,
                         shown: Iterable[str]) -> None:
        """A mistake table's row: ``answer`` is wrong, diagnosed with ``words``, and the
        message shows none of the ``shown`` formats (``"{0:.2f}"``; ``{1}`` is 100 times
        the value) of the ``expected`` answer."""
        res = self.check(qid, answer)
        assert res.status == "wrong" and not res.passed
        assert words in res.message, res.message
        if not isinstance(expected, str):  # the message never gives the answer away
            for form in shown:
                assert form.format(expected, 100 * expected) not in res.message

    def assert_every_question_has_mistakes(self, mistakes) -> None:
        assert {qid for qid, _, _ in mistakes} == set(self.questions)

    def assert_messages(self, cases, *, lang: str = "zh", not_answered: str | None = None
                        ) -> None:
        """Each ``(qid, answer, words)`` gets a message with ``words`` in ``lang``; the
        placeholder of ``not_answered`` is reported as not answered yet in Chinese."""
        for qid, answer, words in cases:
            assert words in self.check(qid, answer, lang=lang).message, (qid, words)
        if not_answered is not None:
            assert self.check(not_answered, ..., lang="zh").message.startswith("尚未作答")

    def assert_answer_form(self, qid: str, answer: object, status: str, words: str) -> None:
        res = self.check(qid, answer)
        assert res.status == status and words in res.message

    def assert_choice_answer_forms(self, qid: str, number: int, letter: str,
                                   options: str | None = None) -> None:
        """A number and a letter that is no option are the wrong type of answer."""
        assert self.check(qid, number).status == "wrong_type"
        res = self.check(qid, letter)
        words = "not one of the options" + (f" {options}" if options else "")
        assert res.status == "wrong_type" and words in res.message

    def assert_never_raises(self, answer: object, student: str) -> None:
        for qid in self.questions:
            res = self.check(qid, answer, student=student)
            assert isinstance(res, CheckResult) and res.status in STATUSES
            assert res.passed == (res.status == "correct")

    def assert_rejects_question(self, bad: str, match: str) -> None:
        with pytest.raises(ValueError, match=match):
            self.check(bad, 1.0)

    def assert_rejects_variant(self, bad: object = -1) -> None:
        with pytest.raises(ValueError, match=f"variant must be a whole number >= 0; got {bad}"):
            self.module.parameters(bad)

    def assert_check_all(self, answers: Mapping[str, object]) -> None:
        """``check_all`` reports every question; the first answer is right, the next two not
        answered."""
        table = self.module.check_all(answers)
        assert table["question"].tolist() == list(self.questions)
        assert table["status"].tolist()[:3] == ["correct", "not_answered", "not_answered"]

    # --- per-student variants ---------------------------------------------------------------

    def assert_variants_spread(self) -> None:
        """No student number gives variant 0; 200 student numbers reach every other one."""
        variant_of = self.module.variant_of
        assert variant_of("") == variant_of(None) == 0
        assert variant_of(" 2026002 ") == variant_of(2026002)
        assert {variant_of(str(2026000 + i)) for i in range(200)} == set(
            range(1, self.exercise.n_variants))

    def assert_variants_vary(self) -> None:
        for qid in self.questions:
            drawn = {repr(self.module.parameters(v)[qid])
                     for v in range(1, self.exercise.n_variants)}
            assert len(drawn) >= 10, qid

    def assert_variants_grade_apart(self, a: str, b: str, *, equal_allowed: bool = False
                                    ) -> None:
        """Students ``a`` and ``b`` each pass with their own answers and fail with the other's,
        in the self-check and in the hidden test (where ``equal_allowed``, only for the
        questions whose two answers differ)."""
        answers_a, answers_b = self.answers_of(a), self.answers_of(b)
        for qid in self.questions:
            assert self.check(qid, answers_a[qid], student=a).passed
            assert self.check(qid, answers_b[qid], student=b).passed
            self.key.assert_correct(qid, answers_a[qid], a)  # the hidden test agrees
            if equal_allowed and answers_a[qid] == answers_b[qid]:
                continue
            assert not self.check(qid, answers_a[qid], student=b).passed, qid
            assert not self.check(qid, answers_b[qid], student=a).passed, qid
            with pytest.raises(AssertionError):
                self.key.assert_correct(qid, answers_a[qid], b)
            with pytest.raises(AssertionError):
                self.key.assert_correct(qid, answers_b[qid], a)

    # --- the student's files hold no answer -------------------------------------------------

    def answer_pattern(self, shown: Callable[[NumericQuestion, float], Iterable[str]]):
        """Every numeric answer of every variant, as the texts ``shown(question, value)``."""
        texts = set()
        for variant in range(self.exercise.n_variants):
            p = self.module.parameters(variant)
            for q in self.exercise.questions:
                value = self.key.answer(q.id, p[q.id])
                if not isinstance(value, str):
                    texts.update(shown(q, value))
        alternatives = "|".join(re.escape(s) for s in sorted(texts))
        return re.compile(rf"(?<![\d.,])({alternatives})(?![\d])")

    def student_facing_texts(self) -> dict[str, str]:
        """The student notebook, its public tests and the installed self-check package."""
        files = {"student.ipynb": (self.folder / "student.ipynb").read_text(encoding="utf-8")}
        for path in sorted((self.folder / "tests").glob("*.py")):
            files[f"tests/{path.name}"] = path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "crmlib" / "exercises").rglob("*")):
            if path.is_file() and path.suffix in {".py", ".json"}:
                files[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
        return files

    def assert_no_answer_in_student_files(self, pattern) -> None:
        for name, text in self.student_facing_texts().items():
            assert pattern.search(text) is None, (name, pattern.search(text))

    def assert_student_notebook_clean(self, words: Iterable[str] = (), *,
                                      open_question: bool = True,
                                      imports_check: bool = True) -> None:
        """Placeholders and public tests only: no instructor word, none of ``words``, an
        empty answer cell per question, no outputs, public tests that score nothing."""
        student = nbformat.read(self.folder / "student.ipynb", as_version=4)
        text = (self.folder / "student.ipynb").read_text(encoding="utf-8")
        for word in (*INSTRUCTOR_WORDS, *words):
            assert word not in text, word
        for qid in self.questions:
            assert cell(student, f"answer-{qid}").source == f"{qid} = ..."
        if open_question:
            assert cell(student, "answer-open-1").cell_type == "markdown"
        for c in student.cells:
            if c.cell_type == "code":
                assert c.outputs == [] and c.execution_count is None
        assert student.metadata["otter"]["assignment_name"] == self.folder.name
        assert student.metadata["kernelspec"]["name"] == "python3"
        tests = self.folder / "tests"
        for path in tests.glob("*.py"):
            test = path.read_text(encoding="utf-8")
            assert "hidden=True" not in test and "answer_key" not in test, path.name
            assert "points=0, hidden=False" in test  # the public check scores nothing
            if imports_check:
                assert f"{self.module.__name__} import check" in test
        assert sorted(p.stem for p in tests.glob("*.py")) == sorted(self.questions)

    def assert_questions_read(self, points: int = 10, manual: tuple[str, ...] = ("q7",)
                              ) -> None:
        """The grader reads the questions, their points and the hand-graded ones."""
        questions = grade.exercise_questions(self.folder)
        assert [q.name for q in questions] == [*self.questions, *manual]
        assert sum(q.points for q in questions if not q.manual) == points
        assert [q.name for q in questions if q.manual] == list(manual)

    # --- grading end to end (slow) ----------------------------------------------------------

    def build_fresh(self, zip_to: Path) -> list:
        """Build into a comparison with the committed files; the autograder zip to ``zip_to``."""
        return build.build(self.folder, check=True, zip_to=zip_to)

    def assert_autograder_zip(self, zip_to: Path) -> None:
        """The zip holds the key, otter's files and every question's hidden test."""
        with zipfile.ZipFile(zip_to) as zf:
            names = set(zf.namelist())
            assert {"files/answer_key.py", "otter_config.json", "run_autograder"} <= names
            for qid in self.questions:
                test = zf.read(f"tests/{qid}.py").decode()
                assert "hidden=True" in test and f"assert_correct('{qid}'" in test
            config = json.loads(zf.read("otter_config.json"))
        assert config["assignment_name"] == self.folder.name and config["show_hidden"] is False

    def notebook(self, name: str = "student"):
        return nbformat.read(self.folder / f"{name}.ipynb", as_version=4)

    def copied_answers(self, nb, student: str, open_answer: str):
        """Notebook ``nb`` with the answers of ``student`` typed in as values."""
        for qid, value in self.answers_of(student).items():
            cell(nb, f"answer-{qid}").source = f"{qid} = {value!r}"
        cell(nb, "answer-open-1").source = open_answer
        return nb

    def grade_class(self, notebooks: Mapping[str, object], folder: Path, exercise: str,
                    autograder: Path):
        """Grade ``notebooks`` (name -> notebook) handed in as ``folder/<name>/student.ipynb``;
        the reports by submission, and the folder of grades."""
        for name, nb in notebooks.items():
            (folder / name).mkdir(parents=True)
            nbformat.write(nb, folder / name / "student.ipynb")
        out = folder.parent / "grades"
        reports = grade.grade_class([folder], exercise=exercise, out=out, autograder=autograder,
                                    jobs=2, timeout=600)
        return {r["submission"]: r for r in reports}, out

    def grade_copied_class(self, tmp_path_factory, built, exercise: str, *, alice: str,
                           bob: str, erin: str, open_answer: str):
        """alice hands in the untouched student notebook, bob the solution, erin (another
        variant) bob's answers typed in as values and ``open_answer``; see :meth:`grade_class`."""
        student = self.notebook()
        notebooks = {
            "alice": with_student(student, alice),
            "bob": with_student(self.notebook("solution"), bob),
            "erin": self.copied_answers(with_student(student, erin), bob, open_answer),
        }
        return self.grade_class(notebooks, tmp_path_factory.mktemp("class") / "download",
                                exercise, built[1])

    def grade_solution_and_untouched(self, tmp_path_factory, built, exercise: str,
                                     student: str):
        """bob hands in the solution (in the variant of ``student``), alice the untouched
        student notebook; see :meth:`grade_class`."""
        notebooks = {"bob": with_student(self.notebook("solution"), student),
                     "alice": self.notebook()}
        return self.grade_class(notebooks, tmp_path_factory.mktemp(f"class{exercise}")
                                / "download", exercise, built[1])

    @staticmethod
    def assert_grades_hide_answers_and_export_open(out: Path, pattern, question: str) -> None:
        """No answer in the grades table; alice's open answer (the placeholder) exported."""
        assert pattern.search((out / "grades.csv").read_text(encoding="utf-8")) is None
        with (out / "open_answers.csv").open(encoding="utf-8") as handle:
            rows = {r["submission"]: r for r in csv.DictReader(handle)}
        assert rows["alice/student"]["question"] == question
        assert rows["alice/student"]["answer"].startswith("_Type your answer here")

    def assert_full_marks(self, report, points: int, student: str) -> None:
        assert report["error"] is None, report["error"]
        assert report["score"] == report["max_score"] == points
        assert report["student_id"] == student
        assert report["variant"] == self.module.variant_of(student)
        assert [r["question"] for r in report["rows"]] == list(self.questions)
        assert [r["status"] for r in report["rows"]] == ["correct"] * len(self.questions)

    @staticmethod
    def assert_scores_0_unanswered(report) -> None:
        assert report["error"] is None and report["score"] == 0
        for row in report["rows"]:
            assert row["status"] == "not_answered", row
            assert row["message"].startswith("Not answered yet")

    @staticmethod
    def assert_graded_wrong(report, pattern) -> None:
        assert report["error"] is None and report["score"] == 0
        assert all(r["status"] == "wrong" for r in report["rows"])
        assert not pattern.search(json.dumps(report["rows"], ensure_ascii=False))

    def run_student_notebook(self, nb, where: Path, pattern, timeout: int = 120) -> dict:
        """Run ``nb`` with the public tests beside it; every cell must run and no output may
        show an answer. The text each cell shows, by cell id."""
        (where / "tests").mkdir()
        for test in (self.folder / "tests").glob("*.py"):
            (where / "tests" / test.name).write_text(test.read_text(encoding="utf-8"))
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(where)}}).execute()
        shown = {c.get("id"): "".join(o.get("text", "") + str(o.get("data", {}))
                                      for o in c.get("outputs", [])) for c in nb.cells}
        assert all(o.get("output_type") != "error" for c in nb.cells
                   for o in c.get("outputs", []))
        assert pattern.search("\n".join(shown.values())) is None
        return shown
