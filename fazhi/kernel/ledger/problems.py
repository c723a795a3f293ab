"""What a verification can find wrong, as data: a code, a Chinese sentence and an English one.

The Chinese sentence is what users read (``VerifyResult.reason``); the English one is for the
bilingual command line and logs. Each names the entry (or file) and what happened to it.
"""

from __future__ import annotations

from typing import Any

# code -> (Chinese template, English template)
PROBLEMS: dict[str, tuple[str, str]] = {
    "altered": (
        "第{seq}条记录的内容与其摘要不符：该记录被篡改",
        "entry {seq} altered: its digest does not match its content",
    ),
    "payload_altered": (
        "第{seq}条记录的业务内容与登记的内容摘要不符：内容被篡改",
        "entry {seq} payload altered: it does not match the recorded payload digest",
    ),
    "payload_missing": (
        "第{seq}条记录缺少对应的业务内容",
        "entry {seq} has no payload to check",
    ),
    "payload_extra": (
        "业务内容比记录多：第{seq}条起的业务内容没有对应的记录",
        "more payloads than entries, from entry {seq} on",
    ),
    "link": (
        "第{seq}条记录的前序摘要与{prev}的摘要不一致：链接断裂，{prev}或第{seq}条记录被改动或替换",
        "entry {seq}: its previous-digest does not match {prev_en} (chain broken)",
    ),
    "removed": (
        "第{seq}条记录缺失（其位置上出现的是第{found}条）：记录被删除",
        "entry {seq} removed (entry {found} is in its place)",
    ),
    "removed_range": (
        "第{seq}至第{last}条记录缺失（其位置上出现的是第{found}条）：记录被删除",
        "entries {seq} to {last} removed (entry {found} is in their place)",
    ),
    "reordered": (
        "第{seq}条记录不在应有的位置（其位置上出现的是第{found}条）：记录顺序被打乱",
        "entry {seq} out of order (entry {found} appears in its place): entries reordered",
    ),
    "duplicate": (
        "序号为{seq}的记录重复出现（出现在第{position}条的位置上）：有记录被插入或重排",
        "entry {seq} appears again in position {position}: an entry was inserted or reordered",
    ),
    "malformed": (
        "第{seq}条记录格式错误：{detail}",
        "entry {seq} malformed: {detail_en}",
    ),
    "truncated": (
        "记录被截断：应有{expected}条，实有{count}条，第{seq}条及以后的记录缺失",
        "ledger truncated: {expected} entries expected, {count} found; entry {seq} onwards missing",
    ),
    "extra": (
        "记录多出：应有{expected}条，实有{count}条，第{seq}条起为多出的记录",
        "ledger has extra entries: {expected} expected, {count} found, from entry {seq} on",
    ),
    "root_mismatch": (
        "Merkle 根与预期不符（预期 {expected}，重新计算为 {actual}）：账本被整体改写，或预期值有误",
        "Merkle root mismatch (expected {expected}, recomputed {actual})",
    ),
    "head_mismatch": (
        "链头摘要与清单不符（清单为 {expected}，重新计算为 {actual}）",
        "head digest mismatch (manifest {expected}, recomputed {actual})",
    ),
    "file_missing": (
        "第{seq}条记录引用的证据文件 {file} 缺失",
        "entry {seq}: evidence file {file} is missing",
    ),
    "file_altered": (
        "第{seq}条记录引用的证据文件 {file} 的内容与其摘要不符：文件被篡改",
        "entry {seq}: evidence file {file} altered (content does not match its digest)",
    ),
    "file_reference": (
        "第{seq}条记录引用的证据文件摘要“{file}”格式错误（应为64位小写十六进制）",
        "entry {seq}: malformed evidence file reference {file!r}",
    ),
    "file_unreferenced": (
        "导出包中的文件 {file} 未被任何记录引用：有文件被加入",
        "file {file} in the bundle is not referenced by any entry (added)",
    ),
    "proof_invalid": (
        "第{seq}条记录的包含证明不成立：该记录不在检查点（{size}条，根 {root}）所概括的账本中，或被改动",
        "entry {seq}: its inclusion proof does not lead to the checkpoint root (size {size})",
    ),
    "beyond_checkpoint": (
        "第{seq}条记录在检查点之后（检查点只涵盖前{size}条），无法证明其包含于账本",
        "entry {seq} lies beyond the checkpoint (size {size})",
    ),
    "checkpoint_head": (
        "第{seq}条记录是检查点的最后一条，但其摘要与检查点的链头不符",
        "entry {seq} is the checkpoint's last entry but its digest is not the checkpoint head",
    ),
    "subject_foreign": (
        "第{seq}条记录的对象“{subject}”不属于本导出包所载的记录：有其他记录的内容被加入",
        "entry {seq}: subject {subject!r} is not one of the bundle's records (foreign entry)",
    ),
    "checkpoint_invalid": (
        "检查点无法读取：{detail}",
        "the checkpoint cannot be read: {detail_en}",
    ),
    "checkpoint_signature": (
        "检查点的签名与所给密钥不符：检查点被伪造或改动，或密钥不对",
        "the checkpoint signature does not match the given key (forged, altered or wrong key)",
    ),
    "count_mismatch": (
        "导出包清单记载{expected}条记录，实有{count}条：有记录被删除或加入",
        "the manifest lists {expected} entries, the bundle holds {count}",
    ),
    "manifest_mismatch": (
        "导出包清单中的{field}与检查点不符",
        "the manifest's {field} does not match the checkpoint",
    ),
}

OK_REASON = "校验通过：共{count}条记录，摘要、链接、序号连续性均一致，Merkle 根 {root}"
OK_REASON_EN = "ok {count} entries, root {root}"
RECORD_OK_REASON = (
    "校验通过：共{count}条记录，每条的摘要、内容摘要与证据文件均一致，且均可证明包含于检查点"
    "（{size}条，Merkle 根 {root}）所概括的账本中"
)
RECORD_OK_REASON_EN = "ok {count} entries, included in checkpoint size {size}, root {root}"


def describe(code: str, **values: Any) -> tuple[str, str]:
    """The Chinese and English sentences for ``code`` filled with ``values``."""
    zh, en = PROBLEMS[code]
    values.setdefault("detail_en", values.get("detail", ""))
    seq = values.get("seq")
    if isinstance(seq, int) and "prev" not in values:
        values["prev"] = "创世值（64个0）" if seq == 1 else f"第{seq - 1}条记录"
        values["prev_en"] = "the genesis value" if seq == 1 else f"entry {seq - 1}"
    return zh.format(**values), en.format(**values)
