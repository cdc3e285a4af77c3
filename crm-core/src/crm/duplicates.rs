//! Duplicate detection over the customers of a book.

use super::Crm;
use crate::customer::NewCustomer;
use crate::dedup::{
    DuplicateCandidate, DuplicateScan, MatchConfig, MatchIndex, MatchRecord, Matcher,
};
use crate::error::Result;
use crate::id::CustomerId;

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
        let matcher = Matcher::new(config.clone())?;
        let mut customers: Vec<_> = self.customers().collect();
        customers.sort_unstable_by_key(|c| c.id);
        let ids: Vec<CustomerId> = customers.iter().map(|c| c.id).collect();
        let records: Vec<MatchRecord> = customers
            .iter()
            .map(|c| MatchRecord::from_customer(c))
            .collect();
        Ok(matcher.scan_prepared(&records).map_ids(|i| ids[i]))
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
        customers.sort_unstable_by_key(|c| c.id);
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
}
