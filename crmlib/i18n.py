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

Error messages are bilingual too: the library's input checks raise errors
built from the templates of :mod:`crmlib._messages` (English and Chinese,
same placeholders), and :func:`message` renders one in a language. A
parameter keeps its code identifier, with its Chinese name from
:data:`PARAMETER_TERMS` beside it (the glossary term where the parameter is a
course term, so one concept has one Chinese name everywhere):

>>> from crmlib._validation import check_probability
>>> try:
...     check_probability("retention", 1.5)
... except ValueError as exc:
...     print(exc)
...     print(message(exc, "zh"))
retention must be between 0 and 1; got 1.5
保留率 retention 必须介于 0 和 1 之间；收到 1.5
"""

from __future__ import annotations

import re

import pandas as pd

from crmlib._messages import Message, fail
from crmlib._validation import _show, check_choice

__all__ = ["LANGUAGES", "PARAMETER_TERMS", "bilingual", "check_lang", "glossary", "label",
           "message", "parameter_name"]

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
    "indifferent": ("value", "Indifferent quality", "无差异质量"),
    "reverse": ("value", "Reverse quality", "反向质量"),
    "questionable": ("value", "Questionable answer", "可疑结果"),
    "value_cost_ratio": ("value", "Value/cost ratio", "价值/成本比"),
    "total_episode_value": ("value", "Total episode value", "总情节价值"),
    "voice_of_customer": ("value", "Voice of the customer (VOC)", "顾客之声"),
    "relationship_bond": ("value", "Relationship bond", "关系纽带"),
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
    "relationship_ladder": ("lifecycle", "Relationship ladder", "客户关系阶梯"),
    "initial_customer": ("lifecycle", "Initial customer", "初始客户"),
    "member_customer": ("lifecycle", "Member customer", "会员客户"),
    "advocate": ("lifecycle", "Advocate", "倡导者"),
    "cohort": ("lifecycle", "Acquisition cohort", "客户群组"),
    "break_even": ("lifecycle", "Break-even period", "盈亏平衡期"),
    "censoring": ("lifecycle", "Censoring", "删失"),
    "survival_curve": ("lifecycle", "Survival curve", "生存曲线"),
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
    "acquisition_cost": ("clv", "Customer acquisition cost (CAC)", "获客成本"),
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
    "firm_value": ("equity", "Firm value from customers", "基于客户的企业价值"),
    "brand_switching": ("equity", "Brand switching", "品牌转换"),
    "markov_migration": ("equity", "Markov migration model", "马尔可夫迁移模型"),
    "acquisition_vs_retention": ("equity", "Acquisition vs retention spending", "获取与保留支出"),
    "more_longer_deeper": ("equity", "More, longer, deeper", "多、久、深"),
    "loyalty": ("loyalty", "Customer loyalty", "客户忠诚度"),
    "analytic_hierarchy_process": ("loyalty", "Analytic Hierarchy Process (AHP)", "层次分析法"),
    "objective_value": ("loyalty", "Objective value", "客观价值"),
    "subjective_value": ("loyalty", "Subjective value", "主观价值"),
    "loyalty_score": ("loyalty", "Loyalty score", "忠诚度得分"),
    "relationship_duration": ("loyalty", "Relationship duration", "关系持续时间"),
    "repeat_purchase_rate": ("loyalty", "Repeat-purchase rate", "重复购买率"),
    "purchase_frequency": ("loyalty", "Purchase frequency", "购买频率"),
    "net_promoter_score": ("loyalty", "Net promoter score (NPS)", "净推荐值"),
    "price": ("loyalty", "Price", "价格"),
    "quality": ("loyalty", "Quality", "质量"),
    "service": ("loyalty", "Service", "服务"),
    "customer_nature": ("loyalty", "Customer nature", "客户性质"),
    "production_equipment": ("loyalty", "Production equipment", "生产设备"),
    "customer_behaviour": ("loyalty", "Customer behaviour", "客户行为"),
    "judgement_matrix": ("loyalty", "Pairwise judgement matrix", "判断矩阵"),
    "weight": ("loyalty", "Weight", "权重"),
    "single_ranking": ("loyalty", "Single-level ranking", "层次单排序"),
    "total_ranking": ("loyalty", "Total ranking", "层次总排序"),
    "consistency_index": ("loyalty", "Consistency index (CI)", "一致性指标"),
    "random_index": ("loyalty", "Random index (RI)", "随机一致性指标"),
    "consistency_ratio": ("loyalty", "Consistency ratio (CR)", "一致性比率"),
    "relationship_quality": ("loyalty", "Relationship quality", "关系质量"),
    "trust": ("loyalty", "Trust", "信任"),
    "commitment": ("loyalty", "Commitment", "承诺"),
    "general_trust": ("loyalty", "General trust", "一般信任"),
    "system_trust": ("loyalty", "System-based trust", "系统信任"),
    "character_trust": ("loyalty", "Character-based trust", "个性信任"),
    "experience_trust": ("loyalty", "Experience-based trust", "经验信任"),
    "economic_commitment": ("loyalty", "Economic commitment", "经济承诺"),
    "affective_commitment": ("loyalty", "Affective commitment", "情感承诺"),
    "temporal_commitment": ("loyalty", "Temporal commitment", "时间承诺"),
    "kmv_model": ("loyalty", "Key mediating variable (KMV) model", "关键中介变量模型"),
    "termination_costs": ("loyalty", "Relationship termination costs", "关系终止成本"),
    "relationship_benefits": ("loyalty", "Relationship benefits", "关系利益"),
    "shared_values": ("loyalty", "Shared values", "共同价值观"),
    "communication": ("loyalty", "Communication", "沟通"),
    "opportunistic_behaviour": ("loyalty", "Opportunistic behaviour", "机会主义行为"),
    "acquiescence": ("loyalty", "Acquiescence", "默许"),
    "propensity_to_leave": ("loyalty", "Propensity to leave", "离开倾向"),
    "cooperation": ("loyalty", "Cooperation", "合作"),
    "functional_conflict": ("loyalty", "Functional conflict", "功能性冲突"),
    "decision_making_uncertainty": ("loyalty", "Decision-making uncertainty", "决策不确定性"),
    "crm_strategy": ("strategy", "CRM strategy", "客户关系管理战略"),
    "clasp": ("strategy", "Clasp strategy", "扣钩策略"),
    "zipper": ("strategy", "Zipper strategy", "拉链策略"),
    "velcro": ("strategy", "Velcro strategy", "维可牢策略"),
    "strategy_components": ("strategy", "Components of CRM strategy", "CRM 战略的构成"),
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
    "bug_report": ("This is a bug in the kit, please report it (with the details below).",
                   "这是本工具包的程序错误，请报告（附上下面的详细信息）。"),
    "details": ("Details", "详细信息"),
    "not_available": ("n/a", "无"),
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
    "value_axis": ("Value (money or points, one scale)", "价值（货币或分值，同一量纲）"),
    "offer": ("Offer", "方案"),
    "offer_a": ("Offer A", "方案 A"),
    "offer_b": ("Offer B", "方案 B"),
    "chosen": ("The customer chooses", "顾客选择"),
    "better_axis": ("Better (satisfaction coefficient)", "Better（满意系数）"),
    "worse_axis": ("|Worse| (dissatisfaction coefficient)", "|Worse|（不满意系数）"),
    "kano_plane": ("Kano Better/Worse plane", "卡诺 Better/Worse 象限图"),
    "fulfilment": ("Attribute fulfilment (absent → fully provided)",
                   "属性具备程度（不具备 → 充分具备）"),
    "satisfaction": ("Customer satisfaction", "顾客满意度"),
    "kano_drift": ("Attributes drift: attractive → one-dimensional → must-be",
                   "属性的漂移：魅力质量 → 一元质量 → 当然质量"),
    "desired_value": ("Desired value (goals set what is wanted)", "期望价值（目标决定需要什么）"),
    "received_value": ("Received value (satisfaction, level by level)", "实得价值（逐层的满意）"),
    "kano_counts": ("Answers per attribute", "各属性的回答数"),
    "kano_counts_help": ("one line per attribute: name, A, O, M, I (optionally R, Q)",
                         "每行一个属性：名称, A, O, M, I（可加 R, Q）"),
    "kano_earlier": ("Earlier survey", "早前的调查"),
    "kano_drift_since": ("drift since the earlier survey", "与早前调查相比的漂移"),
    "split": ("Quadrant split", "象限分界"),
    "attribute": ("Attribute", "属性"),
    "category": ("Category", "类别"),
    "strategy": ("Strategy", "策略"),

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
    "stage": ("Stage", "阶段"),
    "revenue": ("Revenue", "收入"),
    "cost": ("Cost", "成本"),
    "profit": ("Profit", "利润"),
    "cumulative_profit": ("Cumulative (discounted) profit", "累计（折现）利润"),
    "relationship_ends": ("Relationship ends", "关系终止"),
    "ends_after": ("Relationship ends after period", "关系在第几期后终止"),
    "full_path": ("Runs its full path", "完整生命周期"),
    "lost_value": ("Lost by ending early", "提前终止损失的价值"),
    "never_breaks_even": ("never breaks even", "未能收回投入"),
    "periods_in_stage": ("periods", "期数"),
    "revenue_per_period": ("revenue / period", "每期收入"),
    "cost_per_period": ("cost / period", "每期成本"),
    "periods_since_acquisition": ("Periods since acquisition", "获取后的期数"),
    "cohort_axis": ("Cohort (period of first purchase)", "群组（首次购买所在期）"),
    "customers_active": ("Active customers", "活跃客户数"),
    "retention_share": ("Share of cohort active", "群组中活跃客户的比例"),
    "revenue_per_customer": ("Revenue per acquired customer", "每位获取客户的收入"),
    "margin_per_customer": ("Margin per acquired customer", "每位获取客户的利润"),
    "measure": ("Measure", "指标"),
    "period_unit": ("Period", "周期"),
    "week": ("week", "周"),
    "month": ("month", "月"),
    "quarter": ("quarter", "季度"),
    "day": ("day", "天"),
    # units shown on axes and controls of every topic ("Time (weeks)", "时间（周）")
    "time": ("Time", "时间"),
    "days": ("days", "天"),
    "weeks": ("weeks", "周"),
    "months": ("months", "月"),
    "quarters": ("quarters", "季度"),
    "years": ("years", "年"),
    "resource_units": ("resource units", "资源单位"),
    "horizon_length": ("Horizon", "期限"),
    "periods_of": ("periods of {length} {unit}", "期，每期 {length} {unit}"),
    "kaplan_meier": ("Kaplan–Meier (censoring handled)", "Kaplan–Meier 估计（处理删失）"),
    "naive_share": ("Naive share (censoring ignored)", "朴素比例（忽略删失）"),
    "sbg_fit": ("sBG fitted to the first periods", "sBG 模型（用前几期拟合）"),
    "share_active": ("Share of customers still active", "仍活跃的客户比例"),
    "spend": ("Spend", "消费额"),
    "purchases": ("Purchases", "购买次数"),
    "customer": ("Customer", "客户"),
    "reason": ("Why", "原因"),
    "as_of": ("as of", "截至"),
    "value_per_period": ("Per period; cumulative", "每期金额；累计值"),

    # -- 06 equity (interface words of this topic below this line) --
    "levers_tie": ("levers tie for the largest gain", "增加额最大的杠杆并列"),
    "no_lever_moves_equity": ("no lever moves equity (every gain is 0)",
                              "没有杠杆能改变客户资产（各项增加额均为 0）"),
    "no_lever_raises_equity": ("no lever raises equity (every gain is negative)",
                               "没有杠杆能提高客户资产（各项增加额均为负）"),
    "acquisition_spend": ("Acquisition spend per prospect A", "每位潜在客户的获取支出 A"),
    "retention_spend": ("Retention spend per customer per period R", "每位客户每期的保留支出 R"),
    "acquisition_ceiling": ("Acquisition ceiling a*", "获取率上限 a*"),
    "retention_ceiling": ("Retention ceiling r*", "保留率上限 r*"),
    "acquisition_rate": ("Acquisition rate a", "获取率 a"),
    "equity_per_prospect": ("Customer equity per prospect", "每位潜在客户的客户资产"),
    "optimum": ("Optimum", "最优点"),
    "your_choice": ("Your choice", "当前选择"),
    "marginal_cost_acquisition": ("Marginal cost of acquiring a customer",
                                  "多获取一位客户的边际成本"),
    "marginal_cost_retention": ("Marginal cost of retaining a customer",
                                "多保留一位客户的边际成本"),
    "customer_value_L": ("Value of a customer at acquisition L", "客户获取时的价值 L"),
    "state": ("State", "状态"),
    "state_value": ("Expected discounted value", "期望折现价值"),
    "share_of_customers": ("Share of customers", "客户占比"),
    "purchase_probability": ("Purchase probability at recency", "该最近购买间隔下的购买概率"),
    "contribution": ("Net contribution per purchase NC", "每次购买的净贡献 NC"),
    "marketing_cost": ("Marketing cost per period M", "每期营销成本 M"),
    "new_policy": ("Your policy", "调整后的策略"),
    "start_policy": ("Starting policy", "初始策略"),
    "resource_need": ("Resources needed CR", "所需资源 CR"),
    "total_resources": ("Total resources TR", "资源总量 TR"),
    "method": ("Method", "方法"),
    "exact": ("exact (integer programming)", "精确（整数规划）"),
    "greedy": ("greedy (value per unit of resource)", "贪心（单位资源价值）"),
    "served": ("Served", "服务"),
    "not_served": ("Not served", "不服务"),
    "gap": ("Gap exact − greedy", "精确解与贪心解之差"),
    "lever": ("Lever", "杠杆"),
    "more": ("More customers", "多：更多客户"),
    "longer": ("Longer relationships", "久：更长的关系"),
    "deeper": ("Deeper relationships (margin)", "深：更深的关系（利润）"),
    "all_three": ("All three", "三者同时"),
    "improvement": ("Improvement", "改善幅度"),
    "equity_gain": ("Gain in customer equity", "客户资产增加额"),
    "customers_count": ("Number of customers", "客户数量"),
    "market_share": ("Market share", "市场份额"),
    "long_run": ("long run", "长期"),
    "brand": ("Brand", "品牌"),

    # -- 07 loyalty (interface words of this topic below this line) --
    "saaty_1": ("equal", "同等"),
    "saaty_2": ("equal-moderate", "同等~稍微"),
    "saaty_3": ("moderate", "稍微"),
    "saaty_4": ("moderate-strong", "稍微~明显"),
    "saaty_5": ("strong", "明显"),
    "saaty_6": ("strong-very strong", "明显~强烈"),
    "saaty_7": ("very strong", "强烈"),
    "saaty_8": ("very strong-extreme", "强烈~极端"),
    "saaty_9": ("extreme", "极端"),
    "equally_important": ("{a} and {b} are equally important", "{a}与{b}同等重要"),
    "more_important": ("{a} is {word} more important than {b}", "{a}比{b}{word}重要"),
    "saaty_scale": ("Saaty's scale", "萨蒂标度"),
    "ri_table": ("RI table", "RI 表"),
    "acceptable": ("acceptable (CR < 0.1)", "通过一致性检验（CR < 0.1）"),
    "not_acceptable": ("not acceptable (CR ≥ 0.1)", "未通过一致性检验（CR ≥ 0.1）"),
    "revise_first": (
        "Revise first: {a} : {b} = {value}; the other judgements imply about {implied}",
        "建议先修改：{a} : {b} = {value}；其他判断隐含的值约为 {implied}",
    ),
    "weight_axis": ("Weight (shares summing to 1)", "权重（合计为 1）"),
    "loyalty_axis": ("Loyalty score (0 to 1)", "忠诚度得分（0～1）"),
    "objective_part": ("Objective part β·I", "客观部分 β·I"),
    "subjective_part": ("Subjective part (1−β)·S", "主观部分 (1−β)·S"),
    "objective_weight": ("Objective weight β", "客观权重 β"),
    "indicator_weight": ("α {name}", "α {name}"),
    "rank_of": ("rank {rank} of {n}", "排名 {rank} / {n}"),
    "purchase_volume": ("Purchase volume", "购买量"),
    "orders": ("Orders", "订单数"),
    "relationship_years": ("Years of relationship", "合作年数"),
    "construct": ("Construct", "变量"),
    "direction": ("Change", "变化"),
    "rises": ("rises", "上升"),
    "falls": ("falls", "下降"),
    "mixed": ("mixed (routes disagree)", "方向不定（路径符号不一致）"),
    "antecedents": ("Antecedents", "前因变量"),
    "mediators": ("Mediators", "中介变量"),
    "outcomes": ("Outcomes", "结果变量"),
    "trust_levels": ("Levels of trust", "信任的层次"),
    "commitment_dimensions": ("Dimensions of commitment", "承诺的维度"),

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
    "amount": ("Amount", "金额"),
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
    "net_of_cost": ("net of the plan's cost", "扣除计划成本后"),
    "lever_more": ("More (acquisition)", "多（获取）"),
    "lever_longer": ("Longer (retention)", "久（保留）"),
    "lever_deeper_margin": ("Deeper (margin)", "深（利润）"),
    "lever_deeper_cross_sell": ("Deeper (cross-sell)", "深（交叉销售）"),
    "lever_interaction": ("Together (interaction)", "共同作用（交互）"),
    "lever_plan": ("Whole plan", "整体计划"),
    "monitoring_feedback": ("monitoring feedback", "监控反馈"),

    # -- capstone (interface words of this topic below this line) --
    "report_title": ("Customer-base report", "客户群分析报告"),
    "report_source": ("Data", "数据来源"),
    "section_data": ("1. The data", "1. 数据"),
    "section_value": ("2. Value and segments", "2. 价值与客户细分"),
    "section_stages": ("3. Lifecycle stages", "3. 生命周期阶段"),
    "section_clv": ("4. Customer lifetime value, predicted per customer",
                    "4. 每位客户的客户终身价值预测"),
    "section_equity": ("5. Customer equity", "5. 客户资产"),
    "section_loyalty": ("6. Loyalty from behaviour", "6. 基于购买行为的忠诚度"),
    "section_core": ("7. Core customers", "7. 核心客户"),
    "section_strategy": ("8. Recommended relationship strategy", "8. 推荐的关系战略"),
    "section_roi": ("9. The CRM plan and its return", "9. CRM 计划及其回报"),
    "section_assumptions": ("10. Assumptions (stated, not measured)",
                            "10. 假设（设定值，非测量值）"),
    "rows_read": ("Rows read", "读取行数"),
    "rows_kept": ("Rows kept", "保留行数"),
    "rows_rejected": ("Rows rejected", "剔除行数"),
    "rejected_rows": ("Rejected rows and why", "被剔除的行及原因"),
    "no_rejected_rows": ("No row was rejected.", "没有被剔除的行。"),
    "first_rows_shown": ("the first {shown} of {total} are shown",
                         "显示前 {shown} 行，共 {total} 行"),
    "repeat_customers": ("Repeat customers", "重复购买客户"),
    "top_20_share": ("Share of spend of the top 20% of customers", "前 20% 客户的消费额占比"),
    "mean_clv": ("Mean CLV per customer", "客户平均 CLV"),
    "clv_statement": (
        "CLV is predicted profit, not revenue: BG/NBD purchases × Gamma-Gamma spend × margin "
        "{margin:.0%}, over the next {months} months, discounted at {rate:.0%} a year.",
        "CLV 是预测利润而不是收入：BG/NBD 购买次数 × Gamma-Gamma 客单价 × 利润率 {margin:.0%}，"
        "期限为未来 {months} 个月，按年折现率 {rate:.0%} 折现。"),
    "equity_statement": (
        "Customer equity = the sum of the current customers' CLVs (future customers not "
        "included).",
        "客户资产 = 现有客户 CLV 之和（不含未来获取的客户）。"),
    "loyalty_statement": (
        "Objective (behavioural) loyalty from the log: months with a purchase, repeat purchases "
        "and span of buying, each as a share, weighted.",
        "由交易记录得到的客观（行为）忠诚度：有购买的月份、重复购买和购买跨度，各为一个比例，加权求和。"),
    "core_count": ("Core customers", "核心客户数"),
    "model_parameters": ("Model parameters", "模型参数"),
    "top_customers_by_clv": ("Top customers by CLV", "CLV 最高的客户"),
    "measured_inputs": ("Measured from the data", "由数据测得"),
    "upload_file": ("Your file (CSV / Excel)", "你的文件（CSV / Excel）"),
    "margin_rate": ("Margin rate (share of spend)", "利润率（占消费额）"),
    "annual_discount_rate": ("Discount rate per year", "年折现率"),
    "horizon_months": ("CLV horizon (months)", "CLV 期限（月）"),
    "example_file": ("the example file", "示例文件"),
    "download_report": ("Download the one-page report (HTML)", "下载一页报告（HTML）"),
    "setting_value": ("value", "取值"),
    "more_in_report": ("Every section, with figures, is in the report.",
                       "各部分的完整内容和图表都在报告中。"),
    "currency_unit": ("Currency of the amounts", "金额的货币单位"),
    "report_currency": ("Amounts of money are in {currency}.", "金额的货币单位：{currency}。"),
    "make_report": ("Make the report", "生成报告"),
    "report_made": ("The report is ready:", "报告已生成："),
    "report_outdated": ("Press \"Make the report\" for a one-page report of this result.",
                        "点击“生成报告”即可得到本结果的一页报告。"),
    # column and row names of the report's tables (Chinese report)
    "report_revenue_share": ("Revenue share", "收入占比"),
    "report_recent_revenue_share": ("Recent revenue share", "近期收入占比"),
    "report_estimate": ("Estimate", "估计值"),
    "report_parameter": ("Parameter", "参数"),
    "report_core": ("Core customer", "核心客户"),
    "report_customer_id": ("Customer id", "客户编号"),
    "report_active_month_share": ("Share of months with a purchase", "有购买的月份占比"),
    "report_repeat_share": ("Repeat share", "重复购买占比"),
    "report_span_share": ("Span share", "购买跨度占比"),
    "report_item": ("Item", "项目"),
    "report_how": ("How", "测算方法"),
    "report_goal": ("Goal", "目标"),
    "report_scenario": ("Scenario", "情景"),
    "report_margin": ("Margin per customer per year", "每位客户每年利润"),
    "report_retention": ("Retention per year", "年保留率"),
    "report_equity": ("Customer equity", "客户资产"),
    "report_change": ("Change", "变化"),
    "report_discount_factor": ("Discount factor", "折现因子"),
    "report_cumulative_present_value": ("Cumulative present value", "累计现值"),
    "report_assumption": ("Assumption", "假设"),
    "report_default": ("Default", "默认值"),
    "report_unit": ("Unit", "单位"),
    "report_meaning": ("Meaning", "含义"),
    "report_row": ("Row", "行号"),
    "report_date": ("Date", "日期"),
    "report_segment": ("Segment", "客户细分"),
    "report_mean": ("Mean", "平均值"),
    "report_measured": ("measured", "由数据测得"),
    "report_yes": ("yes", "是"),
    "report_no": ("no", "否"),
    "report_base": ("Now (no plan)", "现状（无计划）"),
    "report_goal_more": ("more", "多"),
    "report_goal_longer": ("longer", "久"),
    "report_goal_deeper": ("deeper", "深"),
    "report_goal_all": ("all", "全部"),
    "report_item_purchases_per_customer_year": ("Purchases per customer per year",
                                                "每位客户每年的购买次数"),
    "report_item_transaction_frequency_measured": ("Transaction frequency (measured)",
                                                   "交易频率（测得）"),
    "report_item_transaction_frequency": ("Transaction frequency (used)", "交易频率（采用）"),
    "report_item_gini": ("Gini coefficient of spend", "消费额基尼系数"),
    "report_item_customer_heterogeneity": ("Customer heterogeneity (used)", "客户差异程度（采用）"),
    "report_item_active_customers": ("Customers who bought in the last year",
                                     "最近一年有购买的客户数"),
    "report_item_margin_per_customer_year": ("Margin per customer in the last year",
                                             "最近一年每位客户的利润"),
    "report_item_retention_measured": ("Retention per year (measured)", "年保留率（测得）"),
    "report_item_retention": ("Retention per year (used)", "年保留率（采用）"),
    "report_item_previous_year_buyers": ("Customers who bought in the year before",
                                         "前一年有购买的客户数"),

}


# Chinese names of parameters, shown beside the code identifier in messages. A value
# that is a key of _TERMS (or _UI) uses that term, so a concept has one Chinese name.
# "margin" is 利润 (profit): a margin per period in the CLV formulas, a share of spend
# (a margin rate) in the capstone and customer_lifetime_value; the message says which.
PARAMETER_TERMS: dict[str, str] = {
    "acquisition_ceiling": "获取率上限",
    "acquisition_cost": "acquisition_cost",
    "acquisition_spend": "获取支出",
    "amount": "金额列",
    "annual_cost": "explicit_cost",
    "asset_specificity": "asset_specificity",
    "bins": "评分等级数",
    "calibration_end": "校准期末",
    "clv": "clv",
    "cohort_size": "群组规模",
    "contribution": "净贡献",
    "convention": "timing_convention",
    "cost": "成本",
    "counts": "回答数",
    "cross_sell_margin": "交叉销售利润",
    "currency": "currency_unit",
    "current_split": "当前价值分界",
    "contract_type": "合同类型",
    "customer": "customer",
    "customer_heterogeneity": "客户差异程度",
    "customers": "customer",
    "date": "日期列",
    "date_format": "日期格式",
    "dayfirst": "日在前",
    "decimal": "小数点符号",
    "deeper": "lever_deeper_margin",
    "discount_rate": "discount_rate",
    "firm_stage": "企业发展阶段",
    "earlier": "kano_earlier",
    "encoding": "文本编码",
    "extra_customers": "新增客户数",
    "frequency": "frequency",
    "hidden_cost": "hidden_cost",
    "high_frequency": "高交易频率基准",
    "horizon": "期限",
    "horizon_months": "horizon_months",
    "indicator_weights": "指标权重",
    "initial_params": "初始值",
    "investment": "investment",
    "judgements": "judgement_matrix",
    "longer": "lever_longer",
    "loyalty_weights": "忠诚度指标权重",
    "margin": "利润",
    "margin_change": "利润变化",
    "max_T": "最大客户年龄",
    "max_frequency": "最大频率",
    "max_horizon": "最大期限",
    "method": "method",
    "monetary_value": "monetary_value",
    "more": "lever_more",
    "n_fit_years": "用于拟合的年数",
    "negatives": "负金额的处理方式",
    "objective_weight": "客观权重",
    "observation_end": "观察期末",
    "offer_a": "offer_a",
    "offer_b": "offer_b",
    "p": "purchase_probability",
    "path_or_buffer": "文件",
    "period_length": "每期长度",
    "periods": "期数",
    "potential_split": "增值潜力分界",
    "purchase_probabilities": "purchase_probability",
    "recency": "recency",
    "resource_need": "resource_need",
    "retention": "retention_rate",
    "retention_ceiling": "保留率上限",
    "retention_change": "保留率变化",
    "retention_spend": "保留支出",
    "roi_years": "CRM 评估年数",
    "sep": "分隔符",
    "sheet_name": "工作表",
    "split": "象限分界",
    "survivors": "survivors",
    "threshold": "threshold",
    "total_resources": "total_resources",
    "transaction_frequency": "transaction_frequency",
    "T": "客户年龄",
    "weights": "weight",
    "worse": "Worse（不满意系数）",
    "better": "Better（满意系数）",
}


def parameter_name(identifier: str, lang: str = "en") -> str:
    """A parameter's identifier as a message shows it in ``lang``.

    In Chinese the parameter's Chinese name (from :data:`PARAMETER_TERMS`)
    stands before the identifier; an element such as ``offer_a['product']``
    is named by its parameter, a column such as ``summary column 'frequency'``
    by its table. An identifier without a Chinese name stays as it is.

    >>> parameter_name("retention", "zh"), parameter_name("retention")
    ('保留率 retention', 'retention')
    >>> parameter_name("acquisition_cost", "zh")
    '获客成本 acquisition_cost'
    >>> parameter_name("summary column 'frequency'", "zh")
    "summary 的列 'frequency'"
    """
    check_lang(lang)
    if not isinstance(identifier, str):
        raise fail(TypeError, "not_text", name="identifier", got=_show(identifier),
                   type=type(identifier).__name__)
    table = re.fullmatch(r"(\w+) column (.+)", identifier)
    if table:  # a column of a table argument, e.g. "summary column 'frequency'"
        if lang != "zh":
            return identifier
        return f"{parameter_name(table.group(1), lang)} 的列 {table.group(2)}"
    base = re.match(r"[A-Za-z_][A-Za-z_0-9]*", identifier)
    key = base.group(0) if base else identifier
    if key not in PARAMETER_TERMS and re.fullmatch(r"p[0-9]+", key):
        key = "p"  # the Markov editor's purchase probabilities p1, p2, ...
    if lang != "zh" or key not in PARAMETER_TERMS:
        return identifier
    term = PARAMETER_TERMS[key]
    if term in _TERMS or term in _UI:
        term = label(term, "zh")
    return f"{term} {identifier}"


def message(exc: BaseException, lang: str = "en") -> str:
    """The message of error ``exc`` in ``lang``.

    An error of the library that carries a message template (an input check's
    :class:`crmlib._messages.MessageError`, a model's ``ConvergenceError``: its
    ``message`` is a :class:`crmlib._messages.Message`) is rendered from the
    template in ``lang``, parameters named as :func:`parameter_name` shows them;
    for any other error this is ``str(exc)``. In English it is always ``str(exc)``.

    >>> from crmlib._validation import check_positive
    >>> try:
    ...     check_positive("margin", -1)
    ... except ValueError as exc:
    ...     message(exc, "zh")
    '利润 margin 必须大于 0；收到 -1'
    """
    check_lang(lang)
    if not isinstance(exc, BaseException):
        raise fail(TypeError, "not_exception", name="exc", got=_show(exc), type=type(exc).__name__)
    template = getattr(exc, "message", None)
    if isinstance(template, Message):
        return template.render(lang, parameter_name)
    return str(exc)


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
    if not isinstance(key, str):
        raise TypeError(f"key must be a text such as 'clv'; got {key!r:.60} ({type(key).__name__})")
    if key in _TERMS:
        _, en, zh = _TERMS[key]
    elif key in _UI:
        en, zh = _UI[key]
    else:
        known = sorted(_TERMS) + sorted(_UI)
        raise UnknownKeyError(
            f"no label for key {key!r}; known keys include {', '.join(known[:8])}, ..."
        )
    return zh if lang == "zh" else en


class UnknownKeyError(KeyError, ValueError):
    """A key that is neither a glossary term nor an interface word (a ``KeyError`` and a
    ``ValueError``: a lookup that failed because of a bad argument)."""


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
