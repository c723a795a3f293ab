"""Serializers of ``/api/disclosure/``. The step bodies are built from the page forms, so the
API accepts exactly what the pages accept and hands it to the same services."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fazhi.core.deadlines.api.serializers import ClockSerializer
from fazhi.core.workflow.api_views import form_serializer

from .. import rules
from ..forms import RegisterForm
from ..models import Consultation, DisclosureRequest
from ..workflow import REQUEST_WORKFLOW

RegisterSerializer = form_serializer(RegisterForm, "DisclosureRegister")


class ConsultationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Consultation
        fields = [
            "id",
            "kind",
            "party",
            "sent_on",
            "delivered_on",
            "due",
            "replied_on",
            "opinion",
            "opinion_text",
            "resumed_on",
            "status",
        ]


class RequestSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    state_label = serializers.SerializerMethodField()
    answer_basis = serializers.SerializerMethodField()

    class Meta:
        model = DisclosureRequest
        fields = [
            "id",
            "number",
            "agency",
            "agency_name",
            "state",
            "state_label",
            "applicant_kind",
            "applicant_name",
            "content",
            "act_type",
            "act_id",
            "act_description",
            "delivery_form",
            "channel",
            "submitted_on",
            "signed_on",
            "confirmed_on",
            "received_on",
            "correction_notice_on",
            "correction_due",
            "correction_received_on",
            "extended",
            "answer_due",
            "answer_due_provisional",
            "answer_type",
            "answer_basis",
            "refusal_ground",
            "reason",
            "answered_on",
            "letter_number",
            "on_time",
            "report_row",
            "close_reason",
            "closed_on",
        ]

    def get_state_label(self, obj: DisclosureRequest) -> str:
        return REQUEST_WORKFLOW.state_label(obj)

    def get_answer_basis(self, obj: DisclosureRequest) -> str:
        t = rules.ANSWER_TYPES.get(obj.answer_type)
        return t.citation if t else ""


class RequestDetailSerializer(RequestSerializer):
    consultations = ConsultationSerializer(many=True, read_only=True)
    clocks = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta(RequestSerializer.Meta):
        fields = [*RequestSerializer.Meta.fields, "consultations", "clocks", "steps"]

    def get_clocks(self, obj: DisclosureRequest) -> list[dict[str, Any]]:
        from ..selectors import clocks

        return ClockSerializer(clocks(obj), many=True, omit=("key",)).data

    def get_steps(self, obj: DisclosureRequest) -> list[str]:
        from ..steps import REQUEST_STEPS

        return REQUEST_STEPS.names(obj, self.context["request"].user)
