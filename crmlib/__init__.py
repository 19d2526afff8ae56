"""CRM Value Lab helper library: customer value, lifecycle, CLV, equity, loyalty, strategy.

One module per course topic; the layers are kept apart:

* core (pure computation), one module per course topic:
  :mod:`crmlib.value`,
  :mod:`crmlib.segmentation`,
  :mod:`crmlib.lifecycle`,
  :mod:`crmlib.clv`,
  :mod:`crmlib.equity`,
  :mod:`crmlib.loyalty`,
  :mod:`crmlib.strategy`,
  the capstone :mod:`crmlib.capstone` (all of them on one firm's data),
  the analysis side :mod:`crmlib.transactions`, :mod:`crmlib.models`, :mod:`crmlib.datasets`,
  and :mod:`crmlib.i18n`;
* :mod:`crmlib.plotting`: ``ax`` in, ``ax`` out;
* :mod:`crmlib.widgets`: the "Try it" widgets of the notebooks.

Submodules load on first use, so ``import crmlib`` stays fast:

>>> import crmlib
>>> round(crmlib.clv.retention_clv(100, 0.8, 0.1).value, 2)
333.33
"""

from __future__ import annotations

import importlib
from types import ModuleType

__version__ = "0.1.0"

__all__ = [
    "capstone",
    "clv",
    "datasets",
    "equity",
    "i18n",
    "lifecycle",
    "loyalty",
    "models",
    "plotting",
    "segmentation",
    "strategy",
    "transactions",
    "value",
    "widgets",
]


def __getattr__(name: str) -> ModuleType:
    if name in __all__:
        return importlib.import_module(f"crmlib.{name}")
    raise AttributeError(f"module 'crmlib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
