"""Unit tests of crmlib.loyalty: published AHP examples, hand calculations, API, bad input."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from crmlib.loyalty import (
    COMMITMENT_DIMENSIONS,
    CRITERIA,
    FACTORS,
    RANDOM_INDEX,
    TRUST_LEVELS,
    ahp,
    ahp_hierarchy,
    example_customer_base,
    loyalty_index,
    loyalty_indicators,
    loyalty_scores,
    morgan_hunt_model,
    net_promoter_score,
    normalise_by_max,
    objective_loyalty,
    pairwise_matrix,
    random_index,
    subjective_loyalty,
)


def raises(exc: type[Exception], text: str):
    return pytest.raises(exc, match=re.escape(text))


def power_eigen(a: np.ndarray, iterations: int = 500) -> tuple[np.ndarray, float]:
    """Independent oracle: power iteration w <- A w / sum(A w); lambda = mean((A w)_i / w_i)."""
    w = np.full(a.shape[0], 1.0 / a.shape[0])
    for _ in range(iterations):
        v = a @ w
        w = v / v.sum()
    return w, float(np.mean((a @ w) / w))


LEADER_CRITERIA = [[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]]
LEADER_NAMES = ["experience", "education", "charisma", "age"]
CANDIDATES = ["Tom", "Dick", "Harry"]
LEADER_JUDGEMENTS = {  # upper triangles (Tom:Dick, Tom:Harry, Dick:Harry)
    "experience": [1 / 4, 4, 9],
    "education": [3, 1 / 5, 1 / 7],
    "charisma": [5, 9, 4],
    "age": [1 / 3, 5, 9],
}


def leader_hierarchy(**kw):
    alts = {c: pairwise_matrix(t, CANDIDATES) for c, t in LEADER_JUDGEMENTS.items()}
    return ahp_hierarchy(pd.DataFrame(LEADER_CRITERIA, index=LEADER_NAMES, columns=LEADER_NAMES),
                         alts, **kw)


# --------------------------------------------------------------------------- published examples


def test_ahp_leader_example_criteria_weights_published():
    # "choosing a leader" (Wikipedia, Analytic hierarchy process - leader example):
    # published weights 0.547, 0.127, 0.270, 0.056 (three decimals, truncated: 0.5476 -> 0.547)
    res = ahp(LEADER_CRITERIA, labels=LEADER_NAMES)
    assert res.weights.to_numpy() == pytest.approx([0.547, 0.127, 0.270, 0.056], abs=1e-3)
    assert res.weights.sum() == pytest.approx(1.0)
    assert res.consistent and res.worst_judgement is None


def test_ahp_hierarchy_leader_example_totals_published():
    # published totals Tom 0.358, Dick 0.493, Harry 0.149; local weights (published):
    # experience .217 .717 .066, education .188 .081 .731,
    # charisma .743 .194 .063, age .265 .672 .063
    res = leader_hierarchy()
    assert res.global_weights.to_numpy() == pytest.approx([0.358, 0.493, 0.149], abs=6e-4)
    local = {"experience": [0.217, 0.717, 0.066], "education": [0.188, 0.081, 0.731],
             "charisma": [0.743, 0.194, 0.063], "age": [0.265, 0.672, 0.063]}
    for crit, expected in local.items():
        assert res.local_weights[crit].to_numpy() == pytest.approx(expected, abs=1e-3)
    frame = res.to_frame()
    assert frame["rank"].to_dict() == {"Tom": 2, "Dick": 1, "Harry": 3}
    assert res.contributions.sum(axis=1).to_numpy() == pytest.approx(res.global_weights)


def test_ahp_saaty_2008_drink_consumption_example():
    # Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services
    # Sciences 1(1), table: relative consumption of drinks in the US. Derived weights
    # coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129, water .327.
    drinks = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
    upper = [9, 5, 2, 1, 1, 1 / 2, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 3, 1 / 4, 1 / 3, 1 / 9,
             1 / 2, 1, 1 / 3, 2, 1 / 2, 1 / 3]
    res = ahp(pairwise_matrix(upper, drinks), "saaty2005")
    assert res.weights.to_numpy() == pytest.approx(
        [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], abs=6e-4)
    assert res.consistent


def test_ahp_jiang_tourism_example_textbook():
    # 姜启源 等, 数学模型 (层次分析模型): choosing a travel destination. Criteria matrix (scenery,
    # cost, lodging, food, travel); the book prints w = (0.263, 0.475, 0.055, 0.099, 0.110),
    # lambda = 5.073, CI = 0.018, CR = 0.016 (RI = 1.12), from an approximate eigenvector, so the
    # exact eigenvector agrees within 0.002; totals (0.300, 0.246, 0.456) likewise.
    a = [[1, 1 / 2, 4, 3, 3], [2, 1, 7, 5, 5], [1 / 4, 1 / 7, 1, 1 / 2, 1 / 3],
         [1 / 3, 1 / 5, 2, 1, 1], [1 / 3, 1 / 5, 3, 1, 1]]
    b = [[[1, 2, 5], [1 / 2, 1, 2], [1 / 5, 1 / 2, 1]],
         [[1, 1 / 3, 1 / 8], [3, 1, 1 / 3], [8, 3, 1]],
         [[1, 1, 3], [1, 1, 3], [1 / 3, 1 / 3, 1]], [[1, 3, 4], [1 / 3, 1, 1], [1 / 4, 1, 1]],
         [[1, 1, 1 / 4], [1, 1, 1 / 4], [4, 4, 1]]]
    crit = ahp(a)
    assert crit.weights.to_numpy() == pytest.approx([0.263, 0.475, 0.055, 0.099, 0.110], abs=2e-3)
    assert crit.lambda_max == pytest.approx(5.073, abs=2e-3)
    assert crit.ci == pytest.approx(0.018, abs=1e-3)
    assert crit.cr == pytest.approx(0.016, abs=1e-3)
    res = ahp_hierarchy(a, b)
    assert res.global_weights.to_numpy() == pytest.approx([0.300, 0.246, 0.456], abs=2e-3)


def test_random_index_tables_as_published():
    assert RANDOM_INDEX["saaty1980"] == (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
    assert RANDOM_INDEX["saaty2005"][2:10] == (0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49)
    assert RANDOM_INDEX["chinese_texts"][2:] == (0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49)
    assert RANDOM_INDEX["donegan_dodd"][2:5] == (0.4914, 0.8286, 1.0591)
    assert random_index(4, "saaty2005") == 0.89
    assert random_index(2) == 0.0


# --------------------------------------------------------------------------- AHP details


def test_ahp_leader_lambda_ci_cr_by_independent_power_iteration():
    w, lam = power_eigen(np.array(LEADER_CRITERIA))
    res = ahp(LEADER_CRITERIA)
    assert res.weights.to_numpy() == pytest.approx(w, abs=1e-10)
    assert res.lambda_max == pytest.approx(lam, abs=1e-9)
    assert res.ci == pytest.approx((lam - 4) / 3)
    assert res.cr == pytest.approx((lam - 4) / 3 / 0.90)
    # the RI table is a parameter: n = 4 has 0.90, 0.89, 0.8286, 0.89
    for table, ri in [("saaty2005", 0.89), ("donegan_dodd", 0.8286), ("chinese_texts", 0.89)]:
        assert ahp(LEADER_CRITERIA, table).cr == pytest.approx((lam - 4) / 3 / ri)


def test_hierarchy_total_cr_formula_by_hand():
    # CR_total = CR_criteria + sum_j w_j CI_j / sum_j w_j RI_j; every alternative matrix is 3x3
    # (RI 0.58), so the second term is sum_j w_j CI_j / 0.58, with CI_j = (lambda_j - 3)/2.
    res = leader_hierarchy()
    w, lam = power_eigen(np.array(LEADER_CRITERIA))
    cis = []
    for t in LEADER_JUDGEMENTS.values():
        _, lam_j = power_eigen(pairwise_matrix(t).to_numpy())
        cis.append((lam_j - 3) / 2)
    expected = (lam - 4) / 3 / 0.90 + float(np.dot(w, cis)) / 0.58
    assert res.cr_total == pytest.approx(expected, rel=1e-8)
    assert res.cr_alternatives == pytest.approx(float(np.dot(w, cis)) / 0.58, rel=1e-8)
    assert res.consistent == (expected < 0.1)
    report = res.consistency_report()
    assert list(report.index) == ["goal", *LEADER_JUDGEMENTS]
    assert report.loc["goal", "ri"] == 0.90


def test_inconsistent_matrix_names_the_judgement_to_revise():
    # price:quality 3, quality:service 3, but price:service 1/3 - transitivity says 9.
    m = pairwise_matrix([3, 1 / 3, 3], ["price", "quality", "service"])
    res = ahp(m)
    # by hand: the matrix is a circulant, so w = (1/3, 1/3, 1/3), lambda = 1 + 3 + 1/3 = 13/3,
    # CI = (13/3 - 3)/2 = 2/3, CR = (2/3)/0.58 = 1.149
    assert res.weights.to_numpy() == pytest.approx([1 / 3] * 3)
    assert res.lambda_max == pytest.approx(13 / 3)
    assert res.cr == pytest.approx((2 / 3) / 0.58)
    assert not res.consistent
    # all three eps_ij = a_ij w_j / w_i equal 3 (a tie); the first in row order is reported
    assert res.worst_judgement == ("price", "quality")
    assert res.suggested_value == pytest.approx(1.0)


def test_worst_judgement_is_the_largest_ratio_deviation():
    # consistent base (w proportional to 8:4:2:1), then one judgement made far too large
    m = pairwise_matrix([2, 4, 8, 2, 4, 2], list("abcd")).to_numpy().copy()
    m[2, 3], m[3, 2] = 1 / 9, 9  # c:d should be 2
    res = ahp(m, labels=list("abcd"))
    assert not res.consistent
    eps = res.deviations().to_numpy()
    i, j = np.unravel_index(np.argmax(np.round(eps, 9)), eps.shape)
    assert res.worst_judgement == ("abcd"[i], "abcd"[j])
    assert set(res.worst_judgement) == {"c", "d"}
    w = res.weights
    i_name, j_name = res.worst_judgement
    assert res.suggested_value == pytest.approx(w[i_name] / w[j_name])


def test_pairwise_matrix_fills_reciprocals_row_by_row():
    m = pairwise_matrix([3, 5, 2], ["a", "b", "c"])
    expected = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
    assert m.to_numpy() == pytest.approx(np.array(expected))
    assert list(m.index) == ["a", "b", "c"] and list(m.columns) == ["a", "b", "c"]
    assert pairwise_matrix([20], saaty_scale=False).iloc[0, 1] == 20.0


def test_ahp_two_items_and_one_item():
    res = ahp([[1, 3], [1 / 3, 1]])
    assert res.weights.to_numpy() == pytest.approx([0.75, 0.25])
    assert res.cr == 0.0 and res.ci == 0.0 and res.consistent
    assert ahp([[1]]).weights.tolist() == [1.0]


def test_ahp_accepts_judgements_rounded_to_three_decimals():
    res = ahp([[1, 3], [0.333, 1]])
    assert res.weights.to_numpy() == pytest.approx([0.75, 0.25], abs=1e-3)


def test_ahp_does_not_modify_input_and_reprs():
    a = np.array(LEADER_CRITERIA, dtype=float)
    before = a.copy()
    res = ahp(a)
    np.testing.assert_array_equal(a, before)
    assert "CR=0.0439" in repr(res)
    assert res.to_frame()["rank"].tolist() == [1, 3, 2, 4]
    assert "CR_total" in repr(leader_hierarchy())


# --------------------------------------------------------------------------- course procedure


def test_objective_loyalty_hand_calculation():
    # 0.5 * 300/500 + 0.3 * 8/10 + 0.2 * 4/5 = 0.30 + 0.24 + 0.16 = 0.70
    assert objective_loyalty([300, 8, 4], [500, 10, 5], [0.5, 0.3, 0.2]) == pytest.approx(0.70)


def test_objective_loyalty_for_a_table_keeps_the_index():
    given = pd.DataFrame({"v": [1, 3], "n": [2, 2]}, index=["a", "b"])
    total = pd.DataFrame({"v": [4, 4], "n": [4, 2]}, index=["a", "b"])
    out = objective_loyalty(given, total, [0.5, 0.5])
    # a: 0.5 * 0.25 + 0.5 * 0.5 = 0.375; b: 0.5 * 0.75 + 0.5 * 1 = 0.875
    assert out.to_dict() == pytest.approx({"a": 0.375, "b": 0.875})


def test_normalise_by_max_per_column_and_types():
    frame = pd.DataFrame({"x": [2.0, 4.0], "y": [5.0, 1.0]}, index=["a", "b"])
    out = normalise_by_max(frame)
    assert out.to_numpy().tolist() == [[0.5, 1.0], [1.0, 0.2]]
    assert list(out.index) == ["a", "b"]
    s = normalise_by_max(pd.Series([1.0, 4.0], index=["p", "q"], name="z"))
    assert s.to_dict() == {"p": 0.25, "q": 1.0}
    assert frame.loc["a", "x"] == 2.0  # input untouched


def test_subjective_loyalty_hand_calculation():
    # 0.5 * 1.0 + 0.3 * 0.5 + 0.2 * 0.8 = 0.5 + 0.15 + 0.16 = 0.81
    assert subjective_loyalty([1.0, 0.5, 0.8], [0.5, 0.3, 0.2]) == pytest.approx(0.81)
    table = pd.DataFrame({"f1": [50.0, 100.0], "f2": [20.0, 10.0]}, index=["a", "b"])
    # normalised: a (0.5, 1), b (1, 0.5); weights (0.25, 0.75) -> a 0.875, b 0.625
    out = subjective_loyalty(table, [0.25, 0.75])
    assert out.to_dict() == pytest.approx({"a": 0.875, "b": 0.625})


def test_subjective_loyalty_matches_columns_by_factor_name():
    weights = pd.Series({"f2": 0.75, "f1": 0.25})
    table = pd.DataFrame({"f1": [50.0, 100.0], "f2": [20.0, 10.0]}, index=["a", "b"])
    assert subjective_loyalty(table, weights).to_dict() == pytest.approx({"a": 0.875, "b": 0.625})


def test_subjective_loyalty_one_customer_series_matched_by_name():
    # 0.75 * 0.2 + 0.25 * 1.0 = 0.15 + 0.25 = 0.4
    one = pd.Series({"f1": 1.0, "f2": 0.2})
    assert subjective_loyalty(one, pd.Series({"f2": 0.75, "f1": 0.25})) == pytest.approx(0.4)


def test_loyalty_index_blend_hand_calculation():
    # 0.6 * 0.70 + 0.4 * 0.81 = 0.42 + 0.324 = 0.744
    assert loyalty_index(0.70, 0.81, 0.6) == pytest.approx(0.744)
    s = loyalty_index(pd.Series([0.2, 1.0], index=["a", "b"]), pd.Series([0.6, 0.0],
                      index=["a", "b"]), 0.25)
    assert s.to_dict() == pytest.approx({"a": 0.5, "b": 0.25})
    assert loyalty_index([0.2, 1.0], [0.6, 0.0], 1.0).tolist() == pytest.approx([0.2, 1.0])


def test_loyalty_scores_on_the_example_base_by_hand_oracle():
    ex = example_customer_base()
    crit = pairwise_matrix(ex.criteria_judgements, CRITERIA)
    facs = {c: pairwise_matrix(t, FACTORS) for c, t in ex.factor_judgements.items()}
    hier = ahp_hierarchy(crit, facs)
    res = loyalty_scores(ex.given, ex.total, ex.indicator_weights, ex.factor_values, hier,
                         ex.objective_weight)
    # independent recomputation: power-iteration weights, shares and max-normalisation in numpy
    wc, _ = power_eigen(crit.to_numpy())
    local = np.column_stack([power_eigen(facs[c].to_numpy())[0] for c in CRITERIA])
    g = local @ wc
    shares = ex.given.to_numpy() / ex.total.to_numpy()
    obj = shares @ np.array([0.5, 0.3, 0.2])
    x = ex.factor_values.to_numpy(dtype=float)
    subj = (x / x.max(axis=0)) @ g
    loyal = 0.6 * obj + 0.4 * subj
    expected = pd.Series(loyal, index=ex.given.index)
    table = res.to_frame()
    assert table["loyalty"].to_dict() == pytest.approx(expected.to_dict())
    assert table["objective_part"].to_numpy() + table["subjective_part"].to_numpy() == (
        pytest.approx(table["loyalty"].to_numpy()))
    assert list(table.index) == list(expected.sort_values(ascending=False).index)
    assert table["rank"].tolist() == list(range(1, 9))
    # C01 by hand: shares 420/600 = 0.7, 18/24 = 0.75, 6/8 = 0.75 -> 0.35 + 0.225 + 0.15 = 0.725
    assert table.loc["C01", "objective"] == pytest.approx(0.725)
    assert res.factor_weights.sum() == pytest.approx(1.0)
    assert "8 customers" in repr(res)


def test_example_customer_base_is_fresh_each_call():
    a = example_customer_base()
    a.given.loc["C01", "orders"] = 0
    assert example_customer_base().given.loc["C01", "orders"] == 18
    assert (a.given.to_numpy() <= a.total.to_numpy()).all()


# --------------------------------------------------------------------------- indicators


def _log():
    return pd.DataFrame({
        "customer_id": ["a", "a", "a", "a", "b", "c", "c"],
        "date": ["2024-01-01", "2024-01-01", "2024-01-31", "2024-03-01",
                 "2024-01-11", "2024-02-10", "2024-04-30"],
        "amount": [10.0, 5.0, 20.0, 30.0, 50.0, 40.0, 99.0],
    })


def test_loyalty_indicators_hand_calculation_days():
    # observation end 2024-03-31 (day 90 after 2024-01-01); c's purchase on 04-30 is ignored.
    # a: purchase days 01-01 (two orders = one purchase), 01-31, 03-01 -> 3 purchases, 2 repeat;
    #    duration 90 days; frequency 2/90; spend 10+5+20+30 = 65; last 03-01 -> 30 days ago
    # b: one purchase 01-11 -> duration 80; 0 repeat; frequency 0; 80 days since last
    # c: one purchase 02-10 -> duration 50; 50 days since last
    res = loyalty_indicators(_log(), freq="D", observation_end="2024-03-31", churn_after=45)
    t = res.table
    assert t["purchases"].to_dict() == {"a": 3, "b": 1, "c": 1}
    assert t["relationship_duration"].to_dict() == {"a": 90.0, "b": 80.0, "c": 50.0}
    assert t["purchase_frequency"].to_numpy() == pytest.approx([2 / 90, 0.0, 0.0])
    assert t["spend"].to_dict() == {"a": 65.0, "b": 50.0, "c": 40.0}
    assert t["time_since_last"].to_dict() == {"a": 30.0, "b": 80.0, "c": 50.0}
    assert t["churned"].to_dict() == {"a": False, "b": True, "c": True}
    assert res.repeat_purchase_rate == pytest.approx(1 / 3)
    assert res.churn_rate == pytest.approx(2 / 3)
    assert res.observation_end == "2024-03-31"


def test_loyalty_indicators_weeks_and_share_of_wallet():
    wallet = pd.Series({"a": 130.0, "b": 50.0, "c": 400.0})
    res = loyalty_indicators(_log(), freq="W", observation_end="2024-03-31", wallet=wallet)
    t = res.table
    assert t.loc["a", "relationship_duration"] == pytest.approx(90 / 7)
    assert t["share_of_wallet"].to_dict() == pytest.approx({"a": 0.5, "b": 1.0, "c": 0.1})
    # default: churned after more than 6 weeks without a purchase (b: 80/7 = 11.4 weeks)
    assert t["churned"].to_dict() == {"a": False, "b": True, "c": True}


def test_loyalty_indicators_frequency_undefined_on_day_one():
    tx = pd.DataFrame({"customer_id": ["a"], "date": ["2024-01-01"], "amount": [1.0]})
    assert np.isnan(loyalty_indicators(tx).table.loc["a", "purchase_frequency"])


def test_loyalty_indicators_without_amounts():
    res = loyalty_indicators(_log().drop(columns="amount"), freq="D",
                             observation_end="2024-03-31", amount=None)
    assert "spend" not in res.table.columns
    assert res.table["purchases"].to_dict() == {"a": 3, "b": 1, "c": 1}


def test_net_promoter_score_hand_calculation():
    # promoters 10, 9, 10, 9, 9 (5); passives 8, 7 (2); detractors 6, 3, 5 (3): 100*(5-3)/10 = 20
    res = net_promoter_score([10, 9, 8, 7, 6, 3, 10, 9, 9, 5])
    assert (res.value, res.promoters, res.passives, res.detractors, res.n) == (20.0, 5, 2, 3, 10)
    assert net_promoter_score([0, 1, 2]).value == -100.0


# --------------------------------------------------------------------------- relationship quality


def test_morgan_hunt_paths_as_in_figure_1():
    model = morgan_hunt_model()
    paths = {(s, t): sign for s, t, sign in model.paths.itertuples(index=False)}
    assert paths[("termination_costs", "commitment")] == 1
    assert paths[("relationship_benefits", "commitment")] == 1
    assert paths[("shared_values", "commitment")] == 1
    assert paths[("shared_values", "trust")] == 1
    assert paths[("communication", "trust")] == 1
    assert paths[("opportunistic_behaviour", "trust")] == -1
    assert paths[("trust", "commitment")] == 1
    assert paths[("commitment", "acquiescence")] == 1
    assert paths[("commitment", "propensity_to_leave")] == -1
    assert paths[("commitment", "cooperation")] == 1
    assert paths[("trust", "cooperation")] == 1
    assert paths[("trust", "functional_conflict")] == 1
    assert paths[("trust", "decision_making_uncertainty")] == -1
    assert len(paths) == 13
    assert len(TRUST_LEVELS) == 4 and len(COMMITMENT_DIMENSIONS) == 3


def test_effects_multiply_signs_along_every_route():
    model = morgan_hunt_model()
    fx = model.effects("shared_values")
    # to cooperation: SV(+)C(+)coop, SV(+)T(+)coop, SV(+)T(+)C(+)coop -> 3 routes, all +
    assert fx.loc["cooperation", "paths"] == 3 and fx.loc["cooperation", "sign"] == 1
    # to propensity to leave: SV(+)C(-)PL and SV(+)T(+)C(-)PL -> both -
    assert fx.loc["propensity_to_leave", "sign"] == -1
    comm = model.effects("communication")
    assert comm.loc["decision_making_uncertainty", "sign"] == -1
    assert "termination_costs" not in model.effects("commitment").index


def test_effects_reports_mixed_signs_as_zero():
    from crmlib.loyalty import RelationshipModel

    constructs = pd.DataFrame({"role": ["antecedent", "mediator", "outcome"]},
                              index=pd.Index(["x", "m", "y"], name="construct"))
    paths = pd.DataFrame([("x", "m", 1), ("m", "y", 1), ("x", "y", -1)],
                         columns=["source", "target", "sign"])
    fx = RelationshipModel(constructs, paths).effects("x")
    assert fx.loc["y", "sign"] == 0 and fx.loc["y", "paths"] == 2


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("matrix", "exc", "text"),
    [
        ([[1, 2, 3], [0.5, 1, 2]], ValueError, "matrix must be square (as many rows as columns); "
                                               "got shape (2, 3)"),
        ([1, 2, 3], ValueError, "matrix must be 2-dimensional; got shape (3,)"),
        ([[1, -2], [-0.5, 1]], ValueError, "matrix must hold only positive judgements (Saaty's "
                                           "scale 1/9 ... 9); cell [0, 1] is -2"),
        ([[2, 3], [1 / 3, 1]], ValueError, "matrix must have 1 on the diagonal (an item is "
                                           "equally important as itself); cell [0, 0] is 2"),
        ([[1, 3], [3, 1]], ValueError, "matrix must be reciprocal (a[j, i] = 1 / a[i, j]); cell "
                                       "[1, 0] is 3 but 1 / a[0, 1] = 1/3 = 0.3333"),
        ([[1, np.nan], [1, 1]], ValueError, "matrix must contain only finite numbers"),
        ("abc", TypeError, "matrix must be a sequence of numbers"),
    ],
)
def test_ahp_matrix_rules(matrix, exc, text):
    with raises(exc, text):
        ahp(matrix)


def test_ahp_dataframe_rows_and_columns_must_match():
    frame = pd.DataFrame([[1, 2], [0.5, 1]], index=["a", "b"], columns=["b", "a"])
    with raises(ValueError, "matrix must list the same items in the same order in its rows and "
                            "columns; got rows ['a', 'b'] and columns ['b', 'a']"):
        ahp(frame)


def test_ahp_reciprocal_message_shows_fraction_cell():
    with raises(ValueError, "cell [2, 0] is 1/2 but 1 / a[0, 2] = 1/5 = 0.2"):
        ahp([[1, 1, 5], [1, 1, 1], [1 / 2, 1, 1]])


def test_ahp_labels_and_table_rules():
    with raises(ValueError, "labels must name each of the 2 items compared; got 3 names"):
        ahp([[1, 2], [0.5, 1]], labels=["a", "b", "c"])
    with raises(ValueError, "labels must be different from each other; 'a' appears twice"):
        ahp([[1, 2], [0.5, 1]], labels=["a", "a"])
    with raises(TypeError, "labels must be a sequence of names; got the text 'ab'"):
        ahp([[1, 2], [0.5, 1]], labels="ab")
    with raises(ValueError, "random_index must be one of 'saaty1980', 'saaty2005', "
                            "'donegan_dodd', 'chinese_texts'; got 'saaty'"):
        ahp([[1, 2], [0.5, 1]], "saaty")
    big = np.ones((11, 11))
    with raises(ValueError, "random_index table 'saaty1980' covers matrices of order 1 to 10; "
                            "got a matrix of order 11"):
        ahp(big)
    assert ahp(big, "donegan_dodd").cr == 0.0


def test_pairwise_matrix_rules():
    with raises(ValueError, "upper_triangle must hold n(n-1)/2 judgements (1 for 2 items, 3 for 3, "
                            "6 for 4, 10 for 5, ...); got 2"):
        pairwise_matrix([3, 5])
    with raises(ValueError, "upper_triangle must hold judgements on Saaty's scale from 1/9 to 9 "
                            "(pass saaty_scale=False for other positive values); entry 1 is 12"):
        pairwise_matrix([3, 12, 1])
    with raises(ValueError, "upper_triangle must contain only values greater than 0; "
                            "entry 0 is 0"):
        pairwise_matrix([0, 2, 1])
    with raises(ValueError, "upper_triangle must not be empty"):
        pairwise_matrix([])


def test_ahp_hierarchy_rules():
    crit = pairwise_matrix([2], ["c1", "c2"])
    alt = pairwise_matrix([3], ["x", "y"])
    with raises(ValueError, "alternative_matrices must have one matrix per criterion (2); got 1"):
        ahp_hierarchy(crit, [alt])
    with raises(ValueError, "alternative_matrices must have one matrix per criterion; "
                            "missing 'c2'"):
        ahp_hierarchy(crit, {"c1": alt})
    with raises(TypeError, "alternative_matrices must be a list of matrices (one per criterion) "
                           "or a dict; got ndarray"):
        ahp_hierarchy(crit, np.ones((2, 2, 2)))
    with raises(ValueError, "alternative matrix for criterion 'c2' must compare the same "
                            "alternatives in the same order ['x', 'y']; got ['y', 'x']"):
        ahp_hierarchy(crit, [alt, pairwise_matrix([3], ["y", "x"])])
    with raises(ValueError, "the matrix for criterion 'c2': matrix must be reciprocal"):
        ahp_hierarchy(crit, [alt, [[1, 2], [2, 1]]])


def test_objective_loyalty_rules():
    with raises(ValueError, "given and total must have the same shape; got (3,) and (2,)"):
        objective_loyalty([1, 2, 3], [4, 5], [0.5, 0.5])
    with raises(ValueError, "given and total must have the same indicators in the same order; "
                            "got ['a'] and ['b']"):
        objective_loyalty(pd.DataFrame({"a": [1]}), pd.DataFrame({"b": [2]}), [1.0])
    with raises(ValueError, "given and total must list the same customers in the same order; "
                            "got ['a', 'b'] and ['b', 'a']"):
        objective_loyalty(pd.DataFrame({"v": [1, 2]}, index=["a", "b"]),
                          pd.DataFrame({"v": [2, 4]}, index=["b", "a"]), [1.0])
    with raises(ValueError, "given must be 0 or more; entry (1,) is -1"):
        objective_loyalty([1, -1], [2, 2], [0.5, 0.5])
    with raises(ValueError, "total must be greater than 0; entry (1,) is 0"):
        objective_loyalty([1, 0], [2, 0], [0.5, 0.5])
    with raises(ValueError, "given must not exceed total (a customer cannot give this firm more "
                            "than their total); entry (0,) gives 5 of a total of 2"):
        objective_loyalty([5, 1], [2, 2], [0.5, 0.5])
    with raises(ValueError, "weights must sum to 1; got a sum of 0.9 ([0.5, 0.4])"):
        objective_loyalty([1, 1], [2, 2], [0.5, 0.4])
    with raises(ValueError, "weights must have one weight per indicator (2); got 3"):
        objective_loyalty([1, 1], [2, 2], [0.5, 0.25, 0.25])
    with raises(ValueError, "weights must contain only values of at least 0; entry 1 is -0.5"):
        objective_loyalty([1, 1], [2, 2], [1.5, -0.5])


def test_normalise_by_max_rules():
    with raises(ValueError, "x must be 0 or more to be normalised by its maximum; "
                            "entry (1,) is -2"):
        normalise_by_max([1, -2])
    with raises(ValueError, "x must have a maximum above 0 in every column; column 1 is all 0"):
        normalise_by_max([[1, 0], [2, 0]])
    with raises(ValueError, "x must have a maximum above 0 in every column; x is all 0"):
        normalise_by_max([0, 0])


def test_subjective_loyalty_rules():
    with raises(ValueError, "factor_values is missing the factor 'f2'; it has 'f1', 'g'"):
        subjective_loyalty(pd.DataFrame({"f1": [1.0], "g": [2.0]}), pd.Series({"f1": .5, "f2": .5}))
    with raises(ValueError, "factor_values must have one value per factor, as many as the "
                            "hierarchy's weights (3); got 2"):
        subjective_loyalty([0.5, 0.5], [0.2, 0.3, 0.5])
    with raises(ValueError, "factor_values must be between 0 and 1 (a single customer's values "
                            "must already be normalised (x / max over the customer base); "
                            "normalise a whole table with normalise_by_max); entry (1,) is 40"):
        subjective_loyalty([0.5, 40], [0.5, 0.5])
    with raises(ValueError, "factor_values must be between 0 and 1 (pass normalise=True to divide "
                            "by each column's maximum); entry (0, 0) is 3"):
        subjective_loyalty([[3, 0.5]], [0.5, 0.5], normalise=False)
    with raises(ValueError, "hierarchy must sum to 1; got a sum of 2"):
        subjective_loyalty([0.5, 0.5], [1, 1])


def test_loyalty_index_rules():
    with raises(ValueError, "objective_weight must be between 0 and 1; got 1.5"):
        loyalty_index(0.5, 0.5, 1.5)
    with raises(ValueError, "subjective must be between 0 and 1; entry 0 is 81"):
        loyalty_index(0.7, 81, 0.6)
    with raises(ValueError, "objective and subjective must list the same customers in the same "
                            "order; got ['a', 'b'] and ['b', 'a']"):
        loyalty_index(pd.Series([0.1, 0.2], index=["a", "b"]),
                      pd.Series([0.1, 0.2], index=["b", "a"]), 0.5)
    with raises(ValueError, "objective and subjective must have the same length; got 2 and 3"):
        loyalty_index([0.1, 0.2], [0.1, 0.2, 0.3], 0.5)


def test_loyalty_scores_rules():
    ex = example_customer_base()
    with raises(TypeError, "given must be a pandas DataFrame (one row per customer); got list"):
        loyalty_scores([[1]], ex.total, [1.0], ex.factor_values, [1.0], 0.5)
    with raises(ValueError, "factor_values must list the same customers in the same order as "
                            "given"):
        loyalty_scores(ex.given, ex.total, ex.indicator_weights, ex.factor_values.iloc[::-1],
                       [0.2, 0.3, 0.5], 0.5)


def test_loyalty_indicators_rules():
    with raises(ValueError, "freq must be one of 'D', 'W', 'M', 'Q', 'Y'; got 'H'"):
        loyalty_indicators(_log(), freq="H")
    with raises(ValueError, "churn_after must be 0 or greater; got -1"):
        loyalty_indicators(_log(), churn_after=-1)
    with raises(TypeError, "wallet must be a pandas Series indexed by customer id; got dict"):
        loyalty_indicators(_log(), wallet={"a": 1.0})
    with raises(ValueError, "wallet must give a total for every customer; 1 missing "
                            "(first: 'c')"):
        loyalty_indicators(_log(), wallet=pd.Series({"a": 500.0, "b": 500.0}))
    with raises(ValueError, "wallet must be at least the customer's spend with this firm (it is "
                            "their total at every supplier); customer 'a' has wallet 10 but "
                            "spent 65 here"):
        loyalty_indicators(_log(), observation_end="2024-03-31",
                           wallet=pd.Series({"a": 10.0, "b": 500.0, "c": 500.0}))
    free = pd.DataFrame({"customer_id": ["a"], "date": ["2024-01-01"], "amount": [0.0]})
    with raises(ValueError, "wallet must be greater than 0; customer 'a' has 0"):
        loyalty_indicators(free, wallet=pd.Series({"a": 0.0}))
    with raises(ValueError, "wallet needs the customers' spend: name the amount column "
                            "(amount='...'), not amount=None"):
        loyalty_indicators(_log(), amount=None, wallet=pd.Series({"a": 1.0}))
    with raises(ValueError, "transactions is missing the required column 'amount'"):
        loyalty_indicators(_log().drop(columns="amount"))


def test_net_promoter_score_rules():
    with raises(ValueError, "scores must be whole numbers from 0 to 10 (the recommendation "
                            "scale); entry 1 is 11"):
        net_promoter_score([10, 11])
    with raises(ValueError, "entry 0 is 7.5"):
        net_promoter_score([7.5])
    with raises(ValueError, "entry 0 is -1"):
        net_promoter_score([-1])
    with raises(ValueError, "scores must not be empty"):
        net_promoter_score([])


def test_effects_rule():
    with raises(ValueError, "source must be one of 'termination_costs'"):
        morgan_hunt_model().effects("loyalty")
