"""The steps of a 行政复议 case, of the respondent's answer and of a 行政应诉 case, declared once:
core draws the step panel on each record's page, the page step view and one API endpoint per
step from these tables. The forms are in :data:`.forms.STEP_FORMS`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fazhi.core.workflow.steps import Step, StepSet

from . import policies, services
from .forms import STEP_FORMS
from .selectors import MODELS
from .workflow import WORKFLOWS

BODY = "行政复议机构"
RESPONDENT = "被申请人（应诉工作人员）"
DEFENDANT = "被告（应诉工作人员）"

#: kind -> (step name, service verb, who does it)
_TABLE: dict[str, list[tuple[str, Callable[..., Any], str]]] = {
    "reconsideration": [
        ("request_correction", services.request_reconsideration_correction, BODY),
        ("receive_correction", services.receive_reconsideration_correction, BODY),
        ("abandon", services.abandon_reconsideration, BODY),
        ("accept", services.accept_reconsideration, BODY),
        ("deem_accepted", services.deem_accepted, BODY),
        ("reject", services.reject_reconsideration, BODY),
        ("send_copy", services.send_copy, BODY),
        ("extend", services.extend_reconsideration, BODY),
        ("suspend", services.suspend_reconsideration, BODY),
        ("resume", services.resume_reconsideration, BODY),
        ("hold_hearing", services.hold_hearing, BODY),
        ("consult_committee", services.consult_committee, BODY),
        ("decide", services.decide_reconsideration, BODY),
        ("terminate", services.terminate_reconsideration, BODY),
    ],
    "respondence": [
        ("submit_answer", services.submit_answer, RESPONDENT),
        ("attend_hearing", services.attend_hearing, RESPONDENT),
        ("record_decision", services.record_respondence_decision, RESPONDENT),
        ("receive_opinion", services.receive_opinion, RESPONDENT),
        ("report_correction", services.report_correction, RESPONDENT),
        ("close", services.close_respondence, RESPONDENT),
    ],
    "litigation": [
        ("request_evidence_extension", services.request_evidence_extension, DEFENDANT),
        ("submit_defence", services.submit_defence, DEFENDANT),
        ("record_hearing", services.record_court_hearing, DEFENDANT),
        ("record_judgment", services.record_judgment, DEFENDANT),
        ("appeal", services.appeal, DEFENDANT),
        ("record_performance", services.record_performance, DEFENDANT),
        ("close", services.close_litigation, DEFENDANT),
    ],
}


def _step_set(kind: str) -> StepSet:
    wf = WORKFLOWS[kind]
    model = MODELS[kind]
    return StepSet(
        key=f"disputes.{kind}",
        workflow=wf,
        steps=[
            Step.of(wf, name, STEP_FORMS[kind][name], service, by=by)
            for name, service, by in _TABLE[kind]
        ],
        get=lambda user, pk: policies.get_visible(user, model, pk),
        render=f"fazhi.systems.disputes.views.{kind}_response",
        detail_url=lambda obj: obj.get_absolute_url(),
        url_name=f"disputes:{kind}_step",
        page_path=f"{kind}/<int:pk>/step/<str:name>/",
        api_path=f"{kind}/<int:pk>/{{step}}/",
        api_name=f"api-disputes-{kind}-{{step}}",
        api_tag="disputes",
        serializer=f"fazhi.systems.disputes.api.serializers.{kind.title()}Serializer",
        operation_prefix=f"disputes_{kind}",
    )


STEP_SETS: dict[str, StepSet] = {kind: _step_set(kind) for kind in _TABLE}
