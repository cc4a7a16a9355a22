//! Answers as axum responses: JSON, the page's HTML, downloads, and the error sentences several routes
//! give; the headers every answer carries, set in one layer ([`secure`]); the query's parameters
//! ([`Params`]); and the blocking pool the synchronous route bodies run on ([`blocking`]).

use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use plan::lang::Lang;
use serde::Deserialize;
use serde_json::{Value, json};

/// The query of a request, every pair in order: a name given several times keeps every value
/// (`office=y-te&office=gd-dt`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "Vec<(String, String)>")]
pub struct Params(Vec<(String, String)>);

impl From<Vec<(String, String)>> for Params {
    fn from(pairs: Vec<(String, String)>) -> Params {
        Params(pairs)
    }
}

impl Params {
    /// The first value of a parameter.
    pub fn first<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        self.all(name).next()
    }

    /// Every value of a parameter, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        self.0.iter().filter(move |(key, _)| key == name).map(|(_, value)| value.as_str())
    }
}

/// The headers every answer carries: nothing cached, nothing sniffed, never framed, no referrer sent
/// anywhere, and a page that may load nothing from outside.
const SECURITY_HEADERS: [(&str, &str); 6] = [
    ("cache-control", "no-store"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-resource-policy", "same-origin"),
    (
        "content-security-policy",
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; \
         connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
];

/// The layer that puts [`SECURITY_HEADERS`] on every answer, refusals and axum's own included.
pub async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(HeaderName::from_static(name), HeaderValue::from_static(value));
    }
    response
}

/// Runs a synchronous route body (disk, workbooks) on tokio's blocking pool; a panic is an internal error.
pub async fn blocking(lang: Lang, work: impl FnOnce() -> Response + Send + 'static) -> Response {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|_| {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            lang.pick("Lỗi nội bộ của chương trình khi trả lời.", "Internal error while answering."),
        )
    })
}

/// An answer of a content type.
pub fn bytes(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    (status, [(CONTENT_TYPE, content_type)], body).into_response()
}

/// A JSON answer.
pub fn json(status: StatusCode, value: &Value) -> Response {
    bytes(status, "application/json; charset=utf-8", serde_json::to_vec(value).unwrap_or_default())
}

/// An error answer: `{"error": sentence}`.
pub fn error(status: StatusCode, sentence: &str) -> Response {
    json(status, &json!({ "error": sentence }))
}

/// No such page, file or job.
pub fn not_found(lang: Lang) -> Response {
    error(StatusCode::NOT_FOUND, lang.pick("Không có trang hoặc tệp này.", "No such page or file."))
}

/// A batch that is not (or no longer) there.
pub fn batch_gone(lang: Lang) -> Response {
    let sentence = lang.pick(
        "Không còn các tệp đã gửi (tệp được xóa ngay sau mỗi lần xử lý): hãy gửi lại.",
        "The files sent are gone (they are removed after each run): send them again.",
    );
    error(StatusCode::NOT_FOUND, sentence)
}

/// The sentence for a failure of the disk, in the user's words (no operating system's text).
pub fn disk_error(error: &std::io::Error, lang: Lang) -> Response {
    use std::io::ErrorKind;
    let why = match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => lang.pick("ổ đĩa đã đầy", "the disk is full"),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            lang.pick("không được phép ghi", "writing is not allowed")
        }
        _ => lang.pick("lỗi của ổ đĩa", "a disk error"),
    };
    let sentence = match lang {
        Lang::Vi => format!("Không ghi được vào thư mục tạm của chương trình ({why})."),
        Lang::En => format!("Cannot write to the program's temporary folder ({why})."),
    };
    self::error(StatusCode::INTERNAL_SERVER_ERROR, &sentence)
}

/// What is escaped of a file name in an address or a `filename*`: all but letters, digits and `-._~`.
const NAME: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A file name as it goes into an address.
pub fn encoded(name: &str) -> String {
    percent_encoding::utf8_percent_encode(name, NAME).to_string()
}

/// A file to download under `name` (non-ASCII names as RFC 6266 `filename*`).
pub fn download(name: &str, body: Vec<u8>) -> Response {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' { c } else { '_' }).collect();
    let encoded = encoded(name);
    let kind = match name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()) {
        Some(e) if e == "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some(e) if e == "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some(e) if e == "zip" => "application/zip",
        Some(e) if e == "json" => "application/json; charset=utf-8",
        Some(e) if e == "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    };
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    (StatusCode::OK, [(CONTENT_TYPE, kind.to_string()), (CONTENT_DISPOSITION, disposition)], body)
        .into_response()
}

/// Text made safe inside HTML.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Several files as one zip archive, with fixed dates so that the same files give the same bytes.
pub fn zip_of(files: &[(String, Vec<u8>)]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options).map_err(std::io::Error::other)?;
        zip.write_all(bytes)?;
    }
    zip.finish().map_err(std::io::Error::other)?;
    Ok(buffer.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parameter_given_several_times_keeps_every_value() {
        let query = "office=y-te&year=2024&office=gd-dt&t=%C3%A1+b";
        let params: Params = serde_urlencoded_like(query);
        assert_eq!(params.first("office"), Some("y-te"));
        assert_eq!(params.all("office").collect::<Vec<_>>(), ["y-te", "gd-dt"]);
        assert_eq!(params.first("t"), Some("á b"));
        assert_eq!(params.first("lang"), None);
    }

    /// The query as axum's `Query` extractor reads it.
    fn serde_urlencoded_like(query: &str) -> Params {
        let uri: axum::http::Uri = format!("/api/templates?{query}").parse().unwrap();
        axum::extract::Query::<Params>::try_from_uri(&uri).unwrap().0
    }
}
