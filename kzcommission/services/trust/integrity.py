"""`verify-db`: recompute the history chain and replay it against the tables.

Reports every place where the file was changed behind the application's back:
an entry altered (and which field), deleted (a gap, or cut from the end), or
inserted (an entry the key never sealed); ballots that differ from what the
history says was cast; and, from the row images every entry seals (schema v17,
services.trust.row_state), each row of every tracked table that is missing, extra or
differs from the state the history implies, naming its table, row id, field and
the entry that last sealed it.

Three outcomes, never blurred: INTACT (the whole chain verified with the key,
nothing differs), ALTERED (something named was changed), UNVERIFIED (it could
not be checked: no key or another key, a renamed installation, or entries
written without the key that no administrator adopted). Only INTACT is "OK".
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from kzcommission.domain.ballot_history import replay_ballots
from kzcommission.i18n import Phrase
from kzcommission.services.context import current_actor
from kzcommission.services.errors import ServiceError
from kzcommission.services.trust import check_terms, history, row_state, sealed_record, secrets
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models

INTACT, UNVERIFIED = "intact", "unverified"
EXIT_CODES = {INTACT: 0, "altered": 1, UNVERIFIED: 2}
ADOPT = "history.adopt"

ALTERED, DELETED, INSERTED, UNSEALED, KEY, HEAD, BALLOT, ROW = (
    "altered",
    "deleted",
    "inserted",
    "unsealed",
    "key",
    "head",
    "ballot",
    "row",
)


P = "integrity.problem."  # the catalogue texts of the problems a screen shows


@dataclass(frozen=True)
class Problem:
    kind: str
    seq: int | None
    message: str  # in English, as verify-db prints it
    # For a row that differs from the state the history implies (kind ROW).
    table: str = ""
    row: str = ""
    field: str = ""
    # The same in the reader's language: catalogue text integrity.problem.<key>, its
    # parameters (terms among them as Phrases: a table, a status in words).
    key: str = ""
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)

    @property
    def phrase(self) -> Phrase:
        return Phrase(P + self.key, self.params) if self.key else Phrase(self.message)


@dataclass
class IntegrityReport:
    entries: int = 0
    sealed: int = 0
    problems: list[Problem] = field(default_factory=list)
    # The state the history implies, row by row, folded by the chain check for the replay.
    state: row_state.State = field(default_factory=dict, repr=False)

    @property
    def tampered(self) -> list[Problem]:
        return [p for p in self.problems if p.kind not in (UNSEALED, KEY)]

    @property
    def ok(self) -> bool:
        """Nothing was found altered (the chain may still be unverified: see ``outcome``)."""
        return not self.tampered

    @property
    def outcome(self) -> str:
        """INTACT only when everything was verified with the key; else ALTERED or UNVERIFIED."""
        if self.tampered:
            return ALTERED
        if any(p.kind in (UNSEALED, KEY) for p in self.problems):
            return UNVERIFIED
        return INTACT

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]

    def add(self, kind: str, seq: int | None, message: str, key: str, /, **params: object) -> None:
        self.problems.append(Problem(kind, seq, message, key=key, params=params))


def _short(value: object, limit: int = 80) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _diagnose(key: bytes, values: dict, tags: str) -> tuple[str, str, Phrase | list[Phrase]]:
    """(kind, what, what in words: why, or each field changed) for an entry whose mac
    does not match."""
    stored = (tags or "").split(",")
    names = next((n for n in (history.FIELDS, history.COLUMNS) if len(n) == len(stored)), None)
    if names is None:
        return (
            INSERTED,
            "it carries no valid field tags: it was not written by the application",
            Phrase(P + "why.no_tags"),
        )
    changed = [
        name
        for name, tag in zip(names, stored, strict=True)
        if history.field_tag(key, name, values[name]) != tag
    ]
    if len(changed) >= len(names) - 1:
        return (
            INSERTED,
            "none of its fields matches its tags: it was not written by the application",
            Phrase(P + "why.no_field_matches"),
        )
    if changed:
        what = "; ".join(f"{name} is now {_short(values[name])!r}" for name in changed)
        fields = [
            Phrase(
                P + "why.field_now",
                {"field": check_terms.column(n), "value": _short(values[n])},
            )
            for n in changed
        ]
        return ALTERED, f"changed field(s): {what}", fields
    return (
        ALTERED,
        "its fields are intact but its link to the previous entry is broken "
        "(the entry before it was altered or removed, or its mac was edited)",
        Phrase(P + "why.link_broken"),
    )


# Why the key is missing, as history.history_key says it -> its catalogue text.
_KEY_PROBLEMS = {history.NO_KEY: "no_key", history.OTHER_KEY: "other_key"}


def _key_problem(problem: str) -> str:
    if problem.startswith(secrets.NO_KEYRING):
        return "no_keyring"
    return _KEY_PROBLEMS.get(problem, "key_unavailable")


@read("history.verify")
def check_chain(report: IntegrityReport) -> None:
    db = models.database
    key, problem = history.history_key(create=False)
    if key is None:
        report.add(
            KEY,
            None,
            f"the chain cannot be checked: {problem}",
            _key_problem(problem),
            error=problem,
        )
    rows = db.execute_sql(
        f"SELECT id, {', '.join(history.COLUMNS)}, mac, tags FROM history_entry "
        "ORDER BY seq IS NULL, seq, id"
    )
    prev = history.genesis(history.installation_id())
    expected = 1
    last_seq = 0
    last_sealed = 0
    stretch: list[dict] = []
    stretches: list[list[dict]] = []
    adoptions: list[tuple[int, dict]] = []
    for row in rows:
        report.entries += 1
        values = dict(zip(("id", *history.COLUMNS), row[:-2], strict=True))
        mac, tags = row[-2] or "", row[-1] or ""
        seq = values["seq"]
        if seq is None:
            report.add(
                INSERTED,
                None,
                f"row id {values['id']} has no sequence number: "
                f"inserted behind the application ({values['action']} at {values['at']})",
                "no_sequence",
                row=values["id"],
                action=values["action"],
                at=values["at"],
            )
            continue
        seq = int(seq)
        if seq < expected:
            report.add(
                INSERTED,
                seq,
                f"entry #{seq} appears twice: one copy was inserted",
                "twice",
                seq=seq,
            )
            continue
        if values[history.IMAGES]:
            row_state.fold(report.state, seq, values[history.IMAGES])
        if seq > expected:
            span = f"#{expected}" if seq == expected + 1 else f"#{expected} to #{seq - 1}"
            one = seq == expected + 1
            report.add(
                DELETED,
                expected,
                f"entry {span} is missing: deleted",
                "missing_one" if one else "missing_many",
                first=expected,
                last=seq - 1,
            )
        last_seq, expected = seq, seq + 1
        if not mac:
            if tags:  # field tags are written only with a seal: this one was removed
                report.add(
                    ALTERED,
                    seq,
                    f"entry #{seq} ({values['action']} by {values['actor']}) was sealed "
                    "and its seal was removed",
                    "seal_removed",
                    seq=seq,
                    action=values["action"],
                    actor=values["actor"],
                )
            stretch.append({**values, "seq": seq})
            prev = ""
            continue
        after_stretch = bool(stretch) and stretch[-1]["seq"] == seq - 1
        if stretch:
            stretches.append(stretch)
            stretch = []
        report.sealed += 1
        last_sealed = seq
        verified = key is not None and history.entry_mac(key, prev, values) == mac
        if verified and values["action"] == ADOPT:
            adoptions.append((seq, values))
        if verified and values["action"] == history.ANOMALY:
            found = _anomaly(values)
            report.add(
                HEAD,
                seq,
                f"entry #{seq}: when the application next wrote, {found}: "
                "entries were cut from the end or the record was edited",
                "anomaly",
                seq=seq,
                found=_anomaly_words(found),
            )
        if key is not None and not verified:
            if (
                report.problems
                and report.problems[-1].kind == DELETED
                and report.problems[-1].seq == seq - 1
            ):
                pass  # the gap just reported explains the broken link
            elif (
                after_stretch
                and _diagnose(key, values, tags)[0] == ALTERED
                and (history.field_tags(key, values) == tags)
            ):
                report.add(
                    ALTERED,
                    seq - 1,
                    f"entry #{seq - 1} was sealed (entry #{seq} is chained to its seal) "
                    "and its seal was removed",
                    "seal_removed_before",
                    seq=seq - 1,
                    next=seq,
                )
            else:
                kind, what, words = _diagnose(key, values, tags)
                report.add(
                    kind,
                    seq,
                    f"entry #{seq} ({values['action']} by {values['actor']} "
                    f"at {values['at']}) was {kind}: {what}",
                    f"entry_{kind}",
                    seq=seq,
                    action=values["action"],
                    actor=values["actor"],
                    at=values["at"],
                    what=words,
                )
        prev = mac
    if stretch:
        stretches.append(stretch)
    _check_stretches(report, stretches, adoptions)
    if key is not None:
        _check_head(report, key, last_seq, last_sealed)


def _anomaly(values: dict) -> str:
    try:
        return str(json.loads(values["after"])["problem"])
    except (ValueError, KeyError, TypeError):
        return "the record of the last sealed entry did not match"


# What an anomaly entry sealed (history._head_problem's English) -> its words.
_ANOMALIES = (
    (re.compile(r"was missing \(last entry #(?P<last>\d+)\)$"), "head_was_missing"),
    (re.compile(r"was damaged$"), "head_was_damaged"),
    (re.compile(r"was altered$"), "head_was_altered"),
    (re.compile(r"names #(?P<named>\d+), the history ends at #(?P<last>\d+)$"), "head_names"),
)


def _anomaly_words(found: str) -> Phrase:
    for pattern, key in _ANOMALIES:
        match = pattern.search(found)
        if match:
            return Phrase(P + f"why.{key}", match.groupdict())
    return Phrase(P + "why.head_did_not_match")


def _adopted(adoptions: list[tuple[int, dict]]) -> dict[tuple[int, int], tuple[int, str]]:
    """(first, last) -> (seq of the adoption, digest) from the verified adoption entries."""
    found: dict[tuple[int, int], tuple[int, str]] = {}
    for seq, values in adoptions:
        try:
            data = json.loads(values["after"])
            found[(int(data["from"]), int(data["to"]))] = (seq, str(data["digest"]))
        except (ValueError, KeyError, TypeError):
            continue
    return found


def _check_stretches(
    report: IntegrityReport, stretches: list[list[dict]], adoptions: list[tuple[int, dict]]
) -> None:
    """Unsealed stretches: verified only by an administrator's adoption of exactly them."""
    adopted = _adopted(adoptions)
    for entries in stretches:
        first, last = entries[0]["seq"], entries[-1]["seq"]
        adoption = adopted.get((first, last))
        if adoption is None:
            report.add(
                UNSEALED,
                first,
                f"entries #{first} to #{last} are not sealed: they were written while no "
                "history key was available, and no administrator has adopted them",
                "unsealed" if last > first else "unsealed_one",
                first=first,
                last=last,
            )
        elif history.stretch_digest(entries) != adoption[1]:
            report.add(
                ALTERED,
                first,
                f"entries #{first} to #{last} were changed after entry #{adoption[0]} adopted them",
                "changed_after_adoption",
                first=first,
                last=last,
                adoption=adoption[0],
            )
        else:
            report.sealed += len(entries)  # verified through the adoption


