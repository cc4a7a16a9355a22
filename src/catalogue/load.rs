//! Turning the TOML text into a checked [`Catalogue`], reporting every problem with its line and key.

use super::document::{ReportDocument, unknown_placeholders};
use super::model::*;
use super::raw::*;
use crate::attainment::{Op, YearLevel};
use crate::date::Date;
use crate::decimal::Decimal;
use crate::expr;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use toml::Spanned;

/// A problem found in a catalogue file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error (the catalogue is refused) or warning (it is used).
    pub severity: Severity,
    /// 1-based line in the TOML file, when known.
    pub line: Option<usize>,
    /// Where in the catalogue, e.g. `targets.parts[3.1].numerator`.
    pub key: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// What is wrong, in English.
    pub message_en: String,
}

impl Problem {
    /// The message in the chosen language.
    pub fn text(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.message, &self.message_en)
    }
}

/// Collects problems while the catalogue is built.
struct Checker<'a> {
    line_starts: Vec<usize>,
    problems: Vec<Problem>,
    _text: &'a str,
}

impl<'a> Checker<'a> {
    fn new(text: &'a str) -> Self {
        let line_starts =
            std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect::<Vec<_>>();
        Checker { line_starts, problems: Vec::new(), _text: text }
    }

    fn line(&self, span: Range<usize>) -> usize {
        self.line_starts.partition_point(|&start| start <= span.start)
    }

    fn push(&mut self, severity: Severity, span: Range<usize>, key: &str, vi: String, en: String) {
        let line = Some(self.line(span));
        self.problems.push(Problem { severity, line, key: key.to_string(), message: vi, message_en: en });
    }

    fn error(&mut self, span: Range<usize>, key: &str, vi: String, en: String) {
        self.push(Severity::Error, span, key, vi, en);
    }

    fn warn(&mut self, span: Range<usize>, key: &str, vi: String, en: String) {
        self.push(Severity::Warning, span, key, vi, en);
    }

    fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// The outcome of [`load`]: the catalogue and its warnings, or every problem found.
pub type Loaded = Result<(Catalogue, Vec<Problem>), Vec<Problem>>;

/// The TOML reader's message in Vietnamese (the English one stays in the English text): the common
/// mistakes by name, any other as a sentence pointing at the line.
fn toml_vi(message: &str) -> String {
    let quoted = |m: &str| m.split('`').nth(1).map(str::to_string);
    if message.starts_with("key with no value") {
        "khóa không có giá trị: thiếu dấu «=» và giá trị sau tên khóa".into()
    } else if message.starts_with("duplicate key") {
        format!("khóa «{}» được ghi hai lần", quoted(message).unwrap_or_default())
    } else if message.starts_with("missing field") {
        format!("thiếu mục «{}»", quoted(message).unwrap_or_default())
    } else if message.starts_with("unknown field") {
        format!("mục «{}» không có trong mẫu danh mục (viết sai tên?)", quoted(message).unwrap_or_default())
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        "giá trị sai kiểu (ví dụ chữ ở chỗ cần số, hoặc thiếu dấu ngoặc kép)".into()
    } else if message.contains("unclosed")
        || message.contains("expected `]`")
        || message.contains("expected `}`")
    {
        "thiếu dấu đóng ngoặc hoặc đóng ngoặc kép".into()
    } else if message.contains("invalid string") || message.contains("invalid basic string") {
        "chuỗi ký tự không hợp lệ (kiểm tra dấu ngoặc kép)".into()
    } else {
        "sai cú pháp TOML ở dòng này (chi tiết bằng tiếng Anh: --lang en)".into()
    }
}

/// Parses and checks a catalogue. On success returns the catalogue and its warnings; otherwise every
/// problem found (errors and warnings), in file order.
pub fn load(text: &str) -> Loaded {
    let mut ck = Checker::new(text);
    let raw: RawCatalogue = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            ck.error(
                span,
                "",
                format!("tệp TOML không đọc được: {}", toml_vi(&message)),
                format!("the TOML file cannot be read: {message}"),
            );
            return Err(ck.problems);
        }
    };
    let sha256 = hex::encode(Sha256::digest(text.as_bytes()));
    let catalogue = build(&mut ck, raw, sha256);
    ck.problems.sort_by_key(|p| p.line);
    if ck.has_errors() { Err(ck.problems) } else { Ok((catalogue, ck.problems)) }
}

fn build(ck: &mut Checker, raw: RawCatalogue, sha256: String) -> Catalogue {
    if *raw.schema.get_ref() != 1 {
        ck.error(
            raw.schema.span(),
            "schema",
            format!("phiên bản lược đồ {} không được hỗ trợ (chỉ hỗ trợ 1)", raw.schema.get_ref()),
            format!("schema {} is not supported (only 1)", raw.schema.get_ref()),
        );
    }
    let plan = build_plan(ck, &raw.plan);
    let offices = build_offices(ck, &raw.offices);
    let office_ids: HashMap<&str, bool> = offices.iter().map(|o| (o.id.as_str(), o.reports)).collect();
    let reporting = build_reporting(ck, &raw.reporting, &plan, &office_ids);
    let units = build_units(ck, &raw.units, &plan);
    let elements = build_elements(ck, &raw.elements, &office_ids);
    let report_items = build_report_items(ck, &raw.report_items, &elements);
    let groups = build_groups(ck, &raw.groups);
    let targets = build_targets(ck, &raw.targets, &plan, &office_ids, &elements, &groups);
    let rules = build_rules(ck, &raw.rules, &elements);
    check_coverage(ck, &raw, &offices, &elements, &targets, &rules);
    let mut catalogue = Catalogue {
        schema: *raw.schema.get_ref(),
        version: raw.version,
        sha256,
        plan,
        reporting,
        offices,
        units,
        elements,
        report_items,
        groups,
        targets,
        rules,
        unit_index: HashMap::new(),
    };
    catalogue.index_units();
    catalogue
}

