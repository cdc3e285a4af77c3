//! [`Tags`]: a customer's tags, sorted, each stored once per book.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A customer's tags: sorted, each once. A [`Crm`](crate::Crm) folds every tag with
/// [`normalize_tag`](crate::customer::normalize_tag) before storing it.
///
/// Serialized as a JSON array of strings. The text of a tag is shared by all the customers of
/// a book that carry it, so a million customers with a few dozen distinct tags cost one
/// pointer per tag and customer.
///
/// ```
/// use crm_core::customer::Tags;
///
/// let tags: Tags = ["vip", "b2b", "vip"].into_iter().collect();
/// assert_eq!(tags.len(), 2);
/// assert!(tags.contains("vip"));
/// assert_eq!(tags.iter().collect::<Vec<_>>(), ["b2b", "vip"]);
/// assert_eq!(serde_json::to_string(&tags).unwrap(), r#"["b2b","vip"]"#);
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tags(Box<[Arc<str>]>);

impl Tags {
    /// No tags.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many tags there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no tag.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `tag` is one of the tags (compared exactly: pass a normalised tag).
    pub fn contains(&self, tag: &str) -> bool {
        self.0.binary_search_by(|t| (**t).cmp(tag)).is_ok()
    }

    /// The tags in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.0.iter())
    }

    /// The shared texts, in order (for the book's tag index).
    pub(crate) fn shared(&self) -> &[Arc<str>] {
        &self.0
    }

    /// Tags from shared texts, in any order, repeats allowed.
    pub(crate) fn from_shared(mut tags: Vec<Arc<str>>) -> Self {
        crate::sort::sort(&mut tags);
        tags.dedup();
        Tags(tags.into_boxed_slice())
    }

    /// Removes `remove`, then adds `add`.
    pub(crate) fn change(&mut self, remove: &[String], add: impl IntoIterator<Item = Arc<str>>) {
        let mut tags: Vec<Arc<str>> = self
            .0
            .iter()
            .filter(|t| !remove.iter().any(|r| r.as_str() == &***t))
            .cloned()
            .collect();
        tags.extend(add);
        *self = Tags::from_shared(tags);
    }
}

impl<S: AsRef<str>> FromIterator<S> for Tags {
    /// Tags as given (sorted, repeats dropped; not normalised).
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        Tags::from_shared(iter.into_iter().map(|s| Arc::from(s.as_ref())).collect())
    }
}

impl<'a> IntoIterator for &'a Tags {
    type Item = &'a str;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The tags of a [`Tags`], in order.
#[derive(Debug, Clone)]
pub struct Iter<'a>(std::slice::Iter<'a, Arc<str>>);

impl<'a> Iterator for Iter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.0.next().map(|t| &**t)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|t| &**t)
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl fmt::Debug for Tags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for Tags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Tags {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Arc<str>>::deserialize(d).map(Tags::from_shared)
    }
}
