//! `GET /api/templates`: blank workbooks, as `plan template` writes them, to download.

use super::answer::{Params, blocking, capitalised, download, error, zip_of};
use super::state::State;
use axum::Extension;
use axum::extract::{self, Query};
use axum::http::StatusCode;
use axum::response::Response;
use plan::catalogue::Catalogue;
use plan::lang::Lang;
use plan::template::{self, Layout, Reporter, Scope};
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
        .map_err(|e| format!("{}.", capitalised(&e.to_string())))?;
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
    let mut scopes: Vec<Scope> = Vec::new();
    if offices.contains(&"all") {
        scopes = template::every_scope(catalogue, layout, all_units);
    } else {
        for id in offices {
            match catalogue.office(id).filter(|o| o.reports) {
                Some(office) => scopes.push(Scope::Office(office)),
                None if id == "chung" && layout == Layout::Unit => scopes.push(Scope::All),
                None => return Err(format!("{} «{id}».", lang.pick("Không có phòng, ngành", "No office"))),
            }
        }
    }
    if scopes.is_empty() {
        return Err(lang.pick("Hãy chọn ít nhất một phòng, ngành.", "Choose at least one office.").into());
    }
    let reporters: Vec<Option<Reporter>> = match (layout, unit) {
        (Layout::Units, _) | (_, "") => vec![None],
        (_, "all") => template::every_reporter(catalogue, year.unwrap_or_default()),
        (_, code) if code == catalogue.plan.area_code => vec![Some(Reporter::District)],
        (_, code) => {
            let found =
                catalogue.units.iter().find(|u| u.code == code && year.is_none_or(|y| u.reports_in(y)));
            match found {
                Some(unit) => vec![Some(Reporter::Unit(unit))],
                None => {
                    return Err(format!("{} {code}.", lang.pick("Không có đơn vị mã", "No unit with code")));
                }
            }
        }
    };
    let specs = template::specs_for(catalogue, &scopes, &reporters, layout, year);
    if specs.is_empty() {
        return Err(lang
            .pick(
                "Không có biểu nào: phòng, ngành đã chọn không có số liệu cho đơn vị này.",
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
    let name = match year {
        Some(year) => format!("bieu-mau-{year}.zip"),
        None => "bieu-mau.zip".to_string(),
    };
    let bytes = zip_of(&files).map_err(|e| e.to_string())?;
    Ok((name, bytes))
}
