//! The reading contract between `plan template` and the workbook reader.
//!
//! A filled workbook is read by labels and codes, never by fixed cell addresses, so that a clerk who
//! inserts rows, adds a column, or re-saves the file in LibreOffice or as .xls is still read correctly:
//!
//! - **Stamp.** A sheet named [`STAMP_SHEET`] (hidden) holds `key | value` pairs in columns A and B, from
//!   row 1: [`STAMP_MARKER`] = contract version, then `template_id`, `scope` (`office` or `all`), `office`,
//!   `layout` (`unit` or `units`), `catalogue_version`, `catalogue_sha256`, `elements_sha256`, `plan_number`, and when
//!   prefilled `unit_code`, `unit_from`, `year`. Keys are read wherever they are in the sheet.
//! - **Header fields** (layout `unit`): a cell whose text is one of [`LABEL_UNIT`], [`LABEL_YEAR`],
//!   [`LABEL_DATE`], [`LABEL_PREPARER`], [`LABEL_PHONE`] (with or without the colon, any case, any
//!   diacritics form); its value is the first non-empty cell to its right in the same row.
//! - **Value table** (layout `unit`): a row holding a cell [`HEADER_CODE`] and a cell [`HEADER_VALUE`] is a
//!   table header. In every row below it, a cell in the `Mã` column that is a known data-element or
//!   report-item code gives the value in the `Số liệu` column of the same row. A sheet may hold several
//!   tables; any sheet may hold them. Text in the [`HEADER_NOTE`] column of a value's row is its note.
//! - **Unit grid** (layout `units`): a row holding a cell [`HEADER_UNIT_CODE`] is a grid header: the other
//!   cells of that row that are known data-element codes name columns. Each row below with an
//!   administrative code in the [`HEADER_UNIT_CODE`] column gives that unit's values in those columns; the
//!   row of the area code ([`crate::catalogue::Plan::area_code`]) holds the district-level figures.
//! - **Sheets not read**: the instructions sheet and the hidden lists ([`UNREAD_SHEETS`]).
//! - **A consolidated report as a submission.** The workbook `plan aggregate` writes carries a stamp of
//!   kind [`REPORT_KIND`] with the area's code ([`key::AREA_CODE`]) and a hidden sheet [`REPORT_TOTALS_SHEET`]
//!   laid out as a one-unit workbook: the header fields (the area as «Đơn vị báo cáo», the year, the date of
//!   the latest report used) and a `Mã | Số liệu` table of the area's totals (formulas over «Số liệu», so a
//!   corrected figure carries through). A catalogue one level up whose units include that area (a district
//!   unit, `kind = "huyen"`…) reads it as that unit's submission; any other reads none of it.
//! - **Units in the unit field** are written "Xã Lộc Yên (18520)": the code in parentheses decides, the name
//!   is a fallback.

/// Name of the hidden stamp sheet.
pub const STAMP_SHEET: &str = "_plan";
/// First stamp key; its value is the contract version.
pub const STAMP_MARKER: &str = "plan_template";
/// Version of this contract.
pub const CONTRACT_VERSION: &str = "1";
/// Name of the hidden sheet holding drop-down lists.
pub const LISTS_SHEET: &str = "_danh_muc";
/// Name of the instructions sheet.
pub const GUIDE_SHEET: &str = "Hướng dẫn";
/// Sheets the reader does not read: they hold no values (the lists and the instructions).
pub const UNREAD_SHEETS: [&str; 2] = [LISTS_SHEET, GUIDE_SHEET];

/// The stamp's `kind` of a consolidated report written by `plan aggregate`.
pub const REPORT_KIND: &str = "plan-report";
/// Name of the consolidated report's hidden sheet holding the area's totals as a one-unit submission.
pub const REPORT_TOTALS_SHEET: &str = "_tong_hop";

/// Label of the reporting unit field.
pub const LABEL_UNIT: &str = "Đơn vị báo cáo:";
/// Label of the report year field.
pub const LABEL_YEAR: &str = "Năm báo cáo:";
/// Label of the report date field.
pub const LABEL_DATE: &str = "Ngày báo cáo:";
/// Label of the preparer's name field.
pub const LABEL_PREPARER: &str = "Người lập biểu:";
/// Label of the preparer's phone field.
pub const LABEL_PHONE: &str = "Điện thoại:";

/// Header of the code column of a value table.
pub const HEADER_CODE: &str = "Mã";
/// Header of the value column of a value table.
pub const HEADER_VALUE: &str = "Số liệu";
/// Header of the column beside the values where the clerk explains a figure (layout `unit`): its text on a
/// value's row is that value's note, carried into the consolidated report.
pub const HEADER_NOTE: &str = "Ghi chú";
/// Header of the administrative-code column of a unit grid.
pub const HEADER_UNIT_CODE: &str = "Mã ĐVHC";

/// Stamp keys.
pub mod key {
    /// Template id, e.g. `y-te/unit`.
    pub const TEMPLATE_ID: &str = "template_id";
    /// `office` or `all`.
    pub const SCOPE: &str = "scope";
    /// Office id (empty for `all`).
    pub const OFFICE: &str = "office";
    /// `unit` or `units`.
    pub const LAYOUT: &str = "layout";
    /// Catalogue version.
    pub const CATALOGUE_VERSION: &str = "catalogue_version";
    /// Catalogue SHA-256.
    pub const CATALOGUE_SHA256: &str = "catalogue_sha256";
    /// Plan number.
    pub const PLAN_NUMBER: &str = "plan_number";
    /// Fingerprint of the workbook's data elements ([`crate::catalogue::elements_fingerprint`]).
    pub const ELEMENTS_SHA256: &str = "elements_sha256";
    /// Prefilled unit code.
    pub const UNIT_CODE: &str = "unit_code";
    /// First year of the prefilled unit.
    pub const UNIT_FROM: &str = "unit_from";
    /// Prefilled year.
    pub const YEAR: &str = "year";
    /// A consolidated report's kind ([`super::REPORT_KIND`]).
    pub const KIND: &str = "kind";
    /// A consolidated report's area code: the unit it is the submission of, one level up.
    pub const AREA_CODE: &str = "area_code";
    /// Program that wrote the workbook.
    pub const GENERATOR: &str = "generator";
}
