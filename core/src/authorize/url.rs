use std::fmt;
use std::fmt::Write as _;

use super::PkceChallenge;
use crate::client::{AbsoluteUrl, Client, encode_component};
use crate::error::{InvalidInput, Result};
use crate::model::{GuildId, Permissions, Scope, Scopes};
use crate::secret::CsrfState;

/// `response_type`: which grant the authorization starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResponseType {
    /// `code`: the authorization code grant (the default, and the one to use).
    #[default]
    Code,
    /// `token`: the implicit grant; the token comes back in the URL fragment.
    Token,
}

impl ResponseType {
    /// The value as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Token => "token",
        }
    }
}

/// `prompt`: whether Discord shows the consent screen again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// `consent`: always ask, even if the user already authorized these scopes.
    Consent,
    /// `none`: skip the screen when the user already authorized (passthrough
    /// scopes such as `bot` and `webhook.incoming` always ask).
    None,
}

impl Prompt {
    /// The value as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Consent => "consent",
            Self::None => "none",
        }
    }
}

/// `integration_type`: where an app with `applications.commands` is installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegrationType {
    /// `0`: installed to a guild.
    GuildInstall,
    /// `1`: installed to the user.
    UserInstall,
}

impl IntegrationType {
    /// The value as sent.
    pub fn as_u8(self) -> u8 {
        match self {
            Self::GuildInstall => 0,
            Self::UserInstall => 1,
        }
    }
}

/// A built authorization URL: send the user's browser there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationUrl(String);

impl AuthorizationUrl {
    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for AuthorizationUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<AuthorizationUrl> for String {
    fn from(value: AuthorizationUrl) -> Self {
        value.0
    }
}

/// Builds an authorization URL with every parameter Discord documents.
/// Made by [`Client::authorize_url`].
///
/// Parameters come out in the order of Discord's own example; every value is
/// percent-encoded, scopes joined by `%20`.
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until built"]
pub struct AuthorizeUrlBuilder {
    client: Client,
    response_type: Option<ResponseType>,
    scopes: Option<Scopes>,
    state: Option<CsrfState>,
    redirect_uri: Option<Option<String>>,
    prompt: Option<Prompt>,
    integration_type: Option<IntegrationType>,
    permissions: Option<Permissions>,
    guild_id: Option<GuildId>,
    disable_guild_select: Option<bool>,
    code_challenge: Option<PkceChallenge>,
    nonce: Option<crate::secret::Nonce>,
}

impl Client {
    /// Starts an authorization URL with the client's id, scopes and redirect URI.
    ///
    /// ```
    /// use disco_oauth2::authorize::Prompt;
    /// use disco_oauth2::{Client, CsrfState, Scope};
    ///
    /// let client = Client::builder(157730590492196864)
    ///     .redirect_uri("https://nicememe.website")
    ///     .scopes([Scope::Identify, Scope::GuildsJoin])
    ///     .build()?;
    /// let url = client
    ///     .authorize_url()
    ///     .state(&CsrfState::new("15773059ghq9183habn"))
    ///     .prompt(Prompt::Consent)
    ///     .build()?;
    /// assert_eq!(
    ///     url.as_str(),
    ///     "https://discord.com/oauth2/authorize?response_type=code&client_id=157730590492196864\
    ///      &scope=guilds.join%20identify&state=15773059ghq9183habn\
    ///      &redirect_uri=https%3A%2F%2Fnicememe.website&prompt=consent"
    /// );
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn authorize_url(&self) -> AuthorizeUrlBuilder {
        AuthorizeUrlBuilder {
            client: self.clone(),
            response_type: Some(ResponseType::Code),
            scopes: None,
            state: None,
            redirect_uri: None,
            prompt: None,
            integration_type: None,
            permissions: None,
            guild_id: None,
            disable_guild_select: None,
            code_challenge: None,
            nonce: None,
        }
    }
}

impl AuthorizeUrlBuilder {
    /// `response_type` (default [`ResponseType::Code`]).
    pub fn response_type(mut self, response_type: ResponseType) -> Self {
        self.response_type = Some(response_type);
        self
    }

    /// A plain bot invite: no `response_type` and no `redirect_uri`, so that
    /// Discord uses the app's install settings (scope `bot` unless set otherwise).
    pub fn bot_invite(mut self) -> Self {
        self.response_type = None;
        self.redirect_uri = Some(None);
        if self.scopes.is_none() {
            self.scopes = Some([Scope::Bot].into_iter().collect());
        }
        self
    }

