//! Small helpers over tiny_http: the query, headers, and answers with the headers every answer carries.

use serde_json::{Value, json};
use std::collections::HashMap;
use tiny_http::{Header, Request, Response, StatusCode};

/// An answer ready to send.
pub type Answer = Response<std::io::Cursor<Vec<u8>>>;

/// The query parameters of a URL, decoded; a name given several times keeps every value.
pub fn query(url: &str) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    if let Some((_, query)) = url.split_once('?') {
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            map.entry(key.into_owned()).or_default().push(value.into_owned());
        }
    }
    map
}

/// The first value of a query parameter.
pub fn first<'a>(query: &'a HashMap<String, Vec<String>>, name: &str) -> Option<&'a str> {
    query.get(name).and_then(|v| v.first()).map(String::as_str)
}

/// A header's value.
pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

fn header_of(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("a valid header"))
}

/// An answer with the headers every answer carries: nothing cached, nothing sniffed, never framed, no
/// referrer sent anywhere, and a page that may load nothing from outside.
pub fn answer(status: u16, content_type: &str, body: Vec<u8>) -> Answer {
    let headers = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        (
            "Content-Security-Policy",
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; \
             connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    ];
    let mut response = Response::from_data(body).with_status_code(StatusCode(status));
    for (name, value) in headers {
        response.add_header(header_of(name, value));
    }
    response
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
    response.add_header(header_of(
        "Content-Disposition",
        &format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
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
