//! A small district computed by hand: three units of 2024 (two rural xã, the township), a rural/urban
//! split, a zero denominator, the other 18 units missing, a conflict and a corrected resubmission.

use super::*;
use crate::attainment::Status;
use crate::catalogue::Date;
use crate::lang::Lang;
use crate::rules::{Checked, code};
use crate::submission::{Data, ReporterId, Submission};
use std::sync::Arc;

const A: &str = "18520"; // Lộc Yên
const B: &str = "18523"; // Hương Bình
const C: &str = "18496"; // Thị trấn Hương Khê

fn submission(file: &str, office: &str, unit: &str, day: u8, values: &[(&str, u64)]) -> Input {
    let reporter = ReporterId::Unit { code: unit.into(), from: 2021 };
    count_input(file, office, reporter, 2024, Date::new(2024, 10, day), values)
}

/// A one-unit workbook of `office` for `year`, checked without findings, holding the given counts.
pub(crate) fn count_input(
    file: &str,
    office: &str,
    reporter: ReporterId,
    year: u16,
    date: Option<Date>,
    values: &[(&str, u64)],
) -> Input {
    let sub = Submission::of_counts(file, Some(office), reporter, year, date, values);
    Input {
        checked: Checked { submission: sub, findings: vec![], raw: None },
        sha256: format!("sha-of-{file}"),
    }
}

fn inputs() -> Vec<Input> {
    let health = |a: u64, b: u64, c: u64, d: u64, e: u64, f: u64| {
        vec![
            ("tre_de_song", a),
            ("tu_vong_so_sinh", b),
            ("can_do_nong_thon", c),
            ("can_do_thanh_thi", d),
            ("beo_phi_nong_thon", e),
            ("beo_phi_thanh_thi", f),
        ]
    };
    let disaster = [("tre_gap_thien_tai", 0), ("tre_gap_thien_tai_duoc_ho_tro", 0)];
    vec![
        submission("a-y-te.xlsx", "y-te", A, 20, &health(200, 1, 300, 0, 12, 0)),
        submission("b-y-te-1.xlsx", "y-te", B, 15, &health(90, 1, 200, 0, 8, 0)),
        submission("b-y-te-2.xlsx", "y-te", B, 25, &[("tre_de_song", 100)]),
        submission("c-y-te.xlsx", "y-te", C, 20, &health(700, 1, 100, 400, 3, 50)),
        submission(
            "a-ldtbxh-1.xlsx",
            "ldtbxh",
            A,
            21,
            &[disaster[0], disaster[1], ("tre_hcdb", 5), ("tre_em", 900)],
        ),
        submission("a-ldtbxh-2.xlsx", "ldtbxh", A, 21, &[("tre_hcdb", 6)]),
        submission("b-ldtbxh.xlsx", "ldtbxh", B, 22, &disaster),
        submission("c-ldtbxh.xlsx", "ldtbxh", C, 31, &disaster),
    ]
}

fn part<'a>(aggregation: &'a Aggregation, catalogue: &Catalogue, id: &str) -> &'a PartFigures {
    &aggregation.parts[catalogue.parts().position(|p| p.id == id).unwrap()]
}

#[test]
fn district_values_are_ratios_of_summed_counts() {
    let catalogue = Catalogue::embedded();
    let aggregation = aggregate(inputs(), &catalogue, 2024, false);
    // 3.1: (1 + 1 + 1) deaths / (200 + 100 + 700) births = 3 ‰, which is not "dưới 3‰" of 2025.
    let neonatal = part(&aggregation, &catalogue, "3.1");
    assert_eq!((neonatal.district.numerator, neonatal.district.denominator), (Some(3), Some(1000)));
    assert_eq!(neonatal.district.value_text(1000, 2).as_deref(), Some("3.00"));
    assert_eq!(neonatal.district.judgement.status, Status::BelowNext(2025));
    assert_eq!(neonatal.coverage, (3, 21));
    // The mean of the unit rates (5 ‰, 10 ‰, 1,43 ‰) would be 5,48 ‰: not what is reported.
    let rates: Vec<f64> = neonatal.units.iter().filter_map(|(_, f)| f.value_f64(1000)).collect();
    assert_eq!(rates.len(), 3);
    let mean = rates.iter().sum::<f64>() / 3.0;
    assert!((mean - 5.476).abs() < 0.01 && (mean - 3.0).abs() > 2.0);
    // Every unit's births are under 1 000: "số nhỏ", so none is listed as short.
    assert!(neonatal.units.iter().filter(|(_, f)| f.numerator.is_some()).all(|(_, f)| f.small));
    assert!(neonatal.short.is_empty());
}

