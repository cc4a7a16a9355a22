//! Bytes → workbook → findings, for the in-process reader (Office Open XML, streamed). Other formats are read
//! by a child process in `plan`, whose death is already that file's error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan::catalogue::Catalogue;
use plan::submission::{scan, sheets_from_bytes, streams};
use std::sync::OnceLock;

static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();

fuzz_target!(|bytes: &[u8]| {
    if !streams(bytes) {
        return;
    }
    let catalogue = CATALOGUE.get_or_init(Catalogue::embedded);
    let read = sheets_from_bytes(bytes).map(|sheets| scan(&sheets));
    let _ = plan::rules::check("fuzz.xlsx", read, catalogue, None);
});
