"""Demo personnel for the demo county: certificates for every enforcement agency's officers (most
valid, a few expiring within the notice window, two expired, one suspended), qualification exams,
training hours around 40–90 学时 a year, and the legal reviewers' roster and 法律职业资格.

Idempotent (natural keys: certificate number, training staff+date+title, qualification number)
and deterministic (randomness from ``county.rng("officers")`` only). Dates are relative to the
day of loading, so that the expiry flags show on the day the demo is started.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.core.accounts.models import StaffMember
from fazhi.core.orgs.models import Unit

from . import services
from .models import Certificate, ExamResult, LegalQualification, ReviewerProfile, TrainingRecord
from .rules import REVIEWER_QUALIFICATION, expiry_notice_days

ACTOR = "演示数据"
ISSUER = "示范省人民政府"
VALIDITY_DAYS = 5 * 365

#: 执法领域 on the certificates of each demo agency (keys of fazhi.core.demo.county).
FIELDS: dict[str, list[str]] = {
    "market": ["市场监管", "食品药品安全"],
    "eco": ["生态环境"],
    "cua": ["综合行政执法", "城市管理"],
    "transport": ["交通运输"],
    "agri": ["农业农村"],
    "health": ["卫生健康"],
    "culture": ["文化市场"],
    "emergency": ["应急管理"],
    "hrss": ["劳动保障"],
    "water": ["水利"],
    "forestry": ["林业"],
    "nrp": ["自然资源"],
    "housing": ["住房城乡建设"],
    "education": ["教育"],
    "civil": ["民政"],
    "finance": ["财政"],
    "commerce": ["商务"],
    "medical": ["医疗保障"],
    "drc": ["发展改革"],
    "justice": ["司法行政"],
}
TOWNSHIP_FIELDS = ["综合行政执法"]
#: Police officers act under the 人民警察证, not an administrative enforcement certificate.
WITHOUT_CERTIFICATES = frozenset({"police"})

TITLES = (
    ("public_law", "新修订《中华人民共和国行政处罚法》专题培训"),
    ("skills", "行政执法程序规范与执法文书制作"),
    ("discretion", "包容审慎监管与行政裁量权基准运用"),
    ("skills", "执法全过程记录与音像记录实务"),
    ("new_law", "《优化营商环境条例》解读"),
    ("professional_law", "本领域专业法律法规培训"),
    ("skills", "现场检查与调查取证实训"),
    ("public_law", "行政复议与行政诉讼典型案例研讨"),
)
POLITICS = ("politics", "政治理论和党性教育专题学习")


def fields_for(key: str) -> list[str]:
    return TOWNSHIP_FIELDS if key.startswith("town:") else FIELDS.get(key, ["综合行政执法"])


def officers_of(staff: list[StaffMember]) -> list[StaffMember]:
    """Leaders, the 政策法规科 and everyone in a team or station carry a certificate."""
    return [
        s
        for s in staff
        if s.unit is None
        or s.unit.kind in (Unit.Kind.TEAM, Unit.Kind.STATION)
        or s.unit.name == "政策法规科"
    ]


def _plan_certificates(county: Any, today: date) -> list[tuple[str, int, StaffMember, str]]:
    """(agency key, agency index, staff, fate) for every officer; fate: valid/expiring/expired/suspended."""
    rng = county.rng("officers")
    protected = {s.pk for _, _, s in county.logins}
    people: list[tuple[str, int, StaffMember]] = []
    for index, key in enumerate(sorted(county.agencies)):
        agency = county.agencies[key]
        if not agency.enforcement_subject or key in WITHOUT_CERTIFICATES:
            continue
        staff = list(
            StaffMember.objects.filter(agency=agency, active=True)
            .select_related("unit")
            .order_by("pk")
        )
        people += [(key, index, s) for s in officers_of(staff)]
    open_slots = [i for i, (_, _, s) in enumerate(people) if s.pk not in protected]
    chosen = rng.sample(open_slots, min(len(open_slots), 3 + max(3, len(people) // 20)))
    fates = dict(zip(chosen[:3], ("expired", "expired", "suspended"), strict=False))
    fates.update({i: "expiring" for i in chosen[3:]})
    return [(key, index, s, fates.get(i, "valid")) for i, (key, index, s) in enumerate(people)]


def _dates(fate: str, rng, today: date) -> tuple[date, date]:
    notice = expiry_notice_days()
    if fate == "expired":
        expires = today - timedelta(days=rng.randint(5, 90))
    elif fate == "expiring":
        expires = today + timedelta(days=rng.randint(3, max(4, notice - 5)))
    else:
        expires = today + timedelta(days=rng.randint(notice + 30, VALIDITY_DAYS - 30))
    return expires - timedelta(days=VALIDITY_DAYS), expires


def _training(staff: StaffMember, rng, today: date) -> int:
    """About 40–90 counted 学时 last year, and this year's share so far; returns records added."""
    have = set(TrainingRecord.objects.filter(staff=staff).values_list("date", "title"))
    entries: list[dict[str, Any]] = []
    for year, share in ((today.year - 1, 1.0), (today.year, (today.timetuple().tm_yday - 1) / 365)):
        target = int(rng.randint(40, 90) * share)
        start = date(year, 1, 1)
        span = max(1, (today - start).days if year == today.year else 364)
        plan = [(*POLITICS, rng.choice((8, 12, 16)))] if share > 0.3 else []
        hours = 0
        for category, title in rng.sample(TITLES, len(TITLES)):
            if hours >= target:
                break
            h = min(rng.choice((8, 12, 16, 24)), max(4, target - hours))
            plan.append((category, title, h))
            hours += h
        for category, title, h in plan:
            day = start + timedelta(days=rng.randrange(span))
            if day >= today or (day, title) in have:
                continue
            have.add((day, title))
            entries.append(
                {
                    "category": category,
                    "title": title,
                    "date": day,
                    "hours": Decimal(h),
                    "provider": "县司法局",
                }
            )
    return len(services.record_training_batch(staff, entries, actor=ACTOR))


