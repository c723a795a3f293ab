"""Serializers of the personnel API. Input serializers only parse; services validate and write."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Certificate, CertificateEvent, TrainingRecord


class CertificateEventSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = CertificateEvent
        fields = ["kind", "kind_label", "on", "valid_until", "reason", "ledger_leaf"]


class CertificateSerializer(serializers.ModelSerializer):
    staff_name = serializers.CharField(source="staff.name", read_only=True)
    agency = serializers.IntegerField(source="staff.agency_id", read_only=True)
    state_label = serializers.CharField(read_only=True)
    events = CertificateEventSerializer(many=True, read_only=True)

    class Meta:
        model = Certificate
        fields = [
            "id",
            "staff",
            "staff_name",
            "agency",
            "kind",
            "number",
            "fields",
            "issuer",
            "issued_on",
            "expires_on",
            "status",
            "status_changed_on",
            "state_label",
            "events",
        ]
        read_only_fields = fields


class IssueSerializer(serializers.Serializer):
    staff = serializers.IntegerField()
    kind = serializers.ChoiceField(
        choices=Certificate.Kind.choices, default=Certificate.Kind.ENFORCEMENT
    )
    number = serializers.CharField(max_length=32)
    fields = serializers.ListField(child=serializers.CharField(max_length=32), default=list)
    issuer = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    issued_on = serializers.DateField()
    expires_on = serializers.DateField()


class TrainingRecordSerializer(serializers.ModelSerializer):
    staff_name = serializers.CharField(source="staff.name", read_only=True)

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "staff",
            "staff_name",
            "year",
            "category",
            "title",
            "date",
            "hours",
            "provider",
        ]
        read_only_fields = ["id", "staff_name"]
        extra_kwargs = {"year": {"required": False}, "staff": {"validators": []}}
        validators: list = []


class CheckSerializer(serializers.Serializer):
    staff = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
    on = serializers.DateField()
    field = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")


class CertCheckSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    reason = serializers.CharField()
    certificate_id = serializers.IntegerField(allow_null=True)
    certificate_ids = serializers.ListField(child=serializers.IntegerField())
    failed_staff_ids = serializers.ListField(child=serializers.IntegerField())
