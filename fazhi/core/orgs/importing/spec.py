"""The importers of agencies, units and staff: the columns of each file (Chinese header, whether
required, the rule in words shown on the template's 说明 sheet, an example value, and the allowed
values of enumerations shown as drop-down lists), declared as the platform's :class:`Importer`s.
The template and the importer both read these declarations, so a downloaded template always
matches what the importer expects."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from fazhi.core.accounts import roles
from fazhi.core.importing import NO, YES, Column, Importer

from .. import policies
from ..codes import make_id_number, make_uscc
from ..models import Agency, Unit


def _run(kind: str):
    """The run of ``kind``: the package's :func:`import_workbook`, which validates every row
    against the database and the file's other rows before writing any."""

    def run(
        source: bytes | BinaryIO | Path | str, *, actor: Any, dry_run: bool = False, **_: Any
    ) -> Any:
        # import_workbook imports this module's declarations: imported here to break the cycle.
        from . import import_workbook

        return import_workbook(kind, source, actor=actor, dry_run=dry_run)

    return run


def _declared(kind: str, **kw: Any) -> Importer:
    return Importer(
        name=f"orgs.{kind}",
        run=_run(kind),
        allowed=lambda user: policies.can_import(user, kind),
        refused="只有系统管理员或安全保密管理员可以批量导入；机关、内设机构由系统管理员导入（三员分立）。",
        **kw,
    )


EXAMPLE_GOVERNMENT = "示例县人民政府"
EXAMPLE_AGENCY = "示例县市场监督管理局"

AGENCY_KINDS = tuple(label for _, label in Agency.Kind.choices)
UNIT_KINDS = tuple(label for _, label in Unit.Kind.choices)
#: Read once the systems have registered their roles (this module is imported after start-up).
ROLE_LABELS = tuple(roles.labels())

AGENCIES = _declared(
    "agencies",
    title="机关",
    label="机关",
    columns=(
        Column(
            "name",
            "机关名称",
            True,
            "机关全称，全平台唯一，不得与已有机关或本文件其他行重复。",
            EXAMPLE_AGENCY,
            width=30,
        ),
        Column("short_name", "简称", False, "可空，用于列表显示。", "县市场监管局"),
        Column(
            "uscc",
            "统一社会信用代码",
            True,
            "18 位，按 GB 32100-2015 校验第 18 位校验码；不得与已有机关重复。",
            "",
            text=True,
            width=22,
        ),
        Column("kind", "类别", True, "从下拉列表选择。", "政府工作部门", AGENCY_KINDS),
        Column(
            "division_code",
            "区划代码",
            True,
            "所在行政区划代码：县级及以上 6 位（GB/T 2260），乡级 9 位（县级代码后加 3 位）。",
            "331225",
            text=True,
        ),
        Column(
            "division_name",
            "区划名称",
            False,
            "区划代码尚未录入平台时必填，平台据此新建该区划；已录入的可空。",
            "示例县",
        ),
        Column(
            "government",
            "所属人民政府",
            False,
            "填写本级人民政府的机关名称（须已在平台中或在本文件中排在本行之前）；"
            "政府工作部门、司法行政机关、议事协调机构办公室、乡镇人民政府/街道办事处必填，"
            "县级人民政府可填写上一级人民政府或留空。",
            EXAMPLE_GOVERNMENT,
            width=24,
        ),
        Column(
            "is_supervisor",
            "法治监督机构",
            False,
            "司法局、依法治县办填“是”：可查看本级政府所属各机关的数据。空白视为“否”。",
            NO,
            (YES, NO),
        ),
        Column(
            "enforcement_subject",
            "行政执法主体",
            False,
            "是否为行政执法主体。空白视为“否”。",
            YES,
            (YES, NO),
        ),
        Column("order", "排序", False, "非负整数，越小越靠前；空白为 100。", "100"),
    ),
    example_row={"uscc": make_uscc("331225", "00255001")},
    notes=(
        "一个人民政府本身也是一个机关（类别“人民政府”），其工作部门在“所属人民政府”列指向它。",
        "被引用的所属人民政府须排在引用它的行之前。",
    ),
)

UNITS = _declared(
    "units",
    title="内设机构",
    label="内设机构",
    columns=(
        Column(
            "agency",
            "所属机关",
            True,
            "机关全称或统一社会信用代码，须已在平台中。",
            EXAMPLE_AGENCY,
            width=30,
        ),
        Column("name", "机构名称", True, "同一机关内不得重复。", "法制审核科", width=24),
        Column("kind", "类别", False, "从下拉列表选择；空白为“内设机构”。", "内设机构", UNIT_KINDS),
        Column(
            "parent",
            "上级机构",
            False,
            "同一机关内上级机构的名称（须已在平台中或在本文件中排在本行之前），可空。",
            "",
            width=24,
        ),
    ),
)

STAFF = _declared(
    "staff",
    title="人员",
    label="人员",
    columns=(
        Column("name", "姓名", True, "工作人员姓名。", "张三", width=12),
        Column(
            "id_number",
            "公民身份号码",
            True,
            "18 位，按 GB 11643-1999 校验第 18 位校验码（X 为大写）；不得与已有人员重复。",
            "",
            text=True,
            width=22,
        ),
        Column(
            "agency",
            "所属机关",
            True,
            "机关全称或统一社会信用代码，须已在平台中。",
            EXAMPLE_AGENCY,
            width=30,
        ),
        Column("unit", "内设机构", False, "该机关下已有的内设机构名称，可空。", "法制审核科"),
        Column("position", "职务", False, "如局长、科长、科员、执法队员，可空。", "科员"),
        Column("phone", "联系电话", False, "数字、空格、“-”、括号组成，可空。", "", text=True),
        Column(
            "username",
            "登录账号",
            False,
            "需要登录平台的人员填写：字母、数字及 @ . + - _，全平台唯一；"
            "新账号没有可用密码，由系统管理员在人员页面发放一次性密码。",
            "zhangsan",
        ),
        Column(
            "roles",
            "角色",
            False,
            "平台角色，多个用顿号“、”分隔，在所属机关内授予；须同时填写登录账号。"
            "三员分立：只有安全保密管理员导入时才能填写本列，系统管理员导入时本列须留空；"
            "系统管理员、安全保密管理员、安全审计员不得与其他角色兼任。",
            ROLE_LABELS[0],
            ROLE_LABELS,
            strict_choices=False,
            width=24,
        ),
        Column("active", "在岗", False, "空白视为“是”。", YES, (YES, NO)),
    ),
    example_row={"id_number": make_id_number("331225", date(1980, 1, 1), 1)},
    notes=("角色可填写：" + "、".join(ROLE_LABELS) + "。",),
)

SHEETS: dict[str, Importer] = {s.kind: s for s in (AGENCIES, UNITS, STAFF)}
