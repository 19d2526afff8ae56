"""Shared input checks and fitting skeleton of the repeat-buying models.

The BG/NBD and Pareto/NBD models both describe each customer by three numbers
from the calibration period (an RFM summary, see :func:`crmlib.transactions.rfm_summary`):

* ``frequency`` (x): the number of *repeat* purchases, a whole number >= 0;
* ``recency`` (t_x): the time of the last repeat purchase, measured from the
  customer's first purchase (0 when there is no repeat purchase);
* ``T``: the time from the first purchase to the end of the calibration period.

``recency`` and ``T`` are in one time unit of your choosing (weeks in the
papers); every time argument of a fitted model (``t``, ``horizon``...) is in
that same unit.

Output convention of every per-customer prediction: when ``frequency`` is a
:class:`pandas.Series`, the result is a Series with the same index; when every
per-customer input is a single number, the result is a ``float``; otherwise it
is a 1-D NumPy array. Inputs are matched by position, not by index label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from crmlib._validation import check_array
from crmlib.models._mle import (
    FittedModel,
    Mixing,
    check_initial_params,
    check_weights,
    collapse_rows,
    fit_positive_params,
)

__all__ = [
    "RepeatBuyingModel",
    "check_customers",
    "check_purchase_counts",
    "check_times",
    "wrap_output",
]

ArrayLike = float | int | Sequence[float] | np.ndarray | pd.Series


def _broadcast(names: Sequence[str], arrays: Sequence[np.ndarray]) -> list[np.ndarray]:
    try:
        return [np.ascontiguousarray(a) for a in np.broadcast_arrays(*arrays)]
    except ValueError:
        listed = ", ".join(names[:-1]) + f" and {names[-1]}"
        sizes = ", ".join(str(a.size) for a in arrays[:-1]) + f" and {arrays[-1].size}"
        raise ValueError(
            f"{listed} must have the same length (or be single numbers); got lengths {sizes}"
        ) from None


def check_customers(
    frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate an RFM summary and return ``(x, t_x, T)`` as equal-length float arrays.

    >>> x, tx, T = check_customers([2, 0], [30.43, 0], 38.86)
    >>> T
    array([38.86, 38.86])
    >>> check_customers([1], [40.1], [38.9])
    Traceback (most recent call last):
    ...
    ValueError: recency must not exceed T; customer at position 0 has recency 40.1 > T 38.9
    """
    for name, value in (("frequency", frequency), ("recency", recency), ("T", T)):
        if isinstance(value, pd.DataFrame):
            hint = " (summary.T is pandas' transpose; write summary['T'])" if name == "T" else ""
            raise TypeError(f"{name} must be one column of numbers, not a DataFrame{hint}")
    x = check_array("frequency", frequency, minimum=0)
    tx = check_array("recency", recency, minimum=0)
    age = check_array("T", T, strictly_positive=True)
    x, tx, age = _broadcast(["frequency", "recency", "T"], [x, tx, age])
    bad = np.flatnonzero(x != np.round(x))
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            "frequency must contain whole numbers (counts of repeat purchases); "
            f"customer at position {i} has {x[i]:g}"
        )
    _at_most_2_53("frequency", x)
    bad = np.flatnonzero(tx > age)
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            f"recency must not exceed T; customer at position {i} has recency {tx[i]:g} "
            f"> T {age[i]:g}"
        )
    bad = np.flatnonzero((x == 0) & (tx != 0))
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            "recency must be 0 when frequency is 0 (no repeat purchase yet); "
            f"customer at position {i} has frequency 0 and recency {tx[i]:g}"
        )
    return x, tx, age


def _at_most_2_53(name: str, x: np.ndarray) -> None:
    """Counts of purchases beyond 2^53 are not exact whole numbers in floating point.

    >>> _at_most_2_53("frequency", np.array([3.0, 1e308]))
    Traceback (most recent call last):
    ...
    ValueError: frequency must contain at most 2^53 purchases; customer at position 1 has 1e+308
    """
    if x.size and float(np.max(x)) > 2**53:  # one pass; the position only when needed
        i = int(np.flatnonzero(x > 2**53)[0])
        raise ValueError(f"{name} must contain at most 2^53 purchases; customer at position {i} "
                         f"has {x[i]:g}")


