//! Tiny solid-colour PNGs for the CDN routes, encoded by hand: one stored
//! (uncompressed) deflate block, so only CRC-32 and Adler-32 are needed.

/// Width and height of every image served.
pub(crate) const SIDE: u32 = 16;

/// A `SIDE`×`SIDE` 8-bit RGB PNG of one colour.
pub(crate) fn solid(rgb: [u8; 3]) -> Vec<u8> {
    // One scanline: filter type 0 (none), then the pixels.
    let mut row = vec![0u8];
    for _ in 0..SIDE {
        row.extend_from_slice(&rgb);
    }
    let raw = row.repeat(SIDE as usize);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&SIDE.to_be_bytes());
    ihdr.extend_from_slice(&SIDE.to_be_bytes());
    // bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &zlib_stored(&raw));
    chunk(&mut png, b"IEND", &[]);
    png
}

/// A colour derived from `key`, so different images look different.
pub(crate) fn colour_of(key: &str) -> [u8; 3] {
    let h = crc32(key.as_bytes()).to_be_bytes();
    [h[0], h[1], h[2]]
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of stored deflate blocks (RFC 1950/1951).
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut blocks = data.chunks(0xFFFF).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none())); // BFINAL, BTYPE=00
        let len = u16::try_from(block.len()).unwrap_or(u16::MAX);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// CRC-32 (ISO-HDLC, as PNG uses).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_their_check_values() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn a_solid_png_is_well_formed() {
        let png = solid([255, 0, 0]);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR: length 13, 16x16, RGB 8-bit.
        assert_eq!(&png[8..16], b"\0\0\0\x0dIHDR");
        assert_eq!(&png[16..29], &[0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0]);
        // IDAT holds zlib header, one final stored block of 16 rows of 49 bytes, Adler-32.
        let idat_len = u32::from_be_bytes([png[33], png[34], png[35], png[36]]) as usize;
        assert_eq!(idat_len, 2 + 5 + 16 * 49 + 4);
        assert_eq!(&png[37..41], b"IDAT");
        assert_eq!(&png[41..48], &[0x78, 0x01, 0x01, 0x10, 0x03, 0xEF, 0xFC]);
        assert_eq!(&png[48..52], &[0, 255, 0, 0]);
        assert!(png.ends_with(b"\0\0\0\0IEND\xAE\x42\x60\x82"));
        assert_eq!(png.len(), 8 + 25 + 12 + idat_len + 12);
        // Every chunk's CRC covers its type and data.
        let crc_at = 41 + idat_len;
        let stored = u32::from_be_bytes([
            png[crc_at],
            png[crc_at + 1],
            png[crc_at + 2],
            png[crc_at + 3],
        ]);
        assert_eq!(stored, crc32(&png[37..crc_at]));
    }
}
