"""The capstone's figure of value by lifecycle stage, and its one-page HTML report."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

import crmlib
from crmlib._messages import fail
from crmlib.i18n import check_lang, label
from crmlib.plotting._axes import check_currency, new_axes, with_unit
from crmlib.plotting._segmentation import plot_pareto_curve, plot_rfm_segments
from crmlib.plotting._strategy import plot_equity_levers, plot_roi_cashflows, plot_strategy_scores
from crmlib.plotting._theme import PALETTE, theme_context
from crmlib.transactions import reason_in

if TYPE_CHECKING:
    from crmlib.capstone import CustomerBaseAnalysis

__all__ = ["capstone_report", "plot_stage_values"]

#: Rejected rows listed in the report (all are counted).
REPORT_REJECTED_ROWS = 100
_STAGES = ("exploration", "formation", "stability", "decline")


def _stage_name(stage: str, lang: str) -> str:
    return label(stage, lang).removesuffix(" stage")


def plot_stage_values(stage_table: pd.DataFrame, ax: Axes | None = None, *,
                      lang: str = "en", currency: str = "¥") -> Axes:
    """Share of customers and of revenue in each lifecycle stage, with the stage's mean CLV.

    Parameters
    ----------
    stage_table : pandas.DataFrame
        Output of :func:`crmlib.lifecycle.stage_summary` with ``clv`` given
        (columns ``customer_share``, ``revenue_share`` and ``mean_clv``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure if None.
    lang : {"en", "zh"}
        Language of the labels.
    currency : str, default "¥"
        Currency of the mean CLV, named in the stage axis label.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"customer_share": [0.1, 0.2, 0.3, 0.4],
    ...                   "revenue_share": [0.05, 0.4, 0.4, 0.15],
    ...                   "mean_clv": [10.0, 50.0, 80.0, 5.0]},
    ...                  index=["exploration", "formation", "stability", "decline"])
    >>> ax = plot_stage_values(t, currency="$")
    >>> ax.get_xlabel(), ax.get_xticklabels()[1].get_text()
    ('Stage and mean CLV ($)', 'Formation\\nCLV 50.00')
    """
    lang = check_lang(lang)
    currency = check_currency(currency)
    missing = [c for c in ("customer_share", "revenue_share", "mean_clv")
               if c not in stage_table.columns]
    if missing:
        raise fail(ValueError, "stage_table_column", column=repr(missing[0]))
    with theme_context(lang):
        ax = new_axes(ax)
        table = stage_table.reindex(list(_STAGES))
        x = np.arange(len(table))
        ax.bar(x - 0.2, table["customer_share"].fillna(0.0), width=0.4, color=PALETTE[0],
               label=label("customer_share", lang))
        ax.bar(x + 0.2, table["revenue_share"].fillna(0.0), width=0.4, color=PALETTE[1],
               label=label("revenue", lang) + ("占比" if lang == "zh" else " share"))
        top = float(np.nanmax(table[["customer_share", "revenue_share"]].to_numpy()))
        ticks = []
        for stage, mean in zip(table.index, table["mean_clv"], strict=True):
            text = label("not_available", lang) if pd.isna(mean) else f"{mean:,.2f}"
            ticks.append(f"{_stage_name(stage, lang)}\nCLV {text}")
        ax.set_xticks(x, ticks)
        ax.set_ylim(0, max(top * 1.1, 0.05))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_ylabel("占比（%）" if lang == "zh" else "Share (%)")
        stage_axis = "阶段及平均 CLV" if lang == "zh" else "Stage and mean CLV"
        ax.set_xlabel(with_unit(stage_axis, currency, lang))
        ax.set_title(label("section_stages", lang).split(". ", 1)[1])
        ax.legend(loc="upper left", fontsize=9)
    return ax


def _png(draw: Callable[[Axes], object], lang: str, size: tuple[float, float] = (7.0, 3.8)
         ) -> str:
    """A figure drawn by ``draw`` as an embedded base64 PNG ``<img>``."""
    with theme_context(lang):
        figure = Figure(figsize=size, layout="constrained")
        draw(figure.add_subplot())
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=90)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="" src="data:image/png;base64,{data}">'


def money(amount: float, currency: str) -> str:
    """An amount with its currency: a sign before the number, a word or code after it.

    >>> money(-1234.5, "$"), money(1234.5, "USD"), money(0.5, "元")
    ('-$1,234.50', '1,234.50 USD', '0.50 元')
    """
    amount = float(amount)
    if len(currency) == 1 and not currency.isalnum():
        return f"{'-' if amount < 0 else ''}{currency}{abs(amount):,.2f}"
    return f"{amount:,.2f} {currency}"


def _heading(name: object, lang: str) -> object:
    """A column or index name in ``lang``: its kit label where the kit has one, else as is.

    The report's own labels (``report_<name>``) come first: a column name such
    as ``margin`` means something more particular in a report table.
    """
    if lang == "en" or not isinstance(name, str):
        return name
    for key in (f"report_{name}", name):
        try:
            return label(key, lang)
        except KeyError:
            continue
    return name


def _table(frame: pd.DataFrame, lang: str, digits: int = 2, index: bool = True, *,
           money_columns: tuple[str, ...] = (), currency: str = "¥") -> str:
    """A table as HTML: headings in ``lang``, the money columns named with ``currency``."""
    def number(v: float) -> str:
        return f"{v:,.{digits}f}"

    def heading(name: object) -> object:
        shown = _heading(name, lang)
        return with_unit(str(shown), currency, lang) if name in money_columns else shown

    out = frame.rename(columns=heading)
    out.index = out.index.set_names([_heading(n, lang) for n in out.index.names])
    return out.to_html(border=0, classes="t", float_format=number, na_rep="–", escape=True,
                       index=index)


def _rows(frame: pd.DataFrame, lang: str, prefix: str = "") -> pd.DataFrame:
    """``frame`` with its row names in ``lang`` (labels ``report_<prefix><name>``)."""
    if lang == "en":
        return frame
    out = frame.copy()
    out.index = pd.Index([_heading(f"{prefix}{n}", lang) if isinstance(n, str) else n
                          for n in frame.index], name=frame.index.name)
    return out


_STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",
"Helvetica Neue",Arial,sans-serif;max-width:980px;margin:24px auto;padding:0 16px;color:#222}
h1{font-size:1.6em;margin-bottom:4px}h2{font-size:1.2em;margin-top:28px;
border-bottom:1px solid #ccc;padding-bottom:2px}
table.t{border-collapse:collapse;font-size:0.85em;margin:8px 0}
table.t td,table.t th{padding:2px 8px;border-bottom:1px solid #eee;text-align:right}
table.t th{background:#f4f4f4}img{max-width:100%}.note{color:#555;font-size:0.9em}
.kpi{font-size:1.05em}
"""
#: Columns of the report's tables that hold amounts of money.
_MONEY = ("value", "revenue", "mean_clv", "spend", "clv", "margin", "equity", "change",
          "investment", "explicit_cost", "hidden_cost", "business_gain", "cost_saving",
          "net_cash_flow", "present_value", "cumulative_cash_flow", "cumulative_present_value")


