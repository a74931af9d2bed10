"""The manual's pages against each other and against the app.

Every language has the same pages, each with the same pictures and links as the
English one; every picture exists and is used; the permission table of the
administrators' page is the services' matrix; every key the manual names in bold
is a key the app has.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kzcommission.i18n import LANGUAGES, REFERENCE_LANGUAGE
from kzcommission.services.permissions import MATRIX, ROLES
from kzcommission.ui.shortcuts import KEYMAP

MANUAL = Path(__file__).resolve().parents[2] / "docs" / "manual"
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
PAGE_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s#]+\.md)(?:#[^)]*)?\)")
BOLD = re.compile(r"\*\*([^*]+)\*\*")
KEY_LIKE = re.compile(r"^(?:Ctrl|Alt|Shift)\+|^F\d{1,2}$")
MATRIX_ROW = re.compile(r"^\|[^|]*\| `([a-z_.]+)` \|(.*)\|\s*$")
# The commission editor's own keys (kept in commission_editor.py, not in the F1 list),
# and Ctrl+Enter, which the console binds beside Ctrl+Return.
EDITOR_KEYS = {"Ctrl+Ins", "Ctrl+Del", "Ctrl+Enter", "Ctrl+L"}


def pages(lang: str) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((MANUAL / lang).glob("*.md"))}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_the_pages_pictures_and_links_of_the_english_one(lang: str):
    reference, mine = pages(REFERENCE_LANGUAGE), pages(lang)
    assert sorted(mine) == sorted(reference)
    for name, text in mine.items():
        pictures = IMAGE.findall(text)
        assert [Path(p).name for p in pictures] == [
            Path(p).name for p in IMAGE.findall(reference[name])
        ], name
        for picture in pictures:
            assert picture.startswith(f"../images/{lang}/"), (name, picture)
            assert (MANUAL / lang / picture).resolve().is_file(), (name, picture)
        links = PAGE_LINK.findall(text)
        assert links == PAGE_LINK.findall(reference[name]), name
        assert all((MANUAL / lang / link).is_file() for link in links), name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_screenshot_is_shown_somewhere(lang: str):
    used = {Path(p).name for text in pages(lang).values() for p in IMAGE.findall(text)}
    taken = {p.name for p in (MANUAL / "images" / lang).glob("*.png")}
    assert taken and taken == used


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_permission_table_is_the_services_matrix(lang: str):
    rows = {}
    for line in pages(lang)["administrator.md"].splitlines():
        match = MATRIX_ROW.match(line)
        if match:
            marks = [cell.strip() for cell in match.group(2).split("|")]
            rows[match.group(1)] = {
                role for role, mark in zip(ROLES, marks, strict=True) if mark == "✓"
            }
    expected = {action: set(roles) for action, roles in MATRIX.items()}
    # A new or changed permission needs its row in docs/manual/<lang>/administrator.md.
    assert rows == expected


def test_every_key_in_bold_is_a_key_of_the_app():
    listed = [keys for _name, keys, _where in KEYMAP]
    known = set(listed) | {k for keys in listed for k in keys.split(" / ")} | EDITOR_KEYS
    for lang in LANGUAGES:
        for name, text in pages(lang).items():
            named = {b for b in BOLD.findall(text) if KEY_LIKE.match(b)}
            assert not sorted(named - known), (lang, name)
