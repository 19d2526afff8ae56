"""Widget tests in plain pytest: drive the CLV calculator's controls, check result and message."""

from __future__ import annotations

import math

import pytest

from crmlib.widgets import clv_calculator


def test_starts_with_the_reference_case():
    # margin 100, retention 0.8, discount 0.1, end of period: 100 / (1.1 - 0.8) = 333.33 (hand)
    w = clv_calculator()
    assert w.result.value == pytest.approx(100 / 0.3)
    assert w.error is None
    assert "333.33" in w.message.value
    assert bytes(w.chart.value).startswith(b"\x89PNG")  # the chart is drawn as a PNG image widget


@pytest.mark.parametrize(
    ("convention", "expected"),
    [("start", 366.67), ("end", 333.33), ("after_first", 266.67)],
)
def test_convention_dropdown_switches_formula(convention, expected):
    w = clv_calculator()
    w.controls["convention"].value = convention
    assert w.result.value == pytest.approx(expected, abs=0.005)
    assert w.result.formula in w.message.value


def test_finite_horizon_uses_periods_slider():
    # 3 periods, end timing, by hand:
    # 100/1.1 + 80/1.1^2 + 64/1.1^3 = 90.909 + 66.116 + 48.084 = 205.11
    w = clv_calculator()
    w.controls["infinite"].value = False
    w.controls["periods"].value = 3
    assert w.result.value == pytest.approx(205.11, abs=0.005)
    assert math.isfinite(w.result.periods)
    assert not w.controls["periods"].disabled


def test_retention_one_with_infinite_horizon_shows_message_and_keeps_input():
    w = clv_calculator(discount_rate=0.0)
    w.controls["retention"].value = 1.0
    assert w.result is None
    assert "retention 1 with discount_rate 0" in w.error and "infinite" in w.error
    assert "retention" in w.message.value
    assert w.controls["retention"].value == 1.0  # what the user chose is kept
    assert w.chart.layout.display == "none"  # no stale chart beside the message
    w.controls["discount_rate"].value = 0.1  # a perpetuity: 100 / 0.1 by hand
    assert w.result.value == pytest.approx(1000.0)
    assert w.error is None


def test_non_numeric_margin_text_is_explained():
    w = clv_calculator()
    w.controls["margin"].value = float("nan")
    assert w.result is None
    assert "margin" in w.error


def test_chinese_interface_labels_and_chart():
    w = clv_calculator(lang="zh")
    assert w.controls["retention"].description == "保留率"
    assert "客户终身价值" in w.message.value
    assert w.figure.axes[0].get_xlabel() == "时间（期）"


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'de'"):
        clv_calculator(lang="de")


def test_sliders_recompute_only_on_release():
    w = clv_calculator()
    sliders = [c for c in w.controls.values() if hasattr(c, "continuous_update")]
    assert sliders and all(c.continuous_update is False for c in sliders)


# ---------------------------------------------- no error escapes, no start value is changed


def test_overflowing_margin_is_an_error_in_the_widget_not_inf_over_the_old_chart():
    """Issue reproducer: margin 1e308 showed "CLV = inf" over the previous chart."""
    w = clv_calculator()
    w.controls["margin"].value = 1e308
    assert w.result is None and w.figure is None
    assert "is not a finite number" in w.error and "margin=1e+308" in w.error
    assert w.chart.layout.display == "none"
    assert w.controls["margin"].value == 1e308  # what the user typed stays


def test_an_unexpected_error_is_shown_as_a_bug_with_its_traceback(monkeypatch):
    w = clv_calculator()

    def broken(**_values):
        raise KeyError("oops")

    monkeypatch.setattr(w, "compute", broken)
    w.controls["retention"].value = 0.5
    assert w.result is None and w.chart.layout.display == "none"
    assert w.error == "KeyError: 'oops'"
    assert "please report it" in w.message.value and "Traceback" in w.traceback
    w_zh = clv_calculator(lang="zh")
    monkeypatch.setattr(w_zh, "compute", broken)
    w_zh.controls["retention"].value = 0.5
    assert "请报告" in w_zh.message.value


def test_start_values_are_shown_exactly_or_refused():
    """Issue reproducers: periods=100 became 60, retention -0.2 became 0, 1.5 became 1."""
    w = clv_calculator(periods=100, infinite=False)
    assert w.result.periods == 100 and w.controls["periods"].max == 100
    with pytest.raises(ValueError, match=r"retention must be between 0 and 1; got -0.2"):
        clv_calculator(retention=-0.2)
    with pytest.raises(ValueError, match=r"retention must be between 0 and 1; got 1.5"):
        clv_calculator(retention=1.5)
    with pytest.raises(ValueError, match=r"periods must be a whole number; got 2.5"):
        clv_calculator(periods=2.5, infinite=False)
    with pytest.raises(TypeError, match=r"discount_rate must be a number; got 'abc'"):
        clv_calculator(discount_rate="abc")
