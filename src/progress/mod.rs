//! Progress over the years of the plan (`plan progress`): the district series of every part, an assessment
//! against the next milestone, projections to the milestones, and per-unit series mapped onto the units of
//! the latest year through the catalogue's successor map.

pub mod assess;
pub mod series;
pub mod workbook;

pub use assess::{Assessment, Method, Progress, Question, assess, project};
pub use series::{PartProgress, Trend, UnitSeries, build};
