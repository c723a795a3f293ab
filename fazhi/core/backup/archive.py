"""The backup archive: an uncompressed tar with ``manifest.json`` and the members it lists.

Every member is listed in the manifest with its size and SM3 digest (``fazhi.kernel.ledger``
``file_digest``); a stored file's member is also named by its own content digest. The checker
refuses an archive whose manifest is missing or of another format, and names every member that
is missing, altered, unlisted or listed twice.
"""

from __future__ import annotations

import json
import tarfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from fazhi.kernel.ledger import file_digest
from fazhi.kernel.ledger.hashing import is_digest

from .database import VENDORS, BackupError

FORMAT = "fazhi-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DIGEST = "sm3"
MAX_MANIFEST_BYTES = 512 * 1024 * 1024
KINDS = ("database", "blob", "media")

Say = Callable[[str], None]


class Progress:
    """Prints ``label done/total`` at most every ``every`` seconds, and always at the end."""

    def __init__(self, say: Say, label: str, total: int, every: float = 2.0) -> None:
        self.say, self.label, self.total, self.every = say, label, total, every
        self.done = 0
        self.bytes = 0
        self._last = time.monotonic()

    def add(self, nbytes: int) -> None:
        self.done += 1
        self.bytes += nbytes
        now = time.monotonic()
        if self.done == self.total or now - self._last >= self.every:
            self._last = now
            self.say(f"  {self.label} {self.done}/{self.total}（{human(self.bytes)}）")


def human(n: int) -> str:
    size = float(n)
    for unit in ("字节", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "字节" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} 字节"


def blob_member(digest: str) -> str:
    """The member name of a stored file: the blob storage's own name under ``blobs/``."""
    return f"blobs/{digest[:2]}/{digest[2:4]}/{digest}"


def safe_relative(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def open_for_reading(path: str | Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:*")
    except FileNotFoundError as exc:
        raise BackupError(f"找不到备份文件 {path}。") from exc
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{path} 不是可读的备份文件（tar 格式损坏）：{exc}") from exc


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    """The manifest, with its shape checked; refuses anything that is not a Fazhi backup."""
    try:
        info = tar.getmember(MANIFEST)
    except KeyError as exc:
        raise BackupError("备份文件中没有清单 manifest.json：不是本平台的备份，或已损坏。") from exc
    except tarfile.TarError as exc:
        raise BackupError(f"备份文件已损坏（tar 结构错误）：{exc}") from exc
    if not info.isfile() or info.size > MAX_MANIFEST_BYTES:
        raise BackupError("备份清单 manifest.json 不是普通文件或过大：备份文件已损坏。")
    stream = tar.extractfile(info)
    assert stream is not None
    try:
        manifest = json.loads(stream.read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"备份清单无法解析：{exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("备份清单不是本平台的格式（format 不是 fazhi-backup）。")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"备份格式版本 {manifest.get('format_version')!r} 不受本程序支持"
            f"（本程序读写版本 {FORMAT_VERSION}）。"
        )
    vendor = manifest.get("database", {}).get("vendor")
    if vendor not in VENDORS:
        raise BackupError(f"备份清单中的数据库类型 {vendor!r} 无法识别。")
    members = manifest.get("members")
    if not isinstance(members, list) or not all(_well_formed(m) for m in members):
        raise BackupError("备份清单的文件列表格式不正确：备份文件已损坏或被改动。")
    return manifest


def _well_formed(member: Any) -> bool:
    if not isinstance(member, dict):
        return False
    name, kind = member.get("name"), member.get("kind")
    if not (isinstance(name, str) and safe_relative(name) and kind in KINDS):
        return False
    if not (is_digest(member.get(DIGEST)) and isinstance(member.get("size"), int)):
        return False
    if kind == "blob":
        digest = member.get("digest")
        return isinstance(digest, str) and is_digest(digest) and name == blob_member(digest)
    if kind == "media":
        return name.startswith("media/")
    return name.startswith("database/")


def iter_members(tar: tarfile.TarFile) -> Iterator[tuple[tarfile.TarInfo, IO[bytes] | None]]:
    """Every member in archive order, with a stream for regular files."""
    try:
        for info in tar:
            yield info, tar.extractfile(info) if info.isfile() else None
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"备份文件已损坏（读取中断）：{exc}") from exc


def check(path: str | Path, say: Say) -> dict[str, Any]:
    """Check every member of the archive against the manifest; return the manifest.

    Raises :class:`BackupError` naming the problems (at most ten) when anything is missing,
    altered, unlisted or listed twice."""
    with open_for_reading(path) as tar:
        manifest = read_manifest(tar)
        listed: dict[str, dict[str, Any]] = {}
        problems: list[str] = []
        for m in manifest["members"]:
            if m["name"] in listed:
                problems.append(f"清单重复列出 {m['name']}")
            listed[m["name"]] = m
        seen: set[str] = set()
        progress = Progress(say, "已校验", len(listed))
        for info, stream in iter_members(tar):
            if info.name == MANIFEST:
                if MANIFEST in seen:
                    problems.append("备份中有两份清单 manifest.json")
                seen.add(MANIFEST)
                continue
            entry = listed.get(info.name)
            if entry is None:
                problems.append(f"备份中有清单未列出的成员 {info.name}")
                continue
            if info.name in seen:
                problems.append(f"成员 {info.name} 出现了两次")
                continue
            seen.add(info.name)
            if stream is None:
                problems.append(f"成员 {info.name} 不是普通文件")
                continue
            actual = file_digest(stream, DIGEST)
            if info.size != entry["size"] or actual != entry[DIGEST]:
                problems.append(f"{info.name} 的内容与清单记录的 SM3 摘要不符（已损坏或被改动）")
            elif (
                entry["kind"] == "blob"
                and entry.get("algorithm") == DIGEST
                and actual != entry["digest"]
            ):
                problems.append(f"{info.name} 的内容与其存证摘要不符")
            progress.add(info.size)
        for name in sorted(set(listed) - seen):
            problems.append(f"清单列出的 {name} 在备份中缺失")
    if problems:
        shown = "；\n  ".join(problems[:10])
        more = f"\n  ……另有 {len(problems) - 10} 处问题" if len(problems) > 10 else ""
        raise BackupError(
            f"备份文件未通过校验，拒绝使用（共 {len(problems)} 处问题）：\n  {shown}{more}"
        )
    return manifest


def manifest_sm3(path: str | Path) -> str:
    """The SM3 digest of the manifest's bytes: the one value to note down out of band, since
    the manifest holds the digest of every other member."""
    with open_for_reading(path) as tar:
        read_manifest(tar)
        stream = tar.extractfile(MANIFEST)
        assert stream is not None
        return file_digest(stream, DIGEST)


def summary(manifest: dict[str, Any]) -> str:
    """One paragraph saying what a backup holds."""
    counts, ledger = manifest["counts"], manifest["ledger"]
    head = (
        f"，末条 #{ledger['head_seq']} {ledger['head_digest'][:16]}…" if ledger["entries"] else ""
    )
    return (
        f"备份创建于 {manifest['created']}，数据库 {VENDORS[manifest['database']['vendor']]}"
        f"（{counts['tables']} 张表，{counts['rows']} 行），存证记录 {ledger['entries']} 条{head}，"
        f"存证文件 {counts['blobs']} 个，媒体文件 {counts['media']} 个，共 {human(counts['bytes'])}。"
    )
