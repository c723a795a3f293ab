"""What an import tells its user: every bad row and column, in Chinese, or what was created."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    """One problem: ``row`` is the spreadsheet row (None: the whole file), ``column`` its header."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if not self.column:
            return f"第 {self.row} 行：{self.message}"
        return f"第 {self.row} 行，“{self.column}”列：{self.message}"


@dataclass
class ImportResult:
    """The outcome of one file.

    ``created`` is the number of rows created when every row goes through one service, or, for
    an importer whose rows have different outcomes (新发证件, 换证…), the count of each outcome.
    """

    kind: str = ""
    label: str = ""
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: dict[str, int] | int = 0
    skipped_example: bool = False
    dry_run: bool = False
    ledger_leaf: int | None = None
    unit: str = "行"

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported(self) -> bool:
        return self.ok and not self.dry_run and self.rows > 0

    def summary(self) -> str:
        """One line for a message or the command line."""
        if not self.ok:
            return (
                f"{self.label}导入未执行：发现 {len(self.errors)} 处错误，"
                "整个文件未导入任何数据，请修改后重新导入。"
            )
        if self.rows == 0:
            return f"文件中没有{self.label}数据行（示例行不导入）。"
        if self.dry_run:
            return f"校验通过：{self.rows} 行均无错误（仅校验，未导入）。"
        if isinstance(self.created, int):
            return f"已导入 {self.created} {self.unit}。"
        counts = "，".join(f"{name} {n} 个" for name, n in self.created.items() if n)
        return f"已导入 {self.rows} 行：{counts}。"
