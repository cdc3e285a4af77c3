"""Data frames in Python against the Rust benches, on the same generated people.

For each size, this script

1. writes the people of the project's generator (``gen_people``: realistic names, typos,
   nicknames, ~20 % duplicates, seeded) to a CSV and reads it into pandas (``dtype=str``,
   as a data team would read contact data: phones and postcodes stay text);
2. times ``Crm.load_frame`` of the pandas frame into an empty book (Arrow C stream → Rust
   columns → the core's bulk import; every row accepted or reported), in ``--load-runs``
   fresh interpreters (default 3), as a user's first load; the table gives the median and
   the range, since one run on a shared 2-core machine can be far off;
3. times ``crm.find_duplicates_frame`` of the same frame (read in Rust, scanned with the GIL
   released, pairs and groups back as pandas frames), stage by stage;
4. runs the Rust ``dedup`` bench binary on the same size and seed (the generator's records
   in memory) and prints both with the ratio.

Budgets (GUIDE.md §6 and issue 5): load ≤ 3 s for 1,000,000 rows; the scan within 1.5× the
Rust time. Run it with the package installed in release mode (``pip install ./crm-py``, as
``scripts/test python`` does) from the repository root::

    .venv/bin/python benches/python/bench_frames.py [sizes…] [--seed N] [--load-runs N]

(default sizes 100000 and 1000000, seed 1). The CSV flattens a record to its first two
emails, first phone and first address line; the Rust bench scans the full records, so the
two runs see the same people with at most a little less contact data on the Python side.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

import crm

ROOT = Path(__file__).resolve().parents[2]
#: The generator's CSV columns → customer fields.
MAPPING: dict[str, Any] = {
    "given_name": "given_name",
    "family_name": "family_name",
    "emails": ["email", "email2"],
    "phones": "phone",
    "birthday": "birthday",
    "address_lines": "street",
    "address_postal_code": "postcode",
    "address_locality": "city",
    "address_country": "country",
    "default_region": "country",
}


def cargo(*args: str, stdout: Any = subprocess.PIPE) -> str:
    """Runs a release bin of crm-benches; returns its stdout (when captured)."""
    cmd = ["cargo", "run", "-q", "--release", "-p", "crm-benches", "--bin", *args]
    done = subprocess.run(cmd, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return done.stdout if stdout is subprocess.PIPE else ""


def rust_scan(n: int, seed: int) -> dict[str, float]:
    """The stage times (s) of the Rust dedup bench for ``n`` records."""
    out = cargo("dedup", "--", str(n), "--seed", str(seed))
    row = next(line for line in out.splitlines() if line.startswith(f"| {n} |"))
    cells = [c.strip().strip("*") for c in row.strip("|").split("|")]
    secs = [float(c.removesuffix(" s")) for c in cells[7:12]]
    return dict(zip(("prepare", "block", "score", "cluster", "total"), secs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--load-runs",
        type=int,
        default=3,
        help="loads to time, each in a fresh interpreter; the table gives the median (default 3)",
    )
    parser.add_argument("--load-once", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--unseeded",
        action="store_true",
        help="load into a book with random ids (default: a seeded book, Crm(seed=7))",
    )
    args = parser.parse_args()

    if args.load_once:
        print(json.dumps(load_once(args.load_once, args.unseeded)))
        return

    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "people.csv"
            with path.open("w") as f:
                cargo("gen_people", "--", str(n), str(args.seed), stdout=f)
            t = time.perf_counter()
            frame = read(path)
            read_csv = time.perf_counter() - t
            # Each load in a fresh interpreter, as a user's first load (a book loaded
            # before in the same process would leave freed memory to reuse).
            loads = [timed_load(path, args.unseeded) for _ in range(args.load_runs)]
        load = statistics.median(run["seconds"] for run in loads)
        load_range = (min(run["seconds"] for run in loads), max(run["seconds"] for run in loads))
        for run in loads:
            assert run["accepted"] + run["rejected"] == n, run
        codes = loads[0]["codes"]

        stages: dict[str, float] = {}
        last = [time.perf_counter()]

        def progress(stage: str, done: int, total: int) -> None:
            # Reported when a stage starts, after each chunk and when it ends: the time
            # since the previous report belongs to this stage (reading the frame counts
            # with "prepare").
            now = time.perf_counter()
            stages[stage] = stages.get(stage, 0.0) + now - last[0]
            last[0] = now

        t = time.perf_counter()
        last[0] = t
        found = crm.find_duplicates_frame(frame, columns=MAPPING, progress=progress)
        scan = time.perf_counter() - t
        stages["frames out"] = time.perf_counter() - last[0]
        rust = rust_scan(n, args.seed)
        rows.append((n, read_csv, load, load_range, report_line(codes), stages, scan, found.stats, rust))
        print(f"done {n}: load {load:.2f} s, scan {scan:.2f} s, Rust scan {rust['total']:.2f} s", file=sys.stderr)

    print(f"crm {crm.__version__}, pandas {pd.__version__}, {os.cpu_count()} cores, seed {args.seed}")
    print()
    print("| records | read_csv | **load_frame** median (range; rejected) | scan: read + prepare | block | score | cluster | frames out "
          "| **Python scan** | **Rust scan** | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, read_csv, load, (low, high), rejected, stages, scan, stats, rust in rows:
        print(
            f"| {n:,} | {read_csv:.2f} s | **{load:.2f} s** ({low:.2f}–{high:.2f}; {rejected}) | {stages['prepare']:.2f} s "
            f"(Rust {rust['prepare']:.2f}) | {stages['block']:.2f} s ({rust['block']:.2f}) "
            f"| {stages['score']:.2f} s ({rust['score']:.2f}) | {stages['cluster']:.2f} s ({rust['cluster']:.2f}) "
            f"| {stages['frames out']:.2f} s | **{scan:.2f} s** | **{rust['total']:.2f} s** "
            f"| {scan / rust['total']:.2f}× |"
        )
    print()
    print("Budgets: load ≤ 3 s at 1,000,000 rows; Python scan ≤ 1.5× Rust scan.")


def read(path: Path) -> pd.DataFrame:
    """The CSV as a data team reads contact data: every column text, empty cells missing."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def load_once(path: Path, unseeded: bool) -> dict[str, Any]:
    """Reads the CSV and times ``Crm.load_frame`` of it into an empty book."""
    frame = read(path)
    book = crm.Crm() if unseeded else crm.Crm(seed=7)
    t = time.perf_counter()
    report = book.load_frame(frame, MAPPING)
    seconds = time.perf_counter() - t
    return {
        "seconds": seconds,
        "accepted": report.accepted,
        "rejected": report.rejected,
        "codes": {str(k): int(v) for k, v in report.rejects["code"].value_counts().items()},
    }


def timed_load(path: Path, unseeded: bool) -> dict[str, Any]:
    """:func:`load_once` in a fresh interpreter."""
    cmd = [sys.executable, __file__, "--load-once", str(path)] + (["--unseeded"] if unseeded else [])
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def report_line(codes: dict[str, int]) -> str:
    """Rejected rows by error code, e.g. ``1,234: conflict 1,200, invalid_phone 34``."""
    total = sum(codes.values())
    if not total:
        return "0"
    return f"{total:,}: " + ", ".join(f"{c} {k:,}" for c, k in sorted(codes.items()))


if __name__ == "__main__":
    main()
