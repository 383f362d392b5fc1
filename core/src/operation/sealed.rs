//! [`Sealed`]: the token that keeps [`Operation`](super::Operation)'s builder
//! and parser inside this crate.

/// A value only this crate can make. [`Operation`](super::Operation)'s
/// `build` and `parse_success` take one, so no code outside the crate can
/// call them (or implement the trait, which needs to name this type).
#[derive(Debug, Clone, Copy)]
pub struct Sealed(());

impl Sealed {
    pub(crate) const fn new() -> Self {
        Self(())
    }
}
