"""The string enums of crm.

Each member *is* a ``str`` whose value is the core's snake_case name, so members compare
equal to plain strings (``Channel.EMAIL == "email"``) and every function that takes one also
takes the plain string. ``str()`` and f-strings give the bare value.
"""

from __future__ import annotations

import enum

__all__ = [
    "CaseStatus",
    "Channel",
    "ConsentStatus",
    "Direction",
    "FollowUpKind",
    "FollowUpStatus",
    "InteractionKind",
    "Origin",
    "PhoneKind",
    "Priority",
    "PromiseState",
    "TouchCategory",
]


class _StrEnum(str, enum.Enum):
    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, format_spec: str) -> str:
        return format(str(self.value), format_spec)


class Channel(_StrEnum):
    """The medium of an interaction."""

    EMAIL = "email"
    PHONE = "phone"
    SMS = "sms"
    MEETING = "meeting"
    WEBINAR = "webinar"
    CHAT = "chat"
    SOCIAL = "social"
    WEB_FORM = "web_form"
    LETTER = "letter"
    IN_PERSON = "in_person"
    OTHER = "other"


class Direction(_StrEnum):
    """Who started an interaction."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"


class InteractionKind(_StrEnum):
    """What an interaction was about; logging a complaint opens a case."""

    NOTE = "note"
    INQUIRY = "inquiry"
    COMPLAINT = "complaint"
    SUPPORT = "support"
    SALE = "sale"
    MARKETING = "marketing"


class PhoneKind(_StrEnum):
    """The kind of a phone number."""

    MOBILE = "mobile"
    HOME = "home"
    WORK = "work"
    FAX = "fax"
    OTHER = "other"


class CaseStatus(_StrEnum):
    """Whether a case (a complaint) is still open."""

    OPEN = "open"
    RESOLVED = "resolved"


class FollowUpKind(_StrEnum):
    """What a follow-up plans."""

    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    TASK = "task"
    BIRTHDAY = "birthday"
    CHECK_BACK = "check_back"
    CUSTOM = "custom"


class FollowUpStatus(_StrEnum):
    """Where a follow-up stands (open and snoozed ones are pending)."""

    OPEN = "open"
    DONE = "done"
    SNOOZED = "snoozed"
    CANCELLED = "cancelled"


class Origin(_StrEnum):
    """Why a follow-up exists."""

    MANUAL = "manual"
    CADENCE = "cadence"
    RESPONSE_PROMISE = "response_promise"
    IMPORTANT_DATE = "important_date"
    CASE_CHECK = "case_check"


class Priority(_StrEnum):
    """How urgent a follow-up is."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class TouchCategory(_StrEnum):
    """What kind of outbound touch is planned; consent and the contact policy treat them differently."""

    SERVICE = "service"
    MARKETING = "marketing"
    TRANSACTIONAL = "transactional"
    REQUESTED = "requested"


class ConsentStatus(_StrEnum):
    """Whether a consent item was granted or denied (a granted do-not-contact means: do not contact)."""

    GRANTED = "granted"
    DENIED = "denied"


class PromiseState(_StrEnum):
    """Where a promised response to an inbound inquiry or complaint stands."""

    DUE = "due"
    FULFILLED_ON_TIME = "fulfilled_on_time"
    BREACHED = "breached"
