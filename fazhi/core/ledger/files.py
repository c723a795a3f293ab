"""Stored files opened from the record that holds them (证据、文书、附件).

A file is kept once by its digest (:func:`services.store_file`); the rows that hold one — a
case's evidence and 文书, a disclosure answer letter, a petition's 处理意见书 — are declared by
their system as :class:`Attachment`\\ s (``System(files=…)``), each with the scope of rows a user
may see. Core then serves every declared file from one view (``/files/<key>/<pk>/``) with the
record's visibility checked (a row outside the user's scope is a 404, whether or not it
exists), and draws it on the record page (:mod:`.templatetags.stored_files`): file name, type,
size, a preview for images and PDF, the download, and the digest as the verification detail.

Serving uploaded content from the platform's own origin is the danger: a file that a browser
renders (HTML, SVG, a PDF with script) would run with the user's session. So only images and
PDF whose first bytes match their type are ever shown inline, under a Content-Security-Policy
that allows no script; everything else, whatever type the uploader claimed, is an attachment;
and ``X-Content-Type-Options: nosniff`` stops the browser guessing otherwise.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.apps import apps
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.urls import reverse

from .models import StoredFile
from .services import open_file


@dataclass(frozen=True)
class Attachment:
    """A kind of row that holds a stored file, declared by the system that owns it.

    ``scope(user)`` gives the rows of ``model`` the user may see (the record's visibility
    policy: the file is served only through it); ``field`` names the foreign key to
    :class:`StoredFile`. A model with two file fields declares two attachments.
    """

    key: str  # e.g. "enforcement.evidence"; part of the file's address
    model: str  # "app_label.Model"
    scope: Callable[[Any], models.QuerySet]
    field: str = "file"
    label: str = ""  # Chinese, e.g. "证据"
    #: The name the file is shown and downloaded under; default: the name it was stored with
    #: (the first upload of those bytes).
    name: Callable[[Any], str] | None = None

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def file_name(self, row: Any, stored: StoredFile) -> str:
        return (self.name(row) if self.name is not None else "") or stored.name


_REGISTRY: dict[str, Attachment] = {}


def register(attachment: Attachment) -> Attachment:
    _REGISTRY[attachment.key] = attachment
    return attachment


def get(key: str) -> Attachment:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise Http404("没有该类文件。") from None


def registered() -> list[Attachment]:
    return list(_REGISTRY.values())


# ---------------------------------------------------------------------------------------------
# What a file is: types shown inline only when the first bytes agree with the claimed type.

#: The types a browser may render inline from here, each with the bytes its files begin with.
_SIGNATURES: tuple[tuple[str, bytes, int], ...] = (
    ("application/pdf", b"%PDF-", 0),
    ("image/png", b"\x89PNG\r\n\x1a\n", 0),
    ("image/jpeg", b"\xff\xd8\xff", 0),
    ("image/gif", b"GIF87a", 0),
    ("image/gif", b"GIF89a", 0),
    ("image/webp", b"WEBP", 8),
    ("image/bmp", b"BM", 0),
)
PREVIEWABLE = frozenset(t for t, _, _ in _SIGNATURES)
_HEAD = 16

_TYPE_LABELS = {
    "application/pdf": "PDF 文档",
    "image/png": "PNG 图片",
    "image/jpeg": "JPEG 图片",
    "image/gif": "GIF 图片",
    "image/webp": "WebP 图片",
    "image/bmp": "BMP 图片",
    "image/svg+xml": "SVG 图形",
    "image/tiff": "TIFF 图片",
    "application/msword": "Word 文档",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word 文档",
    "application/vnd.ms-excel": "Excel 表格",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel 表格",
    "application/vnd.ms-powerpoint": "PowerPoint 演示文稿",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "PowerPoint 演示文稿"
    ),
    "application/zip": "ZIP 压缩包",
    "application/x-zip-compressed": "ZIP 压缩包",
    "application/ofd": "OFD 版式文档",
    "text/plain": "文本文件",
    "text/csv": "CSV 表格",
    "text/html": "网页文件",
    "audio/mpeg": "MP3 音频",
    "audio/wav": "WAV 音频",
    "video/mp4": "MP4 视频",
}
_TOKEN = re.compile(r"^[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+$")
#: Names some clients send for a standard type.
_ALIASES = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "image/x-png": "image/png",
    "image/x-ms-bmp": "image/bmp",
    "application/x-pdf": "application/pdf",
}


def declared_type(stored: StoredFile) -> str:
    """The type the uploader gave (without parameters), else the one its name suggests."""
    return _claimed(stored.content_type, stored.name)


def _claimed(content_type: str, name: str) -> str:
    claimed = (content_type or "").split(";", 1)[0].strip().lower()
    if not claimed:
        claimed = (mimetypes.guess_type(name)[0] or "").lower()
        if name.lower().endswith(".ofd"):
            claimed = "application/ofd"
    claimed = _ALIASES.get(claimed, claimed)
    return claimed if _TOKEN.match(claimed) else "application/octet-stream"


def upload_type(data: bytes, content_type: str, name: str) -> str:
    """The type to store an upload under: what the uploader claimed (or its name suggests),
    except that a claim of an image or PDF the bytes do not bear out becomes
    ``application/octet-stream``, and a previewable file claimed as another previewable type
    gets its real one. So a record page never offers as a preview what will not show."""
    claimed = _claimed(content_type, name)
    sniffed = sniffed_type(data[:_HEAD])
    if claimed in PREVIEWABLE or sniffed:
        return sniffed or "application/octet-stream"
    return claimed


def sniffed_type(head: bytes) -> str:
    """The previewable type the file's first bytes show, or ``""``."""
    for content_type, magic, offset in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return content_type
    return ""


