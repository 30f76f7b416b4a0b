//! How many threads the library uses, and work on items already in memory spread over them.
//! One policy for every part that uses threads (reading documents, CSV files and workbooks,
//! the report, batch scoring): one thread per core, none in the browser build.

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

/// Items per thread in a round of [`map_in_order`] for light items (rows).
pub(crate) const ROUND_ITEMS: usize = 2048;

/// `work` applied to `0..n` on several threads, in rounds of `per_thread` items per thread (so
/// only a round's results are held at once; one thread when `n` is at most `per_thread`), each
/// result handed to `take` on the calling thread in order. Used where the items are already in
/// memory: the rows of CSV files ([`ROUND_ITEMS`]), the sheets of a workbook (1).
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
    let mut from = 0;
    while from < n {
        let to = (from + threads * per_thread).min(n);
        let per = (to - from).div_ceil(threads);
        let parts: Vec<Vec<R>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (from..to)
                .step_by(per)
                .map(|start| {
                    let end = (start + per).min(to);
                    scope.spawn(move || (start..end).map(work).collect::<Vec<R>>())
                })
                .collect();
            // A part cannot panic (no indexing or unwrap in the core); a failed join would
            // leave its items out, which the caller's count of items shows.
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        for (i, value) in (from..).zip(parts.into_iter().flatten()) {
            take(i, value);
        }
        from = to;
    }
}
