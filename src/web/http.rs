//! Answers as plain data (status, headers, bytes), every one with the headers every answer carries, and the
//! small helpers of the query: the routes know nothing of the HTTP library.

use serde_json::{Value, json};
use std::collections::HashMap;

/// An answer ready to send.
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Headers, the security ones included.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Answer {
    /// The answer for the HTTP library.
    pub fn into_response(self) -> axum::response::Response {
        let mut builder = axum::http::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            builder = builder.header(*name, value.as_str());
        }
        builder.body(axum::body::Body::from(self.body)).unwrap_or_else(|_| {
            let mut response = axum::response::Response::new(axum::body::Body::empty());
            *response.status_mut() = axum::http::StatusCode::INTERNAL_SERVER_ERROR;
            response
        })
    }
}

/// The query parameters of an address's query string, decoded; a name given several times keeps every
/// value.
pub fn query(query: &str) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        map.entry(key.into_owned()).or_default().push(value.into_owned());
    }
    map
}

/// The first value of a query parameter.
pub fn first<'a>(query: &'a HashMap<String, Vec<String>>, name: &str) -> Option<&'a str> {
    query.get(name).and_then(|v| v.first()).map(String::as_str)
}

/// An answer with the headers every answer carries: nothing cached, nothing sniffed, never framed, no
/// referrer sent anywhere, and a page that may load nothing from outside.
pub fn answer(status: u16, content_type: &str, body: Vec<u8>) -> Answer {
    let headers = vec![
        ("Content-Type", content_type.to_string()),
        ("Cache-Control", "no-store".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("Referrer-Policy", "no-referrer".to_string()),
        ("X-Frame-Options", "DENY".to_string()),
        ("Cross-Origin-Resource-Policy", "same-origin".to_string()),
        (
            "Content-Security-Policy",
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; \
             connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
                .to_string(),
        ),
    ];
    Answer { status, headers, body }
}

/// A JSON answer.
pub fn json_answer(status: u16, value: &Value) -> Answer {
    answer(status, "application/json; charset=utf-8", serde_json::to_vec(value).unwrap_or_default())
}

/// An error answer: `{"error": sentence}`.
pub fn error(status: u16, sentence: &str) -> Answer {
    json_answer(status, &json!({ "error": sentence }))
}

/// What is escaped of a file name in an address or a `filename*`: all but letters, digits and `-._~`.
pub const NAME: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A file name as it goes into an address.
pub fn encoded(name: &str) -> String {
    percent_encoding::utf8_percent_encode(name, NAME).to_string()
}

/// A file to download under `name` (non-ASCII names as RFC 6266 `filename*`).
pub fn download(name: &str, bytes: Vec<u8>) -> Answer {
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
    let mut response = answer(200, kind, bytes);
    response.headers.push((
        "Content-Disposition",
        format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
    ));
    response
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
