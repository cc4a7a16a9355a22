//! What the page shows, as JSON in the language asked for: every figure comes from the library, formatted
//! the way the report formats it.

use plan::aggregate::{Aggregation, Merged, Submitted, Use, status_slot};
use plan::attainment::Status;
use plan::catalogue::{Catalogue, Severity, level_text};
use plan::lang::{Lang, count};
use plan::rules::Checked;
use serde_json::{Value, json};

/// The year of today's date (UTC), from the system clock.
fn this_year() -> u16 {
    u16::try_from(plan::date::Date::today_utc().year).unwrap_or(2025)
}

/// `GET /api/info`: what the page's choices are made of.
pub fn info(catalogue: &Catalogue, lang: Lang) -> Value {
    let plan = &catalogue.plan;
    let default_year = this_year().clamp(plan.start_year, plan.end_year);
    json!({
        "version": env!("CARGO_PKG_VERSION"),
        "lang": match lang { Lang::En => "en", Lang::Vi => "vi" },
        "catalogue_version": catalogue.version,
        "title": lang.pick_given(&plan.title, plan.title_en.as_deref()),
        "area": plan.area,
        "area_code": plan.area_code,
        // The program's own words for the area and its units, from the catalogue (the page says no
        // "huyện" or "thị trấn" of its own).
        "words": {
            "area_level": catalogue.area_level(lang),
            "whole_area": catalogue.whole_area(lang),
            "area_tier": catalogue.area_tier(lang),
            // The page's words for units are about forms: the kinds of the units that fill them in.
            "unit_kinds": catalogue.form_unit_kind_words(lang),
            "office_kinds": catalogue.office_kinds(lang),
        },
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "default_year": default_year,
        "years": (plan.start_year..=plan.end_year).collect::<Vec<_>>(),
        "offices": catalogue.reporting_offices().map(|o| office_info(o, default_year, lang)).collect::<Vec<_>>(),
        "units": catalogue.units.iter().map(|u| json!({
            "code": u.code, "name": u.full_name(), "from": u.from, "to": u.to,
        })).collect::<Vec<_>>(),
        "limits": {
            "file_bytes": super::upload::MAX_FILE_BYTES,
            "zip_bytes": super::upload::MAX_ZIP_BYTES,
            "batch_bytes": super::upload::MAX_BATCH_BYTES,
            "batch_files": super::upload::MAX_BATCH_FILES,
        },
    })
}

/// An office for the page: its name in `year` (or its last), its years and its names by span of years.
fn office_info(office: &plan::catalogue::Office, year: u16, lang: Lang) -> Value {
    let mut names: Vec<Value> = Vec::new();
    for y in office.from..=office.to {
        let (name, short) = (office.name_lang(y, lang), office.short_in(y));
        match names.last_mut() {
            Some(last) if last["name"] == name && last["short"] == short => last["to"] = json!(y),
            _ => names.push(json!({ "from": y, "to": y, "name": name, "short": short })),
        }
    }
    let year = office.year_or_last(Some(year));
    json!({
        "id": office.id,
        "name": office.name_lang(year, lang),
        "short": office.short_in(year),
        "from": office.from,
        "to": office.to,
        "names": names,
    })
}

/// The verdict on one file: "Hợp lệ", "Hợp lệ, 2 cảnh báo", "3 lỗi, 1 cảnh báo".
fn verdict(checked: &Checked, lang: Lang) -> String {
    let warnings = count(checked.warnings(), "cảnh báo", "warning", "warnings", lang);
    match (checked.errors(), checked.warnings()) {
        (0, 0) => lang.pick("Hợp lệ", "Valid").to_string(),
        (0, _) => format!("{}, {warnings}", lang.pick("Hợp lệ", "Valid")),
        (errors, _) => format!("{}, {warnings}", count(errors, "lỗi", "error", "errors", lang)),
    }
}

