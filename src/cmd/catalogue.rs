//! `plan catalogue`: the targets as a table or JSON, and `plan catalogue check FILE`.

use super::args::Format;
use super::term;
use super::{Globals, print, read_and_check};
use anyhow::{Result, bail};
use comfy_table::Table;
use plan::catalogue::{Catalogue, Part, Problem, Severity, level_text, to_json};
use plan::lang::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples printed under `plan catalogue --help`.
pub const AFTER_HELP: &str = "\
Ví dụ:
  plan catalogue                         Bảng các chỉ tiêu với mục tiêu theo năm mốc
  plan catalogue --group 2               Chỉ các chỉ tiêu của nhóm 2
  plan catalogue --office gd-dt          Chỉ các chỉ tiêu do cơ quan mã gd-dt chủ trì
  plan catalogue --units --year 2025     Các đơn vị báo cáo năm 2025 và mã của từng đơn vị
  plan catalogue --format json > danh-muc.json
  plan catalogue check indicators.toml   Kiểm tra tệp danh mục: mã thoát 0 nếu hợp lệ, 1 nếu có lỗi";

/// Arguments of `plan catalogue`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    /// Chỉ các chỉ tiêu do cơ quan này chủ trì (mã cơ quan, ví dụ y-te)
    #[arg(long, value_name = "MÃ", help_heading = "Tùy chọn")]
    office: Option<String>,

    /// Chỉ các chỉ tiêu của nhóm này (số thứ tự nhóm, xem plan catalogue)
    #[arg(long, value_name = "SỐ", help_heading = "Tùy chọn")]
    group: Option<u16>,

    /// Danh sách các đơn vị báo cáo (mã dùng cho --unit), theo năm nếu có --year
    #[arg(long, help_heading = "Tùy chọn")]
    units: bool,

    /// Với --units: chỉ các đơn vị báo cáo năm này
    #[arg(long, value_name = "NĂM", requires = "units", help_heading = "Tùy chọn")]
    year: Option<u16>,

    /// Định dạng đầu ra: table (bảng, mặc định) hoặc json (cấu trúc mô tả trong docs/catalogue-json.md)
    #[arg(long, value_enum, default_value_t = Format::Table, hide_default_value = true, hide_possible_values = true, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
    format: Format,

    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Kiểm tra một tệp danh mục: liệt kê mọi lỗi kèm số dòng (mã thoát 1 nếu có lỗi)
    #[command(help_template = super::HELP_TEMPLATE, override_usage = "plan catalogue check [TÙY_CHỌN] <TỆP>")]
    Check {
        /// Tệp danh mục (TOML) cần kiểm tra
        #[arg(value_name = "TỆP", help_heading = "Đối số")]
        file: PathBuf,

        /// Định dạng đầu ra: table (danh sách, mặc định) hoặc json
        #[arg(long, value_enum, default_value_t = Format::Table, hide_default_value = true, hide_possible_values = true, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
        format: Format,
    },
}

