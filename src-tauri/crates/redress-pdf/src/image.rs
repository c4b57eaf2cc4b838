//! PNG and JPEG files as PDF image XObjects.
//!
//! A JPEG goes in as it is, its bytes behind `/DCTDecode` (PDF viewers decode JPEG
//! themselves): only its headers are read, for the size, the colour space and the EXIF
//! orientation, so nothing is decoded, re-compressed or lost. A PNG is decoded (which checks
//! every chunk and the compressed data, so a damaged file is refused here rather than drawn
//! as garbage): an opaque 8-bit-or-less PNG then goes in as its own compressed data, behind
//! `/FlateDecode` with the PNG predictors; others (alpha, 16 bits, interlacing, transparency
//! chunks) are stored as decoded 8-bit pixels, re-compressed, with the alpha channel as a soft
//! mask.

use std::collections::BTreeMap;
use std::io::Write;

use printpdf::{DictItem, ExternalStream};

/// An image ready to embed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Image {
    /// Pixels as stored.
    pub width: u32,
    pub height: u32,
    /// EXIF orientation, 1 (as stored) to 8; see [`image_matrix`].
    pub orientation: u8,
    /// The image XObject: dictionary and (already compressed) data.
    pub stream: ExternalStream,
}

impl Image {
    /// Width and height as displayed, in pixels (orientations 5 to 8 turn the image a
    /// quarter turn).
    pub(crate) fn displayed_size(&self) -> (u32, u32) {
        if self.orientation >= 5 { (self.height, self.width) } else { (self.width, self.height) }
    }
}

/// Reads a PNG or JPEG file. The error says, in English, why the file cannot be used.
pub(crate) fn load(bytes: &[u8]) -> Result<Image, String> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)
    } else {
        Err("not a PNG or JPEG image".into())
    }
}

/// The matrix (`cm`) that draws an image with EXIF `orientation` upright in the box whose
/// lower-left corner is (`x`, `y`), `w` by `h` points as displayed (PDF coordinates).
pub(crate) fn image_matrix(orientation: u8, x: f32, y: f32, w: f32, h: f32) -> [f32; 6] {
    // The displayed position (dx right, dy down, both 0..1) of the image-space point (u, v),
    // as dx = a1 u + b1 v + c1, dy = a2 u + b2 v + c2. Image space has v up, the first stored
    // row at v = 1; EXIF says where the stored rows and columns are to be seen.
    let (a1, b1, c1, a2, b2, c2) = match orientation {
        2 => (-1.0, 0.0, 1.0, 0.0, -1.0, 1.0),
        3 => (-1.0, 0.0, 1.0, 0.0, 1.0, 0.0),
        4 => (1.0, 0.0, 0.0, 0.0, 1.0, 0.0),
        5 => (0.0, -1.0, 1.0, 1.0, 0.0, 0.0),
        6 => (0.0, 1.0, 0.0, 1.0, 0.0, 0.0),
        7 => (0.0, 1.0, 0.0, -1.0, 0.0, 1.0),
        8 => (0.0, -1.0, 1.0, -1.0, 0.0, 1.0),
        _ => (1.0, 0.0, 0.0, 0.0, -1.0, 1.0),
    };
    // Page point: px = x + w dx, py = y + h (1 - dy).
    [w * a1, -h * a2, w * b1, -h * b2, x + w * c1, y + h * (1.0 - c2)]
}

fn name(s: &str) -> DictItem {
    DictItem::Name(s.as_bytes().to_vec())
}

fn int(v: impl Into<i64>) -> DictItem {
    DictItem::Int(v.into())
}

fn image_dict(width: u32, height: u32, colour_space: DictItem, bits: u8) -> BTreeMap<String, DictItem> {
    BTreeMap::from([
        ("Type".to_owned(), name("XObject")),
        ("Subtype".to_owned(), name("Image")),
        ("Width".to_owned(), int(width)),
        ("Height".to_owned(), int(height)),
        ("ColorSpace".to_owned(), colour_space),
        ("BitsPerComponent".to_owned(), int(bits)),
    ])
}

// ---------------------------------------------------------------------------------------------
// JPEG

