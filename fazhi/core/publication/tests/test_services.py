"""The publication door: redaction before storage, timing against the statutory deadline on the
official calendar, withdrawal with a public reason, the ledger trail, refusals that lose nothing."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.core.ledger import tracking
from fazhi.core.ledger.selectors import sealed
from fazhi.core.publication import services
from fazhi.core.publication.models import PublishedItem

from .factories import uscc


#: The door's own entries (each write of the item's row is also ledgered as its state).
def _entries():
    """The ledger without the record-state entries (those of the published row itself)."""
    return sealed().exclude(action__in=tuple(tracking.ACTIONS))


SH = ZoneInfo("Asia/Shanghai")
ID_NUMBER = "11010519491231002X"  # GB 11643-1999 specimen with a valid check character
MOBILE = "13812345678"
PERSON = "张三丰"
COMPANY = "东城县鑫盛食品有限公司"


def at(y: int, m: int, d: int, hour: int = 10):
    return time_machine.travel(datetime(y, m, d, hour, tzinfo=SH), tick=False)


def publish_penalty(east, officer, *, decided_on=date(2025, 9, 30), **kw):
    company_code = kw.pop("company_code", uscc("91"))
    defaults = dict(
        kind=PublishedItem.Kind.PENALTY,
        title=f"{east.market.name}行政处罚决定书（东市监罚〔2025〕12号）",
        body=(
            f"当事人：{PERSON}，公民身份号码 {ID_NUMBER}，联系电话 {MOBILE}。\n"
            f"关联单位：{COMPANY}（统一社会信用代码 {company_code}）。\n"
            "违法事实：销售超过保质期的食品。处罚内容：警告，罚款人民币五千元。"
        ),
        fields={
            "当事人": PERSON,
            "统一社会信用代码": company_code,
            "处罚内容": "警告，罚款人民币五千元",
        },
        agency=east.market,
        decided_on=decided_on,
        names=[PERSON],
        name_fields=["当事人"],
        actor=officer,
    )
    defaults.update(kw)
    return services.publish(**defaults), company_code


@pytest.mark.django_db
def test_personal_information_is_masked_before_storage_and_findings_say_why(east, officer):
    with at(2025, 10, 10):
        item, company_code = publish_penalty(east, officer)

    for secret in (PERSON, ID_NUMBER, MOBILE):
        assert secret not in item.body
        assert secret not in item.title
        assert secret not in json.dumps(item.fields, ensure_ascii=False)
        assert secret not in item.search_text
    # An organisation is not personal information: its name and code stay public.
    assert COMPANY in item.body
    assert company_code in item.body
    assert item.fields["统一社会信用代码"] == company_code
    assert item.fields["处罚内容"] == "警告，罚款人民币五千元"
    assert item.fields["当事人"] != PERSON

    body_kinds = sorted(f["kind"] for f in item.findings if f["field"] == "body")
    assert body_kinds == ["id_number", "mobile", "name"], item.findings
    assert [f["kind"] for f in item.findings if f["field"] == "当事人"] == ["name"]
    for f in item.findings:
        assert f["rule"] and f["ground"], f  # every mask names its rule and legal ground
        assert PERSON not in json.dumps(f, ensure_ascii=False)
        assert ID_NUMBER not in json.dumps(f, ensure_ascii=False)


@pytest.mark.django_db
def test_publication_is_ledgered_with_the_digest_of_what_was_published(east, officer):
    with at(2025, 10, 10):
        item, _ = publish_penalty(east, officer)
    entry = _entries().get(subject=services.ledger_subject(item))
    assert entry.action == "publication.published"
    assert entry.actor == officer.username
    assert entry.payload["content_digest"] == item.digest
    assert item.digest == services.content_digest(
        kind=item.kind,
        title=item.title,
        body=item.body,
        fields=item.fields,
        agency_id=item.agency_id,
    )
    assert PERSON not in json.dumps(entry.payload, ensure_ascii=False)


@pytest.mark.django_db
def test_due_counts_seven_working_days_across_national_day(east, officer):
    """国办发〔2018〕118号 二（六）: 行政处罚决定信息「要在执法决定作出之日起7个工作日内公开」.

    By hand on the 2025 notice: decided Tue 30 Sep; 1–8 Oct are 国庆节/中秋节 days off; working
    days then run Thu 9 Oct (1), Fri 10 (2), Sat 11 (3, 调休上班), Mon 13 (4), Tue 14 (5), Wed 15
    (6), Thu 16 (7). Counting calendar days, or ignoring the holiday, would give 9 Oct and call a
    publication on 10 Oct late.
    """
    with at(2025, 10, 10):
        item, _ = publish_penalty(east, officer)
    assert item.rule_id == "penalty.publication"
    assert item.due == date(2025, 10, 16)
    assert item.published_on == date(2025, 10, 10)
    assert item.on_time is True
    assert item.provisional is False


@pytest.mark.django_db
def test_publication_after_the_due_date_is_recorded_late(east, officer):
    with at(2025, 10, 17):
        item, _ = publish_penalty(east, officer)
    assert item.due == date(2025, 10, 16)
    assert item.on_time is False
    assert _entries().get(subject=services.ledger_subject(item)).payload["on_time"] is False


@pytest.mark.django_db
def test_item_without_statutory_deadline_has_no_timing(east, officer):
    with at(2025, 10, 10):
        item = services.publish(
            kind=PublishedItem.Kind.PRE_ENFORCEMENT,
            title="行政执法主体及执法人员名单",
            body="执法人员：李四（执法证号 33010012345）",
            agency=east.market,
            names=["李四"],
            actor=officer,
        )
    assert (item.due, item.on_time, item.rule_id) == (None, None, "")
    assert "李四" not in item.body


@pytest.mark.django_db
def test_refusals_name_the_field_and_save_nothing(east, officer):
    before = sealed().count()
    with at(2025, 10, 10):
        with pytest.raises(ValidationError) as exc:
            publish_penalty(east, officer, decided_on=None)
        assert "decided_on" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            publish_penalty(east, officer, title="  ")
        assert "title" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            publish_penalty(east, officer, decided_on=date(2025, 10, 11))
        assert "晚于公开日期" in exc.value.message_dict["decided_on"][0]
        with pytest.raises(ValidationError) as exc:
            publish_penalty(east, officer, rule_id="no.such_rule")
        assert "no.such_rule" in exc.value.message_dict["rule_id"][0]
        with pytest.raises(ValidationError) as exc:  # the redactor cannot read nested values
            publish_penalty(east, officer, fields={"当事人信息": {"姓名": PERSON}})
        assert "当事人信息" in exc.value.message_dict["fields"][0]
    assert PublishedItem.objects.count() == 0
    assert sealed().count() == before


@pytest.mark.django_db
def test_withdrawal_is_timed_from_the_change_and_ledgered(east, officer):
    """行政处罚法 第四十八条: 「应当在三日内撤回行政处罚决定信息并公开说明理由」, and
    第八十五条 makes 三日 working days. Decision annulled Tue 30 Sep 2025: 9 Oct (1), 10 Oct (2),
    Sat 11 Oct (3, 调休上班) — due 11 Oct."""
    with at(2025, 9, 30):
        item, _ = publish_penalty(east, officer)
    with at(2025, 10, 13):
        services.withdraw(
            item,
            reason=f"原处罚决定已被复议机关撤销（当事人{PERSON}申请），依法撤回。",
            changed_on=date(2025, 9, 30),
            names=[PERSON],
            actor=officer,
        )
    item.refresh_from_db()
    assert item.status == PublishedItem.Status.WITHDRAWN
    assert item.withdrawn_on == date(2025, 10, 13)
    assert item.withdrawal_due == date(2025, 10, 11)
    assert item.withdrawal_on_time is False
    assert "撤销" in item.withdrawal_reason
    entry = sealed().filter(subject=services.ledger_subject(item)).order_by("-seq").first()
    assert entry is not None and entry.action == "publication.withdrawn"
    assert entry.payload["due"] == "2025-10-11"
    # The reason is shown publicly, so it passes the redactor too.
    assert PERSON not in item.withdrawal_reason
    assert entry.payload["reason"] == item.withdrawal_reason


@pytest.mark.django_db
def test_withdrawal_on_the_makeup_saturday_is_on_time(east, officer):
    with at(2025, 9, 30):
        item, _ = publish_penalty(east, officer)
    with at(2025, 10, 11):
        services.withdraw(
            item, reason="原决定已被依法变更。", changed_on=date(2025, 9, 30), actor=officer
        )
    item.refresh_from_db()
    assert (item.withdrawal_due, item.withdrawal_on_time) == (date(2025, 10, 11), True)


@pytest.mark.django_db
def test_withdrawal_refusals_lose_nothing(east, officer):
    with at(2025, 10, 10):
        item, _ = publish_penalty(east, officer)
        entries = _entries().count()
        with pytest.raises(ValidationError) as exc:
            services.withdraw(item, reason="   ", actor=officer)
        assert "第四十八条" in exc.value.message_dict["reason"][0]
        with pytest.raises(ValidationError) as exc:
            services.withdraw(item, reason="理由", on=date(2025, 10, 20), actor=officer)
        assert "on" in exc.value.message_dict
        item.refresh_from_db()
        assert item.status == PublishedItem.Status.PUBLISHED
        assert _entries().count() == entries

        services.withdraw(item, reason="原决定已被撤销。", actor=officer)
        with pytest.raises(ValidationError) as exc:
            services.withdraw(item, reason="再次撤回", actor=officer)
        assert "不能重复撤回" in exc.value.messages[0]
    item.refresh_from_db()
    assert item.withdrawal_reason == "原决定已被撤销。"
    assert _entries().count() == entries + 1


@pytest.mark.django_db
def test_a_name_given_as_a_field_is_masked_in_the_text_too(east, officer):
    """The caller need not repeat the party's name in ``names=``: the name field is enough."""
    with at(2025, 10, 10):
        item = services.publish(
            kind=PublishedItem.Kind.LICENCE,
            title="准予行政许可决定书",
            rule_id="licence.publication",
            body="经审查，李小龙的申请符合法定条件，准予许可。",
            fields={"申请人": "李小龙"},
            name_fields=["申请人"],
            agency=east.market,
            decided_on=date(2025, 10, 9),
            actor=officer,
        )
    assert "李小龙" not in item.body and "李小龙" not in item.fields["申请人"]
    # 国办发〔2018〕118号 二（六）, 7 WD from Thu 9 Oct 2025: Fri 10, Sat 11 (调休上班), Mon 13,
    # Tue 14, Wed 15, Thu 16, Fri 17.
    assert item.due == date(2025, 10, 17)


