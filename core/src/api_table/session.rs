//! The runtime's `UserSession`: the per-user calls.

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
