/// How the client authenticates at the token and revocation endpoints.
///
/// Discord accepts both for a confidential client; HTTP Basic is RFC 6749
/// §2.3.1's recommended way and the default. A public client (no secret:
/// an app on a device, a CLI, a browser) says so with [`None`](Self::None)
/// ([`ClientBuilder::public_client`](crate::ClientBuilder::public_client)).
///
/// A client with neither a secret nor [`None`](Self::None) refuses, before
/// sending, the requests that need client authentication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ClientAuth {
    /// `Authorization: Basic base64(urlencode(id) ":" urlencode(secret))`.
    #[default]
    BasicAuth,
    /// `client_id` and `client_secret` as form fields of the body.
    RequestBody,
    /// No client authentication (Discord's token endpoint auth method
    /// `none`): a public client, which sends its `client_id` in the form and
    /// proves the authorization is its own with PKCE. It has no secret.
    None,
}

/// The refusal of a token request by a client that has no secret and is not
/// public: nothing would authenticate it.
pub(crate) fn missing_client_secret() -> crate::Error {
    crate::InvalidInput::new(
        "client_secret",
        "is not set, and this request needs client authentication: give the client its secret, \
         or make it a public client (ClientBuilder::public_client)",
    )
    .into()
}
