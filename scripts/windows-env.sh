# Sourced by scripts/build-windows.sh and scripts/test-windows.sh: the tools and environment that build the
# Windows x86_64 `plan.exe` on Debian 12 and run it under Wine. Installs what is missing (apt, rustup).
#
# Toolchain: rustup's standard library for x86_64-pc-windows-gnu, linked by mingw-w64's gcc. Where rustup is
# not available, Debian's rustc-web/cargo-web (Rust 1.96) build the standard library from rust-web-src
# (-Zbuild-std, allowed by RUSTC_BOOTSTRAP=1).
#
# Wine 8.0 lacks bcryptprimitives.dll, from which Rust's standard library (Windows 10 and later) takes its
# random bytes: the Wine prefix used here gets a test-only stand-in built from scripts/wine/ (never shipped;
# Windows 10 and 11 have the DLL).

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET=x86_64-pc-windows-gnu
export CARGO_TARGET_DIR="${PLAN_WINDOWS_TARGET_DIR:-$ROOT/target/windows}"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export WINEPREFIX="$CARGO_TARGET_DIR/wine"
export WINEDEBUG=-all
# No "install Mono/Gecko?" dialogs, no desktop integration in the prefix.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

apt_install() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y \
        --no-install-recommends "${missing[@]}"
}

# Sets CARGO (and the flags it needs) for the Windows target, installing the toolchain if needed.
windows_toolchain() {
    apt_install gcc-mingw-w64-x86-64 zip
    if command -v rustup >/dev/null && rustup target add "$TARGET" >/dev/null 2>&1; then
        CARGO=(cargo)
    else
        apt_install rustc-web cargo-web rust-web-src
        export RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
        CARGO=(/usr/bin/cargo -Zbuild-std)
    fi
}

# Makes the Wine prefix with the stand-in DLL, installing Wine if needed.
wine_prefix() {
    apt_install wine wine64
    local dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
    if [ ! -f "$dll" ]; then
        mkdir -p "$WINEPREFIX"
        wineboot -i >/dev/null 2>&1
        wineserver -w
        x86_64-w64-mingw32-gcc -O2 -shared -o "$dll" "$ROOT/scripts/wine/bcryptprimitives.c" \
            "$ROOT/scripts/wine/bcryptprimitives.def" -lbcrypt
    fi
}