fn build_plan(ck: &mut Checker, raw: &Spanned<RawPlan>) -> Plan {
    let p = raw.get_ref();
    let date = Date::parse_iso(p.date.get_ref()).unwrap_or_else(|| {
        ck.error(
            p.date.span(),
            "plan.date",
            format!("ngày «{}» không hợp lệ (viết YYYY-MM-DD)", p.date.get_ref()),
            format!("invalid date «{}» (write YYYY-MM-DD)", p.date.get_ref()),
        );
        Date { year: 1970, month: 1, day: 1 }
    });
    let (start, end) = (*p.start_year.get_ref(), *p.end_year.get_ref());
    if start > end {
        ck.error(
            p.end_year.span(),
            "plan.end_year",
            format!("năm kết thúc {end} trước năm bắt đầu {start}"),
            format!("end year {end} is before start year {start}"),
        );
    }
    for year in p.milestones.get_ref() {
        if !(start..=end).contains(year) {
            ck.error(
                p.milestones.span(),
                "plan.milestones",
                format!("năm mốc {year} nằm ngoài giai đoạn {start}–{end}"),
                format!("milestone {year} is outside the span {start}–{end}"),
            );
        }
    }
    Plan {
        number: p.number.clone(),
        date,
        issuer: p.issuer.clone(),
        issuer_header: p.issuer_header.clone(),
        place: p.place.clone(),
        title: p.title.clone(),
        title_en: p.title_en.clone(),
        programme: p.programme.clone(),
        basis: p.basis.clone(),
        area: p.area.clone(),
        area_code: p.area_code.clone(),
        area_dhis2_id: p.area_dhis2_id.clone(),
        province: p.province.clone(),
        start_year: start,
        end_year: end,
        milestones: p.milestones.get_ref().clone(),
        motto: p.motto.clone(),
    }
}

fn check_month_day(ck: &mut Checker, span: Range<usize>, key: &str, month: u8, day: u8) {
    // 2024 is a leap year, so 29/02 is accepted.
    if Date::new(2024, month, day).is_none() {
        ck.error(
            span,
            key,
            format!("ngày {day}/{month} không tồn tại"),
            format!("day {day}/{month} does not exist"),
        );
    }
}

fn build_reporting(
    ck: &mut Checker,
    raw: &Spanned<RawReporting>,
    plan: &Plan,
    offices: &HashMap<&str, bool>,
) -> Reporting {
    let r = raw.get_ref();
    let d = r.deadline.get_ref();
    check_month_day(ck, r.deadline.span(), "reporting.deadline", d.month, d.day);
    let p = r.period.get_ref();
    check_month_day(ck, r.period.span(), "reporting.period", p.start_month, p.start_day);
    check_month_day(ck, r.period.span(), "reporting.period", p.end_month, p.end_day);
    let coordinator = r.coordinator.get_ref();
    if !offices.contains_key(coordinator.as_str()) {
        ck.error(
            r.coordinator.span(),
            "reporting.coordinator",
            format!("cơ quan «{coordinator}» không có trong danh sách cơ quan (offices)"),
            format!("office «{coordinator}» is not among the offices"),
        );
    }
    let mut receivers: Vec<Receiver> = Vec::new();
    for spanned in &r.receivers {
        let rec = spanned.get_ref();
        if rec.from > rec.to {
            ck.error(
                spanned.span(),
                "reporting.receivers",
                format!("năm bắt đầu {} sau năm kết thúc {}", rec.from, rec.to),
                format!("from {} is after to {}", rec.from, rec.to),
            );
        }
        if receivers.iter().any(|o| o.from <= rec.to && rec.from <= o.to) {
            ck.error(
                spanned.span(),
                "reporting.receivers",
                format!("các năm {}–{} đã có nơi nhận báo cáo khác", rec.from, rec.to),
                format!("years {}–{} already have another receiver", rec.from, rec.to),
            );
        }
        receivers.push(Receiver { from: rec.from, to: rec.to, name: rec.name.clone(), via: rec.via.clone() });
    }
    let uncovered: Vec<String> = (plan.start_year..=plan.end_year)
        .filter(|y| !receivers.iter().any(|r| (r.from..=r.to).contains(y)))
        .map(|y| y.to_string())
        .collect();
    if !uncovered.is_empty() {
        ck.warn(
            raw.span(),
            "reporting.receivers",
            format!("chưa có nơi nhận báo cáo cho các năm {}", uncovered.join(", ")),
            format!("no receiver for the years {}", uncovered.join(", ")),
        );
    }
    let area_holders = area_holders(ck, r, plan, offices);
    Reporting {
        deadline: Deadline { month: d.month, day: d.day, inclusive: d.inclusive, wording: d.wording.clone() },
        period: Period {
            start_month: p.start_month,
            start_day: p.start_day,
            start_year_offset: p.start_year_offset,
            end_month: p.end_month,
            end_day: p.end_day,
            end_year_offset: p.end_year_offset,
        },
        report_title: r.report_title.clone(),
        coordinator: coordinator.clone(),
        receivers,
        max_count: r.max_count.unwrap_or(DEFAULT_MAX_COUNT),
        documents: build_documents(ck, raw, plan),
        area_holders,
    }
}

