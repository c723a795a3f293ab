"""``fazhi demo load``: the deterministic demo county; ``fazhi demo logins``: its logins."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count

from fazhi.core.accounts import roles
from fazhi.core.demo import county as spec
from fazhi.core.demo.generator import load, login_person, plan
from fazhi.core.demo.registry import LoaderRun
from fazhi.core.ledger import checkpoints
from fazhi.core.orgs.models import Agency
from fazhi.core.tasks import services as tasks


def logins_table() -> list[str]:
    """The demo logins as a Markdown table (for the README)."""
    p = plan()
    names = {a.key: a.name for a in p.agencies}
    lines = [
        "| 用户名 | 密码 | 角色 | 机关 | 姓名 | 用途 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for login in spec.LOGINS:
        person = login_person(p, login)
        lines.append(
            f"| `{login.username}` | `{spec.DEMO_PASSWORD}` | {roles.label(login.role)} | "
            f"{names[login.agency]} | {person.name} | {login.note} |"
        )
    return lines


class Command(BaseCommand):
    help = "演示数据：load 生成示范县，logins 列出演示账号 / demo data: load the demo county, list its logins."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        loader = sub.add_parser(
            "load", help="生成（或补齐）示范县 / create or complete the demo county"
        )
        loader.add_argument("--seed", type=int, default=spec.SEED)
        loader.add_argument(
            "--no-loaders",
            action="store_true",
            help="只生成组织机构和人员，不运行各系统的演示数据 / organisations only",
        )
        sub.add_parser("logins", help="列出演示账号 / print the demo logins")

    def _checkpoint(self) -> None:
        """The loaded ledger's first signed checkpoint, as the nightly job would file it."""
        if checkpoints.key(required=False) is None:
            self.stdout.write("未配置账本检查点密钥，未签发检查点（fazhi ledger checkpoint）。")
            return
        done = checkpoints.issue()
        self.stdout.write(
            f"已签发账本检查点：记载{done.size}条存证记录，Merkle 根 {done.root[:16]}…"
        )

    def handle(self, *args, action: str, **options) -> None:
        if action == "logins":
            self.stdout.write("\n".join(logins_table()))
            return

        def progress(name: str, run: LoaderRun | None) -> None:
            # One line per loader as it goes, so a long load never looks stuck.
            if run is None:
                self.stdout.write(f"正在运行演示数据加载器 {name}……", ending="")
            else:
                self.stdout.write(f" 完成，用时 {run.seconds:.1f} 秒。")
            self.stdout.flush()

        try:
            demo = load(
                options["seed"], run_registered=not options["no_loaders"], progress=progress
            )
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        agencies = Agency.objects.filter(pk__in=[a.pk for a in demo.agencies.values()])
        counts = agencies.aggregate(
            units=Count("units", distinct=True), staff=Count("staff", distinct=True)
        )
        self.stdout.write(
            f"{spec.COUNTY_NAME}（{spec.COUNTY_CODE}）：乡镇 {len(demo.townships)} 个，"
            f"机关 {agencies.count()} 个，内设机构 {counts['units']} 个，人员 {counts['staff']} 人；"
            f"用时 {demo.seconds:.1f} 秒。"
        )
        total = demo.seconds + sum(run.seconds for run in demo.loaded)
        self.stdout.write(f"演示数据加载器 {len(demo.loaded)} 个，合计用时 {total:.1f} 秒。")
        started = time.perf_counter()
        opened = tasks.rebuild()  # records the loaders wrote in bulk, without perform()
        self.stdout.write(f"补齐待办 {opened} 项，用时 {time.perf_counter() - started:.1f} 秒。")
        self._checkpoint()
        self.stdout.write("")
        self.stdout.write(f"演示账号（密码均为 {spec.DEMO_PASSWORD}）：")
        self.stdout.write("\n".join(logins_table()))
