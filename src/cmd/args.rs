//! Parsing the command line with messages in the officer's language: the language is known before parsing
//! (pre-scanned from the arguments and `PLAN_LANG`), help is in that language, and clap's errors are
//! rendered in our own words from their kind and context.

use super::Cli;
use super::help_en;
use super::term::{display_width, wrap_at};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};
use plan::lang::Lang;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

/// The submitted workbooks of one year (`plan aggregate`, `plan status`): paths and the report year.
#[derive(Debug, clap::Args)]
pub struct YearOf {
    /// Các tệp hoặc thư mục chứa biểu đã nộp
    #[arg(value_name = "ĐƯỜNG_DẪN", required = true, help_heading = "Đối số")]
    pub paths: Vec<PathBuf>,

    /// Năm báo cáo (bỏ trống nếu mọi biểu cùng một năm)
    #[arg(long, value_name = "NĂM", help_heading = "Tùy chọn")]
    pub year: Option<u16>,
}

/// How a command prints its result (`--format`): a table for people, or JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// JSON in the documented shape.
    Json,
}

/// The language asked for by `--lang X` / `--lang=X` (before any `--`), else `PLAN_LANG`, else Vietnamese.
pub fn prescan_lang(args: &[OsString], env: Option<OsString>) -> Lang {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    let mut asked = None;
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            asked = words.next().map(|w| w.to_string());
        } else if let Some(value) = word.strip_prefix("--lang=") {
            asked = Some(value.to_string());
        }
    }
    let asked = asked.or_else(|| env.map(|e| e.to_string_lossy().to_string()));
    match asked.as_deref().map(str::trim) {
        Some(v) if v.eq_ignore_ascii_case("en") => Lang::En,
        _ => Lang::Vi,
    }
}

/// The command definition with help in `lang`, wrapped at the terminal width.
pub fn command(lang: Lang) -> clap::Command {
    let width = usize::from(super::term::width());
    let command = Cli::command().term_width(width);
    let command = match lang {
        Lang::Vi => command,
        Lang::En => help_en::translate(command),
    };
    fit_examples(command, width)
}

/// Example lines ("  plan … ␣␣ what it does") too wide for the terminal: the description goes under the
/// command, indented, so that nothing breaks mid-column.
fn fit_example_lines(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let example = line.strip_prefix("  ").filter(|rest| rest.starts_with("plan "));
        match example.and_then(|rest| rest.split_once("  ")) {
            Some((command, description)) if display_width(line) > width => {
                out.push_str(&format!("  {command}\n"));
                // Under its own column when it fits there, else indented a little.
                let description = description.trim_start();
                let column = display_width(line) - display_width(description);
                let indent = if column + display_width(description) <= width { column } else { 6 };
                out.push_str(&wrap_at(&" ".repeat(indent), description, indent, width));
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.trim_end_matches('\n').to_string()
}

fn fit_examples(command: clap::Command, width: usize) -> clap::Command {
    let after = command.get_after_help().map(|help| fit_example_lines(&help.to_string(), width));
    let mut command = match after {
        Some(after) => command.after_help(after),
        None => command,
    };
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| fit_examples(sub, width));
    }
    command
}

/// Parses the arguments; on `--help`/`--version` prints them, on a mistake prints what is wrong in `lang`,
/// and gives the exit code to stop with.
pub fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, ExitCode> {
    let parsed = command(lang)
        .try_get_matches_from(args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(error) => match error.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = error.print();
                Err(ExitCode::SUCCESS)
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                let _ = error.print();
                Err(ExitCode::from(2))
            }
            _ => {
                eprint!("{}", render(&error, lang));
                Err(ExitCode::from(2))
            }
        },
    }
}

