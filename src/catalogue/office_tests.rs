//! Tests of offices that change over time: years, names by year, successors, elements and leads by year.

use super::*;

const SMALL: &str = include_str!("../../tests/fixtures/catalogue/small.toml");

/// The small catalogue with `extra` after the office `id`'s own keys.
fn with_office_keys(text: &str, id: &str, extra: &str) -> String {
    let at = format!("[[offices]]\nid = \"{id}\"\n");
    let start = text.find(&at).expect("office in the fixture");
    let end = start + text[start..].find("\n\n").expect("end of the office");
    format!("{}\n{extra}{}", &text[..end], &text[end..])
}

fn messages(text: &str) -> Vec<(String, String)> {
    let problems = load(text).expect_err("the catalogue is refused");
    problems.into_iter().map(|p| (p.key, p.message_en)).collect()
}

#[test]
fn a_catalogue_without_years_of_offices_loads_as_before() {
    // Users' edited copies of today's format keep loading and meaning the same.
    let (catalogue, warnings) = load(SMALL).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let health = catalogue.office("y-te").unwrap();
    assert_eq!((health.from, health.to, health.successor.as_deref()), (2022, 2026, None));
    assert_eq!((health.name_in(2022), health.name_in(2026)), ("Phòng Y tế", "Phòng Y tế"));
    let element = catalogue.element("tre_de_song").unwrap();
    assert_eq!(element.offices, [OfficeSpan { from: 2022, to: 2026, office: "y-te".into() }]);
    assert_eq!(catalogue.targets[0].lead_in(2025), ["y-te"]);
    assert_eq!(catalogue.reporting_offices_in(2025).count(), 2);
}

#[test]
fn names_by_year_replace_the_office_s_own() {
    let names = "[[offices.names]]\nfrom = 2025\nto = 2026\nname = \"Sở Y tế tỉnh Mẫu\"\nshort = \"Sở Y tế\"\nletterhead = [\"UBND TỈNH MẪU\", \"SỞ Y TẾ\"]\n";
    let text = with_office_keys(SMALL, "y-te", &format!("name_en = \"Health Office\"\n\n{names}"));
    let (catalogue, _) = load(&text).unwrap();
    let health = catalogue.office("y-te").unwrap();
    assert_eq!((health.name_in(2024), health.short_in(2024)), ("Phòng Y tế", "Phòng Y tế"));
    assert_eq!((health.name_in(2025), health.short_in(2025)), ("Sở Y tế tỉnh Mẫu", "Sở Y tế"));
    assert!(health.letterhead_in(2024).is_empty());
    assert_eq!(health.letterhead_in(2025), ["UBND TỈNH MẪU", "SỞ Y TẾ"]);
    // The English name is not inherited by the new body: its Vietnamese name stands in.
    assert_eq!(health.name_lang(2024, crate::lang::Lang::En), "Health Office");
    assert_eq!(health.name_lang(2025, crate::lang::Lang::En), "Sở Y tế tỉnh Mẫu");
}

#[test]
fn an_office_that_ends_passes_its_portfolio_to_its_successor() {
    let text = with_office_keys(SMALL, "ldtbxh", "to = 2024\nsuccessor = \"y-te\"\n");
    let (catalogue, warnings) = load(&text).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let ids = |year| catalogue.reporting_offices_in(year).map(|o| o.id.as_str()).collect::<Vec<_>>();
    assert_eq!((ids(2024), ids(2025)), (vec!["ldtbxh", "y-te"], vec!["y-te"]));
    let element = catalogue.element("xa_phu_hop").unwrap();
    assert_eq!((element.office_in(2024), element.office_in(2025)), ("ldtbxh", "y-te"));
    assert_eq!(catalogue.elements_of_in("y-te", 2025).count(), 3);
    assert_eq!(catalogue.targets[1].lead_in(2025), ["y-te"]);
    assert_eq!(catalogue.part("2.1").unwrap().offices_in(2026), ["y-te"]);
    assert_eq!(catalogue.office_holder_in("ldtbxh", 2025).map(|o| o.id.as_str()), Some("y-te"));
}

