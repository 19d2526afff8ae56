"""Laws of the capstone that hold for any assumptions (hypothesis, derandomized)."""

from __future__ import annotations

import functools
import io

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.capstone import analyse_customer_base
from crmlib.transactions import read_transactions

SETTINGS = settings(max_examples=12, deadline=None, derandomize=True)


@functools.cache
def _tx() -> pd.DataFrame:
    """60 customers over two years: 20 regular buyers, 20 who stopped, 20 one-off buyers."""
    rows = []
    for i in range(60):
        if i < 20:
            days = range(i, 730, 20 + i)
        elif i < 40:
            days = range(i, i + 30 * (2 + i % 5), 30)
        else:
            days = [5 * i]
        rows += [(f"c{i}", pd.Timestamp("2022-01-01") + pd.Timedelta(days=d),
                  float(8 + (i % 9) * 3 + (k * 5) % 11)) for k, d in enumerate(days)]
    return pd.DataFrame(rows, columns=["customer_id", "date", "amount"])


@functools.cache
def _base(margin: float = 0.3):
    return analyse_customer_base(_tx(), margin=margin)


@SETTINGS
@given(margin=st.floats(0.01, 1.0))
def test_every_clv_is_proportional_to_the_margin(margin):
    """CLV = sum m E(Z) dE[Y] / (1+d)^k is linear in m, so CLV(m) = CLV(0.3) m / 0.3."""
    res = analyse_customer_base(_tx(), margin=margin)
    assert np.allclose(res.customers["clv"], _base().customers["clv"] * margin / 0.3,
                       rtol=1e-9, atol=1e-12)
    assert np.isclose(res.equity.value, res.customers["clv"].sum(), rtol=1e-12)


@SETTINGS
@given(low=st.floats(0.0, 0.5), step=st.floats(0.01, 0.5))
def test_equity_falls_as_the_discount_rate_rises(low, step):
    cheap = analyse_customer_base(_tx(), discount_rate=low)
    dear = analyse_customer_base(_tx(), discount_rate=low + step)
    assert (dear.customers["clv"] <= cheap.customers["clv"] * (1 + 1e-12) + 1e-12).all()
    assert dear.equity.value < cheap.equity.value


@SETTINGS
@given(short=st.integers(1, 60), extra=st.integers(1, 60))
def test_equity_rises_with_the_horizon(short, extra):
    near = analyse_customer_base(_tx(), horizon_months=short)
    far = analyse_customer_base(_tx(), horizon_months=short + extra)
    assert far.equity.value > near.equity.value


BAD_ROWS = [",2023-05-01,10", "c1,2023-02-30,10", "c2,2023-05-01,abc", "c3,2023-05-01,-5",
            "c4,2023-05-01,10,extra", "c5,,10", "c6,2023-05-01,"]


@SETTINGS
@given(picks=st.lists(st.sampled_from(BAD_ROWS), min_size=0, max_size=12))
def test_rows_read_are_always_kept_plus_rejected(picks):
    tx = _tx()
    lines = ["customer_id,date,amount"] + [
        f"{c},{d:%Y-%m-%d},{a}" for c, d, a in zip(tx["customer_id"], tx["date"], tx["amount"],
                                                   strict=True)] + picks
    log = read_transactions(io.StringIO("\n".join(lines) + "\n"))
    res = analyse_customer_base(log)
    counts = res.data["value"]
    assert counts["rows_read"] == len(tx) + len(picks)
    assert counts["rows_kept"] == len(tx) and counts["rows_rejected"] == len(picks)
    assert np.isclose(res.equity.value, _base().equity.value, rtol=1e-12)
