"""How a stored file is described and what it is served as (``ledger.files``)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from fazhi.core.ledger import files

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8


@pytest.mark.parametrize(
    ("size", "label"),
    [(0, "0 B"), (512, "512 B"), (2048, "2.0 KB"), (1_258_291, "1.2 MB"), (52_428_800, "50 MB")],
)
def test_sizes_read_as_a_file_manager_shows_them(size, label):
    assert files.human_size(size) == label


def test_the_chinese_name_survives_with_an_ascii_fallback():
    header = files.disposition("行政处罚决定书-示范〔2025〕1号.docx", inline=False)
    assert header.startswith('attachment; filename="-_2025_1.docx"; ')
    assert header.endswith(
        "filename*=UTF-8''" + quote("行政处罚决定书-示范〔2025〕1号.docx", safe="")
    )
    # a line break or quote in a stored name cannot split or end the header
    evil = files.disposition('a"b\r\nSet-Cookie: x.pdf', inline=True)
    assert "\r" not in evil and "\n" not in evil and evil.count('"') == 2


@pytest.mark.parametrize(
    ("data", "claimed", "name", "stored_as"),
    [
        (b"%PDF-1.7 x", "application/pdf", "a.pdf", "application/pdf"),
        (b"%PDF-1.7 x", "", "a.pdf", "application/pdf"),
        (PNG, "image/jpeg", "a.jpg", "image/png"),  # the bytes say what it is
        (b"<html>", "image/png", "a.png", "application/octet-stream"),
        (b"<html>", "", "a.pdf", "application/octet-stream"),
        (b"<html>", "text/html", "a.html", "text/html"),  # kept, and served only as attachment
        (
            b"PK\x03\x04",
            "",
            "a.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_an_upload_is_stored_under_the_type_its_bytes_bear_out(data, claimed, name, stored_as):
    assert files.upload_type(data, claimed, name) == stored_as


def test_type_labels():
    assert files.type_label("application/pdf") == "PDF 文档"
    assert files.type_label("application/octet-stream", "扫描件.tif") == "TIF 文件"
    assert files.type_label("application/octet-stream", "无扩展名") == "文件"
