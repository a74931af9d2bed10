"""Hostile .kzx files cost little (issue 18): sizes come from the zip directory, the seal is
checked on the small manifest before anything large is read, JSON nesting is bounded."""

from __future__ import annotations

import json
import tracemalloc
import zipfile

import pytest

from kzcommission.services.exchange import PackageRefused, import_package, importer
from kzcommission.services.exchange import package as fmt
from kzcommission.store import models
from tests.exchange.test_exchange import KEY


def _zip(path, members: dict[str, bytes]):  # noqa: ANN001, ANN202
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return path


def _refused(path, *words: str) -> None:  # noqa: ANN001
    with pytest.raises(PackageRefused) as caught:
        import_package(path, key=KEY)
    text = str(caught.value)
    assert all(w in text for w in words), text
    assert models.Sitting.select().count() == 0


def _peak_refusing(path, *words: str) -> int:  # noqa: ANN001
    """The most memory Python allocated while the package was refused."""
    tracemalloc.start()
    try:
        _refused(path, *words)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_unsealed_bomb_is_refused_before_its_members_are_inflated(centre, tmp_path):
    manifest = fmt.dumps({"format": fmt.FORMAT, "schema_version": fmt.SCHEMA_VERSION})
    members = {fmt.MANIFEST: manifest, fmt.SEAL: fmt.dumps({"mac": "0" * 64})}
    members.update({f"pdf/{n}.pdf": b"\0" * (30 * 1024 * 1024) for n in range(4)})
    path = _zip(tmp_path / "bomb.kzx", members)
    assert path.stat().st_size < 2 * 1024 * 1024
    assert _peak_refusing(path, "seal does not match") < 20 * 1024 * 1024  # never read


def test_member_count_and_total_size_are_checked_first(centre, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_MEMBERS", 3)
    _refused(_zip(tmp_path / "many.kzx", {f"{n}.txt": b"x" for n in range(5)}), "5 members")
    monkeypatch.setattr(importer, "MAX_TOTAL_BYTES", 1024)
    _refused(_zip(tmp_path / "big.kzx", {"a.bin": b"0" * 800, "b.bin": b"0" * 800}), "unpacked")


def test_deeply_nested_json_is_refused_in_words(centre, tmp_path):
    deep = ("[" * 100_000 + "]" * 100_000).encode()
    manifest = fmt.dumps({"format": fmt.FORMAT, "schema_version": fmt.SCHEMA_VERSION})
    path = _zip(tmp_path / "deep.kzx", {fmt.MANIFEST: manifest, fmt.SEAL: deep})
    _refused(path, "nested too deeply")


def test_a_sealed_package_with_a_deep_data_file_is_refused_in_words(centre, tmp_path):
    data = ("[" * 100_000 + "]" * 100_000).encode()
    manifest = fmt.dumps(
        {
            "format": fmt.FORMAT,
            "schema_version": fmt.SCHEMA_VERSION,
            "files": {fmt.DATA: fmt.sha256(data)},
        }
    )
    seal = fmt.dumps(fmt.seal(manifest, KEY))
    path = _zip(
        tmp_path / "deep-data.kzx", {fmt.MANIFEST: manifest, fmt.SEAL: seal, fmt.DATA: data}
    )
    _refused(path, "nested too deeply")
    assert json.loads(seal)  # the seal itself was fine


def _sealed(path, members: dict[str, bytes], listed: dict[str, str]):  # noqa: ANN001, ANN202
    manifest = fmt.dumps(
        {"format": fmt.FORMAT, "schema_version": fmt.SCHEMA_VERSION, "files": listed}
    )
    seal = fmt.dumps(fmt.seal(manifest, KEY))
    return _zip(path, {fmt.MANIFEST: manifest, fmt.SEAL: seal, **members})


def test_a_sealed_package_s_large_members_are_hashed_not_held(centre, tmp_path):
    """Issue 18: sealed with the right key (a faulty office), its PDFs are checked against
    the manifest a chunk at a time; 3 x 40 MB cost a few MB, not 120."""
    members = {f"documents/{n}.pdf": b"\0" * (40 * 1024 * 1024) for n in range(3)}
    path = _sealed(tmp_path / "sealed.kzx", members, {name: "0" * 64 for name in members})
    assert _peak_refusing(path, "content differs from the manifest") < 20 * 1024 * 1024


def test_a_member_the_manifest_does_not_list_is_refused_unread(centre, tmp_path, monkeypatch):
    def never(*_args):  # noqa: ANN002, ANN202
        raise AssertionError("an unlisted member was read")

    monkeypatch.setattr(importer, "_hashed", never)
    path = _sealed(tmp_path / "extra.kzx", {"documents/extra.pdf": b"%PDF"}, {})
    _refused(path, "documents/extra.pdf", "not listed in the manifest")


def test_a_data_file_over_its_limit_is_refused_before_parsing(centre, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_JSON_BYTES", 1024)
    data = fmt.dumps({"persons": ["x" * 2048]})
    path = _sealed(tmp_path / "big-data.kzx", {fmt.DATA: data}, {fmt.DATA: fmt.sha256(data)})
    _refused(path, fmt.DATA, "member too large")


def test_a_data_file_of_many_wrong_entries_lists_the_first_errors_only(centre, tmp_path):
    """A million wrong persons made a million schema errors (3.5 GB, 72 s): the first
    ones found are listed."""
    data = fmt.dumps({"persons": ["ab"] * 20_000})
    path = _sealed(tmp_path / "junk.kzx", {fmt.DATA: data}, {fmt.DATA: fmt.sha256(data)})
    with pytest.raises(PackageRefused) as caught:
        import_package(path, key=KEY)
    assert len(caught.value.problems) == importer.MAX_SCHEMA_ERRORS
    assert models.Sitting.select().count() == 0
