//! Duplicate detection over the customers of a book.

use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};

use super::{Crm, NewRecord};
use crate::customer::{Customer, NewCustomer};
use crate::dedup::progress::cancelling;
use crate::dedup::{
    Decision, DuplicateCandidate, DuplicateScan, MatchConfig, MatchIndex, MatchRecord, Matcher,
    Observer,
};
use crate::error::{Error, Result};
use crate::event::{Event, EventKind};
use crate::id::CustomerId;
use crate::merge::MergeRequest;

/// What creating or importing a customer does when the record matches an existing one
/// (a [`Decision::Match`] under the guard's configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OnDuplicate {
    /// Create it; [`Crm::create_customer_checked`] still reports the candidates.
    Warn,
    /// Refuse it with [`Error::Duplicate`] naming the customer it matches.
    Block,
    /// Create it and merge it into the customer it matches best (default survivorship:
    /// the existing customer's values first, emails, phones, tags and addresses united);
    /// the merge is journalled and can be undone like any other.
    Merge,
}

impl OnDuplicate {
    /// `warn`, `block` or `merge`.
    pub fn as_str(self) -> &'static str {
        match self {
            OnDuplicate::Warn => "warn",
            OnDuplicate::Block => "block",
            OnDuplicate::Merge => "merge",
        }
    }
}

impl std::str::FromStr for OnDuplicate {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match crate::macros::enum_key(s).as_str() {
            "warn" => Ok(OnDuplicate::Warn),
            "block" => Ok(OnDuplicate::Block),
            "merge" => Ok(OnDuplicate::Merge),
            _ => Err(Error::invalid(
                "on_duplicate",
                s,
                "expected one of: warn, block, merge",
            )),
        }
    }
}

/// The duplicate check a book runs on create and import: an index of every customer,
/// kept up to date by every event that changes a customer.
#[derive(Debug, Clone)]
pub(crate) struct Guard {
    index: MatchIndex,
    on_duplicate: OnDuplicate,
}

/// What [`Crm::create_customer_checked`] did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckedCreate {
    /// The customer that holds the record now: the new one, or the one it was merged into.
    pub id: CustomerId,
    /// Existing customers it may duplicate, strongest first (empty without a guard).
    pub candidates: Vec<DuplicateCandidate>,
    /// The customer it was merged into, under [`OnDuplicate::Merge`].
    pub merged_into: Option<CustomerId>,
}

