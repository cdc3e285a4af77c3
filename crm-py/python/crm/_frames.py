"""Data frames of the agenda (built on :meth:`crm.Crm.agenda` and :meth:`crm.AgendaItem.to_dict`)
and of the pairs of a duplicate scan.

pandas is optional: it is imported only when a frame is asked for.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Union, get_args

from ._dedup import MatchField
from ._enums import Channel

if TYPE_CHECKING:
    import pandas as pd

    from ._crm import Crm
    from ._dedup import CustomerDuplicateScan, DuplicateScan

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
#: The timestamp columns, typed ``datetime64[ns, UTC]``.
_TIMESTAMPS = ("due", "contact_at")
_BACKENDS = ("pandas",)


def _pandas() -> Any:
    try:
        import pandas
    except ModuleNotFoundError as e:
        raise ModuleNotFoundError(
            "crm's data frames need pandas; install it with `pip install pandas`", name="pandas"
        ) from e
    return pandas


def agenda_frame(
    book: Crm,
    now: datetime,
    window: timedelta = timedelta(days=7),
    *,
    owner: str | None = None,
    channel: Channel | str | None = None,
    stage: str | None = None,
    tag: str | None = None,
    backend: str = "pandas",
) -> pd.DataFrame:
    """The agenda as a data frame: one row per item, in the agenda's order."""
    if backend not in _BACKENDS:
        raise ValueError(f"unknown backend {backend!r}: expected one of: {', '.join(_BACKENDS)}")
    pd_ = _pandas()
    items = book.agenda(
        now,
        window,
        owner=owner,
        channel=channel,
        stage=stage,
        tag=tag,
    )
    rows = [item.to_dict() for item in items]
    data: dict[str, Any] = {}
    for col in AGENDA_COLUMNS:
        values = [row[col] for row in rows]
        if col in _TIMESTAMPS:
            data[col] = pd_.Series(pd_.to_datetime(values, utc=True), dtype="datetime64[ns, UTC]")
        elif col == "overdue":
            data[col] = pd_.Series(values, dtype=bool)
        else:
            data[col] = pd_.Series(values, dtype=object)
    frame: pd.DataFrame = pd_.DataFrame(data, columns=list(AGENDA_COLUMNS))
    return frame


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
) -> pd.DataFrame:
    """The pairs of a duplicate scan as a data frame, one row per pair, strongest first.

    Columns: ``left`` and ``right`` (input positions, or customer ids for a book's scan),
    ``probability``, ``decision``, ``group`` (the index in ``scan["groups"]`` of the group
    the pair belongs to, else ``<NA>``), ``rule`` (the rule that holds, else ``None``),
    ``swapped_names``, ``conflicts`` (comma separated, ``""`` for none), ``total_weight``,
    then for each field ``<field>_level`` and ``<field>_weight``
    (``given_name_level``, ``given_name_weight``, ...).
    """
    if backend not in _BACKENDS:
        raise ValueError(f"unknown backend {backend!r}: expected one of: {', '.join(_BACKENDS)}")
    pd_ = _pandas()
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
    frame: pd.DataFrame = pd_.DataFrame(data, columns=columns)
    return frame
