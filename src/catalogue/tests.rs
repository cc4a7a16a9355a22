//! Tests of the embedded catalogue and of loading broken catalogues.

use super::*;
use crate::attainment::{Observation, Op, Status, judge};

fn embedded_with_warnings() -> (Catalogue, Vec<Problem>) {
    load(DEFAULT_TOML).expect("the embedded catalogue loads")
}

#[test]
fn embedded_catalogue_is_sound_and_complete() {
    let (catalogue, warnings) = embedded_with_warnings();
    // The only warning: the record of which 2025 xã took Phú Phong is missing (units.md).
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].key, "units[18535]");
    assert_eq!(catalogue.targets.len(), 24);
    assert_eq!(catalogue.parts().count(), 35);
    assert_eq!(catalogue.groups.len(), 4);
    let reporting: Vec<&str> = catalogue.reporting_offices().map(|o| o.id.as_str()).collect();
    assert_eq!(reporting, ["ldtbxh", "tu-phap", "gd-dt", "y-te", "vh-tt", "cong-an"]);
    assert!(!catalogue.office("tc-kh").unwrap().reports);
    let numbers: Vec<u16> = catalogue.targets.iter().map(|t| t.number).collect();
    assert_eq!(numbers, (1..=24).collect::<Vec<_>>());
    assert_eq!(catalogue.plan.start_year, 2021);
    assert_eq!(catalogue.plan.end_year, 2030);
    assert_eq!(catalogue.plan.milestones, [2025, 2030]);
    assert_eq!(catalogue.plan.number, "80/KH-UBND");
    assert!(!catalogue.reporting.deadline.inclusive);
}

#[test]
fn lead_offices_follow_section_two() {
    let catalogue = Catalogue::embedded();
    let led_by = |office: &str| -> Vec<u16> {
        catalogue.targets.iter().filter(|t| t.lead.iter().any(|o| o == office)).map(|t| t.number).collect()
    };
    assert_eq!(led_by("ldtbxh"), [1, 2, 8, 9, 10, 11, 12, 22, 23, 24]);
    assert_eq!(led_by("tu-phap"), [13, 14]);
    assert_eq!(led_by("gd-dt"), [7, 15, 16, 17, 18, 19, 20]);
    assert_eq!(led_by("y-te"), [3, 4, 5, 6]);
    assert_eq!(led_by("vh-tt"), [21]);
    assert_eq!(led_by("cong-an"), [9]);
    assert!(led_by("tc-kh").is_empty());
}

#[test]
fn units_depend_on_the_year() {
    let catalogue = Catalogue::embedded();
    assert_eq!(catalogue.units_in(2021).count(), 21);
    assert_eq!(catalogue.units_in(2024).count(), 21);
    assert_eq!(catalogue.units_in(2025).count(), 7);
    assert_eq!(catalogue.units_in(2030).count(), 7);
    assert_eq!(catalogue.unit("18550", 2024).unwrap().name, "Hương Trà");
    assert_eq!(catalogue.unit("18550", 2025).unwrap().name, "Hương Đô");
    assert!(catalogue.unit("18535", 2025).is_none());
    let huong_do = catalogue.unit("18550", 2025).unwrap();
    let covered: Vec<&str> =
        huong_do.covers.iter().map(|k| catalogue.unit_by_ref(k).unwrap().name.as_str()).collect();
    assert_eq!(covered, ["Lộc Yên", "Hương Trà", "Hương Đô"]);
    // Every 2024 unit but Phú Phong is covered by exactly one 2025 xã.
    for unit in catalogue.units_in(2024) {
        let covering = catalogue.units_in(2025).filter(|u| u.covers.contains(&unit.key())).count();
        assert_eq!(covering, usize::from(unit.code != "18535"), "{}", unit.name);
    }
    assert_eq!(catalogue.unit("18496", 2024).unwrap().full_name(), "Thị trấn Hương Khê");
    assert_eq!(catalogue.unit("18496", 2025).unwrap().full_name(), "Xã Hương Khê");
}

