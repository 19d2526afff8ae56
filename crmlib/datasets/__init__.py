"""Data sets that ship with the kit, and a simulator of synthetic customer bases.

The files live in ``crmlib/datasets/data`` (provenance in its README.md), so
everything works offline after installation.
"""

from crmlib.datasets._loaders import (
    capstone_orders_path,
    load_cdnow,
    load_donations,
    load_retention_survivors,
    load_wholesale,
)
from crmlib.datasets._simulate import simulate_transactions

__all__ = [
    "capstone_orders_path",
    "load_cdnow",
    "load_donations",
    "load_retention_survivors",
    "load_wholesale",
    "simulate_transactions",
]
