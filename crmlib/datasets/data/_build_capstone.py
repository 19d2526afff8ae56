"""Build the capstone's example export ``capstone_orders.csv`` from the shipped CDNOW sample.

Usage (from the repository root; not run at import)::

    python crmlib/datasets/data/_build_capstone.py

The file looks like an order export from a Chinese shop system: Chinese
headers (会员ID, 订单日期, 数量, 实付金额(美元)), dates written ``1997/1/1``,
UTF-8 with a byte-order mark (what Excel's "CSV UTF-8" saves). Its rows are
the 6,919 transaction records of the CDNOW sample (``cdnow_sample.csv.gz``),
in the same order, with the same customer ids, quantities and amounts (the
amount text exactly as in the source). Five deliberately malformed rows are
appended at the end, to show how ``read_transactions`` reports rows it cannot
use (see README.md). Rebuilding gives a byte-identical file.
"""

from __future__ import annotations

import gzip
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = "会员ID,订单日期,数量,实付金额(美元)"

#: Deliberately malformed rows (file rows 6921-6925) and why each is rejected.
MALFORMED = (
    (",1997/3/5,1,15.99", "no customer id"),
    ("1205,1997/2/30,2,25.98", "30 February does not exist"),
    ("77,1997/4/1,1,n/a", "the amount is not a number"),
    ("88,1997/5/12,1,-11.77", "a negative amount (a return)"),
    ("99,1997/6/1,1,12.49,赠品", "one field more than the header (a stray separator)"),
)


def build() -> str:
    with gzip.open(HERE / "cdnow_sample.csv.gz", "rt", encoding="ascii") as fh:
        lines = fh.read().splitlines()
    assert lines[0] == "customer_id,master_id,date,quantity,amount", lines[0]
    out = [HEADER]
    for line in lines[1:]:
        customer, _master, day, quantity, amount = line.split(",")
        date = f"{int(day[:4])}/{int(day[4:6])}/{int(day[6:])}"
        out.append(f"{customer},{date},{quantity},{amount}")
    out.extend(row for row, _why in MALFORMED)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    target = HERE / "capstone_orders.csv"
    target.write_bytes(b"\xef\xbb\xbf" + build().encode("utf-8"))
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
