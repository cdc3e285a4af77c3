"""Duplicate scans on people made with Faker: sheets and households this project never saw.

Faker (``pip install faker``; not a dependency of crm) writes names, emails, phone numbers,
addresses and dates of birth as eight countries write them (en_US, en_GB, de_DE, fr_FR,
es_ES, it_IT, nl_NL, pt_BR): phone numbers with extensions (``217-977-6317x066``),
addresses on several lines (``150 Anthony Plains\\nSouth Glendachester, VA 04307``,
``7, rue Giraud\\n03225 Saint Joséphine``). The script builds two tables from them, with the
truth, scans each with ``crm.find_duplicates`` as a data team would (a pandas frame with the
columns a contact export has) and prints precision, recall and F1 of the matched pairs and
of the pairs within the groups.

- ``sheet``: one row per person, and for a fifth of them one or two copies, each with three
  to five corruptions: a typo in a name, the email in capitals or left out, the phone
  number as digits only or left out, the address on one line or left out, the date of
  birth left out, or a new email, phone number or address. The name is one column
  (``name``); a date of birth is written as the person's country writes it half the time
  (``12/31/1990`` in the US, ``31.12.1990`` in Germany, ``31/12/1990`` elsewhere). There are
  no families: every row that is not a copy is another person.
- ``households``: homes of one to four people sharing a surname and an address, most of
  them a landline and some a family mailbox; children have dates of birth of their own.
  A fifth of the people have a copy with one or two light corruptions (a typo in a name,
  the email in capitals, the address on one line, the phone as digits). Family members are
  different people however much they share: this table measures how well a scan keeps
  them apart.

Faker's output depends on its version (40.54.0 gave the figures in the closing notes).
Run it from the repository root with the package installed::

    .venv/bin/pip install faker
    .venv/bin/python benches/python/faker_people.py [PEOPLE] [--seed N]
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import random
import time
from collections import defaultdict
from typing import Any, Callable

import pandas as pd

import crm
from febrl import outcome, prf

COUNTRIES = {
    "en_US": "US",
    "en_GB": "GB",
    "de_DE": "DE",
    "fr_FR": "FR",
    "es_ES": "ES",
    "it_IT": "IT",
    "nl_NL": "NL",
    "pt_BR": "BR",
}


class People:
    """Faker for every country, seeded, and the corruptions both tables use."""

    def __init__(self, seed: int) -> None:
        faker = importlib.import_module("faker")
        self.rng = random.Random(seed)
        self.fakers: dict[str, Any] = {}
        for i, locale in enumerate(COUNTRIES):
            self.fakers[locale] = faker.Faker(locale)
            self.fakers[locale].seed_instance(seed * 100 + i)

    def typo(self, s: str) -> str:
        """One character dropped, replaced or swapped with the next (not the first)."""
        if len(s) < 4:
            return s
        i, kind = self.rng.randrange(1, len(s) - 1), self.rng.random()
        if kind < 1 / 3:
            return s[:i] + s[i + 1 :]
        if kind < 2 / 3:
            return s[:i] + self.rng.choice("abcdefghijklmnopqrstuvwxyz") + s[i + 1 :]
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]

    def copies(self, row: dict[str, str], corruptions: Callable[[], int], new_values: bool) -> dict[str, str]:
        """A copy of `row` with some corruptions; with `new_values`, also a new email,
        phone number or address (the person moved or changed provider)."""
        copy, fake = dict(row), self.fakers[row["locale"]]
        for _ in range(corruptions()):
            kind = self.rng.randrange(10 if new_values else 6)
            field = ["first", "last", "email", "phone", "address", "dob", "email", "address", "phone", "email"][kind]
            if kind < 2:
                copy[field] = self.typo(copy[field])
            elif kind == 2:
                copy["email"] = copy["email"].upper() if self.rng.random() < 0.5 else ""
            elif kind == 3:
                digits = "".join(c for c in copy["phone"] if c.isdigit() or c == "+")
                copy["phone"] = digits if self.rng.random() < 0.5 else ""
            elif kind == 4:
                copy["address"] = copy["address"].replace("\n", ", ") if self.rng.random() < 0.5 else ""
            elif kind == 5:
                copy["dob"] = copy["dob"] if self.rng.random() < 0.5 else ""
            else:
                copy[field] = {"email": fake.email, "address": fake.address, "phone": fake.phone_number}[field]()
        return copy


def sheet(people: People, n: int) -> list[dict[str, str]]:
    """The ``sheet`` table: people with corrupted copies, no families."""
    rng, rows = people.rng, []
    for person in range(n):
        locale = rng.choice(list(COUNTRIES))
        fake = people.fakers[locale]
        row = {
            "person": str(person),
            "locale": locale,
            "first": fake.first_name(),
            "last": fake.last_name(),
            "email": fake.email(),
            "phone": fake.phone_number(),
            "address": fake.address(),
            "dob": fake.date_of_birth(minimum_age=18, maximum_age=90).isoformat(),
        }
        rows.append(row)
        if rng.random() < 0.2:
            for _ in range(rng.choice([1, 1, 1, 2])):
                rows.append(people.copies(row, lambda: rng.choice([3, 4, 5]), new_values=True))
    for row in rows:
        if row["dob"] and rng.random() < 0.5:
            year, month, day = row["dob"].split("-")
            country = COUNTRIES[row["locale"]]
            row["dob"] = {"US": f"{month}/{day}/{year}", "DE": f"{day}.{month}.{year}"}.get(
                country, f"{day}/{month}/{year}"
            )
    return rows


def households(people: People, n: int) -> list[dict[str, str]]:
    """The ``households`` table: homes of one to four people, and copies of a fifth."""
    rng, rows, person = people.rng, [], 0
    while person < n:
        locale = rng.choice(list(COUNTRIES))
        fake = people.fakers[locale]
        last, address, landline = fake.last_name(), fake.address(), fake.phone_number()
        family_mail = fake.email() if rng.random() < 0.3 else None
        for member in range(rng.choice([1, 1, 2, 2, 3, 4])):
            child = member >= 2
            row = {
                "person": str(person),
                "locale": locale,
                "first": fake.first_name(),
                "last": last,
                "email": family_mail if family_mail and rng.random() < 0.8 else fake.email(),
                "phone": landline if rng.random() < 0.7 else fake.phone_number(),
                "address": address,
                "dob": fake.date_of_birth(minimum_age=1 if child else 25, maximum_age=17 if child else 80).isoformat()
                if rng.random() < 0.5
                else "",
            }
            rows.append(row)
            if rng.random() < 0.2:
                rows.append(people.copies(row, lambda: rng.choice([1, 2]), new_values=False))
            person += 1
    return rows


def frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """The rows as a contact export's columns (empty cells missing)."""
    return pd.DataFrame(
        {
            "name": [f"{r['first']} {r['last']}" for r in rows],
            "email": [r["email"] or None for r in rows],
            "phone": [r["phone"] or None for r in rows],
            "address": [r["address"] or None for r in rows],
            "country": [COUNTRIES[r["locale"]] for r in rows],
            "date of birth": [r["dob"] or None for r in rows],
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("people", type=int, nargs="?", default=20_000, help="people per table (default 20000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print("| table | rows | true pairs | pairs P / R / F1 | clustered P / R / F1 | review (true) | time |")
    print("|---|---:|---:|---|---|---:|---:|")
    for name, build in {"sheet": sheet, "households": households}.items():
        rows = build(People(args.seed), args.people)
        random.Random(args.seed).shuffle(rows)
        same: defaultdict[str, list[int]] = defaultdict(list)
        for i, row in enumerate(rows):
            same[row["person"]].append(i)
        truth = {pair for members in same.values() for pair in itertools.combinations(members, 2)}
        started = time.perf_counter()
        scan = crm.find_duplicates(frame(rows))
        elapsed = time.perf_counter() - started
        matched, review, grouped = outcome(scan)
        print(
            f"| {name} | {len(rows)} | {len(truth)} | {prf(matched, truth)} | {prf(grouped, truth)} "
            f"| {len(review)} ({len(review & truth)}) | {elapsed:.2f} s |"
        )


if __name__ == "__main__":
    main()
