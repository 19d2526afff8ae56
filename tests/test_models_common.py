"""Behaviour every fitted model shares (crmlib.models._mle.FittedModel)."""

from __future__ import annotations

import math
import re

import pytest
from _cdnow_fixtures import BGNBD_PUBLISHED, GG_PUBLISHED, PARETO_PUBLISHED, cdnow_summary

from crmlib.datasets import load_donations
from crmlib.models import (
    BetaGeo,
    BetaGeoBetaBinom,
    BoundarySolutionError,
    ConvergenceError,
    GammaGamma,
    NotFittedError,
    ParetoNBD,
    ShiftedBetaGeometric,
)

PUBLISHED = [
    (BetaGeo, BGNBD_PUBLISHED),
    (ParetoNBD, PARETO_PUBLISHED),
    (GammaGamma, GG_PUBLISHED),
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


# One small data set per model, for the API checks below.
SMALL_FITS = [
    (BetaGeo, ([0, 1, 2, 1], [0.0, 10.0, 30.0, 20.0], [38.0, 38.0, 39.0, 36.0])),
    (ParetoNBD, ([0, 1, 2, 1], [0.0, 10.0, 30.0, 20.0], [38.0, 38.0, 39.0, 36.0])),
    (GammaGamma, ([1, 2, 3, 1], [10.0, 20.0, 15.0, 40.0])),
    (ShiftedBetaGeometric, ([1000, 631, 468, 382],)),
    (BetaGeoBetaBinom, ([0, 1, 2], [0, 3, 5], 6)),
]


@pytest.mark.parametrize(("cls", "data"), SMALL_FITS, ids=lambda v: getattr(v, "__name__", ""))
def test_fit_refuses_unknown_keywords(cls, data):
    with pytest.raises(TypeError, match="fit.. got an unexpected keyword argument 'start'"):
        cls().fit(*data, start={"r": 1.0})


@pytest.mark.parametrize(("cls", "params"), PUBLISHED, ids=lambda v: getattr(v, "__name__", ""))
def test_every_model_checks_starting_values_with_the_same_words(cls, params):
    data = dict(SMALL_FITS)[cls]
    first = next(iter(params))
    with pytest.raises(ValueError, match=rf"initial_params\['{first}'\] must be greater than 0; "
                                         "got 0"):
        cls().fit(*data, initial_params={**params, first: 0})
    with pytest.raises(ValueError, match=rf"initial_params must have exactly the keys "
                                         rf"{', '.join(params)}; missing \['{first}'\]"):
        cls().fit(*data, initial_params={k: v for k, v in params.items() if k != first})


@pytest.mark.parametrize(("cls", "params"), PUBLISHED, ids=lambda v: getattr(v, "__name__", ""))
def test_unfitted_model_raises_not_fitted_error_for_predictions(cls, params):
    assert issubclass(NotFittedError, RuntimeError)
    method = {BetaGeo: "expected_purchases", ParetoNBD: "expected_purchases",
              GammaGamma: "conditional_expected_spend", ShiftedBetaGeometric: "survival",
              BetaGeoBetaBinom: "expected_purchases"}[cls]
    args = (1, 10.0) if cls is GammaGamma else (1,)
    with pytest.raises(NotFittedError, match=rf"{cls.__name__} has not been fitted yet; call "
                                             rf"\.fit\(\.\.\.\) first, or make it with "
                                             rf"{cls.__name__}\.from_params"):
        getattr(cls(), method)(*args)


def test_n_customers_is_the_sum_of_weights_as_a_float_for_every_model():
    s = cdnow_summary()
    bg = BetaGeo().fit(s["frequency"], s["recency"], s["T"], weights=[2.0] * len(s))
    d = load_donations()  # 11,104 donors in 22 patterns; half-weights give 5,552
    bb = BetaGeoBetaBinom().fit(d["frequency"], d["recency"], d["n_periods"], d["weights"] / 2)
    repeat = s[s["frequency"] > 0]
    gg = GammaGamma().fit(repeat["frequency"], repeat["monetary_value"])
    sbg = ShiftedBetaGeometric().fit([1000, 631, 468, 382])
    assert [bg.n_customers_, bb.n_customers_, gg.n_customers_, sbg.n_customers_] == [
        2 * 2357.0, 5552.0, 946.0, 1000.0]
    assert all(isinstance(v, float) for v in (bg.n_customers_, bb.n_customers_,
                                               gg.n_customers_, sbg.n_customers_))
    assert math.isnan(BetaGeo.from_params(**BGNBD_PUBLISHED).n_customers_)


# ------------------------------------------- boundary solutions: one rule for all five models
# Each data set below has its best fit at a limit of the model that no finite parameters
# reach (worked out in the comment); the fit must raise BoundarySolutionError naming that
# limit, never return the absurd parameters where the search happened to stop.

BOUNDARY_CASES = [
    pytest.param(
        # 50 identical customers: 3 repeat purchases, the last at 20, observed for 30. Nothing
        # varies between customers, and nobody seems to drop out: the purchase rate's limit
        # is x / T = 3 / 30 = 0.1 for everyone.
        lambda: BetaGeo().fit([3] * 50, [20.0] * 50, [30.0] * 50),
        "the purchase rate does not vary between customers",
        {"purchase rate": (0.1, 1e-3)},
        id="BetaGeo-identical-customers",
    ),
    pytest.param(
        # Nobody made a repeat purchase: the likelihood rises as the purchase rate falls to 0.
        lambda: ParetoNBD().fit([0] * 50, [0.0] * 50, [30.0] * 50),
        "no customer buys again",
        {"purchase rate": (0.0, 0.0)},
        id="ParetoNBD-no-repeat-buying",
    ),
    pytest.param(
        # Two customers, issue reproducer: r = 5.8e6 was returned as a fit.
        lambda: ParetoNBD().fit([2, 0], [5.0, 0.0], [10.0, 10.0]),
        "does not vary between customers",
        {},
        id="ParetoNBD-two-customers",
    ),
    pytest.param(
        # Two repeat buyers, issue reproducer: q = 3e7 was returned as a fit.
        lambda: GammaGamma().fit([1, 3], [10.0, 20.0]),
        "the spend rate nu (average spend p/nu) does not vary between customers",
        {},
        id="GammaGamma-two-customers",
    ),
    pytest.param(
        # Ten customers, none of whom ever bought in 6 opportunities: "nobody buys".
        lambda: BetaGeoBetaBinom().fit([0] * 10, [0] * 10, 6),
        "no customer buys",
        {"purchase probability per opportunity": (0.0, 0.0)},
        id="BetaGeoBetaBinom-no-purchases",
    ),
    pytest.param(
        # sBG, churn 60% -> 75% -> 100%: constant churn 100 / (100 + 40 + 10) = 2/3.
        lambda: ShiftedBetaGeometric().fit([100, 40, 10, 0]),
        "churn probability per period of 0.667 for everyone",
        {"churn probability per period": (2 / 3, 1e-12)},
        id="ShiftedBetaGeometric-rising-churn",
    ),
]


@pytest.mark.parametrize(("fit", "words", "limit"), BOUNDARY_CASES)
def test_boundary_solutions_are_refused_with_the_limit_in_words(fit, words, limit):
    with pytest.raises(BoundarySolutionError, match=re.escape(words)) as info:
        fit()
    assert "no parameters are returned" in str(info.value)
    for quantity, (value, tol) in limit.items():
        assert info.value.limit[quantity] == pytest.approx(value, abs=tol)


def test_boundary_solution_error_is_a_convergence_error():
    """Code written against ConvergenceError keeps catching the new, more precise error."""
    assert issubclass(BoundarySolutionError, ConvergenceError)


@pytest.mark.parametrize(("cls", "params"), PUBLISHED, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize(("bad", "error", "match"), [
    ([0.5, 0.5], TypeError, r"must be a number; got \[0.5, 0.5\] \(list\)"),
    (None, TypeError, r"must be a number; got None \(NoneType\)"),
    ("1", TypeError, r"must be a number; got '1' \(str\)"),
    (True, TypeError, r"must be a number; got True \(bool\)"),
    ({"x": 1.0}, TypeError, r"must be a number; got \{'x': 1.0\} \(dict\)"),
    (10**400, ValueError, "must be a finite number; got an integer of about 401 digits"),
    (float("nan"), ValueError, "must be a finite number; got nan"),
    (0, ValueError, "must be greater than 0; got 0"),
])
def test_from_params_names_the_parameter_the_rule_and_the_value(cls, params, bad, error, match):
    first = next(iter(params))
    with pytest.raises(error, match=f"^{first} {match}"):
        cls.from_params(**{**params, first: bad})


@pytest.mark.parametrize(("cls", "params"), PUBLISHED, ids=lambda v: getattr(v, "__name__", ""))
def test_from_params_takes_a_decimal_as_the_number_it_is(cls, params):
    from decimal import Decimal

    first = next(iter(params))
    model = cls.from_params(**{**params, first: Decimal("0.5")})
    assert model.params_[first] == 0.5 and type(model.params_[first]) is float
