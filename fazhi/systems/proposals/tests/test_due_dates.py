"""The answer date on the proposal list is the one the office set, before and after a notice.

No statute sets the answer period of a 政协委员提案: the office sets the date when it
assigns the item (kernel rule ``proposal.cppcc_answer``, unit ``set_date``: 「届满日为文书或交办机关确定的日
期，不另行计算期间，也不顺延」). An item due on 2027-02-11 stays due on 2027-02-11 after the 2027
notice closes 02-05..02-13 — the list reads the clock, and the clock does not roll a set date.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.deadlines.models import Deadline
from fazhi.systems.proposals import rules
from tests.notices import enter_notice

pytestmark = pytest.mark.django_db


def _list(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("proposals:list"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_set_answer_date_is_not_rolled_by_the_2027_notice(client, assigned, supervisor):
    p = assigned(due=date(2027, 2, 11), kind="proposal")
    assert "2027年2月11日" in _list(client, supervisor)

    enter_notice(client, supervisor)

    page = _list(client, supervisor)
    assert "2027年2月11日" in page
    clock = Deadline.objects.get(subject_id=p.pk, rule_id=rules.RULE_CPPCC_ANSWER)
    p.refresh_from_db()
    assert p.answer_due == clock.due == date(2027, 2, 11)
