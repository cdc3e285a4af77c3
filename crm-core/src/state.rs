//! The book's state and its indexes, built by folding events. `apply` cannot fail: every
//! event was validated before it was recorded, and replaying a journal must always work.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{BuildHasher, Hash};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use foldhash::HashMap;
use foldhash::fast::SeedableRandomState;

use crate::customer::Customer;
use crate::event::{Event, EventKind};
use crate::id::{CaseId, CustomerId, FollowUpId, InteractionId, MergeId};
use crate::interaction::{Case, CaseStatus, Interaction};
use crate::lifecycle::Stage;
use crate::merge::MergeRecord;
use crate::schedule::followup::{FollowUp, FollowUpStatus};
use crate::settings::Settings;

type Set<T> = BTreeSet<T>;

/// Pending follow-ups by due time, holding the records themselves (shared with
/// [`State::follow_ups`]).
pub(crate) type DueIndex = BTreeMap<(DateTime<Utc>, FollowUpId), Arc<FollowUp>>;

/// Everything the book knows, with the indexes its reads use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// Records are shared with the events that created them (an in-memory journal holds the
    /// same allocation); a later change copies the record first.
    pub(crate) customers: BTreeMap<CustomerId, Arc<Customer>>,
    pub(crate) interactions: BTreeMap<InteractionId, Interaction>,
    pub(crate) cases: BTreeMap<CaseId, Case>,
    /// Shared with the due-time indexes, so that reading the pending follow-ups of a period
    /// needs no lookup per follow-up.
    pub(crate) follow_ups: BTreeMap<FollowUpId, Arc<FollowUp>>,
    /// Every merge, undone ones included.
    pub(crate) merges: BTreeMap<MergeId, MergeRecord>,
    /// The customers absorbed by a merge that is still in effect, and that merge.
    pub(crate) merged_into: BTreeMap<CustomerId, MergeId>,
    pub(crate) index: Indexes,
    pub(crate) last_seq: u64,
    /// The settings, as the journal (and the builder) set them.
    pub(crate) settings: Settings,
}

/// Secondary indexes, kept in step with the records by `apply`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Indexes {
    /// Normalised emails and E.164 phone numbers.
    pub(crate) contact: ContactIndex,
    pub(crate) stage: HashMap<Stage, Set<CustomerId>>,
    /// Keyed by the shared text of each tag, which customers' [`Tags`](crate::customer::Tags)
    /// reuse.
    pub(crate) tag: HashMap<Arc<str>, Set<CustomerId>>,
    /// The records of each owner's customers (shared with [`State::customers`]), so that an
    /// owner's book is read without a lookup per customer.
    pub(crate) owner: HashMap<String, BTreeMap<CustomerId, Arc<Customer>>>,
    pub(crate) timeline: HashMap<CustomerId, Set<(DateTime<Utc>, InteractionId)>>,
    pub(crate) cases: HashMap<CustomerId, Set<CaseId>>,
    /// Follow-ups of each customer (all statuses).
    pub(crate) follow_ups: HashMap<CustomerId, Set<FollowUpId>>,
    /// Pending (open or snoozed) follow-ups by due time.
    pub(crate) due: DueIndex,
    /// Pending follow-ups of each owner by due time.
    pub(crate) owner_due: HashMap<String, DueIndex>,
}

/// The stage and tag index entries of customers created in bulk, gathered by
/// [`State::apply_with`] to be merged into the sets at once by [`State::settle`]: a few
/// merges of sorted runs instead of a tree insertion per customer, stage and tag.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    stage: HashMap<Stage, Vec<CustomerId>>,
    tag: HashMap<Arc<str>, Vec<CustomerId>>,
}

impl Pending {
    fn add(&mut self, c: &Customer) {
        push(&mut self.stage, &c.stage, c.id);
        for t in c.tags.shared() {
            push(&mut self.tag, t, c.id);
        }
    }
}

fn push<K: Hash + Eq + Clone>(map: &mut HashMap<K, Vec<CustomerId>>, key: &K, id: CustomerId) {
    match map.get_mut(key) {
        Some(ids) => ids.push(id),
        None => {
            map.insert(key.clone(), vec![id]);
        }
    }
}

