//! Bytes → workbook → findings, for the in-process reader of every format (.xlsx streamed; .xls, .ods and
//! .xlsb through calamine's ranges, which `plan` runs in a child process so that an abort costs one file).
//!
//! A panic the reader catches is its designed behaviour (that file's error), so libFuzzer's abort-on-panic
//! hook is replaced by a silent one: only a panic that escapes, an abort, a timeout or an allocation over
//! `-malloc_limit_mb` is a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan::catalogue::Catalogue;
use plan::submission::{scan, sheets_from_bytes};
use std::sync::{Once, OnceLock};

static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
static QUIET: Once = Once::new();

fuzz_target!(|bytes: &[u8]| {
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let catalogue = CATALOGUE.get_or_init(Catalogue::embedded);
    let read = sheets_from_bytes(bytes).map(|sheets| scan(&sheets));
    let _ = plan::rules::check("fuzz.xlsx", read, catalogue, None);
});
