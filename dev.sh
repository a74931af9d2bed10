#!/usr/bin/env bash
# Sets up everything a fresh Debian machine needs, then starts the app or runs the tests.
#   ./dev.sh app  [kzcommission arguments...]   set up and launch the application
#   ./dev.sh test [pytest arguments...]         set up and run the whole test suite
#   ./dev.sh bundle                             set up and build the Linux bundle (dist/)
#   ./dev.sh bundle-test                        build it if the sources changed, smoke-test it
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

# A throwaway PostgreSQL server on loopback for the tests of the shared-office mode;
# stopped when the tests end. Runs as the postgres user when we are root. fsync is
# off: the tests check concurrency and conflicts, not the server's crash safety.
start_test_postgres() {
  install_debian_packages postgresql
  local bin port run=()
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PG_TEST_DIR=$(mktemp -d /tmp/kzcommission-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_TEST_DIR"; run=(runuser -u postgres --); fi
  "${run[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/log" -w \
    -o "-h 127.0.0.1 -p $port -k $PG_TEST_DIR -c fsync=off -c full_page_writes=off" start >/dev/null
  PG_STOP=("${run[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop)
  export KZ_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
}

stop_test_postgres() {
  if [ -n "${PG_TEST_DIR:-}" ]; then
    "${PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
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
    start_test_postgres
    trap stop_test_postgres EXIT
    status=0
    .venv/bin/python -m pytest "$@" || status=$?
    exit $status
    ;;
  bundle)
    install_debian_packages binutils  # PyInstaller reads shared libraries with objdump
    setup_venv
    exec packaging/build-linux.sh
    ;;
  bundle-test)
    install_debian_packages binutils
    setup_venv
    # Rebuild when the bundle is missing or anything it carries is newer than it.
    if [ ! -x dist/kzcommission/kzcommission ] || [ -n "$(find kzcommission resources forms docs \
        packaging/kzcommission.spec pyproject.toml -newer dist/kzcommission/kzcommission \
        -not -path '*/__pycache__*' -print -quit)" ]; then
      packaging/build-linux.sh
    fi
    exec packaging/smoke-test.sh
    ;;
  *)
    echo "usage: ./dev.sh app|test|bundle|bundle-test [arguments]" >&2; exit 2
    ;;
esac
