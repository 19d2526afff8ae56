"""The capstone (notebook 09): analyse_customer_base checked against independent calculations,
and its one-page HTML report."""

from __future__ import annotations

import base64
import html
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from crmlib.capstone import (
    MIN_CUSTOMERS,
    MIN_REPEAT_CUSTOMERS,
    CustomerBaseAnalysis,
    TooFewCustomersError,
    analyse_customer_base,
)
from crmlib.datasets import capstone_orders_path, load_cdnow
from crmlib.i18n import label
from crmlib.plotting import capstone_report
from crmlib.transactions import read_transactions

END = pd.Timestamp("1998-06-30")
MONTH_WEEKS = 365.2425 / 12 / 7  # a month (30.44 days) in weeks


@pytest.fixture(scope="module")
def log():
    return read_transactions(capstone_orders_path())


@pytest.fixture(scope="module")
def result(log) -> CustomerBaseAnalysis:
    return analyse_customer_base(log)


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    frame = load_cdnow("sample")
    frame["customer_id"] = frame["customer_id"].astype(str)
    return frame


def _summary_by_hand(tx: pd.DataFrame) -> pd.DataFrame:
    """x, t_x, T (weeks) and mean repeat spend per customer, by plain pandas (FHL 2005)."""
    days = tx.groupby(["customer_id", "date"], as_index=False)["amount"].sum()
    g = days.groupby("customer_id")
    first, last = g["date"].min(), g["date"].max()
    out = pd.DataFrame({"x": g.size() - 1, "tx": (last - first).dt.days / 7,
                        "T": (END - first).dt.days / 7})
    repeat = days[days["date"] > days["customer_id"].map(first)]
    out["mx"] = repeat.groupby("customer_id")["amount"].mean().reindex(out.index).fillna(0.0)
    return out


# -- the data: nothing dropped silently ------------------------------------------------------
def test_shipped_file_rows_read_equal_kept_plus_rejected(log, result):
    lines = capstone_orders_path().read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) - 1 == 6924  # header + 6,919 CDNOW records + 5 malformed rows
    counts = result.data["value"]
    assert (counts["rows_read"], counts["rows_kept"], counts["rows_rejected"]) == (6924, 6919, 5)
    assert counts["rows_read"] == counts["rows_kept"] + counts["rows_rejected"]
    assert result.rejected["row"].tolist() == [6921, 6922, 6923, 6924, 6925]
    reasons = result.rejected["reason"].tolist()
    patterns = ["missing customer id", "1997/2/30", "'n/a' is not a number",
                "negative amount -11.77", "5 fields but the header has 4"]
    for reason, pattern in zip(reasons, patterns, strict=True):
        assert pattern in reason


def test_shipped_file_holds_exactly_the_cdnow_sample(log, cdnow):
    kept = log.data
    assert kept["customer_id"].tolist() == cdnow["customer_id"].tolist()
    assert (kept["date"].to_numpy() == cdnow["date"].to_numpy()).all()
    assert np.array_equal(kept["amount"].to_numpy(), cdnow["amount"].to_numpy())
    assert kept["数量"].astype(int).tolist() == cdnow["quantity"].tolist()


def test_counts_add_up(result):
    c = result.customers
    assert len(c) == 2357 == int(result.data.loc["customers", "value"])
    assert result.pareto.summary["customers"].sum() == 2357
    assert result.rfm.summary["customers"].sum() == 2357
    assert result.stage_table["customers"].sum() == 2357
    assert result.core.value == int(c["core"].sum())
    assert c["spend"].sum() == pytest.approx(load_cdnow("sample")["amount"].sum())


