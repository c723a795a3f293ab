"""Official-document layout (GB/T 9704-2012 《党政机关公文格式》) with python-docx, offline.

A4; margins 37/35/28/26 mm (top/bottom/left/right); title 2号 (22 pt) 方正小标宋简体; body
3号 (16 pt) 仿宋_GB2312; first-level headings 3号 黑体; exact 28 pt line spacing; page
numbers in the footer as “— 1 —”. Nothing external is embedded: fonts are named, not shipped.
A named font may be missing on the reader's machine, so each run names its font in
``w:rFonts w:eastAsia`` and the font table chains the fallbacks with ``w:altName``
(方正小标宋简体 → SimSun → Noto Serif CJK SC; 仿宋_GB2312 → FangSong → Noto Serif CJK SC →
WenQuanYi Micro Hei), which Word and LibreOffice use when the first is absent.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from .composer import ComposedReport

#: GB/T 9704-2012 page and type settings (data, not code).
PAGE = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}
TITLE_SIZE = 22  # 2号
BODY_SIZE = 16  # 3号
LINE_SPACING = 28  # pt, exact
TITLE_FONTS: tuple[str, ...] = ("方正小标宋简体", "SimSun", "Noto Serif CJK SC")
BODY_FONTS: tuple[str, ...] = (
    "仿宋_GB2312",
    "FangSong",
    "Noto Serif CJK SC",
    "WenQuanYi Micro Hei",
)
HEADING_FONTS: tuple[str, ...] = ("黑体", "SimHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei")
LATIN_FONT = "Times New Roman"
FONT_CHAINS = (TITLE_FONTS, BODY_FONTS, HEADING_FONTS)


def _set_run_font(run, fonts: Sequence[str], size: int, *, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), fonts[0])
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    rfonts.set(qn("w:hint"), "eastAsia")


def _spacing(paragraph: Paragraph, *, indent: bool) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_SPACING)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(BODY_SIZE * 2)  # 首行缩进二字


def add_paragraph(
    doc: DocxDocument,
    text: str,
    *,
    fonts: Sequence[str] = BODY_FONTS,
    size: int = BODY_SIZE,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = True,
    bold: bool = False,
) -> Paragraph:
    """One paragraph in the given font chain and size, on the 28 pt grid."""
    p = doc.add_paragraph()
    _spacing(p, indent=indent and align is None)
    if align is not None:
        p.alignment = align
    _set_run_font(p.add_run(text), fonts, size, bold=bold)
    return p


def _font_table(doc: DocxDocument) -> None:
    """Declare each named font with its fallback (``w:altName``), chained to the last."""
    part = next(
        p for p in doc.part.package.iter_parts() if str(p.partname).endswith("fontTable.xml")
    )
    root = etree.fromstring(part.blob)
    declared = {el.get(qn("w:name")): el for el in root.findall(qn("w:font"))}
    for chain in FONT_CHAINS:
        for name, fallback in zip(chain, (*chain[1:], None), strict=True):
            font = declared.get(name)
            if font is None:
                font = etree.SubElement(root, qn("w:font"))
                font.set(qn("w:name"), name)
                etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
                etree.SubElement(font, qn("w:family")).set(qn("w:val"), "roman")
                declared[name] = font
            if fallback and font.find(qn("w:altName")) is None:
                font.insert(0, etree.Element(qn("w:altName")))  # altName comes first (CT_Font)
                font[0].set(qn("w:val"), fallback)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number_footer(doc: DocxDocument) -> None:
    """Footer “— N —”: a PAGE field between em dashes, 4号 (14 pt) 宋体, centred."""
    footer = doc.sections[0].footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_run_font(p.add_run("— "), TITLE_FONTS[1:], 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)
    _set_run_font(p.add_run(" —"), TITLE_FONTS[1:], 14)


def new_document() -> DocxDocument:
    """An empty A4 document with the GB/T 9704 margins, fonts and page-number footer."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE["width"]), Mm(PAGE["height"])
    section.top_margin, section.bottom_margin = Mm(PAGE["top"]), Mm(PAGE["bottom"])
    section.left_margin, section.right_margin = Mm(PAGE["left"]), Mm(PAGE["right"])
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    normal.element.get_or_add_rPr()
    rpr = normal.element.rPr
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), BODY_FONTS[0])
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    _font_table(doc)
    _page_number_footer(doc)
    return doc


def add_title(doc: DocxDocument, title: str) -> None:
    add_paragraph(doc, title, fonts=TITLE_FONTS, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_paragraph(doc, "", indent=False)  # 空一行


def chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def to_bytes(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def report_docx(composed: ComposedReport, *, dated: date | None = None) -> bytes:
    """The annual report as .docx: title, the parts in the configured order with their
    headings (一、…), the staff's text and the registry's figure sentences, the signature."""
    doc = new_document()
    add_title(doc, composed.title)
    for part in composed.parts:
        add_paragraph(doc, part.numbered_heading, fonts=HEADING_FONTS)
        for line in part.text.splitlines():
            if line.strip():
                add_paragraph(doc, line.strip())
        for f in part.figures:
            if f.value.value is not None:
                add_paragraph(doc, f.sentence)
    add_paragraph(doc, "", indent=False)
    add_paragraph(doc, composed.agency.name, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if dated is not None:
        add_paragraph(doc, chinese_date(dated), align=WD_ALIGN_PARAGRAPH.RIGHT)
    return to_bytes(doc)
