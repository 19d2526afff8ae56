"""Markov migration models of customer relationships (Pfeifer & Carraway 2000), brand switching."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components

from crmlib._messages import fail
from crmlib._validation import (
    check_array,
    check_finite,
    check_integer,
    check_names,
    check_probability,
    check_results_finite,
)
from crmlib.clv._formulas import check_discount_rate

__all__ = [
    "MarkovCLVResult",
    "MarkovChain",
    "SwitchingResult",
    "brand_switching",
    "long_run_distribution",
    "markov_clv",
    "recency_chain",
    "state_distribution",
]

#: Row sums of a transition matrix may differ from 1 by at most this much.
ROW_SUM_TOLERANCE = 1e-6
#: Longest path of state distributions accepted.
MAX_STEPS = 10_000


def _labels(matrix: object, states: Sequence[object] | None, n: int,
            name: str = "states") -> list[object]:
    if states is not None:
        labels = check_names(name, states)
        if len(labels) != n:
            raise ValueError(f"{name} must name each of the {n} states; got {len(labels)} names")
        return labels
    if isinstance(matrix, pd.DataFrame):
        if list(matrix.index) != list(matrix.columns):
            raise ValueError(
                "transition_matrix must have the same states, in the same order, as rows "
                f"and columns; got rows {list(matrix.index)} and columns {list(matrix.columns)}"
            )
        return list(matrix.index)
    return list(range(n))


def check_transition_matrix(
    matrix: object, states: Sequence[object] | None = None, name: str = "transition_matrix",
    states_name: str = "states",
) -> tuple[np.ndarray, list[object]]:
    """A square matrix of probabilities whose rows sum to 1; returns it and the state names.

    >>> check_transition_matrix([[0.5, 0.5], [0.2, 0.7]])
    Traceback (most recent call last):
    ...
    ValueError: transition_matrix row 1 must sum to 1 (the next state is certain to be one of \
the states); it sums to 0.9
    """
    P = check_array(name, matrix, ndim=2)
    if P.shape[0] != P.shape[1]:
        raise ValueError(f"{name} must be square (one row and one column per state); "
                         f"got shape {P.shape}")
    labels = _labels(matrix, states, P.shape[0], states_name)
    bad = np.argwhere((P < 0) | (P > 1))
    if bad.size:
        i, j = bad[0]
        raise ValueError(
            f"{name} row {labels[i]} must hold probabilities between 0 and 1; "
            f"entry for state {labels[j]} is {P[i, j]:g}"
        )
    sums = P.sum(axis=1)
    off = np.flatnonzero(np.abs(sums - 1.0) > ROW_SUM_TOLERANCE)
    if off.size:
        i = int(off[0])
        raise ValueError(
            f"{name} row {labels[i]} must sum to 1 (the next state is certain to be one of "
            f"the states); it sums to {sums[i]:.6g}"
        )
    return P, labels


def _check_vector(name: str, values: object, labels: list[object], what: str) -> np.ndarray:
    v = check_array(name, values)
    if v.size != len(labels):
        raise ValueError(f"{name} must have one {what} per state ({len(labels)}); "
                         f"got {v.size} values")
    return v


def _check_distribution(name: str, values: object, labels: list[object]) -> np.ndarray:
    p = _check_vector(name, values, labels, "probability")
    if (p < 0).any():
        i = int(np.flatnonzero(p < 0)[0])
        raise ValueError(f"{name} must not be negative; state {labels[i]} has {p[i]:g}")
    with np.errstate(over="ignore"):  # a sum of inf is refused just below
        total = float(p.sum())
    if abs(total - 1.0) > ROW_SUM_TOLERANCE:
        raise ValueError(f"{name} must sum to 1 (a share of customers in each state); "
                         f"it sums to {total:.6g}")
    return p


def _closed_classes(P: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Closed communicating classes (sets the chain never leaves) and the transient states."""
    n_comp, comp = connected_components(P > 0, directed=True, connection="strong")
    closed = []
    for c in range(n_comp):
        members = np.flatnonzero(comp == c)
        outside = np.setdiff1d(np.arange(P.shape[0]), members)
        if not (P[np.ix_(members, outside)] > 0).any():
            closed.append(members)
    in_closed = np.concatenate(closed) if closed else np.array([], dtype=int)
    transient = np.setdiff1d(np.arange(P.shape[0]), in_closed)
    return closed, transient


