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
from scipy.special import betaln, digamma, gammaln, logsumexp

from crmlib._validation import check_array, check_integer
from crmlib.models._mle import (
    BoundarySolutionError,
    FittedModel,
    Mixing,
    check_initial_params,
    check_weights,
    collapse_rows,
    fit_positive_params,
)
from crmlib.models._repeat_buying import wrap_output
from crmlib.models._special import log_diff_exp

__all__ = ["BetaGeoBetaBinom"]

ArrayLike = float | int | Sequence[float] | np.ndarray | pd.Series


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

    # ------------------------------------------------------------------ likelihood
    @staticmethod
    def _log_likelihood(
        params: np.ndarray, x: np.ndarray, tx: np.ndarray, n: np.ndarray
    ) -> np.ndarray:
        return BetaGeoBetaBinom._log_likelihood_and_gradient(params, x, tx, n, gradient=False)[0]

    @staticmethod
    def _log_likelihood_and_gradient(
        params: np.ndarray, x: np.ndarray, tx: np.ndarray, n: np.ndarray, gradient: bool = True
    ) -> tuple[np.ndarray, np.ndarray | None]:
        r"""Per-row log-likelihood (and its exact gradient, rows alpha, beta, gamma, delta).

        The sum over the opportunities :math:`j = t_x, \dots, n-1` at which the
        customer may have dropped out is a difference of two tails of one
        sequence per distinct x, :math:`\sum_{j=t_x}^{n-1} = R_x(t_x) - R_x(n)`
        with :math:`R_x(m) = \sum_{j \ge m} B(\alpha+x, \beta+j-x)
        B(\gamma+1, \delta+j)/(B(\alpha,\beta)B(\gamma,\delta))`; the
        tails are cumulative sums in log-space, built once per evaluation from
        vectors of ``gammaln`` and ``digamma`` over j. The terms fall with j, so
        the difference loses at most :math:`\log_{10}` (max n) digits. The cost
        is (distinct x) x (max n) additions instead of (rows) x (max n) beta
        functions. The derivative of each term's logarithm is a difference of
        digammas; its tails are taken the same way after a shift that makes it
        positive.
        """
        alpha, beta, gamma, delta = params
        base_ab, base_gd = betaln(alpha, beta), betaln(gamma, delta)
        alive = betaln(alpha + x, beta + n - x) - base_ab + betaln(gamma, delta + n) - base_gd
        top = int(np.max(n))
        j = np.arange(top + 1, dtype=float)  # j = top is the empty tail
        xs, which = np.unique(x, return_inverse=True)
        which = which.reshape(-1)
        k = j[None, :] - xs[:, None]  # j - x
        valid = (k >= 0) & (j[None, :] < top)
        kk = np.where(valid, k, 0.0).astype(np.int64)
        g_b = gammaln(beta + j)
        g_ab = gammaln(alpha + beta + j)
        g_gd = betaln(gamma + 1, delta + j) - base_gd
        log_term = (gammaln(alpha + xs)[:, None] + g_b[kk] - g_ab[None, :] - gammaln(alpha)
                    - gammaln(beta) + gammaln(alpha + beta) + g_gd[None, :])
        log_term = np.where(valid, log_term, -np.inf)

        def tails(values: np.ndarray) -> np.ndarray:
            """log of sum_{j>=m} exp(values[:, j]) for every m (row-wise)."""
            return np.logaddexp.accumulate(values[:, ::-1], axis=1)[:, ::-1]

        empty = tx >= n  # bought at the last opportunity: no drop-out term

        def between(log_tails: np.ndarray) -> np.ndarray:
            out = log_diff_exp(log_tails[which, tx], log_tails[which, n])
            return np.where(empty, -np.inf, out)

        with np.errstate(divide="ignore", invalid="ignore"):
            died = between(tails(log_term))
            total = np.logaddexp(alive, died)
        if not gradient:
            return total, None
        share_alive = np.exp(alive - total)
        d_a, d_b, d_ab = digamma(alpha), digamma(beta), digamma(alpha + beta)
        d_g, d_d, d_gd = digamma(gamma), digamma(delta), digamma(gamma + delta)
        # derivatives of log(alive)
        alive_grad = np.array([
            digamma(alpha + x) - digamma(alpha + beta + n) - d_a + d_ab,
            digamma(beta + n - x) - digamma(alpha + beta + n) - d_b + d_ab,
            d_g - digamma(gamma + delta + n) - d_g + d_gd,
            digamma(delta + n) - digamma(gamma + delta + n) - d_d + d_gd,
        ])
        # derivatives of each term's log, per (distinct x, j)
        psi_b = digamma(beta + j)
        psi_ab = digamma(alpha + beta + j)
        psi_gd1 = digamma(gamma + delta + 1 + j)
        term_grad = [
            (digamma(alpha + xs) - d_a + d_ab)[:, None] - psi_ab[None, :],
            psi_b[kk] - psi_ab[None, :] - d_b + d_ab,
            np.broadcast_to(digamma(gamma + 1) - psi_gd1 - d_g + d_gd, log_term.shape),
            np.broadcast_to(digamma(delta + j) - psi_gd1 - d_d + d_gd, log_term.shape),
        ]
        grad = np.empty((4, x.size))
        share_died = np.exp(died - total)
        with np.errstate(divide="ignore", invalid="ignore"):
            for i, dl in enumerate(term_grad):
                shift = 1.0 - float(np.min(np.where(valid, dl, np.inf)))
                shifted = between(tails(log_term + np.log(np.where(valid, dl + shift, 1.0))))
                # sum of term * dlog(term) over the row's range, relative to the row's sum
                mean_dl = np.exp(shifted - died) - shift
                mean_dl = np.where(np.isfinite(died), mean_dl, 0.0)
                grad[i] = share_alive * alive_grad[i] + share_died * mean_dl
        return total, grad

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
        w = check_weights(weights, x.size)
        start = check_initial_params(initial_params, self._param_names, (1.0, 1.0, 1.0, 1.0))
        # customers with the same (x, t_x, n) share one likelihood term
        (x, tx, n), w = collapse_rows((x, tx, n), w)
        if not np.any(x > 0):
            # likelihood 1 in the limit: decided here, not by where a search stops
            raise BoundarySolutionError(
                "BG/BB has no finite best fit for these data: no customer transacted, so the "
                "best fit is the limit where no customer buys (a purchase probability per "
                "opportunity of 0 for everyone; equally well, every customer drops out at "
                "once). The likelihood keeps rising towards that limit, so no parameters are "
                "returned.", {"purchase probability per opportunity": 0.0})

        def objective(params: np.ndarray, gradient: bool) -> tuple[float, np.ndarray | None]:
            ll, grad = self._log_likelihood_and_gradient(params, x, tx, n, gradient)
            return -float(w @ ll), (None if grad is None else -(grad @ w))

        params, ll, cov = fit_positive_params(
            objective, start, model_name="BG/BB", param_names=self._param_names,
            mixings=(
                Mixing("beta", ("alpha", "beta"), "purchase probability per opportunity",
                       never="no customer buys"),
                Mixing("beta", ("gamma", "delta"), "drop-out probability per opportunity",
                       never="no customer appears to drop out"),
            ),
        )
        self._set_fit(params, ll, cov, float(w.sum()))
        return self

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
        return wrap_output(out, n)

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
        return wrap_output(out, x)

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
        return wrap_output(np.minimum(out, 1.0), frequency, recency, n_periods)

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
        return wrap_output(out, frequency, recency, n_periods)