/// The holders of whole-area figures: a known office, years within the plan, one holder per office and year.
fn area_holders(
    ck: &mut Checker,
    r: &RawReporting,
    plan: &Plan,
    offices: &HashMap<&str, bool>,
) -> Vec<AreaHolder> {
    let mut holders: Vec<AreaHolder> = Vec::new();
    for spanned in &r.area_holders {
        let h = spanned.get_ref();
        let at = spanned.span();
        if !offices.contains_key(h.office.as_str()) {
            ck.error(
                at.clone(),
                "reporting.area_holders",
                format!("cơ quan «{}» không có trong danh sách cơ quan (offices)", h.office),
                format!("office «{}» is not among the offices", h.office),
            );
        }
        if h.from > h.to || h.from < plan.start_year || h.to > plan.end_year {
            ck.error(
                at.clone(),
                "reporting.area_holders",
                format!("các năm {}–{} không nằm trong giai đoạn của kế hoạch", h.from, h.to),
                format!("years {}–{} are not within the plan", h.from, h.to),
            );
        }
        if h.name.trim().is_empty() {
            ck.error(
                at.clone(),
                "reporting.area_holders",
                "thiếu tên cơ quan (name)".into(),
                "the name is empty".into(),
            );
        }
        if holders.iter().any(|o| o.office == h.office && o.from <= h.to && h.from <= o.to) {
            ck.error(
                at,
                "reporting.area_holders",
                format!(
                    "các năm {}–{} đã có cơ quan giữ số liệu toàn địa bàn của «{}»",
                    h.from, h.to, h.office
                ),
                format!(
                    "years {}–{} already have a holder of «{}»'s whole-area figures",
                    h.from, h.to, h.office
                ),
            );
        }
        holders.push(AreaHolder { from: h.from, to: h.to, office: h.office.clone(), name: h.name.clone() });
    }
    holders
}

/// The administrative form of the consolidated report, by span of years.
fn build_documents(ck: &mut Checker, raw: &Spanned<RawReporting>, plan: &Plan) -> Vec<ReportDocument> {
    let mut documents: Vec<ReportDocument> = Vec::new();
    for spanned in &raw.get_ref().documents {
        let d = spanned.get_ref();
        let key = "reporting.documents";
        if d.from > d.to {
            ck.error(
                spanned.span(),
                key,
                format!("năm bắt đầu {} sau năm kết thúc {}", d.from, d.to),
                format!("from {} is after to {}", d.from, d.to),
            );
        }
        if documents.iter().any(|o| o.from <= d.to && d.from <= o.to) {
            ck.error(
                spanned.span(),
                key,
                format!("các năm {}–{} đã có mẫu văn bản báo cáo khác", d.from, d.to),
                format!("years {}–{} already have another document form", d.from, d.to),
            );
        }
        for text in [Some(&d.subject), Some(&d.opening), d.closing.as_ref()].into_iter().flatten() {
            for placeholder in unknown_placeholders(text.get_ref()) {
                ck.error(
                    text.span(),
                    key,
                    format!("«{placeholder}» không phải chỗ điền được; chỉ có {{year}} (năm báo cáo)"),
                    format!("«{placeholder}» is not a placeholder; only {{year}} (the report year) is"),
                );
            }
        }
        if d.recipients.is_empty() {
            ck.warn(
                spanned.span(),
                key,
                "chưa ghi nơi «Kính gửi» (recipients)".to_string(),
                "no «Kính gửi» recipients".to_string(),
            );
        }
        if d.signature.is_empty() {
            ck.warn(
                spanned.span(),
                key,
                "chưa ghi thẩm quyền ký (signature), ví dụ \"TM. ỦY BAN NHÂN DÂN\"".to_string(),
                "no signature block (signature), e.g. \"TM. ỦY BAN NHÂN DÂN\"".to_string(),
            );
        }
        documents.push(ReportDocument {
            from: d.from,
            to: d.to,
            issuer_header: d.issuer_header.clone().unwrap_or_else(|| plan.issuer_header.clone()),
            number: d.number.clone(),
            place: d.place.clone().unwrap_or_else(|| plan.place.clone()),
            title: d.title.clone(),
            subject: d.subject.get_ref().clone(),
            recipients: d.recipients.clone(),
            opening: d.opening.get_ref().clone(),
            closing: d.closing.as_ref().map(|c| c.get_ref().clone()).unwrap_or_default(),
            copies: d.copies.clone(),
            signature: d.signature.clone(),
            signer: d.signer.clone(),
        });
    }
    let uncovered: Vec<String> = (plan.start_year..=plan.end_year)
        .filter(|y| !documents.iter().any(|d| (d.from..=d.to).contains(y)))
        .map(|y| y.to_string())
        .collect();
    if !documents.is_empty() && !uncovered.is_empty() {
        ck.warn(
            raw.span(),
            "reporting.documents",
            format!("chưa có mẫu văn bản báo cáo cho các năm {}", uncovered.join(", ")),
            format!("no document form for the years {}", uncovered.join(", ")),
        );
    }
    documents
}

