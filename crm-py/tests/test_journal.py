"""The journal: events as JSON Lines and dicts, replay, and equality of books."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

import crm
from conftest import T0


def busy_book(book: crm.Crm, clock: crm.FixedClock) -> crm.Crm:
    ada = book.create_customer(
        given_name="Ada",
        family_name="Lovelace",
        emails=["ada@example.com"],
        phones=["+44 20 7946 0018"],
        birthday="--12-10",
        attributes={"score": 9.5},
        tags=["vip"],
    )
    clock.advance(timedelta(hours=1))
    book.update_customer(ada.id, company="Analytical Engines", add_tags=["newsletter"])
    book.change_stage(ada.id, "opportunity", actor="sam")
    c = book.log_interaction(ada.id, channel="email", direction="inbound", kind="complaint", subject="Late")
    assert c.case_id is not None
    clock.advance(timedelta(days=1))
    book.resolve_case(c.case_id, "Apologised", actor="sam")
    book.log_interaction(
        ada.id, channel="in_person", direction="inbound", kind="sale", purchase={"currency": "GBP", "amount_minor": 999}
    )
    return book


def test_events_as_json_lines_and_dicts(book: crm.Crm, clock: crm.FixedClock) -> None:
    busy_book(book, clock)
    lines = book.events_json().splitlines()
    events = book.events()
    assert len(lines) == len(events) == 8
    assert [json.loads(line) for line in lines] == events
    assert [e["seq"] for e in events] == list(range(1, 9))
    assert [e["event"]["type"] for e in events] == [
        "customer_created",
        "customer_updated",
        "stage_changed",
        "interaction_logged",
        "case_opened",
        "case_resolved",
        "follow_up_scheduled",
        "interaction_logged",
    ]
    assert events[0]["v"] == 2
    assert events[0]["at"] == "2026-01-05T09:00:00Z"
    assert events[2]["actor"] == "sam"


def test_replay_from_json_lines_equals_the_original(book: crm.Crm, clock: crm.FixedClock) -> None:
    busy_book(book, clock)
    again = crm.Crm.replay(book.events_json())
    assert again == book
    assert again.events_json() == book.events_json()
    assert [c.to_dict() for c in again] == [c.to_dict() for c in book]
    assert again != crm.Crm()


def test_replay_from_dicts_and_json_array(book: crm.Crm, clock: crm.FixedClock) -> None:
    busy_book(book, clock)
    assert crm.Crm.replay(book.events()) == book
    assert crm.Crm.replay(json.dumps(book.events())) == book
    # A JSON round trip through plain text files keeps everything.
    text = "\n".join(json.dumps(e) for e in book.events())
    assert crm.Crm.replay(text) == book


def test_replayed_book_keeps_working(book: crm.Crm, clock: crm.FixedClock) -> None:
    busy_book(book, clock)
    again = crm.Crm.replay(book.events_json(), clock=clock, seed=42)
    new = again.create_customer(given_name="Grace", emails=["grace@example.com"])
    assert new.id not in book
    assert len(again) == 2
    assert again != book
    with pytest.raises(crm.ConflictError):
        again.create_customer(given_name="Copy", emails=["ada@example.com"])


def test_replay_refuses_bad_journals(book: crm.Crm, clock: crm.FixedClock) -> None:
    busy_book(book, clock)
    events = book.events()
    future = dict(events[0], v=99)
    with pytest.raises(crm.DecodeError) as info:
        crm.Crm.replay([future])
    assert "version 99" in str(info.value)
    with pytest.raises(crm.DecodeError):
        crm.Crm.replay([events[1], events[0]])
    with pytest.raises(TypeError):
        crm.Crm.replay(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        crm.Crm.replay(book.events_json().encode())  # type: ignore[arg-type]


def test_books_compare_by_state(clock: crm.FixedClock) -> None:
    a = crm.Crm(clock=clock, seed=7)
    b = crm.Crm(clock=clock, seed=7)
    assert a == b
    a.create_customer(given_name="Ann")
    assert a != b
    b.create_customer(given_name="Ann")
    assert a == b
    assert a.now() == T0
    assert repr(a) == "Crm(customers=1, events=1)"


def test_replay_keeps_cleared_fields(book: crm.Crm) -> None:
    c = book.create_customer(given_name="Ann", family_name="Lee", company="ACME", birthday="1990-01-02")
    book.update_customer(c.id, company=None, family_name=None, birthday=None)
    again = crm.Crm.replay(book.events_json())
    assert again == book
    kept = again.customer(c.id)
    assert (kept.company, kept.family_name, kept.birthday) == (None, None, None)
