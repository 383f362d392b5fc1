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
    /// A source whose text its error already shows (as `io: refused` shows
    /// `refused`) is not repeated.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut shown = self.0.to_string();
        f.write_str(&shown)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            let text = error.to_string();
            if !shown.contains(&text) {
                write!(f, ": {text}")?;
            }
            shown = text;
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
            /// The client secret, for a confidential client (a server); a
            /// public client has none (see [`public_client`](Self::public_client)).
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

        /// Makes this a public client: no secret, `client_id` in the form,
        /// PKCE (see the core's `ClientBuilder::public_client`).
        pub fn public_client(mut self) -> Self {
            self.core = self.core.public_client();
            self
        }

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
    ({$($async:tt)?} {$($await:tt)*} $(#[$doc:meta])* @example($($example:tt)*) $($rest:tt)*) => {
        $crate::__api_fn!({$($async)?} {$($await)*} $(#[$doc])*
            #[doc = ""]
            #[doc = $crate::__doc_example!({$($await)*} $($example)*)]
            $($rest)*);
    };
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
            @example("# let key = sealing::SealingKey::generate()?;" "# let (cookie, query): (String, authorize::CallbackQuery) = todo!();" "// `cookie`: the login cookie's value; `query`: the callback's query string." await "let token = client.finish_login(&key, &cookie, &query)" "println!(\"logged in until {}\", token.expires_at);")
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
            @example(await "let token = client.exchange_code(\"NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee\")" "println!(\"scopes: {}\", token.scopes);")
            exchange_code(code: impl Into<$crate::AuthorizationCode>) -> $crate::AccessToken
                = |core| core.exchange_code(code));
        $crate::__api_fn!($sync $await
            /// Trades the `code` for a token, proving possession of the PKCE
            /// verifier whose challenge went into the authorization URL.
            ///
            /// # Security
            /// The request body holds the code and the verifier; see the
            /// [Security section](crate#security) of the crate on redirects.
            @example("let (challenge, verifier) = PkceChallenge::generate()?;" "let url = client.authorize_url().pkce_challenge(&challenge).build()?;" "// … the user consents; Discord redirects back with a code …" await "let token = client.exchange_code_with_pkce(\"NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee\", verifier)")
            exchange_code_with_pkce(code: impl Into<$crate::AuthorizationCode>, verifier: $crate::PkceVerifier)
                -> $crate::AccessToken = |core| core.exchange_code(code).pkce_verifier(verifier));
        $crate::__api_fn!($sync $await
            /// Trades a refresh token for a new token. Discord rotates refresh
            /// tokens: store the new one (a dead one is `invalid_grant`).
            ///
            /// # Security
            /// The request body holds the refresh token; see the
            /// [Security section](crate#security) of the crate on redirects.
            @example("let refresh = token.refresh_token.as_ref().ok_or(\"no refresh token\")?;" await "let fresh = client.refresh_token(refresh)" "// Store `fresh`: the old refresh token is dead now.")
            refresh_token(refresh_token: &$crate::RefreshToken) -> $crate::AccessToken
                = |core| core.refresh_token(refresh_token));
        $crate::__api_fn!($sync $await
            /// A client-credentials token for the application's owner, with
            /// these scopes (refused before sending without a secret or scopes).
            ///
            /// # Security
            /// The request carries the client secret; see the
            /// [Security section](crate#security) of the crate on redirects.
            @example(await "let token = client.client_credentials([Scope::Identify, Scope::ApplicationsCommandsUpdate])")
            client_credentials(scopes: impl IntoIterator<Item = impl Into<$crate::Scope>>) -> $crate::AccessToken
                = |core| core.client_credentials().scopes(scopes));
        $crate::__api_fn!($sync $await
            /// Revokes a token's whole authorization: by its refresh token when
            /// it has one, else by its access token, which is why it takes the
            /// whole [`AccessToken`](crate::AccessToken). Revoking a dead token succeeds.
            ///
            /// # Security
            /// The request body holds the token; see the
            /// [Security section](crate#security) of the crate on redirects.
            @example(await "client.revoke_token(&token)" "// the user is logged out")
            revoke_token(token: &$crate::AccessToken) -> ()
                = |core| core.revoke_authorization(token));
        $crate::__api_fn!($sync $await
            /// The user a bearer token belongs to (`GET /users/@me`). It takes
            /// only the bearer half of a token: that is all the call sends.
            @example(await "let me = client.fetch_user(token.bearer())" "println!(\"{me} ({})\", me.id);")
            fetch_user(token: &$crate::BearerToken) -> $crate::User
                = |core| core.current_user(token));
        $crate::__api_fn!($sync $await
            /// What a token is allowed to do, and until when (`GET /oauth2/@me`).
            @example(await "let authorization = client.fetch_authorization(token.bearer())" "println!(\"valid until {}\", authorization.expires);")
            fetch_authorization(token: &$crate::BearerToken) -> $crate::Authorization
                = |core| core.current_authorization(token));
        $crate::__api_fn!($sync $await
            /// The application whose bot token this is (`GET /oauth2/applications/@me`).
            @example(await "let application = client.fetch_application(&bot_token)" "println!(\"{}\", application.name);")
            fetch_application(bot_token: &$crate::BotToken) -> $crate::Application
                = |core| core.current_application(bot_token));

        $crate::__oidc_api!($sync $await);
    };
}

/// The head and tail of a runtime method's doc example, one text for both
/// runtimes: lines after `await` get the runtime's `.await` (if any) and `?`.
/// The example runs in a hidden `async fn` (a blocking call compiles there
/// too) given a `client: Client`.
#[doc(hidden)]
#[macro_export]
macro_rules! __doc_example {
    (@lines {$($await:tt)*} [$($out:expr),*]) => {
        concat!($($out,)* "# Ok(())\n# }\n```")
    };
    (@lines {$($await:tt)*} [$($out:expr),*] await $line:literal $($rest:tt)*) => {
        $crate::__doc_example!(@lines {$($await)*} [$($out,)* $line, stringify!($($await)*), "?;\n"] $($rest)*)
    };
    (@lines {$($await:tt)*} [$($out:expr),*] $line:literal $($rest:tt)*) => {
        $crate::__doc_example!(@lines {$($await)*} [$($out,)* $line, "\n"] $($rest)*)
    };
    ({$($await:tt)*} $($rest:tt)*) => {
        $crate::__doc_example!(@lines {$($await)*} [
            "# Examples\n\n```no_run\n# use ", env!("CARGO_CRATE_NAME"), "::*;\n",
            "# async fn example(client: Client) -> Result<(), Box<dyn std::error::Error>> {\n",
            "# let (token, bot_token): (AccessToken, BotToken) = (todo!(), BotToken::new(\"…\"));\n"
        ] $($rest)*)
    };
}

