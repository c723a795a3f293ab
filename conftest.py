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


@pytest.fixture(autouse=True)
def _own_checkpoint_dir(request):
    """Each test files ledger checkpoints in its own directory: the database is emptied
    between tests, and a checkpoint left by another test would read as a truncated ledger."""
    try:
        from django.conf import settings

        settings.FAZHI_CHECKPOINT_DIR  # noqa: B018 - raises when Django is not configured
    except Exception:  # noqa: BLE001 - kernel-only runs without Django
        yield
        return
    base = request.getfixturevalue("tmp_path_factory").getbasetemp()
    old = settings.FAZHI_CHECKPOINT_DIR
    settings.FAZHI_CHECKPOINT_DIR = base / f"checkpoints-{id(request)}-{request.node.name[:40]}"
    yield
    settings.FAZHI_CHECKPOINT_DIR = old
