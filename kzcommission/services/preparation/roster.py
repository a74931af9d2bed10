"""Importing the roster of employees from CSV or XLSX: a preview first, then one transaction.

``parse_roster`` reads a file without writing anything and lists every problem
by row and column, each with a ``code`` the UI translates
(``roster.problem.<code>``). ``import_rows`` writes the clean rows all or
nothing; it reports progress and can be cancelled, which rolls back.
"""

from __future__ import annotations

import csv
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kzcommission.domain.cells import looks_like_formula
from kzcommission.domain.iin import FEMALE, MALE, IinError, check_against, parse_iin
from kzcommission.domain.names import Names
from kzcommission.domain.person_sex import sex_from_patronymic
from kzcommission.services.preparation import roster_csv, roster_xlsx
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.names import name_values

MAX_BYTES = 20 * 1024 * 1024  # a roster of 100,000 employees is ~10 MB; more is a wrong file
# Hostile files (issue 18): an XLSX is a zip, so 20 MB on disk can unpack to gigabytes;
# its members' sizes are read from the zip directory before anything is parsed.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_ROWS = 200_000  # twice the largest roster seen; more is not a roster
MAX_FIELD = 4_000  # characters in one cell; a name or a position is far shorter
MAX_COLUMNS = 32  # columns of an XLSX read; a roster has len(COLUMNS) of its own
# A cell a spreadsheet would run as a formula (OWASP CSV injection): refused on import.
BATCH = 500

# Field -> accepted header spellings (lower-case), in en / ru / kk.
COLUMNS: dict[str, tuple[str, ...]] = {
    "personnel_number": ("personnel_number", "табельный номер", "табельный №", "табель нөмірі"),
    "surname": ("surname", "фамилия", "тегі"),
    "given_name": ("given_name", "имя", "аты"),
    "patronymic": ("patronymic", "отчество", "әкесінің аты"),
    "birth_date": ("birth_date", "дата рождения", "туған күні"),
    "position": ("position", "должность", "лауазымы"),
    "unit": ("unit", "подразделение", "бөлімше"),
    "grade": ("grade", "классный чин", "квалификационный класс", "сынып"),
    "appointed_on": ("appointed_on", "дата назначения", "тағайындалған күні"),
    "service_start": ("service_start", "начало службы", "қызметке кірген күні"),
    "education": ("education", "образование", "білімі"),
    # v10: Decree 490 Appendix 3 items 4 and 6 (the extraordinary certification sheet).
    "specialty": ("specialty", "специальность", "мамандығы"),
    "special_rank": ("special_rank", "специальное звание", "звание", "арнаулы атағы", "атағы"),
    # v14: the IIN (birth date and sex follow from it) and the sex where there is no IIN.
    "iin": ("iin", "иин", "жсн"),
    "sex": ("sex", "пол", "жынысы"),
}
# What a roster may write in the sex column (lower-case): en / ru / kk, words or letters.
SEX_WORDS: dict[str, str] = {
    **dict.fromkeys(("m", "male", "м", "муж", "мужской", "е", "ер", "ер адам"), MALE),
    **dict.fromkeys(("f", "female", "ж", "жен", "женский", "ә", "әйел"), FEMALE),
}
# v13: the position and the unit per language (issue 15 item 6). A header names the
# field in any of its spellings above followed by the language in parentheses:
# "position (kk)", "должность (рус.)", "лауазымы (қаз.)", "unit (en)"...
LANGUAGE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "kk": ("(kk)", "(каз.)", "(қаз.)", "(kaz.)"),
    "ru": ("(ru)", "(рус.)", "(орыс.)", "(rus.)"),
    "en": ("(en)", "(англ.)", "(ағыл.)", "(eng.)"),
}
NAMED: tuple[str, ...] = ("position", "unit")
COLUMNS.update(
    {
        f"{name}_{lang}": tuple(
            f"{alias} {suffix}" for alias in COLUMNS[name] for suffix in suffixes
        )
        for name in NAMED
        for lang, suffixes in LANGUAGE_SUFFIXES.items()
    }
)
REQUIRED: tuple[str, ...] = ("personnel_number", "surname", "given_name")
IIN_PREFIX = "iin_"  # problem codes of a refused IIN: "iin_" + domain.iin's code
DATE_FIELDS: frozenset[str] = frozenset({"birth_date", "appointed_on", "service_start"})
DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")


