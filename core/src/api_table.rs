//! The convenience API of both runtimes, written once.
//!
//! Hidden macros that a runtime invokes inside its own `impl` blocks, with a
//! blocking arm (`{} {}`) or an async one (`{async} {.await}`). Adding an
//! operation to both runtimes means one line here (plus its operation file in
//! [`api`](crate::api)). The macros expect, at the call site: a `Client` with
//! `core()`, `run(op)` and `drive(driver)`, an `Error` with
//! `From<disco_oauth2::Error>`, and a `ClientBuilder` with a `core` field
//! holding the core's [`ClientBuilder`](crate::ClientBuilder).

use std::time::Duration;

use crate::error::InvalidInput;

/// The longest timeout a runtime accepts: one day.
#[doc(hidden)]
pub const __MAX_TIMEOUT: Duration = Duration::from_secs(24 * 60 * 60);

/// Checks a runtime's timeout setting: not zero, at most one day (a longer
/// one would overflow the clock arithmetic of the HTTP clients).
#[doc(hidden)]
pub fn __check_timeout(field: &'static str, timeout: Duration) -> Result<Duration, InvalidInput> {
    if timeout.is_zero() {
        return Err(InvalidInput::new(field, "must be longer than zero"));
    }
    if timeout > __MAX_TIMEOUT {
        return Err(InvalidInput::new(field, "must be at most one day"));
    }
    Ok(timeout)
}

/// Whether a response's `Content-Length` says its body is over `limit`
/// bytes (then it is refused unread).
#[doc(hidden)]
pub fn __declared_too_large(headers: &http::HeaderMap, limit: u64) -> bool {
    headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|len| len > limit)
}

/// Shows an error and its sources, `a: b: c`.
#[doc(hidden)]
pub struct __Chain<'a>(pub &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for __Chain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}

/// The core's Discord settings, forwarded by a runtime's `ClientBuilder`.
#[doc(hidden)]
#[macro_export]
macro_rules! __core_builder_methods {
    () => {
        $crate::__core_builder_methods!(@forward
            /// The client secret. Leave it unset for a public client (PKCE only).
            client_secret(secret: impl Into<$crate::ClientSecret>);
            /// The default redirect URI (registered in the Developer Portal).
            redirect_uri(uri: impl Into<String>);
            /// Another API base, e.g. a fake Discord's `http://127.0.0.1:PORT/api/v10`.
            api_base(base: impl Into<String>);
            /// Another authorization page.
            authorize_url(url: impl Into<String>);
            /// Another image CDN, e.g. a fake Discord's origin, for the URLs
            /// built by the core client's `cdn()`.
            cdn_base(base: impl Into<String>);
            /// Extra text after `DiscordBot (url, version)` in the `User-Agent`.
            user_agent_suffix(suffix: impl Into<String>);
            /// How to authenticate at the token endpoints (default HTTP Basic).
            client_auth(auth: $crate::ClientAuth);
            /// The largest response body read (default 4 MiB); a larger one is
            /// refused unread, also when its `Content-Length` says so.
            max_body_size(bytes: u64);
            /// How many times a 429 is retried after its wait (default 3; 0 for never).
            max_rate_limit_retries(retries: u32);
            /// The longest wait taken before a request (default 60 s); a longer
            /// one ends the call with the 429 at once.
            max_retry_wait(wait: ::std::time::Duration);
            /// How many times a 502, 503 or 504 is retried, for requests safe
            /// to repeat (default 2).
            max_server_error_retries(retries: u32);
            /// A deadline for a whole call, waits and retries included (default
            /// none): the worst case of a call is this, not the sum of its waits.
            call_timeout(timeout: ::std::time::Duration);
            /// Requests per second paced proactively (default 50, Discord's
            /// global limit); `None` turns the window off.
            global_rate_limit(per_second: Option<u32>);
        );

        /// The default scopes of authorization URLs and client-credentials grants.
        pub fn scopes<I>(mut self, scopes: I) -> Self
        where
            I: IntoIterator,
            I::Item: Into<$crate::Scope>,
        {
            self.core = self.core.scopes(scopes);
            self
        }
    };
    (@forward $($(#[$doc:meta])* $name:ident($arg:ident: $ty:ty);)*) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, $arg: $ty) -> Self {
                self.core = self.core.$name($arg);
                self
            }
        )*
    };
}

