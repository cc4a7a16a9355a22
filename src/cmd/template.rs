//! `plan template`: blank workbooks for offices and units.

use super::{Globals, print};
use anyhow::{Context, Result, bail};
use plan::catalogue::Catalogue;
use plan::lang::Lang;
use plan::output::write_atomic;
use plan::template::{self, Layout, Reporter, Scope, Spec};
use plan::text::fold;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Examples printed under `plan template --help`.
pub const AFTER_HELP: &str = "\
Ví dụ:
  plan template --office y-te                   Biểu trống của cơ quan mã y-te: bao-cao-y-te.xlsx
  plan template --all -o bieu-mau               Biểu của mọi cơ quan báo cáo và biểu chung
  plan template --all --unit MÃ --year 2024 -o bieu-don-vi
                                                Mọi biểu của một đơn vị năm 2024, điền sẵn đơn vị và năm
                                                (mã các đơn vị: plan catalogue --units --year 2024)
  plan template --all --all-units --year 2024 -o gui-don-vi
                                                Mỗi cơ quan × mỗi đơn vị báo cáo năm 2024
  plan template --office y-te --layout units --year 2024
                                                Một biểu cho mọi đơn vị của năm (mỗi đơn vị một dòng)

Tệp đã có không bị ghi đè nếu không có --force.";

/// Arguments of `plan template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Biểu của cơ quan này (mã cơ quan, ví dụ y-te); có thể lặp lại
    #[arg(long, value_name = "MÃ", help_heading = "Tùy chọn")]
    office: Vec<String>,

    /// Biểu của mọi cơ quan báo cáo và biểu chung (báo cáo chung của một đơn vị)
    #[arg(long, help_heading = "Tùy chọn")]
    all: bool,

    /// Điền sẵn đơn vị báo cáo: mã hoặc tên đơn vị (xem plan catalogue --units)
    #[arg(long, value_name = "MÃ|TÊN", help_heading = "Tùy chọn")]
    unit: Option<String>,

    /// Điền sẵn năm báo cáo
    #[arg(long, value_name = "NĂM", help_heading = "Tùy chọn")]
    year: Option<u16>,

    /// Một biểu cho mỗi cơ quan và mỗi đơn vị báo cáo trong năm (cần --year)
    #[arg(long, conflicts_with = "unit", help_heading = "Tùy chọn")]
    all_units: bool,

    /// Bố cục: unit (mỗi đơn vị một tệp, mặc định) hoặc units (một tệp cho cả năm, mỗi đơn vị một dòng; cần --year)
    #[arg(long, value_enum, default_value_t = LayoutArg::Unit, hide_default_value = true, hide_possible_values = true, value_name = "BỐ_CỤC", help_heading = "Tùy chọn")]
    layout: LayoutArg,

    /// Thư mục ghi (hoặc tên tệp .xlsx khi chỉ có một biểu); mặc định thư mục hiện tại
    #[arg(short = 'o', long, value_name = "ĐƯỜNG_DẪN", help_heading = "Tùy chọn")]
    output: Option<PathBuf>,

    /// Ghi đè tệp đã có
    #[arg(long, help_heading = "Tùy chọn")]
    force: bool,
}

/// Layout choice on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LayoutArg {
    /// One unit per workbook.
    Unit,
    /// One workbook per office for a whole year.
    Units,
}

