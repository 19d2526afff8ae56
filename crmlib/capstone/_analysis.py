"""One firm's customer base from its log: value, stages, CLV, equity, loyalty, strategy."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._messages import InputValueError, Message, fail
from crmlib._validation import (
    check_integer,
    check_positive,
    check_probability,
    check_results_finite,
)
from crmlib.clv._formulas import check_discount_rate
from crmlib.equity import EquityResult, customer_equity
from crmlib.lifecycle import StageClassification, classify_stage, stage_summary
from crmlib.loyalty import loyalty_indicators, objective_loyalty
from crmlib.models import BetaGeo, GammaGamma
from crmlib.segmentation import (
    CoreCustomers,
    ParetoResult,
    RFMSegments,
    core_customers,
    pareto_abc,
    rfm_scores,
    rfm_segments,
)
from crmlib.strategy import (
    EquityPlan,
    ROIResult,
    StrategyRecommendation,
    crm_roi,
    factor_level,
    plan_equity_change,
    recommend_strategy,
)
from crmlib.transactions import TransactionLog, read_transactions, rfm_summary
from crmlib.transactions._periods import DAYS_PER_UNIT

__all__ = [
    "MIN_CUSTOMERS",
    "MIN_REPEAT_CUSTOMERS",
    "CustomerBaseAnalysis",
    "TooFewCustomersError",
    "analyse_customer_base",
]

#: Fewest customers (with a purchase before the last day) the BG/NBD model is fitted on.
MIN_CUSTOMERS = 30
#: Fewest repeat customers (with a positive mean repeat spend) the Gamma-Gamma model is fitted on.
MIN_REPEAT_CUSTOMERS = 10
#: Length of the two windows that measure the yearly retention of the plan's base, in days.
YEAR_DAYS = 365
#: Longest CLV horizon accepted, in months (100 years), and longest CRM appraisal, in years.
MAX_HORIZON_MONTHS = 1200
MAX_ROI_YEARS = 100
#: The three behavioural loyalty indicators, in the order of ``loyalty_weights``.
LOYALTY_INDICATORS = ("active_month_share", "repeat_share", "span_share")


class TooFewCustomersError(InputValueError):
    """The log has too few customers (or repeat customers) to fit a model.

    ``what`` is ``"customers"`` or ``"repeat_customers"``, ``found`` the number
    in the data and ``needed`` the minimum, so that an interface can say the
    same in other words; the message is a bilingual template
    (:func:`crmlib.i18n.message` shows it in Chinese).
    """

    def __init__(self, what: str, found: int, needed: int) -> None:
        self.what = what
        self.found = found
        self.needed = needed
        key = "too_few_customers" if what == "customers" else "too_few_repeat_customers"
        super().__init__(key, needed=needed, found=found)

    def __reduce__(self) -> tuple[Any, ...]:
        return TooFewCustomersError, (self.what, self.found, self.needed)


#: name -> (default, unit, unit in Chinese, meaning, meaning in Chinese) of every stated
#: assumption. "currency" (货币) is the currency of the amounts in the log.
_ASSUMPTIONS: dict[str, tuple[Any, str, str, str, str]] = {
    "margin": (0.3, "share of spend", "占消费额的比例",
               "share of spend that is profit (gross margin rate)", "消费额中的利润比例（毛利率）"),
    "discount_rate": (0.1, "per year", "每年", "discount rate of future profit",
                      "未来利润的年折现率"),
    "horizon_months": (36, "months", "月", "horizon of the predicted CLV", "预测 CLV 的期限"),
    "transaction_frequency": (None, "0-1 rating", "0～1 评分",
                              "strategy factor; None: measured from the log",
                              "战略因素；None 表示由数据测得"),
    "asset_specificity": ("low", "low / medium / high or 0-1", "低 / 中 / 高 或 0～1",
                          "strategy factor: assets specific to the relationships",
                          "战略因素：关系专用资产"),
    "contract_type": ("repeat", "spot / repeat / long_term",
                      "spot（现货）/ repeat（重复购买）/ long_term（长期合同）",
                      "strategy factor: how customers buy", "战略因素：契约类型"),
    "firm_stage": ("growth", "startup / growth / mature",
                   "startup（初创期）/ growth（成长期）/ mature（成熟期）",
                   "strategy factor: the firm's stage", "战略因素：企业发展阶段"),
    "customer_heterogeneity": (None, "0-1 rating", "0～1 评分",
                               "strategy factor; None: measured from the log (Gini of spend)",
                               "战略因素；None 表示由数据测得（消费额基尼系数）"),
    "high_frequency": (12.0, "purchases per customer per year", "每位客户每年的购买次数",
                       "purchase rate rated as high (1) transaction frequency",
                       "评为高交易频率（1）的年人均购买次数"),
    "retention": (None, "per year", "每年", "yearly retention of the plan's base; None: measured",
                  "计划基数的年保留率；None 表示由数据测得"),
    "extra_customers": (0.0, "customers", "客户数", "CRM plan, more: customers added",
                        "CRM 计划·多：新增客户数"),
    "retention_change": (0.1, "share points", "比例的绝对变化",
                         "CRM plan, longer: retention change", "CRM 计划·久：保留率变化"),
    "margin_change": (0.05, "relative", "相对变化",
                      "CRM plan, deeper: change of the margin per customer",
                      "CRM 计划·深：每位客户利润的相对变化"),
    "cross_sell_margin": (0.0, "currency per customer per year", "货币/每位客户每年",
                          "CRM plan, deeper: margin from cross-selling",
                          "CRM 计划·深：交叉销售带来的利润"),
    "investment": (3_000.0, "currency", "货币", "CRM investment at the start (year 0)",
                   "CRM 初始投资（第 0 年）"),
    "annual_cost": (600.0, "currency per year", "货币/年",
                    "explicit running cost of the CRM plan", "CRM 计划每年的显性成本"),
    "hidden_cost": (300.0, "currency per year", "货币/年",
                    "hidden cost (training, data cleaning, lost productivity)",
                    "隐性成本（培训、数据清理、效率损失）"),
    "roi_years": (3, "years", "年", "years the CRM plan is appraised over", "CRM 计划的评估年数"),
    "loyalty_weights": ((1 / 3, 1 / 3, 1 / 3), "weights summing to 1", "权重，合计为 1",
                        "weights of the loyalty indicators active months, repeat share, span",
                        "忠诚度指标权重：活跃月份、重复购买比例、购买跨度"),
}


@dataclass(frozen=True, eq=False)
class CustomerBaseAnalysis:
    """The whole capstone for one transaction log, section by section.

    Attributes
    ----------
    customers : pandas.DataFrame
        One row per customer (index ``customer_id``): ``spend`` (all amounts),
        ``purchases`` (purchase days), ``abc_class``, ``R``, ``F``, ``M``,
        ``rfm_segment`` / ``rfm_segment_zh``, ``stage``,
        ``probability_alive``, ``expected_purchases`` (over the horizon),
        ``expected_spend`` (per purchase), ``clv``, the loyalty indicators
        ``active_month_share``, ``repeat_share``, ``span_share``,
        ``loyalty`` and ``core``.
    data : pandas.DataFrame
        Rows read, kept and rejected; customers; first and last date.
    rejected : pandas.DataFrame
        Every source row that was not used, with its row number and reason
        (see :class:`~crmlib.transactions.TransactionLog`).
    pareto, rfm, stages, equity, core, strategy, plan, roi
        The result objects of each step (:func:`~crmlib.segmentation.pareto_abc`,
        :func:`~crmlib.segmentation.rfm_segments`,
        :func:`~crmlib.lifecycle.classify_stage`,
        :func:`~crmlib.equity.customer_equity`,
        :func:`~crmlib.segmentation.core_customers`,
        :func:`~crmlib.strategy.recommend_strategy`,
        :func:`~crmlib.strategy.plan_equity_change`,
        :func:`~crmlib.strategy.crm_roi`).
    stage_table : pandas.DataFrame
        :func:`~crmlib.lifecycle.stage_summary` with the mean CLV per stage.
    transaction_model, spend_model : BetaGeo, GammaGamma
        The fitted models (time unit: weeks).
    measured : pandas.DataFrame
        The inputs measured from the log for the strategy and the plan:
        ``value`` and how each was measured (``how``, ``how_zh``).
    assumptions : pandas.DataFrame
        Every stated assumption: ``value``, ``default``, ``unit``, ``unit_zh``,
        ``meaning`` and ``meaning_zh``; "currency" (货币) in a unit is the
        currency of the log's amounts.
    """

    customers: pd.DataFrame = field(repr=False)
    data: pd.DataFrame = field(repr=False)
    rejected: pd.DataFrame = field(repr=False)
    pareto: ParetoResult = field(repr=False)
    rfm: RFMSegments = field(repr=False)
    stages: StageClassification = field(repr=False)
    stage_table: pd.DataFrame = field(repr=False)
    transaction_model: BetaGeo = field(repr=False)
    spend_model: GammaGamma = field(repr=False)
    equity: EquityResult = field(repr=False)
    core: CoreCustomers = field(repr=False)
    strategy: StrategyRecommendation = field(repr=False)
    plan: EquityPlan = field(repr=False)
    roi: ROIResult = field(repr=False)
    measured: pd.DataFrame = field(repr=False)
    assumptions: pd.DataFrame = field(repr=False)

    @property
    def value(self) -> float:
        """Customer equity of the current customers (same as ``equity.value``)."""
        return self.equity.value

    def __repr__(self) -> str:
        return (f"CustomerBaseAnalysis(customers={len(self.customers)}, "
                f"rejected_rows={len(self.rejected)}, equity={self.equity.value:,.2f}, "
                f"strategy={self.strategy.recommended!r}, roi={self.roi.roi:.2%})")

    def to_frame(self) -> pd.DataFrame:
        """A copy of the per-customer table."""
        return self.customers.copy()

    def summary(self) -> pd.DataFrame:
        """The headline numbers, one row each (``value``; ``unit``)."""
        c = self.customers
        rows = {
            "rows_read": (int(self.data.loc["rows_read", "value"]), "rows"),
            "rows_kept": (int(self.data.loc["rows_kept", "value"]), "rows"),
            "rows_rejected": (int(self.data.loc["rows_rejected", "value"]), "rows"),
            "customers": (len(c), "customers"),
            "repeat_customers": (int((c["purchases"] > 1).sum()), "customers"),
            "gini": (self.pareto.gini, "0-1"),
            "top_20_share": (self.pareto.top_share(0.2), "share of spend"),
            "customer_equity": (self.equity.value, "currency"),
            "mean_clv": (float(c["clv"].mean()), "currency per customer"),
            "mean_loyalty": (float(c["loyalty"].mean()), "0-1"),
            "core_customers": (self.core.value, "customers"),
            "recommended_strategy": (self.strategy.recommended, ""),
            "roi": (self.roi.roi, "share"),
            "npv": (self.roi.npv, "currency"),
        }
        return pd.DataFrame({"value": [v for v, _ in rows.values()],
                             "unit": [u for _, u in rows.values()]},
                            index=pd.Index(list(rows), name="item"))

    def sections(self) -> dict[str, pd.DataFrame]:
        """Every section as a table, in the order of the analysis."""
        c = self.customers
        return {
            "data": self.data.copy(),
            "rejected": self.rejected.copy(),
            "abc_classes": self.pareto.summary.copy(),
            "rfm_segments": self.rfm.summary.copy(),
            "stages": self.stage_table.copy(),
            "clv_models": pd.concat({"BG/NBD": self.transaction_model.summary()["estimate"],
                                     "Gamma-Gamma": self.spend_model.summary()["estimate"]}
                                    ).to_frame("estimate"),
            "top_customers": c.sort_values("clv", ascending=False).head(10)[
                ["spend", "purchases", "stage", "probability_alive", "clv", "loyalty", "core"]],
            "equity": self.equity.to_frame(),
            "loyalty": c[[*LOYALTY_INDICATORS, "loyalty"]].describe().loc[
                ["mean", "25%", "50%", "75%"]],
            "core_customers": c[c["core"]].sort_values("clv", ascending=False).head(10)[
                ["spend", "purchases", "loyalty", "clv"]],
            "strategy": self.strategy.to_frame(),
            "measured": self.measured.copy(),
            "plan": self.plan.to_frame(),
            "roi": self.roi.to_frame(),
            "assumptions": self.assumptions.copy(),
        }


def _read(transactions: object) -> TransactionLog:
    if isinstance(transactions, TransactionLog):
        return transactions
    if isinstance(transactions, pd.DataFrame):
        return read_transactions(transactions)
    raise fail(TypeError, "not_transaction_log", name="transactions",
               type=type(transactions).__name__)


def _check_weights(weights: object) -> tuple[float, ...]:
    if not isinstance(weights, (Sequence, np.ndarray)) or isinstance(weights, str) or (
            len(weights) != len(LOYALTY_INDICATORS)):
        raise fail(ValueError, "weights_count", name="loyalty_weights",
                   n=len(LOYALTY_INDICATORS), names=", ".join(LOYALTY_INDICATORS),
                   got=repr(weights))
    checked = tuple(check_positive(f"loyalty_weights[{i}]", w, allow_zero=True)
                    for i, w in enumerate(weights))
    if abs(sum(checked) - 1.0) > 1e-6:
        raise fail(ValueError, "weights_sum", name="loyalty_weights", total=f"{sum(checked):.6g}",
                   got=", ".join(f"{w:g}" for w in checked))
    return checked


def _behaviour(data: pd.DataFrame, end: pd.Timestamp) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Given and total of the three behavioural loyalty indicators, one row per customer."""
    ind = loyalty_indicators(data, freq="D", observation_end=end).table
    months = data["date"].dt.to_period("M")
    active = months.groupby(data["customer_id"]).nunique()
    first_month = data.groupby("customer_id")["date"].min().dt.to_period("M")
    end_month = end.to_period("M")
    span_months = first_month.map(lambda p: (end_month - p).n + 1)
    duration = ind["relationship_duration"]
    given = pd.DataFrame({
        "active_month_share": active.reindex(ind.index).to_numpy(dtype=float),
        "repeat_share": ind["repeat_purchases"].to_numpy(dtype=float),
        "span_share": (duration - ind["time_since_last"] + 1).to_numpy(dtype=float),
    }, index=ind.index)
    total = pd.DataFrame({
        "active_month_share": span_months.reindex(ind.index).to_numpy(dtype=float),
        "repeat_share": ind["purchases"].to_numpy(dtype=float),
        "span_share": (duration + 1).to_numpy(dtype=float),
    }, index=ind.index)
    return given, total


