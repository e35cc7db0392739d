//! Readers of published tables: a file (or bytes) in, its tidy form out as JSON or CSV text.

use crate::handles::{give_string, out_arg, slice_arg, str_arg};
use crate::status::{Failure, NsStatus, boundary};
use nangsuat::ingest::{Format, ReadOptions, Table, read_bytes, read_path};
use std::ffi::c_char;

/// Output of `ns_read_table`: JSON `{"metadata": {...}, "dimensions": [...], "rows": [...]}`
/// where each row has `{code, label}` (and `period` for time) per dimension, `value` (`null`
/// when missing), `status`, `symbol`, `note`, `unit`, `unit_multiplier`, `location`.
pub const NS_TABLE_JSON: i32 = 0;
/// Output of `ns_read_table`: CSV with a header row; per dimension `<id>` and `<id>_code`,
/// `period`, then `value` (empty when missing), `status`, `symbol`, `note`, `unit`,
/// `unit_multiplier`, `location`.
pub const NS_TABLE_CSV: i32 = 1;

/// Reads the options; NULL means "not given".
///
/// # Safety
/// Each pointer is NULL or a NUL-terminated string valid for the call.
unsafe fn options(
    format: *const c_char,
    sheet: *const c_char,
    language: *const c_char,
) -> Result<ReadOptions, Failure> {
    let mut o = ReadOptions::default();
    if !format.is_null() {
        // SAFETY: the caller's contract.
        let name = unsafe { str_arg(format, "format") }?;
        let f = Format::from_name(name).ok_or_else(|| {
            Failure::new(
                NsStatus::InvalidParameter,
                format!(
                    "format = `{name}`: expected px, jsonstat, sdmx, sdmx-csv, xlsx, xls or csv"
                ),
            )
        })?;
        o = o.format(f);
    }
    if !sheet.is_null() {
        // SAFETY: the caller's contract.
        o = o.sheet(unsafe { str_arg(sheet, "sheet") }?);
    }
    if !language.is_null() {
        // SAFETY: the caller's contract.
        o = o.language(unsafe { str_arg(language, "language") }?);
    }
    Ok(o)
}

fn render(table: &Table, output: i32) -> Result<String, Failure> {
    match output {
        NS_TABLE_JSON => Ok(table.to_json()),
        NS_TABLE_CSV => Ok(table.to_csv()),
        other => Err(Failure::new(
            NsStatus::InvalidEnum,
            format!("output = {other}: expected NS_TABLE_JSON (0) or NS_TABLE_CSV (1)"),
        )),
    }
}

/// Reads the table in the file `path` (PC-Axis, JSON-stat, SDMX-ML, SDMX-CSV, XLSX, XLS or
/// PX-Web CSV; `format` is NULL to detect it, or one of `"px"`, `"jsonstat"`, `"sdmx"`,
/// `"sdmx-csv"`, `"xlsx"`, `"xls"`, `"csv"`). `sheet` (NULL: the first visible sheet) picks
/// a workbook sheet by name or 1-based position, or a JSON-stat dataset; `language` (NULL:
/// the file's) the labels of a multilingual PC-Axis file. On success `*out` holds the tidy
/// table as `output` (`NS_TABLE_JSON` or `NS_TABLE_CSV`), freed with `ns_string_free`. A
/// file that is not a table of its format gives `NS_STATUS_PARSE_ERROR` with a message
/// naming the file, the line or cell and what was expected.
///
/// # Safety
/// `path` is a NUL-terminated UTF-8 string; `format`, `sheet`, `language` are NULL or
/// NUL-terminated; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_read_table(
    path: *const c_char,
    format: *const c_char,
    sheet: *const c_char,
    language: *const c_char,
    output: i32,
    out: *mut *mut c_char,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let path = unsafe { str_arg(path, "path") }?;
        // SAFETY: the caller's contract.
        let opts = unsafe { options(format, sheet, language) }?;
        out_arg(out, "out")?;
        let text = render(&read_path(path, &opts)?, output)?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(out, text) }
    })
}

/// As `ns_read_table`, from `len` bytes at `bytes` already in memory; `name` (NULL or a
/// file name) is used in messages and to guess the format from its extension.
///
/// # Safety
/// `bytes` points to `len` readable bytes (it may be NULL when `len` is 0); the strings are
/// NULL or NUL-terminated; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_read_table_bytes(
    bytes: *const u8,
    len: usize,
    name: *const c_char,
    format: *const c_char,
    sheet: *const c_char,
    language: *const c_char,
    output: i32,
    out: *mut *mut c_char,
) -> NsStatus {
    boundary(|| {
        // A length no array can have (more than `isize::MAX` bytes) is refused before a slice
        // is made (found by the c_api fuzz target: `len = SIZE_MAX` was read past the buffer).
        // SAFETY: `len` readable bytes at `bytes`, by the caller's contract.
        let data: &[u8] = unsafe { slice_arg(bytes, len, "bytes") }?;
        // SAFETY: the caller's contract.
        let mut opts = unsafe { options(format, sheet, language) }?;
        if !name.is_null() {
            // SAFETY: the caller's contract.
            opts = opts.name(unsafe { str_arg(name, "name") }?);
        }
        out_arg(out, "out")?;
        let text = render(&read_bytes(data, &opts)?, output)?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(out, text) }
    })
}
