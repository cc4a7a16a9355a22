//! The figures of the generated example submissions, shared by `examples/generate.rs` (the built-in
//! district) and `examples/generate_province.rs` (the fictional tỉnh Bình Lam): a deterministic generator, a
//! unit's plausible counts for a year, the header fields and report items of a filled workbook, and the
//! filled workbook of one unit for one office. Included by both with `#[path = "shared/figures.rs"]`.

#![allow(dead_code)] // each generator uses its own part

use plan::catalogue::{Catalogue, Date, ReportLevel, Unit, UnitKind};
use plan::submission::{Field, Raw};
use plan::template::{self, Annotations, Layout, Reporter, Scope, Spec};
use std::collections::HashMap;
use std::path::Path;

/// A small deterministic generator (SplitMix64), seeded per unit, year and element.
pub fn random(seed: &str) -> f64 {
    let mut x: u64 =
        seed.bytes().fold(0x9E37_79B9_7F4A_7C15, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01B3));
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// A count near `mean` (±`spread` relative), never negative.
pub fn near(mean: f64, spread: f64, seed: &str) -> u64 {
    (mean * (1.0 + spread * (2.0 * random(seed) - 1.0))).round().max(0.0) as u64
}

/// Population of one old unit (the 21 of 2021–2024): children under 16.
pub fn children(code: &str, township: bool) -> f64 {
    if township { 2600.0 } else { 950.0 + 700.0 * random(code) }
}

/// Whether units of this kind are towns (thị trấn, phường): more children, urban nutrition, more schools.
pub fn urban(kind: UnitKind) -> bool {
    matches!(kind, UnitKind::ThiTran | UnitKind::Phuong)
}

/// The figures of one unit for one year, all consistent with the catalogue's rules.
pub fn unit_values(unit: &Unit, catalogue: &Catalogue, year: u16) -> HashMap<String, Raw> {
    // A merged xã of 2025 holds the children of the units it covers.
    let (base, urban_share) = if unit.covers.is_empty() {
        (children(&unit.code, urban(unit.kind)), if urban(unit.kind) { 0.8 } else { 0.0 })
    } else {
        let old: Vec<&Unit> = unit.covers.iter().filter_map(|k| catalogue.unit_by_ref(k)).collect();
        let total: f64 = old.iter().map(|u| children(&u.code, urban(u.kind))).sum();
        let in_towns: f64 = old.iter().filter(|u| urban(u.kind)).map(|u| children(&u.code, true) * 0.8).sum();
        (total, in_towns / total)
    };
    values_of(&unit.code, base, urban_share, urban(unit.kind), year)
}

