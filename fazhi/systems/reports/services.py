"""The only write path of annual reports: create, save a draft (a new revision each time),
change the layout. Each function is atomic and ledgered; workflow steps go through
:func:`fazhi.core.workflow.engine.perform` with :data:`workflow.REPORT_WORKFLOW`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.deadlines import services as deadlines
from fazhi.core.ledger.services import record
from fazhi.core.tasks import services as tasks
from fazhi.core.workflow.engine import register_action

from . import policies, rules
from .composer import ComposedReport
from .models import AnnualReport, ReportRevision
from .workflow import REPORT_WORKFLOW

CREATED = register_action("reports.created", "年度报告·创建")
REVISED = register_action("reports.revised", "年度报告·保存草稿")
LAYOUT = register_action("reports.layout", "年度报告·调整结构")


def _subject(report: AnnualReport) -> str:
    return f"reports.annualreport:{report.pk}"


def _clean_layout(
    part_order: Sequence[str] | None, headings: Mapping[str, str] | None
) -> tuple[list[str], dict[str, str]]:
    try:
        order = rules.normalise_order(list(part_order) if part_order else None)
    except ValueError as exc:
        raise ValidationError({"part_order": str(exc)}) from None
    heads = {k: str(v).strip() for k, v in (headings or {}).items() if str(v).strip()}
    unknown = [k for k in heads if k not in rules.PART_KEYS]
    if unknown:
        raise ValidationError({"headings": f"未知的报告部分：{'、'.join(unknown)}。"})
    return order, heads


@transaction.atomic
def create_report(
    agency: Any,
    year: int,
    *,
    actor: Any,
    part_order: Sequence[str] | None = None,
    headings: Mapping[str, str] | None = None,
    title: str = "",
) -> AnnualReport:
    """A new report in 起草中 with an empty first revision; starts the 第二十三条 (报送 3月1日)
    and 第二十四条 (公开 4月1日) clocks, triggered by the reported year."""
    if not policies.can_draft(actor, agency.pk):
        raise PermissionDenied("您无权为该机关起草年度报告。")
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        raise ValidationError({"year": f"{agency.name}{year}年度的报告已经存在。"})
    order, heads = _clean_layout(part_order, headings)
    report = AnnualReport.objects.create(
        agency=agency,
        year=year,
        title=(title or rules.title_for(agency.name, year))[:200],
        part_order=order,
        headings=heads,
        created_by=actor,
    )
    ReportRevision.objects.create(report=report, number=1, parts={}, note="创建", author=actor)
    trigger = date(year, 12, 31)  # the rules' trigger: 所报告年度内任一日
    for rule_id in (rules.RULE_SUBMISSION, rules.RULE_PUBLICATION):
        deadlines.start(report, rule_id, trigger, agency_id=agency.pk, label=report.title)
    tasks.sync(REPORT_WORKFLOW, report)  # created in 起草中 without a step: its first task
    record(
        _subject(report),
        CREATED,
        {"agency": agency.pk, "year": year, "title": report.title},
        actor=actor,
    )
    return report


@transaction.atomic
def save_draft(
    report: AnnualReport, parts: Mapping[str, str], *, actor: Any, note: str = ""
) -> ReportRevision:
    """Save the narrative as a new revision (earlier ones are kept); only while 起草中."""
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not policies.can_draft(actor, locked.agency_id):
        raise PermissionDenied("您无权修改该年度报告。")
    if locked.state != "drafting":
        raise ValidationError("报告已送审，不能修改；如需修改，请由审核人退回。")
    unknown = [k for k in parts if k not in rules.PART_KEYS]
    if unknown:
        raise ValidationError({"parts": f"未知的报告部分：{'、'.join(unknown)}。"})
    last = locked.revisions.order_by("-number").first()
    merged = {**(last.parts if last else {}), **{k: str(v) for k, v in parts.items()}}
    rev = ReportRevision.objects.create(
        report=locked,
        number=(last.number + 1 if last else 1),
        parts=merged,
        note=note[:200],
        author=actor,
    )
    record(_subject(locked), REVISED, {"revision": rev.number, "parts": sorted(parts)}, actor=actor)
    return rev


@transaction.atomic
def set_layout(
    report: AnnualReport,
    *,
    part_order: Sequence[str] | None,
    headings: Mapping[str, str] | None,
    title: str = "",
    actor: Any,
) -> AnnualReport:
    """Change the order and headings of the parts (and the title) while 起草中."""
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not policies.can_edit(actor, locked):
        raise PermissionDenied("报告不在起草中或您无权修改。")
    locked.part_order, locked.headings = _clean_layout(part_order, headings)
    if title.strip():
        locked.title = title.strip()[:200]
    locked.save()
    record(
        _subject(locked),
        LAYOUT,
        {"part_order": locked.part_order, "headings": locked.headings, "title": locked.title},
        actor=actor,
    )
    return locked


def plain_text(composed: ComposedReport, *, links: bool = True) -> str:
    """The report as plain text (the public body, the checker's input); prompts are for staff
    only and never printed."""
    lines = [composed.title, ""]
    for part in composed.parts:
        lines.append(part.numbered_heading)
        if part.text:
            lines.extend(p for p in part.text.splitlines() if p.strip())
        for f in part.figures:
            if f.value.value is None:
                continue
            lines.append(f.sentence + (f" 〔{f.url}〕" if links else ""))
        lines.append("")
    return "\n".join(lines).strip() + "\n"