@dataclass(frozen=True)
class Stretch:
    """Entries written without the key, shown to the administrator before adoption."""

    first: int
    last: int
    entries: tuple[tuple[int, str, str, str, str], ...]  # seq, at, actor, action, after


@read("history.verify")
def unsealed_stretches() -> list[Stretch]:
    """The unsealed stretches no verified adoption covers (read-only)."""
    report = IntegrityReport()
    check_chain(report)
    wanted = {p.seq for p in report.problems if p.kind == UNSEALED}
    result: list[Stretch] = []
    rows = models.database.execute_sql(
        "SELECT seq, at, actor, action, after, mac FROM history_entry "
        "WHERE seq IS NOT NULL ORDER BY seq"
    ).fetchall()
    current: list[tuple[int, str, str, str, str]] = []
    for seq, at, actor, action, after, mac in [*rows, (None, "", "", "", "", "x")]:
        if not mac and seq is not None:
            current.append((int(seq), str(at), actor, action, after or ""))
            continue
        if current and current[0][0] in wanted:
            result.append(Stretch(current[0][0], current[-1][0], tuple(current)))
        current = []
    return result


@write(ADOPT)
def adopt(first: int, last: int) -> int:
    """An administrator adopts the unsealed entries #first..#last he was shown.

    Needs the history key; writes a sealed entry naming the stretch, the digest
    of its entries and who adopted it. Returns the number of entries adopted.
    """
    key, problem = history.history_key(create=True)  # a desk that never had one gets it now
    if key is None:
        raise ServiceError(
            f"the history key is not available: {problem}",
            field="key",
            key="history_key_unavailable",
            params={"problem": problem},
        )
    stretch = next((s for s in unsealed_stretches() if (s.first, s.last) == (first, last)), None)
    if stretch is None:
        raise ServiceError(
            f"entries #{first} to #{last} are not an unsealed stretch awaiting adoption",
            field="stretch",
            key="stretch_not_unsealed",
            params={"first": first, "last": last},
        )
    rows = models.database.execute_sql(
        f"SELECT {', '.join(history.COLUMNS)} FROM history_entry "
        f"WHERE seq >= {models.database.param} AND seq <= {models.database.param} ORDER BY seq",
        (first, last),
    ).fetchall()
    values = [dict(zip(history.COLUMNS, row, strict=True)) for row in rows]
    record_history(
        ADOPT,
        "history",
        f"{first}-{last}",
        after={
            "from": first,
            "to": last,
            "count": len(values),
            "digest": history.stretch_digest(values),
            "adopted_by": current_actor().name,
        },
    )
    return len(values)