/// One method that runs one core operation: `name(args) -> Output = |core| op`.
#[doc(hidden)]
#[macro_export]
macro_rules! __api_fn {
    ({$($async:tt)?} {$($await:tt)*} $(#[$doc:meta])*
        $name:ident($($arg:ident: $ty:ty),*) -> $out:ty = |$core:ident| $op:expr) => {
        $(#[$doc])*
        ///
        /// # Errors
        /// As [`Client::run`].
        pub $($async)? fn $name(&self, $($arg: $ty),*) -> ::std::result::Result<$out, Error> {
            let $core = self.core();
            self.run($op) $($await)*
        }
    };
    ({$($async:tt)?} {$($await:tt)*} $(#[$doc:meta])*
        $name:ident($($arg:ident: $ty:ty),*) -> $out:ty = |$core:ident, $user:ident| $op:expr) => {
        $(#[$doc])*
        ///
        /// # Errors
        /// As [`Client::run`].
        pub $($async)? fn $name(&self, $($arg: $ty),*) -> ::std::result::Result<$out, Error> {
            let ($core, $user) = (self.client.core(), &self.user);
            self.client.run($op) $($await)*
        }
    };
}

/// Every method of a runtime's `Client` beyond `run` and `drive`.
#[doc(hidden)]
#[macro_export]
macro_rules! __client_api {
    ($sync:tt $await:tt) => {
        /// Starts configuring a client for the application `client_id`.
        pub fn builder(client_id: impl Into<$crate::ApplicationId>) -> ClientBuilder {
            ClientBuilder::new($crate::Client::builder(client_id))
        }

        /// Starts an authorization URL with the client's id, scopes and
        /// redirect URI; no request is made.
        pub fn authorize_url(&self) -> $crate::authorize::AuthorizeUrlBuilder {
            self.core().authorize_url()
        }

        /// A session for the user a token belongs to; no request is made.
        pub fn user(&self, token: $crate::AccessToken) -> UserSession {
            UserSession::new(self.clone(), token)
        }

        /// Starts "Login with Discord" with no server-side state: the
        /// authorization URL to redirect to, and the sealed value to set as
        /// a cookie on that response (see [`login`](crate::login)).
        ///
        /// # Errors
        /// As [`LoginFlow::start`](crate::login::LoginFlow::start).
        pub fn start_login(&self, key: &$crate::sealing::SealingKey) -> ::std::result::Result<$crate::login::LoginStart, Error> {
            Ok(self.core().login_flow(key).start(::chrono::Utc::now())?)
        }

        $crate::__api_fn!($sync $await
            /// Finishes a login at its callback: opens the login cookie's
            /// value, checks the state, and trades the code for a token with
            /// the PKCE verifier.
            ///
            /// A missing, altered or expired cookie is
            /// [`disco_oauth2::Error::Login`], a forged state
            /// [`disco_oauth2::Error::StateMismatch`]: send the user to the
            /// login again.
            finish_login(key: &$crate::sealing::SealingKey, cookie: &str, query: &$crate::authorize::CallbackQuery)
                -> $crate::AccessToken = |core| core.login_flow(key).finish(cookie, query, ::chrono::Utc::now())?.exchange);
        $crate::__api_fn!($sync $await
            /// Trades the `code` from the authorization redirect for a token
            /// (an expired or reused code is `invalid_grant`).
            ///
            /// # Security
            /// The request body holds the code (and in body mode the client
            /// secret); see the
            /// [Security section](crate#security) of the crate on redirects.
            exchange_code(code: impl Into<$crate::AuthorizationCode>) -> $crate::AccessToken
                = |core| core.exchange_code(code));
        $crate::__api_fn!($sync $await
            /// Trades the `code` for a token, proving possession of the PKCE
            /// verifier whose challenge went into the authorization URL.
            ///
            /// # Security
            /// The request body holds the code and the verifier; see the
            /// [Security section](crate#security) of the crate on redirects.
            exchange_code_with_pkce(code: impl Into<$crate::AuthorizationCode>, verifier: $crate::PkceVerifier)
                -> $crate::AccessToken = |core| core.exchange_code(code).pkce_verifier(verifier));
        $crate::__api_fn!($sync $await
            /// Trades a refresh token for a new token. Discord rotates refresh
            /// tokens: store the new one (a dead one is `invalid_grant`).
            ///
            /// # Security
            /// The request body holds the refresh token; see the
            /// [Security section](crate#security) of the crate on redirects.
            refresh_token(refresh_token: &$crate::RefreshToken) -> $crate::AccessToken
                = |core| core.refresh_token(refresh_token));
        $crate::__api_fn!($sync $await
            /// A client-credentials token for the application's owner, with
            /// these scopes (refused before sending without a secret or scopes).
            ///
            /// # Security
            /// The request carries the client secret; see the
            /// [Security section](crate#security) of the crate on redirects.
            client_credentials(scopes: impl IntoIterator<Item = impl Into<$crate::Scope>>) -> $crate::AccessToken
                = |core| core.client_credentials().scopes(scopes));
        $crate::__api_fn!($sync $await
            /// Revokes a token's whole authorization: by its refresh token when
            /// it has one, else by its access token, which is why it takes the
            /// whole [`AccessToken`]. Revoking a dead token succeeds.
            ///
            /// # Security
            /// The request body holds the token; see the
            /// [Security section](crate#security) of the crate on redirects.
            revoke_token(token: &$crate::AccessToken) -> ()
                = |core| core.revoke_authorization(token));
        $crate::__api_fn!($sync $await
            /// The user a bearer token belongs to (`GET /users/@me`). It takes
            /// only the bearer half of a token: that is all the call sends.
            fetch_user(token: &$crate::BearerToken) -> $crate::User
                = |core| core.current_user(token));
        $crate::__api_fn!($sync $await
            /// What a token is allowed to do, and until when (`GET /oauth2/@me`).
            fetch_authorization(token: &$crate::BearerToken) -> $crate::Authorization
                = |core| core.current_authorization(token));
        $crate::__api_fn!($sync $await
            /// The application whose bot token this is (`GET /oauth2/applications/@me`).
            fetch_application(bot_token: &$crate::BotToken) -> $crate::Application
                = |core| core.current_application(bot_token));
    };
}

/// A runtime's `UserSession`: the type and every per-user call.
#[doc(hidden)]
#[macro_export]
macro_rules! __user_session {
    ({$($async:tt)?} {$($await:tt)*}) => {
        /// A user's access token and the calls made with it. Made by
        /// [`Client::user`], without a request.
        ///
        /// It remembers the user's id once known (from
        /// [`fetch_user`](Self::fetch_user) or [`add_to_guild`](Self::add_to_guild)),
        /// and [`refresh`](Self::refresh) swaps in the new token.
        ///
        /// It is not `Clone`: Discord rotates the refresh token on every
        /// refresh, so two copies would disagree on which one is alive. Share
        /// one session, or store [`token`](Self::token) and make a new one.
        #[derive(Debug)]
        pub struct UserSession {
            client: Client,
            user: $crate::session::UserContext,
        }

        impl UserSession {
            pub(crate) fn new(client: Client, token: $crate::AccessToken) -> Self {
                Self { client, user: $crate::session::UserContext::new(token) }
            }

            /// The current token (store it: after [`refresh`](Self::refresh) it is the new one).
            pub fn token(&self) -> &$crate::AccessToken {
                self.user.token()
            }

            /// Gives the token back, ending the session.
            pub fn into_token(self) -> $crate::AccessToken {
                self.user.into_token()
            }

            /// The user's id, when a call has told it.
            pub fn user_id(&self) -> Option<$crate::UserId> {
                self.user.user_id()
            }

            /// The client the session runs on.
            pub fn client(&self) -> &Client {
                &self.client
            }

            /// The user (`GET /users/@me`, scope `identify`); remembers their id.
            ///
            /// # Errors
            /// As [`Client::run`].
            pub $($async)? fn fetch_user(&mut self) -> Result<$crate::User, Error> {
                let op = self.client.core().current_user(self.user.bearer());
                let user = self.client.run(op) $($await)* ?;
                self.user.record_user(&user);
                Ok(user)
            }

            /// One page of the user's guilds, chosen on the core's operation
            /// (`before`, `after`, `limit`, `with_counts`; `|op| op` for the
            /// first 200).
            ///
            /// # Errors
            /// As [`Client::run`]; a limit outside 1 ..= 200 is refused before sending.
            pub $($async)? fn fetch_guilds_page(
                &self,
                configure: impl FnOnce($crate::api::users::GetCurrentUserGuilds) -> $crate::api::users::GetCurrentUserGuilds,
            ) -> Result<Vec<$crate::Guild>, Error> {
                let op = configure(self.client.core().current_user_guilds(self.user.bearer()));
                self.client.run(op) $($await)*
            }

            /// Every guild of the user, page after page, as one bounded call.
            ///
            /// # Errors
            /// As [`Client::run`], for the first page that fails, or a walk
            /// longer than Discord allows.
            pub $($async)? fn fetch_all_guilds(&self) -> Result<Vec<$crate::Guild>, Error> {
                let walk = $crate::driver::GuildWalk::new(self.client.core(), self.user.bearer());
                self.client.drive(walk) $($await)*
            }

            /// Adds the user to `guild_id` with the bot's token (scope
            /// `guilds.join`; the bot must be in the guild), with the member's
            /// options set on the core's operation (`|op| op.nick("Nelly")`).
            /// Fetches the user first when their id is not known yet.
            ///
            /// # Errors
            /// As [`Client::run`].
            ///
            /// # Security
            /// The request body holds the user's access token; see the
            /// [Security section](crate#security) of the crate on redirects.
            pub $($async)? fn add_to_guild(
                &mut self,
                bot_token: &$crate::BotToken,
                guild_id: $crate::GuildId,
                configure: impl FnOnce($crate::api::guilds::AddGuildMember) -> $crate::api::guilds::AddGuildMember,
            ) -> Result<$crate::AddedMember, Error> {
                if self.user.user_id().is_none() {
                    self.fetch_user() $($await)* ?;
                }
                let user_id = self.user.known_user_id()?;
                let op = self.client.core().add_guild_member(bot_token, guild_id, user_id, self.user.bearer());
                self.client.run(configure(op)) $($await)*
            }

            /// Trades the session's refresh token for a new token, keeps it,
            /// and returns it (store it: the old refresh token is dead).
            ///
            /// # Errors
            /// As [`Client::run`]; a token without a refresh token (client
            /// credentials, implicit grant) is refused before sending.
            ///
            /// # Security
            /// The request body holds the refresh token; see the
            /// [Security section](crate#security) of the crate on redirects.
            pub $($async)? fn refresh(&mut self) -> Result<&$crate::AccessToken, Error> {
                let op = self.client.core().refresh_token(self.user.refresh_token()?);
                let token = self.client.run(op) $($await)* ?;
                Ok(self.user.record_refreshed(token))
            }

            $crate::__api_fn!({$($async)?} {$($await)*}
                /// The first page of the user's guilds: up to 200 (scope `guilds`).
                fetch_guilds() -> Vec<$crate::Guild> = |core, user| core.current_user_guilds(user.bearer()));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// The user's linked accounts (scope `connections`).
                fetch_connections() -> Vec<$crate::Connection>
                    = |core, user| core.current_user_connections(user.bearer()));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// The user's member object in `guild_id` (scope
                /// `guilds.members.read`); not being a member is Discord's 10004.
                fetch_member(guild_id: $crate::GuildId) -> $crate::Member
                    = |core, user| core.current_user_guild_member(user.bearer(), guild_id));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// What the token is allowed to do, and until when (`GET /oauth2/@me`).
                fetch_authorization() -> $crate::Authorization
                    = |core, user| core.current_authorization(user.bearer()));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// The user's role connection for this application (scope `role_connections.write`).
                fetch_role_connection() -> $crate::RoleConnection
                    = |core, user| core.role_connection(user.bearer()));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// Sets the user's role connection (platform name, username,
                /// metadata); metadata Discord would refuse is refused before sending.
                update_role_connection(update: $crate::RoleConnectionUpdate) -> $crate::RoleConnection
                    = |core, user| core.update_role_connection(user.bearer(), update));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// Removes the user's role connection for this application.
                delete_role_connection() -> () = |core, user| core.delete_role_connection(user.bearer()));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// Revokes the session's whole authorization (see [`Client::revoke_token`]).
                revoke() -> () = |core, user| core.revoke_authorization(user.token()));
        }
    };
}

