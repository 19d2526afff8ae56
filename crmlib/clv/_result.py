"""Result object shared by the CLV formulas and the per-period cash-flow table.

Every CLV function returns a :class:`CLVResult`: the value, the timing
convention, the horizon, a per-period table of expected cash flows, the inputs
and the LaTeX of the formula that produced the value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._messages import Message, fail

__all__ = ["CASHFLOW_COLUMNS", "TABLE_MAX_PERIODS", "TABLE_TOLERANCE", "CLVResult"]

#: Columns of every ``cashflows`` table, in order.
CASHFLOW_COLUMNS = (
    "period",
    "time",
    "survival",
    "cashflow",
    "discount_factor",
    "present_value",
    "cumulative_value",
)

#: An infinite-horizon table stops at the first payment whose weight
#: ``survival * discount_factor`` falls below this value ...
TABLE_TOLERANCE = 1e-6
#: ... or after this many periods, whichever comes first.
TABLE_MAX_PERIODS = 200


def _fmt_periods(periods: float) -> str:
    if math.isinf(periods):
        return "inf"
    return f"{periods:g}"


@dataclass(frozen=True, eq=False)
class CLVResult:
    """Customer lifetime value (客户终身价值) with its per-period cash flows.

    Attributes
    ----------
    value : float
        The lifetime value, in the currency of the inputs. For an infinite
        horizon this is the closed-form value, not the sum of the table.
    convention : str
        When each period's cash arrives: ``"end"`` (time ``i`` for period
        ``i``), ``"start"`` (time ``i - 1``), ``"mid"`` (time ``i - 0.5``),
        ``"after_first"`` (payments at times ``1, 2, ...`` after a first
        payment that is excluded) or ``"undiscounted"`` (the simple business
        formula).
    periods : float
        Length of the horizon in periods; ``inf`` for an infinite horizon.
    cashflows : pandas.DataFrame
        One row per payment with columns ``period`` (1, 2, ...), ``time``
        (payment time in periods), ``survival`` (probability that the
        customer is still there to pay), ``cashflow`` (undiscounted expected
        cash flow, survival already applied), ``discount_factor``
        (``(1 + d) ** -time``), ``present_value`` and ``cumulative_value``
        (running total of present values, net of any acquisition cost paid
        at time 0). Some functions add columns (e.g. ``profit``,
        ``benefit``). For a finite horizon the last ``cumulative_value``
        equals ``value``. For an infinite horizon the table shows the
        first periods only: it stops at the first payment whose weight
        ``survival * discount_factor`` is below ``TABLE_TOLERANCE`` (1e-6),
        and after ``TABLE_MAX_PERIODS`` (200) periods at the latest.
    inputs : dict
        The arguments the value was computed from.
    formula : str
        LaTeX of the formula actually used (without ``$``), e.g.
        ``m\\,\\frac{1+d}{1+d-r}``.
    method : str
        Name of the function that produced the result.

    Examples
    --------
    >>> from crmlib.clv import retention_clv
    >>> retention_clv(100, 0.8, 0.1)
    CLVResult(value=333.33, convention='end', periods=inf)
    """

    value: float
    convention: str
    periods: float
    cashflows: pd.DataFrame = field(repr=False)
    inputs: Mapping[str, Any] = field(repr=False)
    formula: str = field(repr=False)
    method: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        # One check for every CLV function: a value that is not a finite number is an
        # error naming the inputs that made it so, never an "inf" or "nan" on show.
        values = [self.value, *self.cashflows.select_dtypes("number").to_numpy().ravel()]
        if not np.all(np.isfinite(values)):
            shown = ", ".join(f"{k}={v!r}" for k, v in self.inputs.items()
                              if isinstance(v, (int, float)) and not isinstance(v, bool))
            raise fail(OverflowError, "clv_not_finite",
                       what=self.method or Message("a_clv_function"), inputs=shown)

    def __repr__(self) -> str:
        return (
            f"CLVResult(value={self.value:.2f}, convention={self.convention!r}, "
            f"periods={_fmt_periods(self.periods)})"
        )

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-period cash-flow table.

        Examples
        --------
        >>> from crmlib.clv import retention_clv
        >>> retention_clv(100, 0.8, 0.1, periods=2).to_frame()[["time", "present_value"]]
           time  present_value
        0   1.0      90.909091
        1   2.0      66.115702
        """
        return self.cashflows.copy()


def cashflow_table(
    time: np.ndarray,
    survival: np.ndarray,
    amount: np.ndarray,
    discount_rate: float,
    *,
    acquisition_cost: float = 0.0,
    extra: Mapping[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """Build the standard cash-flow table.

    ``amount`` is the cash paid if the customer is there; the expected
    ``cashflow`` is ``survival * amount``.
    """
    time = np.asarray(time, dtype=float)
    survival = np.asarray(survival, dtype=float)
    cash = survival * np.asarray(amount, dtype=float)
    factor = (1.0 + discount_rate) ** -time
    present = cash * factor
    frame = pd.DataFrame(
        {
            "period": np.arange(1, time.size + 1),
            "time": time,
            "survival": survival,
            "cashflow": cash,
            "discount_factor": factor,
            "present_value": present,
            "cumulative_value": np.cumsum(present) - acquisition_cost,
        }
    )
    for name, values in (extra or {}).items():
        frame[name] = np.asarray(values, dtype=float)
    return frame


def table_length(weights: np.ndarray) -> int:
    """Rows to show for an infinite horizon, given the weights of the first periods.

    The weights are ``survival * discount_factor`` for periods
    ``1..TABLE_MAX_PERIODS``; rows are kept while the weight is at least
    ``TABLE_TOLERANCE`` (always at least one row).
    """
    small = np.flatnonzero(np.asarray(weights) < TABLE_TOLERANCE)
    n = int(small[0]) if small.size else len(weights)
    return max(n, 1)
