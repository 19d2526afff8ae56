"""Exercise self-checks 练习自测: verdicts that say what is wrong, not what is right.

Each course topic with an exercise has a public module here (``clv`` for
notebook 04) whose ``check(question, answer)`` returns a
:class:`CheckResult`. The notebooks live in the repository's
``exercises/`` folder, with the build script and the autograder.
"""

from crmlib.exercises._core import (
    STATUSES,
    CheckResult,
    ChoiceQuestion,
    Exercise,
    Mistake,
    NumericQuestion,
)

__all__ = [
    "STATUSES",
    "CheckResult",
    "ChoiceQuestion",
    "Exercise",
    "Mistake",
    "NumericQuestion",
]
