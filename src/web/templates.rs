//! `GET /api/templates`: blank workbooks, as `plan template` writes them, to download.

use super::answer::{Params, blocking, download, error, zip_of};
use super::state::State;
use axum::Extension;
use axum::extract::{self, Query};
use axum::http::StatusCode;
use axum::response::Response;
use plan::catalogue::{Catalogue, Unit};
use plan::lang::Lang;
use plan::template::{self, Layout, Reporter, Scope};
use plan::text::{capitalise, slug};
use std::sync::Arc;

/// The workbooks asked for: one `.xlsx`, or a `.zip` of several; a sentence when the choice is wrong.
pub async fn answer(
    extract::State(state): extract::State<Arc<State>>,
    Query(query): Query<Params>,
    Extension(lang): Extension<Lang>,
) -> Response {
    blocking(lang, move || match build(&state.catalogue, &query, lang) {
        Ok((name, bytes)) => download(&name, bytes),
        Err(sentence) => error(StatusCode::BAD_REQUEST, &sentence),
    })
    .await
}

fn build(catalogue: &Catalogue, query: &Params, lang: Lang) -> Result<(String, Vec<u8>), String> {
    let year = match query.first("year").filter(|y| !y.is_empty()) {
        Some(text) => {
            Some(text.parse::<u16>().map_err(|_| lang.pick("Năm không hợp lệ.", "Not a year.").to_string())?)
        }
        None => None,
    };
    plan::batch::check_year_in_span(catalogue, year, lang)
        .map_err(|e| format!("{}.", capitalise(&e.to_string())))?;
    let layout = if query.first("layout") == Some("units") { Layout::Units } else { Layout::Unit };
    let unit = query.first("unit").unwrap_or("").trim();
    let all_units = unit == "all";
    if (all_units || layout == Layout::Units) && year.is_none() {
        return Err(lang
            .pick(
                "Hãy chọn năm: biểu cho mọi đơn vị cần năm báo cáo.",
                "Choose a year: workbooks for every unit need one.",
            )
            .into());
    }
    let offices: Vec<&str> = query.all("office").collect();
    let all_offices = offices.contains(&"all");
    let mut scopes: Vec<Scope> = Vec::new();
    if all_offices {
        scopes = template::every_scope(catalogue, layout, all_units);
    } else {
        for &id in &offices {
            match catalogue.office(id).filter(|o| o.reports) {
                Some(_) if let Some(why) = year.and_then(|y| catalogue.office_absent_in(id, y, lang)) => {
                    return Err(format!("{why}."));
                }
                Some(office) => scopes.push(Scope::Office(office)),
                None if id == "chung" && layout == Layout::Unit => scopes.push(Scope::All),
                None => return Err(format!("{} «{id}».", lang.pick("Không có cơ quan", "No office"))),
            }
        }
    }
    if scopes.is_empty() {
        return Err(lang.pick("Hãy chọn ít nhất một cơ quan.", "Choose at least one office.").into());
    }
    let reporters: Vec<Option<Reporter>> = match (layout, unit) {
        (Layout::Units, _) | (_, "") => vec![None],
        (_, "all") => template::every_reporter(catalogue, year.unwrap_or_default()),
        (_, code) => vec![Some(reporter(catalogue, code, year, lang)?)],
    };
    let specs = template::specs_for(catalogue, &scopes, &reporters, layout, year);
    if specs.is_empty() {
        return Err(lang
            .pick(
                "Không có biểu nào: cơ quan đã chọn không có số liệu cho đơn vị này.",
                "Nothing to write: the offices chosen have no figures for this unit.",
            )
            .into());
    }
    let mut files = Vec::new();
    for spec in &specs {
        let bytes = template::build(catalogue, spec).map_err(|e| {
            format!("{} ({e}).", lang.pick("Không tạo được biểu", "Cannot build the workbook"))
        })?;
        files.push((spec.file_name(catalogue), bytes));
    }
    if let [(name, _)] = files.as_slice() {
        let name = name.clone();
        return Ok((name, files.pop().map(|f| f.1).unwrap_or_default()));
    }
    let chosen = match (layout, reporters.as_slice()) {
        (Layout::Units, _) => Some("bang".to_string()),
        (_, [Some(one)]) => Some(reporter_slug(catalogue, *one)),
        (_, [None]) => None,
        _ => Some("moi-don-vi".to_string()),
    };
    let offices = if all_offices { "tat-ca".to_string() } else { offices.join("+") };
    let name = zip_name(year, chosen.as_deref(), &offices);
    let bytes = zip_of(&files).map_err(|e| e.to_string())?;
    Ok((name, bytes))
}

/// The reporter a code names in `year`: a unit, or the whole district (the plan's area code). A code may
/// name different units in different years (18496: Thị trấn Hương Khê until 2024, Xã Hương Khê from
/// 2025), so without a year a code of several units is refused rather than guessed.
fn reporter<'a>(
    catalogue: &'a Catalogue,
    code: &str,
    year: Option<u16>,
    lang: Lang,
) -> Result<Reporter<'a>, String> {
    if code == catalogue.plan.area_code {
        return Ok(Reporter::District);
    }
    let found: Vec<&Unit> =
        catalogue.units.iter().filter(|u| u.code == code && year.is_none_or(|y| u.reports_in(y))).collect();
    match found.as_slice() {
        [unit] => Ok(Reporter::Unit(unit)),
        [] => Err(match year {
            Some(year) => format!(
                "{} {code} {} {year}.",
                lang.pick("Không có đơn vị mã", "No unit with code"),
                lang.pick("năm", "in")
            ),
            None => format!("{} {code}.", lang.pick("Không có đơn vị mã", "No unit with code")),
        }),
        several => {
            let names: Vec<String> =
                several.iter().map(|u| format!("{} ({}–{})", u.full_name(), u.from, u.to)).collect();
            Err(format!(
                "{} {code} {}: {}; {}.",
                lang.pick("Mã", "The code"),
                lang.pick("là của nhiều đơn vị", "names several units"),
                names.join(", "),
                lang.pick("hãy chọn năm báo cáo", "choose the report year")
            ))
        }
    }
}

/// A reporter in a file name, as `plan template` names its workbooks: `18520_loc-yen`, `444_huyen-huong-khe`.
fn reporter_slug(catalogue: &Catalogue, reporter: Reporter) -> String {
    match reporter {
        Reporter::Unit(unit) => format!("{}_{}", unit.code, slug(&unit.name)),
        Reporter::District => format!("{}_{}", catalogue.plan.area_code, slug(&catalogue.plan.area)),
    }
}

/// The name of a zip of templates, from what was chosen, in the order of `plan template`'s file names
/// (year, reporter, offices): `bieu-mau_2025_18496_huong-khe_tat-ca.zip`, `bieu-mau_2024_moi-don-vi_y-te.zip`,
/// `bieu-mau_2024_bang_tat-ca.zip`, `bieu-mau_tat-ca.zip`.
fn zip_name(year: Option<u16>, reporter: Option<&str>, offices: &str) -> String {
    let mut parts = vec!["bieu-mau".to_string()];
    parts.extend(year.map(|y| y.to_string()));
    parts.extend(reporter.map(str::to_string));
    parts.push(offices.to_string());
    format!("{}.zip", parts.join("_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_names_say_what_was_chosen() {
        assert_eq!(
            zip_name(Some(2025), Some("18496_huong-khe"), "tat-ca"),
            "bieu-mau_2025_18496_huong-khe_tat-ca.zip"
        );
        assert_eq!(zip_name(None, None, "y-te+gd-dt"), "bieu-mau_y-te+gd-dt.zip");
    }
}
