//! The `plan` command: parses arguments, runs one subcommand, reports errors.

mod cmd;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("plan: {}", cmd::error_chain(&error));
            ExitCode::from(2)
        }
    }
}
