"""Progress reports, cancellation and Ctrl-C of long scans (``progress=`` of
``crm.find_duplicates`` and ``Crm.find_duplicates``)."""

from __future__ import annotations

import _thread
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

import crm

STAGES = ["prepare", "block", "score", "cluster"]


def people(n: int) -> list[dict[str, Any]]:
    """`n` records, every fifth one a duplicate of the one before (a nickname-free typo and
    the same email), so that every stage has work."""
    given = ["Anna", "Ben", "Carla", "David", "Eva", "Felix", "Greta", "Hugo", "Ines", "Jonas"]
    family = ["Muller", "Schmidt", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch"]
    out: list[dict[str, Any]] = []
    for i in range(n):
        if i % 5 == 4:
            prev = dict(out[-1])
            prev["family_name"] = prev["family_name"] + "n"
            out.append(prev)
            continue
        out.append(
            {
                "given_name": given[i % len(given)],
                "family_name": f"{family[(i // 10) % len(family)]}{i // 80}",
                "emails": [f"person{i}@example.com"],
                "birthday": f"{1950 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            }
        )
    return out


#: Large enough for several chunks in every stage but clustering (8,192 records and 65,536
#: pairs per chunk).
RECORDS = people(20_000)


def test_progress_is_reported_per_chunk_monotone_and_ends_at_the_total() -> None:
    calls: list[tuple[str, int, int]] = []
    scan = crm.find_duplicates(RECORDS, progress=lambda s, d, t: calls.append((s, d, t)))
    assert scan["stats"]["groups"] >= 3000
    assert [s for s in STAGES if any(c[0] == s for c in calls)] == STAGES
    assert [c[0] for c in calls] == sorted((c[0] for c in calls), key=STAGES.index)
    for stage in STAGES:
        mine = [c for c in calls if c[0] == stage]
        total = mine[0][2]
        assert mine[0][1] == 0 and mine[-1][1] == total, stage
        assert all(c[2] == total for c in mine), stage
        assert all(a[1] <= b[1] for a, b in zip(mine, mine[1:])), f"{stage} not monotone"
    assert calls[0] == ("prepare", 0, len(RECORDS))
    # Chunks: prepare reports its start and 3 chunks of records, scoring several of pairs.
    assert [c for c in calls if c[0] == "prepare"] == [
        ("prepare", 0, 20_000),
        ("prepare", 8192, 20_000),
        ("prepare", 16_384, 20_000),
        ("prepare", 20_000, 20_000),
    ]
    assert len([c for c in calls if c[0] == "score"]) >= 4


def test_the_result_does_not_depend_on_progress() -> None:
    records = RECORDS[:3000]
    assert crm.find_duplicates(records, progress=lambda s, d, t: None) == crm.find_duplicates(records)


def test_returning_false_cancels_mid_scan() -> None:
    calls: list[tuple[str, int, int]] = []

    def progress(stage: str, done: int, total: int) -> bool:
        calls.append((stage, done, total))
        return not (stage == "score" and done > 0)

    with pytest.raises(crm.CancelledError) as info:
        crm.find_duplicates(RECORDS, progress=progress)
    err = info.value
    assert isinstance(err, crm.CrmError)
    assert (err.code, err.kind, err.field) == ("cancelled", "cancelled", None)
    assert "cancelled during score" in str(err)
    # Nothing is reported after the callback asked to stop.
    assert calls[-1][0] == "score" and calls[-1][1] > 0
    assert sum(1 for c in calls if c[0] == "score" and c[1] > 0) == 1


def test_an_exception_raised_by_the_callback_propagates() -> None:
    class Stop(Exception):
        pass

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "prepare" and done > 0:
            raise Stop(done)

    with pytest.raises(Stop) as info:
        crm.find_duplicates(RECORDS, progress=progress)
    assert info.value.args == (8192,)


def test_ctrl_c_during_a_scan_raises_keyboard_interrupt() -> None:
    # A thread "presses Ctrl-C" (interrupt_main: what the SIGINT handler does) once scoring
    # has started, while the main thread works with the GIL released; the check between
    # chunks raises. Should the thread be slow, the callback waits for it, so the
    # interrupt always lands during the scan.
    started, fired = threading.Event(), threading.Event()
    calls: list[tuple[str, int, int]] = []

    def press() -> None:
        started.wait(10)
        _thread.interrupt_main()
        fired.set()

    presser = threading.Thread(target=press)
    presser.start()

    def progress(stage: str, done: int, total: int) -> None:
        calls.append((stage, done, total))
        if stage == "score":
            started.set()
            if done > 0:
                fired.wait(10)

    try:
        with pytest.raises(KeyboardInterrupt):
            crm.find_duplicates(RECORDS, progress=progress)
    finally:
        started.set()
        presser.join()
    assert calls[-1][0] == "score", "stopped during scoring"


def test_ctrl_c_without_a_callback_raises_keyboard_interrupt() -> None:
    # Without a callback, only the signal checks between chunks can stop the scan. The
    # interrupt comes 50 ms after the last row is read; a scan that ends sooner (not on
    # these machines: it takes seconds) cannot show anything and is skipped.
    presser = threading.Timer(0.05, _thread.interrupt_main)

    def records() -> Iterator[dict[str, Any]]:
        yield from RECORDS
        presser.start()

    finished = False
    try:
        crm.find_duplicates(records(), crm.MatchConfig(estimation="em"))
        finished = True
        presser.join()
        time.sleep(1)  # the interrupt lands here if the scan was faster
    except KeyboardInterrupt:
        pass
    presser.join()
    if finished:
        pytest.skip("the scan ended before the interrupt")


def test_a_book_scan_reports_progress_and_can_be_cancelled() -> None:
    book = crm.Crm(seed=1)
    # Duplicates share an email, which a book refuses: drop the email of every copy.
    created = book.import_customers({**r, "emails": []} if i % 5 == 4 else r for i, r in enumerate(RECORDS[:300]))
    assert len(created.created) == 300
    events = len(book.events())
    calls: list[tuple[str, int, int]] = []
    scan = book.find_duplicates(progress=lambda s, d, t: calls.append((s, d, t)))
    assert scan["stats"]["records"] == 300 and scan["stats"]["groups"] > 0
    assert calls[0] == ("prepare", 0, 300) and calls[-1][0] == "cluster"
    with pytest.raises(crm.CancelledError):
        book.find_duplicates(progress=lambda s, d, t: s != "block")
    assert len(book.events()) == events


def test_tqdm_bars(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    scan = crm.find_duplicates(RECORDS[:2000], progress=True)
    err = capsys.readouterr().err
    for stage in STAGES:
        assert stage in err
    assert scan == crm.find_duplicates(RECORDS[:2000], progress="tqdm")


def test_tqdm_missing_is_a_clear_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    with pytest.raises(ImportError, match="pip install tqdm"):
        crm.find_duplicates(RECORDS[:10], progress=True)


@pytest.mark.parametrize("bad", [42, "bar", object()])
def test_a_bad_progress_argument_is_a_type_error(bad: Any) -> None:
    with pytest.raises(TypeError, match="progress must be"):
        crm.find_duplicates(RECORDS[:10], progress=bad)


def test_false_and_none_mean_no_callback() -> None:
    assert crm.find_duplicates(RECORDS[:50], progress=False) == crm.find_duplicates(RECORDS[:50], progress=None)


# ----- bulk import --------------------------------------------------------------------------


def distinct_people(n: int) -> list[dict[str, Any]]:
    """`n` records a book accepts (distinct emails), two of them invalid: rows 6 and 17,001."""
    rows: list[dict[str, Any]] = [{"given_name": f"P{i}", "emails": [f"p{i}@example.com"]} for i in range(n)]
    rows[5]["emails"] = ["not an email"]
    rows[17_000]["emails"] = ["neither"]
    return rows


def test_an_import_reports_progress_in_rows_and_numbers_rows_across_chunks() -> None:
    book = crm.Crm(seed=1)
    calls: list[tuple[str, int, int]] = []
    report = book.import_customers(distinct_people(20_000), progress=lambda s, d, t: calls.append((s, d, t)))
    assert calls == [("import", 0, 20_000), ("import", 16_384, 20_000), ("import", 20_000, 20_000)]
    assert len(report.created) == 19_998 == len(book)
    assert [e.row for e in report.rejected] == [6, 17_001]
    assert [e.code for e in report.rejected] == ["invalid_email", "invalid_email"]


def test_a_cancelled_import_keeps_the_chunks_imported_before() -> None:
    book = crm.Crm(seed=1)
    with pytest.raises(crm.CancelledError) as info:
        book.import_customers(distinct_people(20_000), progress=lambda s, d, t: d == 0)
    assert "import cancelled during import (16384 of 20000 done)" in str(info.value)
    assert len(book) == 16_383  # the first chunk, less its invalid row
    # What was imported, and which row was not and why, is the exception's report.
    report = info.value.report
    assert len(report.created) == 16_383
    assert [(e.row, e.code) for e in report.rejected] == [(6, "invalid_email")]


def test_stopping_an_import_when_every_row_is_in_stops_nothing() -> None:
    book = crm.Crm(seed=1)
    rows = [{"given_name": f"P{i}", "emails": [f"p{i}@example.com"]} for i in range(14)]
    report = book.import_customers(rows, progress=lambda s, d, t: d < t)
    assert len(report.created) == 14 == len(book)


def test_an_import_checks_its_progress_argument_before_importing() -> None:
    book = crm.Crm(seed=1)
    bad: Any = 3
    with pytest.raises(TypeError, match="progress must be"):
        book.import_customers(distinct_people(20_000), progress=bad)
    assert len(book) == 0
