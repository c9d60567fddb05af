#!/usr/bin/env bash
# Type completeness of the public API, as a user of the installed wheel sees it:
#   pyright --verifytypes govdisclosure, run against a fresh virtualenv holding the built wheel.
# Usage: scripts/verify_types.sh [VENV_WITH_THE_WHEEL]   (default: builds one in a temporary directory)
# Needs pyright (pip install pyright); the pyright wrapper fetches pyright itself on first use,
# so this is not part of `make test` (see docs/typing.md for the current figures).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
PYRIGHT="${PYRIGHT:-$ROOT/.venv/bin/pyright}"
VENV="${1:-}"
if [ -z "$VENV" ]; then
  TMP="$(mktemp -d)"
  trap 'rm -rf "$TMP"' EXIT
  "$PY" -m build --wheel --outdir "$TMP/dist" "$ROOT" >/dev/null
  python3.11 -m venv "$TMP/venv"
  "$TMP/venv/bin/pip" install --quiet "$TMP"/dist/*.whl 2>/dev/null
  VENV="$TMP/venv"
fi
cd "$(dirname "$VENV")"
VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH" "$PYRIGHT" --verifytypes govdisclosure --ignoreexternal
