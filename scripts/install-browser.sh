#!/usr/bin/env bash
# Installs what the browser tests and PDF rendering need from Debian's packages: Chromium (driven
# by Python playwright with executable_path=/usr/bin/chromium), a Chinese font, and poppler-utils
# (pdftoppm, to look at generated PDFs page by page). Idempotent; needs root (CI and dev machines are).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk" || need+=(fonts-wqy-microhei)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
.venv/bin/python -c "import playwright" 2>/dev/null || .venv/bin/pip install -q -e '.[e2e]'
