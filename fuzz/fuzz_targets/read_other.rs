//! Bytes → workbook → findings for the formats `plan` reads in a child process (.xls, .ods, .xlsb through
//! calamine's whole-sheet ranges). A crash or a huge allocation found here is contained by that child in
//! `plan` (its death is the file's error); each find is kept under `tests/fixtures/fuzz/` and read in
//! `tests/hostile.rs` to prove it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan::catalogue::Catalogue;
use plan::submission::{scan, sheets_from_bytes, streams};
use std::sync::{Once, OnceLock};

static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
static QUIET: Once = Once::new();

fuzz_target!(|bytes: &[u8]| {
    if streams(bytes) {
        return;
    }
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let catalogue = CATALOGUE.get_or_init(Catalogue::embedded);
    let read = sheets_from_bytes(bytes).map(|sheets| scan(&sheets));
    let _ = plan::rules::check("fuzz.xls", read, catalogue, None);
});
