"""The README's Python quickstart (the block between the START/END markers), run as a test.

The block lives in ``examples/python/quickstart.py``; this test runs it, and
``test_quickstart_is_the_same_everywhere`` checks that ``crm-py/README.md`` shows the same code.
"""

from __future__ import annotations

import re
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import crm

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE / ".." / ".." / "examples" / "python" / "quickstart.py"
README = HERE / ".." / "README.md"


def test_quickstart(capsys: pytest.CaptureFixture[str]) -> None:
    # Runs the quickstart block of the example itself (one copy of the code, no drift).
    ns: dict[str, Any] = {"crm": crm, "datetime": datetime, "timedelta": timedelta, "timezone": timezone}
    exec(compile(block(EXAMPLE.read_text(encoding="utf-8")), str(EXAMPLE), "exec"), ns)
    ada, book, grace, clock = ns["ada"], ns["book"], ns["grace"], ns["clock"]

    out = capsys.readouterr().out.splitlines()
    assert out == [
        "refused: conflict on email",
        "2 customers, 0 open cases",
        "  subscriber  1",
        "  customer    1",
        "Ada Lovelace <ada.lovelace@example.com>: customer since 2026-01-08",
        "  bought GBP 1250.00; last contact in_person on 2026-01-08",
        "  2 outbound touches this week",
    ]
    assert ada.phones[0].e164 == "+442079460018"
    assert ada.tags == ["vip"]
    assert [s.to_stage for s in ada.stage_history] == ["lead", "opportunity", "customer"]
    assert book.time_in_stage(ada.id, "opportunity") == timedelta(days=2)
    assert [i.kind for i in book.timeline(ada.id)] == ["note", "note", "sale"]
    assert book.cases_of(grace.id)[0].status is crm.CaseStatus.RESOLVED
    assert clock.now() == datetime(2026, 1, 9, 9, 0, tzinfo=timezone.utc)
    assert len(book.events()) == 11  # the resolved case gets a check-back follow-up


def block(text: str) -> str:
    """The dedented lines between the quickstart markers of `text`."""
    m = re.search(r"^[ \t]*# START quickstart\n(.*?)^[ \t]*# END quickstart", text, re.S | re.M)
    assert m is not None, "no quickstart markers"
    return textwrap.dedent(m.group(1)).strip()


def readme_block(text: str) -> str:
    """The first ```python block of the README."""
    m = re.search(r"```python\n(.*?)```", text, re.S)
    assert m is not None, "no python block in the README"
    return m.group(1).strip()


def test_quickstart_is_the_same_everywhere() -> None:
    here = block(EXAMPLE.read_text(encoding="utf-8"))
    readme = readme_block(README.read_text(encoding="utf-8"))
    assert readme.endswith(here)
    assert "import crm" in readme
