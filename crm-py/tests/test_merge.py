"""Merging duplicates: merge_preview, merge, unmerge and merged_into convert to and from the
core; the rules are the core's (crm-core/src/merge.rs)."""

from __future__ import annotations

import json
from datetime import timedelta
from collections.abc import Callable

import pytest

import crm


def pair(book: crm.Crm) -> tuple[crm.Customer, crm.Customer]:
    ada = book.create_customer(given_name="Ada", family_name="Lovelace", emails=["ada@example.com"], stage="lead")
    dup = book.create_customer(
        emails=["Ada.L@example.org"],
        tags=["vip"],
        company="Analytical Engines",
        stage="customer",
        attributes={"tier": "gold"},
    )
    book.log_interaction(dup.id, channel="email", direction="inbound", kind="inquiry")
    return ada, dup


def test_preview_shows_the_merged_customer_and_changes_nothing(book: crm.Crm) -> None:
    ada, dup = pair(book)
    events = len(book.events())
    p = book.merge_preview(ada.id, [dup.id])
    assert p.customer.id == ada.id
    assert p.customer.emails == ["ada@example.com", "ada.l@example.org"]
    assert p.customer.stage == "customer"
    assert p.customer.tags == ["vip"]
    assert p.absorbed == [dup.id]
    assert p.moved.to_dict() == {
        "interactions": 1,
        "purchases": 0,
        "cases": 0,
        "follow_ups": 0,
        "pending_follow_ups": 0,
        "stage_changes": 1,
    }
    company = next(f for f in p.fields if f.field == "company")
    assert (company.rule, company.source, company.customer_ids) == ("first_non_empty", "record", [dup.id])
    assert "FieldChoice(field='company'" in repr(company)
    assert len(book.events()) == events
    assert len(book) == 2

    plan: crm._crm._MergePlan = {
        "default": "most_recent",
        "fields": {"company": {"value": "ACME"}, "attributes.tier": "most_complete", "stage": {"record": ada.id}},
    }
    q = book.merge_preview(ada.id, [dup.id], plan)
    assert q.customer.company == "ACME"
    assert q.customer.stage == "lead"
    assert next(f for f in q.fields if f.field == "company").source == "explicit"


def test_a_preview_with_the_merges_actor_equals_the_merge(book: crm.Crm, clock: crm.FixedClock) -> None:
    dup = book.create_customer(emails=["ada.l@example.org"], stage="customer")
    clock.advance(timedelta(hours=1))
    ada = book.create_customer(given_name="Ada", emails=["ada@example.com"], stage="lead")
    p = book.merge_preview(ada.id, [dup.id], actor="sam")
    # The furthest stage is not the last entered: the merge enters it, by its actor.
    assert p.customer.stage_history[-1].actor == "sam"
    book.merge(ada.id, [dup.id], actor="sam")
    assert p.customer == book.customer(ada.id)


def test_merge_and_unmerge_round_trip_through_the_journal(book: crm.Crm) -> None:
    ada, dup = pair(book)
    out = book.merge(ada.id, [dup.id], reason="same person", scores={"total": 0.97, "email": "exact"}, actor="sam")
    assert out.survivor_id == ada.id
    assert out.absorbed == [dup.id]
    assert out.seq == len(book.events())
    assert out.moved.interactions == 1
    assert len(book) == 1
    assert book.merged_into(dup.id) == ada.id
    assert book.merged_into(ada.id) is None
    found = book.find_by_email("ada.l@example.org")
    assert found is not None and found.id == ada.id
    last = json.loads(book.events_json().splitlines()[-1])
    assert last["event"]["type"] == "customers_merged"
    assert last["event"]["merge"]["scores"] == {"total": 0.97, "email": "exact"}
    assert last["actor"] == "sam"

    with pytest.raises(crm.NotFoundError) as info:
        book.customer(dup.id)
    assert (info.value.code, info.value.field, info.value.value) == ("merged", "id", dup.id)
    assert ada.id in str(info.value)

    book.update_customer(ada.id, company="Lovelace Ltd")
    undo = book.unmerge(out.merge_id, reason="two people", actor="sam")
    assert undo.restored == [dup.id]
    assert undo.kept == ["company"]
    assert undo.moved == out.moved
    assert len(book) == 2
    assert book.customer(ada.id).company == "Lovelace Ltd"
    assert book.customer(ada.id).tags == []
    assert book.customer(dup.id).company == "Analytical Engines"
    assert len(book.timeline(dup.id)) == 1
    assert crm.Crm.replay(book.events_json()) == book
    assert "UnmergeOutcome(" in repr(undo)


