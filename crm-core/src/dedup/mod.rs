//! Finding duplicate customers: accurate, explainable, fast at millions of records.
//!
//! A scan runs five stages, each also callable alone through [`Matcher`]:
//!
//! 1. **prepare** ([`MatchRecord`]): names folded (Unicode NFKC, case, accents,
//!    punctuation) and romanized from Cyrillic, Greek and Hangul, emails with the providers' alias rules, phones in E.164, addresses
//!    tokenised with common abbreviations, dates of birth;
//! 2. **block** ([`block`] documents the keys): only records sharing a blocking key, or
//!    neighbours in name order, are compared, so the work grows near-linearly;
//! 3. **compare** ([`Field`], [`Level`]): per-field agreement levels (exact, nickname,
//!    typo, close, initial, …, different, missing; names in a script not romanized, such
//!    as Han or kana, against Latin letters are missing, neither agreeing nor differing,
//!    and need a birth date or a mailbox of one person to be matched on);
//! 4. **score** ([`Model`], [`MatchConfig`]): Fellegi–Sunter match weights with sound
//!    defaults, term-frequency adjustment of exact names and of contact values many
//!    records share, optional estimation from the data
//!    without labels, conflict fields, and rules a user can state without statistics;
//! 5. **cluster**: matched pairs into groups without chaining.
//!
//! The `*_with` methods ([`Matcher::scan_with`], …) report progress and can be cancelled
//! between chunks of work ([`progress`]).
//!
//! Every pair carries its [`Explanation`]. [`Matcher::scan`] takes plain records (a data
//! team's rows that never enter a book); `Crm::find_duplicates` scans a book.

pub mod block;
mod cells;
mod cluster;
mod compare;
mod config;
mod counts;
mod index;
mod model;
mod nicknames;
mod parallel;
pub mod phonetic;
pub mod progress;
mod record;
mod romanize;
mod scan;
mod score;
pub mod similarity;

pub use crate::crm::{CheckedCreate, OnDuplicate};
pub use cluster::MAX_GROUP;
pub use compare::{Comparison, Field, Level};
pub use config::{Blocking, Estimation, MatchConfig, MatchRule, RuleMode};
pub use counts::NameCounts;
pub use index::{DuplicateCandidate, MatchIndex};
pub use model::{EmFit, LevelProbabilities, MIN_TF_U, Model, ModelRow, PRIOR_RECORDS};
pub use nicknames::{are_nicknames, group_members, nickname_groups};
pub use phonetic::{MAX_KEY_LEN, phonetic_key};
pub use progress::{Observer, Stage};
pub use record::{BirthDate, MatchAddress, MatchRecord};
pub use scan::{DuplicateGroup, DuplicatePair, DuplicateScan, Matcher, ScanStats, ScoredPairs};
pub use score::{Decision, Explanation, FieldScore};
pub use similarity::{JaroWinklerQuery, damerau_osa_bounded, jaro, jaro_winkler, levenshtein};