    /// These scopes instead of the client's (an empty list is refused for code and token grants).
    pub fn scopes<I>(mut self, scopes: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Scope>,
    {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// `state`: the CSRF value to check on the way back. Always set one.
    pub fn state(mut self, state: &CsrfState) -> Self {
        self.state = Some(state.clone());
        self
    }

    /// This redirect URI instead of the client's.
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(Some(uri.into()));
        self
    }

    /// `prompt`.
    pub fn prompt(mut self, prompt: Prompt) -> Self {
        self.prompt = Some(prompt);
        self
    }

    /// `integration_type` (with `applications.commands`).
    pub fn integration_type(mut self, integration_type: IntegrationType) -> Self {
        self.integration_type = Some(integration_type);
        self
    }

    /// `permissions`: the bot role's permissions (with scope `bot`).
    pub fn permissions(mut self, permissions: Permissions) -> Self {
        self.permissions = Some(permissions);
        self
    }

    /// `guild_id`: the guild pre-selected in the bot dialog.
    pub fn guild_id(mut self, guild_id: GuildId) -> Self {
        self.guild_id = Some(guild_id);
        self
    }

    /// `disable_guild_select`: keep the user from picking another guild.
    pub fn disable_guild_select(mut self, disable: bool) -> Self {
        self.disable_guild_select = Some(disable);
        self
    }

    /// `code_challenge` and `code_challenge_method=S256` (PKCE).
    pub fn pkce_challenge(mut self, challenge: &PkceChallenge) -> Self {
        self.code_challenge = Some(challenge.clone());
        self
    }

    /// `nonce` (OpenID Connect): the value the ID token must echo; make one
    /// with [`Nonce::generate`](crate::Nonce::generate) per authorization and
    /// give it to [`IdTokenVerifier::nonce`](crate::oidc::IdTokenVerifier::nonce).
    pub fn nonce(mut self, nonce: &crate::secret::Nonce) -> Self {
        self.nonce = Some(nonce.clone());
        self
    }

    /// Checks the parameters and builds the URL.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) for a code or token
    /// grant without scopes, a bad redirect URI override, or the implicit
    /// grant with `role_connections.write` (Discord refuses that pair).
    pub fn build(self) -> Result<AuthorizationUrl> {
        let config_scopes = self.client.scopes();
        let scopes = self.scopes.as_ref().unwrap_or(config_scopes);
        if self.response_type.is_some() && scopes.is_empty() {
            return Err(InvalidInput::new(
                "scopes",
                "an authorization URL needs at least one scope",
            )
            .into());
        }
        if self.response_type == Some(ResponseType::Token)
            && scopes.contains(&Scope::RoleConnectionsWrite)
        {
            return Err(InvalidInput::new(
                "scopes",
                "role_connections.write cannot be used with the implicit grant (response_type=token)",
            )
            .into());
        }
        let redirect_uri = match &self.redirect_uri {
            Some(Some(uri)) => Some(AbsoluteUrl::redirect_uri(uri)?.as_str().to_owned()),
            Some(None) => None,
            None => self.client.redirect_uri().map(str::to_owned),
        };

        let mut url = String::with_capacity(256);
        url.push_str(self.client.authorize_endpoint());
        let mut separator = '?';
        let mut push = |key: &str, value: &dyn fmt::Display| {
            // Writing to a String cannot fail.
            let _ = write!(url, "{separator}{key}={value}");
            separator = '&';
        };
        if let Some(response_type) = self.response_type {
            push("response_type", &response_type.as_str());
        }
        push("client_id", &self.client.client_id());
        if !scopes.is_empty() {
            push("scope", &encode_component(&scopes.to_space_separated()));
        }
        if let Some(state) = &self.state {
            push("state", &encode_component(state.secret()));
        }
        if let Some(uri) = &redirect_uri {
            push("redirect_uri", &encode_component(uri));
        }
        if let Some(prompt) = self.prompt {
            push("prompt", &prompt.as_str());
        }
        if let Some(integration_type) = self.integration_type {
            push("integration_type", &integration_type.as_u8());
        }
        if let Some(permissions) = self.permissions {
            push("permissions", &permissions.bits());
        }
        if let Some(guild_id) = self.guild_id {
            push("guild_id", &guild_id);
        }
        if let Some(disable) = self.disable_guild_select {
            push("disable_guild_select", &disable);
        }
        if let Some(challenge) = &self.code_challenge {
            push("code_challenge", &challenge.as_str());
            push("code_challenge_method", &PkceChallenge::METHOD);
        }
        if let Some(nonce) = &self.nonce {
            push("nonce", &encode_component(nonce.secret()));
        }
        Ok(AuthorizationUrl(url))
    }
}
