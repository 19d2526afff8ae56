"""Probabilistic customer-base models (购买行为与客户终身价值预测模型).

Non-contractual repeat buying: :class:`BetaGeo` (BG/NBD), :class:`ParetoNBD`
and, in discrete time, :class:`BetaGeoBetaBinom` (BG/BB); spend per
transaction: :class:`GammaGamma`; contractual retention:
:class:`ShiftedBetaGeometric` (sBG). Every model is fitted by maximum
likelihood, follows scikit-learn conventions (``fit`` returns the model,
learned values end in ``_``) and raises :class:`ConvergenceError` when a fit
fails.

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
