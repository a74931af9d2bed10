"""kzcommission.files: a file handed to the user is either the old one or the whole new one
(issue 18, item 7: printing and export write a temporary name and rename)."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from kzcommission.files import PART_SUFFIX, remove_stale, replacing, temporary_name, write_atomic


def test_write_atomic_replaces_the_whole_file_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    assert write_atomic(target, b"new content") == target
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_a_failure_while_writing_keeps_the_previous_file(tmp_path: Path):
    target = tmp_path / "pack.kzx"
    target.write_bytes(b"previous package")
    with pytest.raises(RuntimeError), replacing(target) as handle:
        handle.write(b"half of a new pack")
        raise RuntimeError("disk pulled out")
    assert target.read_bytes() == b"previous package"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.kzx"]


def test_the_temporary_name_is_hidden_and_beside_the_target(tmp_path: Path):
    target = tmp_path / "minutes.pdf"
    with replacing(target) as handle:
        handle.write(b"%PDF")
        (temp,) = [p for p in tmp_path.iterdir()]
        assert temp.name.startswith(".minutes.pdf.") and temp.name.endswith(PART_SUFFIX)
        assert not target.exists()  # the final name appears only when complete
    assert target.read_bytes() == b"%PDF"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_private_file_is_created_private(tmp_path: Path):
    target = tmp_path / "secret.json"
    write_atomic(target, b"{}", 0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_remove_stale_takes_old_leftovers_and_keeps_young_ones(tmp_path: Path):
    old_file, old_dir, young = tmp_path / ".x-1", tmp_path / ".x-2", tmp_path / ".x-3"
    old_file.write_bytes(b"left by a kill")
    old_dir.mkdir()
    (old_dir / "inside.pdf").write_bytes(b"%PDF")
    young.write_bytes(b"a process still at work")
    for path in (old_file, old_dir):
        os.utime(path, (0, 0))
    assert sorted(remove_stale(tmp_path, ".x-*")) == [old_file, old_dir]
    assert [p.name for p in tmp_path.iterdir()] == [".x-3"]


def test_writing_a_file_again_sweeps_its_parts_left_by_a_kill(tmp_path: Path):
    """A kill between the temporary write and the rename leaves a hidden part; the next
    write of the same file removes it once it is old (a young one may be a live writer),
    and never touches another file's part."""
    target = tmp_path / "minutes.pdf"
    old, young = temporary_name(target), temporary_name(target)
    other = temporary_name(tmp_path / "sheet.pdf")
    for leftover in (old, young, other):
        leftover.write_bytes(b"half")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    os.utime(other, (hours_ago, hours_ago))
    write_atomic(target, b"%PDF whole")
    assert target.read_bytes() == b"%PDF whole"
    assert not old.exists() and young.exists() and other.exists()
