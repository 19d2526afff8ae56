"""Exercise self-checks 练习自测: verdicts that say what is wrong, not what is right.

Each course topic with an exercise has a public module here
(``customer_value`` for notebook 01, ``segmentation`` 02, ``lifecycle`` 03,
``clv`` 04, ``equity`` 06, ``loyalty`` 07, ``strategy`` 08) whose
``check(question, answer, student=...)`` returns a :class:`CheckResult`.
The package holds no answers: each check compares a digest of the rounded
answer with digests the instructor's build stored in
``crmlib/exercises/data/``. The notebooks, the answer keys and the grading
tools live in the repository's ``exercises/`` folder.
"""

from crmlib.exercises._core import (
    STATUSES,
    CheckResult,
    ChoiceQuestion,
    Exercise,
    NumericQuestion,
)

__all__ = [
    "STATUSES",
    "CheckResult",
    "ChoiceQuestion",
    "Exercise",
    "NumericQuestion",
]