/// The methods of a runtime's `Error` that read the core's error: `core`,
/// `kind`, `status`, `retry_after`, `is_token_dead`, and `From<InvalidInput>`.
/// The runtime's enum has a `Core(disco_oauth2::Error)` variant and a
/// private `fn shell_kind(&self) -> ErrorKind` for its own variants.
#[doc(hidden)]
#[macro_export]
macro_rules! __runtime_error_methods {
    () => {
        impl Error {
            /// The core's error, when Discord answered (or the input was refused).
            pub fn core(&self) -> Option<&$crate::Error> {
                match self {
                    Error::Core(e) => Some(e),
                    _ => None,
                }
            }

            /// What class of failure this is (see [`ErrorKind`]).
            pub fn kind(&self) -> $crate::error::ErrorKind {
                self.core()
                    .map_or_else(|| self.shell_kind(), $crate::Error::kind)
            }

            /// The HTTP status of Discord's answer, if there was one.
            pub fn status(&self) -> Option<::http::StatusCode> {
                self.core().and_then($crate::Error::status)
            }

            /// How long Discord (or the client's own limiter) asked to wait, for a 429.
            pub fn retry_after(&self) -> Option<::std::time::Duration> {
                self.core().and_then($crate::Error::retry_after)
            }

            /// The rate limit hit, when the error is a 429.
            pub fn rate_limited(&self) -> Option<&$crate::RateLimited> {
                match self.core() {
                    Some($crate::Error::RateLimited(r)) => Some(r),
                    _ => None,
                }
            }

            /// Whether the token used is dead (401, or `invalid_grant`): authorize again.
            pub fn is_token_dead(&self) -> bool {
                self.core().is_some_and($crate::Error::is_token_dead)
            }
        }

        impl From<$crate::InvalidInput> for Error {
            fn from(value: $crate::InvalidInput) -> Self {
                Error::Core(value.into())
            }
        }
    };
}

