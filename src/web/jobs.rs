//! The page's long jobs, run in the background on an uploaded batch while the page polls their progress:
//! checking (with annotated copies), the year's report (and its Word draft, JSON, CSV, DHIS2), progress.

use super::account::Ledger;
use super::answer::{Params, batch_gone, blocking, error, json, not_found};
use super::state::{Job, State};
use axum::Extension;
use axum::extract::{self, Path as Segments, Query};
use axum::http::StatusCode;
use axum::response::Response;
use plan::batch::{self, AggregateRequest, ValidateRequest, YearUnclear};
use plan::lang::Lang;
use plan::text::capitalise;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// The folders and files at the top of a batch, sorted: the paths "given", so that files are named as
/// `plan` names them for the same folders on the command line ("2024/2024_18520_loc-yen_y-te.xlsx").
fn given(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
}

/// An error of the library as a sentence; a year to choose, with the page's own year box (the «Tổng hợp»
/// tab's, the only job that needs one year).
fn sentence(error: &anyhow::Error) -> String {
    let describe = |cause: &(dyn std::error::Error + 'static)| match cause.downcast_ref::<YearUnclear>() {
        Some(unclear) => unclear.sentence(
            unclear
                .lang
                .pick("hãy chọn năm ở ô «Năm tổng hợp» phía trên", "choose it in «Year to aggregate» above"),
        ),
        None => cause.to_string(),
    };
    let text = error.chain().map(describe).collect::<Vec<_>>().join(": ");
    format!("{}.", capitalise(&text))
}

/// `POST /api/batches/{id}/{validate|aggregate|progress}`: starts a job, answers its id.
pub async fn start(
    extract::State(state): extract::State<Arc<State>>,
    Segments((id, kind)): Segments<(String, String)>,
    Query(query): Query<Params>,
    Extension(lang): Extension<Lang>,
) -> Response {
    if !matches!(kind.as_str(), "validate" | "aggregate" | "progress") {
        return no_such_job(lang);
    }
    blocking(lang, move || start_job(&state, &id, &kind, &query, lang)).await
}

/// `POST /api/batches/{id}/files`: no such job either.
pub async fn unknown(Extension(lang): Extension<Lang>) -> Response {
    no_such_job(lang)
}

/// Every file sent was left out: which, and why, rather than "no file yet".
fn nothing_kept(ledger: &Ledger, lang: Lang) -> Response {
    let listed: Vec<String> = ledger
        .skipped
        .iter()
        .take(5)
        .map(|s| format!("«{}» ({})", s.file, s.why.text(lang).to_lowercase()))
        .collect();
    let more = if ledger.skipped.len() > 5 { ", …" } else { "" };
    let sentence = match lang {
        Lang::Vi => {
            format!("Không có bảng tính nào để đọc trong các tệp đã gửi: {}{more}.", listed.join(", "))
        }
        Lang::En => format!("No spreadsheet to read in the files sent: {}{more}.", listed.join(", ")),
    };
    error(StatusCode::BAD_REQUEST, &sentence)
}

fn no_such_job(lang: Lang) -> Response {
    error(StatusCode::NOT_FOUND, lang.pick("Không có việc này.", "No such job."))
}

/// Starts a job on its own thread.
fn start_job(state: &Arc<State>, id: &str, kind: &str, query: &Params, lang: Lang) -> Response {
    let Some((dir, ledger)) = state.with_batch(id, |b| (b.dir.clone(), b.ledger.clone())) else {
        return batch_gone(lang);
    };
    let paths = given(&dir);
    if paths.is_empty() && !ledger.skipped.is_empty() {
        return nothing_kept(&ledger, lang);
    }
    if paths.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            lang.pick(
                "Chưa có tệp nào: hãy chọn hoặc kéo thả tệp vào trước.",
                "No file yet: choose or drop files first.",
            ),
        );
    }
    let year = match query.first("year").filter(|y| !y.is_empty()).map(str::parse::<u16>) {
        Some(Ok(year)) => Some(year),
        Some(Err(_)) => return error(StatusCode::BAD_REQUEST, lang.pick("Năm không hợp lệ.", "Not a year.")),
        None => None,
    };
    let include_with_errors = query.first("include_with_errors") == Some("1");
    let (job_id, job) = match state.new_job() {
        Ok(job) => job,
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    let shared = Arc::clone(state);
    let prefix = format!("/api/downloads/{job_id}/");
    let (kind, batch) = (kind.to_string(), id.to_string());
    // The batch is the job's: its files are removed as soon as the job has read them (what the page
    // offers for download lives in the job's own folder until the server stops).
    state.spawn(job, move |job| {
        let work =
            Work { catalogue: &shared.catalogue, reader: &shared.reader, job, paths, prefix, lang, ledger };
        let result = match kind.as_str() {
            "validate" => validate(&work, year),
            "aggregate" => aggregate(&work, year, include_with_errors),
            _ => progress(&work),
        };
        shared.drop_batch(&batch);
        result
    });
    json(StatusCode::OK, &json!({ "job": job_id }))
}

