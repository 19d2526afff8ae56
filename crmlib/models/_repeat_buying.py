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
from crmlib.models._mle import FittedModel, Mixing, fit_positive_params

__all__ = ["RepeatBuyingModel", "check_customers", "check_times", "wrap_output"]

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


def check_times(name: str, t: ArrayLike) -> np.ndarray:
    """Validate prediction horizons: finite numbers >= 0 (a 1-D float array)."""
    return check_array(name, t, minimum=0)


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

    def __init__(self) -> None:
        super().__init__()
        self.n_customers_: int | None = None

    # Subclasses supply the per-customer log-likelihood and default starting values.
    def _customer_log_likelihood(
        self, params: np.ndarray, x: np.ndarray, tx: np.ndarray, T: np.ndarray
    ) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def _fitting_log_likelihood(
        self, params: np.ndarray, x: np.ndarray, tx: np.ndarray, T: np.ndarray
    ) -> np.ndarray:
        """Log-likelihood used by the optimiser (may trade rare exactness for speed)."""
        return self._customer_log_likelihood(params, x, tx, T)

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
        if weights is None:
            w = np.ones_like(x)
        else:
            w = check_array("weights", weights, strictly_positive=True)
            if w.size != x.size:
                raise ValueError(
                    "weights must have one entry per customer; "
                    f"got {w.size} weights for {x.size} customers"
                )
        start = self._start_values(initial_params, x, age)

        def negative_log_likelihood(params: np.ndarray) -> float:
            return -float(np.sum(w * self._fitting_log_likelihood(params, x, tx, age)))

        params, loglik, cov = fit_positive_params(
            negative_log_likelihood, start, model_name=self._model_name,
            param_names=self._param_names, mixings=self._mixings,
        )
        self.params_ = {k: float(v) for k, v in zip(self._param_names, params, strict=True)}
        self.log_likelihood_ = loglik
        self.covariance_ = cov
        self.n_customers_ = int(round(float(np.sum(w))))
        return self

    def _start_values(
        self, initial_params: Mapping[str, float] | None, x: np.ndarray, T: np.ndarray
    ) -> list[float]:
        if initial_params is None:
            return self._default_start(x, T)
        if not isinstance(initial_params, Mapping):
            raise TypeError(
                "initial_params must be a dict such as "
                f"{dict.fromkeys(self._param_names, 1.0)}; got {type(initial_params).__name__}"
            )
        unknown = sorted(set(initial_params) - set(self._param_names))
        missing = [k for k in self._param_names if k not in initial_params]
        if unknown or missing:
            raise ValueError(
                f"initial_params must have exactly the keys {', '.join(self._param_names)}; "
                f"missing {missing or 'none'}, unknown {unknown or 'none'}"
            )
        start = [float(initial_params[k]) for k in self._param_names]
        for k, v in zip(self._param_names, start, strict=True):
            if not np.isfinite(v) or v <= 0:
                raise ValueError(f"initial_params[{k!r}] must be greater than 0; got {v!r}")
        return start

    def _params(self) -> np.ndarray:
        self._check_fitted()
        return np.array([self.params_[k] for k in self._param_names])  # type: ignore[index]

    def log_likelihood(
        self, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
    ) -> float | np.ndarray | pd.Series:
        """Log-likelihood of each customer's (frequency, recency, T) at the fitted parameters."""
        x, tx, age = check_customers(frequency, recency, T)
        ll = self._customer_log_likelihood(self._params(), x, tx, age)
        return wrap_output(ll, frequency, recency, T, name="log_likelihood")

