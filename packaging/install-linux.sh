#!/usr/bin/env bash
# Install the built bundle for one user, no root needed:
#   packaging/install-linux.sh [PREFIX]              (default PREFIX: ~/.local)
#   packaging/install-linux.sh --uninstall [PREFIX]
# The program goes to PREFIX/opt/kzcommission with a link in PREFIX/bin; the menu entry,
# the icons (hicolor theme) and the .kzx MIME type go to PREFIX/share, and .kzx files open
# with kzcommission. The user's data (the profile, or data/ of a portable copy) is kept:
# an upgrade replaces the program only.
set -euo pipefail
cd "$(dirname "$0")/.."

uninstall=0
if [ "${1:-}" = "--uninstall" ]; then uninstall=1; shift; fi
prefix=${1:-$HOME/.local}
share="$prefix/share"
# The default prefix follows XDG_DATA_HOME when the desktop moved it.
if [ $# -eq 0 ] && [ -n "${XDG_DATA_HOME:-}" ]; then share=$XDG_DATA_HOME; fi
target="$prefix/opt/kzcommission"
mime_type=application/x-kzcommission-package
mime_icon=application-x-kzcommission-package  # the type's name, "/" made "-"
icon_sizes=(16 24 32 48 64 128 256)

have() { command -v "$1" >/dev/null 2>&1; }

refresh_caches() {  # each tool is optional: without it the desktop rescans on next login
  if have update-mime-database; then update-mime-database "$share/mime" >/dev/null; fi
  if have update-desktop-database; then update-desktop-database -q "$share/applications"; fi
  if have gtk-update-icon-cache && [ -f "$share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$share/icons/hicolor" || true
  fi
}

if [ "$uninstall" -eq 1 ]; then
  if [ -d "$target/data" ]; then
    # A portable copy installed here keeps its data; only the program goes.
    find "$target" -mindepth 1 -maxdepth 1 ! -name data ! -name kzcommission.portable \
      -exec rm -rf {} +
    echo "install-linux.sh: kept $target/data"
  else
    rm -rf "$target"
  fi
  rm -f "$prefix/bin/kzcommission" "$share/applications/kzcommission.desktop" \
    "$share/mime/packages/kzcommission.xml" \
    "$share/icons/hicolor/scalable/apps/kzcommission.svg" \
    "$share/icons/hicolor/scalable/mimetypes/$mime_icon.svg"
  for size in "${icon_sizes[@]}"; do
    rm -f "$share/icons/hicolor/${size}x$size/apps/kzcommission.png" \
      "$share/icons/hicolor/${size}x$size/mimetypes/$mime_icon.png"
  done
  mkdir -p "$share/mime" "$share/applications"
  refresh_caches
  echo "install-linux.sh: removed kzcommission from $prefix (data in the profile kept)"
  exit 0
fi

[ -x dist/kzcommission/kzcommission ] || {
  echo "install-linux.sh: no bundle in dist/; run packaging/build-linux.sh first" >&2
  exit 1
}

# The program: copied beside the old one, then swapped, keeping a portable copy's data.
mkdir -p "$prefix/opt" "$prefix/bin"
fresh="$target.new.$$"
rm -rf "$fresh"
cp -a dist/kzcommission "$fresh"
for keep in data kzcommission.portable; do
  if [ -e "$target/$keep" ]; then mv "$target/$keep" "$fresh/"; fi
done
rm -rf "$target"
mv "$fresh" "$target"
ln -sfn "$target/kzcommission" "$prefix/bin/kzcommission"

# The menu entry, pointing at this copy (the desktop's PATH may not hold PREFIX/bin).
mkdir -p "$share/applications"
sed -e "s|^Exec=kzcommission |Exec=\"$target/kzcommission\" |" \
  -e "/^Exec=/a TryExec=$target/kzcommission" \
  packaging/kzcommission.desktop >"$share/applications/kzcommission.desktop"

# Icons: the PNG sizes laid out as the theme wants them, and the SVGs for any other size.
mkdir -p "$share/icons/hicolor/scalable/apps" "$share/icons/hicolor/scalable/mimetypes"
cp -r resources/icons/hicolor/. "$share/icons/hicolor/"
cp resources/icons/kzcommission.svg "$share/icons/hicolor/scalable/apps/kzcommission.svg"
cp resources/icons/kzcommission-package.svg \
  "$share/icons/hicolor/scalable/mimetypes/$mime_icon.svg"

# The MIME type of .kzx, then kzcommission as the program that opens it.
mkdir -p "$share/mime/packages"
cp packaging/linux/kzcommission-mime.xml "$share/mime/packages/kzcommission.xml"
refresh_caches
if have xdg-mime; then
  XDG_DATA_HOME="$share" xdg-mime default kzcommission.desktop "$mime_type" || true
fi

echo "install-linux.sh: installed $("$target/kzcommission" --version | head -1) in $target"
echo "install-linux.sh: menu entry, icons and the $mime_type type (*.kzx) in $share"
