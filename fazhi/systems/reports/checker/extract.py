"""Getting the text out of a report (.txt, .docx, .pdf) and normalising it.

Reports arrive as web-page copies, Word files and PDFs; the same figure may be written with
full-width digits (６９０件), ASCII or Chinese punctuation, or with spaces a PDF put between
characters. Normalising first lets every later rule match one spelling. Normalisation keeps the
line structure, so line numbers in a .txt file stay the file's own.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_SUFFIXES: dict[str, str] = {".txt": "txt", ".docx": "docx", ".pdf": "pdf"}


class ReportReadError(Exception):
    """The file is missing, unreadable, of an unsupported type or holds no text."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(f"{message_zh} / {message_en}")
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass(frozen=True)
class ExtractedText:
    """The normalised text of a report and where it came from."""

    text: str
    source_format: str
    filename: str | None


def read_report_file(path: str | Path) -> ExtractedText:
    """Read a report file and return its normalised text.

    Raises ReportReadError for a missing file, an unsupported suffix, a damaged file or a file
    without extractable text (e.g. a scanned PDF).
    """
    p = Path(path)
    if not p.is_file():
        raise ReportReadError(f"文件不存在：{p}", f"file not found: {p}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReportReadError(f"无法读取文件：{p}", f"cannot read file: {p} ({exc})") from exc
    return read_report_bytes(data, p.name)


def read_report_bytes(data: bytes, filename: str) -> ExtractedText:
    """Extract and normalise the text of an uploaded file; its suffix decides the format."""
    suffix = Path(filename).suffix.lower()
    source_format = SUPPORTED_SUFFIXES.get(suffix)
    if source_format is None:
        supported = "、".join(SUPPORTED_SUFFIXES)
        raise ReportReadError(
            f"不支持的文件类型“{suffix or '无后缀'}”，仅支持 {supported}",
            f"unsupported file type {suffix or '(none)'!r}; supported: "
            + ", ".join(SUPPORTED_SUFFIXES),
        )
    reader = {"txt": _text_of_txt, "docx": _text_of_docx, "pdf": _text_of_pdf}[source_format]
    text = normalize_text(reader(data, filename))
    if not text.strip():
        raise ReportReadError(
            f"文件中没有可提取的文字（可能是扫描件）：{filename}",
            f"no extractable text (scanned document?): {filename}",
        )
    return ExtractedText(text, source_format, filename)


def _text_of_txt(data: bytes, filename: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportReadError(
        f"无法识别文本文件的编码（应为 UTF-8 或 GB18030）：{filename}",
        f"cannot decode text file (expected UTF-8 or GB18030): {filename}",
    )


def _text_of_docx(data: bytes, filename: str) -> str:
    """Paragraphs and tables of a .docx in document order; table cells joined by " | "."""
    import docx  # python-docx; imported here so that .txt checks do not load it
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise ReportReadError(
            f"无法打开 Word 文件（文件损坏或不是 .docx）：{filename}",
            f"cannot open Word file (damaged or not .docx): {filename} ({exc})",
        ) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                lines.append(" | ".join(cell.text.strip() for cell in row.cells))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _text_of_pdf(data: bytes, filename: str) -> str:
    """The text layer of every page of a PDF, pages separated by a line break."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReportReadError(
                f"PDF 文件已加密，无法读取：{filename}", f"PDF is encrypted: {filename}"
            )
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ReportReadError(
            f"无法读取 PDF 文件（文件损坏）：{filename}",
            f"cannot read PDF (damaged): {filename} ({exc})",
        ) from exc


_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_FULLWIDTH.update(
    {
        "％": "%",
        "（": "(",
        "）": ")",
        "．": ".",
        "㎡": "平方米",
        "\u3000": " ",
        "\xa0": " ",
        "\t": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
    }
)
_TRANSLATE = str.maketrans(_FULLWIDTH)
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_OR_PUNCT = _CJK + r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’《》"
_THOUSANDS = re.compile(
    r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))|(?<=[０-９])[，,](?=[０-９]{3}(?![０-９]))"
)
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK_OR_PUNCT}]) +(?=[{_CJK_OR_PUNCT}])")
_ASCII_PUNCT = {",": "，", ";": "；", "?": "？", "!": "！"}
_COLON_NOT_TIME = re.compile(r"(?<!\d):|:(?!\d)")


def normalize_text(raw: str) -> str:
    """Normalise digits, punctuation and whitespace while keeping one output line per input line.

    - full-width digits/letters → ASCII; ％ → %; （） → (); ． → .
    - thousands separators inside numbers removed (1,305 → 1305)
    - ASCII , ; ? ! → Chinese ，；？！ and : → ： (except in times such as 10:30)
    - spaces between Chinese characters removed (PDF extraction adds them); other runs of
      spaces collapsed; lines stripped
    """
    text = _THOUSANDS.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(_TRANSLATE)
    text = "".join(_ASCII_PUNCT.get(ch, ch) for ch in text)
    text = _COLON_NOT_TIME.sub("：", text)
    lines = []
    for line in text.split("\n"):
        line = re.sub(r" {2,}", " ", line).strip()
        lines.append(_SPACE_BETWEEN_CJK.sub("", line))
    return "\n".join(lines)