/// Expected milestone levels of one part: (year, comparator, value).
type Milestones<'a> = &'a [(u16, Op, &'a str)];

/// The milestone levels as read from the plan's appendix, independently of the TOML.
#[test]
fn levels_match_the_plan() {
    use Op::*;
    let expected: &[(&str, Milestones)] = &[
        ("1.1", &[(2025, Ge, "90"), (2030, Ge, "95")]),
        ("2.1", &[(2025, Ge, "80"), (2030, Ge, "95")]),
        ("3.1", &[(2025, Lt, "3"), (2030, Lt, "2,8")]),
        ("3.2", &[(2025, Lt, "6"), (2030, Lt, "5,5")]),
        ("3.3", &[(2025, Lt, "6,9"), (2030, Lt, "6,4")]),
        ("4.1", &[(2025, Lt, "7,8"), (2030, Lt, "6,2")]),
        ("4.2", &[(2025, Lt, "14"), (2030, Lt, "13,5")]),
        ("4.3", &[(2025, Lt, "5"), (2030, Lt, "4,5")]),
        ("4.4", &[(2025, Lt, "10"), (2030, Lt, "9,5")]),
        ("5.1", &[(2025, Gt, "95"), (2030, Gt, "95")]),
        ("5.2", &[(2030, Gt, "95")]),
        ("6.1", &[(2030, Eq, "0")]),
        ("8.1", &[(2025, Lt, "1,5"), (2030, Lt, "1")]),
        ("8.2", &[(2025, Ge, "95"), (2030, Ge, "98")]),
        ("9.1", &[(2025, Lt, "4,5"), (2030, Lt, "4")]),
        ("10.1", &[(2025, Le, "4,5"), (2030, Le, "3,5")]),
        ("11.1", &[(2025, Le, "550"), (2030, Le, "500")]),
        ("11.2", &[(2025, Le, "16"), (2030, Le, "15")]),
        ("14.1", &[(2025, Ge, "98,5"), (2030, Ge, "100")]),
        ("15.1", &[(2025, Ge, "70"), (2030, Ge, "75")]),
        ("18.1", &[(2025, Ge, "98"), (2030, Ge, "98,9")]),
        ("18.2", &[(2025, Lt, "0,14"), (2030, Lt, "0,05")]),
        ("19.1", &[(2025, Ge, "70")]),
        ("20.1", &[(2025, Ge, "20"), (2030, Ge, "60")]),
        ("20.2", &[(2025, Ge, "50"), (2030, Ge, "90")]),
        ("22.1", &[(2025, Ge, "30"), (2030, Ge, "35")]),
        ("23.1", &[(2025, Ge, "85"), (2030, Ge, "90")]),
        ("24.1", &[(2025, Ge, "30"), (2030, Ge, "35")]),
    ];
    let catalogue = Catalogue::embedded();
    for (id, levels) in expected {
        let part = catalogue.part(id).unwrap();
        let got: Vec<(u16, Op, String)> =
            part.levels.iter().map(|l| (l.year, l.op, l.value.to_vietnamese())).collect();
        let want: Vec<(u16, Op, String)> = levels.iter().map(|(y, op, v)| (*y, *op, v.to_string())).collect();
        assert_eq!(got, want, "part {id}");
        assert!(part.levels.iter().all(|l| l.held.is_none()), "part {id} has only milestones");
    }
    // Levels held over a span of years: "duy trì", no year, "giai đoạn từ năm 2025 đến năm 2030".
    let held: &[(&str, u16, Op, &str)] = &[
        ("7.1", 2025, Ge, "100"),
        ("12.1", 2021, Ge, "100"),
        ("13.1", 2025, Ge, "100"),
        ("13.2", 2025, Eq, "0"),
        ("16.1", 2021, Ge, "100"),
        ("17.1", 2025, Ge, "100"),
        ("21.1", 2024, Ge, "100"),
    ];
    for (id, from, op, value) in held {
        let part = catalogue.part(id).unwrap();
        let years: Vec<u16> = part.levels.iter().map(|l| l.year).collect();
        assert_eq!(years, (*from..=2030).collect::<Vec<_>>(), "part {id}");
        assert!(part.levels.iter().all(|l| l.op == *op && l.value.to_vietnamese() == *value), "part {id}");
        assert!(part.levels.iter().all(|l| l.held == Some((*from, 2030))), "part {id}");
    }
    assert_eq!(expected.len() + held.len(), 35);
}

#[test]
fn parts_are_ratios_of_raw_counts() {
    let catalogue = Catalogue::embedded();
    for part in catalogue.parts() {
        assert!(!part.numerator.is_empty(), "{}", part.id);
        assert_eq!(part.factor, part.unit.factor(), "{}", part.id);
        assert_eq!(part.unit.has_denominator(), !part.denominator.is_empty(), "{}", part.id);
        for code in part.numerator.iter().chain(&part.denominator) {
            assert!(catalogue.element(code).is_some(), "{} uses {code}", part.id);
        }
    }
    let measured = ["can_do_nong_thon", "can_do_thanh_thi"];
    assert_eq!(catalogue.part("4.1").unwrap().denominator, measured);
    assert_eq!(catalogue.part("13.1").unwrap().denominator, ["ket_hon_dung_tuoi", "tao_hon"]);
    assert_eq!(catalogue.part("3.1").unwrap().denominator, ["tre_de_song"]);
    assert_eq!(catalogue.part("9.1").unwrap().offices, ["ldtbxh", "cong-an"]);
}

#[test]
fn attainment_against_the_plan() {
    let catalogue = Catalogue::embedded();
    let status = |id: &str, year: u16, numerator: u64, denominator: Option<u64>| {
        let part = catalogue.part(id).unwrap();
        judge(&part.levels, part.factor, year, &Observation::Counts { numerator, denominator }).status
    };
    // "xuống 3,5% vào năm 2030": 7 of 200 is exactly 3,5 %.
    assert_eq!(status("10.1", 2030, 7, Some(200)), Status::Met);
    // "dưới 3‰": 3 of 1000 is not below.
    assert_eq!(status("3.1", 2025, 3, Some(1000)), Status::NotMet);
    // "đạt trên 95%": 95 of 100 is not above.
    assert_eq!(status("5.1", 2025, 95, Some(100)), Status::NotMet);
    // "đạt 90%" of communes: 19 of 21 is 90,47 %.
    assert_eq!(status("1.1", 2025, 19, Some(21)), Status::Met);
    assert_eq!(status("1.1", 2023, 18, Some(21)), Status::BelowNext(2025));
    // 16.1 holds every year.
    assert_eq!(status("16.1", 2022, 99, Some(100)), Status::NotMet);
    // 19.1 has only 2025: later years compare with it, said as such.
    assert_eq!(status("19.1", 2027, 7, Some(10)), Status::MeetsPast(2025));
    // 6.1 has only 2030.
    assert_eq!(status("6.1", 2024, 1, None), Status::BelowNext(2030));
    // No child hit by a disaster: nothing to compute.
    assert_eq!(status("12.1", 2024, 0, Some(0)), Status::NotApplicable);
}

fn problems_of(text: &str) -> Vec<(Severity, Option<usize>, String, String)> {
    let problems = load(text).expect_err("the catalogue is refused");
    problems.into_iter().map(|p| (p.severity, p.line, p.key, p.message_en)).collect()
}

#[test]
fn a_broken_catalogue_yields_every_problem_with_its_line() {
    use Severity::*;
    let got = problems_of(include_str!("../../tests/fixtures/catalogue/broken.toml"));
    let expected = [
        (Error, 43, "offices[y-te]", "duplicate id «y-te»"),
        (Error, 61, "units[00003].covers", "no unit with code 00009 reports in 2024 for this unit to cover"),
        (
            Warning,
            71,
            "elements[tu_vong_so_sinh]",
            "data element «tu_vong_so_sinh» feeds no part and no rule",
        ),
        (Error, 76, "elements[tu_vong_so_sinh].office", "unknown office «cong-an»"),
        (Error, 102, "targets.parts[1.1].numerator", "unknown data element «tu_vong_sos»"),
        (
            Warning,
            106,
            "targets.parts[1.1].levels",
            "the wording «dưới 4‰ vào năm 2024» reads as «< 4» but the level says «<= 4»",
        ),
        (Error, 107, "targets.parts[1.1].levels", "target year 2031 is outside the span 2022–2026"),
        (Error, 110, "targets.parts[1.2].levels", "part 1.2 has no target level (levels)"),
        (Error, 115, "targets.parts[1.2].numerator", "data element «xa_phu_hop» must be a count"),
        (Error, 120, "targets[2]", "target 2 has no measurable part (targets.parts)"),
        (
            Error,
            128,
            "rules[so-sinh].expr",
            "the rule does not parse at character 19: unexpected character «=»",
        ),
    ];
    let expected: Vec<_> =
        expected.iter().map(|(s, l, k, m)| (*s, Some(*l), k.to_string(), m.to_string())).collect();
    assert_eq!(got, expected);
}

#[test]
fn a_small_catalogue_of_another_district_loads() {
    let (catalogue, warnings) = load(include_str!("../../tests/fixtures/catalogue/small.toml")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(catalogue.plan.milestones, [2024, 2026]);
    assert!(catalogue.reporting.deadline.inclusive);
    assert_eq!(catalogue.units_in(2023).count(), 2);
    assert_eq!(catalogue.part("2.1").unwrap().levels.len(), 5);
}

#[test]
fn syntax_errors_and_inexact_numbers_name_their_line() {
    let text = "schema = 1\nversion = \"x\"\n[plan\n";
    let got = problems_of(text);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1, Some(3));
    assert!(got[0].3.starts_with("the TOML file cannot be read"), "{}", got[0].3);

    let small = include_str!("../../tests/fixtures/catalogue/small.toml");
    let float = small.replace("value = \"3,5\"", "value = 3.5");
    let got = problems_of(&float);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].3.contains("as a string"), "{}", got[0].3);
    let line = small.lines().position(|l| l.contains("value = \"3,5\"")).unwrap() + 1;
    assert_eq!(got[0].1, Some(line));

    let unknown_field = small.replace("factor = 1000", "factor = 1000\nnumerater = []");
    let got = problems_of(&unknown_field);
    assert!(got[0].3.contains("numerater"), "{}", got[0].3);
}

