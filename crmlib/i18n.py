"""English and Chinese labels, and a bilingual glossary of the course terms.

The kit speaks English first with the Chinese course term beside it. Widgets
and plot helpers take ``lang="en"`` or ``lang="zh"``; they look their labels
up here with :func:`label`, so a term is translated once for the whole kit.

This module is pure (no matplotlib, no widgets). The font that lets
matplotlib draw Chinese text is registered by :mod:`crmlib.plotting`.

Examples
--------
>>> label("clv", "zh")
'客户终身价值'
>>> label("clv")
'Customer lifetime value'
>>> glossary("clv").loc["retention_rate", "zh"]
'保留率'
"""

from __future__ import annotations

import pandas as pd

from crmlib._validation import check_choice

__all__ = ["LANGUAGES", "bilingual", "check_lang", "glossary", "label"]

LANGUAGES = ("en", "zh")

# key: (topic, English, 中文). Topics follow the notebook map.
_TERMS: dict[str, tuple[str, str, str]] = {
    # 01 customer value
    "customer_value": ("value", "Customer value", "客户价值"),
    "delivered_value": ("value", "Customer delivered value", "客户让渡价值"),
    "total_customer_value": ("value", "Total customer value", "顾客总价值"),
    "total_customer_cost": ("value", "Total customer cost", "顾客总成本"),
    "value_hierarchy": ("value", "Customer value hierarchy", "客户价值层次"),
    "kano_model": ("value", "Kano model", "卡诺模型"),
    "must_be": ("value", "Must-be quality", "当然质量"),
    "one_dimensional": ("value", "One-dimensional quality", "一元质量"),
    "attractive": ("value", "Attractive quality", "魅力质量"),
    "current_value": ("value", "Current value", "当前价值"),
    "growth_potential": ("value", "Growth potential", "增值潜力"),
    "value_segmentation": ("value", "Customer value segmentation", "客户价值细分"),
    "core_customer": ("value", "Core customer", "核心客户"),
    "activity_based_costing": ("value", "Activity-based costing", "作业成本法"),
    # 03 lifecycle
    "lifecycle": ("lifecycle", "Customer lifecycle", "客户生命周期"),
    "exploration": ("lifecycle", "Exploration stage", "考察期"),
    "formation": ("lifecycle", "Formation stage", "形成期"),
    "stability": ("lifecycle", "Stability stage", "稳定期"),
    "decline": ("lifecycle", "Decline stage", "退化期"),
    # 04 CLV
    "clv": ("clv", "Customer lifetime value", "客户终身价值"),
    "customer_profitability": ("clv", "Customer profitability", "客户盈利性"),
    "margin": ("clv", "Margin per period", "每期利润"),
    "retention_rate": ("clv", "Retention rate", "保留率"),
    "discount_rate": ("clv", "Discount rate", "折现率"),
    "horizon": ("clv", "Horizon (periods)", "期限（期数）"),
    "infinite_horizon": ("clv", "Infinite horizon", "无限期"),
    "timing_convention": ("clv", "Timing convention", "现金流时点"),
    "period": ("clv", "Period", "期"),
    "cashflow": ("clv", "Expected cash flow", "期望现金流"),
    "present_value": ("clv", "Present value", "现值"),
    "cumulative_value": ("clv", "Cumulative present value", "累计现值"),
    "transaction_value": ("clv", "Transaction value", "交易价值"),
    "referral_value": ("clv", "Referral value", "推荐价值"),
    "growth_value": ("clv", "Growth value", "成长价值"),
    "knowledge_value": ("clv", "Knowledge value", "知识价值"),
    "share_of_wallet": ("clv", "Share of wallet", "荷包份额"),
    "acquisition_cost": ("clv", "Customer acquisition cost (CAC)", "客户获取成本"),
    "payback": ("clv", "CAC payback time", "获客成本回收期"),
    "margin_multiple": ("clv", "Margin multiple", "利润乘数"),
    # 05 predicting CLV
    "frequency": ("models", "Frequency (repeat purchases)", "频率（重复购买次数）"),
    "recency": ("models", "Recency", "最近购买时间"),
    "customer_age": ("models", "Customer age T", "客户年龄 T"),
    "monetary_value": ("models", "Monetary value", "消费金额"),
    "probability_alive": ("models", "Probability alive", "存活概率"),
    "expected_purchases": ("models", "Expected purchases", "预期购买次数"),
    "survival": ("models", "Survival", "存活率"),
    "holdout": ("models", "Holdout period", "验证期"),
    "calibration": ("models", "Calibration period", "校准期"),
    "repeat_transactions": ("models", "Repeat transactions", "重复购买次数"),
    "survivors": ("models", "Customers still active", "仍在保留的客户数"),
    "expected_spend": ("models", "Expected spend per purchase", "每次购买的预期消费额"),
    "derl": ("models", "Discounted expected residual lifetime (DERL)", "折现期望剩余生命周期"),
    # 06 equity, 07 loyalty, 08 strategy
    "customer_equity": ("equity", "Customer equity", "客户资产"),
    "value_equity": ("equity", "Value equity", "价值资产"),
    "brand_equity": ("equity", "Brand equity", "品牌资产"),
    "relationship_equity": ("equity", "Relationship equity", "关系资产"),
    "loyalty": ("loyalty", "Customer loyalty", "客户忠诚度"),
    "analytic_hierarchy_process": ("loyalty", "Analytic Hierarchy Process (AHP)", "层次分析法"),
    "crm_strategy": ("strategy", "CRM strategy", "客户关系管理战略"),
    "clasp": ("strategy", "Clasp strategy", "扣钩策略"),
    "zipper": ("strategy", "Zipper strategy", "拉链策略"),
    "velcro": ("strategy", "Velcro strategy", "维可牢策略"),
    "strategy_components": ("strategy", "Components of CRM strategy", "CRM 战略的构成"),
    "more_longer_deeper": ("strategy", "More, longer, deeper", "多、久、深"),
    "asset_specificity": ("strategy", "Asset specificity", "资产专用性"),
    "transaction_frequency": ("strategy", "Transaction frequency", "交易频率"),
    "process_model": ("strategy", "CRM process model", "CRM 流程模型"),
    "roi": ("strategy", "Return on investment (ROI)", "投资回报率"),
    "npv": ("strategy", "Net present value (NPV)", "净现值"),
    "irr": ("strategy", "Internal rate of return (IRR)", "内部收益率"),
    "payback_period": ("strategy", "Payback period", "投资回收期"),
    "discounted_payback": ("strategy", "Discounted payback period", "动态投资回收期"),
    "hidden_cost": ("strategy", "Hidden costs", "隐性成本"),
    "cost_saving": ("strategy", "Service-cost savings", "服务成本节约"),
}

