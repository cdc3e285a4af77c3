//! Customers: the read-only `Customer` snapshot with its `Phone`, `Address` and `Birthday`,
//! and the conversion of keyword arguments (or import rows) into a core `NewCustomer` or
//! `CustomerPatch`.

use chrono::{DateTime, NaiveDate, Utc};
use crm_core::contact::{
    Address as CoreAddress, Birthday as CoreBirthday, Phone as CorePhone, PhoneKind,
};
use crm_core::customer::{NewAddress, NewPhone};
use crm_core::id::CustomerId;
use crm_core::{Customer as CoreCustomer, CustomerPatch, NewCustomer};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

use crate::conversion::{
    PyEnum, attributes, attributes_to_py, birthday_text, check_keys, dict, items, opt_string,
    parse_enum, repr_str, serde_to_py, string, string_list, type_name,
};
use crate::errors::OrRaise;
use crate::lifecycle::StageChange;

// ----- snapshots ----------------------------------------------------------------------------

/// A customer as the book held it when read (a snapshot: later commands do not change it).
#[pyclass(module = "crm", name = "Customer", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Customer {
    inner: CoreCustomer,
}

impl Customer {
    pub(crate) fn new(inner: &CoreCustomer) -> Self {
        Self {
            inner: inner.clone(),
        }
    }
}

#[pymethods]
impl Customer {
    /// The customer's id.
    #[getter]
    fn id(&self) -> String {
        self.inner.id.to_string()
    }

    /// Given (first) name.
    #[getter]
    fn given_name(&self) -> Option<&str> {
        self.inner.name.as_ref().and_then(|n| n.given())
    }

    /// Family (last) name.
    #[getter]
    fn family_name(&self) -> Option<&str> {
        self.inner.name.as_ref().and_then(|n| n.family())
    }

    /// A name to show: the person's name, else the primary email, else the first phone.
    #[getter]
    fn display_name(&self) -> &str {
        self.inner.display_name()
    }

    /// Email addresses, normalised (the first is primary).
    #[getter]
    fn emails(&self) -> Vec<String> {
        self.inner
            .emails
            .iter()
            .map(|e| e.normalized().to_owned())
            .collect()
    }

    /// Email addresses as given (trimmed).
    #[getter]
    fn email_addresses(&self) -> Vec<String> {
        self.inner
            .emails
            .iter()
            .map(|e| e.address().to_owned())
            .collect()
    }

    /// The primary email, normalised.
    #[getter]
    fn primary_email(&self) -> Option<&str> {
        self.inner.primary_email().map(|e| e.normalized())
    }

    /// Phone numbers.
    #[getter]
    fn phones(&self) -> Vec<Phone> {
        self.inner
            .phones
            .iter()
            .map(|p| Phone { inner: p.clone() })
            .collect()
    }

    /// Postal addresses.
    #[getter]
    fn addresses(&self) -> Vec<Address> {
        self.inner
            .addresses
            .iter()
            .map(|a| Address { inner: a.clone() })
            .collect()
    }

    /// Birthday as text: `1990-05-17`, or `--05-17` when the year is unknown.
    #[getter]
    fn birthday(&self) -> Option<String> {
        self.inner.birthday.as_ref().map(ToString::to_string)
    }

    /// Birthday as a `Birthday` (year, month, day).
    #[getter]
    fn birthday_parts(&self) -> Option<Birthday> {
        self.inner.birthday.map(|b| Birthday { inner: b })
    }

    /// The customer's IANA time zone name.
    #[getter]
    fn time_zone(&self) -> Option<String> {
        self.inner.time_zone.map(|z| z.name().to_owned())
    }

    /// The customer's consent (per channel, marketing, do-not-contact).
    #[getter]
    fn consent(&self) -> crate::schedule::Consent {
        crate::schedule::Consent::new(&self.inner.consent)
    }

    /// Tags, folded to lower case, sorted.
    #[getter]
    fn tags(&self) -> Vec<String> {
        self.inner.tags.iter().map(str::to_owned).collect()
    }

