"""The steps a user can take on a case, declared once: core draws the step panel on the case
page, the page step view and one API endpoint per step from this table.

A step's form fields are its service verb's keyword arguments (the forms' ``clean()`` give the
verbs what they take, e.g. the 法制审核 checklist); a step acting on a sub-record (a statement, a
先行登记保存, a 回避申请, a 复议诉讼, a 移送) takes it from the form field naming it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse

from fazhi.core.workflow.steps import Step, StepSet, uploaded

from . import forms as f
from . import policies, selectors, services
from .documents import generate_document
from .workflow import CASE_WORKFLOW as CW

OFFICER = "执法人员"
HEAD = "机关负责人"
REVIEWER = "法制审核人员"
OFFICER_OR_HEAD = "执法人员或者机关负责人"


def _on(field: str) -> dict[str, Any]:
    """A step acting on the sub-record chosen in the form's ``field``: the service receives it
    as its object, and the other fields as its keyword arguments."""
    return {
        "target": lambda _case, d: d[field],
        "arguments": lambda d, _files: {k: v for k, v in d.items() if k != field},
    }


def _with_file(*, content_type: bool = True):
    """The cleaned data with the uploaded ``file`` as the service takes it."""

    def arguments(d: dict[str, Any], files: Mapping[str, Any]) -> dict[str, Any]:
        return {**d, **uploaded(files, content_type=content_type)}

    return arguments


def _open_transfer(case: Any, user: Any) -> bool:
    return (
        _documents(case, user)
        and case.transfers.exclude(state__in=["concluded", "dismissed", "returned"]).exists()
    )


def _documents(case: Any, user: Any) -> bool:
    return case.state != "draft" and policies.officer_or_head(user, case)


CASE_STEPS = StepSet(
    key="enforcement.case",
    workflow=CW,
    steps=[
        Step.of(CW, "open_case", f.OpenCaseForm, services.open_case, by=HEAD),
        Step.of(CW, "decline_case", f.ReasonForm, services.decline_case, by=HEAD),
        Step.of(CW, "record_findings", f.FactsForm, services.record_findings, by=OFFICER),
        Step.of(
            CW,
            "add_evidence",
            f.EvidenceForm,
            services.add_evidence,
            arguments=_with_file(),
            by=OFFICER,
        ),
        Step.of(
            CW, "preserve_evidence", f.PreserveForm, services.preserve_evidence, by=OFFICER_OR_HEAD
        ),
        Step.of(
            CW,
            "decide_preservation",
            f.DecidePreservationForm,
            services.decide_preservation,
            **_on("preservation"),
            by=OFFICER_OR_HEAD,
        ),
        Step.of(CW, "request_recusal", f.RecusalForm, services.request_recusal, by=OFFICER),
        Step.of(
            CW,
            "decide_recusal",
            f.DecideRecusalForm,
            services.decide_recusal,
            **_on("recusal"),
            by=HEAD,
        ),
        Step.of(
            CW, "extend_decision_period", f.ReasonForm, services.extend_decision_period, by=HEAD
        ),
        Step.of(
            CW,
            "suspend_decision_period",
            f.ReasonForm,
            services.suspend_decision_period,
            by=OFFICER_OR_HEAD,
        ),
        Step.of(
            CW,
            "resume_decision_period",
            f.DateForm,
            services.resume_decision_period,
            by=OFFICER_OR_HEAD,
        ),
        Step.of(
            CW, "conclude_investigation", f.DateForm, services.conclude_investigation, by=OFFICER
        ),
        # One form for the first 告知 and a new one after the proposed penalty changed.
        Step.of(
            CW,
            "serve_notice",
            f.NoticeForm,
            services.serve_notice,
            transitions=("serve_notice", "renotify"),
            by=OFFICER,
        ),
        Step.of(
            CW,
            "record_statement",
            f.StatementForm,
            services.record_statement,
            arguments=_with_file(content_type=False),
            by=OFFICER,
        ),
        Step.of(
            CW,
            "review_statement",
            f.ReviewStatementForm,
            services.review_statement,
            **_on("statement"),
            by=OFFICER_OR_HEAD,
        ),
        Step.of(CW, "request_hearing", f.HearingRequestForm, services.request_hearing, by=OFFICER),
        Step.of(
            CW,
            "schedule_hearing",
            f.ScheduleHearingForm,
            services.schedule_hearing,
            by=OFFICER_OR_HEAD,
        ),
        Step.of(
            CW,
            "record_hearing",
            f.RecordHearingForm,
            services.record_hearing,
            arguments=_with_file(content_type=False),
            by=OFFICER_OR_HEAD,
        ),
        Step.of(
            CW, "submit_legal_review", f.SubmitReviewForm, services.submit_legal_review, by=OFFICER
        ),
        Step.of(
            CW,
            "complete_legal_review",
            f.CompleteReviewForm,
            services.complete_legal_review,
            by=REVIEWER,
        ),
        Step.of(
            CW,
            "record_collective_discussion",
            f.DiscussionForm,
            services.record_collective_discussion,
            by=HEAD,
        ),
        Step.of(CW, "decide_case", f.DecideForm, services.decide_case, by=HEAD),
        Step.of(CW, "serve_decision", f.ServeDecisionForm, services.serve_decision, by=OFFICER),
        Step.of(
            CW,
            "file_summary_penalty",
            f.DateForm,
            services.file_summary_penalty,
            by=OFFICER_OR_HEAD,
        ),
        Step.of(CW, "record_payment", f.PaymentForm, services.record_payment, by=OFFICER),
        Step.of(CW, "approve_deferral", f.DeferralForm, services.approve_deferral, by=HEAD),
        Step.of(
            CW,
            "record_reconsideration_or_suit",
            f.RemedyForm,
            services.record_reconsideration_or_suit,
            by=OFFICER_OR_HEAD,
        ),
        Step.of(
            CW,
            "conclude_reconsideration_or_suit",
            f.RemedyOutcomeForm,
            services.conclude_reconsideration_or_suit,
            **_on("remedy"),
            by=OFFICER_OR_HEAD,
        ),
        Step.of(
            CW,
            "apply_court_enforcement",
            f.CourtForm,
            services.apply_court_enforcement,
            by=OFFICER_OR_HEAD,
        ),
        # 结案 after execution, or 撤销立案 (销案) of an open case: one form, the service picks.
        Step(
            "close_case",
            "结案 / 撤销立案",
            f.CloseForm,
            services.close_case,
            transitions=("close_case", "drop_case"),
            by=HEAD,
        ),
        Step.of(CW, "archive_case", f.ArchiveForm, services.archive_case, by=OFFICER_OR_HEAD),
        Step.of(CW, "publish_decision", f.DateForm, services.publish_decision, by=OFFICER_OR_HEAD),
        Step.of(
            CW,
            "withdraw_publication",
            f.WithdrawForm,
            services.withdraw_publication,
            by=OFFICER_OR_HEAD,
        ),
        Step.of(CW, "raise_transfer", f.ReasonForm, services.raise_transfer, by=OFFICER_OR_HEAD),
        # The 移送's own workflow moves on a transfer of the case, not on the case.
        Step(
            "transfer_step",
            "移送进展",
            f.TransferStepForm,
            services.record_transfer_outcome,
            transitions=(),
            **_on("transfer"),
            offered=_open_transfer,
            by=OFFICER_OR_HEAD,
        ),
        Step(
            "generate_document",
            "生成文书",
            f.DocumentForm,
            generate_document,
            transitions=(),
            offered=_documents,
            by=OFFICER_OR_HEAD,
        ),
    ],
    get=selectors.case_or_404,
    render="fazhi.systems.enforcement.views.case_response",
    detail_url=lambda case: reverse("enforcement:case_detail", args=[case.pk]),
    url_name="enforcement:case_step",
    page_path="cases/<int:pk>/step/<str:name>/",
    api_path="cases/<int:pk>/{step}/",
    api_name="api-enforcement-case-{step}",
    api_tag="enforcement",
    serializer="fazhi.systems.enforcement.api.serializers.CaseDetailSerializer",
    form_kwargs=lambda case, _user, _name: {"case": case},
    strict=True,
    operation_prefix="enforcement_case",
)
