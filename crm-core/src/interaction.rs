//! Interaction history: what happened between the business and a customer, on which
//! channel, in which direction; purchases; complaints as cases that are opened and resolved.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::contact::text;
use crate::error::{Error, Result};
use crate::id::{CaseId, CustomerId, InteractionId};
use crate::money::{Currency, Money};
use crate::schedule::followup::Priority;

str_enum!(
    /// The medium of an interaction.
    Channel, "channel", {
        /// Email.
        Email => "email",
        /// A phone call.
        Phone => "phone",
        /// A text message.
        Sms => "sms",
        /// A meeting (video or scheduled call).
        Meeting => "meeting",
        /// A webinar.
        Webinar => "webinar",
        /// Live chat or messenger.
        Chat => "chat",
        /// Social media.
        Social => "social",
        /// A form on the web site.
        WebForm => "web_form",
        /// A letter or postcard.
        Letter => "letter",
        /// Face to face.
        InPerson => "in_person",
        /// Anything else.
        Other => "other",
    }
);

str_enum!(
    /// Who started the interaction.
    Direction, "direction", {
        /// From the customer to the business.
        Inbound => "inbound",
        /// From the business to the customer.
        Outbound => "outbound",
    }
);

str_enum!(
    /// What the interaction was about.
    InteractionKind, "kind", {
        /// A note for the record.
        Note => "note",
        /// A question or request from the customer.
        Inquiry => "inquiry",
        /// A complaint; logging one opens a case.
        Complaint => "complaint",
        /// Support work.
        Support => "support",
        /// A sale (may carry a purchase).
        Sale => "sale",
        /// Marketing (newsletters, campaigns).
        Marketing => "marketing",
    }
);

// The enum is declared by `str_enum!`, which derives no `Default`.
#[allow(clippy::derivable_impls)]
impl Default for InteractionKind {
    /// A note: what an interaction is when nothing more specific is said.
    fn default() -> Self {
        InteractionKind::Note
    }
}

str_enum!(
    /// Whether a case is still open.
    CaseStatus, "status", {
        /// Open, waiting for resolution.
        Open => "open",
        /// Resolved, with a resolution.
        Resolved => "resolved",
    }
);

/// One line of a purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LineItem {
    /// What was bought.
    pub name: String,
    /// Stock-keeping unit, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// How many.
    pub quantity: u32,
    /// Price of one, in minor units of the purchase's currency.
    pub unit_price_minor: i64,
}

impl LineItem {
    /// A line of `quantity` × `name` at `unit_price_minor` each.
    pub fn new(name: impl Into<String>, quantity: u32, unit_price_minor: i64) -> Self {
        Self {
            name: name.into(),
            sku: None,
            quantity,
            unit_price_minor,
        }
    }
}

/// A purchase: a total in one currency and the items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Purchase {
    /// The amount paid.
    pub total: Money,
    /// The items bought (may be empty when only the total is known).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<LineItem>,
}

/// A purchase as given: the currency, the items, and optionally the total (which defaults
/// to the sum of the items). Read from JSON, an unknown key is an error ("amount" is not
/// "amount_minor").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct NewPurchase {
    /// ISO 4217 code.
    pub currency: String,
    /// The total in minor units; defaults to the sum of the items.
    pub amount_minor: Option<i64>,
    /// The items.
    pub items: Vec<LineItem>,
}

impl NewPurchase {
    /// A purchase of `amount_minor` in `currency` without item detail.
    pub fn total(currency: impl Into<String>, amount_minor: i64) -> Self {
        Self {
            currency: currency.into(),
            amount_minor: Some(amount_minor),
            items: Vec::new(),
        }
    }

    /// A purchase of `items` in `currency`; the total is their sum.
    pub fn of_items(currency: impl Into<String>, items: Vec<LineItem>) -> Self {
        Self {
            currency: currency.into(),
            amount_minor: None,
            items,
        }
    }

    pub(crate) fn validate(&self) -> Result<Purchase> {
        let currency =
            Currency::parse(&self.currency).map_err(|e| e.with_field("purchase.currency"))?;
        let mut items = Vec::with_capacity(self.items.len());
        let mut sum: i64 = 0;
        for (i, item) in self.items.iter().enumerate() {
            let name = text::clean(&item.name);
            if name.is_empty() {
                return Err(Error::invalid(
                    format!("purchase.items[{i}].name"),
                    &item.name,
                    "an item needs a name",
                ));
            }
            if item.quantity == 0 {
                return Err(Error::invalid(
                    format!("purchase.items[{i}].quantity"),
                    item.quantity,
                    "the quantity must be at least 1",
                ));
            }
            let line = item
                .unit_price_minor
                .checked_mul(i64::from(item.quantity))
                .and_then(|l| sum.checked_add(l));
            sum = line.ok_or_else(|| {
                Error::invalid(
                    format!("purchase.items[{i}].unit_price_minor"),
                    item.unit_price_minor,
                    "the total overflows",
                )
            })?;
            items.push(LineItem {
                name,
                sku: item
                    .sku
                    .as_deref()
                    .map(text::clean)
                    .filter(|s| !s.is_empty()),
                quantity: item.quantity,
                unit_price_minor: item.unit_price_minor,
            });
        }
        let amount = match self.amount_minor {
            Some(a) => a,
            None if items.is_empty() => {
                return Err(Error::invalid(
                    "purchase.amount_minor",
                    "",
                    "a purchase needs a total or at least one item",
                ));
            }
            None => sum,
        };
        Ok(Purchase {
            total: Money::new(amount, currency),
            items,
        })
    }
}