/// `$text`, for the runtime that has `$token` (`async`): a sentence only its docs say.
#[doc(hidden)]
#[macro_export]
macro_rules! __doc_if {
    ($token:tt $text:literal) => {
        $text
    };
}

/// Locks a client's key-set cache (a panic elsewhere leaves it usable: it
/// holds no invariant a half-done step could break).
#[doc(hidden)]
pub fn __lock_jwks(
    cache: &std::sync::Mutex<crate::oidc::JwksCache>,
) -> std::sync::MutexGuard<'_, crate::oidc::JwksCache> {
    cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A runtime `Client`'s device login, OpenID Connect and role-connection
/// metadata calls. Expects a `jwks_cache(&self) -> &Mutex<JwksCache>` and `now()`.
#[doc(hidden)]
#[macro_export]
macro_rules! __oidc_api {
    ({$($async:tt)?} {$($await:tt)*}) => {
        $crate::__api_fn!({$($async)?} {$($await)*}
            /// Starts a device-code login (RFC 8628) for these scopes: the
            /// `user_code` to show the user, the `verification_uri` where they
            /// enter it (`verification_uri_complete` has the code in it, for a
            /// QR code), and the device code
            /// [`wait_for_device_login`](Self::wait_for_device_login) polls with.
            /// Devices without a browser are usually public clients
            /// ([`ClientBuilder::public_client`]).
            ///
            #[doc = $crate::__doc_example!({$($await)*}
                await "let login = client.start_device_login([Scope::Identify])"
                "println!(\"Open {} and enter {}\", login.verification_uri, login.user_code);"
                await "let token = client.wait_for_device_login(&login)"
                "# let _ = token;")]
            start_device_login(scopes: impl IntoIterator<Item = impl Into<$crate::Scope>>)
                -> $crate::model::DeviceAuthorization = |core| core.device_authorization().scopes(scopes));

        /// Waits until the user approves (or denies) a device login, polling
        /// the token endpoint at the interval Discord asked for (5 s longer
        /// after each `slow_down`), and returns the token. A device code
        /// past its `expires_in` is not polled again.
        $(#[doc = $crate::__doc_if!($async "Dropping the future cancels the login: no poll is sent after that.")])?
        ///
        #[doc = $crate::__doc_example!({$($await)*}
            await "let login = client.start_device_login([Scope::Identify])"
            await "let token = client.wait_for_device_login(&login)"
            await "let user = client.fetch_user(token.bearer())"
            "println!(\"signed in as {}\", user.username);")]
        ///
        /// # Errors
        /// [`disco_oauth2::Error::DeviceCodeExpired`] when the code expired
        /// first, [`disco_oauth2::Error::OAuth2`] with `access_denied` when
        /// the user denied it; otherwise as [`Client::run`].
        pub $($async)? fn wait_for_device_login(
            &self,
            login: &$crate::model::DeviceAuthorization,
        ) -> ::std::result::Result<$crate::AccessToken, Error> {
            self.drive($crate::driver::DeviceLogin::new(self.core(), login)) $($await)*
        }

        $crate::__api_fn!({$($async)?} {$($await)*}
            /// Discord's OpenID Connect discovery document
            /// (`/.well-known/openid-configuration` at the API base's origin).
            ///
            #[doc = $crate::__doc_example!({$($await)*}
                await "let discovery = client.discovery_document()"
                "println!(\"keys at {}\", discovery.jwks_uri);")]
            discovery_document() -> $crate::oidc::DiscoveryDocument = |core| core.discovery_document());
        $crate::__api_fn!({$($async)?} {$($await)*}
            /// Discord's ID-token signing keys (the JWKS). Fetched for you by
            /// [`verify_id_token`](Self::verify_id_token), which caches them.
            ///
            #[doc = $crate::__doc_example!({$($await)*}
                await "let jwks = client.fetch_jwks()"
                "println!(\"{} keys\", jwks.keys().len());")]
            fetch_jwks() -> $crate::oidc::Jwks = |core| core.fetch_jwks());

        /// Verifies an ID token (from a grant with the `openid` scope) and
        /// returns its claims: RS256 signature by a key of Discord's key set,
        /// `iss`, `aud` = this client, `exp`/`iat` by this machine's clock
        /// (60 s leeway), and the `nonce` when the authorization URL sent one
        /// (see [`IdTokenVerifier`](disco_oauth2::oidc::IdTokenVerifier)).
        ///
        /// The key set is kept in the client's [`JwksCache`](disco_oauth2::oidc::JwksCache)
        /// ([`jwks_cache`](Self::jwks_cache)): fetched when empty or stale, and
        /// once more when a token names an unknown key, never more than once
        /// per interval (a forged key id cannot make it fetch in a loop). The
        /// cache is not locked while the key set is fetched.
        ///
        #[doc = $crate::__doc_example!({$($await)*}
            "# let (code, nonce): (String, disco_oauth2::Nonce) = todo!();"
            await "let token = client.exchange_code(code)"
            "let id_token = token.id_token.as_ref().expect(\"granted with openid\");"
            await "let claims = client.verify_id_token(id_token, Some(&nonce))"
            "println!(\"signed in as {}\", claims.sub);")]
        ///
        /// # Errors
        /// [`disco_oauth2::Error::IdToken`] naming the check that failed;
        /// otherwise as [`Client::run`] (for the key set's fetch).
        pub $($async)? fn verify_id_token(
            &self,
            id_token: &$crate::IdToken,
            nonce: Option<&$crate::Nonce>,
        ) -> ::std::result::Result<$crate::model::IdTokenClaims, Error> {
            let mut verifier = $crate::oidc::IdTokenVerifier::new(self.core().client_id());
            if let Some(nonce) = nonce {
                verifier = verifier.nonce(nonce.clone());
            }
            let mut fetched = false;
            loop {
                // The lock is taken for one step and released before any IO.
                let step = $crate::api_table::__lock_jwks(self.jwks_cache()).verify(&verifier, id_token, now());
                match step.map_err($crate::Error::IdToken)? {
                    $crate::oidc::Verification::Verified(claims) => return Ok(*claims),
                    $crate::oidc::Verification::FetchKeys if !fetched => {
                        fetched = true;
                        let keys = self.run(self.core().fetch_jwks()) $($await)* ?;
                        $crate::api_table::__lock_jwks(self.jwks_cache()).insert(keys, ::std::time::Instant::now());
                    }
                    $crate::oidc::Verification::FetchKeys => {
                        let cache = $crate::api_table::__lock_jwks(self.jwks_cache());
                        return Ok(cache.verify_cached(&verifier, id_token, now()).map_err($crate::Error::IdToken)?);
                    }
                }
            }
        }

        $crate::__api_fn!({$($async)?} {$($await)*}
            /// The application's role-connection metadata records (bot token),
            /// `GET /applications/{application.id}/role-connections/metadata`.
            ///
            #[doc = $crate::__doc_example!({$($await)*}
                "let bot = disco_oauth2::BotToken::new(\"…\");"
                await "let records = client.fetch_role_connection_metadata(&bot)"
                "println!(\"{} records\", records.len());")]
            fetch_role_connection_metadata(bot_token: &$crate::BotToken)
                -> Vec<$crate::model::RoleConnectionMetadata> = |core| core.role_connection_metadata(bot_token));
        $crate::__api_fn!({$($async)?} {$($await)*}
            /// Replaces the application's role-connection metadata records
            /// (bot token) and returns them as Discord stored them. Records
            /// Discord would refuse (more than 5, a bad key, names or
            /// descriptions too long) are refused before sending.
            ///
            #[doc = $crate::__doc_example!({$($await)*}
                "use disco_oauth2::model::{RoleConnectionMetadata, RoleConnectionMetadataType};"
                "let bot = disco_oauth2::BotToken::new(\"…\");"
                "let level = RoleConnectionMetadata::new(RoleConnectionMetadataType::IntegerGreaterThanOrEqual, \"level\", \"Level\", \"The level reached\");"
                await "let stored = client.replace_role_connection_metadata(&bot, vec![level])"
                "# let _ = stored;")]
            replace_role_connection_metadata(bot_token: &$crate::BotToken, records: Vec<$crate::model::RoleConnectionMetadata>)
                -> Vec<$crate::model::RoleConnectionMetadata> = |core| core.replace_role_connection_metadata(bot_token, records));
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
            #[doc = $crate::__doc_example!({$($await)*} "let mut user = client.user(token);" await "let me = user.fetch_user()" "assert_eq!(user.user_id(), Some(me.id));")]
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
            #[doc = $crate::__doc_example!({$($await)*} "let user = client.user(token);" "// The 50 guilds after one, with member counts." await "let page = user.fetch_guilds_page(|op| op.after(GuildId::new(81384788765712384)).limit(50).with_counts(true))")]
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
            #[doc = $crate::__doc_example!({$($await)*} "let user = client.user(token);" await "let guilds = user.fetch_all_guilds()" "println!(\"in {} guilds\", guilds.len());")]
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
            #[doc = $crate::__doc_example!({$($await)*} "let mut user = client.user(token);" await "let added = user.add_to_guild(&bot_token, GuildId::new(81384788765712384), |op| op.nick(\"Nelly\"))" "println!(\"newly added: {}\", added.member().is_some());")]
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
            #[doc = $crate::__doc_example!({$($await)*} "let mut user = client.user(token);" await "let fresh = user.refresh()" "// Store `fresh`: the old refresh token is dead now.")]
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

            /// Refreshes the token when `policy` finds it due at this
            /// instant (`Utc::now()`): within the margin of its expiry with a
            /// refresh token, or — with
            /// [`client_credentials`](disco_oauth2::token_store::RefreshPolicy::client_credentials)
            /// on — a token without one, renewed by asking again. Returns the
            /// new token when there is one: store it.
            ///
            #[doc = $crate::__doc_example!({$($await)*} "use disco_oauth2::token_store::RefreshPolicy;" "let mut user = client.user(token);" await "let due = user.refresh_if_due(&RefreshPolicy::default())" " if let Some(fresh) = due {" "    // Store `fresh`: the old refresh token is dead now." "}")]
            ///
            /// # Errors
            /// As [`Client::run`]; [`Error::Session`] with
            /// [`SessionError::Expired`](disco_oauth2::token_store::SessionError::Expired)
            /// for an expired token nothing can renew.
            pub $($async)? fn refresh_if_due(
                &mut self,
                policy: &$crate::token_store::RefreshPolicy,
            ) -> Result<Option<&$crate::AccessToken>, Error> {
                use $crate::token_store::Freshness;
                match policy.freshness(self.user.token(), ::chrono::Utc::now()) {
                    Freshness::Fresh => Ok(None),
                    Freshness::Refresh => self.refresh() $($await)* .map(Some),
                    Freshness::Renew => {
                        let op = self.client.core().client_credentials().scopes(self.user.token().scopes.clone());
                        let token = self.client.run(op) $($await)* ?;
                        Ok(Some(self.user.record_refreshed(token)))
                    }
                    Freshness::Expired => Err(Error::Session($crate::token_store::SessionError::Expired)),
                }
            }

            /// Runs the operation `make` builds from the session's bearer
            /// token, refreshing the token first when due (see
            /// [`refresh_if_due`](Self::refresh_if_due)) and, when the call
            /// answers 401 while a refresh token is held, once more after a
            /// refresh. `on_refresh` is handed every new token, before the
            /// call is made with it: persist it there (Discord rotates the
            /// refresh token).
            ///
            /// For tokens shared by several requests or processes, use a
            /// [`StoredSession`](crate::StoredSession), which refreshes one at a time.
            ///
            #[doc = $crate::__doc_example!({$($await)*} "use disco_oauth2::token_store::RefreshPolicy;" "let mut user = client.user(token);" await "let me = user.run_fresh(&RefreshPolicy::default(), |fresh| { /* store `fresh` */ }, |core, bearer| core.current_user(bearer))")]
            ///
            /// # Errors
            /// As [`refresh_if_due`](Self::refresh_if_due) and [`Client::run`].
            pub $($async)? fn run_fresh<O>(
                &mut self,
                policy: &$crate::token_store::RefreshPolicy,
                mut on_refresh: impl FnMut(&$crate::AccessToken) + Send,
                make: impl Fn(&$crate::Client, &$crate::BearerToken) -> O + Send + Sync,
            ) -> Result<O::Output, Error>
            where
                O: $crate::Operation + Send,
                O::Context: Send,
                O::Output: Send,
            {
                if let Some(token) = self.refresh_if_due(policy) $($await)* ? {
                    on_refresh(token);
                }
                let op = make(self.client.core(), self.user.bearer());
                match self.client.run(op) $($await)* {
                    Err(Error::Core($crate::Error::Unauthorized { .. })) if self.user.token().refresh_token.is_some() => {
                        ::tracing::info!("the call answered 401: refreshing the token once and sending it again");
                        on_refresh(self.refresh() $($await)* ?);
                        let op = make(self.client.core(), self.user.bearer());
                        self.client.run(op) $($await)*
                    }
                    result => result,
                }
            }

            $crate::__api_fn!({$($async)?} {$($await)*}
                /// The first page of the user's guilds: up to 200 (scope `guilds`).
                @example("let user = client.user(token);" await "let guilds = user.fetch_guilds()" "for guild in &guilds {" "    println!(\"{guild}\");" "}")
                fetch_guilds() -> Vec<$crate::Guild> = |core, user| core.current_user_guilds(user.bearer()));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// The user's linked accounts (scope `connections`).
                @example("let user = client.user(token);" await "let connections = user.fetch_connections()" "for connection in &connections {" "    println!(\"{connection}\");" "}")
                fetch_connections() -> Vec<$crate::Connection>
                    = |core, user| core.current_user_connections(user.bearer()));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// The user's member object in `guild_id` (scope
                /// `guilds.members.read`); not being a member is Discord's 10004.
                @example("let user = client.user(token);" await "let member = user.fetch_member(GuildId::new(81384788765712384))" "println!(\"{member}\");")
                fetch_member(guild_id: $crate::GuildId) -> $crate::Member
                    = |core, user| core.current_user_guild_member(user.bearer(), guild_id));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// What the token is allowed to do, and until when (`GET /oauth2/@me`).
                fetch_authorization() -> $crate::Authorization
                    = |core, user| core.current_authorization(user.bearer()));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// The user's role connection for this application (scope `role_connections.write`).
                @example("let user = client.user(token);" await "let connection = user.fetch_role_connection()" "println!(\"{:?}\", connection.platform_name);")
                fetch_role_connection() -> $crate::RoleConnection
                    = |core, user| core.role_connection(user.bearer()));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// Sets the user's role connection (platform name, username,
                /// metadata); metadata Discord would refuse is refused before sending.
                @example("let user = client.user(token);" "let update = RoleConnectionUpdate::new().platform_name(\"Example Game\").metadata_integer(\"level\", 42);" await "let connection = user.update_role_connection(update)")
                update_role_connection(update: $crate::RoleConnectionUpdate) -> $crate::RoleConnection
                    = |core, user| core.update_role_connection(user.bearer(), update));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// Removes the user's role connection for this application.
                @example("let user = client.user(token);" await "user.delete_role_connection()")
                delete_role_connection() -> () = |core, user| core.delete_role_connection(user.bearer()));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// The OpenID Connect claims about the user (`GET /oauth2/userinfo`,
                /// scope `openid`; `email` adds the email claims).
                ///
                #[doc = $crate::__doc_example!({$($await)*}
                    "# let token: disco_oauth2::AccessToken = todo!();"
                    "let session = client.user(token);"
                    await "let info = session.fetch_userinfo()"
                    "println!(\"user {}\", info.sub);")]
                fetch_userinfo() -> $crate::oidc::UserInfo = |core, user| core.userinfo(user.bearer()));
            $crate::__api_fn!({$($async)?} {$($await)*}
                /// Revokes the session's whole authorization (see [`Client::revoke_token`]).
                @example("let user = client.user(token);" await "user.revoke()" "// the user is logged out")
                revoke() -> () = |core, user| core.revoke_authorization(user.token()));
        }
    };
}

