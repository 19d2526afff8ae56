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
from scipy.special import betaln, digamma, gammaln, logsumexp, poch

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

__all__ = ["BetaGeoBetaBinom"]

ArrayLike = float | int | Sequence[float] | np.ndarray | pd.Series


def _whole(name: str, values: np.ndarray) -> np.ndarray:
    """Whole numbers up to 2^53 (beyond it a float no longer counts one by one), as int64.

    >>> _whole("n_periods", np.array([6.0, 1e308]))
    Traceback (most recent call last):
    ...
    ValueError: n_periods must contain whole numbers of at most 2^53; entry 1 is 1e+308
    """
    bad = np.flatnonzero(values != np.round(values))
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"{name} must contain whole numbers; entry {i} is {values[i]:g}")
    huge = np.flatnonzero(np.abs(values) > 2**53)
    if huge.size:
        i = int(huge[0])
        raise ValueError(f"{name} must contain whole numbers of at most 2^53; entry {i} is "
                         f"{values[i]:g}")
    return values.astype(np.int64)


def _count(name: str, value: object, minimum: int) -> int:
    """A single whole number from ``minimum`` up to 2^53."""
    out = check_integer(name, value, minimum=minimum)
    if out > 2**53:
        raise ValueError(f"{name} must be a whole number of at most 2^53; got {value!r}")
    return out


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


#: terms of the drop-out sum added directly before its tails take over (accuracy of the
#: difference of two tails), and terms of the transformed tail series
_DIRECT_TERMS = 64
_SERIES_TERMS = 40


def _log_term(params: np.ndarray, x: np.ndarray, j: np.ndarray) -> np.ndarray:
    """log of B(alpha+x, beta+j-x) B(gamma+1, delta+j) / (B(alpha, beta) B(gamma, delta))."""
    alpha, beta, gamma, delta = params
    return (betaln(alpha + x, beta + j - x) + betaln(gamma + 1, delta + j)
            - betaln(alpha, beta) - betaln(gamma, delta))


