//! `plan validate --annotate DIR`: for each workbook with findings, a copy for the clerk.

use super::inputs::join_as_given;
use anyhow::{Context, Result};
use plan::catalogue::{Catalogue, Severity, UnitRef};
use plan::lang::Lang;
use plan::output::write_atomic;
use plan::rules::Checked;
use plan::submission::{Field, ReporterId};
use plan::template::{self, Annotations, Layout, Reporter, Scope, Spec};
use std::path::{Path, PathBuf};

/// The field a finding about the header belongs to.
fn field_of(code: &str) -> Option<Field> {
    match code.split('.').next()? {
        "unit" => Some(Field::Unit),
        "year" => Some(Field::Year),
        "date" => Some(Field::Date),
        _ => None,
    }
}

/// The annotations of one checked workbook.
fn annotations(checked: &Checked, lang: Lang) -> Annotations {
    let mut notes = Annotations::default();
    let grid = checked.submission.layout.as_deref() == Some("units");
    if let Some(raw) = &checked.raw {
        for field in &raw.fields {
            notes.fields.insert(field.field, field.raw.clone());
        }
        for value in &raw.values {
            notes.values.insert((value.unit.clone(), value.code.clone()), value.raw.clone());
        }
    }
    let mut findings: Vec<_> = checked.findings.iter().collect();
    findings.sort_by_key(|f| f.severity);
    for finding in findings {
        let text = finding.text(lang).to_string();
        match (&finding.element, field_of(&finding.code)) {
            (Some(element), _) => {
                let unit = if grid { finding.unit.clone() } else { None };
                notes.notes.entry((unit, element.clone())).or_default().push(text.clone());
            }
            (None, Some(field)) if !grid || field != Field::Unit => {
                notes.field_notes.entry(field).or_default().push(text.clone());
            }
            _ => {}
        }
        let level = match finding.severity {
            Severity::Error => lang.pick("Lỗi", "Error"),
            Severity::Warning => lang.pick("Cảnh báo", "Warning"),
        };
        notes.problems.push([
            level.to_string(),
            finding.code.clone(),
            finding.cell.clone().unwrap_or_default(),
            text,
        ]);
    }
    notes
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
    Some(Spec { scope, layout, reporter, year: sub.year })
}

/// Writes an annotated copy of each workbook with findings into `dir` (beside the workbook when `None`);
/// returns the files written and the files that could not be annotated (not a `plan` workbook).
pub fn write_all(
    checked: &[Checked],
    inputs: &[PathBuf],
    dir: Option<&Path>,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<(Vec<PathBuf>, Vec<String>)> {
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).with_context(|| {
            format!("{} {}", lang.pick("không tạo được thư mục", "cannot create the folder"), dir.display())
        })?;
    }
    let mut written = Vec::new();
    let mut skipped = Vec::new();
    for (checked, input) in checked.iter().zip(inputs).filter(|(c, _)| !c.findings.is_empty()) {
        let Some(spec) = spec_of(checked, catalogue) else {
            skipped.push(checked.submission.file.clone());
            continue;
        };
        let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("bao-cao");
        let name = format!("{stem}_{}.xlsx", lang.pick("can-sua", "to-fix"));
        let path = join_as_given(dir.or(input.parent()).unwrap_or(Path::new("")), name.as_ref());
        let same_as_input = inputs.iter().any(|i| {
            i == &path
                || (i.canonicalize().ok().is_some() && i.canonicalize().ok() == path.canonicalize().ok())
        });
        if same_as_input {
            skipped.push(checked.submission.file.clone());
            continue;
        }
        let bytes =
            template::build_annotated(catalogue, &spec, &annotations(checked, lang)).with_context(|| {
                format!("{} {}", lang.pick("không tạo được bản chú thích", "cannot annotate"), path.display())
            })?;
        write_atomic(&path, &bytes, true).with_context(|| {
            format!("{} {}", lang.pick("không ghi được tệp", "cannot write"), path.display())
        })?;
        written.push(path);
    }
    Ok((written, skipped))
}