fn is_slug(text: &str, extra: char) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == extra)
}

fn check_duplicate(ck: &mut Checker, seen: &mut HashSet<String>, id: &Spanned<String>, key: &str) {
    if !seen.insert(id.get_ref().clone()) {
        ck.error(
            id.span(),
            key,
            format!("mã «{}» bị trùng", id.get_ref()),
            format!("duplicate id «{}»", id.get_ref()),
        );
    }
}

fn build_offices(ck: &mut Checker, raw: &[Spanned<RawOffice>]) -> Vec<Office> {
    let mut seen = HashSet::new();
    let mut offices = Vec::new();
    for spanned in raw {
        let o = spanned.get_ref();
        let id = o.id.get_ref();
        let key = format!("offices[{id}]");
        check_duplicate(ck, &mut seen, &o.id, &key);
        if !is_slug(id, '-') {
            ck.error(
                o.id.span(),
                &key,
                format!("mã cơ quan «{id}» chỉ được gồm chữ thường không dấu, số và dấu gạch ngang"),
                format!("office id «{id}» must be lowercase ASCII letters, digits and hyphens"),
            );
        }
        offices.push(Office {
            id: id.clone(),
            name: o.name.clone(),
            short: o.short.clone(),
            name_en: o.name_en.clone(),
            reports: o.reports,
            letterhead: o.letterhead.clone(),
        });
    }
    offices
}

fn build_units(ck: &mut Checker, raw: &[Spanned<RawUnit>], plan: &Plan) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    // Units by code, to find overlapping years without comparing every pair.
    let mut by_code: HashMap<String, Vec<usize>> = HashMap::new();
    for spanned in raw {
        let u = spanned.get_ref();
        let code = u.code.get_ref();
        let key = format!("units[{code}]");
        let kind = UnitKind::parse(u.kind.get_ref()).unwrap_or_else(|| {
            ck.error(
                u.kind.span(),
                &key,
                format!("loại đơn vị «{}» không hợp lệ (xa, thi-tran, phuong)", u.kind.get_ref()),
                format!("unknown unit kind «{}» (xa, thi-tran, phuong)", u.kind.get_ref()),
            );
            UnitKind::Xa
        });
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            ck.error(
                u.code.span(),
                &key,
                format!("mã đơn vị hành chính «{code}» phải là dãy chữ số"),
                format!("administrative code «{code}» must be digits"),
            );
        }
        let (from, to) = (*u.from.get_ref(), *u.to.get_ref());
        for (year, span, field) in [(from, u.from.span(), "from"), (to, u.to.span(), "to")] {
            if !(plan.start_year..=plan.end_year).contains(&year) {
                ck.error(
                    span,
                    &format!("{key}.{field}"),
                    format!("năm {year} nằm ngoài giai đoạn {}–{}", plan.start_year, plan.end_year),
                    format!("year {year} is outside the span {}–{}", plan.start_year, plan.end_year),
                );
            }
        }
        if from > to {
            ck.error(
                u.to.span(),
                &key,
                format!("năm bắt đầu {from} sau năm kết thúc {to}"),
                format!("from {from} is after to {to}"),
            );
        }
        let same_code = by_code.get(code).map_or(&[][..], Vec::as_slice);
        if same_code.iter().any(|&i| units[i].from <= to && from <= units[i].to) {
            ck.error(
                u.code.span(),
                &key,
                format!("mã {code} đã được dùng cho một đơn vị khác trong cùng các năm"),
                format!("code {code} is already used by another unit in overlapping years"),
            );
        }
        by_code.entry(code.clone()).or_default().push(units.len());
        units.push(Unit {
            code: code.clone(),
            name: u.name.clone(),
            kind,
            from,
            to,
            covers: Vec::new(),
            dhis2_id: u.dhis2_id.clone(),
        });
    }
    // Resolve `covers` against the units reporting in the year before each unit starts.
    for (index, spanned) in raw.iter().enumerate() {
        let u = spanned.get_ref();
        let from = units[index].from;
        let mut covers = Vec::new();
        for code in &u.covers {
            let candidates = by_code.get(code.get_ref()).map_or(&[][..], Vec::as_slice);
            match candidates.iter().map(|&i| &units[i]).find(|o| o.reports_in(from.saturating_sub(1))) {
                Some(older) => covers.push(older.key()),
                None => ck.error(
                    code.span(),
                    &format!("units[{}].covers", u.code.get_ref()),
                    format!(
                        "không có đơn vị mã {} báo cáo năm {} để đơn vị này tiếp nhận",
                        code.get_ref(),
                        from - 1
                    ),
                    format!(
                        "no unit with code {} reports in {} for this unit to cover",
                        code.get_ref(),
                        from - 1
                    ),
                ),
            }
        }
        units[index].covers = covers;
    }
    check_successors(ck, raw, &units, plan);
    units
}

