"""Fixtures for the whole suite (kernel tests run without Django too)."""

from __future__ import annotations

import pytest

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Each test starts from the packaged calendar (entered notices live in its own database)."""
    try:
        from fazhi.core.deadlines import official
    except Exception:  # noqa: BLE001 - kernel-only runs without Django
        yield
        return
    official._calendar = None
    yield
    official._calendar = None
