//! PC-Axis `.px` files (Statistics Sweden, *PX file format specification*, 2013).
//!
//! What is read:
//! * `CODEPAGE` (`iso-8859-1`, `iso-8859-15`, `windows-1252`, `utf-8`, any label the WHATWG
//!   Encoding Standard knows) anywhere in the header. A declared code page that does not fit
//!   the bytes is handled, not turned into mojibake: UTF-8 bytes under a single-byte code
//!   page are read as UTF-8, invalid UTF-8 under `utf-8` is read as Windows-1252; each case
//!   adds a [`Metadata::warnings`] entry. A UTF-8 byte-order mark means UTF-8.
//! * Keywords `KEYWORD[lang]("subkey", …)=value;` over any number of lines; lists of quoted
//!   strings; a quoted string continued on the next line (`"ab"` newline `"cd"` is `abcd`).
//! * `LANGUAGE` / `LANGUAGES` and `[xx]` keys: the labels of the chosen language, falling
//!   back to the default language's entry for keywords that have no `[xx]` form.
//! * `STUB` / `HEADING` (data order: stub combinations row by row, heading combinations
//!   across, the first variable varying slowest), `VALUES`, `CODES`, `TIMEVAL`
//!   (`TLIST(A1|H1|Q1|M1|W1)` lists and `"a"-"b"` ranges), time detected without `TIMEVAL`
//!   when every label reads as a period.
//! * `KEYS("var")=VALUES|CODES`: the sparse layout, where each data line starts with the
//!   keys of its stub combination; combinations absent from `DATA` are absent from the table
//!   (the specification lets producers leave out rows of zeros; nothing is invented).
//! * `DATASYMBOL1`–`DATASYMBOL6`, `DATASYMBOLNIL`, `DATASYMBOLSUM`: in `DATA` a missing cell
//!   is `"."` … `"......"` (1–6 dots) or `"-"` (nil), quoted or not; the symbol kept is the
//!   file's presentation text for it, and its meaning comes from that text.
//! * `NOTE`/`NOTEX` (table or `("var")`), `VALUENOTE`/`VALUENOTEX`, `CELLNOTE`/`CELLNOTEX`
//!   (with `*` wildcards) onto the table, dimensions, categories and cells.
//! * `CONTVARIABLE` with per-content `UNITS`, `LAST-UPDATED`, `SOURCE`; `PRECISION` and
//!   `DECIMALS` (kept as presentation; values are never rounded).
//! * A `DATA` cell count that does not match the dimensions is an error naming both counts.

use std::collections::{BTreeMap, HashMap};

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::period::Period;
use super::symbols::{DecimalMark, missing_kind, parse_number, parse_value};
use super::table::{Category, Cell, Dimension, Format, Metadata, MissingKind, Role, Status, Table};
use super::{ReadOptions, detect_time, parse_error, time_name};
use crate::error::{Error, Result};

const FORMAT: &str = "PC-Axis";

/// Reads a PC-Axis file (see the module docs).
///
/// # Errors
/// [`Error::Parse`] naming the file, the line and what was expected (an unterminated quoted
/// string, a keyword without `=`, no `STUB`/`HEADING`, `VALUES` missing for a variable,
/// `CODES` of another length, a `DATA` count that does not match the dimensions, a `KEYS`
/// line with unknown keys); [`Error::InvalidParameter`] for a language the file lacks.
///
/// ```
/// use nangsuat::ingest::{px::parse_px, ReadOptions};
/// let t = parse_px(b"STUB=\"a\";\nVALUES(\"a\")=\"x\",\"y\";\nDATA=1 \"-\";", &ReadOptions::default())?;
/// assert_eq!(t.cells[0].value, Some(1.0));
/// assert_eq!(t.cells[1].symbol.as_deref(), Some("-"));
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn parse_px(bytes: &[u8], options: &ReadOptions) -> Result<Table> {
    let file = options.file();
    let mut warnings = Vec::new();
    let text = decode(bytes, file, &mut warnings);
    let header = Header::parse(&text, file)?;
    build(header, options, warnings, bytes.len())
}

/// Decodes the bytes by their declared `CODEPAGE`, checked against the bytes.
fn decode(bytes: &[u8], file: &str, warnings: &mut Vec<String>) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let declared = declared_codepage(bytes);
    let utf8 = std::str::from_utf8(bytes);
    let non_ascii = bytes.iter().any(|b| !b.is_ascii());
    let label = declared.as_deref().unwrap_or("iso-8859-1");
    let encoding = Encoding::for_label(label.trim().as_bytes());
    match (encoding, utf8) {
        (Some(e), Ok(s)) if e == UTF_8 => s.to_string(),
        (Some(e), Err(err)) if e == UTF_8 => {
            let line = bytes[..err.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            warnings.push(format!(
                "{}CODEPAGE says utf-8 but line {line} is not valid UTF-8; read as windows-1252",
                file_prefix(file)
            ));
            WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        }
        (_, Ok(s)) if non_ascii => {
            // Single-byte code pages cannot produce valid multi-byte UTF-8 sequences by
            // accident in real text: the bytes are UTF-8 whatever the header says.
            if declared.is_some() {
                warnings.push(format!(
                    "{}CODEPAGE says {label} but the bytes are UTF-8; read as UTF-8",
                    file_prefix(file)
                ));
            }
            s.to_string()
        }
        (Some(e), _) => e.decode_without_bom_handling(bytes).0.into_owned(),
        (None, Ok(s)) => {
            warnings.push(format!(
                "{}unknown CODEPAGE `{label}`; the bytes are ASCII",
                file_prefix(file)
            ));
            s.to_string()
        }
        (None, Err(_)) => {
            warnings.push(format!(
                "{}unknown CODEPAGE `{label}`; read as windows-1252",
                file_prefix(file)
            ));
            WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        }
    }
}

