//! Observations from published tables through a mapping file: an observations handle with
//! its CSV (status and provenance columns included) and the selected cells without a value.

use crate::handles::{give_string, out_arg, plausible_len, ref_arg, str_arg};
use crate::status::{Failure, NsStatus, boundary};
use nangsuat::ingest::mapping::{Mapping, Skipped};
use nangsuat::monitoring::observation::Observations;
use std::ffi::c_char;

/// Observations built from published tables, held by the library. Create with
/// `ns_observations_from_tables`; free with `ns_observations_free`.
pub struct NsObservations {
    observations: Observations,
    skipped: Vec<Skipped>,
}

/// Frees an observations handle. NULL is accepted and ignored.
///
/// # Safety
/// `observations` is NULL or a handle returned by this library and not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_observations_free(observations: *mut NsObservations) {
    if !observations.is_null() {
        // SAFETY: made by Box::into_raw in `ns_observations_from_tables`, freed once by
        // contract.
        drop(unsafe { Box::from_raw(observations) });
    }
}

/// Reads the `n_paths` table files at `paths` (PC-Axis, JSON-stat, SDMX, XLSX/XLS, PX-Web
/// CSV) and maps them into one set of observations by the mapping file `mapping_path` (TOML;
/// territory labels resolved in Viet Nam's catalogue). On success `*out` holds a new handle
/// that the caller frees with `ns_observations_free`; on failure `*out` is untouched and the
/// status is `NS_STATUS_PARSE_ERROR` (a message naming the file and the line or cell: an
/// unknown key of the mapping, a territory label not in the catalogue with the closest
/// candidates, the same value read from two cells, both named), `NS_STATUS_IO` (a file that
/// cannot be read) or `NS_STATUS_INVALID_PARAMETER`.
///
/// # Safety
/// `paths` points to `n_paths` NUL-terminated UTF-8 strings; `mapping_path` is a
/// NUL-terminated UTF-8 string; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_observations_from_tables(
    paths: *const *const c_char,
    n_paths: usize,
    mapping_path: *const c_char,
    out: *mut *mut NsObservations,
) -> NsStatus {
    boundary(|| {
        if paths.is_null() {
            return Err(Failure::null("paths"));
        }
        plausible_len::<*const c_char>(n_paths, "n_paths")?;
        // SAFETY: `n_paths` readable pointers at `paths`, by the caller's contract.
        let ptrs = unsafe { std::slice::from_raw_parts(paths, n_paths) };
        let files = ptrs
            .iter()
            .enumerate()
            // SAFETY: each is a NUL-terminated string by the caller's contract.
            .map(|(i, &p)| unsafe { str_arg(p, &format!("paths[{i}]")) })
            .collect::<Result<Vec<&str>, Failure>>()?;
        // SAFETY: the caller's contract.
        let mapping_path = unsafe { str_arg(mapping_path, "mapping_path") }?;
        out_arg(out, "out")?;
        let mapping = Mapping::load(mapping_path)?;
        let mapped = nangsuat::vietnam::territory::map_files(&files, &mapping)?;
        let handle = Box::new(NsObservations {
            observations: mapped.observations,
            skipped: mapped.skipped,
        });
        // SAFETY: checked non-NULL.
        unsafe { *out = Box::into_raw(handle) };
        Ok(())
    })
}

/// The number of observations in the set, in `*out`.
///
/// # Safety
/// `observations` is NULL or a live handle; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_observations_len(
    observations: *const NsObservations,
    out: *mut usize,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let o = unsafe { ref_arg(observations, "observations") }?;
        out_arg(out, "out")?;
        // SAFETY: checked non-NULL.
        unsafe { *out = o.observations.len() };
        Ok(())
    })
}

/// The observations as CSV text in `*out` (freed with `ns_string_free`): the columns
/// `scope, indicator, year, value, unit, note, source_url, evidence, status, source_file,
/// source_table, source_cell` — `status` is the cell's (`preliminary`, `estimate`, or empty)
/// and the last three name where the value was read. `ns_assess` reads this CSV.
///
/// # Safety
/// `observations` is NULL or a live handle; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_observations_to_csv(
    observations: *const NsObservations,
    out: *mut *mut c_char,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let o = unsafe { ref_arg(observations, "observations") }?;
        out_arg(out, "out")?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(out, o.observations.to_csv()) }
    })
}

/// The cells the mapping selected that had no value, as a JSON array in `*out` (freed with
/// `ns_string_free`): one object per cell with `scope, indicator, year, status, symbol,
/// file, table, cell`. Nothing is invented for them.
///
/// # Safety
/// `observations` is NULL or a live handle; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_observations_skipped_json(
    observations: *const NsObservations,
    out: *mut *mut c_char,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let o = unsafe { ref_arg(observations, "observations") }?;
        out_arg(out, "out")?;
        let text = crate::monitoring::json(&o.skipped)?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(out, text) }
    })
}
