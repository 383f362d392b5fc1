//! [`ApiUrls`]: the `reqwest::Url` of each request to the API base, made
//! from the base parsed once.
//!
//! reqwest takes a `url::Url`, which has no unchecked constructor: even
//! setting the path of a copy of the base runs the URL parser over it, one
//! character at a time. That parser is a large share of the code a call
//! runs, and a call that runs less code finds more of it still cached. Most
//! calls go to a handful of fixed paths (`/users/@me`, `/oauth2/token`…),
//! so the URLs of the last few query-less paths are remembered, per thread
//! (no lock, nothing shared between cores): a repeat is a copy of a string.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use http::Uri;
use reqwest::Url;

/// How many URLs each thread remembers (the oldest is replaced).
const REMEMBERED: usize = 8;

/// A client's API base, and the key its URLs are remembered under.
pub(crate) struct ApiUrls {
    /// Unique per client made (never reused, unlike an address).
    id: u64,
    base: Url,
}

/// The URLs a thread remembers: `(client id, path, URL)`, and the slot to replace next.
struct Recent {
    entries: Vec<(u64, Box<str>, Url)>,
    next: usize,
}

thread_local! {
    static RECENT: RefCell<Recent> = const {
        RefCell::new(Recent {
            entries: Vec::new(),
            next: 0,
        })
    };
}

impl ApiUrls {
    pub(crate) fn new(base: Url) -> Self {
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        Self {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            base,
        }
    }

    /// The URL of `uri`, a request on the base's origin: the base with
    /// `uri`'s path and query, exactly as `Url::set_path` and
    /// `Url::set_query` make it.
    pub(crate) fn url(&self, uri: &Uri) -> Url {
        if uri.query().is_some() {
            // Queries vary (pagination): not worth remembering.
            return self.make(uri);
        }
        let path = uri.path();
        let found = RECENT.with_borrow(|recent| {
            recent
                .entries
                .iter()
                .find(|(id, known, _)| *id == self.id && **known == *path)
                .map(|(_, _, url)| url.clone())
        });
        found.unwrap_or_else(|| {
            let url = self.make(uri);
            RECENT.with_borrow_mut(|recent| {
                let entry = (self.id, Box::from(path), url.clone());
                if recent.entries.len() < REMEMBERED {
                    recent.entries.push(entry);
                } else {
                    let slot = recent.next;
                    recent.entries[slot] = entry;
                    recent.next = (slot + 1) % REMEMBERED;
                }
            });
            url
        })
    }

    fn make(&self, uri: &Uri) -> Url {
        let mut url = self.base.clone();
        url.set_path(uri.path());
        url.set_query(uri.query());
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(base: &str) -> ApiUrls {
        ApiUrls::new(Url::parse(base).expect("a base"))
    }

    fn uri(text: &str) -> Uri {
        text.parse().expect("a URI")
    }

    #[test]
    fn a_url_is_the_base_with_the_uris_path_and_query() {
        let api = urls("http://127.0.0.1:8080/api/v10");
        for (request, expected) in [
            (
                "http://127.0.0.1:8080/api/v10/users/@me",
                "http://127.0.0.1:8080/api/v10/users/@me",
            ),
            (
                "http://127.0.0.1:8080/api/v10/users/@me/guilds?limit=200&with_counts=true",
                "http://127.0.0.1:8080/api/v10/users/@me/guilds?limit=200&with_counts=true",
            ),
            (
                "http://127.0.0.1:8080/api/v10/guilds/81384788765712384/members/80351110224678912",
                "http://127.0.0.1:8080/api/v10/guilds/81384788765712384/members/80351110224678912",
            ),
        ] {
            // Twice: made, then remembered.
            for _ in 0..2 {
                assert_eq!(api.url(&uri(request)).as_str(), expected);
            }
        }
    }

    #[test]
    fn remembered_urls_are_per_client_and_replaced_when_full() {
        let a = urls("http://127.0.0.1:8080/api/v10");
        let b = urls("http://127.0.0.1:9090/api/v10");
        let path = "http://127.0.0.1:8080/api/v10/users/@me";
        assert_eq!(a.url(&uri(path)).as_str(), path);
        // The same path through another client is that client's URL.
        assert_eq!(
            b.url(&uri(path)).as_str(),
            "http://127.0.0.1:9090/api/v10/users/@me"
        );
        for n in 0..3 * REMEMBERED {
            let other = format!("http://127.0.0.1:8080/api/v10/guilds/{n}/members/1");
            assert_eq!(a.url(&uri(&other)).as_str(), other);
        }
        RECENT.with_borrow(|recent| assert_eq!(recent.entries.len(), REMEMBERED));
        assert_eq!(a.url(&uri(path)).as_str(), path);
        assert_eq!(
            b.url(&uri(path)).as_str(),
            "http://127.0.0.1:9090/api/v10/users/@me"
        );
    }
}
