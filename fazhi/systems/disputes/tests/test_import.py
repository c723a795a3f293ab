"""Import of an existing 行政应诉 register: the page's rules, errors by row, all or nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from fazhi.core.importing.run import import_file
from fazhi.systems.disputes import importing
from fazhi.systems.disputes.models import LitigationCase

pytestmark = pytest.mark.django_db


def workbook(*rows: list) -> bytes:
    wb = Workbook()
    wb.active.append(importing.IMPORTER.headers)
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_import_registers_suits_with_their_defence_clock_article_67(department, dept_staff):
    data = workbook(
        [
            department.name,
            "示范县人民法院",
            "（2025）浙1225行初1号",
            "张某",
            "2025-09-20",
            "行政处罚",
            "罚款决定",
            "否",
            "2025-10-09",
            "证据10份",
        ],
        [
            department.name,
            "示范县人民法院",
            "（2025）浙1225行初2号",
            "李某",
            "2025-09-25",
            "政府信息公开",
            "答复",
            "是",
            "",
            "",
        ],
    )
    result = import_file(importing.IMPORTER, data, actor=dept_staff)
    assert result.ok and result.created == 2
    first, second = LitigationCase.objects.order_by("number")
    assert (
        first.defence_due == date(2025, 10, 9)
        and first.on_time is True
        and first.state == "defended"
    )
    assert (
        second.category == "disclosure"
        and second.after_reconsideration
        and second.state == "defending"
    )


def test_errors_by_row_and_nothing_kept(department, dept_staff):
    data = workbook(
        [
            department.name,
            "示范县人民法院",
            "（2025）浙1225行初1号",
            "张某",
            "2025-09-20",
            "行政处罚",
            "罚款决定",
            "否",
            "",
            "",
        ],
        [
            department.name,
            "示范县人民法院",
            "（2025）浙1225行初2号",
            "李某",
            "2025-09-25",
            "",
            "答复",
            "",
            "2025-10-01",
            "",
        ],
        [
            "不存在的局",
            "示范县人民法院",
            "（2025）浙1225行初3号",
            "王某",
            "2025-09-25",
            "",
            "答复",
            "",
            "",
            "",
        ],
    )
    result = import_file(importing.IMPORTER, data, actor=dept_staff)
    assert not result.ok and result.created == 0
    messages = [str(e) for e in result.errors]
    assert any(
        m.startswith("第 3 行") and "第六十七条" in m for m in messages
    )  # a defence without evidence
    assert any(m.startswith("第 4 行") and "被告" in m for m in messages)
    assert not LitigationCase.objects.exists()
