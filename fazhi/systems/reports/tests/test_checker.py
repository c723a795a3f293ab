"""The report checker on the five real 2023 seeds, on broken copies and on .docx/.pdf files.

Rules under test come from 法治政府建设与责任落实督察工作规定 (厅字〔2019〕28号):
第二十三条 (报送 by 3月1日 / 4月1日), 第二十四条 (公开 by 4月1日), 第二十五条 (five parts),
第二十六条 (通报批评 when late). None of the checks depends on today's date, so no test
freezes time.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import docx
import pytest

from fazhi import cli
from fazhi.systems.reports import commands
from fazhi.systems.reports.checker import (
    CheckResult,
    ReportReadError,
    check_report,
    check_text,
    compare,
)
from fazhi.systems.reports.checker.extract import normalize_text
from fazhi.systems.reports.checker.figures import parse_chinese_number
from fazhi.systems.reports.checker.model import Figure

SEEDS = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "seeds"


def seed_path(number: int) -> Path:
    (path,) = SEEDS.glob(f"{number:03d}_*.txt")
    return path


@pytest.fixture(scope="module")
def seeds() -> dict[int, CheckResult]:
    return {n: check_report(seed_path(n)) for n in range(5)}


def part(result: CheckResult, number: int):
    return next(p for p in result.parts.parts if p.number == number)


def figure(result: CheckResult, literal: str, *, line: int | None = None) -> Figure:
    matches = [f for f in result.figures if f.text == literal and (line is None or f.line == line)]
    assert len(matches) == 1, [(f.text, f.line) for f in matches]
    return matches[0]


def codes(result: CheckResult) -> list[str]:
    return [w.code for w in result.warnings]


# --- 第二十五条: the five parts -------------------------------------------------------------


@pytest.mark.parametrize("number", [0, 1])
def test_seeds_000_001_have_four_parts_with_the_first_responsible_person_second(seeds, number):
    """第二十五条: 000 and 001 have (一)(三)(二)(四) under 一、二、三、四 and no (五)."""
    result = seeds[number]
    assert result.document_kind == "report"
    first_line = {0: 5, 1: 6}[number]
    assert part(result, 1).status == "present"
    assert part(result, 1).heading == "一、本年度推进法治政府建设的主要举措和成效"
    assert part(result, 1).line == first_line
    assert part(result, 3).heading == "二、主要负责人履行推进法治建设第一责任人职责情况"
    assert part(result, 2).heading == "三、存在的不足和原因"
    assert part(result, 4).heading == "四、下一年度推进法治政府建设的主要安排"
    assert part(result, 5).status == "missing"
    assert result.parts.order_found == [1, 3, 2, 4]
    assert result.parts.order_matches is False
    # the order is reported, not flagged; a missing (五) is only information
    assert "part_order" not in codes(result)
    (missing,) = [w for w in result.warnings if w.code == "part_missing"]
    assert missing.citation == "第二十五条第（五）项" and missing.severity == "info"


def test_seed_002_is_a_work_plan_and_every_part_is_missing(seeds):
    """Seed 002 is a 工作要点 issued by a notice: none of the five parts of 第二十五条."""
    result = seeds[2]
    assert result.document_kind == "work_plan"
    assert [p.status for p in result.parts.parts] == ["missing"] * 5
    assert "not_a_report" in codes(result)
    missing = [w.citation for w in result.warnings if w.code == "part_missing"]
    assert missing == [f"第二十五条第（{n}）项" for n in "一二三四五"]
    assert [h.numbering + h.text for h in result.parts.other_headings] == [
        "一、全面加强依法行政能力建设",
        "二、全面推进严格规范公正文明执法",
        "三、健全行政决策制度体系",
        "四、加强和规范行政应诉工作",
    ]
    # its 100 % are targets (行政处罚备案率达到100%), not claims to verify
    assert any(f.kind == "rate" and f.value == 100 for f in result.figures)
    assert "rate_without_count" not in codes(result)


def test_seed_003_has_no_first_responsible_person_heading_but_mentions_it_in_part_one(seeds):
    """Seed 003: 一、主要工作 / 二、存在的问题及整改情况 / 三、下一步工作计划; (三) only in the text."""
    result = seeds[3]
    assert part(result, 1).heading == "一、主要工作"
    assert part(result, 2).heading == "二、存在的问题及整改情况"
    assert part(result, 4).heading == "三、下一步工作计划"
    third = part(result, 3)
    assert third.status == "mentioned"
    assert third.line == 33 and third.mentioned_in_part == 1
    assert third.mention.startswith("单位主要负责人严格按照")
    assert result.parts.order_found == [1, 2, 4]
    assert result.parts.order_matches is True
    assert "part_without_heading" in codes(result)


def test_seed_004_lacks_the_first_responsible_person_part(seeds):
    """Seed 004 names the years in its headings; 第二十五条（三） is nowhere in it."""
    result = seeds[4]
    assert part(result, 1).heading == "一、2023年度法治政府建设主要举措和成效"
    assert part(result, 2).heading == "二、2023年推进法治政府建设存在的问题"
    assert part(result, 4).heading == "三、2024年度推进法治政府建设的主要安排"
    assert part(result, 4).line == 25
    assert part(result, 3).status == "missing"
    (third,) = [w for w in result.warnings if w.citation == "第二十五条第（三）项"]
    assert third.code == "part_missing" and third.severity == "warning"


def test_one_heading_announcing_two_parts_is_combined():
    text = (
        "2023年法治政府建设情况报告\n一、主要举措和成效\n正文。\n"
        "二、主要负责人履行推进法治建设第一责任人职责情况\n正文。\n"
        "三、存在的不足和下一步打算\n正文。"
    )
    result = check_text(text)
    assert part(result, 2).status == "combined" and part(result, 2).combined_with == [4]
    assert part(result, 4).status == "combined" and part(result, 4).heading == (
        "三、存在的不足和下一步打算"
    )


def test_parts_under_arabic_numbering_are_found():
    text = (
        "关于2023年度法治政府建设情况的报告\n1.主要举措和成效\n正文。\n2.存在的不足和原因\n正文。\n"
        "3.党政主要负责人履行推进法治建设第一责任人职责情况\n正文。\n4.下一年度主要安排\n正文。"
    )
    result = check_text(text)
    assert [part(result, n).status for n in (1, 2, 3, 4)] == ["present"] * 4
    assert result.parts.order_matches is True


# --- figures -------------------------------------------------------------------------------


def test_seed_001_penalty_cases_under_the_four_lists_add_up(seeds):
    """690 = 320 + 213 + 149 + 4 + 4: the last 4 is in the sentence after the 其中 sentence."""
    result = seeds[1]
    total = figure(result, "690件")
    assert total.subject == "行政处罚案件"
    assert "全市共适用包容审慎柔性执法“四张清单”办理行政处罚案件690件" in total.sentence
    assert total.part == 1
    (b,) = [b for b in result.breakdowns if b.total is total]
    assert [f.value for f in b.parts] == [320, 213, 149, 4, 4]
    assert [f.subject for f in b.parts][:4] == [
        "不予行政处罚",
        "从轻行政处罚",
        "减轻行政处罚",
        "不予行政强制",
    ]
    assert b.parts_sum == 690 and b.adds_up is True and b.continued is True
    assert result.inconsistencies == []


def test_seed_001_other_figures_keep_their_sentences(seeds):
    result = seeds[1]
    review = figure(result, "136件")
    assert review.subject == "行政复议申请"
    assert review.sentence == "全市行政复议机关收到行政复议申请136件，审结120件。"
    assert figure(result, "358件").subject == "市人大代表建议"
    saving = figure(result, "约300万元")
    assert saving.kind == "amount" and saving.base_value == 3_000_000 and saving.qualifier == "约"
    files = figure(result, "350余本")
    assert files.value == 350 and files.qualifier == "余" and not files.exact
    assert figure(result, "1000平方米").kind == "area"
    assert figure(result, "40580学时").kind == "hours"
    assert figure(result, "八个").value == 8  # 明确八个方面30项具体工作任务


def test_seed_000_figures(seeds):
    result = seeds[0]
    officers = figure(result, "132名")
    assert officers.subject == "行政执法人员"
    assert officers.sentence.startswith("目前，包括局负责人在内的132名行政执法人员")
    disclosure = figure(result, "126件")
    assert disclosure.subject == "依申请信息公开" and disclosure.part == 3
    assert figure(result, "44篇").line == 30


def test_seed_003_petitions_add_up_and_百分之百_is_a_rate(seeds):
    result = seeds[3]
    published = figure(result, "468件")
    assert published.subject == "行政执法案件"
    (b,) = result.breakdowns
    assert b.total.value == 642 and [f.value for f in b.parts] == [95, 20, 491, 36]
    assert b.adds_up is True and b.continued is False
    pass_rate = figure(result, "百分之百")
    assert pass_rate.kind == "rate" and pass_rate.value == 100 and pass_rate.subject == "合格率"
    assert figure(result, "97.3%").value == 97.3


def test_seed_004_amounts_areas_and_approximate_counts(seeds):
    result = seeds[4]
    fines = figure(result, "112.23万元")
    assert fines.subject == "罚款" and fines.base_value == 1_122_300 and fines.base_unit == "元"
    area = figure(result, "9000余平方米")
    assert area.kind == "area" and area.qualifier == "余"
    assert figure(result, "32亩").base_unit == "亩"
    assert figure(result, "800余人次").unit == "人次"
    assert figure(result, "1起").subject == "行政诉讼案件"


@pytest.mark.parametrize("number", range(5))
def test_every_figure_points_at_its_own_text(seeds, number):
    result = seeds[number]
    assert result.figures
    for f in result.figures:
        assert f.text in f.sentence
        assert result.text[f.offset :].startswith(f.text.removeprefix(f.qualifier or ""))
        assert result.text.split("\n")[f.line - 1].find(f.sentence) != -1


def test_chinese_numeral_counts_but_not_slogans():
    result = check_text(
        "开展专题培训三次，召开两次会议，落实“三项制度”，树牢四个意识，实现一次办成，统一部署。"
    )
    assert [(f.text, f.value) for f in result.figures] == [("三次", 3), ("两次", 2)]
    assert parse_chinese_number("二十三") == 23
    assert parse_chinese_number("一百零五") == 105
    assert parse_chinese_number("九十五点五") == 95.5


def test_names_and_ranges_are_not_figures():
    result = check_text("印发《关于30条措施的通知》，办理第3批次，5-10件，部门3部门，3个月内办结。")
    assert result.figures == []


# --- arithmetic ----------------------------------------------------------------------------


def test_broken_copy_of_seed_001_is_flagged():
    """320 → 330: the parts (330+213+149+4 = 696) exceed the stated total 690."""
    text = (
        seed_path(1).read_text(encoding="utf-8").replace("不予行政处罚320件", "不予行政处罚330件")
    )
    result = check_report(text)
    (bad,) = result.inconsistencies
    assert bad.severity == "error"
    assert bad.total.value == 690
    assert [f.value for f in bad.parts] == [330, 213, 149, 4]
    assert bad.parts_sum == 696 and bad.difference == -6
    assert "330＋213＋149＋4＝696件" in bad.message and "多出6件" in bad.message
    assert "其中，不予行政处罚330件" in bad.sentence


def test_parts_below_the_total_are_a_warning_not_an_error():
    result = check_text("全年共受理案件100件。其中，行政处罚案件60件；行政许可案件30件。")
    (short,) = result.inconsistencies
    assert short.severity == "warning" and short.difference == 10
    assert result.breakdowns[0].status == "short_of_total"


def test_single_subset_and_approximate_breakdowns_are_not_flagged():
    result = check_text(
        "共收到行政复议申请136件，其中不予受理5件。共开展培训约50次，其中线上20次、线下30次。"
    )
    assert [b.status for b in result.breakdowns] == ["short_of_total", "approximate"]
    assert result.inconsistencies == []


def test_parenthesised_sub_details_are_not_parts():
    result = check_text(
        "累计办理案件50件，其中行政处罚案件30件（其中简易程序10件），行政强制20件。"
    )
    (b,) = result.breakdowns
    assert [f.value for f in b.parts] == [30, 20] and b.adds_up is True


def test_100_percent_claims_without_a_count_are_flagged(seeds):
    """Seed 000 line 15: 违法用地发现率100%、处置率100% with no number of cases anywhere near."""
    flagged = [w for w in seeds[0].warnings if w.code == "rate_without_count"]
    assert [w.line for w in flagged if w.line == 15] == [15, 15]
    assert any("处置率100%" in w.message for w in flagged)
    assert all(w.sentence for w in flagged)


def test_100_percent_claims_backed_by_a_count_or_in_the_plan_are_not_flagged(seeds):
    # 001: 出庭率100% sits beside 121件; 通过率100% beside 59名; 运转率100% is a 2024 target
    flagged = [w.sentence for w in seeds[1].warnings if w.code == "rate_without_count"]
    assert flagged == []
    result = check_text(
        "2023年法治政府建设情况报告\n一、主要举措和成效\n收到依申请公开39件，按时答复率100%。\n"
        "群众满意率100%。\n四、下一年度主要安排\n确保办结率100%。"
    )
    (only,) = [w for w in result.warnings if w.code == "rate_without_count"]
    assert only.line == 4 and "群众满意率100%" in only.message


# --- 第二十三条 / 第二十四条: dates ---------------------------------------------------------------


def test_seed_001_dates_are_within_both_deadlines(seeds):
    """成文 2024-02-01 ≤ 3月1日 (第二十三条第二款); 发布 2024-02-02 ≤ 4月1日 (第二十四条)."""
    dates = seeds[1].dates
    assert dates.reported_year == 2023
    assert {(f.kind, f.date) for f in dates.found} == {
        ("written", date(2024, 2, 1)),
        ("published", date(2024, 2, 2)),
        ("signed", date(2024, 2, 1)),
    }
    submission, publication = dates.checks
    assert submission.citation.endswith("第二十三条第二款")
    assert submission.deadline == date(2024, 3, 1) and submission.status == "on_time"
    assert publication.citation.endswith("第二十四条")
    assert publication.deadline == date(2024, 4, 1) and publication.status == "on_time"


def _dated(signature: str, published: str | None = None) -> str:
    meta = f"发布日期：{published}\n" if published else ""
    return f"{meta}2023年法治政府建设情况报告\n一、主要举措和成效\n正文。\n某某局\n{signature}"


def test_submission_on_1_march_is_on_time_and_on_2_march_is_late():
    """第二十三条第二款「每年3月1日之前」; 第二十六条: 未按照要求报送的，应当通报批评."""
    on_day = check_text(_dated("2024年3月1日"))
    assert on_day.dates.checks[0].status == "on_time"
    late = check_text(_dated("2024年3月2日"))
    assert late.dates.checks[0].status == "late"
    (warning,) = [w for w in late.warnings if w.code == "late_submission"]
    assert warning.severity == "error" and "通报批评" in warning.message


def test_provinces_and_state_council_departments_report_by_1_april():
    """第二十三条第一款: 省级党委和政府、国务院各部门 by 4月1日."""
    result = check_text(_dated("2024年3月2日"), level="state_council_department")
    assert result.dates.checks[0].deadline == date(2024, 4, 1)
    assert result.dates.checks[0].status == "on_time"
    with pytest.raises(ValueError):
        check_text(_dated("2024年3月2日"), level="township")


def test_publication_after_1_april_is_late():
    """第二十四条: 每年4月1日之前 … 向社会公开."""
    result = check_text(_dated("2024年2月20日", published="2024-04-02"))
    assert [c.status for c in result.dates.checks] == ["on_time", "late"]
    assert "late_publication" in codes(result)


def test_signature_in_chinese_numerals():
    result = check_text(_dated("二〇二四年二月二十日"))
    assert result.dates.found[0].date == date(2024, 2, 20)
    assert result.dates.checks[0].status == "on_time"


def test_undated_and_untitled_reports_cannot_be_checked(seeds):
    assert seeds[0].dates.checks[0].status == "unknown"
    assert "undated" in codes(seeds[0])
    assert seeds[3].dates.title is None and seeds[3].dates.reported_year is None
    assert "no_reported_year" in codes(seeds[3])


def test_a_work_plan_is_not_held_to_the_report_deadlines(seeds):
    dates = seeds[2].dates
    assert dates.found[0].date == date(2023, 3, 21) and dates.found[0].kind == "signed"
    assert [c.status for c in dates.checks] == ["not_applicable", "not_applicable"]


# --- files ---------------------------------------------------------------------------------


def test_docx_with_metadata_table_and_full_width_digits(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    for cell, value in zip(
        table.rows[0].cells, ["成文日期：", "2024-02-26", "发布日期：", "2024-03-20"], strict=True
    ):
        cell.text = value
    document.add_paragraph("关于2023年度法治政府建设情况的报告")
    document.add_paragraph("一、主要举措和成效")
    document.add_paragraph(
        "全年共办理行政处罚案件６９０件。其中，简易程序４９０件，普通程序２００件。"
    )
    document.add_paragraph("二、存在的不足和原因")
    document.add_paragraph("三、下一年度推进法治政府建设的主要安排")
    path = tmp_path / "report.docx"
    document.save(path)
    result = check_report(path)
    assert result.source_format == "docx" and result.filename == "report.docx"
    assert [part(result, n).status for n in (1, 2, 3, 4)] == [
        "present",
        "present",
        "missing",
        "present",
    ]
    (b,) = result.breakdowns
    assert (b.total.value, b.parts_sum, b.adds_up) == (690, 690, True)
    assert [c.status for c in result.dates.checks] == ["on_time", "on_time"]


def _pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF written by hand: a Type0 font with the predefined UniGB-UCS2-H CMap,
    so that the UTF-16 text needs no embedded font and pypdf extracts it as written."""
    shown = " ".join(f"<{line.encode('utf-16-be').hex()}> Tj T*" for line in lines)
    content = f"BT /F1 12 Tf 14 TL 50 800 Td {shown} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H "
        b"/Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_text_is_extracted_and_checked(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(
        _pdf_with_text(
            [
                "2023年法治政府建设情况报告",
                "一、主要举措和成效",
                "办理行政处罚案件６９０件。其中，不予行政处罚３３０件，从轻行政处罚３６０件。",
                "某某局",
                "2024年2月26日",
            ]
        )
    )
    result = check_report(path)
    assert result.source_format == "pdf"
    assert part(result, 1).heading == "一、主要举措和成效"
    assert figure(result, "690件").subject == "行政处罚案件"
    assert result.breakdowns[0].adds_up is True
    assert result.dates.checks[0].status == "on_time"


