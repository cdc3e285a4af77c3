"""Customers: creation, normalised fields, updates, lifecycle stages and the read indexes."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

import crm
from conftest import T0


def test_create_reads_back_normalised_fields(book: crm.Crm) -> None:
    c = book.create_customer(
        given_name="  Jürgen ",
        family_name="Weiß",
        emails=["  J.Weiss@Example.DE ", "j.weiss@example.de", "jw@home.example"],
        phones=[
            "+49 30 1234567",
            ("+1 (415) 555-0132", "mobile"),
            {"number": "0044 20 7946 0018", "kind": crm.PhoneKind.HOME},
        ],
        addresses=[
            {
                "lines": ["10 Downing Street"],
                "locality": "London",
                "postal_code": "sw1a 2aa",
                "country": "gb",
                "label": "home",
            }
        ],
        birthday=date(1990, 5, 17),
        time_zone="Europe/Berlin",
        tags=["VIP", " vip", "Newsletter"],
        attributes={"score": 42, "ratio": 0.5, "active": True, "plan": "pro", "since": date(2024, 2, 1)},
        owner="sam",
        source="web",
        company="ACME GmbH",
        actor="importer",
    )
    assert c.given_name == "Jürgen"
    assert c.family_name == "Weiß"
    assert c.display_name == "Jürgen Weiß"
    assert c.emails == ["j.weiss@example.de", "jw@home.example"]
    assert c.email_addresses[0] == "J.Weiss@Example.DE"
    assert c.primary_email == "j.weiss@example.de"
    assert [p.e164 for p in c.phones] == ["+49301234567", "+14155550132", "+442079460018"]
    assert [p.kind for p in c.phones] == [crm.PhoneKind.OTHER, crm.PhoneKind.MOBILE, crm.PhoneKind.HOME]
    assert c.phones[1].number == "+1 (415) 555-0132"
    assert c.phones[0].extension is None
    [home] = c.addresses
    assert home.lines == ["10 Downing Street"]
    assert (home.locality, home.postal_code, home.country, home.label) == ("London", "SW1A 2AA", "GB", "home")
    assert home.region is None
    assert home.one_line() == "10 Downing Street, London SW1A 2AA, GB"
    assert c.birthday == "1990-05-17"
    parts = c.birthday_parts
    assert parts is not None
    assert (parts.year, parts.month, parts.day) == (1990, 5, 17)
    assert parts.age_on(date(2026, 5, 16)) == 35
    assert parts.occurrence_in(2027) == date(2027, 5, 17)
    assert c.time_zone == "Europe/Berlin"
    assert c.tags == ["newsletter", "vip"]
    assert c.attributes == {
        "score": 42.0,
        "ratio": 0.5,
        "active": True,
        "plan": "pro",
        "since": date(2024, 2, 1),
    }
    assert isinstance(c.attributes["score"], float)
    assert (c.owner, c.source, c.company) == ("sam", "web", "ACME GmbH")
    assert c.stage == "subscriber"
    assert c.created_at == T0
    assert c.updated_at == T0
    assert c.created_at.tzinfo is not None
    [first] = c.stage_history
    assert (first.from_stage, first.to_stage, first.at, first.actor, first.reason) == (
        None,
        "subscriber",
        T0,
        "importer",
        None,
    )


def test_a_datetime_given_for_a_birthday_is_its_date(book: crm.Crm) -> None:
    # As a frame's datetime cell is read (a pandas Timestamp is a datetime).
    c = book.create_customer(given_name="Ann", birthday=datetime(1990, 5, 17))
    assert c.birthday == "1990-05-17"
    later = datetime(1990, 5, 17, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert book.update_customer(c.id, birthday=later).birthday == "1990-05-17"


def test_birthday_without_year(book: crm.Crm) -> None:
    c = book.create_customer(given_name="Leap", birthday="--02-29")
    assert c.birthday == "--02-29"
    parts = c.birthday_parts
    assert parts is not None and parts.year is None
    assert parts.age_on(date(2026, 3, 1)) is None
    assert parts.occurrence_in(2026) == date(2026, 2, 28)


def test_single_string_is_a_list_of_one(book: crm.Crm) -> None:
    c = book.create_customer(display_name="Jo", emails="jo@example.com", tags="lead-magnet")
    assert c.emails == ["jo@example.com"]
    assert c.tags == ["lead-magnet"]


def test_default_region_of_the_book_reads_national_numbers(clock: crm.FixedClock) -> None:
    book = crm.Crm(clock=clock, seed=1, default_region="de")
    assert book.default_region == "DE"
    c = book.create_customer(family_name="Weiß", phones=["(030) 123 4567"])
    assert c.phones[0].e164 == "+49301234567"
    assert [x.id for x in book.find_by_phone("030 1234567")] == [c.id]
    with pytest.raises(crm.ValidationError) as info:
        crm.Crm(default_region="XX")
    assert info.value.field == "default_region"


def test_update_keeps_clears_and_sets(book: crm.Crm, clock: crm.FixedClock) -> None:
    c = book.create_customer(given_name="Ann", family_name="Lee", company="ACME", owner="sam", tags=["x"])
    clock.advance(timedelta(hours=1))
    # Omitted arguments keep the field.
    same = book.update_customer(c.id, owner="kim")
    assert (same.company, same.owner, same.given_name) == ("ACME", "kim", "Ann")
    assert same.updated_at == T0 + timedelta(hours=1)
    # None clears a clearable field.
    cleared = book.update_customer(c.id, company=None, family_name=None)
    assert cleared.company is None
    assert cleared.family_name is None
    assert cleared.display_name == "Ann"
    # Lists given replace the whole list; tags and attributes are added and removed.
    c2 = book.update_customer(
        c.id,
        emails=["ann@example.org"],
        add_tags=["Y"],
        remove_tags=["x"],
        set_attributes={"tier": "gold"},
        birthday="1985-12-01",
        time_zone="America/New_York",
    )
    assert c2.emails == ["ann@example.org"]
    assert c2.tags == ["y"]
    assert c2.attributes == {"tier": "gold"}
    c3 = book.update_customer(c.id, remove_attributes=["tier"], birthday=None, time_zone=None)
    assert c3.attributes == {}
    assert c3.birthday is None and c3.time_zone is None
    # emails=None keeps the emails.
    assert book.update_customer(c.id, emails=None).emails == ["ann@example.org"]


def test_reads_and_indexes(book: crm.Crm, ada: crm.Customer) -> None:
    bob = book.create_customer(given_name="Bob", emails=["bob@example.com"], owner="kim", tags=["vip"])
    assert len(book) == 2
    assert [c.id for c in book] == [ada.id, bob.id]
    assert ada.id in book
    assert "0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11" not in book
    assert "not an id" not in book
    found = book.find_by_email(" ADA.LOVELACE@example.com ")
    assert found is not None and found.id == ada.id
    assert book.find_by_email("nobody@example.com") is None
    assert book.find_by_email("not an email") is None
    assert [c.id for c in book.find_by_phone("+44 20 7946 0018")] == [ada.id]
    assert {c.id for c in book.customers_with_tag("VIP")} == {ada.id, bob.id}
    assert [c.id for c in book.customers_owned_by("kim")] == [bob.id]
    assert book.customers_owned_by("nobody") == []
    assert book.customer(ada.id) == ada


def test_stages_and_funnel(book: crm.Crm, clock: crm.FixedClock, ada: crm.Customer) -> None:
    clock.advance(timedelta(days=3))
    book.change_stage(ada.id, "Sales Qualified", actor="sam")
    clock.advance(timedelta(days=2))
    c = book.change_stage(ada.id, "lead", reason="budget frozen", actor="sam")
    assert c.stage == "lead"
    last = c.stage_history[-1]
    assert (last.from_stage, last.to_stage, last.reason, last.actor) == ("sales_qualified", "lead", "budget frozen", "sam")
    assert book.entered_stage_at(ada.id, "sales_qualified") == T0 + timedelta(days=3)
    assert book.entered_stage_at(ada.id, "customer") is None
    clock.advance(timedelta(days=1))
    assert book.time_in_stage(ada.id, "subscriber") == timedelta(days=3)
    assert book.time_in_stage(ada.id, "sales_qualified") == timedelta(days=2)
    assert book.time_in_stage(ada.id, "lead") == timedelta(days=1)
    counts = dict(book.stage_counts())
    assert counts["lead"] == 1
    assert counts["subscriber"] == 0
    assert [s for s, _ in book.stage_counts()] == crm.LifecycleModel.default().stages
    assert [x.id for x in book.customers_in_stage("lead")] == [ada.id]
    with pytest.raises(crm.ValidationError):
        book.customers_in_stage("prospect")


def test_custom_lifecycle(clock: crm.FixedClock) -> None:
    model = crm.LifecycleModel("b2b", ["Prospect", "Trial", "Paying"], side=["Lost"])
    assert model.name == "b2b"
    assert model.ordered == ["prospect", "trial", "paying"]
    assert model.side == ["lost"]
    assert model.stages == ["prospect", "trial", "paying", "lost"]
    assert model != crm.LifecycleModel.default()
    book = crm.Crm(clock=clock, lifecycle=model)
    assert book.lifecycle == model
    c = book.create_customer(given_name="Ann")
    assert c.stage == "prospect"
    assert book.change_stage(c.id, "lost").stage == "lost"
    with pytest.raises(crm.ValidationError) as info:
        crm.LifecycleModel("empty", [])
    assert info.value.field == "lifecycle.ordered"


def test_create_with_stage_and_explicit_id(book: crm.Crm) -> None:
    cid = "0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11"
    c = book.create_customer(given_name="Ann", stage="Customer", id=cid)
    assert c.id == cid
    assert c.stage == "customer"
    with pytest.raises(crm.ConflictError):
        book.create_customer(given_name="Other", id=cid)


def test_to_dict_is_the_core_json(ada: crm.Customer) -> None:
    d = ada.to_dict()
    assert d["id"] == ada.id
    assert d["stage"] == "subscriber"
    assert d["name"]["display"] == "Ada Lovelace"
    assert d["created_at"] == "2026-01-05T09:00:00Z"
    assert d["tags"] == ["vip"]


def test_snapshots_are_frozen_values(book: crm.Crm, ada: crm.Customer) -> None:
    book.update_customer(ada.id, company="Analytical Engines Ltd")
    assert ada.company is None  # the snapshot did not move
    assert book.customer(ada.id) != ada
    with pytest.raises(AttributeError):
        ada.company = "x"  # type: ignore[misc]


def test_clock_is_shared(book: crm.Crm, clock: crm.FixedClock) -> None:
    assert book.now() == T0
    later = datetime(2026, 2, 1, 12, tzinfo=timezone(timedelta(hours=2)))
    clock.set(later)
    assert book.now() == later
    assert book.now().utcoffset() == timedelta(0)
    clock.advance(timedelta(minutes=-30))
    assert clock.now() == later - timedelta(minutes=30)
