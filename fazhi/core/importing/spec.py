"""What an import file holds, declared once: its columns (Chinese header, whether required, the
cell's type, the rule in words, an example) and the :class:`Importer` that names the service each
row goes through and who may use it. The template, the reader, the per-cell checks and the import
page all read these declarations, so a downloaded template always matches what is imported.

Nothing here imports a model: a system declares its importers at import time and core turns them
into the template, the page and the all-or-nothing run (:mod:`fazhi.core.importing.run`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

YES, NO = "是", "否"

#: The cell types a column may declare; each has its check in :mod:`.checks`.
TYPES = (
    "text",  # trimmed text, optionally at most ``max_length`` characters
    "date",  # 2025-03-01, 2025/3/1, 2025年3月1日 or an Excel date
    "int",  # a non-negative whole number
    "decimal",  # an amount: thousands separators and 元 allowed
    "bool",  # 是/否 (also Y/N, 1/0, √/×)
    "choice",  # a label of ``codes`` (or the code itself) → the code
    "agency",  # an agency by full name or short name, from ``agencies(actor)``
    "agencies",  # several agencies separated by 、 or commas
    "list",  # several values separated by 、 ， ； / or new lines
    "uscc",  # 统一社会信用代码, GB 32100-2015
    "id_number",  # 公民身份号码, GB 11643-1999
)


@dataclass(frozen=True)
class Column:
    """One column of an import file.

    ``key`` is the keyword the row's value is passed under; ``header`` the Chinese header the
    file carries (a trailing ``*`` marks a required column in the template and is ignored when
    reading). ``choices`` are the labels offered as a drop-down list (for ``choice`` columns they
    default to the labels of ``codes``); ``text`` formats the column as text in the template so
    Excel keeps leading zeros and all 18 digits of a code.
    """

    key: str
    header: str
    required: bool = False
    rule: str = ""
    example: str = ""
    choices: tuple[str, ...] = ()
    strict_choices: bool = True  # False: the drop-down suggests, free text allowed
    text: bool = False
    width: int = 18
    type: str = "text"
    max_length: int | None = None
    codes: Mapping[str, str] | None = None  # choice: label (or alias) → code
    agencies: Callable[[Any], Iterable[Any]] | None = None  # agency pool; None: every active one
    missing: str = ""  # agency not found: message with {value}

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown column type {self.type!r}; expected one of {TYPES}")
        if self.type == "choice" and self.codes is None:
            raise ValueError(f"choice column {self.key!r} needs codes")
        if self.codes is not None and not self.choices:
            object.__setattr__(self, "choices", tuple(dict.fromkeys(self.codes)))


def _anyone(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@dataclass(frozen=True)
class Importer:
    """An import a system offers: declared once, served by the generic page.

    A row goes through ``row_service(actor, **values)``, where ``values`` are the row's cells
    parsed by their column's type and keyed by ``Column.key`` (empty cells left out); a
    ``ValidationError`` naming keys is reported against those columns, any other refusal against
    the row. An importer whose rows depend on each other (a file that is one list version, or
    reconciles a register) gives ``run(source, *, actor, dry_run, filename, **options)`` instead,
    built from the same reader, checks and :func:`fazhi.core.importing.run.commit`.

    ``allowed(user)`` decides who sees the page and may import; ``refused`` says why not.
    ``options_form`` adds fields to the upload form (e.g. the agency a list belongs to); its
    cleaned data are passed to ``run`` as keywords, and the form gets ``user=`` when built.
    """

    name: str
    label: str
    columns: tuple[Column, ...]
    row_service: Callable[..., Any] | None = None
    allowed: Callable[[Any], bool] = _anyone
    template_filename: str = ""
    example_row: Mapping[str, str] | None = None
    title: str = ""  # the data sheet's name; the label when empty
    notes: tuple[str, ...] = ()  # shown on the template's 说明 sheet and on the page
    run: Callable[..., Any] | None = None
    refused: str = ""
    options_form: Any = None
    verbatim: bool = False  # keep cell text as typed (statute quotes keep full-width punctuation)
    unit: str = "行"  # what a row is, for the success message: 已导入 3 件
    export: Callable[[Any], str] | None = None  # user → URL of current data in this format
    description: str = ""  # one line on the page above the upload form

    def __post_init__(self) -> None:
        if (self.row_service is None) == (self.run is None):
            raise ValueError(f"importer {self.name!r} needs exactly one of row_service and run")
        keys = [c.key for c in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError(f"importer {self.name!r} has duplicated column keys")
        if not self.title:
            object.__setattr__(self, "title", self.label[:31])
        if not self.template_filename:
            object.__setattr__(self, "template_filename", f"{self.label}导入模板.xlsx")

    @property
    def kind(self) -> str:
        """The short name (after the app's prefix), as the older import code called it."""
        return self.name.rsplit(".", 1)[-1]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def example(self) -> list[str]:
        """The example row, one cell per column in order."""
        given = self.example_row or {}
        return [given.get(c.key, c.example) for c in self.columns]

    def may_import(self, user: Any) -> bool:
        return bool(self.allowed(user))
