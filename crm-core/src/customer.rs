//! Customers: the record, the input to create one ([`NewCustomer`]) and to change one
//! ([`CustomerPatch`]), tags and typed custom attributes.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::contact::{
    Address, Birthday, CountryCode, Email, PersonName, Phone, PhoneKind, TimeZone, case, text,
};
use crate::error::{Error, Number, Result};
use crate::id::CustomerId;
use crate::lifecycle::{Stage, StageChange};

mod tags;

pub use tags::{Iter as TagsIter, Tags};

/// A typed custom attribute value.
///
/// Serialized as `{"type": "number", "value": 42.0}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum AttributeValue {
    /// Free text.
    Text(String),
    /// A finite number.
    Number(f64),
    /// Yes or no.
    Bool(bool),
    /// A calendar date.
    #[serde(deserialize_with = "crate::json::day")]
    Date(NaiveDate),
}

impl AttributeValue {
    /// The type name: `text`, `number`, `bool` or `date`.
    pub fn type_name(&self) -> &'static str {
        match self {
            AttributeValue::Text(_) => "text",
            AttributeValue::Number(_) => "number",
            AttributeValue::Bool(_) => "bool",
            AttributeValue::Date(_) => "date",
        }
    }

    pub(crate) fn validated(&self, key: &str) -> Result<Self> {
        let field = || format!("attributes.{key}");
        match self {
            AttributeValue::Number(n) if !n.is_finite() => Err(Error::invalid(
                field(),
                Number(*n),
                "a number attribute must be finite",
            )),
            AttributeValue::Text(t) => Ok(AttributeValue::Text(text::clean(t))),
            other => Ok(other.clone()),
        }
    }
}

impl fmt::Display for AttributeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttributeValue::Text(t) => f.write_str(t),
            AttributeValue::Number(n) => write!(f, "{n}"),
            AttributeValue::Bool(b) => write!(f, "{b}"),
            AttributeValue::Date(d) => write!(f, "{d}"),
        }
    }
}

/// A customer as the book holds it. Read it from [`Crm`](crate::Crm); change it with commands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Customer {
    /// The customer's id.
    pub id: CustomerId,
    /// The person's name, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<PersonName>,
    /// Email addresses; the first is the primary one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<Email>,
    /// Phone numbers, normalised to E.164.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    /// Postal addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    /// Birthday; the year may be unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<Birthday>,
    /// The customer's own time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<TimeZone>,
    /// Tags, folded to lower case, sorted.
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
    /// Typed custom attributes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, AttributeValue>,
    /// Who owns the relationship (a user or team id of the caller's choosing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Where the customer came from (acquisition source).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The company the person works for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Consent per channel, marketing opt-in and do-not-contact.
    #[serde(default, skip_serializing_if = "crate::consent::Consent::is_empty")]
    pub consent: crate::consent::Consent,
    /// "Keep in touch every N days" for this customer (overrides the book's cadence rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// The current lifecycle stage.
    pub stage: Stage,
    /// Every stage change, oldest first; the first entry is the initial stage.
    pub stage_history: Vec<StageChange>,
    /// When the customer was created.
    #[serde(with = "crate::json::instant")]
    pub created_at: DateTime<Utc>,
    /// When the customer last changed.
    #[serde(with = "crate::json::instant")]
    pub updated_at: DateTime<Utc>,
}

impl Customer {
    /// The primary email, if any.
    pub fn primary_email(&self) -> Option<&Email> {
        self.emails.first()
    }

    /// A name to show: the person's name, else the primary email, else the first phone.
    pub fn display_name(&self) -> &str {
        if let Some(n) = &self.name {
            return n.display();
        }
        if let Some(e) = self.emails.first() {
            return e.address();
        }
        self.phones.first().map_or("", |p| p.e164())
    }

    /// The stage history as a [`StageHistory`](crate::lifecycle::StageHistory) for queries.
    pub fn history(&self) -> crate::lifecycle::StageHistory<'_> {
        crate::lifecycle::StageHistory(&self.stage_history)
    }
}

/// A phone number as given, with its kind (read from JSON, unknown keys are an error).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NewPhone {
    /// The number in any common format (`+49 30 1234567`, `(030) 1234567`, …).
    pub number: String,
    /// Mobile, home, work, fax or other.
    #[serde(default)]
    pub kind: PhoneKind,
}

impl NewPhone {
    /// A number of the given kind.
    pub fn new(number: impl Into<String>, kind: PhoneKind) -> Self {
        Self {
            number: number.into(),
            kind,
        }
    }
}

