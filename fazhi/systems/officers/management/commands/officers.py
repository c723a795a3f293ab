"""``fazhi officers expire``: the daily certificate expiry scan.

For cron (daily, after midnight): every 执法证/监督证 still marked valid or suspended whose
validity ended before today is marked expired through the certificate workflow (history row and
ledger entry by the system actor). Idempotent: a second run the same day finds nothing.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.systems.officers.services import expire_certificates


class Command(BaseCommand):
    help = "执法人员：expire 将有效期已届满的执法证件标为已过期（供定时任务，每日运行）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="{expire}")
        sub.add_parser("expire", help="将有效期已届满的执法证件标为已过期 / expire certificates")

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("action") != "expire":
            raise CommandError("请指定子命令 expire / choose a subcommand: expire")
        started = time.perf_counter()
        numbers = expire_certificates()
        listed = (
            f"：{'、'.join(numbers[:20])}{'等' if len(numbers) > 20 else ''}" if numbers else ""
        )
        self.stdout.write(
            f"执法证件期满扫描：{len(numbers)} 件标为已过期{listed}。"
            f"（{time.perf_counter() - started:.2f} 秒）"
        )
