"""A two-level AHP hierarchy: total ranking (层次总排序) and its consistency check."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmlib._messages import Message, with_prefix
from crmlib._validation import check_names
from crmlib.loyalty._ahp import CR_THRESHOLD, AHPResult, ahp

__all__ = ["HierarchyResult", "ahp_hierarchy"]


@dataclass(frozen=True, eq=False)
class HierarchyResult:
    """Local and global weights of a goal → criteria → alternatives hierarchy.

    Attributes
    ----------
    criteria : AHPResult
        Single-level ranking of the criteria with respect to the goal.
    alternatives : dict of str to AHPResult
        Single-level ranking of the alternatives under each criterion.
    local_weights : pandas.DataFrame
        Alternatives (rows) × criteria (columns): the weight of each
        alternative under each criterion (each column sums to 1).
    contributions : pandas.DataFrame
        ``local_weights`` times the criterion weight: what each criterion adds
        to each alternative's global weight (rows sum to ``global_weights``).
    global_weights : pandas.Series
        Total ranking 层次总排序 of the alternatives (sums to 1).
    cr_criteria : float
        Consistency ratio of the criteria matrix.
    cr_alternatives : float
        Combined consistency ratio of the alternative level,
        :math:`\\sum_j w_j \\mathrm{CI}_j / \\sum_j w_j \\mathrm{RI}_j`.
    cr_total : float
        ``cr_criteria + cr_alternatives``: the hierarchy's total consistency ratio.
    consistent : bool
        Whether ``cr_total`` is below 0.1.
    """

    criteria: AHPResult
    alternatives: dict[str, AHPResult] = field(repr=False)
    local_weights: pd.DataFrame = field(repr=False)
    contributions: pd.DataFrame = field(repr=False)
    global_weights: pd.Series = field(repr=False)
    cr_criteria: float = field(repr=False)
    cr_alternatives: float = field(repr=False)
    cr_total: float = field(repr=False)
    consistent: bool = field(repr=False)

    def __repr__(self) -> str:
        w = ", ".join(f"{k}={v:.3f}" for k, v in self.global_weights.items())
        return (f"HierarchyResult(global_weights=[{w}], CR_total={self.cr_total:.4f}, "
                f"consistent={self.consistent})")

    def to_frame(self) -> pd.DataFrame:
        """Local weights under each criterion, the global weight and its rank.

        Examples
        --------
        >>> from crmlib.loyalty import pairwise_matrix
        >>> res = ahp_hierarchy(pairwise_matrix([1], ["c1", "c2"]),
        ...                     [pairwise_matrix([3], ["x", "y"]),
        ...                      pairwise_matrix([1], ["x", "y"])])
        >>> res.to_frame()
                     c1   c2  global_weight  rank
        alternative
        x            0.75  0.5          0.625     1
        y            0.25  0.5          0.375     2
        """
        frame = self.local_weights.copy()
        frame["global_weight"] = self.global_weights
        frame["rank"] = frame["global_weight"].rank(ascending=False, method="min").astype(int)
        frame.index.name = "alternative"
        return frame

    def consistency_report(self) -> pd.DataFrame:
        """One row per judgement matrix: n, λmax, CI, RI, CR and whether CR < 0.1.

        Examples
        --------
        >>> from crmlib.loyalty import pairwise_matrix
        >>> res = ahp_hierarchy(pairwise_matrix([1], ["c1", "c2"]),
        ...                     [pairwise_matrix([3], ["x", "y"]),
        ...                      pairwise_matrix([1], ["x", "y"])])
        >>> res.consistency_report()["cr"].tolist()
        [0.0, 0.0, 0.0]
        """
        rows = {"goal": self.criteria}
        rows.update(self.alternatives)
        return pd.DataFrame(
            {"n": [r.n for r in rows.values()],
             "lambda_max": [r.lambda_max for r in rows.values()],
             "ci": [r.ci for r in rows.values()],
             "ri": [r.ri for r in rows.values()],
             "cr": [r.cr for r in rows.values()],
             "consistent": [r.consistent for r in rows.values()]},
            index=pd.Index(list(rows), name="matrix"),
        )


def ahp_hierarchy(
    criteria_matrix: object,
    alternative_matrices: Sequence[object] | Mapping[str, object],
    random_index: str = "saaty1980",
    *,
    criteria: Sequence[str] | None = None,
    alternatives: Sequence[str] | None = None,
) -> HierarchyResult:
    """Total ranking of alternatives in a goal → criteria → alternatives hierarchy.

    Parameters
    ----------
    criteria_matrix : array-like or pandas.DataFrame
        :math:`k \\times k` judgement matrix of the criteria with respect to
        the goal (see :func:`ahp`).
    alternative_matrices : sequence or mapping of array-like
        One :math:`m \\times m` judgement matrix of the alternatives per
        criterion, in the order of the criteria (or a mapping from criterion
        name to matrix).
    random_index : {"saaty1980", "saaty2005", "donegan_dodd", "chinese_texts"}
        RI table used for every matrix.
    criteria, alternatives : sequence of str, optional
        Names; by default taken from DataFrame labels, else numbered.

    Returns
    -------
    HierarchyResult

    Notes
    -----
    With criterion weights :math:`w_j` and the weight :math:`v_{ij}` of
    alternative :math:`i` under criterion :math:`j`, the global weight
    (层次总排序) is

    .. math::

        g_i = \\sum_{j=1}^{k} w_j \\, v_{ij},

    and the hierarchy's total consistency ratio adds the level ratios:

    .. math::

        \\mathrm{CR} = \\mathrm{CR}_{\\text{criteria}}
        + \\frac{\\sum_j w_j \\mathrm{CI}_j}{\\sum_j w_j \\mathrm{RI}_j},

    accepted when below 0.1 (the second term is 0 when m ≤ 2).

    References
    ----------
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill
    (hierarchic composition and the consistency of a hierarchy).

    姜启源, 谢金星, 叶俊 (2011). 数学模型 (第四版). 高等教育出版社,
    层次分析模型 (组合一致性比率).

    Examples
    --------
    The "choosing a leader" example (Tom, Dick, Harry):

    >>> from crmlib.loyalty import pairwise_matrix
    >>> crit = pairwise_matrix([4, 3, 7, 1/3, 3, 5],
    ...                        ["experience", "education", "charisma", "age"])
    >>> names = ["Tom", "Dick", "Harry"]
    >>> alts = [pairwise_matrix(t, names) for t in
    ...         ([1/4, 4, 9], [3, 1/5, 1/7], [5, 9, 4], [1/3, 5, 9])]
    >>> ahp_hierarchy(crit, alts).global_weights.round(3).tolist()
    [0.358, 0.493, 0.149]
    """
    if criteria is not None:
        criteria = [str(x) for x in check_names("criteria", criteria)]
    try:
        crit = ahp(criteria_matrix, random_index, labels=criteria)
    except (ValueError, TypeError) as exc:
        raise with_prefix(exc, Message("criteria_prefix")) from None
    k = crit.n
    crit_names = list(crit.weights.index)
    if isinstance(alternative_matrices, Mapping):
        missing = [c for c in crit_names if c not in alternative_matrices]
        if missing:
            raise ValueError(
                "alternative_matrices must have one matrix per criterion; "
                f"missing {', '.join(map(repr, missing))}"
            )
        mats = [alternative_matrices[c] for c in crit_names]
    elif isinstance(alternative_matrices, (str, bytes)) or not isinstance(
        alternative_matrices, Sequence
    ):
        raise TypeError(
            "alternative_matrices must be a list of matrices (one per criterion) or a dict; "
            f"got {type(alternative_matrices).__name__}"
        )
    else:
        mats = list(alternative_matrices)
        if len(mats) != k:
            raise ValueError(
                f"alternative_matrices must have one matrix per criterion ({k}); got {len(mats)}"
            )
    results: dict[str, AHPResult] = {}
    names: list[str] | None = (
        [str(x) for x in check_names("alternatives", alternatives)]
        if alternatives is not None else None
    )
    for crit_name, mat in zip(crit_names, mats, strict=True):
        labels = [str(x) for x in mat.index] if isinstance(mat, pd.DataFrame) else names
        try:
            res = ahp(mat, random_index, labels=labels)
        except (ValueError, TypeError) as exc:
            raise with_prefix(exc, Message("alternatives_prefix",
                                           criterion=repr(crit_name))) from None
        if names is None:
            names = list(res.weights.index)
        elif list(res.weights.index) != names:
            raise ValueError(
                f"alternative matrix for criterion {crit_name!r} must compare the same "
                f"alternatives in the same order {names}; got {list(res.weights.index)}"
            )
        results[crit_name] = res
    w = crit.weights.to_numpy()
    local = pd.DataFrame({c: results[c].weights.to_numpy() for c in crit_names}, index=names)
    contributions = local * w[None, :]
    global_w = contributions.sum(axis=1).rename("global_weight")
    ci = np.array([results[c].ci for c in crit_names])
    ri = np.array([results[c].ri for c in crit_names])
    denominator = float(w @ ri)
    cr_alt = float(w @ ci) / denominator if denominator > 0 else 0.0
    cr_total = crit.cr + cr_alt
    return HierarchyResult(
        criteria=crit,
        alternatives=results,
        local_weights=local,
        contributions=contributions,
        global_weights=global_w,
        cr_criteria=crit.cr,
        cr_alternatives=cr_alt,
        cr_total=cr_total,
        consistent=bool(cr_total < CR_THRESHOLD),
    )
