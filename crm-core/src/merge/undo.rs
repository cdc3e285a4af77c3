//! The survivor's record after an unmerge: what the merge changed goes back, what changed
//! since the merge stays.
//!
//! The rule, per field, comparing the survivor's current record with the record the merge
//! made (`after`) and the one it had before (`before`):
//!
//! - If the whole record is still exactly what the merge made, it becomes `before` again
//!   (`updated_at` included).
//! - A single value (name, birthday, time zone, owner, source, company, cadence,
//!   `created_at`; each attribute key; each consent item) still equal to what the merge
//!   made goes back to its value before the merge; one changed since is kept.
//! - A list (emails, phones, addresses, tags) still equal to what the merge made goes back
//!   to its value before the merge. One edited since keeps the edit, minus the values the
//!   merge added (they return to the absorbed records), plus the survivor's own values the
//!   merge dropped (appended).
//! - The stage: without a stage change since the merge, the stage and history before the
//!   merge come back; otherwise the current stage stays, and the history is the one before
//!   the merge followed by the changes made since.
//! - `updated_at` is the unmerge's time whenever anything was kept.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::survivorship::address_key;
use crate::customer::{Customer, Tags};

/// The survivor's record after undoing the merge `before` → `after`, given its `current`
/// record, and the fields kept as changed since the merge.
pub(crate) fn restore(
    before: &Customer,
    after: &Customer,
    current: &Customer,
    now: DateTime<Utc>,
) -> (Customer, Vec<String>) {
    if current == after {
        return (before.clone(), Vec::new());
    }
    let mut c = current.clone();
    let mut kept = Vec::new();
    scalar("name", &before.name, &after.name, &mut c.name, &mut kept);
    list(
        "emails",
        &before.emails,
        &after.emails,
        &mut c.emails,
        |e| e.normalized().to_owned(),
        &mut kept,
    );
    list(
        "phones",
        &before.phones,
        &after.phones,
        &mut c.phones,
        |p| (p.e164().to_owned(), p.extension().map(str::to_owned)),
        &mut kept,
    );
    list(
        "addresses",
        &before.addresses,
        &after.addresses,
        &mut c.addresses,
        address_key,
        &mut kept,
    );
    scalar(
        "birthday",
        &before.birthday,
        &after.birthday,
        &mut c.birthday,
        &mut kept,
    );
    scalar(
        "time_zone",
        &before.time_zone,
        &after.time_zone,
        &mut c.time_zone,
        &mut kept,
    );
    let mut tags: Vec<Arc<str>> = c.tags.shared().to_vec();
    list(
        "tags",
        before.tags.shared(),
        after.tags.shared(),
        &mut tags,
        Arc::clone,
        &mut kept,
    );
    c.tags = Tags::from_shared(tags);
    // Extended, not collected: collecting sorts, a copy of the sort for one use.
    let mut keys = std::collections::BTreeSet::new();
    keys.extend(
        before
            .attributes
            .keys()
            .chain(after.attributes.keys())
            .chain(current.attributes.keys())
            .cloned(),
    );
    for k in keys {
        let mut v = current.attributes.get(&k).cloned();
        scalar(
            &format!("attributes.{k}"),
            &before.attributes.get(&k).cloned(),
            &after.attributes.get(&k).cloned(),
            &mut v,
            &mut kept,
        );
        match v {
            Some(v) => c.attributes.insert(k, v),
            None => c.attributes.remove(&k),
        };
    }
    scalar(
        "owner",
        &before.owner,
        &after.owner,
        &mut c.owner,
        &mut kept,
    );
    scalar(
        "source",
        &before.source,
        &after.source,
        &mut c.source,
        &mut kept,
    );
    scalar(
        "company",
        &before.company,
        &after.company,
        &mut c.company,
        &mut kept,
    );
    // (A scope may come up more than once: setting it again gives the same record.)
    let mut consent_kept = false;
    for s in before
        .consent
        .scopes()
        .chain(after.consent.scopes())
        .chain(current.consent.scopes())
    {
        let now_item = current.consent.item(s);
        if now_item == after.consent.item(s) {
            c.consent.set_item(s, before.consent.item(s).cloned());
        } else {
            consent_kept = true;
        }
    }
    if consent_kept {
        kept.push("consent".to_owned());
    }
    scalar(
        "cadence",
        &before.cadence_days,
        &after.cadence_days,
        &mut c.cadence_days,
        &mut kept,
    );
    scalar(
        "created_at",
        &before.created_at,
        &after.created_at,
        &mut c.created_at,
        &mut kept,
    );
    // The history only grows: what follows the merge's history are the changes since.
    match current
        .stage_history
        .strip_prefix(after.stage_history.as_slice())
    {
        Some([]) => {
            c.stage = before.stage.clone();
            c.stage_history = before.stage_history.clone();
        }
        Some(since) => {
            kept.push("stage".to_owned());
            c.stage_history = before.stage_history.clone();
            c.stage_history.extend_from_slice(since);
        }
        None => kept.push("stage".to_owned()),
    }
    c.updated_at = now;
    (c, kept)
}

