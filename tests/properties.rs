//! Properties of the aggregation, on generated submissions: the order of input files, duplicates and the
//! split between one combined workbook and several office workbooks change nothing; the district numerator
//! is the sum of the units'; a corrected resubmission replaces exactly what it carries.

use plan::aggregate::{Aggregator, Input, Merged, aggregate};
use plan::catalogue::{Catalogue, Date};
use plan::rules::Checked;
use plan::submission::{Data, Position, ReporterId, Submission, Value};
use proptest::prelude::*;

const UNITS: [&str; 4] = ["18520", "18523", "18496", "18529"];
const HEALTH: [&str; 2] = ["tre_de_song", "tu_vong_so_sinh"];
const LABOUR: [&str; 2] = ["tre_em", "tre_hcdb"];

fn input(file: &str, office: Option<&str>, unit: &str, day: u8, values: &[(&str, u64)]) -> Input {
    let reporter = ReporterId::Unit { code: unit.into(), from: 2021 };
    let submission = Submission::of_counts(file, office, reporter, 2024, Date::new(2024, 10, day), values);
    let sha256 = format!("{file}-{values:?}");
    Input { checked: Checked { submission, findings: vec![], raw: None }, sha256 }
}

/// For each unit: births, neonatal deaths (≤ births), children, children in special circumstances.
fn district() -> impl Strategy<Value = Vec<[u64; 4]>> {
    prop::collection::vec((1u64..5000, 0u64..20, 1u64..9000, 0u64..200), UNITS.len())
        .prop_map(|v| v.into_iter().map(|(b, d, c, s)| [b, d.min(b), c, s.min(c)]).collect())
}

/// One workbook per office per unit.
fn office_inputs(figures: &[[u64; 4]]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for (unit, f) in UNITS.iter().zip(figures) {
        inputs.push(input(
            &format!("{unit}_y-te.xlsx"),
            Some("y-te"),
            unit,
            20,
            &[(HEALTH[0], f[0]), (HEALTH[1], f[1])],
        ));
        inputs.push(input(
            &format!("{unit}_ldtbxh.xlsx"),
            Some("ldtbxh"),
            unit,
            21,
            &[(LABOUR[0], f[2]), (LABOUR[1], f[3])],
        ));
    }
    inputs
}

