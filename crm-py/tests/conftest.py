"""Shared fixtures: a book on a fixed clock (2026-01-05T09:00:00Z, seed 42), and the shared
test vectors of crm-core."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

import crm

#: The instant every test book starts at (the vectors' clock).
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
#: The shared vectors, relative to this file.
VECTORS_PATH = Path(__file__).resolve().parent / ".." / ".." / "crm-core" / "testdata" / "vectors.json"


def load_vectors() -> dict[str, Any]:
    with VECTORS_PATH.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@pytest.fixture
def clock() -> crm.FixedClock:
    return crm.FixedClock(T0)


@pytest.fixture
def book(clock: crm.FixedClock) -> crm.Crm:
    return crm.Crm(clock=clock, seed=42)


@pytest.fixture
def ada(book: crm.Crm) -> crm.Customer:
    return book.create_customer(
        given_name="Ada",
        family_name="Lovelace",
        emails=["Ada.Lovelace@Example.com"],
        phones=[("+44 20 7946 0018", crm.PhoneKind.WORK)],
        tags=["VIP"],
    )
