"""The demo county's annual reports — the county government's and the 市场监督管理局's — and the
司法局's quarterly bulletin, generated as .docx and PDF through the pages' download buttons,
converted by LibreOffice, then opened page by page: every page rendered to PNG under
build/screenshots/ (``pdftoppm -r 60``) for a person to look at, and the layout checked from
the PDF itself — A4, the GB/T 9704 type area (版心 156 × 225 mm at 28/37 mm from the left/top
edge), a “— N —” page number on every page, odd right and even left, the fonts embedded and a
Chinese one among them, the title, the five parts of 第二十五条 in order, and every quoted figure
with its row in the attachment 数据来源清单.

Run with ``make e2e`` (fixtures in ``tests/browser.py``).
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from html import unescape
from pathlib import Path

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from fazhi.core.accounts.roles import Role
from fazhi.core.indicators.registry import Period, compute
from fazhi.core.publication.tests.factories import user
from fazhi.systems.reports import rules, services
from fazhi.systems.reports.composer import compose_report
from tests.browser import SCREENSHOTS

pytestmark = [pytest.mark.e2e]

YEAR = 2025  # the demo county's records run from 2024-01 to 2026-08: 2025 is a full year
MM = 72 / 25.4  # PDF points per millimetre
A4 = (595.3, 841.9)
LEFT, TOP, TEXT_WIDTH, TEXT_HEIGHT = 28 * MM, 37 * MM, 156 * MM, 225 * MM
TEXTS = {
    "measures": "一是健全依法行政制度体系，全面落实重大行政决策程序规定。\n"
    "二是深化行政执法三项制度，行政执法全过程记录实现全覆盖。",
    "shortcomings": "部分单位法定期限管理仍有逾期，行政复议纠错率同比上升，"
    "原因在于执法人员业务培训不够深入、案件质量把关不严。",
    "first_responsible": "主要负责人主持召开常务会议专题研究法治政府建设工作，带头会前学法，"
    "带头出庭应诉。",
    "next_year": "一是加强执法人员培训；二是提升复议应诉工作质量；三是推进政务公开标准化。",
    "other": "无其他需要报告的情况。",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo county with every system's loader, rolled back after the module."""
    from fazhi.core.demo.generator import load

    with django_db_blocker.unblock(), transaction.atomic():
        yield load()
        transaction.set_rollback(True)


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(pdf: Path) -> tuple[int, tuple[float, float]]:
    info = _run("pdfinfo", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups()
    return pages, (float(w), float(h))


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every word's box, page by page (``pdftotext -bbox``)."""
    html = _run("pdftotext", "-bbox", str(pdf), "-")
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append(
            [
                (float(a), float(b), float(c), float(d), unescape(w))
                for a, b, c, d, w in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                    r"([^<]*)</word>",
                    page,
                )
            ]
        )
    return pages


def _look(pdf: Path, name: str) -> list[Path]:
    """Render each page to build/screenshots/<name>-N.png for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"{name}-*.png"):
        old.unlink()
    _run("pdftoppm", "-r", "60", "-png", str(pdf), str(SCREENSHOTS / name))
    return sorted(SCREENSHOTS.glob(f"{name}-*.png"))


def check_layout(pdf: Path, name: str) -> tuple[list[str], int]:
    """The checks every generated document passes; returns each page's text and the count."""
    pages, size = _pages(pdf)
    assert pages >= 2
    assert abs(size[0] - A4[0]) < 1 and abs(size[1] - A4[1]) < 1, size  # A4 portrait
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # all embedded
    assert any(re.search(r"WenQuanYi|CJK|Song|Fang|Hei|Kai", line) for line in fonts), fonts
    texts = [
        _run("pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-") for n in range(1, pages + 1)
    ]
    for n, (words, text) in enumerate(zip(_words(pdf), texts, strict=True), start=1):
        number = [w for w in words if w[4] == str(n)]
        assert number, f"page {n} has no page number"
        x0, y0, x1, _, _ = number[-1]
        assert y0 > TOP + TEXT_HEIGHT, f"page {n}: the number is not under the type area"
        if n % 2:  # 单页码居右, 双页码居左 (GB/T 9704 7.5)
            assert x0 > A4[0] / 2, f"page {n}: odd page number not on the right"
        else:
            assert x1 < A4[0] / 2, f"page {n}: even page number not on the left"
        assert f"— {n} —" in text or f"—{n}—" in _flat(text)
        body = [w for w in words if w[1] < TOP + TEXT_HEIGHT]
        assert body, f"page {n} is empty"
        assert min(w[0] for w in body) >= LEFT - 2, f"page {n}: text in the left margin"
        assert max(w[2] for w in body) <= LEFT + TEXT_WIDTH + 2, (
            f"page {n}: text in the right margin"
        )
        assert min(w[1] for w in body) >= TOP - 8, f"page {n}: text above the type area"
    pngs = _look(pdf, name)
    assert len(pngs) == pages and all(p.stat().st_size > 2000 for p in pngs)
    return texts, pages


