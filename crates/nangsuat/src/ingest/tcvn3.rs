//! TCVN3 (the "ABC" font encoding of TCVN 5712:1993) → Unicode.
//!
//! Before Unicode, Vietnamese offices typed with `.Vn`-prefixed fonts (`.VnTime`, `.VnArial`)
//! whose glyphs sit at the code points of Windows-1252 characters: a workbook whose cells say
//! `Gi¸ trÞ s¶n xuÊt` means *Giá trị sản xuất*. The text is stored as the Windows-1252
//! reading of the TCVN3 bytes, so the conversion maps each character back to its byte and
//! the byte to the Vietnamese letter.
//!
//! The table is TCVN 5712:1993's VN3 repertoire (the 8-bit "ABC" code used by the `.Vn`
//! fonts): the 7 capital base letters `Ă Â Ê Ô Ơ Ư Đ` at 0xA1–0xA7, their small forms at
//! 0xA8–0xAE, and the 60 small toned vowels (12 vowels × 5 tones) at 0xB5–0xFE. VN3 has no capital toned vowels:
//! the `.VnTimeH` capital fonts draw the small code points as capitals, so a label written
//! in capitals (all its ASCII letters upper case) is converted to capitals. The byte values
//! were checked against GNU libc's `TCVN5712-1` converter (whose VN1 table places the extra
//! capital toned vowels VN3 lacks at 0x80–0x9F, 0xAF, 0xBA, 0xBF–0xC5, 0xCD, 0xD9–0xDB,
//! 0xE0, 0xF0, 0xFF; those positions keep their Windows-1252 meaning here).

/// TCVN3 byte → Unicode letter, for bytes 0xA1..=0xFE (`'\0'` = not a VN3 letter).
const VN3: [char; 94] = [
    'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', // 0xA1–0xAE
    '\0', '\0', '\0', '\0', '\0', '\0', // 0xAF–0xB4
    'à', 'ả', 'ã', 'á', 'ạ', '\0', 'ằ', 'ẳ', 'ẵ', 'ắ', // 0xB5–0xBE
    '\0', '\0', '\0', '\0', '\0', '\0', '\0', // 0xBF–0xC5
    'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', '\0', 'ẻ', 'ẽ', // 0xC6–0xCF
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', '\0', // 0xD0–0xD9
    '\0', '\0', 'ĩ', 'í', 'ị', 'ò', '\0', 'ỏ', 'õ', 'ó', // 0xDA–0xE3
    'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', // 0xE4–0xED
    'ợ', 'ù', '\0', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', // 0xEE–0xF7
    'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', // 0xF8–0xFE
];

/// The TCVN3 letter at Windows-1252 character `c`, if any.
fn letter(c: char) -> Option<char> {
    let code = c as u32;
    if (0xA1..=0xFE).contains(&code) {
        let l = VN3[(code - 0xA1) as usize];
        (l != '\0').then_some(l)
    } else {
        None
    }
}

/// Characters that are symbols in Windows-1252 but letters in TCVN3: finding them among
/// Latin letters is the mark of TCVN3 text (`¸ µ ¶ · ¹ ¨ © ª « ¬ ­ ®` …).
fn is_marker(c: char) -> bool {
    matches!(c as u32, 0xA1..=0xBE) && letter(c).is_some()
}

/// Whether `text` looks like TCVN3 read as Windows-1252: it has at least one character that
/// is a symbol in Windows-1252 but a letter in TCVN3, placed inside a word, and nothing
/// beyond Windows-1252 (real Vietnamese Unicode text has letters such as `ạ`, `ơ`, `ư`).
///
/// ```
/// use nangsuat::ingest::tcvn3::looks_like_tcvn3;
/// assert!(looks_like_tcvn3("Gi¸ trÞ s¶n xuÊt"));
/// assert!(!looks_like_tcvn3("Giá trị sản xuất"));
/// assert!(!looks_like_tcvn3("Café © 2024"));
/// ```
pub fn looks_like_tcvn3(text: &str) -> bool {
    if text.chars().any(|c| (c as u32) > 0xFF) {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        is_marker(c) && {
            // Inside a word: a letter (ASCII or TCVN3) next to it.
            let near = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|&n| n.is_ascii_alphabetic() || letter(n).is_some())
            };
            near(i.checked_sub(1)) || near(Some(i + 1))
        }
    })
}

/// Converts TCVN3 text (read as Windows-1252) to Unicode.
///
/// ```
/// use nangsuat::ingest::tcvn3::to_unicode;
/// assert_eq!(to_unicode("Gi¸ trÞ s¶n xuÊt"), "Giá trị sản xuất");
/// assert_eq!(to_unicode("Tæng s¶n phÈm trong n­íc"), "Tổng sản phẩm trong nước");
/// assert_eq!(to_unicode("GI¸ TRÞ"), "GIÁ TRỊ");
/// ```
pub fn to_unicode(text: &str) -> String {
    let ascii_letters: Vec<char> = text.chars().filter(char::is_ascii_alphabetic).collect();
    let capitals = ascii_letters.len() >= 2 && ascii_letters.iter().all(char::is_ascii_uppercase);
    text.chars()
        .map(|c| match letter(c) {
            Some(l) if capitals => l.to_uppercase().next().unwrap_or(l),
            Some(l) => l,
            None => c,
        })
        .collect()
}

/// Converts `text` if it [looks like TCVN3](looks_like_tcvn3); `None` if it does not.
pub fn convert_if_tcvn3(text: &str) -> Option<String> {
    looks_like_tcvn3(text).then(|| to_unicode(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole VN3 table, byte by byte, against the letters it must give
    /// (TCVN 5712:1993; checked against GNU libc `iconv -f TCVN5712-1`).
    #[test]
    fn table_matches_the_standard() {
        let expected = [
            (0xA1, 'Ă'),
            (0xA7, 'Đ'),
            (0xA8, 'ă'),
            (0xAE, 'đ'),
            (0xB5, 'à'),
            (0xB8, 'á'),
            (0xB9, 'ạ'),
            (0xBE, 'ắ'),
            (0xC6, 'ặ'),
            (0xCA, 'ấ'),
            (0xCB, 'ậ'),
            (0xD6, 'ệ'),
            (0xDE, 'ị'),
            (0xE8, 'ố'),
            (0xEE, 'ợ'),
            (0xF9, 'ự'),
            (0xFE, 'ỵ'),
        ];
        for (b, l) in expected {
            assert_eq!(letter(char::from_u32(b).unwrap()), Some(l), "{b:#x}");
        }
        // 14 base letters + 12 vowels × 5 tones.
        assert_eq!(VN3.iter().filter(|&&c| c != '\0').count(), 14 + 60);
    }

    #[test]
    fn sentences() {
        assert_eq!(
            to_unicode("N«ng, l©m nghiÖp vµ thñy s¶n"),
            "Nông, lâm nghiệp và thủy sản"
        );
        assert_eq!(to_unicode("§¬n vÞ tÝnh: Tû ®ång"), "Đơn vị tính: Tỷ đồng");
        assert!(looks_like_tcvn3("§¬n vÞ tÝnh: Tû ®ång"));
        assert!(!looks_like_tcvn3("Price ¥ 100"));
        assert!(!looks_like_tcvn3("Ha Noi"));
    }
}
