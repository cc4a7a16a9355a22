//! Which request does what: the guard first, then one function a route.

use super::guard::{self, Seen};
use super::http::{self, Answer, error, first, json_answer};
use super::state::State;
use super::upload::{self, MAX_BATCH_BYTES, MAX_BATCH_FILES, MAX_FILE_BYTES, MAX_ZIP_BYTES, UploadError};
use crate::lang::Lang;
use serde_json::json;
use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tiny_http::{Method, Request};

/// The page: one HTML file, its styles and scripts inline.
const PAGE: &str = include_str!("page.html");

/// The query of a request.
pub type Query = HashMap<String, Vec<String>>;

/// Answers one request (on its own thread).
pub fn answer(state: &Arc<State>, mut request: Request) {
    state.answering.fetch_add(1, Ordering::SeqCst);
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or("/").to_string();
    let query = http::query(&url);
    let lang = match first(&query, "lang") {
        Some("en") => Lang::En,
        Some("vi") => Lang::Vi,
        _ => state.lang,
    };
    let seen = Seen {
        host: http::header(&request, "Host"),
        origin: http::header(&request, "Origin"),
        fetch_site: http::header(&request, "Sec-Fetch-Site"),
        token: http::header(&request, "X-Plan-Token").or(first(&query, "t")),
    };
    let response = match guard::check(&seen, state.port, &state.token) {
        Err(refusal) if path == "/" => refused_page(refusal.text(lang)),
        Err(refusal) => error(403, refusal.text(lang)),
        Ok(()) => {
            let method = request.method().clone();
            route(state, &mut request, &method, &path, &query, lang)
        }
    };
    let _ = request.respond(response);
    state.answering.fetch_sub(1, Ordering::SeqCst);
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

fn route(
    state: &Arc<State>,
    request: &mut Request,
    method: &Method,
    path: &str,
    query: &Query,
    lang: Lang,
) -> Answer {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match (method, parts.as_slice()) {
        (Method::Get, [""]) => http::answer(200, "text/html; charset=utf-8", PAGE.as_bytes().to_vec()),
        (Method::Get, ["api", "info"]) => json_answer(200, &super::views::info(&state.catalogue, lang)),
        (Method::Get, ["api", "templates"]) => super::templates::answer(&state.catalogue, query, lang),
        (Method::Post, ["api", "batches"]) => match state.new_batch() {
            Ok(id) => json_answer(200, &json!({ "id": id })),
            Err(e) => disk_error(&e, lang),
        },
        (Method::Put, ["api", "batches", id, "files"]) => receive(state, request, id, query, lang),
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
fn receive(state: &State, request: &mut Request, id: &str, query: &Query, lang: Lang) -> Answer {
    let Some(relative) = first(query, "name").and_then(upload::safe_relative) else {
        return error(400, lang.pick("Thiếu tên tệp.", "The file name is missing."));
    };
    let Some((dir, held_files, held_bytes)) = state.with_batch(id, |b| (b.dir.clone(), b.files, b.bytes))
    else {
        return super::jobs::batch_gone(lang);
    };
    let shown = relative.display().to_string();
    let zip = upload::is_zip_name(&relative);
    let cap =
        if zip { MAX_ZIP_BYTES } else { MAX_FILE_BYTES }.min(MAX_BATCH_BYTES.saturating_sub(held_bytes));
    let too_large = |cap: u64| {
        let sentence = match lang {
            Lang::Vi => format!(
                "Tệp «{shown}» quá lớn: mỗi tệp tối đa {} MB, mỗi lần gửi tối đa {} MB.",
                mib(if zip { MAX_ZIP_BYTES } else { MAX_FILE_BYTES }),
                mib(MAX_BATCH_BYTES)
            ),
            Lang::En => format!(
                "The file «{shown}» is too large: at most {} MB a file and {} MB in all.",
                mib(if zip { MAX_ZIP_BYTES } else { MAX_FILE_BYTES }),
                mib(MAX_BATCH_BYTES)
            ),
        };
        let _ = cap;
        error(413, &sentence)
    };
    if request.body_length().is_some_and(|n| n as u64 > cap) {
        return too_large(cap);
    }
    if held_files >= MAX_BATCH_FILES {
        return too_many(lang);
    }
    let mut bytes = Vec::new();
    if request.as_reader().take(cap + 1).read_to_end(&mut bytes).is_err() {
        return error(
            400,
            lang.pick("Tệp gửi lên bị gián đoạn: hãy gửi lại.", "The upload was cut off: send it again."),
        );
    }
    if bytes.len() as u64 > cap {
        return too_large(cap);
    }
    let files: Vec<(std::path::PathBuf, Vec<u8>)> = if zip {
        match upload::unzip(&bytes, MAX_BATCH_BYTES.saturating_sub(held_bytes), MAX_BATCH_FILES - held_files)
        {
            Ok(files) => {
                let stem = relative.with_extension("");
                let parent = stem.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
                files.into_iter().map(|(name, data)| (parent.join(name), data)).collect()
            }
            Err(UploadError::TooLarge) => return too_large(cap),
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
    let mut added = (0usize, 0u64);
    for (name, data) in files {
        let place = upload::free_place(&dir, &name);
        let written = place
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&place, &data));
        if let Err(e) = written {
            return disk_error(&e, lang);
        }
        added = (added.0 + 1, added.1 + data.len() as u64);
    }
    let totals = state.with_batch(id, |b| {
        b.files += added.0;
        b.bytes += added.1;
        (b.files, b.bytes)
    });
    let (files, bytes) = totals.unwrap_or_default();
    json_answer(200, &json!({ "files": files, "bytes": bytes, "added": added.0 }))
}

fn too_many(lang: Lang) -> Answer {
    let sentence = match lang {
        Lang::Vi => format!("Đã đủ {MAX_BATCH_FILES} tệp cho một lần: hãy chia thành nhiều lần."),
        Lang::En => format!("{MAX_BATCH_FILES} files is the most at once: send them in parts."),
    };
    error(413, &sentence)
}
