"""The demo's open cases: the market regulator's cases walked through the real services, so
that some sit in every state of the workflow with their clocks (some overdue)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.core.deadlines.services import calendar
from fazhi.core.workflow.engine import InvalidTransition, Refused
from fazhi.systems.officers import selectors as officer_selectors

from . import rules, services
from .demo_parties import company_name, penalty_matters, person_name
from .documents import generate_document
from .guards import window_due

#: (target state, how many, days before the anchor the case was registered)
SCENARIOS: tuple[tuple[str, int, tuple[int, ...]], ...] = (
    ("source", 4, (9, 6, 4, 2)),
    ("declined", 1, (30,)),
    ("investigating", 7, (110, 100, 60, 40, 25, 12, 6)),
    ("examining", 3, (45, 30, 20)),
    ("notified", 4, (35, 25, 14, 10)),
    ("hearing", 2, (50, 40)),
    ("in_review", 3, (50, 42, 36)),
    ("ready", 2, (60, 45)),
    ("decided", 3, (70, 55, 40)),
    ("executing", 6, (120, 95, 85, 75, 70, 60)),
    ("closed", 3, (150, 130, 110)),
    ("archived", 3, (200, 180, 160)),
    ("summary", 5, (40, 30, 20, 10, 3)),
    ("transfer", 1, (80,)),
)
ORDER = (
    "source",
    "investigating",
    "examining",
    "notified",
    "decided",
    "executing",
    "closed",
    "archived",
)
CHECKLIST = {code: {"ok": True} for code, _ in rules.REVIEW_CHECKLIST}


def _workday(d: date, cal) -> date:
    while not cal.is_workday(d):
        d += timedelta(days=1)
    return d


class Walker:
    """Takes one case through the steps, each on a working day after the one before."""

    def __init__(self, county: Any, rng: random.Random, anchor: date) -> None:
        self.rng, self.anchor, self.cal = rng, anchor, calendar()
        self.agency = county.agencies["market"]
        self.officer, self.reviewer, self.head = (
            county.users.get(u) for u in ("zhifa", "fazhi_shenhe", "juzhang")
        )
        self.matters = penalty_matters(self.agency)
        self.plain = [
            m for m in self.matters if not m.in_review_catalogue and m.fine_min is not None
        ]
        self.catalogue = [
            m for m in self.matters if m.in_review_catalogue and m.fine_max is not None
        ]
        self.threshold = [m for m in self.matters if m.criminal_threshold_amount]
        then = {
            s.pk
            for s, _ in officer_selectors.certified_officers(
                self.agency.pk, anchor - timedelta(days=400)
            )
        }
        self.certified = [
            s
            for s, _ in officer_selectors.certified_officers(self.agency.pk, anchor)
            if s.pk in then
        ]
        self.n = 0

    @property
    def ready(self) -> bool:
        return bool(self.officer and self.head and self.plain and len(self.certified) >= 3)

    def day(self, d: date) -> date:
        return _workday(d, self.cal)

    def source(self, registered: date, matter) -> Any:
        self.n += 1
        person = self.rng.random() < 0.3
        party = (
            {"party_kind": "person", "party_name": person_name(self.rng)}
            if person
            else {"party_kind": "organisation", "party_name": company_name(self.rng, "示范县")}
        )
        return services.register_source(
            agency=self.agency,
            actor=self.officer,
            registered_on=registered,
            matter=matter,
            source_kind=self.rng.choice(("inspection", "complaint", "referral")),
            source_summary=self.rng.choice(
                ("日常监督检查发现", "12345热线转办举报", "上级交办线索")
            ),
            violation_date=registered - timedelta(days=self.rng.randrange(3, 30)),
            party_address="示范县城关镇",
            **party,
        )

    def walk(self, target: str, registered: date) -> Any:
        rng, d = self.rng, self.day(registered)
        matter = rng.choice(
            self.catalogue if target == "in_review" and self.catalogue else self.plain
        )
        if target == "transfer":
            matter = self.threshold[0] if self.threshold else matter
        case = self.source(d, matter)
        if target == "source":
            return case
        if target == "declined":
            return services.decline_case(
                case,
                actor=self.head,
                reason="经核查，不属于本机关管辖",
                on=self.day(d + timedelta(1)),
            )
        mine = getattr(self.officer, "staff", None)
        pool = [s for s in self.certified[:-1] if s != mine]
        # The demo officer (login ``zhifa``) handles the cases when certified, so that the
        # clocks show in that login's 待办.
        officers = [mine, rng.choice(pool)] if mine in self.certified else rng.sample(pool, 2)
        d = self.day(d + timedelta(days=1))
        case = services.open_case(
            case,
            actor=self.head,
            matter=matter,
            officers=officers,
            opened_on=d,
            circumstances=rng.choice(([], ["first_violation"], ["cooperative"], ["repeat"])),
        )
        d = self.day(d + timedelta(days=2))
        services.add_evidence(
            case,
            actor=self.officer,
            kind="record",
            id_shown=True,
            title="现场检查笔录",
            collected_on=d,
            file=f"现场检查笔录（演示）{case.number}".encode(),
            file_name="现场检查笔录.txt",
            collected_by="执法人员",
        )
        if target == "transfer":
            case = services.record_findings(
                case,
                actor=self.officer,
                on=d,
                amount_involved=matter.criminal_threshold_amount + Decimal(12000),
            )
            task = case.transfers.first()
            services.record_transfer_outcome(
                task,
                actor=self.head,
                step="transfer",
                on=self.day(d + timedelta(3)),
                receiver="示范县公安局",
                documents=[e.file_id for e in case.evidence.all()],
            )
            return case
        if target == "investigating":
            if registered > self.anchor - timedelta(days=10):
                services.preserve_evidence(
                    case,
                    actor=self.officer,
                    items="涉案物品一批",
                    approved_by=self.head,
                    preserved_on=d,
                )
            return case
        d = self.day(d + timedelta(days=rng.randrange(4, 12)))
        case = services.conclude_investigation(case, actor=self.officer, on=d)
        if target == "examining":
            return case
        rec = services.recommend_for(case, d)
        low = rec.min_amount if rec and rec.min_amount is not None else Decimal(1000)
        high = rec.max_amount if rec and rec.max_amount is not None else low * 3
        fine = max(
            Decimal(100), ((low + (high - low) * Decimal("0.4")) / 100).quantize(Decimal(1)) * 100
        )
        big = target == "hearing"
        d = self.day(d + timedelta(days=2))
        case = services.serve_notice(
            case,
            actor=self.officer,
            types=["fine", "revoke_licence"] if big else ["fine"],
            fine=fine,
            facts=case.facts or "当事人实施了违法行为",
            reasons="违反有关法律规定",
            served_on=d,
            basis_text=f"{matter.bases.first().citation}",
        )
        if target == "notified":
            return case
        if target == "hearing":
            services.request_hearing(
                case, actor=self.officer, requested_on=self.day(d + timedelta(days=2))
            )
            if registered < self.anchor - timedelta(days=45):
                when = self.day(d + timedelta(days=30))
                services.schedule_hearing(
                    case,
                    actor=self.officer,
                    scheduled_for=when,
                    chair=self.certified[-1],
                    notified_on=self.day(d + timedelta(days=5)),
                    location="本局听证室",
                )
            return case
        services.record_statement(
            case,
            actor=self.officer,
            received_on=self.day(d + timedelta(days=1)),
            waive_statement=True,
        )
        # The decision waits for the hearing-request window (第六十四条), holidays included.
        d = self.day(max(d + timedelta(days=8), window_due(case) + timedelta(days=1)))
        if target in ("in_review", "ready") or matter.in_review_catalogue:
            case = services.submit_legal_review(case, actor=self.officer, submitted_on=d)
            if target == "in_review":
                return case
            d = self.day(d + timedelta(days=2))
            case = services.complete_legal_review(
                case,
                actor=self.reviewer,
                result="passed",
                checklist=CHECKLIST,
                opinion="同意",
                completed_on=d,
            )
        if target == "ready":
            return case
        d = self.day(d + timedelta(days=2))
        case = services.decide_case(
            case,
            actor=self.head,
            decided_on=d,
            types=["fine"],
            fine=fine,
            reasons="违法事实清楚，证据确凿",
            deviation_reason="",
        )
        generate_document(case, "decision", actor=self.officer)
        if target == "decided":
            return case
        d = self.day(d + timedelta(days=1))
        case = services.serve_decision(case, actor=self.officer, served_on=d, mode="direct")
        return self.execute(case, target, d, fine)

    def execute(self, case, target: str, d: date, fine: Decimal) -> Any:
        rng = self.rng
        if target == "executing":
            kind = self.n % 4
            if kind == 1:
                services.record_reconsideration_or_suit(
                    case,
                    actor=self.officer,
                    kind="reconsideration",
                    filed_on=self.day(d + timedelta(days=20)),
                    body="示范县人民政府",
                )
            elif kind == 2:
                services.approve_deferral(
                    case,
                    actor=self.head,
                    kind="instalments",
                    reason="经营困难，申请分期缴纳",
                    until=d + timedelta(days=90),
                    approved_on=self.day(d + timedelta(days=5)),
                )
            elif kind == 3:
                services.record_payment(
                    case,
                    actor=self.officer,
                    amount=fine / 2,
                    paid_on=self.day(d + timedelta(days=7)),
                )
            return case
        paid = self.day(d + timedelta(days=rng.randrange(2, 12)))
        services.record_payment(case, actor=self.officer, amount=fine, paid_on=paid)
        case = services.close_case(
            case, actor=self.head, closed_on=self.day(paid + timedelta(days=2)), reason="罚款已缴清"
        )
        generate_document(case, "closing_approval", actor=self.officer)
        # 事后公示 through the door: it stamps today, so these show as published late.
        case = services.publish_decision(case, actor=self.officer)
        if target == "archived":
            case = services.archive_case(
                case, actor=self.officer, archived_on=self.day(paid + timedelta(days=10))
            )
        return case

    def summary(self, when: date) -> Any:
        small = [m for m in self.matters if not m.in_review_catalogue and (m.fine_min or 0) <= 200]
        matter = small[0] if small else self.plain[0]
        if (matter.fine_min or 0) > 200:
            types, fine = ["warning"], None
        else:
            types, fine = ["fine"], Decimal(200)
        case = services.summary_penalty(
            agency=self.agency,
            actor=self.officer,
            officers=self.certified[:2],
            matter=matter,
            party_kind="person",
            party_name=person_name(self.rng),
            types=types,
            fine=fine,
            decided_on=self.day(when),
            reasons="违法事实确凿，当场处罚",
            facts="当场发现违法行为",
            id_shown=True,
            notified=True,
            statement_waived=True,
        )
        if self.rng.random() < 0.6:
            services.file_summary_penalty(
                case, actor=self.officer, on=self.day(when + timedelta(days=1))
            )
        return case


def load_open_cases(county: Any, rng: random.Random, anchor: date) -> dict[str, int]:
    """Walk the scenario list; a step the guards refuse is reported, not hidden."""
    walker = Walker(county, rng, anchor)
    if not walker.ready:
        return {"open": 0}
    done, refused = 0, 0
    for target, count, ages in SCENARIOS:
        for i in range(count):
            registered = anchor - timedelta(days=ages[i % len(ages)])
            try:
                if target == "summary":
                    walker.summary(registered)
                else:
                    walker.walk(target, registered)
                done += 1
            except (Refused, InvalidTransition, ValidationError) as exc:  # shown, not hidden
                refused += 1
                print(f"演示案件未能推进到“{target}”：{exc}")
    return {"open": done, "refused": refused}
