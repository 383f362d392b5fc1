//! The runtime `Client`'s methods: one line per operation.

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
