"""Fixtures: a county market-regulation bureau with two certified officers, a third certified
officer to chair hearings, its head, a qualified legal reviewer, a supervisor at the 司法局,
and two penalty matters (one in the 法制审核目录) with a published benchmark.

The :class:`Flow` helper walks a case through the services step by step, with explicit dates,
so that each test starts from the state it needs.
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from fazhi.core.accounts.models import RoleAssignment, StaffMember, User
from fazhi.core.accounts.roles import Role
from fazhi.core.orgs.models import Agency, Division
from fazhi.kernel.ids import id_check_digit, uscc_check_character

D = date


def uscc(body17: str) -> str:
    return body17 + uscc_check_character(body17)


def id_number(birth: date, seq: str = "123") -> str:
    first = f"320685{birth:%Y%m%d}{seq}"
    return first + id_check_digit(first)


def _staff(agency, name, username, birth, role, seq):
    user = User.objects.create_user(
        username=username,
        password="x-Secret-123!",
        display_name=name,
        password_changed_at=timezone.now(),
    )
    staff = StaffMember.objects.create(
        user=user, agency=agency, name=name, id_number=id_number(birth, seq)
    )
    if role:
        RoleAssignment.objects.create(user=user, role=role, agency=agency)
    return user, staff


def _certify(staff, number, expires=None, issued=None):
    from fazhi.systems.officers.models import Certificate

    expires, issued = expires or D(2030, 12, 31), issued or D(2020, 1, 1)
    return Certificate.objects.create(
        staff=staff,
        number=number,
        fields=["市场监管"],
        issuer="江苏省人民政府",
        issued_on=issued,
        expires_on=expires,
        status_changed_on=issued,
    )


def _matter(agency, code, name, *, catalogue=False, threshold=None, life=False):
    from fazhi.systems.matters.models import (
        Benchmark,
        BenchmarkTier,
        BenchmarkVersion,
        LegalBasis,
        Matter,
    )

    m = Matter.objects.create(
        agency=agency,
        code=code,
        name=name,
        kind="penalty",
        field="市场监管",
        fine_min=Decimal("1000"),
        fine_max=Decimal("10000"),
        in_review_catalogue=catalogue,
        criminal_threshold_amount=threshold,
        criminal_threshold_note="货值金额" if threshold else "",
        life_health_finance=life,
    )
    LegalBasis.objects.create(
        matter=m,
        instrument="中华人民共和国产品质量法",
        article="第五十条",
        quote="在产品中掺杂、掺假……并处违法生产、销售产品货值金额百分之五十以上三倍以下的罚款",
        effective_from=D(2018, 12, 29),
        fine_min=Decimal("1000"),
        fine_max=Decimal("10000"),
    )
    b = Benchmark.objects.create(matter=m, violation=name)
    v = BenchmarkVersion.objects.create(
        benchmark=b,
        label="2024版",
        effective_from=D(2024, 1, 1),
        published=True,
        published_on=D(2023, 12, 1),
    )
    for tier, lo, hi, codes in (
        ("lenient", 1000, 3000, [{"code": "first_violation", "label": "初次违法"}]),
        ("ordinary", 3000, 7000, []),
        ("severe", 7000, 10000, [{"code": "repeat", "label": "多次实施"}]),
    ):
        BenchmarkTier.objects.create(
            version=v, tier=tier, min_amount=lo, max_amount=hi, circumstances=codes
        )
    return m


@pytest.fixture
def world(db):
    county = Division.objects.create(code="320685", name="海安市", level="county")
    gov = Agency.objects.create(
        name="海安市人民政府",
        kind="government",
        division=county,
        uscc=uscc("11320685014101360"),
    )
    bureau = Agency.objects.create(
        name="海安市市场监督管理局",
        short_name="海安市监",
        kind="department",
        division=county,
        government=gov,
        uscc=uscc("11320685MB1958320"),
        enforcement_subject=True,
    )
    other = Agency.objects.create(
        name="海安市城市管理局",
        short_name="海安城管",
        kind="department",
        division=county,
        government=gov,
        uscc=uscc("11320685MB1958339"),
        enforcement_subject=True,
    )
    justice = Agency.objects.create(
        name="海安市司法局",
        kind="justice",
        division=county,
        government=gov,
        is_supervisor=True,
        uscc=uscc("11320685014101379"),
    )
    officer, officer_staff = _staff(bureau, "张明", "zhangming", D(1985, 3, 1), Role.OFFICER, "111")
    officer2, officer2_staff = _staff(bureau, "李华", "lihua", D(1988, 6, 1), Role.OFFICER, "121")
    chair_user, chair = _staff(bureau, "王强", "wangqiang", D(1980, 1, 9), Role.OFFICER, "131")
    head, head_staff = _staff(
        bureau, "赵局长", "zhaojuzhang", D(1972, 5, 5), Role.AGENCY_HEAD, "141"
    )
    reviewer, reviewer_staff = _staff(
        bureau, "陈律", "chenlv", D(1990, 2, 2), Role.LEGAL_REVIEWER, "151"
    )
    supervisor, _ = _staff(justice, "孙监督", "sunjiandu", D(1979, 7, 7), Role.SUPERVISOR, "161")
    outsider, _ = _staff(other, "周城管", "zhouchengguan", D(1983, 8, 8), Role.OFFICER, "171")
    for staff, number in (
        (officer_staff, "32060001"),
        (officer2_staff, "32060002"),
        (chair, "32060003"),
    ):
        _certify(staff, number)
    from fazhi.systems.officers.models import LegalQualification

    LegalQualification.objects.create(
        staff=reviewer_staff, number="A20183200001", obtained_on=D(2018, 12, 1)
    )
    return SimpleNamespace(
        county=county,
        gov=gov,
        bureau=bureau,
        other=other,
        justice=justice,
        officer=officer,
        officer2=officer2,
        chair_user=chair_user,
        chair=chair,
        head=head,
        reviewer=reviewer,
        supervisor=supervisor,
        outsider=outsider,
        officers=[officer_staff, officer2_staff],
        officer_staff=officer_staff,
        officer2_staff=officer2_staff,
        reviewer_staff=reviewer_staff,
        matter=_matter(
            bureau, "330217011000", "生产、销售掺杂掺假产品", threshold=Decimal("50000")
        ),
        catalogue_matter=_matter(
            bureau, "330217012000", "生产、销售不合格食品", catalogue=True, life=True
        ),
        id_number=id_number,
    )


REGISTERED, ACT, OPENED, NOTICE, DECIDED, SERVED = (
    D(2025, 3, 3),
    D(2025, 2, 20),
    D(2025, 3, 4),
    D(2025, 3, 11),
    D(2025, 3, 25),
    D(2025, 3, 26),
)
FINE = Decimal("5000")


class Flow:
    """Walk a case through the services with explicit dates (2025-03, all working days)."""

    def __init__(self, w):
        self.w = w

    def source(
        self,
        *,
        matter=None,
        party_kind="organisation",
        party_name="海安某某贸易有限公司",
        registered_on=REGISTERED,
        violation_date=ACT,
        **extra,
    ):
        from fazhi.systems.enforcement import services

        code = (
            "1X2Y3W4"
            if party_name == "海安某某贸易有限公司"
            else f"{zlib.crc32(party_name.encode()) % 10**7:07d}"
        )
        party = {"party_uscc": uscc(f"91320685MA{code}")} if party_kind == "organisation" else {}
        party.update(extra)
        return services.register_source(
            agency=self.w.bureau,
            actor=self.w.officer,
            party_kind=party_kind,
            party_name=party_name,
            registered_on=registered_on,
            source_summary="日常检查发现涉嫌销售掺杂掺假产品",
            matter=matter or self.w.matter,
            violation_date=violation_date,
            **party,
        )

    def opened(self, case=None, *, opened_on=OPENED, officers=None, **facts):
        from fazhi.systems.enforcement import services

        case = case or self.source()
        return services.open_case(
            case,
            actor=self.w.head,
            matter=case.matter or self.w.matter,
            officers=officers if officers is not None else self.w.officers,
            opened_on=opened_on,
            **facts,
        )

    def examined(self, case=None, **kw):
        from fazhi.systems.enforcement import services

        case = case or self.opened(**kw)
        services.add_evidence(
            case,
            actor=self.w.officer,
            kind="record",
            id_shown=True,
            title="现场检查笔录",
            collected_on=D(2025, 3, 5),
            file=b"%PDF-1.4 scene record",
            file_name="现场笔录.pdf",
            content_type="application/pdf",
        )
        return services.conclude_investigation(case, actor=self.w.officer, on=D(2025, 3, 10))

    def notified(self, case=None, *, fine=FINE, types=("fine",), served_on=NOTICE, **kw):
        from fazhi.systems.enforcement import services

        case = case or self.examined(**kw)
        return services.serve_notice(
            case,
            actor=self.w.officer,
            types=types,
            fine=fine,
            facts="当事人销售掺杂掺假产品",
            reasons="违反《中华人民共和国产品质量法》第三十九条",
            basis_text="《中华人民共和国产品质量法》第五十条",
            served_on=served_on,
        )

    def decided(self, case=None, *, fine=FINE, decided_on=DECIDED, **kw):
        from fazhi.systems.enforcement import services

        case = case or self.notified(fine=fine, **kw)
        return services.decide_case(
            case,
            actor=self.w.head,
            decided_on=decided_on,
            types=["fine"],
            fine=fine,
            reasons="事实清楚，证据确凿",
            detail="",
        )

    def served(self, case=None, *, served_on=SERVED, **kw):
        from fazhi.systems.enforcement import services

        case = case or self.decided(**kw)
        return services.serve_decision(
            case, actor=self.w.officer, served_on=served_on, mode="direct"
        )


@pytest.fixture
def flow(world):
    return Flow(world)


def counts():
    """(ledger entries, history rows) — to assert that a refusal saved nothing."""
    from fazhi.core.ledger.selectors import sealed
    from fazhi.core.workflow.models import TransitionLog

    return sealed().count(), TransitionLog.objects.count()


def week(d: date, n: int = 1) -> date:
    return d + timedelta(weeks=n)
