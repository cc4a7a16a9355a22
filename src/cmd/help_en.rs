//! The help in English (`--lang en --help`): the Vietnamese definitions with every about, argument help,
//! heading, value name and usage replaced.

use clap::Command;

/// Help layout with English headings.
const TEMPLATE: &str = "\
{before-help}{about-with-newline}
Usage: {usage}

{all-args}{after-help}";

const MAIN_AFTER: &str = "\
Examples:
  plan catalogue                         The plan's targets and their milestone levels
  plan template --all -o bieu-mau        Blank Excel templates for every reporting office and the combined one
  plan validate nop-2024/                Check every submitted file, naming the cells to fix
  plan aggregate nop-2024/ --year 2024   The consolidated report of 2024 for the whole area
  plan status nop-2024/ --missing        Who has not reported yet
  plan mo                                The same jobs on a page in the browser

Exit codes: 0 success; 1 something to deal with (e.g. missing reports); 2 could not run.";

/// (subcommand, about, usage, after help).
const COMMANDS: [(&str, &str, &str, &str); 9] = [
    (
        "catalogue",
        "Show the plan's targets, the units of a year, or check a catalogue file",
        "plan catalogue [OPTIONS]\n       plan catalogue check [OPTIONS] <FILE>",
        "Examples:\n  plan catalogue --office gd-dt\n  plan catalogue --units --year 2025\n  plan catalogue check indicators.toml",
    ),
    (
        "template",
        "Make blank Excel templates for the offices and the reporting units",
        "plan template (--office ID | --all) [OPTIONS]",
        "Examples:\n  plan template --office y-te\n  plan template --all --unit CODE --year 2024 -o unit-forms\n\nExisting files are not overwritten without --force.",
    ),
    (
        "validate",
        "Check filled-in workbooks: every problem with the cell to fix",
        "plan validate [OPTIONS] <PATH>...",
        "Examples:\n  plan validate nop-2024/ --year 2024\n  plan validate bao-cao-y-te.xlsx --annotate can-sua/\n\nExit codes: 0 no file has errors (warnings allowed); 1 a file has errors; 2 could not run.",
    ),
    (
        "aggregate",
        "Consolidate a year's submitted workbooks into the area's Excel report",
        "plan aggregate [OPTIONS] <PATH>...",
        "Examples:\n  plan aggregate examples/2024 --year 2024 -o bao-cao-2024.xlsx\n  plan aggregate nop-2025/ --previous nop-2024/\n  plan aggregate nop-2025/ --format json > tong-hop-2025.json\n\nA report plan wrote may be replaced by running the same command again; inputs and other files never.\nExit codes: 0 written and complete; 1 written, with missing, excluded or conflicting data; 2 not written.",
    ),
    (
        "status",
        "See which units have reported, on time or late, and who is missing",
        "plan status [OPTIONS] <PATH>...",
        "Examples:\n  plan status nop-2024/ --year 2024\n  plan status nop-2024/ --missing      Only who has not reported\n  plan status nop-2024/ --docx don-doc.docx --new-deadline 15/11/2024\n                                       The reminder letter (Word) to those not reported or with errors\n\nExit codes: 0 all received; 1 something missing or with errors; 2 could not run.",
    ),
    (
        "progress",
        "Trends 2021–2030: series, progress assessment, milestone projections",
        "plan progress [OPTIONS] <PATH>...",
        "Examples:\n  plan progress examples/ -o tien-do.xlsx\n  plan progress nop-2021/ nop-2022/ --format json",
    ),
    (
        "export",
        "Export the data values in long format (CSV, JSON) or as DHIS2 dataValueSets",
        "plan export [OPTIONS] <PATH>...",
        "Examples:\n  plan export examples/2024 -o so-lieu-2024.csv\n  plan export examples/2024 --format dhis2 -o dhis2-2024.json",
    ),
    (
        "mo",
        "Open the plan page in the browser: every job (templates, checks, report, progress) without commands",
        "plan mo [OPTIONS]",
        "Examples:\n  plan mo                Open the page in the browser (as a double-click does)\n  plan mo --no-browser   Only print the page's address\n  plan mo --port 8080    Listen on port 8080, not any free one\n\nThe page opens on this machine only (127.0.0.1), at the address with the\naccess code that plan prints; nothing leaves the machine. Files sent to the\npage stay in a temporary folder, removed when the program stops: on «Close\nthe program», on Ctrl+C, or after an hour unused.",
    ),
    (
        "check",
        "Check a catalogue file: every problem with its line (exit 1 on errors)",
        "plan catalogue check [OPTIONS] <FILE>",
        "",
    ),
];

