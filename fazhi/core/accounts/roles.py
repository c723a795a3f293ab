"""The roles of the platform (README.md lists the demo account of each). Business roles act on an
agency's data; the three administrator roles (三员分立) are kept apart from them and from each
other."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "行政执法人员"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
    AGENCY_HEAD = "agency_head", "机关负责人"
    SUPERVISOR = "supervisor", "法治监督人员（司法局）"
    DISCLOSURE_STAFF = "disclosure_staff", "信息公开工作人员"
    PETITION_STAFF = "petition_staff", "信访工作人员"
    LITIGATION_STAFF = "litigation_staff", "复议应诉工作人员"
    PROPOSAL_STAFF = "proposal_staff", "建议提案办理人员"
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全保密管理员"
    AUDIT_ADMIN = "audit_admin", "安全审计员"


ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
BUSINESS_ROLES = frozenset(set(Role) - ADMIN_ROLES)
