//! Generates `examples/2021` … `examples/2025`: the submissions of a plausible district of ~110,000 people,
//! every office and unit, with trends over the years, from the templates of `plan template` filled by the
//! library itself. Deterministic: the same catalogue gives the same files.
//!
//! ```text
//! cargo run --example generate -- examples
//! ```
//!
//! What it writes, per year: one workbook per unit for the labour, justice, education and culture offices;
//! the health office's one-sheet workbook for all units (with the district's own HIV figure); the police
//! workbook for the district. In 2024 a few faults are planted so that the report shows its checks:
//! Phú Phong's education workbook is missing, Lộc Yên's justice workbook comes late, Hương Bình's is
//! corrected by a later copy, Hương Long's culture workbook is sent twice with different answers on the
//! same date, and one file is corrupt.
//!
//! The figures come from `shared/figures.rs`, which `generate_province.rs` (the fictional province of
//! `examples/tinh-binh-lam`) shares.

#[path = "shared/figures.rs"]
mod figures;

use figures::{fields, random, unit_values, unit_workbook, write};
use plan::catalogue::{Catalogue, Date, ReportLevel, Unit};
use plan::submission::Raw;
use plan::template::{Annotations, Layout, Reporter, Scope, Spec};
use std::collections::HashMap;
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "examples".into()));
    let catalogue = Catalogue::embedded();
    let mut written = 0;
    for year in 2021..=2025u16 {
        let dir = out.join(year.to_string());
        std::fs::create_dir_all(&dir).expect("folder");
        let units: Vec<&Unit> = catalogue.units_in(year).collect();
        let on_time = |day: u8| Date::new(year as i32, 10, day).expect("date");
        let all_values: Vec<HashMap<String, Raw>> =
            units.iter().map(|u| unit_values(u, &catalogue, year)).collect();
        // One workbook per unit for four offices.
        for (unit, values) in units.iter().zip(&all_values) {
            for office_id in ["ldtbxh", "tu-phap", "gd-dt", "vh-tt"] {
                if year == 2024 && unit.code == "18535" && office_id == "gd-dt" {
                    continue; // Phú Phong's education workbook never arrived
                }
                let day = 10 + (random(&format!("{}{office_id}{year}", unit.code)) * 18.0) as u8;
                let late = year == 2024 && unit.code == "18520" && office_id == "tu-phap";
                let date = if late { Date::new(2024, 11, 4).expect("date") } else { on_time(day) };
                let (spec, notes) = unit_workbook(&catalogue, office_id, unit, year, date, values);
                let name = spec.file_name(&catalogue);
                write(&dir.join(&name), &catalogue, &spec, &notes);
                written += 1;
                if year == 2024 && unit.code == "18523" && office_id == "tu-phap" {
                    // A corrected copy, dated later: one more marriage at the legal age.
                    let mut corrected = notes.clone();
                    let n = match &values["ket_hon_dung_tuoi"] {
                        Raw::Number(n) => *n,
                        _ => 0.0,
                    };
                    corrected.values.insert((None, "ket_hon_dung_tuoi".into()), Raw::Number(n + 1.0));
                    corrected.fields =
                        fields(year, on_time(day + 2), Some(format!("{} ({})", unit.full_name(), unit.code)));
                    write(&dir.join(name.replace(".xlsx", "_ban-sua.xlsx")), &catalogue, &spec, &corrected);
                    written += 1;
                }
                if year == 2024 && unit.code == "18526" && office_id == "vh-tt" {
                    // Sent twice on the same date with different answers: a conflict.
                    let mut twin = notes.clone();
                    let flipped = match &values["xa_co_diem_vui_choi"] {
                        Raw::Text(t) if t == "Có" => "Không",
                        _ => "Có",
                    };
                    twin.values.insert((None, "xa_co_diem_vui_choi".into()), Raw::Text(flipped.into()));
                    write(&dir.join(name.replace(".xlsx", "_gui-lai.xlsx")), &catalogue, &spec, &twin);
                    written += 1;
                }
            }
        }
        // The health office's one-sheet workbook for every unit, with the district's HIV figure.
        let health = catalogue.office("y-te").expect("office");
        let spec =
            Spec { scope: Scope::Office(health), layout: Layout::Units, reporter: None, year: Some(year) };
        let mut notes = Annotations { fields: fields(year, on_time(24), None), ..Annotations::default() };
        for (unit, values) in units.iter().zip(&all_values) {
            for element in catalogue.elements_of("y-te").filter(|e| e.level == ReportLevel::Unit) {
                notes
                    .values
                    .insert((Some(unit.code.clone()), element.code.clone()), values[&element.code].clone());
            }
        }
        notes.values.insert(
            (Some(catalogue.plan.area_code.clone()), "hiv_me_con".into()),
            Raw::Number(if year == 2022 { 1.0 } else { 0.0 }),
        );
        figures::report_items(&mut notes.values, &format!("y-te{year}"));
        write(&dir.join(spec.file_name(&catalogue)), &catalogue, &spec, &notes);
        written += 1;
        // The police: abuse cases for the whole district.
        let police = catalogue.office("cong-an").expect("office");
        let spec = Spec {
            scope: Scope::Office(police),
            layout: Layout::Unit,
            reporter: Some(Reporter::District),
            year: Some(year),
        };
        let total: f64 = all_values
            .iter()
            .map(|v| match &v["tre_em"] {
                Raw::Number(n) => *n,
                _ => 0.0,
            })
            .sum();
        let mut notes = Annotations {
            fields: fields(
                year,
                on_time(26),
                Some(format!("Toàn {} ({})", catalogue.plan.area, catalogue.plan.area_code)),
            ),
            ..Annotations::default()
        };
        notes.values.insert(
            (None, "tre_bi_xam_hai".into()),
            Raw::Number((total * (0.0009 - 0.0001 * (year - 2021) as f64)).round()),
        );
        figures::report_items(&mut notes.values, &format!("cong-an{year}"));
        write(&dir.join(spec.file_name(&catalogue)), &catalogue, &spec, &notes);
        written += 1;
        if year == 2024 {
            // A file damaged on the way (truncated).
            let source = dir.join("2024_18541_huong-vinh_vh-tt.xlsx");
            let bytes = std::fs::read(&source).expect("read");
            std::fs::write(dir.join("2024_18541_huong-vinh_vh-tt_hong.xlsx"), &bytes[..bytes.len() / 3])
                .expect("write");
            written += 1;
        }
    }
    println!("{written} workbooks written to {}", out.display());
}
