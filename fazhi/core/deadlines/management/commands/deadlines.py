"""``fazhi deadlines scan [--today YYYY-MM-DD]`` and ``fazhi deadlines recompute``.

``scan`` is for cron (e.g. daily at 00:05): it sets the yellow/red flag of every running
deadline as of today with three set-based UPDATEs, and is idempotent. ``recompute`` recomputes
every running deadline on the current official calendar (entering a notice on the calendar page
does this by itself; the command is for after a rules-catalogue or calendar-file upgrade).
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fazhi.core.deadlines.recompute import recompute_all, update_levels


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"日期格式应为 YYYY-MM-DD：{text} / date must be YYYY-MM-DD: {text}"
        ) from None


class Command(BaseCommand):
    help = "期限：scan 更新临期/逾期标记（供定时任务）；recompute 按现行放假安排重新计算全部进行中的期限。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="{scan,recompute}")
        scan = sub.add_parser("scan", help="更新全部进行中期限的临期/逾期标记 / update flags")
        scan.add_argument(
            "--today", type=str, default=None, help="按此日期计算（默认今天）YYYY-MM-DD"
        )
        sub.add_parser("recompute", help="按现行放假安排重新计算全部进行中的期限 / recompute all")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options.get("action")
        if action == "scan":
            self._scan(options.get("today"))
        elif action == "recompute":
            self._recompute()
        else:
            raise CommandError(
                "请指定子命令 scan 或 recompute / choose a subcommand: scan or recompute"
            )

    def _scan(self, today_text: str | None) -> None:
        today = _date(today_text) if today_text else timezone.localdate()
        started = time.perf_counter()
        result = update_levels(today)
        self.stdout.write(
            f"期限扫描 {result.today.isoformat()}（临期：届满日不晚于 {result.yellow_until.isoformat()}）："
            f"标为逾期 {result.set_red} 项，标为临期 {result.set_yellow} 项，恢复正常 {result.set_normal} 项；"
            f"当前逾期 {result.red} 项，临期 {result.yellow} 项。"
            f"（{time.perf_counter() - started:.2f} 秒）"
        )

    def _recompute(self) -> None:
        started = time.perf_counter()
        changed = recompute_all(actor="system:deadlines-recompute")
        self.stdout.write(
            f"已按现行放假安排重新计算全部进行中的期限：{changed} 项的届满日或暂定标记发生变化。"
            f"（{time.perf_counter() - started:.2f} 秒）"
        )
