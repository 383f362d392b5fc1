use http::Method;

use crate::client::Client;
use crate::error::{Error, InvalidInput, Result};
use crate::model::{RoleConnection, RoleConnectionUpdate};
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response, decode};
use crate::route::Route;
use crate::secret::BearerToken;

const TEMPLATE: &str = "/users/@me/applications/{application.id}/role-connection";

fn path(client: &Client) -> String {
    format!(
        "/users/@me/applications/{}/role-connection",
        client.client_id()
    )
}

/// The user's role connection (linked roles) for this application:
/// `GET /users/@me/applications/{application.id}/role-connection` (scope
/// `role_connections.write`). Made by [`Client::role_connection`].
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct GetRoleConnection {
    client: Client,
    token: BearerToken,
}

/// Sets the user's role connection: `PUT …/role-connection` with a JSON body.
/// Made by [`Client::update_role_connection`].
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct UpdateRoleConnection {
    client: Client,
    token: BearerToken,
    update: RoleConnectionUpdate,
}

/// Removes the user's role connection: `DELETE …/role-connection`.
/// Made by [`Client::delete_role_connection`].
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct DeleteRoleConnection {
    client: Client,
    token: BearerToken,
}

impl Client {
    /// The user's role connection for this application (the client id).
    pub fn role_connection(&self, token: &BearerToken) -> GetRoleConnection {
        GetRoleConnection {
            client: self.clone(),
            token: token.clone(),
        }
    }

    /// Sets the user's platform name, username and metadata for linked roles.
    ///
    /// ```
    /// use disco_oauth2::{BearerToken, Client, Operation, RoleConnectionUpdate};
    ///
    /// let client = Client::builder(1234).build()?;
    /// let update = RoleConnectionUpdate::new().platform_name("Fake Game").metadata("level", "42");
    /// let (request, _pending) = client.update_role_connection(&BearerToken::new("tok"), update).into_parts()?;
    /// assert_eq!(request.method(), "PUT");
    /// assert_eq!(request.uri(), "https://discord.com/api/v10/users/@me/applications/1234/role-connection");
    /// assert_eq!(request.body(), br#"{"platform_name":"Fake Game","metadata":{"level":"42"}}"#);
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn update_role_connection(
        &self,
        token: &BearerToken,
        update: RoleConnectionUpdate,
    ) -> UpdateRoleConnection {
        UpdateRoleConnection {
            client: self.clone(),
            token: token.clone(),
            update,
        }
    }

    /// Removes the user's role connection for this application.
    pub fn delete_role_connection(&self, token: &BearerToken) -> DeleteRoleConnection {
        DeleteRoleConnection {
            client: self.clone(),
            token: token.clone(),
        }
    }
}

impl Operation for GetRoleConnection {
    type Output = RoleConnection;
    type Context = ();
    const NAME: &'static str = "role_connection";

    fn route(&self) -> Route {
        Route::new(Method::GET, TEMPLATE).for_bearer(&self.token)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        let request = RequestBuilder::new(&self.client, Method::GET, path(&self.client))
            .build(Auth::Bearer(&self.token), Body::Empty)?;
        Ok((request, ()))
    }

    fn parse_success(
        _: (),
        response: Response<'_>,
        _: crate::operation::Sealed,
    ) -> Result<RoleConnection> {
        decode(Self::NAME, &response)
    }
}

impl Operation for UpdateRoleConnection {
    type Output = RoleConnection;
    type Context = ();
    const NAME: &'static str = "update_role_connection";

    fn route(&self) -> Route {
        Route::new(Method::PUT, TEMPLATE).for_bearer(&self.token)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        self.update.validate()?;
        let body = serde_json::to_vec(&self.update)
            .map_err(|e| Error::from(InvalidInput::new("role_connection", e.to_string())))?;
        let request = RequestBuilder::new(&self.client, Method::PUT, path(&self.client))
            .build(Auth::Bearer(&self.token), Body::Json(body))?;
        Ok((request, ()))
    }

    fn parse_success(
        _: (),
        response: Response<'_>,
        _: crate::operation::Sealed,
    ) -> Result<RoleConnection> {
        decode(Self::NAME, &response)
    }
}

impl Operation for DeleteRoleConnection {
    type Output = ();
    type Context = ();
    const NAME: &'static str = "delete_role_connection";

    fn route(&self) -> Route {
        Route::new(Method::DELETE, TEMPLATE).for_bearer(&self.token)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        let request = RequestBuilder::new(&self.client, Method::DELETE, path(&self.client))
            .build(Auth::Bearer(&self.token), Body::Empty)?;
        Ok((request, ()))
    }

    /// Any 2xx (Discord answers 204) means deleted.
    fn parse_success(_: (), _: Response<'_>, _: crate::operation::Sealed) -> Result<()> {
        Ok(())
    }
}
