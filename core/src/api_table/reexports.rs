//! The core's types each runtime re-exports at its root.

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
