"""Hostile files cost little (issue 18, item 6): each one refused, its peak memory and time.

Every file is built at full size (nothing monkeypatched), then refused in a fresh
process that imports the application first: the figures are the process's peak
resident memory, what the refusal added to it, and the seconds the refusal took.
Goal: every refusal under 200 MB and 5 s. The peak is VmHWM from /proc (Linux):
``ru_maxrss`` would do, but Linux carries it over fork and exec, so a child would
report the peak of the process that built the files.

Run: .venv/bin/python benchmarks/bench_hostile.py [--folder DIR] [--only NAME]
(the files, ~60 MB in all, are kept in --folder to be reused; building takes a minute)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 1024 * 1024
KEY = b"bench-hostile-office-centre-key-0123"
GOAL_MB, GOAL_S = 200, 5.0

CHILD = r"""
import json, resource, sys, tempfile, time
from pathlib import Path
kind, path = sys.argv[1], Path(sys.argv[2])
from kzcommission.services.installation.database import open_database
from kzcommission.services.preparation import roster
from kzcommission.services.exchange import PackageRefused, import_package
import openpyxl, jsonschema
from benchmarks.bench_hostile import KEY
open_database(Path(tempfile.mkdtemp()) / "centre.sqlite3")
def peak_kb():
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
base = peak_kb()
start = time.perf_counter()
if kind == "kzx":
    try:
        import_package(path, key=KEY)
        said = "ACCEPTED"
    except PackageRefused as exc:
        said = str(exc.problems[0])
else:
    problems = roster.parse_roster(path).problems
    said = f"{problems[0].code}: {problems[0].value}" if problems else "ACCEPTED"
seconds = time.perf_counter() - start
peak = peak_kb()
print(json.dumps({"said": said, "seconds": seconds, "peak_kb": peak, "base_kb": base}))
"""


def _zip_stream(path: Path, members: dict[str, tuple[bytes, int]]) -> Path:
    """Members given as (chunk, repeats), written in a stream (nothing large in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (chunk, repeats) in members.items():
            with archive.open(name, "w", force_zip64=len(chunk) * repeats > 2**31) as handle:
                for _ in range(repeats):
                    handle.write(chunk)
    return path


def _meta(files: dict[str, str] | None = None, sealed: bool = False) -> dict[str, tuple]:
    from kzcommission.services.exchange import package as fmt

    manifest = {"format": fmt.FORMAT, "schema_version": fmt.SCHEMA_VERSION}
    if files is not None:
        manifest["files"] = files
    body = fmt.dumps(manifest)
    seal = fmt.seal(body, KEY) if sealed else {"mac": "0" * 64}
    return {fmt.MANIFEST: (body, 1), fmt.SEAL: (fmt.dumps(seal), 1)}


ZEROS = b"\0" * MB


def kzx_issue_bomb(path: Path) -> Path:
    """The tester's file: 25 members of 190 MB, unsealed (6.7 MB on disk)."""
    members = {f"documents/{n:02d}.pdf": (ZEROS, 190) for n in range(25)}
    return _zip_stream(path, {**_meta(), **members})


def kzx_oversized_member(path: Path) -> Path:
    return _zip_stream(path, {**_meta(), "documents/big.pdf": (ZEROS, 300)})


def kzx_unsealed_under_limits(path: Path) -> Path:
    """Four members of 60 MB: each under the member limit, the total under its limit."""
    members = {f"documents/{n}.pdf": (ZEROS, 60) for n in range(4)}
    return _zip_stream(path, {**_meta(), **members})


def kzx_sealed_with_large_members(path: Path) -> Path:
    """Sealed with the right key (a faulty office), four 60 MB members whose digests
    the manifest gets wrong: the seal passes, the members must still cost little."""
    members = {f"documents/{n}.pdf": (ZEROS, 60) for n in range(4)}
    files = {name: "0" * 64 for name in members}
    return _zip_stream(path, {**_meta(files, sealed=True), **members})


def kzx_many_members(path: Path) -> Path:
    return _zip_stream(path, {**_meta(), **{f"m/{n}": (b"x", 1) for n in range(6000)}})


def kzx_deep_seal(path: Path) -> Path:
    from kzcommission.services.exchange import package as fmt

    deep = b"[" * 500_000 + b"]" * 500_000
    return _zip_stream(path, {**_meta(), fmt.SEAL: (deep, 1)})


def kzx_deep_data(path: Path) -> Path:
    from kzcommission.services.exchange import package as fmt

    data = b"[" * 500_000 + b"]" * 500_000
    meta = _meta({fmt.DATA: fmt.sha256(data)}, sealed=True)
    return _zip_stream(path, {**meta, fmt.DATA: (data, 1)})


def kzx_junk_data(path: Path) -> Path:
    """Sealed (a faulty office), data.json just under its 8 MB limit: a million
    persons that are not persons, each one a schema error."""
    from kzcommission.services.exchange import package as fmt

    data = fmt.dumps({"persons": ["ab"] * 1_000_000})
    meta = _meta({fmt.DATA: fmt.sha256(data)}, sealed=True)
    return _zip_stream(path, {**meta, fmt.DATA: (data, 1)})


XLSX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
    'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
    '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
    '"xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships"><sheets><sheet name="Roster" sheetId="1" r:id="rId1"/>'
    "</sheets></workbook>",
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
    '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>',
}


