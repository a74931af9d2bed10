"""Minutes of a sitting (R-DOC-1; Order 880 §25-26, Decree 490 §20).

Free form: date and place, composition with attendance and its times (R-QUO-2),
quorum with numbers (R-QUO-1), then per case the materials, the recording
reference (R-SIT-2), questions and opinion, recusals (R-SIT-6), who presided
over it (R-VOTE-4), every member's vote by name in every round (R-VOTE-1),
casting votes with who cast them and repeat rounds (R-VOTE-3), the adopted
decision and grade. Signature lines only for the chair and the members present
at some time, and always for the secretary. R-DOC-1 Reading: per case, the
members present and the quorum when it was decided, rounds in the order held,
the ground of a decision by rule (R-SIT-3/4/5, R-DEC-5), a recusal's reason in
words.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kzcommission.documents.base import Renderer, para
from kzcommission.documents.blocks import (
    bullets,
    field,
    grid_table,
    grounds,
    long_field,
    signatures,
)
from kzcommission.documents.data import (
    CaseDoc,
    MemberLine,
    Quorum,
    RecordingRef,
    RoundDoc,
    SittingDoc,
)
from kzcommission.documents.wording import esc
from kzcommission.domain.kinds import Role

ROUND_COLUMNS = 4  # more rounds than this go into a further table


def sitting_line(w: Any, sitting: SittingDoc) -> str:
    """Footer identification of the sitting, shared by all documents of the pack; the date
    as the forms write it (dd.mm.yyyy), the same in every language."""
    return sitting_line_of(w, sitting.number, sitting.date)


def sitting_line_of(w: Any, number: str, day: date) -> str:
    """The same for one case's paper, which knows its sitting by number and date only."""
    return f"{w.text('doc.sitting_short', number=number)} {day:%d.%m.%Y}"