@pytest.mark.django_db
def test_a_system_record_points_to_its_publication(east, officer):
    from fazhi.core.publication.selectors import publications_of

    source = east.market  # any saved record will do: the link is a content type and an id
    with at(2025, 10, 10):
        item = services.publish(
            kind=PublishedItem.Kind.OTHER,
            title="执法主体信息",
            body="",
            agency=east.market,
            source=source,
            actor=officer,
        )
    assert list(publications_of(source)) == [item]
    entry = _entries().get(subject=services.ledger_subject(item))
    assert entry.payload["source"] == f"orgs.agency:{source.pk}"


@pytest.mark.django_db
def test_history_import_keeps_real_dates_masks_and_is_ledgered_as_an_import(client, east, officer):
    """Publications made before the platform keep their own day (国办发〔2018〕118号 二（六）:
    timed against 7 working days from the decision), are masked like any other, appear on the
    portal under that day and year, and are ledgered as imports, never as live publications."""
    kw = dict(kind=PublishedItem.Kind.PENALTY, agency=east.market, names=[PERSON])
    with at(2025, 11, 3):
        items = services.import_published(
            [
                services.Publication(
                    title="东市监罚决〔2024〕7号",
                    body=f"当事人{PERSON}销售过期食品",
                    decided_on=date(2024, 9, 30),
                    published_on=date(2024, 10, 10),  # within 7 working days (国庆 days off)
                    **kw,
                ),
                services.Publication(
                    title="东市监罚决〔2024〕9号",
                    body="某公司无证经营",
                    decided_on=date(2024, 3, 1),
                    published_on=date(2024, 3, 20),
                    **kw,
                ),
            ],
            actor=officer,
            note="旧门户公开记录",
        )
    on_time, late = items
    assert on_time.published_on == date(2024, 10, 10) and on_time.on_time is True
    assert late.published_on == date(2024, 3, 20) and late.on_time is False
    assert on_time.published_at.astimezone(SH).date() == date(2024, 10, 10)
    assert PERSON not in on_time.body and on_time.findings
    entry = _entries().get(subject=services.ledger_subject(on_time))
    assert entry.action == "publication.imported"
    assert entry.payload["published_on"] == "2024-10-10"
    assert (
        entry.payload["recorded_on"] == "2025-11-03" and entry.payload["note"] == "旧门户公开记录"
    )
    r = client.get(reverse("portal:index"), {"year": 2024, "q": "过期食品"})
    assert [i.pk for i in r.context["page"].rows] == [on_time.pk]


@pytest.mark.django_db
def test_history_import_refuses_future_or_undated_and_saves_nothing(east, officer):
    base: dict[str, Any] = dict(
        kind=PublishedItem.Kind.PENALTY, agency=east.market, title="某决定", body=""
    )
    before = (PublishedItem.objects.count(), sealed().count())
    with at(2025, 11, 3):
        for bad, field in (
            (dict(decided_on=date(2025, 1, 2), published_on=date(2025, 11, 4)), "published_on"),
            (dict(decided_on=date(2025, 1, 2)), "published_on"),
            (dict(decided_on=date(2025, 2, 2), published_on=date(2025, 2, 1)), "decided_on"),
        ):
            good = services.Publication(
                decided_on=date(2025, 1, 2), published_on=date(2025, 1, 6), **base
            )
            with pytest.raises(ValidationError) as info:
                services.import_published(
                    [good, services.Publication(**(base | bad))], actor=officer
                )
            assert field in info.value.message_dict
    assert (PublishedItem.objects.count(), sealed().count()) == before