#[test]
fn a_code_reused_in_overlapping_years_is_refused() {
    let small = include_str!("../../tests/fixtures/catalogue/small.toml");
    let reused = small.replace("code = \"00002\"", "code = \"00001\"");
    let got = problems_of(&reused);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, "units[00001]");
    assert!(got[0].3.contains("already used"));
}

#[test]
fn wrong_factor_and_denominator_are_refused() {
    let small = include_str!("../../tests/fixtures/catalogue/small.toml");
    let text = small.replace("factor = 1000", "factor = 100").replace(
        "numerator = [\"xa_phu_hop\"]",
        "numerator = [\"xa_phu_hop\"]\ndenominator = [\"tre_de_song\"]",
    );
    let got = problems_of(&text);
    let messages: Vec<&str> = got.iter().map(|p| p.3.as_str()).collect();
    assert_eq!(
        messages,
        [
            "factor 100 does not match unit «per_mille» (must be 1000)",
            "part 2.1 is measured in «percent_units» and takes no denominator",
        ]
    );
}

#[test]
fn the_report_document_follows_the_years_of_the_reform() {
    let catalogue = Catalogue::embedded();
    let district = catalogue.document(2024);
    assert_eq!(district.issuer_header, ["ỦY BAN NHÂN DÂN", "HUYỆN HƯƠNG KHÊ"]);
    assert_eq!(district.number_line(), "Số: …/BC-UBND");
    assert_eq!(district.date_line(2024), "Hương Khê, ngày      tháng      năm 2024");
    assert_eq!(district.signature, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
    assert!(district.signer.is_empty(), "names are left blank");
    assert!(district.opening_for(2024).contains("năm 2024 như sau:"));
    let province = catalogue.document(2025);
    assert_eq!(province.issuer_header, ["UBND TỈNH HÀ TĨNH", "SỞ Y TẾ"]);
    assert_eq!(province.place, "Hà Tĩnh");
    assert_eq!(province.recipients, ["Ủy ban nhân dân tỉnh Hà Tĩnh"]);
    // A catalogue without document data still gives a form, from the plan and the receiver of the year.
    let (small, _) = load(include_str!("../../tests/fixtures/catalogue/small.toml")).unwrap();
    assert!(small.reporting.documents.is_empty());
    let form = small.document(2023);
    assert_eq!(form.issuer_header, small.plan.issuer_header);
    assert_eq!(form.place, small.plan.place);
}

#[test]
fn a_report_document_with_overlapping_years_or_an_unknown_placeholder_is_refused() {
    let overlapping = DEFAULT_TOML.replacen(
        "from = 2025\nto = 2030\nissuer_header",
        "from = 2024\nto = 2030\nissuer_header",
        1,
    );
    assert_ne!(overlapping, DEFAULT_TOML);
    let got = problems_of(&overlapping);
    assert!(
        got.iter().any(|(s, _, k, m)| *s == Severity::Error
            && k == "reporting.documents"
            && m.contains("2024–2030 already have another document form")),
        "{got:?}"
    );
    let section = DEFAULT_TOML.replacen("section = \"difficulties\"", "section = \"spending\"", 1);
    let got = problems_of(&section);
    assert!(
        got.iter().any(
            |(_, _, k, m)| k == "report_items[kho_khan].section" && m.contains("«spending» does not fit")
        ),
        "{got:?}"
    );
    let placeholder = DEFAULT_TOML.replacen("năm {year} như sau", "năm {nam} như sau", 1);
    let got = problems_of(&placeholder);
    let line = placeholder.lines().position(|l| l.contains("{nam}")).unwrap() + 1;
    assert!(
        got.iter().any(|(_, l, _, m)| *l == Some(line) && m.contains("«{nam}» is not a placeholder")),
        "{got:?}"
    );
}

#[test]
fn whole_area_figures_have_a_holder_per_year() {
    let catalogue = Catalogue::embedded();
    let holder = |office: &str, year: u16| catalogue.area_holder(office, year).map(|h| h.name.as_str());
    assert_eq!(holder("cong-an", 2024), Some("Công an huyện Hương Khê"));
    assert_eq!(holder("cong-an", 2025), Some("Công an tỉnh Hà Tĩnh"));
    assert_eq!(holder("y-te", 2026), Some("Trung tâm Y tế khu vực Hương Khê"));
    assert_eq!(holder("gd-dt", 2024), None);

    let small = include_str!("../../tests/fixtures/catalogue/small.toml");
    let holders =
        "[[reporting.area_holders]]\nfrom = 2022\nto = 2040\noffice = \"khong-co\"\nname = \"X\"\n\n";
    let broken = small.replacen("[[offices]]", &format!("{holders}[[offices]]"), 1);
    let got = problems_of(&broken);
    let keys: Vec<(&str, &str)> = got.iter().map(|p| (p.2.as_str(), p.3.as_str())).collect();
    assert_eq!(
        keys,
        [
            ("reporting.area_holders", "unknown office «khong-co»"),
            ("reporting.area_holders", "years 2022–2040 are not within the plan"),
        ],
        "{got:?}"
    );
}

/// The embedded catalogue without the `dhis2_id` of the units that reuse a code.
fn embedded_without_unit_ids() -> String {
    DEFAULT_TOML.lines().filter(|l| !l.starts_with("dhis2_id = ")).collect::<Vec<_>>().join("\n")
}

// Regression (issue 23): Hương Trà (18550, until 2024) and Hương Đô (18550, from 2025) went to one DHIS2
// organisation unit without a word.
#[test]
fn a_code_reused_after_the_merger_needs_dhis2_ids_that_tell_the_units_apart() {
    let text = embedded_without_unit_ids();
    // Every other command still uses the catalogue; `catalogue check` counts the errors.
    let (_, problems) = load(&text).expect("the catalogue is used outside DHIS2");
    let shared: Vec<&Problem> = problems.iter().filter(|p| p.only_dhis2).collect();
    assert_eq!(shared.len(), 7, "{shared:#?}");
    assert!(shared.iter().all(|p| p.severity == Severity::Error));
    let huong_do = shared.iter().find(|p| p.key == "units[18550].dhis2_id").unwrap();
    // The line of the later unit's code.
    let line = text.lines().collect::<Vec<_>>().iter().rposition(|l| *l == "code = \"18550\"").unwrap() + 1;
    assert_eq!(huong_do.line, Some(line));
    assert!(huong_do.message.contains("Xã Hương Trà (18550, 2021–2024) và Xã Hương Đô (18550, 2025–2030)"));
    // Ids on both units part them; one id shared by two units does not.
    let parted = text.replacen(
        "code = \"18550\"\nname = \"Hương Đô\"",
        "code = \"18550\"\nname = \"Hương Đô\"\ndhis2_id = \"HuongDo0001\"",
        1,
    );
    let (_, problems) = load(&parted).unwrap();
    assert!(!problems.iter().any(|p| p.key == "units[18550].dhis2_id"), "{problems:#?}");
    let same_id = parted.replacen(
        "code = \"18520\"\nname = \"Lộc Yên\"",
        "code = \"18520\"\nname = \"Lộc Yên\"\ndhis2_id = \"HuongDo0001\"",
        1,
    );
    let (_, problems) = load(&same_id).unwrap();
    let clash = problems.iter().find(|p| p.key == "units[18550].dhis2_id").expect("one id for two units");
    assert!(clash.message_en.contains("Xã Lộc Yên (18520, 2021–2024) and Xã Hương Đô (18550, 2025–2030)"));
}

#[test]
fn a_unit_that_only_carries_on_may_keep_its_organisation_unit() {
    let small = include_str!("../../tests/fixtures/catalogue/small.toml");
    let split = small.replacen(
        "code = \"00001\"\nname = \"Một\"\nkind = \"xa\"\nfrom = 2022\nto = 2026",
        "code = \"00001\"\nname = \"Một\"\nkind = \"xa\"\nfrom = 2022\nto = 2023\n\n[[units]]\ncode = \"00001\"\n\
         name = \"Một\"\nkind = \"phuong\"\nfrom = 2024\nto = 2026\ncovers = [\"00001\"]",
        1,
    );
    assert_ne!(split, small);
    let (catalogue, warnings) = load(&split).unwrap();
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!(catalogue.units.len(), 3);
}

// Regression (issue 23): the DHIS2 period was the calendar year ("2024") for a report of 01/10/2023–30/09/2024.
#[test]
fn the_dhis2_period_follows_the_reporting_period_unless_the_catalogue_names_one() {
    let embedded = Catalogue::embedded();
    assert_eq!(embedded.dhis2_period(2024).as_deref(), Some("2023Oct"));
    let small = include_str!("../../tests/fixtures/catalogue/small.toml");
    let (calendar, _) = load(small).unwrap();
    assert_eq!(calendar.dhis2_period(2024).as_deref(), Some("2024"));
    let with_key = |value: &str| {
        DEFAULT_TOML.replacen("coordinator = \"ldtbxh\"", &format!("coordinator = \"ldtbxh\"\n{value}"), 1)
    };
    let (chosen, _) = load(&with_key("dhis2_period = \"calendar\"")).unwrap();
    assert_eq!(chosen.dhis2_period(2024).as_deref(), Some("2024"));
    let (pattern, _) = load(&with_key("dhis2_period = \"{start_year}Sep\"")).unwrap();
    assert_eq!(pattern.dhis2_period(2024).as_deref(), Some("2023Sep"));
    // A period no DHIS2 type matches: an error of `catalogue check` alone, and no period.
    let odd = small.replacen(
        "start_month = 1, start_day = 1, start_year_offset = 0, end_month = 12, end_day = 31",
        "start_month = 12, start_day = 16, start_year_offset = -1, end_month = 12, end_day = 15",
        1,
    );
    let (catalogue, problems) = load(&odd).unwrap();
    assert_eq!(catalogue.dhis2_period(2024), None);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].only_dhis2 && problems[0].key == "reporting.dhis2_period");
    assert!(problems[0].message.contains("16/12–15/12"), "{}", problems[0].message);
    // A word that is no period is refused outright, with its line.
    let got: Vec<_> = problems_of(&with_key("dhis2_period = \"quarterly\""))
        .into_iter()
        .filter(|p| p.0 == Severity::Error)
        .collect();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, "reporting.dhis2_period");
    let line = with_key("dhis2_period = \"quarterly\"").lines().position(|l| l.starts_with("dhis2_period"));
    assert_eq!(got[0].1, line.map(|l| l + 1));
}