/// Runs `plan catalogue`.
pub fn run(globals: &Globals, args: Args) -> Result<ExitCode> {
    if let Some(Action::Check { file, format }) = args.action {
        return check(globals.lang, &file, format);
    }
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    if args.units {
        return units(&catalogue, args.year, args.format, lang);
    }
    if let Some(office) = &args.office
        && catalogue.office(office).is_none()
    {
        let known: Vec<&str> = catalogue.offices.iter().map(|o| o.id.as_str()).collect();
        bail!(
            "{} «{office}»; {}: {}",
            lang.pick("không có cơ quan", "no office"),
            lang.pick("các mã cơ quan", "office ids"),
            known.join(", ")
        );
    }
    if let Some(group) = args.group
        && !catalogue.groups.iter().any(|g| g.number == group)
    {
        bail!("{} {group}", lang.pick("không có nhóm chỉ tiêu", "no group"));
    }
    let selected: Vec<&Part> = catalogue
        .targets
        .iter()
        .filter(|t| args.group.is_none_or(|g| t.group == g))
        .flat_map(|t| &t.parts)
        .filter(|p| args.office.as_ref().is_none_or(|o| p.led_by(o)))
        .collect();
    match args.format {
        Format::Json => {
            let mut value = to_json(&catalogue);
            if args.office.is_some() || args.group.is_some() {
                let keep: Vec<&str> = selected.iter().map(|p| p.id.as_str()).collect();
                filter_json_parts(&mut value, &keep);
            }
            print(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
        }
        Format::Table => {
            let years: Vec<String> = catalogue.plan.milestones.iter().map(u16::to_string).collect();
            let title = match lang {
                Lang::Vi => format!("Chỉ tiêu và mục tiêu theo năm mốc {}", years.join(", ")),
                Lang::En => format!("Targets and their levels by milestone year {}", years.join(", ")),
            };
            if term::width() < LIST_BELOW {
                print(&format!("{title}\n{}", targets_list(&catalogue, &selected, lang)))?
            } else {
                print(&format!("{title}\n{}\n", targets_table(&catalogue, &selected, lang)))?
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `plan catalogue --units [--year Y]`: the units and their codes, those of the year when given.
fn units(catalogue: &Catalogue, year: Option<u16>, format: Format, lang: Lang) -> Result<ExitCode> {
    super::check_year_in_span(catalogue, year, lang)?;
    let units: Vec<_> = catalogue.units.iter().filter(|u| year.is_none_or(|y| u.reports_in(y))).collect();
    match format {
        Format::Json => {
            let list: Vec<_> = units
                .iter()
                .map(|u| serde_json::json!({"code": u.code, "name": u.full_name(), "from": u.from, "to": u.to}))
                .collect();
            print(&format!("{}\n", serde_json::to_string_pretty(&list)?))?;
        }
        Format::Table => {
            let mut table = term::table();
            table.set_header([
                lang.pick("Mã", "Code"),
                lang.pick("Đơn vị", "Unit"),
                lang.pick("Các năm", "Years"),
            ]);
            for unit in &units {
                table.add_row([unit.code.clone(), unit.full_name(), format!("{}–{}", unit.from, unit.to)]);
            }
            let title = match (year, lang) {
                (Some(y), Lang::Vi) => format!("{} đơn vị báo cáo năm {y}", units.len()),
                (Some(y), Lang::En) => {
                    format!("{} reporting in {y}", term::en(units.len(), "unit", "units"))
                }
                (None, _) => term::count(units.len(), "đơn vị", "unit", "units", lang),
            };
            print(&format!("{title}\n{table}\n{}", unit_example(&units, year, lang)))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The `--unit` example of this catalogue, under its list of units (`--help` can only be generic):
/// "Ví dụ: plan template --all --unit 18520 --year 2024 (hoặc --unit "Lộc Yên")".
fn unit_example(units: &[&plan::catalogue::Unit], year: Option<u16>, lang: Lang) -> String {
    let Some(unit) = units.first() else { return String::new() };
    let year = year.unwrap_or(unit.from);
    format!(
        "{} plan template --all --unit {} --year {year} ({} --unit \"{}\")\n",
        lang.pick("Ví dụ:", "Example:"),
        unit.code,
        lang.pick("hoặc", "or"),
        unit.name
    )
}

/// Keeps only the selected parts (and targets that still have one) in the JSON.
fn filter_json_parts(value: &mut serde_json::Value, keep: &[&str]) {
    if let Some(targets) = value["targets"].as_array_mut() {
        for target in targets.iter_mut() {
            if let Some(parts) = target["parts"].as_array_mut() {
                parts.retain(|p| p["id"].as_str().is_some_and(|id| keep.contains(&id)));
            }
        }
        targets.retain(|t| t["parts"].as_array().is_some_and(|p| !p.is_empty()));
    }
}

/// Below this width the targets are a list, not a table: six columns do not fit 80.
const LIST_BELOW: u16 = 110;

fn lead_of(catalogue: &Catalogue, part: &Part) -> String {
    let lead: Vec<&str> = part
        .offices
        .iter()
        .map(|id| catalogue.office(id).map_or(id.as_str(), |o| o.short.as_str()))
        .collect();
    lead.join(", ")
}

fn level_of(part: &Part, year: u16, lang: Lang) -> String {
    part.levels
        .iter()
        .find(|l| l.year == year)
        .map_or_else(|| "—".to_string(), |l| level_text(l, part.unit, lang))
}

/// The targets for a narrow terminal: "1.1  name", then "lead · unit · 2025: level · 2030: level".
fn targets_list(catalogue: &Catalogue, parts: &[&Part], lang: Lang) -> String {
    let mut text = String::new();
    for part in parts {
        let id = format!("{:<5}", part.id);
        text.push_str(&term::wrap(&id, part.short_in(lang), 5));
        let mut details = vec![lead_of(catalogue, part), part.unit.name(lang).to_string()];
        details
            .extend(catalogue.plan.milestones.iter().map(|y| format!("{y}: {}", level_of(part, *y, lang))));
        text.push_str(&term::wrap("     ", &details.join(" · "), 5));
    }
    text
}

fn targets_table(catalogue: &Catalogue, parts: &[&Part], lang: Lang) -> Table {
    let mut table = term::table();
    let mut header = vec![
        lang.pick("Mã", "Part").to_string(),
        lang.pick("Chỉ tiêu", "Target").to_string(),
        lang.pick("Chủ trì", "Lead").to_string(),
        lang.pick("Đơn vị tính", "Unit").to_string(),
    ];
    for year in &catalogue.plan.milestones {
        header.push(year.to_string());
    }
    table.set_header(header);
    for part in parts {
        let short = part.short_in(lang);
        let mut row = vec![
            part.id.clone(),
            short.to_string(),
            lead_of(catalogue, part),
            part.unit.name(lang).to_string(),
        ];
        row.extend(catalogue.plan.milestones.iter().map(|y| level_of(part, *y, lang)));
        table.add_row(row);
    }
    table
}

fn check(lang: Lang, file: &std::path::Path, format: Format) -> Result<ExitCode> {
    let (summary, problems, usable) = match read_and_check(file, lang)? {
        Ok((catalogue, warnings)) => (Some(summary(&catalogue, lang)), warnings, true),
        Err(problems) => (None, problems, false),
    };
    // A catalogue whose only errors are DHIS2's (`only_dhis2`) is used by every other command, but is not
    // sound: its DHIS2 export would be wrong.
    let sound = usable && !problems.iter().any(|p| p.severity == Severity::Error);
    match format {
        Format::Json => {
            let value = serde_json::json!({
                "file": file.display().to_string(),
                "sound": sound,
                "errors": problems.iter().filter(|p| p.severity == Severity::Error).count(),
                "warnings": problems.iter().filter(|p| p.severity == Severity::Warning).count(),
                "problems": problems,
            });
            print(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
        }
        Format::Table => {
            let mut text = String::new();
            for problem in &problems {
                text.push_str(&problem_line(file, problem, lang));
                text.push('\n');
            }
            let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
            let warnings = problems.len() - errors;
            text.push_str(&match (lang, sound) {
                (Lang::Vi, true) => {
                    format!("Danh mục hợp lệ: {}; {warnings} cảnh báo.\n", summary.unwrap_or_default())
                }
                (Lang::En, true) => {
                    format!(
                        "Catalogue is sound: {}; {}.\n",
                        summary.unwrap_or_default(),
                        term::en(warnings, "warning", "warnings")
                    )
                }
                (Lang::Vi, false) => format!("Danh mục có {errors} lỗi, {warnings} cảnh báo.\n"),
                (Lang::En, false) => format!(
                    "Catalogue has {}, {}.\n",
                    term::en(errors, "error", "errors"),
                    term::en(warnings, "warning", "warnings")
                ),
            });
            if usable && !sound {
                text.push_str(lang.pick(
                    "Các lỗi trên chỉ chặn việc xuất DHIS2 (plan export --format dhis2); các lệnh khác vẫn dùng được danh mục.\n",
                    "The errors above only stop the DHIS2 export (plan export --format dhis2); every other command uses the catalogue.\n",
                ));
            }
            print(&text)?;
        }
    }
    Ok(if sound { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// "FILE:LINE: lỗi [key] message", the form editors and terminals can jump to.
fn problem_line(file: &std::path::Path, problem: &Problem, lang: Lang) -> String {
    let severity = match problem.severity {
        Severity::Error => lang.pick("lỗi", "error"),
        Severity::Warning => lang.pick("cảnh báo", "warning"),
    };
    let line = problem.line.map(|l| format!(":{l}")).unwrap_or_default();
    let key = if problem.key.is_empty() { String::new() } else { format!(" [{}]", problem.key) };
    format!("{}{line}: {severity}{key}: {}", file.display(), problem.text(lang))
}

fn summary(catalogue: &Catalogue, lang: Lang) -> String {
    let parts = catalogue.parts().count();
    let reporting = catalogue.reporting_offices().count();
    format!(
        "{} {}, {parts} {}, {} {} ({reporting} {}), {} {}, {} {}, {} {}",
        catalogue.targets.len(),
        lang.pick("chỉ tiêu", "targets"),
        lang.pick("phần đo lường", "parts"),
        catalogue.offices.len(),
        lang.pick("cơ quan", "offices"),
        lang.pick("báo cáo số liệu", "report figures"),
        catalogue.units.len(),
        match lang {
            Lang::Vi => catalogue.units_tier(None, lang),
            Lang::En => "units".into(),
        },
        catalogue.elements.len(),
        lang.pick("mã dữ liệu", "data elements"),
        catalogue.rules.len(),
        lang.pick("quy tắc", "rules"),
    )
}
