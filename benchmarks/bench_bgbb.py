"""Cost of the BG/BB likelihood as the number of opportunities n grows.

Run ``python benchmarks/bench_bgbb.py`` (or ``make bench``); ``--quick`` uses
smaller sizes and one repeat. For 1,000 customers drawn from the BG/BB at the
donations estimates of Fader, Hardie & Shang (2010) (seed 2026), observed over
n = 365, 3,650 and 36,500 opportunities, it times

* one evaluation of the log-likelihood with its exact gradient (at the
  donations estimates, on the distinct (x, t_x, n) rows), the quantity the
  issue asks to make independent of n;
* one fit from the default starting values.

With ``--before REV`` the same is timed for the library at git revision REV
(exported to a temporary folder and imported in a separate process) in the
same run, and the per-row log-likelihoods of the two at the same parameters are
compared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

# One BLAS thread for every library timed, set before numpy loads: a threaded BLAS keeps
# its worker threads spinning for a while after a call, and that CPU time would be
# billed to whatever is timed next (it doubled some fit times in CPU, not in wall time).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_models import SEED, _versions, bgbb_customers, timed  # noqa: E402

DONATIONS = np.array([1.204, 0.750, 0.657, 2.783])
N_FULL = (365, 3650, 36500)
N_QUICK = (36, 365)
#: the "before" revision is not timed beyond this n (one evaluation there costs minutes)
BEFORE_MAX_N = 3650


def measure(sizes: tuple[int, ...], repeats: int, fit_up_to: int | None = None) -> dict:
    """Times of one likelihood-and-gradient evaluation and one fit, per n."""
    from crmlib.models import BetaGeoBetaBinom
    from crmlib.models._mle import collapse_rows

    out: dict = {}
    for n in sizes:
        x, tx = bgbb_customers(1_000, n, SEED)
        (ux, utx, un), w = collapse_rows((x, tx, np.full(x.size, n)), np.ones(x.size))
        seconds, (ll, _) = timed(
            lambda ux=ux, utx=utx, un=un: BetaGeoBetaBinom._log_likelihood_and_gradient(
                DONATIONS, ux, utx, un), repeats)
        row = {"rows": int(ux.size), "evaluation": seconds, "log_likelihood": ll.tolist()}
        if fit_up_to is None or n <= fit_up_to:
            row["fit"], _ = timed(lambda x=x, tx=tx, n=n: BetaGeoBetaBinom().fit(x, tx, n), 1,
                                  warm_up=False)
        out[str(n)] = row
    return out


def before(rev: str, sizes: tuple[int, ...], repeats: int) -> dict:
    """The same measurements of the library at git revision ``rev``, in a new process."""
    root = HERE.parent
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "src.tar"
        subprocess.run(["git", "-C", str(root), "archive", "-o", str(archive), rev, "crmlib"],
                       check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        env = dict(os.environ, PYTHONPATH=tmp)
        args = [sys.executable, __file__, "--child", "--sizes", *map(str, sizes),
                "--repeats", str(repeats)]
        text = subprocess.run(args, check=True, capture_output=True, text=True, env=env,
                              cwd=tmp).stdout
    return json.loads(text.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat")
    parser.add_argument("--before", metavar="REV", help="also time the library at git REV")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", nargs="*", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(tuple(args.sizes), args.repeats)))
        return 0
    from bench_rfm import _machine_text
    from run import update_results

    sizes, repeats = (N_QUICK, 1) if args.quick else (N_FULL, 5)
    old_sizes = tuple(n for n in sizes if n <= BEFORE_MAX_N)
    old = before(args.before, old_sizes, 1 if args.quick else 3) if args.before else {}
    mine = measure(sizes, repeats)

    def show(t: dict[str, float] | None) -> str:
        return "—" if t is None else f"{t['cpu']:.4f} ({t['wall']:.4f})"

    rows = []
    for n in sizes:
        key, was = str(n), old.get(str(n), {})
        agree = "—"
        if was:
            ll_now = np.array(mine[key]["log_likelihood"])
            ll_was = np.array(was["log_likelihood"])
            agree = f"{np.max(np.abs(ll_now - ll_was) / np.abs(ll_was)):.1e}"
        rows.append(f"| {n:,} | {mine[key]['rows']:,} | {show(was.get('evaluation'))} | "
                    f"{show(mine[key]['evaluation'])} | {show(was.get('fit'))} | "
                    f"{show(mine[key].get('fit'))} | {agree} |")
    before_note = (f" \"Before\" is the library at `{args.before}` (the exact sum over every "
                   "opportunity, (distinct x) x (max n) terms per evaluation), timed in the same "
                   "run in a separate process; it is not timed beyond "
                   f"n = {BEFORE_MAX_N:,}." if args.before else "")
    lines = [
        "## BG/BB likelihood at many opportunities (benchmarks/bench_bgbb.py)",
        "",
        "1,000 customers drawn from the BG/BB at the donations estimates of Fader, Hardie &",
        "Shang (2010) (seed 2026), n opportunities each. \"Evaluation\": one log-likelihood",
        "with its exact gradient at those estimates on the distinct (x, t_x, n) rows, median",
        "of 5 runs (before: 3) after a warm-up; \"fit\": one fit from the default starting",
        "values. CPU seconds, in brackets wall seconds. \"Agreement\": largest relative",
        "difference of the per-row log-likelihoods of the two at the same parameters."
        + before_note,
        "",
        "| n | distinct rows | evaluation before (s) | evaluation now (s) | fit before (s) | "
        "fit now (s) | agreement |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"{dt.date.today().isoformat()}; {_machine_text()}; {_versions()}.",
    ]
    if not args.quick:
        update_results("bench_bgbb", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