/// (argument id, help) shared by every command; a command's own entry below wins.
const ARGS: [(&str, &str); 21] = [
    ("catalogue", "Catalogue file (TOML) instead of the built-in one (or PLAN_CATALOGUE)"),
    ("lang", "Language of messages and reports: vi (Vietnamese, default) or en; or PLAN_LANG"),
    ("help", "Print help"),
    ("version", "Print version"),
    ("paths", "Files or folders holding the submitted workbooks"),
    ("year", "Report year (may be left out when every workbook is of one year)"),
    ("output", "File to write"),
    ("force", "Overwrite an existing file"),
    ("include_with_errors", "Also use workbooks with errors (their errors stay listed in the report)"),
    ("previous", "Last year's workbooks: last year's value beside each target"),
    ("format", "Output format: table (default) or json"),
    ("missing", "Print only who has not reported (unit · office); exit 1 while anyone is missing"),
    ("annotate", "Write into this folder an annotated copy of each file with errors"),
    ("all", "Every reporting office and the combined workbook"),
    ("office", "Only this office (office id, e.g. y-te)"),
    ("unit", "Prefill the reporting unit: code or name of the unit (see plan catalogue --units)"),
    ("all_units", "One workbook per office and per unit reporting in the year (needs --year)"),
    ("layout", "Layout: unit (one file per unit, default) or units (one file for the year; needs --year)"),
    ("group", "Only this group of targets (its number, see plan catalogue)"),
    ("units", "List the units reporting in --year, with their codes"),
    ("file", "Catalogue file (TOML) to check"),
];

/// (command, argument id, help) where a command's argument means something of its own.
const OWN: [(&str, &str, &str); 18] = [
    (
        "status",
        "docx",
        "Write the reminder letter (Word .docx) to the units not reported or with errors into this file",
    ),
    ("status", "new_deadline", "The new date the letter gives (day/month/year; default 7 days after today)"),
    ("status", "force", "Overwrite an existing file"),
    ("aggregate", "docx", "Also write the yearly report as a Word draft (.docx) to this file"),
    ("export", "year", "Only this year (default every year found)"),
    ("progress", "paths", "Files or folders holding several years' workbooks"),
    (
        "aggregate",
        "output",
        "Report file to write (default bao-cao-tong-hop-YEAR.xlsx; none with --format json)",
    ),
    ("aggregate", "force", "Overwrite a file plan did not write"),
    ("aggregate", "format", "Screen output: table (default) or json (docs/aggregate-json.md)"),
    ("validate", "year", "Check that the files are of this year"),
    ("validate", "previous", "Last year's files, to warn when figures moved unusually"),
    ("validate", "all", "Also print one line for each valid file"),
    ("template", "year", "Prefill the report year"),
    (
        "template",
        "output",
        "Folder to write into (or an .xlsx name when there is one workbook); default here",
    ),
    ("export", "output", "File to write (default: standard output)"),
    ("mo", "port", "Port to listen on at 127.0.0.1 (default: any free port)"),
    ("mo", "no_browser", "Do not open the browser; only print the page's address (the first line of output)"),
    ("mo", "idle_minutes", "Stop after this many minutes unused"),
];

fn heading(vi: &str) -> &'static str {
    match vi {
        "Tùy chọn chung" => "Global options",
        "Đối số" => "Arguments",
        _ => "Options",
    }
}

fn value_name(vi: &str) -> &'static str {
    match vi {
        "ĐƯỜNG_DẪN" => "PATH",
        "NĂM" => "YEAR",
        "TỆP" => "FILE",
        "THƯ_MỤC" => "FOLDER",
        "ĐỊNH_DẠNG" => "FORMAT",
        "MÃ" => "ID",
        "MÃ|TÊN" => "CODE|NAME",
        "SỐ" => "NUMBER",
        "BỐ_CỤC" => "LAYOUT",
        "NGÔN_NGỮ" => "LANGUAGE",
        "CỔNG" => "PORT",
        "PHÚT" => "MINUTES",
        _ => "VALUE",
    }
}

