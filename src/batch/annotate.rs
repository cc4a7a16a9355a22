//! Annotated copies (`plan validate --annotate DIR`, the page's «Kiểm tra»): for each workbook with findings,
//! a copy for the clerk.

use super::files::join_as_given;
use crate::catalogue::{Catalogue, Severity, UnitRef};
use crate::contract;
use crate::formula::{self, Key};
use crate::lang::Lang;
use crate::output::write_atomic;
use crate::rules::{Checked, code};
use crate::submission::formula::formula_cells;
use crate::submission::{Data, Position, Raw, Reader, ReporterId};
use crate::template::{self, Annotations, Layout, Original, Reporter, Scope, Spec};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A finding's cell, `Báo cáo!E20`, as a key of the copy.
fn key_of(cell: &str) -> Option<Key> {
    let (sheet, address) = cell.rsplit_once('!')?;
    let (row, col) = formula::cell(address)?;
    Some((sheet.to_string(), row, col))
}

/// The values read with a warning that the copy stores as read ("2.601" typed as text is the number
/// 2601), by cell, with the words that say so: the sheet's formulas compute on a number, not on its text.
/// A cell that holds a formula is left as it is.
fn read_as(checked: &Checked, original: Option<&Original>, lang: Lang) -> HashMap<Position, (Raw, String)> {
    let formula_at = |at: &Position| {
        let col = u16::try_from(at.col).unwrap_or(u16::MAX);
        original.is_some_and(|o| o.formulas.contains_key(&(at.sheet.clone(), at.row, col)))
    };
    let mut out = HashMap::new();
    let warned = checked.findings.iter().filter(|f| f.code == code::VALUE_READ_AS && f.expected.is_some());
    for finding in warned {
        let Some(value) = checked.submission.values.iter().find(|v| finding.cell == Some(v.at.to_string()))
        else {
            continue;
        };
        let (raw, what) = match &value.data {
            Data::Count(n) => {
                (Raw::Number(*n as f64), lang.pick("số", "the number").to_string() + " " + &n.to_string())
            }
            Data::Amount(d) => (
                Raw::Number(d.to_f64()),
                lang.pick("số", "the number").to_string() + " " + &d.to_vietnamese(),
            ),
            Data::YesNo(b) => {
                let text = crate::submission::yes_no_word(*b);
                (Raw::Text(text.to_string()), format!("«{text}»"))
            }
            Data::Text(_) => continue,
        };
        if formula_at(&value.at) {
            continue;
        }
        let said = match lang {
            Lang::Vi => format!("Bản này đã ghi lại ô này thành {what}; nếu sai hãy sửa."),
            Lang::En => format!("This copy stores {what} in the cell; correct it if that is wrong."),
        };
        out.insert(value.at.clone(), (raw, said));
    }
    out
}

/// Sets the cell `at` of the original's sheets to `raw`.
fn set_cell(original: &mut Original, at: &Position, raw: &Raw) {
    let Some(sheet) = original.sheets.iter_mut().find(|s| s.name == at.sheet) else { return };
    let cols = sheet.rows.entry(at.row).or_default();
    match cols.iter_mut().find(|(col, _)| *col == at.col) {
        Some((_, cell)) => *cell = raw.clone(),
        None => {
            cols.push((at.col, raw.clone()));
            cols.sort_by_key(|(col, _)| *col);
        }
    }
}

/// The annotations of one checked workbook; `original` holds its cells.
fn annotations(checked: &Checked, mut original: Option<Original>, lang: Lang) -> Annotations {
    let read = read_as(checked, original.as_ref(), lang);
    if let Some(original) = &mut original {
        for (at, (raw, _)) in &read {
            set_cell(original, at, raw);
        }
    }
    let mut notes = Annotations { original, ..Annotations::default() };
    if let Some(raw) = &checked.raw {
        let key = |at: &Position| Some((at.sheet.clone(), at.row, u16::try_from(at.col).ok()?));
        for field in &raw.fields {
            notes.fields.insert(field.field, field.raw.clone());
            notes.inputs.extend(key(&field.at));
        }
        for value in &raw.values {
            let entry = read.get(&value.at).map_or(&value.raw, |(raw, _)| raw);
            notes.values.insert((value.unit.clone(), value.code.clone()), entry.clone());
            notes.inputs.extend(key(&value.at));
            // The clerk's «Ghi chú» beside a value of a one-unit table is theirs too.
            if value.note.is_some() && value.unit.is_none() {
                notes.inputs.extend(key(&Position { col: value.at.col + 1, ..value.at.clone() }));
            }
        }
    }
    let mut findings: Vec<_> = checked.findings.iter().collect();
    findings.sort_by_key(|f| f.severity);
    for finding in findings {
        let mut text = finding.text(lang).to_string();
        let stored = read
            .iter()
            .find(|(at, _)| finding.code == code::VALUE_READ_AS && finding.cell == Some(at.to_string()));
        if let Some((_, (_, said))) = stored {
            text = format!("{text} {said}");
        }
        if let Some(key) = finding.cell.as_deref().and_then(key_of) {
            notes.notes.entry(key).or_default().push(text.clone());
        }
        let level = match finding.severity {
            Severity::Error => lang.pick("Lỗi", "Error"),
            Severity::Warning => lang.pick("Cảnh báo", "Warning"),
        };
        notes.problems.push([level.to_string(), finding.cell.clone().unwrap_or_default(), text]);
    }
    notes
}

