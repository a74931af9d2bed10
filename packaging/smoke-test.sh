#!/usr/bin/env bash
# Smoke test of the built bundle, headless: exits 0 only when every check passed.
#   packaging/smoke-test.sh [BUNDLE_FOLDER]      (default: dist/kzcommission)
# On a new database in a temporary folder: --version; the demo; the print pack of the demo
# sitting, its minutes read back with pdftotext; a report; the GUI started offscreen for a
# few seconds; then a portable copy (marker beside the executable) keeps its data in data/.
# HOME and the XDG folders point into the temporary folder, so the user's profile is
# never touched, and the portable run can prove it writes nothing there.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

bundle=$(cd "${1:-dist/kzcommission}" 2>/dev/null && pwd) || {
  echo "smoke-test.sh: no bundle at ${1:-dist/kzcommission}; run packaging/build-linux.sh" >&2
  exit 2
}
app="$bundle/kzcommission"
export QT_QPA_PLATFORM=offscreen
unset KZCOMMISSION_PORTABLE_DIR
started=$SECONDS

# Under build/, on the bundle's file system, so the portable copy can be hard links.
mkdir -p build
work=$(mktemp -d "$PWD/build/smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT

use_profile() {  # a fresh, empty profile for the runs that follow
  export HOME="$work/$1"
  export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
  export XDG_CACHE_HOME="$HOME/.cache" XDG_STATE_HOME="$HOME/.local/state"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
}

failures=0
check() {  # check NAME COMMAND...: run it, say PASS or FAIL with its output
  local name=$1 output
  shift
  if output=$("$@" 2>&1); then
    echo "PASS  $name"
  else
    echo "FAIL  $name"
    printf '%s\n' "$output" | tail -15 | sed 's/^/      /'
    failures=$((failures + 1))
  fi
}

version_ok() {
  local text
  text=$("$app" --version) || return 1
  echo "$text"
  grep -q '^kzcommission [0-9]' <<<"$text" && grep -q 'commit .*, built ' <<<"$text"
}

demo_ok() {
  "$app" --db "$work/smoke.sqlite3" demo | tee "$work/demo.txt"
  grep -q '^demo sitting [0-9]* created' "$work/demo.txt"
}

sitting_id() { sed -n 's/^demo sitting \([0-9]*\) created.*/\1/p' "$work/demo.txt"; }

print_ok() {
  "$app" --db "$work/smoke.sqlite3" print "$(sitting_id)" --lang ru --out "$work/pack" || return 1
  local minutes
  minutes=$(find "$work/pack" -name '*minutes_ru.pdf' | head -1)
  [ -s "$minutes" ] || { echo "no minutes PDF in $work/pack"; return 1; }
  echo "$(find "$work/pack" -name '*.pdf' | wc -l) PDF files"
  pdftotext "$minutes" "$work/minutes.txt" || return 1
  # The Russian heading, and a chair's name in Kazakh letters (the embedded DejaVu font).
  grep -q 'ПРОТОКОЛ № 1' "$work/minutes.txt" && grep -q 'Сейітқали' "$work/minutes.txt"
}

report_ok() {  # the consolidated report: matplotlib's charts and the holiday calendar
  "$app" --db "$work/smoke.sqlite3" report --from 2024-01-01 --to 2024-12-31 --format pdf \
    --lang ru --out "$work/report.pdf" || return 1
  pdftotext "$work/report.pdf" - | grep -q 'Отчёт об аттестации'
}

manual_ok() {  # Help -> User's manual reads these pages from inside the bundle
  local lang
  for lang in kk ru en; do
    [ -s "$bundle/_internal/docs/manual/$lang/index.md" ] || { echo "no $lang manual"; return 1; }
    [ -s "$bundle/_internal/docs/manual/images/$lang/room_display.png" ] || return 1
  done
}

gui_ok() {  # the window, the database opened, the first screen; then quit with 0
  timeout 60 "$app" --db "$work/smoke.sqlite3" gui --smoke-seconds 3
}

portable_ok() {
  local copy="$work/stick/kzcommission"
  mkdir -p "$work/stick"
  cp -al "$bundle" "$copy" 2>/dev/null || cp -a "$bundle" "$copy"
  : >"$copy/kzcommission.portable"
  "$copy/kzcommission" demo || return 1
  timeout 60 "$copy/kzcommission" gui --smoke-seconds 2 || return 1
  [ -s "$copy/data/kzcommission.sqlite3" ] || { echo "no data/kzcommission.sqlite3"; return 1; }
  ls -R "$copy/data"
  local leaked
  leaked=$(find "$HOME" -iname '*kzcommission*' | head -5)
  [ -z "$leaked" ] || { echo "written to the profile: $leaked"; return 1; }
}

if [ ! -x "$app" ]; then
  echo "smoke-test.sh: $app is missing" >&2
  exit 2
fi
use_profile home
check "--version prints version, commit and build date" version_ok
check "demo on a new database" demo_ok
check "print pack; minutes read back with pdftotext" print_ok
check "report as PDF" report_ok
check "the user's manual is in the bundle, kk/ru/en with pictures" manual_ok
check "GUI starts offscreen and quits with 0" gui_ok
use_profile portable-home
check "portable copy keeps its data in data/, none in the profile" portable_ok

echo "smoke-test.sh: $failures failed, $((SECONDS - started)) s"
[ "$failures" -eq 0 ]
