"""Try it: the value-matrix explorer and the RFM explorer of notebook 02."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmlib._messages import fail
from crmlib._validation import check_columns
from crmlib.i18n import label
from crmlib.plotting import plot_rfm_segments, plot_value_matrix
from crmlib.plotting._axes import percent_text
from crmlib.segmentation import RFMSegments, rfm_scores, rfm_segments
from crmlib.value import ValueMatrix, value_matrix
from crmlib.widgets._base import TryIt, bounded, choice

__all__ = ["RFMExplorer", "ValueMatrixExplorer", "rfm_explorer", "value_matrix_explorer"]

_STYLE = {"description_width": "16em"}
_LAYOUT = {"width": "34em"}


def _slider_options() -> dict[str, Any]:
    return {"continuous_update": False, "style": _STYLE, "layout": widgets.Layout(**_LAYOUT)}


def _table(rows: list[list[str]], header: list[str]) -> str:
    head = "".join(f"<th style='padding:0 8px'>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td style='padding:0 8px'>{html.escape(c)}</td>" for c in row)
        + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


class ValueMatrixExplorer(TryIt):
    """Move the split lines of the current value × growth potential matrix; see sizes and shares."""

    figsize = (7.0, 5.0)

    def __init__(self, customers: pd.DataFrame, *, current: str = "current_value",
                 potential: str = "growth_potential", current_percentile: float = 50.0,
                 potential_percentile: float = 50.0, currency: str = "¥",
                 lang: str = "en") -> None:
        check_columns("customers", customers, [current, potential])
        if len(customers) == 0:  # no percentile of an empty column: say so before building
            raise fail(ValueError, "no_rows", name="customers")
        self.customers = customers
        self.current, self.potential, self.currency = current, potential, currency
        opts = _slider_options()
        controls = {
            "current_percentile": bounded(
                widgets.FloatSlider, "current_percentile", current_percentile, low=0.0,
                high=100.0, valid=(0, 100), step=1.0,
                description=label("current_split", lang), **opts),
            "potential_percentile": bounded(
                widgets.FloatSlider, "potential_percentile", potential_percentile, low=0.0,
                high=100.0, valid=(0, 100), step=1.0,
                description=label("potential_split", lang), **opts),
        }
        super().__init__(controls, lang=lang)

    def splits(self, current_percentile: float, potential_percentile: float) -> tuple[float, float]:
        """The split values at the given percentiles of the two columns."""
        for name, p in (("current_percentile", current_percentile),
                        ("potential_percentile", potential_percentile)):
            if not 0 <= p <= 100:
                raise fail(ValueError, "percentile_range", name=name, got=repr(p))
        c = self.customers[self.current].to_numpy(dtype=float)
        q = self.customers[self.potential].to_numpy(dtype=float)
        return float(np.percentile(c, current_percentile)), float(
            np.percentile(q, potential_percentile))

    def compute(self, *, current_percentile: float, potential_percentile: float) -> ValueMatrix:
        split = self.splits(current_percentile, potential_percentile)
        return value_matrix(self.customers, self.current, self.potential, split=split)

    def describe(self, result: ValueMatrix) -> str:
        lang = self.lang
        zh = lang == "zh"
        rows = [[row["name_zh" if zh else "name"], f"{int(row['customers']):,}",
                 *(percent_text(row[c], lang)
                   for c in ("customer_share", "current_share", "potential_share")),
                 row["action_zh" if zh else "action"]]
                for _, row in result.summary.iterrows()]
        header = [label("quadrant", lang), label("customers", lang),
                  label("customer_share", lang), label("current_value", lang),
                  label("growth_potential", lang), label("action", lang)]
        splits = (f"{label('split_line', lang)}: {label('current_value', lang)} "
                  f"{self.currency}{result.current_split:,.2f}, "
                  f"{label('growth_potential', lang)} {self.currency}"
                  f"{result.potential_split:,.2f}")
        # not typeset (MathJax 2 and 3 class names): two "$" amounts would read as a formula
        return (f'<span class="tex2jax_ignore mathjax_ignore">{html.escape(splits)}</span><br>'
                f"{_table(rows, header)}")

    def draw(self, result: ValueMatrix, ax: Axes) -> None:
        plot_value_matrix(result, ax=ax, lang=self.lang, currency=self.currency)


def value_matrix_explorer(customers: pd.DataFrame, lang: str = "en",
                          **start: Any) -> ValueMatrixExplorer:
    """Build the value-matrix explorer ("Try it" in notebook 02).

    Parameters
    ----------
    customers : pandas.DataFrame
        One row per customer with a current-value and a growth-potential
        column (see :func:`crmlib.value.value_matrix`).
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        ``current`` and ``potential`` (column names), ``current_percentile``
        and ``potential_percentile`` (where the split lines start, 0-100,
        default 50 = the median), ``currency``.

    Returns
    -------
    ValueMatrixExplorer
        ``.result`` is the latest :class:`~crmlib.value.ValueMatrix`.

    Examples
    --------
    >>> df = pd.DataFrame({"current_value": [10.0, 8, 2, 1],
    ...                    "growth_potential": [9.0, 1, 7, 2]})
    >>> w = value_matrix_explorer(df)
    >>> w.result.summary["customers"].tolist()
    [1, 1, 1, 1]
    >>> w.controls["current_percentile"].value = 0.0  # split at the smallest value
    >>> w.result.summary["customers"].tolist()  # invest, maintain, develop, reduce
    [2, 1, 0, 1]
    """
    return ValueMatrixExplorer(customers, lang=lang, **start)


class RFMExplorer(TryIt):
    """Bins, thresholds and scheme → RFM classes with their customers and value."""

    figsize = (7.0, 4.6)

    def __init__(self, summary: pd.DataFrame, *, monetary: str = "monetary_value",
                 value: str | None = None, bins: int = 5, threshold_mode: str = "mean",
                 threshold: float = 3.0, scheme: str = "eight",
                 recency_convention: str = "summary", lang: str = "en") -> None:
        self.summary = summary
        self.monetary = monetary
        self.value = monetary if value is None else value
        check_columns("summary", summary, [self.monetary, self.value])
        self.recency_convention = recency_convention
        opts = _slider_options()
        controls = {
            # rfm_scores takes 2 to 10 score levels: a start value outside is refused
            "bins": bounded(widgets.IntSlider, "bins", bins, low=2, high=10, valid=(2, 10),
                            description=label("bins", lang), **opts),
            "threshold_mode": choice(
                "threshold_mode", threshold_mode,
                [(label("threshold_mean", lang), "mean"),
                 (label("threshold_number", lang), "number")],
                description=label("threshold_mode", lang),
                style=_STYLE, layout=widgets.Layout(**_LAYOUT)),
            # any score is a threshold; the usual range 1-10 grows to hold the start value
            "threshold": bounded(widgets.FloatSlider, "threshold", threshold, low=1.0,
                                 high=10.0, step=0.5, description=label("threshold", lang),
                                 **opts),
            "scheme": choice(
                "scheme", scheme,
                [(label("scheme_eight", lang), "eight"), (label("scheme_named", lang), "named")],
                description=label("scheme", lang),
                style=_STYLE, layout=widgets.Layout(**_LAYOUT)),
        }
        super().__init__(controls, lang=lang)

    def compute(self, *, bins: int, threshold_mode: str, threshold: float,
                scheme: str) -> RFMSegments:
        self.controls["threshold"].disabled = threshold_mode == "mean" or scheme == "named"
        scores = rfm_scores(self.summary, bins, monetary=self.monetary,
                            recency_convention=self.recency_convention)
        scores["value"] = self.summary[self.value].to_numpy(dtype=float)
        return rfm_segments(scores, scheme,
                            threshold="mean" if threshold_mode == "mean" else threshold,
                            value="value")

    def describe(self, result: RFMSegments) -> str:
        lang = self.lang
        zh = lang == "zh"
        rows = [[row["segment_zh" if zh else "segment_en"], f"{int(row['customers']):,}",
                 percent_text(row["customer_share"], lang), f"{row['value']:,.0f}",
                 percent_text(row["value_share"], lang)]
                for _, row in result.summary.iterrows()]
        header = [label("rfm_class", lang), label("customers", lang),
                  label("customer_share", lang), label("value", lang),
                  label("value_share", lang)]
        text = ""
        if result.thresholds:
            shown = ", ".join(f"{k} > {v:.2f}" for k, v in result.thresholds.items())
            text = f"{html.escape(label('threshold_mode', lang))}: {shown}<br>"
        return text + _table(rows, header)

    def draw(self, result: RFMSegments, ax: Axes) -> None:
        plot_rfm_segments(result, ax=ax, lang=self.lang)


def rfm_explorer(summary: pd.DataFrame, lang: str = "en", **start: Any) -> RFMExplorer:
    """Build the RFM explorer ("Try it" in notebook 02).

    Parameters
    ----------
    summary : pandas.DataFrame
        Per-customer summary accepted by :func:`crmlib.segmentation.rfm_scores`
        (e.g. :func:`crmlib.transactions.rfm_summary` with a total-spend column).
    lang : {"en", "zh"}
        Language of labels and chart.
    **start
        ``monetary`` (column scored for M), ``value`` (column totalled per
        class; default the monetary column), ``bins``, ``threshold_mode``
        ("mean" or "number"), ``threshold``, ``scheme`` ("eight" or
        "named"), ``recency_convention``.

    Returns
    -------
    RFMExplorer
        ``.result`` is the latest :class:`~crmlib.segmentation.RFMSegments`
        (``None`` after bad input, with the message in ``.error``).

    Examples
    --------
    >>> s = pd.DataFrame({"frequency": [4, 2, 1, 0], "recency": [19.0, 10.0, 5.0, 0.0],
    ...                   "T": [20.0, 20.0, 20.0, 30.0], "spend": [250.0, 60.0, 40.0, 5.0]})
    >>> w = rfm_explorer(s, monetary="spend", bins=4)
    >>> int(w.result.summary.loc["important_value", "customers"])
    2
    >>> w.controls["scheme"].value = "named"  # needs 5 score levels
    >>> w.result is None
    True
    """
    return RFMExplorer(summary, lang=lang, **start)