/// A logged interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Interaction {
    /// Its id.
    pub id: InteractionId,
    /// The customer it concerns.
    pub customer: CustomerId,
    /// The medium.
    pub channel: Channel,
    /// Who started it.
    pub direction: Direction,
    /// What it was about.
    pub kind: InteractionKind,
    /// When it happened.
    #[serde(with = "crate::json::instant")]
    pub at: DateTime<Utc>,
    /// Subject line or title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Body or notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Outcome ("left voicemail", "booked demo", …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Who on the business side took part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// The purchase made, for sales.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase: Option<Purchase>,
    /// The case this interaction belongs to (a complaint opens one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseId>,
    /// How urgent the customer's message is, if someone said so; for an inbound inquiry or
    /// complaint it chooses the promised response time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
}

/// An interaction as given to [`Crm::log_interaction`](crate::Crm::log_interaction).
///
/// ```
/// use crm_core::interaction::{Channel, Direction, InteractionKind, NewInteraction};
/// use crm_core::id::CustomerId;
/// # let id = CustomerId::parse("0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11")?;
/// let call = NewInteraction::new(id, Channel::Phone, Direction::Outbound, InteractionKind::Note)
///     .with_subject("Check-in call");
/// assert_eq!(call.subject.as_deref(), Some("Check-in call"));
/// # Ok::<(), crm_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewInteraction {
    /// The customer.
    pub customer: CustomerId,
    /// The medium.
    pub channel: Channel,
    /// Who started it.
    pub direction: Direction,
    /// What it was about.
    pub kind: InteractionKind,
    /// When; defaults to the clock's now.
    #[serde(default, with = "crate::json::opt_instant")]
    pub at: Option<DateTime<Utc>>,
    /// Subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// Body.
    #[serde(default)]
    pub body: Option<String>,
    /// Outcome.
    #[serde(default)]
    pub outcome: Option<String>,
    /// Who on the business side.
    #[serde(default)]
    pub actor: Option<String>,
    /// A purchase (for sales).
    #[serde(default)]
    pub purchase: Option<NewPurchase>,
    /// An existing case this belongs to (a complaint without one opens a new case).
    #[serde(default)]
    pub case: Option<CaseId>,
    /// How urgent the message is (a complaint passes it on to the case it opens).
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Use this id instead of generating one.
    #[serde(default)]
    pub id: Option<InteractionId>,
}

impl NewInteraction {
    /// An interaction happening now.
    pub fn new(
        customer: CustomerId,
        channel: Channel,
        direction: Direction,
        kind: InteractionKind,
    ) -> Self {
        Self {
            customer,
            channel,
            direction,
            kind,
            at: None,
            subject: None,
            body: None,
            outcome: None,
            actor: None,
            purchase: None,
            case: None,
            priority: None,
            id: None,
        }
    }

    /// Sets the time.
    #[must_use]
    pub fn at(mut self, at: DateTime<Utc>) -> Self {
        self.at = Some(at);
        self
    }

    /// Sets the subject.
    #[must_use]
    pub fn with_subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Sets the body.
    #[must_use]
    pub fn with_body(mut self, body: impl Into<String>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// Sets the outcome.
    #[must_use]
    pub fn with_outcome(mut self, outcome: impl Into<String>) -> Self {
        self.outcome = Some(outcome.into());
        self
    }

    /// Sets the actor.
    #[must_use]
    pub fn by(mut self, actor: impl Into<String>) -> Self {
        self.actor = Some(actor.into());
        self
    }

    /// Attaches a purchase.
    #[must_use]
    pub fn with_purchase(mut self, purchase: NewPurchase) -> Self {
        self.purchase = Some(purchase);
        self
    }

    /// Sets how urgent the message is.
    #[must_use]
    pub fn with_priority(mut self, priority: Priority) -> Self {
        self.priority = Some(priority);
        self
    }
}

/// Cleans an optional free-text field; blank becomes `None`. Bodies may hold line breaks,
/// so only the ends are trimmed.
pub(crate) fn free_text(field: &str, v: Option<&str>, max_chars: usize) -> Result<Option<String>> {
    let Some(v) = v.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if v.chars().count() > max_chars {
        return Err(Error::invalid(
            field,
            v.chars().take(40).collect::<String>() + "…",
            format!("at most {max_chars} characters"),
        ));
    }
    Ok(Some(v.to_owned()))
}

/// A case: a complaint that is opened and later resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Case {
    /// Its id.
    pub id: CaseId,
    /// The customer who complained.
    pub customer: CustomerId,
    /// What it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The interaction that opened it.
    pub opened_by: InteractionId,
    /// When it was opened.
    #[serde(with = "crate::json::instant")]
    pub opened_at: DateTime<Utc>,
    /// Open or resolved.
    pub status: CaseStatus,
    /// When it was resolved.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::json::opt_instant"
    )]
    pub resolved_at: Option<DateTime<Utc>>,
    /// How it was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// Who resolved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<String>,
    /// How urgent it is: the priority of the complaint that opened it, if one was given.
    /// Messages on the case without a priority of their own take this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
}

