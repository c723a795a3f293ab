"""Serializers of ``/api/disputes/``; step bodies are built from the page forms."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fazhi.core.deadlines.api.serializers import ClockSerializer
from fazhi.core.ui.api import form_serializer

from ..forms import (
    STEP_FORMS,
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


def _camel(text: str) -> str:
    return "".join(p.title() for p in text.split("_"))


STEP_SERIALIZERS = {
    kind: {
        step: form_serializer(form, f"{_camel(kind)}{_camel(step)}Step")
        for step, form in steps.items()
    }
    for kind, steps in STEP_FORMS.items()
}
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
        from ..selectors import steps_for

        request = self.context.get("request")
        return [t.name for t in steps_for(self.kind, obj, request.user)] if request else []


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
