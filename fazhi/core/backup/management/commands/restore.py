"""``fazhi restore PATH``: check an archive written by ``fazhi backup`` and load it into this
(empty) instance, then verify the ledger. ``--check`` only checks the archive."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import archive
from fazhi.core.backup.database import BackupError
from fazhi.core.backup.services import restore_backup


class Command(BaseCommand):
    help = "从 fazhi backup 生成的备份文件恢复数据库与存证文件，并校验账本"

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="备份文件路径")
        parser.add_argument(
            "--force",
            action="store_true",
            help="目标数据库已有数据时仍然恢复（用备份整体替换现有数据）",
        )
        parser.add_argument(
            "--check", action="store_true", help="只校验备份文件（每个成员的 SM3 摘要），不恢复"
        )
        parser.add_argument(
            "--manifest-sm3", default="", help="备份时输出的清单 SM3 摘要；不符即拒绝"
        )

    def handle(self, *args, **options) -> None:
        say = self.stdout.write if options["verbosity"] > 0 else (lambda _: None)
        path = options["path"]
        try:
            expected = options["manifest_sm3"].strip().lower()
            if expected and archive.manifest_sm3(path) != expected:
                raise BackupError(
                    "备份清单的 SM3 摘要与给出的 --manifest-sm3 不符：清单已被改动或不是这份备份。"
                )
            if options["check"]:
                manifest = archive.check(path, say)
                self.stdout.write(f"备份文件校验通过：{path}")
                self.stdout.write(archive.summary(manifest))
                return
            result = restore_backup(path, force=options["force"], say=say)
        except BackupError as exc:
            raise CommandError(f"恢复失败：{exc.args[0]}", returncode=1) from exc
        self.stdout.write(f"已从 {path} 恢复。{archive.summary(result.manifest)}")
        self.stdout.write(
            f"写入存证文件 {result.blobs_written} 个（目标中已有且内容一致 {result.blobs_kept} 个），"
            f"媒体文件 {result.media_written} 个；数据库已整体替换为备份时的快照。"
        )
        if result.ok:
            self.stdout.write(
                f"账本校验通过：{result.ledger_count} 条，根 {result.ledger_root}；"
                "存证文件齐全且与摘要相符；账本末条与各表行数与备份清单一致。"
            )
        elif result.ledger_ok:
            self.stdout.write(
                f"账本链校验通过：{result.ledger_count} 条，根 {result.ledger_root}。"
            )
        if result.pending_migrations:
            self.stdout.write(
                f"注意：本程序比备份多 {len(result.pending_migrations)} 个数据库迁移，"
                "请执行 fazhi migrate。"
            )
        if not result.ok:
            raise CommandError(
                "恢复后的校验未通过：\n  " + "\n  ".join(result.problems), returncode=1
            )