/// Adds `ids` to `set`: by rebuilding it from both sorted runs when they are many (linear in
/// both), else one by one. (One by one on wasm, where a bulk import of a million rows is
/// not the case to serve: the bulk build's sort costs the .wasm 3 KB.)
fn merge(set: &mut Set<CustomerId>, ids: Vec<CustomerId>) {
    if cfg!(not(target_arch = "wasm32")) && ids.len() >= set.len() / 4 {
        let mut more: Set<CustomerId> = ids.into_iter().collect();
        set.append(&mut more);
    } else {
        set.extend(ids);
    }
}

/// Which kind of contact a key is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Contact {
    Email,
    Phone,
}

/// The customers holding each normalised email and phone number, in one table.
///
/// The key is a 64-bit hash of the kind and the text rather than the text itself (which the
/// records already hold): a lookup checks the candidates' records, so a collision costs a
/// comparison, never a wrong answer. A key almost always has one holder, stored inline (24
/// bytes an entry); further holders of a key wait in `more`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ContactIndex {
    /// The first holder (lowest id) of each key.
    first: HashMap<u64, CustomerId>,
    /// The other holders of the keys that have several.
    more: HashMap<u64, Set<CustomerId>>,
}

impl ContactIndex {
    /// The key of a contact. The same text gives the same key everywhere in the process
    /// (so equal books have equal indexes); the seed differs between processes, so keys
    /// are never stored.
    fn key(kind: Contact, text: &str) -> u64 {
        let hasher = SeedableRandomState::with_seed(
            0x6372_6d2d_636f_7265,
            foldhash::SharedSeed::global_random(),
        );
        hasher.hash_one((kind, text))
    }

    fn insert(&mut self, kind: Contact, text: &str, id: CustomerId) {
        let key = Self::key(kind, text);
        let first = match self.first.entry(key) {
            Entry::Vacant(slot) => {
                slot.insert(id);
                return;
            }
            Entry::Occupied(slot) => slot.into_mut(),
        };
        if *first == id {
            return;
        }
        // Keep the lowest id first, so that equal sets of holders look the same.
        let other = if id < *first {
            std::mem::replace(first, id)
        } else {
            id
        };
        self.more.entry(key).or_default().insert(other);
    }

    fn remove(&mut self, kind: Contact, text: &str, id: CustomerId) {
        let key = Self::key(kind, text);
        let Some(first) = self.first.get_mut(&key) else {
            return;
        };
        let more = self.more.get_mut(&key);
        if *first == id {
            match more.and_then(Set::pop_first) {
                Some(next) => *first = next,
                None => {
                    self.first.remove(&key);
                }
            }
        } else if let Some(more) = more {
            more.remove(&id);
        }
        if self.more.get(&key).is_some_and(Set::is_empty) {
            self.more.remove(&key);
        }
    }

    /// The holders of a contact (and of any colliding one), in id order.
    fn get(&self, kind: Contact, text: &str) -> impl Iterator<Item = CustomerId> + '_ {
        let key = Self::key(kind, text);
        let more = self.more.get(&key).into_iter().flatten().copied();
        self.first.get(&key).copied().into_iter().chain(more)
    }

    /// Makes room for `more` contacts.
    fn reserve(&mut self, more: usize) {
        self.first.reserve(more);
    }
}

/// Adds `v` under `key`, cloning the key only when it is new.
pub(crate) fn add<K: Hash + Eq + Clone, V: Ord>(map: &mut HashMap<K, Set<V>>, key: &K, v: V) {
    match map.get_mut(key) {
        Some(set) => {
            set.insert(v);
        }
        None => {
            map.insert(key.clone(), Set::from([v]));
        }
    }
}

pub(crate) fn remove<K: Hash + Eq + std::borrow::Borrow<Q>, Q, V: Ord>(
    map: &mut HashMap<K, Set<V>>,
    key: &Q,
    v: &V,
) where
    Q: Hash + Eq + ?Sized,
{
    if let Some(set) = map.get_mut(key) {
        set.remove(v);
        if set.is_empty() {
            map.remove(key);
        }
    }
}

