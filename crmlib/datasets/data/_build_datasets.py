"""Rebuild the shipped data files from their published sources (not run at import).

Usage (from the repository root)::

    pip download lifetimes==0.11.3 --no-deps -d /tmp/lt
    python crmlib/datasets/data/_build_datasets.py /tmp/lt/Lifetimes-0.11.3-py3-none-any.whl

The CDNOW transaction logs and the donations summary are copied, unchanged in
content, from the MIT-licensed ``lifetimes`` 0.11.3 wheel; only the layout
changes (whitespace-separated text -> CSV with named columns, gzip-compressed
with a fixed timestamp so rebuilding gives byte-identical files). The retention
survivor counts are typed in from Fader & Hardie (2007). See README.md.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHEEL_SHA256 = "261e3dc89977c2b60767ca6728aaa29d429de0c814635070a749c36555895da8"

# Fader & Hardie (2007), Journal of Interactive Marketing 21(1):
# customers still active at the start of years 0..12, out of a cohort of 1,000.
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394]


def _write_gz(path: Path, text: str) -> None:
    with open(path, "wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9
    ) as gz:
        gz.write(text.encode("ascii"))


def _cdnow(text: str, *, sample: bool) -> str:
    """Whitespace-separated CDNOW rows -> CSV (ids as plain integers, date as YYYYMMDD)."""
    header = "customer_id,master_id,date,quantity,amount" if sample else (
        "customer_id,date,quantity,amount"
    )
    out = [header]
    for line in text.splitlines():
        tokens = line.split()
        if not tokens or tokens[0] == "customer_id":  # master file has a header line
            continue
        if sample:
            master_id, sample_id, date, qty, amount = tokens
            out.append(f"{int(sample_id)},{int(master_id)},{date},{int(qty)},{amount}")
        else:
            cid, date, qty, amount = tokens
            out.append(f"{int(cid)},{date},{int(qty)},{amount}")
    return "\n".join(out) + "\n"


def main(wheel: str) -> None:
    digest = hashlib.sha256(Path(wheel).read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"unexpected wheel checksum {digest}; expected {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as zf:
        master = zf.read("lifetimes/datasets/CDNOW_master.txt").decode("ascii")
        sample = zf.read("lifetimes/datasets/CDNOW_sample.txt").decode("ascii")
        donations = zf.read("lifetimes/datasets/donations.csv").decode("ascii")
    _write_gz(HERE / "cdnow_master.csv.gz", _cdnow(master, sample=False))
    _write_gz(HERE / "cdnow_sample.csv.gz", _cdnow(sample, sample=True))
    (HERE / "donations.csv").write_text(
        "\n".join(io.StringIO(donations).read().splitlines()) + "\n", encoding="ascii"
    )
    rows = ["year,regular,high_end"] + [
        f"{year},{r},{h}" for year, (r, h) in enumerate(zip(REGULAR, HIGH_END, strict=True))
    ]
    (HERE / "retention_survivors.csv").write_text("\n".join(rows) + "\n", encoding="ascii")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
