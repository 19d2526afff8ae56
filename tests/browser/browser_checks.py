"""What the browser tests do in each course notebook: one entry per notebook.

An entry lists, for every widget the notebook displays (in display order), the
controls to move and the text that must then appear in the widget, computed
with ``crmlib`` for the new input. ``test_browser_notebooks.py`` opens the
notebook in JupyterLab, runs all cells, moves the controls like a user would
and waits until the widget shows exactly that text; with ``present=True`` it
does the same in the presentation mode (Voila). See README.md beside this file.

Adding a notebook is one entry in ``NOTEBOOKS``, e.g. for an AHP workbench::

    "07_loyalty_measurement": Notebook(widgets=(
        Widget(moves=(Move("Consistency threshold", 0.05),),
               expect=lambda: f"CR = {ahp_weights(MATRIX).consistency_ratio:.3f}"),
    ), present=True),

``Move(control, value)`` names a control by the label shown next to it (as in
``crmlib.i18n.label``): a number for a slider or a number box, the shown
option text for a drop-down, ``True``/``False`` for a check box, the text for a
text area, ``None`` to press the button showing ``control``; ``occurrence`` picks one of
several controls with the same label. ``expect``
returns the text (or texts) the widget must show afterwards; compute it with
the library's core functions, never by copying what the widget showed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from crmlib.clv import retention_clv
from crmlib.i18n import label
from crmlib.plotting._axes import with_unit


@dataclass(frozen=True)
class Move:
    """Set the control labelled ``control`` to ``value`` through the page."""

    control: str
    #: None: press the button whose text is ``control``
    value: float | int | str | bool | None
    #: which of several controls with this label (0: the first shown); None: a unique label
    occurrence: int | None = None


@dataclass(frozen=True)
class Widget:
    """One displayed widget: the moves, then the text(s) it must show."""

    moves: tuple[Move, ...]
    expect: Callable[[], str | tuple[str, ...]]
    #: check that the Chinese characters of its labels render with a CJK font (not as boxes)
    chinese_glyphs: bool = False


@dataclass(frozen=True)
class Notebook:
    """The browser check of one notebook: every widget it displays, in display order."""

    widgets: tuple[Widget, ...]
    #: also check the widgets in the presentation mode (make present)
    present: bool = False
    #: seconds allowed for "Run all"
    run_timeout: float = 90.0


def _clv_text(lang: str = "en", **kwargs: object) -> str:
    """What the CLV calculator shows for these inputs (starting values: 100, 0.8, 0.1)."""
    inputs = {"margin": 100.0, "retention": 0.8, "discount_rate": 0.1, **kwargs}
    return f"{label('clv', lang)} = {retention_clv(**inputs).value:,.2f}"  # type: ignore[arg-type]


# -- notebook 05: the models fitted exactly as in the notebook ----------------------------
@cache
def _cdnow_models():
    from crmlib.datasets import load_cdnow
    from crmlib.models import BetaGeo, GammaGamma
    from crmlib.transactions import rfm_summary

    summary = rfm_summary(load_cdnow("sample"), freq="W", calibration_end="1997-09-30",
                          observation_end="1998-06-30")
    bgnbd = BetaGeo().fit(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[summary["frequency"] > 0]
    spend = GammaGamma().fit(repeat["frequency"], repeat["monetary_value"])
    return bgnbd, spend


def _explorer_texts() -> tuple[str, ...]:
    """Customer explorer of notebook 05 after frequency 2 → 5 (recency 30.43, T 38.86)."""
    bgnbd, spend = _cdnow_models()
    x, t_x, T, horizon, period = 5, 30.43, 38.86, 12, 52 / 12
    p_alive = float(bgnbd.probability_alive(x, t_x, T))
    clv = float(spend.customer_lifetime_value(bgnbd, x, t_x, T, 22.35, horizon=horizon,
                                              discount_rate=0.01, period_length=period,
                                              margin=1.0))
    return (f"{label('probability_alive')} = {p_alive:.3f}", f"{label('clv')} = {clv:,.2f}")


def _projector_text() -> str:
    """Retention projector of notebook 05 after fitting 5 years of the first cohort."""
    from crmlib.datasets import load_retention_survivors
    from crmlib.models import ShiftedBetaGeometric

    survivors = load_retention_survivors()
    counts = survivors[survivors.columns[0]].to_numpy(float)
    model = ShiftedBetaGeometric().fit(counts[: 5 + 1])
    return f"α = {model.params_['alpha']:.3f}, β = {model.params_['beta']:.3f}"


# -- notebook 01: customer value -----------------------------------------------------------
#: the starting offers of delivered_value_builder() (crmlib.widgets._value.DEFAULT_OFFERS)
_OFFERS = {
    "A": {"product": 500, "service": 150, "personnel": 100, "image": 50,
          "monetary": 450, "time": 60, "energy": 40, "psychic": 30},
    "B": {"product": 450, "service": 250, "personnel": 80, "image": 80,
          "monetary": 520, "time": 20, "energy": 20, "psychic": 10},
}
#: typed into the Kano explorer: one attribute, answers A, O, M, I
_KANO_TYPED = "late checkout, 11, 5, 2, 2"


def _offers_texts() -> tuple[str, ...]:
    """Delivered-value builder after offer A's monetary cost 450 → 300."""
    from crmlib.value import compare_offers

    result = compare_offers({"A": {**_OFFERS["A"], "monetary": 300}, "B": _OFFERS["B"]})
    row = result.table.loc["A"]
    return (f"{row['total_cost']:,.2f}", f"{row['delivered_value']:,.2f}",
            f"{label('chosen')}: {result.choice}")