def _check_head(report: IntegrityReport, key: bytes, last_seq: int, last_sealed: int) -> None:
    head = history._meta(history.HEAD)
    if head is None:
        if last_sealed:
            report.add(
                HEAD, None, "the record of the last sealed entry was removed", "head_removed"
            )
        return
    try:
        seq_text, mac, anchor = head.split(":")
        head_seq = int(seq_text)
    except ValueError:
        report.add(
            HEAD,
            None,
            f"the record of the last sealed entry is damaged: {head!r}",
            "head_damaged",
            text=head,
        )
        return
    if history.head_mac(key, head_seq, mac) != anchor:
        report.add(HEAD, None, "the record of the last sealed entry was altered", "head_altered")
    elif head_seq > last_seq:
        report.add(
            DELETED,
            last_seq + 1,
            f"entries #{last_seq + 1} to #{head_seq} were cut from the end of the history",
            "cut_from_end",
            first=last_seq + 1,
            last=head_seq,
        )
    elif head_seq < last_sealed:
        report.add(
            INSERTED,
            head_seq + 1,
            f"entries after #{head_seq} were added behind the "
            "application (the last sealed entry it recorded is #{head_seq})",
            "added_after_head",
            seq=head_seq,
        )


def _ballots_in_history() -> dict[tuple[str, str, int, int], tuple[str, int]]:
    """(case uuid, subject, round, seat) -> (option, seq) as the history tells it."""
    rows = models.database.execute_sql(
        "SELECT action, entity_id, after, seq FROM history_entry "
        "WHERE action IN ('ballot.cast', 'ballot.retract') ORDER BY seq IS NULL, seq, id"
    )
    return replay_ballots(rows)


