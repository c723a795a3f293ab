"""Serializers of ``/api/proposals/``."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fazhi.systems.disclosure.api.serializers import ClockSerializer, form_serializer

from ..forms import STEP_FORMS, RegisterForm
from ..models import CoOpinion, Proposal
from ..workflow import PROPOSAL_WORKFLOW

STEP_SERIALIZERS = {
    step: form_serializer(form, f"Proposal{''.join(p.title() for p in step.split('_'))}Step")
    for step, form in STEP_FORMS.items()
}
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

        return ClockSerializer(clocks(obj), many=True).data  # type: ignore[return-value]  # many=True: a list (the stubs type .data as one dict)

    def get_steps(self, obj: Proposal) -> list[str]:
        from ..selectors import steps_for

        return steps_for(obj, self.context["request"].user)
