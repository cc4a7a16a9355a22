//! The `plan` command: parses arguments, runs one subcommand, reports errors.

mod cmd;

/// mimalloc returns memory that many threads parsing thousands of workbooks freed, where the system
/// allocator's per-thread arenas keep it (measured: peak memory of `plan aggregate` on 10,000 workbooks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    plan::submission::quiet_reader_panics();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cmd::args::prescan_lang(&args, std::env::var_os("PLAN_LANG"));
    let cli = match cmd::args::parse(args, lang) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("plan: {}", cmd::error_chain(&error, lang));
            ExitCode::from(2)
        }
    }
}
