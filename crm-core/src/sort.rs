//! Stable sorting that shares one copy of the sorting code.
//!
//! Every `sort_by` / `sort_by_key` call with its own closure compiles its own copy of the
//! standard library's sort, several kilobytes of machine code each. On wasm, where the
//! module is downloaded, the dozen small sorts of the schedule, the merge and the name
//! normalisation cost about 4 KB gzipped that way. [`sort_by_key`] sorts short slices by
//! insertion (a few instructions, and the fastest way for the handful of items these
//! calls see) and longer ones through [`order`], the one instantiation of the standard
//! stable sort they all share; [`sort_by`] and [`sort`] do the same with a comparison and
//! with the items' own order.
//!
//! The result equals `slice::sort_by_key`'s (both are stable), on every target. Sorts over
//! large inputs on hot paths (blocking, clustering) keep the standard sort.

use std::cmp::Ordering;

/// Slices up to this length are sorted by insertion.
const SHORT: usize = 24;

/// Sorts `v` by `key`, keeping the order of equal keys (as `slice::sort_by_key`).
pub(crate) fn sort_by_key<T: Clone, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order, keeping the order of equal items (as `slice::sort`).
pub(crate) fn sort<T: Clone + Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` by `cmp`, keeping the order of equal items (as `slice::sort_by`).
pub(crate) fn sort_by<T: Clone>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() <= SHORT {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && cmp(&v[j], &v[j - 1]) == Ordering::Less {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let order = order(v.len(), &mut |i, j| cmp(&v[i], &v[j]));
    let sorted: Vec<T> = order.iter().map(|&i| v[i].clone()).collect();
    v.clone_from_slice(&sorted);
}

/// The positions `0..n` in the order `cmp` gives them (stable): not generic, so that every
/// caller shares its one copy of the standard sort.
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..n).collect();
    positions.sort_by(|&a, &b| cmp(a, b));
    positions
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Short and long slices alike: the same result as the standard stable sort,
        /// including the order of equal keys.
        #[test]
        fn equals_the_standard_stable_sort(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..80)) {
            let mut ours = items.clone();
            super::sort_by_key(&mut ours, |&(k, _)| k);
            let mut std = items;
            std.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(ours, std);
        }

        /// With a comparison (here descending on the key), and whole items: the same as
        /// the standard sorts.
        #[test]
        fn sort_by_and_sort_equal_the_standard_sorts(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..80)) {
            let mut ours = items.clone();
            super::sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut std = items.clone();
            std.sort_by_key(|a| std::cmp::Reverse(a.0));
            prop_assert_eq!(ours, std);
            let mut ours = items.clone();
            super::sort(&mut ours);
            let mut std = items;
            std.sort();
            prop_assert_eq!(ours, std);
        }
    }
}
