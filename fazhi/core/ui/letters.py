"""A short official letter as a .docx: the issuer and the letter's name as its title, its number,
its paragraphs, and the issuer and date signed at the right (答复书, 处理意见书)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from fazhi.kernel.formatting import BLANK_DATE, zh_date

__all__ = ["letter_docx"]


def letter_docx(
    issuer: str,
    name: str,
    number: str,
    paragraphs: Iterable[str],
    signed_on: date | None,
    *,
    note: str = "",
) -> bytes:
    """The letter's .docx bytes; an unsigned date is left blank (____年__月__日) to fill in by
    hand. ``note`` is a last line under the signature (e.g. the answer's type and ground)."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(14)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(f"{issuer}\n{name}")
    run.bold = True
    run.font.size = Pt(20)
    doc.add_paragraph(number).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.add_paragraph(
        f"{issuer}\n{zh_date(signed_on, BLANK_DATE)}"
    ).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if note:
        doc.add_paragraph(note)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
