"""Interactions, purchases, cases, timelines and contact recency."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import crm
from conftest import T0


def test_log_with_enums_or_strings(book: crm.Crm, ada: crm.Customer) -> None:
    a = book.log_interaction(ada.id, channel=crm.Channel.PHONE, direction=crm.Direction.OUTBOUND)
    b = book.log_interaction(ada.id, channel="Web Form", direction="inbound", kind="inquiry")
    assert a.channel is crm.Channel.PHONE
    assert a.direction is crm.Direction.OUTBOUND
    assert a.kind is crm.InteractionKind.NOTE
    assert b.channel is crm.Channel.WEB_FORM
    assert b.kind == "inquiry"
    assert a.customer_id == ada.id
    assert a.at == T0
    assert book.interaction(a.id) == a


def test_fields_and_time_zones(book: crm.Crm, ada: crm.Customer) -> None:
    at = datetime(2026, 1, 4, 18, 30, tzinfo=timezone(timedelta(hours=-5)))
    i = book.log_interaction(
        ada.id,
        channel="meeting",
        direction="outbound",
        at=at,
        subject="  Demo  ",
        body="Walked through the\nanalytical engine.",
        outcome="booked follow-up",
        actor="sam",
    )
    assert i.at == at
    assert i.at.utcoffset() == timedelta(0)
    assert i.at == datetime(2026, 1, 4, 23, 30, tzinfo=timezone.utc)
    assert i.subject == "Demo"
    assert i.body == "Walked through the\nanalytical engine."
    assert (i.outcome, i.actor, i.purchase, i.case_id) == ("booked follow-up", "sam", None, None)
    d = i.to_dict()
    assert d["channel"] == "meeting"
    assert d["customer"] == ada.id


def test_purchase(book: crm.Crm, ada: crm.Customer) -> None:
    sale = book.log_interaction(
        ada.id,
        channel="in_person",
        direction="inbound",
        kind=crm.InteractionKind.SALE,
        purchase={
            "currency": "eur",
            "items": [
                {"name": "Tea", "quantity": 3, "unit_price_minor": 450, "sku": "T-1"},
                {"name": "Pot", "quantity": 1, "unit_price_minor": 2500},
            ],
        },
    )
    p = sale.purchase
    assert p is not None
    assert (p.total_minor, p.currency) == (3850, "EUR")
    assert p.total_display == "EUR 38.50"
    assert [(x.name, x.quantity, x.unit_price_minor, x.sku) for x in p.items] == [
        ("Tea", 3, 450, "T-1"),
        ("Pot", 1, 2500, None),
    ]
    total_only = book.log_interaction(
        ada.id, channel="web_form", direction="inbound", kind="sale", purchase={"currency": "JPY", "amount_minor": 1200}
    )
    assert total_only.purchase is not None and total_only.purchase.items == []
    with pytest.raises(crm.ValidationError) as info:
        book.log_interaction(
            ada.id,
            channel="web_form",
            direction="inbound",
            kind="sale",
            purchase={"currency": "EUR", "items": [{"name": "Tea", "quantity": 0, "unit_price_minor": 1}]},
        )
    assert info.value.field == "purchase.items[0].quantity"


def test_complaint_opens_a_case_that_is_resolved(book: crm.Crm, clock: crm.FixedClock, ada: crm.Customer) -> None:
    complaint = book.log_interaction(ada.id, channel="email", direction="inbound", kind="complaint", subject="Broken lid")
    assert complaint.case_id is not None
    case = book.case(complaint.case_id)
    assert case.status is crm.CaseStatus.OPEN
    assert (case.customer_id, case.subject, case.opened_by, case.opened_at) == (ada.id, "Broken lid", complaint.id, T0)
    assert case.resolved_at is None
    assert book.open_cases() == [case]
    follow_up = book.log_interaction(
        ada.id, channel="phone", direction="outbound", kind="support", case_id=case.id, outcome="replacement sent"
    )
    assert follow_up.case_id == case.id
    assert len(book.open_cases()) == 1  # joining a case opens no new one
    clock.advance(timedelta(days=2))
    done = book.resolve_case(case.id, "Sent a new lid", actor="kim")
    assert done.status == "resolved"
    assert (done.resolution, done.resolved_by, done.resolved_at) == ("Sent a new lid", "kim", T0 + timedelta(days=2))
    assert book.open_cases() == []
    assert book.cases_of(ada.id) == [done]
    assert done.to_dict()["status"] == "resolved"
    with pytest.raises(crm.ValidationError):
        book.resolve_case(case.id, "again")


def test_case_of_another_customer_is_refused(book: crm.Crm, ada: crm.Customer) -> None:
    bob = book.create_customer(given_name="Bob")
    c = book.log_interaction(ada.id, channel="email", direction="inbound", kind="complaint")
    assert c.case_id is not None
    with pytest.raises(crm.ValidationError) as info:
        book.log_interaction(bob.id, channel="email", direction="outbound", case_id=c.case_id)
    assert info.value.field == "case"


def test_timeline_filters(book: crm.Crm, ada: crm.Customer) -> None:
    def log(hours: int, channel: str, direction: str, kind: str = "note") -> crm.Interaction:
        return book.log_interaction(
            ada.id, channel=channel, direction=direction, kind=kind, at=T0 + timedelta(hours=hours)
        )

    e1 = log(-48, "email", "outbound", "marketing")
    p1 = log(-24, "phone", "outbound")
    e2 = log(-2, "email", "inbound", "inquiry")
    assert book.timeline(ada.id) == [e1, p1, e2]
    assert book.timeline(ada.id, channels=["email"]) == [e1, e2]
    assert book.timeline(ada.id, channels=[crm.Channel.PHONE, "sms"]) == [p1]
    assert book.timeline(ada.id, direction="outbound") == [e1, p1]
    assert book.timeline(ada.id, kinds=[crm.InteractionKind.INQUIRY]) == [e2]
    assert book.timeline(ada.id, start=T0 - timedelta(hours=24), end=T0) == [p1, e2]
    assert book.timeline(ada.id, start=T0, end=T0 - timedelta(hours=1)) == []
    last = book.last_contact(ada.id)
    assert (last.any, last.inbound, last.outbound) == (e2, e2, p1)
    assert book.outbound_touches(ada.id, T0 - timedelta(days=7), T0) == 2
    assert book.outbound_touches(ada.id, T0 - timedelta(days=7), T0, channel="email") == 1
    assert book.outbound_touches(ada.id, T0 - timedelta(hours=1), T0) == 0


def test_last_contact_of_a_quiet_customer(book: crm.Crm, ada: crm.Customer) -> None:
    last = book.last_contact(ada.id)
    assert last.any is None and last.inbound is None and last.outbound is None
    assert book.timeline(ada.id) == []
    assert book.cases_of(ada.id) == []
