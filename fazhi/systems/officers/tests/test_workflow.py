"""The certificate workflow: every step legal and illegal, through the services, the pages and the
API. A refused step names its rule and basis and saves nothing; a step done writes its history
row and its ledger entry.

Bases: 纲要 （十五） 「统一行政执法人员资格管理，除中央垂直管理部门外由省级政府统筹本地区行政执法人员
资格考试、证件制发、在岗轮训等工作」 and 行政处罚法 第四十二条 「行政处罚应当由具有行政执法资格的
执法人员实施。」 for 发证; the province's 行政执法证件管理办法 (a local rule, configured) for 换证、
暂扣、注销 and expiry.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from fazhi.core.ledger.selectors import sealed
from fazhi.core.workflow.engine import InvalidTransition, Refused
from fazhi.core.workflow.models import TransitionLog
from fazhi.systems.officers import selectors, services
from fazhi.systems.officers.models import Certificate, CertificateEvent

from .conftest import EXPIRES, ISSUED, issue, make_staff, passed_exam

D = date
TODAY = D(2026, 11, 15)  # within 90 days of EXPIRES (2026-12-31)
EARLY = D(2026, 6, 1)  # long before the renewal window opens


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def counts() -> tuple[int, int, int, int]:
    return (
        Certificate.objects.count(),
        CertificateEvent.objects.count(),
        TransitionLog.objects.count(),
        sealed().filter(action__startswith="officers.certificate").count(),
    )


def refused(fn, *args, **kwargs) -> Refused:
    before = counts()
    with pytest.raises(Refused) as exc:
        fn(*args, **kwargs)
    assert counts() == before, "a refused step saved something"
    return exc.value


def steps(cert: Certificate) -> list[tuple[str, str, str]]:
    return [(h.action, h.from_state, h.to_state) for h in selectors.certificate_history(cert)]


def last_step(cert: Certificate) -> TransitionLog:
    return selectors.certificate_history(cert)[-1]


@pytest.mark.django_db
class TestIssue:
    def test_without_a_passed_qualification_exam_is_refused_with_its_basis(self, org):
        staff = make_staff(org.market, "张三")
        exc = refused(
            services.issue_certificate,
            staff,
            number="33000001",
            fields=["市场监管"],
            issued_on=ISSUED,
            expires_on=EXPIRES,
            actor=org.supervisor,
        )
        assert [g.code for g in exc.failed] == ["qualification_exam_passed"]
        assert "执法资格考试" in str(exc) and "（十五）" in str(exc) and "第四十二条" in str(exc)
        assert not Certificate.objects.exists()

    def test_an_exam_passed_after_the_issue_date_does_not_count(self, org):
        staff = make_staff(org.market, "张三")
        passed_exam(staff, D(2023, 1, 1))  # dated 2022-12-02, after ISSUED
        with pytest.raises(Refused, match="执法资格考试"):
            services.issue_certificate(
                staff,
                number="33000001",
                fields=["市场监管"],
                issued_on=ISSUED,
                expires_on=EXPIRES,
                actor="测试",
            )

    def test_issue_writes_the_history_row_the_event_and_the_ledger_entry(self, org):
        staff = make_staff(org.market, "张三")
        cert = issue(staff, "33000001", actor=org.supervisor)
        assert cert.status == Certificate.Status.VALID
        h = last_step(cert)
        assert (h.action, h.from_state, h.to_state, h.on_date) == (
            "officers.certificate.issue",
            "new",
            "valid",
            ISSUED,
        )
        assert (h.action_label, h.to_label, h.actor) == ("发证", "有效", org.supervisor)
        entry = sealed().get(leaf=h.ledger_leaf)
        assert entry.subject == f"officers.certificate:{cert.pk}"
        assert entry.action == "officers.certificate.issue" and entry.actor == "sifaju"
        assert entry.payload["data"]["number"] == "33000001"
        assert entry.payload["data"]["fields"] == ["市场监管"]
        event = cert.events.get()
        assert event.kind == CertificateEvent.Kind.ISSUED and event.ledger_leaf == entry.leaf
        assert event.valid_until == EXPIRES

    def test_a_register_import_records_a_certificate_issued_before_the_platform(self, org):
        staff = make_staff(org.market, "张三")  # no exam on the platform
        cert = services.register_certificate(
            staff,
            number="33000001",
            fields=["市场监管"],
            issued_on=ISSUED,
            expires_on=EXPIRES,
            actor="测试",
        )
        assert steps(cert) == [("officers.certificate.register", "new", "valid")]
        assert last_step(cert).action_label == "登记已发证件"


@pytest.mark.django_db
class TestRenew:
    def test_before_the_renewal_window_is_refused_with_the_local_rule(self, officers):
        cert = officers.zhang_cert
        exc = refused(
            services.renew_certificate,
            cert,
            on=EARLY,
            expires_on=D(2031, 12, 31),
            actor="测试",
        )
        assert [g.code for g in exc.failed] == ["renewal_window"]
        assert "届满前90日内" in str(exc) and "地方规定" in str(exc)
        cert.refresh_from_db()
        assert cert.expires_on == EXPIRES

    def test_within_the_window_renews_with_history_and_ledger(self, officers, today):
        cert = services.renew_certificate(
            officers.zhang_cert,
            on=today,
            expires_on=D(2031, 12, 31),
            fields=["市场监管", "食品安全"],
            actor="测试",
        )
        assert cert.expires_on == D(2031, 12, 31) and cert.fields == ["市场监管", "食品安全"]
        h = last_step(cert)
        assert (h.action, h.from_state, h.to_state) == (
            "officers.certificate.renew",
            "valid",
            "valid",
        )
        entry = sealed().get(leaf=h.ledger_leaf)
        assert entry.payload["data"]["previous_expires_on"] == "2026-12-31"
        assert entry.payload["data"]["valid_until"] == "2031-12-31"
        event = cert.events.order_by("-id").first()
        assert event.kind == CertificateEvent.Kind.RENEWED and event.ledger_leaf == entry.leaf

    def test_an_expired_certificate_is_renewed_and_the_lapse_stays(self, org):
        staff = make_staff(org.market, "王五")
        cert = issue(staff, "33000003", issued=D(2020, 1, 1), expires=D(2025, 1, 31))
        with time_machine.travel(D(2025, 3, 1), tick=False):
            assert services.expire_certificates() == ["33000003"]
            cert = services.renew_certificate(
                cert, on=D(2025, 3, 1), expires_on=D(2030, 2, 28), actor="测试"
            )
        assert cert.status == Certificate.Status.VALID
        assert cert.status_changed_on == D(2025, 3, 1)
        assert not selectors.certificate_check(staff, D(2025, 2, 15)).ok
        assert selectors.certificate_check(staff, D(2025, 3, 2)).ok

    def test_a_suspended_certificate_cannot_be_renewed(self, officers, today):
        services.suspend_certificate(officers.li_cert, on=today, reason="接受调查", actor="测试")
        exc = refused(
            services.renew_certificate,
            officers.li_cert,
            on=today,
            expires_on=D(2031, 12, 31),
            actor="测试",
        )
        assert [g.code for g in exc.failed] == ["suspended_cannot_be_used"]
        assert "暂扣期间不得使用" in str(exc) and "地方规定" in str(exc)

    def test_revoked_is_final(self, officers, today):
        services.revoke_certificate(officers.li_cert, on=today, reason="调离执法岗位", actor="测试")
        exc = refused(
            services.renew_certificate,
            officers.li_cert,
            on=today,
            expires_on=D(2031, 12, 31),
            actor="测试",
        )
        assert [g.code for g in exc.failed] == ["revoked_is_final"]
        assert "注销是终局的" in str(exc)
        for step, kwargs in (
            (services.suspend_certificate, {"reason": "再查"}),
            (services.reinstate_certificate, {}),
            (services.revoke_certificate, {"reason": "再注销"}),
        ):
            with pytest.raises(InvalidTransition, match="注销"):
                step(officers.li_cert, on=today, actor="测试", **kwargs)


@pytest.mark.django_db
class TestSuspendReinstateRevoke:
    def test_suspend_needs_a_reason_and_a_date_not_before_the_last_change(self, officers):
        exc = refused(
            services.suspend_certificate,
            officers.li_cert,
            on=D(2025, 1, 1),
            reason=" ",
            actor="测试",
        )
        assert [g.code for g in exc.failed] == ["reason_given"]
        exc = refused(
            services.suspend_certificate,
            officers.li_cert,
            on=D(2021, 1, 1),
            reason="接受调查",
            actor="测试",
        )
        assert [g.code for g in exc.failed] == ["not_before_history"]
        # the refusal names both dates (issue 15)
        assert "生效日期（2021年1月1日）不能早于该证件最近一次变更的日期（2022年1月1日）" in str(
            exc
        )

    def test_suspend_reinstate_revoke_each_write_history_and_ledger(self, officers):
        cert = officers.li_cert
        services.suspend_certificate(cert, on=D(2025, 1, 1), reason="接受调查", actor="测试")
        with pytest.raises(InvalidTransition, match="暂扣"):
            services.suspend_certificate(cert, on=D(2025, 1, 2), reason="再次", actor="测试")
        services.reinstate_certificate(cert, on=D(2025, 2, 1), actor="测试")
        with pytest.raises(InvalidTransition, match="不能执行“恢复使用”"):
            services.reinstate_certificate(cert, on=D(2025, 2, 2), actor="测试")
        services.revoke_certificate(cert, on=D(2025, 3, 1), reason="调离", actor="测试")
        cert.refresh_from_db()
        assert (cert.status, cert.status_changed_on) == (Certificate.Status.REVOKED, D(2025, 3, 1))
        assert steps(cert) == [
            ("officers.certificate.issue", "new", "valid"),
            ("officers.certificate.suspend", "valid", "suspended"),
            ("officers.certificate.reinstate", "suspended", "valid"),
            ("officers.certificate.revoke", "valid", "revoked"),
        ]
        seqs = [h.ledger_leaf for h in selectors.certificate_history(cert)]
        actions = list(
            sealed().filter(leaf__in=seqs).order_by("seq").values_list("action", flat=True)
        )
        assert actions == [a for a, _, _ in steps(cert)]
        assert [e.ledger_leaf for e in cert.events.order_by("id")] == seqs
        assert last_step(cert).comment == "调离"

    def test_an_expired_certificate_cannot_be_suspended(self, org):
        staff = make_staff(org.market, "王五")
        cert = issue(staff, "33000003", issued=D(2020, 1, 1), expires=D(2025, 1, 31))
        # Not yet marked by the scan: the date decides.
        exc = refused(
            services.suspend_certificate, cert, on=D(2025, 2, 3), reason="接受调查", actor="测试"
        )
        assert [g.code for g in exc.failed] == ["expired_cannot_be_suspended"]
        assert "地方规定" in str(exc)
        with time_machine.travel(D(2025, 2, 3), tick=False):
            services.expire_certificates()
        exc = refused(
            services.suspend_certificate, cert, on=D(2025, 1, 20), reason="接受调查", actor="测试"
        )
        assert "expired_cannot_be_suspended" in [g.code for g in exc.failed]
        # An expired certificate can still be revoked.
        services.revoke_certificate(cert, on=D(2025, 2, 5), reason="不再从事执法", actor="测试")

    def test_reinstating_after_the_validity_ended_is_refused(self, org):
        staff = make_staff(org.market, "王五")
        cert = issue(staff, "33000003", issued=D(2020, 1, 1), expires=D(2025, 1, 31))
        services.suspend_certificate(cert, on=D(2025, 1, 10), reason="接受调查", actor="测试")
        exc = refused(services.reinstate_certificate, cert, on=D(2025, 2, 3), actor="测试")
        assert [g.code for g in exc.failed] == ["reinstate_within_validity"]


@pytest.mark.django_db
class TestExpire:
    def test_the_daily_scan_expires_valid_and_suspended_certificates_once(self, org, officers):
        lapsed = issue(officers.wang, "33000003", issued=D(2020, 1, 1), expires=D(2025, 1, 31))
        services.suspend_certificate(
            officers.li_cert, on=D(2026, 1, 5), reason="接受调查", actor="测试"
        )
        with time_machine.travel(D(2027, 1, 2), tick=False):
            assert services.expire_certificates() == ["33000003", "33000001", "33000002"]
            assert services.expire_certificates() == []
        for cert, was in ((lapsed, "valid"), (officers.li_cert, "suspended")):
            cert.refresh_from_db()
            assert cert.status == Certificate.Status.EXPIRED
            h = last_step(cert)
            assert (h.action, h.from_state, h.to_state) == (
                "officers.certificate.expire",
                was,
                "expired",
            )
            assert h.on_date == cert.expires_on + timedelta(days=1)
            assert h.actor is None
            entry = sealed().get(leaf=h.ledger_leaf)
            assert entry.actor == services.SYSTEM
        # After expiry the day-of-the-act check says expired, not suspended.
        check = selectors.certificate_check(officers.li, D(2027, 1, 5))
        assert not check.ok and "到期" in check.reason

    def test_a_certificate_still_valid_is_not_expired(self, officers, today):
        exc = refused(services.expire_certificate, officers.zhang_cert)
        assert [g.code for g in exc.failed] == ["validity_ended"]

    def test_the_command_runs_the_scan(self, org, officers):
        issue(officers.wang, "33000003", issued=D(2020, 1, 1), expires=D(2025, 1, 31))
        out = io.StringIO()
        with time_machine.travel(D(2025, 6, 1), tick=False):
            call_command("officers", "expire", stdout=out)
        assert "1 件标为已过期" in out.getvalue() and "33000003" in out.getvalue()
        assert Certificate.objects.get(number="33000003").status == Certificate.Status.EXPIRED


@pytest.mark.django_db
class TestPagesAndApi:
    def test_the_certificate_page_shows_the_history(self, client, org, officers, today):
        services.suspend_certificate(
            officers.li_cert, on=today, reason="接受调查", actor=org.supervisor
        )
        client.force_login(org.supervisor)
        page = client.get(reverse("officers:certificate_detail", args=[officers.li_cert.pk]))
        html = page.content.decode()
        assert page.status_code == 200 and 'id="history"' in html
        assert "发证" in html and "暂扣" in html and "有效 → 暂扣" in html and "接受调查" in html
        assert str(last_step(officers.li_cert).ledger_leaf) in html

    def test_a_refused_change_on_the_page_shows_the_rule_and_saves_nothing(
        self, client, org, officers, today
    ):
        client.force_login(org.supervisor)
        before = counts()
        response = client.post(
            reverse("officers:certificate_step", args=[officers.zhang_cert.pk, "renew"]),
            {"on": "2026-06-01", "expires_on": "2031-12-31"},
        )
        html = response.content.decode()
        assert response.status_code == 409 and "届满前90日内" in html and "地方规定" in html
        assert counts() == before

    def test_the_api_changes_go_through_the_workflow(self, client, org, officers, today):
        client.force_login(org.supervisor)
        url = f"/api/officers/certificates/{officers.li_cert.pk}/suspend/"
        response = client.post(
            url, {"on": "2026-11-15", "reason": ""}, content_type="application/json"
        )
        body = response.json()
        assert response.status_code == 409 and body["code"] == "transition_refused"
        assert [g["code"] for g in body["guards"]] == ["reason_given"]
        assert body["guards"][0]["citation"]
        response = client.post(
            url, {"on": "2026-11-15", "reason": "接受调查"}, content_type="application/json"
        )
        assert response.status_code == 200 and response.json()["status"] == "suspended"
        assert last_step(officers.li_cert).action == "officers.certificate.suspend"
        response = client.post(
            url, {"on": "2026-11-16", "reason": "再次"}, content_type="application/json"
        )
        assert response.status_code == 409 and response.json()["code"] == "invalid_transition"
        issue_url = "/api/officers/certificates/"
        response = client.post(
            issue_url,
            {
                "staff": officers.wang.pk,
                "number": "33000009",
                "fields": ["市场监管"],
                "issued_on": "2026-11-01",
                "expires_on": "2031-10-31",
            },
            content_type="application/json",
        )
        assert response.status_code == 409
        assert response.json()["guards"][0]["code"] == "qualification_exam_passed"
        assert not Certificate.objects.filter(number="33000009").exists()
