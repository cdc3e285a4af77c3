"""Progress bars for long operations: ``progress=True`` (or ``"tqdm"``) shows one tqdm bar
per stage of a duplicate scan.

Any callable ``progress(stage, done, total)`` works too: it is called between chunks of
work (every few thousand records or tens of thousands of pairs), with the GIL held only
for the call. ``done`` and ``total`` count the stage's own units (records for
``"prepare"``, a share of records for ``"block"``, pairs for ``"score"`` and
``"cluster"``), so a bar per stage is the honest display. Returning ``False`` stops the
scan with :class:`crm.CancelledError`; raising stops it with that exception.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Literal, Optional, Union

__all__ = ["Progress", "TqdmBars"]

#: What a ``progress=`` argument takes: a callable ``progress(stage, done, total)`` (return
#: ``False`` to stop), ``True`` or ``"tqdm"`` for tqdm bars, or ``None`` / ``False`` for
#: none (Ctrl-C still stops the work).
Progress = Union[Callable[[str, int, int], object], bool, Literal["tqdm"], None]

#: What the units of each stage count, for the bar's label.
_UNITS = {"prepare": "records", "block": "units", "score": "pairs", "cluster": "pairs"}


class TqdmBars:
    """A progress callback that shows one tqdm bar per stage (``tqdm.auto``, so a notebook
    gets its widget). Made by ``progress=True``; call :meth:`close` when done (the crm
    functions do)."""

    def __init__(self, **options: Any) -> None:
        """``options`` are passed to each ``tqdm(...)`` (e.g. ``leave=False``, ``file=...``).

        Raises ``ImportError`` naming the fix when tqdm is not installed."""
        try:
            tqdm = importlib.import_module("tqdm.auto").tqdm
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError(
                "progress=True shows a tqdm progress bar, but tqdm is not installed: "
                "pip install tqdm, or pass a callable progress(stage, done, total)"
            ) from e
        self._tqdm = tqdm
        self._options = options
        self._bar: Optional[Any] = None
        self._stage: Optional[str] = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Moves the bar of ``stage`` to ``done`` of ``total`` (a new bar for a new stage)."""
        if self._bar is None or stage != self._stage:
            self.close()
            unit = _UNITS.get(stage, "units")
            self._bar = self._tqdm(total=total, desc=stage, unit=f" {unit}", **self._options)
            self._stage = stage
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        """Closes the current bar, if any."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
            self._stage = None

    def __repr__(self) -> str:
        return f"TqdmBars(stage={self._stage!r})"
