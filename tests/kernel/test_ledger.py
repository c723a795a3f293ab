"""The tamper-evident ledger: sealing, streaming verification, bundles and the standalone verifier.

行政处罚法 第四十七条: 「行政机关应当依法以文字、音像等形式，对行政处罚的启动、调查取证、审核、
决定、送达、执行等进行全过程记录，归档保存。」 The record must be provably untouched: any entry
altered, removed, reordered or inserted, and any evidence file altered or missing, is found and
named.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import struct
import zipfile
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from fazhi.kernel import ledger
from fazhi.kernel.ledger import (
    GENESIS,
    BundleError,
    Chain,
    Entry,
    ExportError,
    LedgerError,
    canonical_json,
    digest,
    entry_digest,
    export_bundle,
    merkle_root,
    seal,
    verify_bundle,
    verify_entries,
)

ALGORITHMS = ("sm3", "sha256")
T0 = dt.datetime(2024, 3, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
STAGES = ("启动", "调查取证", "审核", "决定", "送达", "执行")  # 第四十七条's stages


def evidence(i: int) -> bytes:
    return f"现场检查笔录 第{i}页".encode() * 50


def make_ledger(
    n: int = 8, algorithm: str = "sm3"
) -> tuple[list[Entry], list[dict], dict[str, bytes]]:
    """A case's whole-process record: one entry per step, every other step with a file."""
    chain = Chain(algorithm)
    entries, payloads, files = [], [], {}
    for i in range(n):
        payload: dict = {"stage": STAGES[i % len(STAGES)], "amount": Decimal("20000.00"), "step": i}
        if i % 2 == 0:
            content = evidence(i)
            ref = digest(content, algorithm)
            files[ref] = content
            payload["files"] = [{"digest": ref, "name": f"笔录{i}.pdf"}]
        entry = chain.append(
            "case:榕鼓市监处罚〔2024〕7号" if i % 3 else "case:1024",
            "officer:1001" if i % 2 else "执法人员王五",
            "penalty.step",
            T0 + dt.timedelta(hours=i),
            payload,
        )
        entries.append(entry)
        payloads.append(json.loads(canonical_json(payload)))
    return entries, payloads, files


# ---------------------------------------------------------------- digests and encoding


