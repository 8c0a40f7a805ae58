#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (never a browser download) and prints its
# path as CHROMIUM_PATH. Uses one already installed.
set -euo pipefail
for c in /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -x "$c" ]; then echo "export CHROMIUM_PATH=$c"; exit 0; fi
done
if [ "$(id -u)" != 0 ]; then echo "browser: need root to apt-get install chromium" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >&2 || {
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >&2
}
echo "export CHROMIUM_PATH=/usr/bin/chromium"
