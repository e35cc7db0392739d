//! Pointers across the boundary: the one place where handles are boxed and unboxed, strings
//! are handed over and taken back, and caller pointers become Rust references.

use crate::status::{Failure, NsStatus, boundary};
use nangsuat::plan::Plan;
use std::ffi::{CStr, CString, c_char};

/// An immutable plan held by the library. Create with `ns_plan_from_json` or
/// `ns_plan_from_toml`; free with `ns_plan_free`.
pub struct NsPlan {
    pub(crate) plan: Plan,
}

/// A `&str` from a caller's NUL-terminated UTF-8 string.
///
/// # Safety
/// `ptr` is NULL or a NUL-terminated string valid for the call.
pub(crate) unsafe fn str_arg<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: non-NULL and NUL-terminated by the caller's contract.
    unsafe { CStr::from_ptr(ptr) }.to_str().map_err(|e| {
        Failure::new(
            NsStatus::InvalidUtf8,
            format!(
                "argument `{name}` is not valid UTF-8 (byte {})",
                e.valid_up_to()
            ),
        )
    })
}

/// A reference from a caller's pointer.
///
/// # Safety
/// `ptr` is NULL or points to a valid `T` for the call.
pub(crate) unsafe fn ref_arg<'a, T>(ptr: *const T, name: &str) -> Result<&'a T, Failure> {
    // SAFETY: the caller's contract.
    unsafe { ptr.as_ref() }.ok_or_else(|| Failure::null(name))
}

/// Checks that `len` elements of `T` could exist at all: their size in bytes fits in an
/// `isize` (the bound every Rust slice has) and in the address space this process can map
/// (a reservation of that size succeeds). `len = SIZE_MAX` or `SIZE_MAX / 16` is a caller's
/// mistake reported as `NS_STATUS_INVALID_PARAMETER`, not undefined behaviour or an abort on
/// a failed allocation later.
pub(crate) fn plausible_len<T>(len: usize, name: &str) -> Result<(), Failure> {
    let too_large = || {
        Failure::new(
            NsStatus::InvalidParameter,
            format!("{name}: {len} elements is more than this process can hold"),
        )
    };
    let bytes = len
        .checked_mul(size_of::<T>().max(1))
        .filter(|&b| isize::try_from(b).is_ok())
        .ok_or_else(too_large)?;
    // Small arrays exist without asking; a large one is checked against what can be reserved
    // (virtual memory: nothing is touched, and the reservation is returned at once).
    if bytes > 1 << 30 {
        let mut probe: Vec<u8> = Vec::new();
        probe.try_reserve_exact(bytes).map_err(|_| too_large())?;
    }
    Ok(())
}

/// A slice from a caller's array of `len` elements; NULL is allowed when `len` is 0.
///
/// # Safety
/// `ptr` is NULL or points to `len` readable `T`s for the call.
pub(crate) unsafe fn slice_arg<'a, T>(
    ptr: *const T,
    len: usize,
    name: &str,
) -> Result<&'a [T], Failure> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(Failure::null(name))
        };
    }
    plausible_len::<T>(len, name)?;
    // SAFETY: the caller's contract: `len` readable elements (and their size fits an isize).
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// An optional slice: NULL means absent; a length no array can have is refused as in
/// [`slice_arg`].
///
/// # Safety
/// As [`slice_arg`].
pub(crate) unsafe fn optional_slice<'a, T>(
    ptr: *const T,
    len: usize,
    name: &str,
) -> Result<Option<&'a [T]>, Failure> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: the caller's contract, forwarded.
    unsafe { slice_arg(ptr, len, name) }.map(Some)
}

/// An optional mutable slice: NULL means "not wanted".
///
/// # Safety
/// `ptr` is NULL or points to `len` writable `T`s, not aliased, for the call.
pub(crate) unsafe fn optional_out<'a, T>(ptr: *mut T, len: usize) -> Option<&'a mut [T]> {
    // SAFETY: the caller's contract.
    (!ptr.is_null()).then(|| unsafe { std::slice::from_raw_parts_mut(ptr, len) })
}

/// Copies `values` into the caller's array when it is not NULL.
///
/// # Safety
/// `ptr` is NULL or points to `values.len()` writable elements.
pub(crate) unsafe fn copy_out<T: Copy>(ptr: *mut T, values: &[T]) {
    // SAFETY: the contract above.
    if let Some(o) = unsafe { optional_out(ptr, values.len()) } {
        o.copy_from_slice(values);
    }
}

/// Checks that an out-param is not NULL.
pub(crate) fn out_arg<T>(ptr: *mut T, name: &str) -> Result<(), Failure> {
    if ptr.is_null() {
        Err(Failure::null(name))
    } else {
        Ok(())
    }
}

/// Hands a string to the caller through `out` (freed with `ns_string_free`).
///
/// # Safety
/// `out` is non-NULL and writable.
pub(crate) unsafe fn give_string(out: *mut *mut c_char, text: String) -> Result<(), Failure> {
    let c = CString::new(text).map_err(|e| {
        Failure::new(
            NsStatus::InvalidParameter,
            format!("the result holds a NUL byte at {}", e.nul_position()),
        )
    })?;
    // SAFETY: checked non-NULL by the caller of this function.
    unsafe { *out = c.into_raw() };
    Ok(())
}

