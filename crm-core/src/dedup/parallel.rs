//! Data parallelism for the duplicate scan: rayon with the default `parallel` feature,
//! plain loops without it (and on wasm, where rayon would run on one thread anyway).

#[cfg(feature = "parallel")]
use rayon::prelude::*;

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

/// `items.iter().filter_map(f).collect()`, on every core when `parallel` is enabled (the
/// order of the input is kept).
pub(crate) fn filter_map<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> Option<R> + Sync + Send,
) -> Vec<R> {
    #[cfg(feature = "parallel")]
    {
        items.par_iter().filter_map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().filter_map(f).collect()
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