#[test]
fn rural_and_urban_obesity_are_split_and_zero_denominators_do_not_occur() {
    let catalogue = Catalogue::embedded();
    let aggregation = aggregate(inputs(), &catalogue, 2024, false);
    // 4.3 rural: 23 / 600 = 3,83 % < 5 %.
    let rural = part(&aggregation, &catalogue, "4.3");
    assert_eq!((rural.district.numerator, rural.district.denominator), (Some(23), Some(600)));
    assert_eq!(rural.district.judgement.status, Status::MeetsNext(2025));
    // 4.4 urban: only the township measured urban children: 50 / 400 = 12,5 %, not under 10 %.
    let urban = part(&aggregation, &catalogue, "4.4");
    assert_eq!((urban.district.numerator, urban.district.denominator), (Some(50), Some(400)));
    assert_eq!(urban.district.judgement.status, Status::BelowNext(2025));
    assert_eq!(urban.short, [Arc::from(C)]);
    let unit_status = |code: &str| urban.units.iter().find(|(c, _)| &**c == code).unwrap().1.judgement.status;
    assert_eq!(unit_status(A), Status::NotApplicable);
    assert_eq!(unit_status(B), Status::NotApplicable);
    // 12.1: no child hit by a disaster anywhere: nothing to compute, not 0 % nor 100 %.
    let disaster = part(&aggregation, &catalogue, "12.1");
    assert_eq!(disaster.district.judgement.status, Status::NotApplicable);
    assert_eq!(disaster.district.value_text(100, 2), None);
    // 6.1 is a district figure nobody sent.
    assert_eq!(part(&aggregation, &catalogue, "6.1").district.judgement.status, Status::NoData);
}

#[test]
fn conflicts_are_left_out_and_resubmissions_replace() {
    let catalogue = Catalogue::embedded();
    let aggregation = aggregate(inputs(), &catalogue, 2024, false);
    let key = |unit: &str, code: &str| (ReporterId::Unit { code: unit.into(), from: 2021 }, code.to_string());
    assert!(
        matches!(*aggregation.values.get(&key(A, "tre_hcdb").0, "tre_hcdb").unwrap(), Merged::Conflict { ref values, .. } if values == &["5", "6"])
    );
    assert_eq!(aggregation.conflicts(), 1);
    assert!(
        aggregation.findings.iter().any(|f| f.code == code::MERGE_CONFLICT && f.unit.as_deref() == Some(A))
    );
    // 8.1 for Lộc Yên has no numerator: not computed.
    let special = part(&aggregation, &catalogue, "8.1");
    assert_eq!(special.district.judgement.status, Status::NoData);
    // Hương Bình's births were corrected from 90 to 100 by a later workbook.
    assert!(matches!(
        *aggregation.values.get(&key(B, "tre_de_song").0, "tre_de_song").unwrap(),
        Merged::Value { data: Data::Count(100), .. }
    ));
    let first = aggregation.sources.iter().find(|s| s.file == "b-y-te-1.xlsx").unwrap();
    assert_eq!(first.replaced_values, 1);
    assert!(!aggregation.complete());
}

#[test]
fn the_register_knows_who_is_late_and_who_is_missing() {
    let catalogue = Catalogue::embedded();
    let aggregation = aggregate(inputs(), &catalogue, 2024, false);
    let line = |unit: &str, office: &str| {
        aggregation
            .register
            .iter()
            .find(|r| r.reporter == ReporterId::Unit { code: unit.into(), from: 2021 } && r.office == office)
            .unwrap()
            .status
    };
    assert_eq!(line(A, "y-te"), Submitted::OnTime);
    assert_eq!(line(C, "ldtbxh"), Submitted::Late); // dated 31/10: "trước ngày 30/10" was missed
    assert_eq!(line(A, "gd-dt"), Submitted::Missing);
    assert_eq!(line("18535", "y-te"), Submitted::Missing);
    // 21 units × 5 offices with commune figures, and the district lines of y-te and cong-an.
    assert_eq!(aggregation.register.len(), 21 * 5 + 2);
}

#[test]
fn the_order_of_inputs_and_duplicate_files_change_nothing() {
    let catalogue = Catalogue::embedded();
    let forward = aggregate(inputs(), &catalogue, 2024, false);
    let mut reversed = inputs();
    reversed.reverse();
    let mut with_duplicate = inputs();
    let mut copy = inputs().remove(0);
    copy.checked.submission.file = "z-copy-of-a.xlsx".into();
    copy.sha256 = "sha-of-a-y-te.xlsx".into();
    with_duplicate.push(copy);
    for other in
        [aggregate(reversed, &catalogue, 2024, false), aggregate(with_duplicate, &catalogue, 2024, false)]
    {
        for (a, b) in forward.parts.iter().zip(&other.parts) {
            assert_eq!(a.district, b.district, "part {}", a.part);
        }
        assert_eq!(forward.values, other.values);
    }
    let report = |a: &Aggregation| crate::report::build(a, &catalogue, crate::lang::Lang::Vi).unwrap();
    let mut reversed = inputs();
    reversed.reverse();
    assert_eq!(
        report(&forward),
        report(&aggregate(reversed, &catalogue, 2024, false)),
        "byte-identical report"
    );
}

