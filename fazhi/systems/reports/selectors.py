"""Queries for the reports pages."""

from __future__ import annotations

from typing import Any

from fazhi.core.workflow.engine import labelled_history

from .models import AnnualReport, ReportRevision
from .workflow import REPORT_WORKFLOW


def revisions(report: AnnualReport) -> list[ReportRevision]:
    """Every saved version of the narrative, newest first."""
    return list(report.revisions.select_related("author").order_by("-number"))


def steps(report: AnnualReport) -> list[Any]:
    """The workflow history (who did which step when)."""
    return labelled_history(report)


def available_steps(report: AnnualReport, user: Any) -> list[Any]:
    return REPORT_WORKFLOW.available(report, user)


def state_label(report: AnnualReport) -> str:
    return REPORT_WORKFLOW.state_label(report)