def test_sm3_is_the_default_and_matches_the_national_standard() -> None:
    # GB/T 32905-2016 example 1: SM3("abc")
    assert ledger.DEFAULT_ALGORITHM == "sm3"
    assert digest(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert digest(b"abc", "sha256") == hashlib.sha256(b"abc").hexdigest()
    assert GENESIS == "0" * 64


def test_unknown_algorithm_is_refused() -> None:
    with pytest.raises(LedgerError, match="不支持的摘要算法"):
        Chain("md5")


def test_file_digest_streams_paths_and_file_objects(tmp_path: Path) -> None:
    big = b"x" * (3 * 1024 * 1024 + 17)
    path = tmp_path / "video.bin"
    path.write_bytes(big)
    assert ledger.file_digest(path) == digest(big)
    with open(path, "rb") as stream:
        assert ledger.file_digest(stream, "sha256") == hashlib.sha256(big).hexdigest()


def test_canonical_json_is_deterministic() -> None:
    payload = {
        "b": [1, "二"],
        "a": {"y": Decimal("20000.00"), "x": dt.date(2024, 3, 4)},
        "t": T0,
    }
    expected = (
        '{"a":{"x":"2024-03-04","y":"20000.00"},"b":[1,"二"],"t":"2024-03-04T09:30:00+08:00"}'
    )
    assert canonical_json(payload) == expected.encode("utf-8")
    assert canonical_json(dict(reversed(payload.items()))) == canonical_json(payload)


@pytest.mark.parametrize(
    "payload",
    [
        {"x": float("nan")},
        {"x": Decimal("NaN")},
        {"x": dt.datetime(2024, 1, 1)},  # naive: the instant is unknown
        {1: "a", "1": "b"},  # would collapse into one key
        {"x": {1, 2}},  # a set has no order
    ],
)
def test_canonical_json_refuses_ambiguous_payloads(payload: dict) -> None:
    with pytest.raises(LedgerError):
        canonical_json(payload)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_entry_digest_follows_the_documented_encoding(algorithm: str) -> None:
    # An independent verifier needs only the documented encoding: rebuild it by hand.
    fields = ("case:案件7", "officer:1", "case.open", "2024-03-04T09:30:00+08:00")
    pd, prev = "ab" * 32, GENESIS
    data = [f.encode() for f in (*fields, pd, prev)]
    message = (
        b"fazhi-ledger/entry/v1\x00"
        + struct.pack(">Q", 7)
        + b"".join(struct.pack(">I", len(d)) for d in data)
        + b"".join(data)
    )
    expected = hashlib.new(algorithm, message).hexdigest()
    assert entry_digest(7, *fields, pd, prev, algorithm) == expected


def test_length_prefixes_keep_field_boundaries() -> None:
    one = entry_digest(1, "ab", "c", "x", "2024-01-01T00:00:00+08:00", "0" * 64, GENESIS)
    two = entry_digest(1, "a", "bc", "x", "2024-01-01T00:00:00+08:00", "0" * 64, GENESIS)
    assert one != two


# ---------------------------------------------------------------- sealing


def test_seal_computes_payload_and_entry_digests() -> None:
    entry = seal(1, "case:1", "officer:1", "case.open", T0, {"立案": True}, GENESIS)
    assert entry.time == "2024-03-04T09:30:00+08:00"
    assert entry.payload_digest == digest(canonical_json({"立案": True}))
    assert entry.prev_digest == GENESIS
    assert entry.digest == entry_digest(
        1, "case:1", "officer:1", "case.open", entry.time, entry.payload_digest, GENESIS
    )


@pytest.mark.parametrize(
    ("time", "prev"),
    [
        (dt.datetime(2024, 3, 4, 9, 30), GENESIS),  # naive datetime
        ("2024-03-04T09:30:00", GENESIS),  # no UTC offset
        ("yesterday", GENESIS),
        (T0, "F" * 64),  # not lowercase hex
        (T0, "0" * 63),
    ],
)
def test_seal_refuses_bad_time_or_previous_digest(time: object, prev: str) -> None:
    with pytest.raises(LedgerError):
        seal(1, "case:1", "officer:1", "case.open", time, {}, prev)  # type: ignore[arg-type]


def test_chain_resumes_from_a_stored_head() -> None:
    entries, _, _ = make_ledger(6)
    resumed = Chain("sm3", head_seq=3, head_digest=entries[2].digest)
    again = [
        resumed.append(e.subject, e.actor, e.action, e.time, p)
        for e, p in zip(entries[3:], make_ledger(6)[1][3:], strict=True)
    ]
    assert again == entries[3:]
    assert (resumed.head_seq, resumed.head_digest) == (6, entries[-1].digest)


# ---------------------------------------------------------------- verifying entries


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_intact_ledger_verifies_with_root_and_head(algorithm: str) -> None:
    entries, payloads, _ = make_ledger(8, algorithm)
    result = verify_entries(entries, algorithm=algorithm, payloads=payloads)
    assert result.ok and result.first_bad is None and result.problem is None
    assert result.count == 8
    assert result.head == entries[-1].digest
    assert result.root == merkle_root((bytes.fromhex(e.digest) for e in entries), algorithm).hex()
    assert "校验通过" in result.reason


def test_empty_ledger_verifies() -> None:
    result = verify_entries([])
    assert result.ok and result.count == 0 and result.head is None
    assert result.root == ledger.empty_root().hex()


def test_long_ledger_across_merkle_chunks() -> None:
    # Non-ASCII and ASCII entries mixed, past the 1024-leaf chunks of the streaming root.
    chain = Chain("sha256")
    entries = [
        chain.append(f"case:{i}" if i % 5 else f"案件{i}", "officer:1", "step", T0, {"i": i})
        for i in range(2100)
    ]
    result = verify_entries(entries, algorithm="sha256")
    leaves = [bytes.fromhex(e.digest) for e in entries]
    assert result.ok and result.count == 2100
    assert result.root == ledger.MerkleTree(leaves, "sha256").root().hex()


def test_rows_of_any_shape_verify() -> None:
    # The platform streams database rows; any object with the Entry attributes will do.
    entries, _, _ = make_ledger(4)
    rows = [SimpleNamespace(**dataclasses.asdict(e)) for e in entries]
    assert verify_entries(rows).ok


def replace(entries: list[Entry], index: int, **changes: object) -> list[Entry]:
    out = list(entries)
    out[index] = dataclasses.replace(entries[index], **changes)
    return out


def test_altered_field_is_named() -> None:
    entries, _, _ = make_ledger()
    result = verify_entries(replace(entries, 4, actor="officer:9999"))
    assert not result.ok
    assert (result.first_bad, result.problem) == (5, "altered")
    assert result.reason == "第5条记录的内容与其摘要不符：该记录被篡改"
    assert result.count == 4 and result.head == entries[3].digest and result.root is None


def test_altered_payload_is_named() -> None:
    entries, payloads, _ = make_ledger()
    payloads[2] = {**payloads[2], "amount": "2000.00"}
    result = verify_entries(entries, payloads=payloads)
    assert (result.ok, result.first_bad, result.problem) == (False, 3, "payload_altered")
    assert "第3条记录的业务内容" in result.reason


def test_removed_entry_is_named() -> None:
    entries, _, _ = make_ledger()
    result = verify_entries(entries[:3] + entries[4:])
    assert (result.first_bad, result.problem) == (4, "removed")
    assert result.reason.startswith("第4条记录缺失")


def test_several_removed_entries_are_named_as_a_range() -> None:
    entries, _, _ = make_ledger()
    result = verify_entries(entries[:2] + entries[5:])
    assert (result.first_bad, result.problem) == (3, "removed_range")
    assert result.reason.startswith("第3至第5条记录缺失")


def test_swapped_entries_are_named() -> None:
    entries, _, _ = make_ledger()
    swapped = entries[:3] + [entries[4], entries[3]] + entries[5:]
    result = verify_entries(swapped)
    assert (result.first_bad, result.problem) == (4, "reordered")
    assert "顺序被打乱" in result.reason


def test_inserted_duplicate_is_named() -> None:
    entries, _, _ = make_ledger()
    forged = dataclasses.replace(entries[2], actor="officer:forger")
    result = verify_entries(entries[:3] + [forged] + entries[3:])
    assert (result.first_bad, result.problem) == (3, "duplicate")
    assert "序号为3的记录重复出现" in result.reason


def test_consistently_recomputed_forgery_still_breaks_the_chain() -> None:
    # A forger who recomputes entry 3's digest cannot fix entry 4's link without rewriting it.
    entries, _, _ = make_ledger()
    e = entries[2]
    forged_digest = entry_digest(
        e.seq, e.subject, "officer:forger", e.action, e.time, e.payload_digest, e.prev_digest
    )
    result = verify_entries(replace(entries, 2, actor="officer:forger", digest=forged_digest))
    assert (result.first_bad, result.problem) == (4, "link")
    assert "第4条记录的前序摘要与第3条记录的摘要不一致" in result.reason


def test_whole_rewrite_is_caught_by_an_expected_root() -> None:
    entries, _, _ = make_ledger()
    original = verify_entries(entries).root
    chain = Chain()
    rewritten = [chain.append(e.subject, "officer:forger", e.action, e.time, {}) for e in entries]
    assert verify_entries(rewritten).ok  # internally consistent …
    result = verify_entries(rewritten, expected_root=original)
    assert (result.ok, result.first_bad, result.problem) == (False, None, "root_mismatch")


def test_truncation_and_extras_against_an_expected_count() -> None:
    entries, _, _ = make_ledger()
    short = verify_entries(entries[:6], expected_count=8)
    assert (short.first_bad, short.problem) == (7, "truncated")
    assert short.reason.startswith("记录被截断：应有8条，实有6条")
    long = verify_entries(entries, expected_count=7)
    assert (long.first_bad, long.problem) == (8, "extra")


def test_malformed_rows_are_named() -> None:
    entries, _, _ = make_ledger(3)
    result = verify_entries(replace(entries, 1, seq="2"))
    assert (result.first_bad, result.problem) == (2, "malformed")
    rows = [*entries[:2], SimpleNamespace(seq=3)]
    assert verify_entries(rows).problem == "malformed"


def test_payload_count_must_match() -> None:
    entries, payloads, _ = make_ledger(4)
    assert verify_entries(entries, payloads=payloads[:3]).problem == "payload_missing"
    assert verify_entries(entries, payloads=[*payloads, {}]).problem == "payload_extra"


# ---------------------------------------------------------------- bundles


@pytest.fixture(params=ALGORITHMS)
def bundle(request, tmp_path: Path) -> tuple[Path, list[Entry]]:
    entries, payloads, files = make_ledger(8, request.param)
    path = tmp_path / "bundle"
    result = export_bundle(
        path,
        list(zip(entries, payloads, strict=True)),
        files,
        algorithm=request.param,
        meta={"案件": "榕鼓市监处罚〔2024〕7号"},
    )
    assert result.ok
    return path, entries


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in (path / "entries.jsonl").read_text("utf-8").splitlines()]


