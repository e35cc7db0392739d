//! Status codes, the thread-local last error, and the panic boundary every exported function
//! runs inside (after rustls-ffi's `ffi_panic_boundary!` and symbolic's landing pad).

use nangsuat::{Error, ErrorKind};
use std::cell::Cell;
use std::cell::RefCell;
use std::ffi::c_char;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

/// Result of every function. The numbers are stable and never reused.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NsStatus {
    /// Success.
    Ok = 0,
    /// A pointer argument that must not be NULL was NULL.
    NullArgument = 1,
    /// The library panicked; the call had no effect the caller can rely on. Please report it.
    Panic = 2,
    /// A string argument is not valid UTF-8.
    InvalidUtf8 = 3,
    /// An enum argument holds a value outside its declared variants.
    InvalidEnum = 4,
    /// Two arrays that must describe the same rows have different lengths.
    LengthMismatch = 10,
    /// A series holds no observation at all.
    Empty = 11,
    /// The same year appears twice in a series (or for one entity of a panel).
    DuplicateYear = 12,
    /// Years are not increasing where increasing order is required.
    UnsortedYears = 13,
    /// A year between the first and the last is absent.
    MissingYear = 14,
    /// A year asked for (a base year) is not in the data.
    YearNotFound = 15,
    /// NaN or ±infinity where a finite number is required.
    NonFinite = 16,
    /// Zero or a negative number where a logarithm or a ratio needs a positive one.
    NonPositive = 17,
    /// A value outside the range its meaning allows (a share outside [0, 1]).
    OutOfRange = 18,
    /// A parameter or combination of parameters the method does not allow.
    InvalidParameter = 19,
    /// Too few observations for the computation asked for.
    InsufficientData = 20,
    /// JSON, TOML or CSV text that cannot be read as its format says.
    ParseError = 21,
    /// A file that cannot be opened or read.
    IoError = 22,
    /// A long computation was cancelled before it finished (no C function takes a
    /// cancellation token yet, so the C API does not return it today).
    Interrupted = 23,
    /// An error of a kind this version of the C API does not name.
    Other = 99,
}

impl NsStatus {
    /// The status of a core error kind.
    pub(crate) fn of(kind: ErrorKind) -> NsStatus {
        match kind {
            ErrorKind::LengthMismatch => NsStatus::LengthMismatch,
            ErrorKind::Empty => NsStatus::Empty,
            ErrorKind::DuplicateYear => NsStatus::DuplicateYear,
            ErrorKind::UnsortedYears => NsStatus::UnsortedYears,
            ErrorKind::MissingYear => NsStatus::MissingYear,
            ErrorKind::YearNotFound => NsStatus::YearNotFound,
            ErrorKind::NonFinite => NsStatus::NonFinite,
            ErrorKind::NonPositive => NsStatus::NonPositive,
            ErrorKind::OutOfRange => NsStatus::OutOfRange,
            ErrorKind::InvalidParameter => NsStatus::InvalidParameter,
            ErrorKind::InsufficientData => NsStatus::InsufficientData,
            ErrorKind::Parse => NsStatus::ParseError,
            ErrorKind::Io => NsStatus::IoError,
            ErrorKind::Interrupted => NsStatus::Interrupted,
            _ => NsStatus::Other,
        }
    }
}

/// A failure inside the API: a status and its message.
pub(crate) struct Failure {
    pub(crate) status: NsStatus,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn new(status: NsStatus, message: impl Into<String>) -> Self {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn null(argument: &str) -> Self {
        Failure::new(
            NsStatus::NullArgument,
            format!("argument `{argument}` is NULL"),
        )
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::new(NsStatus::of(e.kind()), e.to_string())
    }
}

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

fn set_last_error(message: String) {
    LAST_ERROR.with(|e| *e.borrow_mut() = message);
}

thread_local! {
    /// How deep this thread is inside [`boundary`] calls.
    static INSIDE: Cell<u32> = const { Cell::new(0) };
}

/// Installs, once, a panic hook that keeps nangsuat's own panics off the host's stderr: a
/// panic inside [`boundary`] (or raised in nangsuat's sources, as on a rayon worker) is
/// reported through the status and [`ns_last_error_message`] only. Every other panic goes to
/// the hook that was there before.
fn quiet_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let inside = INSIDE.with(Cell::get) > 0;
            let ours = info
                .location()
                .is_some_and(|l| l.file().contains("nangsuat"));
            if !(inside || ours) {
                previous(info);
            }
        }));
    });
}

