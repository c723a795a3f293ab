"""``create_backup`` and ``restore_backup``: the database and the stored files together.

Backup: one snapshot of the database first (see :mod:`.database`), then every stored file that
snapshot references. Files are stored by content digest and never change, and a file reaches
the blob storage before the row that names it commits, so every file the snapshot references is
there when it is copied; files stored after the snapshot are left for the next backup. Every
member is then read back from the written archive: its SM3 digest goes into the manifest, and a
stored file whose copy does not match its own digest (missing or altered in the storage) stops
the backup. The manifest is appended last and the archive renamed into place, so a half-written
backup never carries the final name.

Restore: the archive is checked member by member before anything is written, the vendor and
the migrations must match this program, the target must hold no records unless ``force``; then
the files are written (content-addressed, so harmless if the database step fails) and the
database is replaced in one step, and the ledger is verified.
"""

from __future__ import annotations

import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from fazhi.core.ledger import selectors
from fazhi.core.ledger.models import LedgerEntry, StoredFile
from fazhi.core.ledger.services import blob_storage
from fazhi.kernel.ledger import digest as sm3
from fazhi.kernel.ledger import file_digest

from . import archive, database
from .archive import DIGEST, FORMAT, FORMAT_VERSION, MANIFEST, Progress, Say, human
from .database import VENDORS, BackupError


def _quiet(_: str) -> None:
    pass


def _media_root() -> Path | None:
    """The media directory when the default storage is on this filesystem and holds files."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        return None
    root = Path(storage.location)
    return root if root.is_dir() else None


def _media_files(root: Path) -> list[tuple[str, Path]]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found.append((f"media/{path.relative_to(root).as_posix()}", path))
    return found


def _add_stream(tar: tarfile.TarFile, name: str, stream: IO[bytes], size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o640
    tar.addfile(info, stream)


def _write_members(
    tar: tarfile.TarFile, dump: Path, dump_name: str, facts: database.Facts, say: Say
) -> dict[str, dict[str, Any]]:
    """Copy the snapshot and its files into ``tar``; return what each member is."""
    described: dict[str, dict[str, Any]] = {}
    tar.add(dump, arcname=dump_name, recursive=False)
    described[dump_name] = {"name": dump_name, "kind": "database"}
    storage = blob_storage()
    missing: list[str] = []
    progress = Progress(say, "已复制存证文件", len(facts.files))
    for digest, algorithm, size in facts.files:
        stored = StoredFile(digest=digest, algorithm=algorithm, size=size)
        name = archive.blob_member(digest)
        if not storage.exists(stored.storage_name):
            missing.append(digest)
            continue
        with storage.open(stored.storage_name, "rb") as fh:
            _add_stream(tar, name, fh, storage.size(stored.storage_name))
        described[name] = {"name": name, "kind": "blob", "digest": digest, "algorithm": algorithm}
        progress.add(size)
    if missing:
        raise BackupError(
            f"数据库引用的 {len(missing)} 个存证文件在文件存储中缺失，备份不完整，已停止："
            + "、".join(missing[:5])
        )
    root = _media_root()
    for name, path in _media_files(root) if root else []:
        tar.add(path, arcname=name, recursive=False)
        described[name] = {"name": name, "kind": "media"}
    return described


def _digest_members(path: Path, described: dict[str, dict[str, Any]], say: Say) -> list[dict]:
    """Read every member back from the written archive: its SM3 digest and size for the
    manifest, and the check that each stored file's copy matches its own content digest."""
    members: list[dict[str, Any]] = []
    damaged: list[str] = []
    say("正在回读备份文件并计算 SM3 摘要……")
    progress = Progress(say, "已回读", len(described))
    with archive.open_for_reading(path) as tar:
        for info, stream in archive.iter_members(tar):
            entry = dict(described[info.name])
            assert stream is not None
            if entry["kind"] == "blob" and entry["algorithm"] != DIGEST:
                if file_digest(stream, entry["algorithm"]) != entry["digest"]:
                    damaged.append(entry["digest"])
                stream.seek(0)
            entry[DIGEST] = file_digest(stream, DIGEST)
            entry["size"] = info.size
            if (
                entry["kind"] == "blob"
                and entry["algorithm"] == DIGEST
                and entry[DIGEST] != entry["digest"]
            ):
                damaged.append(entry["digest"])
            members.append(entry)
            progress.add(info.size)
    if damaged:
        raise BackupError(
            f"{len(damaged)} 个存证文件的内容与其摘要不符（文件存储中已损坏或被改动），"
            f"备份已停止，请先运行 fazhi ledger verify 查明：" + "、".join(damaged[:5])
        )
    return members


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    manifest_sm3: str


