"""Scheduling: follow-ups (recurring across DST), consent, the contact policy and can_contact."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import crm
from conftest import T0

BERLIN = ZoneInfo("Europe/Berlin")


def berliner(book: crm.Crm) -> crm.Customer:
    return book.create_customer(given_name="Karl", emails=["karl@example.de"], time_zone="Europe/Berlin")


def test_weekly_follow_up_keeps_local_time_across_dst(book: crm.Crm) -> None:
    karl = berliner(book)
    # Monday 23 March 2026, 09:00 CET; clocks go forward on Sunday 29 March.
    due = datetime(2026, 3, 23, 9, 0, tzinfo=BERLIN)
    f = book.schedule_follow_up(
        karl.id, due, kind="call", channel="phone", priority=crm.Priority.HIGH, recurrence="FREQ=WEEKLY;BYDAY=MO"
    )
    assert f.due == datetime(2026, 3, 23, 8, 0, tzinfo=timezone.utc)
    assert f.kind is crm.FollowUpKind.CALL
    assert f.channel is crm.Channel.PHONE
    assert f.priority is crm.Priority.HIGH
    assert f.status is crm.FollowUpStatus.OPEN
    assert f.origin is crm.Origin.MANUAL
    assert f.recurrence is not None and "FREQ=WEEKLY" in f.recurrence
    assert f.occurrence == 0
    assert book.next_planned_contact(karl.id) == f

    nxt = book.complete_follow_up(f.id, actor="sam")
    assert nxt is not None
    assert nxt.id != f.id
    assert nxt.occurrence == 1
    assert nxt.series_start == f.series_start
    local = nxt.due.astimezone(BERLIN)
    assert (local.date().isoformat(), local.time()) == ("2026-03-30", time(9, 0))
    assert nxt.due == datetime(2026, 3, 30, 7, 0, tzinfo=timezone.utc)  # CEST is UTC+2
    done = book.follow_up(f.id)
    assert done.status is crm.FollowUpStatus.DONE
    assert done.closed_at == T0
    assert [x.id for x in book.follow_ups_of(karl.id)] == [f.id, nxt.id]
    assert book.next_planned_contact(karl.id) == nxt
    assert "FollowUp(" in repr(nxt) and nxt.id in repr(nxt)
    assert nxt.to_dict()["status"] == "open"


def test_one_off_completion_yields_none(book: crm.Crm, ada: crm.Customer) -> None:
    f = book.schedule_follow_up(ada.id, T0 + timedelta(days=1), note="Send the quote")
    assert f.kind == "task" and f.priority == "normal" and f.note == "Send the quote"
    assert book.complete_follow_up(f.id) is None
    assert book.next_planned_contact(ada.id) is None


def test_completing_a_cancelled_follow_up_raises(book: crm.Crm, ada: crm.Customer) -> None:
    f = book.schedule_follow_up(ada.id, T0 + timedelta(days=1))
    cancelled = book.cancel_follow_up(f.id, actor="sam")
    assert cancelled.status is crm.FollowUpStatus.CANCELLED
    events = len(book.events())
    with pytest.raises(crm.ValidationError) as info:
        book.complete_follow_up(f.id)
    assert info.value.code == "invalid_value"
    assert info.value.field == "status"
    assert len(book.events()) == events


@pytest.mark.parametrize("rule", ["FREQ=HOURLY", "FREQ=WEEKLY;INTERVAL=-1", "FREQ=DAILY;INTERVAL=0"])
def test_bad_recurrence_raises_naming_recurrence(book: crm.Crm, ada: crm.Customer, rule: str) -> None:
    with pytest.raises(crm.ValidationError) as info:
        book.schedule_follow_up(ada.id, T0 + timedelta(days=1), recurrence=rule)
    assert info.value.field == "recurrence"
    assert book.follow_ups_of(ada.id) == []


def test_reschedule_snooze_and_due(book: crm.Crm, ada: crm.Customer) -> None:
    f = book.schedule_follow_up(ada.id, T0 + timedelta(days=3))
    assert book.due_follow_ups(T0 + timedelta(days=2)) == []
    moved = book.reschedule_follow_up(f.id, T0 + timedelta(days=1))
    assert moved.due == T0 + timedelta(days=1)
    assert book.due_follow_ups(T0 + timedelta(days=2)) == [moved]
    snoozed = book.snooze_follow_up(f.id, T0 + timedelta(days=5))
    assert snoozed.status is crm.FollowUpStatus.SNOOZED
    assert snoozed.due == T0 + timedelta(days=5)
    with pytest.raises(crm.ValidationError) as info:
        book.snooze_follow_up(f.id, T0 - timedelta(hours=1))
    assert info.value.field == "until"
    with pytest.raises(crm.NotFoundError):
        book.follow_ups_of("019b8d62-7a80-73dd-9cc8-000000000000")


def test_days_since_last_contact(book: crm.Crm, clock: crm.FixedClock, ada: crm.Customer) -> None:
    assert book.days_since_last_contact(ada.id) is None
    book.log_interaction(ada.id, channel="email", direction="outbound")
    clock.advance(timedelta(days=3, hours=2))
    assert book.days_since_last_contact(ada.id) == 3


def test_cap_of_zero_raises() -> None:
    with pytest.raises(crm.ValidationError) as info:
        crm.ContactPolicy(caps=[("email", 0, timedelta(days=7))])
    assert info.value.code == "invalid_value"
    assert info.value.field == "policy.caps"
    with pytest.raises(crm.ValidationError) as info2:
        crm.ContactPolicy(quiet_hours=(time(8, 0), time(8, 0)))
    assert info2.value.field == "policy.quiet_hours"


def test_policy_defaults_and_fields() -> None:
    p = crm.ContactPolicy()
    assert p.quiet_hours == (time(20, 0), time(8, 0))
    assert p.allow_weekends is False
    assert set(p.exempt) == {crm.TouchCategory.TRANSACTIONAL, crm.TouchCategory.REQUESTED}
    q = crm.ContactPolicy(
        caps=[(None, 2, timedelta(days=7))], min_gap=timedelta(hours=4), quiet_hours=None, allow_weekends=True
    )
    assert q.caps == [(None, 2, timedelta(days=7))]
    assert q.min_gap == timedelta(hours=4)
    assert q.quiet_hours is None
    assert q != p


def test_can_contact_in_quiet_hours_gives_earliest(clock: crm.FixedClock) -> None:
    book = crm.Crm(clock=clock, seed=7, contact_policy=crm.ContactPolicy(quiet_hours=(time(21, 0), time(8, 0))))
    karl = berliner(book)
    # Tuesday 6 January 2026, 22:30 in Berlin.
    late = datetime(2026, 1, 6, 22, 30, tzinfo=BERLIN)
    d = book.can_contact(karl.id, "phone", late)
    assert not d
    assert d.allowed is False
    assert [b.code for b in d.reasons] == ["quiet_hours"]
    morning = datetime(2026, 1, 7, 8, 0, tzinfo=BERLIN)
    assert d.earliest == morning
    assert d.reasons[0].until == morning
    assert "quiet hours" in str(d.reasons[0])
    assert "allowed=False" in repr(d)
    # A transactional touch is exempt; an override does not lift quiet hours.
    assert book.can_contact(karl.id, "phone", late, category="transactional")
    forced = book.can_contact(karl.id, "phone", late, override_reason="urgent")
    assert not forced and forced.overridden == "urgent"
    ok = book.can_contact(karl.id, "email", morning)
    assert ok and ok.earliest == morning and ok.reasons == []


def test_frequency_cap_blocks_until_window_passes(clock: crm.FixedClock) -> None:
    policy = crm.ContactPolicy(caps=[("email", 1, timedelta(days=7))], quiet_hours=None, allow_weekends=True)
    book = crm.Crm(clock=clock, seed=7, contact_policy=policy, time_zone="Europe/Berlin")
    assert book.time_zone == "Europe/Berlin"
    ada = book.create_customer(given_name="Ada", emails=["ada@example.com"])
    book.log_interaction(ada.id, channel="email", direction="outbound")
    d = book.can_contact(ada.id, "email", T0 + timedelta(days=1))
    assert [b.code for b in d.reasons] == ["frequency_cap"]
    assert d.earliest == T0 + timedelta(days=7)
    assert book.can_contact(ada.id, "email", T0 + timedelta(days=1), override_reason="asked for it")


def test_do_not_contact_blocks_without_earliest(book: crm.Crm, ada: crm.Customer) -> None:
    assert ada.consent.do_not_contact is None and ada.consent.channels == {}
    updated = book.set_consent(ada.id, "do_not_contact", "granted", source="phone call", actor="kim")
    rec = updated.consent.do_not_contact
    assert rec is not None
    assert rec.status is crm.ConsentStatus.GRANTED
    assert rec.at == T0 and rec.source == "phone call"
    assert updated.consent.is_do_not_contact
    at = datetime(2026, 1, 6, 11, 0, tzinfo=timezone.utc)
    d = book.can_contact(ada.id, crm.Channel.EMAIL, at)
    assert not d.allowed
    assert d.earliest is None
    assert d.reasons[0].code == "do_not_contact"
    assert d.reasons[0].until is None
    # Transactional messages still go out.
    assert book.can_contact(ada.id, "email", at, category=crm.TouchCategory.TRANSACTIONAL)


def test_channel_and_marketing_consent(book: crm.Crm, ada: crm.Customer) -> None:
    at = datetime(2026, 1, 6, 11, 0, tzinfo=timezone.utc)
    assert book.can_contact(ada.id, "email", at, category="marketing").reasons[0].code == "no_marketing_opt_in"
    book.set_consent(ada.id, "marketing", crm.ConsentStatus.GRANTED)
    assert book.can_contact(ada.id, "email", at, category="marketing")
    c = book.set_consent(ada.id, "sms", "denied").consent
    assert list(c.channels) == ["sms"]
    assert c.channels["sms"].status is crm.ConsentStatus.DENIED
    assert book.can_contact(ada.id, "sms", at).reasons[0].code == "channel_denied"
    with pytest.raises(crm.ValidationError) as info:
        book.set_consent(ada.id, "pigeon", "granted")
    assert info.value.field == "scope"
    with pytest.raises(crm.ValidationError) as info2:
        book.set_consent(ada.id, "email", "maybe")
    assert info2.value.field == "status"


def test_replay_after_scheduling_is_equal(book: crm.Crm, clock: crm.FixedClock) -> None:
    karl = berliner(book)
    f = book.schedule_follow_up(karl.id, datetime(2026, 1, 12, 9, 0, tzinfo=BERLIN), recurrence="FREQ=WEEKLY")
    nxt = book.complete_follow_up(f.id)
    assert nxt is not None
    clock.advance(timedelta(hours=1))
    book.snooze_follow_up(nxt.id, nxt.due + timedelta(days=1))
    book.set_consent(karl.id, "email", "denied", source="unsubscribe link")
    again = crm.Crm.replay(book.events_json(), clock=clock, seed=42)
    assert again == book
    assert again.follow_ups_of(karl.id) == book.follow_ups_of(karl.id)
    assert again.customer(karl.id).consent == book.customer(karl.id).consent
    assert again.follow_up(nxt.id).status is crm.FollowUpStatus.SNOOZED
