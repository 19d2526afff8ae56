"""Cumulative repeat transactions over calendar time, actual against a model (notebook 05)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmlib._validation import check_choice, check_columns
from crmlib.i18n import label
from crmlib.plotting._axes import new_axes
from crmlib.plotting._models import check_model, model_name
from crmlib.plotting._theme import PALETTE, theme_context
from crmlib.transactions._periods import DAYS_PER_UNIT

__all__ = ["plot_cumulative_transactions"]


def _day(name: str, value: object) -> int:
    try:
        ts = pd.Timestamp(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        ts = pd.NaT
    if pd.isna(ts):
        raise ValueError(f"{name} must be a date such as '1997-09-30'; got {value!r}")
    return int(np.datetime64(ts.date(), "D").astype(np.int64))


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
    As in :func:`crmlib.transactions.rfm_summary`, several transactions of a
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
    """
    check_model(model, ["expected_purchases"], "a fitted BetaGeo or ParetoNBD model")
    check_columns("transactions", transactions, [customer, date])
    freq = check_choice("freq", freq, list(DAYS_PER_UNIT))
    unit = DAYS_PER_UNIT[freq]
    days = pd.to_datetime(transactions[date]).to_numpy().astype("datetime64[D]").astype(np.int64)
    log = pd.DataFrame({"c": transactions[customer].to_numpy(), "d": days}).drop_duplicates()
    cal_day = _day("calibration_end", calibration_end)
    obs_day = int(days.max()) if observation_end is None else _day(
        "observation_end", observation_end)
    if obs_day < cal_day:
        raise ValueError("observation_end must not be before calibration_end; got "
                         f"{np.datetime64(obs_day, 'D')} < {np.datetime64(cal_day, 'D')}")
    first = log.groupby("c")["d"].transform("min").to_numpy()
    cohort = first <= cal_day
    if not cohort.any():
        raise ValueError("calibration_end must not be before the first transaction; got "
                         f"{np.datetime64(cal_day, 'D')}")
    start = int(first[cohort].min())
    repeats = np.sort(log["d"].to_numpy()[cohort & (log["d"].to_numpy() > first)])
    firsts, sizes = np.unique(log.loc[cohort].groupby("c")["d"].min().to_numpy(),
                              return_counts=True)
    k = np.arange(1, int((obs_day - start + 1) // unit) + 1)
    cutoff = np.floor(start + k * unit - 1).astype(np.int64)  # last day of period k
    actual = np.searchsorted(repeats, cutoff, side="right").astype(float)
    ages = np.maximum(cutoff[None, :] - firsts[:, None], 0) / unit
    per_age = np.asarray(model.expected_purchases(ages.ravel()), float)  # type: ignore[attr-defined]
    expected = (sizes[:, None] * per_age.reshape(ages.shape)).sum(axis=0)
    with theme_context(lang):
        ax = new_axes(ax)
        ax.plot(k, actual, color=PALETTE[0], label=label("actual", lang))
        ax.plot(k, expected, color=PALETTE[1], linestyle="--", label=model_name(model))
        ax.axvline((cal_day - start + 1) / unit, color=PALETTE[6], linestyle=":",
                   label=f"{label('calibration', lang)} | {label('holdout', lang)}")
        ax.set_xlabel(f"{label('period', lang)} ({freq})")
        ax.set_ylabel(label("cumulative_repeat_transactions", lang))
        ax.set_title(f"{label('cumulative_repeat_transactions', lang)}: "
                     f"{label('actual', lang)} vs {model_name(model)}")
        ax.legend(loc="upper left")
    return ax
