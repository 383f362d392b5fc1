//! Shared pieces of the core's token-store tests.
#![allow(dead_code, clippy::unwrap_used)]

pub mod resp;
pub mod world;
