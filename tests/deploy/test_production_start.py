"""The documented production setup starts: prod settings, collected static files, gunicorn,
and the health check answers (docs/deployment.md)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def prod_env(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="fazhi.settings.prod",
        FAZHI_SECRET_KEY="test-secret-key-for-the-start-test-only-0123456789",
        FAZHI_DATA_DIR=str(tmp_path / "data"),
        FAZHI_STATIC_ROOT=str(tmp_path / "static"),
        FAZHI_ALLOWED_HOSTS="127.0.0.1",
        FAZHI_HTTPS="0",
    )
    (tmp_path / "data").mkdir()
    return env


def test_gunicorn_serves_health_check_with_production_settings(prod_env, tmp_path):
    run = lambda *args: subprocess.run(  # noqa: E731
        [str(BIN / "fazhi"), *args],
        env=prod_env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    run("migrate", "--noinput")
    run("collectstatic", "--noinput")
    assert (tmp_path / "static" / "fazhi" / "fazhi.css").exists()
    port = _free_port()
    proc = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "fazhi.wsgi",
        ],
        env=prod_env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
                    body = json.loads(resp.read())
                    break
            except OSError:
                time.sleep(0.1)
        assert body == {"status": "ok", "database": "sqlite"}
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/fazhi/fazhi.css", timeout=2
        ) as resp:
            assert resp.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
