"""The CRM strategy framework as data: components, goals and the seven-step process model.

Course section 6. These tables feed a checklist (what to decide, step by
step) and the process diagram of :func:`crmlib.plotting.plot_process_model`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from crmlib._validation import check_choice, check_integer, check_names

__all__ = [
    "ProcessModel",
    "process_checklist",
    "process_model",
    "strategy_components",
    "strategy_goals",
]

_LANGS = ("en", "zh")

# key, English name, Chinese name, the questions it answers (en), (zh)
_COMPONENTS = (
    ("customer", "Customer strategy", "客户战略",
     "Who are our customers, what do they want, and what can we do for them? Understanding "
     "customers, competing for them, attracting them, and the capability to manage them.",
     "我们的客户是谁？他们需要什么？我们能为他们做什么？包括理解客户、争夺客户、吸引客户和管理客户的能力。"),
    ("product_channel", "Product and channel strategy", "产品与渠道战略",
     "Which offers, through which channels, reach which customers at what cost to serve?",
     "以哪些产品和服务、通过哪些渠道、以怎样的服务成本触达哪些客户？"),
    ("infrastructure", "Infrastructure strategy", "基础设施战略",
     "What data, systems, organisation and people does the strategy need?",
     "战略需要哪些数据、系统、组织和人员？"),
    ("coordination", "Coordination strategy", "协调战略",
     "How do departments, channels and partners act as one towards the customer?",
     "各部门、各渠道和合作伙伴如何在客户面前协同一致？"),
)

# group, key, English, Chinese, description (en), (zh)
_GOALS = (
    ("goal", "more", "More", "多", "more customers: acquisition, win-back, new segments "
     "(relationship count)", "更多的客户：获取、赢回、开拓新细分市场（关系数量）"),
    ("goal", "longer", "Longer", "久", "longer relationships: loyalty and retention, less churn "
     "(lifecycle length)", "更长的关系：忠诚与保留，减少流失（生命周期长度）"),
    ("goal", "deeper", "Deeper", "深", "deeper relationships: cross-selling, up-selling, higher "
     "margin (relationship quality and profitability)",
     "更深的关系：交叉销售、向上销售、更高利润（关系质量与盈利性）"),
    ("customer_strategy", "loyalty", "Loyalty strategy", "忠诚战略",
     "keep and reward the customers the firm already has", "留住并回报现有客户"),
    ("customer_strategy", "expansion", "Expansion strategy", "扩张战略",
     "sell more, and more kinds of products, to current customers",
     "向现有客户销售更多、更多种类的产品"),
    ("customer_strategy", "acquisition", "Acquisition strategy", "获取战略",
     "win new customers in the current markets", "在现有市场中赢得新客户"),
    ("customer_strategy", "diversification", "Diversification strategy", "多元化战略",
     "win new customers with new offers or in new markets", "以新的产品或在新的市场中赢得新客户"),
    ("phase", "establish", "Establish", "建立", "start the relationship: attract and acquire",
     "开始关系：吸引并获取客户"),
    ("phase", "maintain", "Maintain", "维持", "keep the relationship: satisfy, retain, win back",
     "保持关系：使客户满意、保留、赢回"),
    ("phase", "enhance", "Enhance", "提升", "grow the relationship: cross-sell, up-sell, deepen "
     "commitment", "发展关系：交叉销售、向上销售、加深承诺"),
)

# key, English, Chinese, task (en), task (zh)
_STEPS = (
    ("set_goals", "Set CRM goals", "确定 CRM 目标",
     "state what the relationships should achieve: more, longer, deeper, in numbers",
     "说明客户关系要达到什么：多、久、深，并加以量化"),
    ("understand_customers", "Understand customers", "了解客户",
     "segment customers by value and needs; estimate CLV and equity",
     "按价值和需求细分客户；估计客户终身价值和客户资产"),
    ("external_analysis", "External environment analysis", "外部环境分析",
     "industry (transaction frequency, asset specificity, contracts), competitors, technology",
     "行业（交易频率、资产专用性、契约）、竞争者、技术"),
    ("internal_analysis", "Internal environment analysis", "内部环境分析",
     "the firm's stage, resources, processes, data and culture",
     "企业的发展阶段、资源、流程、数据与文化"),
    ("choose_evaluate", "Choose and evaluate a strategy", "选择与评估战略",
     "choose clasp, zipper or Velcro; appraise it (ROI, NPV, payback)",
     "选择扣钩、拉链或维可牢策略；评估其投资回报（ROI、NPV、回收期）"),
    ("design_implement", "Design and implement", "设计与实施",
     "design processes, channels and systems; train people; roll out",
     "设计流程、渠道和系统；培训员工；推行实施"),
    ("monitor", "Monitor", "监控",
     "measure results against the goals and feed back into every earlier step",
     "对照目标衡量结果，并反馈到前面的每一步"),
)


def _pick(lang: str) -> str:
    return check_choice("lang", lang, _LANGS)


def strategy_components(lang: str = "en") -> pd.DataFrame:
    """The four components of a CRM strategy and the questions each one answers.

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the text.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``key``; columns ``name`` and ``questions``.

    Notes
    -----
    The customer strategy decides which customers to serve. In value terms
    (course section 4) it picks the set :math:`S` of customers that
    maximises the firm's customer value within its resources:

    .. math::

        \\max_{S} \\sum_{i \\in S} \\mathrm{LTV}_i \\quad \\text{subject to} \\quad
        \\sum_{i \\in S} CR_i \\le TR,

    and the other three components (product and channel, infrastructure,
    coordination) set the resources :math:`CR_i` it takes to serve each one.

    References
    ----------
    Payne, A., & Frow, P. (2005). A strategic framework for customer
    relationship management. *Journal of Marketing*, 69(4), 167-176.

    Examples
    --------
    >>> strategy_components().index.tolist()
    ['customer', 'product_channel', 'infrastructure', 'coordination']
    >>> strategy_components("zh").loc["coordination", "name"]
    '协调战略'
    """
    zh = _pick(lang) == "zh"
    return pd.DataFrame(
        [{"key": k, "name": nz if zh else n, "questions": qz if zh else q}
         for k, n, nz, q, qz in _COMPONENTS]
    ).set_index("key")


def strategy_goals(lang: str = "en") -> pd.DataFrame:
    """Goals (more, longer, deeper), customer strategies and relationship phases.

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the text.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``key``; columns ``group`` (``"goal"``,
        ``"customer_strategy"`` or ``"phase"``), ``name`` and ``description``.

    Notes
    -----
    The three goals are the three levers of customer equity
    :math:`\\mathrm{CE} = N \\cdot \\mathrm{CLV}(m, r, d)`: *more* raises the
    number of customers :math:`N`, *longer* the retention rate :math:`r`,
    *deeper* the margin :math:`m` (see :func:`plan_equity_change`). The four
    customer strategies cross current / new customers with current / new
    offers, as in Ansoff's product-market matrix.

    References
    ----------
    Blattberg, R. C., & Deighton, J. (1996). Manage marketing by the
    customer equity test. *Harvard Business Review*, 74(4), 136-144.

    Ansoff, H. I. (1957). Strategies for diversification. *Harvard Business
    Review*, 35(5), 113-124.

    Examples
    --------
    >>> goals = strategy_goals()
    >>> goals[goals["group"] == "goal"].index.tolist()
    ['more', 'longer', 'deeper']
    >>> strategy_goals("zh").loc["longer", "name"]
    '久'
    """
    zh = _pick(lang) == "zh"
    return pd.DataFrame(
        [{"key": k, "group": g, "name": nz if zh else n, "description": dz if zh else d}
         for g, k, n, nz, d, dz in _GOALS]
    ).set_index("key")


@dataclass(frozen=True, eq=False)
class ProcessModel:
    """The seven-step CRM process model with its monitoring feedback loop.

    Attributes
    ----------
    steps : pandas.DataFrame
        One row per step: ``step`` (1-7), ``key``, ``name``, ``task``.
    edges : tuple of (str, str, str)
        ``(from_key, to_key, kind)`` with ``kind`` ``"next"`` for the
        sequence and ``"feedback"`` for the loop from monitoring back to
        every earlier step.
    lang : str
        Language of the text.
    """

    steps: pd.DataFrame = field(repr=False)
    edges: tuple[tuple[str, str, str], ...] = field(repr=False)
    lang: str = "en"

    def __repr__(self) -> str:
        return f"ProcessModel(steps={len(self.steps)}, edges={len(self.edges)}, lang={self.lang!r})"

    def to_frame(self) -> pd.DataFrame:
        """A copy of the steps table."""
        return self.steps.copy()


def process_model(lang: str = "en") -> ProcessModel:
    """The seven steps of the CRM strategy process and how they connect.

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the step names and tasks.

    Returns
    -------
    ProcessModel
        The steps, the sequence edges (step ``i`` to ``i + 1``) and the
        feedback edges from "monitor" back to steps 1-6.

    Notes
    -----
    The edges are :math:`k \\to k + 1` for :math:`k = 1, \\ldots, 6` (the
    sequence) and :math:`7 \\to k` for :math:`k = 1, \\ldots, 6` (monitoring
    feeds back into every earlier step).

    References
    ----------
    Payne, A., & Frow, P. (2005). A strategic framework for customer
    relationship management. *Journal of Marketing*, 69(4), 167-176.

    Examples
    --------
    >>> model = process_model()
    >>> model.steps["name"].iloc[0], model.steps["name"].iloc[-1]
    ('Set CRM goals', 'Monitor')
    >>> sum(kind == "feedback" for _, _, kind in model.edges)
    6
    """
    zh = _pick(lang) == "zh"
    steps = pd.DataFrame(
        [{"step": i, "key": k, "name": nz if zh else n, "task": tz if zh else t}
         for i, (k, n, nz, t, tz) in enumerate(_STEPS, start=1)]
    )
    keys = [s[0] for s in _STEPS]
    edges = [(a, b, "next") for a, b in zip(keys[:-1], keys[1:], strict=True)]
    edges += [("monitor", k, "feedback") for k in keys[:-1]]
    return ProcessModel(steps=steps, edges=tuple(edges), lang=lang)


def process_checklist(done: Iterable[int] = (), lang: str = "en") -> pd.DataFrame:
    """The process model as a checklist: which steps are done and which comes next.

    Parameters
    ----------
    done : iterable of int
        Numbers (1-7) of the steps already completed.
    lang : {"en", "zh"}
        Language of the text.

    Returns
    -------
    pandas.DataFrame
        The steps with columns ``done`` (bool) and ``status``: ``"done"``,
        ``"next"`` (the first step not done) or ``"open"``.

    Notes
    -----
    With :math:`D` the set of steps done, the next step is
    :math:`\\min\\{k \\in \\{1, \\ldots, 7\\} : k \\notin D\\}`; steps may be done out of
    order (monitoring sends the work back).

    References
    ----------
    Payne, A., & Frow, P. (2005). A strategic framework for customer
    relationship management. *Journal of Marketing*, 69(4), 167-176.

    Examples
    --------
    >>> process_checklist(done=[1, 2])["status"].tolist()
    ['done', 'done', 'next', 'open', 'open', 'open', 'open']
    """
    numbers = {check_integer("done", d, minimum=1) for d in check_names("done", done)}
    too_big = sorted(n for n in numbers if n > len(_STEPS))
    if too_big:
        raise ValueError(f"done must hold step numbers from 1 to {len(_STEPS)}; got {too_big[0]}")
    table = process_model(lang).steps
    table["done"] = table["step"].isin(numbers)
    open_steps = table.loc[~table["done"], "step"]
    first_open = int(open_steps.iloc[0]) if len(open_steps) else None
    table["status"] = [
        "done" if d else ("next" if s == first_open else "open")
        for s, d in zip(table["step"], table["done"], strict=True)
    ]
    return table
