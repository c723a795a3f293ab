"""Import of an existing register: the same rules as the pages, errors row by row, all or nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from fazhi.core.importing.run import import_file
from fazhi.systems.disclosure import importing
from fazhi.systems.disclosure.models import DisclosureRequest

pytestmark = pytest.mark.django_db


def workbook(*rows: list) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(importing.IMPORTER.headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(agency: str, **values) -> list:
    base = dict(
        zip(
            [c.key for c in importing.IMPORTER.columns],
            [""] * len(importing.IMPORTER.columns),
            strict=True,
        )
    )
    base.update(
        agency=agency,
        applicant_name="王某",
        content="某文件",
        channel="当面提交",
        submitted_on="2025-09-25",
    )
    base.update(values)
    return [base[k] for k in (c.key for c in importing.IMPORTER.columns)]


def test_good_rows_are_registered_and_answered(staff, department):
    data = workbook(
        row(
            department.name,
            answer_type="已主动公开",
            answered_on="2025-10-10",
            access_way="县政府网站",
        ),
        row(
            department.name,
            channel="邮寄（需签收）",
            submitted_on="2025-09-22",
            signed_on="2025-09-25",
        ),
    )
    result = import_file(importing.IMPORTER, data, actor=staff)
    assert result.ok and result.created == 2
    answered, waiting = DisclosureRequest.objects.order_by("pk")
    assert answered.state == "answered" and answered.letter is not None
    assert waiting.received_on == date(2025, 9, 25) and waiting.answer_due == date(2025, 10, 29)


def test_errors_are_reported_by_row_and_nothing_is_kept_article_31_36(staff, department):
    data = workbook(
        row(department.name),
        row(department.name, channel="邮寄（需签收）"),  # no 签收日: 第三十一条
        row(
            department.name,
            answer_type="不予公开",
            refusal_ground="属于三类内部事务信息",
            answered_on="2025-10-10",
        ),
        row("不存在的机关"),
        row(department.name, submitted_on="2025/13/40"),
    )
    result = import_file(importing.IMPORTER, data, actor=staff)
    assert not result.ok and result.created == 0
    messages = [str(e) for e in result.errors]
    assert any(m.startswith("第 3 行") and "签收日" in m and "第三十一条" in m for m in messages)
    assert any(m.startswith("第 4 行") and "第三十六条第（三）项" in m for m in messages)
    assert any(m.startswith("第 5 行") and "受理机关" in m for m in messages)
    assert any(m.startswith("第 6 行") and "提交（到达）日" in m for m in messages)
    assert not DisclosureRequest.objects.exists()


def test_unknown_columns_refuse_the_file(staff):
    wb = Workbook()
    wb.active.append(["申请人", "随便一列"])
    buf = io.BytesIO()
    wb.save(buf)
    result = import_file(importing.IMPORTER, buf.getvalue(), actor=staff)
    assert not result.ok and any("随便一列" in str(e) for e in result.errors)
