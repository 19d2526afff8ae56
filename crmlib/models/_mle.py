"""Maximum-likelihood machinery shared by every model in :mod:`crmlib.models`.

All parameters of the field's standard models are positive, so the optimiser
works on their logarithms (unconstrained) and the likelihood is evaluated in
log-space by each model. Standard errors come from a central-difference
Hessian of the negative log-likelihood in the natural parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np
import pandas as pd
from scipy import optimize, stats

__all__ = [
    "BoundarySolutionError",
    "ConvergenceError",
    "FittedModel",
    "Mixing",
    "fit_positive_params",
    "numerical_hessian",
]


_LOG_LOW, _LOG_HIGH = float(np.log(1e-8)), float(np.log(1e8))


def _show(names: Sequence[str], values: np.ndarray) -> str:
    return ", ".join(f"{n}={v:.4g}" for n, v in zip(names, values, strict=True))


class ConvergenceError(RuntimeError):
    """A model fit did not converge; the message says what to try."""


class BoundarySolutionError(ConvergenceError):
    """The data's best fit is a limit of the model that no finite parameters reach.

    The one rule for every model of :mod:`crmlib.models`: when the likelihood
    keeps rising as parameters run off to 0 or infinity (for example churn
    that does not fall with tenure, so the sBG has no heterogeneity left to
    describe), the fit returns no parameters and raises this error. Its
    message says in words which simpler limiting model the data point to,
    with that limit's value; ``limit`` holds the same values by name.
    """

    def __init__(self, message: str, limit: dict[str, float]) -> None:
        super().__init__(message)
        self.limit = dict(limit)


@dataclass(frozen=True)
class Mixing:
    """How two parameters of a model describe one quantity across customers.

    ``kind`` is ``"gamma"`` (shape, rate: the quantity's mean is shape/rate)
    or ``"beta"`` (a, b: the quantity is a probability with mean a/(a+b)).
    Used to say in words what a boundary solution means.
    """

    kind: Literal["gamma", "beta"]
    params: tuple[str, str]
    quantity: str
    #: what "a quantity of 0 for everyone" means, e.g. "no customer drops out"
    never: str = ""


_FAR = 1e3  # a parameter this far above 1 counts as "growing without bound" beside one at the edge


def _boundary_reasons(
    mixings: Sequence[Mixing],
    values: dict[str, float],
    edges: dict[str, str],
    homogeneous: Mapping[str, float],
) -> tuple[list[str], dict[str, float]]:
    """Sentences (and limit values) saying what the edge parameters mean."""
    reasons: list[str] = []
    limit: dict[str, float] = {}
    flat = [name for name, side in edges.items() if side == "flat"]
    edges = {name: side for name, side in edges.items() if side != "flat"}
    explained: set[str] = set(flat)
    for mix in mixings:
        one, two = mix.params
        if one not in edges and two not in edges:
            continue
        v1, v2 = values[one], values[two]
        both_large = (edges.get(one) == "high" or v1 > _FAR) and (
            edges.get(two) == "high" or v2 > _FAR)
        if edges.get(one) == edges.get(two) == "low":
            if mix.kind == "beta":
                share = v1 / (v1 + v2)
                reasons.append(
                    f"the {mix.quantity} is either 1 or 0: the best fit splits customers into a "
                    f"share {share:.3g} with a {mix.quantity} of 1 and the rest with 0 "
                    f"({one} and {two} fall towards 0 with {one}/({one}+{two}) = {share:.3g})")
                limit[f"share with {mix.quantity} 1"] = share
            else:
                reasons.append(f"the {mix.quantity} is 0 for almost every customer and very "
                               f"large for a few ({one} and {two} fall towards 0)")
        elif both_large:
            mean = homogeneous.get(mix.quantity, v1 / v2 if mix.kind == "gamma" else v1 / (v1 + v2))
            formula = f"{one}/{two}" if mix.kind == "gamma" else f"{one}/({one}+{two})"
            reasons.append(
                f"the {mix.quantity} does not vary between customers, so the best fit is the limit "
                f"with no heterogeneity: {one} and {two} grow without bound with {formula} = "
                f"{mean:.3g}, a {mix.quantity} of {mean:.3g} for everyone"
            )
            limit[mix.quantity] = mean
        elif edges.get(two) == "high" or edges.get(one) == "low":
            mean_of = f"{one}/{two}" if mix.kind == "gamma" else f"{one}/({one}+{two})"
            reasons.append(f"{mix.never}: the best fit has a {mix.quantity} of 0 for everyone "
                           f"({mean_of} falls towards 0)")
            limit[mix.quantity] = 0.0
        elif mix.kind == "beta" and (edges.get(one) == "high" or edges.get(two) == "low"):
            reasons.append(f"the best fit has a {mix.quantity} of 1 for everyone "
                           f"({one}/({one}+{two}) rises towards 1)")
            limit[mix.quantity] = 1.0
        else:
            side = ", ".join(f"{k} towards {'0' if edges[k] == 'low' else 'infinity'}"
                             for k in (one, two) if k in edges)
            reasons.append(f"the spread of the {mix.quantity} across customers runs to an "
                           f"extreme ({side})")
        explained.update(mix.params)
    if flat:
        reasons.append(f"the data say nothing about {' and '.join(flat)} (the likelihood is the "
                       "same whatever their values), so they cannot be estimated")
    for name in edges:
        if name not in explained:
            reasons.append(f"{name} runs towards {'0' if edges[name] == 'low' else 'infinity'}")
    return reasons, limit


def _level_towards_a_limit(
    negative_log_likelihood: Callable[[np.ndarray], float],
    params: np.ndarray,
    nll: float,
    param_names: Sequence[str],
    mixings: Sequence[Mixing],
) -> dict[str, str]:
    """Parameters along which the likelihood still rises, or stays level, towards 0 or infinity.

    A search can stop short of the edge of its range where the likelihood is
    nearly flat (e.g. shape and rate both in the thousands). At a true
    interior optimum, moving a parameter 100-fold away lowers the likelihood;
    where it does not, the best fit lies at that limit (the direction that
    does better is the one reported). Both parameters of a mixing
    distribution are also moved together, 10-fold (same mean, less spread);
    a pair already above 10^6 counts as having reached that limit.
    """
    found: dict[str, str] = {}
    # "No worse" means level to within rounding of the sum itself; a true
    # interior optimum, however flat, is worse 10- or 100-fold away.
    tolerance = 1e-12 * max(1.0, abs(nll))

    def moved_nll(indices: list[int], factor: float) -> float:
        moved = params.copy()
        moved[indices] *= factor
        value = negative_log_likelihood(moved)
        return float(value) if np.isfinite(value) else np.inf

    index = {name: i for i, name in enumerate(param_names)}
    for mix in mixings:
        pair = [index[k] for k in mix.params]
        # Both above 1e6: a spread (coefficient of variation) under 0.1 %, which no
        # customer base can tell from none, and where rounding hides the slope.
        if min(params[pair]) >= 1e6 or (
                min(params[pair]) >= _FAR / 10 and moved_nll(pair, 10.0) <= nll + tolerance):
            found.update(dict.fromkeys(mix.params, "high"))
    for i, name in enumerate(param_names):
        if name in found:
            continue
        up, down = moved_nll([i], 100.0), moved_nll([i], 0.01)
        if abs(up - nll) <= tolerance and abs(down - nll) <= tolerance:
            found[name] = "flat"
        elif min(up, down) <= nll + tolerance:
            found[name] = "high" if up <= down else "low"
    return found


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
    mixings: Sequence[Mixing] = (),
    homogeneous: Mapping[str, float] | None = None,
) -> tuple[np.ndarray, float, np.ndarray]:
    """Minimise a negative log-likelihood over strictly positive parameters.

    Returns ``(params, log_likelihood, covariance)``. Raises
    :class:`ConvergenceError` (never returns NaN) when the optimiser fails, and
    :class:`BoundarySolutionError` when the best fit lies at a limit of the
    model (a parameter runs to 0 or infinity); ``mixings`` say what each pair
    of parameters describes, so the message can name the limiting model, and
    ``homogeneous`` gives, by quantity, the exact maximum-likelihood value of
    the limit with no heterogeneity where a model knows it in closed form.
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
    edges = {name: ("low" if x - _LOG_LOW < 1e-2 else "high")
             for name, x in zip(param_names, res.x, strict=True)
             if x - _LOG_LOW < 1e-2 or _LOG_HIGH - x < 1e-2}
    edges.update({k: v for k, v in _level_towards_a_limit(
        negative_log_likelihood, params, nll, param_names, mixings).items() if k not in edges})
    if edges:
        values = dict(zip(param_names, params.tolist(), strict=True))
        reasons, limit = _boundary_reasons(mixings, values, edges, homogeneous or {})
        stopped = f"(the search stopped at {_show(param_names, params)})"
        if set(edges.values()) == {"flat"}:
            raise BoundarySolutionError(
                f"{model_name} cannot be estimated from these data: " + "; ".join(reasons)
                + f" {stopped}. Use more customers or a longer calibration period.", limit)
        raise BoundarySolutionError(
            f"{model_name} has no finite best fit for these data: " + "; ".join(reasons)
            + ". The likelihood keeps rising towards that limit, so no parameters are returned "
            f"{stopped}. Use the simpler limiting model, or check the time unit and that the "
            "data hold enough customers.",
            limit,
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
