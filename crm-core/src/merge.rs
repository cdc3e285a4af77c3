//! Merging duplicate customers, and undoing a merge.
//!
//! [`Crm::merge`] folds one or more duplicate records (the *absorbed* customers) into a
//! *survivor*:
//!
//! - each field of the survivor is chosen by a declarative [`MergePlan`] (by default: the
//!   survivor's value if it has one, else the first other record's; every email, phone,
//!   address and tag of every record; the furthest lifecycle stage; the earliest
//!   `created_at`); consent is merged conservatively (an opt-out or a do-not-contact on any
//!   record wins); every record's stage history is kept, in time order;
//! - every interaction (purchases included), case and follow-up of the absorbed customers
//!   moves to the survivor;
//! - the absorbed customers leave the book: lookups by their id fail with
//!   [`Error::Merged`] (kind `not_found`, code `merged`), which names the survivor;
//!   [`Crm::resolve_customer`] and [`Crm::merged_into`] follow the redirect (through later
//!   merges too). Their ids stay reserved, so that an unmerge can bring them back.
//!
//! [`Crm::merge_preview`] shows the merged customer, where each field came from and what
//! would move, without changing anything.
//!
//! A merge is one event ([`EventKind::CustomersMerged`])
//! that records who, when, why and the match scores, the survivor before and after, each
//! absorbed record as it was, and the id of every item that moved: applying it needs nothing
//! else, and a replayed journal gives the same book.
//!
//! [`Crm::unmerge`] undoes a merge, also as one event: the absorbed customers come back
//! exactly as they were, with every item that moved (and bound by any opt-out given
//! since: consent is never loosened by an unmerge). What happened after the merge
//! survives: items created on the survivor since stay with the survivor, and items that
//! moved back keep their later changes (a follow-up completed since stays completed). The
//! survivor's fields go back to what they were before the merge unless they changed since
//! (then the change is kept, minus the values the merge brought in); see
//! [`UnmergeOutcome::kept`] and the rule in full on [`Crm::unmerge`].
//!
//! Merges that share a customer are undone in reverse order, like an undo stack: a merge
//! whose survivor was later absorbed by another merge, or later absorbed more customers,
//! can be undone once those later merges are.
//!
//! ```
//! use crm_core::{Crm, MergeRequest, NewCustomer};
//!
//! let mut crm = Crm::new();
//! let ada = crm.create_customer(NewCustomer::default().with_name("Ada", "Lovelace").with_email("ada@example.com"))?.id;
//! let dup = crm.create_customer(NewCustomer::default().with_email("ADA.L@example.org").with_tag("vip"))?.id;
//!
//! let outcome = crm.merge(MergeRequest::new(ada, [dup]).because("same person").by("sam"))?;
//! let merged = crm.customer(ada)?;
//! assert_eq!(merged.emails.len(), 2);
//! assert!(merged.tags.contains("vip"));
//! assert_eq!(crm.customer(dup).unwrap_err().code(), "merged");
//! assert_eq!(crm.find_by_email("ada.l@example.org").map(|c| c.id), Some(ada));
//!
//! crm.unmerge(outcome.merge, Some("not the same person"), Some("sam"))?;
//! assert_eq!(crm.customer(ada)?.emails.len(), 1);
//! assert!(crm.customer(dup)?.tags.contains("vip"));
//! # Ok::<(), crm_core::Error>(())
//! ```

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::crm::Crm;
use crate::customer::Customer;
use crate::error::{Error, Result};
use crate::event::EventKind;
use crate::id::{CaseId, CustomerId, FollowUpId, InteractionId, MergeId};
use crate::interaction::free_text;

mod apply;
mod explicit;
mod plan;
mod survivorship;
mod undo;

pub use plan::{FieldChoice, MergePlan, Rule, Source};

/// A merge to make: the survivor, the customers it absorbs, the plan, and who and why.
///
/// ```
/// use crm_core::{CustomerId, MergeRequest};
/// use crm_core::merge::{MergePlan, Rule};
///
/// let (a, b) = (CustomerId::parse("0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11")?, CustomerId::parse("0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a12")?);
/// let request = MergeRequest::new(a, [b])
///     .with_plan(MergePlan::new().field("name", Rule::MostComplete))
///     .by("sam")
///     .because("same phone and name")
///     .with_scores(serde_json::json!({"total": 14.2, "email": "exact"}));
/// assert_eq!(request.others, [b]);
/// # Ok::<(), crm_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MergeRequest {
    /// The customer that stays (its id is the merged customer's).
    pub survivor: CustomerId,
    /// The duplicates it absorbs (at least one; neither the survivor nor a repeat).
    pub others: Vec<CustomerId>,
    /// How each field is chosen.
    #[serde(default)]
    pub plan: MergePlan,
    /// Who merges.
    #[serde(default)]
    pub actor: Option<String>,
    /// Why (kept in the journal; at most 1,000 characters).
    #[serde(default)]
    pub reason: Option<String>,
    /// The evidence for the merge, e.g. a matcher's scores and per-field explanation; any
    /// JSON nested at most [`MAX_SCORES_DEPTH`] arrays and objects deep, kept in the journal
    /// as given (`null` counts as none).
    #[serde(default)]
    pub scores: Option<serde_json::Value>,
}

