"""Test settings: fast password hashing, in-memory SQLite (or DATABASE_URL), temp blob store."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

FAZHI_LEDGER_CHECKPOINT_KEY = "test-only-checkpoint-key-0123456789"
FAZHI_LEDGER_CHECKPOINT_KEY_ID = "test"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_tmp = Path(tempfile.mkdtemp(prefix="fazhi-test-"))
DATA_DIR = _tmp
FAZHI_BLOB_DIR = _tmp / "blobs"
STORAGES = {
    **STORAGES,
    "blobs": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(FAZHI_BLOB_DIR)},
    },
}
STATIC_ROOT = _tmp / "static"
STATIC_ROOT.mkdir(exist_ok=True)

# A system declared inside the test suite (tests/sample_system): core serves it with no change.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.sample_system"]  # noqa: F405
