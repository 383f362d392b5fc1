//! The runtime `Client`'s device login, OpenID Connect and role-connection
//! metadata calls.

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
                let step = self.jwks_cache().lock().unwrap_or_else(::std::sync::PoisonError::into_inner).verify(&verifier, id_token, now());
                match step.map_err($crate::Error::IdToken)? {
                    $crate::oidc::Verification::Verified(claims) => return Ok(*claims),
                    $crate::oidc::Verification::FetchKeys if !fetched => {
                        fetched = true;
                        let keys = self.run(self.core().fetch_jwks()) $($await)* ?;
                        self.jwks_cache().lock().unwrap_or_else(::std::sync::PoisonError::into_inner).insert(keys, ::std::time::Instant::now());
                    }
                    $crate::oidc::Verification::FetchKeys => {
                        let cache = self.jwks_cache().lock().unwrap_or_else(::std::sync::PoisonError::into_inner);
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
