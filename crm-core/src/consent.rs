//! Consent: what a customer has allowed, per channel, for marketing, and overall.
//!
//! A [`Consent`] holds at most one [`ConsentRecord`] per item — one per [`Channel`], one for
//! the marketing opt-in, one for "do not contact" — each with its status, the time it was
//! given and where it came from. [`Consent::check`] answers whether a touch of a
//! [`TouchCategory`] may go out on a channel. **An opt-out always wins**:
//!
//! | category        | do-not-contact ON | channel Denied | marketing not Granted | otherwise |
//! |-----------------|-------------------|----------------|-----------------------|-----------|
//! | `service`       | blocked           | blocked        | allowed               | allowed   |
//! | `requested`     | blocked           | blocked        | allowed               | allowed   |
//! | `marketing`     | blocked           | blocked        | blocked               | allowed   |
//! | `transactional` | allowed           | allowed        | allowed               | allowed   |
//!
//! - Do-not-contact blocks every category except `transactional` (receipts and security
//!   notices must still reach the customer).
//! - A channel explicitly `Denied` blocks every category on that channel except
//!   `transactional`. A channel with no record is not denied.
//! - `marketing` needs a marketing record with status `Granted`: no record means no opt-in.
//! - `service` (ordinary one-to-one follow-up) and `requested` (a reply the customer asked
//!   for) are allowed when nothing denies them.
//!
//! When several rules block, the first of do-not-contact, channel denied, no marketing
//! opt-in is reported.
//!
//! When two customer records are merged, [`Consent::merge_conservative`] keeps, per item,
//! a `Denied` from either side (and a do-not-contact that is ON on either side), otherwise
//! the most recent `Granted`.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use crm_core::consent::{Consent, ConsentBlock, ConsentRecord, TouchCategory};
//! use crm_core::interaction::Channel;
//!
//! let at = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
//! let mut consent = Consent::default();
//! assert_eq!(
//!     consent.check(Channel::Email, TouchCategory::Marketing),
//!     Err(ConsentBlock::NoMarketingOptIn)
//! );
//! consent.set_marketing(ConsentRecord::granted(at).with_source("signup form"));
//! assert!(consent.check(Channel::Email, TouchCategory::Marketing).is_ok());
//!
//! consent.set_channel(Channel::Email, ConsentRecord::denied(at));
//! assert_eq!(
//!     consent.check(Channel::Email, TouchCategory::Service),
//!     Err(ConsentBlock::ChannelDenied(Channel::Email))
//! );
//! assert!(consent.check(Channel::Email, TouchCategory::Transactional).is_ok());
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::contact::case;
use crate::error::{Error, Result};
use crate::interaction::Channel;

/// Whether something was allowed or refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentStatus {
    /// Allowed (for do-not-contact: the customer asked not to be contacted).
    Granted,
    /// Refused (for do-not-contact: the request is lifted).
    Denied,
}

impl FromStr for ConsentStatus {
    type Err = Error;

    /// Accepts `granted` or `denied` in any case.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] with field `status`.
    fn from_str(s: &str) -> Result<Self> {
        match case::lowercase(s.trim()).as_str() {
            "granted" => Ok(ConsentStatus::Granted),
            "denied" => Ok(ConsentStatus::Denied),
            _ => Err(Error::invalid(
                "status",
                s,
                "expected one of: granted, denied",
            )),
        }
    }
}

impl ConsentStatus {
    /// The snake_case name used in JSON and by the bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentStatus::Granted => "granted",
            ConsentStatus::Denied => "denied",
        }
    }
}

