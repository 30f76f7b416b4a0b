//! Reading the elements of a streamed list on several threads: the calling thread splits the
//! text (see [`super::split`]) and hands elements over in batches; helper threads read them
//! (`work`), and the calling thread takes the results in the list's order (`take`), so the
//! outcome, errors included, is that of reading them one by one. When the helpers are busy
//! the calling thread reads a batch itself, which bounds the batches in flight (and memory).
//! Small documents (one batch) and single-core machines (the browser build) use no thread.

use super::split::{element_error, Position, Sink, Stop};
use crate::threads::helpers;
use std::collections::BTreeMap;
use std::sync::{mpsc, Arc, Mutex};
use std::thread::Scope;

/// What reads one element, on any thread: `Err` only for text that is not JSON.
pub(crate) type Work<'w, R> = &'w (dyn Fn(usize, &str) -> Result<R, serde_json::Error> + Sync);

/// Bytes of element text per batch: a batch's hand-over costs little next to reading it, and
/// a few batches in flight are little memory.
const BATCH_BYTES: usize = 256 * 1024;

/// Consecutive elements: their texts one after the other.
struct Batch {
    seq: usize,
    first: usize,
    text: String,
    ends: Vec<usize>,
    starts: Vec<Position>,
}

impl Batch {
    fn new() -> Batch {
        Batch {
            seq: 0,
            first: 0,
            text: String::with_capacity(BATCH_BYTES + BATCH_BYTES / 4),
            ends: Vec::new(),
            starts: Vec::new(),
        }
    }
}

/// A batch read: the values up to its first element that is not JSON, and that one's error.
struct Done<R> {
    batch: Batch,
    values: Vec<R>,
    failure: Option<(usize, serde_json::Error)>,
}

fn read_batch<R>(batch: Batch, work: Work<'_, R>) -> Done<R> {
    let mut values = Vec::with_capacity(batch.ends.len());
    let mut failure = None;
    let mut from = 0;
    for (k, &end) in batch.ends.iter().enumerate() {
        let text = batch.text.get(from..end).unwrap_or_default();
        from = end;
        match work(batch.first + k, text) {
            Ok(v) => values.push(v),
            Err(e) => {
                failure = Some((k, e));
                break;
            }
        }
    }
    Done {
        batch,
        values,
        failure,
    }
}

/// The sink that reads elements on helper threads of `scope` (none when `scope` is `None`).
pub(crate) struct Parallel<'s, 'e, 'w, R> {
    scope: Option<&'s Scope<'s, 'e>>,
    work: Work<'w, R>,
    take: &'w mut dyn FnMut(usize, R),
    opens: &'w mut dyn FnMut(&[u8]),
    jobs: Option<mpsc::SyncSender<Batch>>,
    done: Option<mpsc::Receiver<Done<R>>>,
    batch: Batch,
    /// Batches handed out, and taken (in order).
    sent: usize,
    taken: usize,
    waiting: BTreeMap<usize, Done<R>>,
    /// Batches taken, emptied for reuse (their text buffers are large).
    spare: Vec<Batch>,
    settled: bool,
}

impl<'s, 'e, 'w: 's, R: Send + 's> Parallel<'s, 'e, 'w, R> {
    pub(crate) fn new(
        scope: Option<&'s Scope<'s, 'e>>,
        work: Work<'w, R>,
        take: &'w mut dyn FnMut(usize, R),
        opens: &'w mut dyn FnMut(&[u8]),
    ) -> Self {
        Parallel {
            scope,
            work,
            take,
            opens,
            jobs: None,
            done: None,
            batch: Batch::new(),
            sent: 0,
            taken: 0,
            waiting: BTreeMap::new(),
            spare: Vec::new(),
            settled: false,
        }
    }