fn file_prefix(file: &str) -> String {
    if file.is_empty() {
        String::new()
    } else {
        format!("{file}: ")
    }
}

fn declared_codepage(bytes: &[u8]) -> Option<String> {
    let key = b"CODEPAGE";
    let mut from = 0;
    while let Some(i) = bytes[from..].windows(key.len()).position(|w| w == key) {
        let at = from + i;
        // Must start a keyword: beginning of file or after a line break / semicolon.
        let starts = at == 0
            || bytes[..at]
                .iter()
                .rev()
                .find(|b| !matches!(b, b' ' | b'\t'))
                .is_none_or(|b| matches!(b, b'\n' | b'\r' | b';'));
        let rest = &bytes[at + key.len()..];
        let rest = rest.strip_prefix(b"=").or_else(|| {
            let r = rest.iter().position(|&b| b != b' ')?;
            rest[r..].strip_prefix(b"=")
        });
        if let (true, Some(rest)) = (starts, rest) {
            let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
            let end = rest
                .iter()
                .position(|&b| matches!(b, b'"' | b';' | b'\n'))?;
            return Some(String::from_utf8_lossy(&rest[..end]).trim().to_string());
        }
        from = at + key.len();
        if bytes[..at].windows(5).any(|w| w == b"DATA=") {
            return None;
        }
    }
    None
}

/// One value item of a keyword.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Quoted(String),
    Bare(String),
}

impl Item {
    fn text(&self) -> &str {
        match self {
            Item::Quoted(s) | Item::Bare(s) => s,
        }
    }
}

#[derive(Debug)]
struct Entry {
    keyword: String,
    lang: Option<String>,
    subkeys: Vec<String>,
    items: Vec<Item>,
    line: usize,
}

struct Header {
    entries: Vec<Entry>,
    data: String,
    data_line: usize,
}

struct Cursor<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    file: &'a str,
}

impl Cursor<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.chars.next();
        if c == Some('\n') {
            self.line += 1;
        }
        c
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.next();
        }
    }

    fn err(&self, msg: impl Into<String>) -> Error {
        parse_error(FORMAT, self.file, Some(self.line), msg)
    }

    /// After the opening quote: up to the closing quote.
    fn quoted(&mut self) -> Result<String> {
        let start = self.line;
        let mut s = String::new();
        loop {
            match self.next() {
                Some('"') => return Ok(s),
                Some('\r' | '\n') => {
                    // Tolerated: some producers break inside quotes; the break is dropped.
                }
                Some(c) => s.push(c),
                None => {
                    return Err(parse_error(
                        FORMAT,
                        self.file,
                        Some(start),
                        "a quoted string is not closed: expected `\"` before the end of the file",
                    ));
                }
            }
        }
    }
}

impl Header {
    fn parse(text: &str, file: &str) -> Result<Header> {
        let mut cur = Cursor {
            chars: text.chars().peekable(),
            line: 1,
            file,
        };
        let mut entries = Vec::new();
        loop {
            cur.skip_ws();
            let Some(_) = cur.peek() else {
                return Err(cur.err("no `DATA=` keyword: expected the data after the metadata"));
            };
            let line = cur.line;
            let mut keyword = String::new();
            while let Some(c) = cur.peek() {
                if matches!(c, '[' | '(' | '=' | ';' | '"') || c.is_whitespace() {
                    break;
                }
                keyword.push(c);
                cur.next();
            }
            cur.skip_ws();
            let mut lang = None;
            if cur.peek() == Some('[') {
                cur.next();
                let mut l = String::new();
                loop {
                    match cur.next() {
                        Some(']') => break,
                        Some(c) => l.push(c),
                        None => return Err(cur.err(format!("`{keyword}[` is not closed by `]`"))),
                    }
                }
                lang = Some(l.trim().to_string());
                cur.skip_ws();
            }
            let mut subkeys = Vec::new();
            if cur.peek() == Some('(') {
                cur.next();
                loop {
                    cur.skip_ws();
                    match cur.next() {
                        Some('"') => subkeys.push(cur.quoted()?),
                        Some(',') => {}
                        Some(')') => break,
                        Some(c) => {
                            // Unquoted subkey (rare): read to the next separator.
                            let mut s = String::from(c);
                            while let Some(c) = cur.peek() {
                                if matches!(c, ',' | ')') {
                                    break;
                                }
                                s.push(c);
                                cur.next();
                            }
                            subkeys.push(s.trim().to_string());
                        }
                        None => return Err(cur.err(format!("`{keyword}(` is not closed by `)`"))),
                    }
                }
                cur.skip_ws();
            }
            if cur.next() != Some('=') {
                return Err(parse_error(
                    FORMAT,
                    file,
                    Some(line),
                    format!(
                        "expected `KEYWORD=value;` but `{}` is not followed by `=`",
                        if keyword.is_empty() {
                            "(nothing)"
                        } else {
                            &keyword
                        }
                    ),
                ));
            }
            if keyword.eq_ignore_ascii_case("DATA") {
                let data_line = cur.line;
                let data: String = cur.chars.collect();
                return Ok(Header {
                    entries,
                    data,
                    data_line,
                });
            }
            let items = Self::value(&mut cur, &keyword)?;
            entries.push(Entry {
                keyword: keyword.to_ascii_uppercase(),
                lang,
                subkeys,
                items,
                line,
            });
        }
    }

