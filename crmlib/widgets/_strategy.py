"""Try it: the CRM strategy widgets of notebook 08.

* :func:`strategy_advisor`: the choice factors → recommended type, every
  type's score, the reasons, and each type's contact pattern over time;
* :func:`roi_calculator`: a CRM investment → ROI, NPV, IRR and payback;
* :func:`equity_planner`: more / longer / deeper → change in customer equity.
"""

from __future__ import annotations

import html
import math
from typing import Any

import ipywidgets as widgets
from matplotlib.axes import Axes

from crmlib.i18n import label
from crmlib.plotting import (
    plot_contact_patterns,
    plot_equity_levers,
    plot_roi_cashflows,
    plot_strategy_scores,
)
from crmlib.plotting._axes import check_currency
from crmlib.strategy import (
    FACTOR_OPTIONS,
    STRATEGY_KEYS,
    EquityPlan,
    ROIResult,
    StrategyRecommendation,
    contact_pattern,
    crm_roi,
    plan_equity_change,
    recommend_strategy,
    strategy_type,
)
from crmlib.widgets._base import TryIt, bounded, choice, money_label, number

__all__ = [
    "EquityPlanner",
    "ROICalculator",
    "StrategyAdvisor",
    "equity_planner",
    "roi_calculator",
    "strategy_advisor",
]

_STYLE = {"description_width": "17em"}


def _opts(width: str = "34em") -> dict[str, Any]:
    return {"continuous_update": False, "style": _STYLE, "layout": widgets.Layout(width=width)}


def _number(name: str, value: float, description: str) -> widgets.FloatText:
    return number(name, value, description=description, style=_STYLE,
                             layout=widgets.Layout(width="28em"))


def _options(factor: str, lang: str) -> list[tuple[str, str]]:
    """Dropdown options (shown text, value) of a factor with named levels."""
    return [(zh if lang == "zh" else en, key)
            for key, (_, en, zh) in FACTOR_OPTIONS[factor].items()]


def _type_name(key: str, lang: str) -> str:
    t = strategy_type(key)
    return t.name_zh if lang == "zh" else t.name


class StrategyAdvisor(TryIt):
    """The course's choice factors → recommended type, scores, reasons and contact patterns."""

    figsize = (11.0, 4.4)

    def __init__(
        self,
        *,
        transaction_frequency: float = 0.5,
        asset_specificity: float = 0.5,
        contract_type: str = "repeat",
        firm_stage: str = "growth",
        customer_heterogeneity: float = 0.5,
        lang: str = "en",
    ) -> None:
        #: each type's contact pattern (they do not depend on the factors)
        self.patterns = [contact_pattern(k) for k in STRATEGY_KEYS]
        rating = {"low": 0.0, "high": 1.0, "valid": (0, 1), "step": 0.05, **_opts()}
        controls = {
            "transaction_frequency": bounded(
                widgets.FloatSlider, "transaction_frequency", transaction_frequency,
                description=label("transaction_frequency", lang), **rating),
            "asset_specificity": bounded(
                widgets.FloatSlider, "asset_specificity", asset_specificity,
                description=label("asset_specificity", lang), **rating),
            "contract_type": choice(
                "contract_type", contract_type, _options("contract_type", lang),
                description=label("contract_type", lang), style=_STYLE,
                layout=widgets.Layout(width="34em")),
            "firm_stage": choice(
                "firm_stage", firm_stage, _options("firm_stage", lang),
                description=label("firm_stage", lang), style=_STYLE,
                layout=widgets.Layout(width="34em")),
            "customer_heterogeneity": bounded(
                widgets.FloatSlider, "customer_heterogeneity", customer_heterogeneity,
                description=label("customer_heterogeneity", lang), **rating),
        }
        super().__init__(controls, lang=lang)

    def compute(self, **values: Any) -> StrategyRecommendation:
        return recommend_strategy(**values)

    def describe(self, result: StrategyRecommendation) -> str:
        lang = self.lang
        scores = ", ".join(f"{_type_name(k, lang)} {v:+.2f}" for k, v in result.scores.items())
        reasons = result.reasons_in(lang)
        items = "".join(f"<li>{html.escape(r)}</li>" for r in reasons[1:])
        best = html.escape(_type_name(result.recommended, lang))
        return (
            f"<b>{label('recommended_type', lang)}: {best}</b> "
            f"({label('strategy_score', lang)}: {scores})<br>{html.escape(reasons[0])}"
            f"<br>{label('strategy_reasons', lang)}:<ul>{items}</ul>"
            f"{label('formula', lang)}: $$S_t = \\sum_f w_f\\,c_{{t,f}}\\,(2x_f - 1)$$"
        )

    def draw(self, result: StrategyRecommendation, ax: Axes) -> None:
        figure = ax.figure
        spec = ax.get_subplotspec().subgridspec(1, 2, width_ratios=[1.0, 1.25])
        ax.remove()
        left, right = figure.add_subplot(spec[0]), figure.add_subplot(spec[1])
        plot_strategy_scores(result, ax=left, lang=self.lang)
        plot_contact_patterns(self.patterns, ax=right, lang=self.lang,
                              highlight=result.recommended)


