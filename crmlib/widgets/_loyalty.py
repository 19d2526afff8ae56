"""Try it: the loyalty widgets of notebook 07.

* :func:`ahp_workbench`: one slider per pair on Saaty's scale → weights,
  λmax, CI, CR and the judgement to revise first;
* :func:`loyalty_calculator`: indicator weights, criteria judgements and the
  blend weight → every customer's loyalty score, ranked, with its parts;
* :func:`relationship_explorer`: raise or lower one construct of Morgan &
  Hunt's model and follow the signs to every outcome.
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import ipywidgets as widgets
import pandas as pd
from matplotlib.axes import Axes

from crmlib._validation import check_choice, check_finite
from crmlib.i18n import label
from crmlib.loyalty import (
    COMMITMENT_DIMENSIONS,
    CRITERIA,
    FACTORS,
    RANDOM_INDEX,
    SAATY_SCALE,
    TRUST_LEVELS,
    AHPResult,
    HierarchyResult,
    LoyaltyExample,
    LoyaltyScores,
    RelationshipModel,
    ahp,
    ahp_hierarchy,
    example_customer_base,
    loyalty_scores,
    morgan_hunt_model,
    pairwise_matrix,
)
from crmlib.plotting import plot_ahp_weights, plot_loyalty_scores, plot_relationship_model
from crmlib.plotting._loyalty import display_name
from crmlib.widgets._base import TryIt, bounded, choice

__all__ = [
    "AHPWorkbench",
    "LoyaltyCalculator",
    "LoyaltyView",
    "RelationshipExplorer",
    "RelationshipView",
    "ahp_workbench",
    "loyalty_calculator",
    "relationship_explorer",
]

_STYLE = {"description_width": "14em"}
_LAYOUT = {"width": "34em"}
#: Saaty's scale as slider positions: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9.
SCALE_VALUES: tuple[float, ...] = tuple([1 / k for k in range(9, 1, -1)] + list(range(1, 10)))


def _fraction(value: float) -> str:
    f = Fraction(value).limit_denominator(9)
    return str(f.numerator) if f.denominator == 1 else f"1/{f.denominator}"


def _scale_options(lang: str) -> list[tuple[str, float]]:
    """(label, value) pairs: "1/3 moderate ◂", "1 equal", "3 moderate ▸"."""
    options = []
    for v in SCALE_VALUES:
        k = round(v if v >= 1 else 1 / v)
        arrow = "" if k == 1 else (" ▸" if v > 1 else " ◂")
        options.append((f"{_fraction(v)} {label(f'saaty_{k}', lang)}{arrow}", float(v)))
    return options


def _scale_value(name: str, value: object) -> float:
    """``value`` as the slider position it names exactly; a value between positions is refused.

    The slider offers Saaty's scale only, and a judgement is never moved to a
    neighbouring value (4.4 is not 4, 1/3.5 is not 1/3). A float that is a
    scale value up to rounding (``1/3``) is that value.

    >>> _scale_value("judgements[0]", 1 / 3) == 1 / 3
    True
    >>> _scale_value("judgements[0]", 4.4)
    Traceback (most recent call last):
    ...
    ValueError: judgements[0] must be a value of Saaty's scale (the slider's positions: 1/9, 1/8, 1/7, 1/6, 1/5, 1/4, 1/3, 1/2, 1, 2, 3, 4, 5, 6, 7, 8, 9); got 4.4
    """  # noqa: E501
    number = check_finite(name, value)
    for position in SCALE_VALUES:
        if math.isclose(number, position, rel_tol=1e-9):
            return float(position)
    allowed = ", ".join(_fraction(v) for v in SCALE_VALUES)
    raise ValueError(
        f"{name} must be a value of Saaty's scale (the slider's positions: {allowed}); "
        f"got {value!r}"
    )


def judgement_sentence(a: str, b: str, value: float, lang: str = "en") -> str:
    """A judgement in words, e.g. "Quality is moderately more important than Price"."""
    if abs(value - 1) < 1e-9:
        return label("equally_important", lang).format(a=a, b=b)
    if value < 1:
        a, b, value = b, a, 1 / value
    k = round(value)
    word = SAATY_SCALE[k].removesuffix(" more important") if lang == "en" else label(
        f"saaty_{k}", lang)
    return label("more_important", lang).format(a=a, b=b, word=word)


def _selection_slider(name: str, description: str, value: object,
                      lang: str) -> widgets.SelectionSlider:
    return widgets.SelectionSlider(
        options=_scale_options(lang), value=_scale_value(name, value), description=description,
        continuous_update=False, style=_STYLE, layout=widgets.Layout(**_LAYOUT))


class AHPWorkbench(TryIt):
    """A slider per pair of criteria → AHP weights, λmax, CI, CR and the judgement to revise."""

    figsize = (7.0, 3.4)

    def __init__(self, criteria: Sequence[str] = CRITERIA,
                 judgements: Sequence[float] | None = None, *,
                 random_index: str = "saaty1980", lang: str = "en") -> None:
        self.criteria = [str(c) for c in criteria]
        self.pairs = list(itertools.combinations(self.criteria, 2))
        if judgements is None:
            judgements = [1.0] * len(self.pairs)
        if len(judgements) != len(self.pairs):
            raise ValueError(f"judgements must give one value per pair ({len(self.pairs)}); "
                             f"got {len(judgements)}")
        controls: dict[str, widgets.Widget] = {}
        for i, ((a, b), v) in enumerate(zip(self.pairs, judgements, strict=True)):
            controls[f"{a}:{b}"] = _selection_slider(
                f"judgements[{i}] ({a} : {b})",
                f"{display_name(a, lang)} : {display_name(b, lang)}", v, lang)
        controls["random_index"] = choice(
            "random_index", random_index, list(RANDOM_INDEX), description=label("ri_table", lang),
            style=_STYLE, layout=widgets.Layout(**_LAYOUT))
        super().__init__(controls, lang=lang)

    def compute(self, *, random_index: str, **pairs: float) -> AHPResult:
        upper = [pairs[f"{a}:{b}"] for a, b in self.pairs]
        return ahp(pairwise_matrix(upper, self.criteria), random_index)

    def describe(self, result: AHPResult) -> str:
        lang = self.lang
        name = {c: display_name(c, lang) for c in self.criteria}
        words = "<br>".join(
            html.escape(judgement_sentence(name[a], name[b], result.matrix.loc[a, b], lang))
            for a, b in self.pairs)
        weights = ", ".join(f"{html.escape(name[c])} {w:.3f}" for c, w in result.weights.items())
        verdict = label("acceptable" if result.consistent else "not_acceptable", lang)
        text = (f"{words}<br><b>{label('weight', lang)}: {weights}</b><br>"
                f"λmax = {result.lambda_max:.4f}, CI = {result.ci:.4f}, "
                f"RI = {result.ri:.2f} ({result.random_index_table}), "
                f"<b>CR = {result.cr:.4f}</b>: {verdict}")
        if result.worst_judgement is not None:
            a, b = result.worst_judgement
            warning = label("revise_first", lang).format(
                a=name[a], b=name[b], value=_fraction(result.matrix.loc[a, b]),
                implied=f"{result.suggested_value:.2f}")
            text += f'<br><span style="color:#B00020">⚠ {html.escape(warning)}</span>'
        return text

    def draw(self, result: AHPResult, ax: Axes) -> None:
        plot_ahp_weights(result, ax=ax, lang=self.lang)


def ahp_workbench(criteria: Sequence[str] = CRITERIA, judgements: Sequence[float] | None = None,
                  *, random_index: str = "saaty1980", lang: str = "en") -> AHPWorkbench:
    """Build the AHP workbench ("Try it" in notebook 07).

    Parameters
    ----------
    criteria : sequence of str
        Items to compare (default price, quality, service; course terms are
        shown translated with ``lang="zh"``).
    judgements : sequence of float, optional
        Starting upper-triangle judgements (row by row), each a value of
        Saaty's scale (1/9, 1/8, ..., 1/2, 1, 2, ..., 9: the slider's
        positions); a value between them (4.4, 1/3.5) raises ``ValueError``
        naming it, never moved to a neighbour. Default all 1 (equally
        important).
    random_index : str
        Starting RI table.
    lang : {"en", "zh"}
        Language of labels and chart.

    Returns
    -------
    AHPWorkbench
        ``.result`` is the latest :class:`~crmlib.loyalty.AHPResult`.

    Examples
    --------
    >>> w = ahp_workbench(judgements=[1/2, 3, 5])
    >>> w.result.weights.round(3).tolist()
    [0.309, 0.582, 0.109]
    >>> w.controls["price:service"].value = 1/3
    >>> w.result.consistent, w.result.worst_judgement
    (False, ('price', 'quality'))
    """
    return AHPWorkbench(criteria, judgements, random_index=random_index, lang=lang)


@dataclass(frozen=True)
class LoyaltyView:
    """The result of :class:`LoyaltyCalculator`: all customers' scores and the one in view."""

    scores: LoyaltyScores
    hierarchy: HierarchyResult
    customer: str

    @property
    def row(self) -> pd.Series:
        """The selected customer's row of the ranked table."""
        return self.scores.table.loc[self.customer]