/// Which interactions a timeline shows. Empty lists mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct TimelineQuery {
    /// From this instant (inclusive).
    #[serde(default, with = "crate::json::opt_instant")]
    pub from: Option<DateTime<Utc>>,
    /// Until this instant (exclusive).
    #[serde(default, with = "crate::json::opt_instant")]
    pub to: Option<DateTime<Utc>>,
    /// Only these channels.
    pub channels: Vec<Channel>,
    /// Only this direction.
    pub direction: Option<Direction>,
    /// Only these kinds.
    pub kinds: Vec<InteractionKind>,
}

impl TimelineQuery {
    /// Everything.
    pub fn all() -> Self {
        Self::default()
    }

    /// Only `[from, to)`.
    #[must_use]
    pub fn between(mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> Self {
        self.from = Some(from);
        self.to = Some(to);
        self
    }

    /// Only this channel (may be called more than once).
    #[must_use]
    pub fn channel(mut self, channel: Channel) -> Self {
        self.channels.push(channel);
        self
    }

    pub(crate) fn matches(&self, i: &Interaction) -> bool {
        (self.channels.is_empty() || self.channels.contains(&i.channel))
            && (self.kinds.is_empty() || self.kinds.contains(&i.kind))
            && self.direction.is_none_or(|d| d == i.direction)
    }
}

/// The most recent contact with a customer, overall and per direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LastContact<'a> {
    /// The latest interaction of any direction.
    pub any: Option<&'a Interaction>,
    /// The latest inbound one.
    pub inbound: Option<&'a Interaction>,
    /// The latest outbound one.
    pub outbound: Option<&'a Interaction>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_purchase_refuses_unknown_keys() {
        let err = serde_json::from_str::<super::NewPurchase>(r#"{"currency": "EUR", "amount": 5}"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("unknown field `amount`"), "{err}");
        let ok: super::NewPurchase =
            serde_json::from_str(r#"{"currency": "EUR", "amount_minor": 5}"#).expect("reads");
        assert_eq!(ok.amount_minor, Some(5));
    }

    use super::*;

    #[test]
    fn enum_names_are_forgiving() {
        for s in ["web_form", "web-form", "Web Form", "WebForm", " WEB_FORM "] {
            assert_eq!(s.parse::<Channel>().expect(s), Channel::WebForm, "{s}");
        }
        assert_eq!(
            "InPerson".parse::<Channel>().expect("ok"),
            Channel::InPerson
        );
        let err = "pigeon".parse::<Channel>().unwrap_err();
        assert_eq!(err.field(), Some("channel"));
        assert!(err.to_string().contains("web_form"));
        assert_eq!(Channel::ALL.len(), 11);
        assert_eq!(
            "outbound".parse::<Direction>().expect("ok"),
            Direction::Outbound
        );
        assert!("sideways".parse::<Direction>().is_err());
        assert_eq!(
            serde_json::to_string(&InteractionKind::Complaint).expect("ok"),
            "\"complaint\""
        );
    }

    #[test]
    fn purchase_totals() {
        let mut p = NewPurchase {
            currency: "eur".into(),
            amount_minor: None,
            items: vec![LineItem::new("Tea", 3, 450), LineItem::new("Pot", 1, 2500)],
        };
        let v = p.validate().expect("valid");
        assert_eq!(v.total.amount_minor, 3850);
        assert_eq!(v.total.currency.code(), "EUR");
        p.currency = "EURO".into();
        let err = p.validate().unwrap_err();
        assert_eq!(err.code(), "invalid_currency");
        assert_eq!(err.field(), Some("purchase.currency"));
        p.currency = "EUR".into();
        p.items[0].quantity = 0;
        assert_eq!(
            p.validate().unwrap_err().field(),
            Some("purchase.items[0].quantity")
        );
        let empty = NewPurchase {
            currency: "USD".into(),
            ..NewPurchase::default()
        };
        assert!(empty.validate().is_err());
        let overflow = NewPurchase {
            currency: "USD".into(),
            amount_minor: None,
            items: vec![LineItem::new("x", u32::MAX, i64::MAX)],
        };
        assert!(overflow.validate().is_err());
    }

    #[test]
    fn free_text_trims_and_limits() {
        assert_eq!(
            free_text("subject", Some("  hi  "), 10).expect("ok"),
            Some("hi".into())
        );
        assert_eq!(free_text("subject", Some("   "), 10).expect("ok"), None);
        assert!(free_text("subject", Some("01234567890"), 10).is_err());
    }
}
