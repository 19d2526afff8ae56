"""Maximum-likelihood machinery shared by every model in :mod:`crmlib.models`.

All parameters of the field's standard models are positive, so the optimiser
works on their logarithms (unconstrained) and the likelihood is evaluated in
log-space by each model, which also supplies the exact gradient. Standard
errors come from the Hessian on the log scale (central differences of that
gradient) and intervals are Wald intervals on the log scale, so they never
cross 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np
import pandas as pd
from scipy import optimize, stats

from crmlib._messages import Joined, Message, Phrase
from crmlib._validation import check_array, check_positive, check_range

__all__ = [
    "BoundarySolutionError",
    "NotFittedError",
    "check_initial_params",
    "check_weights",
    "collapse_rows",
    "ConvergenceError",
    "FittedModel",
    "Mixing",
    "fit_positive_params",
    "check_optimum",
]


_LOG_LOW, _LOG_HIGH = float(np.log(1e-8)), float(np.log(1e8))
_NEAR = float(np.log(10.0))


def _show(names: Sequence[str], values: np.ndarray) -> str:
    return ", ".join(f"{n}={v:.4g}" for n, v in zip(names, values, strict=True))


class ConvergenceError(RuntimeError):
    """A model fit did not converge; the message says what to try.

    Raised with a text, or with a :class:`crmlib._messages.Message` (a template
    in English and Chinese, kept in ``message``; ``str`` is its English text),
    which :func:`crmlib.i18n.message` renders in either language.
    """

    def __init__(self, message: str | Message) -> None:
        self.message = message if isinstance(message, Message) else None
        super().__init__(message.render("en") if isinstance(message, Message) else message)


class BoundarySolutionError(ConvergenceError):
    """The data's best fit is a limit of the model that no finite parameters reach.

    The one rule for every model of :mod:`crmlib.models`: when the likelihood
    keeps rising as parameters run off to 0 or infinity (for example churn
    that does not fall with tenure, so the sBG has no heterogeneity left to
    describe), the fit returns no parameters and raises this error. Its
    message says in words which simpler limiting model the data point to,
    with that limit's value; ``limit`` holds the same values by name.
    """

    def __init__(self, message: str | Message, limit: dict[str, float]) -> None:
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
) -> tuple[list[Message], dict[str, float]]:
    """Sentences (and limit values) saying what the edge parameters mean."""
    reasons: list[Message] = []
    limit: dict[str, float] = {}
    flat = [name for name, side in edges.items() if side == "flat"]
    edges = {name: side for name, side in edges.items() if side != "flat"}
    explained: set[str] = set(flat)
    for mix in mixings:
        one, two = mix.params
        if one not in edges and two not in edges:
            continue
        v1, v2 = values[one], values[two]
        quantity, never = Phrase(mix.quantity), Phrase(mix.never)
        both_large = (edges.get(one) == "high" or v1 > _FAR) and (
            edges.get(two) == "high" or v2 > _FAR)
        if edges.get(one) == edges.get(two) == "low":
            if mix.kind == "beta":
                share = v1 / (v1 + v2)
                reasons.append(Message("reason_split", quantity=quantity, share=f"{share:.3g}",
                                       one=one, two=two))
                limit[f"share with {mix.quantity} 1"] = share
            else:
                reasons.append(Message("reason_spread", quantity=quantity, one=one, two=two))
        elif both_large and homogeneous.get(mix.quantity) == 0.0 and mix.never:
            reasons.append(Message("reason_never", never=never, quantity=quantity))
            limit[mix.quantity] = 0.0
        elif both_large:
            mean = homogeneous.get(mix.quantity, v1 / v2 if mix.kind == "gamma" else v1 / (v1 + v2))
            formula = f"{one}/{two}" if mix.kind == "gamma" else f"{one}/({one}+{two})"
            reasons.append(Message("reason_homogeneous", quantity=quantity, one=one, two=two,
                                   formula=formula, mean=f"{mean:.3g}"))
            limit[mix.quantity] = mean
        elif edges.get(two) == "high" or edges.get(one) == "low":
            mean_of = f"{one}/{two}" if mix.kind == "gamma" else f"{one}/({one}+{two})"
            reasons.append(Message("reason_never_falls", never=never, quantity=quantity,
                                   mean_of=mean_of))
            limit[mix.quantity] = 0.0
        elif mix.kind == "beta" and (edges.get(one) == "high" or edges.get(two) == "low"):
            reasons.append(Message("reason_all_one", quantity=quantity, one=one, two=two))
            limit[mix.quantity] = 1.0
        else:
            side = Joined([Message("towards_zero" if edges[k] == "low" else "towards_infinity",
                                   param=k) for k in (one, two) if k in edges], ", ")
            reasons.append(Message("reason_extreme", quantity=quantity, side=side))
        explained.update(mix.params)
    if flat:
        reasons.append(Message("reason_flat", params=Joined(flat, " and ")))
    for name in edges:
        if name not in explained:
            reasons.append(Message("reason_runs_zero" if edges[name] == "low"
                                   else "reason_runs_infinity", param=name))
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
    moved = {name: (moved_nll([i], 100.0), moved_nll([i], 0.01))
             for i, name in enumerate(param_names)}
    for name, (up, down) in moved.items():
        # a parameter the likelihood does not depend on at all
        if abs(up - nll) <= tolerance and abs(down - nll) <= tolerance:
            found[name] = "flat"
    for mix in mixings:
        if any(k in found for k in mix.params):
            continue
        pair = [index[k] for k in mix.params]
        # Both above 1e6: a spread (coefficient of variation) under 0.1 %, which no
        # customer base can tell from none, and where rounding hides the slope.
        if min(params[pair]) >= 1e6 or (
                min(params[pair]) >= _FAR / 10 and moved_nll(pair, 10.0) <= nll + tolerance):
            found.update(dict.fromkeys(mix.params, "high"))
        # Both falling together (same mean, ever more spread), e.g. a beta mixing that
        # splits customers into a share with probability 1 and the rest with 0.
        elif max(params[pair]) <= 1e-2 and moved_nll(pair, 0.1) <= nll + tolerance:
            found.update(dict.fromkeys(mix.params, "low"))
    for name, (up, down) in moved.items():
        if name in found:
            continue
        if min(up, down) <= nll + tolerance:
            found[name] = "high" if up <= down else "low"
    return found


def _log_space_hessian(
    gradient: Callable[[np.ndarray], np.ndarray],
    u: np.ndarray,
    step: float = 1e-5,
    at_u: np.ndarray | None = None,
) -> np.ndarray:
    """Differences of an exact gradient (in log-parameters), symmetrised.

    Central differences; forward differences when the gradient at ``u`` is
    given as ``at_u`` (half the cost, used for the search steps only).
    """
    k = u.size
    hess = np.empty((k, k))
    for i in range(k):
        e = np.zeros(k)
        e[i] = step
        if at_u is None:
            hess[:, i] = (gradient(u + e) - gradient(u - e)) / (2 * step)
        else:
            hess[:, i] = (gradient(u + e) - at_u) / step
    return (hess + hess.T) / 2


def fit_positive_params(
    objective: Callable[[np.ndarray, bool], tuple[float, np.ndarray | None]],
    x0: Sequence[float],
    *,
    model_name: str,
    param_names: Sequence[str],
    mixings: Sequence[Mixing] = (),
    homogeneous: Mapping[str, float] | None = None,
) -> tuple[np.ndarray, float, np.ndarray]:
    r"""Minimise a negative log-likelihood over strictly positive parameters.

    ``objective(params, gradient)`` returns the negative log-likelihood and,
    when ``gradient`` is true, its exact gradient in the natural parameters
    (else None). The search runs on
    :math:`u = \ln\theta` (unconstrained, every parameter stays positive) with
    one method, a trust-region Newton method (SciPy's ``trust-exact``), whose
    Hessian is the difference of the exact gradient at the start and is then
    updated by BFGS from the gradients of the iterates; the same method then
    finishes with central-difference Hessians throughout (no work when the
    gradient is already below the tolerance, a few Newton steps with the true
    curvature otherwise, e.g. along a flat ridge); every parameter stays
    within :math:`[10^{-8}, 10^{8}]`. Then, in this order:

    1. boundary solutions: if the likelihood keeps rising towards a limit of
       the model, :class:`BoundarySolutionError` (see its docstring);
    2. the optimum is checked: the gradient must be close to 0
       (:math:`\lVert\nabla_u\rVert \le 10^{-6}\max(1, |\ell|)`) and the
       Hessian positive definite, else :class:`ConvergenceError`.

    Returns ``(params, log_likelihood, covariance)``, the covariance of the
    natural parameters by the delta method from the inverse Hessian on the
    log scale, :math:`\Sigma_\theta = D\,H_u^{-1} D` with :math:`D = \mathrm{diag}(\theta)`.
    ``mixings`` say what each pair of parameters describes, so the message
    of a boundary solution can name the limiting model, and ``homogeneous``
    gives, by quantity, the exact maximum-likelihood value of the limit with
    no heterogeneity where a model knows it in closed form.
    """
    x0 = np.asarray(x0, dtype=float)
    names = list(param_names)

    def nll_only(params: np.ndarray) -> float:
        with np.errstate(all="ignore"):
            value = objective(params, False)[0]
        return float(value) if np.isfinite(value) else np.inf

    last: dict[bytes, tuple[float, np.ndarray]] = {}

    def f_and_grad(u: np.ndarray) -> tuple[float, np.ndarray]:
        key = u.tobytes()
        if key in last:
            return last[key]
        if np.any(u < _LOG_LOW) or np.any(u > _LOG_HIGH):
            return np.inf, np.zeros_like(u)
        params = np.exp(u)
        with np.errstate(all="ignore"):
            value, grad = objective(params, True)
        value = float(value)
        if not (np.isfinite(value) and np.all(np.isfinite(grad))):
            return np.inf, np.zeros_like(u)
        last.clear()
        last[key] = (value, np.asarray(grad, dtype=float) * params)
        return last[key]

    def grad_u(u: np.ndarray) -> np.ndarray:
        params = np.exp(u)
        with np.errstate(all="ignore"):
            return np.asarray(objective(params, True)[1], dtype=float) * params

    start = np.log(x0)
    f0 = f_and_grad(start)[0]
    if not np.isfinite(f0):
        raise ConvergenceError(Message("fit_bad_start", model=model_name,
                                       values=_show(names, x0)))
    scale = max(1.0, abs(f0))

    def fd_hessian(u: np.ndarray, central: bool = False) -> np.ndarray:
        hess = (_log_space_hessian(grad_u, u, step=1e-4) if central
                else _log_space_hessian(grad_u, u, at_u=f_and_grad(u)[1]))
        if np.all(np.isfinite(hess)):
            return hess
        # the gradient cannot be evaluated next to u: fall back to a scaled steepest descent
        return np.eye(u.size) * max(1.0, float(np.linalg.norm(f_and_grad(u)[1])))

    state: dict[str, np.ndarray] = {}

    def quasi_newton_hessian(u: np.ndarray) -> np.ndarray:
        """Differences of the gradient at the start, then BFGS updates between iterates."""
        g = f_and_grad(u)[1]
        if "H" not in state:
            hess = fd_hessian(u)
        else:
            hess = state["H"]
            step, change = u - state["u"], g - state["g"]
            curvature = float(step @ change)
            if curvature > 1e-12 * float(np.linalg.norm(step) * np.linalg.norm(change)):
                hs = hess @ step
                hess = hess - np.outer(hs, hs) / float(step @ hs) + np.outer(
                    change, change) / curvature
        state.update(H=hess, u=u.copy(), g=g.copy())
        return hess

    options = {"gtol": 1e-9 * scale, "maxiter": 200}
    res = optimize.minimize(f_and_grad, start, jac=True, hess=quasi_newton_hessian,
                            method="trust-exact", options=options)
    # Finish with differenced Hessians throughout: no work when the gradient is already
    # below the tolerance; otherwise (a flat ridge, or no further progress with updated
    # curvature) a few Newton steps with the true curvature.
    res = optimize.minimize(f_and_grad, res.x, jac=True,
                            hess=lambda u: fd_hessian(u, central=True),
                            method="trust-exact", options={**options, "maxiter": 100})
    params = np.exp(res.x)
    nll = nll_only(params)
    if not (np.all(np.isfinite(params)) and np.isfinite(nll)):
        raise ConvergenceError(Message("fit_not_finite", model=model_name,
                                       values=_show(names, params)))
    # within a factor 10 of the search range's ends (1e-8, 1e8) counts as having reached them
    edges = {name: ("low" if x - _LOG_LOW < _NEAR else "high")
             for name, x in zip(names, res.x, strict=True)
             if x - _LOG_LOW < _NEAR or _LOG_HIGH - x < _NEAR}
    level = _level_towards_a_limit(nll_only, params, nll, names, mixings)
    # a parameter the likelihood does not depend on is "flat", wherever the search left it
    edges.update({k: v for k, v in level.items() if k not in edges or v == "flat"})
    if edges:
        values = dict(zip(names, params.tolist(), strict=True))
        reasons, limit = _boundary_reasons(mixings, values, edges, homogeneous or {})
        stopped = Message("fit_stopped", values=_show(names, params))
        key = "fit_not_identified" if set(edges.values()) == {"flat"} else "fit_boundary"
        raise BoundarySolutionError(Message(key, model=model_name, reasons=Joined(reasons, "; "),
                                            stopped=stopped), limit)
    hess = check_optimum(grad_u, res.x, nll, model_name=model_name, param_names=names)
    cov_log = np.linalg.inv(hess)
    cov = cov_log * np.outer(params, params)
    return params, -float(nll), cov


def check_optimum(
    gradient: Callable[[np.ndarray], np.ndarray],
    u: np.ndarray,
    nll: float,
    *,
    model_name: str,
    param_names: Sequence[str],
) -> np.ndarray:
    r"""Raise :class:`ConvergenceError` unless ``u`` is a strict local minimum.

    Returns the Hessian (log scale) that the check used.

    ``gradient`` is that of the negative log-likelihood in log-parameters
    :math:`u`. The test: :math:`\lVert\nabla_u\rVert \le 10^{-6}\max(1, |\ell|)`
    (the gradient is 0 to within the rounding of the sum) and the Hessian
    (central differences of the gradient, step :math:`10^{-3}`) is positive
    definite.

    >>> grad = lambda u: 2 * (u - np.array([1.0, 2.0]))
    >>> check_optimum(grad, np.array([1.0, 2.0]), 3.0, model_name="toy", param_names="ab")
    array([[2., 0.],
           [0., 2.]])
    >>> check_optimum(grad, np.array([1.5, 2.0]), 3.0, model_name="toy", param_names="ab")
    Traceback (most recent call last):
    ...
    crmlib.models._mle.ConvergenceError: toy fit did not converge: ...
    """
    names = list(param_names)
    params = np.exp(u)
    g = gradient(u)
    tolerance = 1e-6 * max(1.0, abs(nll))
    size = float(np.linalg.norm(g))
    if not np.isfinite(size) or size > tolerance:
        raise ConvergenceError(Message("fit_gradient", model=model_name,
                                       values=_show(names, params), size=f"{size:.3g}",
                                       tolerance=f"{tolerance:.3g}"))
    # central differences with a step of 1e-3 on the log scale: truncation error ~1e-7
    # relative, and wide enough to see the small curvature along a flat ridge
    hess = _log_space_hessian(gradient, u, step=1e-3)
    try:
        np.linalg.cholesky(hess)
    except np.linalg.LinAlgError:
        raise ConvergenceError(Message("fit_saddle", model=model_name,
                                       values=_show(names, params))) from None
    return hess



class NotFittedError(RuntimeError):
    """A prediction was asked of a model that has no parameters yet.

    Raised by every model of :mod:`crmlib.models` in the same words: call
    ``fit(...)`` first, or make the model with ``from_params(...)``.
    """


def check_initial_params(
    initial_params: Mapping[str, float] | None, names: Sequence[str], default: Sequence[float]
) -> list[float]:
    """Starting values from a ``{name: value}`` dict (all names, all > 0), or ``default``.

    The one check of starting values for every model.

    >>> check_initial_params({"alpha": 1, "beta": 2}, ("alpha", "beta"), (1.0, 1.0))
    [1.0, 2.0]
    >>> check_initial_params({"alpha": 1}, ("alpha", "beta"), (1.0, 1.0))
    Traceback (most recent call last):
    ...
    ValueError: initial_params must have exactly the keys alpha, beta; missing ['beta'], ...
    """
    if initial_params is None:
        return [float(v) for v in default]
    if not isinstance(initial_params, Mapping):
        raise TypeError(
            f"initial_params must be a dict such as {dict.fromkeys(names, 1.0)}; "
            f"got {type(initial_params).__name__}"
        )
    unknown = sorted(set(initial_params) - set(names))
    missing = [k for k in names if k not in initial_params]
    if unknown or missing:
        raise ValueError(
            f"initial_params must have exactly the keys {', '.join(names)}; "
            f"missing {missing or 'none'}, unknown {unknown or 'none'}"
        )
    start = []
    for k in names:
        v = initial_params[k]
        try:
            value = float(v)
        except (TypeError, ValueError):
            value = float("nan")
        if not np.isfinite(value) or value <= 0:
            raise ValueError(f"initial_params[{k!r}] must be greater than 0; got {v!r}")
        start.append(value)
    return start


def check_weights(weights: object, size: int) -> np.ndarray:
    """Weights of the rows (customers sharing each row): >= 0, not all 0; default 1 each.

    >>> check_weights(None, 2)
    array([1., 1.])
    >>> check_weights([0, 0], 2)
    Traceback (most recent call last):
    ...
    ValueError: weights must not all be 0; got 2 zeros
    """
    if weights is None:
        return np.ones(size)
    w = check_array("weights", weights, minimum=0)
    if w.size != size:
        raise ValueError(f"weights must have one entry per row (customer or pattern); got "
                         f"{w.size} weights for {size} rows")
    if not np.any(w > 0):
        raise ValueError(f"weights must not all be 0; got {w.size} zeros")
    return w


def collapse_rows(
    columns: Sequence[np.ndarray], weights: np.ndarray
) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """Distinct rows of ``columns`` with the summed weight of each (rows of weight 0 dropped).

    >>> (x, t), w = collapse_rows((np.array([1, 0, 1]), np.array([2.0, 0.0, 2.0])), np.ones(3))
    >>> x.tolist(), t.tolist(), w.tolist()
    ([0, 1], [0.0, 2.0], [1.0, 2.0])
    """
    keep = weights > 0
    stacked = np.column_stack([np.asarray(c, dtype=float)[keep] for c in columns])
    rows, inverse = np.unique(stacked, axis=0, return_inverse=True)
    summed = np.bincount(inverse.reshape(-1), weights=weights[keep], minlength=rows.shape[0])
    out = tuple(rows[:, i].astype(np.asarray(c).dtype) for i, c in enumerate(columns))
    return out, summed


_M = TypeVar("_M", bound="FittedModel")


class FittedModel:
    """Common behaviour of the fitters: ``params_``, ``from_params``, ``summary()``, a repr."""

    _param_names: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.params_: dict[str, float] | None = None
        self.log_likelihood_: float | None = None
        self.covariance_: np.ndarray | None = None
        #: number of customers (sum of the weights) the model was fitted to; NaN from from_params
        self.n_customers_: float | None = None

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
        # each a single finite number > 0 (a Decimal is a number; a list, text or truth
        # value is not), in the words of the shared checks
        values = {k: check_positive(k, params[k]) for k in cls._param_names}
        model.params_ = values
        model.log_likelihood_ = float("nan")
        model.covariance_ = np.full((len(cls._param_names),) * 2, np.nan)
        model.n_customers_ = float("nan")
        return model

    def _check_fitted(self) -> None:
        if getattr(self, "params_", None) is None:
            name = type(self).__name__
            raise NotFittedError(
                f"{name} has not been fitted yet; call .fit(...) first, or make it with "
                f"{name}.from_params(...)"
            )

    def _params(self) -> np.ndarray:
        """The parameters as an array in the order of ``_param_names`` (fitted models only)."""
        self._check_fitted()
        return np.array([self.params_[k] for k in self._param_names])  # type: ignore[index]

    def _set_fit(
        self, params: np.ndarray, log_likelihood: float, covariance: np.ndarray,
        n_customers: float,
    ) -> None:
        self.params_ = {k: float(v) for k, v in zip(self._param_names, params, strict=True)}
        self.log_likelihood_ = float(log_likelihood)
        self.covariance_ = covariance
        self.n_customers_ = float(n_customers)

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        r"""Estimates with standard errors and intervals on the log scale.

        Parameters
        ----------
        level : float, default 0.95
            Confidence level of the intervals, strictly between 0 and 1.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``parameter``: ``estimate``, ``std_error`` (delta
            method, :math:`\theta\,\mathrm{se}(\ln\theta)`) and the interval
            ``lower_<level>`` / ``upper_<level>``. NaN for a model made with
            :meth:`from_params`.

        Notes
        -----
        Every parameter is positive, so the interval is Wald's on
        :math:`\ln\theta` and mapped back; it never crosses 0:

        .. math::

            \theta\,\exp\!\big(\pm z_{(1+\text{level})/2}\,
            \mathrm{se}(\ln\theta)\big), \qquad
            \mathrm{se}(\ln\theta) = \sqrt{[H_u^{-1}]_{\theta\theta}}

        with :math:`H_u` the Hessian of the negative log-likelihood in
        :math:`u = \ln\theta`.
        """
        self._check_fitted()
        level = check_range("level", level, 0.0, 1.0, low_inclusive=False,
                            high_inclusive=False)
        est = np.array([self.params_[k] for k in self._param_names])  # type: ignore[index]
        se = np.sqrt(np.diag(self.covariance_))  # type: ignore[arg-type]
        se_log = se / est
        z = stats.norm.ppf(0.5 + level / 2)
        return pd.DataFrame(
            {
                "estimate": est,
                "std_error": se,
                f"lower_{level:.0%}": est * np.exp(-z * se_log),
                f"upper_{level:.0%}": est * np.exp(z * se_log),
            },
            index=pd.Index(self._param_names, name="parameter"),
        )

    def __repr__(self) -> str:
        if getattr(self, "params_", None) is None:
            return f"<{type(self).__name__}: not fitted>"
        shown = ", ".join(f"{k}={v:.4g}" for k, v in self.params_.items())
        return f"<{type(self).__name__}: {shown}, log-likelihood={self.log_likelihood_:.2f}>"