/// How many arrays and objects deep a merge's `scores` may nest: the journal's and the
/// snapshot's reader stop at 128 levels in all, and what a book writes must read back.
pub const MAX_SCORES_DEPTH: usize = 64;

/// Refuses `scores` nested deeper than [`MAX_SCORES_DEPTH`] (counted without recursion, so
/// that any value can be checked).
fn check_scores(scores: Option<&serde_json::Value>) -> Result<()> {
    use serde_json::Value;
    let mut open: Vec<(&Value, usize)> = scores.into_iter().map(|v| (v, 0)).collect();
    while let Some((v, depth)) = open.pop() {
        let inner = depth + 1;
        match v {
            Value::Array(items) => open.extend(items.iter().map(|x| (x, inner))),
            Value::Object(fields) => open.extend(fields.values().map(|x| (x, inner))),
            _ => continue,
        }
        if inner > MAX_SCORES_DEPTH {
            return Err(Error::invalid(
                "scores",
                "",
                format!(
                    "nested more than {MAX_SCORES_DEPTH} arrays and objects deep: the \
                     journal could not read it back"
                ),
            ));
        }
    }
    Ok(())
}

impl MergeRequest {
    /// Merges `others` into `survivor` with the default plan.
    pub fn new(survivor: CustomerId, others: impl IntoIterator<Item = CustomerId>) -> Self {
        Self {
            survivor,
            others: others.into_iter().collect(),
            plan: MergePlan::default(),
            actor: None,
            reason: None,
            scores: None,
        }
    }

    /// Sets the plan.
    #[must_use]
    pub fn with_plan(mut self, plan: MergePlan) -> Self {
        self.plan = plan;
        self
    }

    /// Sets who merges.
    #[must_use]
    pub fn by(mut self, actor: impl Into<String>) -> Self {
        self.actor = Some(actor.into());
        self
    }

    /// Sets why.
    #[must_use]
    pub fn because(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// Attaches the evidence (match scores, explanation).
    #[must_use]
    pub fn with_scores(mut self, scores: serde_json::Value) -> Self {
        self.scores = Some(scores);
        self
    }
}

/// How many items move from the absorbed customers to the survivor (or back, on unmerge).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MoveCounts {
    /// Interactions, purchases included.
    pub interactions: usize,
    /// Of which purchases.
    pub purchases: usize,
    /// Cases (complaints).
    pub cases: usize,
    /// Follow-ups, all statuses.
    pub follow_ups: usize,
    /// Of which still pending (open or snoozed).
    pub pending_follow_ups: usize,
    /// Stage changes in the absorbed customers' histories.
    pub stage_changes: usize,
}

/// What a merge would do: see [`Crm::merge_preview`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct MergePreview {
    /// The survivor as it would be after the merge.
    pub customer: Customer,
    /// The customers that would be absorbed, as given.
    pub absorbed: Vec<CustomerId>,
    /// Field by field: the rule applied and where the value came from.
    pub fields: Vec<FieldChoice>,
    /// What would move to the survivor.
    pub moved: MoveCounts,
}

/// What a merge did: see [`Crm::merge`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct MergeOutcome {
    /// The merge's id, for [`Crm::unmerge`].
    pub merge: MergeId,
    /// The journal position of the merge's event.
    pub seq: u64,
    /// The survivor.
    pub survivor: CustomerId,
    /// The customers absorbed.
    pub absorbed: Vec<CustomerId>,
    /// Field by field: the rule applied and where the value came from.
    pub fields: Vec<FieldChoice>,
    /// What moved to the survivor.
    pub moved: MoveCounts,
}

