"""An importer declared here, in the test suite, gets its template, its import page, per-row
errors in Chinese and the all-or-nothing run from core, with no change to core."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.core import importing
from fazhi.core.importing.reader import FileRefused, Limits, read_rows
from fazhi.core.importing.run import import_file
from fazhi.core.orgs.models import Unit
from tests import factories

pytestmark = pytest.mark.django_db


def add_unit(actor, *, agency, name, kind="section", opened_on=None, staff=None, **_):
    """The test's "service": one unit per row; a rule across two cells raises per column."""
    if staff is not None and staff > 50:
        raise ValidationError({"staff": "编制超过 50 人的，须由编制部门登记。"})
    return Unit.objects.create(agency=agency, name=name, kind=kind)


UNITS = importing.Importer(
    name="tests.units",
    label="科室",
    columns=(
        importing.Column("agency", "所属机关", True, example="示范县人民政府", type="agency"),
        importing.Column("name", "科室名称", True, example="法制科", max_length=20),
        importing.Column(
            "kind", "类别", False, codes={"内设机构": "section", "执法队": "squad"}, type="choice"
        ),
        importing.Column("opened_on", "设立日期", False, example="2025-01-02", type="date"),
        importing.Column("staff", "编制人数", False, example="5", type="int"),
    ),
    row_service=add_unit,
    allowed=lambda user: user.username == "clerk",
    refused="只有办事员可以导入科室。",
    unit="个科室",
)


@pytest.fixture
def registered():
    importing.register(UNITS)
    yield UNITS
    importing.unregister(UNITS.name)


@pytest.fixture
def clerk(client):
    factories.county()
    user = factories.user("clerk")
    client.force_login(user)
    return user


def workbook(*rows: list, headers: list[str] | None = None) -> bytes:
    wb = Workbook()
    wb.active.append(headers or UNITS.headers)
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("科室.xlsx", data)


def test_template_has_the_header_an_example_and_a_frozen_first_row(client, clerk, registered):
    response = client.get(reverse("importing:import", args=["tests.units"]) + "?template=1")
    assert response.status_code == 200
    assert "%E7%A7%91%E5%AE%A4" in response["Content-Disposition"]  # 科室导入模板.xlsx
    ws = load_workbook(io.BytesIO(response.content))["科室"]
    assert [c.value for c in ws[1]] == ["所属机关*", "科室名称*", "类别", "设立日期", "编制人数"]
    assert ws["A2"].value == "示范县人民政府" and ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width >= 18


def test_page_imports_every_row_through_the_service(client, clerk, registered):
    page = client.get(reverse("importing:import", args=["tests.units"]))
    assert page.status_code == 200 and "导入科室" in page.content.decode()
    data = workbook(
        ["示范县人民政府", "审批科", "", "2025-01-02", "5"],
        ["示范县人民政府", "一中队", "执法队", "", ""],
    )
    response = client.post(
        reverse("importing:import", args=["tests.units"]), {"file": upload(data)}, follow=True
    )
    assert response.status_code == 200
    assert "已导入 2 个科室。" in response.content.decode()
    assert set(Unit.objects.values_list("name", "kind")) == {
        ("审批科", "section"),
        ("一中队", "squad"),
    }


def test_every_bad_row_is_listed_by_column_and_nothing_is_kept(client, clerk, registered):
    data = workbook(
        ["示范县人民政府", "法制科", "", "", ""],
        ["不存在的局", "二科", "科室", "2025-02-30", "五"],
        ["示范县人民政府", "三科", "", "", "80"],
        ["", "", "", "2025-01-01", ""],
    )
    response = client.post(
        reverse("importing:import", args=["tests.units"]), {"file": upload(data)}
    )
    assert response.status_code == 400
    errors = [str(e) for e in response.context["result"].errors]
    assert errors == [
        "第 3 行，“所属机关”列：找不到机关“不存在的局”。",
        "第 3 行，“类别”列：“科室”不是可选值，应为：内设机构、执法队。",
        "第 3 行，“设立日期”列：“2025-02-30”不是日期，请按 2025-03-01 的格式填写。",
        "第 3 行，“编制人数”列：应为非负整数，不能是“五”。",
        "第 4 行，“编制人数”列：编制超过 50 人的，须由编制部门登记。",
        "第 5 行，“所属机关”列：必填，不能为空。",
        "第 5 行，“科室名称”列：必填，不能为空。",
    ]
    assert "第 4 行" in response.content.decode()
    assert not Unit.objects.exists()  # row 2 was good, but nothing is kept


def test_dry_run_checks_through_the_service_and_keeps_nothing(clerk, registered):
    data = workbook(["示范县人民政府", "法制科", "", "", ""])
    result = import_file(UNITS, data, actor=clerk, dry_run=True)
    assert result.ok and result.created == 0 and result.rows == 1
    assert not Unit.objects.exists()


def test_unchanged_example_row_is_skipped(clerk, registered):
    result = import_file(UNITS, workbook(UNITS.example), actor=clerk)
    assert result.ok and result.skipped_example and result.rows == 0


def test_only_the_allowed_may_open_the_page(client, registered):
    factories.county()
    client.force_login(factories.user("visitor"))
    response = client.get(reverse("importing:import", args=["tests.units"]))
    assert response.status_code == 403


def test_unknown_and_missing_columns_refuse_the_file(clerk, registered):
    result = import_file(UNITS, workbook(headers=["所属机关", "随便一列"]), actor=clerk)
    assert [str(e) for e in result.errors] == [
        "第 1 行，“随便一列”列：无法识别的列，请使用平台提供的导入模板。",
        "第 1 行，“科室名称”列：缺少必填列。",
    ]


def test_files_beyond_the_limits_are_refused_before_parsing(registered):
    rows = [["示范县人民政府", f"科{i}", "", "", ""] for i in range(30)]
    data = workbook(*rows)
    with pytest.raises(FileRefused) as refused:
        read_rows(data, UNITS, Limits(bytes=10**8, rows=20, cells=10**6))
    assert "数据行数超过 20 的上限" in str(refused.value)
    with pytest.raises(FileRefused) as refused:
        read_rows(data, UNITS, Limits(bytes=10**8, rows=100, cells=50))
    assert "单元格数超过 50 的上限" in str(refused.value)
    with pytest.raises(FileRefused) as refused:
        read_rows(data, UNITS, Limits(bytes=1000, rows=100, cells=10**6))
    assert "解压后" in str(refused.value)


def test_an_upload_beyond_the_limit_is_refused_unread(clerk, registered, settings):
    settings.FAZHI_IMPORT_MAX_BYTES = 1000
    result = import_file(UNITS, SimpleUploadedFile("大.xlsx", b"0" * 2000), actor=clerk)
    assert [str(e) for e in result.errors] == [
        "文件有 2 KB，超过 1 KB 的上限，请分成几个文件导入。"
    ]


def test_a_zip_bomb_is_refused_by_its_declared_size(registered):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    assert len(buf.getvalue()) < 50_000
    with pytest.raises(FileRefused) as refused:
        read_rows(buf.getvalue(), UNITS, Limits(bytes=1024 * 1024, rows=100, cells=1000))
    assert "文件解压后有 4.8 MB，超过 1.0 MB 的上限" in str(refused.value)
