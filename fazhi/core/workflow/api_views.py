"""One DRF endpoint per declared step, with its OpenAPI description, from a :class:`StepSet`.

Each endpoint validates the request with the step's own form (so the API accepts exactly what
the page accepts), calls the same service, and answers with the record's serializer. A refusal
comes back as 409 with its guards and articles (:mod:`fazhi.core.workflow.api`), invalid fields
as 400.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import URLPattern, path
from django.utils.datastructures import MultiValueDict
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .steps import Step, StepSet


def form_data(data: Any) -> Any:
    """Request data as a form expects it: a QueryDict as it is; JSON values as a
    ``MultiValueDict`` (lists kept for multiple choices, ``null`` as empty)."""
    if hasattr(data, "getlist"):
        return data
    out: MultiValueDict = MultiValueDict()
    for key, value in data.items() if hasattr(data, "items") else []:
        values = value if isinstance(value, list) else [value]
        out.setlist(key, ["" if v is None else v for v in values])
    return out


def form_errors(form: forms.Form) -> ValidationError:
    return ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})


def _field(f: forms.Field) -> serializers.Field:
    common: dict[str, Any] = {
        "required": f.required,
        "label": f.label,
        "help_text": str(f.help_text) if f.help_text else None,
    }
    if isinstance(f, forms.NullBooleanField):
        return serializers.BooleanField(allow_null=True, **{**common, "required": False})
    if isinstance(f, forms.BooleanField):
        return serializers.BooleanField(**{**common, "required": False})
    if isinstance(f, forms.DateField):
        return serializers.DateField(allow_null=not f.required, **common)
    if isinstance(f, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=f.max_digits, decimal_places=f.decimal_places, allow_null=True, **common
        )
    if isinstance(f, forms.IntegerField):
        return serializers.IntegerField(allow_null=not f.required, **common)
    if isinstance(f, forms.ModelMultipleChoiceField):
        return serializers.ListField(child=serializers.IntegerField(), **common)
    if isinstance(f, forms.ModelChoiceField):
        return serializers.IntegerField(allow_null=True, **common)
    if isinstance(f, forms.MultipleChoiceField):
        return serializers.ListField(child=serializers.CharField(), **common)
    if isinstance(f, forms.ChoiceField):
        choices: Iterable[tuple[Any, Any]] = f.choices  # type: ignore[assignment]  # a form's choices are pairs once the field is built
        return serializers.ChoiceField(
            choices=[c for c in choices if c[0] != ""], allow_blank=not f.required, **common
        )
    if isinstance(f, forms.FileField):
        return serializers.FileField(**common)
    return serializers.CharField(allow_blank=not f.required, **common)


def form_serializer(form_class: type[forms.Form], name: str) -> type[serializers.Serializer]:
    """A serializer with the form's fields (types, required, labels) for the OpenAPI schema."""
    fields = {key: _field(f) for key, f in form_class.base_fields.items()}
    return type(name, (serializers.Serializer,), fields)


def _camel(text: str) -> str:
    return "".join(p.title() for p in text.replace(".", "_").split("_"))


def step_endpoint(stepset: StepSet, step: Step) -> type[APIView]:
    """The POST endpoint of ``step``."""

    class StepAPIView(APIView):
        def post(self, request: Request, pk: int) -> Response:
            obj = stepset.get(request.user, pk)
            if stepset.refuse_unavailable(step, obj, request.user):
                raise PermissionDenied(f"您无权执行“{step.label}”，或者当前状态不允许。")
            form = stepset.form(
                obj, request.user, step.name, form_data(request.data), request.FILES
            )
            if not form.is_valid():
                raise form_errors(form)
            stepset.perform(obj, request.user, step.name, form, request.FILES)
            obj = stepset.get(request.user, pk)
            return Response(stepset.serializer_class()(obj, context={"request": request}).data)

    prefix = stepset.operation_prefix or stepset.key.replace(".", "_")
    StepAPIView.post = extend_schema(  # type: ignore[method-assign]
        summary=step.label,
        tags=[stepset.api_tag or stepset.key.split(".")[0]],
        operation_id=f"{prefix}_{step.name}",
        request=form_serializer(step.form, f"{_camel(stepset.key)}{_camel(step.name)}Step"),
        responses={200: stepset.serializer_class()},
    )(StepAPIView.post)
    name = f"{_camel(stepset.key)}{_camel(step.name)}StepAPIView"
    StepAPIView.__name__ = StepAPIView.__qualname__ = name
    StepAPIView.__doc__ = step.label
    return StepAPIView


def api_urlpatterns(stepset: StepSet) -> list[URLPattern]:
    """One URL per step: ``stepset.api_path`` with ``{step}``, named ``stepset.api_name``."""
    return [
        path(
            stepset.api_path.format(step=step.name),
            step_endpoint(stepset, step).as_view(),
            name=stepset.api_name.format(step=step.name),
        )
        for step in stepset.steps
    ]