#[test]
fn an_element_and_a_target_may_change_office_by_year() {
    let text = SMALL
        .replace(
            "office = \"ldtbxh\"\nlevel = \"unit\"\n",
            "office = \"ldtbxh\"\nlevel = \"unit\"\n\n[[elements.offices]]\nfrom = 2025\noffice = \"y-te\"\n",
        )
        .replace(
            "lead = [\"ldtbxh\"]\ntext = \"Duy trì 100% xã phù hợp với trẻ em hằng năm.\"\n",
            "lead = [\"ldtbxh\"]\ntext = \"Duy trì 100% xã phù hợp với trẻ em hằng năm.\"\n\n[[targets.leads]]\nfrom = 2026\nlead = [\"y-te\", \"ldtbxh\"]\n",
        );
    let (catalogue, _) = load(&text).unwrap();
    let element = catalogue.element("xa_phu_hop").unwrap();
    assert_eq!((element.office_in(2024), element.office_in(2025)), ("ldtbxh", "y-te"));
    assert_eq!(element.office, "ldtbxh");
    let target = &catalogue.targets[1];
    assert_eq!(
        (target.lead_in(2025), target.lead_in(2026)),
        (&["ldtbxh".to_string()][..], &["y-te".to_string(), "ldtbxh".to_string()][..])
    );
}

#[test]
fn years_names_and_successors_of_offices_are_checked() {
    // An office that ends with no successor leaves its element and its target without an office.
    let ended = with_office_keys(SMALL, "ldtbxh", "to = 2024\n");
    let got = messages(&ended);
    assert_eq!(
        got,
        [
            (
                "elements[xa_phu_hop].office".to_string(),
                "office «ldtbxh» exists only in 2022–2024, not in 2025–2026, and has no successor: name the office of those years".to_string()
            ),
            (
                "targets[2].lead".to_string(),
                "office «ldtbxh» exists only in 2022–2024, not in 2025–2026, and has no successor: name the office of those years".to_string()
            ),
        ],
        "{got:?}"
    );
    let name = |from: u16, to: u16| {
        format!("[[offices.names]]\nfrom = {from}\nto = {to}\nname = \"A\"\nshort = \"A\"\n\n")
    };
    let overlapping =
        with_office_keys(SMALL, "y-te", &format!("to = 2025\n\n{}{}", name(2023, 2024), name(2024, 2026)));
    let got = messages(&overlapping);
    assert_eq!(
        got.iter().map(|(k, m)| (k.as_str(), m.as_str())).collect::<Vec<_>>(),
        [
            ("offices[y-te].names", "years 2024–2026 are outside 2022–2025"),
            ("offices[y-te].names", "years 2024–2026 overlap the name of 2023–2024"),
            (
                "elements[tre_de_song].office",
                "office «y-te» exists only in 2022–2025, not in 2026, and has no successor: name the office of those years"
            ),
            (
                "elements[tu_vong_so_sinh].office",
                "office «y-te» exists only in 2022–2025, not in 2026, and has no successor: name the office of those years"
            ),
            (
                "targets[1].lead",
                "office «y-te» exists only in 2022–2025, not in 2026, and has no successor: name the office of those years"
            ),
        ],
    );
    let unknown = with_office_keys(SMALL, "ldtbxh", "to = 2024\nsuccessor = \"so-y-te\"\n");
    assert!(
        messages(&unknown).contains(&("offices[ldtbxh].successor".into(), "unknown office «so-y-te»".into()))
    );
    let late = with_office_keys(
        &with_office_keys(SMALL, "ldtbxh", "to = 2023\nsuccessor = \"y-te\"\n"),
        "y-te",
        "from = 2025\n",
    );
    let got = messages(&late);
    assert!(
        got.contains(&(
            "offices[ldtbxh].successor".into(),
            "successor «y-te» must exist in 2024 (the year after «ldtbxh»'s last); «y-te» exists in 2025–2026".into()
        )),
        "{got:?}"
    );
    let outside = with_office_keys(SMALL, "y-te", "from = 2020\n");
    assert_eq!(messages(&outside)[0].1, "years 2020–2026 are outside 2022–2026");
    let change = SMALL.replace(
        "office = \"ldtbxh\"\nlevel = \"unit\"\n",
        "office = \"ldtbxh\"\nlevel = \"unit\"\n\n[[elements.offices]]\nfrom = 2030\noffice = \"y-te\"\n",
    );
    assert_eq!(
        messages(&change),
        [("elements[xa_phu_hop].offices".to_string(), "year 2030 is outside the span 2022–2026".to_string())]
    );
}

#[test]
fn the_embedded_catalogue_names_the_2025_bodies() {
    let catalogue = Catalogue::embedded();
    let office = |id: &str| catalogue.office(id).unwrap();
    assert_eq!(office("ldtbxh").name_in(2024), "Phòng Lao động - Thương binh và Xã hội");
    assert!(office("ldtbxh").name_in(2025).starts_with("Sở Y tế"), "{}", office("ldtbxh").name_in(2025));
    assert_eq!(office("gd-dt").name_in(2025), "Sở Giáo dục và Đào tạo");
    assert_eq!(office("cong-an").letterhead_in(2025), ["BỘ CÔNG AN", "CÔNG AN TỈNH HÀ TĨNH"]);
    assert_eq!(catalogue.reporting_offices_in(2025).count(), 6);
}