def _kano_texts() -> tuple[str, ...]:
    """Kano explorer after typing one attribute's answer counts."""
    from crmlib.value import KANO_CATEGORIES, kano_from_counts

    name, *numbers = (f.strip() for f in _KANO_TYPED.split(","))
    counts = dict(zip("AOMI", map(float, numbers), strict=True))
    row = kano_from_counts({name: counts}).table.loc[name]
    category = row["category"]
    return (name, f"{KANO_CATEGORIES[category][0]} ({category})", f"{row['better']:.2f}",
            f"{row['worse']:.2f}", KANO_CATEGORIES[category][2])


# -- notebook 02: the wholesale base and CDNOW, built exactly as in the notebook -----------
@cache
def _wholesale_base():
    import pandas as pd

    from crmlib.datasets import load_wholesale
    from crmlib.value import abc_cost_to_serve, activity_rates, gross_profit, growth_potential

    customers, resources = load_wholesale(), load_wholesale("resources")
    drivers = {"orders": "order_processing", "deliveries": "delivery",
               "sales_visits": "sales_visit", "service_calls": "service_call",
               "returns": "return_handling"}
    use = customers[list(drivers)].rename(columns=drivers)
    rates = activity_rates(resources["cost"], resources.drop(columns="cost"), use.sum())
    profit = abc_cost_to_serve(use, rates, gross_profit=gross_profit(
        customers["sales"], customers["cogs"])).table["profit"]
    potential = growth_potential(
        customers["sales"], customers["wallet"], customers["lines_held"], 8,
        capture=0.25, cross_sell_rate=0.10,
        value_per_line=customers["sales"] / customers["lines_held"], margin=0.25)
    return pd.DataFrame({"current_value": profit, "growth_potential": potential.value})


@cache
def _cdnow_summary():
    """Notebook 02's CDNOW summary (weeks) with each customer's total spend."""
    from crmlib.datasets import load_cdnow
    from crmlib.transactions import rfm_summary

    cdnow = load_cdnow()
    summary = rfm_summary(cdnow, freq="W")
    summary["spend"] = cdnow.groupby("customer_id")["amount"].sum()
    return summary


