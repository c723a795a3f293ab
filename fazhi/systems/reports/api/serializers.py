from rest_framework import serializers

from ..models import AnnualReport


class AnnualReportSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = AnnualReport
        fields = [
            "id",
            "agency",
            "agency_name",
            "year",
            "title",
            "part_order",
            "headings",
            "state",
            "secrecy_reviewed_on",
            "submitted_on",
            "main_recipients",
            "copy_recipients",
            "published_item",
            "created_at",
        ]
        read_only_fields = fields
