"""The four components of customer lifetime value and their shares."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._validation import check_array, check_finite, check_positive, check_results_finite
from crmlib.clv._formulas import check_discount_rate

__all__ = ["COMPONENTS", "ComponentsResult", "clv_components"]

#: (key, English name, Chinese course term) of each component, in course order.
COMPONENTS = (
    ("transaction", "transaction value", "交易价值"),
    ("referral", "referral value", "推荐价值"),
    ("growth", "growth value", "成长价值"),
    ("knowledge", "knowledge value", "知识价值"),
)

ComponentInput = float | Sequence[float] | np.ndarray


@dataclass(frozen=True, eq=False)
class ComponentsResult:
    """CLV split into transaction, referral, growth and knowledge value.

    Attributes
    ----------
    value : float
        Total CLV, the sum of the four present values.
    components : pandas.DataFrame
        One row per component with columns ``component`` (key), ``name``
        (English), ``name_zh`` (Chinese course term), ``present_value`` and
        ``share`` (present value / total; NaN when the total is not positive
        or the transaction value is negative, where shares mean nothing).
    inputs : dict
        The arguments.
    formula : str
        LaTeX of the formula used.

    Examples
    --------
    >>> clv_components(800, referral=150, growth=50)
    ComponentsResult(value=1000.00, transaction=80.0%, referral=15.0%, growth=5.0%, knowledge=0.0%)
    """

    value: float
    components: pd.DataFrame = field(repr=False)
    inputs: Mapping[str, Any] = field(repr=False)
    formula: str = field(repr=False)

    def __post_init__(self) -> None:
        check_results_finite(
            "clv_components",
            # a NaN share is documented (shares mean nothing when the total is not positive)
            {"value": self.value, "components": self.components.drop(columns="share")},
            self.inputs,
        )

    @property
    def shares(self) -> dict[str, float]:
        """Share of each component in the total, keyed by component."""
        return dict(zip(self.components["component"], self.components["share"], strict=True))

    def __repr__(self) -> str:
        parts = [
            f"{key}={share:.1%}" if math.isfinite(share) else f"{key}=n/a"
            for key, share in self.shares.items()
        ]
        return f"ComponentsResult(value={self.value:.2f}, {', '.join(parts)})"

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-component table."""
        return self.components.copy()


def _present_value(
    key: str, value: object, discount_rate: float | None, allow_negative: bool
) -> tuple[float, bool]:
    """Present value of one component and whether it was given per period."""
    if np.ndim(value) == 0 and not isinstance(value, (list, tuple)):
        if allow_negative:
            return check_finite(key, value), False
        return check_positive(key, value, allow_zero=True), False
    amounts = check_array(key, value, minimum=None if allow_negative else 0.0)
    if discount_rate is None:
        raise ValueError(
            f"discount_rate is needed when {key} is given per period (a sequence); "
            "pass discount_rate=0 to add the amounts undiscounted"
        )
    times = np.arange(1, amounts.size + 1)
    return float(np.sum(amounts * (1.0 + discount_rate) ** -times)), True


def clv_components(
    transaction: ComponentInput,
    referral: ComponentInput = 0.0,
    growth: ComponentInput = 0.0,
    knowledge: ComponentInput = 0.0,
    discount_rate: float | None = None,
) -> ComponentsResult:
    """Total CLV from its four components (客户终身价值的构成) and each one's share.

    Parameters
    ----------
    transaction : float or sequence of float
        Transaction value 交易价值: profit from the customer's own purchases.
        May be negative (a customer who costs more to serve than they bring).
    referral : float or sequence of float, default 0
        Referral value 推荐价值: profit from customers won by word of mouth;
        0 or greater.
    growth : float or sequence of float, default 0
        Growth value 成长价值: extra profit from cross-selling, up-selling and
        a larger share of wallet (荷包份额); 0 or greater.
    knowledge : float or sequence of float, default 0
        Knowledge value 知识价值: value of ideas and innovations from the
        customer; 0 or greater.
    discount_rate : float, optional
        Discount rate per period (0 or greater), needed when any component
        is a sequence.

    Returns
    -------
    ComponentsResult
        ``value`` and the ``components`` table with shares.

    Notes
    -----
    A number is taken as a present value. A sequence holds the amounts of
    periods ``1..n`` paid at the end of each period and is discounted:

    .. math::

        V_c = \\sum_{i=1}^{n} \\frac{x_{c,i}}{(1+d)^{i}}, \\qquad
        \\mathrm{CLV} = V_T + V_R + V_G + V_K, \\qquad
        \\text{share}_c = V_c / \\mathrm{CLV}.

    Shares are reported only when every component is 0 or greater and the
    total is positive.

    References
    ----------
    Kumar, V., Petersen, J. A., & Leone, R. P. (2007). How valuable is word
    of mouth? *Harvard Business Review*, 85(10), 139-146 (referral value
    beside purchase value).

    von Hippel, E. (1988). *The Sources of Innovation*. Oxford University
    Press (many important innovations come from users).

    Examples
    --------
    The course's B2B client: ¥1,000,000 of purchases over five years, with a
    referral value of ¥150,000:

    >>> res = clv_components([200_000] * 5, referral=150_000, discount_rate=0)
    >>> round(res.shares["transaction"], 3)  # 1,000,000 / 1,150,000
    0.87
    """
    d = None if discount_rate is None else check_discount_rate(discount_rate)
    given = {"transaction": transaction, "referral": referral, "growth": growth}
    given["knowledge"] = knowledge
    values: dict[str, float] = {}
    per_period = False
    for key, _, _ in COMPONENTS:
        values[key], seq = _present_value(key, given[key], d, key == "transaction")
        per_period = per_period or seq
    total = float(sum(values.values()))
    meaningful = total > 0 and all(v >= 0 for v in values.values())
    table = pd.DataFrame(
        {
            "component": [c[0] for c in COMPONENTS],
            "name": [c[1] for c in COMPONENTS],
            "name_zh": [c[2] for c in COMPONENTS],
            "present_value": [values[c[0]] for c in COMPONENTS],
        }
    )
    table["share"] = table["present_value"] / total if meaningful else np.nan
    formula = r"\mathrm{CLV}=V_T+V_R+V_G+V_K"
    if per_period:
        formula += r",\quad V_c=\sum_{i=1}^{n}\frac{x_{c,i}}{(1+d)^{i}}"
    inputs: dict[str, Any] = {
        key: (np.asarray(val, dtype=float).tolist() if np.ndim(val) else val)
        for key, val in given.items()
    }
    inputs["discount_rate"] = d
    return ComponentsResult(value=total, components=table, inputs=inputs, formula=formula)
