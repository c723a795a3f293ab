"""Signed checkpoints of the stored ledger, filed outside the database.

The hash chain shows that no entry was changed relative to the others, but whoever can write
the database can cut its tail or rewrite and re-seal the whole chain. Every night
``fazhi ledger checkpoint`` (:func:`issue`) signs the ledger's size, Merkle root and head with
a key kept in the deployment's secret store (settings ``FAZHI_LEDGER_KEY``/``_FILE``, never in
the database) and files it in ``FAZHI_CHECKPOINT_DIR``, one file per checkpoint, each naming
the one before it. :func:`verify_ledger` then compares the database with every checkpoint in
the same single pass that checks the chain: a ledger shorter than a checkpoint was truncated,
an empty one emptied, and a self-consistent chain whose root differs from a signed one was
re-sealed after an edit. See docs/ledger.md, "Trust model".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fazhi.kernel import ledger as kernel
from fazhi.kernel.ledger.checkpoint import (
    MIN_KEY_BYTES,
    Checkpoint,
    CheckpointError,
    chain_problems,
    parse,
    sign,
    signature_ok,
)

from . import selectors
from .models import LedgerHead
from .services import algorithm, integrate

SUFFIX = ".json"
_LOCK = ".lock"
NO_KEY = (
    "未配置存证账本检查点密钥：请在部署的密钥存储中设置 FAZHI_LEDGER_KEY（十六进制，至少"
    f"{MIN_KEY_BYTES}字节）或用 FAZHI_LEDGER_KEY_FILE 指向密钥文件（见 docs/ledger.md「信任模型」）；"
    "没有密钥就无法签发或核对检查点，账本被截断或整链重新封存将无从发现"
)


class CheckpointRefused(CheckpointError):
    """The ledger has problems, so no checkpoint was signed over it; ``problems`` lists them."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"账本校验未通过，未签发检查点（共{len(problems)}个问题）")
        self.problems = problems


# ---------------------------------------------------------------- configuration


def key(*, required: bool | None = None) -> bytes | None:
    """The checkpoint key from settings, or None when none is configured (and not required).

    Raises ImproperlyConfigured (Chinese) for a malformed or short key, for a missing key when
    ``required`` (default: ``FAZHI_LEDGER_KEY_REQUIRED``, True in production), and for the
    public test key in production.
    """
    strict = settings.FAZHI_LEDGER_KEY_REQUIRED if required is None else required
    text = (getattr(settings, "FAZHI_LEDGER_KEY", "") or "").strip()
    if not text:
        if strict:
            raise ImproperlyConfigured(NO_KEY)
        return None
    try:
        raw = bytes.fromhex(text)
    except ValueError as exc:
        raise ImproperlyConfigured("存证账本检查点密钥 FAZHI_LEDGER_KEY 不是十六进制文本") from exc
    if len(raw) < MIN_KEY_BYTES:
        raise ImproperlyConfigured(
            f"存证账本检查点密钥太短：应至少{MIN_KEY_BYTES}字节（{2 * MIN_KEY_BYTES}个十六进制字符）"
        )
    if settings.FAZHI_LEDGER_KEY_REQUIRED and text.lower() == settings.TEST_LEDGER_KEY:
        raise ImproperlyConfigured(
            "生产环境不得使用公开的测试密钥签发或核对检查点：请配置本部署自己的 FAZHI_LEDGER_KEY"
        )
    return raw


def directory() -> Path:
    return Path(settings.FAZHI_CHECKPOINT_DIR)


def _files() -> list[Path]:
    """Checkpoint files, oldest first: names sort by size, then by time of issue."""
    folder = directory()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == SUFFIX and not p.name.startswith("."))


def _file_name(checkpoint: Checkpoint, when: dt.datetime) -> str:
    stamp = when.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{checkpoint.size:012d}-{stamp}{SUFFIX}"


@dataclass
class Filed:
    """The checkpoint files as read: the readable ones (oldest first) and the others."""

    checkpoints: list[Checkpoint] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # Chinese sentences


