"""Record bundles: one record's entries, each proven to be in the ledger a checkpoint signs.

A full bundle (:mod:`.bundle`, version 1) carries the whole ledger, because its chain can only
be checked from the first entry. A record bundle (version 2) carries only what concerns one
record (a case with its evidence, documents, hearings…): its entries, and for each an RFC 9162
inclusion proof against the Merkle root of a signed checkpoint. The verifier then needs nothing
of the rest of the ledger::

    manifest.json    {"format": "fazhi-ledger-bundle", "version": 2, "kind": "record",
                      "algorithm", "entry_encoding", "record", "subjects", "count", "files",
                      "size", "root", "head", "created", "meta"}
    checkpoint.json  the checkpoint text exactly as filed (fazhi-ledger/checkpoint/v1)
    entries.jsonl    one canonical JSON object per line, ascending seq: the Entry fields,
                     "payload", and "proof" (hex digests, leaf side first) for leaf seq-1 of
                     the checkpoint's tree
    files/<digest>   only the files these entries reference

Each entry is checked on its own: its payload digest, its digest recomputed from its fields,
its inclusion proof to the checkpoint root, the files it references, and that its subject is
one of the record's; entries next to each other in the ledger must also link. Every problem is
reported, not only the first. The checkpoint's HMAC signature can be checked only with the key
(which the bundle never holds); without it the result says so, and the root should be compared
with the checkpoint kept by whoever holds the key.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import bundle as _bundle
from .chain import ENTRY_ENCODING, Entry, LedgerProblem, VerifyResult, entry_digest
from .checkpoint import Checkpoint, CheckpointError, parse, signature_ok
from .hashing import _canonical, canonical_json, check_algorithm, digest, is_digest
from .merkle import PackedTree, leaf_hash, verify_inclusion
from .problems import RECORD_OK_REASON, RECORD_OK_REASON_EN, describe

VERSION = 2
KIND = "record"
CHECKPOINT = "checkpoint.json"
_KEYS = frozenset((*_bundle._ENTRY_FIELDS, "payload", "proof"))


class ProofError(_bundle.ExportError):
    """The entry digests streamed for the proofs do not make the checkpoint's tree."""


@dataclass(frozen=True)
class RecordExport:
    """What was written: the entries (by seq), the files, and the checkpoint they rest on."""

    seqs: list[int]
    files: list[str]
    checkpoint: Checkpoint
    result: VerifyResult


# ---------------------------------------------------------------- export


