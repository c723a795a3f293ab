"""Certificate input and training records go through the services: validated and ledgered (the
certificate workflow's steps are tested in test_workflow.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.ledger.selectors import sealed
from fazhi.systems.officers import services
from fazhi.systems.officers.models import Certificate

from .conftest import issue, make_staff

D = date


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
    assert sealed().filter(action="officers.training.recorded").count() == 1
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