/// A postal address as given (read from JSON, unknown keys are an error: "zip" is not
/// "postal_code").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NewAddress {
    /// Street lines.
    #[serde(default)]
    pub lines: Vec<String>,
    /// City or town.
    #[serde(default)]
    pub locality: Option<String>,
    /// State, province or county.
    #[serde(default)]
    pub region: Option<String>,
    /// Postal code.
    #[serde(default)]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default)]
    pub country: Option<String>,
    /// A label such as "home" or "billing".
    #[serde(default)]
    pub label: Option<String>,
}

impl NewAddress {
    /// Adds a street line.
    #[must_use]
    pub fn with_line(mut self, line: impl Into<String>) -> Self {
        self.lines.push(line.into());
        self
    }

    /// Sets the city or town.
    #[must_use]
    pub fn with_locality(mut self, locality: impl Into<String>) -> Self {
        self.locality = Some(locality.into());
        self
    }

    /// Sets the state, province or county.
    #[must_use]
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets the postal code.
    #[must_use]
    pub fn with_postal_code(mut self, postal_code: impl Into<String>) -> Self {
        self.postal_code = Some(postal_code.into());
        self
    }

    /// Sets the country (ISO 3166-1 alpha-2: `GB`).
    #[must_use]
    pub fn with_country(mut self, country: impl Into<String>) -> Self {
        self.country = Some(country.into());
        self
    }

    /// Sets the label (`home`, `billing`).
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    fn validate(&self, index: usize) -> Result<Address> {
        Address::new(
            self.lines.clone(),
            self.locality.as_deref(),
            self.region.as_deref(),
            self.postal_code.as_deref(),
            self.country.as_deref(),
            self.label.as_deref(),
        )
        .map_err(|e| {
            let field = e.field().unwrap_or("address").replacen(
                "address",
                &format!("addresses[{index}]"),
                1,
            );
            e.with_field(field)
        })
    }
}

/// Everything needed to create a customer, as raw input. Validation happens in
/// [`Crm::create_customer`](crate::Crm::create_customer). Read from JSON (or a JS object),
/// a key that is not one of its fields is an error ("first_name" is not "given_name"), so
/// that a misnamed field is not silently dropped.
///
/// ```
/// use crm_core::{contact::PhoneKind, NewCustomer};
/// let new = NewCustomer::default()
///     .with_name("Ada", "Lovelace")
///     .with_email("ada@example.com")
///     .with_phone("+44 20 7946 0018", PhoneKind::Work)
///     .with_tag("vip");
/// assert_eq!(new.emails.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct NewCustomer {
    /// Use this id instead of generating one.
    pub id: Option<CustomerId>,
    /// Given (first) name.
    pub given_name: Option<String>,
    /// Family (last) name.
    pub family_name: Option<String>,
    /// How to show the name; defaults to "given family".
    pub display_name: Option<String>,
    /// Email addresses; the first is primary.
    pub emails: Vec<String>,
    /// Phone numbers.
    pub phones: Vec<NewPhone>,
    /// Region for phone numbers written without `+country` (overrides the book's default;
    /// without either, the country of the first address that gives one).
    pub default_region: Option<String>,
    /// Postal addresses.
    pub addresses: Vec<NewAddress>,
    /// Birthday: `1990-05-17`, or `--05-17` when the year is unknown.
    pub birthday: Option<String>,
    /// IANA time zone name.
    pub time_zone: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Custom attributes.
    pub attributes: BTreeMap<String, AttributeValue>,
    /// Owner.
    pub owner: Option<String>,
    /// Acquisition source.
    pub source: Option<String>,
    /// Company name.
    pub company: Option<String>,
    /// Initial stage; defaults to the model's first stage.
    pub stage: Option<String>,
    /// Who creates the customer.
    pub actor: Option<String>,
}

impl NewCustomer {
    /// The keys of a new customer as a mapping or a JSON object, as serde reads it (any
    /// other key is an error).
    pub const KEYS: &[&str] = &[
        "given_name",
        "family_name",
        "display_name",
        "emails",
        "phones",
        "default_region",
        "addresses",
        "birthday",
        "time_zone",
        "tags",
        "attributes",
        "owner",
        "source",
        "company",
        "stage",
        "actor",
        "id",
    ];

    /// Sets given and family name.
    #[must_use]
    pub fn with_name(mut self, given: impl Into<String>, family: impl Into<String>) -> Self {
        self.given_name = Some(given.into());
        self.family_name = Some(family.into());
        self
    }

    /// Adds an email (the first added is primary).
    #[must_use]
    pub fn with_email(mut self, email: impl Into<String>) -> Self {
        self.emails.push(email.into());
        self
    }

