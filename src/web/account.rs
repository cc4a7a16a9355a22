//! Every file the user sent, accounted for: the name it is shown under (the user's, though it was stored
//! under a safe one), and the files left out when they came (not a spreadsheet, an entry of a zip too
//! large…) with why, added to the jobs' results beside the files the library could not use.

use plan::aggregate::Aggregation;
use plan::lang::Lang;
use plan::rules::Checked;
use serde_json::{Value, json};
use std::collections::HashMap;

/// Why a file sent was not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Not a spreadsheet `plan` reads.
    NotSpreadsheet,
    /// An entry of a zip larger than a workbook may be.
    EntryTooLarge,
    /// The batch was full when it came.
    BatchFull,
    /// An entry of a zip that cannot be unpacked.
    Damaged,
    /// A name with nothing usable in it.
    Unnamed,
    /// A zip with no spreadsheet in it.
    NoSpreadsheetInZip,
}

impl Why {
    /// Why, as a sentence's end.
    pub fn text(self, lang: Lang) -> String {
        let size = super::limits::size_text;
        match (self, lang) {
            (Why::NotSpreadsheet, Lang::Vi) => {
                "Không dùng: không phải bảng tính (.xlsx, .xlsm, .xls, .ods, .xlsb)".into()
            }
            (Why::NotSpreadsheet, Lang::En) => {
                "Not used: not a spreadsheet (.xlsx, .xlsm, .xls, .ods, .xlsb)".into()
            }
            (Why::EntryTooLarge, Lang::Vi) => {
                format!("Không dùng: mục này trong tệp nén lớn hơn {}", size(super::limits::MAX_FILE_BYTES))
            }
            (Why::EntryTooLarge, Lang::En) => {
                format!(
                    "Not used: this entry of the zip is larger than {}",
                    size(super::limits::MAX_FILE_BYTES)
                )
            }
            (Why::BatchFull, Lang::Vi) => format!(
                "Không dùng: đã quá {} hoặc {} tệp cho một lần gửi",
                size(super::limits::MAX_BATCH_BYTES),
                super::limits::MAX_BATCH_FILES
            ),
            (Why::BatchFull, Lang::En) => format!(
                "Not used: past {} or {} files for one run",
                size(super::limits::MAX_BATCH_BYTES),
                super::limits::MAX_BATCH_FILES
            ),
            (Why::Damaged, Lang::Vi) => "Không dùng: không giải nén được mục này (tệp nén bị hỏng)".into(),
            (Why::Damaged, Lang::En) => "Not used: this entry cannot be unpacked (the zip is damaged)".into(),
            (Why::Unnamed, Lang::Vi) => "Không dùng: tên tệp không đọc được".into(),
            (Why::Unnamed, Lang::En) => "Not used: the file's name cannot be read".into(),
            (Why::NoSpreadsheetInZip, Lang::Vi) => "Không dùng: tệp nén không chứa bảng tính nào".into(),
            (Why::NoSpreadsheetInZip, Lang::En) => "Not used: the zip holds no spreadsheet".into(),
        }
    }
}

/// A file sent and not kept: the name the user knows ("x.zip › nop/a.xlsx"), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The name as the user knows it.
    pub file: String,
    /// Why it was not kept.
    pub why: Why,
}

impl Skipped {
    /// A file left out.
    pub fn new(file: String, why: Why) -> Skipped {
        Skipped { file, why }
    }

    /// As the results list it: `{"file","why"}`.
    pub fn json(&self, lang: Lang) -> Value {
        json!({ "file": self.file, "why": self.why.text(lang) })
    }
}

/// What a batch holds besides its files: the names the user knows them by, by the name the library gives
/// the stored file ("nop-2024/x.xlsx", `/`-separated), and the files left out.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// The user's name of each stored file, by its stored name.
    pub names: HashMap<String, String>,
    /// The files left out.
    pub skipped: Vec<Skipped>,
}

impl Ledger {
    /// The user's name of a file the library names `file`.
    fn shown(&self, file: &mut String) {
        if let Some(known) = self.names.get(&file.replace('\\', "/")) {
            file.clone_from(known);
        }
    }

    /// The checked files under the users' names.
    pub fn rename_checked(&self, checked: &mut [Checked]) {
        for file in checked {
            self.shown(&mut file.submission.file);
            for finding in &mut file.findings {
                self.shown(&mut finding.file);
            }
        }
    }

    /// An aggregation's sources and findings under the users' names.
    pub fn rename_aggregation(&self, aggregation: &mut Aggregation) {
        for source in &mut aggregation.sources {
            self.shown(&mut source.file);
        }
        for finding in &mut aggregation.findings {
            self.shown(&mut finding.file);
            let stored: Vec<String> = finding.places.iter().map(|p| p.file.clone()).collect();
            for file in stored {
                let mut shown = file.clone();
                self.shown(&mut shown);
                if shown != file {
                    // A check on values of several files names each file in its message too.
                    finding.rename_file(&file, &shown);
                }
            }
        }
    }

    /// Names under the users' names.
    pub fn rename_all(&self, files: &mut [String]) {
        for file in files {
            self.shown(file);
        }
    }

    /// The result of «Kiểm tra» with the files left out: each as a file not checked, with why
    /// (`"skipped": true`), counted in `totals.not_used`, and said in the summary.
    pub fn add_to_validated(&self, result: &mut Value, lang: Lang) {
        result["totals"]["not_used"] = json!(self.skipped.len());
        if self.skipped.is_empty() {
            return;
        }
        if let Some(files) = result["files"].as_array_mut() {
            files.extend(self.skipped.iter().map(|s| {
                json!({
                    "file": s.file, "title": "", "verdict": s.why.text(lang), "ok": false, "skipped": true,
                    "errors": 0, "warnings": 0, "findings": [], "annotated": null,
                })
            }));
        }
        let told = match lang {
            Lang::Vi => {
                format!(" {} tệp không kiểm tra được (xem lý do trong danh sách).", self.skipped.len())
            }
            Lang::En => format!(
                " {} not checked (see why in the list).",
                plan::lang::count(self.skipped.len(), "", "file", "files", lang)
            ),
        };
        if let Some(summary) = result["summary"].as_str() {
            result["summary"] = json!(format!("{summary}{told}"));
        }
    }

    /// A result with an `unused` list (Tổng hợp, Tiến độ) with the files left out added, counted in
    /// `totals.not_used` when it has one.
    pub fn add_to_unused(&self, result: &mut Value, lang: Lang) {
        if let Some(unused) = result["unused"].as_array_mut() {
            unused.extend(self.skipped.iter().map(|s| s.json(lang)));
        }
        if let Some(n) = result["totals"]["not_used"].as_u64() {
            result["totals"]["not_used"] = json!(n + self.skipped.len() as u64);
        }
    }
}
