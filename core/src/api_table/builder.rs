//! The core's Discord settings, forwarded by each runtime's `ClientBuilder`.

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
