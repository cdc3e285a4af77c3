"""Type stubs of the compiled module ``crm._crm`` (checked by ``mypy.stubtest``)."""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar, Literal, TypedDict, Union, final, overload

import pandas as pd

from crm._dedup import (
    CheckedCreate,
    CustomerDuplicateScan,
    DuplicateCandidate,
    DuplicateScan,
    MatchField,
    NameCounts,
    ScanStats,
)
from crm._frames import ArrowStream, ColumnMapping, DuplicateFrames, FrameLoad
from crm._progress import Progress
from crm._enums import (
    CaseStatus,
    Channel,
    ConsentStatus,
    Direction,
    FollowUpKind,
    FollowUpStatus,
    InteractionKind,
    Origin,
    PhoneKind,
    Priority,
    PromiseState,
    TouchCategory,
)

__all__ = [
    "__version__",
    "CrmError",
    "ValidationError",
    "NotFoundError",
    "ConflictError",
    "DecodeError",
    "JournalError",
    "CancelledError",
    "FixedClock",
    "LifecycleModel",
    "StageChange",
    "Customer",
    "Phone",
    "Address",
    "Birthday",
    "Interaction",
    "Purchase",
    "LineItem",
    "Case",
    "LastContact",
    "Crm",
    "ImportReport",
    "FollowUp",
    "ConsentRecord",
    "Consent",
    "ContactPolicy",
    "Blocker",
    "Decision",
    "BusinessCalendar",
    "AgendaSettings",
    "AgendaItem",
    "FieldChoice",
    "MoveCounts",
    "MergePreview",
    "MergeInfo",
    "MergeOutcome",
    "UnmergeOutcome",
    "MatchConfig",
    "find_duplicates",
    "ArrowTable",
    "_find_duplicates_frame",
    "blocking_keys",
    "name_counts",
    "PromiseStatus",
    "_JSON_CLASSES",
    "_to_json",
    "_from_json",
]

__version__: str

#: A phone as given: the number, a ``(number, kind)`` tuple, or ``{"number", "kind"}``.
_PhoneInput = Union[str, tuple[str, Union[PhoneKind, str]], Mapping[str, str]]
#: An address as given: lines (a list or one str), locality, region, postal_code, country, label.
_AddressInput = Mapping[str, Union[str, Sequence[str], None]]
#: A custom attribute value as given (``int`` is stored as a number, read back as ``float``).
_AttributeInput = Union[str, int, float, bool, date]
#: A custom attribute value as read back.
_AttributeValue = Union[str, float, bool, date]
#: A birthday as given: ``"1990-05-17"``, ``"--05-17"`` (year unknown) or a ``datetime.date``.
_BirthdayInput = Union[str, date]

#: The name of a merge rule (see the Rust docs of ``crm_core::merge::Rule``).
_MergeRuleName = Literal[
    "priority", "first_non_empty", "most_recent", "most_complete", "furthest_stage", "union", "max", "min"
]

class _RecordRule(TypedDict):
    """The value of one of the customers being merged (its id)."""

    record: str

class _ValueRule(TypedDict):
    """An explicit value, validated like the field's input (``None`` clears)."""

    value: Any

#: A merge rule: a name, ``{"record": id}`` or ``{"value": v}``.
_MergeRule = Union[_MergeRuleName, _RecordRule, _ValueRule]

class _MergePlan(TypedDict, total=False):
    """Declarative survivorship for ``Crm.merge``: a default rule, rules per field (``name``,
    ``emails``, ``phones``, ``addresses``, ``birthday``, ``time_zone``, ``tags``,
    ``attributes`` or ``attributes.<key>``, ``owner``, ``source``, ``company``, ``stage``,
    ``cadence``, ``created_at``) and the records' priority order."""

    default: Union[Literal["priority", "first_non_empty", "most_recent", "most_complete"], _RecordRule]
    fields: Mapping[str, _MergeRule]
    priority: Sequence[str]

# ----- errors -------------------------------------------------------------------------------

class CrmError(Exception):
    """Base class of every error raised by crm."""

    code: str
    kind: str
    field: str | None
    value: str | None
    row: int | None

class ValidationError(CrmError, ValueError): ...
class NotFoundError(CrmError, LookupError): ...
class ConflictError(CrmError): ...
class DecodeError(ValidationError): ...
class JournalError(CrmError): ...
class CancelledError(CrmError):
    #: For a stopped ``Crm.import_customers``: the report of the rows imported before it
    #: stopped (they stay imported).
    report: ImportReport

