"""Serializers of ``/api/petitions/``. Step bodies are built from the page forms, so the API
accepts exactly what the pages accept and hands it to the same services."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fazhi.core.deadlines.api.serializers import ClockSerializer
from fazhi.core.ui.api import form_serializer

from ..forms import PETITION_STEP_FORMS, TICKET_STEP_FORMS
from ..hotline import TICKET_WORKFLOW
from ..models import HotlineTicket, Petition, TicketBounce
from ..workflow import PETITION_WORKFLOW


def _camel(step: str) -> str:
    return "".join(p.title() for p in step.split("_"))


PETITION_STEP_SERIALIZERS = {
    s: form_serializer(f, f"Petition{_camel(s)}Step") for s, f in PETITION_STEP_FORMS.items()
}
TICKET_STEP_SERIALIZERS = {
    s: form_serializer(f, f"Ticket{_camel(s)}Step") for s, f in TICKET_STEP_FORMS.items()
}


class PetitionSerializer(serializers.ModelSerializer):
    state_label = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "id",
            "number",
            "agency",
            "received_by_office",
            "state",
            "state_label",
            "channel",
            "petitioner_name",
            "identity_unclear",
            "content",
            "facts_reasons",
            "concerned_agency",
            "act_description",
            "act_type",
            "act_id",
            "received_on",
            "previous",
            "route",
            "routed_on",
            "handler_agency",
            "delivered_on",
            "notice_on",
            "objection_on",
            "objections",
            "diversion",
            "accepted_on",
            "extended",
            "extension_days",
            "resolution_due",
            "opinion_on",
            "opinion",
            "legal_basis",
            "served_on",
            "review_body",
            "review_requested_on",
            "review_on",
            "recheck_body",
            "recheck_requested_on",
            "recheck_on",
            "closed_on",
            "routed_on_time",
            "notified_on_time",
            "handled_on_time",
        ]

    def get_state_label(self, obj: Petition) -> str:
        return PETITION_WORKFLOW.state_label(obj)


class PetitionDetailSerializer(PetitionSerializer):
    clocks = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta(PetitionSerializer.Meta):
        fields = [*PetitionSerializer.Meta.fields, "clocks", "steps"]

    def get_clocks(self, obj: Petition) -> list[dict[str, Any]]:
        from ..selectors import clocks

        return ClockSerializer(clocks(obj), many=True, omit=("restart",)).data

    def get_steps(self, obj: Petition) -> list[str]:
        from ..selectors import petition_steps

        return [t.name for t in petition_steps(obj, self.context["request"].user)]


class BounceSerializer(serializers.ModelSerializer):
    class Meta:
        model = TicketBounce
        fields = [
            "id",
            "unit",
            "returned_on",
            "reason",
            "decision",
            "decided_on",
            "redispatched_to",
        ]


class TicketSerializer(serializers.ModelSerializer):
    state_label = serializers.SerializerMethodField()

    class Meta:
        model = HotlineTicket
        fields = [
            "id",
            "number",
            "office",
            "unit",
            "state",
            "state_label",
            "category",
            "caller_name",
            "content",
            "act_description",
            "received_on",
            "dispatched_on",
            "signed_on",
            "bounce_count",
            "extended",
            "reply_due",
            "replied_on",
            "reply",
            "callback_on",
            "satisfaction",
            "reopened",
            "closed_on",
            "signed_on_time",
            "replied_on_time",
        ]

    def get_state_label(self, obj: HotlineTicket) -> str:
        return TICKET_WORKFLOW.state_label(obj)


class TicketDetailSerializer(TicketSerializer):
    bounces = BounceSerializer(many=True, read_only=True)
    clocks = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta(TicketSerializer.Meta):
        fields = [*TicketSerializer.Meta.fields, "bounces", "clocks", "steps"]

    def get_clocks(self, obj: HotlineTicket) -> list[dict[str, Any]]:
        from ..selectors import clocks

        return ClockSerializer(clocks(obj), many=True, omit=("restart",)).data

    def get_steps(self, obj: HotlineTicket) -> list[str]:
        from ..forms import step_form_name
        from ..selectors import ticket_steps

        return [step_form_name(t.name) for t in ticket_steps(obj, self.context["request"].user)]