/// Warns about a unit that stops reporting before the plan ends while no later unit covers it.
fn check_successors(ck: &mut Checker, raw: &[Spanned<RawUnit>], units: &[Unit], plan: &Plan) {
    let starts: HashSet<u16> = units.iter().map(|u| u.from).collect();
    let covered: HashSet<&UnitRef> = units.iter().flat_map(|u| &u.covers).collect();
    for (spanned, unit) in raw.iter().zip(units) {
        if unit.to >= plan.end_year || !starts.contains(&(unit.to + 1)) {
            continue;
        }
        let key = unit.key();
        if !covered.contains(&key) {
            ck.warn(
                spanned.span(),
                &format!("units[{}]", unit.code),
                format!(
                    "{} ({}, {}–{}) không thuộc đơn vị nào từ năm {}: thêm mã {} vào «covers» của đơn vị đã tiếp nhận địa bàn này",
                    unit.full_name(),
                    unit.code,
                    unit.from,
                    unit.to,
                    unit.to + 1,
                    unit.code
                ),
                format!(
                    "{} ({}, {}–{}) is covered by no unit from {}: add {} to the «covers» of the unit that took its territory",
                    unit.full_name(),
                    unit.code,
                    unit.from,
                    unit.to,
                    unit.to + 1,
                    unit.code
                ),
            );
        }
    }
}

fn build_elements(
    ck: &mut Checker,
    raw: &[Spanned<RawElement>],
    offices: &HashMap<&str, bool>,
) -> Vec<Element> {
    let mut seen = HashSet::new();
    let mut elements = Vec::new();
    for spanned in raw {
        let e = spanned.get_ref();
        let code = e.code.get_ref();
        let key = format!("elements[{code}]");
        check_duplicate(ck, &mut seen, &e.code, &key);
        if !is_slug(code, '_') {
            ck.error(
                e.code.span(),
                &key,
                format!("mã dữ liệu «{code}» chỉ được gồm chữ thường không dấu, số và dấu gạch dưới"),
                format!("element code «{code}» must be lowercase ASCII letters, digits and underscores"),
            );
        }
        let kind = match e.kind.get_ref().as_str() {
            "count" => ElementType::Count,
            "yesno" => ElementType::YesNo,
            other => {
                ck.error(
                    e.kind.span(),
                    &format!("{key}.type"),
                    format!("kiểu dữ liệu «{other}» không hợp lệ (count, yesno)"),
                    format!("unknown type «{other}» (count, yesno)"),
                );
                ElementType::Count
            }
        };
        let level = match e.level.get_ref().as_str() {
            "unit" => ReportLevel::Unit,
            "district" => ReportLevel::District,
            other => {
                ck.error(
                    e.level.span(),
                    &format!("{key}.level"),
                    format!("cấp báo cáo «{other}» không hợp lệ (unit, district)"),
                    format!("unknown level «{other}» (unit, district)"),
                );
                ReportLevel::Unit
            }
        };
        let office = e.office.get_ref();
        match offices.get(office.as_str()) {
            None => ck.error(
                e.office.span(),
                &format!("{key}.office"),
                format!("cơ quan «{office}» không có trong danh sách cơ quan (offices)"),
                format!("unknown office «{office}»"),
            ),
            Some(false) => ck.error(
                e.office.span(),
                &format!("{key}.office"),
                format!("cơ quan «{office}» không báo cáo số liệu (reports = false)"),
                format!("office «{office}» reports no figures (reports = false)"),
            ),
            Some(true) => {}
        }
        elements.push(Element {
            code: code.clone(),
            label: e.label.clone(),
            label_en: e.label_en.clone(),
            definition: e.definition.clone(),
            kind,
            office: office.clone(),
            measure: e.measure.clone(),
            level,
            dhis2_id: e.dhis2_id.clone(),
        });
    }
    elements
}

fn build_report_items(
    ck: &mut Checker,
    raw: &[Spanned<RawReportItem>],
    elements: &[Element],
) -> Vec<ReportItem> {
    let mut seen: HashSet<String> = elements.iter().map(|e| e.code.clone()).collect();
    let mut items = Vec::new();
    for spanned in raw {
        let r = spanned.get_ref();
        let code = r.code.get_ref();
        let key = format!("report_items[{code}]");
        check_duplicate(ck, &mut seen, &r.code, &key);
        let kind = match r.kind.get_ref().as_str() {
            "amount" => ReportItemType::Amount,
            "text" => ReportItemType::Text,
            other => {
                ck.error(
                    r.kind.span(),
                    &format!("{key}.type"),
                    format!("kiểu «{other}» không hợp lệ (amount, text)"),
                    format!("unknown type «{other}» (amount, text)"),
                );
                ReportItemType::Text
            }
        };
        let section = match (kind, r.section.as_ref().map(|s| (s.get_ref().as_str(), s.span()))) {
            (ReportItemType::Amount, None | Some(("spending", _))) => ReportSection::Spending,
            (ReportItemType::Text, None | Some(("results", _))) => ReportSection::Results,
            (ReportItemType::Text, Some(("difficulties", _))) => ReportSection::Difficulties,
            (_, Some((other, span))) => {
                ck.error(
                    span,
                    &format!("{key}.section"),
                    format!(
                        "mục «{other}» không hợp lệ: số tiền thuộc «spending», văn bản thuộc «results» hoặc «difficulties»"
                    ),
                    format!(
                        "section «{other}» does not fit: an amount is «spending», a text «results» or «difficulties»"
                    ),
                );
                ReportSection::Results
            }
        };
        items.push(ReportItem {
            code: code.clone(),
            label: r.label.clone(),
            label_en: r.label_en.clone(),
            kind,
            measure: r.measure.clone(),
            section,
        });
    }
    items
}

