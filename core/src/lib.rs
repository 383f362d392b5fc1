//! disco-oauth2 core.
