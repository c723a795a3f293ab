"""Who may see and do what with annual reports, bulletins and assessments.

The report is the organisation's 法制机构 work — drafted by its 法制审核人员, reviewed by them
or the head, approved by the 机关负责人 (the 党政主要负责人 of 第二十五条第（三）项); the 司法局 /
法制机构 supervisors assess and report on every agency beneath their government. Enforcement
officers and the other business staff (信息公开, 信访, 应诉, 建议提案) do not work on reports, so
neither the 统计分析 navigation nor the pages are theirs; the quarterly bulletin is the supervising body's own document, for its supervisors only.
The navigation (apps.py), the pages and the API ask the same functions, so they agree.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from fazhi.core.accounts.policies import can_act_for, principal
from fazhi.core.orgs.models import Agency
from fazhi.core.orgs.selectors import supervised_agency_ids

from .models import AnnualReport
from .roles import Role

#: The roles that work with reports: drafting staff, heads and supervisors.
REPORT_ROLES = (Role.LEGAL_REVIEWER, Role.AGENCY_HEAD, Role.SUPERVISOR)
DRAFTERS = REPORT_ROLES
REVIEWERS = (Role.LEGAL_REVIEWER, Role.AGENCY_HEAD)


def can_use(user: Any) -> bool:
    """Annual reports, assessments and the report checker (pages and navigation)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(r in REPORT_ROLES for r, _ in principal(user).grants)


def can_use_bulletins(user: Any) -> bool:
    """The quarterly bulletin (page and navigation): a supervising body's supervisors."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(r == Role.SUPERVISOR for r, _ in principal(user).grants)


def report_agency_ids(user: Any) -> frozenset[int]:
    """Agencies whose reports and assessments this user may read: those where the user holds a
    report role, and for a supervisor every agency beneath its government."""
    grants = principal(user).grants
    ids = {a for r, a in grants if r in REPORT_ROLES}
    supervising = [a for r, a in grants if r == Role.SUPERVISOR]
    for agency in Agency.objects.filter(pk__in=supervising):
        ids |= supervised_agency_ids(agency)
    return frozenset(ids)


def can_draft(user: Any, agency_id: int) -> bool:
    return can_act_for(user, agency_id, *DRAFTERS)


def can_edit(user: Any, report: AnnualReport) -> bool:
    return report.state == "drafting" and can_draft(user, report.agency_id)


def can_review(user: Any, report: AnnualReport) -> bool:
    return can_act_for(user, report.agency_id, *REVIEWERS)


def can_approve(user: Any, report: AnnualReport) -> bool:
    return can_act_for(user, report.agency_id, Role.AGENCY_HEAD)


def visible_agencies(user: Any) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=sorted(report_agency_ids(user)), active=True)


def drafting_agencies(user: Any) -> QuerySet[Agency]:
    ids = [a for r, a in principal(user).grants if r in DRAFTERS]
    return Agency.objects.filter(pk__in=ids, active=True)


def visible_reports(user: Any) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(
        agency_id__in=sorted(report_agency_ids(user))
    ).select_related("agency")


def get_visible_report(user: Any, pk: int) -> AnnualReport:
    """The report if the user may read it; 404 otherwise (its existence is not revealed)."""
    obj = AnnualReport.objects.select_related("agency").filter(pk=pk).first()
    if obj is None or obj.agency_id not in report_agency_ids(user):
        raise Http404("没有找到该年度报告。")
    return obj


def supervising_bodies(user: Any) -> QuerySet[Agency]:
    """The supervising bodies whose bulletins this user may read."""
    ids = [a for r, a in principal(user).grants if r == Role.SUPERVISOR]
    return Agency.objects.filter(pk__in=ids, is_supervisor=True)
