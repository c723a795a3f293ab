"""Demo 行政处罚 cases for the demo county: about three years (January 2024 to the anchor day,
20 November 2026) across the agencies that have penalty matters.

Two parts, for speed:

- **History** (a few thousand closed and archived cases registered 2024-01 to 2026-05, all closed
  by the anchor day; their 事后公示 imported through the publication door on its own day) is written with
  ``bulk_create``; each case gets one ledger entry (``penalty.imported``, through the ledger
  service, so the chain stays whole and verifiable) and one history row pointing at it, plus
  its payments, hearings and legal reviews. These cases did not go through the workflow's
  guards one step at a time; their figures are drawn to be lawful (fines inside the matter's
  range, summary fines inside 第五十一条, dates in order).
- **Open cases** of the market regulator (whose demo logins exist) go through the real services
  and workflow, step by step, so that some sit in every state, some with clocks running and
  some overdue (visible in 待办).

Dates are computed from the fixed anchor, so the data is the same on every run; nothing is
frozen. Idempotent: a county that already has penalty cases is left as it is.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from fazhi.core.deadlines.services import calendar
from fazhi.core.ledger import tracking
from fazhi.core.ledger.services import record_many
from fazhi.core.numbering import services as numbering
from fazhi.core.publication import services as publication
from fazhi.core.workflow.engine import register_action
from fazhi.core.workflow.models import TransitionLog
from fazhi.kernel.timelimits import compute_due

from . import rules, sectors
from .demo_open import load_open_cases
from .demo_parties import company_name, penalty_matters, person_name
from .effects import CASE_NUMBERS, DECISION_NUMBERS
from .models import Case, Hearing, LegalReview, Payment
from .publishing import public_fields

ANCHOR = date(2026, 11, 20)
#: The longest a historical case runs from 案源登记 to 结案 as drawn below (立案 ≤ 11 days, 决定
#: ≤ 119 days after, 送达 ≤ 5, 缴款 ≤ 29, 结案 ≤ 39 days after 送达): registrations stop that long
#: before the anchor, so that no historical case is decided, published or closed after it.
LONGEST_RUN = timedelta(days=11 + 119 + 5 + 39)
HISTORY_START, HISTORY_END = date(2024, 1, 2), ANCHOR - LONGEST_RUN
IMPORTED = register_action("penalty.imported", "行政处罚·历史案件导入")
#: Cases per agency key over the whole history (agencies without penalty matters get none).
VOLUME = {"market": 2100, "eco": 520, "emergency": 380}


def _fine(rng: random.Random, matter, tier: str) -> Decimal:
    low = matter.fine_min if matter.fine_min is not None else Decimal(500)
    high = matter.fine_max if matter.fine_max is not None else Decimal(50000)
    span = high - low
    band = {
        "lenient": (0, 0.3),
        "ordinary": (0.3, 0.7),
        "severe": (0.7, 1.0),
        "mitigated": (-0.5, 0),
    }[tier]
    raw = (
        low + span * Decimal(str(rng.uniform(*band)))
        if tier != "mitigated"
        else low * Decimal(str(rng.uniform(0.3, 0.9)))
    )
    return max(Decimal(100), (raw / 100).quantize(Decimal(1)) * 100)


def _prefix(agency) -> str:
    return agency.short_name or agency.name[:4]


def _serial(series: numbering.Series, agency: Any, year: int) -> int:
    """The next serial of ``series`` (a 简易程序 case's 罚简 number shares the 罚立 one)."""
    return numbering.allocate(agency, series.kind, year, seed=lambda: series.highest(agency, year))


def _history_case(rng: random.Random, agency, matter, n: int, cal) -> tuple[Case, dict]:
    """One closed historical case, lawful in its dates and amounts."""
    span = (HISTORY_END - HISTORY_START).days
    registered = HISTORY_START + timedelta(days=rng.randrange(span))
    person = rng.random() < 0.35
    party = person_name(rng) if person else company_name(rng, "示范县")
    summary = rng.random() < 0.22
    roll = rng.random()
    extra: dict[str, Any] = {}
    if summary:
        outcome, tier, lenient = "penalty", "", ""
        types = ["warning"] if rng.random() < 0.4 else ["fine"]
        fine = (
            None
            if types == ["warning"]
            else Decimal(rng.choice((50, 100, 200) if person else (500, 1000, 2000, 3000)))
        )
        opened = decided = registered
    else:
        opened = registered + timedelta(days=rng.randrange(0, 12))
        decided = opened + timedelta(
            days=rng.choice((rng.randrange(20, 85),) * 19 + (rng.randrange(92, 120),))
        )
        types, fine = ["fine"], None
        if roll < 0.12:
            outcome, tier = "no_penalty", "no_penalty"
            lenient = "no_penalty" if rng.random() < 0.85 else "other"
            types = []
        elif roll < 0.16:
            outcome, tier, lenient, types = "dropped", "", "", []
        elif roll < 0.17:
            outcome, tier, lenient, types = "transferred", "", "", []
        else:
            outcome = "penalty"
            tier = rng.choices(("ordinary", "lenient", "severe", "mitigated"), (60, 25, 10, 5))[0]
            lenient = {
                "lenient": "lighter" if rng.random() < 0.6 else "",
                "mitigated": "mitigated",
            }.get(tier, "")
            if lenient == "" and rng.random() < 0.01:
                lenient = "no_coercion"
            fine = _fine(rng, matter, tier)
    year = decided.year
    serial = _serial(CASE_NUMBERS, agency, year)
    number = f"{_prefix(agency)}{'罚简' if summary else '罚立'}〔{year}〕{serial}号"
    decision_number = ""
    if outcome in ("penalty", "no_penalty"):
        serial = _serial(DECISION_NUMBERS, agency, year)
        decision_number = DECISION_NUMBERS.text(agency, year, serial)
    decided_flag = outcome in ("penalty", "no_penalty")
    served = (
        decided + timedelta(days=0 if summary else rng.randrange(0, 6)) if decided_flag else None
    )
    period = sectors.procedure_for(matter.field).decision  # the matter's sector's 办案期限
    decision_due = None if summary else compute_due(period, opened, calendar=cal).due
    closing = (served or decided) + timedelta(days=rng.randrange(5, 40))
    money = fine or Decimal(0)
    paid_on = served + timedelta(days=rng.randrange(1, 15)) if money and served else None
    if paid_on and rng.random() < 0.04:  # a late payer: the surcharge was paid too
        paid_on = served + timedelta(days=rng.randrange(17, 30))
        extra["surcharge"] = rules.surcharge(money, served + timedelta(days=15), paid_on)
    if paid_on:
        closing = max(closing, paid_on + timedelta(days=rng.randrange(1, 10)))
    archived = closing + timedelta(days=rng.randrange(5, 60))
    published = None
    on_time = None
    if outcome == "penalty" and not summary:
        due = compute_due(rules.RULE_PUBLICATION, decided, calendar=cal).due
        published = decided + timedelta(days=rng.choice((1, 2, 3, 4, 5, 6, 7, 8, 9, 12)))
        on_time = published <= due
    case = Case(
        agency=agency,
        matter=matter,
        procedure="summary" if summary else "ordinary",
        state="archived" if archived <= ANCHOR - timedelta(days=30) else "closed",
        source_number=f"{_prefix(agency)}案源〔{registered.year}〕{n}号",
        number=number,
        source_kind=rng.choice(("inspection", "inspection", "complaint", "referral", "monitoring")),
        source_summary="演示数据：历史案件",
        registered_on=registered,
        party_kind="person" if person else "organisation",
        party_name=party,
        party_key=f"DEMO{agency.pk}-{n}",
        violation_date=registered - timedelta(days=rng.randrange(1, 40)),
        discovered_on=registered,
        facts=f"当事人涉嫌{matter.name.removeprefix('对').removesuffix('的行政处罚')}",
        opened_on=opened,
        decision_due=decision_due,
        outcome=outcome,
        decided_on=decided if decided_flag else None,
        decision_number=decision_number,
        decided_types=types,
        decided_fine=fine,
        tier=tier,
        tier_label=rules.TIER_LABELS.get(tier, ""),
        lenient_kind=lenient,
        decision_on_time=(decided <= decision_due) if decided_flag and decision_due else None,
        decision_served_on=served,
        service_mode="on_spot" if summary else ("direct" if served else ""),
        payment_due=compute_due(rules.RULE_PAYMENT, served, calendar=cal).due
        if money and served
        else None,
        paid_amount=money if paid_on else Decimal(0),
        surcharge_paid=extra.get("surcharge", Decimal(0)),
        paid_on=paid_on,
        published_on=published,
        publication_on_time=on_time,
        summary_filed_on=decided + timedelta(days=1) if summary else None,
        # 第五十二条第一款, 第四十四条, 第四十五条: what the officers affirmed on the spot
        summary_id_shown=True if summary else None,
        summary_notified=summary,
        statement_waived_on=decided if summary else None,
        closed_on=closing,
        close_reason={
            "dropped": "违法事实不能成立，撤销立案",
            "transferred": "涉嫌犯罪，已移送公安机关",
        }.get(outcome, "执行完毕"),
        archived_on=archived if archived <= ANCHOR - timedelta(days=30) else None,
        hearing_right=bool(
            fine
            and fine >= rules.HEARING_FINE_THRESHOLD["person" if person else "organisation"].value
        ),
    )
    extra["hearing"] = case.hearing_right and not summary and rng.random() < 0.3
    return case, extra


def load_history(county: Any, rng: random.Random) -> dict[str, int]:
    """Bulk-write the closed historical cases with one ledger entry and history row each."""
    cal = calendar()
    made: list[tuple[Case, dict]] = []
    n = 0
    for key, volume in VOLUME.items():
        agency = county.agencies.get(key)
        matters = penalty_matters(agency) if agency else []
        if not matters:
            continue
        for _ in range(volume):
            n += 1
            made.append(_history_case(rng, agency, rng.choice(matters), n, cal))
    made.sort(key=lambda pair: pair[0].registered_on)
    Case.objects.bulk_create([c for c, _ in made], batch_size=1000)
    ct = ContentType.objects.get_for_model(Case)
    logs, payments, hearings, reviews = [], [], [], []
    # one ledger entry per case, sealed in order by the bulk path (the same chain as as many
    # ``record`` calls would write, one head lookup and batched inserts instead of 2 queries each)
    seqs = record_many(
        (
            (
                case.subject,
                IMPORTED,
                {
                    "number": case.number,
                    "state": case.state,
                    "outcome": case.outcome,
                    "decided_on": case.decided_on.isoformat() if case.decided_on else None,
                    "decision_number": case.decision_number,
                    "fine": str(case.decided_fine or ""),
                    "note": "历史案件批量导入（演示数据），未逐步经过办案流程",
                },
            )
            for case, _ in made
        ),
        actor="演示数据",
    )
    for (case, extra), seq in zip(made, seqs, strict=True):
        logs.append(
            TransitionLog(
                subject_type=ct,
                subject_id=case.pk,
                workflow="penalty",
                action=IMPORTED,
                from_state="",
                to_state=case.state,
                on_date=case.closed_on,
                comment="历史案件导入",
                ledger_leaf=seq,
            )
        )
        if case.paid_on:
            payments.append(
                Payment(
                    case=case,
                    paid_on=case.paid_on,
                    amount=case.paid_amount,
                    surcharge=case.surcharge_paid,
                )
            )
        if extra.get("hearing"):
            held = case.decided_on - timedelta(days=6)
            hearings.append(
                Hearing(
                    case=case,
                    requested_on=held - timedelta(days=20),
                    scheduled_for=held,
                    notified_on=held - timedelta(days=12),
                    held_on=held,
                    outcome="held",
                    location="本局听证室",
                    record="听证笔录（演示数据）",
                )
            )
        if case.matter.in_review_catalogue and case.decided_on and case.procedure == "ordinary":
            reviews.append(
                LegalReview(
                    case=case,
                    round=1,
                    submitted_on=case.decided_on - timedelta(days=5),
                    checklist={c: {"ok": True} for c, _ in rules.REVIEW_CHECKLIST},
                    result="passed",
                    opinion="同意",
                    completed_on=case.decided_on - timedelta(days=2),
                )
            )
    TransitionLog.objects.bulk_create(logs, batch_size=1000)
    published = _publish_history([case for case, _ in made])
    Payment.objects.bulk_create(payments, batch_size=1000)
    Hearing.objects.bulk_create(hearings, batch_size=1000)
    LegalReview.objects.bulk_create(reviews, batch_size=1000)
    # bulk writes send no signal: ledger the rows' states (the ledger's record check reads them)
    for rows in ([case for case, _ in made], payments, hearings, reviews):
        tracking.snapshot_many(rows, actor="演示数据")
    return {
        "history": len(made),
        "payments": len(payments),
        "hearings": len(hearings),
        "reviews": len(reviews),
        "published": published,
    }


def _publish_history(cases: list[Case]) -> int:
    """事后公示 of the historical decisions through the publication door's bulk path, each on
    the day it was published, so that they are on the portal under their real dates."""
    today = timezone.localdate()
    due = [c for c in cases if c.published_on and c.published_on <= today]
    items = publication.import_published(
        (
            publication.Publication(
                kind="penalty",
                title=f"{case.agency.name}行政处罚决定书（{case.decision_number}）",
                body=case.facts,
                fields=public_fields(case),
                agency=case.agency,
                source=case,
                decided_on=case.decided_on,
                names=[case.party_name] if case.is_person else [],
                published_on=case.published_on,
            )
            for case in due
        ),
        actor="演示数据",
        note="历史案件的事后公示（演示数据）",
    )
    for case, item in zip(due, items, strict=True):
        case.publication_id = item.pk
        case.publication_on_time = item.on_time
    Case.objects.bulk_update(due, ["publication_id", "publication_on_time"], batch_size=1000)
    return len(items)


def load_demo(county: Any) -> dict[str, int]:
    """The ``enforcement`` demo loader (runs after ``officers`` and ``matters``)."""
    agencies = [a for a in county.agencies.values() if a.enforcement_subject]
    if Case.objects.filter(agency__in=agencies).exists():
        return {"skipped": 1}
    rng = county.rng("enforcement")
    result = load_history(county, rng)
    result.update(load_open_cases(county, rng, ANCHOR))
    return result
