//! `PUT /api/batches/{id}/files?name=…`: one file into a batch (a zip: its spreadsheets). The body is read
//! first, up to the largest upload ([`MAX_BODY_BYTES`], the route's `DefaultBodyLimit`; not at all when the
//! client announces more), then the bounds of a file and of the batch are checked and the files written on
//! the blocking pool.

use super::answer::{Params, batch_gone, blocking, disk_error, error, json};
use super::state::State;
use super::upload::{self, MAX_BATCH_BYTES, MAX_BATCH_FILES, MAX_FILE_BYTES, MAX_ZIP_BYTES, UploadError};
use axum::body::Bytes;
use axum::extract::{FromRequest, Path, Query, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_LENGTH;
use axum::response::{IntoResponse, Response};
use axum::{Extension, extract};
use plan::lang::Lang;
use serde_json::json;
use std::sync::Arc;

/// The most bytes of a body read: the largest upload.
pub const MAX_BODY_BYTES: u64 = if MAX_ZIP_BYTES > MAX_FILE_BYTES { MAX_ZIP_BYTES } else { MAX_FILE_BYTES };

/// Why a request's body is not there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyError {
    /// Larger than any upload may be: not read, or not to the end.
    TooLarge,
    /// The connection broke while it was sent.
    Cut,
}

/// A body as read, or why it is not there.
type Body = Result<Bytes, BodyError>;

/// The route: reads the body, then stores it.
pub async fn receive(
    extract::State(state): extract::State<Arc<State>>,
    Path(id): Path<String>,
    Query(query): Query<Params>,
    Extension(lang): Extension<Lang>,
    request: Request,
) -> Response {
    let declared = request.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let body = if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        Err(BodyError::TooLarge)
    } else {
        Bytes::from_request(request, &()).await.map_err(|rejection| {
            match rejection.into_response().status() {
                StatusCode::PAYLOAD_TOO_LARGE => BodyError::TooLarge,
                _ => BodyError::Cut,
            }
        })
    };
    blocking(lang, move || store(&state, &id, &query, lang, declared, body)).await
}

fn mib(bytes: u64) -> u64 {
    bytes >> 20
}

/// Stores one file sent into a batch (a zip: its spreadsheets), within the bounds of a file and of a batch.
fn store(state: &State, id: &str, query: &Params, lang: Lang, declared: Option<u64>, body: Body) -> Response {
    let Some(relative) = query.first("name").and_then(upload::safe_relative) else {
        return error(StatusCode::BAD_REQUEST, lang.pick("Thiếu tên tệp.", "The file name is missing."));
    };
    let Some((dir, held_files, held_bytes)) = state.with_batch(id, |b| (b.dir.clone(), b.files, b.bytes))
    else {
        return batch_gone(lang);
    };
    let shown = relative.display().to_string();
    let zip = upload::is_zip_name(&relative);
    let per_file = if zip { MAX_ZIP_BYTES } else { MAX_FILE_BYTES };
    let cap = per_file.min(MAX_BATCH_BYTES.saturating_sub(held_bytes));
    let too_large = || {
        let sentence = match lang {
            Lang::Vi => format!(
                "Tệp «{shown}» quá lớn: mỗi tệp tối đa {} MB, mỗi lần gửi tối đa {} MB.",
                mib(per_file),
                mib(MAX_BATCH_BYTES)
            ),
            Lang::En => format!(
                "The file «{shown}» is too large: at most {} MB a file and {} MB in all.",
                mib(per_file),
                mib(MAX_BATCH_BYTES)
            ),
        };
        error(StatusCode::PAYLOAD_TOO_LARGE, &sentence)
    };
    if declared.is_some_and(|n| n > cap) {
        return too_large();
    }
    if held_files >= MAX_BATCH_FILES {
        return too_many(lang);
    }
    let bytes = match body {
        Ok(bytes) if bytes.len() as u64 > cap => return too_large(),
        Ok(bytes) => bytes,
        Err(BodyError::TooLarge) => return too_large(),
        Err(BodyError::Cut) => {
            return error(
                StatusCode::BAD_REQUEST,
                lang.pick("Tệp gửi lên bị gián đoạn: hãy gửi lại.", "The upload was cut off: send it again."),
            );
        }
    };
    let files: Vec<(std::path::PathBuf, Vec<u8>)> = if zip {
        match upload::unzip(&bytes, MAX_BATCH_BYTES.saturating_sub(held_bytes), MAX_BATCH_FILES - held_files)
        {
            Ok(files) => {
                let folder = relative.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
                files.into_iter().map(|(name, data)| (folder.join(name), data)).collect()
            }
            Err(UploadError::TooLarge) => return too_large(),
            Err(UploadError::TooManyFiles) => return too_many(lang),
            Err(e) => {
                let sentence = match lang {
                    Lang::Vi => format!("Tệp «{shown}» không phải tệp nén .zip đọc được ({e})."),
                    Lang::En => format!("«{shown}» is not a zip archive that can be read ({e})."),
                };
                return error(StatusCode::BAD_REQUEST, &sentence);
            }
        }
    } else {
        vec![(relative, Vec::from(bytes))]
    };
    // The room is taken before the files are written, under the batch's lock, so that uploads sent at
    // once cannot together pass the bounds.
    let size: u64 = files.iter().map(|(_, data)| data.len() as u64).sum();
    let taken = state.with_batch(id, |b| {
        let fits = b.files + files.len() <= MAX_BATCH_FILES && b.bytes + size <= MAX_BATCH_BYTES;
        if fits {
            b.files += files.len();
            b.bytes += size;
        }
        fits.then_some((b.files, b.bytes))
    });
    let (total_files, total_bytes) = match taken {
        None => return batch_gone(lang),
        Some(None) if held_files + files.len() > MAX_BATCH_FILES => return too_many(lang),
        Some(None) => return too_large(),
        Some(Some(totals)) => totals,
    };
    for (name, data) in &files {
        let place = upload::free_place(&dir, name);
        let written =
            place.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|_| std::fs::write(&place, data));
        if let Err(e) = written {
            return disk_error(&e, lang);
        }
    }
    json(StatusCode::OK, &json!({ "files": total_files, "bytes": total_bytes, "added": files.len() }))
}

fn too_many(lang: Lang) -> Response {
    let sentence = match lang {
        Lang::Vi => format!("Đã đủ {MAX_BATCH_FILES} tệp cho một lần: hãy chia thành nhiều lần."),
        Lang::En => format!("{MAX_BATCH_FILES} files is the most at once: send them in parts."),
    };
    error(StatusCode::PAYLOAD_TOO_LARGE, &sentence)
}
