"""``/api/me/``: who the token or session belongs to and what they hold."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.accounts.policies import principal


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.DictField())
    visible_agencies = serializers.ListField(child=serializers.IntegerField())


@extend_schema(responses=MeSerializer, summary="当前用户与角色")
@api_view(["GET"])
def me(request: Request) -> Response:
    p = principal(request.user)
    return Response(
        {
            "username": request.user.username,
            "display_name": str(request.user),
            "roles": [{"role": r, "agency": a} for r, a in sorted(p.grants)],
            "visible_agencies": sorted(p.visible_agency_ids),
        }
    )