    /// The value after `=`, up to `;`.
    fn value(cur: &mut Cursor<'_>, keyword: &str) -> Result<Vec<Item>> {
        let start = cur.line;
        let mut items = Vec::new();
        let mut last_was_quoted = false;
        loop {
            let mut ws_newline = false;
            while let Some(c) = cur.peek() {
                if !c.is_whitespace() {
                    break;
                }
                ws_newline |= c == '\n';
                cur.next();
            }
            let _ = ws_newline;
            match cur.peek() {
                None => {
                    return Err(parse_error(
                        FORMAT,
                        cur.file,
                        Some(start),
                        format!("the value of `{keyword}` does not end with `;`"),
                    ));
                }
                Some(';') => {
                    cur.next();
                    return Ok(items);
                }
                Some(',') => {
                    cur.next();
                    last_was_quoted = false;
                }
                Some('"') => {
                    cur.next();
                    let s = cur.quoted()?;
                    // Adjacent quoted strings (across a line break) are one string.
                    match (last_was_quoted, items.last_mut()) {
                        (true, Some(Item::Quoted(prev))) => prev.push_str(&s),
                        _ => items.push(Item::Quoted(s)),
                    }
                    last_was_quoted = true;
                }
                Some(_) => {
                    let mut s = String::new();
                    let mut depth = 0usize;
                    let mut in_quote = false;
                    while let Some(c) = cur.peek() {
                        if !in_quote && depth == 0 && matches!(c, ',' | ';') {
                            break;
                        }
                        match c {
                            '"' => in_quote = !in_quote,
                            '(' if !in_quote => depth += 1,
                            ')' if !in_quote => depth = depth.saturating_sub(1),
                            _ => {}
                        }
                        s.push(c);
                        cur.next();
                    }
                    if in_quote {
                        return Err(parse_error(
                            FORMAT,
                            cur.file,
                            Some(start),
                            format!("a quoted string in `{keyword}` is not closed"),
                        ));
                    }
                    items.push(Item::Bare(s.trim().to_string()));
                    last_was_quoted = false;
                }
            }
        }
    }
}

/// Keyword lookups for one language, with the default language as fallback.
struct Lookup<'a> {
    entries: &'a [Entry],
    /// The first entry of each (keyword, language, subkeys): lookups per variable and per
    /// value stay constant-time however many entries the header has.
    index: &'a HashMap<String, usize>,
    lang: Option<String>,
}

/// The key of an entry in [`Lookup::index`]: each part length-prefixed, so no two different
/// (keyword, language, subkeys) share a key whatever characters they hold.
fn entry_key<'s>(
    keyword: &str,
    lang: Option<&str>,
    subkeys: impl Iterator<Item = &'s str>,
) -> String {
    use std::fmt::Write;
    let mut key = String::new();
    let mut part = |s: &str| {
        let _ = write!(key, "{}:{s}", s.len());
    };
    part(keyword);
    match lang {
        Some(l) => part(&format!("+{l}")),
        None => part("-"),
    }
    for s in subkeys {
        part(s);
    }
    key
}

/// The index of [`Lookup`]: the first entry of each key, as a linear search would find it.
fn entry_index(entries: &[Entry]) -> HashMap<String, usize> {
    let mut index = HashMap::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let key = entry_key(
            &e.keyword,
            e.lang.as_deref(),
            e.subkeys.iter().map(String::as_str),
        );
        index.entry(key).or_insert(i);
    }
    index
}

impl Lookup<'_> {
    fn find(&self, keyword: &str, subkeys: &[&str]) -> Option<&Entry> {
        let get = |lang: Option<&str>| {
            self.index
                .get(&entry_key(keyword, lang, subkeys.iter().copied()))
                .map(|&i| &self.entries[i])
        };
        if let Some(l) = &self.lang
            && let Some(e) = get(Some(l))
        {
            return Some(e);
        }
        get(None)
    }

    fn all<'s>(&'s self, keyword: &'s str) -> impl Iterator<Item = &'s Entry> + 's {
        let lang = self.lang.clone();
        let has_lang = self
            .entries
            .iter()
            .any(|e| e.keyword == keyword && e.lang.is_some() && e.lang == lang);
        self.entries.iter().filter(move |e| {
            e.keyword == keyword
                && if has_lang {
                    e.lang == lang
                } else {
                    e.lang.is_none()
                }
        })
    }

    fn text(&self, keyword: &str) -> Option<String> {
        self.find(keyword, &[]).map(|e| {
            e.items
                .iter()
                .map(Item::text)
                .collect::<Vec<_>>()
                .join(", ")
        })
    }

    fn list(&self, keyword: &str, subkeys: &[&str]) -> Option<Vec<String>> {
        self.find(keyword, subkeys)
            .map(|e| e.items.iter().map(|i| i.text().to_string()).collect())
    }
}