@dataclass(frozen=True)
class Problem:
    """One defect of the file. ``row`` counts lines of the file (the header is row 1)."""

    row: int | None
    column: str | None
    code: str  # too_large, encoding, encoding_cp1251, unreadable, missing_column, ...
    value: str = ""

    @property
    def message(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        place = ", ".join(where)
        detail = f" ({self.value!r})" if self.value else ""
        return f"{place + ': ' if place else ''}{self.code.replace('_', ' ')}{detail}"


@dataclass(frozen=True)
class RosterRow:
    row: int
    values: dict[str, Any]


@dataclass
class RosterPreview:
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def fatal(self) -> bool:
        """Problems with the whole file: nothing can be imported from it."""
        return any(p.row is None for p in self.problems)

    @property
    def bad_rows(self) -> set[int]:
        return {p.row for p in self.problems if p.row is not None}

    @property
    def clean_rows(self) -> list[RosterRow]:
        bad = self.bad_rows
        return [] if self.fatal else [r for r in self.rows if r.row not in bad]

    @property
    def is_clean(self) -> bool:
        return not self.problems


def _read_csv(data: bytes, preview: RosterPreview) -> list[list[Any]] | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        # Excel in a Russian locale saves CSV as Windows-1251: say so instead of a byte offset.
        try:
            data.decode("cp1251")
            code = "encoding_cp1251"
        except UnicodeDecodeError:
            code = "encoding"
        preview.problems.append(Problem(None, None, code, f"line {line}"))
        return None
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    lines = roster_csv.Lines(text)
    reader = csv.reader(lines, dialect)
    # A field up to PARSE_LIMIT goes through the csv module, so that the cell check refuses
    # it by row and column (too_long); a longer one stops the reader (below), cheaply.
    limit = csv.field_size_limit(roster_csv.PARSE_LIMIT)
    try:
        while True:
            record_start = lines.position
            try:
                row = next(reader)
            except StopIteration:
                return rows
            if len(rows) >= MAX_ROWS:
                preview.problems.append(Problem(None, None, "too_many_rows", str(MAX_ROWS)))
                return None
            rows.append(row)
    except csv.Error as exc:  # a malformed quote, a stray NUL, a field over the limit
        if "field limit" in str(exc):
            preview.problems.append(_long_field(text, record_start, dialect, rows))
        else:
            where = f"line {reader.line_num}: {exc}"
            preview.problems.append(Problem(None, None, "unreadable", where))
        return None
    finally:
        csv.field_size_limit(limit)


def _long_field(text: str, start: int, dialect: Any, rows: list[list[Any]]) -> Problem:
    """A field too long to parse, named by row and column like any too long cell."""
    index = roster_csv.long_field_column(
        text, start, dialect.delimiter, dialect.quotechar or '"', roster_csv.PARSE_LIMIT
    )
    mapping = _header(rows[0], RosterPreview()) if rows else None
    column = (mapping or {}).get(index)
    return Problem(len(rows) + 1, column, "too_long", f"> {roster_csv.PARSE_LIMIT}")


def _read_xlsx(path: Path, preview: RosterPreview) -> list[list[Any]] | None:
    from openpyxl import load_workbook  # only when an XLSX is actually opened

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED:
                preview.problems.append(
                    Problem(None, None, "too_large", f"{unpacked // (1024 * 1024)} MB unpacked")
                )
                return None
            row_count, cells = roster_xlsx.largest_worksheet(archive)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        preview.problems.append(Problem(None, None, "unreadable", type(exc).__name__))
        return None
    if row_count > MAX_ROWS or cells > MAX_ROWS * len(COLUMNS):
        preview.problems.append(Problem(None, None, "too_many_rows", str(MAX_ROWS)))
        return None
    try:
        # Formulas are read as written (not their cached results), so they can be refused.
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        preview.problems.append(Problem(None, None, "unreadable", type(exc).__name__))
        return None
    try:
        rows: list[list[Any]] = []
        # At most MAX_COLUMNS: a cell at column XFD would make openpyxl fill every row
        # with 16,384 empty cells. It pads each row to the width asked, so the empty
        # cells at the end are dropped (a sheet's gaps come as rows of nothing).
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            if len(rows) >= MAX_ROWS:
                preview.problems.append(Problem(None, None, "too_many_rows", str(MAX_ROWS)))
                return None
            width = len(row)
            while width and row[width - 1] is None:
                width -= 1
            rows.append(list(row[:width]))
        return rows
    finally:
        workbook.close()


def _header(cells: Sequence[Any], preview: RosterPreview) -> dict[int, str] | None:
    lookup = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
    mapping: dict[int, str] = {}
    for index, cell in enumerate(cells):
        name = lookup.get(str(cell or "").strip().lower())
        if name is not None:
            if name in mapping.values():  # two columns for one field: which one is meant?
                preview.problems.append(Problem(1, name, "duplicate_column", str(cell)))
                return None
            mapping[index] = name
    missing = [c for c in REQUIRED if c not in mapping.values()]
    for column in missing:
        preview.problems.append(Problem(None, column, "missing_column"))
    return None if missing else mapping


def _date(value: Any) -> date | None | str:
    """A date, None for an empty cell, or the code of what is wrong."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return "wrong_type"
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return "bad_date"


def _text(value: Any, column: str) -> str | None:
    """Cell as text; None when the type cannot be a text of this column."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if (
        column in ("personnel_number", "iin")
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
    ):
        # Excel turns "00123" into 123.0; an integral number is still a usable number.
        # An IIN always has 12 digits: those born in 2000-2009 lose their leading zero.
        if not float(value).is_integer():
            return None
        return str(int(value)).zfill(12) if column == "iin" else str(int(value))
    if column in ("grade",) and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _hostile(raw: Any) -> str:
    """The code of what makes a text cell unacceptable ("" when it is fine)."""
    if not isinstance(raw, str):
        return ""
    if looks_like_formula(raw):  # issue 18: never imported, row and column named
        return "formula"
    if any(ord(c) < 32 and c not in "\t\n\r" for c in raw) or "\x7f" in raw:
        return "control_chars"
    if len(raw) > MAX_FIELD:
        return "too_long"
    return ""


