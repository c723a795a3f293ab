"""Excel round trips of the rules as data (all rows or none), 事前公示 through the publication
door (行政处罚法 第三十九条), the indicators, and the pages."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.core.indicators import registry
from fazhi.core.indicators.registry import Period
from fazhi.core.publication.models import PublishedItem
from fazhi.systems.matters import importers, services
from fazhi.systems.matters.models import (
    BenchmarkVersion,
    LegalBasis,
    LenientList,
    Matter,
    MatterListRevision,
)
from fazhi.systems.officers import services as officer_services
from tests import factories

from .conftest import ACTOR

D = date


def _rows(data: bytes) -> list[list]:
    return [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]


def _bytes(rows: list[list]) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.django_db
def test_matter_list_round_trip_is_a_new_revision_with_nothing_changed(org, matter):
    data = importers.matter_list_xlsx(org.market)
    assert len(_rows(data)) == 3  # header + one row per basis version
    result = importers.import_matter_list(
        org.market, data, effective_from=D(2025, 1, 1), actor=org.reviewer
    )
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == {"更新事项": 1}
    rev = MatterListRevision.objects.get(agency=org.market)
    assert rev.number == 1 and rev.file_digest and rev.counts == {"更新事项": 1}
    assert list(matter.bases.values_list("article", flat=True)) == [
        "第八十四条",
        "第一百二十二条第一款",
    ]


@pytest.mark.django_db
def test_matter_import_adds_updates_and_deactivates(org, matter):
    services.save_matter(
        org.market, code="OLD1", name="旧事项", kind="inspection", field="市场监管", actor=ACTOR
    )
    rows = _rows(importers.matter_list_xlsx(org.market))
    col = {h: i for i, h in enumerate(rows[0])}
    rows = [r for r in rows if r[col["事项编码"]] != "OLD1"]
    new = [None] * len(rows[0])
    new[col["事项编码"]], new[col["事项名称"]], new[col["事项类型"]] = (
        "SJ100",
        "食品经营许可",
        "行政许可",
    )
    new[col["执法领域"]], new[col["法律文件"]], new[col["条款"]] = (
        "市场监管",
        "中华人民共和国食品安全法",
        "第三十五条第一款",
    )
    new[col["条文内容"]], new[col["依据施行日期"]] = (
        "国家对食品生产经营实行许可制度。",
        "2021-04-29",
    )
    result = importers.import_matter_list(
        org.market, _bytes([*rows, new]), effective_from=D(2025, 1, 1), actor=org.reviewer
    )
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == {"更新事项": 1, "新增事项": 1, "停用事项": 1}
    assert not Matter.objects.get(code="OLD1").active
    assert Matter.objects.get(code="SJ100").bases.get().effective_from == D(2021, 4, 29)


@pytest.mark.django_db
def test_one_bad_row_imports_nothing_and_names_the_row(org, matter):
    rows = _rows(importers.matter_list_xlsx(org.market))
    col = {h: i for i, h in enumerate(rows[0])}
    rows[1][col["事项名称"]] = "改过的名称"
    rows[2][col["事项名称"]] = "改过的名称"
    bad = list(rows[2])
    bad[col["事项编码"]], bad[col["事项类型"]], bad[col["依据施行日期"]] = (
        "SJ200",
        "行政罚款",
        "2021年13月1日",
    )
    result = importers.import_matter_list(
        org.market, _bytes([*rows, bad]), effective_from=D(2025, 1, 1), actor=org.reviewer
    )
    assert not result.ok
    assert {(e.row, e.column) for e in result.errors} == {(4, "事项类型"), (4, "依据施行日期")}
    assert "整个文件未导入" in result.summary()
    matter.refresh_from_db()
    assert matter.name != "改过的名称" and not Matter.objects.filter(code="SJ200").exists()
    assert not MatterListRevision.objects.exists()


@pytest.mark.django_db
def test_benchmark_and_list_round_trips(org, matter, benchmark, lists):
    data = importers.benchmarks_xlsx(org.market)
    assert len(_rows(data)) == 5  # header + four tiers
    result = importers.import_benchmarks(org.market, data, actor=org.reviewer)
    assert result.ok and result.created == {"已有版本": 1}
    assert BenchmarkVersion.objects.count() == 1 and benchmark.tiers.count() == 4
    lists_data = importers.lenient_lists_xlsx(org.market)
    result = importers.import_lenient_lists(org.market, lists_data, actor=org.reviewer)
    assert result.ok and result.created == {"已有清单版本": 1}
    assert LenientList.objects.get().items.count() == 2


@pytest.mark.django_db
def test_changing_a_published_benchmark_by_file_is_refused_by_row(org, matter, benchmark):
    rows = _rows(importers.benchmarks_xlsx(org.market))
    col = {h: i for i, h in enumerate(rows[0])}
    lenient_row = next(i for i, r in enumerate(rows) if r[col["裁量阶次"]] == "从轻")
    rows[lenient_row][col["罚款上限（元）"]] = 60000
    result = importers.import_benchmarks(org.market, _bytes(rows), actor=org.reviewer)
    assert not result.ok and result.errors[0].row == 2  # the version's first row
    assert "不能修改" in result.errors[0].message and "整个文件未导入" in result.errors[0].message
    assert benchmark.tiers.get(tier="lenient").max_amount == Decimal(65000)


@pytest.mark.django_db
def test_new_benchmark_version_from_file_with_unknown_matter(org, matter):
    rows = [list(importers.BENCHMARKS.headers)]
    col = {h: i for i, h in enumerate(rows[0])}

    def row(code, tier, lo, hi):
        r = [None] * len(col)
        r[col["事项编码"]], r[col["版本"]], r[col["施行日期"]] = code, "2025版", "2025-01-01"
        r[col["裁量阶次"]], r[col["罚款下限（元）"]], r[col["罚款上限（元）"]] = tier, lo, hi
        r[col["情形代码"]] = "first_violation、local" if tier == "从轻" else None
        r[col["情形说明"]] = "初次违法；本地情形" if tier == "从轻" else None
        return r

    ok = [*rows, row("SJ001", "从轻", 50000, 65000), row("SJ001", "一般", 65000, 85000)]
    result = importers.import_benchmarks(org.market, _bytes(ok), actor=org.reviewer)
    assert result.ok and result.created == {"新增版本": 1}
    bad = [*rows, row("SJ001", "从重", 85000, 100000), row("NOPE", "一般", 1, 2)]
    result = importers.import_benchmarks(org.market, _bytes(bad), actor=org.reviewer)
    assert [(e.row, e.column) for e in result.errors] == [(3, "事项编码")]


@pytest.mark.django_db
def test_pre_enforcement_publicity_goes_through_the_door(org, matter):
    from fazhi.core.accounts.models import StaffMember

    services.save_subject(
        org.market, remedies="六十日内申请行政复议", procedure="立案—调查—决定", actor=ACTOR
    )
    for n, name in enumerate(("张三", "李四"), start=1):
        staff = StaffMember.objects.create(
            agency=org.market, name=name, id_number=factories.id_number()
        )
        officer_services.record_exam(  # 发证 requires the passed qualification exam
            staff,
            kind="qualification",
            name="",
            date=D(2021, 12, 1),
            score=80,
            passed=True,
            actor=ACTOR,
        )
        officer_services.issue_certificate(
            staff,
            number=f"330000{n}",
            fields=["市场监管"],
            issued_on=D(2022, 1, 1),
            expires_on=D(2030, 1, 1),
            actor=ACTOR,
        )
    item = services.publish_pre_enforcement(org.market, actor=org.reviewer, on=D(2025, 3, 1))
    assert item.kind == PublishedItem.Kind.PRE_ENFORCEMENT and item.rule_id == ""
    assert "张三" in item.body and "3300001" in item.body and "李四" in item.body
    assert "第一百二十二条第一款" in item.body and "六十日内申请行政复议" in item.body
    assert "第三十九条" in item.body
    assert item.fields["持证执法人员数"] == 2 and item.fields["执法事项数"] == 1


@pytest.mark.django_db
def test_publicity_requires_the_subject_record(org, matter):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="执法主体信息"):
        services.publish_pre_enforcement(org.market, actor=ACTOR)
    assert not PublishedItem.objects.exists()


@pytest.mark.django_db
def test_publishing_a_benchmark_version(org, matter):
    version = services.save_benchmark_version(
        matter,
        label="2025版",
        effective_from=D(2025, 1, 1),
        tiers=[
            {
                "tier": "ordinary",
                "circumstances": [],
                "min_amount": Decimal(50000),
                "max_amount": Decimal(100000),
            }
        ],
        actor=ACTOR,
    )
    services.publish_benchmark_version(
        version, on=D(2024, 12, 20), document_number="示市监〔2024〕9号", actor=org.reviewer
    )
    version.refresh_from_db()
    assert version.published and version.published_on == D(2024, 12, 20)
    item = PublishedItem.objects.get()
    assert "裁量基准" in item.title and "第三十四条" in item.body


@pytest.mark.django_db
def test_matter_indicators(org, matter, benchmark):
    services.save_matter(
        org.market, code="SJ300", name="食品经营许可", kind="licence", field="市场监管", actor=ACTOR
    )
    services.save_matter(
        org.market,
        code="SJ301",
        name="无基准的处罚",
        kind="penalty",
        field="市场监管",
        fine_max=Decimal(1000),
        actor=ACTOR,
    )
    period = Period.year(2024)
    ids = [org.market.pk]
    with time_machine.travel(D(2025, 1, 10), tick=False):
        total = registry.compute("matters.matter_count", ids, period)
        penalties = registry.compute("matters.matter_count.penalty", ids, period)
        published = registry.compute("matters.benchmarks_published", ids, period)
        coverage = registry.compute("matters.benchmark_coverage", ids, period)
    assert total.value == 3 and "行政处罚2项" in total.note and "行政许可1项" in total.note
    assert penalties.value == 2
    assert published.value == 1
    assert (coverage.numerator, coverage.denominator, coverage.value) == (1, 2, Decimal("50.0"))


@pytest.mark.django_db
def test_pages(client, org, matter, benchmark, lists):
    client.force_login(org.officer)
    for name in ("matters:matter_list", "matters:benchmark_list", "matters:lenient_list"):
        assert client.get(reverse(name)).status_code == 200, name
    page = client.get(
        reverse("matters:matter_detail", args=[matter.pk]),
        {
            "on": "2024-06-01",
            "violation_date": "2024-05-01",
            "circumstances": ["coerced", "repeat"],
            "amount": "90000",
        },
    ).content.decode()
    assert "应当从轻或者减轻" in page and "书面说明理由" in page and "第一百二十二条第一款" in page
    assert client.get(reverse("matters:import", args=["matters"])).status_code == 403
    client.force_login(org.outsider)
    assert client.get(reverse("matters:matter_detail", args=[matter.pk])).status_code == 404
    client.force_login(org.reviewer)
    assert client.get(reverse("matters:import", args=["benchmarks"])).status_code == 200
    export = client.get(reverse("matters:export", args=["matters"]), {"agency": org.market.pk})
    assert export.status_code == 200 and export.content[:2] == b"PK"
    assert client.get(reverse("matters:publicity")).status_code == 200


@pytest.mark.django_db
def test_api_trial(client, org, matter, benchmark):
    client.force_login(org.officer)
    response = client.post(
        f"/api/matters/matters/{matter.pk}/trial/",
        {"on": "2024-06-01", "circumstances": ["first_violation"], "amount": "70000"},
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 200
    assert body["recommendation"]["tier"] == "lenient" and body["amount_check"]["inside"] is False
    assert body["basis"]["article"] == "第一百二十二条第一款"
    assert LegalBasis.objects.count() == 2