    /// Adds a phone number.
    #[must_use]
    pub fn with_phone(mut self, number: impl Into<String>, kind: PhoneKind) -> Self {
        self.phones.push(NewPhone::new(number, kind));
        self
    }

    /// Adds a tag.
    #[must_use]
    pub fn with_tag(mut self, tag: impl Into<String>) -> Self {
        self.tags.push(tag.into());
        self
    }

    /// Sets the initial stage.
    #[must_use]
    pub fn with_stage(mut self, stage: impl Into<String>) -> Self {
        self.stage = Some(stage.into());
        self
    }

    /// Sets the owner.
    #[must_use]
    pub fn with_owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = Some(owner.into());
        self
    }

    /// Sets the birthday: `1990-05-17`, or `--05-17` without the year.
    #[must_use]
    pub fn with_birthday(mut self, birthday: impl Into<String>) -> Self {
        self.birthday = Some(birthday.into());
        self
    }

    /// Sets the company.
    #[must_use]
    pub fn with_company(mut self, company: impl Into<String>) -> Self {
        self.company = Some(company.into());
        self
    }

    /// Sets the IANA time zone (`Europe/Berlin`).
    #[must_use]
    pub fn with_time_zone(mut self, time_zone: impl Into<String>) -> Self {
        self.time_zone = Some(time_zone.into());
        self
    }

    /// Adds a postal address.
    ///
    /// ```
    /// use crm_core::{Crm, NewCustomer, customer::NewAddress};
    /// let new = NewCustomer::default().with_name("Ada", "Lovelace").with_address(
    ///     NewAddress::default()
    ///         .with_line("12 St James's Square")
    ///         .with_locality("London")
    ///         .with_postal_code("SW1Y 4JH")
    ///         .with_country("GB"),
    /// );
    /// let mut crm = Crm::new();
    /// assert_eq!(crm.create_customer(new)?.addresses[0].postal_code(), Some("SW1Y 4JH"));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    #[must_use]
    pub fn with_address(mut self, address: NewAddress) -> Self {
        self.addresses.push(address);
        self
    }
}

/// A change to an existing customer. Fields left `None` stay as they are; `Some(None)` in a
/// double option clears the field. Lists given replace the whole list. Read from JSON,
/// unknown keys are an error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct CustomerPatch {
    /// New given name (`Some(None)` clears it).
    #[serde(deserialize_with = "double_option")]
    pub given_name: Option<Option<String>>,
    /// New family name.
    #[serde(deserialize_with = "double_option")]
    pub family_name: Option<Option<String>>,
    /// New display name.
    #[serde(deserialize_with = "double_option")]
    pub display_name: Option<Option<String>>,
    /// Replaces all emails (the first is primary).
    pub emails: Option<Vec<String>>,
    /// Replaces all phones.
    pub phones: Option<Vec<NewPhone>>,
    /// Region for phone numbers written without `+country`.
    pub default_region: Option<String>,
    /// Replaces all addresses.
    pub addresses: Option<Vec<NewAddress>>,
    /// New birthday.
    #[serde(deserialize_with = "double_option")]
    pub birthday: Option<Option<String>>,
    /// New time zone.
    #[serde(deserialize_with = "double_option")]
    pub time_zone: Option<Option<String>>,
    /// Tags to add.
    pub add_tags: Vec<String>,
    /// Tags to remove.
    pub remove_tags: Vec<String>,
    /// Attributes to set.
    pub set_attributes: BTreeMap<String, AttributeValue>,
    /// Attributes to remove.
    pub remove_attributes: Vec<String>,
    /// New owner.
    #[serde(deserialize_with = "double_option")]
    pub owner: Option<Option<String>>,
    /// New acquisition source.
    #[serde(deserialize_with = "double_option")]
    pub source: Option<Option<String>>,
    /// New company.
    #[serde(deserialize_with = "double_option")]
    pub company: Option<Option<String>>,
    /// Who makes the change.
    pub actor: Option<String>,
}

/// Builders for the common changes; the fields are public for the rest. A text given as
/// `None` clears the field.
///
/// ```
/// use crm_core::{Crm, CustomerPatch, NewCustomer};
///
/// let mut crm = Crm::new();
/// let id = crm.create_customer(NewCustomer::default().with_name("Ada", "Byron").with_tag("lead"))?.id;
/// let patch = CustomerPatch::default()
///     .with_name("Ada", "Lovelace")
///     .with_company(Some("Analytical Engines"))
///     .with_emails(["ada@example.com"])
///     .add_tag("vip")
///     .remove_tag("lead")
///     .by("sam");
/// let ada = crm.update_customer(id, patch)?;
/// assert_eq!(ada.display_name(), "Ada Lovelace");
/// assert!(ada.tags.contains("vip") && !ada.tags.contains("lead"));
/// let ada = crm.update_customer(id, CustomerPatch::default().with_company(None))?;
/// assert_eq!(ada.company, None);
/// # Ok::<(), crm_core::Error>(())
/// ```
impl CustomerPatch {
    /// Sets given and family name.
    #[must_use]
    pub fn with_name(mut self, given: impl Into<String>, family: impl Into<String>) -> Self {
        self.given_name = Some(Some(given.into()));
        self.family_name = Some(Some(family.into()));
        self
    }