def _shown(text: str) -> str:
    """A cell's value as a message may show it: control characters visible, long ones cut."""
    visible = "".join(c if ord(c) >= 32 else f"\\x{ord(c):02x}" for c in text)
    return visible if len(visible) <= 60 else visible[:59] + "…"


def _check_row(
    number: int,
    cells: Sequence[Any],
    mapping: dict[int, str],
    positions: Collection[str] | None,
    preview: RosterPreview,
) -> RosterRow:
    values: dict[str, Any] = {}
    for index, column in mapping.items():
        raw = cells[index] if index < len(cells) else None
        if column in DATE_FIELDS:
            parsed = _date(raw)
            if isinstance(parsed, str):
                preview.problems.append(Problem(number, column, parsed, str(raw)))
            else:
                values[column] = parsed
            continue
        text = _text(raw, column)
        if text is None:
            preview.problems.append(Problem(number, column, "wrong_type", str(raw)))
            continue
        refused = _hostile(raw)
        if refused:
            shown = str(len(raw)) if refused == "too_long" else _shown(str(raw))
            preview.problems.append(Problem(number, column, refused, shown))
            continue
        values[column] = text
    for column in REQUIRED:
        if column in values and not values[column]:
            preview.problems.append(Problem(number, column, "missing_value"))
    position = values.get("position", "")
    if positions is not None and position and position not in positions:
        preview.problems.append(Problem(number, "position", "unknown_position", position))
    for column, text in values.items():
        lang = column.rpartition("_")[2] if column.startswith(NAMED) else ""
        if lang in LANGUAGE_SUFFIXES and text and _wrong_script(text, lang):
            preview.problems.append(Problem(number, column, "wrong_language", _shown(text)))
    _identity(number, values, preview)
    return RosterRow(number, values)


def _wrong_script(text: str, lang: str) -> bool:
    """A Kazakh or Russian cell without a Cyrillic letter, or an English one with one: the
    text is in another language's column (issue 15 item 6)."""
    letters = [c for c in text if c.isalpha()]
    cyrillic = any("\u0400" <= c <= "\u04ff" for c in letters)
    return bool(letters) and (cyrillic if lang == "en" else not cyrillic)


