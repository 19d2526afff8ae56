"""The lifecycle profit curve: revenue, cost and profit of a relationship, stage by stage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._messages import fail
from crmlib._validation import check_array, check_integer, check_positive
from crmlib.lifecycle._stages import STAGES

__all__ = ["LifecycleProfile", "lifecycle_profile"]

#: Longest path accepted (one table row per period).
MAX_PERIODS = 10_000


def _per_stage(name: str, values: object, *, whole: bool = False) -> np.ndarray:
    """Four numbers, one per stage in course order, each 0 or more."""
    if isinstance(values, Mapping):
        unknown = [k for k in values if k not in STAGES]
        if unknown or len(values) != len(STAGES):
            raise ValueError(
                f"{name} must give one value for each stage {', '.join(map(repr, STAGES))}; "
                f"got keys {', '.join(map(repr, values))}"
            )
        values = [values[s] for s in STAGES]
    arr = check_array(name, values, minimum=0)
    if arr.size != len(STAGES):
        raise ValueError(
            f"{name} must hold {len(STAGES)} values, one per stage "
            f"({', '.join(STAGES)}); got {arr.size}"
        )
    if whole and (arr != np.round(arr)).any():
        i = int(np.flatnonzero(arr != np.round(arr))[0])
        raise ValueError(
            f"{name} must be whole numbers of periods; entry {i} ({STAGES[i]}) is {arr[i]:g}"
        )
    return arr


@dataclass(frozen=True, eq=False)
class LifecycleProfile:
    """Revenue, cost and profit of one relationship along its lifecycle (客户生命周期利润曲线).

    Attributes
    ----------
    value : float
        Cumulative discounted profit of the relationship as it is lived,
        up to ``end_period`` (currency; undiscounted when the discount rate
        is 0).
    total_profit : float
        Undiscounted sum of the profits up to ``end_period``.
    break_even_period : int or None
        First period by whose end the cumulative (discounted) profit is 0 or
        more; ``None`` if the relationship ends before breaking even.
    profit_positive_from : int or None
        First period whose own profit (revenue - cost) is above 0.
    end_period : int
        Last period of the relationship (the full length unless it ended early).
    end_stage : str
        Stage in which the relationship ends.
    full_value : float
        Cumulative discounted profit had the relationship run its full path.
    lost_value : float
        ``full_value - value``: what an early end ("early death") costs.
    table : pandas.DataFrame
        One row per period of the full path: ``period`` (1, 2, ...),
        ``stage``, ``revenue``, ``cost``, ``profit``, ``discount_factor``
        (``(1 + d) ** -period``: profits arrive at the end of each period),
        ``present_value``, ``cumulative_profit``, ``cumulative_value`` (of
        the full path) and ``active`` (False after ``end_period``).
    inputs : dict
        The arguments the profile was computed from.

    Examples
    --------
    >>> p = lifecycle_profile([1, 1, 1, 1], [10, 20, 30, 15], [30, 10, 5, 5])
    >>> p
    LifecycleProfile(value=25.00, break_even_period=3, end_period=4, end_stage='decline')
    """

    value: float
    total_profit: float
    break_even_period: int | None
    profit_positive_from: int | None
    end_period: int
    end_stage: str
    full_value: float
    lost_value: float
    table: pd.DataFrame = field(repr=False)
    inputs: Mapping[str, Any] = field(repr=False)

    def __repr__(self) -> str:
        return (
            f"LifecycleProfile(value={self.value:.2f}, break_even_period={self.break_even_period}, "
            f"end_period={self.end_period}, end_stage={self.end_stage!r})"
        )

    @property
    def profits(self) -> np.ndarray:
        """Profit of each period the relationship is active (the cash flows of its CLV)."""
        return self.table.loc[self.table["active"], "profit"].to_numpy()

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-period table.

        Examples
        --------
        >>> p = lifecycle_profile([1, 1, 0, 0], [0, 50, 0, 0], [20, 10, 0, 0])
        >>> p.to_frame()[["stage", "profit", "cumulative_profit"]]
                 stage  profit  cumulative_profit
        0  exploration   -20.0              -20.0
        1    formation    40.0               20.0
        """
        return self.table.copy()

    def by_stage(self) -> pd.DataFrame:
        """Periods, revenue, cost, profit and present value of each stage (active periods only).

        Examples
        --------
        >>> p = lifecycle_profile([2, 1, 1, 1], [10, 20, 30, 15], [30, 10, 5, 5])
        >>> p.by_stage()["profit"].tolist()
        [-40.0, 10.0, 25.0, 10.0]
        """
        live = self.table[self.table["active"]]
        grouped = live.groupby("stage", sort=False)[["revenue", "cost", "profit", "present_value"]]
        out = grouped.sum().reindex(list(STAGES), fill_value=0.0)
        out.insert(0, "periods", live.groupby("stage", sort=False).size().reindex(
            list(STAGES), fill_value=0).astype(int))
        return out