    /// Custom attributes: `str`, `float`, `bool` or `datetime.date` values.
    #[getter]
    fn attributes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        attributes_to_py(py, &self.inner.attributes)
    }

    /// Who owns the relationship.
    #[getter]
    fn owner(&self) -> Option<&str> {
        self.inner.owner.as_deref()
    }

    /// Where the customer came from.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }

    /// The company the person works for.
    #[getter]
    fn company(&self) -> Option<&str> {
        self.inner.company.as_deref()
    }

    /// The current lifecycle stage key.
    #[getter]
    fn stage(&self) -> &str {
        self.inner.stage.as_str()
    }

    /// Every stage change, oldest first; the first is the initial stage.
    #[getter]
    fn stage_history(&self) -> Vec<StageChange> {
        self.inner
            .stage_history
            .iter()
            .map(|c| StageChange { inner: c.clone() })
            .collect()
    }

    /// When the customer was created (UTC).
    #[getter]
    fn created_at(&self) -> DateTime<Utc> {
        self.inner.created_at
    }

    /// When the customer last changed (UTC).
    #[getter]
    fn updated_at(&self) -> DateTime<Utc> {
        self.inner.updated_at
    }

    /// The customer as the core's JSON form (a dict of plain values).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Customer(id={}, name={}, stage={})",
            repr_str(&self.inner.id.to_string()),
            repr_str(self.inner.display_name()),
            repr_str(self.inner.stage.as_str())
        )
    }
}

/// A phone number, normalised to E.164.
#[pyclass(module = "crm", name = "Phone", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Phone {
    inner: CorePhone,
}

#[pymethods]
impl Phone {
    /// The number as given.
    #[getter]
    fn number(&self) -> &str {
        self.inner.number()
    }

    /// The number in E.164 form (`+49301234567`).
    #[getter]
    fn e164(&self) -> &str {
        self.inner.e164()
    }

    /// The extension, if any.
    #[getter]
    fn extension(&self) -> Option<&str> {
        self.inner.extension()
    }

    /// Mobile, home, work, fax or other (a `PhoneKind`).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::PhoneKind.member(py, self.inner.kind().as_str())
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "Phone({}, kind={})",
            repr_str(self.inner.e164()),
            repr_str(self.inner.kind().as_str())
        )
    }
}

/// A postal address.
#[pyclass(module = "crm", name = "Address", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Address {
    inner: CoreAddress,
}

#[pymethods]
impl Address {
    /// Street lines.
    #[getter]
    fn lines(&self) -> Vec<String> {
        self.inner.lines().to_vec()
    }

    /// City or town.
    #[getter]
    fn locality(&self) -> Option<&str> {
        self.inner.locality()
    }

    /// State, province or county.
    #[getter]
    fn region(&self) -> Option<&str> {
        self.inner.region()
    }

    /// Postal code.
    #[getter]
    fn postal_code(&self) -> Option<&str> {
        self.inner.postal_code()
    }

    /// ISO 3166-1 alpha-2 country code.
    #[getter]
    fn country(&self) -> Option<String> {
        self.inner.country().map(|c| c.as_str().to_owned())
    }

    /// A label such as "home" or "billing".
    #[getter]
    fn label(&self) -> Option<&str> {
        self.inner.label()
    }

    /// The address on one line.
    fn one_line(&self) -> String {
        self.inner.one_line()
    }

    fn __str__(&self) -> String {
        self.inner.one_line()
    }

    fn __repr__(&self) -> String {
        format!("Address({})", repr_str(&self.inner.one_line()))
    }
}

/// A birthday whose year may be unknown.
#[pyclass(module = "crm", name = "Birthday", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Birthday {
    inner: CoreBirthday,
}

#[pymethods]
impl Birthday {
    /// The year of birth, if known.
    #[getter]
    fn year(&self) -> Option<i32> {
        self.inner.year()
    }

    /// The month (1-12).
    #[getter]
    fn month(&self) -> u32 {
        self.inner.month()
    }

    /// The day of the month.
    #[getter]
    fn day(&self) -> u32 {
        self.inner.day()
    }

    /// The date of the birthday in `year` (29 February falls on 28 February in common years).
    fn occurrence_in(&self, year: i32) -> NaiveDate {
        self.inner.occurrence_in(year)
    }

    /// The age in whole years on `date`, if the year of birth is known.
    fn age_on(&self, date: NaiveDate) -> Option<u32> {
        self.inner.age_on(date)
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!("Birthday('{}')", self.inner)
    }
}

// ----- input --------------------------------------------------------------------------------

/// The keys `create_customer` takes (and an import row may hold).
pub(crate) const NEW_CUSTOMER_KEYS: &[&str] = NewCustomer::KEYS;

