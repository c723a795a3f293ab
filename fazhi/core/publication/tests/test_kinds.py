"""Publication kinds come from a registry: a system registers what it publishes and the kernel
rules that time it; the door refuses a kind nobody registered. Adding a kind needs neither a
core edit nor a migration."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.urls import reverse

from fazhi.core.publication import kinds, services
from fazhi.core.publication.models import PublishedItem

from .test_services import MOBILE, at


@pytest.fixture
def notice():
    """A kind of a system the platform does not ship: 听证公告, published within 20 working days
    of its formation like any 主动公开 information."""
    code = kinds.register("hearing_notice", "听证公告", rule_id="disclosure.proactive", order=85)
    yield code
    kinds.forget("hearing_notice")


def publish_notice(east, officer, kind="hearing_notice"):
    return services.publish(
        kind=kind,
        title="关于某路段改造的听证公告",
        body=f"联系电话 {MOBILE}。",
        agency=east.market,
        decided_on=date(2025, 9, 30),
        actor=officer,
    )


def test_the_installed_systems_register_the_platform_kinds_unchanged():
    assert kinds.choices() == [
        ("pre_enforcement", "行政执法事前公示"),
        ("penalty", "行政处罚决定"),
        ("licence", "行政许可决定"),
        ("other_enforcement", "其他执法决定"),
        ("inspection", "双随机抽查结果"),
        ("reconsideration", "行政复议决定"),
        ("disclosure", "政府信息公开"),
        ("annual_report", "法治政府建设年度报告"),
        ("other", "其他"),
    ]
    penalty = kinds.get("penalty")
    assert penalty is not None
    assert penalty.withdrawal_rule_id == "penalty.withdrawal"


@pytest.mark.django_db
def test_a_registered_kind_is_published_through_the_door_timed_by_its_rule(
    client, east, officer, notice
):
    """政府信息公开条例 第二十六条: 20 working days from Tue 30 Sep 2025, the National Day
    holiday skipped and Sat 11 Oct (调休上班) counted: due Tue 4 Nov."""
    with at(2025, 11, 5):
        item = publish_notice(east, officer)
    assert (item.rule_id, item.due, item.on_time) == (
        "disclosure.proactive",
        date(2025, 11, 4),
        False,
    )
    assert MOBILE not in item.body  # redacted like any other item

    page = client.get(reverse("portal:index"), {"kind": "hearing_notice"})
    assert [i.pk for i in page.context["page"].rows] == [item.pk]
    assert '<option value="hearing_notice" selected>听证公告</option>' in page.content.decode()
    assert "听证公告" in client.get(reverse("portal:detail", args=[item.pk])).content.decode()


@pytest.mark.django_db
def test_a_kind_without_a_withdrawal_rule_has_no_withdrawal_deadline(east, officer, notice):
    """行政处罚法 第四十八条's three days bind a penalty decision, not every kind."""
    with at(2025, 10, 10):
        item = publish_notice(east, officer)
    with at(2025, 10, 20):
        services.withdraw(item, reason="听证取消。", changed_on=date(2025, 10, 9), actor=officer)
    item.refresh_from_db()
    assert item.is_withdrawn
    assert (item.withdrawal_rule_id, item.withdrawal_due, item.withdrawal_on_time) == (
        "",
        None,
        None,
    )


@pytest.mark.django_db
def test_a_kind_nobody_registered_is_refused_and_nothing_is_saved(east, officer):
    with at(2025, 10, 10), pytest.raises(ValidationError) as exc:
        publish_notice(east, officer)
    assert "未知的公开类别“hearing_notice”" in exc.value.message_dict["kind"][0]
    assert not PublishedItem.objects.exists()


@pytest.mark.django_db
def test_a_registered_kind_needs_no_migration(notice):
    choices = PublishedItem._meta.get_field("kind").choices
    assert choices is not None
    assert ("hearing_notice", "听证公告") in choices
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    assert "No changes detected" in out.getvalue()


def test_one_code_cannot_be_declared_twice_differently(notice):
    assert kinds.register("hearing_notice", "听证公告", rule_id="disclosure.proactive", order=85)
    with pytest.raises(ImproperlyConfigured):
        kinds.register("hearing_notice", "听证公告")
    with pytest.raises(ImproperlyConfigured):
        kinds.register("x" * 33, "听证公告")  # the kind field stores 32 characters