fn string(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(list) => {
            Some(list.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
        }
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn strings(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// Why a value was refused, from the value parser's own error ("invalid digit…", "99999 is not in 0..=65535").
fn validation_reason(error: &clap::Error, lang: Lang) -> String {
    let detail = std::error::Error::source(error).map(ToString::to_string).unwrap_or_default();
    if let Some((_, range)) = detail.split_once(" is not in ") {
        let range = range.replace("..=", "–");
        return match lang {
            Lang::Vi => format!("cần một số trong khoảng {range}"),
            Lang::En => format!("expected a number in {range}"),
        };
    }
    if detail.contains("digit") || detail.contains("empty string") || detail.contains("number") {
        return lang.pick("cần một số nguyên", "expected a whole number").to_string();
    }
    match lang {
        Lang::Vi => "giá trị không hợp lệ".to_string(),
        Lang::En if detail.is_empty() => "invalid value".to_string(),
        Lang::En => detail,
    }
}

/// An argument error in our words: what is wrong, a suggestion when clap has one, the usage line, and
/// where to find help.
pub fn render(error: &clap::Error, lang: Lang) -> String {
    let arg = string(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(error, ContextKind::InvalidValue).unwrap_or_default();
    let valid = strings(error, ContextKind::ValidValue);
    let main = match (error.kind(), lang) {
        (ErrorKind::UnknownArgument, Lang::Vi) => format!("không có tùy chọn «{arg}»"),
        (ErrorKind::UnknownArgument, Lang::En) => format!("there is no option '{arg}'"),
        (ErrorKind::InvalidSubcommand, Lang::Vi) => {
            let sub = string(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("không có lệnh «{sub}»")
        }
        (ErrorKind::InvalidSubcommand, Lang::En) => {
            let sub = string(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("there is no command '{sub}'")
        }
        (ErrorKind::InvalidValue, Lang::Vi) if value.is_empty() => format!("«{arg}» cần một giá trị"),
        (ErrorKind::InvalidValue, Lang::En) if value.is_empty() => format!("'{arg}' needs a value"),
        (ErrorKind::InvalidValue, Lang::Vi) => {
            format!("«{value}» không phải giá trị của {arg}; chọn một trong: {}", valid.join(", "))
        }
        (ErrorKind::InvalidValue, Lang::En) => {
            format!("'{value}' is not a value of {arg}; choose one of: {}", valid.join(", "))
        }
        (ErrorKind::ValueValidation, _) => {
            let reason = validation_reason(error, lang);
            match lang {
                Lang::Vi => format!("«{value}» không dùng được cho {arg}: {reason}"),
                Lang::En => format!("'{value}' cannot be used for {arg}: {reason}"),
            }
        }
        (ErrorKind::NoEquals, Lang::Vi) => format!("{arg} cần dấu = trước giá trị"),
        (ErrorKind::NoEquals, Lang::En) => format!("{arg} needs = before its value"),
        (ErrorKind::TooManyValues, Lang::Vi) => {
            format!("thừa giá trị «{value}» (không có tham số nào nhận nó)")
        }
        (ErrorKind::TooManyValues, Lang::En) => format!("unexpected value '{value}'"),
        (ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues, Lang::Vi) => {
            format!("{arg}: số giá trị không đúng")
        }
        (ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues, Lang::En) => {
            format!("{arg}: wrong number of values")
        }
        (ErrorKind::ArgumentConflict, Lang::Vi) => {
            let prior = string(error, ContextKind::PriorArg).unwrap_or_default();
            format!("không dùng {arg} cùng với {prior}")
        }
        (ErrorKind::ArgumentConflict, Lang::En) => {
            let prior = string(error, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} cannot be used with {prior}")
        }
        (ErrorKind::MissingRequiredArgument, Lang::Vi) => format!("thiếu {}", valid.join(", ")),
        (ErrorKind::MissingRequiredArgument, Lang::En) => format!("missing {}", valid.join(", ")),
        (ErrorKind::MissingSubcommand, Lang::Vi) => "thiếu tên lệnh".to_string(),
        (ErrorKind::MissingSubcommand, Lang::En) => "a command is needed".to_string(),
        (ErrorKind::InvalidUtf8, Lang::Vi) => "một đối số không phải văn bản UTF-8 hợp lệ".to_string(),
        (ErrorKind::InvalidUtf8, Lang::En) => "an argument is not valid UTF-8".to_string(),
        (_, Lang::Vi) => "đối số không hợp lệ".to_string(),
        (_, Lang::En) => error.kind().as_str().unwrap_or("invalid arguments").to_string(),
    };
    let mut text = format!("plan: {main}\n");
    let suggested_arg = string(error, ContextKind::SuggestedArg);
    let suggested = suggested_arg
        .or_else(|| string(error, ContextKind::SuggestedSubcommand))
        .or_else(|| string(error, ContextKind::SuggestedValue));
    if let Some(suggestion) = suggested {
        text.push_str(&match lang {
            Lang::Vi => format!("  Có phải ý bạn là «{suggestion}»?\n"),
            Lang::En => format!("  Did you mean '{suggestion}'?\n"),
        });
    }
    // The command the usage is of ("plan aggregate"), for the help to point at.
    let mut command = "plan".to_string();
    if let Some(usage) = string(error, ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        text.push_str(&format!("{} {usage}\n", lang.pick("Cách dùng:", "Usage:")));
        let words: Vec<&str> =
            usage.split_whitespace().take_while(|w| !w.starts_with(['[', '<', '('])).collect();
        if !words.is_empty() {
            command = words.join(" ");
        }
    }
    text.push_str(&match lang {
        Lang::Vi => format!("Xem thêm: {command} --help\n"),
        Lang::En => format!("More: {} --help\n", command.replacen("plan", "plan --lang en", 1)),
    });
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn wide_examples_put_their_description_under_the_command() {
        let text = "Ví dụ:\n  plan template --all -o bieu-mau        Biểu mẫu Excel trống cho 6 phòng, ngành và biểu chung\n  plan status x   Ngắn";
        let fitted = fit_example_lines(text, 60);
        assert_eq!(
            fitted,
            "Ví dụ:\n  plan template --all -o bieu-mau\n      Biểu mẫu Excel trống cho 6 phòng, ngành và biểu chung\n  plan status x   Ngắn"
        );
        assert!(fitted.lines().all(|l| display_width(l) <= 60));
    }

    #[test]
    fn language_is_known_before_parsing() {
        assert_eq!(prescan_lang(&os(&["plan", "--lang", "en", "x"]), None), Lang::En);
        assert_eq!(prescan_lang(&os(&["plan", "x", "--lang=en"]), None), Lang::En);
        assert_eq!(prescan_lang(&os(&["plan", "x"]), Some("en".into())), Lang::En);
        assert_eq!(prescan_lang(&os(&["plan", "--lang", "vi"]), Some("en".into())), Lang::Vi);
        assert_eq!(prescan_lang(&os(&["plan", "--", "--lang", "en"]), None), Lang::Vi);
        assert_eq!(prescan_lang(&os(&["plan"]), None), Lang::Vi);
    }
}