/// The result of «Kiểm tra»: each file's verdict and problems, errors first.
pub fn validated(
    checked: &[Checked],
    annotated: &[Option<String>],
    catalogue: &Catalogue,
    downloads: Vec<Value>,
    lang: Lang,
) -> Value {
    let files: Vec<Value> = checked
        .iter()
        .zip(annotated)
        .map(|(c, copy)| {
            let mut findings: Vec<_> = c.findings.iter().collect();
            findings.sort_by_key(|f| f.severity);
            json!({
                "file": c.submission.file,
                "title": plan::batch::validate::described(c, catalogue, lang).join(" · "),
                "verdict": verdict(c, lang),
                "ok": c.errors() == 0,
                "errors": c.errors(),
                "warnings": c.warnings(),
                "findings": findings.iter().map(|f| json!({
                    "severity": match f.severity { Severity::Error => "error", Severity::Warning => "warning" },
                    "level": match f.severity {
                        Severity::Error => lang.pick("Lỗi", "Error"),
                        Severity::Warning => lang.pick("Cảnh báo", "Warning"),
                    },
                    "cell": f.cell,
                    "text": f.text(lang),
                })).collect::<Vec<_>>(),
                "annotated": copy,
            })
        })
        .collect();
    let with_errors = checked.iter().filter(|c| c.errors() > 0).count();
    let with_warnings = checked.iter().filter(|c| c.errors() == 0 && c.warnings() > 0).count();
    let errors: usize = checked.iter().map(Checked::errors).sum();
    let warnings: usize = checked.iter().map(Checked::warnings).sum();
    let valid = checked.len() - with_errors;
    let summary = match lang {
        Lang::Vi => format!(
            "Đã kiểm tra {} tệp: {valid} hợp lệ ({with_warnings} có cảnh báo), {with_errors} có lỗi; tổng {errors} lỗi, {warnings} cảnh báo.",
            checked.len()
        ),
        Lang::En => format!(
            "Checked {}: {valid} valid ({with_warnings} with warnings), {with_errors} with errors; {}, {} in all.",
            count(checked.len(), "", "file", "files", lang),
            count(errors, "", "error", "errors", lang),
            count(warnings, "", "warning", "warnings", lang),
        ),
    };
    json!({
        "kind": "validate",
        "totals": { "files": checked.len(), "valid": valid, "with_errors": with_errors, "errors": errors, "warnings": warnings },
        "summary": summary,
        "files": files,
        "downloads": downloads,
    })
}

/// A status as the page colours it.
fn status_kind(status: Status) -> &'static str {
    if status == Status::Implausible {
        return "implausible";
    }
    ["met", "not_met", "none", "no_data"][status_slot(status)]
}

/// Files that were not used, with why; `other_years` keeps those of another year.
fn unused(aggregation: &Aggregation, other_years: bool, lang: Lang) -> Vec<Value> {
    aggregation
        .sources
        .iter()
        .filter(|s| s.usage != Use::Used && (other_years || s.usage != Use::OtherYear))
        .map(|s| {
            let why = s.usage.label(&aggregation.sources, lang);
            json!({ "file": s.file, "why": why })
        })
        .collect()
}

