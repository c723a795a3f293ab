"""The rules catalogue: statutory periods as data with their citation.

A rule is never a bare number in code: it lives in ``fazhi/kernel/data/timelimits.toml``
with the instrument, article and quoted text it comes from, and this module turns each entry
into a frozen :class:`Rule`. The file's header documents every field.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "data" / "timelimits.toml"

CALENDAR_DAYS = "calendar_days"
WORKING_DAYS = "working_days"
MONTHS = "months"
YEARS = "years"
FIXED_DATE = "fixed_date"
#: The due date is not counted from a statute: a document or a deciding office sets it (e.g. the
#: 交办 of 人大代表建议 by the 政府办, the feedback date a 司法建议书 states). The trigger is that date.
SET_DATE = "set_date"
UNITS = (CALENDAR_DAYS, WORKING_DAYS, MONTHS, YEARS, FIXED_DATE, SET_DATE)
DIRECTIONS = ("after", "before")
BINDS = ("agency", "citizen", "court")
BOUNDS = ("deadline", "minimum")

#: Chinese rendering of a length in each unit, e.g. "90日（自然日）".
UNIT_LABELS = {
    CALENDAR_DAYS: "{n}日（自然日）",
    WORKING_DAYS: "{n}个工作日",
    MONTHS: "{n}个月",
    YEARS: "{n}年",
}
BINDS_LABELS = {"agency": "行政机关", "citizen": "当事人", "court": "人民法院"}


class UnknownRule(KeyError):
    """No rule with this id in the catalogue."""

    def __init__(self, rule_id: str) -> None:
        super().__init__(rule_id)
        self.rule_id = rule_id
        self.message = (
            f"未知的期限规则：{rule_id}（运行 fazhi rules 查看全部） / unknown rule: {rule_id}"
        )

    def __str__(self) -> str:
        return self.message


class RuleCatalogueError(ValueError):
    """The catalogue file is malformed; the message names the rule and field."""


@dataclass(frozen=True, slots=True)
class Extension:
    """A period by which a rule may be extended, and who must approve it."""

    length: int
    unit: str
    approver: str
    basis: str = ""

    def label(self) -> str:
        """E.g. "30日（自然日）"."""
        return UNIT_LABELS[self.unit].format(n=self.length)


@dataclass(frozen=True, slots=True)
class Rule:
    """One statutory period with the text it comes from. See the catalogue header."""

    id: str
    title: str
    instrument: str
    article: str
    quote: str
    unit: str
    length: int
    direction: str = "after"
    binds: str = "agency"
    roll_forward: bool = False
    extension: Extension | None = None
    suspension: tuple[str, ...] = ()
    restart: str | None = None
    counting_basis: str = ""
    notes: str = ""
    trigger: str = ""
    doc_no: str = ""
    bound: str = "deadline"
    month: int | None = None
    day: int | None = None
    verified: bool = True
    configurable: bool = False

    @property
    def citation(self) -> str:
        """E.g. "《中华人民共和国行政处罚法》第六十条" (with the document number if any)."""
        number = f"（{self.doc_no}）" if self.doc_no else ""
        return f"《{self.instrument}》{number}{self.article}"

    @property
    def short_citation(self) -> str:
        """For table cells: a 文号 stands for a long title ("国办发〔2018〕118号二（六）"); other
        instruments by their title ("《中华人民共和国行政处罚法》第六十条")."""
        if "〔" in self.doc_no:
            return f"{self.doc_no}{self.article}"
        return f"《{self.instrument}》{self.article}"

    @property
    def follows_calendar(self) -> bool:
        """Whether the working-day calendar can move the due date: a working-day period, a
        period that rolls off a holiday, or an "N日前" notice moved back to a working day. A
        fixed annual date (1月31日, 3月1日), a set date or a calendar period that does not roll
        falls where it falls whatever the holiday notices say, so it is never provisional."""
        return self.unit == WORKING_DAYS or self.roll_forward or self.direction == "before"

    @property
    def period_label(self) -> str:
        """The period in Chinese, e.g. "90日（自然日）", "20个工作日", "次年3月1日"."""
        if self.unit == FIXED_DATE:
            return f"次年{self.month}月{self.day}日"
        if self.unit == SET_DATE:
            return "确定的日期"
        label = UNIT_LABELS[self.unit].format(n=self.length)
        return f"{label}前" if self.direction == "before" else label


def load_rules(path: str | Path | None = None) -> dict[str, Rule]:
    """Read and validate a catalogue file (the packaged one by default)."""
    path = Path(path) if path is not None else CATALOGUE_PATH
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleCatalogueError(
            f"无法读取期限规则目录 {path}：{exc} / cannot read rules catalogue {path}: {exc}"
        ) from exc
    instruments: dict[str, Any] = data.get("instruments", {})
    bases: dict[str, str] = data.get("counting", {})
    rules: dict[str, Rule] = {}
    for raw in data.get("rule", []):
        rule = _build(raw, instruments, bases)
        if rule.id in rules:
            raise _error(rule.id, "id", "规则编号重复 / duplicate id")
        rules[rule.id] = rule
    return rules


def _error(rule_id: str, field: str, problem: str) -> RuleCatalogueError:
    return RuleCatalogueError(f"期限规则 {rule_id} 的字段 {field} 有误：{problem}")


def _build(raw: dict[str, Any], instruments: dict[str, Any], bases: dict[str, str]) -> Rule:
    rule_id = str(raw.get("id", "?"))
    for field in ("id", "title", "instrument", "article", "quote", "unit", "counting"):
        if not raw.get(field):
            raise _error(rule_id, field, "缺少必填字段 / missing required field")
    instrument = instruments.get(raw["instrument"])
    if instrument is None:
        raise _error(rule_id, "instrument", f"未定义的法规 {raw['instrument']} / unknown key")
    if raw["counting"] not in bases:
        raise _error(rule_id, "counting", f"未定义的计算规则 {raw['counting']} / unknown key")
    unit = raw["unit"]
    if unit not in UNITS:
        raise _error(rule_id, "unit", f"{unit} 不在 {UNITS} 中")
    for field, allowed, default in (
        ("direction", DIRECTIONS, "after"),
        ("binds", BINDS, "agency"),
        ("bound", BOUNDS, "deadline"),
    ):
        if raw.get(field, default) not in allowed:
            raise _error(rule_id, field, f"{raw[field]} 不在 {allowed} 中")
    month = day = None
    length = raw.get("length", 0)
    if unit == FIXED_DATE:
        month, day = raw.get("month"), raw.get("day")
        if not (isinstance(month, int) and isinstance(day, int) and 1 <= month <= 12):
            raise _error(rule_id, "month/day", "固定日期须有 month 和 day / month and day needed")
        if not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
            raise _error(rule_id, "day", f"{month}月没有{day}日")
        if raw.get("direction", "after") != "after":
            raise _error(rule_id, "direction", "固定日期只能为 after")
    elif unit == SET_DATE:
        if raw.get("direction", "after") != "after" or raw.get("roll_forward", False):
            raise _error(rule_id, "unit", "确定日期的期限只能为 after，且不顺延")
        length = 0
    elif not (isinstance(length, int) and not isinstance(length, bool) and length > 0):
        raise _error(rule_id, "length", "须为正整数 / must be a positive integer")
    extension = None
    if "extension" in raw:
        ext = raw["extension"]
        if ext.get("unit") != unit or not isinstance(ext.get("length"), int) or ext["length"] < 1:
            raise _error(rule_id, "extension", "延长期限须为与本期限同单位的正整数 / same unit")
        if raw.get("direction", "after") != "after" or unit in (FIXED_DATE, SET_DATE):
            raise _error(rule_id, "extension", "此类期限不能延长 / cannot be extended")
        extension = Extension(
            ext["length"], unit, str(ext.get("approver", "")), ext.get("basis", "")
        )
    return Rule(
        id=rule_id,
        title=raw["title"],
        instrument=instrument["title"],
        doc_no=instrument.get("doc_no", ""),
        article=raw["article"],
        quote=raw["quote"],
        unit=unit,
        length=length,
        direction=raw.get("direction", "after"),
        binds=raw.get("binds", "agency"),
        roll_forward=bool(raw.get("roll_forward", False)),
        extension=extension,
        suspension=tuple(raw.get("suspension", ())),
        restart=raw.get("restart"),
        counting_basis=bases[raw["counting"]],
        notes=raw.get("notes", ""),
        trigger=raw.get("trigger", ""),
        bound=raw.get("bound", "deadline"),
        month=month,
        day=day,
        verified=bool(raw.get("verified", True)),
        configurable=bool(raw.get("configurable", False)),
    )


class _LazyRules(Mapping[str, Rule]):
    """The packaged catalogue, read on first use."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] | None = None
        self._lock = threading.Lock()

    def _load(self) -> dict[str, Rule]:
        if self._rules is None:
            with self._lock:
                if self._rules is None:
                    self._rules = load_rules()
        return self._rules

    def __getitem__(self, key: str) -> Rule:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


RULES: Mapping[str, Rule] = _LazyRules()


def get_rule(rule_id: str) -> Rule:
    """The packaged rule with this id; raises :class:`UnknownRule` (a ``KeyError``)."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise UnknownRule(rule_id) from None