fn build_groups(ck: &mut Checker, raw: &[Spanned<RawGroup>]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for spanned in raw {
        let g = spanned.get_ref();
        let number = *g.number.get_ref();
        if groups.iter().any(|o| o.number == number) {
            ck.error(
                g.number.span(),
                &format!("groups[{number}]"),
                format!("nhóm số {number} bị trùng"),
                format!("duplicate group {number}"),
            );
        }
        groups.push(Group { number, name: g.name.clone(), name_en: g.name_en.clone() });
    }
    groups
}

fn check_offices(
    ck: &mut Checker,
    ids: &[Spanned<String>],
    key: &str,
    offices: &HashMap<&str, bool>,
) -> Vec<String> {
    for id in ids {
        if !offices.contains_key(id.get_ref().as_str()) {
            ck.error(
                id.span(),
                key,
                format!("cơ quan «{}» không có trong danh sách cơ quan (offices)", id.get_ref()),
                format!("unknown office «{}»", id.get_ref()),
            );
        }
    }
    ids.iter().map(|i| i.get_ref().clone()).collect()
}

fn build_targets(
    ck: &mut Checker,
    raw: &[Spanned<RawTarget>],
    plan: &Plan,
    offices: &HashMap<&str, bool>,
    elements: &[Element],
    groups: &[Group],
) -> Vec<Target> {
    let element_types: HashMap<&str, ElementType> =
        elements.iter().map(|e| (e.code.as_str(), e.kind)).collect();
    let mut targets: Vec<Target> = Vec::new();
    let mut part_ids = HashSet::new();
    for spanned in raw {
        let t = spanned.get_ref();
        let number = *t.number.get_ref();
        let key = format!("targets[{number}]");
        if targets.iter().any(|o| o.number == number) {
            ck.error(
                t.number.span(),
                &key,
                format!("chỉ tiêu số {number} bị trùng"),
                format!("duplicate target {number}"),
            );
        }
        if !groups.iter().any(|g| g.number == *t.group.get_ref()) {
            ck.error(
                t.group.span(),
                &format!("{key}.group"),
                format!("nhóm {} không có trong danh sách nhóm (groups)", t.group.get_ref()),
                format!("unknown group {}", t.group.get_ref()),
            );
        }
        if t.lead.is_empty() {
            ck.error(
                spanned.span(),
                &format!("{key}.lead"),
                format!("chỉ tiêu {number} chưa có cơ quan chủ trì"),
                format!("target {number} has no lead office"),
            );
        }
        let lead = check_offices(ck, &t.lead, &format!("{key}.lead"), offices);
        if t.parts.is_empty() {
            ck.error(
                spanned.span(),
                &key,
                format!("chỉ tiêu {number} chưa có phần đo lường nào (targets.parts)"),
                format!("target {number} has no measurable part (targets.parts)"),
            );
        }
        let mut parts = Vec::new();
        for (index, part) in t.parts.iter().enumerate() {
            let expected = format!("{number}.{}", index + 1);
            let id = part.get_ref().id.get_ref();
            if !part_ids.insert(id.clone()) {
                ck.error(
                    part.get_ref().id.span(),
                    &format!("targets.parts[{id}]"),
                    format!("phần chỉ tiêu «{id}» bị trùng"),
                    format!("duplicate part id «{id}»"),
                );
            } else if *id != expected {
                ck.error(
                    part.get_ref().id.span(),
                    &format!("targets.parts[{id}]"),
                    format!(
                        "phần thứ {} của chỉ tiêu {number} phải có mã «{expected}», không phải «{id}»",
                        index + 1
                    ),
                    format!("part {} of target {number} must be «{expected}», not «{id}»", index + 1),
                );
            }
            parts.push(build_part(ck, part, number, &lead, plan, offices, &element_types));
        }
        targets.push(Target { number, group: *t.group.get_ref(), lead, text: t.text.clone(), parts });
    }
    targets
}

