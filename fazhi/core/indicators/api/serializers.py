"""JSON shapes of indicators, values and drill-down rows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rest_framework import serializers

from ..registry import Indicator, Period, Value


def number(n: Any) -> Any:
    """Decimals go out as JSON numbers (percentages carry one decimal place)."""
    if isinstance(n, Decimal):
        exponent = n.as_tuple().exponent  # an int for finite numbers
        integral = isinstance(exponent, int) and exponent >= 0 and n == n.to_integral_value()
        return int(n) if integral else float(n)
    return n


def plain(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return number(v)
    if v is None or isinstance(v, bool | int | float | str):
        return v
    return str(v)


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    area = serializers.CharField()
    description = serializers.CharField()
    citation = serializers.CharField()
    higher_is_better = serializers.BooleanField(allow_null=True)
    aggregate = serializers.CharField()

    def to_representation(self, instance: Indicator) -> dict[str, Any]:
        return {name: getattr(instance, name) for name, _ in self.fields.items()}


def value_dict(v: Value) -> dict[str, Any]:
    return {
        "value": number(v.value),
        "numerator": number(v.numerator),
        "denominator": number(v.denominator),
        "unit": v.unit,
        "note": v.note,
        "display": v.display,
    }


def period_dict(p: Period) -> dict[str, Any]:
    return {
        "code": p.code,
        "label": p.label,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
    }


class ValueSerializer(serializers.Serializer):
    """Documentation shape of one value (the view builds the dict directly)."""

    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    area = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    note = serializers.CharField()
    display = serializers.CharField()
    records_url = serializers.CharField()


class ValuesResponseSerializer(serializers.Serializer):
    agency = serializers.DictField()
    period = serializers.DictField()
    agency_ids = serializers.ListField(child=serializers.IntegerField())
    values = ValueSerializer(many=True)


class RecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field (DRF's metaclass collects it), not Field.label
    values = serializers.DictField()
