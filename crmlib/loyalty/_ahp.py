"""The Analytic Hierarchy Process (层次分析法) for one pairwise-comparison matrix.

:func:`pairwise_matrix` builds a judgement matrix from Saaty's 1-9 scale,
:func:`ahp` turns it into priority weights (single-level ranking 层次单排序)
and checks its consistency (一致性检验).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmlib._messages import fail
from crmlib._validation import check_array, check_choice, check_names

__all__ = [
    "CR_THRESHOLD",
    "RANDOM_INDEX",
    "SAATY_SCALE",
    "AHPResult",
    "ahp",
    "check_labels",
    "pairwise_matrix",
    "random_index",
]

#: A judgement matrix is acceptably consistent when its CR is below this (Saaty 1980).
CR_THRESHOLD = 0.1

#: Saaty's fundamental scale: intensity of importance -> meaning (English).
SAATY_SCALE: dict[int, str] = {
    1: "equally important",
    2: "between equally and moderately more important",
    3: "moderately more important",
    4: "between moderately and strongly more important",
    5: "strongly more important",
    6: "between strongly and very strongly more important",
    7: "very strongly more important",
    8: "between very strongly and extremely more important",
    9: "extremely more important",
}

#: Random consistency index RI by matrix order n (n = 1, 2, ...), per published table.
RANDOM_INDEX: dict[str, tuple[float, ...]] = {
    # Saaty (1980), The Analytic Hierarchy Process: the values most course texts use.
    "saaty1980": (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49),
    # Saaty (2005), Theory and Applications of the Analytic Network Process, p. 31.
    "saaty2005": (
        0.0, 0.0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59,
    ),
    # Donegan & Dodd (1991), estimates for n = 3..20.
    "donegan_dodd": (
        0.0, 0.0, 0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055,
        1.4213, 1.4497, 1.4643, 1.4822, 1.4969, 1.5078, 1.5153, 1.5262, 1.5313, 1.5371,
    ),
    # The table printed in many Chinese AHP texts (层次分析法教材).
    "chinese_texts": (0.0, 0.0, 0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49),
}

#: Relative tolerance of the reciprocity check |a_ij * a_ji - 1|: judgements typed
#: as 0.333 for 1/3 pass, a matrix with a wrong lower triangle does not.
RECIPROCAL_TOLERANCE = 0.01


def random_index(n: int, table: str = "saaty1980") -> float:
    """Random consistency index RI of an ``n`` × ``n`` matrix in the chosen table.

    Parameters
    ----------
    n : int
        Order of the matrix (number of items compared), 1 or more.
    table : {"saaty1980", "saaty2005", "donegan_dodd", "chinese_texts"}
        Which published table of RI to use (see :data:`RANDOM_INDEX`).

    Returns
    -------
    float
        RI; 0 for n = 1 and 2 (every such reciprocal matrix is consistent).

    Notes
    -----
    RI is the mean consistency index :math:`\\mathrm{CI}` of random
    reciprocal matrices of order :math:`n` whose judgements are drawn from
    Saaty's scale; the tables differ because they come from different
    simulations.

    References
    ----------
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.

    Saaty, T. L. (2005). *Theory and Applications of the Analytic Network
    Process*. RWS Publications, p. 31.

    Donegan, H. A., & Dodd, F. J. (1991). A note on Saaty's random indexes.
    *Mathematical and Computer Modelling*, 15(10), 135-137.

    Examples
    --------
    >>> random_index(3)
    0.58
    >>> random_index(5, "chinese_texts")
    1.12
    """
    table = check_choice("table", table, list(RANDOM_INDEX))
    values = RANDOM_INDEX[table]
    if n > len(values):
        raise fail(ValueError, "random_index_order", table=repr(table), most=len(values), n=n)
    return values[n - 1]


_random_index_of = random_index


def check_labels(name: str, labels: Sequence[str] | None, n: int, default: str) -> list[str]:
    """Names of the ``n`` items compared; ``default`` + number when none are given."""
    if labels is None:
        return [f"{default}{i + 1}" for i in range(n)]
    if isinstance(labels, str):
        raise TypeError(f"{name} must be a sequence of names; got the text {labels!r}")
    out = [str(x) for x in check_names(name, labels)]
    if len(out) != n:
        raise ValueError(f"{name} must name each of the {n} items compared; got {len(out)} names")
    if len(set(out)) != n:
        dup = next(x for x in out if out.count(x) > 1)
        raise ValueError(f"{name} must be different from each other; {dup!r} appears twice")
    return out


def _show_cell(value: float) -> str:
    if value < 1 and abs(1 / value - round(1 / value)) < 1e-9:
        return f"1/{round(1 / value)}"
    return f"{value:.4g}"


def check_pairwise(name: str, matrix: object, *, tolerance: float = RECIPROCAL_TOLERANCE
                   ) -> np.ndarray:
    """Return ``matrix`` as a float array; it must be a positive reciprocal square matrix."""
    if isinstance(matrix, pd.DataFrame):
        if list(matrix.index) != list(matrix.columns):
            raise ValueError(
                f"{name} must list the same items in the same order in its rows and columns; "
                f"got rows {list(matrix.index)} and columns {list(matrix.columns)}"
            )
        matrix = matrix.to_numpy()
    arr = check_array(name, matrix, ndim=2)
    n, m = arr.shape
    if n != m:
        raise ValueError(f"{name} must be square (as many rows as columns); got shape {arr.shape}")
    bad = np.argwhere(arr <= 0)
    if bad.size:
        i, j = bad[0]
        raise ValueError(
            f"{name} must hold only positive judgements (Saaty's scale 1/9 ... 9); "
            f"cell [{i}, {j}] is {arr[i, j]:g}"
        )
    diag = np.flatnonzero(np.abs(np.diag(arr) - 1.0) > tolerance)
    if diag.size:
        i = int(diag[0])
        raise ValueError(
            f"{name} must have 1 on the diagonal (an item is equally important as itself); "
            f"cell [{i}, {i}] is {arr[i, i]:g}"
        )
    product = arr * arr.T
    off = np.argwhere(np.triu(np.abs(product - 1.0) > tolerance, k=1))
    if off.size:
        i, j = off[0]
        raise ValueError(
            f"{name} must be reciprocal (a[j, i] = 1 / a[i, j]); cell [{j}, {i}] is "
            f"{_show_cell(arr[j, i])} but 1 / a[{i}, {j}] = 1/{arr[i, j]:g} = "
            f"{1 / arr[i, j]:.4g}"
        )
    return arr


def pairwise_matrix(
    upper_triangle: Sequence[float] | np.ndarray,
    labels: Sequence[str] | None = None,
    *,
    saaty_scale: bool = True,
) -> pd.DataFrame:
    """Build a reciprocal judgement matrix (判断矩阵) from the judgements above its diagonal.

    Parameters
    ----------
    upper_triangle : sequence of float
        The :math:`n(n-1)/2` judgements :math:`a_{ij}` for :math:`i < j`, row
        by row: :math:`a_{12}, a_{13}, \\dots, a_{1n}, a_{23}, \\dots`. A value
        :math:`a_{ij} > 1` says item :math:`i` is more important than item
        :math:`j` (3: moderately, 5: strongly, 7: very strongly, 9:
        extremely); :math:`1/a` says the opposite.
    labels : sequence of str, optional
        Names of the items; default ``item1, item2, ...``.
    saaty_scale : bool, default True
        Require every judgement to lie on Saaty's range 1/9 ... 9. Switch off
        for judgements combined from several people (e.g. geometric means).

    Returns
    -------
    pandas.DataFrame
        The :math:`n \\times n` matrix with ones on the diagonal and
        :math:`a_{ji} = 1/a_{ij}` below it; index and columns are ``labels``.

    Notes
    -----
    .. math::

        A = (a_{ij}), \\qquad a_{ii} = 1, \\qquad a_{ji} = \\frac{1}{a_{ij}}.

    References
    ----------
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill
    (the fundamental 1-9 scale).

    Examples
    --------
    >>> pairwise_matrix([3, 5, 2], labels=["price", "quality", "service"]).round(3)
             price  quality  service
    price    1.000    3.000      5.0
    quality  0.333    1.000      2.0
    service  0.200    0.500      1.0
    """
    values = check_array("upper_triangle", upper_triangle, strictly_positive=True)
    k = values.size
    n = int(round((1 + math.sqrt(1 + 8 * k)) / 2))
    if n * (n - 1) // 2 != k:
        raise ValueError(
            "upper_triangle must hold n(n-1)/2 judgements (1 for 2 items, 3 for 3, 6 for 4, "
            f"10 for 5, ...); got {k}"
        )
    if saaty_scale:
        out = np.flatnonzero((values < 1 / 9 - 1e-9) | (values > 9 + 1e-9))
        if out.size:
            i = int(out[0])
            raise ValueError(
                "upper_triangle must hold judgements on Saaty's scale from 1/9 to 9 "
                f"(pass saaty_scale=False for other positive values); entry {i} is {values[i]:g}"
            )
    if labels is not None and not isinstance(labels, str):
        count = len(check_names("labels", labels))
        if count != n:
            raise ValueError(
                f"labels must name each of the {n} items that upper_triangle's {k} judgements "
                f"compare; got {count} names"
            )
    names = check_labels("labels", labels, n, "item")
    matrix = np.ones((n, n))
    rows, cols = np.triu_indices(n, k=1)
    matrix[rows, cols] = values
    matrix[cols, rows] = 1.0 / values
    return pd.DataFrame(matrix, index=names, columns=names)


@dataclass(frozen=True, eq=False)
class AHPResult:
    """Priority weights of one judgement matrix and its consistency (层次单排序及一致性检验).

    Attributes
    ----------
    weights : pandas.Series
        Priority weights (normalised principal eigenvector), indexed by the
        item labels; they sum to 1.
    lambda_max : float
        Principal eigenvalue :math:`\\lambda_{\\max}` (at least ``n``).
    ci : float
        Consistency index :math:`(\\lambda_{\\max} - n)/(n - 1)`; 0 for n ≤ 2.
    ri : float
        Random index of the chosen table for this ``n``.
    cr : float
        Consistency ratio CI / RI (0 when RI is 0, i.e. n ≤ 2).
    consistent : bool
        Whether ``cr`` is below :data:`CR_THRESHOLD` (0.1).
    worst_judgement : tuple of (str, str) or None
        The pair (i, j) whose judgement :math:`a_{ij}` departs most from what
        the weights imply (largest :math:`\\varepsilon_{ij} = a_{ij} w_j / w_i`);
        ``None`` when the matrix is consistent.
    suggested_value : float or None
        :math:`w_i / w_j` for ``worst_judgement``: the value that would agree
        with the other judgements (revise towards it).
    matrix : pandas.DataFrame
        The judgement matrix, as given (labels added).
    random_index_table : str
        Name of the RI table used.
    """

    weights: pd.Series
    lambda_max: float
    ci: float
    ri: float
    cr: float
    consistent: bool
    worst_judgement: tuple[str, str] | None
    suggested_value: float | None
    matrix: pd.DataFrame = field(repr=False)
    random_index_table: str = field(default="saaty1980", repr=False)

    def __repr__(self) -> str:
        w = ", ".join(f"{k}={v:.3f}" for k, v in self.weights.items())
        return (f"AHPResult(weights=[{w}], lambda_max={self.lambda_max:.4f}, "
                f"CI={self.ci:.4f}, CR={self.cr:.4f}, consistent={self.consistent})")

    @property
    def n(self) -> int:
        """Number of items compared."""
        return len(self.weights)

    def deviations(self) -> pd.DataFrame:
        """Matrix of :math:`\\varepsilon_{ij} = a_{ij} w_j / w_i` (all 1 for a consistent matrix).

        Examples
        --------
        >>> res = ahp(pairwise_matrix([2, 4, 2]))
        >>> res.deviations().round(6).to_numpy().tolist()
        [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
        """
        w = self.weights.to_numpy()
        eps = self.matrix.to_numpy() * w[None, :] / w[:, None]
        return pd.DataFrame(eps, index=self.matrix.index, columns=self.matrix.columns)

    def to_frame(self) -> pd.DataFrame:
        """Weights with their rank (1 = most important).

        Examples
        --------
        >>> ahp(pairwise_matrix([3], labels=["a", "b"])).to_frame()
              weight  rank
        item
        a       0.75     1
        b       0.25     2
        """
        frame = pd.DataFrame({"weight": self.weights})
        frame["rank"] = frame["weight"].rank(ascending=False, method="min").astype(int)
        frame.index.name = "item"
        return frame


def _principal_eigen(matrix: np.ndarray) -> tuple[float, np.ndarray]:
    """Perron root and its positive eigenvector, normalised to sum 1."""
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    vec = np.abs(vectors[:, k].real)
    return float(values[k].real), vec / vec.sum()


def ahp(
    matrix: object,
    random_index: str = "saaty1980",
    labels: Sequence[str] | None = None,
) -> AHPResult:
    """Priority weights of a pairwise-comparison matrix and its consistency ratio.

    Parameters
    ----------
    matrix : array-like or pandas.DataFrame
        Square judgement matrix :math:`A = (a_{ij})` (判断矩阵): positive,
        ones on the diagonal, reciprocal (:math:`a_{ji} = 1/a_{ij}` within a
        relative tolerance of 1%). A DataFrame's index gives the labels.
        Never modified.
    random_index : {"saaty1980", "saaty2005", "donegan_dodd", "chinese_texts"}
        Which table of the random index RI to use (see :data:`RANDOM_INDEX`).
    labels : sequence of str, optional
        Names of the items (default: the DataFrame's index, else
        ``item1, item2, ...``).

    Returns
    -------
    AHPResult
        ``weights``, ``lambda_max``, ``ci``, ``ri``, ``cr``, ``consistent``
        and, when CR ≥ 0.1, the ``worst_judgement`` with a ``suggested_value``.

    Notes
    -----
    The weights :math:`w` are the principal right eigenvector of :math:`A`,
    normalised to sum to 1, and :math:`\\lambda_{\\max}` its eigenvalue:

    .. math::

        A w = \\lambda_{\\max} w, \\qquad \\sum_i w_i = 1, \\qquad
        \\mathrm{CI} = \\frac{\\lambda_{\\max} - n}{n - 1}, \\qquad
        \\mathrm{CR} = \\frac{\\mathrm{CI}}{\\mathrm{RI}_n}.

    A perfectly consistent matrix (:math:`a_{ij} a_{jk} = a_{ik}`) has
    :math:`\\lambda_{\\max} = n` and CR = 0; CR < 0.1 is accepted. When it is
    not, the judgement to revise first is the one with the largest

    .. math::

        \\varepsilon_{ij} = a_{ij} \\frac{w_j}{w_i} \\quad (\\ge 1 \\text{ for one of } ij, ji),

    i.e. the cell farthest (as a ratio) from what the weights imply;
    :math:`w_i / w_j` is the value that would fit.

    References
    ----------
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.

    Saaty, T. L. (2003). Decision-making with the AHP: Why is the principal
    eigenvector necessary. *European Journal of Operational Research*,
    145(1), 85-91 (the ratio :math:`a_{ij} w_j / w_i` to find the most
    inconsistent judgement).

    Examples
    --------
    The "choosing a leader" criteria (experience, education, charisma, age):

    >>> A = [[1, 4, 3, 7], [1/4, 1, 1/3, 3], [1/3, 3, 1, 5], [1/7, 1/3, 1/5, 1]]
    >>> res = ahp(A, labels=["experience", "education", "charisma", "age"])
    >>> res.weights.round(4).tolist()
    [0.5476, 0.1266, 0.2699, 0.0559]
    >>> round(res.cr, 3), res.consistent
    (0.044, True)
    """
    arr = check_pairwise("matrix", matrix)
    if labels is None and isinstance(matrix, pd.DataFrame):
        labels = [str(x) for x in matrix.index]
    n = arr.shape[0]
    names = check_labels("labels", labels, n, "item")
    table = check_choice("random_index", random_index, list(RANDOM_INDEX))
    ri = _random_index_of(n, table)
    lam, w = _principal_eigen(arr)
    ci = max((lam - n) / (n - 1), 0.0) if n > 2 else 0.0
    if ci < 1e-12:  # rounding noise of a consistent matrix
        ci = 0.0
    cr = ci / ri if ri > 0 else 0.0
    consistent = cr < CR_THRESHOLD
    worst: tuple[str, str] | None = None
    suggested: float | None = None
    if not consistent:
        eps = arr * w[None, :] / w[:, None]
        # ties (equal up to rounding) go to the first pair in row order
        i, j = np.unravel_index(int(np.argmax(np.round(eps, 9))), eps.shape)
        worst = (names[i], names[j])
        suggested = float(w[i] / w[j])
    frame = pd.DataFrame(arr.copy(), index=names, columns=names)
    return AHPResult(
        weights=pd.Series(w, index=names, name="weight"),
        lambda_max=lam,
        ci=float(ci),
        ri=float(ri),
        cr=float(cr),
        consistent=bool(consistent),
        worst_judgement=worst,
        suggested_value=suggested,
        matrix=frame,
        random_index_table=table,
    )
