"""Probabilistic customer-base models (购买行为与客户终身价值预测模型).

Non-contractual repeat buying: :class:`BetaGeo` (BG/NBD), :class:`ParetoNBD`
and, in discrete time, :class:`BetaGeoBetaBinom` (BG/BB); spend per
transaction: :class:`GammaGamma`; contractual retention:
:class:`ShiftedBetaGeometric` (sBG). Every model is fitted by maximum
likelihood, follows scikit-learn conventions (``fit`` returns the model,
learned values end in ``_``) and raises :class:`ConvergenceError` when a fit
fails.
"""

from crmlib.models._bgbb import BetaGeoBetaBinom
from crmlib.models._bgnbd import BetaGeo
from crmlib.models._gammagamma import GammaGamma
from crmlib.models._mle import ConvergenceError
from crmlib.models._paretonbd import ParetoNBD
from crmlib.models._sbg import ShiftedBetaGeometric

__all__ = [
    "BetaGeo",
    "BetaGeoBetaBinom",
    "ConvergenceError",
    "GammaGamma",
    "ParetoNBD",
    "ShiftedBetaGeometric",
]