/// A runtime's one `Error` enum: the variants every runtime has (the core's
/// error, a stored session's, the transport's failure, its timeout, a body
/// over the limit), the runtime's own extra variants, and `shell_kind`.
///
/// `$client` names the HTTP client in the docs, `$source` is its error type;
/// the extra variants follow in braces, then what each extra variant's
/// [`ErrorKind`](crate::error::ErrorKind) is.
#[doc(hidden)]
#[macro_export]
macro_rules! __runtime_error {
    ($client:literal, $source:ty, { $($extra:tt)* } { $($extra_pat:pat => $extra_kind:ident),* }) => {
        #[doc = concat!("What can go wrong calling Discord over ", $client, " — the one error type")]
        /// every method of this crate returns, invalid input included.
        ///
        /// Ask [`kind`](Self::kind) what happened (see
        /// [`ErrorKind`](crate::ErrorKind) for an axum handler mapping it
        /// to HTTP answers). Every response Discord sent, and
        /// every input refused before sending, is [`Error::Core`]; the other
        /// variants are failures to get a whole response. Neither `Display` nor
        /// `Debug` contains a secret, nor the URL.
        #[derive(Debug, thiserror::Error)]
        #[non_exhaustive]
        pub enum Error {
            /// Discord answered and the core classified the answer (OAuth2 error,
            /// API error, 401, 429, unexpected status, undecodable body), or the
            /// input was refused before any request was made.
            #[error(transparent)]
            Core(#[from] $crate::Error),
            /// A stored session's token store failed, holds no usable token, or
            /// holds a token that expired with nothing to renew it (Discord's own
            /// answers, `invalid_grant` included, are [`Error::Core`]).
            #[error(transparent)]
            Session($crate::token_store::SessionError),
            /// No response: the connection could not be made, TLS failed, the
            /// connection broke, or the response was not HTTP.
            #[error("{operation}: could not talk to Discord: {}", $crate::api_table::__Chain(source))]
            Transport {
                /// The operation that was being sent.
                operation: &'static str,
                #[doc = concat!("What ", $client, " reported.")]
                #[source]
                source: $source,
            },
            /// The connect timeout or the request timeout passed before the whole
            /// response was read.
            #[error("{operation}: Discord did not answer in time ({})", $crate::api_table::__Chain(source))]
            Timeout {
                /// The operation that was being sent.
                operation: &'static str,
                #[doc = concat!("What ", $client, " reported.")]
                #[source]
                source: $source,
            },
            /// The response body is larger than the client's `max_body_size`; it
            /// was not read past the limit.
            #[error("{operation}: the response body is larger than the {limit}-byte limit")]
            BodyTooLarge {
                /// The operation that was being sent.
                operation: &'static str,
                /// The limit, in bytes.
                limit: u64,
            },
            $($extra)*
        }

        impl Error {
            fn shell_kind(&self) -> $crate::error::ErrorKind {
                match self {
                    Error::Timeout { .. } => $crate::error::ErrorKind::Timeout,
                    Error::Transport { .. } => $crate::error::ErrorKind::Transport,
                    $($extra_pat => $crate::error::ErrorKind::$extra_kind,)*
                    _ => $crate::error::ErrorKind::Other,
                }
            }
        }

        $crate::__runtime_error_methods!();
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

            /// What class of failure this is (see [`ErrorKind`](crate::ErrorKind)).
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

/// A runtime's `TokenStore` trait: blocking (`{} {}`) or async
/// (`{async} {.await}`, its future `Send`).
#[doc(hidden)]
#[macro_export]
macro_rules! __store_trait {
    (@doc $($item:item)*) => {
        $(
        /// Where a [`StoredSession`](crate::StoredSession) keeps its token: carries out each
        /// [`StoreCommand`](disco_oauth2::token_store::StoreCommand) atomically,
        /// with the meaning the core gives it
        /// ([`disco_oauth2::token_store::MemoryStore`] is the reference).
        ///
        /// [`MemoryStore`] is the embedded default; `RedisStore` (feature `redis`,
        /// see the [crate docs](crate#token-stores)) shares tokens and refresh leases between processes.
        /// Implement it for your own database with a compare-and-swap on the
        /// version and a lease with a time-to-live.
        $item
        )*
    };
    ({} {}) => {
        $crate::__store_trait!(@doc pub trait TokenStore: Send + Sync {
            /// Carries out `command`.
            ///
            /// # Errors
            /// [`StoreError::Unavailable`](disco_oauth2::token_store::StoreError::Unavailable)
            /// when the store cannot be reached, or another [`StoreError`](disco_oauth2::token_store::StoreError).
            fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> ::std::result::Result<$crate::token_store::StoreReply, $crate::token_store::StoreError>;

            $crate::__store_trait!(@wait);

            /// Waits, while another holder refreshes `key`'s token, until
            /// `until` — or, for a store that [wakes waiters](Self::wakes_waiters),
            /// until the key's record is no longer `version` or its lease is
            /// free. The default sleeps until `until`.
            fn wait(&self, key: &str, version: u64, until: ::std::time::Instant) {
                let _ = (key, version);
                sleep_until(until);
            }
        });
    };
    ({async} {.await}) => {
        $crate::__store_trait!(@doc pub trait TokenStore: Send + Sync {
            /// Carries out `command`.
            ///
            /// # Errors
            /// [`StoreError::Unavailable`](disco_oauth2::token_store::StoreError::Unavailable)
            /// when the store cannot be reached, or another [`StoreError`](disco_oauth2::token_store::StoreError).
            fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> impl ::std::future::Future<
                Output = ::std::result::Result<$crate::token_store::StoreReply, $crate::token_store::StoreError>,
            > + Send;

            $crate::__store_trait!(@wait);

            /// Waits, while another holder refreshes `key`'s token, until
            /// `until` — or, for a store that [wakes waiters](Self::wakes_waiters),
            /// until the key's record is no longer `version` or its lease is
            /// free. The default sleeps until `until`.
            fn wait(
                &self,
                key: &str,
                version: u64,
                until: ::std::time::Instant,
            ) -> impl ::std::future::Future<Output = ()> + Send {
                let _ = (key, version);
                sleep_until(until)
            }
        });
    };
    (@wait) => {
        /// Whether [`wait`](Self::wait) returns as soon as the key changes:
        /// then a session waiting for another holder's refresh waits on it
        /// up to the lease's end instead of re-reading the store with a
        /// backoff. `false` by default (a store shared with other processes
        /// cannot know when they write).
        fn wakes_waiters(&self) -> bool {
            false
        }
    };
}

/// The body of a Redis store's `execute`: the layout's script for the
/// command, invoked with `$invoke` (`invoke` or `invoke_async`) on `$conn`.
#[doc(hidden)]
#[macro_export]
macro_rules! __redis_execute {
    ($layout:expr, $command:expr, $conn:expr, $invoke:ident {$($await:tt)*}) => {{
        let (layout, command) = (&$layout, $command);
        let call = layout.call(&command);
        let script = ::redis::Script::new(call.script);
        let mut invocation = script.prepare_invoke();
        for key in &call.keys {
            invocation.key(key);
        }
        for arg in &call.args {
            invocation.arg(arg.as_slice());
        }
        let reply: ::redis::RedisResult<::std::vec::Vec<::std::option::Option<::std::vec::Vec<u8>>>> =
            invocation.$invoke($conn) $($await)*;
        match reply {
            Ok(reply) => layout.reply(&command, reply),
            Err(error) => Err($crate::api_table::__unavailable(error)),
        }
    }};
}

/// A runtime's `RedisStore` (expand under the runtime's `redis` feature):
/// blocking (`{}`, an r2d2 pool) or async (`{async}`, one multiplexed
/// connection, opened again after a failure). Expects `TokenStore` and
/// `Error` at the call site.
#[doc(hidden)]
#[macro_export]
macro_rules! __redis_store {
    (@doc $($item:item)*) => {
        $(
        /// A token store on Redis, shared by every instance of the application:
        /// each command is one atomic Lua script on the server (the lease a
        /// `SET NX PX` with a time-to-live, the write a compare-and-swap on the
        /// version), under the keys of a
        /// [`RedisLayout`](disco_oauth2::token_store::RedisLayout). Pair it with a
        /// `SealingKey` codec (`disco_oauth2::sealing`), so that Redis, its
        /// dumps and its `MONITOR` output hold no usable token.
        ///
        /// While Redis is down every call fails with [`Error::Session`]
        /// (`StoreError::Unavailable`) and nothing is written; a refresh
        /// lease held when Redis went away ends by its time-to-live. Once
        /// Redis is back the store reconnects by itself. Sessions waiting for
        /// another instance's refresh re-read Redis with a bounded backoff
        /// (see `disco_oauth2::token_store`, "Waiting for another holder's
        /// refresh", for why not keyspace notifications).
        $item
        )*
    };
    ({}) => {
        $crate::__redis_store!(@doc pub struct RedisStore {
            pool: ::r2d2::Pool<::redis::Client>,
            layout: $crate::token_store::RedisLayout,
        });

        impl RedisStore {
            /// A store on the Redis at `url` (`redis://host:6379`,
            /// `unix:///run/redis.sock`) under `layout`'s keys, through a pool
            /// of up to 10 connections opened in the background (and again
            /// after a failure: each is checked as it is taken); a command
            /// waits at most 5 s for one, then fails with
            /// `StoreError::Unavailable`.
            ///
            /// # Errors
            /// [`Error::Session`] for a URL the `redis` crate refuses.
            pub fn open(url: &str, layout: $crate::token_store::RedisLayout) -> Result<Self, Error> {
                let client = ::redis::Client::open(url).map_err($crate::api_table::__unavailable)?;
                let pool = ::r2d2::Pool::builder().connection_timeout(::std::time::Duration::from_secs(5));
                Ok(Self { pool: pool.build_unchecked(client), layout })
            }
        }

        impl TokenStore for RedisStore {
            fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> Result<$crate::token_store::StoreReply, $crate::token_store::StoreError> {
                let connection = &mut *self.pool.get().map_err($crate::api_table::__unavailable)?;
                // A failed connection is found broken at its next check-out
                // (r2d2 tests each one) and replaced.
                $crate::__redis_execute!(self.layout, command, connection, invoke {})
            }
        }

        $crate::__redis_store_debug!(RedisStore);
    };
    ({async}) => {
        $crate::__redis_store!(@doc #[derive(Clone)] pub struct RedisStore {
            client: ::redis::Client,
            connection: ::std::sync::Arc<::std::sync::Mutex<Option<::redis::aio::MultiplexedConnection>>>,
            layout: $crate::token_store::RedisLayout,
        });

        impl RedisStore {
            /// Connects to the Redis at `url` (`redis://host:6379`,
            /// `unix:///run/redis.sock`), with `layout`'s keys: one multiplexed
            /// connection that every task (and every clone) shares.
            ///
            /// A command fails (`StoreError::Unavailable`) within 3 s when
            /// Redis is unreachable (1 s to connect, 2 s to answer); the
            /// connection it failed on is dropped, and the next command
            /// connects again, so the first command once Redis is back
            /// succeeds.
            ///
            /// # Errors
            /// [`Error::Session`] when the URL is refused or Redis cannot be reached.
            pub async fn connect(url: &str, layout: $crate::token_store::RedisLayout) -> Result<Self, Error> {
                let client = ::redis::Client::open(url).map_err($crate::api_table::__unavailable)?;
                let store = Self { client, connection: ::std::default::Default::default(), layout };
                store.connection().await?;
                Ok(store)
            }

            fn cached(&self) -> ::std::sync::MutexGuard<'_, Option<::redis::aio::MultiplexedConnection>> {
                self.connection.lock().unwrap_or_else(::std::sync::PoisonError::into_inner)
            }

            /// The shared connection, opened now if there is none.
            async fn connection(&self) -> Result<::redis::aio::MultiplexedConnection, $crate::token_store::StoreError> {
                let cached = self.cached().clone();
                if let Some(connection) = cached {
                    return Ok(connection);
                }
                let config = ::redis::AsyncConnectionConfig::new()
                    .set_connection_timeout(Some(::std::time::Duration::from_secs(1)))
                    .set_response_timeout(Some(::std::time::Duration::from_secs(2)));
                let opened = self.client.get_multiplexed_async_connection_with_config(&config).await;
                let connection = opened.map_err($crate::api_table::__unavailable)?;
                *self.cached() = Some(connection.clone());
                Ok(connection)
            }
        }

        impl TokenStore for RedisStore {
            async fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> Result<$crate::token_store::StoreReply, $crate::token_store::StoreError> {
                let connection = &mut self.connection().await?;
                let reply = $crate::__redis_execute!(self.layout, command, connection, invoke_async {.await});
                if let Err($crate::token_store::StoreError::Unavailable { .. }) = reply {
                    // Reconnect at the next command.
                    *self.cached() = None;
                }
                reply
            }
        }

        $crate::__redis_store_debug!(RedisStore);
    };
}

/// The loop of a runtime's `Client::drive`: polls `$driver`, sends with
/// `$client.send`, sleeps with `sleep_until`, returns its result.
#[doc(hidden)]
#[macro_export]
macro_rules! __drive_loop {
    ($client:ident, $driver:ident, {$($await:tt)*}) => {
        loop {
            let step = $driver.poll(now(), &mut $client.limiter());
            match step {
                $crate::driver::Step::Send(transmit) => {
                    let received = $client.send(transmit) $($await)* ?;
                    $driver.handle_response(received, now(), &mut $client.limiter());
                }
                $crate::driver::Step::Wait(wait) => {
                    let left = wait.until.saturating_duration_since(::std::time::Instant::now());
                    $crate::__log_wait!(&wait, left);
                    sleep_until(wait.until) $($await)*;
                }
                $crate::driver::Step::Done(result) => return result.map_err(Error::from),
            }
        }
    };
}

/// A Redis client's failure, as the store's.
#[doc(hidden)]
pub fn __unavailable(error: impl std::fmt::Display) -> crate::token_store::StoreError {
    crate::token_store::StoreError::Unavailable {
        reason: error.to_string(),
    }
}

/// `Debug` for a runtime's `RedisStore`: its layout only (the connection's
/// settings may hold Redis's password).
#[doc(hidden)]
#[macro_export]
macro_rules! __redis_store_debug {
    ($store:ident) => {
        impl ::std::fmt::Debug for $store {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($store))
                    .field("layout", &self.layout)
                    .finish_non_exhaustive()
            }
        }
    };
}