const PHONE_KEYS: &[&str] = &["number", "kind"];
const ADDRESS_KEYS: &[&str] = &[
    "lines",
    "locality",
    "region",
    "postal_code",
    "country",
    "label",
];

/// A phone as given: `"+49 30 1234567"`, `("+49 30 1234567", "work")` or
/// `{"number": "+49 30 1234567", "kind": "work"}`.
fn new_phone(value: &Bound<'_, PyAny>, i: usize) -> PyResult<NewPhone> {
    let field = format!("phones[{i}]");
    let kind = |k: Option<Bound<'_, PyAny>>| -> PyResult<PhoneKind> {
        match k {
            Some(k) if !k.is_none() => parse_enum(&string(&k, &format!("{field}.kind"))?),
            _ => Ok(PhoneKind::default()),
        }
    };
    if value.is_instance_of::<PyString>() {
        return Ok(NewPhone::new(string(value, &field)?, PhoneKind::default()));
    }
    if let Ok(t) = value.cast::<PyTuple>() {
        if t.len() == 2 {
            let number = string(&t.get_item(0)?, &field)?;
            return Ok(NewPhone::new(number, kind(Some(t.get_item(1)?))?));
        }
    }
    if let Ok(d) = dict(value, &field) {
        check_keys(&d, PHONE_KEYS, &field)?;
        let number = d
            .get_item("number")?
            .ok_or_else(|| PyTypeError::new_err(format!("{field} needs the key \"number\"")))?;
        return Ok(NewPhone::new(
            string(&number, &field)?,
            kind(d.get_item("kind")?)?,
        ));
    }
    Err(PyTypeError::new_err(format!(
        "{field} must be a str, a (number, kind) tuple or a dict, not {}",
        type_name(value)
    )))
}

