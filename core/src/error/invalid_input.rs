/// Input the core refuses before building a request: a redirect URI that is
/// not an absolute URL, an empty authorization code, an image size that is
/// not a power of two, and the like.
///
/// ```
/// # use disco_oauth2::InvalidInput;
/// let err = InvalidInput::new("redirect_uri", "must be an absolute http or https URL");
/// assert_eq!(err.to_string(), "invalid redirect_uri: must be an absolute http or https URL");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {field}: {reason}")]
pub struct InvalidInput {
    /// The argument or field at fault.
    pub field: &'static str,
    /// Why it is refused.
    pub reason: String,
}

impl InvalidInput {
    /// Refuses `field` for `reason`.
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self {
            field,
            reason: reason.into(),
        }
    }
}
