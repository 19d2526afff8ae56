"""CDNOW calibration data shared by the model tests, built once per test session.

The summaries go through the kit's own pipeline: ``load_cdnow("sample")`` (the
1/10 sample of Fader, Hardie & Lee 2005: 2,357 customers) -> ``rfm_summary``
with a 39-week calibration period (1997-01-01 to 1997-09-30) and a 39-week
holdout (to 1998-06-30), time in weeks (days / 7).
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from crmlib.datasets import load_cdnow
from crmlib.models import BetaGeo, GammaGamma, ParetoNBD
from crmlib.transactions import rfm_summary

CALIBRATION_END = "1997-09-30"
OBSERVATION_END = "1998-06-30"


@cache
def cdnow_summary(grain: str = "D") -> pd.DataFrame:
    """Calibration/holdout RFM summary of the CDNOW sample (do not modify in place)."""
    return rfm_summary(
        load_cdnow("sample"), freq="W", calibration_end=CALIBRATION_END,
        observation_end=OBSERVATION_END, grain=grain,
    )


@cache
def fitted_bgnbd() -> BetaGeo:
    s = cdnow_summary()
    return BetaGeo().fit(s["frequency"], s["recency"], s["T"])


@cache
def fitted_paretonbd() -> ParetoNBD:
    s = cdnow_summary()
    return ParetoNBD().fit(s["frequency"], s["recency"], s["T"])


@cache
def repeat_buyers() -> pd.DataFrame:
    s = cdnow_summary()
    return s[s["frequency"] > 0]


@cache
def fitted_gammagamma() -> GammaGamma:
    r = repeat_buyers()
    return GammaGamma().fit(r["frequency"], r["monetary_value"])


# Published estimates on the CDNOW sample, written out once for every test that uses them.
#: BG/NBD, Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Sec. 5
BGNBD_PUBLISHED = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
#: Pareto/NBD, the same paper's Sec. 5 (Schmittlein et al.'s model on the same data)
PARETO_PUBLISHED = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
#: Gamma-Gamma spend model, Fader, Hardie & Lee (2005b) / Fader & Hardie (2013) note
GG_PUBLISHED = {"p": 6.25, "q": 3.74, "gamma": 15.44}
