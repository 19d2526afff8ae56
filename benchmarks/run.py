"""Run the kit's benchmarks and collect their results in benchmarks/RESULTS.md.

Usage (from the repository root)::

    python benchmarks/run.py            # every benchmarks/bench_*.py
    python benchmarks/run.py rfm        # only bench_rfm.py
    python benchmarks/run.py --quick    # small sizes, a smoke test of the scripts
    python benchmarks/run.py models --before 95f824c  # also time an older revision

Each ``bench_<name>.py`` is run in its own process with the same interpreter
and writes its own section of RESULTS.md through :func:`update_results`, so
adding a benchmark means adding one ``bench_<name>.py`` file with a ``main``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
HEADER = (
    "# Benchmark results\n\n"
    "Written by `make bench` (`python benchmarks/run.py`); see README.md in this\n"
    "folder for what each benchmark measures. Each section is replaced when its\n"
    "benchmark runs again.\n"
)


#: benchmarks that accept ``--before REV`` (time an older revision in the same run)
BEFORE_AWARE = {"bgbb", "models"}


def update_results(name: str, markdown: str, path: Path = RESULTS) -> None:
    """Replace (or append) the section of benchmark ``name`` in RESULTS.md."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def available() -> list[str]:
    """Names of the benchmarks in this folder (bench_<name>.py)."""
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: {available()})")
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    parser.add_argument("--before", metavar="REV",
                        help="benchmarks that support it also time the library at git REV "
                             "(bench_models: the before/after column)")
    args = parser.parse_args(argv)
    names = args.names or available()
    unknown = sorted(set(names) - set(available()))
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; available: {available()}")
    failed = []
    for name in names:
        command = [sys.executable, str(HERE / f"bench_{name}.py")]
        if args.quick:
            command.append("--quick")
        if args.before and name in BEFORE_AWARE:
            command += ["--before", args.before]
        print(f"== {name}", flush=True)
        if subprocess.run(command, check=False).returncode != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