/// Logs what a stored session did (never a secret, nor the key).
#[doc(hidden)]
pub fn __log_session_events(events: Vec<crate::token_store::SessionEvent>) {
    use crate::token_store::SessionEvent;
    for event in events {
        match event {
            SessionEvent::Refreshed { version } | SessionEvent::Renewed { version } => {
                tracing::info!(?event, version, "token store: stored a refreshed token");
            }
            event => tracing::debug!(?event, "token store: session step"),
        }
    }
}

/// A runtime's `MemoryStore`: the core's, behind a mutex, waking waiting
/// sessions on each change with a `Condvar` (blocking, `{}`) or a
/// `tokio::sync::Notify` (async, `{async}`).
#[doc(hidden)]
#[macro_export]
macro_rules! __memory_store {
    (@doc $($item:item)*) => {
        $(
        /// The default token store: tokens in this process's memory, behind a
        /// mutex. Nothing to run; a refresh is shared by every session of the
        /// process on the same key: one refresh, and the others sleep until
        /// its token is written (or its lease released or over), then use it.
        $item
        )*
    };
    (@common $changed:ty, $notify:ident) => {
        $crate::__memory_store!(@doc #[derive(Debug, Default)] pub struct MemoryStore {
            state: ::std::sync::Mutex<$crate::token_store::MemoryStore>,
            changed: $changed,
        });

        impl MemoryStore {
            /// An empty store, ready to share between sessions.
            pub fn new() -> ::std::sync::Arc<Self> {
                ::std::sync::Arc::default()
            }

            fn state(&self) -> ::std::sync::MutexGuard<'_, $crate::token_store::MemoryStore> {
                self.state.lock().unwrap_or_else(::std::sync::PoisonError::into_inner)
            }

            fn carry_out(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> $crate::token_store::StoreReply {
                use $crate::token_store::StoreCommand::{Get, TryLease};
                let changes = !matches!(command, Get { .. } | TryLease { .. });
                let reply = self.state().execute(command, ::std::time::Instant::now());
                if changes {
                    self.changed.$notify();
                }
                reply
            }
        }
    };
    ({}) => {
        $crate::__memory_store!(@common ::std::sync::Condvar, notify_all);

        impl TokenStore for MemoryStore {
            fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> Result<$crate::token_store::StoreReply, $crate::token_store::StoreError> {
                Ok(self.carry_out(command))
            }

            fn wait(&self, key: &str, version: u64, until: ::std::time::Instant) {
                let left = until.saturating_duration_since(::std::time::Instant::now());
                let unchanged = |s: &mut $crate::token_store::MemoryStore| {
                    !s.changed_since(key, version, ::std::time::Instant::now())
                };
                let _ = self.changed.wait_timeout_while(self.state(), left, unchanged);
            }

            fn wakes_waiters(&self) -> bool {
                true
            }
        }
    };
    ({async}) => {
        $crate::__memory_store!(@common ::tokio::sync::Notify, notify_waiters);

        impl TokenStore for MemoryStore {
            async fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> Result<$crate::token_store::StoreReply, $crate::token_store::StoreError> {
                Ok(self.carry_out(command))
            }

            async fn wait(&self, key: &str, version: u64, until: ::std::time::Instant) {
                loop {
                    // Registered before the check, so no change between the
                    // two goes unnoticed.
                    let mut changed = ::std::pin::pin!(self.changed.notified());
                    changed.as_mut().enable();
                    let now = ::std::time::Instant::now();
                    if now >= until || self.state().changed_since(key, version, now) {
                        return;
                    }
                    if ::tokio::time::timeout_at(until.into(), changed).await.is_err() {
                        return;
                    }
                }
            }

            fn wakes_waiters(&self) -> bool {
                true
            }
        }
    };
}

