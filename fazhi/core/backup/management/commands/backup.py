"""``fazhi backup PATH``: the database and the stored files in one checked archive."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import archive
from fazhi.core.backup.database import BackupError
from fazhi.core.backup.services import create_backup


class Command(BaseCommand):
    help = "备份数据库与存证文件到一个归档文件（.tar，含带 SM3 摘要的清单）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="备份文件路径，例如 /var/backups/fazhi/fazhi-20260101.tar")

    def handle(self, *args, **options) -> None:
        say = self.stdout.write if options["verbosity"] > 0 else (lambda _: None)
        try:
            result = create_backup(options["path"], say=say)
        except BackupError as exc:
            raise CommandError(f"备份失败：{exc.args[0]}", returncode=1) from exc
        self.stdout.write(f"已备份 → {result.path}")
        self.stdout.write(archive.summary(result.manifest))
        self.stdout.write(
            f"清单 SM3：{result.manifest_sm3}（可另行记录；恢复时用 --manifest-sm3 核对）"
        )