impl Indexes {
    pub(crate) fn index_customer(&mut self, c: &Arc<Customer>, pending: Option<&mut Pending>) {
        for e in &c.emails {
            self.contact.insert(Contact::Email, e.normalized(), c.id);
        }
        for p in &c.phones {
            self.contact.insert(Contact::Phone, p.e164(), c.id);
        }
        if let Some(pending) = pending {
            pending.add(c);
        } else {
            add(&mut self.stage, &c.stage, c.id);
            for t in c.tags.shared() {
                add(&mut self.tag, t, c.id);
            }
        }
        self.share_owner(c);
    }

    /// Adds the customer to its owner's records.
    fn share_owner(&mut self, c: &Arc<Customer>) {
        if let Some(o) = &c.owner {
            match self.owner.get_mut(o) {
                Some(records) => {
                    records.insert(c.id, Arc::clone(c));
                }
                None => {
                    self.owner
                        .insert(o.clone(), BTreeMap::from([(c.id, Arc::clone(c))]));
                }
            }
        }
    }

    /// Removes the customer from its owner's records (before its record changes).
    fn unshare_owner(&mut self, c: &Customer) {
        if let Some(o) = &c.owner {
            if let Some(records) = self.owner.get_mut(o.as_str()) {
                records.remove(&c.id);
                if records.is_empty() {
                    self.owner.remove(o.as_str());
                }
            }
        }
    }

    pub(crate) fn unindex_customer(&mut self, c: &Customer) {
        for e in &c.emails {
            self.contact.remove(Contact::Email, e.normalized(), c.id);
        }
        for p in &c.phones {
            self.contact.remove(Contact::Phone, p.e164(), c.id);
        }
        remove(&mut self.stage, &c.stage, &c.id);
        for t in c.tags.shared() {
            remove(&mut self.tag, &**t, &c.id);
        }
        self.unshare_owner(c);
    }

    /// Makes room for `contacts` more emails and phone numbers, so that a bulk import does
    /// not grow the table step by step.
    pub(crate) fn reserve(&mut self, contacts: usize) {
        self.contact.reserve(contacts);
    }

    /// The shared text of `tag`: the index's own when some customer carries it already.
    pub(crate) fn shared_tag(&self, tag: &str) -> Arc<str> {
        self.tag
            .get_key_value(tag)
            .map_or_else(|| Arc::from(tag), |(k, _)| Arc::clone(k))
    }
}

impl Indexes {
    /// Adds a pending follow-up to the due-time indexes.
    pub(crate) fn index_due(&mut self, f: &Arc<FollowUp>) {
        if f.status.is_pending() {
            self.due.insert((f.due, f.id), Arc::clone(f));
            if let Some(o) = &f.owner {
                let key = (f.due, f.id);
                match self.owner_due.get_mut(o) {
                    Some(set) => {
                        set.insert(key, Arc::clone(f));
                    }
                    None => {
                        self.owner_due
                            .insert(o.clone(), DueIndex::from([(key, Arc::clone(f))]));
                    }
                }
            }
        }
    }

    /// Removes a follow-up from the due-time indexes.
    pub(crate) fn unindex_due(&mut self, f: &FollowUp) {
        self.due.remove(&(f.due, f.id));
        if let Some(o) = &f.owner {
            if let Some(set) = self.owner_due.get_mut(o) {
                set.remove(&(f.due, f.id));
                if set.is_empty() {
                    self.owner_due.remove(o);
                }
            }
        }
    }
}

impl State {
    /// Adds the index entries gathered in `pending`.
    pub(crate) fn settle(&mut self, pending: Pending) {
        for (stage, ids) in pending.stage {
            merge(self.index.stage.entry(stage).or_default(), ids);
        }
        for (tag, ids) in pending.tag {
            merge(self.index.tag.entry(tag).or_default(), ids);
        }
    }

    /// The customers holding the normalised email `normalized` (one, in a consistent book).
    pub(crate) fn holders_of_email<'a, 'b>(
        &'a self,
        normalized: &'b str,
    ) -> impl Iterator<Item = &'a Customer> + 'b
    where
        'a: 'b,
    {
        self.holders(Contact::Email, normalized)
            .filter(move |c| c.emails.iter().any(|e| e.normalized() == normalized))
    }

