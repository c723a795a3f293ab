"""The steps of a 信访事项 and of a 12345 ticket, declared once: core draws the step panel on each
record's page, the page step view and one API endpoint per step from these tables."""

from __future__ import annotations

from fazhi.core.workflow.steps import Step, StepSet

from . import forms as f
from . import policies, services
from .hotline import TICKET_WORKFLOW as TW
from .workflow import PETITION_WORKFLOW as PW

STAFF = "信访工作人员"
UNIT = "承办单位"
HOTLINE = "12345热线工作机构"

PETITION_STEPS = StepSet(
    key="petitions.petition",
    workflow=PW,
    steps=[
        Step.of(PW, "route", f.RouteForm, services.route, by=STAFF),
        Step.of(PW, "object", f.ObjectionForm, services.object_to_routing, by=UNIT),
        Step.of(PW, "accept", f.AcceptForm, services.accept, by=UNIT),
        Step.of(PW, "divert", f.DivertForm, services.divert, by=UNIT),
        Step.of(PW, "notify", f.NotifyForm, services.notify, by=UNIT),
        Step.of(PW, "extend", f.ExtendForm, services.extend, by=UNIT),
        Step.of(PW, "decide", f.DecideForm, services.decide, by=UNIT),
        Step.of(PW, "request_review", f.RequestForm, services.request_review, by="复查机关"),
        Step.of(PW, "decide_review", f.ReviewDecisionForm, services.decide_review, by="复查机关"),
        Step.of(PW, "request_recheck", f.RequestForm, services.request_recheck, by="复核机关"),
        Step.of(PW, "start_hearing", f.HearingStartForm, services.start_hearing, by="复核机关"),
        Step.of(PW, "end_hearing", f.HearingEndForm, services.end_hearing, by="复核机关"),
        Step.of(
            PW, "decide_recheck", f.RecheckDecisionForm, services.decide_recheck, by="复核机关"
        ),
        Step.of(PW, "conclude", f.CloseForm, services.conclude, by=UNIT),
    ],
    get=policies.get_visible_petition,
    render="fazhi.systems.petitions.views.petition_response",
    detail_url=lambda p: p.get_absolute_url(),
    url_name="petitions:step",
    api_name="api-petition-{step}",
    api_tag="petitions",
    serializer="fazhi.systems.petitions.api.serializers.PetitionDetailSerializer",
    operation_prefix="petitions_petition",
)

TICKET_STEPS = StepSet(
    key="petitions.ticket",
    workflow=TW,
    steps=[
        Step.of(TW, "dispatch", f.DispatchForm, services.dispatch, by=HOTLINE),
        Step.of(TW, "sign", f.SignForm, services.sign, by=UNIT),
        Step.of(TW, "return_ticket", f.ReturnForm, services.return_ticket, by=UNIT),
        Step.of(TW, "arbitrate", f.ArbitrateForm, services.arbitrate, by=HOTLINE),
        Step.of(TW, "extend", f.TicketExtendForm, services.extend_ticket, by=UNIT),
        Step.of(TW, "reply", f.ReplyForm, services.reply, by=UNIT),
        # One form for both callback transitions: the service picks by the satisfaction given.
        Step(
            "callback",
            "回访",
            f.CallbackForm,
            services.callback,
            transitions=("callback_satisfied", "callback_unsatisfied"),
            by=HOTLINE,
        ),
        Step.of(TW, "reopen", f.ReopenForm, services.reopen, by=HOTLINE),
        Step.of(TW, "close", f.CloseForm, services.close, by=HOTLINE),
    ],
    get=policies.get_visible_ticket,
    render="fazhi.systems.petitions.views.ticket_response",
    detail_url=lambda t: t.get_absolute_url(),
    url_name="petitions:ticket_step",
    page_path="tickets/<int:pk>/step/<str:name>/",
    api_path="tickets/<int:pk>/{step}/",
    api_name="api-ticket-{step}",
    api_tag="petitions",
    serializer="fazhi.systems.petitions.api.serializers.TicketDetailSerializer",
    operation_prefix="petitions_ticket",
)
