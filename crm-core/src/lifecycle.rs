//! Lifecycle stages: the default model, custom models, the rules for moving between stages,
//! and the recorded history of every change.
//!
//! A model has an *ordered* path (in the default model: subscriber → lead →
//! marketing-qualified → sales-qualified → opportunity → customer → advocate) and *side*
//! stages that can be entered from anywhere (disqualified, churned).
//!
//! - Moving forward along the path is always allowed, skips included.
//! - Moving backward needs an explicit reason.
//! - Entering a side stage is always allowed; leaving one needs a reason (a re-activation
//!   is a decision someone should be able to explain later).

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::contact::case;
use crate::error::{Error, Result};

/// The key of a lifecycle stage, e.g. `"sales_qualified"`.
///
/// Stages are plain keys so that custom models need no code; a [`LifecycleModel`] says which
/// keys exist. Keys are lower-case snake_case. A stage is cheap to clone: the key is shared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Stage(Arc<str>);

impl Stage {
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Stage {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Turns "Marketing-Qualified", "marketing qualified" or "MARKETING_QUALIFIED" into the key
/// `marketing_qualified`.
pub(crate) fn stage_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .trim()
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.chars().flat_map(case::lower));
    }
    out
}

/// How a stage change relates to the model's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Move {
    /// Further along the ordered path (skips included).
    Forward,
    /// Back along the ordered path; needs a reason.
    Backward,
    /// Into a side stage (disqualified, churned).
    ToSide,
    /// Out of a side stage; needs a reason.
    FromSide,
}

/// An ordered set of lifecycle stages plus side stages.
///
/// ```
/// use crm_core::lifecycle::{LifecycleModel, Move};
///
/// let model = LifecycleModel::default();
/// let lead = model.stage("Lead")?;
/// let customer = model.stage("customer")?;
/// assert_eq!(model.check_move(&lead, &customer, None)?, Move::Forward);
/// // Going back needs a reason.
/// assert_eq!(model.check_move(&customer, &lead, None).unwrap_err().code(), "invalid_transition");
/// assert_eq!(model.check_move(&customer, &lead, Some("contract cancelled"))?, Move::Backward);
/// # Ok::<(), crm_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleModel {
    name: String,
    ordered: Vec<Stage>,
    side: Vec<Stage>,
}

impl Default for LifecycleModel {
    fn default() -> Self {
        let ordered = [
            "subscriber",
            "lead",
            "marketing_qualified",
            "sales_qualified",
            "opportunity",
            "customer",
            "advocate",
        ];
        Self {
            name: "default".to_owned(),
            ordered: ordered.iter().map(|s| Stage((*s).into())).collect(),
            side: vec![Stage("disqualified".into()), Stage("churned".into())],
        }
    }
}

impl LifecycleModel {
    /// A custom model: `ordered` is the path from first contact onward, `side` the stages that
    /// can be entered from anywhere. Names are turned into snake_case keys.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the path is empty, a name is empty, or a key repeats.
    ///
    /// ```
    /// use crm_core::lifecycle::LifecycleModel;
    /// let m = LifecycleModel::custom("b2b", &["Prospect", "Trial", "Paying"], &["Lost"])?;
    /// assert_eq!(m.initial().as_str(), "prospect");
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn custom(name: &str, ordered: &[&str], side: &[&str]) -> Result<Self> {
        if ordered.is_empty() {
            return Err(Error::invalid(
                "lifecycle.ordered",
                "",
                "a lifecycle model needs at least one ordered stage",
            ));
        }
        let mut seen = Vec::new();
        let mut keys = |list: &[&str], field: &str| -> Result<Vec<Stage>> {
            list.iter()
                .map(|raw| {
                    let key = stage_key(raw);
                    if key.is_empty() {
                        return Err(Error::invalid(field, raw, "a stage name cannot be empty"));
                    }
                    if seen.contains(&key) {
                        return Err(Error::invalid(field, raw, "this stage is listed twice"));
                    }
                    seen.push(key.clone());
                    Ok(Stage(key.into()))
                })
                .collect()
        };
        let ordered = keys(ordered, "lifecycle.ordered")?;
        let side = keys(side, "lifecycle.side")?;
        Ok(Self {
            name: crate::contact::text::clean(name),
            ordered,
            side,
        })
    }

