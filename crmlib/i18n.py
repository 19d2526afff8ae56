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
    "gross_profit": ("value", "Gross profit", "毛利"),
    "cost_to_serve": ("value", "Cost to serve", "服务成本"),
    "customer_profit": ("value", "Customer profit", "客户利润"),
    "value_matrix": ("value", "Customer value matrix", "客户价值矩阵"),
    "pareto_analysis": ("value", "ABC / Pareto analysis (80/20)", "ABC 分类 / 帕累托分析"),
    "gini": ("value", "Gini coefficient", "基尼系数"),
    "rfm_analysis": ("value", "RFM analysis", "RFM 分析"),
    "profit_contribution": ("value", "Profit contribution ratio", "利润贡献率"),
    "churn_rate": ("value", "Churn rate", "流失率"),
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
    "customer_share": ("Share of customers", "客户占比"),
    "value_share": ("Share of value", "价值占比"),
    "current_value_share": ("share of current value", "当前价值占比"),
    "current_split": ("Current value split at percentile", "当前价值分界（百分位）"),
    "potential_split": ("Potential split at percentile", "增值潜力分界（百分位）"),
    "split_line": ("split", "分界线"),
    "equal_shares": ("Equal shares", "完全平均线"),
    "concentration_curve": ("Concentration curve", "集中度曲线"),
    "top_customers": ("Top share of customers (most valuable first)", "客户占比（按价值从高到低）"),
    "abc_class": ("ABC class", "ABC 类别"),
    "rfm_class": ("RFM segment", "RFM 客户类别"),
    "bins": ("Score levels (bins)", "评分等级数"),
    "threshold_mode": ("High means above", "“高”的标准"),
    "threshold_mean": ("the mean score", "平均分以上"),
    "threshold_number": ("a fixed score", "固定分数以上"),
    "threshold": ("Fixed score", "固定分数"),
    "scheme": ("Scheme", "分类方案"),
    "scheme_eight": ("eight classes (重要价值客户 …)", "八类客户（重要价值客户等）"),
    "scheme_named": ("named segments (champions …)", "命名细分（冠军客户等）"),
    "r_score": ("R score (5 = bought most recently)", "R 分（5 = 最近购买）"),
    "f_score": ("F score (5 = buys most often)", "F 分（5 = 购买最频繁）"),
    "customers_in_cell": ("Customers in each R × F cell", "各 R × F 组合的客户数"),
    "mean_value_in_cell": ("Mean value in each R × F cell", "各 R × F 组合的平均价值"),
    "action": ("Action", "策略"),
    "quadrant": ("Quadrant", "象限"),

    # -- 03 lifecycle (interface words of this topic below this line) --

    # -- 06 equity (interface words of this topic below this line) --

    # -- 07 loyalty (interface words of this topic below this line) --

    # -- 08 strategy (interface words of this topic below this line) --

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
    >>> glossary("strategy")["zh"].tolist()
    ['客户关系管理战略', '扣钩策略', '拉链策略', '维可牢策略']
    """
    frame = pd.DataFrame.from_dict(_TERMS, orient="index", columns=["topic", "en", "zh"])
    frame.index.name = "key"
    if topic is None:
        return frame
    check_choice("topic", topic, sorted(frame["topic"].unique()))
    return frame[frame["topic"] == topic]
