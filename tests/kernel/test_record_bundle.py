"""Record bundles: one record's entries proven against a signed checkpoint, verified alone."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from fazhi.kernel.commands.ledger import main as ledger_cli
from fazhi.kernel.ledger import (
    GENESIS,
    Chain,
    ExportError,
    MerkleTree,
    PackedTree,
    ProofError,
    canonical_json,
    digest,
    entry_digest,
    export_record_bundle,
    file_references,
    merkle_root,
    verify_bundle,
    verify_inclusion,
)
from fazhi.kernel.ledger import checkpoint as cp

KEY = b"record-bundle-test-key-0123456789"
T0 = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
MINE = ("enforcement.case:7", "enforcement.evidence:3")
OTHER = "enforcement.case:8"


def make_ledger(n: int = 40):
    """Entries of two cases interleaved with others; every 4th has a file, one step has an
    empty file reference (as a step without an upload writes it)."""
    chain = Chain("sm3")
    rows, files = [], {}
    for i in range(n):
        subject = (MINE[0], MINE[1], OTHER, "file:x")[i % 4]
        payload: dict = {"step": i}
        if i % 4 in (0, 2):
            content = f"{subject} 第{i}份证据".encode() * 20
            files[digest(content)] = content
            payload["file_digest"] = digest(content)
        if i == 5:
            payload["file_digest"] = ""
        entry = chain.append(subject, "officer:1", "step", T0 + dt.timedelta(minutes=i), payload)
        rows.append((entry, json.loads(canonical_json(payload))))
    return rows, files


def checkpoint_for(rows, size: int | None = None) -> cp.Checkpoint:
    size = len(rows) if size is None else size
    digests = [bytes.fromhex(e.digest) for e, _ in rows[:size]]
    return cp.sign(
        size=size,
        root=merkle_root(digests).hex(),
        head=rows[size - 1][0].digest if size else GENESIS,
        previous=GENESIS,
        key=KEY,
        key_id="test",
    )


def export(rows, files, path: Path, checkpoint=None, subjects=MINE):
    checkpoint = checkpoint or checkpoint_for(rows)
    mine = [(e, p) for e, p in rows[: checkpoint.size] if e.subject in subjects]
    return export_record_bundle(
        path,
        mine,
        (e.digest for e, _ in rows[: checkpoint.size]),
        checkpoint,
        files,
        record=subjects[0],
        subjects=subjects,
        meta={"案件": "测试"},
    )


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in (path / "entries.jsonl").read_text("utf-8").splitlines()]


def write_lines(path: Path, rows: list[dict]) -> None:
    text = "".join(canonical_json(r).decode() + "\n" for r in rows)
    (path / "entries.jsonl").write_text(text, "utf-8")


@pytest.fixture
def record(tmp_path: Path):
    rows, files = make_ledger()
    path = tmp_path / "record"
    done = export(rows, files, path)
    return path, rows, files, done


def test_packed_tree_gives_the_same_roots_and_proofs_as_the_tree() -> None:
    leaves = [digest(str(i).encode()).encode() for i in range(37)]
    tree, packed = MerkleTree(leaves), PackedTree(iter(leaves))
    assert packed.root() == tree.root() == merkle_root(leaves)
    for size in (1, 2, 5, 16, 37):
        for i in range(size):
            proof = packed.inclusion_proof(i, size)
            assert proof == tree.inclusion_proof(i, size)
            assert verify_inclusion(leaves[i], i, size, proof, tree.root(size))


def test_empty_file_references_reference_nothing() -> None:
    payload = {
        "file_digest": "",
        "files": [{"digest": ""}, {"digest": None}],
        "x": {"file_digest": None},
    }
    assert list(file_references(payload)) == []


def test_record_bundle_holds_only_the_record_and_verifies_alone(record) -> None:
    path, rows, files, done = record
    result = verify_bundle(path)
    assert result.ok, result.problems
    mine = [e for e, _ in rows if e.subject in MINE]
    assert [r["seq"] for r in lines(path)] == [e.seq for e in mine] == done.seqs
    assert result.count == len(mine) and result.root == done.checkpoint.root
    expected_files = {r for e, p in rows if e.subject in MINE for r in file_references(p)}
    assert {p.name for p in (path / "files").iterdir()} == expected_files
    assert OTHER not in (path / "entries.jsonl").read_text("utf-8")
    manifest = json.loads((path / "manifest.json").read_text("utf-8"))
    assert manifest["version"] == 2 and manifest["kind"] == "record"
    assert manifest["subjects"] == sorted(MINE) and manifest["size"] == len(rows)
    assert cp.parse((path / "checkpoint.json").read_text("utf-8")) == done.checkpoint
    # without the key the signature is not checked, and the result says so
    assert result.signature == "unchecked" and "未核验" in result.notes[0]
    assert verify_bundle(path, key=KEY).signature == "ok"


def test_a_wrong_key_fails_the_signature(record) -> None:
    path = record[0]
    result = verify_bundle(path, key=b"another-key-of-enough-length!!")
    assert not result.ok and result.problem == "checkpoint_signature"


def test_tampered_entry_wrong_proof_and_foreign_file_are_each_reported(record) -> None:
    path, *_ = record
    rows = lines(path)
    rows[1]["actor"] = "someone else"  # a field changed: digest no longer matches
    rows[2]["proof"][0] = "0" * 64  # a proof node replaced
    write_lines(path, rows)
    (path / "files" / ("ab" * 32)).write_bytes(b"a file of another case")
    result = verify_bundle(path)
    assert not result.ok
    codes = [p.reason_en for p in result.problems]
    assert any(f"entry {rows[1]['seq']} altered" in en for en in codes)
    assert any(f"entry {rows[2]['seq']}: its inclusion proof" in en for en in codes)
    assert any("not referenced by any entry" in en for en in codes)
    assert len(result.problems) == 3


def test_a_re_sealed_entry_still_fails_its_proof(record) -> None:
    """Whoever rewrites an entry and recomputes its digests cannot make the proof hold."""
    path, *_ = record
    rows = lines(path)
    row = rows[0]
    row["payload"]["step"] = 999
    row["payload_digest"] = digest(canonical_json(row["payload"]))
    fields = [row[k] for k in ("seq", "subject", "actor", "action", "time", "payload_digest")]
    row["digest"] = entry_digest(*fields, row["prev_digest"])
    write_lines(path, rows)
    result = verify_bundle(path)
    en = [p.reason_en for p in result.problems]
    assert en[0].startswith(f"entry {row['seq']}: its inclusion proof does not lead")
    # the next entry of the ledger is in the bundle too: it no longer links to the forgery
    assert en[1:] == [
        f"entry {rows[1]['seq']}: its previous-digest does not match entry {row['seq']} (chain broken)"
    ]


def test_foreign_entry_removed_entry_and_altered_file_are_reported(record) -> None:
    path, rows, files, done = record
    lines_ = lines(path)
    other = next((e, p) for e, p in rows if e.subject == OTHER)
    foreign = {k: getattr(other[0], k) for k in ("seq", "subject", "actor", "action", "time")}
    foreign |= {
        "payload_digest": other[0].payload_digest,
        "prev_digest": other[0].prev_digest,
        "digest": other[0].digest,
        "payload": other[1],
        "proof": [
            p.hex()
            for p in MerkleTree([bytes.fromhex(e.digest) for e, _ in rows]).inclusion_proof(
                other[0].seq - 1
            )
        ],
    }
    lines_ = sorted([*lines_[1:], foreign], key=lambda r: r["seq"])
    write_lines(path, lines_)
    first_file = next(iter((path / "files").iterdir()))
    first_file.write_bytes(b"changed")
    result = verify_bundle(path)
    en = [p.reason_en for p in result.problems]
    assert any(f"subject '{OTHER}'" in e for e in en)  # in the ledger, but not this record's
    assert any("manifest lists" in e for e in en) is False  # same count: one out, one in
    assert any("altered (content does not match" in e for e in en)


def test_export_refuses_leaves_that_do_not_make_the_checkpoint(tmp_path: Path) -> None:
    rows, files = make_ledger()
    forged = checkpoint_for(rows[:-1] + [rows[0]])  # the root of another ledger
    with pytest.raises(ProofError):
        export(rows, files, tmp_path / "x", checkpoint=forged)
    assert not (tmp_path / "x").exists()


def test_export_covers_only_entries_within_the_checkpoint(tmp_path: Path) -> None:
    rows, files = make_ledger()
    older = checkpoint_for(rows, size=21)
    done = export(rows, files, tmp_path / "x", checkpoint=older)
    assert max(done.seqs) <= 21 and verify_bundle(tmp_path / "x").ok
    with pytest.raises(ExportError):  # an entry past the checkpoint cannot be proven
        export_record_bundle(
            tmp_path / "y",
            [rows[30]],
            (e.digest for e, _ in rows[:21]),
            older,
            files,
            record=MINE[0],
            subjects=[rows[30][0].subject],
        )


def test_zip_record_bundle_and_command_line(tmp_path: Path, capsys) -> None:
    rows, files = make_ledger()
    export(rows, files, tmp_path / "r.zip")
    assert zipfile.is_zipfile(tmp_path / "r.zip")
    assert ledger_cli(["ledger", "verify", str(tmp_path / "r.zip")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok ") and "未核验" in out
    (tmp_path / "key").write_bytes(KEY + b"\n")
    argv = ["ledger", "verify", str(tmp_path / "r.zip"), "--key-file", str(tmp_path / "key")]
    assert ledger_cli(argv) == 0
    assert "signature ok" in capsys.readouterr().out
    (tmp_path / "bad").write_bytes(b"x" * 32)
    argv[-1] = str(tmp_path / "bad")
    assert ledger_cli(argv) == 1
    assert "FAIL" in capsys.readouterr().out
