//! A plan file as a person wrote it, edited without losing what they wrote.
//!
//! [`Plan::to_toml`] writes a plan from the model: comments, key order, inline or standard
//! tables, number spellings and escapes of the file it came from are gone. A
//! [`PlanDocument`] keeps the file's text (a format-preserving `toml_edit` document, the
//! parser cargo uses for `Cargo.toml`) next to the plan read from it. An edit goes through
//! the model ([`PlanDocument::edit`] or [`PlanDocument::set_plan`]) and then only what
//! changed is rewritten: every key, comment, blank line and value the edit did not touch
//! stays byte for byte, keys keep their order, a changed value keeps the spacing and the
//! comment around it, new keys go after the existing ones, and goals or tasks are matched by
//! `id`.
//!
//! Text that nangsuat writes spells invisible characters as escapes a person can see:
//! a no-break space (U+00A0, common in Vietnamese documents copied from Word or PDF) is
//! written `\u00A0`, never as a character that looks like a space (see [`visible_escapes`]).
//!
//! ```
//! use nangsuat::plan::document::PlanDocument;
//! let text = std::fs::read_to_string(concat!(
//!     env!("CARGO_MANIFEST_DIR"), "/plans/th-d36-commitment-2021.toml"))?;
//! let mut doc = PlanDocument::from_toml(&text)?;
//! doc.edit(|plan| plan.parent = Some("vn-d36-2021-revised".into()))?;
//! let saved = doc.to_toml();
//! // Only the edited line differs; the comments at the top are still there.
//! assert!(saved.starts_with("# Thanh Hóa's commitment"));
//! assert!(saved.contains("parent = \"vn-d36-2021-revised\"\n"));
//! assert_eq!(saved.lines().count(), text.lines().count());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::Path;

use toml_edit::{ArrayOfTables, DocumentMut, Item, TableLike, Value};

use crate::error::{Error, Result};
use crate::plan::Plan;
use crate::text::without_bom;

/// A plan file in TOML with its text kept, for edits that change only what they change.
#[derive(Debug, Clone)]
pub struct PlanDocument {
    /// Whether the file began with a byte-order mark (kept on writing).
    bom: bool,
    /// Whether the file ended with a line break (the writer ends every line with one; a file
    /// whose last line had none keeps it that way).
    final_newline: bool,
    /// The text as read (without a byte-order mark), for the line endings of the lines an
    /// edit keeps: the TOML writer ends every line with `\n`.
    original: String,
    document: DocumentMut,
    plan: Plan,
}

impl PlanDocument {
    /// Reads a plan file's TOML text (as [`Plan::from_toml`], which gives the errors).
    ///
    /// # Errors
    /// [`Error::Parse`] as [`Plan::from_toml`].
    pub fn from_toml(text: &str) -> Result<PlanDocument> {
        let plan = Plan::from_toml(text)?;
        let document = without_bom(text)
            .parse::<DocumentMut>()
            .map_err(|e| parse_error(e.to_string()))?;
        Ok(PlanDocument {
            bom: text.starts_with('\u{feff}'),
            final_newline: ends_with_newline(text),
            original: without_bom(text).to_string(),
            document,
            plan,
        })
    }

    /// Reads a TOML plan file.
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be read; [`Error::Parse`] as [`Plan::load`];
    /// [`Error::InvalidParameter`] for a file that is not `.toml`.
    pub fn load(path: impl AsRef<Path>) -> Result<PlanDocument> {
        let path = path.as_ref();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            return Err(Error::invalid_parameter(
                "path",
                format!(
                    "{}: an editable plan file is TOML (.toml); JSON plans are rewritten whole by Plan::to_json",
                    path.display()
                ),
            ));
        }
        let plan = Plan::load(path)?;
        let text = crate::text::read_utf8(path)?;
        let document = without_bom(&text)
            .parse::<DocumentMut>()
            .map_err(|e| parse_error(format!("{}: {e}", path.display())))?;
        Ok(PlanDocument {
            bom: text.starts_with('\u{feff}')
                || std::fs::read(path).is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF")),
            final_newline: ends_with_newline(&text),
            original: without_bom(&text).to_string(),
            document,
            plan,
        })
    }

    /// The plan as the document now holds it.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Edits the plan through the model; the document changes only where the plan did.
    ///
    /// # Errors
    /// [`Error::Parse`] if the edited plan cannot be written (a non-finite number); the
    /// document is then unchanged.
    pub fn edit(&mut self, change: impl FnOnce(&mut Plan)) -> Result<()> {
        let mut plan = self.plan.clone();
        change(&mut plan);
        self.set_plan(plan)
    }

    /// Replaces the plan; the document changes only where the new plan differs.
    ///
    /// # Errors
    /// [`Error::Parse`] if the plan cannot be written (a non-finite number); the document is
    /// then unchanged.
    pub fn set_plan(&mut self, plan: Plan) -> Result<()> {
        let written = plan.to_toml()?;
        let new = written
            .parse::<DocumentMut>()
            .map_err(|e| parse_error(e.to_string()))?;
        merge_table(self.document.as_table_mut(), new.as_table(), false);
        self.plan = plan;
        Ok(())
    }

    /// The document's text: the file as read (a byte-order mark, a missing final line break
    /// and each kept line's CRLF or LF ending included), with the edits made.
    pub fn to_toml(&self) -> String {
        let mut text = self.document.to_string();
        if !self.final_newline && text.ends_with('\n') {
            text.pop();
        }
        let text = with_line_endings_of(&self.original, &text);
        if self.bom {
            format!("\u{feff}{text}")
        } else {
            text
        }
    }

    /// Writes the document's text to `path`.
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_toml()).map_err(|e| Error::Write {
            path: path.display().to_string(),
            message: e.to_string(),
        })
    }
}