/// Every cell of the file, read again, and which hold formulas.
fn original_of(path: &Path, reader: &Reader) -> Option<Original> {
    let (bytes, sheets) = reader.read(path).ok()?;
    Some(Original { sheets: sheets.ok()?, formulas: formula_cells(&bytes) })
}

/// The template a checked workbook was made from, as far as it can be told.
fn spec_of<'a>(checked: &Checked, catalogue: &'a Catalogue) -> Option<Spec<'a>> {
    let sub = &checked.submission;
    sub.template_id.as_ref()?;
    let scope = match &sub.office {
        Some(id) => Scope::Office(catalogue.office(id)?),
        None => Scope::All,
    };
    let layout = if sub.layout.as_deref() == Some("units") { Layout::Units } else { Layout::Unit };
    let reporter = match &sub.reporter {
        Some(ReporterId::Unit { code, from }) => {
            catalogue.unit_by_ref(&UnitRef { code: code.clone(), from: *from }).map(Reporter::Unit)
        }
        Some(ReporterId::District) => Some(Reporter::District),
        None => None,
    };
    // The workbook it was made from: prefilled with a unit or a year only if its stamp says so (a blank
    // form filled in has the formulas and rows of a blank form, the district's HIV row among them).
    let stamp = checked.raw.as_ref().map(|r| &r.stamp);
    let stamped = |k: &str| stamp.is_some_and(|s| s.contains_key(k));
    let reporter = reporter.filter(|_| layout == Layout::Units || stamped(contract::key::UNIT_CODE));
    let year = sub.year.filter(|_| layout == Layout::Units || stamped(contract::key::YEAR));
    Some(Spec { scope, layout, reporter, year })
}

/// The name of a copy before its suffix: the input's stem, and its extension as well when another input
/// has the same stem (`mistakes.xls` and `mistakes.xlsx` give `mistakes-xls` and `mistakes-xlsx`).
fn copy_stem(input: &Path, inputs: &[PathBuf]) -> String {
    let stem = |p: &Path| p.file_stem().and_then(|s| s.to_str()).unwrap_or("bao-cao").to_lowercase();
    let own = input.file_stem().and_then(|s| s.to_str()).unwrap_or("bao-cao");
    let ext = |p: &Path| p.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let shared = inputs.iter().any(|other| stem(other) == stem(input) && ext(other) != ext(input));
    match input.extension().and_then(|e| e.to_str()).filter(|_| shared) {
        Some(ext) => format!("{own}-{}", ext.to_lowercase()),
        None => own.to_string(),
    }
}

/// The annotated copies written, each with the index of its workbook, and the files that could not be
/// annotated.
pub type Written = (Vec<(usize, PathBuf)>, Vec<String>);

/// Writes an annotated copy of each workbook with findings into `dir` (beside the workbook when `None`);
/// returns the copies written, each with the index of its workbook in `checked`, and the files that could
/// not be annotated (not a `plan` workbook). Each workbook is read again, as `reader` reads it, for its cells.
pub fn write_all(
    checked: &[Checked],
    inputs: &[PathBuf],
    reader: &Reader,
    dir: Option<&Path>,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<Written> {
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).with_context(|| {
            format!("{} {}", lang.pick("không tạo được thư mục", "cannot create the folder"), dir.display())
        })?;
    }
    let mut written = Vec::new();
    let mut skipped = Vec::new();
    for (index, (checked, input)) in
        checked.iter().zip(inputs).enumerate().filter(|(_, (c, _))| !c.findings.is_empty())
    {
        let Some(spec) = spec_of(checked, catalogue) else {
            skipped.push(checked.submission.file.clone());
            continue;
        };
        let folder = dir.or(input.parent()).unwrap_or(Path::new(""));
        let suffix = lang.pick("can-sua", "to-fix");
        let stem = copy_stem(input, inputs);
        // Two inputs of one name in different folders, copied into one folder: the second is "…-2".
        let mut path = join_as_given(folder, format!("{stem}_{suffix}.xlsx").as_ref());
        for n in 2.. {
            if !written.iter().any(|(_, p)| p == &path) {
                break;
            }
            path = join_as_given(folder, format!("{stem}-{n}_{suffix}.xlsx").as_ref());
        }
        let same_as_input = inputs.iter().any(|i| {
            i == &path
                || (i.canonicalize().ok().is_some() && i.canonicalize().ok() == path.canonicalize().ok())
        });
        if same_as_input {
            skipped.push(checked.submission.file.clone());
            continue;
        }
        let notes = annotations(checked, original_of(input, reader), lang);
        let bytes = template::build_annotated(catalogue, &spec, &notes).with_context(|| {
            format!("{} {}", lang.pick("không tạo được bản chú thích", "cannot annotate"), path.display())
        })?;
        write_atomic(&path, &bytes, true).with_context(|| {
            format!("{} {}", lang.pick("không ghi được tệp", "cannot write"), path.display())
        })?;
        written.push((index, path));
    }
    Ok((written, skipped))
}
