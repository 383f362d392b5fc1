//! The sans-IO contract: every API operation is a value that splits into an
//! `http::Request` and a [`Pending`] half that can parse only that
//! operation's response.
//!
//! Most callers hand an operation to a [`Call`](crate::driver::Call), which
//! adds rate limiting and retries. The bare pair is for one plain send:
//!
//! ```
//! use disco_oauth2::{Operation, RequestBody, Result};
//!
//! /// Runs any operation over any HTTP stack that maps a request to a response.
//! fn run<O: Operation>(
//!     op: O,
//!     send: impl FnOnce(http::Request<RequestBody>) -> http::Response<Vec<u8>>,
//!     now: chrono::DateTime<chrono::Utc>,
//! ) -> Result<O::Output> {
//!     let (request, pending) = op.into_parts()?;
//!     let response = send(request);
//!     pending.parse(&response, now)
//! }
//! ```
//!
//! The trait is sealed: the operations are the ones this crate defines, and
//! a response reaches an operation's parser only through
//! [`Pending::parse`], which classifies every error status first.

mod body;
mod classify;
mod request;
mod sealed;

pub use body::RequestBody;
pub(crate) use sealed::Sealed;

pub(crate) use classify::classify_error;
pub(crate) use request::{Auth, Body, RequestBuilder};

use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use http::{HeaderMap, StatusCode};

use crate::error::Result;
use crate::route::Route;

/// An API operation: builds its request and parses its own response.
///
/// Operations are made by [`Client`](crate::Client) methods. The trait is
/// sealed: it cannot be implemented outside this crate, and its builder and
/// parser are reached only through [`into_parts`](Self::into_parts) and
/// [`Pending::parse`].
pub trait Operation: Sized {
    /// What a successful response parses into.
    type Output;
    /// What the parser needs to remember from the request (often `()`).
    type Context;
    /// A stable name for logs and traces, e.g. `exchange_code`.
    const NAME: &'static str;

    /// The rate-limit route of the request.
    fn route(&self) -> Route;

    /// Builds the request, and the context kept for parsing. Sealed: only
    /// [`into_parts`](Self::into_parts) and a call's repeats call it. A build
    /// depends on the operation alone, so building again gives the same
    /// request.
    #[doc(hidden)]
    fn build(&self, _: Sealed) -> Result<(http::Request<RequestBody>, Self::Context)>;

    /// Parses a successful (2xx) response. Sealed: only [`Pending::parse`]
    /// calls it, after classifying every other status.
    #[doc(hidden)]
    fn parse_success(
        context: Self::Context,
        response: Response<'_>,
        _: Sealed,
    ) -> Result<Self::Output>;

    /// Splits the operation into the request to send and the half that parses its response.
    ///
    /// The request's body is a [`RequestBody`], whose `Debug` is redacted,
    /// so `{:?}` of the request shows no secret.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) for arguments
    /// Discord would refuse; nothing is sent.
    fn into_parts(self) -> Result<(http::Request<RequestBody>, Pending<Self>)> {
        split(&self).1
    }
}

/// What [`Operation::into_parts`] makes: the request, and the half that parses its answer.
pub(crate) type Parts<O> = (http::Request<RequestBody>, Pending<O>);

/// [`Operation::into_parts`], and the operation's route (computed once). The
/// operation is only read: a [`Call`](crate::driver::Call) keeps it to build
/// a repeat from.
pub(crate) fn split<O: Operation>(op: &O) -> (Route, Result<Parts<O>>) {
    let route = op.route();
    let parts = op.build(Sealed::new()).map(|(request, context)| {
        let pending = Pending {
            context,
            route: route.clone(),
            operation: PhantomData,
        };
        (request, pending)
    });
    (route, parts)
}

/// A response as the parsers see it: status, headers, the whole body, and
/// the caller's notion of now (for absolute expiry times).
#[derive(Debug, Clone, Copy)]
pub struct Response<'a> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: &'a HeaderMap,
    /// The whole body.
    pub body: &'a [u8],
    /// When the response was received, by the caller's clock.
    pub now: DateTime<Utc>,
}

/// The half of an operation that waits for its response.
///
/// It can parse only its own operation's response into that operation's
/// output type: the compiler checks the pairing.
#[must_use = "a pending operation must be given its response"]
pub struct Pending<O: Operation> {
    context: O::Context,
    route: Route,
    operation: PhantomData<fn() -> O>,
}

impl<O: Operation> Pending<O> {
    /// The operation's name.
    pub fn name(&self) -> &'static str {
        O::NAME
    }

    /// The rate-limit route the request was sent on.
    pub fn route(&self) -> &Route {
        &self.route
    }

    /// Parses the response: a 2xx into the operation's output, anything else
    /// into the matching [`Error`](crate::Error).
    ///
    /// # Errors
    /// Every non-2xx status is classified (OAuth2 error body, Discord JSON
    /// error, 401, 429, or an unexpected status with a bounded excerpt); a
    /// 2xx body that does not decode is [`Error::Decode`](crate::Error::Decode).
    pub fn parse<B: AsRef<[u8]>>(
        self,
        response: &http::Response<B>,
        now: DateTime<Utc>,
    ) -> Result<O::Output> {
        self.parse_parts(
            response.status(),
            response.headers(),
            response.body().as_ref(),
            now,
        )
    }

    /// As [`parse`](Self::parse), from the response's parts.
    ///
    /// # Errors
    /// As [`parse`](Self::parse).
    pub fn parse_parts(
        self,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<O::Output> {
        if !status.is_success() {
            return Err(classify_error(O::NAME, status, headers, body));
        }
        O::parse_success(
            self.context,
            Response {
                status,
                headers,
                body,
                now,
            },
            Sealed::new(),
        )
    }
}

impl<O: Operation> fmt::Debug for Pending<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending")
            .field("operation", &O::NAME)
            .field("route", &self.route)
            .finish_non_exhaustive()
    }
}

/// Decodes a 2xx JSON body, tagging a failure with the status.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    what: &'static str,
    response: &Response<'_>,
) -> Result<T> {
    crate::error::from_slice(what, response.body).map_err(|e| e.with_status(response.status).into())
}
