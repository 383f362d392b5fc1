//! What a loopback-redirect listener (a CLI's `http://127.0.0.1:PORT/…`
//! redirect URI) answers to each request its browser sends.

use crate::authorize::CallbackQuery;
use crate::error::Result;

/// The page shown once the redirect has arrived.
const DONE: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 115\r\n\
Connection: close\r\nCache-Control: no-store\r\n\r\n<!doctype html><title>Logged in</title>\
<p>You are logged in: you can close this tab and go back to the program.</p>";

/// The answer to anything else (a favicon, an idle connection, a scan).
const NOT_FOUND: &[u8] =
    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

/// The answer to one request a loopback listener read: the bytes to write
/// back, and the redirect's query when this request was the redirect.
#[derive(Debug)]
#[non_exhaustive]
pub struct LoopbackAnswer {
    /// The redirect's query (parsed, not yet checked), when the request was
    /// a `GET` of the redirect path; `None` for any other request.
    pub callback: Option<Result<CallbackQuery>>,
    /// The whole HTTP/1.1 response to write back before closing.
    pub response: &'static [u8],
}

/// Answers one request to a loopback redirect URI from its head (the
/// request line is enough): a `GET` of `path` is the redirect, and gets a
/// "you can close this tab" page; anything else a 404.
///
/// ```
/// use disco_oauth2::login::answer_loopback_request;
///
/// let answer = answer_loopback_request("GET /callback?code=abc&state=xyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "/callback");
/// let query = answer.callback.unwrap()?;
/// let callback = query.verify(&disco_oauth2::CsrfState::new("xyz"))?;
/// assert_eq!(callback.code.secret(), "abc");
/// assert!(answer.response.starts_with(b"HTTP/1.1 200 OK\r\n"));
///
/// let favicon = answer_loopback_request("GET /favicon.ico HTTP/1.1\r\n\r\n", "/callback");
/// assert!(favicon.callback.is_none());
/// assert!(favicon.response.starts_with(b"HTTP/1.1 404 Not Found\r\n"));
/// # Ok::<(), disco_oauth2::Error>(())
/// ```
pub fn answer_loopback_request(head: &str, path: &str) -> LoopbackAnswer {
    let mut words = head.lines().next().unwrap_or_default().split(' ');
    let (method, target) = (words.next(), words.next().unwrap_or_default());
    let (target_path, query) = target.split_once('?').unwrap_or((target, ""));
    if method != Some("GET") || target_path != path {
        return LoopbackAnswer {
            callback: None,
            response: NOT_FOUND,
        };
    }
    LoopbackAnswer {
        callback: Some(CallbackQuery::parse(query)),
        response: DONE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_declares_its_length() {
        let (head, body) = std::str::from_utf8(DONE)
            .unwrap()
            .split_once("\r\n\r\n")
            .unwrap();
        assert!(head.contains(&format!("Content-Length: {}\r\n", body.len())));
    }

    #[test]
    fn only_a_get_of_the_path_is_the_redirect() {
        for head in [
            "",
            "POST /callback?code=a HTTP/1.1",
            "GET /callbackx?code=a HTTP/1.1",
            "GET /other HTTP/1.1",
            "\u{0}\u{1}",
        ] {
            let answer = answer_loopback_request(head, "/callback");
            assert!(answer.callback.is_none(), "{head:?}");
            assert_eq!(answer.response, NOT_FOUND);
        }
        let answer = answer_loopback_request("GET /callback?code=a&code=b HTTP/1.1", "/callback");
        assert!(matches!(
            answer.callback,
            Some(Err(crate::Error::InvalidInput(_)))
        ));
        let denied =
            answer_loopback_request("GET /callback?error=access_denied HTTP/1.1", "/callback");
        let query = denied.callback.unwrap().unwrap();
        assert_eq!(
            query,
            crate::authorize::CallbackQuery::parse("error=access_denied").unwrap()
        );
    }
}
