//! Folding merges and unmerges into the state (infallible, like every `apply`).

use std::sync::Arc;

use super::{Absorbed, Merge, MergeRecord, Undone, Unmerge};
use crate::customer::Customer;
use crate::event::Event;
use crate::id::CustomerId;
use crate::state::{State, add, remove};

impl State {
    pub(crate) fn apply_merge(&mut self, event: &Event, merge: &Arc<Merge>) {
        let survivor = merge.survivor();
        for a in &merge.absorbed {
            let id = a.customer.id;
            if let Some(old) = self.customers.remove(&id) {
                self.index.unindex_customer(&old);
            }
            self.merged_into.insert(id, merge.id);
            self.repoint(a, survivor);
        }
        self.put_customer(Arc::clone(&merge.survivor_after));
        self.merges.insert(
            merge.id,
            MergeRecord {
                merge: Arc::clone(merge),
                seq: event.seq,
                at: event.at,
                actor: event.actor.clone(),
                undone: None,
            },
        );
    }

    pub(crate) fn apply_unmerge(&mut self, event: &Event, unmerge: &Arc<Unmerge>) {
        self.put_customer(Arc::clone(&unmerge.survivor));
        for a in &unmerge.restored {
            let id = a.customer.id;
            self.put_customer(Arc::clone(&a.customer));
            if self.merged_into.get(&id) == Some(&unmerge.merge) {
                self.merged_into.remove(&id);
            }
            self.repoint(a, id);
        }
        if let Some(m) = self.merges.get_mut(&unmerge.merge) {
            m.undone = Some(Undone {
                seq: event.seq,
                at: event.at,
                actor: event.actor.clone(),
                reason: unmerge.reason.clone(),
            });
        }
    }

    /// Puts a customer's record in place of the one with its id (if any), re-indexed.
    fn put_customer(&mut self, c: Arc<Customer>) {
        if let Some(old) = self.customers.insert(c.id, Arc::clone(&c)) {
            self.index.unindex_customer(&old);
        }
        self.index.index_customer(&c, None);
    }

    /// Moves the items listed in `a` to the customer `to`.
    fn repoint(&mut self, a: &Absorbed, to: CustomerId) {
        let index = &mut self.index;
        for id in &a.interactions {
            if let Some(i) = self.interactions.get_mut(id) {
                remove(&mut index.timeline, &i.customer, &(i.at, i.id));
                i.customer = to;
                add(&mut index.timeline, &to, (i.at, i.id));
            }
        }
        for id in &a.cases {
            if let Some(c) = self.cases.get_mut(id) {
                remove(&mut index.cases, &c.customer, &c.id);
                c.customer = to;
                add(&mut index.cases, &to, c.id);
            }
        }
        for id in &a.follow_ups {
            if let Some(f) = self.follow_ups.get_mut(id) {
                remove(&mut index.follow_ups, &f.customer, &f.id);
                // Out of the due-time indexes first, so the shared record changes in place.
                index.unindex_due(f);
                Arc::make_mut(f).customer = to;
                index.index_due(f);
                add(&mut index.follow_ups, &to, f.id);
            }
        }
    }
}
