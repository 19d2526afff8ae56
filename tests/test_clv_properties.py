"""Property tests (hypothesis) of crmlib.clv: laws the CLV formulas must obey."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.clv import (
    cac_payback,
    clv_components,
    discounted_clv,
    margin_multiple,
    retention_clv,
    simple_clv,
)

SETTINGS = settings(derandomize=True, max_examples=60, deadline=None)

margins = st.floats(0.01, 1e4)
retentions = st.floats(0.0, 0.98)
rates = st.floats(0.0, 0.5)
rates_pos = st.floats(0.01, 0.5)
horizons = st.integers(1, 60)
conventions = st.sampled_from(["end", "start", "mid", "after_first"])
periods_or_inf = st.one_of(st.none(), horizons)


def _direct_sum(m: float, r: float, d: float, n: int, convention: str) -> float:
    """Independent brute-force sum of the payments, one by one."""
    total = 0.0
    for k in range(1, n + 1):
        if convention == "after_first":
            total += m * r**k / (1 + d) ** k
        else:
            shift = {"end": 0.0, "start": 1.0, "mid": 0.5}[convention]
            total += m * r ** (k - 1) / (1 + d) ** (k - shift)
    return total


@SETTINGS
@given(margins, retentions, rates, horizons, conventions)
def test_finite_value_equals_direct_sum_and_table(m, r, d, n, convention):
    res = retention_clv(m, r, d, periods=n, convention=convention)
    assert res.value == pytest.approx(_direct_sum(m, r, d, n, convention), rel=1e-9)
    assert res.cashflows["present_value"].sum() == pytest.approx(res.value, rel=1e-9)
    assert res.cashflows["cumulative_value"].iloc[-1] == pytest.approx(res.value, rel=1e-9)
    assert len(res.cashflows) == n


@SETTINGS
@given(margins, margins, retentions, rates_pos, periods_or_inf, conventions)
def test_increasing_in_margin(m1, m2, r, d, n, convention):
    low, high = sorted((m1, m2))
    v_low = retention_clv(low, r, d, periods=n, convention=convention).value
    v_high = retention_clv(high, r, d, periods=n, convention=convention).value
    assert v_high >= v_low
    # strictly increasing, unless the value per unit of margin is 0 (or below float precision)
    if (r > 1e-100 or convention != "after_first") and high > low * (1 + 1e-9):
        assert v_high > v_low


@SETTINGS
@given(margins, retentions, retentions, rates_pos, periods_or_inf, conventions)
def test_increasing_in_retention(m, r1, r2, d, n, convention):
    low, high = sorted((r1, r2))
    v_low = retention_clv(m, low, d, periods=n, convention=convention).value
    v_high = retention_clv(m, high, d, periods=n, convention=convention).value
    assert v_high >= v_low * (1 - 1e-12)


@SETTINGS
@given(margins, retentions, rates, rates, periods_or_inf, conventions)
def test_decreasing_in_discount_rate(m, r, d1, d2, n, convention):
    low, high = sorted((d1, d2))
    v_low = retention_clv(m, r, low, periods=n, convention=convention).value
    v_high = retention_clv(m, r, high, periods=n, convention=convention).value
    assert v_high <= v_low * (1 + 1e-12)


@SETTINGS
@given(margins, retentions, rates_pos, horizons, conventions)
def test_finite_horizon_tends_to_infinite_value(m, r, d, n, convention):
    infinite = retention_clv(m, r, d, convention=convention).value
    finite = retention_clv(m, r, d, periods=n, convention=convention).value
    assert finite <= infinite * (1 + 1e-12)
    # the part beyond n payments is exactly infinite * q^n with q = r / (1 + d)
    q = r / (1 + d)
    assert infinite - finite == pytest.approx(infinite * q**n, rel=1e-6, abs=1e-9 * infinite)
    long = retention_clv(m, r, d, periods=5000, convention=convention).value
    assert long == pytest.approx(infinite, rel=1e-9)


@SETTINGS
@given(st.floats(-1e4, 1e4), retentions, rates_pos, periods_or_inf)
def test_conventions_are_rescalings_of_end(m, r, d, n):
    end = retention_clv(m, r, d, periods=n).value
    assert retention_clv(m, r, d, periods=n, convention="start").value == pytest.approx(
        end * (1 + d), rel=1e-9, abs=1e-9
    )
    assert retention_clv(m, r, d, periods=n, convention="after_first").value == pytest.approx(
        end * r, rel=1e-9, abs=1e-9
    )
    assert retention_clv(m, r, d, periods=n, convention="mid").value == pytest.approx(
        end * math.sqrt(1 + d), rel=1e-9, abs=1e-9
    )


@SETTINGS
@given(margins, retentions, rates_pos)
def test_margin_multiple_times_margin_is_after_first_clv(m, r, d):
    assert m * margin_multiple(r, d) == pytest.approx(
        retention_clv(m, r, d, convention="after_first").value, rel=1e-12, abs=1e-12
    )


@SETTINGS
@given(margins, retentions, rates_pos, conventions)
def test_infinite_table_is_a_prefix_of_the_value(m, r, d, convention):
    res = retention_clv(m, r, d, convention=convention)
    assert 1 <= len(res.cashflows) <= 200
    assert res.cashflows["cumulative_value"].iloc[-1] <= res.value * (1 + 1e-12)


@SETTINGS
@given(st.floats(-1e4, 1e4), horizons, st.sampled_from(["end", "start", "mid"]))
def test_discounted_clv_constant_profits_no_discount_is_n_times_profit(pi, n, timing):
    assert discounted_clv([pi] * n, 0.0, timing=timing).value == pytest.approx(
        n * pi, rel=1e-12, abs=1e-9
    )


@SETTINGS
@given(margins, rates, horizons, st.sampled_from(["end", "start", "mid"]))
def test_discounted_clv_agrees_with_retention_clv_at_full_retention(m, d, n, timing):
    assert discounted_clv([m] * n, d, timing=timing).value == pytest.approx(
        retention_clv(m, 1.0, d, periods=n, convention=timing).value, rel=1e-9
    )


@SETTINGS
@given(
    st.lists(st.floats(-1e4, 1e4), min_size=1, max_size=30),
    st.lists(st.floats(0, 1e4), min_size=30, max_size=30),
    rates,
)
def test_discounted_clv_is_additive_in_benefits(profits, benefits, d):
    b = benefits[: len(profits)]
    both = discounted_clv(profits, d, benefits=b).value
    separate = discounted_clv(profits, d).value + discounted_clv(b, d).value
    assert both == pytest.approx(separate, rel=1e-9, abs=1e-6)


@SETTINGS
@given(
    st.floats(0, 1e4), st.floats(0, 100), st.floats(0.1, 50), st.floats(0, 1e4), st.floats(0.1, 10)
)
def test_simple_clv_is_linear(v, f, life, cac, k):
    base = simple_clv(v, f, life, cac)
    assert base.value == pytest.approx(v * f * life - cac, rel=1e-12, abs=1e-9)
    scaled = simple_clv(k * v, f, life, cac)
    assert scaled.value + cac == pytest.approx(k * (base.value + cac), rel=1e-9, abs=1e-9)
    assert base.cashflows["cumulative_value"].iloc[-1] == pytest.approx(
        base.value, rel=1e-9, abs=1e-6
    )


@SETTINGS
@given(st.lists(st.floats(0, 1e6), min_size=4, max_size=4).filter(lambda x: sum(x) > 0))
def test_component_shares_sum_to_one(parts):
    res = clv_components(*parts)
    assert res.value == pytest.approx(sum(parts))
    assert sum(res.shares.values()) == pytest.approx(1.0)


@SETTINGS
@given(st.floats(1, 1e4), margins, st.floats(0.0, 1.0), rates)
def test_cac_payback_brackets_the_cost(cac, m, r, d):
    res = cac_payback(cac, m, retention=r, discount_rate=d)
    lifetime = m / (1 + d - r) if 1 + d - r > 0 else math.inf
    assert res.paid_back == (lifetime > cac * (1 + 1e-12)) or math.isclose(lifetime, cac)
    if res.paid_back:
        k = math.ceil(res.periods)
        # expected discounted margin of the first j periods, summed directly when j is small
        if k <= 2000:
            paid = [_direct_sum(m, r, d, j, "end") for j in (k - 1, k)]
            assert paid[0] < cac * (1 + 1e-9) and paid[1] >= cac * (1 - 1e-9)
        if r == 1.0 and d == 0.0:
            assert res.periods == pytest.approx(cac / m, rel=1e-9)


@SETTINGS
@given(st.floats(1, 1e4), margins, st.floats(0.0, 1.0), rates_pos, rates_pos)
def test_cac_payback_later_with_higher_discount(cac, m, r, d1, d2):
    low, high = sorted((d1, d2))
    assert cac_payback(cac, m, r, high).periods >= cac_payback(cac, m, r, low).periods * (1 - 1e-9)
    assert np.isfinite(cac_payback(cac, m, r, low).lifetime_value)
