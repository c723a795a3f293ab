"""The matter list imported through the platform's import page, with the agency and the date the
version comes into force chosen on the page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.systems.matters import importers
from fazhi.systems.matters.models import MatterListRevision

pytestmark = pytest.mark.django_db


def test_the_page_imports_for_the_chosen_agency_or_names_the_bad_rows(client, org, matter):
    client.force_login(org.reviewer)
    url = reverse("matters:import", args=["matters"])
    page = client.get(url)
    assert page.status_code == 200 and "导入执法事项清单" in page.content.decode()
    assert f"?agency={org.market.pk}" in page.content.decode()  # the current list as a template
    data = importers.matter_list_xlsx(org.market)
    form = {"agency": org.market.pk, "effective_from": "2025-01-01", "note": "年度调整"}
    response = client.post(
        url, {**form, "file": SimpleUploadedFile("清单.xlsx", data)}, follow=True
    )
    assert response.status_code == 200 and "更新事项 1 个" in response.content.decode()
    revision = MatterListRevision.objects.get(agency=org.market)
    assert revision.effective_from == date(2025, 1, 1)

    bad = data[:200]  # a truncated file
    response = client.post(url, {**form, "file": SimpleUploadedFile("清单.xlsx", bad)})
    assert response.status_code == 400
    assert "无法读取文件" in response.content.decode()
    assert MatterListRevision.objects.filter(agency=org.market).count() == 1
