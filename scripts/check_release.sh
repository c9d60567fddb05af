#!/usr/bin/env bash
# Release checks: the documentation site and the packages, as a user gets them.
#
#   1. generated docs up to date          (docs/gen_docs.py --check)
#   2. the site builds with no warning    (mkdocs build --strict -> site/)
#   3. sdist + wheel build                (python -m build; the wheel is built from the sdist)
#   4. both pass twine check
#   5. the wheel installs into a new virtualenv and the CLI runs from it (core only, then [all])
#   6. screenshots of the home page and the rule catalogue in headless Chromium -> artifacts/
#
# Usage: scripts/check_release.sh      (from anywhere; needs `pip install -e ".[docs]"` in .venv)
# Env:   PYTHON (default .venv/bin/python), BASE_PYTHON for the clean venv (default python3.11).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
BIN="$(dirname "$PY")"
BASE_PYTHON="${BASE_PYTHON:-python3.11}"
ARTIFACTS="$ROOT/artifacts"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1
mkdir -p "$ARTIFACTS"
step() { printf '\n== [%ss] %s\n' "$SECONDS" "$*"; }
fail() { printf 'check_release: FAILED: %s\n' "$*" >&2; exit 1; }

step "generated docs up to date"
"$PY" docs/gen_docs.py --check || fail "generated docs are stale: run python docs/gen_docs.py"

step "mkdocs build --strict"
"$BIN/mkdocs" build --strict --site-dir "$ROOT/site" 2>&1 | tee "$ARTIFACTS/mkdocs-build.log" \
  || fail "mkdocs build --strict (see artifacts/mkdocs-build.log)"

step "python -m build"
"$PY" -m build --outdir "$TMP/dist" . >"$ARTIFACTS/build.log" 2>&1 || { cat "$ARTIFACTS/build.log"; fail "python -m build"; }
tail -n 1 "$ARTIFACTS/build.log"
WHEEL="$(ls "$TMP"/dist/*.whl)"
SDIST="$(ls "$TMP"/dist/*.tar.gz)"

step "twine check"
"$BIN/twine" check --strict "$WHEEL" "$SDIST" || fail "twine check"

step "clean virtualenv: install the wheel (core only) and run the CLI"
"$BASE_PYTHON" -m venv "$TMP/venv"
V="$TMP/venv/bin"
"$V/pip" install --quiet "$WHEEL" 2>"$TMP/pip.err" || { cat "$TMP/pip.err"; fail "pip install $WHEEL"; }
cd "$TMP"  # run from outside the source tree, so only the installed package can be imported
VERSION="$("$V/python" -c 'import govdisclosure; print(govdisclosure.__version__)')"
[ "$("$V/govdisclosure" --version)" = "govdisclosure $VERSION" ] || fail "govdisclosure --version"
[ "$("$V/python" -m govdisclosure --version)" = "govdisclosure $VERSION" ] || fail "python -m govdisclosure --version"
"$V/python" -c 'import govdisclosure, sys; sys.exit(govdisclosure.__file__.startswith(sys.prefix) is False)' \
  || fail "govdisclosure imported from outside the clean venv"
"$V/govdisclosure" example | "$V/govdisclosure" convert /dev/stdin --to json >"$TMP/example.json" \
  || fail "govdisclosure example | govdisclosure convert /dev/stdin --to json"
"$V/python" - "$TMP/example.json" <<'PYCHECK' || fail "converted example is not the bundled report"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc["format"] == "national-2021" and doc["year"] == 2024, doc.get("format")
assert doc["agency"]["name"] == "海原县郑旗乡人民政府", doc["agency"]
PYCHECK
# The README's demo: the bundled example, validated.
"$V/govdisclosure" example -o "$TMP/example.toml" || fail "govdisclosure example -o"
if "$V/govdisclosure" --help | grep -qw validate; then
  "$V/govdisclosure" validate "$TMP/example.toml" >"$ARTIFACTS/validate-example.txt" \
    || fail "govdisclosure validate example.toml (see artifacts/validate-example.txt)"
fi
echo "govdisclosure $VERSION: CLI runs from the wheel"

step "clean virtualenv: the [all] extra"
"$V/pip" install --quiet "$WHEEL[all]" 2>"$TMP/pip.err" || { cat "$TMP/pip.err"; fail "pip install wheel[all]"; }
"$V/python" -c 'import docx, openpyxl, pdfplumber, hypothesis' || fail "[all] did not install the optional libraries"
for fmt in docx xlsx; do
  if "$V/python" -c "import sys; from govdisclosure import default_registry as r; sys.exit('$fmt' not in r().writers)"; then
    "$V/govdisclosure" convert "$TMP/example.toml" --to "$fmt" -o "$TMP/example.$fmt" || fail "convert --to $fmt"
    [ -s "$TMP/example.$fmt" ] || fail "empty $fmt output"
  fi
done
cd "$ROOT"

step "screenshots (headless Chromium)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || "$ROOT/scripts/install-system-deps.sh" || fail "cannot install chromium (scripts/install-system-deps.sh)"
for page in index rules; do
  [ -f "site/$page.html" ] || fail "site/$page.html was not built"
  rm -f "$ARTIFACTS/docs-$page.png"
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$TMP/chromium" --screenshot="$ARTIFACTS/docs-$page.png" --window-size=1280,1600 \
    "file://$ROOT/site/$page.html" >/dev/null 2>&1 || true
  [ -s "$ARTIFACTS/docs-$page.png" ] || fail "no screenshot of site/$page.html"
  echo "artifacts/docs-$page.png"
done

printf "\ncheck_release: OK in %ss" "$SECONDS"; printf ' (site, sdist, wheel, twine, clean-venv CLI, screenshots)\n'