/// `written` (lines ending in `\n`) with the line endings of `original`: a line the two share
/// (matched by a line diff) keeps the ending it had, so a file saved on Windows (CRLF), or one
/// mixing both, is rewritten only where it was edited; a new or changed line takes the ending
/// most of the original's lines have.
fn with_line_endings_of(original: &str, written: &str) -> String {
    if !original.contains('\r') {
        return written.to_string();
    }
    // Each line as (content, ending), the ending `\r\n`, `\n` or none (the last line).
    fn lines(text: &str) -> Vec<(&str, &str)> {
        text.split_inclusive('\n')
            .map(|line| {
                if let Some(content) = line.strip_suffix("\r\n") {
                    (content, "\r\n")
                } else if let Some(content) = line.strip_suffix('\n') {
                    (content, "\n")
                } else {
                    (line, "")
                }
            })
            .collect()
    }
    let old = lines(original);
    let new = lines(written);
    let crlf = old.iter().filter(|(_, e)| *e == "\r\n").count();
    let lf = old.iter().filter(|(_, e)| *e == "\n").count();
    let usual = if crlf >= lf { "\r\n" } else { "\n" };
    let old_content: Vec<&str> = old.iter().map(|(c, _)| *c).collect();
    let new_content: Vec<&str> = new.iter().map(|(c, _)| *c).collect();
    // A written line keeps its own ending when it has none (the last line) or a CRLF the
    // writer kept (inside a multi-line string); otherwise an unchanged line's old ending or
    // the file's usual one.
    let mut endings: Vec<&str> = new
        .iter()
        .map(|(_, e)| if *e == "\n" { usual } else { *e })
        .collect();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old_content, &new_content) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for i in 0..len {
                if new[new_index + i].1 == "\n" && !old[old_index + i].1.is_empty() {
                    endings[new_index + i] = old[old_index + i].1;
                }
            }
        }
    }
    let mut out = String::with_capacity(written.len() + crlf);
    for ((content, _), ending) in new.iter().zip(endings) {
        out.push_str(content);
        out.push_str(ending);
    }
    out
}

/// Whether `text` (without a byte-order mark) is empty or ends with a line break.
fn ends_with_newline(text: &str) -> bool {
    let text = without_bom(text);
    text.is_empty() || text.ends_with('\n')
}

fn parse_error(message: String) -> Error {
    Error::Parse {
        format: "toml".into(),
        path: String::new(),
        line: None,
        column: None,
        message,
    }
}

/// Characters a reader cannot see or tell from a space; written as `\uXXXX` escapes.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00A0}' | '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}'
        | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{2000}'..='\u{200F}'
        | '\u{2028}'..='\u{202F}' | '\u{205F}'..='\u{206F}' | '\u{3000}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}')
}

/// A TOML basic string for `text`, with the escapes TOML requires and every invisible
/// character (no-break space, zero-width and bidirectional marks, …) as `\uXXXX`.
///
/// ```
/// use nangsuat::plan::document::visible_escapes;
/// assert_eq!(visible_escapes("năng suất\u{a0}lao động"), "\"năng suất\\u00A0lao động\"");
/// ```
pub fn visible_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || invisible(c) => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Rewrites every string in `value` that holds an invisible character with visible escapes.
fn make_visible(value: &mut Value) {
    match value {
        Value::String(s) if s.value().chars().any(invisible) => {
            let decor = s.decor().clone();
            if let Ok(mut v) = visible_escapes(s.value()).parse::<Value>() {
                *v.decor_mut() = decor;
                *value = v;
            }
        }
        Value::Array(a) => a.iter_mut().for_each(make_visible),
        Value::InlineTable(t) => t.iter_mut().for_each(|(_, v)| make_visible(v)),
        _ => {}
    }
}

