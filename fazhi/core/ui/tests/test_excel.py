"""The .xlsx export a user opens in Excel: numbers sum, dates are dates, the header is frozen and
filterable, columns are wide enough, and a list exports exactly the rows its filters show."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse

from fazhi.core.accounts.roles import Role
from fazhi.core.ui.excel import (
    AMOUNT_FORMAT,
    DATE_FORMAT,
    DATETIME_FORMAT,
    MAX_WIDTH,
    SAMPLE_ROWS,
    display_width,
    workbook_bytes,
)
from tests import factories as f


def _sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_cells_keep_their_types_and_formats():
    utc = datetime(2025, 3, 4, 23, 30, tzinfo=ZoneInfo("UTC"))
    data = workbook_bytes(
        "案件",
        ["案号", "罚没款（元）", "件数", "决定日", "登记时间", "按期", "备注"],
        [["海市监罚〔2025〕1号", Decimal("12345.5"), 3, date(2025, 3, 4), utc, True, "=1+1"]],
    )
    ws = _sheet(data)
    amount, count, day, when, yes, note = (ws.cell(2, c) for c in range(2, 8))
    assert amount.value == 12345.5 and amount.data_type == "n"
    assert amount.number_format == AMOUNT_FORMAT
    assert count.value == 3 and isinstance(count.value, int)
    assert isinstance(day.value, datetime) and day.value.date() == date(2025, 3, 4)
    assert day.number_format == DATE_FORMAT
    # An aware time is written in local time (Asia/Shanghai): 23:30 UTC is 07:30 the next day.
    assert when.value == datetime(2025, 3, 5, 7, 30) and when.number_format == DATETIME_FORMAT
    assert yes.value == "是"
    # Text that looks like a formula stays text (no formula injection).
    assert note.value == "=1+1" and note.data_type == "s"


def test_header_is_frozen_filterable_and_columns_are_sized():
    rows = [["市场监督管理局行政执法科", Decimal("1.00"), date(2025, 1, 1)] for _ in range(3)]
    ws = _sheet(workbook_bytes("t", ["名称", "金额", "日期"], rows))
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C4"
    assert ws.cell(1, 1).font.bold
    widths = [ws.column_dimensions[c].width for c in "ABC"]
    # A Chinese character counts two: 12 characters need 24 columns, plus a margin.
    assert display_width("市场监督管理局行政执法科") == 24 and widths[0] >= 24
    assert widths[2] >= len("2025-01-01")
    assert all(w <= MAX_WIDTH for w in widths)
    long = _sheet(workbook_bytes("t", ["x"], [["甲" * 500]]))
    assert long.column_dimensions["A"].width == MAX_WIDTH


def test_a_long_list_streams_past_the_sample_and_the_filter_covers_every_row():
    n = SAMPLE_ROWS + 50
    ws = _sheet(workbook_bytes("t", ["序号"], ([i] for i in range(n))))
    assert ws.max_row == n + 1 and ws.cell(n + 1, 1).value == n - 1
    assert ws.auto_filter.ref == f"A1:A{n + 1}"


def test_an_invalid_sheet_title_is_cleaned():
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes("2025/01: 案件[汇总]", ["a"], [])))
    assert wb.sheetnames == ["2025_01_ 案件_汇总_"]


@pytest.mark.django_db
def test_a_filtered_list_exports_only_its_rows_and_the_link_follows_the_filters(client):
    _, gov = f.county()
    f.agency("示范县市场监督管理局", government=gov)
    f.agency("示范县司法局", government=gov)
    client.force_login(f.user("sysadmin", (Role.SYSTEM_ADMIN, gov)))
    url = reverse("orgs:agency_list")
    # HTMX refreshes only the table when a filter changes; the export link comes with it.
    partial = client.get(url, {"q": "司法"}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="export-xlsx"' in partial and 'hx-swap-oob="true"' in partial
    assert "?q=%E5%8F%B8%E6%B3%95&amp;export=xlsx" in partial
    page = client.get(url, {"q": "司法"}).content.decode()
    assert "?q=%E5%8F%B8%E6%B3%95&amp;export=xlsx" in page and "hx-swap-oob" not in page
    ws = _sheet(client.get(url, {"q": "司法", "export": "xlsx"}).content)
    names = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert names == ["示范县司法局"]
    assert ws.auto_filter.ref == "A1:I2" and ws.freeze_panes == "A2"
    everything = _sheet(client.get(url, {"export": "xlsx"}).content)
    assert everything.max_row > 2
