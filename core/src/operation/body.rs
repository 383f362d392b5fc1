//! [`RequestBody`]: the bytes of a request, with a redacted `Debug`.

use std::fmt;

/// A request body. It often holds secrets (an authorization code, a PKCE
/// verifier, a refresh token, a client secret, a user's access token), so its
/// `Debug` shows only its length; any HTTP client takes its bytes with
/// [`as_bytes`](Self::as_bytes) or [`into_bytes`](Self::into_bytes).
///
/// ```
/// use disco_oauth2::RequestBody;
///
/// let body = RequestBody::from(b"code=secret".to_vec());
/// assert_eq!(body.as_bytes(), b"code=secret");
/// assert_eq!(format!("{body:?}"), "RequestBody { len: 11, .. }");
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RequestBody(Vec<u8>);

impl RequestBody {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<u8>> for RequestBody {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<RequestBody> for Vec<u8> {
    fn from(body: RequestBody) -> Self {
        body.0
    }
}

impl PartialEq<[u8]> for RequestBody {
    fn eq(&self, other: &[u8]) -> bool {
        self.0 == other
    }
}

impl<const N: usize> PartialEq<[u8; N]> for RequestBody {
    fn eq(&self, other: &[u8; N]) -> bool {
        self.0 == other
    }
}

impl PartialEq<Vec<u8>> for RequestBody {
    fn eq(&self, other: &Vec<u8>) -> bool {
        self.0 == *other
    }
}

impl AsRef<[u8]> for RequestBody {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestBody")
            .field("len", &self.0.len())
            .finish_non_exhaustive()
    }
}
