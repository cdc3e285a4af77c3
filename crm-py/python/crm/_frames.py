"""Data frames in and out of crm, through the Arrow PyCapsule interface.

Tables come in from anything with ``__arrow_c_stream__`` (a pandas, polars or pyarrow
frame) and are read column by column in Rust, with no Python loop over the rows:
:meth:`crm.Crm.load_frame` loads customers, :func:`find_duplicates_frame` (and
:func:`crm.find_duplicates`) scan a frame that never enters a book.

Tables go out as Arrow tables built in Rust (:class:`crm.ArrowTable`), converted to the
``backend`` asked for: ``"pandas"`` (the default), ``"polars"``, ``"pyarrow"``, or ``"arrow"``
for the :class:`crm.ArrowTable` itself (which any Arrow-aware library takes). Timestamps are
``timestamp[ns, UTC]`` (pandas ``datetime64[ns, UTC]``).

pandas, polars and pyarrow are optional: each is imported only when a frame of its kind is
asked for (pandas frames need pyarrow too). ``pip install 'crm[pandas]'`` or
``'crm[polars]'`` installs them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Protocol, Sequence, Union, get_args

from . import _crm
from ._dedup import MatchField, ScanStats
from ._enums import Channel

if TYPE_CHECKING:
    import pandas as pd

    from ._crm import Crm
    from ._dedup import CustomerDuplicateScan, DuplicateScan

__all__ = [
    "AGENDA_COLUMNS",
    "ArrowStream",
    "BACKENDS",
    "DUPLICATE_COLUMNS",
    "DuplicateFrames",
    "FrameLoad",
    "MATCH_FIELDS",
    "PAIR_COLUMNS",
    "REJECT_COLUMNS",
    "agenda_frame",
    "duplicate_pairs_frame",
    "find_duplicates_frame",
    "load_frame",
]

#: The columns of :meth:`crm.Crm.agenda_frame`, in order.
AGENDA_COLUMNS = (
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
)
#: The columns of :attr:`FrameLoad.rejects`, in order.
REJECT_COLUMNS = ("row", "column", "field", "code", "reason", "value")
#: The columns of :attr:`FrameLoad.duplicates`, in order.
DUPLICATE_COLUMNS = ("row", "candidate", "probability", "decision", "merged")
#: The frame kinds a ``backend`` argument takes.
BACKENDS = ("pandas", "polars", "pyarrow", "arrow")


class ArrowStream(Protocol):
    """A table with the Arrow PyCapsule interface: a polars or pyarrow frame, a pandas frame
    (pandas ≥ 2.2; an older one is converted through pyarrow), a :class:`crm.ArrowTable`."""

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...


#: What a ``frame`` argument takes.
Frame = Union[ArrowStream, "pd.DataFrame"]
#: A column mapping: a customer field (``given_name``, ``emails``, ``address_postal_code``,
#: ...) to the frame column that feeds it, or to several columns for a list field.
ColumnMapping = Mapping[str, Union[str, Sequence[str], None]]


def _module(name: str, why: str) -> Any:
    try:
        return __import__(name)
    except ModuleNotFoundError as e:
        raise ModuleNotFoundError(
            f"crm's {why} need {name}; install it with `pip install {name}`", name=name
        ) from e


def _check_backend(backend: str) -> None:
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}: expected one of: {', '.join(BACKENDS)}")


def _to_backend(table: _crm.ArrowTable, backend: str) -> Any:
    """An Arrow table built by crm as a frame of ``backend``."""
    _check_backend(backend)
    if backend == "arrow":
        return table
    if backend == "polars":
        return _module("polars", "polars frames").DataFrame(table)
    if backend == "pyarrow":
        return _module("pyarrow", "pyarrow tables").table(table)
    _module("pandas", "data frames")
    pa = _module("pyarrow", "pandas frames (through Arrow)")
    arrow = pa.table(table)
    frame = arrow.to_pandas()
    # An integer or bool column with gaps stays integer or bool (pandas' nullable ``Int64``
    # and ``boolean``), not float or object.
    for name, column in zip(arrow.column_names, arrow.columns):
        if column.null_count and pa.types.is_integer(column.type):
            frame[name] = frame[name].astype("Int64")
        elif column.null_count and pa.types.is_boolean(column.type):
            frame[name] = frame[name].astype("boolean")
    return frame


# ----- in ------------------------------------------------------------------------------------


#: What ``pandas.api.types.infer_dtype`` says of an object column that Arrow takes as it is.
_ARROW_READY = frozenset(
    {"string", "empty", "integer", "floating", "mixed-integer-float", "boolean", "date", "datetime"}
)


def _is_list(value: object) -> bool:
    """Whether a cell holds several values (a list, a tuple, a numpy array)."""
    return isinstance(value, (list, tuple)) or hasattr(value, "__array__")


def _cell_text(value: object) -> object:
    """One cell of a column of mixed types as text: a date (or the date of a datetime or
    timestamp) in ISO form, a whole float without its ``.0``, anything else by ``str``; lists
    and missing cells as they are."""
    if value is None or _is_list(value) or isinstance(value, (str, dict)):
        return value
    if value != value:  # NaN, NaT: a missing cell
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _plain_pandas(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every object column whose cells are of several kinds (phone numbers
    read from a spreadsheet as numbers and as text, birthdays as dates and as text) turned
    into text, which crm reads as it reads a text column; Arrow refuses such a column. Other
    columns, and lists of values, are left as they are."""
    from pandas.api.types import infer_dtype

    mixed = [
        name
        for name, column in frame.items()
        if column.dtype == object
        and infer_dtype(column, skipna=True) not in _ARROW_READY
        and not all(_is_list(v) for v in column if v is not None)
    ]
    if not mixed:
        return frame
    frame = frame.copy(deep=False)
    for name in mixed:
        frame[name] = frame[name].map(_cell_text).astype(object)
    return frame


