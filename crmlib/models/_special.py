"""Numerically stable special-function helpers shared by the repeat-buying models."""

from __future__ import annotations

import numpy as np
from scipy.special import hyp2f1

__all__ = ["hyp2f1_one", "log_diff_exp", "one_minus_exp_over"]


def log_diff_exp(u1: np.ndarray, u2: np.ndarray) -> np.ndarray:
    """Return ``log(exp(u1) - exp(u2))`` for ``u1 >= u2`` without overflow.

    Equal arguments give ``-inf`` (a difference of zero); rounding that puts
    ``u2`` a hair above ``u1`` is treated the same way.

    >>> bool(np.isclose(log_diff_exp(np.log(5.0), np.log(3.0)), np.log(2.0), rtol=1e-14))
    True
    >>> log_diff_exp(np.array([-1000.0]), np.array([-1000.0]))
    array([-inf])
    """
    u1 = np.asarray(u1, dtype=float)
    u2 = np.asarray(u2, dtype=float)
    gap = np.minimum(u2 - u1, 0.0)
    with np.errstate(divide="ignore"):
        return u1 + np.log(-np.expm1(gap))


def one_minus_exp_over(c: np.ndarray, L: np.ndarray) -> np.ndarray:
    """Return ``(1 - exp(-c * L)) / c``, with its limit ``L`` as ``c`` goes to 0.

    Used for ``[1 - (beta / (beta + t)) ** (s - 1)] / (s - 1)`` with
    ``c = s - 1`` and ``L = log(1 + t / beta)``.

    >>> float(one_minus_exp_over(np.array(0.0), np.array(2.0)))
    2.0
    >>> float(np.round(one_minus_exp_over(np.array(1.0), np.array(np.log(2.0))), 12))
    0.5
    """
    c, L = np.broadcast_arrays(np.asarray(c, dtype=float), np.asarray(L, dtype=float))
    small = np.abs(c * L) < 1e-8
    safe_c = np.where(small, 1.0, c)
    exact = -np.expm1(-safe_c * L) / safe_c
    series = L * (1.0 - c * L / 2.0)
    return np.where(small, series, exact)


def hyp2f1_one(
    b: np.ndarray, c: np.ndarray, z: np.ndarray, max_terms: int = 20_000
) -> np.ndarray:
    r"""Gauss hypergeometric function :math:`{}_2F_1(1, b; c; z)` for ``c > b > 0``, ``0 <= z < 1``.

    Uses :func:`scipy.special.hyp2f1`, and where that returns inf or NaN (it
    does for z close to 1 when c - b - 1 is large) sums the power series
    :math:`\sum_n z^n (b)_n / (c)_n` directly. Its terms shrink monotonically
    and every term ratio is at most z, so after a term :math:`t_n` the rest of
    the series is at most :math:`t_n z / (1 - z)`; summing stops when that
    bound is below ``1e-17`` of the total. Entries the series cannot settle
    within ``max_terms`` terms (z within about 1e-5 of 1 and c - b small) are
    returned as NaN for the caller to evaluate another way.

    >>> round(float(hyp2f1_one(np.array(1.0), np.array(2.0), np.array(0.5))), 12)  # -log(1-z)/z
    1.38629436112
    >>> z = np.array(11 / 12)  # scipy's hyp2f1 gives inf here; mpmath: 1.00924355266455
    >>> float(np.round(hyp2f1_one(np.array(1.0), np.array(101.0), z), 12))
    1.009243552665
    """
    b, c, z = np.broadcast_arrays(
        np.asarray(b, dtype=float), np.asarray(c, dtype=float), np.asarray(z, dtype=float)
    )
    out = np.array(hyp2f1(1.0, b, c, z), dtype=float)
    bad = ~np.isfinite(out)
    if bad.any():
        out[bad] = _series_one(b[bad], c[bad], z[bad], max_terms=max_terms)
    return out


def _series_one(
    b: np.ndarray, c: np.ndarray, z: np.ndarray, max_terms: int, chunk: int = 256
) -> np.ndarray:
    total = np.ones_like(z)
    term = np.ones_like(z)
    # every term ratio is at least the first, z b / c: where even that rate cannot bring
    # the tail bound below 1e-17 within max_terms terms, do not start summing
    with np.errstate(divide="ignore"):
        hopeless = max_terms * np.log(z * b / c) + np.log(z / (1.0 - z)) > np.log(1e-17)
    total[hopeless] = np.nan
    active = np.flatnonzero(~hopeless)
    start = 0
    while active.size and start < max_terms:
        n = start + np.arange(chunk, dtype=float)[:, None]
        ratios = z[active] * (b[active] + n) / (c[active] + n)
        terms = term[active] * np.cumprod(ratios, axis=0)
        total[active] += terms.sum(axis=0)
        term[active] = terms[-1]
        start += chunk
        tail = term[active] * z[active] / (1.0 - z[active])
        active = active[tail > 1e-17 * total[active]]
    total[active] = np.nan
    return total
