"""ABC classes by cumulative share (Pareto 80/20), the concentration curve and the Gini index."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmlib._validation import check_array, check_probability, check_results_finite

__all__ = ["ParetoResult", "pareto_abc"]


@dataclass(frozen=True, eq=False)
class ParetoResult:
    """ABC classes, concentration curve and Gini coefficient of a customer value.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per customer, most valuable first: ``value``, ``share``
        (of the total), ``cumulative_share``, ``customer_share`` (rank / n)
        and ``abc_class`` ("A", "B", "C").
    curve : pandas.DataFrame
        The concentration (Pareto) curve, from (0, 0) to (1, 1):
        ``customer_share`` (top fraction of customers) and ``value_share``
        (their share of the total). The Lorenz curve is its mirror image,
        :math:`L(p) = 1 - C(1 - p)`.
    gini : float
        Gini coefficient, 0 (all equal) to :math:`1 - 1/n` (one customer has
        everything).
    summary : pandas.DataFrame
        Per class: ``customers``, ``customer_share``, ``value``,
        ``value_share``.
    cuts : tuple of float
        The class boundaries in cumulative value share.
    """

    table: pd.DataFrame = field(repr=False)
    curve: pd.DataFrame = field(repr=False)
    gini: float
    summary: pd.DataFrame = field(repr=False)
    cuts: tuple[float, float]

    @property
    def value(self) -> float:
        """The Gini coefficient (same as ``gini``)."""
        return self.gini

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={int(v)}" for k, v in self.summary["customers"].items())
        return f"ParetoResult(gini={self.gini:.4f}, {counts})"

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the per-customer table."""
        return self.table.copy()

    def top_share(self, customer_share: float = 0.2) -> float:
        """Share of the total value that the top ``customer_share`` of customers give.

        Read off the concentration curve, which is linear between customers
        (a fraction of a customer contributes that fraction of their value).

        Examples
        --------
        >>> pareto_abc([70, 20, 10, 0, 0]).top_share(0.2)  # top 1 of 5 customers
        0.7
        """
        p = check_probability("customer_share", customer_share)
        share = np.interp(p, self.curve["customer_share"], self.curve["value_share"])
        return float(min(max(share, 0.0), 1.0))

    def customers_for(self, value_share: float = 0.8) -> float:
        """Smallest top fraction of customers that gives ``value_share`` of the total.

        Read off the concentration curve (to within 1e-12 of the share, so that
        rounding in the running sums cannot push the answer past a customer).

        Examples
        --------
        >>> pareto_abc([70, 20, 10, 0, 0]).customers_for(0.8)  # 1.5 customers of 5
        0.3
        """
        y = check_probability("value_share", value_share) - 1e-12  # rounding tolerance
        x = self.curve["customer_share"].to_numpy()
        v = self.curve["value_share"].to_numpy()
        k = int(np.searchsorted(v, y, side="left"))
        if k == 0:
            return 0.0
        lo, hi = v[k - 1], v[k]
        step = min(max((y - lo) / (hi - lo), 0.0), 1.0)
        return float(x[k - 1] + (x[k] - x[k - 1]) * step)

    def headline(self, customer_share: float = 0.2, lang: str = "en") -> str:
        """'The top x% of customers give y% of the value', in English or Chinese.

        Examples
        --------
        >>> pareto_abc([70, 20, 10, 0, 0]).headline()
        'the top 20% of customers give 70.0% of the value'
        """
        y = self.top_share(customer_share)
        if lang == "zh":
            return f"前 {customer_share:.0%} 的客户贡献了 {y:.1%} 的价值"
        return f"the top {customer_share:.0%} of customers give {y:.1%} of the value"