def write_lines(path: Path, rows: list[dict]) -> None:
    text = "".join(canonical_json(r).decode() + "\n" for r in rows)
    (path / "entries.jsonl").write_text(text, "utf-8")


def test_exported_bundle_verifies(bundle) -> None:
    path, entries = bundle
    manifest = json.loads((path / "manifest.json").read_text("utf-8"))
    result = verify_bundle(path)
    assert result.ok and result.count == 8
    assert manifest["count"] == 8 and manifest["root"] == result.root
    assert manifest["head"] == entries[-1].digest
    assert manifest["meta"] == {"案件": "榕鼓市监处罚〔2024〕7号"}
    assert sorted(p.name for p in (path / "files").iterdir()) == sorted(
        {r["payload"]["files"][0]["digest"] for r in lines(path) if "files" in r["payload"]}
    )


def test_zip_bundle_verifies_and_names_an_altered_file(tmp_path: Path) -> None:
    entries, payloads, files = make_ledger(5)
    target = tmp_path / "export.zip"
    assert export_bundle(target, zip(entries, payloads, strict=True), files).ok
    assert verify_bundle(target).ok
    ref = payloads[2]["files"][0]["digest"]
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(target) as src, zipfile.ZipFile(tampered, "w") as dst:
        for name in src.namelist():
            data = b"forged" if name == f"files/{ref}" else src.read(name)
            dst.writestr(name, data)
    result = verify_bundle(tampered)
    assert (result.first_bad, result.problem, result.bad_file) == (3, "file_altered", ref)


