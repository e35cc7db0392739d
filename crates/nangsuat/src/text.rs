//! Text files as people save them: UTF-8 with or without a byte-order mark (Excel's
//! "CSV UTF-8" and Notepad write one), and a clear error, with its position, for text in an
//! older Vietnamese encoding (Windows-1258, TCVN3/ABC, VNI) that must be converted first.

use std::path::Path;

use crate::error::{Error, Result};

/// The text without a leading UTF-8 byte-order mark.
///
/// ```
/// assert_eq!(nangsuat::text::without_bom("\u{feff}id = 1"), "id = 1");
/// assert_eq!(nangsuat::text::without_bom("id = 1"), "id = 1");
/// ```
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Decodes bytes as UTF-8 (a leading byte-order mark removed).
///
/// # Errors
/// [`Error::Parse`] naming `path`, the line and column of the first byte that is not UTF-8,
/// the byte, and what to do about it.
///
/// ```
/// use nangsuat::text::decode_utf8;
/// assert_eq!(decode_utf8(b"\xef\xbb\xbfa,b", "x.csv")?, "a,b");
/// // "Hà" in Windows-1258: 0xE0 is "à" there, and no UTF-8 character starts so.
/// let err = decode_utf8(b"scope\nH\xe0 N\xf4i", "x.csv").unwrap_err().to_string();
/// assert!(err.contains("line 2") && err.contains("0xE0"), "{err}");
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn decode_utf8(bytes: &[u8], path: &str) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let before = std::str::from_utf8(valid).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
            Err(Error::Parse {
                format: "text".into(),
                path: path.into(),
                line: Some(line),
                column: Some(column),
                message: format!(
                    "byte 0x{byte:02X} is not UTF-8: the file looks saved in an older Vietnamese \
                     encoding (Windows-1258, TCVN3/ABC or VNI); save it as UTF-8 \
                     (Tệp không ở mã UTF-8: hãy lưu lại tệp với mã UTF-8)"
                ),
            })
        }
    }
}

/// Reads a whole text file as UTF-8 (see [`decode_utf8`]).
///
/// # Errors
/// [`Error::Io`] if the file cannot be read; [`Error::Parse`] as [`decode_utf8`].
pub fn read_utf8(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    decode_utf8(&bytes, &path.display().to_string())
}

/// `text` shortened to at most `max_chars` characters for a message, with how long it was:
/// an error quoting a 1,000,000-character key or cell must stay readable.
///
/// ```
/// let long = "x".repeat(1_000_000);
/// let short = nangsuat::text::abbreviate(&long, 40);
/// assert!(short.chars().count() < 80 && short.contains("1000000 characters"));
/// assert_eq!(nangsuat::text::abbreviate("short", 40), "short");
/// ```
pub fn abbreviate(text: &str, max_chars: usize) -> String {
    let count = text.chars().count();
    if count <= max_chars {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max_chars).collect();
    format!("{kept}… ({count} characters)")
}