/// The figures of the unit `code` for one year: `base` children under 16 at the plan's start, `urban_share`
/// of them in towns; `town`: the unit is a town (more schools). Seeded by code, year and element.
pub fn values_of(code: &str, base: f64, urban_share: f64, town: bool, year: u16) -> HashMap<String, Raw> {
    let t = (year - 2021) as f64; // years since the plan began: figures improve
    let s = |name: &str| format!("{code}-{year}-{name}");
    let mut v: HashMap<&str, u64> = HashMap::new();
    let tre_em = near(base * (1.0 - 0.005 * t), 0.02, &s("tre_em"));
    v.insert("tre_em", tre_em);
    v.insert("tre_0_8", near(tre_em as f64 * 0.52, 0.03, &s("0_8")));
    v.insert(
        "tre_0_8_tiep_can_dv",
        near(v["tre_0_8"] as f64 * (0.70 + 0.03 * t), 0.03, &s("dv")).min(v["tre_0_8"]),
    );
    v.insert("tre_hcdb", near(tre_em as f64 * (0.019 - 0.001 * t), 0.2, &s("hcdb")));
    v.insert(
        "tre_hcdb_duoc_tro_giup",
        near(v["tre_hcdb"] as f64 * (0.92 + 0.015 * t), 0.03, &s("tg")).min(v["tre_hcdb"]),
    );
    v.insert("tre_5_17", near(tre_em as f64 * 0.85, 0.03, &s("5_17")));
    v.insert("lao_dong_tre_em", near(v["tre_5_17"] as f64 * (0.055 - 0.004 * t), 0.2, &s("ld")));
    v.insert("tre_bi_tntt", near(tre_em as f64 * (0.0062 - 0.0002 * t), 0.3, &s("tntt")));
    v.insert("tre_tu_vong_tntt", near(0.3, 1.0, &s("tvtntt")).min(v["tre_bi_tntt"]));
    let disaster = if random(&s("thien_tai")) < 0.3 { near(tre_em as f64 * 0.1, 0.5, &s("tt")) } else { 0 };
    v.insert("tre_gap_thien_tai", disaster);
    v.insert(
        "tre_gap_thien_tai_duoc_ho_tro",
        if random(&s("htt")) < 0.8 { disaster } else { disaster * 9 / 10 },
    );
    v.insert("tre_7_15", near(tre_em as f64 * 0.56, 0.02, &s("7_15")));
    v.insert("tre_duoc_hoi_y_kien", near(v["tre_7_15"] as f64 * (0.22 + 0.025 * t), 0.1, &s("hyk")));
    v.insert("tre_biet_quyen_tham_gia", near(tre_em as f64 * (0.72 + 0.03 * t), 0.05, &s("bq")).min(tre_em));
    v.insert("tre_11_15", near(v["tre_7_15"] as f64 * 0.55, 0.03, &s("11_15")));
    v.insert("tre_tham_gia_mo_hinh", near(v["tre_11_15"] as f64 * (0.22 + 0.025 * t), 0.1, &s("mh")));
    // Health.
    let births = near(tre_em as f64 * 0.075, 0.05, &s("births"));
    v.insert("tre_de_song", births);
    let neonatal = near(births as f64 * (0.0040 - 0.0003 * t), 0.8, &s("so_sinh"));
    let infant = neonatal + near(births as f64 * 0.0025, 0.8, &s("duoi_1"));
    v.insert("tu_vong_so_sinh", neonatal);
    v.insert("tu_vong_duoi_1", infant);
    v.insert("tu_vong_duoi_5", infant + near(births as f64 * 0.0012, 1.0, &s("duoi_5")));
    let under5 = near(births as f64 * 4.9, 0.02, &s("duoi_5_n"));
    v.insert("tre_duoi_5", under5);
    v.insert("tre_duoi_1", near(births as f64 * 0.98, 0.01, &s("duoi_1_n")));
    v.insert(
        "tre_duoi_1_tcdd",
        near(v["tre_duoi_1"] as f64 * (0.94 + 0.008 * t), 0.01, &s("tc1")).min(v["tre_duoi_1"]),
    );
    v.insert("tre_duoi_5_tcdd", near(under5 as f64 * (0.90 + 0.01 * t), 0.01, &s("tc5")).min(under5));
    let measured = near(under5 as f64 * 0.92, 0.02, &s("can_do")).min(under5);
    let urban = (measured as f64 * urban_share).round() as u64;
    v.insert("can_do_thanh_thi", urban);
    v.insert("can_do_nong_thon", measured - urban);
    v.insert("suy_dd_can_nang", near(measured as f64 * (0.092 - 0.004 * t), 0.1, &s("cn")));
    v.insert("suy_dd_chieu_cao", near(measured as f64 * (0.16 - 0.006 * t), 0.1, &s("cc")));
    v.insert("beo_phi_nong_thon", near((measured - urban) as f64 * (0.045 + 0.002 * t), 0.2, &s("bpnt")));
    v.insert("beo_phi_thanh_thi", near(urban as f64 * (0.095 + 0.004 * t), 0.2, &s("bptt")));
    // Education.
    let schools = 2 + (random(&s("truong")) * 3.0) as u64 + u64::from(town) * 3;
    v.insert("co_so_giao_duc", schools);
    v.insert(
        "co_so_co_cong_trinh_vs",
        if t >= 3.0 || random(&s("vs")) < 0.8 { schools } else { schools - 1 },
    );
    v.insert(
        "truong_ho_tro_tam_ly",
        ((schools as f64) * (0.4 + 0.08 * t)).round().min(schools as f64) as u64,
    );
    v.insert(
        "truong_phu_hop_khuyet_tat",
        ((schools as f64) * (0.1 + 0.05 * t)).floor().min(schools as f64) as u64,
    );
    v.insert(
        "tre_duoi_5_phat_trien_phu_hop",
        near(under5 as f64 * (0.62 + 0.025 * t), 0.03, &s("pt")).min(under5),
    );
    let five = near(births as f64 * 1.02, 0.03, &s("5t"));
    v.insert("tre_5_tuoi", five);
    v.insert("tre_5_tuoi_di_mau_giao", if random(&s("mg")) < 0.85 { five } else { five - 1 });
    let grade5 = near(births as f64 * 1.05, 0.04, &s("l5"));
    v.insert("hs_lop_5", grade5);
    v.insert("hs_hoan_thanh_tieu_hoc", if random(&s("ht5")) < 0.8 { grade5 } else { grade5 - 1 });
    let grade9 = near(births as f64 * 1.0, 0.04, &s("l9"));
    v.insert("hs_lop_9", grade9);
    v.insert("hs_hoan_thanh_thcs", grade9 - near(grade9 as f64 * 0.015, 1.0, &s("ht9")).min(grade9));
    let lower = near(grade9 as f64 * 4.0, 0.03, &s("thcs"));
    v.insert("hs_thcs", lower);
    v.insert("hs_thcs_bo_hoc", near(lower as f64 * 0.0012, 1.0, &s("bh")));
    let disabled = near(tre_em as f64 * 0.008, 0.3, &s("kt"));
    v.insert("tre_kt_co_nhu_cau_hoc", disabled);
    v.insert(
        "tre_kt_duoc_tiep_can_gd",
        near(disabled as f64 * (0.45 + 0.08 * t), 0.1, &s("ktgd")).min(disabled),
    );
    // Justice.
    let marriages = near(tre_em as f64 * 0.012, 0.2, &s("kh"));
    v.insert("ket_hon_dung_tuoi", marriages);
    v.insert("tao_hon", if random(&s("th")) < 0.25 - 0.05 * t { 1 } else { 0 });
    v.insert(
        "tre_duoi_5_dang_ky_khai_sinh",
        near(under5 as f64 * (0.975 + 0.004 * t), 0.005, &s("ks")).min(under5),
    );
    // The whole-area figures, reported by each unit in a province's catalogue (ignored by the district's).
    v.insert("hiv_me_con", u64::from(random(&s("hiv")) < 0.05));
    v.insert("tre_bi_xam_hai", near(tre_em as f64 * (0.0009 - 0.0001 * t), 0.5, &s("xh")));
    let mut values: HashMap<String, Raw> =
        v.into_iter().map(|(k, n)| (k.to_string(), Raw::Number(n as f64))).collect();
    let yes = |name: &str, p: f64| Raw::Text(if random(&s(name)) < p { "Có" } else { "Không" }.into());
    values.insert("xa_dat_chuan_ptte".into(), yes("ptte", 0.6 + 0.08 * t));
    values.insert("xa_co_diem_vui_choi".into(), yes("vc", 0.75 + 0.07 * t));
    values
}