def strategy_advisor(lang: str = "en", **start: object) -> StrategyAdvisor:
    """Build the strategy advisor widget ("Try it" in notebook 08).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of labels, reasons and charts.
    **start
        Starting values: ``transaction_frequency``, ``asset_specificity``,
        ``customer_heterogeneity`` (ratings from 0 to 1), ``contract_type``
        (``"spot"``, ``"repeat"``, ``"long_term"``) and ``firm_stage``
        (``"startup"``, ``"growth"``, ``"mature"``).

    Returns
    -------
    StrategyAdvisor
        ``.result`` holds the latest
        :class:`~crmlib.strategy.StrategyRecommendation`.

    Examples
    --------
    >>> w = strategy_advisor(firm_stage="mature", customer_heterogeneity=1.0)
    >>> w.result.recommended
    'velcro'
    >>> w.controls["firm_stage"].value = "startup"
    >>> w.result.recommended
    'clasp'
    """
    return StrategyAdvisor(lang=lang, **start)  # type: ignore[arg-type]


class ROICalculator(TryIt):
    """Investment, costs and benefits per year → ROI, NPV, IRR, payback and the cash-flow chart."""

    figsize = (7.5, 4.2)

    def __init__(
        self,
        *,
        investment: float = 500_000.0,
        costs: float = 60_000.0,
        hidden_costs: float = 40_000.0,
        benefits: float = 200_000.0,
        cost_savings: float = 80_000.0,
        years: int = 5,
        discount_rate: float = 0.10,
        currency: str = "¥",
        lang: str = "en",
    ) -> None:
        self.currency = check_currency(currency)
        controls = {
            "investment": _number("investment", investment,
                                  money_label("investment", currency, lang)),
            "costs": _number("costs", costs, money_label("explicit_cost", currency, lang)),
            "hidden_costs": _number("hidden_costs", hidden_costs,
                                    money_label("hidden_cost_per_year", currency, lang)),
            "benefits": _number("benefits", benefits, money_label("business_gain", currency, lang)),
            "cost_savings": _number("cost_savings", cost_savings,
                                    money_label("cost_saving_per_year", currency, lang)),
            "years": bounded(widgets.IntSlider, "years", years, low=1, high=15, valid=(1, None),
                             description=label("roi_years", lang), **_opts()),
            "discount_rate": bounded(widgets.FloatSlider, "discount_rate", discount_rate, low=0.0,
                                     high=0.3, valid=(0, None), step=0.01,
                                     description=label("discount_rate", lang), **_opts()),
        }
        super().__init__(controls, lang=lang)

    def compute(self, **values: Any) -> ROIResult:
        return crm_roi(values["investment"], values["costs"], values["benefits"],
                       values["discount_rate"], hidden_costs=values["hidden_costs"],
                       cost_savings=values["cost_savings"], years=values["years"])

    def describe(self, result: ROIResult) -> str:
        lang = self.lang
        irr = label("no_irr", lang) if math.isnan(result.irr) else f"{result.irr:.2%}"

        def years(value: float) -> str:
            return f"{value:.2f}" if math.isfinite(value) else label("not_paid_back", lang)

        return (
            f"<b>{label('roi', lang)} = {result.roi:.2%}</b> "
            f"({label('discounted_roi', lang)} {result.discounted_roi:.2%}); "
            f"<b>{label('npv', lang)} = {result.npv:,.2f}</b>; {label('irr', lang)} = {irr}<br>"
            f"{label('payback_period', lang)}: {years(result.payback)}; "
            f"{label('discounted_payback', lang)}: {years(result.discounted_payback)}<br>"
            f"{label('formula', lang)}: $${result.formula}$$"
        )

    def draw(self, result: ROIResult, ax: Axes) -> None:
        plot_roi_cashflows(result, ax=ax, lang=self.lang, currency=self.currency)