def create_backup(
    path: str | Path, *, using: str = DEFAULT_DB_ALIAS, say: Say = _quiet
) -> BackupResult:
    """Write one archive of the database snapshot and every stored file it references."""
    path = Path(path)
    connection = connections[using]
    vendor = database.vendor_of(connection)
    if path.exists() and path.is_dir():
        raise BackupError(f"{path} 是一个目录：请给出备份文件的路径，例如 {path}/fazhi.tar。")
    path.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".fazhi-backup-", dir=path.parent))
    partial = path.with_name(path.name + ".partial")
    try:
        dump_name = database.DUMP_NAMES[vendor]
        dump = work / Path(dump_name).name
        created = timezone.localtime().isoformat(timespec="seconds")
        say(f"[1/4] 数据库快照（{VENDORS[vendor]}）")
        facts = database.snapshot(connection, dump, say)
        say(
            f"  完成：{human(dump.stat().st_size)}，{len(facts.tables)} 张表，"
            f"存证记录 {facts.ledger['entries']} 条，存证文件 {len(facts.files)} 个。"
        )
        say("[2/4] 复制存证文件")
        partial.touch(mode=0o600)  # a backup holds personal data: readable by its owner only
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            described = _write_members(tar, dump, dump_name, facts, say)
        say("[3/4] 回读校验")
        members = _digest_members(partial, described, say)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created": created,
            "digest_algorithm": DIGEST,
            "database": {
                "vendor": vendor,
                "member": dump_name,
                "server_version": facts.server_version,
                "tool": database.tool_version(vendor),
            },
            "migrations": facts.migrations,
            "heads": {app: names[-1] for app, names in facts.migrations.items()},
            "ledger": {
                **facts.ledger,
                "algorithm": getattr(settings, "FAZHI_LEDGER_ALGORITHM", "sm3"),
            },
            "tables": facts.tables,
            "counts": {
                "tables": len(facts.tables),
                "rows": sum(facts.tables.values()),
                "blobs": sum(1 for m in members if m["kind"] == "blob"),
                "media": sum(1 for m in members if m["kind"] == "media"),
                "bytes": sum(m["size"] for m in members),
            },
            "members": members,
        }
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        say("[4/4] 写入清单")
        with tarfile.open(partial, "a", format=tarfile.PAX_FORMAT) as tar:
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            info.mode = 0o640
            with tempfile.TemporaryFile() as fh:
                fh.write(data)
                fh.seek(0)
                tar.addfile(info, fh)
        os.replace(partial, path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if partial.exists():
            partial.unlink()
    return BackupResult(path, manifest, sm3(data, DIGEST))


# ---------------------------------------------------------------- restore


def target_records(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """What the target database already holds that a restore would overwrite."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    found: dict[str, int] = {}
    for label, model in (
        ("存证记录 {} 条", LedgerEntry),
        ("存证文件 {} 个", StoredFile),
        ("用户 {} 个", get_user_model()),
    ):
        if model._meta.db_table in tables:
            count = model._default_manager.using(using).count()
            if count:
                found[label.format(count)] = count
    return found


def _migration_check(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """Refuse a backup made by a program with migrations this one lacks; return the
    migrations this program has that the backup has not applied (to run afterwards)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    unknown = sorted(applied - known)
    if unknown:
        shown = "、".join(f"{a}.{n}" for a, n in unknown[:5])
        raise BackupError(
            f"备份中的数据库含有本程序没有的 {len(unknown)} 个迁移（{shown}……）：备份由较新的"
            "版本生成，请用不早于备份时的程序版本恢复。"
        )
    return sorted(set(loader.graph.nodes) - applied)


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    blobs_written: int = 0
    blobs_kept: int = 0
    media_written: int = 0
    pending_migrations: list[tuple[str, str]] = field(default_factory=list)
    ledger_ok: bool = False
    ledger_count: int = 0
    ledger_root: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.ledger_ok and not self.problems


def _restore_blob(stream: IO[bytes], entry: dict[str, Any]) -> bool:
    """Write one stored file unless an identical one is there; True when written."""
    storage = blob_storage()
    stored = StoredFile(digest=entry["digest"], algorithm=entry["algorithm"])
    name = stored.storage_name
    if storage.exists(name):
        with storage.open(name, "rb") as fh:
            if file_digest(fh, stored.algorithm) == stored.digest:
                return False
        storage.delete(name)  # a damaged copy under the right name: replace it
    saved = storage.save(name, File(stream, name=name))
    if saved != name:
        raise BackupError(f"存证文件写入位置异常：期望 {name}，实际 {saved}。")
    return True


def _restore_media(stream: IO[bytes], name: str) -> None:
    storage = storages["default"]
    relative = name.removeprefix("media/")
    if storage.exists(relative):
        storage.delete(relative)
    storage.save(relative, File(stream, name=relative))


def restore_backup(
    path: str | Path, *, using: str = DEFAULT_DB_ALIAS, force: bool = False, say: Say = _quiet
) -> RestoreResult:
    """Check the archive, then load it into this (empty) instance and verify the ledger."""
    connection = connections[using]
    vendor = database.vendor_of(connection)
    with archive.open_for_reading(path) as tar:
        manifest = archive.read_manifest(tar)
    source = manifest["database"]["vendor"]
    if source != vendor:
        raise BackupError(
            f"数据库类型不符，拒绝恢复：备份来自 {VENDORS[source]}，本实例使用 {VENDORS[vendor]}。"
            "请在同类数据库的实例上恢复。"
        )
    pending = _migration_check(manifest)
    present = target_records(using)
    if present and not force:
        what = "、".join(present)
        raise BackupError(
            f"目标数据库不是空的（已有{what}），拒绝恢复以免覆盖数据。"
            "如确要用备份整体替换现有数据，请加 --force。"
        )
    say("[1/4] 校验备份文件（每个成员的 SM3 摘要）")
    archive.check(path, say)
    result = RestoreResult(manifest=manifest, pending_migrations=pending)
    listed = {m["name"]: m for m in manifest["members"]}
    work = Path(tempfile.mkdtemp(prefix=".fazhi-restore-"))
    try:
        dump = work / "database"
        say("[2/4] 写入存证文件")
        progress = Progress(
            say, "已写入", manifest["counts"]["blobs"] + manifest["counts"]["media"]
        )
        with archive.open_for_reading(path) as tar:
            for info, stream in archive.iter_members(tar):
                entry = listed.get(info.name)
                if entry is None or stream is None:
                    continue
                if entry["kind"] == "database":
                    with open(dump, "wb") as out:
                        shutil.copyfileobj(stream, out, 1 << 20)
                    continue
                if entry["kind"] == "blob":
                    if _restore_blob(stream, entry):
                        result.blobs_written += 1
                    else:
                        result.blobs_kept += 1
                else:
                    _restore_media(stream, info.name)
                    result.media_written += 1
                progress.add(info.size)
        if file_digest(dump, DIGEST) != listed[manifest["database"]["member"]][DIGEST]:
            raise BackupError("数据库成员在校验后发生变化，拒绝恢复：请确认备份文件未被同时改写。")
        say("[3/4] 恢复数据库")
        database.load(connection, dump, say)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    say("[4/4] 校验恢复结果（账本校验 fazhi ledger verify）")
    _after_restore(result, using)
    return result


def _after_restore(result: RestoreResult, using: str) -> None:
    manifest = result.manifest
    connections[using].close()
    verified = selectors.verify_database()
    result.ledger_ok, result.ledger_count = verified.ok, verified.count
    result.ledger_root = verified.root or ""
    if not verified.ok:
        result.problems.append(f"账本校验失败：第 {verified.first_bad} 条：{verified.reason}")
    for stored, why in selectors.verify_files()[:10]:
        result.problems.append(f"存证文件 {stored.digest}（{stored.name}）：{why}")
    head = LedgerEntry.objects.using(using).order_by("-seq").only("seq", "digest").first()
    ledger = manifest["ledger"]
    if (head.seq if head else 0, head.digest if head else "") != (
        ledger["head_seq"],
        ledger["head_digest"],
    ):
        result.problems.append("恢复后的账本末条与备份清单记录的不一致")
    tables = set(connections[using].introspection.table_names())
    with connections[using].cursor() as cursor:
        for table, expected in manifest["tables"].items():
            if table not in tables:
                result.problems.append(f"表 {table} 在恢复后不存在")
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connections[using].ops.quote_name(table)}")
            actual = cursor.fetchone()[0]
            if actual != expected:
                result.problems.append(f"表 {table} 有 {actual} 行，备份清单记录为 {expected} 行")
