"""Build the simulated wholesale customer base (not run at import).

Usage (from the repository root)::

    python crmlib/datasets/data/_build_wholesale.py

writes ``wholesale_customers.csv`` and ``wholesale_resources.csv`` next to
this file. The same seed gives the same files; ``tests/test_datasets_wholesale.py``
rebuilds the tables in memory and checks that they equal the shipped files.

Assumptions (all documented in README.md):

* a wholesale office-supplies distributor with 1,000 business customers,
  observed for one year (2023-01-01 to 2023-12-31);
* orders come from :func:`crmlib.datasets.simulate_transactions` (BG/NBD
  purchase process, Gamma-Gamma order values) with every customer's first
  order of the year in its first 28 days;
* cost of goods sold, activity use (deliveries, sales visits, service calls,
  returns), wallet, product lines, tenure, satisfaction, referrals,
  acquisition cost and churn are drawn per customer as listed in
  :func:`build`; the firm's resource costs and resource drivers are fixed
  numbers in :data:`RESOURCES`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
SEED = 20230101
N_CUSTOMERS = 1_000
LINES_OFFERED = 8

#: Annual resource costs (¥) and the share of each resource's time spent on
#: each activity (%, the resource drivers), chosen as assumptions.
RESOURCES = pd.DataFrame(
    {
        "cost": [90_000, 100_000, 120_000, 160_000, 60_000],
        "order_processing": [70, 30, 0, 10, 10],
        "delivery": [0, 50, 90, 0, 0],
        "sales_visit": [0, 0, 0, 85, 0],
        "service_call": [20, 0, 0, 5, 80],
        "return_handling": [10, 20, 10, 0, 10],
    },
    index=pd.Index(
        ["order_desk", "warehouse", "delivery_fleet", "sales_force", "call_centre"],
        name="resource",
    ),
)


def build(seed: int = SEED, n_customers: int = N_CUSTOMERS) -> pd.DataFrame:
    """The per-customer table of the wholesale base (deterministic for a seed)."""
    sys.path.insert(0, str(HERE.parents[2]))
    from crmlib.datasets import simulate_transactions

    rng = np.random.default_rng(seed)
    tx = simulate_transactions(
        n_customers, r=0.9, alpha=3.0, a=0.8, b=8.0, p=4.0, q=5.0, gamma=400.0,
        observation_days=365, acquisition_days=28, start="2023-01-01", seed=rng,
    )
    per = tx.groupby("customer_id").agg(
        orders=("amount", "size"), sales=("amount", "sum"), last_order=("date", "max")
    )
    n = len(per)
    orders = per["orders"].to_numpy()
    sales = per["sales"].to_numpy().round(2)
    margin_rate = rng.beta(12.0, 36.0, n)                     # gross margin, mean 25%
    cogs = np.round(sales * (1.0 - margin_rate), 2)
    split = rng.beta(1.0, 4.0, n)                             # share of orders split in two
    deliveries = orders + rng.binomial(orders, split)
    visits = rng.poisson(1.0 + sales / 2_000.0)               # larger accounts get more visits
    call_rate = rng.gamma(1.5, 0.2, n)                        # service calls per order, mean 0.3
    calls = rng.poisson(orders * call_rate)
    return_rate = rng.beta(1.0, 19.0, n)                      # share of orders returned, mean 5%
    returns = rng.binomial(orders, return_rate)
    sow = rng.beta(2.0, 2.0, n)                               # share of wallet, mean 50%
    wallet = np.round(sales / sow, 2)
    lines = 1 + rng.binomial(LINES_OFFERED - 1, rng.beta(2.0, 5.0, n))
    tenure = 1 + rng.poisson(3.0, n)                          # years as a customer
    latent = (3.8 - 1.5 * (calls / orders - 0.3) - 5.0 * (returns / orders - 0.05)
              + rng.normal(0.0, 0.7, n))
    satisfaction = np.clip(np.rint(latent), 1, 5).astype(int)  # survey score 1-5
    referrals = rng.poisson(0.05 + 0.1 * (satisfaction == 4) + 0.25 * (satisfaction == 5))
    acquisition_cost = np.round(rng.gamma(4.0, 150.0, n), 2)  # mean 600
    z = -1.5 + 0.8 * (3 - satisfaction) - 1.5 * (sow - 0.5) - 0.15 * (tenure - 4)
    churned = (rng.random(n) < 1.0 / (1.0 + np.exp(-z))).astype(int)
    days_since = (pd.Timestamp("2023-12-31") - per["last_order"]).dt.days.to_numpy()
    return pd.DataFrame(
        {
            "orders": orders,
            "sales": sales,
            "cogs": cogs,
            "deliveries": deliveries,
            "sales_visits": visits,
            "service_calls": calls,
            "returns": returns,
            "days_since_last_order": days_since,
            "wallet": wallet,
            "lines_held": lines,
            "tenure_years": tenure,
            "satisfaction": satisfaction,
            "referrals": referrals,
            "acquisition_cost": acquisition_cost,
            "churned": churned,
        },
        index=pd.Index(per.index.to_numpy(), name="customer_id"),
    )


def main() -> None:
    build().to_csv(HERE / "wholesale_customers.csv", lineterminator="\n")
    RESOURCES.to_csv(HERE / "wholesale_resources.csv", lineterminator="\n")


if __name__ == "__main__":
    main()
