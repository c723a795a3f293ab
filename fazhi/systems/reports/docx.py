"""Official-document layout (GB/T 9704-2012 《党政机关公文格式》) with python-docx, offline.

A4; margins 37/35/28/26 mm (top/bottom/left/right); title 2号 (22 pt) 方正小标宋简体; body
3号 (16 pt) 仿宋_GB2312; first-level headings 3号 黑体, second-level 3号 楷体_GB2312; exact
28 pt line spacing; page numbers in the footer as “— 1 —”, 4号, odd pages right and even pages
left, one character in from the edge (GB/T 9704 7.5). Every figure sentence carries a small
number that points into the attachment “数据来源清单”, which lists each figure with its
indicator code and the link to the records behind it, so a printed report stays traceable.
Nothing external is embedded: fonts are named, not shipped.
A named font may be missing on the reader's machine, so each run names its font in
``w:rFonts w:eastAsia`` and the font table chains the fallbacks with ``w:altName``
(方正小标宋简体 → SimSun → Noto Serif CJK SC; 仿宋_GB2312 → FangSong → Noto Serif CJK SC →
WenQuanYi Micro Hei), which Word and LibreOffice use when the first is absent; converted to PDF
the fonts actually used are embedded (see pdf.py).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from fazhi.kernel.formatting import zh_date

from .composer import ComposedReport, figures_by_area

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
SUBHEADING_FONTS: tuple[str, ...] = ("楷体_GB2312", "KaiTi", "AR PL UKai CN", "WenQuanYi Micro Hei")
PAGE_NUMBER_FONTS: tuple[str, ...] = ("宋体", "SimSun", "Noto Serif CJK SC", "WenQuanYi Micro Hei")
LATIN_FONT = "Times New Roman"
FONT_CHAINS = (TITLE_FONTS, BODY_FONTS, HEADING_FONTS, SUBHEADING_FONTS, PAGE_NUMBER_FONTS)
TABLE_SIZE = 12  # 小四, for tables and the attachment's list
CODE_SIZE = 10.5  # 五号, for indicator codes
PAGE_NUMBER_SIZE = 14  # 4号
SUBHEADING_NUMERALS = "一二三四五六七八九十"


def _set_run_font(run, fonts: Sequence[str], size: float, *, bold: bool = False) -> None:
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


def _page_number(footer, align: WD_ALIGN_PARAGRAPH) -> None:
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(PAGE_NUMBER_SIZE)  # 空一字
    else:
        fmt.left_indent = Pt(PAGE_NUMBER_SIZE)
    _set_run_font(p.add_run("— "), PAGE_NUMBER_FONTS, PAGE_NUMBER_SIZE)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)
    _set_run_font(p.add_run(" —"), PAGE_NUMBER_FONTS, PAGE_NUMBER_SIZE)


def _page_number_footer(doc: DocxDocument) -> None:
    """Footers “— N —”: a PAGE field between em dashes, 4号 (14 pt) 宋体; 单页码居右空一字,
    双页码居左空一字 (GB/T 9704-2012 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


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


def to_bytes(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def add_subheading(doc: DocxDocument, number: int, text: str) -> Paragraph:
    """A second-level heading “（一）…” in 3号 楷体 (GB/T 9704 7.3.3)."""
    return add_paragraph(
        doc, f"（{SUBHEADING_NUMERALS[number - 1]}）{text}", fonts=SUBHEADING_FONTS
    )


def add_reference(paragraph: Paragraph, number: int) -> None:
    """A small raised “[n]” after a figure sentence: its row in the 数据来源清单."""
    run = paragraph.add_run(f"[{number}]")
    _set_run_font(run, BODY_FONTS, BODY_SIZE)
    run.font.superscript = True


def add_hyperlink(paragraph: Paragraph, url: str, text: str, *, size: int = TABLE_SIZE) -> None:
    """An external hyperlink run (LibreOffice keeps it as a link in the PDF)."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = paragraph.add_run(text)
    _set_run_font(run, BODY_FONTS, size)
    link.append(run._r)
    paragraph._p.append(link)


def set_cell(
    cell, text: str, *, size: float = TABLE_SIZE, align=None, bold: bool = False
) -> Paragraph:
    """A table cell's text in the body font at ``size``, on single line spacing."""
    p = cell.paragraphs[0]
    for run in list(p.runs):
        run._r.getparent().remove(run._r)
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align is not None:
        p.alignment = align
    if text:
        _set_run_font(p.add_run(text), BODY_FONTS, size, bold=bold)
    return p


def set_widths(table, widths_mm: Sequence[float]) -> None:
    """Fixed column widths (Word reads the cells', LibreOffice the grid's)."""
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(w)
    for col, w in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(w)


def page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _attachment_note(doc: DocxDocument, name: str) -> None:
    """附件说明: under the body, one blank line, 左空二字 “附件：名称” (GB/T 9704 7.3.4)."""
    add_paragraph(doc, "", indent=False)
    add_paragraph(doc, f"附件：{name}")


def _sources_attachment(doc: DocxDocument, rows: Sequence[tuple], base_url: str) -> None:
    """The attachment on its own page: “附件” top left in 黑体, the title, and the list of every
    quoted figure with its indicator code and the link to the records behind it."""
    page_break(doc)
    add_paragraph(doc, "附件", fonts=HEADING_FONTS, indent=False)
    add_paragraph(doc, "", indent=False)
    add_title(doc, SOURCES_TITLE)
    grid = doc.add_table(rows=1, cols=4)
    grid.style = "Table Grid"
    for cell, text in zip(
        grid.rows[0].cells, ("序号", "数据", "指标代码", "记录查询"), strict=True
    ):
        set_cell(cell, text, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    for number, f in rows:
        cells = grid.add_row().cells
        set_cell(cells[0], str(number), align=WD_ALIGN_PARAGRAPH.CENTER)
        set_cell(cells[1], f"{f.name}：{f.value.display}{f.unit}")
        set_cell(cells[2], f.code, size=CODE_SIZE)
        add_hyperlink(set_cell(cells[3], ""), base_url.rstrip("/") + f.url, "查看记录")
    set_widths(grid, (14, 64, 52, 26))
    add_paragraph(
        doc,
        "注：点击“查看记录”或在平台“指标”页面按指标代码、机关和期间查询，可逐条核对数字背后的记录。",
        size=TABLE_SIZE,
    )


SOURCES_TITLE = "数据来源清单"


def _width(text: str) -> float:
    """Width in characters of 3号: CJK full, digits and Latin half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def add_signature(doc: DocxDocument, name: str, dated: date | None) -> None:
    """发文机关署名 and 成文日期: the date 右空四字, the name centred over it (GB/T 9704 7.3.5)."""
    day = zh_date(dated) if dated is not None else ""
    right = 4 + max(0.0, (_width(day) - _width(name)) / 2) if day else 2
    p = add_paragraph(doc, name, align=WD_ALIGN_PARAGRAPH.RIGHT)
    p.paragraph_format.right_indent = Pt(BODY_SIZE * right)
    p.paragraph_format.keep_with_next = bool(day)
    if day:
        p = add_paragraph(doc, day, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(BODY_SIZE * 4)


def add_main_recipients(doc: DocxDocument, names: str) -> None:
    """主送机关: under the title after one blank line, 居左顶格, the last name followed by a
    full-width colon (GB/T 9704-2012 7.3.2)."""
    add_paragraph(doc, names.rstrip("：:") + "：", indent=False)


def _border(paragraph: Paragraph, side: str, eighths: int) -> None:
    """A rule above or below the paragraph across the 版心; ``eighths`` in 1/8 pt."""
    ppr = paragraph._p.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.append(bdr)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")
    bdr.append(line)


def add_record_block(doc: DocxDocument, *, copy_to: str, issuer: str, dated: date | None) -> None:
    """版记 on the last page (GB/T 9704-2012 7.4): 抄送 in 4号仿宋, 左右各空一字, “抄送：” then the
    names ending with a full stop; below it 印发机关 (左空一字) and 印发日期 (右空一字, “…印发”);
    the first and last rules thick (0.35 mm), the one between thin (0.25 mm)."""
    thick, thin = 8, 6  # 1 pt ≈ 0.35 mm, 0.75 pt ≈ 0.26 mm
    size = PAGE_NUMBER_SIZE  # 4号
    add_paragraph(doc, "", indent=False)
    rows: list[Paragraph] = []
    if copy_to:
        p = add_paragraph(doc, f"抄送：{copy_to.rstrip('。')}。", size=size, indent=False)
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(size)
        rows.append(p)
    issued = f"{zh_date(dated)}印发" if dated is not None else ""
    p = add_paragraph(doc, issuer, size=size, indent=False)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(size)
    if issued:
        text_width = Mm(PAGE["width"] - PAGE["left"] - PAGE["right"])
        p.paragraph_format.tab_stops.add_tab_stop(
            text_width - Pt(2 * size), alignment=WD_TAB_ALIGNMENT.RIGHT
        )
        _set_run_font(p.add_run("\t" + issued), BODY_FONTS, size)
    rows.append(p)
    _border(rows[0], "top", thick)
    for row in rows[:-1]:
        _border(row, "bottom", thin)
        row.paragraph_format.keep_with_next = True
    _border(rows[-1], "bottom", thick)


def report_docx(
    composed: ComposedReport,
    *,
    dated: date | None = None,
    base_url: str = "",
    main_recipients: str = "",
    copy_recipients: str = "",
) -> bytes:
    """The annual report as .docx: title, the parts in the configured order with their
    headings (一、…), the staff's text and the registry's figure sentences (grouped under
    “（一）领域” headings where a part quotes more than one area), each with a “[n]” pointing at
    its row of the attachment 数据来源清单; then the signature and the attachment. ``base_url``
    makes the attachment's record links absolute (``https://fazhi.example.gov.cn``). With
    ``main_recipients`` the 主送机关 stands under the title; with ``copy_recipients`` the 版记 at
    the end (after the attachment, GB/T 9704 8) names the 抄送机关 and the 印发机关 (the
    reporting organisation's 办公室)."""
    doc = new_document()
    add_title(doc, composed.title)
    if main_recipients:
        add_main_recipients(doc, main_recipients)
    sources: list[tuple[int, Any]] = []
    for part in composed.parts:
        heading = add_paragraph(doc, part.numbered_heading, fonts=HEADING_FONTS)
        heading.paragraph_format.keep_with_next = True
        for line in part.text.splitlines():
            if line.strip():
                add_paragraph(doc, line.strip())
        quoted = [f for f in part.figures if f.value.value is not None]
        groups = figures_by_area(quoted)
        for n, (area, figures) in enumerate(groups, start=1):
            if len(groups) > 1:
                add_subheading(doc, n, area)
            for f in figures:
                sources.append((len(sources) + 1, f))
                add_reference(add_paragraph(doc, f.sentence), len(sources))
    closing_from = len(doc.paragraphs) - 1  # the last line of the body
    if sources:
        _attachment_note(doc, SOURCES_TITLE)
    else:
        add_paragraph(doc, "", indent=False)
    add_paragraph(doc, "", indent=False)
    add_signature(doc, composed.agency.name, dated)
    # the signature never stands alone on a page: the last body line goes over with it
    for p in doc.paragraphs[closing_from:-1]:
        p.paragraph_format.keep_with_next = True
    if sources:
        _sources_attachment(doc, sources, base_url)
    if copy_recipients:
        add_record_block(
            doc, copy_to=copy_recipients, issuer=f"{composed.agency.name}办公室", dated=dated
        )
    return to_bytes(doc)
