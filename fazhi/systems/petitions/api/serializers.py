"""Serializers of ``/api/petitions/`` (step bodies are drawn by core from the page forms)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fazhi.core.deadlines.api.serializers import ClockSerializer

from ..hotline import TICKET_WORKFLOW
from ..models import HotlineTicket, Petition, TicketBounce
from ..workflow import PETITION_WORKFLOW


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
        from ..steps import PETITION_STEPS

        return PETITION_STEPS.names(obj, self.context["request"].user)


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
        from ..steps import TICKET_STEPS

        return TICKET_STEPS.names(obj, self.context["request"].user)
