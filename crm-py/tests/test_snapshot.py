"""Snapshots: a book's state as one JSON document, loaded back into an equal book."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

import crm
from conftest import T0
from test_journal import busy_book


def test_a_snapshot_loads_into_an_equal_book(book: crm.Crm, clock: crm.FixedClock) -> None:
    busy_book(book, clock)
    text = book.snapshot_json()
    doc = json.loads(text)
    assert doc["format"] == "crm-snapshot"
    assert doc["v"] == 1
    assert doc["seq"] == len(book.events())
    assert [c["name"]["given"] for c in doc["customers"]] == ["Ada"]

    loaded = crm.Crm.from_snapshot(text, clock=clock, seed=42)
    assert loaded == book
    assert loaded.snapshot_json() == text
    # The journal starts empty and continues the sequence.
    assert loaded.events() == []
    ada = loaded.find_by_email("ADA@example.com")
    assert ada is not None
    loaded.change_stage(ada.id, "customer")
    assert [e["seq"] for e in loaded.events()] == [len(book.events()) + 1]
    assert loaded != book


def test_snapshot_with_the_journal_after_it(book: crm.Crm, clock: crm.FixedClock) -> None:
    busy_book(book, clock)
    snap = book.snapshot_json()
    grace = book.create_customer(given_name="Grace", emails=["grace@example.org"])
    clock.advance(timedelta(hours=2))
    book.change_stage(grace.id, "lead")
    # The whole journal: the events the snapshot holds are not applied twice.
    whole = crm.Crm.from_snapshot(snap, journal=book.events_json())
    assert whole == book
    assert whole.events_json() == book.events_json()
    # Only the tail, as dicts.
    tail = [e for e in book.events() if e["seq"] > json.loads(snap)["seq"]]
    assert len(tail) == 2
    assert crm.Crm.from_snapshot(snap, journal=tail) == book


def test_options_apply_to_the_loaded_book(book: crm.Crm, clock: crm.FixedClock) -> None:
    busy_book(book, clock)
    loaded = crm.Crm.from_snapshot(book.snapshot_json(), clock=crm.FixedClock(T0), time_zone="Europe/Berlin")
    assert loaded.time_zone == "Europe/Berlin"
    assert loaded.now() == T0


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "empty"),
        ("{}", "not a snapshot"),
        ('{"format": "crm-snapshot", "v": 99, "seq": 0}', "version 99"),
        ('{"format": "crm-snapshot", "v": 1, "seq": 0, "customers": [{"id": 1}]}', "snapshot"),
    ],
)
def test_what_is_not_a_snapshot_raises_decode_error(text: str, says: str) -> None:
    with pytest.raises(crm.DecodeError) as info:
        crm.Crm.from_snapshot(text)
    assert info.value.code == "decode"
    assert says in str(info.value)


def test_a_journal_out_of_order_is_refused(book: crm.Crm, clock: crm.FixedClock) -> None:
    busy_book(book, clock)
    events = list(reversed(book.events()))
    with pytest.raises(crm.DecodeError, match="out of order"):
        crm.Crm.from_snapshot(book.snapshot_json(), journal=events)


def test_a_journal_with_an_event_missing_is_refused(book: crm.Crm, clock: crm.FixedClock) -> None:
    busy_book(book, clock)
    events = book.events()
    with pytest.raises(crm.DecodeError, match="missing"):
        crm.Crm.replay(events[:1] + events[2:])


def test_a_book_loads_with_its_own_lifecycle_model_only(clock: crm.FixedClock) -> None:
    model = crm.LifecycleModel("b2b", ["Prospect", "Trial", "Paying"], side=["Lost"])
    book = crm.Crm(clock=clock, lifecycle=model)
    book.create_customer(given_name="Ann", stage="trial")
    with pytest.raises(crm.DecodeError, match='stage "trial"'):
        crm.Crm.replay(book.events())
    with pytest.raises(crm.DecodeError, match='stage "trial"'):
        crm.Crm.from_snapshot(book.snapshot_json())
    assert crm.Crm.replay(book.events(), lifecycle=model) == book
