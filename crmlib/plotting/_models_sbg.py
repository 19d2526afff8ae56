"""Plots of the shifted-beta-geometric (sBG) retention model (notebook 05)."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from crmlib._validation import check_array, check_integer
from crmlib.i18n import label
from crmlib.plotting._axes import new_axes, with_unit
from crmlib.plotting._models import check_model
from crmlib.plotting._theme import PALETTE, theme_context

__all__ = ["plot_sbg_retention", "plot_sbg_survival"]


def _observed(model: object, survivors: object, n_years: int | None) -> tuple[np.ndarray, int, int]:
    """Observed counts, the number of counts used in the fit, and the last year to draw.

    A model made with ``from_params`` saw no counts (0 used in the fit): every
    observed count is then one the model must predict.
    """
    check_model(model, ["project", "retention_rate"], "a fitted ShiftedBetaGeometric model")
    model._check_fitted()  # type: ignore[attr-defined]
    counts = check_array("survivors", survivors, minimum=0)
    seen = getattr(model, "survivors_", None)
    fitted = np.empty(0) if seen is None else np.asarray(seen, float)
    k = fitted.size
    if counts.size < k or not np.array_equal(counts[:k], fitted):
        shown = ", ".join(f"{v:g}" for v in fitted[:4])
        raise ValueError(
            "survivors must begin with the counts the model was fitted to "
            f"({shown}, ...: {k} counts); got {counts.size} counts starting "
            f"{', '.join(f'{v:g}' for v in counts[:4])}"
        )
    last = counts.size - 1 if n_years is None else check_integer("n_years", n_years, minimum=1)
    return counts, k, last


def plot_sbg_survival(
    model: object,
    survivors: object,
    n_years: int | None = None,
    ax: Axes | None = None,
    *,
    lang: str = "en",
) -> Axes:
    """Observed survivors against the sBG fit and its projection (客户保留预测).

    Parameters
    ----------
    model : ShiftedBetaGeometric
        Fitted to the first counts of ``survivors``.
    survivors : sequence of int or pandas.Series
        Observed customers still active at the start of years 0, 1, ...;
        it must begin with the counts the model was fitted to and may go on
        with held-back years.
    n_years : int, optional
        Last year of the projected curve (>= 1); default the last observed year.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of titles and labels.

    Returns
    -------
    matplotlib.axes.Axes
        Line 0 is the model curve, line 1 the years used for fitting, line 2
        the held-back years.

    Notes
    -----
    The curve is :math:`n_0\\,S(t)` with
    :math:`S(t) = B(\\alpha, \\beta+t) / B(\\alpha, \\beta)`; filled markers
    are the years the model saw, open markers the years it must predict.

    References
    ----------
    .. [1] Fader, P. S. and Hardie, B. G. S. (2007), "How to Project Customer
       Retention", *Journal of Interactive Marketing* 21(1), 76-90, Figure 3.

    Examples
    --------
    >>> from crmlib.models import ShiftedBetaGeometric
    >>> counts = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]
    >>> m = ShiftedBetaGeometric().fit(counts[:8])
    >>> ax = plot_sbg_survival(m, counts)
    >>> len(ax.lines[1].get_xdata()), len(ax.lines[2].get_xdata())  # fitted, held back
    (8, 5)
    """
    counts, k, last = _observed(model, survivors, n_years)
    projection = model.project(last, cohort_size=counts[0])  # type: ignore[attr-defined]
    years = np.arange(counts.size)
    alpha, beta = model.params_["alpha"], model.params_["beta"]  # type: ignore[attr-defined]
    with theme_context(lang):
        ax = new_axes(ax)
        ax.plot(projection.index, projection["expected_survivors"], color=PALETTE[1],
                label=f"sBG (α = {alpha:.3f}, β = {beta:.3f})")
        ax.plot(years[:k], counts[:k], color=PALETTE[0], marker="o", linestyle="none",
                label=label("observed_fit", lang))
        ax.plot(years[k:], counts[k:], color=PALETTE[3], marker="s", markerfacecolor="white",
                linestyle="none", label=label("observed_held_back", lang))
        if k:
            ax.axvline(k - 1 + 0.5, color=PALETTE[6], linestyle=":")
        ax.set_xlabel(label("year", lang))
        ax.set_ylabel(label("survivors", lang))
        ax.set_title(f"{label('survival', lang)} — sBG")
        ax.set_ylim(bottom=0)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(loc="upper right")
    return ax


def plot_sbg_retention(
    model: object,
    survivors: object,
    n_years: int | None = None,
    ax: Axes | None = None,
    *,
    lang: str = "en",
) -> Axes:
    """Year-on-year retention rates, observed against the sBG model (保留率随客户年限上升).

    Parameters
    ----------
    model : ShiftedBetaGeometric
        Fitted to the first counts of ``survivors``.
    survivors : sequence of int or pandas.Series
        Observed customers still active at the start of years 0, 1, ...,
        beginning with the counts the model was fitted to.
    n_years : int, optional
        Last year of the model curve (>= 1); default the last observed year.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    lang : {"en", "zh"}
        Language of titles and labels.

    Returns
    -------
    matplotlib.axes.Axes
        Line 0 is the model, line 1 the fitted years, line 2 the held-back years.

    Notes
    -----
    Observed :math:`r_t = n_t / n_{t-1}`; the model's

    .. math:: r_t = \\frac{\\beta+t-1}{\\alpha+\\beta+t-1}

    rises with :math:`t` although no customer's own retention changes: the
    customers most likely to leave leave first (heterogeneity).

    References
    ----------
    .. [1] Fader, P. S. and Hardie, B. G. S. (2007), "How to Project Customer
       Retention", *Journal of Interactive Marketing* 21(1), 76-90, Figure 5.

    Examples
    --------
    >>> from crmlib.models import ShiftedBetaGeometric
    >>> counts = [1000, 631, 468, 382, 326, 289, 262, 241]
    >>> ax = plot_sbg_retention(ShiftedBetaGeometric().fit(counts), counts)
    >>> round(float(ax.lines[1].get_ydata()[0]), 3)  # 631 / 1000
    0.631
    """
    counts, k, last = _observed(model, survivors, n_years)
    t = np.arange(1, last + 1)
    rates = np.asarray(model.retention_rate(t), float)  # type: ignore[attr-defined]
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = counts[1:] / counts[:-1]
    years = np.arange(1, counts.size)
    with theme_context(lang):
        ax = new_axes(ax)
        ax.plot(t, rates, color=PALETTE[1], label="sBG")
        seen = max(k - 1, 0)  # rates the fit saw
        ax.plot(years[:seen], observed[:seen], color=PALETTE[0], marker="o",
                linestyle="none", label=label("observed_fit", lang))
        ax.plot(years[seen:], observed[seen:], color=PALETTE[3], marker="s",
                markerfacecolor="white", linestyle="none", label=label("observed_held_back", lang))
        if k:
            ax.axvline(k - 1 + 0.5, color=PALETTE[6], linestyle=":")
        ax.set_xlabel(label("year", lang))
        ax.set_ylabel(with_unit(label("retention_rate", lang), "%", lang))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_title(f"{label('retention_rate', lang)} — sBG")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(loc="lower right")
    return ax
