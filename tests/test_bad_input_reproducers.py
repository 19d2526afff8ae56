"""The named reproducers of "no overflow, no silent inf/NaN" (each failed before its fix).

The permanent sweep over every public function is tests/test_bad_input_sweep.py; these
are the cases reported by name, with the exact message each now gives.
"""

from __future__ import annotations

import time
from decimal import Decimal

import numpy as np
import pytest

from crmlib._validation import check_array, check_finite
from crmlib.clv import cac_payback, retention_clv
from crmlib.datasets import simulate_transactions
from crmlib.equity import customer_equity, firm_value
from crmlib.models import BetaGeo
from crmlib.plotting import plot_clv_cashflows, plot_probability_alive_matrix
from crmlib.strategy import contact_pattern, crm_roi, customer_base_equity
from crmlib.value import relationship_value
from crmlib.widgets import clv_calculator, customer_explorer


@pytest.fixture(scope="module")
def bgnbd():
    # Fader, Hardie & Lee (2005), CDNOW estimates
    return BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)


# -- simulate_transactions ---------------------------------------------------------------


def test_simulate_transactions_refuses_an_amount_that_overflows():
    with pytest.raises(OverflowError, match=r"amount computed by simulate_transactions is not "
                                            r"a finite number for these inputs \(p=1e\+308"):
        simulate_transactions(20, p=1e308, seed=1)


def test_simulate_transactions_refuses_a_missing_start():
    with pytest.raises(TypeError, match=r"start must be a date such as '1997-01-01'; got None"):
        simulate_transactions(20, start=None, seed=1)


def test_simulate_transactions_refuses_a_seed_that_is_not_a_whole_number():
    with pytest.raises(TypeError, match=r"seed must be a number; got 'abc'"):
        simulate_transactions(20, seed="abc")
    with pytest.raises(ValueError, match=r"seed must be a whole number of at least 0; got -1"):
        simulate_transactions(20, seed=-1)


def test_simulate_transactions_refuses_a_window_beyond_the_last_date_pandas_holds():
    # 9999-12-01 + 546 days is past 2262-04-11, the last day of pandas' nanosecond dates
    with pytest.raises(ValueError, match=r"start must be a date such as '1997-01-01' whose "
                                         r"window of observation_days \(546\) ends by "
                                         r"2262-04-11; got '9999-12-01'"):
        simulate_transactions(20, start="9999-12-01", seed=1)


def test_simulate_transactions_refuses_purchase_rates_too_high_to_hold():
    # alpha = 5e-324: a mean rate r/alpha of inf purchases a week
    with pytest.raises(ValueError, match=r"r and alpha give purchase rates too high"):
        simulate_transactions(20, alpha=5e-324, seed=1)


# -- results that cannot be finite ---------------------------------------------------------


def test_customer_equity_that_overflows_names_its_inputs():
    # 1e308 + 1e308 is beyond the largest float (about 1.8e308)
    with pytest.raises(OverflowError, match=r"the value computed by customer_equity is not a "
                                            r"finite number for these inputs \(clv="):
        customer_equity([1e308, 1e308])


def test_firm_value_with_growth_that_overflows_names_growth():
    with pytest.raises(OverflowError, match=r"firm_value cannot compute a finite result for "
                                            r"these inputs \(.*growth=1e\+308"):
        firm_value(100, 0.8, 0.1, current_customers=1000, new_customers=100,
                   acquisition_cost=50, growth=1e308, periods=20)


def test_cac_payback_lifetime_value_that_overflows_is_refused():
    # 1e308 / (1 + 0.1 - 0.9) = 5e308: beyond the float range (not the documented "never ends")
    with pytest.raises(OverflowError, match=r"margin_per_period / \(1 \+ discount_rate - "
                                            r"retention\) is not a finite number"):
        cac_payback(200, 1e308, retention=0.9, discount_rate=0.1)


def test_customer_base_equity_that_overflows_names_customers():
    with pytest.raises(OverflowError, match=r"customer_base_equity cannot compute a finite "
                                            r"result for these inputs \(customers=1e\+308"):
        customer_base_equity(1e308, 100, 0.8, 0.1)


def test_crm_roi_with_a_vanishing_investment_says_so_in_words():
    # an investment of 5e-324 left ROI = (gains - costs) / costs dividing by 0
    with pytest.raises(OverflowError, match=r"crm_roi cannot compute a finite result for "
                                            r"these inputs \(investment=5e-324"):
        crm_roi(5e-324, 0, [40, 50], 0.1)