pub fn fields(year: u16, date: Date, unit_text: Option<String>) -> HashMap<Field, Raw> {
    let mut fields = HashMap::new();
    if let Some(text) = unit_text {
        fields.insert(Field::Unit, Raw::Text(text));
    }
    fields.insert(Field::Year, Raw::Number(year as f64));
    fields.insert(Field::Date, Raw::Date(date.excel_serial() as f64));
    fields.insert(Field::Preparer, Raw::Text("Nguyễn Văn An".into()));
    fields.insert(Field::Phone, Raw::Text("0239 3871 000".into()));
    fields
}

pub fn report_items(values: &mut HashMap<(Option<String>, String), Raw>, seed: &str) {
    values.insert((None, "kinh_phi_ngan_sach".into()), Raw::Number((20.0 + 30.0 * random(seed)).round()));
    values.insert(
        (None, "kinh_phi_nguon_khac".into()),
        Raw::Number((5.0 * random(&format!("{seed}-k"))).round() / 2.0),
    );
    values.insert(
        (None, "ket_qua".into()),
        Raw::Text("Triển khai đầy đủ các hoạt động theo kế hoạch năm.".into()),
    );
    values.insert(
        (None, "kho_khan".into()),
        Raw::Text("Kinh phí còn hạn chế; cán bộ kiêm nhiệm nhiều việc.".into()),
    );
    values.insert(
        (None, "kien_nghi".into()),
        Raw::Text("Đề nghị bố trí thêm kinh phí tập huấn cho cán bộ cơ sở.".into()),
    );
}

pub fn write(path: &Path, catalogue: &Catalogue, spec: &Spec, notes: &Annotations) {
    let bytes = template::build_annotated(catalogue, spec, notes).expect("workbook");
    std::fs::write(path, bytes).expect("write");
}

/// The one-unit workbook of `office_id` for `unit` in `year`, dated `date`, holding `values` for the office's
/// unit-level elements and the report items: its form and its answers.
pub fn unit_workbook<'a>(
    catalogue: &'a Catalogue,
    office_id: &str,
    unit: &'a Unit,
    year: u16,
    date: Date,
    values: &HashMap<String, Raw>,
) -> (Spec<'a>, Annotations) {
    let office = catalogue.office(office_id).expect("office");
    let spec = Spec {
        scope: Scope::Office(office),
        layout: Layout::Unit,
        reporter: Some(Reporter::Unit(unit)),
        year: Some(year),
    };
    let mut notes = Annotations {
        fields: fields(year, date, Some(format!("{} ({})", unit.full_name(), unit.code))),
        ..Annotations::default()
    };
    for element in catalogue.elements_of(office_id).filter(|e| e.level == ReportLevel::Unit) {
        notes.values.insert((None, element.code.clone()), values[&element.code].clone());
    }
    report_items(&mut notes.values, &format!("{}{office_id}{year}", unit.code));
    (spec, notes)
}