    /// Replaces the emails (the first is primary).
    #[must_use]
    pub fn with_emails<S: Into<String>>(mut self, emails: impl IntoIterator<Item = S>) -> Self {
        self.emails = Some(emails.into_iter().map(Into::into).collect());
        self
    }

    /// Replaces the phone numbers.
    #[must_use]
    pub fn with_phones(mut self, phones: impl IntoIterator<Item = NewPhone>) -> Self {
        self.phones = Some(phones.into_iter().collect());
        self
    }

    /// Replaces the postal addresses.
    #[must_use]
    pub fn with_addresses(mut self, addresses: impl IntoIterator<Item = NewAddress>) -> Self {
        self.addresses = Some(addresses.into_iter().collect());
        self
    }

    /// Sets (or, with `None`, clears) the birthday: `1990-05-17` or `--05-17`.
    #[must_use]
    pub fn with_birthday(mut self, birthday: Option<&str>) -> Self {
        self.birthday = Some(birthday.map(str::to_owned));
        self
    }

    /// Sets (or clears) the company.
    #[must_use]
    pub fn with_company(mut self, company: Option<&str>) -> Self {
        self.company = Some(company.map(str::to_owned));
        self
    }

    /// Sets (or clears) the owner.
    #[must_use]
    pub fn with_owner(mut self, owner: Option<&str>) -> Self {
        self.owner = Some(owner.map(str::to_owned));
        self
    }

    /// Adds a tag.
    #[must_use]
    pub fn add_tag(mut self, tag: impl Into<String>) -> Self {
        self.add_tags.push(tag.into());
        self
    }

    /// Removes a tag.
    #[must_use]
    pub fn remove_tag(mut self, tag: impl Into<String>) -> Self {
        self.remove_tags.push(tag.into());
        self
    }

    /// Records who makes the change.
    #[must_use]
    pub fn by(mut self, actor: impl Into<String>) -> Self {
        self.actor = Some(actor.into());
        self
    }
}

/// Lets JSON `null` mean "clear" (`Some(None)`) while a missing key means "keep" (`None`).
fn double_option<'de, T, D>(de: D) -> std::result::Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

/// The validated contact fields of a customer, shared by create and update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomerChanges {
    /// New name (`Some(None)` clears it).
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Option<PersonName>>,
    /// New emails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<Email>>,
    /// New phones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<Phone>>,
    /// New addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<Address>>,
    /// New birthday.
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub birthday: Option<Option<Birthday>>,
    /// New time zone.
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub time_zone: Option<Option<TimeZone>>,
    /// Tags added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_tags: Vec<String>,
    /// Tags removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_tags: Vec<String>,
    /// Attributes set.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub set_attributes: BTreeMap<String, AttributeValue>,
    /// Attributes removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_attributes: Vec<String>,
    /// New owner.
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner: Option<Option<String>>,
    /// New source.
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub source: Option<Option<String>>,
    /// New company.
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub company: Option<Option<String>>,
}

