//! Who a response is for: the public, or someone whose role may see restricted records.
//!
//! Every document, commitment, evidence item and note is `public` or `restricted`. The session
//! layer decides the audience of a request (it puts [`Audience::Restricted`] in the request's
//! extensions for a signed-in user whose role may see restricted records); handlers read it
//! with this extractor, which says [`Audience::Public`] when nothing was decided. Whatever reads
//! the record for a page or the API reads it with [`Audience::include_restricted`].
//!
//! What differs by audience must not be cached for another: [`Audience::seal`] marks a
//! response `Vary: Cookie, Authorization` (a session or an API token), and one made for the restricted audience `Cache-Control: private,
//! no-store`, without an ETag. Publications — feeds, the progress report, open-data exports —
//! are public only whatever the audience, and keep their public caching.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Anyone: public records only.
    Public,
    /// A role that may see restricted records.
    Restricted,
}

impl Audience {
    /// Whether reads for this audience include restricted records.
    pub fn include_restricted(self) -> bool {
        self == Audience::Restricted
    }

    /// `response` (or error) as made for this audience, with the cache headers that keep it
    /// to this audience.
    pub fn seal(self, response: impl IntoResponse) -> Response {
        let mut response = response.into_response();
        let headers = response.headers_mut();
        headers.append(header::VARY, HeaderValue::from_static("cookie, authorization"));
        if self == Audience::Restricted {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            headers.remove(header::ETAG);
        }
        response
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Audience {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Audience>().copied().unwrap_or(Audience::Public))
    }
}

/// Whether a record with this `handling` marking is restricted: anything but `public` is.
pub fn is_restricted(handling: &str) -> bool {
    handling != "public"
}

/// `text` with the byte spans `spans` (of restricted records in a public document) blacked out
/// byte for byte, so that every offset into it (blocks, marks, other records' spans) stays
/// valid: each span becomes █ characters, padded with spaces to its length. Spans that do not
/// fall on character boundaries of `text` are blacked out from the boundary before to the one
/// after.
pub fn redact(text: &str, spans: impl IntoIterator<Item = (i64, i64)>) -> String {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let clamp = |i: i64| usize::try_from(i).unwrap_or(0).min(text.len());
    let mut spans: Vec<(usize, usize)> =
        spans.into_iter().map(|(s, e)| (floor(clamp(s)), ceil(clamp(e)))).filter(|(s, e)| s < e).collect();
    if spans.is_empty() {
        return text.to_owned();
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e) in merged {
        out.push_str(&text[at..s]);
        let len = e - s;
        out.extend(std::iter::repeat_n('█', len / '█'.len_utf8()));
        out.extend(std::iter::repeat_n(' ', len % '█'.len_utf8()));
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    #[tokio::test]
    async fn the_audience_is_public_unless_the_session_said_otherwise() {
        let (mut parts, ()) = Request::new(()).into_parts();
        assert_eq!(Audience::from_request_parts(&mut parts, &()).await.unwrap(), Audience::Public);
        parts.extensions.insert(Audience::Restricted);
        let audience = Audience::from_request_parts(&mut parts, &()).await.unwrap();
        assert_eq!(audience, Audience::Restricted);
        assert!(audience.include_restricted() && !Audience::Public.include_restricted());
    }

    #[test]
    fn restricted_responses_are_never_stored_and_all_vary_by_cookie() {
        let public = || ([(header::CACHE_CONTROL, "public, max-age=60"), (header::ETAG, "\"1\"")], "x");
        let response = Audience::Restricted.seal(public());
        assert_eq!(response.headers()[header::CACHE_CONTROL], "private, no-store");
        assert!(!response.headers().contains_key(header::ETAG));
        assert_eq!(response.headers()[header::VARY], "cookie, authorization");
        let response = Audience::Public.seal(public());
        assert_eq!(response.headers()[header::CACHE_CONTROL], "public, max-age=60");
        assert_eq!(response.headers()[header::VARY], "cookie, authorization");
        assert!(is_restricted("restricted") && is_restricted("") && !is_restricted("public"));
    }

    #[test]
    fn redaction_keeps_every_offset() {
        let text = "Open. Secret plan here. Open again. 秘密の計画。End.";
        let secret = text.find("Secret").unwrap() as i64;
        let japanese = text.find("秘密").unwrap() as i64;
        let spans = [(secret, secret + 17), (japanese, japanese + 18), (secret + 2, secret + 5), (40, 10)];
        let out = redact(text, spans);
        assert_eq!(out.len(), text.len(), "byte for byte");
        assert!(!out.contains("Secret") && !out.contains("秘密") && !out.contains("plan"), "{out}");
        assert!(out.starts_with("Open. █████  ") && out.contains(" Open again. ██████End."), "{out}");
        assert_eq!(redact("abc", []), "abc");
        // Offsets inside a character are widened to the whole character.
        assert_eq!(redact("秘密", [(1, 2)]), "█密");
    }
}