/// Hands a plan to the caller through `out` (freed with `ns_plan_free`).
///
/// # Safety
/// `out` is non-NULL and writable.
pub(crate) unsafe fn give_plan(out: *mut *mut NsPlan, plan: Plan) {
    // SAFETY: checked non-NULL by the caller of this function.
    unsafe { *out = Box::into_raw(Box::new(NsPlan { plan })) };
}

/// Frees a string returned by this library. NULL is accepted and ignored.
///
/// # Safety
/// `s` is NULL or a string returned by this library and not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_string_free(s: *mut c_char) {
    if !s.is_null() {
        // SAFETY: made by CString::into_raw in `give_string`, freed once by contract.
        drop(unsafe { CString::from_raw(s) });
    }
}

/// Frees a plan. NULL is accepted and ignored.
///
/// # Safety
/// `plan` is NULL or a handle returned by this library and not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_plan_free(plan: *mut NsPlan) {
    if !plan.is_null() {
        // SAFETY: made by Box::into_raw in `give_plan`, freed once by contract.
        drop(unsafe { Box::from_raw(plan) });
    }
}

/// Reads a plan from JSON text (UTF-8, NUL-terminated). On success `*out` holds a new handle
/// that the caller frees with `ns_plan_free`; on failure `*out` is untouched and the status
/// is `NS_STATUS_PARSE_ERROR` with a message naming the line, column and field.
///
/// # Safety
/// `json` is NULL or a NUL-terminated string; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_plan_from_json(json: *const c_char, out: *mut *mut NsPlan) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let text = unsafe { str_arg(json, "json") }?;
        out_arg(out, "out")?;
        let plan = Plan::from_json(text)?;
        // SAFETY: checked non-NULL.
        unsafe { give_plan(out, plan) };
        Ok(())
    })
}

/// Reads a plan from TOML text, as `ns_plan_from_json`.
///
/// # Safety
/// `toml` is NULL or a NUL-terminated string; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_plan_from_toml(toml: *const c_char, out: *mut *mut NsPlan) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let text = unsafe { str_arg(toml, "toml") }?;
        out_arg(out, "out")?;
        let plan = Plan::from_toml(text)?;
        // SAFETY: checked non-NULL.
        unsafe { give_plan(out, plan) };
        Ok(())
    })
}

/// Writes a plan as JSON. On success `*out` holds a new string the caller frees with
/// `ns_string_free`; reading it back gives an equal plan.
///
/// # Safety
/// `plan` is NULL or a live handle; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_plan_to_json(plan: *const NsPlan, out: *mut *mut c_char) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let plan = unsafe { ref_arg(plan, "plan") }?;
        out_arg(out, "out")?;
        let text = plan.plan.to_json()?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(out, text) }
    })
}

/// Writes a plan as TOML, as `ns_plan_to_json`.
///
/// # Safety
/// `plan` is NULL or a live handle; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_plan_to_toml(plan: *const NsPlan, out: *mut *mut c_char) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let plan = unsafe { ref_arg(plan, "plan") }?;
        out_arg(out, "out")?;
        let text = plan.plan.to_toml()?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(out, text) }
    })
}

/// Validates a plan on its own. On success `*out` holds a JSON array of findings, each
/// `{"code", "severity", "location": {"plan", "goal"?, "task"?}, "message"}`, freed with
/// `ns_string_free`. An empty array means no finding.
///
/// # Safety
/// `plan` is NULL or a live handle; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_plan_validate(plan: *const NsPlan, out: *mut *mut c_char) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let plan = unsafe { ref_arg(plan, "plan") }?;
        out_arg(out, "out")?;
        let text = crate::monitoring::json(&plan.plan.validate())?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(out, text) }
    })
}

/// The plans embedded from the seed documents (Decision 36/QĐ-TTg and the Quảng Ninh and
/// Thanh Hóa plans) as a JSON array of plans. `*out` is freed with `ns_string_free`.
///
/// # Safety
/// `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_builtin_plans_json(out: *mut *mut c_char) -> NsStatus {
    boundary(|| {
        out_arg(out, "out")?;
        let text = crate::monitoring::json(&nangsuat::vietnam::Vietnam::get().plans())?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(out, text) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An optional array is checked like a required one: a length no array can have is a
    /// status with a message naming it, whatever the element type.
    #[test]
    fn optional_slices_refuse_impossible_lengths() {
        let one = [1.0f64];
        // SAFETY: NULL and a one-element array with their real lengths.
        unsafe {
            assert!(matches!(
                optional_slice::<f64>(std::ptr::null(), 5, "hours"),
                Ok(None)
            ));
            assert!(matches!(
                optional_slice(one.as_ptr(), 1, "hours"),
                Ok(Some(s)) if s == &one[..]
            ));
        }
        for len in [usize::MAX, usize::MAX / 8, isize::MAX as usize] {
            // SAFETY: the length is refused before any slice is made.
            let Err(e) = (unsafe { optional_slice(one.as_ptr(), len, "input.hours") }) else {
                panic!("length {len} accepted");
            };
            assert_eq!(e.status, NsStatus::InvalidParameter);
            assert!(e.message.contains("input.hours"), "{}", e.message);
        }
    }
}
