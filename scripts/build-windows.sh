#!/usr/bin/env bash
# Builds the Windows release from a clean checkout on Debian 12 (installs what it needs):
#   target/windows/plan-VERSION-windows-x86_64.zip
# holding plan.exe, HUONG-DAN.txt (what to type, where files go) and the blank templates. The zip is
# reproducible: files in a fixed order, dated from the last commit, no owners or permissions beyond 0644.
source "$(dirname "$0")/windows-env.sh"
cd "$ROOT"
windows_toolchain
# Paths inside the binary (panic locations) do not depend on where the checkout is; no link timestamp.
export RUSTFLAGS="--remap-path-prefix=$ROOT=plan --remap-path-prefix=$HOME=~ -C link-arg=-Wl,--no-insert-timestamp ${RUSTFLAGS:-}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}"
"${CARGO[@]}" build --release --locked --target "$TARGET"
exe="$CARGO_TARGET_DIR/$TARGET/release/plan.exe"

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
name="plan-$version-windows-x86_64"
stage="$CARGO_TARGET_DIR/release-zip/$name"
rm -rf "$stage" "$CARGO_TARGET_DIR/$name.zip"
mkdir -p "$stage/bieu-mau"
x86_64-w64-mingw32-strip -o "$stage/plan.exe" "$exe"
# Windows programs read text files with CRLF line ends.
sed 's/$/\r/' scripts/HUONG-DAN.txt >"$stage/HUONG-DAN.txt"
cp templates/*.xlsx "$stage/bieu-mau/"
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
chmod 0644 "$stage"/*.txt "$stage"/bieu-mau/*
chmod 0755 "$stage/plan.exe"
(cd "$CARGO_TARGET_DIR/release-zip" && find "$name" -print | LC_ALL=C sort | TZ=UTC zip -X -q -D "../$name.zip" -@)
echo "$CARGO_TARGET_DIR/$name.zip"
sha256sum "$CARGO_TARGET_DIR/$name.zip" "$stage/plan.exe"
