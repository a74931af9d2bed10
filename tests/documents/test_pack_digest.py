"""The print pack (progress, cancel, names), the digest and the catalogues."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from kzcommission.documents.base import _parsed, canonical_json, document_digest
from kzcommission.documents.minutes import MinutesRenderer
from kzcommission.documents.pack import pack_jobs, render_pack
from kzcommission.domain import kinds
from kzcommission.resources import resource_path

from .conftest import pdf_text


def test_pack_writes_minutes_sheets_and_scorecards(sitting, tmp_path):
    seen = []
    files = render_pack(
        sitting, "kk+ru", tmp_path, progress=lambda d, t: seen.append((d, t)), workers=1
    )
    members = {card.member for case in sitting.cases for card in case.scorecards}
    assert len(files) == 1 + len(sitting.cases) + len(members)
    assert seen[-1] == (len(files), len(files))
    assert all(f.exists() and f.stat().st_size > 1000 for f in files)
    assert files[0].name == "sitting-12_2024_minutes_kk-ru.pdf"
    assert re.match(
        r"sitting-12_2024_case-001_Қасымов_Ерлан_Әлібекұлы_sheet_kk-ru\.pdf", files[1].name
    )
    assert any("_scorecards_member-" in f.name for f in files)


def test_pack_cancel_returns_what_was_written(sitting, tmp_path):
    calls = iter(range(100))
    files = render_pack(sitting, "ru", tmp_path, cancelled=lambda: next(calls) >= 2, workers=1)
    assert len(files) == 2
    assert sorted(tmp_path.iterdir()) == sorted(files)


def test_a_pack_that_fails_midway_leaves_none_of_its_files(sitting, tmp_path, monkeypatch):
    """Issue 18: the pack is rendered into a hidden folder and moved into place at the end;
    a failure (or a kill) while rendering leaves none of it under its names."""
    from kzcommission.documents import pack

    calls = iter(range(100))
    real = pack.render_job

    def failing(*args):  # noqa: ANN002, ANN202
        if next(calls) == 2:
            raise OSError("the disk is full")
        return real(*args)

    monkeypatch.setattr(pack, "render_job", failing)
    with pytest.raises(OSError, match="disk is full"):
        render_pack(sitting, "ru", tmp_path, workers=1)
    assert list(tmp_path.iterdir()) == []


def test_a_staging_folder_left_by_a_kill_is_removed_by_a_later_print(sitting, tmp_path):
    import os

    from kzcommission.documents.pack import STAGING_PREFIX

    left = tmp_path / f"{STAGING_PREFIX}killed"
    left.mkdir()
    (left / "sitting-12_2024_minutes_ru.pdf").write_bytes(b"%PDF-1.4 whole")
    os.utime(left, (0, 0))
    files = render_pack(sitting, "ru", tmp_path, workers=1)
    assert sorted(tmp_path.iterdir()) == sorted(files)


def test_pack_in_worker_processes_matches_the_plan(sitting, tmp_path):
    files = render_pack(sitting, "en", tmp_path, workers=2)
    assert [f.name.rsplit("_", 1)[0] for f in files] == [j[0] for j in pack_jobs(sitting)]


def test_digest_is_canonical_and_language_free(sitting, tmp_path):
    digest = document_digest({"document": "minutes", "sitting": sitting})
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert digest == document_digest({"sitting": sitting, "document": "minutes"})
    changed = dataclasses.replace(sitting, place="elsewhere")
    assert document_digest({"document": "minutes", "sitting": changed}) != digest
    json.loads(canonical_json(sitting))
    for lang in ("kk", "en"):
        text = pdf_text(MinutesRenderer(lang).render(sitting), tmp_path)
        assert digest in text


def test_cached_parsing_gives_the_same_pdf(sitting, monkeypatch):
    """Shared parsed fragments change nothing: byte-identical output (no timestamps)."""
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 1)
    first = MinutesRenderer("kk").render(sitting)
    _parsed.cache_clear()
    assert MinutesRenderer("kk").render(sitting) == first


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_catalogues_have_every_key_and_option(lang):
    def load(code):
        return json.loads(resource_path("i18n", code, "documents.json").read_text("utf-8"))

    reference, other = load("en"), load(lang)

    # A language may have more forms of one text: Russian plural (#few, #many) and
    # agreement with the person's sex (@m, @f), R-DOC-6; the texts themselves are the same.
    def texts(keys):
        return {k.split("#")[0].split("@")[0] for k in keys}

    assert texts(other) == texts(reference)
    assert set(reference) <= set(other)
    options = (
        set(kinds.REGULAR_OPTIONS)
        | set(kinds.REPEAT_OPTIONS)
        | set(kinds.EXTRAORDINARY_OPTIONS)
        | {kinds.NO_GRADE_OPTION}
    )
    assert {f"option.{o}" for o in options} <= set(other)
    assert {f"score.{s.value}" for s in kinds.Score} <= set(other)
    assert all(value.strip() for value in other.values())
