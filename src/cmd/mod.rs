//! Command-line interface: the argument definitions (help in Vietnamese) and the dispatch to one module per
//! subcommand.

mod aggregate;
pub mod args;
mod bar;
mod catalogue;
mod explorer;
mod export;
mod help_en;
mod lists;
mod mo;
mod oserror;
mod outfile;
mod progress;
mod status;
mod template;
mod term;
mod validate;
mod years;

use anyhow::{Context, Result};
use clap::{ArgAction, Parser, Subcommand};
use plan::batch::YearUnclear;
use plan::catalogue::{Catalogue, Loaded, Severity};
use plan::lang::Lang;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Help layout with Vietnamese headings, shared by every command.
const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Cách dùng: {usage}

{all-args}{after-help}";

const MAIN_AFTER_HELP: &str = "\
Ví dụ:
  plan catalogue                         Xem các chỉ tiêu và mục tiêu theo năm mốc
  plan catalogue --office y-te           Chỉ các chỉ tiêu do cơ quan mã y-te chủ trì
  plan catalogue --format json           Toàn bộ danh mục dạng JSON
  plan catalogue check chi-tieu-tinh.toml
                                         Kiểm tra một tệp danh mục đã sửa
  plan --catalogue chi-tieu-tinh.toml catalogue
                                         Dùng danh mục của địa phương khác
  plan template --all -o bieu-mau        Biểu mẫu Excel trống cho mọi cơ quan báo cáo và biểu chung
  plan validate nop-2024/                Kiểm tra mọi tệp đã nộp, chỉ ra ô cần sửa
  plan aggregate nop-2024/ --year 2024   Báo cáo tổng hợp năm 2024 của cả địa bàn
  plan status nop-2024/ --missing        Đơn vị nào chưa nộp (để gọi điện nhắc)
  plan mo                                Làm mọi việc trên trang web, không cần gõ lệnh

Mã thoát: 0 thành công; 1 có vấn đề cần xử lý (ví dụ còn đơn vị chưa nộp); 2 không thực hiện được.
Tiếng Anh: plan --lang en … (hoặc biến môi trường PLAN_LANG=en).";

