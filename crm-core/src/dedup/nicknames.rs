//! PLACEHOLDER (replaced by the kernels being written in parallel).
#![allow(missing_docs, unreachable_pub)]
const T: &[(&str, &[u16])] = &[
    ("bill", &[2]),
    ("bob", &[1]),
    ("liz", &[3]),
    ("elizabeth", &[3]),
    ("robert", &[1]), ("rob", &[1]),
    ("william", &[2]),
];
pub fn nickname_groups(name: &str) -> &'static [u16] {
    T.iter().find(|(n, _)| *n == name).map_or(&[], |(_, g)| g)
}
pub fn are_nicknames(a: &str, b: &str) -> bool {
    a != b
        && nickname_groups(a)
            .iter()
            .any(|g| nickname_groups(b).contains(g))
}
