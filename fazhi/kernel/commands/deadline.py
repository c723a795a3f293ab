"""``fazhi deadline RULE_ID YYYY-MM-DD [--suspend A..B]... [--restart D] [--extended] [--explain]``.

Prints the due date (``YYYY-MM-DD``, followed by `` provisional`` when it depends on a year
whose holiday notice is not out), and with ``--explain`` the trace below it. Errors — unknown
rule, malformed date, a suspension outside the period — are one Chinese-and-English line on
stderr with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import NoReturn

from fazhi.kernel.timelimits import TimeLimitError, UnknownRule, compute_due, get_rule

EXIT_USAGE = 2


class UsageError(Exception):
    """A command-line error; its message is one Chinese-and-English line."""


#: argparse's own English messages, rendered in Chinese for the first half of an error line.
_ARGPARSE_ZH = (
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("expected one argument", "缺少参数值"),
    ("ignored explicit argument ", "该选项不接受参数值："),
    ("ambiguous option: ", "选项不明确："),
    ("argument ", "参数 "),
)


class Parser(argparse.ArgumentParser):
    """argparse whose errors become :class:`UsageError` (one line, exit 2) instead of usage."""

    def error(self, message: str) -> NoReturn:
        chinese = message
        for english, zh in _ARGPARSE_ZH:
            chinese = chinese.replace(english, zh)
        raise UsageError(f"命令参数有误：{chinese} / usage error: {message}")


def parse_date(text: str, what: str = "日期") -> date:
    """Parse ``YYYY-MM-DD`` strictly, with a Chinese-and-English error naming the input."""
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{what}格式错误：{text!r}，应为 YYYY-MM-DD / malformed date {text!r}, expected YYYY-MM-DD"
        ) from None


def parse_span(text: str) -> tuple[date, date]:
    """Parse ``YYYY-MM-DD..YYYY-MM-DD`` (an inclusive suspension)."""
    first, sep, last = text.partition("..")
    if not sep:
        raise UsageError(
            f"中止期间格式错误：{text!r}，应为 YYYY-MM-DD..YYYY-MM-DD / "
            f"malformed suspension {text!r}, expected YYYY-MM-DD..YYYY-MM-DD"
        )
    return parse_date(first, "中止期间日期"), parse_date(last, "中止期间日期")


def build_parser() -> Parser:
    """The argument parser of ``fazhi deadline``."""
    parser = Parser(
        prog="fazhi deadline",
        description="计算法定期限的截止日期 / compute a statutory deadline",
    )
    parser.add_argument("rule", metavar="RULE_ID", help="期限规则编号（fazhi rules 查看）")
    parser.add_argument("trigger", metavar="YYYY-MM-DD", help="起算事件日（“N日前”类为事件日）")
    parser.add_argument(
        "--suspend",
        action="append",
        default=[],
        metavar="YYYY-MM-DD..YYYY-MM-DD",
        help="不计入期限的中止期间（含首尾），可多次使用",
    )
    parser.add_argument("--restart", metavar="YYYY-MM-DD", help="重新起算日（如收到补正申请之日）")
    parser.add_argument("--extended", action="store_true", help="经批准延长期限")
    parser.add_argument("--explain", action="store_true", help="逐行说明计算依据和过程")
    return parser


def main(argv: list[str]) -> int:
    """Run ``fazhi deadline``; ``argv[0]`` is the command word itself."""
    try:
        args = build_parser().parse_args(argv[1:])
        rule = get_rule(args.rule)
        trigger = parse_date(args.trigger, "起算日")
        spans = [parse_span(text) for text in args.suspend]
        restart = parse_date(args.restart, "重新起算日") if args.restart else None
        result = compute_due(
            rule, trigger, suspensions=spans, restart=restart, extended=args.extended
        )
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    except (UsageError, UnknownRule, TimeLimitError, OverflowError) as exc:
        print(" ".join(str(exc).split()), file=sys.stderr)
        return EXIT_USAGE
    first = result.due.isoformat() + (" provisional" if result.provisional else "")
    print(first)
    if args.explain:
        for line in result.trace.lines():
            print(line)
    return 0
