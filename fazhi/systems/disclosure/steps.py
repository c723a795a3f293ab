"""The steps of a request (依申请公开), declared once: core draws the step panel on the request's
page, the page step view and one API endpoint per step from this table."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fazhi.core.workflow.steps import Step, StepSet

from . import forms, policies, selectors, services
from .workflow import REQUEST_WORKFLOW as WF

BY = "信息公开工作人员"


def _form_kwargs(req: Any, user: Any, name: str) -> dict[str, Any]:
    if name == "answer":
        return {"previous": selectors.previous_answers(req)}
    return {}


REQUEST_STEPS = StepSet(
    key="disclosure.request",
    workflow=WF,
    steps=[
        Step.of(WF, "review", forms.ReviewForm, services.review_request, by=BY),
        Step.of(WF, "request_correction", forms.CorrectionForm, services.request_correction, by=BY),
        Step.of(
            WF,
            "receive_correction",
            forms.CorrectionReceivedForm,
            services.receive_correction,
            by=BY,
        ),
        Step.of(WF, "abandon", forms.CloseForm, services.abandon_request, by=BY),
        Step.of(WF, "consult", forms.ConsultForm, services.consult, by=BY),
        Step.of(WF, "record_opinion", forms.OpinionForm, services.record_opinion, by=BY),
        Step.of(WF, "extend", forms.ExtendForm, services.extend_answer_period, by=BY),
        Step.of(WF, "answer", forms.AnswerForm, services.answer_request, by=BY),
        Step.of(WF, "withdraw", forms.CloseForm, services.withdraw_request, by=BY),
    ],
    get=policies.get_visible_request,
    render="fazhi.systems.disclosure.views.detail_response",
    detail_url=lambda req: reverse("disclosure:detail", args=[req.pk]),
    url_name="disclosure:step",
    api_path="requests/<int:pk>/{step}/",
    api_name="api-disclosure-{step}",
    api_tag="disclosure",
    serializer="fazhi.systems.disclosure.api.serializers.RequestDetailSerializer",
    form_kwargs=_form_kwargs,
    operation_prefix="disclosure_request",
)
