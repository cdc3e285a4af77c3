"""The agenda: planned follow-ups, cadences, response promises and birthdays, each placed at
its earliest allowed contact time; settings, filters, errors, data frames and replay."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

import crm
from conftest import T0

UTC = timezone.utc
#: Friday 2 January 2026, 15:00 UTC (16:00 in Berlin): when the customers are created.
FRIDAY = datetime(2026, 1, 2, 15, 0, tzinfo=UTC)


def settings() -> crm.AgendaSettings:
    calendar = crm.BusinessCalendar("Europe/Berlin", holidays=[date(2026, 12, 24)])
    return crm.AgendaSettings(
        cadences=[(3, None, "vip"), (30, None, None)],
        response_promise=(calendar, timedelta(hours=1), timedelta(hours=4)),
        birthday_lead_days=[0, 1],
        reminder_time=time(10, 0),
    )


class Scene:
    """A book on Friday with Karl (Berlin, owner sam) and Ada (London, VIP, owner ann)."""

    def __init__(self) -> None:
        self.clock = crm.FixedClock(FRIDAY)
        self.book = crm.Crm(clock=self.clock, seed=7, agenda_settings=settings())
        self.karl = self.book.create_customer(
            given_name="Karl", time_zone="Europe/Berlin", owner="sam", birthday=date(1990, 1, 7)
        )
        self.ada = self.book.create_customer(given_name="Ada", time_zone="Europe/London", owner="ann", tags=["VIP"])
        # An inquiry on Friday 16:00 Berlin, promised within one business hour: due 17:00 Berlin.
        self.inquiry = self.book.log_interaction(
            self.karl.id, channel="email", direction="inbound", kind="inquiry", at=FRIDAY
        )
        self.clock.set(T0)
        # Tuesday 22:00 Berlin and Monday 21:00 London: both in the default quiet hours.
        self.call = self.book.schedule_follow_up(
            self.karl.id, datetime(2026, 1, 6, 21, 0, tzinfo=UTC), kind="call", channel="phone", owner="sam"
        )
        self.task = self.book.schedule_follow_up(self.ada.id, datetime(2026, 1, 5, 21, 0, tzinfo=UTC), owner="ann")


@pytest.fixture
def scene() -> Scene:
    return Scene()


def test_agenda_orders_items_of_every_origin(scene: Scene) -> None:
    items = scene.book.agenda(T0)
    O = crm.Origin
    assert [(i.origin, i.customer_id) for i in items] == [
        (O.RESPONSE_PROMISE, scene.karl.id),
        (O.CADENCE, scene.ada.id),
        (O.MANUAL, scene.ada.id),
        (O.IMPORTANT_DATE, scene.karl.id),
        (O.MANUAL, scene.karl.id),
        (O.IMPORTANT_DATE, scene.karl.id),
    ]
    promise = items[0]
    assert promise.overdue is True
    assert promise.due == datetime(2026, 1, 2, 16, 0, tzinfo=UTC)
    assert promise.contact_at == T0
    assert promise.priority is crm.Priority.HIGH
    assert promise.kind is crm.FollowUpKind.TASK
    assert promise.channel is crm.Channel.EMAIL
    assert promise.interaction_id == scene.inquiry.id
    assert promise.follow_up_id is None
    assert promise.owner == "sam"
    # The shortest applicable cadence (3 days for VIPs) counts from Ada's creation.
    cadence = items[1]
    assert cadence.due == FRIDAY + timedelta(days=3)
    assert cadence.overdue is False
    assert "3 days" in cadence.reason
    # Birthday reminders at 10:00 Berlin, one day ahead and on the day.
    assert [i.due for i in items if i.origin is O.IMPORTANT_DATE] == [
        datetime(2026, 1, 6, 9, 0, tzinfo=UTC),
        datetime(2026, 1, 7, 9, 0, tzinfo=UTC),
    ]
    assert all(i.kind is crm.FollowUpKind.BIRTHDAY for i in items if i.origin is O.IMPORTANT_DATE)


def test_quiet_hours_move_a_follow_up_to_the_next_morning(scene: Scene) -> None:
    (call,) = [i for i in scene.book.agenda(T0) if i.follow_up_id == scene.call.id]
    assert call.due == scene.call.due
    assert call.contact_at == datetime(2026, 1, 7, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
    assert call.moved_by[0].code == "quiet_hours"
    assert isinstance(call.moved_by[0], crm.Blocker)
    (task,) = [i for i in scene.book.agenda(T0) if i.follow_up_id == scene.task.id]
    assert task.contact_at == datetime(2026, 1, 6, 8, 0, tzinfo=UTC)  # 08:00 in London
    assert [b.code for b in task.moved_by] == ["quiet_hours"]


def test_filters(scene: Scene) -> None:
    ann = scene.book.agenda(T0, owner="ann")
    assert [i.origin for i in ann] == [crm.Origin.CADENCE, crm.Origin.MANUAL]
    assert {i.customer_id for i in ann} == {scene.ada.id}
    sam = scene.book.agenda(T0, owner="sam")
    assert len(sam) == 4 and {i.owner for i in sam} == {"sam"}
    assert scene.book.agenda(T0, owner="nobody") == []
    phone = scene.book.agenda(T0, channel=crm.Channel.PHONE)
    assert [i.follow_up_id for i in phone] == [scene.call.id]
    assert [i.customer_id for i in scene.book.agenda(T0, tag="vip")] == [scene.ada.id, scene.ada.id]
    # A shorter window drops what is due at or after its end (the birthday at exactly +1 day).
    day = scene.book.agenda(T0, timedelta(days=1))
    assert [i.origin for i in day] == [crm.Origin.RESPONSE_PROMISE, crm.Origin.CADENCE, crm.Origin.MANUAL]


def test_item_value_semantics(scene: Scene) -> None:
    a, b = scene.book.agenda(T0), scene.book.agenda(T0)
    assert a == b
    assert a[0] != a[1]
    r = repr(a[0])
    assert r.startswith("AgendaItem(") and scene.karl.id in r and "response_promise" in r
    d = a[0].to_dict()
    assert d["customer_id"] == scene.karl.id and type(d["customer_id"]) is str
    assert d["origin"] == "response_promise" and type(d["origin"]) is str
    assert d["priority"] == "high" and d["channel"] == "email" and d["kind"] == "task"
    assert d["interaction_id"] == scene.inquiry.id and d["follow_up_id"] is None
    assert d["due"] == datetime(2026, 1, 2, 16, 0, tzinfo=UTC) and d["due"].tzinfo is not None
    assert d["overdue"] is True and d["moved_by"] == []
    moved = [i for i in a if i.follow_up_id == scene.call.id][0].to_dict()["moved_by"]
    assert moved[0]["code"] == "quiet_hours" and isinstance(moved[0]["until"], datetime)


def test_invalid_queries_and_settings(scene: Scene) -> None:
    with pytest.raises(crm.ValidationError) as e:
        scene.book.agenda(T0, timedelta(days=-1))
    assert e.value.field == "window"
    with pytest.raises(crm.ValidationError) as e:
        crm.AgendaSettings(cadences=[(0, None, None)])
    assert e.value.field == "cadence.every_days"
    with pytest.raises(crm.ValidationError):
        crm.AgendaSettings(cadences=[(-3, "lead", None)])
    with pytest.raises(crm.ValidationError):
        crm.AgendaSettings(birthday_lead_days=[-1])
    # At most a hundred years: a billion days overflowed the calendar (a panic, before).
    with pytest.raises(crm.ValidationError) as e:
        crm.AgendaSettings(case_check_after_days=1_000_000_000)
    assert e.value.field == "case_check_after_days"
    with pytest.raises(crm.ValidationError) as e:
        crm.AgendaSettings(cadences=[(36_526, None, None)])
    assert e.value.field == "cadence.every_days"
    cal = crm.BusinessCalendar("Europe/Berlin")
    with pytest.raises(crm.ValidationError):
        crm.AgendaSettings(response_promise=(cal, timedelta(0), timedelta(hours=1)))
    with pytest.raises(crm.ValidationError):
        crm.BusinessCalendar("Europe/Berlin", hours={"someday": [(time(9), time(17))]})
    with pytest.raises(crm.ValidationError):
        crm.BusinessCalendar("Europe/Berlin", hours={"mon": [(time(17), time(9))]})
    with pytest.raises(crm.ValidationError):
        crm.BusinessCalendar("Mars/Olympus")
    with pytest.raises(crm.ValidationError):
        scene.book.agenda(T0, stage="nowhere")
    with pytest.raises(crm.ValidationError):
        scene.book.agenda(datetime(2026, 1, 5, 9, 0))  # naive


def test_settings_and_calendar_read_back() -> None:
    cal = crm.BusinessCalendar(
        "Europe/Berlin", hours={"sat": [(time(10), time(14))], "fri": []}, holidays=[date(2026, 12, 25)]
    )
    assert cal.time_zone == "Europe/Berlin"
    assert cal.hours["mon"] == [(time(9), time(17))]
    assert cal.hours["sat"] == [(time(10), time(14))]
    assert cal.hours["fri"] == [] and cal.hours["sun"] == []
    assert cal.holidays == [date(2026, 12, 25)]
    assert cal == crm.BusinessCalendar(
        "Europe/Berlin", hours={"sat": [(time(10), time(14))], "fri": []}, holidays=[date(2026, 12, 25)]
    )
    assert cal != crm.BusinessCalendar("Europe/Berlin")
    assert "Europe/Berlin" in repr(cal)
    s = settings()
    assert s.cadences == [(3, None, "vip"), (30, None, None)]
    assert s.birthday_lead_days == [0, 1]
    assert s.reminder_time == time(10, 0)
    assert s.case_check_after_days == 7
    promise = s.response_promise
    assert promise is not None and promise[1:] == (timedelta(hours=1), timedelta(hours=4))
    assert promise[0].holidays == [date(2026, 12, 24)]
    d = crm.AgendaSettings()
    assert (d.cadences, d.response_promise, d.birthday_lead_days) == ([], None, [0])
    assert d.reminder_time == time(9, 0)
    assert crm.AgendaSettings(case_check_after_days=None).case_check_after_days is None
    assert crm.Crm().agenda_settings == d
    assert crm.Crm(agenda_settings=s).agenda_settings == s


def test_agenda_frame(scene: Scene) -> None:
    frame = scene.book.agenda_frame(T0)
    assert list(frame.columns) == [
        "customer_id",
        "origin",
        "kind",
        "follow_up_id",
        "interaction_id",
        "channel",
        "priority",
        "owner",
        "due",
        "overdue",
        "contact_at",
        "reason",
    ]
    assert str(frame["due"].dtype) == "datetime64[ns, UTC]"
    assert str(frame["contact_at"].dtype) == "datetime64[ns, UTC]"
    assert str(frame["overdue"].dtype) == "bool"
    items = scene.book.agenda(T0)
    assert len(frame) == len(items)
    assert list(frame["origin"]) == [i.origin.value for i in items]
    assert frame["contact_at"].iloc[0] == T0
    assert frame["due"].iloc[0].to_pydatetime() == items[0].due
    ann = scene.book.agenda_frame(T0, owner="ann")
    assert list(ann["customer_id"]) == [scene.ada.id, scene.ada.id]
    empty = scene.book.agenda_frame(T0, owner="nobody")
    assert len(empty) == 0 and str(empty["due"].dtype) == "datetime64[ns, UTC]"
    with pytest.raises(ValueError, match="backend"):
        scene.book.agenda_frame(T0, backend="spark")


def test_replay_gives_an_equal_agenda(scene: Scene) -> None:
    again = crm.Crm.replay(scene.book.events_json(), clock=scene.clock, seed=7, agenda_settings=settings())
    assert again == scene.book
    assert again.agenda(T0) == scene.book.agenda(T0)
    # The settings are in the journal: a replay without them gives the same book and agenda.
    assert scene.book.events()[0]["event"]["type"] == "settings_changed"
    plain = crm.Crm.replay(scene.book.events_json(), clock=scene.clock)
    assert plain == scene.book
    assert plain.agenda_settings == settings()
    assert plain.agenda(T0) == scene.book.agenda(T0)
    # A change of settings is recorded too, and replayed.
    plain.change_settings(agenda_settings=crm.AgendaSettings(), time_zone="Asia/Tokyo", actor="lead")
    last = plain.events()[-1]
    assert (last["event"]["type"], last["actor"]) == ("settings_changed", "lead")
    assert [i.origin for i in plain.agenda(T0)] == [crm.Origin.MANUAL, crm.Origin.MANUAL, crm.Origin.IMPORTANT_DATE]
    replayed = crm.Crm.replay(plain.events_json(), clock=scene.clock)
    assert replayed == plain and replayed.time_zone == "Asia/Tokyo"
    assert replayed.agenda(T0) == plain.agenda(T0)
    events = len(plain.events())
    plain.change_settings(time_zone="Asia/Tokyo")  # no change, nothing recorded
    with pytest.raises(crm.ValidationError) as e:
        plain.change_settings(time_zone="Mars/Base")
    assert e.value.field == "time_zone"
    assert len(plain.events()) == events


def test_agenda_frame_without_pandas(scene: Scene, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError, match="pip install pandas"):
        scene.book.agenda_frame(T0)


def test_response_promises(scene: Scene) -> None:
    book, karl = scene.book, scene.karl
    # Friday 16:00 Berlin + 1 business hour = 17:00 Berlin; unanswered on Monday: breached.
    (inquiry,) = book.response_promises(karl.id)
    assert isinstance(inquiry, crm.PromiseStatus)
    assert inquiry.interaction_id == scene.inquiry.id and inquiry.customer_id == karl.id
    assert inquiry.kind is crm.InteractionKind.INQUIRY and inquiry.channel is crm.Channel.EMAIL
    assert inquiry.received_at == FRIDAY
    assert inquiry.due == datetime(2026, 1, 2, 16, 0, tzinfo=UTC)
    assert inquiry.answered_at is None
    assert inquiry.state is crm.PromiseState.BREACHED
    # A complaint on Monday 10:00 Berlin: due within 4 business hours, at 14:00 Berlin.
    book.log_interaction(karl.id, channel="phone", direction="inbound", kind="complaint", at=T0)
    complaint = book.response_promises(karl.id)[1]
    assert complaint.kind is crm.InteractionKind.COMPLAINT and complaint.channel is crm.Channel.PHONE
    assert complaint.due == datetime(2026, 1, 5, 13, 0, tzinfo=UTC)
    assert complaint.state is crm.PromiseState.DUE
    # One reply an hour later answers both: the complaint on time, the inquiry late.
    reply = T0 + timedelta(hours=1)
    book.log_interaction(karl.id, channel="phone", direction="outbound", at=reply)
    late, on_time = book.response_promises(karl.id)
    assert (late.answered_at, late.state) == (reply, crm.PromiseState.BREACHED)
    assert (on_time.answered_at, on_time.state) == (reply, crm.PromiseState.FULFILLED_ON_TIME)
    d = on_time.to_dict()
    assert d["state"] == "fulfilled_on_time" and type(d["state"]) is str
    assert d["kind"] == "complaint" and d["channel"] == "phone" and d["answered_at"] == reply
    assert repr(on_time).startswith("PromiseStatus(") and "fulfilled_on_time" in repr(on_time)
    assert book.response_promises(karl.id) == [late, on_time]
    # Nobody else is waiting; a book without a promise promises nothing.
    assert book.response_promises(scene.ada.id) == []
    book.change_settings(agenda_settings=crm.AgendaSettings())
    assert book.response_promises(karl.id) == []
    with pytest.raises(crm.NotFoundError):
        book.response_promises("0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11")


def test_promised_times_by_priority() -> None:
    calendar = crm.BusinessCalendar("Europe/Berlin")
    s = crm.AgendaSettings(
        response_promise=(calendar, timedelta(hours=4), timedelta(hours=2)),
        response_priorities={crm.Priority.URGENT: (timedelta(hours=1), timedelta(minutes=30)), "low": (timedelta(hours=16), timedelta(hours=8))},
    )
    assert s.response_priorities == {
        crm.Priority.URGENT: (timedelta(hours=1), timedelta(minutes=30)),
        crm.Priority.LOW: (timedelta(hours=16), timedelta(hours=8)),
    }
    assert crm.AgendaSettings().response_priorities == {}
    monday = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
    book = crm.Crm(clock=crm.FixedClock(monday), seed=3, agenda_settings=s)
    kim = book.create_customer(given_name="Kim", owner="sam")
    urgent = book.log_interaction(kim.id, channel="chat", direction="inbound", kind="inquiry", priority="urgent")
    assert urgent.priority is crm.Priority.URGENT
    plain = book.log_interaction(kim.id, channel="chat", direction="inbound", kind="inquiry")
    assert plain.priority is None
    complaint = book.log_interaction(
        kim.id, channel="phone", direction="inbound", kind="complaint", priority=crm.Priority.LOW
    )
    assert complaint.case_id is not None
    assert book.case(complaint.case_id).priority is crm.Priority.LOW
    # A later message on the low case, without a priority of its own, keeps the case's.
    book.log_interaction(kim.id, channel="phone", direction="inbound", kind="complaint", case_id=complaint.case_id)
    promises = book.response_promises(kim.id)
    assert [(p.priority, p.due) for p in promises] == [
        (crm.Priority.URGENT, monday + timedelta(hours=1)),
        (None, monday + timedelta(hours=4)),
        # 8 business hours: 7 on Monday, 1 on Tuesday.
        (crm.Priority.LOW, datetime(2026, 1, 6, 9, 0, tzinfo=UTC)),
        (crm.Priority.LOW, datetime(2026, 1, 6, 9, 0, tzinfo=UTC)),
    ]
    assert promises[0].to_dict()["priority"] == "urgent" and promises[1].to_dict()["priority"] is None
    # The agenda ranks the answers by those priorities.
    answers = [i for i in book.agenda(monday) if i.origin is crm.Origin.RESPONSE_PROMISE]
    assert [i.priority for i in answers] == [crm.Priority.URGENT, crm.Priority.HIGH, crm.Priority.LOW, crm.Priority.LOW]
    with pytest.raises(crm.ValidationError) as e:
        crm.AgendaSettings(response_priorities={"urgent": (timedelta(hours=1), timedelta(hours=1))})
    assert e.value.field == "response_priorities"
    with pytest.raises(crm.ValidationError) as e:
        crm.AgendaSettings(
            response_promise=(calendar, timedelta(hours=4), timedelta(hours=2)),
            response_priorities={"urgent": (timedelta(0), timedelta(hours=1))},
        )
    assert e.value.field == "promise.inquiry"
    with pytest.raises(crm.ValidationError):
        crm.AgendaSettings(
            response_promise=(calendar, timedelta(hours=4), timedelta(hours=2)),
            response_priorities={"asap": (timedelta(hours=1), timedelta(hours=1))},
        )
    with pytest.raises(crm.ValidationError):
        book.log_interaction(kim.id, channel="chat", direction="inbound", priority="asap")


def test_owners_and_teams_have_their_own_business_hours() -> None:
    s = crm.AgendaSettings(
        response_promise=(crm.BusinessCalendar("Europe/Berlin"), timedelta(hours=4), timedelta(hours=2)),
        owner_calendars={"ann": crm.BusinessCalendar("America/New_York")},
        team_calendars={"apac": crm.BusinessCalendar("Asia/Tokyo")},
        team_of={" kim ": "apac"},
    )
    assert list(s.owner_calendars) == ["ann"] and s.owner_calendars["ann"].time_zone == "America/New_York"
    assert s.team_calendars["apac"].time_zone == "Asia/Tokyo"
    assert s.team_of == {"kim": "apac"}
    # Monday 5 January 2026, 14:00 UTC: 15:00 in Berlin, 09:00 in New York, 23:00 in Tokyo.
    at = datetime(2026, 1, 5, 14, 0, tzinfo=UTC)
    book = crm.Crm(clock=crm.FixedClock(at), seed=5, agenda_settings=s)
    due = {}
    for owner in ["ann", "kim", "sam"]:
        c = book.create_customer(given_name=owner.title(), owner=owner)
        book.log_interaction(c.id, channel="email", direction="inbound", kind="inquiry")
        (p,) = book.response_promises(c.id)
        due[owner] = p.due
    assert due == {
        "ann": datetime(2026, 1, 5, 18, 0, tzinfo=UTC),  # 13:00 in New York
        "kim": datetime(2026, 1, 6, 4, 0, tzinfo=UTC),  # Tuesday 13:00 in Tokyo
        "sam": datetime(2026, 1, 6, 10, 0, tzinfo=UTC),  # Tuesday 11:00 in Berlin (the book's)
    }
    answers = {i.owner: i.due for i in book.agenda(at) if i.origin is crm.Origin.RESPONSE_PROMISE}
    assert answers == due
    with pytest.raises(crm.ValidationError) as e:
        crm.AgendaSettings(team_of={"kim": " "})
    assert e.value.field == "calendars.team_of"
    with pytest.raises(TypeError):
        crm.AgendaSettings(owner_calendars={"ann": "America/New_York"})  # type: ignore[dict-item]


def test_contact_can_be_limited_to_business_hours() -> None:
    s = crm.AgendaSettings(team_calendars={"apac": crm.BusinessCalendar("Asia/Tokyo")}, team_of={"kim": "apac"})
    policy = crm.ContactPolicy(quiet_hours=None, allow_weekends=True, business_hours=True)
    assert policy.business_hours is True and "business_hours=True" in repr(policy)
    assert crm.ContactPolicy().business_hours is False
    # Monday 5 January 2026, 14:00 UTC: 23:00 in Tokyo, where Kim's team works.
    at = datetime(2026, 1, 5, 14, 0, tzinfo=UTC)
    book = crm.Crm(clock=crm.FixedClock(at), seed=5, agenda_settings=s, contact_policy=policy)
    kim = book.create_customer(given_name="Ivy", owner="kim")
    d = book.can_contact(kim.id, "phone", at)
    assert not d.allowed
    assert [r.code for r in d.reasons] == ["business_hours"]
    assert d.earliest == datetime(2026, 1, 6, 0, 0, tzinfo=UTC)  # Tuesday 09:00 in Tokyo