# Interface words that are not course terms.
_UI: dict[str, tuple[str, str]] = {
    "value": ("Value", "价值"),
    "formula": ("Formula", "公式"),
    "error": ("Cannot compute", "无法计算"),
    "start": ("start of each period", "每期期初"),
    "end": ("end of each period", "每期期末"),
    "mid": ("middle of each period", "每期期中"),
    "after_first": ("after the first payment (Gupta–Lehmann)", "首笔之后（Gupta–Lehmann）"),
    "infinite": ("infinite", "无限"),
    "periods_label": ("periods", "期"),
    "actual": ("Actual", "实际值"),
    "customers": ("Customers", "客户数"),
    "mean_holdout_purchases": ("Mean purchases in the holdout period", "验证期平均购买次数"),
    "calibration_purchases": ("Repeat purchases in the calibration period", "校准期重复购买次数"),
    "this_customer": ("This customer", "该客户"),
    "observed_fit": ("Observed, used for fitting", "观测值（用于拟合）"),
    "observed_held_back": ("Observed, held back", "观测值（留作检验）"),
    "year": ("Year", "年"),
    "fit_years": ("Years used for fitting", "用于拟合的年数"),
    "projection_error": ("Mean absolute error on the held-back years", "检验年份的平均绝对误差"),
    "cumulative_repeat_transactions": ("Cumulative repeat transactions", "累计重复购买次数"),
    "one_time_buyer": ("a one-time buyer: recency is 0", "一次性购买者：最近购买时间为 0"),
    "horizon_purchases": ("Expected purchases in the horizon", "期限内预期购买次数"),
    "segment": ("Segment", "客户细分"),
    # -- 01 customer value (interface words of this topic below this line) --

    # -- 02 segmentation (interface words of this topic below this line) --

    # -- 03 lifecycle (interface words of this topic below this line) --

    # -- 06 equity (interface words of this topic below this line) --

    # -- 07 loyalty (interface words of this topic below this line) --

    # -- 08 strategy (interface words of this topic below this line) --
    "strategy_score": ("Score", "得分"),
    "recommended_type": ("Recommended", "推荐"),
    "strategy_reasons": ("Why", "原因"),
    "contract_type": ("Contract type", "契约类型"),
    "firm_stage": ("Firm's stage", "企业发展阶段"),
    "customer_heterogeneity": ("Customer heterogeneity", "客户差异程度"),
    "time_periods": ("Time (periods)", "时间（期）"),
    "customer_need": ("Customer's need", "客户需求"),
    "contact_firm": ("Contact set by the firm", "由企业安排的接触"),
    "contact_customer": ("Contact set by the customer's process", "由客户流程决定的接触"),
    "mean_wait": ("mean wait", "平均等待"),
    "contact_patterns": ("Contact pattern over time", "随时间的接触模式"),
    "score_contributions": ("Score by factor", "各因素的得分贡献"),
    "investment": ("Investment (year 0)", "初始投资（第 0 年）"),
    "explicit_cost": ("Explicit costs per year", "每年显性成本"),
    "hidden_cost_per_year": ("Hidden costs per year", "每年隐性成本"),
    "business_gain": ("Business gains per year", "每年业务收益"),
    "cost_saving_per_year": ("Cost savings per year", "每年服务成本节约"),
    "roi_years": ("Years", "年数"),
    "net_cash_flow": ("Net cash flow", "净现金流"),
    "cumulative_cash_flow": ("Cumulative cash flow", "累计现金流"),
    "cumulative_pv": ("Cumulative present value", "累计现值"),
    "amount_currency": ("Amount (currency)", "金额（货币单位）"),
    "no_irr": ("no single IRR", "无唯一内部收益率"),
    "not_paid_back": ("not within the horizon", "期内无法收回"),
    "discounted_roi": ("discounted ROI", "折现 ROI"),
    "number_of_customers": ("Customers now", "现有客户数"),
    "extra_customers": ("More: extra customers", "多：新增客户数"),
    "retention_change": ("Longer: retention change", "久：保留率变化"),
    "margin_change": ("Deeper: margin change", "深：利润变化"),
    "cross_sell_margin": ("Deeper: cross-sell margin", "深：交叉销售利润"),
    "plan_cost": ("Cost of the plan (PV)", "计划成本（现值）"),
    "base_equity": ("Equity now", "当前客户资产"),
    "planned_equity": ("Equity with the plan", "实施计划后的客户资产"),
    "equity_change": ("Change in customer equity", "客户资产变化"),
    "equity_change_axis": ("Change in customer equity (currency)", "客户资产变化（货币单位）"),
    "net_of_cost": ("net of the plan's cost", "扣除计划成本后"),
    "lever_more": ("More (acquisition)", "多（获取）"),
    "lever_longer": ("Longer (retention)", "久（保留）"),
    "lever_deeper_margin": ("Deeper (margin)", "深（利润）"),
    "lever_deeper_cross_sell": ("Deeper (cross-sell)", "深（交叉销售）"),
    "lever_interaction": ("Together (interaction)", "共同作用（交互）"),
    "lever_plan": ("Whole plan", "整体计划"),
    "monitoring_feedback": ("monitoring feedback", "监控反馈"),

}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language code ("en" or "zh").

    >>> check_lang("zh")
    'zh'
    """
    return check_choice("lang", lang, LANGUAGES)


def label(key: str, lang: str = "en") -> str:
    """Label for a course term or interface word in ``lang``.

    Parameters
    ----------
    key : str
        A key of the glossary (see :func:`glossary`) or an interface word.
    lang : {"en", "zh"}
        Language of the label.

    Examples
    --------
    >>> label("discount_rate", "zh")
    '折现率'
    """
    check_lang(lang)
    if key in _TERMS:
        _, en, zh = _TERMS[key]
    elif key in _UI:
        en, zh = _UI[key]
    else:
        known = sorted(_TERMS) + sorted(_UI)
        raise KeyError(f"no label for {key!r}; known keys include {', '.join(known[:8])}, ...")
    return zh if lang == "zh" else en


def bilingual(key: str) -> str:
    """English term with the Chinese course term beside it, as the notebooks write it.

    >>> bilingual("clv")
    'Customer lifetime value 客户终身价值'
    """
    return f"{label(key, 'en')} {label(key, 'zh')}"


def glossary(topic: str | None = None) -> pd.DataFrame:
    """The bilingual glossary of course terms, optionally for one topic.

    Parameters
    ----------
    topic : {"value", "lifecycle", "clv", "models", "equity", "loyalty", "strategy"}, optional
        Restrict to one topic of the course.

    Returns
    -------
    pandas.DataFrame
        Indexed by key, columns ``topic``, ``en``, ``zh``.

    Examples
    --------
    >>> glossary("strategy")["zh"].tolist()[:4]
    ['客户关系管理战略', '扣钩策略', '拉链策略', '维可牢策略']
    """
    frame = pd.DataFrame.from_dict(_TERMS, orient="index", columns=["topic", "en", "zh"])
    frame.index.name = "key"
    if topic is None:
        return frame
    check_choice("topic", topic, sorted(frame["topic"].unique()))
    return frame[frame["topic"] == topic]