#[test]
fn coverage_counts_what_entered_the_figure_and_whole_area_lines_name_their_holder() {
    // Regression (597161f): units that sent their counts were counted as covered although no district
    // figure came of them (9.1 without the police's count).
    let catalogue = Catalogue::embedded();
    let aggregation = aggregate(inputs(), &catalogue, 2024, false);
    // 9.1 needs the police's whole-area count of abused children; Lộc Yên sent its children under 16, the
    // police nothing: no figure, and so no unit counted as covered.
    let abuse = part(&aggregation, &catalogue, "9.1");
    assert_eq!(abuse.district.judgement.status, Status::NoData);
    assert_eq!(abuse.coverage, (0, 21));
    let police = aggregation
        .register
        .iter()
        .find(|r| r.reporter == ReporterId::District && r.office == "cong-an")
        .unwrap();
    assert_eq!(police.who(&catalogue, 2024), "Công an huyện Hương Khê — toàn huyện Hương Khê (444)");
    assert_eq!(police.who(&catalogue, 2026), "Công an tỉnh Hà Tĩnh — toàn huyện Hương Khê (444)");
}

#[test]
fn a_numerator_above_its_denominator_is_flagged_not_judged() {
    // Regression (597161f): a numerator above its denominator was judged met, for the unit and the district.
    // 1,300 fully immunised of 1,200 children under 1 (accepted with --include-with-errors): 108,33 % would
    // "meet" 2030's level; it is not judged, for the unit nor for the district.
    let catalogue = Catalogue::embedded();
    let vaccines = [("tre_duoi_1", 1200), ("tre_duoi_1_tcdd", 1300)];
    let inputs = vec![submission("a-y-te.xlsx", "y-te", A, 20, &vaccines)];
    let aggregation = aggregate(inputs, &catalogue, 2024, true);
    let immunised = part(&aggregation, &catalogue, "5.1");
    assert_eq!(immunised.district.judgement.status, Status::Implausible);
    assert_eq!(
        immunised.units.iter().find(|(c, _)| &**c == A).unwrap().1.judgement.status,
        Status::Implausible
    );
    assert!(immunised.short.is_empty());
    assert_eq!(Status::Implausible.label(Lang::Vi), "Không đánh giá: tử số lớn hơn mẫu số");
}

#[test]
fn a_numerator_above_a_denominator_of_another_file_names_both_files_and_cells() {
    // Regression (issue 23): checks on the merged values cited "(ô A1)" for every value, in a file
    // "(tổng hợp)". A resubmission brings the immunised count (row 30); the first workbook's children under
    // 1 (row 20) stay: each is named by its own file and cell.
    let catalogue = Catalogue::embedded();
    let mut first = submission("a-y-te-1.xlsx", "y-te", A, 20, &[("tre_duoi_1", 1200)]);
    first.checked.submission.values[0].at.row = 19;
    let mut second = submission("a-y-te-2.xlsx", "y-te", A, 25, &[("tre_duoi_1_tcdd", 1300)]);
    second.checked.submission.values[0].at.row = 29;
    let aggregation = aggregate(vec![first, second], &catalogue, 2024, false);
    let found: Vec<&crate::rules::Finding> =
        aggregation.findings.iter().filter(|f| f.code == code::NUMERATOR_ABOVE_DENOMINATOR).collect();
    assert_eq!(found.len(), 1, "{:#?}", aggregation.findings);
    let places: Vec<(&str, &str, &str)> =
        found[0].places.iter().map(|p| (p.file.as_str(), p.cell.as_str(), p.element.as_str())).collect();
    assert_eq!(
        places,
        [("a-y-te-2.xlsx", "Báo cáo!E30", "tre_duoi_1_tcdd"), ("a-y-te-1.xlsx", "Báo cáo!E20", "tre_duoi_1")]
    );
    assert_eq!((found[0].file.as_str(), found[0].cell.as_deref()), ("a-y-te-2.xlsx", Some("Báo cáo!E30")));
    let message = &found[0].message;
    assert!(message.contains("(1300, tệp a-y-te-2.xlsx, ô Báo cáo!E30)"), "{message}");
    assert!(message.contains("(1200, tệp a-y-te-1.xlsx, ô Báo cáo!E20)"), "{message}");
    assert!(
        found[0].message_en.contains("(1300, file a-y-te-2.xlsx, cell Báo cáo!E30)"),
        "{}",
        found[0].message_en
    );
    for finding in &aggregation.findings {
        assert!(!finding.message.contains("ô A1") && finding.file != "(tổng hợp)", "{finding:?}");
    }
}
