//! Cancelling a long computation from another thread.
//!
//! A [`Cancel`] token is handed to the `*_cancellable` variant of a long computation (DEA,
//! frontier efficiencies, Malmquist, stochastic frontiers, production-function estimation and
//! its bootstrap, panel growth accounting). The engine reads it at natural loop boundaries —
//! before each linear programme, each optimiser iteration, each bootstrap replicate, each
//! chunk of panel rows — and returns [`Error::Interrupted`] once it is set. Whoever holds a
//! clone of the token (a Python or C face watching for Ctrl-C, a server with a deadline) sets
//! it with [`Cancel::cancel`].
//!
//! The token is explicit rather than a thread-local so that it reaches rayon's worker threads
//! (a thread-local set on the calling thread would not) and so that a signature says which
//! computations can stop early. [`Cancel::never`] allocates nothing and its check is one
//! branch, so the plain variants (`compute`, `fit`, `estimate`) cost what they did before.
//!
//! ```
//! use nangsuat::cancel::Cancel;
//! use nangsuat::efficiency::dea::{Dea, Orientation, Production, ReturnsToScale};
//! let (x, y) = ([2.0, 4.0, 3.0], [1.0, 4.0, 2.0]);
//! let data = Production::new(&x, 1, &y, 1)?;
//! let token = Cancel::new();
//! token.cancel(); // e.g. from a signal handler's thread
//! let dea = Dea::new(Orientation::Input, ReturnsToScale::Constant);
//! let err = dea.compute_cancellable(&data, &token).unwrap_err();
//! assert_eq!(err.kind(), nangsuat::ErrorKind::Interrupted);
//! # Ok::<(), nangsuat::Error>(())
//! ```

use crate::error::{Error, Result};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A cheap, clonable cancellation flag shared between the thread that runs a computation and
/// the threads that may stop it. Clones share one flag.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Option<Arc<AtomicBool>>);

impl Cancel {
    /// A live token, not yet cancelled.
    pub fn new() -> Self {
        Cancel(Some(Arc::new(AtomicBool::new(false))))
    }

    /// A token nobody can cancel (the default): no allocation, and checking it is one branch.
    pub fn never() -> Self {
        Cancel(None)
    }

    /// Asks every computation holding this token (or a clone) to stop at its next check.
    /// Does nothing on [`Cancel::never`].
    pub fn cancel(&self) {
        if let Some(flag) = &self.0 {
            flag.store(true, Ordering::Relaxed);
        }
    }

    /// Whether [`Cancel::cancel`] has been called on this token or a clone.
    pub fn is_cancelled(&self) -> bool {
        self.0.as_ref().is_some_and(|f| f.load(Ordering::Relaxed))
    }

    /// `Err(Error::Interrupted)` naming `what` once the token is cancelled.
    ///
    /// # Errors
    /// [`Error::Interrupted`] when the token is cancelled.
    pub fn check(&self, what: &str) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Interrupted { what: what.into() })
        } else {
            Ok(())
        }
    }

    /// Maps `f` over `items` with one workspace (`init`) per worker — in parallel with the
    /// `rayon` feature — checking the token before each item; results in `items`' order.
    pub(crate) fn map_init<T, W, R>(
        &self,
        what: &str,
        items: &[T],
        init: impl Fn() -> W + Sync + Send,
        f: impl Fn(&mut W, &T) -> R + Sync + Send,
    ) -> Result<Vec<R>>
    where
        T: Sync,
        R: Send,
    {
        let step = |w: &mut W, t: &T| self.check(what).map(|()| f(w, t));
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            items
                .par_iter()
                .with_min_len(16)
                .map_init(init, step)
                .collect()
        }
        #[cfg(not(feature = "rayon"))]
        {
            let mut w = init();
            items.iter().map(|t| step(&mut w, t)).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_flag_and_never_cannot_be_cancelled() {
        let a = Cancel::new();
        let b = a.clone();
        assert!(a.check("x").is_ok());
        b.cancel();
        assert!(a.is_cancelled());
        let err = a.check("the Malmquist index").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the Malmquist index was interrupted before it finished (cancelled by the caller)"
        );
        let n = Cancel::never();
        n.cancel();
        assert!(!n.is_cancelled());
        assert!(Cancel::default().check("x").is_ok());
    }

    #[test]
    fn map_init_stops_on_a_cancelled_token_and_keeps_order() {
        let items: Vec<usize> = (0..100).collect();
        let live = Cancel::new();
        let out = live
            .map_init("t", &items, || 0usize, |_, &i| i * 2)
            .unwrap();
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        live.cancel();
        let err = live
            .map_init("t", &items, || 0usize, |_, &i| i)
            .unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Interrupted);
    }
}
