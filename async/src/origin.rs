//! [`Origin`]: the API's scheme and host, parsed once into reqwest's `Url`.

use disco_oauth2::InvalidInput;
use http::Uri;
use http::uri::{Authority, Scheme};
use reqwest::Url;

/// The API base's origin, parsed once when the client is built.
///
/// reqwest takes a `url::Url`, and parsing one in full (the host through
/// IDNA and all) costs more than the rest of building a request. A request
/// to the API's own origin, which is nearly every request, starts from a
/// copy of this one and takes only its path and query; any other (a key set
/// at another address, say) is parsed in full.
pub(crate) struct Origin {
    scheme: Scheme,
    authority: Authority,
    url: Url,
}

impl Origin {
    /// The origin of `api_base`, if both `http` and `url` take it.
    pub(crate) fn of(api_base: &str) -> Option<Self> {
        let uri: Uri = api_base.parse().ok()?;
        let mut url = Url::parse(api_base).ok()?;
        url.set_path("/");
        url.set_query(None);
        url.set_fragment(None);
        Some(Self {
            scheme: uri.scheme()?.clone(),
            authority: uri.authority()?.clone(),
            url,
        })
    }

    /// The `Url` of `uri`, the same as parsing its text would give.
    pub(crate) fn url(origin: Option<&Self>, uri: &Uri) -> Result<Url, InvalidInput> {
        match origin {
            // The core writes the base's own authority into every request to
            // it: the same bytes, compared as such (any other spelling is
            // parsed in full).
            Some(origin)
                if uri.authority().map(Authority::as_str) == Some(origin.authority.as_str())
                    && uri.scheme() == Some(&origin.scheme) =>
            {
                let mut url = origin.url.clone();
                url.set_path(uri.path());
                url.set_query(uri.query());
                Ok(url)
            }
            _ => Url::parse(&disco_oauth2::api_table::__uri_text(uri))
                .map_err(|_| InvalidInput::new("api_base", "is not a URL reqwest takes")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copied_origin_gives_the_url_a_full_parse_gives() {
        let origin = Origin::of("HTTP://Discord.COM:80/api/v10?x=1#f").unwrap();
        for text in [
            "http://discord.com/api/v10/users/@me",
            "http://Discord.com:80/api/v10/users/@me/guilds?limit=200&after=80351110224678912",
            "http://discord.com/api/v10/users/@me/guilds/1/member",
            "http://discord.com/api/v10/a/%2e%2e/b/./c?q=%20x&r=%C3%A9",
            "http://discord.com/api/v10/oauth2/token?",
            "http://discord.com/",
            "http://discord.com",
        ] {
            let uri: Uri = text.parse().unwrap();
            assert_eq!(
                Origin::url(Some(&origin), &uri).unwrap(),
                Url::parse(text).unwrap(),
                "{text}"
            );
        }
    }

    #[test]
    fn another_origin_is_parsed_in_full() {
        let origin = Origin::of("https://discord.com/api/v10").unwrap();
        for text in [
            "http://discord.com/api/v10/users/@me",
            "https://discord.com:8443/api/v10/users/@me",
            "https://cdn.discordapp.com/avatars/1/a.png?size=64",
        ] {
            let uri: Uri = text.parse().unwrap();
            assert_eq!(
                Origin::url(Some(&origin), &uri).unwrap().as_str(),
                Url::parse(text).unwrap().as_str()
            );
            assert_eq!(Origin::url(None, &uri).unwrap(), Url::parse(text).unwrap());
        }
    }
}