fn translate_args(mut command: Command, name: &str) -> Command {
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let own = OWN.iter().find(|(c, i, _)| *c == name && *i == id).map(|(_, _, h)| *h);
        let shared = ARGS.iter().find(|(i, _)| *i == id).map(|(_, h)| *h);
        command = command.mut_arg(id.as_str(), |arg| {
            let mut arg = match own.or(shared) {
                Some(help) => arg.help(help),
                None => arg,
            };
            if let Some(h) = arg.get_help_heading().map(heading) {
                arg = arg.help_heading(h);
            }
            let names: Option<Vec<&'static str>> =
                arg.get_value_names().map(|n| n.iter().map(|v| value_name(v.as_str())).collect());
            match names {
                Some(names) if !names.is_empty() => arg.value_names(names),
                _ => arg,
            }
        });
    }
    command
}

fn translate_command(command: Command) -> Command {
    let name = command.get_name().to_string();
    let mut command = translate_args(command, &name).help_template(TEMPLATE);
    if command.get_subcommands().next().is_some() {
        command = command.subcommand_help_heading("Commands").subcommand_value_name("COMMAND");
    }
    if let Some((_, about, usage, after)) = COMMANDS.iter().find(|(c, ..)| *c == name) {
        command = command.about(*about).override_usage(*usage).after_help(*after);
    }
    let subs: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for sub in subs {
        command = command.mut_subcommand(sub, translate_command);
    }
    command
}

/// The command with its help in English.
pub fn translate(command: Command) -> Command {
    translate_command(command)
        .about("plan — yearly reporting of the children's action plan 2021–2030 from spreadsheets")
        .override_usage("plan [OPTIONS] <COMMAND>")
        .after_help(MAIN_AFTER)
}

#[cfg(test)]
mod tests {
    use super::super::Cli;
    use clap::CommandFactory;

    /// Place names that stay as they are in English help ("e.g. 18520 or \"Lộc Yên\"").
    const NAMES: [&str; 1] = ["Lộc Yên"];

    /// Whether a text holds a letter with a Vietnamese diacritic (place names of [`NAMES`] aside).
    fn has_vietnamese(text: &str) -> bool {
        let text = NAMES.iter().fold(text.to_string(), |text, name| text.replace(name, ""));
        text.chars()
            .any(|c| matches!(c, 'À'..='ỹ') && c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&c))
    }

    /// Every visible command below `command`, with its path ("plan catalogue check").
    fn commands(command: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
        out.push((path.to_string(), command.clone()));
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            commands(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    // Regression: an argument without an English translation fell back silently to its Vietnamese help in
    // `--lang en --help`, and only `aggregate --help` was tested.
    #[test]
    fn every_command_and_argument_has_english_help() {
        let mut vietnamese = Vec::new();
        commands(&Cli::command(), "plan", &mut vietnamese);
        let mut english = Vec::new();
        commands(&super::translate(Cli::command()), "plan", &mut english);
        assert_eq!(vietnamese.len(), english.len());
        assert!(english.len() >= 10, "every command and catalogue check: {}", english.len());
        for ((path, vi), (_, mut en)) in vietnamese.into_iter().zip(english) {
            let about = en.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert!(!about.is_empty() && !has_vietnamese(&about), "{path}: about «{about}»");
            for arg in en.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = arg.get_id().as_str();
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                let help_vi = vi.get_arguments().find(|a| a.get_id() == id).and_then(|a| a.get_help());
                assert!(!help.is_empty(), "{path} --{id}: no help");
                assert_ne!(
                    Some(help.as_str()),
                    help_vi.map(|h| h.to_string()).as_deref(),
                    "{path} --{id}: untranslated"
                );
                assert!(!has_vietnamese(&help), "{path} --{id}: «{help}»");
                assert!(arg.get_long_help().is_none(), "{path} --{id}: a long help is not translated");
            }
            let rendered = en.render_long_help().to_string();
            assert!(!has_vietnamese(&rendered), "{path} --help in English:\n{rendered}");
        }
    }

    #[test]
    fn vietnamese_is_told_by_its_diacritics() {
        assert!(has_vietnamese("Tệp cần ghi"));
        assert!(has_vietnamese("Đơn vị"));
        assert!(has_vietnamese("e\u{301}"));
        assert!(!has_vietnamese("Only this group of targets (1–4) · «Close» e.g. \"Lộc Yên\""));
    }
}
