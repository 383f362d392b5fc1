//! Every Discord OAuth2 API operation, grouped by the API's own sections:
//! [`oauth2`] (the token endpoints and `/oauth2/@me`), [`users`]
//! (`/users/@me…`), and [`guilds`] (adding a member).
//!
//! Each operation is made by a [`Client`](crate::Client) method and
//! implements [`Operation`](crate::Operation).

pub mod applications;
pub mod guilds;
pub mod oauth2;
pub mod users;

/// Defines an operation that GETs one path with a bearer token and decodes
/// its JSON body into `$output`.
macro_rules! bearer_get {
    (
        $(#[$doc:meta])*
        $name:ident, $op_name:literal, $template:literal, $output:ty
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        #[must_use = "an operation does nothing until sent"]
        pub struct $name {
            client: $crate::Client,
            token: $crate::BearerToken,
        }

        impl $name {
            pub(crate) fn new(client: &$crate::Client, token: &$crate::BearerToken) -> Self {
                Self {
                    client: client.clone(),
                    token: token.clone(),
                }
            }
        }

        impl $crate::Operation for $name {
            type Output = $output;
            type Context = ();
            const NAME: &'static str = $op_name;

            fn route(&self) -> $crate::Route {
                $crate::Route::new(http::Method::GET, $template).for_bearer(&self.token)
            }

            fn build(&self, _: $crate::operation::Sealed) -> $crate::Result<(http::Request<$crate::operation::RequestBody>, ())> {
                let request = $crate::operation::RequestBuilder::new(&self.client, http::Method::GET, $template)
                    .build($crate::operation::Auth::Bearer(&self.token), $crate::operation::Body::Empty)?;
                Ok((request, ()))
            }

            fn parse_success(_: (), response: $crate::operation::Response<'_>, _: $crate::operation::Sealed) -> $crate::Result<$output> {
                $crate::operation::decode($op_name, &response)
            }
        }
    };
}
pub(crate) use bearer_get;