class LoyaltyCalculator(TryIt):
    """Indicator weights α, criteria judgements and β → ranked loyalty scores with their parts."""

    figsize = (7.0, 4.2)

    def __init__(self, example: LoyaltyExample | None = None, *, customer: str | None = None,
                 lang: str = "en") -> None:
        self.example = example if example is not None else example_customer_base()
        ex = self.example
        self.factor_matrices = {c: pairwise_matrix(t, FACTORS)
                                for c, t in ex.factor_judgements.items()}
        self.pairs = list(itertools.combinations(CRITERIA, 2))
        slider = {"continuous_update": False, "style": _STYLE,
                  "layout": widgets.Layout(**_LAYOUT)}
        controls: dict[str, widgets.Widget] = {
            "customer": choice(
                "customer", ex.given.index[0] if customer is None else customer,
                list(ex.given.index),
                description=label("customer", lang), style=_STYLE,
                layout=widgets.Layout(**_LAYOUT)),
        }
        for name, w in ex.indicator_weights.items():
            controls[f"alpha:{name}"] = bounded(
                widgets.FloatSlider, f"indicator_weights[{name!r}]", w, low=0.0, high=1.0,
                valid=(0, None), step=0.05, readout_format=".2f",
                description=label("indicator_weight", lang).format(
                    name=display_name(name, lang)), **slider)
        for i, ((a, b), v) in enumerate(zip(self.pairs, ex.criteria_judgements, strict=True)):
            controls[f"{a}:{b}"] = _selection_slider(
                f"example.criteria_judgements[{i}] ({a} : {b})",
                f"{display_name(a, lang)} : {display_name(b, lang)}", v, lang)
        controls["objective_weight"] = bounded(
            widgets.FloatSlider, "objective_weight", ex.objective_weight, low=0.0, high=1.0,
            valid=(0, 1), step=0.05, readout_format=".2f",
            description=label("objective_weight", lang), **slider)
        super().__init__(controls, lang=lang)

    def compute(self, *, customer: str, objective_weight: float, **values: Any) -> LoyaltyView:
        ex = self.example
        alpha = [values[f"alpha:{name}"] for name in ex.indicator_weights.index]
        upper = [values[f"{a}:{b}"] for a, b in self.pairs]
        hierarchy = ahp_hierarchy(pairwise_matrix(upper, CRITERIA), self.factor_matrices)
        scores = loyalty_scores(ex.given, ex.total, alpha, ex.factor_values, hierarchy,
                                objective_weight)
        return LoyaltyView(scores=scores, hierarchy=hierarchy, customer=customer)

    def describe(self, result: LoyaltyView) -> str:
        lang = self.lang
        row = result.row
        beta = result.scores.objective_weight
        rank = label("rank_of", lang).format(rank=int(row["rank"]), n=len(result.scores.table))
        crit = result.hierarchy.criteria
        weights = ", ".join(f"{display_name(c, lang)} {w:.3f}" for c, w in crit.weights.items())
        factors = ", ".join(f"{display_name(f, lang)} {w:.3f}"
                            for f, w in result.hierarchy.global_weights.items())
        verdict = label("acceptable" if result.hierarchy.consistent else "not_acceptable", lang)
        return (
            f"<b>{html.escape(str(result.customer))}</b>: "
            f"{label('objective_value', lang)} I = {row['objective']:.3f}, "
            f"{label('subjective_value', lang)} S = {row['subjective']:.3f}; "
            f"<b>L = {beta:.2f} × {row['objective']:.3f} + {1 - beta:.2f} × "
            f"{row['subjective']:.3f} = {row['loyalty']:.3f}</b> ({rank})<br>"
            f"{label('weight', lang)}: {html.escape(weights)}; "
            f"{label('total_ranking', lang)}: {html.escape(factors)}; "
            f"CR = {result.hierarchy.cr_total:.3f} ({verdict})"
        )

    def draw(self, result: LoyaltyView, ax: Axes) -> None:
        plot_loyalty_scores(result.scores, ax=ax, highlight=result.customer, lang=self.lang)


