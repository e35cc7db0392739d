//! A hint to the processor to start loading memory that a loop will read soon.
//!
//! Loops that read one row per iteration at a random place (a panel's previous year, a row in
//! another order) wait on memory: the processor can only look a few iterations ahead by
//! itself. Asking for the element a dozen iterations ahead keeps many loads in flight; on a
//! shuffled panel of 3 million rows this halves the time of the loop (see the panel
//! benchmark in `benches/panel.rs` and the README's figures).

/// Asks the processor to bring `slice[index]` into the cache; nothing when `index` is out of
/// range or on processors without the instruction. Never changes what a program computes.
#[inline(always)]
pub(crate) fn prefetch<T>(slice: &[T], index: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(element) = slice.get(index) {
        let address: *const T = element;
        // SAFETY: `prefetch` is a hint: it never faults, reads nothing into the program and
        // writes nothing; SSE (which provides it) is part of every x86_64 processor. The
        // address is also that of a live element.
        #[allow(unsafe_code)]
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                address.cast::<i8>(),
            );
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (slice, index);
}
