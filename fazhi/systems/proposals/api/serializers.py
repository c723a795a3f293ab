"""Serializers of ``/api/proposals/``."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fazhi.core.deadlines.api.serializers import ClockSerializer
from fazhi.core.workflow.api_views import form_serializer

from ..forms import RegisterForm
from ..models import CoOpinion, Proposal
from ..steps import PROPOSAL_STEPS
from ..workflow import PROPOSAL_WORKFLOW

RegisterSerializer = form_serializer(RegisterForm, "ProposalRegister")


class CoOpinionSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = CoOpinion
        fields = ["id", "unit", "unit_name", "round", "submitted_on", "opinion"]


class ProposalSerializer(serializers.ModelSerializer):
    state_label = serializers.SerializerMethodField()
    lead_unit_name = serializers.CharField(source="lead_unit.name", read_only=True, default="")

    class Meta:
        model = Proposal
        fields = [
            "id",
            "agency",
            "kind",
            "number",
            "session",
            "year",
            "author",
            "title",
            "received_on",
            "state",
            "state_label",
            "lead_unit",
            "lead_unit_name",
            "co_units",
            "assigned_on",
            "answer_due",
            "answered_on",
            "result",
            "on_time",
            "satisfaction",
            "feedback_on",
            "rehandle_count",
            "concluded_on",
        ]

    def get_state_label(self, obj: Proposal) -> str:
        return PROPOSAL_WORKFLOW.state_label(obj)


class ProposalDetailSerializer(ProposalSerializer):
    opinions = CoOpinionSerializer(many=True, read_only=True)
    clocks = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta(ProposalSerializer.Meta):
        fields = [
            *ProposalSerializer.Meta.fields,
            "content",
            "answer",
            "answer_number",
            "feedback_note",
            "opinions",
            "clocks",
            "steps",
        ]

    def get_clocks(self, obj: Proposal) -> list[dict[str, Any]]:
        from ..selectors import clocks

        # many=True makes a list serializer whose .data is a ReturnList; the stubs type it as one
        # serializer's ReturnDict.
        return ClockSerializer(clocks(obj), many=True, omit=("key",)).data  # type: ignore[return-value]

    def get_steps(self, obj: Proposal) -> list[str]:
        return PROPOSAL_STEPS.names(obj, self.context["request"].user)
