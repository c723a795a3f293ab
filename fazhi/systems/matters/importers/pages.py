"""What the platform's import page shows beside the matters app's importers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from .. import policies


def export_url(kind: str) -> Callable[[Any], str]:
    """The current data of the user's first agency in the import format (a filled template)."""

    def url(user: Any) -> str:
        first = policies.manageable_agencies(user).first()
        return f"{reverse('matters:export', args=[kind])}?agency={first.pk}" if first else ""

    return url