@read("history.verify")
def check_ballots(report: IntegrityReport) -> None:
    """Ballots cast here against their history entries; a received sitting's ballots were
    never cast here and are checked against the record its import entry sealed."""
    told = _ballots_in_history()
    received = _imported_sittings()
    rows = models.database.execute_sql(
        "SELECT c.uuid, r.subject, r.number, b.seat_id, b.option, b.id, p.surname, p.given_name, "
        's.uuid FROM ballot b JOIN vote_round r ON b.round_id = r.id JOIN "case" c '
        "ON r.case_id = c.id JOIN person p ON c.person_id = p.id JOIN sitting s "
        "ON c.sitting_id = s.id"
    )
    names: dict[str, str] = {}
    for case_uuid, subject, number, seat, option, ballot_id, surname, given, sitting in rows:
        if sitting in received:
            continue
        where = (
            f"ballot of seat {seat} in {subject} round {number} of the case of {surname} {given}"
        )
        names[case_uuid] = f"{surname} {given}"
        ballot = {"seat": seat, "round": _round(subject, number), "person": names[case_uuid]}
        entry = told.pop((case_uuid, subject, int(number), int(seat)), None)
        if entry is None:
            report.add(
                BALLOT,
                None,
                f"{where} (row {ballot_id}) was never cast through the application: inserted",
                "ballot_inserted",
                row=ballot_id,
                **ballot,
            )
        elif entry[0] != option:
            report.add(
                BALLOT,
                entry[1],
                f"{where} reads {option!r} but history entry "
                f"#{entry[1]} recorded {entry[0]!r}: altered",
                "ballot_altered",
                option=check_terms.option(option),
                seq=entry[1],
                recorded=check_terms.option(entry[0]),
                **ballot,
            )
    for (case_uuid, subject, number, seat), (option, seq) in sorted(told.items()):
        who = names.get(case_uuid, f"case {case_uuid}")
        report.add(
            BALLOT,
            seq,
            f"ballot {option!r} of seat {seat} in {subject} round {number} "
            f"of {who} (history entry #{seq}) is missing from the ballots: deleted",
            "ballot_deleted",
            option=check_terms.option(option),
            seat=seat,
            round=_round(subject, number),
            person=names.get(case_uuid, case_uuid),
            seq=seq,
        )


