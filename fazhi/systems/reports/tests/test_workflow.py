"""Drafts keep history; review and release follow the workflow; the 第二十三条 / 第二十四条
clocks run; no release without the 保密审查 (第二十四条)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.publication.models import PublishedItem
from fazhi.core.publication.tests.factories import Role
from fazhi.core.publication.tests.factories import user as make_user
from fazhi.core.workflow.engine import Refused, perform
from fazhi.systems.reports import services
from fazhi.systems.reports.models import AnnualReport
from fazhi.systems.reports.workflow import REPORT_WORKFLOW as WF


@pytest.fixture
def report(east, drafter):
    with time_machine.travel(date(2025, 1, 10), tick=False):
        return services.create_report(east.market, 2024, actor=drafter)


def test_creating_a_report_starts_the_statutory_clocks(report):
    """第二十三条第二款: 每年3月1日之前报告; 第二十四条: 每年4月1日之前向社会公开."""
    clocks = {d.rule_id: d for d in deadlines_of(report)}
    assert clocks["report.annual_submission"].due == date(2025, 3, 1)
    assert clocks["report.annual_publication"].due == date(2025, 4, 1)
    assert all(d.status == Deadline.Status.OPEN for d in clocks.values())


def test_each_save_is_a_new_revision_and_earlier_ones_are_kept(report, drafter):
    services.save_draft(report, {"measures": "第一稿"}, actor=drafter)
    services.save_draft(report, {"next_year": "安排"}, actor=drafter, note="补充安排")
    revs = list(report.revisions.order_by("number"))
    assert [r.number for r in revs] == [1, 2, 3]
    assert revs[1].parts == {"measures": "第一稿"}
    assert revs[2].parts == {"measures": "第一稿", "next_year": "安排"}
    assert report.current.number == 3


def test_a_report_under_review_cannot_be_edited(report, drafter):
    services.save_draft(report, {"measures": "正文"}, actor=drafter)
    perform(WF, report, "send_review", actor=drafter)
    with pytest.raises(ValidationError):
        services.save_draft(report, {"measures": "改"}, actor=drafter)


def _through_to_submitted(report, drafter, reviewer, head):
    services.save_draft(report, {"measures": "全面推进依法行政。"}, actor=drafter)
    perform(WF, report, "send_review", actor=drafter, on_date=date(2025, 2, 1))
    perform(WF, report, "pass_unit_review", actor=reviewer, on_date=date(2025, 2, 3))
    perform(
        WF,
        report,
        "pass_secrecy_review",
        actor=reviewer,
        on_date=date(2025, 2, 5),
        data={"opinion": "经审查，不涉及党和国家秘密，可以公开。"},
    )
    perform(WF, report, "approve", actor=head, on_date=date(2025, 2, 10))
    perform(WF, report, "submit", actor=reviewer, on_date=date(2025, 2, 20))


@time_machine.travel(date(2025, 3, 5), tick=False)
def test_full_path_submits_on_time_and_releases_through_the_publication_door(
    report, drafter, reviewer, head
):
    _through_to_submitted(report, drafter, reviewer, head)
    perform(WF, report, "release", actor=reviewer, on_date=date(2025, 3, 5))
    report.refresh_from_db()
    assert report.state == "released"
    clocks = {d.rule_id: d for d in deadlines_of(report)}
    assert clocks["report.annual_submission"].on_time is True  # 2月20日 ≤ 3月1日
    assert clocks["report.annual_publication"].status == Deadline.Status.MET
    item = report.published_item
    assert item.kind == PublishedItem.Kind.ANNUAL_REPORT and item.on_time is True
    assert "全面推进依法行政" in item.body and item.title == report.title


def test_release_without_the_secrecy_review_is_refused(report, drafter):
    """督察工作规定 第二十四条: the report is published “除涉及党和国家秘密的” — only a
    保密审查 can establish that it holds none, so release without one is refused."""
    services.save_draft(report, {"measures": "正文"}, actor=drafter)
    # fixture setup: a report that reached 已报送 by some path that skipped the review
    AnnualReport.objects.filter(pk=report.pk).update(state="submitted")
    releaser = make_user("releaser", (Role.AGENCY_HEAD, report.agency))
    with pytest.raises(Refused) as exc:
        perform(WF, report, "release", actor=releaser)
    assert [g.code for g in exc.value.failed] == ["secrecy_reviewed"]
    assert "第二十四条" in str(exc.value) and "保密审查" in str(exc.value)
    report.refresh_from_db()
    assert report.state == "submitted" and report.published_item is None
    assert not PublishedItem.objects.exists()


def test_the_secrecy_review_needs_an_opinion(report, drafter, reviewer):
    services.save_draft(report, {"measures": "正文"}, actor=drafter)
    perform(WF, report, "send_review", actor=drafter)
    perform(WF, report, "pass_unit_review", actor=reviewer)
    with pytest.raises(Refused):
        perform(WF, report, "pass_secrecy_review", actor=reviewer, data={"opinion": " "})
