#!/usr/bin/env bash
# Regenerates PhoneNumbers' metadata payload and agreement corpus.
# Usage: Scripts/phone_metadata/generate.sh [PHONENUMBERS_VERSION]
# Without a version it installs the newest `phonenumbers` release.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if [ $# -ge 1 ]; then
    "$venv/bin/pip" install --quiet "phonenumbers==$1"
else
    "$venv/bin/pip" install --quiet --upgrade phonenumbers
fi
"$venv/bin/python" "$here/generate.py"
