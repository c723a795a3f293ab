"""Who may see and do what with annual reports, bulletins and assessments.

Drafting belongs to the reporting agency's business staff; review to its 法制审核人员 or head;
approval to the 机关负责人 (the 党政主要负责人 of 第二十五条第（三）项); supervisors read
everything beneath their government. Views, the API and the workflow ask these functions.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from fazhi.core.accounts.policies import can_act_for, can_view_business, principal
from fazhi.core.accounts.roles import Role
from fazhi.core.orgs.models import Agency

from .models import AnnualReport

DRAFTERS = (Role.OFFICER, Role.LEGAL_REVIEWER, Role.AGENCY_HEAD, Role.SUPERVISOR)
REVIEWERS = (Role.LEGAL_REVIEWER, Role.AGENCY_HEAD)


def can_use(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and principal(user).visible_agency_ids)


def can_draft(user: Any, agency_id: int) -> bool:
    return can_act_for(user, agency_id, *DRAFTERS)


def can_edit(user: Any, report: AnnualReport) -> bool:
    return report.state == "drafting" and can_draft(user, report.agency_id)


def can_review(user: Any, report: AnnualReport) -> bool:
    return can_act_for(user, report.agency_id, *REVIEWERS)


def can_approve(user: Any, report: AnnualReport) -> bool:
    return can_act_for(user, report.agency_id, Role.AGENCY_HEAD)


def visible_agencies(user: Any) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=sorted(principal(user).visible_agency_ids), active=True)


def drafting_agencies(user: Any) -> QuerySet[Agency]:
    ids = [a for r, a in principal(user).grants if r in DRAFTERS]
    return Agency.objects.filter(pk__in=ids, active=True)


def visible_reports(user: Any) -> QuerySet[AnnualReport]:
    if not getattr(user, "is_authenticated", False):
        return AnnualReport.objects.none()
    return AnnualReport.objects.filter(
        agency_id__in=sorted(principal(user).visible_agency_ids)
    ).select_related("agency")


def get_visible_report(user: Any, pk: int) -> AnnualReport:
    """The report if the user may read it; 404 otherwise (its existence is not revealed)."""
    obj = AnnualReport.objects.select_related("agency").filter(pk=pk).first()
    if obj is None or not can_view_business(user, obj.agency_id):
        raise Http404("没有找到该年度报告。")
    return obj


def supervising_bodies(user: Any) -> QuerySet[Agency]:
    """The supervising bodies whose bulletins this user may read."""
    ids = [a for r, a in principal(user).grants if r == Role.SUPERVISOR]
    return Agency.objects.filter(pk__in=ids, is_supervisor=True)
