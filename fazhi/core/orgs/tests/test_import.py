"""Excel import: every row checked, all or nothing, each error named by row and
column; templates round-trip through the importer."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.accounts.models import RoleAssignment, SecurityEvent, StaffMember, User
from fazhi.core.ledger.selectors import sealed
from fazhi.core.orgs.codes import make_id_number, make_uscc
from fazhi.core.orgs.importing import import_workbook, template_bytes
from fazhi.core.orgs.importing.spec import SHEETS
from fazhi.core.orgs.models import Agency, Division, Unit
from fazhi.kernel.ids import uscc_check_character

pytestmark = pytest.mark.django_db


def fill(kind: str, rows: list[dict[str, str]], *, keep_example: bool = False) -> bytes:
    """The downloaded template with ``rows`` (keyed by column key) written under the header."""
    wb = load_workbook(io.BytesIO(template_bytes(kind)))
    ws = wb[SHEETS[kind].title]
    keys = [c.key for c in SHEETS[kind].columns]
    start = 3 if keep_example else 2
    if not keep_example:
        for cell in ws[2]:
            cell.value = None
    for offset, row in enumerate(rows):
        for col, key in enumerate(keys, start=1):
            ws.cell(row=start + offset, column=col, value=row.get(key))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def department(name: str, body: str, **extra: str) -> dict[str, str]:
    return {
        "name": name,
        "uscc": make_uscc("331225", body),
        "kind": "政府工作部门",
        "division_code": "331225",
        "government": "甲县人民政府",
        **extra,
    }


def bad_check_character(uscc: str) -> str:
    wrong = "0" if uscc[-1] != "0" else "1"
    return uscc[:-1] + wrong


# --- the Must-show ------------------------------------------------------------------------


def test_one_bad_uscc_imports_nothing_and_names_the_row_and_column(world):
    good = department("甲县交通运输局", "00300001")
    bad = department("甲县水利局", "00300002")
    bad["uscc"] = bad_check_character(bad["uscc"])
    third = department("甲县林业局", "00300003")
    before = Agency.objects.count()
    result = import_workbook("agencies", fill("agencies", [good, bad, third]), actor=world.sysadmin)
    assert not result.ok
    assert Agency.objects.count() == before
    assert not Agency.objects.filter(name="甲县交通运输局").exists()
    assert len(result.errors) == 1
    message = str(result.errors[0])
    # the bad agency is on spreadsheet row 3 (row 1 is the header)
    assert message.startswith("第 3 行，“统一社会信用代码”列：")
    assert uscc_check_character(bad["uscc"][:17]) in message
    assert "32100" in message


def test_a_good_file_imports_every_row_in_one_transaction_and_ledgers_it(world):
    rows = [
        {
            "name": "丙县人民政府",
            "uscc": make_uscc("331227", "00400001"),
            "kind": "人民政府",
            "division_code": "331227",
            "division_name": "丙县",
        },
        {
            "name": "丙县司法局",
            "uscc": make_uscc("331227", "00400002"),
            "kind": "司法行政机关",
            "division_code": "331227",
            "government": "丙县人民政府",
            "is_supervisor": "是",
        },
        {
            "name": "丙县城关镇人民政府",
            "uscc": make_uscc("331227", "00400003"),
            "kind": "乡镇人民政府/街道办事处",
            "division_code": "331227100",
            "division_name": "城关镇",
            "government": "丙县人民政府",
            "enforcement_subject": "是",
        },
    ]
    ledger_before = sealed().count()
    result = import_workbook("agencies", fill("agencies", rows), actor=world.sysadmin)
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == {"区划": 2, "机关": 3}
    justice = Agency.objects.get(name="丙县司法局")
    assert justice.government is not None and justice.government.name == "丙县人民政府"
    assert justice.is_supervisor
    town = Division.objects.get(code="331227100")
    assert town.parent is not None and town.parent.code == "331227"
    assert town.level == "township"
    assert result.ledger_leaf is not None
    entry = sealed().get(leaf=result.ledger_leaf)
    assert sealed().count() == ledger_before + 1
    assert entry.action == "orgs.import.agencies" and entry.actor == "sysadmin"
    assert entry.payload["created"] == {"区划": 2, "机关": 3}


def test_every_bad_row_and_column_is_reported(world):
    rows = [
        department("甲县市场监督管理局", "00300001"),  # exists in the database
        department("甲县交通运输局", "00300002", division_code="33122"),
        department("甲县交通运输局", "00300003", government=""),  # duplicate name, no government
        department("甲县水利局", "00300004", government="甲县生态环境局", is_supervisor="也许"),
    ]
    rows[3]["uscc"] = rows[1]["uscc"]
    result = import_workbook("agencies", fill("agencies", rows), actor=world.sysadmin)
    found = {(e.row, e.column) for e in result.errors}
    assert (2, "机关名称") in found
    assert (3, "区划代码") in found
    assert (4, "机关名称") in found and (4, "所属人民政府") in found
    assert (5, "统一社会信用代码") in found  # same code as row 3
    assert (5, "所属人民政府") in found  # a department is not a government
    assert (5, "法治监督机构") in found
    assert Agency.objects.count() == 6


def test_a_government_must_come_before_the_rows_that_name_it(world):
    rows = [
        department("丁县财政局", "00500002", government="丁县人民政府"),
        {
            "name": "丁县人民政府",
            "uscc": make_uscc("331225", "00500001"),
            "kind": "人民政府",
            "division_code": "331225",
        },
    ]
    result = import_workbook("agencies", fill("agencies", rows), actor=world.sysadmin)
    assert [str(e) for e in result.errors] == [
        "第 2 行，“所属人民政府”列：“丁县人民政府”在本文件第 3 行，须排在引用它的行之前。"
    ]


def test_unknown_columns_refuse_the_file(world):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["机关名称", "统一社会信用码"])
    buf = io.BytesIO()
    wb.save(buf)
    result = import_workbook("agencies", buf.getvalue(), actor=world.sysadmin)
    messages = [str(e) for e in result.errors]
    assert "第 1 行，“统一社会信用码”列：无法识别的列，请使用平台提供的导入模板。" in messages
    assert "第 1 行，“类别”列：缺少必填列。" in messages


def test_a_file_that_is_not_xlsx_is_refused(world):
    result = import_workbook("agencies", b"name,uscc\n", actor=world.sysadmin)
    assert not result.ok and "xlsx" in str(result.errors[0])


# --- units and staff ----------------------------------------------------------------------


def test_units_reference_an_existing_agency_and_earlier_parent(world):
    rows = [
        {"agency": "甲县生态环境局", "name": "执法大队", "kind": "执法中队"},
        {"agency": world.eco.uscc, "name": "第一中队", "kind": "执法中队", "parent": "执法大队"},
        {"agency": "甲县市场监督管理局", "name": "政策法规科"},  # exists
        {"agency": "甲县不存在局", "name": "办公室"},
    ]
    result = import_workbook("units", fill("units", rows), actor=world.sysadmin)
    assert [str(e) for e in result.errors] == [
        "第 4 行，“机构名称”列：“甲县市场监督管理局”已有内设机构“政策法规科”，不能重复导入。",
        "第 5 行，“所属机关”列：平台中没有机关“甲县不存在局”，请先导入机关或核对名称。",
    ]
    result = import_workbook("units", fill("units", rows[:2]), actor=world.sysadmin)
    assert result.ok
    squad = Unit.objects.get(agency=world.eco, name="第一中队")
    assert squad.parent is not None and squad.parent.name == "执法大队"


def person(name: str, seq: int, **extra: str) -> dict[str, str]:
    return {
        "name": name,
        "id_number": make_id_number("331225", date(1990, 1, 2), seq),
        "agency": "甲县市场监督管理局",
        **extra,
    }


def test_staff_import_checks_id_numbers_and_creates_people_and_accounts(world):
    bad = person("张三", 101)
    bad["id_number"] = bad["id_number"][:-1] + ("0" if bad["id_number"][-1] != "0" else "1")
    rows = [person("李四", 103, username="lisi", unit="政策法规科", position="科员"), bad]
    result = import_workbook("staff", fill("staff", rows), actor=world.sysadmin)
    assert [e.column for e in result.errors] == ["公民身份号码"]
    assert str(result.errors[0]).startswith("第 3 行，“公民身份号码”列：")
    assert not User.objects.filter(username="lisi").exists()

    result = import_workbook("staff", fill("staff", rows[:1]), actor=world.sysadmin)
    assert result.ok and result.created == {"人员": 1, "登录账号": 1, "角色": 0}
    lisi = StaffMember.objects.get(name="李四")
    assert lisi.unit is not None and lisi.unit.name == "政策法规科"
    assert lisi.user is not None and lisi.user.username == "lisi"
    assert not lisi.user.has_usable_password()
    assert SecurityEvent.objects.filter(kind="account", username="lisi").exists()


def test_staff_duplicates_within_the_file_and_against_the_database(world):
    existing = world.officer.staff.id_number
    rows = [
        person("甲", 105, username="dup"),
        person("乙", 105, username="dup"),
        {**person("丙", 107), "id_number": existing},
        person("丁", 109, username="officer"),
    ]
    result = import_workbook("staff", fill("staff", rows), actor=world.sysadmin)
    found = [(e.row, e.column) for e in result.errors]
    assert found == [(3, "公民身份号码"), (3, "登录账号"), (4, "公民身份号码"), (5, "登录账号")]
    assert "与第 2 行重复" in str(result.errors[0])


def test_system_admin_may_not_fill_the_role_column(world):
    """三员分立: roles are granted by the security administrator only (GB/T 22239-2019 8.1.4.2)."""
    rows = [person("周五", 111, username="zhouwu", roles="行政执法人员")]
    result = import_workbook("staff", fill("staff", rows), actor=world.sysadmin)
    assert len(result.errors) == 1
    assert "第 2 行，“角色”列：三员分立" in str(result.errors[0])
    assert not StaffMember.objects.filter(name="周五").exists()


def test_security_admin_imports_staff_with_roles_through_the_audited_path(world):
    rows = [
        person("周五", 111, username="zhouwu", roles="行政执法人员、法制审核人员"),
        person("吴六", 113, username="wuliu", roles="系统管理员、行政执法人员"),
    ]
    result = import_workbook("staff", fill("staff", rows), actor=world.secadmin)
    assert [str(e) for e in result.errors] == [
        "第 3 行，“角色”列：三员分立：管理员不得兼任业务角色。"
    ]
    result = import_workbook("staff", fill("staff", rows[:1]), actor=world.secadmin)
    assert result.ok
    zhouwu = User.objects.get(username="zhouwu")
    assert set(zhouwu.role_assignments.values_list("role", "agency_id")) == {
        ("officer", world.market.pk),
        ("legal_reviewer", world.market.pk),
    }
    events = SecurityEvent.objects.filter(kind="role_granted", username="zhouwu")
    assert events.count() == 2 and all(e.ledger_leaf for e in events)
    assert {e.actor for e in events} == {"secadmin"}


def test_supervisor_role_only_in_a_supervising_agency(world):
    rows = [person("郑七", 115, username="zhengqi", roles="法治监督人员")]
    result = import_workbook("staff", fill("staff", rows), actor=world.secadmin)
    assert "不是法治监督机构" in str(result.errors[0])


# --- templates round-trip -----------------------------------------------------------------


def test_template_download_has_headers_example_help_and_dropdowns(client, world):
    client.force_login(world.sysadmin)
    response = client.get(reverse("orgs:import_template", args=["agencies"]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["机关", "说明"]
    ws = wb["机关"]
    assert [c.value for c in ws[1]][:4] == ["机关名称*", "简称", "统一社会信用代码*", "类别*"]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert any("政府工作部门" in f for f in lists)
    help_text = " ".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    assert "GB 32100-2015" in help_text


@pytest.mark.parametrize("kind", ["agencies", "units", "staff"])
def test_an_unchanged_template_imports_nothing_and_reports_no_error(world, kind):
    result = import_workbook(kind, template_bytes(kind), actor=world.sysadmin)
    assert result.ok and result.rows == 0 and result.skipped_example


def test_templates_round_trip_through_the_upload_page(client, world):
    """Download each template, fill it, upload it: agencies, then units, then staff."""
    client.force_login(world.sysadmin)

    def upload(kind: str, rows: list[dict[str, str]]):
        template = client.get(reverse("orgs:import_template", args=[kind])).content
        wb = load_workbook(io.BytesIO(template))
        ws = wb.worksheets[0]
        for offset, row in enumerate(rows):
            for col, column in enumerate(SHEETS[kind].columns, start=1):
                ws.cell(row=3 + offset, column=col, value=row.get(column.key))
        buf = io.BytesIO()
        wb.save(buf)
        upload = SimpleUploadedFile(f"{kind}.xlsx", buf.getvalue())
        return client.post(reverse("orgs:import"), {"kind": kind, "file": upload})

    response = upload("agencies", [department("甲县应急管理局", "00600001", short_name="县应急局")])
    assert response.status_code == 200, response.content.decode()
    assert "已导入 1 行" in response.content.decode()
    response = upload("units", [{"agency": "甲县应急管理局", "name": "法规科"}])
    assert "已导入 1 行" in response.content.decode()
    response = upload(
        "staff",
        [
            {
                "name": "孙八",
                "id_number": make_id_number("331225", date(1979, 9, 9), 117),
                "agency": "甲县应急管理局",
                "unit": "法规科",
                "position": "科长",
            }
        ],
    )
    assert "已导入 1 行" in response.content.decode()
    unit = StaffMember.objects.get(name="孙八").unit
    assert unit is not None and unit.agency.short_name == "县应急局"


def test_upload_page_shows_each_error_and_is_closed_to_business_users(client, world):
    bad = department("甲县水利局", "00300002")
    bad["uscc"] = bad_check_character(bad["uscc"])
    client.force_login(world.officer)
    assert client.get(reverse("orgs:import")).status_code == 403
    client.force_login(world.sysadmin)
    upload = SimpleUploadedFile("a.xlsx", fill("agencies", [bad]))
    response = client.post(reverse("orgs:import"), {"kind": "agencies", "file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "整个文件未导入任何数据" in page and "第 2 行" in page and "统一社会信用代码" in page


def test_command_line_import_uses_the_same_importer(tmp_path, world):
    path = tmp_path / "agencies.xlsx"
    bad = department("甲县水利局", "00300002")
    bad["uscc"] = bad_check_character(bad["uscc"])
    path.write_bytes(fill("agencies", [bad]))
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import", "agencies", str(path))
    path.write_bytes(fill("agencies", [department("甲县水利局", "00300002")]))
    call_command("import", "agencies", str(path))
    assert Agency.objects.filter(name="甲县水利局").exists()
    staff = tmp_path / "staff.xlsx"
    staff.write_bytes(
        fill("staff", [person("钱九", 119, username="qianjiu", roles="行政执法人员")])
    )
    with pytest.raises(CommandError):
        call_command("import", "staff", str(staff))  # roles need --actor of a security admin
    call_command("import", "staff", str(staff), "--actor", "secadmin")
    assert RoleAssignment.objects.filter(user__username="qianjiu", role="officer").exists()
    staff.write_bytes(fill("staff", [person("冯十", 121, username="fengshi")]))
    call_command("import", "staff", str(staff))  # the operator creates accounts as "cli"
    assert SecurityEvent.objects.get(kind="account", username="fengshi").actor == "cli"


def test_security_admin_imports_staff_only(client, world):
    """三员分立: agencies and units are the system administrator's to import."""
    with pytest.raises(PermissionDenied):
        import_workbook("agencies", template_bytes("agencies"), actor=world.secadmin)
    client.force_login(world.secadmin)
    assert client.get(reverse("orgs:import_template", args=["units"])).status_code == 403
    page = client.get(reverse("orgs:import")).content.decode()
    assert "人员导入模板" in page and "机关导入模板" not in page
