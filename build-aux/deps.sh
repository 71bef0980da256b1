# Shared by build-aux/run and build-aux/test: the Debian/Ubuntu packages Madoguchi needs,
# and how to install the missing ones. Sourced, not run.

BUILD_PACKAGES=(
  build-essential pkg-config meson ninja-build gettext python3
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libjson-glib-dev libpoppler-glib-dev
  desktop-file-utils appstream fonts-noto-cjk
  libgmime-3.0-dev libsoup-3.0-dev glib-networking libxml2-dev libarchive-dev libpq-dev libsecret-1-dev
  # the user guide's Japanese pages are merged at build time
  itstool
  libxtst-dev
)

TEST_PACKAGES=(
  xvfb xauth dbus libgl1-mesa-dri flatpak-builder
  poppler-utils libxtst-dev weston epubcheck default-jre-headless postgresql gnome-keyring openssl util-linux
  # the sanitizer run and the CSV fuzzer (clang, its runtimes, llvm-symbolizer)
  clang libclang-rt-14-dev llvm
  # the user guide and the man pages checked as Yelp and man read them
  yelp-tools man-db groff-base
)

install_packages () {
  local missing=()
  local pkg

  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    echo "This is not a Debian or Ubuntu system. Install these packages (or your system's equivalents) and run again:" >&2
    echo "  $*" >&2
    exit 1
  fi

  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "These packages are missing and there is no sudo to install them: ${missing[*]}" >&2
      exit 1
    fi
    sudo=(sudo)
  fi

  echo "Installing: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds into _build, installing into _build/prefix for running.
build_madoguchi () {
  local root="$1"

  if [ ! -f "$root/_build/build.ninja" ]; then
    meson setup "$root/_build" "$root" --prefix "$root/_build/prefix" --buildtype debugoptimized
  fi
  meson compile -C "$root/_build"
}

# Configures (once) and builds into _build-asan with clang: AddressSanitizer,
# UndefinedBehaviorSanitizer (LeakSanitizer comes with the first) and the libFuzzer harness.
build_madoguchi_sanitized () {
  local root="$1"

  if [ ! -f "$root/_build-asan/build.ninja" ]; then
    CC=clang meson setup "$root/_build-asan" "$root" --buildtype debug \
      -Db_sanitize=address,undefined -Db_lundef=false -Dfuzzing=true
  fi
  meson compile -C "$root/_build-asan"
}
