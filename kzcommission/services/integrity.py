"""`verify-db`: recompute the history chain and check the ballots against the history.

Reports every place where the file was changed behind the application's back:
an entry altered (and which field), deleted (a gap, or cut from the end), or
inserted (an entry the key never sealed), and ballots that differ from what
the history says was cast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from kzcommission.services import history
from kzcommission.store import models

ALTERED, DELETED, INSERTED, UNSEALED, KEY, HEAD, BALLOT = (
    "altered",
    "deleted",
    "inserted",
    "unsealed",
    "key",
    "head",
    "ballot",
)


@dataclass(frozen=True)
class Problem:
    kind: str
    seq: int | None
    message: str


@dataclass
class IntegrityReport:
    entries: int = 0
    sealed: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def tampered(self) -> list[Problem]:
        return [p for p in self.problems if p.kind not in (UNSEALED, KEY)]

    @property
    def ok(self) -> bool:
        return not self.tampered

    def add(self, kind: str, seq: int | None, message: str) -> None:
        self.problems.append(Problem(kind, seq, message))


def _short(value: object, limit: int = 80) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _diagnose(key: bytes, values: dict, tags: str) -> tuple[str, str]:
    """(kind, what) for an entry whose mac does not match."""
    stored = (tags or "").split(",")
    if len(stored) != len(history.FIELDS):
        return INSERTED, "it carries no valid field tags: it was not written by the application"
    changed = [
        name
        for name, tag in zip(history.FIELDS, stored, strict=True)
        if history.field_tag(key, name, values[name]) != tag
    ]
    if len(changed) >= len(history.FIELDS) - 1:
        return (
            INSERTED,
            "none of its fields matches its tags: it was not written by the application",
        )
    if changed:
        what = "; ".join(f"{name} is now {_short(values[name])!r}" for name in changed)
        return ALTERED, f"changed field(s): {what}"
    return (
        ALTERED,
        "its fields are intact but its link to the previous entry is broken "
        "(the entry before it was altered or removed, or its mac was edited)",
    )


def check_chain(report: IntegrityReport) -> None:
    db = models.database
    key, problem = history.history_key(create=False)
    if key is None:
        report.add(KEY, None, f"the chain cannot be checked: {problem}")
    rows = db.execute_sql(
        f"SELECT id, {', '.join(history.FIELDS)}, mac, tags FROM history_entry "
        "ORDER BY seq IS NULL, seq, id"
    )
    prev = history.genesis(history.installation_id())
    expected = 1
    last_seq = 0
    last_sealed = 0
    first_unsealed: int | None = None
    for row in rows:
        report.entries += 1
        values = dict(zip(("id", *history.FIELDS), row[:-2], strict=True))
        mac, tags = row[-2] or "", row[-1] or ""
        seq = values["seq"]
        if seq is None:
            report.add(
                INSERTED,
                None,
                f"row id {values['id']} has no sequence number: "
                f"inserted behind the application ({values['action']} at {values['at']})",
            )
            continue
        seq = int(seq)
        if seq < expected:
            report.add(INSERTED, seq, f"entry #{seq} appears twice: one copy was inserted")
            continue
        if seq > expected:
            span = f"#{expected}" if seq == expected + 1 else f"#{expected} to #{seq - 1}"
            report.add(DELETED, expected, f"entry {span} is missing: deleted")
        last_seq, expected = seq, seq + 1
        if not mac:
            first_unsealed = first_unsealed or seq
            prev = ""
            continue
        if first_unsealed is not None:
            report.add(
                ALTERED,
                first_unsealed,
                f"entry #{first_unsealed} has lost its mac, "
                "yet later entries are sealed: its seal was removed",
            )
            first_unsealed = None
        report.sealed += 1
        last_sealed = seq
        if key is not None and history.entry_mac(key, prev, values) != mac:
            if (
                report.problems
                and report.problems[-1].kind == DELETED
                and report.problems[-1].seq == seq - 1
            ):
                pass  # the gap just reported explains the broken link
            else:
                kind, what = _diagnose(key, values, tags)
                report.add(
                    kind,
                    seq,
                    f"entry #{seq} ({values['action']} by {values['actor']} "
                    f"at {values['at']}) was {kind}: {what}",
                )
        prev = mac
    if first_unsealed is not None:
        report.add(
            UNSEALED,
            first_unsealed,
            f"entries #{first_unsealed} to #{last_seq} are not "
            "sealed: they were written while no history key was available",
        )
    if key is not None:
        _check_head(report, key, last_seq, last_sealed)


def _check_head(report: IntegrityReport, key: bytes, last_seq: int, last_sealed: int) -> None:
    head = history._meta(history.HEAD)
    if head is None:
        if last_sealed:
            report.add(HEAD, None, "the record of the last sealed entry was removed")
        return
    try:
        seq_text, mac, anchor = head.split(":")
        head_seq = int(seq_text)
    except ValueError:
        report.add(HEAD, None, f"the record of the last sealed entry is damaged: {head!r}")
        return
    if history.head_mac(key, head_seq, mac) != anchor:
        report.add(HEAD, None, "the record of the last sealed entry was altered")
    elif head_seq > last_seq:
        report.add(
            DELETED,
            last_seq + 1,
            f"entries #{last_seq + 1} to #{head_seq} were cut from the end of the history",
        )
    elif head_seq < last_sealed:
        report.add(
            INSERTED,
            head_seq + 1,
            f"entries after #{head_seq} were added behind the "
            "application (the last sealed entry it recorded is #{head_seq})",
        )


def _ballots_in_history() -> dict[tuple[str, str, int, int], tuple[str, int]]:
    """(case uuid, subject, round, seat) -> (option, seq) as the history tells it."""
    state: dict[tuple[str, str, int, int], tuple[str, int]] = {}
    last_subject: dict[tuple[str, int, int], str] = {}
    rows = models.database.execute_sql(
        "SELECT seq, action, entity_id, after FROM history_entry "
        "WHERE action IN ('ballot.cast', 'ballot.retract') ORDER BY seq IS NULL, seq, id"
    )
    for seq, action, case_uuid, after in rows:
        try:
            data = json.loads(after)
            number, seat = int(data["round"]), int(data["seat"])
        except (ValueError, KeyError, TypeError):
            continue  # a damaged entry is reported by the chain check
        if action == "ballot.cast":
            subject = str(data.get("subject", "decision"))
            state[(case_uuid, subject, number, seat)] = (str(data.get("option")), seq or 0)
            last_subject[(case_uuid, number, seat)] = subject
        else:
            # A retraction does not name the subject; it undoes the latest cast of that
            # round number and seat (only one round of a case is open at a time).
            subject = last_subject.get((case_uuid, number, seat), "decision")
            state.pop((case_uuid, subject, number, seat), None)
    return state


def check_ballots(report: IntegrityReport) -> None:
    told = _ballots_in_history()
    rows = models.database.execute_sql(
        "SELECT c.uuid, r.subject, r.number, b.seat_id, b.option, b.id, p.surname, p.given_name "
        'FROM ballot b JOIN vote_round r ON b.round_id = r.id JOIN "case" c ON r.case_id = c.id '
        "JOIN person p ON c.person_id = p.id"
    )
    names: dict[str, str] = {}
    for case_uuid, subject, number, seat, option, ballot_id, surname, given in rows:
        where = (
            f"ballot of seat {seat} in {subject} round {number} of the case of {surname} {given}"
        )
        names[case_uuid] = f"{surname} {given}"
        entry = told.pop((case_uuid, subject, int(number), int(seat)), None)
        if entry is None:
            report.add(
                BALLOT,
                None,
                f"{where} (row {ballot_id}) was never cast through the application: inserted",
            )
        elif entry[0] != option:
            report.add(
                BALLOT,
                entry[1],
                f"{where} reads {option!r} but history entry "
                f"#{entry[1]} recorded {entry[0]!r}: altered",
            )
    for (case_uuid, subject, number, seat), (option, seq) in sorted(told.items()):
        who = names.get(case_uuid, f"case {case_uuid}")
        report.add(
            BALLOT,
            seq,
            f"ballot {option!r} of seat {seat} in {subject} round {number} "
            f"of {who} (history entry #{seq}) is missing from the ballots: deleted",
        )


def verify_database() -> IntegrityReport:
    report = IntegrityReport()
    check_chain(report)
    check_ballots(report)
    return report
