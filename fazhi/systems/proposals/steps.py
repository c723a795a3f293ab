"""The steps of an item (建议、提案), declared once: core draws the step panel on the item's
page, the page step view and one API endpoint per step from this table."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from fazhi.core.workflow.steps import Step, StepSet, today_for_dates

from . import policies, services
from .forms import AnswerForm, AssignForm, FeedbackForm, OpinionForm
from .workflow import PROPOSAL_WORKFLOW


def _form_kwargs(p: Any, user: Any, name: str) -> dict[str, Any]:
    if name == "submit_opinion":
        return {"unit_ids": policies.co_unit_ids_of(user, p)}
    return {}


def _today(form_class: type[forms.Form]) -> dict[str, Any]:
    return today_for_dates(form_class, required_only=False)


PROPOSAL_STEPS = StepSet(
    key="proposals.proposal",
    workflow=PROPOSAL_WORKFLOW,
    steps=[
        Step("assign", "交办", AssignForm, services.assign, by="政府办建议提案办理人员"),
        Step(
            "submit_opinion",
            "提出协办意见",
            OpinionForm,
            services.submit_opinion,
            by="协办单位",
        ),
        Step("answer", "答复代表（委员）", AnswerForm, services.answer, by="主办单位"),
        # One form for the two transitions it leads to: 办结 on 满意/基本满意, 重新办理 on 不满意.
        Step(
            "feedback",
            "征询代表（委员）意见",
            FeedbackForm,
            services.record_satisfaction,
            transitions=("conclude", "send_back"),
            by="政府办建议提案办理人员",
        ),
    ],
    get=policies.get_visible,
    render="fazhi.systems.proposals.views.detail_response",
    detail_url=lambda p: reverse("proposals:detail", args=[p.pk]),
    url_name="proposals:step",
    api_name="api-proposals-{step}",
    api_tag="proposals",
    serializer="fazhi.systems.proposals.api.serializers.ProposalDetailSerializer",
    form_kwargs=_form_kwargs,
    initial_today=_today,
    operation_prefix="proposals",
)
