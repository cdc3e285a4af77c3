//! Interactions, purchases and cases: read-only snapshots, and the conversion of
//! `log_interaction`'s arguments into a core `NewInteraction`.

use chrono::{DateTime, Utc};
use crm_core::id::{CaseId, CustomerId, InteractionId};
use crm_core::interaction::{
    Case as CoreCase, Channel, Direction, Interaction as CoreInteraction, InteractionKind,
    LastContact as CoreLastContact, LineItem as CoreLineItem, NewInteraction, NewPurchase,
    Purchase as CorePurchase,
};
use crm_core::schedule::followup::Priority;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt};

use crate::conversion::{
    PyEnum, check_keys, dict, iso, items, opt_string, opt_utc, parse_enum, repr_opt, repr_str,
    serde_to_py, string, type_name,
};
use crate::errors::OrRaise;

/// A priority as a `Priority` member, or `None`.
pub(crate) fn opt_priority(
    py: Python<'_>,
    priority: Option<Priority>,
) -> PyResult<Option<Bound<'_, PyAny>>> {
    priority
        .map(|p| PyEnum::Priority.member(py, p.as_str()))
        .transpose()
}

/// One logged interaction.
#[pyclass(module = "crm", name = "Interaction", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Interaction {
    pub(crate) inner: CoreInteraction,
}

impl Interaction {
    pub(crate) fn new(inner: &CoreInteraction) -> Self {
        Self {
            inner: inner.clone(),
        }
    }
}

#[pymethods]
impl Interaction {
    /// Its id.
    #[getter]
    fn id(&self) -> String {
        self.inner.id.to_string()
    }

    /// The customer it concerns.
    #[getter]
    fn customer_id(&self) -> String {
        self.inner.customer.to_string()
    }

    /// The medium (a `Channel`).
    #[getter]
    fn channel<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::Channel.member(py, self.inner.channel.as_str())
    }

    /// Who started it (a `Direction`).
    #[getter]
    fn direction<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::Direction.member(py, self.inner.direction.as_str())
    }

    /// What it was about (an `InteractionKind`).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::InteractionKind.member(py, self.inner.kind.as_str())
    }

    /// When it happened (UTC).
    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.inner.at
    }

    /// Subject line or title.
    #[getter]
    fn subject(&self) -> Option<&str> {
        self.inner.subject.as_deref()
    }

    /// Body or notes.
    #[getter]
    fn body(&self) -> Option<&str> {
        self.inner.body.as_deref()
    }

    /// Outcome ("left voicemail", "booked demo", …).
    #[getter]
    fn outcome(&self) -> Option<&str> {
        self.inner.outcome.as_deref()
    }

    /// Who on the business side took part.
    #[getter]
    fn actor(&self) -> Option<&str> {
        self.inner.actor.as_deref()
    }

    /// The purchase made, for sales.
    #[getter]
    fn purchase(&self) -> Option<Purchase> {
        self.inner
            .purchase
            .as_ref()
            .map(|p| Purchase { inner: p.clone() })
    }

    /// The case this interaction belongs to (a complaint opens one).
    #[getter]
    fn case_id(&self) -> Option<String> {
        self.inner.case.map(|c| c.to_string())
    }

    /// How urgent the message is (a `Priority`), if one was given.
    #[getter]
    fn priority<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_priority(py, self.inner.priority)
    }

    /// The interaction as the core's JSON form (a dict of plain values).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Interaction(id={}, channel={}, direction={}, kind={}, at='{}', subject={})",
            repr_str(&self.inner.id.to_string()),
            repr_str(self.inner.channel.as_str()),
            repr_str(self.inner.direction.as_str()),
            repr_str(self.inner.kind.as_str()),
            iso(&self.inner.at),
            repr_opt(self.inner.subject.as_deref()),
        )
    }
}

/// A purchase: a total in one currency and the items bought.
#[pyclass(module = "crm", name = "Purchase", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Purchase {
    inner: CorePurchase,
}

#[pymethods]
impl Purchase {
    /// The amount paid, in minor units of the currency (cents, yen, …).
    #[getter]
    fn total_minor(&self) -> i64 {
        self.inner.total.amount_minor
    }

    /// The ISO 4217 currency code.
    #[getter]
    fn currency(&self) -> String {
        self.inner.total.currency.code().to_owned()
    }

    /// The total as text with its currency, in the currency's minor units (`EUR 38.50`).
    #[getter]
    fn total_display(&self) -> String {
        self.inner.total.to_string()
    }

    /// The items bought.
    #[getter]
    fn items(&self) -> Vec<LineItem> {
        self.inner
            .items
            .iter()
            .map(|i| LineItem { inner: i.clone() })
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "Purchase(total_minor={}, currency={}, items={})",
            self.inner.total.amount_minor,
            repr_str(self.inner.total.currency.code()),
            self.inner.items.len()
        )
    }
}

