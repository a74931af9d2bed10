"""Receiving a package at the centre: verify everything, then write all of it or nothing."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kzcommission.domain.ballot_history import options_per_round, replay_ballots
from kzcommission.domain.decisions import check_decision
from kzcommission.domain.errors import RuleError
from kzcommission.domain.recount import CaseRecord, RoundRecord, recount_case
from kzcommission.domain.rulesets import ruleset_by_code
from kzcommission.domain.seats import SeatId, seat_text
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.exchange import package
from kzcommission.services.exchange.export import sitting_data
from kzcommission.services.exchange.keys import check_key, exchange_key
from kzcommission.services.trust import sealed_record
from kzcommission.services.unit import read, record_history
from kzcommission.store import models

# A 40-case sitting's package unpacks to ~20 MB, its largest PDF to ~5 MB, its data.json
# and history.json to well under 1 MB. A zip bomb is refused from the zip's directory
# before anything is inflated; the PDFs are only hashed, a chunk at a time, never held.
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 5_000  # minutes, sheets and scorecards of the largest sitting: ~500 files
MAX_META_BYTES = 1024 * 1024  # the manifest and the seal, read before anything else
MAX_JSON_BYTES = 8 * 1024 * 1024  # data.json and history.json, parsed in memory
CHUNK = 1024 * 1024
MAX_SCHEMA_ERRORS = 50  # the problems listed for a data.json that does not fit the schema


@dataclass(frozen=True)
class Problem:
    place: str  # "package", "data.json", "case <uuid> (<name>)", ...
    field: str
    message: str
    rule_id: str = ""
    # For the screens: ``package.problem.<code>`` in the user's language, with ``params``
    # (the message above stays the English text of the command line and the log).
    code: str = ""
    params: dict[str, str] = dataclasses.field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        rule = f" [{self.rule_id}]" if self.rule_id else ""
        return f"{self.place}: {self.field}: {self.message}{rule}"

    def text_in(self, lang: str) -> str:
        """The reason in ``lang`` when it has a translation (its ``code``), else as written."""
        if not self.code:
            return str(self)
        params: dict[str, object] = dict(self.params)
        if "subject" in params:
            params["round"] = tr(f"vote.round_{params['subject']}", lang, number=params["number"])
        return tr(f"package.problem.{self.code}", lang, **params)


# Refusals the operator may overrule by choosing to merge (import_package(merge=True)).
MERGEABLE = frozenset({"person_renamed", "commission_renamed"})


class PackageRefused(ServiceError):
    """The package is refused whole; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems[:50])
        super().__init__(
            f"package refused, nothing imported ({len(problems)} problems):\n{lines}",
            field=problems[0].field if problems else None,
        )

    def detail_in(self, lang: str) -> str:
        """The refusal in the user's language: how many problems, then each one."""
        lines = "\n".join(f"- {p.text_in(lang)}" for p in self.problems[:50])
        return f"{tr('package.refused', lang, count=len(self.problems))}\n{lines}"

    @property
    def mergeable(self) -> bool:
        """True when every reason is a record known here under another name."""
        return bool(self.problems) and all(p.code in MERGEABLE for p in self.problems)


@dataclass
class ImportReport:
    sitting_uuid: str
    office: str  # the sending installation's id (kept in the history entry)
    cases: int
    already_present: bool
    warnings: list[str] = dataclasses.field(default_factory=list)
    # In words, for the user (issue 22): the sending commission and the sitting.
    commission: str = ""
    place: str = ""
    number: str = ""
    held_on: date | None = None
    steps: int = 0  # deadline steps added or changed by a later package of the same sitting
    # Records known here under another name, taken as one by the operator's choice:
    # {"what": "person" | "commission", "uuid", "package": its name, "here": ours}.
    merged: list[dict[str, str]] = dataclasses.field(default_factory=list)

    def sender(self) -> str:
        """The sending office in words: its commission, and where it sits."""
        return f"{self.commission} ({self.place})" if self.place else self.commission

    def sitting_words(self) -> str:
        """The sitting in words: its number and date."""
        day = self.held_on.strftime("%d.%m.%Y") if self.held_on else ""
        return f"№{self.number} {day}".strip()


def _refuse(place: str, field_name: str, message: str) -> PackageRefused:
    return PackageRefused([Problem(place, field_name, message)])


def _loads(raw: bytes, place: str, what: str) -> Any:
    """JSON with its nesting bounded: a hostile file refused in words, not a RecursionError."""
    try:
        return json.loads(raw)
    except RecursionError as exc:
        raise _refuse(place, what, "nested too deeply to be a kzcommission file") from exc
    except ValueError as exc:
        raise _refuse(place, what, f"unreadable ({exc})") from exc


