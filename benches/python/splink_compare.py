"""splink on the dedup bench's data: the same customers, the same truth, the same measures.

    cargo run --release -p crm-benches --bin gen_people -- 100000 42 > /tmp/people.csv
    python -m venv /tmp/splink-venv && /tmp/splink-venv/bin/pip install splink==5.0.0
    /tmp/splink-venv/bin/python benches/python/splink_compare.py /tmp/people.csv
    /tmp/splink-venv/bin/python benches/python/splink_compare.py --febrl target/febrl/csv
    /tmp/splink-venv/bin/python benches/python/splink_compare.py --fake fake_1000.csv
    /tmp/splink-venv/bin/python benches/python/splink_compare.py --rldata target/rldata/tsv

(`--febrl DIR`: the four FEBRL data sets, which `.venv/bin/python benches/python/febrl.py`
downloads to `target/febrl/csv` and scans with crm; splink sees the same fields crm does:
names, address, date of birth, not `soc_sec_id`. `--fake FILE`: splink's own tutorial data,
fake_1000, which `benches/python/fake_1000.py` scans with crm; see there where to get it.
`--rldata DIR`: RLdata500 and RLdata10000, which `.venv/bin/python benches/python/rldata.py`
downloads to `target/rldata/tsv` and scans with crm: names and date of birth only.)

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
from typing import Any, Optional

# splink is installed for this comparison only (see above), not in crm's environment.
import splink  # type: ignore[import-not-found, unused-ignore]
import splink.comparison_library as cl  # type: ignore[import-not-found, unused-ignore]
from splink import Linker, SettingsCreator, block_on  # type: ignore[import-not-found, unused-ignore]
from splink.backends.duckdb import DuckDBAPI  # type: ignore[import-not-found, unused-ignore]
from splink.blocking_rule_library import CustomRule  # type: ignore[import-not-found, unused-ignore]

THRESHOLD = 0.9

# A cleaned record: column name to value (None for missing).
Row = dict[str, Optional[str]]


def fold(s: str) -> str:
    """Lower case without accents (what a data team's cleaning step does)."""
    d = unicodedata.normalize("NFKD", s.strip().lower())
    return "".join(c for c in d if not unicodedata.combining(c)) or ""


def clean(row: dict[str, str], i: int) -> Row:
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


def run_splink(
    rows: list[Row],
    comparisons: list[Any],
    blocking: list[Any],
    prior_rules: list[Any],
    em_rules: list[Any],
) -> tuple[set[tuple[str, str]], set[tuple[str, str]], float]:
    """splink's matched pairs, the pairs within its clusters, and the seconds it took."""
    with tempfile.TemporaryDirectory() as tmp:
        cleaned = Path(tmp) / "clean.csv"
        with cleaned.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=[k for k in rows[0] if k != "cluster"], extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
        start = time.perf_counter()
        db_api = DuckDBAPI()
        con = db_api.duckdb_con
        con.execute(f"CREATE TABLE people AS SELECT * FROM read_csv('{cleaned}', all_varchar = true)")
        settings = SettingsCreator(
            link_type="dedupe_only",
            comparisons=comparisons,
            blocking_rules_to_generate_predictions=blocking,
            retain_intermediate_calculation_columns=False,
        )
        linker = Linker(db_api.register(con.table("people")), settings, log_level=30)
        linker.training.estimate_probability_two_random_records_match(prior_rules, recall=0.7)
        linker.training.estimate_u_using_random_sampling(max_pairs=5e6)
        for rule in em_rules:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        predictions = linker.inference.predict(threshold_match_probability=THRESHOLD)
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=THRESHOLD
        )
        pair_rows = predictions.as_duckdbpyrelation().select("unique_id_l, unique_id_r").fetchall()
        cluster_rows = clusters.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall()
        elapsed = time.perf_counter() - start
    groups: dict[str, list[str]] = defaultdict(list)
    for uid, cid in cluster_rows:
        groups[str(cid)].append(str(uid))
    return {pair(a, b) for a, b in pair_rows}, pairs_of(groups), elapsed


