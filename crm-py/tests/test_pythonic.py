"""The Pythonic surface as a whole: every public name documented and shown by help(), every
class with a repr and equality, pickling through the JSON form (value classes, a book, a
clock), str enums, and the error hierarchy."""

from __future__ import annotations

import builtins
import copy
import enum
import inspect
import pickle
import pydoc
import typing
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest

import crm

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def public_names() -> list[str]:
    return [n for n in crm.__all__ if not n.startswith("__")]


def is_type_alias(obj: object) -> bool:
    """A ``Literal[...]`` alias (documented by a comment, it has no docstring of its own)."""
    return typing.get_origin(obj) is typing.Literal


# ----- documentation ------------------------------------------------------------------------


@pytest.mark.parametrize("name", public_names())
def test_every_public_name_has_a_docstring_and_help_renders_it(name: str) -> None:
    obj = getattr(crm, name)
    if is_type_alias(obj):
        return
    assert inspect.isclass(obj) or callable(obj), name
    doc = inspect.getdoc(obj)
    assert doc and doc.strip(), f"crm.{name} has no docstring"
    text = pydoc.plain(pydoc.render_doc(obj))
    assert doc.splitlines()[0] in text


@pytest.mark.parametrize("name", [n for n in public_names() if inspect.isclass(getattr(crm, n))])
def test_every_public_method_and_property_is_documented(name: str) -> None:
    cls = getattr(crm, name)
    if not cls.__module__.startswith("crm") or issubclass(cls, (enum.Enum, dict)):
        return
    undocumented = [
        attr
        for attr, value in vars(cls).items()
        if not attr.startswith("_") and not (getattr(value, "__doc__", None) or "").strip()
    ]
    assert undocumented == [], f"crm.{name}: {undocumented}"


def test_the_new_modules_are_documented() -> None:
    import crm.dask

    for obj in [crm.dask, crm.dask.find_duplicates_dask, crm.dask.link_groups, crm._progress.TqdmBars]:
        assert (inspect.getdoc(obj) or "").strip(), obj


# ----- a book with one of everything -------------------------------------------------------


class Scene:
    """A book on a fixed clock with two customers (one merged into the other and back), an
    interaction with a purchase, a complaint case, a follow-up and consent."""

    def __init__(self) -> None:
        self.clock = crm.FixedClock(T0)
        calendar = crm.BusinessCalendar("Europe/London", holidays=[date(2026, 12, 25)])
        self.book = crm.Crm(
            clock=self.clock,
            seed=5,
            contact_policy=crm.ContactPolicy(quiet_hours=(time(20), time(8))),
            agenda_settings=crm.AgendaSettings(
                cadences=[(30, None, None)], response_promise=(calendar, timedelta(hours=1), timedelta(hours=4))
            ),
        )
        b = self.book
        self.ada = b.create_customer(
            given_name="Ada",
            family_name="Lovelace",
            emails=["ada@example.com"],
            phones=["+44 20 7946 0018"],
            addresses=[{"lines": ["12 St James's Square"], "locality": "London", "postal_code": "SW1Y 4JH", "country": "GB"}],
            birthday="1815-12-10",
            time_zone="Europe/London",
            tags=["vip"],
        )
        self.dup = b.create_customer(given_name="Ada", family_name="Lovelace", emails=["ada.l@example.org"])
        b.change_stage(self.ada.id, "lead")
        self.sale = b.log_interaction(
            self.ada.id,
            channel="email",
            direction="inbound",
            kind="sale",
            purchase={"currency": "GBP", "items": [{"name": "Engine", "quantity": 1, "unit_price_minor": 125000}]},
        )
        self.complaint = b.log_interaction(self.ada.id, channel="email", direction="inbound", kind="complaint")
        self.follow_up = b.schedule_follow_up(self.ada.id, T0 + timedelta(days=1), kind="call", channel="phone")
        b.set_consent(self.ada.id, "marketing", "granted", source="web form")
        self.preview = b.merge_preview(self.ada.id, [self.dup.id])
        self.merged = b.merge(self.ada.id, [self.dup.id], reason="same person")
        self.unmerged = b.unmerge(self.merged.merge_id, reason="two people")

    def values(self) -> dict[str, object]:
        """One instance of each class, by class name."""
        b, ada = self.book, self.book.customer(self.ada.id)
        assert self.sale.purchase is not None
        decision = b.can_contact(ada.id, "phone", T0.replace(hour=23))
        assert ada.consent.marketing is not None and ada.birthday_parts is not None
        return {
            "Customer": ada,
            "Phone": ada.phones[0],
            "Address": ada.addresses[0],
            "Birthday": ada.birthday_parts,
            "Interaction": self.sale,
            "Purchase": self.sale.purchase,
            "LineItem": self.sale.purchase.items[0],
            "Case": b.cases_of(ada.id)[0],
            "LastContact": b.last_contact(ada.id),
            "FollowUp": self.follow_up,
            "ConsentRecord": ada.consent.marketing,
            "Consent": ada.consent,
            "ContactPolicy": b.contact_policy,
            "Decision": decision,
            "Blocker": decision.reasons[0],
            "BusinessCalendar": crm.BusinessCalendar("Europe/Berlin"),
            "AgendaSettings": b.agenda_settings,
            "AgendaItem": b.agenda(T0, timedelta(days=60))[0],
            "PromiseStatus": b.response_promises(ada.id)[0],
            "LifecycleModel": b.lifecycle,
            "StageChange": ada.stage_history[0],
            "FieldChoice": self.preview.fields[0],
            "MoveCounts": self.preview.moved,
            "MergePreview": self.preview,
            "MergeOutcome": self.merged,
            "MergeInfo": self.book.merges()[0],
            "UnmergeOutcome": self.unmerged,
            "MatchConfig": crm.MatchConfig(0.95, rules=["email=exact"], estimation="u"),
            "ImportReport": b.import_customers([{"given_name": "Grace"}, {"emails": ["bad"]}]),
            "FixedClock": self.clock,
            "Crm": b,
            "ArrowTable": b.customers_frame(backend="arrow"),
        }