def type_label(content_type: str, name: str = "") -> str:
    label = _TYPE_LABELS.get(content_type)
    if label:
        return label
    ext = name.rsplit(".", 1)[-1].upper() if "." in name else ""
    return f"{ext} 文件" if ext and len(ext) <= 5 else "文件"


def human_size(size: int) -> str:
    """1.2 MB, 980 KB, 512 B (binary multiples, as file managers show them)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    if unit == "B":
        return f"{int(value)} B"
    return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"


@dataclass(frozen=True)
class FileLink:
    """One file as its record page shows it."""

    name: str
    content_type: str
    type_label: str
    size: int
    size_label: str
    digest: str
    algorithm: str
    stored_at: Any
    preview: str  # "image", "pdf" or "" (no preview)
    view_url: str
    download_url: str


def link(key: str, row: models.Model) -> FileLink | None:
    """How the file of ``row`` (an instance of the declared attachment ``key``) is shown;
    ``None`` when the row holds no file. The row's file should be ``select_related``."""
    attachment = get(key)
    stored: StoredFile | None = getattr(row, attachment.field)
    if stored is None:
        return None
    name = attachment.file_name(row, stored)
    content_type = declared_type(stored)
    preview = ""
    if content_type in PREVIEWABLE:
        preview = "pdf" if content_type == "application/pdf" else "image"
    view_url = reverse("files:view", args=[key, row.pk])
    return FileLink(
        name=name,
        content_type=content_type,
        type_label=type_label(content_type, name),
        size=stored.size,
        size_label=human_size(stored.size),
        digest=stored.digest,
        algorithm=stored.algorithm,
        stored_at=stored.created,
        preview=preview,
        view_url=view_url,
        download_url=reverse("files:download", args=[key, row.pk]),
    )


# ---------------------------------------------------------------------------------------------
# Serving.

#: Inline previews: nothing may run, load or submit (``default-src 'none'`` and no
#: ``script-src``). An image is also sandboxed; a PDF is not, so that a built-in viewer that
#: will not start in a sandboxed document still shows it (Chromium shows it either way).
CSP_IMAGE = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'"
)
CSP_PDF = (
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
    "object-src 'self'; frame-ancestors 'self'; form-action 'none'; base-uri 'none'"
)
CSP_ATTACHMENT = "default-src 'none'; sandbox; frame-ancestors 'none'"


def disposition(name: str, *, inline: bool) -> str:
    """``Content-Disposition`` keeping a Chinese name (RFC 6266 / RFC 5987 ``filename*``) with an
    ASCII ``filename`` for clients that read only that."""
    kind = "inline" if inline else "attachment"
    name = name.replace("\r", " ").replace("\n", " ") or "file"
    stem, dot, ext = name.rpartition(".")
    ascii_ext = ext if dot and ext.isascii() and ext.isalnum() else ""
    fallback = re.sub(r"[^A-Za-z0-9._-]+", "_", stem if dot else name).strip("_") or "file"
    if ascii_ext:
        fallback = f"{fallback}.{ascii_ext}"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def opened(key: str, pk: int, user: Any) -> tuple[StoredFile, str]:
    """The file of row ``pk`` of attachment ``key`` and its name, if ``user`` may see that row;
    404 otherwise (the same answer whether the row is hidden or missing)."""
    attachment = get(key)
    row = attachment.scope(user).filter(pk=pk).select_related(attachment.field).first()
    stored = getattr(row, attachment.field, None) if row is not None else None
    if stored is None:
        raise Http404("没有找到该文件。")
    return stored, attachment.file_name(row, stored)


def file_response(
    request: HttpRequest, stored: StoredFile, *, inline: bool, name: str = ""
) -> HttpResponseBase:
    """The stored file under ``name`` (default: its stored name), inline (a preview) only when
    it is an image or PDF by its own bytes, else as an attachment."""
    etag = f'"{stored.digest}"'
    handle = open_file(stored)
    head = handle.read(_HEAD)
    handle.seek(0)
    sniffed = sniffed_type(head)
    declared = declared_type(stored)
    show_inline = inline and sniffed != "" and sniffed == declared
    if show_inline:
        content_type = sniffed
        csp = CSP_PDF if sniffed == "application/pdf" else CSP_IMAGE
    else:
        content_type = declared
        csp = CSP_ATTACHMENT
    if request.headers.get("If-None-Match") == etag:
        handle.close()
        response: HttpResponseBase = HttpResponseNotModified()
    else:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(stored.size)
    response["ETag"] = etag
    response["Content-Disposition"] = disposition(name or stored.name, inline=show_inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = csp
    # same-origin pages may frame a preview (the PDF preview on the record page); no one else
    response["X-Frame-Options"] = "SAMEORIGIN" if show_inline else "DENY"
    response["Cache-Control"] = "private, max-age=3600"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