def _yearly_base(data: pd.DataFrame, end: pd.Timestamp, margin: float
                 ) -> tuple[float, float, float | None, int]:
    """Active customers, margin per active customer per year, measured retention, prior buyers."""
    last_year = data["date"] > end - pd.Timedelta(days=YEAR_DAYS)
    prior_year = ~last_year & (data["date"] > end - pd.Timedelta(days=2 * YEAR_DAYS))
    active = set(data.loc[last_year, "customer_id"])
    prior = set(data.loc[prior_year, "customer_id"])
    n = float(len(active))
    per_customer = margin * float(data.loc[last_year, "amount"].sum()) / n if n else 0.0
    retention = len(prior & active) / len(prior) if prior else None
    return n, per_customer, retention, len(prior)


def analyse_customer_base(
    transactions: TransactionLog | pd.DataFrame,
    *,
    margin: float = 0.3,
    discount_rate: float = 0.1,
    horizon_months: int = 36,
    transaction_frequency: float | str | None = None,
    asset_specificity: float | str = "low",
    contract_type: str = "repeat",
    firm_stage: str = "growth",
    customer_heterogeneity: float | str | None = None,
    high_frequency: float = 12.0,
    retention: float | None = None,
    extra_customers: float = 0.0,
    retention_change: float = 0.1,
    margin_change: float = 0.05,
    cross_sell_margin: float = 0.0,
    investment: float = 3_000.0,
    annual_cost: float = 600.0,
    hidden_cost: float = 300.0,
    roi_years: int = 3,
    loyalty_weights: Sequence[float] = (1 / 3, 1 / 3, 1 / 3),
) -> CustomerBaseAnalysis:
    """Analyse a customer base from its transaction log, from value to strategy and ROI.

    Parameters
    ----------
    transactions : TransactionLog or pandas.DataFrame
        The result of :func:`crmlib.transactions.read_transactions` (its
        rejected rows are reported), or a DataFrame with a customer id, a date
        and an amount column, which is read by ``read_transactions`` first.
        Amounts in one currency; never modified.
    margin : float, default 0.3
        Share of spend that is profit, in (0, 1]: the data give revenue, and
        CLV is profit, never revenue.
    discount_rate : float, default 0.1
        Discount rate per year (0 or more); the CLV uses the equivalent
        monthly rate :math:`(1+d)^{1/12} - 1`.
    horizon_months : int, default 36
        Horizon of the predicted CLV in months (1 to 1,200).
    transaction_frequency, customer_heterogeneity : float or str, optional
        Strategy factors as :func:`~crmlib.strategy.recommend_strategy` takes
        them (0-1 or "low"/"medium"/"high"). None (default) measures them
        from the log (see Notes).
    asset_specificity : float or str, default "low"
        Strategy factor the log cannot show (0-1 or "low"/"medium"/"high").
    contract_type : {"spot", "repeat", "long_term"}, default "repeat"
        Strategy factor the log cannot show.
    firm_stage : {"startup", "growth", "mature"}, default "growth"
        Strategy factor the log cannot show.
    high_frequency : float, default 12
        Purchases per customer per year rated as high transaction frequency
        (> 0); used only when ``transaction_frequency`` is measured.
    retention : float, optional
        Yearly retention of the CRM plan's base (0 to 1). None (default)
        measures it from the last two years of the log (see Notes).
    extra_customers, retention_change, margin_change, cross_sell_margin : float
        The CRM plan, as in :func:`~crmlib.strategy.plan_equity_change`
        (more; longer; deeper): customers added (default 0), change of the
        yearly retention (default +0.1), relative change of the margin per
        customer (default +0.05) and cross-sell margin per customer per year
        (default 0); each 0 or more.
    investment : float, default 3,000
        CRM investment at the start (currency of the amounts, > 0).
    annual_cost, hidden_cost : float, default 600 and 300
        Explicit and hidden running costs of the plan per year (0 or more).
        The defaults of the plan and its costs are sized for the shipped
        example (a store with about 800 customers buying in a year); set
        your own.
    roi_years : int, default 3
        Years the plan is appraised over (1 to 100).
    loyalty_weights : three floats, default (1/3, 1/3, 1/3)
        Weights of the behavioural loyalty indicators (active months, repeat
        share, span), 0 or more, summing to 1.

    Returns
    -------
    CustomerBaseAnalysis
        Every section as result objects and tables (``summary()``,
        ``sections()``, ``to_frame()``).

    Raises
    ------
    TooFewCustomersError
        Fewer than :data:`MIN_CUSTOMERS` customers with a purchase before
        the last day, or fewer than :data:`MIN_REPEAT_CUSTOMERS` repeat
        customers with a positive spend: too few to fit the models.
    ValueError
        An assumption out of its range (the message names it), or a log
        shorter than a year with ``retention=None``.
    crmlib.models.ConvergenceError
        A model that cannot be fitted to these data (the message says why,
        e.g. spend that does not vary between customers).

    Notes
    -----
    Time: the log ends on its last date :math:`\\tau`; the models count time
    in weeks (days / 7), the CLV in months (30.44 days) discounted at the end
    of each month:

    .. math::

        \\mathrm{CLV}_i = \\sum_{k=1}^{H} m\\,E(Z_i)\\,
            \\frac{E[Y_i(k)] - E[Y_i(k-1)]}{(1+d_m)^{k}}, \\qquad
        d_m = (1+d)^{1/12} - 1, \\qquad
        \\mathrm{CE} = \\sum_i \\mathrm{CLV}_i,

    with :math:`E[Y_i(k)]` the BG/NBD expected purchases of customer
    :math:`i` in the next :math:`k` months and :math:`E(Z_i)` the
    Gamma-Gamma expected spend per purchase. A customer whose first
    purchase is on the last day has no history yet (:math:`T = 0`): P(alive)
    is 1 and the CLV that of a new customer, with the BG/NBD expected
    purchases :math:`E[X(k)]` of a customer who has just made a first
    purchase and the population mean spend :math:`E(Z) = p\\gamma/(q-1)`.
    The models are fitted on the customers with :math:`T > 0`. The equity
    is that of the current customers only (future cohorts need acquisition
    numbers the log does not hold).

    Loyalty from behaviour: a transaction log does not show what customers
    buy elsewhere, nor the judgements of the course's subjective (AHP) part,
    so the loyalty score is the course's objective value
    :math:`L = \\sum_j \\alpha_j S_j / T_j` of three indicators measured
    within the firm's own record: months with a purchase / months since the
    first purchase (both inclusive), repeat purchase days / purchase days,
    and days from the first to the last purchase / days from the first
    purchase to :math:`\\tau` (both + 1).

    Measured strategy factors: transaction frequency
    :math:`\\min(1, \\bar f / f_{high})`, with :math:`\\bar f` all purchase
    days divided by all customer-years observed (first purchase to
    :math:`\\tau`, + 1 day); customer heterogeneity: the Gini coefficient of
    spend.

    The plan's base (more / longer / deeper): :math:`N` customers who bought
    in the last 365 days, margin :math:`m` = ``margin`` × their spend in
    that year / :math:`N`, retention :math:`r` = share of the customers who
    bought in the 365 days before that and bought again in the last 365
    days. Year :math:`t = 1..n` of the plan gains
    :math:`G_t = N' m' r'^{\\,t-1} - N m r^{t-1}` (:math:`N' = N + \\Delta N`,
    :math:`m' = m(1+g) + x`, :math:`r' = r + \\Delta r`), the business gains
    of :func:`~crmlib.strategy.crm_roi`; their present value is
    ``plan.change``.

    References
    ----------
    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). RFM and CLV: Using
    iso-value curves for customer base analysis. *Journal of Marketing
    Research*, 42(4), 415-430.

    Gupta, S., & Lehmann, D. R. (2005). *Managing Customers as Investments*.
    Wharton School Publishing.

    Course material (CRM course sections 1-6).

    Examples
    --------
    >>> from crmlib.datasets import capstone_orders_path
    >>> log = read_transactions(capstone_orders_path())
    >>> res = analyse_customer_base(log, margin=0.3, discount_rate=0.1)
    >>> len(log.data) + len(log.rejected), len(res.rejected), len(res.customers)
    (6924, 5, 2357)
    >>> bool(abs(res.equity.value - res.customers["clv"].sum()) < 1e-6)
    True
    """
    log = _read(transactions)
    margin = check_probability("margin", margin, allow_zero=False)
    d = check_discount_rate(discount_rate)
    horizon = check_integer("horizon_months", horizon_months, minimum=1)
    if horizon > MAX_HORIZON_MONTHS:
        raise fail(ValueError, "horizon_months_most", name="horizon_months",
                   most=MAX_HORIZON_MONTHS, got=horizon)
    high_frequency = check_positive("high_frequency", high_frequency)
    stated_retention = retention
    if retention is not None:
        retention = check_probability("retention", retention)
    plan_levers = {}
    for name, v in (("extra_customers", extra_customers), ("retention_change", retention_change),
                    ("margin_change", margin_change), ("cross_sell_margin", cross_sell_margin)):
        plan_levers[name] = check_positive(name, v, allow_zero=True)
    investment = check_positive("investment", investment)
    annual_cost = check_positive("annual_cost", annual_cost, allow_zero=True)
    hidden_cost = check_positive("hidden_cost", hidden_cost, allow_zero=True)
    years = check_integer("roi_years", roi_years, minimum=1)
    if years > MAX_ROI_YEARS:
        raise fail(ValueError, "range", name="roi_years",
                   rule=Message("at_most", high=MAX_ROI_YEARS), hint="", got=years)
    stated = {"asset_specificity": asset_specificity, "contract_type": contract_type,
              "firm_stage": firm_stage, "transaction_frequency": transaction_frequency,
              "customer_heterogeneity": customer_heterogeneity}
    for name, level in stated.items():
        if level is not None:
            factor_level(name, level)
    weights = _check_weights(loyalty_weights)

    data = log.data[["customer_id", "date", "amount"]]
    if len(data) == 0:
        raise TooFewCustomersError("customers", 0, MIN_CUSTOMERS)
    end = pd.Timestamp(data["date"].max()).normalize()

    # 1. value and segments (notebook 02)
    summary = rfm_summary(data, freq="W", zero_T="keep")
    ids = summary.index
    spend = data.groupby("customer_id")["amount"].sum().reindex(ids)
    fitted = summary[summary["T"] > 0]
    if len(fitted) < MIN_CUSTOMERS:
        raise TooFewCustomersError("customers", len(fitted), MIN_CUSTOMERS)
    repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    if len(repeat) < MIN_REPEAT_CUSTOMERS:
        raise TooFewCustomersError("repeat_customers", len(repeat), MIN_REPEAT_CUSTOMERS)
    pareto = pareto_abc(spend)
    scores = rfm_scores(summary)
    rfm = rfm_segments(scores, value=spend)

    # 2. CLV per customer (notebooks 04, 05): weeks for the models, months for discounting
    bgnbd = BetaGeo().fit(fitted["frequency"], fitted["recency"], fitted["T"])
    gg = GammaGamma().fit(repeat["frequency"], repeat["monetary_value"])
    month = DAYS_PER_UNIT["M"] / DAYS_PER_UNIT["W"]
    monthly_rate = (1.0 + d) ** (1.0 / 12.0) - 1.0
    old = summary["T"] > 0
    x, tx, T = fitted["frequency"], fitted["recency"], fitted["T"]
    expected_spend = gg.conditional_expected_spend(summary["frequency"],
                                                   summary["monetary_value"])
    clv = pd.Series(np.nan, index=ids, name="clv")
    clv[old] = gg.customer_lifetime_value(bgnbd, x, tx, T, fitted["monetary_value"],
                                          horizon=horizon, discount_rate=monthly_rate,
                                          period_length=month, margin=margin)
    p_alive = pd.Series(1.0, index=ids)
    p_alive[old] = bgnbd.probability_alive(x, tx, T)
    purchases_ahead = pd.Series(bgnbd.expected_purchases(horizon * month), index=ids)
    purchases_ahead[old] = bgnbd.conditional_expected_purchases(horizon * month, x, tx, T)
    if (~old).any():  # first purchase on the last day: no history yet, a new customer's CLV
        k = np.arange(1, horizon + 1)
        new_purchases = np.diff(np.r_[0.0, bgnbd.expected_purchases(k * month)])
        clv[~old] = margin * float(gg.conditional_expected_spend(0, 0.0)) * float(
            np.sum(new_purchases / (1.0 + monthly_rate) ** k))

    # 3. lifecycle stages (notebook 03), with the model's P(alive)
    with warnings.catch_warnings():  # customers with T = 0 are handled above (P(alive) = 1)
        warnings.filterwarnings("ignore", message=r".* have T = 0 ", category=UserWarning)
        stages = classify_stage(data, freq="M", model=bgnbd, model_freq="W")
    stage_table = stage_summary(stages, clv=clv)

    # 4. customer equity (notebook 06)
    equity = customer_equity(clv)

    # 5. loyalty from behaviour (notebook 07)
    given, total = _behaviour(data, end)
    loyalty = objective_loyalty(given.reindex(ids), total.reindex(ids), list(weights))

    customers = pd.DataFrame({
        "spend": spend,
        "purchases": summary["frequency"] + 1,
        "abc_class": pareto.table["abc_class"].reindex(ids),
        "R": scores["R"], "F": scores["F"], "M": scores["M"],
        "rfm_segment": rfm.table["segment_en"], "rfm_segment_zh": rfm.table["segment_zh"],
        "stage": stages.table["stage"].reindex(ids),
        "probability_alive": p_alive,
        "expected_purchases": purchases_ahead,
        "expected_spend": expected_spend,
        "clv": clv,
        **{k: given.reindex(ids)[k] / total.reindex(ids)[k] for k in LOYALTY_INDICATORS},
        "loyalty": loyalty,
    }, index=ids)

    # 6. core customers (notebook 02): value plus frequency, loyalty and potential (CLV)
    core = core_customers(customers, "spend", frequency="purchases", loyalty="loyalty",
                          potential="clv")
    customers["core"] = core.table["core"].reindex(ids).to_numpy()

    # 7. strategy and ROI (notebook 08)
    days_observed = ((end - data.groupby("customer_id")["date"].min()).dt.days + 1).sum()
    purchase_rate = float(customers["purchases"].sum()) / (days_observed / 365.25)
    measured_frequency = min(1.0, purchase_rate / high_frequency)
    tf = measured_frequency if transaction_frequency is None else transaction_frequency
    ch = pareto.gini if customer_heterogeneity is None else customer_heterogeneity
    strategy = recommend_strategy(tf, asset_specificity, contract_type, firm_stage, ch)

    n, m, measured_retention, prior = _yearly_base(data, end, margin)
    if retention is None:
        if measured_retention is None:
            raise fail(ValueError, "retention_not_measured", days=YEAR_DAYS, end=str(end.date()))
        retention = measured_retention
    plan = plan_equity_change(n, m, retention, d, periods=years, **plan_levers)
    base, planned = plan.effects.loc["base"], plan.effects.loc["plan"]
    t = np.arange(years)
    gains = (planned["customers"] * planned["margin"] * planned["retention"] ** t
             - base["customers"] * base["margin"] * base["retention"] ** t)
    try:
        roi = crm_roi(investment, costs=annual_cost, benefits=gains,
                      discount_rate=d, hidden_costs=hidden_cost, years=years)
    except OverflowError:
        raise fail(OverflowError, "roi_not_finite", investment=f"{investment:g}",
                   annual_cost=f"{annual_cost:g}", hidden_cost=f"{hidden_cost:g}",
                   gains=f"{float(np.max(gains)):g}") from None

    rows_kept, rows_rejected = len(log.data), len(log.rejected)
    data_table = pd.DataFrame({"value": [
        rows_kept + rows_rejected, rows_kept, rows_rejected, len(ids),
        str(data["date"].min().date()), str(end.date())]},
        index=pd.Index(["rows_read", "rows_kept", "rows_rejected", "customers",
                        "first_date", "last_date"], name="item"))
    measured = pd.DataFrame({
        "value": [purchase_rate, measured_frequency, strategy.levels["transaction_frequency"],
                  pareto.gini, strategy.levels["customer_heterogeneity"], n, m,
                  measured_retention if measured_retention is not None else math.nan,
                  retention, prior],
        "how": [
            "purchase days / customer-years observed",
            f"min(1, purchases per customer-year / {high_frequency:g})",
            "used" + (" (measured)" if transaction_frequency is None else " (stated)"),
            "Gini coefficient of spend",
            "used" + (" (measured)" if customer_heterogeneity is None else " (stated)"),
            f"customers who bought in the last {YEAR_DAYS} days",
            f"margin x their spend in the last {YEAR_DAYS} days / customers",
            f"share of the previous {YEAR_DAYS} days' buyers who bought again",
            "used" + (" (measured)" if stated_retention is None else " (stated)"),
            f"customers who bought in the {YEAR_DAYS} days before the last {YEAR_DAYS}",
        ],
        "how_zh": [
            "购买天数 / 观察到的客户年数",
            f"min(1, 每位客户每年的购买次数 / {high_frequency:g})",
            "采用值" + ("（测得）" if transaction_frequency is None else "（设定）"),
            "消费额的基尼系数",
            "采用值" + ("（测得）" if customer_heterogeneity is None else "（设定）"),
            f"最近 {YEAR_DAYS} 天内有购买的客户",
            f"利润率 × 这些客户最近 {YEAR_DAYS} 天的消费额 / 客户数",
            f"前一个 {YEAR_DAYS} 天内的购买者中再次购买的比例",
            "采用值" + ("（测得）" if stated_retention is None else "（设定）"),
            f"最近 {YEAR_DAYS} 天之前的 {YEAR_DAYS} 天内有购买的客户",
        ]},
        index=pd.Index(["purchases_per_customer_year", "transaction_frequency_measured",
                        "transaction_frequency", "gini", "customer_heterogeneity",
                        "active_customers", "margin_per_customer_year", "retention_measured",
                        "retention", "previous_year_buyers"], name="item"))
    given_values = {
        "margin": margin, "discount_rate": d, "horizon_months": horizon,
        "transaction_frequency": transaction_frequency, "asset_specificity": asset_specificity,
        "contract_type": contract_type, "firm_stage": firm_stage,
        "customer_heterogeneity": customer_heterogeneity, "high_frequency": high_frequency,
        "retention": None if stated_retention is None else retention,
        **plan_levers, "investment": investment, "annual_cost": annual_cost,
        "hidden_cost": hidden_cost, "roi_years": years, "loyalty_weights": weights,
    }
    assumptions = pd.DataFrame(
        {"value": [_shown(given_values[k]) for k in _ASSUMPTIONS],
         "default": [_shown(v[0]) for v in _ASSUMPTIONS.values()],
         "unit": [v[1] for v in _ASSUMPTIONS.values()],
         "unit_zh": [v[2] for v in _ASSUMPTIONS.values()],
         "meaning": [v[3] for v in _ASSUMPTIONS.values()],
         "meaning_zh": [v[4] for v in _ASSUMPTIONS.values()]},
        index=pd.Index(list(_ASSUMPTIONS), name="assumption"))
    check_results_finite("analyse_customer_base", {"clv": customers["clv"]},
                         {"margin": margin, "discount_rate": d, "horizon_months": horizon})
    return CustomerBaseAnalysis(
        customers=customers, data=data_table, rejected=log.rejected.copy(), pareto=pareto,
        rfm=rfm, stages=stages, stage_table=stage_table, transaction_model=bgnbd,
        spend_model=gg, equity=equity, core=core, strategy=strategy, plan=plan, roi=roi,
        measured=measured, assumptions=assumptions,
    )


def _shown(value: object) -> str:
    """An assumption as text for the table (None: measured from the log)."""
    if value is None:
        return "measured"
    if isinstance(value, tuple):
        return "(" + ", ".join(f"{v:.4g}" for v in value) + ")"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)
