"""Duplicate scans on splink's own tutorial data, fake_1000: people this project was not built on.

splink's tutorials teach deduplication on ``fake_1000``: 1,000 records of 181 people (up to
ten records each) with ``first_name``, ``surname``, ``dob``, ``city`` and ``email``, and the
truth in ``group``. Its corruptions are heavy: names swapped between the columns, letters
shuffled ("Noah" as "oNah", "Amelia" as "lmeAi"), dates of birth moved by weeks or months,
cities and emails mistyped, fields left out. The file is in splink's repository
(``tests/datasets/fake_1000_from_splink_demos.csv``; ``splink.datasets.splink_datasets.fake_1000``
downloads the same data), not in this one.

The frame goes to ``crm.find_duplicates`` as a data team would pass it: the columns are read
by their names (``first_name``, ``surname``, ``dob``, ``city``, ``email``), nothing is
cleaned, the ids and the truth are left out. It prints precision, recall and F1 of the
matched pairs and of the pairs within the groups, against the truth, for the defaults, for
the model estimated from the data (``estimation="em"``), and without the birth-date conflict
(``conflicts=["given_name"]``: for data whose birth dates are known to be unreliable, at the
cost of no longer keeping apart a father and son who share a name and a home).
``benches/python/splink_compare.py --fake FILE`` runs splink on the same file. splink's
``benchmarking/fake_20000_from_splink_demos.csv`` has the same layout (the truth in
``cluster``) and harsher corruptions (birth dates a decade off); its first records
(``head -n 2262``, people 0–654) make a second test.

Run it with the package installed (``pip install ./crm-py``) from the repository root::

    .venv/bin/python benches/python/fake_1000.py fake_1000_from_splink_demos.csv
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

import crm
from febrl import outcome, prf

CONFIGS: dict[str, dict[str, Any]] = {
    "default": {},
    "em": {"estimation": "em"},
    "no birth-date conflict": {"conflicts": ["given_name"]},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", type=Path, help="fake_1000_from_splink_demos.csv")
    args = parser.parse_args()
    frame = pd.read_csv(args.csv)
    # fake_1000 names the truth `group`, splink's larger fake_20000 `cluster`.
    truth_column = "group" if "group" in frame.columns else "cluster"
    people: defaultdict[Any, list[int]] = defaultdict(list)
    for i, person in enumerate(frame[truth_column]):
        people[person].append(i)
    truth = {pair for members in people.values() for pair in itertools.combinations(members, 2)}
    data = frame.drop(columns=["unique_id", truth_column])
    print("| configuration | records | true pairs | pairs P / R / F1 | clustered P / R / F1 | review (true) | time |")
    print("|---|---:|---:|---|---|---:|---:|")
    for label, settings in CONFIGS.items():
        started = time.perf_counter()
        scan = crm.find_duplicates(data, crm.MatchConfig(**settings))
        took = time.perf_counter() - started
        matched, review, grouped = outcome(scan)
        print(
            f"| {label} | {len(frame)} | {len(truth)} | {prf(matched, truth)} | {prf(grouped, truth)} "
            f"| {len(review)} ({len(review & truth)}) | {took:.2f} s |"
        )


if __name__ == "__main__":
    main()
