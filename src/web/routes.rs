//! Which request does what: the guard first, then one function a route.

use super::guard::{self, Seen};
use super::http::{self, Answer, error, first, json_answer};
use super::state::State;
use super::upload::{self, MAX_BATCH_BYTES, MAX_BATCH_FILES, MAX_FILE_BYTES, MAX_ZIP_BYTES, UploadError};
use crate::lang::Lang;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// The page: one HTML file, its styles and scripts inline.
const PAGE: &str = include_str!("page.html");

/// The query of a request.
pub type Query = HashMap<String, Vec<String>>;

/// The methods the server answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET (and HEAD).
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// Anything else.
    Other,
}

/// Why a request's body is not there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyError {
    /// Larger than any upload may be: not read.
    TooLarge,
    /// The connection broke while it was sent.
    Cut,
}

/// A request, as the routes see it.
#[derive(Debug)]
pub struct Asked {
    /// Its method.
    pub method: Method,
    /// The path, without the query.
    pub path: String,
    /// The query.
    pub query: Query,
    /// The language asked for (or the server's).
    pub lang: Lang,
    /// The length the client announced.
    pub declared: Option<u64>,
    /// The body, read up to [`MAX_BODY_BYTES`].
    pub body: Result<Vec<u8>, BodyError>,
}

/// The most bytes of a body read: the largest upload.
pub const MAX_BODY_BYTES: u64 = if MAX_ZIP_BYTES > MAX_FILE_BYTES { MAX_ZIP_BYTES } else { MAX_FILE_BYTES };

/// The language of a request: `lang=` in its query, else the server's.
pub fn lang_of(state: &State, query: &Query) -> Lang {
    match first(query, "lang") {
        Some("en") => Lang::En,
        Some("vi") => Lang::Vi,
        _ => state.lang,
    }
}

/// The guard, before anything else (the body is not even read): `Some` answer when refused.
pub fn refused(state: &State, path: &str, query: &Query, lang: Lang, seen: Seen) -> Option<Answer> {
    let seen = Seen { token: seen.token.or(first(query, "t")), ..seen };
    match guard::check(&seen, state.port, &state.token) {
        Ok(()) => None,
        Err(refusal) if path == "/" => Some(refused_page(refusal.text(lang))),
        Err(refusal) => Some(error(403, refusal.text(lang))),
    }
}

fn refused_page(sentence: &str) -> Answer {
    let body = format!(
        "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>plan</title><p>{}</p></html>",
        http::escape_html(sentence)
    );
    http::answer(403, "text/html; charset=utf-8", body.into_bytes())
}

fn not_found(lang: Lang) -> Answer {
    error(404, lang.pick("Không có trang hoặc tệp này.", "No such page or file."))
}

/// Answers a request the guard let in (on a thread where it may block).
pub fn route(state: &Arc<State>, asked: Asked) -> Answer {
    let (query, lang) = (&asked.query, asked.lang);
    let path = asked.path.clone();
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match (asked.method, parts.as_slice()) {
        (Method::Get, [""]) => http::answer(200, "text/html; charset=utf-8", PAGE.as_bytes().to_vec()),
        (Method::Get, ["api", "info"]) => json_answer(200, &super::views::info(&state.catalogue, lang)),
        (Method::Get, ["api", "templates"]) => super::templates::answer(&state.catalogue, query, lang),
        (Method::Post, ["api", "batches"]) => match state.new_batch() {
            Ok(id) => json_answer(200, &json!({ "id": id })),
            Err(e) => disk_error(&e, lang),
        },
        (Method::Put, ["api", "batches", id, "files"]) => receive(state, id, asked),
        (Method::Post, ["api", "batches", id, kind]) => super::jobs::start(state, id, kind, query, lang),
        (Method::Get, ["api", "jobs", id]) => match state.job(id) {
            Some(job) => json_answer(200, &super::jobs::status(&job)),
            None => not_found(lang),
        },
        (Method::Get, ["api", "downloads", job, name]) => {
            let name = percent_encoding::percent_decode_str(name).decode_utf8_lossy().into_owned();
            match state.job(job).and_then(|j| j.download(&name)).and_then(|p| std::fs::read(p).ok()) {
                Some(bytes) => http::download(&name, bytes),
                None => not_found(lang),
            }
        }
        (Method::Post, ["api", "quit"]) => {
            state.quit.store(true, Ordering::SeqCst);
            json_answer(200, &json!({ "ok": true }))
        }
        _ => not_found(lang),
    }
}

/// The sentence for a failure of the disk.
fn disk_error(error: &std::io::Error, lang: Lang) -> Answer {
    let sentence = match lang {
        Lang::Vi => format!("Không ghi được vào thư mục tạm của chương trình ({error})."),
        Lang::En => format!("Cannot write to the program's temporary folder ({error})."),
    };
    http::error(500, &sentence)
}

fn mib(bytes: u64) -> u64 {
    bytes >> 20
}

/// `PUT /api/batches/{id}/files?name=…`: one file into a batch (a zip: its spreadsheets).
fn receive(state: &State, id: &str, asked: Asked) -> Answer {
    let (query, lang) = (&asked.query, asked.lang);
    let Some(relative) = first(query, "name").and_then(upload::safe_relative) else {
        return error(400, lang.pick("Thiếu tên tệp.", "The file name is missing."));
    };
    let Some((dir, held_files, held_bytes)) = state.with_batch(id, |b| (b.dir.clone(), b.files, b.bytes))
    else {
        return super::jobs::batch_gone(lang);
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
        error(413, &sentence)
    };
    if asked.declared.is_some_and(|n| n > cap) {
        return too_large();
    }
    if held_files >= MAX_BATCH_FILES {
        return too_many(lang);
    }
    let bytes = match asked.body {
        Ok(bytes) if bytes.len() as u64 > cap => return too_large(),
        Ok(bytes) => bytes,
        Err(BodyError::TooLarge) => return too_large(),
        Err(BodyError::Cut) => {
            return error(
                400,
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
                return error(400, &sentence);
            }
        }
    } else {
        vec![(relative, bytes)]
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
        None => return super::jobs::batch_gone(lang),
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
    json_answer(200, &json!({ "files": total_files, "bytes": total_bytes, "added": files.len() }))
}

fn too_many(lang: Lang) -> Answer {
    let sentence = match lang {
        Lang::Vi => format!("Đã đủ {MAX_BATCH_FILES} tệp cho một lần: hãy chia thành nhiều lần."),
        Lang::En => format!("{MAX_BATCH_FILES} files is the most at once: send them in parts."),
    };
    error(413, &sentence)
}