fn new_phones(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<NewPhone>> {
    items(value)?
        .iter()
        .enumerate()
        .map(|(i, p)| new_phone(p, i))
        .collect()
}

/// An address dict: lines (a list, or one str), locality, region, postal_code, country, label.
fn new_address(value: &Bound<'_, PyAny>, i: usize) -> PyResult<NewAddress> {
    let field = format!("addresses[{i}]");
    let d = dict(value, &field)?;
    check_keys(&d, ADDRESS_KEYS, &field)?;
    let get = |k: &str| -> PyResult<Option<String>> {
        opt_string(d.get_item(k)?.as_ref(), &format!("{field}.{k}"))
    };
    let mut a = NewAddress::default();
    a.lines = string_list(d.get_item("lines")?.as_ref(), &format!("{field}.lines"))?;
    a.locality = get("locality")?;
    a.region = get("region")?;
    a.postal_code = get("postal_code")?;
    a.country = get("country")?;
    a.label = get("label")?;
    Ok(a)
}

fn new_addresses(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<NewAddress>> {
    match value {
        Some(v) if v.is_instance_of::<PyDict>() => Ok(vec![new_address(v, 0)?]),
        _ => items(value)?
            .iter()
            .enumerate()
            .map(|(i, a)| new_address(a, i))
            .collect(),
    }
}

fn opt_birthday(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    match value {
        Some(v) if !v.is_none() => birthday_text(v).map(Some),
        _ => Ok(None),
    }
}

/// Whether a row's value is a missing cell as pandas writes one: NaN, `NaT`, `pd.NA`.
fn missing_cell(v: &Bound<'_, PyAny>) -> bool {
    // Most cells are text: no type name to look up for them.
    if v.is_instance_of::<PyString>() {
        return false;
    }
    if let Ok(f) = v.cast::<pyo3::types::PyFloat>() {
        return f.value().is_nan();
    }
    v.get_type()
        .name()
        .is_ok_and(|name| name == "NaTType" || name == "NAType")
}

/// The arguments of `create_customer` (or one import row), as given.
#[derive(Default)]
pub(crate) struct NewCustomerArgs<'py> {
    pub(crate) given_name: Option<Bound<'py, PyAny>>,
    pub(crate) family_name: Option<Bound<'py, PyAny>>,
    pub(crate) display_name: Option<Bound<'py, PyAny>>,
    pub(crate) emails: Option<Bound<'py, PyAny>>,
    pub(crate) phones: Option<Bound<'py, PyAny>>,
    pub(crate) default_region: Option<Bound<'py, PyAny>>,
    pub(crate) addresses: Option<Bound<'py, PyAny>>,
    pub(crate) birthday: Option<Bound<'py, PyAny>>,
    pub(crate) time_zone: Option<Bound<'py, PyAny>>,
    pub(crate) tags: Option<Bound<'py, PyAny>>,
    pub(crate) attributes: Option<Bound<'py, PyAny>>,
    pub(crate) owner: Option<Bound<'py, PyAny>>,
    pub(crate) source: Option<Bound<'py, PyAny>>,
    pub(crate) company: Option<Bound<'py, PyAny>>,
    pub(crate) stage: Option<Bound<'py, PyAny>>,
    pub(crate) actor: Option<Bound<'py, PyAny>>,
    pub(crate) id: Option<Bound<'py, PyAny>>,
}

impl<'py> NewCustomerArgs<'py> {
    /// The arguments held by one import row (a mapping with `create_customer`'s keys).
    pub(crate) fn from_row(row: &Bound<'py, PyAny>, n: usize) -> PyResult<Self> {
        Self::from_mapping(row, &format!("row {n}"))
    }

    /// The arguments held by a mapping with `create_customer`'s keys; `what` names it in
    /// errors.
    pub(crate) fn from_mapping(row: &Bound<'py, PyAny>, what: &str) -> PyResult<Self> {
        let d = dict(row, what)?;
        check_keys(&d, NEW_CUSTOMER_KEYS, what)?;
        // A missing cell as pandas writes it (`to_dict("records")`: NaN, NaT, NA) is a
        // missing value, as `None` is.
        let get = |k: &str| Ok::<_, PyErr>(d.get_item(k)?.filter(|v| !missing_cell(v)));
        Ok(Self {
            given_name: get("given_name")?,
            family_name: get("family_name")?,
            display_name: get("display_name")?,
            emails: get("emails")?,
            phones: get("phones")?,
            default_region: get("default_region")?,
            addresses: get("addresses")?,
            birthday: get("birthday")?,
            time_zone: get("time_zone")?,
            tags: get("tags")?,
            attributes: get("attributes")?,
            owner: get("owner")?,
            source: get("source")?,
            company: get("company")?,
            stage: get("stage")?,
            actor: get("actor")?,
            id: get("id")?,
        })
    }

    /// [`NewCustomerArgs::into_new`] for the `n`th (1-based) of several rows: an error
    /// names the row.
    pub(crate) fn into_new_row(self, n: usize) -> PyResult<NewCustomer> {
        self.into_new().map_err(|e| {
            Python::attach(|py| {
                let value = e.value(py);
                if e.is_instance_of::<PyTypeError>(py) {
                    PyTypeError::new_err(format!("row {n}: {value}"))
                } else {
                    if value.getattr("row").is_ok_and(|r| r.is_none()) {
                        let _ = value.setattr("row", n);
                    }
                    e
                }
            })
        })
    }

    /// The core input; the core validates it.
    pub(crate) fn into_new(self) -> PyResult<NewCustomer> {
        let s = |v: &Option<Bound<'py, PyAny>>, f: &str| opt_string(v.as_ref(), f);
        let mut n = NewCustomer::default();
        n.id = s(&self.id, "id")?
            .map(|id| CustomerId::parse(&id))
            .transpose()
            .or_raise()?;
        n.given_name = s(&self.given_name, "given_name")?;
        n.family_name = s(&self.family_name, "family_name")?;
        n.display_name = s(&self.display_name, "display_name")?;
        n.emails = string_list(self.emails.as_ref(), "emails")?;
        n.phones = new_phones(self.phones.as_ref())?;
        n.default_region = s(&self.default_region, "default_region")?;
        n.addresses = new_addresses(self.addresses.as_ref())?;
        n.birthday = opt_birthday(self.birthday.as_ref())?;
        n.time_zone = s(&self.time_zone, "time_zone")?;
        n.tags = string_list(self.tags.as_ref(), "tags")?;
        n.attributes = attributes(self.attributes.as_ref())?;
        n.owner = s(&self.owner, "owner")?;
        n.source = s(&self.source, "source")?;
        n.company = s(&self.company, "company")?;
        n.stage = s(&self.stage, "stage")?;
        n.actor = s(&self.actor, "actor")?;
        Ok(n)
    }
}

/// A clearable argument of `update_customer`: omitted (keep the field) or given, where a
/// given `None` clears the field.
pub(crate) enum Unset<'py> {
    /// Not passed: keep the field.
    Keep,
    /// Passed (possibly `None`).
    Given(Bound<'py, PyAny>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Unset<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Unset::Given(obj.to_owned()))
    }
}

