"""Serializers of the case API. A request body is derived from its form (core's
``form_serializer``), so the HTML page and the API accept exactly the same fields (and the form
validates both)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fazhi.core.deadlines import services as deadlines
from fazhi.core.workflow.api_views import form_serializer
from fazhi.core.workflow.engine import ACTION_TYPES

from .. import forms, selectors
from ..models import Case, CaseDocument, Evidence
from ..steps import CASE_STEPS


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
            "notice_posted_on",
            "notice_service_mode",
            "hearing_right",
            "hearing_grounds",
            "hearing_basis",
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
            "no_penalty_reason",
            "no_fault_exception",
            "lenient_kind",
            "decision_on_time",
            "decision_served_on",
            "decision_notice_on",
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
        fields = ["id", "kind", "version", "name", "digest", "generated_at"]


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


class CaseDetailSerializer(CaseSerializer):
    """One case with the steps the requesting user may take now, its deadlines, history,
    documents and evidence (what every case endpoint answers)."""

    def to_representation(self, case: Case) -> dict[str, Any]:
        data = super().to_representation(case)
        user = self.context["request"].user
        data["steps"] = [
            {"name": s.name, "label": s.label} for s in CASE_STEPS.available(case, user)
        ]
        data["deadlines"] = [
            {
                "rule": d.rule_id,
                "key": d.key,
                "title": d.title,
                "trigger": d.trigger,
                "due": d.due,
                "status": d.status,
                "closed_on": d.closed_on,
                "on_time": d.on_time,
            }
            for d in deadlines.deadlines_of(case)
        ]
        data["history"] = [
            {
                "action": h.action,
                "label": ACTION_TYPES.get(h.action, h.action),
                "from": h.from_state,
                "to": h.to_state,
                "on_date": h.on_date,
                "ledger_leaf": h.ledger_leaf,
            }
            for h in selectors.case_history(case)
        ]
        data["documents"] = DocumentSerializer(
            case.documents.select_related("file"), many=True
        ).data
        data["evidence"] = EvidenceSerializer(case.evidence.all(), many=True).data
        return data


RegisterSourceSerializer = form_serializer(forms.RegisterSourceForm, "EnforcementRegisterSource")
SummarySerializer = form_serializer(forms.SummaryForm, "EnforcementSummaryPenalty")
