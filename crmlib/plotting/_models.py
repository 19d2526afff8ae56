"""Heatmaps of the repeat-buying models by frequency and recency (notebook 05).

Both plots draw what a fitted BG/NBD or Pareto/NBD model says about a
customer of age ``T`` for every (frequency, recency) pair on a grid. They only
call the model's prediction methods; fitting happens in :mod:`crmlib.models`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from matplotlib.axes import Axes

from crmlib._validation import check_integer, check_positive
from crmlib.i18n import label
from crmlib.plotting._axes import new_axes, time_unit, with_unit
from crmlib.plotting._theme import PALETTE, theme_context

__all__ = ["plot_frequency_recency_matrix", "plot_probability_alive_matrix"]

_DISPLAY_NAMES = {"BetaGeo": "BG/NBD", "ParetoNBD": "Pareto/NBD", "GammaGamma": "Gamma-Gamma",
                  "ShiftedBetaGeometric": "sBG", "BetaGeoBetaBinom": "BG/BB"}


def model_name(model: object) -> str:
    """Short name of a model as the papers write it ("BG/NBD", "Pareto/NBD", ...)."""
    name = type(model).__name__
    return _DISPLAY_NAMES.get(name, name)


def check_model(model: object, methods: Sequence[str], what: str) -> None:
    """Raise TypeError unless ``model`` has every method in ``methods``."""
    missing = [m for m in methods if not callable(getattr(model, m, None))]
    if missing:
        raise TypeError(
            f"model must be {what} (it needs {', '.join(methods)}); "
            f"got {type(model).__name__}"
        )


#: Most frequency rows and recency cells of a heatmap (more cannot be read, and take long).
MAX_ROWS = 200
MAX_CELLS = 1000


def _grid(
    T: float, max_frequency: int | None, max_recency: float | None, resolution: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Frequencies, recency cell edges and recency cell centres of the heatmap."""
    T = check_positive("T", T)
    top = min(int(np.ceil(T)), MAX_ROWS) if max_frequency is None else check_integer(
        "max_frequency", max_frequency, minimum=1)
    if top > MAX_ROWS:
        raise ValueError(f"max_frequency must be at most {MAX_ROWS} (rows of the map); got {top}")
    right = T if max_recency is None else check_positive("max_recency", max_recency)
    if right > T:
        raise ValueError(
            f"max_recency must not exceed T (recency is at most the customer's age); "
            f"got max_recency {right:g} > T {T:g}"
        )
    n = check_integer("resolution", resolution, minimum=2)
    if n > MAX_CELLS:
        raise ValueError(f"resolution must be at most {MAX_CELLS} recency cells; got {n}")
    edges = np.linspace(0.0, right, n + 1)
    return np.arange(top + 1), edges, (edges[:-1] + edges[1:]) / 2


def _check_mark(mark: object, T: float) -> tuple[float, float]:
    """A customer's (frequency, recency) to mark: a whole frequency >= 0, 0 <= recency <= T."""
    if not isinstance(mark, (tuple, list)) or len(mark) != 2:
        raise TypeError(f"mark must be a pair (frequency, recency); got {mark!r}")
    fx = check_integer("mark frequency", mark[0], minimum=0)
    ftx = check_positive("mark recency", mark[1], allow_zero=True)
    if ftx > T:
        raise ValueError(f"mark recency must not exceed T; got recency {ftx:g} > T {T:g}")
    return float(fx), ftx


def _draw_matrix(
    values: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
    T: float,
    max_frequency: int | None,
    max_recency: float | None,
    resolution: int,
    ax: Axes | None,
    lang: str,
    title: str,
    colorbar_label: str,
    mark: tuple[float, float] | None,
    vmax: float | None,
    freq: str,
) -> Axes:
    unit = time_unit(freq, lang)
    freqs, edges, centres = _grid(T, max_frequency, max_recency, resolution)
    if mark is not None:
        mark = _check_mark(mark, T)
    x = np.repeat(freqs[:, None], centres.size, axis=1).astype(float)
    # One-time buyers (frequency 0) have recency 0 by definition; the model's
    # answer for them does not depend on recency, so their row spans the width.
    tx = np.where(x == 0, 0.0, np.broadcast_to(centres, x.shape))
    z = np.asarray(values(x.ravel(), tx.ravel(), np.full(x.size, float(T))), float)
    z = z.reshape(x.shape)
    with theme_context(lang):
        ax = new_axes(ax)
        mesh = ax.pcolormesh(edges, np.arange(freqs.size + 1) - 0.5, z, cmap="viridis",
                             vmin=0.0, vmax=vmax, shading="flat")
        ax.figure.colorbar(mesh, ax=ax, label=colorbar_label)
        ax.set_xlabel(with_unit(f"{label('recency', lang)} $t_x$", unit, lang))
        ax.set_ylabel(f"{label('frequency', lang)} $x$")
        ax.set_title(title)
        ax.grid(False)
        ax.yaxis.get_major_locator().set_params(integer=True)
        if mark is not None:
            fx, ftx = mark
            ax.plot([ftx], [fx], marker="o", markersize=11, markerfacecolor="none",
                    markeredgecolor=PALETTE[3], markeredgewidth=2.5, linestyle="none",
                    label=label("this_customer", lang))
            ax.legend(loc="upper left", frameon=True, framealpha=0.9)
    return ax


