#!/bin/sh
# Installs Debian's chromium for the /register end-to-end test (playwright-core drives it; no browser download).
set -e
if [ -x /usr/bin/chromium ]; then echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null)"; exit 0; fi
SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
/usr/bin/chromium --version
