"""``fazhi redact``: mask personal information in text read from standard input.

Writes the masked text to standard output. ``--names 张三,李四`` and ``--addresses A；B`` give
the natural persons' names and addresses to mask, ``--keep`` strings that must stay visible
(an agency's own telephone, say), and ``--report`` prints the findings as JSON on standard error.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys

from fazhi.kernel.redact import redact

USAGE = "fazhi redact [--names 张三,李四] [--addresses 地址1；地址2] [--keep 文本,…] [--report] < in.txt"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _split(value: str | None, separators: str) -> list[str]:
    if not value:
        return []
    return [item.strip() for item in re.split(f"[{separators}]", value) if item.strip()]


def main(argv: list[str]) -> int:
    """Run ``fazhi redact``; ``argv`` includes the word ``redact``."""
    parser = _Parser(
        prog="fazhi redact", usage=USAGE, description="隐去个人信息 / mask personal information"
    )
    parser.add_argument("--names", help="自然人姓名，以逗号或顿号分隔 / names, comma separated")
    parser.add_argument("--addresses", help="地址，以分号分隔 / addresses, semicolon separated")
    parser.add_argument(
        "--keep", help="不得隐去的文本，以逗号分隔 / strings to keep, comma separated"
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="在标准错误输出 JSON 清单 / findings as JSON on stderr",
    )
    words = argv[1:] if argv[:1] == ["redact"] else argv
    try:
        options = parser.parse_args(words)
    except _UsageError as exc:
        print(f"用法错误：{exc}；用法 {USAGE} / usage error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    result = redact(
        sys.stdin.read(),
        names=_split(options.names, ",，、"),
        addresses=_split(options.addresses, ";；"),
        keep=_split(options.keep, ",，"),
    )
    sys.stdout.write(result.text)
    if options.report:
        findings = [dataclasses.asdict(f) for f in result.findings]
        print(json.dumps(findings, ensure_ascii=False, indent=2), file=sys.stderr)
    return 0
