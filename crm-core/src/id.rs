//! Newtype ids over time-ordered UUID v7, and the generator that makes them.
//!
//! Ids sort by creation time. A [`IdGenerator::seeded`] generator makes the same ids for the
//! same seed and clock readings, so tests and replays are reproducible.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $entity:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        // The order of the bytes, as one big-endian integer: one comparison instead of a
        // byte-wise one (ids are the keys of every index).
        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.0.as_u128().cmp(&other.0.as_u128())
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl $name {
            /// Wraps a UUID.
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The UUID inside.
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }

            /// Parses the hyphenated (or simple) UUID form.
            ///
            /// # Errors
            /// [`Error::InvalidValue`] naming the field `id` when `s` is not a UUID.
            pub fn parse(s: &str) -> Result<Self> {
                Uuid::parse_str(s.trim())
                    .map(Self)
                    .map_err(|_| Error::invalid(concat!($entity, "_id"), s, "not a UUID"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                Self::parse(s)
            }
        }

        impl From<Uuid> for $name {
            fn from(u: Uuid) -> Self {
                Self(u)
            }
        }
    };
}

id_type!(
    /// Identifies a customer.
    CustomerId,
    "customer"
);
id_type!(
    /// Identifies one logged interaction.
    InteractionId,
    "interaction"
);
id_type!(
    /// Identifies a case (a complaint that is opened and later resolved).
    CaseId,
    "case"
);

id_type!(
    /// Identifies a follow-up (a planned contact or task).
    FollowUpId,
    "follow_up"
);

id_type!(
    /// Identifies a merge of duplicate customers (what [`Crm::unmerge`](crate::Crm::unmerge)
    /// undoes).
    MergeId,
    "merge"
);

/// Makes UUID v7 ids from a clock reading and a random source.
///
/// Within one millisecond the ids still increase (RFC 9562 §6.2, method 2: the random part
/// is incremented), so ids always sort in the order they were made.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use crm_core::id::IdGenerator;
///
/// let at = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
/// let mut a = IdGenerator::seeded(7);
/// let mut b = IdGenerator::seeded(7);
/// let (x, y) = (a.next_uuid(at), a.next_uuid(at));
/// assert_eq!(x, b.next_uuid(at));
/// assert!(x < y);
/// assert_eq!(x.get_version_num(), 7);
/// ```
#[derive(Debug, Clone)]
pub struct IdGenerator {
    state: u64,
    last_ms: u64,
    last_rand: u128,
}

/// The 74 random bits of a UUID v7 (12 in `rand_a`, 62 in `rand_b`).
const RAND_BITS: u32 = 74;

impl IdGenerator {
    /// A generator whose ids depend only on `seed` and the times passed in.
    pub fn seeded(seed: u64) -> Self {
        Self {
            state: seed,
            last_ms: 0,
            last_rand: 0,
        }
    }

    /// A generator seeded from the operating system's (or the browser's) random source.
    pub fn random() -> Self {
        let (hi, lo) = Uuid::new_v4().as_u64_pair();
        Self::seeded(hi ^ lo.rotate_left(17))
    }

    fn next_u64(&mut self) -> u64 {
        // SplitMix64: tiny, fast, and good enough to spread ids; not for secrets.
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Makes sure later ids sort after `seen` (used after replaying a journal, so that a
    /// seeded generator never hands out an id that already exists).
    pub fn observe(&mut self, seen: Uuid) {
        if seen.get_version_num() != 7 {
            return;
        }
        let v = seen.as_u128();
        let ms = (v >> 80) as u64;
        let rand = ((v >> 64) & 0xFFF) << 62 | (v & ((1u128 << 62) - 1));
        if (ms, rand) > (self.last_ms, self.last_rand) {
            self.last_ms = ms;
            self.last_rand = rand;
        }
    }

    /// The next UUID for an event happening at `at`.
    pub fn next_uuid(&mut self, at: DateTime<Utc>) -> Uuid {
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0) & ((1 << 48) - 1);
        let mask: u128 = (1u128 << RAND_BITS) - 1;
        let (ms, rand) = if ms > self.last_ms {
            // Fresh millisecond: random bits with the top one clear, leaving room to count.
            let r = (u128::from(self.next_u64()) << 10 | u128::from(self.next_u64() & 0x3FF))
                & (mask >> 1);
            (ms, r)
        } else {
            let step = u128::from(self.next_u64() >> 32) + 1;
            let r = self.last_rand + step;
            if r > mask {
                // Counter overflow: borrow the next millisecond, as RFC 9562 allows.
                (self.last_ms + 1, u128::from(self.next_u64()) & (mask >> 1))
            } else {
                (self.last_ms, r)
            }
        };
        self.last_ms = ms;
        self.last_rand = rand;
        let rand_a = ((rand >> 62) & 0xFFF) as u16;
        let rand_b = (rand & ((1u128 << 62) - 1)) as u64;
        let mut bytes = [0u8; 16];
        bytes[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
        bytes[6..8].copy_from_slice(&(0x7000 | rand_a).to_be_bytes());
        bytes[8..].copy_from_slice(&((0b10u64 << 62) | rand_b).to_be_bytes());
        Uuid::from_bytes(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_are_v7_ordered_and_reproducible() {
        let t = Utc
            .with_ymd_and_hms(2026, 3, 1, 12, 0, 0)
            .single()
            .expect("valid");
        let mut g = IdGenerator::seeded(1);
        let ids: Vec<Uuid> = (0..1000).map(|_| g.next_uuid(t)).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        assert!(ids.iter().all(|u| u.get_version_num() == 7));
        assert!(
            ids.iter()
                .all(|u| u.get_variant() == uuid::Variant::RFC4122)
        );
        let mut h = IdGenerator::seeded(1);
        assert_eq!(ids[0], h.next_uuid(t));
        let mut other = IdGenerator::seeded(2);
        assert_ne!(ids[0], other.next_uuid(t));
        // The embedded timestamp is the clock's.
        let (secs, _) = ids[0]
            .get_timestamp()
            .expect("v7 has a timestamp")
            .to_unix();
        assert_eq!(secs as i64, t.timestamp());
    }

    #[test]
    fn observe_moves_past_existing_ids() {
        let t = Utc
            .with_ymd_and_hms(2026, 3, 1, 12, 0, 0)
            .single()
            .expect("valid");
        let mut a = IdGenerator::seeded(5);
        let ids: Vec<Uuid> = (0..10).map(|_| a.next_uuid(t)).collect();
        let mut b = IdGenerator::seeded(5);
        for id in &ids {
            b.observe(*id);
        }
        let next = b.next_uuid(t);
        assert!(ids.iter().all(|id| *id < next));
    }

    #[test]
    fn clock_going_backwards_keeps_order() {
        let t = Utc
            .with_ymd_and_hms(2026, 3, 1, 12, 0, 0)
            .single()
            .expect("valid");
        let mut g = IdGenerator::seeded(3);
        let a = g.next_uuid(t);
        let b = g.next_uuid(t - chrono::Duration::seconds(5));
        assert!(a < b);
    }

    #[test]
    fn parse_round_trips_and_names_field() {
        let id = CustomerId::from_uuid(IdGenerator::seeded(9).next_uuid(Utc::now()));
        assert_eq!(CustomerId::parse(&id.to_string()).expect("round trip"), id);
        let err = CustomerId::parse("nope").unwrap_err();
        assert_eq!(err.field(), Some("customer_id"));
        assert_eq!(err.code(), "invalid_value");
    }
}
