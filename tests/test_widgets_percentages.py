"""A percentage of an observed 0 is shown as "n/a" (无), never as "inf%" or "nan%".

Where the kit shows a percentage (an error against an observed count, a gain
against a base value, a share of a total), a base of 0 makes it undefined. The
result objects keep NaN (documented); what a widget or plot writes is "n/a".
"""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib.equity import more_longer_deeper
from crmlib.plotting import plot_levers
from crmlib.plotting._axes import percent_text
from crmlib.widgets import (
    lever_explorer,
    retention_projector,
    rfm_explorer,
    value_matrix_explorer,
)

NA = {"en": "n/a", "zh": "无"}


def _no_undefined_percent(text: str) -> None:
    for bad in ("inf%", "nan%", "inf %", "nan %"):
        assert bad not in text


@pytest.mark.parametrize(("value", "lang", "shown"), [
    (0.25, "en", "25.0%"), (float("nan"), "en", "n/a"), (float("inf"), "zh", "无"),
    (float("-inf"), "en", "n/a"),
])
def test_percent_text(value, lang, shown):
    assert percent_text(value, lang) == shown


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_projection_error_of_a_cohort_that_empties_is_not_available(lang):
    # every held-back year has 0 customers: |expected - 0| / 0 is undefined for each
    w = retention_projector([100, 60, 40, 0, 0, 0], n_fit_years=2, lang=lang)
    assert w.error is None
    assert f"({NA[lang]})" in w.message.value
    _no_undefined_percent(w.message.value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lever_gains_on_an_equity_of_0_are_not_available(lang):
    # margin 0: customer equity 0, each lever gains 0, and 0 of 0 is no percentage
    w = lever_explorer(margin=0.0, lang=lang)
    assert w.result.base_value == 0.0
    assert w.message.value.count(f"+0 ({NA[lang]})") == 3
    _no_undefined_percent(w.message.value)
    ax = plot_levers(more_longer_deeper(1000, 0, 0.8, 0.1), lang=lang)
    assert [t.get_text() for t in ax.texts] == [NA[lang]] * 4
    # a base above 0 keeps its percentage: 10% more customers give 10% more equity
    assert "(+10.0%)" in lever_explorer(more=0.1).message.value


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shares_of_a_total_of_0_are_not_available(lang):
    summary = pd.DataFrame({"frequency": [4, 2, 1, 0], "recency": [19.0, 10.0, 5.0, 0.0],
                            "T": [20.0, 20.0, 20.0, 30.0], "spend": [250.0, 60.0, 40.0, 5.0],
                            "nothing": [0.0, 0.0, 0.0, 0.0]})
    w = rfm_explorer(summary, monetary="spend", value="nothing", bins=4, lang=lang)
    assert w.error is None
    assert f">{NA[lang]}<" in w.message.value
    _no_undefined_percent(w.message.value)
    zeros = pd.DataFrame({"current_value": [0.0, 0, 0, 0], "growth_potential": [0.0, 0, 0, 0]})
    w = value_matrix_explorer(zeros, lang=lang)
    assert w.error is None
    # the four customers are all in one quadrant (100% of customers, no share of value)
    assert ">100.0%<" in w.message.value and f">{NA[lang]}<" in w.message.value
    _no_undefined_percent(w.message.value)
