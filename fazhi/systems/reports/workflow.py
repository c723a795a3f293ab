"""Review and release of the annual report as a declared workflow.

::

    起草中 → 单位审核 → 保密审查 → 待主要负责人审批 → 已审批 → 已报送 → 已公开
       ↑________退回修改（审核、保密审查、审批中均可退回）____|

Clocks (kernel rules, started when the report is created, see services.create_report):
``report.annual_submission`` — 3月1日 (第二十三条第二款), stopped by 报送;
``report.annual_publication`` — 4月1日 (第二十四条), stopped by 公开.
Approval and release are guarded by the 保密审查: 第二十四条 publishes the report
“除涉及党和国家秘密的”, so nobody may release it before the secrecy review cleared it.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.workflow.engine import Context, Guard, Timer, Transition, Waiting, Workflow

from . import policies, rules
from .models import AnnualReport
from .roles import Role

STATES = {
    "drafting": "起草中",
    "unit_review": "单位审核",
    "secrecy_review": "保密审查",
    "head_approval": "待主要负责人审批",
    "approved": "已审批",
    "submitted": "已报送",
    "released": "已公开",
}


SECRECY_DONE = Guard(
    "secrecy_reviewed",
    rules.SECRECY_MESSAGE,
    rules.SECRECY_CITATION,
    lambda ctx: ctx.obj.secrecy_reviewed_on is not None and ctx.obj.secrecy_reviewer_id is not None,
)
HAS_OPINION = Guard(
    "secrecy_opinion",
    "请填写保密审查意见（是否涉及党和国家秘密）",
    rules.SECRECY_CITATION,
    lambda ctx: bool(ctx.text("opinion")),
)
HAS_TEXT = Guard(
    "has_text",
    "报告正文为空，请先撰写后再送审",
    "",
    lambda ctx: bool(
        ctx.obj.current and any(str(v).strip() for v in ctx.obj.current.parts.values())
    ),
)


def _record_secrecy(ctx: Context) -> None:
    ctx.obj.secrecy_reviewed_on = ctx.on_date
    ctx.obj.secrecy_reviewer = ctx.actor
    ctx.obj.secrecy_opinion = ctx.text("opinion")


def _recipients(ctx: Context) -> tuple[str, str]:
    """主送/抄送 as given to the 报送 step, each falling back to the routing default when the
    caller did not give it (an empty 抄送 given explicitly stays empty)."""
    from .recipients import default_recipients

    default = default_recipients(ctx.obj.agency)
    main = ctx.text("main_recipients") if "main_recipients" in ctx.data else default.main
    copy = ctx.text("copy_recipients") if "copy_recipients" in ctx.data else default.copy
    return main, copy


HAS_MAIN_RECIPIENT = Guard(
    "main_recipients",
    rules.MAIN_RECIPIENT_MESSAGE,
    rules.SUBMISSION_CITATION,
    lambda ctx: bool(_recipients(ctx)[0]),
)


def _record_submission(ctx: Context) -> None:
    """报送: the date and the recipients actually used, which also go into the ledgered data."""
    main, copy = _recipients(ctx)
    ctx.obj.submitted_on = ctx.on_date
    ctx.obj.main_recipients = main[:300]
    ctx.obj.copy_recipients = copy[:300]
    ctx.data["main_recipients"] = ctx.obj.main_recipients
    ctx.data["copy_recipients"] = ctx.obj.copy_recipients


def _publish(ctx: Context) -> None:
    """The public version through the publication door (which masks personal information)."""
    from fazhi.core.publication.models import PublishedItem
    from fazhi.core.publication.services import publish

    from .composer import compose_report
    from .services import plain_text

    report: AnnualReport = ctx.obj
    composed = compose_report(report)
    item = publish(
        kind=PublishedItem.Kind.ANNUAL_REPORT,
        title=report.title,
        body=plain_text(composed, links=False),
        fields={"报告年度": str(report.year)},
        agency=report.agency,
        source=report,
        decided_on=min(date(report.year, 12, 31), ctx.on_date),
        actor=ctx.actor,
    )
    ctx.obj.published_item = item
    ctx.data["published_item"] = item.pk


REVIEWABLE = ("unit_review", "secrecy_review", "head_approval")

SUBMIT, PUBLISH, DRAFTER = rules.RULE_SUBMISSION, rules.RULE_PUBLICATION, Role.LEGAL_REVIEWER
#: The steps a report waits for, in the queue of the agency's 法制审核人员 (who draft and review
#: it) or its head (who approves it), on the 报送 clock (第二十三条) until it is sent and then the
#: 公开 clock (第二十四条).
WAITING = (
    Waiting("drafting", "待起草送审", DRAFTER, SUBMIT),
    Waiting("unit_review", "待单位审核", DRAFTER, SUBMIT),
    Waiting("secrecy_review", "待保密审查", DRAFTER, SUBMIT),
    Waiting("head_approval", "待审批", Role.AGENCY_HEAD, SUBMIT),
    Waiting("approved", "待报送", DRAFTER, SUBMIT),
    Waiting("submitted", "待公开", DRAFTER, PUBLISH),
)

REPORT_WORKFLOW = Workflow(
    "reports.annual",
    "法治政府建设年度报告",
    model=AnnualReport,
    states=STATES,
    initial="drafting",
    agency_of=lambda obj: obj.agency_id,
    subject_label=lambda obj: obj.title,
    path=(
        "drafting",
        "unit_review",
        "secrecy_review",
        "head_approval",
        "approved",
        "submitted",
        "released",
    ),
    transitions=[
        Transition(
            "send_review",
            "送单位审核",
            ("drafting",),
            "unit_review",
            guards=(HAS_TEXT,),
            allowed=lambda u, o: policies.can_draft(u, o.agency_id),
        ),
        Transition("return_draft", "退回修改", REVIEWABLE, "drafting", allowed=policies.can_review),
        Transition(
            "pass_unit_review",
            "单位审核通过",
            ("unit_review",),
            "secrecy_review",
            allowed=policies.can_review,
        ),
        Transition(
            "pass_secrecy_review",
            "保密审查通过",
            ("secrecy_review",),
            "head_approval",
            guards=(HAS_OPINION,),
            allowed=policies.can_review,
            effect=_record_secrecy,
        ),
        Transition(
            "approve",
            "主要负责人审批",
            ("head_approval",),
            "approved",
            guards=(SECRECY_DONE,),
            allowed=policies.can_approve,
        ),
        Transition(
            "submit",
            "报送",
            ("approved",),
            "submitted",
            guards=(HAS_MAIN_RECIPIENT,),
            allowed=policies.can_review,
            effect=_record_submission,
            timers=(Timer("stop", rules.RULE_SUBMISSION),),
        ),
        Transition(
            "release",
            "向社会公开",
            ("submitted",),
            "released",
            guards=(SECRECY_DONE,),
            allowed=policies.can_review,
            effect=_publish,
            timers=(Timer("stop", rules.RULE_PUBLICATION),),
        ),
    ],
    waiting=WAITING,
)