fn build_part(
    ck: &mut Checker,
    spanned: &Spanned<RawPart>,
    target: u16,
    target_lead: &[String],
    plan: &Plan,
    offices: &HashMap<&str, bool>,
    element_types: &HashMap<&str, ElementType>,
) -> Part {
    let p = spanned.get_ref();
    let id = p.id.get_ref().clone();
    let key = format!("targets.parts[{id}]");
    let unit = Measure::parse(p.unit.get_ref()).unwrap_or_else(|| {
        ck.error(
            p.unit.span(),
            &format!("{key}.unit"),
            format!(
                "đơn vị tính «{}» không hợp lệ (percent, per_mille, per_100000, cases, percent_units)",
                p.unit.get_ref()
            ),
            format!(
                "unknown unit «{}» (percent, per_mille, per_100000, cases, percent_units)",
                p.unit.get_ref()
            ),
        );
        Measure::Percent
    });
    let factor = *p.factor.get_ref();
    if factor != unit.factor() {
        ck.error(
            p.factor.span(),
            &format!("{key}.factor"),
            format!(
                "hệ số {factor} không khớp đơn vị tính «{}» (phải là {})",
                p.unit.get_ref(),
                unit.factor()
            ),
            format!("factor {factor} does not match unit «{}» (must be {})", p.unit.get_ref(), unit.factor()),
        );
    }
    let offices_of_part = match &p.lead {
        Some(lead) => check_offices(ck, lead, &format!("{key}.lead"), offices),
        None => target_lead.to_vec(),
    };
    if p.numerator.get_ref().is_empty() {
        ck.error(
            p.numerator.span(),
            &format!("{key}.numerator"),
            "tử số chưa có mã dữ liệu nào".into(),
            "the numerator names no data element".into(),
        );
    }
    let numerator_type = if unit == Measure::PercentUnits { ElementType::YesNo } else { ElementType::Count };
    let numerator =
        check_terms(ck, p.numerator.get_ref(), &format!("{key}.numerator"), numerator_type, element_types);
    let denominator =
        check_terms(ck, &p.denominator, &format!("{key}.denominator"), ElementType::Count, element_types);
    match (unit.has_denominator(), p.denominator.is_empty()) {
        (true, true) => ck.error(
            spanned.span(),
            &format!("{key}.denominator"),
            format!("phần {id} là một tỷ lệ nhưng chưa có mẫu số"),
            format!("part {id} is a rate but has no denominator"),
        ),
        (false, false) => ck.error(
            p.denominator[0].span(),
            &format!("{key}.denominator"),
            format!("phần {id} tính bằng «{}» nên không có mẫu số", p.unit.get_ref()),
            format!("part {id} is measured in «{}» and takes no denominator", p.unit.get_ref()),
        ),
        _ => {}
    }
    let levels = build_levels(ck, spanned.span(), &p.levels, &key, &id, plan, unit);
    Part {
        id,
        target,
        text: p.text.clone(),
        short: p.short.clone(),
        short_en: p.short_en.clone(),
        offices: offices_of_part,
        unit,
        numerator,
        denominator,
        factor,
        small_denominator: p.small_denominator,
        levels,
    }
}

fn check_terms(
    ck: &mut Checker,
    terms: &[Spanned<String>],
    key: &str,
    wanted: ElementType,
    element_types: &HashMap<&str, ElementType>,
) -> Vec<String> {
    for term in terms {
        let code = term.get_ref();
        match element_types.get(code.as_str()) {
            None => ck.error(
                term.span(),
                key,
                format!("mã dữ liệu «{code}» không có trong danh sách dữ liệu (elements)"),
                format!("unknown data element «{code}»"),
            ),
            Some(kind) if *kind != wanted => {
                let (vi, en) = match wanted {
                    ElementType::Count => ("một số đếm", "a count"),
                    ElementType::YesNo => ("một câu trả lời Có/Không", "a yes/no answer"),
                };
                ck.error(
                    term.span(),
                    key,
                    format!("mã dữ liệu «{code}» phải là {vi}"),
                    format!("data element «{code}» must be {en}"),
                );
            }
            Some(_) => {}
        }
    }
    terms.iter().map(|t| t.get_ref().clone()).collect()
}

fn level_value(ck: &mut Checker, raw: &Spanned<RawLevel>, key: &str) -> Option<Decimal> {
    let value = match &raw.get_ref().value {
        RawNumber::Int(i) => Some(Decimal::from_int(*i)),
        RawNumber::Text(text) => Decimal::parse(text),
        RawNumber::Float(f) => {
            ck.error(
                raw.span(),
                key,
                format!(
                    "viết số thập phân {f} trong dấu nháy, ví dụ value = \"2,8\", để giữ giá trị chính xác"
                ),
                format!("write the decimal {f} as a string, e.g. value = \"2,8\", to keep it exact"),
            );
            return None;
        }
    };
    if value.is_none() {
        ck.error(
            raw.span(),
            key,
            "giá trị mục tiêu không phải là số (ví dụ 90 hoặc \"2,8\")".into(),
            "the level is not a number (e.g. 90 or \"2,8\")".into(),
        );
    }
    value.filter(|v| {
        let negative = v.mantissa < 0;
        if negative {
            ck.error(raw.span(), key, "giá trị mục tiêu âm".into(), "negative level".into());
        }
        !negative
    })
}

fn build_levels(
    ck: &mut Checker,
    part_span: Range<usize>,
    raw: &[Spanned<RawLevel>],
    key: &str,
    id: &str,
    plan: &Plan,
    unit: Measure,
) -> Vec<YearLevel> {
    let key = format!("{key}.levels");
    if raw.is_empty() {
        ck.error(
            part_span,
            &key,
            format!("phần {id} chưa có mục tiêu nào (levels)"),
            format!("part {id} has no target level (levels)"),
        );
    }
    let mut by_year: BTreeMap<u16, YearLevel> = BTreeMap::new();
    for spanned in raw {
        let l = spanned.get_ref();
        let op = Op::parse(&l.op);
        if op.is_none() {
            ck.error(
                spanned.span(),
                &key,
                format!("phép so sánh «{}» không hợp lệ (<, <=, >, >=, ==)", l.op),
                format!("unknown comparator «{}» (<, <=, >, >=, ==)", l.op),
            );
        }
        let value = level_value(ck, spanned, &key);
        if let (Some(v), Measure::Cases) = (&value, unit)
            && !v.is_integer()
        {
            ck.error(
                spanned.span(),
                &key,
                "số trường hợp phải là số nguyên".into(),
                "a number of cases must be whole".into(),
            );
        }
        let (years, held) = match (l.year, l.from, l.to) {
            (Some(year), None, None) => (year..=year, None),
            (None, Some(from), Some(to)) if from <= to => (from..=to, Some((from, to))),
            _ => {
                ck.error(
                    spanned.span(),
                    &key,
                    "mục tiêu cần «year = N» hoặc «from = N, to = M» (N ≤ M)".into(),
                    "a level needs «year = N» or «from = N, to = M» (N ≤ M)".into(),
                );
                continue;
            }
        };
        for year in years.clone() {
            if !(plan.start_year..=plan.end_year).contains(&year) {
                ck.error(
                    spanned.span(),
                    &key,
                    format!("năm mục tiêu {year} nằm ngoài giai đoạn {}–{}", plan.start_year, plan.end_year),
                    format!("target year {year} is outside the span {}–{}", plan.start_year, plan.end_year),
                );
                break;
            }
        }
        let (Some(op), Some(value)) = (op, value) else { continue };
        check_wording(ck, spanned, &key, op, value);
        for year in years {
            let level = YearLevel { year, op, value, held, wording: l.wording.as_str().into() };
            if by_year.insert(year, level).is_some() {
                ck.error(
                    spanned.span(),
                    &key,
                    format!("phần {id} có hai mục tiêu cho năm {year}"),
                    format!("part {id} has two levels for {year}"),
                );
            }
        }
    }
    by_year.into_values().collect()
}

