"""``fazhi ledger verify`` (the live database), ``fazhi ledger export PATH`` (the whole ledger)
and ``fazhi ledger export --record <app_label.model>:<pk> PATH`` (one record's archive: its
entries and files with inclusion proofs against a signed checkpoint).

``fazhi ledger verify PATH`` (an exported bundle) is handled by the kernel without Django.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.ledger import archives, selectors
from fazhi.kernel import ledger as kernel_ledger


class Command(BaseCommand):
    help = "校验或导出存证账本 (verify the live ledger, or export it as a bundle)"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("verify", help="校验数据库中的账本与存证文件")
        export = sub.add_parser("export", help="导出可独立校验的账本包")
        export.add_argument(
            "--record",
            metavar="APP_LABEL.MODEL:PK",
            help="只导出该记录（含其下属记录）的存证，例如 enforcement.case:12",
        )
        export.add_argument("path")

    def handle(self, *args, **options) -> None:
        if options["verb"] == "export" and options["record"]:
            try:
                obj = archives.resolve(options["record"])
                done = archives.export_record(obj, options["path"], archives.checkpoint_for(obj))
            except kernel_ledger.LedgerError as exc:
                raise CommandError(f"导出失败 export failed: {exc}", returncode=1) from exc
            self.stdout.write(
                f"已导出 exported {len(done.seqs)} 条 entries, {len(done.files)} 个 files of "
                f"{options['record']}, checkpoint {done.checkpoint.size} root "
                f"{done.checkpoint.root} → {options['path']}"
            )
            return
        if options["verb"] == "export":
            try:
                result = selectors.export_database(options["path"])
            except kernel_ledger.LedgerError as exc:
                raise CommandError(f"导出失败 export failed: {exc}", returncode=1) from exc
            self.stdout.write(
                f"已导出 exported {result.count} 条 entries, root {result.root} → {options['path']}"
            )
            return
        result = selectors.verify_database()
        bad_files = selectors.verify_files()
        if not result.ok:
            raise CommandError(
                f"账本校验失败 ledger verification failed: 第 {result.first_bad} 条 entry {result.first_bad}: {result.reason}",
                returncode=1,
            )
        if bad_files:
            stored, why = bad_files[0]
            raise CommandError(
                f"存证文件校验失败 stored file failed: {stored.digest} ({stored.name}): {why}",
                returncode=1,
            )
        self.stdout.write(f"ok {result.count} entries, root {result.root}")
