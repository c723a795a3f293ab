"""Every step a case waits for is somebody's task: the registering officer, the head, the legal
reviewer and the 主办 each find theirs in 待我处理 with its statutory clock, and the 工作台
counts match the lists."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from fazhi.core.deadlines.models import Deadline
from fazhi.core.tasks import selectors as task_selectors
from fazhi.core.tasks import services as task_services
from fazhi.core.tasks.models import Notification, Task
from fazhi.core.workflow.steps import url_of
from fazhi.systems.enforcement import rules, services

from .test_full_case import CHECKLIST

D = date
pytestmark = pytest.mark.django_db


def _queue(user):
    return [(t.title, t.subject_id) for t in task_selectors.mine(user).order_by("due", "id")]


def _deadline(case, rule):
    return Deadline.objects.get(subject_id=case.pk, rule_id=rule, status__in=("open", "suspended"))


def test_source_waits_for_head_on_the_lead_check_clock(
    flow, world, django_capture_on_commit_callbacks
):
    # 《市场监督管理行政处罚程序规定》第十八条: 15 working days to check a lead and decide to open.
    with django_capture_on_commit_callbacks(execute=True):
        case = flow.source()
    assert _queue(world.head) == [("待立案审批", case.pk)]
    task = Task.objects.get(subject_id=case.pk, status="open")
    clock = _deadline(case, rules.RULE_LEAD_CHECK)
    assert task.due == clock.due == D(2025, 3, 24)  # 2025-03-03 + 15 working days
    assert clock.assignee_id is None and clock.role == "agency_head"
    assert task_services.lead_of(case) == world.officer  # the registering officer
    assert _queue(world.officer) == []
    assert Notification.objects.filter(user=world.head, text__contains="待立案审批").exists()


def test_open_names_the_lead_whose_queue_gets_the_case_clocks(flow, world):
    case = flow.source()
    case = flow.opened(case, lead=world.officer2_staff, assistant=world.officer_staff)
    a = task_services.assignment_of(case)
    assert (a.lead, a.assistant) == (world.officer2, world.officer)
    assert _queue(world.head) == []
    assert _queue(world.officer2) == [("待调查终结", case.pk)]
    assert _queue(world.officer) == []
    assert _deadline(case, rules.RULE_DECISION_SCJG).assignee == world.officer2
    assert Deadline.objects.get(subject_id=case.pk, rule_id=rules.RULE_LEAD_CHECK).status == "met"


def test_legal_review_is_in_the_reviewers_queue_on_its_clock_then_the_head_decides(flow, world):
    case = flow.notified()
    services.submit_legal_review(case, actor=world.officer, submitted_on=D(2025, 3, 20))
    assert _queue(world.reviewer) == [("待法制审核", case.pk)]
    clock = _deadline(case, rules.RULE_LEGAL_REVIEW)
    assert Task.objects.get(subject_id=case.pk, status="open").due == clock.due == D(2025, 4, 3)
    services.complete_legal_review(
        case,
        actor=world.reviewer,
        result="passed",
        checklist=CHECKLIST,
        completed_on=D(2025, 3, 21),
    )
    assert _queue(world.reviewer) == []
    assert _queue(world.head) == [("待决定", case.pk)]
    assert _deadline(case, rules.RULE_DECISION_SCJG).role == "agency_head"


def test_after_the_decision_the_lead_serves_and_publishes(flow, world):
    case = flow.decided()
    assert sorted(_queue(world.officer)) == [("待公示", case.pk), ("待送达决定书", case.pk)]
    assert _deadline(case, rules.RULE_SERVICE).assignee == world.officer
    assert _deadline(case, rules.RULE_PUBLICATION).assignee == world.officer
    case = flow.served(case)
    assert ("待送达决定书", case.pk) not in _queue(world.officer)


def test_head_reassigns_and_the_tasks_and_clocks_follow(flow, world, client):
    case = flow.opened()
    assert _queue(world.officer) == [("待调查终结", case.pk)]
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(type(case)).pk
    client.force_login(world.officer)
    r = client.post(f"/tasks/reassign/{ct}/{case.pk}/", {"lead": world.officer2.pk})
    assert r.status_code == 403
    client.force_login(world.head)
    r = client.post(f"/tasks/reassign/{ct}/{case.pk}/", {"lead": world.reviewer.pk})
    assert r.status_code == 302
    assert task_services.lead_of(case) == world.officer  # a reviewer cannot handle the case
    r = client.post(
        f"/tasks/reassign/{ct}/{case.pk}/",
        {"lead": world.officer2.pk, "assistant": world.officer.pk},
    )
    assert r.status_code == 302
    assert _queue(world.officer2) == [("待调查终结", case.pk)] and _queue(world.officer) == []
    assert _deadline(case, rules.RULE_DECISION_SCJG).assignee == world.officer2


def test_queue_page_links_each_task_to_its_case_and_counts_match(flow, world, client):
    a = flow.source()
    b = flow.source(party_name="海安另一贸易有限公司")
    client.force_login(world.head)
    with time_machine.travel(D(2025, 3, 20), tick=False):
        home = client.get("/").content.decode()
        page = client.get("/tasks/").content.decode()
        yellow = client.get("/tasks/?level=yellow").content.decode()
        todo = client.get("/deadlines/").content.decode()
    for case in (a, b):
        assert f'href="{url_of(case)}"' in page
    assert page.count("data-task=") == 2
    assert 'data-count="total"><div class="v">2<' in home
    assert 'data-count="yellow"><div class="v">2<' in home  # due 3-24: within 3 working days
    assert yellow.count("data-task=") == 2
    assert "待我处理" in todo and f'href="{url_of(a)}"' in todo


def test_case_page_shows_lead_and_open_task(flow, world, client):
    case = flow.opened()
    client.force_login(world.head)
    body = client.get(url_of(case)).content.decode()
    assert 'id="handlers"' in body and "主办：<strong>张明" in body and "待调查终结" in body
    assert "改派承办人员" in body
    client.force_login(world.officer)
    body = client.get(url_of(case)).content.decode()
    assert "改派承办人员" not in body


CALLS: list = []


def _hook(user, notification):
    CALLS.append((user.username, notification.text))


def test_reminders_when_a_task_turns_yellow_then_red_once_each(flow, world, settings):
    from fazhi.core.tasks import notify

    settings.FAZHI_NOTIFICATION_HOOKS = [f"{__name__}._hook"]
    CALLS.clear()
    case = flow.source()  # 待立案审批 due 2025-03-24 (15 working days from 2025-03-03)
    assert notify.scan(D(2025, 3, 10)) == {"red": 0, "yellow": 0}
    assert notify.scan(D(2025, 3, 20)) == {"red": 0, "yellow": 1}
    assert notify.scan(D(2025, 3, 21)) == {"red": 0, "yellow": 0}  # once per level
    assert notify.scan(D(2025, 3, 25)) == {"red": 1, "yellow": 0}
    assert notify.scan(D(2025, 3, 26)) == {"red": 0, "yellow": 0}
    texts = [t for u, t in CALLS if u == world.head.username]
    assert len(texts) == 2 and "即将到期" in texts[0] and "已逾期" in texts[1]
    assert all(case.party_name in t for t in texts)
    assert Notification.objects.filter(user=world.head).count() == 2
