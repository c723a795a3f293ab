"""Small template helpers. Decisions stay in policies; these only format."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def call(func, arg: Any) -> Any:
    return func(arg)


@register.filter
def get(mapping, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
