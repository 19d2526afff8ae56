"""Property tests (hypothesis) of crmlib.lifecycle: laws the lifecycle computations must obey."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.clv import discounted_clv
from crmlib.lifecycle import (
    classify_stage,
    cohort_table,
    kaplan_meier,
    lifecycle_profile,
    retention_curve,
)

SETTINGS = settings(derandomize=True, max_examples=60, deadline=None)
LOG_SETTINGS = settings(derandomize=True, max_examples=25, deadline=None)

lengths = st.lists(st.integers(0, 6), min_size=4, max_size=4).filter(lambda v: sum(v) > 0)
levels = st.lists(st.floats(0, 500), min_size=4, max_size=4)
rates = st.floats(0.0, 0.4)


@SETTINGS
@given(lengths, levels, levels, rates, st.data())
def test_profile_value_is_the_course_clv_of_its_profits(n, rev, cost, d, data):
    end = data.draw(st.one_of(st.none(), st.integers(1, sum(n))))
    p = lifecycle_profile(n, rev, cost, discount_rate=d, end_period=end)
    assert p.value == pytest.approx(discounted_clv(p.profits, d).value, rel=1e-9, abs=1e-9)
    # what an early end loses is exactly the present value of the periods cut off
    cut = p.table.loc[~p.table["active"], "present_value"].sum()
    assert p.lost_value == pytest.approx(cut, rel=1e-9, abs=1e-9)


@SETTINGS
@given(lengths, levels, levels, rates)
def test_break_even_is_the_first_period_with_non_negative_cumulative_value(n, rev, cost, d):
    p = lifecycle_profile(n, rev, cost, discount_rate=d)
    cum = p.table["cumulative_value"].to_numpy()
    if p.break_even_period is None:
        assert (cum < 0).all()
    else:
        k = p.break_even_period
        assert cum[k - 1] >= 0
        assert (cum[: k - 1] < 0).all()


@SETTINGS
@given(lengths, levels, levels, st.floats(0.01, 0.4))
def test_discounting_never_raises_a_profitable_path_above_its_undiscounted_profit(n, rev, cost, d):
    undiscounted = lifecycle_profile(n, rev, cost).value
    discounted = lifecycle_profile(n, rev, cost, discount_rate=d).value
    if (np.asarray(rev) >= np.asarray(cost)).all():
        assert discounted <= undiscounted + 1e-9


durations = st.lists(st.integers(0, 12), min_size=1, max_size=60)


@SETTINGS
@given(durations)
def test_kaplan_meier_without_censoring_is_the_empirical_survival(times):
    km = kaplan_meier(times, [True] * len(times))
    t = np.asarray(times)
    for _, row in km.table.iterrows():
        assert row["survival"] == pytest.approx((t > row["time"]).mean())


@SETTINGS
@given(durations, st.data())
def test_kaplan_meier_is_a_non_increasing_share(times, data):
    flags = data.draw(st.lists(st.booleans(), min_size=len(times), max_size=len(times)))
    s = kaplan_meier(times, flags).table["survival"].to_numpy()
    assert ((s >= 0) & (s <= 1)).all()
    assert (np.diff(s) <= 1e-12).all()


@st.composite
def logs(draw):
    n = draw(st.integers(1, 25))
    rows = []
    for c in range(n):
        first = draw(st.integers(0, 300))
        extra = draw(st.lists(st.integers(0, 200), max_size=5))
        for day in [first] + [first + e for e in extra]:
            rows.append((f"c{c}", pd.Timestamp("2023-01-01") + pd.Timedelta(days=day),
                         draw(st.floats(0, 100))))
    return pd.DataFrame(rows, columns=["customer_id", "date", "amount"])


@LOG_SETTINGS
@given(logs(), st.sampled_from(["W", "M", "Q"]))
def test_cohort_counts_never_exceed_cohort_sizes_and_age_zero_is_everyone(tx, period):
    table = cohort_table(tx, period)
    counts = table.customers.to_numpy()
    assert (table.retention[0] == 1.0).all()
    assert np.nansum(counts[:, 0]) == tx["customer_id"].nunique()
    assert (counts[~np.isnan(counts)] <= np.repeat(
        table.sizes.to_numpy()[:, None], counts.shape[1], axis=1)[~np.isnan(counts)]).all()
    total = (table.revenue.fillna(0).to_numpy() * table.sizes.to_numpy()[:, None]).sum()
    assert total == pytest.approx(tx["amount"].sum(), rel=1e-9, abs=1e-9)


@st.composite
def one_cohort(draw):
    """Customers all acquired in January 2023, buying again on later days."""
    n = draw(st.integers(1, 20))
    rows = []
    for c in range(n):
        first = pd.Timestamp("2023-01-01") + pd.Timedelta(days=draw(st.integers(0, 30)))
        rows.append((f"c{c}", first))
        for gap in draw(st.lists(st.integers(1, 300), max_size=4)):
            rows.append((f"c{c}", first + pd.Timedelta(days=gap)))
    return pd.DataFrame(rows, columns=["customer_id", "date"])


@LOG_SETTINGS
@given(one_cohort(), st.integers(1, 4))
def test_one_cohort_kaplan_meier_is_the_plain_share_while_everyone_is_followed(tx, churn_after):
    # With one acquisition cohort every customer is followed equally long: up to the age
    # A - churn_after + 1 nobody is censored, so Kaplan-Meier is the share still active.
    curve = retention_curve(tx, "M", churn_after, observation_end="2023-12-31")
    full = 11 - churn_after + 1  # A = 11 months for a January cohort observed to December
    t = curve.table[curve.table["time"] <= full]
    np.testing.assert_allclose(t["survival"], t["naive"], rtol=1e-12)


@LOG_SETTINGS
@given(logs(), logs())
def test_a_customers_stage_depends_only_on_their_own_history(mine, others):
    # Stages are read from each customer's own purchases: adding other customers to the log
    # (with the same classification day) changes no one's stage or reason.
    others = others.assign(customer_id="other_" + others["customer_id"])
    as_of = max(mine["date"].max(), others["date"].max())
    alone = classify_stage(mine, as_of=as_of).table
    together = classify_stage(pd.concat([mine, others]), as_of=as_of).table.loc[alone.index]
    pd.testing.assert_frame_equal(alone[["stage", "rule", "reason"]],
                                  together[["stage", "rule", "reason"]])
    # and rule 1 holds exactly: exploration if and only if the tenure is at most 3 months
    assert ((alone["stage"] == "exploration") == (alone["tenure"] <= 3)).all()
