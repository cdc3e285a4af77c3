"""Pickling and copying of crm's classes (registered with :mod:`copyreg` on import).

- **Value classes** (``Customer``, ``Interaction``, ``FollowUp``, ``MatchConfig``, ...,
  the names in ``crm._crm._JSON_CLASSES``) pickle as their JSON form, the core's stable
  serde form (the journal's), so a pickle holds plain text, not memory layouts.
- **A book** (:class:`crm.Crm`) pickles as its journal (:meth:`crm.Crm.events_json`) and
  is rebuilt by :meth:`crm.Crm.replay`: customers, history and every setting recorded in
  the journal come back, equal. The clock and the id seed are not part of a journal: the
  copy reads the system clock and draws fresh ids for new records (build one with
  ``Crm.replay(book.events_json(), clock=..., seed=...)`` to choose them).
- **A** :class:`crm.FixedClock` pickles as the instant it shows; the copy is a new clock,
  no longer shared with the books of the original.

Results that are plain data (dicts of a scan, enums) pickle as they are.
"""

from __future__ import annotations

import copyreg
from datetime import datetime
from typing import Any

from . import _crm

__all__: list[str] = []


def _from_json(name: str, state: str) -> Any:
    """Rebuilds a value class from its JSON form (the unpickling side)."""
    return _crm._from_json(name, state)


def _reduce_json(obj: Any) -> tuple[Any, tuple[str, str]]:
    return _from_json, _crm._to_json(obj)


def _replay(events_json: str) -> _crm.Crm:
    """Rebuilds a book from its journal (the unpickling side)."""
    return _crm.Crm.replay(events_json)


def _reduce_crm(book: _crm.Crm) -> tuple[Any, tuple[str]]:
    return _replay, (book.events_json(),)


def _reduce_clock(clock: _crm.FixedClock) -> tuple[Any, tuple[datetime]]:
    return _crm.FixedClock, (clock.now(),)


for _name in _crm._JSON_CLASSES:
    copyreg.pickle(getattr(_crm, _name), _reduce_json)
copyreg.pickle(_crm.Crm, _reduce_crm)
copyreg.pickle(_crm.FixedClock, _reduce_clock)