    /// The model's name (`"default"` for the built-in one).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The first ordered stage, where new customers start unless told otherwise.
    pub fn initial(&self) -> &Stage {
        // `custom` refuses an empty path, and `Default` has one.
        &self.ordered[0]
    }

    /// The ordered path.
    pub fn ordered(&self) -> &[Stage] {
        &self.ordered
    }

    /// The side stages.
    pub fn side(&self) -> &[Stage] {
        &self.side
    }

    /// Every stage: the path, then the side stages.
    pub fn stages(&self) -> impl Iterator<Item = &Stage> {
        self.ordered.iter().chain(&self.side)
    }

    /// The position of `stage` on the ordered path, or `None` for a side stage.
    pub fn rank(&self, stage: &Stage) -> Option<usize> {
        self.ordered.iter().position(|s| s == stage)
    }

    /// Reads a stage name ("Sales-Qualified", "sales qualified", "sales_qualified").
    ///
    /// # Errors
    /// [`Error::InvalidStage`] naming the value and the stages the model knows.
    pub fn stage(&self, name: &str) -> Result<Stage> {
        let key = stage_key(name);
        self.stages()
            .find(|s| *s.0 == *key)
            .cloned()
            .ok_or_else(|| Error::InvalidStage {
                field: "stage".to_owned(),
                value: name.to_owned(),
                known: self
                    .stages()
                    .map(Stage::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Whether the model may move a customer from `from` to `to`, given an optional reason.
    ///
    /// # Errors
    /// [`Error::InvalidTransition`] when the stages are the same, or when the move is backward
    /// or out of a side stage and `reason` is missing or blank.
    pub fn check_move(&self, from: &Stage, to: &Stage, reason: Option<&str>) -> Result<Move> {
        let refuse = |why: &str| Error::InvalidTransition {
            from: from.0.to_string(),
            to: to.0.to_string(),
            reason: why.to_owned(),
        };
        if from == to {
            return Err(refuse("the customer is already in this stage"));
        }
        let has_reason = reason.is_some_and(|r| !r.trim().is_empty());
        let mv = match (self.rank(from), self.rank(to)) {
            (Some(a), Some(b)) if b > a => Move::Forward,
            (Some(_), Some(_)) => Move::Backward,
            (_, None) => Move::ToSide,
            (None, Some(_)) => Move::FromSide,
        };
        match mv {
            Move::Backward if !has_reason => Err(refuse(
                "moving back along the lifecycle needs a reason; pass one",
            )),
            Move::FromSide if !has_reason => Err(refuse(
                "leaving a side stage (re-activation) needs a reason; pass one",
            )),
            // Side to side (e.g. disqualified → churned) is also leaving a side stage.
            Move::ToSide if self.rank(from).is_none() && !has_reason => {
                Err(refuse("leaving a side stage needs a reason; pass one"))
            }
            _ => Ok(mv),
        }
    }
}

/// One recorded stage change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StageChange {
    /// The stage before; `None` for the customer's first stage.
    pub from: Option<Stage>,
    /// The stage entered.
    pub to: Stage,
    /// When it happened.
    #[serde(with = "crate::json::instant")]
    pub at: DateTime<Utc>,
    /// Who made the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Why (required for backward moves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl StageChange {
    /// A record of entering `to` from `from`.
    pub fn new(
        from: Option<Stage>,
        to: Stage,
        at: DateTime<Utc>,
        actor: Option<String>,
        reason: Option<String>,
    ) -> Self {
        Self {
            from,
            to,
            at,
            actor,
            reason,
        }
    }
}

/// Answers about one customer's stage history (oldest change first).
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use crm_core::lifecycle::{LifecycleModel, StageChange, StageHistory};
///
/// let m = LifecycleModel::default();
/// let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
/// let changes = vec![
///     StageChange::new(None, m.stage("lead")?, t0, None, None),
///     StageChange::new(Some(m.stage("lead")?), m.stage("customer")?, t0 + Duration::days(10), None, None),
/// ];
/// let h = StageHistory(&changes);
/// assert_eq!(h.entered(&m.stage("customer")?), Some(t0 + Duration::days(10)));
/// assert_eq!(h.time_in(&m.stage("lead")?, t0 + Duration::days(30)), Duration::days(10));
/// assert_eq!(h.time_in(&m.stage("customer")?, t0 + Duration::days(30)), Duration::days(20));
/// # Ok::<(), crm_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct StageHistory<'a>(pub &'a [StageChange]);

impl StageHistory<'_> {
    /// When the customer last entered `stage`, if ever.
    pub fn entered(&self, stage: &Stage) -> Option<DateTime<Utc>> {
        self.0.iter().rev().find(|c| &c.to == stage).map(|c| c.at)
    }

    /// When the customer first entered `stage`, if ever.
    pub fn first_entered(&self, stage: &Stage) -> Option<DateTime<Utc>> {
        self.0.iter().find(|c| &c.to == stage).map(|c| c.at)
    }

    /// Total time spent in `stage` up to `now` (all visits added up).
    pub fn time_in(&self, stage: &Stage, now: DateTime<Utc>) -> Duration {
        let mut total = Duration::zero();
        for (i, change) in self.0.iter().enumerate() {
            if &change.to != stage {
                continue;
            }
            let until = self.0.get(i + 1).map_or(now, |next| next.at);
            if until > change.at {
                total += until - change.at;
            }
        }
        total
    }

    /// The current stage: the last one entered.
    pub fn current(&self) -> Option<&Stage> {
        self.0.last().map(|c| &c.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> LifecycleModel {
        LifecycleModel::default()
    }

    #[test]
    fn keys_accept_common_spellings() {
        let m = m();
        for s in [
            "Marketing-Qualified",
            "marketing qualified",
            " MARKETING_QUALIFIED ",
        ] {
            assert_eq!(m.stage(s).expect("known").as_str(), "marketing_qualified");
        }
        let err = m.stage("prospect").unwrap_err();
        assert_eq!(err.code(), "invalid_stage");
        assert!(err.to_string().contains("subscriber, lead"));
    }

    #[test]
    fn transition_rules() {
        let m = m();
        let s = |n: &str| m.stage(n).expect("known");
        assert_eq!(
            m.check_move(&s("subscriber"), &s("advocate"), None)
                .expect("skip forward"),
            Move::Forward
        );
        assert_eq!(
            m.check_move(&s("lead"), &s("lead"), Some("x"))
                .unwrap_err()
                .code(),
            "invalid_transition"
        );
        assert!(
            m.check_move(&s("customer"), &s("lead"), Some("  "))
                .is_err()
        );
        assert_eq!(
            m.check_move(&s("lead"), &s("churned"), None).expect("side"),
            Move::ToSide
        );
        assert!(m.check_move(&s("churned"), &s("lead"), None).is_err());
        assert_eq!(
            m.check_move(&s("churned"), &s("lead"), Some("came back"))
                .expect("reactivate"),
            Move::FromSide
        );
        assert!(
            m.check_move(&s("churned"), &s("disqualified"), None)
                .is_err()
        );
    }

    #[test]
    fn custom_models_validate() {
        let c = LifecycleModel::custom("b2b", &["Prospect", "Paying"], &["Lost"]).expect("ok");
        assert_eq!(c.stages().count(), 3);
        assert_eq!(c.rank(&c.stage("paying").expect("known")), Some(1));
        assert!(LifecycleModel::custom("x", &[], &[]).is_err());
        assert!(LifecycleModel::custom("x", &["a", "A"], &[]).is_err());
        assert!(LifecycleModel::custom("x", &["a", " "], &[]).is_err());
    }

    #[test]
    fn time_in_stage_adds_visits() {
        let m = m();
        let t = DateTime::from_timestamp(1_700_000_000, 0).expect("valid");
        let lead = m.stage("lead").expect("known");
        let mql = m.stage("mql").ok();
        assert!(mql.is_none());
        let opp = m.stage("opportunity").expect("known");
        let h = vec![
            StageChange::new(None, lead.clone(), t, None, None),
            StageChange::new(
                Some(lead.clone()),
                opp.clone(),
                t + Duration::days(2),
                None,
                None,
            ),
            StageChange::new(
                Some(opp.clone()),
                lead.clone(),
                t + Duration::days(5),
                None,
                Some("stalled".into()),
            ),
        ];
        let hist = StageHistory(&h);
        assert_eq!(
            hist.time_in(&lead, t + Duration::days(6)),
            Duration::days(3)
        );
        assert_eq!(hist.entered(&lead), Some(t + Duration::days(5)));
        assert_eq!(hist.first_entered(&lead), Some(t));
        assert_eq!(hist.current(), Some(&lead));
    }
}
