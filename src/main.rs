//! The `plan` command: parses arguments, runs one subcommand, reports errors. The process's own concerns
//! (the allocator, the panic hook, how workbooks are read) are chosen here ([`process`]), and the two front
//! ends live here: the terminal ([`cmd`]) and the page of `plan mo` ([`web`]).

mod alloc_cap;
mod cmd;
mod process;
mod web;

use alloc_cap::Capped;
use std::process::ExitCode;

/// mimalloc returns memory that many threads parsing thousands of workbooks freed, where the system
/// allocator's per-thread arenas keep it (measured: peak memory of `plan aggregate` on 10,000 workbooks).
/// The child reader gives it a ceiling (`Capped`).
#[global_allocator]
static ALLOCATOR: Capped<mimalloc::MiMalloc> = Capped::new(mimalloc::MiMalloc);

fn main() -> ExitCode {
    process::quiet_reader_panics();
    cmd::main()
}
