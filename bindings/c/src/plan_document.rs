//! A plan file as a person wrote it, edited from C without losing what they wrote: the C face
//! of [`PlanDocument`]. A C program reads the file's text, takes the plan out as a handle
//! (to read or to change through JSON: `ns_plan_to_json`, edit, `ns_plan_from_json`), puts
//! the changed plan back, and writes the text: only what changed is rewritten; comments, key
//! order and layout stay as the person left them.

use std::ffi::c_char;

use nangsuat::plan::document::PlanDocument;

use crate::handles::{NsPlan, give_plan, give_string, out_arg, ref_arg, str_arg};
use crate::status::{NsStatus, boundary};

/// A plan file's TOML text with its plan (opaque). Free with `ns_plan_document_free`.
pub struct NsPlanDocument {
    document: PlanDocument,
}

/// Reads a plan file's TOML text (UTF-8, NUL-terminated; a byte-order mark is kept). On
/// success `*out` holds a new handle freed with `ns_plan_document_free`; on failure `*out` is
/// untouched and the status is `NS_STATUS_PARSE_ERROR` with a message naming the line,
/// column and field, as `ns_plan_from_toml`.
///
/// # Safety
/// `toml` is NULL or a NUL-terminated string; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_plan_document_from_toml(
    toml: *const c_char,
    out: *mut *mut NsPlanDocument,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let text = unsafe { str_arg(toml, "toml") }?;
        out_arg(out, "out")?;
        let document = PlanDocument::from_toml(text)?;
        // SAFETY: checked non-NULL.
        unsafe { *out = Box::into_raw(Box::new(NsPlanDocument { document })) };
        Ok(())
    })
}

/// The document's plan, as a new plan handle freed with `ns_plan_free` (a copy: changing it
/// changes the document only through `ns_plan_document_set_plan`).
///
/// # Safety
/// `document` is NULL or a live handle; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_plan_document_plan(
    document: *const NsPlanDocument,
    out: *mut *mut NsPlan,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let document = unsafe { ref_arg(document, "document") }?;
        out_arg(out, "out")?;
        // SAFETY: checked non-NULL.
        unsafe { give_plan(out, document.document.plan().clone()) };
        Ok(())
    })
}

/// Replaces the document's plan with `plan` (which stays the caller's): the text changes only
/// where the new plan differs — a changed value keeps the spacing and comment around it, new
/// keys go after the existing ones, goals and tasks are matched by `id`. On failure (a plan
/// that cannot be written, such as one with a non-finite number) the document is unchanged.
///
/// # Safety
/// `document` is NULL or a live handle not used by another thread during the call; `plan` is
/// NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_plan_document_set_plan(
    document: *mut NsPlanDocument,
    plan: *const NsPlan,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let (document, plan) = unsafe {
            (
                document
                    .as_mut()
                    .ok_or_else(|| crate::status::Failure::null("document"))?,
                ref_arg(plan, "plan")?,
            )
        };
        document.document.set_plan(plan.plan.clone())?;
        Ok(())
    })
}

/// The document's text: the file as read, with the edits made. On success `*out` holds a new
/// string freed with `ns_string_free`.
///
/// # Safety
/// `document` is NULL or a live handle; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_plan_document_to_toml(
    document: *const NsPlanDocument,
    out: *mut *mut c_char,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let document = unsafe { ref_arg(document, "document") }?;
        out_arg(out, "out")?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(out, document.document.to_toml()) }
    })
}

/// Frees a plan document. NULL is accepted and ignored.
///
/// # Safety
/// `document` is NULL or a handle returned by this library and not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_plan_document_free(document: *mut NsPlanDocument) {
    if !document.is_null() {
        // SAFETY: made by Box::into_raw in `ns_plan_document_from_toml`, freed once.
        drop(unsafe { Box::from_raw(document) });
    }
}
