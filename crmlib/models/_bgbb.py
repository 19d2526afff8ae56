"""Beta-geometric/beta-Bernoulli (BG/BB) model for discrete-time noncontractual settings.

At each of ``n`` discrete transaction opportunities (e.g. years, events) an
active customer transacts with probability :math:`p`; before each opportunity
she may drop out for good with probability :math:`\\theta`. Both vary across
customers as beta distributions (非合约、离散时间情境下的客户购买模型).

Inputs are per-customer (or per-pattern, with ``weights``) summaries:

* ``frequency`` (x): repeat transactions in the ``n_periods`` opportunities;
* ``recency`` (t_x): the opportunity of the last repeat transaction (0 if none);
* ``n_periods`` (n): the number of opportunities observed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.special import betaln, gammaln, logsumexp

from crmlib._validation import check_array, check_integer
from crmlib.models._mle import FittedModel, Mixing, fit_positive_params

__all__ = ["BetaGeoBetaBinom"]

ArrayLike = float | int | Sequence[float] | np.ndarray | pd.Series


def check_initial_params(
    initial_params: Mapping[str, float] | None, names: Sequence[str], default: Sequence[float]
) -> list[float]:
    """Starting values from a ``{name: value}`` dict (all names, all > 0), or ``default``."""
    if initial_params is None:
        return list(default)
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
    start = [float(initial_params[k]) for k in names]
    for k, v in zip(names, start, strict=True):
        if not np.isfinite(v) or v <= 0:
            raise ValueError(f"initial_params[{k!r}] must be greater than 0; got {v!r}")
    return start


def _whole(name: str, values: np.ndarray) -> np.ndarray:
    bad = np.flatnonzero(values != np.round(values))
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"{name} must contain whole numbers; entry {i} is {values[i]:g}")
    return values.astype(np.int64)


def check_summary(
    frequency: ArrayLike, recency: ArrayLike, n_periods: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate a BG/BB summary; return ``(x, t_x, n)`` as equal-length int arrays.

    >>> check_summary([2, 0], [4, 0], 6)[2]
    array([6, 6])
    >>> check_summary([3], [2], [6])
    Traceback (most recent call last):
    ...
    ValueError: frequency must not exceed recency; entry 0 has frequency 3 > recency 2
    """
    x = _whole("frequency", check_array("frequency", frequency, minimum=0))
    tx = _whole("recency", check_array("recency", recency, minimum=0))
    n = _whole("n_periods", check_array("n_periods", n_periods, minimum=1))
    try:
        x, tx, n = (np.ascontiguousarray(a) for a in np.broadcast_arrays(x, tx, n))
    except ValueError:
        raise ValueError(
            "frequency, recency and n_periods must have the same length (or be single numbers); "
            f"got lengths {x.size}, {tx.size} and {n.size}"
        ) from None
    for cond, rule in (
        (tx > n, "recency must not exceed n_periods; entry {i} has recency {a} > n_periods {b}"),
        (x > tx, "frequency must not exceed recency; entry {i} has frequency {c} > recency {a}"),
        ((x == 0) & (tx > 0), "recency must be 0 when frequency is 0 (no repeat transaction); "
         "entry {i} has frequency 0 and recency {a}"),
    ):
        bad = np.flatnonzero(cond)
        if bad.size:
            i = int(bad[0])
            raise ValueError(rule.format(i=i, a=tx[i], b=n[i], c=x[i]))
    return x, tx, n


def _wrap(result: np.ndarray, *inputs: object) -> float | np.ndarray | pd.Series:
    """Series (index of the first Series input), float (all scalar inputs) or array."""
    for v in inputs:
        if isinstance(v, pd.Series) and len(v) == result.size:
            return pd.Series(result, index=v.index)
    if all(np.ndim(v) == 0 for v in inputs):
        return float(result.reshape(-1)[0])
    return result


