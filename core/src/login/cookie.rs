//! Reading and clearing the login cookie, from plain `http` headers.

use super::DEFAULT_COOKIE_NAME;

/// The value of the cookie `name` in a request's `Cookie` headers, if any.
///
/// ```
/// use disco_oauth2::login::cookie_value;
///
/// let mut headers = http::HeaderMap::new();
/// headers.insert(http::header::COOKIE, "theme=dark; discord_login=AbC-_1".parse()?);
/// assert_eq!(cookie_value(&headers, "discord_login"), Some("AbC-_1"));
/// assert_eq!(cookie_value(&headers, "session"), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn cookie_value<'h>(headers: &'h http::HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim_matches('"'))
}

/// The `Set-Cookie` value that removes the login cookie (set it on the
/// callback's response, whatever its outcome).
///
/// ```
/// assert_eq!(
///     disco_oauth2::login::clear_cookie_header(),
///     "discord_login=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"
/// );
/// ```
pub fn clear_cookie_header() -> String {
    format!("{DEFAULT_COOKIE_NAME}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax")
}
