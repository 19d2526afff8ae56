"""BG/NBD model of repeat buying (Fader, Hardie & Lee 2005)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import betaln, digamma, gammaln, hyp2f1

from crmlib._validation import check_finite
from crmlib.models._mle import Mixing
from crmlib.models._repeat_buying import (
    ArrayLike,
    RepeatBuyingModel,
    check_customers,
    check_purchase_counts,
    check_times,
    wrap_output,
)

__all__ = ["BetaGeo"]

_A_EPS = 1e-6  # half-width of the bracket used at the removable singularity a = 1

# Gauss-Legendre rule on (0, 1) for the quantile form of the drop-out integral.
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(128)
_U, _U_WEIGHTS = (_NODES + 1) / 2, _WEIGHTS / 2
_CHUNK = 20_000  # customers per block in the quadrature (bounds its memory to ~20 MB)


#: longest horizon, in multiples of alpha + T, for the quadrature fallback of ``_growth``
_QUADRATURE_MAX_RATIO = 1e4


class BetaGeo(RepeatBuyingModel):
    r"""BG/NBD model of repeat buying: how often customers buy, and when they drop out.

    (Beta-geometric / negative binomial distribution model, 顾客购买次数与流失模型.)
    While "alive" a customer buys at Poisson rate :math:`\lambda`; after each
    purchase they drop out for good with probability :math:`p`. Across
    customers :math:`\lambda \sim \text{Gamma}(r, \alpha)` (shape, rate) and
    :math:`p \sim \text{Beta}(a, b)`. Time is in the unit of ``recency`` and
    ``T`` (weeks in the paper); ``alpha`` carries that unit.

    Attributes
    ----------
    params_ : dict
        ``{"r", "alpha", "a", "b"}`` after :meth:`fit` (or :meth:`from_params`).
    log_likelihood_ : float
        Maximised log-likelihood.
    covariance_ : numpy.ndarray
        Inverse Hessian of the negative log-likelihood (for :meth:`summary`).
    n_customers_ : float
        Number of customers (sum of weights) used in the fit.

    Notes
    -----
    Per-period inputs and the output convention are described in
    :mod:`crmlib.models._repeat_buying`: a ``pandas.Series`` in gives a Series
    out (same index), single numbers give a ``float``, anything else a NumPy array.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting Your
    Customers" the Easy Way: An Alternative to the Pareto/NBD Model.
    *Marketing Science* 24(2), 275-284.

    Examples
    --------
    Published CDNOW estimates (FHL 2005, Sec. 5); the customer of the paper's
    worked example (2 repeat purchases, the last at week 30.43, observed for
    38.86 weeks) is expected to buy 1.226 times in the next 39 weeks:

    >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> round(model.conditional_expected_purchases(39, 2, 30.43, 38.86), 3)
    1.226
    """

    _param_names = ("r", "alpha", "a", "b")
    _model_name = "BG/NBD (BetaGeo)"
    _mixings = (
        Mixing("gamma", ("r", "alpha"), "purchase rate", never="no customer buys again"),
        Mixing("beta", ("a", "b"), "drop-out probability after a purchase",
               never="no customer appears to drop out"),
    )

    def fit(
        self,
        frequency: ArrayLike,
        recency: ArrayLike,
        T: ArrayLike,
        weights: ArrayLike | None = None,
        *,
        initial_params: Mapping[str, float] | None = None,
    ) -> BetaGeo:
        r"""Estimate ``r, alpha, a, b`` by maximum likelihood.

        Parameters
        ----------
        frequency : array-like of int
            Repeat purchases x of each customer in the calibration period (>= 0).
        recency : array-like of float
            Time of the last repeat purchase t_x, from the first purchase
            (0 <= t_x <= T; 0 when x = 0), in the model's time unit.
        T : array-like of float
            Time from the first purchase to the end of calibration (> 0).
        weights : array-like of float, optional
            Number of customers sharing each row (> 0); default 1 per row.
        initial_params : dict, optional
            Starting values ``{"r", "alpha", "a", "b"}`` (all > 0).

        Returns
        -------
        BetaGeo
            ``self``, fitted.

        Raises
        ------
        ConvergenceError
            If the optimiser fails; the message says what to try.

        Notes
        -----
        Customer log-likelihood (FHL 2005, eq. 6), summed with ``weights``:

        .. math::

            L = \frac{B(a, b+x)}{B(a, b)}
                \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)\,(\alpha+T)^{r+x}}
              + \delta_{x>0}\,\frac{B(a+1, b+x-1)}{B(a, b)}
                \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)\,(\alpha+t_x)^{r+x}}

        evaluated in log-space (``gammaln``, ``betaln``, ``logaddexp``).

        Examples
        --------
        The CDNOW sample with a 39-week calibration period (the data of Fader,
        Hardie & Lee 2005) gives the published estimates:

        >>> from crmlib.datasets import load_cdnow
        >>> from crmlib.transactions import rfm_summary
        >>> s = rfm_summary(load_cdnow("sample"), freq="W", calibration_end="1997-09-30")
        >>> fitted = BetaGeo().fit(s["frequency"], s["recency"], s["T"])
        >>> {k: round(v, 3) for k, v in fitted.params_.items()}
        {'r': 0.243, 'alpha': 4.414, 'a': 0.793, 'b': 2.426}
        """
        return self._fit(frequency, recency, T, weights, initial_params)  # type: ignore[return-value]

    def _default_start(self, x: np.ndarray, T: np.ndarray) -> list[float]:
        r0, alpha0, _, _ = super()._default_start(x, T)
        return [r0, alpha0, 1.0, 1.0]

    def _customer_log_likelihood(
        self, params: np.ndarray, x: np.ndarray, tx: np.ndarray, T: np.ndarray
    ) -> np.ndarray:
        return self._log_likelihood_and_gradient(params, x, tx, T, gradient=False)[0]

    def _log_likelihood_and_gradient(
        self, params: np.ndarray, x: np.ndarray, tx: np.ndarray, T: np.ndarray,
        gradient: bool = True,
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Per-row log-likelihood and its exact gradient (rows r, alpha, a, b).

        Terms that depend on the customer only through x (gamma, beta and
        digamma functions) are computed once per distinct x.
        """
        r, alpha, a, b = params
        xs, which = np.unique(x, return_inverse=True)
        which = which.reshape(-1)
        repeat_s = xs > 0
        xs1 = np.where(repeat_s, xs, 1.0)
        ab = betaln(a, b)
        log_a = (gammaln(r + xs) - gammaln(r) + r * np.log(alpha))[which]
        beta1 = (betaln(a, b + xs) - ab)[which]
        beta2 = (betaln(a + 1, b + xs1 - 1) - ab)[which]
        repeat = x > 0
        x_safe = np.where(repeat, x, 1.0)
        log_t = np.log(alpha + T)
        log_tx = np.log(alpha + tx)
        term1 = beta1 - (r + x) * log_t
        term2 = beta2 - (r + x_safe) * log_tx
        both = np.logaddexp(term1, term2)
        ll = log_a + np.where(repeat, both, term1)
        if not gradient:
            return ll, None
        # share of the "alive at T" term in the likelihood: 1 for x = 0
        w1 = np.where(repeat, np.exp(term1 - both), 1.0)
        w2 = 1.0 - w1
        d_ab = digamma(a + b)
        d_abx = digamma(a + b + xs)
        d_b = digamma(b)
        g_r = (digamma(r + xs) - digamma(r) + np.log(alpha))[which]
        g_a1 = (d_ab - d_abx)[which]
        g_a2 = g_a1 + (digamma(a + 1) - digamma(a))
        g_b1 = (digamma(b + xs) - d_abx - d_b + d_ab)[which]
        g_b2 = (digamma(b + xs1 - 1) - d_abx - d_b + d_ab)[which]
        grad = np.empty((4, x.size))
        grad[0] = g_r - w1 * log_t - w2 * log_tx
        grad[1] = r / alpha - (r + x) * (w1 / (alpha + T) + w2 / (alpha + tx))
        grad[2] = w1 * g_a1 + w2 * g_a2
        grad[3] = w1 * g_b1 + w2 * g_b2
        return ll, grad

    # ------------------------------------------------------------------ predictions
    def _growth(self, x: np.ndarray, base: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Expected purchases in (base, base + t] of a customer certainly alive at ``base``.

        ``(a+b+x-1)/(a-1) * [1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)]`` with
        ``z = t / (alpha + base + t)``: the paper's hypergeometric term after Euler's
        transformation, which keeps its parameters bounded for large x.
        """
        r, alpha, a, b = self._params()
        z = t / (alpha + base + t)

        def at(a_: float) -> np.ndarray:
            hyp = hyp2f1(a_ + b - 1 - r, a_ - 1, a_ + b + x - 1, z)
            return (a_ + b + x - 1) / (a_ - 1) * -np.expm1((a_ - 1) * np.log1p(-z) + np.log(hyp))

        with np.errstate(all="ignore"):
            if abs(a - 1) >= _A_EPS:
                out = at(a)
            else:  # removable singularity at a = 1: interpolate between two nearby points
                w = (a - (1 - _A_EPS)) / (2 * _A_EPS)
                out = (1 - w) * at(1 - _A_EPS) + w * at(1 + _A_EPS)
        # 0 <= E <= (r+x) t / (alpha+base), the value with no drop-out. Where the
        # hypergeometric series fails (parameters in the thousands, as fits near the
        # no-heterogeneity limit return) or leaves that range, integrate instead.
        with np.errstate(over="ignore"):  # an infinite ceiling: no bound left to check
            ceiling = (r + x) * t / (alpha + base)
        bad = ~np.isfinite(out) | (out < 0) | (out > ceiling * (1 + 1e-9))
        if np.any(bad):
            # the quadrature resolves horizons up to _QUADRATURE_MAX_RATIO x (alpha + T);
            # beyond, it would return a plausible but wrong (too small) number
            too_long = bad & (t / (alpha + base) > _QUADRATURE_MAX_RATIO)
            if np.any(too_long):
                i = int(np.flatnonzero(too_long)[0])
                raise ValueError(
                    f"t must be at most {_QUADRATURE_MAX_RATIO:,.0f} x (alpha + T) "
                    f"= {_QUADRATURE_MAX_RATIO * (alpha + base[i]):,.0f} for these parameters "
                    f"(a = {a:.4g}), where the expected purchases can be computed reliably; "
                    f"got t={t[i]:g}")
            out = np.where(bad, 0.0, out)
            out[bad] = self._growth_by_quadrature(x[bad], base[bad], t[bad])
        return out

    def _growth_by_quadrature(self, x: np.ndarray, base: np.ndarray, t: np.ndarray) -> np.ndarray:
        """The same expectation as :meth:`_growth`, by quadrature over the drop-out probability.

        Given alive with x purchases, p ~ Beta(a, b+x) and lambda ~ Gamma(r+x, alpha+base), and
        E[X | lambda, p] = (1 - exp(-lambda p t)) / p; the lambda-expectation is closed-form,
        ``h(p) = (1 - (1 + p t/(alpha+base))^-(r+x)) / p``, and E[h(p)] is integrated over
        the quantiles u of p (p = F^-1(u)), where h is smooth and bounded for every (a, b).
        """
        r, alpha, a, b = self._params()
        out = np.empty(x.shape)
        for xv in np.unique(x):
            p = stats.beta.ppf(_U, a, b + xv)
            rows = np.flatnonzero(x == xv)
            for start in range(0, rows.size, _CHUNK):
                chunk = rows[start:start + _CHUNK]
                scale = t[chunk] / (alpha + base[chunk])
                pt = np.outer(scale, p)
                with np.errstate(divide="ignore", invalid="ignore"):
                    h = np.where(p > 0, -np.expm1(-(r + xv) * np.log1p(pt)) / p,
                                 (r + xv) * scale[:, None])
                out[chunk] = h @ _U_WEIGHTS
        return out

    def expected_purchases(self, t: ArrayLike) -> float | np.ndarray:
        r"""Expected repeat purchases of a new customer in (0, t]: E[X(t)].

        Parameters
        ----------
        t : float or array-like
            Time since the first purchase (>= 0), in the model's time unit.

        Returns
        -------
        float or numpy.ndarray
            E[X(t)], a float for a single ``t``.

        Notes
        -----
        FHL 2005, eq. 7:

        .. math::

            E[X(t)] = \frac{a+b-1}{a-1}\left[1 - \left(\frac{\alpha}{\alpha+t}\right)^r
                      {}_2F_1\!\left(r, b; a+b-1; \frac{t}{\alpha+t}\right)\right]

        References
        ----------
        Fader, Hardie & Lee (2005), *Marketing Science* 24(2), eq. 7.

        Examples
        --------
        >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> round(model.expected_purchases(78), 2)  # Hardie's CDNOW worksheet: 1.8576
        1.86
        """
        tt = check_times("t", t)
        out = self._growth(np.zeros_like(tt), np.zeros_like(tt), tt)
        return wrap_output(out, t, name="expected_purchases")

    def probability_alive(
        self, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
    ) -> float | np.ndarray | pd.Series:
        r"""Probability that each customer is still active ("alive") at T. (存活概率)

        Parameters
        ----------
        frequency, recency, T : array-like
            RFM summary, as in :meth:`fit`.

        Returns
        -------
        float, numpy.ndarray or pandas.Series
            P(alive) in [0, 1]; exactly 1 for customers with frequency 0.

        Notes
        -----
        .. math::

            P(\text{alive} \mid x, t_x, T) = \left[1 + \delta_{x>0}\,\frac{a}{b+x-1}
            \left(\frac{\alpha+T}{\alpha+t_x}\right)^{r+x}\right]^{-1}

        computed as a logistic function of the log-odds.

        References
        ----------
        Fader, Hardie & Lee (2005), *Marketing Science* 24(2), Sec. 5 and
        appendix; Fader, Hardie & Lee (2008), "Computing P(alive) Using the
        BG/NBD Model", note no. 021.

        Examples
        --------
        >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> model.probability_alive(0, 0, 38.86)
        1.0
        """
        x, tx, age = check_customers(frequency, recency, T)
        out = self._p_alive(x, tx, age)
        return wrap_output(out, frequency, recency, T, name="probability_alive")

    def _p_alive(self, x: np.ndarray, tx: np.ndarray, T: np.ndarray) -> np.ndarray:
        r, alpha, a, b = self._params()
        # log-odds of "dead", log a - log(b+x-1) + (r+x) log((alpha+T)/(alpha+t_x)), built in
        # two buffers (log and exp are vectorised where a power is not, and fresh arrays cost
        # page faults); x = 0 is set at the end
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            tmp = np.add(tx, alpha)
            odds = np.add(T, alpha)
            odds /= tmp
            np.log(odds, out=odds)
            np.add(x, r, out=tmp)
            odds *= tmp
            np.add(x, b - 1.0, out=tmp)
            np.log(tmp, out=tmp)
            odds -= tmp
            odds += np.log(a)
            np.exp(odds, out=odds)
            odds += 1.0
            out = np.reciprocal(odds, out=odds)
        np.putmask(out, x == 0, 1.0)  # one-time buyers are alive for sure
        return out

    def conditional_expected_purchases(
        self, t: ArrayLike, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
    ) -> float | np.ndarray | pd.Series:
        r"""Expected purchases of each customer in the next ``t`` time units, given their history.

        Parameters
        ----------
        t : float or array-like
            Length of the future period (>= 0), in the model's time unit.
        frequency, recency, T : array-like
            RFM summary of the calibration period, as in :meth:`fit`.

        Returns
        -------
        float, numpy.ndarray or pandas.Series
            E[Y(t) | x, t_x, T] per customer.

        Notes
        -----
        FHL 2005, eq. 10:

        .. math::

            E[Y(t)\mid x, t_x, T] = \frac{\dfrac{a+b+x-1}{a-1}\left[1 -
            \left(\dfrac{\alpha+T}{\alpha+T+t}\right)^{r+x}
            {}_2F_1\!\left(r+x, b+x; a+b+x-1; \dfrac{t}{\alpha+T+t}\right)\right]}
            {1 + \delta_{x>0}\,\dfrac{a}{b+x-1}\left(\dfrac{\alpha+T}{\alpha+t_x}\right)^{r+x}}

        The hypergeometric term is evaluated after Euler's transformation,
        :math:`(1-z)^{a-1}\,{}_2F_1(a+b-1-r, a-1; a+b+x-1; z)`, which stays
        finite for large x (the "#NUM!" problem of Fader & Hardie 2013).

        References
        ----------
        Fader, Hardie & Lee (2005), *Marketing Science* 24(2), eq. 10.

        Examples
        --------
        >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> round(model.conditional_expected_purchases(39, 2, 30.43, 38.86), 3)
        1.226
        """
        x, tx, age = check_customers(frequency, recency, T)
        tt = check_times("t", t)
        try:
            x, tx, age, tt = np.broadcast_arrays(x, tx, age, tt)
        except ValueError:
            raise ValueError(
                "t must be a single number or have one entry per customer; "
                f"got {tt.size} values of t for {x.size} customers"
            ) from None
        out = self._growth(x, age, tt) * self._p_alive(x, tx, age)
        return wrap_output(out, t, frequency, recency, T, name="expected_purchases")

    def probability_of_purchases(self, x: ArrayLike, t: float) -> float | np.ndarray:
        r"""Probability that a new customer makes ``x`` repeat purchases in (0, t]: P(X(t) = x).

        Parameters
        ----------
        x : int or array-like of int
            Numbers of repeat purchases (>= 0).
        t : float
            Length of the period since the first purchase (>= 0), model time unit.

        Returns
        -------
        float or numpy.ndarray
            P(X(t) = x) for each x; a float for a single ``x``.

        Notes
        -----
        FHL 2005, eq. 8, with NB the negative binomial with shape r and
        success probability :math:`\alpha/(\alpha+t)`:

        .. math::

            P(X(t)=x) = \frac{B(a, b+x)}{B(a, b)}\,\mathrm{NB}(x)
              + \delta_{x>0}\,\frac{B(a+1, b+x-1)}{B(a, b)}
                \Big[1 - \sum_{j=0}^{x-1}\mathrm{NB}(j)\Big]

        References
        ----------
        Fader, Hardie & Lee (2005), *Marketing Science* 24(2), eq. 8.

        Examples
        --------
        >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> round(model.probability_of_purchases(0, 39), 4)
        0.5738
        """
        xs = check_purchase_counts("x", x)
        t = check_finite("t", t)
        if t < 0:
            raise ValueError(f"t must be 0 or greater; got {t!r}")
        r, alpha, a, b = self._params()
        p = alpha / (alpha + t)
        ab = betaln(a, b)
        out = np.exp(betaln(a, b + xs) - ab) * stats.nbinom.pmf(xs, r, p)
        later = xs > 0
        xl = xs[later]
        out[later] += np.exp(betaln(a + 1, b + xl - 1) - ab) * stats.nbinom.sf(xl - 1, r, p)
        return wrap_output(out, x)
