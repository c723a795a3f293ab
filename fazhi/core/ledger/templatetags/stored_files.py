"""A declared attachment's file on its record page: ``{% load stored_files %}``.

``{% file_cells row "enforcement.evidence" %}`` gives the table cells 文件名 (with the digest as
校验信息), 类型, 大小, 预览, 下载 (:data:`FILE_HEADERS` are their headings);
``{% file_line row "disclosure.letter" %}`` gives the same on one line.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from fazhi.core.ledger import files

register = template.Library()

FILE_HEADERS = ("文件名", "类型", "大小", "预览", "下载")


@register.filter
def file_link(row: Any, key: str) -> files.FileLink | None:
    return files.link(key, row) if row is not None else None


@register.inclusion_tag("ledger/_file_cells.html")
def file_cells(row: Any, key: str) -> dict[str, Any]:
    return {"f": file_link(row, key), "headers": FILE_HEADERS}


@register.inclusion_tag("ledger/_file_line.html")
def file_line(row: Any, key: str, label: str = "") -> dict[str, Any]:
    return {"f": file_link(row, key), "label": label}


@register.simple_tag
def file_headers() -> SafeString:
    return format_html_join("", "<th>{}</th>", ((h,) for h in FILE_HEADERS))


@register.inclusion_tag("ledger/_file_facts.html")
def file_facts(row: Any, key: str) -> dict[str, Any]:
    """Type, size and the 校验信息 of a file whose link the page draws itself."""
    return {"f": file_link(row, key)}
