"""``fazhi backup`` and ``fazhi restore``: records made through the services come back in an
empty instance with a verified ledger; a tampered archive, another vendor's backup or a target
that already holds records is refused. The restore runs as its own process against its own
database and blob directory (on PostgreSQL: a database created empty for the test), exactly as
an operator runs it."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.core.backup import archive
from fazhi.core.backup.database import BackupError
from fazhi.core.ledger import services as ledger
from fazhi.core.ledger.models import LedgerEntry, StoredFile
from fazhi.core.workflow.models import TransitionLog
from fazhi.kernel.ledger import file_digest
from tests import factories
from tests.sample_system.models import Permit
from tests.sample_system.system import grant, refuse

pytestmark = pytest.mark.django_db(transaction=True)

PROJECT = Path(__file__).resolve().parents[4]
EVIDENCE = "现场检查照片：许可场所已按要求整改。".encode() * 50


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "source-media")


def _records() -> tuple[Permit, Permit, StoredFile]:
    """Two permits moved through their workflow and one stored evidence file."""
    agency = factories.agency("县示例局")
    clerk = factories.user("sample_clerk")
    granted = grant(
        Permit.objects.create(agency=agency, applicant="张三"),
        actor=clerk,
        decided_on=date(2026, 3, 2),
    )
    refused = refuse(
        Permit.objects.create(agency=agency, applicant="李四"),
        actor=clerk,
        decided_on=date(2026, 3, 3),
        reason="申请材料不齐全，经告知后未补正",
    )
    stored = ledger.store_file(
        EVIDENCE, name="现场照片.jpg", actor=clerk, subject=f"permit:{granted.pk}"
    )
    return granted, refused, stored


def _backup(path: Path) -> str:
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def target(tmp_path) -> Iterator[tuple[Path, str | None]]:
    """An empty instance: a data directory, and on PostgreSQL a freshly created database."""
    directory = tmp_path / "target"
    directory.mkdir()
    if connection.vendor != "postgresql":
        yield directory, None
        return
    s = connection.settings_dict
    name = f"{s['NAME']}_restored"
    admin = psycopg.connect(
        dbname="postgres",
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    auth = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    url = f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"
    try:
        yield directory, url
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _restore(
    path: Path, target: tuple[Path, str | None], *args: str
) -> subprocess.CompletedProcess:
    directory, url = target
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.core.backup.tests.restore_settings",
        "FAZHI_DATA_DIR": str(directory),
        "PYTHONPATH": str(PROJECT),
    }
    env.pop("DATABASE_URL", None)
    if url:
        env["DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "restore", str(path), *args],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _query(target: tuple[Path, str | None], sql: str) -> list[tuple]:
    directory, url = target
    if url:
        with psycopg.connect(url) as conn:
            return conn.execute(sql).fetchall()
    path = directory / "fazhi.sqlite3"
    if not path.exists():
        return []
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _tables(target: tuple[Path, str | None]) -> set[str]:
    if target[1]:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    return {name for (name,) in _query(target, sql)}


def test_round_trip_restores_records_files_and_a_verified_ledger(tmp_path, target):
    granted, refused, stored = _records()
    (tmp_path / "source-media" / "letters").mkdir(parents=True)
    (tmp_path / "source-media" / "letters" / "通知.txt").write_text("媒体文件", encoding="utf-8")
    entries = LedgerEntry.objects.count()
    head = LedgerEntry.objects.order_by("-seq").first()
    assert head is not None
    path = tmp_path / "fazhi.tar"

    out = _backup(path)
    assert f"存证记录 {entries} 条" in out and "存证文件 1 个" in out and "媒体文件 1 个" in out

    done = _restore(path, target)
    assert done.returncode == 0, done.stderr
    assert "账本校验通过" in done.stdout and f"{entries} 条" in done.stdout
    assert "写入存证文件 1 个" in done.stdout
    permits = _query(
        target, f"SELECT id, applicant, state FROM {Permit._meta.db_table} ORDER BY id"
    )
    assert permits == [(granted.pk, "张三", "granted"), (refused.pk, "李四", "refused")]
    log = _query(target, f"SELECT action FROM {TransitionLog._meta.db_table} ORDER BY id")
    assert log == [("sample_permit.grant",), ("sample_permit.refuse",)]
    assert _query(target, f"SELECT seq, digest FROM {LedgerEntry._meta.db_table} ORDER BY seq")[
        -1
    ] == (head.seq, head.digest)
    blob = target[0] / "blobs" / stored.storage_name
    assert file_digest(blob, stored.algorithm) == stored.digest
    assert (target[0] / "media" / "letters" / "通知.txt").read_text(encoding="utf-8") == "媒体文件"

    again = _restore(path, target)
    assert again.returncode == 1
    assert f"目标数据库不是空的（已有存证记录 {entries} 条" in again.stderr
    assert "--force" in again.stderr

    forced = _restore(path, target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "目标中已有且内容一致 1 个" in forced.stdout and "账本校验通过" in forced.stdout


def test_manifest_lists_vendor_migrations_counts_and_each_file_by_sm3(tmp_path):
    _, _, stored = _records()
    path = tmp_path / "fazhi.tar"
    _backup(path)
    with tarfile.open(path) as tar:
        stream = tar.extractfile("manifest.json")
        assert stream is not None
        manifest = json.load(stream)
    assert manifest["format"] == "fazhi-backup" and manifest["format_version"] == 1
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["heads"]["ledger"] == manifest["migrations"]["ledger"][-1]
    assert manifest["tables"][Permit._meta.db_table] == 2
    assert manifest["ledger"]["entries"] == LedgerEntry.objects.count()
    blobs = [m for m in manifest["members"] if m["kind"] == "blob"]
    assert [(m["digest"], m["sm3"], m["size"]) for m in blobs] == [
        (stored.digest, stored.digest, len(EVIDENCE))
    ]
    assert manifest["counts"]["blobs"] == 1
    out = io.StringIO()
    call_command("restore", str(path), "--check", stdout=out)
    assert "备份文件校验通过" in out.getvalue()


def _rewrite(src: Path, dst: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    with tarfile.open(src) as old, tarfile.open(dst, "w", format=tarfile.PAX_FORMAT) as new:
        for info in old:
            stream = old.extractfile(info)
            assert stream is not None
            data = change(info.name, stream.read())
            if data is not None:
                info.size = len(data)
                new.addfile(info, io.BytesIO(data))


def _flip_last_byte(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 1])


def _without(kind: str) -> Callable[[str, bytes], bytes | None]:
    return lambda name, data: None if name.startswith(kind) else data


TAMPERINGS = {
    "altered evidence file": (
        lambda name, data: _flip_last_byte(data) if name.startswith("blobs/") else data,
        "的内容与清单记录的 SM3 摘要不符",
    ),
    "altered database": (
        lambda name, data: _flip_last_byte(data) if name.startswith("database/") else data,
        "的内容与清单记录的 SM3 摘要不符",
    ),
    "evidence file removed": (_without("blobs/"), "在备份中缺失"),
    "member added": (
        lambda name, data: data,
        "清单未列出的成员 blobs/extra",
    ),
    "manifest removed": (_without("manifest.json"), "没有清单 manifest.json"),
}


@pytest.mark.parametrize("how", list(TAMPERINGS))
def test_each_kind_of_tampering_is_named(tmp_path, how):
    _records()
    good, bad = tmp_path / "good.tar", tmp_path / "bad.tar"
    _backup(good)
    change, message = TAMPERINGS[how]
    _rewrite(good, bad, change)
    if how == "member added":
        with tarfile.open(bad, "a") as tar:
            info = tarfile.TarInfo("blobs/extra")
            info.size = 3
            tar.addfile(info, io.BytesIO(b"abc"))
    archive.check(good, lambda _: None)
    with pytest.raises(BackupError) as err:
        archive.check(bad, lambda _: None)
    assert message in err.value.args[0]


def test_restore_refuses_a_tampered_archive_and_writes_nothing(tmp_path, target):
    _records()
    good, bad = tmp_path / "good.tar", tmp_path / "bad.tar"
    _backup(good)
    _rewrite(good, bad, TAMPERINGS["altered evidence file"][0])
    done = _restore(bad, target)
    assert done.returncode == 1
    assert "备份文件未通过校验，拒绝使用" in done.stderr and "SM3 摘要不符" in done.stderr
    assert LedgerEntry._meta.db_table not in _tables(target)
    assert not (target[0] / "blobs").exists() or not any((target[0] / "blobs").rglob("*"))


def test_restore_refuses_a_backup_of_another_database_vendor(tmp_path):
    _records()
    good, other = tmp_path / "good.tar", tmp_path / "other.tar"
    _backup(good)
    elsewhere = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def relabel(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["database"]["vendor"] = elsewhere
        return json.dumps(manifest).encode()

    _rewrite(good, other, relabel)
    with pytest.raises(CommandError) as err:
        call_command("restore", str(other), "--force", stdout=io.StringIO())
    assert "数据库类型不符，拒绝恢复" in str(err.value)
    assert Permit.objects.count() == 2


def test_restore_refuses_a_backup_made_by_a_newer_program(tmp_path):
    _records()
    good, newer = tmp_path / "good.tar", tmp_path / "newer.tar"
    _backup(good)

    def add_migration(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["ledger"].append("9999_from_a_later_version")
        return json.dumps(manifest).encode()

    _rewrite(good, newer, add_migration)
    with pytest.raises(CommandError) as err:
        call_command("restore", str(newer), "--force", stdout=io.StringIO())
    assert "本程序没有的 1 个迁移（ledger.9999_from_a_later_version" in str(err.value)
    assert Permit.objects.count() == 2


def test_restore_refuses_a_target_holding_records(tmp_path):
    _records()
    path = tmp_path / "fazhi.tar"
    _backup(path)
    before = LedgerEntry.objects.count()
    ledger.record("permit:9", "test.step", {"note": "备份之后的新记录"}, actor="sample_clerk")
    with pytest.raises(CommandError) as err:
        call_command("restore", str(path), stdout=io.StringIO())
    assert "目标数据库不是空的" in str(err.value) and "--force" in str(err.value)
    assert LedgerEntry.objects.count() == before + 1


def test_a_manifest_digest_given_out_of_band_must_match(tmp_path):
    _records()
    path = tmp_path / "fazhi.tar"
    out = _backup(path)
    digest = out.split("清单 SM3：")[1][:64]
    ok = io.StringIO()
    call_command("restore", str(path), "--check", "--manifest-sm3", digest, stdout=ok)
    assert "备份文件校验通过" in ok.getvalue()
    with pytest.raises(CommandError) as err:
        call_command("restore", str(path), "--check", "--manifest-sm3", "0" * 64)
    assert "清单的 SM3 摘要与给出的 --manifest-sm3 不符" in str(err.value)


@pytest.mark.parametrize("damage", ["missing", "altered"])
def test_backup_stops_when_a_referenced_file_is_missing_or_altered(tmp_path, damage):
    _, _, stored = _records()
    blob = Path(ledger.blob_storage().path(stored.storage_name))
    if damage == "missing":
        blob.unlink()
    else:
        blob.write_bytes(EVIDENCE + b"!")
    path = tmp_path / "fazhi.tar"
    with pytest.raises(CommandError) as err:
        _backup(path)
    assert stored.digest in str(err.value)
    assert ("缺失" if damage == "missing" else "与其摘要不符") in str(err.value)
    assert not path.exists() and not list(tmp_path.glob("*.partial"))
