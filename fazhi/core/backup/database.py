"""One consistent snapshot of the database, and loading it back, per vendor.

SQLite: the online backup API copies every page in a single step, inside one read transaction,
so the copy is one snapshot even while the application writes (WAL mode lets writers go on).
PostgreSQL: a REPEATABLE READ transaction exports its snapshot; ``pg_dump --snapshot`` dumps
exactly that snapshot in custom format, and the facts the manifest records (migrations, row
counts, the ledger head, the stored files) are read inside the same transaction, so they
describe exactly what the dump holds. ``pg_restore`` loads it in a single transaction.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.recorder import MigrationRecorder

from fazhi.core.ledger.models import LedgerEntry, StoredFile

Say = Callable[[str], None]

VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DUMP_NAMES = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.pgdump"}


class BackupError(Exception):
    """A backup or restore was refused or failed; ``args[0]`` is a Chinese message."""


@dataclass
class Facts:
    """What a database snapshot holds, read from the snapshot itself."""

    migrations: dict[str, list[str]] = field(default_factory=dict)
    tables: dict[str, int] = field(default_factory=dict)
    ledger: dict[str, Any] = field(default_factory=dict)
    files: list[tuple[str, str, int]] = field(default_factory=list)  # digest, algorithm, size
    server_version: str = ""


def vendor_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in VENDORS:
        raise BackupError(f"不支持备份 {connection.vendor} 数据库：只支持 SQLite 与 PostgreSQL。")
    return connection.vendor


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _facts(cursor: Any, tables: list[str]) -> Facts:
    """Read the manifest's facts through a DB-API cursor that sees the snapshot."""
    migrations_table = MigrationRecorder.Migration._meta.db_table
    ledger_table = LedgerEntry._meta.db_table
    files_table = StoredFile._meta.db_table
    missing = {migrations_table, ledger_table, files_table} - set(tables)
    if missing:
        raise BackupError(
            f"数据库尚未初始化（缺少表 {'、'.join(sorted(missing))}），请先执行 fazhi migrate。"
        )
    facts = Facts()
    for name in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(name)}")
        facts.tables[name] = int(cursor.fetchone()[0])
    cursor.execute(f"SELECT app, name FROM {_quote(migrations_table)} ORDER BY id")
    for app, name in cursor.fetchall():
        facts.migrations.setdefault(app, []).append(name)
    cursor.execute(f"SELECT seq, digest FROM {_quote(ledger_table)} ORDER BY seq DESC LIMIT 1")
    head = cursor.fetchone()
    facts.ledger = {
        "entries": facts.tables[ledger_table],
        "head_seq": int(head[0]) if head else 0,
        "head_digest": head[1] if head else "",
    }
    cursor.execute(f"SELECT digest, algorithm, size FROM {_quote(files_table)} ORDER BY digest")
    facts.files = [(d, a, int(s)) for d, a, s in cursor.fetchall()]
    return facts


# ---------------------------------------------------------------- SQLite


def _sqlite_snapshot(connection: BaseDatabaseWrapper, dest: Path, say: Say) -> Facts:
    if connection.in_atomic_block:
        raise BackupError("不能在未提交的事务中备份：快照只包含已提交的数据。")
    connection.ensure_connection()
    source = connection.connection
    target = sqlite3.connect(dest)
    try:
        say("正在复制 SQLite 数据库（在线备份，一次完成，得到一个一致的快照）……")
        source.backup(target)  # pages=-1: every page in one step, one read transaction
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the archive
        check = target.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"数据库快照的完整性检查未通过：{check}")
        cursor = target.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = [n for (n,) in cursor.fetchall() if not n.startswith("sqlite_")]
        facts = _facts(cursor, tables)
        facts.server_version = sqlite3.sqlite_version
        return facts
    finally:
        target.close()


def _sqlite_load(connection: BaseDatabaseWrapper, dump: Path, say: Say) -> None:
    connection.close()
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        say("正在写入 SQLite 数据库（在线备份接口，整体替换）……")
        source.backup(connection.connection)
    except sqlite3.Error as exc:
        raise BackupError(f"写入 SQLite 数据库失败：{exc}") from exc
    finally:
        source.close()
        connection.close()


# ---------------------------------------------------------------- PostgreSQL


def _pg_program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"本机没有 {name}（PostgreSQL 客户端）：请安装与服务器主版本相同或更新的 "
            "postgresql-client（Debian：apt-get install postgresql-client，"
            "或运行 scripts/install-system-deps.sh）。"
        )
    return path


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The environment pg_dump/pg_restore connect with: Django's own psql settings
    (password, sslmode, service, passfile) plus host, port, user and database."""
    _, extra = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(extra or {})}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    env["PGDATABASE"] = str(settings_dict["NAME"] or "postgres")
    return env


def _run(args: list[str], env: dict[str, str], what: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()
        raise BackupError(f"{what}失败（{Path(args[0]).name} 退出码 {done.returncode}）：{detail}")
    return done.stderr


def _pg_version(program: str) -> str:
    done = subprocess.run([program, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def _pg_snapshot(connection: BaseDatabaseWrapper, dest: Path, say: Say) -> Facts:
    pg_dump = _pg_program("pg_dump")
    holder = connection.copy()  # its own session: the snapshot must stay open during the dump
    holder.ensure_connection()
    raw = holder.connection
    try:
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = ANY(current_schemas(false))"
            )
            facts = _facts(cursor, [n for (n,) in cursor.fetchall()])
            cursor.execute("SHOW server_version")
            facts.server_version = cursor.fetchone()[0]
        say(f"正在导出 PostgreSQL 数据库（pg_dump 自定义格式，快照 {snapshot}）……")
        _run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={dest}"],
            _pg_env(holder.settings_dict),
            "导出数据库",
        )
        with raw.cursor() as cursor:
            cursor.execute("ROLLBACK")
        return facts
    finally:
        holder.close()


def _pg_load(connection: BaseDatabaseWrapper, dump: Path, say: Say) -> None:
    pg_restore = _pg_program("pg_restore")
    connection.close()
    say("正在导入 PostgreSQL 数据库（pg_restore，单个事务：要么全部导入，要么不变）……")
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-acl",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        _pg_env(connection.settings_dict),
        "导入数据库",
    )


# ---------------------------------------------------------------- entry points


def snapshot(connection: BaseDatabaseWrapper, dest: Path, say: Say) -> Facts:
    """Write one consistent snapshot of the database to ``dest`` and return its facts."""
    if vendor_of(connection) == "sqlite":
        return _sqlite_snapshot(connection, dest, say)
    return _pg_snapshot(connection, dest, say)


def load(connection: BaseDatabaseWrapper, dump: Path, say: Say) -> None:
    """Replace the database's content by the snapshot in ``dump`` (same vendor)."""
    if vendor_of(connection) == "sqlite":
        _sqlite_load(connection, dump, say)
    else:
        _pg_load(connection, dump, say)


def tool_version(vendor: str) -> str:
    return _pg_version(_pg_program("pg_dump")) if vendor == "postgresql" else ""