fn build(
    header: Header,
    options: &ReadOptions,
    warnings: Vec<String>,
    file_len: usize,
) -> Result<Table> {
    let file = options.file();
    let index = entry_index(&header.entries);
    let base = Lookup {
        entries: &header.entries,
        index: &index,
        lang: None,
    };
    let default_lang = base.text("LANGUAGE");
    let languages = base.list("LANGUAGES", &[]).unwrap_or_default();
    let lang = match options.language.as_deref() {
        None => None,
        Some(l) if Some(l) == default_lang.as_deref() => None,
        Some(l) if languages.iter().any(|x| x == l) => Some(l.to_string()),
        Some(l) => {
            let has = if languages.is_empty() {
                default_lang
                    .clone()
                    .unwrap_or_else(|| "no language list".into())
            } else {
                languages.join(", ")
            };
            return Err(Error::invalid_parameter(
                "language",
                format!(
                    "{}the file has no `{l}` labels (it has: {has})",
                    file_prefix(file)
                ),
            ));
        }
    };
    let look = Lookup {
        entries: &header.entries,
        index: &index,
        lang: lang.clone(),
    };
    let stub = look.list("STUB", &[]).unwrap_or_default();
    let heading = look.list("HEADING", &[]).unwrap_or_default();
    if stub.is_empty() && heading.is_empty() {
        return Err(parse_error(
            FORMAT,
            file,
            None,
            "neither STUB nor HEADING is given: expected the variables of the table",
        ));
    }
    // Default-language variable names, for keywords (CODES, TIMEVAL…) given only once.
    let default_vars: Vec<String> = base
        .list("STUB", &[])
        .unwrap_or_default()
        .into_iter()
        .chain(base.list("HEADING", &[]).unwrap_or_default())
        .collect();
    let vars: Vec<String> = stub.iter().chain(&heading).cloned().collect();
    let contvariable = look.text("CONTVARIABLE");

    let mut dims = Vec::with_capacity(vars.len());
    // Default-language labels: KEYS lines and untranslated CELLNOTEs use them.
    let mut default_labels: Vec<Vec<String>> = Vec::with_capacity(vars.len());
    for (vi, var) in vars.iter().enumerate() {
        let dflt = default_vars.get(vi).map(String::as_str).unwrap_or(var);
        let find_list = |kw: &str| look.list(kw, &[var]).or_else(|| base.list(kw, &[dflt]));
        let Some(values) = look.list("VALUES", &[var]) else {
            return Err(parse_error(
                FORMAT,
                file,
                None,
                format!("no VALUES(\"{var}\"): expected the values of every STUB/HEADING variable"),
            ));
        };
        default_labels.push(
            base.list("VALUES", &[dflt])
                .filter(|d| d.len() == values.len())
                .unwrap_or_else(|| values.clone()),
        );
        let has_codes = find_list("CODES").is_some();
        let codes = match find_list("CODES") {
            Some(c) if c.len() != values.len() => {
                let line = look.find("CODES", &[var]).map(|e| e.line);
                return Err(parse_error(
                    FORMAT,
                    file,
                    line,
                    format!(
                        "CODES(\"{var}\") has {} codes but VALUES(\"{var}\") has {} values",
                        c.len(),
                        values.len()
                    ),
                ));
            }
            Some(c) => c,
            None => values.clone(),
        };
        let var_code = look
            .find("VARIABLECODE", &[var])
            .or_else(|| base.find("VARIABLECODE", &[dflt]))
            .and_then(|e| e.items.first().map(|i| i.text().to_string()))
            .unwrap_or_else(|| var.clone());
        let mut cats: Vec<Category> = codes
            .iter()
            .zip(&values)
            .map(|(c, v)| Category::new(c.clone(), v.clone()))
            .collect();
        for (ci, cat) in cats.iter_mut().enumerate() {
            let value = &values[ci];
            let mut notes = Vec::new();
            for kw in ["VALUENOTE", "VALUENOTEX"] {
                if let Some(e) = look.find(kw, &[var, value]) {
                    notes.extend(e.items.iter().map(|i| i.text().to_string()));
                }
            }
            if !notes.is_empty() {
                cat.note = Some(notes.join(" "));
            }
            if let Some(p) = look.find("PRECISION", &[var, value]) {
                cat.decimals = p.items.first().and_then(|i| i.text().trim().parse().ok());
            }
            if contvariable.as_deref() == Some(var.as_str()) {
                cat.unit = look.text_sub("UNITS", value);
            }
        }
        let role = if contvariable.as_deref() == Some(var.as_str()) {
            Role::Metric
        } else {
            Role::Other
        };
        let mut dim = Dimension::new(var_code, var.clone(), role, cats);
        let mut notes = Vec::new();
        for kw in ["NOTE", "NOTEX"] {
            if let Some(e) = look.find(kw, &[var]) {
                notes.extend(e.items.iter().map(|i| i.text().to_string()));
            }
        }
        if !notes.is_empty() {
            dim.note = Some(notes.join(" "));
        }
        let timeval = look
            .find("TIMEVAL", &[var])
            .or_else(|| base.find("TIMEVAL", &[dflt]));
        match timeval {
            Some(e) => apply_timeval(&mut dim, e, has_codes),
            None => {
                let hint = time_name(var) || time_name(&dim.id);
                detect_time(&mut dim, hint)
            }
        }
        dims.push(dim);
    }

    let mut metadata = Metadata {
        format: Some(Format::PcAxis),
        file: options.name.clone(),
        table_id: look.text("MATRIX"),
        title: look.text("TITLE").or_else(|| look.text("DESCRIPTION")),
        unit: look.text("UNITS"),
        source: look.text("SOURCE"),
        last_updated: look
            .text("LAST-UPDATED")
            .or_else(|| look.text("CREATION-DATE")),
        language: lang.clone().or(default_lang),
        languages,
        decimals: look.text("DECIMALS").and_then(|d| d.trim().parse().ok()),
        warnings,
        ..Metadata::default()
    };
    for kw in ["NOTE", "NOTEX"] {
        metadata.notes.extend(
            look.all(kw)
                .filter(|e| e.subkeys.is_empty())
                .flat_map(|e| e.items.iter().map(|i| i.text().to_string())),
        );
    }
    if contvariable.is_some() {
        // Per-content LAST-UPDATED / SOURCE when the table has none.
        if metadata.last_updated.is_none() {
            metadata.last_updated = look
                .all("LAST-UPDATED")
                .find_map(|e| e.items.first().map(|i| i.text().to_string()));
        }
        if metadata.source.is_none() {
            metadata.source = look
                .all("SOURCE")
                .find_map(|e| e.items.first().map(|i| i.text().to_string()));
        }
    }

    let symbols = Symbols::from(&look);
    let n_stub = stub.len();
    let sizes: Vec<usize> = dims.iter().map(|d| d.categories.len()).collect();
    let head_sizes = &sizes[n_stub..];
    let too_big = || {
        parse_error(
            FORMAT,
            file,
            None,
            format!(
                "the STUB and HEADING values ({}) describe more cells than can be held",
                super::sizes_text(&sizes)
            ),
        )
    };
    let checked = |s: &[usize]| {
        s.iter()
            .try_fold(1usize, |a, &b| a.checked_mul(b))
            .filter(|&n| n <= 500_000_000)
    };
    let head_count = checked(head_sizes).ok_or_else(too_big)?;
    let expected = checked(&sizes).ok_or_else(too_big)?;
    let tokens = data_tokens(&header.data, header.data_line, file)?;
    // Every DATA value is a cell with a coordinate for each variable: many one-value
    // variables over many values would take memory out of proportion to the file.
    super::check_table_size(FORMAT, file, file_len, tokens.len(), sizes.len(), || {
        format!(
            "DATA has {} values over the STUB and HEADING values ({})",
            tokens.len(),
            super::sizes_text(&sizes)
        )
    })?;

    let keys: Vec<Option<String>> = stub
        .iter()
        .map(|v| look.text_sub("KEYS", v).map(|k| k.to_ascii_uppercase()))
        .collect();
    let mut cells = Vec::new();
    if keys.iter().any(Option::is_some) {
        read_keys(
            &tokens,
            &keys,
            &dims[..n_stub],
            &default_labels[..n_stub],
            head_sizes,
            head_count,
            &symbols,
            file,
            &mut cells,
        )?;
    } else {
        if tokens.len() != expected {
            let dims_txt = sizes
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" × ");
            return Err(parse_error(
                FORMAT,
                file,
                Some(header.data_line),
                format!(
                    "DATA has {} values but the dimensions (STUB × HEADING = {dims_txt}) need {expected}",
                    tokens.len()
                ),
            ));
        }
        cells.reserve(expected);
        let mut coords = vec![0u32; sizes.len()];
        for (n, tok) in tokens.iter().enumerate() {
            if n > 0 {
                // Odometer: the last variable varies fastest.
                for d in (0..sizes.len()).rev() {
                    coords[d] += 1;
                    if (coords[d] as usize) < sizes[d] {
                        break;
                    }
                    coords[d] = 0;
                }
            }
            cells.push(symbols.cell(tok, coords.clone(), n + 1));
        }
    }
    apply_cellnotes(&look, &dims, &default_labels, &mut cells);
    Table {
        metadata,
        dimensions: dims,
        cells,
    }
    .with_unique_cells(FORMAT, file)
}