impl CustomerChanges {
    /// Whether the change changes nothing.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.emails.is_none()
            && self.phones.is_none()
            && self.addresses.is_none()
            && self.birthday.is_none()
            && self.time_zone.is_none()
            && self.add_tags.is_empty()
            && self.remove_tags.is_empty()
            && self.set_attributes.is_empty()
            && self.remove_attributes.is_empty()
            && self.owner.is_none()
            && self.source.is_none()
            && self.company.is_none()
    }

    /// Applies the change to `c` (infallible: the change was validated). `tag` turns a tag
    /// into its shared text.
    pub(crate) fn apply_to(&self, c: &mut Customer, tag: impl Fn(&str) -> Arc<str>) {
        if let Some(n) = &self.name {
            c.name = n.clone();
        }
        if let Some(v) = &self.emails {
            c.emails = v.clone();
        }
        if let Some(v) = &self.phones {
            c.phones = v.clone();
        }
        if let Some(v) = &self.addresses {
            c.addresses = v.clone();
        }
        if let Some(v) = self.birthday {
            c.birthday = v;
        }
        if let Some(v) = self.time_zone {
            c.time_zone = v;
        }
        if !self.remove_tags.is_empty() || !self.add_tags.is_empty() {
            c.tags
                .change(&self.remove_tags, self.add_tags.iter().map(|t| tag(t)));
        }
        for k in &self.remove_attributes {
            c.attributes.remove(k);
        }
        for (k, v) in &self.set_attributes {
            c.attributes.insert(k.clone(), v.clone());
        }
        if let Some(v) = &self.owner {
            c.owner = v.clone();
        }
        if let Some(v) = &self.source {
            c.source = v.clone();
        }
        if let Some(v) = &self.company {
            c.company = v.clone();
        }
    }

    /// Moves the change into `c` (infallible: the change was validated); what a new
    /// customer is built from, without copying. `tag` turns a tag into its shared text.
    pub(crate) fn apply_into(self, c: &mut Customer, tag: impl Fn(&str) -> Arc<str>) {
        let CustomerChanges {
            name,
            emails,
            phones,
            addresses,
            birthday,
            time_zone,
            add_tags,
            remove_tags,
            set_attributes,
            remove_attributes,
            owner,
            source,
            company,
        } = self;
        if let Some(n) = name {
            c.name = n;
        }
        if let Some(v) = emails {
            c.emails = v;
        }
        if let Some(v) = phones {
            c.phones = v;
        }
        if let Some(v) = addresses {
            c.addresses = v;
        }
        if let Some(v) = birthday {
            c.birthday = v;
        }
        if let Some(v) = time_zone {
            c.time_zone = v;
        }
        if !remove_tags.is_empty() || !add_tags.is_empty() {
            c.tags.change(&remove_tags, add_tags.iter().map(|t| tag(t)));
        }
        for k in &remove_attributes {
            c.attributes.remove(k);
        }
        if c.attributes.is_empty() {
            c.attributes = set_attributes;
        } else {
            c.attributes.extend(set_attributes);
        }
        if let Some(v) = owner {
            c.owner = v;
        }
        if let Some(v) = source {
            c.source = v;
        }
        if let Some(v) = company {
            c.company = v;
        }
    }
}

/// Normalises a tag: cleaned text, lower-cased.
///
/// # Errors
/// [`Error::InvalidValue`] for an empty tag or one longer than 100 characters.
pub fn normalize_tag(tag: &str) -> Result<String> {
    normalize_tag_cow(tag).map(Cow::into_owned)
}

/// [`normalize_tag`], borrowing `tag` when it is normalised already (the usual case).
fn normalize_tag_cow(tag: &str) -> Result<Cow<'_, str>> {
    let cleaned = text::clean_cow(tag);
    let t = if !cleaned.is_ascii() {
        Cow::Owned(case::lowercase(&cleaned))
    } else if cleaned.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(cleaned.to_ascii_lowercase())
    } else {
        cleaned
    };
    if t.is_empty() {
        return Err(Error::invalid("tags", tag, "a tag cannot be empty"));
    }
    if t.chars().count() > 100 {
        return Err(Error::invalid(
            "tags",
            tag,
            "a tag is at most 100 characters",
        ));
    }
    Ok(t)
}

pub(crate) fn clean_opt(field: &str, v: Option<&str>) -> Result<Option<String>> {
    match v.map(text::clean) {
        Some(s) if s.chars().count() > 500 => {
            Err(Error::invalid(field, s, "at most 500 characters"))
        }
        Some(s) if s.is_empty() => Ok(None),
        other => Ok(other),
    }
}

pub(crate) fn attr_key(key: &str) -> Result<String> {
    let k = text::clean(key);
    if k.is_empty() || k.chars().count() > 100 {
        return Err(Error::invalid(
            "attributes",
            key,
            "an attribute name must be 1 to 100 characters",
        ));
    }
    Ok(k)
}

/// Settings that validation reads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context {
    pub(crate) default_region: Option<CountryCode>,
}

fn region(ctx: Context, given: Option<&str>) -> Result<Option<CountryCode>> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        Some(r) => CountryCode::parse(r)
            .map(Some)
            .map_err(|e| e.with_field("default_region")),
        None => Ok(ctx.default_region),
    }
}

fn emails(list: &[String]) -> Result<Vec<Email>> {
    let mut out: Vec<Email> = Vec::with_capacity(list.len());
    for (i, raw) in list.iter().enumerate() {
        let e = Email::parse(raw).map_err(|e| e.with_field(format!("emails[{i}]")))?;
        if !out.iter().any(|x| x.normalized() == e.normalized()) {
            out.push(e);
        }
    }
    Ok(out)
}

