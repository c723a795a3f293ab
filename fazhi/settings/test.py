"""Test settings: fast password hashing, in-memory SQLite (or DATABASE_URL), temp blob store."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES, TEST_LEDGER_KEY

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
# A fixed, public key: tests sign checkpoints; the root conftest gives each test its own directory.
FAZHI_LEDGER_KEY = TEST_LEDGER_KEY
FAZHI_LEDGER_KEY_ID = "test-key-not-secret"
FAZHI_CHECKPOINT_DIR = _tmp / "checkpoints"
STATIC_ROOT = _tmp / "static"
STATIC_ROOT.mkdir(exist_ok=True)

# A system declared inside the test suite (tests/sample_system): core serves it with no change.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.sample_system"]  # noqa: F405
