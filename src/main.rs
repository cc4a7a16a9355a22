//! The `plan` command: parses arguments, runs one subcommand, reports errors.

mod cmd;

/// mimalloc returns memory that many threads parsing thousands of workbooks freed, where the system
/// allocator's per-thread arenas keep it (measured: peak memory of `plan aggregate` on 10,000 workbooks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    plan::submission::quiet_reader_panics();
    cmd::main()
}