def read() -> Filed:
    filed = Filed()
    for path in _files():
        try:
            checkpoint = parse(path.read_bytes())
        except (OSError, CheckpointError) as exc:
            filed.unreadable.append(f"检查点文件 {path.name} 无法读取：{exc}")
            continue
        filed.checkpoints.append(checkpoint)
        filed.names.append(path.name)
    return filed


def series() -> list[Checkpoint]:
    """Every filed checkpoint, oldest first; raises CheckpointError if one cannot be read."""
    filed = read()
    if filed.unreadable:
        raise CheckpointError("；".join(filed.unreadable))
    return filed.checkpoints


def latest() -> Checkpoint | None:
    """The newest filed checkpoint, or None before the first."""
    files = _files()
    return parse(files[-1].read_bytes()) if files else None


def covering(size: int = 0) -> Checkpoint:
    """A filed checkpoint that covers at least entries ``1..size``: the latest one when it
    does, else a newly issued one (for proofs against a checkpoint, e.g. record archives)."""
    newest = latest()
    if newest is not None and newest.size >= size:
        return newest
    return issue()


# ---------------------------------------------------------------- verification


@dataclass
class LedgerReport:
    """The chain pass and its comparison with the checkpoints.

    ``result`` is the kernel result of the pass (``ok``/``count``/``root``/``head``/
    ``first_bad``/``reason``/``problems``); ``problems`` holds every Chinese sentence (chain,
    payloads, checkpoint series, database against checkpoints); ``notices`` what a reader
    should know that is not a failure (e.g. no checkpoint yet).
    """

    result: kernel.VerifyResult
    problems: list[str]
    notices: list[str]
    checkpoints: list[Checkpoint]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_ledger(
    *, each_chunk: Callable[[list[selectors.Row]], None] | None = None
) -> LedgerReport:
    """Verify the stored ledger and compare it with every signed checkpoint, in one pass
    (``each_chunk``: see :func:`selectors.verify_database`)."""
    notices: list[str] = []
    problems: list[str] = []
    filed = read()
    try:
        secret = key()
    except ImproperlyConfigured as exc:
        secret = None
        problems.append(str(exc))
    if secret is None:
        if filed.checkpoints and not problems:
            notices.append(f"未配置检查点密钥：未核对已归档的{len(filed.checkpoints)}个检查点")
        elif not problems:
            notices.append("未配置检查点密钥：不核对检查点，无法发现账本被截断或整链重新封存")
        filed = Filed()
    sizes = [c.size for c in filed.checkpoints]
    result = selectors.verify_database(marks=sizes, each_chunk=each_chunk)
    problems[:0] = [p.reason for p in result.problems]
    if secret is not None:
        problems += filed.unreadable
        problems += chain_problems(filed.checkpoints, secret)
        problems += compare(result, filed, secret, algorithm())
        if not filed.checkpoints and result.count:
            notices.append(
                "尚无检查点：签发第一个检查点（fazhi ledger checkpoint）之后，"
                "账本被截断或整链重新封存才能被发现"
            )
    return LedgerReport(result, problems, notices, filed.checkpoints)


def _where(n: int, name: str, checkpoint: Checkpoint) -> str:
    return f"第{n}个检查点（{name}，签发于{checkpoint.time}）"


def _entries(first: int, last: int) -> str:
    return f"第{first}条记录" if first == last else f"第{first}至第{last}条记录"


# Chain problems that change the stored digests, so a root mismatch is already explained.
_ROOT_CHANGING = frozenset({"link", "removed", "removed_range", "malformed"})