def xlsx_rows(path: Path, rows: int = 3_000_000) -> Path:
    """A roster of 3 million one-cell rows (~1.5 MB on disk, as the tester's)."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        '.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        "personnel_number</t></is></c></row>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head.encode())
            for start in range(2, rows + 2, 10_000):
                block = "<row><c><v>1</v></c></row>" * (min(start + 10_000, rows + 2) - start)
                sheet.write(block.encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def xlsx_bomb(path: Path) -> Path:
    """A 1 GB worksheet of spaces, a megabyte on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(1024):
                sheet.write(b" " * MB)
    return path


HEADER = "personnel_number,surname,given_name,patronymic,birth_date,position\n"


def _csv_one_field(path: Path, surname: str) -> Path:
    path.write_text(HEADER + f'E-1,"{surname}",Тимур,,,Inspector\n', encoding="utf-8")
    return path


def csv_long_field(path: Path) -> Path:
    """One surname of 19 MB (the file just under the 20 MB limit)."""
    return _csv_one_field(path, "x" * (19 * MB))


def csv_long_cyrillic_field(path: Path) -> Path:
    """One quoted surname of 13 million Cyrillic letters and commas (19 MB)."""
    return _csv_one_field(path, "Ж," * (19 * MB // 3))


def csv_field_over_csv_limit(path: Path) -> Path:
    """The tester's: a field over the csv module's 131,072 characters."""
    return _csv_one_field(path, "x" * 140_000)


def _csv_rows(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        handle.writelines(f"E{n:07d},A,B,,,I\n" for n in range(rows))
    return path


def csv_many_rows(path: Path) -> Path:
    """1.2 million short rows in 19 MB."""
    return _csv_rows(path, 19 * MB // 17)


def csv_too_large(path: Path) -> Path:
    return _csv_rows(path, 25 * MB // 17)


Builder = Callable[[Path], Path]
FILES: dict[str, tuple[str, str, Builder]] = {
    # name: (kind, file name, builder)
    "kzx: 25 members of 190 MB, unsealed": ("kzx", "issue-bomb.kzx", kzx_issue_bomb),
    "kzx: one member of 300 MB": ("kzx", "oversized.kzx", kzx_oversized_member),
    "kzx: 4 x 60 MB, unsealed": ("kzx", "unsealed.kzx", kzx_unsealed_under_limits),
    "kzx: 4 x 60 MB, sealed, wrong digests": ("kzx", "sealed.kzx", kzx_sealed_with_large_members),
    "kzx: 6,000 members": ("kzx", "many.kzx", kzx_many_members),
    "kzx: seal nested 500,000 deep": ("kzx", "deep-seal.kzx", kzx_deep_seal),
    "kzx: sealed data nested 500,000 deep": ("kzx", "deep-data.kzx", kzx_deep_data),
    "kzx: sealed data.json, a million wrong persons": ("kzx", "junk.kzx", kzx_junk_data),
    "xlsx roster: 3 million rows": ("roster", "rows.xlsx", xlsx_rows),
    "xlsx roster: 1 GB worksheet": ("roster", "bomb.xlsx", xlsx_bomb),
    "csv roster: a 19 MB field": ("roster", "long.csv", csv_long_field),
    "csv roster: a 19 MB quoted Cyrillic field": ("roster", "cyr.csv", csv_long_cyrillic_field),
    "csv roster: a 140,000-character field": ("roster", "csvlimit.csv", csv_field_over_csv_limit),
    "csv roster: 1.2 million rows (19 MB)": ("roster", "rows.csv", csv_many_rows),
    "csv roster: 25 MB": ("roster", "large.csv", csv_too_large),
}


def measure(kind: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, help="where the files are built and kept")
    parser.add_argument("--only", help="only the files whose name contains this")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    print("| file | on disk | refused with | peak MB (added) | seconds |")
    print("|---|---|---|---|---|")
    over = 0
    for name, (kind, file_name, build) in FILES.items():
        if args.only and args.only not in name:
            continue
        path = folder / file_name
        if not path.exists():
            build(path)
        r = measure(kind, path)
        peak, added = r["peak_kb"] / 1024, (r["peak_kb"] - r["base_kb"]) / 1024
        said = r["said"].replace("|", "/")[:110]
        size = path.stat().st_size / MB
        print(
            f"| {name} | {size:.1f} MB | {said} | {peak:.0f} ({added:+.0f}) | {r['seconds']:.2f} |"
        )
        over += peak > GOAL_MB or r["seconds"] > GOAL_S or r["said"] == "ACCEPTED"
    print(f"\n{over} over the goal ({GOAL_MB} MB, {GOAL_S} s) or accepted")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
