"""Who sees which agencies and staff, on the pages, in the export and through the API."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs import policies

pytestmark = pytest.mark.django_db


def names(qs) -> set[str]:
    return set(qs.values_list("name", flat=True))


def test_supervisor_sees_every_agency_beneath_its_government_and_no_other(world):
    seen = names(policies.visible_agencies(world.supervisor))
    assert seen == {"甲县人民政府", "甲县司法局", "甲县市场监督管理局", "甲县生态环境局"}


def test_department_officer_sees_only_its_own_agency(world):
    assert names(policies.visible_agencies(world.officer)) == {"甲县市场监督管理局"}
    assert principal(world.officer).visible_agency_ids == {world.market.pk}


def test_system_admin_sees_all_and_audit_admin_sees_none(world):
    assert policies.visible_agencies(world.sysadmin).count() == 6
    assert policies.visible_staff(world.sysadmin).count() == 3
    assert not policies.visible_agencies(world.auditor).exists()
    assert not policies.visible_staff(world.auditor).exists()


def test_agency_list_page_shows_only_visible_agencies(client, world):
    client.force_login(world.officer)
    page = client.get(reverse("orgs:agency_list")).content.decode()
    assert "甲县市场监督管理局" in page
    assert "甲县生态环境局" not in page and "乙县" not in page


def test_agency_list_filters_by_kind_and_name(client, world):
    client.force_login(world.sysadmin)
    page = client.get(reverse("orgs:agency_list"), {"kind": "government"}).content.decode()
    assert "甲县人民政府" in page and "乙县人民政府" in page and "甲县司法局" not in page
    page = client.get(reverse("orgs:agency_list"), {"q": "乙县"}).content.decode()
    assert "乙县市场监督管理局" in page and "甲县市场监督管理局" not in page


def test_agency_list_exports_the_filtered_rows_to_xlsx(client, world):
    client.force_login(world.supervisor)
    response = client.get(reverse("orgs:agency_list"), {"export": "xlsx", "kind": "department"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "机关名称"
    assert {r[0] for r in rows[1:]} == {"甲县市场监督管理局", "甲县生态环境局"}


def test_audit_admin_is_refused_the_organisation_pages(client, world):
    client.force_login(world.auditor)
    assert client.get(reverse("orgs:agency_list")).status_code == 403
    assert client.get(reverse("accounts:staff_list")).status_code == 403
    assert client.get("/api/orgs/agencies/").status_code == 403


def test_agency_outside_the_users_view_is_not_found(client, world):
    client.force_login(world.officer)
    assert client.get(reverse("orgs:agency_detail", args=[world.eco.pk])).status_code == 404
    page = client.get(reverse("orgs:agency_detail", args=[world.market.pk])).content.decode()
    assert "政策法规科" in page and "行政执法人员" in page


def test_government_detail_lists_its_departments_for_the_supervisor(client, world):
    client.force_login(world.supervisor)
    page = client.get(reverse("orgs:agency_detail", args=[world.government.pk])).content.decode()
    assert "甲县生态环境局" in page and "乙县" not in page


def test_staff_list_masks_id_numbers_except_for_the_system_admin(client, world):
    full = world.officer.staff.id_number
    client.force_login(world.supervisor)
    page = client.get(reverse("accounts:staff_list")).content.decode()
    assert "王伟" in page and "李娜" in page and "赵敏" not in page
    assert full not in page and policies.mask_id_number(full) in page
    client.force_login(world.sysadmin)
    assert full in client.get(reverse("accounts:staff_list")).content.decode()


def test_staff_list_filters_by_role(client, world):
    client.force_login(world.supervisor)
    page = client.get(reverse("accounts:staff_list"), {"role": "officer"}).content.decode()
    assert "王伟" in page and "李娜" not in page


def test_nav_shows_organisation_pages_to_business_users_not_to_the_auditor(client, world):
    client.force_login(world.officer)
    home = client.get(reverse("ui:home")).content.decode()
    assert "组织机构" in home and reverse("accounts:staff_list") in home
    assert reverse("orgs:import") not in home
    client.force_login(world.auditor)
    assert reverse("orgs:agency_list") not in client.get(reverse("ui:home")).content.decode()


def test_api_lists_agencies_by_the_same_policy(client, world):
    client.force_login(world.supervisor)
    data = client.get("/api/orgs/agencies/").json()
    assert {a["name"] for a in data["results"]} == {
        "甲县人民政府",
        "甲县司法局",
        "甲县市场监督管理局",
        "甲县生态环境局",
    }
    data = client.get("/api/orgs/agencies/", {"kind": "justice"}).json()
    assert [a["name"] for a in data["results"]] == ["甲县司法局"]


def test_api_staff_masks_id_numbers_and_filters_by_agency(client, world):
    client.force_login(world.supervisor)
    data = client.get("/api/orgs/staff/", {"agency": world.market.pk}).json()
    assert [s["name"] for s in data["results"]] == ["王伟"]
    assert data["results"][0]["id_number"] == policies.mask_id_number(world.officer.staff.id_number)
    assert data["results"][0]["roles"] == [{"role": "officer", "agency": world.market.pk}]


def test_api_divisions_and_units(client, world):
    client.force_login(world.officer)
    codes = {d["code"] for d in client.get("/api/orgs/divisions/").json()["results"]}
    assert codes == {"331225", "331226"}
    units = client.get("/api/orgs/units/").json()["results"]
    assert [u["name"] for u in units] == ["政策法规科"]


def test_unit_list_shows_units_of_visible_agencies_with_staff_counts(client, world):
    from fazhi.core.accounts.models import StaffMember
    from fazhi.core.orgs.models import Unit

    unit = Unit.objects.get(name="政策法规科")
    StaffMember.objects.filter(user=world.officer).update(unit=unit)
    Unit.objects.create(agency=world.other_market, name="登记注册科")
    client.force_login(world.supervisor)
    response = client.get(reverse("orgs:unit_list"))
    rows = [cells for _, cells in response.context["rows"]]
    assert [(c[0][1], c[1][1], c[4][1]) for c in rows] == [("政策法规科", "甲县市场监督管理局", 1)]


def test_staff_list_exports_to_xlsx_with_masked_numbers(client, world):
    client.force_login(world.supervisor)
    response = client.get(reverse("accounts:staff_list"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("姓名", "公民身份号码", "所属机关")
    assert sorted(r[0] for r in rows[1:]) == sorted(["王伟", "李娜"])
    assert all("*" in r[1] for r in rows[1:])
