#!/usr/bin/env bash
# Sets up everything a fresh Debian machine needs, then starts the app or runs the tests.
#   ./dev.sh app  [kzcommission arguments...]   set up and launch the application
#   ./dev.sh test [pytest arguments...]         set up and run the whole test suite
set -euo pipefail
cd "$(dirname "$0")"

action=${1:-app}
[ $# -gt 0 ] && shift

# Shared libraries Qt's xcb/offscreen platforms load, and poppler for the PDF tests.
DEBIAN_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xinerama0 poppler-utils)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_debian_packages() {
  command -v dpkg-query >/dev/null || return 0
  local missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "dev.sh: installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
}

pick_python() {
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return
    fi
  done
  echo "dev.sh: Python 3.11 or newer is required" >&2; exit 1
}

setup_venv() {
  local python stamp
  python=$(pick_python)
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv 2>/dev/null || { install_debian_packages python3-venv; "$python" -m venv .venv; }
  fi
  stamp=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ "$(cat .venv/.setup-stamp 2>/dev/null)" != "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test]"
    echo "$stamp" > .venv/.setup-stamp
  fi
}

case "$action" in
  app)
    install_debian_packages
    setup_venv
    exec .venv/bin/kzcommission "$@"
    ;;
  test)
    install_debian_packages
    setup_venv
    # No display (CI, a server): Qt draws offscreen.
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      export QT_QPA_PLATFORM=offscreen
    fi
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: ./dev.sh app|test [arguments]" >&2; exit 2
    ;;
esac
