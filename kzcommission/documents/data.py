"""The renderers' input: plain frozen dataclasses, filled by the service layer.

Renderers never read the store (STYLE practice 7): everything a printed form
shows is here, already decided (tallies, adopted options, attendance). Option
ids are those of :mod:`kzcommission.domain.kinds`; labels come from the
catalogues (``option.<id>``, ``score.<id>``). Mappings keep insertion order,
which is the order the service wants them printed in. Names kept per language
(commission, place, positions, seat titles) come as :class:`Names`, printed
by ``Wording.name`` in the document's language; a plain string prints as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from kzcommission.domain.kinds import Kind, Role
from kzcommission.domain.names import Names
from kzcommission.domain.service_length import ServiceLength

# How a decision taken by rule, not by vote, is recorded: an unexcused absence.
BY_RULE: tuple[str, ...] = ("R-SIT-4", "R-SIT-5")


@dataclass(frozen=True)
class AttendanceEvent:
    """One attendance fact of a seat, with its time (R-QUO-2)."""

    kind: str  # "present" | "absent" | "late" | "left"
    at: time | None = None
    reason: str = ""  # e.g. the reason of an absence, as recorded


@dataclass(frozen=True)
class MemberLine:
    """A seat of the composition and who filled it at this sitting (R-COMP-3)."""

    seat_id: str
    name: str
    position: str | Names
    role: Role
    is_public: bool = False  # R-QUO-3: public/academic representative
    events: tuple[AttendanceEvent, ...] = ()
    acting_deputy: str = ""  # name of the deputy acting for the holder, if any

    @property
    def sitter(self) -> str:
        """The person who actually sat (and signs): the acting deputy where there is one."""
        return self.acting_deputy or self.name

    @property
    def attended(self) -> bool:
        """Present at some time of the sitting: such a member signs the minutes (R-DOC-1)."""
        return any(e.kind in ("present", "late") for e in self.events)


@dataclass(frozen=True)
class Quorum:
    """Quorum figures (R-QUO-1): voting members, present, required."""

    members: int
    present: int
    required: int

    @property
    def met(self) -> bool:
        return self.present >= self.required


@dataclass(frozen=True)
class RecordingRef:
    """Where the interview is in the recording (R-SIT-2)."""

    media: str  # file name or label of the device or carrier
    file_name: str = ""
    sha256: str = ""
    start: str = ""  # offset as printed, e.g. "00:41:05"
    end: str = ""


@dataclass(frozen=True)
class Recusal:
    """A member left out of the voters of a case (R-SIT-6), with the reason."""

    member: str
    reason: str


@dataclass(frozen=True)
class RoundDoc:
    """One voting round (R-VOTE-1..4); rounds of a case are printed in order."""

    subject: str  # "decision" | "grade"
    number: int
    options: tuple[str, ...]
    ballots: Mapping[str, str]  # voter name -> option id
    counts: Mapping[str, int]  # option id -> votes
    adopted: str | None = None
    casting_vote_used: bool = False
    runoff: bool = False  # limited to the top options of the previous round
    presiding: str = ""  # R-VOTE-4: who presided over this round (held the casting vote)
    discarded: bool = False  # R-DEC-5 changed the options while it was open: not counted


@dataclass(frozen=True)
class ScorecardDoc:
    """One member's scorecard on one case (Order 880 Appendix 2, R-DOC-4)."""

    member: str
    score: str | None  # kinds.Score value
    decision: str | None  # option id
    decision_grounds: str = ""
    grade_option: str | None = None  # "grade:<g>" or "no_grade"
    grade_grounds: str = ""
    filled_on: date | None = None  # when typed in; the card is dated the sitting's day


@dataclass(frozen=True)
class ReviewSignoff:
    """The chair confirmed the case as reviewed before signing (who, when)."""

    chair: str
    at: datetime
    entered_by: str = ""


@dataclass(frozen=True)
class CaseDoc:
    """One certified person at one sitting, with everything the forms print."""

    case_uuid: str
    number: int  # order of the case in the sitting
    kind: Kind
    person_name: str
    person_sex: str = ""  # "m" / "f" / "": the Russian forms agree with it (R-DOC-6)
    birth_date: date | None = None
    education: str = ""
    specialty: str = ""  # Decree 490 App. 3 item 4
    position: str | Names = ""
    appointment_date: date | None = None
    rank: str = ""  # special rank ("атағы"), Decree 490
    grade: str = ""  # qualification grade held before the sitting
    # Items 5 and 6 (R-DOC-2 Reading): reckoned to the sitting's date; None if unknown.
    service_total: ServiceLength | None = None
    service_in_position: ServiceLength | None = None
    appearance: str = "present"  # kinds.Appearance value
    absence_reason: str = ""  # as recorded with an absence (R-SIT-3)
    postponed: bool = False  # R-SIT-3 / R-SIT-5 Reading: moved to a later sitting, no sheet
    materials: tuple[str, ...] = ()
    recording: RecordingRef | None = None
    questions: tuple[str, ...] = ()
    comments: str = ""  # members' comments and suggestions (App. 1 item 7)
    opinion: str = ""  # the certified person's opinion (item 8)
    supervisor_assessment: str = ""  # item 9
    recusals: tuple[Recusal, ...] = ()
    presiding: str = ""  # R-VOTE-4: who presided over this case; he signs its sheet as chair
    members_present: int = 0  # item 10, at the time of the vote
    # R-DOC-1 Reading: the voting members in the room and the quorum when the case was
    # decided (not when printed); None while the case is undecided.
    present: tuple[str, ...] = ()
    quorum: Quorum | None = None
    decided_at: time | None = None
    rounds: tuple[RoundDoc, ...] = ()
    decision: str | None = None  # adopted option id
    # How the decision was reached: "R-VOTE-2"/"R-VOTE-3" by vote, "R-SIT-4"/"R-SIT-5" by rule.
    decision_rule: str = ""
    grade_assigned: str | None = None  # adopted grade, None if no grade / no grade vote
    # R-DEC-3: no grade was at stake, "no grounds" recorded in one step without a vote.
    grade_without_vote: bool = False
    recommendations: str = ""  # item 13
    notes: str = ""  # item 14 / Decree 490 App. 3 item 8
    head_decision: str = ""  # R-DOC-7: printed once recorded (services.sitting.followup)
    scorecards: tuple[ScorecardDoc, ...] = ()
    restricted: bool = False  # R-DEC-5: only decisions 3)-5) were open
    # The chair's review (services.sitting.review): corrections with their reasons, findings
    # explained in writing (rule id, text), and the chair's confirmation when current.
    corrections: tuple[str, ...] = ()
    explanations: tuple[tuple[str, str], ...] = ()
    review_confirmed: ReviewSignoff | None = None

    @property
    def decided_by_rule(self) -> bool:
        """R-SIT-4 / R-SIT-5: the decision follows from an unexcused absence, not a vote."""
        return self.decision_rule in BY_RULE

    @property
    def decision_rounds(self) -> tuple[RoundDoc, ...]:
        return tuple(r for r in self.rounds if r.subject == "decision")

    @property
    def grade_rounds(self) -> tuple[RoundDoc, ...]:
        return tuple(r for r in self.rounds if r.subject == "grade")