def compare(
    result: kernel.VerifyResult, filed: Filed, secret: bytes, ledger_algorithm: str
) -> list[str]:
    """Chinese sentences for every way the database departs from the signed checkpoints.

    A ledger shorter than a checkpoint was truncated (emptied when nothing is left; named once,
    against the newest such checkpoint). For the others, the root and head of the first
    ``size`` entries, snapshotted during the pass, must equal the signed ones; a mismatch is
    named once per run of mismatching checkpoints, with the entries between the last matching
    checkpoint and it. A mismatch already explained by a chain problem in those entries (a
    removed entry, a broken link) is not named again. Checkpoints whose signature fails are
    reported by the series check and not compared.
    """
    problems: list[str] = []
    last = result.last_seq or 0
    snapshots = {m.size: m for m in result.marks}
    changed = [
        p.first_bad
        for p in result.problems
        if p.problem in _ROOT_CHANGING and p.first_bad is not None
    ]
    trusted = [
        (n, name, c)
        for n, (name, c) in enumerate(zip(filed.names, filed.checkpoints, strict=True), start=1)
        if signature_ok(c, secret)
    ]
    beyond = [t for t in trusted if t[2].size > last]
    if beyond:
        n, name, c = max(beyond, key=lambda t: t[2].size)
        where = _where(n, name, c)
        if last == 0:
            problems.append(
                f"账本已被清空：数据库中没有任何记录，而{where}记载当时已有{c.size}条记录："
                f"全部{c.size}条记录被删除"
            )
        else:
            problems.append(
                f"账本被截断：数据库中的记录止于第{last}条，而{where}记载当时已有{c.size}条记录："
                f"{_entries(last + 1, c.size)}被删除"
            )
    matched = 0
    in_run = False
    for n, name, c in trusted:
        if c.size > last:
            continue
        if c.algorithm != ledger_algorithm:
            problems.append(
                f"{_where(n, name, c)}使用的摘要算法 {c.algorithm} 与账本的 {ledger_algorithm} 不同，无法比对"
            )
            continue
        mark = snapshots.get(c.size)
        if mark is not None and (mark.root, mark.head) == (c.root, c.head):
            matched, in_run = c.size, False
            continue
        if in_run or any(matched < seq <= c.size for seq in changed):
            in_run = True
            continue
        in_run = True
        actual = mark.root if mark is not None and mark.root else "（无法计算）"
        problems.append(
            f"{_where(n, name, c)}签名确认前{c.size}条记录的 Merkle 根为 {c.root}，"
            f"数据库中这{c.size}条记录的根却为 {actual}，而链本身前后一致："
            f"{_entries(matched + 1, c.size)}中有记录被改动，之后整条链被重新计算摘要（重新封存）"
        )
    return problems


# ---------------------------------------------------------------- issuing


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One issuer at a time, so two checkpoints never name the same predecessor."""
    with open(folder / _LOCK, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write_atomically(folder: Path, name: str, text: str) -> Path:
    """Write ``name`` whole or not at all, never over an existing checkpoint."""
    target = folder / name
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=SUFFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o444)
        os.link(temp, target)  # fails if a checkpoint of that name exists
    finally:
        os.unlink(temp)
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return target


def _flush_sealed() -> None:
    """Seal what is queued, then commit one write synchronously. The sequencer commits without
    waiting for its WAL flush (services.integrate); a synchronous commit flushes the WAL up to
    itself, so every entry this checkpoint will attest is durable before it is signed."""
    integrate()
    with transaction.atomic():
        LedgerHead.objects.filter(pk=1).update(seq=F("seq"))


def issue(*, now: dt.datetime | None = None) -> Checkpoint:
    """Sign and file a checkpoint over the sealed entries, linked to the latest filed one.

    The ledger is verified first, against the existing checkpoints, in the same pass that
    computes the size, root and head (streamed, O(log n) memory): a checkpoint over a ledger
    with problems would certify them, so :class:`CheckpointRefused` is raised instead.
    Raises ImproperlyConfigured (Chinese) when no usable key is configured.
    """
    secret = key(required=True)
    assert secret is not None
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        _flush_sealed()
        report = verify_ledger()
        if report.problems:
            raise CheckpointRefused(report.problems)
        result = report.result
        previous = report.checkpoints[-1].digest() if report.checkpoints else kernel.GENESIS
        when = now or timezone.now()
        checkpoint = sign(
            size=result.count,
            root=result.root or kernel.empty_root(algorithm()).hex(),
            head=result.head or kernel.GENESIS,
            previous=previous,
            key=secret,
            key_id=settings.FAZHI_LEDGER_KEY_ID,
            time=timezone.localtime(when).isoformat(),
            algorithm=algorithm(),
        )
        _write_atomically(folder, _file_name(checkpoint, when), checkpoint.text())
    return checkpoint
