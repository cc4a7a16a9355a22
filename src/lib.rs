//! `plan`: yearly reporting of a district's action plan for children (Kế hoạch 80/KH-UBND of Hương Khê)
//! from ordinary spreadsheets.
//!
//! The library knows nothing of the terminal: [`catalogue`] holds the plan as data, [`attainment`] decides
//! whether a target is met, [`expr`] evaluates the catalogue's consistency rules. Nor does it serve HTTP or
//! choose for the process: the `plan` binary's front ends (its subcommands in `src/cmd/`, the page's server in
//! `src/web/`) and its process-wide concerns (`src/process.rs`: the panic hook, the allocator's ceiling, the
//! child reader it starts) live beside `src/main.rs`; the library is told how to read workbooks
//! ([`submission::Reader`]), in process by default.

#![warn(missing_docs)]

pub mod aggregate;
pub mod attainment;
pub mod batch;
pub mod catalogue;
pub mod contract;
pub mod date;
pub mod decimal;
pub mod export;
pub mod expr;
pub mod formula;
pub mod lang;
pub mod output;
pub mod progress;
pub mod report;
pub mod rules;
pub mod sheet_style;
pub mod submission;
pub mod template;
pub mod text;
pub mod wrap;
pub mod zip_bytes;
