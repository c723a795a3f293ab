#!/usr/bin/env bash
# Installs what the browser and document tests need from Debian's packages: Chromium (driven by
# Python playwright with executable_path=/usr/bin/chromium), a Chinese font (so screenshots and
# PDFs show characters, not boxes), LibreOffice Writer without a GUI (the offline .docx -> PDF
# converter), poppler-utils (pdftoppm, to look at generated PDFs page by page) and
# postgresql-client (pg_dump/pg_restore for `fazhi backup`/`fazhi restore`), then the project's
# e2e extra. Idempotent; needs root (CI and the dev machines are).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk" || need+=(fonts-wqy-microhei)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "需要 root 权限安装 ${need[*]} / run as root (or apt-get install them yourself)" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
.venv/bin/python -c "import playwright" 2>/dev/null || .venv/bin/pip install -q -e '.[e2e]'
