"""Python-side types: the str enums, reprs, module layout, and tz-aware datetimes only."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta, timezone

import pytest

import crm
from conftest import T0

ENUM_VALUES: dict[type[enum.Enum], list[str]] = {
    crm.Channel: [
        "email",
        "phone",
        "sms",
        "meeting",
        "webinar",
        "chat",
        "social",
        "web_form",
        "letter",
        "in_person",
        "other",
    ],
    crm.Direction: ["inbound", "outbound"],
    crm.InteractionKind: ["note", "inquiry", "complaint", "support", "sale", "marketing"],
    crm.PhoneKind: ["mobile", "home", "work", "fax", "other"],
    crm.CaseStatus: ["open", "resolved"],
    crm.PromiseState: ["due", "fulfilled_on_time", "breached"],
}


@pytest.mark.parametrize("cls", list(ENUM_VALUES), ids=lambda c: c.__name__)
def test_enums_are_str_with_core_names(cls: type[enum.Enum]) -> None:
    assert [m.value for m in cls] == ENUM_VALUES[cls]
    for member in cls:
        assert isinstance(member, str)
        assert member == member.value
        assert str(member) == member.value
        assert f"{member}" == member.value
        assert cls(member.value) is member
    assert repr(list(cls)[0]).startswith(f"<{cls.__name__}.")


def test_every_enum_value_is_accepted_by_the_core(book: crm.Crm, ada: crm.Customer) -> None:
    for channel in crm.Channel:
        for direction in crm.Direction:
            i = book.log_interaction(ada.id, channel=channel, direction=direction.value)
            assert (i.channel, i.direction) == (channel, direction)
    for kind in crm.InteractionKind:
        assert book.log_interaction(ada.id, channel="chat", direction="inbound", kind=kind).kind is kind
    for pk in crm.PhoneKind:
        c = book.create_customer(display_name=f"phone {pk}", phones=[("+1 415 555 0132", pk.value)])
        assert c.phones[0].kind is pk


def test_reprs(book: crm.Crm, ada: crm.Customer) -> None:
    assert repr(ada) == f"Customer(id='{ada.id}', name='Ada Lovelace', stage='subscriber')"
    assert repr(ada.phones[0]) == "Phone('+442079460018', kind='work')"
    assert repr(book) == "Crm(customers=1, events=1)"
    assert repr(crm.FixedClock(T0)) == "FixedClock('2026-01-05T09:00:00Z')"
    i = book.log_interaction(ada.id, channel="email", direction="outbound", subject="It's here")
    assert repr(i) == (
        f"Interaction(id='{i.id}', channel='email', direction='outbound', kind='note', "
        "at='2026-01-05T09:00:00Z', subject=\"It's here\")"
    )
    assert repr(ada.stage_history[0]) == "StageChange(from_stage=None, to_stage='subscriber', at='2026-01-05T09:00:00Z')"
    assert repr(crm.LifecycleModel("b2b", ["Lead", "Won"])) == "LifecycleModel('b2b', ordered=['lead', 'won'], side=[])"
    assert "ImportReport(created=1, rejected=0)" == repr(book.import_customers([{"given_name": "Bo"}]))
    assert repr(book.last_contact(ada.id)).startswith("LastContact(any='2026-01-05T09:00:00Z'")


def test_module_layout() -> None:
    for name in crm.__all__:
        assert hasattr(crm, name), name
    assert isinstance(crm.__version__, str)
    for cls in (crm.Crm, crm.Customer, crm.Interaction, crm.Case, crm.FixedClock, crm.CrmError):
        assert cls.__module__ == "crm"


def test_naive_datetimes_are_refused(book: crm.Crm, ada: crm.Customer) -> None:
    naive = datetime(2026, 1, 5, 9, 0)
    with pytest.raises(crm.ValidationError, match="tz-aware"):
        crm.FixedClock(naive)
    clock = crm.FixedClock(T0)
    with pytest.raises(crm.ValidationError, match="tz-aware"):
        clock.set(naive)
    assert clock.now() == T0
    with pytest.raises(crm.ValidationError) as info:
        book.timeline(ada.id, start=naive)
    assert info.value.field == "start"
    with pytest.raises(crm.ValidationError):
        book.outbound_touches(ada.id, T0, naive)
    with pytest.raises(TypeError):
        crm.FixedClock("2026-01-05")  # type: ignore[arg-type]


def test_results_are_utc(book: crm.Crm, ada: crm.Customer) -> None:
    local = datetime(2026, 1, 5, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    i = book.log_interaction(ada.id, channel="sms", direction="outbound", at=local)
    assert i.at.tzinfo is not None
    assert i.at.utcoffset() == timedelta(0)
    assert i.at == T0
    assert ada.created_at.tzinfo is not None and ada.created_at.utcoffset() == timedelta(0)
