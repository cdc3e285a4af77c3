"""The data-scientist example (examples/python/data_scientist.py) runs on its sample CSV: it
loads and rejects the right rows, merges the duplicate groups, plans the week and saves the
funnel plot."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "python" / "data_scientist.py"


def load_example() -> ModuleType:
    pytest.importorskip("matplotlib")
    spec = importlib.util.spec_from_file_location("data_scientist", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_data_scientist_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = load_example()
    plot = tmp_path / "funnel.png"
    example.main(example.SAMPLE, plot)
    out = capsys.readouterr().out
    # (Hannah Wright's country, "UK", is read as GB.)
    assert "loaded 41 of 44 rows; rejected 3" in out
    for code in ("invalid_email", "invalid_date", "conflict"):
        assert code in out
    assert "10 duplicate groups" in out
    assert out.count("merged 1 into") == 10
    assert "31 customers after merging" in out
    assert "next week's agenda (8 items)" in out
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert plot.stat().st_size > 5_000