fn phones(list: &[NewPhone], region: Option<CountryCode>) -> Result<Vec<Phone>> {
    let mut out: Vec<Phone> = Vec::with_capacity(list.len());
    for (i, p) in list.iter().enumerate() {
        let ph = Phone::parse(&p.number, region)
            .map_err(|e| e.with_field(format!("phones[{i}]")))?
            .with_kind(p.kind);
        if !out
            .iter()
            .any(|x| x.e164() == ph.e164() && x.extension() == ph.extension())
        {
            out.push(ph);
        }
    }
    Ok(out)
}

fn birthday(v: Option<&str>) -> Result<Option<Birthday>> {
    v.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Birthday::parse)
        .transpose()
}

fn time_zone(v: Option<&str>) -> Result<Option<TimeZone>> {
    v.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(TimeZone::parse)
        .transpose()
}

/// The tags of the list `field`, normalised; an error names the tag's place (`tags[2]`).
fn tags(list: &[String], field: &str) -> Result<Vec<String>> {
    list.iter()
        .enumerate()
        .map(|(i, t)| normalize_tag(t).map_err(|e| at_index(e, field, i)))
        .collect()
}

/// `error` named for the item `i` of the list `field`.
fn at_index(error: Error, field: &str, i: usize) -> Error {
    error.with_field(format!("{field}[{i}]"))
}

/// Normalised tags as shared texts (`shared` gives the text a tag has in the book).
fn shared_tags(list: &[String], mut shared: impl FnMut(&str) -> Arc<str>) -> Result<Tags> {
    let mut out = Vec::with_capacity(list.len());
    for (i, t) in list.iter().enumerate() {
        out.push(shared(
            &normalize_tag_cow(t).map_err(|e| at_index(e, "tags", i))?,
        ));
    }
    Ok(Tags::from_shared(out))
}

fn attributes(map: &BTreeMap<String, AttributeValue>) -> Result<BTreeMap<String, AttributeValue>> {
    // Inserted one by one, not collected: collecting sorts, a copy of the sort for one use.
    let mut out = BTreeMap::new();
    for (k, v) in map {
        let k = attr_key(k)?;
        let v = v.validated(&k)?;
        out.insert(k, v);
    }
    Ok(out)
}

fn name(
    given: Option<&str>,
    family: Option<&str>,
    display: Option<&str>,
) -> Result<Option<PersonName>> {
    let blank = |s: Option<&str>| s.is_none_or(|s| s.trim().is_empty());
    if blank(given) && blank(family) && blank(display) {
        return Ok(None);
    }
    PersonName::new(given, family, display).map(Some)
}

/// A new customer's validated fields (everything but id, stage and times), with the tags
/// apart, as shared texts (`shared` gives the text a tag has in the book).
pub(crate) fn validate_new(
    new: &NewCustomer,
    ctx: Context,
    shared: impl FnMut(&str) -> Arc<str>,
) -> Result<(CustomerChanges, Tags)> {
    // Validated in field order, so that the first bad field is the one reported.
    // Without a region of its own or the book's, a national number is read in the country
    // the customer lives in (its first address's, as a duplicate scan reads it).
    let region = region(ctx, new.default_region.as_deref())?.or_else(|| {
        new.addresses
            .iter()
            .find_map(|a| CountryCode::parse(a.country.as_deref()?).ok())
    });
    let name = name(
        new.given_name.as_deref(),
        new.family_name.as_deref(),
        new.display_name.as_deref(),
    )?;
    let emails = emails(&new.emails)?;
    let phones = phones(&new.phones, region)?;
    let addresses = new
        .addresses
        .iter()
        .enumerate()
        .map(|(i, a)| a.validate(i))
        .collect::<Result<_>>()?;
    let birthday = birthday(new.birthday.as_deref())?;
    let time_zone = time_zone(new.time_zone.as_deref())?;
    let tags = shared_tags(&new.tags, shared)?;
    let changes = CustomerChanges {
        name: Some(name),
        emails: Some(emails),
        phones: Some(phones),
        addresses: Some(addresses),
        birthday: Some(birthday),
        time_zone: Some(time_zone),
        add_tags: Vec::new(),
        remove_tags: Vec::new(),
        set_attributes: attributes(&new.attributes)?,
        remove_attributes: Vec::new(),
        owner: Some(clean_opt("owner", new.owner.as_deref())?),
        source: Some(clean_opt("source", new.source.as_deref())?),
        company: Some(clean_opt("company", new.company.as_deref())?),
    };
    let has_identity = matches!(&changes.name, Some(Some(_)))
        || changes.emails.as_ref().is_some_and(|v| !v.is_empty())
        || changes.phones.as_ref().is_some_and(|v| !v.is_empty());
    if !has_identity {
        return Err(Error::invalid(
            "customer",
            "",
            "a customer needs at least a name, an email or a phone number",
        ));
    }
    Ok((changes, tags))
}