@cache
def _cdnow_base():
    import pandas as pd

    from crmlib.models import BetaGeo, GammaGamma

    summary = _cdnow_summary()
    purchases = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    spend_model = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    next_year = purchases.conditional_expected_purchases(
        52, summary["frequency"], summary["recency"], summary["T"])
    repeat = summary["frequency"].where(summary["monetary_value"] > 0, 0)
    per_purchase = spend_model.conditional_expected_spend(repeat, summary["monetary_value"])
    return pd.DataFrame({"current_value": summary["spend"],
                         "growth_potential": next_year * per_purchase})


def _matrix_texts(base, currency: str, current: float, potential: float) -> tuple[str, ...]:
    """Value-matrix explorer with its split lines at these percentiles."""
    import numpy as np

    from crmlib.value import value_matrix

    split = (float(np.percentile(base["current_value"].to_numpy(float), current)),
             float(np.percentile(base["growth_potential"].to_numpy(float), potential)))
    matrix = value_matrix(base, split=split)
    invest = matrix.summary.iloc[0]
    return (f"{label('current_value')} {currency}{matrix.current_split:,.2f}, "
            f"{label('growth_potential')} {currency}{matrix.potential_split:,.2f}",
            f"{invest['customer_share']:.1%}")


def _rfm_texts(bins: int) -> tuple[str, ...]:
    """RFM explorer (eight classes, thresholds at the means) with ``bins`` score levels."""
    from crmlib.segmentation import rfm_scores, rfm_segments

    summary = _cdnow_summary()
    scores = rfm_scores(summary, bins, monetary="spend")
    scores["value"] = summary["spend"].to_numpy(dtype=float)
    classes = rfm_segments(scores, "eight", threshold="mean", value="value")
    return (", ".join(f"{k} > {v:.2f}" for k, v in classes.thresholds.items()),
            f"{classes.summary['value_share'].iloc[0]:.1%}")


# -- notebook 03: customer lifecycle --------------------------------------------------------
#: a customer of the CDNOW sample typed into the stage browser
_STAGE_CUSTOMER = "19"


def _profit_curve_text(discount_rate: float) -> str:
    """Profit-curve explorer at its starting stages with this discount rate."""
    from crmlib.lifecycle import lifecycle_profile

    profile = lifecycle_profile((2, 3, 5, 2), (20, 60, 90, 50), (80, 40, 25, 25),
                                discount_rate=discount_rate)
    return f"{label('cumulative_profit')} = {profile.value:,.2f}"


def _cohort_texts(period: str) -> tuple[str, ...]:
    from crmlib.datasets import load_cdnow
    from crmlib.lifecycle import cohort_table

    table = cohort_table(load_cdnow(), period)
    return (f"{len(table.sizes)} {label('cohort')}",
            f"{label('retention_share')} ({label('periods_since_acquisition')} = 1): "
            f"{table.retention[1].mean():.1%}")


