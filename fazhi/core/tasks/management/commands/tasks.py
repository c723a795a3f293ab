"""``fazhi tasks rebuild`` (open the tasks of records written before tasks existed, or by bulk
loaders) and ``fazhi tasks notify`` (the hourly reminder of tasks turned 临期 or 逾期)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.core.tasks import notify, services


class Command(BaseCommand):
    help = "待办：rebuild 按记录状态补齐待办，notify 提醒临期与逾期待办 / rebuild tasks, send reminders."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="按记录当前状态补齐待办 / open missing tasks")
        sub.add_parser("notify", help="提醒临期与逾期的待办 / remind of yellow and red tasks")

    def handle(self, *args, action: str, **options) -> None:
        if action == "rebuild":
            n = services.rebuild()
            self.stdout.write(f"已补齐待办 {n} 项。")
        else:
            done = notify.scan(timezone.localdate())
            self.stdout.write(f"已提醒：逾期 {done['red']} 项，临期 {done['yellow']} 项。")