impl fmt::Display for ConsentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One consent decision of a customer: its status, when it was given and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    /// Granted or denied.
    pub status: ConsentStatus,
    /// When the customer gave it.
    #[serde(with = "crate::json::instant")]
    pub at: DateTime<Utc>,
    /// Where it came from (`"signup form"`, `"phone call with Ann"`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl ConsentRecord {
    /// A record with `status` given at `at`, without a source.
    pub fn new(status: ConsentStatus, at: DateTime<Utc>) -> Self {
        Self {
            status,
            at,
            source: None,
        }
    }

    /// A `Granted` record given at `at`.
    pub fn granted(at: DateTime<Utc>) -> Self {
        Self::new(ConsentStatus::Granted, at)
    }

    /// A `Denied` record given at `at`.
    pub fn denied(at: DateTime<Utc>) -> Self {
        Self::new(ConsentStatus::Denied, at)
    }

    /// The same record with its source set.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Whether the status is `Granted`.
    pub fn is_granted(&self) -> bool {
        self.status == ConsentStatus::Granted
    }

    /// Whether the status is `Denied`.
    pub fn is_denied(&self) -> bool {
        self.status == ConsentStatus::Denied
    }
}

/// What kind of outbound touch is planned; consent and the contact policy treat kinds
/// differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TouchCategory {
    /// Ordinary one-to-one follow-up by the business.
    Service,
    /// Newsletters, campaigns, offers: needs a marketing opt-in.
    Marketing,
    /// Receipts, security notices, legally required messages: never blocked by consent.
    Transactional,
    /// A reply the customer asked for.
    Requested,
}

impl TouchCategory {
    /// Every value, in declaration order.
    pub const ALL: &'static [TouchCategory] = &[
        TouchCategory::Service,
        TouchCategory::Marketing,
        TouchCategory::Transactional,
        TouchCategory::Requested,
    ];

    /// The snake_case name used in JSON and by the bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            TouchCategory::Service => "service",
            TouchCategory::Marketing => "marketing",
            TouchCategory::Transactional => "transactional",
            TouchCategory::Requested => "requested",
        }
    }
}

impl fmt::Display for TouchCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TouchCategory {
    type Err = Error;

    /// Accepts the snake_case name in any case, with surrounding whitespace (`" Marketing"`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `category` for an unknown name.
    fn from_str(s: &str) -> Result<Self> {
        let key = case::lowercase(s.trim());
        TouchCategory::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == key)
            .ok_or_else(|| Error::InvalidValue {
                field: "category".to_owned(),
                value: s.to_owned(),
                reason: format!(
                    "expected one of: {}",
                    TouchCategory::ALL
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
    }
}

/// Why consent does not allow a touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ConsentBlock {
    /// The customer asked not to be contacted at all.
    DoNotContact,
    /// The customer opted out of this channel.
    ChannelDenied(Channel),
    /// A marketing touch, and the customer has not opted in to marketing.
    NoMarketingOptIn,
}

impl ConsentBlock {
    /// The stable snake_case code: `do_not_contact`, `channel_denied` or
    /// `no_marketing_opt_in`.
    pub fn code(&self) -> &'static str {
        match self {
            ConsentBlock::DoNotContact => "do_not_contact",
            ConsentBlock::ChannelDenied(_) => "channel_denied",
            ConsentBlock::NoMarketingOptIn => "no_marketing_opt_in",
        }
    }
}

impl fmt::Display for ConsentBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConsentBlock::DoNotContact => f.write_str(
                "the customer asked not to be contacted (only transactional messages may be sent)",
            ),
            ConsentBlock::ChannelDenied(channel) => write!(
                f,
                "the customer opted out of {channel} (only transactional messages may be sent on it)"
            ),
            ConsentBlock::NoMarketingOptIn => {
                f.write_str("marketing needs an opt-in, and the customer has not given one")
            }
        }
    }
}

impl std::error::Error for ConsentBlock {}

/// A customer's consent: per channel, the marketing opt-in and do-not-contact.
///
/// The default has no records: every channel open, no marketing opt-in, do-not-contact off.
/// Setting an item replaces its record (the caller applies changes in time order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Consent {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    channels: BTreeMap<Channel, ConsentRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marketing: Option<ConsentRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    do_not_contact: Option<ConsentRecord>,
}