@pytest.fixture(scope="module")
def scene() -> Scene:
    return Scene()


def test_the_scene_covers_every_public_class(scene: Scene) -> None:
    classes = {
        n
        for n in public_names()
        if inspect.isclass(getattr(crm, n))
        and getattr(crm, n).__module__ == "crm"
        and not issubclass(getattr(crm, n), BaseException)
    }
    assert classes == set(scene.values())


# ----- repr, equality, pickling -------------------------------------------------------------


def test_every_class_has_a_repr_naming_it(scene: Scene) -> None:
    for name, value in scene.values().items():
        text = repr(value)
        assert text.startswith(f"{name}("), text
        assert " object at 0x" not in text


#: Classes with equality by value (the rest are live objects or hold exceptions).
VALUE_CLASSES = [
    "Customer", "Phone", "Address", "Birthday", "Interaction", "Purchase", "LineItem", "Case",
    "LastContact", "FollowUp", "ConsentRecord", "Consent", "ContactPolicy", "Decision", "Blocker",
    "BusinessCalendar", "AgendaSettings", "AgendaItem", "PromiseStatus", "LifecycleModel",
    "StageChange", "FieldChoice", "MoveCounts", "MergePreview", "MergeOutcome", "UnmergeOutcome",
    "MergeInfo", "MatchConfig",
]  # fmt: skip


@pytest.mark.parametrize("name", VALUE_CLASSES)
def test_value_classes_compare_by_value(scene: Scene, name: str) -> None:
    value = scene.values()[name]
    again = Scene().values()[name]  # an equal book built again (fixed clock and seed)
    assert value == again
    assert value != object()
    assert (value == 1) is False


#: Value classes pickled through their JSON form (LastContact and the merge results and
#: records are views that have no JSON form of their own in the core).
JSON_CLASSES = [
    n for n in VALUE_CLASSES if n not in {"LastContact", "MergePreview", "MergeOutcome", "UnmergeOutcome", "MergeInfo"}
]


def test_the_json_classes_are_the_ones_pickled() -> None:
    assert sorted(crm._crm._JSON_CLASSES) == sorted(JSON_CLASSES)


@pytest.mark.parametrize("name", JSON_CLASSES)
def test_value_classes_pickle_and_copy_through_their_json_form(scene: Scene, name: str) -> None:
    value = scene.values()[name]
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        data = pickle.dumps(value, protocol)
        assert b'"' in data, "the state is JSON text"
        back = pickle.loads(data)
        assert type(back) is type(value)
        assert back == value
        assert repr(back) == repr(value)
    assert copy.copy(value) == value and copy.deepcopy(value) == value


