"""The steps a user can take on a case, each a form and a service call.

The HTML case page and the REST API both read this table: a step is offered when one of its
workflow transitions is available to the user from the case's state (policy only; the guards
are checked when the step is submitted, by the service).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import forms as f
from . import services
from .documents import generate_document
from .models import Case

Call = Callable[[Case, Any, dict[str, Any], dict[str, Any]], Any]


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    form: type[f.StepForm]
    call: Call  # (case, actor, cleaned_data, files) -> result
    transitions: tuple[str, ...]


def _facts(d: dict[str, Any], *extra: str) -> dict[str, Any]:
    keys = (
        "violation_date",
        "violation_end_date",
        "discovered_on",
        "facts",
        "amount_involved",
        "circumstances",
        "harms_life_health_finance",
        "complex_or_major",
        "review_public_interest",
        "review_complex",
        "review_other_law",
        "party_id_number",
        *extra,
    )
    return {k: d[k] for k in keys if k in d and d[k] not in (None, "")}


def _file(files: dict[str, Any]) -> dict[str, Any]:
    upload = files.get("file")
    if upload is None:
        return {}
    return {
        "file": upload.read(),
        "file_name": upload.name,
        **({"content_type": upload.content_type} if hasattr(upload, "content_type") else {}),
    }


def _evidence(case, actor, d, files):
    extra = _file(files)
    return services.add_evidence(
        case,
        actor=actor,
        kind=d["kind"],
        title=d["title"],
        description=d["description"],
        collected_on=d["collected_on"],
        collected_by=d["collected_by"],
        id_shown=d["id_shown"],
        electronic_monitoring=d["electronic_monitoring"],
        monitoring_audited=d["monitoring_audited"],
        **extra,
    )


def _statement(case, actor, d, files):
    extra = {k: v for k, v in _file(files).items() if k != "content_type"}
    return services.record_statement(
        case,
        actor=actor,
        received_on=d["received_on"],
        content=d["content"],
        oral=d["oral"],
        waive_statement=d["waive_statement"],
        waive_hearing=d["waive_hearing"],
        **extra,
    )


def _record_hearing(case, actor, d, files):
    extra = {k: v for k, v in _file(files).items() if k != "content_type"}
    return services.record_hearing(
        case, actor=actor, held_on=d["held_on"], outcome=d["outcome"], record=d["record"], **extra
    )


def _transfer(case, actor, d, files):
    return services.record_transfer_outcome(
        d["transfer"],
        actor=actor,
        step=d["step"],
        on=d["on"],
        receiver=d["receiver"],
        documents=d["documents"],
        reason=d["reason"],
        outcome=d["outcome"],
    )


def _complete_review(case, actor, d, files, form=None):
    from .rules import REVIEW_CHECKLIST

    checklist = {
        code: {"ok": bool(d.get(f"ok_{code}")), "note": d.get(f"note_{code}", "")}
        for code, _ in REVIEW_CHECKLIST
    }
    return services.complete_legal_review(
        case,
        actor=actor,
        result=d["result"],
        checklist=checklist,
        opinion=d["opinion"],
        completed_on=d["completed_on"],
    )


S = Step
STEPS: list[Step] = [
    S(
        "open_case",
        "立案",
        f.OpenCaseForm,
        lambda c, a, d, _: services.open_case(
            c,
            actor=a,
            matter=d["matter"],
            officers=d["officers"],
            opened_on=d["opened_on"],
            officer_exception_basis=d["officer_exception_basis"],
            **_facts(d),
        ),
        ("open_case",),
    ),
    S(
        "decline_case",
        "不予立案",
        f.ReasonForm,
        lambda c, a, d, _: services.decline_case(c, actor=a, reason=d["reason"], on=d["on"]),
        ("decline_case",),
    ),
    S(
        "record_findings",
        "记录调查认定的事实",
        f.FactsForm,
        lambda c, a, d, _: services.record_findings(c, actor=a, **_facts(d)),
        ("record_findings",),
    ),
    S("add_evidence", "登记证据", f.EvidenceForm, _evidence, ("add_evidence",)),
    S(
        "preserve_evidence",
        "先行登记保存",
        f.PreserveForm,
        lambda c, a, d, _: services.preserve_evidence(
            c,
            actor=a,
            items=d["items"],
            reason=d["reason"],
            preserved_on=d["preserved_on"],
            approved_by=d["approved_by"],
        ),
        ("preserve_evidence",),
    ),
    S(
        "decide_preservation",
        "先行登记保存处理决定",
        f.DecidePreservationForm,
        lambda c, a, d, _: services.decide_preservation(
            d["preservation"],
            actor=a,
            decision=d["decision"],
            decided_on=d["decided_on"],
            detail=d["detail"],
        ),
        ("decide_preservation",),
    ),
    S(
        "request_recusal",
        "回避申请",
        f.RecusalForm,
        lambda c, a, d, _: services.request_recusal(
            c,
            actor=a,
            applicant=d["applicant"],
            target=d["target"],
            reason=d["reason"],
            requested_on=d["requested_on"],
        ),
        ("request_recusal",),
    ),
    S(
        "decide_recusal",
        "回避决定",
        f.DecideRecusalForm,
        lambda c, a, d, _: services.decide_recusal(
            d["recusal"],
            actor=a,
            decision=d["decision"],
            decided_on=d["decided_on"],
            replacements=d["replacements"],
        ),
        ("decide_recusal",),
    ),
    S(
        "extend_decision_period",
        "延长办案期限",
        f.ReasonForm,
        lambda c, a, d, _: services.extend_decision_period(
            c, actor=a, reason=d["reason"], on=d["on"]
        ),
        ("extend_decision_period",),
    ),
    S(
        "suspend_decision_period",
        "办案期限中止计算",
        f.ReasonForm,
        lambda c, a, d, _: services.suspend_decision_period(
            c, actor=a, reason=d["reason"], on=d["on"]
        ),
        ("suspend_decision_period",),
    ),
    S(
        "resume_decision_period",
        "办案期限恢复计算",
        f.DateForm,
        lambda c, a, d, _: services.resume_decision_period(c, actor=a, on=d["on"]),
        ("resume_decision_period",),
    ),
    S(
        "conclude_investigation",
        "调查终结",
        f.DateForm,
        lambda c, a, d, _: services.conclude_investigation(c, actor=a, on=d["on"]),
        ("conclude_investigation",),
    ),
    S(
        "serve_notice",
        "送达行政处罚告知书",
        f.NoticeForm,
        lambda c, a, d, _: services.serve_notice(
            c,
            actor=a,
            types=d["types"],
            fine=d["fine"],
            confiscation=d["confiscation"],
            detail=d["detail"],
            facts=d["facts"],
            reasons=d["reasons"],
            basis_text=d["basis_text"],
            served_on=d["served_on"],
        ),
        ("serve_notice", "renotify"),
    ),
    S("record_statement", "记录陈述申辩", f.StatementForm, _statement, ("record_statement",)),
    S(
        "review_statement",
        "复核陈述申辩",
        f.ReviewStatementForm,
        lambda c, a, d, _: services.review_statement(
            d["statement"],
            actor=a,
            result=d["result"],
            opinion=d["opinion"],
            reviewed_on=d["reviewed_on"],
        ),
        ("review_statement",),
    ),
    S(
        "request_hearing",
        "当事人要求听证",
        f.HearingRequestForm,
        lambda c, a, d, _: services.request_hearing(c, actor=a, requested_on=d["requested_on"]),
        ("request_hearing",),
    ),
    S(
        "schedule_hearing",
        "安排听证并通知",
        f.ScheduleHearingForm,
        lambda c, a, d, _: services.schedule_hearing(
            c,
            actor=a,
            scheduled_for=d["scheduled_for"],
            chair=d["chair"],
            notified_on=d["notified_on"],
            location=d["location"],
            public=d["public"],
        ),
        ("schedule_hearing",),
    ),
    S("record_hearing", "听证笔录", f.RecordHearingForm, _record_hearing, ("record_hearing",)),
    S(
        "submit_legal_review",
        "提交法制审核",
        f.SubmitReviewForm,
        lambda c, a, d, _: services.submit_legal_review(
            c, actor=a, submitted_on=d["submitted_on"], materials=d["materials"]
        ),
        ("submit_legal_review",),
    ),
    S(
        "complete_legal_review",
        "法制审核",
        f.CompleteReviewForm,
        _complete_review,
        ("complete_legal_review",),
    ),
    S(
        "record_collective_discussion",
        "集体讨论",
        f.DiscussionForm,
        lambda c, a, d, _: services.record_collective_discussion(
            c,
            actor=a,
            held_on=d["held_on"],
            chair=d["chair"],
            attendees=d["attendees"],
            minutes=d["minutes"],
            result=d["result"],
        ),
        ("record_collective_discussion",),
    ),
    S(
        "decide_case",
        "作出处理决定",
        f.DecideForm,
        lambda c, a, d, _: services.decide_case(
            c,
            actor=a,
            decided_on=d["decided_on"],
            outcome=d["outcome"],
            types=d["types"],
            fine=d["fine"],
            confiscation=d["confiscation"],
            detail=d["detail"],
            reasons=d["reasons"],
            deviation_reason=d["deviation_reason"],
            education=d["education"],
        ),
        ("decide_case",),
    ),
    S(
        "serve_decision",
        "送达处理决定书",
        f.ServeDecisionForm,
        lambda c, a, d, _: services.serve_decision(
            c, actor=a, served_on=d["served_on"], mode=d["mode"], consent=d["consent"]
        ),
        ("serve_decision",),
    ),
    S(
        "file_summary_penalty",
        "当场处罚决定备案",
        f.DateForm,
        lambda c, a, d, _: services.file_summary_penalty(c, actor=a, filed_on=d["on"]),
        ("file_summary_penalty",),
    ),
    S(
        "record_payment",
        "登记缴款",
        f.PaymentForm,
        lambda c, a, d, _: services.record_payment(
            c,
            actor=a,
            amount=d["amount"],
            surcharge=d["surcharge"] or 0,
            paid_on=d["paid_on"],
            receipt_number=d["receipt_number"],
        ),
        ("record_payment",),
    ),
    S(
        "approve_deferral",
        "批准暂缓或者分期缴纳",
        f.DeferralForm,
        lambda c, a, d, _: services.approve_deferral(
            c,
            actor=a,
            kind=d["kind"],
            until=d["until"],
            reason=d["reason"],
            approved_on=d["approved_on"],
        ),
        ("approve_deferral",),
    ),
    S(
        "record_reconsideration_or_suit",
        "登记行政复议或者行政诉讼",
        f.RemedyForm,
        lambda c, a, d, _: services.record_reconsideration_or_suit(
            c, actor=a, kind=d["kind"], filed_on=d["filed_on"], body=d["body"]
        ),
        ("record_reconsideration_or_suit",),
    ),
    S(
        "conclude_reconsideration_or_suit",
        "登记复议或诉讼结果",
        f.RemedyOutcomeForm,
        lambda c, a, d, _: services.conclude_reconsideration_or_suit(
            d["remedy"], actor=a, result=d["result"], ended_on=d["ended_on"]
        ),
        ("conclude_reconsideration_or_suit",),
    ),
    S(
        "apply_court_enforcement",
        "申请人民法院强制执行",
        f.CourtForm,
        lambda c, a, d, _: services.apply_court_enforcement(
            c,
            actor=a,
            court=d["court"],
            demand_served_on=d["demand_served_on"],
            applied_on=d["applied_on"],
        ),
        ("apply_court_enforcement",),
    ),
    S(
        "close_case",
        "结案 / 撤销立案",
        f.CloseForm,
        lambda c, a, d, _: services.close_case(
            c, actor=a, closed_on=d["closed_on"], reason=d["reason"], outcome=d["outcome"]
        ),
        ("close_case", "drop_case"),
    ),
    S(
        "archive_case",
        "归档",
        f.ArchiveForm,
        lambda c, a, d, _: services.archive_case(c, actor=a, archived_on=d["archived_on"]),
        ("archive_case",),
    ),
    S(
        "publish_decision",
        "公开行政处罚决定",
        f.DateForm,
        lambda c, a, d, _: services.publish_decision(c, actor=a, on=d["on"]),
        ("publish_decision",),
    ),
    S(
        "withdraw_publication",
        "撤回已公开的决定信息",
        f.WithdrawForm,
        lambda c, a, d, _: services.withdraw_publication(
            c, actor=a, reason=d["reason"], on=d["on"], changed_on=d["changed_on"]
        ),
        ("withdraw_publication",),
    ),
    S(
        "raise_transfer",
        "提出涉嫌犯罪案件移送",
        f.ReasonForm,
        lambda c, a, d, _: services.raise_transfer(c, actor=a, reason=d["reason"], on=d["on"]),
        ("raise_transfer",),
    ),
    S("transfer_step", "移送进展", f.TransferStepForm, _transfer, ()),
    S(
        "generate_document",
        "生成文书",
        f.DocumentForm,
        lambda c, a, d, _: generate_document(c, d["kind"], actor=a),
        (),
    ),
]
BY_NAME = {s.name: s for s in STEPS}


def available_steps(case: Case, user: Any) -> list[Step]:
    """Steps the user's policy allows from the case's state."""
    from . import policies
    from .workflow import CASE_WORKFLOW

    names = {t.name for t in CASE_WORKFLOW.available(case, user)}
    out = [s for s in STEPS if names & set(s.transitions)]
    if case.state != "draft" and policies.officer_or_head(user, case):
        if case.transfers.exclude(state__in=["concluded", "dismissed", "returned"]).exists():
            out.append(BY_NAME["transfer_step"])
        out.append(BY_NAME["generate_document"])
    return out
