#!/usr/bin/env bash
# Deploy/install.sh — builds mentorsync and installs it on this machine: a district server or a
# school computer (the same files for both; you enable the units your machine needs, see INSTALL.md).
#
#   sudo Deploy/install.sh                 build release binaries, then install
#   Deploy/install.sh --build-only         only build (as yourself), e.g. before: sudo Deploy/install.sh --no-build
#   sudo Deploy/install.sh --no-build      install binaries built before (REPO/.build/release)
#   DESTDIR=/tmp/stage Deploy/install.sh   stage the whole tree into a folder, without root:
#                                          no user is created, nothing is chowned or reloaded
#
# Environment:
#   PREFIX=/usr/local        where bin/, sbin/ and share/doc/mentorsync/ go
#   DESTDIR=                 a staging root prepended to every path
#   UNITDIR=/etc/systemd/system, UDEVDIR=/etc/udev/rules.d
#   MENTORSYNC_PREBUILT_BIN  a folder with mentorsync-district and mentorsync-school already built (no build)
#   MENTORSYNC_BUILD_DIR     swift's scratch folder (default REPO/.build);  SWIFT  the swift command
#
# Idempotent: a file is written only when its content differs, a folder's mode or owner is set
# only when it differs, the user is created only when missing, config files in /etc/mentorsync are
# written only when missing (your edits stay). A second run says "nothing to change".
set -euo pipefail

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

build=yes
install_files=yes
for arg in "$@"; do
  case $arg in
    --no-build) build=no ;;
    --build-only) install_files=no ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $arg (see --help)" ;;
  esac
done

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
DESTDIR=${DESTDIR:-}
DESTDIR=${DESTDIR%/}
PREFIX=${PREFIX:-/usr/local}
PREFIX=${PREFIX%/}
UNITDIR=${UNITDIR:-/etc/systemd/system}
UDEVDIR=${UDEVDIR:-/etc/udev/rules.d}
CONFDIR=/etc/mentorsync
STATEDIR=/var/lib/mentorsync
BACKUPDIR=/var/backups/mentorsync
SHAREDIR=/srv/mentorsync-share          # the district's shared folder
MOUNTDIR=/mnt/mentorsync-share          # where a school mounts the district's share
DOCDIR=$PREFIX/share/doc/mentorsync
SWIFT=${SWIFT:-swift}
BUILD_DIR=${MENTORSYNC_BUILD_DIR:-$repo/.build}
user=mentorsync
tools=(mentorsync-district mentorsync-school)

changes=0
changed() { changes=$((changes + 1)); say "  $*"; }

# ---------------------------------------------------------------------------------------------
# The C libraries: mentorsync links the system's libsqlite3 and zlib (shared), and Foundation's
# XML parser (Excel workbooks) links libxml2; nothing else.

