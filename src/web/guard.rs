//! Who may drive the page: requests must carry the session's token and come from the page itself, so that
//! another local user, or a web page in another tab, cannot use the server (DNS rebinding included). The
//! check is a pure function ([`check`]); [`guard`] is the middleware that runs it before any route, its
//! body unread, and tells the routes the language asked for.

use super::answer::{Params, bytes, error, escape_html};
use super::state::State;
use axum::extract::{Query, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use plan::lang::Lang;
use std::sync::Arc;

/// What the guard needs of a request.
#[derive(Debug, Default, Clone)]
pub struct Seen<'a> {
    /// The `Host` header.
    pub host: Option<&'a str>,
    /// The `Origin` header.
    pub origin: Option<&'a str>,
    /// The `Sec-Fetch-Site` header.
    pub fetch_site: Option<&'a str>,
    /// The token given, in the `X-Plan-Token` header or the `t` query parameter.
    pub token: Option<&'a str>,
}

/// Why a request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `Host` is not this server's loopback address (a rebound name, or none).
    Host,
    /// Sent by another site.
    CrossSite,
    /// No token.
    NoToken,
    /// A token, not this session's (an address of an earlier `plan mo`, a token mistyped).
    WrongToken,
}

impl Refusal {
    /// The sentence shown for it.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Refusal::Host => lang.pick(
                "Yêu cầu bị từ chối: trang chỉ mở được tại địa chỉ 127.0.0.1 mà plan đã in ra.",
                "Refused: the page only opens at the 127.0.0.1 address plan printed.",
            ),
            Refusal::CrossSite => lang.pick(
                "Yêu cầu bị từ chối: yêu cầu đến từ một trang web khác.",
                "Refused: the request comes from another web page.",
            ),
            Refusal::NoToken => lang.pick(
                "Yêu cầu bị từ chối: thiếu mã truy cập. Hãy mở trang bằng đúng địa chỉ mà plan mo đã mở hoặc in ra (có phần ?t=…).",
                "Refused: the access code is missing. Open the page at the exact address plan mo opened or printed (with its ?t=…).",
            ),
            Refusal::WrongToken => lang.pick(
                "Yêu cầu bị từ chối: mã truy cập không đúng (có thể là địa chỉ của một lần chạy plan mo trước). Hãy mở trang bằng đúng địa chỉ mà plan mo vừa mở hoặc in ra.",
                "Refused: the access code is wrong (perhaps the address of an earlier plan mo). Open the page at the exact address plan mo just opened or printed.",
            ),
        }
    }
}

/// Checks a request against the server's port and token.
pub fn check(seen: &Seen, port: u16, token: &str) -> Result<(), Refusal> {
    let ours = |authority: &str| {
        [format!("127.0.0.1:{port}"), format!("localhost:{port}")]
            .iter()
            .any(|a| a.eq_ignore_ascii_case(authority))
    };
    if !seen.host.is_some_and(ours) {
        return Err(Refusal::Host);
    }
    if let Some(origin) = seen.origin {
        let authority = origin.strip_prefix("http://").unwrap_or("");
        if !ours(authority) {
            return Err(Refusal::CrossSite);
        }
    }
    // Another port of localhost is "same-site": only the page itself, or the address typed, may ask.
    if seen.fetch_site.is_some_and(|site| !matches!(site, "same-origin" | "none")) {
        return Err(Refusal::CrossSite);
    }
    match seen.token {
        Some(given) if same(given.as_bytes(), token.as_bytes()) => Ok(()),
        Some(given) if !given.is_empty() => Err(Refusal::WrongToken),
        _ => Err(Refusal::NoToken),
    }
}

/// Compares two secrets in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The language of a request: `lang=` in its query, else the server's.
fn lang_of(state: &State, query: &Params) -> Lang {
    match query.first("lang") {
        Some("en") => Lang::En,
        Some("vi") => Lang::Vi,
        _ => state.lang,
    }
}

/// The middleware: refuses a request the guard does not let in (the page's address with a page saying
/// why, any other with `{"error"}`), else passes it on with its [`Lang`] as an extension.
pub async fn guard(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    mut request: Request,
    next: Next,
) -> Response {
    let query = Query::<Params>::try_from_uri(request.uri()).map(|q| q.0).unwrap_or_default();
    let lang = lang_of(&state, &query);
    if let Err(refusal) = check(&seen(&request, &query), state.port, &state.token) {
        return match request.uri().path() {
            "/" => refused_page(refusal.text(lang)),
            _ => error(StatusCode::FORBIDDEN, refusal.text(lang)),
        };
    }
    request.extensions_mut().insert(lang);
    next.run(request).await
}

/// What the guard looks at: three headers, and the token in its header or the address.
fn seen<'a>(request: &'a Request, query: &'a Params) -> Seen<'a> {
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    Seen {
        host: header("host"),
        origin: header("origin"),
        fetch_site: header("sec-fetch-site"),
        token: header("x-plan-token").or(query.first("t")),
    }
}

fn refused_page(sentence: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>plan</title><p>{}</p></html>",
        escape_html(sentence)
    );
    bytes(StatusCode::FORBIDDEN, "text/html; charset=utf-8", body.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn good() -> Seen<'static> {
        Seen { host: Some("127.0.0.1:4000"), origin: None, fetch_site: None, token: Some(TOKEN) }
    }

    #[test]
    fn the_page_itself_is_let_in() {
        assert_eq!(check(&good(), 4000, TOKEN), Ok(()));
        let same_origin = Seen {
            host: Some("localhost:4000"),
            origin: Some("http://localhost:4000"),
            fetch_site: Some("same-origin"),
            ..good()
        };
        assert_eq!(check(&same_origin, 4000, TOKEN), Ok(()));
    }

    #[test]
    fn a_missing_or_wrong_token_is_refused() {
        assert_eq!(check(&Seen { token: None, ..good() }, 4000, TOKEN), Err(Refusal::NoToken));
        let wrong = "0123456789abcdef0123456789abcdee";
        assert_eq!(check(&Seen { token: Some(wrong), ..good() }, 4000, TOKEN), Err(Refusal::WrongToken));
        assert_eq!(check(&Seen { token: Some(""), ..good() }, 4000, TOKEN), Err(Refusal::NoToken));
        assert_ne!(Refusal::NoToken.text(Lang::Vi), Refusal::WrongToken.text(Lang::Vi));
    }

    #[test]
    fn another_host_or_site_is_refused_even_with_the_token() {
        for host in [None, Some("evil.example:4000"), Some("127.0.0.1:4001"), Some("127.0.0.1")] {
            assert_eq!(check(&Seen { host, ..good() }, 4000, TOKEN), Err(Refusal::Host), "{host:?}");
        }
        for origin in ["http://evil.example", "http://127.0.0.1:4001", "null", "https://127.0.0.1:4000"] {
            let seen = Seen { origin: Some(origin), ..good() };
            assert_eq!(check(&seen, 4000, TOKEN), Err(Refusal::CrossSite), "{origin}");
        }
        for site in ["same-site", "cross-site"] {
            let seen = Seen { fetch_site: Some(site), ..good() };
            assert_eq!(check(&seen, 4000, TOKEN), Err(Refusal::CrossSite), "{site}");
        }
    }
}