@dataclass(frozen=True)
class SittingDoc:
    """A sitting of the commission and its cases (R-DOC-1)."""

    sitting_uuid: str
    number: str
    date: date
    place: str | Names
    commission_name: str | Names
    organisation: str | Names = ""
    composition: tuple[MemberLine, ...] = ()
    quorum: Quorum = field(default_factory=lambda: Quorum(0, 0, 0))
    opened_at: time | None = None
    closed_at: time | None = None
    cases: tuple[CaseDoc, ...] = ()
    # The sex of each member named (by the name printed): "прибыл"/"прибыла" (R-DOC-6).
    sexes: Mapping[str, str] = field(default_factory=dict)
    # The MAC of the sitting's last history entry when printed: the paper anchors
    # the tamper-evident history (kzcommission verify-db).
    history_head: str = ""

    def with_role(self, role: Role) -> tuple[MemberLine, ...]:
        return tuple(m for m in self.composition if m.role == role)


@dataclass(frozen=True)
class CharacteristicDoc:
    """Performance characteristic, Decree 490 Appendix 2 (R-DOC-5, R-DL-4)."""

    case_uuid: str
    person_name: str
    position: str | Names
    appointment_date: date | None
    rank: str
    duties: str  # section 1
    knowledge: str  # section 2
    legality: str  # section 3
    personal_qualities: str  # section 4
    overall: str  # section 6
    unit_results: str | None = None  # section 5, leaders only
    author_name: str = ""
    author_position: str | Names = ""
    author_rank: str = ""
    drawn_up_on: date | None = None

    @property
    def is_leader(self) -> bool:
        return self.unit_results is not None


@dataclass(frozen=True)
class NoticeDoc:
    """Written notice of the certification date (R-DL-1)."""

    notice_id: str
    person_name: str
    position: str | Names
    organisation: str | Names
    kind: Kind
    certification_date: date
    place: str | Names
    issued_on: date
    officer_name: str
    officer_position: str | Names
    at: time | None = None
    person_sex: str = ""  # "m" / "f" / "" (R-DOC-6)


@dataclass(frozen=True)
class FamiliarisationDoc:
    """Slip: results communicated against signature with a copy of the sheet (R-DL-7)."""

    case_uuid: str
    person_name: str
    position: str | Names
    kind: Kind
    sitting_number: str
    sitting_date: date
    minutes_signed_on: date | None
    decision: str | None
    grade_assigned: str | None = None
    officer_name: str = ""
    officer_position: str | Names = ""
    person_sex: str = ""  # "m" / "f" / "" (R-DOC-6)


@dataclass(frozen=True)
class HeadDecisionLine:
    """The head's decision as recorded now (R-DOC-7): a change replaces it."""

    decided_on: date
    order_number: str = ""
    text: str = ""


@dataclass(frozen=True)
class AppealLine:
    """An appeal of the decision (R-DOC-8): filed, and its outcome once decided."""

    filed_on: date
    outcome: str = "pending"  # pending / rejected / cancelled (domain.appeals)
    outcome_on: date | None = None


@dataclass(frozen=True)
class SummaryDoc:
    """The personal-file extract of one decided case (R-DOC-7): the product's own form,
    no seed prints one. What the certification sheet decided, and what followed it."""

    case_uuid: str
    person_name: str
    position: str | Names
    unit: str | Names
    kind: Kind
    commission_name: str | Names
    sitting_number: str
    sitting_date: date
    place: str | Names
    decision: str | None
    person_sex: str = ""  # "m" / "f" / "" (R-DOC-6)
    appearance: str = "present"  # the grounds of a decision by rule read it
    decision_rule: str = ""  # "R-SIT-4"/"R-SIT-5" when taken by rule (blocks.ground_keys)
    restricted: bool = False  # R-DEC-5
    grade_option: str = ""  # "grade:<g>", "no_grade" or "" (Order 880 only)
    grade_without_vote: bool = False  # R-DEC-3
    minutes_signed_on: date | None = None
    familiarised_on: date | None = None  # R-DL-7
    head: HeadDecisionLine | None = None
    appeals: tuple[AppealLine, ...] = ()
    postponed: bool = False  # never: a postponed case has no decision to extract

    @property
    def decided_by_rule(self) -> bool:
        return self.decision_rule in BY_RULE
