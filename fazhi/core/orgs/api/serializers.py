"""Read-only representations of divisions, agencies, units and staff."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fazhi.core.accounts.models import StaffMember

from .. import policies
from ..models import Agency, Division, Unit


class DivisionSerializer(serializers.ModelSerializer):
    parent: serializers.SlugRelatedField[Division] = serializers.SlugRelatedField(  # type: ignore[assignment]  # a declared field (DRF's metaclass collects it), not Field.parent
        slug_field="code", read_only=True
    )
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Division
        fields = ["id", "code", "name", "level", "level_display", "parent"]


class AgencySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    division: serializers.SlugRelatedField[Division] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "short_name",
            "uscc",
            "kind",
            "kind_display",
            "division",
            "government",
            "is_supervisor",
            "enforcement_subject",
            "order",
            "active",
        ]


class UnitSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "agency", "name", "kind", "kind_display", "parent"]


class RoleGrantSerializer(serializers.Serializer):
    role = serializers.CharField()
    agency = serializers.IntegerField()


class StaffSerializer(serializers.ModelSerializer):
    """公民身份号码 are masked unless the caller is the system administrator."""

    id_number = serializers.SerializerMethodField()
    username = serializers.CharField(source="user.username", default=None, read_only=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = StaffMember
        fields = [
            "id",
            "name",
            "id_number",
            "agency",
            "unit",
            "position",
            "phone",
            "active",
            "username",
            "roles",
        ]

    def get_id_number(self, obj: StaffMember) -> str:
        return policies.shown_id_number(self.context["request"].user, obj.id_number)

    @extend_schema_field(RoleGrantSerializer(many=True))
    def get_roles(self, obj: StaffMember) -> list[dict[str, object]]:
        if obj.user is None:
            return []
        return [{"role": g.role, "agency": g.agency_id} for g in obj.user.role_assignments.all()]
