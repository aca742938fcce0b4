# Sourced by build-aux/run and build-aux/check: install what is missing
# (Debian 12, as root or through sudo). Nothing is installed twice.
AFS_BUILD_DEPS="meson ninja-build pkg-config gcc libc6-dev gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev
  libsoup-3.0-dev libjson-glib-dev glib-networking libsecret-1-dev libssl-dev libcrypt-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good libexif-dev
  desktop-file-utils appstream python3
  fonts-dejavu-core fonts-wqy-microhei adwaita-icon-theme librsvg2-common"
AFS_TEST_DEPS="xvfb xauth dbus dbus-x11 at-spi2-core libxml2-utils sqlite3
  poppler-utils openssl clang libclang-rt-14-dev libxtst6"

afs_install_deps () {
  missing=""
  for p in $*; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "Installing:$missing"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
      echo "These Debian packages are missing and you are not root:$missing" >&2
      echo "Install them (apt-get install$missing) or run this command as root." >&2
      return 1
    fi
  fi
  $SUDO apt-get update -q || return 1
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing || return 1
}

afs_configure_and_build () {
  builddir=$1
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" . || return 1
  fi
  meson compile -C "$builddir" || return 1
}