impl Lookup<'_> {
    fn text_sub(&self, keyword: &str, sub: &str) -> Option<String> {
        self.find(keyword, &[sub]).map(|e| {
            e.items
                .iter()
                .map(Item::text)
                .collect::<Vec<_>>()
                .join(", ")
        })
    }
}

/// `TIMEVAL("var")=TLIST(A1),"1995","1996";` or `TLIST(A1,"1994"-"1996")`.
/// Without `CODES`, the TIMEVAL periods (language-independent, ISO form: `2024`, `2024-Q2`)
/// become the codes.
fn apply_timeval(dim: &mut Dimension, e: &Entry, has_codes: bool) {
    dim.role = Role::Time;
    let mut freq = None;
    let mut list: Vec<String> = Vec::new();
    for item in &e.items {
        match item {
            Item::Bare(b) if b.to_ascii_uppercase().starts_with("TLIST(") => {
                let inner = b[6..].trim_end_matches(')');
                let mut parts = inner.splitn(2, ',');
                freq = parts.next().map(|f| f.trim().to_ascii_uppercase());
                if let Some(range) = parts.next() {
                    let ends: Vec<String> = range
                        .split('-')
                        .map(|s| s.trim().trim_matches('"').to_string())
                        .collect();
                    if let [a, b] = ends.as_slice() {
                        list = expand_range(a, b, freq.as_deref());
                    }
                }
            }
            other => list.push(other.text().to_string()),
        }
    }
    let parse = |code: &str| -> Option<Period> {
        let digits = code.trim();
        let y: i32 = digits.get(..4)?.parse().ok()?;
        let rest = digits.get(4..)?;
        match freq.as_deref() {
            Some("A1") if rest.is_empty() => Some(Period::year(y)),
            Some("Q1") => Period::quarter(y, rest.parse().ok()?),
            Some("M1") => Period::month(y, rest.parse().ok()?),
            _ => Period::parse(code),
        }
    };
    let use_list = list.len() == dim.categories.len();
    for (i, cat) in dim.categories.iter_mut().enumerate() {
        let from_list = use_list.then(|| parse(&list[i])).flatten();
        let (p, s) = match from_list {
            Some(p) => (
                Some(p),
                super::period::parse_label(&cat.label).and_then(|x| x.1),
            ),
            None => match super::period::parse_label(&cat.label) {
                Some((p, s)) => (Some(p), s),
                None => (parse(&cat.code), None),
            },
        };
        cat.period = p;
        if use_list && !has_codes {
            cat.code = p.map_or_else(|| list[i].clone(), |p| p.to_string());
        }
        if cat.status.is_none() {
            cat.status = s;
        }
    }
}