    /// The customers holding the phone number `e164`, in id order.
    pub(crate) fn holders_of_phone<'a, 'b>(
        &'a self,
        e164: &'b str,
    ) -> impl Iterator<Item = &'a Customer> + 'b
    where
        'a: 'b,
    {
        self.holders(Contact::Phone, e164)
            .filter(move |c| c.phones.iter().any(|p| p.e164() == e164))
    }

    /// The candidates for a contact (unchecked).
    fn holders<'a>(&'a self, kind: Contact, text: &str) -> impl Iterator<Item = &'a Customer> + 'a {
        self.index
            .contact
            .get(kind, text)
            .filter_map(|id| self.customers.get(&id).map(|c| &**c))
    }

    /// Folds one event into the state. Events about unknown records are ignored, so that a
    /// partial or redacted journal still replays.
    pub(crate) fn apply(&mut self, event: &Event) {
        self.apply_with(event, None);
    }

    /// [`State::apply`], gathering the stage and tag index entries of a created customer in
    /// `pending` (if given) instead of inserting them; [`State::settle`] adds them.
    pub(crate) fn apply_with(&mut self, event: &Event, pending: Option<&mut Pending>) {
        self.last_seq = self.last_seq.max(event.seq);
        match &event.event {
            EventKind::CustomerCreated { customer } => {
                if let Some(old) = self.customers.insert(customer.id, Arc::clone(customer)) {
                    self.index.unindex_customer(&old);
                }
                self.index.index_customer(customer, pending);
            }
            EventKind::CustomerUpdated { customer, changes } => {
                if let Some(c) = self.customers.get_mut(customer) {
                    self.index.unindex_customer(c);
                    let record = Arc::make_mut(c);
                    let index = &self.index;
                    changes.apply_to(record, |t| index.shared_tag(t));
                    record.updated_at = event.at;
                    self.index.index_customer(c, None);
                }
            }
            EventKind::StageChanged { customer, change } => {
                if let Some(c) = self.customers.get_mut(customer) {
                    remove(&mut self.index.stage, &c.stage, &c.id);
                    self.index.unshare_owner(c);
                    let record = Arc::make_mut(c);
                    record.stage = change.to.clone();
                    record.stage_history.push(change.clone());
                    record.updated_at = event.at;
                    add(&mut self.index.stage, &c.stage, c.id);
                    self.index.share_owner(c);
                }
            }
            EventKind::InteractionLogged { interaction } => {
                if let Some(old) = self.interactions.get(&interaction.id) {
                    remove(&mut self.index.timeline, &old.customer, &(old.at, old.id));
                }
                add(
                    &mut self.index.timeline,
                    &interaction.customer,
                    (interaction.at, interaction.id),
                );
                self.interactions
                    .insert(interaction.id, (**interaction).clone());
            }
            EventKind::CaseOpened { case } => {
                add(&mut self.index.cases, &case.customer, case.id);
                self.cases.insert(case.id, (**case).clone());
            }
            EventKind::CaseResolved {
                case,
                resolved_at,
                resolution,
                ..
            } => {
                if let Some(c) = self.cases.get_mut(case) {
                    c.status = CaseStatus::Resolved;
                    c.resolved_at = Some(*resolved_at);
                    c.resolution = Some(resolution.clone());
                    c.resolved_by.clone_from(&event.actor);
                }
            }
            EventKind::FollowUpScheduled { follow_up } => {
                let f = Arc::new((**follow_up).clone());
                if let Some(old) = self.follow_ups.remove(&f.id) {
                    self.index.unindex_due(&old);
                }
                add(&mut self.index.follow_ups, &f.customer, f.id);
                self.index.index_due(&f);
                self.follow_ups.insert(f.id, f);
            }
            EventKind::FollowUpRescheduled { follow_up, due, .. } => {
                self.update_follow_up(*follow_up, |f| {
                    f.due = *due;
                    f.planned = *due;
                    f.status = FollowUpStatus::Open;
                });
            }
            EventKind::FollowUpSnoozed {
                follow_up, until, ..
            } => {
                self.update_follow_up(*follow_up, |f| {
                    f.due = *until;
                    f.status = FollowUpStatus::Snoozed;
                });
            }
            EventKind::FollowUpCompleted { follow_up, at, .. } => {
                self.update_follow_up(*follow_up, |f| {
                    f.status = FollowUpStatus::Done;
                    f.closed_at = Some(*at);
                });
            }
            EventKind::FollowUpCancelled { follow_up, at, .. } => {
                self.update_follow_up(*follow_up, |f| {
                    f.status = FollowUpStatus::Cancelled;
                    f.closed_at = Some(*at);
                });
            }
            EventKind::CadenceSet {
                customer,
                every_days,
            } => {
                self.change_customer(customer, |c| {
                    c.cadence_days = *every_days;
                    c.updated_at = event.at;
                });
            }
            EventKind::SettingsChanged { change } => self.settings.apply(change),
            EventKind::ConsentRecorded {
                customer,
                scope,
                record,
            } => {
                self.change_customer(customer, |c| {
                    c.consent.record(*scope, record.clone());
                    c.updated_at = event.at;
                });
            }
            EventKind::CustomersMerged { merge } => self.apply_merge(event, merge),
            EventKind::CustomersUnmerged { unmerge } => self.apply_unmerge(event, unmerge),
        }
    }

    /// Changes a customer's record (but not the fields other indexes than the owner's read),
    /// keeping the owner's records, which share it, in step.
    fn change_customer(&mut self, id: &CustomerId, change: impl FnOnce(&mut Customer)) {
        if let Some(c) = self.customers.get_mut(id) {
            // Out of the owner's records first, so that the record is copied only when the
            // journal still shares it.
            self.index.unshare_owner(c);
            change(Arc::make_mut(c));
            self.index.share_owner(c);
        }
    }

    /// Changes a follow-up and keeps the due-time index in step.
    fn update_follow_up(&mut self, id: FollowUpId, change: impl FnOnce(&mut FollowUp)) {
        if let Some(f) = self.follow_ups.get_mut(&id) {
            // Out of the indexes first, so that the record is not shared and changes in place.
            self.index.unindex_due(f);
            change(Arc::make_mut(f));
            self.index.index_due(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> CustomerId {
        CustomerId::from_uuid(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn merging_gathered_ids_equals_inserting_them() {
        for (have, add) in [(0, 10), (100, 10), (10, 100), (50, 50)] {
            let mut set: Set<CustomerId> = (0..have).map(|n| id(n * 2)).collect();
            let ids: Vec<CustomerId> = (0..add).rev().map(|n| id(n * 3 + 1)).collect();
            let mut expected = set.clone();
            expected.extend(ids.iter().copied());
            merge(&mut set, ids);
            assert_eq!(set, expected, "{have} + {add}");
        }
    }

    #[test]
    fn contact_holders_stay_canonical() {
        let mut a = ContactIndex::default();
        a.insert(Contact::Email, "x@y.z", id(5));
        a.insert(Contact::Email, "x@y.z", id(3));
        a.insert(Contact::Email, "x@y.z", id(5));
        a.insert(Contact::Email, "x@y.z", id(4));
        a.insert(Contact::Phone, "x@y.z", id(9));
        let holders = |i: &ContactIndex| i.get(Contact::Email, "x@y.z").collect::<Vec<_>>();
        assert_eq!(holders(&a), [id(3), id(4), id(5)]);
        let mut b = ContactIndex::default();
        b.insert(Contact::Phone, "x@y.z", id(9));
        b.insert(Contact::Email, "x@y.z", id(4));
        b.insert(Contact::Email, "x@y.z", id(3));
        b.insert(Contact::Email, "x@y.z", id(5));
        assert_eq!(a, b);
        a.remove(Contact::Email, "x@y.z", id(3));
        assert_eq!(holders(&a), [id(4), id(5)]);
        a.remove(Contact::Email, "x@y.z", id(5));
        a.remove(Contact::Email, "x@y.z", id(7));
        assert_eq!(holders(&a), [id(4)]);
        assert!(a.more.is_empty());
        a.remove(Contact::Email, "x@y.z", id(4));
        assert_eq!(holders(&a), []);
        assert_eq!(a.get(Contact::Phone, "x@y.z").collect::<Vec<_>>(), [id(9)]);
        a.remove(Contact::Phone, "x@y.z", id(9));
        assert_eq!(a, ContactIndex::default());
    }
}