/// The core's types a runtime re-exports at its root.
#[doc(hidden)]
#[macro_export]
macro_rules! __runtime_reexports {
    () => {
        /// The sans-IO core this runtime runs, for everything not re-exported here.
        pub use $crate as disco_oauth2;
        pub use $crate::authorize::{AuthorizationCallback, PkceChallenge};
        pub use $crate::error::ErrorKind;
        pub use $crate::model::{
            AccessToken, ApplicationId, Authorization, Connection, Guild, GuildId, Member,
            Permissions, RoleConnection, RoleConnectionUpdate, RoleId, Scope, Scopes, User, UserId,
        };
        pub use $crate::{
            AddedMember, ApiError, AuthorizationCode, BearerToken, BotToken, ClientAuth,
            ClientSecret, CsrfState, JsonErrorCode, OAuth2Error, OAuth2ErrorCode, Operation,
            PkceVerifier, RateLimitScope, RateLimited, RefreshToken, api, authorize, login, model,
            sealing,
        };
    };
}

/// Logs a driver's wait: a warning for a 429 wait of a second or more,
/// debug otherwise. Expands to `tracing` calls in the runtime.
#[doc(hidden)]
#[macro_export]
macro_rules! __log_wait {
    ($wait:expr, $left:expr) => {{
        let (wait, left): (&$crate::driver::Wait, ::std::time::Duration) = ($wait, $left);
        let wait_ms = left.as_millis() as u64;
        if matches!(wait.reason, $crate::driver::WaitReason::RateLimited { .. })
            && left >= ::std::time::Duration::from_secs(1)
        {
            ::tracing::warn!(operation = wait.operation, reason = ?wait.reason, wait_ms, "rate limited by Discord; waiting before retrying {}", wait.operation);
        } else {
            ::tracing::debug!(operation = wait.operation, reason = ?wait.reason, wait_ms, "waiting before sending {}", wait.operation);
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_bounded() {
        assert!(__check_timeout("timeout", Duration::ZERO).is_err());
        assert!(__check_timeout("timeout", Duration::MAX).is_err());
        assert!(__check_timeout("timeout", Duration::from_secs(u64::MAX)).is_err());
        assert_eq!(__check_timeout("timeout", __MAX_TIMEOUT), Ok(__MAX_TIMEOUT));
    }
}
