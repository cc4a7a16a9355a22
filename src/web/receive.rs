//! `PUT /api/batches/{id}/files?name=…`: one file into a batch (a zip: its spreadsheets). The body is
//! streamed to a private file as it comes, never held in memory, and cut at the largest upload its name
//! allows (not read at all when the client announces more, given up when it stalls); then, on the
//! blocking pool, the file is placed in the batch under a safe name, or the zip unpacked entry by entry.
//! A file not kept (not a spreadsheet, an entry too large…) is named in the batch's ledger with why, and
//! in the answer's `skipped`.

use super::account::{Skipped, Why};
use super::answer::{Params, batch_gone, blocking, disk_error, error, json};
use super::limits::{MAX_BATCH_BYTES, MAX_BATCH_FILES, MAX_FILE_BYTES, MAX_ZIP_BYTES, size_text};
use super::state::State;
use super::upload;
use axum::extract::{Path, Query, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_LENGTH;
use axum::response::Response;
use axum::{Extension, extract};
use http_body_util::BodyExt;
use plan::lang::Lang;
use serde_json::json;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

/// How long a body may stall (no byte) before the upload is given up.
const BODY_STALL: Duration = Duration::from_secs(30);

/// Why a request's body is not there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyError {
    /// Larger than it may be: not read, or not to the end.
    TooLarge,
    /// The connection broke, or stalled, while it was sent.
    Cut,
    /// The disk said no.
    Disk,
}

/// The route: streams the body to a file, then stores it.
pub async fn receive(
    extract::State(state): extract::State<Arc<State>>,
    Path(id): Path<String>,
    Query(query): Query<Params>,
    Extension(lang): Extension<Lang>,
    request: Request,
) -> Response {
    let parts = query.first("name").map(upload::parts).unwrap_or_default();
    let held_bytes = state.with_batch(&id, |b| b.bytes);
    let shown = upload::shown(&parts);
    let zip = upload::is_zip_name(&shown);
    let per_file = if zip { MAX_ZIP_BYTES } else { MAX_FILE_BYTES };
    let cap = per_file.min(MAX_BATCH_BYTES.saturating_sub(held_bytes.unwrap_or(0)));
    let too_large = || too_large(&shown, zip, lang);
    let declared = request.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > cap) {
        return too_large();
    }
    let Ok(mut file) = state.incoming() else {
        return disk_error(&std::io::Error::other("incoming"), lang);
    };
    let mut body = request.into_body();
    let mut received = 0u64;
    let outcome = loop {
        match tokio::time::timeout(BODY_STALL, body.frame()).await {
            Ok(None) => break Ok(received),
            Ok(Some(Ok(frame))) => {
                let Ok(data) = frame.into_data() else { continue };
                received += data.len() as u64;
                if received > cap {
                    break Err(BodyError::TooLarge);
                }
                // A write of one frame to the page cache: short enough for a worker thread.
                if tokio::task::block_in_place(|| file.write_all(&data)).is_err() {
                    break Err(BodyError::Disk);
                }
            }
            Ok(Some(Err(_))) | Err(_) => break Err(BodyError::Cut),
        }
    };
    // A refusal for the name or the batch comes once the body is read, so that the connection stays
    // usable for the client's next request.
    if parts.is_empty() {
        return error(StatusCode::BAD_REQUEST, lang.pick("Thiếu tên tệp.", "The file name is missing."));
    }
    if held_bytes.is_none() {
        return batch_gone(lang);
    }
    match outcome {
        Ok(_) => {}
        Err(BodyError::TooLarge) => return too_large(),
        Err(BodyError::Disk) => return disk_error(&std::io::Error::other("write"), lang),
        Err(BodyError::Cut) => {
            return error(
                StatusCode::BAD_REQUEST,
                lang.pick("Tệp gửi lên bị gián đoạn: hãy gửi lại.", "The upload was cut off: send it again."),
            );
        }
    }
    blocking(lang, move || store(&state, &id, &parts, file, received, lang)).await
}

/// The batch's room, taken under its lock, so that uploads sent at once cannot together pass the bounds.
struct BatchRoom<'a> {
    state: &'a State,
    id: &'a str,
}

impl upload::Room for BatchRoom<'_> {
    fn take(&mut self, bytes: u64) -> bool {
        self.state
            .with_batch(self.id, |b| {
                let fits = b.files < MAX_BATCH_FILES && b.bytes + bytes <= MAX_BATCH_BYTES;
                if fits {
                    b.files += 1;
                    b.bytes += bytes;
                }
                fits
            })
            .unwrap_or(false)
    }

    fn left(&self) -> u64 {
        self.state
            .with_batch(self.id, |b| {
                if b.files >= MAX_BATCH_FILES { 0 } else { MAX_BATCH_BYTES.saturating_sub(b.bytes) }
            })
            .unwrap_or(0)
    }
}

