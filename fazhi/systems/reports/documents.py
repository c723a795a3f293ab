"""The files a user downloads: an annual report or a bulletin as .docx or PDF.

One place for the UI and the API to ask, so both give the same file with the same name; PDF is the
.docx converted offline by :mod:`pdf` (a :class:`~.pdf.PdfUnavailable` carries the Chinese
reason when LibreOffice is missing or fails).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

from . import bulletin as bulletins
from .composer import compose_report
from .docx import report_docx
from .models import AnnualReport
from .pdf import docx_to_pdf
from .recipients import default_recipients

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class File:
    content: bytes
    filename: str
    content_type: str


def as_response(f: File) -> HttpResponse:
    """The file as an attachment whose Chinese name survives (RFC 6266 ``filename*``)."""
    response = HttpResponse(f.content, content_type=f.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f.filename)}"
    return response


def _as(fmt: str, docx_bytes: bytes, stem: str) -> File:
    if fmt not in FORMATS:
        raise ValueError(f"不支持的文件格式“{fmt}”，可选 .docx 或 PDF。")
    if fmt == "pdf":
        return File(docx_to_pdf(docx_bytes), f"{stem}.pdf", PDF)
    return File(docx_bytes, f"{stem}.docx", DOCX)


def report_file(report: AnnualReport, fmt: str, *, base_url: str = "") -> File:
    """The report, dated on its submission or today, addressed to the recipients of its 报送
    (before it, those the step proposes), with
    record links under ``base_url``. Its figures are the reporting organisation's — for a
    government every agency beneath it — whoever downloads it: one report, one text, the same as
    the version published through the publication door. The record links behind them still
    answer only what the reader may see (the drill-down applies the policies)."""
    composed = compose_report(report)
    if report.submitted_on:  # what was sent
        main, copy = report.main_recipients, report.copy_recipients
    else:  # a draft shows the recipients the 报送 step will propose
        proposed = default_recipients(report.agency)
        main, copy = proposed.main, proposed.copy
    content = report_docx(
        composed,
        dated=report.submitted_on or timezone.localdate(),
        base_url=base_url,
        main_recipients=main,
        copy_recipients=copy,
    )
    return _as(fmt, content, report.title)


def bulletin_file(b: bulletins.Bulletin, fmt: str, *, dated: date | None = None) -> File:
    content = bulletins.bulletin_docx(b, dated=dated or timezone.localdate())
    return _as(fmt, content, b.title)