/// One line of a purchase.
#[pyclass(module = "crm", name = "LineItem", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct LineItem {
    inner: CoreLineItem,
}

#[pymethods]
impl LineItem {
    /// What was bought.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// Stock-keeping unit, if any.
    #[getter]
    fn sku(&self) -> Option<&str> {
        self.inner.sku.as_deref()
    }

    /// How many.
    #[getter]
    fn quantity(&self) -> u32 {
        self.inner.quantity
    }

    /// Price of one, in minor units.
    #[getter]
    fn unit_price_minor(&self) -> i64 {
        self.inner.unit_price_minor
    }

    fn __repr__(&self) -> String {
        format!(
            "LineItem(name={}, quantity={}, unit_price_minor={})",
            repr_str(&self.inner.name),
            self.inner.quantity,
            self.inner.unit_price_minor
        )
    }
}

/// A case: a complaint that is opened and later resolved.
#[pyclass(module = "crm", name = "Case", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Case {
    inner: CoreCase,
}

impl Case {
    pub(crate) fn new(inner: &CoreCase) -> Self {
        Self {
            inner: inner.clone(),
        }
    }
}

#[pymethods]
impl Case {
    /// Its id.
    #[getter]
    fn id(&self) -> String {
        self.inner.id.to_string()
    }

    /// The customer who complained.
    #[getter]
    fn customer_id(&self) -> String {
        self.inner.customer.to_string()
    }

    /// What it is about.
    #[getter]
    fn subject(&self) -> Option<&str> {
        self.inner.subject.as_deref()
    }

    /// The id of the interaction that opened it.
    #[getter]
    fn opened_by(&self) -> String {
        self.inner.opened_by.to_string()
    }

    /// When it was opened (UTC).
    #[getter]
    fn opened_at(&self) -> DateTime<Utc> {
        self.inner.opened_at
    }

    /// Open or resolved (a `CaseStatus`).
    #[getter]
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::CaseStatus.member(py, self.inner.status.as_str())
    }

    /// When it was resolved (UTC).
    #[getter]
    fn resolved_at(&self) -> Option<DateTime<Utc>> {
        self.inner.resolved_at
    }

    /// How it was resolved.
    #[getter]
    fn resolution(&self) -> Option<&str> {
        self.inner.resolution.as_deref()
    }

    /// Who resolved it.
    #[getter]
    fn resolved_by(&self) -> Option<&str> {
        self.inner.resolved_by.as_deref()
    }

    /// How urgent it is (a `Priority`): the opening complaint's, if one was given.
    #[getter]
    fn priority<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_priority(py, self.inner.priority)
    }

    /// The case as the core's JSON form (a dict of plain values).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Case(id={}, status={}, subject={})",
            repr_str(&self.inner.id.to_string()),
            repr_str(self.inner.status.as_str()),
            repr_opt(self.inner.subject.as_deref()),
        )
    }
}

/// The latest contact with a customer: overall, inbound and outbound.
#[pyclass(module = "crm", name = "LastContact", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct LastContact {
    any: Option<Interaction>,
    inbound: Option<Interaction>,
    outbound: Option<Interaction>,
}

impl LastContact {
    pub(crate) fn new(last: &CoreLastContact<'_>) -> Self {
        Self {
            any: last.any.map(Interaction::new),
            inbound: last.inbound.map(Interaction::new),
            outbound: last.outbound.map(Interaction::new),
        }
    }
}

#[pymethods]
impl LastContact {
    /// The latest interaction of either direction.
    #[getter]
    fn any(&self) -> Option<Interaction> {
        self.any.clone()
    }

    /// The latest inbound interaction.
    #[getter]
    fn inbound(&self) -> Option<Interaction> {
        self.inbound.clone()
    }

    /// The latest outbound interaction.
    #[getter]
    fn outbound(&self) -> Option<Interaction> {
        self.outbound.clone()
    }

    fn __repr__(&self) -> String {
        let at = |i: &Option<Interaction>| {
            i.as_ref()
                .map_or_else(|| "None".to_owned(), |i| format!("'{}'", iso(&i.inner.at)))
        };
        format!(
            "LastContact(any={}, inbound={}, outbound={})",
            at(&self.any),
            at(&self.inbound),
            at(&self.outbound)
        )
    }
}

// ----- input --------------------------------------------------------------------------------

/// The keyword arguments of `Crm.log_interaction`, as given.
pub(crate) struct InteractionArgs<'a, 'py> {
    pub(crate) customer_id: &'a str,
    pub(crate) channel: &'a str,
    pub(crate) direction: &'a str,
    pub(crate) kind: &'a str,
    pub(crate) at: Option<&'a Bound<'py, PyAny>>,
    pub(crate) subject: Option<String>,
    pub(crate) body: Option<String>,
    pub(crate) outcome: Option<String>,
    pub(crate) actor: Option<String>,
    pub(crate) purchase: Option<&'a Bound<'py, PyAny>>,
    pub(crate) case_id: Option<&'a str>,
    pub(crate) priority: Option<&'a str>,
    pub(crate) id: Option<&'a str>,
}