def _directory(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The members as the zip's central directory lists them, checked before any is read:
    their number, each one's and the total unpacked size (issue 18)."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse("package", "file", f"{len(infos)} members: not a sitting's package")
    total = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise _refuse("package", info.filename, "member too large")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise _refuse(
            "package", "file", f"{total // (1024 * 1024)} MB unpacked: not a sitting's package"
        )
    return {info.filename: info for info in infos}


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise _refuse("package", info.filename, "member too large")
    with archive.open(info) as handle:  # reads at most the listed size; CRC checked at the end
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _refuse("package", info.filename, "member too large")
    return data


def _hashed(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    """The sha256 of a member read a chunk at a time: a large PDF is never held whole."""
    digest, seen = hashlib.sha256(), 0
    with archive.open(info) as handle:
        while chunk := handle.read(CHUNK):
            seen += len(chunk)
            if seen > MAX_MEMBER_BYTES:
                raise _refuse("package", info.filename, "member too large")
            digest.update(chunk)
    return digest.hexdigest()


def _read(path: Path, key: bytes) -> tuple[dict[str, bytes], dict[str, str], dict[str, Any]]:
    """(data.json and history.json, every member's sha256, the manifest).

    The seal is verified on the small manifest before any large member is read, so an
    unsealed file costs almost nothing; a member the sealed manifest does not list is
    refused from the zip's directory, unread."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = _directory(archive)
            small = {
                name: _member(archive, infos[name], MAX_META_BYTES)
                for name in (package.MANIFEST, package.SEAL)
                if name in infos
            }
            manifest = _check_seal(small, key)
            listed = _listed(manifest)
            unlisted = sorted(set(infos) - set(listed) - set(small))
            if unlisted:
                raise PackageRefused(
                    [Problem("package", name, "not listed in the manifest") for name in unlisted]
                )
            files: dict[str, bytes] = {}
            digests: dict[str, str] = {}
            for name, info in infos.items():
                if name in small:
                    continue
                if name in (package.DATA, package.HISTORY):
                    files[name] = _member(archive, info, MAX_JSON_BYTES)
                    digests[name] = package.sha256(files[name])
                else:
                    digests[name] = _hashed(archive, info)
            return files, digests, manifest
    except zipfile.BadZipFile as exc:
        raise _refuse("package", "file", f"not a complete package file ({exc})") from exc
    except (EOFError, OSError) as exc:
        raise _refuse("package", "file", f"not a complete package file ({exc})") from exc


def _listed(manifest: dict[str, Any]) -> dict[str, Any]:
    listed = manifest.get("files", {})
    if not isinstance(listed, dict):
        raise _refuse("manifest", "files", "not a list of files")
    return listed


def _check_seal(files: dict[str, bytes], key: bytes) -> dict[str, Any]:
    for name in (package.MANIFEST, package.SEAL):
        if name not in files:
            raise _refuse("package", name, "missing: the file is incomplete")
    seal = _loads(files[package.SEAL], "package", "seal")
    if not isinstance(seal, dict):
        raise _refuse("package", "seal", "not a seal")
    if not package.seal_matches(files[package.MANIFEST], key, seal):
        raise _refuse(
            "package",
            "seal",
            "the seal does not match: the package was altered, or "
            f"sealed with another key (package key {seal.get('key_id')}, "
            f"ours {package.key_id(key)})",
        )
    manifest = _loads(files[package.MANIFEST], "package", "manifest")
    if not isinstance(manifest, dict):
        raise _refuse("package", "manifest", "not a manifest")
    if manifest.get("format") != package.FORMAT:
        raise _refuse("manifest", "format", f"not a kzcommission package: {manifest.get('format')}")
    if manifest.get("schema_version") not in package.READABLE_VERSIONS:
        raise _refuse(
            "manifest",
            "schema_version",
            f"version {manifest.get('schema_version')} is not supported; this "
            f"kzcommission reads versions {', '.join(map(str, package.READABLE_VERSIONS))}",
        )
    return manifest


def _verify_container(digests: dict[str, str], manifest: dict[str, Any]) -> None:
    problems = []
    for name, digest in _listed(manifest).items():
        if name not in digests:
            problems.append(Problem("package", name, "listed in the manifest but missing"))
        elif digests[name] != digest:
            problems.append(Problem("package", name, "content differs from the manifest"))
    if problems:
        raise PackageRefused(problems)


def _validate_data(raw: bytes) -> dict[str, Any]:
    import jsonschema

    data = _loads(raw, package.DATA, "json")
    validator = jsonschema.Draft202012Validator(package.schema())
    # The first 50 errors found, not all of them: a sealed data.json of a million wrong
    # entries would make a million errors (3.5 GB and 72 s, issue 18).
    found = itertools.islice(validator.iter_errors(data), MAX_SCHEMA_ERRORS)
    errors = sorted(found, key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        raise PackageRefused(
            [
                Problem(
                    package.DATA,
                    "/".join(str(p) for p in e.absolute_path) or "(root)",
                    e.message[:300],
                )
                for e in errors
            ]
        )
    return data


def _verify_history(
    raw: bytes, manifest: dict[str, Any], data: dict[str, Any]
) -> list[dict[str, Any]]:
    entries = _loads(raw, package.HISTORY, "json")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise _refuse(package.HISTORY, "json", "not a list of history entries")
    sitting_uuid = data["sitting"]["uuid"]
    previous = package.history_genesis(sitting_uuid)
    for index, entry in enumerate(entries):
        previous = package.history_link(previous, entry)
        if entry.get("link") != previous:
            raise _refuse(
                package.HISTORY,
                f"entry {index + 1}",
                "the history chain breaks here: an entry was altered, removed or added",
            )
    if previous != manifest.get("history_head"):
        raise _refuse(
            package.HISTORY,
            "head",
            "the history segment ends elsewhere than the "
            "manifest says: entries were removed at the end",
        )
    # The history names every case the sitting ever had; the data must hold the same.
    added = {e["entity_id"] for e in entries if e.get("action") == "case.add"}
    present = {c["uuid"] for c in data["sitting"]["cases"]}
    problems = [
        Problem(
            f"case {uuid}",
            "cases",
            "recorded in the history but missing from the data: the case was removed",
        )
        for uuid in sorted(added - present)
    ]
    if added:
        problems += [
            Problem(f"case {uuid}", "cases", "in the data but never added in the history")
            for uuid in sorted(present - added)
        ]
    if problems:
        raise PackageRefused(problems)
    return entries


class _SeatNumbers:
    """A package's seats numbered for the recount: the rules take a seat id as an int
    (``domain.seats``), and a package names its seats by uuid, with no id here until it
    is written, after it is verified (``verify_package`` writes nothing). Numbered by
    their place in the composition from 1; a uuid the composition does not hold gets a
    later number, so the recount still finds a ballot from it. Problems name the uuid."""

    def __init__(self, seats: list[dict[str, Any]]):
        self.numbers = {s["uuid"]: n for n, s in enumerate(seats, start=1)}
        self.later = itertools.count(len(seats) + 1)

    def __call__(self, uuid: str) -> SeatId:
        if uuid not in self.numbers:
            self.numbers[uuid] = next(self.later)
        return self.numbers[uuid]

    def optional(self, uuid: str | None) -> SeatId | None:
        return None if uuid is None else self(uuid)

    def named(self, text: str) -> str:
        """A recount problem's field or message with each seat named by its uuid again."""
        for uuid, number in self.numbers.items():
            text = text.replace(f"[{number}]", f"[{uuid}]")
            text = text.replace(seat_text(number), repr(uuid))
        return text


def _recount(data: dict[str, Any]) -> list[Problem]:
    seats = data["commission"]["seats"]
    number = _SeatNumbers(seats)
    voting = frozenset(number(s["uuid"]) for s in seats if s["role"] in ("chair", "member"))
    chair = next(
        (number(s["uuid"]) for s in seats if s["role"] == "chair" and s["order"] >= 0), None
    )
    seat_ids = {s["uuid"] for s in seats}
    persons = {p["uuid"]: p for p in data["persons"]}
    problems: list[Problem] = []
    unexcused: dict[tuple[str, str], int] = {}
    for case in sorted(data["sitting"]["cases"], key=lambda c: c["order"]):
        person = persons.get(case["person"])
        name = f"{person['surname']} {person['given_name']}" if person else "?"
        place = f"case {case['uuid']} ({name})"
        if person is None:
            problems.append(Problem(place, "person", "the person is not in the package"))
        for r in case["rounds"]:
            for b in r["ballots"]:
                if b["seat"] not in seat_ids:
                    problems.append(
                        Problem(
                            place,
                            f"rounds[{r['number']}].ballots",
                            f"seat {b['seat']} is not in the composition",
                        )
                    )
        try:
            ruleset = ruleset_by_code(case["ruleset"])
        except RuleError as exc:
            problems.append(Problem(place, "ruleset", str(exc)))
            continue
        key = (case["person"], case["kind"])
        record = CaseRecord(
            kind=case["kind"],
            appearance=case["appearance"],
            restricted=case["restricted"],
            decision=case["decision"],
            decision_rule=case["decision_rule"],
            grade_result=case["grade_result"],
            recused=frozenset(number(r["seat"]) for r in case["recusals"]),
            rounds=tuple(
                RoundRecord(
                    subject=r["subject"],
                    number=r["number"],
                    options=tuple(r["options"]),
                    status=r["status"],
                    adopted=r["adopted"],
                    casting_vote_used=r["casting_vote_used"],
                    runoff=tuple(r["runoff"]),
                    presiding=number.optional(r["presiding"]),
                    ballots={number(b["seat"]): b["option"] for b in r["ballots"]},
                )
                for r in case["rounds"]
            ),
            voting_seats=voting,
            earlier_unexcused=unexcused.get(key, 0),
            chair=chair,  # R-VOTE-4: each round's presiding member is checked against him
            presiding=number.optional(case.get("presiding")),
        )
        if case["appearance"] == "absent_unexcused":
            unexcused[key] = unexcused.get(key, 0) + 1
        problems += [
            Problem(place, number.named(p.field), number.named(p.message), p.rule_id)
            for p in recount_case(record, ruleset)
        ]
        if case["decision"] is not None:
            try:  # R-DEC-5: a decision the case does not allow is refused, whatever its ballots
                check_decision(ruleset, case["kind"], case["restricted"], case["decision"])
            except RuleError as exc:
                problems.append(Problem(place, "decision", str(exc), exc.rule_id or ""))
    return problems


def _names(data: dict[str, Any]) -> dict[str, str]:
    """Each case's uuid -> the person's name, for the places of problems."""
    persons = {p["uuid"]: p for p in data["persons"]}
    names = {}
    for case in data["sitting"]["cases"]:
        person = persons.get(case["person"])
        names[case["uuid"]] = f"{person['surname']} {person['given_name']}" if person else "?"
    return names


def _tally(counts: Counter) -> str:
    return ", ".join(f"{option} {n}" for option, n in sorted(counts.items())) or "none"


def _history_contradictions(entries: list[dict[str, Any]], data: dict[str, Any]) -> list[Problem]:
    """Every round whose ballots differ from the ones its history entries cast (issue 18).

    The history numbers seats as the office's desk did, the package by uuid, so each
    round is compared by how many ballots of each option it holds: a ballot changed,
    added or removed after it was cast changes that count."""
    told = options_per_round(
        replay_ballots(
            (str(e.get("action", "")), str(e.get("entity_id", "")), e.get("after"), index)
            for index, e in enumerate(entries, start=1)
        )
    )
    carried: dict[tuple[str, str, int], Counter] = {}
    for case in data["sitting"]["cases"]:
        for r in case["rounds"]:
            counts = Counter(b["option"] for b in r["ballots"])
            if counts:
                carried[(case["uuid"], r["subject"], r["number"])] = counts
    names = _names(data)
    problems = []
    for key in sorted(set(told) | set(carried)):
        history, ballots = told.get(key, Counter()), carried.get(key, Counter())
        if history == ballots:
            continue
        case_uuid, subject, number = key
        params = {
            "name": names.get(case_uuid, "?"),
            "subject": subject,
            "number": str(number),
            "ballots": _tally(ballots),
            "history": _tally(history),
        }
        problems.append(
            Problem(
                f"case {case_uuid} ({params['name']})",
                f"rounds[{subject} {number}].ballots",
                f"the ballots ({params['ballots']}) contradict the history, which cast "
                f"({params['history']}): the ballots were changed after they were cast",
                code="history_ballots",
                params=params,
            )
        )
    return problems


@read("exchange.import")
def verify_package(path: Path, key: bytes | None = None) -> tuple[dict[str, Any], int]:
    """Every check short of writing; returns the data and the history length."""
    files, digests, manifest = _read(path, exchange_key() if key is None else check_key(key))
    _verify_container(digests, manifest)
    data = _validate_data(files.get(package.DATA, b""))
    entries = _verify_history(files.get(package.HISTORY, b"[]"), manifest, data)
    problems = _recount(data) + _history_contradictions(entries, data)
    if problems:
        raise PackageRefused(problems)
    return data, len(entries)


def _full_name(surname: str, given: str, patronymic: str = "") -> str:
    return " ".join(" ".join(part.split()) for part in (surname, given, patronymic) if part)


@read("exchange.import")
def identity_conflicts(data: dict[str, Any]) -> list[Problem]:
    """Persons and the commission of the package whose uuid is here under another name."""
    problems = []
    for p in data["persons"]:
        here = models.Person.get_or_none(models.Person.uuid == p["uuid"])
        if here is None:
            continue
        theirs = _full_name(p["surname"], p["given_name"], p.get("patronymic", ""))
        ours = _full_name(here.surname, here.given_name, here.patronymic)
        if theirs.casefold() != ours.casefold():
            problems.append(
                Problem(
                    f"person {p['uuid']}",
                    "person",
                    f"the package names {theirs!r}, this database {ours!r} under the same "
                    "identifier; import with merge to take them as one (the name here is kept)",
                    code="person_renamed",
                    params={"uuid": p["uuid"], "package": theirs, "here": ours},
                )
            )
    c = data["commission"]
    here_c = models.Commission.get_or_none(models.Commission.uuid == c["uuid"])
    if (
        here_c is not None
        and " ".join(here_c.name.split()).casefold() != " ".join(c["name"].split()).casefold()
    ):
        problems.append(
            Problem(
                f"commission {c['uuid']}",
                "commission",
                f"the package names {c['name']!r}, this database {here_c.name!r} under the "
                "same identifier; import with merge to take them as one (the name here is kept)",
                code="commission_renamed",
                params={"uuid": c["uuid"], "package": c["name"], "here": here_c.name},
            )
        )
    return problems


@read("exchange.import")
def import_package(path: Path, *, key: bytes | None = None, merge: bool = False) -> ImportReport:
    """Verify a package and write its sitting; importing it again changes nothing.

    A person or the commission known here under the same uuid but another name is
    refused (naming both) unless ``merge``: then the record here, with its name, is
    taken as the package's, and the import's history entry lists each one merged."""
    from kzcommission.services.exchange.writer import write_sitting

    data, history_length = verify_package(Path(path), key)
    sitting_uuid = data["sitting"]["uuid"]
    sent = data["sitting"]
    report = ImportReport(
        sitting_uuid,
        data["office"],
        len(sent["cases"]),
        False,
        commission=data["commission"]["name"],
        place=data["commission"].get("place") or sent.get("place") or "",
        number=str(sent.get("number") or ""),
        held_on=date.fromisoformat(sent["held_on"]) if sent.get("held_on") else None,
    )
    with models.database.atomic():
        existing = models.Sitting.get_or_none(models.Sitting.uuid == sitting_uuid)
        if existing is not None:
            ours = sitting_data(existing, data["office"])["sitting"]
            if _comparable(ours) != _comparable(data["sitting"]):
                raise _refuse(
                    f"sitting {sitting_uuid}",
                    "sitting",
                    "already imported with different content; the earlier import is kept unchanged",
                )
            report.already_present = True
            report.steps = _update_steps(existing, data["sitting"])
            if report.steps:
                record_history(
                    "exchange.import.steps",
                    "sitting",
                    sitting_uuid,
                    sitting=sitting_uuid,
                    after={"office": data["office"], "steps": report.steps},
                )
            return report
        conflicts = identity_conflicts(data)
        if conflicts and not merge:
            raise PackageRefused(conflicts)
        report.merged = [{"what": p.code.split("_")[0], **p.params} for p in conflicts]
        report.warnings += write_sitting(data)
        written = models.Sitting.get(models.Sitting.uuid == sitting_uuid)
        record_history(
            sealed_record.IMPORT,
            "sitting",
            sitting_uuid,
            sitting=sitting_uuid,
            after={
                "office": data["office"],
                "cases": report.cases,
                "history_entries": history_length,
                "package": _file_digest(Path(path)),
                "merged": report.merged,
                # The imported record as written, sealed here: verify-db checks it
                # as the office's, row by row (issue 17).
                sealed_record.RECORD_KEY: sealed_record.record_digests(written.id),
            },
        )
    return report


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _update_steps(sitting: models.Sitting, sent: dict[str, Any]) -> int:
    """The deadline steps the office recorded since its earlier package (R-DL-1..R-DL-8)."""
    from kzcommission.services.exchange.writer import write_steps

    cases = {c.uuid: c for c in models.Case.select().where(models.Case.sitting == sitting)}
    return sum(write_steps(cases[c["uuid"]], c.get("steps", [])) for c in sent["cases"])


def _comparable(sitting: dict[str, Any]) -> str:
    """The sitting's record to compare, without the deadline steps: those are personnel
    facts the office may record after the sitting was sent (a later package brings them)."""
    sitting = {**sitting, "cases": [_without_steps(c) for c in sitting["cases"]]}

    def normal(value: Any) -> Any:
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        return value

    return json.dumps(sitting, default=normal, sort_keys=True, ensure_ascii=False)


def _without_steps(case: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in case.items() if k != "steps"}
