"""Data frames of the agenda, built on :meth:`crm.Crm.agenda` and :meth:`crm.AgendaItem.to_dict`.

pandas is optional: it is imported only when a frame is asked for.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ._enums import Channel

if TYPE_CHECKING:
    import pandas as pd

    from ._crm import Crm

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