class MinutesRenderer(Renderer):
    doc_key = "doc.minutes.title_short"

    def identity(self, data: SittingDoc) -> tuple[str, str, Any]:
        return (
            sitting_line(self.fw, data),
            f"M-{data.sitting_uuid[:8]}",
            {"document": "minutes", "sitting": data},
        )

    def story(self, data: SittingDoc) -> list[Any]:
        w, st = self.w, self.st
        out: list[Any] = [
            para(esc(w.name(data.commission_name)), st["subtitle"]),
            para(w.label("doc.minutes.title", 10, number=esc(data.number)), st["title"]),
            para(w.label("doc.minutes.subtitle"), st["subtitle"]),
            field(w, st, "doc.date", w.date(data.date)),
            field(w, st, "doc.place", data.place),
        ]
        if data.opened_at:
            times = f"{w.time(data.opened_at)} – {w.time(data.closed_at)}"
            out.append(field(w, st, "doc.minutes.times", times))
        out += self._composition(data)
        for case in data.cases:
            out += self._case(data, case)
        out.append(self._signatures(data))
        if data.history_head:
            out.append(
                para(w.label("doc.minutes.history_head", head=data.history_head), st["small"])
            )
        return out

    def _composition(self, data: SittingDoc) -> list[Any]:
        w, st = self.w, self.st
        rows = []
        for i, m in enumerate(data.composition, start=1):
            name = esc(m.sitter)
            if m.acting_deputy:
                name += f"<br/><i>{w.inline('doc.minutes.acting_for', name=esc(m.name))}</i>"
            if m.is_public:
                name += f"<br/><i>{w.inline('doc.minutes.public')}</i>"
            attendance = self._attendance(m, data.sexes.get(m.sitter, ""))
            rows.append(
                [str(i), name, esc(w.name(m.position)), w.inline(f"doc.role.{m.role}"), attendance]
            )
        header = [
            w.label(k, 7)
            for k in (
                "doc.col.no",
                "doc.col.name",
                "doc.col.position",
                "doc.col.role",
                "doc.col.attendance",
            )
        ]
        out: list[Any] = [
            para(w.label("doc.minutes.composition"), st["heading"]),
            grid_table(st, header, rows, (8, 44, 48, 21, 36)),
        ]
        # R-DOC-1 Reading: once cases are decided, the quorum is stated per case as it stood
        # at its decision; the presence now (members may have left since) is no fact of them.
        if not any(case.quorum for case in data.cases):
            out += self._quorum(data.quorum)
        chair = data.with_role(Role.CHAIR)
        if chair:
            out.append(field(w, st, "doc.role.chair", chair[0].sitter))
        return out

    def _quorum(self, q: Quorum) -> list[Any]:
        w, st = self.w, self.st
        quorum_key = "doc.minutes.quorum_met" if q.met else "doc.minutes.quorum_missing"
        line = w.inline(
            "doc.minutes.quorum", members=q.members, present=q.present, required=q.required
        )
        return [para(line, st["body"]), para(f"<b>{w.inline(quorum_key)}</b>", st["body"])]

    def _attendance(self, m: MemberLine, sex: str) -> str:
        """The member's arrivals and departures; Russian agrees with his sex (R-DOC-6)."""
        parts = []
        for e in m.events:
            text = self.w.inline(f"doc.attendance.{e.kind}", sex=sex)
            if e.at:
                text += " " + self.w.time(e.at)
            if e.reason:
                text += f" ({esc(e.reason)})"
            parts.append(text)
        return "<br/>".join(parts) or "—"

    def _case(self, data: SittingDoc, case: CaseDoc) -> list[Any]:
        w, st = self.w, self.st
        out: list[Any] = [
            para(
                w.inline("doc.minutes.case", number=case.number) + " " + esc(case.person_name),
                st["heading"],
            ),
            field(w, st, "doc.position", case.position),
            field(w, st, "doc.kind.label", w.text(f"doc.kind.{case.kind}")),
            field(
                w,
                st,
                "doc.appearance",
                w.text(f"doc.appearance.{case.appearance}", sex=case.person_sex),
            ),
        ]
        if case.absence_reason and case.appearance.startswith("absent"):
            out.append(field(w, st, "doc.minutes.absence_reason", case.absence_reason))
        if case.materials:
            out.append(para(w.label("doc.minutes.materials"), st["body"]))
            out += bullets(st, case.materials)
        if case.recording:
            out.append(field(w, st, "doc.minutes.recording", self._recording(case.recording)))
        if case.questions:
            out.append(para(w.label("doc.minutes.questions"), st["body"]))
            out += bullets(st, case.questions)
        for key, value in (
            ("doc.sheet.item7", case.comments),
            ("doc.sheet.item8", case.opinion),
            ("doc.minutes.supervisor", case.supervisor_assessment),
        ):
            if value:
                out += long_field(w, st, key, value)
        for rec in case.recusals:
            out.append(
                field(w, st, "doc.minutes.recused", f"{rec.member} — {w.reason(rec.reason)}")
            )
        if case.presiding:  # R-VOTE-4: the minutes name, per case, who presided
            sex = data.sexes.get(case.presiding, "")
            out.append(field(w, st, "doc.minutes.presiding", case.presiding, sex=sex))
        if case.quorum is not None:
            out += self._present_at_decision(case, case.quorum)
        out += self._votes(data, case)
        if case.decided_by_rule:
            out.append(para(w.label("doc.minutes.decided_by_rule"), st["body"]))
        out.append(field(w, st, "doc.minutes.decision", w.option(case.decision)))
        out += grounds(w, st, case)
        if case.grade_rounds or case.grade_assigned or case.grade_without_vote:
            grade = case.grade_assigned
            value = f"{grade} ({w.grade_words(grade)})" if grade else w.option("no_grade")
            if case.grade_without_vote:  # R-DEC-3: no grade at stake, no vote
                value += " " + w.text("doc.grade_without_vote")
            out.append(field(w, st, "doc.minutes.grade", value))
        out += self._review(case)
        return out

    def _recording(self, r: RecordingRef) -> str:
        """The recording reference, each fact once (R-SIT-2): the file only where it differs
        from the media's label; only the labels are bilingual, never the values."""
        parts = [("media", r.media)]
        if r.file_name and r.file_name != r.media:
            parts.append(("file", r.file_name))
        parts += [("", f"SHA-256 {r.sha256}" if r.sha256 else ""), ("start", r.start)]
        parts.append(("end", r.end))
        return "; ".join(
            f"{self.w.text(f'doc.minutes.rec.{key}')}: {value}" if key else value
            for key, value in parts
            if value
        )

    def _present_at_decision(self, case: CaseDoc, q: Quorum) -> list[Any]:
        """Who was in the room and the quorum when the case was decided (R-DOC-1 Reading)."""
        w, st = self.w, self.st
        label = w.label("doc.minutes.present_at_decision", time=w.time(case.decided_at))
        names = "; ".join(esc(name) for name in case.present) or "—"
        return [
            para(f"{label}: <i>{names}</i>", st["body"]),
            *self._quorum(q),
        ]

    def _review(self, case: CaseDoc) -> list[Any]:
        """Corrections, findings explained in writing and the chair's sign-off."""
        w, st = self.w, self.st
        out: list[Any] = []
        for reason in case.corrections:
            out += long_field(w, st, "doc.minutes.correction", reason)
        for rule_id, text in case.explanations:
            out += long_field(w, st, "doc.minutes.explained", f"[{rule_id}] {text}")
        signoff = case.review_confirmed
        if signoff is not None:
            text = w.text(
                "doc.minutes.review_confirmed_value",
                chair=signoff.chair,
                at=signoff.at.strftime("%d.%m.%Y %H:%M"),
            )
            out.append(field(w, st, "doc.minutes.review_confirmed", text))
        return out

    def _votes(self, data: SittingDoc, case: CaseDoc) -> list[Any]:
        w, st = self.w, self.st
        recused = {r.member for r in case.recusals}
        voters = [m.sitter for m in data.composition if m.role != Role.SECRETARY]
        for rnd in case.rounds:  # a voter missing from the composition still gets a row
            voters += [v for v in rnd.ballots if v not in voters]
        out: list[Any] = []
        rounds = list(case.rounds)
        for start in range(0, len(rounds), ROUND_COLUMNS):
            chunk = rounds[start : start + ROUND_COLUMNS]
            header = [w.label("doc.col.member", 7)] + [
                w.label(f"doc.minutes.round_{r.subject}", 7, number=r.number) for r in chunk
            ]
            rows = [[esc(v)] + [self._ballot(r, v, recused) for r in chunk] for v in voters]
            out.append(grid_table(st, header, rows, [40] + [30] * len(chunk)))
        for rnd in rounds:
            out.append(para(self._round_summary(rnd), st["small"]))
        return out

    def _ballot(self, rnd: RoundDoc, voter: str, recused: set[str]) -> str:
        if voter in rnd.ballots:
            return esc(self.w.option(rnd.ballots[voter]))
        return self.w.inline("doc.minutes.recused_short") if voter in recused else "—"

    def _round_summary(self, rnd: RoundDoc) -> str:
        w = self.w
        counts = "; ".join(f"{esc(w.option(o))} — {rnd.counts.get(o, 0)}" for o in rnd.options)
        text = f"<b>{w.inline(f'doc.minutes.round_{rnd.subject}', number=rnd.number)}</b> {counts}."
        if rnd.discarded:  # R-DEC-5: the options changed while it was open
            return text + " " + w.inline("doc.minutes.discarded")
        if rnd.runoff:
            text += " " + w.inline("doc.minutes.runoff")
        text += " " + (
            w.inline("doc.minutes.adopted", option=w.option(rnd.adopted))
            if rnd.adopted
            else w.inline("doc.minutes.not_adopted")
        )
        if rnd.casting_vote_used:
            text += " " + w.inline("doc.minutes.casting_vote")
            if rnd.presiding:
                text += " " + w.inline("doc.minutes.casting_vote_by", name=rnd.presiding)
        return text

    def _signatures(self, data: SittingDoc) -> Any:
        w = self.w
        rows = []
        for role in (Role.CHAIR, Role.MEMBER, Role.SECRETARY):
            for m in data.with_role(role):
                # R-DOC-1: lines only for those present at some time; the secretary, who
                # drew the minutes up, always signs.
                if m.attended or role == Role.SECRETARY:
                    rows.append((w.label(f"doc.role.{role}", 7), m.sitter))
        return signatures(w, self.st, rows, heading=w.label("doc.minutes.signatures"))