/// Runs `plan template`.
pub fn run(globals: &Globals, args: Args) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let specs = plan_specs(&catalogue, &args, lang)?;
    let single_file = specs.len() == 1
        && args
            .output
            .as_ref()
            .is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")));
    if let Some(output) =
        args.output.as_ref().filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")))
        && specs.len() > 1
    {
        bail!(
            "«{}»: {} {}",
            output.display(),
            specs.len(),
            lang.pick(
                "biểu sẽ được ghi, nên -o cần là tên một thư mục (ví dụ -o bieu-mau), không phải tên tệp .xlsx",
                "workbooks would be written, so -o needs a folder name (e.g. -o templates), not an .xlsx name"
            )
        );
    }
    let (dir, paths): (PathBuf, Vec<PathBuf>) = if single_file {
        let file = args.output.clone().unwrap_or_default();
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        (dir, vec![file])
    } else {
        let dir = args.output.clone().unwrap_or_else(|| PathBuf::from("."));
        let paths = specs
            .iter()
            .map(|s| plan::batch::join_as_given(&dir, s.file_name(&catalogue).as_ref()))
            .collect();
        (dir, paths)
    };
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(&dir).with_context(|| {
            format!("{} {}", lang.pick("không tạo được thư mục", "cannot create the folder"), dir.display())
        })?;
    }
    let existing: Vec<&PathBuf> = paths.iter().filter(|p| p.exists()).collect();
    if !existing.is_empty() && !args.force {
        let shown: Vec<String> = existing.iter().take(5).map(|p| p.display().to_string()).collect();
        bail!(
            "{} {} {}: {}{}",
            lang.pick("đã có", "already there:"),
            existing.len(),
            lang.pick("tệp (dùng --force để ghi đè)", "files (use --force to overwrite)"),
            shown.join(", "),
            if existing.len() > 5 { ", …" } else { "" }
        );
    }
    // Workbooks are independent: written in parallel.
    specs.par_iter().zip(&paths).try_for_each(|(spec, path)| -> Result<()> {
        let bytes = template::build(&catalogue, spec).with_context(|| {
            format!("{} {}", lang.pick("không tạo được biểu", "cannot build"), path.display())
        })?;
        write_atomic(path, &bytes, args.force).with_context(|| {
            format!("{} {}", lang.pick("không ghi được tệp", "cannot write"), path.display())
        })
    })?;
    print(&written(&paths, &dir, lang))?;
    Ok(ExitCode::SUCCESS)
}

/// Every workbook the arguments ask for.
fn plan_specs<'a>(catalogue: &'a Catalogue, args: &Args, lang: Lang) -> Result<Vec<Spec<'a>>> {
    if args.all != args.office.is_empty() {
        bail!("{}", lang.pick("chọn --office MÃ hoặc --all", "choose --office ID or --all"));
    }
    let layout = match args.layout {
        LayoutArg::Unit => Layout::Unit,
        LayoutArg::Units => Layout::Units,
    };
    super::check_year_in_span(catalogue, args.year, lang)?;
    if (args.all_units || layout == Layout::Units) && args.year.is_none() {
        bail!(
            "{}",
            lang.pick(
                "--all-units và --layout units cần --year NĂM",
                "--all-units and --layout units need --year YYYY"
            )
        );
    }
    if layout == Layout::Units && (args.unit.is_some() || args.all_units) {
        bail!(
            "{}",
            lang.pick(
                "--layout units đã gồm mọi đơn vị: bỏ --unit, --all-units",
                "--layout units covers every unit: drop --unit, --all-units"
            )
        );
    }
    let mut scopes: Vec<Scope> = Vec::new();
    for id in &args.office {
        let office = catalogue.office(id).with_context(|| {
            let known: Vec<&str> = catalogue.reporting_offices().map(|o| o.id.as_str()).collect();
            format!(
                "{} «{id}»; {}: {}",
                lang.pick("không có cơ quan", "no office"),
                lang.pick("các mã", "ids"),
                known.join(", ")
            )
        })?;
        if !office.reports {
            bail!("{} {}", office.name, lang.pick("không báo cáo số liệu", "reports no figures"));
        }
        if let Some(why) = args.year.and_then(|year| catalogue.office_absent_in(id, year, lang)) {
            bail!("{why}");
        }
        scopes.push(Scope::Office(office));
    }
    if args.all {
        scopes.extend(template::every_scope(catalogue, layout, args.all_units));
    }
    let reporters: Vec<Option<Reporter>> = if args.all_units {
        template::every_reporter(catalogue, args.year.unwrap_or_default())
    } else {
        vec![args.unit.as_deref().map(|q| resolve_unit(catalogue, q, args.year, lang)).transpose()?]
    };
    let specs = template::specs_for(catalogue, &scopes, &reporters, layout, args.year);
    // A year whose units are all district-level: they send their consolidated reports, not forms (a form
    // for the whole area's own figures is still asked for by its code).
    let districts_only = args.year.filter(|&year| {
        catalogue.units_in(year).next().is_some() && catalogue.template_units_in(year).next().is_none()
    });
    if let Some(year) = districts_only
        && (specs.is_empty() || reporters.iter().all(|r| !matches!(r, Some(Reporter::District))))
    {
        bail!(
            "{}",
            match lang {
                Lang::Vi => format!(
                    "năm {year} các đơn vị của danh mục là cấp huyện: mỗi đơn vị gửi báo cáo tổng hợp do «plan aggregate» ghi, không điền biểu mẫu"
                ),
                Lang::En => format!(
                    "in {year} the catalogue's units are districts: each sends the consolidated report «plan aggregate» wrote, not a template"
                ),
            }
        );
    }
    if specs.is_empty() {
        let (tier, code) = (catalogue.area_tier(lang), &catalogue.plan.area_code);
        let message = match lang {
            Lang::Vi => format!(
                "không có biểu nào để ghi: cơ quan đã chọn không có số liệu cho đơn vị này (số liệu {tier}: dùng --unit {code})"
            ),
            Lang::En => {
                format!(
                    "nothing to write: the office has no figures for this unit ({tier} figures: --unit {code})"
                )
            }
        };
        bail!("{message}");
    }
    Ok(specs)
}

