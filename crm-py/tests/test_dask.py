"""crm.dask: the same duplicate groups on a two-worker dask.distributed LocalCluster as the
single-process scan, on a generated table of a few thousand customers."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

import crm
from crm.dask import find_duplicates_dask, link_groups

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

GIVEN = [
    "Anna", "Robert", "Elizabeth", "William", "Maria", "Jose", "Wei", "Fatima", "Olga", "Pierre",
    "Hannah", "Lukas", "Sofia", "Mateo", "Aisha", "Kenji", "Ingrid", "Tomasz", "Chloe", "Ahmed",
    "Katherine", "Michael", "Margaret", "James", "Giulia", "Nikolai", "Priya", "Sean", "Lucia", "Emre",
]
NICK = {"Robert": "Bob", "Elizabeth": "Liz", "William": "Bill", "Katherine": "Kate", "Michael": "Mike",
        "Margaret": "Peggy", "James": "Jim"}
FAMILY = [
    "Smith", "Nowak", "Garcia", "Chen", "Okafor", "Schmidt", "Rossi", "Dubois", "Kowalski", "Tanaka",
    "Johansson", "Petrov", "Haddad", "Oliveira", "Murphy", "Novak", "Yilmaz", "Kim", "Andersen", "Silva",
    "Fischer", "Moreau", "Romano", "Ivanova", "Sato", "Walsh", "Costa", "Lindqvist", "Horvat", "Mendes",
    "Baptiste", "Okonkwo", "Brennan", "Castillo", "Hartmann", "Lefebvre", "Marino", "Nakamura", "Quinn", "Varga",
]
TOWNS = [("Berlin", "10115"), ("Lyon", "69001"), ("Krakow", "30-001"), ("Porto", "4000-001"), ("Leeds", "LS1 1AA")]


def typo(rng: random.Random, s: str) -> str:
    """One character swapped with its neighbour (never the first)."""
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 1)
    return s[:i] + s[i + 1] + s[i] + s[i + 2 :]


def people(n: int, seed: int = 7) -> pd.DataFrame:
    """`n` customers, about a fifth of them duplicates of another with a nickname, a typo,
    swapped names, a changed email case or phone format, or a missing field; indexed by a
    string id."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []

    def original(i: int) -> dict[str, Any]:
        g, f = rng.choice(GIVEN), rng.choice(FAMILY)
        town, post = rng.choice(TOWNS)
        row: dict[str, Any] = {
            "given_name": g,
            "family_name": f,
            "emails": [f"{g.lower()}.{f.lower()}{i}@example.com"],
            "phones": [f"+44 20 7946 {i:04d}"] if rng.random() < 0.7 else [],
            "birthday": f"{1940 + rng.randrange(60)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
            if rng.random() < 0.6
            else None,
            "addresses": [{"lines": [f"{1 + rng.randrange(90)} High Street"], "locality": town, "postal_code": post}]
            if rng.random() < 0.5
            else [],
        }
        return row

    def variant(row: dict[str, Any]) -> dict[str, Any]:
        out = dict(row)
        kind = rng.randrange(6)
        if kind == 0 and out["given_name"] in NICK:
            out["given_name"] = NICK[out["given_name"]]
        elif kind == 1:
            out["family_name"] = typo(rng, out["family_name"])
        elif kind == 2:
            out["given_name"], out["family_name"] = out["family_name"], out["given_name"]
        elif kind == 3:
            out["emails"] = [e.upper() for e in out["emails"]]
            out["phones"] = [p.replace(" ", "") for p in out["phones"]]
        elif kind == 4:
            # The email dropped, unless it is the only contact data.
            out["emails"] = [] if out["phones"] else row["emails"]
        else:
            out["given_name"] = typo(rng, out["given_name"])
        return out

    i = 0
    while len(rows) < n:
        row = original(i)
        rows.append(row)
        i += 1
        while rng.random() < 0.25 and len(rows) < n:
            rows.append(variant(row))
    rng.shuffle(rows)
    frame = pd.DataFrame(rows)
    frame.index = pd.Index([f"c{k:05d}" for k in range(len(frame))], name="id")
    return frame


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # Keep list-valued columns (phones, addresses) as Python objects, not strings.
    dask = pytest.importorskip("dask")
    with dask.config.set({"dataframe.convert-string": False}), distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as c:
        yield c


def single_process_groups(frame: pd.DataFrame, config: crm.MatchConfig | None = None) -> list[list[str]]:
    scan = crm.find_duplicates(frame, config)
    ids = frame.index.tolist()
    groups = [sorted(ids[m] for m in g["members"]) for g in scan["groups"]]
    return sorted(groups, key=lambda g: g[0])


def test_dask_finds_the_same_groups_as_one_process(client: Any) -> None:
    frame = people(3000)
    expected = single_process_groups(frame)
    assert len(expected) > 300, "the data has duplicates to find"
    assert any(len(g) > 2 for g in expected), "and groups of more than two"
    ddf = dd.from_pandas(frame, npartitions=4)
    groups = find_duplicates_dask(ddf, npartitions=16)
    assert groups == expected


def test_a_configuration_reaches_the_workers(client: Any) -> None:
    frame = people(600, seed=11)
    config = crm.MatchConfig(0.99, rules=["email=exact"], rule_mode="rules_only", max_block=20)
    expected = single_process_groups(frame, config)
    assert expected != single_process_groups(frame)
    assert find_duplicates_dask(dd.from_pandas(frame, npartitions=2), config) == expected


def test_an_index_that_is_not_unique_is_refused(client: Any) -> None:
    frame = people(20)
    frame.index = pd.Index(["same"] * len(frame))
    with pytest.raises(ValueError, match="unique index"):
        find_duplicates_dask(dd.from_pandas(frame, npartitions=2))


def test_link_groups_joins_through_shared_records() -> None:
    assert link_groups([("b", "c"), ("a", "b"), ("x", "y"), ("c", "a")]) == [["a", "b", "c"], ["x", "y"]]
    assert link_groups([]) == []
