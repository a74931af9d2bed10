#!/usr/bin/env bash
# Build the Linux bundle: dist/kzcommission/kzcommission (one folder, no Python needed).
#   packaging/build-linux.sh            set up PyInstaller in .venv if missing, stamp, build
# Expects the project's .venv (./dev.sh app or ./dev.sh test creates it). Prints the build
# time and the bundle's size; the bundle is then checked by packaging/smoke-test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=.venv/bin/python
[ -x "$PYTHON" ] || { echo "build-linux.sh: no .venv here; run ./dev.sh app first" >&2; exit 1; }

if ! "$PYTHON" -c 'import PyInstaller' 2>/dev/null; then
  echo "build-linux.sh: installing PyInstaller into .venv"
  "$PYTHON" -m pip install -q "pyinstaller>=6.10"
fi

started=$SECONDS
# The stamp is written first, from this checkout, so the bundle names its own commit.
stamp=build/_build_stamp.json
"$PYTHON" -c 'import sys; from kzcommission.build_info import write_stamp; write_stamp(sys.argv[1])' \
  "$stamp"
echo "build-linux.sh: stamp $(tr -d '\n ' < "$stamp")"

KZ_BUILD_STAMP="$PWD/$stamp" "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/kzcommission.spec

echo "build-linux.sh: built dist/kzcommission in $((SECONDS - started)) s," \
  "$(du -sh dist/kzcommission | cut -f1)"