impl Consent {
    /// No records: see the type's documentation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.channels.is_empty() && self.marketing.is_none() && self.do_not_contact.is_none()
    }

    /// Records `record` for `scope` (a channel, marketing, or do-not-contact).
    pub fn record(&mut self, scope: ConsentScope, record: ConsentRecord) {
        match scope {
            ConsentScope::Channel(c) => self.set_channel(c, record),
            ConsentScope::Marketing => self.set_marketing(record),
            ConsentScope::DoNotContact => self.set_do_not_contact(record),
        }
    }

    /// Records the customer's permission for `channel`.
    pub fn set_channel(&mut self, channel: Channel, record: ConsentRecord) {
        self.channels.insert(channel, record);
    }

    /// Records the customer's marketing opt-in (`Granted`) or opt-out (`Denied`).
    pub fn set_marketing(&mut self, record: ConsentRecord) {
        self.marketing = Some(record);
    }

    /// Records do-not-contact: a `Granted` record turns it ON (the customer asked not to be
    /// contacted), a `Denied` record turns it OFF.
    pub fn set_do_not_contact(&mut self, record: ConsentRecord) {
        self.do_not_contact = Some(record);
    }

    /// The record for `channel`, if any.
    pub fn channel(&self, channel: Channel) -> Option<&ConsentRecord> {
        self.channels.get(&channel)
    }

    /// Every channel record.
    pub fn channels(&self) -> &BTreeMap<Channel, ConsentRecord> {
        &self.channels
    }

    /// The marketing record, if any.
    pub fn marketing(&self) -> Option<&ConsentRecord> {
        self.marketing.as_ref()
    }

    /// The do-not-contact record, if any.
    pub fn do_not_contact(&self) -> Option<&ConsentRecord> {
        self.do_not_contact.as_ref()
    }

    /// The record for `scope`, if any.
    pub(crate) fn item(&self, scope: ConsentScope) -> Option<&ConsentRecord> {
        match scope {
            ConsentScope::Channel(c) => self.channels.get(&c),
            ConsentScope::Marketing => self.marketing.as_ref(),
            ConsentScope::DoNotContact => self.do_not_contact.as_ref(),
        }
    }

    /// Sets (or, with `None`, removes) the record for `scope`.
    pub(crate) fn set_item(&mut self, scope: ConsentScope, record: Option<ConsentRecord>) {
        match (scope, record) {
            (ConsentScope::Channel(c), Some(r)) => {
                self.channels.insert(c, r);
            }
            (ConsentScope::Channel(c), None) => {
                self.channels.remove(&c);
            }
            (ConsentScope::Marketing, r) => self.marketing = r,
            (ConsentScope::DoNotContact, r) => self.do_not_contact = r,
        }
    }

    /// The scopes that have a record.
    pub(crate) fn scopes(&self) -> impl Iterator<Item = ConsentScope> + '_ {
        let channels = self.channels.keys().map(|c| ConsentScope::Channel(*c));
        let marketing = self.marketing.as_ref().map(|_| ConsentScope::Marketing);
        let dnc = self
            .do_not_contact
            .as_ref()
            .map(|_| ConsentScope::DoNotContact);
        channels.chain(marketing).chain(dnc)
    }

    /// Whether do-not-contact is ON.
    pub fn is_do_not_contact(&self) -> bool {
        self.do_not_contact
            .as_ref()
            .is_some_and(ConsentRecord::is_granted)
    }

    /// Whether a touch of `category` may go out on `channel`; see the rules in the
    /// [module documentation](self).
    ///
    /// # Errors
    ///
    /// The [`ConsentBlock`] that forbids it.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use crm_core::consent::{Consent, ConsentBlock, ConsentRecord, TouchCategory};
    /// use crm_core::interaction::Channel;
    ///
    /// let at = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
    /// let mut consent = Consent::default();
    /// assert!(consent.check(Channel::Phone, TouchCategory::Service).is_ok());
    ///
    /// consent.set_do_not_contact(ConsentRecord::granted(at));
    /// let block = consent.check(Channel::Phone, TouchCategory::Service).unwrap_err();
    /// assert_eq!(block, ConsentBlock::DoNotContact);
    /// assert_eq!(block.code(), "do_not_contact");
    /// assert!(consent.check(Channel::Email, TouchCategory::Transactional).is_ok());
    /// ```
    pub fn check(&self, channel: Channel, category: TouchCategory) -> Result<(), ConsentBlock> {
        if category == TouchCategory::Transactional {
            return Ok(());
        }
        if self.is_do_not_contact() {
            return Err(ConsentBlock::DoNotContact);
        }
        if self.channel(channel).is_some_and(ConsentRecord::is_denied) {
            return Err(ConsentBlock::ChannelDenied(channel));
        }
        if category == TouchCategory::Marketing
            && !self
                .marketing
                .as_ref()
                .is_some_and(ConsentRecord::is_granted)
        {
            return Err(ConsentBlock::NoMarketingOptIn);
        }
        Ok(())
    }

    /// The consent of a customer made from two merged records, keeping the most
    /// restrictive choice per item: a `Denied` channel or marketing record on either side
    /// wins, and do-not-contact ON on either side wins; otherwise the most recent record is
    /// kept (on a tie, `self`'s). Among two records of the winning status the more recent
    /// one is kept, so its time and source say when the restriction was last confirmed.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use crm_core::consent::{Consent, ConsentRecord, ConsentStatus};
    /// use crm_core::interaction::Channel;
    ///
    /// let old = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
    /// let new = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    /// let mut a = Consent::default();
    /// a.set_channel(Channel::Sms, ConsentRecord::denied(old));
    /// a.set_marketing(ConsentRecord::granted(old));
    /// let mut b = Consent::default();
    /// b.set_channel(Channel::Sms, ConsentRecord::granted(new));
    /// b.set_marketing(ConsentRecord::granted(new));
    ///
    /// let merged = a.merge_conservative(&b);
    /// assert_eq!(merged.channel(Channel::Sms).map(|r| r.status), Some(ConsentStatus::Denied));
    /// assert_eq!(merged.marketing().map(|r| r.at), Some(new));
    /// ```
    #[must_use]
    pub fn merge_conservative(&self, other: &Consent) -> Consent {
        let mut channels = self.channels.clone();
        for (channel, theirs) in &other.channels {
            let merged = merge_item(
                self.channels.get(channel),
                Some(theirs),
                ConsentStatus::Denied,
            );
            if let Some(record) = merged {
                channels.insert(*channel, record);
            }
        }
        Consent {
            channels,
            marketing: merge_item(
                self.marketing.as_ref(),
                other.marketing.as_ref(),
                ConsentStatus::Denied,
            ),
            do_not_contact: merge_item(
                self.do_not_contact.as_ref(),
                other.do_not_contact.as_ref(),
                ConsentStatus::Granted,
            ),
        }
    }
}