def _person_values(values: dict[str, Any]) -> dict[str, Any]:
    """A row's columns for the person table: the position and the unit per language, a
    single-language column placed by its language (explicit language columns win)."""
    out = {k: v for k, v in values.items() if not k.startswith(NAMED)}
    for name in NAMED:
        given = {lang: values.get(f"{name}_{lang}", "") for lang in LANGUAGE_SUFFIXES}
        single = Names.single(values.get(name, ""))
        merged = Names(
            **{lang: given[lang] or text for lang, text in single.variants().items()},
            other=single.other,
        )
        out.update(name_values(name, merged))
    return out


def _identity(number: int, values: dict[str, Any], preview: RosterPreview) -> None:
    """The IIN checked (its birth date and sex taken, typed ones checked against it); the
    sex from the sex column or the patronymic where there is no IIN. Empty IIN: None."""
    stated = values.pop("sex", "")
    sex = SEX_WORDS.get(stated.lower(), "") if stated else ""
    if stated and not sex:
        preview.problems.append(Problem(number, "sex", "bad_sex", stated))
    text = values.get("iin", "")
    values["iin"] = text or None
    if not text:
        values["sex"] = sex or sex_from_patronymic(values.get("patronymic", ""))
        return
    try:
        parsed = parse_iin(text)
        check_against(parsed, values.get("birth_date"), sex)
    except IinError as exc:
        column = {"birth_date": "birth_date", "sex": "sex"}.get(exc.code, "iin")
        preview.problems.append(Problem(number, column, IIN_PREFIX + exc.code, text))
        return
    values["birth_date"], values["sex"] = parsed.birth_date, parsed.sex


def _duplicate(column: str, where: str) -> str:
    """The problem code of a key seen twice: "duplicate_in_file", "iin_duplicate_in_database"."""
    prefix = "" if column == "personnel_number" else f"{column}_"
    return f"{prefix}duplicate_in_{where}"


def _existing(column: str, keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` (personnel numbers or IINs) the database already holds."""
    field = getattr(models.Person, column)
    found: set[str] = set()
    pending = list(keys)
    for start in range(0, len(pending), BATCH):
        chunk = pending[start : start + BATCH]
        found.update(
            value for (value,) in models.Person.select(field).where(field.in_(chunk)).tuples()
        )
    return found


@read("roster.import")
def parse_roster(
    path: Path | str, *, positions: Collection[str] | None = None, max_bytes: int = MAX_BYTES
) -> RosterPreview:
    """Read and check a roster file; write nothing. ``positions``: the allowed positions."""
    path = Path(path)
    preview = RosterPreview()
    size = path.stat().st_size
    if size > max_bytes:
        preview.problems.append(Problem(None, None, "too_large", f"{size // (1024 * 1024)} MB"))
        return preview
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _read_xlsx(path, preview)
    else:
        table = _read_csv(path.read_bytes(), preview)
    if table is None:
        return preview
    if not table:
        preview.problems.append(Problem(None, None, "empty"))
        return preview
    mapping = _header(table[0], preview)
    if mapping is None:
        return preview
    first_row: dict[str, dict[str, int]] = {"personnel_number": {}, "iin": {}}
    for number, cells in enumerate(table[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue  # blank lines at the end of a sheet are not employees
        row = _check_row(number, cells, mapping, positions, preview)
        preview.rows.append(row)
        for column, seen in first_row.items():
            key = row.values.get(column)
            if not key:
                continue
            if key in seen:
                preview.problems.append(Problem(number, column, _duplicate(column, "file"), key))
            else:
                seen[key] = number
    for column, seen in first_row.items():
        for key in sorted(_existing(column, seen)):
            preview.problems.append(Problem(seen[key], column, _duplicate(column, "database"), key))
    preview.problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return preview


class ImportCancelled(Exception):
    """The user stopped the import; the transaction was rolled back."""


@write("roster.import")
def import_rows(
    rows: Sequence[RosterRow],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Insert the rows in one transaction; raise ImportCancelled to roll everything back."""
    total = len(rows)
    for start in range(0, total, BATCH):
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        chunk = rows[start : start + BATCH]
        batch = [{**_person_values(r.values), "uuid": models.new_uuid()} for r in chunk]
        models.Person.insert_many(batch).execute()
        if progress is not None:
            progress(min(start + BATCH, total), total)
    record_history("roster.import", "person", "", after={"rows": total})
    return total
