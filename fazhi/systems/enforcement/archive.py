"""Export of a closed case as one archive (案卷) that an auditor can verify on their own.

The archive *is* a record bundle of the ledger with the readable case file beside it, so that
``fazhi ledger verify <archive>`` accepts it as it is — the directory, or the .zip the case page
downloads (one top folder)::

    <archive>/manifest.json, checkpoint.json, entries.jsonl, files/<digest>
                                 the record bundle: the case's ledger entries and those of its
                                 parts (evidence, documents, hearings, transfers…), each with
                                 an inclusion proof against a signed checkpoint of the ledger,
                                 and only the files those entries reference
    <archive>/case.json          the case, its history (with ledger sequence numbers), the
                                 documents and evidence with their digests
    <archive>/documents/<name>   each generated 文书 (.docx), under a readable name
    <archive>/evidence/<name>    each evidence file

Nothing of another case or agency is in it: the proofs stand in for the rest of the ledger
(:mod:`fazhi.core.ledger.archives`). The verifier reads only the bundle's own files;
:func:`verify_archive` also checks the readable copies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.core.ledger import archives
from fazhi.core.ledger.services import open_file
from fazhi.kernel import ledger as kernel
from fazhi.kernel.ledger.checkpoint import Checkpoint

from . import policies, selectors
from .models import Case

FILES = "files"  # the bundle's content-addressed files (fazhi.kernel.ledger.bundle)


@dataclass(frozen=True)
class ArchiveResult:
    path: Path
    ledger: Any  # kernel VerifyResult of the exported bundle
    documents: int
    evidence: int
    entries: list[int]


def _safe(name: str) -> str:
    return "".join(c if c not in '/\\:*?"<>|' else "_" for c in name)[:150]


def _copy(stored, target: Path) -> None:
    with open_file(stored) as fh:
        target.write_bytes(fh.read())


def export_case(
    case: Case, path: str | Path, *, actor: Any, checkpoint: Checkpoint | None = None
) -> ArchiveResult:
    """Write the archive of a closed (or archived) case at ``path`` (which must not exist),
    proven against ``checkpoint`` (default: one covering the ledger now)."""
    if not (policies.can_view_case(actor, case)):
        raise PermissionDenied("您无权导出本案案卷。")
    if case.state not in ("closed", "archived"):
        raise ValidationError({"state": "只有已结案的案件可以导出案卷。"})
    root = Path(path)
    if root.exists():
        raise ValidationError({"path": f"目标已存在：{root}"})
    # The bundle first (it must create ``root`` itself), then the case file beside it.
    done = archives.export_record(
        case,
        root,
        checkpoint or archives.checkpoint_for(case),
        meta={"case": case.number, "subject": case.subject},
    )
    result = done.result
    (root / "documents").mkdir()
    (root / "evidence").mkdir()

    documents = []
    for doc in case.documents.select_related("file"):
        name = _safe(f"{doc.pk:04d}-{doc.file.name}")
        _copy(doc.file, root / "documents" / name)
        documents.append(
            {
                "kind": doc.kind,
                "label": doc.get_kind_display(),
                "version": doc.version,
                "file": f"documents/{name}",
                "digest": doc.file.digest,
                "algorithm": doc.file.algorithm,
            }
        )
    evidence = []
    for ev in case.evidence.select_related("file"):
        item = {
            "kind": ev.get_kind_display(),
            "title": ev.title,
            "collected_on": ev.collected_on.isoformat(),
        }
        if ev.file is not None:
            name = _safe(f"{ev.pk:04d}-{ev.file.name}")
            _copy(ev.file, root / "evidence" / name)
            item.update(
                {
                    "file": f"evidence/{name}",
                    "digest": ev.file.digest,
                    "algorithm": ev.file.algorithm,
                }
            )
        evidence.append(item)

    entries = done.seqs
    summary = {
        "case": {
            "number": case.number,
            "source_number": case.source_number,
            "agency": case.agency.name,
            "party": case.party_name,
            "state": case.state,
            "outcome": case.outcome,
            "opened_on": _iso(case.opened_on),
            "decided_on": _iso(case.decided_on),
            "decision_number": case.decision_number,
            "closed_on": _iso(case.closed_on),
        },
        "history": [
            {
                "action": h.action,
                "from": h.from_state,
                "to": h.to_state,
                "on_date": h.on_date.isoformat(),
                "actor": str(h.actor or ""),
                "ledger_leaf": h.ledger_leaf,
            }
            for h in selectors.case_history(case)
        ],
        "ledger_entries": entries,
        "documents": documents,
        "evidence": evidence,
        "exported_at": timezone.localtime().isoformat(timespec="seconds"),
    }
    summary["ledger_root"] = done.checkpoint.root
    summary["checkpoint"] = {
        "size": done.checkpoint.size,
        "root": done.checkpoint.root,
        "time": done.checkpoint.time,
        "key_id": done.checkpoint.key_id,
    }
    (root / "case.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return ArchiveResult(root, result, len(documents), len(evidence), entries)


def verify_archive(path: str | Path, *, key: bytes | None = None) -> list[str]:
    """Problems found in an archive (empty when it is intact): the record bundle verifies
    (every problem it finds is listed; the checkpoint signature too when ``key`` is given),
    the case file lists exactly the bundle's entries, and every document and evidence file
    still has the digest the case file lists, which the bundle also holds."""
    root = Path(path)
    problems: list[str] = []
    result = kernel.verify_bundle(root, key=key)
    if not result.ok:
        reasons = [p.reason for p in result.problems] or [result.reason]
        problems.extend(f"存证链校验未通过：{reason}" for reason in reasons)
    summary = json.loads((root / "case.json").read_text(encoding="utf-8"))
    with open(root / "entries.jsonl", "rb") as fh:
        seqs = [json.loads(line)["seq"] for line in fh if line.strip()]
    if seqs != summary["ledger_entries"]:
        problems.append("案卷所列的存证记录与存证包中的记录不符")
    for item in [*summary["documents"], *summary["evidence"]]:
        if "file" not in item:
            continue
        target = root / item["file"]
        if not target.exists():
            problems.append(f"文件缺失：{item['file']}")
            continue
        with open(target, "rb") as fh:
            if kernel.file_digest(fh, item["algorithm"]) != item["digest"]:
                problems.append(f"文件内容与摘要不符：{item['file']}")
        if not (root / FILES / item["digest"]).exists():
            problems.append(f"存证包中没有该文件：{item['file']}")
    return problems


def _iso(d) -> str | None:
    return d.isoformat() if d else None