@dataclass(frozen=True, eq=False)
class MarkovChain:
    """A Markov migration model: transition matrix and the reward of each state.

    Attributes
    ----------
    transition_matrix : pandas.DataFrame
        Probability of moving from the row state to the column state in one
        period.
    rewards : pandas.Series
        Net cash flow of a customer in each state in a period (currency).
    """

    transition_matrix: pd.DataFrame
    rewards: pd.Series

    @property
    def states(self) -> list[object]:
        """The state names."""
        return list(self.transition_matrix.index)

    def to_frame(self) -> pd.DataFrame:
        """Transition matrix with the rewards as a last column."""
        return self.transition_matrix.assign(reward=self.rewards)


def recency_chain(
    purchase_probabilities: object, contribution: float, cost: float
) -> MarkovChain:
    """The recency model of Pfeifer & Carraway (2000): state = periods since the last purchase.

    Parameters
    ----------
    purchase_probabilities : array-like of float
        :math:`p_1, \\dots, p_k`: probability that a customer whose last
        purchase was :math:`j` periods ago buys in this period (each between
        0 and 1).
    contribution : float
        Net contribution of a purchase :math:`NC` (currency).
    cost : float
        Marketing cost per period of every customer who is still marketed to
        (states 1 to :math:`k`), :math:`M` (currency).

    Returns
    -------
    MarkovChain
        :math:`k+1` states ``"recency 1"`` .. ``"recency k"`` and ``"lost"``
        (recency :math:`k+1`: no longer marketed to, reward 0, absorbing).

    Notes
    -----
    A customer in state :math:`j` buys with probability :math:`p_j` and
    moves to state 1, or moves to state :math:`j+1`. The reward of state 1
    (just bought) is :math:`NC - M`, of states 2 to :math:`k` it is
    :math:`-M`:

    .. math::

        P = \\begin{pmatrix}
        p_1 & 1-p_1 & 0 & \\cdots & 0 \\\\
        p_2 & 0 & 1-p_2 & \\cdots & 0 \\\\
        \\vdots & & & \\ddots & \\\\
        p_k & 0 & \\cdots & 0 & 1-p_k \\\\
        0 & 0 & \\cdots & 0 & 1
        \\end{pmatrix}, \\qquad
        R = \\begin{pmatrix} NC-M \\\\ -M \\\\ \\vdots \\\\ -M \\\\ 0 \\end{pmatrix}.

    References
    ----------
    Pfeifer, P. E., & Carraway, R. L. (2000). Modeling customer relationships
    as Markov chains. *Journal of Interactive Marketing*, 14(2), 43-55
    (the recency example).

    Examples
    --------
    >>> chain = recency_chain([0.3, 0.2], contribution=40, cost=4)
    >>> chain.transition_matrix.to_numpy().tolist()
    [[0.3, 0.7, 0.0], [0.2, 0.0, 0.8], [0.0, 0.0, 1.0]]
    >>> chain.rewards.tolist()
    [36.0, -4.0, 0.0]
    """
    p = check_array("purchase_probabilities", purchase_probabilities)
    for j, pj in enumerate(p):
        check_probability(f"purchase_probabilities[{j}]", float(pj))
    nc = check_finite("contribution", contribution)
    m = check_finite("cost", cost)
    k = p.size
    labels = [f"recency {j}" for j in range(1, k + 1)] + ["lost"]
    P = np.zeros((k + 1, k + 1))
    P[:k, 0] = p
    P[np.arange(k), np.arange(1, k + 1)] += 1.0 - p
    P[k, k] = 1.0
    R = np.concatenate([[nc - m], np.full(k - 1, -m), [0.0]])
    return MarkovChain(
        transition_matrix=pd.DataFrame(P, index=labels, columns=labels),
        rewards=pd.Series(R, index=labels, name="reward"),
    )


