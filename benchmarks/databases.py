"""A fresh, migrated database for a benchmark's child process, SQLite or PostgreSQL."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Callable


def pg_url(name: str) -> str | None:
    """The address of database ``name`` on the PostgreSQL of ``DATABASE_URL``, else on
    127.0.0.1:5432 when it answers; None when there is no PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url.rsplit("/", 1)[0] + f"/{name}"
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return f"postgres://postgres@127.0.0.1:5432/{name}"
    except OSError:
        return None


def _admin(url: str) -> str:
    return url.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"


def fresh(backend: str, name: str) -> tuple[dict[str, str], Callable[[], None]]:
    """Point this process at a new empty database (a temporary SQLite file, or PostgreSQL
    database ``name`` dropped and created), set Django up and migrate it; returns the
    environment that points at it (for child processes) and the clean-up."""
    tmp = tempfile.mkdtemp(prefix=f"{name}-")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="fazhi.settings.test", FAZHI_DATA_DIR=tmp)
    admin = None
    if backend == "postgresql":
        import psycopg

        url = pg_url(name)
        assert url is not None
        admin = _admin(url)
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name}")
            c.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = url
    os.environ.clear()
    os.environ.update(env)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    def cleanup() -> None:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(tmp, ignore_errors=True)
        if admin is not None:
            import psycopg

            with psycopg.connect(admin, autocommit=True) as c:
                c.execute(f"DROP DATABASE IF EXISTS {name}")

    return env, cleanup


def in_children(
    module: str, backends: list[str], header: Callable[[str], str], *args: str, mark: str = "@@"
) -> list[str]:
    """Run ``python -m module --child BACKEND ARGS…`` once per database, each in a fresh process,
    and return a header line per database followed by the child's lines that start with
    ``mark`` (or the tail of its error output when it failed)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    lines: list[str] = []
    for backend in backends:
        lines.append(header(backend))
        proc = subprocess.run(
            [sys.executable, "-m", module, "--child", backend, *args],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(root)},
            cwd=root,
        )
        lines += [f"  {x[len(mark) :]}" for x in proc.stdout.splitlines() if x.startswith(mark)]
        if proc.returncode != 0:
            lines.append(f"  FAILED (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return lines