/// A runtime's `MemoryStore`, `StoredSession` and `Client::stored_session`.
/// Expects at the call site: `TokenStore`, `Client`, `Error` (with a
/// `Session` variant), `now()` and `sleep_until(Instant)` (awaited in the
/// async arm).
#[doc(hidden)]
#[macro_export]
macro_rules! __stored_session {
    ({$($async:tt)?} {$($await:tt)*}) => {
        $crate::__memory_store!({$($async)?});

        impl From<$crate::token_store::StoreError> for Error {
            fn from(error: $crate::token_store::StoreError) -> Self {
                Error::Session(error.into())
            }
        }

        impl From<$crate::token_store::SessionError> for Error {
            fn from(error: $crate::token_store::SessionError) -> Self {
                match error {
                    $crate::token_store::SessionError::Discord(e) => Error::Core(e),
                    other => Error::Session(other),
                }
            }
        }

        impl Client {
            /// The session of the user whose token `store` keeps under `key`
            /// (a user id, your session id), encoded by `codec`
            /// ([`PlainJson`](disco_oauth2::token_store::PlainJson) in memory; a
            /// `SealingKey` for a store another process can read). No request
            /// is made.
            pub fn stored_session<S: TokenStore>(
                &self,
                key: impl Into<String>,
                store: ::std::sync::Arc<S>,
                codec: ::std::sync::Arc<dyn $crate::token_store::TokenCodec>,
            ) -> StoredSession<S> {
                let session = $crate::token_store::StoredSession::new(self.core().clone(), key, codec);
                StoredSession { client: self.clone(), store, session }
            }
        }

        /// A user's session whose token lives in a [`TokenStore`]: every call
        /// reads it there, refreshes it first when it expires within the
        /// policy's margin (one refresh at a time for every session sharing
        /// the store, in this process or others), and after a 401 refreshes
        /// once and sends the call again. Made by [`Client::stored_session`].
        ///
        /// Cheap to clone, and safe to share: the store holds the state.
        pub struct StoredSession<S> {
            client: Client,
            store: ::std::sync::Arc<S>,
            session: $crate::token_store::StoredSession,
        }

        impl<S> Clone for StoredSession<S> {
            fn clone(&self) -> Self {
                let (client, store) = (self.client.clone(), self.store.clone());
                Self { client, store, session: self.session.clone() }
            }
        }

        impl<S> ::std::fmt::Debug for StoredSession<S> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("StoredSession").field("session", &self.session).finish_non_exhaustive()
            }
        }

        impl<S: TokenStore> StoredSession<S> {
            /// The same session under another refresh policy (margin, lease
            /// time-to-live, waits).
            pub fn with_policy(mut self, policy: $crate::token_store::RefreshPolicy) -> Self {
                self.session = self.session.with_policy(policy);
                self
            }

            /// The application's key of the session.
            pub fn key(&self) -> &str {
                self.session.key()
            }

            /// The store the token lives in.
            pub fn store(&self) -> &::std::sync::Arc<S> {
                &self.store
            }

            /// The client the session's calls run on.
            pub fn client(&self) -> &Client {
                &self.client
            }

            /// Stores `token` (a new login, e.g. from
            /// [`Client::exchange_code`]) over whatever is there; returns its version.
            ///
            /// # Errors
            /// [`Error::Session`] when the store fails.
            pub $($async)? fn login(&self, token: &$crate::AccessToken) -> Result<u64, Error> {
                let command = self.session.save(token, ::chrono::Utc::now()).map_err(store_error)?;
                match self.store.execute(command) $($await)* .map_err(store_error)? {
                    $crate::token_store::StoreReply::Written { version } => Ok(version),
                    reply => Err(unexpected("put", reply)),
                }
            }

            /// Forgets the stored token (it is not revoked: see
            /// [`revoke`](Self::revoke)); whether there was one.
            ///
            /// # Errors
            /// [`Error::Session`] when the store fails.
            pub $($async)? fn logout(&self) -> Result<bool, Error> {
                match self.store.execute(self.session.forget()) $($await)* .map_err(store_error)? {
                    $crate::token_store::StoreReply::Deleted(deleted) => Ok(deleted),
                    reply => Err(unexpected("delete", reply)),
                }
            }

            /// The token as stored now (not refreshed), or `None` after logout.
            ///
            /// # Errors
            /// [`Error::Session`] when the store fails or holds a value that
            /// does not decode.
            pub $($async)? fn stored_token(&self) -> Result<Option<$crate::AccessToken>, Error> {
                let get = $crate::token_store::StoreCommand::Get { key: self.key().to_owned() };
                match self.store.execute(get) $($await)* .map_err(store_error)? {
                    $crate::token_store::StoreReply::Record(None) => Ok(None),
                    $crate::token_store::StoreReply::Record(Some(record)) => {
                        self.session.decode(&record.value).map(Some).map_err(store_error)
                    }
                    reply => Err(unexpected("get", reply)),
                }
            }

            /// Runs the driver `make` builds from the stored token, refreshing
            /// the token first when due, and once more after a 401 (then
            /// `make` is called again). Every call of the session runs here.
            /// A call stopped while it refreshes (an async call's future
            /// dropped, a crash) leaves the lease to end by its time-to-live.
            ///
            /// # Errors
            /// As [`Client::run`], plus [`Error::Session`] when the store
            /// fails or holds no usable token; a grant that is really gone is
            /// [`Error::Core`] with `invalid_grant`.
            pub $($async)? fn drive_with<D>(
                &self,
                make: impl Fn(&$crate::Client, &$crate::AccessToken) -> D + Send + Sync,
            ) -> Result<D::Output, Error>
            where
                D: $crate::driver::Driver + Send,
                D::Output: Send,
            {
                let holder = $crate::token_store::LeaseHolder::random()?;
                let call = self.session.call::<D::Output>(holder.clone());
                let mut call = call.woken_by_store(self.store.wakes_waiters());
                loop {
                    let step = call.poll(now());
                    $crate::api_table::__log_session_events(call.take_events());
                    match step {
                        $crate::token_store::SessionStep::Store(command) => {
                            let reply = self.store.execute(command) $($await)*;
                            call.handle_store(reply, now());
                        }
                        $crate::token_store::SessionStep::Grant(grant) => {
                            match self.client.drive(call.grant_call(grant)) $($await)* {
                                Ok(token) => call.handle_grant(Ok(token), now()),
                                Err(Error::Core(e)) => call.handle_grant(Err(e), now()),
                                Err(error) => {
                                    // No answer: release the lease (best effort) and give up.
                                    let key = self.key().to_owned();
                                    let release = $crate::token_store::StoreCommand::Release { key, holder };
                                    let _ = self.store.execute(release) $($await)*;
                                    return Err(error);
                                }
                            }
                        }
                        $crate::token_store::SessionStep::Call(token) => {
                            match self.client.drive(make(self.client.core(), &token)) $($await)* {
                                Ok(value) => call.handle_call(Ok(value), now()),
                                Err(Error::Core(e)) => call.handle_call(Err(e), now()),
                                Err(error) => return Err(error),
                            }
                        }
                        $crate::token_store::SessionStep::Wait(until) => {
                            let version = call.version().unwrap_or(0);
                            self.store.wait(self.key(), version, until) $($await)*;
                        }
                        $crate::token_store::SessionStep::Done(result) => return result.map_err(Error::from),
                    }
                }
            }

            /// Runs the core operation `make` builds from the stored token's
            /// bearer (see [`drive_with`](Self::drive_with)).
            ///
            /// # Errors
            /// As [`drive_with`](Self::drive_with).
            pub $($async)? fn run_with<O>(
                &self,
                make: impl Fn(&$crate::Client, &$crate::BearerToken) -> O + Send + Sync,
            ) -> Result<O::Output, Error>
            where
                O: $crate::Operation + Send,
                O::Context: Send,
                O::Output: Send,
            {
                self.drive_with(|core, token| $crate::driver::Call::new(core, make(core, token.bearer()))) $($await)*
            }

            /// Every guild of the user, page after page, as one bounded call.
            ///
            /// # Errors
            /// As [`drive_with`](Self::drive_with).
            pub $($async)? fn fetch_all_guilds(&self) -> Result<Vec<$crate::Guild>, Error> {
                self.drive_with(|core, token| $crate::driver::GuildWalk::new(core, token.bearer())) $($await)*
            }

            /// Adds the user to `guild_id` with the bot's token (scope
            /// `guilds.join`), with the member's options set on the core's
            /// operation; fetches the user's id first.
            ///
            /// # Errors
            /// As [`drive_with`](Self::drive_with).
            pub $($async)? fn add_to_guild(
                &self,
                bot_token: &$crate::BotToken,
                guild_id: $crate::GuildId,
                configure: impl Fn($crate::api::guilds::AddGuildMember) -> $crate::api::guilds::AddGuildMember + Send + Sync,
            ) -> Result<$crate::AddedMember, Error> {
                let user = self.fetch_user() $($await)* ?;
                self.run_with(|core, bearer| configure(core.add_guild_member(bot_token, guild_id, user.id, bearer))) $($await)*
            }

            /// Revokes the whole authorization and forgets the stored token.
            ///
            /// # Errors
            /// As [`drive_with`](Self::drive_with).
            pub $($async)? fn revoke(&self) -> Result<(), Error> {
                match self.stored_token() $($await)* ? {
                    Some(token) => self.client.revoke_token(&token) $($await)* ?,
                    None => return Ok(()),
                }
                self.logout() $($await)*.map(drop)
            }

            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// The user (`GET /users/@me`, scope `identify`).
                fetch_user() -> $crate::User = |core, bearer| core.current_user(bearer));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// The first page of the user's guilds: up to 200 (scope `guilds`).
                fetch_guilds() -> Vec<$crate::Guild> = |core, bearer| core.current_user_guilds(bearer));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// The user's linked accounts (scope `connections`).
                fetch_connections() -> Vec<$crate::Connection> = |core, bearer| core.current_user_connections(bearer));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// The user's member object in `guild_id` (scope `guilds.members.read`).
                fetch_member(guild_id: $crate::GuildId) -> $crate::Member
                    = |core, bearer| core.current_user_guild_member(bearer, guild_id));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// What the token is allowed to do, and until when (`GET /oauth2/@me`).
                fetch_authorization() -> $crate::Authorization = |core, bearer| core.current_authorization(bearer));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// The user's role connection for this application (scope `role_connections.write`).
                fetch_role_connection() -> $crate::RoleConnection = |core, bearer| core.role_connection(bearer));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// Sets the user's role connection (platform name, username, metadata).
                update_role_connection(update: $crate::RoleConnectionUpdate) -> $crate::RoleConnection
                    = |core, bearer| core.update_role_connection(bearer, update.clone()));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// Removes the user's role connection for this application.
                delete_role_connection() -> () = |core, bearer| core.delete_role_connection(bearer));
        }

        fn store_error(error: $crate::token_store::StoreError) -> Error {
            error.into()
        }

        fn unexpected(command: &'static str, reply: $crate::token_store::StoreReply) -> Error {
            let reply = format!("{reply:?}");
            store_error($crate::token_store::StoreError::UnexpectedReply { command, reply })
        }
    };
}

/// One method of a runtime's `StoredSession`: `name(args) -> Output = |core, bearer| op`.
#[doc(hidden)]
#[macro_export]
macro_rules! __stored_fn {
    ({$($async:tt)?} {$($await:tt)*} $(#[$doc:meta])*
        $name:ident($($arg:ident: $ty:ty),*) -> $out:ty = |$core:ident, $bearer:ident| $op:expr) => {
        $(#[$doc])*
        ///
        /// # Errors
        /// As [`drive_with`](Self::drive_with).
        pub $($async)? fn $name(&self, $($arg: $ty),*) -> ::std::result::Result<$out, Error> {
            self.run_with(|$core, $bearer| $op) $($await)*
        }
    };
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