/// What an unmerge did: see [`Crm::unmerge`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UnmergeOutcome {
    /// The merge undone.
    pub merge: MergeId,
    /// The journal position of the unmerge's event.
    pub seq: u64,
    /// The survivor of the merge.
    pub survivor: CustomerId,
    /// The customers restored.
    pub restored: Vec<CustomerId>,
    /// The survivor's fields that changed after the merge and were kept (minus what the
    /// merge brought in), e.g. `["company", "tags"]`; every other field went back to its
    /// value before the merge.
    pub kept: Vec<String>,
    /// What moved back to the restored customers.
    pub moved: MoveCounts,
}

/// One absorbed customer in a merge: its record as it was, and the items that moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Absorbed {
    /// The record as it was just before the merge.
    pub customer: Arc<Customer>,
    /// Its interactions (purchases included).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interactions: Vec<InteractionId>,
    /// Its cases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<CaseId>,
    /// Its follow-ups (all statuses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<FollowUpId>,
}

/// A merge as recorded in the journal ([`EventKind::CustomersMerged`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Merge {
    /// The merge's id.
    pub id: MergeId,
    /// The survivor just before the merge.
    pub survivor_before: Arc<Customer>,
    /// The survivor as the merge made it.
    pub survivor_after: Arc<Customer>,
    /// The absorbed customers, in the order given, with the items that moved.
    pub absorbed: Vec<Absorbed>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The evidence given (match scores, explanation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<serde_json::Value>,
    /// The plan used.
    #[serde(default, skip_serializing_if = "MergePlan::is_default")]
    pub plan: MergePlan,
}

impl Merge {
    /// The survivor's id.
    pub fn survivor(&self) -> CustomerId {
        self.survivor_after.id
    }

    /// The absorbed customers' ids.
    pub fn absorbed_ids(&self) -> Vec<CustomerId> {
        self.absorbed.iter().map(|a| a.customer.id).collect()
    }
}

/// An unmerge as recorded in the journal ([`EventKind::CustomersUnmerged`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unmerge {
    /// The merge undone.
    pub merge: MergeId,
    /// The survivor's record after the unmerge.
    pub survivor: Arc<Customer>,
    /// The restored customers, as they were before the merge, with the items that move
    /// back to them (those that moved in the merge, and interactions logged since about
    /// their cases).
    pub restored: Vec<Absorbed>,
    /// The survivor's fields kept as changed after the merge.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<String>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A merge the book knows, and whether it was undone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MergeRecord {
    /// The merge, as recorded.
    pub merge: Arc<Merge>,
    /// The journal position of its event.
    pub seq: u64,
    /// When it was made.
    #[serde(with = "crate::json::instant")]
    pub at: DateTime<Utc>,
    /// Who made it.
    pub actor: Option<String>,
    /// When and by whom it was undone, if it was.
    pub undone: Option<Undone>,
}

/// When and by whom a merge was undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Undone {
    /// The journal position of the unmerge's event.
    pub seq: u64,
    /// When.
    #[serde(with = "crate::json::instant")]
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

/// A merge checked and built, not yet recorded.
struct Prepared {
    customer: Customer,
    fields: Vec<FieldChoice>,
    absorbed: Vec<Absorbed>,
    moved: MoveCounts,
}

fn clean_actor(a: Option<&str>) -> Option<String> {
    a.map(crate::contact::text::clean).filter(|s| !s.is_empty())
}

impl Crm {
    /// The error for a customer id that names no live customer: [`Error::Merged`] for an
    /// absorbed one, else [`Error::NotFound`]. `field` names where the id was given.
    pub(crate) fn missing_customer(&self, id: CustomerId, field: &str) -> Error {
        match self.state().merged_into.get(&id) {
            Some(merge) => Error::Merged {
                field: field.to_owned(),
                id: id.to_string(),
                into: self.merged_into(id).unwrap_or(id).to_string(),
                merge: merge.to_string(),
            },
            None => Error::not_found("customer", id),
        }
    }

    fn live(&self, id: CustomerId, field: &str) -> Result<&Arc<Customer>> {
        self.state()
            .customers
            .get(&id)
            .ok_or_else(|| self.missing_customer(id, field))
    }

    /// Counts what the items in `absorbed` amount to.
    fn count(&self, absorbed: &[Absorbed]) -> MoveCounts {
        let state = self.state();
        let mut n = MoveCounts::default();
        for a in absorbed {
            n.interactions += a.interactions.len();
            n.purchases += a
                .interactions
                .iter()
                .filter(|i| {
                    state
                        .interactions
                        .get(i)
                        .is_some_and(|i| i.purchase.is_some())
                })
                .count();
            n.cases += a.cases.len();
            n.follow_ups += a.follow_ups.len();
            n.pending_follow_ups += a
                .follow_ups
                .iter()
                .filter(|f| {
                    state
                        .follow_ups
                        .get(f)
                        .is_some_and(|f| f.status.is_pending())
                })
                .count();
            n.stage_changes += a.customer.stage_history.len();
        }
        n
    }