def _as_arrow(frame: object) -> Any:
    """``frame`` as something with ``__arrow_c_stream__``: as it is when it has one, a pandas
    DataFrame of a pandas without it through pyarrow; anything else as it is. A pandas
    frame's columns of mixed cells become text first (:func:`_plain_pandas`), and its index is
    left out: only its columns are data (Arrow would carry a named or non-default index
    along as a column, an export's record ids or a key as customer fields)."""
    pd_ = sys.modules.get("pandas")
    if pd_ is not None and isinstance(frame, pd_.DataFrame):
        frame = _plain_pandas(frame.reset_index(drop=True))
        if hasattr(frame, "__arrow_c_stream__"):
            return frame
        pa = _module("pyarrow", "pandas frames (through Arrow)")
        return pa.Table.from_pandas(frame, preserve_index=False)
    return frame


@dataclass(frozen=True)
class FrameLoad:
    """What :meth:`crm.Crm.load_frame` did.

    ``rejects`` has one row per rejected input row, for the first problem found in it (the
    fields are checked in order; fix it and load the row again to see the next): ``row`` (the 0-based position
    in the input, for ``frame.iloc``), ``column`` (the input column, when the problem is in
    one), ``field`` (the customer field, e.g. ``emails[1]``), ``code`` (the stable error code,
    as ``CrmError.code``), ``reason`` and ``value``. ``ids`` maps each accepted ``row`` to the
    ``id`` of its customer. Every input row is in exactly one of the two. Under a duplicate
    guard (:meth:`crm.Crm.set_duplicate_guard`), ``duplicates`` has one row per input row
    and existing customer it matched or may match: ``row``, ``candidate`` (the customer's
    id), ``probability``, ``decision`` (``match`` or ``review``) and ``merged`` (the row was
    merged into that customer, whose id is then its ``id``); it is empty without a guard.
    A row a ``block`` guard refused is in ``rejects`` (code ``duplicate``, its ``value`` the
    matching customer's id), not here.
    """

    #: Customers created (or, under a merging duplicate guard, merged).
    accepted: int
    #: Rows rejected.
    rejected: int
    #: ``row`` → ``id`` for the accepted rows, in row order.
    ids: Any
    #: The rejected rows, in row order (:data:`REJECT_COLUMNS`).
    rejects: Any
    #: What a duplicate guard found, per row and candidate (:data:`DUPLICATE_COLUMNS`).
    duplicates: Any


def load_frame(
    book: Crm,
    frame: Frame,
    columns: Optional[ColumnMapping] = None,
    *,
    attributes: Union[Sequence[str], Mapping[str, str], None] = None,
    actor: Optional[str] = None,
    backend: str = "pandas",
) -> FrameLoad:
    """Loads customers from ``frame`` into ``book``; see :meth:`crm.Crm.load_frame`."""
    _check_backend(backend)
    accepted, ids, rejects, duplicates = book._load_frame(
        _as_arrow(frame), columns, attributes=attributes, actor=actor
    )
    return FrameLoad(
        accepted=accepted,
        rejected=len(rejects),
        ids=_to_backend(ids, backend),
        rejects=_to_backend(rejects, backend),
        duplicates=_to_backend(duplicates, backend),
    )


# ----- duplicates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateFrames:
    """A duplicate scan as frames: ``pairs`` (the columns of :func:`duplicate_pairs_frame`),
    ``groups`` (one row per member: ``group``, ``member``, ``size``, ``min_probability``) and
    ``stats``. Records are named by their 0-based row position in the scanned frame, or by
    customer id for :meth:`crm.Crm.duplicates_frames`."""

    pairs: Any
    groups: Any
    stats: ScanStats


def _duplicate_frames(
    pairs: _crm.ArrowTable, groups: _crm.ArrowTable, stats: ScanStats, backend: str
) -> DuplicateFrames:
    return DuplicateFrames(_to_backend(pairs, backend), _to_backend(groups, backend), stats)


