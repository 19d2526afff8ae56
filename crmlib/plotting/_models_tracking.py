"""Cumulative repeat transactions over calendar time, actual against a model (notebook 05)."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from crmlib.i18n import label
from crmlib.models import cumulative_transactions
from crmlib.plotting._axes import new_axes, time_unit, with_unit
from crmlib.plotting._models import check_model, model_name
from crmlib.plotting._theme import PALETTE, theme_context

__all__ = ["plot_cumulative_transactions"]


def plot_cumulative_transactions(
    model: object,
    transactions: pd.DataFrame,
    calibration_end: object,
    observation_end: object | None = None,
    ax: Axes | None = None,
    *,
    freq: str = "W",
    customer: str = "customer_id",
    date: str = "date",
    lang: str = "en",
) -> Axes:
    """Cumulative repeat transactions of a cohort by calendar period, actual against the model.

    (累计重复购买次数：实际值与模型预测)

    Parameters
    ----------
    model : BetaGeo or ParetoNBD
        Fitted on the calibration summary of the same log, in ``freq`` units.
    transactions : pandas.DataFrame
        The transaction log (one row per transaction), with ``customer`` and
        ``date`` columns.
    calibration_end : date-like
        Last day of the calibration period; the cohort is every customer whose
        first purchase is on or before it. Drawn as a dotted line.
    observation_end : date-like, optional
        Last day shown; default the last transaction date.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        The model's time unit, as in :func:`crmlib.transactions.rfm_summary`
        (a month is 30.44 days).
    customer, date : str
        Column names.
    lang : {"en", "zh"}
        Language of titles and labels.

    Returns
    -------
    matplotlib.axes.Axes
        Line 0 is the actual cumulative count, line 1 the model's.

    Notes
    -----
    The numbers come from :func:`crmlib.models.cumulative_transactions`: as
    in :func:`crmlib.transactions.rfm_summary`, several transactions of a
    customer on one day are one purchase and the first purchase is not a
    repeat. Periods are counted from the first day of the log; at the end of
    period :math:`k` (calendar day :math:`c_k`) a customer who first bought on
    day :math:`f_i` has age :math:`t_{ik} = \\max(c_k - f_i, 0)` (in ``freq``
    units), and the model expects

    .. math::

        \\sum_i E[X(t_{ik})]

    repeat purchases so far. Customers with the same first day share one
    call of ``expected_purchases``.

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your
       Customers' the Easy Way", *Marketing Science* 24(2), 275-284, Figure 1.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlib.models import BetaGeo
    >>> m = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> log = pd.DataFrame({"customer_id": [1, 1, 1, 2],
    ...                     "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-10",
    ...                                             "2024-01-02"])})
    >>> ax = plot_cumulative_transactions(m, log, "2024-01-14", "2024-01-28")
    >>> ax.lines[0].get_ydata().tolist()  # one repeat purchase, in week 2
    [0.0, 1.0, 1.0, 1.0]
    >>> ax.get_xlabel()
    'Time (weeks)'
    """
    check_model(model, ["expected_purchases"], "a fitted BetaGeo or ParetoNBD model")
    table = cumulative_transactions(model, transactions, calibration_end, observation_end,
                                    freq=freq, customer=customer, date=date)
    k = table.index.to_numpy()
    with theme_context(lang):
        ax = new_axes(ax)
        ax.plot(k, table["actual"], color=PALETTE[0], label=label("actual", lang))
        ax.plot(k, table["expected"], color=PALETTE[1], linestyle="--", label=model_name(model))
        ax.axvline(table.attrs["calibration_end_period"], color=PALETTE[6], linestyle=":",
                   label=f"{label('calibration', lang)} | {label('holdout', lang)}")
        ax.set_xlabel(with_unit(label("time", lang), time_unit(freq, lang), lang))
        ax.set_ylabel(label("cumulative_repeat_transactions", lang))
        ax.set_title(f"{label('cumulative_repeat_transactions', lang)}: "
                     f"{label('actual', lang)} vs {model_name(model)}")
        ax.legend(loc="upper left")
    return ax
