"""Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005; Fader & Hardie 2013)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy.special import digamma, gammaln

from crmlib._messages import fail
from crmlib._validation import check_array, check_results_finite
from crmlib.models._clv import discounted_clv
from crmlib.models._mle import (
    FittedModel,
    Mixing,
    check_initial_params,
    collapse_rows,
    fit_positive_params,
)
from crmlib.models._repeat_buying import ArrayLike, _at_most_2_53, wrap_output

__all__ = ["GammaGamma"]


def _check_spend_inputs(
    frequency: ArrayLike, monetary_value: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    x = check_array("frequency", frequency, minimum=0)
    mx = check_array("monetary_value", monetary_value, minimum=0)
    try:
        x, mx = (np.ascontiguousarray(a) for a in np.broadcast_arrays(x, mx))
    except ValueError:
        raise ValueError(
            "frequency and monetary_value must have the same length (or be single numbers); "
            f"got lengths {x.size} and {mx.size}"
        ) from None
    bad = np.flatnonzero(x != np.round(x))
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            "frequency must contain whole numbers (counts of repeat purchases); "
            f"customer at position {i} has {x[i]:g}"
        )
    _at_most_2_53("frequency", x)
    bad = np.flatnonzero((x > 0) & (mx == 0))
    if bad.size:
        i = int(bad[0])
        raise fail(ValueError, "spend_of_repeat_buyer", i=i, x=f"{x[i]:g}")
    return x, mx


class GammaGamma(FittedModel):
    r"""Gamma-Gamma model of the average spend per transaction. (客单价模型)

    Each transaction of a customer is worth :math:`z \sim \text{Gamma}(p, \nu)`
    (shape, rate), so the customer's mean spend is :math:`p/\nu`; across
    customers :math:`\nu \sim \text{Gamma}(q, \gamma)`. Spend is assumed
    independent of the purchase process, so the model combines with
    :class:`BetaGeo` or :class:`ParetoNBD` into a CLV
    (:meth:`customer_lifetime_value`).

    The model is fitted on **repeat customers only** (frequency >= 1), whose
    ``monetary_value`` is the mean value of their repeat transactions in the
    calibration period; :meth:`fit` raises an error for customers with
    frequency 0 instead of silently dropping them.

    Attributes
    ----------
    params_ : dict
        ``{"p", "q", "gamma"}`` after :meth:`fit` (or :meth:`from_params`).
    log_likelihood_ : float
        Maximised log-likelihood.
    covariance_ : numpy.ndarray
        Inverse Hessian of the negative log-likelihood (for :meth:`summary`).
    n_customers_ : float
        Number of repeat customers used in the fit.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: Using
    Iso-Value Curves for Customer Base Analysis. *Journal of Marketing
    Research* 42(4), 415-430. Fader, P. S. & Hardie, B. G. S. (2013). The
    Gamma-Gamma Model of Monetary Value (note no. 025).

    Examples
    --------
    Published CDNOW estimates; a customer with no repeat purchase is expected
    to spend the population mean :math:`p\gamma/(q-1)`:

    >>> model = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    >>> round(model.conditional_expected_spend(0, 0.0), 2)  # 6.25 * 15.44 / 2.74
    35.22
    """

    _param_names = ("p", "q", "gamma")

    def fit(
        self,
        frequency: ArrayLike,
        monetary_value: ArrayLike,
        *,
        initial_params: Mapping[str, float] | None = None,
    ) -> GammaGamma:
        r"""Estimate ``p, q, gamma`` by maximum likelihood from repeat customers.

        Parameters
        ----------
        frequency : array-like of int
            Number of repeat transactions x of each customer (>= 1).
        monetary_value : array-like of float
            Mean value of those repeat transactions, :math:`\bar z` (> 0).
        initial_params : dict, optional
            Starting values ``{"p", "q", "gamma"}`` (all > 0).

        Returns
        -------
        GammaGamma
            ``self``, fitted.

        Raises
        ------
        ValueError
            If any customer has frequency 0 (select repeat customers first).
        ConvergenceError
            If the optimiser fails; the message says what to try.

        Notes
        -----
        The mean of x transactions has density (Fader & Hardie 2013):

        .. math::

            f(\bar z \mid x) = \frac{\Gamma(px+q)}{\Gamma(px)\,\Gamma(q)}
            \frac{\gamma^q\,\bar z^{\,px-1}\,x^{px}}{(\gamma + x\bar z)^{px+q}}

        Examples
        --------
        The 946 repeat buyers of the CDNOW sample (39-week calibration period)
        give the estimates of Fader, Hardie & Lee (2005b), p = 6.25, q = 3.74,
        gamma = 15.44:

        >>> from crmlib.datasets import load_cdnow
        >>> from crmlib.transactions import rfm_summary
        >>> s = rfm_summary(load_cdnow("sample"), freq="W", calibration_end="1997-09-30")
        >>> repeat = s[s["frequency"] > 0]
        >>> fitted = GammaGamma().fit(repeat["frequency"], repeat["monetary_value"])
        >>> {k: round(v, 2) for k, v in fitted.params_.items()}
        {'p': 6.25, 'q': 3.74, 'gamma': 15.44}
        """
        x, mx = _check_spend_inputs(frequency, monetary_value)
        zero = int(np.sum(x == 0))
        if zero:
            raise ValueError(
                "GammaGamma is fitted on repeat customers only: frequency must be at least 1, "
                f"but {zero} of {x.size} customers have frequency 0 (no repeat spend to "
                "average); select them first, e.g. summary[summary['frequency'] > 0]"
            )
        start = check_initial_params(initial_params, self._param_names,
                                     (1.0, 2.0, float(np.mean(mx))))
        (x, mx), w = collapse_rows((x, mx), np.ones(x.size))
        log_x, log_m = np.log(x), np.log(mx)

        def objective(params: np.ndarray, gradient: bool) -> tuple[float, np.ndarray | None]:
            p, q, gamma = params
            px = p * x
            log_g = np.log(gamma + x * mx)
            d_pxq = digamma(px + q)
            ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(gamma)
                  + (px - 1) * log_m + px * log_x - (px + q) * log_g)
            if not gradient:
                return -float(w @ ll), None
            grad = np.array([
                x * (d_pxq - digamma(px) + log_m + log_x - log_g),
                d_pxq - digamma(q) + np.log(gamma) - log_g,
                q / gamma - (px + q) / (gamma + x * mx),
            ])
            return -float(w @ ll), -(grad @ w)

        params, loglik, cov = fit_positive_params(
            objective, start, model_name="Gamma-Gamma (GammaGamma)",
            param_names=self._param_names,
            mixings=(Mixing("gamma", ("q", "gamma"), "spend rate nu (average spend p/nu)",
                            never="average spend grows without bound"),),
        )
        self._set_fit(params, loglik, cov, float(np.sum(w)))
        return self

    def log_likelihood(
        self, frequency: ArrayLike, monetary_value: ArrayLike
    ) -> float | np.ndarray | pd.Series:
        r"""Log-density of each repeat customer's mean spend at the model's parameters.

        Parameters
        ----------
        frequency : array-like of int
            Number of repeat transactions x (>= 1).
        monetary_value : array-like of float
            Their mean value :math:`\bar z` (> 0).

        Returns
        -------
        float, numpy.ndarray or pandas.Series
            :math:`\ln f(\bar z \mid x)`, the density of :meth:`fit`.

        Examples
        --------
        One transaction of value 10 with p = q = gamma = 1: the density is
        :math:`\Gamma(2)/(\Gamma(1)\Gamma(1)) \cdot 1 \cdot 10^0 \cdot 1/(1+10)^2 = 1/121`:

        >>> model = GammaGamma.from_params(p=1.0, q=1.0, gamma=1.0)
        >>> bool(abs(model.log_likelihood(1, 10.0) + np.log(121)) < 1e-12)
        True
        """
        p, q, gamma = self._params()
        x, mx = _check_spend_inputs(frequency, monetary_value)
        if np.any(x == 0):
            i = int(np.flatnonzero(x == 0)[0])
            raise ValueError("frequency must be at least 1 (the model describes repeat spend); "
                             f"customer at position {i} has frequency 0")
        with np.errstate(over="ignore", invalid="ignore"):  # refused below if not finite
            px = p * x
            # log(gamma + x z) as log x + log z + log1p(gamma / (x z)): no overflow of x z
            log_total = np.log(x) + np.log(mx) + np.log1p(gamma / x / mx)
            ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(gamma)
                  + (px - 1) * np.log(mx) + px * np.log(x) - (px + q) * log_total)
        check_results_finite("GammaGamma.log_likelihood", {"log-likelihood": ll},
                             {"frequency": frequency, "monetary_value": monetary_value})
        return wrap_output(ll, frequency, monetary_value, name="log_likelihood")

    def conditional_expected_spend(
        self, frequency: ArrayLike, monetary_value: ArrayLike
    ) -> float | np.ndarray | pd.Series:
        r"""Expected spend per future transaction of each customer, given their history.

        Parameters
        ----------
        frequency : array-like of int
            Number of repeat transactions x (>= 0; 0 gives the population mean).
        monetary_value : array-like of float
            Their mean value :math:`\bar z` (>= 0; ignored when x = 0).

        Returns
        -------
        float, numpy.ndarray or pandas.Series
            :math:`E(Z \mid x, \bar z)`, in the currency of ``monetary_value``.

        Notes
        -----
        A weighted average of the population mean and the customer's own mean
        (FHL 2005 JMR; Fader & Hardie 2013):

        .. math::

            E(Z\mid x, \bar z) = \frac{q-1}{px+q-1}\,\frac{p\gamma}{q-1}
                + \frac{px}{px+q-1}\,\bar z = \frac{p(\gamma + x\bar z)}{px+q-1}

        Examples
        --------
        >>> model = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
        >>> spend = model.conditional_expected_spend(2, 22.35)  # Hardie's worksheet: 24.65
        >>> bool(abs(spend - 24.65) < 0.02)
        True
        """
        p, q, gamma = self._params()
        x, mx = _check_spend_inputs(frequency, monetary_value)
        denominator = p * x + q - 1
        if np.any(denominator <= 0):
            raise ValueError(
                f"the fitted q = {q:.3g} is at most 1, so the population mean spend is "
                "infinite and customers without repeat purchases have no finite expected "
                "spend; use only customers with frequency >= 1"
            )
        # the weighted average itself: no overflow of x * monetary_value
        with np.errstate(over="ignore", invalid="ignore"):  # refused below if not finite
            out = (q - 1) / denominator * (p * gamma / (q - 1)) + p * x / denominator * mx
        check_results_finite("GammaGamma.conditional_expected_spend", {"expected spend": out},
                             {"frequency": frequency, "monetary_value": monetary_value})
        return wrap_output(out, frequency, monetary_value, name="expected_spend")

    def customer_lifetime_value(
        self,
        transaction_model: object,
        frequency: ArrayLike,
        recency: ArrayLike,
        T: ArrayLike,
        monetary_value: ArrayLike,
        *,
        horizon: int,
        discount_rate: float,
        period_length: float = 1.0,
        margin: float = 1.0,
    ) -> float | np.ndarray | pd.Series:
        r"""CLV of each customer: discounted expected purchases times expected spend. (客户终身价值)

        Parameters
        ----------
        transaction_model : BetaGeo or ParetoNBD
            Fitted on the same customers and time unit as ``recency`` and ``T``.
        frequency, recency, T : array-like
            RFM summary of the calibration period.
        monetary_value : array-like of float
            Mean repeat-transaction value of each customer (>= 0; ignored when
            frequency is 0).
        horizon : int
            Number of discounting periods (>= 1).
        discount_rate : float
            Discount rate per discounting period (>= 0).
        period_length : float, default 1.0
            Length of one discounting period in the transaction model's time
            unit (> 0), e.g. 52/12 for months with a model fitted in weeks.
        margin : float, default 1.0
            Share of spend that is profit, in (0, 1].

        Returns
        -------
        float, numpy.ndarray or pandas.Series
            CLV per customer over the horizon.

        Notes
        -----
        With :math:`E(Z\mid x,\bar z)` from :meth:`conditional_expected_spend`
        and :math:`E[Y(t)]` the transaction model's conditional expected purchases:

        .. math::

            \text{CLV} = \sum_{k=1}^{H} m\,E(Z\mid x,\bar z)\,
            \frac{E[Y(kL)] - E[Y((k-1)L)]}{(1+d)^{k}}

        Examples
        --------
        >>> from crmlib.models import BetaGeo
        >>> bgnbd = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> spend = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
        >>> clv = spend.customer_lifetime_value(
        ...     bgnbd, 2, 30.43, 38.86, 22.35, horizon=39, discount_rate=0.0)
        >>> bool(abs(clv - 1.226 * 24.65) < 0.1)  # undiscounted: E[Y(39)] x E(Z)
        True
        """
        spend = self.conditional_expected_spend(frequency, monetary_value)
        return discounted_clv(
            transaction_model, frequency, recency, T, np.asarray(spend, dtype=float),
            horizon=horizon, discount_rate=discount_rate, period_length=period_length,
            margin=margin, what="GammaGamma.customer_lifetime_value",
            inputs={"frequency": frequency, "recency": recency, "T": T,
                    "monetary_value": monetary_value, "horizon": horizon,
                    "discount_rate": discount_rate, "period_length": period_length,
                    "margin": margin},
        )
