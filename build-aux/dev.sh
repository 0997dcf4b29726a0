#!/usr/bin/env bash
# build-aux/dev.sh: the two things a developer does on a fresh Debian 12 or
# Ubuntu machine, each in one command (README.md, "Build and run").
#
#   build-aux/dev.sh run  [-- APP ARGS…]  install what is missing, build, start Redress
#   build-aux/dev.sh test [--sanitize]     install what is missing, build, run every test
#
# Warnings are errors when CI=true (or REDRESS_WERROR=1). --sanitize builds
# in build-sanitize/ with AddressSanitizer and UndefinedBehaviourSanitizer.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# Debian's names for what meson.build and the tests need.
packages=(
  build-essential meson ninja-build pkg-config gettext itstool
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libpoppler-glib-dev libsqlite3-dev libjson-glib-dev
  desktop-file-utils appstream yelp-tools clang-format
  xvfb xauth xdotool dbus-daemon at-spi2-core gsettings-desktop-schemas
  poppler-utils sqlite3 fonts-dejavu-core fonts-urw-base35
  python3 python3-gi python3-pyatspi gir1.2-atspi-2.0
)

say () { printf 'redress: %s\n' "$*" >&2; }

install_missing () {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo=(sudo); else
      say "these packages are missing and you are not root: ${missing[*]}"
      say "install them as root with: apt-get install ${missing[*]}"
      exit 1
    fi
  fi
  say "installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Whether any -Dname=value differs from what the build folder has now
# (meson introspect --buildoptions). Exit 0: differs (or cannot tell).
options_differ () {
  local dir=$1 current; shift
  current=$(meson introspect --buildoptions "$dir" 2>/dev/null) || return 0
  printf '%s' "$current" | python3 -c '
import json, sys
try:
    current = {o["name"]: o["value"] for o in json.load(sys.stdin)}
except ValueError:
    sys.exit(0)
def text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)
for arg in sys.argv[1:]:
    name, _, value = arg[2:].partition("=")
    if name not in current or text(current[name]) != value:
        sys.exit(0)
sys.exit(1)
' "$@"
}

# meson setup, or reconfigure when the options asked for have changed.
configure () {
  local dir=$1; shift
  local werror=false
  if [ "${CI:-}" = true ] || [ "${REDRESS_WERROR:-}" = 1 ]; then werror=true; fi
  local opts=(-Dwerror=$werror "$@")
  if [ -f "$dir/build.ninja" ]; then
    # Only when an option differs: "meson configure" rewrites the build
    # files even when nothing changed, and ninja then regenerates them,
    # printing meson's whole log on every start.
    if options_differ "$dir" "${opts[@]}"; then
      meson configure "$dir" "${opts[@]}" >/dev/null
    fi
  else
    meson setup "$dir" "${opts[@]}" >/dev/null
  fi
  ninja -C "$dir"
}

# "N passed, N failed[, N skipped]" from meson's own record of the run.
summarise () {
  python3 - "$1/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        line = line.strip()
        if not line:
            continue
        result = json.loads(line)["result"]
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed or passed == 0 else 0)
PY
}

cmd=${1:-}
shift || true
case "$cmd" in
  run)
    [ "${1:-}" = -- ] && shift
    install_missing
    configure build
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      say "Redress is built (build/src/redress) but there is no display to show it on."
      say "Run this command from a desktop session, or on a machine with no screen try:"
      say "  xvfb-run -a build-aux/dev.sh run   (starts it on a virtual screen you cannot see)"
      exit 1
    fi
    export GSETTINGS_SCHEMA_DIR="$top/build/data"
    exec "$top/build/src/redress" "$@"
    ;;
  test)
    dir=build
    extra=()
    if [ "${1:-}" = --sanitize ]; then
      dir=build-sanitize
      extra=(-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug)
      export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
      export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
      export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$top/tests/lsan.supp:print_suppressions=0}
    fi
    install_missing
    configure "$dir" "${extra[@]}"
    status=0
    meson test -C "$dir" --print-errorlogs --num-processes "$(nproc)" || status=$?
    summarise "$dir" || status=1
    exit $status
    ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