def report(
    what: str,
    rows: list[Row],
    truth: set[tuple[str, str]],
    found: tuple[set[tuple[str, str]], set[tuple[str, str]], float],
) -> None:
    """Prints one data set's table: `found` is what `run_splink` returns."""
    pairs, clustered, elapsed = found
    print(f"splink {splink.__version__} (DuckDB){what}, {len(rows)} records, {len(truth)} true pairs")
    print("| records | pairs P / R / F1 | clustered P / R / F1 | total |")
    print("|---:|---|---|---:|")
    print(f"| {len(rows)} | {score(pairs, truth)} | {score(clustered, truth)} | {elapsed:.1f} s |")


def truth_of(rows: list[Row]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        groups[str(r["cluster"])].append(str(r["unique_id"]))
    return pairs_of(groups)


def names() -> Any:
    """The names: swapped names, and term frequencies of the full name."""
    return cl.ForenameSurnameComparison(
        "first_name", "surname", forename_surname_concat_col_name="full_name"
    ).configure(term_frequency_adjustments=True)


def name_blocking() -> list[Any]:
    """Records with the same names, in either order."""
    return [
        block_on("first_name", "surname"),
        CustomRule("l.first_name = r.surname and l.surname = r.first_name"),
    ]


def generator(path: Path) -> None:
    """The dedup bench's customers (gen_people's CSV)."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = [clean(r, i) for i, r in enumerate(csv.DictReader(f))]
    truth = truth_of(rows)
    pairs, clustered, elapsed = run_splink(
        rows,
        comparisons=[
            names(),
            cl.EmailComparison("email"),
            cl.LevenshteinAtThresholds("phone", [1, 2]),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        ],
        blocking=[
            *name_blocking(),
            block_on("email"),
            block_on("phone"),
            block_on("surname", "dob"),
            block_on("surname", "postcode"),
            block_on("first_name", "dob"),
            block_on("birthday_md", "substr(surname, 1, 1)"),
        ],
        prior_rules=[block_on("email"), block_on("phone"), block_on("first_name", "surname", "dob")],
        em_rules=[block_on("first_name", "surname"), block_on("dob")],
    )
    report("", rows, truth, (pairs, clustered, elapsed))


FEBRL_SETS = {"1": ["dataset1.csv"], "2": ["dataset2.csv"], "3": ["dataset3.csv"], "4": ["dataset4a.csv", "dataset4b.csv"]}


def febrl_rows(paths: list[Path]) -> list[Row]:
    """A FEBRL data set with the fields crm's FEBRL bench uses (no soc_sec_id), cleaned."""
    raw: list[dict[str, str]] = []
    for path in paths:
        with path.open(newline="") as f:
            raw += [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]
    rows: list[Row] = []
    for i, r in enumerate(raw):
        dob = r["date_of_birth"]
        rows.append({
            "unique_id": str(i),
            "cluster": r["rec_id"].split("-")[1],
            "first_name": fold(r["given_name"]) or None,
            "surname": fold(r["surname"]) or None,
            "full_name": f"{fold(r['given_name'])} {fold(r['surname'])}".strip() or None,
            "dob": f"{dob[:4]}-{dob[4:6]}-{dob[6:]}" if len(dob) == 8 else None,
            "street": fold(f"{r['street_number']} {r['address_1']}") or None,
            "address_2": fold(r["address_2"]) or None,
            "suburb": fold(r["suburb"]) or None,
            "postcode": r["postcode"] or None,
            "state": fold(r["state"]) or None,
        })
    return rows


def febrl(where: Path) -> None:
    """The four FEBRL data sets, as benches/python/febrl.py reads them for crm."""
    print(f"splink {splink.__version__} (DuckDB) on FEBRL (names, address, date of birth)")
    print("| data set | records | true pairs | pairs P / R / F1 | clustered P / R / F1 | total |")
    print("|---|---:|---:|---|---|---:|")
    for name, files in FEBRL_SETS.items():
        rows = febrl_rows([where / f for f in files])
        truth = truth_of(rows)
        pairs, clustered, elapsed = run_splink(
            rows,
            comparisons=[
                names(),
                cl.DateOfBirthComparison("dob", input_is_string=True),
                cl.LevenshteinAtThresholds("street", [1, 2]),
                cl.LevenshteinAtThresholds("address_2", [1, 2]),
                cl.JaroWinklerAtThresholds("suburb", [0.92, 0.88]).configure(term_frequency_adjustments=True),
                cl.LevenshteinAtThresholds("postcode", [1, 2]),
                cl.ExactMatch("state"),
            ],
            blocking=[
                *name_blocking(),
                block_on("surname", "dob"),
                block_on("first_name", "dob"),
                block_on("postcode", "first_name"),
                block_on("postcode", "surname"),
                block_on("street"),
            ],
            prior_rules=[block_on("first_name", "surname", "dob"), block_on("street", "postcode")],
            em_rules=[block_on("first_name", "surname"), block_on("dob"), block_on("postcode")],
        )
        print(
            f"| {name} | {len(rows)} | {len(truth)} | {score(pairs, truth)} | {score(clustered, truth)} "
            f"| {elapsed:.1f} s |"
        )


def fake_1000(path: Path) -> None:
    """splink's own tutorial data, as benches/python/fake_1000.py reads it for crm."""
    with path.open(newline="", encoding="utf-8") as f:
        rows: list[Row] = [
            {
                "unique_id": r["unique_id"],
                "cluster": r["group"] if "group" in r else r["cluster"],
                "first_name": fold(r["first_name"]) or None,
                "surname": fold(r["surname"]) or None,
                "full_name": f"{fold(r['first_name'])} {fold(r['surname'])}".strip() or None,
                "dob": r["dob"] or None,
                "city": fold(r["city"]) or None,
                "email": r["email"].strip().lower() or None,
            }
            for r in csv.DictReader(f)
        ]
    truth = truth_of(rows)
    pairs, clustered, elapsed = run_splink(
        rows,
        comparisons=[
            names(),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.EmailComparison("email"),
        ],
        blocking=[
            *name_blocking(),
            block_on("first_name", "dob"),
            block_on("surname"),
            block_on("email"),
            block_on("dob", "city"),
        ],
        prior_rules=[block_on("first_name", "surname", "dob"), block_on("email")],
        em_rules=[block_on("first_name", "surname"), block_on("dob")],
    )
    report(f" on {path.name}", rows, truth, (pairs, clustered, elapsed))


def rldata(where: Path) -> None:
    """RLdata500 and RLdata10000, as benches/python/rldata.py reads them for crm."""
    print(f"splink {splink.__version__} (DuckDB) on RLdata (names, date of birth)")
    print("| data set | records | true pairs | pairs P / R / F1 | clustered P / R / F1 | total |")
    print("|---|---:|---:|---|---|---:|")
    for name in ["RLdata500", "RLdata10000"]:
        with (where / f"{name}.tsv").open(newline="") as f:
            raw = list(csv.DictReader(f, delimiter="\t"))
        with (where / f"identity.{name}.tsv").open() as f:
            ids = [line.strip() for line in f][1:]

        def cell(r: dict[str, str], key: str) -> str:
            value = (r.get(key) or "").strip()
            return "" if value == "NA" else fold(value)

        rows: list[Row] = []
        for i, (r, person) in enumerate(zip(raw, ids)):
            first = " ".join(v for v in (cell(r, "fname_c1"), cell(r, "fname_c2")) if v)
            last = " ".join(v for v in (cell(r, "lname_c1"), cell(r, "lname_c2")) if v)
            try:
                dob: Optional[str] = f"{int(r['by']):04d}-{int(r['bm']):02d}-{int(r['bd']):02d}"
            except ValueError:
                dob = None
            rows.append({
                "unique_id": str(i),
                "cluster": person,
                "first_name": first or None,
                "surname": last or None,
                "full_name": f"{first} {last}".strip() or None,
                "dob": dob,
            })
        truth = truth_of(rows)
        pairs, clustered, elapsed = run_splink(
            rows,
            comparisons=[names(), cl.DateOfBirthComparison("dob", input_is_string=True)],
            blocking=[*name_blocking(), block_on("first_name", "dob"), block_on("surname", "dob")],
            prior_rules=[block_on("first_name", "surname"), block_on("surname", "dob"), block_on("first_name", "dob")],
            em_rules=[block_on("first_name", "surname"), block_on("dob")],
        )
        print(
            f"| {name} | {len(rows)} | {len(truth)} | {score(pairs, truth)} | {score(clustered, truth)} "
            f"| {elapsed:.1f} s |"
        )


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--febrl":
        febrl(Path(sys.argv[2]))
    elif len(sys.argv) > 2 and sys.argv[1] == "--fake":
        fake_1000(Path(sys.argv[2]))
    elif len(sys.argv) > 2 and sys.argv[1] == "--rldata":
        rldata(Path(sys.argv[2]))
    else:
        generator(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/people.csv"))


if __name__ == "__main__":
    main()
