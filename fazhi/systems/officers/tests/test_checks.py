"""The qualification checks other apps call before an officer acts.

行政处罚法 第四十二条: 「行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，
法律另有规定的除外。」 — checked on the day of the act, in the matter's field.
行政处罚法 第五十八条第二款: 「行政机关中初次从事行政处罚决定法制审核的人员，应当通过国家统一法律
职业资格考试取得法律职业资格。」
"""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.systems.officers import selectors, services

from .conftest import issue, make_staff, passed_exam

D = date
ON = D(2025, 3, 10)


@pytest.mark.django_db
class TestArticle42TwoOfficers:
    def test_two_certified_officers_in_the_field_may_act(self, officers):
        check = selectors.officers_check([officers.zhang, officers.li], ON, "市场监管")
        assert check.ok
        assert "张三" in check.reason and "李四" in check.reason
        assert set(check.certificate_ids) == {officers.zhang_cert.pk, officers.li_cert.pk}

    def test_one_officer_is_refused_with_the_article(self, officers):
        check = selectors.officers_check([officers.zhang], ON, "市场监管")
        assert not check.ok
        assert "执法人员不得少于两人" in check.reason
        assert "第四十二条" in check.reason
        assert "仅有1人（张三）" in check.reason

    def test_the_same_officer_twice_counts_once(self, officers):
        check = selectors.officers_check([officers.zhang, officers.zhang], ON, "市场监管")
        assert not check.ok
        assert "仅有1人" in check.reason

    def test_certificate_expired_the_day_before_is_refused(self, officers):
        expired = issue(officers.wang, "33000003", issued=D(2020, 3, 10), expires=ON.replace(day=9))
        check = selectors.officers_check([officers.zhang, officers.wang], ON, "市场监管")
        assert not check.ok
        assert check.failed_staff_ids == (officers.wang.pk,)
        assert "王五" in check.reason and "已于2025年3月9日到期" in check.reason
        assert "第四十二条" in check.reason
        # On its last day of validity the same certificate was good.
        assert selectors.certificate_check(officers.wang, expired.expires_on, "市场监管").ok

    def test_suspended_certificate_is_refused_from_the_day_of_suspension(self, officers):
        services.suspend_certificate(
            officers.li_cert, on=D(2025, 3, 1), reason="接受调查", actor="测试"
        )
        check = selectors.officers_check([officers.zhang, officers.li], ON, "市场监管")
        assert not check.ok
        assert "李四" in check.reason and "暂扣" in check.reason
        # An act before the suspension is judged by the state on its own day.
        assert selectors.officers_check(
            [officers.zhang, officers.li], D(2025, 2, 28), "市场监管"
        ).ok

    def test_certificate_in_another_field_is_refused(self, officers):
        issue(officers.wang, "33000004", fields=["生态环境"])
        check = selectors.officers_check([officers.zhang, officers.wang], ON, "市场监管")
        assert not check.ok
        assert "王五" in check.reason and "不含“市场监管”" in check.reason

    def test_officer_without_any_certificate_is_named(self, officers):
        check = selectors.officers_check(
            [officers.zhang, officers.li, officers.wang], ON, "市场监管"
        )
        assert not check.ok
        assert "王五未取得行政执法证" in check.reason
        assert "张三" not in check.reason

    def test_revoked_certificate_is_refused(self, officers):
        services.revoke_certificate(
            officers.li_cert, on=D(2025, 1, 5), reason="调离执法岗位", actor="测试"
        )
        check = selectors.certificate_check(officers.li, ON, "市场监管")
        assert not check.ok and "注销" in check.reason

    def test_supervision_certificate_does_not_authorise_enforcement(self, org):
        inspector = make_staff(org.justice, "赵六")
        passed_exam(inspector, D(2022, 1, 1))
        services.issue_certificate(
            inspector,
            kind="supervision",
            number="JD0001",
            fields=[],
            issued_on=D(2022, 1, 1),
            expires_on=D(2027, 1, 1),
            actor="测试",
        )
        assert not selectors.certificate_check(inspector, ON).ok
        assert selectors.certificate_check(inspector, ON, kind="supervision").ok

    def test_renewal_after_a_lapse_leaves_the_lapse_unqualified(self, officers):
        cert = issue(officers.wang, "33000005", issued=D(2020, 1, 1), expires=D(2024, 12, 31))
        services.renew_certificate(cert, on=D(2025, 2, 1), expires_on=D(2030, 1, 31), actor="测试")
        assert not selectors.certificate_check(officers.wang, D(2025, 1, 15), "市场监管").ok
        assert selectors.certificate_check(officers.wang, D(2025, 2, 1), "市场监管").ok
        assert selectors.certificate_check(officers.wang, D(2024, 12, 31), "市场监管").ok

    def test_certificate_created_without_history_is_read_from_its_fields(self, officers):
        """Rows created directly (e.g. by another app's fixtures) are judged by their dates and status."""
        from fazhi.systems.officers.models import Certificate

        Certificate.objects.create(
            staff=officers.wang,
            number="RAW1",
            fields=["市场监管"],
            issued_on=D(2020, 1, 1),
            expires_on=D(2025, 3, 9),
            status_changed_on=D(2020, 1, 1),
        )
        assert not selectors.certificate_check(officers.wang, ON, "市场监管").ok
        assert selectors.certificate_check(officers.wang, D(2025, 3, 9), "市场监管").ok


@pytest.mark.django_db
class TestArticle58ReviewerQualification:
    def test_first_time_reviewer_without_qualification_is_refused(self, org):
        reviewer = make_staff(org.market, "孙七", role="legal_reviewer")
        services.register_reviewer(reviewer, first_reviewed_on=D(2023, 5, 1), actor="测试")
        check = selectors.is_qualified_reviewer(reviewer, ON)
        assert not check.ok
        assert "孙七未取得法律职业资格" in check.reason and "第五十八条第二款" in check.reason

    def test_reviewer_with_qualification_is_accepted(self, org):
        reviewer = make_staff(org.market, "周八", role="legal_reviewer")
        qual = services.record_legal_qualification(
            reviewer, number="A20183301000123", obtained_on=D(2018, 11, 20), actor="测试"
        )
        check = selectors.is_qualified_reviewer(reviewer, ON)
        assert check.ok and check.certificate_id == qual.pk
        assert "A20183301000123" in check.reason

    def test_qualification_obtained_after_the_review_day_does_not_count(self, org):
        reviewer = make_staff(org.market, "吴九", role="legal_reviewer")
        services.record_legal_qualification(
            reviewer, number="A20253301000001", obtained_on=D(2025, 11, 20), actor="测试"
        )
        assert not selectors.is_qualified_reviewer(reviewer, ON).ok

    def test_reviewer_before_the_law_took_effect_is_not_first_time(self, org):
        veteran = make_staff(org.market, "郑十", role="legal_reviewer")
        services.register_reviewer(veteran, first_reviewed_on=D(2019, 3, 1), actor="测试")
        check = selectors.is_qualified_reviewer(veteran, ON)
        assert check.ok and "初次从事" in check.reason
        late = make_staff(org.market, "冯十一", role="legal_reviewer")
        services.register_reviewer(late, first_reviewed_on=D(2021, 7, 15), actor="测试")
        assert not selectors.is_qualified_reviewer(late, ON).ok