    /// Starts the helpers (once, with the first full batch).
    fn start(&mut self) {
        let Some(scope) = self.scope.filter(|_| self.jobs.is_none() && !self.settled) else {
            return;
        };
        let n = helpers();
        let (jobs, queue) = mpsc::sync_channel::<Batch>(n);
        let queue = Arc::new(Mutex::new(queue));
        let (done, results) = mpsc::channel();
        let work = self.work;
        for _ in 0..n {
            let queue = Arc::clone(&queue);
            let done = done.clone();
            scope.spawn(move || loop {
                // The lock is held while waiting for a batch, not while reading it.
                let next = match queue.lock() {
                    Ok(q) => q.recv(),
                    Err(_) => return,
                };
                let Ok(batch) = next else { return };
                if done.send(read_batch(batch, work)).is_err() {
                    return;
                }
            });
        }
        self.jobs = Some(jobs);
        self.done = Some(results);
    }

    /// Hands the current batch over (or reads it here when the helpers are busy), then takes
    /// whatever is ready.
    fn dispatch(&mut self) -> Result<(), Stop> {
        if !self.batch.ends.is_empty() {
            self.start();
            let next = self.spare.pop().unwrap_or_else(Batch::new);
            let mut batch = std::mem::replace(&mut self.batch, next);
            batch.seq = self.sent;
            self.sent += 1;
            let unsent = match &self.jobs {
                Some(jobs) => match jobs.try_send(batch) {
                    Ok(()) => None,
                    Err(mpsc::TrySendError::Full(b) | mpsc::TrySendError::Disconnected(b)) => {
                        Some(b)
                    }
                },
                None => Some(batch),
            };
            if let Some(batch) = unsent {
                let done = read_batch(batch, self.work);
                self.waiting.insert(done.batch.seq, done);
            }
        }
        if let Some(results) = &self.done {
            while let Ok(done) = results.try_recv() {
                self.waiting.insert(done.batch.seq, done);
            }
        }
        self.take_ready()
    }

    fn take_ready(&mut self) -> Result<(), Stop> {
        while let Some(done) = self.waiting.remove(&self.taken) {
            self.taken += 1;
            let Done {
                mut batch,
                values,
                failure,
            } = done;
            for (k, v) in values.into_iter().enumerate() {
                (self.take)(batch.first + k, v);
            }
            if let Some((k, e)) = failure {
                let start = batch.starts.get(k).copied().unwrap_or((1, 1));
                return Err(element_error(start, e));
            }
            batch.text.clear();
            batch.ends.clear();
            batch.starts.clear();
            self.spare.push(batch);
        }
        Ok(())
    }
}

impl<'s, 'e, 'w: 's, R: Send + 's> Sink for Parallel<'s, 'e, 'w, R> {
    fn opens(&mut self, before: &[u8]) {
        (self.opens)(before);
    }

    fn element(&mut self, i: usize, text: &str, start: Position) -> Result<(), Stop> {
        if self.settled {
            let value = (self.work)(i, text).map_err(|e| element_error(start, e))?;
            (self.take)(i, value);
            return Ok(());
        }
        if self.batch.ends.is_empty() {
            self.batch.first = i;
        }
        self.batch.text.push_str(text);
        self.batch.ends.push(self.batch.text.len());
        self.batch.starts.push(start);
        if self.batch.text.len() >= BATCH_BYTES {
            self.dispatch()?;
        }
        Ok(())
    }

    fn settle(&mut self) -> Result<(), Stop> {
        if self.settled {
            return Ok(());
        }
        self.dispatch()?;
        self.settled = true;
        // Closing the queue lets the helpers end once it is empty.
        self.jobs = None;
        while self.taken < self.sent {
            let Some(Ok(done)) = self.done.as_ref().map(mpsc::Receiver::recv) else {
                // A helper ended without its batch (it cannot panic); the scope reports it.
                break;
            };
            self.waiting.insert(done.batch.seq, done);
            self.take_ready()?;
        }
        Ok(())
    }
}