def plot_frequency_recency_matrix(
    model: object,
    T: float,
    max_frequency: int | None = None,
    max_recency: float | None = None,
    ax: Axes | None = None,
    *,
    t: float = 1.0,
    resolution: int = 40,
    mark: tuple[float, float] | None = None,
    lang: str = "en",
    freq: str = "W",
) -> Axes:
    """Heatmap of expected purchases in the next ``t`` periods by frequency and recency.

    (按频率与最近购买时间的预期购买次数矩阵)

    Parameters
    ----------
    model : BetaGeo or ParetoNBD
        A fitted repeat-buying model.
    T : float
        Customer age: time since the first purchase (> 0), in the model's time unit.
    max_frequency : int, optional
        Largest frequency (repeat purchases) shown, 1 to 200 (rows of the map);
        default ``ceil(T)``, at most 200.
    max_recency : float, optional
        Largest recency shown, in (0, T]; default ``T``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    t : float, default 1.0
        Length of the future period, >= 0, in the model's time unit.
    resolution : int, default 40
        Number of recency cells (2 to 1000); each is evaluated at its centre.
    mark : (frequency, recency), optional
        A customer to circle on the map.
    lang : {"en", "zh"}
        Language of titles and labels.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        The model's time unit, as in :func:`crmlib.transactions.rfm_summary`
        (named on the recency axis).

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    Each cell shows the model's conditional expectation
    :math:`E[Y(t) \\mid x, t_x, T]` (FHL 2005, eq. 10 for the BG/NBD). The row
    :math:`x = 0` does not depend on recency (a one-time buyer has
    :math:`t_x = 0`). Customers who bought often and recently (top right) are
    expected to buy most; frequent buyers who have been silent for a long time
    (top left) are probably gone.

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your
       Customers' the Easy Way", *Marketing Science* 24(2), 275-284, eq. 10.

    Examples
    --------
    >>> from crmlib.models import BetaGeo
    >>> m = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> ax = plot_frequency_recency_matrix(m, T=38.86, max_frequency=5, t=39, resolution=4)
    >>> ax.collections[0].get_array().shape
    (6, 4)
    >>> ax.get_xlabel()
    'Recency $t_x$ (weeks)'
    """
    check_model(model, ["conditional_expected_purchases"], "a fitted BetaGeo or ParetoNBD model")
    T = check_positive("T", T)
    horizon = check_positive("t", t, allow_zero=True)

    def values(x: np.ndarray, tx: np.ndarray, age: np.ndarray) -> np.ndarray:
        return model.conditional_expected_purchases(horizon, x, tx, age)  # type: ignore[attr-defined]

    title = (f"{label('expected_purchases', lang)} (t = {horizon:g}), T = {T:g}"
             f" — {model_name(model)}")
    return _draw_matrix(values, T, max_frequency, max_recency, resolution, ax, lang, title,
                        label("expected_purchases", lang), mark, None, freq)


def plot_probability_alive_matrix(
    model: object,
    T: float,
    max_frequency: int | None = None,
    max_recency: float | None = None,
    ax: Axes | None = None,
    *,
    resolution: int = 40,
    mark: tuple[float, float] | None = None,
    lang: str = "en",
    freq: str = "W",
) -> Axes:
    """Heatmap of the probability that a customer is still active, by frequency and recency.

    (存活概率矩阵)

    Parameters
    ----------
    model : BetaGeo or ParetoNBD
        A fitted repeat-buying model.
    T : float
        Customer age: time since the first purchase (> 0), in the model's time unit.
    max_frequency : int, optional
        Largest frequency (repeat purchases) shown, 1 to 200 (rows of the map);
        default ``ceil(T)``, at most 200.
    max_recency : float, optional
        Largest recency shown, in (0, T]; default ``T``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    resolution : int, default 40
        Number of recency cells (2 to 1000); each is evaluated at its centre.
    mark : (frequency, recency), optional
        A customer to circle on the map.
    lang : {"en", "zh"}
        Language of titles and labels.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        The model's time unit, as in :func:`crmlib.transactions.rfm_summary`
        (named on the recency axis).

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    For the BG/NBD (FHL 2005, eq. A10 of the technical appendix),

    .. math::

        P(\\text{alive} \\mid x, t_x, T) = \\left[1 + \\delta_{x>0}\\,\\frac{a}{b+x-1}
        \\left(\\frac{\\alpha+T}{\\alpha+t_x}\\right)^{r+x}\\right]^{-1}.

    The colour scale runs from 0 to 1. The longer a frequent buyer has been
    silent (small :math:`t_x`, large :math:`x`), the lower the probability.

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your
       Customers' the Easy Way", *Marketing Science* 24(2), 275-284.
    .. [2] Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2008), "Computing P(alive)
       Using the BG/NBD Model", note no. 021.

    Examples
    --------
    >>> from crmlib.models import BetaGeo
    >>> m = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> ax = plot_probability_alive_matrix(m, T=38.86, max_frequency=3, resolution=5)
    >>> float(ax.collections[0].get_array()[0, 0])  # one-time buyers: P(alive) = 1
    1.0
    """
    check_model(model, ["probability_alive"], "a fitted BetaGeo or ParetoNBD model")
    T = check_positive("T", T)

    def values(x: np.ndarray, tx: np.ndarray, age: np.ndarray) -> np.ndarray:
        return model.probability_alive(x, tx, age)  # type: ignore[attr-defined]

    title = f"{label('probability_alive', lang)}, T = {T:g} — {model_name(model)}"
    return _draw_matrix(values, T, max_frequency, max_recency, resolution, ax, lang, title,
                        label("probability_alive", lang), mark, 1.0, freq)