/// Warns when a level's comparator or value disagrees with the plan's words it quotes.
fn check_wording(ck: &mut Checker, spanned: &Spanned<RawLevel>, key: &str, op: Op, value: Decimal) {
    let wording = &spanned.get_ref().wording;
    let Some((said_op, said_value)) = super::wording::read(wording) else { return };
    if said_op != op || said_value != value {
        let said = format!("{} {}", said_op.as_str(), said_value.to_vietnamese());
        let written = format!("{} {}", op.as_str(), value.to_vietnamese());
        ck.warn(
            spanned.span(),
            key,
            format!("lời văn «{wording}» được hiểu là «{said}» nhưng mục tiêu ghi «{written}»"),
            format!("the wording «{wording}» reads as «{said}» but the level says «{written}»"),
        );
    }
}

fn build_rules(ck: &mut Checker, raw: &[Spanned<RawRule>], elements: &[Element]) -> Vec<Rule> {
    let mut seen = HashSet::new();
    let mut rules = Vec::new();
    for spanned in raw {
        let r = spanned.get_ref();
        let id = r.id.get_ref();
        let key = format!("rules[{id}]");
        check_duplicate(ck, &mut seen, &r.id, &key);
        let severity = match r.severity.get_ref().as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            other => {
                ck.error(
                    r.severity.span(),
                    &format!("{key}.severity"),
                    format!("mức độ «{other}» không hợp lệ (error, warning)"),
                    format!("unknown severity «{other}» (error, warning)"),
                );
                Severity::Error
            }
        };
        let condition = match expr::parse(r.expr.get_ref()) {
            Ok(condition) => condition,
            Err(e) => {
                ck.error(
                    r.expr.span(),
                    &format!("{key}.expr"),
                    format!("quy tắc không đọc được tại ký tự {}: {}", e.position + 1, e.message),
                    format!("the rule does not parse at character {}: {}", e.position + 1, e.message_en),
                );
                continue;
            }
        };
        for code in condition.codes() {
            match elements.iter().find(|e| e.code == code) {
                None => ck.error(
                    r.expr.span(),
                    &format!("{key}.expr"),
                    format!("quy tắc dùng mã dữ liệu «{code}» không có trong danh sách dữ liệu (elements)"),
                    format!("the rule names unknown data element «{code}»"),
                ),
                Some(e) if e.kind != ElementType::Count => ck.error(
                    r.expr.span(),
                    &format!("{key}.expr"),
                    format!("quy tắc chỉ so sánh số đếm; «{code}» là câu trả lời Có/Không"),
                    format!("rules compare counts; «{code}» is a yes/no answer"),
                ),
                Some(_) => {}
            }
        }
        rules.push(Rule {
            id: id.clone(),
            expr: r.expr.get_ref().clone(),
            condition,
            severity,
            message: r.message.clone(),
            message_en: r.message_en.clone(),
        });
    }
    rules
}

/// Warnings about pieces that nothing uses.
fn check_coverage(
    ck: &mut Checker,
    raw: &RawCatalogue,
    offices: &[Office],
    elements: &[Element],
    targets: &[Target],
    rules: &[Rule],
) {
    for (office, spanned) in offices.iter().zip(&raw.offices) {
        if office.reports && !elements.iter().any(|e| e.office == office.id) {
            ck.warn(
                spanned.span(),
                &format!("offices[{}]", office.id),
                format!("cơ quan «{}» được đánh dấu báo cáo nhưng không báo cáo mã dữ liệu nào", office.id),
                format!("office «{}» is marked as reporting but reports no data element", office.id),
            );
        }
    }
    let used: HashSet<&str> = targets
        .iter()
        .flat_map(|t| &t.parts)
        .flat_map(|p| p.numerator.iter().chain(&p.denominator))
        .map(String::as_str)
        .chain(rules.iter().flat_map(|r| r.condition.codes()))
        .collect();
    for (element, spanned) in elements.iter().zip(&raw.elements) {
        if !used.contains(element.code.as_str()) {
            ck.warn(
                spanned.span(),
                &format!("elements[{}]", element.code),
                format!("mã dữ liệu «{}» không được dùng cho chỉ tiêu hay quy tắc nào", element.code),
                format!("data element «{}» feeds no part and no rule", element.code),
            );
        }
    }
}