@dataclass(frozen=True, eq=False)
class MarkovCLVResult:
    """Expected discounted value of a customer starting in each state.

    Attributes
    ----------
    values : pandas.Series
        :math:`V` by state (currency).
    transition_matrix : pandas.DataFrame
        The chain.
    rewards : pandas.Series
        Reward by state.
    discount_rate : float
        The discount rate per period.
    formula : str
        LaTeX of the formula.
    """

    values: pd.Series
    transition_matrix: pd.DataFrame = field(repr=False)
    rewards: pd.Series = field(repr=False)
    discount_rate: float
    formula: str = field(repr=False)

    def __post_init__(self) -> None:
        check_results_finite(
            "markov_clv",
            {"values": self.values},
            {"rewards": self.rewards.tolist(), "discount_rate": self.discount_rate},
        )

    @property
    def value(self) -> pd.Series:
        """Same as ``values``."""
        return self.values

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}: {v:,.2f}" for k, v in list(self.values.items())[:6])
        more = ", ..." if len(self.values) > 6 else ""
        return f"MarkovCLVResult({shown}{more}; discount_rate={self.discount_rate:g})"

    def to_frame(self) -> pd.DataFrame:
        """State, reward and value in one table."""
        return pd.DataFrame({"reward": self.rewards, "value": self.values})


def _as_chain(
    transition_matrix: object, rewards: object, states: Sequence[object] | None
) -> tuple[np.ndarray, np.ndarray, list[object]]:
    if isinstance(transition_matrix, MarkovChain):
        raise TypeError(
            "transition_matrix must be a matrix; for a MarkovChain pass "
            "chain.transition_matrix and chain.rewards"
        )
    P, labels = check_transition_matrix(transition_matrix, states)
    R = _check_vector("rewards", rewards, labels, "reward")
    return P, R, labels


def markov_clv(
    transition_matrix: object,
    rewards: object,
    discount_rate: float,
    *,
    states: Sequence[object] | None = None,
) -> MarkovCLVResult:
    """Expected discounted value of a customer starting in each state of a Markov chain.

    Parameters
    ----------
    transition_matrix : array-like or pandas.DataFrame, shape (S, S)
        :math:`P_{ij}`: probability of moving from state :math:`i` to state
        :math:`j` in one period; rows sum to 1 (within 1e-6). A DataFrame
        names the states (same labels for rows and columns).
    rewards : array-like of float, length S
        :math:`R_i`: net cash flow in a period spent in state :math:`i`
        (currency), received at the start of the period.
    discount_rate : float
        Discount rate per period :math:`d` (0 or more). With 0 the value is
        finite only if the customer surely ends in states of reward 0 (an
        absorbing "lost" state); otherwise it is refused.
    states : sequence, optional
        Names of the states (default: the DataFrame's labels or 0..S-1).

    Returns
    -------
    MarkovCLVResult
        ``values`` by state.

    Notes
    -----
    Pfeifer & Carraway (2000): the value of a customer who starts in each
    state is

    .. math::

        V = \\sum_{t=0}^{\\infty} \\left[(1+d)^{-1} P\\right]^{t} R
          = \\left[I - \\frac{P}{1+d}\\right]^{-1} R,

    the solution of the Bellman equation :math:`V = R + P V / (1+d)`. With
    :math:`d = 0` the states of every closed class (a set of states the
    customer never leaves) must have reward 0; then :math:`V = 0` there and
    :math:`V_T = (I - Q)^{-1} R_T` on the transient states, :math:`Q` being
    the transitions among them.

    References
    ----------
    Pfeifer, P. E., & Carraway, R. L. (2000). Modeling customer relationships
    as Markov chains. *Journal of Interactive Marketing*, 14(2), 43-55.

    Examples
    --------
    >>> res = markov_clv([[0.5, 0.5], [0.0, 1.0]], [10, 0], 0.0)
    >>> res.values.tolist()  # 10 / (1 - 0.5) = 20 in the active state
    [20.0, 0.0]
    """
    P, R, labels = _as_chain(transition_matrix, rewards, states)
    d = check_discount_rate(discount_rate)
    n = P.shape[0]
    if 1.0 + d > 1.0:  # a rate below float precision discounts nothing: treated as 0
        V = np.linalg.solve(np.eye(n) - P / (1.0 + d), R)
    else:
        closed, transient = _closed_classes(P)
        for members in closed:
            paid = members[R[members] != 0]
            if paid.size:
                i = int(paid[0])
                raise fail(ValueError, "markov_infinite", name="discount_rate", state=labels[i],
                           reward=f"{R[i]:g}")
        V = np.zeros(n)
        if transient.size:
            Q = P[np.ix_(transient, transient)]
            V[transient] = np.linalg.solve(np.eye(transient.size) - Q, R[transient])
    return MarkovCLVResult(
        values=pd.Series(V, index=labels, name="value"),
        transition_matrix=pd.DataFrame(P, index=labels, columns=labels),
        rewards=pd.Series(R, index=labels, name="reward"),
        discount_rate=d,
        formula=r"V = \left[I - \frac{P}{1+d}\right]^{-1} R",
    )


