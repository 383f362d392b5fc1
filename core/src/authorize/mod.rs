//! The browser side of OAuth2: the authorization URL, its CSRF state and
//! PKCE challenge, and parsing the redirect that comes back.
//!
//! ```
//! use disco_oauth2::authorize::{AuthorizationCallback, PkceChallenge};
//! use disco_oauth2::{Client, CsrfState, Scope};
//!
//! let client = Client::builder(157730590492196864)
//!     .client_secret("secret")
//!     .redirect_uri("https://nicememe.website")
//!     .scopes([Scope::Identify, Scope::GuildsJoin])
//!     .build()?;
//!
//! // 1. Send the user to Discord, keeping the state and verifier in their session.
//! let state = CsrfState::generate()?;
//! let (challenge, verifier) = PkceChallenge::generate()?;
//! let url = client.authorize_url().state(&state).pkce_challenge(&challenge).build()?;
//! assert!(url.as_str().starts_with("https://discord.com/oauth2/authorize?response_type=code&client_id=157730590492196864&scope=guilds.join%20identify&state="));
//!
//! // 2. Discord redirects back; check the state and take the code.
//! let query = format!("code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee&state={}", state.secret());
//! let callback = AuthorizationCallback::parse_verified(&query, &state)?;
//! assert_eq!(callback.code.secret(), "NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee");
//!
//! // 3. Exchange it (with the verifier) through a runtime.
//! let _exchange = client.exchange_code(callback.code).pkce_verifier(verifier);
//! # Ok::<(), disco_oauth2::Error>(())
//! ```

mod callback;
mod implicit;
mod pkce;
mod random;
mod state;
mod url;

pub use callback::{AuthorizationCallback, CallbackQuery, DISCORD_ISSUER};
pub use implicit::ImplicitGrant;
pub use pkce::PkceChallenge;
pub use url::{AuthorizationUrl, AuthorizeUrlBuilder, IntegrationType, Prompt, ResponseType};

pub use crate::secret::{CsrfState, PkceVerifier};
