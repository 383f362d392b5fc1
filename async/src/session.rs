//! [`UserSession`]: the per-user calls, hung on one access token.

use crate::client::Client;
use crate::error::Error;

disco_oauth2::__user_session!({async} {.await});