def test_relationship_value_that_overflows_is_refused():
    # episode value = benefits / sacrifice: 100 / 5e-324 is beyond the float range
    with pytest.raises(OverflowError, match=r"episode_value computed by relationship_value"):
        relationship_value(100, 30, 5e-324, 10)


def test_contact_pattern_with_a_huge_horizon_is_refused_in_words():
    with pytest.raises(ValueError, match=r"horizon must be at most 10,000 periods; got 1e\+308"):
        contact_pattern("zipper", horizon=1e308)
    with pytest.raises(ValueError, match=r"firm_interval must leave at most 10,000 firm "
                                         r"contacts in the horizon"):
        contact_pattern("clasp", horizon=24, firm_interval=5e-324)


# -- Decimal and huge integers: scalars as arrays ---------------------------------------------


def test_decimal_scalars_are_numbers_as_they_are_inside_arrays():
    assert check_finite("margin", Decimal("0.5")) == 0.5
    assert check_array("profits", [Decimal("0.5")]).tolist() == [0.5]
    # 100 / (1 + 0.1 - 0.8) = 333.33...
    res = retention_clv(Decimal("100"), Decimal("0.8"), Decimal("0.1"))
    assert res.value == pytest.approx(100 / 0.3)
    with pytest.raises(ValueError, match=r"margin must be a finite number; got Decimal\('NaN'\)"):
        check_finite("margin", Decimal("NaN"))


def test_an_integer_too_large_inside_an_array_is_refused_in_words():
    with pytest.raises(ValueError, match=r"profits must contain only finite numbers; it holds "
                                         r"an integer too large to compute with"):
        check_array("profits", [1, 10**400])


def test_a_truth_value_is_not_a_sequence_of_numbers():
    with pytest.raises(TypeError, match=r"upper_triangle must be a sequence of numbers; got "
                                        r"True \(a truth value\)"):
        check_array("upper_triangle", True)


# -- plots --------------------------------------------------------------------------------------


def test_plot_clv_cashflows_refuses_what_is_not_a_clv_result():
    with pytest.raises(TypeError, match=r"result must be a CLVResult .*; got str"):
        plot_clv_cashflows("x")


def test_plot_clv_cashflows_refuses_a_negative_max_periods_instead_of_dropping_a_row():
    # head(-1) showed every period but the last
    res = retention_clv(100, 0.8, 0.1, periods=5)
    with pytest.raises(ValueError, match=r"max_periods must be a whole number of at least 1; "
                                         r"got -1"):
        plot_clv_cashflows(res, max_periods=-1)


def test_probability_alive_matrix_of_a_long_customer_age_is_quick(bgnbd):
    # T = 1e7 made ceil(T) = 10 million frequency rows (over 20 s); the default is capped
    start = time.perf_counter()
    ax = plot_probability_alive_matrix(bgnbd, 1e7, resolution=5)
    assert time.perf_counter() - start < 5
    assert np.asarray(ax.collections[0].get_array()).shape == (201, 5)  # frequencies 0..200
    with pytest.raises(ValueError, match=r"max_frequency must be at most 200 \(rows of the "
                                         r"map\); got 1000000"):
        plot_probability_alive_matrix(bgnbd, 1e7, max_frequency=10**6)


# -- widgets: start values ------------------------------------------------------------------


def test_clv_calculator_refuses_an_unknown_convention_in_words():
    with pytest.raises(ValueError, match=r"convention must be one of 'end', 'start', 'mid', "
                                         r"'after_first'; got 'bogus'"):
        clv_calculator(convention="bogus")


def test_clv_calculator_refuses_a_margin_that_is_not_a_number():
    with pytest.raises(TypeError, match=r"margin must be a number; got 'abc' \(str\)"):
        clv_calculator(margin="abc")


def test_customer_explorer_refuses_an_empty_age_range(bgnbd):
    with pytest.raises(ValueError, match=r"max_T must be greater than 0; got 0"):
        customer_explorer(bgnbd, max_T=0)
    with pytest.raises(ValueError, match=r"max_frequency must be a whole number of at least 1; "
                                         r"got 0"):
        customer_explorer(bgnbd, max_frequency=0)