def _round(subject: str, number: int) -> Phrase | str:
    """A voting round in words ("Decision — round 2"), as the console names it."""
    key = f"vote.round_{subject}"
    return Phrase(key, {"number": number}) if check_terms.known(key) else f"{subject} {number}"


RECORD = "record"


@read("history.verify")
def check_finalized_records(report: IntegrityReport) -> None:
    """Each finalized or received sitting's record against the digests its entry sealed."""
    db = models.database
    rows = db.execute_sql(
        "SELECT seq, sitting, action, after FROM history_entry WHERE action IN "
        f"({db.param}, {db.param}) ORDER BY seq",
        (sealed_record.FINALIZE, sealed_record.IMPORT),
    ).fetchall()
    for seq, sitting_uuid, action, after in rows:
        try:
            data = json.loads(after)
            sealed = data[sealed_record.RECORD_KEY]
        except (ValueError, KeyError, TypeError):
            continue  # sealed before records were kept; the chain check covers the entry
        imported = action == sealed_record.IMPORT
        how = (
            f"imported from {data.get('office') or 'an office'} in entry #{seq}"
            if imported
            else f"finalized in entry #{seq}"
        )
        words = (
            Phrase(P + "how.imported", {"office": data.get("office") or "—", "seq": seq})
            if imported
            else Phrase(P + "how.finalized", {"seq": seq})
        )
        found = db.execute_sql(
            f"SELECT id, number FROM sitting WHERE uuid = {db.param}", (sitting_uuid,)
        ).fetchone()
        if found is None:
            report.add(RECORD, seq, f"the sitting {how} was deleted", "sitting_deleted", how=words)
            continue
        sitting_id, number = found
        now = sealed_record.record_digests(sitting_id)
        for table, row, change in sealed_record.differences(sealed, now):
            report.add(
                RECORD,
                seq,
                f"sitting {number or sitting_id}, {how}: {table} row {row} was {change} since",
                "record_changed",
                sitting=number or sitting_id,
                how=words,
                table=check_terms.table(table),
                row=row,
                change=Phrase(P + f"change.{change}"),
            )


def _imported_sittings() -> set[str]:
    p = models.database.param
    rows = models.database.execute_sql(
        f"SELECT DISTINCT sitting FROM history_entry WHERE action = {p}", (sealed_record.IMPORT,)
    ).fetchall()
    return {row[0] for row in rows}


@read("history.verify")
def check_rows(report: IntegrityReport) -> None:
    """Every tracked table against the state the history implies (after ``check_chain``)."""
    state = report.state
    for found in row_state.differences(state, models.database.get_tables()):
        table, row = found.table, found.row
        params: dict[str, object] = {
            "table": check_terms.table(table),
            "row": row,
            "seq": found.seq,
        }
        if found.how == row_state.ALTERED:
            params["changes"] = [
                Phrase(
                    P + "why.reads_sealed",
                    {
                        "field": check_terms.column(name),
                        "now": check_terms.value(table, name, now),
                        "sealed": check_terms.value(table, name, sealed),
                    },
                )
                for name, now, sealed in found.changes
            ]
        report.problems.append(
            Problem(
                ROW,
                found.seq,
                f"{table} row {row}: {found.what}",
                table,
                row,
                found.field,
                key=f"row_{found.how}",
                params=params,
            )
        )


@read("history.verify")
def verify_database() -> IntegrityReport:
    report = IntegrityReport()
    check_chain(report)
    check_ballots(report)
    check_finalized_records(report)
    check_rows(report)
    return report
