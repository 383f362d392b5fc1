//! The application endpoints: the role-connection metadata behind an
//! application's linked roles (`/applications/{application.id}/role-connections/metadata`).

mod role_connection_metadata;

pub use role_connection_metadata::{GetRoleConnectionMetadata, ReplaceRoleConnectionMetadata};
