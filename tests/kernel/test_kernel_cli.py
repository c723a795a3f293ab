"""``fazhi ledger verify PATH``, ``fazhi validate`` and ``fazhi redact`` (through fazhi.cli).

An auditor holding only an export and this package must get a plain answer: exit 0 and the
root when the record is intact (行政处罚法 第四十七条 全过程记录), exit 1 naming the first bad
entry, exit 2 when the path is not a bundle or the command is misused.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.cli import main as fazhi
from fazhi.kernel import ledger
from fazhi.kernel.commands import ledger as ledger_command
from fazhi.kernel.ids import id_check_digit

CJK = re.compile(r"[\u4e00-\u9fff]")


def run(
    capsys, *argv: str, stdin: str | None = None, monkeypatch=None
) -> tuple[int, list[str], str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = fazhi(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    chain = ledger.Chain()
    rows = []
    for i, stage in enumerate(("启动", "调查取证", "审核", "决定", "送达", "执行")):
        payload = {"stage": stage}
        rows.append(
            (
                chain.append(
                    "case:7",
                    "officer:1",
                    "penalty.step",
                    f"2024-03-0{i + 1}T09:00:00+08:00",
                    payload,
                ),
                payload,
            )
        )
    path = tmp_path / "bundle"
    ledger.export_bundle(path, rows)
    return path


def test_intact_bundle_prints_the_root(capsys, bundle: Path) -> None:
    code, out, err = run(capsys, "ledger", "verify", str(bundle))
    root = ledger.verify_bundle(bundle).root
    assert (code, err) == (0, "")
    assert out[0] == f"ok 6 entries, root {root}"
    assert out[1].startswith("账本完整：共 6 条记录")


def test_tampered_bundle_names_the_entry(capsys, bundle: Path) -> None:
    entries = bundle / "entries.jsonl"
    lines = entries.read_text("utf-8").splitlines(keepends=True)
    entries.write_text("".join(lines[:3] + lines[4:]), "utf-8")  # entry 4 (决定) deleted
    code, out, _ = run(capsys, "ledger", "verify", str(bundle))
    assert code == 1
    assert out[0] == "FAIL entry 4 removed (entry 5 is in its place)"
    assert out[1] == "校验失败：第4条记录缺失（其位置上出现的是第5条）：记录被删除"


def test_a_bundle_with_two_problems_lists_both(capsys, bundle: Path) -> None:
    entries = bundle / "entries.jsonl"
    lines = entries.read_text("utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("officer:1", "officer:2")  # entry 2 altered
    del lines[4]  # entry 5 deleted
    entries.write_text("".join(lines), "utf-8")
    code, out, _ = run(capsys, "ledger", "verify", str(bundle))
    assert code == 1
    assert out[1:] == [
        "校验失败：第2条记录的内容与其摘要不符：该记录被篡改",
        "校验失败：第5条记录缺失（其位置上出现的是第6条）：记录被删除",
    ]


def test_expected_root_and_count(capsys, bundle: Path) -> None:
    root = ledger.verify_bundle(bundle).root
    assert run(capsys, "ledger", "verify", str(bundle), "--root", root, "--count", "6")[0] == 0
    code, out, _ = run(capsys, "ledger", "verify", str(bundle), "--root", "0" * 64)
    assert code == 1 and out[0].startswith("FAIL Merkle root mismatch")
    code, out, _ = run(capsys, "ledger", "verify", str(bundle), "--count", "7")
    assert code == 1 and "truncated" in out[0]


def test_json_output(capsys, bundle: Path) -> None:
    code, out, _ = run(capsys, "ledger", "verify", str(bundle), "--json")
    result = json.loads("\n".join(out))
    assert code == 0 and result["ok"] is True and result["count"] == 6


@pytest.mark.parametrize("kind", ["missing", "not_a_bundle", "bad_option"])
def test_usage_errors_exit_2_with_one_bilingual_line(
    capsys, tmp_path: Path, bundle: Path, kind: str
) -> None:
    if kind == "missing":
        argv = ["ledger", "verify", str(tmp_path / "nowhere")]
    elif kind == "not_a_bundle":
        (tmp_path / "notes.txt").write_text("hello")
        argv = ["ledger", "verify", str(tmp_path / "notes.txt")]
    else:
        argv = ["ledger", "verify", str(bundle), "--frobnicate"]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == []
    assert len(err.strip().splitlines()) == 1
    assert CJK.search(err) and re.search(r"[a-z]{4,}", err)


def test_missing_path_is_a_usage_error() -> None:
    # Without PATH, fazhi.cli hands `ledger verify` to Django; the kernel command alone says no.
    assert ledger_command.main(["ledger", "verify"]) == 2


def test_validate(capsys) -> None:
    assert run(capsys, "validate", "uscc", "91350100M000100Y43")[:2] == (0, ["ok"])
    body = "35010219900307123"
    assert run(capsys, "validate", "id", body + id_check_digit(body))[:2] == (0, ["ok"])
    assert run(capsys, "validate", "division", "350102")[:2] == (0, ["ok"])
    code, out, _ = run(capsys, "validate", "uscc", "91350100M000100Y44")
    assert code == 1 and out == [
        "第18位校验码应为“3”，实为“4”（GB 32100-2015《法人和其他组织统一社会信用代码编码规则》 校验码算法），代码可能有录入错误"
    ]
    code, out, _ = run(capsys, "validate", "id", "11010519491231002x")
    assert code == 1 and "校验码X应大写" in out[0]


@pytest.mark.parametrize(
    "argv", [["validate"], ["validate", "passport", "E1234"], ["validate", "uscc"]]
)
def test_validate_usage_errors(capsys, argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == [] and CJK.search(err) and "usage" in err


def test_redact_reads_stdin(capsys, monkeypatch) -> None:
    text = "当事人张三，手机13812345678，罚款20000元。\n"
    code, out, err = run(
        capsys, "redact", "--names", "张三，李四", stdin=text, monkeypatch=monkeypatch
    )
    assert (code, out, err) == (0, ["当事人张*，手机138****5678，罚款20000元。"], "")


def test_redact_report_on_stderr(capsys, monkeypatch) -> None:
    code, out, err = run(
        capsys, "redact", "--report", stdin="手机13812345678", monkeypatch=monkeypatch
    )
    findings = json.loads(err)
    assert code == 0 and out == ["手机138****5678"]
    assert findings[0]["kind"] == "mobile" and findings[0]["ground"].startswith(
        "《中华人民共和国个人信息保护法》"
    )


def test_redact_usage_error(capsys, monkeypatch) -> None:
    code, _, err = run(capsys, "redact", "--bogus", stdin="", monkeypatch=monkeypatch)
    assert code == 2 and CJK.search(err)


def test_kernel_commands_never_import_django(bundle: Path) -> None:
    script = (
        "import sys; from fazhi.cli import main; "
        f"code = main(['ledger', 'verify', {str(bundle)!r}]); "
        "main(['validate', 'uscc', '91350100M000100Y43']); "
        "assert 'django' not in sys.modules, 'django imported'; sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