/// Reporting of the children's action plan 2021–2030 from spreadsheets.
#[derive(Debug, Parser)]
#[command(
    name = "plan",
    version,
    about = "plan — báo cáo hằng năm Kế hoạch hành động vì trẻ em 2021–2030 từ các bảng tính",
    help_template = HELP_TEMPLATE,
    after_help = MAIN_AFTER_HELP,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    override_usage = "plan [TÙY_CHỌN] <LỆNH>"
)]
pub struct Cli {
    /// Tệp danh mục chỉ tiêu (TOML) thay cho danh mục có sẵn trong chương trình (hoặc biến môi trường
    /// PLAN_CATALOGUE)
    #[arg(
        long,
        global = true,
        env = "PLAN_CATALOGUE",
        hide_env = true,
        value_name = "TỆP",
        help_heading = "Tùy chọn chung"
    )]
    catalogue: Option<PathBuf>,

    /// Ngôn ngữ của thông báo và báo cáo: vi (tiếng Việt, mặc định) hoặc en (tiếng Anh); hoặc biến môi
    /// trường PLAN_LANG
    #[arg(long, global = true, env = "PLAN_LANG", hide_env = true, value_enum, default_value_t = Lang::Vi, hide_default_value = true, hide_possible_values = true, value_name = "NGÔN_NGỮ", help_heading = "Tùy chọn chung")]
    lang: Lang,

    /// In trợ giúp
    #[arg(short = 'h', long = "help", global = true, action = ArgAction::Help, help_heading = "Tùy chọn chung")]
    help: Option<bool>,

    /// In phiên bản
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help_heading = "Tùy chọn chung")]
    version: Option<bool>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Xem danh mục chỉ tiêu của kế hoạch, hoặc kiểm tra một tệp danh mục
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = catalogue::AFTER_HELP,
        subcommand_help_heading = "Lệnh",
        subcommand_value_name = "LỆNH",
        override_usage = "plan catalogue [TÙY_CHỌN]\n       plan catalogue check [TÙY_CHỌN] <TỆP>"
    )]
    Catalogue(catalogue::Args),
    /// Tạo biểu mẫu Excel trống cho các cơ quan và các đơn vị báo cáo
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = template::AFTER_HELP,
        override_usage = "plan template (--office MÃ | --all) [TÙY_CHỌN]"
    )]
    Template(template::Args),
    /// Kiểm tra các tệp báo cáo đã điền: liệt kê mọi lỗi kèm ô cần sửa
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = validate::AFTER_HELP,
        override_usage = "plan validate [TÙY_CHỌN] <ĐƯỜNG_DẪN>..."
    )]
    Validate(validate::Args),
    /// Tổng hợp các biểu đã nộp của một năm thành báo cáo Excel của cả địa bàn
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = aggregate::AFTER_HELP,
        override_usage = "plan aggregate [TÙY_CHỌN] <ĐƯỜNG_DẪN>..."
    )]
    Aggregate(aggregate::Args),
    /// Xem đơn vị nào đã nộp biểu, đúng hạn hay trễ, còn thiếu ai
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = status::AFTER_HELP,
        override_usage = "plan status [TÙY_CHỌN] <ĐƯỜNG_DẪN>..."
    )]
    Status(status::Args),
    /// Xu hướng 2021–2030: chuỗi số liệu, đánh giá tiến độ, dự báo các mốc
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = progress::AFTER_HELP,
        override_usage = "plan progress [TÙY_CHỌN] <ĐƯỜNG_DẪN>..."
    )]
    Progress(progress::Args),
    /// Xuất số liệu dạng dài (CSV, JSON) hoặc dataValueSets của DHIS2
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = export::AFTER_HELP,
        override_usage = "plan export [TÙY_CHỌN] <ĐƯỜNG_DẪN>..."
    )]
    Export(export::Args),
    /// Mở trang plan trong trình duyệt: mọi việc (biểu mẫu, kiểm tra, tổng hợp, tiến độ) không cần gõ lệnh
    #[command(help_template = HELP_TEMPLATE, after_help = mo::AFTER_HELP, override_usage = "plan mo [TÙY_CHỌN]")]
    Mo(mo::Args),
    /// Internal: reads one workbook's sheets and prints them as JSON (the isolated reader).
    #[command(name = crate::process::READ_SHEETS_COMMAND, hide = true)]
    ReadSheets {
        /// The workbook.
        path: PathBuf,
    },
}

/// Runs `plan` with the program's arguments: a subcommand, or, started from Windows Explorer, the page
/// (`plan mo`, no arguments) or the validation of the workbooks dropped on it; waits for Enter before a
/// window of its own closes (unless the page was closed from the page).
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let own_console = explorer::own_console();
    let lang = args::prescan_lang(&args, std::env::var_os("PLAN_LANG"));
    let code = match explorer::start(&args) {
        // A double-click: the page in the browser; the guide to the command line if it cannot start.
        explorer::Start::Bare if own_console => {
            let code = parse_and_run(vec![args[0].clone(), "mo".into()], false);
            if code == ExitCode::SUCCESS {
                return code;
            }
            eprint!("\n{}", explorer::guide(lang));
            code
        }
        explorer::Start::Dropped(paths) => {
            let mut validate = vec![args[0].clone(), "validate".into()];
            validate.extend(paths.into_iter().map(OsString::from));
            parse_and_run(validate, true)
        }
        _ => parse_and_run(args, false),
    };
    if own_console {
        explorer::wait_for_enter(lang);
    }
    code
}

