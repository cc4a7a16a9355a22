//! The work both front ends do (the command line and the local page): finding the workbooks in the paths
//! given, reading them in parallel so that no file stops the others, checking, folding, aggregating a year
//! or every year, and writing annotated copies. Errors are sentences for people, in the language asked for.

pub mod aggregate;
pub mod annotate;
pub mod files;
pub mod read;
pub mod span;
pub mod validate;

pub use aggregate::{AggregateRequest, YearUnclear, aggregate, aggregate_year, aggregate_years};
pub use files::{collect, gather, join_as_given, shown_name};
pub use read::{Progress, Tick, no_tick, read, read_and_check, read_and_fold, read_and_fold_by_year};
pub use span::check_year_in_span;
pub use validate::{ValidateRequest, validate, validate_json};
