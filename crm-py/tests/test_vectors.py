"""Runs every case of crm-core/testdata/vectors.json (shared with the Rust and JS suites)."""

from __future__ import annotations

from typing import Any, cast

import pytest

import crm
from conftest import T0, load_vectors

VECTORS = load_vectors()
CASES: list[dict[str, Any]] = VECTORS["cases"]


def test_vector_file_is_the_version_we_read() -> None:
    assert VECTORS["version"] == 1
    assert len(CASES) >= 20


def customer_field(c: crm.Customer, key: str) -> Any:
    """The value of an 'expect' key of a customer, in the vectors' terms."""
    if key == "phones":
        return [p.e164 for p in c.phones]
    if key == "tags":
        return sorted(c.tags)
    return getattr(c, key)


def interaction_field(i: crm.Interaction, key: str) -> Any:
    if key == "purchase_total_minor":
        return i.purchase.total_minor if i.purchase else None
    if key == "purchase_currency":
        return i.purchase.currency if i.purchase else None
    if key == "case_opened":
        return i.case_id is not None
    return getattr(i, key)


def duplicates_result(result: object, names: dict[str, str]) -> dict[str, Any]:
    """A scan or check in the vectors' terms: customers by name, every list sorted."""
    alias = {v: k for k, v in names.items()}
    if isinstance(result, list):
        found = cast("list[crm.DuplicateCandidate]", result)
        return {"candidates": sorted([alias.get(c["id"], c["id"]), c["decision"]] for c in found)}
    scan = cast("crm.CustomerDuplicateScan", result)
    return {
        "groups": sorted(sorted(alias.get(m, m) for m in g["members"]) for g in scan["groups"]),
        "pairs": sorted(
            [*sorted([alias.get(p["left"], p["left"]), alias.get(p["right"], p["right"])]), p["decision"]]
            for p in scan["pairs"]
        ),
    }


def run_step(book: crm.Crm, names: dict[str, str], step: dict[str, Any]) -> object:
    op = step["op"]
    who = names.get(step.get("customer", ""), step.get("customer", ""))
    if op == "find_duplicates":
        return book.find_duplicates(crm.MatchConfig(**step.get("config", {})))
    if op == "check_duplicates":
        return book.check_duplicates(step["input"], crm.MatchConfig(**step.get("config", {})))
    if op == "create_customer":
        return book.create_customer(**step["input"])
    if op == "update_customer":
        return book.update_customer(who, **step["input"])
    if op == "change_stage":
        return book.change_stage(who, step["stage"], reason=step.get("reason"))
    if op == "log_interaction":
        return book.log_interaction(who, **step["input"])
    raise AssertionError(f"unknown op {op!r}")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vector(case: dict[str, Any]) -> None:
    book = crm.Crm(clock=crm.FixedClock(T0), seed=42, default_region=case.get("default_region"))
    names: dict[str, str] = {}
    for n, step in enumerate(case["steps"]):
        where = f"step {n} ({step['op']})"
        if step["op"] == "count":
            assert len(book) == step["expect"], where
            continue
        if "error" in step:
            count, events = len(book), len(book.events())
            with pytest.raises(crm.CrmError) as info:
                run_step(book, names, step)
            assert info.value.code == step["error"]["code"], where
            if "field" in step["error"]:
                assert info.value.field == step["error"]["field"], where
            assert len(book) == count, f"{where}: a failed step added a customer"
            assert len(book.events()) == events, f"{where}: a failed step recorded events"
            continue
        result = run_step(book, names, step)
        if isinstance(result, crm.Customer) and "as" in step:
            names[step["as"]] = result.id
        if step["op"] in ("find_duplicates", "check_duplicates"):
            got_all = duplicates_result(result, names)
            for key, want in step["expect"].items():
                assert got_all[key] == want, f"{where}: {key}"
            continue
        for key, want in step.get("expect", {}).items():
            if isinstance(result, crm.Customer):
                got = customer_field(result, key)
            else:
                assert isinstance(result, crm.Interaction), where
                got = interaction_field(result, key)
            assert got == want, f"{where}: {key}"
