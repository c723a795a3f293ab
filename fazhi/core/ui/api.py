"""``/api/me/``: who the token or session belongs to and what they hold; and
:func:`form_serializer`, which describes a page form to the API schema."""

from __future__ import annotations

from typing import Any

from django import forms
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.accounts.policies import principal


def _field(f: forms.Field) -> serializers.Field:
    common: dict[str, Any] = {
        "required": f.required,
        "label": f.label,
        "help_text": f.help_text or None,
    }
    if isinstance(f, forms.DateField):
        return serializers.DateField(allow_null=not f.required, **common)
    if isinstance(f, forms.NullBooleanField):
        return serializers.BooleanField(allow_null=True, **common)
    if isinstance(f, forms.BooleanField):
        return serializers.BooleanField(**common)
    if isinstance(f, forms.IntegerField | forms.ModelChoiceField):
        return serializers.IntegerField(allow_null=True, **common)
    if isinstance(f, forms.ChoiceField):
        return serializers.ChoiceField(
            choices=[c for c in f.choices if c[0] != ""], allow_blank=not f.required, **common
        )
    return serializers.CharField(allow_blank=not f.required, **common)


def form_serializer(form_class: type[forms.Form], name: str) -> type[serializers.Serializer]:
    """A serializer with the form's fields (types, required, labels) for the OpenAPI schema.

    The step APIs accept exactly what the page form accepts and validate with the form; this
    serializer only documents the body.
    """
    fields = {key: _field(f) for key, f in form_class.base_fields.items()}
    return type(name, (serializers.Serializer,), fields)


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