ldconfig_cmd=$(command -v ldconfig || echo /sbin/ldconfig)
have_lib() { "$ldconfig_cmd" -p 2>/dev/null | grep -q "$1" || compgen -G "/usr/lib/*/$1*" >/dev/null || compgen -G "/lib/*/$1*" >/dev/null; }
check_runtime_libs() {
  local missing=()
  have_lib libsqlite3.so.0 || missing+=(libsqlite3-0)
  have_lib libz.so.1 || missing+=(zlib1g)
  have_lib libxml2.so.2 || missing+=(libxml2)
  [ ${#missing[@]} -eq 0 ] || die "missing libraries: install them with: apt-get install ${missing[*]}"
}
check_build_deps() {
  local missing=()
  [ -e /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
  [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
  [ ${#missing[@]} -eq 0 ] || die "missing headers for the build: apt-get install ${missing[*]} (or run scripts/ensure-deps)"
  command -v "$SWIFT" >/dev/null 2>&1 || die "'$SWIFT' not found: install the Swift 6 toolchain (swift.org/install), or build elsewhere and use MENTORSYNC_PREBUILT_BIN"
}
check_runtime_libs

# ---------------------------------------------------------------------------------------------
# Build (release, with the Swift standard library linked in, so the binaries need no Swift runtime).

if [ -n "${MENTORSYNC_PREBUILT_BIN:-}" ]; then
  bindir_built=$MENTORSYNC_PREBUILT_BIN
  say "using the binaries in $bindir_built (MENTORSYNC_PREBUILT_BIN; not building)"
elif [ "$build" = yes ]; then
  check_build_deps
  # Under sudo, build as the person who owns the checkout, so .build/ does not become root's.
  as_builder=()
  if [ "$(id -u)" -eq 0 ] && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ] \
     && [ "$(stat -c %U "$repo")" = "$SUDO_USER" ]; then
    as_builder=(runuser -u "$SUDO_USER" -- env "PATH=$PATH" "HOME=$(getent passwd "$SUDO_USER" | cut -d: -f6)")
  fi
  swift_build=("${as_builder[@]}" "$SWIFT" build -c release --static-swift-stdlib --package-path "$repo" --scratch-path "$BUILD_DIR")
  build_log=$(mktemp)
  for t in "${tools[@]}"; do
    say "building $t (release, --static-swift-stdlib; the first build takes several minutes)"
    if ! "${swift_build[@]}" --product "$t" > "$build_log" 2>&1; then
      grep -E "error:" "$build_log" | head -n 20 >&2 || tail -n 20 "$build_log" >&2
      rm -f "$build_log"
      die "the build of $t failed (see above; run: swift build -c release --static-swift-stdlib --product $t)"
    fi
    tail -n 1 "$build_log"
  done
  rm -f "$build_log"
  bindir_built=$("${swift_build[@]}" --show-bin-path)
else
  bindir_built=$BUILD_DIR/release
fi
for t in "${tools[@]}"; do
  [ -x "$bindir_built/$t" ] || die "$bindir_built/$t is missing: build first (Deploy/install.sh --build-only)"
  if command -v ldd >/dev/null 2>&1; then
    if ldd "$bindir_built/$t" 2>/dev/null | grep -q "not found"; then
      die "$t needs libraries this machine lacks: $(ldd "$bindir_built/$t" | grep "not found" | tr -s ' \t' ' ' | tr '\n' ';')"
    fi
    if ldd "$bindir_built/$t" 2>/dev/null | grep -q "libswiftCore"; then
      say "warning: $t uses the Swift runtime as a shared library (not built with --static-swift-stdlib): it runs only where Swift is installed"
    fi
  fi
done
[ "$install_files" = yes ] || { say "built: ${tools[*]} in $bindir_built"; exit 0; }

# ---------------------------------------------------------------------------------------------
# Install.

if [ -z "$DESTDIR" ] && [ "$(id -u)" -ne 0 ]; then
  die "installing into / needs root: run 'sudo Deploy/install.sh' (or stage into a folder with DESTDIR=…)"
fi
[ -z "$DESTDIR" ] || say "staging into DESTDIR=$DESTDIR (no user is created, nothing is chowned, systemd is not reloaded)"

octal() { printf '%o' "$((8#$1))"; }

# put_dir DIR MODE [OWNER]: creates DIR, then sets its mode and owner only when they differ.
# A folder with a file system mounted on it (the share on a NAS, a school's CIFS mount) is left alone.
put_dir() {
  local d=$DESTDIR$1 mode=$2 owner=${3:-}
  if [ -d "$d" ] && command -v mountpoint >/dev/null 2>&1 && mountpoint -q "$d"; then return 0; fi
  if [ ! -d "$d" ]; then
    mkdir -p "$d"; chmod "$mode" "$d"; changed "created $1 (mode $mode)"
  elif [ "$(stat -c %a "$d")" != "$(octal "$mode")" ]; then
    chmod "$mode" "$d"; changed "mode $mode on $1"
  fi
  if [ -z "$DESTDIR" ] && [ -n "$owner" ] && [ "$(stat -c %U:%G "$d")" != "$owner" ]; then
    chown "$owner" "$d"; changed "owner $owner on $1"
  fi
}

# put_file SRC DEST MODE: writes DEST (atomically: temp + rename) only when its content differs.
put_file() {
  local src=$1 dest=$DESTDIR$2 mode=$3
  mkdir -p "$(dirname "$dest")"
  if [ -f "$dest" ] && cmp -s "$src" "$dest"; then
    if [ "$(stat -c %a "$dest")" != "$(octal "$mode")" ]; then chmod "$mode" "$dest"; changed "mode $mode on $2"; fi
    return 0
  fi
  install -m "$mode" "$src" "$dest.install-$$"
  mv -f "$dest.install-$$" "$dest"
  changed "installed $2"
}

# put_config SRC DEST MODE: a settings file, written only when missing (never overwrites edits).
put_config() {
  if [ -e "$DESTDIR$2" ]; then return 0; fi
  put_file "$1" "$2" "$3"
}

# Units and scripts name /usr/local; a different PREFIX is written into them.
staged=$(mktemp -d)
trap 'rm -rf "$staged"' EXIT
localize() { # SRC -> path of a copy with PREFIX applied
  local out
  out="$staged/$(basename "$1")"
  if [ "$PREFIX" = /usr/local ]; then cp "$1" "$out"; else sed "s#/usr/local/#$PREFIX/#g" "$1" > "$out"; fi
  printf '%s' "$out"
}

say "installing mentorsync"

# The system user the daemon, the sync and the backups run as.
if [ -n "$DESTDIR" ]; then
  :
elif ! id -u "$user" >/dev/null 2>&1; then
  useradd --system --user-group --home-dir "$STATEDIR" --no-create-home \
    --shell /usr/sbin/nologin --comment "mentorsync registry sync" "$user"
  changed "created the system user $user"
fi

# Folders: homes and backups belong to mentorsync; the share is shared with its group.
put_dir "$STATEDIR" 0750 "$user:$user"
put_dir "$STATEDIR/district" 0750 "$user:$user"
put_dir "$STATEDIR/school" 0750 "$user:$user"
put_dir "$BACKUPDIR" 0750 "$user:$user"
put_dir "$BACKUPDIR/district" 0750 "$user:$user"
put_dir "$BACKUPDIR/school" 0750 "$user:$user"
put_dir "$SHAREDIR" 2770 "$user:$user"
put_dir "$MOUNTDIR" 0755
put_dir "$CONFDIR" 0755

# Programs.
for t in "${tools[@]}"; do put_file "$bindir_built/$t" "$PREFIX/bin/$t" 0755; done
put_file "$(localize "$here/mentorsync-usb-sync")" "$PREFIX/sbin/mentorsync-usb-sync" 0755

# systemd units (enable the ones this machine needs; see INSTALL.md) and the udev rule.
units=(mentorsync-district.service mentorsync-district-backup.service mentorsync-district-backup.timer
       mentorsync-school-sync.service mentorsync-school-sync.timer
       mentorsync-school-backup.service mentorsync-school-backup.timer mentorsync-usb-sync@.service
       mentorsync-school-web.service mentorsync-district-web.service)
units_before=$changes
for u in "${units[@]}"; do put_file "$(localize "$here/$u")" "$UNITDIR/$u" 0644; done
units_changed=$((changes - units_before))
rules_before=$changes
put_file "$here/90-mentorsync-usb.rules" "$UDEVDIR/90-mentorsync-usb.rules" 0644
rules_changed=$((changes - rules_before))
put_config "$here/usb.conf" "$CONFDIR/usb.conf" 0644

# The administrator's documentation.
for d in INSTALL.md UNINSTALL.md BACKUP.md UPGRADE.md USB.md OPERATIONS.md; do
  put_file "$(localize "$here/$d")" "$DOCDIR/$d" 0644
done

if [ -z "$DESTDIR" ]; then
  if [ "$units_changed" -gt 0 ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; say "  systemd reloaded"; fi
  if [ "$rules_changed" -gt 0 ] && command -v udevadm >/dev/null 2>&1 && [ -S /run/udev/control ]; then
    udevadm control --reload; say "  udev rules reloaded"
  fi
  strays=$(find "$STATEDIR" "$BACKUPDIR" \( ! -user "$user" -o ! -group "$user" \) -print 2>/dev/null | head -n 5)
  if [ -n "$strays" ]; then
    say "warning: some files under $STATEDIR or $BACKUPDIR are not owned by $user (a command run as root?):"
    printf '    %s\n' $strays
    say "  fix with: chown -R $user:$user $STATEDIR $BACKUPDIR"
  fi
fi

if [ "$changes" -eq 0 ]; then
  say "nothing to change: mentorsync is installed and up to date"
else
  say "done: $changes changes"
fi
if [ -z "$DESTDIR" ] && [ -d /run/systemd/system ] && systemctl is-active --quiet mentorsync-district.service 2>/dev/null \
   && [ "$changes" -gt 0 ]; then
  say "the district daemon still runs the old program: systemctl restart mentorsync-district (it finishes the bundle in hand first)"
fi
if [ "$changes" -gt 0 ]; then
  say "next steps: $DOCDIR/INSTALL.md (district: init, enroll, enable mentorsync-district; school: init --enroll, timer or USB)"
fi
