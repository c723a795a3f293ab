"""Settings of the empty instance a test restores into, run as a separate process: the test
settings (same apps, same migrations), with the database and the blob directory taken from the
environment (``FAZHI_DATA_DIR``, and ``DATABASE_URL`` for PostgreSQL)."""

import os
from pathlib import Path

from fazhi.settings.base import database_from_env
from fazhi.settings.test import *  # noqa: F403
from fazhi.settings.test import STORAGES

DATA_DIR = Path(os.environ["FAZHI_DATA_DIR"])
DATABASES = {"default": database_from_env(DATA_DIR / "fazhi.sqlite3")}
FAZHI_BLOB_DIR = DATA_DIR / "blobs"
STORAGES = {
    **STORAGES,
    "blobs": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(FAZHI_BLOB_DIR)},
    },
}
MEDIA_ROOT = DATA_DIR / "media"
