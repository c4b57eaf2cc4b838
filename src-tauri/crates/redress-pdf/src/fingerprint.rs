//! A stable hash (FNV-1a, 64 bit) for the two names a PDF wants to be unique: the font subset
//! tag and the document's `/ID`. Derived from the content rather than drawn at random, so the
//! same letter gives the same bytes. `std`'s `DefaultHasher` is not used because its algorithm
//! may change between Rust releases.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

#[derive(Debug, Clone)]
pub(crate) struct Fingerprint(u64);

impl Fingerprint {
    pub(crate) fn new() -> Self {
        Fingerprint(OFFSET)
    }

    pub(crate) fn add(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(PRIME);
        self
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0
    }
}

/// Six capital letters, the form ISO 32000 gives the tag of a font subset (`ABCDEF+Name`).
pub(crate) fn subset_tag(hash: u64) -> String {
    let mut h = hash;
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            letter
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_order_sensitive() {
        let a = Fingerprint::new().add(b"ab").add(b"c").finish();
        let b = Fingerprint::new().add(b"a").add(b"bc").finish();
        assert_ne!(a, b);
        assert_eq!(a, Fingerprint::new().add(b"ab").add(b"c").finish());
        let tag = subset_tag(a);
        assert_eq!(tag.len(), 6);
        assert!(tag.bytes().all(|b| b.is_ascii_uppercase()));
    }
}