def test_shipped_file_is_rebuilt_byte_for_byte_and_matches_its_readme_checksum():
    import hashlib
    import importlib.util

    data = capstone_orders_path().parent
    spec = importlib.util.spec_from_file_location("_build_capstone", data / "_build_capstone.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = capstone_orders_path().read_bytes()
    assert shipped == b"\xef\xbb\xbf" + module.build().encode("utf-8")
    digest = hashlib.sha256(shipped).hexdigest()
    assert f"{digest}  capstone_orders.csv" in (data / "README.md").read_text(encoding="utf-8")


# -- CLV and equity: an independent implementation -----------------------------------------
def test_equity_is_the_sum_of_per_customer_clv_computed_with_lifetimes(result, cdnow):
    """Each CLV recomputed with lifetimes' BG/NBD at our estimates, the Gamma-Gamma mean by hand,
    monthly discounting at (1.1)^(1/12) - 1 over 36 months and a 30% margin."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lifetimes import BetaGeoFitter
    s = _summary_by_hand(cdnow)
    ref = BetaGeoFitter()
    ref.params_ = pd.Series(result.transaction_model.params_)
    p, q, gamma = (result.spend_model.params_[k] for k in ("p", "q", "gamma"))
    spend = p * (gamma + s["x"] * s["mx"]) / (p * s["x"] + q - 1)
    d = 1.1 ** (1 / 12) - 1
    clv = np.zeros(len(s))
    previous = np.zeros(len(s))
    for k in range(1, 37):
        now = ref.conditional_expected_number_of_purchases_up_to_time(
            k * MONTH_WEEKS, s["x"], s["tx"], s["T"]).to_numpy()
        clv += 0.3 * spend.to_numpy() * (now - previous) / (1 + d) ** k
        previous = now
    ours = result.customers["clv"].reindex(s.index)
    assert np.allclose(ours.to_numpy(), clv, rtol=1e-6)
    assert result.equity.value == pytest.approx(clv.sum(), rel=1e-6)
    assert result.value == result.equity.value


def test_models_are_the_maximum_lifetimes_finds(result, cdnow):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lifetimes import BetaGeoFitter, GammaGammaFitter
    s = _summary_by_hand(cdnow)
    bg = BetaGeoFitter().fit(s["x"], s["tx"], s["T"])
    for name in ("r", "alpha", "a", "b"):
        assert result.transaction_model.params_[name] == pytest.approx(bg.params_[name], rel=2e-3)
    repeat = s[s["x"] > 0]
    gg = GammaGammaFitter().fit(repeat["x"], repeat["mx"])
    for name, theirs in (("p", "p"), ("q", "q"), ("gamma", "v")):
        assert result.spend_model.params_[name] == pytest.approx(gg.params_[theirs], rel=2e-3)


def test_clv_is_profit_scaled_by_the_margin_and_falls_with_the_discount_rate(log, result):
    half = analyse_customer_base(log, margin=0.15)
    assert half.equity.value == pytest.approx(result.equity.value / 2, rel=1e-9)
    dearer = analyse_customer_base(log, discount_rate=0.3)
    assert (dearer.customers["clv"] <= result.customers["clv"] + 1e-12).all()
    assert dearer.equity.value < result.equity.value


def test_a_customer_first_seen_on_the_last_day_gets_a_new_customers_clv(cdnow):
    """T = 0: P(alive) 1; CLV = margin x p gamma / (q - 1) x discounted E[X(k)] increments."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lifetimes import BetaGeoFitter
    tx = cdnow[cdnow["customer_id"].astype(int) <= 400][["customer_id", "date", "amount"]]
    newcomer = pd.DataFrame({"customer_id": ["new"], "date": [END], "amount": [20.0]})
    res = analyse_customer_base(pd.concat([tx, newcomer], ignore_index=True))
    row = res.customers.loc["new"]
    ref = BetaGeoFitter()
    ref.params_ = pd.Series(res.transaction_model.params_)
    p, q, gamma = (res.spend_model.params_[k] for k in ("p", "q", "gamma"))
    d = 1.1 ** (1 / 12) - 1
    cumulative = [ref.expected_number_of_purchases_up_to_time(k * MONTH_WEEKS)
                  for k in range(0, 37)]
    by_hand = sum(0.3 * p * gamma / (q - 1) * (cumulative[k] - cumulative[k - 1]) / (1 + d) ** k
                  for k in range(1, 37))
    assert row["probability_alive"] == 1.0
    assert row["clv"] == pytest.approx(by_hand, rel=1e-6)
    assert row["stage"] == "exploration"


def test_a_dataframe_is_read_like_a_file(log, result):
    frame = log.data[["customer_id", "date", "amount"]].rename(
        columns={"customer_id": "会员ID", "date": "订单日期", "amount": "实付金额"})
    again = analyse_customer_base(frame)
    assert again.equity.value == pytest.approx(result.equity.value, rel=1e-12)
    assert len(again.rejected) == 0 and again.data.loc["rows_read", "value"] == 6919


# -- stages, loyalty, core customers ---------------------------------------------------------
def test_stage_summary_mean_clv_is_the_mean_of_each_stage(result):
    c = result.customers
    for stage, row in result.stage_table.iterrows():
        members = c[c["stage"] == stage]
        assert row["customers"] == len(members)
        if len(members):
            assert row["mean_clv"] == pytest.approx(members["clv"].mean(), rel=1e-12)


def test_loyalty_of_customer_1_by_hand(result):
    """Customer 1 bought on 1997-01-01, 01-18, 08-02 and 12-12; the log ends 1998-06-30.

    Active months: Jan, Aug, Dec 1997 = 3 of the 18 months Jan 1997 .. Jun 1998;
    repeat share 3 of 4 purchase days; span (345 + 1) / (545 + 1) days."""
    row = result.customers.loc["1"]
    assert row["active_month_share"] == pytest.approx(3 / 18)
    assert row["repeat_share"] == pytest.approx(3 / 4)
    assert row["span_share"] == pytest.approx(346 / 546)
    assert row["loyalty"] == pytest.approx((3 / 18 + 3 / 4 + 346 / 546) / 3)


def test_loyalty_weights_are_used(log):
    only_repeat = analyse_customer_base(log, loyalty_weights=(0, 1, 0))
    c = only_repeat.customers
    assert np.allclose(c["loyalty"], c["repeat_share"])


def test_core_customers_meet_value_and_two_other_signals(result):
    c = result.customers
    table = result.core.table.reindex(c.index)
    assert c["core"].equals(table["value_ok"] & (table["signals_met"] >= 2))
    medians = c[["purchases", "loyalty", "clv"]].median()
    met = ((c["purchases"] > medians["purchases"]).astype(int)
           + (c["loyalty"] > medians["loyalty"]).astype(int)
           + (c["clv"] > medians["clv"]).astype(int))
    assert (met == table["signals_met"]).all()


# -- strategy, plan and ROI --------------------------------------------------------------------
def test_measured_strategy_factors_by_hand(result, cdnow):
    days = cdnow.groupby(["customer_id", "date"]).size().groupby("customer_id").size()
    first = cdnow.groupby("customer_id")["date"].min()
    years = ((END - first).dt.days + 1).sum() / 365.25
    rate = days.sum() / years
    assert result.measured.loc["purchases_per_customer_year", "value"] == pytest.approx(rate)
    tf = min(1.0, rate / 12)
    spend = np.sort(cdnow.groupby("customer_id")["amount"].sum().to_numpy())
    n = spend.size
    gini = np.abs(spend[:, None] - spend[None, :]).sum() / (2 * n * n * spend.mean())
    assert result.pareto.gini == pytest.approx(gini, rel=1e-9)
    # signals 2x - 1; low asset specificity -1, repeat contract 0, growth stage 0
    sf, sh = 2 * tf - 1, 2 * gini - 1
    scores = {"clasp": -sf + 1 - 0 - 0 - sh, "zipper": sf - 1 + 0 + 0 + 0,
              "velcro": 0.5 * sf + 0 + 0 + 0 + sh}
    for key, value in scores.items():
        assert result.strategy.scores[key] == pytest.approx(value)
    assert result.strategy.recommended == max(scores, key=scores.get)


def test_plan_base_and_roi_by_hand(result, cdnow):
    last = cdnow[cdnow["date"] > END - pd.Timedelta(days=365)]
    prior = cdnow[(cdnow["date"] <= END - pd.Timedelta(days=365))
                  & (cdnow["date"] > END - pd.Timedelta(days=730))]
    n = last["customer_id"].nunique()
    m = 0.3 * last["amount"].sum() / n
    r = len(set(prior["customer_id"]) & set(last["customer_id"])) / prior["customer_id"].nunique()
    assert result.plan.inputs["customers"] == n
    assert result.plan.inputs["margin"] == pytest.approx(m)
    assert result.plan.inputs["retention"] == pytest.approx(r)
    # the defaults: retention +0.1, margin +5%, three years, 10% a year
    gains = [n * m * 1.05 * (r + 0.1) ** (t - 1) - n * m * r ** (t - 1) for t in (1, 2, 3)]
    pv_gains = sum(g / 1.1 ** t for t, g in enumerate(gains, start=1))
    assert result.plan.change == pytest.approx(pv_gains)
    npv = -3000 + sum((g - 600 - 300) / 1.1 ** t for t, g in enumerate(gains, start=1))
    assert result.roi.npv == pytest.approx(npv)
    assert result.roi.roi == pytest.approx((sum(gains) - 3000 - 3 * 900) / (3000 + 3 * 900))


def test_stated_factors_and_retention_replace_the_measured_ones(log):
    res = analyse_customer_base(log, transaction_frequency="high", asset_specificity="high",
                                contract_type="long_term", customer_heterogeneity="low",
                                retention=0.5)
    assert res.strategy.recommended == "zipper"
    assert res.plan.inputs["retention"] == 0.5
    assert res.measured.loc["retention", "how"] == "used (stated)"
    assert res.measured.loc["retention", "how_zh"] == "采用值（设定）"
    assert res.measured.loc["transaction_frequency", "value"] == 1.0  # "high"
    assert res.measured.loc["customer_heterogeneity", "value"] == 0.0  # "low"
    assert res.assumptions.loc["retention", "value"] == "0.5"
    assert res.assumptions.loc["transaction_frequency", "value"] == "high"


def test_summary_and_sections(result):
    s = result.summary()["value"]
    assert s["rows_read"] == s["rows_kept"] + s["rows_rejected"]
    assert s["customer_equity"] == result.equity.value
    assert s["core_customers"] == result.core.value
    sections = result.sections()
    assert list(sections) == ["data", "rejected", "abc_classes", "rfm_segments", "stages",
                              "clv_models", "top_customers", "equity", "loyalty",
                              "core_customers", "strategy", "measured", "plan", "roi",
                              "assumptions"]
    top = sections["top_customers"]
    assert top["clv"].tolist() == sorted(result.customers["clv"], reverse=True)[:10]
    assert set(result.assumptions.index) >= {"margin", "discount_rate", "horizon_months",
                                             "investment", "annual_cost", "hidden_cost"}


# -- validation --------------------------------------------------------------------------------
@pytest.mark.parametrize(("kwargs", "match"), [
    ({"margin": 0}, r"margin must be between 0 and 1 \(0 excluded\); got 0"),
    ({"margin": 1.2}, r"margin must be between 0 and 1"),
    ({"discount_rate": -0.1}, r"discount_rate"),
    ({"horizon_months": 0}, r"horizon_months must be a whole number of at least 1; got 0"),
    ({"horizon_months": 2.5}, r"horizon_months must be a whole number; got 2.5"),
    ({"horizon_months": 1201}, r"horizon_months must be at most 1200 \(100 years\); got 1201"),
    ({"roi_years": 101}, r"roi_years must be at most 100; got 101"),
    ({"asset_specificity": 1.5}, r"asset_specificity must be between 0 and 1"),
    ({"high_frequency": 0}, r"high_frequency must be greater than 0; got 0"),
    ({"retention": 1.5}, r"retention must be between 0 and 1; got 1.5"),
    ({"retention_change": -0.1}, r"retention_change must be 0 or greater; got -0.1"),
    ({"extra_customers": -5}, r"extra_customers must be 0 or greater; got -5"),
    ({"investment": 0}, r"investment must be greater than 0; got 0"),
    ({"annual_cost": -1}, r"annual_cost must be 0 or greater; got -1"),
    ({"hidden_cost": -1}, r"hidden_cost must be 0 or greater; got -1"),
    ({"roi_years": 0}, r"roi_years must be a whole number of at least 1; got 0"),
    ({"loyalty_weights": (0.5, 0.5)}, r"loyalty_weights must be 3 weights"),
    ({"loyalty_weights": (0.5, 0.5, 0.5)}, r"loyalty_weights must sum to 1; got a sum of 1.5"),
    ({"loyalty_weights": (1.5, -0.5, 0)}, r"loyalty_weights\[1\] must be 0 or greater; got -0.5"),
    ({"contract_type": "forever"}, r"contract_type must be one of"),
    ({"firm_stage": "old"}, r"firm_stage must be one of"),
])
def test_assumptions_out_of_range_are_refused_naming_them(log, kwargs, match):
    with pytest.raises(ValueError, match=match):
        analyse_customer_base(log, **kwargs)


def test_an_appraisal_beyond_the_float_range_names_the_capstones_parameters(log):
    with pytest.raises(OverflowError, match=r"investment=3000, annual_cost=1e\+308"):
        analyse_customer_base(log, annual_cost=1e308)


def test_transactions_of_another_type_are_refused():
    with pytest.raises(TypeError, match="transactions must be the result of read_transactions"):
        analyse_customer_base([("a", "2024-01-01", 10.0)])


def test_too_few_customers_is_a_clear_error(cdnow):
    tx = cdnow[cdnow["customer_id"].astype(int) <= 20][["customer_id", "date", "amount"]]
    with pytest.raises(TooFewCustomersError,
                       match=rf"at least {MIN_CUSTOMERS} customers .* got 20") as info:
        analyse_customer_base(tx)
    assert (info.value.what, info.value.found, info.value.needed) == ("customers", 20, 30)


def test_too_few_repeat_customers_is_a_clear_error():
    days = pd.date_range("2023-01-01", periods=40, freq="D")
    tx = pd.DataFrame({"customer_id": [f"c{i}" for i in range(40)], "date": days,
                       "amount": 10.0})
    repeat = pd.DataFrame({"customer_id": ["c0", "c1"], "date": ["2023-03-01"] * 2,
                           "amount": 5.0})
    with pytest.raises(TooFewCustomersError,
                       match=rf"at least {MIN_REPEAT_CUSTOMERS} repeat customers .* got 2"):
        analyse_customer_base(pd.concat([tx, repeat], ignore_index=True))


def test_a_log_shorter_than_a_year_needs_a_stated_retention(cdnow):
    tx = cdnow[cdnow["date"] > pd.Timestamp("1997-07-31")][["customer_id", "date", "amount"]]
    with pytest.raises(ValueError, match=r"retention must be given .* \(1998-06-30\)"):
        analyse_customer_base(tx)
    assert analyse_customer_base(tx, retention=0.4).plan.inputs["retention"] == 0.4


def test_empty_log_is_too_few_customers():
    empty = pd.DataFrame({"customer_id": ["a"], "date": ["not a date"], "amount": [1.0]})
    with pytest.raises(TooFewCustomersError, match="got 0"):
        analyse_customer_base(empty)


# -- the report --------------------------------------------------------------------------------
SECTIONS = ["section_data", "section_value", "section_stages", "section_clv", "section_equity",
            "section_loyalty", "section_core", "section_strategy", "section_roi",
            "section_assumptions"]


@pytest.fixture(scope="module")
def pages(result) -> dict[str, str]:
    """The report of the shipped file (CDNOW: US dollars) in both languages."""
    return {lang: capstone_report(result, lang=lang, source="capstone_orders.csv", currency="$")
            for lang in ("en", "zh")}


def _text(page: str, rejected: bool = True) -> str:
    """The page's visible text, each tag a "|" (so cells stay apart); optionally without the
    rejected-rows table (the file's own values and the reader's reasons, shown as read)."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    if not rejected:
        page = re.sub(r"(?s)(<h3>[^<]*</h3>)(?:<p[^>]*>[^<]*</p>)?\s*<table.*?</table>",
                      r"\1", page, count=1)
    return html.unescape(re.sub(r"<[^>]+>", "|", page))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_is_one_self_contained_page(pages, lang):
    page = pages[lang]
    assert page.startswith("<!DOCTYPE html>") and page.count("<html") == 1
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", page)
    assert not re.search(r"https?:|//[a-z]|\burl\(|@import", text)
    sources = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)
    assert len(sources) == 6
    for src in sources:
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    for key in SECTIONS:
        assert f"<h2>{label(key, lang)}</h2>" in page


def test_chinese_report_has_chinese_headings(pages):
    page = pages["zh"]
    assert '<html lang="zh-CN">' in page
    assert "<h1>客户群分析报告</h1>" in page and "<h2>5. 客户资产</h2>" in page
    assert "<h2>5. Customer equity</h2>" not in page
    assert "CLV 是预测利润而不是收入" in page
    assert "<th>客户数</th>" in page and "<th>取值</th>" in page and "<th>原因</th>" in page
    assert "<th>customers</th>" in pages["en"] and "<th>value</th>" in pages["en"]


def test_report_shows_the_rejected_rows_and_the_numbers(pages, result):
    page = pages["en"]
    assert "Rows read: 6,924 = Rows kept 6,919 + Rows rejected 5" in page
    for reason in result.rejected["reason"]:
        assert reason in html.unescape(page)
    assert f"Customer equity = ${result.equity.value:,.2f}" in page
    assert "over the next 36 months, discounted at 10% a year" in page
    assert "investment" in page and "hidden_cost" in page  # the assumptions table


def test_report_refuses_another_object():
    with pytest.raises(TypeError, match="analysis must be the result of analyse_customer_base"):
        capstone_report({"equity": 1.0})


# -- the stage plot ------------------------------------------------------------------------------
def test_stage_plot_names_each_stage_with_its_mean_clv(result):
    from crmlib.plotting import plot_stage_values

    ax = plot_stage_values(result.stage_table)
    means = result.stage_table["mean_clv"]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Exploration\nCLV n/a", f"Formation\nCLV {means['formation']:,.2f}",
        f"Stability\nCLV {means['stability']:,.2f}", f"Decline\nCLV {means['decline']:,.2f}"]
    assert ax.get_ylabel() == "Share (%)"
    zh = plot_stage_values(result.stage_table, lang="zh")
    assert zh.get_xticklabels()[0].get_text() == "考察期\nCLV 无"
    assert zh.get_xlabel() == "阶段及平均 CLV（¥）"
    assert plot_stage_values(result.stage_table, currency="$").get_xlabel() == (
        "Stage and mean CLV ($)")


def test_stage_plot_needs_a_stage_summary_with_clv(result):
    from crmlib.plotting import plot_stage_values

    with pytest.raises(ValueError, match="stage_table must be a stage_summary with clv= given; "
                                         "it has no column 'mean_clv'"):
        plot_stage_values(result.stage_table.drop(columns="mean_clv"))



# -- the report: currency and a wholly Chinese page --------------------------------------------
def test_every_amount_in_the_report_names_the_currency(pages, result):
    en, zh = pages["en"], pages["zh"]
    c = result.customers
    assert "Amounts of money are in $." in en and "金额的货币单位：$。" in zh
    assert f"Mean CLV per customer: ${c['clv'].mean():,.2f};" in en
    assert f"客户资产 = ${result.equity.value:,.2f}" in zh
    npv = result.roi.npv  # negative or positive: the sign goes before the currency sign
    assert f"(NPV) = {'-' if npv < 0 else ''}${abs(npv):,.2f}; " in en
    assert f"Payback period = {result.roi.payback:.2f} years" in en
    assert f"回收期 = {result.roi.payback:.2f} 年" in zh
    for column in ("spend ($)", "clv ($)", "mean_clv ($)", "revenue ($)", "equity ($)",
                   "net_cash_flow ($)", "cumulative_present_value ($)",
                   "margin_per_customer_year ($)"):
        assert f"<th>{column}</th>" in en, column
    for column in ("消费额（$）", "客户终身价值（$）", "收入（$）", "现值（$）",
                   "最近一年每位客户的利润（$）"):
        assert f"<th>{column}</th>" in zh, column
    assert "<td>$ per year</td>" in en and "<td>$</td>" in en  # annual_cost, investment
    assert "<td>$/年</td>" in zh
    assert "currency" not in _text(en) and "货币/" not in zh and "¥" not in en + zh
    # a currency that is a word goes after the amount
    page = capstone_report(result, lang="zh", currency="元")
    assert f"客户资产 = {result.equity.value:,.2f} 元" in page and "<td>元/年</td>" in page


def test_every_money_figure_of_the_report_is_drawn_with_the_currency(result, monkeypatch):
    import crmlib.plotting._capstone as module

    drawn: dict[str, object] = {}
    for name in ("plot_stage_values", "plot_equity_levers", "plot_roi_cashflows"):
        original = getattr(module, name)

        def spy(*args, _name=name, _original=original, **kwargs):
            drawn[_name] = kwargs.get("currency")
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    capstone_report(result, currency="€")
    assert drawn == dict.fromkeys(("plot_stage_values", "plot_equity_levers",
                                   "plot_roi_cashflows"), "€")


def test_amounts_with_their_currency_by_hand():
    from crmlib.plotting._capstone import money

    assert money(1234.5, "$") == "$1,234.50"
    assert money(-0.004, "$") == "-$0.00"
    assert money(-1234.5, "¥") == "-¥1,234.50"
    assert money(99.999, "USD") == "100.00 USD"
    assert money(12, "元") == "12.00 元"


@pytest.mark.parametrize(("currency", "error", "match"), [
    (5, TypeError, r"currency must be a text such as '¥' or '\$'; got 5 \(int\)"),
    ("", ValueError, r"currency must be a text of 1 to 12 characters such as '¥' or '\$'; "
                     r"got ''"),
    (" $", ValueError, r"currency must be a text of 1 to 12 characters .*; got ' \$'"),
    ("x" * 13, ValueError, r"currency must be a text of 1 to 12 characters"),
])
def test_a_bad_currency_is_refused_naming_it(result, currency, error, match):
    from crmlib.plotting import plot_stage_values

    with pytest.raises(error, match=match):
        capstone_report(result, currency=currency)
    with pytest.raises(error, match=match):
        plot_stage_values(result.stage_table, currency=currency)


#: a run of two or more English words (letters; "-" and "/" inside a word, as in BG/NBD)
ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:[-/][A-Za-z]+)*(?:[ ,;:()'.]+[A-Za-z]+(?:[-/][A-Za-z]+)*)+")


def _english_runs(text: str) -> list[str]:
    no_identifiers = re.sub(r"\w*_\w*", " ", text)  # parameter and column names as in code
    return ENGLISH_RUN.findall(no_identifiers)


def test_the_chinese_report_is_chinese(pages):
    zh, en = pages["zh"], pages["en"]
    # the test can fail: the English page is full of such runs
    assert len(_english_runs(_text(en, rejected=False))) > 50
    # the Chinese page has none, outside code identifiers, numbers, customer ids and the file's
    # own rejected rows (their values and the reader's reasons are shown as read)
    assert _english_runs(_text(zh, rejected=False)) == []
    assert "None 表示由数据测得" in zh  # an identifier (None) beside Chinese is fine
    # single English words left are names: models, acronyms, parameters, factor levels
    words = set(re.findall(r"[A-Za-z]+", re.sub(r"\w*_\w*", " ", _text(zh, rejected=False))))
    assert words <= {"BG", "NBD", "Gamma", "CLV", "CRM", "ABC", "A", "B", "C", "Gini", "csv",
                     "crmlib",
                     "None", "min", "a", "b", "r", "p", "q", "alpha", "gamma", "margin",
                     "retention", "investment", "low", "repeat", "growth", "spot", "startup",
                     "mature", "medium", "high"}, words
    for heading in ("行号", "客户编号", "日期", "金额", "原因"):  # the rejected rows' columns
        assert f"<th>{heading}</th>" in zh
    for text in ("退化期", "现状（无计划）", "由数据测得", "测算方法", "平均值", "是"):
        assert text in zh, text
