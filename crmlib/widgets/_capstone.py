"""Try it on your own data: the capstone on an uploaded transaction file (notebook 09).

:func:`capstone_uploader` reads a CSV or Excel export through
:func:`crmlib.transactions.read_transactions` (Chinese or English headers),
shows every rejected row with its reason and the counts (rows read = kept +
rejected), runs :func:`crmlib.capstone.analyse_customer_base` and shows a
summary with the stage chart. The "Make the report" button builds the one-page
report of :func:`crmlib.plotting.capstone_report` and shows it as a download
link; a change of any control removes the link of the old result. (The report
is built on request, so a saved notebook does not carry the whole page in its
widget state.) Without an upload it runs on the shipped example file.

Every message is in the widget's language: the reader's and the analysis's
errors are bilingual templates (:mod:`crmlib._messages`), shown after "The
file could not be read (name)" or "The analysis could not be completed"; the
rejected rows keep the file's values as read, with each row's reason shown in
the widget's language (:func:`crmlib.transactions.reason_in`).
"""

from __future__ import annotations

import base64
import html
import io
import traceback
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
from matplotlib.axes import Axes

from crmlib._messages import Message, MessageError, fail
from crmlib.capstone import CustomerBaseAnalysis, TooFewCustomersError, analyse_customer_base
from crmlib.datasets import capstone_orders_path
from crmlib.i18n import label
from crmlib.models import ConvergenceError
from crmlib.plotting import capstone_report, plot_stage_values
from crmlib.plotting._axes import check_currency
from crmlib.plotting._capstone import _heading, money
from crmlib.strategy import strategy_type
from crmlib.transactions import TransactionLog, read_transactions, reason_in
from crmlib.widgets._base import TryIt, bounded, number

__all__ = ["CapstoneRun", "CapstoneUploader", "capstone_uploader"]

_STYLE = {"description_width": "16em"}
#: Rejected rows listed in the widget (all are counted; the report lists more).
SHOWN_REJECTED = 20
#: File name of the downloaded report.
REPORT_NAME = "customer_base_report.html"
#: Currencies offered by the currency box (any other short text can be typed).
CURRENCIES = ("¥", "$", "€", "£", "HK$", "元", "USD", "CNY")


@dataclass(frozen=True, eq=False)
class CapstoneRun:
    """One run of the uploader: the file read, the analysis and the currency of its amounts."""

    source: str
    log: TransactionLog = field(repr=False)
    analysis: CustomerBaseAnalysis = field(repr=False)
    currency: str = "¥"

    def report(self, lang: str = "en") -> str:
        """The one-page HTML report of this run (:func:`crmlib.plotting.capstone_report`)."""
        return capstone_report(self.analysis, lang=lang, source=self.source,
                               currency=self.currency)

    @property
    def value(self) -> float:
        """Customer equity of the analysis."""
        return self.analysis.equity.value


