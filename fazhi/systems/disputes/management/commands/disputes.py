"""``fazhi disputes deem``: accept, as the law deems, every 行政复议 application whose 5-working-day
review ran out without a 不予受理 decision (行政复议法 第三十条). Run daily (cron), like
``fazhi deadlines scan``."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "行政复议：审查期限届满视为受理（第三十条） / deem 复议 applications accepted when the review period ran out"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        deem = sub.add_parser("deem", help="审查期限届满的申请视为受理 / apply deemed acceptance")
        deem.add_argument("--today", help="以该日为今天（YYYY-MM-DD） / treat this date as today")

    def handle(self, *args, action: str, **options) -> None:
        from fazhi.systems.disputes.services import apply_deemed_acceptance

        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(
                    f"日期格式应为 YYYY-MM-DD：{options['today']} / bad date"
                ) from exc
        done = apply_deemed_acceptance(today)
        for case in done:
            self.stdout.write(f"{case.number} 自 {case.accepted_on:%Y-%m-%d} 起视为受理")
        self.stdout.write(f"共 {len(done)} 件视为受理 / {len(done)} deemed accepted")