class BetaGeoBetaBinom(FittedModel):
    """BG/BB model of repeat transactions at discrete opportunities (Fader, Hardie & Shang 2010).

    Attributes
    ----------
    params_ : dict
        ``{"alpha", "beta"}`` (beta distribution of the transaction
        probability p) and ``{"gamma", "delta"}`` (of the dropout probability
        :math:`\\theta`).
    log_likelihood_ : float
        Maximised log-likelihood (weighted).
    covariance_ : numpy.ndarray
        Inverse Hessian of the negative log-likelihood (for ``summary()``).
    n_customers_ : float
        Total weight (number of customers) fitted.

    Notes
    -----
    Likelihood of one customer (Fader, Hardie & Shang 2010):

    .. math::

        L = \\frac{B(\\alpha+x, \\beta+n-x)}{B(\\alpha,\\beta)}
            \\frac{B(\\gamma, \\delta+n)}{B(\\gamma,\\delta)}
          + \\sum_{i=0}^{n-t_x-1}
            \\frac{B(\\alpha+x, \\beta+t_x-x+i)}{B(\\alpha,\\beta)}
            \\frac{B(\\gamma+1, \\delta+t_x+i)}{B(\\gamma,\\delta)}

    References
    ----------
    .. [1] Fader, P. S., Hardie, B. G. S. and Shang, J. (2010), "Customer-Base
       Analysis in a Discrete-Time Noncontractual Setting", *Marketing
       Science* 29(6), 1086-1108.

    Examples
    --------
    >>> from crmlib.datasets import load_donations
    >>> d = load_donations()
    >>> m = BetaGeoBetaBinom().fit(d["frequency"], d["recency"], d["n_periods"], d["weights"])
    >>> {k: round(v, 3) for k, v in m.params_.items()}
    {'alpha': 1.204, 'beta': 0.75, 'gamma': 0.657, 'delta': 2.783}
    """

    _param_names = ("alpha", "beta", "gamma", "delta")

    def __init__(self) -> None:
        super().__init__()
        self.n_customers_: float | None = None

    # ------------------------------------------------------------------ likelihood
    @staticmethod
    def _log_likelihood(
        params: np.ndarray, x: np.ndarray, tx: np.ndarray, n: np.ndarray
    ) -> np.ndarray:
        alpha, beta, gamma, delta = params
        base_ab, base_gd = betaln(alpha, beta), betaln(gamma, delta)
        alive = betaln(alpha + x, beta + n - x) - base_ab + betaln(gamma, delta + n) - base_gd
        i = np.arange(int(np.max(n - tx)))[None, :]
        terms = (betaln(alpha + x[:, None], beta + tx[:, None] - x[:, None] + i) - base_ab
                 + betaln(gamma + 1, delta + tx[:, None] + i) - base_gd)
        terms = np.where(i < (n - tx)[:, None], terms, -np.inf)
        return logsumexp(np.column_stack([alive, terms]), axis=1)

    def fit(
        self,
        frequency: ArrayLike,
        recency: ArrayLike,
        n_periods: ArrayLike,
        weights: ArrayLike | None = None,
        *,
        initial_params: Mapping[str, float] | None = None,
    ) -> BetaGeoBetaBinom:
        """Fit the BG/BB model by maximum likelihood.

        Parameters
        ----------
        frequency : array of int
            Repeat transactions, 0..recency.
        recency : array of int
            Opportunity of the last repeat transaction, 1..n_periods (0 if none).
        n_periods : int or array of int
            Transaction opportunities observed (>= 1).
        weights : array, optional
            Number of customers with each (frequency, recency, n_periods) row
            (>= 0, not all 0); default 1 each.
        initial_params : dict, optional
            Starting values ``{"alpha", "beta", "gamma", "delta"}`` (> 0).

        Returns
        -------
        BetaGeoBetaBinom
            The fitted model (``self``).

        Notes
        -----
        Maximises :math:`\\sum_k w_k \\ln L(\\alpha, \\beta, \\gamma, \\delta \\mid
        x_k, t_{x,k}, n_k)`; the likelihood of all rows is computed at once in
        log-space.

        References
        ----------
        .. [1] Fader, Hardie and Shang (2010), the BG/BB likelihood.

        Examples
        --------
        >>> from crmlib.datasets import load_donations
        >>> d = load_donations()
        >>> m = BetaGeoBetaBinom().fit(d["frequency"], d["recency"], d["n_periods"], d["weights"])
        >>> round(m.log_likelihood_, 1)
        -33225.6
        """
        x, tx, n = check_summary(frequency, recency, n_periods)
        if weights is None:
            w = np.ones(x.size)
        else:
            w = check_array("weights", weights, minimum=0)
            if w.size != x.size:
                raise ValueError(f"weights must have one entry per row; got {w.size} weights "
                                 f"for {x.size} rows")
            if w.sum() <= 0:
                raise ValueError("weights must not all be 0")
        start = check_initial_params(initial_params, self._param_names, (1.0, 1.0, 1.0, 1.0))
        keep = w > 0
        x, tx, n, w = x[keep], tx[keep], n[keep], w[keep]

        def negative_log_likelihood(params: np.ndarray) -> float:
            return -float(np.sum(w * self._log_likelihood(params, x, tx, n)))

        params, ll, cov = fit_positive_params(
            negative_log_likelihood, start, model_name="BG/BB", param_names=self._param_names,
            mixings=(
                Mixing("beta", ("alpha", "beta"), "purchase probability per opportunity",
                       never="no customer buys"),
                Mixing("beta", ("gamma", "delta"), "drop-out probability per opportunity",
                       never="no customer appears to drop out"),
            ),
        )
        self.params_ = dict(zip(self._param_names, (float(v) for v in params), strict=True))
        self.log_likelihood_ = ll
        self.covariance_ = cov
        self.n_customers_ = float(w.sum())
        return self

    def _params(self) -> tuple[float, float, float, float]:
        self._check_fitted()
        return tuple(self.params_[k] for k in self._param_names)  # type: ignore[return-value]

    def _alive_sum(self, start: np.ndarray, k: np.ndarray) -> np.ndarray:
        """sum_{t=start+1}^{start+k} B(gamma, delta+t) / B(gamma, delta)."""
        _, _, gamma, delta = self._params()
        start, k = np.broadcast_arrays(np.asarray(start, float), np.asarray(k, float))
        if abs(gamma - 1.0) > 1e-6:
            # telescoping closed form, as in FHS (2010)'s E[X(n)]
            def f(m: np.ndarray) -> np.ndarray:
                return np.exp(gammaln(1 + delta + m) - gammaln(gamma + delta + m))

            const = delta / (gamma - 1) * np.exp(gammaln(gamma + delta) - gammaln(1 + delta))
            return const * (f(start) - f(start + k)) + 0.0  # + 0.0 turns -0.0 into 0.0
        t = np.arange(1, int(np.max(start + k, initial=0)) + 1)[None, :]
        term = np.exp(betaln(gamma, delta + t) - betaln(gamma, delta))
        mask = (t > start.reshape(-1, 1)) & (t <= (start + k).reshape(-1, 1))
        return np.sum(np.where(mask, term, 0.0), axis=1).reshape(start.shape)

    # ------------------------------------------------------------------ predictions
    def expected_purchases(self, n: ArrayLike) -> float | np.ndarray:
        """Expected transactions of a new customer in her first ``n`` opportunities, E[X(n)].

        Parameters
        ----------
        n : int or array of int
            Number of opportunities (>= 0).

        Returns
        -------
        float or numpy.ndarray

        Notes
        -----
        .. math::

            E[X(n)] = \\frac{\\alpha}{\\alpha+\\beta}\\frac{\\delta}{\\gamma-1}
            \\left[1 - \\frac{\\Gamma(\\gamma+\\delta)}{\\Gamma(1+\\delta)}
            \\frac{\\Gamma(1+\\delta+n)}{\\Gamma(\\gamma+\\delta+n)}\\right]

        References
        ----------
        .. [1] Fader, Hardie and Shang (2010), the expression for E[X(n)].

        Examples
        --------
        >>> m = BetaGeoBetaBinom.from_params(alpha=1.0, beta=1.0, gamma=1.0, delta=1.0)
        >>> m.expected_purchases(1)   # 0.5 * P(alive at 1) = 0.5 * 1/2
        0.25
        """
        alpha, beta, _, _ = self._params()
        nn = _whole("n", check_array("n", n, minimum=0))
        out = alpha / (alpha + beta) * self._alive_sum(np.zeros(nn.size), nn)
        return _wrap(out, n)

    def probability_of_purchases(self, x: ArrayLike, n: int) -> float | np.ndarray:
        """Probability that a new customer makes ``x`` transactions in ``n`` opportunities.

        Parameters
        ----------
        x : int or array of int
            Number of transactions, 0..n.
        n : int
            Number of opportunities (>= 1).

        Returns
        -------
        float or numpy.ndarray

        Notes
        -----
        .. math::

            P(X(n)=x) = \\binom{n}{x}\\frac{B(\\alpha+x, \\beta+n-x)}{B(\\alpha,\\beta)}
            \\frac{B(\\gamma,\\delta+n)}{B(\\gamma,\\delta)}
            + \\sum_{i=x}^{n-1}\\binom{i}{x}\\frac{B(\\alpha+x,\\beta+i-x)}{B(\\alpha,\\beta)}
            \\frac{B(\\gamma+1,\\delta+i)}{B(\\gamma,\\delta)}

        References
        ----------
        .. [1] Fader, Hardie and Shang (2010), eq. 7.

        Examples
        --------
        >>> m = BetaGeoBetaBinom.from_params(alpha=1.2, beta=0.75, gamma=0.66, delta=2.78)
        >>> round(float(m.probability_of_purchases(range(4), 3).sum()), 12)
        1.0
        """
        alpha, beta, gamma, delta = self._params()
        nn = check_integer("n", n, minimum=1)
        xx = _whole("x", check_array("x", x, minimum=0))
        if (xx > nn).any():
            i = int(np.flatnonzero(xx > nn)[0])
            raise ValueError(f"x must not exceed n ({nn}); entry {i} is {xx[i]}")

        def log_choose(a: np.ndarray, b: np.ndarray) -> np.ndarray:
            return gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1)

        base = betaln(alpha, beta) + betaln(gamma, delta)
        first = (log_choose(nn, xx) + betaln(alpha + xx, beta + nn - xx)
                 + betaln(gamma, delta + nn) - base)
        i = np.arange(nn)[None, :]
        xc = xx[:, None]
        with np.errstate(invalid="ignore"):
            rest = (log_choose(i, xc) + betaln(alpha + xc, beta + i - xc)
                    + betaln(gamma + 1, delta + i) - base)
        rest = np.where(i >= xc, rest, -np.inf)
        out = np.exp(logsumexp(np.column_stack([first, rest]), axis=1))
        return _wrap(out, x)

    def probability_alive(
        self,
        frequency: ArrayLike,
        recency: ArrayLike,
        n_periods: ArrayLike,
        *,
        periods_ahead: int = 1,
    ) -> float | np.ndarray | pd.Series:
        """Probability that a customer is still active ``periods_ahead`` opportunities later.

        With the default ``periods_ahead=1`` this is the paper's P(alive at
        opportunity n+1), e.g. "P(alive in 2002)" for the donations data
        (客户活跃概率).

        Parameters
        ----------
        frequency, recency, n_periods : array of int
            The customer's summary (see :meth:`fit`).
        periods_ahead : int, default 1
            0 gives P(alive at opportunity n).

        Returns
        -------
        float, numpy.ndarray or pandas.Series

        Notes
        -----
        .. math::

            P(\\text{alive at } n+m \\mid x, t_x, n) =
            \\frac{B(\\alpha+x, \\beta+n-x)}{B(\\alpha,\\beta)}
            \\frac{B(\\gamma, \\delta+n+m)}{B(\\gamma,\\delta)} \\Big/ L

        References
        ----------
        .. [1] Fader, Hardie and Shang (2010), eq. A10 and Table 6.

        Examples
        --------
        >>> m = BetaGeoBetaBinom.from_params(alpha=1.2, beta=0.75, gamma=0.66, delta=2.78)
        >>> m.probability_alive(6, 6, 6, periods_ahead=0)  # transacted at n: surely alive at n
        1.0
        """
        params = np.array(self._params())
        alpha, beta, gamma, delta = params
        x, tx, n = check_summary(frequency, recency, n_periods)
        m = check_integer("periods_ahead", periods_ahead, minimum=0)
        log_num = (betaln(alpha + x, beta + n - x) - betaln(alpha, beta)
                   + betaln(gamma, delta + n + m) - betaln(gamma, delta))
        out = np.exp(log_num - self._log_likelihood(params, x, tx, n))
        return _wrap(np.minimum(out, 1.0), frequency, recency, n_periods)

    def conditional_expected_purchases(
        self, n: int, frequency: ArrayLike, recency: ArrayLike, n_periods: ArrayLike
    ) -> float | np.ndarray | pd.Series:
        """Expected transactions in the next ``n`` opportunities given a customer's history.

        Parameters
        ----------
        n : int
            Future opportunities n* (>= 0).
        frequency, recency, n_periods : array of int
            The customer's summary (see :meth:`fit`).

        Returns
        -------
        float, numpy.ndarray or pandas.Series

        Notes
        -----
        .. math::

            E[X(n, n+n^*) \\mid x, t_x, n] = \\frac{1}{L}
            \\frac{B(\\alpha+x+1, \\beta+n-x)}{B(\\alpha,\\beta)}
            \\sum_{t=n+1}^{n+n^*}\\frac{B(\\gamma, \\delta+t)}{B(\\gamma,\\delta)}

        (the sum has the closed form of FHS 2010, eq. 13).

        References
        ----------
        .. [1] Fader, Hardie and Shang (2010), eq. 13.

        Examples
        --------
        >>> m = BetaGeoBetaBinom.from_params(alpha=1.2, beta=0.75, gamma=0.66, delta=2.78)
        >>> m.conditional_expected_purchases(0, 3, 5, 6)
        0.0
        """
        params = np.array(self._params())
        alpha, beta, _, _ = params
        future = check_integer("n", n, minimum=0)
        x, tx, nn = check_summary(frequency, recency, n_periods)
        log_front = betaln(alpha + x + 1, beta + nn - x) - betaln(alpha, beta)
        out = np.exp(log_front - self._log_likelihood(params, x, tx, nn))
        out = out * self._alive_sum(nn, np.full(nn.size, future))
        return _wrap(out, frequency, recency, n_periods)