class CapstoneUploader(TryIt):
    """Upload a transaction export → rejected rows, the whole capstone, a downloadable report."""

    figsize = (7.0, 3.6)

    def __init__(self, *, margin: float = 0.3, discount_rate: float = 0.1,
                 horizon_months: int = 36, currency: str = "¥", lang: str = "en") -> None:
        layout = widgets.Layout(width="30em")
        currency = check_currency(currency)
        #: the HTML report of the current result, once "Make the report" was pressed
        self.report: str | None = None
        self.make_button = widgets.Button(description=label("make_report", lang),
                                          icon="file-text", layout=widgets.Layout(width="16em"))
        self.download = widgets.HTML()
        self.make_button.on_click(lambda _button: self.make_report())
        controls = {
            "upload": widgets.FileUpload(accept=".csv,.txt,.xlsx,.xlsm", multiple=False,
                                         description=label("upload_file", lang),
                                         layout=widgets.Layout(width="30em")),
            "margin": number("margin", margin, description=label("margin_rate", lang),
                             style=_STYLE, layout=layout),
            "discount_rate": number("discount_rate", discount_rate,
                                    description=label("annual_discount_rate", lang),
                                    style=_STYLE, layout=layout),
            "horizon_months": bounded(widgets.IntSlider, "horizon_months", horizon_months,
                                      low=1, high=120, valid=(1, None),
                                      description=label("horizon_months", lang),
                                      continuous_update=False, style=_STYLE,
                                      layout=widgets.Layout(width="36em")),
            "currency": widgets.Combobox(value=currency, options=list(CURRENCIES),
                                         ensure_option=False, continuous_update=False,
                                         description=label("currency_unit", lang),
                                         style=_STYLE, layout=layout),
        }
        super().__init__(controls, lang=lang)

    def layout_controls(self) -> list[widgets.Widget]:
        return [*self.controls.values(), widgets.HBox([self.make_button, self.download])]

    def update(self) -> None:
        """Recompute (see :class:`TryIt`); the report of an earlier result is removed."""
        self.report = None
        self.download.value = ""
        super().update()
        self.make_button.disabled = self.result is None
        if self.result is not None:
            self.download.value = html.escape(label("report_outdated", self.lang))

    def make_report(self) -> str | None:
        """Build the report of the current result and show it as a download link.

        Returns the HTML page (also in ``report``), or None when there is no
        result to report (the widget shows an error).
        """
        if self.result is None:
            return None
        try:
            page = self.result.report(self.lang)
        except Exception as exc:  # noqa: BLE001 - a button callback must never raise
            self._show_error(f"{type(exc).__name__}: {exc}", traceback.format_exc())
            self.make_button.disabled = True
            return None
        self.report = page
        data = base64.b64encode(page.encode("utf-8")).decode("ascii")
        self.download.value = (
            f"{html.escape(label('report_made', self.lang))} "
            f'<a download="{REPORT_NAME}" href="data:text/html;charset=utf-8;base64,{data}">'
            f"⬇ {html.escape(label('download_report', self.lang))}</a>")
        return page

    def _read(self, upload: Any) -> tuple[str, TransactionLog]:
        if upload:
            item = upload[0]
            name = str(item["name"])
            source: Any = io.BytesIO(bytes(item["content"]))
        else:
            source = capstone_orders_path()
            name = f"{source.name} ({label('example_file', self.lang)})"
        try:
            return name, read_transactions(source)
        except (ValueError, TypeError, OSError, UnicodeError) as exc:
            raise _within(Message("read_failed_file", file=name), exc) from None

    def compute(self, **values: Any) -> CapstoneRun:
        currency = check_currency(values["currency"])
        name, log = self._read(values["upload"])
        try:
            analysis = analyse_customer_base(log, margin=values["margin"],
                                             discount_rate=values["discount_rate"],
                                             horizon_months=values["horizon_months"])
        except TooFewCustomersError as exc:
            key = ("too_few_customers_widget" if exc.what == "customers"
                   else "too_few_repeat_customers_widget")
            raise fail(ValueError, key, found=exc.found, needed=exc.needed) from None
        except ConvergenceError as exc:
            raise _within(Message("analysis_failed"), exc) from None
        return CapstoneRun(source=name, log=log, analysis=analysis, currency=currency)

    def describe(self, result: CapstoneRun) -> str:
        lang, a, cur = self.lang, result.analysis, result.currency
        counts = a.data["value"]
        roi = a.roi
        strategy = strategy_type(a.strategy.recommended)
        lines = [
            f"{label('report_source', lang)}: {html.escape(result.source)}",
            f"<b>{label('rows_read', lang)}: {int(counts['rows_read']):,} = "
            f"{label('rows_kept', lang)} {int(counts['rows_kept']):,} + "
            f"{label('rows_rejected', lang)} {int(counts['rows_rejected']):,}</b>",
            f"{label('customers', lang)}: {len(a.customers):,}; "
            f"{label('core_count', lang)}: {a.core.value:,}",
            f"<b>{label('customer_equity', lang)} = {html.escape(money(a.equity.value, cur))}"
            f"</b>; {label('mean_clv', lang)} = "
            f"{html.escape(money(a.customers['clv'].mean(), cur))}",
            f"{label('recommended_type', lang)}: "
            f"{strategy.name_zh if lang == 'zh' else strategy.name}; "
            f"{label('roi', lang)} = {roi.roi:.2%}; {label('npv', lang)} = "
            f"{html.escape(money(roi.npv, cur))}",
        ]
        rejected = a.rejected
        if len(rejected):
            shown = rejected.head(SHOWN_REJECTED)
            note = ""
            if len(rejected) > len(shown):
                note = (" (" + label("first_rows_shown", lang).format(
                    shown=len(shown), total=len(rejected)) + ")")
            shown = shown.assign(reason=[reason_in(r, lang) for r in shown["reason"]])
            shown = shown.rename(columns=lambda c: _heading(c, lang))
            table = shown.to_html(border=0, index=False, escape=True)
            lines.append(f"<details open><summary>{label('rejected_rows', lang)}{note}"
                         f"</summary>{table}</details>")
        else:
            lines.append(label("no_rejected_rows", lang))
        lines.append(label("more_in_report", lang))
        return "<br>".join(lines)

    def draw(self, result: CapstoneRun, ax: Axes) -> None:
        plot_stage_values(result.analysis.stage_table, ax=ax, lang=self.lang,
                          currency=result.currency)


def _within(context: Message, exc: BaseException) -> MessageError:
    """``exc`` as a ValueError shown after ``context`` ("context: message"), its template
    kept (an error without one, e.g. from the operating system, keeps its text)."""
    inner = exc.message if isinstance(getattr(exc, "message", None), Message) else str(exc)
    return fail(ValueError, "prefixed", prefix=context, inner=inner)


def capstone_uploader(lang: str = "en", **start: object) -> CapstoneUploader:
    """Build the "Try it on your own data" widget of notebook 09.

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of labels, messages, chart and report.
    **start
        Starting values: ``margin`` (share of spend that is profit),
        ``discount_rate`` (per year), ``horizon_months``, ``currency`` (of
        the file's amounts, default "¥": shown with every amount, on the
        chart and in the report; the shipped example file is in US dollars,
        ``currency="$"``).

    Returns
    -------
    CapstoneUploader
        ``.result`` holds the latest :class:`CapstoneRun` (the transaction
        log, the analysis, the currency); ``.make_report()`` (the "Make the
        report" button) builds the HTML report into ``.report`` and shows
        its download link.

    Examples
    --------
    >>> w = capstone_uploader(currency="$")
    >>> len(w.result.analysis.customers), len(w.result.log.rejected), w.report
    (2357, 5, None)
    >>> w.make_report().startswith("<!DOCTYPE html>"), "download=" in w.download.value
    (True, True)
    >>> w.controls["margin"].value = 1.5
    >>> w.error
    'margin must be between 0 and 1 (0 excluded); got 1.5'
    """
    return CapstoneUploader(lang=lang, **start)  # type: ignore[arg-type]
