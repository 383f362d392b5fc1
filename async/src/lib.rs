//! async