def export_record_bundle(
    path: str | os.PathLike[str],
    entries: Iterable[tuple[Entry, Mapping[str, Any]]],
    leaves: Iterable[str],
    checkpoint: Checkpoint,
    files: Mapping[str, str | os.PathLike[str] | bytes] | None = None,
    *,
    record: str,
    subjects: Sequence[str],
    meta: Mapping[str, Any] | None = None,
) -> RecordExport:
    """Write a record bundle at ``path`` (a directory, or a ``.zip``), which must not exist.

    ``entries`` are the record's entries (seq ascending, all within the checkpoint), with their
    payloads; ``leaves`` streams the digests of entries ``1..checkpoint.size`` in order (only
    these are held, packed, to compute the proofs); ``files`` maps digests to a path or bytes
    and may hold more than is referenced. The export is refused (:class:`ExportError`, nothing
    left at ``path``) when the leaves do not make the checkpoint's root, an entry is outside the
    checkpoint, does not verify on its own or is not the leaf the tree holds at its place, or a
    referenced file is missing or wrong. The written bundle is verified before it is returned.
    """
    algorithm = check_algorithm(checkpoint.algorithm)
    subject_set = frozenset(subjects)
    tree = PackedTree((bytes.fromhex(d) for d in leaves), algorithm)
    if tree.size != checkpoint.size or tree.root().hex() != checkpoint.root:
        raise ProofError(
            f"账本与检查点不符（检查点{checkpoint.size}条，根 {checkpoint.root}；账本前"
            f"{tree.size}条的根 {tree.root().hex()}），拒绝导出 / the ledger does not match the "
            "checkpoint"
        )
    lines: list[bytes] = []
    referenced: dict[str, int] = {}
    seqs: list[int] = []
    for entry, payload in entries:
        seq = entry.seq
        where = f"第{seq}条记录 / entry {seq}"
        if not 1 <= seq <= checkpoint.size:
            raise _bundle.ExportError(f"{where}：不在检查点之内 / beyond the checkpoint")
        if seqs and seq <= seqs[-1]:
            raise _bundle.ExportError(f"{where}：顺序错误或重复 / out of order or repeated")
        if entry.subject not in subject_set:
            raise _bundle.ExportError(f"{where}：不属于本记录 / not of this record")
        canon = canonical_json(payload)
        if (
            digest(canon, algorithm) != entry.payload_digest
            or _own_digest(entry, algorithm) != entry.digest
            or tree.leaf_hash(seq - 1) != leaf_hash(bytes.fromhex(entry.digest), algorithm)
        ):
            raise _bundle.ExportError(f"{where}：记录与账本不一致，拒绝导出 / does not verify")
        parsed = json.loads(canon)
        for ref in _bundle.file_references(parsed):
            if not is_digest(ref):
                raise _bundle.ExportError(f"{where}：证据文件摘要格式错误 {ref!r}")
            referenced.setdefault(ref, seq)
        line = {name: getattr(entry, name) for name in _bundle._ENTRY_FIELDS}
        line["payload"] = parsed
        line["proof"] = [p.hex() for p in tree.inclusion_proof(seq - 1, checkpoint.size)]
        lines.append(_canonical(line) + b"\n")
        seqs.append(seq)
    del tree
    manifest = {
        "format": _bundle.FORMAT,
        "version": VERSION,
        "kind": KIND,
        "algorithm": algorithm,
        "entry_encoding": ENTRY_ENCODING,
        "record": record,
        "subjects": sorted(subject_set),
        "count": len(seqs),
        "files": len(referenced),
        "size": checkpoint.size,
        "root": checkpoint.root,
        "head": checkpoint.head,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "meta": json.loads(canonical_json(meta or {})),
    }

    def write(sink: Any) -> None:
        with sink.open(_bundle.ENTRIES) as out:
            for line in lines:
                out.write(line)
        for ref, seq in referenced.items():
            source = (files or {}).get(ref)
            if source is None:
                raise _bundle.ExportError(
                    f"第{seq}条记录引用的证据文件 {ref} 未提供 / entry {seq}: file {ref} not supplied"
                )
            with sink.open(f"{_bundle.FILES}/{ref}") as out:
                if _bundle._copy_hashing(source, out, algorithm) != ref:
                    raise _bundle.ExportError(
                        f"证据文件 {ref} 的内容与其摘要不符，拒绝导出 / file {ref} does not match"
                    )
        with sink.open(CHECKPOINT) as out:
            out.write(checkpoint.text().encode("utf-8"))
        with sink.open(_bundle.MANIFEST) as out:
            text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            out.write(text.encode("utf-8"))

    _bundle.write_atomically(path, write)
    result = _bundle.verify_bundle(path)
    if not result.ok:  # what we wrote must verify; anything else is a bug worth stopping on
        raise _bundle.ExportError(f"导出包自检未通过：{result.reason}", result)
    return RecordExport(seqs, sorted(referenced), checkpoint, result)


# ---------------------------------------------------------------- verify


def check_record_manifest(manifest: dict[str, Any]) -> None:
    """The version-2 fields beyond those every bundle has (raises ``BundleError``)."""
    if manifest.get("kind") != KIND:
        raise _bundle.BundleError("不支持的导出包种类 / unsupported bundle kind")
    subjects = manifest.get("subjects")
    if not isinstance(subjects, list) or not all(isinstance(s, str) for s in subjects):
        raise _bundle.BundleError("清单中的 subjects 无效 / manifest subjects are invalid")