/// `GET /api/jobs/{id}`: how far the job has got, or its result.
pub async fn status(
    extract::State(state): extract::State<Arc<State>>,
    Segments(id): Segments<String>,
    Extension(lang): Extension<Lang>,
) -> Response {
    match state.job(&id) {
        Some(job) => json(StatusCode::OK, &status_of(&job)),
        None => not_found(lang),
    }
}

/// `GET /api/downloads/{job}/{file}`: a file the job offers, as an attachment.
pub async fn download(
    extract::State(state): extract::State<Arc<State>>,
    Segments((job, name)): Segments<(String, String)>,
    Extension(lang): Extension<Lang>,
) -> Response {
    blocking(lang, move || {
        match state.job(&job).and_then(|j| j.download(&name)).and_then(|p| std::fs::read(p).ok()) {
            Some(bytes) => super::answer::download(&name, bytes),
            None => not_found(lang),
        }
    })
    .await
}

/// A job's state as the page polls it.
fn status_of(job: &Job) -> Value {
    match job.outcome() {
        Some(Ok(result)) => json!({ "state": "done", "result": result }),
        Some(Err(error)) => json!({ "state": "failed", "error": error }),
        None => json!({
            "state": "running",
            "done": job.done.load(Ordering::SeqCst),
            "total": job.total.load(Ordering::SeqCst),
        }),
    }
}

/// What a job works on: the catalogue, how it reads, its files, where its downloads are offered, its
/// language.
struct Work<'a> {
    catalogue: &'a plan::catalogue::Catalogue,
    reader: &'a plan::submission::Reader,
    job: &'a Job,
    paths: Vec<PathBuf>,
    prefix: String,
    lang: Lang,
    ledger: Ledger,
}

impl batch::Progress for Work<'_> {
    fn start(&self, files: usize) {
        self.job.total.store(files, Ordering::SeqCst);
    }

    fn tick(&self) {
        self.job.done.fetch_add(1, Ordering::SeqCst);
    }
}

impl Work<'_> {
    /// Offers a file of the job's for download; returns its address.
    fn offer_file(&self, name: &str, path: PathBuf) -> String {
        self.job.offer(name, path);
        format!("{}{}", self.prefix, super::answer::encoded(name))
    }

    /// Writes a file into the job's folder and offers it for download; returns its address.
    fn offer(&self, name: &str, bytes: &[u8]) -> Result<String, String> {
        let path = self.job.dir.join(name);
        plan::output::write_atomic(&path, bytes, true).map_err(|e| {
            let failed =
                self.lang.pick("Không ghi được tệp vào thư mục tạm", "Cannot write to the temporary folder");
            format!("{failed} ({e}).")
        })?;
        Ok(self.offer_file(name, path))
    }
}

fn validate(work: &Work, year: Option<u16>) -> Result<Value, String> {
    let (catalogue, lang) = (work.catalogue, work.lang);
    let paths = work.paths.clone();
    let reader = work.reader.clone();
    let request = ValidateRequest { paths, year, previous: Vec::new(), short_names: true, reader };
    let (files, mut checked) = batch::validate(&request, catalogue, lang, work).map_err(|e| sentence(&e))?;
    work.ledger.rename_checked(&mut checked);
    let copies = work.job.dir.join("copies");
    let (written, _) =
        batch::annotate::write_all(&checked, &files, work.reader, Some(&copies), catalogue, lang)
            .map_err(|e| sentence(&e))?;
    let mut annotated = vec![None; checked.len()];
    let mut zipped = Vec::new();
    for (index, path) in &written {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        annotated[*index] = Some(work.offer_file(&name, path.clone()));
        zipped.push((name, bytes));
    }
    let mut downloads = Vec::new();
    if zipped.len() > 1 {
        let zip = super::answer::zip_of(&zipped).map_err(|e| e.to_string())?;
        let url = work.offer(lang.pick("ban-can-sua.zip", "to-fix.zip"), &zip)?;
        downloads.push(json!({ "label": lang.pick("Mọi bản có chú thích lỗi (.zip)", "Every annotated copy (.zip)"), "url": url }));
    }
    let report = batch::validate_json(&checked, catalogue);
    let url = work.offer("kiem-tra.json", &serde_json::to_vec_pretty(&report).unwrap_or_default())?;
    downloads.push(json!({ "label": lang.pick("Kết quả kiểm tra (JSON)", "Results (JSON)"), "url": url }));
    let mut result = super::views::validated(&checked, &annotated, catalogue, downloads, lang);
    work.ledger.add_to_validated(&mut result, lang);
    Ok(result)
}