def state_distribution(
    transition_matrix: object,
    initial: object,
    periods: int,
    *,
    states: Sequence[object] | None = None,
) -> pd.DataFrame:
    """Share of customers in each state after 0, 1, ..., ``periods`` periods.

    Parameters
    ----------
    transition_matrix : array-like or pandas.DataFrame, shape (S, S)
        As in :func:`markov_clv`.
    initial : array-like of float, length S
        Share of customers in each state now (0 or more, summing to 1); e.g.
        ``[1, 0, ...]`` for a customer who has just bought.
    periods : int
        Number of periods to project (1 to 10000).
    states : sequence, optional
        Names of the states.

    Returns
    -------
    pandas.DataFrame
        Rows ``0..periods`` (index ``period``), one column per state.

    Notes
    -----
    .. math::

        \\pi_{t} = \\pi_{t-1} P = \\pi_0 P^{t}.

    References
    ----------
    Pfeifer, P. E., & Carraway, R. L. (2000). Modeling customer relationships
    as Markov chains. *Journal of Interactive Marketing*, 14(2), 43-55.

    Examples
    --------
    >>> state_distribution([[0.9, 0.1], [0.2, 0.8]], [1, 0], 2).round(3).to_numpy().tolist()
    [[1.0, 0.0], [0.9, 0.1], [0.83, 0.17]]
    """
    P, labels = check_transition_matrix(transition_matrix, states)
    pi = _check_distribution("initial", initial, labels)
    steps = check_integer("periods", periods, minimum=1)
    if steps > MAX_STEPS:
        raise ValueError(f"periods must be at most {MAX_STEPS}; got {steps}")
    rows = [pi]
    for _ in range(steps):
        rows.append(rows[-1] @ P)
    return pd.DataFrame(rows, columns=labels, index=pd.RangeIndex(steps + 1, name="period"))


def _stationary(P: np.ndarray) -> np.ndarray:
    """Stationary distribution of an irreducible chain: solve pi (P - I) = 0, sum(pi) = 1."""
    n = P.shape[0]
    A = np.vstack([P.T - np.eye(n), np.ones(n)])
    b = np.zeros(n + 1)
    b[-1] = 1.0
    pi, *_ = np.linalg.lstsq(A, b, rcond=None)
    return np.clip(pi, 0.0, None) / np.clip(pi, 0.0, None).sum()