def lifecycle_profile(
    stage_lengths: Sequence[int] | Mapping[str, int],
    revenue_levels: Sequence[float] | Mapping[str, float],
    cost_levels: Sequence[float] | Mapping[str, float],
    discount_rate: float = 0.0,
    end_period: int | None = None,
) -> LifecycleProfile:
    """Profit path of a relationship through the four lifecycle stages, its break-even and value.

    The course's lifecycle profit curve made computable: each stage lasts a
    number of periods with its own revenue and cost (the firm's investment
    and cost to serve) per period. The relationship may end early, in any
    stage ("early death", usually because the firm failed to meet the
    customer's needs).

    Parameters
    ----------
    stage_lengths : sequence of 4 int, or dict
        Periods spent in exploration, formation, stability and decline
        (course order; whole numbers, 0 or more, at least one period in
        all). A dict keyed by the stage names is accepted too.
    revenue_levels : sequence of 4 float, or dict
        Revenue :math:`R_t` per period in each stage (currency per period, 0
        or more).
    cost_levels : sequence of 4 float, or dict
        Cost :math:`C_t` per period in each stage: acquisition, marketing,
        service and retention spending (currency per period, 0 or more).
    discount_rate : float, default 0
        Discount rate :math:`d` per period (0 or more). Profits arrive at
        the end of each period, as in the course CLV formula.
    end_period : int, optional
        The relationship ends after this period (1 .. total length);
        default: it runs its full path.

    Returns
    -------
    LifecycleProfile
        ``value`` (cumulative discounted profit up to the end), the break-even
        period, what an early end loses, and the per-period ``table``.

    Notes
    -----
    With :math:`P_t = R_t - C_t` the profit of period :math:`t` and :math:`n`
    the last period of the relationship,

    .. math::

        V_k = \\sum_{t=1}^{k} \\frac{R_t - C_t}{(1+d)^{t}}, \\qquad
        \\text{value} = V_n, \\qquad
        t^{*} = \\min\\{k \\le n : V_k \\ge 0\\}.

    :math:`V_n` is the course CLV formula
    :math:`\\sum_{i=1}^{n} \\pi_i/(1+d)^i` with :math:`\\pi_i = P_i`, so
    ``value`` equals ``crmlib.clv.discounted_clv(profile.profits,
    discount_rate).value``. The break-even period :math:`t^*` is the first
    period by whose end the investment has been recovered (undiscounted when
    :math:`d = 0`).

    References
    ----------
    Chen Mingliang's four-stage lifecycle model and its profit curve, as
    taught in the course material (exploration: high cost, low revenue;
    formation: revenue exceeds cost; stability: highest profit; decline).

    Reichheld, F. F., & Sasser, W. E. (1990). Zero defections: Quality comes
    to services. *Harvard Business Review*, 68(5), 105-111 (profit per
    customer grows with the length of the relationship).

    Examples
    --------
    Exploration 1 period (revenue 10, cost 30), then formation, stability
    and decline one period each:

    >>> p = lifecycle_profile([1, 1, 1, 1], [10, 20, 30, 15], [30, 10, 5, 5])
    >>> p.table["profit"].tolist()  # -20, 10, 25, 10
    [-20.0, 10.0, 25.0, 10.0]
    >>> p.break_even_period, p.value  # cumulative -20, -10, 15, 25
    (3, 25.0)
    >>> lifecycle_profile([1, 1, 1, 1], [10, 20, 30, 15], [30, 10, 5, 5], end_period=2).lost_value
    35.0
    """
    lengths = _per_stage("stage_lengths", stage_lengths, whole=True).astype(np.int64)
    revenue = _per_stage("revenue_levels", revenue_levels)
    cost = _per_stage("cost_levels", cost_levels)
    d = check_positive("discount_rate", discount_rate, allow_zero=True)
    total = int(lengths.sum())
    if total < 1:
        raise fail(ValueError, "stages_empty", name="stage_lengths")
    if total > MAX_PERIODS:
        raise ValueError(f"stage_lengths must add up to at most {MAX_PERIODS} periods; got {total}")
    if end_period is None:
        end = total
    else:
        end = check_integer("end_period", end_period, minimum=1)
        if end > total:
            raise fail(ValueError, "end_after_path", name="end_period", total=total, got=end)

    stage_of = np.repeat(np.arange(len(STAGES)), lengths)
    period = np.arange(1, total + 1)
    rev = revenue[stage_of]
    cst = cost[stage_of]
    profit = rev - cst
    factor = (1.0 + d) ** -period.astype(float)
    present = profit * factor
    cumulative_value = np.cumsum(present)
    table = pd.DataFrame(
        {
            "period": period,
            "stage": np.asarray(STAGES, dtype=object)[stage_of],
            "revenue": rev,
            "cost": cst,
            "profit": profit,
            "discount_factor": factor,
            "present_value": present,
            "cumulative_profit": np.cumsum(profit),
            "cumulative_value": cumulative_value,
            "active": period <= end,
        }
    )
    recovered = np.flatnonzero(cumulative_value[:end] >= 0)
    positive = np.flatnonzero(profit > 0)
    value = float(cumulative_value[end - 1])
    full_value = float(cumulative_value[-1])
    return LifecycleProfile(
        value=value,
        total_profit=float(profit[:end].sum()),
        break_even_period=int(recovered[0]) + 1 if recovered.size else None,
        profit_positive_from=int(positive[0]) + 1 if positive.size else None,
        end_period=end,
        end_stage=str(STAGES[stage_of[end - 1]]),
        full_value=full_value,
        lost_value=full_value - value,
        table=table,
        inputs={
            "stage_lengths": lengths.tolist(),
            "revenue_levels": revenue.tolist(),
            "cost_levels": cost.tolist(),
            "discount_rate": d,
            "end_period": end_period,
        },
    )
