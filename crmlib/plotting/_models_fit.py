"""How well a repeat-buying model fits: actual against predicted (notebook 05).

These plots put a customer table (an RFM summary, see
:func:`crmlib.transactions.rfm_summary`) next to what a fitted BG/NBD or
Pareto/NBD model predicts for the same customers. The model is only asked for
predictions; it is never fitted here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmlib._validation import check_integer
from crmlib.i18n import label
from crmlib.models import calibration_holdout_purchases, period_transactions
from crmlib.plotting._axes import new_axes
from crmlib.plotting._models import check_model, model_name
from crmlib.plotting._theme import PALETTE, theme_context

__all__ = ["plot_calibration_holdout", "plot_period_transactions"]

_WHAT = "a fitted BetaGeo or ParetoNBD model"


def _bucket_labels(top: int) -> list[str]:
    return [str(k) for k in range(top)] + [f"{top}+"]


def plot_calibration_holdout(
    model: object,
    summary: pd.DataFrame,
    ax: Axes | None = None,
    *,
    max_frequency: int = 7,
    lang: str = "en",
) -> Axes:
    """Mean holdout purchases, actual against predicted, by calibration frequency (验证期检验).

    Parameters
    ----------
    model : BetaGeo or ParetoNBD
        Fitted on the calibration columns of ``summary``.
    summary : pandas.DataFrame
        Calibration/holdout summary from :func:`crmlib.transactions.rfm_summary`
        with ``calibration_end``: columns ``frequency``, ``recency``, ``T``,
        ``frequency_holdout`` and ``duration_holdout``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    max_frequency : int, default 7
        Customers with at least this many calibration repeat purchases form
        one last group ("7+"); at least 1.
    lang : {"en", "zh"}
        Language of titles and labels.

    Returns
    -------
    matplotlib.axes.Axes
        Line 0 is the actual mean, line 1 the model's mean.

    Notes
    -----
    For the customers with :math:`x` repeat purchases in the calibration
    period, the plot compares their mean number of purchases in the holdout
    period of length :math:`t^*` with the mean of the model's conditional
    expectations :math:`E[Y(t^*) \\mid x, t_x, T]`. This is the conditional
    expectations plot of FHL (2005), Figure 4; the numbers come from
    :func:`crmlib.models.calibration_holdout_purchases`.

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your
       Customers' the Easy Way", *Marketing Science* 24(2), 275-284, Figure 4.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlib.models import BetaGeo
    >>> m = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> s = pd.DataFrame({"frequency": [0, 1, 3], "recency": [0.0, 20.0, 35.0],
    ...                   "T": [38.0, 38.0, 38.0], "frequency_holdout": [0, 1, 2],
    ...                   "duration_holdout": [39.0, 39.0, 39.0]})
    >>> ax = plot_calibration_holdout(m, s, max_frequency=2)
    >>> ax.lines[0].get_ydata().tolist()  # actual means for 0, 1, 2+
    [0.0, 1.0, 2.0]
    """
    check_model(model, ["conditional_expected_purchases"], _WHAT)
    top = check_integer("max_frequency", max_frequency, minimum=1)
    table = calibration_holdout_purchases(model, summary, top)
    names = _bucket_labels(top)
    with theme_context(lang):
        ax = new_axes(ax)
        x = [names.index(g) for g in table.index]
        ax.plot(x, table["actual"], color=PALETTE[0], marker="o", label=label("actual", lang))
        ax.plot(x, table["expected"], color=PALETTE[1], marker="s", linestyle="--",
                label=model_name(model))
        ax.set_xticks(range(top + 1), names)
        ax.set_xlabel(label("calibration_purchases", lang))
        ax.set_ylabel(label("mean_holdout_purchases", lang))
        ax.set_title(f"{label('holdout', lang)}: {label('actual', lang)} vs {model_name(model)}")
        ax.legend(loc="upper left")
    return ax


def plot_period_transactions(
    model: object,
    summary: pd.DataFrame,
    max_frequency: int = 7,
    ax: Axes | None = None,
    *,
    lang: str = "en",
) -> Axes:
    """Customers by number of repeat purchases in calibration, actual against the model.

    (重复购买次数分布：实际值与模型，拟合直方图)

    Parameters
    ----------
    model : BetaGeo or ParetoNBD
        Fitted on ``summary``.
    summary : pandas.DataFrame
        RFM summary with columns ``frequency`` and ``T`` (the calibration columns).
    max_frequency : int, default 7
        The last bar counts customers with at least this many repeat
        purchases ("7+"); at least 1.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of titles and labels.

    Returns
    -------
    matplotlib.axes.Axes
        The first ``max_frequency + 1`` bars are the actual counts, the next
        as many the model's expected counts.

    Notes
    -----
    The model's expected number of customers with :math:`x` repeat purchases
    adds up each customer's probability at their own age :math:`T_i`:

    .. math::

        E[n_x] = \\sum_{i} P(X(T_i) = x), \\qquad
        E[n_{\\bar x+}] = \\sum_i \\Big[1 - \\sum_{x<\\bar x} P(X(T_i)=x)\\Big].

    The numbers come from :func:`crmlib.models.period_transactions`.

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your
       Customers' the Easy Way", *Marketing Science* 24(2), 275-284, Figure 3.
    .. [2] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2007), "Creating a Fit
       Histogram for the BG/NBD Model", note no. 014.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlib.models import BetaGeo
    >>> m = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> s = pd.DataFrame({"frequency": [0, 0, 1, 4], "T": [38.0, 30.0, 38.0, 30.0]})
    >>> ax = plot_period_transactions(m, s, max_frequency=2)
    >>> [float(p.get_height()) for p in ax.patches[:3]]  # actual: two 0s, one 1, one 2+
    [2.0, 1.0, 1.0]
    >>> round(float(sum(p.get_height() for p in ax.patches[3:])), 9)  # model: all 4 customers
    4.0
    """
    check_model(model, ["probability_of_purchases"], _WHAT)
    top = check_integer("max_frequency", max_frequency, minimum=1)
    table = period_transactions(model, summary, top)
    actual, expected = table["actual"].to_numpy(), table["expected"].to_numpy()
    names = _bucket_labels(top)
    with theme_context(lang):
        ax = new_axes(ax)
        x = np.arange(top + 1)
        ax.bar(x - 0.2, actual, width=0.4, color=PALETTE[0], label=label("actual", lang))
        ax.bar(x + 0.2, expected, width=0.4, color=PALETTE[1], label=model_name(model))
        ax.set_xticks(x, names)
        ax.set_xlabel(label("calibration_purchases", lang))
        ax.set_ylabel(label("customers", lang))
        ax.set_title(f"{label('repeat_transactions', lang)}: {label('actual', lang)} vs "
                     f"{model_name(model)}")
        ax.legend(loc="upper right")
    return ax