/// The result of «Tổng hợp»: statuses by group and part, who is missing or late, conflicts, files not used.
pub fn aggregated(
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    downloads: Vec<Value>,
    lang: Lang,
) -> Value {
    let year = aggregation.year;
    let counts = aggregation.counts_by_group(catalogue);
    let groups: Vec<Value> = catalogue
        .groups
        .iter()
        .zip(&counts)
        .map(|(group, (_, counts))| {
            let parts: Vec<Value> = catalogue
                .parts()
                .zip(&aggregation.parts)
                .filter(|(part, _)| catalogue.group_of(part) == Some(group.number))
                .map(|(part, figures)| {
                    let district = &figures.district;
                    let decimals = if part.unit == plan::catalogue::Measure::Cases { 0 } else { 2 };
                    let value = district.value_text(part.factor, decimals).map(|v| match lang {
                        Lang::Vi => v.replace('.', ","),
                        Lang::En => v,
                    });
                    let (covered, expected) = figures.coverage;
                    let coverage = if expected > 0 {
                        format!("{covered}/{expected}")
                    } else {
                        catalogue.area_tier(lang)
                    };
                    let levels: Vec<String> = part
                        .levels
                        .iter()
                        .map(|l| format!("{}: {}", l.year, level_text(l, part.unit, lang)))
                        .collect();
                    json!({
                        "id": part.id,
                        "name": part.short_in(lang),
                        "value": value,
                        "unit": part.unit.suffix(lang).trim(),
                        "status": status_kind(district.judgement.status),
                        "status_text": plan::report::status_text(district.judgement.status, lang),
                        "level": levels.join(" · "),
                        "coverage": coverage,
                    })
                })
                .collect();
            json!({ "number": group.number, "name": group.name_in(lang), "counts": counts, "parts": parts })
        })
        .collect();
    let office_name = |id: &str| catalogue.office_short_in(id, year).to_string();
    let rows = |status: Submitted| -> Vec<Value> {
        aggregation
            .register
            .iter()
            .filter(|r| r.status == status)
            .map(|r| {
                json!({
                    "unit": r.who(catalogue, year),
                    "office": office_name(&r.office),
                    "date": r.date.map(|d| d.vietnamese()),
                })
            })
            .collect()
    };
    let conflicts: Vec<Value> = aggregation
        .values
        .iter()
        .filter_map(|((reporter, code), merged)| match merged {
            Merged::Conflict { sources, .. } => Some(json!({
                "unit": reporter.name(catalogue),
                "element": catalogue.element(code).map_or(code.to_string(), |e| e.label.clone()),
                "files": sources.iter().map(|s| aggregation.sources[*s].file.clone()).collect::<Vec<_>>(),
            })),
            Merged::Value { .. } => None,
        })
        .collect();
    // Checks on values of several files (a rule across two offices' workbooks): said nowhere else.
    let across: Vec<Value> = aggregation
        .findings
        .iter()
        .filter(|f| !f.places.is_empty())
        .map(|f| {
            json!({
                "severity": match f.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "level": match f.severity {
                    Severity::Error => lang.pick("Lỗi", "Error"),
                    Severity::Warning => lang.pick("Cảnh báo", "Warning"),
                },
                "unit": f.unit,
                "text": f.text(lang),
                "places": f.places.iter().map(|p| json!({"file": p.file, "cell": p.cell})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let received = aggregation.register.len() - aggregation.missing();
    let warnings = aggregation.findings.iter().filter(|f| f.severity == Severity::Warning).count();
    let errors = aggregation.findings.len() - warnings;
    let summary = format!("{} {year}: {}.", lang.pick("Năm", "Year"), aggregation.completeness(lang));
    json!({
        "kind": "aggregate",
        "year": year,
        "complete": aggregation.complete(),
        "summary": summary,
        "totals": {
            "expected": aggregation.register.len(),
            "received": received,
            "files": aggregation.sources.len(),
            "not_used": aggregation.excluded(),
            "conflicts": aggregation.conflicts(),
            "errors": errors,
            "warnings": warnings,
        },
        "groups": groups,
        "missing": rows(Submitted::Missing),
        "late": rows(Submitted::Late),
        "with_errors": rows(Submitted::OnlyWithErrors),
        "conflicts": conflicts,
        "across": across,
        "unused": unused(aggregation, true, lang),
        "downloads": downloads,
    })
}

/// The result of «Tiến độ»: each part's series and assessment.
pub fn progressed(
    trend: &plan::progress::Trend,
    aggregations: &[Aggregation],
    without_year: &[String],
    catalogue: &Catalogue,
    downloads: Vec<Value>,
    lang: Lang,
) -> Value {
    let parts: Vec<Value> = catalogue
        .parts()
        .zip(&trend.parts)
        .map(|(part, progress)| {
            let assessment = progress.progress.assessment;
            json!({
                "id": part.id,
                "name": part.short_in(lang),
                "group": catalogue.group_of(part),
                "values": progress.values,
                "unit": part.unit.suffix(lang).trim(),
                "assessment": assessment,
                "assessment_text": assessment.label(lang),
                "ratio": progress.progress.ratio,
                "level": progress.target.as_ref().map(|l| format!("{}: {}", l.year, level_text(l, part.unit, lang))),
            })
        })
        .collect();
    let why = lang.pick("không đọc được hoặc không ghi năm báo cáo", "unreadable, or gives no year");
    let mut left_out: Vec<Value> = without_year.iter().map(|f| json!({ "file": f, "why": why })).collect();
    for aggregation in aggregations {
        // A file of another year is one of the other aggregations' own.
        left_out.extend(unused(aggregation, false, lang));
    }
    json!({
        "kind": "progress",
        "years": trend.years,
        "parts": parts,
        "groups": catalogue.groups.iter().map(|g| json!({ "number": g.number, "name": g.name_in(lang) })).collect::<Vec<_>>(),
        "unused": left_out,
        "downloads": downloads,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 23: the page said "Mọi xã, thị trấn và huyện của năm" whatever the catalogue; it takes its words
    /// for the area and its units from /api/info.
    #[test]
    fn info_gives_the_catalogues_words() {
        let words = |catalogue: &Catalogue, lang| info(catalogue, lang)["words"].clone();
        let built_in = Catalogue::embedded();
        assert_eq!(words(&built_in, Lang::Vi)["unit_kinds"], "xã, thị trấn");
        assert_eq!(words(&built_in, Lang::Vi)["whole_area"], "toàn huyện");
        let text = include_str!("../../tests/fixtures/catalogue/province.toml");
        let province = plan::catalogue::load(text).unwrap().0;
        let vi = words(&province, Lang::Vi);
        assert_eq!(
            (&vi["unit_kinds"], &vi["whole_area"], &vi["area_tier"]),
            (&"xã, phường".into(), &"toàn tỉnh".into(), &"cấp tỉnh".into())
        );
        assert_eq!(words(&province, Lang::En)["unit_kinds"], "communes and wards");
        assert_eq!(
            (&vi["office_kinds"], &words(&built_in, Lang::Vi)["office_kinds"]),
            (&"sở, ngành".into(), &"phòng, ngành".into())
        );
        // A province's districts of 2021–2024 fill no forms: the page's words for units leave them out.
        let example =
            plan::catalogue::load(include_str!("../../examples/tinh-binh-lam/indicators.toml")).unwrap().0;
        assert_eq!(words(&example, Lang::Vi)["unit_kinds"], "xã, phường");
    }
}
