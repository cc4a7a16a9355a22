//! Bytes → workbook → findings, for the reader `plan` runs in-process: Office Open XML (.xlsx, .xlsm),
//! streamed with caps. Any crash, abort, timeout or allocation over `-malloc_limit_mb` here is a bug.
//! Other formats are fuzzed by `read_other`.
//!
//! A panic the reader catches is its designed behaviour (that file's error), so libFuzzer's abort-on-panic
//! hook is replaced by a silent one: only a panic that escapes is a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan::catalogue::Catalogue;
use plan::submission::{scan, sheets_from_bytes, streams};
use std::sync::{Once, OnceLock};

static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
static QUIET: Once = Once::new();

fuzz_target!(|bytes: &[u8]| {
    if !streams(bytes) {
        return;
    }
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let catalogue = CATALOGUE.get_or_init(Catalogue::embedded);
    let read = sheets_from_bytes(bytes).map(|sheets| scan(&sheets));
    let _ = plan::rules::check("fuzz.xlsx", read, catalogue, None);
});