def _report(demo, agency, drafter) -> object:
    report = services.create_report(agency, YEAR, actor=drafter)
    services.save_draft(report, TEXTS, actor=drafter, note="e2e")
    return report


@time_machine.travel(date(2026, 2, 20), tick=False)
@pytest.mark.parametrize("key", ["government", "market"])
def test_the_demo_countys_annual_report_as_docx_and_pdf_page_by_page(
    demo, db, client, soffice, tmp_path, key
):
    agency = demo.agencies[key]
    drafter = user(f"e2e_{key}", (Role.LEGAL_REVIEWER, agency))
    report = _report(demo, agency, drafter)
    client.force_login(drafter)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert reverse("reports:pdf", args=[report.pk]) in page  # the download buttons
    assert reverse("reports:docx", args=[report.pk]) in page
    docx = client.get(reverse("reports:docx", args=[report.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    r = client.get(reverse("reports:pdf", args=[report.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf", r.content[:500]
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(r.content)
    (tmp_path / "report.docx").write_bytes(docx.content)

    texts, pages = check_layout(pdf, f"reports-annual-{key}")
    flat = _flat("".join(texts))
    assert _flat(report.title) in flat
    # the five parts of 第二十五条, in order, each with the staff's text
    at = [
        flat.index(_flat(f"{rules.NUMERALS[i]}、{rules.DEFAULT_HEADINGS[k]}"))
        for i, k in enumerate(rules.PART_KEYS)
    ]
    assert at == sorted(at)
    for key_, text in TEXTS.items():
        assert _flat(text) in flat, key_
    # every quoted figure is in the PDF, with its “[n]” and its row in the 数据来源清单
    composed = compose_report(report)
    quoted = [f for p in composed.parts for f in p.figures if f.value.value is not None]
    assert len(quoted) >= 10
    for n, f in enumerate(quoted, start=1):
        assert _flat(f.sentence) + f"[{n}]" in flat, f.sentence
    # the signature and date close the body, never alone on a page (GB/T 9704 7.3.5)
    signed = next(n for n, t in enumerate(texts) if "2026年2月20日" in _flat(t))
    rest = _flat(texts[signed])
    for closing in (agency.name, "2026年2月20日", f"—{signed + 1}—", "附件：数据来源清单"):
        rest = rest.replace(_flat(closing), "")
    assert rest, f"page {signed + 1} holds the signature alone"
    # the attachment starts on a page of its own with “附件” and lists every figure's code
    first = signed + 1
    assert texts[first].split()[0] == "附件" and "数据来源清单" in texts[first]
    appendix = _flat("".join(texts[first:]))
    for f in quoted:
        assert _flat(f"{f.name}：{f.value.display}{f.unit}") in appendix, f.code
    assert "查看记录" in appendix


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_the_demo_countys_quarterly_bulletin_as_pdf(demo, db, client, soffice, tmp_path):
    justice = demo.agencies["justice"]
    sup = user("e2e_sup", (Role.SUPERVISOR, justice))
    client.force_login(sup)
    url = reverse("reports:bulletin")
    page = client.get(url, {"body": justice.pk, "period": "2025Q4"}).content.decode()
    assert "format=pdf" in page and "<svg" in page
    r = client.get(url, {"body": justice.pk, "period": "2025Q4", "format": "pdf"})
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf", r.content[:500]
    pdf = tmp_path / "bulletin.pdf"
    pdf.write_bytes(r.content)
    texts, pages = check_layout(pdf, "reports-bulletin")
    flat = _flat("".join(texts))
    assert _flat(f"{justice.name}关于2025年第四季度法治政府建设工作情况的通报") in flat
    assert flat.index("一、各单位指标情况") < flat.index("二、发现的问题")
    assert (
        all(h in flat for h in ("排名", "单位", "本季度", "环比", "图示"))
        and "县市场监管局" in flat
    )
    # a ranked row: the unit, its figure and 环比, as the registry computes them
    market = [demo.agencies["market"].pk]
    now, before = (
        compute("enforcement.cases_opened", market, Period.quarter(2025, q)).value for q in (4, 3)
    )
    change = "持平" if now == before else f"{now - before:+d}件".replace("-", "−")
    assert f"县市场监管局{now}{change}" in flat, (now, before)
    assert "本季度各单位均为0" in flat  # an indicator with nothing to rank takes one line