    fn prepare(
        &self,
        survivor: CustomerId,
        others: &[CustomerId],
        plan: &MergePlan,
        actor: Option<String>,
        created: Option<&Arc<Customer>>,
    ) -> Result<Prepared> {
        let s = self.live(survivor, "survivor")?;
        // A customer among `others` that is not in the book yet (`Crm::merge_created`).
        let created = |id: &CustomerId| created.filter(|c| c.id == *id);
        if others.is_empty() {
            return Err(Error::invalid(
                "others",
                "",
                "name at least one customer to merge into the survivor",
            ));
        }
        let mut group = Vec::with_capacity(others.len() + 1);
        group.push(survivor);
        for (i, id) in others.iter().enumerate() {
            let field = format!("others[{i}]");
            if *id == survivor {
                return Err(Error::invalid(
                    field,
                    id,
                    "this is the survivor: a customer cannot be merged into itself",
                ));
            }
            if let Some(j) = others[..i].iter().position(|o| o == id) {
                return Err(Error::invalid(
                    field,
                    id,
                    format!("listed twice (also others[{j}])"),
                ));
            }
            if created(id).is_none() {
                self.live(*id, &field)?;
            }
            group.push(*id);
        }
        let resolved = plan::Resolved::new(plan, &group)?;
        let state = self.state();
        let records: Vec<&Customer> = resolved
            .order
            .iter()
            .filter_map(|id| state.customers.get(id).or_else(|| created(id)))
            .map(|c| &**c)
            .collect();
        let input = survivorship::Input {
            records,
            survivor: s,
            plan: &resolved,
            model: self.lifecycle(),
            region: self.default_region(),
            now: self.clock_now(),
            actor,
        };
        let built = survivorship::build(&input, |t| state.index.shared_tag(t))?;
        for e in &built.customer.emails {
            if let Some(holder) = state
                .holders_of_email(e.normalized())
                .find(|c| !group.contains(&c.id))
            {
                return Err(Error::Conflict {
                    field: "emails".to_owned(),
                    value: e.normalized().to_owned(),
                    holder: holder.id.to_string(),
                });
            }
        }
        let absorbed: Vec<Absorbed> = others
            .iter()
            .filter_map(|id| state.customers.get(id).or_else(|| created(id)))
            .map(|c| {
                let index = &state.index;
                Absorbed {
                    customer: Arc::clone(c),
                    interactions: index
                        .timeline
                        .get(&c.id)
                        .into_iter()
                        .flatten()
                        .map(|(_, i)| *i)
                        .collect(),
                    cases: index
                        .cases
                        .get(&c.id)
                        .into_iter()
                        .flatten()
                        .copied()
                        .collect(),
                    follow_ups: index
                        .follow_ups
                        .get(&c.id)
                        .into_iter()
                        .flatten()
                        .copied()
                        .collect(),
                }
            })
            .collect();
        let moved = self.count(&absorbed);
        Ok(Prepared {
            customer: built.customer,
            fields: built.fields,
            absorbed,
            moved,
        })
    }