impl InteractionArgs<'_, '_> {
    /// The core input. Names are read by the core (`Channel::from_str`, `CustomerId::parse`, …).
    pub(crate) fn into_new(self) -> PyResult<NewInteraction> {
        let customer = CustomerId::parse(self.customer_id).or_raise()?;
        let channel: Channel = parse_enum(self.channel)?;
        let direction: Direction = parse_enum(self.direction)?;
        let kind: InteractionKind = parse_enum(self.kind)?;
        let mut new = NewInteraction::new(customer, channel, direction, kind);
        new.at = opt_utc(self.at, "at")?;
        new.subject = self.subject;
        new.body = self.body;
        new.outcome = self.outcome;
        new.actor = self.actor;
        new.purchase = match self.purchase {
            Some(p) if !p.is_none() => Some(new_purchase(p)?),
            _ => None,
        };
        new.case = self.case_id.map(CaseId::parse).transpose().or_raise()?;
        new.priority = self.priority.map(parse_enum::<Priority>).transpose()?;
        new.id = self.id.map(InteractionId::parse).transpose().or_raise()?;
        Ok(new)
    }
}

const PURCHASE_KEYS: &[&str] = &["currency", "amount_minor", "items"];
const ITEM_KEYS: &[&str] = &["name", "quantity", "unit_price_minor", "sku"];

fn required<'py>(d: &Bound<'py, PyDict>, key: &str, what: &str) -> PyResult<Bound<'py, PyAny>> {
    d.get_item(key)?
        .filter(|v| !v.is_none())
        .ok_or_else(|| PyTypeError::new_err(format!("{what} needs the key {key:?}")))
}

/// An integer argument; a non-`int` is a `TypeError`, an `int` the core type cannot hold
/// an `OverflowError`.
fn int<T>(v: &Bound<'_, PyAny>, field: &str) -> PyResult<T>
where
    T: for<'a, 'py> FromPyObject<'a, 'py, Error = PyErr>,
{
    if !v.is_instance_of::<PyInt>() || v.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{field} must be an int, not {}",
            type_name(v)
        )));
    }
    // Out of the field's range (a negative quantity, an amount beyond 2^63): a
    // `ValidationError` naming the field, not a bare `OverflowError`.
    v.extract::<T>().map_err(|_| {
        let value = v.str().map(|s| s.to_string()).unwrap_or_default();
        crate::errors::validation(field, &value, format!("{field}: {value} is out of range"))
    })
}

/// A purchase dict: `{"currency": "EUR", "amount_minor": 1999?, "items": [{...}]?}`.
fn new_purchase(value: &Bound<'_, PyAny>) -> PyResult<NewPurchase> {
    let d = dict(value, "purchase")?;
    check_keys(&d, PURCHASE_KEYS, "purchase")?;
    let mut p = NewPurchase::default();
    p.currency = string(&required(&d, "currency", "purchase")?, "purchase.currency")?;
    p.amount_minor = match d.get_item("amount_minor")? {
        Some(v) if !v.is_none() => Some(int(&v, "purchase.amount_minor")?),
        _ => None,
    };
    let item_list = d.get_item("items")?;
    for (i, item) in items(item_list.as_ref())?.iter().enumerate() {
        let what = format!("purchase.items[{i}]");
        let it = dict(item, &what)?;
        check_keys(&it, ITEM_KEYS, &what)?;
        let name = string(&required(&it, "name", &what)?, &format!("{what}.name"))?;
        let quantity: u32 = int(
            &required(&it, "quantity", &what)?,
            &format!("{what}.quantity"),
        )?;
        let unit: i64 = int(
            &required(&it, "unit_price_minor", &what)?,
            &format!("{what}.unit_price_minor"),
        )?;
        let mut line = CoreLineItem::new(name, quantity, unit);
        line.sku = opt_string(it.get_item("sku")?.as_ref(), &format!("{what}.sku"))?;
        p.items.push(line);
    }
    Ok(p)
}

// Pickling through the JSON form (crate::pickle).
crate::pickle::json_form!(Interaction, CoreInteraction);
crate::pickle::json_form!(Purchase, CorePurchase);
crate::pickle::json_form!(LineItem, CoreLineItem);
crate::pickle::json_form!(Case, CoreCase);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Interaction>()?;
    m.add_class::<Purchase>()?;
    m.add_class::<LineItem>()?;
    m.add_class::<Case>()?;
    m.add_class::<LastContact>()
}