fn part(catalogue: &Catalogue, id: &str) -> usize {
    catalogue.parts().position(|p| p.id == id).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn order_duplicates_and_the_office_split_change_nothing(figures in district(), seed in any::<u64>()) {
        let catalogue = Catalogue::embedded();
        let base = aggregate(office_inputs(&figures), &catalogue, 2024, false);
        // Another order.
        let mut shuffled = office_inputs(&figures);
        let len = shuffled.len();
        for i in 0..len {
            shuffled.swap(i, (seed as usize).wrapping_mul(i + 7) % len);
        }
        // A duplicate file.
        let mut duplicated = office_inputs(&figures);
        let mut copy = office_inputs(&figures).remove(0);
        copy.checked.submission.file = "zz-copy.xlsx".into();
        duplicated.push(copy);
        // One combined workbook per unit instead of one per office.
        let combined: Vec<Input> = UNITS
            .iter()
            .zip(&figures)
            .map(|(unit, f)| input(&format!("{unit}_chung.xlsx"), None, unit, 21, &[
                (HEALTH[0], f[0]), (HEALTH[1], f[1]), (LABOUR[0], f[2]), (LABOUR[1], f[3]),
            ]))
            .collect();
        for other in [shuffled, duplicated, combined] {
            let other = aggregate(other, &catalogue, 2024, false);
            for (a, b) in base.parts.iter().zip(&other.parts) {
                prop_assert_eq!(&a.district, &b.district, "part {}", &a.part);
            }
        }
    }

    #[test]
    fn folding_as_files_finish_reading_in_any_order_gives_the_same_aggregation(
        figures in district(),
        seed in any::<u64>(),
    ) {
        let catalogue = Catalogue::embedded();
        let mut inputs = office_inputs(&figures);
        inputs.push(input("18520_y-te_ban-sua.xlsx", Some("y-te"), UNITS[0], 27, &[(HEALTH[0], 1)]));
        inputs.push(input("18523_y-te_trung-ngay.xlsx", Some("y-te"), UNITS[1], 20, &[(HEALTH[1], 9999)]));
        // Regression (8fc5cbd): which of two byte-identical copies was read first changed the aggregation.
        // The same file sent twice (identical bytes), whichever copy is read first.
        let mut copy = inputs[0].clone();
        copy.checked.submission.file = "zz-gui-lai.xlsx".into();
        inputs.push(copy);
        let base = aggregate(inputs.clone(), &catalogue, 2024, false);
        // Index by file name, as the command does, then fold in a shuffled order (threads finish any way).
        inputs.sort_by(|a, b| a.checked.submission.file.cmp(&b.checked.submission.file));
        let mut order: Vec<usize> = (0..inputs.len()).collect();
        let len = order.len();
        for i in 0..len {
            order.swap(i, (seed as usize).wrapping_mul(i + 3) % len);
        }
        let mut aggregator = Aggregator::new(&catalogue, false);
        // Indices with gaps, as when one run feeds one aggregation per year: only their order counts.
        for index in order {
            aggregator.add(index * 3 + 1, inputs[index].clone());
        }
        let streamed = aggregator.finish(None).expect("one year");
        prop_assert_eq!(&base.values, &streamed.values);
        prop_assert_eq!(format!("{:?}", base.sources), format!("{:?}", streamed.sources));
        prop_assert_eq!(format!("{:?}", base.register), format!("{:?}", streamed.register));
        prop_assert_eq!(base.findings.len(), streamed.findings.len());
        prop_assert_eq!(base.conflicts(), 1, "the same-date different value is a conflict");
        for (a, b) in base.parts.iter().zip(&streamed.parts) {
            prop_assert_eq!(a.district.clone(), b.district.clone(), "part {}", &a.part);
            prop_assert_eq!(&a.units, &b.units);
        }
    }

    #[test]
    fn the_district_numerator_is_the_sum_of_the_units(figures in district()) {
        let catalogue = Catalogue::embedded();
        let aggregation = aggregate(office_inputs(&figures), &catalogue, 2024, false);
        let neonatal = &aggregation.parts[part(&catalogue, "3.1")];
        prop_assert_eq!(neonatal.district.numerator, Some(figures.iter().map(|f| f[1]).sum::<u64>()));
        prop_assert_eq!(neonatal.district.denominator, Some(figures.iter().map(|f| f[0]).sum::<u64>()));
        let units: u64 = neonatal.units.iter().filter_map(|(_, f)| f.numerator).sum();
        prop_assert_eq!(neonatal.district.numerator, Some(units));
    }

    #[test]
    fn a_corrected_resubmission_replaces_exactly_what_it_carries(figures in district(), births in 1u64..5000) {
        let catalogue = Catalogue::embedded();
        let mut inputs = office_inputs(&figures);
        inputs.push(input("18520_y-te_ban-sua.xlsx", Some("y-te"), UNITS[0], 27, &[(HEALTH[0], births)]));
        let aggregation = aggregate(inputs, &catalogue, 2024, false);
        let unit = ReporterId::Unit { code: UNITS[0].into(), from: 2021 };
        let value = |code: &str| match aggregation.values.get(&unit, code).expect("merged") {
            Merged::Value { data: Data::Count(n), .. } => Some(*n),
            _ => None,
        };
        prop_assert_eq!(value(HEALTH[0]), Some(births));
        prop_assert_eq!(value(HEALTH[1]), Some(figures[0][1]), "what the correction does not carry stays");
        prop_assert_eq!(value(LABOUR[0]), Some(figures[0][2]));
    }
}

#[test]
fn text_from_workbooks_is_written_as_text() {
    let catalogue = Catalogue::embedded();
    let mut inputs = office_inputs(&[[100, 1, 900, 10]; 4]);
    let reporter = ReporterId::Unit { code: UNITS[0].into(), from: 2021 };
    for (code, text) in [
        ("ket_qua", "=HYPERLINK(\"http://example.invalid\",\"bấm\")"),
        ("kho_khan", "+1"),
        ("kien_nghi", "@SUM(A1)"),
    ] {
        inputs[0].checked.submission.values.push(Value {
            reporter: reporter.clone(),
            code: code.into(),
            data: Data::Text(text.into()),
            at: Position { sheet: "Báo cáo".into(), row: 0, col: 4 },
        });
    }
    let aggregation = aggregate(inputs, &catalogue, 2024, false);
    let bytes = plan::report::build(&aggregation, &catalogue, plan::lang::Lang::Vi).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bao-cao.xlsx");
    std::fs::write(&path, bytes).unwrap();
    use calamine::{Data as Cell, Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = "Kinh phí, kiến nghị";
    let formulas = workbook.worksheet_formula(sheet).unwrap();
    assert_eq!(formulas.used_cells().count(), 0, "no text became a formula");
    let cells = workbook.worksheet_range(sheet).unwrap();
    for text in ["=HYPERLINK(\"http://example.invalid\",\"bấm\")", "+1", "@SUM(A1)"] {
        assert!(cells.used_cells().any(|(_, _, c)| c == &Cell::String(text.into())), "{text}");
    }
}
