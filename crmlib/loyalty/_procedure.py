"""The course's loyalty procedure: objective value, AHP subjective value, and their blend.

Steps (3)-(5) of the course (客户忠诚度测评): objective value
:math:`I = \\sum_i \\alpha_i S_i / T_i`, subjective value from AHP factor
weights and max-normalised factor values, loyalty as a weighted blend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmlib._messages import fail
from crmlib._validation import _show, check_array, check_probability
from crmlib.loyalty._ahp import AHPResult
from crmlib.loyalty._hierarchy import HierarchyResult

__all__ = [
    "LoyaltyScores",
    "check_weights",
    "loyalty_index",
    "loyalty_scores",
    "normalise_by_max",
    "objective_loyalty",
    "subjective_loyalty",
]

Table = pd.DataFrame | np.ndarray | Sequence[float] | Sequence[Sequence[float]]


def check_weights(name: str, weights: object, n: int | None = None,
                  *, tolerance: float = 1e-6) -> np.ndarray:
    """Return ``weights`` as an array; non-negative, summing to 1 (never rescaled silently).

    >>> check_weights("weights", [0.5, 0.3, 0.2])
    array([0.5, 0.3, 0.2])
    >>> check_weights("weights", [0.5, 0.3, 0.3])
    Traceback (most recent call last):
    ...
    ValueError: weights must sum to 1; got a sum of 1.1 ([0.5, 0.3, 0.3])
    """
    w = check_array(name, weights, minimum=0.0)
    if n is not None and w.size != n:
        raise ValueError(f"{name} must have one weight per indicator ({n}); got {w.size}")
    with np.errstate(over="ignore"):  # a sum of inf is refused just below
        total = float(w.sum())
    if abs(total - 1.0) > tolerance:
        raise fail(ValueError, "weights_sum", name=name, total=f"{total:.6g}",
                   got=_show(w.tolist()))
    return w


def _as_table(name: str, values: object) -> tuple[np.ndarray, pd.Index | None, pd.Index | None]:
    """Values as a float array (1-D: one customer; 2-D: customers × items) and its labels."""
    if isinstance(values, pd.Series):
        return check_array(name, values.to_numpy()), None, values.index
    if isinstance(values, pd.DataFrame):
        return check_array(name, values.to_numpy(), ndim=2), values.index, values.columns
    arr = np.asarray(values, dtype=object)
    ndim = 2 if arr.ndim == 2 else 1
    return check_array(name, values, ndim=ndim), None, None


def _wrap(values: np.ndarray, index: pd.Index | None, name: str) -> float | pd.Series:
    if values.ndim == 0:
        return float(values)
    return pd.Series(values, index=index if index is not None else range(len(values)), name=name)


def objective_loyalty(given: Table, total: Table, weights: Sequence[float] | pd.Series
                      ) -> float | pd.Series:
    """Objective loyalty value: weighted share of each indicator the customer gives this firm.

    Parameters
    ----------
    given : array-like or pandas.DataFrame
        :math:`S_i`: what the customer gives this firm on each indicator
        (e.g. units bought here, purchases made here, years buying here), 0
        or more. One customer: a 1-D sequence of N indicators; a customer
        table: customers × N (a DataFrame keeps its index).
    total : array-like or pandas.DataFrame
        :math:`T_i`: the customer's total on the same indicator (all
        suppliers), greater than 0 and at least ``given``. Same shape.
    weights : sequence of float
        :math:`\\alpha_i`, one per indicator, non-negative, summing to 1.

    Returns
    -------
    float or pandas.Series
        :math:`I` between 0 and 1: one value, or one per customer.

    Notes
    -----
    Step 3 of the course procedure:

    .. math::

        I = \\sum_{i=1}^{N} \\alpha_i \\, \\frac{S_i}{T_i}.

    References
    ----------
    Course material (客户忠诚度测评, step 3: 客观价值).

    Examples
    --------
    A customer buys 300 of their 500 units here, makes 8 of 10 orders here
    and has bought here for 4 of their 5 years; weights 0.5, 0.3, 0.2:

    >>> round(objective_loyalty([300, 8, 4], [500, 10, 5], [0.5, 0.3, 0.2]), 4)
    0.7
    """
    s, s_index, s_cols = _as_table("given", given)
    t, t_index, t_cols = _as_table("total", total)
    if s_index is not None and t_index is not None and not s_index.equals(t_index):
        raise ValueError(
            "given and total must list the same customers in the same order; got "
            f"{list(s_index)[:5]} and {list(t_index)[:5]}"
        )
    if s.shape != t.shape:
        raise ValueError(f"given and total must have the same shape; got {s.shape} and {t.shape}")
    if s_cols is not None and t_cols is not None and list(s_cols) != list(t_cols):
        raise ValueError(
            f"given and total must have the same indicators in the same order; got "
            f"{list(s_cols)} and {list(t_cols)}"
        )
    if (s < 0).any():
        pos = tuple(int(i) for i in np.argwhere(s < 0)[0])
        raise ValueError(f"given must be 0 or more; entry {pos} is {s[pos]:g}")
    if (t <= 0).any():
        pos = tuple(int(i) for i in np.argwhere(t <= 0)[0])
        raise ValueError(f"total must be greater than 0; entry {pos} is {t[pos]:g}")
    if (s > t * (1 + 1e-12)).any():
        pos = tuple(int(i) for i in np.argwhere(s > t * (1 + 1e-12))[0])
        raise ValueError(
            "given must not exceed total (a customer cannot give this firm more than their "
            f"total); entry {pos} gives {s[pos]:g} of a total of {t[pos]:g}"
        )
    w = check_weights("weights", weights, s.shape[-1])
    value = (s / t) @ w
    return _wrap(np.asarray(value), s_index, "objective")


def normalise_by_max(x: Table) -> np.ndarray | pd.Series | pd.DataFrame:
    """Divide values by their maximum (per column of a table): the course's x / max.

    Parameters
    ----------
    x : array-like, pandas.Series or pandas.DataFrame
        Non-negative values; each column (or the 1-D sequence) must have a
        maximum above 0. Never modified.

    Returns
    -------
    numpy.ndarray, pandas.Series or pandas.DataFrame
        Same type and labels as ``x``; the largest value of each column is 1.

    Notes
    -----
    .. math::

        x'_{ci} = \\frac{x_{ci}}{\\max_{c'} x_{c'i}}.

    References
    ----------
    Course material (客户忠诚度测评, step 4: 因素值归一化).

    Examples
    --------
    >>> normalise_by_max([2.0, 5.0, 4.0])
    array([0.4, 1. , 0.8])
    """
    arr, _, _ = _as_table("x", x)
    if (arr < 0).any():
        pos = tuple(int(i) for i in np.argwhere(arr < 0)[0])
        raise ValueError(f"x must be 0 or more to be normalised by its maximum; "
                         f"entry {pos} is {arr[pos]:g}")
    top = arr.max(axis=0)
    if np.any(top <= 0):
        col = int(np.flatnonzero(np.atleast_1d(top) <= 0)[0])
        where = f"column {col}" if arr.ndim == 2 else "x"
        raise ValueError(f"x must have a maximum above 0 in every column; {where} is all 0")
    out = arr / top
    if isinstance(x, pd.DataFrame):
        return pd.DataFrame(out, index=x.index, columns=x.columns)
    if isinstance(x, pd.Series):
        return pd.Series(out, index=x.index, name=x.name)
    return out


def _factor_weights(hierarchy: object) -> tuple[pd.Series, bool]:
    """The factor weights, and whether they carry factor names to match columns by."""
    if isinstance(hierarchy, HierarchyResult):
        return hierarchy.global_weights, True
    if isinstance(hierarchy, AHPResult):
        return hierarchy.weights, True
    if isinstance(hierarchy, pd.Series):
        check_weights("hierarchy", hierarchy.to_numpy())
        return hierarchy, True
    w = check_weights("hierarchy", hierarchy)
    return pd.Series(w, index=[f"factor{i + 1}" for i in range(w.size)]), False


def subjective_loyalty(
    factor_values: Table, hierarchy: HierarchyResult | AHPResult | Sequence[float] | pd.Series,
    *, normalise: bool = True,
) -> float | pd.Series:
    """Subjective loyalty value: AHP factor weights times max-normalised factor values.

    Parameters
    ----------
    factor_values : array-like or pandas.DataFrame
        The customers' values on the factors (e.g. customer nature,
        production equipment, customer behaviour), 0 or more. A customer
        table (customers × factors; a DataFrame's columns are matched to the
        factor names) is normalised by each column's maximum. A single
        customer (1-D; a Series is matched by factor name) must already be
        normalised (each value between 0 and 1).
    hierarchy : HierarchyResult, AHPResult or sequence of float
        Where the factor weights come from: the global weights of an
        :func:`ahp_hierarchy` whose alternatives are the factors, the weights
        of one :func:`ahp`, or the weights themselves (summing to 1).
    normalise : bool, default True
        Normalise a table by its column maxima. With False the table must
        already be normalised.

    Returns
    -------
    float or pandas.Series
        Between 0 and 1: one value, or one per customer.

    Notes
    -----
    Step 4 of the course procedure, with :math:`g_f` the global AHP weight of
    factor :math:`f`:

    .. math::

        S = \\sum_{f} g_f \\, \\frac{x_f}{\\max x_f}.

    References
    ----------
    Course material (客户忠诚度测评, step 4: 主观价值, 层次分析法).

    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.

    Examples
    --------
    >>> round(subjective_loyalty([1.0, 0.5, 0.8], [0.5, 0.3, 0.2]), 4)
    0.81
    """
    weights, named = _factor_weights(hierarchy)
    if isinstance(factor_values, (pd.DataFrame, pd.Series)) and named:
        have = factor_values.columns if isinstance(factor_values, pd.DataFrame) else (
            factor_values.index)
        missing = [f for f in weights.index if f not in have]
        if missing:
            raise ValueError(
                f"factor_values is missing the factor {missing[0]!r}; "
                f"it has {', '.join(map(repr, map(str, have)))}"
            )
        factor_values = (factor_values[list(weights.index)]
                         if isinstance(factor_values, pd.DataFrame)
                         else factor_values.reindex(weights.index))
    arr, index, _ = _as_table("factor_values", factor_values)
    if arr.shape[-1] != len(weights):
        raise ValueError(
            f"factor_values must have one value per factor, as many as the hierarchy's weights "
            f"({len(weights)}); got {arr.shape[-1]}"
        )
    if arr.ndim == 2 and normalise:
        arr = np.asarray(normalise_by_max(arr))
    elif (arr < 0).any() or (arr > 1 + 1e-12).any():
        bad = np.argwhere((arr < 0) | (arr > 1 + 1e-12))[0]
        pos = tuple(int(i) for i in bad)
        hint = ("a single customer's values must already be normalised (x / max over the "
                "customer base); normalise a whole table with normalise_by_max"
                if arr.ndim == 1 else "pass normalise=True to divide by each column's maximum")
        raise ValueError(f"factor_values must be between 0 and 1 ({hint}); entry {pos} is "
                         f"{arr[pos]:g}")
    value = arr @ weights.to_numpy()
    return _wrap(np.asarray(value), index, "subjective")


def loyalty_index(objective: float | Table, subjective: float | Table,
                  objective_weight: float) -> float | np.ndarray | pd.Series:
    """Loyalty as the course's weighted blend of objective and subjective value.

    Parameters
    ----------
    objective, subjective : float, array-like or pandas.Series
        Objective value :math:`I` and subjective value :math:`S`, each between
        0 and 1 (one customer, or one per customer; Series keep their index).
    objective_weight : float
        :math:`\\beta`, the weight of the objective part, between 0 and 1
        (the subjective part gets :math:`1 - \\beta`).

    Returns
    -------
    float, numpy.ndarray or pandas.Series

    Notes
    -----
    Step 5 of the course procedure:

    .. math::

        L = \\beta \\, I + (1 - \\beta) \\, S.

    References
    ----------
    Course material (客户忠诚度测评, step 5).

    Examples
    --------
    >>> round(loyalty_index(0.7, 0.81, 0.6), 4)
    0.744
    """
    beta = check_probability("objective_weight", objective_weight)
    parts = []
    for name, values in (("objective", objective), ("subjective", subjective)):
        arr = check_array(name, values.to_numpy() if isinstance(values, pd.Series) else values)
        if (arr < 0).any() or (arr > 1 + 1e-12).any():
            i = int(np.flatnonzero((arr < 0) | (arr > 1 + 1e-12))[0])
            raise ValueError(f"{name} must be between 0 and 1; entry {i} is {arr[i]:g}")
        parts.append(arr)
    o, s = parts
    if (isinstance(objective, pd.Series) and isinstance(subjective, pd.Series)
            and not objective.index.equals(subjective.index)):
        raise ValueError(
            "objective and subjective must list the same customers in the same order; got "
            f"{list(objective.index)[:5]} and {list(subjective.index)[:5]}"
        )
    if o.shape != s.shape and o.size != 1 and s.size != 1:
        raise ValueError(
            f"objective and subjective must have the same length; got {o.size} and {s.size}"
        )
    value = beta * o + (1 - beta) * s
    series = next((v for v in (objective, subjective) if isinstance(v, pd.Series)), None)
    if series is not None and value.size == len(series):
        return pd.Series(value, index=series.index, name="loyalty")
    if np.ndim(objective) == 0 and np.ndim(subjective) == 0:
        return float(value[0])
    return value


@dataclass(frozen=True, eq=False)
class LoyaltyScores:
    """Loyalty of every customer of a table, ranked, with the parts of the score.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per customer, best first: ``objective`` (:math:`I`),
        ``subjective`` (:math:`S`), ``objective_part`` (:math:`\\beta I`),
        ``subjective_part`` (:math:`(1-\\beta) S`), ``loyalty`` (their sum)
        and ``rank`` (1 = most loyal).
    objective_weight : float
        :math:`\\beta`.
    indicator_weights : pandas.Series
        :math:`\\alpha_i` of the objective indicators.
    factor_weights : pandas.Series
        AHP weights of the subjective factors.
    """

    table: pd.DataFrame = field(repr=False)
    objective_weight: float
    indicator_weights: pd.Series = field(repr=False)
    factor_weights: pd.Series = field(repr=False)

    def __repr__(self) -> str:
        best = self.table.index[0]
        return (f"LoyaltyScores({len(self.table)} customers, objective_weight="
                f"{self.objective_weight:g}, most loyal={best!r} "
                f"({self.table['loyalty'].iloc[0]:.3f}))")

    def to_frame(self) -> pd.DataFrame:
        """Copy of the ranked table (see ``table``).

        Examples
        --------
        >>> import pandas as pd
        >>> res = loyalty_scores(pd.DataFrame({"v": [1, 3]}, index=["a", "b"]),
        ...                      pd.DataFrame({"v": [4, 4]}, index=["a", "b"]), [1.0],
        ...                      pd.DataFrame({"f": [2, 1.5]}, index=["a", "b"]), [1.0], 0.5)
        >>> res.to_frame()["loyalty"].tolist()
        [0.75, 0.625]
        """
        return self.table.copy()


def loyalty_scores(
    given: pd.DataFrame,
    total: pd.DataFrame,
    indicator_weights: Sequence[float] | pd.Series,
    factor_values: pd.DataFrame,
    hierarchy: HierarchyResult | AHPResult | Sequence[float] | pd.Series,
    objective_weight: float,
) -> LoyaltyScores:
    """The whole course procedure for a customer table: objective, subjective, blend, rank.

    Parameters
    ----------
    given, total : pandas.DataFrame
        Customers × objective indicators (see :func:`objective_loyalty`).
    indicator_weights : sequence of float
        :math:`\\alpha_i`, summing to 1.
    factor_values : pandas.DataFrame
        Customers × subjective factors, raw values (normalised here by each
        column's maximum over the table; see :func:`subjective_loyalty`).
    hierarchy : HierarchyResult, AHPResult or sequence of float
        Source of the factor weights.
    objective_weight : float
        :math:`\\beta` between 0 and 1.

    Returns
    -------
    LoyaltyScores

    Notes
    -----
    .. math::

        L_c = \\beta \\sum_i \\alpha_i \\frac{S_{ci}}{T_{ci}}
        + (1-\\beta) \\sum_f g_f \\frac{x_{cf}}{\\max_{c'} x_{c'f}}.

    Ties share the better rank.

    References
    ----------
    Course material (客户忠诚度测评, steps 1-5).

    Examples
    --------
    >>> import pandas as pd
    >>> ids = ["a", "b"]
    >>> res = loyalty_scores(pd.DataFrame({"v": [1, 3]}, index=ids),
    ...                      pd.DataFrame({"v": [4, 4]}, index=ids), [1.0],
    ...                      pd.DataFrame({"f": [2, 1.5]}, index=ids), [1.0], 0.5)
    >>> res.table[["objective", "subjective", "loyalty", "rank"]]
       objective  subjective  loyalty  rank
    b       0.75        0.75    0.750     1
    a       0.25        1.00    0.625     2
    """
    for name, frame in (("given", given), ("total", total), ("factor_values", factor_values)):
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{name} must be a pandas DataFrame (one row per customer); "
                            f"got {type(frame).__name__}")
    for name, frame in (("total", total), ("factor_values", factor_values)):
        if not frame.index.equals(given.index):
            raise ValueError(
                f"{name} must list the same customers in the same order as given; "
                f"got {list(frame.index)[:5]} against {list(given.index)[:5]}"
            )
    beta = check_probability("objective_weight", objective_weight)
    alpha = check_weights("indicator_weights", indicator_weights, given.shape[1])
    objective = objective_loyalty(given, total, alpha)
    subjective = subjective_loyalty(factor_values, hierarchy)
    table = pd.DataFrame({"objective": objective, "subjective": subjective})
    table["objective_part"] = beta * table["objective"]
    table["subjective_part"] = (1 - beta) * table["subjective"]
    table["loyalty"] = table["objective_part"] + table["subjective_part"]
    table["rank"] = table["loyalty"].rank(ascending=False, method="min").astype(int)
    table = table.sort_values(["rank"], kind="stable")
    return LoyaltyScores(table=table, objective_weight=beta,
                         indicator_weights=pd.Series(alpha, index=list(given.columns),
                                                     name="weight"),
                         factor_weights=_factor_weights(hierarchy)[0].rename("weight"))