def test_a_book_pickles_as_its_journal(scene: Scene) -> None:
    back = pickle.loads(pickle.dumps(scene.book))
    assert isinstance(back, crm.Crm)
    assert back.events_json() == scene.book.events_json()
    assert back.customer(scene.ada.id) == scene.book.customer(scene.ada.id)
    assert len(back) == len(scene.book)
    assert back.agenda_settings == scene.book.agenda_settings


def test_a_fixed_clock_pickles_as_its_instant(scene: Scene) -> None:
    back = pickle.loads(pickle.dumps(scene.clock))
    assert back.now() == scene.clock.now()
    back.advance(timedelta(hours=1))
    assert back.now() != scene.clock.now(), "a new clock, not shared"


def test_a_corrupt_pickle_is_a_decode_error() -> None:
    with pytest.raises(crm.DecodeError) as info:
        crm._pickle._from_json("Phone", '{"number": 5}')
    assert info.value.code == "decode"
    with pytest.raises(TypeError):
        crm._pickle._from_json("Nothing", "{}")


def test_scan_results_are_plain_data_that_pickle() -> None:
    scan = crm.find_duplicates([{"given_name": "Bob", "emails": ["b@example.com"]}] * 2)
    assert pickle.loads(pickle.dumps(scan)) == scan


# ----- iteration, enums, datetimes ----------------------------------------------------------


def test_a_book_iterates_over_its_customers(scene: Scene) -> None:
    ids = [c.id for c in scene.book]
    assert len(ids) == len(scene.book) and scene.ada.id in ids
    assert all(isinstance(c, crm.Customer) for c in scene.book)


ENUMS = [getattr(crm, n) for n in public_names() if inspect.isclass(getattr(crm, n)) and issubclass(getattr(crm, n), enum.Enum)]


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
def test_enums_are_str_enums(cls: type[enum.Enum]) -> None:
    for member in cls:
        assert isinstance(member, str)
        assert str(member) == member.value == f"{member}"
        assert cls(member.value) is member
        assert pickle.loads(pickle.dumps(member)) is member


def test_datetimes_are_tz_aware_in_and_out(scene: Scene) -> None:
    assert scene.follow_up.due.tzinfo is not None
    with pytest.raises(crm.ValidationError, match="naive datetime"):
        scene.book.schedule_follow_up(scene.ada.id, datetime(2026, 1, 9, 9, 0))


# ----- errors -------------------------------------------------------------------------------

ERRORS = [getattr(crm, n) for n in public_names() if inspect.isclass(getattr(crm, n)) and issubclass(getattr(crm, n), BaseException)]


def test_the_error_hierarchy() -> None:
    assert {e.__name__ for e in ERRORS} == {
        "CrmError",
        "ValidationError",
        "NotFoundError",
        "ConflictError",
        "DecodeError",
        "JournalError",
        "CancelledError",
    }
    assert all(issubclass(e, crm.CrmError) for e in ERRORS)
    assert issubclass(crm.ValidationError, ValueError)
    assert issubclass(crm.NotFoundError, LookupError)
    assert issubclass(crm.DecodeError, crm.ValidationError)
    # No name shadows a built-in exception (an import's row errors are the class of the row's
    # error, with .row set: see test_customers).
    assert not [e.__name__ for e in ERRORS if hasattr(builtins, e.__name__)]


def test_errors_carry_code_and_field(scene: Scene) -> None:
    cases: list[tuple[Any, type[crm.CrmError], str, str | None]] = [
        (lambda: scene.book.create_customer(emails=["nope"]), crm.ValidationError, "invalid_email", "emails[0]"),
        (lambda: scene.book.customer("019b8d62-7a80-73dd-9cc8-98c056e5f6b6"), crm.NotFoundError, "not_found", "id"),
        (lambda: scene.book.create_customer(emails=["ada@example.com"]), crm.ConflictError, "conflict", "email"),
        (lambda: crm.Crm.replay("{"), crm.DecodeError, "decode", None),
        (lambda: crm.find_duplicates([{}], progress=lambda *a: False), crm.CancelledError, "cancelled", None),
    ]
    for call, cls, code, field in cases:
        with pytest.raises(cls) as info:
            call()
        assert (info.value.code, info.value.field) == (code, field)