def test_bundle_payload_field_altered(bundle) -> None:
    path, _ = bundle
    rows = lines(path)
    rows[4]["payload"]["amount"] = "200.00"
    write_lines(path, rows)
    result = verify_bundle(path)
    assert (result.first_bad, result.problem) == (5, "payload_altered")


def test_bundle_entry_field_altered(bundle) -> None:
    path, _ = bundle
    rows = lines(path)
    rows[5]["time"] = "2024-03-01T09:30:00+08:00"  # back-dated
    write_lines(path, rows)
    result = verify_bundle(path)
    assert (result.first_bad, result.problem) == (6, "altered")


def test_bundle_line_deleted(bundle) -> None:
    path, _ = bundle
    rows = lines(path)
    write_lines(path, rows[:2] + rows[3:])
    result = verify_bundle(path)
    assert (result.first_bad, result.problem) == (3, "removed")


def test_bundle_lines_swapped(bundle) -> None:
    path, _ = bundle
    rows = lines(path)
    rows[5], rows[6] = rows[6], rows[5]
    write_lines(path, rows)
    result = verify_bundle(path)
    assert (result.first_bad, result.problem) == (6, "reordered")


def test_bundle_forged_line_inserted(bundle) -> None:
    path, _ = bundle
    rows = lines(path)
    forged = {**rows[3], "actor": "officer:forger"}
    forged["digest"] = entry_digest(
        forged["seq"],
        forged["subject"],
        forged["actor"],
        forged["action"],
        forged["time"],
        forged["payload_digest"],
        forged["prev_digest"],
        json.loads((path / "manifest.json").read_text())["algorithm"],
    )
    write_lines(path, rows[:3] + [forged] + rows[3:])  # a second, well-formed entry 4
    result = verify_bundle(path)
    assert (result.first_bad, result.problem) == (4, "duplicate")


def test_bundle_tail_truncated(bundle) -> None:
    path, _ = bundle
    write_lines(path, lines(path)[:6])
    result = verify_bundle(path)
    assert (result.first_bad, result.problem) == (7, "truncated")
    assert "应有8条，实有6条" in result.reason


def test_bundle_evidence_file_changed(bundle) -> None:
    path, _ = bundle
    ref = lines(path)[4]["payload"]["files"][0]["digest"]
    (path / "files" / ref).write_bytes(b"a different photo")
    result = verify_bundle(path)
    assert (result.first_bad, result.problem, result.bad_file) == (5, "file_altered", ref)
    assert ref in result.reason


