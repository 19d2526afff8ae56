"""Try it: the customer value widgets of notebook 01.

* :func:`delivered_value_builder`: four value and four cost sliders for each
  of two offers, the waterfall of both, and which one the customer chooses;
* :func:`kano_explorer`: answer counts per attribute (typed, or loaded from a
  survey table) → categories, Better/Worse and the quadrant plane, with the
  drift since an earlier survey.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmlib._messages import Message, fail, with_prefix
from crmlib.i18n import label
from crmlib.plotting import plot_delivered_value, plot_kano_coefficients
from crmlib.value import (
    COST_COMPONENTS,
    KANO_CATEGORIES,
    VALUE_COMPONENTS,
    KanoSurvey,
    OfferComparison,
    compare_offers,
    example_kano_earlier_counts,
    example_kano_survey,
    kano_from_counts,
    kano_quadrant,
    kano_survey,
)
from crmlib.widgets._base import TryIt, bounded

__all__ = [
    "DeliveredValueBuilder",
    "KanoExplorer",
    "KanoView",
    "delivered_value_builder",
    "kano_explorer",
]

_STYLE = {"description_width": "11em"}
_LAYOUT = {"width": "26em"}
_COMPONENTS = VALUE_COMPONENTS + COST_COMPONENTS

#: Starting offers: A has the better product, B more service and less hassle.
DEFAULT_OFFERS: dict[str, dict[str, float]] = {
    "A": {"product": 500, "service": 150, "personnel": 100, "image": 50,
          "monetary": 450, "time": 60, "energy": 40, "psychic": 30},
    "B": {"product": 450, "service": 250, "personnel": 80, "image": 80,
          "monetary": 520, "time": 20, "energy": 20, "psychic": 10},
}


class DeliveredValueBuilder(TryIt):
    """Two offers, each with four value and four cost sliders → delivered value and the choice."""

    figsize = (8.0, 4.4)

    def __init__(
        self,
        *,
        offer_a: Mapping[str, float] | None = None,
        offer_b: Mapping[str, float] | None = None,
        max_amount: float = 1000.0,
        step: float = 10.0,
        lang: str = "en",
    ) -> None:
        starts = {"A": {**DEFAULT_OFFERS["A"], **(offer_a or {})},
                  "B": {**DEFAULT_OFFERS["B"], **(offer_b or {})}}
        zh = lang == "zh"
        controls: dict[str, widgets.Widget] = {}
        for offer, start in starts.items():
            unknown = [k for k in start if k not in {c[0] for c in _COMPONENTS}]
            if unknown:
                raise ValueError(f"offer_{offer.lower()} has an unknown component {unknown[0]!r}; "
                                 f"the components are "
                                 f"{', '.join(repr(c[0]) for c in _COMPONENTS)}")
            for key, name, name_zh in _COMPONENTS:
                controls[f"{offer.lower()}_{key}"] = bounded(
                    widgets.FloatSlider, f"offer_{offer.lower()}[{key!r}]", start[key], low=0.0,
                    high=max_amount, valid=(0, None), step=step,
                    description=name_zh if zh else name, continuous_update=False,
                    style=_STYLE, layout=widgets.Layout(**_LAYOUT))
        super().__init__(controls, lang=lang)

    def layout_controls(self) -> list[widgets.Widget]:
        columns = []
        for offer in ("a", "b"):
            header = widgets.HTML(f"<b>{html.escape(label(f'offer_{offer}', self.lang))}</b>")
            sliders = [self.controls[f"{offer}_{key}"] for key, _, _ in _COMPONENTS]
            columns.append(widgets.VBox([header, *sliders]))
        return [widgets.HBox(columns)]

    def compute(self, **values: float) -> OfferComparison:
        offers = {offer: {key: values[f"{offer.lower()}_{key}"] for key, _, _ in _COMPONENTS}
                  for offer in ("A", "B")}
        return compare_offers(offers)

    def describe(self, result: OfferComparison) -> str:
        lang = self.lang
        head = (f"<tr><th>{label('offer', lang)}</th><th>{label('total_customer_value', lang)}</th>"
                f"<th>{label('total_customer_cost', lang)}</th>"
                f"<th>{label('delivered_value', lang)}</th>"
                f"<th>{label('value_cost_ratio', lang)}</th></tr>")
        rows = "".join(
            f"<tr><td>{html.escape(str(name))}</td><td>{row['total_value']:,.2f}</td>"
            f"<td>{row['total_cost']:,.2f}</td><td><b>{row['delivered_value']:,.2f}</b></td>"
            f"<td>{row['ratio']:.3f}</td></tr>"
            for name, row in result.table.iterrows())
        reason = result.reason_zh if lang == "zh" else result.reason
        return (f"<table>{head}{rows}</table>"
                f"<b>{label('chosen', lang)}: {html.escape(result.choice)}</b> — "
                f"{html.escape(reason)}")

    def draw(self, result: OfferComparison, ax: Axes) -> None:
        plot_delivered_value(result, ax=ax, lang=self.lang)


def delivered_value_builder(lang: str = "en", **start: Any) -> DeliveredValueBuilder:
    """Build the delivered-value builder ("Try it" in notebook 01).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        ``offer_a`` and ``offer_b`` (mappings of components to starting
        amounts; missing parts keep the defaults), ``max_amount`` and
        ``step`` of the sliders.

    Returns
    -------
    DeliveredValueBuilder
        ``.result`` holds the latest :class:`~crmlib.value.OfferComparison`
        (``None`` after bad input, with the message in ``.error``).

    Examples
    --------
    >>> w = delivered_value_builder()
    >>> w.result.choice
    'B'
    >>> w.controls["a_monetary"].value = 300
    >>> w.result.choice
    'A'
    """
    return DeliveredValueBuilder(lang=lang, **start)


@dataclass(frozen=True)
class KanoView:
    """What the Kano explorer shows.

    ``survey`` is the result now, ``quadrants`` each attribute's quadrant at
    ``split``, ``earlier`` the earlier survey (or None) and ``drift`` each
    attribute's category then and now, for attributes in both surveys.
    """

    survey: KanoSurvey
    split: float
    quadrants: dict[str, str]
    earlier: KanoSurvey | None = None
    drift: dict[str, tuple[str, str]] = field(default_factory=dict)


def _counts_text(table: pd.DataFrame) -> str:
    lines = ["attribute, A, O, M, I, R, Q"]
    for attr, row in table.iterrows():
        numbers = ", ".join(f"{float(row[c]):g}" for c in ("A", "O", "M", "I", "R", "Q"))
        lines.append(f"{attr}, {numbers}")
    return "\n".join(lines)


def _parse_counts(text: str) -> pd.DataFrame:
    """Read typed counts: one line per attribute, ``name, A, O, M, I`` (optionally ``R, Q``).

    A header line whose fields are the category letters is skipped, as are
    blank lines and lines starting with ``#``. Fields may be separated by
    commas (also the Chinese comma) or tabs.
    """
    rows: dict[str, list[float]] = {}
    for number, raw in enumerate(str(text).splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in re.split(r"[,，\t]", line)]
        if "".join(f.upper() for f in fields[1:]) in ("AOMI", "AOMIRQ"):
            continue  # header
        if len(fields) not in (5, 7):
            raise fail(ValueError, "kano_line_fields", line=number, text=repr(line),
                       count=len(fields) - 1)
        values = []
        for item in fields[1:]:
            try:
                values.append(float(item))
            except ValueError:
                raise fail(ValueError, "kano_not_number", line=number, text=repr(line),
                           item=repr(item)) from None
        if fields[0] in rows:
            raise fail(ValueError, "kano_twice", line=number, attribute=repr(fields[0]))
        rows[fields[0]] = values + [0.0] * (6 - len(values))
    if not rows:
        raise fail(ValueError, "kano_no_rows")
    return pd.DataFrame.from_dict(rows, orient="index", columns=["A", "O", "M", "I", "R", "Q"])


class KanoExplorer(TryIt):
    """Answer counts per attribute (typed or loaded) and a split → categories and the Kano plane."""

    figsize = (6.5, 5.0)

    def __init__(
        self,
        *,
        counts: pd.DataFrame | Mapping[str, Mapping[str, float]] | None = None,
        survey: pd.DataFrame | None = None,
        earlier: pd.DataFrame | Mapping[str, Mapping[str, float]] | None = None,
        split: float = 0.5,
        lang: str = "en",
    ) -> None:
        if counts is not None and survey is not None:
            raise ValueError("give counts or survey, not both")
        if survey is not None:
            loaded = kano_survey(survey).table
        elif counts is not None:
            loaded = kano_from_counts(counts).table
        else:
            loaded = kano_survey(example_kano_survey()).table
            if earlier is None:
                earlier = example_kano_earlier_counts()
        before = "" if earlier is None else _counts_text(kano_from_counts(earlier).table)
        controls = {
            "counts": widgets.Textarea(
                value=_counts_text(loaded), description=label("kano_counts", lang),
                placeholder=label("kano_counts_help", lang), continuous_update=False,
                style={"description_width": "12em"},
                layout=widgets.Layout(width="39em", height="9em")),
            "earlier": widgets.Textarea(
                value=before, description=label("kano_earlier", lang),
                placeholder=label("kano_counts_help", lang), continuous_update=False,
                style={"description_width": "12em"},
                layout=widgets.Layout(width="39em", height="7em")),
            "split": bounded(
                widgets.FloatSlider, "split", split, low=0.05, high=0.95, valid=(0, 1), step=0.05,
                description=label("split", lang),
                continuous_update=False, style={"description_width": "12em"},
                layout=widgets.Layout(width="33em")),
        }
        super().__init__(controls, lang=lang)

    def compute(self, *, counts: str, earlier: str, split: float) -> KanoView:
        survey = kano_from_counts(_parse_counts(counts))
        quadrants = {
            str(attr): kano_quadrant(row["better"], row["worse"], split)
            for attr, row in survey.table.iterrows()
            if not (math.isnan(row["better"]) or math.isnan(row["worse"]))
        }
        before = None
        drift: dict[str, tuple[str, str]] = {}
        if earlier.strip():
            try:
                before = kano_from_counts(_parse_counts(earlier))
            except ValueError as exc:
                raise with_prefix(exc, Message("kano_earlier_prefix")) from None
            for attr in before.table.index.intersection(survey.table.index):
                drift[str(attr)] = (before.table.loc[attr, "category"],
                                    survey.table.loc[attr, "category"])
        return KanoView(survey=survey, split=float(split), quadrants=quadrants, earlier=before,
                        drift=drift)

    def describe(self, result: KanoView) -> str:
        lang = self.lang
        zh = lang == "zh"
        head = (f"<tr><th>{label('attribute', lang)}</th><th>A</th><th>O</th><th>M</th><th>I</th>"
                f"<th>R</th><th>Q</th><th>{label('category', lang)}</th><th>Better</th>"
                f"<th>Worse</th><th>{label('strategy', lang)}</th></tr>")
        rows = []
        for attr, row in result.survey.table.iterrows():
            cat = KANO_CATEGORIES[row["category"]]
            coef = ("<td>–</td><td>–</td>" if np.isnan(row["better"]) else
                    f"<td>{row['better']:.2f}</td><td>{row['worse']:.2f}</td>")
            counts = "".join(f"<td>{row[c]:g}</td>" for c in ("A", "O", "M", "I", "R", "Q"))
            rows.append(f"<tr><td>{html.escape(str(attr))}</td>{counts}"
                        f"<td>{html.escape(cat[1] if zh else cat[0])} ({row['category']})</td>"
                        f"{coef}<td>{html.escape(cat[3] if zh else cat[2])}</td></tr>")
        notes = list(result.survey.notes_zh if zh else result.survey.notes)
        for attr, (then, now) in result.drift.items():
            names = [KANO_CATEGORIES[c][1 if zh else 0] for c in (then, now)]
            notes.append(f"{attr} ({label('kano_drift_since', lang)}): {names[0]} ({then}) → "
                         f"{names[1]} ({now})")
        listed = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
        return f"<table>{head}{''.join(rows)}</table>" + (f"<ul>{listed}</ul>" if listed else "")

    def draw(self, result: KanoView, ax: Axes) -> None:
        plot_kano_coefficients(result.survey, ax=ax, lang=self.lang, split=result.split,
                               earlier=result.earlier)


def kano_explorer(lang: str = "en", **start: Any) -> KanoExplorer:
    """Build the Kano explorer ("Try it" in notebook 01).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        ``counts`` (a DataFrame or mapping of A, O, M, I[, R, Q] counts per
        attribute) or ``survey`` (a survey table for
        :func:`crmlib.value.kano_survey`); the kit's constructed hotel
        survey by default. ``earlier``: counts of an earlier survey, to see
        the drift (the hotel's earlier wave by default, none when ``counts``
        or ``survey`` is given). ``split``: where the quadrant lines start.

    Returns
    -------
    KanoExplorer
        ``.result`` holds the latest :class:`KanoView` (``None`` after bad
        input, with the message in ``.error``).

    Examples
    --------
    >>> w = kano_explorer(counts={"wifi": {"A": 4, "O": 9, "M": 5, "I": 2}})
    >>> w.result.survey.categories
    {'wifi': 'O'}
    >>> w.controls["counts"].value = "wifi, 4, 9, -5, 2"
    >>> w.error
    "counts['M'] must contain only values of at least 0; entry 0 is -5"
    """
    return KanoExplorer(lang=lang, **start)
