//! The work both front ends do (the command line and the local page): finding the workbooks in the paths
//! given, reading them in parallel so that no file stops the others, checking, folding, aggregating a year
//! or every year, and writing annotated copies. Errors are sentences for people, in the language asked for.

pub mod aggregate;
pub mod annotate;
pub mod files;
pub mod read;
pub mod validate;

pub use aggregate::{AggregateRequest, aggregate, aggregate_year, aggregate_years};
pub use files::{collect, gather, join_as_given, shown_name};
pub use read::{Progress, Tick, read, read_and_check, read_and_fold, read_and_fold_by_year};
pub use validate::{ValidateRequest, validate, validate_json};

use crate::catalogue::Catalogue;
use crate::lang::Lang;
use anyhow::{Result, bail};

/// A tick that does nothing.
pub fn no_tick() {}

/// A year outside the plan's span is refused with the span ("năm 2019 nằm ngoài giai đoạn … 2021–2030").
pub fn check_year_in_span(catalogue: &Catalogue, year: Option<u16>, lang: Lang) -> Result<()> {
    if let Some(year) = year
        && !catalogue.in_span(year)
    {
        bail!(
            "{} {year} {} {}–{}",
            lang.pick("năm", "year"),
            lang.pick("nằm ngoài giai đoạn của kế hoạch", "is outside the plan's span"),
            catalogue.plan.start_year,
            catalogue.plan.end_year
        );
    }
    Ok(())
}
