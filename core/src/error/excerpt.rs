use std::fmt;

/// A bounded, printable excerpt of a response body, so that a proxy's 10 MB
/// HTML page never becomes a 10 MB error message.
#[derive(Clone, PartialEq, Eq)]
pub struct BodyExcerpt {
    text: String,
    total_len: usize,
}

impl BodyExcerpt {
    /// The most bytes of a body an excerpt keeps.
    pub const MAX_LEN: usize = 512;

    /// Takes at most [`Self::MAX_LEN`] bytes of `body`, cut at a character
    /// boundary, with invalid UTF-8 replaced and control characters escaped.
    pub fn new(body: &[u8]) -> Self {
        let cut = &body[..body.len().min(Self::MAX_LEN)];
        let lossy = String::from_utf8_lossy(cut);
        // A multi-byte character cut in half shows up as a trailing U+FFFD: drop it.
        let lossy = if body.len() > Self::MAX_LEN {
            lossy.trim_end_matches('\u{FFFD}')
        } else {
            &lossy
        };
        let text = lossy
            .chars()
            .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
            .collect();
        Self {
            text,
            total_len: body.len(),
        }
    }

    /// The excerpt's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The length in bytes of the whole body.
    pub fn total_len(&self) -> usize {
        self.total_len
    }

    /// Whether the body was longer than the excerpt.
    pub fn is_truncated(&self) -> bool {
        self.total_len > Self::MAX_LEN
    }
}

impl fmt::Display for BodyExcerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.total_len == 0 {
            return f.write_str("(empty)");
        }
        write!(f, "{:?}", self.text)?;
        if self.is_truncated() {
            write!(f, " … ({} bytes in all)", self.total_len)?;
        }
        Ok(())
    }
}

impl fmt::Debug for BodyExcerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded() {
        let body = vec![b'x'; 10 * 1024 * 1024];
        let e = BodyExcerpt::new(&body);
        assert_eq!(e.as_str().len(), BodyExcerpt::MAX_LEN);
        assert!(e.is_truncated());
        assert_eq!(e.total_len(), 10 * 1024 * 1024);
        assert!(e.to_string().ends_with(" … (10485760 bytes in all)"));
    }

    #[test]
    fn cut_mid_character_and_controls() {
        let mut body = vec![b'a'; BodyExcerpt::MAX_LEN - 1];
        body.extend_from_slice("é".as_bytes());
        let e = BodyExcerpt::new(&body);
        assert_eq!(e.as_str().len(), BodyExcerpt::MAX_LEN - 1);
        assert_eq!(BodyExcerpt::new(b"a\x1b[31mb").as_str(), "a [31mb");
        assert_eq!(BodyExcerpt::new(b"").to_string(), "(empty)");
        assert_eq!(
            BodyExcerpt::new(b"<html>bad gateway</html>").to_string(),
            "\"<html>bad gateway</html>\""
        );
    }
}