/// A patch's validated changes against the customer's current record.
pub(crate) fn validate_patch(
    patch: &CustomerPatch,
    current: &Customer,
    ctx: Context,
) -> Result<CustomerChanges> {
    let region = region(ctx, patch.default_region.as_deref())?;
    let name_touched =
        patch.given_name.is_some() || patch.family_name.is_some() || patch.display_name.is_some();
    let name = if name_touched {
        let cur = current.name.as_ref();
        let pick = |p: &Option<Option<String>>, c: Option<&str>| -> Option<String> {
            match p {
                Some(v) => v.clone(),
                None => c.map(str::to_owned),
            }
        };
        let given = pick(&patch.given_name, cur.and_then(PersonName::given));
        let family = pick(&patch.family_name, cur.and_then(PersonName::family));
        // A display name derived from the old parts is re-derived unless set explicitly.
        let display = match &patch.display_name {
            Some(v) => v.clone(),
            None => cur
                .filter(|n| n.display() != derived_display(n))
                .map(|n| n.display().to_owned()),
        };
        Some(name(
            given.as_deref(),
            family.as_deref(),
            display.as_deref(),
        )?)
    } else {
        None
    };
    let opt = |field: &str, v: &Option<Option<String>>| -> Result<Option<Option<String>>> {
        v.as_ref()
            .map(|inner| clean_opt(field, inner.as_deref()))
            .transpose()
    };
    let add_tags: Vec<String> = tags(&patch.add_tags, "add_tags")?
        .into_iter()
        .filter(|t| !current.tags.contains(t))
        .collect();
    let remove_tags: Vec<String> = tags(&patch.remove_tags, "remove_tags")?
        .into_iter()
        .filter(|t| current.tags.contains(t))
        .collect();
    let remove_attributes = patch
        .remove_attributes
        .iter()
        .map(|k| attr_key(k))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .filter(|k| current.attributes.contains_key(k))
        .collect();
    let changes = CustomerChanges {
        name,
        emails: patch.emails.as_deref().map(emails).transpose()?,
        phones: patch
            .phones
            .as_deref()
            .map(|p| phones(p, region))
            .transpose()?,
        addresses: patch
            .addresses
            .as_ref()
            .map(|list| {
                list.iter()
                    .enumerate()
                    .map(|(i, a)| a.validate(i))
                    .collect::<Result<Vec<_>>>()
            })
            .transpose()?,
        birthday: patch
            .birthday
            .as_ref()
            .map(|b| birthday(b.as_deref()))
            .transpose()?,
        time_zone: patch
            .time_zone
            .as_ref()
            .map(|z| time_zone(z.as_deref()))
            .transpose()?,
        add_tags,
        remove_tags,
        set_attributes: attributes(&patch.set_attributes)?,
        remove_attributes,
        owner: opt("owner", &patch.owner)?,
        source: opt("source", &patch.source)?,
        company: opt("company", &patch.company)?,
    };
    // The customer must stay identifiable.
    let mut preview = current.clone();
    changes.apply_to(&mut preview, |t: &str| Arc::from(t));
    if preview.name.is_none() && preview.emails.is_empty() && preview.phones.is_empty() {
        return Err(Error::invalid(
            "customer",
            current.id,
            "this change would leave the customer without a name, an email or a phone number",
        ));
    }
    Ok(changes)
}

