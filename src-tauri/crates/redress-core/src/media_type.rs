//! A stored file's type told by its first bytes rather than its name: replies, proofs, mandates,
//! self-check screenshots and letter attachments are kept as bytes, and later shown, attached or
//! merged into a complaint according to what they really are.

/// PDF, PNG or JPEG, told by their first bytes rather than the file name.
pub fn sniff_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}
