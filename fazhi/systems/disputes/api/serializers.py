"""Serializers of ``/api/disputes/``; step bodies are built from the page forms."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fazhi.core.deadlines.api.serializers import ClockSerializer
from fazhi.core.workflow.api_views import form_serializer

from ..forms import (
    LitigationRegisterForm,
    ReconsiderationRegisterForm,
    RespondenceRegisterForm,
)
from ..models import (
    CourtHearing,
    Hearing,
    LitigationCase,
    Recommendation,
    ReconsiderationCase,
    Respondence,
)
from ..workflow import WORKFLOWS

REGISTER_SERIALIZERS = {
    "reconsideration": form_serializer(ReconsiderationRegisterForm, "ReconsiderationRegister"),
    "respondence": form_serializer(RespondenceRegisterForm, "RespondenceRegister"),
    "litigation": form_serializer(LitigationRegisterForm, "LitigationRegister"),
}


class _Base(serializers.ModelSerializer):
    kind = ""
    state_label = serializers.SerializerMethodField()
    clocks = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    def get_state_label(self, obj: Any) -> str:
        return WORKFLOWS[self.kind].state_label(obj)

    def get_clocks(self, obj: Any) -> list[dict[str, Any]]:
        from ..selectors import clocks

        return ClockSerializer(clocks(obj), many=True, omit=("key", "restart")).data

    def get_steps(self, obj: Any) -> list[str]:
        from ..steps import STEP_SETS

        request = self.context.get("request")
        return STEP_SETS[self.kind].names(obj, request.user) if request else []


class HearingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hearing
        exclude = ["case"]


class CourtHearingSerializer(serializers.ModelSerializer):
    class Meta:
        model = CourtHearing
        exclude = ["case"]


class ReconsiderationSerializer(_Base):
    kind = "reconsideration"
    hearings = HearingSerializer(many=True, read_only=True)

    class Meta:
        model = ReconsiderationCase
        exclude = ["act_type"]


class RespondenceSerializer(_Base):
    kind = "respondence"

    class Meta:
        model = Respondence
        exclude = ["act_type"]


class LitigationSerializer(_Base):
    kind = "litigation"
    hearings = CourtHearingSerializer(many=True, read_only=True)

    class Meta:
        model = LitigationCase
        exclude = ["act_type"]


class RecommendationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recommendation
        exclude = ["created_by"]


SERIALIZERS = {
    "reconsideration": ReconsiderationSerializer,
    "respondence": RespondenceSerializer,
    "litigation": LitigationSerializer,
}
