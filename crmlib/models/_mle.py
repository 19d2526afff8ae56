"""Maximum-likelihood machinery shared by every model in :mod:`crmlib.models`.

All parameters of the field's standard models are positive, so the optimiser
works on their logarithms (unconstrained) and the likelihood is evaluated in
log-space by each model. Standard errors come from a central-difference
Hessian of the negative log-likelihood in the natural parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np
import pandas as pd
from scipy import optimize, stats

__all__ = ["ConvergenceError", "FittedModel", "fit_positive_params", "numerical_hessian"]


_LOG_LOW, _LOG_HIGH = float(np.log(1e-8)), float(np.log(1e8))


def _show(names: Sequence[str], values: np.ndarray) -> str:
    return ", ".join(f"{n}={v:.4g}" for n, v in zip(names, values, strict=True))


class ConvergenceError(RuntimeError):
    """A model fit did not converge; the message says what to try."""


def numerical_hessian(func: Callable[[np.ndarray], float], x: np.ndarray) -> np.ndarray:
    """Central-difference Hessian of ``func`` at ``x`` (relative step sizes).

    >>> h = numerical_hessian(lambda v: v[0] ** 2 + 3 * v[0] * v[1], np.array([1.0, 2.0]))
    >>> np.round(h, 4)
    array([[2., 3.],
           [3., 0.]])
    """
    x = np.asarray(x, dtype=float)
    n = x.size
    step = 1e-4 * np.maximum(np.abs(x), 1e-2)
    hess = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            ei = np.zeros(n)
            ej = np.zeros(n)
            ei[i] = step[i]
            ej[j] = step[j]
            val = (
                func(x + ei + ej) - func(x + ei - ej) - func(x - ei + ej) + func(x - ei - ej)
            ) / (4 * step[i] * step[j])
            hess[i, j] = hess[j, i] = val
    return hess


def fit_positive_params(
    negative_log_likelihood: Callable[[np.ndarray], float],
    x0: Sequence[float],
    *,
    model_name: str,
    param_names: Sequence[str],
) -> tuple[np.ndarray, float, np.ndarray]:
    """Minimise a negative log-likelihood over strictly positive parameters.

    Returns ``(params, log_likelihood, covariance)``. Raises
    :class:`ConvergenceError` (never returns NaN) when the optimiser fails.
    """
    x0 = np.asarray(x0, dtype=float)

    def objective(log_params: np.ndarray) -> float:
        value = negative_log_likelihood(np.exp(log_params))
        return float(value) if np.isfinite(value) else 1e300

    start = np.log(x0)
    # Bounded quasi-Newton first (fast); Nelder-Mead polishes or rescues it. The
    # bounds keep every parameter within [1e-8, 1e8], so a model the data cannot
    # identify stops at an edge quickly instead of drifting for minutes.
    bounds = [(_LOG_LOW, _LOG_HIGH)] * start.size
    res = optimize.minimize(objective, start, method="L-BFGS-B", bounds=bounds,
                            options={"maxiter": 2000, "ftol": 1e-13, "gtol": 1e-8})
    polish = optimize.minimize(objective, res.x, method="Nelder-Mead", bounds=bounds,
                               options={"maxiter": 4000, "xatol": 1e-9, "fatol": 1e-11})
    if polish.fun <= res.fun:
        res = polish
    params = np.exp(res.x)
    nll = negative_log_likelihood(params)
    if not (np.all(np.isfinite(params)) and np.isfinite(nll)) or nll >= 1e299:
        raise ConvergenceError(
            f"{model_name} fit did not converge (the likelihood could not be evaluated at the "
            f"estimate {_show(param_names, params)}). Check the data for impossible values, "
            "or try other starting values with initial_params=..."
        )
    if np.any(np.abs(res.x - _LOG_LOW) < 1e-3) or np.any(np.abs(res.x - _LOG_HIGH) < 1e-3):
        raise ConvergenceError(
            f"{model_name} fit did not converge: a parameter ran off to the edge of its range "
            f"({_show(param_names, params)}). The data may not identify the "
            "model (too few repeat buyers, or a mismatched time unit); try another time unit, "
            "more customers, or initial_params=..."
        )
    try:
        hess = numerical_hessian(negative_log_likelihood, params)
        cov = np.linalg.inv(hess)
    except np.linalg.LinAlgError:
        cov = np.full((params.size, params.size), np.nan)
    return params, -float(nll), cov


_M = TypeVar("_M", bound="FittedModel")


class FittedModel:
    """Common behaviour of the fitters: ``params_``, ``from_params``, ``summary()``, a repr."""

    _param_names: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.params_: dict[str, float] | None = None
        self.log_likelihood_: float | None = None
        self.covariance_: np.ndarray | None = None

    @classmethod
    def from_params(cls: type[_M], **params: float) -> _M:
        """A model with known parameters (e.g. published ones) instead of fitted ones.

        Every parameter of the model must be given, each a finite number
        greater than 0. The standard errors and ``log_likelihood_`` of such a
        model are NaN.
        """
        model = cls()
        missing = [k for k in cls._param_names if k not in params]
        unknown = sorted(set(params) - set(cls._param_names))
        if missing or unknown:
            raise ValueError(
                f"params must be exactly {', '.join(cls._param_names)}; "
                f"missing {missing or 'none'}, unknown {unknown or 'none'}"
            )
        for k in cls._param_names:
            if not np.isfinite(params[k]) or params[k] <= 0:
                raise ValueError(f"{k} must be greater than 0; got {params[k]!r}")
        model.params_ = {k: float(params[k]) for k in cls._param_names}
        model.log_likelihood_ = float("nan")
        model.covariance_ = np.full((len(cls._param_names),) * 2, np.nan)
        return model

    def _check_fitted(self) -> None:
        if getattr(self, "params_", None) is None:
            raise RuntimeError(
                f"{type(self).__name__} has not been fitted yet; call .fit(...) first"
            )

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        """Estimates with standard errors (from the Hessian) and Wald intervals."""
        self._check_fitted()
        est = np.array([self.params_[k] for k in self._param_names])
        se = np.sqrt(np.diag(self.covariance_))
        z = stats.norm.ppf(0.5 + level / 2)
        return pd.DataFrame(
            {
                "estimate": est,
                "std_error": se,
                f"lower_{level:.0%}": est - z * se,
                f"upper_{level:.0%}": est + z * se,
            },
            index=pd.Index(self._param_names, name="parameter"),
        )

    def __repr__(self) -> str:
        if getattr(self, "params_", None) is None:
            return f"<{type(self).__name__}: not fitted>"
        shown = ", ".join(f"{k}={v:.4g}" for k, v in self.params_.items())
        return f"<{type(self).__name__}: {shown}, log-likelihood={self.log_likelihood_:.2f}>"
