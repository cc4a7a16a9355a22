//! The years a run may ask for: those of the plan.

use crate::catalogue::Catalogue;
use crate::lang::Lang;
use anyhow::{Result, bail};

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