def _log_term_gradient(params: np.ndarray, x: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Derivatives of :func:`_log_term` by alpha, beta, gamma, delta (first axis)."""
    alpha, beta, gamma, delta = params
    shape = np.broadcast_shapes(np.shape(x), np.shape(j))
    psi_ab_j = np.broadcast_to(digamma(alpha + beta + j), shape)
    psi_gd_j = np.broadcast_to(digamma(gamma + delta + 1 + j), shape)
    d_ab, d_gd = digamma(alpha + beta), digamma(gamma + delta)
    return np.stack([
        digamma(alpha + x) - psi_ab_j - digamma(alpha) + d_ab,
        digamma(beta + j - x) - psi_ab_j - digamma(beta) + d_ab,
        digamma(gamma + 1) - digamma(gamma) + d_gd - psi_gd_j,
        digamma(delta + j) - psi_gd_j - digamma(delta) + d_gd,
    ])


def _log_tail_factor(params: np.ndarray, x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """log of Gamma(a+b+m) Gamma(g+d+1+m) / ((a+x+g) Gamma(d+m) Gamma(a+b+g+m)) (Thomae)."""
    alpha, beta, gamma, delta = params
    return (betaln(alpha + beta + m, gamma) - betaln(delta + m, gamma + 1)
            + np.log(gamma) - np.log(alpha + x + gamma))


def _log_tail_factor_gradient(params: np.ndarray, x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Derivatives of :func:`_log_tail_factor` by alpha, beta, gamma, delta."""
    alpha, beta, gamma, delta = params
    inv_s = 1.0 / (alpha + x + gamma)
    psi_abm, psi_all = digamma(alpha + beta + m), digamma(alpha + beta + gamma + m)
    psi_gdm = digamma(gamma + delta + 1 + m)
    return np.stack([psi_abm - psi_all - inv_s, psi_abm - psi_all,
                     psi_gdm - psi_all - inv_s, psi_gdm - digamma(delta + m)])


def _tail_series(
    params: np.ndarray, x: np.ndarray, m: np.ndarray, gradient: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """3F2(a+b-d, g+1, s; s+1, a+b+g+m; 1), s = a+x+g, and its derivatives (40 terms).

    The derivatives are carried along the recurrence of the terms, so a
    numerator parameter at 0 or a negative whole number (a series that stops)
    needs no special case.
    """
    alpha, beta, gamma, delta = params
    s = alpha + x + gamma
    ones = np.ones_like(s)
    top = [(alpha + beta - delta) * ones, (gamma + 1) * ones, s]
    bottom = [s + 1, alpha + beta + gamma + m]
    d_top = [np.array([1.0, 1.0, 0.0, -1.0]), np.array([0.0, 0.0, 1.0, 0.0]),
             np.array([1.0, 0.0, 1.0, 0.0])]
    d_bottom = [np.array([1.0, 0.0, 1.0, 0.0]), np.array([1.0, 1.0, 1.0, 0.0])]
    term, total = ones.copy(), ones.copy()
    d_term = np.zeros((4, s.size))
    d_total = np.zeros((4, s.size))
    for k in range(_SERIES_TERMS):
        p = [v + k for v in top]
        q = [v + k for v in bottom]
        num, den = p[0] * p[1] * p[2], q[0] * q[1] * (k + 1)
        ratio = num / den
        if gradient:
            d_num = (d_top[0][:, None] * (p[1] * p[2]) + d_top[1][:, None] * (p[0] * p[2])
                     + d_top[2][:, None] * (p[0] * p[1]))
            d_den = (d_bottom[0][:, None] * q[1] + d_bottom[1][:, None] * q[0]) * (k + 1)
            d_ratio = (d_num - ratio * d_den) / den
            d_term = d_term * ratio + term * d_ratio
            d_total += d_term
        term = term * ratio
        total += term
    return total, (d_total if gradient else None)


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

        The drop-out part of :math:`L` is
        :math:`S = \sum_{j=t_x}^{n-1} a_j`, with
        :math:`a_j = B(\alpha+x, \beta+j-x)B(\gamma+1, \delta+j)/(B(\alpha,\beta)B(\gamma,\delta))`
        (:math:`j = t_x + i`), whose terms fall with j. It is computed in a
        time that does not grow with n: the first terms are added directly,
        the rest is a difference of two tails :math:`R(m) = \sum_{j \ge m} a_j`,
        :math:`S = \sum_{j=t_x}^{m^*-1} a_j + R(m^*) - R(n)` with
        :math:`m^* = \max(t_x + 64, m_0)` (only when :math:`n > m^*`). A
        tail is a hypergeometric series at unit argument,
        :math:`R(m) = a_m\,{}_3F_2(1, \beta+m-x, \delta+m; \alpha+\beta+m,
        \gamma+\delta+1+m; 1)`, convergent because
        :math:`\alpha+x+\gamma > 0` but slowly; Thomae's relation turns it into

        .. math::

            R(m) = a_m \frac{\Gamma(\alpha+\beta+m)\,\Gamma(\gamma+\delta+1+m)}
            {(\alpha+x+\gamma)\,\Gamma(\delta+m)\,\Gamma(\alpha+\beta+\gamma+m)}\;
            {}_3F_2\!\left(\alpha+\beta-\delta,\ \gamma+1,\ \alpha+x+\gamma;\
            \alpha+x+\gamma+1,\ \alpha+\beta+\gamma+m;\ 1\right),

        whose k-th term shrinks like :math:`k^{-(1+\delta+m)}`. From
        :math:`m \ge m_0 = 2(|\alpha+\beta-\delta|+1)(\gamma+2)+32` its first 40
        terms give it to below 1e-22 relative, with terms no larger than twice the
        sum (checked over parameters from 0.001 to 10^4). The direct part (at
        least 64 terms) keeps the difference of the two tails from losing more
        than about :math:`\log_{10}(n/(64(\alpha+x+\gamma)))` digits. The direct
        terms follow from the row's first by their ratios
        :math:`a_{j+1}/a_j = (\beta+j-x)(\delta+j)/((\alpha+\beta+j)(\gamma+\delta+1+j))`.
        Cost per evaluation: (distinct rows) x (at most max(64, :math:`m_0`) direct
        terms + 2 x 40 series terms), whatever n; when :math:`m_0 \ge n` (very
        large :math:`\gamma` or :math:`|\alpha+\beta-\delta|`) every term is
        added directly, (distinct rows) x n. Agreement with the term-by-term sum:
        about 1e-11 relative up to n = 3,650 (tests/test_models_bgbb.py). The
        gradient is exact: running sums of the ratios' derivatives for the
        direct terms, digamma differences for the tails' factors, and the
        series' term derivatives carried along its recurrence.
        """
        alpha, beta, gamma, delta = params
        base_ab, base_gd = betaln(alpha, beta), betaln(gamma, delta)
        alive = betaln(alpha + x, beta + n - x) - base_ab + betaln(gamma, delta + n) - base_gd
        xf, txf, nf = (np.asarray(v, dtype=float) for v in (x, tx, n))
        m0 = float(np.ceil(2.0 * (abs(alpha + beta - delta) + 1.0) * (gamma + 2.0))) + 32.0
        split = np.maximum(txf + _DIRECT_TERMS, m0)  # m*: where the tails take over
        use_tail = nf > split
        stop = np.where(use_tail, split, nf)  # the direct part is j = t_x .. stop - 1
        width = int(np.max(stop - txf, initial=0))
        offsets = np.arange(max(width, 1), dtype=float)[None, :]
        inside = offsets < (stop - txf)[:, None]
        # a_{j+1} / a_j = (beta+j-x)(delta+j) / ((alpha+beta+j)(gamma+delta+1+j)): the direct
        # terms relative to the row's first (and largest) one, a_{t_x}, by their ratios
        j = txf[:, None] + offsets[:, :-1]
        xx = xf[:, None]
        inv = [1.0 / (beta + j - xx), 1.0 / (alpha + beta + j), 1.0 / (delta + j),
               1.0 / (gamma + delta + 1 + j)]
        ratio = inv[1] * inv[3] / (inv[0] * inv[2])
        first = np.ones((xf.size, 1))
        scaled = np.where(inside, np.hstack([first, np.cumprod(ratio, axis=1)]), 0.0)
        ref = _log_term(params, xf, txf)  # log a_{t_x}
        total_scaled_direct = scaled.sum(axis=1)
        total_scaled = total_scaled_direct.copy()
        tails = np.flatnonzero(use_tail)  # rows whose sum ends in a difference of two tails
        tail_value = {}
        if tails.size:
            # both tails of every such row in one pass: R(m*) and R(n)
            mm = np.concatenate([split[tails], nf[tails]])
            xt = np.concatenate([xf[tails], xf[tails]])
            log_front = _log_term(params, xt, mm) + _log_tail_factor(params, xt, mm)
            series, d_series = _tail_series(params, xt, mm, gradient)
            sign = np.repeat([1.0, -1.0], tails.size)
            front = sign * np.exp(log_front - np.concatenate([ref[tails], ref[tails]]))
            tail_value = {"front": front, "series": series, "d_series": d_series, "m": mm,
                          "x": xt}
            total_scaled[tails] += (front * series).reshape(2, -1).sum(axis=0)
        empty = txf >= nf  # bought at the last opportunity: no drop-out term
        with np.errstate(divide="ignore", invalid="ignore"):
            died = np.where(empty, -np.inf, ref + np.log(total_scaled))
            total = np.logaddexp(alive, died)
        if not gradient:
            return total, None
        d_a, d_b, d_ab = digamma(alpha), digamma(beta), digamma(alpha + beta)
        d_g, d_d, d_gd = digamma(gamma), digamma(delta), digamma(gamma + delta)
        # derivatives of log(alive)
        alive_grad = np.array([
            digamma(alpha + x) - digamma(alpha + beta + n) - d_a + d_ab,
            digamma(beta + n - x) - digamma(alpha + beta + n) - d_b + d_ab,
            d_g - digamma(gamma + delta + n) - d_g + d_gd,
            digamma(delta + n) - digamma(gamma + delta + n) - d_d + d_gd,
        ])
        # d(S / a_{t_x}), rows alpha, beta, gamma, delta: d log(a_j / a_{t_x}) is the running
        # sum of d log(a_{l+1} / a_l) over l = t_x .. j-1
        d_log_ratio = [-inv[1], inv[0] - inv[1], -inv[3], inv[2] - inv[3]]
        zero = np.zeros((xf.size, 1))
        d_scaled = np.stack([
            np.sum(scaled * np.hstack([zero, np.cumsum(d, axis=1)]), axis=1)
            for d in d_log_ratio])
        d_scaled += total_scaled_direct * _log_term_gradient(params, xf, txf)
        if tails.size:
            t = tail_value
            d_log_front = (_log_term_gradient(params, t["x"], t["m"])
                           + _log_tail_factor_gradient(params, t["x"], t["m"]))
            d_tail = t["front"] * (t["series"] * d_log_front + t["d_series"])
            d_scaled[:, tails] += d_tail.reshape(4, 2, -1).sum(axis=1)
        share_alive = np.exp(alive - total)
        share_died = np.exp(died - total)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean_dl = np.where(empty, 0.0, d_scaled / np.where(empty, 1.0, total_scaled))
        grad = share_alive * alive_grad + share_died * mean_dl
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
            # telescoping closed form, as in FHS (2010)'s E[X(n)]; the gamma-function ratios
            # Gamma(1+delta+m) / Gamma(gamma+delta+m) as Pochhammer symbols, accurate for
            # any m (a difference of log-gammas loses every digit near m = 2^53)
            def f(m: np.ndarray) -> np.ndarray:
                return 1.0 / poch(1 + delta + m, gamma - 1)

            const = delta / (gamma - 1) * poch(1 + delta, gamma - 1)
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
        nn = _count("n", n, minimum=1)
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
        m = _count("periods_ahead", periods_ahead, minimum=0)
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
        future = _count("n", n, minimum=0)
        x, tx, nn = check_summary(frequency, recency, n_periods)
        log_front = betaln(alpha + x + 1, beta + nn - x) - betaln(alpha, beta)
        out = np.exp(log_front - self._log_likelihood(params, x, tx, nn))
        out = out * self._alive_sum(nn, np.full(nn.size, future))
        return wrap_output(out, frequency, recency, n_periods)
