//! Customers: create, import, update, and the reads that find them.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use crm_core::{Customer, CustomerPatch, NewCustomer};

use crate::convert::{self, Shape};
use crate::crm::Crm;
use crate::error::{self, IntoJs, JsResult};
use crate::id;

/// A customer as the JS API shows it: the core's record, camelCase, with the name parts at
/// the top level, the core's `display_name()` and `primary_email()`, `consent` as a plain
/// object, and every field present.
pub(crate) fn to_js(c: &Customer) -> JsValue {
    let v = convert::shaped(convert::json(c), |s| {
        let name = c.name.as_ref();
        let opt = |v: Option<&str>| v.map_or(Value::Null, |s| Value::String(s.to_owned()));
        s.0.remove("name");
        s.0.remove("consent");
        s.set("given_name", opt(name.and_then(|n| n.given())))
            .set("family_name", opt(name.and_then(|n| n.family())))
            .set("display_name", Value::String(c.display_name().to_owned()))
            .set(
                "primary_email",
                c.primary_email().map_or(Value::Null, convert::json),
            )
            .nulls(&["birthday", "time_zone", "owner", "source", "company"])
            .lists(&["emails", "phones", "addresses", "tags"])
            .maps(&["attributes"])
            .each("phones", |p| {
                p.nulls(&["extension"]);
            })
            .each("stage_history", |h| {
                h.nulls(&["from", "actor", "reason"]);
            });
        shape_addresses(s);
    });
    let js = convert::to_js(&v);
    // Set by hand: channel keys are data (not camelCased) and record times become Dates.
    let _ = js_sys::Reflect::set(
        &js,
        &JsValue::from_str("consent"),
        &crate::schedule::consent_to_js(&c.consent),
    );
    js
}

fn shape_addresses(s: &mut Shape<'_>) {
    s.each("addresses", |a| {
        a.lists(&["lines"])
            .nulls(&["locality", "region", "postal_code", "country", "label"]);
    });
}

/// A list of customers as a JS array.
pub(crate) fn list_to_js<'a>(list: impl IntoIterator<Item = &'a Customer>) -> JsValue {
    convert::array(list.into_iter().map(to_js))
}

/// Reads a `NewCustomer` object (also used for the records of a duplicate scan).
pub(crate) fn new_customer(input: &JsValue) -> Result<NewCustomer, crm_core::Error> {
    // Not an empty customer: `null` in a list of rows is a hole, not a record.
    if input.is_null() || input.is_undefined() {
        return Err(convert::invalid(
            "customer",
            convert::describe(input),
            "expected a customer (an object)",
        ));
    }
    convert::input(input, "", "customer")
}

#[wasm_bindgen]
impl Crm {
    /// Creates a customer and returns it.
    ///
    /// Throws a `ValidationError` naming the field (`emails[1]`, `phones[0]`, `birthday`,
    /// `time_zone`, `stage`, …) or a `ConflictError` when another customer holds an email.
    #[wasm_bindgen(js_name = createCustomer, unchecked_return_type = "Customer")]
    pub fn create_customer(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "NewCustomer")] input: JsValue,
    ) -> JsResult<JsValue> {
        let new = new_customer(&input).js()?;
        self.inner.create_customer(new).map(to_js).js()
    }

    /// Creates many customers, each row validated on its own: valid rows are created,
    /// invalid ones reported with their 1-based row number.
    ///
    /// A row that is not even shaped like a `NewCustomer` (say, a number) throws a
    /// `ValidationError` with its `row` before anything is imported.
    #[wasm_bindgen(js_name = importCustomers, unchecked_return_type = "ImportReport")]
    pub fn import_customers(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "NewCustomer[]")] rows: JsValue,
    ) -> JsResult<JsValue> {
        if !js_sys::Array::is_array(&rows) {
            return Err(error::js(convert::invalid(
                "rows",
                convert::describe(&rows),
                "expected an array of customers",
            )));
        }
        let rows = convert::items(&rows, "rows").js()?;
        let mut news = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            news.push(new_customer(row).map_err(|e| e.at_row(i + 1)).js()?);
        }
        let report = self.inner.import_customers(news);
        let created = report
            .created
            .iter()
            .map(|id| Value::String(id.to_string()))
            .collect();
        let rejected = report
            .rejected
            .iter()
            .map(|e| {
                let opt = |v: Option<&str>| v.map_or(Value::Null, |s| Value::String(s.to_owned()));
                serde_json::json!({
                    "row": e.row(),
                    "code": e.code(),
                    "field": opt(e.field()),
                    "value": opt(e.value()),
                    "message": e.to_string(),
                })
            })
            .collect();
        let duplicates = report
            .duplicates
            .iter()
            .map(|(row, checked)| crate::dedup::import_duplicate(*row, checked))
            .collect();
        let mut out = serde_json::Map::new();
        out.insert("created".to_owned(), Value::Array(created));
        out.insert("rejected".to_owned(), Value::Array(rejected));
        out.insert("duplicates".to_owned(), Value::Array(duplicates));
        Ok(convert::to_js(&Value::Object(out)))
    }

    /// Changes a customer's fields: a key set to `null` clears the field, a missing key keeps
    /// it; lists given replace the whole list.
    #[wasm_bindgen(js_name = updateCustomer, unchecked_return_type = "Customer")]
    pub fn update_customer(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CustomerPatch")] patch: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        let patch: CustomerPatch = convert::input(&patch, "", "patch").js()?;
        self.inner.update_customer(id, patch).map(to_js).js()
    }

    /// The customer with this id (throws a `NotFoundError` for an unknown one).
    #[wasm_bindgen(unchecked_return_type = "Customer")]
    pub fn customer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomerId")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = id::customer(&id)?;
        self.inner.customer(id).map(to_js).js()
    }

    /// All customers, oldest first.
    #[wasm_bindgen(unchecked_return_type = "Customer[]")]
    pub fn customers(&self) -> JsValue {
        list_to_js(self.inner.customers())
    }

    /// The customer holding this email (any case or formatting), or `null`.
    #[wasm_bindgen(js_name = findByEmail, unchecked_return_type = "Customer | null")]
    pub fn find_by_email(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
    ) -> JsResult<JsValue> {
        let email = convert::string(&email, "email").js()?;
        Ok(self
            .inner
            .find_by_email(&email)
            .map_or(JsValue::NULL, to_js))
    }

    /// The customers holding this phone number (read with the book's default region).
    #[wasm_bindgen(js_name = findByPhone, unchecked_return_type = "Customer[]")]
    pub fn find_by_phone(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] phone: JsValue,
    ) -> JsResult<JsValue> {
        let phone = convert::string(&phone, "phone").js()?;
        Ok(list_to_js(self.inner.find_by_phone(&phone)))
    }

    /// Customers with this tag (any case).
    #[wasm_bindgen(js_name = customersWithTag, unchecked_return_type = "Customer[]")]
    pub fn customers_with_tag(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] tag: JsValue,
    ) -> JsResult<JsValue> {
        let tag = convert::string(&tag, "tag").js()?;
        Ok(list_to_js(self.inner.customers_with_tag(&tag)))
    }

    /// Customers owned by `owner`.
    #[wasm_bindgen(js_name = customersOwnedBy, unchecked_return_type = "Customer[]")]
    pub fn customers_owned_by(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] owner: JsValue,
    ) -> JsResult<JsValue> {
        let owner = convert::string(&owner, "owner").js()?;
        Ok(list_to_js(self.inner.customers_owned_by(&owner)))
    }
}