fn jpeg(bytes: &[u8]) -> Result<Image, String> {
    let be16 = |i: usize| -> Option<usize> { Some(usize::from(*bytes.get(i)?) << 8 | usize::from(*bytes.get(i + 1)?)) };
    let damaged = |what: &str| format!("damaged JPEG image: {what}");
    let mut frame: Option<(u8, u32, u32, u8)> = None;
    let mut adobe = false;
    let mut orientation = 1;
    let mut i = 2;
    loop {
        // Markers may be preceded by any number of 0xFF fill bytes.
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if bytes.get(i) != Some(&0xFF) {
            return Err(damaged("expected a marker"));
        }
        let marker = *bytes.get(i + 1).ok_or_else(|| damaged("truncated"))?;
        match marker {
            0x01 | 0xD0..=0xD7 => {
                i += 2;
                continue;
            }
            0xD8 | 0xD9 => return Err(damaged("no image data")),
            0xDA => break,
            _ => {}
        }
        let len = be16(i + 2).ok_or_else(|| damaged("truncated"))?;
        let segment = bytes.get(i + 4..i + 2 + len).filter(|_| len >= 2).ok_or_else(|| damaged("truncated"))?;
        match marker {
            0xC0..=0xC2 => {
                let [bits, h1, h0, w1, w0, components, ..] = *segment else {
                    return Err(damaged("short frame header"));
                };
                let height = u32::from(h1) << 8 | u32::from(h0);
                let width = u32::from(w1) << 8 | u32::from(w0);
                frame = Some((bits, width, height, components));
            }
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err("lossless, hierarchical or arithmetic-coded JPEG images are not supported".into());
            }
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            0xE1 if segment.starts_with(b"Exif\0\0") => {
                orientation = exif_orientation(&segment[6..]).unwrap_or(1);
            }
            _ => {}
        }
        i += 2 + len;
    }
    let (bits, width, height, components) = frame.ok_or_else(|| damaged("no frame header before the image data"))?;
    if bits != 8 {
        return Err(format!("{bits}-bit JPEG images are not supported"));
    }
    if width == 0 || height == 0 {
        return Err(damaged("no size"));
    }
    // The image data must end with the end-of-image marker (trailing bytes are tolerated).
    if !bytes[i..].windows(2).any(|w| w == [0xFF, 0xD9]) {
        return Err(damaged("truncated image data"));
    }
    let colour_space = match components {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        4 => "DeviceCMYK",
        n => return Err(format!("JPEG images with {n} colour components are not supported")),
    };
    let mut dict = image_dict(width, height, name(colour_space), 8);
    dict.insert("Filter".into(), name("DCTDecode"));
    if components == 4 && adobe {
        // Photoshop writes CMYK JPEGs inverted, and says so with its APP14 marker.
        dict.insert("Decode".into(), DictItem::Array([1, 0, 1, 0, 1, 0, 1, 0].map(int).to_vec()));
    }
    let stream = ExternalStream { dict, content: bytes.to_vec(), compress: false };
    Ok(Image { width, height, orientation, stream })
}

