//! [`BodyChunks`]: a response body read piece by piece, within its limit.

use bytes::Bytes;

/// A response body an HTTP client hands over in chunks, kept within the
/// transmit's [`max_body_size`](super::Transmit::max_body_size).
///
/// A body that comes in one chunk is kept as the client read it, without a
/// copy; several chunks are joined. The limit is checked on the declared
/// length first (a body declared too large is refused unread), then on
/// every chunk.
///
/// ```
/// use bytes::Bytes;
/// use disco_oauth2::driver::{BodyChunks, BodyTooLarge};
///
/// let mut body = BodyChunks::new(16, None)?;
/// body.push(Bytes::from_static(b"{\"id\":"))?;
/// body.push(Bytes::from_static(b"\"1\"}"))?;
/// assert_eq!(body.finish(), "{\"id\":\"1\"}");
///
/// let mut small = BodyChunks::new(4, None)?;
/// assert_eq!(small.push(Bytes::from_static(b"12345")), Err(BodyTooLarge { limit: 4 }));
/// assert_eq!(BodyChunks::new(4, Some(5)).unwrap_err(), BodyTooLarge { limit: 4 });
/// # Ok::<(), BodyTooLarge>(())
/// ```
///
/// Its `Debug` shows lengths only: a body may hold the user's tokens.
pub struct BodyChunks {
    limit: u64,
    declared: u64,
    read: u64,
    /// The only chunk so far.
    whole: Option<Bytes>,
    /// The chunks so far, once there are several.
    joined: Vec<u8>,
}

/// A response body over the limit it was read under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyTooLarge {
    /// The limit, in bytes.
    pub limit: u64,
}

impl std::fmt::Debug for BodyChunks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BodyChunks")
            .field("limit", &self.limit)
            .field("declared", &self.declared)
            .field("read", &self.read)
            .finish_non_exhaustive()
    }
}

impl BodyChunks {
    /// A body to read within `limit` bytes, whose `Content-Length` was
    /// `declared` (if it had one).
    ///
    /// # Errors
    /// [`BodyTooLarge`] when the declared length is over the limit.
    pub fn new(limit: u64, declared: Option<u64>) -> Result<Self, BodyTooLarge> {
        let declared = declared.unwrap_or(0);
        if declared > limit {
            return Err(BodyTooLarge { limit });
        }
        Ok(Self {
            limit,
            declared,
            read: 0,
            whole: None,
            joined: Vec::new(),
        })
    }

    /// Adds the next chunk.
    ///
    /// # Errors
    /// [`BodyTooLarge`] when the body grows over the limit; what was read is
    /// dropped with `self`.
    pub fn push(&mut self, chunk: Bytes) -> Result<(), BodyTooLarge> {
        self.read += chunk.len() as u64;
        if self.read > self.limit {
            return Err(BodyTooLarge { limit: self.limit });
        }
        if self.read == chunk.len() as u64 && self.joined.is_empty() {
            self.whole = Some(chunk);
            return Ok(());
        }
        if let Some(first) = self.whole.take() {
            self.joined.reserve(self.declared.max(self.read) as usize);
            self.joined.extend_from_slice(&first);
        }
        self.joined.extend_from_slice(&chunk);
        Ok(())
    }

    /// The whole body.
    pub fn finish(self) -> Bytes {
        self.whole.unwrap_or_else(|| self.joined.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_chunk_is_kept_as_it_is() {
        let chunk = Bytes::from(vec![b'x'; 100]);
        let at = chunk.as_ptr();
        let mut body = BodyChunks::new(100, Some(100)).unwrap();
        body.push(chunk).unwrap();
        let whole = body.finish();
        assert_eq!((whole.as_ptr(), whole.len()), (at, 100));
    }

    #[test]
    fn chunks_are_joined_in_order_within_the_limit() {
        let mut body = BodyChunks::new(10, None).unwrap();
        for piece in ["", "ab", "", "cde", "fghij"] {
            body.push(Bytes::from(piece)).unwrap();
        }
        assert_eq!(body.finish(), "abcdefghij");
        let mut body = BodyChunks::new(10, None).unwrap();
        body.push(Bytes::from("abcdef")).unwrap();
        assert_eq!(
            body.push(Bytes::from("ghijk")),
            Err(BodyTooLarge { limit: 10 })
        );
        assert_eq!(BodyChunks::new(0, None).unwrap().finish(), "");
        assert!(BodyChunks::new(10, Some(10)).is_ok());
        assert_eq!(
            BodyChunks::new(10, Some(11)).unwrap_err(),
            BodyTooLarge { limit: 10 }
        );
    }
}
