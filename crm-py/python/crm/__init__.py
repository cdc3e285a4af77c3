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

:func:`find_duplicates` finds duplicate customers among plain records (a list of dicts or a
pandas, polars or pyarrow frame, read through the Arrow PyCapsule interface) and :meth:`Crm.find_duplicates` among the customers of a book, each pair
with a per-field explanation:

>>> scan = crm.find_duplicates([
...     {"given_name": "Robert", "family_name": "Smith", "emails": ["bob.smith@example.com"]},
...     {"given_name": "Bob", "family_name": "Smith", "emails": ["Bob.Smith@example.com"]},
... ])
>>> scan["groups"][0]["members"], scan["pairs"][0]["explanation"]["fields"][0]["level"]
([0, 1], 'nickname')

Long scans and imports release the GIL, stop on Ctrl-C and report progress
(``progress=callable`` or ``progress=True`` for tqdm bars); :mod:`crm.dask` runs the same
matching on a Dask cluster; value classes and books pickle through their JSON form.
"""

from __future__ import annotations

from ._crm import (
    Address,
    CancelledError,
    AgendaItem,
    AgendaSettings,
    ArrowTable,
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
    FieldChoice,
    FixedClock,
    FollowUp,
    ImportReport,
    Interaction,
    JournalError,
    LastContact,
    LifecycleModel,
    LineItem,
    MergeInfo,
    MergeOutcome,
    MergePreview,
    MoveCounts,
    MatchConfig,
    NotFoundError,
    Phone,
    PromiseStatus,
    Purchase,
    StageChange,
    UnmergeOutcome,
    ValidationError,
    __version__,
)
from ._dedup import (
    CheckedCreate,
    CustomerDuplicateGroup,
    CustomerDuplicatePair,
    CustomerDuplicateScan,
    DuplicateCandidate,
    DuplicateGroup,
    DuplicatePair,
    DuplicateScan,
    FieldScore,
    MatchDecision,
    MatchExplanation,
    MatchField,
    MatchLevel,
    ModelRow,
    NameCounts,
    ScanStats,
    blocking_keys,
    find_duplicates,
    name_counts,
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
from ._frames import DuplicateFrames, FrameLoad, duplicate_pairs_frame, find_duplicates_frame
from . import _pickle  # noqa: F401  (registers pickling of the classes with copyreg)

__all__ = [
    "Address",
    "AgendaItem",
    "AgendaSettings",
    "ArrowTable",
    "Birthday",
    "Blocker",
    "BusinessCalendar",
    "CancelledError",
    "Case",
    "CaseStatus",
    "Channel",
    "CheckedCreate",
    "ConflictError",
    "Consent",
    "ConsentRecord",
    "ConsentStatus",
    "ContactPolicy",
    "Crm",
    "CrmError",
    "Customer",
    "CustomerDuplicateGroup",
    "CustomerDuplicatePair",
    "CustomerDuplicateScan",
    "Decision",
    "DecodeError",
    "Direction",
    "FieldChoice",
    "DuplicateCandidate",
    "DuplicateFrames",
    "DuplicateGroup",
    "DuplicatePair",
    "DuplicateScan",
    "FieldScore",
    "FixedClock",
    "FrameLoad",
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
    "MergeInfo",
    "MergeOutcome",
    "MergePreview",
    "MoveCounts",
    "MatchConfig",
    "MatchDecision",
    "MatchExplanation",
    "MatchField",
    "MatchLevel",
    "ModelRow",
    "NameCounts",
    "NotFoundError",
    "Origin",
    "Phone",
    "PhoneKind",
    "Priority",
    "PromiseState",
    "PromiseStatus",
    "Purchase",
    "ScanStats",
    "StageChange",
    "TouchCategory",
    "UnmergeOutcome",
    "ValidationError",
    "blocking_keys",
    "duplicate_pairs_frame",
    "find_duplicates",
    "find_duplicates_frame",
    "name_counts",
    "__version__",
]