/// Stores one file received into a batch (a zip: its spreadsheets), within the bounds of a file and of a
/// batch; what is left out is named with why.
fn store(
    state: &State,
    id: &str,
    parts: &[String],
    file: tempfile::NamedTempFile,
    size: u64,
    lang: Lang,
) -> Response {
    let Some(dir) = state.with_batch(id, |b| b.dir.clone()) else {
        return batch_gone(lang);
    };
    let shown = upload::shown(parts);
    let mut room = BatchRoom { state, id };
    let mut kept: Vec<(std::path::PathBuf, String)> = Vec::new();
    let mut skipped: Vec<Skipped> = Vec::new();
    if upload::is_zip_name(&shown) {
        let first_folder = (parts.len() > 1).then(|| parts[0].as_str());
        match upload::unzip(file.path(), &shown, first_folder, &dir, &mut room) {
            Ok(unpacked) => {
                kept.extend(unpacked.kept.into_iter().map(|(path, known, _)| (path, known)));
                skipped = unpacked.skipped;
                if kept.is_empty() {
                    skipped.push(Skipped::new(shown.clone(), Why::NoSpreadsheetInZip));
                }
            }
            Err(upload::ZipError::Unreadable) => {
                let sentence = match lang {
                    Lang::Vi => format!(
                        "Tệp «{shown}» không phải tệp nén .zip đọc được: có thể tệp bị hỏng hoặc chưa tải về hết."
                    ),
                    Lang::En => format!(
                        "«{shown}» is not a zip archive that can be read: it may be damaged or incomplete."
                    ),
                };
                return error(StatusCode::BAD_REQUEST, &sentence);
            }
            Err(upload::ZipError::Disk(e)) => return disk_error(&e, lang),
        }
    } else if !upload::is_spreadsheet_name(&shown) {
        skipped.push(Skipped::new(shown.clone(), Why::NotSpreadsheet));
    } else if !upload::Room::take(&mut room, size) {
        return if state.with_batch(id, |b| b.files >= MAX_BATCH_FILES).unwrap_or(false) {
            too_many(lang)
        } else {
            too_large(&shown, false, lang)
        };
    } else {
        let Some(relative) = upload::disk_relative(parts) else {
            return error(StatusCode::BAD_REQUEST, lang.pick("Thiếu tên tệp.", "The file name is missing."));
        };
        let placed = upload::place(&dir, &relative).and_then(|(stored, target)| {
            drop(target);
            file.persist(dir.join(&stored)).map_err(|e| e.error)?;
            Ok(stored)
        });
        match placed {
            Ok(stored) => kept.push((stored, shown.clone())),
            Err(e) => return disk_error(&e, lang),
        }
    }
    let answer_skipped: Vec<serde_json::Value> = skipped.iter().map(|s| s.json(lang)).collect();
    let added = kept.len();
    let totals = state.with_batch(id, |b| {
        for (stored, known) in kept {
            let name =
                stored.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            b.ledger.names.insert(name, known);
        }
        b.ledger.skipped.extend(skipped);
        (b.files, b.bytes)
    });
    let Some((files, bytes)) = totals else { return batch_gone(lang) };
    json(
        StatusCode::OK,
        &json!({ "files": files, "bytes": bytes, "added": added, "skipped": answer_skipped }),
    )
}

/// A file larger than it may be.
fn too_large(shown: &str, zip: bool, lang: Lang) -> Response {
    let (file, batch) =
        (size_text(if zip { MAX_ZIP_BYTES } else { MAX_FILE_BYTES }), size_text(MAX_BATCH_BYTES));
    let sentence = match (lang, zip) {
        (Lang::Vi, false) => {
            format!("Tệp «{shown}» quá lớn: mỗi tệp tối đa {file}, mỗi lần gửi tối đa {batch}.")
        }
        (Lang::Vi, true) => {
            format!("Tệp nén «{shown}» quá lớn: mỗi tệp nén tối đa {file}, mỗi lần gửi tối đa {batch}.")
        }
        (Lang::En, false) => {
            format!("The file «{shown}» is too large: at most {file} a file and {batch} in all.")
        }
        (Lang::En, true) => {
            format!("The zip «{shown}» is too large: at most {file} a zip and {batch} in all.")
        }
    };
    error(StatusCode::PAYLOAD_TOO_LARGE, &sentence)
}

fn too_many(lang: Lang) -> Response {
    let sentence = match lang {
        Lang::Vi => format!("Đã đủ {MAX_BATCH_FILES} tệp cho một lần: hãy chia thành nhiều lần."),
        Lang::En => format!("{MAX_BATCH_FILES} files is the most at once: send them in parts."),
    };
    error(StatusCode::PAYLOAD_TOO_LARGE, &sentence)
}
