"""Django's wording as a Chinese user reads it: no "---------" in a select (请选择 in a form,
全部 in a filter, also for yes/no filters that Django calls 未知), and validation messages that
read naturally ("不能超过 128 个字", not "确保该变量包含不超过 128 字符")."""

from __future__ import annotations

import django_filters
import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from fazhi.core.accounts.roles import Role
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.widgets import use_fast_widgets
from tests import factories as f


def test_the_site_speaks_simplified_chinese():
    assert settings.LANGUAGE_CODE == "zh-hans"


@pytest.mark.django_db
def test_a_form_select_offers_qing_xuan_ze_never_dashes():
    class F(forms.Form):
        agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.all())
        kind = forms.ChoiceField(
            label="类别", choices=[("", "---------"), *Agency.Kind.choices], required=False
        )

    class M(forms.ModelForm):
        class Meta:
            model = Agency
            fields = ["kind"]

    f.agency("示范县司法局")
    html = str(F()) + str(M())
    assert "---------" not in html
    assert html.count('<option value="" selected>请选择</option>') == 2


@pytest.mark.django_db
def test_a_filter_offers_quan_bu_for_its_empty_and_yes_no_choices():
    class AgencyFilter(django_filters.FilterSet):
        kind = django_filters.ChoiceFilter(label="类别", choices=Agency.Kind.choices)
        government = django_filters.ModelChoiceFilter(
            label="所属人民政府", queryset=Agency.objects.all()
        )
        active = django_filters.BooleanFilter(label="有效")

        class Meta:
            model = Agency
            fields = ["kind", "government", "active"]

    form = use_fast_widgets(AgencyFilter(queryset=Agency.objects.none()).form)
    html = "".join(str(field) for field in form)
    assert "---------" not in html and "未知" not in html
    assert html.count(">全部</option>") == 3


@pytest.mark.django_db
def test_a_list_page_filter_has_no_dashes(client):
    _, gov = f.county()
    client.force_login(f.user("sysadmin", (Role.SYSTEM_ADMIN, gov)))
    page = client.get(reverse("orgs:agency_list")).content.decode()
    assert "---------" not in page and "未知" not in page and ">全部</option>" in page


def test_validation_messages_read_naturally():
    class F(forms.Form):
        name = forms.CharField(label="名称", max_length=5)
        count = forms.IntegerField(label="件数", max_value=10)
        amount = forms.DecimalField(label="金额", max_digits=5, decimal_places=2)
        day = forms.DateField(label="日期")
        choice = forms.ChoiceField(label="类别", choices=[("a", "甲")])

    with translation.override("zh-hans"):
        form = F(
            {"name": "一二三四五六", "count": "11", "amount": "1.234", "day": "x", "choice": "b"}
        )
        errors = {k: str(v[0]) for k, v in form.errors.items()}
        assert errors["name"] == "不能超过 5 个字（现有 6 个字）。"
        assert errors["count"] == "不能大于 10。"
        assert errors["amount"] == "小数不能超过 2 位。"
        assert errors["day"] == "请填写有效的日期，如 2025-03-04。"
        assert errors["choice"] == "所选的“b”不在可选范围内，请重新选择。"
        assert str(F({}).errors["name"][0]) == "此项必填。"
