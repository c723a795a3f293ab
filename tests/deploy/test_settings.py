"""The configuration docs/deployment.md documents: embedded SQLite in WAL
mode by default and PostgreSQL from DATABASE_URL, Asia/Shanghai and zh-hans, evidence files on
S3-compatible storage through django-storages when FAZHI_S3_BUCKET is set, and the OpenAPI
schema and its docs page served with nothing from the internet."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from fazhi.settings.base import database_from_env

ROOT = Path(__file__).resolve().parents[2]


def test_embedded_sqlite_in_wal_mode_unless_database_url(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = database_from_env(tmp_path / "fazhi.sqlite3")
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "fazhi.sqlite3")
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    monkeypatch.setenv("DATABASE_URL", "postgres://fazhi@db.example:5432/fazhi")
    db = database_from_env(tmp_path / "unused.sqlite3")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["NAME"]) == ("db.example", "fazhi")


def test_time_zone_and_language():
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.USE_TZ
    assert settings.LANGUAGE_CODE == "zh-hans"


def _settings_in_child(env: dict[str, str], code: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "FAZHI_S3_BUCKET"}}
    clean.update(env)
    out = subprocess.run(
        [sys.executable, "-c", code], env=clean, cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


PROBE = """
import json, django
django.setup()
from django.core.files.storage import storages
from fazhi.core.ledger.services import blob_storage
s = storages["blobs"]
print(json.dumps({"cls": f"{type(s).__module__}.{type(s).__name__}",
                  "same": blob_storage() is s,
                  "bucket": getattr(s, "bucket_name", None),
                  "endpoint": getattr(s, "endpoint_url", None),
                  "overwrite": getattr(s, "file_overwrite", None)}))
"""


def test_evidence_files_go_to_s3_compatible_storage_when_configured(tmp_path):
    """django-storages' S3 backend (with boto3, installed by ``.[scale]``) is what the ledger's
    file store uses once FAZHI_S3_BUCKET is set; files are never overwritten (content digests)."""
    base = {"DJANGO_SETTINGS_MODULE": "fazhi.settings.dev", "FAZHI_DATA_DIR": str(tmp_path)}
    got = _settings_in_child(
        {**base, "FAZHI_S3_BUCKET": "fazhi-evidence", "FAZHI_S3_ENDPOINT": "http://minio:9000"},
        PROBE,
    )
    assert got == {
        "cls": "storages.backends.s3.S3Storage",
        "same": True,
        "bucket": "fazhi-evidence",
        "endpoint": "http://minio:9000",
        "overwrite": False,
    }
    local = _settings_in_child(base, PROBE)
    assert local["cls"] == "django.core.files.storage.filesystem.FileSystemStorage"


@pytest.mark.django_db
def test_openapi_schema_and_docs_are_served_locally(client):
    from tests import factories as f

    client.force_login(f.user("zhifa"))
    schema = client.get(reverse("schema"), HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    body = json.loads(schema.content)
    assert body["openapi"].startswith("3.") and "/api/deadlines/" in body["paths"]
    docs = client.get(reverse("api-docs"))
    assert docs.status_code == 200
    html = docs.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui" in a for a in assets), assets
    assert not [a for a in assets if a.startswith(("http://", "https://", "//"))], assets
    for asset in (a for a in assets if a.startswith("/static/")):
        # every asset the page loads is in the installed static files (no CDN)
        from django.contrib.staticfiles import finders

        assert finders.find(asset.removeprefix("/static/")), asset