impl Crm {
    /// Scans every customer for duplicates. Customers are taken in id order, so the result
    /// does not depend on the order they were added in; pairs and groups name customers
    /// by id.
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidValue`] for an invalid configuration.
    ///
    /// ```
    /// use crm_core::{Crm, NewCustomer};
    /// use crm_core::dedup::MatchConfig;
    ///
    /// let mut crm = Crm::builder().seed(7).build();
    /// let a = crm.create_customer(NewCustomer::default().with_name("Liz", "Taylor").with_email("liz@example.com").with_phone("+1 212 555 0100", Default::default()))?.id;
    /// let b = crm.create_customer(NewCustomer::default().with_name("Elizabeth", "Taylor").with_email("et@example.org").with_phone("+1 (212) 555-0100", Default::default()))?.id;
    /// let c = crm.create_customer(NewCustomer::default().with_name("Richard", "Burton").with_email("rb@example.org"))?.id;
    /// let scan = crm.find_duplicates(&MatchConfig::default())?;
    /// assert_eq!(scan.groups.len(), 1);
    /// assert!(scan.groups[0].members.contains(&a) && scan.groups[0].members.contains(&b));
    /// assert!(!scan.groups[0].members.contains(&c));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn find_duplicates(&self, config: &MatchConfig) -> Result<DuplicateScan<CustomerId>> {
        self.find_duplicates_with(config, &mut |_, _, _| ControlFlow::Continue(()))
    }

    /// [`Crm::find_duplicates`], reporting the progress of every stage to `observer`, which
    /// can stop the scan between chunks of work (see [`crate::dedup::progress`]).
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidValue`] for an invalid configuration;
    /// [`crate::Error::Cancelled`] when the observer asks to stop (the book is unchanged:
    /// a scan only reads it).
    pub fn find_duplicates_with(
        &self,
        config: &MatchConfig,
        observer: &mut Observer<'_>,
    ) -> Result<DuplicateScan<CustomerId>> {
        let matcher = Matcher::new(config.clone())?;
        let mut customers: Vec<&Customer> = self.customers().collect();
        crate::sort::sort_by_key(&mut customers, |c| c.id);
        let ids: Vec<CustomerId> = customers.iter().map(|c| c.id).collect();
        let tick = &mut cancelling(observer);
        let records = matcher.prepare_by(&customers, |c| MatchRecord::from_customer(c), tick)?;
        Ok(matcher
            .scan_prepared_by(&records, None, tick)?
            .map_ids(|i| ids[i]))
    }

    /// An index of every customer for fast checks of new records
    /// ([`MatchIndex::check`]); keep it up to date with [`MatchIndex::insert`] and
    /// [`MatchIndex::remove`], or rebuild it.
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidValue`] for an invalid configuration.
    pub fn duplicate_index(&self, config: &MatchConfig) -> Result<MatchIndex> {
        let mut index = MatchIndex::new(config.clone())?;
        let mut customers: Vec<_> = self.customers().collect();
        crate::sort::sort_by_key(&mut customers, |c| c.id);
        for c in customers {
            index.insert(c.id, MatchRecord::from_customer(c));
        }
        Ok(index)
    }

    /// Customers that may be the same as `record` (not yet in the book), strongest first.
    /// For many checks, build a [`Crm::duplicate_index`] once instead.
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidValue`] for an invalid configuration.
    pub fn check_duplicates(
        &self,
        record: &NewCustomer,
        config: &MatchConfig,
    ) -> Result<Vec<DuplicateCandidate>> {
        Ok(self
            .duplicate_index(config)?
            .check(&MatchRecord::from_new(record)))
    }

    /// Checks every new customer against the book from now on: `create_customer`,
    /// `create_customer_checked` and `import_customers` compare each record with every
    /// customer (in microseconds, through an index kept up to date by every change) and
    /// act as `on_duplicate` says. `None` turns the check off.
    ///
    /// Under [`OnDuplicate::Merge`] the record is created and merged into its match by one
    /// command, without the emails the match holds already. A record known only by such an
    /// email (with a tag or a birthday besides) is merged too, but that merge cannot be
    /// undone: the record would come back with no name, email or phone.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for an invalid configuration.
    ///
    /// ```
    /// use crm_core::{Crm, NewCustomer};
    /// use crm_core::dedup::{MatchConfig, OnDuplicate};
    ///
    /// let mut crm = Crm::builder().seed(1).build();
    /// crm.set_duplicate_guard(Some((MatchConfig::default(), OnDuplicate::Block)))?;
    /// crm.create_customer(NewCustomer::default().with_name("Ada", "Lovelace").with_phone("+44 20 7946 0018", Default::default()))?;
    /// let again = crm.create_customer(NewCustomer::default().with_name("Ada", "Lovelace").with_phone("+44 (0)20 7946 0018", Default::default()));
    /// assert_eq!(again.unwrap_err().code(), "duplicate");
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn set_duplicate_guard(&mut self, guard: Option<(MatchConfig, OnDuplicate)>) -> Result<()> {
        self.guard = match guard {
            Some((config, on_duplicate)) => Some(Box::new(Guard {
                index: self.duplicate_index(&config)?,
                on_duplicate,
            })),
            None => None,
        };
        Ok(())
    }

    /// The duplicate check's configuration and policy, when one is set.
    pub fn duplicate_guard(&self) -> Option<(&MatchConfig, OnDuplicate)> {
        self.guard
            .as_ref()
            .map(|g| (g.index.config(), g.on_duplicate))
    }

    /// Creates a customer under the duplicate guard and reports what it found: the
    /// candidates, and the customer the record was merged into under
    /// [`OnDuplicate::Merge`]. Without a guard it creates the customer and finds nothing.
    ///
    /// # Errors
    ///
    /// As `create_customer`; [`Error::Duplicate`] under [`OnDuplicate::Block`].
    pub fn create_customer_checked(&mut self, new: NewCustomer) -> Result<CheckedCreate> {
        let Some(guard) = self.guard.as_ref() else {
            let id = self.create(&new)?;
            return Ok(CheckedCreate {
                id,
                candidates: Vec::new(),
                merged_into: None,
            });
        };
        let on_duplicate = guard.on_duplicate;
        let candidates = guard.index.check(&MatchRecord::from_new(&new));
        // The strongest match: a candidate to review (a relative at one address) may
        // score above it.
        let best = candidates.iter().find(|c| c.decision == Decision::Match);
        let merge_into = match (on_duplicate, best) {
            (OnDuplicate::Block, Some(best)) => {
                return Err(Error::Duplicate {
                    holder: best.id.to_string(),
                    probability: three_decimals(best.probability),
                });
            }
            (OnDuplicate::Merge, Some(best)) => Some(best),
            _ => None,
        };
        let Some(best) = merge_into else {
            let id = self.create(&new)?;
            return Ok(CheckedCreate {
                id,
                candidates,
                merged_into: None,
            });
        };
        let index = &self.state.index;
        let mut record =
            NewRecord::validate(&new, self.ctx(), &self.model, |t| index.shared_tag(t))?;
        // An email the match holds already is its own, not a conflict: the record is
        // created without it (the merge keeps the match's), then merged. It is checked as
        // given (it names someone), and never stands alone in the book.
        if let (Some(held), Some(emails)) = (
            self.state.customers.get(&best.id),
            record.changes.emails.as_mut(),
        ) {
            emails.retain(|e| !held.emails.iter().any(|h| h.normalized() == e.normalized()));
        }
        let (at, actor, created) = self.build(record)?;
        // Through JSON text rather than `to_value`: the explanation is written as text
        // anyway, and one serializer per type keeps the wasm build smaller.
        let scores = serde_json::to_string(&best.explanation)
            .ok()
            .and_then(|text| crate::json::from_str::<serde_json::Value>(&text).ok());
        let mut request = MergeRequest::new(best.id, [created.id]).because("duplicate on create");
        if let Some(actor) = actor {
            request = request.by(actor);
        }
        if let Some(scores) = scores {
            request = request.with_scores(scores);
        }
        let survivor = best.id;
        self.merge_created(request, Some((at, created)))?;
        Ok(CheckedCreate {
            id: survivor,
            candidates,
            merged_into: Some(survivor),
        })
    }

    /// Whether creates and imports go through the guard.
    pub(crate) fn guarded(&self) -> bool {
        self.guard.is_some()
    }

    /// Keeps the guard's index in step with an applied event.
    pub(crate) fn sync_guard(&mut self, event: &Event) {
        let Some(guard) = self.guard.as_mut() else {
            return;
        };
        let put = |index: &mut MatchIndex, c: &Customer| {
            index.insert(c.id, MatchRecord::from_customer(c))
        };
        match &event.event {
            EventKind::CustomerCreated { customer } => put(&mut guard.index, customer),
            EventKind::CustomerUpdated { customer, .. } => {
                if let Some(c) = self.state.customers.get(customer) {
                    put(&mut guard.index, c);
                }
            }
            EventKind::CustomersMerged { merge } => {
                for id in merge.absorbed_ids() {
                    guard.index.remove(id);
                }
                if let Some(c) = self.state.customers.get(&merge.survivor()) {
                    put(&mut guard.index, c);
                }
            }
            EventKind::CustomersUnmerged { unmerge } => {
                put(&mut guard.index, &unmerge.survivor);
                for r in &unmerge.restored {
                    put(&mut guard.index, &r.customer);
                }
            }
            _ => {}
        }
    }
}

/// A probability in 0..=1 with three decimals (`0.987`), as `{:.3}` writes it, without
/// pulling the exact float formatting of `core::fmt` into the wasm build (6 KB).
fn three_decimals(p: f64) -> String {
    // 0..=1000 thousandths: the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let thousandths = (p.clamp(0.0, 1.0) * 1000.0).round() as u32;
    format!("{}.{:03}", thousandths / 1000, thousandths % 1000)
}

#[cfg(test)]
mod tests {
    #[test]
    fn three_decimals_as_format_writes_them() {
        for p in [0.0, 0.0004, 0.0006, 0.5, 0.98765, 0.9994, 0.99951, 1.0] {
            assert_eq!(super::three_decimals(p), format!("{p:.3}"), "{p}");
        }
    }
}