def long_run_distribution(
    transition_matrix: object,
    initial: object = None,
    *,
    states: Sequence[object] | None = None,
) -> pd.Series:
    """Long-run share of customers in each state.

    Parameters
    ----------
    transition_matrix : array-like or pandas.DataFrame, shape (S, S)
        As in :func:`markov_clv`.
    initial : array-like of float, optional
        Shares now. Needed only when the chain has more than one closed class
        of states (then where customers end depends on where they start).
    states : sequence, optional
        Names of the states.

    Returns
    -------
    pandas.Series
        Long-run (time-average) share by state, summing to 1.

    Notes
    -----
    With one closed class the answer is the unique stationary distribution

    .. math::

        \\pi = \\pi P, \\qquad \\textstyle\\sum_i \\pi_i = 1.

    With several closed classes :math:`C`, a customer ends in :math:`C` with
    the absorption probability :math:`\\pi_0\\,[(I-Q)^{-1} P_{TC}\\mathbf 1]`
    (plus the share already in :math:`C`) and then spreads over it as the
    stationary distribution of :math:`C`.

    References
    ----------
    Kemeny, J. G., & Snell, J. L. (1976). *Finite Markov Chains*. Springer
    (absorbing chains, the fundamental matrix).

    Examples
    --------
    >>> long_run_distribution([[0.9, 0.1], [0.2, 0.8]]).round(4).tolist()  # 0.2/0.3, 0.1/0.3
    [0.6667, 0.3333]
    """
    P, labels = check_transition_matrix(transition_matrix, states)
    closed, transient = _closed_classes(P)
    n = P.shape[0]
    if len(closed) == 1:
        out = np.zeros(n)
        members = closed[0]
        out[members] = _stationary(P[np.ix_(members, members)])
        return pd.Series(out, index=labels, name="long_run_share")
    if initial is None:
        names = [labels[int(c[0])] for c in closed]
        raise ValueError(
            f"initial is needed: the chain has {len(closed)} closed classes of states "
            f"(containing {', '.join(map(str, names))}), so the long run depends on where "
            "customers start"
        )
    pi0 = _check_distribution("initial", initial, labels)
    N = np.linalg.inv(np.eye(transient.size) - P[np.ix_(transient, transient)]) \
        if transient.size else np.zeros((0, 0))
    out = np.zeros(n)
    for members in closed:
        reach = pi0[members].sum()
        if transient.size:
            absorb = N @ P[np.ix_(transient, members)].sum(axis=1)
            reach += pi0[transient] @ absorb
        out[members] = reach * _stationary(P[np.ix_(members, members)])
    return pd.Series(out, index=labels, name="long_run_share")


@dataclass(frozen=True, eq=False)
class SwitchingResult:
    """Market shares over time under brand switching.

    Attributes
    ----------
    path : pandas.DataFrame
        Share of each brand after 0..periods periods.
    long_run : pandas.Series
        Long-run shares.
    switching_matrix : pandas.DataFrame
        The switching probabilities.
    """

    path: pd.DataFrame = field(repr=False)
    long_run: pd.Series
    switching_matrix: pd.DataFrame = field(repr=False)

    @property
    def value(self) -> pd.Series:
        """The long-run shares."""
        return self.long_run

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}: {v:.3f}" for k, v in self.long_run.items())
        return f"SwitchingResult(long_run={{{shown}}})"

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the path of shares."""
        return self.path.copy()


def brand_switching(
    switching_matrix: object,
    shares: object,
    periods: int,
    *,
    brands: Sequence[object] | None = None,
) -> SwitchingResult:
    """Evolution of market shares when customers switch between competing brands.

    Parameters
    ----------
    switching_matrix : array-like or pandas.DataFrame, shape (B, B)
        Probability that a customer of the row brand buys the column brand
        next period (the diagonal is the brand's repeat rate); rows sum to 1.
    shares : array-like of float, length B
        Market shares now (summing to 1).
    periods : int
        Number of periods to project (1 to 10000).
    brands : sequence, optional
        Brand names (default: the DataFrame's labels or 0..B-1).

    Returns
    -------
    SwitchingResult
        Shares period by period and in the long run.

    Notes
    -----
    .. math::

        s_{t} = s_{t-1} P, \\qquad s_\\infty = s_\\infty P.

    A customer's value to a brand therefore includes the chance of switching
    next year and of coming back later: the brand-switching view of customer
    relationships.

    References
    ----------
    Rust, R. T., Lemon, K. N., & Zeithaml, V. A. (2004). Return on marketing:
    Using customer equity to focus marketing strategy. *Journal of
    Marketing*, 68(1), 109-127 (brand-switching matrices for customer
    equity).

    Examples
    --------
    >>> res = brand_switching([[0.8, 0.2], [0.1, 0.9]], [0.5, 0.5], 1)
    >>> res.path.iloc[1].round(2).tolist()  # 0.5*0.8 + 0.5*0.1, 0.5*0.2 + 0.5*0.9
    [0.45, 0.55]
    """
    P, labels = check_transition_matrix(switching_matrix, brands, name="switching_matrix",
                                        states_name="brands")
    s0 = _check_distribution("shares", shares, labels)
    path = state_distribution(P, s0, periods, states=labels)
    long_run = long_run_distribution(P, s0, states=labels)
    return SwitchingResult(
        path=path,
        long_run=long_run.rename("long_run_share"),
        switching_matrix=pd.DataFrame(P, index=labels, columns=labels),
    )