impl Unset<'_> {
    /// `None` to keep, `Some(None)` to clear, `Some(Some(text))` to set.
    fn text(&self, field: &str) -> PyResult<Option<Option<String>>> {
        match self {
            Unset::Keep => Ok(None),
            Unset::Given(v) if v.is_none() => Ok(Some(None)),
            Unset::Given(v) => string(v, field).map(|s| Some(Some(s))),
        }
    }
}

/// The arguments of `update_customer`, as given.
pub(crate) struct PatchArgs<'py> {
    pub(crate) given_name: Unset<'py>,
    pub(crate) family_name: Unset<'py>,
    pub(crate) display_name: Unset<'py>,
    pub(crate) emails: Option<Bound<'py, PyAny>>,
    pub(crate) phones: Option<Bound<'py, PyAny>>,
    pub(crate) default_region: Option<Bound<'py, PyAny>>,
    pub(crate) addresses: Option<Bound<'py, PyAny>>,
    pub(crate) birthday: Unset<'py>,
    pub(crate) time_zone: Unset<'py>,
    pub(crate) add_tags: Option<Bound<'py, PyAny>>,
    pub(crate) remove_tags: Option<Bound<'py, PyAny>>,
    pub(crate) set_attributes: Option<Bound<'py, PyAny>>,
    pub(crate) remove_attributes: Option<Bound<'py, PyAny>>,
    pub(crate) owner: Unset<'py>,
    pub(crate) source: Unset<'py>,
    pub(crate) company: Unset<'py>,
    pub(crate) actor: Option<Bound<'py, PyAny>>,
}

/// A list argument of a patch: `None` (or omitted) keeps the list.
fn given<'py>(v: &Option<Bound<'py, PyAny>>) -> Option<Bound<'py, PyAny>> {
    v.as_ref().filter(|v| !v.is_none()).cloned()
}

impl PatchArgs<'_> {
    /// The core patch; the core validates it.
    pub(crate) fn into_patch(self) -> PyResult<CustomerPatch> {
        let mut p = CustomerPatch::default();
        p.given_name = self.given_name.text("given_name")?;
        p.family_name = self.family_name.text("family_name")?;
        p.display_name = self.display_name.text("display_name")?;
        p.emails = given(&self.emails)
            .map(|v| string_list(Some(&v), "emails"))
            .transpose()?;
        p.phones = given(&self.phones)
            .map(|v| new_phones(Some(&v)))
            .transpose()?;
        p.default_region = opt_string(self.default_region.as_ref(), "default_region")?;
        p.addresses = given(&self.addresses)
            .map(|v| new_addresses(Some(&v)))
            .transpose()?;
        p.birthday = match &self.birthday {
            Unset::Keep => None,
            Unset::Given(v) if v.is_none() => Some(None),
            Unset::Given(v) => Some(Some(birthday_text(v)?)),
        };
        p.time_zone = self.time_zone.text("time_zone")?;
        p.add_tags = string_list(self.add_tags.as_ref(), "add_tags")?;
        p.remove_tags = string_list(self.remove_tags.as_ref(), "remove_tags")?;
        p.set_attributes = attributes(self.set_attributes.as_ref())?;
        p.remove_attributes = string_list(self.remove_attributes.as_ref(), "remove_attributes")?;
        p.owner = self.owner.text("owner")?;
        p.source = self.source.text("source")?;
        p.company = self.company.text("company")?;
        p.actor = opt_string(self.actor.as_ref(), "actor")?;
        Ok(p)
    }
}

// Pickling through the JSON form (crate::pickle).
crate::pickle::json_form!(Customer, CoreCustomer);
crate::pickle::json_form!(Phone, CorePhone);
crate::pickle::json_form!(Address, CoreAddress);
crate::pickle::json_form!(Birthday, CoreBirthday);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Customer>()?;
    m.add_class::<Phone>()?;
    m.add_class::<Address>()?;
    m.add_class::<Birthday>()
}
