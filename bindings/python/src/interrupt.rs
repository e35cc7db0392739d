//! The one helper every long core call runs inside: the GIL released, and Ctrl-C honoured.
//!
//! A core call that takes seconds (a 1,000-unit Malmquist index, DEA, a stochastic frontier,
//! a production function with its bootstrap, a large panel of growth accounting) runs on a
//! worker thread with a fresh [`Cancel`] token while the calling thread, the GIL released,
//! waits for it in slices of [`POLL`]. Between slices the calling thread takes the GIL back
//! and asks Python whether a signal arrived (`py.check_signals()`, which runs the Python
//! handler: `KeyboardInterrupt` for Ctrl-C). On a signal it cancels the token, waits for the
//! worker to stop at its next check (one linear programme, one optimiser iteration, one
//! bootstrap replicate or one chunk of rows), and raises the handler's exception.
//!
//! The core stays free of Python: it sees only its own [`Cancel`] token. (polars'
//! `enter_polars` and rust-numpy's examples release the GIL the same way; the polling loop
//! follows pyo3's advice for long-running Rust code, since a thread without the GIL cannot
//! run Python's signal handlers.)

use nangsuat::cancel::Cancel;
use pyo3::prelude::*;
use std::sync::mpsc;
use std::time::Duration;

/// How long the calling thread waits, without the GIL, between two looks for a signal.
const POLL: Duration = Duration::from_millis(50);

/// Runs `f` (given a cancellation token to pass to the core's `*_cancellable` call) on a
/// worker thread with the GIL released; Ctrl-C (any pending Python signal whose handler
/// raises) cancels the token and raises that exception once the worker has stopped. A panic
/// in `f` resumes on the calling thread, where pyo3 turns it into a `PanicException`.
pub(crate) fn interruptible<R, F>(py: Python<'_>, f: F) -> PyResult<R>
where
    R: Send,
    F: FnOnce(&Cancel) -> R + Send,
{
    let cancel = Cancel::new();
    std::thread::scope(|scope| {
        let (done, finished) = mpsc::sync_channel::<()>(1);
        let token = &cancel;
        let worker = scope.spawn(move || {
            let result = f(token);
            // The receiver may be gone only if the caller stopped waiting; nothing to tell.
            let _ = done.send(());
            result
        });
        let mut finished = finished;
        loop {
            let (receiver, outcome) = py.detach(move || {
                let outcome = finished.recv_timeout(POLL);
                (finished, outcome)
            });
            finished = receiver;
            match outcome {
                // Done, or the worker panicked (its sender dropped): join for the result.
                Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if let Err(signal) = py.check_signals() {
                        cancel.cancel();
                        // The worker stops at its next check; its result is dropped.
                        let _ = py.detach(move || worker.join());
                        return Err(signal);
                    }
                }
            }
        }
        match py.detach(move || worker.join()) {
            Ok(result) => Ok(result),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}