fn derived_display(n: &PersonName) -> String {
    match (n.given(), n.family()) {
        (Some(g), Some(f)) => format!("{g} {f}"),
        (Some(g), None) => g.to_owned(),
        (None, Some(f)) => f.to_owned(),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(tag: &str) -> Arc<str> {
        Arc::from(tag)
    }

    fn ctx() -> Context {
        Context {
            default_region: CountryCode::parse("DE").ok(),
        }
    }

    #[test]
    fn the_keys_are_the_ones_serde_reads() {
        // serde names every field it takes when it meets one it does not.
        let message = serde_json::from_str::<NewCustomer>(r#"{"first_name": "Ada"}"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        let named: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
        let mut expected = vec!["first_name"];
        expected.extend(NewCustomer::KEYS);
        assert_eq!(named.len(), expected.len(), "{message}");
        assert!(expected.iter().all(|k| named.contains(k)), "{message}");
    }

    #[test]
    fn a_national_number_is_read_in_the_customers_country_when_no_region_is_given() {
        let mut luc = NewCustomer::default()
            .with_name("Luc", "Roy")
            .with_phone("06 39 58 89 23", PhoneKind::Mobile);
        let none = Context {
            default_region: None,
        };
        // Neither the record nor the book gives a region: refused, as before.
        assert_eq!(
            validate_new(&luc, none, shared).unwrap_err().code(),
            "invalid_phone"
        );
        luc.addresses.push(NewAddress {
            country: Some("FR".into()),
            ..NewAddress::default()
        });
        let e164 = |new: &NewCustomer, ctx| {
            validate_new(new, ctx, shared).ok().and_then(|(ch, _)| {
                ch.phones
                    .and_then(|p| p.first().map(|p| p.e164().to_owned()))
            })
        };
        assert_eq!(e164(&luc, none).as_deref(), Some("+33639588923"));
        // The book's region (here Germany) still comes first, as documented.
        luc.phones[0].number = "030 1234567".into();
        assert_eq!(e164(&luc, ctx()).as_deref(), Some("+49301234567"));
    }

    #[test]
    fn new_customer_validates_and_names_fields() {
        let ok = NewCustomer::default()
            .with_name("Jürgen", "Weiß")
            .with_email("J.Weiss@Example.DE")
            .with_email("j.weiss@example.de")
            .with_phone("030 1234567", PhoneKind::Work)
            .with_tag(" VIP ");
        let (ch, tags) = validate_new(&ok, ctx(), shared).expect("valid");
        assert_eq!(ch.emails.as_ref().map(Vec::len), Some(1), "repeat dropped");
        assert_eq!(tags.iter().collect::<Vec<_>>(), ["vip"]);
        assert_eq!(
            ch.phones.as_ref().and_then(|p| p.first()).map(Phone::e164),
            Some("+49301234567")
        );

        let bad = NewCustomer::default()
            .with_email("a@b.co")
            .with_email("broken");
        let err = validate_new(&bad, ctx(), shared).unwrap_err();
        assert_eq!(err.code(), "invalid_email");
        assert_eq!(err.field(), Some("emails[1]"));

        let err = validate_new(&NewCustomer::default(), ctx(), shared).unwrap_err();
        assert_eq!(err.field(), Some("customer"));

        let mut tz = NewCustomer::default().with_name("A", "B");
        tz.time_zone = Some("Mars/Olympus".into());
        assert_eq!(
            validate_new(&tz, ctx(), shared).unwrap_err().code(),
            "invalid_time_zone"
        );

        let mut attr = NewCustomer::default().with_name("A", "B");
        attr.attributes
            .insert("score".into(), AttributeValue::Number(f64::NAN));
        let err = validate_new(&attr, ctx(), shared).unwrap_err();
        assert_eq!(err.field(), Some("attributes.score"));
    }

    #[test]
    fn attribute_json_is_tagged() {
        let v = AttributeValue::Date(NaiveDate::from_ymd_opt(2026, 2, 1).expect("valid"));
        let j = serde_json::to_string(&v).expect("serializes");
        assert_eq!(j, r#"{"type":"date","value":"2026-02-01"}"#);
        let back: AttributeValue = serde_json::from_str(&j).expect("parses");
        assert_eq!(back, v);
    }

    #[test]
    fn patch_null_clears_and_missing_keeps() {
        let p: CustomerPatch =
            serde_json::from_str(r#"{"owner": null, "company": "ACME"}"#).expect("parses");
        assert_eq!(p.owner, Some(None));
        assert_eq!(p.company, Some(Some("ACME".into())));
        assert_eq!(p.source, None);
    }

    #[test]
    fn inputs_refuse_unknown_keys() {
        let err = |json: &str, what: &str| -> String {
            let e = match what {
                "customer" => serde_json::from_str::<NewCustomer>(json).err(),
                "patch" => serde_json::from_str::<CustomerPatch>(json).err(),
                _ => unreachable!(),
            };
            e.map(|e| e.to_string()).unwrap_or_default()
        };
        assert!(err(r#"{"first_name": "Bob"}"#, "customer").contains("unknown field `first_name`"));
        let address = r#"{"given_name": "B", "addresses": [{"lines": ["x"], "zip": "1"}]}"#;
        assert!(err(address, "customer").contains("unknown field `zip`"));
        let phone = r#"{"phones": [{"number": "+4930123456", "type": "work"}]}"#;
        assert!(err(phone, "customer").contains("unknown field `type`"));
        assert!(err(r#"{"surname": "Lee"}"#, "patch").contains("unknown field `surname`"));
        // The fields themselves still read, every one optional.
        let ok: NewCustomer = serde_json::from_str(
            r#"{"given_name": "B", "phones": [{"number": "+4930123456"}], "addresses": [{"postal_code": "1"}]}"#,
        )
        .expect("reads");
        assert_eq!(ok.given_name.as_deref(), Some("B"));
    }
}
