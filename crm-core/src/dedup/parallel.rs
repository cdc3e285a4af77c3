//! Data parallelism for the duplicate scan: rayon with the default `parallel` feature,
//! plain loops without it (and on wasm, where rayon would run on one thread anyway).

#[cfg(feature = "parallel")]
use rayon::prelude::*;

use super::progress::Ticker;

/// `items.iter().map(f).collect()`, on every core when `parallel` is enabled.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    #[cfg(feature = "parallel")]
    {
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(f).collect()
    }
}

/// Unstable sort, on every core when `parallel` is enabled.
pub(crate) fn sort<T: Ord + Send>(items: &mut [T]) {
    #[cfg(feature = "parallel")]
    {
        items.par_sort_unstable();
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.sort_unstable();
    }
}

/// Runs two closures, in parallel when `parallel` is enabled.
pub(crate) fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(feature = "parallel")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}

/// [`map`] in chunks of `chunk` items, reporting each chunk to `ticker` (on this thread,
/// between chunks) and stopping at the first `Err` it returns.
pub(crate) fn map_chunked<T: Sync, R: Send, E>(
    items: &[T],
    chunk: usize,
    f: impl Fn(&T) -> R + Sync + Send,
    ticker: &mut Ticker<'_, '_, E>,
) -> Result<Vec<R>, E> {
    let mut out = Vec::with_capacity(items.len());
    for part in items.chunks(chunk.max(1)) {
        #[cfg(feature = "parallel")]
        out.par_extend(part.par_iter().map(&f));
        #[cfg(not(feature = "parallel"))]
        out.extend(part.iter().map(&f));
        ticker.add(part.len())?;
    }
    Ok(out)
}

/// `items.iter().filter_map(f).collect()` (in input order, on every core when `parallel`
/// is enabled) in chunks of `chunk` items, reporting each chunk to `ticker` (on this
/// thread, between chunks) and stopping at the first `Err` it returns.
pub(crate) fn filter_map_chunked<T: Sync, R: Send, E>(
    items: &[T],
    chunk: usize,
    f: impl Fn(&T) -> Option<R> + Sync + Send,
    ticker: &mut Ticker<'_, '_, E>,
) -> Result<Vec<R>, E> {
    let mut out = Vec::new();
    for part in items.chunks(chunk.max(1)) {
        #[cfg(feature = "parallel")]
        out.par_extend(part.par_iter().filter_map(&f));
        #[cfg(not(feature = "parallel"))]
        out.extend(part.iter().filter_map(&f));
        ticker.add(part.len())?;
    }
    Ok(out)
}
