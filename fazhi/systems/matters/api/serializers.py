"""Serializers of the matters API (read models, and the inputs of the decision-time checks)."""

from __future__ import annotations

from rest_framework import serializers

from ..models import (
    BenchmarkTier,
    BenchmarkVersion,
    LegalBasis,
    LenientList,
    LenientListItem,
    Matter,
)


class LegalBasisSerializer(serializers.ModelSerializer):
    citation = serializers.CharField(read_only=True)

    class Meta:
        model = LegalBasis
        fields = [
            "id",
            "role",
            "instrument",
            "article",
            "citation",
            "quote",
            "effective_from",
            "effective_to",
            "fine_min",
            "fine_max",
        ]


class MatterSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    bases = LegalBasisSerializer(many=True, read_only=True)

    class Meta:
        model = Matter
        fields = [
            "id",
            "agency",
            "code",
            "name",
            "kind",
            "kind_label",
            "field",
            "unit",
            "fine_min",
            "fine_max",
            "in_review_catalogue",
            "review_catalogue_reason",
            "criminal_threshold_amount",
            "criminal_threshold_note",
            "life_health_finance",
            "active",
            "bases",
        ]


class BenchmarkTierSerializer(serializers.ModelSerializer):
    tier_label = serializers.CharField(source="get_tier_display", read_only=True)

    class Meta:
        model = BenchmarkTier
        fields = [
            "tier",
            "tier_label",
            "severity",
            "circumstances",
            "min_amount",
            "max_amount",
            "standard",
        ]


class BenchmarkVersionSerializer(serializers.ModelSerializer):
    matter = serializers.IntegerField(source="benchmark.matter_id", read_only=True)
    violation = serializers.CharField(source="benchmark.violation", read_only=True)
    tiers = BenchmarkTierSerializer(many=True, read_only=True)

    class Meta:
        model = BenchmarkVersion
        fields = [
            "id",
            "matter",
            "violation",
            "label",
            "effective_from",
            "effective_to",
            "published",
            "published_on",
            "document_number",
            "tiers",
        ]


class LenientItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = LenientListItem
        fields = ["id", "matter", "description", "conditions", "legal_basis", "measure"]


class LenientListSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    items = LenientItemSerializer(many=True, read_only=True)

    class Meta:
        model = LenientList
        fields = [
            "id",
            "agency",
            "kind",
            "kind_label",
            "title",
            "version",
            "effective_from",
            "effective_to",
            "document_number",
            "published_on",
            "items",
        ]


class TrialSerializer(serializers.Serializer):
    on = serializers.DateField()
    violation_date = serializers.DateField(required=False, allow_null=True)
    circumstances = serializers.ListField(child=serializers.CharField(max_length=64), default=list)
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