def find_duplicates_frame(
    frame: Frame,
    config: Optional[_crm.MatchConfig] = None,
    *,
    columns: Optional[ColumnMapping] = None,
    progress: Optional[Callable[[str, int, int], object]] = None,
    backend: str = "pandas",
) -> DuplicateFrames:
    """Finds duplicate customers among the rows of ``frame`` (pandas, polars, pyarrow), which
    never enter a book, and returns the pairs and groups as frames keyed by row position.

    The frame is read in Rust, column by column, by ``columns`` as :meth:`crm.Crm.load_frame`
    reads it; matching runs with the GIL released, calling ``progress(stage, step, steps)``
    after each stage as :func:`crm.find_duplicates` does.
    """
    _check_backend(backend)
    pairs, groups, stats = _crm._find_duplicates_frame(
        _as_arrow(frame), config, columns=columns, progress=progress
    )
    return _duplicate_frames(pairs, groups, stats, backend)


#: The compared fields, in the order of every explanation.
MATCH_FIELDS: tuple[MatchField, ...] = get_args(MatchField)
#: The columns of :func:`duplicate_pairs_frame` before the per-field ones, in order.
PAIR_COLUMNS = (
    "left",
    "right",
    "probability",
    "decision",
    "group",
    "rule",
    "swapped_names",
    "conflicts",
    "total_weight",
)


def duplicate_pairs_frame(
    scan: Union[DuplicateScan, CustomerDuplicateScan], *, backend: str = "pandas"
) -> Any:
    """The pairs of a duplicate scan (as :func:`crm.find_duplicates` returns it) as a data
    frame, one row per pair, strongest first.

    Columns: ``left`` and ``right`` (input positions, or customer ids for a book's scan),
    ``probability``, ``decision``, ``group`` (the index in ``scan["groups"]`` of the group
    the pair belongs to, else ``<NA>``), ``rule`` (the rule that holds, else ``None``),
    ``swapped_names``, ``conflicts`` (comma separated, ``""`` for none), ``total_weight``,
    then for each field ``<field>_level`` and ``<field>_weight``
    (``given_name_level``, ``given_name_weight``, ...).

    :func:`find_duplicates_frame` gives the same columns straight from a frame, without the
    scan's dicts.
    """
    _check_backend(backend)
    pd_ = _module("pandas", "data frames")
    pairs = scan["pairs"]
    group_of: dict[int, int] = {}
    for g, group in enumerate(scan["groups"]):
        for p in group["pairs"]:
            group_of[p] = g
    ids: list[Any] = [p["left"] for p in pairs] + [p["right"] for p in pairs]
    id_dtype = "int64" if all(isinstance(i, int) for i in ids) else object
    data: dict[str, Any] = {
        "left": pd_.Series([p["left"] for p in pairs], dtype=id_dtype),
        "right": pd_.Series([p["right"] for p in pairs], dtype=id_dtype),
        "probability": pd_.Series([p["probability"] for p in pairs], dtype="float64"),
        "decision": pd_.Series([p["decision"] for p in pairs], dtype=object),
        "group": pd_.Series([group_of.get(i) for i in range(len(pairs))], dtype="Int64"),
        "rule": pd_.Series([p["explanation"]["rule"] for p in pairs], dtype=object),
        "swapped_names": pd_.Series([p["explanation"]["swapped_names"] for p in pairs], dtype=bool),
        "conflicts": pd_.Series(
            [", ".join(p["explanation"]["conflicts"]) for p in pairs], dtype=object
        ),
        "total_weight": pd_.Series([p["explanation"]["total_weight"] for p in pairs], dtype="float64"),
    }
    scores = [{f["field"]: f for f in p["explanation"]["fields"]} for p in pairs]
    columns = list(PAIR_COLUMNS)
    for field in MATCH_FIELDS:
        level, weight = f"{field}_level", f"{field}_weight"
        data[level] = pd_.Series([s[field]["level"] for s in scores], dtype=object)
        data[weight] = pd_.Series([s[field]["weight"] for s in scores], dtype="float64")
        columns += [level, weight]
    frame = pd_.DataFrame(data, columns=columns)
    if backend == "pandas":
        return frame
    pa = _module("pyarrow", f"{backend} frames")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    if backend == "polars":
        return _module("polars", "polars frames").DataFrame(table)
    return table  # "pyarrow" and "arrow" (a pyarrow table has __arrow_c_stream__ too)


# ----- the agenda ----------------------------------------------------------------------------


def agenda_frame(
    book: Crm,
    now: datetime,
    window: timedelta = timedelta(days=7),
    *,
    owner: Optional[str] = None,
    channel: Union[Channel, str, None] = None,
    stage: Optional[str] = None,
    tag: Optional[str] = None,
    backend: str = "pandas",
) -> pd.DataFrame:
    """The agenda as a data frame: one row per item, in the agenda's order (the columns of
    :data:`AGENDA_COLUMNS`); the same as :meth:`crm.Crm.agenda_frame`."""
    frame: pd.DataFrame = book.agenda_frame(
        now, window, owner=owner, channel=channel, stage=stage, tag=tag, backend=backend
    )
    return frame