fn expand_range(a: &str, b: &str, freq: Option<&str>) -> Vec<String> {
    let (Ok(a), Ok(b)) = (a.parse::<i64>(), b.parse::<i64>()) else {
        return Vec::new();
    };
    if b < a || b - a > 100_000 {
        return Vec::new();
    }
    let per_year = match freq {
        Some("Q1") => 4,
        Some("M1") => 12,
        Some("H1") => 2,
        _ => 1,
    };
    if per_year == 1 {
        return (a..=b).map(|y| y.to_string()).collect();
    }
    let width = if per_year == 12 { 2 } else { 1 };
    let split = |v: i64| (v / 10i64.pow(width), v % 10i64.pow(width));
    let (mut y, mut s) = split(a);
    let (yb, sb) = split(b);
    let mut out = Vec::new();
    while (y, s) <= (yb, sb) && out.len() < 100_000 {
        out.push(format!("{y}{s:0w$}", w = width as usize));
        s += 1;
        if s > per_year {
            s = 1;
            y += 1;
        }
    }
    out
}

/// The file's presentation texts for the missing-value markers.
struct Symbols {
    dots: [Option<String>; 6],
    nil: Option<String>,
    sum: Option<String>,
}

impl Symbols {
    fn from(look: &Lookup<'_>) -> Self {
        let get = |k: &str| look.text(k);
        Symbols {
            dots: std::array::from_fn(|i| get(&format!("DATASYMBOL{}", i + 1))),
            nil: get("DATASYMBOLNIL"),
            sum: get("DATASYMBOLSUM"),
        }
    }

    fn cell(&self, tok: &DataToken, coords: Vec<u32>, n: usize) -> Cell {
        let location = format!("DATA value {n} (line {})", tok.line);
        let t = tok.text.as_str();
        if !tok.quoted
            && let Some(v) = parse_number(t, DecimalMark::Point)
        {
            return Cell::new(coords, Some(v), None, None, location);
        }
        // Missing markers: 1-6 dots, `-` (nil), or the file's own symbols.
        let dots =
            (!t.is_empty() && t.len() <= 6 && t.bytes().all(|b| b == b'.')).then_some(t.len());
        let (presentation, kind) = if let Some(n) = dots {
            let shown = self.dots[n - 1].clone();
            let kind = shown
                .as_deref()
                .and_then(missing_kind)
                .unwrap_or(if n == 1 {
                    MissingKind::NotApplicable
                } else {
                    MissingKind::NotAvailable
                });
            (shown.unwrap_or_else(|| t.to_string()), Some(kind))
        } else if t == "-" {
            let shown = self.nil.clone();
            (shown.unwrap_or_else(|| "-".into()), Some(MissingKind::Nil))
        } else if let Some(i) = self.dots.iter().position(|s| s.as_deref() == Some(t)) {
            // A producer that wrote the presentation text itself.
            let kind = missing_kind(t).unwrap_or(if i == 0 {
                MissingKind::NotApplicable
            } else {
                MissingKind::NotAvailable
            });
            (t.to_string(), Some(kind))
        } else if self.nil.as_deref() == Some(t) {
            (t.to_string(), Some(MissingKind::Nil))
        } else if self.sum.as_deref() == Some(t) {
            (t.to_string(), Some(MissingKind::NotAvailable))
        } else {
            (String::new(), None)
        };
        if let Some(kind) = kind {
            return Cell::new(
                coords,
                None,
                Some(Status::Missing(kind)),
                Some(presentation),
                location,
            );
        }
        let p = parse_value(t, DecimalMark::Point);
        Cell::new(coords, p.value, p.status, p.symbol, location)
    }
}

#[derive(Debug)]
struct DataToken {
    text: String,
    quoted: bool,
    line: usize,
    /// A comma follows this token (separates keys in the KEYS layout).
    line_start: bool,
}

