//! The book's state and its indexes, built by folding events. `apply` cannot fail: every
//! event was validated before it was recorded, and replaying a journal must always work.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use foldhash::HashMap;

use crate::customer::Customer;
use crate::event::{Event, EventKind};
use crate::id::{CaseId, CustomerId, InteractionId};
use crate::interaction::{Case, CaseStatus, Interaction};
use crate::lifecycle::Stage;

type Set<T> = BTreeSet<T>;

/// Everything the book knows, with the indexes its reads use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub(crate) customers: BTreeMap<CustomerId, Customer>,
    pub(crate) interactions: BTreeMap<InteractionId, Interaction>,
    pub(crate) cases: BTreeMap<CaseId, Case>,
    pub(crate) index: Indexes,
    pub(crate) last_seq: u64,
}

/// Secondary indexes, kept in step with the records by `apply`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Indexes {
    pub(crate) email: HashMap<String, CustomerId>,
    pub(crate) phone: HashMap<String, Set<CustomerId>>,
    pub(crate) stage: HashMap<Stage, Set<CustomerId>>,
    pub(crate) tag: HashMap<String, Set<CustomerId>>,
    pub(crate) owner: HashMap<String, Set<CustomerId>>,
    pub(crate) timeline: HashMap<CustomerId, Set<(DateTime<Utc>, InteractionId)>>,
    pub(crate) cases: HashMap<CustomerId, Set<CaseId>>,
}

fn add<K: std::hash::Hash + Eq, V: Ord>(map: &mut HashMap<K, Set<V>>, key: K, v: V) {
    map.entry(key).or_default().insert(v);
}

fn remove<K: std::hash::Hash + Eq + std::borrow::Borrow<Q>, Q, V: Ord>(
    map: &mut HashMap<K, Set<V>>,
    key: &Q,
    v: &V,
) where
    Q: std::hash::Hash + Eq + ?Sized,
{
    if let Some(set) = map.get_mut(key) {
        set.remove(v);
        if set.is_empty() {
            map.remove(key);
        }
    }
}

impl Indexes {
    fn index_customer(&mut self, c: &Customer) {
        for e in &c.emails {
            self.email.insert(e.normalized().to_owned(), c.id);
        }
        for p in &c.phones {
            add(&mut self.phone, p.e164().to_owned(), c.id);
        }
        add(&mut self.stage, c.stage.clone(), c.id);
        for t in &c.tags {
            add(&mut self.tag, t.clone(), c.id);
        }
        if let Some(o) = &c.owner {
            add(&mut self.owner, o.clone(), c.id);
        }
    }

    fn unindex_customer(&mut self, c: &Customer) {
        for e in &c.emails {
            if self.email.get(e.normalized()) == Some(&c.id) {
                self.email.remove(e.normalized());
            }
        }
        for p in &c.phones {
            remove(&mut self.phone, p.e164(), &c.id);
        }
        remove(&mut self.stage, &c.stage, &c.id);
        for t in &c.tags {
            remove(&mut self.tag, t.as_str(), &c.id);
        }
        if let Some(o) = &c.owner {
            remove(&mut self.owner, o.as_str(), &c.id);
        }
    }
}

impl State {
    /// Folds one event into the state. Events about unknown records are ignored, so that a
    /// partial or redacted journal still replays.
    pub(crate) fn apply(&mut self, event: &Event) {
        self.last_seq = self.last_seq.max(event.seq);
        match &event.event {
            EventKind::CustomerCreated { customer } => {
                if let Some(old) = self.customers.remove(&customer.id) {
                    self.index.unindex_customer(&old);
                }
                self.index.index_customer(customer);
                self.customers.insert(customer.id, (**customer).clone());
            }
            EventKind::CustomerUpdated { customer, changes } => {
                if let Some(c) = self.customers.get_mut(customer) {
                    self.index.unindex_customer(c);
                    changes.apply_to(c);
                    c.updated_at = event.at;
                    self.index.index_customer(c);
                }
            }
            EventKind::StageChanged { customer, change } => {
                if let Some(c) = self.customers.get_mut(customer) {
                    remove(&mut self.index.stage, &c.stage, &c.id);
                    c.stage = change.to.clone();
                    c.stage_history.push(change.clone());
                    c.updated_at = event.at;
                    add(&mut self.index.stage, c.stage.clone(), c.id);
                }
            }
            EventKind::InteractionLogged { interaction } => {
                if let Some(old) = self.interactions.get(&interaction.id) {
                    remove(&mut self.index.timeline, &old.customer, &(old.at, old.id));
                }
                add(
                    &mut self.index.timeline,
                    interaction.customer,
                    (interaction.at, interaction.id),
                );
                self.interactions
                    .insert(interaction.id, (**interaction).clone());
            }
            EventKind::CaseOpened { case } => {
                add(&mut self.index.cases, case.customer, case.id);
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
        }
    }
}
