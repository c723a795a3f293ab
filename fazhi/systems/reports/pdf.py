"""PDF by converting the .docx offline with LibreOffice headless, when it is installed.

No PDF engine ships with the platform; without ``soffice``/``libreoffice`` on PATH the caller
gets :class:`PdfUnavailable` with a Chinese message instead of a half-made file.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

UNAVAILABLE = (
    "生成 PDF 需要在服务器上安装 LibreOffice（soffice），当前未安装；请先下载 .docx 版本。"
)
FAILED = "LibreOffice 转换 PDF 失败，请稍后重试或下载 .docx 版本。"
TIMEOUT_SECONDS = 120


class PdfUnavailable(RuntimeError):
    """PDF cannot be produced here; ``str()`` is the Chinese reason."""


def converter() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes: bytes) -> bytes:
    """Convert with ``soffice --headless --convert-to pdf`` in a private temp dir (offline)."""
    exe = converter()
    if exe is None:
        raise PdfUnavailable(UNAVAILABLE)
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(docx_bytes)
        try:
            subprocess.run(  # noqa: S603 - fixed argument list, no shell
                [
                    exe,
                    "--headless",
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(src),
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfUnavailable(FAILED) from exc
        out = Path(tmp) / "report.pdf"
        if not out.exists():
            raise PdfUnavailable(FAILED)
        return out.read_bytes()
