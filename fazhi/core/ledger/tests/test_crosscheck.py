"""Business records checked against their latest sealed state.

Someone with database access edits, deletes or inserts rows without going through the
services (``QuerySet.update``, raw SQL): the record check names every such record and each
field that differs, in one run; ordinary use of the services leaves nothing to report.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from fazhi.core.accounts import services as accounts
from fazhi.core.accounts.models import RoleAssignment, SecurityEvent
from fazhi.core.ledger import crosscheck, tracking
from fazhi.core.publication import services as publication
from fazhi.core.publication.models import PublishedItem
from fazhi.systems.enforcement.models import Case, Payment
from fazhi.systems.enforcement.tests.conftest import flow, world  # noqa: F401 - fixtures
from fazhi.systems.petitions import services as petitions
from fazhi.systems.petitions.models import Petition
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world, flow):  # noqa: F811 - the imported fixtures
    """A decided case, an opened one, a petition, a publication, an audit row, through the
    services as staff use them."""
    decided = flow.decided()
    opened = flow.opened(flow.source(party_name="海安某某食品有限公司"))
    office = factories.agency("海安市信访局")
    clerk = factories.user("xinfang", ("petition_staff", office))
    petition = petitions.register_petition(
        agency=office,
        actor=clerk,
        channel="visit",
        petitioner_name="赵六",
        content="要求撤销对其店铺的罚款",
        facts_reasons="认为罚款过重",
        received_on=date(2025, 9, 16),
        act_description="海安市监罚〔2025〕12号行政处罚决定",
    )
    item = publication.publish(
        kind=PublishedItem.Kind.OTHER,
        title="关于某路段改造的听证公告",
        body="定于下月举行听证。",
        agency=world.bureau,
        actor=world.officer,
    )
    event = accounts.log_event(SecurityEvent.Kind.LOGIN, "zhangming", ip="10.0.0.8")
    return decided, opened, petition, item, event


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


def test_ordinary_use_of_the_services_leaves_nothing_to_report(records, world):  # noqa: F811
    decided, *_ = records
    # more ordinary writes: a sub-record added and removed, a grant given and revoked
    Payment.objects.create(case=decided, paid_on=date(2025, 4, 1), amount=Decimal("100"))
    Payment.objects.filter(case=decided).delete()
    admin = factories.user("anquan", ("security_admin", world.gov))
    grant = accounts.assign_role(world.outsider, "officer", world.bureau, actor=admin)
    accounts.revoke_role(grant, actor=admin)
    assert crosscheck.problems() == []


def test_every_change_outside_the_services_is_named_in_one_run(records, world):  # noqa: F811
    decided, opened, petition, item, event = records
    assert crosscheck.problems() == []

    Case.objects.filter(pk=decided.pk).update(decided_fine=Decimal("500.00"))
    Case.objects.filter(pk=opened.pk).update(party_name="张冠李戴有限公司")
    Petition.objects.filter(pk=petition.pk).update(content="无诉求")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table(Case)} SET {_column(Case, 'state')} = %s WHERE id = %s",
            ["draft", decided.pk],
        )
        cursor.execute(
            f"UPDATE {_table(PublishedItem)} SET {_column(PublishedItem, 'title')} = %s "
            "WHERE id = %s",
            ["已被篡改的标题", item.pk],
        )
        cursor.execute(f"DELETE FROM {_table(SecurityEvent)} WHERE id = %s", [event.pk])
        cursor.execute(
            f"INSERT INTO {_table(RoleAssignment)} ({_column(RoleAssignment, 'user')}, "
            f"{_column(RoleAssignment, 'role')}, {_column(RoleAssignment, 'agency')}, "
            f"{_column(RoleAssignment, 'granted_at')}) VALUES (%s, %s, %s, %s)",
            [world.outsider.pk, "agency_head", world.bureau.pk, timezone.now()],
        )
    inserted = RoleAssignment.objects.get(user=world.outsider, role="agency_head")

    found = {(p.kind, p.subject): p for p in crosscheck.problems()}
    assert set(found) == {
        ("changed", f"enforcement.case:{decided.pk}"),
        ("changed", f"enforcement.case:{opened.pk}"),
        ("changed", f"petitions.petition:{petition.pk}"),
        ("changed", f"publication.publisheditem:{item.pk}"),
        ("deleted", f"accounts.securityevent:{event.pk}"),
        ("inserted", f"accounts.roleassignment:{inserted.pk}"),
    }

    fine = found["changed", f"enforcement.case:{decided.pk}"]
    assert {(c.field, c.ledgered, c.current) for c in fine.fields} == {
        ("decided_fine", "5000.00", "500.00"),
        ("state", decided.state, "draft"),
    }
    assert decided.number in fine.name and fine.label == "行政处罚案件"
    assert "罚款" in fine.message and "5000.00" in fine.message and "500.00" in fine.message

    party = found["changed", f"enforcement.case:{opened.pk}"]
    assert [(c.field, c.ledgered, c.current) for c in party.fields] == [
        ("party_name", "海安某某食品有限公司", "张冠李戴有限公司")
    ]
    assert "当事人存证为“海安某某食品有限公司”，现为“张冠李戴有限公司”" in party.message

    content = found["changed", f"petitions.petition:{petition.pk}"]
    assert [c.field for c in content.fields] == ["content"]
    assert [c.field for c in found["changed", f"publication.publisheditem:{item.pk}"].fields] == [
        "title"
    ]

    deleted = found["deleted", f"accounts.securityevent:{event.pk}"]
    assert "zhangming" in deleted.name and deleted.label == "安全审计记录"
    assert "已被删除" in deleted.message

    grant = found["inserted", f"accounts.roleassignment:{inserted.pk}"]
    assert grant.seq is None and "zhouchengguan" in grant.name
    assert "没有任何存证记录" in grant.message


def test_a_row_deleted_through_the_services_is_not_reported_but_one_restored_is(records):
    *_, item, _ = records
    row = PublishedItem.objects.filter(pk=item.pk).values().get()  # type: ignore[misc]
    PublishedItem.objects.filter(pk=item.pk).delete()  # signals: ledgered as deleted
    assert crosscheck.problems() == []
    PublishedItem.objects.bulk_create([PublishedItem(**row)])  # put back behind the ledger
    [problem] = crosscheck.problems()
    assert (problem.kind, problem.pk) == ("inserted", str(item.pk))
    assert problem.seq is not None and "登记删除" in problem.message


def test_a_bulk_write_that_snapshots_its_rows_stays_clean(records):
    decided, opened, *_ = records
    Case.objects.filter(pk__in=[decided.pk, opened.pk]).update(source_summary="批量更正")
    assert {p.pk for p in crosscheck.problems()} == {str(decided.pk), str(opened.pk)}
    tracking.snapshot_many(Case.objects.filter(pk__in=[decided.pk, opened.pk]), actor="导入")
    assert crosscheck.problems() == []


def test_mirrored_due_dates_are_not_part_of_the_state(records):
    decided, *_ = records
    spec = tracking.spec_for(Case)
    assert spec is not None and "decision_due" not in spec.fields()
    Case.objects.filter(pk=decided.pk).update(decision_due=date(2030, 1, 1))
    assert crosscheck.problems() == []


def test_the_demo_history_written_in_bulk_verifies_clean(monkeypatch):
    """The demo's bulk path (cases, payments, hearings, reviews and their publications written
    with ``bulk_create``/``bulk_update``) ledgers the states it wrote."""
    from fazhi.core.demo.generator import load
    from fazhi.systems.enforcement import demo
    from fazhi.systems.matters.demo import load_demo as load_matters

    county = load(run_registered=False)
    load_matters(county)
    monkeypatch.setattr(demo, "VOLUME", {"market": 40, "eco": 10})
    result = demo.load_history(county, county.rng("enforcement"))
    assert result["history"] == 50 and result["published"] > 0 and result["payments"] > 0
    assert crosscheck.problems() == []
    # and the check still sees what the bulk path wrote: one of its payments edited
    Payment.objects.filter(pk=Payment.objects.order_by("pk").values("pk")[:1]).update(
        amount=Decimal("1.00")
    )
    [problem] = crosscheck.problems()
    assert (problem.kind, problem.model, [c.field for c in problem.fields]) == (
        "changed",
        "enforcement.payment",
        ["amount"],
    )


def test_a_baseline_adopts_rows_written_before_tracking_and_only_those(records, world):  # noqa: F811
    decided, *_ = records
    with connection.cursor() as cursor:  # rows as an older release left them: never ledgered
        cursor.execute(
            f"INSERT INTO {_table(RoleAssignment)} ({_column(RoleAssignment, 'user')}, "
            f"{_column(RoleAssignment, 'role')}, {_column(RoleAssignment, 'agency')}, "
            f"{_column(RoleAssignment, 'granted_at')}) VALUES (%s, %s, %s, %s)",
            [world.outsider.pk, "agency_head", world.bureau.pk, timezone.now()],
        )
    Case.objects.filter(pk=decided.pk).update(party_name="改名")
    assert {p.kind for p in crosscheck.problems()} == {"inserted", "changed"}
    assert crosscheck.baseline() == {"accounts.roleassignment": 1}
    [left] = crosscheck.problems()
    assert (left.kind, left.pk) == ("changed", str(decided.pk))


def test_a_case_officer_struck_off_with_sql_is_reported(records):
    """Who handled a case (两名以上执法人员) is a many-to-many link: tracked as a row of its own."""
    decided, *_ = records
    link = Case.officers.through
    first = link.objects.filter(case=decided).order_by("pk").first()
    assert first is not None
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_table(link)} WHERE id = %s", [first.pk])
    [problem] = crosscheck.problems()
    assert (problem.kind, problem.model, problem.pk) == (
        "deleted",
        "enforcement.case_officers",
        str(first.pk),
    )
    assert problem.label == "行政处罚案件·承办执法人员" and decided.number in problem.name


def test_a_pointer_cleared_by_a_deletion_is_ledgered(records, world):  # noqa: F811
    """Deleting the administrator who granted a role clears the grant's 授予人 (SET_NULL: one
    UPDATE, no signal); the grant's new state is ledgered all the same."""
    admin = factories.user("anquan", ("security_admin", world.gov))
    grant = accounts.assign_role(world.outsider, "officer", world.bureau, actor=admin)
    admin.delete()
    grant.refresh_from_db()
    assert grant.granted_by_id is None
    assert crosscheck.problems() == []
