#!/usr/bin/env bash
# CI's Windows part, on Debian 12 (installs what it needs): builds plan.exe and the test suite for
# x86_64-pc-windows-gnu, runs every test under Wine, and lints the Windows-only code. Extra arguments go to
# `cargo test` (e.g. `scripts/test-windows.sh --test hostile`).
source "$(dirname "$0")/windows-env.sh"
cd "$ROOT"
started=$SECONDS
windows_toolchain
wine_prefix
echo "windows: tools ready in $((SECONDS - started)) s"
step=$SECONDS
# The runner is given as configuration, not as CARGO_TARGET_…_RUNNER: assert_cmd reads that variable in
# the test process and would start `wine` as a Windows program.
runner=(--config "target.$TARGET.runner = 'wine'")
"${CARGO[@]}" test --locked --target "$TARGET" "${runner[@]}" --no-run
echo "windows: test build in $((SECONDS - step)) s"
step=$SECONDS
# Skipped under Wine only: a 300-character file name fails on Linux with ENAMETOOLONG, which Wine reports
# as "path not found"; Windows itself says ERROR_FILENAME_EXCED_RANGE (the test's "tên tệp quá dài").
"${CARGO[@]}" test --locked --target "$TARGET" "${runner[@]}" --no-fail-fast "$@" -- \
    --skip os_errors_read_as_vietnamese_sentences
wineserver -k || true
echo "windows: tests under Wine in $((SECONDS - step)) s"
step=$SECONDS
# The code behind cfg(windows) is linted only when compiled for Windows (clippy comes with rustup only).
if [ "${CARGO[0]}" = cargo ]; then
    cargo clippy --all-targets --locked --target "$TARGET" -- -D warnings
fi
echo "windows: clippy in $((SECONDS - step)) s; whole Windows part $((SECONDS - started)) s"