def pareto_abc(values: object, cuts: tuple[float, float] = (0.8, 0.95)) -> ParetoResult:
    """ABC classes by cumulative share, the concentration (Lorenz) curve and the Gini coefficient.

    Parameters
    ----------
    values : array-like or pandas.Series
        A value of each customer (profit, sales ...), 0 or greater, with a
        positive total. A Series' index labels the customers.
    cuts : (float, float), default (0.8, 0.95)
        Cumulative value shares that end class A and class B:
        ``0 < cuts[0] < cuts[1] <= 1``.

    Returns
    -------
    ParetoResult
        Per-customer classes, the curve, the Gini coefficient and a class
        summary; ``.top_share(0.2)`` answers "the top 20% of customers give
        y% of the value".

    Notes
    -----
    Sort customers by value, largest first, :math:`x_{(1)} \\ge \\dots \\ge
    x_{(n)}`, and let :math:`C_k = \\sum_{j \\le k} x_{(j)} / \\sum_j x_j`.
    Customer :math:`k` is in class A when the customers before it have not
    yet reached the first cut, :math:`C_{k-1} < c_A` (so class A is the
    smallest top group whose share reaches :math:`c_A`), in B when
    :math:`c_A \\le C_{k-1} < c_B`, otherwise in C. Equal values keep their
    input order. The Gini coefficient uses the values in ascending order
    :math:`y_{(1)} \\le \\dots \\le y_{(n)}`:

    .. math::

        G = \\frac{2\\sum_{i=1}^{n} i\\, y_{(i)}}{n \\sum_{i=1}^{n} y_{(i)}}
            - \\frac{n+1}{n},

    which is one minus twice the area under the Lorenz curve drawn through
    the points :math:`(i/n, L_i)` with straight lines.

    References
    ----------
    Koch, R. (1998), *The 80/20 Principle*, Nicholas Brealey (the Pareto
    principle in customer bases). Gini, C. (1912), *Variabilità e
    mutabilità*; the sample form as in Damgaard, C. and Weiner, J. (2000),
    "Describing inequality in plant size or fecundity", *Ecology* 81(4),
    1139-1142, eq. 1.

    Examples
    --------
    >>> res = pareto_abc([50, 30, 10, 5, 5])
    >>> res.table["abc_class"].tolist()  # shares before each: 0, .5, .8, .9, .95
    ['A', 'A', 'B', 'B', 'C']
    >>> round(res.gini, 2)  # 2*(5+10+30+120+250)/(5*100) - 6/5
    0.46
    """
    x = check_array("values", values, minimum=0.0)
    index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(x.size)
    with np.errstate(over="ignore"):  # an overflow to inf is refused just below
        total = float(x.sum())
    check_results_finite("pareto_abc", {"total": total}, {"values": values})
    if total <= 0:
        raise ValueError("values must have a positive total (there is no value to share); "
                         "got a total of 0")
    if not isinstance(cuts, (tuple, list)) or len(cuts) != 2:
        raise ValueError(f"cuts must be two cumulative shares (A ends, B ends); got {cuts!r}")
    c_a = check_probability("cuts[0]", cuts[0], allow_zero=False)
    c_b = check_probability("cuts[1]", cuts[1], allow_zero=False)
    if not c_a < c_b:
        raise ValueError(f"cuts must be increasing (class A ends before class B); got {cuts!r}")
    order = np.argsort(-x, kind="stable")
    sx = x[order]
    share = sx / total
    cum = np.cumsum(share)
    before = np.concatenate(([0.0], cum[:-1]))
    tol = 1e-12
    cls = np.where(before < c_a - tol, "A", np.where(before < c_b - tol, "B", "C"))
    n = x.size
    table = pd.DataFrame({
        "value": sx, "share": share, "cumulative_share": cum,
        "customer_share": np.arange(1, n + 1) / n, "abc_class": cls,
    }, index=index[order])
    # rounding can push a running sum of shares a hair above 1; the curve ends at exactly 1
    curve = pd.DataFrame({"customer_share": np.arange(0, n + 1) / n,
                          "value_share": np.minimum(np.concatenate(([0.0], cum)), 1.0)})
    curve.iloc[-1, 1] = 1.0
    asc = np.sort(x)
    gini = float(2 * np.sum(np.arange(1, n + 1) * (asc / total)) / n - (n + 1) / n)
    rows = []
    for c in ("A", "B", "C"):
        mask = cls == c
        rows.append({"abc_class": c, "customers": int(mask.sum()),
                     "customer_share": float(mask.mean()), "value": float(sx[mask].sum()),
                     "value_share": float(share[mask].sum())})
    summary = pd.DataFrame(rows).set_index("abc_class")
    return ParetoResult(table=table, curve=curve, gini=max(gini, 0.0), summary=summary,
                        cuts=(c_a, c_b))