/// As [`make_visible`], over an item.
pub(crate) fn item_visible(item: &mut Item) {
    match item {
        Item::Value(v) => make_visible(v),
        Item::Table(t) => t.iter_mut().for_each(|(_, i)| item_visible(i)),
        Item::ArrayOfTables(a) => a
            .iter_mut()
            .for_each(|t| t.iter_mut().for_each(|(_, i)| item_visible(i))),
        Item::None => {}
    }
}

/// Whether two values mean the same (formatting aside; an integer equals the same float).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.value() == y.value(),
        (Value::Integer(x), Value::Integer(y)) => x.value() == y.value(),
        (Value::Float(x), Value::Float(y)) => x.value() == y.value(),
        (Value::Integer(i), Value::Float(f)) | (Value::Float(f), Value::Integer(i)) => {
            *i.value() as f64 == *f.value()
        }
        (Value::Boolean(x), Value::Boolean(y)) => x.value() == y.value(),
        (Value::Datetime(x), Value::Datetime(y)) => x.value() == y.value(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| same(a, b))
        }
        (Value::InlineTable(x), Value::InlineTable(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => false,
    }
}

/// The item as a value (a table as an inline table), for comparison.
fn as_value(item: &Item) -> Option<Value> {
    item.clone().into_value().ok()
}

/// Merges `new` into `old`: `old` keeps its formatting wherever the meaning is unchanged.
fn merge_item(old: &mut Item, new: &Item) {
    if let (Some(o), Some(n)) = (as_value(old), as_value(new))
        && same(&o, &n)
    {
        return;
    }
    match old {
        Item::Table(t) => {
            if let Some(n) = new.as_table_like() {
                return merge_table(t, n, false);
            }
        }
        Item::Value(Value::InlineTable(t)) => {
            if let Some(n) = new.as_table_like() {
                return merge_table(t, n, true);
            }
        }
        Item::ArrayOfTables(a) => {
            if let Some(n) = new.as_array_of_tables() {
                return merge_tables(a, n);
            }
        }
        Item::Value(Value::Array(a)) => {
            if let Some(n) = new.as_array()
                && n.len() == a.len()
            {
                for (o, n) in a.iter_mut().zip(n.iter()) {
                    let mut item = Item::Value(o.clone());
                    merge_item(&mut item, &Item::Value(n.clone()));
                    if let Item::Value(v) = item {
                        *o = v;
                    }
                }
                return;
            }
        }
        _ => {}
    }
    // A new value in the old one's place, with the old one's spacing and comments.
    let inline = matches!(old, Item::Value(_));
    let mut replacement = if inline {
        as_value(new).map_or(Item::None, Item::Value)
    } else {
        new.clone()
    };
    match (&mut replacement, &*old) {
        (Item::Value(n), Item::Value(o)) => *n.decor_mut() = o.decor().clone(),
        (Item::Table(n), Item::Table(o)) => {
            *n.decor_mut() = o.decor().clone();
            n.set_position(o.position());
        }
        _ => {}
    }
    item_visible(&mut replacement);
    *old = replacement;
}

/// Merges a table key by key: old keys keep their order, removed keys go, new keys follow.
fn merge_table(old: &mut dyn TableLike, new: &dyn TableLike, inline: bool) {
    let gone: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !new.contains_key(k))
        .collect();
    for k in gone {
        old.remove(&k);
    }
    for (k, n) in new.iter() {
        match old.get_mut(k) {
            Some(o) => merge_item(o, n),
            None => {
                let mut item = if inline {
                    as_value(n).map_or(Item::None, Item::Value)
                } else {
                    n.clone()
                };
                item_visible(&mut item);
                old.insert(k, item);
            }
        }
    }
}

/// Merges an array of tables (goals, tasks, sources…): a table is matched by its `id` where
/// both have one, else by position; the new order is kept.
fn merge_tables(old: &mut ArrayOfTables, new: &ArrayOfTables) {
    let id = |t: &toml_edit::Table| t.get("id").and_then(|i| i.as_str()).map(str::to_string);
    let mut merged = ArrayOfTables::new();
    for (i, n) in new.iter().enumerate() {
        let matched = match id(n) {
            Some(want) => old.iter().find(|o| id(o).as_deref() == Some(&want)),
            None => old.get(i).filter(|o| id(o).is_none()),
        };
        let table = match matched {
            Some(o) => {
                let mut o = o.clone();
                merge_table(&mut o, n, false);
                o
            }
            None => {
                let mut n = n.clone();
                n.iter_mut().for_each(|(_, i)| item_visible(i));
                n
            }
        };
        merged.push(table);
    }
    *old = merged;
}