    /// What merging `others` into `survivor` by `plan` would give: the merged customer,
    /// where each field would come from, and how many items would move. Changes nothing.
    ///
    /// # Errors
    /// As [`Crm::merge`].
    ///
    /// ```
    /// use crm_core::{Crm, NewCustomer};
    /// use crm_core::merge::{MergePlan, Rule, Source};
    ///
    /// let mut crm = Crm::new();
    /// let a = crm.create_customer(NewCustomer::default().with_email("kim@example.com"))?.id;
    /// let mut new = NewCustomer::default().with_name("Kim", "Lee");
    /// new.company = Some("ACME".into());
    /// let b = crm.create_customer(new)?.id;
    ///
    /// let preview = crm.merge_preview(a, &[b], &MergePlan::default())?;
    /// assert_eq!(preview.customer.id, a);
    /// assert_eq!(preview.customer.company.as_deref(), Some("ACME"));
    /// let name = preview.fields.iter().find(|f| f.field == "name").unwrap();
    /// assert_eq!(name.source, Source::Record(b));
    /// assert_eq!(crm.len(), 2, "nothing changed");
    ///
    /// let plan = MergePlan::new().field("company", Rule::Value("ACME Ltd".into()));
    /// assert_eq!(crm.merge_preview(a, &[b], &plan)?.customer.company.as_deref(), Some("ACME Ltd"));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn merge_preview(
        &self,
        survivor: CustomerId,
        others: &[CustomerId],
        plan: &MergePlan,
    ) -> Result<MergePreview> {
        self.preview(survivor, others, plan, None)
    }

    /// The preview of merging `others` into `survivor` by `plan`, on behalf of `actor`.
    fn preview(
        &self,
        survivor: CustomerId,
        others: &[CustomerId],
        plan: &MergePlan,
        actor: Option<String>,
    ) -> Result<MergePreview> {
        let p = self.prepare(survivor, others, plan, actor, None)?;
        Ok(MergePreview {
            customer: p.customer,
            absorbed: others.to_vec(),
            fields: p.fields,
            moved: p.moved,
        })
    }

    /// What [`Crm::merge`] of `request` would give, its `actor` included (the stage change
    /// a merge may add names who merged): [`Crm::merge_preview`] for a request. Its reason
    /// and scores are not checked. Changes nothing.
    ///
    /// # Errors
    /// As [`Crm::merge_preview`].
    ///
    /// ```
    /// use std::sync::Arc;
    /// use crm_core::{Crm, MergeRequest, NewCustomer};
    /// use crm_core::clock::FixedClock;
    ///
    /// let clock = Arc::new(FixedClock::new("2026-03-02T09:00:00Z".parse().unwrap()));
    /// let mut crm = Crm::builder().clock(clock.clone()).build();
    /// let b = crm.create_customer(NewCustomer::default().with_email("bo@example.com").with_stage("customer"))?.id;
    /// clock.advance(chrono::Duration::hours(1));
    /// let a = crm.create_customer(NewCustomer::default().with_name("Bo", "Li").with_stage("lead"))?.id;
    /// let request = MergeRequest::new(a, [b]).by("sam");
    /// let preview = crm.preview_merge(&request)?;
    /// // The furthest stage, entered by the merge, by its actor.
    /// assert_eq!(preview.customer.stage_history.last().unwrap().actor.as_deref(), Some("sam"));
    /// crm.merge(request)?;
    /// assert_eq!(&preview.customer, crm.customer(a)?);
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn preview_merge(&self, request: &MergeRequest) -> Result<MergePreview> {
        self.preview(
            request.survivor,
            &request.others,
            &request.plan,
            clean_actor(request.actor.as_deref()),
        )
    }

    /// Merges the request's `others` into its `survivor` (see the [module
    /// documentation](crate::merge)): one event, applied at once.
    ///
    /// # Errors
    /// - [`Error::InvalidValue`] naming the field: `others` empty; `others[i]` the survivor
    ///   itself or listed twice; a plan with an unknown field, a rule that does not apply to
    ///   its field (`plan.fields.name`: `union`), a record that is not being merged, or an
    ///   explicit value that fails validation (`plan.fields.emails[1]`, with the field's own
    ///   error code); a plan that leaves no name, email or phone; an overlong `reason`.
    /// - [`Error::NotFound`] for an unknown id; [`Error::Merged`] (field `survivor` or
    ///   `others[i]`) for a customer already absorbed by another merge.
    /// - [`Error::Conflict`] when an explicit email is held by a customer outside the merge.
    ///
    /// ```
    /// use crm_core::{Crm, MergeRequest, NewCustomer};
    /// use crm_core::interaction::{Channel, Direction, InteractionKind, NewInteraction};
    ///
    /// let mut crm = Crm::new();
    /// let a = crm.create_customer(NewCustomer::default().with_name("Bo", "Li").with_stage("lead"))?.id;
    /// let b = crm.create_customer(NewCustomer::default().with_email("bo@example.com").with_stage("customer"))?.id;
    /// crm.log_interaction(NewInteraction::new(b, Channel::Email, Direction::Inbound, InteractionKind::Inquiry))?;
    ///
    /// let out = crm.merge(MergeRequest::new(a, [b]).because("same person"))?;
    /// assert_eq!(out.moved.interactions, 1);
    /// let merged = crm.customer(a)?;
    /// assert_eq!(merged.stage.as_str(), "customer", "the furthest stage");
    /// assert_eq!(crm.timeline(a, &Default::default())?.len(), 1);
    /// assert_eq!(crm.merged_into(b), Some(a));
    ///
    /// let err = crm.merge(MergeRequest::new(a, [a])).unwrap_err();
    /// assert_eq!((err.field(), err.code()), (Some("others[0]"), "invalid_value"));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn merge(&mut self, request: MergeRequest) -> Result<MergeOutcome> {
        self.merge_created(request, None)
    }

    /// [`Crm::merge`], where `created` (when given) is a customer not yet in the book,
    /// among the request's `others`: it is created and merged by one command, both events
    /// recorded together, so that the book never holds it unmerged.
    pub(crate) fn merge_created(
        &mut self,
        request: MergeRequest,
        created: Option<(DateTime<Utc>, Customer)>,
    ) -> Result<MergeOutcome> {
        let MergeRequest {
            survivor,
            others,
            plan,
            actor,
            reason,
            scores,
        } = request;
        let reason = free_text("reason", reason.as_deref(), 1_000)?;
        check_scores(scores.as_ref())?;
        let actor = clean_actor(actor.as_deref());
        let created = created.map(|(at, c)| (at, Arc::new(c)));
        let extra = created.as_ref().map(|(_, c)| c);
        let p = self.prepare(survivor, &others, &plan, actor.clone(), extra)?;
        let before = Arc::clone(self.live(survivor, "survivor")?);
        let id = MergeId::from_uuid(self.next_uuid(self.clock_now()));
        let merge = Merge {
            id,
            survivor_before: before,
            survivor_after: Arc::new(p.customer),
            absorbed: p.absorbed,
            reason,
            scores: scores.filter(|s| !s.is_null()),
            plan,
        };
        let merged = EventKind::CustomersMerged {
            merge: Arc::new(merge),
        };
        match created {
            Some((at, customer)) => self.commit_at(
                at,
                actor,
                vec![EventKind::CustomerCreated { customer }, merged],
            )?,
            None => self.commit_events(actor.as_deref(), vec![merged])?,
        }
        Ok(MergeOutcome {
            merge: id,
            seq: self.state().last_seq,
            survivor,
            absorbed: others,
            fields: p.fields,
            moved: p.moved,
        })
    }

    /// Undoes a merge: the absorbed customers come back exactly as they were before it,
    /// with every interaction, case and follow-up that moved (each keeping any change made
    /// to it since). Items created on the survivor after the merge stay with the survivor,
    /// except interactions about a case that moves back (a case keeps its interactions)
    /// and the later occurrences of a recurring follow-up that moves back (done on the
    /// survivor, it made its next one there). One more exception keeps consent: an
    /// opt-out recorded on the merged customer since the merge (a channel or marketing
    /// denied, do-not-contact on) may have come from any of its people, so it holds for
    /// every absorbed customer too (their `updated_at` is then the unmerge's time: the
    /// opt-out was recorded on them); an opt-in stays with the survivor only.
    ///
    /// The survivor's record, field by field: a value still equal to what the merge made
    /// goes back to its value before the merge; a value changed since is kept — for the
    /// lists (emails, phones, addresses, tags) minus the values the merge added and plus
    /// the survivor's own values the merge dropped; the stage goes back unless it changed
    /// since (the history then is the one before the merge plus the changes since).
    /// [`UnmergeOutcome::kept`] names the fields kept.
    ///
    /// # Errors
    /// - [`Error::NotFound`] (entity `merge`) for an unknown merge.
    /// - [`Error::InvalidValue`] (field `merge`): the merge was undone already; its
    ///   survivor was absorbed by a later merge still in effect, or absorbed more
    ///   customers in a later merge still in effect (undo that one first); or it is a
    ///   duplicate guard's merge of a record known only by its match's email, which would
    ///   come back without a name, an email or a phone number.
    /// - [`Error::Conflict`] when an email to restore is held by another customer now (a
    ///   value the merge dropped, or one removed from the merged customer since, that
    ///   another customer was given); nothing changes. The unmerge can go ahead once that
    ///   customer lets the email go.
    /// - [`Error::InvalidValue`] (field `reason`) for an overlong reason.
    ///
    /// ```
    /// use crm_core::{Crm, CustomerPatch, MergeRequest, NewCustomer};
    ///
    /// let mut crm = Crm::new();
    /// let a = crm.create_customer(NewCustomer::default().with_name("Ann", "Ek"))?.id;
    /// let b = crm.create_customer(NewCustomer::default().with_email("ann@example.com").with_owner("joe"))?.id;
    /// let m = crm.merge(MergeRequest::new(a, [b]))?.merge;
    /// let mut patch = CustomerPatch::default();
    /// patch.company = Some(Some("Ek AB".into()));
    /// crm.update_customer(a, patch)?;
    ///
    /// let out = crm.unmerge(m, Some("different people"), None)?;
    /// assert_eq!(out.kept, ["company"]);
    /// let ann = crm.customer(a)?;
    /// assert_eq!(ann.company.as_deref(), Some("Ek AB"), "a later change survives");
    /// assert!(ann.emails.is_empty() && ann.owner.is_none(), "what the merge brought is gone");
    /// assert_eq!(crm.customer(b)?.owner.as_deref(), Some("joe"));
    /// assert_eq!(crm.unmerge(m, None, None).unwrap_err().field(), Some("merge"));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn unmerge(
        &mut self,
        merge: MergeId,
        reason: Option<&str>,
        actor: Option<&str>,
    ) -> Result<UnmergeOutcome> {
        let reason = free_text("reason", reason, 1_000)?;
        let state = self.state();
        let record = state
            .merges
            .get(&merge)
            .ok_or_else(|| Error::not_found("merge", merge))?;
        if let Some(u) = &record.undone {
            return Err(Error::invalid(
                "merge",
                merge,
                format!("this merge was undone already (event {})", u.seq),
            ));
        }
        let m = Arc::clone(&record.merge);
        let survivor = m.survivor();
        if let Some(later) = state.merged_into.get(&survivor) {
            return Err(Error::invalid(
                "merge",
                merge,
                format!(
                    "its survivor {survivor} was absorbed by a later merge {later}; unmerge {later} first"
                ),
            ));
        }
        if let Some(later) = state
            .merges
            .values()
            .filter(|r| r.seq > record.seq && r.undone.is_none() && r.merge.survivor() == survivor)
            .max_by_key(|r| r.seq)
        {
            return Err(Error::invalid(
                "merge",
                merge,
                format!(
                    "its survivor {survivor} absorbed more customers in a later merge {}; unmerge {} first",
                    later.merge.id, later.merge.id
                ),
            ));
        }
        let current = self.live(survivor, "survivor")?;
        // A record the duplicate guard merged on its match's own email may hold nothing
        // else to be known by (a tag, a birthday): it cannot stand alone as a customer.
        if let Some(a) = m.absorbed.iter().find(|a| {
            let c = &a.customer;
            c.name.is_none() && c.emails.is_empty() && c.phones.is_empty()
        }) {
            return Err(Error::invalid(
                "merge",
                merge,
                format!(
                    "{} came in by the duplicate guard with only its match's email to be known by: it cannot stand alone as a customer",
                    a.customer.id
                ),
            ));
        }
        for a in &m.absorbed {
            if state.customers.contains_key(&a.customer.id) {
                return Err(Error::Conflict {
                    field: "id".to_owned(),
                    value: a.customer.id.to_string(),
                    holder: a.customer.id.to_string(),
                });
            }
        }
        let (restored_survivor, kept) = undo::restore(
            &m.survivor_before,
            &m.survivor_after,
            current,
            self.clock_now(),
        );
        // Every email must have one holder afterwards.
        let mut back: Vec<&Customer> = vec![&restored_survivor];
        back.extend(m.absorbed.iter().map(|a| &*a.customer));
        let ids: Vec<CustomerId> = back.iter().map(|c| c.id).collect();
        let mut seen: Vec<(&str, CustomerId)> = Vec::new();
        for c in &back {
            for e in &c.emails {
                let n = e.normalized();
                let clash = seen
                    .iter()
                    .find(|(s, _)| *s == n)
                    .map(|(_, h)| *h)
                    .or_else(|| {
                        state
                            .holders_of_email(n)
                            .find(|h| !ids.contains(&h.id))
                            .map(|h| h.id)
                    });
                if let Some(holder) = clash {
                    return Err(Error::Conflict {
                        field: "email".to_owned(),
                        value: n.to_owned(),
                        holder: holder.to_string(),
                    });
                }
                seen.push((n, c.id));
            }
        }
        // A case and its interactions stay together: what was logged on the survivor since
        // the merge about a case that moves back moves back with it.
        let mut restored_items = m.absorbed.clone();
        let since: Vec<&crate::interaction::Interaction> = state
            .index
            .timeline
            .get(&survivor)
            .into_iter()
            .flatten()
            .filter_map(|(_, i)| state.interactions.get(i))
            .collect();
        for a in &mut restored_items {
            for i in &since {
                if i.case.is_some_and(|c| a.cases.contains(&c)) && !a.interactions.contains(&i.id) {
                    a.interactions.push(i.id);
                }
            }
        }
        // So does a recurring follow-up and the occurrences that came of it since (done
        // on the survivor, it made its next one there).
        let follow_ups: Vec<&crate::schedule::followup::FollowUp> = state
            .index
            .follow_ups
            .get(&survivor)
            .into_iter()
            .flatten()
            .filter_map(|f| state.follow_ups.get(f).map(|f| &**f))
            .collect();
        for i in 0..restored_items.len() {
            let series: Vec<&crate::schedule::followup::FollowUp> = restored_items[i]
                .follow_ups
                .iter()
                .filter_map(|f| state.follow_ups.get(f).map(|f| &**f))
                .filter(|f| f.recurrence.is_some())
                .collect();
            for f in &follow_ups {
                let continues = series.iter().any(|s| {
                    f.occurrence > s.occurrence
                        && (f.series_start, &f.recurrence, f.kind, &f.note)
                            == (s.series_start, &s.recurrence, s.kind, &s.note)
                });
                if continues && restored_items.iter().all(|a| !a.follow_ups.contains(&f.id)) {
                    restored_items[i].follow_ups.push(f.id);
                }
            }
        }
        // An opt-out recorded on the merged customer since the merge may have come from any
        // of its people: it holds for each of them afterwards (an opt-in does not).
        let now = self.clock_now();
        let opt_outs = current.consent.restrictive_since(&m.survivor_after.consent);
        if !opt_outs.is_empty() {
            for a in &mut restored_items {
                let c = Arc::make_mut(&mut a.customer);
                c.consent = c.consent.merge_conservative(&opt_outs);
                c.updated_at = now;
            }
        }
        let moved = self.count(&restored_items);
        let restored = m.absorbed_ids();
        let unmerge = Unmerge {
            merge,
            survivor: Arc::new(restored_survivor),
            restored: restored_items,
            kept: kept.clone(),
            reason,
        };
        self.commit_events(
            actor,
            vec![EventKind::CustomersUnmerged {
                unmerge: Arc::new(unmerge),
            }],
        )?;
        Ok(UnmergeOutcome {
            merge,
            seq: self.state().last_seq,
            survivor,
            restored,
            kept,
            moved,
        })
    }

    /// The merge with this id (undone ones included).
    ///
    /// # Errors
    /// [`Error::NotFound`] (entity `merge`).
    pub fn merge_record(&self, merge: MergeId) -> Result<&MergeRecord> {
        self.state()
            .merges
            .get(&merge)
            .ok_or_else(|| Error::not_found("merge", merge))
    }

    /// Every merge, undone ones included, oldest first.
    pub fn merges(&self) -> impl Iterator<Item = &MergeRecord> {
        self.state().merges.values()
    }

    /// The merges that kept or absorbed the customer `id` (undone ones included), oldest
    /// first: how to find the merge to undo once its outcome is gone.
    ///
    /// ```
    /// use crm_core::{Crm, NewCustomer};
    /// use crm_core::merge::MergeRequest;
    ///
    /// let mut crm = Crm::builder().seed(1).build();
    /// let a = crm.create_customer(NewCustomer::default().with_name("Ann", "Lee"))?.id;
    /// let b = crm.create_customer(NewCustomer::default().with_name("Anne", "Lee"))?.id;
    /// let merged = crm.merge(MergeRequest::new(a, vec![b]))?;
    /// let found: Vec<_> = crm.merges_of(b).map(|m| m.merge.id).collect();
    /// assert_eq!(found, [merged.merge]);
    /// crm.unmerge(found[0], None, None)?;
    /// assert!(crm.merges_of(a).all(|m| m.undone.is_some()));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn merges_of(&self, id: CustomerId) -> impl Iterator<Item = &MergeRecord> {
        self.merges()
            .filter(move |m| m.merge.survivor() == id || m.merge.absorbed_ids().contains(&id))
    }

    /// The customer that now holds the data of the absorbed customer `id` (following later
    /// merges), or `None` if `id` was not absorbed by a merge in effect.
    pub fn merged_into(&self, id: CustomerId) -> Option<CustomerId> {
        let state = self.state();
        let mut at = id;
        let mut found = None;
        // Each step follows a merge made later than the one before; the bound is a guard.
        for _ in 0..=state.merged_into.len() {
            let Some(m) = state.merged_into.get(&at).and_then(|m| state.merges.get(m)) else {
                break;
            };
            at = m.merge.survivor();
            found = Some(at);
        }
        found
    }

    /// The customer with this id, or, for a customer absorbed by a merge, the customer
    /// that holds its data now.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an id the book never held.
    pub fn resolve_customer(&self, id: CustomerId) -> Result<&Customer> {
        match self.merged_into(id) {
            Some(into) => self.customer(into),
            None => self.customer(id),
        }
    }
}

#[cfg(test)]
mod tests;