impl Consent {
    /// The records of `self` that restrict contact (a channel or marketing denied,
    /// do-not-contact on) and differ from those of `earlier`: the opt-outs given since.
    pub(crate) fn restrictive_since(&self, earlier: &Consent) -> Consent {
        let since = |now: &Option<ConsentRecord>, then: &Option<ConsentRecord>, restrictive| {
            now.as_ref()
                .filter(|r| r.status == restrictive && now != then)
                .cloned()
        };
        // Inserted one by one: collecting into a map would compile its bulk build (.wasm).
        let mut channels = BTreeMap::new();
        for (c, r) in &self.channels {
            if r.is_denied() && earlier.channels.get(c) != Some(r) {
                channels.insert(*c, r.clone());
            }
        }
        Consent {
            channels,
            marketing: since(&self.marketing, &earlier.marketing, ConsentStatus::Denied),
            do_not_contact: since(
                &self.do_not_contact,
                &earlier.do_not_contact,
                ConsentStatus::Granted,
            ),
        }
    }
}

/// Merges one item: a record with the `restrictive` status wins; between records of the
/// same standing the more recent wins, `ours` on a tie.
fn merge_item(
    ours: Option<&ConsentRecord>,
    theirs: Option<&ConsentRecord>,
    restrictive: ConsentStatus,
) -> Option<ConsentRecord> {
    match (ours, theirs) {
        (None, None) => None,
        (Some(r), None) | (None, Some(r)) => Some(r.clone()),
        (Some(a), Some(b)) => {
            let a_wins = match (a.status == restrictive, b.status == restrictive) {
                (true, false) => true,
                (false, true) => false,
                _ => a.at >= b.at,
            };
            Some(if a_wins { a.clone() } else { b.clone() })
        }
    }
}

