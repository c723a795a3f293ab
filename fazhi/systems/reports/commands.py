"""``fazhi report check FILE [--pretty] [--level LEVEL]``: check one annual report, print JSON.

Runs without Django (see fazhi.cli). Exit status: 0 when the file was checked, whatever it
found; 2 with a one-line Chinese and English message on stderr when the file is missing,
unreadable or of an unsupported type, or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from fazhi.systems.reports.checker import REPORTING_LEVELS, ReportReadError, check_report

EXIT_OK = 0
EXIT_USAGE = 2


class _UsageError(Exception):
    """Bad arguments: reported on one line instead of argparse's multi-line usage."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fazhi report check",
        description="检查法治政府建设年度报告 / check an annual rule-of-law report",
    )
    parser.add_argument("file", help="报告文件 (.txt / .docx / .pdf)")
    parser.add_argument("--pretty", action="store_true", help="缩进输出 JSON / indented JSON")
    parser.add_argument(
        "--level",
        default="county_department",
        choices=sorted(REPORTING_LEVELS),
        help="报告主体层级，决定第二十三条报送时限 / reporter level (decides the deadline)",
    )
    return parser


def main(argv: list[str]) -> int:
    """Entry point; ``argv`` starts with the words ``report check``."""
    args_in = list(argv)
    if args_in[:2] == ["report", "check"]:
        args_in = args_in[2:]
    try:
        args = _parser().parse_args(args_in)
    except _UsageError as exc:
        print(f"错误：参数有误（{exc}） / error: bad arguments: {exc}", file=sys.stderr)
        return EXIT_USAGE
    path = Path(args.file)
    try:
        result = check_report(path, filename=path.name, level=args.level)
    except ReportReadError as exc:
        print(f"错误：{exc.message_zh} / error: {exc.message_en}", file=sys.stderr)
        return EXIT_USAGE
    indent = 2 if args.pretty else None
    sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=indent) + "\n")
    return EXIT_OK