def verify_record(reader: Any, manifest: dict[str, Any], key: bytes | None = None) -> VerifyResult:
    """Check a record bundle read through ``reader``; every problem is listed."""
    algorithm = manifest["algorithm"]
    problems: list[tuple[str, int | None, dict[str, Any]]] = []

    def report(code: str, seq: int | None = None, **values: Any) -> None:
        problems.append((code, seq, values))

    raw = reader.read(CHECKPOINT)
    try:
        if raw is None:
            raise CheckpointError(f"导出包中没有 {CHECKPOINT} / no {CHECKPOINT}")
        checkpoint: Checkpoint | None = parse(raw)
    except CheckpointError as exc:
        checkpoint = None
        report("checkpoint_invalid", detail=str(exc))
    signature, notes = "unchecked", []
    if checkpoint is not None:
        for field in ("size", "root", "head"):
            if manifest.get(field) != getattr(checkpoint, field):
                report("manifest_mismatch", field=field)
        if checkpoint.algorithm != algorithm:
            report("manifest_mismatch", field="algorithm")
        if key is None:
            notes.append(
                "检查点签名未核验：未提供密钥；请以持有密钥者留存的检查点（记录数与根）比对 / "
                "checkpoint signature not checked (no key given): compare size and root with "
                "the checkpoint kept by the key holder"
            )
        elif signature_ok(checkpoint, key):
            signature = "ok"
        else:
            signature = "bad"
            report("checkpoint_signature")
    subjects = frozenset(manifest["subjects"])
    size = checkpoint.size if checkpoint else 0
    root = bytes.fromhex(checkpoint.root) if checkpoint and is_digest(checkpoint.root) else b""
    checked: set[str] = set()
    count = 0
    last: Entry | None = None
    for lineno, raw_line in enumerate(reader.lines(), 1):
        count += 1
        try:
            entry, payload, proof = _parse_line(raw_line)
        except ValueError as exc:
            report(
                "malformed",
                None,
                detail=f"{_bundle.ENTRIES} 第{lineno}行：{exc}",
                detail_en=f"{_bundle.ENTRIES} line {lineno}: {exc}",
            )
            continue
        seq = entry.seq
        if last is not None and seq <= last.seq:
            report("duplicate" if seq == last.seq else "reordered", seq, position=lineno, found=seq)
        elif last is not None and seq == last.seq + 1 and entry.prev_digest != last.digest:
            report("link", seq)
        if digest(_canonical(payload), algorithm) != entry.payload_digest:
            report("payload_altered", seq)
        if _own_digest(entry, algorithm) != entry.digest:
            report("altered", seq)
        if entry.subject not in subjects:
            report("subject_foreign", seq, subject=entry.subject)
        if checkpoint is not None:
            if not 1 <= seq <= size:
                report("beyond_checkpoint", seq, size=size)
            elif not (
                is_digest(entry.digest)
                and verify_inclusion(
                    bytes.fromhex(entry.digest), seq - 1, size, proof, root, algorithm
                )
            ):
                report("proof_invalid", seq, size=size, root=checkpoint.root)
            elif seq == size and entry.digest != checkpoint.head:
                report("checkpoint_head", seq)
        for ref in _bundle.file_references(payload):
            if ref in checked:
                continue
            if not is_digest(ref):
                report("file_reference", seq, file=ref)
                continue
            status = reader.file_status(ref, algorithm)
            if status is not None:
                report(status, seq, file=ref)
            checked.add(ref)
        last = entry
    if count != manifest["count"]:
        report("count_mismatch", None, expected=manifest["count"], count=count)
    for name in reader.file_names():
        if name not in checked:
            report("file_unreferenced", None, file=name)
    cp_root = checkpoint.root if checkpoint else None
    cp_head = checkpoint.head if checkpoint else None
    if not problems:
        return VerifyResult(
            ok=True,
            count=count,
            root=cp_root,
            head=cp_head,
            first_bad=None,
            reason=RECORD_OK_REASON.format(count=count, size=size, root=cp_root),
            reason_en=RECORD_OK_REASON_EN.format(count=count, size=size, root=cp_root),
            notes=tuple(notes),
            signature=signature,
        )
    found = tuple(
        LedgerProblem(code, seq, *describe(code, **_values(seq, values)), values.get("file"))
        for code, seq, values in problems
    )
    code, first, values = problems[0]
    return VerifyResult(
        ok=False,
        count=count,
        root=None,
        head=cp_head,
        first_bad=first,
        reason=found[0].reason,
        problem=code,
        reason_en=found[0].reason_en,
        bad_file=values.get("file"),
        problems=found,
        notes=tuple(notes),
        signature=signature,
    )


def _own_digest(entry: Entry, algorithm: str) -> str:
    """The entry's digest recomputed from its fields ("" when they cannot be encoded)."""
    try:
        return entry_digest(
            entry.seq,
            entry.subject,
            entry.actor,
            entry.action,
            entry.time,
            entry.payload_digest,
            entry.prev_digest,
            algorithm,
        )
    except (TypeError, ValueError, OverflowError):
        return ""


def _values(seq: int | None, values: dict[str, Any]) -> dict[str, Any]:
    out = {"seq": seq if seq is not None else "?", **values}
    out.setdefault("count", 0)
    return out


def _parse_line(raw: bytes) -> tuple[Entry, dict[str, Any], list[bytes]]:
    """One entries.jsonl line of a record bundle: the Entry fields, payload and proof."""
    try:
        obj = json.loads(raw)
    except ValueError as exc:
        raise ValueError("不是合法的 JSON") from exc
    if not isinstance(obj, dict) or obj.keys() != _KEYS:
        raise ValueError("字段不符（应为 Entry 的各字段加 payload 与 proof）")
    seq, payload, proof = obj["seq"], obj["payload"], obj["proof"]
    if isinstance(seq, bool) or not isinstance(seq, int):
        raise ValueError("seq 不是整数")
    if not isinstance(payload, dict):
        raise ValueError("payload 不是对象")
    if not isinstance(proof, list) or not all(is_digest(p) for p in proof):
        raise ValueError("proof 不是摘要列表")
    if not all(isinstance(obj[name], str) for name in _bundle._ENTRY_FIELDS if name != "seq"):
        raise ValueError("文本字段类型错误")
    entry = Entry(*(obj[name] for name in _bundle._ENTRY_FIELDS))
    return entry, payload, [bytes.fromhex(p) for p in proof]