def loyalty_calculator(example: LoyaltyExample | None = None, *, customer: str | None = None,
                       lang: str = "en") -> LoyaltyCalculator:
    """Build the loyalty calculator ("Try it" in notebook 07).

    Parameters
    ----------
    example : LoyaltyExample, optional
        The customer base and judgements (default
        :func:`~crmlib.loyalty.example_customer_base`); the factor
        judgements under each criterion are taken from it.
    customer : str, optional
        Customer shown first.
    lang : {"en", "zh"}
        Language of labels and chart.

    Returns
    -------
    LoyaltyCalculator
        ``.result`` is a :class:`LoyaltyView` (all scores, the hierarchy,
        the selected customer).

    Examples
    --------
    >>> w = loyalty_calculator()
    >>> round(float(w.result.row["objective"]), 3)
    0.725
    >>> w.controls["alpha:orders"].value = 0.5
    >>> w.error
    'indicator_weights must sum to 1; got a sum of 1.2 ([0.5, 0.5, 0.2])'
    """
    return LoyaltyCalculator(example, customer=customer, lang=lang)


@dataclass(frozen=True)
class RelationshipView:
    """The result of :class:`RelationshipExplorer`: a change and where it leads."""

    model: RelationshipModel
    source: str
    direction: int
    effects: pd.DataFrame

    @property
    def outcome_signs(self) -> dict[str, int]:
        """Net direction (+1, -1, 0 mixed) of each reached outcome after the change."""
        roles = self.model.constructs["role"]
        return {c: int(s) * self.direction for c, s in self.effects["sign"].items()
                if roles[c] == "outcome"}


