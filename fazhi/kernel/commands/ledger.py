"""``fazhi ledger verify PATH``: check an exported bundle with nothing but this package.

Exit 0 when intact (first line ``ok <count> entries, root <hex>``, then the Chinese summary),
1 when anything was altered, removed, reordered, inserted or a file altered or missing (first
line names the first bad entry in English, then one Chinese line per problem), 2 for usage errors and paths that are not bundles. The root
printed is what to compare with a root kept elsewhere; ``--root``/``--count`` do that here.

A record bundle (one case or other record, proven against a signed checkpoint) lists every
problem found, one per line. Its checkpoint's signature needs the deployment's key: without
``--key-file`` the output says it was not checked; with it a wrong signature is a failure.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from fazhi.kernel.ledger import BundleError, VerifyResult, verify_bundle
from fazhi.kernel.ledger.chain import check_expectations

USAGE = "fazhi ledger verify PATH [--root HEX] [--count N] [--key-file FILE] [--json]"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> _Parser:
    parser = _Parser(
        prog="fazhi ledger verify",
        usage=USAGE,
        description="校验账本导出包（目录或 .zip） / verify a ledger export bundle (directory or .zip)",
    )
    parser.add_argument("path", metavar="PATH", help="导出包路径 / bundle path")
    parser.add_argument("--root", help="应有的 Merkle 根（十六进制） / expected Merkle root (hex)")
    parser.add_argument("--count", type=int, help="应有的记录条数 / expected number of entries")
    parser.add_argument(
        "--key-file",
        help="检查点密钥文件（用于核验记录导出包中检查点的签名） / checkpoint key file, to check "
        "a record bundle's checkpoint signature",
    )
    parser.add_argument(
        "--json", action="store_true", help="以 JSON 输出结果 / print the result as JSON"
    )
    return parser


def _usage_error(message: str) -> int:
    print(f"用法错误：{message}；用法 {USAGE} / usage error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str]) -> int:
    """Run ``fazhi ledger verify``; ``argv`` includes the words ``ledger verify``."""
    if argv[:2] != ["ledger", "verify"]:
        return _usage_error("应以 ledger verify 开头 / expected 'ledger verify'")
    try:
        options = _parser().parse_args(argv[2:])
    except _UsageError as exc:
        return _usage_error(str(exc))
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    key = None
    if options.key_file:
        try:
            with open(options.key_file, "rb") as fh:
                key = fh.read().strip()
        except OSError as exc:
            return _usage_error(f"无法读取密钥文件 / cannot read key file: {exc}")
    try:
        result = verify_bundle(options.path, key=key)
    except BundleError as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
    if result.ok and (options.root is not None or options.count is not None):
        result = check_expectations(
            result, expected_count=options.count, expected_root=options.root
        )
    _report(result, as_json=options.json)
    return 0 if result.ok else 1


def _report(result: VerifyResult, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=2))
        return
    if result.ok:
        print(f"ok {result.count} entries, root {result.root}")
        if result.signature is None:
            print(
                f"账本完整：共 {result.count} 条记录，Merkle 根 {result.root}，链头 {result.head}"
            )
        else:
            print(result.reason)
            if result.signature == "ok":
                print("检查点签名有效 / checkpoint signature ok")
    else:
        print(f"FAIL {result.reason_en}")
        print(f"校验失败：{result.reason}")
        for problem in result.problems[1:]:  # every further problem, one per line
            print(f"校验失败：{problem.reason}")
    for note in result.notes:
        print(note)
