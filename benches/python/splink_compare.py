"""splink on the dedup bench's data: the same customers, the same truth, the same measures.

    cargo run --release -p crm-benches --bin gen_people -- 100000 42 > /tmp/people.csv
    python -m venv /tmp/splink-venv && /tmp/splink-venv/bin/pip install splink==5.0.0
    /tmp/splink-venv/bin/python benches/python/splink_compare.py /tmp/people.csv

(100,000 records with seed 42 are the data `cargo run --release -p crm-benches --bin dedup --
100000` scans.) splink is not one of crm's dependencies: this script is for the comparison
only and needs nothing of crm.

The setup is splink's documented one for people, not tuned to this generator: light
cleaning that a data team would do (lower case, accents off, the last 9 digits of the phone,
the birth date when its year is known), `ForenameSurnameComparison` (swapped names, term
frequencies of the full name), `EmailComparison`, `DateOfBirthComparison`, edit distance on
the phone, exact postcode and city; blocking on the usual keys (names, swapped names, email,
phone, family name with birth date or postcode, given name with birth date, birthday with
initial); the prior from deterministic rules, `u` from random pairs, `m` by EM over two
blocking rules. Pairs at or above a match probability of 0.9 are matches, as at crm's
default threshold; clusters are splink's connected components at that threshold.
Precision, recall and F1 are over pairs of records, as the dedup bench counts them. Better
settings for this data surely exist; finding them needs the labels, which a user's data
does not have.
"""

from __future__ import annotations

import csv
import itertools
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

# splink is installed for this comparison only (see above), not in crm's environment.
import splink.comparison_library as cl  # type: ignore[import-not-found, unused-ignore]
from splink import Linker, SettingsCreator, block_on  # type: ignore[import-not-found, unused-ignore]
from splink.backends.duckdb import DuckDBAPI  # type: ignore[import-not-found, unused-ignore]
from splink.blocking_rule_library import CustomRule  # type: ignore[import-not-found, unused-ignore]

THRESHOLD = 0.9


def fold(s: str) -> str:
    """Lower case without accents (what a data team's cleaning step does)."""
    d = unicodedata.normalize("NFKD", s.strip().lower())
    return "".join(c for c in d if not unicodedata.combining(c)) or ""


def clean(row: dict[str, str], i: int) -> dict[str, str | None]:
    digits = "".join(c for c in row["phone"] if c.isdigit())
    birthday = row["birthday"]
    year_known = len(birthday) == 10 and not birthday.startswith("--")
    return {
        "unique_id": str(i),
        "cluster": row["cluster"],
        "first_name": fold(row["given_name"]) or None,
        "surname": fold(row["family_name"]) or None,
        "full_name": f"{fold(row['given_name'])} {fold(row['family_name'])}".strip() or None,
        "email": row["email"].strip().lower() or None,
        "phone": digits[-9:] or None,
        "dob": birthday if year_known else None,
        "birthday_md": birthday[-5:] if birthday else None,
        "postcode": row["postcode"].replace(" ", "").upper() or None,
        "city": fold(row["city"]) or None,
    }


def pair(a: object, b: object) -> tuple[str, str]:
    """A pair of record ids, the lower first."""
    x, y = sorted((str(a), str(b)), key=int)
    return (x, y)


def pairs_of(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    out = set()
    for members in groups.values():
        for a, b in itertools.combinations(members, 2):
            out.add(pair(a, b))
    return out


def score(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> str:
    tp = len(found & truth)
    p = tp / len(found) if found else 1.0
    r = tp / len(truth) if truth else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.4f} / {r:.4f} / {f1:.4f}"


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/people.csv")
    with source.open(newline="", encoding="utf-8") as f:
        rows = [clean(r, i) for i, r in enumerate(csv.DictReader(f))]
    truth_groups: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        truth_groups[str(r["cluster"])].append(str(r["unique_id"]))
    truth = pairs_of(truth_groups)

    with tempfile.TemporaryDirectory() as tmp:
        cleaned = Path(tmp) / "clean.csv"
        with cleaned.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
        start = time.perf_counter()
        db_api = DuckDBAPI()
        con = db_api.duckdb_con
        con.execute(
            f"CREATE TABLE people AS SELECT * FROM read_csv('{cleaned}', all_varchar = true)"
        )
        df = db_api.register(con.table("people"))
        settings = SettingsCreator(
            link_type="dedupe_only",
            comparisons=[
                # Swapped names and term frequencies of the full name.
                cl.ForenameSurnameComparison(
                    "first_name", "surname", forename_surname_concat_col_name="full_name"
                ).configure(term_frequency_adjustments=True),
                cl.EmailComparison("email"),
                cl.LevenshteinAtThresholds("phone", [1, 2]),
                cl.DateOfBirthComparison("dob", input_is_string=True),
                cl.ExactMatch("postcode"),
                cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            ],
            blocking_rules_to_generate_predictions=[
                block_on("first_name", "surname"),
                CustomRule("l.first_name = r.surname and l.surname = r.first_name"),
                block_on("email"),
                block_on("phone"),
                block_on("surname", "dob"),
                block_on("surname", "postcode"),
                block_on("first_name", "dob"),
                block_on("birthday_md", "substr(surname, 1, 1)"),
            ],
            retain_intermediate_calculation_columns=False,
        )
        linker = Linker(df, settings, log_level=30)
        linker.training.estimate_probability_two_random_records_match(
            [block_on("email"), block_on("phone"), block_on("first_name", "surname", "dob")],
            recall=0.7,
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=5e6)
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("first_name", "surname")
        )
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
        predictions = linker.inference.predict(threshold_match_probability=THRESHOLD)
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=THRESHOLD
        )
        pair_rows = predictions.as_duckdbpyrelation().select("unique_id_l, unique_id_r").fetchall()
        cluster_rows = clusters.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall()
        elapsed = time.perf_counter() - start

    found_pairs = {pair(a, b) for a, b in pair_rows}
    found_groups: dict[str, list[str]] = defaultdict(list)
    for uid, cid in cluster_rows:
        found_groups[str(cid)].append(str(uid))
    print(f"splink {__import__('splink').__version__} (DuckDB), {len(rows)} records, {len(truth)} true pairs")
    print("| records | pairs P / R / F1 | clustered P / R / F1 | total |")
    print("|---:|---|---|---:|")
    print(
        f"| {len(rows)} | {score(found_pairs, truth)} | {score(pairs_of(found_groups), truth)} "
        f"| {elapsed:.1f} s |"
    )


if __name__ == "__main__":
    main()