def roi_calculator(lang: str = "en", **start: object) -> ROICalculator:
    """Build the CRM ROI calculator widget ("Try it" in notebook 08).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        Starting values: ``investment``, ``costs``, ``hidden_costs``,
        ``benefits``, ``cost_savings`` (per year), ``years``,
        ``discount_rate``, and ``currency`` (default "¥", shown with the amounts
        and on the chart).

    Returns
    -------
    ROICalculator
        ``.result`` holds the latest :class:`~crmlib.strategy.ROIResult`.

    Examples
    --------
    >>> w = roi_calculator()
    >>> round(w.result.roi, 2)  # (5 x 280k - 1,000k) / 1,000k
    0.4
    >>> w.controls["investment"].value = 0
    >>> w.error
    'investment must be greater than 0; got 0.0'
    """
    return ROICalculator(lang=lang, **start)  # type: ignore[arg-type]


class EquityPlanner(TryIt):
    """A customer base and a more / longer / deeper plan → change in customer equity by lever."""

    figsize = (7.5, 4.0)

    def __init__(
        self,
        *,
        customers: float = 1000.0,
        margin: float = 100.0,
        retention: float = 0.8,
        discount_rate: float = 0.1,
        extra_customers: float = 100.0,
        retention_change: float = 0.05,
        margin_change: float = 0.1,
        cross_sell_margin: float = 20.0,
        plan_cost: float = 0.0,
        currency: str = "¥",
        lang: str = "en",
    ) -> None:
        self.currency = check_currency(currency)
        controls = {
            "customers": _number("customers", customers, label("number_of_customers", lang)),
            "margin": _number("margin", margin, money_label("margin", currency, lang)),
            "retention": bounded(widgets.FloatSlider, "retention", retention, low=0.0, high=0.99,
                                 valid=(0, 1), step=0.01,
                                 description=label("retention_rate", lang), **_opts()),
            "discount_rate": bounded(widgets.FloatSlider, "discount_rate", discount_rate, low=0.0,
                                     high=0.3, valid=(0, None), step=0.01,
                                     description=label("discount_rate", lang), **_opts()),
            "extra_customers": _number("extra_customers", extra_customers,
                                       label("extra_customers", lang)),
            "retention_change": bounded(
                widgets.FloatSlider, "retention_change", retention_change, low=-0.2, high=0.2,
                valid=(-1, 1), step=0.01,
                description=label("retention_change", lang), **_opts()),
            "margin_change": bounded(
                widgets.FloatSlider, "margin_change", margin_change, low=-0.5, high=1.0,
                valid=(-1, None), step=0.05,
                description=label("margin_change", lang), **_opts()),
            "cross_sell_margin": _number("cross_sell_margin", cross_sell_margin,
                                         money_label("cross_sell_margin", currency, lang)),
            "plan_cost": _number("plan_cost", plan_cost, money_label("plan_cost", currency, lang)),
        }
        super().__init__(controls, lang=lang)

    def compute(self, **values: Any) -> EquityPlan:
        base = {k: values.pop(k) for k in ("customers", "margin", "retention", "discount_rate")}
        return plan_equity_change(**base, **values)

    def describe(self, result: EquityPlan) -> str:
        lang = self.lang
        return (
            f"{label('base_equity', lang)}: {result.base_equity:,.2f} → "
            f"{label('planned_equity', lang)}: {result.planned_equity:,.2f}<br>"
            f"<b>{label('equity_change', lang)} = {result.change:+,.2f}</b> "
            f"({label('net_of_cost', lang)}: {result.net_change:+,.2f})<br>"
            f"{label('formula', lang)}: $${result.formula}$$"
        )

    def draw(self, result: EquityPlan, ax: Axes) -> None:
        plot_equity_levers(result, ax=ax, lang=self.lang, currency=self.currency)


def equity_planner(lang: str = "en", **start: object) -> EquityPlanner:
    """Build the more / longer / deeper planner widget ("Try it" in notebook 08).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        Starting values: ``customers``, ``margin``, ``retention``,
        ``discount_rate`` (the base today) and the plan: ``extra_customers``,
        ``retention_change``, ``margin_change``, ``cross_sell_margin``,
        ``plan_cost``; ``currency`` (default "¥", shown with the amounts and on
        the chart).

    Returns
    -------
    EquityPlanner
        ``.result`` holds the latest :class:`~crmlib.strategy.EquityPlan`.

    Examples
    --------
    >>> w = equity_planner()
    >>> round(w.result.planned_equity)  # 1100 x (110 + 20) / (1.1 - 0.85)
    572000
    """
    return EquityPlanner(lang=lang, **start)  # type: ignore[arg-type]
