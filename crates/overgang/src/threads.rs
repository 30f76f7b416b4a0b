//! How many threads the library uses, and work on items already in memory spread over them.
//! One policy for every part that uses threads (reading documents, CSV files and workbooks,
//! the report, batch scoring): one thread per core, none in the browser build.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex, PoisonError};

/// Most helper threads used.
const MAX_HELPERS: usize = 7;

/// The cores there are to use: 1 in the browser build (no threads) or when unknown.
pub(crate) fn cores() -> usize {
    if cfg!(target_arch = "wasm32") {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Helper threads worth starting besides the calling one: one fewer than the cores.
pub(crate) fn helpers() -> usize {
    cores().saturating_sub(1).min(MAX_HELPERS)
}

/// The `per_thread` of [`map_in_order`] for light items (rows): fewer are mapped on the
/// calling thread alone, and threads take a sixteenth of it at a time.
pub(crate) const ROUND_ITEMS: usize = 2048;

/// `work` applied to `0..n` on several threads, each result handed to `take` on the calling
/// thread in order (on the calling thread alone when `n` is at most `per_thread`; threads take
/// `per_thread / 16` items at a time). Used where the items are already in memory: the rows of
/// CSV files and the participants of the streamed report ([`ROUND_ITEMS`]), the sheets of a
/// workbook (1).
///
/// The threads live for the whole call and each takes the next few items as it is free, not a
/// fixed share: items differ in cost (a participant with many questionnaires). The calling
/// thread only puts the results in order; they are held until their turn, at most a few
/// chunks per thread (a thread waits before it runs more than [`AHEAD`] chunks ahead of the
/// first one not yet taken).
pub(crate) fn map_in_order<R: Send>(
    n: usize,
    per_thread: usize,
    work: &(dyn Fn(usize) -> R + Sync),
    take: &mut dyn FnMut(usize, R),
) {
    let threads = helpers() + 1;
    let per_thread = per_thread.max(1);
    if threads == 1 || n <= per_thread {
        (0..n).for_each(|i| take(i, work(i)));
        return;
    }
    // Small enough to even out the threads' ends, large enough that taking one is rare.
    let chunk = (per_thread / 16).max(1);
    let next = AtomicUsize::new(0);
    // The first item not yet taken, and a way to wait for it to move.
    let taken = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = sync_channel::<(usize, Vec<R>)>(threads * AHEAD);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (tx, next, taken) = (tx.clone(), &next, &taken);
            scope.spawn(move || {
                let _leaving = Leaving(taken);
                loop {
                    let start = next.fetch_add(chunk, Ordering::Relaxed);
                    if start >= n {
                        return;
                    }
                    let mut first = taken.0.lock().unwrap_or_else(PoisonError::into_inner);
                    while start >= *first + AHEAD * threads * chunk {
                        first = taken.1.wait(first).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(first);
                    let end = (start + chunk).min(n);
                    let values = (start..end).map(work).collect();
                    if tx.send((start, values)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        // A chunk cannot panic (no indexing or unwrap in the core); a thread that did would
        // leave its items out, which the caller's count of items shows.
        let mut waiting = BTreeMap::new();
        let mut first = 0;
        for (start, values) in rx {
            waiting.insert(start, values);
            while let Some(values) = waiting.remove(&first) {
                let len = values.len();
                for (i, value) in (first..).zip(values) {
                    take(i, value);
                }
                first += len;
                // Never moved back (past the end, it lets the threads go on after one failed).
                let mut shared = taken.0.lock().unwrap_or_else(PoisonError::into_inner);
                *shared = (*shared).max(first);
                drop(shared);
                taken.1.notify_all();
            }
        }
    });
}

/// Lets the other threads of [`map_in_order`] go on when one panics (they would wait for its
/// chunk forever): the first item not taken is moved past the end.
struct Leaving<'a>(&'a (Mutex<usize>, Condvar));

impl Drop for Leaving<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            *self.0 .0.lock().unwrap_or_else(PoisonError::into_inner) = usize::MAX / 2;
            self.0 .1.notify_all();
        }
    }
}

/// How many chunks per thread [`map_in_order`] runs ahead of the first result not yet taken.
const AHEAD: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A thread that panics (the core does not, but a caller's work might) does not leave the
    /// others waiting for its chunk: the call ends, with the panic.
    #[test]
    fn a_panicking_item_ends_the_call_instead_of_hanging_it() {
        let result = std::panic::catch_unwind(|| {
            let work = |i: usize| {
                assert!(i != 40, "item 40 fails");
                i
            };
            map_in_order(100_000, 64, &work, &mut |_, _| {});
        });
        assert!(result.is_err());
    }

    proptest! {
        #[test]
        fn results_are_taken_once_each_and_in_order(n in 0usize..5000, per_thread in 0usize..700) {
            let mut taken = Vec::new();
            // Uneven costs, so threads finish their chunks at different times.
            let work = |i: usize| (0..i % 97).fold(i as u64, |a, b| a.wrapping_mul(31) ^ b as u64);
            map_in_order(n, per_thread, &work, &mut |i, r| taken.push((i, r)));
            let expected: Vec<_> = (0..n).map(|i| (i, work(i))).collect();
            prop_assert_eq!(taken, expected);
        }
    }
}
