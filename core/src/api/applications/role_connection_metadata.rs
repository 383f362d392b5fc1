use http::Method;

use crate::client::Client;
use crate::error::{InvalidInput, Result};
use crate::model::RoleConnectionMetadata;
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response, decode};
use crate::route::Route;
use crate::secret::BotToken;

/// The route template of both operations.
const TEMPLATE: &str = "/applications/{application.id}/role-connections/metadata";

fn path(client: &Client) -> String {
    format!(
        "/applications/{}/role-connections/metadata",
        client.client_id()
    )
}

/// The application's role-connection metadata records:
/// `GET /applications/{application.id}/role-connections/metadata` with the
/// bot's token. Made by [`Client::role_connection_metadata`].
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct GetRoleConnectionMetadata {
    client: Client,
    bot_token: BotToken,
}

/// Replaces every role-connection metadata record of the application:
/// `PUT /applications/{application.id}/role-connections/metadata` with the
/// bot's token. Made by [`Client::replace_role_connection_metadata`].
///
/// The records are checked against Discord's limits before anything is sent
/// (see [`RoleConnectionMetadata::validate`]; at most
/// [`RoleConnectionMetadata::MAX_RECORDS`], keys unique).
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct ReplaceRoleConnectionMetadata {
    client: Client,
    bot_token: BotToken,
    records: Vec<RoleConnectionMetadata>,
}

impl Client {
    /// The role-connection metadata records of this application.
    ///
    /// ```
    /// use disco_oauth2::{BotToken, Client, Operation};
    ///
    /// let client = Client::builder(1234).build()?;
    /// let (request, _pending) = client.role_connection_metadata(&BotToken::new("bot")).into_parts()?;
    /// assert_eq!(request.uri(), "https://discord.com/api/v10/applications/1234/role-connections/metadata");
    /// assert_eq!(request.headers()["authorization"], "Bot bot");
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn role_connection_metadata(&self, bot_token: &BotToken) -> GetRoleConnectionMetadata {
        GetRoleConnectionMetadata {
            client: self.clone(),
            bot_token: bot_token.clone(),
        }
    }

    /// Replaces the application's role-connection metadata with `records`
    /// (an empty list removes them all); Discord answers with the new list.
    ///
    /// ```
    /// use disco_oauth2::model::{RoleConnectionMetadata, RoleConnectionMetadataType};
    /// use disco_oauth2::{BotToken, Client, Operation};
    ///
    /// let client = Client::builder(1234).build()?;
    /// let record = RoleConnectionMetadata::new(
    ///     RoleConnectionMetadataType::BooleanEqual, "verified", "Verified", "Has a verified account");
    /// let (request, _pending) = client
    ///     .replace_role_connection_metadata(&BotToken::new("bot"), vec![record])
    ///     .into_parts()?;
    /// assert_eq!(request.method(), "PUT");
    /// assert_eq!(
    ///     request.body(),
    ///     br#"[{"type":7,"key":"verified","name":"Verified","description":"Has a verified account"}]"#
    /// );
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn replace_role_connection_metadata(
        &self,
        bot_token: &BotToken,
        records: Vec<RoleConnectionMetadata>,
    ) -> ReplaceRoleConnectionMetadata {
        ReplaceRoleConnectionMetadata {
            client: self.clone(),
            bot_token: bot_token.clone(),
            records,
        }
    }
}

impl Operation for GetRoleConnectionMetadata {
    type Output = Vec<RoleConnectionMetadata>;
    type Context = ();
    const NAME: &'static str = "role_connection_metadata";

    fn route(&self) -> Route {
        Route::new(Method::GET, TEMPLATE)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        let request = RequestBuilder::new(&self.client, Method::GET, path(&self.client))
            .build(Auth::Bot(&self.bot_token), Body::Empty)?;
        Ok((request, ()))
    }

    fn parse_success(
        _: (),
        response: Response<'_>,
        _: crate::operation::Sealed,
    ) -> Result<Vec<RoleConnectionMetadata>> {
        decode(Self::NAME, &response)
    }
}

impl Operation for ReplaceRoleConnectionMetadata {
    type Output = Vec<RoleConnectionMetadata>;
    type Context = ();
    const NAME: &'static str = "replace_role_connection_metadata";

    fn route(&self) -> Route {
        Route::new(Method::PUT, TEMPLATE)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        if self.records.len() > RoleConnectionMetadata::MAX_RECORDS {
            return Err(InvalidInput::new(
                "records",
                format!(
                    "holds {} records; an application may have at most {}",
                    self.records.len(),
                    RoleConnectionMetadata::MAX_RECORDS
                ),
            )
            .into());
        }
        for (i, record) in self.records.iter().enumerate() {
            record.validate()?;
            if self.records[..i].iter().any(|r| r.key == record.key) {
                return Err(InvalidInput::new("key", "is used by two records").into());
            }
        }
        let json = serde_json::to_vec(&self.records)
            .map_err(|e| InvalidInput::new("records", format!("could not be serialized ({e})")))?;
        let request = RequestBuilder::new(&self.client, Method::PUT, path(&self.client))
            .build(Auth::Bot(&self.bot_token), Body::Json(json))?;
        Ok((request, ()))
    }

    fn parse_success(
        _: (),
        response: Response<'_>,
        _: crate::operation::Sealed,
    ) -> Result<Vec<RoleConnectionMetadata>> {
        decode(Self::NAME, &response)
    }
}
