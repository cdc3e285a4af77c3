"""The duplicate guard: a book that checks every new customer (create, checked create and
import) and warns, blocks or merges on a match."""

from __future__ import annotations

from typing import Any

import pytest

import crm

ADA: dict[str, Any] = {
    "given_name": "Ada",
    "family_name": "Lovelace",
    "phones": [("+44 20 7946 0018", "mobile")],
}
ADA_AGAIN: dict[str, Any] = {
    "given_name": "Augusta Ada",
    "family_name": "Lovelace",
    "phones": [("+44 (0)20 7946 0018", "mobile")],
    "emails": ["ada@analytical.example"],
}


def test_no_guard_by_default_and_it_can_be_set_and_cleared() -> None:
    book = crm.Crm(seed=1)
    assert book.duplicate_guard is None
    config = crm.MatchConfig(0.95)
    book.set_duplicate_guard(config, "block")
    guard = book.duplicate_guard
    assert guard is not None
    assert guard == (config, "block")
    book.set_duplicate_guard(crm.MatchConfig())
    assert book.duplicate_guard == (crm.MatchConfig(), "warn")
    book.set_duplicate_guard(None)
    assert book.duplicate_guard is None


def test_an_unknown_policy_is_a_validation_error() -> None:
    book = crm.Crm(seed=1)
    with pytest.raises(crm.ValidationError) as info:
        book.set_duplicate_guard(crm.MatchConfig(), "ignore")  # type: ignore[arg-type]
    assert info.value.field == "on_duplicate"
    assert book.duplicate_guard is None


def test_block_refuses_with_the_existing_id() -> None:
    book = crm.Crm(seed=1)
    first = book.create_customer(**ADA).id
    book.set_duplicate_guard(crm.MatchConfig(), "block")
    for create in (book.create_customer, book.create_customer_checked):
        with pytest.raises(crm.ConflictError) as info:
            create(**ADA_AGAIN)
        err = info.value
        assert (err.code, err.kind, err.field, err.value) == ("duplicate", "conflict", "customer", first)
    assert len(book) == 1
    # Someone else goes through.
    checked = book.create_customer_checked(given_name="Charles", family_name="Babbage")
    assert checked == {"id": checked["id"], "candidates": [], "merged_into": None}
    assert len(book) == 2


def test_warn_creates_and_reports_the_candidates() -> None:
    book = crm.Crm(seed=1)
    book.set_duplicate_guard(crm.MatchConfig())
    first = book.create_customer(**ADA).id
    checked: crm.CheckedCreate = book.create_customer_checked(**ADA_AGAIN)
    assert checked["id"] != first
    assert checked["merged_into"] is None
    top = checked["candidates"][0]
    assert (top["id"], top["decision"]) == (first, "match")
    assert top["probability"] >= 0.9
    assert set(checked["candidates"][0]["explanation"]) >= {"fields", "probability", "decision"}
    assert len(book) == 2


def test_merge_folds_the_record_into_the_match() -> None:
    book = crm.Crm(seed=1)
    book.set_duplicate_guard(crm.MatchConfig(), "merge")
    first = book.create_customer(**ADA).id
    checked = book.create_customer_checked(**ADA_AGAIN)
    assert checked["merged_into"] == first
    assert checked["id"] == first
    assert len(book) == 1
    assert "ada@analytical.example" in book.customer(first).emails


def test_without_a_guard_the_checked_create_finds_nothing() -> None:
    book = crm.Crm(seed=1)
    book.create_customer(**ADA)
    checked = book.create_customer_checked(**ADA_AGAIN)
    assert checked["candidates"] == [] and checked["merged_into"] is None
    assert len(book) == 2


def test_import_under_block_rejects_the_duplicate_row() -> None:
    book = crm.Crm(seed=1)
    first = book.create_customer(**ADA).id
    book.set_duplicate_guard(crm.MatchConfig(), "block")
    report = book.import_customers([{"given_name": "Grace", "family_name": "Hopper"}, ADA_AGAIN])
    assert len(report.created) == 1
    [err] = report.rejected
    assert isinstance(err, crm.ConflictError)
    assert (err.code, err.row, err.value) == ("duplicate", 2, first)
    assert len(book) == 2


def test_import_under_warn_reports_the_duplicates_by_row() -> None:
    book = crm.Crm(seed=1)
    first = book.create_customer(**ADA).id
    book.set_duplicate_guard(crm.MatchConfig(), "warn")
    report = book.import_customers([{"given_name": "Grace", "family_name": "Hopper"}, ADA_AGAIN])
    assert len(report.created) == 2 and report.rejected == []
    [(row, checked)] = report.duplicates
    assert row == 2
    assert checked["id"] == report.created[1]
    assert checked["candidates"][0]["id"] == first
    assert checked["merged_into"] is None
    assert crm.Crm(seed=1).import_customers([ADA]).duplicates == []


@pytest.mark.parametrize("policy", ["warn", "merge"])
def test_load_frame_reports_what_the_guard_found_by_frame_row(policy: str) -> None:
    pd = pytest.importorskip("pandas")
    book = crm.Crm(seed=1)
    first = book.create_customer(**ADA).id
    book.set_duplicate_guard(crm.MatchConfig(), policy)  # type: ignore[arg-type]
    frame = pd.DataFrame(
        {
            "first_name": ["Grace", "", "Augusta Ada"],
            "last_name": ["Hopper", "", "Lovelace"],
            "phone": ["", "", "+44 (0)20 7946 0018"],
            "email": ["", "", "ada@analytical.example"],
        }
    )
    report = book.load_frame(frame)
    assert (report.accepted, report.rejected) == (2, 1)
    assert list(report.duplicates.columns) == list(crm._frames.DUPLICATE_COLUMNS)
    [dup] = report.duplicates.to_dict("records")
    assert (dup["row"], dup["candidate"], dup["decision"]) == (2, first, "match")
    assert dup["probability"] >= 0.9
    assert dup["merged"] == (policy == "merge")
    ids = dict(zip(report.ids["row"], report.ids["id"]))
    assert (ids[2] == first) == (policy == "merge")
    book.set_duplicate_guard(None)
    assert len(book.load_frame(frame.iloc[2:]).duplicates) == 0


def test_merge_takes_a_row_known_only_by_the_matchs_email() -> None:
    book = crm.Crm(seed=1)
    ada = book.create_customer(
        given_name="Ada", family_name="Lovelace", emails=["ada@example.com"], birthday="1815-12-10"
    ).id
    book.set_duplicate_guard(crm.MatchConfig(), "merge")
    checked = book.create_customer_checked(emails=["ADA@example.com"], birthday="1815-12-10", tags=["newsletter"])
    assert checked["merged_into"] == ada
    assert "newsletter" in book.customer(ada).tags
    # Undone, the row would stand alone with nothing to be known by: refused, nothing changes.
    (info,) = book.merges(ada)
    with pytest.raises(crm.ValidationError) as err:
        book.unmerge(info.merge_id)
    assert err.value.field == "merge"
    assert len(book) == 1