def check_times(name: str, t: ArrayLike) -> np.ndarray:
    """Validate prediction horizons: finite numbers >= 0 (a 1-D float array)."""
    return check_array(name, t, minimum=0)


def check_purchase_counts(name: str, values: object) -> np.ndarray:
    """Whole numbers of purchases >= 0, as a 1-D float array.

    >>> check_purchase_counts("x", [0, 2])
    array([0., 2.])
    >>> check_purchase_counts("x", 1.5)
    Traceback (most recent call last):
    ...
    ValueError: x must contain whole numbers of purchases; entry 0 is 1.5
    """
    out = check_array(name, values, minimum=0)
    bad = np.flatnonzero(out != np.round(out))
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"{name} must contain whole numbers of purchases; entry {i} is "
                         f"{out[i]:g}")
    huge = np.flatnonzero(out > 2**53)  # beyond exact whole numbers in floating point
    if huge.size:
        i = int(huge[0])
        raise ValueError(f"{name} must contain at most 2^53 purchases; entry {i} is {out[i]:g}")
    return out


def index_of(*values: object) -> pd.Index | None:
    """Index of the first pandas Series among ``values`` (None if there is none)."""
    for v in values:
        if isinstance(v, pd.Series):
            return v.index
    return None


def wrap_output(
    result: np.ndarray, *inputs: object, name: str | None = None
) -> float | np.ndarray | pd.Series:
    """Apply the module's output convention to a computed 1-D ``result``."""
    index = index_of(*inputs)
    if index is not None and len(index) == result.size:
        return pd.Series(result, index=index, name=name)
    if all(np.ndim(v) == 0 for v in inputs):
        return float(result.reshape(-1)[0])
    return result


class RepeatBuyingModel(FittedModel):
    """Fitting skeleton shared by :class:`BetaGeo` and :class:`ParetoNBD`."""

    _model_name: str = ""
    #: what each pair of parameters describes (for boundary-solution messages)
    _mixings: tuple[Mixing, ...] = ()

    # Subclasses supply the per-customer log-likelihood and default starting values.
    def _customer_log_likelihood(
        self, params: np.ndarray, x: np.ndarray, tx: np.ndarray, T: np.ndarray
    ) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def _log_likelihood_and_gradient(
        self, params: np.ndarray, x: np.ndarray, tx: np.ndarray, T: np.ndarray,
        gradient: bool = True,
    ) -> tuple[np.ndarray, np.ndarray | None]:  # pragma: no cover - abstract
        """Per-row log-likelihood and its gradient (one row per parameter) for the fit."""
        raise NotImplementedError

    def _default_start(self, x: np.ndarray, T: np.ndarray) -> list[float]:
        mean_t = float(np.mean(T))
        alpha0 = mean_t / max(float(np.mean(x)), 0.1)
        return [1.0, alpha0, 1.0, mean_t]

    def _fit(
        self,
        frequency: ArrayLike,
        recency: ArrayLike,
        T: ArrayLike,
        weights: ArrayLike | None,
        initial_params: Mapping[str, float] | None,
    ) -> RepeatBuyingModel:
        x, tx, age = check_customers(frequency, recency, T)
        w = check_weights(weights, x.size)
        start = check_initial_params(initial_params, self._param_names,
                                     self._default_start(x, age))
        # Customers with the same (x, t_x, T) share one likelihood term: fit on the
        # distinct rows, each weighted by its number of customers.
        (x, tx, age), w = collapse_rows((x, tx, age), w)

        def objective(params: np.ndarray, gradient: bool) -> tuple[float, np.ndarray | None]:
            ll, grad = self._log_likelihood_and_gradient(params, x, tx, age, gradient)
            return -float(w @ ll), (None if grad is None else -(grad @ w))

        params, loglik, cov = fit_positive_params(
            objective, start, model_name=self._model_name,
            param_names=self._param_names, mixings=self._mixings,
        )
        self._set_fit(params, loglik, cov, float(np.sum(w)))
        return self

    def log_likelihood(
        self, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
    ) -> float | np.ndarray | pd.Series:
        """Log-likelihood of each customer's (frequency, recency, T) at the fitted parameters."""
        x, tx, age = check_customers(frequency, recency, T)
        ll = self._customer_log_likelihood(self._params(), x, tx, age)
        return wrap_output(ll, frequency, recency, T, name="log_likelihood")