/// What a consent record is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "scope", content = "channel", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ConsentScope {
    /// Contact on one channel.
    Channel(Channel),
    /// Marketing messages.
    Marketing,
    /// Do not contact at all (a `Granted` record switches it on).
    DoNotContact,
}

impl FromStr for ConsentScope {
    type Err = Error;

    /// Accepts `marketing`, `do_not_contact` or a channel name (`email`, `web_form`, …).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] with field `scope`.
    fn from_str(s: &str) -> Result<Self> {
        match crate::macros::enum_key(s).as_str() {
            "marketing" => Ok(ConsentScope::Marketing),
            "do_not_contact" => Ok(ConsentScope::DoNotContact),
            _ => s
                .parse::<Channel>()
                .map(ConsentScope::Channel)
                .map_err(|e| e.with_field("scope")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, day, 12, 0, 0).unwrap()
    }

    #[test]
    fn category_names_round_trip() {
        for c in TouchCategory::ALL {
            assert_eq!(c.as_str().parse::<TouchCategory>().unwrap(), *c);
            assert_eq!(
                serde_json::to_string(c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
        assert_eq!(
            " Marketing ".parse::<TouchCategory>().unwrap(),
            TouchCategory::Marketing
        );
        let err = "spam".parse::<TouchCategory>().unwrap_err();
        assert_eq!(err.code(), "invalid_value");
        assert_eq!(err.field(), Some("category"));
        assert_eq!(err.value(), Some("spam"));
        assert!(err.to_string().contains("transactional"));
    }

    /// The rules table of the module documentation, cell by cell.
    #[test]
    fn consent_rules_table() {
        use TouchCategory::*;
        // (do-not-contact ON, email Denied, marketing Granted)
        let cases: [(bool, bool, bool, [Option<ConsentBlock>; 4]); 5] = [
            (false, false, true, [None, None, None, None]),
            (
                false,
                false,
                false,
                [None, Some(ConsentBlock::NoMarketingOptIn), None, None],
            ),
            (
                false,
                true,
                true,
                [
                    Some(ConsentBlock::ChannelDenied(Channel::Email)),
                    Some(ConsentBlock::ChannelDenied(Channel::Email)),
                    None,
                    Some(ConsentBlock::ChannelDenied(Channel::Email)),
                ],
            ),
            (
                true,
                false,
                true,
                [
                    Some(ConsentBlock::DoNotContact),
                    Some(ConsentBlock::DoNotContact),
                    None,
                    Some(ConsentBlock::DoNotContact),
                ],
            ),
            (
                true,
                true,
                false,
                [
                    Some(ConsentBlock::DoNotContact),
                    Some(ConsentBlock::DoNotContact),
                    None,
                    Some(ConsentBlock::DoNotContact),
                ],
            ),
        ];
        for (dnc, denied, marketing, expected) in cases {
            let mut c = Consent::default();
            if dnc {
                c.set_do_not_contact(ConsentRecord::granted(t(1)));
            }
            if denied {
                c.set_channel(Channel::Email, ConsentRecord::denied(t(1)));
            }
            if marketing {
                c.set_marketing(ConsentRecord::granted(t(1)));
            }
            for (category, want) in [Service, Marketing, Transactional, Requested]
                .into_iter()
                .zip(expected)
            {
                assert_eq!(
                    c.check(Channel::Email, category).err(),
                    want,
                    "dnc={dnc} denied={denied} marketing={marketing} {category}"
                );
            }
            // Another channel is only affected by do-not-contact and marketing.
            let other = c.check(Channel::Phone, Service).err();
            assert_eq!(other, dnc.then_some(ConsentBlock::DoNotContact));
        }
    }

    #[test]
    fn explicit_refusals_and_lifted_do_not_contact() {
        let mut c = Consent::default();
        c.set_marketing(ConsentRecord::denied(t(2)));
        assert_eq!(
            c.check(Channel::Email, TouchCategory::Marketing),
            Err(ConsentBlock::NoMarketingOptIn)
        );
        assert!(c.check(Channel::Email, TouchCategory::Service).is_ok());
        c.set_do_not_contact(ConsentRecord::granted(t(2)));
        assert!(c.is_do_not_contact());
        c.set_do_not_contact(ConsentRecord::denied(t(3)).with_source("customer called"));
        assert!(!c.is_do_not_contact());
        assert!(c.check(Channel::Sms, TouchCategory::Requested).is_ok());
        assert_eq!(
            c.do_not_contact().and_then(|r| r.source.as_deref()),
            Some("customer called")
        );
        // A granted channel does not replace the marketing opt-in.
        c.set_channel(Channel::Email, ConsentRecord::granted(t(4)));
        assert_eq!(
            c.check(Channel::Email, TouchCategory::Marketing),
            Err(ConsentBlock::NoMarketingOptIn)
        );
    }

    #[test]
    fn block_codes_and_messages() {
        let blocks = [
            ConsentBlock::DoNotContact,
            ConsentBlock::ChannelDenied(Channel::Sms),
            ConsentBlock::NoMarketingOptIn,
        ];
        let codes: Vec<_> = blocks.iter().map(ConsentBlock::code).collect();
        assert_eq!(
            codes,
            ["do_not_contact", "channel_denied", "no_marketing_opt_in"]
        );
        assert!(blocks[1].to_string().contains("sms"));
        assert_eq!(
            serde_json::to_string(&blocks[1]).unwrap(),
            r#"{"channel_denied":"sms"}"#
        );
        for b in blocks {
            let back: ConsentBlock =
                serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
            assert_eq!(back, b);
        }
    }

    #[test]
    fn merge_keeps_denials_and_latest_grants() {
        let mut a = Consent::default();
        a.set_channel(Channel::Email, ConsentRecord::granted(t(5)));
        a.set_channel(Channel::Phone, ConsentRecord::granted(t(1)));
        a.set_channel(Channel::Sms, ConsentRecord::denied(t(1)));
        a.set_marketing(ConsentRecord::granted(t(9)).with_source("a"));
        a.set_do_not_contact(ConsentRecord::denied(t(9)));

        let mut b = Consent::default();
        b.set_channel(
            Channel::Email,
            ConsentRecord::granted(t(7)).with_source("b"),
        );
        b.set_channel(Channel::Phone, ConsentRecord::denied(t(1)));
        b.set_channel(Channel::Sms, ConsentRecord::granted(t(20)));
        b.set_channel(Channel::Letter, ConsentRecord::granted(t(3)));
        b.set_marketing(ConsentRecord::denied(t(2)));
        b.set_do_not_contact(ConsentRecord::granted(t(1)));

        for merged in [a.merge_conservative(&b), b.merge_conservative(&a)] {
            assert_eq!(
                merged.channel(Channel::Email),
                Some(&ConsentRecord::granted(t(7)).with_source("b"))
            );
            assert_eq!(
                merged.channel(Channel::Phone),
                Some(&ConsentRecord::denied(t(1)))
            );
            assert_eq!(
                merged.channel(Channel::Sms),
                Some(&ConsentRecord::denied(t(1)))
            );
            assert_eq!(
                merged.channel(Channel::Letter),
                Some(&ConsentRecord::granted(t(3)))
            );
            assert_eq!(merged.marketing(), Some(&ConsentRecord::denied(t(2))));
            assert!(merged.is_do_not_contact());
            assert_eq!(merged.channels().len(), 4);
        }
        // With nothing on one side, the other side is kept as is.
        assert_eq!(a.merge_conservative(&Consent::default()), a);
        assert_eq!(Consent::default().merge_conservative(&a), a);
        // Two do-not-contact OFF records: the latest is kept, still OFF.
        let mut c = Consent::default();
        c.set_do_not_contact(ConsentRecord::denied(t(4)));
        let m = a.merge_conservative(&c);
        assert!(!m.is_do_not_contact());
        assert_eq!(m.do_not_contact().map(|r| r.at), Some(t(9)));
    }

    fn any_consent() -> impl Strategy<Value = Consent> {
        let record = (any::<bool>(), 1u32..5, proptest::option::of("[ab]")).prop_map(
            |(granted, day, source)| ConsentRecord {
                status: if granted {
                    ConsentStatus::Granted
                } else {
                    ConsentStatus::Denied
                },
                at: t(day),
                source,
            },
        );
        let channels = [Channel::Email, Channel::Phone, Channel::Sms];
        (
            proptest::collection::vec(
                (proptest::sample::select(channels.to_vec()), record.clone()),
                0..3,
            ),
            proptest::option::of(record.clone()),
            proptest::option::of(record),
        )
            .prop_map(|(chs, marketing, dnc)| {
                let mut c = Consent::default();
                for (ch, r) in chs {
                    c.set_channel(ch, r);
                }
                c.marketing = marketing;
                c.do_not_contact = dnc;
                c
            })
    }

    proptest! {
        #[test]
        fn merge_is_conservative(a in any_consent(), b in any_consent()) {
            let m = a.merge_conservative(&b);
            for channel in [Channel::Email, Channel::Phone, Channel::Sms, Channel::Letter] {
                for category in TouchCategory::ALL {
                    if a.check(channel, *category).is_err() && b.check(channel, *category).is_err() {
                        prop_assert!(m.check(channel, *category).is_err());
                    }
                }
                let denied = |c: &Consent| c.channel(channel).is_some_and(ConsentRecord::is_denied);
                prop_assert_eq!(denied(&m), denied(&a) || denied(&b));
                let kept = m.channel(channel);
                prop_assert!(kept.is_none() || kept == a.channel(channel) || kept == b.channel(channel));
            }
            let no_mkt = |c: &Consent| c.marketing().is_some_and(ConsentRecord::is_denied);
            prop_assert_eq!(no_mkt(&m), no_mkt(&a) || no_mkt(&b));
            prop_assert_eq!(m.is_do_not_contact(), a.is_do_not_contact() || b.is_do_not_contact());
            // Idempotent, and the same either way round up to ties.
            prop_assert_eq!(m.merge_conservative(&a), m.clone());
            prop_assert_eq!(m.merge_conservative(&b), m.clone());
            let n = b.merge_conservative(&a);
            prop_assert_eq!(n.is_do_not_contact(), m.is_do_not_contact());
            prop_assert_eq!(n.channels().len(), m.channels().len());
        }
    }

    #[test]
    fn serde_is_snake_case_and_round_trips() {
        let mut c = Consent::default();
        assert_eq!(serde_json::to_string(&c).unwrap(), "{}");
        c.set_channel(
            Channel::WebForm,
            ConsentRecord::denied(t(1)).with_source("x"),
        );
        c.set_marketing(ConsentRecord::granted(t(2)));
        let json = serde_json::to_string(&c).unwrap();
        assert!(
            json.contains(r#""channels":{"web_form":{"status":"denied""#),
            "{json}"
        );
        assert!(
            json.contains(r#""marketing":{"status":"granted","at":"#),
            "{json}"
        );
        let back: Consent = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        let empty: Consent = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, Consent::default());
    }
}