class RelationshipExplorer(TryIt):
    """Raise or lower one construct of the KMV model → direction of every outcome, with routes."""

    figsize = (9.0, 5.0)

    def __init__(self, *, source: str = "shared_values", direction: int = 1,
                 lang: str = "en") -> None:
        self.model = morgan_hunt_model()
        roles = self.model.constructs["role"]
        choices = [c for c in roles.index if roles[c] != "outcome"]
        check_choice("direction", direction, [1, -1])
        controls = {
            "source": choice(
                "source", source, [(display_name(c, lang), c) for c in choices],
                description=label("construct", lang), style=_STYLE,
                layout=widgets.Layout(**_LAYOUT)),
            "direction": widgets.ToggleButtons(
                options=[(label("rises", lang), 1), (label("falls", lang), -1)],
                value=direction, description=label("direction", lang), style=_STYLE),
        }
        super().__init__(controls, lang=lang)

    def compute(self, *, source: str, direction: int) -> RelationshipView:
        return RelationshipView(model=self.model, source=source, direction=int(direction),
                                effects=self.model.effects(source))

    def describe(self, result: RelationshipView) -> str:
        lang = self.lang
        word = {1: label("rises", lang), -1: label("falls", lang), 0: label("mixed", lang)}
        lines = [f"<b>{html.escape(display_name(result.source, lang))} "
                 f"{word[result.direction]}</b>:"]
        for construct, row in result.effects.iterrows():
            net = int(row["sign"]) * result.direction
            routes = row["routes"]
            for key in sorted(result.model.constructs.index, key=len, reverse=True):
                routes = routes.replace(key, display_name(key, lang))
            routes = html.escape(routes)
            lines.append(f"&nbsp;&nbsp;{html.escape(display_name(construct, lang))} "
                         f"<b>{word[net]}</b> <small>({routes})</small>")
        trust = ", ".join(display_name(k, lang) for k in TRUST_LEVELS)
        commit = ", ".join(display_name(k, lang) for k in COMMITMENT_DIMENSIONS)
        lines.append(f"{label('trust_levels', lang)}: {html.escape(trust)}; "
                     f"{label('commitment_dimensions', lang)}: {html.escape(commit)}")
        return "<br>".join(lines)

    def draw(self, result: RelationshipView, ax: Axes) -> None:
        effects = result.effects.assign(sign=result.effects["sign"] * result.direction)
        plot_relationship_model(result.model, ax=ax, effects=effects, source=result.source,
                                lang=self.lang)


def relationship_explorer(*, source: str = "shared_values", direction: int = 1,
                          lang: str = "en") -> RelationshipExplorer:
    """Build the relationship-quality explorer ("Try it" in notebook 07).

    Parameters
    ----------
    source : str
        Construct changed first (an antecedent or a mediator of the model).
    direction : {1, -1}
        Whether it rises or falls.
    lang : {"en", "zh"}
        Language of labels and diagram.

    Returns
    -------
    RelationshipExplorer
        ``.result`` is a :class:`RelationshipView`.

    Examples
    --------
    >>> w = relationship_explorer(source="opportunistic_behaviour")
    >>> w.result.outcome_signs["cooperation"], w.result.outcome_signs["propensity_to_leave"]
    (-1, 1)
    """
    return RelationshipExplorer(source=source, direction=direction, lang=lang)