fn scalar<T: PartialEq + Clone>(
    field: &str,
    before: &T,
    after: &T,
    current: &mut T,
    kept: &mut Vec<String>,
) {
    if current == after {
        current.clone_from(before);
    } else {
        kept.push(field.to_owned());
    }
}

fn list<T: PartialEq + Clone, K: PartialEq>(
    field: &str,
    before: &[T],
    after: &[T],
    current: &mut Vec<T>,
    key: impl Fn(&T) -> K,
    kept: &mut Vec<String>,
) {
    if current.as_slice() == after {
        *current = before.to_vec();
        return;
    }
    kept.push(field.to_owned());
    let has = |list: &[T], x: &T| list.iter().any(|y| key(y) == key(x));
    let added: Vec<&T> = after.iter().filter(|x| !has(before, x)).collect();
    current.retain(|x| !added.iter().any(|a| key(a) == key(x)));
    for x in before {
        if !has(after, x) && !has(current, x) {
            current.push(x.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::Email;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 5, h, 0, 0)
            .single()
            .expect("valid")
    }

    fn email(s: &str) -> Email {
        Email::parse(s).expect("valid")
    }

    #[test]
    fn lists_drop_what_the_merge_added_and_keep_later_edits() {
        let before = vec![email("a@x.org"), email("b@x.org")];
        let after = vec![email("a@x.org"), email("b@x.org"), email("c@x.org")];
        let key = |e: &Email| e.normalized().to_owned();
        // Unchanged since: exactly the list before.
        let mut cur = after.clone();
        let mut kept = Vec::new();
        list("emails", &before, &after, &mut cur, key, &mut kept);
        assert_eq!(cur, before);
        assert!(kept.is_empty());
        // Edited since: the edit stays, the merge's value goes.
        let mut cur = vec![email("d@x.org"), email("c@x.org"), email("a@x.org")];
        list("emails", &before, &after, &mut cur, key, &mut kept);
        assert_eq!(cur, [email("d@x.org"), email("a@x.org")]);
        assert_eq!(kept, ["emails"]);
        // A value the merge dropped comes back.
        let after = vec![email("c@x.org")];
        let mut cur = vec![email("c@x.org"), email("e@x.org")];
        let mut kept = Vec::new();
        list("emails", &before, &after, &mut cur, key, &mut kept);
        assert_eq!(cur, [email("e@x.org"), email("a@x.org"), email("b@x.org")]);
    }

    #[test]
    fn scalars_go_back_unless_changed_since() {
        let mut kept = Vec::new();
        let mut cur = Some(2);
        scalar("x", &Some(1), &Some(2), &mut cur, &mut kept);
        assert_eq!(cur, Some(1));
        let mut cur = Some(3);
        scalar("y", &Some(1), &Some(2), &mut cur, &mut kept);
        assert_eq!(cur, Some(3));
        let mut cur = None;
        scalar("z", &None, &Some(2), &mut cur, &mut kept);
        assert_eq!(cur, None, "a value cleared since the merge stays cleared");
        assert_eq!(kept, ["y", "z"]);
        assert!(t(1) < t(2));
    }
}