@cache
def _sample_fit():
    """BG/NBD and Gamma-Gamma on the CDNOW sample to 1998-06-30 (notebooks 03 and 06)."""
    from crmlib.datasets import load_cdnow
    from crmlib.models import BetaGeo, GammaGamma
    from crmlib.transactions import rfm_summary

    log = load_cdnow("sample")
    summary = rfm_summary(log, freq="W", observation_end="1998-06-30")
    bgnbd = BetaGeo().fit(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[summary["frequency"] > 0]
    spend = GammaGamma().fit(repeat["frequency"], repeat["monetary_value"])
    return log, summary, bgnbd, spend


def _stage_texts() -> tuple[str, ...]:
    from crmlib.lifecycle import classify_stage

    log, _, bgnbd, _ = _sample_fit()
    stages = classify_stage(log, as_of="1998-06-30", model=bgnbd, model_freq="W")
    key = {str(i): i for i in stages.table.index}[_STAGE_CUSTOMER]
    row = stages.table.loc[key]
    return (f"{label('customer')} {_STAGE_CUSTOMER}: {label(str(row['stage']))}",
            f"{label('reason')}: {row['reason']}",
            f"{label('purchases')}: {int(row['purchases'])}; "
            f"{label('revenue')}: {row['revenue']:,.2f} $")  # notebook 03 passes currency="$"


# -- notebook 06: customer equity ------------------------------------------------------------
def _budget_text(acquisition_spend: float) -> str:
    """Budget explorer (starting response curves) with this acquisition spending."""
    from crmlib.equity import prospect_equity

    result = prospect_equity(acquisition_spend, 20.0, margin=100.0, acquisition_ceiling=0.4,
                             k1=0.1, retention_ceiling=0.8, k2=0.05, discount_rate=0.1)
    return (f"{label('equity_per_prospect')} = {result.value:,.2f} "
            f"({label('acquisition_rate')} = {result.acquisition_rate:.3f}, "
            f"{label('retention_rate')} = {result.retention_rate:.3f})")


def _portfolio_text(method: str) -> str:
    """Portfolio chooser of notebook 06 (top 40 customers, 120 hours) with this method."""
    import numpy as np
    import pandas as pd

    from crmlib.equity import select_customers

    _, base, bgnbd, spend = _sample_fit()
    clv = spend.customer_lifetime_value(
        bgnbd, base["frequency"], base["recency"], base["T"], base["monetary_value"],
        horizon=100, discount_rate=0.10, period_length=52, margin=0.30)
    top40 = clv.sort_values(ascending=False).head(40)
    rng = np.random.default_rng(2024)  # the notebook's seed; its first draw
    hours = pd.Series(rng.integers(2, 21, size=40).astype(float), index=top40.index)
    result = select_customers(top40, hours, 120, method=method)
    served = int(result.chosen.sum())
    return f"P = {result.value:,.2f} ({label(method)}; {label('served')}: {served}"


def _markov_text(first_probability: float) -> str:
    """Markov editor after the purchase probability at recency 1 is changed."""
    from crmlib.equity import markov_clv, recency_chain

    def value(probabilities):
        chain = recency_chain(probabilities, 40.0, 4.0)
        return markov_clv(chain.transition_matrix, chain.rewards, 0.2).values

    new, old = value([first_probability, 0.20, 0.15, 0.05]), value([0.30, 0.20, 0.15, 0.05])
    return (f"{label('clv')} ({new.index[0]}) = {new.iloc[0]:,.2f} "
            f"({label('start_policy')}: {old.iloc[0]:,.2f}, {new.iloc[0] - old.iloc[0]:+,.2f})")


def _lever_text(retention: float) -> tuple[str, ...]:
    from crmlib.equity import more_longer_deeper

    result = more_longer_deeper(1000.0, 100.0, retention, 0.1, more=0.1, longer=0.1, deeper=0.1)
    gain = result.table.loc["longer"]
    # more and deeper of one size tie (+10% each): the widget names both
    assert result.tied == ("more", "deeper")
    leaders = ", ".join(label(k) for k in result.tied)
    return (f"{label('customer_equity')} = {result.base_value:,.2f} → "
            f"{label('levers_tie')}: {leaders}",
            f"{label('longer')}: {gain['gain']:+,.0f} ({gain['gain_pct']:+.1f}%)")


# -- notebook 07: loyalty ---------------------------------------------------------------------
def _ahp_texts(random_index: str) -> tuple[str, ...]:
    """AHP workbench on the course's criteria judgements with this RI table."""
    from crmlib.loyalty import CRITERIA, ahp, example_customer_base, pairwise_matrix

    result = ahp(pairwise_matrix(example_customer_base().criteria_judgements, CRITERIA),
                 random_index)
    return (f"RI = {result.ri:.2f} ({result.random_index_table}), CR = {result.cr:.4f}",
            f"λmax = {result.lambda_max:.4f}, CI = {result.ci:.4f}")


def _loyalty_text(customer: str, objective_weight: float) -> str:
    from crmlib.loyalty import (
        CRITERIA,
        FACTORS,
        ahp_hierarchy,
        example_customer_base,
        loyalty_scores,
        pairwise_matrix,
    )

    ex = example_customer_base()
    hierarchy = ahp_hierarchy(pairwise_matrix(ex.criteria_judgements, CRITERIA),
                              {c: pairwise_matrix(t, FACTORS)
                               for c, t in ex.factor_judgements.items()})
    scores = loyalty_scores(ex.given, ex.total, list(ex.indicator_weights), ex.factor_values,
                            hierarchy, objective_weight)
    row = scores.table.loc[customer]
    b = objective_weight
    return (f"L = {b:.2f} × {row['objective']:.3f} + {1 - b:.2f} × {row['subjective']:.3f} "
            f"= {row['loyalty']:.3f}")


def _relationship_texts(source: str) -> tuple[str, ...]:
    """Relationship explorer when ``source`` rises: the net direction of every outcome."""
    from crmlib.loyalty import morgan_hunt_model
    from crmlib.plotting._loyalty import display_name

    model = morgan_hunt_model()
    roles = model.constructs["role"]
    word = {1: label("rises"), -1: label("falls"), 0: label("mixed")}
    return (f"{display_name(source)} {label('rises')}", *(
        f"{display_name(c)} {word[int(sign)]}" for c, sign in model.effects(source)["sign"].items()
        if roles[c] == "outcome"))


# -- notebook 08: CRM strategy ----------------------------------------------------------------
def _advisor_texts(firm_stage: str) -> tuple[str, ...]:
    from crmlib.strategy import recommend_strategy, strategy_type

    result = recommend_strategy(transaction_frequency=0.5, asset_specificity=0.5,
                                contract_type="repeat", firm_stage=firm_stage,
                                customer_heterogeneity=0.5)
    scores = ", ".join(f"{strategy_type(k).name} {v:+.2f}" for k, v in result.scores.items())
    return (f"{label('recommended_type')}: {strategy_type(result.recommended).name}",
            f"{label('strategy_score')}: {scores}")


def _planner_text(retention: float) -> tuple[str, ...]:
    from crmlib.strategy import plan_equity_change

    plan = plan_equity_change(customers=1000.0, margin=100.0, retention=retention,
                              discount_rate=0.1, extra_customers=100.0, retention_change=0.05,
                              margin_change=0.1, cross_sell_margin=20.0, plan_cost=0.0)
    return (f"{label('base_equity')}: {plan.base_equity:,.2f} → "
            f"{label('planned_equity')}: {plan.planned_equity:,.2f}",
            f"{label('equity_change')} = {plan.change:+,.2f}")


def _roi_text(years: int) -> str:
    from crmlib.strategy import crm_roi

    r = crm_roi(500_000.0, 60_000.0, 200_000.0, 0.10, hidden_costs=40_000.0,
                cost_savings=80_000.0, years=years)
    return (f"{label('roi')} = {r.roi:.2%} ({label('discounted_roi')} {r.discounted_roi:.2%}); "
            f"{label('npv')} = {r.npv:,.2f}")


# -- notebook 09: the capstone on the shipped export ------------------------------------------
def _capstone_texts(margin: float) -> tuple[str, ...]:
    from crmlib.capstone import analyse_customer_base
    from crmlib.datasets import capstone_orders_path
    from crmlib.plotting._capstone import money
    from crmlib.transactions import read_transactions

    result = analyse_customer_base(read_transactions(capstone_orders_path()), margin=margin)
    # notebook 09 starts the uploader with currency="$" (the example file is in US dollars);
    # the report's link appears only after "Make the report" is pressed
    return (f"{label('customer_equity')} = {money(result.equity.value, '$')}",
            f"{label('report_made')} ⬇ {label('download_report')}")


NOTEBOOKS: dict[str, Notebook] = {
    "00_start_here": Notebook(widgets=(
        Widget(moves=(Move(label("retention_rate"), 0.9),),
               expect=lambda: _clv_text(retention=0.9)),
        Widget(moves=(Move(label("discount_rate", "zh"), 0.15),),
               expect=lambda: _clv_text("zh", discount_rate=0.15), chinese_glyphs=True),
    )),
    "01_customer_value": Notebook(widgets=(
        Widget(moves=(Move("monetary cost", 300, occurrence=0),), expect=_offers_texts),
        Widget(moves=(Move(label("kano_counts"), _KANO_TYPED),), expect=_kano_texts),
    )),
    "02_core_customers_and_segmentation": Notebook(widgets=(
        Widget(moves=(Move(label("current_split"), 75),),
               expect=lambda: _matrix_texts(_wholesale_base(), "¥", 75, 50)),
        Widget(moves=(Move(label("potential_split"), 90),),
               expect=lambda: _matrix_texts(_cdnow_base(), "$", 50, 90)),
        Widget(moves=(Move(label("bins"), 4),), expect=lambda: _rfm_texts(4)),
    )),
    "03_customer_lifecycle": Notebook(widgets=(
        Widget(moves=(Move(label("discount_rate"), 0.1),),
               expect=lambda: _profit_curve_text(0.1)),
        Widget(moves=(Move(label("period_unit"), label("quarter")),),
               expect=lambda: _cohort_texts("Q")),
        Widget(moves=(Move(label("customer"), _STAGE_CUSTOMER),), expect=_stage_texts),
    ), run_timeout=120.0),
    "04_customer_lifetime_value": Notebook(widgets=(
        Widget(moves=(Move(label("retention_rate"), 0.75),
                      Move(label("timing_convention"), label("start"))),
               expect=lambda: _clv_text(retention=0.75, convention="start")),
    ), present=True),
    "05_predicting_clv": Notebook(widgets=(
        Widget(moves=(Move(label("frequency"), 5),), expect=_explorer_texts),
        Widget(moves=(Move(label("fit_years"), 5),), expect=_projector_text),
    ), run_timeout=120.0),
    "06_customer_equity": Notebook(widgets=(
        Widget(moves=(Move(with_unit(label("acquisition_spend"), "¥"), 30),),
               expect=lambda: _budget_text(30.0)),
        Widget(moves=(Move(label("method"), label("greedy")),),
               expect=lambda: _portfolio_text("greedy")),
        Widget(moves=(Move(f"{label('purchase_probability')} 1", 0.4),),
               expect=lambda: _markov_text(0.4)),
        Widget(moves=(Move(label("retention_rate"), 0.85),), expect=lambda: _lever_text(0.85)),
    ), present=True, run_timeout=120.0),
    "07_loyalty_measurement": Notebook(widgets=(
        Widget(moves=(Move(label("ri_table"), "donegan_dodd"),),
               expect=lambda: _ahp_texts("donegan_dodd")),
        Widget(moves=(Move(label("objective_weight"), 0.5),),
               expect=lambda: _loyalty_text("C08", 0.5)),
        Widget(moves=(Move(label("construct"), "Opportunistic behaviour"),),
               expect=lambda: _relationship_texts("opportunistic_behaviour")),
        Widget(moves=(Move(label("ri_table", "zh"), "donegan_dodd"),),
               expect=lambda: _ahp_texts("donegan_dodd"), chinese_glyphs=True),
    ), present=True),
    "08_crm_strategy": Notebook(widgets=(
        Widget(moves=(Move(label("firm_stage"), "mature"),),
               expect=lambda: _advisor_texts("mature")),
        Widget(moves=(Move(label("retention_rate"), 0.7),), expect=lambda: _planner_text(0.7)),
        Widget(moves=(Move(label("roi_years"), 8),), expect=lambda: _roi_text(8)),
    )),
    # the upload cannot be driven here: the margin box reruns the capstone on the shipped file,
    # then the button makes the report and its download link appears
    "09_capstone": Notebook(widgets=(
        Widget(moves=(Move(label("margin_rate"), 0.25), Move(label("make_report"), None)),
               expect=lambda: _capstone_texts(0.25)),
    ), present=True),
}
