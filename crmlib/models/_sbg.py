"""Shifted-beta-geometric (sBG) model of contract duration (合约情境下的客户保留模型).

Each customer renews at the end of every period with her own probability
:math:`1-\\theta`; :math:`\\theta` varies across customers as a beta
distribution. Fitted to one cohort's survivor counts it projects retention,
survival and discounted expected (residual) lifetimes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.special import betaln, digamma, hyp2f1, logsumexp

from crmlib._messages import fail
from crmlib._validation import check_array, check_integer, check_positive
from crmlib.models._mle import FittedModel, Mixing, check_initial_params, fit_positive_params
from crmlib.models._repeat_buying import wrap_output

__all__ = ["ShiftedBetaGeometric"]

#: longest projection table (one row per period)
MAX_PROJECTED_PERIODS = 100_000

ArrayLike = float | int | Sequence[float] | np.ndarray | pd.Series


def _check_survivors(survivors: object) -> np.ndarray:
    values = check_array("survivors", survivors, minimum=0)
    if values.size < 2:
        raise ValueError(
            "survivors must hold at least 2 counts (the cohort size and one later year); "
            f"got {values.size}"
        )
    whole = values != np.round(values)
    if whole.any():
        i = int(np.flatnonzero(whole)[0])
        raise fail(ValueError, "survivors_whole", i=i, got=f"{values[i]:g}")
    if values[0] <= 0:
        raise fail(ValueError, "survivors_start", got=f"{values[0]:g}")
    rises = np.flatnonzero(np.diff(values) > 0)
    if rises.size:
        i = int(rises[0]) + 1
        raise fail(ValueError, "survivors_rise", i=i, got=f"{values[i]:g}",
                   before=f"{values[i - 1]:g}")
    return values


def _periods(name: str, t: object, minimum: int) -> tuple[np.ndarray, bool]:
    """Whole-number periods as an int array, plus whether the input was a scalar."""
    scalar = np.ndim(t) == 0
    values = check_array(name, t, minimum=minimum)
    if (values != np.round(values)).any():
        i = int(np.flatnonzero(values != np.round(values))[0])
        raise ValueError(f"{name} must contain only whole numbers of periods; entry {i} is "
                         f"{values[i]:g}")
    if (values > 2**53).any():  # beyond exact whole numbers in floating point
        i = int(np.flatnonzero(values > 2**53)[0])
        raise ValueError(f"{name} must be at most 2^53 periods; entry {i} is {values[i]:g}")
    return values.astype(np.int64), scalar


#: most terms summed for the discounted lifetime where SciPy's hyp2f1 is not finite
_MAX_TERMS = 20_000_000


def _discounted_2f1(alpha: float, b: float, d: float) -> float:
    """2F1(1, b; alpha + b; 1/(1+d)) = sum_k B(alpha, b+k)/B(alpha, b) (1+d)^-k.

    SciPy's ``hyp2f1`` is used where it is finite; for extreme parameters
    (a nearly homogeneous cohort has very large alpha and beta) the defining
    series is summed in log-space instead; its terms fall at least as fast as
    (1+d)^-k.
    """
    value = float(hyp2f1(1.0, b, alpha + b, 1.0 / (1.0 + d)))
    if np.isfinite(value):
        return value
    with np.errstate(over="ignore", divide="ignore"):  # a tiny d: capped just below
        needed = np.ceil(40.0 / np.log1p(d)) + 10
    n_terms = int(min(needed, _MAX_TERMS))
    k = np.arange(n_terms, dtype=float)
    log_terms = betaln(alpha, b + k) - betaln(alpha, b) - k * np.log1p(d)
    log_sum = logsumexp(log_terms)
    # the terms fall at least as fast as (1+d)^-k; when the cap cuts the series first, the
    # sum is kept only if its last term is negligible (a cohort with alpha <= 1 and d near 0
    # has a discounted lifetime with no useful bound: an error, never the cut sum)
    if needed > _MAX_TERMS and log_terms[-1] + np.log(n_terms) - log_sum > np.log(1e-12):
        raise ValueError(
            f"discount_rate is too small for this cohort (alpha = {alpha:.4g}): its discounted "
            f"lifetime has not converged after {_MAX_TERMS:,} periods; give a larger "
            f"discount_rate; got {d!r}")
    return float(np.exp(log_sum))


class ShiftedBetaGeometric(FittedModel):
    """Shifted-beta-geometric model of customer retention (sBG; 客户保留率预测).

    Attributes
    ----------
    params_ : dict
        ``{"alpha": ..., "beta": ...}``, the beta distribution of the
        per-period churn probability :math:`\\theta`.
    log_likelihood_ : float
        Maximised log-likelihood.
    covariance_ : numpy.ndarray
        Inverse Hessian of the negative log-likelihood (used by ``summary()``).
    survivors_ : numpy.ndarray
        The survivor counts the model was fitted to.

    Notes
    -----
    With :math:`T` the period in which a customer churns,

    .. math::

        P(T=t) = \\frac{B(\\alpha+1, \\beta+t-1)}{B(\\alpha, \\beta)}, \\quad
        S(t) = \\frac{B(\\alpha, \\beta+t)}{B(\\alpha, \\beta)}, \\quad
        r_t = \\frac{\\beta+t-1}{\\alpha+\\beta+t-1}.

    The retention rate :math:`r_t` rises with :math:`t` because the customers
    most likely to churn leave first (heterogeneity, not loyalty growth).

    References
    ----------
    .. [1] Fader, P. S. and Hardie, B. G. S. (2007), "How to Project Customer
       Retention", *Journal of Interactive Marketing* 21(1), 76-90 (the sBG
       model, its retention-rate curve, and the Appendix on estimation).
    .. [2] Fader, P. S. and Hardie, B. G. S. (2010), "Customer-Base Valuation
       in a Contractual Setting: The Perils of Ignoring Heterogeneity",
       *Marketing Science* 29(1), 85-93 (DEL and DERL).

    Examples
    --------
    >>> model = ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
    >>> {k: round(v, 3) for k, v in model.params_.items()}
    {'alpha': 0.704, 'beta': 1.182}
    """

    _param_names = ("alpha", "beta")
    _mixings = (Mixing("beta", ("alpha", "beta"), "churn probability per period",
                       never="no customer churns"),)

    def __init__(self) -> None:
        super().__init__()
        self.survivors_: np.ndarray | None = None

    # ------------------------------------------------------------------ fitting
    @staticmethod
    def _objective(params: np.ndarray, survivors: np.ndarray) -> tuple[float, np.ndarray]:
        """Negative log-likelihood and its exact gradient (digamma differences)."""
        alpha, beta = params
        n = survivors.size - 1
        t = np.arange(1, n + 1)
        churned = survivors[:-1] - survivors[1:]
        base = betaln(alpha, beta)
        log_p = betaln(alpha + 1, beta + t - 1) - base
        log_s = betaln(alpha, beta + n) - base
        d_ab = digamma(alpha + beta)
        d_abt = digamma(alpha + beta + t)
        dp_alpha = digamma(alpha + 1) - d_abt - digamma(alpha) + d_ab
        dp_beta = digamma(beta + t - 1) - d_abt - digamma(beta) + d_ab
        d_abn = digamma(alpha + beta + n)
        ds_alpha = d_ab - d_abn
        ds_beta = digamma(beta + n) - d_abn - digamma(beta) + d_ab
        last = survivors[-1]
        ll = float(np.sum(np.where(churned > 0, churned * log_p, 0.0)))
        ll += last * log_s if last > 0 else 0.0
        grad = np.array([churned @ dp_alpha + last * ds_alpha,
                         churned @ dp_beta + last * ds_beta])
        return -ll, -grad

    def fit(
        self, survivors: ArrayLike, *, initial_params: Mapping[str, float] | None = None
    ) -> ShiftedBetaGeometric:
        """Fit the sBG model to one cohort's survivor counts by maximum likelihood.

        Parameters
        ----------
        survivors : sequence of int or pandas.Series
            Customers still active at the start of periods 0, 1, ..., n: the
            cohort size first, then never increasing; at least 2 counts.
        initial_params : dict, optional
            Starting values ``{"alpha": ..., "beta": ...}`` (> 0); default 1 each.

        Returns
        -------
        ShiftedBetaGeometric
            The fitted model (``self``).

        Notes
        -----
        With :math:`n_t` survivors at the start of period :math:`t`,

        .. math::

            LL(\\alpha, \\beta) = \\sum_{t=1}^{n} (n_{t-1} - n_t)\\, \\ln P(T=t)
            + n_n \\ln S(n).

        References
        ----------
        .. [1] Fader and Hardie (2007), the sBG log-likelihood and its Appendix.

        Examples
        --------
        >>> m = ShiftedBetaGeometric().fit([1000, 869, 743, 653, 593, 551, 517, 491])
        >>> round(m.params_["alpha"], 3), round(m.params_["beta"], 3)
        (0.668, 3.806)
        """
        data = _check_survivors(survivors)
        x0 = check_initial_params(initial_params, self._param_names, (1.0, 1.0))
        params, ll, cov = fit_positive_params(
            lambda p, gradient: self._objective(p, data),
            x0,
            model_name="sBG",
            param_names=self._param_names,
            mixings=self._mixings,
            # With no heterogeneity the sBG is the geometric model, whose churn
            # estimate is customers lost / customer-periods at risk.
            homogeneous={self._mixings[0].quantity:
                         float(data[0] - data[-1]) / float(np.sum(data[:-1]))},
        )
        self._set_fit(params, ll, cov, float(data[0]))
        self.survivors_ = data
        return self

    def _ab(self) -> tuple[float, float]:
        self._check_fitted()
        return self.params_["alpha"], self.params_["beta"]

    # ------------------------------------------------------------------ predictions
    def churn_probability(self, t: ArrayLike) -> float | np.ndarray:
        """Probability that a new customer churns in period ``t`` (流失概率), P(T = t).

        Parameters
        ----------
        t : int or array of int
            Period(s), at least 1.

        Returns
        -------
        float or numpy.ndarray

        Notes
        -----
        .. math:: P(T=t) = \\frac{B(\\alpha+1, \\beta+t-1)}{B(\\alpha, \\beta)}

        References
        ----------
        .. [1] Fader and Hardie (2007), P(T = t) of the sBG model.

        Examples
        --------
        >>> m = ShiftedBetaGeometric().fit([1000, 631, 468, 382])
        >>> round(m.churn_probability(1), 4) == round(1 - m.survival(1), 4)
        True
        """
        alpha, beta = self._ab()
        tt, _ = _periods("t", t, 1)
        return wrap_output(np.exp(betaln(alpha + 1, beta + tt - 1) - betaln(alpha, beta)), t)

    def survival(self, t: ArrayLike) -> float | np.ndarray:
        """Share of a cohort still active after ``t`` periods (生存率), S(t) = P(T > t).

        Parameters
        ----------
        t : int or array of int
            Period(s), 0 or more; S(0) = 1.

        Returns
        -------
        float or numpy.ndarray

        Notes
        -----
        .. math:: S(t) = \\frac{B(\\alpha, \\beta+t)}{B(\\alpha, \\beta)}

        References
        ----------
        .. [1] Fader and Hardie (2007), S(t) of the sBG model.

        Examples
        --------
        >>> m = ShiftedBetaGeometric().fit([1000, 631, 468, 382])
        >>> m.survival(0)
        1.0
        """
        alpha, beta = self._ab()
        tt, _ = _periods("t", t, 0)
        return wrap_output(np.exp(betaln(alpha, beta + tt) - betaln(alpha, beta)), t)

    def retention_rate(self, t: ArrayLike) -> float | np.ndarray:
        """Retention rate from period ``t-1`` to ``t`` (保留率), r_t = S(t) / S(t-1).

        Parameters
        ----------
        t : int or array of int
            Period(s), at least 1.

        Returns
        -------
        float or numpy.ndarray

        Notes
        -----
        .. math:: r_t = \\frac{\\beta+t-1}{\\alpha+\\beta+t-1}

        References
        ----------
        .. [1] Fader and Hardie (2007), the retention-rate expression.

        Examples
        --------
        >>> m = ShiftedBetaGeometric().fit([1000, 631, 468, 382])
        >>> bool(m.retention_rate(2) > m.retention_rate(1))
        True
        """
        alpha, beta = self._ab()
        tt, _ = _periods("t", t, 1)
        return wrap_output((beta + tt - 1) / (alpha + beta + tt - 1), t)

    def project(self, n_periods: int, cohort_size: float | None = None) -> pd.DataFrame:
        """Projected survival and survivors of a cohort for periods 0..``n_periods``.

        Parameters
        ----------
        n_periods : int
            Last period to project, 1 to 100,000 (one table row per period).
        cohort_size : float, optional
            Customers at period 0 (> 0). Default: the fitted cohort's size, or
            1 for a model made with :meth:`from_params` (survivors are then
            the expected share still active).

        Returns
        -------
        pandas.DataFrame
            Indexed by ``period``, with ``survival`` (S(t)), ``expected_survivors``
            (cohort size × S(t)), ``retention_rate`` (r_t; NaN in period 0) and
            ``observed`` (the fitted survivor counts; NaN beyond them).

        References
        ----------
        .. [1] Fader and Hardie (2007), projections for years 8-12.

        Examples
        --------
        >>> m = ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
        >>> m.project(12)["expected_survivors"].round().iloc[[0, 12]].tolist()  # 173 observed
        [1000.0, 170.0]
        """
        self._check_fitted()
        n = check_integer("n_periods", n_periods, minimum=1)
        if n > MAX_PROJECTED_PERIODS:
            raise ValueError(f"n_periods must be at most {MAX_PROJECTED_PERIODS} (one table row "
                             f"per period); got {n_periods!r}")
        fitted = self.survivors_ if self.survivors_ is not None else np.empty(0)
        if cohort_size is None:
            size = float(fitted[0]) if fitted.size else 1.0
        else:
            size = check_positive("cohort_size", cohort_size)
        t = np.arange(n + 1)
        observed = np.full(n + 1, np.nan)
        k = min(n + 1, fitted.size)
        observed[:k] = fitted[:k]
        survival = self.survival(t)
        retention = np.concatenate([[np.nan], self.retention_rate(t[1:])])
        return pd.DataFrame(
            {
                "survival": survival,
                "expected_survivors": size * survival,
                "retention_rate": retention,
                "observed": observed,
            },
            index=pd.Index(t, name="period"),
        )

    def discounted_expected_lifetime(self, discount_rate: float) -> float:
        """Discounted expected lifetime of a just-acquired customer (DEL, 折现期望生命周期).

        The expected present value of one unit paid at the start of every
        period the customer is active, the first payment at time 0; multiply by
        the margin per period to get the expected lifetime value.

        Parameters
        ----------
        discount_rate : float
            Per-period discount rate d, greater than 0.

        Returns
        -------
        float

        Notes
        -----
        .. math::

            DEL = \\sum_{t=0}^{\\infty} \\frac{S(t)}{(1+d)^t}
            = {}_2F_1\\!\\left(1, \\beta; \\alpha+\\beta; \\tfrac{1}{1+d}\\right)

        References
        ----------
        .. [1] Fader and Hardie (2010), Marketing Science 29(1), eq. for E(DEL).

        Examples
        --------
        >>> m = ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
        >>> bool(m.discounted_expected_lifetime(0.1) > 1)
        True
        """
        alpha, beta = self._ab()
        d = check_positive("discount_rate", discount_rate)
        return _discounted_2f1(alpha, beta, d)

    def discounted_expected_residual_lifetime(
        self, discount_rate: float, n_renewals: int
    ) -> float:
        """Discounted expected residual lifetime of a customer with ``n_renewals`` renewals (DERL).

        Evaluated just before the customer's next renewal decision (the
        ``n_renewals + 1``-th), counting the payment of that renewal
        undiscounted; multiply by the margin per period to get the residual
        lifetime value (剩余客户终身价值).

        Parameters
        ----------
        discount_rate : float
            Per-period discount rate d, greater than 0.
        n_renewals : int
            Renewals made so far, n - 1 in the paper's notation (0 or more).

        Returns
        -------
        float

        Notes
        -----
        .. math::

            DERL(d \\mid n-1 \\text{ renewals}) = \\sum_{t=n}^{\\infty}
            \\frac{S(t)/S(n-1)}{(1+d)^{t-n}} = \\frac{\\beta+n-1}{\\alpha+\\beta+n-1}\\,
            {}_2F_1\\!\\left(1, \\beta+n; \\alpha+\\beta+n; \\tfrac{1}{1+d}\\right)

        References
        ----------
        .. [1] Fader and Hardie (2010), Marketing Science 29(1), eq. for E(DERL).

        Examples
        --------
        >>> m = ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
        >>> d0, d5 = (m.discounted_expected_residual_lifetime(0.1, k) for k in (0, 5))
        >>> bool(d5 > d0)
        True
        """
        alpha, beta = self._ab()
        d = check_positive("discount_rate", discount_rate)
        n = check_integer("n_renewals", n_renewals, minimum=0) + 1
        ratio = (beta + n - 1) / (alpha + beta + n - 1)
        return ratio * _discounted_2f1(alpha, beta + n, d)
