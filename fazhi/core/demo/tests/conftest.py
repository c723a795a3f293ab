"""The demo county is loaded once per test module inside a transaction that is rolled back at
the end of the module; each test runs in a savepoint within it (pytest-django's ``db``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from fazhi.core.demo.generator import DemoCounty, load


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[DemoCounty]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield load(run_registered=False)  # other apps' loaders are tested by their apps
        transaction.set_rollback(True)