fn aggregate(work: &Work, year: Option<u16>, include_with_errors: bool) -> Result<Value, String> {
    let (catalogue, lang) = (work.catalogue, work.lang);
    let paths = work.paths.clone();
    let reader = work.reader.clone();
    let request = AggregateRequest { paths, year, include_with_errors, previous: Vec::new(), reader };
    let (mut aggregation, _) = batch::aggregate(&request, catalogue, lang, work).map_err(|e| sentence(&e))?;
    work.ledger.rename_aggregation(&mut aggregation);
    let year = aggregation.year;
    let report_name = format!("bao-cao-tong-hop-{year}.xlsx");
    let report = plan::report::build(&aggregation, catalogue, lang).map_err(|e| e.to_string())?;
    let docx = plan::report::docx::build(&aggregation, catalogue, lang).map_err(|e| e.to_string())?;
    let mut json_bytes = Vec::new();
    plan::aggregate::write_json(&aggregation, catalogue, Some(&report_name), &mut json_bytes)
        .map_err(|e| e.to_string())?;
    json_bytes.push(b'\n');
    let rows = plan::export::rows(&aggregation, catalogue);
    let csv = plan::export::to_csv(&rows);
    // No DHIS2 file where the catalogue cannot part its units or has no DHIS2 period (`plan catalogue check`
    // says why).
    let dhis2 = plan::export::to_dhis2(&rows, catalogue, lang)
        .map(|value| format!("{}\n", serde_json::to_string_pretty(&value).unwrap_or_default()));
    let dhis2_file = dhis2.as_ref().ok().map(|text| {
        (
            lang.pick("Nhập vào DHIS2 (JSON)", "DHIS2 import (JSON)"),
            format!("dhis2-{year}.json"),
            text.as_bytes(),
        )
    });
    let files: [(&str, String, &[u8]); 4] = [
        (lang.pick("Báo cáo tổng hợp (Excel)", "Consolidated report (Excel)"), report_name.clone(), &report),
        (
            lang.pick("Dự thảo báo cáo năm (Word)", "Draft yearly report (Word)"),
            format!("bao-cao-{year}.docx"),
            &docx,
        ),
        (
            lang.pick("Số liệu tổng hợp (JSON)", "Aggregation (JSON)"),
            format!("tong-hop-{year}.json"),
            &json_bytes,
        ),
        (
            lang.pick("Số liệu dạng bảng (CSV)", "Data values (CSV)"),
            format!("so-lieu-{year}.csv"),
            csv.as_bytes(),
        ),
    ];
    let mut downloads = Vec::new();
    for (label, name, bytes) in files.into_iter().chain(dhis2_file) {
        let url = work.offer(&name, bytes)?;
        downloads.push(json!({ "label": label, "url": url, "file": name }));
    }
    let mut result = super::views::aggregated(&aggregation, catalogue, downloads, lang);
    // The letter chasing who has not reported or sent only workbooks with errors, dated a week on.
    let new_deadline = plan::date::Date::today_utc()
        .plus_days(plan::report::docx::reminder::DEFAULT_DAYS)
        .ok_or_else(|| "date".to_string())?;
    let letter = plan::report::docx::reminder::build(&aggregation, catalogue, new_deadline, lang)
        .map_err(|e| e.to_string())?;
    if let Some(bytes) = letter {
        let name = format!("don-doc-{year}.docx");
        let url = work.offer(&name, &bytes)?;
        let label = lang.pick("Tải công văn đôn đốc (.docx)", "Download the reminder letter (.docx)");
        result["letter"] = json!({ "label": label, "url": url, "file": name });
    }
    work.ledger.add_to_unused(&mut result, lang);
    Ok(result)
}

fn progress(work: &Work) -> Result<Value, String> {
    let (catalogue, lang) = (work.catalogue, work.lang);
    let (mut aggregations, mut without_year) =
        batch::aggregate_years(&work.paths, work.reader, catalogue, lang, None, work)
            .map_err(|e| sentence(&e))?;
    aggregations.iter_mut().for_each(|a| work.ledger.rename_aggregation(a));
    work.ledger.rename_all(&mut without_year);
    let trend = plan::progress::build(&aggregations, catalogue);
    let bytes = plan::progress::workbook::build(&trend, catalogue, lang).map_err(|e| e.to_string())?;
    let url = work.offer("tien-do.xlsx", &bytes)?;
    let downloads = vec![
        json!({ "label": lang.pick("Bảng tiến độ (Excel)", "Progress workbook (Excel)"), "url": url, "file": "tien-do.xlsx" }),
    ];
    let mut result =
        super::views::progressed(&trend, &aggregations, &without_year, catalogue, downloads, lang);
    work.ledger.add_to_unused(&mut result, lang);
    Ok(result)
}