def test_upload_bytes_are_read_by_their_filename():
    data = _pdf_with_text(["2023年法治政府建设情况报告", "收到依申请公开39件。"])
    result = check_report(data, filename="upload.pdf")
    assert result.source_format == "pdf" and figure(result, "39件").subject == "依申请公开"
    with pytest.raises(ReportReadError):
        check_report(data)  # bytes without a filename: format unknown


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("x.doc", b"binary", "不支持的文件类型"),
        ("x.pdf", b"%PDF-1.4 not really", "无法读取 PDF"),
        ("x.docx", b"not a zip", "无法打开 Word"),
        ("x.txt", b"   \n  ", "没有可提取的文字"),
    ],
)
def test_unreadable_files_raise_a_bilingual_error(tmp_path, name, data, fragment):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReportReadError) as info:
        check_report(path)
    assert fragment in info.value.message_zh and info.value.message_en


def test_gb18030_text_files_are_decoded(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("2023年法治政府建设情况报告\n共受理行政复议申请5件。".encode("gb18030"))
    result = check_report(path)
    assert result.dates.title == "2023年法治政府建设情况报告"
    assert figure(result, "5件").subject == "行政复议申请"


def test_normalisation_keeps_lines_and_unifies_spellings():
    raw = "办理案件１，３０５件,办结率１００％\r\n法 治 政 府\n\n（一）标题"
    assert normalize_text(raw) == "办理案件1305件，办结率100%\n法治政府\n\n(一)标题"


# --- CLI -----------------------------------------------------------------------------------


def test_cli_prints_json_and_exits_0_even_with_findings(tmp_path, capsys):
    broken = tmp_path / "broken.txt"
    broken.write_text(
        seed_path(1).read_text(encoding="utf-8").replace("320件", "330件"), encoding="utf-8"
    )
    assert commands.main(["report", "check", str(broken)]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert err == "" and "\n" not in out.strip()
    assert data["filename"] == "broken.txt" and data["summary"]["inconsistencies"] == 1
    assert data["inconsistencies"][0]["total"]["sentence"].startswith("2023年度")
    assert data["dates"]["checks"][0]["deadline"] == "2024-03-01"


def test_cli_pretty_and_dispatch_through_fazhi_cli(capsys):
    assert cli.main(["report", "check", str(seed_path(3)), "--pretty"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n  ")
    assert json.loads(out)["parts"]["parts"][2]["status"] == "mentioned"


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "check", "/nonexistent/report.txt"],
        ["report", "check", "report.doc"],
        ["report", "check"],
        ["report", "check", "x.txt", "--level", "township"],
    ],
)
def test_cli_errors_exit_2_with_one_bilingual_line(tmp_path, capsys, argv):
    if argv[-1] == "report.doc":
        (tmp_path / "report.doc").write_bytes(b"x")
        argv = [*argv[:-1], str(tmp_path / "report.doc")]
    assert commands.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("错误：") and " / error: " in err


# --- side by side with the platform ---------------------------------------------------------


def test_compare_matches_report_figures_to_platform_values(seeds):
    result = seeds[1]
    by_code = {
        c.code: c
        for c in compare(
            result,
            {
                "penalty.cases": (690, "件"),
                "litigation.head_appearance_rate": (95.0, "%"),
                "disclosure.requests": (39, "件"),
                "reconsideration.applications": (130, "件"),
                "penalty.fines": (1, "万元"),
                "made.up": (1, "件"),
            },
        )
    }
    assert by_code["penalty.cases"].status == "equal"
    assert by_code["penalty.cases"].figure.text == "690件"
    assert by_code["litigation.head_appearance_rate"].status == "differs"
    assert by_code["litigation.head_appearance_rate"].difference == -5
    assert by_code["disclosure.requests"].status == "equal"
    assert by_code["reconsideration.applications"].status == "differs"
    assert by_code["penalty.fines"].status == "not_in_report"
    assert by_code["made.up"].status == "no_keywords"
    json.dumps([c.to_dict() for c in by_code.values()], ensure_ascii=False)


def test_compare_converts_units_and_ignores_next_year_targets(seeds):
    (fines,) = compare(seeds[4], {"penalty.fines": (1_122_300, "元")})
    assert fines.status == "equal" and fines.figure.text == "112.23万元"
    (target,) = compare(seeds[1], {"hub.rate": (100, "%")}, keywords={"hub.rate": ("运转率",)})
    assert target.status == "not_in_report"  # 实质化运转率100% is in 四、下一年度…主要安排


@pytest.mark.parametrize("number", range(5))
def test_result_is_json_ready(seeds, number):
    data = seeds[number].to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert "text" not in data and data["char_count"] == len(seeds[number].text)


def test_text_and_file_inputs_agree(seeds):
    from_text = check_report(seed_path(4).read_text(encoding="utf-8"))
    assert from_text.source_format == "text" and seeds[4].source_format == "txt"
    assert [f.text for f in from_text.figures] == [f.text for f in seeds[4].figures]
    with pytest.raises(ReportReadError):
        check_report("missing-report.txt")  # a str naming a report file is read as a path