/// Parses a command line and runs it (`beside`: `validate` with annotated copies beside the workbooks);
/// prints the help, a usage error or the error that stopped it.
fn parse_and_run(args: Vec<OsString>, beside: bool) -> ExitCode {
    let lang = args::prescan_lang(&args, std::env::var_os("PLAN_LANG"));
    let mut cli = match args::parse(args, lang) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if let Command::Validate(args) = &mut cli.command {
        args.beside = beside;
    }
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("plan: {}", error_chain(&error, lang));
            ExitCode::from(2)
        }
    }
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let context = Globals { catalogue: cli.catalogue, lang: cli.lang };
    match cli.command {
        Command::Catalogue(args) => catalogue::run(&context, args),
        Command::Template(args) => template::run(&context, args),
        Command::Validate(args) => validate::run(&context, args),
        Command::Aggregate(args) => aggregate::run(&context, args),
        Command::Status(args) => status::run(&context, args),
        Command::Progress(args) => progress::run(&context, args),
        Command::Export(args) => export::run(&context, args),
        Command::Mo(args) => mo::run(&context, args),
        Command::ReadSheets { path } => crate::process::answer_as_child(&path),
    }
}

/// What every subcommand receives besides its own arguments.
pub struct Globals {
    catalogue: Option<PathBuf>,
    lang: Lang,
}

impl Globals {
    /// The catalogue chosen by `--catalogue` / `PLAN_CATALOGUE`, or the embedded one.
    pub fn load_catalogue(&self) -> Result<Catalogue> {
        match &self.catalogue {
            None => Ok(Catalogue::embedded()),
            Some(path) => match read_and_check(path, self.lang)? {
                Ok((catalogue, _)) => Ok(catalogue),
                Err(problems) => {
                    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
                    let shown = path.display();
                    anyhow::bail!(
                        "{}",
                        match self.lang {
                            Lang::Vi => format!(
                                "tệp danh mục {shown} có {errors} lỗi; xem chi tiết: plan catalogue check \"{shown}\""
                            ),
                            Lang::En => format!(
                                "catalogue {shown} has {}; details: plan catalogue check \"{shown}\"",
                                term::en(errors, "error", "errors")
                            ),
                        }
                    )
                }
            },
        }
    }
}

/// Reads and checks a catalogue file: `Err` when it cannot be read at all, `Ok(Err(problems))` when it is
/// unsound.
pub fn read_and_check(path: &Path, lang: Lang) -> Result<Loaded> {
    let text = plan::catalogue::read_text(path).with_context(|| match lang {
        Lang::Vi => format!("không đọc được tệp danh mục {}", path.display()),
        Lang::En => format!("cannot read the catalogue {}", path.display()),
    })?;
    Ok(plan::catalogue::load(&text))
}

/// Writes text to standard output; a closed pipe (`plan … | head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    // File names, sheet names and cell texts may hold escape sequences: shown escaped, never obeyed.
    let text = plan::text::terminal_safe(text);
    print_with(|out| out.write_all(text.as_bytes()))
}

/// Writes to standard output through a buffer (a closed pipe is not an error).
pub fn print_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    // anstream strips colour when not a terminal or with NO_COLOR, and drives the Windows console.
    let mut out = std::io::BufWriter::new(anstream::stdout().lock());
    match write(&mut out).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("không ghi được ra đầu ra chuẩn"),
    }
}

/// The error and its causes on one line: "outer: inner: root"; operating-system errors as a sentence in
/// Vietnamese (their detail only in English); a year to choose, with `--year`.
pub fn error_chain(error: &anyhow::Error, lang: Lang) -> String {
    let describe = |cause: &(dyn std::error::Error + 'static)| match cause.downcast_ref::<YearUnclear>() {
        Some(unclear) => unclear.sentence(lang.pick("chọn năm bằng --year", "choose one with --year")),
        None => oserror::describe(cause, lang),
    };
    let chain = error.chain().map(describe).collect::<Vec<_>>().join(": ");
    // File names and texts from files may hold escape sequences: shown escaped, never obeyed.
    plan::text::terminal_safe(&chain).into_owned()
}

pub use plan::batch::check_year_in_span;
