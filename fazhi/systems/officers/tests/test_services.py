"""Certificate changes and training records go through the services: validated, ledgered, and
only along legal status changes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.ledger.models import LedgerEntry
from fazhi.systems.officers import services
from fazhi.systems.officers.models import Certificate, CertificateEvent

from .conftest import issue, make_staff

D = date


@pytest.mark.django_db
def test_issue_writes_the_event_and_the_ledger(org):
    staff = make_staff(org.market, "张三")
    cert = issue(staff, "33000001", actor=org.supervisor)
    entry = LedgerEntry.objects.get(subject=f"officers.certificate:{cert.pk}")
    assert entry.action == "officers.certificate.issued"
    assert entry.actor == "sifaju"
    assert entry.payload["certificate"] == "33000001" and entry.payload["fields"] == ["市场监管"]
    event = cert.events.get()
    assert event.kind == CertificateEvent.Kind.ISSUED and event.ledger_seq == entry.seq


@pytest.mark.django_db
def test_issue_refuses_duplicate_numbers_missing_fields_and_backwards_dates(org):
    staff = make_staff(org.market, "张三")
    issue(staff, "33000001")
    with pytest.raises(ValidationError) as exc:
        services.issue_certificate(
            staff,
            number="33000001",
            fields=[],
            issued_on=D(2024, 1, 1),
            expires_on=D(2023, 1, 1),
            actor="测试",
        )
    errors = exc.value.message_dict
    assert "不得重复" in errors["number"][0]
    assert "执法领域" in errors["fields"][0]
    assert "晚于发证日期" in errors["expires_on"][0]
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_status_changes_follow_the_allowed_paths(org):
    cert = issue(make_staff(org.market, "张三"), "33000001")
    with pytest.raises(ValidationError, match="原因"):
        services.suspend_certificate(cert, on=D(2025, 1, 1), reason=" ", actor="测试")
    with pytest.raises(ValidationError, match="不能恢复使用"):
        services.reinstate_certificate(cert, on=D(2025, 1, 1), actor="测试")
    services.suspend_certificate(cert, on=D(2025, 1, 1), reason="接受调查", actor="测试")
    with pytest.raises(ValidationError, match="不能早于"):
        services.reinstate_certificate(cert, on=D(2024, 12, 1), actor="测试")
    services.reinstate_certificate(cert, on=D(2025, 2, 1), actor="测试")
    services.revoke_certificate(cert, on=D(2025, 3, 1), reason="调离", actor="测试")
    with pytest.raises(ValidationError, match="注销"):
        services.renew_certificate(cert, on=D(2025, 4, 1), expires_on=D(2030, 1, 1), actor="测试")
    cert.refresh_from_db()
    assert (cert.status, cert.status_changed_on) == (Certificate.Status.REVOKED, D(2025, 3, 1))
    actions = list(
        LedgerEntry.objects.filter(subject=f"officers.certificate:{cert.pk}").values_list(
            "action", flat=True
        )
    )
    assert actions == [
        "officers.certificate.issued",
        "officers.certificate.suspended",
        "officers.certificate.reinstated",
        "officers.certificate.revoked",
    ]


@pytest.mark.django_db
def test_training_is_ledgered_and_duplicates_refused(org):
    staff = make_staff(org.market, "张三")
    rec = services.record_training(
        staff,
        category="professional_law",
        title="食品安全法专题",
        date=D(2025, 4, 2),
        hours="8",
        actor="测试",
    )
    assert rec.year == 2025 and rec.hours == Decimal("8")
    assert LedgerEntry.objects.filter(action="officers.training.recorded").count() == 1
    with pytest.raises(ValidationError, match="同名培训"):
        services.record_training(
            staff,
            category="professional_law",
            title="食品安全法专题",
            date=D(2025, 4, 2),
            hours="4",
            actor="测试",
        )
    with pytest.raises(ValidationError, match="学时"):
        services.record_training(
            staff, category="skills", title="实训", date=D(2025, 4, 3), hours="0", actor="测试"
        )
