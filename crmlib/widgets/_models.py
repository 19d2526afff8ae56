"""Try it: the probabilistic CLV models of notebook 05.

* :func:`customer_explorer`: what a fitted BG/NBD or Pareto/NBD model (and a
  Gamma-Gamma spend model) thinks of one customer;
* :func:`retention_projector`: fit the sBG model to the first years of a
  cohort and see how well it projects the years it was not shown.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmlib._messages import fail
from crmlib._validation import (
    check_array,
    check_choice,
    check_integer,
    check_positive,
    check_probability,
)
from crmlib.i18n import label
from crmlib.models import ShiftedBetaGeometric
from crmlib.plotting import plot_probability_alive_matrix, plot_sbg_survival
from crmlib.plotting._axes import time_unit, with_unit
from crmlib.widgets._base import TryIt, bounded, number

__all__ = [
    "CustomerExplorer",
    "CustomerView",
    "RetentionProjection",
    "RetentionProjector",
    "customer_explorer",
    "retention_projector",
]

_STYLE = {"description_width": "16em"}
_LAYOUT = {"width": "34em"}


def _slider_options() -> dict[str, Any]:
    return {"continuous_update": False, "style": _STYLE, "layout": widgets.Layout(**_LAYOUT)}


#: days in one model time unit (a month is 30.44 days, as in rfm_summary)
_DAYS = {"D": 1.0, "W": 7.0, "M": 365.25 / 12, "Q": 365.25 / 4, "Y": 365.25}


def _horizon_unit(period_length: float, freq: str, lang: str) -> str:
    """One horizon period in words: "weeks"; "months" for 52/12 weeks; else "periods of 3 weeks".

    >>> _horizon_unit(1, "W", "en"), _horizon_unit(52 / 12, "W", "en"), _horizon_unit(3, "W", "en")
    ('weeks', 'months', 'periods of 3 weeks')
    """
    days = period_length * _DAYS[check_choice("freq", freq, list(_DAYS))]
    for code, length in _DAYS.items():
        if abs(days - length) <= 0.01 * length:  # within 1%: 52/12 weeks is a month
            return time_unit(code, lang)
    return label("periods_of", lang).format(length=f"{period_length:.3g}",
                                            unit=time_unit(freq, lang))


@dataclass(frozen=True)
class CustomerView:
    """What the model says about one customer (the result of :class:`CustomerExplorer`)."""

    frequency: int
    recency: float
    T: float
    horizon: int
    probability_alive: float
    expected_purchases: float
    expected_spend: float | None = None
    clv: float | None = None


class CustomerExplorer(TryIt):
    """Frequency, recency, age and horizon → P(alive), expected purchases and CLV of a customer."""

    figsize = (7.0, 4.2)

    def __init__(
        self,
        model: object,
        spend_model: object | None = None,
        *,
        frequency: int = 2,
        recency: float = 30.43,
        T: float = 38.86,
        horizon: int = 39,
        monetary_value: float = 22.35,
        discount_rate: float = 0.01,
        period_length: float = 1.0,
        margin: float = 1.0,
        max_frequency: int = 20,
        max_T: float = 78.0,
        max_horizon: int = 104,
        freq: str = "W",
        lang: str = "en",
    ) -> None:
        for method in ("probability_alive", "conditional_expected_purchases"):
            if not callable(getattr(model, method, None)):
                raise TypeError("model must be a fitted BetaGeo or ParetoNBD model; "
                                f"got {type(model).__name__}")
        if spend_model is not None and not callable(
                getattr(spend_model, "customer_lifetime_value", None)):
            raise TypeError("spend_model must be a fitted GammaGamma model or None; "
                            f"got {type(spend_model).__name__}")
        self.model = model
        self.spend_model = spend_model
        self.period_length = check_positive("period_length", period_length)
        self.margin = check_probability("margin", margin, allow_zero=False)
        self.max_frequency = max_frequency = check_integer("max_frequency", max_frequency,
                                                           minimum=1)
        max_T = check_positive("max_T", max_T)
        if max_T < 0.01:
            raise ValueError(
                f"max_T must be at least 0.01 (the smallest customer age); got {max_T!r}"
            )
        max_horizon = check_integer("max_horizon", max_horizon, minimum=1)
        self.freq = freq
        unit = time_unit(freq, lang)
        self.horizon_unit = _horizon_unit(self.period_length, freq, lang)
        opts = _slider_options()
        controls: dict[str, widgets.Widget] = {
            "frequency": bounded(widgets.IntSlider, "frequency", frequency, low=0,
                                 high=max_frequency, valid=(0, None),
                                 description=label("frequency", lang), **opts),
            "recency": bounded(widgets.FloatSlider, "recency", recency, low=0.0, high=max_T,
                               valid=(0, None), step=0.01,
                               description=with_unit(label("recency", lang), unit, lang),
                               **opts),
            "T": bounded(widgets.FloatSlider, "T", T, low=0.01, high=max_T, valid=(0.01, None),
                         step=0.01,
                         description=with_unit(label("customer_age", lang), unit, lang), **opts),
            "horizon": bounded(widgets.IntSlider, "horizon", horizon, low=1, high=max_horizon,
                               valid=(1, None),
                               description=with_unit(label("horizon_length", lang),
                                                     self.horizon_unit, lang), **opts),
        }
        if spend_model is not None:
            controls["monetary_value"] = number(
                "monetary_value", monetary_value, description=label("monetary_value", lang),
                style=_STYLE, layout=widgets.Layout(**_LAYOUT))
            controls["discount_rate"] = bounded(
                widgets.FloatSlider, "discount_rate", discount_rate, low=0.0, high=0.2,
                valid=(0, None), step=0.001, readout_format=".3f",
                description=label("discount_rate", lang), **opts)
        super().__init__(controls, lang=lang)

    def compute(self, *, frequency: int, recency: float, T: float, horizon: int,
                monetary_value: float | None = None,
                discount_rate: float | None = None) -> CustomerView:
        one_time = frequency == 0
        self.controls["recency"].disabled = one_time
        tx = 0.0 if one_time else float(recency)
        if tx > T:
            raise fail(ValueError, "recency_after_T", recency=f"{tx:g}", T=f"{T:g}")
        p_alive = float(self.model.probability_alive(frequency, tx, T))  # type: ignore[attr-defined]
        expected = float(self.model.conditional_expected_purchases(  # type: ignore[attr-defined]
            horizon * self.period_length, frequency, tx, T))
        spend = clv = None
        if self.spend_model is not None:
            spend = float(self.spend_model.conditional_expected_spend(  # type: ignore[attr-defined]
                frequency, monetary_value))
            clv = float(self.spend_model.customer_lifetime_value(  # type: ignore[attr-defined]
                self.model, frequency, tx, T, monetary_value, horizon=horizon,
                discount_rate=discount_rate, period_length=self.period_length,
                margin=self.margin))
        return CustomerView(int(frequency), tx, float(T), int(horizon), p_alive, expected,
                            spend, clv)

    def describe(self, result: CustomerView) -> str:
        lang = self.lang
        lines = [f"<b>{label('probability_alive', lang)} = {result.probability_alive:.3f}</b>",
                 f"{label('horizon_purchases', lang)} ({result.horizon} "
                 f"{self.horizon_unit}): <b>{result.expected_purchases:.3f}</b>"]
        if result.frequency == 0:
            lines[0] += f" ({html.escape(label('one_time_buyer', lang))})"
        if result.clv is not None:
            lines.append(f"{label('expected_spend', lang)}: {result.expected_spend:,.2f}; "
                         f"<b>{label('clv', lang)} = {result.clv:,.2f}</b>")
        return "<br>".join(lines)

    def draw(self, result: CustomerView, ax: Axes) -> None:
        plot_probability_alive_matrix(
            self.model, result.T, max_frequency=max(self.max_frequency, result.frequency),
            resolution=30, mark=(result.frequency, result.recency), ax=ax, lang=self.lang,
            freq=self.freq)


def customer_explorer(
    model: object, spend_model: object | None = None, lang: str = "en", **start: Any
) -> CustomerExplorer:
    """Build the "what does the model think of this customer" widget (notebook 05).

    Parameters
    ----------
    model : BetaGeo or ParetoNBD
        A fitted repeat-buying model; times are in its time unit.
    spend_model : GammaGamma, optional
        A fitted spend model; adds monetary value and discount rate controls
        and the customer's CLV (客户终身价值).
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        Starting values and ranges: ``frequency``, ``recency``, ``T``,
        ``horizon`` (number of periods), ``monetary_value``,
        ``discount_rate`` (per period), ``period_length`` (model time units
        per period, e.g. 52/12 for months with a model in weeks), ``margin``
        (share of spend that is profit, in (0, 1]), ``max_frequency``,
        ``max_T``, ``max_horizon``, ``freq`` (the model's time unit, "W"
        weeks by default, as in :func:`crmlib.transactions.rfm_summary`;
        named on the sliders and the chart).

    Returns
    -------
    CustomerExplorer
        ``.result`` is a :class:`CustomerView` (``None`` after bad input, such
        as a recency larger than T, with the message in ``.error``).

    Examples
    --------
    >>> from crmlib.models import BetaGeo
    >>> m = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> w = customer_explorer(m)  # FHL (2005)'s customer: x = 2, t_x = 30.43, T = 38.86
    >>> round(w.result.expected_purchases, 3)
    1.226
    >>> w.controls["recency"].value = 40.0
    >>> w.result is None
    True
    """
    return CustomerExplorer(model, spend_model, lang=lang, **start)


def _percent(value: float, lang: str) -> str:
    """A share as a percentage, or "n/a" where it is undefined (NaN)."""
    return label("not_available", lang) if np.isnan(value) else f"{value:.1%}"


@dataclass(frozen=True)
class RetentionProjection:
    """An sBG fit to the first years of a cohort and its projection of the rest.

    ``mean_absolute_percentage_error`` is taken over the held-back years whose
    observed count is above 0 (NaN when there is none).
    """

    segment: str | None
    n_fit_years: int
    alpha: float
    beta: float
    table: pd.DataFrame = field(repr=False)
    mean_absolute_error: float
    mean_absolute_percentage_error: float
    model: ShiftedBetaGeometric = field(repr=False)


def _cohorts(survivors: object) -> dict[str | None, np.ndarray]:
    if isinstance(survivors, pd.DataFrame):
        if survivors.shape[1] == 0:
            raise ValueError("survivors must have at least one column of counts; got none")
        return {str(c): survivors[c].to_numpy(float) for c in survivors.columns}
    return {None: check_array("survivors", survivors)}


class RetentionProjector(TryIt):
    """Years used for fitting → sBG projection of the held-back years and its error."""

    def __init__(self, survivors: object, *, n_fit_years: int | None = None,
                 lang: str = "en") -> None:
        self.cohorts = _cohorts(survivors)
        n_years = max(len(c) for c in self.cohorts.values()) - 1
        top = max(2, n_years - 1)
        controls: dict[str, widgets.Widget] = {}
        if None not in self.cohorts:
            names = list(self.cohorts)
            controls["segment"] = widgets.Dropdown(
                options=names, value=names[0], description=label("segment", lang),
                style=_STYLE, layout=widgets.Layout(**_LAYOUT))
        controls["n_fit_years"] = bounded(
            widgets.IntSlider, "n_fit_years", min(7, top) if n_fit_years is None else n_fit_years,
            low=2, high=top, valid=(2, top),
            description=label("fit_years", lang), **_slider_options())
        super().__init__(controls, lang=lang)

    def compute(self, *, n_fit_years: int, segment: str | None = None) -> RetentionProjection:
        counts = self.cohorts[segment]
        if counts.size < 4:
            raise fail(ValueError, "survivors_too_short", count=counts.size)
        if n_fit_years > counts.size - 2:
            raise fail(ValueError, "fit_too_many_years", most=counts.size - 2, got=n_fit_years)
        model = ShiftedBetaGeometric().fit(counts[: n_fit_years + 1])
        projection = model.project(counts.size - 1)
        years = projection.index.to_numpy()
        table = pd.DataFrame({
            "observed": counts,
            "expected": projection["expected_survivors"].to_numpy(),
            "used_for_fit": years <= n_fit_years,
        }, index=pd.Index(years, name="year"))
        held = table[~table["used_for_fit"]]
        error = (held["expected"] - held["observed"]).abs()
        # a percentage of 0 observed customers is undefined: those years are left out
        positive = held["observed"] > 0
        percent = float((error[positive] / held["observed"][positive]).mean()) if positive.any() \
            else float("nan")
        return RetentionProjection(
            segment, int(n_fit_years), model.params_["alpha"], model.params_["beta"], table,
            float(error.mean()), percent, model)

    def describe(self, result: RetentionProjection) -> str:
        lang = self.lang
        last = int(result.table.index[-1])
        held = f"{result.n_fit_years + 1}–{last}"
        return (f"sBG: <b>α = {result.alpha:.3f}, β = {result.beta:.3f}</b> "
                f"({label('fit_years', lang)}: 1–{result.n_fit_years})<br>"
                f"{label('projection_error', lang)} ({label('year', lang)} {held}): "
                f"<b>{result.mean_absolute_error:,.1f}</b> "
                f"({_percent(result.mean_absolute_percentage_error, lang)})")

    def draw(self, result: RetentionProjection, ax: Axes) -> None:
        plot_sbg_survival(result.model, result.table["observed"].to_numpy(), ax=ax,
                          lang=self.lang)


def retention_projector(survivors: object, lang: str = "en", **start: Any) -> RetentionProjector:
    """Build the sBG retention projector (notebook 05): fit some years, check the rest.

    Parameters
    ----------
    survivors : sequence of int, pandas.Series or pandas.DataFrame
        Customers still active at the start of years 0, 1, ... (year 0 = the
        cohort size). A DataFrame (such as
        :func:`crmlib.datasets.load_retention_survivors`) adds a drop-down to
        choose one column (segment).
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        ``n_fit_years``: starting number of years to fit (default 7, or all but the
        last two years of a shorter series).

    Returns
    -------
    RetentionProjector
        ``.result`` is a :class:`RetentionProjection` (``None`` with the
        message in ``.error`` when the data cannot be fitted, e.g. too few years).

    Examples
    --------
    >>> w = retention_projector([1000, 631, 468, 382, 326, 289, 262, 241, 223, 207])
    >>> round(w.result.alpha, 3), round(w.result.beta, 3)  # years 1-7: FH (2007)
    (0.704, 1.182)
    """
    return RetentionProjector(survivors, lang=lang, **start)
