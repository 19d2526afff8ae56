"""Behaviour every fitted model shares (crmlib.models._mle.FittedModel)."""

from __future__ import annotations

import math

import pytest

from crmlib.models import BetaGeo, BetaGeoBetaBinom, GammaGamma, ParetoNBD, ShiftedBetaGeometric

PUBLISHED = [
    (BetaGeo, {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}),
    (ParetoNBD, {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}),
    (GammaGamma, {"p": 6.25, "q": 3.74, "gamma": 15.44}),
    (ShiftedBetaGeometric, {"alpha": 0.704, "beta": 1.182}),
    (BetaGeoBetaBinom, {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}),
]


@pytest.mark.parametrize(("cls", "params"), PUBLISHED, ids=lambda v: getattr(v, "__name__", ""))
def test_from_params_sets_published_parameters(cls, params):
    model = cls.from_params(**params)
    assert model.params_ == params
    assert math.isnan(model.log_likelihood_)
    assert model.summary()["std_error"].isna().all()
    assert "log-likelihood=nan" in repr(model)


@pytest.mark.parametrize(("cls", "params"), PUBLISHED, ids=lambda v: getattr(v, "__name__", ""))
def test_from_params_rejects_missing_unknown_and_non_positive(cls, params):
    first = next(iter(params))
    with pytest.raises(ValueError, match=rf"missing \['{first}'\], unknown \['zeta'\]"):
        cls.from_params(**{k: v for k, v in params.items() if k != first}, zeta=1.0)
    with pytest.raises(ValueError, match=f"{first} must be greater than 0; got -1"):
        cls.from_params(**{**params, first: -1})


@pytest.mark.parametrize(("cls", "_params"), PUBLISHED, ids=lambda v: getattr(v, "__name__", ""))
def test_unfitted_model_says_fit_first(cls, _params):
    model = cls()
    assert "not fitted" in repr(model)
    with pytest.raises(RuntimeError, match=r"has not been fitted yet; call \.fit\(\.\.\.\) first"):
        model.summary()
