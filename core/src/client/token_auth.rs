/// How the client authenticates at the token and revocation endpoints.
///
/// Discord accepts both; HTTP Basic is RFC 6749 §2.3.1's recommended way and
/// the default. A client without a secret (a public client using PKCE) sends
/// only its `client_id` in the body, whatever this says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ClientAuth {
    /// `Authorization: Basic base64(urlencode(id) ":" urlencode(secret))`.
    #[default]
    BasicAuth,
    /// `client_id` and `client_secret` as form fields of the body.
    RequestBody,
}
