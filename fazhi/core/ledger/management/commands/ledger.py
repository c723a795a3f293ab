"""``fazhi ledger verify`` (the live database), ``fazhi ledger checkpoint``,
``fazhi ledger export PATH`` (the whole ledger) and ``fazhi ledger export --record
<app_label.model>:<pk> PATH`` (one record's archive: its entries and files with inclusion
proofs against a signed checkpoint).

``verify`` prints every problem found, one Chinese sentence per line, and exits 1 if there is
any; otherwise its first line is ``ok <count> entries, root <hex>``. ``checkpoint`` signs and
files a checkpoint of the ledger's head (nightly, see deploy/crontab), refusing when the
ledger has problems or no key is configured. ``fazhi ledger verify PATH`` (an exported bundle)
is handled by the kernel without Django.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.ledger import archives, checkpoints, crosscheck, selectors, verification
from fazhi.kernel import ledger as kernel_ledger


class Command(BaseCommand):
    help = "校验、签发检查点或导出存证账本 (verify the live ledger, checkpoint it, or export it)"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("verify", help="校验数据库中的账本、检查点与存证文件，列出全部问题")
        sub.add_parser("checkpoint", help="用密钥签发账本检查点，归档到数据库之外")
        sub.add_parser(
            "adopt",
            help="升级后首次使用：为账本中尚无状态存证的既有业务记录补记当前状态（每条记录只补一次）",
        )
        export = sub.add_parser("export", help="导出可独立校验的账本包")
        export.add_argument(
            "--record",
            metavar="APP_LABEL.MODEL:PK",
            help="只导出该记录（含其下属记录）的存证，例如 enforcement.case:12",
        )
        export.add_argument("path")

    def handle(self, *args, **options) -> None:
        verb = options["verb"]
        if verb == "export" and options["record"]:
            self._export_record(options["record"], options["path"])
        elif verb == "export":
            self._export(options["path"])
        elif verb == "checkpoint":
            self._checkpoint()
        elif verb == "adopt":
            self._adopt()
        else:
            self._verify()

    def _export(self, path: str) -> None:
        try:
            result = selectors.export_database(path)
        except kernel_ledger.LedgerError as exc:
            raise CommandError(f"导出失败 export failed: {exc}", returncode=1) from exc
        self.stdout.write(f"已导出 exported {result.count} 条 entries, root {result.root} → {path}")

    def _export_record(self, name: str, path: str) -> None:
        try:
            obj = archives.resolve(name)
            done = archives.export_record(obj, path, archives.checkpoint_for(obj))
        except kernel_ledger.LedgerError as exc:
            raise CommandError(f"导出失败 export failed: {exc}", returncode=1) from exc
        self.stdout.write(
            f"已导出 exported {len(done.seqs)} 条 entries, {len(done.files)} 个 files of "
            f"{name}, checkpoint {done.checkpoint.size} root {done.checkpoint.root} → {path}"
        )

    def _adopt(self) -> None:
        """Rows written before their model was tracked would all be reported as written outside
        the services: ledger their state as it is now, once, under the actor ``adopt``."""
        done = crosscheck.baseline(actor="adopt")
        total = sum(done.values())
        for key, count in sorted(done.items()):
            self.stdout.write(f"  {key}: {count} 条")
        self.stdout.write(f"已为 {total} 条既有记录补记状态存证（此后对这些记录的改动照常核对）。")

    def _checkpoint(self) -> None:
        try:
            checkpoint = checkpoints.issue()
        except checkpoints.CheckpointRefused as exc:
            lines = "\n".join(exc.problems)
            raise CommandError(f"{exc}：\n{lines}", returncode=1) from exc
        except (ImproperlyConfigured, kernel_ledger.LedgerError) as exc:
            raise CommandError(f"未签发检查点：{exc}", returncode=1) from exc
        self.stdout.write(
            f"已签发检查点：记载{checkpoint.size}条记录，Merkle 根 {checkpoint.root}，"
            f"链头 {checkpoint.head}，密钥 {checkpoint.key_id}，归档于 {checkpoints.directory()}"
        )

    def _verify(self) -> None:
        report = verification.verify_all()
        for notice in report.notices:
            self.stderr.write(f"注意：{notice}")
        if report.problems:
            lines = "\n".join(report.problems)
            raise CommandError(
                f"账本校验失败，共{len(report.problems)}个问题 "
                f"(ledger verification failed, {len(report.problems)} problems)：\n{lines}",
                returncode=1,
            )
        result = report.ledger.result
        self.stdout.write(f"ok {result.count} entries, root {result.root}")
        found = report.ledger.checkpoints
        if found:
            newest = found[-1]
            self.stdout.write(
                f"与{len(found)}个签名检查点一致；最新检查点签发于 {newest.time}，"
                f"记载{newest.size}条记录"
            )
