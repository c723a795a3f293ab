"""``fazhi import agencies|units|staff FILE``: the upload page's importer on the command line.

Without ``--actor`` the operator imports as ``cli`` and may not grant roles (the 角色 column must
be empty); with ``--actor USERNAME`` the import runs as that user, under that user's policy.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.accounts.models import User
from fazhi.core.orgs.importing import KINDS, import_workbook, template_bytes, template_filename


class Command(BaseCommand):
    help = "从 Excel 文件批量导入机关、内设机构或人员 / Import agencies, units or staff from an .xlsx file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS, help="agencies | units | staff")
        parser.add_argument("file", help=".xlsx 文件路径 / path of the .xlsx file")
        parser.add_argument("--actor", help="以该用户身份导入 / import as this user")
        parser.add_argument("--dry-run", action="store_true", help="只校验不导入 / check only")
        parser.add_argument(
            "--template",
            action="store_true",
            help="把导入模板写到 FILE 而不是导入 / write the template to FILE instead of importing",
        )

    def handle(
        self,
        *args,
        kind: str,
        file: str,
        actor: str | None,
        dry_run: bool,
        template: bool,
        **options,
    ) -> None:
        path = Path(file)
        if template:
            path.write_bytes(template_bytes(kind))
            self.stdout.write(f"已写出模板 {path}（{template_filename(kind)}）/ template written")
            return
        if not path.is_file():
            raise CommandError(f"找不到文件 {path} / file not found: {path}")
        who: User | str = "cli"
        if actor:
            user = User.objects.filter(username=actor).first()
            if user is None:
                raise CommandError(f"没有用户 {actor} / no such user: {actor}")
            who = user
        try:
            result = import_workbook(kind, path, actor=who, dry_run=dry_run)
        except PermissionDenied as exc:
            raise CommandError(f"{exc} / permission denied") from exc
        for error in result.errors:
            self.stderr.write(str(error))
        if not result.ok:
            raise CommandError(
                f"{result.summary()} / import refused: {len(result.errors)} error(s), nothing imported"
            )
        self.stdout.write(result.summary())