fn data_tokens(data: &str, first_line: usize, file: &str) -> Result<Vec<DataToken>> {
    let mut out = Vec::new();
    let mut line = first_line;
    let mut chars = data.chars().peekable();
    let mut line_start = true;
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                line += 1;
                line_start = true;
            }
            ';' => return Ok(out),
            c if c.is_whitespace() || c == ',' => {}
            '"' => {
                let start = line;
                let mut s = String::new();
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\n') => line += 1,
                        Some(c) => s.push(c),
                        None => {
                            return Err(parse_error(
                                FORMAT,
                                file,
                                Some(start),
                                "a quoted symbol in DATA is not closed",
                            ));
                        }
                    }
                }
                out.push(DataToken {
                    text: s,
                    quoted: true,
                    line: start,
                    line_start,
                });
                line_start = false;
            }
            c => {
                let mut s = String::from(c);
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || matches!(c, ',' | ';' | '"') {
                        break;
                    }
                    s.push(c);
                    chars.next();
                }
                out.push(DataToken {
                    text: s,
                    quoted: false,
                    line,
                    line_start,
                });
                line_start = false;
            }
        }
    }
    // The final `;` is missing: tolerated (the data simply ends), as PX-Win does.
    Ok(out)
}

/// Each name's position in `names` (the first of equal ones, as a search in order finds it).
fn first_positions<'n>(names: impl Iterator<Item = &'n str>) -> HashMap<&'n str, usize> {
    let mut at = HashMap::new();
    for (i, name) in names.enumerate() {
        at.entry(name).or_insert(i);
    }
    at
}

#[allow(clippy::too_many_arguments)]
fn read_keys(
    tokens: &[DataToken],
    keys: &[Option<String>],
    stub_dims: &[Dimension],
    default_labels: &[Vec<String>],
    head_sizes: &[usize],
    head_count: usize,
    symbols: &Symbols,
    file: &str,
    cells: &mut Vec<Cell>,
) -> Result<()> {
    let n_keys = keys.len();
    // Group tokens by line start.
    let mut rows: Vec<&[DataToken]> = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        if i == tokens.len() || tokens[i].line_start {
            if i > start {
                rows.push(&tokens[start..i]);
            }
            start = i;
        }
    }
    // Each key's position by code, by default-language label and by label (the first of
    // equal ones, as a search in order finds it): one lookup per key, not a search.
    let by_code: Vec<HashMap<&str, usize>> = stub_dims
        .iter()
        .map(|d| first_positions(d.categories.iter().map(|c| c.code.as_str())))
        .collect();
    let by_default_label: Vec<HashMap<&str, usize>> = default_labels
        .iter()
        .map(|l| first_positions(l.iter().map(String::as_str)))
        .collect();
    let by_label: Vec<HashMap<&str, usize>> = stub_dims
        .iter()
        .map(|d| first_positions(d.categories.iter().map(|c| c.label.as_str())))
        .collect();
    let mut n = 0usize;
    for row in rows {
        let line = row[0].line;
        if row.len() != n_keys + head_count {
            return Err(parse_error(
                FORMAT,
                file,
                Some(line),
                format!(
                    "a KEYS data line has {} items but {} keys and {} values were expected",
                    row.len(),
                    n_keys,
                    head_count
                ),
            ));
        }
        let mut stub_coords = Vec::with_capacity(n_keys);
        for (k, tok) in row[..n_keys].iter().enumerate() {
            let dim = &stub_dims[k];
            let use_codes = keys[k].as_deref() == Some("CODES");
            let text = tok.text.as_str();
            let pos = if use_codes {
                by_code[k].get(text).copied()
            } else {
                by_default_label
                    .get(k)
                    .and_then(|m| m.get(text))
                    .or_else(|| by_label[k].get(text))
                    .copied()
            };
            let Some(pos) = pos else {
                return Err(parse_error(
                    FORMAT,
                    file,
                    Some(line),
                    format!(
                        "KEYS: `{}` is not among the {} of `{}`",
                        tok.text,
                        if use_codes { "CODES" } else { "VALUES" },
                        dim.label
                    ),
                ));
            };
            stub_coords.push(pos as u32);
        }
        let mut head = vec![0u32; head_sizes.len()];
        for (j, tok) in row[n_keys..].iter().enumerate() {
            if j > 0 {
                for d in (0..head.len()).rev() {
                    head[d] += 1;
                    if (head[d] as usize) < head_sizes[d] {
                        break;
                    }
                    head[d] = 0;
                }
            }
            n += 1;
            let mut coords = stub_coords.clone();
            coords.extend_from_slice(&head);
            cells.push(symbols.cell(tok, coords, n));
        }
    }
    Ok(())
}