/// Runs `body`, turning a failure into its status (message kept for
/// [`ns_last_error_message`]) and a panic into [`NsStatus::Panic`].
pub(crate) fn boundary(body: impl FnOnce() -> Result<(), Failure>) -> NsStatus {
    quiet_panics();
    INSIDE.with(|d| d.set(d.get() + 1));
    let outcome = catch_unwind(AssertUnwindSafe(body));
    INSIDE.with(|d| d.set(d.get().saturating_sub(1)));
    match outcome {
        Ok(Ok(())) => NsStatus::Ok,
        Ok(Err(f)) => {
            set_last_error(f.message);
            f.status
        }
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            set_last_error(format!("internal error (panic) in nangsuat: {what}"));
            NsStatus::Panic
        }
    }
}

/// Copies the message of the last failure on this thread into `buf` (at most `len` bytes,
/// NUL-terminated, truncated if needed) and returns the length the full message needs,
/// excluding the NUL. With `buf` NULL or `len` 0 nothing is written: call it so to size a
/// buffer. Returns 0 when no call has failed on this thread. Never fails.
///
/// # Safety
/// `buf` is NULL or points to `len` writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_last_error_message(buf: *mut c_char, len: usize) -> usize {
    catch_unwind(|| {
        LAST_ERROR.with(|e| {
            let message = e.borrow();
            let bytes = message.as_bytes();
            if !buf.is_null() && len > 0 {
                let n = bytes.len().min(len - 1);
                // SAFETY: the caller guarantees `len` writable bytes at `buf`; n < len.
                unsafe {
                    std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf.cast::<u8>(), n);
                    *buf.add(n) = 0;
                }
            }
            bytes.len()
        })
    })
    .unwrap_or(0)
}

/// The stable snake-case name of a status number (`"ok"`, `"null_argument"`,
/// `"non_positive"`…), a static string the caller must not free. Unknown numbers give
/// `"unknown"`.
#[unsafe(no_mangle)]
pub extern "C" fn ns_status_name(status: i32) -> *const c_char {
    let name: &'static [u8] = match status {
        0 => b"ok\0",
        1 => b"null_argument\0",
        2 => b"panic\0",
        3 => b"invalid_utf8\0",
        4 => b"invalid_enum\0",
        10 => b"length_mismatch\0",
        11 => b"empty\0",
        12 => b"duplicate_year\0",
        13 => b"unsorted_years\0",
        14 => b"missing_year\0",
        15 => b"year_not_found\0",
        16 => b"non_finite\0",
        17 => b"non_positive\0",
        18 => b"out_of_range\0",
        19 => b"invalid_parameter\0",
        20 => b"insufficient_data\0",
        21 => b"parse\0",
        22 => b"io\0",
        23 => b"interrupted\0",
        99 => b"other\0",
        _ => b"unknown\0",
    };
    name.as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_kind_has_its_own_status() {
        let mut seen = std::collections::BTreeSet::new();
        for kind in ErrorKind::ALL {
            let status = NsStatus::of(kind);
            assert_ne!(status, NsStatus::Other, "{kind}");
            assert!(seen.insert(status as i32));
            assert_eq!(status as i32, 9 + kind as i32, "numbers follow ErrorKind's");
            // SAFETY: a static NUL-terminated string.
            let name = unsafe { std::ffi::CStr::from_ptr(ns_status_name(status as i32)) };
            assert_eq!(name.to_str(), Ok(kind.name()));
        }
    }

    #[test]
    fn panics_become_a_status_with_a_message() {
        let status = boundary(|| panic!("boom"));
        assert_eq!(status, NsStatus::Panic);
        let mut buf = [0 as c_char; 64];
        // SAFETY: buf has 64 bytes.
        let n = unsafe { ns_last_error_message(buf.as_mut_ptr(), buf.len()) };
        assert!(n > 0);
        // SAFETY: written NUL-terminated above.
        let text = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_string_lossy();
        assert!(text.contains("boom"));
    }
}