/// The Orientation tag (0x0112) of the first image directory of an EXIF (TIFF) block.
fn exif_orientation(tiff: &[u8]) -> Option<u8> {
    let little = match tiff.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(i..i + 2)?.try_into().ok()?;
        Some(if little { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(i..i + 4)?.try_into().ok()?;
        Some(if little { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(ifd)?);
    (0..entries.min(512)).find_map(|k| {
        let entry = ifd + 2 + 12 * k;
        (u16_at(entry)? == 0x0112 && u16_at(entry + 2)? == 3)
            .then(|| u16_at(entry + 8))
            .flatten()
            .and_then(|v| u8::try_from(v).ok())
            .filter(|v| (1..=8).contains(v))
    })
}

// ---------------------------------------------------------------------------------------------
// PNG

fn png(bytes: &[u8]) -> Result<Image, String> {
    let damaged = |e: png::DecodingError| format!("damaged PNG image: {}", tidy(&e.to_string()));
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(damaged)?;
    let size = reader.output_buffer_size().ok_or("the PNG image is too large")?;
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).map_err(damaged)?;
    pixels.truncate(frame.buffer_size());
    let info = reader.info();
    let (width, height) = (info.width, info.height);
    if width == 0 || height == 0 {
        return Err("damaged PNG image: no size".into());
    }

    // Opaque images of 8 bits or less per sample, not interlaced: their own compressed data
    // is what PDF's Flate filter with PNG predictors reads.
    let bits = info.bit_depth as u8;
    let passthrough = !info.interlaced && info.trns.is_none() && bits <= 8;
    let colour_space = match info.color_type {
        png::ColorType::Grayscale if passthrough => Some((name("DeviceGray"), 1)),
        png::ColorType::Rgb if passthrough => Some((name("DeviceRGB"), 3)),
        png::ColorType::Indexed if passthrough => info.palette.as_ref().map(|palette| {
            let entries = palette.len() / 3;
            let indexed = DictItem::Array(vec![
                name("Indexed"),
                name("DeviceRGB"),
                int(i64::try_from(entries).unwrap_or(1) - 1),
                DictItem::String { data: palette[..entries * 3].to_vec(), literal: false },
            ]);
            (indexed, 1)
        }),
        _ => None,
    };
    if let Some((colour_space, colours)) = colour_space {
        let mut dict = image_dict(width, height, colour_space, bits);
        dict.insert("Filter".into(), name("FlateDecode"));
        let parms = BTreeMap::from([
            ("Predictor".to_owned(), int(15)),
            ("Colors".to_owned(), int(colours)),
            ("BitsPerComponent".to_owned(), int(bits)),
            ("Columns".to_owned(), int(width)),
        ]);
        dict.insert("DecodeParms".into(), DictItem::Dict { map: parms });
        let stream = ExternalStream { dict, content: idat(bytes), compress: false };
        return Ok(Image { width, height, orientation: 1, stream });
    }

    // Decoded 8-bit samples: split off the alpha channel, if any pixel is not opaque.
    let (colours, alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => return Err("unexpected indexed PNG output".into()),
    };
    let (colour, mask) = if alpha {
        let mut colour = Vec::with_capacity(pixels.len() / (colours + 1) * colours);
        let mut mask = Vec::with_capacity(pixels.len() / (colours + 1));
        for px in pixels.chunks_exact(colours + 1) {
            colour.extend_from_slice(&px[..colours]);
            mask.push(px[colours]);
        }
        let opaque = mask.iter().all(|&a| a == 255);
        (colour, (!opaque).then_some(mask))
    } else {
        (pixels, None)
    };
    let space = if colours == 1 { "DeviceGray" } else { "DeviceRGB" };
    let mut dict = image_dict(width, height, name(space), 8);
    dict.insert("Filter".into(), name("FlateDecode"));
    if let Some(mask) = mask {
        let mut mask_dict = image_dict(width, height, name("DeviceGray"), 8);
        mask_dict.insert("Filter".into(), name("FlateDecode"));
        let mask = ExternalStream { dict: mask_dict, content: deflate(&mask)?, compress: false };
        dict.insert("SMask".into(), DictItem::Stream { stream: mask });
    }
    let stream = ExternalStream { dict, content: deflate(&colour)?, compress: false };
    Ok(Image { width, height, orientation: 1, stream })
}

/// The PNG decoder's message without its debug dumps: "CRC error: … while decoding ChunkType
/// { type: IDAT, critical: true, … } chunk." becomes "CRC error: … in the IDAT chunk".
fn tidy(message: &str) -> String {
    const DUMP: &str = "ChunkType { type: ";
    let mut out = String::new();
    let mut rest = message;
    while let Some(start) = rest.find(DUMP) {
        let after = &rest[start + DUMP.len()..];
        let (Some(comma), Some(close)) = (after.find(','), after.find('}')) else { break };
        out.push_str(&rest[..start]);
        out.push_str("the ");
        out.push_str(after[..comma.min(close)].trim());
        out.push_str(" chunk");
        rest = after[close + 1..].strip_prefix(" chunk").unwrap_or(&after[close + 1..]);
    }
    out.push_str(rest);
    out.replace(" while decoding the ", " in the ").trim_end_matches('.').to_owned()
}

/// The concatenated data of a PNG's IDAT chunks (one zlib stream). The file has been decoded
/// already, so its chunk structure is sound.
fn idat(bytes: &[u8]) -> Vec<u8> {
    let mut data = Vec::new();
    let mut i = 8;
    while let Some(header) = bytes.get(i..i + 8) {
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let Some(chunk) = bytes.get(i + 8..i + 8 + len) else { break };
        if &header[4..] == b"IDAT" {
            data.extend_from_slice(chunk);
        }
        i += 12 + len;
    }
    data
}

fn deflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).and_then(|()| encoder.finish()).map_err(|e| format!("failed to compress an image: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `w` x `h` pixels of the given colour type and samples, unfiltered.
    fn png_file(w: u32, h: u32, colour_type: u8, channels: usize) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let start = out.len();
            out.extend_from_slice(kind);
            out.extend_from_slice(data);
            let crc = crc32(&out[start..]);
            out.extend_from_slice(&crc.to_be_bytes());
        }
        fn crc32(data: &[u8]) -> u32 {
            let mut crc = !0u32;
            for &b in data {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 != 0 { 0xEDB8_8320 ^ (crc >> 1) } else { crc >> 1 };
                }
            }
            !crc
        }
        let mut raw = Vec::new();
        for y in 0..h {
            raw.push(0);
            for x in 0..w as usize * channels {
                raw.push(((x as u32 * 7 + y * 3) % 256) as u8);
            }
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[8, colour_type, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        chunk(&mut out, b"IDAT", &deflate(&raw).expect("deflate"));
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn opaque_png_keeps_its_compressed_data() {
        let file = png_file(5, 3, 2, 3);
        let image = load(&file).expect("png");
        assert_eq!((image.width, image.height), (5, 3));
        assert!(image.stream.dict.contains_key("DecodeParms"));
        assert!(file.windows(image.stream.content.len()).any(|w| w == image.stream.content));
    }

    #[test]
    fn png_with_alpha_gets_a_soft_mask() {
        let image = load(&png_file(4, 4, 6, 4)).expect("png");
        assert!(matches!(image.stream.dict.get("SMask"), Some(DictItem::Stream { .. })));
        assert!(!image.stream.dict.contains_key("DecodeParms"));
    }

    #[test]
    fn damaged_files_are_refused_with_a_reason() {
        let mut file = png_file(8, 8, 2, 3);
        let n = file.len();
        file[n - 20] ^= 0x55;
        assert!(load(&file).expect_err("refused").contains("PNG"));
        assert_eq!(load(b"GIF89a").expect_err("refused"), "not a PNG or JPEG image");
        assert!(load(&[0xFF, 0xD8, 0xFF, 0xC0, 0, 4]).expect_err("refused").contains("JPEG"));
    }

    #[test]
    fn decoder_messages_lose_their_debug_dumps() {
        let dump = "ChunkType { type: IDAT, critical: true, private: false, reserved: false, safecopy: false }";
        assert_eq!(
            tidy(&format!("CRC error: expected 1 have 2 while decoding {dump} chunk.")),
            "CRC error: expected 1 have 2 in the IDAT chunk"
        );
        assert_eq!(tidy(&format!("Chunk length wrong: {dump}")), "Chunk length wrong: the IDAT chunk");
        assert_eq!(tidy("unexpected end of file"), "unexpected end of file");
    }

    #[test]
    fn jpeg_headers_are_read_without_decoding() {
        // SOI, APP1 Exif (big-endian, orientation 6), SOF0 3x2 RGB, SOS, data, EOI.
        let mut file = vec![0xFF, 0xD8];
        let tiff = [b"MM\0\x2a\0\0\0\x08\0\x01".as_slice(), &[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]].concat();
        let app1 = [b"Exif\0\0".as_slice(), &tiff].concat();
        file.extend_from_slice(&[0xFF, 0xE1]);
        file.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        file.extend_from_slice(&app1);
        file.extend_from_slice(&[0xFF, 0xC0, 0, 17, 8, 0, 2, 0, 3, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
        file.extend_from_slice(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        let image = load(&file).expect("jpeg");
        assert_eq!((image.width, image.height, image.orientation), (3, 2, 6));
        assert_eq!(image.displayed_size(), (2, 3));
        assert_eq!(image.stream.content, file);
        file.truncate(file.len() - 2);
        assert!(load(&file).expect_err("refused").contains("truncated"));
    }

    #[test]
    fn orientation_matrices_put_the_stored_top_left_corner_where_exif_says() {
        // The stored top-left corner is image-space (0, 1); where it lands, per orientation.
        let at = |m: [f32; 6]| (m[2] + m[4], m[3] + m[5]);
        let (x, y, w, h) = (10.0, 20.0, 100.0, 50.0);
        assert_eq!(image_matrix(1, x, y, w, h), [100.0, 0.0, 0.0, 50.0, 10.0, 20.0]);
        let expected = [
            (1, (10.0, 70.0)),  // top left
            (2, (110.0, 70.0)), // top right
            (3, (110.0, 20.0)), // bottom right
            (4, (10.0, 20.0)),  // bottom left
            (5, (10.0, 70.0)),  // top left (transposed)
            (6, (110.0, 70.0)), // top right (turned clockwise)
            (7, (110.0, 20.0)), // bottom right
            (8, (10.0, 20.0)),  // bottom left (turned anticlockwise)
        ];
        for (orientation, corner) in expected {
            assert_eq!(at(image_matrix(orientation, x, y, w, h)), corner, "orientation {orientation}");
        }
    }
}
