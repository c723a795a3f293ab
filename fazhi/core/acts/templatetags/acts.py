"""``{% matters_about act %}``: the small read-only list of every matter about an act, for the
act's own page (e.g. the enforcement case detail)."""

from __future__ import annotations

from typing import Any

from django import template

from ..indicators import act_url
from ..selectors import matter_rows

register = template.Library()


@register.inclusion_tag("acts/_matters.html")
def matters_about(act: Any) -> dict[str, Any]:
    return {"rows": matter_rows(act), "all_url": act_url(act)}
