"""Probabilistic customer-base models (购买行为与客户终身价值预测模型).

Non-contractual repeat buying: :class:`BetaGeo` (BG/NBD), :class:`ParetoNBD`
and, in discrete time, :class:`BetaGeoBetaBinom` (BG/BB); spend per
transaction: :class:`GammaGamma`; contractual retention:
:class:`ShiftedBetaGeometric` (sBG). Every model is fitted by maximum
likelihood, follows scikit-learn conventions (``fit`` returns the model,
learned values end in ``_``) and raises :class:`ConvergenceError` when a fit
fails.

One API for all five models:

* ``fit(...)`` takes the data, then ``weights`` where rows can stand for
  several customers (the same (x, t_x, T) or (x, t_x, n) rows are collapsed
  into weights before fitting anyway), and keyword-only ``initial_params``
  (a dict with every parameter, each > 0); any other keyword is refused with
  a ``TypeError``. It returns the model.
* Learned values end in ``_``: ``params_`` (dict), ``log_likelihood_``,
  ``covariance_`` (delta method from the Hessian on the log scale) and
  ``n_customers_`` (a float: the sum of the weights, the cohort size for the
  sBG; NaN from ``from_params``). ``summary(level=0.95)`` gives standard
  errors and intervals on the log scale, which never cross 0.
* ``from_params(**params)`` makes a model with known parameters that predicts
  exactly as a fitted one.
* Predictions: ``expected_purchases(t)`` (a new customer),
  ``conditional_expected_purchases(t, <customer summary>)``,
  ``probability_alive(<customer summary>)`` and
  ``probability_of_purchases(x, t)`` = P(X(t) = x), where the first argument
  is always the horizon or count asked about and ``t`` is the length of the
  period in the model's time unit (the number of opportunities ``n`` for the
  discrete-time BG/BB); ``log_likelihood(<data>)`` per customer.
* One output convention (see :mod:`crmlib.models._repeat_buying`): a Series
  in gives a Series out (same index), single numbers a ``float``, anything
  else a NumPy array.
* A prediction asked of a model with no parameters raises
  :class:`NotFittedError` ("... has not been fitted yet; call .fit(...)
  first, or make it with ...from_params(...)").
* The optimiser is shared (:func:`crmlib.models._mle.fit_positive_params`):
  a trust-region Newton method on the log-parameters with exact gradients,
  ending with a check that the gradient is 0 and the Hessian positive
  definite, else :class:`ConvergenceError`.

Fit diagnostics as tables (drawn by :mod:`crmlib.plotting`):
:func:`period_transactions`, :func:`calibration_holdout_purchases` and
:func:`cumulative_transactions`.

One rule for boundary solutions, the same for all five models: when the
likelihood keeps rising as parameters run to 0 or infinity (churn that does
not fall with tenure, customers who all buy alike, no drop-out at all), the
best fit is a simpler limiting model that no finite parameters reach. The fit
then returns no parameters and raises :class:`BoundarySolutionError`, whose
message names the limit in words with its value (e.g. "a churn probability per
period of 0.667 for everyone") and whose ``limit`` holds those values.
"""

from crmlib.models._bgbb import BetaGeoBetaBinom
from crmlib.models._bgnbd import BetaGeo
from crmlib.models._diagnostics import (
    calibration_holdout_purchases,
    cumulative_transactions,
    period_transactions,
)
from crmlib.models._gammagamma import GammaGamma
from crmlib.models._mle import BoundarySolutionError, ConvergenceError, NotFittedError
from crmlib.models._paretonbd import ParetoNBD
from crmlib.models._sbg import ShiftedBetaGeometric

__all__ = [
    "BetaGeo",
    "BetaGeoBetaBinom",
    "BoundarySolutionError",
    "ConvergenceError",
    "GammaGamma",
    "NotFittedError",
    "ParetoNBD",
    "ShiftedBetaGeometric",
    "calibration_holdout_purchases",
    "cumulative_transactions",
    "period_transactions",
]
