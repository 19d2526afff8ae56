"""Try it: the lifecycle widgets of notebook 03.

* :func:`profit_curve_explorer`: stage lengths, revenue and cost per stage →
  profit curve, break-even and value; end the relationship early and see
  what is lost;
* :func:`cohort_explorer`: cohort heatmap of a transaction log by period and measure;
* :func:`stage_browser`: pick a customer, see their history and why they
  are in their stage.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import pandas as pd
from matplotlib.axes import Axes

from crmlib._messages import fail
from crmlib._validation import check_integer, check_positive
from crmlib.i18n import label
from crmlib.lifecycle import (
    STAGES,
    CohortTable,
    LifecycleProfile,
    StageClassification,
    cohort_table,
    lifecycle_profile,
)
from crmlib.lifecycle._profile import _per_stage as per_stage
from crmlib.plotting import plot_cohort_heatmap, plot_customer_timeline, plot_lifecycle_profile
from crmlib.plotting._axes import check_currency
from crmlib.transactions._rfm import UNIT_NAMES
from crmlib.widgets._base import TryIt, bounded, choice

__all__ = [
    "CohortExplorer",
    "ProfitCurveExplorer",
    "StageBrowser",
    "cohort_explorer",
    "profit_curve_explorer",
    "stage_browser",
]

_NARROW = {"description_width": "8.5em"}


def _slider(cls: type, name: str, value: object, lo: float, hi: float, step: float,
            description: str, width: str = "21em", *,
            valid: tuple[float | None, float | None] = (0, None), **extra: Any) -> widgets.Widget:
    """A slider showing ``value`` exactly (its range grows to hold it; see :func:`bounded`)."""
    return bounded(cls, name, value, low=lo, high=hi, valid=valid, step=step,
                   description=description, continuous_update=False, style=_NARROW,
                   layout=widgets.Layout(width=width), **extra)


class ProfitCurveExplorer(TryIt):
    """Stage lengths, revenue and cost per stage, discount rate, early end → the profit curve."""

    figsize = (8.0, 4.4)

    def __init__(
        self,
        *,
        stage_lengths: Sequence[int] = (2, 3, 5, 2),
        revenue_levels: Sequence[float] = (20, 60, 90, 50),
        cost_levels: Sequence[float] = (80, 40, 25, 25),
        discount_rate: float = 0.0,
        end_period: int | None = None,
        max_length: int = 12,
        max_amount: float = 200.0,
        lang: str = "en",
    ) -> None:
        lengths = per_stage("stage_lengths", stage_lengths, whole=True)
        revenue = per_stage("revenue_levels", revenue_levels)
        cost = per_stage("cost_levels", cost_levels)
        max_length = check_integer("max_length", max_length, minimum=1)
        max_amount = check_positive("max_amount", max_amount)
        controls: dict[str, widgets.Widget] = {}
        for i, stage in enumerate(STAGES):
            controls[f"{stage}_length"] = _slider(
                widgets.IntSlider, f"stage_lengths[{i}] ({stage})", int(lengths[i]), 0,
                max_length, 1, label("periods_in_stage", lang))
            controls[f"{stage}_revenue"] = _slider(
                widgets.FloatSlider, f"revenue_levels[{i}] ({stage})", float(revenue[i]), 0.0,
                max_amount, 1.0, label("revenue_per_period", lang), readout_format=".0f")
            controls[f"{stage}_cost"] = _slider(
                widgets.FloatSlider, f"cost_levels[{i}] ({stage})", float(cost[i]), 0.0,
                max_amount, 1.0, label("cost_per_period", lang), readout_format=".0f")
        controls["discount_rate"] = _slider(
            widgets.FloatSlider, "discount_rate", discount_rate, 0.0, 0.3, 0.01,
            label("discount_rate", lang), width="33em")
        controls["discount_rate"].style = {"description_width": "17em"}
        controls["full_path"] = widgets.Checkbox(value=end_period is None,
                                                 description=label("full_path", lang))
        controls["end_period"] = _slider(
            widgets.IntSlider, "end_period", 1 if end_period is None else end_period, 1,
            4 * max_length, 1, label("ends_after", lang), width="33em", valid=(1, None))
        controls["end_period"].style = {"description_width": "17em"}
        super().__init__(controls, lang=lang)

    def layout_controls(self) -> list[widgets.Widget]:
        rows = []
        for stage in STAGES:
            title = widgets.HTML(f"<b>{html.escape(label(stage, self.lang))}</b>",
                                 layout=widgets.Layout(width="9em"))
            rows.append(widgets.HBox([title] + [self.controls[f"{stage}_{part}"]
                                                for part in ("length", "revenue", "cost")]))
        rows += [self.controls["discount_rate"],
                 widgets.HBox([self.controls["full_path"], self.controls["end_period"]])]
        return rows

    def compute(self, **v: Any) -> LifecycleProfile:
        self.controls["end_period"].disabled = v["full_path"]
        return lifecycle_profile(
            [v[f"{s}_length"] for s in STAGES],
            [v[f"{s}_revenue"] for s in STAGES],
            [v[f"{s}_cost"] for s in STAGES],
            discount_rate=v["discount_rate"],
            end_period=None if v["full_path"] else v["end_period"],
        )

    def describe(self, result: LifecycleProfile) -> str:
        lang = self.lang
        even = (f"{result.break_even_period}" if result.break_even_period is not None
                else label("never_breaks_even", lang))
        lines = [
            f"<b>{label('cumulative_profit', lang)} = {result.value:,.2f}</b> "
            f"({label('relationship_ends', lang)}: {label('period', lang)} {result.end_period}, "
            f"{label(result.end_stage, lang)})",
            f"{label('break_even', lang)}: <b>{even}</b>",
        ]
        if result.end_period < len(result.table):
            lines.append(f"{label('lost_value', lang)}: <b>{result.lost_value:,.2f}</b> "
                         f"({label('full_path', lang)}: {result.full_value:,.2f})")
        return "<br>".join(lines)

    def draw(self, result: LifecycleProfile, ax: Axes) -> None:
        plot_lifecycle_profile(result, ax=ax, lang=self.lang)


def profit_curve_explorer(lang: str = "en", **start: Any) -> ProfitCurveExplorer:
    """Build the lifecycle profit-curve explorer ("Try it" in notebook 03).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        Starting values: ``stage_lengths``, ``revenue_levels``,
        ``cost_levels`` (four values each, in stage order),
        ``discount_rate``, ``end_period`` (None: full path), and the slider
        ranges ``max_length`` and ``max_amount``.

    Returns
    -------
    ProfitCurveExplorer
        ``.result`` is the :class:`~crmlib.lifecycle.LifecycleProfile`
        (``None`` after bad input, with the message in ``.error``).

    Examples
    --------
    >>> w = profit_curve_explorer()
    >>> w.result.break_even_period
    6
    >>> w.controls["full_path"].value = False
    >>> w.controls["end_period"].value = 40  # the path is only 12 periods long
    >>> w.result is None
    True
    """
    return ProfitCurveExplorer(lang=lang, **start)


class CohortExplorer(TryIt):
    """Period unit and measure → the cohort heatmap of a transaction log."""

    figsize = (8.0, 4.2)

    def __init__(
        self,
        transactions: object,
        *,
        period: str = "M",
        measure: str = "retention",
        periods: Sequence[str] = ("W", "M", "Q"),
        max_periods: int | None = 26,
        currency: str = "¥",
        lang: str = "en",
        **columns: str,
    ) -> None:
        self.currency = check_currency(currency)
        self.transactions = transactions
        self.columns = columns
        self.max_periods = max_periods
        self._tables: dict[str, CohortTable] = {}
        measures = ["customers", "retention", "revenue"]
        names = {"customers": "customers_active", "retention": "retention_share",
                 "revenue": "revenue_per_customer"}
        style = {"description_width": "10em"}
        if isinstance(periods, str) or not all(p in UNIT_NAMES for p in periods) or not periods:
            raise ValueError(
                "periods must be a list of period codes from 'D', 'W', 'M', 'Q', 'Y'; "
                f"got {periods!r}")
        controls = {
            "period": choice(
                "period", period, [(label(UNIT_NAMES[p], lang), p) for p in periods],
                description=label("period_unit", lang), style=style),
            "measure": choice(
                "measure", measure, [(label(names[m], lang), m) for m in measures],
                description=label("measure", lang), style=style,
                layout=widgets.Layout(width="30em")),
        }
        super().__init__(controls, lang=lang)

    def compute(self, *, period: str, measure: str) -> CohortTable:
        if period not in self._tables:
            self._tables[period] = cohort_table(self.transactions, period, **self.columns)
        table = self._tables[period]
        table.measure(measure)  # a measure the log cannot give is reported here
        return table

    def describe(self, result: CohortTable) -> str:
        lang = self.lang
        first = result.retention[1] if result.retention.shape[1] > 1 else None
        text = (f"<b>{int(result.sizes.sum()):,}</b> {label('customers', lang)}, "
                f"<b>{len(result.sizes)}</b> {label('cohort', lang)}; "
                f"{label('as_of', lang)} {result.observation_end.date()}")
        if first is not None:
            text += (f"<br>{label('retention_share', lang)} "
                     f"({label('periods_since_acquisition', lang)} = 1): "
                     f"<b>{first.mean():.1%}</b>")
        return text

    def draw(self, result: CohortTable, ax: Axes) -> None:
        plot_cohort_heatmap(result, self.controls["measure"].value, ax=ax, lang=self.lang,
                            max_periods=self.max_periods, currency=self.currency)


def cohort_explorer(transactions: object, lang: str = "en", **start: Any) -> CohortExplorer:
    """Build the cohort heatmap explorer (notebook 03).

    Parameters
    ----------
    transactions : pandas.DataFrame or TransactionLog
        The log, e.g. :func:`crmlib.datasets.load_cdnow`.
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        ``period`` (default "M"), ``measure`` ("customers", "retention" or
        "revenue"), ``periods`` (the units offered), ``max_periods`` (ages
        shown), ``currency`` of the amounts (default "¥", shown on the revenue
        heatmap) and the column names ``customer``, ``date``, ``amount``.

    Returns
    -------
    CohortExplorer
        ``.result`` is the :class:`~crmlib.lifecycle.CohortTable` shown.

    Examples
    --------
    >>> from crmlib.datasets import load_cdnow
    >>> w = cohort_explorer(load_cdnow())
    >>> w.result.sizes.tolist()  # customers acquired in Jan, Feb, Mar 1997
    [7846, 8476, 7248]
    """
    return CohortExplorer(transactions, lang=lang, **start)


class StageBrowser(TryIt):
    """Pick a customer → their purchase history and why they are in their stage."""

    def __init__(self, stages: StageClassification, *, customer: object = None,
                 per_stage: int = 5, currency: str = "¥", lang: str = "en") -> None:
        self.currency = check_currency(currency)
        if not isinstance(stages, StageClassification):
            raise TypeError(
                f"stages must be the result of classify_stage; got {type(stages).__name__}")
        self.stages = stages
        table = stages.table
        examples = []
        for stage in STAGES:
            rows = table[table["stage"] == stage].sort_values("revenue", ascending=False)
            examples += list(rows.index[:per_stage])
        self._ids = {str(i): i for i in table.index}
        start = str(customer) if customer is not None else (str(examples[0]) if examples else "")
        controls = {"customer": widgets.Combobox(
            value=start, options=[str(i) for i in examples], ensure_option=False,
            description=label("customer", lang), continuous_update=False,
            style={"description_width": "8em"})}
        super().__init__(controls, lang=lang)

    def compute(self, *, customer: str) -> pd.Series:
        key = self._ids.get(str(customer).strip())
        if key is None:
            sample = ", ".join(list(self._ids)[:5])
            raise fail(ValueError, "unknown_customer", name="customer", sample=sample,
                       got=repr(customer))
        row = self.stages.table.loc[key].copy()
        row.name = key
        return row

    def describe(self, result: pd.Series) -> str:
        lang = self.lang
        why = result["reason_zh"] if lang == "zh" else result["reason"]
        return (f"<b>{label('customer', lang)} {html.escape(str(result.name))}: "
                f"{html.escape(label(str(result['stage']), lang))}</b><br>"
                f"{label('reason', lang)}: {html.escape(str(why))}<br>"
                f"{label('purchases', lang)}: {int(result['purchases'])}; "
                f"{label('revenue', lang)}: {result['revenue']:,.2f} {html.escape(self.currency)}")

    def draw(self, result: pd.Series, ax: Axes) -> None:
        plot_customer_timeline(self.stages, result.name, ax=ax, lang=self.lang,
                               currency=self.currency)


def stage_browser(stages: StageClassification, lang: str = "en", **start: Any) -> StageBrowser:
    """Build the customer-stage browser (notebook 03).

    Parameters
    ----------
    stages : StageClassification
        Output of :func:`crmlib.lifecycle.classify_stage`.
    lang : {"en", "zh"}
        Language of labels, reasons and chart.
    **start
        ``customer`` (the id shown first), ``per_stage`` (how many
        example customers of each stage the list offers; any id can be typed)
        and ``currency`` of the amounts (default "¥", shown with the revenue
        and on the timeline).

    Returns
    -------
    StageBrowser
        ``.result`` is the customer's row of ``stages.table`` (``None``
        with the message in ``.error`` for an unknown id).

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlib.lifecycle import classify_stage
    >>> tx = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-05", "2024-06-01"],
    ...                    "amount": [9.0, 3.0]})
    >>> w = stage_browser(classify_stage(tx), customer="a")
    >>> w.result["stage"]
    'decline'
    >>> w.controls["customer"].value = "zz"
    >>> w.result is None
    True
    """
    return StageBrowser(stages, lang=lang, **start)
