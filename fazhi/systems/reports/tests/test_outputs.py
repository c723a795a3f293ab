"""The .docx layout (GB/T 9704), PDF availability, bulletins with ranks, the shipped assessment
framework on real registry indicators, and its .xlsx export."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import docx as python_docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree
from openpyxl import load_workbook

from fazhi.core.indicators.registry import Period
from fazhi.systems.reports import assessment, bulletin, pdf
from fazhi.systems.reports.composer import compose
from fazhi.systems.reports.docx import report_docx

ORDER = ["first_responsible", "measures", "shortcomings", "next_year", "other"]


def test_docx_follows_gb_t_9704(east, test_indicators):
    test_indicators[(east.market.pk, "2024")] = (3, 4)
    composed = compose(east.market, 2024, part_order=ORDER, texts={"measures": "一是强化学法。"})
    doc = python_docx.Document(
        io.BytesIO(report_docx(composed, dated=date(2025, 2, 20), base_url="https://fazhi.example"))
    )
    s = doc.sections[0]

    def mm(length):  # stored in twips: compare to 0.1 mm
        return round(length.mm, 1)

    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert tuple(mm(m) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)) == (
        37,
        35,
        28,
        26,
    )
    paras = [p for p in doc.paragraphs if p.text]
    title = paras[0]
    assert title.text == composed.title
    rfonts = title.runs[0]._element.rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert title.runs[0].font.size == Pt(22)
    body = next(p for p in paras if p.text == "一是强化学法。")
    assert body.runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.line_spacing == Pt(28)
    headings = [p.text for p in paras if p.text[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert headings[0] == "一、党政主要负责人履行推进法治建设第一责任人职责情况"
    assert headings[1].startswith("二、本年度推进法治政府建设的主要举措和成效")
    assert len(headings) == 5
    # each figure sentence points at its row of the attachment 数据来源清单 (traceable on paper)
    lost = next(p for p in paras if p.text.startswith("2024年，败诉案件为3件，同比增加3件。"))
    marker = lost.runs[-1]
    assert marker.font.superscript and marker.text.startswith("[")
    n = marker.text.strip("[]")
    assert "附件：数据来源清单" in [p.text for p in paras]
    sources = doc.tables[-1]
    row = next(r for r in sources.rows if r.cells[0].text == n)
    assert row.cells[1].text == "败诉案件：3件" and row.cells[2].text == "testapp.lost_cases"
    links = [r.target_ref for r in doc.part.rels.values() if r.is_external]
    assert any(
        u.startswith("https://fazhi.example/indicators/testapp.lost_cases/")
        and f"agency={east.market.pk}" in u
        for u in links
    )
    texts = [p.text for p in paras]
    assert texts[texts.index("2025年2月20日") - 1] == east.market.name  # signature over the date
    assert texts[-1].startswith("注：")  # the attachment closes the document
    # 单页码居右、双页码居左 (GB/T 9704 7.5)
    assert doc.settings.odd_and_even_pages_header_footer
    for footer in (s.footer, s.even_page_footer):
        footer_xml = etree.tostring(footer._element, encoding="unicode")
        assert 'w:instr="PAGE"' in footer_xml and "— " in footer_xml and " —" in footer_xml
    assert s.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert s.even_page_footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    fonts = etree.fromstring(
        next(
            p for p in doc.part.package.iter_parts() if str(p.partname).endswith("fontTable.xml")
        ).blob
    )
    alt = {f.get(qn("w:name")): f.find(qn("w:altName")) for f in fonts.findall(qn("w:font"))}
    assert alt["方正小标宋简体"].get(qn("w:val")) == "SimSun"
    assert alt["SimSun"].get(qn("w:val")) == "Noto Serif CJK SC"
    assert alt["仿宋_GB2312"].get(qn("w:val")) == "FangSong"
    assert alt["Noto Serif CJK SC"].get(qn("w:val")) == "WenQuanYi Micro Hei"


def test_pdf_without_libreoffice_says_so_in_chinese(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(pdf.PdfUnavailable, match="LibreOffice"):
        pdf.docx_to_pdf(b"x")


def test_bulletin_ranks_agencies_and_shows_change_against_last_quarter(east, test_indicators):
    test_indicators[(east.market.pk, "2025Q2")] = (3, 4)
    test_indicators[(east.transport.pk, "2025Q2")] = (1, 1)
    test_indicators[(east.justice.pk, "2025Q2")] = (1, 2)
    test_indicators[(east.market.pk, "2025Q1")] = (1, 4)
    b = bulletin.build_bulletin(east.justice, 2025, 2)
    assert b.period.label == "2025年第二季度"
    lost = next(t for t in b.tables if t.indicator.code == "testapp.lost_cases")
    # lower is better: 1, 1, 3 → ranks 1, 1, 3; the government is not ranked
    assert [(r.agency, r.rank) for r in lost.rows] == [
        (east.justice, 1),
        (east.transport, 1),
        (east.market, 3),
    ] or [(r.agency, r.rank) for r in lost.rows] == [
        (east.transport, 1),
        (east.justice, 1),
        (east.market, 3),
    ]
    market = next(r for r in lost.rows if r.agency == east.market)
    assert market.change == "+2件"
    rate = next(t for t in b.tables if t.indicator.code == "testapp.solved_rate")
    assert [(r.agency, r.rank) for r in rate.rows][0] == (east.transport, 1)
    assert any("市场监管局败诉案件为3件" in p for p in b.problems)
    assert lost.chart.startswith("<svg") and "<script" not in lost.chart
    doc = python_docx.Document(io.BytesIO(bulletin.bulletin_docx(b)))
    rows = [row for t in doc.tables for row in t.rows]
    market_row = next(
        r for r in rows if [c.text for c in r.cells][:4] == ["3", "东城县市场监管局", "3", "+2件"]
    )
    # the chart column: a bar as wide as the value allows, red because the figure is bad
    bar = market_row.cells[4].paragraphs[0]._p
    assert bar.pPr.find(qn("w:shd")).get(qn("w:fill")) == "C0392B"
    assert bar.pPr.find(qn("w:ind")) is not None
    # an indicator with nothing to rank (the built-in deadline figures here) takes one line
    assert any(p.text.startswith("本季度各单位均") for p in doc.paragraphs)


def test_the_shipped_framework_scores_on_real_registry_indicators(east, make_deadline):
    """deadlines.on_time_rate (built-in) over 2024: 9 of 10 on time = 90 % → linear 80→0,
    100→10 gives 5 points; disclosure/officers leaves without data stay pending."""
    for i in range(10):
        make_deadline(
            east.market,
            due=date(2024, 6, 1),
            closed_on=date(2024, 5, 1) if i < 9 else date(2024, 6, 3),
        )
    fw = assessment.load_framework("assessment_county")
    assert sum(n.weight for n in fw.items) == 100
    result = assessment.score(fw, east.market, Period.year(2024), manual={"2.1": 8})
    rows = {s.node.indicator or s.node.code: s for s in result.rows()}
    on_time = rows["deadlines.on_time_rate"]
    assert on_time.value.value == Decimal("90.0") and on_time.score == Decimal("5.00")
    assert "deadlines.on_time_rate" in on_time.url
    assert rows["2.1"].score == 8  # evidence leaf scored by a person
    assert rows["3.1"].score is None and rows["3.1"].note == "待评分"
    # a government is scored over every agency beneath it
    gov = assessment.score(fw, east.government, Period.year(2024))
    assert next(
        s for s in gov.rows() if s.node.indicator == "deadlines.on_time_rate"
    ).score == Decimal("5.00")
    with pytest.raises(assessment.FrameworkError):
        assessment.score(fw, east.market, Period.year(2024), manual={"2.1": 11})


def test_assessment_exports_to_xlsx(east, make_deadline):
    make_deadline(east.market, due=date(2024, 6, 1), closed_on=date(2024, 5, 1))
    result = assessment.score(assessment.load_framework(), east.market, Period.year(2024))
    ws = load_workbook(io.BytesIO(assessment.assessment_xlsx(result))).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "考核项", "类型")
    on_time = next(r for r in rows if r[3] == "deadlines.on_time_rate")
    assert on_time[5] == 10.0 and on_time[6] == 10.0
    assert rows[-1][1] == "合计" and rows[-1][6] == 100.0


def test_a_framework_whose_weights_do_not_add_up_is_refused():
    with pytest.raises(assessment.FrameworkError, match="不一致"):
        assessment.parse_framework(
            {
                "items": [
                    {
                        "name": "甲",
                        "weight": 10,
                        "children": [{"name": "乙", "weight": 5, "kind": "judgment"}],
                    }
                ]
            }
        )