/// CELLNOTE("v1", …, "vn")="text": values (labels) in STUB then HEADING order, `*` = any.
fn apply_cellnotes(
    look: &Lookup<'_>,
    dims: &[Dimension],
    default_labels: &[Vec<String>],
    cells: &mut [Cell],
) {
    let mut notes: Vec<(Vec<Option<u32>>, String)> = Vec::new();
    for kw in ["CELLNOTE", "CELLNOTEX"] {
        for e in look.all(kw) {
            if e.subkeys.len() != dims.len() {
                continue;
            }
            let pattern: Option<Vec<Option<u32>>> = e
                .subkeys
                .iter()
                .zip(dims.iter().zip(default_labels))
                .map(|(s, (d, dl))| {
                    if s == "*" {
                        Some(None)
                    } else {
                        d.categories
                            .iter()
                            .position(|c| &c.label == s || &c.code == s)
                            .or_else(|| dl.iter().position(|l| l == s))
                            .map(|p| Some(p as u32))
                    }
                })
                .collect();
            if let Some(p) = pattern {
                let text = e.items.iter().map(Item::text).collect::<Vec<_>>().join(" ");
                notes.push((p, text));
            }
        }
    }
    if notes.is_empty() {
        return;
    }
    let mut by_cell: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (i, cell) in cells.iter().enumerate() {
        for (p, text) in &notes {
            if p.iter()
                .zip(&cell.coords)
                .all(|(want, have)| want.is_none_or(|w| w == *have))
            {
                by_cell.entry(i).or_default().push(text);
            }
        }
    }
    for (i, texts) in by_cell {
        let joined = texts.join("; ");
        cells[i].note = Some(match cells[i].note.take() {
            Some(n) => format!("{n}; {joined}"),
            None => joined,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Table> {
        parse_px(bytes, &ReadOptions::default().name("t.px"))
    }

    #[test]
    fn declared_cells_past_the_limit_name_the_sizes() {
        // 12 variables of 10 values declare 10^12 cells: refused before DATA is read, with
        // the sizes and their product (the message used to give neither).
        let mut px = String::from("STUB=\"a\",\"b\",\"c\",\"d\",\"e\",\"f\";\n");
        px += "HEADING=\"g\",\"h\",\"i\",\"j\",\"k\",\"l\";\n";
        for v in "abcdefghijkl".chars() {
            px += &format!(
                "VALUES(\"{v}\")=\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\";\n"
            );
        }
        px += "DATA=\n1;\n";
        let e = read(px.as_bytes()).unwrap_err();
        assert!(e.to_string().contains("(10^12 = 1000000000000)"), "{e}");
    }

    /// A header with an entry per value (PRECISION, VALUENOTE) and a KEYS data layout: every
    /// keyword lookup and every key is found without a search through all entries or values
    /// (a linear scan made this quadratic: 20,000 values took minutes).
    #[test]
    fn many_values_with_notes_and_keys_read_in_linear_time() {
        let n = 20_000;
        let mut px = String::from("STUB=\"v\";\nHEADING=\"y\";\nVALUES(\"v\")=");
        px += &(0..n)
            .map(|i| format!("\"a{i}\""))
            .collect::<Vec<_>>()
            .join(",");
        px += ";\nVALUES(\"y\")=\"2020\";\nKEYS(\"v\")=VALUES;\n";
        for i in 0..n {
            px += &format!("PRECISION(\"v\",\"a{i}\")={};\n", i % 3);
            px += &format!("VALUENOTE(\"v\",\"a{i}\")=\"note {i}\";\n");
        }
        px += "DATA=\n";
        for i in (0..n).rev() {
            px += &format!("\"a{i}\",{i}\n");
        }
        px += ";\n";
        let t = read(px.as_bytes()).unwrap();
        let cats = &t.dimensions[0].categories;
        assert_eq!(cats.len(), n);
        assert_eq!(cats[7].decimals, Some(1));
        assert_eq!(cats[19_999].note.as_deref(), Some("note 19999"));
        assert_eq!(t.cells.len(), n);
        let c = t.cells.iter().find(|c| c.coords[0] == 123).unwrap();
        assert_eq!(c.value, Some(123.0));
    }

    #[test]
    fn continued_strings_and_lists() {
        let t =
            read(b"TITLE=\"ab\"\n\"cd\";\nSTUB=\"v\";\nVALUES(\"v\")=\"a\",\n\"b\";\nDATA=1 2;")
                .unwrap();
        assert_eq!(t.metadata.title.as_deref(), Some("abcd"));
        assert_eq!(t.dimensions[0].categories.len(), 2);
    }

    #[test]
    fn count_mismatch_names_both_counts() {
        let e = read(b"STUB=\"v\";\nHEADING=\"t\";\nVALUES(\"v\")=\"a\",\"b\";\nVALUES(\"t\")=\"2020\",\"2021\";\nDATA=\n1 2 3;")
            .unwrap_err();
        let m = e.to_string();
        assert!(
            m.contains("DATA has 3 values") && m.contains("need 4"),
            "{m}"
        );
        assert!(m.contains("t.px") && m.contains("line 5"), "{m}");
    }

    #[test]
    fn unterminated_quote_is_an_error() {
        let e = read(b"TITLE=\"abc;\n").unwrap_err();
        assert!(e.to_string().contains("not closed"), "{e}");
        let e = read(b"STUB \"x\";").unwrap_err();
        assert!(e.to_string().contains("`=`"), "{e}");
    }

    #[test]
    fn timeval_range() {
        let t = read(b"HEADING=\"t\";\nVALUES(\"t\")=\"1994Q4\",\"1995Q1\";\nTIMEVAL(\"t\")=TLIST(Q1,\"19944\"-\"19951\");\nDATA=1 2;")
            .unwrap();
        let d = &t.dimensions[0];
        assert_eq!(d.role, Role::Time);
        assert_eq!(d.categories[1].period, Period::quarter(1995, 1));
    }
}
