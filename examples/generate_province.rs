//! Generates `examples/tinh-binh-lam/2021` … `2025`: the submissions of the fictional tỉnh Bình Lam
//! (examples/tinh-binh-lam/indicators.toml), a province after the 2025 reform. Deterministic: the same
//! catalogue gives the same files; no other tool is needed.
//!
//! ```text
//! cargo run --example generate_province -- examples
//! ```
//!
//! What it writes: for 2021–2024, the consolidated workbook of each of the province's three districts, as the
//! district would send it: `plan aggregate`'s report (written with `plan::report::build`) over the filled
//! forms of the district's own communes, aggregated with a district catalogue derived in memory from the
//! province's (the same elements, targets and offices; the district's area, code and level; its communes as
//! units). The communes' forms are not kept. For 2025, the filled forms of every merged xã and phường for
//! every office of the province, from the province's catalogue. The figures are those of the built-in
//! examples (`shared/figures.rs`).

#[path = "shared/figures.rs"]
mod figures;

use figures::{children, random, unit_workbook, urban, values_of, write};
use plan::catalogue::words::level_of_area;
use plan::catalogue::{Catalogue, Date, Unit, UnitKind};
use plan::lang::Lang;
use plan::submission::Reader;
use std::path::{Path, PathBuf};

/// The province's catalogue, relative to the repository.
const CATALOGUE: &str = "examples/tinh-binh-lam/indicators.toml";

/// A commune of a district: code, name, kind.
type Commune = (&'static str, &'static str, UnitKind);

/// The communes of each district of 2021–2024 (code, name, kind): they exist only in the districts' own
/// catalogues, which the province does not list.
const COMMUNES: [(&str, [Commune; 3]); 3] = [
    (
        "991",
        [
            ("99101", "Thượng Sơn", UnitKind::Xa),
            ("99102", "Khe Mây", UnitKind::Xa),
            ("99103", "Lam Thượng", UnitKind::Xa),
        ],
    ),
    (
        "992",
        [
            ("99201", "Hồng Lam", UnitKind::Phuong),
            ("99202", "Đồng Vọng", UnitKind::Xa),
            ("99203", "Hồng Thủy", UnitKind::Phuong),
        ],
    ),
    (
        "993",
        [
            ("99301", "Bình Lam", UnitKind::Phuong),
            ("99302", "Lam Hạ", UnitKind::Phuong),
            ("99303", "Bãi Ngang", UnitKind::Xa),
        ],
    ),
];

/// The catalogue of the district `district` (a unit of the province's), derived from the province's: its
/// area, code, level and issuer, and `communes` as its units.
fn district_catalogue(province: &Catalogue, district: &Unit, communes: &[Commune]) -> Catalogue {
    let mut c = province.clone();
    let area = format!("{} {}", district.kind.word(Lang::Vi), district.name);
    let plan = &mut c.plan;
    plan.area_level = district.kind.word(Lang::Vi).to_string();
    plan.area_level_en = level_of_area(&area).1.to_string();
    plan.issuer = format!("Ủy ban nhân dân {area}");
    plan.issuer_header = vec!["ỦY BAN NHÂN DÂN".into(), area.to_uppercase()];
    plan.place = district.name.clone();
    plan.title = format!(
        "Kế hoạch thực hiện Chương trình hành động quốc gia vì trẻ em giai đoạn 2021 - 2030 trên địa bàn {area}"
    );
    plan.title_en = None;
    plan.area = area;
    plan.area_code = district.code.clone();
    c.units = communes
        .iter()
        .map(|&(code, name, kind)| Unit {
            code: code.into(),
            name: name.into(),
            kind,
            from: district.from,
            to: district.to,
            covers: Vec::new(),
            dhis2_id: None,
        })
        .collect();
    c.index_units();
    c
}

/// Writes the filled forms of every unit of `catalogue` in `year` for every reporting office into `dir`;
/// `scale` multiplies each unit's children (a merged commune is larger). Returns how many.
fn fill_units(catalogue: &Catalogue, year: u16, dir: &Path, scale: f64) -> usize {
    let mut written = 0;
    for unit in catalogue.units_in(year) {
        let town = urban(unit.kind);
        let base = scale * children(&unit.code, town);
        let values = values_of(&unit.code, base, if town { 0.8 } else { 0.0 }, town, year);
        for office in catalogue.reporting_offices() {
            let day = 8 + (random(&format!("{}{}{year}", unit.code, office.id)) * 20.0) as u8;
            let date = Date::new(year as i32, 10, day).expect("date");
            let (spec, notes) = unit_workbook(catalogue, &office.id, unit, year, date, &values);
            write(&dir.join(spec.file_name(catalogue)), catalogue, &spec, &notes);
            written += 1;
        }
    }
    written
}

/// The consolidated workbook of `district` for `year`, aggregated from its communes' forms.
fn district_report(province: &Catalogue, district: &Unit, year: u16) -> (String, Vec<u8>) {
    let communes = COMMUNES.iter().find(|(code, _)| *code == district.code).expect("communes").1;
    let catalogue = district_catalogue(province, district, &communes);
    // The report names each file by its folder too: a fixed name keeps the output the same on every run.
    let scratch = tempfile::tempdir().expect("scratch folder");
    let folder = scratch.path().join(format!("nop-{year}"));
    std::fs::create_dir(&folder).expect("folder");
    fill_units(&catalogue, year, &folder, 1.0);
    let (aggregation, _) = plan::batch::aggregate_year(
        &[folder],
        &Reader::InProcess,
        Some(year),
        false,
        &catalogue,
        Lang::Vi,
        &plan::batch::no_tick,
    )
    .expect("aggregate");
    let bytes = plan::report::build(&aggregation, &catalogue, Lang::Vi).expect("report");
    let name =
        format!("{year}_{}_{}_bao-cao-tong-hop.xlsx", district.code, plan::text::slug(&catalogue.plan.area));
    (name, bytes)
}

fn main() {
    let out =
        PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "examples".into())).join("tinh-binh-lam");
    let text =
        std::fs::read_to_string(CATALOGUE).expect("the province's catalogue (run from the repository)");
    let (province, _) = plan::catalogue::load(&text).expect("a sound catalogue");
    let mut written = 0;
    for year in 2021..=2025u16 {
        let dir = out.join(year.to_string());
        std::fs::create_dir_all(&dir).expect("folder");
        let units: Vec<&Unit> = province.units_in(year).collect();
        if units.iter().all(|u| u.kind.is_district_level()) {
            for district in units {
                let (name, bytes) = district_report(&province, district, year);
                std::fs::write(dir.join(name), bytes).expect("write");
                written += 1;
            }
        } else {
            // Eight merged xã and phường take the territory of the districts' nine communes.
            written += fill_units(&province, year, &dir, 1.15);
        }
    }
    println!("{written} workbooks written to {}", out.display());
}