def _reviewers(county: Any, rng, today: date) -> int:
    """The 政策法规科 of each enforcement agency is its 法制审核 roster; most hold 法律职业资格."""
    in_force: date = REVIEWER_QUALIFICATION.value  # type: ignore[assignment]
    login_staff = {login.username: staff for login, _, staff in county.logins}
    added = 0
    for key in sorted(county.agencies):
        agency = county.agencies[key]
        if not agency.enforcement_subject:
            continue
        for n, staff in enumerate(
            StaffMember.objects.filter(agency=agency, unit__name="政策法规科").order_by("pk")
        ):
            veteran = rng.random() < 0.4
            first = (
                (in_force - timedelta(days=rng.randint(200, 2000)))
                if veteran
                else (in_force + timedelta(days=rng.randint(30, 900)))
            )
            if not ReviewerProfile.objects.filter(staff=staff).exists():
                services.register_reviewer(staff, first_reviewed_on=min(first, today), actor=ACTOR)
                added += 1
            qualified = (
                staff == login_staff.get("fazhi_shenhe") or not veteran and rng.random() < 0.8
            )
            number = f"A{2015 + n % 8}{county.county.code}{staff.pk:06d}"
            if qualified and not LegalQualification.objects.filter(number=number).exists():
                services.record_legal_qualification(
                    staff, number=number, obtained_on=date(2015 + n % 8, 11, 20), actor=ACTOR
                )
    return added


def _qualification_exam(staff: StaffMember, issued_on: date, rng, name: str = "") -> None:
    """The passed 执法资格考试 a month before the first certificate (发证 requires it)."""
    if not ExamResult.objects.filter(
        staff=staff, kind=ExamResult.Kind.QUALIFICATION, passed=True, date__lte=issued_on
    ).exists():
        services.record_exam(
            staff,
            kind=ExamResult.Kind.QUALIFICATION,
            name=name or "行政执法资格考试",
            date=issued_on - timedelta(days=30),
            score=Decimal(rng.randint(62, 98)),
            passed=True,
            actor=ACTOR,
        )


def load_demo(county: Any) -> dict[str, int]:
    """The demo loader registered as ``officers`` (see :mod:`fazhi.core.demo.registry`)."""
    today = timezone.localdate()
    rng = county.rng("officers-dates")
    existing = set(Certificate.objects.values_list("number", flat=True))
    counts = {"certificates": 0, "training": 0, "reviewers": 0}
    sequence: dict[int, int] = {}
    for key, index, staff, fate in _plan_certificates(county, today):
        sequence[index] = sequence.get(index, 0) + 1
        number = f"{county.county.code}{index:02d}{sequence[index]:04d}"
        issued_on, expires_on = _dates(fate, rng, today)
        if number in existing:
            continue
        _qualification_exam(staff, issued_on, rng)
        cert = services.issue_certificate(
            staff,
            kind=Certificate.Kind.ENFORCEMENT,
            number=number,
            fields=fields_for(key),
            issued_on=issued_on,
            expires_on=expires_on,
            issuer=ISSUER,
            actor=ACTOR,
        )
        counts["certificates"] += 1
        if fate == "suspended":
            services.suspend_certificate(
                cert,
                on=today - timedelta(days=20),
                reason="涉嫌违反执法纪律，接受调查期间暂扣",
                actor=ACTOR,
            )
        counts["training"] += _training(staff, rng, today)
    justice = county.agencies.get("justice")
    if justice is not None:
        for n, staff in enumerate(
            StaffMember.objects.filter(agency=justice, unit__name="行政执法协调监督科").order_by(
                "pk"
            )
        ):
            number = f"{county.county.code}JD{n + 1:04d}"
            if number not in existing:
                issued, expires = _dates("valid", rng, today)
                _qualification_exam(staff, issued, rng, name="行政执法监督资格考试")
                services.issue_certificate(
                    staff,
                    kind=Certificate.Kind.SUPERVISION,
                    number=number,
                    fields=[],
                    issued_on=issued,
                    expires_on=expires,
                    issuer=ISSUER,
                    actor=ACTOR,
                )
                counts["certificates"] += 1
    counts["reviewers"] = _reviewers(county, county.rng("officers-reviewers"), today)
    # The daily scan, as it would have run: the lapsed certificates show as 已过期 with history.
    counts["expired"] = len(services.expire_certificates(actor=ACTOR))
    return counts