# ----- clock and lifecycle ------------------------------------------------------------------

@final
class FixedClock:
    def __new__(cls, at: datetime) -> FixedClock: ...
    def now(self) -> datetime: ...
    def set(self, at: datetime) -> None: ...
    def advance(self, delta: timedelta) -> None: ...

@final
class LifecycleModel:
    def __new__(cls, name: str, ordered: Sequence[str], side: Sequence[str] = ...) -> LifecycleModel: ...
    @staticmethod
    def default() -> LifecycleModel: ...
    @property
    def name(self) -> str: ...
    @property
    def stages(self) -> list[str]: ...
    @property
    def ordered(self) -> list[str]: ...
    @property
    def side(self) -> list[str]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class StageChange:
    @property
    def from_stage(self) -> str | None: ...
    @property
    def to_stage(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def actor(self) -> str | None: ...
    @property
    def reason(self) -> str | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# ----- customers ----------------------------------------------------------------------------

@final
class Phone:
    @property
    def number(self) -> str: ...
    @property
    def e164(self) -> str: ...
    @property
    def extension(self) -> str | None: ...
    @property
    def kind(self) -> PhoneKind: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Address:
    @property
    def lines(self) -> list[str]: ...
    @property
    def locality(self) -> str | None: ...
    @property
    def region(self) -> str | None: ...
    @property
    def postal_code(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def label(self) -> str | None: ...
    def one_line(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Birthday:
    @property
    def year(self) -> int | None: ...
    @property
    def month(self) -> int: ...
    @property
    def day(self) -> int: ...
    def occurrence_in(self, year: int) -> date: ...
    def age_on(self, date: date) -> int | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Customer:
    @property
    def id(self) -> str: ...
    @property
    def given_name(self) -> str | None: ...
    @property
    def family_name(self) -> str | None: ...
    @property
    def display_name(self) -> str: ...
    @property
    def emails(self) -> list[str]: ...
    @property
    def email_addresses(self) -> list[str]: ...
    @property
    def primary_email(self) -> str | None: ...
    @property
    def phones(self) -> list[Phone]: ...
    @property
    def addresses(self) -> list[Address]: ...
    @property
    def birthday(self) -> str | None: ...
    @property
    def birthday_parts(self) -> Birthday | None: ...
    @property
    def time_zone(self) -> str | None: ...
    @property
    def consent(self) -> Consent: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def attributes(self) -> dict[str, _AttributeValue]: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def company(self) -> str | None: ...
    @property
    def stage(self) -> str: ...
    @property
    def stage_history(self) -> list[StageChange]: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ImportReport:
    @property
    def created(self) -> list[str]: ...
    @property
    def rejected(self) -> list[CrmError]: ...
    @property
    def duplicates(self) -> list[tuple[int, CheckedCreate]]: ...

# ----- interactions -------------------------------------------------------------------------

@final
class LineItem:
    @property
    def name(self) -> str: ...
    @property
    def sku(self) -> str | None: ...
    @property
    def quantity(self) -> int: ...
    @property
    def unit_price_minor(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Purchase:
    @property
    def total_minor(self) -> int: ...
    @property
    def currency(self) -> str: ...
    @property
    def total_display(self) -> str: ...
    @property
    def items(self) -> list[LineItem]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Interaction:
    @property
    def id(self) -> str: ...
    @property
    def customer_id(self) -> str: ...
    @property
    def channel(self) -> Channel: ...
    @property
    def direction(self) -> Direction: ...
    @property
    def kind(self) -> InteractionKind: ...
    @property
    def at(self) -> datetime: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def body(self) -> str | None: ...
    @property
    def outcome(self) -> str | None: ...
    @property
    def actor(self) -> str | None: ...
    @property
    def purchase(self) -> Purchase | None: ...
    @property
    def case_id(self) -> str | None: ...
    @property
    def priority(self) -> Priority | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Case:
    @property
    def id(self) -> str: ...
    @property
    def customer_id(self) -> str: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def opened_by(self) -> str: ...
    @property
    def opened_at(self) -> datetime: ...
    @property
    def status(self) -> CaseStatus: ...
    @property
    def resolved_at(self) -> datetime | None: ...
    @property
    def resolution(self) -> str | None: ...
    @property
    def resolved_by(self) -> str | None: ...
    @property
    def priority(self) -> Priority | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class LastContact:
    @property
    def any(self) -> Interaction | None: ...
    @property
    def inbound(self) -> Interaction | None: ...
    @property
    def outbound(self) -> Interaction | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# ----- the book -----------------------------------------------------------------------------

@final
class Crm:
    def __new__(
        cls,
        *,
        clock: FixedClock | None = None,
        seed: int | None = None,
        default_region: str | None = None,
        lifecycle: LifecycleModel | None = None,
        contact_policy: ContactPolicy | None = None,
        time_zone: str | None = None,
        agenda_settings: AgendaSettings | None = None,
    ) -> Crm: ...
    @staticmethod
    def replay(
        events: str | Iterable[Mapping[str, Any]],
        *,
        clock: FixedClock | None = None,
        seed: int | None = None,
        default_region: str | None = None,
        lifecycle: LifecycleModel | None = None,
        contact_policy: ContactPolicy | None = None,
        time_zone: str | None = None,
        agenda_settings: AgendaSettings | None = None,
    ) -> Crm: ...
    @staticmethod
    def from_snapshot(
        snapshot: str,
        *,
        journal: str | Iterable[Mapping[str, Any]] | None = None,
        clock: FixedClock | None = None,
        seed: int | None = None,
        default_region: str | None = None,
        lifecycle: LifecycleModel | None = None,
        contact_policy: ContactPolicy | None = None,
        time_zone: str | None = None,
        agenda_settings: AgendaSettings | None = None,
    ) -> Crm: ...

    # commands
    def create_customer(
        self,
        *,
        given_name: str | None = None,
        family_name: str | None = None,
        display_name: str | None = None,
        emails: Iterable[str] | None = None,
        phones: Iterable[_PhoneInput] | None = None,
        default_region: str | None = None,
        addresses: Iterable[_AddressInput] | None = None,
        birthday: _BirthdayInput | None = None,
        time_zone: str | None = None,
        tags: Iterable[str] | None = None,
        attributes: Mapping[str, _AttributeInput] | None = None,
        owner: str | None = None,
        source: str | None = None,
        company: str | None = None,
        stage: str | None = None,
        actor: str | None = None,
        id: str | None = None,
    ) -> Customer: ...
    def import_customers(self, rows: Iterable[Mapping[str, Any]], *, progress: Progress = None) -> ImportReport: ...
    def update_customer(
        self,
        id: str,
        *,
        given_name: str | None = ...,
        family_name: str | None = ...,
        display_name: str | None = ...,
        emails: Iterable[str] | None = None,
        phones: Iterable[_PhoneInput] | None = None,
        default_region: str | None = None,
        addresses: Iterable[_AddressInput] | None = None,
        birthday: _BirthdayInput | None = ...,
        time_zone: str | None = ...,
        add_tags: Iterable[str] | None = None,
        remove_tags: Iterable[str] | None = None,
        set_attributes: Mapping[str, _AttributeInput] | None = None,
        remove_attributes: Iterable[str] | None = None,
        owner: str | None = ...,
        source: str | None = ...,
        company: str | None = ...,
        actor: str | None = None,
    ) -> Customer: ...
    def change_stage(
        self, id: str, stage: str, *, reason: str | None = None, actor: str | None = None
    ) -> Customer: ...
    def log_interaction(
        self,
        customer_id: str,
        *,
        channel: Channel | str,
        direction: Direction | str,
        kind: InteractionKind | str = "note",
        at: datetime | None = None,
        subject: str | None = None,
        body: str | None = None,
        outcome: str | None = None,
        actor: str | None = None,
        purchase: Mapping[str, Any] | None = None,
        case_id: str | None = None,
        priority: Priority | str | None = None,
        id: str | None = None,
    ) -> Interaction: ...
    def resolve_case(self, case_id: str, resolution: str, *, actor: str | None = None) -> Case: ...

    # reads
    def customer(self, id: str) -> Customer: ...
    def interaction(self, id: str) -> Interaction: ...
    def case(self, id: str) -> Case: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Customer]: ...
    def __contains__(self, id: object, /) -> bool: ...
    def find_by_email(self, email: str) -> Customer | None: ...
    def find_by_phone(self, phone: str) -> list[Customer]: ...
    def customers_with_tag(self, tag: str) -> list[Customer]: ...
    def customers_owned_by(self, owner: str) -> list[Customer]: ...
    def customers_in_stage(self, stage: str) -> list[Customer]: ...
    def stage_counts(self) -> list[tuple[str, int]]: ...
    def entered_stage_at(self, id: str, stage: str) -> datetime | None: ...
    def time_in_stage(self, id: str, stage: str) -> timedelta: ...
    def timeline(
        self,
        id: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        channels: Iterable[Channel | str] | None = None,
        direction: Direction | str | None = None,
        kinds: Iterable[InteractionKind | str] | None = None,
    ) -> list[Interaction]: ...
    def last_contact(self, id: str) -> LastContact: ...
    def outbound_touches(
        self, id: str, start: datetime, end: datetime, channel: Channel | str | None = None
    ) -> int: ...
    def cases_of(self, id: str) -> list[Case]: ...
    def open_cases(self) -> list[Case]: ...
    @property
    def lifecycle(self) -> LifecycleModel: ...
    @property
    def default_region(self) -> str | None: ...
    def now(self) -> datetime: ...
    @property
    def contact_policy(self) -> ContactPolicy: ...
    @property
    def time_zone(self) -> str: ...

    # scheduling
    def schedule_follow_up(
        self,
        customer_id: str,
        due: datetime,
        *,
        kind: FollowUpKind | str = "task",
        channel: Channel | str | None = None,
        priority: Priority | str = "normal",
        note: str | None = None,
        owner: str | None = None,
        recurrence: str | None = None,
        id: str | None = None,
        actor: str | None = None,
    ) -> FollowUp: ...
    def reschedule_follow_up(self, id: str, due: datetime, *, actor: str | None = None) -> FollowUp: ...
    def snooze_follow_up(self, id: str, until: datetime, *, actor: str | None = None) -> FollowUp: ...
    def complete_follow_up(self, id: str, *, actor: str | None = None) -> FollowUp | None: ...
    def cancel_follow_up(self, id: str, *, actor: str | None = None) -> FollowUp: ...
    def follow_up(self, id: str) -> FollowUp: ...
    def follow_ups_of(self, customer_id: str) -> list[FollowUp]: ...
    def next_planned_contact(self, customer_id: str) -> FollowUp | None: ...
    def due_follow_ups(self, until: datetime) -> list[FollowUp]: ...
    def days_since_last_contact(self, customer_id: str) -> int | None: ...
    def set_consent(
        self,
        customer_id: str,
        scope: Channel | str,
        status: ConsentStatus | str,
        *,
        source: str | None = None,
        actor: str | None = None,
    ) -> Customer: ...
    def can_contact(
        self,
        customer_id: str,
        channel: Channel | str,
        at: datetime,
        *,
        category: TouchCategory | str = "service",
        override_reason: str | None = None,
    ) -> Decision: ...

    # agenda
    def agenda(
        self,
        now: datetime,
        window: timedelta = ...,
        *,
        owner: str | None = None,
        channel: Channel | str | None = None,
        stage: str | None = None,
        tag: str | None = None,
    ) -> list[AgendaItem]: ...
    @overload
    def agenda_frame(
        self,
        now: datetime,
        window: timedelta = ...,
        *,
        owner: str | None = None,
        channel: Channel | str | None = None,
        stage: str | None = None,
        tag: str | None = None,
        backend: Literal["pandas"] = "pandas",
    ) -> pd.DataFrame: ...
    @overload
    def agenda_frame(
        self,
        now: datetime,
        window: timedelta = ...,
        *,
        owner: str | None = None,
        channel: Channel | str | None = None,
        stage: str | None = None,
        tag: str | None = None,
        backend: str,
    ) -> Any: ...
    def _load_frame(
        self,
        frame: ArrowStream,
        columns: ColumnMapping | None = None,
        *,
        attributes: Sequence[str] | Mapping[str, str] | None = None,
        actor: str | None = None,
    ) -> tuple[int, ArrowTable, ArrowTable, ArrowTable]: ...
    def load_frame(
        self,
        frame: ArrowStream | pd.DataFrame,
        columns: ColumnMapping | None = None,
        *,
        attributes: Sequence[str] | Mapping[str, str] | None = None,
        actor: str | None = None,
        backend: str = "pandas",
    ) -> FrameLoad: ...
    @overload
    def customers_frame(self, *, backend: Literal["pandas"] = "pandas") -> pd.DataFrame: ...
    @overload
    def customers_frame(self, *, backend: str) -> Any: ...
    @overload
    def interactions_frame(self, *, backend: Literal["pandas"] = "pandas") -> pd.DataFrame: ...
    @overload
    def interactions_frame(self, *, backend: str) -> Any: ...
    def _duplicates_frames(
        self, config: MatchConfig | None = None
    ) -> tuple[ArrowTable, ArrowTable, ScanStats]: ...
    def duplicates_frames(
        self, config: MatchConfig | None = None, *, backend: str = "pandas"
    ) -> DuplicateFrames: ...
    def response_promises(self, customer_id: str) -> list[PromiseStatus]: ...
    def change_settings(
        self,
        *,
        agenda_settings: AgendaSettings | None = None,
        contact_policy: ContactPolicy | None = None,
        time_zone: str | None = None,
        actor: str | None = None,
    ) -> None: ...
    @property
    def agenda_settings(self) -> AgendaSettings: ...

    # merging
    def merge_preview(
        self,
        survivor: str,
        others: Iterable[str],
        plan: _MergePlan | None = None,
        *,
        actor: str | None = None,
    ) -> MergePreview: ...
    def merge(
        self,
        survivor: str,
        others: Iterable[str],
        *,
        plan: _MergePlan | None = None,
        reason: str | None = None,
        scores: Any = None,
        actor: str | None = None,
    ) -> MergeOutcome: ...
    def unmerge(
        self, merge_id: str, *, reason: str | None = None, actor: str | None = None
    ) -> UnmergeOutcome: ...
    def merges(self, customer_id: str | None = None) -> list[MergeInfo]: ...
    def merged_into(self, id: str) -> str | None: ...
    # duplicates
    def find_duplicates(
        self, config: MatchConfig | None = None, *, progress: Progress = None
    ) -> CustomerDuplicateScan: ...
    def check_duplicates(
        self, record: Mapping[str, Any], config: MatchConfig | None = None
    ) -> list[DuplicateCandidate]: ...
    def set_duplicate_guard(
        self,
        config: MatchConfig | None,
        on_duplicate: Literal["warn", "block", "merge"] = "warn",
    ) -> None: ...
    @property
    def duplicate_guard(self) -> tuple[MatchConfig, Literal["warn", "block", "merge"]] | None: ...
    def create_customer_checked(
        self,
        *,
        given_name: str | None = None,
        family_name: str | None = None,
        display_name: str | None = None,
        emails: Iterable[str] | None = None,
        phones: Iterable[_PhoneInput] | None = None,
        default_region: str | None = None,
        addresses: Iterable[_AddressInput] | None = None,
        birthday: _BirthdayInput | None = None,
        time_zone: str | None = None,
        tags: Iterable[str] | None = None,
        attributes: Mapping[str, _AttributeInput] | None = None,
        owner: str | None = None,
        source: str | None = None,
        company: str | None = None,
        stage: str | None = None,
        actor: str | None = None,
        id: str | None = None,
    ) -> CheckedCreate: ...

    # journal
    def events_json(self) -> str: ...
    def events(self) -> list[dict[str, Any]]: ...
    def snapshot_json(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# ----- scheduling ---------------------------------------------------------------------------

@final
class FollowUp:
    @property
    def id(self) -> str: ...
    @property
    def customer_id(self) -> str: ...
    @property
    def due(self) -> datetime: ...
    @property
    def kind(self) -> FollowUpKind: ...
    @property
    def channel(self) -> Channel | None: ...
    @property
    def priority(self) -> Priority: ...
    @property
    def note(self) -> str | None: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def status(self) -> FollowUpStatus: ...
    @property
    def origin(self) -> Origin: ...
    @property
    def recurrence(self) -> str | None: ...
    @property
    def series_start(self) -> datetime: ...
    @property
    def occurrence(self) -> int: ...
    @property
    def planned(self) -> datetime: ...
    @property
    def closed_at(self) -> datetime | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ConsentRecord:
    @property
    def status(self) -> ConsentStatus: ...
    @property
    def at(self) -> datetime: ...
    @property
    def source(self) -> str | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Consent:
    @property
    def channels(self) -> dict[str, ConsentRecord]: ...
    @property
    def marketing(self) -> ConsentRecord | None: ...
    @property
    def do_not_contact(self) -> ConsentRecord | None: ...
    @property
    def is_do_not_contact(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ContactPolicy:
    def __new__(
        cls,
        *,
        caps: Iterable[tuple[Channel | str | None, int, timedelta]] | None = None,
        min_gap: timedelta | None = None,
        quiet_hours: tuple[time, time] | None = ...,
        allow_weekends: bool = False,
        exempt: Iterable[TouchCategory | str] | None = None,
        business_hours: bool = False,
    ) -> ContactPolicy: ...
    @property
    def caps(self) -> list[tuple[str | None, int, timedelta]]: ...
    @property
    def min_gap(self) -> timedelta | None: ...
    @property
    def quiet_hours(self) -> tuple[time, time] | None: ...
    @property
    def allow_weekends(self) -> bool: ...
    @property
    def business_hours(self) -> bool: ...
    @property
    def exempt(self) -> list[TouchCategory]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Blocker:
    @property
    def code(self) -> str: ...
    @property
    def until(self) -> datetime | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Decision:
    @property
    def allowed(self) -> bool: ...
    @property
    def earliest(self) -> datetime | None: ...
    @property
    def reasons(self) -> list[Blocker]: ...
    @property
    def overridden(self) -> str | None: ...
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# ----- the agenda ---------------------------------------------------------------------------

@final
class BusinessCalendar:
    def __new__(
        cls,
        time_zone: str,
        *,
        hours: Mapping[str, Sequence[tuple[time, time]]] | None = None,
        holidays: Sequence[date] = ...,
    ) -> BusinessCalendar: ...
    @property
    def time_zone(self) -> str: ...
    @property
    def hours(self) -> dict[str, list[tuple[time, time]]]: ...
    @property
    def holidays(self) -> list[date]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class AgendaSettings:
    def __new__(
        cls,
        *,
        cadences: Sequence[tuple[int, str | None, str | None]] = ...,
        response_promise: tuple[BusinessCalendar, timedelta, timedelta] | None = None,
        response_priorities: Mapping[Priority | str, tuple[timedelta, timedelta]] | None = None,
        owner_calendars: Mapping[str, BusinessCalendar] | None = None,
        team_calendars: Mapping[str, BusinessCalendar] | None = None,
        team_of: Mapping[str, str] | None = None,
        birthday_lead_days: Sequence[int] = ...,
        reminder_time: time = ...,
        case_check_after_days: int | None = ...
    ) -> AgendaSettings: ...
    @property
    def cadences(self) -> list[tuple[int, str | None, str | None]]: ...
    @property
    def response_promise(self) -> tuple[BusinessCalendar, timedelta, timedelta] | None: ...
    @property
    def response_priorities(self) -> dict[Priority, tuple[timedelta, timedelta]]: ...
    @property
    def owner_calendars(self) -> dict[str, BusinessCalendar]: ...
    @property
    def team_calendars(self) -> dict[str, BusinessCalendar]: ...
    @property
    def team_of(self) -> dict[str, str]: ...
    @property
    def birthday_lead_days(self) -> list[int]: ...
    @property
    def reminder_time(self) -> time: ...
    @property
    def case_check_after_days(self) -> int | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class AgendaItem:
    @property
    def customer_id(self) -> str: ...
    @property
    def origin(self) -> Origin: ...
    @property
    def kind(self) -> FollowUpKind: ...
    @property
    def follow_up_id(self) -> str | None: ...
    @property
    def interaction_id(self) -> str | None: ...
    @property
    def channel(self) -> Channel | None: ...
    @property
    def priority(self) -> Priority: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def due(self) -> datetime: ...
    @property
    def overdue(self) -> bool: ...
    @property
    def contact_at(self) -> datetime | None: ...
    @property
    def moved_by(self) -> list[Blocker]: ...
    @property
    def reason(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# ----- merging ------------------------------------------------------------------------------

@final
class FieldChoice:
    @property
    def field(self) -> str: ...
    @property
    def rule(self) -> str | None: ...
    @property
    def source(self) -> Literal["record", "records", "explicit", "empty"]: ...
    @property
    def customer_ids(self) -> list[str]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MoveCounts:
    @property
    def interactions(self) -> int: ...
    @property
    def purchases(self) -> int: ...
    @property
    def cases(self) -> int: ...
    @property
    def follow_ups(self) -> int: ...
    @property
    def pending_follow_ups(self) -> int: ...
    @property
    def stage_changes(self) -> int: ...
    def to_dict(self) -> dict[str, int]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MergePreview:
    @property
    def customer(self) -> Customer: ...
    @property
    def absorbed(self) -> list[str]: ...
    @property
    def fields(self) -> list[FieldChoice]: ...
    @property
    def moved(self) -> MoveCounts: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MergeOutcome:
    @property
    def merge_id(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def survivor_id(self) -> str: ...
    @property
    def absorbed(self) -> list[str]: ...
    @property
    def fields(self) -> list[FieldChoice]: ...
    @property
    def moved(self) -> MoveCounts: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MergeInfo:
    @property
    def merge_id(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def at(self) -> datetime: ...
    @property
    def actor(self) -> str | None: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def survivor_id(self) -> str: ...
    @property
    def absorbed(self) -> list[str]: ...
    @property
    def undone_at(self) -> datetime | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class UnmergeOutcome:
    @property
    def merge_id(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def survivor_id(self) -> str: ...
    @property
    def restored(self) -> list[str]: ...
    @property
    def kept(self) -> list[str]: ...
    @property
    def moved(self) -> MoveCounts: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
# ----- duplicates ---------------------------------------------------------------------------

@final
class MatchConfig:
    def __new__(
        cls,
        match_threshold: float = 0.9,
        review_threshold: float = 0.5,
        *,
        term_frequency: bool = True,
        estimation: Literal["none", "u", "em"] = "none",
        conflicts: Iterable[MatchField | str] | None = None,
        rules: Iterable[str] | None = None,
        rule_mode: Literal["either", "both", "rules_only"] = "either",
        corroboration_bits: float = 5.0,
        max_block: int = 40,
        window: int = 3,
        seed: int = 24301,
    ) -> MatchConfig: ...
    @property
    def match_threshold(self) -> float: ...
    @property
    def review_threshold(self) -> float: ...
    @property
    def term_frequency(self) -> bool: ...
    @property
    def estimation(self) -> Literal["none", "u", "em"]: ...
    @property
    def conflicts(self) -> list[MatchField]: ...
    @property
    def rules(self) -> list[str]: ...
    @property
    def rule_mode(self) -> Literal["either", "both", "rules_only"]: ...
    @property
    def corroboration_bits(self) -> float: ...
    @property
    def max_block(self) -> int: ...
    @property
    def window(self) -> int: ...
    @property
    def seed(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def find_duplicates(
    records: Iterable[Mapping[Any, Any]] | ArrowStream,
    config: MatchConfig | None = None,
    *,
    progress: Progress = None,
    name_counts: NameCounts | None = None,
    columns: ColumnMapping | None = None,
) -> DuplicateScan: ...
def _find_duplicates_frame(
    frame: ArrowStream,
    config: MatchConfig | None = None,
    *,
    columns: ColumnMapping | None = None,
    progress: Progress = None,
) -> tuple[ArrowTable, ArrowTable, ScanStats]: ...
@final
class ArrowTable:
    """A table built by crm, for pyarrow, polars or pandas (``__arrow_c_stream__``)."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> list[str]: ...
    def __len__(self) -> int: ...
def blocking_keys(records: Iterable[Mapping[Any, Any]] | ArrowStream) -> list[list[int]]: ...
def name_counts(records: Iterable[Mapping[Any, Any]] | ArrowStream) -> NameCounts: ...
@final
class PromiseStatus:
    @property
    def interaction_id(self) -> str: ...
    @property
    def customer_id(self) -> str: ...
    @property
    def kind(self) -> InteractionKind: ...
    @property
    def channel(self) -> Channel: ...
    @property
    def priority(self) -> Priority | None: ...
    @property
    def received_at(self) -> datetime: ...
    @property
    def due(self) -> datetime: ...
    @property
    def answered_at(self) -> datetime | None: ...
    @property
    def state(self) -> PromiseState: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# ----- pickling through the JSON form (crm/_pickle.py) ---------------------------------------

_JSON_CLASSES: list[str]

def _to_json(obj: object) -> tuple[str, str]: ...
def _from_json(name: str, json: str) -> Any: ...
