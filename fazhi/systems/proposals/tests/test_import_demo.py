"""The .xlsx import (all or nothing, errors by row and column) and the demo loader."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.core.deadlines.models import Deadline
from fazhi.core.importing.run import import_file
from fazhi.core.ui.excel import workbook_bytes
from fazhi.systems.proposals import importing
from fazhi.systems.proposals.models import Proposal

pytestmark = pytest.mark.django_db


def _row(**over):
    row = dict(zip(importing.IMPORTER.headers, importing.IMPORTER.example, strict=True))
    row.update({"交办机关": "示范县人民政府", "主办单位": "示范县住房和城乡建设局", "协办单位": ""})
    row.update(over)
    return [row[h] for h in importing.IMPORTER.headers]


def test_a_good_register_is_imported_through_the_services(office, lead):
    data = workbook_bytes(
        "台账", importing.IMPORTER.headers, [_row(), _row(编号="第13号", 类别="提案")]
    )
    result = import_file(importing.IMPORTER, data, actor=office)
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == 2
    p = Proposal.objects.get(number="第12号")
    assert p.state == "closed" and p.result == "A" and p.satisfaction == "satisfied"
    assert p.lead_unit == lead and p.on_time is True
    assert Proposal.objects.get(number="第13号").kind == "proposal"


def test_errors_are_listed_by_row_and_nothing_is_kept(client, office, lead):
    data = workbook_bytes(
        "台账",
        importing.IMPORTER.headers,
        [
            _row(),
            _row(编号="第14号", 办理结果="D类", 收到日="2025-02-30"),
            _row(编号="第15号", 答复期限="2025-03-01"),  # not after the 交办日
        ],
    )
    client.force_login(office)
    page = client.post(reverse("proposals:import"), {"file": _upload(data)})
    assert page.status_code == 400
    errors = [str(e) for e in page.context["result"].errors]
    assert any(e.startswith("第 3 行，“办理结果”列") for e in errors)
    assert any(e.startswith("第 3 行，“收到日”列") for e in errors)
    assert any(e.startswith("第 4 行") and "答复期限" in e for e in errors)
    assert not Proposal.objects.exists()


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("t.xlsx", data)


def test_demo_is_idempotent_matches_the_seed_year_and_has_overdue_items(monkeypatch):
    from fazhi.core.demo.generator import load
    from fazhi.core.indicators import registry
    from fazhi.core.indicators.registry import Period
    from fazhi.systems.proposals import demo

    county = load(run_registered=False)
    # the full 2025 volume is the seed's (358 + 5); fewer in the other years keeps this fast
    monkeypatch.setattr(
        demo, "YEARS", {y: (v if y == 2025 else (6, 1, *v[2:])) for y, v in demo.YEARS.items()}
    )
    monkeypatch.setitem(demo.YEARS, 2025, (30, 5, *demo.YEARS[2025][2:]))
    first = demo.load_demo(county)
    assert first["proposals"] == first["total"] == 6 + 1 + 30 + 5 + 6 + 1
    again = demo.load_demo(county)
    assert again["proposals"] == 0
    ids = frozenset({county.government.pk})
    y2025 = Period.year(2025)
    for kind in ("suggestion", "proposal"):
        assert registry.compute(f"proposals.{kind}_completion_rate", ids, y2025).value == Decimal(
            "100.0"
        )
        assert registry.compute(f"proposals.{kind}_satisfaction_rate", ids, y2025).value == Decimal(
            "100.0"
        )
    assert Proposal.objects.filter(year=2025, rehandle_count=1).count() == 1  # n=17 of 30
    assert Deadline.objects.filter(
        rule_id="proposal.answer", status="open", due__lt=demo.ANCHOR
    ).exists()
