"""How far a scan's match probabilities are from how often its pairs are duplicates.

A pair's ``probability`` is the Fellegi–Sunter posterior of its total weight: the prior
odds plus each field's weight, the fields taken as independent. It orders pairs and sets
the thresholds; it is not a calibrated frequency, since one person's fields are not
independent (a copy that agrees on the email often agrees on the phone too, and a
namesake's mailbox is made of the same names). This script shows by how much, on a file
with the truth: the pairs the scan reported, by decision, by whether anything beyond the
names agrees (an email, phone, birth date or address at any level above ``different``),
and by their total weight in bins of two bits, with how many there are, the share of them
that are duplicates, and the probability the model gives at the bin's middle.

The file is a CSV with a column of truth (``cluster``, as ``gen_people`` writes it, or
``group``, as splink's ``fake_1000`` has it) and the customers' columns, read by
``crm.find_duplicates`` by name. Run it from the repository root with the package
installed::

    cargo run --release -p crm-benches --bin gen_people -- 100000 42 > people.csv
    .venv/bin/python benches/python/calibration.py people.csv
"""

from __future__ import annotations

import argparse
import math
from collections import defaultdict
from pathlib import Path

import pandas as pd

import crm

#: Fields whose agreement is evidence beyond the names.
CONTACT: tuple[crm.MatchField, ...] = ("email", "phone", "birth_date", "address")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", type=Path, help="a CSV with the truth in `cluster` or `group`")
    args = parser.parse_args()
    frame = pd.read_csv(args.csv, dtype=str, keep_default_na=False)
    truth_column = "group" if "group" in frame.columns else "cluster"
    truth = frame[truth_column].tolist()
    data = frame.drop(columns=[c for c in (truth_column, "unique_id") if c in frame.columns])
    scan = crm.find_duplicates(data)
    # (decision, evidence, lowest weight of the bin) -> [pairs, duplicates]
    bins: defaultdict[tuple[str, str, int], list[int]] = defaultdict(lambda: [0, 0])
    for pair in scan["pairs"]:
        explanation = pair["explanation"]
        levels = {f["field"]: f["level"] for f in explanation["fields"]}
        beyond = any(levels[f] not in ("missing", "different") for f in CONTACT)
        low = min(max(2 * math.floor(explanation["total_weight"] / 2), -2), 20)
        key = (pair["decision"], "names and more" if beyond else "names only", low)
        bins[key][0] += 1
        bins[key][1] += truth[pair["left"]] == truth[pair["right"]]
    print(f"{len(frame)} records, {len(scan['pairs'])} pairs reported")
    print("| decision | evidence | total weight (bits) | pairs | duplicates | model's probability |")
    print("|---|---|---|---:|---:|---:|")
    for (decision, evidence, low), (pairs, duplicates) in sorted(bins.items()):
        span = f"{low} to {low + 2}" if low < 20 else "20 or more"
        middle = low + 1
        print(
            f"| {decision} | {evidence} | {span} | {pairs} | {duplicates / pairs:.3f} "
            f"| {1 / (1 + 2.0 ** -middle):.3f} |"
        )


if __name__ == "__main__":
    main()