def capstone_report(analysis: CustomerBaseAnalysis, *, lang: str = "en",
                    source: str | None = None, currency: str = "¥") -> str:
    """One self-contained HTML page of a :func:`crmlib.capstone.analyse_customer_base` result.

    Every section as tables, the figures as embedded PNG images (no file or
    network reference), the rejected rows with their reasons and the stated
    assumptions; headings and statements in ``lang``, every amount of money
    named with ``currency``.

    Parameters
    ----------
    analysis : CustomerBaseAnalysis
        The result to report.
    lang : {"en", "zh"}
        Language of the headings, statements and figures. Numbers, code
        identifiers (parameter names such as ``margin``), customer ids and the
        file's own values stay as they are; the reasons of the rejected rows
        are shown in ``lang`` (:func:`crmlib.transactions.reason_in`).
    source : str, optional
        Name of the data file, shown under the title.
    currency : str, default "¥"
        Currency of the log's amounts ("¥", "$", "USD", "元", ...): shown with
        every amount, money column, money axis and in the assumptions' units.

    Returns
    -------
    str
        The HTML page.

    Examples
    --------
    >>> from crmlib.capstone import analyse_customer_base
    >>> from crmlib.datasets import capstone_orders_path
    >>> from crmlib.transactions import read_transactions
    >>> result = analyse_customer_base(read_transactions(capstone_orders_path()))
    >>> page = capstone_report(result, lang="zh", currency="$")
    >>> page.startswith("<!DOCTYPE html>"), "http://" in page, "客户资产 = $" in page
    (True, False, True)
    """
    from crmlib.capstone import CustomerBaseAnalysis

    lang = check_lang(lang)
    currency = check_currency(currency)
    if not isinstance(analysis, CustomerBaseAnalysis):
        raise fail(TypeError, "not_analysis", name="analysis", type=type(analysis).__name__)
    a, zh = analysis, lang == "zh"
    c = a.customers
    sections = a.sections()
    parts: list[str] = []

    def h2(key: str) -> None:
        parts.append(f"<h2>{html.escape(label(key, lang))}</h2>")

    def p(text: str, cls: str = "") -> None:
        css = f' class="{cls}"' if cls else ""
        parts.append(f"<p{css}>{html.escape(text)}</p>")

    def table(frame: pd.DataFrame, digits: int = 2, index: bool = True,
              amounts: bool = True) -> None:
        parts.append(_table(frame, lang, digits, index, currency=currency,
                            money_columns=_MONEY if amounts else ()))

    def cur(amount: float) -> str:
        return money(amount, currency)

    counts = a.data["value"]
    h2("section_data")
    p(f"{label('rows_read', lang)}: {int(counts['rows_read']):,} = {label('rows_kept', lang)} "
      f"{int(counts['rows_kept']):,} + {label('rows_rejected', lang)} "
      f"{int(counts['rows_rejected']):,}; {label('customers', lang)}: "
      f"{int(counts['customers']):,}; {counts['first_date']} – {counts['last_date']}", "kpi")
    p(label("report_currency", lang).format(currency=currency), "note")
    parts.append(f"<h3>{html.escape(label('rejected_rows', lang))}</h3>")
    if len(a.rejected) == 0:
        p(label("no_rejected_rows", lang))
    else:
        shown = a.rejected.head(REPORT_REJECTED_ROWS)
        if len(a.rejected) > len(shown):
            p(label("first_rows_shown", lang).format(shown=len(shown), total=len(a.rejected)),
              "note")
        # the file's own values as read; the reader's reasons in the report's language
        shown = shown.assign(reason=[reason_in(r, lang) for r in shown["reason"]])
        parts.append(_table(shown, lang, index=False))

    h2("section_value")
    p(f"{a.pareto.headline(0.2, lang)}; Gini = {a.pareto.gini:.3f}", "kpi")
    table(sections["abc_classes"])
    parts.append(_png(lambda ax: plot_pareto_curve(a.pareto, ax, lang=lang), lang))
    segments = sections["rfm_segments"]
    name = "segment_zh" if zh else "segment_en"
    table(segments[[name, "customers", "customer_share", "value_share"]].rename(
        columns={name: "segment"}), 3, index=False)
    parts.append(_png(lambda ax: plot_rfm_segments(a.rfm, ax, lang=lang), lang, (7.0, 4.2)))

    h2("section_stages")
    stages = sections["stages"]
    if zh:
        stages.index = pd.Index([_stage_name(s, lang) for s in stages.index],
                                name=stages.index.name)
    table(stages, 3)
    parts.append(_png(lambda ax: plot_stage_values(a.stage_table, ax, lang=lang,
                                                   currency=currency), lang))

    h2("section_clv")
    inputs = a.assumptions["value"]
    p(label("clv_statement", lang).format(margin=float(inputs["margin"]),
                                          months=inputs["horizon_months"],
                                          rate=float(inputs["discount_rate"])), "note")
    p(f"{label('mean_clv', lang)}: {cur(c['clv'].mean())}; "
      f"{label('customers', lang)}: {len(c):,}", "kpi")
    parts.append(f"<h3>{html.escape(label('model_parameters', lang))}</h3>")
    table(sections["clv_models"], 4)
    parts.append(f"<h3>{html.escape(label('top_customers_by_clv', lang))}</h3>")
    top = sections["top_customers"]
    if zh:
        top = top.assign(stage=[_stage_name(s, lang) for s in top["stage"]],
                         core=[label("report_yes" if v else "report_no", lang)
                               for v in top["core"]])
    table(top)

    h2("section_equity")
    p(f"{label('customer_equity', lang)} = {cur(a.equity.value)}", "kpi")
    p(label("equity_statement", lang), "note")

    h2("section_loyalty")
    p(label("loyalty_statement", lang), "note")
    table(_rows(sections["loyalty"], lang), 3)

    h2("section_core")
    p(f"{label('core_count', lang)}: {a.core.value:,} / {len(c):,}", "kpi")
    table(sections["core_customers"])

    h2("section_strategy")
    reasons = a.strategy.reasons_in(lang)
    p(reasons[0], "kpi")
    parts.append("<ul>" + "".join(f"<li>{html.escape(r)}</li>" for r in reasons[1:]) + "</ul>")
    parts.append(_png(lambda ax: plot_strategy_scores(a.strategy, ax, lang=lang), lang))

    h2("section_roi")
    r = a.roi
    irr = label("no_irr", lang) if np.isnan(r.irr) else f"{r.irr:.2%}"
    payback = (f"{r.payback:.2f} {label('years', lang)}" if np.isfinite(r.payback)
               else label("not_paid_back", lang))
    p(f"{label('roi', lang)} = {r.roi:.2%}; {label('npv', lang)} = {cur(r.npv)}; "
      f"{label('irr', lang)} = {irr}; {label('payback_period', lang)} = {payback}", "kpi")
    parts.append(f"<h3>{html.escape(label('measured_inputs', lang))}</h3>")
    setting = {"value": label("setting_value", lang)}  # an input's value, not customer value
    measured = sections["measured"]
    measured = measured.drop(columns=["how"] if zh else ["how_zh"]).rename(
        columns={**setting, "how_zh": "how"})
    measured = _rows(measured, lang, "item_")
    money_row = measured.index[list(sections["measured"].index).index(
        "margin_per_customer_year")]
    measured = measured.rename(index={money_row: with_unit(str(money_row), currency, lang)})
    table(measured, 3, amounts=False)
    plan = sections["plan"]
    if zh:
        plan = plan.assign(goal=[label(f"report_goal_{g}", lang) if g else ""
                                 for g in plan["goal"]])
        plan.index = pd.Index([label("report_base" if s == "base" else f"lever_{s}", lang)
                               for s in plan.index], name=plan.index.name)
    table(plan)
    parts.append(_png(lambda ax: plot_equity_levers(a.plan, ax, lang=lang, currency=currency),
                      lang))
    table(sections["roi"])
    parts.append(_png(lambda ax: plot_roi_cashflows(a.roi, ax, lang=lang, currency=currency),
                      lang))

    h2("section_assumptions")
    shown = sections["assumptions"]
    if zh:
        shown = shown.drop(columns=["meaning", "unit"]).rename(
            columns={"meaning_zh": "meaning", "unit_zh": "unit"})
        measured_word = label("report_measured", lang)
        shown = shown.assign(value=shown["value"].replace("measured", measured_word),
                             default=shown["default"].replace("measured", measured_word),
                             unit=shown["unit"].str.replace("货币", currency))
    else:
        shown = shown.drop(columns=["meaning_zh", "unit_zh"])
        shown = shown.assign(unit=shown["unit"].str.replace("currency", currency))
    table(shown.rename(columns=setting), amounts=False)

    title = label("report_title", lang)
    origin = f"{label('report_source', lang)}: {source}" if source else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f'<p class="note">{html.escape(origin)} · crmlib {crmlib.__version__}</p>'
        + "\n".join(parts) + "</body></html>\n"
    )