def test_bad_merges_raise_typed_errors_and_change_nothing(book: crm.Crm) -> None:
    ada, dup = pair(book)
    events = len(book.events())

    def fails(exc: type[crm.CrmError], code: str, field: str, call: Callable[[], object]) -> None:
        with pytest.raises(exc) as info:
            call()
        assert (info.value.code, info.value.field) == (code, field), str(info.value)

    fails(crm.ValidationError, "invalid_value", "others[0]", lambda: book.merge(ada.id, [ada.id]))
    fails(crm.ValidationError, "invalid_value", "others[1]", lambda: book.merge(ada.id, [dup.id, dup.id]))
    fails(crm.ValidationError, "invalid_value", "others", lambda: book.merge(ada.id, []))
    fails(crm.ValidationError, "invalid_value", "others[0]", lambda: book.merge(ada.id, ["nope"]))
    fails(
        crm.ValidationError,
        "invalid_value",
        "plan.fields.name",
        lambda: book.merge(ada.id, [dup.id], plan={"fields": {"name": "union"}}),
    )
    fails(
        crm.ValidationError,
        "invalid_email",
        "plan.fields.emails[0]",
        lambda: book.merge(ada.id, [dup.id], plan={"fields": {"emails": {"value": ["bad"]}}}),
    )
    fails(
        crm.ValidationError,
        "invalid_value",
        "plan",
        lambda: book.merge_preview(ada.id, [dup.id], {"feilds": {}}),  # type: ignore[arg-type]
    )
    fails(crm.ValidationError, "invalid_value", "scores", lambda: book.merge(ada.id, [dup.id], scores={1, 2}))
    # Nested deeper than the journal reads back (it was written, and the replay failed).
    deep: object = 1
    for _ in range(70):
        deep = [deep]
    fails(crm.ValidationError, "invalid_value", "scores", lambda: book.merge(ada.id, [dup.id], scores=deep))
    assert len(book.events()) == events

    out = book.merge(ada.id, [dup.id])
    fails(crm.NotFoundError, "merged", "survivor", lambda: book.merge(dup.id, [ada.id]))
    book.unmerge(out.merge_id)
    fails(crm.ValidationError, "invalid_value", "merge", lambda: book.unmerge(out.merge_id))
    fails(crm.NotFoundError, "not_found", "id", lambda: book.unmerge("0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11"))
    with pytest.raises(TypeError):
        book.merge(ada.id, [dup.id], plan="most_recent")  # type: ignore[arg-type]


def test_the_merges_of_a_customer_give_the_id_to_undo_after_a_reload(book: crm.Crm) -> None:
    survivor, other = pair(book)
    book.merge(survivor.id, [other.id], reason="same person", actor="sam")
    # The outcome is gone (a reload): the book says which merge absorbed the customer.
    again = crm.Crm.replay(book.events())
    (info,) = again.merges(other.id)
    assert again.merges(survivor.id) == [info] == again.merges()
    assert (info.survivor_id, info.absorbed, info.reason, info.actor) == (survivor.id, [other.id], "same person", "sam")
    assert info.undone_at is None and info.at.tzinfo is not None
    again.unmerge(info.merge_id)
    assert again.merges(other.id)[0].undone_at is not None
    assert again.merges(again.create_customer(given_name="Zed").id) == []