def test_bundle_evidence_file_dropped(bundle) -> None:
    path, _ = bundle
    ref = lines(path)[6]["payload"]["files"][0]["digest"]
    (path / "files" / ref).unlink()
    result = verify_bundle(path)
    assert (result.first_bad, result.problem, result.bad_file) == (7, "file_missing", ref)


def test_bundle_file_added(bundle) -> None:
    path, _ = bundle
    extra = digest(b"planted")
    (path / "files" / extra).write_bytes(b"planted")
    result = verify_bundle(path)
    assert (result.problem, result.bad_file) == ("file_unreferenced", extra)


def test_bundle_manifest_root_altered(bundle) -> None:
    path, _ = bundle
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["root"] = "0" * 64
    (path / "manifest.json").write_text(json.dumps(manifest))
    assert verify_bundle(path).problem == "root_mismatch"


def test_bundle_file_reference_cannot_escape(tmp_path: Path) -> None:
    # A forger who rebuilds a whole consistent bundle still cannot make the verifier read
    # outside files/: a reference must be a digest.
    entries, payloads, files = make_ledger(3)
    path = tmp_path / "bundle"
    export_bundle(path, zip(entries, payloads, strict=True), files)
    chain = Chain()
    rows = []
    for i, payload in enumerate([payloads[0], {"file_digest": "../manifest.json"}, payloads[2]]):
        e = chain.append(
            entries[i].subject, entries[i].actor, entries[i].action, entries[i].time, payload
        )
        rows.append({**dataclasses.asdict(e), "payload": payload})
    write_lines(path, rows)
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["root"] = verify_entries(chain_entries(rows)).root
    manifest["head"] = rows[-1]["digest"]
    (path / "manifest.json").write_text(json.dumps(manifest))
    result = verify_bundle(path)
    assert (result.first_bad, result.problem) == (2, "file_reference")
    with pytest.raises(ExportError, match="格式错误"):
        export_bundle(
            tmp_path / "again",
            [(e, r["payload"]) for e, r in zip(chain_entries(rows), rows, strict=True)],
        )


def chain_entries(rows: list[dict]) -> list[Entry]:
    return [Entry(**{k: v for k, v in r.items() if k != "payload"}) for r in rows]


@pytest.mark.parametrize("kind", ["missing", "empty_dir", "plain_file", "bad_manifest"])
def test_not_a_bundle(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x"
    if kind == "empty_dir":
        path.mkdir()
    elif kind == "plain_file":
        path.write_text("hello")
    elif kind == "bad_manifest":
        path.mkdir()
        (path / "manifest.json").write_text('{"format": "something else"}')
    with pytest.raises(BundleError):
        verify_bundle(path)


def test_export_refuses_a_broken_chain_and_leaves_nothing(tmp_path: Path) -> None:
    entries, payloads, files = make_ledger()
    entries = replace(entries, 3, action="penalty.cancelled")
    with pytest.raises(ExportError) as caught:
        export_bundle(tmp_path / "b", zip(entries, payloads, strict=True), files)
    assert caught.value.result is not None and caught.value.result.first_bad == 4
    assert list(tmp_path.iterdir()) == []


def test_export_refuses_missing_or_wrong_files(tmp_path: Path) -> None:
    entries, payloads, files = make_ledger(4)
    ref = next(iter(files))
    rows = list(zip(entries, payloads, strict=True))
    with pytest.raises(ExportError, match="未提供"):
        export_bundle(tmp_path / "a", rows, {k: v for k, v in files.items() if k != ref})
    with pytest.raises(ExportError, match="内容与其摘要不符"):
        export_bundle(tmp_path / "b", rows, {**files, ref: b"not the evidence"})
    assert list(tmp_path.iterdir()) == []


def test_export_reads_files_from_paths_and_ignores_unreferenced_ones(tmp_path: Path) -> None:
    entries, payloads, files = make_ledger(4)
    on_disk = {}
    for ref, content in files.items():
        (tmp_path / ref).write_bytes(content)
        on_disk[ref] = tmp_path / ref
    on_disk[digest(b"unrelated")] = b"unrelated"
    target = tmp_path / "out" / "bundle"
    export_bundle(target, zip(entries, payloads, strict=True), on_disk)
    assert verify_bundle(target).ok
    assert len(list((target / "files").iterdir())) == len(files)


def test_export_will_not_overwrite(bundle) -> None:
    path, entries = bundle
    with pytest.raises(ExportError, match="已存在"):
        export_bundle(path, [])
