"""crm: an embeddable, event-sourced CRM core, written in Rust.

A :class:`Crm` is a book of customers. Every command (``create_customer``,
``update_customer``, ``change_stage``, ``log_interaction``, ``resolve_case``) is validated by
the Rust core, recorded as events and applied; a command that fails raises a
:class:`CrmError` subclass and changes nothing. The journal (``events_json()``) rebuilds an
equal book with :meth:`Crm.replay`.

>>> from datetime import datetime, timezone
>>> import crm
>>> book = crm.Crm(clock=crm.FixedClock(datetime(2026, 1, 5, 9, tzinfo=timezone.utc)), seed=42)
>>> ada = book.create_customer(given_name="Ada", family_name="Lovelace", emails=["Ada@Example.com"])
>>> ada.emails
['ada@example.com']
"""

from __future__ import annotations

from ._crm import (
    Address,
    AgendaItem,
    AgendaSettings,
    Birthday,
    Blocker,
    BusinessCalendar,
    Case,
    ConflictError,
    Consent,
    ConsentRecord,
    ContactPolicy,
    Crm,
    CrmError,
    Customer,
    DecodeError,
    Decision,
    FixedClock,
    FollowUp,
    ImportReport,
    Interaction,
    JournalError,
    LastContact,
    LifecycleModel,
    LineItem,
    NotFoundError,
    Phone,
    PromiseStatus,
    Purchase,
    StageChange,
    ValidationError,
    __version__,
)
from ._enums import (
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
    "Address",
    "AgendaItem",
    "AgendaSettings",
    "Birthday",
    "Blocker",
    "BusinessCalendar",
    "Case",
    "CaseStatus",
    "Channel",
    "ConflictError",
    "Consent",
    "ConsentRecord",
    "ConsentStatus",
    "ContactPolicy",
    "Crm",
    "CrmError",
    "Customer",
    "Decision",
    "DecodeError",
    "Direction",
    "FixedClock",
    "FollowUp",
    "FollowUpKind",
    "FollowUpStatus",
    "ImportReport",
    "Interaction",
    "InteractionKind",
    "JournalError",
    "LastContact",
    "LifecycleModel",
    "LineItem",
    "NotFoundError",
    "Origin",
    "Phone",
    "PhoneKind",
    "Priority",
    "PromiseState",
    "PromiseStatus",
    "Purchase",
    "StageChange",
    "TouchCategory",
    "ValidationError",
    "__version__",
]
