"""``fazhi rules [PREFIX]``: list the statutory time-limit catalogue.

One rule per line: id, unit, length (``7 before`` for "N日前" notices, ``03-01`` for a fixed
date), citation and Chinese title, tab-separated so the output also reads into a spreadsheet.
An optional PREFIX (e.g. ``penalty``) keeps the rules whose id starts with it.
"""

from __future__ import annotations

import sys

from fazhi.kernel.commands.deadline import EXIT_USAGE, Parser, UsageError
from fazhi.kernel.timelimits import RULES, Rule
from fazhi.kernel.timelimits.rules import FIXED_DATE, SET_DATE


def _length(rule: Rule) -> str:
    if rule.unit == FIXED_DATE:
        return f"{rule.month:02d}-{rule.day:02d}"
    if rule.unit == SET_DATE:
        return "set"
    return f"{rule.length} before" if rule.direction == "before" else str(rule.length)


def format_rule(rule: Rule) -> str:
    """One tab-separated line: id, unit, length, citation, title (with status marks)."""
    marks = ("（未核实）" if not rule.verified else "") + (
        "（可配置）" if rule.configurable else ""
    )
    return "\t".join((rule.id, rule.unit, _length(rule), rule.citation, rule.title + marks))


def main(argv: list[str]) -> int:
    """Run ``fazhi rules``; ``argv[0]`` is the command word itself."""
    parser = Parser(prog="fazhi rules", description="列出法定期限规则目录 / list the rules")
    parser.add_argument("prefix", nargs="?", default="", help="只列出编号以此开头的规则")
    try:
        args = parser.parse_args(argv[1:])
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    selected = [rule for rule_id, rule in RULES.items() if rule_id.startswith(args.prefix)]
    if not selected:
        print(
            f"没有编号以 {args.prefix!r} 开头的规则 / no rule id starts with {args.prefix!r}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    for rule in selected:
        print(format_rule(rule))
    return 0
