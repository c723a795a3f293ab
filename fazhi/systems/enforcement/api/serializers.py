"""Serializers of the case API. A step's request body is derived from the step's form, so the
HTML page and the API accept exactly the same fields (and the form validates both)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from rest_framework import serializers

from ..models import Case, CaseDocument, Evidence


class CaseSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    matter_name = serializers.SerializerMethodField()
    fine_due = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "source_number",
            "agency",
            "agency_name",
            "matter",
            "matter_name",
            "procedure",
            "state",
            "state_label",
            "registered_on",
            "party_kind",
            "party_name",
            "violation_date",
            "opened_on",
            "decision_due",
            "notice_served_on",
            "hearing_right",
            "outcome",
            "decided_on",
            "decision_number",
            "decided_types",
            "decided_fine",
            "decided_confiscation",
            "tier",
            "tier_label",
            "recommended_min",
            "recommended_max",
            "benchmark_version_id",
            "flagged_for_review",
            "lenient_kind",
            "decision_on_time",
            "decision_served_on",
            "service_mode",
            "payment_due",
            "paid_amount",
            "surcharge_paid",
            "fine_due",
            "published_on",
            "publication_on_time",
            "closed_on",
            "archived_on",
        ]
        read_only_fields = fields

    def get_matter_name(self, obj: Case) -> str:
        return obj.matter.name if obj.matter_id else ""


class DocumentSerializer(serializers.ModelSerializer):
    digest = serializers.CharField(source="file_id", read_only=True)
    name = serializers.CharField(source="file.name", read_only=True)

    class Meta:
        model = CaseDocument
        fields = ["id", "kind", "name", "digest", "generated_at"]


class EvidenceSerializer(serializers.ModelSerializer):
    digest = serializers.CharField(source="file_id", read_only=True, allow_null=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "title",
            "collected_on",
            "digest",
            "electronic_monitoring",
            "monitoring_audited",
        ]


def _field(f: forms.Field) -> serializers.Field:
    common: dict[str, Any] = {
        "required": f.required,
        "label": str(f.label or ""),
        "help_text": str(f.help_text or ""),
    }
    if isinstance(f, forms.BooleanField):
        return serializers.BooleanField(required=False, default=False, label=common["label"])
    if isinstance(f, forms.DateField):
        return serializers.DateField(allow_null=not f.required, **common)
    if isinstance(f, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=14, decimal_places=2, allow_null=not f.required, **common
        )
    if isinstance(f, forms.FileField):
        return serializers.FileField(**common)
    if isinstance(f, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return serializers.ListField(child=serializers.CharField(), **common)
    if isinstance(f, forms.ModelChoiceField):
        return serializers.IntegerField(allow_null=not f.required, **common)
    if isinstance(f, forms.ChoiceField):
        return serializers.ChoiceField(
            choices=list(f.choices), allow_blank=not f.required, **common
        )
    return serializers.CharField(allow_blank=not f.required, **common)


@cache
def serializer_for(form_class: type[forms.Form], name: str) -> type[serializers.Serializer]:
    """A serializer describing ``form_class``'s fields (for the OpenAPI schema)."""
    form = form_class()
    attrs = {n: _field(f) for n, f in form.fields.items()}
    return type(f"{name.title().replace('_', '')}Request", (serializers.Serializer,), attrs)
