"""What the API returns: the public shape (no timing, no findings, no withdrawn text) and the
staff shape (timing and what was masked)."""

from __future__ import annotations

from rest_framework import serializers

from ..models import PublishedItem


class AgencyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PublicItemSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    agency = AgencyRefSerializer(read_only=True)
    body = serializers.SerializerMethodField()
    fields = serializers.SerializerMethodField(method_name="public_fields")  # type: ignore[assignment]  # a declared field named "fields" (DRF's metaclass collects it)

    class Meta:
        model = PublishedItem
        fields = [
            "id",
            "kind",
            "kind_display",
            "title",
            "body",
            "fields",
            "agency",
            "decided_on",
            "published_at",
            "published_on",
            "status",
            "status_display",
            "withdrawn_on",
            "withdrawal_reason",
            "digest",
        ]

    def get_body(self, item: PublishedItem) -> str | None:
        """A withdrawn item's text is no longer public: only the notice and reason are."""
        return None if item.is_withdrawn else item.body

    def public_fields(self, item: PublishedItem) -> dict | None:
        return None if item.is_withdrawn else item.fields


class FindingSerializer(serializers.Serializer):
    field = serializers.CharField()
    kind = serializers.CharField()
    rule = serializers.CharField(allow_blank=True)
    ground = serializers.CharField(allow_blank=True)
    start = serializers.IntegerField(allow_null=True, required=False)
    end = serializers.IntegerField(allow_null=True, required=False)
    replacement = serializers.CharField(allow_blank=True, required=False)


class StaffItemSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    agency = AgencyRefSerializer(read_only=True)
    findings = FindingSerializer(many=True, read_only=True)
    source = serializers.SerializerMethodField()  # type: ignore[assignment]  # a declared field (DRF's metaclass collects it), not Field.source

    class Meta:
        model = PublishedItem
        fields = [
            "id",
            "kind",
            "kind_display",
            "title",
            "body",
            "fields",
            "agency",
            "source",
            "decided_on",
            "rule_id",
            "due",
            "provisional",
            "published_at",
            "published_on",
            "on_time",
            "findings",
            "digest",
            "status",
            "withdrawn_at",
            "withdrawn_on",
            "withdrawal_reason",
            "withdrawal_rule_id",
            "changed_on",
            "withdrawal_due",
            "withdrawal_on_time",
        ]

    def get_source(self, item: PublishedItem) -> str | None:
        ct = item.source_type if item.source_type_id is not None else None
        if ct is None:
            return None
        return f"{ct.app_label}.{ct.model}:{item.source_id}"
