"""Issue 18, item 7: a kill at any moment of first start, restore, print or export leaves
the previous state or the complete new one. A few kills of each here; the full run
(100 and more each) is `python benchmarks/kill_windows.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.kill_windows import SCENARIOS, run_kills

KILLS = 4  # one of each export (CSV, XLSX, package, backup)


@pytest.mark.slow
def test_kills_leave_the_previous_or_the_complete_new_state(tmp_path: Path):
    results = run_kills(KILLS, tmp_path / "kills", seed=1818)
    assert set(results) == set(SCENARIOS)
    for name, result in results.items():
        assert sum(result.counts.values()) == KILLS, name
        assert result.broken == [], (name, result.broken)
        if name != "print":  # a pack is many files: some may be written, each whole
            assert result.counts["partial"] == 0, name