/// The unit named on the command line, or the whole district.
fn resolve_unit<'a>(
    catalogue: &'a Catalogue,
    query: &str,
    year: Option<u16>,
    lang: Lang,
) -> Result<Reporter<'a>> {
    let area = fold(&catalogue.plan.area);
    let folded = fold(query);
    if query.trim() == catalogue.plan.area_code || folded == area || folded == format!("toan {area}") {
        return Ok(Reporter::District);
    }
    let found = catalogue.find_units(query, year);
    match found.as_slice() {
        [unit] => Ok(Reporter::Unit(unit)),
        [] => {
            let hint: Vec<String> = catalogue
                .units
                .iter()
                .filter(|u| year.is_none_or(|y| u.reports_in(y)))
                .filter(|u| fold(&u.name).contains(&folded) || folded.contains(&fold(&u.name)))
                .map(|u| format!("{} ({}, {}–{})", u.full_name(), u.code, u.from, u.to))
                .collect();
            let year_text = year.map(|y| format!(" {} {y}", lang.pick("năm", "in"))).unwrap_or_default();
            let other_years =
                catalogue.units.iter().find(|u| fold(&u.name) == folded || u.code == query.trim());
            if let (Some(unit), Some(year)) = (other_years, year) {
                let successor = catalogue.units.iter().find(|u| u.covers.contains(&unit.key()));
                let then = match (successor, lang) {
                    (Some(s), Lang::Vi) => {
                        format!(
                            "; từ năm {} địa bàn thuộc {} ({}): dùng --unit {}",
                            s.from,
                            s.full_name(),
                            s.code,
                            s.code
                        )
                    }
                    (Some(s), Lang::En) => {
                        format!(
                            "; from {} its area is part of {} ({}): use --unit {}",
                            s.from,
                            s.full_name(),
                            s.code,
                            s.code
                        )
                    }
                    (None, _) => String::new(),
                };
                bail!(
                    "{} ({}) {} {}–{}, {} {year}{then}",
                    unit.full_name(),
                    unit.code,
                    lang.pick("chỉ báo cáo các năm", "reports only in"),
                    unit.from,
                    unit.to,
                    lang.pick("không báo cáo năm", "not in"),
                );
            }
            if hint.is_empty() {
                bail!("{} «{query}»{year_text}", lang.pick("không có đơn vị", "no unit"));
            }
            bail!(
                "{} «{query}»{year_text}; {}: {}",
                lang.pick("không có đơn vị", "no unit"),
                lang.pick("có phải", "did you mean"),
                hint.join(", ")
            )
        }
        many => {
            let list: Vec<String> =
                many.iter().map(|u| format!("{} ({}–{})", u.full_name(), u.from, u.to)).collect();
            bail!(
                "«{query}» {}: {}; {}",
                lang.pick("chỉ nhiều đơn vị", "names several units"),
                list.join(", "),
                lang.pick("thêm --year NĂM", "add --year YYYY")
            )
        }
    }
}

/// What was written: one workbook by its path ("Đã ghi 1 biểu: grid-y-te-2025.xlsx."), several as their
/// paths (up to 30) and the folder.
fn written(paths: &[PathBuf], dir: &Path, lang: Lang) -> String {
    if let [path] = paths {
        return match lang {
            Lang::Vi => format!("Đã ghi 1 biểu: {}.\n", path.display()),
            Lang::En => format!("Wrote 1 workbook: {}.\n", path.display()),
        };
    }
    let mut text = String::new();
    if paths.len() <= 30 {
        for path in paths {
            text.push_str(&format!("{}\n", path.display()));
        }
    }
    let shown_dir = if dir.as_os_str().is_empty() { ".".to_string() } else { dir.display().to_string() };
    text.push_str(&match lang {
        Lang::Vi => format!("Đã ghi {} biểu vào {shown_dir}.\n", paths.len()),
        Lang::En => {
            format!("Wrote {} to {shown_dir}.\n", super::term::en(paths.len(), "workbook", "workbooks"))
        }
    });
    text
}
